#!/usr/bin/env python3
"""The team store's speed on loopback (docs/benchmarks.md, "The team store").

Usage: python3 bench/team-bench.py --binary .build/release/journeywalk-team [--runs 15] [--pull-walks 10000]

Starts a PostgreSQL server of its own (scripts/team-server, with fsync on, as a real server runs),
makes a team with three shoppers and a leader, and times from the command to its exit:

- push of one submitted walk (a new walk each run; the median and the slowest);
- push of 1,000 new walks (`push --all`);
- pull of 10,000 walks into an empty folder (the leader), after a shopper pushed them;
- pull with nothing new (the median of --runs).

The walks are those of bench/make-walks.py in format 3 (chained), finished and submitted.
"""
import argparse
import os
import statistics
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the checkout
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from teamserver import make_walks, new_team, run, timed  # noqa: E402


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", required=True, help="journeywalk-team to measure")
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--pull-walks", type=int, default=10000)
    parser.add_argument("--push-walks", type=int, default=1000)
    options = parser.parse_args()
    binary = os.path.abspath(options.binary)
    members = [("ana", "shopper"), ("bea", "shopper"), ("cat", "shopper"), ("lee", "leader")]
    with new_team(binary, members, prefix="journeywalk-team-bench.") as team:
        person = team.person

        figures = []
        # One submitted walk, a new one each run.
        ana_home, ana_env = person("ana")
        make_walks(ana_home, options.runs)
        single = []
        for name in sorted(os.listdir(os.path.join(ana_home, "walks"))):
            elapsed, output = timed([binary, "push", name[:-len(".jsonl")], "--data-dir", ana_home], ana_env)
            if "sent" not in output:
                sys.exit("the push sent nothing: " + output)
            single.append(elapsed)
        figures.append(("push of one submitted walk (median of %d; slowest)" % len(single), "%.0f ms; %.0f ms" % (statistics.median(single), max(single))))

        bea_home, bea_env = person("bea")
        make_walks(bea_home, options.push_walks, seed=11)
        elapsed, _ = timed([binary, "push", "--all", "--data-dir", bea_home], bea_env)
        figures.append(("push of %d new walks" % options.push_walks, "%.2f s" % (elapsed / 1000)))

        cat_home, cat_env = person("cat")
        make_walks(cat_home, options.pull_walks, seed=13)
        elapsed, _ = timed([binary, "push", "--all", "--data-dir", cat_home], cat_env)
        figures.append(("push of %d new walks (to fill the server for the pull)" % options.pull_walks, "%.2f s" % (elapsed / 1000)))

        lee_home, lee_env = person("lee")
        elapsed, output = timed([binary, "pull", "--data-dir", lee_home], lee_env)
        total = options.runs + options.push_walks + options.pull_walks
        if "Pulled" not in output or ("of %d walks" % total) not in output:
            sys.exit("the pull did not fetch every walk: " + output)
        figures.append(("pull of %d walks into an empty folder" % total, "%.2f s" % (elapsed / 1000)))

        nothing = []
        for _ in range(options.runs):
            elapsed, output = timed([binary, "pull", "--data-dir", lee_home], lee_env)
            if "Nothing new" not in output:
                sys.exit("a pull with nothing new fetched something: " + output)
            nothing.append(elapsed)
        figures.append(("pull with nothing new (median of %d)" % len(nothing), "%.0f ms" % statistics.median(nothing)))

        for what, figure in figures:
            print("%-60s %s" % (what, figure))


if __name__ == "__main__":
    main()

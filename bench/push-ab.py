#!/usr/bin/env python3
"""Two builds' push of 1,000 new walks, alternating (docs/benchmarks.md, "A push's work on the server").

    python3 bench/push-ab.py --before OLD/journeywalk-team --after NEW/journeywalk-team [--rounds 3] [--walks 1000]

Each push goes to a fresh server of scripts/team-server (fsync on) and a new team made by the same
build (so each build's own schema), after bench/make-walks.py wrote the walks: wall time from the
command to its exit, and the push's own CPU time (user + system). Alternating the builds in one run
is what makes them comparable on a machine whose speed moves.
"""
import argparse
import os
import resource
import sys
import time

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from teamserver import make_walks, new_team, run  # noqa: E402


def one(binary, walks):
    with new_team(binary, [("bea", "shopper")], prefix="journeywalk-push-ab.") as team:
        home, env = team.person("bea")
        make_walks(home, walks, seed=11)
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        output = run([binary, "push", "--all", "--data-dir", home], env).stdout
        wall = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        if output.count("sent") < walks:
            sys.exit("the push did not send every walk:\n" + output[-500:])
        return wall, after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--before", required=True)
    parser.add_argument("--after", required=True)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--walks", type=int, default=1000)
    options = parser.parse_args()
    for _ in range(options.rounds):
        for label, binary in (("before", options.before), ("after", options.after)):
            wall, cpu = one(os.path.abspath(binary), options.walks)
            print("%-6s push of %d new walks: %.2f s (the push's CPU %.2f s)" % (label, options.walks, wall, cpu), flush=True)


if __name__ == "__main__":
    main()

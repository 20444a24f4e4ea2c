#!/usr/bin/env python3
"""Assignments and team statistics at scale, on loopback (docs/benchmarks.md, "Waves of visits").

Usage: python3 bench/waves-bench.py --binary .build/release/journeywalk-team [--walks 100000] [--assignments 10000] [--runs 7]

Starts a PostgreSQL server of its own (scripts/team-server, fsync on), makes a team (an admin owner,
20 shoppers, a reviewer), and fills it the fast way, as the database's superuser: `--walks` submitted
walks (rows of journeywalk.walks, spread over the shoppers, 40 locations and 12 months; a quarter
returned once, half approved with a grade, each with a score) with their review events, and
`--assignments` assignments. The walks' records are not made: neither command reads them. Then it
times, from the command to its exit, as the admin: `assignments --format json` (every assignment of
the team) and `team stats --by shopper|location|month|team --format json`; and, as a shopper,
`assignments --mine`. Each figure is the median of --runs, with the slowest.
"""
import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from teamserver import Server, Team, load_average, run  # noqa: E402


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", required=True, help="journeywalk-team to measure")
    parser.add_argument("--walks", type=int, default=100000)
    parser.add_argument("--assignments", type=int, default=10000)
    parser.add_argument("--runs", type=int, default=7)
    options = parser.parse_args()
    binary = os.path.abspath(options.binary)
    work = tempfile.mkdtemp(prefix="journeywalk-waves-bench.")
    server = Server(work, fsync=True)
    server.start()
    try:
        team = Team(server, binary, work)
        shoppers = ["s%02d" % index for index in range(20)]
        team.create([(name, "shopper") for name in shoppers] + [("rita", "reviewer")])
        owner_home, owner_env = team.person("agency")
        shopper_home, shopper_env = team.person("s00")
        owner_env["TZ"] = shopper_env["TZ"] = "UTC"

        def sql(statement):
            return server.psql(statement, database="agency", extra=("-t", "-A")).strip()

        began = time.perf_counter()
        # One real assignment through the product, so the journey's shared copy exists; then the rest by SQL.
        run([binary, "assign", "retail-store-visit", "--to", "s00", "--location", "Branch 0", "--due", "+1d", "--data-dir", owner_home], owner_env)
        copy = sql("SELECT journey_copy FROM journeywalk.assignments LIMIT 1")
        sql("""
            INSERT INTO journeywalk.assignments (journey_id, journey_title, journey_copy, shopper, location, due, window_start, window_end, wave, assigned_by, change)
            SELECT 'retail-store-visit', 'Retail store visit', '%s', 's' || lpad((i %% 20)::text, 2, '0'), 'Branch ' || (i %% 400),
                   current_date + (i %% 90), CASE WHEN i %% 3 = 0 THEN time '18:00' END, CASE WHEN i %% 3 = 0 THEN time '21:00' END,
                   'wave ' || (i %% 12), 'agency', i
            FROM generate_series(2, %d) AS i
            """ % (copy, options.assignments))
        sql("""
            INSERT INTO journeywalk.walks (owner, walk_id, journey_id, journey_title, operator, location, started, format, records, finished, submitted,
                                           revision, state, grade, score, assignment)
            SELECT 's' || lpad((i %% 20)::text, 2, '0'), 'w' || i, 'retail-store-visit', 'Retail store visit', 'Shopper ' || (i %% 20),
                   'Branch ' || (i %% 40), now() - make_interval(days => i %% 365), 3, 30, true, true,
                   CASE WHEN i %% 4 = 0 THEN 2 ELSE 1 END, CASE WHEN i %% 2 = 0 THEN 'approved' ELSE 'submitted' END,
                   CASE WHEN i %% 2 = 0 THEN 1 + i %% 10 END, (i %% 101)::float8, CASE WHEN i %% 10 = 0 THEN 1 + i %% %d END
            FROM generate_series(1, %d) AS i
            """ % (options.assignments, options.walks))
        sql("""
            INSERT INTO journeywalk.review_events (owner, walk_id, revision, kind, by, at, grade, due, change)
            SELECT owner, walk_id, 1, 'submit', owner, started + interval '3 hours', NULL::int, NULL::timestamptz, 1 FROM journeywalk.walks
            UNION ALL
            SELECT owner, walk_id, 1, 'return', 'rita', started + interval '5 hours', NULL, started + interval '3 days', 1
              FROM journeywalk.walks WHERE revision = 2
            UNION ALL
            SELECT owner, walk_id, 2, 'submit', owner, started + interval '30 hours', NULL, NULL, 1
              FROM journeywalk.walks WHERE revision = 2
            UNION ALL
            SELECT owner, walk_id, revision, 'approve', 'rita', started + interval '40 hours', grade, NULL, 1
              FROM journeywalk.walks WHERE state = 'approved'
            """)
        # Change numbers matter only to pulls, which this bench does not make: one for all, then the
        # counter above them (a change taken per row made the fill take minutes).
        sql("UPDATE journeywalk.change_counter SET last = last + 1")
        sql("VACUUM ANALYZE")
        fill = time.perf_counter() - began
        counts = sql("SELECT (SELECT count(*) FROM journeywalk.walks) || ' walks, ' || (SELECT count(*) FROM journeywalk.review_events) || ' review events, ' || (SELECT count(*) FROM journeywalk.assignments) || ' assignments'")
        print("filled in %.1f s: %s" % (fill, counts))

        def timed(arguments, home, person_env, expect):
            times = []
            output = ""
            for _ in range(options.runs + 1):
                start = time.perf_counter()
                output = run([binary] + arguments + ["--data-dir", home], person_env).stdout
                times.append((time.perf_counter() - start) * 1000)
            if expect not in output:
                sys.exit("unexpected output of %s: %s" % (" ".join(arguments), output[:500]))
            times = times[1:]  # the first run warms the server's caches and the binary's pages
            return statistics.median(times), max(times), len(output)

        print("load average before: %s" % load_average())
        rows = [
            ("assignments --format json (admin: all %d)" % options.assignments, ["assignments", "--format", "json"], owner_home, owner_env, '"id":'),
            ("assignments --mine (a shopper)", ["assignments", "--mine"], shopper_home, shopper_env, "ID"),
            ("team stats --format json (admin, %d walks)" % options.walks, ["team", "stats", "--format", "json"], owner_home, owner_env, '"walks":%d' % options.walks),
            ("team stats --by shopper", ["team", "stats", "--by", "shopper"], owner_home, owner_env, "s19"),
            ("team stats --by location", ["team", "stats", "--by", "location"], owner_home, owner_env, "Branch 39"),
            ("team stats --by month --format json", ["team", "stats", "--by", "month", "--format", "json"], owner_home, owner_env, '"by":"month"'),
        ]
        for what, arguments, home, person_env, expect in rows:
            median, slowest, size = timed(arguments, home, person_env, expect)
            print("%-55s %6.0f ms median, %6.0f ms slowest (%d bytes out)" % (what, median, slowest, size))
        print("load average after: %s" % load_average())
    finally:
        server.stop()
        shutil.rmtree(work, ignore_errors=True)

if __name__ == "__main__":
    main()

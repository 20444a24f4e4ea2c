#!/usr/bin/env python3
"""The reviewer's queue on loopback (issue 18, item 6; docs/benchmarks.md, "The review queue").

Usage: python3 bench/queue-bench.py --binary .build/release/journeywalk [--state /tmp/jw-queue-state]
                                    [--walks 10000] [--frame-runs 15] [--event-runs 5] [--json out.json]

Builds nothing: --binary is `journeywalk`, with `journeywalk-team` beside it (as built and installed).

Starts a PostgreSQL server of its own (scripts/team-server, fsync on, TLS on), makes a team (the
admin `agency` who owns it, four shoppers, the reviewer `rita`) and has the shoppers push --walks
submitted walks between them (bench/make-walks.py --format 3 --submitted), then the reviewer pulls
them once (so that opening a walk pulls only what is new, as on a reviewer's machine in use).
Filling takes minutes: with --state DIR the cluster and the members' folders are kept in DIR and the
next run with the same --state starts the server again on them (--fresh fills it anew).

Measured with the product's harness /work/shared/tools/ptytime.py, in a pseudo-terminal of 100x30,
PGPASSWORD in the environment:

- first frame: `journeywalk queue --data-dir RITA` from posix_spawn until the screen shows the
  list's title with every walk counted ("N of 10000 · ") and the footer ("q quit", drawn last);
  --frame-runs runs after one warm-up run, each a new process (connect, TLS, sign-in, the queue
  query, the first frame);
- review events, each one written on the server: in one process the reviewer filters the list on
  `submitted` (walks nobody has claimed yet), then for --claims walks in turn opens it (Enter),
  claims it (`t`) and goes back (`q`), `down` to the next; on the last walk after `t` it writes
  --comments comments, each `down`/`up` (to another touchpoint: a key with no server call, for
  comparison), `c`, the text, Enter. The timed keys are `t` (to the frame saying "Claimed: it is
  yours to review") and the comment's Enter (to "Comment saved on the server"): ptytime's latency
  from writing the key to the pty to the last byte of the response (quiet for --key-quiet ms). The
  screen only changes after the server answered (the program performs the event, then draws), so
  the time is the whole round trip; the bench checks that the server holds one new event per key,
  that the last screen of every run says "Comment saved on the server", and in one more run (not
  timed) that the screen after `t` says "Claimed: it is yours to review".

Also measured, to tell where the time goes (--no-breakdown skips it): the queue's query on the
server as the reviewer (EXPLAIN ANALYZE, row security applying), `journeywalk --help` (a process
start, no server), `journeywalk team status` (both programs' start, connect, TLS, sign-in, a few
small queries) and `journeywalk queue list --format json` (the same with the queue query, printed).

The load average is read before and after every measurement; with --max-load the bench waits (up to
--load-wait s) for the 1-minute load to fall below it before each one.
"""
import argparse
import datetime
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

sys.dont_write_bytecode = True  # no __pycache__ in the checkout
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from teamserver import ROOT, Server, Team, load_average, make_walks, run, timed, write_json  # noqa: E402

PTYTIME = "/work/shared/tools/ptytime.py"
SHOPPERS = ["ana", "bea", "cat", "dan"]
REVIEWER = "rita"
COMMENT = "Checked against the photos, fine"
SAVED = "Comment saved on the server"
CLAIMED = "Claimed: it is yours to review"
# The queue's query as journeywalk sends it (TeamReview.queue, the walks waiting for review).
QUEUE_QUERY = """
SELECT w.owner, w.walk_id, w.journey_title, w.location, w.started, w.state, w.revision, w.claimed_by,
       w.started + make_interval(hours => h.hours), w.return_due, w.grade
FROM journeywalk.walks w,
     (SELECT coalesce((SELECT value FROM journeywalk.settings WHERE key = 'hours_to_client' AND value ~ '^[0-9]{1,5}$')::int, 24) AS hours) h
WHERE w.state IS NOT NULL AND ('{in_review,resubmitted,submitted}'::text[] IS NULL OR w.state = ANY('{in_review,resubmitted,submitted}'::text[]))
ORDER BY 9, w.owner, w.walk_id
"""


class Measurements:
    """What the bench found, with the load average around each measurement."""

    def __init__(self, options):
        self.options = options
        self.loads = []

    def wait_for_load(self, what):
        limit = self.options.max_load
        if limit is None:
            return
        deadline = time.time() + self.options.load_wait
        while float(load_average().split()[0]) >= limit and time.time() < deadline:
            time.sleep(5)
        if float(load_average().split()[0]) >= limit:
            print("  (load %s is still at or above %.2f after %d s: measuring %s anyway)" % (load_average(), limit, self.options.load_wait, what), file=sys.stderr)

    def around(self, what, function):
        """Runs a measurement between two readings of the load average."""
        self.wait_for_load(what)
        before = load_average()
        result = function()
        after = load_average()
        self.loads.append({"what": what, "before": before, "after": after})
        print("  %-44s load %s -> %s" % (what, before, after), file=sys.stderr)
        return result


def ptytime(options, team, keys, runs, json_path, quit_keys="q", screens=False):
    """One call of ptytime on `journeywalk queue` as the reviewer; its JSON."""
    arguments = [sys.executable, options.ptytime, "--size", "100x30", "--ready", options.ready, "--keys", " ".join(keys),
                 "--quit", quit_keys, "--runs", str(runs), "--warmup", str(options.warmup), "--no-time-wrapper",
                 "--key-quiet", str(options.key_quiet), "--key-timeout", "30", "--timeout", "60",
                 "--env", "PGPASSWORD=" + Team.password(REVIEWER), "--env", "HOME=" + team.folder, "--json", json_path]
    if screens:
        arguments.append("--screens")
    arguments += ["--", options.binary, "queue", "--data-dir", team.home(REVIEWER)]
    result = subprocess.run(arguments, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if result.returncode != 0:
        sys.exit("ptytime failed:\n" + result.stdout)
    with open(json_path) as handle:
        return json.load(handle)


def review_events(server, kind):
    """How many review events of `kind` the reviewer has written."""
    out = server.psql("SELECT count(*) FROM journeywalk.review_events WHERE by = '%s' AND kind = '%s'" % (REVIEWER, kind),
                      database="agency", extra=["-t", "-A"])
    return int(out.strip())


def median(values):
    return statistics.median(values) if values else None


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))] if ordered else None


def fill(options, server, team):
    """A new server with the team and the walks; the fill's timings."""
    timings = {}
    server.start()
    team.create([(name, "shopper") for name in SHOPPERS] + [(REVIEWER, "reviewer")])
    counts = [options.walks // len(SHOPPERS) + (1 if index < options.walks % len(SHOPPERS) else 0) for index in range(len(SHOPPERS))]
    for index, (name, count) in enumerate(zip(SHOPPERS, counts)):
        home, env = team.person(name)
        make_walks(home, count, seed=21 + index)
        elapsed, output = timed([team.binary, "push", "--all", "--data-dir", home], env)
        timings["push --all of %d walks (%s)" % (count, name)] = round(elapsed / 1000, 2)
        print("  %s pushed %d walks in %.1f s" % (name, count, elapsed / 1000), file=sys.stderr)
    home, env = team.person(REVIEWER)
    elapsed, output = timed([team.binary, "pull", "--data-dir", home], env)
    timings["the reviewer's first pull"] = round(elapsed / 1000, 2)
    print("  %s pulled in %.1f s: %s" % (REVIEWER, elapsed / 1000, output.strip().splitlines()[-1] if output.strip() else ""), file=sys.stderr)
    return timings


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--binary", required=True, help="journeywalk to measure (journeywalk-team beside it)")
    parser.add_argument("--walks", type=int, default=10000, help="submitted walks on the server (default 10000)")
    parser.add_argument("--state", help="keep the server and the members' folders here between runs (filled once)")
    parser.add_argument("--fresh", action="store_true", help="with --state: fill it anew")
    parser.add_argument("--fill-only", action="store_true", help="with --state: fill it (or check it) and measure nothing")
    parser.add_argument("--frame-runs", type=int, default=15, help="runs of the first frame (default 15, after --warmup)")
    parser.add_argument("--event-runs", type=int, default=5, help="runs of the review events (default 5, after --warmup)")
    parser.add_argument("--claims", type=int, default=5, help="walks claimed per run (default 5)")
    parser.add_argument("--comments", type=int, default=10, help="comments per run (default 10)")
    parser.add_argument("--warmup", type=int, default=1)
    parser.add_argument("--key-quiet", type=float, default=150, help="ms of silence that ends a key's response (ptytime)")
    parser.add_argument("--max-load", type=float, help="wait for the 1-minute load average to fall below this before each measurement")
    parser.add_argument("--load-wait", type=int, default=300, help="s to wait for --max-load at most (default 300)")
    parser.add_argument("--no-breakdown", action="store_true", help="skip the measurements of where the time goes")
    parser.add_argument("--ptytime", default=PTYTIME)
    parser.add_argument("--json", help="write every figure and every run here")
    options = parser.parse_args()
    options.binary = os.path.abspath(options.binary)
    if options.fill_only and not options.state:
        parser.error("--fill-only needs --state")
    team_binary = os.path.join(os.path.dirname(options.binary), "journeywalk-team")
    for path in (options.binary, team_binary, options.ptytime):
        if not os.access(path, os.X_OK if path != options.ptytime else os.R_OK):
            sys.exit("not found: " + path)
    options.ready = r"(?s) of %d · .*q quit" % options.walks

    # The state: a temporary folder, or one kept between runs.
    if options.state:
        work = os.path.abspath(options.state)
        marker = os.path.join(work, "state.json")
        if options.fresh and os.path.isdir(work):
            if not (os.path.exists(marker) or os.path.exists(os.path.join(work, "server", "env")) or not os.listdir(work)):
                sys.exit("%s is not a folder of this bench (no state.json): not removing it" % work)
            Server(work).stop()
            shutil.rmtree(work)
    else:
        work = tempfile.mkdtemp(prefix="journeywalk-queue-bench.")
        marker = os.path.join(work, "state.json")
    server = Server(work, fsync=True)
    team = Team(server, team_binary, work)
    measurements = Measurements(options)
    report = {"date": datetime.datetime.now().astimezone().isoformat(timespec="seconds"), "binary": options.binary,
              "commit": run(["git", "-C", ROOT, "rev-parse", "--short", "HEAD"], check=False).stdout.strip(),
              "walks": options.walks, "size": "100x30", "loads": measurements.loads}
    try:
        if os.path.exists(marker):
            with open(marker) as handle:
                state = json.load(handle)
            if state.get("walks") != options.walks or state.get("shoppers") != SHOPPERS:
                sys.exit("%s holds %s walks of %s: use --fresh or another --state" % (work, state.get("walks"), state.get("shoppers")))
            server.stop()  # in case an earlier run was killed with the server up
            server.restart()
            print("Reusing %s (filled %s)" % (work, state["filled"]), file=sys.stderr)
        else:
            if os.path.isdir(work) and os.listdir(work):
                sys.exit("%s is not empty and has no state.json (a fill that did not finish?): --fresh" % work)
            print("Filling %s: %d submitted walks from %d shoppers (several minutes)" % (work, options.walks, len(SHOPPERS)), file=sys.stderr)
            started = time.perf_counter()
            timings = fill(options, server, team)
            state = {"walks": options.walks, "shoppers": SHOPPERS, "reviewer": REVIEWER, "filled": report["date"],
                     "fill_seconds": round(time.perf_counter() - started, 1), "fill": timings}
            write_json(marker, state)
        report["fill"] = state
        waiting = int(server.psql("SELECT count(*) FROM journeywalk.walks WHERE state IN ('submitted','resubmitted','in_review')",
                                  database="agency", extra=["-t", "-A"]).strip())
        unclaimed = int(server.psql("SELECT count(*) FROM journeywalk.walks WHERE state = 'submitted'", database="agency", extra=["-t", "-A"]).strip())
        if waiting != options.walks:
            sys.exit("the server has %d walks waiting for review, not %d" % (waiting, options.walks))
        needed = (options.warmup + options.event_runs) * options.claims + options.warmup + 1
        if unclaimed < needed:
            sys.exit("only %d walks are unclaimed, %d needed: --fresh" % (unclaimed, needed))
        report["unclaimed_before"] = unclaimed
        if options.fill_only:
            print("%s holds %d walks waiting for review, %d of them unclaimed" % (work, waiting, unclaimed), file=sys.stderr)
            return
        # What other runs wrote since the reviewer's last pull, so that opening a walk pulls little.
        run([team_binary, "pull", "--data-dir", team.home(REVIEWER)], team.env(REVIEWER))

        scratch = tempfile.mkdtemp(prefix="queue-bench-json.")
        figures = []

        # 1. The first frame.
        print("First frame: %d runs" % options.frame_runs, file=sys.stderr)
        frame = measurements.around("first frame", lambda: ptytime(options, team, [], options.frame_runs, os.path.join(scratch, "frame.json"), screens=True))
        counted = [r for r in frame["runs"] if not r["warmup"]]
        if any(r["ready_ms"] is None for r in counted):
            sys.exit("a run never showed the queue's first frame (%s)" % options.ready)
        ready = [r["ready_ms"] for r in counted]
        report["first_frame"] = {"ready_ms": ready, "ttfb_ms": [r["ttfb_ms"] for r in counted], "settled_ms": [r["settled_ms"] for r in counted],
                                 "frame_bytes": [r["frame_bytes"] for r in counted], "vmhwm_kb": [r["vmhwm_kb"] for r in counted],
                                 "screen": counted[-1].get("screen_ready", "")}
        figures.append(("first frame with %d walks (ready), median of %d" % (options.walks, len(ready)), "≤ 300 ms",
                        "%.0f ms (min %.0f, max %.0f)" % (median(ready), min(ready), max(ready))))
        figures.append(("  first byte written (ttfb), median", "", "%.0f ms" % median(report["first_frame"]["ttfb_ms"])))
        figures.append(("  peak memory (VmHWM), median", "", "%.1f MB" % (median(report["first_frame"]["vmhwm_kb"]) / 1024)))

        # 2. Review events: claims on different walks, then comments on the last one.
        keys, timed_keys = ["/", "lit:submitted", "enter"], []
        for index in range(options.claims):
            if index > 0:
                keys += ["down"]
            keys += ["enter"]
            timed_keys.append(("open", len(keys) - 1))
            keys += ["t"]
            timed_keys.append(("claim", len(keys) - 1))
            if index < options.claims - 1:
                keys += ["q"]
        for index in range(options.comments):
            keys += ["down" if index % 2 == 0 else "up"]
            timed_keys.append(("move", len(keys) - 1))
            keys += ["c", "lit:" + COMMENT.replace(" ", "\\x20").replace(",", "\\x2c"), "enter"]
            timed_keys.append(("comment", len(keys) - 1))
        print("Review events: %d runs of %d claims and %d comments" % (options.event_runs, options.claims, options.comments), file=sys.stderr)
        claims_before, comments_before = review_events(server, "claim"), review_events(server, "comment")
        events = measurements.around("review events", lambda: ptytime(options, team, keys, options.event_runs, os.path.join(scratch, "events.json"),
                                                                        quit_keys="q q", screens=True))
        total_runs = options.warmup + options.event_runs
        claims_written = review_events(server, "claim") - claims_before
        comments_written = review_events(server, "comment") - comments_before
        if claims_written != total_runs * options.claims or comments_written != total_runs * options.comments:
            sys.exit("the server holds %d new claims and %d new comments, not %d and %d" % (
                claims_written, comments_written, total_runs * options.claims, total_runs * options.comments))
        latencies = {"open": [], "claim": [], "move": [], "comment": []}
        first_byte = {"claim": [], "comment": []}
        for run_result in events["runs"]:
            if len(run_result["keys"]) != len(keys):
                sys.exit("a run answered %d keys of %d" % (len(run_result["keys"]), len(keys)))
            if SAVED not in run_result.get("screen_after_keys", ""):
                sys.exit("a run's last screen does not say %r:\n%s" % (SAVED, run_result.get("screen_after_keys", "")))
            if run_result["warmup"]:
                continue
            for kind, index in timed_keys:
                key = run_result["keys"][index]
                if key["last_ms"] is None:
                    sys.exit("no response to the key %s (%s)" % (keys[index], kind))
                latencies[kind].append(key["last_ms"])
                if kind in first_byte:
                    first_byte[kind].append(key["first_ms"])
        # The claim's frame: one more run that ends on `t`, its screen read (not timed).
        check = ptytime(options, team, ["/", "lit:submitted", "enter", "enter", "t"], 1, os.path.join(scratch, "claim.json"), quit_keys="q q", screens=True)
        claim_screen = check["runs"][-1].get("screen_after_keys", "")
        if CLAIMED not in claim_screen or " · %s" % REVIEWER not in claim_screen.splitlines()[0]:
            sys.exit("the screen after `t` does not say %r with the walk in review by %s:\n%s" % (CLAIMED, REVIEWER, claim_screen))
        report["events"] = {"claim_screen": claim_screen, "keys": keys, "timed": timed_keys, "latency_last_byte_ms": latencies, "latency_first_byte_ms": first_byte,
                            "claims_written": claims_written, "comments_written": comments_written,
                            "screen_after_keys": events["runs"][-1].get("screen_after_keys", "")}
        both = latencies["claim"] + latencies["comment"]
        figures.append(("review event, key to acknowledged frame, median (claims and comments, n=%d)" % len(both), "≤ 100 ms median",
                        "%.0f ms (p90 %.0f, max %.0f)" % (median(both), percentile(both, 0.9), max(both))))
        for kind, what in (("claim", "claim (t) on a walk nobody held"), ("comment", "comment (Enter after c and the text)")):
            values = latencies[kind]
            figures.append(("  %s, median of %d" % (what, len(values)), "", "%.0f ms (min %.0f, p90 %.0f, max %.0f; first byte %.0f)" % (
                median(values), min(values), percentile(values, 0.9), max(values), median(first_byte[kind]))))
        figures.append(("  a key with no server call (down/up in the walk), median", "", "%.1f ms" % median(latencies["move"])))
        figures.append(("  opening a walk from the queue (Enter), median of %d" % len(latencies["open"]), "", "%.0f ms" % median(latencies["open"])))

        # 3. Where the time goes.
        if not options.no_breakdown:
            reviewer_env = team.env(REVIEWER)
            home = team.home(REVIEWER)

            def commands():
                out = {}
                for what, arguments in (("journeywalk --help (start, no server)", [options.binary, "--help"]),
                                        ("journeywalk team status (start, connect, sign in)", [options.binary, "team", "status", "--data-dir", home]),
                                        ("journeywalk queue list --format json (+ the queue, printed)", [options.binary, "queue", "list", "--format", "json", "--data-dir", home])):
                    values = []
                    for _ in range(options.warmup + options.frame_runs):
                        elapsed, _ = timed(arguments, reviewer_env)
                        values.append(elapsed)
                    out[what] = values[options.warmup:]
                return out

            def query():
                values = []
                for _ in range(options.warmup + options.frame_runs):
                    plan = server.psql("EXPLAIN (ANALYZE, BUFFERS) " + QUEUE_QUERY, database="agency", user=REVIEWER, password=Team.password(REVIEWER))
                    found = re.search(r"Execution Time: ([0-9.]+) ms", plan)
                    values.append(float(found.group(1)))
                return values, plan

            breakdown = measurements.around("where the time goes: commands", commands)
            query_times, plan = measurements.around("where the time goes: the queue query", query)
            report["breakdown"] = {"commands_ms": breakdown, "queue_query_execution_ms": query_times, "queue_query_plan": plan}
            for what, values in breakdown.items():
                figures.append(("  " + what + ", exec to exit, median", "", "%.0f ms" % median(values)))
            figures.append(("  the queue query on the server as %s (EXPLAIN ANALYZE), median" % REVIEWER, "", "%.1f ms" % median(query_times)))

        report["figures"] = [{"what": w, "target": t, "figure": f} for w, t, f in figures]
        print()
        print("The review queue, %d submitted walks, 100x30 (%s)" % (options.walks, options.binary))
        print("%-84s %-18s %s" % ("what", "target", "figure"))
        for what, target, figure in figures:
            print("%-84s %-18s %s" % (what, target, figure))
        print()
        for load in measurements.loads:
            print("load average (1, 5, 15 min) around %-40s %s -> %s" % (load["what"] + ":", load["before"], load["after"]))
        if options.json:
            write_json(options.json, report)
        shutil.rmtree(scratch, ignore_errors=True)
    finally:
        server.stop()
        if not options.state:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()

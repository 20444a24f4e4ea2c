#!/usr/bin/env python3
"""Benchmarks of the walk index: the review list, compare and report over many walks.

Usage: python3 bench/compare.py --binary .build-static/release/journeywalk [--sizes 1000,10000,100000] [--runs 5]
                                [--team-share 0.5] [--team-authors 4]

For each size it writes that many generated walks (bench/make-walks.py) into a folder in /tmp,
measures, and deletes the folder. Figures (median of --runs unless said otherwise):
  - compare --journey retail-store-visit --format json with no index (the index is deleted before
    each run, so it is built from the files), and warm (the index is there and up to date);
    peak resident memory of the warm and cold runs (ru_maxrss);
  - review: exec to the first complete frame of the list, warm;
  - report --all --format json, exec to exit (up to 10,000 walks).
With --team-share S, that share of the generated walks (every walk whose place in the sorted list
falls in the share, spread evenly) is moved into team/walks/AUTHOR/ (--team-authors folders, the walks
dealt to them in turn) and made read-only (0400), as `journeywalk pull` leaves team copies; review,
compare and report then read them beside the walks of this machine.
Elapsed times are wall-clock; CPU time (user + system) is printed too, since the machine is shared.
"""
import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from run import PtyApp  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def timed(args, env):
    """Runs to exit; returns (seconds, cpu seconds, peak KB, stdout bytes)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    result = subprocess.run(args, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode != 0:
        raise RuntimeError(f"{args} failed: {result.stderr[-500:]!r}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    # ru_maxrss of children is the largest of any child so far: run the memory figure in a child of its own.
    return elapsed, cpu, len(result.stdout)


def peak_kb(args, env):
    code = ("import resource,subprocess,sys;"
            "subprocess.run(sys.argv[1:],stdout=subprocess.DEVNULL,stderr=subprocess.DEVNULL,check=True);"
            "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
    return int(subprocess.run([sys.executable, "-c", code] + args, env=env, capture_output=True, text=True, check=True).stdout)


def remove_index(home):
    for suffix in ("", "-wal", "-shm"):
        try:
            os.unlink(os.path.join(home, "index.sqlite" + suffix))
        except FileNotFoundError:
            pass


TEAM_AUTHORS = ["ann_k", "sam_login", "priya", "tom_w", "maria", "jon", "aiko", "ben"]


def make_team_copies(home, share, authors):
    """Moves `share` of the walks in HOME/walks into HOME/team/walks/AUTHOR/ (0400); returns the count."""
    walks = os.path.join(home, "walks")
    names = sorted(n for n in os.listdir(walks) if n.endswith(".jsonl"))
    folders = [os.path.join(home, "team", "walks", author) for author in TEAM_AUTHORS[:authors]]
    for folder in folders:
        os.makedirs(folder, mode=0o700, exist_ok=True)
    moved = 0
    for i, name in enumerate(names):
        # Walk i is a team copy when the running share passes a whole number: exactly `share` of
        # them, spread over the year and the journeys rather than a block of the oldest.
        if int((i + 1) * share) == int(i * share):
            continue
        target = os.path.join(folders[moved % len(folders)], name)
        os.rename(os.path.join(walks, name), target)
        os.chmod(target, 0o400)
        moved += 1
    return moved


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", default=os.path.join(ROOT, ".build-static/release/journeywalk"))
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--team-share", type=float, default=0.0,
                        help="share of the walks moved into team/walks/AUTHOR/ as read-only team copies (0 to 1)")
    parser.add_argument("--team-authors", type=int, default=4, help="how many team/walks/AUTHOR/ folders")
    options = parser.parse_args()
    if not 0.0 <= options.team_share <= 1.0:
        parser.error("--team-share is a share: 0 to 1")
    if not 1 <= options.team_authors <= len(TEAM_AUTHORS):
        parser.error(f"--team-authors: 1 to {len(TEAM_AUTHORS)}")
    binary = os.path.abspath(options.binary)
    print(f"binary: {binary}")
    print(f"machine: {os.cpu_count()} cores, {os.uname().release}, load {os.getloadavg()[0]:.1f}")
    for size in [int(s) for s in options.sizes.split(",")]:
        home = tempfile.mkdtemp(prefix=f"journeywalk-bench-{size}-")
        try:
            started = time.perf_counter()
            subprocess.run([sys.executable, os.path.join(ROOT, "bench/make-walks.py"), "--count", str(size), "--home", home], check=True)
            print(f"\n{size:,} walks ({time.perf_counter() - started:.0f} s to write; load average "
                  + " ".join(f"{x:.2f}" for x in os.getloadavg()) + ")")
            if options.team_share > 0:
                moved = make_team_copies(home, options.team_share, options.team_authors)
                print(f"{moved:,} of them moved into team/walks/ ({options.team_authors} authors, mode 0400), "
                      f"{size - moved:,} left in walks/")
            env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "TERM": "xterm-256color", "LANG": "C.UTF-8",
                   "JOURNEYWALK_HOME": home, "HOME": home}
            compare = [binary, "compare", "--journey", "retail-store-visit", "--format", "json"]
            cold, cold_cpu = [], []
            for _ in range(max(1, options.runs // 2) if size >= 100000 else options.runs):
                remove_index(home)
                elapsed, cpu, size_out = timed(compare, env)
                cold.append(elapsed)
                cold_cpu.append(cpu)
            remove_index(home)
            cold_peak = peak_kb(compare, env)
            warm, warm_cpu = [], []
            for _ in range(options.runs):
                elapsed, cpu, size_out = timed(compare, env)
                warm.append(elapsed)
                warm_cpu.append(cpu)
            warm_peak = peak_kb(compare, env)
            print(f"compare --journey --format json, no index: median {statistics.median(cold):.2f} s "
                  f"(CPU {statistics.median(cold_cpu):.2f} s), peak {cold_peak / 1024:.0f} MB")
            print(f"compare --journey --format json, warm:     median {statistics.median(warm) * 1000:.0f} ms "
                  f"(CPU {statistics.median(warm_cpu) * 1000:.0f} ms), peak {warm_peak / 1024:.0f} MB, {size_out / 1e6:.1f} MB of JSON")
            opens = []
            for _ in range(options.runs):
                app = PtyApp([binary, "review"], env)
                app.read_until(b"newest first", timeout=120)
                app.read_until(b"quit", timeout=120)
                end = app.burst_end()
                opens.append((end - app.started) * 1000)
                app.close()
            print(f"review: exec to the first frame of the list, warm: median {statistics.median(opens):.0f} ms")
            if size <= 10000:
                reports, report_cpu = [], []
                for _ in range(max(3, options.runs // 2)):
                    elapsed, cpu, size_out = timed([binary, "report", "--all", "--format", "json"], env)
                    reports.append(elapsed)
                    report_cpu.append(cpu)
                print(f"report --all --format json: median {statistics.median(reports):.2f} s "
                      f"(CPU {statistics.median(report_cpu):.2f} s), {size_out / 1e6:.0f} MB of JSON")
            index_size = os.path.getsize(os.path.join(home, "index.sqlite"))
            print(f"index: {index_size / 1e6:.1f} MB")
            print("load average after these: " + " ".join(f"{x:.2f}" for x in os.getloadavg()))
        finally:
            shutil.rmtree(home, ignore_errors=True)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Benchmark of calibration: `compare --agreement` over many walks of one journey (issue 19).

Usage: python3 bench/agreement.py --binary .build-static/release/journeywalk [--sizes 1000,10000] [--runs 5]

For each size it writes that many walks of retail-store-visit (bench/make-walks.py --journey, three
versions of the journey, 24 operators, checklist answers with N/A among them) into a folder in /tmp,
measures, and deletes the folder. Figures, median of --runs:
  - compare --agreement --journey retail-store-visit --format json with no index (deleted before each
    run: the index is built from the files, then the chosen walks' files are read for their answers);
  - the same, warm (the index is there and up to date; the walk files are still read, from the page
    cache, since the index keeps no answers);
  - compare --journey retail-store-visit --format json, warm, for comparison (the index alone);
  - peak resident memory of the warm and cold agreement.
The load average (/proc/loadavg) is printed before and after each size: the machine is shared.
"""
import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from compare import peak_kb, remove_index, timed  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
JOURNEY = "retail-store-visit"


def loadavg():
    with open("/proc/loadavg") as f:
        return f.read().strip()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", default=os.path.join(ROOT, ".build-static/release/journeywalk"))
    parser.add_argument("--sizes", default="1000")
    parser.add_argument("--runs", type=int, default=5)
    options = parser.parse_args()
    binary = os.path.abspath(options.binary)
    print(f"binary: {binary}")
    print(f"machine: {os.cpu_count()} cores, {os.uname().release}")
    for size in [int(s) for s in options.sizes.split(",")]:
        home = tempfile.mkdtemp(prefix=f"journeywalk-agreement-{size}-")
        try:
            subprocess.run([sys.executable, os.path.join(ROOT, "bench/make-walks.py"), "--count", str(size), "--home", home,
                            "--journey", JOURNEY], check=True)
            print(f"\n{size:,} walks of {JOURNEY}; /proc/loadavg before: {loadavg()}")
            env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "TERM": "xterm-256color", "LANG": "C.UTF-8",
                   "JOURNEYWALK_HOME": home, "HOME": home}
            agreement = [binary, "compare", "--agreement", "--journey", JOURNEY, "--format", "json"]
            cold, cold_cpu = [], []
            for _ in range(options.runs):
                remove_index(home)
                elapsed, cpu, _ = timed(agreement, env)
                cold.append(elapsed)
                cold_cpu.append(cpu)
            remove_index(home)
            cold_peak = peak_kb(agreement, env)
            warm, warm_cpu = [], []
            for _ in range(options.runs):
                elapsed, cpu, out = timed(agreement, env)
                warm.append(elapsed)
                warm_cpu.append(cpu)
            warm_peak = peak_kb(agreement, env)
            plain, plain_cpu = [], []
            for _ in range(options.runs):
                elapsed, cpu, _ = timed([binary, "compare", "--journey", JOURNEY, "--format", "json"], env)
                plain.append(elapsed)
                plain_cpu.append(cpu)
            print(f"compare --agreement, no index: median {statistics.median(cold) * 1000:.0f} ms "
                  f"(CPU {statistics.median(cold_cpu) * 1000:.0f} ms; runs " + ", ".join(f"{x * 1000:.0f}" for x in cold)
                  + f"), peak {cold_peak / 1024:.0f} MB")
            print(f"compare --agreement, warm:     median {statistics.median(warm) * 1000:.0f} ms "
                  f"(CPU {statistics.median(warm_cpu) * 1000:.0f} ms; runs " + ", ".join(f"{x * 1000:.0f}" for x in warm)
                  + f"), peak {warm_peak / 1024:.0f} MB, {out / 1e3:.1f} kB of JSON")
            print(f"compare (the matrix), warm:    median {statistics.median(plain) * 1000:.0f} ms "
                  f"(CPU {statistics.median(plain_cpu) * 1000:.0f} ms)")
            print(f"/proc/loadavg after: {loadavg()}")
        finally:
            shutil.rmtree(home, ignore_errors=True)


if __name__ == "__main__":
    main()

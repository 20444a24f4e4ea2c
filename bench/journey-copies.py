#!/usr/bin/env python3
"""What storing a large journey once (format 2) saves against a copy in every header (format 1).

Usage: python3 bench/journey-copies.py [--binary PATH] [--walks N] [--touchpoints T]
Generates N walks of a T-touchpoint journey twice (every header carrying the journey, and every
header referring to one shared copy), then times `report --all --format json` and the review list's
first frame over each, and prints the bytes on disk.
"""
import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import importlib.util
_spec = importlib.util.spec_from_file_location("benchrun", os.path.join(os.path.dirname(os.path.abspath(__file__)), "run.py"))
benchrun = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(benchrun)


def fnv1a64(data):
    value = 0xcbf29ce484222325
    for byte in data:
        value ^= byte
        value = (value * 0x100000001b3) & 0xFFFFFFFFFFFFFFFF
    return f"fnv1a64-{value:016x}"


def journey(touchpoints):
    return {"id": "generated", "title": "Generated journey", "version": 1, "stages": [
        {"name": f"Stage {s + 1}", "touchpoints": [
            {"id": f"tp-{s * 50 + n}", "title": f"Touchpoint number {s * 50 + n}", "channel": "store",
             "prompt": f"Check what happens at step {s * 50 + n} and note how long it takes.",
             "look_for": ["First thing to check", "Second thing to check"], "target_seconds": 120}
            for n in range(50)]} for s in range(touchpoints // 50)]}


def generate(folder, count, copy, shared):
    os.makedirs(folder, mode=0o700)
    body = json.dumps(copy, ensure_ascii=False, separators=(",", ":")).encode()
    name = fnv1a64(body)
    if shared:
        os.makedirs(os.path.join(folder, "journeys"), mode=0o700)
        with open(os.path.join(folder, "journeys", name + ".json"), "wb") as out:
            out.write(body)
    ids = [t["id"] for s in copy["stages"] for t in s["touchpoints"]]
    random.seed(11)
    for i in range(count):
        started = f"2026-{1 + i % 12:02d}-{1 + i % 28:02d}T10:{i % 60:02d}:00.000Z"
        meta = {"id": copy["id"], "title": copy["title"], "version": 1, "fingerprint": "fnv1a64:0000000000000001",
                "path": "/journeys/generated.yaml"}
        if shared:
            meta["copy"] = name
        else:
            meta.update({k: v for k, v in copy.items() if k not in meta})
        walk_id = f"2026{1 + i % 12:02d}{1 + i % 28:02d}-{i:06d}-generated"
        lines = [json.dumps({"type": "walk", "format": 2 if shared else 1, "walk": walk_id, "started": started,
                             "operator": random.choice(["Sam", "Ann", "Lee"]), "role": "shopper",
                             "location": random.choice(["North", "South"]), "channel": "store", "journey": meta},
                            ensure_ascii=False, separators=(",", ":"))]
        for tp in random.sample(ids, 12):
            verdict = random.choice(["magic", "neutral", "misery"])
            lines.append(json.dumps({"type": "verdict", "at": started, "touchpoint": tp, "verdict": verdict,
                                     "intensity": 1 if verdict != "neutral" else 0}, separators=(",", ":")))
        if i % 4:
            lines.append('{"type":"finish","at":"' + started + '"}')
        with open(os.path.join(folder, walk_id + ".jsonl"), "w") as out:
            out.write("\n".join(lines) + "\n")


def size_of(folder):
    return sum(os.path.getsize(os.path.join(root, f)) for root, _, files in os.walk(folder) for f in files)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", default=os.path.join(benchrun.ROOT, ".build/release/journeywalk"))
    parser.add_argument("--walks", type=int, default=10000)
    parser.add_argument("--touchpoints", type=int, default=200)
    options = parser.parse_args()
    work = tempfile.mkdtemp(prefix="journeywalk-copies-")
    copy = journey(options.touchpoints)
    print(f"binary: {options.binary}")
    print(f"{options.walks:,} walks of a {options.touchpoints}-touchpoint journey "
          f"({len(json.dumps(copy, separators=(',', ':'))) / 1024:.0f} KB of journey JSON)")
    for label, shared in (("copy in every header (format 1)", False), ("one shared copy (format 2)", True)):
        home = os.path.join(work, "shared" if shared else "inline")
        generate(os.path.join(home, "walks"), options.walks, copy, shared)
        env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "TERM": "xterm-256color", "LANG": "C.UTF-8",
               "JOURNEYWALK_HOME": home, "HOME": work}
        reports = []
        for _ in range(3):
            start = time.perf_counter()
            result = subprocess.run([options.binary, "report", "--all", "--format", "json"], env=env, capture_output=True)
            reports.append((time.perf_counter() - start) * 1000)
            assert result.returncode == 0, result.stderr[-500:]
        opens = []
        for _ in range(3):
            app = benchrun.PtyApp([options.binary, "review"], env)
            app.read_until(b"newest first", timeout=120)
            app.read_until(b"quit", timeout=120)
            opens.append((app.burst_end() - app.started) * 1000)
            app.close()
        print(f"{label}: {size_of(os.path.join(home, 'walks')) / 1e6:.1f} MB on disk; "
              f"review list first frame median {statistics.median(opens):.0f} ms; "
              f"report --all --format json median {statistics.median(reports):.0f} ms (3 runs each)")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())

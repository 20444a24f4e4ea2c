#!/usr/bin/env python3
"""Long texts in walk files: a key's time to its frame when a walk holds a huge field.

Usage: python3 bench/long-text.py [--binary PATH] [--keys N] [--only location,title,...]

Each case writes a walk file by hand (walk format 1, the journey copied in the header, as
docs/walk-file-format.md describes; a hand-edited file is the only way to get such texts in) into a
fresh data folder, starts the real binary on a pseudo-terminal of 120x40 (wide enough for review's
side panel, which shows the selected moment's note), waits for the first frame, then sends keys one
at a time and times each from the write of the key to the last byte of the frame it brings (the frame
is over when the output has been quiet for 8 ms; the wait is not counted).

  location   `review WALK` of a walk whose header location is 50 MB: j and k (one moment down, up)
  title      `resume WALK` of a walk whose 12 touchpoints have titles of 100,000 characters: verdict
             keys (m, n, x), each appended and fsynced, each moving on to the next long title
  title-word the same with titles of one word of 100,000 letters (a word wider than a line is cut
             into lines of its own)
  note       `review WALK` of a walk whose first two moments have notes of 50 MB each: j and k, so
             every frame shows a 50 MB note in the side panel
  note-overlay  the same, Enter (everything the moment records, the note in full) then j (scroll)
  walk-note  `resume WALK` of that walk: l and h (next and previous touchpoint), so every frame of the
             walk screen shows a 50 MB note

The texts are prose (words and spaces) but for title-word; the script prints the time to the first frame too.
"""
import argparse
import json
import os
import select
import shutil
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from run import PtyApp, ROOT, percentile  # noqa: E402

PROSE = "Nobody looked up for fifty seconds while the queue grew longer by the door. "
MB = 1_000_000


def prose(length):
    """Words and spaces, `length` characters (ASCII, so also bytes)."""
    return (PROSE * (length // len(PROSE) + 1))[:length]


def journey(titles):
    touchpoints = [{"id": f"tp-{i + 1}", "title": title, "channel": "store",
                    "prompt": f"Check what happens at step {i + 1} and note how long it takes.",
                    "look_for": ["First thing to check", "Second thing to check"]}
                   for i, title in enumerate(titles)]
    return {"id": "long-text", "title": "Long text", "version": 1, "fingerprint": "fnv1a64:0123456789abcdef",
            "path": "/nonexistent/long-text.yaml", "description": "Generated for bench/long-text.py.",
            "promise": "", "persona": "",
            "stages": [{"name": "Before", "touchpoints": touchpoints[:len(touchpoints) // 2]},
                       {"name": "In the store", "touchpoints": touchpoints[len(touchpoints) // 2:]}]}


def write_walk(folder, walk_id, titles, location="Main Street", notes=None, verdicts=True, finished=True):
    """A walk file: a header with the journey, then a verdict (and a note where given) per touchpoint."""
    header = {"type": "walk", "format": 1, "walk": walk_id, "started": "2026-12-06T10:00:00.000Z",
              "operator": "Sam", "role": "shopper", "location": location, "channel": "store",
              "journey": journey(titles)}
    lines = [json.dumps(header, separators=(",", ":"))]
    for i in range(len(titles)):
        at = f"2026-12-06T10:{i + 1:02d}:00.000Z"
        if verdicts:
            lines.append('{"type":"verdict","at":"%s","touchpoint":"tp-%d","verdict":"%s","intensity":%d,"timer_seconds":30}'
                         % (at, i + 1, ["magic", "neutral", "misery"][i % 3], 0 if i % 3 == 1 else 1))
        if notes and i in notes:
            lines.append(json.dumps({"type": "note", "at": at, "touchpoint": f"tp-{i + 1}", "text": notes[i]},
                                    separators=(",", ":")))
    if finished:
        lines.append('{"type":"finish","at":"2026-12-06T10:30:00.000Z"}')
    path = os.path.join(folder, walk_id + ".jsonl")
    with open(path, "w") as out:
        out.write("\n".join(lines) + "\n")
    return path


def timed(binary, env, args, marker, keys, timeout):
    """Starts the binary, waits for its first frame, then times each key to the end of its frame."""
    app = PtyApp([binary] + args, env, rows=40, cols=120)
    try:
        app.read_until(marker, timeout=timeout)
        first = (app.burst_end() - app.started) * 1000
        times = []
        for key in keys:
            sent = time.perf_counter()
            app.send(key)
            ready, _, _ = select.select([app.master], [], [], timeout)
            if not ready:
                raise TimeoutError(f"no frame within {timeout} s after {key!r}")
            times.append((app.burst_end(quiet=0.008) - sent) * 1000)
        return first, times
    finally:
        app.close()


def report(name, first, times):
    ordered = sorted(times)
    print(f"{name}: first frame {first:.0f} ms; key to its frame median {ordered[len(ordered) // 2]:.2f} ms, "
          f"min {ordered[0]:.2f}, max {ordered[-1]:.2f}, p90 {percentile(times, 0.9):.2f} ({len(times)} keys)", flush=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--binary", default=os.path.join(ROOT, ".build/release/journeywalk"))
    parser.add_argument("--keys", type=int, default=10, help="keys per case (default 10)")
    parser.add_argument("--only", default="location,title,title-word,note,note-overlay,walk-note")
    parser.add_argument("--timeout", type=float, default=120, help="s to wait for a frame")
    options = parser.parse_args()
    cases = options.only.split(",")
    binary = os.path.abspath(options.binary)
    print(f"binary: {binary}")
    print(f"machine: {os.cpu_count()} cores, {os.uname().release}, load average {os.getloadavg()[0]:.2f}")
    work = tempfile.mkdtemp(prefix="journeywalk-long-text-")
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "TERM": "xterm-256color", "LANG": "C.UTF-8",
           "JOURNEYWALK_HOME": work, "HOME": work, "TZ": "UTC"}
    walks = os.path.join(work, "walks")
    os.makedirs(walks, mode=0o700)
    titles = [f"Touchpoint {i + 1}" for i in range(6)]
    jk = [b"j", b"k"] * (options.keys // 2) + [b"j"] * (options.keys % 2)
    try:
        if "location" in cases:
            path = write_walk(walks, "20261206-100000-long-location", titles, location=prose(50 * MB))
            report("review, 50 MB location, j/k", *timed(binary, env, ["review", path], b"Review", jk, options.timeout))
        for case, words in (("title", True), ("title-word", False)):
            if case not in cases:
                continue
            # Prose, or one word of 100,000 letters (a word wider than a line is cut into lines of its own).
            long_titles = [f"Touchpoint {i + 1} " + (prose(100_000) if words else "x" * 100_000)[len(f"Touchpoint {i + 1} "):]
                           for i in range(12)]
            path = write_walk(walks, f"20261206-100000-long-{case}", long_titles, verdicts=False, finished=False)
            keys = [b"m", b"n", b"x"] * (options.keys // 3 + 1)
            report(f"resume, 100,000-character titles ({'prose' if words else 'one word'}), verdict keys",
                   *timed(binary, env, ["resume", path], b"Touchpoint 1/", keys[:min(options.keys, 11)], options.timeout))
            with open(path) as walk:
                recorded = sum(1 for line in walk if '"type":"verdict"' in line)
            print(f"  {recorded} verdicts on disk")
        if {"note", "note-overlay", "walk-note"} & set(cases):
            path = write_walk(walks, "20261206-100000-long-note", titles, notes={0: prose(50 * MB), 1: prose(50 * MB)},
                              verdicts=False, finished=False)
            if "note" in cases:
                report("review, 50 MB notes, j/k", *timed(binary, env, ["review", path], b"Review", jk, options.timeout))
            if "note-overlay" in cases:
                keys = [b"\r"] + [b"j"] * (options.keys - 1)
                report("review, 50 MB notes, Enter then j (the overlay with the note in full, scrolled)",
                       *timed(binary, env, ["review", path], b"Review", keys, options.timeout))
            if "walk-note" in cases:
                lh = [b"l", b"h"] * (options.keys // 2) + [b"l"] * (options.keys % 2)
                report("resume, 50 MB notes, l/h", *timed(binary, env, ["resume", path], b"Touchpoint 1/", lh, options.timeout))
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()

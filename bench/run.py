#!/usr/bin/env python3
"""journeywalk benchmarks: run the real binary on a pseudo-terminal and print figures.

Usage: python3 bench/run.py [--binary PATH] [--runs N]
Builds nothing itself; `bench/run` builds the release binary first.
Figures:
  - exec to the first complete frame of `walk` (briefing) and of `resume` (a touchpoint), median of N
  - a verdict key to the end of the frame that acknowledges it (the write and fsync happen before), median and p99
  - resident memory (VmRSS) after the first frame and after 200 verdicts
  - a generated journey of 5,000 touchpoints: `journeys validate` from exec to exit, and first frame of its walk
  - a paste of 100,000 characters into a note: time until it is taken, then a key to its frame (median, p99)
  - the tag picker over the catalogue plus 500 journey tags: a key in its filter to the end of its frame (--only tags)
  - `journeywalk actions --status all` over 10,000 walk files, a fifth of them with actions, warm (--only actions)
  - a checklist answer key to the frame that acknowledges it, on a touchpoint of 20 items in a journey
    of 5,000 touchpoints (the score of the whole walk is recomputed for every frame), then the same
    journey resumed with 10,000 answers on file: answer keys and verdict keys (--only answers)
  - workshop at 200x60: a vote key to the end of the frame that shows it (the tally, and the verdict
    when it changes, appended and fsynced before), median and p99
Use --only paste (or walk, verdicts, resume, big, review, tags, actions, answers, workshop) to run one part.
"""
import argparse
import fcntl
import os
import select
import shutil
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def percentile(values, fraction):
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, int(round(fraction * (len(ordered) - 1)))))
    return ordered[index]


class PtyApp:
    """The binary on a fresh pseudo-terminal of 80x24."""

    def __init__(self, args, env, rows=24, cols=80):
        self.master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        self.started = time.perf_counter()
        self.process = subprocess.Popen(args, stdin=slave, stdout=slave, stderr=slave, env=env, cwd=ROOT,
                                        start_new_session=True, close_fds=True)
        os.close(slave)
        self.output = b""

    def read_until(self, marker, timeout=10.0):
        """Reads until marker appears; returns the time the marker's chunk arrived."""
        deadline = time.perf_counter() + timeout
        while marker not in self.output:
            remaining = deadline - time.perf_counter()
            if remaining <= 0:
                raise TimeoutError(f"{marker!r} not seen; got {self.output[-300:]!r}")
            ready, _, _ = select.select([self.master], [], [], remaining)
            if ready:
                try:
                    chunk = os.read(self.master, 65536)
                except OSError:
                    raise TimeoutError(f"terminal closed before {marker!r}")
                self.output += chunk
        return time.perf_counter()

    def burst_end(self, quiet=0.015):
        """Reads until the output is quiet for `quiet` seconds; returns the time of the last byte."""
        last = time.perf_counter()
        while True:
            ready, _, _ = select.select([self.master], [], [], quiet)
            if not ready:
                return last
            chunk = os.read(self.master, 65536)
            self.output += chunk
            last = time.perf_counter()

    def send(self, data):
        os.write(self.master, data)

    def rss_kib(self):
        with open(f"/proc/{self.process.pid}/status") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
        return 0

    def cpu_ms(self):
        """Processor time the program has used so far (user + system), from /proc/PID/stat."""
        with open(f"/proc/{self.process.pid}/stat") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) * 1000 / os.sysconf("SC_CLK_TCK")

    def close(self):
        try:
            self.process.kill()
        except ProcessLookupError:
            pass
        self.process.wait()
        os.close(self.master)


def generated_journey(path, count):
    per_stage = 50
    with open(path, "w") as out:
        out.write("title: Generated journey\nid: generated\nversion: 1\nstages:\n")
        for stage in range(count // per_stage):
            out.write(f"  - name: Stage {stage + 1}\n    touchpoints:\n")
            for n in range(per_stage):
                i = stage * per_stage + n
                out.write(f"      - id: tp-{i}\n        title: Touchpoint number {i}\n        channel: store\n"
                          f"        prompt: Check what happens at step {i} and note how long it takes.\n"
                          f"        look_for:\n          - First thing to check\n          - Second thing to check\n"
                          f"        target: 2m\n")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", default=os.path.join(ROOT, ".build/release/journeywalk"))
    parser.add_argument("--runs", type=int, default=25)
    parser.add_argument("--only", choices=["walk", "verdicts", "resume", "big", "review", "paste", "tags", "actions", "answers", "workshop"])
    options = parser.parse_args()
    binary = options.binary
    work = tempfile.mkdtemp(prefix="journeywalk-bench-")
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "TERM": "xterm-256color", "LANG": "C.UTF-8",
           "JOURNEYWALK_HOME": work, "HOME": work}
    journey = os.path.join(ROOT, "journeys/retail-store-visit.yaml")
    print(f"binary: {binary}")
    print(f"machine: {os.cpu_count()} cores, {os.uname().release}")
    if options.only in ("paste", "tags", "actions"):
        {"paste": paste, "tags": tag_picker, "actions": actions_list}[options.only](binary, env, journey)
        shutil.rmtree(work, ignore_errors=True)
        return
    if options.only == "answers":
        answers(binary, env, work)
        shutil.rmtree(work, ignore_errors=True)
        return
    if options.only == "workshop":
        workshop(binary, env, journey)
        shutil.rmtree(work, ignore_errors=True)
        return

    # 1. exec to first complete frame of `walk` (the briefing).
    firsts, rss_first = [], []
    for _ in range(options.runs):
        app = PtyApp([binary, "walk", journey], env)
        app.read_until(b"quit")
        end = app.burst_end()
        firsts.append((end - app.started) * 1000)
        rss_first.append(app.rss_kib())
        app.close()
    print(f"walk: exec to first frame: median {statistics.median(firsts):.1f} ms, "
          f"min {min(firsts):.1f}, max {max(firsts):.1f} ({options.runs} runs)")

    # 2. verdicts: one key to the end of the frame that acknowledges it.
    big = os.path.join(work, "generated-5000.yaml")
    generated_journey(big, 5000)
    app = PtyApp([binary, "walk", big], env)
    app.read_until(b"quit")
    app.burst_end()
    app.send(b"\r")
    app.read_until(b"Touchpoint 1/5000")
    app.burst_end()
    acks = []
    keys = [b"m", b"x", b"n", b"M", b"X", b"s"]
    for i in range(200):
        sent = time.perf_counter()
        app.send(keys[i % len(keys)])
        ready, _, _ = select.select([app.master], [], [], 5)
        if not ready:
            raise TimeoutError("no frame after a verdict")
        end = app.burst_end(quiet=0.008)
        acks.append((end - sent) * 1000)
    rss_after = app.rss_kib()
    app.close()
    walk_files = [f for f in os.listdir(os.path.join(work, "walks")) if f.endswith(".jsonl")]
    with open(os.path.join(work, "walks", walk_files[-1])) as journal:
        recorded = sum(1 for line in journal if '"type":"verdict"' in line)
    print(f"verdict key to acknowledging frame (incl. append + fsync): median {statistics.median(acks):.2f} ms, "
          f"p99 {percentile(acks, 0.99):.2f} ms ({len(acks)} verdicts, {recorded} on disk)")
    print(f"resident memory: {statistics.median(rss_first) / 1024:.1f} MB after the first frame, "
          f"{rss_after / 1024:.1f} MB after 200 verdicts on a 5,000-touchpoint journey")

    # 3. resume: exec to the first frame of a touchpoint screen.
    resumes = []
    small_walk = None
    app = PtyApp([binary, "walk", journey], env)
    app.read_until(b"quit")
    app.send(b"\r")
    app.read_until(b"Touchpoint 1/")
    app.send(b"m")
    app.read_until(b"Saved")
    app.close()
    newest = sorted(os.listdir(os.path.join(work, "walks")))
    small_walk = [f for f in newest if "retail" in f][-1]
    for _ in range(options.runs):
        app = PtyApp([binary, "resume", os.path.join(work, "walks", small_walk)], env)
        app.read_until(b"quit")
        end = app.burst_end()
        resumes.append((end - app.started) * 1000)
        app.close()
    print(f"resume: exec to first frame: median {statistics.median(resumes):.1f} ms ({options.runs} runs)")

    # 4. the 5,000-touchpoint journey.
    validates = []
    for _ in range(max(5, options.runs // 2)):
        start = time.perf_counter()
        result = subprocess.run([binary, "journeys", "validate", big], env=env, capture_output=True)
        validates.append((time.perf_counter() - start) * 1000)
        assert result.returncode == 0, result.stdout + result.stderr
    print(f"5,000 touchpoints: `journeys validate` exec to exit: median {statistics.median(validates):.1f} ms")
    bigs = []
    for _ in range(max(5, options.runs // 2)):
        app = PtyApp([binary, "walk", big], env)
        app.read_until(b"quit")
        end = app.burst_end()
        bigs.append((end - app.started) * 1000)
        app.close()
    print(f"5,000 touchpoints: `walk` exec to first frame: median {statistics.median(bigs):.1f} ms")

    # 5. saved walks: the review list of 10,000 walks, and reports.
    many = os.path.join(work, "many")
    os.makedirs(os.path.join(many, "walks"))
    walk_source = os.path.join(work, "walks", small_walk)
    generated_walks(walk_source, os.path.join(many, "walks"), 10000)
    many_env = dict(env, JOURNEYWALK_HOME=many)
    opens, scrolls = [], []
    for run in range(5):
        app = PtyApp([binary, "review"], many_env)
        app.read_until(b"newest first")
        app.read_until(b"quit")
        end = app.burst_end()
        opens.append((end - app.started) * 1000)
        if run == 0:
            for _ in range(100):
                sent = time.perf_counter()
                app.send(b"j")
                select.select([app.master], [], [], 5)
                scrolls.append((app.burst_end(quiet=0.008) - sent) * 1000)
        app.close()
    print(f"review: 10,000 saved walks, exec to the first frame of the list: median {statistics.median(opens):.0f} ms (5 runs)")
    print(f"review: one line down in the list of 10,000: median {statistics.median(scrolls):.2f} ms, p99 {percentile(scrolls, 0.99):.2f} ms (100 keys)")
    reports = []
    for _ in range(max(5, options.runs // 2)):
        start = time.perf_counter()
        result = subprocess.run([binary, "report", walk_source, "--format", "json"], env=env, capture_output=True)
        reports.append((time.perf_counter() - start) * 1000)
        assert result.returncode == 0, result.stderr
    print(f"report --format json of one walk, exec to exit: median {statistics.median(reports):.1f} ms")
    alls = []
    for _ in range(3):
        start = time.perf_counter()
        result = subprocess.run([binary, "report", "--all", "--format", "json"], env=many_env, capture_output=True)
        alls.append((time.perf_counter() - start) * 1000)
        assert result.returncode == 0, result.stderr[-500:]
    print(f"report --all --format json of 10,000 walks: median {statistics.median(alls):.0f} ms "
          f"({len(result.stdout) / 1e6:.0f} MB of JSON, 3 runs)")
    workshop(binary, env, journey)
    shutil.rmtree(work, ignore_errors=True)


def paste(binary, env, journey, length=100_000):
    """Pastes a long text into a note, then measures single keys in the editor that holds it."""
    app = PtyApp([binary, "walk", journey], env)
    app.read_until(b"quit")
    app.send(b"\r")
    app.read_until(b"Touchpoint 1/")
    app.burst_end()
    app.send(b"e")
    app.read_until(b"save")
    app.burst_end()
    text = (b"Waited at the counter, nobody came. " * (length // 36 + 1))[:length]
    os.set_blocking(app.master, False)
    start = time.perf_counter()
    sent = 0
    while sent < len(text):
        try:
            sent += os.write(app.master, text[sent:sent + 4096])
        except BlockingIOError:
            pass
        try:
            app.output += os.read(app.master, 65536)
        except (BlockingIOError, OSError):
            select.select([app.master], [app.master], [], 0.01)
    os.set_blocking(app.master, True)
    app.read_until(b"the rest was not taken", timeout=600)
    taken = (app.burst_end(quiet=0.05) - start) * 1000
    # Cursor keys as xterm sends them once curses has turned on keypad mode.
    keys, kinds = [], [b"\x7f", b"x", b"\x1bOD", b"\x1bOC"]
    for i in range(200):
        began = time.perf_counter()
        app.send(kinds[i % len(kinds)])
        ready, _, _ = select.select([app.master], [], [], 5)
        if not ready:
            raise TimeoutError("no frame after a key in a long note")
        keys.append((app.burst_end(quiet=0.008) - began) * 1000)
    app.close()
    print(f"paste of {length:,} characters into a note (kept: the first 10,000): taken in {taken:.0f} ms; "
          f"then a key to its frame: median {statistics.median(keys):.2f} ms, p99 {percentile(keys, 0.99):.2f} ms (200 keys)")


def tag_picker(binary, env, journey, count=500, keys=200):
    """Filters the tag picker of a journey with 500 tags of its own: a key to the end of its frame."""
    path = os.path.join(env["JOURNEYWALK_HOME"], "many-tags.yaml")
    with open(journey) as source, open(path, "w") as out:
        text = source.read()
        out.write(text.replace("stages:", "tags:\n" + "".join(
            f"  - {{id: journey-tag-{i}, label: Journey tag number {i}, kind: {'misery' if i % 2 else 'magic'}}}\n"
            for i in range(count)) + "stages:", 1))
    app = PtyApp([binary, "walk", path], env)
    app.read_until(b"quit")
    app.send(b"\r")
    app.read_until(b"Touchpoint 1/")
    app.burst_end()
    app.send(b"x")
    app.read_until(b"Saved")
    app.burst_end()
    app.send(b"T")
    app.read_until(b"Chosen")
    app.burst_end()
    # Type a filter and take it back: each key filters 521 tags and draws the picker.
    typed, times = b"number-4", []
    for i in range(keys):
        step = i % (2 * len(typed))
        key = typed[step:step + 1] if step < len(typed) else b"\x7f"
        began = time.perf_counter()
        app.send(key)
        ready, _, _ = select.select([app.master], [], [], 5)
        if not ready:
            raise TimeoutError("no frame after a key in the tag picker")
        times.append((app.burst_end(quiet=0.008) - began) * 1000)
    app.close()
    print(f"tag picker, {count} journey tags + 21 built in: a key in the filter to the end of its frame: "
          f"median {statistics.median(times):.2f} ms, p99 {percentile(times, 0.99):.2f} ms ({keys} keys)")


def actions_list(binary, env, journey, count=10000):
    """`journeywalk actions --status all` over 10,000 walk files, a fifth of them with two actions each."""
    import json
    work = env["JOURNEYWALK_HOME"]
    walked = subprocess.run([binary, "walk", journey, "--plain"], env=env, input=b"start\n" + b"m\nx\n" * 5 + b"finish\n",
                            capture_output=True)
    assert walked.returncode == 0, walked.stderr
    source = os.path.join(work, "walks", sorted(f for f in os.listdir(os.path.join(work, "walks")) if f.endswith(".jsonl"))[0])
    many = os.path.join(work, "many-actions")
    os.makedirs(os.path.join(many, "walks"))
    generated_walks(source, os.path.join(many, "walks"), count)
    folder = os.path.join(many, "walks")
    for n, name in enumerate(sorted(os.listdir(folder))):
        if n % 5:
            continue
        with open(os.path.join(folder, name)) as handle:
            tp = json.loads(handle.readline())["journey"]["stages"][0]["touchpoints"][0]["id"]
        with open(os.path.join(folder, name), "a") as handle:
            for k in range(2):
                handle.write(json.dumps({"type": "action", "at": "2026-11-22T10:15:03.000Z", "touchpoint": tp, "id": f"{n * 2 + k:06x}",
                                         "text": "Fix the door sign", "owner": "Sam", "due": "2026-12-01", "status": "open"},
                                        separators=(",", ":")) + "\n")
    many_env = dict(env, JOURNEYWALK_HOME=many)
    subprocess.run([binary, "actions"], env=many_env, capture_output=True)  # warm the file cache
    times = []
    for _ in range(5):
        start = time.perf_counter()
        result = subprocess.run([binary, "actions", "--status", "all"], env=many_env, capture_output=True)
        times.append((time.perf_counter() - start) * 1000)
        assert result.returncode == 0, result.stderr[-500:]
    print(f"actions --status all over {count:,} walk files ({count // 5 * 2:,} actions): exec to exit, warm: "
          f"median {statistics.median(times):.0f} ms (5 runs)")


def timed_keys(app, keys, what):
    """Sends each key and returns the times (ms) from the key to the end of the frame it brings."""
    acks = []
    for key in keys:
        sent = time.perf_counter()
        app.send(key)
        ready, _, _ = select.select([app.master], [], [], 5)
        if not ready:
            raise TimeoutError(f"no frame after {what}")
        acks.append((app.burst_end(quiet=0.008) - sent) * 1000)
    return acks


def answers_in_a_full_walk(binary, env, work, path, count=5000, keys=200):
    """A walk of 5,000 touchpoints already holding 10,000 answers, resumed: answer keys on the first
    touchpoint (20 items), then verdict keys, each frame showing the score of the whole walk."""
    app = PtyApp([binary, "walk", path], env)
    app.read_until(b"quit")
    app.burst_end()
    app.send(b"\r")
    app.read_until(b"Touchpoint 1/")
    app.burst_end()
    app.send(b"\x03")  # Ctrl-C: leave for later, everything on disk
    app.close()
    walks = os.path.join(work, "walks")
    name = sorted(f for f in os.listdir(walks) if f.endswith(".jsonl"))[-1]
    answers_written = 0
    with open(os.path.join(walks, name), "a") as journal:
        # Two answers on every other touchpoint, then two on the first (the walk resumes there).
        for i in list(range(1, count)) + [0]:
            for item in ((0, 1) if i else (10, 11)):
                answer = ("yes", "no", "na")[(i + item) % 3]
                journal.write(f'{{"type":"answer","at":"2026-11-25T10:00:00.000Z","touchpoint":"tp-{i}","item":{item},"answer":"{answer}"}}\n')
                answers_written += 1
    app = PtyApp([binary, "resume", name[:-len(".jsonl")]], env)
    app.read_until(b"Touchpoint 1/")
    app.burst_end()
    app.send(b"c")
    app.read_until(b"Esc done")
    app.burst_end()
    answer_keys = [b"y" if n % 2 == 0 else b"a" for n in range(keys)]
    cpu = app.cpu_ms()
    answer_acks = timed_keys(app, answer_keys, "an answer")
    answer_cpu = (app.cpu_ms() - cpu) / keys
    app.send(b"\x1b")
    # A lone Esc is told from an Alt chord by the 25 ms that follow it: wait them out, or the
    # first verdict key would make Esc m, an Alt chord, which journeywalk ignores.
    time.sleep(0.1)
    app.burst_end()
    cpu = app.cpu_ms()
    verdict_acks = timed_keys(app, [(b"m", b"x", b"n", b"s")[n % 4] for n in range(keys)], "a verdict")
    verdict_cpu = (app.cpu_ms() - cpu) / keys
    app.close()
    with open(os.path.join(walks, name)) as journal:
        lines = journal.read().splitlines()
    recorded = sum(1 for line in lines if '"type":"answer"' in line)
    verdicts = sum(1 for line in lines if '"type":"verdict"' in line)
    load = os.getloadavg()[0]
    print(f"resumed walk of {count:,} touchpoints with {answers_written:,} answers, score recomputed for every frame:")
    print(f"  answer key to acknowledging frame: median {statistics.median(answer_acks):.2f} ms, "
          f"p99 {percentile(answer_acks, 0.99):.2f} ms ({keys} keys; {recorded:,} answers on disk); "
          f"processor time {answer_cpu:.2f} ms a key  [load average {load:.2f}]")
    print(f"  verdict key to acknowledging frame: median {statistics.median(verdict_acks):.2f} ms, "
          f"p99 {percentile(verdict_acks, 0.99):.2f} ms ({verdicts} verdicts on disk); "
          f"processor time {verdict_cpu:.2f} ms a key  [load average {os.getloadavg()[0]:.2f}]")


def answers(binary, env, work, count=5000, items=20, keys=200):
    """Checklist answers: `c`, then y / a keys on a touchpoint of 20 items, each timed to its frame."""
    path = os.path.join(work, "checklist-5000.yaml")
    with open(path, "w") as out:
        out.write("title: Checklist journey\nid: checklist\npass_mark: 80\nstages:\n")
        for stage in range(count // 50):
            out.write(f"  - name: Stage {stage + 1}\n    touchpoints:\n")
            for n in range(50):
                i = stage * 50 + n
                out.write(f"      - id: tp-{i}\n        title: Touchpoint number {i}\n        target: 2m\n        look_for:\n")
                for item in range(items if i == 0 else 2):
                    weight = f", weight: {1 + item % 3}" + (", critical: true" if item == 5 else "")
                    out.write(f"          - {{item: Thing to check number {item + 1}{weight}}}\n")
    app = PtyApp([binary, "walk", path], env)
    app.read_until(b"quit")
    app.burst_end()
    app.send(b"\r")
    app.read_until(b"Touchpoint 1/")
    app.burst_end()
    app.send(b"c")
    app.read_until(b"Esc done")
    app.burst_end()
    acks = []
    last = b"a"
    for _ in range(keys):
        # Every key changes an answer: on the last item the two keys alternate.
        key = b"y" if last == b"a" else b"a"
        last = key
        sent = time.perf_counter()
        app.send(key)
        ready, _, _ = select.select([app.master], [], [], 5)
        if not ready:
            raise TimeoutError("no frame after an answer")
        acks.append((app.burst_end(quiet=0.008) - sent) * 1000)
    app.close()
    walk_files = [f for f in os.listdir(os.path.join(work, "walks")) if f.endswith(".jsonl")]
    with open(os.path.join(work, "walks", walk_files[-1])) as journal:
        recorded = sum(1 for line in journal if '"type":"answer"' in line)
    print(f"checklist answer key to acknowledging frame (incl. append + fsync, score of {count:,} touchpoints): "
          f"median {statistics.median(acks):.2f} ms, p99 {percentile(acks, 0.99):.2f} ms ({len(acks)} answers, {recorded} on disk)"
          f"  [load average {os.getloadavg()[0]:.2f}]")
    shutil.rmtree(os.path.join(work, "walks"), ignore_errors=True)
    answers_in_a_full_walk(binary, env, work, path, count=count, keys=keys)


def workshop(binary, env, journey, votes=200):
    """A room voting on a 200x60 projector: each vote key to the end of the frame that shows it."""
    app = PtyApp([binary, "workshop", journey, "--room", "Bench", "--timebox", "1h"], env, rows=60, cols=200)
    app.read_until(b"no votes yet")
    app.burst_end()
    acks = []
    # m m x u n … : every key writes a tally (and a verdict when the majority changes) before its frame.
    keys = [b"m", b"m", b"x", b"u", b"n", b"x", b"x", b"u"]
    for i in range(votes):
        sent = time.perf_counter()
        app.send(keys[i % len(keys)])
        ready, _, _ = select.select([app.master], [], [], 5)
        if not ready:
            raise TimeoutError("no frame after a vote")
        acks.append((app.burst_end(quiet=0.008) - sent) * 1000)
    app.close()
    walks = os.path.join(env["JOURNEYWALK_HOME"], "walks")
    newest = max((os.path.join(walks, f) for f in os.listdir(walks) if f.endswith(".jsonl")), key=os.path.getmtime)
    with open(newest) as journal:
        recorded = sum(1 for line in journal if '"type":"votes"' in line)
    print(f"workshop at 200x60: vote key to its acknowledging frame (incl. append + fsync): median {statistics.median(acks):.2f} ms, "
          f"p99 {percentile(acks, 0.99):.2f} ms ({len(acks)} votes, {recorded} tallies on disk)")


def generated_walks(source, folder, count):
    """Copies of a real walk file with new ids, operators and verdicts."""
    import json
    import random
    lines = open(source).read().splitlines()
    header = json.loads(lines[0])
    touchpoints = [t["id"] for s in header["journey"]["stages"] for t in s["touchpoints"]]
    random.seed(7)
    for i in range(count):
        header["walk"] = f"2026{1 + i % 12:02d}{1 + i % 28:02d}-{i:06d}-{header['journey']['id']}"
        header["operator"] = random.choice(["Sam", "Ann", "Zoë", "Lee"])
        header["started"] = f"2026-{1 + i % 12:02d}-{1 + i % 28:02d}T10:{i % 60:02d}:00.000Z"
        out = [json.dumps(header, ensure_ascii=False, separators=(",", ":"))]
        for tp in touchpoints:
            verdict = random.choice(["magic", "neutral", "misery", "skipped"])
            out.append(json.dumps({"type": "verdict", "at": header["started"], "touchpoint": tp, "verdict": verdict,
                                   "intensity": 1 if verdict in ("magic", "misery") else 0,
                                   "timer_seconds": random.randint(5, 400)}, separators=(",", ":")))
            if random.random() < 0.3:
                out.append(json.dumps({"type": "note", "at": header["started"], "touchpoint": tp,
                                       "text": "Waited at the counter; \"busy\" staff, no eye contact"}, separators=(",", ":")))
        if i % 4:
            out.append('{"type":"finish","at":"' + header["started"] + '"}')
        with open(os.path.join(folder, header["walk"] + ".jsonl"), "w") as handle:
            handle.write("\n".join(out) + "\n")


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Writes bench/walk-order.txt: the functions a walk runs, for the release link to put together.

    python3 bench/walk-order.py --binary .build-static/release/journeywalk

The binary (a release build, not stripped) is run under valgrind's callgrind (every instruction's
address dumped) on a pseudo-terminal (100x30) for three walks, each through its briefing, nine verdicts and a quit: retail-store-visit
from the samples built in (run outside the repository) and from ./journeys (run in it, as
walk-speed.sh does), and a generated 300-touchpoint journey. Every function callgrind saw is named from the
binary's symbol table; names defined more than once (local helpers that every object file has) are
left out unless mangled in this package's modules, since lld moves every section that defines them
and the libraries' objects are one section each. Package.swift hands the file to lld
(`--symbol-ordering-file`) for release builds on Linux; docs/benchmarks.md says why. Run it again
when the walk's code path changes much; a stale list costs memory, never correctness. SwiftPM does
not see the list as an input and relinks only when an object changes: remove the built binary
(.build-static/release/journeywalk) to relink after changing the list.
"""
import argparse
import bisect
import collections
import os
import pty
import re
import select
import struct
import subprocess
import sys
import tempfile
import time

KEYS = "\rmxnmxnmxn"
# Names mangled in this package's modules, which are built with a section per function: each of their
# definitions is a small section, so a name defined more than once is kept.
OWN = re.compile(r"(10JourneyKit|12JourneyStore|12JourneyIndex|14JourneyReports|14JourneySamples|6WalkUI|14CursesTerminal|11journeywalk)")


def long_journey(path):
    lines = ["title: Long speed journey", "stages:"]
    for stage in range(10):
        lines += [f"  - name: Stage {stage}", "    touchpoints:"]
        for touchpoint in range(30):
            lines += [f"      - title: Touchpoint {stage}-{touchpoint}", "        channel: store"]
    with open(path, "w") as file:
        file.write("\n".join(lines) + "\n")


def drain(fd, seconds):
    """Reads until the program has written something and then been quiet for 0.2 s."""
    end = time.time() + seconds
    seen = False
    while time.time() < end:
        ready, _, _ = select.select([fd], [], [], 0.2)
        if ready:
            try:
                os.read(fd, 65536)
            except OSError:
                return
            seen = True
        elif seen:
            return


def callgrind(binary, args, home, out, cwd):
    """Runs one walk under callgrind and dumps its profile before quitting (a dump at exit is lost
    when the terminal closes)."""
    env = dict(os.environ, TERM="xterm-256color", JOURNEYWALK_HOME=home)
    pid, fd = pty.fork()
    if pid == 0:
        import fcntl
        import termios
        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
        os.chdir(cwd)
        os.execvpe("valgrind", ["valgrind", "-q", "--tool=callgrind", "--dump-instr=yes", f"--callgrind-out-file={out}", binary] + args, env)
    drain(fd, 120)
    for key in KEYS:
        os.write(fd, key.encode())
        time.sleep(1)
        drain(fd, 10)
    subprocess.run(["callgrind_control", "-d", str(pid)], capture_output=True)
    time.sleep(2)
    for key in "qqq":
        try:
            os.write(fd, key.encode())
        except OSError:
            break
        drain(fd, 5)
    os.kill(pid, 9)
    os.waitpid(pid, 0)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--binary", default=".build-static/release/journeywalk")
    parser.add_argument("--out", default=os.path.join(os.path.dirname(__file__), "walk-order.txt"))
    options = parser.parse_args()
    binary = os.path.abspath(options.binary)
    symbols = []
    for line in subprocess.run(["nm", "-n", "-S", "--defined-only", binary], capture_output=True, text=True, check=True).stdout.splitlines():
        parts = line.split()
        if len(parts) == 4:
            symbols.append((int(parts[0], 16), int(parts[1], 16), parts[2], parts[3]))
    definitions = collections.Counter(name for _, _, _, name in symbols)
    functions = [s for s in symbols if s[2] in "tTwW"]
    starts = [s[0] for s in functions]
    with tempfile.TemporaryDirectory() as folder:
        stripped = os.path.join(folder, "journeywalk")  # valgrind cannot read the debug information
        subprocess.run(["strip", "-o", stripped, binary], check=True)
        journey = os.path.join(folder, "long.yaml")
        long_journey(journey)
        profiles = []
        repository = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
        walks = [(["walk", "retail-store-visit"], folder), (["walk", "retail-store-visit"], repository), (["walk", journey], folder)]
        for number, (args, cwd) in enumerate(walks):
            home = os.path.join(folder, f"home{number}")
            os.mkdir(home)
            out = os.path.join(folder, f"callgrind{number}.out")
            callgrind(stripped, args, home, out, cwd)
            profiles += [os.path.join(folder, name) for name in os.listdir(folder) if name.startswith(f"callgrind{number}.out")]
        seen = set()

        def note(address):
            # The function whose symbol is at or before the address: code past a symbol's size
            # (functions the compiler merged or outlined keep no size of their own) belongs to that
            # symbol's section, which is what the link moves.
            index = bisect.bisect_right(starts, address) - 1
            if index >= 0:
                seen.add(functions[index][3])

        # Every instruction callgrind counted (--dump-instr): a function reached by a jump (a
        # thunk's tail call into its specialised body) is no function of its own to callgrind, so
        # the names of its profile's functions alone miss it. Positions are absolute (0x…), relative
        # to the line before (+n, -n) or the same (*).
        position = re.compile(r"^(0x[0-9a-f]+|[+-][0-9]+|\*)$")
        for profile in profiles:
            address = 0
            for line in open(profile, errors="replace"):
                fields = line.split()
                if not fields:
                    continue
                if fields[0].startswith("calls=") and len(fields) > 1:
                    if fields[1].startswith("0x"):
                        note(int(fields[1], 16))
                    continue
                if not position.match(fields[0]):
                    continue
                if fields[0].startswith("0x"):
                    address = int(fields[0], 16)
                elif fields[0] != "*":
                    address += int(fields[0])
                note(address)
    names = sorted(name for name in seen if definitions[name] == 1 or OWN.search(name))
    if len(names) < 500:
        sys.exit(f"walk-order: only {len(names)} functions seen; is valgrind installed and does the walk start?")
    with open(options.out, "w") as file:
        file.write("\n".join(names) + "\n")
    print(f"{options.out}: {len(names)} functions ({len(seen) - len(names)} defined more than once outside this package left out)")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Where a walk's memory is: /proc/PID/smaps of `journeywalk walk JOURNEY` at its first frame.

    python3 bench/walk-pages.py BINARY [ARGS...]     (ARGS default: walk retail-store-visit)

Starts BINARY on a 100x30 pseudo-terminal (JOURNEYWALK_HOME in a temporary folder), waits for the
first frame, then prints VmHWM, VmRSS, RssAnon and RssFile and the resident kB of each mapping
(the binary's text, its data, the heap), and quits. Compare builds in the same run: the figures
move with how the kernel holds the binary in its page cache (docs/benchmarks.md).
"""
import os, pty, re, select, struct, sys, tempfile, time

binary = sys.argv[1]
args = sys.argv[2:] or ["walk", "retail-store-visit"]
home = tempfile.mkdtemp()
env = dict(os.environ, TERM="xterm-256color", JOURNEYWALK_HOME=home)
pid, fd = pty.fork()
if pid == 0:
    import fcntl, termios
    fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
    os.execve(binary, [binary] + args, env)
seen, start = False, time.time()
while time.time() - start < 5:
    if select.select([fd], [], [], 0.2)[0]:
        os.read(fd, 65536)
        seen = True
    elif seen:
        break
status = open(f"/proc/{pid}/status").read()
print(" ".join(line.replace("\t", " ").replace("  ", "") for line in status.splitlines() if line.startswith(("VmHWM", "VmRSS", "RssAnon", "RssFile"))))
resident, mapping = {}, None
for line in open(f"/proc/{pid}/smaps"):
    if re.match(r"^[0-9a-f]+-[0-9a-f]+ ", line):
        parts = line.split()
        mapping = (parts[1], parts[5] if len(parts) > 5 else "[anonymous]")
    elif line.startswith("Rss:"):
        resident[mapping] = resident.get(mapping, 0) + int(line.split()[1])
for (permissions, name), kb in sorted(resident.items(), key=lambda item: -item[1])[:8]:
    print(f"{kb:8d} kB  {permissions}  {name}")
os.kill(pid, 9)
os.waitpid(pid, 0)

#!/usr/bin/env python3
"""Which threads of one command want a CPU, over time: a timeline of its serial and parallel
phases (the wall time's critical path), which CPU times per thread (bench/thread-cpu.sh) do not
show. Runs the command (its output to /dev/null), reads the state of every thread
(/proc/PID/task/*/stat: R = running or waiting for a CPU) every ~2 ms until it exits, and prints,
per BUCKET_MS (default 20) ms, the mean number of runnable threads and which they are:

    bench/thread-states.py bin/sentinel score -i cover.csv -m cover.srb --export-csv s.csv

A phase where one thread alone is runnable (`java` is the command's thread) is one the second
core sits out. On a loaded machine the phases stretch, but which threads run together does not
change. The sampling itself takes some CPU beside the command.
"""
import collections
import os
import subprocess
import sys
import time

if len(sys.argv) < 2:
    sys.exit("usage: bench/thread-states.py COMMAND [ARGS...]")
bucket = float(os.environ.get("BUCKET_MS", "20"))
p = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
t0 = time.monotonic()
samples = []
while p.poll() is None:
    t = (time.monotonic() - t0) * 1000
    running = collections.Counter()
    try:
        tids = os.listdir(f"/proc/{p.pid}/task")
    except FileNotFoundError:
        break
    for tid in tids:
        try:
            with open(f"/proc/{p.pid}/task/{tid}/stat") as f:
                stat = f.read()
        except OSError:
            continue
        name = stat[stat.index("(") + 1:stat.rindex(")")]
        if stat[stat.rindex(")") + 2] == "R":
            running[name] += 1
    samples.append((t, running))
    time.sleep(0.002)
end = (time.monotonic() - t0) * 1000
per_bucket = collections.defaultdict(collections.Counter)
count = collections.Counter()
for t, running in samples:
    b = int(t // bucket)
    count[b] += 1
    per_bucket[b].update(running)
for b in sorted(count):
    shown = ", ".join(f"{k}:{v / count[b]:.1f}" for k, v in per_bucket[b].most_common() if v / count[b] >= 0.15)
    print(f"{b * bucket:6.0f} ms  runnable {sum(per_bucket[b].values()) / count[b]:3.1f}  {shown}")
print(f"wall {end:.0f} ms, exit {p.returncode}")

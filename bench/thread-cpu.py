#!/usr/bin/python3
"""CPU time of each thread of one command, summed by thread name (ms, user + system):

    bench/thread-cpu.py bin/sentinel train -i cover.csv -m t.srb --export-csv t.csv

Reads /proc/PID/task/*/stat every ~2 ms until the command exits and keeps the last value seen of
each thread. bench/thread-cpu.sh does the same from bash every ~10 ms plus a fork per thread, and
on a loaded machine misses threads that end between two of its rounds (train's sentinel-write,
sentinel-read); a thread's last ~2 ms may still be missed here.
"""
import os, sys, time, subprocess, collections
tick = os.sysconf('SC_CLK_TCK')
p = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
seen = {}
t0 = time.time()
while p.poll() is None:
    try:
        for tid in os.listdir(f'/proc/{p.pid}/task'):
            try:
                s = open(f'/proc/{p.pid}/task/{tid}/stat').read()
            except OSError:
                continue
            name = s[s.index('(') + 1:s.rindex(')')]
            f = s[s.rindex(')') + 2:].split()
            seen[tid] = (name, (int(f[11]) + int(f[12])) * 1000 // tick)
    except OSError:
        pass
    time.sleep(0.002)
wall = time.time() - t0
by = collections.Counter()
for name, ms in seen.values():
    by[name] += ms
for n, ms in by.most_common():
    print(f'{ms:6d} ms  {n}')
print(f'{sum(by.values()):6d} ms  total; wall {wall*1000:.0f} ms')

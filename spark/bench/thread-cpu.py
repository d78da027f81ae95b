#!/usr/bin/env python3
"""CPU time of a running JVM by thread, from /proc (Linux): which threads use the cores.

    thread-cpu.py PID [INTERVAL_SECONDS] [WINDOW_SECONDS]

Samples /proc/PID/task/*/stat every INTERVAL seconds (default 0.5) until PID exits, then
prints each thread group's user+system CPU seconds (the last value seen per thread; threads
are grouped by name with their numbers blanked, so the executor's task threads add up) and a
timeline: the CPU seconds each group used in every WINDOW seconds (default 5). The JIT
compilers' threads keep their names (C1, C2). Linux truncates thread names to 15 characters.
"""
import collections
import os
import re
import sys
import time


def group(name):
    if name.startswith(('C1 ', 'C2 ')):
        return name
    return re.sub(r'\d+', '#', name)


def main():
    pid = int(sys.argv[1])
    interval = float(sys.argv[2]) if len(sys.argv) > 2 else 0.5
    window = float(sys.argv[3]) if len(sys.argv) > 3 else 5.0
    tick = os.sysconf('SC_CLK_TCK')
    seen = {}  # tid -> (name, CPU ticks)
    timeline = []
    start = time.time()
    while os.path.exists(f'/proc/{pid}'):
        try:
            tids = os.listdir(f'/proc/{pid}/task')
        except FileNotFoundError:
            break
        for tid in tids:
            try:
                with open(f'/proc/{pid}/task/{tid}/stat') as f:
                    stat = f.read()
            except (FileNotFoundError, ProcessLookupError):
                continue
            name = stat[stat.index('(') + 1:stat.rindex(')')]
            fields = stat[stat.rindex(')') + 2:].split()
            seen[tid] = (name, int(fields[11]) + int(fields[12]))  # utime + stime
        snap = collections.Counter()
        for name, cpu in seen.values():
            snap[group(name)] += cpu
        timeline.append((time.time() - start, snap))
        time.sleep(interval)

    total = collections.Counter()
    for name, cpu in seen.values():
        total[group(name)] += cpu
    print(f'threads seen: {len(seen)}; CPU of all threads: {sum(total.values()) / tick:.1f} s')
    for name, cpu in total.most_common():
        if cpu / tick >= 0.05:
            print(f'  {cpu / tick:7.2f} s  {name}')
    print(f'CPU seconds per {window:g} s window (the five largest groups):')
    prev_t, prev = 0.0, collections.Counter()
    for i, (t, snap) in enumerate(timeline):
        if t - prev_t >= window or i == len(timeline) - 1:
            used = {k: (snap[k] - prev[k]) / tick for k in snap}
            top = sorted(used.items(), key=lambda kv: -kv[1])[:5]
            print(f'  {prev_t:6.1f}-{t:6.1f} s: '
                  + ', '.join(f'{k} {v:.1f}' for k, v in top if v >= 0.05))
            prev_t, prev = t, snap


if __name__ == '__main__':
    main()

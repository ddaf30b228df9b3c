#!/usr/bin/env python3
"""Times commands on fresh copies of a corpus and prints median wall time,
CPU time and peak memory for each, with ratios against the first one.

usage: measure.py CORPUS RUNS NAME=COMMAND [NAME=COMMAND ...]
In COMMAND, {dir} is replaced by the fresh copy's path. Each run gets its own
copy, made before the clock starts.
"""
import os
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time


def run_once(command, corpus):
    with tempfile.TemporaryDirectory(prefix="pymod-bench-") as tmp:
        work = os.path.join(tmp, "corpus")
        shutil.copytree(corpus, work, symlinks=True)
        argv = ["bash", "-c", command.replace("{dir}", shlex.quote(work))]
        start = time.perf_counter()
        proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        code = os.waitstatus_to_exitcode(status)
        if code not in (0, 1):
            raise SystemExit(f"command failed with exit {code}: {command}")
        return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def main():
    corpus, runs, *specs = sys.argv[1:]
    results = []
    for spec in specs:
        name, command = spec.split("=", 1)
        samples = [run_once(command, corpus) for _ in range(int(runs))]
        wall = statistics.median(s[0] for s in samples)
        cpu = statistics.median(s[1] for s in samples)
        rss = max(s[2] for s in samples)
        results.append((name, wall, cpu, rss))
        print(f"  measured {name}: {wall:.2f}s", file=sys.stderr)
    base_wall = results[0][1]
    print(f"{'tool':<28} {'wall (median)':>14} {'cpu':>10} {'peak RSS':>10} {'wall / ' + results[0][0]:>16}")
    for name, wall, cpu, rss in results:
        print(f"{name:<28} {wall:>13.2f}s {cpu:>9.2f}s {rss:>8.0f}MB {wall / base_wall:>15.2f}x")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""`ws2fix diagnose` against `reglookup` dumping the same WinSock2 subtree,
on every real hive of the shared data; regipy SYSTEM_B with its real
SYSTEM_B.LOG1/.LOG2 beside it, so that its time includes the log replay.
The two commands run alternately (so that load on the machine hits both
alike) and the median of each is reported, as a Markdown table.

Usage: bench/diagnose_vs_reglookup.py [path/to/ws2fix] [runs]
       (default build/src/ws2fix, 21 runs of each)"""
import lzma
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time


def timed(cmd):
    t = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - t


def main():
    root = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
    ws2fix = sys.argv[1] if len(sys.argv) > 1 else os.path.join(root, "build", "src", "ws2fix")
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 21
    shared = os.environ.get("WS2FIX_SHARED_DIR", os.path.join(root, "..", "shared"))
    if not shutil.which("reglookup"):
        print("reglookup is not installed (scripts/deps.sh)", file=sys.stderr)
        return 2
    tmp = tempfile.mkdtemp(prefix="ws2fix-bench-")
    try:
        hives = []
        base = os.path.join(shared, "hives")
        for sub in sorted(os.listdir(base)):
            d = os.path.join(base, sub)
            if not os.path.isdir(d):
                continue
            for f in sorted(os.listdir(d)):
                if not f.endswith(".xz") or ".LOG" in f:
                    continue
                name = f[:-3]
                hd = os.path.join(tmp, sub + "_" + name)
                os.mkdir(hd)
                logs = []
                for g in sorted(os.listdir(d)):
                    if g.startswith(name + ".LOG") and g.endswith(".xz"):
                        logs.append(g[:-3])
                for g in [name] + logs:
                    with lzma.open(os.path.join(d, g + ".xz")) as s, open(os.path.join(hd, g), "wb") as o:
                        shutil.copyfileobj(s, o)
                hives.append((sub + "/" + name, os.path.join(hd, name), logs))
        print("| hive | size | logs | reglookup (median ms) | ws2fix diagnose (median ms) | diagnose / reglookup |")
        print("|---|---:|---|---:|---:|---:|")
        for label, path, logs in hives:
            rl_cmd = ["reglookup", "-H", "-p", "/ControlSet001/Services/WinSock2", path]
            ws_cmd = [ws2fix, "diagnose", "--hive", path, "--json"]
            timed(rl_cmd)
            timed(ws_cmd)  # warm the page cache for both
            rl, ws = [], []
            for _ in range(runs):
                rl.append(timed(rl_cmd))
                ws.append(timed(ws_cmd))
            r, w = statistics.median(rl), statistics.median(ws)
            size = os.path.getsize(path) / (1024 * 1024)
            print("| %s | %.1f MiB | %s | %.1f | %.1f | %.2f |" % (
                label, size, " + ".join(logs) if logs else "-", r * 1000, w * 1000, w / r))
    finally:
        shutil.rmtree(tmp)
    return 0


if __name__ == "__main__":
    sys.exit(main())

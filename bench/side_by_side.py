#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""`ws2fix diagnose --hive H --json` side by side with its peers, on every
real hive of the shared data, all measured in the same run:

  hivexget   hivexget H '\\Select' Current: hivex opening the hive and
             reading one value, the floor of the library ws2fix reads with
  reglookup  reglookup -H -p /ControlSet001/Services/WinSock2 H: an
             independent reader dumping the Winsock2 subtree
  cat        cat H (and its logs) > /dev/null: reading the bytes once

The commands of a hive run in turn, round after round, so that load on the
machine hits them alike; each column is the median of the rounds, whole
processes.  regipy SYSTEM_B has its real SYSTEM_B.LOG1/.LOG2 beside it: its
diagnose includes the replay, while hivexget and reglookup read the
primary file as it is.  Also the peak resident memory of each diagnose.

Then `ws2fix batch -j 2` over 1,000 hives (the real ones in turn) against
the same 1,000 hivexget runs two at a time (xargs -P 2), and the peak
memory per batch worker: (peak RSS of the batch - RSS of `ws2fix
--version`) / workers, against the largest hive.

Benchmarks report; nothing here passes or fails.
Usage: bench/side_by_side.py [path/to/ws2fix] [rounds] [batch-rounds]
       (default build/src/ws2fix, 11 rounds, 3 batch rounds)"""
import lzma
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time


def run(cmd, stdin=None):
    """Wall seconds of one whole process."""
    t = time.perf_counter()
    subprocess.run(cmd, stdin=stdin, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - t


def peak_kib(cmd):
    """Peak RSS (KiB) of one process, by GNU time: a child forked from
    Python would report Python's own pages as its peak."""
    with tempfile.NamedTemporaryFile("r") as out:
        subprocess.run(["/usr/bin/time", "-f", "%M", "-o", out.name] + cmd,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        return int(out.read().split()[-1])


def unpack(shared, tmp):
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
            logs = sorted(g[:-3] for g in os.listdir(d) if g.startswith(name + ".LOG") and g.endswith(".xz"))
            for g in [name] + logs:
                with lzma.open(os.path.join(d, g + ".xz")) as s, open(os.path.join(hd, g), "wb") as o:
                    shutil.copyfileobj(s, o)
            hives.append((sub + "/" + name, os.path.join(hd, name), [os.path.join(hd, g) for g in logs]))
    return hives


def per_hive(ws2fix, hives, rounds):
    print("| hive | size | logs | hivexget ms | reglookup ms | cat ms | diagnose ms | / hivexget | / reglookup | / cat | diagnose peak RSS |")
    print("|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    worst = [0.0, 0.0]
    for label, path, logs in hives:
        cmds = {
            "hg": ["hivexget", path, "\\Select", "Current"],
            "rl": ["reglookup", "-H", "-p", "/ControlSet001/Services/WinSock2", path],
            "cat": ["cat", path] + logs,
            "ws": [ws2fix, "diagnose", "--hive", path, "--json"],
        }
        times = {k: [] for k in cmds}
        for c in cmds.values():
            run(c)  # warm the page cache for all
        for _ in range(rounds):
            for k, c in cmds.items():
                times[k].append(run(c))
        rss = peak_kib(cmds["ws"])
        m = {k: statistics.median(v) * 1000 for k, v in times.items()}
        size = os.path.getsize(path)
        worst[0] = max(worst[0], m["ws"] / m["hg"]) if not logs else worst[0]
        worst[1] = max(worst[1], m["ws"] / m["rl"]) if not logs else worst[1]
        print("| %s | %.1f MiB | %s | %.1f | %.1f | %.1f | %.1f | %.2f | %.2f | %.2f | %.1f MiB (%.2f x hive) |" % (
            label, size / 1048576, " + ".join(os.path.basename(g) for g in logs) if logs else "-",
            m["hg"], m["rl"], m["cat"], m["ws"], m["ws"] / m["hg"], m["ws"] / m["rl"], m["ws"] / m["cat"],
            rss / 1024, rss * 1024 / size))
    print()
    print("Worst without a replay: %.2f x hivexget, %.2f x reglookup." % (worst[0], worst[1]))


def batch(ws2fix, hives, tmp, rounds):
    lst = os.path.join(tmp, "list")
    paths = [hives[i % len(hives)][1] for i in range(1000)]
    with open(lst, "w") as f:
        f.write("".join(p + "\n" for p in paths))
    largest = max(os.path.getsize(h[1]) for h in hives)
    base = peak_kib([ws2fix, "--version"])
    peer = ["xargs", "-P", "2", "-d", "\n", "-I", "{}", "hivexget", "{}", "\\Select", "Current"]
    bt, pt = [], []
    for _ in range(rounds):
        bt.append(run([ws2fix, "batch", "-j", "2", lst]))
        with open(lst) as f:
            pt.append(run(peer, stdin=f))
    peak = peak_kib([ws2fix, "batch", "-j", "2", lst])
    peak1 = peak_kib([ws2fix, "batch", "-j", "1", lst])
    b, p = statistics.median(bt), statistics.median(pt)
    print()
    print("| batch of 1,000 hives | seconds (median of %d) | / hivexget x 1,000 (xargs -P 2) |" % rounds)
    print("|---|---:|---:|")
    print("| ws2fix batch -j 2 | %.2f | %.2f |" % (b, b / p))
    print("| hivexget x 1,000, xargs -P 2 | %.2f | 1.00 |" % p)
    print()
    print("| batch peak memory | peak RSS | per worker (minus %.1f MiB of `ws2fix --version`) | / largest hive (%.1f MiB) |"
          % (base / 1024, largest / 1048576))
    print("|---|---:|---:|---:|")
    for label, pk, n in (("-j 2", peak, 2), ("-j 1", peak1, 1)):
        w = (pk - base) / n
        print("| %s | %.1f MiB | %.1f MiB | %.2f |" % (label, pk / 1024, w / 1024, w * 1024 / largest))


def main():
    root = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
    ws2fix = os.path.abspath(sys.argv[1]) if len(sys.argv) > 1 else os.path.join(root, "build", "src", "ws2fix")
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 11
    brounds = int(sys.argv[3]) if len(sys.argv) > 3 else 3
    shared = os.environ.get("WS2FIX_SHARED_DIR", os.path.join(root, "..", "shared"))
    for tool in ("hivexget", "reglookup", "xargs", "/usr/bin/time"):
        if not shutil.which(tool):
            print("%s is not installed (scripts/deps.sh)" % tool, file=sys.stderr)
            return 2
    tmp = tempfile.mkdtemp(prefix="ws2fix-bench-")
    try:
        hives = unpack(shared, tmp)
        per_hive(ws2fix, hives, rounds)
        if brounds > 0:
            batch(ws2fix, hives, tmp, brounds)
    finally:
        shutil.rmtree(tmp)
    return 0


if __name__ == "__main__":
    sys.exit(main())

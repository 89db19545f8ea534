#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""An interrupted run leaves the disk as it found it (docs/cli/repair.md,
"Interrupted runs"; docs/EXIT-CODES.md).

On a real hive kept where Windows keeps it (<root>/Windows/System32/config/
SYSTEM), `repair --mode reset --apply` with no --backup, run from another
folder:
- SIGINT and SIGTERM delivered at many moments (strace injects the signal
  at the Nth openat, write, fsync, rename, link and unlink): the run exits
  128 + the signal with one line, the hive is the original (by hash) or the
  whole repaired one (read by reglookup, diagnosed healthy), and no
  temporary file (*.ws2fix-new-*, *.ws2fix-tmp-*) is left anywhere; a
  repaired hive keeps every value of each catalog entry the reset kept
  (tests/cli/kept.py, read by reglookup);
- SIGKILL cannot clean up: a run killed while its new hive is complete but
  not yet renamed leaves HIVE.ws2fix-new-*; the next diagnose names it, the
  next repair --apply removes it and says so;
- a full disk (RLIMIT_FSIZE): the backup, the repaired hive and a fix file
  with its .cmd are refused whole, nothing half-written under a name the
  user asked for, and no temporary file left.

Usage: python3 test_interrupt.py /path/to/ws2fix   (exit 0 pass, 1 fail, 77 skip)
"""
import os
import resource
import shutil
import signal
import subprocess
import sys

import kept
import wstest
from wstest import need

WS2FIX = os.path.abspath(sys.argv[1])
SRC = os.environ.get("WS2FIX_SOURCE_DIR", os.path.join(os.path.dirname(__file__), "..", ".."))
SYSCALLS = ["openat", "write", "fsync", "rename", "link", "unlink"]
POINTS = 12  # moments tried per system call and signal: spread over the run


def need_strace():
    if os.environ.get("WS2FIX_HAVE_HIVEX") != "1":
        wstest.skip("no hive backend in this build")
    if not shutil.which("strace"):
        if os.environ.get("WS2FIX_REQUIRE_SHARED") == "1":
            raise wstest.Failure("strace is not installed (scripts/deps.sh)")
        wstest.skip("strace is not installed")
    wstest.need_tool("reglookup")
    probe = subprocess.run(["strace", "-qq", "-o", os.devnull, "-e", "trace=none", "true"], capture_output=True)
    if probe.returncode != 0:
        wstest.skip("strace cannot trace here (ptrace not permitted)")


def traced_env():
    env = dict(os.environ)
    opts = env.get("ASAN_OPTIONS", "")
    env["ASAN_OPTIONS"] = (opts + ":" if opts else "") + "detect_leaks=0"
    return env


class Tree:
    """A mounted Windows: the hive in System32/config, its core DLLs, and a
    folder the technician runs ws2fix from."""

    def __init__(self, tmp, xz):
        self.tmp, self.xz = tmp, xz
        self.root = os.path.join(tmp, "mnt")
        self.hive = os.path.join(self.root, "Windows", "System32", "config", "SYSTEM")
        self.cwd = os.path.join(tmp, "cwd")

    def setup(self):
        for d in (self.root, self.cwd):
            shutil.rmtree(d, ignore_errors=True)
        os.makedirs(os.path.dirname(self.hive))
        os.makedirs(self.cwd)
        wstest.unxz(self.xz, os.path.dirname(self.hive), "SYSTEM")
        return wstest.sha256_file(self.hive)

    def command(self, *extra):
        return [WS2FIX, "--no-file-checks", "repair", "--hive", self.hive, "--mode", "reset", "--apply", *extra]

    def stray(self):
        out = []
        for top in (self.root, self.cwd):
            for dirpath, _, files in os.walk(top):
                out += [os.path.join(dirpath, f) for f in files if ".ws2fix-new-" in f or ".ws2fix-tmp-" in f]
        return out


def xp_tree(tmp):
    """The mounted Windows every case here uses: a real XP SP3 hive."""
    return Tree(tmp, os.path.join(wstest.shared_dir(), "hives", "winevt-kb-xpsp3-x86", "SYSTEM.xz"))


def repaired_whole(tree, rows, where):
    """The hive reads whole (reglookup), is healthy, and kept the values of
    every entry of @p rows (kept.rows of the original) it kept."""
    p = subprocess.run(["reglookup", "-p", "/ControlSet001/Services/WinSock2", tree.hive], capture_output=True)
    if p.returncode != 0 or b"Catalog_Entries" not in p.stdout:
        return False
    rc, _, _ = wstest.run(WS2FIX, "--no-file-checks", "diagnose", "--hive", tree.hive)
    if rc != 0:
        return False
    need(kept.check(rows, kept.rows(tree.hive), where) > 0, "%s: no catalog entry was kept" % where)
    return True


def original_rows(tree):
    """kept.rows of the hive every setup() puts in place (read once)."""
    if not hasattr(tree, "rows"):
        tmp = os.path.join(tree.tmp, "original")
        os.makedirs(tmp, exist_ok=True)
        tree.rows = kept.rows(wstest.unxz(tree.xz, tmp, "SYSTEM"))
        shutil.rmtree(tmp)
    return tree.rows


def count(tree):
    """How often each system call runs once the handlers are installed
    (after the rt_sigaction for SIGHUP): (before, total) per call.  A
    signal before that is the default one, not ws2fix's to handle."""
    tree.setup()
    log = os.path.join(tree.tmp, "strace.log")
    p = subprocess.run(["strace", "-f", "-qq", "-o", log, "-e", "trace=rt_sigaction," + ",".join(SYSCALLS),
                        *tree.command()], capture_output=True, timeout=600, env=traced_env(), cwd=tree.cwd)
    need(p.returncode in (0, 1), "the uninterrupted run failed (%d): %r" % (p.returncode, p.stderr[-300:]))
    need(repaired_whole(tree, original_rows(tree), "the uninterrupted run"), "the uninterrupted run: not whole")
    counts = {s: [0, 0] for s in SYSCALLS}
    armed = False
    with open(log, encoding="utf-8", errors="replace") as f:
        for line in f:
            if "rt_sigaction(SIGHUP" in line:
                armed = True
            for s in SYSCALLS:
                if (" " + s + "(") in line or line.startswith(s + "("):
                    counts[s][1] += 1
                    if not armed:
                        counts[s][0] += 1
    need(armed, "no SIGHUP handler was installed")
    return counts


def moments(before_total):
    """Up to POINTS occurrences after the handlers are installed, spread."""
    before, total = before_total
    n = total - before
    if n <= POINTS:
        return list(range(before + 1, total + 1))
    return sorted({before + 1 + (n - 1) * i // (POINTS - 1) for i in range(POINTS)})


def test_sigint_and_sigterm_leave_nothing_behind():
    need_strace()
    tmp = wstest.tempdir()
    try:
        tree = xp_tree(tmp)
        counts = count(tree)
        need(counts["rename"][1] - counts["rename"][0] >= 2, "strace saw %r" % counts)
        outcomes = {"original": 0, "repaired": 0}
        for sig, code in (("INT", 130), ("TERM", 143)):
            for name in SYSCALLS:
                for n in moments(counts[name]):
                    pristine = tree.setup()
                    where = "SIG%s at %s #%d" % (sig, name, n)
                    p = subprocess.run(["strace", "-f", "-qq", "-o", os.devnull, "-e", "trace=" + name,
                                        "-e", "inject=%s:signal=%s:when=%d" % (name, sig, n), *tree.command()],
                                       capture_output=True, timeout=600, env=traced_env(), cwd=tree.cwd)
                    err = p.stderr.decode("utf-8", "replace")
                    need(p.returncode == code and "interrupted" in err,
                         "%s: exit %d, want %d: %r" % (where, p.returncode, code, err[-300:]))
                    need(not tree.stray(), "%s: left %s" % (where, tree.stray()))
                    if wstest.sha256_file(tree.hive) == pristine:
                        outcomes["original"] += 1
                    else:
                        need(repaired_whole(tree, original_rows(tree), where),
                             "%s: the hive is neither the original nor whole" % where)
                        outcomes["repaired"] += 1
        need(outcomes["original"] > 0 and outcomes["repaired"] > 0, "outcomes %r" % outcomes)
        print("%d interruptions: %r" % (sum(outcomes.values()), outcomes))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def test_sigkill_leftover_is_named_then_removed():
    need_strace()
    tmp = wstest.tempdir()
    try:
        tree = xp_tree(tmp)
        counts = count(tree)
        left = []
        for n in range(1, counts["rename"][1] + 1):
            tree.setup()
            subprocess.run(["strace", "-f", "-qq", "-o", os.devnull, "-e", "trace=rename",
                            "-e", "inject=rename:signal=KILL:when=%d" % n, *tree.command()],
                           capture_output=True, timeout=600, env=traced_env(), cwd=tree.cwd)
            left = [f for f in tree.stray() if ".ws2fix-new-" in f]
            if left:
                break
        need(left, "no SIGKILL left a new hive beside the old one")
        rc, out, err = wstest.run(WS2FIX, "--no-file-checks", "diagnose", "--hive", tree.hive)
        need(os.path.basename(left[0]) in err and "half-written" in err and os.path.exists(left[0]),
             "diagnose does not name %s: %r" % (left[0], err))
        earlier = set(os.listdir(tree.cwd))
        p = subprocess.run(tree.command(), capture_output=True, timeout=600, cwd=tree.cwd)
        err = p.stderr.decode("utf-8", "replace")
        need("removed" in err and os.path.basename(left[0]) in err, "repair --apply did not say it removed it: %r" % err)
        need(not tree.stray(), "still there: %s" % tree.stray())
        need(p.returncode == 0 and repaired_whole(tree, original_rows(tree), "after the SIGKILL leftover"),
             "the repair after a SIGKILL leftover: exit %d, not whole" % p.returncode)
        # With no --backup, the backup went to the folder it ran from,
        # never into System32\config, and the run said where first.
        backups = [f for f in set(os.listdir(tree.cwd)) - earlier if f.startswith("ws2fix-backup-")]
        config = [f for f in os.listdir(os.path.dirname(tree.hive)) if f.endswith(".reg")]
        need(len(backups) == 1 and not config, "backups: %s in the current folder, %s in config" % (backups, config))
        need(os.path.join(tree.cwd, backups[0]) in p.stdout.decode("utf-8", "replace"), "the backup was not named")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def limited(nbytes):
    def preexec():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (nbytes, nbytes))
    return preexec


def test_full_disk_writes_whole_files_or_none():
    if os.environ.get("WS2FIX_HAVE_HIVEX") != "1":
        wstest.skip("no hive backend in this build")
    tmp = wstest.tempdir()
    try:
        tree = xp_tree(tmp)
        # The backup: no room even for it.
        pristine = tree.setup()
        bk = os.path.join(tree.cwd, "b.reg")
        p = subprocess.run(tree.command("--backup", bk), capture_output=True, timeout=600, cwd=tree.cwd,
                           preexec_fn=limited(4096))
        need(p.returncode == 3 and not os.path.exists(bk), "full disk at the backup: exit %d" % p.returncode)
        need(wstest.sha256_file(tree.hive) == pristine and not tree.stray(), "full disk at the backup left %s"
             % tree.stray())
        # The repaired hive: room for the backup, not for the hive.
        size = os.path.getsize(tree.hive)
        p = subprocess.run(tree.command("--backup", bk), capture_output=True, timeout=600, cwd=tree.cwd,
                           preexec_fn=limited(size // 2))
        need(p.returncode == 3, "full disk at the hive: exit %d: %r" % (p.returncode, p.stderr[-300:]))
        need(wstest.sha256_file(tree.hive) == pristine and not tree.stray(), "full disk at the hive left %s"
             % tree.stray())
        # A fix file and its .cmd: both or neither.
        sample = os.path.join(SRC, "samples", "winsock2-broken-lsp.reg")
        fix = os.path.join(tree.cwd, "fix.reg")
        for limit in (1024, 8192, 65536):
            p = subprocess.run([WS2FIX, "repair", "--reg", sample, "--fix-file", fix], capture_output=True,
                               timeout=600, cwd=tree.cwd, preexec_fn=limited(limit))
            made = sorted(f for f in os.listdir(tree.cwd) if f.startswith("fix"))
            need(p.returncode == 3 and not made, "fix file with %d bytes free: exit %d, left %s"
                 % (limit, p.returncode, made))
            need(not tree.stray(), "fix file with %d bytes free left %s" % (limit, tree.stray()))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    wstest.main([test_sigint_and_sigterm_leave_nothing_behind, test_sigkill_leftover_is_named_then_removed,
                 test_full_disk_writes_whole_files_or_none])

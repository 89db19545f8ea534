# SPDX-License-Identifier: MIT
"""Crash safety, proven: `ws2fix repair --apply` is killed with SIGKILL on
entry to each of its file-changing system calls in turn (every openat,
write, pwrite64, ftruncate, fsync, link, rename, unlink and close, one kill
per run: strace's fault injection), on a clean hive, on a dirty hive with
its logs, and on a .reg file.  After every kill the input is either
byte-identical to the original or a complete, valid repaired file (clean
header, hivex and reglookup read it, diagnose finds no error), the logs are
unchanged, and whenever the input changed the .reg backup is complete (the
same bytes `ws2fix backup` writes) and the original is kept beside it.
Needs strace (scripts/deps.sh)."""
import hashlib
import os
import re
import shutil
import struct
import subprocess
import sys

import wstest
from wstest import Failure

WS2FIX = sys.argv[1]
SRC = os.environ.get("WS2FIX_SOURCE_DIR", os.path.join(os.path.dirname(__file__), "..", ".."))
SYSCALLS = ["openat", "write", "pwrite64", "ftruncate", "fsync", "link", "rename", "unlink", "close"]

need = wstest.need
sha = wstest.sha256_file


def clean_header(path):
    with open(path, "rb") as f:
        b = f.read(4096)
    if len(b) < 4096 or b[:4] != b"regf":
        return False
    c = 0
    for i in range(0, 508, 4):
        c ^= struct.unpack_from("<I", b, i)[0]
    c = 1 if c == 0 else (0xFFFFFFFE if c == 0xFFFFFFFF else c)
    s1, s2 = struct.unpack_from("<II", b, 4)
    return s1 == s2 and c == struct.unpack_from("<I", b, 508)[0] and struct.unpack_from("<I", b, 28)[0] == 0


class Scenario:
    def __init__(self, name, files, target, kind, args):
        self.name, self.files, self.target, self.kind, self.args = name, files, target, kind, args

    def setup(self, work):
        if os.path.exists(work):
            shutil.rmtree(work)
        os.mkdir(work)
        for name, path in self.files.items():
            shutil.copyfile(path, os.path.join(work, name))

    def command(self, work):
        src = ["--hive" if self.kind == "hive" else "--reg", os.path.join(work, self.target)]
        return [WS2FIX, "repair", *src, *self.args, "--apply", "--backup", os.path.join(work, "b.reg"), "-q"]


def traced_env():
    """The environment for a run under strace: LeakSanitizer cannot work
    under ptrace (sanitizer builds), so leak checks are off there; every
    other check stays."""
    env = dict(os.environ)
    opts = env.get("ASAN_OPTIONS", "")
    env["ASAN_OPTIONS"] = (opts + ":" if opts else "") + "detect_leaks=0"
    return env


def count_syscalls(sc, work):
    sc.setup(work)
    log = os.path.join(work, "..", "strace.log")
    p = subprocess.run(["strace", "-f", "-qq", "-s", "4096", "-o", log, "-e", "trace=" + ",".join(SYSCALLS),
                        *sc.command(work)], capture_output=True, timeout=600, env=traced_env())
    need(p.returncode in (0, 1), "%s: the unkilled run failed (%d): %r" % (sc.name, p.returncode, p.stderr[-300:]))
    counts = {s: 0 for s in SYSCALLS}
    with open(log) as f:
        lines = f.read().splitlines()
    for line in lines:
        parts = line.split(None, 1)
        if len(parts) == 2:
            name = parts[1].split("(", 1)[0]
            if name in counts and "resumed>" not in parts[1]:
                counts[name] += 1
    synced_before_rename(sc, lines)
    os.remove(log)
    return counts


OPEN = re.compile(r'^\d+\s+openat\([^,]+, "([^"]+)", [^)]*\)\s+= (\d+)$')
FSYNC = re.compile(r'^\d+\s+fsync\((\d+)\)\s+= 0$')
CLOSE = re.compile(r'^\d+\s+close\((\d+)\)')
RENAME = re.compile(r'^\d+\s+rename\("([^"]+)", "([^"]+)"\)\s+= 0$')


def synced_before_rename(sc, lines):
    """In the trace of the unkilled run: every file renamed over another
    was fsync'ed (through a descriptor opened on it) before the rename, so
    that a power cut after the rename cannot leave an empty or partial
    file under the input's name (issue 28: counting fsyncs did not see
    one that was dropped)."""
    fds, synced, renames = {}, set(), 0
    for line in lines:
        m = OPEN.match(line)
        if m:
            fds[m.group(2)] = m.group(1)
            continue
        m = FSYNC.match(line)
        if m and m.group(1) in fds:
            synced.add(fds[m.group(1)])
            continue
        m = CLOSE.match(line)
        if m:
            fds.pop(m.group(1), None)
            continue
        m = RENAME.match(line)
        if m:
            renames += 1
            need(m.group(1) in synced, "%s: %s renamed over %s before any fsync of it" % (sc.name, m.group(1), m.group(2)))
    need(renames >= 1, "%s: the trace has no rename (is strace's output as this test reads it?)" % sc.name)


def check_after_kill(sc, work, pristine, ref_backup, where):
    target = os.path.join(work, sc.target)
    need(os.path.exists(target), "%s: %s: the input is gone" % (sc.name, where))
    for name, digest in pristine.items():
        if name != sc.target:
            need(sha(os.path.join(work, name)) == digest, "%s: %s: %s changed" % (sc.name, where, name))
    if sha(target) == pristine[sc.target]:
        return "original"
    # Changed: it must be whole and repaired, with a complete backup and
    # the original (and its logs) kept.
    if sc.kind == "hive":
        need(clean_header(target), "%s: %s: changed hive has no clean header" % (sc.name, where))
        # An independent reader; test_sigkill_at_every_file_syscall needs it.
        p = subprocess.run(["reglookup", "-p", "/ControlSet001/Services/WinSock2", target],
                           capture_output=True, timeout=300)
        need(p.returncode == 0 and b"Catalog_Entries" in p.stdout,
             "%s: %s: reglookup cannot read the changed hive" % (sc.name, where))
    rc, out, err = wstest.run(WS2FIX, "diagnose", "--hive" if sc.kind == "hive" else "--reg", target, "--json")
    need(rc == 0, "%s: %s: diagnose of the changed input exit %d: %s" % (sc.name, where, rc, out[-300:] + err))
    need('"SOURCE_DIRTY"' not in out, "%s: %s: the changed hive is dirty" % (sc.name, where))
    bk = os.path.join(work, "b.reg")
    need(os.path.exists(bk) and backup_digest(bk) == ref_backup,
         "%s: %s: input changed without a complete backup" % (sc.name, where))
    kept = [f for f in os.listdir(work) if f.startswith(sc.target + ".ws2fix-") and f.endswith(".bak")]
    need(len(kept) == 1 and sha(os.path.join(work, kept[0])) == pristine[sc.target],
         "%s: %s: the original is not kept: %s" % (sc.name, where, sorted(os.listdir(work))))
    for name, digest in pristine.items():
        if name != sc.target and ".LOG" in name:
            copy = os.path.join(work, kept[0] + name[len(sc.target):])
            need(os.path.exists(copy) and sha(copy) == digest, "%s: %s: %s not kept" % (sc.name, where, name))
    return "repaired"


def backup_digest(path):
    """A backup's digest without the minute it was taken at (its header's
    ws2fix-backup-time line): the same keys from the same source."""
    with open(path, "rb") as f:
        text = f.read().decode("utf-16")
    kept = [line for line in text.split("\r\n") if not line.startswith("; ws2fix-backup-time:")]
    return hashlib.sha256("\r\n".join(kept).encode("utf-8")).hexdigest()


def run_scenario(sc, tmp):
    work = os.path.join(tmp, sc.name)
    sc.setup(work)
    pristine = {n: sha(os.path.join(work, n)) for n in sc.files}
    # What a complete backup is: `ws2fix backup` of the untouched input.
    ref = os.path.join(tmp, sc.name + "-ref.reg")
    rc, _, err = wstest.run(WS2FIX, "--hive" if sc.kind == "hive" else "--reg", os.path.join(work, sc.target),
                            "backup", ref, "-q")
    need(rc == 0, "%s: reference backup: %s" % (sc.name, err))
    ref_backup = backup_digest(ref)
    counts = count_syscalls(sc, work)
    need(counts["rename"] >= 2 and counts["fsync"] >= 2, "%s: strace saw %r" % (sc.name, counts))
    outcomes = {"original": 0, "repaired": 0}
    for name in SYSCALLS:
        for n in range(1, counts[name] + 1):
            sc.setup(work)
            where = "killed at %s #%d" % (name, n)
            p = subprocess.run(["strace", "-f", "-qq", "-o", os.devnull, "-e", "trace=" + name,
                                "-e", "inject=%s:signal=KILL:when=%d" % (name, n), *sc.command(work)],
                               capture_output=True, timeout=600, env=traced_env())
            need(p.returncode in (-9, 137), "%s: %s: not killed (exit %d)" % (sc.name, where, p.returncode))
            outcomes[check_after_kill(sc, work, pristine, ref_backup, where)] += 1
    # The kills fell both before and after the moment the input changed.
    need(outcomes["original"] > 0 and outcomes["repaired"] > 0, "%s: outcomes %r" % (sc.name, outcomes))
    print("%s: %d kills, %r" % (sc.name, sum(outcomes.values()), outcomes))
    shutil.rmtree(work)


def scenarios(tmp):
    shared = wstest.shared_dir()
    src = os.path.join(tmp, "src")
    os.makedirs(src, exist_ok=True)
    clean = wstest.unxz(os.path.join(shared, "hives", "winevt-kb-xpsp3-x86", "SYSTEM.xz"), src, "clean_SYSTEM")
    dirty = {}
    for ext in ("", ".LOG1", ".LOG2"):
        dirty["SYSTEM_B" + ext] = wstest.unxz(os.path.join(shared, "hives", "regipy", "SYSTEM_B%s.xz" % ext), src,
                                              "SYSTEM_B" + ext)
    reg = os.path.join(SRC, "samples", "winsock2-broken-lsp.reg")
    return [
        Scenario("clean-hive", {"SYSTEM": clean}, "SYSTEM", "hive", ["--mode", "reset"]),
        Scenario("dirty-hive-with-logs", dirty, "SYSTEM_B", "hive", ["--mode", "reset"]),
        Scenario("reg-file", {"winsock2.reg": reg}, "winsock2.reg", "reg", ["--edit-export"]),
    ]


def test_sigkill_at_every_file_syscall():
    if os.environ.get("WS2FIX_HAVE_HIVEX") != "1":
        wstest.skip("no hive backend in this build")
    if not shutil.which("strace"):
        if os.environ.get("WS2FIX_REQUIRE_SHARED") == "1":
            raise Failure("strace is not installed (scripts/deps.sh)")
        wstest.skip("strace is not installed")
    wstest.need_tool("reglookup")
    probe = subprocess.run(["strace", "-qq", "-o", os.devnull, "-e", "trace=none", "true"], capture_output=True)
    if probe.returncode != 0:
        wstest.skip("strace cannot trace here (ptrace not permitted): %r" % probe.stderr[:200])
    tmp = wstest.tempdir()
    try:
        for sc in scenarios(tmp):
            run_scenario(sc, tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


wstest.main([test_sigkill_at_every_file_syscall])

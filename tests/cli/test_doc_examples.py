#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""The docs are tests: every command example in README.md and docs/**/*.md
(and so in the man pages, which are made from docs/cli/) runs as written,
the first time, against fixtures shaped like what it names.

Examples are read from the files themselves: lines of an indented or
fenced code block that start with `ws2fix`, and the `Example:` lines of the
command pages.  Each runs in a fresh folder holding what it names:
- `SYSTEM`: a real XP hive (../shared/hives, with ControlSet002) whose
  catalog counter is broken;
- `/mnt/win/...`, `/mnt/c/...`: a mounted Windows (the folders made under
  the test's own folder, the paths rewritten to them) holding a real
  Windows 10 hive with a broken counter in System32/config and every DLL
  its catalogs and transports name;
- `*.reg` exports: the shipped broken sample; netsh listings and
  HijackThis logs: the real ones of ../shared/corpus; `hives.txt`: a list
  of the hives.
An example that names a file the test has no fixture for fails the test,
so a new example cannot go in untested.  Each must exit as documented (0
or 1: never a usage or input error) and do what it says: `--apply` leaves
the hive healthy with a backup outside System32\\config, `--fix-file`
writes the file and its .cmd, pipelines into scripts/validate-json.py
pass.  `--version` and `selftest`-free lines run as they are.

Usage: python3 test_doc_examples.py /path/to/ws2fix   (exit 0 pass, 1 fail, 77 skip)
"""
import glob
import json
import os
import re
import shlex
import shutil
import subprocess
import sys

import wstest
from wstest import need

WS2FIX = os.path.abspath(sys.argv[1])
SRC = os.path.abspath(os.environ.get("WS2FIX_SOURCE_DIR", os.path.join(os.path.dirname(__file__), "..", "..")))
CMD = re.compile(r"\s*(?:sudo )?(?:build/src/)?ws2fix(?:\.exe)? ")
FILEISH = re.compile(r"(^/|[\\/]|\.(reg|txt|log|jsonl|cmd|evtx|json)$|^SYSTEM$|^SOFTWARE$)", re.I)


def examples():
    files = [os.path.join(SRC, "README.md")] + sorted(glob.glob(os.path.join(SRC, "docs", "**", "*.md"), recursive=True))
    out = []
    for f in files:
        block = False
        with open(f, encoding="utf-8") as fh:
            for n, line in enumerate(fh, 1):
                s = line.rstrip("\n")
                if s.startswith("```"):
                    block = not block
                    continue
                if (s.startswith("    ") or block) and CMD.match(s):
                    out.append((os.path.relpath(f, SRC), n, s.strip()))
                elif s.startswith("Example: ") and CMD.match(s[len("Example: "):]):
                    out.append((os.path.relpath(f, SRC), n, s[len("Example: "):].strip()))
    return out


def broken_hive(xz, dest):
    os.makedirs(os.path.dirname(dest), exist_ok=True)
    hive = wstest.unxz(xz, os.path.dirname(dest), os.path.basename(dest))
    key = "ControlSet001\\Services\\WinSock2\\Parameters\\Protocol_Catalog9"
    subprocess.run(["hivexsh", "-w", hive], check=True,
                   input=("cd %s\nsetval 1\nNum_Catalog_Entries\ndword:00000063\ncommit\n" % key).encode())
    return hive


def mounted(tmp, root, xz):
    """<tmp><root>/Windows/System32/config/SYSTEM with the DLLs it names."""
    win = os.path.join(tmp + root, "Windows")
    hive = broken_hive(xz, os.path.join(win, "System32", "config", "SYSTEM"))
    p = subprocess.run(["reglookup", "-H", hive], capture_output=True, check=True)
    names = {"ntdll.dll", "ws2_32.dll", "mswsock.dll"}
    for line in p.stdout.decode("utf-8", "replace").splitlines():
        parts = line.split(",")
        if len(parts) > 2 and (parts[0].endswith("/HelperDllName") or parts[0].endswith("/LibraryPath")):
            names.add(parts[2].replace("\\", "/").rsplit("/", 1)[-1].lower())
    shared = os.path.join(wstest.shared_dir(), "hives", "dissect-regf-win10-x64", "SYSTEM.catalog.json")
    with open(shared, encoding="utf-8") as f:
        listing = json.load(f)
    for part in ("protocol", "namespace"):
        for entries in listing[part].values():
            names |= {e["path"].replace("\\", "/").rsplit("/", 1)[-1].lower() for e in entries}
    for d in ("System32", "SysWOW64"):
        os.makedirs(os.path.join(win, d), exist_ok=True)
        for n in names:
            open(os.path.join(win, d, n), "wb").close()
    return hive


def fixtures(tmp):
    """The files the examples name, made in @p tmp; returns what is known."""
    shared = wstest.shared_dir()
    xp = os.path.join(shared, "hives", "bitcurator-m57-xpsp3-x86", "SYSTEM.xz")
    w10 = os.path.join(shared, "hives", "dissect-regf-win10-x64", "SYSTEM.xz")
    broken_hive(xp, os.path.join(tmp, "SYSTEM"))
    for root in ("/mnt/win", "/mnt/c"):
        mounted(tmp, root, w10)
    sample = os.path.join(SRC, "samples", "winsock2-broken-lsp.reg")
    netsh = os.path.join(shared, "corpus", "netsh", "01-jolla3-backened-win10or11-en.txt")
    hjt = os.path.join(shared, "corpus", "netsh", "04-papo52-malware-win11-hjt-o10.txt")
    copies = {"winsock2.reg": sample, "sent-by-user.reg": sample, "pasted-netsh-output.txt": netsh,
              "catalog.txt": netsh, "hijackthis.log": hjt, "logg.txt": hjt}
    for name, src in copies.items():
        shutil.copyfile(src, os.path.join(tmp, name))
    with open(os.path.join(tmp, "hives.txt"), "w", encoding="utf-8") as f:
        f.write(os.path.join(tmp, "SYSTEM") + "\n")
    bindir = os.path.join(tmp, ".bin")
    os.mkdir(bindir)
    os.symlink(WS2FIX, os.path.join(bindir, "ws2fix"))
    inputs = set(copies) | {"SYSTEM", "hives.txt"}
    outputs = {"fix.reg", "results.jsonl"}
    return inputs, outputs, bindir


def check_files(where, cmd, inputs, outputs):
    words = shlex.split(cmd)
    if "explain" in words:
        words = words[:words.index("explain")]  # what follows is text, not files
    for tok in words:
        if tok.startswith("-") or not FILEISH.search(tok) or tok.startswith(("scripts/", "python3")):
            continue
        if tok.startswith("/mnt/win/") or tok.startswith("/mnt/c/"):
            continue
        need(tok in inputs or tok in outputs, "%s: %r names %r, which the test has no fixture for" % (where, cmd, tok))


def test_every_documented_command_runs_as_written():
    if os.environ.get("WS2FIX_HAVE_HIVEX") != "1":
        wstest.skip("no hive backend in this build")
    wstest.need_tool("hivexsh")
    wstest.need_tool("reglookup")
    found = examples()
    need(len(found) >= 25, "only %d examples found: the reader no longer sees the docs" % len(found))
    for path, line, cmd in found:
        where = "%s:%d" % (path, line)
        tmp = wstest.tempdir()
        try:
            inputs, outputs, bindir = fixtures(tmp)
            check_files(where, cmd, inputs, outputs)
            # The checkout's scripts/ as the example means it, run from here.
            run = cmd.replace("/mnt/", tmp + "/mnt/").replace("scripts/", os.path.join(SRC, "scripts") + "/")
            before = wstest.sha256_file(os.path.join(tmp, "SYSTEM"))
            env = dict(os.environ, PATH=bindir + os.pathsep + os.environ.get("PATH", ""))
            # A pipeline into the validator answers for itself (exit 0:
            # valid); the ws2fix in it may say 1 (the fixtures are broken).
            p = subprocess.run(["bash", "-c", run if "validate-json" in cmd else "set -o pipefail; " + run], cwd=tmp,
                               capture_output=True, env=env, timeout=300)
            out, err = p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")
            need(p.returncode in (0, 1), "%s: %r exited %d: %s" % (where, cmd, p.returncode, (err or out)[-400:]))
            if "validate-json" in cmd:
                need(p.returncode == 0, "%s: %r: the JSON does not validate: %s" % (where, cmd, err[-400:]))
            words = shlex.split(cmd)
            if "--apply" in words:
                hive = os.path.join(tmp, "SYSTEM") if "SYSTEM" in words else None
                need(hive and wstest.sha256_file(hive) != before, "%s: %r changed nothing" % (where, cmd))
                rc, dout, _ = wstest.run(WS2FIX, "--no-file-checks", "diagnose", "--hive", hive)
                need(rc == 0, "%s: %r left the hive broken: %s" % (where, cmd, dout[-300:]))
                need(any(f.startswith("ws2fix-backup-") for f in os.listdir(tmp)), "%s: %r: no backup" % (where, cmd))
            if "--fix-file" in words:
                fix = words[words.index("--fix-file") + 1]
                need(os.path.isfile(os.path.join(tmp, fix)) and os.path.isfile(os.path.join(tmp, fix[:-4] + ".cmd")),
                     "%s: %r wrote no fix file" % (where, cmd))
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
    print("%d documented commands ran as written" % len(found))


if __name__ == "__main__":
    wstest.main([test_every_documented_command_runs_as_written])

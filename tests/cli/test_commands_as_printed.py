#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Every command ws2fix prints runs as printed (docs/cli/diagnose.md).

The "Fix:" lines of a diagnosis, and backup's "To put it back" line, name
the source they need ('ws2fix --hive PATH repair ...', '--reg FILE ... --fix-file'),
quoted for the shell: here the hive and the export sit in a folder whose
name has a space.  Each printed command is split as a POSIX shell would
(shlex) and run on a fresh copy at that same path; it must do what its line
says (never "no live registry", never a usage error):
- a real Windows 10 hive with its catalog counter broken and VMware's
  provider: 'repair --apply' repairs it (diagnosed healthy after, and every
  catalog entry it kept has all its values, read by reglookup: kept.py), the
  '--remove ID' line shows a plan that removes that provider;
- the shipped broken export: its fix-file command writes the fix file;
- backup's "To put it back" line restores the backup: after a repair, the
  catalog entries are again the ones backed up, value for value (reglookup).

Usage: python3 test_commands_as_printed.py /path/to/ws2fix   (exit 0 pass, 1 fail, 77 skip)
"""
import os
import re
import shlex
import shutil
import subprocess
import sys

import kept
import wstest
from wstest import need

WS2FIX = os.path.abspath(sys.argv[1])
SRC = os.environ.get("WS2FIX_SOURCE_DIR", os.path.join(os.path.dirname(__file__), "..", ".."))
QUOTED = re.compile(r"'(ws2fix [^']*)'( on that machine)?")


def printed_commands(text):
    """The quoted ws2fix commands of the Fix: lines, but those the line
    says to run "on that machine" (the one an export came from)."""
    out = []
    for line in text.splitlines():
        if line.strip().startswith("Fix:"):
            out += [cmd for cmd, there in QUOTED.findall(line) if not there]
    return out


def run_printed(cmd, cwd):
    argv = shlex.split(cmd)
    need(argv[0] == "ws2fix", "not a ws2fix command: %r" % cmd)
    p = subprocess.run([WS2FIX, *argv[1:]], capture_output=True, cwd=cwd, timeout=300)
    return p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")


def winsock2_state(hive):
    """Every key and value under ControlSet001\\Services\\WinSock2 as
    reglookup reads it (path, type, data; key times left out)."""
    wstest.need_tool("reglookup")
    p = subprocess.run(["reglookup", "-H", "-p", "/ControlSet001/Services/WinSock2", hive], capture_output=True,
                       timeout=300)
    need(p.returncode == 0, "reglookup: %r" % p.stderr[:300])
    return {line.rsplit(",", 1)[0] for line in p.stdout.decode("latin-1").splitlines() if line}


def test_hive_fix_lines_run_as_printed():
    if os.environ.get("WS2FIX_HAVE_HIVEX") != "1":
        wstest.skip("no hive backend in this build")
    wstest.need_tool("hivexsh")
    tmp = wstest.tempdir()
    try:
        folder = os.path.join(tmp, "case files")
        os.makedirs(folder)
        xz = os.path.join(wstest.shared_dir(), "hives", "dissect-regf-win10-x64", "SYSTEM.xz")

        def fresh():
            hive = wstest.unxz(xz, folder, "SYSTEM")
            key = "ControlSet001\\Services\\WinSock2\\Parameters\\Protocol_Catalog9"
            subprocess.run(["hivexsh", "-w", hive], check=True,
                           input=("cd %s\nsetval 1\nNum_Catalog_Entries\ndword:00000063\ncommit\n" % key).encode())
            for f in os.listdir(folder):
                if f != "SYSTEM":
                    os.remove(os.path.join(folder, f))
            return hive

        hive = fresh()
        rc, out, _ = wstest.run(WS2FIX, "diagnose", "--hive", hive)
        cmds = printed_commands(out)
        need(cmds, "no command in the Fix: lines: %s" % out[-500:])
        need(all(("--hive '%s'" % hive) in c or ('--hive "%s"' % hive) in c for c in cmds if "--exclude-app" not in c),
             "a command without its quoted hive: %s" % [c for c in cmds if hive not in c])
        seen = set()
        for cmd in cmds:
            if cmd in seen or "--exclude-app" in cmd:
                continue  # --exclude-app is for the live registry only, as its line says
            seen.add(cmd)
            hive = fresh()
            rows = kept.rows(hive)
            rc, out, err = run_printed(cmd, tmp)
            need(rc in (0, 1) and "live registry" not in err and "error:" not in err,
                 "%r: exit %d: %s" % (cmd, rc, err[-300:]))
            if "--apply" in cmd:
                drc, dout, _ = wstest.run(WS2FIX, "diagnose", "--hive", hive)
                need(drc == 0, "%r did not repair the hive: %s" % (cmd, dout[-400:]))
                need(kept.check(rows, kept.rows(hive), cmd) > 0, "%r kept no catalog entry" % cmd)
            elif "--remove" in cmd:
                need("vSockets" in out or "VMCI" in out, "%r shows no plan removing the provider: %s" % (cmd, out[-300:]))
        need(any("--apply" in c for c in seen), "no --apply command was printed: %s" % sorted(seen))
        # backup's "To put it back" line restores the backup.
        hive = fresh()
        rows = kept.rows(hive)
        bk = os.path.join(folder, "b.reg")
        rc, out, err = wstest.run(WS2FIX, "--hive", hive, "backup", bk)
        m = re.search(r"To put it back: (ws2fix .*?) \(or on Windows", out)
        need(rc == 0 and m, "backup printed no command: %s" % out)
        backed_up = winsock2_state(hive)
        rc, out, err = wstest.run(WS2FIX, "repair", "--hive", hive, "--apply",
                                  "--backup", os.path.join(tmp, "other.reg"))
        need(rc == 0 and winsock2_state(hive) != backed_up,
             "the repair before the restore changed nothing: exit %d" % rc)
        kept.check(rows, kept.rows(hive), "repair before the restore")
        rc, out, err = run_printed(m.group(1), tmp)
        need(rc == 0 and "reads back identical" in out, "%r: exit %d: %s" % (m.group(1), rc, err[-300:]))
        now = winsock2_state(hive)
        need(now == backed_up, "%r: WinSock2 differs from the backed up one (reglookup): %s" % (
            m.group(1), sorted(now ^ backed_up)[:4]))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def test_export_fix_lines_run_as_printed():
    tmp = wstest.tempdir()
    try:
        folder = os.path.join(tmp, "sent by user")
        os.makedirs(folder)
        reg = os.path.join(folder, "winsock2.reg")
        shutil.copyfile(os.path.join(SRC, "samples", "winsock2-broken-lsp.reg"), reg)
        rc, out, _ = wstest.run(WS2FIX, "diagnose", "--reg", reg)
        cmds = [c for c in printed_commands(out) if "--exclude-app" not in c]
        need(cmds and all("--fix-file" in c for c in cmds), "fix lines: %s" % cmds)
        for cmd in sorted(set(cmds)):
            for f in os.listdir(tmp):
                if f.endswith((".reg", ".cmd")):
                    os.remove(os.path.join(tmp, f))
            rc, out, err = run_printed(cmd, tmp)
            need(rc in (0, 1) and "error:" not in err, "%r: exit %d: %s" % (cmd, rc, err[-300:]))
            if rc == 0:
                need(os.path.exists(os.path.join(tmp, "FIX.reg")) and os.path.exists(os.path.join(tmp, "FIX.cmd")),
                     "%r wrote no fix file" % cmd)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    wstest.main([test_hive_fix_lines_run_as_printed, test_export_fix_lines_run_as_printed])

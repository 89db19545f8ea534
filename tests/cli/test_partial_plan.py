#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""repair on a partial source (--netsh, --hijackthis): the plan lists the
changes and the steps a user can run on the machine (ws2fix commands, and
Windows' own command only where it certainly does the same on that Windows
version); --apply and registry-only options are refused with exit 2, and
the input is never written.

Usage: python3 test_partial_plan.py /path/to/ws2fix   (exit 0 pass, 1 fail, 77 skip)
"""
import hashlib
import os
import shutil
import sys

import wstest

WS2FIX = sys.argv[1] if len(sys.argv) > 1 else "ws2fix"
HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.join(HERE, "..", "..")
HAND = os.path.join(ROOT, "tests", "data", "hijackthis", "handmade")
REAL = os.path.join(ROOT, "tests", "data", "hijackthis", "real")
# A hand-made netsh listing with a layered provider that hijacks a
# Microsoft ProviderId (KNOWN_MALICIOUS_PROVIDER), chains intact.
LSP_NETSH = os.path.join(ROOT, "fuzz", "corpus", "netsh", "lsp-x64-en.txt")


def digest(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def commands(doc):
    return [(s["command"], s["builtin"]) for s in doc["steps"] if s["command"]]


def test_hijackthis_plan_lists_changes_and_steps():
    path = os.path.join(HAND, "hm-205-all-forms-ansi-crlf.log")
    before = digest(path)
    doc = wstest.run_json(WS2FIX, "repair", "--hijackthis", path, "--json", expect_rc=1)
    if not doc["partial"] or doc["applied"] or doc["source"]["kind"] != "hijackthis":
        raise wstest.Failure(f"plan header: {doc}")
    codes = [c["code"] for c in doc["changes"]]
    if codes.count("PROVIDER_DLL_MISSING") != 2 or "ENTRY_NUMBERING" not in codes or "THIRD_PARTY_PROVIDER" in codes:
        raise wstest.Failure(f"changes: {codes}")
    # The log names no catalog id: no built-in command is certain, only ws2fix's.
    if commands(doc) != [("ws2fix diagnose", False), ("ws2fix repair", False), ("ws2fix repair --apply", False)]:
        raise wstest.Failure(f"surgical steps: {commands(doc)}")
    # Reset mode on XP SP3 (the log's Platform line): Windows' own reset too.
    doc = wstest.run_json(WS2FIX, "repair", "--mode", "reset", "--hijackthis", path, "--json", expect_rc=1)
    if ("netsh winsock reset", True) not in commands(doc):
        raise wstest.Failure(f"reset on XP SP3: {commands(doc)}")
    doc = wstest.run_json(WS2FIX, "--os", "xp-sp1", "repair", "--mode", "reset", "--hijackthis", path, "--json",
                          expect_rc=1)
    if any(b for _, b in commands(doc)):
        raise wstest.Failure(f"XP SP1 has no netsh winsock reset: {commands(doc)}")
    rc, out, err = wstest.run(WS2FIX, "--lang", "sv", "repair", "--hijackthis", path)
    if rc != 1 or "ws2fix repair --apply" not in out or "Steg på den datorn" not in out:
        raise wstest.Failure(f"Swedish plan: exit {rc}: {out[:300]}")
    # A healthy log: nothing to repair, only the check on the machine.
    doc = wstest.run_json(WS2FIX, "repair", "--hijackthis",
                          os.path.join(REAL, "kennetheyrn-hijackthis-2.0.5-win11-nlansp.log"), "--json")
    if doc["changes"] or commands(doc) != [("ws2fix diagnose", False)]:
        raise wstest.Failure(f"healthy log plan: {doc}")
    if digest(path) != before:
        raise wstest.Failure("the log was modified")


def test_netsh_plan_offers_remove_provider_only_where_certain():
    before = digest(LSP_NETSH)
    doc = wstest.run_json(WS2FIX, "--os", "10", "repair", "--netsh", LSP_NETSH, "--json", expect_rc=1)
    if ("netsh winsock remove provider 1015", True) not in commands(doc):
        raise wstest.Failure(f"Windows 10: {commands(doc)}")
    if any(c.startswith("netsh winsock remove provider 1016") for c, _ in commands(doc)):
        raise wstest.Failure("a chain entry is not an LSP netsh removes by id")
    for os_id in ("xp-sp3", None):
        args = (["--os", os_id] if os_id else []) + ["repair", "--netsh", LSP_NETSH, "--json"]
        doc = wstest.run_json(WS2FIX, *args, expect_rc=1)
        if any(b for _, b in commands(doc)):
            raise wstest.Failure(f"{os_id or 'unknown version'}: a built-in command offered: {commands(doc)}")
    if digest(LSP_NETSH) != before:
        raise wstest.Failure("the listing was modified")


def test_apply_and_registry_options_refused():
    log = os.path.join(REAL, "pmachapman-hijackthis-2.0.4-win7-no-o10.log")
    for src in (["--hijackthis", log], ["--netsh", LSP_NETSH]):
        for extra in (["--apply"], ["--remove", "1015"], ["--exclude-app", "C:\\x.exe"], ["--backup", "b.reg"]):
            rc, out, err = wstest.run(WS2FIX, *src, "repair", *extra)
            lines = [ln for ln in err.splitlines() if ln.strip()]
            if rc != 2 or len(lines) != 1 or not lines[0].startswith("ws2fix: error: ") or out:
                raise wstest.Failure(f"{src[0]} repair {extra}: exit {rc} {err!r}")


def test_fix_file():
    """repair --fix-file: the plan's operations as a regedit file, in order;
    the input is only read.  tests/wine/test_fix_file_import.py imports it
    with reg import and compares with --apply."""
    sample = os.path.join(ROOT, "samples", "winsock2-broken-lsp.reg")
    tmp = wstest.tempdir()
    try:
        src = os.path.join(tmp, "broken.reg")
        with open(sample, "rb") as f, open(src, "wb") as g:
            g.write(f.read())
        before = digest(src)
        fix = os.path.join(tmp, "fix.reg")
        doc = wstest.run_json(WS2FIX, "--reg", src, "repair", "--fix-file", fix, "--json", expect_rc=0)
        if doc["fix_file"] != fix or doc["applied"] or digest(src) != before:
            raise wstest.Failure(f"fix file run: {doc.get('fix_file')}, applied {doc['applied']}")
        with open(fix, "rb") as f:
            data = f.read()
        text = data[2:].decode("utf-16-le")
        if data[:2] != b"\xff\xfe" or not text.startswith("Windows Registry Editor Version 5.00\r\n"):
            raise wstest.Failure("not a regedit file")
        lines = text.split("\r\n")
        # The catalog the plan touches is rewritten whole: its views
        # deleted, then every entry written (docs/cli/repair.md).
        cat = "HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\WinSock2\\Parameters\\Protocol_Catalog9"
        deleted = [ln for ln in lines if ln.startswith("[-HKEY_LOCAL_MACHINE\\SYSTEM\\")]
        if deleted != [f"[-{cat}\\Catalog_Entries]", f"[-{cat}\\Catalog_Entries64]"]:
            raise wstest.Failure(f"deleted keys {deleted}")
        for view in ("Catalog_Entries", "Catalog_Entries64"):
            written = [ln for ln in lines if ln.startswith(f"[{cat}\\{view}\\")]
            if written != [f"[{cat}\\{view}\\{n:012d}]" for n in range(1, 7)]:
                raise wstest.Failure(f"{view}: entries written {written}")
        for want in ('"Num_Catalog_Entries"=dword:00000006', '"Next_Catalog_Entry_ID"=dword:',
                     '"Serial_Access_Num"=dword:00000022'):
            if want not in text:
                raise wstest.Failure(f"the fix file lacks {want}")
        # The header, for the person who receives it.
        head = [ln for ln in lines if ln.startswith(";")]
        for want in ("ws2fix fix file", "from broken.reg", "Serial_Access_Num 33", "ONE machine",
                     "id 1009 (key 000000000008)", 'reg export "HKLM\\SYSTEM\\CurrentControlSet\\Services\\WinSock2"',
                     'reg import "fix.reg"', "fix.cmd", "To undo it"):
            if not any(want in ln for ln in head):
                raise wstest.Failure(f"the header does not say {want!r}: {head}")
        with open(os.path.join(tmp, "fix.cmd"), "rb") as f:
            cmd = f.read().decode("ascii")
        for want in ('reg import "fix.reg"', "reg export", "exit /b 3"):
            if want not in cmd:
                raise wstest.Failure(f"fix.cmd lacks {want!r}")
        # The whole line, not a piece of it: the .cmd goes to "changed"
        # when the machine's serial is NOT the exported one (an inverted
        # test keeps every substring but the "not").
        check_serial_line(cmd, "Protocol_Catalog9", 0x21)
        # A fix that rewrites only the name space catalog compares that
        # catalog's own serial (0x10 in the sample), not the protocol one's.
        ns = os.path.join(tmp, "ns.reg")
        with open(os.path.join(ROOT, "samples", "winsock2-healthy-lsp.reg"), "rb") as f:
            text = f.read().decode("utf-16")
        key = "\\NameSpace_Catalog5]\r\n\"Num_Catalog_Entries\"=dword:00000006"
        if key not in text:
            raise wstest.Failure("the healthy sample's name space counter is not where this test expects it")
        with open(ns, "wb") as f:
            f.write(text.replace(key, key[:-1] + "5").encode("utf-16"))
        nsfix = os.path.join(tmp, "nsfix.reg")
        wstest.run_json(WS2FIX, "--reg", ns, "repair", "--fix-file", nsfix, "--json", expect_rc=0)
        with open(os.path.join(tmp, "nsfix.cmd"), "rb") as f:
            check_serial_line(f.read().decode("ascii"), "NameSpace_Catalog5", 0x10)
        for extra in (["--apply"], ["--exclude-app", "C:\\x.exe"]):
            rc, out, err = wstest.run(WS2FIX, "--reg", src, "repair", "--fix-file", os.path.join(tmp, "x.reg"), *extra)
            if rc != 2 or os.path.exists(os.path.join(tmp, "x.reg")) or digest(src) != before:
                raise wstest.Failure(f"--fix-file with {extra}: exit {rc} {err!r}")
        rc, out, err = wstest.run(WS2FIX, "--netsh", LSP_NETSH, "repair", "--fix-file", os.path.join(tmp, "y.reg"))
        if rc != 2 or os.path.exists(os.path.join(tmp, "y.reg")):
            raise wstest.Failure(f"--fix-file on netsh text: exit {rc}")
        # A healthy catalog: no fix file at all, exit 0 and one line.
        healthy = os.path.join(ROOT, "samples", "winsock2-healthy-lsp.reg")
        empty = os.path.join(tmp, "empty.reg")
        rc, out, err = wstest.run(WS2FIX, "--reg", healthy, "repair", "--fix-file", empty)
        if rc != 0 or os.path.exists(empty) or "nothing to fix" not in out:
            raise wstest.Failure(f"healthy source: exit {rc}, file written {os.path.exists(empty)}: {out!r}")
    finally:
        shutil.rmtree(tmp)


def check_serial_line(cmd, catalog, serial):
    """The .cmd reads @catalog's Serial_Access_Num and goes to "changed"
    exactly when it is not @serial."""
    lines = cmd.split("\r\n")
    query = [i for i, ln in enumerate(lines) if "reg query" in ln and "\\" + catalog + '"' in ln and "Serial_Access_Num" in ln]
    if len(query) != 1:
        raise wstest.Failure(f"fix.cmd does not read {catalog}'s Serial_Access_Num once: {[lines[i] for i in query]}")
    want = f'if /i not "%SERIAL%"=="0x{serial:x}" goto changed'
    if lines[query[0] + 1] != want:
        raise wstest.Failure(f"fix.cmd: after reading {catalog}'s serial {lines[query[0] + 1]!r}, want {want!r}")


wstest.main([test_hijackthis_plan_lists_changes_and_steps, test_netsh_plan_offers_remove_provider_only_where_certain,
             test_apply_and_registry_options_refused, test_fix_file])

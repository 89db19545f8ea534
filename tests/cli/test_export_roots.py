#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""A .reg exported from any root (a hive loaded in regedit as
HKEY_LOCAL_MACHINE\\<name>, one ControlSetNNN, several with a Select key)
is read as that control set: the same findings as an export of
CurrentControlSet, and a fix file that names
HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet, the path the running
machine has (docs/cli/ws2fix.md, docs/cli/repair.md).

Usage: python3 test_export_roots.py /path/to/ws2fix   (exit 0 pass, 1 fail)
"""
import json
import os
import shutil
import sys

import wstest

WS2FIX = sys.argv[1] if len(sys.argv) > 1 else "ws2fix"
HERE = os.path.dirname(os.path.abspath(__file__))
SAMPLE = os.path.join(HERE, "..", "..", "samples", "winsock2-broken-lsp.reg")
CCS = "HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet"


def sample_text():
    with open(SAMPLE, "rb") as f:
        return f.read().decode("utf-16")


def write(path, text):
    with open(path, "wb") as f:
        f.write(text.encode("utf-16"))  # with a BOM, as regedit writes it


def key_lines(path):
    with open(path, "rb") as f:
        return [ln for ln in f.read().decode("utf-16").splitlines() if ln.startswith("[")]


def findings(path, *extra):
    doc = wstest.run_json(WS2FIX, "diagnose", "--reg", path, "--json", *extra, expect_rc=1)
    return doc["source"], [(f["code"], f["severity"], f["message"]) for f in doc["findings"]]


def test_every_root_reads_as_its_control_set_and_fixes_currentcontrolset():
    text = sample_text()
    if CCS not in text:
        raise wstest.Failure("the sample is no longer an export of CurrentControlSet")
    tmp = wstest.tempdir()
    try:
        _, want = findings(SAMPLE)
        ref = os.path.join(tmp, "ref-fix.reg")
        wstest.run(WS2FIX, "repair", "--reg", SAMPLE, "--fix-file", ref)
        want_keys = key_lines(ref)
        if not want_keys or any(CCS not in k for k in want_keys):
            raise wstest.Failure(f"reference fix file: {want_keys[:3]}")
        other_cs = ("[HKEY_LOCAL_MACHINE\\SYSTEM\\ControlSet001\\Services\\WinSock2\\Parameters]\r\n"
                    "\"Current_Protocol_Catalog\"=\"Protocol_Catalog9\"\r\n\r\n")
        select = "[HKEY_LOCAL_MACHINE\\Loaded\\Select]\r\n\"Current\"=dword:00000002\r\n\r\n"
        cases = {
            # (file text, controlset_key, controlset number)
            "offline-cs001.reg": (text.replace(CCS, "HKEY_LOCAL_MACHINE\\OFFLINE\\ControlSet001"), "ControlSet001", 1),
            "system-cs002.reg": (text.replace(CCS, "HKEY_LOCAL_MACHINE\\SYSTEM\\ControlSet002"), "ControlSet002", 2),
            "hklm-services.reg": (text.replace(CCS, "HKLM\\Temp"), "CurrentControlSet", None),
            # Several control sets and a Select key: Select\Current (2) wins.
            "select.reg": (text.replace(CCS, "HKEY_LOCAL_MACHINE\\Loaded\\ControlSet002").replace(
                "Windows Registry Editor Version 5.00\r\n\r\n",
                "Windows Registry Editor Version 5.00\r\n\r\n" + select +
                other_cs.replace("SYSTEM", "Loaded"), 1), "ControlSet002", 2),
        }
        for name, (body, cs_key, number) in cases.items():
            path = os.path.join(tmp, name)
            write(path, body)
            source, got = findings(path)
            if got != want:
                raise wstest.Failure(f"{name}: findings differ from the CurrentControlSet export: {got}")
            if source["controlset_key"] != cs_key or source["controlset"] != number:
                raise wstest.Failure(f"{name}: source {source}")
            fix = os.path.join(tmp, name + "-fix.reg")
            rc, out, err = wstest.run(WS2FIX, "repair", "--reg", path, "--fix-file", fix)
            if not os.path.isfile(fix):
                raise wstest.Failure(f"{name}: no fix file (exit {rc}): {err}")
            if key_lines(fix) != want_keys:
                raise wstest.Failure(f"{name}: fix file keys {key_lines(fix)[:3]}, want {want_keys[:3]}")
            # Its exit code is not this test's business (docs/EXIT-CODES.md).
            plan = json.loads(wstest.run(WS2FIX, "repair", "--reg", path, "--json")[1])
            keys = [op["key"] for op in plan["plan"]["operations"]]
            if not keys or any(not k.startswith("CurrentControlSet\\") for k in keys):
                raise wstest.Failure(f"{name}: plan keys {keys[:3]}")
        # Asked for by number, the control set is named as asked.
        path = os.path.join(tmp, "system-cs002.reg")
        fix = os.path.join(tmp, "asked.reg")
        wstest.run(WS2FIX, "--controlset", "2", "repair", "--reg", path, "--fix-file", fix)
        if not key_lines(fix) or any("\\SYSTEM\\ControlSet002\\" not in k for k in key_lines(fix)):
            raise wstest.Failure(f"--controlset 2: {key_lines(fix)[:3]}")
        # A Select key naming a control set the file does not hold: refused, as for a hive.
        path = os.path.join(tmp, "select-missing.reg")
        write(path, text.replace(CCS, "HKEY_LOCAL_MACHINE\\Loaded\\ControlSet001").replace(
            "Windows Registry Editor Version 5.00\r\n\r\n",
            "Windows Registry Editor Version 5.00\r\n\r\n" + select, 1))
        rc, out, err = wstest.run(WS2FIX, "diagnose", "--reg", path)
        if rc != 2 or "ControlSet002" not in err:
            raise wstest.Failure(f"Select naming a missing control set: exit {rc} {err!r}")
    finally:
        shutil.rmtree(tmp)


wstest.main([test_every_root_reads_as_its_control_set_and_fixes_currentcontrolset])

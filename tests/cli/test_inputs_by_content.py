#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Inputs are told apart by their content, never their name
(docs/cli/batch.md, docs/cli/ws2fix.md).

- batch reads a netsh listing saved as .txt, an export named .dat, a
  HijackThis log named .reg and a hive named .txt each as what it is, with
  real files from ../shared;
- a hive's transaction log and Windows ME's SYSTEM.DAT get one line that
  says what they are, in batch and given to --hive alike;
- O10 lines without the HijackThis header point to 'ws2fix explain -',
  which judges them.

Usage: python3 test_inputs_by_content.py /path/to/ws2fix   (exit 0 pass, 1 fail, 77 skip)
"""
import json
import os
import shutil
import sys

import wstest
from wstest import need

WS2FIX = sys.argv[1] if len(sys.argv) > 1 else "ws2fix"
SRC = os.environ.get("WS2FIX_SOURCE_DIR", os.path.join(os.path.dirname(__file__), "..", ".."))


def test_batch_by_content():
    shared = wstest.shared_dir()
    tmp = wstest.tempdir()
    try:
        inputs = {
            "netsh-saved.txt": (os.path.join(shared, "corpus", "netsh", "01-jolla3-backened-win10or11-en.txt"), "netsh"),
            "export.dat": (os.path.join(SRC, "samples", "winsock2-healthy-lsp.reg"), "reg"),
            "scan.reg": (os.path.join(shared, "corpus", "netsh", "04-papo52-malware-win11-hjt-o10.txt"), "hijackthis"),
            "SYSTEM.LOG1": (None, None),
            "SYSTEM.DAT": (os.path.join(shared, "corpus", "dfwinreg-winme", "SYSTEM.DAT"), None),
        }
        have_hive = os.environ.get("WS2FIX_HAVE_HIVEX") == "1"
        if have_hive:
            inputs["hive.txt"] = (None, "hive")
            wstest.unxz(os.path.join(shared, "hives", "winevt-kb-xpsp3-x86", "SYSTEM.xz"), tmp, "hive.txt")
        wstest.unxz(os.path.join(shared, "hives", "regipy", "SYSTEM_B.LOG1.xz"), tmp, "SYSTEM.LOG1")
        for name, (src, _) in inputs.items():
            if src:
                shutil.copyfile(src, os.path.join(tmp, name))
        lst = os.path.join(tmp, "list.txt")
        with open(lst, "w", encoding="utf-8") as f:
            f.write("\n".join(os.path.join(tmp, n) for n in inputs) + "\n")
        rc, out, err = wstest.run(WS2FIX, "batch", lst)
        docs = {os.path.basename(d["source"]["path"]): d for d in map(json.loads, out.splitlines())}
        for name, (_, kind) in inputs.items():
            d = docs.get(name)
            need(d is not None, "%s: no line" % name)
            if kind:
                need("error" not in d and d["source"]["kind"] == kind, "%s: read as %s: %s" % (name, kind, str(d)[:300]))
        need("transaction log" in docs["SYSTEM.LOG1"]["error"]["message"], "the log: %s" % docs["SYSTEM.LOG1"])
        need("Windows 95, 98 or ME" in docs["SYSTEM.DAT"]["error"]["message"], "SYSTEM.DAT: %s" % docs["SYSTEM.DAT"])
        # The same files given to --hive: one line each, exit 2.
        for name, what in (("SYSTEM.LOG1", "transaction log"), ("SYSTEM.DAT", "Windows 95, 98 or ME")):
            rc, out, err = wstest.run(WS2FIX, "diagnose", "--hive", os.path.join(tmp, name))
            need(rc == 2 and what in err and len(err.strip().splitlines()) == 1, "--hive %s: %d %r" % (name, rc, err))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def test_o10_lines_without_header_point_to_explain():
    tmp = wstest.tempdir()
    try:
        log = os.path.join(wstest.shared_dir(), "corpus", "netsh", "04-papo52-malware-win11-hjt-o10.txt")
        with open(log, encoding="utf-8", errors="replace") as f:
            lines = [line for line in f if line.startswith("O10 -")]
        need(lines, "the corpus log has no O10 lines")
        path = os.path.join(tmp, "o10only.txt")
        with open(path, "w", encoding="utf-8") as f:
            f.writelines(lines)
        rc, out, err = wstest.run(WS2FIX, "diagnose", "--hijackthis", path)
        need(rc == 2 and "ws2fix explain -" in err, "exit %d: %r" % (rc, err))
        with open(path, "rb") as f:
            rc, out, err = wstest.run(WS2FIX, "explain", "-", stdin=f.read())
        need(rc == 0 and out.strip(), "explain - on the lines: exit %d %r" % (rc, err))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    wstest.main([test_batch_by_content, test_o10_lines_without_header_point_to_explain])

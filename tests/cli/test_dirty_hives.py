# SPDX-License-Identifier: MIT
"""Dirty hives and their transaction logs, on the real regipy SYSTEM_B with
its real SYSTEM_B.LOG1/.LOG2: reading replays the logs (SOURCE_RECOVERED)
and never changes a file; without valid logs the hive is SOURCE_DIRTY and
says why; repair --apply writes one clean hive with the replayed data and
the repair, and keeps the original hive and its logs beside the backup;
every catalog entry the reset kept has all its values (tests/cli/kept.py,
read by reglookup, which does not replay logs: the primary file's entries
against the repaired hive's)."""
import json
import os
import shutil
import struct
import subprocess
import sys

import kept
import wstest
from wstest import Failure

WS2FIX = sys.argv[1]
REGIPY = "hives/regipy"

need = wstest.need
sha = wstest.sha256_file


def dirty_set(tmp, logs=("LOG1", "LOG2"), names=None):
    """SYSTEM_B (and its logs) decompressed into tmp; returns the hive path."""
    src = os.path.join(wstest.shared_dir(), REGIPY)
    hive = wstest.unxz(os.path.join(src, "SYSTEM_B.xz"), tmp, "SYSTEM_B")
    for i, ext in enumerate(logs):
        name = names[i] if names else "SYSTEM_B." + ext
        wstest.unxz(os.path.join(src, "SYSTEM_B.%s.xz" % ext), tmp, name)
    return hive


def hashes(d):
    return {f: sha(os.path.join(d, f)) for f in sorted(os.listdir(d)) if os.path.isfile(os.path.join(d, f))}


def header(path):
    with open(path, "rb") as f:
        b = f.read(4096)
    c = 0
    for i in range(0, 508, 4):
        c ^= struct.unpack_from("<I", b, i)[0]
    c = 1 if c == 0 else (0xFFFFFFFE if c == 0xFFFFFFFF else c)
    s1, s2 = struct.unpack_from("<II", b, 4)
    return s1, s2, c == struct.unpack_from("<I", b, 508)[0], struct.unpack_from("<I", b, 28)[0]


def codes(doc):
    return [f["code"] for f in doc["findings"]]


def finding(doc, code):
    got = [f for f in doc["findings"] if f["code"] == code]
    need(len(got) == 1, "expected one %s, findings %s" % (code, codes(doc)))
    return got[0]


def entries(doc):
    out = {}
    for c in doc["catalogs"]:
        if c["kind"] == "protocol":
            out[c["view"]] = [(e["key"], e["catalog_id"], e["path"]) for e in c["entries"]]
    return out


def test_reading_replays_the_logs_and_changes_nothing():
    tmp = wstest.tempdir()
    try:
        hive = dirty_set(tmp)
        before = hashes(tmp)
        doc = wstest.run_json(WS2FIX, "diagnose", "--hive", hive, "--json")
        f = finding(doc, "SOURCE_RECOVERED")
        need(f["severity"] == "info" and f["catalog"] == "source", "finding %r" % f)
        for word in ("24 log entries", "2107", "2130", "SYSTEM_B.LOG1 + SYSTEM_B.LOG2"):
            need(word in f["message"], "%r not in %r" % (word, f["message"]))
        need("SOURCE_DIRTY" not in codes(doc), "still SOURCE_DIRTY: %s" % codes(doc))
        need(doc["summary"]["errors"] == 0, "errors on the replayed hive: %s" % codes(doc))
        src = doc["source"]
        need(src["dirty"] is False and src["recovered"] is True, "source %r" % src)
        rep = src["log_replay"]
        need(rep["logs"] == ["SYSTEM_B.LOG1", "SYSTEM_B.LOG2"] and rep["entries"] == 24 and
             (rep["first_sequence"], rep["last_sequence"]) == (2107, 2130) and rep["format"] == "new",
             "log_replay %r" % rep)
        # The catalog Windows would see (the logs hold no WinSock2 cells, so
        # it is the one the independent listing has).
        with open(os.path.join(wstest.shared_dir(), REGIPY, "SYSTEM_B.catalog.json")) as fh:
            listing = json.load(fh)
        shown = entries(wstest.run_json(WS2FIX, "show", "--hive", hive, "--json"))
        for view in ("32", "64"):
            want = [(e["key"], e["id"], e["path"]) for e in listing["protocol"][view]]
            need(shown[view] == want, "view %s: %s != %s" % (view, shown[view], want))
        sv = wstest.run_json(WS2FIX, "--lang", "sv", "diagnose", "--hive", hive, "--json")
        need("loggposter" in finding(sv, "SOURCE_RECOVERED")["message"], "no Swedish message")
        rc, out, err = wstest.run(WS2FIX, "show", "--brief", "--hive", hive)
        need(rc == 0 and "transaction logs were replayed" in out, "show: %d %r" % (rc, out[:400]))
        rc, _, err = wstest.run(WS2FIX, "--hive", hive, "backup", os.path.join(tmp, "..", os.path.basename(tmp) + ".reg"))
        need(rc == 0, "backup: %d %s" % (rc, err))
        os.remove(os.path.join(tmp, "..", os.path.basename(tmp) + ".reg"))
        rc, out, err = wstest.run(WS2FIX, "batch", stdin=(hive + "\n").encode())
        need(rc == 0 and "SOURCE_RECOVERED" in out, "batch: %d %s" % (rc, err))
        rc, _, _ = wstest.run(WS2FIX, "repair", "--hive", hive)  # a dry run
        need(rc in (0, 1), "repair dry run exit %d" % rc)
        need(hashes(tmp) == before, "a read-only command changed the hive or its logs")
        # Logs in another letter case are the same logs.
        shutil.rmtree(tmp)
        os.mkdir(tmp)
        hive = dirty_set(tmp, names=["system_b.log1", "SYSTEM_B.Log2"])
        doc = wstest.run_json(WS2FIX, "diagnose", "--hive", hive, "--json")
        need("system_b.log1 + SYSTEM_B.Log2" in finding(doc, "SOURCE_RECOVERED")["message"], "letter case")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def test_without_valid_logs_the_hive_is_dirty_and_says_why():
    tmp = wstest.tempdir()
    try:
        hive = dirty_set(tmp, logs=())
        doc = wstest.run_json(WS2FIX, "diagnose", "--hive", hive, "--json")
        f = finding(doc, "SOURCE_DIRTY")
        need(f["severity"] == "warning" and "NAME.LOG1" in f["message"], "finding %r" % f)
        need(doc["source"]["dirty"] is True and doc["source"]["recovered"] is False, "source")
        # Both logs damaged: each one's reason is given.
        dirty_set(tmp)
        for ext in ("LOG1", "LOG2"):
            p = os.path.join(tmp, "SYSTEM_B." + ext)
            with open(p, "r+b") as fh:
                fh.seek(100)
                b = fh.read(1)
                fh.seek(100)
                fh.write(bytes([b[0] ^ 0xFF]))
        doc = wstest.run_json(WS2FIX, "diagnose", "--hive", hive, "--json")
        msg = finding(doc, "SOURCE_DIRTY")["message"]
        need("SYSTEM_B.LOG1: its base block checksum is wrong" in msg and "SYSTEM_B.LOG2:" in msg, msg)
        before = sha(hive)
        rc, _, err = wstest.run(WS2FIX, "repair", "--hive", hive, "--mode", "reset", "--apply")
        need(rc == 2 and "--force" in err and "log" in err, "repair without valid logs: %d %r" % (rc, err))
        need(sha(hive) == before, "the refused repair changed the hive")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def readers_accept(hive):
    for tool, args in (("reglookup", ["-p", "/ControlSet001/Services/WinSock2"]), ("hivexsh", ["-x"])):
        wstest.need_tool(tool)  # an independent reader, never ws2fix itself
        if tool == "hivexsh":
            p = subprocess.run([tool, hive], input=b"cd ControlSet001\\Services\\WinSock2\\Parameters\nls\n",
                               capture_output=True, timeout=120)
            need(p.returncode == 0 and b"Protocol_Catalog9" in p.stdout, "hivexsh: %r" % p.stderr[:300])
        else:
            p = subprocess.run([tool] + args + [hive], capture_output=True, timeout=120)
            need(p.returncode == 0 and b"Catalog_Entries64" in p.stdout, "reglookup: %r" % p.stderr[:300])


def test_repair_apply_writes_one_clean_hive_and_keeps_the_originals():
    tmp = wstest.tempdir()
    try:
        hive = dirty_set(tmp)
        before = hashes(tmp)
        # reglookup reads the primary file only (no log replay): the
        # entries as they were before the last writes the logs hold.
        rows = kept.rows(hive)
        backup = os.path.join(tmp, "b.reg")
        rc, out, err = wstest.run(WS2FIX, "repair", "--hive", hive, "--mode", "reset", "--apply",
                                  "--backup", backup)
        need(rc == 0, "repair --apply: %d %s %s" % (rc, out[-400:], err))
        s1, s2, ok, ftype = header(hive)
        need(s1 == s2 and ok and ftype == 0, "header %r" % ((s1, s2, ok, ftype),))
        # Above every sequence number in the logs: Windows can never replay
        # them over the repaired hive.
        need(s1 > 2130, "sequence %d not above the logs' 2130" % s1)
        original = [f for f in os.listdir(tmp) if f.startswith("SYSTEM_B.ws2fix-") and f.endswith(".bak")]
        need(len(original) == 1, "kept %r" % os.listdir(tmp))
        original = original[0]
        need(sha(os.path.join(tmp, original)) == before["SYSTEM_B"], "the kept original differs")
        for ext in ("LOG1", "LOG2"):
            need(sha(os.path.join(tmp, "SYSTEM_B." + ext)) == before["SYSTEM_B." + ext], "%s changed" % ext)
            need(sha(os.path.join(tmp, original + "." + ext)) == before["SYSTEM_B." + ext], "%s not kept" % ext)
        doc = wstest.run_json(WS2FIX, "diagnose", "--hive", hive, "--json")
        need(doc["summary"]["errors"] == 0 and not {"SOURCE_DIRTY", "SOURCE_RECOVERED"} & set(codes(doc)),
             "after: %s" % codes(doc))
        need(doc["source"]["dirty"] is False and doc["source"]["recovered"] is False, "still dirty")
        readers_accept(hive)
        need(kept.check(rows, kept.rows(hive), "reset --apply on the dirty hive") > 0, "no catalog entry was kept")
        # The kept set (hive + logs under the backup name) still replays.
        doc = wstest.run_json(WS2FIX, "diagnose", "--hive", os.path.join(tmp, original), "--json")
        finding(doc, "SOURCE_RECOVERED")
        # restore on the replayed dirty set: the backup goes back in.
        rc, out, err = wstest.run(WS2FIX, "--hive", os.path.join(tmp, original), "restore", backup)
        need(rc == 0, "restore on a dirty hive with valid logs: %d %s" % (rc, err))
        need(header(os.path.join(tmp, original))[2], "restored hive has a bad header")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


wstest.main([
    test_reading_replays_the_logs_and_changes_nothing,
    test_without_valid_logs_the_hive_is_dirty_and_says_why,
    test_repair_apply_writes_one_clean_hive_and_keeps_the_originals,
])

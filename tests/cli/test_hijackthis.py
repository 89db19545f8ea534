#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""--hijackthis LOG for diagnose, show and batch: real logs from public
repositories (tests/data/hijackthis/real, PROVENANCE.md) give no false error;
hand-made logs give the finding each O10 form stands for, in every encoding;
damaged logs give one error line and exit 2; the log is never written.

Usage: python3 test_hijackthis.py /path/to/ws2fix   (exit 0 pass, 1 fail, 77 skip)
"""
import hashlib
import json
import os
import shutil
import sys

import wstest

WS2FIX = sys.argv[1] if len(sys.argv) > 1 else "ws2fix"
HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "..", "data", "hijackthis")
REAL = os.path.join(DATA, "real")
HAND = os.path.join(DATA, "handmade")

# Real logs: (file, expected O10 line count, expected findings as (code, severity, dll or None)).
REAL_LOGS = {
    "kennetheyrn-hijackthis-2.0.5-win11-nlansp.log": (1, [("THIRD_PARTY_PROVIDER", "info", "nlansp_c.dll")]),
    # The same vsocklib.dll line twice: one finding.
    "bonitobonita24-hijackthis-2.0.5-vsocklib.txt": (2, [("THIRD_PARTY_PROVIDER", "info", "vsocklib.dll")]),
    "pmachapman-hijackthis-2.0.4-win7-no-o10.log": (0, []),
    "bonitobonita24-hijackthis-2.0.5-win11-asus-nlansp-vsocklib.log": (
        3, [("THIRD_PARTY_PROVIDER", "info", "nlansp_c.dll"), ("THIRD_PARTY_PROVIDER", "info", "vsocklib.dll")]),
}

# Hand-made logs: (file, elevated, findings as (code, severity), exit code).
HANDMADE = {
    "hm-205-all-forms-ansi-crlf.log": (None, [
        ("PROVIDER_DLL_MISSING", "error"), ("PROVIDER_DLL_MISSING", "error"), ("ENTRY_NUMBERING", "error"),
        ("THIRD_PARTY_PROVIDER", "info"), ("KNOWN_MALICIOUS_PROVIDER", "error"),
        ("KNOWN_MALICIOUS_PROVIDER", "error")], 1),
    "hm-fork-unelevated-utf16le.log": (False, [("SOURCE_INCOMPLETE", "warning"), ("SOURCE_INCOMPLETE", "warning")], 0),
    "hm-fork-elevated-utf8bom-lf.log": (True, [
        ("ENTRY_NUMBERING", "error"), ("PROVIDER_DLL_MISSING", "error"), ("THIRD_PARTY_PROVIDER", "info")], 1),
    "hm-199-hijacked-lf.log": (None, [("KNOWN_MALICIOUS_PROVIDER", "error"), ("KNOWN_MALICIOUS_PROVIDER", "error")], 1),
    "hm-pasted-known-providers.txt": (None, [("THIRD_PARTY_PROVIDER", "info")] * 3, 0),
}

BAD = ["bad-binary.log", "bad-no-header.log"]

# The forum paste of shared/corpus/netsh/04: the header and an O10 line, no footer.
EXCERPT = os.path.join(os.environ.get("WS2FIX_SHARED_DIR", ""), "corpus", "netsh",
                       "04-papo52-malware-win11-hjt-o10.txt")


def digest(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def diagnose(path, expect_rc, *extra):
    doc = wstest.run_json(WS2FIX, "diagnose", "--hijackthis", path, "--json", *extra, expect_rc=expect_rc)
    if doc["source"]["kind"] != "hijackthis" or doc["source"]["path"] != path:
        raise wstest.Failure(f"{path}: source {doc['source']}")
    if len(doc["skipped"]) < 4 or doc["catalogs"] != []:
        raise wstest.Failure(f"{path}: a partial source must say what it cannot check: {doc['skipped']}")
    return doc


def test_real_logs_give_no_false_error():
    for name, (count, expected) in REAL_LOGS.items():
        path = os.path.join(REAL, name)
        before = digest(path)
        doc = diagnose(path, 0)
        if len(doc["hijackthis"]["o10"]) != count:
            raise wstest.Failure(f"{name}: {len(doc['hijackthis']['o10'])} O10 lines, expected {count}")
        got = [(f["code"], f["severity"], (f["path"] or "").lower().rsplit("\\", 1)[-1] or None)
               for f in doc["findings"]]
        if got != expected:
            raise wstest.Failure(f"{name}: findings {got}, expected {expected}")
        if doc["summary"]["errors"] or not doc["summary"]["healthy"]:
            raise wstest.Failure(f"{name}: a false error: {doc['findings']}")
        for f in doc["findings"]:
            # The note says why HijackThis flags a known provider.
            if "HijackThis" not in f["message"] or not f["fix"]:
                raise wstest.Failure(f"{name}: note without the reason: {f}")
        rc, out, err = wstest.run(WS2FIX, "diagnose", "--hijackthis", path)
        if rc != 0 or "Healthy" not in out or err:
            raise wstest.Failure(f"{name}: text diagnose exit {rc}: {out[:300]} {err}")
        if count == 0 and "no O10 line" not in out:
            raise wstest.Failure(f"{name}: a log without O10 lines must say so: {out[:300]}")
        rc, out, err = wstest.run(WS2FIX, "--lang", "sv", "diagnose", "--hijackthis", path)
        if rc != 0 or "HijackThis" not in out:
            raise wstest.Failure(f"{name}: Swedish diagnose exit {rc}")
        if digest(path) != before:
            raise wstest.Failure(f"{name}: the log was modified")
    # Windows from the header.
    doc = diagnose(os.path.join(REAL, "pmachapman-hijackthis-2.0.4-win7-no-o10.log"), 0)
    if doc["os"]["id"] != "7" or doc["os"]["detected_from"] != "hijackthis":
        raise wstest.Failure(f"Windows 7 header: {doc['os']}")
    doc = diagnose(os.path.join(REAL, "pmachapman-hijackthis-2.0.4-win7-no-o10.log"), 0, "--os", "xp-sp2")
    if doc["os"]["id"] != "xp-sp2":
        raise wstest.Failure(f"--os over the header: {doc['os']}")


def test_handmade_every_form():
    for name, (elevated, expected, rc) in HANDMADE.items():
        path = os.path.join(HAND, name)
        doc = diagnose(path, rc)
        got = [(f["code"], f["severity"]) for f in doc["findings"]]
        if got != expected:
            raise wstest.Failure(f"{name}: findings {got}, expected {expected}")
        if doc["hijackthis"]["elevated"] != elevated:
            raise wstest.Failure(f"{name}: elevated {doc['hijackthis']['elevated']}, expected {elevated}")
    doc = diagnose(os.path.join(HAND, "hm-205-all-forms-ansi-crlf.log"), 1)
    kinds = [o["kind"] for o in doc["hijackthis"]["o10"]]
    if kinds != ["provider-missing", "provider-missing", "chain-gap", "unknown-file", "unknown-file",
                 "hijacked", "other"]:
        raise wstest.Failure(f"O10 kinds {kinds}")
    # The ANSI 'å' comes out as UTF-8; the line in another section is ignored.
    if doc["hijackthis"]["o10"][3]["path"] != "c:\\program files\\åtest\\foo_lsp.dll":
        raise wstest.Failure(f"ANSI path: {doc['hijackthis']['o10'][3]}")
    if not any("Something HijackThis never printed" in s for s in doc["skipped"]):
        raise wstest.Failure(f"the unknown O10 form must be named: {doc['skipped']}")
    # An unelevated gap says to rescan as administrator.
    doc = diagnose(os.path.join(HAND, "hm-fork-unelevated-utf16le.log"), 0)
    if not all("administrator" in f["fix"] for f in doc["findings"]):
        raise wstest.Failure(f"unelevated gap: {doc['findings']}")
    if doc["os"]["id"] != "10" or doc["os"]["arch"] != "x64":
        raise wstest.Failure(f"Fork platform line: {doc['os']}")


def test_every_encoding_reads_the_same():
    """The all-forms log in every encoding and line ending gives the same findings."""
    src = os.path.join(HAND, "hm-205-all-forms-ansi-crlf.log")
    with open(src, "rb") as f:
        text = f.read().decode("cp1252")
    base = diagnose(src, 1)["findings"]
    tmp = wstest.tempdir()
    try:
        variants = {
            "utf8.log": text.encode("utf-8"),
            "utf8-bom-lf.log": b"\xef\xbb\xbf" + text.replace("\r\n", "\n").encode("utf-8"),
            "utf16le-bom.log": b"\xff\xfe" + text.encode("utf-16-le"),
            "utf16le-bom-lf.log": b"\xff\xfe" + text.replace("\r\n", "\n").encode("utf-16-le"),
            "ansi-lf.log": text.replace("\r\n", "\n").encode("cp1252"),
        }
        for name, data in variants.items():
            p = os.path.join(tmp, name)
            with open(p, "wb") as f:
                f.write(data)
            got = diagnose(p, 1)["findings"]
            if got != base:
                raise wstest.Failure(f"{name}: findings differ from the ANSI CRLF log")
    finally:
        shutil.rmtree(tmp)


def test_damaged_logs_one_line_exit_2():
    tmp = wstest.tempdir()
    try:
        cases = [os.path.join(HAND, b) for b in BAD]
        huge = os.path.join(tmp, "line-of-1mb.log")
        with open(huge, "wb") as f:
            f.write(b"Logfile of Trend Micro HijackThis v2.0.5\r\n" + b"O10 - " + b"A" * (1024 * 1024) +
                    b"\r\n--\r\nEnd of file - 1 bytes\r\n")
        cases += [huge, os.path.join(tmp, "missing.log")]
        # Forum text with an O10 line but no HijackThis header: no log at all.
        no_header = os.path.join(tmp, "o10-only.txt")
        with open(no_header, "wb") as f:
            f.write(b"my internet is broken, hjt says:\r\n"
                    b"O10 - Unknown file in Winsock LSP: c:\\windows\\system32\\nlansp_c.dll\r\n")
        cases.append(no_header)
        for path in cases:
            for cmd in ("diagnose", "show"):
                rc, out, err = wstest.run(WS2FIX, cmd, "--hijackthis", path)
                lines = [ln for ln in err.splitlines() if ln.strip()]
                if rc != 2 or len(lines) != 1 or not lines[0].startswith("ws2fix: error: ") or out:
                    raise wstest.Failure(f"{cmd} {os.path.basename(path)}: exit {rc}, stderr {err[:300]!r}")
                if len(lines[0]) > 400:
                    raise wstest.Failure(f"{cmd} {os.path.basename(path)}: error line too long")
                doc = wstest.run_json(WS2FIX, cmd, "--hijackthis", path, "--json", expect_rc=2)
                if "message" not in doc.get("error", {}):
                    raise wstest.Failure(f"{cmd} --json error document: {doc}")
    finally:
        shutil.rmtree(tmp)


def test_show_and_batch():
    path = os.path.join(HAND, "hm-fork-elevated-utf8bom-lf.log")
    rc, out, err = wstest.run(WS2FIX, "show", "--hijackthis", path)
    if rc != 0 or "line 7:" not in out or "[chain-gap]" not in out or "Elevated" in err:
        raise wstest.Failure(f"show: exit {rc}: {out[:400]}")
    doc = wstest.run_json(WS2FIX, "show", "--hijackthis", path, "--json")
    if [o["kind"] for o in doc["hijackthis"]["o10"]] != ["chain-gap", "provider-missing", "unknown-file"]:
        raise wstest.Failure(f"show --json: {doc['hijackthis']}")
    if doc["hijackthis"]["o10"][2]["path"] != "C:\\Windows\\SysWOW64\\vsocklib.dll":
        raise wstest.Failure(f"the Fork's checksum after the path: {doc['hijackthis']['o10'][2]}")
    tmp = wstest.tempdir()
    try:
        lst = os.path.join(tmp, "list")
        inputs = [os.path.join(REAL, n) for n in sorted(REAL_LOGS)] + [os.path.join(HAND, "bad-no-header.log")]
        with open(lst, "w") as f:
            f.write("\n".join(inputs) + "\n")
        rc, out, err = wstest.run(WS2FIX, "batch", lst)
        docs = [json.loads(ln) for ln in out.splitlines() if ln.strip()]
        if rc != 2 or len(docs) != len(inputs):
            raise wstest.Failure(f"batch: exit {rc}, {len(docs)} lines")
        for d, p in zip(docs, inputs):
            if d["source"]["path"] != p:
                raise wstest.Failure(f"batch order: {d['source']}")
        if "error" not in docs[-1] or any(not d.get("summary", {}).get("healthy") for d in docs[:-1]):
            raise wstest.Failure(f"batch results: {docs}")
    finally:
        shutil.rmtree(tmp)


def test_commands_that_need_a_registry_refuse_it():
    path = os.path.join(REAL, "pmachapman-hijackthis-2.0.4-win7-no-o10.log")
    tmp = wstest.tempdir()
    try:
        for args in (["backup", os.path.join(tmp, "b.reg")], ["restore", os.path.join(tmp, "b.reg")],
                     ["--netsh", path, "diagnose"]):
            rc, out, err = wstest.run(WS2FIX, "--hijackthis", path, *args)
            if rc != 2 or "ws2fix: error:" not in err:
                raise wstest.Failure(f"{args}: exit {rc} {err!r}")
        if os.listdir(tmp):
            raise wstest.Failure("a refused command wrote a file")
    finally:
        shutil.rmtree(tmp)


def excerpt_findings(doc):
    """The findings of the O10 lines, without the excerpt's own warning."""
    return [f for f in doc["findings"] if not (f["code"] == "SOURCE_INCOMPLETE" and f["path"] is None
                                                and "End of file" in f["message"])]


def check_excerpt(doc, name, last_line):
    if doc["hijackthis"]["complete"] is not False:
        raise wstest.Failure(f"{name}: complete should be false: {doc['hijackthis']}")
    own = [f for f in doc["findings"] if f["code"] == "SOURCE_INCOMPLETE" and "End of file" in f["message"]]
    if len(own) != 1 or own[0]["severity"] != "warning" or f"line {last_line} " not in own[0]["message"] \
            or "cannot be known" not in own[0]["message"] or not own[0]["fix"]:
        raise wstest.Failure(f"{name}: the excerpt warning (ends at line {last_line}): {own}")
    if doc["findings"][0] is not own[0]:
        raise wstest.Failure(f"{name}: the excerpt warning should come first")


def test_excerpts_are_read():
    """A log without its "End of file" line, cut anywhere after the header,
    is read: a SOURCE_INCOMPLETE warning, and the O10 lines that are there
    judged as in the whole log."""
    path = os.path.join(HAND, "hm-cut-short-crlf.log")
    doc = diagnose(path, 0)
    check_excerpt(doc, "hm-cut-short-crlf.log", 5)
    if [(f["code"], f["severity"]) for f in excerpt_findings(doc)] != [("THIRD_PARTY_PROVIDER", "info")]:
        raise wstest.Failure(f"cut log: {doc['findings']}")
    rc, out, err = wstest.run(WS2FIX, "diagnose", "--hijackthis", path)
    if rc != 0 or "SOURCE_INCOMPLETE" not in out or "End of file" not in out:
        raise wstest.Failure(f"text: exit {rc} {out[:400]!r} {err!r}")
    rc, out, err = wstest.run(WS2FIX, "--lang", "sv", "diagnose", "--hijackthis", path)
    if rc != 0 or "utdrag" not in out:
        raise wstest.Failure(f"Swedish: exit {rc} {out[:400]!r}")
    for name in REAL_LOGS:
        if diagnose(os.path.join(REAL, name), 0)["hijackthis"]["complete"] is not True:
            raise wstest.Failure(f"{name}: a whole log is complete")

    tmp = wstest.tempdir()
    try:
        for name in sorted(REAL_LOGS) + ["hm-205-all-forms-ansi-crlf.log"]:
            src = os.path.join(REAL if name in REAL_LOGS else HAND, name)
            whole_rc = 0 if name in REAL_LOGS else 1
            whole = diagnose(src, whole_rc)
            with open(src, "rb") as f:
                lines = f.read().split(b"\n")
            header = next(i for i, ln in enumerate(lines) if b"Logfile of" in ln)
            o10 = [i for i, ln in enumerate(lines) if ln.startswith(b"O10")]
            footer = next(i for i, ln in enumerate(lines) if ln.startswith(b"End of file"))
            # Right after the header, after each O10 line, and before the footer.
            for cut in sorted({header + 1, footer} | {i + 1 for i in o10}):
                p = os.path.join(tmp, f"cut-{cut}-{name}")
                with open(p, "wb") as f:
                    f.write(b"\n".join(lines[:cut]) + b"\n")
                kept = [o for o in whole["hijackthis"]["o10"] if o["line"] <= cut]
                want = [f for f in whole["findings"]
                        if any(o["text"] in f["message"] or f"line {o['line']})" in f["message"] for o in kept)]
                doc = diagnose(p, 1 if any(f["severity"] == "error" for f in want) else 0)
                check_excerpt(doc, f"{name} cut at {cut}", cut)
                if doc["hijackthis"]["o10"] != kept:
                    raise wstest.Failure(f"{name} cut at {cut}: O10 lines {doc['hijackthis']['o10']}")
                if excerpt_findings(doc) != want:
                    raise wstest.Failure(f"{name} cut at {cut}: {excerpt_findings(doc)} != {want}")
    finally:
        shutil.rmtree(tmp)


def test_shared_forum_excerpt():
    """shared/corpus/netsh/04: no error finding, SOURCE_INCOMPLETE, and
    nlansp_c.dll judged Windows' own."""
    if not os.path.isfile(EXCERPT):
        if os.environ.get("WS2FIX_REQUIRE_SHARED") == "1":
            raise wstest.Failure(f"missing {EXCERPT}")
        return
    for cmd in ("diagnose", "show"):
        doc = wstest.run_json(WS2FIX, cmd, "--hijackthis", EXCERPT, "--json", expect_rc=0)
        if doc["hijackthis"]["complete"] is not False or len(doc["hijackthis"]["o10"]) != 1:
            raise wstest.Failure(f"{cmd}: {doc['hijackthis']}")
    doc = diagnose(EXCERPT, 0)
    check_excerpt(doc, "netsh/04", 8)
    if doc["summary"]["errors"] or any(f["severity"] == "error" for f in doc["findings"]):
        raise wstest.Failure(f"netsh/04: an error finding: {doc['findings']}")
    if [(f["code"], f["severity"]) for f in excerpt_findings(doc)] != [("THIRD_PARTY_PROVIDER", "info")] \
            or "nlansp_c.dll" not in excerpt_findings(doc)[0]["path"]:
        raise wstest.Failure(f"netsh/04: {doc['findings']}")


wstest.main([test_real_logs_give_no_false_error, test_excerpts_are_read, test_shared_forum_excerpt, test_handmade_every_form, test_every_encoding_reads_the_same,
             test_damaged_logs_one_line_exit_2, test_show_and_batch, test_commands_that_need_a_registry_refuse_it])

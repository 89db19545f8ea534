#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""ws2fix explain tells a program's environment and a live layered provider
from catalog damage (issue 26, 1c): error texts as Python, Rust, Node and
WSL print them get the verdict that fits, never "Winsock corruption likely:
yes", with evidence and what to do; a plain 10106 and the seeds' ipconfig
messages still point at the catalog (ws2fix diagnose).

The texts below are written here in each program's own format (a Python
traceback, Rust's io::Error, Node's error object, wsl.exe's two lines); the
public reports behind these causes are cited in docs/cli/explain.md.

Usage: python3 test_explain_cause.py /path/to/ws2fix   (exit 0 pass, 1 fail, 77 skip)
"""
import json
import sys

import wstest

WS2FIX = sys.argv[1] if len(sys.argv) > 1 else "ws2fix"

PY_10106 = "OSError: [WinError 10106] The requested service provider could not be loaded or initialized"

# (what, text, verdict, code) the best match must have.
ENVIRONMENT = [
    ("Python, asyncio import",
     "Traceback (most recent call last):\r\n"
     "  File \"C:\\tools\\bridge\\main.py\", line 4, in <module>\r\n"
     "    import asyncio\r\n"
     "  File \"C:\\Python311\\Lib\\asyncio\\__init__.py\", line 42, in <module>\r\n"
     "    from .windows_events import *\r\n"
     "  File \"C:\\Python311\\Lib\\asyncio\\windows_events.py\", line 8, in <module>\r\n"
     "    import _overlapped\r\n" + PY_10106 + "\r\n", 10106),
    ("Python, cleared environment",
     ">>> import os\n>>> os.environ.clear()\n>>> import asyncio\n"
     "Traceback (most recent call last):\n  File \"<stdin>\", line 1, in <module>\n" + PY_10106 + "\n", 10106),
    ("Python, the last line only", PY_10106, 10106),
    ("Python on a Swedish Windows",
     "OSError: [WinError 10106] Det gick inte att läsa in eller initiera den begärda tjänstprovidern", 10106),
    ("an MCP server",
     "2026-03-02T10:14:07Z ERROR mcp client: server 'notes' exited before its handshake: "
     + PY_10106, 10106),
    ("Rust, Display", "Error: The requested service provider could not be loaded or initialized. (os error 10106)", 10106),
    ("Rust, Debug",
     "Error: Os { code: 10106, kind: Uncategorized, message: \"The requested service provider "
     "could not be loaded or initialized.\" }", 10106),
    ("a launcher's programs",
     "Since the update every executable started by the runner that opens a socket stops with error 10106.", 10106),
    ("SystemRoot named", "SYSTEMROOT is not set and the program fails with WSAEPROVIDERFAILEDINIT", 10106),
    ("Python, 10107", "OSError: [WinError 10107] A system call that should never fail has failed", 10107),
]

LAYERED = [
    ("Node, read",
     "node:internal/process/promises:391\n    triggerUncaughtException(err, true /* fromPromise */);\n    ^\n\n"
     "Error: read ECONNRESET\n    at TLSWrap.onStreamRead (node:internal/stream_base_commons:216:20) {\n"
     "  errno: -4077,\n  code: 'ECONNRESET',\n  syscall: 'read'\n}\n\nNode.js v22.11.0\n", 10054),
    ("Node, one line", "Error: read ECONNRESET", 10054),
    ("npm", "npm error code ECONNRESET\nnpm error network aborted", 10054),
    ("WSL, 0x8007273d",
     "The attempted operation is not supported for the type of object referenced.\r\n"
     "Error code: Wsl/Service/0x8007273d\r\nPress any key to continue...", 10045),
    ("WSL, 0x800706f7",
     "The stub received bad data.\r\nError code: Wsl/Service/0x800706f7\r\n", 1783),
]

# Texts that must still blame the catalog, as before.
CATALOG = [
    ("plain code", "10106", "provider-load-failed"),
    ("Winsock name", "WSAEPROVIDERFAILEDINIT", "provider-load-failed"),
    ("Windows' text", "The requested service provider could not be loaded or initialized.", "provider-load-failed"),
    ("ipconfig /renew",
     "An error occurred while renewing interface Local Area Connection: the requested service provider "
     "could not be loaded or initialized.", "provider-load-failed"),
    ("10107 of the seeds", "Initialization function INITHELPERDLL in IPMONTR.DLL failed to start with error code 10107",
     "inithelperdll-failed"),
    ("10045 without WSL", "The attempted operation is not supported for the type of object referenced.",
     "operation-not-supported"),
]


def explain(text, *opts):
    rc, out, err = wstest.run(WS2FIX, *opts, "--json", "explain", "-", stdin=text.encode("utf-8"))
    if rc != 0:
        raise wstest.Failure(f"explain exit {rc} for {text[:60]!r}: {err}")
    return json.loads(out)


def text_of(text, lang):
    rc, out, err = wstest.run(WS2FIX, "--lang", lang, "explain", "-", stdin=text.encode("utf-8"))
    if rc != 0:
        raise wstest.Failure(f"explain exit {rc}: {err}")
    return out


def check(what, text, symptom, verdict, code):
    doc = explain(text)
    m = doc["matches"][0]
    got = (m["symptom"], m["verdict"], m["error_code"], m["winsock_related"])
    if got != (symptom, verdict, code, False):
        raise wstest.Failure(f"{what}: best {got}, want {(symptom, verdict, code, False)}")
    if not m["evidence"]:
        raise wstest.Failure(f"{what}: no evidence")
    out = text_of(text, "en")
    if "likely: yes" in out or "Winsock corruption likely: no" not in out:
        raise wstest.Failure(f"{what}: text output blames the catalog:\n{out}")
    return m, out


def test_one_programs_start_up_is_its_environment():
    for what, text, code in ENVIRONMENT:
        m, out = check(what, text, "program-environment", "environment", code)
        steps = [s["text"] for s in m["steps"]]
        if not any("SystemRoot" in s for s in steps) or not any("will not help" in s for s in steps):
            raise wstest.Failure(f"{what}: steps do not say SystemRoot and that a reset will not help: {steps}")
        # The catalog is only the fallback, last, when every program fails.
        if [s["command"] for s in m["steps"]][-1] != "ws2fix diagnose" or any(
                s["command"] and "repair" in s["command"] for s in m["steps"]):
            raise wstest.Failure(f"{what}: steps {m['steps']}")
        if "Verdict: the program's environment" not in out or "Evidence:" not in out:
            raise wstest.Failure(f"{what}: text output lacks the verdict:\n{out}")


def test_node_and_wsl_get_the_layered_provider():
    for what, text, code in LAYERED:
        m, out = check(what, text, "layered-provider-in-traffic", "layered-provider", code)
        cmds = [s["command"] for s in m["steps"]]
        if "ws2fix repair --exclude-app PROGRAM.exe" not in cmds or any(c and "reset" in c for c in cmds):
            raise wstest.Failure(f"{what}: steps {cmds}")
        if "last resort" not in m["steps"][-1]["text"] or "VPN" not in m["steps"][-1]["text"]:
            raise wstest.Failure(f"{what}: the reset is not the last resort: {m['steps'][-1]}")
        if "Verdict: a live layered provider in the traffic" not in out:
            raise wstest.Failure(f"{what}: text output lacks the verdict:\n{out}")


def test_bare_econnreset_offers_the_provider_below_the_code():
    ids = [(m["symptom"], m["verdict"]) for m in explain("ECONNRESET")["matches"]]
    if ids[:2] != [("wsa-10054", "other"), ("layered-provider-in-traffic", "layered-provider")]:
        raise wstest.Failure(f"ECONNRESET: {ids}")
    # Windows' own name is no sign of Node.
    ids = [m["symptom"] for m in explain("WSAECONNRESET")["matches"]]
    if "layered-provider-in-traffic" in ids:
        raise wstest.Failure(f"WSAECONNRESET: {ids}")


def test_the_catalog_stays_the_answer_without_a_program():
    for what, text, symptom in CATALOG:
        doc = explain(text)
        m = doc["matches"][0]
        if (m["symptom"], m["verdict"], m["winsock_related"]) != (symptom, "catalog", True):
            raise wstest.Failure(f"{what}: best {m['symptom']} {m['verdict']}")
        if m["evidence"] or any(x["verdict"] in ("environment", "layered-provider") for x in doc["matches"]):
            raise wstest.Failure(f"{what}: a program verdict without a program: {[x['symptom'] for x in doc['matches']]}")
        if m["steps"][0]["command"] != "ws2fix diagnose":
            raise wstest.Failure(f"{what}: first step {m['steps'][0]}")
    if "Winsock corruption likely: yes" not in text_of("10106", "en"):
        raise wstest.Failure("plain 10106 no longer points at the catalog")


def test_swedish_output():
    out = text_of(PY_10106, "sv")
    for want in ("Trolig Winsock-skada: nej", "Bedömning: programmets miljö", "Belägg:", "SystemRoot",
                 "hjälper inte"):
        if want not in out:
            raise wstest.Failure(f"Swedish environment verdict lacks {want!r}:\n{out}")
    out = text_of("Error: read ECONNRESET", "sv")
    for want in ("Bedömning: en aktiv skiktad provider i trafiken", "sista utväg", "--exclude-app"):
        if want not in out:
            raise wstest.Failure(f"Swedish layered verdict lacks {want!r}:\n{out}")
    doc = explain(PY_10106, "--lang", "sv")
    if doc["matches"][0]["evidence"] == explain(PY_10106, "--lang", "en")["matches"][0]["evidence"]:
        raise wstest.Failure("the Swedish evidence is the English one")


wstest.main([test_one_programs_start_up_is_its_environment, test_node_and_wsl_get_the_layered_provider,
             test_bare_econnreset_offers_the_provider_below_the_code,
             test_the_catalog_stays_the_answer_without_a_program, test_swedish_output])

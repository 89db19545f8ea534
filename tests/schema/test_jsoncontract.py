#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""The schemas are valid draft 2020-12 schemas with stable ids, and the
validation hook the CLI and Wine tests use (jsoncontract.py) picks the
right schema from a command line and fails on a document that breaks it,
naming the field.

Usage: python3 test_jsoncontract.py /path/to/ws2fix   (exit 0 pass, 1 fail)
"""
import copy
import json
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, "..", "cli"))
import jsoncontract as jc  # noqa: E402
import wstest  # noqa: E402
from wstest import Failure  # noqa: E402

WS2FIX = sys.argv[1] if len(sys.argv) > 1 else None
BROKEN = os.path.join(ROOT, "samples", "winsock2-broken-lsp.reg")
ID_BASE = "https://ws2fix.invalid/schema/v1/"


def test_schemas_are_valid_and_identified():
    js = jc._jsonschema()
    names = sorted(n for n in os.listdir(jc.SCHEMA_DIR) if n.endswith(".json"))
    for name in set(jc.COMMANDS.values()) | {"common.schema.json", "finding-codes.schema.json"}:
        if name not in names:
            raise Failure(f"docs/schema/{name} is missing")
    for name in names:
        if not name.endswith(".schema.json"):
            raise Failure(f"docs/schema/{name}: schemas are named NAME.schema.json")
        with open(os.path.join(jc.SCHEMA_DIR, name), encoding="utf-8") as f:
            s = json.load(f)
        if s.get("$schema") != "https://json-schema.org/draft/2020-12/schema":
            raise Failure(f"{name}: $schema is {s.get('$schema')!r}, want draft 2020-12")
        if s.get("$id") != ID_BASE + name:
            raise Failure(f"{name}: $id is {s.get('$id')!r}, want {ID_BASE + name}")
        if "Stable" not in s.get("description", ""):
            raise Failure(f"{name}: the description must say what is stable")
        try:
            js.Draft202012Validator.check_schema(s)
        except js.exceptions.SchemaError as e:
            raise Failure(f"{name}: not a valid draft 2020-12 schema: {e.message}")


def test_tables_match_main_c():
    """The command line is read as the program reads it: the commands and
    global options of its option table (docs/cli/options.json, written
    from src/cli/options.def; cli.test_options_generated holds the program
    and that file to each other), the source options among them."""
    with open(os.path.join(ROOT, "docs", "cli", "options.json"), encoding="utf-8") as f:
        table = json.load(f)
    if set(table["commands"]) != set(jc.COMMANDS):
        raise Failure(f"the option table has commands {sorted(table['commands'])}, "
                      f"jsoncontract.COMMANDS {sorted(jc.COMMANDS)}")
    with open(os.path.join(ROOT, "include", "ws2fix", "sources.def"), encoding="utf-8") as f:
        sources = set(re.findall(r'^WS2FIX_SOURCE\(\w+, "\w+", "(-[-a-z]+)"', f.read(), re.M))
    if not sources or sources - jc._VALUE_OPTS:
        raise Failure(f"source options {sorted(sources - jc._VALUE_OPTS)} are not value options of the contract")
    for want, got in ((("--os", "--lang", "--controlset"), jc._VALUE_OPTS), (("--json", "-q", "--help"), jc._FLAG_OPTS)):
        if not set(want) <= got:
            raise Failure(f"the contract's options lack {sorted(set(want) - got)}")
    if jc._VALUE_OPTS & jc._FLAG_OPTS:
        raise Failure(f"options both flag and value: {sorted(jc._VALUE_OPTS & jc._FLAG_OPTS)}")


def test_parse_argv():
    cases = [
        (["show", "--hive", "x", "--json"], ("show", True, False)),
        (["--json", "--hive", "diagnose", "show"], ("show", True, False)),
        (["--lang=sv", "--os", "10", "repair", "--apply"], ("repair", False, False)),
        (["--controlset", "2", "--json", "backup", "f.reg"], ("backup", True, False)),
        (["--json", "explain", "--", "--json"], ("explain", True, False)),
        (["--", "explain"], ("explain", False, False)),
        (["-q", "--json", "batch", "-"], ("batch", True, False)),
        (["--json", "--version"], (None, True, True)),
        (["-h", "show"], ("show", False, True)),
        ([], (None, False, False)),
    ]
    for args, want in cases:
        if jc.parse_argv(args) != want:
            raise Failure(f"parse_argv({args}) = {jc.parse_argv(args)}, want {want}")


def expect_contract_error(fn, *needles):
    try:
        fn()
    except jc.ContractError as e:
        msg = str(e)
        for n in needles:
            if n not in msg:
                raise Failure(f"contract error lacks {n!r}: {msg}")
        return
    raise Failure(f"no contract error (expected one mentioning {needles})")


def binary():
    if not WS2FIX or not os.path.isfile(WS2FIX):
        raise Failure(f"usage: {sys.argv[0]} path/to/ws2fix")
    return WS2FIX


def test_hook_validates_and_names_the_field():
    args = ["diagnose", "--reg", BROKEN, "--json"]
    rc, out, _ = wstest.run(binary(), *args)  # validated on the way
    doc = jc.check_output(args, out, rc)
    if rc != 1 or not isinstance(doc, dict) or not doc["findings"]:
        raise Failure(f"diagnose of the broken sample: exit {rc}, {str(doc)[:200]}")

    def broken(mutate):
        d = copy.deepcopy(doc)
        mutate(d)
        return json.dumps(d, indent=2)

    def bad_kind(d):
        d["catalogs"][0]["entries"][1]["kind"] = "weird"
    expect_contract_error(lambda: jc.check_output(args, broken(bad_kind), rc),
                          "diagnose.schema.json", "$.catalogs[0].entries[1].kind", "weird")

    def unknown_code(d):
        d["findings"][0]["code"] = "NOT_A_FINDING"
    expect_contract_error(lambda: jc.check_output(args, broken(unknown_code), rc), "$.findings[0].code")

    def wrong_severity(d):
        d["findings"][0]["severity"] = "info" if d["findings"][0]["severity"] != "info" else "error"
    expect_contract_error(lambda: jc.check_output(args, broken(wrong_severity), rc), "$.findings[0].severity")

    def no_summary(d):
        del d["summary"]
    expect_contract_error(lambda: jc.check_output(args, broken(no_summary), rc), "'summary' is a required")

    def extra_field(d):
        d["source"]["guess"] = True
    expect_contract_error(lambda: jc.check_output(args, broken(extra_field), rc), "$.source", "guess")

    # The same document is not a show document (findings are not part of it).
    expect_contract_error(lambda: jc.check_output(["show", "--json"], out, rc), "show.schema.json")
    # Not JSON at all, with --json.
    expect_contract_error(lambda: jc.check_output(args, "Source: reg x\n", rc), "not one JSON document")
    # Nothing to check: text mode, -q, --help.
    for a, text in ((["diagnose"], "Source: reg x\n"), (["-q", "--json", "diagnose"], ""),
                    (["--json", "--help"], "Usage: ...\n")):
        if jc.check_output(a, text, 0) is not None:
            raise Failure(f"{a}: checked output that is not JSON by contract")


def test_error_documents():
    args = ["--json", "show", "--reg", os.path.join(ROOT, "no-such-file.reg")]
    rc, out, _ = wstest.run(binary(), *args)
    doc = jc.check_output(args, out, rc)
    if rc != 2 or "error" not in doc:
        raise Failure(f"missing file: exit {rc}, {out[:200]}")
    # An error document for any command, and for no command at all.
    for a in (["--json", "explain"], ["--json", "selftest"], ["--json", "frobnicate"], ["--json"]):
        r, o, _ = wstest.run(binary(), *a)
        if r != 2 or "error" not in (jc.check_output(a, o, r) or {}):
            raise Failure(f"{a}: exit {r}, {o[:200]}")
    # exit_code must be the exit code.
    expect_contract_error(lambda: jc.check_output(args, out, 3), "exit_code")
    bad = json.loads(out)
    bad["error"]["code"] = "E_SOMETHING_NEW"
    expect_contract_error(lambda: jc.check_output(args, json.dumps(bad), rc), "$.error.code")


def test_batch_lines():
    args = ["batch", "-"]
    r, out, _ = wstest.run(binary(), *args, stdin=f"{BROKEN}\n/no/such/hive\n".encode())
    docs = jc.check_output(args, out, r)
    if r != 2 or len(docs) != 2 or "error" not in docs[1] or docs[0]["summary"]["healthy"]:
        raise Failure(f"batch: exit {r}, {out[:300]}")
    lines = out.splitlines()
    second = json.loads(lines[1])
    second["error"]["exit_code"] = 2  # not part of a batch error line
    lines[1] = json.dumps(second)
    expect_contract_error(lambda: jc.check_output(args, "\n".join(lines) + "\n", r), "(line 2)", "exit_code")
    expect_contract_error(lambda: jc.check_output(args, lines[0] + "\nnot json\n", r), "not JSON")


def test_repair_plan_and_apply():
    args = ["repair", "--reg", BROKEN, "--json"]
    r, out, _ = wstest.run(binary(), *args)
    doc = jc.check_output(args, out, r)
    if r != 1 or doc["applied"] or not doc["plan"]["steps"]:
        raise Failure(f"repair plan: exit {r}, {out[:300]}")
    applied = copy.deepcopy(doc)
    applied["applied"] = True  # an applied plan names its backup and has "after"
    expect_contract_error(lambda: jc.check_output(args, json.dumps(applied), r), "'after' is a required")
    applied["after"] = {"errors": 0, "warnings": 0, "healthy": True}
    applied["backup"] = "ws2fix-backup-20260101T000000Z.reg"
    jc.check_output(args, json.dumps(applied), r)
    applied["after"]["errors"] = 2
    expect_contract_error(lambda: jc.check_output(args, json.dumps(applied), r), "$.after.healthy")


def test_validate_script():
    """scripts/validate-json.py, the documented way to check output by hand."""
    script = os.path.join(ROOT, "scripts", "validate-json.py")
    _, out, _ = wstest.run(binary(), "--json", "explain", "10038")
    for text, want in ((out, 0), (out.replace('"any"', '"every"'), 1), ("", 1)):
        p = subprocess.run([sys.executable, script, "explain"], input=text, capture_output=True, text=True,
                           timeout=60)
        if p.returncode != want:
            raise Failure(f"validate-json.py explain: exit {p.returncode}, want {want}: {p.stdout}{p.stderr}")
    p = subprocess.run([sys.executable, script, "frobnicate"], input=out, capture_output=True, text=True,
                       timeout=60)
    if p.returncode != 2:
        raise Failure(f"validate-json.py with an unknown command: exit {p.returncode}")


if __name__ == "__main__":
    wstest.main([test_schemas_are_valid_and_identified, test_tables_match_main_c, test_parse_argv,
                 test_hook_validates_and_names_the_field, test_error_documents, test_batch_lines,
                 test_repair_plan_and_apply, test_validate_script])

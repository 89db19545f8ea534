#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""The finding codes of the JSON contract come from the C source.

docs/schema/finding-codes.schema.json must be exactly what
scripts/gen-finding-schema.py makes of the table in the code today, and
every code must have its page docs/findings/CODE.md.  The generator's
parsers are tested on small tables of each form it reads.

Usage: python3 test_finding_codes.py   (exit 0 pass, 1 fail)
"""
import importlib.util
import json
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, "..", "cli"))
import wstest  # noqa: E402
from wstest import Failure  # noqa: E402

GEN = os.path.join(ROOT, "scripts", "gen-finding-schema.py")
SCHEMA = os.path.join(ROOT, "docs", "schema", "finding-codes.schema.json")

_spec = importlib.util.spec_from_file_location("gen_finding_schema", GEN)
gen = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(gen)


def test_checked_in_schema_is_generated_from_the_code():
    with tempfile.TemporaryDirectory(prefix="ws2fix-schema-") as tmp:
        out = os.path.join(tmp, "finding-codes.schema.json")
        p = subprocess.run([sys.executable, GEN, "-o", out], capture_output=True, text=True, timeout=60)
        if p.returncode != 0:
            raise Failure(f"scripts/gen-finding-schema.py failed ({p.returncode}): {p.stderr.strip()}")
        with open(out, encoding="utf-8") as f:
            fresh = f.read()
    with open(SCHEMA, encoding="utf-8") as f:
        current = f.read()
    if fresh != current:
        raise Failure("docs/schema/finding-codes.schema.json differs from the finding table in the code: "
                      "run `python3 scripts/gen-finding-schema.py` and commit the result")


def codes():
    with open(SCHEMA, encoding="utf-8") as f:
        return json.load(f)["enum"]


def test_every_code_has_its_page():
    d = os.path.join(ROOT, "docs", "findings")
    missing = [c for c in codes() if not os.path.isfile(os.path.join(d, c + ".md"))]
    if missing:
        raise Failure("finding codes without docs/findings/CODE.md: " + ", ".join(missing))
    stray = sorted(f for f in os.listdir(d) if f.endswith(".md") and f != "README.md"
                   and f[:-3] not in codes())
    if stray:
        raise Failure("pages in docs/findings for codes the program does not have: " + ", ".join(stray))


def test_every_code_has_its_messages():
    """The fix text MSG_FIX_<CODE> (the build needs it too) and at least one
    finding message MSG_F_<CODE>..., each in English and Swedish."""
    import re
    with open(os.path.join(ROOT, "include", "ws2fix", "messages_diagnose.def"), encoding="utf-8") as f:
        rows = re.findall(r'^MSG\((MSG_[A-Z0-9_]+),\s*"((?:[^"\\]|\\.)*)",\s*"((?:[^"\\]|\\.)*)"\)',
                          f.read(), flags=re.M)
    msgs = {name: (en, sv) for name, en, sv in rows}
    # Messages the checks pass with each code: ws2fix__diag_add(c, WS2FIX_F_CODE, &ev, MSG_...).
    used = {}
    for root, _, files in os.walk(os.path.join(ROOT, "src", "lib")):
        for fn in files:
            if fn.endswith(".c"):
                with open(os.path.join(root, fn), encoding="utf-8") as fh:
                    for code, m in re.findall(r"ws2fix__diag_add(?:_fix)?\)?\(\s*&?c,\s*WS2FIX_F_([A-Z0-9_]+),\s*&?ev,\s*(MSG_[A-Z0-9_]+)",
                                              fh.read()):
                        used.setdefault(code, []).append(m)
    for fn in ("messages_hijackthis.def", "messages_hivelog.def"):
        p = os.path.join(ROOT, "include", "ws2fix", fn)
        if os.path.exists(p):
            with open(p, encoding="utf-8") as f:
                msgs.update({n: (en, sv) for n, en, sv in re.findall(
                    r'^MSG\((MSG_[A-Z0-9_]+),\s*"((?:[^"\\]|\\.)*)",\s*"((?:[^"\\]|\\.)*)"\)', f.read(), flags=re.M)})
    bad = []
    for c in codes():
        fix = msgs.get("MSG_FIX_" + c)
        if not fix or not all(t.strip() for t in fix):
            bad.append(f"{c}: no MSG_FIX_{c} in English and Swedish")
        own = [m for m in msgs if m.startswith("MSG_F_") and (m[6:] == c or m[6:].startswith(c.split("_")[0]))]
        own += [m for m in used.get(c, ()) if m in msgs]
        if not own or not all(all(t.strip() for t in msgs[m]) for m in own):
            bad.append(f"{c}: no MSG_F_{c}... message in English and Swedish")
    if bad:
        raise Failure("; ".join(bad))


def test_every_code_is_produced_by_a_test():
    """Some test makes the program report each code: a JSON document a CLI
    test got from ws2fix had a finding with it.  tests/schema/jsoncontract.py
    writes the codes of every document it validates to the folder
    WS2FIX_CODES_SEEN names; CTest runs this after the CLI tests
    (the codes_seen fixture in tests/CMakeLists.txt)."""
    import jsoncontract
    folder = os.environ.get(jsoncontract.CODES_SEEN_ENV)
    if not folder:
        raise Failure(f"{jsoncontract.CODES_SEEN_ENV} is not set: run this through CTest, after the CLI tests "
                      "(ctest -R schema.test_finding_codes runs them first)")
    seen = jsoncontract.codes_seen(folder)
    if not seen:
        raise Failure(f"no finding code recorded in {folder}: the CLI tests did not run, or validated no document")
    missing = [c for c in codes() if c not in seen]
    if missing:
        raise Failure("codes no test's ws2fix output contained: " + ", ".join(missing))
    unknown = sorted(set(seen) - set(codes()))
    if unknown:
        raise Failure("recorded codes the schema does not have: " + ", ".join(unknown))


def test_severities_match_the_code():
    """The schema's severity groups say what the C table says (a parse of
    the real source, independent of the checked-in file)."""
    rows = gen.parse_source(os.path.join(ROOT, gen.SOURCE), os.path.join(ROOT, gen.HEADER))
    if len(rows) < 20 or ("CHAIN_BROKEN", "error") not in rows or ("LAYER_ORPHANED", "warning") not in rows \
            or ("THIRD_PARTY_PROVIDER", "info") not in rows:
        raise Failure(f"implausible parse of {gen.SOURCE}: {rows}")
    with open(SCHEMA, encoding="utf-8") as f:
        schema = json.load(f)
    got = {}
    for group in schema["$defs"]["severity_of_code"]["allOf"]:
        sev = group["then"]["properties"]["severity"]["const"]
        for c in group["if"]["properties"]["code"]["enum"]:
            got[c] = sev
    if got != dict(rows):
        raise Failure(f"severity groups {got} != table {dict(rows)}")


C_TABLE = """
/* the severities of include/ws2fix/findings.def */
static const struct { const char *name; ws2fix_severity severity; } codes[WS2FIX_F_CODE_COUNT] = {
	{"CATALOG_MISSING", WS2FIX_SEV_ERROR},
	/* {"COMMENTED_OUT", WS2FIX_SEV_INFO}, */
	{ "LAYER_ORPHANED" , WS2FIX_SEV_WARNING },
	{"THIRD_PARTY_PROVIDER", WS2FIX_SEV_INFO},
};
const char *other[] = {"NOT_A_CODE"};
"""

HEADER = """
typedef enum ws2fix_finding_code {
	WS2FIX_F_CATALOG_MISSING,
	WS2FIX_F_LAYER_ORPHANED,   /* comment */
	WS2FIX_F_THIRD_PARTY_PROVIDER,
	WS2FIX_F_CODE_COUNT
} ws2fix_finding_code;
"""

DEF_TABLE = """
/* X(code, severity, message, fix) */
#ifndef WS2FIX_FINDING
#define WS2FIX_FINDING(code, sev, msg, fix)
#endif
WS2FIX_FINDING(CATALOG_MISSING, ERROR, MSG_F_CATALOG_MISSING, MSG_FIX_CATALOG_MISSING)
WS2FIX_FINDING(LAYER_ORPHANED, WS2FIX_SEV_WARNING,
               MSG_F_LAYER_ORPHANED, MSG_FIX_LAYER_ORPHANED)
X(SOURCE_RECOVERED, info)
"""

WANT = [("CATALOG_MISSING", "error"), ("LAYER_ORPHANED", "warning"), ("THIRD_PARTY_PROVIDER", "info")]


def _write(tmp, name, text):
    path = os.path.join(tmp, name)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    return path


def expect_error(fn, what):
    try:
        fn()
    except gen.SourceError:
        return
    raise Failure(f"no error for {what}")


def test_parsers():
    with tempfile.TemporaryDirectory(prefix="ws2fix-schema-") as tmp:
        c = _write(tmp, "findings.c", C_TABLE)
        h = _write(tmp, "diagnose.h", HEADER)
        got = gen.parse_source(c, h)
        if got != WANT:
            raise Failure(f"C table: {got}")
        d = _write(tmp, "findings.def", DEF_TABLE)
        got = gen.parse_source(d)
        if got != [("CATALOG_MISSING", "error"), ("LAYER_ORPHANED", "warning"), ("SOURCE_RECOVERED", "info")]:
            raise Failure(f".def table: {got}")
        # What must not slip through silently.
        odd = _write(tmp, "odd.c", C_TABLE.replace('{"CATALOG_MISSING", WS2FIX_SEV_ERROR},',
                                                    '{"CATALOG_MISSING", SEV(ERROR)},'))
        expect_error(lambda: gen.parse_source(odd), "a row the parser does not understand")
        expect_error(lambda: gen.parse_source(_write(tmp, "none.c", "int x;")), "no table")
        expect_error(lambda: gen.parse_source(c, _write(tmp, "h2.h", HEADER.replace("LAYER_ORPHANED", "X"))),
                     "a header enum that disagrees with the table")
        dup = _write(tmp, "dup.def", DEF_TABLE + "X(CATALOG_MISSING, ERROR)\n")
        expect_error(lambda: gen.parse_source(dup), "a duplicate code")
        expect_error(lambda: gen.parse_source(_write(tmp, "sev.def", "X(A_CODE, FATAL)\n")), "an unknown severity")
        expect_error(lambda: gen.parse_source(_write(tmp, "junk.def", 'X(A_CODE, ERROR)\nX("B_CODE", ERROR)\n')),
                     "a .def row of another form")
        # --check: exit 1 and name the script when the file is stale.
        stale = _write(tmp, "stale.json", "{}\n")
        p = subprocess.run([sys.executable, GEN, "--source", c, "--header", h, "-o", stale, "--check"],
                           capture_output=True, text=True, timeout=60)
        if p.returncode != 1 or "scripts/gen-finding-schema.py" not in p.stderr:
            raise Failure(f"--check on a stale file: exit {p.returncode}, {p.stderr!r}")


if __name__ == "__main__":
    wstest.main([test_checked_in_schema_is_generated_from_the_code, test_every_code_has_its_page,
                 test_every_code_has_its_messages, test_every_code_is_produced_by_a_test,
                 test_severities_match_the_code, test_parsers])

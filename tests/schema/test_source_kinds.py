#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Every list of sources comes from the source table (drift tests).

include/ws2fix/sources.def names each source once.  scripts/gen-sources.py
writes from it the JSON Schemas' source kinds, the source rows of
docs/cli/ws2fix.md (and so the man page) and the web page's input texts;
the CLI's --help and option table expand it when they are compiled (the
bash completion is written from that table: tests/cli/test_options_generated.py).  Each list is checked: the checked-in files are what the
generator makes of the table today, a source added to the table shows in
every one of them, and --help (en, sv) has exactly the table's lines.

Usage: python3 test_source_kinds.py WS2FIX   (exit 0 pass, 1 fail)
"""
import importlib.util
import json
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
sys.path.insert(0, os.path.join(HERE, "..", "cli"))
import wstest  # noqa: E402
from wstest import Failure  # noqa: E402

GEN = os.path.join(ROOT, "scripts", "gen-sources.py")
WS2FIX = sys.argv[1] if len(sys.argv) > 1 else None

_spec = importlib.util.spec_from_file_location("gen_sources", GEN)
gen = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(gen)

ROWS = gen.parse_table(os.path.join(ROOT, gen.TABLE))
FAKE = ('\nWS2FIX_SOURCE(PROBE, "probe", "--probe-src", 1, ws2fix__source_open_probe, ws2fix__source_sniff_probe)\n'
        '#ifdef WS2FIX_SOURCE_TEXTS\nWS2FIX_SOURCE_TEXT(PROBE, "PATH", "SÖKVÄG", "a probe", "en sond", "@(prb)",\n'
        '\t"a probe listing", "en sondlista", "a probe source (tests only)")\n#endif\n')


def run_gen(*args):
    return subprocess.run([sys.executable, GEN, *args], capture_output=True, text=True, timeout=120)


def copy_tree(tmp):
    """The table and every file with a list, in a tree of their own."""
    files = [gen.TABLE] + [rel for rel, _ in gen.targets(ROOT)]
    for rel in files:
        os.makedirs(os.path.join(tmp, os.path.dirname(rel)), exist_ok=True)
        shutil.copy(os.path.join(ROOT, rel), os.path.join(tmp, rel))
    return files[1:]


def read(root, rel):
    with open(os.path.join(root, rel), encoding="utf-8") as f:
        return f.read()


def with_probe(tmp):
    """The copied tree's table with one partial source more."""
    with open(os.path.join(tmp, gen.TABLE), "a", encoding="utf-8") as f:
        f.write(FAKE)


def test_lists_are_generated_from_the_table():
    p = run_gen("--check")
    if p.returncode != 0:
        raise Failure("a list of sources drifted from include/ws2fix/sources.def: run "
                      "`python3 scripts/gen-sources.py` and commit the result\n" + p.stdout + p.stderr)


def test_every_list_has_a_test():
    """A new source reaches every list, and --check notices each stale one."""
    with tempfile.TemporaryDirectory(prefix="ws2fix-sources-") as tmp:
        targets = copy_tree(tmp)
        with_probe(tmp)
        stale = run_gen("--check", "--root", tmp)
        for rel in targets:
            if rel.startswith("docs/schema/") and '"kind": {"enum"' not in read(tmp, rel):
                continue
            if f"{rel} is stale" not in stale.stderr:
                raise Failure(f"--check does not notice a source missing from {rel}")
        p = run_gen("--root", tmp)
        if p.returncode != 0:
            raise Failure(f"gen-sources failed: {p.stderr.strip()}")
        if run_gen("--check", "--root", tmp).returncode != 0:
            raise Failure("gen-sources --check fails right after writing")
        if "| `--probe-src PATH` | a probe source (tests only) |" not in read(tmp, gen.MANUAL):
            raise Failure("docs/cli/ws2fix.md has no row for a new source")
        page = read(tmp, gen.PAGE)
        for want in ('kind_probe: "Input: a probe listing."', "a HijackThis log or a probe listing.",
                     'kind_probe: "Indata: en sondlista."', "en HijackThis-logg eller en sondlista."):
            if want not in page:
                raise Failure(f"web/i18n.js lacks {want!r} for a new source")
        for rel in targets:
            if not rel.startswith("docs/schema/"):
                continue
            every = {r["name"] for r in ROWS} | {"probe"}
            for lst in kind_enums(json.loads(read(tmp, rel))):
                if set(lst) <= every and "probe" not in lst:
                    raise Failure(f"{rel}: a source-kind enum without the new source: {lst}")


def kind_enums(node):
    """Every `"kind": {"enum": [...]}` of a schema."""
    if isinstance(node, dict):
        k = node.get("kind")
        if isinstance(k, dict) and isinstance(k.get("enum"), list):
            yield k["enum"]
        for v in node.values():
            yield from kind_enums(v)
    elif isinstance(node, list):
        for v in node:
            yield from kind_enums(v)


def test_schemas_list_the_table_kinds():
    """Read independently of the generator: every source-kind enum of the
    schemas is the table's kinds, all or the partial ones, in its order."""
    every = [r["name"] for r in ROWS]
    partial = [r["name"] for r in ROWS if r["partial"]]
    seen = 0
    for name in sorted(os.listdir(os.path.join(ROOT, "docs", "schema"))):
        if not name.endswith(".json"):
            continue
        with open(os.path.join(ROOT, "docs", "schema", name), encoding="utf-8") as f:
            doc = json.load(f)
        for lst in kind_enums(doc):
            if set(lst) <= set(every):
                seen += 1
                if lst not in (every, partial):
                    raise Failure(f"{name}: source kinds {lst}, the table has {every} (partial {partial})")
    if seen < 2:
        raise Failure("no source-kind enum found in docs/schema")


def kind_consts(node):
    """Every `"kind": {"const": ...}` of a schema."""
    if isinstance(node, dict):
        k = node.get("kind")
        if isinstance(k, dict) and "const" in k:
            yield k["const"]
        for v in node.values():
            yield from kind_consts(v)
    elif isinstance(node, list):
        for v in node:
            yield from kind_consts(v)


# A source kind named alone where the rule is its own: the hijackthis
# member of a diagnose document, and show's hijackthis_result, belong to
# that source and no other.
OWN_CONSTS = {("diagnose.schema.json", "hijackthis"), ("show.schema.json", "hijackthis")}


def test_no_schema_names_one_source_for_a_rule_of_several():
    """A rule about "the partial sources" written for one of them (show's
    `"const": "netsh"`) made a new partial source fail validation: every
    source kind a schema names alone must be in OWN_CONSTS, with its reason."""
    names = {r["name"] for r in ROWS}
    bad = []
    for name in sorted(os.listdir(os.path.join(ROOT, "docs", "schema"))):
        if name.endswith(".json"):
            with open(os.path.join(ROOT, "docs", "schema", name), encoding="utf-8") as f:
                bad += [(name, c) for c in kind_consts(json.load(f)) if c in names and (name, c) not in OWN_CONSTS]
    if bad:
        raise Failure(f"source kinds named alone, not as the table's list: {bad}")
    planted = {"if": {"properties": {"source": {"properties": {"kind": {"const": "netsh"}}}}}}
    if list(kind_consts(planted)) != ["netsh"]:
        raise Failure("the const finder misses a planted kind const")


def test_help_lists_the_table():
    if not WS2FIX:
        raise Failure("usage: test_source_kinds.py WS2FIX")
    for lang, header in (("en", "Sources"), ("sv", "Källor")):
        out = subprocess.run([WS2FIX, "--lang", lang, "--help"], capture_output=True, text=True,
                             encoding="utf-8", timeout=30).stdout.split("\n")
        start = next((i for i, l in enumerate(out) if l.startswith(header + " (")), None)
        if start is None:
            raise Failure(f"--help ({lang}) has no {header} section")
        got = [l.split()[0] for l in out[start + 1:] if l.startswith("  --")][:len([r for r in ROWS if r["option"]])]
        want = [r["option"] for r in ROWS if r["option"]]
        if got != want:
            raise Failure(f"--help ({lang}) lists the sources {got}, the table {want}")
        for r in ROWS:
            if not r["option"]:
                continue
            line = next(l for l in out if l.startswith(f"  {r['option']} "))
            text = r["help_" + lang].replace("%s", "")
            if not line.split(None, 2)[2].startswith(text) or r["arg_" + lang] not in line:
                raise Failure(f"--help ({lang}): {line!r} is not the table's {r['arg_' + lang]} {text!r}")


if __name__ == "__main__":
    wstest.main([test_no_schema_names_one_source_for_a_rule_of_several, test_lists_are_generated_from_the_table, test_every_list_has_a_test,
                 test_schemas_list_the_table_kinds, test_help_lists_the_table])

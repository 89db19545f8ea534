#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""The provider knowledge base has one table (drift tests).

include/ws2fix/providers.def holds every provider ws2fix can name.  The
library compiles it; scripts/gen-providers.py checks it and writes
docs/providers.md.  Checked here: the page is what the generator makes of
the table today; a row added to the table makes --check fail until the
page is written; a row without a source fails both the generator and the
compiler (known_providers.c asserts a non-empty string literal); and the
rows issue 26 asks for are there.

Usage: python3 test_providers_kb.py WS2FIX   (exit 0 pass, 1 fail)
The compiler is $WS2FIX_CC (CTest sets it), else cc.
"""
import importlib.util
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

GEN = os.path.join(ROOT, "scripts", "gen-providers.py")
_spec = importlib.util.spec_from_file_location("gen_providers", GEN)
gen = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(gen)

ROW = ('WS2FIX_KB("probe-only.dll", NULL, NULL, NULL, "Probe", "a probe row",\n'
       '\tOTHER, KB_NONE, UNKNOWN, \'U\', CHECK, %s)\n')


def run_gen(*args):
    return subprocess.run([sys.executable, GEN, *args], capture_output=True, text=True, timeout=120)


def tree(tmp, source):
    """A copy of the table and the page, with one row more."""
    for rel in (gen.TABLE, gen.PAGE):
        os.makedirs(os.path.join(tmp, os.path.dirname(rel)), exist_ok=True)
        shutil.copy(os.path.join(ROOT, rel), os.path.join(tmp, rel))
    with open(os.path.join(tmp, gen.TABLE), "a", encoding="utf-8") as f:
        f.write(ROW % source)


def compiles(tmp):
    """Whether known_providers.c compiles with the copied table."""
    cc = os.environ.get("WS2FIX_CC") or shutil.which("cc") or shutil.which("gcc")
    if not cc:
        raise Failure("no C compiler (set WS2FIX_CC)")
    p = subprocess.run([cc, "-std=c11", "-fsyntax-only", "-I", os.path.join(tmp, "include"),
                        "-I", os.path.join(ROOT, "include"),
                        os.path.join(ROOT, "src", "lib", "diagnose", "known_providers.c")],
                       capture_output=True, text=True, timeout=120)
    return p.returncode == 0, p.stderr


def test_page_is_generated_from_the_table():
    p = run_gen("--check")
    if p.returncode != 0:
        raise Failure("docs/providers.md drifted from include/ws2fix/providers.def: run "
                      "`python3 scripts/gen-providers.py` and commit the result\n" + p.stderr)


def test_a_new_row_reaches_the_page():
    with tempfile.TemporaryDirectory(prefix="ws2fix-kb-") as tmp:
        tree(tmp, '"https://example.org/probe (test row)"')
        stale = run_gen("--check", "--root", tmp)
        if stale.returncode == 0 or "docs/providers.md is stale" not in stale.stderr:
            raise Failure("--check does not notice a row missing from docs/providers.md: " + stale.stderr)
        if run_gen("--root", tmp).returncode != 0 or run_gen("--check", "--root", tmp).returncode != 0:
            raise Failure("gen-providers cannot write the page, or --check fails right after writing")
        with open(os.path.join(tmp, gen.PAGE), encoding="utf-8") as f:
            if "| `probe-only.dll` |" not in f.read():
                raise Failure("docs/providers.md has no row for a new table row")
        ok, err = compiles(tmp)
        if not ok:
            raise Failure("known_providers.c does not compile with a good new row:\n" + err)


def test_a_row_without_a_source_fails():
    for source in ("NULL", '""'):
        with tempfile.TemporaryDirectory(prefix="ws2fix-kb-") as tmp:
            tree(tmp, source)
            p = run_gen("--check", "--root", tmp)
            if p.returncode == 0 or "without a source" not in p.stderr:
                raise Failure(f"gen-providers accepts a row whose source is {source}: {p.stderr}")
            ok, err = compiles(tmp)
            if ok:
                raise Failure(f"known_providers.c compiles with a row whose source is {source}")
            if "source" not in err:
                raise Failure(f"the compiler fails on a sourceless row, but not for its source:\n{err}")


def test_the_issue_products_are_there():
    rows = gen.parse_table(os.path.join(ROOT, gen.TABLE))
    dlls = {r["dll"]: r for r in rows if r["dll"]}
    guids = {g: r for r in rows for g in ((r["guids"] or "").split("|") + (r["chains"] or "").split("|")) if g}
    want = {"prxerdrv.dll": "Proxifier", "pmilsp.dll": "Intercom (MaLion)", "pgplsp.dll": "Symantec (PGP)",
            "nnlsp.dll": "Leigod (NN)", "nnlsp64.dll": "Leigod (NN)", "nvlsp.dll": "NVIDIA", "nvlsp64.dll": "NVIDIA",
            "pcapwsp.dll": "ProxyCap", "qproxy.dll": "Qustodio", "sarah.dll": "AVM (FRITZ!)", "wsockhk.dll": "Net Nanny",
            "sblsp.dll": "SPEEDBit", "netdog.dll": "Armor2net", "vlsp.dll": "Venturi Wireless", "mclsp.dll": "McAfee",
            "radhslib.dll": "Radiant", "winsflt.dll": "PureSight", "ifw_xfilter.dll": "iolo",
            "gapsp.dll": "Juniper Networks (Neoteris)"}
    for dll, vendor in want.items():
        if dll not in dlls or dlls[dll]["vendor"] != vendor:
            raise Failure(f"{dll}: want vendor {vendor}, the table has {dlls.get(dll, {}).get('vendor')}")
    for g, cat in (("{62816A64-DAC2-48DD-B3AD-843C916DDF82}", "VPN"), ("{F3A080B4-019D-4501-8647-B59695478F9F}", "VPN"),
                   ("{D3C21122-85E1-48F3-9AB6-23D90C7307EF}", "COPIED_SAMPLE"),
                   ("{0000008A-088B-888C-8A8A-8A8A8A8A8A8A}", "COPIED_SAMPLE")):
        if g not in guids or guids[g]["category"] != cat:
            raise Failure(f"{g}: want a {cat} row")
    if dlls["pmilsp.dll"]["flags"] != ["KB_MANAGED"]:
        raise Failure("MaLion is centrally managed (claude-code#84211)")


if __name__ == "__main__":
    wstest.main([test_page_is_generated_from_the_table, test_a_new_row_reaches_the_page,
                 test_a_row_without_a_source_fails, test_the_issue_products_are_there])

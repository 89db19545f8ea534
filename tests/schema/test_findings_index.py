#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""docs/findings/README.md is generated from include/ws2fix/findings.def
(scripts/gen-findings-index.py), and every code's page states the
severity the table gives it.  A planted drift (a code added to a copy of
the table, a row dropped from a copy of the index) must be caught.

Usage: python3 test_findings_index.py   (exit 0 pass, 1 fail)
"""
import os
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
sys.path.insert(0, os.path.join(HERE, "..", "cli"))
import wstest  # noqa: E402
from wstest import Failure  # noqa: E402

GEN = os.path.join(ROOT, "scripts", "gen-findings-index.py")
TABLE = os.path.join(ROOT, "include", "ws2fix", "findings.def")
INDEX = os.path.join(ROOT, "docs", "findings", "README.md")


def check(source=TABLE, output=INDEX):
    return subprocess.run([sys.executable, GEN, "--check", "--source", source, "-o", output],
                          capture_output=True, text=True, timeout=60).returncode


def test_index_is_generated_from_the_table():
    if check() != 0:
        raise Failure("docs/findings/README.md is stale: run python3 scripts/gen-findings-index.py")


def test_a_drift_is_caught():
    with tempfile.TemporaryDirectory(prefix="ws2fix-index-") as tmp:
        table = os.path.join(tmp, "findings.def")
        with open(TABLE, encoding="utf-8") as f:
            text = f.read()
        with open(table, "w", encoding="utf-8") as f:
            f.write(text + "WS2FIX_FINDING(PLANTED_CODE, WARNING, ENTRY, NO)\n")
        if check(source=table) != 1:
            raise Failure("a code added to the table went unnoticed by the index check")
        index = os.path.join(tmp, "README.md")
        with open(INDEX, encoding="utf-8") as f:
            lines = f.read().splitlines(True)
        with open(index, "w", encoding="utf-8") as f:
            f.writelines(l for l in lines if "[CHAIN_BROKEN]" not in l)
        if check(output=index) != 1:
            raise Failure("a row dropped from the index went unnoticed")


def test_every_page_states_the_tables_severity():
    with open(TABLE, encoding="utf-8") as f:
        rows = re.findall(r"^WS2FIX_FINDING\(\s*([A-Z0-9_]+)\s*,\s*(ERROR|WARNING|INFO)", f.read(), re.M)
    bad = []
    for code, sev in rows:
        page = os.path.join(ROOT, "docs", "findings", code + ".md")
        try:
            with open(page, encoding="utf-8") as f:
                m = re.search(r"^Severity: \*\*(error|warning|info)\*\*", f.read(), re.M)
        except OSError:
            bad.append(f"{code}: no page")
            continue
        if not m or m.group(1) != sev.lower():
            bad.append(f"{code}: page says {m.group(1) if m else 'no severity'}, the table {sev.lower()}")
    if bad:
        raise Failure("; ".join(bad))


if __name__ == "__main__":
    wstest.main([test_index_is_generated_from_the_table, test_a_drift_is_caught,
                 test_every_page_states_the_tables_severity])

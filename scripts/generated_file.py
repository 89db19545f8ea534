# SPDX-License-Identifier: MIT
"""Write a generated file, or check that the checked-in one is current.

The one way the table generators (gen-finding-schema.py,
gen-findings-index.py) end: with --check nothing is written, and a stale
file prints its diff and the command that regenerates it.
"""
import difflib
import os
import sys


def write_or_check(path, text, check, root, script):
    """Write @text to @path, or with @check compare it: 0 current (or
    written), 1 stale.  @root is the repository (for the names printed),
    @script the generator to run ("scripts/gen-findings-index.py")."""
    rel = os.path.relpath(path, root)
    if not check:
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        return 0
    try:
        with open(path, encoding="utf-8") as f:
            old = f.read()
    except OSError:
        old = ""
    if old == text:
        return 0
    sys.stdout.writelines(difflib.unified_diff(old.splitlines(True), text.splitlines(True), rel, "generated"))
    print("%s is stale: run python3 %s and commit the result" % (rel, script), file=sys.stderr)
    return 1

# SPDX-License-Identifier: MIT
"""The library exports only prefixed names (issue 28.5).

Every global symbol that libws2fix defines is either public API, named
ws2fix_X and declared in include/ws2fix/ (outside a comment), or internal,
named ws2fix__X.  A bare name (the repair's r_step, the diagnosis's
diag_add once) collides with whatever a program linking the library calls
its own functions, and nothing tells a reader it is not API.

Names the C standard reserves to the implementation (__x, _X) are the
compiler's and the sanitizers' (__odr_asan_gen_..., mingw's .refptr.x) and
are left alone.  Statics are not exported and are not looked at.

The rule must catch a planted violation: a small object with r_planted,
diag_planted, a global variable and an undeclared ws2fix_ name is compiled
with the build's compiler and must fail, each name named; its clean twin
must pass.

Run by CTest as `python3 test_symbols.py LIBRARY NM CC` (the build's static
library, its nm and its C compiler; the Windows cross build runs it with
mingw's).
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
sys.path.insert(0, os.path.join(ROOT, "tests", "cli"))
import wstest  # noqa: E402
from wstest import Failure  # noqa: E402

LIBRARY = NM = CC = None
IDENT = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
COMMENT = re.compile(r"/\*.*?\*/|//[^\n]*", re.S)


def defined_globals(path, nm):
    """Names of the global symbols @p path defines, by nm (any object or archive)."""
    p = subprocess.run([nm, "-g", "--defined-only", path], capture_output=True, text=True, timeout=120)
    if p.returncode != 0:
        raise Failure(f"{nm} {path} failed ({p.returncode}): {p.stderr.strip()}")
    names = set()
    for line in p.stdout.splitlines():
        f = line.split()
        # "ADDRESS TYPE NAME"; archive member headers ("x.o:") and blank lines have other shapes.
        if len(f) == 3 and len(f[1]) == 1 and f[1].isalpha():
            names.add(f[2])
    if names and all(n.startswith("_") for n in names):
        names = {n[1:] for n in names}  # a target that prefixes C names with '_' (i686 mingw)
    return names


def public_names(include_dir):
    """ws2fix_ identifiers the public headers declare (comments left out)."""
    names = set()
    for root, _, files in os.walk(include_dir):
        for fn in files:
            if fn.endswith((".h", ".def")):
                with open(os.path.join(root, fn), encoding="utf-8", errors="replace") as f:
                    text = COMMENT.sub(" ", f.read())
                names.update(n for n in IDENT.findall(text) if n.startswith("ws2fix_"))
    return names


def reserved(name):
    """A name the C implementation owns (or not a C name at all)."""
    return name.startswith("__") or re.match(r"_[A-Z]", name) is not None or not IDENT.fullmatch(name)


def violations(symbols, public):
    bad = []
    for n in sorted(symbols):
        if reserved(n) or n.startswith("ws2fix__"):
            continue
        if n.startswith("ws2fix_"):
            if n not in public:
                bad.append(f"{n} (ws2fix_ but not declared in include/ws2fix/: make it ws2fix__ or declare it)")
            continue
        bad.append(f"{n} (no ws2fix_ prefix: an internal is ws2fix__{n})")
    return bad


def test_library_exports_only_prefixed_names():
    syms = defined_globals(LIBRARY, NM)
    # A parse that found nothing would pass anything: the library has hundreds.
    if len(syms) < 100 or "ws2fix_session_open" not in syms or "ws2fix__oom" not in syms:
        raise Failure(f"implausible symbol list from {NM} {LIBRARY}: {len(syms)} names")
    bad = violations(syms, public_names(os.path.join(ROOT, "include")))
    if bad:
        raise Failure(f"{len(bad)} exported name(s) without the prefix: " + "; ".join(bad))
    print(f"  {len(syms)} exported names, all prefixed")


PLANTED_C = """\
#include "ws2fix/api.h"
int ws2fix_declared(void) { return 0; }
int ws2fix__internal(void) { return 1; }
static int r_static(void) { return 2; }
int ws2fix__uses_static(void) { return r_static(); }
int r_planted(void) { return 3; } // PLANTED
void diag_planted(void) { } // PLANTED
int planted_counter = 4; // PLANTED
int ws2fix_commented(void) { return 5; } // PLANTED
"""
PLANTED_H = """\
/* ws2fix_commented is only named in this comment. */
int ws2fix_declared(void);
"""
PLANTED_NAMES = ["r_planted", "diag_planted", "planted_counter", "ws2fix_commented"]


def test_rule_catches_planted_violations():
    tmp = tempfile.mkdtemp(prefix="ws2fix-symbols-")
    try:
        inc = os.path.join(tmp, "include")
        os.makedirs(os.path.join(inc, "ws2fix"))
        with open(os.path.join(inc, "ws2fix", "api.h"), "w") as f:
            f.write(PLANTED_H)
        for planted in (True, False):
            src = os.path.join(tmp, "planted.c" if planted else "clean.c")
            with open(src, "w") as f:
                f.write("".join(ln for ln in PLANTED_C.splitlines(True) if planted or "// PLANTED" not in ln))
            obj = src[:-2] + ".o"
            p = subprocess.run([CC, "-std=c11", "-c", "-I", inc, src, "-o", obj],
                               capture_output=True, text=True, timeout=120, cwd=tmp)
            if p.returncode != 0:
                raise Failure(f"{CC} could not compile the planted object: {p.stderr.strip()}")
            bad = violations(defined_globals(obj, NM), public_names(inc))
            if planted:
                missed = [n for n in PLANTED_NAMES if not any(b.startswith(n + " ") for b in bad)]
                if missed or len(bad) != len(PLANTED_NAMES):
                    raise Failure(f"planted object: missed {missed}, reported {bad}")
                print("  planted: " + "; ".join(bad))
            elif bad:
                raise Failure(f"the clean twin fails: {bad}")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    if len(sys.argv) != 4:
        print("usage: test_symbols.py LIBRARY NM CC", file=sys.stderr)
        sys.exit(2)
    LIBRARY, NM, CC = sys.argv[1:]
    wstest.main([test_rule_catches_planted_violations, test_library_exports_only_prefixed_names])

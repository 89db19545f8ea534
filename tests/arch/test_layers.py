# SPDX-License-Identifier: MIT
"""The layers stay in their rooms (docs/internals/ARCHITECTURE.md):

- src/util depends on nothing of the library: it includes only its own
  headers, the C library and the public error codes (ws2fix/errors.h);
- the library never includes the front ends (src/cli, src/gui);
- the front ends include no header private to the library;
- no header includes itself through others (no include cycle);
- no code outside src/lib/sources/ and the registry front end compares a
  backend's kind name: it asks ws2fix_registry_has() for a capability;
- no call circle crosses a folder of src/lib, and a lower layer calls a
  higher one only where ARCHITECTURE.md names it (tests/arch/callgraph.py);
- nothing in src/lib/sources/ includes the session's headers.

Run by CTest as `python3 test_layers.py`.
"""
import os
import re
import sys

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
SRC = os.path.join(ROOT, "src")
INC = os.path.join(ROOT, "include")
INCLUDE_RE = re.compile(r'^\s*#\s*include\s+"([^"]+)"', re.M)


sys.path.insert(0, os.path.join(ROOT, "tests", "cli"))
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import wstest  # noqa: E402
import callgraph  # noqa: E402
from wstest import Failure  # noqa: E402


def sources(top):
    for root, _, files in os.walk(top):
        for f in sorted(files):
            if f.endswith((".c", ".h", ".def", ".rci")):
                yield os.path.join(root, f)


def resolve(including, name):
    """The file a quoted include names, as the build's include paths find it."""
    for base in (os.path.dirname(including), SRC, INC):
        p = os.path.normpath(os.path.join(base, name))
        if os.path.isfile(p):
            return p
    return None


def includes(path):
    with open(path, encoding="utf-8", errors="replace") as f:
        text = f.read()
    return [(n, resolve(path, n)) for n in INCLUDE_RE.findall(text)]


def rel(p):
    return os.path.relpath(p, ROOT)


def test_util_depends_on_nothing_of_the_library():
    bad = []
    for f in sources(os.path.join(SRC, "util")):
        for name, target in includes(f):
            if target is None:
                continue
            r = rel(target)
            if not (r.startswith("src/util/") or r == "include/ws2fix/errors.h"):
                bad.append(f"{rel(f)} includes {r}")
    if bad:
        raise Failure("; ".join(bad))


def test_library_does_not_include_front_ends():
    bad = []
    for f in sources(os.path.join(SRC, "lib")):
        for name, target in includes(f):
            if target and rel(target).startswith(("src/cli/", "src/gui/")):
                bad.append(f"{rel(f)} includes {rel(target)}")
    if bad:
        raise Failure("; ".join(bad))


def test_front_ends_use_only_the_public_api():
    """The CLI, the GUI and the web glue include only include/ws2fix/, the
    shared util layer and their own files: never a header private to the
    library (src/lib/)."""
    bad = []
    for fe in ("cli", "gui", "web"):
        for f in sources(os.path.join(SRC, fe)):
            for name, target in includes(f):
                if target and rel(target).startswith("src/lib/"):
                    bad.append(f"{rel(f)} includes {rel(target)}")
    if bad:
        raise Failure("; ".join(bad))


def test_no_include_cycle():
    graph = {}
    for top in (SRC, INC):
        for f in sources(top):
            graph[f] = [t for _, t in includes(f) if t]
    state = {}

    def visit(n, stack):
        state[n] = 1
        for m in graph.get(n, []):
            if state.get(m) == 1:
                cyc = stack[stack.index(m):] + [m] if m in stack else [n, m]
                raise Failure("include cycle: " + " -> ".join(rel(x) for x in cyc))
            if m not in state:
                visit(m, stack + [m])
        state[n] = 2

    for n in sorted(graph):
        if n not in state:
            visit(n, [n])


def test_no_backend_kind_comparison():
    pat = re.compile(r'(strcmp|strcasecmp|ws2fix__strcasecmp)\s*\([^;]*(registry_kind\s*\(|->name\b)[^;]*"(live|hive|reg|netsh)"'
                     r'|(strcmp|ws2fix__strcasecmp)\s*\([^;]*"(live|hive|reg|netsh)"[^;]*(registry_kind\s*\(|be->name)')
    bad = []
    for top in (SRC,):
        for f in sources(top):
            r = rel(f)
            if r.startswith("src/lib/sources/"):
                continue
            with open(f, encoding="utf-8", errors="replace") as fh:
                for no, line in enumerate(fh, 1):
                    if pat.search(line):
                        bad.append(f"{r}:{no}")
    if bad:
        raise Failure("backend kinds compared by name at " + ", ".join(bad))


# The calls from a lower layer to a higher one that ARCHITECTURE.md names,
# each with its reason there ("Which way calls go").  At most 4.
UPWARD_ALLOWED = {
    ("src/lib/win32/osdetect_live_win32.c", "ws2fix_os_fill_names"),
    ("src/lib/win32/selftest_win32.c", "ws2fix_selftest_report_free"),
}


def test_no_call_circle_crosses_a_folder():
    bad = [c for c in callgraph.cycles(callgraph.graph()) if len({callgraph.folder(f) for f in c}) > 1]
    if bad:
        raise Failure("call circles across folders: " + "; ".join(" ".join(callgraph.rel(f) for f in c) for c in bad))


def test_upward_calls_are_named():
    if len(UPWARD_ALLOWED) > 4:
        raise Failure("more than 4 upward calls allowed")
    up = callgraph.upward(callgraph.graph())
    bad = ["%s -> %s (%s)" % (a, n, b) for a, b, n in up if (a, n) not in UPWARD_ALLOWED]
    if bad:
        raise Failure("a lower layer calls a higher one: " + "; ".join(bad))
    with open(os.path.join(ROOT, "docs", "internals", "ARCHITECTURE.md"), encoding="utf-8") as f:
        doc = f.read()
    unnamed = [n for _, n in sorted(UPWARD_ALLOWED) if n not in doc]
    if unnamed:
        raise Failure("upward calls ARCHITECTURE.md does not name: " + ", ".join(unnamed))


def test_sources_do_not_know_the_session():
    bad = []
    for f in sources(os.path.join(SRC, "lib", "sources")):
        for name, target in includes(f):
            if target and (rel(target).startswith("src/lib/session/") or rel(target) == "include/ws2fix/session.h"):
                bad.append(f"{rel(f)} includes {rel(target)}")
    if bad:
        raise Failure("; ".join(bad))


def test_every_library_file_has_a_layer():
    bad = []
    for f in callgraph.c_files():
        try:
            callgraph.layer(f)
        except KeyError as e:
            bad.append(str(e))
    if bad:
        raise Failure("; ".join(bad))


if __name__ == "__main__":
    wstest.main([test_util_depends_on_nothing_of_the_library, test_library_does_not_include_front_ends,
                 test_front_ends_use_only_the_public_api, test_no_include_cycle, test_no_backend_kind_comparison,
                 test_no_call_circle_crosses_a_folder, test_upward_calls_are_named,
                 test_sources_do_not_know_the_session, test_every_library_file_has_a_layer])

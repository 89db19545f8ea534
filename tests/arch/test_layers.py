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
- no file of src/lib or src/util includes a header of a higher layer;
- the top of src/lib holds only .c files of the layers without a folder
  there and the listed interface headers (callgraph.TOP_FILES, TOP_HEADERS);
- no platform conditional (#if on _WIN32, __linux__ ...) outside the
  platform layer and the front ends;
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
# each with its reason there ("Which way calls go").  At most 1.
UPWARD_ALLOWED = {
    ("src/lib/win32/osdetect_live_win32.c", "ws2fix_os_fill_names"),
}


def test_no_call_circle_crosses_a_folder():
    bad = [c for c in callgraph.cycles(callgraph.graph()) if len({callgraph.folder(f) for f in c}) > 1]
    if bad:
        raise Failure("call circles across folders: " + "; ".join(" ".join(callgraph.rel(f) for f in c) for c in bad))


def test_upward_calls_are_named():
    if len(UPWARD_ALLOWED) > 1:
        raise Failure("more than 1 upward call allowed")
    up = callgraph.upward(callgraph.graph())
    bad = ["%s -> %s (%s)" % (a, n, b) for a, b, n in up if (a, n) not in UPWARD_ALLOWED]
    if bad:
        raise Failure("a lower layer calls a higher one: " + "; ".join(bad))
    with open(os.path.join(ROOT, "docs", "internals", "ARCHITECTURE.md"), encoding="utf-8") as f:
        doc = f.read()
    unnamed = [n for _, n in sorted(UPWARD_ALLOWED) if n not in doc]
    if unnamed:
        raise Failure("upward calls ARCHITECTURE.md does not name: " + ", ".join(unnamed))


def test_includes_go_down():
    """A file of src/lib or src/util includes only headers of its own layer
    or a lower one (the public headers, include/ws2fix/, are everyone's)."""
    bad = []
    for top in (os.path.join(SRC, "lib"), os.path.join(SRC, "util")):
        for f in sources(top):
            if not f.endswith((".c", ".h")):
                continue
            try:
                mine = callgraph.layer(f)
            except KeyError as e:
                bad.append(str(e))
                continue
            for name, target in includes(f):
                r = rel(target) if target else ""
                if not r.startswith(("src/lib/", "src/util/")):
                    continue
                try:
                    theirs = callgraph.layer(target)
                except KeyError as e:
                    bad.append(str(e))
                    continue
                if theirs > mine:
                    bad.append("%s (layer %d) includes %s (layer %d)" % (rel(f), mine, r, theirs))
    if bad:
        raise Failure("; ".join(sorted(set(bad))))


def test_no_loose_file_of_a_layer_with_a_folder():
    """The files directly in src/lib: .c files of the layers that have no
    folder there (callgraph.TOP_FILES), and the headers of TOP_HEADERS.
    A file of a layer that has a folder belongs in that folder."""
    lib = os.path.join(SRC, "lib")
    foldered = set(callgraph.FOLDERS.values())
    bad = [f"{n} listed in TOP_FILES under layer {k}, which has a folder"
           for k, names in callgraph.TOP_FILES.items() if k in foldered for n in names]
    if not os.path.isdir(lib):
        names = []
    else:
        names = sorted(n for n in os.listdir(lib) if os.path.isfile(os.path.join(lib, n)))
    for n in names:
        if n.endswith(".c"):
            layer = next((k for k, v in callgraph.TOP_FILES.items() if n in v), None)
            if layer is None:
                bad.append(f"src/lib/{n} is loose and of no layer without a folder (TOP_FILES): move it into its layer's folder")
            elif layer in foldered:
                bad.append(f"src/lib/{n} is of layer {layer}, which has a folder")
        elif n.endswith(".h"):
            if not any(n in v for v in callgraph.TOP_HEADERS.values()):
                bad.append(f"src/lib/{n} is not an interface header (TOP_HEADERS): move it beside its .c files")
        else:
            bad.append(f"src/lib/{n}: only .c and .h files at the top of src/lib")
    if bad:
        raise Failure("; ".join(bad))


# The macros that tell one platform from another.  A conditional on any of
# them is platform code: it belongs in src/lib/posix/, src/lib/win32/, the
# platform headers at the top of src/lib (platform*.h), or a front end.
PLATFORM_MACROS = ("_WIN32", "_WIN64", "WIN32", "__WIN32__", "__MINGW32__", "__MINGW64__", "__CYGWIN__",
                   "__linux__", "__linux", "linux", "__unix__", "__unix", "unix", "__APPLE__", "__MACH__",
                   "__FreeBSD__", "__NetBSD__", "__OpenBSD__", "__sun", "__EMSCRIPTEN__", "_MSC_VER")
PLATFORM_IF_RE = re.compile(r"^\s*#\s*(?:if|ifdef|ifndef|elif)\b(.*)$", re.M)
# Where such a conditional may stand.  src/util/attrs.h: the one printf
# format attribute (MinGW's printf is gnu_printf when
# __USE_MINGW_ANSI_STDIO is set): a compiler's dialect, shared with the
# front ends, which include nothing of the library.
PLATFORM_IF_PLACES = ("src/lib/posix/", "src/lib/win32/", "src/cli/", "src/gui/", "src/web/")
PLATFORM_IF_FILES = ("src/util/attrs.h",)


def test_platform_conditionals_stay_in_the_platform_layer():
    word = re.compile(r"\b(" + "|".join(re.escape(m) for m in PLATFORM_MACROS) + r")\b")
    bad = []
    for f in sources(SRC):
        r = rel(f)
        base = os.path.basename(r)
        if r.startswith(PLATFORM_IF_PLACES) or r in PLATFORM_IF_FILES:
            continue
        if r.startswith("src/lib/") and r.count("/") == 2 and base.startswith("platform") and base.endswith(".h"):
            continue
        with open(f, encoding="utf-8", errors="replace") as fh:
            text = fh.read()
        for m in PLATFORM_IF_RE.finditer(text):
            cond = re.sub(r"/\*.*?\*/|//.*", "", m.group(1))
            if word.search(cond):
                no = text.count("\n", 0, m.start()) + 1
                bad.append(f"{r}:{no}: #{m.group(0).strip().lstrip('#').strip()}")
    if bad:
        raise Failure("platform conditionals outside the platform layer: " + "; ".join(bad))


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
                 test_includes_go_down, test_no_loose_file_of_a_layer_with_a_folder,
                 test_platform_conditionals_stay_in_the_platform_layer,
                 test_sources_do_not_know_the_session, test_every_library_file_has_a_layer])

# SPDX-License-Identifier: MIT
"""Who calls whom in src/lib, file by file, read from the sources.

A function is defined in a file when its definition starts at the first
column and is not static; a file calls it when the name appears there
followed by "(" or as a value (a table of openers).  Names defined in two
files (a platform's pair, a stand-in beside the real backend) stand for
both.  The layers are those of docs/internals/ARCHITECTURE.md, bottom 0:

    0 util       src/util/ and the library's base at the top of src/lib (errors, name folding, WSA names)
    1 platform   src/lib/posix/, src/lib/win32/ (picked per build), src/lib/platform/ (built over
                 either), and the interface headers at the top of src/lib (platform*.h, temp_*.h)
    2 registry and catalog, and the library's messages and files: the .c files at the top of src/lib
    3 sources    src/lib/sources/, osdetect/ (it reads a source), regformat/ (the .reg format, both
                 ways), dllprobe/ (a Windows directory's files, offline or live)
    4 repair, diagnose, report, explain, and writes/ (backups, their origin, the output guard)
    5 session    src/lib/session/

The top of src/lib holds only the .c files of the layers without a folder
there (0 and 2) and the headers listed in TOP_HEADERS.

Used by tests/arch/test_layers.py; run on its own it prints the numbers.
"""
import os
import re
import sys

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
LIB = os.path.join(ROOT, "src", "lib")
UTIL = os.path.join(ROOT, "src", "util")

LAYER_NAMES = ("util", "platform", "registry and catalog", "sources", "repair, diagnose, report", "session")
# The .c files directly in src/lib/, by layer: only layers without a folder in FOLDERS.
TOP_FILES = {
    0: ("errors.c", "name_fold.c", "wsa_errors.c"),
    2: ("i18n.c", "files.c", "registry.c", "catalog.c", "packed_item.c", "display_names.c",
        "provider_path.c", "events.c"),
}
# The headers directly in src/lib/, by layer: the base's, and the platform's
# interface (its implementations are in posix/, win32/ and platform/).
TOP_HEADERS = {
    0: ("errors_internal.h", "name_fold.h", "wsa_errors.h"),
    1: ("platform.h", "platform_admin.h", "platform_dir.h", "platform_fileid.h", "platform_live_files.h", "platform_memfile.h",
        "temp_files.h", "temp_slots.h"),
}
FOLDERS = {"posix": 1, "win32": 1, "platform": 1,
           "sources": 3, "osdetect": 3, "regformat": 3, "dllprobe": 3,
           "diagnose": 4, "repair": 4, "report": 4, "explain": 4, "writes": 4,
           "session": 5}

COMMENT_RE = re.compile(r"/\*.*?\*/|//[^\n]*|\"(?:\\.|[^\"\\\n])*\"|'(?:\\.|[^'\\\n])*'", re.S)
DEF_RE = re.compile(r"^(?!static\b|typedef\b|extern\b|#|return\b)[A-Za-z_][\w \t\*]*?\b([A-Za-z_]\w*)\s*\(([^;{}()]|\([^()]*\))*\)\s*\{",
                    re.M)
IDENT_RE = re.compile(r"\b[A-Za-z_]\w*\b")


def strip(text):
    return COMMENT_RE.sub(lambda m: '""' if m.group(0).startswith('"') else " ", text)


def c_files():
    for top in (LIB, UTIL):
        for root, _, files in os.walk(top):
            for f in sorted(files):
                if f.endswith(".c"):
                    yield os.path.join(root, f)


def rel(p):
    return os.path.relpath(p, ROOT).replace(os.sep, "/")


def folder(path):
    """The folder of src/lib a file is in ("lib" for the files directly
    there, "util" for src/util)."""
    r = rel(path)
    if r.startswith("src/util/"):
        return "util"
    parts = r.split("/")
    return parts[2] if len(parts) > 3 else "lib"


def layer(path):
    r = rel(path)
    if r.startswith("src/util/"):
        return 0
    parts = r.split("/")
    if len(parts) > 3:
        if parts[2] not in FOLDERS:
            raise KeyError("%s is in a folder without a layer: add it to FOLDERS in tests/arch/callgraph.py "
                           "and to ARCHITECTURE.md" % r)
        return FOLDERS[parts[2]]
    for n, names in list(TOP_FILES.items()) + list(TOP_HEADERS.items()):
        if parts[2] in names:
            return n
    raise KeyError("%s has no layer: add it to tests/arch/callgraph.py and ARCHITECTURE.md" % r)


def graph():
    """{file: {callee file: set(function names)}}."""
    texts = {}
    defs = {}
    for f in c_files():
        with open(f, encoding="utf-8", errors="replace") as fh:
            t = strip(fh.read())
        texts[f] = t
        for m in DEF_RE.finditer(t):
            defs.setdefault(m.group(1), set()).add(f)
    g = {f: {} for f in texts}
    for f, t in texts.items():
        own = {m.group(1) for m in DEF_RE.finditer(t)}
        for name in set(IDENT_RE.findall(t)):
            if name in own or name not in defs:
                continue
            for d in defs[name]:
                if d != f:
                    g[f].setdefault(d, set()).add(name)
    return g


def cycles(g):
    """The strongly connected components of more than one file (Tarjan)."""
    index, low, stack, on, out = {}, {}, [], set(), []
    sys.setrecursionlimit(10000)

    def visit(v):
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in g[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    for v in sorted(g):
        if v not in index:
            visit(v)
    return out


def upward(g):
    """(caller, callee file, function) for every call to a higher layer."""
    return sorted((rel(a), rel(b), n) for a, calls in g.items() for b, names in calls.items()
                  for n in names if layer(b) > layer(a))


def main():
    g = graph()
    cs = cycles(g)
    crossing = [c for c in cs if len({folder(f) for f in c}) > 1]
    print("call circles: %d, crossing a folder: %d" % (len(cs), len(crossing)))
    for c in cs:
        print("  circle of %d: %s" % (len(c), " ".join(rel(f) for f in c)))
    up = upward(g)
    print("upward calls: %d" % len(up))
    for a, b, n in up:
        print("  %s -> %s: %s" % (a, b, n))


if __name__ == "__main__":
    main()

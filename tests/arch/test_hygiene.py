# SPDX-License-Identifier: MIT
"""One spelling each (issue 28.5), so a fix lands in one place:

- the printf-format attribute is WS2FIX_PRINTF (src/util/attrs.h): a
  hand-written `format(printf, ...)` checks against Microsoft's printf on
  mingw, while the build uses mingw's C99 one (gnu_printf);
- the library's out-of-memory error is ws2fix__oom() (src/lib/errors.c):
  no other file of src/ sets the class WS2FIX_ERRCLASS_NOMEMORY or writes
  the literal "out of memory", except the CLI's cli_oom()
  (src/cli/cli_common.c), a front end that cannot call the library's
  internals.

Each rule must catch a violation planted in a small tree of its own and
pass the tree's clean twin.

Run by CTest as `python3 test_hygiene.py`.
"""
import os
import re
import shutil
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
sys.path.insert(0, os.path.join(ROOT, "tests", "cli"))
import wstest  # noqa: E402
from wstest import Failure  # noqa: E402

ATTRS = "src/util/attrs.h"
OOM_HOMES = ("src/lib/errors.c", "src/cli/cli_common.c")
FORMAT_ATTR = re.compile(r"\b(?:__)?format(?:__)?\s*\(\s*(?:__)?(?:gnu_|ms_)?printf(?:__)?\b")
OOM_LITERAL = re.compile(r'(?<!\\)"out of memory"')


def c_files(*tops):
    for top in tops:
        for root, _, files in os.walk(os.path.join(ROOT, top)):
            for fn in sorted(files):
                if fn.endswith((".c", ".h", ".in")):
                    p = os.path.join(root, fn)
                    yield os.path.relpath(p, ROOT).replace(os.sep, "/"), p


def grep(regex, *tops, skip=()):
    hits = []
    for rel, p in c_files(*tops):
        if rel in skip:
            continue
        with open(p, encoding="utf-8", errors="replace") as f:
            for no, line in enumerate(f, 1):
                if regex.search(line):
                    hits.append(f"{rel}:{no}")
    return hits


def test_one_printf_attribute():
    hits = grep(FORMAT_ATTR, "src", "fuzz", "tests", skip=(ATTRS,))
    if hits:
        raise Failure("printf-format attribute spelled by hand (use WS2FIX_PRINTF from " + ATTRS + "): "
                      + ", ".join(hits))


def test_one_out_of_memory_error():
    hits = grep(re.compile(r"\bWS2FIX_ERRCLASS_NOMEMORY\b"), "src", skip=OOM_HOMES)
    hits += grep(OOM_LITERAL, "src", skip=OOM_HOMES)
    if hits:
        raise Failure("out-of-memory error written by hand (use ws2fix__oom(), in the CLI cli_oom()): "
                      + ", ".join(hits))


PLANTED = {
    "test_one_printf_attribute": {
        ATTRS: "#define WS2FIX_PRINTF(f, a) __attribute__((format(gnu_printf, f, a)))\n",
        "src/lib/x.h": "void x(const char *fmt, ...) WS2FIX_PRINTF(1, 2);\n"
                       "__attribute__((format(printf, 1, 2))) void y(const char *fmt, ...); // PLANTED\n",
        "fuzz/f.c": "static void put(const char *f, ...) __attribute__((__format__(__printf__, 1, 2))); // PLANTED\n",
    },
    "test_one_out_of_memory_error": {
        "src/lib/errors.c": 'int ws2fix__oom(void) { return ws2fix__fail(-11, WS2FIX_ERRCLASS_NOMEMORY, "out of memory"); }\n',
        "src/cli/cli_common.c": 'int cli_oom(void *c, int e) { return cli_error(c, e, "ENOMEM", "out of memory"); }\n',
        "src/lib/a.c": "int a(void) { return ws2fix__oom(); }\n"
                       'int b(void) { return ws2fix__fail(-11, WS2FIX_ERRCLASS_NOMEMORY, "no memory"); } // PLANTED\n',
        "src/cli/c.c": 'int c(void *x) { return cli_oom(x, 1); }\n'
                       'const char *j = "{\\"message\\":\\"out of memory\\"}";\n'
                       'int d(void *x) { return cli_error(x, 2, "ENOMEM", "out of memory"); } // PLANTED\n',
    },
}


def test_each_rule_catches_its_planted_violation():
    global ROOT
    rules = {n: f for n, f in globals().items() if n.startswith("test_one_")}
    missing = sorted(set(rules) - set(PLANTED))
    if missing:
        raise Failure("rules without a planted violation: " + ", ".join(missing))
    bad = []
    saved = ROOT
    for rule, files in sorted(PLANTED.items()):
        want = sum(text.count("// PLANTED") for text in files.values())
        for planted in (True, False):
            tmp = tempfile.mkdtemp(prefix="ws2fix-hygiene-")
            try:
                for rel, text in files.items():
                    p = os.path.join(tmp, rel)
                    os.makedirs(os.path.dirname(p), exist_ok=True)
                    with open(p, "w") as f:
                        f.write("".join(ln for ln in text.splitlines(True) if planted or "// PLANTED" not in ln))
                ROOT = tmp
                try:
                    rules[rule]()
                    verdict = None
                except Failure as ex:
                    verdict = str(ex)
            finally:
                ROOT = saved
                shutil.rmtree(tmp, ignore_errors=True)
            if planted and (verdict is None or len(re.findall(r"[\w./]+:\d+", verdict)) != want):
                bad.append(f"{rule} does not report exactly its {want} planted violation(s): {verdict}")
            elif not planted and verdict is not None:
                bad.append(f"{rule} fails the clean twin: {verdict}")
            elif planted:
                print(f"  {rule}: {verdict}")
    if bad:
        raise Failure("; ".join(bad))


if __name__ == "__main__":
    wstest.main([test_one_printf_attribute, test_one_out_of_memory_error,
                 test_each_rule_catches_its_planted_violation])

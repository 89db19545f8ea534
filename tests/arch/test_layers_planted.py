# SPDX-License-Identifier: MIT
"""Each rule of tests/arch/test_layers.py must catch a violation planted in
a small tree of its own, and pass that tree's clean twin: a rule that can
no longer fail is itself a failure.  Every rule test_layers.py has needs a
planted case here.

Run by CTest as `python3 test_layers_planted.py`.
"""
import os
import shutil
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, "..", "cli"))
import test_layers  # noqa: E402
import wstest  # noqa: E402
from wstest import Failure  # noqa: E402

# rule name -> files of the planted tree: {path: text}; the clean twin is
# the same tree with the violating line dropped (each marked "// PLANTED").
PLANTED = {
    "test_util_depends_on_nothing_of_the_library": {
        "src/lib/private.h": "int p;\n",
        "src/util/u.c": '#include "u.h"\n#include "lib/private.h" // PLANTED\n',
        "src/util/u.h": "int u;\n",
    },
    "test_library_does_not_include_front_ends": {
        "src/cli/cli.h": "int c;\n",
        "src/lib/l.c": '#include "l.h"\n#include "cli/cli.h" // PLANTED\n',
        "src/lib/l.h": "int l;\n",
    },
    "test_front_ends_use_only_the_public_api": {
        "include/ws2fix/api.h": "int a;\n",
        "src/lib/private.h": "int p;\n",
        "src/gui/g.c": '#include "ws2fix/api.h"\n#include "lib/private.h" // PLANTED\n',
    },
    "test_no_include_cycle": {
        "src/util/a.h": '#include "b.h"\n',
        "src/util/b.h": '#include "c.h"\n#include "a.h" // PLANTED\n',
        "src/util/c.h": "int c;\n",
    },
    "test_no_call_circle_crosses_a_folder": {
        "src/lib/sources/a.c": "int sa(void) { return 0; }\nint sb(void) { return rb(); } // PLANTED\n",
        "src/lib/repair/b.c": "int rb(void) { return sa(); }\n",
    },
    "test_upward_calls_are_named": {
        "src/lib/sources/u.c": "int su(void) { return 0; }\nint sv(void) { return ru(); } // PLANTED\n",
        "src/lib/repair/r.c": "int ru(void) { return su(); }\n",
        "docs/internals/ARCHITECTURE.md": "ws2fix_os_fill_names\n",
    },
    "test_sources_do_not_know_the_session": {
        "src/lib/sources/s.c": '#include "s.h"\n#include "../session/x.h" // PLANTED\n',
        "src/lib/sources/s.h": "int s;\n",
        "src/lib/session/x.h": "int x;\n",
    },
    "test_every_library_file_has_a_layer": {
        "src/lib/repair/ok.c": "int ok(void) { return 0; }\n",
        "src/lib/mystery/n.c": "int n(void) { return 0; } // PLANTED\n",
    },
    "test_includes_go_down": {
        "src/lib/dllprobe/d.h": "int d;\n",
        "src/lib/dllprobe/d.c": '#include "d.h"\n',
        "src/lib/win32/w.c": '#include "../platform.h"\n#include "../dllprobe/d.h" // PLANTED\n',
        "src/lib/platform.h": "int p;\n",
    },
    "test_no_loose_file_of_a_layer_with_a_folder": {
        "src/lib/registry.c": "int r(void) { return 0; }\n",
        "src/lib/platform.h": "int p;\n",
        "src/lib/writes/backup.c": "int b(void) { return 0; }\n",
        "src/lib/backup.c": "int b2(void) { return 0; } // PLANTED\n",
    },
    "test_platform_conditionals_stay_in_the_platform_layer": {
        "src/lib/posix/p.c": "#if defined(__linux__)\nint p;\n#endif\n",
        "src/lib/platform_x.h": "#ifdef _WIN32\nint x;\n#endif\n",
        "src/cli/entry.c": "#ifdef _WIN32\nint e;\n#endif\n",
        "src/lib/sources/h.c": "int h;\n#if defined(__linux__) // PLANTED\nint l;\n#endif\n",
    },
    "test_no_backend_kind_comparison": {
        "src/cli/k.c": 'int f(void) { return 0; }\n'
                       'int g(void) { return strcmp(ws2fix_registry_kind(r), "hive") == 0; } // PLANTED\n',
    },
}


def build(root, files, planted):
    for rel, text in files.items():
        p = os.path.join(root, rel)
        os.makedirs(os.path.dirname(p), exist_ok=True)
        lines = [ln for ln in text.splitlines(True) if planted or "// PLANTED" not in ln]
        if text and not lines:
            continue  # a file that is all planted is absent from the clean twin
        with open(p, "w") as f:
            f.write("".join(lines))


def verdict(rule, root):
    """None when @p rule passes on the tree at @p root, else its message."""
    cg = test_layers.callgraph
    saved = (test_layers.ROOT, test_layers.SRC, test_layers.INC, cg.ROOT, cg.LIB, cg.UTIL)
    test_layers.ROOT, test_layers.SRC, test_layers.INC = root, os.path.join(root, "src"), os.path.join(root, "include")
    cg.ROOT, cg.LIB, cg.UTIL = root, os.path.join(root, "src", "lib"), os.path.join(root, "src", "util")
    try:
        getattr(test_layers, rule)()
        return None
    except Failure as ex:
        return str(ex)
    finally:
        test_layers.ROOT, test_layers.SRC, test_layers.INC, cg.ROOT, cg.LIB, cg.UTIL = saved


def test_every_rule_has_a_planted_case():
    rules = sorted(n for n in dir(test_layers) if n.startswith("test_") and callable(getattr(test_layers, n)))
    missing = [r for r in rules if r not in PLANTED]
    if missing:
        raise Failure("rules without a planted violation: " + ", ".join(missing))


def test_each_rule_catches_its_planted_violation():
    bad = []
    for rule, files in sorted(PLANTED.items()):
        for planted in (True, False):
            root = tempfile.mkdtemp(prefix="ws2fix-arch-")
            try:
                os.makedirs(os.path.join(root, "src"))
                os.makedirs(os.path.join(root, "include"))
                build(root, files, planted)
                v = verdict(rule, root)
            finally:
                shutil.rmtree(root, ignore_errors=True)
            if planted and v is None:
                bad.append(f"{rule} misses its planted violation")
            elif not planted and v is not None:
                bad.append(f"{rule} fails the clean twin: {v}")
            elif planted:
                print(f"  {rule}: {v}")
    if bad:
        raise Failure("; ".join(bad))


if __name__ == "__main__":
    wstest.main([test_every_rule_has_a_planted_case, test_each_rule_catches_its_planted_violation])

#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""The docs as they are installed in DOCDIR (/usr/share/doc/ws2fix): README.md
and docs/, with installed paths instead of the source tree's and without the
source-tree blocks (scripts/installed_paths.py).  The docs for people with a
checkout (docs/internals/, release.md: building and releasing, performance.md:
benchmarks run from a checkout) stay out.
Fails, naming file and path, when an installed text would still name a
file of the source tree.

Usage: installed-docs.py SRC_DIR OUT_DIR [DOCDIR]
"""
import os
import re
import shutil
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import installed_paths  # noqa: E402

NOT_INSTALLED = installed_paths.NOT_INSTALLED


def main():
    if len(sys.argv) not in (3, 4):
        print(__doc__.strip().splitlines()[-1], file=sys.stderr)
        return 2
    src, out = sys.argv[1], sys.argv[2]
    docdir = sys.argv[3] if len(sys.argv) > 3 else installed_paths.DEFAULT_DOCDIR
    if os.path.isdir(out):
        shutil.rmtree(out)
    files = [("README.md", "README.md")]
    for root, dirs, names in os.walk(os.path.join(src, "docs")):
        rel_root = os.path.relpath(root, os.path.join(src, "docs"))
        dirs[:] = sorted(d for d in dirs if os.path.normpath(os.path.join(rel_root, d)) not in NOT_INSTALLED)
        for n in sorted(names):
            rel = os.path.normpath(os.path.join(rel_root, n))
            if rel not in NOT_INSTALLED:
                files.append((os.path.join("docs", rel), os.path.join("docs", rel)))
    bad = []
    for rel_in, rel_out in files:
        dst = os.path.join(out, rel_out)
        os.makedirs(os.path.dirname(dst), exist_ok=True)
        if not rel_in.endswith(".md"):
            shutil.copyfile(os.path.join(src, rel_in), dst)
            continue
        with open(os.path.join(src, rel_in), encoding="utf-8") as f:
            text = installed_paths.for_installed(f.read(), docdir)
        bad += [f"{rel_in}: {p}" for p in installed_paths.repo_paths(text)]
        # An installed path must be one that is installed.
        for m in re.finditer(re.escape(docdir) + r"/(docs/[\w./-]*\w)", text):
            if m.group(1).startswith("docs/") and not os.path.exists(os.path.join(src, m.group(1).split("#")[0])) \
                    or any(m.group(1).startswith("docs/" + n) for n in NOT_INSTALLED):
                bad.append(f"{rel_in}: {m.group(0)} (not installed)")
        with open(dst, "w", encoding="utf-8") as f:
            f.write(text)
    if bad:
        print("installed docs would name files of the source tree (mark the passage "
              "<!-- source-tree --> ... <!-- /source-tree -->):\n  " + "\n  ".join(bad), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

# SPDX-License-Identifier: MIT
"""No reference to a file that is not in the repository.

A reference is, in any text file git tracks (sources, headers, tables,
scripts, CMake, docs):

- a path that starts with a top-level folder of the repository or with
  spec/ (`docs/cli/repair.md`, `src/lib/regformat/regtree.c`,
  `spec/cli.md`): it names a file or folder from the repository's root;
  a path right after "/", "." or a word character is part of another path
  (`/work/shared/spec/cli.md`, `../include/x.h`, `shared/spec/providers.md`
  name things outside the repository or relative to their file) and is not
  read as one.

A bare name (`facts.md`, `FORMAT.md`) is not read: those name documents of
the shared data (/work/shared), outside the repository.  Paths with a
placeholder (`<`, `*`, `{`, `$`, or a part CODE, MY_CODE, X, PAGE) are
patterns, not references.  This file and the planted trees of tests/arch/
name missing files on purpose and are not read; EXCEPTIONS lists the
others, each with its reason.

Run by CTest as `python3 test_references.py`.
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
sys.path.insert(0, os.path.join(ROOT, "tests", "cli"))
import wstest  # noqa: E402
from wstest import Failure  # noqa: E402

TEXT_EXT = (".c", ".h", ".def", ".md", ".py", ".sh", ".txt", ".cmake", ".in", ".js", ".html", ".css", ".rc",
            ".rci", ".bash", ".yml", ".yaml")
SKIP = ("tests/arch/test_references.py", "tests/arch/test_layers_planted.py", "tests/arch/test_hygiene.py")
PLACEHOLDER = set("<*{$>")
PLACEHOLDER_PARTS = {"CODE", "MY_CODE", "X", "PAGE"}
EXCEPTIONS = {
    # The released schema's description says so (tests/schema/baseline/v1,
    # the contract as released): changing the text is a schema change.
    ("scripts/gen-finding-schema.py", "spec/cli.md"),
    # The files of a release tarball, made by the release build.
    ("tests/release/test_release.py", "docs/EXIT-CODES.txt"),
    ("tests/release/test_release.py", "docs/cli/repair.txt"),
    ("tests/release/test_release.py", "docs/findings/CHAIN_BROKEN.txt"),
    # The folder a new major version of the schemas is copied to.
    ("docs/schema/README.md", "tests/schema/baseline/v2"),
}


def tracked(root):
    """The repository's text files (git ls-files; a tree without git: every file)."""
    try:
        out = subprocess.run(["git", "-C", root, "ls-files", "-z"], capture_output=True, check=True).stdout
        files = [f for f in out.decode("utf-8", "replace").split("\0") if f]
    except (OSError, subprocess.CalledProcessError):
        files = []
        for d, dirs, names in os.walk(root):
            dirs[:] = [x for x in dirs if not x.startswith((".", "build"))]
            files += [os.path.relpath(os.path.join(d, n), root).replace(os.sep, "/") for n in names]
    return sorted(f for f in files if f.endswith(TEXT_EXT) or os.path.basename(f) in ("CMakeLists.txt", "run"))


def tops(root):
    return sorted(n for n in os.listdir(root) if os.path.isdir(os.path.join(root, n)) and not n.startswith(".")
                  and not n.startswith("build")) + ["spec"]


def references(root):
    """(file, line, reference) of every reference that names nothing."""
    files = tracked(root)
    path_re = re.compile(r"(?<![\w./\\-])((?:%s)/[\w./<>*{}$-]*[\w>}*])" % "|".join(map(re.escape, tops(root))))
    bad = []
    for f in files:
        if f in SKIP:
            continue
        try:
            with open(os.path.join(root, f), encoding="utf-8", errors="replace") as fh:
                lines = fh.read().splitlines()
        except OSError:
            continue
        for no, line in enumerate(lines, 1):
            for m in path_re.finditer(line):
                ref = m.group(1).rstrip(".")
                parts = set(re.split(r"[/.]", ref))
                if PLACEHOLDER & set(ref) or PLACEHOLDER_PARTS & parts or (f, ref) in EXCEPTIONS:
                    continue
                if not os.path.exists(os.path.join(root, ref)):
                    bad.append((f, no, ref))
    return bad


def test_no_reference_to_a_missing_file():
    bad = references(ROOT)
    if bad:
        raise Failure("%d references to files not in the repository: " % len(bad)
                      + "; ".join("%s:%d: %s" % b for b in bad[:40]))


PLANTED = {
    "docs/a.md": "See docs/b.md, src/lib/x.c, `docs/findings/<CODE>.md`, ../include/y.h and b.md.\n"
                 "Shared: /work/shared/spec/cli.md, shared/spec/providers.md.\n"
                 "Gone: spec/cli.md. // PLANTED\n",
    "docs/b.md": "b\n",
    "src/lib/x.c": "/* docs/a.md, docs/findings/CODE.md */\n/* src/lib/gone.c // PLANTED */\nint x;\n",
}


def test_catches_a_planted_reference():
    """The rule fails on a tree that names spec/cli.md and a missing
    source file, and passes its twin without those lines."""
    for planted in (True, False):
        root = tempfile.mkdtemp(prefix="ws2fix-refs-")
        try:
            for rel, text in PLANTED.items():
                p = os.path.join(root, rel)
                os.makedirs(os.path.dirname(p), exist_ok=True)
                with open(p, "w") as fh:
                    fh.write("".join(ln for ln in text.splitlines(True) if planted or "// PLANTED" not in ln))
            found = sorted(r for _, _, r in references(root))
        finally:
            shutil.rmtree(root, ignore_errors=True)
        want = ["spec/cli.md", "src/lib/gone.c"] if planted else []
        if found != want:
            raise Failure("%s tree: found %s, want %s" % ("planted" if planted else "clean", found, want))


if __name__ == "__main__":
    wstest.main([test_catches_a_planted_reference, test_no_reference_to_a_missing_file])

#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Words for the installed user: the docs as they are installed (man pages
by md2man.py, /usr/share/doc/ws2fix by installed-docs.py) name installed
paths, never files of the source tree.

- "docs/X" becomes "DOCDIR/docs/X", "samples/X" "DOCDIR/samples/X" (both
  are installed there);
- a block between "<!-- source-tree -->" and "<!-- /source-tree -->" is
  for people with a checkout (building, testing, the layout) and is left
  out;
- REPO_PATH finds what must not remain (tests/package/test_install.py).
"""
import re

DEFAULT_DOCDIR = "/usr/share/doc/ws2fix"

# Relative to docs/: not installed.  internals/ and release.md are for
# people who build or release; gui.md and web.md describe the Windows
# wizard and the web page, neither of which the package holds.
# providers.md: the knowledge base's rows cite the source tree (shared/, scripts/)
# for their sources; the program itself carries the table.
NOT_INSTALLED = ("internals", "release.md", "performance.md", "gui.md", "web.md", "providers.md")

# Files of the source tree: shared/ is the real data beside a checkout.
REPO_PATH = re.compile(r"(?<![\w/.-])(?:shared|tests|scripts|fuzz|samples)/|(?<![\w/.-])src/(?:lib|cli|util|web|gui)\b")

_INSTALLED = re.compile(r"(?<![\w/.-])(docs|samples)/")


def rewrite(text, docdir=DEFAULT_DOCDIR):
    """One text (a line or a whole file) with installed paths."""
    return _INSTALLED.sub(lambda m: f"{docdir}/{m.group(1)}/", text)


def drop_source_tree(text):
    """The text without its source-tree blocks."""
    return re.sub(r"\n?[ \t]*<!-- source-tree -->.*?<!-- /source-tree -->", "", text, flags=re.S)


def for_installed(text, docdir=DEFAULT_DOCDIR):
    return rewrite(drop_source_tree(text), docdir)


def repo_paths(text):
    """The source-tree paths a text still names (for the tests)."""
    return [m.group(0) for m in REPO_PATH.finditer(text)]

# SPDX-License-Identifier: MIT
"""`cmake --install` into a throw-away prefix: the binary, one man page per
command plus ws2fix.1 (each rendered by man with no warning at 80
columns), the bash completion, the docs and the licence; the installed
binary runs.  Run by CTest as `python3 test_install.py BUILD_DIR`."""
import os
import re
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "cli"))
import wstest  # noqa: E402
from wstest import Failure  # noqa: E402

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "scripts"))
import installed_paths  # noqa: E402

BUILD = os.path.abspath(sys.argv[1])
SRC = os.environ["WS2FIX_SOURCE_DIR"]
COMMANDS = ["show", "diagnose", "repair", "backup", "restore", "batch", "explain", "selftest"]
PREFIX = None


def install():
    global PREFIX
    if PREFIX:
        return PREFIX
    PREFIX = os.path.join(wstest.tempdir(), "prefix")
    p = subprocess.run(["cmake", "--install", BUILD, "--prefix", PREFIX], capture_output=True, text=True)
    if p.returncode != 0:
        raise Failure(f"cmake --install failed: {p.stderr}")
    return PREFIX


def test_tree():
    p = install()
    want = ["bin/ws2fix", "share/bash-completion/completions/ws2fix",
            "share/doc/ws2fix/README.md", "share/doc/ws2fix/LICENSE",
            "share/doc/ws2fix/docs/EXIT-CODES.md", "share/man/man1/ws2fix.1"]
    want += [f"share/man/man1/ws2fix-{c}.1" for c in COMMANDS]
    missing = [w for w in want if not os.path.isfile(os.path.join(p, w))]
    if missing:
        raise Failure(f"not installed: {missing}")
    if not os.access(os.path.join(p, "bin/ws2fix"), os.X_OK):
        raise Failure("bin/ws2fix is not executable")
    # The library is private for now (docs/install.md): nothing of it installed.
    for d in ("include", "lib", "lib64"):
        if os.path.exists(os.path.join(p, d)):
            raise Failure(f"{d}/ installed, but libws2fix is not public")


def verbatim_lines(page):
    """Lines the Markdown shows verbatim (indented or fenced code, Example:
    lines): the only ones that may be wider than the terminal."""
    cmd = "ws2fix" if page == "ws2fix.1" else page[len("ws2fix-"):-2]
    out = set()
    fenced = False
    with open(os.path.join(SRC, "docs/cli", cmd + ".md"), encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line.strip().startswith("```"):
                fenced = not fenced
            elif fenced or line.startswith("    "):
                out.add(line.strip())
            elif line.startswith("Example: "):
                out.add(line[len("Example: "):].strip())
    return out


def test_man_pages_render_without_warnings():
    p = install()
    mandir = os.path.join(p, "share/man/man1")
    pages = sorted(os.listdir(mandir))
    if len(pages) != len(COMMANDS) + 1:
        raise Failure(f"expected {len(COMMANDS) + 1} pages, found {pages}")
    env = dict(os.environ, MANWIDTH="80", LC_ALL="C.UTF-8", MAN_KEEP_FORMATTING="")
    for page in pages:
        r = subprocess.run(["man", "--warnings", "-l", os.path.join(mandir, page)],
                           capture_output=True, text=True, env=env)
        if r.returncode != 0 or r.stderr.strip():
            raise Failure(f"man {page}: exit {r.returncode}: {r.stderr.strip()[:400]}")
        text = r.stdout
        for section in ("NAME", "SYNOPSIS", "DESCRIPTION"):
            if section not in text:
                raise Failure(f"{page}: no {section} section")
        if page != "ws2fix.1" and "EXIT STATUS" not in text:
            raise Failure(f"{page}: no EXIT STATUS section")
        if "\\f" in text or "**" in text or "`" in text:
            raise Failure(f"{page}: markup left in the rendered page")
        verbatim = verbatim_lines(page)
        for line in text.splitlines():
            if len(line) > 80 and line.strip() not in verbatim:
                raise Failure(f"{page}: a filled line of {len(line)} columns at MANWIDTH=80: {line!r}")


def test_man_page_follows_its_markdown():
    """The page is generated from docs/cli, not a copy: a phrase of the
    Markdown appears in the rendered page."""
    p = install()
    r = subprocess.run(["man", "-l", os.path.join(p, "share/man/man1/ws2fix-repair.1")],
                       capture_output=True, text=True, env=dict(os.environ, MANWIDTH="200"))
    with open(os.path.join(SRC, "docs/cli/repair.md"), encoding="utf-8") as f:
        md = f.read()
    if "**Surgical (default)** removes what is broken" not in md:
        raise Failure("docs/cli/repair.md changed: update this test's phrase")
    if "Surgical (default) removes what is broken" not in " ".join(r.stdout.split()):
        raise Failure("ws2fix-repair.1 does not hold the text of docs/cli/repair.md")


def test_installed_binary_runs():
    p = install()
    exe = os.path.join(p, "bin/ws2fix")
    rc, out, err = wstest.run(exe, "--version")
    if rc != 0 or not out.startswith("ws2fix ") or "MIT" not in out:
        raise Failure(f"--version: exit {rc}: {out!r} {err!r}")
    rc, out, err = wstest.run(exe, "diagnose", "--reg", os.path.join(SRC, "samples/winsock2-broken-lsp.reg"))
    if rc != 1 or "CHAIN_BROKEN" not in out:
        raise Failure(f"diagnose on the broken sample: exit {rc}: {out[:300]} {err}")


def test_docs_installed_whole():
    p = install()
    src_docs = set()
    for root, _, files in os.walk(os.path.join(SRC, "docs")):
        for f in files:
            rel = os.path.relpath(os.path.join(root, f), os.path.join(SRC, "docs"))
            if not any(rel == n or rel.startswith(n + os.sep) for n in installed_paths.NOT_INSTALLED):
                src_docs.add(rel)
    inst = set()
    base = os.path.join(p, "share/doc/ws2fix/docs")
    for root, _, files in os.walk(base):
        for f in files:
            inst.add(os.path.relpath(os.path.join(root, f), base))
    if src_docs != inst:
        raise Failure(f"docs differ: missing {sorted(src_docs - inst)[:5]}, extra {sorted(inst - src_docs)[:5]}")


def test_words_for_the_installed_user():
    """Man pages and installed docs name installed paths
    (/usr/share/doc/ws2fix/...), each of them installed, and never a file
    of the source tree (shared/..., tests/..., scripts/...)."""
    p = install()
    texts = {}
    mandir = os.path.join(p, "share/man/man1")
    for page in sorted(os.listdir(mandir)):
        r = subprocess.run(["man", "-l", os.path.join(mandir, page)], capture_output=True, text=True,
                           env=dict(os.environ, MANWIDTH="400"))
        texts["man " + page] = r.stdout
    docroot = os.path.join(p, "share/doc/ws2fix")
    for root, _, files in os.walk(docroot):
        for f in files:
            if f.endswith(".md"):
                with open(os.path.join(root, f), encoding="utf-8") as fh:
                    texts[os.path.relpath(os.path.join(root, f), docroot)] = fh.read()
    if not any("/usr/share/doc/ws2fix/docs/" in t for k, t in texts.items() if k.startswith("man ")):
        raise Failure("no man page names an installed doc: the rewriting did not happen")
    bad = []
    for name, text in texts.items():
        bad += [f"{name}: {x}" for x in installed_paths.repo_paths(text)]
        if "<!-- source-tree" in text:
            bad.append(f"{name}: a source-tree marker left")
        for m in re.finditer(r"/usr/share/doc/ws2fix/((?:docs|samples)/[\w./-]*\w)", text):
            if not os.path.exists(os.path.join(docroot, m.group(1).split("#")[0])):
                bad.append(f"{name}: {m.group(0)} is not installed")
    if bad:
        raise Failure("installed words name what the installed user does not have:\n  " + "\n  ".join(bad[:20]))


if __name__ == "__main__":
    try:
        wstest.main([test_tree, test_man_pages_render_without_warnings, test_man_page_follows_its_markdown,
                     test_installed_binary_runs, test_docs_installed_whole, test_words_for_the_installed_user])
    finally:
        if PREFIX:
            shutil.rmtree(os.path.dirname(PREFIX), ignore_errors=True)

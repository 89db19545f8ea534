#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""A fix file imported with Windows' own `reg import` repairs the catalog
exactly as `repair --apply` does.

For each broken catalog (the shipped sample with a removed LSP's dangling
chains, and the same in reset mode):
1. The native build writes `repair --fix-file fix.reg` from the broken
   export (the export itself must stay byte for byte as it was), and
   applies the same plan to a copy of the export with `repair --apply`.
2. In a fresh Wine prefix the broken export is imported with `reg import`,
   then fix.reg.  The live catalog `ws2fix.exe show --json` reads must be
   the one `show --reg` reads from the copy --apply repaired, entry by
   entry and byte by byte (the live DLL checks of Wine's system32 would
   differ from an export's, so the catalogs are compared, not findings).

Skipped (77) when WS2FIX_NATIVE_BIN is empty.
"""
import hashlib
import json
import os
import shutil
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import wineenv  # noqa: E402
from wineenv import first_difference, strip_live_only  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
SAMPLE = os.path.join(HERE, "..", "..", "samples", "winsock2-broken-lsp.reg")
SERVICES = r"HKLM\System\CurrentControlSet\Services"

check = wineenv.Checks()


def native(*args):
    return wineenv.run_native(NATIVE, *args)


def digest(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def doc_of(text, what):
    try:
        return json.loads(text)
    except ValueError as e:
        wineenv.fail("%s: not JSON (%s): %s" % (what, e, text[:1000]))


def one_case(px, work, mode):
    tag = mode or "surgical"
    broken = os.path.join(work, tag + "-broken.reg")
    shutil.copyfile(SAMPLE, broken)
    applied = os.path.join(work, tag + "-applied.reg")
    shutil.copyfile(SAMPLE, applied)
    fix = os.path.join(work, tag + "-fix.reg")
    mode_args = ["--mode", mode] if mode else []

    before = digest(broken)
    rc, out, err = native("--reg", broken, "repair", *mode_args, "--fix-file", fix)
    if not check(rc == 1 and os.path.isfile(fix), "%s: repair --fix-file exited %d: %s" % (tag, rc, err)):
        return
    check(digest(broken) == before, "%s: repair --fix-file changed its input" % tag)
    with open(fix, "rb") as f:
        data = f.read()
    check(data[:2] == b"\xff\xfe" and data[2:].decode("utf-16-le").startswith("Windows Registry Editor Version 5.00"),
          "%s: the fix file is not a regedit file" % tag)

    rc, out, err = native("--reg", applied, "repair", *mode_args, "--apply", "--backup", os.path.join(work, tag + "-bk.reg"))
    if not check(rc == 0, "%s: repair --apply exited %d: %s %s" % (tag, rc, out[-500:], err)):
        return
    rc, out, err = native("--reg", applied, "show", "--json")
    check(rc == 0, "%s: native show of the applied copy exited %d" % (tag, rc))
    want_cats = strip_live_only(doc_of(out, "native show")["catalogs"])

    for key in ("WinSock2", "Winsock"):
        px.run(["reg", "delete", SERVICES + "\\" + key, "/f"], check=False)
    for path, what in ((broken, "the broken export"), (fix, "the fix file")):
        p = px.run(["reg", "import", wineenv.unix_to_wine_path(path)], timeout=300)
        if not check(p.returncode == 0, "%s: reg import of %s exited %d: %s %s"
                     % (tag, what, p.returncode, p.stdout, p.stderr)):
            return
    p = px.ws2fix("show", "--json", timeout=300)
    if check(p.returncode == 0, "%s: live show exited %d: %s" % (tag, p.returncode, p.stderr)):
        got = strip_live_only(doc_of(p.stdout, "live show")["catalogs"])
        d = first_difference(got, want_cats)
        check(d is None, "%s: the imported fix differs from --apply: %s" % (tag, d))


def main():
    global NATIVE
    exe = wineenv.exe_from_argv()
    NATIVE = wineenv.native_bin("the fix file is made by the native build")
    with wineenv.Prefix(exe) as px:
        work = os.path.join(px.dir, "work")
        os.mkdir(work)
        one_case(px, work, None)
        one_case(px, work, "reset")
    check.finish("a fix file imported with reg import repairs as --apply does")


main()

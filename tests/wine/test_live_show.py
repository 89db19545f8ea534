#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""The live backend reads what the .reg backend reads.

A real export (corpus/cingchun-bccc/winsock2.reg, Windows 10 x64 with an
LSP) is imported into a fresh Wine registry with Wine's own `reg import`;
then the catalogs that `ws2fix.exe show --json` reads live must equal the
ones that the native Linux build and the Windows build read from the file
itself.  Only the "source" object may differ.
"""
import json
import os
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import wineenv  # noqa: E402
from wineenv import first_difference, strip_live_only  # noqa: E402

REG_FILE = "corpus/cingchun-bccc/winsock2.reg"
WINSOCK2 = r"HKLM\System\CurrentControlSet\Services\WinSock2"


problems = []


def check(cond, msg):
    if not cond:
        problems.append(msg)
    return cond


def parse_json(text, what):
    try:
        return json.loads(text)
    except ValueError as e:
        wineenv.fail("%s: not JSON (%s):\n%s" % (what, e, text[:2000]))


def catalogs_of(doc, what):
    cats = doc.get("catalogs")
    if not isinstance(cats, list) or not cats:
        wineenv.fail("%s: no catalogs in %s" % (what, json.dumps(doc)[:1000]))
    return strip_live_only(cats)


def sanity(cats, what):
    """The export holds both protocol views with 19 entries each and an LSP
    (ierd_tgp_lsp) whose chains name its layered entry."""
    protos = [c for c in cats if c.get("kind") == "protocol"]
    check(sorted(c.get("view") for c in protos) == ["32", "64"],
          "%s: protocol views %r" % (what, [c.get("view") for c in protos]))
    for c in protos:
        entries = c.get("entries") or []
        check(len(entries) == 19, "%s: view %s has %d entries, want 19"
              % (what, c.get("view"), len(entries)))
        check([e.get("ordinal") for e in entries] == list(range(1, len(entries) + 1)),
              "%s: ordinals of view %s are not 1..N" % (what, c.get("view")))
        check([e.get("key") for e in entries] == ["%012d" % i for i in range(1, len(entries) + 1)],
              "%s: keys of view %s are not in stored order" % (what, c.get("view")))
        chains = [e for e in entries if len(e.get("chain") or []) == 2]
        check(len(chains) == 3, "%s: view %s has %d two-link chains, want 3"
              % (what, c.get("view"), len(chains)))
    check(any(c.get("kind") == "namespace" for c in cats), "%s: no namespace catalog" % what)


def main():
    exe = wineenv.exe_from_argv()
    reg = wineenv.shared_file(REG_FILE)
    native = os.environ.get("WS2FIX_NATIVE_BIN", "")

    with wineenv.Prefix(exe) as px:
        # Wine's prefix starts with an empty WinSock2 key of its own; drop
        # it so the import is the whole catalog and nothing merges in.
        px.run(["reg", "delete", WINSOCK2, "/f"], check=False)
        px.run(["reg", "import", wineenv.unix_to_wine_path(reg)], check=True)
        q = px.run(["reg", "query", WINSOCK2 + r"\Parameters\Protocol_Catalog9\Catalog_Entries64"
                    + r"\000000000019"], check=False)
        if not check(q.returncode == 0 and "PackedCatalogItem" in q.stdout,
                     "reg import did not create the entries: %s %s" % (q.stdout, q.stderr)):
            wineenv.fail("; ".join(problems))
        # `reg import` has returned: its keys are in wineserver's registry,
        # which every later Wine process reads.

        live = px.ws2fix("show", "--json", timeout=120)
        check(live.returncode == 0, "live show --json exited %d: %s %s"
              % (live.returncode, live.stdout[:500], live.stderr))
        live_doc = parse_json(live.stdout, "live show --json")
        check((live_doc.get("source") or {}).get("kind") == "live",
              "live source kind: %r" % live_doc.get("source"))
        live_cats = catalogs_of(live_doc, "live")
        sanity(live_cats, "live")

        # The text form reads the same source and must not fail either.
        text = px.ws2fix("show", timeout=120)
        check(text.returncode == 0 and "ierd_tgp_lsp" in text.stdout,
              "live show (text) exited %d or lacks the LSP: %s" % (text.returncode, text.stderr))

        # The Windows build reading the file itself.
        wreg = px.ws2fix("show", "--reg", wineenv.unix_to_wine_path(reg), "--json", timeout=120)
        check(wreg.returncode == 0, "show --reg under Wine exited %d: %s"
              % (wreg.returncode, wreg.stderr))
        wreg_cats = catalogs_of(parse_json(wreg.stdout, "show --reg under Wine"), "reg (Wine)")
        d = first_difference(live_cats, wreg_cats)
        check(d is None, "live catalogs differ from show --reg under Wine: %s" % d)

        # A path outside the ANSI code page reaches ws2fix intact (wmain +
        # UTF-8 conversion, _wfopen/CreateFileW).
        udir = os.path.join(px.dir, "Källa åäö 日本")
        os.mkdir(udir)
        ureg = os.path.join(udir, "winsock2.reg")
        shutil.copyfile(reg, ureg)
        u = px.ws2fix("show", "--reg", wineenv.unix_to_wine_path(ureg), "--json", timeout=120)
        check(u.returncode == 0, "show --reg with a non-ASCII path exited %d: %s"
              % (u.returncode, u.stderr))
        if u.returncode == 0:
            udoc = parse_json(u.stdout, "show --reg (non-ASCII path)")
            check("Källa åäö 日本" in (udoc.get("source") or {}).get("path", ""),
                  "source.path lost the non-ASCII folder name: %r" % udoc.get("source"))
            d = first_difference(catalogs_of(udoc, "reg (non-ASCII path)"), wreg_cats)
            check(d is None, "non-ASCII path read differently: %s" % d)

    if native and os.path.isfile(native):
        n = subprocess.run([native, "show", "--reg", reg, "--json"], stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE, timeout=120)
        check(n.returncode == 0, "native show --reg exited %d: %s"
              % (n.returncode, n.stderr.decode(errors="replace")))
        wineenv.check_json(["show", "--reg", reg, "--json"], n.stdout.decode("utf-8"), n.returncode,
                           "native ws2fix")
        native_cats = catalogs_of(parse_json(n.stdout.decode("utf-8"), "native show --reg"), "native")
        d = first_difference(live_cats, native_cats)
        check(d is None, "live catalogs differ from the native build's --reg: %s" % d)
    else:
        print("note: WS2FIX_NATIVE_BIN is empty or missing: comparison with the native build "
              "skipped (live and --reg under Wine were still compared)")

    if problems:
        for m in problems:
            print("FAIL: " + m)
        sys.exit(1)
    print("PASS: live catalogs equal the .reg catalogs")


if __name__ == "__main__":
    main()

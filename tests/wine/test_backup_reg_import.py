#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Backups are files that Windows' own `reg import` accepts.

1. The native Linux build backs up a real XP hive (keys under
   ControlSet001).  Wine's `reg import` must take the file (exit 0) in a
   fresh prefix, and the catalog it creates must be the hive's: the live
   `ws2fix.exe --controlset 1 show --json`, `ws2fix.exe --reg backup.reg
   show --json` and a `reg export` of the imported key read by the native
   build all list the same catalogs as the native `show --hive`.
2. With the real regedit export imported, `ws2fix.exe backup live.reg`
   backs up the live registry (keys under CurrentControlSet); `reg import`
   accepts that file too and gives back the same catalog.
3. The live restore path: after damaging the imported catalog with
   `reg delete`, `ws2fix.exe restore live.reg` puts it back exactly.

Skipped (77) when WS2FIX_NATIVE_BIN is empty or the shared data is missing
(a failure when WS2FIX_REQUIRE_SHARED=1).
"""
import json
import lzma
import os
import shutil
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import wineenv  # noqa: E402
from wineenv import first_difference, strip_live_only  # noqa: E402

HIVE_XZ = "hives/bitcurator-m57-xpsp3-x86/SYSTEM.xz"
REG_EXPORT = "corpus/cingchun-bccc/winsock2.reg"
SERVICES = r"HKLM\System\CurrentControlSet\Services"

check = wineenv.Checks()


def finish():
    check.finish("backups import with reg import and give back the same catalog")


def catalogs_from(text, what):
    try:
        doc = json.loads(text)
    except ValueError as e:
        wineenv.fail("%s: not JSON (%s): %s" % (what, e, text[:1000]))
    cats = doc.get("catalogs")
    if not isinstance(cats, list) or not cats:
        wineenv.fail("%s: no catalogs: %s" % (what, text[:1000]))
    return strip_live_only(cats)


def native(*args):
    return wineenv.run_native(NATIVE, *args)


def regedit_text(path):
    """The text of a backup, after checking regedit's format."""
    with open(path, "rb") as f:
        data = f.read()
    check(data[:2] == b"\xff\xfe", "%s: no UTF-16LE BOM" % path)
    text = data[2:].decode("utf-16-le", "replace")
    check(text.startswith("Windows Registry Editor Version 5.00\r\n"), "%s: wrong header" % path)
    check("\n" not in text.replace("\r\n", ""), "%s: a line ends without CR" % path)
    return text


def clear_winsock(px):
    """Wine's prefix has (empty) WinSock2 and Winsock keys of its own:
    remove them so that an import is the whole catalog, nothing merged."""
    for key in ("WinSock2", "Winsock"):
        px.run(["reg", "delete", SERVICES + "\\" + key, "/f"], check=False)


def reg_import(px, path, what):
    p = px.run(["reg", "import", wineenv.unix_to_wine_path(path)], timeout=300)
    return check(p.returncode == 0, "%s: reg import exited %d: %s %s" % (what, p.returncode, p.stdout, p.stderr))


def live_catalogs(px, what):
    p = px.ws2fix("show", "--json", timeout=300)
    if not check(p.returncode == 0, "%s: live show --json exited %d: %s" % (what, p.returncode, p.stderr)):
        return None
    return catalogs_from(p.stdout, what)


def compare(a, b, what):
    if a is None or b is None:
        return
    d = first_difference(a, b)
    check(d is None, "%s: %s" % (what, d))


def main():
    global NATIVE
    exe = wineenv.exe_from_argv()
    NATIVE = wineenv.native_bin("the backup is made by the native build")
    hive_xz = wineenv.shared_file(HIVE_XZ)
    export = wineenv.shared_file(REG_EXPORT)

    with wineenv.Prefix(exe) as px:
        work = os.path.join(px.dir, "work")
        os.mkdir(work)
        hive = os.path.join(work, "SYSTEM")
        with lzma.open(hive_xz) as src, open(hive, "wb") as dst:
            shutil.copyfileobj(src, dst)

        # --- 1. a native backup of a hive (ControlSet001) -----------------
        backup = os.path.join(work, "backup.reg")
        rc, out, err = native("--hive", hive, "backup", backup)
        if not check(rc == 0, "native backup exited %d: %s" % (rc, err)):
            finish()
        text = regedit_text(backup)
        check("[HKEY_LOCAL_MACHINE\\SYSTEM\\ControlSet001\\Services\\WinSock2]" in text,
              "native backup is not under ControlSet001")
        rc, out, err = native("--hive", hive, "show", "--json")
        check(rc == 0, "native show --hive exited %d: %s" % (rc, err))
        hive_cats = catalogs_from(out, "native show --hive")

        # Wine 8 keeps CurrentControlSet as a key of its own and has no
        # ControlSet001: the import creates it, and ws2fix.exe reads it
        # live with --controlset 1.
        cs1 = r"HKLM\System\ControlSet001"
        q = px.run(["reg", "query", cs1 + r"\Services\WinSock2"], check=False)
        check(q.returncode != 0, "the fresh prefix already has ControlSet001\\Services\\WinSock2")
        if reg_import(px, backup, "native backup of the hive"):
            p = px.ws2fix("--controlset", "1", "show", "--json", timeout=300)
            if check(p.returncode == 0, "live --controlset 1 show exited %d: %s" % (p.returncode, p.stderr)):
                compare(catalogs_from(p.stdout, "live ControlSet001"), hive_cats,
                        "live catalogs after reg import differ from the hive's")
            # Wine's own export of what it imported, read by the native build.
            exported = os.path.join(work, "exported.reg")
            p = px.run(["reg", "export", cs1 + r"\Services\WinSock2", wineenv.unix_to_wine_path(exported), "/y"],
                       timeout=300)
            if check(p.returncode == 0, "reg export exited %d: %s" % (p.returncode, p.stderr)):
                rc, out, err = native("--reg", exported, "show", "--json")
                if check(rc == 0, "native show of Wine's reg export exited %d: %s" % (rc, err)):
                    compare(catalogs_from(out, "reg export"), hive_cats,
                            "Wine's reg export of the imported catalog differs from the hive's")
        p = px.ws2fix("--reg", wineenv.unix_to_wine_path(backup), "show", "--json", timeout=300)
        if check(p.returncode == 0, "ws2fix.exe --reg backup show exited %d: %s" % (p.returncode, p.stderr)):
            compare(catalogs_from(p.stdout, "ws2fix.exe --reg backup"), hive_cats,
                    "ws2fix.exe reading the backup differs from the hive")

        # --- 2. a live backup (CurrentControlSet) -------------------------
        rc, out, err = native("--reg", export, "show", "--json")
        check(rc == 0, "native show --reg exited %d: %s" % (rc, err))
        export_cats = catalogs_from(out, "native show --reg")
        clear_winsock(px)
        reg_import(px, export, "the real regedit export")
        live = os.path.join(work, "live.reg")
        p = px.ws2fix("--json", "backup", wineenv.unix_to_wine_path(live), timeout=300)
        if not check(p.returncode == 0, "ws2fix.exe backup (live) exited %d: %s %s"
                     % (p.returncode, p.stdout, p.stderr)):
            finish()
        doc = json.loads(p.stdout)
        check((doc.get("source") or {}).get("kind") == "live", "live backup source: %r" % doc.get("source"))
        check("CurrentControlSet\\Services\\WinSock2" in (doc.get("keys") or []),
              "live backup keys: %r" % doc.get("keys"))
        text = regedit_text(live)
        check("[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\WinSock2]" in text,
              "live backup is not under CurrentControlSet")
        clear_winsock(px)
        if reg_import(px, live, "the live backup"):
            compare(live_catalogs(px, "after importing the live backup"), export_cats,
                    "catalogs after importing the live backup differ from the export's")

        # --- 3. live restore ---------------------------------------------
        entries = SERVICES + r"\WinSock2\Parameters\Protocol_Catalog9\Catalog_Entries64"
        px.run(["reg", "delete", entries + r"\000000000019", "/f"], check=False)
        px.run(["reg", "add", SERVICES + r"\WinSock2\Stray", "/v", "Junk", "/t", "REG_DWORD", "/d", "1", "/f"],
               check=False)
        damaged = live_catalogs(px, "after damaging")
        check(damaged is None or damaged != export_cats, "reg delete did not change the catalog")
        p = px.ws2fix("restore", wineenv.unix_to_wine_path(live), timeout=300, cwd=work)
        if check(p.returncode == 0, "ws2fix.exe restore (live) exited %d: %s %s"
                 % (p.returncode, p.stdout, p.stderr)):
            compare(live_catalogs(px, "after live restore"), export_cats,
                    "catalogs after the live restore differ from the export's")
            q = px.run(["reg", "query", SERVICES + r"\WinSock2\Stray"], check=False)
            check(q.returncode != 0, "the stray key survived the restore")
            pre = [f for f in os.listdir(work) if f.startswith("ws2fix-backup-") and f.endswith(".reg")]
            check(len(pre) == 1, "no backup of the current state in the current directory: %r"
                  % os.listdir(work))

    finish()


NATIVE = ""

if __name__ == "__main__":
    main()

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

3. The same fix file imported onto a catalog that changed after the
   export (the healthy sample imported over it, standing for a reset or a
   program reinstalled since) leaves the same repaired catalog, and the
   test's own reader (a `reg export` parsed here, not ws2fix) finds it
   sound: keys 1..n in each view, the counters equal to n, every id once,
   Next_Catalog_Entry_ID above them, every chain's ids present and ending
   on a base entry.
4. The .cmd beside it, run with Wine's cmd.exe: on the export's own
   catalog it backs up, imports and exits 0 with the --apply catalog; on a
   catalog that changed since it stops with exit 2 and changes nothing.
5. A fix that rewrites the name space catalog: its .cmd checks that
   catalog's Serial_Access_Num too, so a name space provider installed
   after the export (the protocol catalog unchanged) stops it, changing
   nothing.
6. The undo the .cmd writes is exact: after a fix that added an entry
   (MSAFD Tcpip [RAW/IPv6] given back), running undo-fix.cmd leaves the
   catalog as it was before the fix, with no stale key, count or id.

Skipped (77) when WS2FIX_NATIVE_BIN is empty.
"""
import hashlib
import json
import os
import shutil
import struct
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import wineenv  # noqa: E402
from wineenv import first_difference, strip_live_only  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
SAMPLE = os.path.join(HERE, "..", "..", "samples", "winsock2-broken-lsp.reg")
CHANGED = os.path.join(HERE, "..", "..", "samples", "winsock2-healthy-lsp.reg")
PC = SERVICES_PC = r"HKLM\System\CurrentControlSet\Services\WinSock2\Parameters\Protocol_Catalog9"
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
    if not check(rc == 0 and os.path.isfile(fix), "%s: repair --fix-file exited %d: %s" % (tag, rc, err)):
        return
    check(digest(broken) == before, "%s: repair --fix-file changed its input" % tag)
    with open(fix, "rb") as f:
        data = f.read()
    check(data[:2] == b"\xff\xfe" and data[2:].decode("utf-16-le").startswith("Windows Registry Editor Version 5.00"),
          "%s: the fix file is not a regedit file" % tag)

    rc, out, err = native("--reg", applied, "repair", *mode_args, "--apply", "--edit-export", "--backup", os.path.join(work, tag + "-bk.reg"))
    if not check(rc == 0, "%s: repair --apply exited %d: %s %s" % (tag, rc, out[-500:], err)):
        return
    rc, out, err = native("--reg", applied, "show", "--json")
    check(rc == 0, "%s: native show of the applied copy exited %d" % (tag, rc))
    want_cats = strip_live_only(doc_of(out, "native show")["catalogs"])

    # A catalog changed after the export: another catalog imported over it,
    # with the Serial_Access_Num Windows bumps on every change.
    with open(CHANGED, "rb") as f:
        text = f.read().decode("utf-16")
    changed_reg = os.path.join(work, tag + "-changed.reg")
    with open(changed_reg, "wb") as f:
        f.write(text.replace('"Serial_Access_Num"=dword:00000021', '"Serial_Access_Num"=dword:0000002a').encode("utf-16"))

    # (1) the export's own catalog, (2) one that changed after the export.
    for changed in (False, True):
        what = "%s%s" % (tag, ", a catalog changed since the export" if changed else "")
        if not load(px, broken, changed_reg if changed else None, what) or not load_one(px, fix, what, "the fix file"):
            return
        same_as_apply(px, want_cats, what)
        sound(px, work, what)

    # The .cmd: on the export's own catalog it imports; on a changed one
    # it stops and changes nothing.
    cmd = fix[:-4] + ".cmd"
    if not check(os.path.isfile(cmd), "%s: no .cmd beside the fix file" % tag):
        return
    if not load(px, broken, None, tag + " (.cmd)"):
        return
    for f in os.listdir(work):
        if f.startswith("before-fix"):
            os.remove(os.path.join(work, f))
    p = px.run(["cmd", "/c", wineenv.unix_to_wine_path(cmd)], timeout=300)
    check(p.returncode == 0, "%s: the .cmd exited %d: %s %s" % (tag, p.returncode, p.stdout[-600:], p.stderr[-300:]))
    check(any(f.startswith("before-fix") for f in os.listdir(work)), "%s: the .cmd took no backup" % tag)
    same_as_apply(px, want_cats, tag + " (.cmd)")
    if not load(px, broken, changed_reg, tag + " (.cmd, changed)"):
        return
    before_cats = live_catalogs(px, tag)
    p = px.run(["cmd", "/c", wineenv.unix_to_wine_path(cmd)], timeout=300)
    check(p.returncode == 2 and "changed after the export" in p.stdout,
          "%s: the .cmd on a changed catalog exited %d: %s" % (tag, p.returncode, p.stdout[-600:]))
    d = first_difference(live_catalogs(px, tag), before_cats)
    check(d is None, "%s: the .cmd changed a catalog it refused: %s" % (tag, d))


def sample_text(path):
    with open(path, "rb") as f:
        return f.read().decode("utf-16")


def write_reg(path, text):
    with open(path, "wb") as f:
        f.write(text.encode("utf-16"))


def run_cmd(px, path):
    return px.run(["cmd", "/c", wineenv.unix_to_wine_path(path)], timeout=300)


def name_space_case(px, work):
    """A name space fix stops on a name space provider added since."""
    ns = r"HKEY_LOCAL_MACHINE\SYSTEM\CurrentControlSet\Services\WinSock2\Parameters\NameSpace_Catalog5"
    text = sample_text(CHANGED)
    key3 = ns + "\\Catalog_Entries\\000000000003]"
    i = text.index(key3)
    j = text.index('"LibraryPath"', i)
    broken = os.path.join(work, "ns-broken.reg")
    write_reg(broken, text[:j] + text[text.index("\r\n", j) + 2:])
    fix = os.path.join(work, "ns-fix.reg")
    rc, out, err = native("--reg", broken, "repair", "--fix-file", fix)
    if not check(rc == 0 and os.path.isfile(fix), "name space: repair --fix-file exited %d: %s" % (rc, err)):
        return
    with open(fix[:-4] + ".cmd", "rb") as f:
        cmd_text = f.read().decode("latin-1")
    check("NameSpace_Catalog5\" /v Serial_Access_Num" in cmd_text, "name space: the .cmd does not check its serial")
    # A provider installed after the export: entry 7, the serial bumped.
    added = ("Windows Registry Editor Version 5.00\r\n\r\n[%s]\r\n\"Num_Catalog_Entries\"=dword:00000007\r\n"
             "\"Serial_Access_Num\"=dword:00000011\r\n\r\n[%s\\Catalog_Entries\\000000000007]\r\n"
             "\"LibraryPath\"=\"%%ProgramFiles%%\\\\Bonjour\\\\mdnsNSP.dll\"\r\n\"DisplayString\"=\"Bonjour Service\"\r\n"
             "\"ProviderId\"=hex:d6,b5,0b,b1,21,ed,4c,47,8f,a9,41,2e,aa,e0,7d,b1\r\n"
             "\"SupportedNameSpace\"=dword:0000000c\r\n\"Enabled\"=dword:00000001\r\n\"Version\"=dword:00000000\r\n"
             "\"StoresServiceClassInfo\"=dword:00000000\r\n\r\n") % (ns, ns)
    later = os.path.join(work, "ns-added.reg")
    write_reg(later, added)
    if not load(px, broken, later, "name space (.cmd, provider added)"):
        return
    before_cats = live_catalogs(px, "name space")
    p = run_cmd(px, fix[:-4] + ".cmd")
    check(p.returncode == 2 and "changed after the export" in p.stdout,
          "name space: the .cmd on an added provider exited %d: %s" % (p.returncode, p.stdout[-600:]))
    d = first_difference(live_catalogs(px, "name space"), before_cats)
    check(d is None, "name space: the .cmd changed a catalog it refused: %s" % d)


def undo_case(px, work):
    """The undo after a fix that added an entry leaves the catalog as it was."""
    text = sample_text(CHANGED)
    for view in ("Catalog_Entries", "Catalog_Entries64"):
        head = "[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\WinSock2\\Parameters\\Protocol_Catalog9\\%s\\" % view
        i = text.index(head + "000000000006]")
        text = text[:i] + text[text.index(head + "000000000007]"):]
        for n in (7, 8, 9):
            text = text.replace(head + "%012d]" % n, head + "%012d]" % (n - 1))
    text = text.replace('"Num_Catalog_Entries"=dword:00000009', '"Num_Catalog_Entries"=dword:00000008')
    text = text.replace('"Num_Catalog_Entries64"=dword:00000009', '"Num_Catalog_Entries64"=dword:00000008')
    broken = os.path.join(work, "raw6-missing.reg")
    write_reg(broken, text)
    fix = os.path.join(work, "raw6-fix.reg")
    rc, out, err = native("--reg", broken, "repair", "--fix-file", fix)
    if not check(rc == 0 and os.path.isfile(fix), "undo: repair --fix-file exited %d: %s %s" % (rc, out[-300:], err)):
        return
    if not load(px, broken, None, "undo"):
        return
    before_cats = live_catalogs(px, "undo")
    for f in os.listdir(work):
        if f.startswith(("before-fix", "undo-fix")):
            os.remove(os.path.join(work, f))
    p = run_cmd(px, fix[:-4] + ".cmd")
    if not check(p.returncode == 0, "undo: the .cmd exited %d: %s" % (p.returncode, p.stdout[-600:])):
        return
    undo = [f for f in os.listdir(work) if f.startswith("undo-fix") and f.endswith(".cmd")]
    if not check(len(undo) == 1, "undo: the .cmd wrote no undo-fix.cmd: %s" % os.listdir(work)):
        return
    p = run_cmd(px, os.path.join(work, undo[0]))
    check(p.returncode == 0, "undo: undo-fix.cmd exited %d: %s %s" % (p.returncode, p.stdout[-300:], p.stderr[-300:]))
    d = first_difference(live_catalogs(px, "undo"), before_cats)
    check(d is None, "undo: the catalog after the undo differs from before the fix: %s" % d)
    p = px.ws2fix("--json", "diagnose", timeout=300)
    codes = [f["code"] for f in doc_of(p.stdout, "live diagnose")["findings"]]
    check("ENTRY_COUNT_MISMATCH" not in codes and "NEXT_ID_INVALID" not in codes,
          "undo: the undone catalog has %s" % codes)


def load_one(px, path, tag, what):
    p = px.run(["reg", "import", wineenv.unix_to_wine_path(path)], timeout=300)
    return check(p.returncode == 0, "%s: reg import of %s exited %d: %s %s"
                 % (tag, what, p.returncode, p.stdout, p.stderr))


def load(px, broken, changed, tag):
    """The prefix's catalog: the broken export, then (a change since) another."""
    for key in ("WinSock2", "Winsock"):
        px.run(["reg", "delete", SERVICES + "\\" + key, "/f"], check=False)
    if not load_one(px, broken, tag, "the broken export"):
        return False
    return not changed or load_one(px, changed, tag, "the changed catalog")


def live_catalogs(px, tag):
    p = px.ws2fix("show", "--json", timeout=300)
    if not check(p.returncode == 0, "%s: live show exited %d: %s" % (tag, p.returncode, p.stderr)):
        return None
    return strip_live_only(doc_of(p.stdout, "live show")["catalogs"])


def same_as_apply(px, want_cats, tag):
    got = live_catalogs(px, tag)
    if got is not None:
        d = first_difference(got, want_cats)
        check(d is None, "%s: the imported fix differs from --apply: %s" % (tag, d))


def reg_values(text):
    """{key: {name: bytes}} from `reg export` text (hex, dword and string values)."""
    keys, cur, name, buf = {}, None, None, None
    for raw in text.splitlines():
        line = raw.strip()
        if buf is not None:
            buf += line.rstrip("\\")
            if not line.endswith("\\"):
                keys[cur][name] = bytes(int(x, 16) for x in buf.split(",") if x)
                buf = None
            continue
        if line.startswith("[") and line.endswith("]"):
            cur = line[1:-1].upper()
            keys[cur] = {}
        elif cur and line.startswith('"') and "=" in line:
            name, val = line[1:].split('"=', 1)
            if val.startswith("dword:"):
                keys[cur][name] = struct.pack("<I", int(val[6:], 16))
            elif val.startswith("hex:"):
                buf = val[4:].rstrip("\\")
                if not val.endswith("\\"):
                    keys[cur][name] = bytes(int(x, 16) for x in buf.split(",") if x)
                    buf = None
    return keys


def sound(px, work, tag):
    """The test's own structural check of the live protocol catalog."""
    out = os.path.join(work, "check-export.reg")
    if os.path.exists(out):
        os.remove(out)
    p = px.run(["reg", "export", PC, wineenv.unix_to_wine_path(out), "/y"], timeout=300)
    if not check(p.returncode == 0, "%s: reg export exited %d" % (tag, p.returncode)):
        return
    with open(out, "rb") as f:
        data = f.read()
    keys = reg_values(data.decode("utf-16") if data[:2] == b"\xff\xfe" else data.decode("latin-1"))
    top = keys.get(PC.upper().replace("HKLM", "HKEY_LOCAL_MACHINE"), {})
    ids_all = set()
    for view, counter in (("CATALOG_ENTRIES", "Num_Catalog_Entries"), ("CATALOG_ENTRIES64", "Num_Catalog_Entries64")):
        prefix = PC.upper().replace("HKLM", "HKEY_LOCAL_MACHINE") + "\\" + view + "\\"
        entries = sorted(k for k in keys if k.startswith(prefix))
        if not entries and counter not in top:
            continue
        n = len(entries)
        check([k[len(prefix):] for k in entries] == ["%012d" % i for i in range(1, n + 1)],
              "%s: %s keys are not 1..%d: %s" % (tag, view, n, entries))
        check(struct.unpack("<I", top.get(counter, b"\0\0\0\0"))[0] == n,
              "%s: %s is not %d" % (tag, counter, n))
        items = {}
        for k in entries:
            it = keys[k].get("PackedCatalogItem", b"")
            if not check(len(it) >= 332, "%s: %s has no PackedCatalogItem" % (tag, k)):
                return
            cid = struct.unpack_from("<I", it, 296)[0]
            check(cid not in items, "%s: id %d twice in %s" % (tag, cid, view))
            items[cid] = it
        ids_all |= set(items)
        for cid, it in items.items():
            chainlen = struct.unpack_from("<i", it, 300)[0]
            chain = struct.unpack_from("<7I", it, 304)[:max(0, min(chainlen, 7))]
            if chainlen > 1:
                check(all(c in items for c in chain), "%s: chain of %d names a missing id: %s" % (tag, cid, chain))
                base = items.get(chain[-1])
                check(base is not None and struct.unpack_from("<i", base, 300)[0] == 1,
                      "%s: chain of %d does not end on a base entry" % (tag, cid))
    nxt = struct.unpack("<I", top.get("Next_Catalog_Entry_ID", b"\0\0\0\0"))[0]
    check(ids_all and nxt > max(ids_all), "%s: Next_Catalog_Entry_ID %d is not above every id" % (tag, nxt))


def main():
    global NATIVE
    exe = wineenv.exe_from_argv()
    NATIVE = wineenv.native_bin("the fix file is made by the native build")
    with wineenv.Prefix(exe) as px:
        work = os.path.join(px.dir, "work")
        os.mkdir(work)
        one_case(px, work, None)
        one_case(px, work, "reset")
        name_space_case(px, work)
        undo_case(px, work)
    check.finish("a fix file imported with reg import repairs as --apply does")


main()

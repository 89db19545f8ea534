#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
r"""The whole live repair path of ws2fix.exe, on a broken catalog, under Wine.

1. A fresh prefix gets the real export corpus/cingchun-bccc/winsock2.reg
   (Windows 10 x64, the ierd_tgp_lsp LSP in both views) with Wine's own
   `reg import`.  So that "healthy" can mean exit 0, the rest of what
   diagnose checks is made whole the way a real machine has it: empty
   stand-ins for the Windows provider DLLs that a Wine prefix lacks (in
   system32 and syswow64, never replacing a file Wine has), and the TCP/IP
   transport (Winsock\Parameters\Transports = Tcpip, with the
   Tcpip\Parameters\Winsock key of the real Windows 10 hive in
   corpus/regipy-hives).  Before the damage, diagnose must say exit 0.
2. It is broken the way anti-malware tools break it: the LSP's hidden
   entry (key 000000000016) is deleted in both views and
   Num_Catalog_Entries[64] is set to 18 to match, so the three chains of
   each view name a catalog id that no longer exists (CHAIN_BROKEN) and
   the keys have a gap (ENTRY_NUMBERING).
3. `diagnose --json` finds it (exit 1, CHAIN_BROKEN in both views).
4. `repair --json` is a dry run: exit 1, a plan, and `reg export` of the
   WinSock2 key before and after is identical.
5. `repair --apply` (Wine runs everything as administrator): exit 0, names
   its backup, the backup exists and is UTF-16LE with a BOM.
6. `diagnose` is healthy again (exit 0); the LSP is gone from both views
   and the 15 Microsoft entries of each view are still there.
7. `restore <backup>` puts the broken state back exactly: `reg export` of
   the WinSock2 key equals the one taken before the repair.
8. `repair --exclude-app C:\x.exe`: Wine's WSCSetApplicationCategory is
   a stub that answers "success" and writes nothing, so ws2fix reports
   that nothing was excluded: exit 3 and one clear line (text), or one
   JSON error object (--json).  docs/internals/LIVE.md records this.
9. `repair --mode reset --apply` runs `netsh winsock reset` and reports its
   exit code; with --json, netsh's own output does not reach stdout.

What Wine cannot show (System Restore, netsh, the event log, WSC*) is
listed in docs/internals/LIVE.md.  Exit 77 (skip) without wine or without
the shared data (a failure when WS2FIX_REQUIRE_SHARED=1).
"""
import json
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import wineenv  # noqa: E402

REG_FILE = "corpus/cingchun-bccc/winsock2.reg"
TCPIP_FILE = "corpus/regipy-hives/SYSTEM_B.win10-1709-x64.ControlSet001.Tcpip-Winsock.derived.reg"
SERVICES = r"HKLM\System\CurrentControlSet\Services"
WINSOCK2 = r"HKLM\System\CurrentControlSet\Services\WinSock2"
PROTOCOLS = WINSOCK2 + r"\Parameters\Protocol_Catalog9"
VIEWS = {"32": "Catalog_Entries", "64": "Catalog_Entries64"}
LSP_KEY = "000000000016"
LSP_DLL = "ierd_tgp_lsp"

problems = []


def check(cond, msg):
    if not cond:
        problems.append(msg)
    return cond


def finish(ok_msg):
    if problems:
        for m in problems:
            print("FAIL: " + m)
        sys.exit(1)
    print("PASS: " + ok_msg)
    sys.exit(0)


def parse_json(text, what):
    try:
        return json.loads(text)
    except ValueError as e:
        problems.append("%s: stdout is not one JSON document (%s): %s" % (what, e, text[:1500]))
        return None


def export_winsock2(px, name):
    """`reg export` of the WinSock2 key, as bytes (Wine writes UTF-16LE)."""
    path = os.path.join(px.dir, name)
    if os.path.exists(path):
        os.remove(path)
    p = px.run(["reg", "export", WINSOCK2, wineenv.unix_to_wine_path(path), "/y"])
    if not check(p.returncode == 0 and os.path.isfile(path),
                 "reg export %s failed (%d): %s %s" % (name, p.returncode, p.stdout, p.stderr)):
        return b""
    with open(path, "rb") as f:
        return f.read()


def first_line_difference(a, b):
    ta = a.decode("utf-16", "replace").splitlines()
    tb = b.decode("utf-16", "replace").splitlines()
    for i, (x, y) in enumerate(zip(ta, tb)):
        if x != y:
            return "line %d: %r != %r" % (i + 1, x, y)
    return "length %d lines != %d lines" % (len(ta), len(tb))


def protocol_views(doc):
    return {c.get("view"): c for c in (doc or {}).get("catalogs", []) if c.get("kind") == "protocol"}


def finding_codes(doc, view=None):
    return {f.get("code") for f in (doc or {}).get("findings", [])
            if view is None or f.get("view") == view}


def add_tcpip_transport(px, tcpip_export):
    """Transports = Tcpip, and the Tcpip\\Parameters\\Winsock keys of a real
    Windows 10 hive (moved from ControlSet001 to CurrentControlSet)."""
    with open(tcpip_export, encoding="utf-8") as f:
        text = f.read().replace("\\ControlSet001\\", "\\CurrentControlSet\\")
    path = os.path.join(px.dir, "tcpip-winsock.reg")
    with open(path, "wb") as f:
        f.write(b"\xff\xfe" + text.replace("\n", "\r\n").encode("utf-16-le"))
    p = px.run(["reg", "import", wineenv.unix_to_wine_path(path)])
    check(p.returncode == 0, "reg import of the Tcpip Winsock keys failed: %s %s" % (p.stdout, p.stderr))
    p = px.run(["reg", "add", SERVICES + r"\Winsock\Parameters", "/v", "Transports", "/t", "REG_MULTI_SZ",
                "/d", "Tcpip", "/f"])
    check(p.returncode == 0, "reg add Transports failed: %s %s" % (p.stdout, p.stderr))


def add_dll_stand_ins(px, doc):
    """An empty file for every provider DLL the catalog (or the Tcpip
    helper) names in the Windows directory that this prefix lacks:
    %SystemRoot%\\System32 ones in system32 (64-bit view) and syswow64
    (32-bit view), C:\\Windows\\SysWOW64 ones (the LSP's) where they say.
    The real machine had them all; files Wine has are never touched."""
    want = {("system32", "wshtcpip.dll"), ("syswow64", "wshtcpip.dll")}
    for c in (doc or {}).get("catalogs", []):
        for e in c.get("entries", []):
            m = re.match(r"^(%systemroot%|c:\\windows)\\(system32|syswow64)\\([^\\]+)$",
                         e.get("path") or "", re.I)
            if not m:
                continue
            sub, name = m.group(2).lower(), m.group(3).lower()
            want.add((sub, name))
            if sub == "system32" and m.group(1).startswith("%"):
                want.add(("syswow64", name))
    made = []
    root = os.path.join(px.env["WINEPREFIX"], "drive_c", "windows")
    for sub, name in sorted(want):
        d = os.path.join(root, sub)
        os.makedirs(d, exist_ok=True)
        if name not in {n.lower() for n in os.listdir(d)}:
            open(os.path.join(d, name), "wb").close()
            made.append(sub + "/" + name)
    print("note: stand-in DLLs: " + (", ".join(made) or "none needed"))


def break_catalog(px):
    """What an LSP remover that forgets the chains leaves behind."""
    for view, sub in sorted(VIEWS.items()):
        key = PROTOCOLS + "\\" + sub + "\\" + LSP_KEY
        p = px.run(["reg", "delete", key, "/f"])
        check(p.returncode == 0, "reg delete %s failed: %s %s" % (key, p.stdout, p.stderr))
        value = "Num_Catalog_Entries" + ("64" if view == "64" else "")
        p = px.run(["reg", "add", PROTOCOLS, "/v", value, "/t", "REG_DWORD", "/d", "18", "/f"])
        check(p.returncode == 0, "reg add %s failed: %s %s" % (value, p.stdout, p.stderr))


def main():
    exe = wineenv.exe_from_argv()
    reg = wineenv.shared_file(REG_FILE)
    tcpip = wineenv.shared_file(TCPIP_FILE)

    with wineenv.Prefix(exe) as px:
        # The prefix starts with Wine's own (empty) WinSock2 key: drop it so
        # the import is the whole catalog.
        px.run(["reg", "delete", WINSOCK2, "/f"])
        p = px.run(["reg", "import", wineenv.unix_to_wine_path(reg)])
        if not check(p.returncode == 0, "reg import failed: %s %s" % (p.stdout, p.stderr)):
            finish("")

        add_tcpip_transport(px, tcpip)
        # What the healthy import looks like, to compare with later.
        healthy = parse_json(px.ws2fix("show", "--json").stdout, "show --json (healthy)")
        add_dll_stand_ins(px, healthy)
        h = px.ws2fix("diagnose", "--json")
        if not check(h.returncode == 0, "the prefix is not healthy before the damage (exit %d): %s"
                     % (h.returncode, sorted(finding_codes(parse_json(h.stdout, "diagnose (healthy)"))))):
            finish("")
        healthy_views = protocol_views(healthy)
        if not check(sorted(healthy_views) == ["32", "64"] and
                     all(len(v.get("entries", [])) == 19 for v in healthy_views.values()),
                     "the imported catalog is not the export's 2 x 19 entries"):
            finish("")
        microsoft = {v: [(e.get("catalog_id"), e.get("name")) for e in c["entries"][:15]]
                     for v, c in healthy_views.items()}

        break_catalog(px)

        # 3. The damage is found.
        d = px.ws2fix("diagnose", "--json")
        doc = parse_json(d.stdout, "diagnose --json (broken)")
        check(d.returncode == 1, "diagnose of the broken catalog exited %d, want 1: %s"
              % (d.returncode, d.stderr))
        for view in ("32", "64"):
            check("CHAIN_BROKEN" in finding_codes(doc, view),
                  "diagnose: no CHAIN_BROKEN in view %s: %s" % (view, sorted(finding_codes(doc, view))))
        check("ENTRY_NUMBERING" in finding_codes(doc), "diagnose: no ENTRY_NUMBERING")

        # 4. A dry run changes nothing.
        broken_export = export_winsock2(px, "broken.reg")
        dry = px.ws2fix("repair", "--json")
        ddoc = parse_json(dry.stdout, "repair --json (dry run)")
        check(dry.returncode == 1, "repair --json (dry run) exited %d, want 1: %s" % (dry.returncode, dry.stderr))
        if ddoc is not None:
            check(ddoc.get("applied") is False, "dry run says applied=%r" % ddoc.get("applied"))
            check(len((ddoc.get("plan") or {}).get("operations", [])) > 0, "dry run has an empty plan")
        after_dry = export_winsock2(px, "after-dry-run.reg")
        check(after_dry == broken_export,
              "the dry run changed the registry: %s" % first_line_difference(broken_export, after_dry))

        # 5. The repair itself.
        ap = px.ws2fix("repair", "--apply", timeout=300)
        check(ap.returncode == 0, "repair --apply exited %d, want 0\nstdout: %s\nstderr: %s"
              % (ap.returncode, ap.stdout[-3000:], ap.stderr[-2000:]))
        m = re.search(r"^Backup written: (.+?)\s*$", ap.stdout, re.M)
        backup = None
        if check(m is not None, "repair --apply printed no backup path:\n%s" % ap.stdout[-3000:]):
            name = m.group(1)
            # Relative to ws2fix's working directory (the prefix's temp dir),
            # or a Windows path on Z:.
            if re.match(r"^[A-Za-z]:\\", name):
                backup = name[2:].replace("\\", "/") if name[:2].upper() == "Z:" else None
            else:
                backup = os.path.join(px.dir, name.replace("\\", "/"))
            if check(backup and os.path.isfile(backup), "the backup %r does not exist" % name):
                with open(backup, "rb") as f:
                    head = f.read(2)
                check(head == b"\xff\xfe", "the backup does not start with a UTF-16LE BOM: %r" % head)
        print("note: repair --apply under Wine said:\n  " + "\n  ".join(ap.stdout.strip().splitlines()[-12:]))

        # 6. Healthy again, LSP gone, Microsoft entries kept.
        d2 = px.ws2fix("diagnose", "--json")
        doc2 = parse_json(d2.stdout, "diagnose --json (repaired)")
        check(d2.returncode == 0, "diagnose after the repair exited %d, want 0: findings %s"
              % (d2.returncode, sorted(finding_codes(doc2))))
        for view, c in sorted(protocol_views(doc2).items()):
            entries = c.get("entries", [])
            lsp = [e.get("key") for e in entries if LSP_DLL in (e.get("path") or "").lower()]
            check(not lsp, "view %s still has LSP entries %s" % (view, lsp))
            kept = [(e.get("catalog_id"), e.get("name")) for e in entries]
            check(kept == microsoft.get(view), "view %s: the Microsoft entries are not the 15 of before: %s"
                  % (view, kept))
            check([e.get("key") for e in entries] == ["%012d" % i for i in range(1, len(entries) + 1)],
                  "view %s: keys are not 1..N after the repair" % view)
        check(sorted(protocol_views(doc2)) == ["32", "64"], "a protocol view disappeared")

        # 7. The backup puts the broken state back exactly.
        if backup and os.path.isfile(backup):
            rs = px.ws2fix("restore", wineenv.unix_to_wine_path(backup), timeout=300)
            check(rs.returncode == 0, "restore exited %d: %s %s" % (rs.returncode, rs.stdout[-2000:], rs.stderr))
            restored = export_winsock2(px, "restored.reg")
            check(restored == broken_export,
                  "after restore the WinSock2 key differs from before the repair: %s"
                  % first_line_difference(broken_export, restored))
            d3 = px.ws2fix("diagnose", "--json")
            check(d3.returncode == 1 and "CHAIN_BROKEN" in finding_codes(parse_json(d3.stdout, "diagnose (restored)")),
                  "the restored catalog is not the broken one again (exit %d)" % d3.returncode)

        # 8. Excluding a program: Wine's stub excludes nothing, and says so.
        ex = px.ws2fix("repair", "--exclude-app", "C:\\x.exe")
        ours = wineenv.stderr_lines(ex.stderr)
        check(ex.returncode == 3, "repair --exclude-app exited %d, want 3 (Wine's WSCSetApplicationCategory "
              "is a stub): %s %s" % (ex.returncode, ex.stdout, ex.stderr))
        check(len(ours) == 1 and "C:\\x.exe" in ours[0] and "AppId_Catalog" in ours[0],
              "repair --exclude-app: want one line naming the program and AppId_Catalog, got %r" % ours)
        check(ex.stdout.strip() == "", "repair --exclude-app printed on stdout: %r" % ex.stdout)
        exj = px.ws2fix("repair", "--json", "--exclude-app", "C:\\x.exe")
        jdoc = parse_json(exj.stdout, "repair --json --exclude-app")
        check(exj.returncode == 3, "repair --json --exclude-app exited %d, want 3" % exj.returncode)
        if jdoc is not None:
            err = jdoc.get("error") or {}
            check(err.get("message", "").count("C:\\x.exe") == 1, "JSON error does not name the program: %r" % jdoc)
        q = px.run(["reg", "query", WINSOCK2 + r"\Parameters\AppId_Catalog"])
        check(q.returncode != 0 or "x.exe" not in q.stdout.lower(),
              "Wine did record an AppId_Catalog entry: the stub changed, update this test and LIVE.md")
        print("note: repair --exclude-app under Wine: exit %d: %s" % (ex.returncode, " ".join(ours)))

        # 9. --mode reset also runs the system's `netsh winsock reset` (Wine's
        # does nothing useful, but it runs and exits): its output must not
        # reach ws2fix's stdout, or --json would stop being JSON.
        rt = px.ws2fix("repair", "--mode", "reset", "--apply", timeout=300)
        check(rt.returncode in (0, 1), "repair --mode reset --apply exited %d: %s" % (rt.returncode, rt.stderr))
        check(re.search(r"^Ran 'netsh winsock reset' \(exit code -?\d+\)\.$", rt.stdout, re.M) is not None,
              "repair --mode reset --apply did not report netsh's exit code:\n%s" % rt.stdout[-2000:])
        rj = px.ws2fix("repair", "--mode", "reset", "--apply", "--json", timeout=300)
        jd = parse_json(rj.stdout, "repair --mode reset --apply --json")
        check(jd is None or (jd.get("plan") or {}).get("runs_netsh_winsock_reset") is True,
              "repair --mode reset --json: runs_netsh_winsock_reset is not true")
        print("note: netsh under Wine: " + " ".join(l for l in rt.stdout.splitlines() if l.startswith("Ran 'netsh")))

    finish("live repair, dry run, backup and restore under Wine")


if __name__ == "__main__":
    main()

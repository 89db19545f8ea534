#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""No guess drives a change (docs/cli/diagnose.md, docs/cli/ws2fix.md).

Each inference is tried in the layouts people really have, with real hives
from ../shared/hives and real exports from ../shared/corpus; what a write
left is read back with reglookup (an independent reader), or the file's
hash when nothing may change:
- the Windows folder: a triage tree (KAPE/Velociraptor) keeps
  C/Windows/System32/config/SYSTEM without the Windows beside it, so DLLs
  are unknown there (skipped line naming the folder, JSON windows_dir);
  a mounted Windows with its DLLs is used and named; a flat folder has
  none; --no-file-checks; a Windows of the other architecture; batch over
  a triage tree of healthy hives finds no error; repair there removes
  nothing;
- --os against the hive: a warning (OS_OVERRIDE_CONFLICT) naming both, a
  refused reset, fix file and --apply (hive unchanged), and with --force
  the check afterwards by what the hive shows (every entry the reset kept
  with all its values: kept.py);
- an export of one subkey is refused, naming it and the reg export line;
- --force never writes over a hive, a log or a kept original;
- a reset without defaults for the version says so and exits 1.

Usage: python3 test_evidence.py /path/to/ws2fix   (exit 0 pass, 1 fail, 77 skip)
"""
import json
import os
import shutil
import subprocess
import sys

import kept
import wstest
from wstest import need

WS2FIX = sys.argv[1] if len(sys.argv) > 1 else "ws2fix"
CORE = ("ntdll.dll", "ws2_32.dll", "mswsock.dll")


def ws(*args):
    return wstest.run(WS2FIX, *args)


def hive_named(name):
    for label, xz, listing in wstest.hives():
        if label == name:
            return xz, listing
    raise wstest.Failure(f"no real hive {name}")


def catalog_values(hive, cs="ControlSet001"):
    """Every key and value under WinSock2 as reglookup reads it."""
    wstest.need_tool("reglookup")
    p = subprocess.run(["reglookup", "-H", "-p", f"/{cs}/Services/WinSock2", hive], capture_output=True, check=True)
    # Keys and values by path, type and data; a key's time (MTIME) is not
    # what it holds.
    rows = [line.split(",") for line in p.stdout.decode("utf-8", "replace").splitlines() if line.strip()]
    return sorted(",".join(r[:3]) for r in rows)


def kape_tree(tmp, host, xz):
    """host/C/Windows/System32/config/SYSTEM, the Windows files absent."""
    cfg = os.path.join(tmp, host, "C", "Windows", "System32", "config")
    os.makedirs(cfg)
    return wstest.unxz(xz, cfg, "SYSTEM")


def dll_names(listing, hive):
    """The DLLs a hive's catalogs (from its listing) and transports (the
    HelperDllName values, read with reglookup) name."""
    with open(listing, encoding="utf-8") as f:
        doc = json.load(f)
    paths = [e["path"] for part in ("protocol", "namespace") for entries in doc[part].values() for e in entries]
    p = subprocess.run(["reglookup", "-H", "-p", f"/{doc['controlset']}/Services", hive], capture_output=True, check=True)
    paths += [line.split(",")[2] for line in p.stdout.decode("utf-8", "replace").splitlines()
              if line.split(",")[0].endswith("/HelperDllName")]
    return set(CORE) | {x.replace("\\", "/").rsplit("/", 1)[-1].lower() for x in paths}


def mounted_windows(tmp, xz, listing, x64=True, leave_out=()):
    """A mounted Windows: the hive in its config folder and every DLL its
    catalogs name in System32 (and SysWOW64 on x64)."""
    win = os.path.join(tmp, "mnt", "Windows")
    cfg = os.path.join(win, "System32", "config")
    os.makedirs(cfg)
    hive = wstest.unxz(xz, cfg, "SYSTEM")
    names = dll_names(listing, hive)
    for d in ["System32", "SysWOW64"] if x64 else ["System32"]:
        os.makedirs(os.path.join(win, d), exist_ok=True)
        for n in names - set(leave_out):
            # Case as NTFS shows it to Linux may differ from the catalog's.
            open(os.path.join(win, d, n.upper() if n == "mswsock.dll" else n), "wb").close()
    return win, hive


def dll_errors(doc):
    return [f for f in doc["findings"] if f["code"] in ("PROVIDER_DLL_MISSING", "NAMESPACE_DLL_MISSING")]


def test_triage_tree_without_windows_files():
    tmp = wstest.tempdir()
    try:
        xz, _ = hive_named("dissect-regf-win10-x64/SYSTEM")
        hive = kape_tree(tmp, "host1", xz)
        doc = wstest.run_json(WS2FIX, "diagnose", "--hive", hive, "--json")
        wd = doc["source"]["windows_dir"]
        need(wd["use"] == "not-windows" and wd["from"] == "hive-path" and wd["missing"] == "ntdll.dll",
             f"windows_dir {wd}")
        need(wd["path"].endswith(os.path.join("C", "Windows")), f"windows_dir path {wd}")
        need(not dll_errors(doc) and doc["summary"]["errors"] == 0, f"false errors: {doc['summary']}")
        need(any(wd["path"] in s and "ntdll.dll" in s for s in doc["skipped"]), f"skipped {doc['skipped']}")
        rc, out, _ = ws("diagnose", "--hive", hive)
        need(rc == 0 and "holds no Windows" in out and "Windows folder:" not in out, f"text: {out[-400:]}")
        # repair --apply there finds nothing to do and writes nothing:
        # the healthy VMware providers stay.
        before = catalog_values(hive)
        digest = wstest.sha256_file(hive)
        rc, out, err = ws("repair", "--hive", hive, "--apply", "--backup", os.path.join(tmp, "b.reg"))
        need(rc == 0, f"repair --apply exit {rc}: {err}{out[-300:]}")
        need(wstest.sha256_file(hive) == digest and catalog_values(hive) == before, "the hive was changed")
        # The same without a folder name to guess from: a flat copy.
        flat = os.path.join(tmp, "flat")
        os.makedirs(flat)
        doc = wstest.run_json(WS2FIX, "diagnose", "--hive", wstest.unxz(xz, flat, "SYSTEM"), "--json")
        need(doc["source"]["windows_dir"]["use"] == "none", f"flat: {doc['source']['windows_dir']}")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def test_batch_over_a_triage_tree_finds_no_false_error():
    tmp = wstest.tempdir()
    try:
        listed = []
        for i, (label, xz, _) in enumerate(wstest.hives()):
            listed.append(kape_tree(tmp, f"host{i:03d}", xz))
        lst = os.path.join(tmp, "list.txt")
        with open(lst, "w", encoding="utf-8") as f:
            f.write("\n".join(listed) + "\n")
        rc, out, err = ws("batch", "-j", "2", lst)
        lines = [json.loads(x) for x in out.splitlines() if x.strip()]
        need(len(lines) == len(listed), f"batch printed {len(lines)} lines for {len(listed)} hives: {err}")
        for doc in lines:
            need(doc["summary"]["errors"] == 0,
                 f"{doc['source']['path']}: {[f['code'] for f in doc['findings'] if f['severity'] == 'error']}")
            need(doc["source"]["windows_dir"]["use"] == "not-windows", f"{doc['source']}")
        need(rc == 0, f"batch exit {rc}")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def test_mounted_windows_is_used_and_named():
    tmp = wstest.tempdir()
    try:
        xz, listing = hive_named("dissect-regf-win10-x64/SYSTEM")
        win, hive = mounted_windows(tmp, xz, listing)
        doc = wstest.run_json(WS2FIX, "diagnose", "--hive", hive, "--json")
        need(doc["source"]["windows_dir"]["use"] == "used" and doc["summary"]["errors"] == 0,
             f"{doc['source']['windows_dir']} {doc['summary']}")
        rc, out, _ = ws("diagnose", "--hive", hive)
        need(f"Windows folder: {win}" in out, f"the folder is not named: {out[:300]}")
        # The folder really is looked in: a DLL taken away is missing.
        for d in ("System32", "SysWOW64"):
            os.remove(os.path.join(win, d, "vsocklib.dll"))
        doc = wstest.run_json(WS2FIX, "diagnose", "--hive", hive, "--json", expect_rc=1)
        need(any("vsocklib" in (f.get("path") or "") for f in dll_errors(doc)), "vsocklib.dll not missing")
        # --no-file-checks: unknown again, and said so.
        doc = wstest.run_json(WS2FIX, "--no-file-checks", "diagnose", "--hive", hive, "--json")
        need(doc["source"]["windows_dir"]["use"] == "off" and not dll_errors(doc), f"{doc['source']}")
        need(any("--no-file-checks" in s for s in doc["skipped"]), f"skipped {doc['skipped']}")
        # --windows-root naming a folder that is no Windows: unknown, named.
        empty = os.path.join(tmp, "empty")
        os.makedirs(empty)
        doc = wstest.run_json(WS2FIX, "--windows-root", empty, "diagnose", "--hive", hive, "--json")
        wd = doc["source"]["windows_dir"]
        need(wd["use"] == "not-windows" and wd["from"] == "windows-root" and wd["missing"] == "System32", f"{wd}")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def test_windows_of_another_architecture_is_not_used():
    tmp = wstest.tempdir()
    try:
        # A 32-bit Windows folder (no SysWOW64) for a 64-bit hive.
        xz, listing = hive_named("dissect-regf-win10-x64/SYSTEM")
        win, hive = mounted_windows(tmp, xz, listing, x64=False, leave_out=("vsocklib.dll",))
        doc = wstest.run_json(WS2FIX, "diagnose", "--hive", hive, "--json")
        need(doc["source"]["windows_dir"]["use"] == "other-architecture", f"{doc['source']['windows_dir']}")
        need(not dll_errors(doc), "DLLs judged in another machine's folder")
        need(any("32-bit" in s for s in doc["skipped"]), f"skipped {doc['skipped']}")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def test_os_that_contradicts_the_hive():
    tmp = wstest.tempdir()
    try:
        xz, _ = hive_named("shimcacheparser-win7sp1-x64/SYSTEM")
        hive = wstest.unxz(xz, tmp, "SYSTEM")
        before = catalog_values(hive)
        digest = wstest.sha256_file(hive)
        doc = wstest.run_json(WS2FIX, "--os", "xp", "diagnose", "--hive", hive, "--json")
        conflict = [f for f in doc["findings"] if f["code"] == "OS_OVERRIDE_CONFLICT"]
        need(len(conflict) == 1 and conflict[0]["severity"] == "warning", f"findings {doc['findings'][:2]}")
        need("Windows XP" in doc["os"]["conflict"] and "Windows 7" in doc["os"]["conflict"], f"{doc['os']}")
        for extra in (["--apply", "--backup", os.path.join(tmp, "b.reg")], ["--fix-file", os.path.join(tmp, "f.reg")]):
            rc, out, err = ws("--os", "xp", "repair", "--hive", hive, "--mode", "reset", *extra)
            need(rc == 2 and "Windows 7" in err and "Windows XP" in err and len(err.strip().splitlines()) == 1,
                 f"{extra[0]}: exit {rc}: {err}")
            rc, out, err = ws("--os", "xp", "--json", "repair", "--hive", hive, "--mode", "reset", *extra)
            need(rc == 2 and json.loads(out)["error"]["code"] == "EOSCONFLICT", f"{extra[0]} --json: {out}")
        need(sorted(os.listdir(tmp)) == ["SYSTEM"], f"files written: {os.listdir(tmp)}")
        need(wstest.sha256_file(hive) == digest and catalog_values(hive) == before, "the hive was changed")
        # The same family, more precisely: no conflict.
        doc = wstest.run_json(WS2FIX, "--os", "2008r2", "diagnose", "--hive", hive, "--json")
        need("conflict" not in doc["os"], f"2008r2 on 7: {doc['os']}")
        # Forced, the result is judged by what the hive shows: not healthy.
        rows = kept.rows(hive)
        rc, out, err = ws("--os", "xp", "repair", "--hive", hive, "--mode", "reset", "--apply", "--force",
                          "--backup", os.path.join(tmp, "forced.reg"))
        need(rc == 1 and "After the repair: 0 error(s)" not in out, f"forced: exit {rc}: {out[-400:]}")
        # What it kept of the Windows 7 catalog has all its values (reglookup).
        kept.check(rows, kept.rows(hive), "the forced XP reset")
        rc, out, _ = ws("diagnose", "--hive", hive)
        need(rc == 1 and "BASE_PROVIDER_MISSING" in out, "the forced reset left no trace")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def read_text(path):
    data = open(path, "rb").read()
    return data.decode("utf-16") if data[:2] == b"\xff\xfe" else data.decode("utf-8-sig")


def only_keys_under(text, part):
    """The export cut to the keys whose path contains @p part (a user who
    right-clicked a subkey in regedit)."""
    head, _, body = text.partition("\n\n") if "\r\n" not in text else text.partition("\r\n\r\n")
    sep = "\r\n\r\n" if "\r\n" in text else "\n\n"
    blocks = [b for b in body.split(sep) if b.startswith("[") and part in b.split("]", 1)[0]]
    return head + sep + sep.join(blocks) + sep


def test_export_of_one_subkey_is_refused():
    tmp = wstest.tempdir()
    try:
        src = os.path.join(wstest.shared_dir(), "corpus", "regipy-hives",
                           "SYSTEM_WIN_10_1709.win10-1903-x64.ControlSet001.WinSock2.derived.reg")
        text = read_text(src)
        for name, part in (("pc9.reg", "\\Protocol_Catalog9"), ("params.reg", "\\WinSock2\\Parameters"),
                           ("entries.reg", "\\Protocol_Catalog9\\Catalog_Entries\\"),
                           ("one.reg", "\\Catalog_Entries\\000000000001")):
            path = os.path.join(tmp, name)
            with open(path, "w", encoding="utf-8") as f:
                f.write(only_keys_under(text, part))
            for args in (["diagnose"], ["repair", "--fix-file", os.path.join(tmp, "fix-" + name)]):
                rc, out, err = ws("--reg", path, *args)
                need(rc == 2 and "only, not of the whole WinSock2 key" in err and "reg export" in err,
                     f"{name} {args[0]}: exit {rc}: {err}{out[-200:]}")
                need(len(err.strip().splitlines()) == 1, f"{name}: more than one line: {err}")
            need(not os.path.exists(os.path.join(tmp, "fix-" + name)), f"{name}: a fix file was written")
        # The whole export still reads, healthy.
        rc, _, err = ws("diagnose", "--reg", src)
        need(rc == 0, f"the whole export: exit {rc}: {err}")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def test_force_never_writes_over_registry_files():
    tmp = wstest.tempdir()
    try:
        xz, _ = hive_named("dissect-regf-win10-x64/SYSTEM")
        hive = wstest.unxz(xz, tmp, "SYSTEM")
        other = wstest.unxz(xz, tmp, "SOFTWARE")  # any regf file a technician copied beside it
        kept = os.path.join(tmp, "OTHER.20260101T000000Z.ws2fix-20260101T000000Z.bak")
        log = os.path.join(tmp, "OTHER.LOG1")
        for p in (kept, log):
            with open(p, "wb") as f:
                f.write(b"not a registry file, but named as one")
        digests = {p: wstest.sha256_file(p) for p in (hive, other, kept, log)}
        for target in (other, kept, log):
            for force in ([], ["--force"]):
                rc, out, err = ws("--hive", hive, "backup", target, *force)
                need(rc == 2 and "never writes over" in err and "--force" not in err,
                     f"backup {os.path.basename(target)} {force}: exit {rc}: {err}")
                rc, out, err = ws("repair", "--hive", hive, "--remove", "1015", "--apply", "--backup", target, *force)
                need(rc == 2 and "--force" not in err, f"repair --backup {os.path.basename(target)}: {rc} {err}")
        need(all(wstest.sha256_file(p) == d for p, d in digests.items()), "a registry file was changed")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def test_reset_without_defaults_says_so():
    sample = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "samples", "winsock2-broken-lsp.reg")
    for os_name in ("vista", "2008", "2000"):
        rc, out, err = ws("--os", os_name, "repair", "--reg", sample, "--mode", "reset")
        need(rc == 1 and "has none for" in out and "Not fixed by this plan" in out, f"{os_name}: exit {rc}: {out}")
        rc, out, err = ws("--os", os_name, "--json", "repair", "--reg", sample, "--mode", "reset")
        doc = json.loads(out)
        need(rc == 1 and doc["plan"]["unfixed_errors"] and not doc["plan"]["operations"], f"{os_name}: {doc['plan']}")


def test_restore_takes_this_sources_backup_only():
    tmp = wstest.tempdir()
    try:
        xz10, _ = hive_named("dissect-regf-win10-x64/SYSTEM")
        xz7, _ = hive_named("shimcacheparser-win7sp1-x64/SYSTEM")
        # A mounted Windows: the hive where Windows keeps it, no --backup.
        cfg = os.path.join(tmp, "mnt", "Windows", "System32", "config")
        os.makedirs(cfg)
        hive = wstest.unxz(xz10, cfg, "SYSTEM")
        other = os.path.join(tmp, "other")
        os.makedirs(other)
        hive7 = wstest.unxz(xz7, other, "SYSTEM")
        own = os.path.join(tmp, "own.reg")
        need(ws("--hive", hive, "backup", own)[0] == 0, "backup failed")
        theirs = os.path.join(tmp, "theirs.reg")
        need(ws("--hive", hive7, "backup", theirs)[0] == 0, "backup of the other hive failed")
        fix = os.path.join(tmp, "fix.reg")
        ws("repair", "--reg", os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "samples",
                                           "winsock2-broken-lsp.reg"), "--fix-file", fix)
        export = os.path.join(wstest.shared_dir(), "corpus", "regipy-hives",
                              "SYSTEM_WIN_10_1709.win10-1903-x64.ControlSet001.WinSock2.derived.reg")
        before = catalog_values(hive)
        digest = wstest.sha256_file(hive)
        for name, path, why in (("another machine's backup", theirs, "machine"), ("a fix file", fix, "not a backup"),
                                ("an export", export, "not a backup")):
            rc, out, err = ws("--hive", hive, "restore", path)
            need(rc == 2 and why in err and "--force" in err, "%s: exit %d: %s" % (name, rc, err))
            doc = json.loads(ws("--hive", hive, "--json", "restore", path)[1])
            need(doc["error"]["code"] == "EFOREIGN", "%s: %s" % (name, doc))
        need(wstest.sha256_file(hive) == digest and sorted(os.listdir(cfg)) == ["SYSTEM"], "a refusal wrote something")
        # Its own backup: restored, the backup of the state before outside
        # System32\config, and the result diagnosed.
        rc, out, err = ws("--hive", hive, "restore", own)
        need(rc == 0 and "After the restore: 0 error(s)" in out, "own backup: exit %d: %s %s" % (rc, out[-300:], err))
        need(not [f for f in os.listdir(cfg) if f.endswith(".reg")], "a backup went into System32\\config")
        need(catalog_values(hive) == before, "the restore changed the catalog")
        doc = json.loads(ws("--hive", hive, "--json", "restore", own)[1])
        need(doc["after"]["errors"] == 0, "JSON after: %s" % doc.get("after"))
        # --force puts another machine's keys there, and says what it left.
        rc, out, err = ws("--hive", hive, "restore", theirs, "--force")
        need(rc == 0 and "After the restore:" in out, "forced: exit %d: %s" % (rc, err))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    wstest.main([test_triage_tree_without_windows_files, test_batch_over_a_triage_tree_finds_no_false_error,
                 test_mounted_windows_is_used_and_named, test_windows_of_another_architecture_is_not_used,
                 test_os_that_contradicts_the_hive, test_export_of_one_subkey_is_refused,
                 test_force_never_writes_over_registry_files, test_reset_without_defaults_says_so,
                 test_restore_takes_this_sources_backup_only])

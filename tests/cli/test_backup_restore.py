#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""ws2fix backup / restore from the command line, on copies of real hives.

Round trip: back up a hive, hand-edit the backup to drop a catalog entry,
restore that (the catalog changes), restore the first backup (the catalog is
as before), and compare reglookup's listing of the whole hive before and
after: only the restored keys' last-write times may differ.  Also: the
backup file format, a dirty hive refused without --force, exit codes, the
.reg source, and that a failed step leaves the input as it was.
"""
import hashlib
import json
import os
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import wstest  # noqa: E402
from wstest import Failure  # noqa: E402

WS2FIX = os.path.abspath(sys.argv[1]) if len(sys.argv) > 1 else None
HIVE_XZ = "hives/bitcurator-m57-xpsp3-x86/SYSTEM.xz"      # XP SP3, clean
DIRTY_XZ = "hives/regipy/SYSTEM_2.xz"                      # 8.1, dirty
REG_EXPORT = "corpus/cingchun-bccc/winsock2.reg"           # regedit, Windows 10


def need(cond, msg):
    if not cond:
        raise Failure(msg)


TEMP_DIRS = []


def tempdir():
    """A temporary folder, removed at the end (hive copies are megabytes)."""
    d = wstest.tempdir()
    TEMP_DIRS.append(d)
    return d


def hive_copy(rel, name="SYSTEM"):
    return wstest.unxz(os.path.join(wstest.shared_dir(), rel), tempdir(), name)


def sha(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def ws(*args):
    return wstest.run(WS2FIX, *args)


def catalogs(hive):
    doc = wstest.run_json(WS2FIX, "--hive", hive, "show", "--json")
    return doc["catalogs"]


def read_reg_text(path):
    """A backup's text; fails unless it is regedit's format."""
    with open(path, "rb") as f:
        data = f.read()
    need(data[:2] == b"\xff\xfe", "%s: no UTF-16LE BOM" % path)
    need(len(data) % 2 == 0, "%s: odd length for UTF-16" % path)
    text = data[2:].decode("utf-16-le")
    need(text.startswith("Windows Registry Editor Version 5.00\r\n\r\n"), "%s: wrong header" % path)
    need("\n" not in text.replace("\r\n", ""), "%s: a line ends without CR" % path)
    need("\r" not in text.replace("\r\n", ""), "%s: a CR without LF" % path)
    return text


def write_reg_text(path, text):
    with open(path, "wb") as f:
        f.write(b"\xff\xfe" + text.encode("utf-16-le"))


def drop_section(text, key):
    """Remove the [key] section (and its subkeys' sections) from .reg text."""
    out, skipping = [], False
    prefix = "[HKEY_LOCAL_MACHINE\\SYSTEM\\" + key
    for block in text.split("\r\n\r\n"):
        head = block.split("\r\n", 1)[0]
        if head == prefix + "]" or head.startswith(prefix + "\\"):
            skipping = True
            continue
        out.append(block)
    need(skipping, "section %s not found in the backup" % key)
    return "\r\n\r\n".join(out)


def reglookup_lines(hive):
    p = subprocess.run(["reglookup", hive], capture_output=True, timeout=300)
    need(p.returncode == 0, "reglookup %s exited %d: %s" % (hive, p.returncode, p.stderr[:300]))
    return p.stdout.decode("utf-8", "replace").splitlines(), p.stderr


def without_restored_mtimes(lines, restored):
    """reglookup lines (PATH,TYPE,VALUE,MTIME) with the last-write time
    dropped for the restored keys and everything below them: a re-created
    key gets a new one, and that is the only change a restore may make."""
    roots = ["/" + k.replace("\\", "/").lower() for k in restored]
    out = []
    for line in lines:
        path = line.split(",", 1)[0].lower()
        if any(path == r or path.startswith(r + "/") for r in roots):
            line = line.rsplit(",", 1)[0] + ","
        out.append(line)
    return out


def first_diff(a, b):
    for i, (x, y) in enumerate(zip(a, b)):
        if x != y:
            return "line %d:\n  before: %s\n  after:  %s" % (i + 1, x[:300], y[:300])
    return None if len(a) == len(b) else "%d lines before, %d after" % (len(a), len(b))


def test_backup_file_is_regedit_format():
    hive = hive_copy(HIVE_XZ)
    out = os.path.join(os.path.dirname(hive), "backup.reg")
    rc, stdout, err = ws("--hive", hive, "backup", out)
    need(rc == 0, "backup exited %d: %s" % (rc, err))
    need(out in stdout, "the path written is not printed: %r" % stdout)
    text = read_reg_text(out)
    for key in ("ControlSet001\\Services\\WinSock2]", "ControlSet001\\Services\\Winsock]",
                "ControlSet001\\Services\\Tcpip\\Parameters\\Winsock]",
                "ControlSet001\\Services\\NetBIOS\\Parameters\\Winsock]"):
        need("[HKEY_LOCAL_MACHINE\\SYSTEM\\" + key in text, "backup lacks [%s" % key)
    need("\\Control\\" not in text, "backup holds keys outside Services")

    doc = wstest.run_json(WS2FIX, "--hive", hive, "--json", "backup", out, "--force")
    need(doc.get("tool") == "ws2fix" and doc.get("command") == "backup", "JSON: %r" % doc)
    need(doc.get("path") == out, "JSON path: %r" % doc.get("path"))
    need(doc.get("keys") == ["ControlSet001\\Services\\WinSock2", "ControlSet001\\Services\\Winsock",
                             "ControlSet001\\Services\\Tcpip\\Parameters\\Winsock",
                             "ControlSet001\\Services\\NetBIOS\\Parameters\\Winsock"],
         "JSON keys: %r" % doc.get("keys"))
    # Backing up never writes the hive.
    need(not [f for f in os.listdir(os.path.dirname(hive)) if f.endswith(".bak")], "backup wrote a .bak")

    # The same name again is an existing file: refused, unless --force
    # (given above).
    with open(out, "rb") as f:
        first = f.read()
    rc, stdout, err = ws("--hive", hive, "backup", out)
    need(rc == 2 and "--force" in err, "backup over an existing file: exit %d: %s" % (rc, err))
    with open(out, "rb") as f:
        need(f.read() == first, "a refused backup changed the existing file")
    rc, stdout, _ = ws("--lang", "sv", "--hive", hive, "backup", out + ".sv")
    need(rc == 0 and "Säkerhetskopian är skriven" in stdout, "Swedish output: %r" % stdout)


def test_round_trip_gives_back_the_exact_hive():
    hive = hive_copy(HIVE_XZ)
    d = os.path.dirname(hive)
    original = catalogs(hive)
    # The independent readers judge the restored hive, not ws2fix.
    wstest.need_tool("reglookup")
    wstest.need_tool("regfexport")
    before, before_err = reglookup_lines(hive)

    first = os.path.join(d, "first.reg")
    rc, _, err = ws("--hive", hive, "backup", first)
    need(rc == 0, "backup exited %d: %s" % (rc, err))

    # Drop the last entry from a copy of the backup and restore that.
    entries = "ControlSet001\\Services\\WinSock2\\Parameters\\Protocol_Catalog9\\Catalog_Entries"
    edited = os.path.join(d, "edited.reg")
    write_reg_text(edited, drop_section(read_reg_text(first), entries + "\\000000000011"))
    rc, stdout, err = ws("--hive", hive, "restore", edited)
    need(rc == 0, "restore of the edited backup exited %d: %s %s" % (rc, stdout, err))
    need("ws2fix-backup-" in stdout, "the backup of the current state is not named: %r" % stdout)
    changed = catalogs(hive)
    proto = [c for c in changed if c["kind"] == "protocol"][0]
    need(len(proto["entries"]) == 10, "after the edited restore: %d entries, want 10" % len(proto["entries"]))
    need(changed != original, "the edited restore changed nothing")

    # The automatic backup beside the hive holds the state before it.
    autos = sorted(f for f in os.listdir(d) if f.startswith("ws2fix-backup-") and f.endswith(".reg"))
    need(len(autos) == 1, "backups beside the hive: %r" % autos)
    read_reg_text(os.path.join(d, autos[0]))
    baks = [f for f in os.listdir(d) if f.startswith("SYSTEM.ws2fix-") and f.endswith(".bak")]
    need(len(baks) == 1, "original hive not kept as SYSTEM.ws2fix-<stamp>.bak: %r" % os.listdir(d))

    # Restore the first backup: the catalog and the whole hive come back.
    doc = wstest.run_json(WS2FIX, "--hive", hive, "--json", "restore", first)
    need(doc.get("command") == "restore" and doc.get("verified") is True, "restore JSON: %r" % doc)
    need(os.path.isfile(doc.get("backup") or ""), "restore JSON backup path missing: %r" % doc.get("backup"))
    need(os.path.isfile(doc.get("original_kept") or ""), "restore JSON original_kept: %r" % doc)
    restored = doc.get("keys") or []
    need(len(restored) == 4, "restored keys: %r" % restored)
    after = catalogs(hive)
    need(after == original, "catalog after restoring the first backup differs from the original")

    now, now_err = reglookup_lines(hive)
    diff = first_diff(without_restored_mtimes(before, restored), without_restored_mtimes(now, restored))
    need(diff is None, "reglookup listing changed outside the restored keys' times: %s" % diff)
    need(sorted(now_err.splitlines()) == sorted(before_err.splitlines()),
         "reglookup warns about the restored hive: %s" % now_err[:500])
    p = subprocess.run(["regfexport", hive], capture_output=True, timeout=300)
    need(p.returncode == 0, "regfexport cannot read the restored hive: %s" % p.stderr[:300])


def test_dirty_hive_needs_force():
    hive = hive_copy(DIRTY_XZ)
    d = os.path.dirname(hive)
    bk = os.path.join(d, "b.reg")
    rc, _, err = ws("--hive", hive, "backup", bk)
    need(rc == 0, "backup of a dirty hive exited %d: %s" % (rc, err))   # reading is fine
    digest = sha(hive)
    rc, out, err = ws("--hive", hive, "restore", bk)
    need(rc == 2, "restore of a dirty hive without --force exited %d" % rc)
    need("--force" in err and "log" in err, "the refusal does not say why: %r" % err)
    need(sha(hive) == digest, "the dirty hive was changed")
    need(not [f for f in os.listdir(d) if f.startswith("ws2fix-backup-")], "a backup was written anyway")
    doc = wstest.run_json(WS2FIX, "--hive", hive, "--json", "restore", bk, expect_rc=2)
    need(doc["error"]["code"] == "EDIRTY", "JSON error: %r" % doc)
    rc, out, err = ws("--hive", hive, "restore", bk, "--force")
    need(rc == 0, "restore --force exited %d: %s %s" % (rc, out, err))


def test_exit_codes_and_failures_change_nothing():
    hive = hive_copy(HIVE_XZ)
    d = os.path.dirname(hive)
    bk = os.path.join(d, "b.reg")
    need(ws("--hive", hive, "backup", bk)[0] == 0, "backup failed")
    digest = sha(hive)

    cases = [
        (("--hive", hive, "backup"), 2, "no FILE"),
        (("--hive", hive, "backup", bk, "extra"), 2, "two FILEs"),
        (("--hive", hive, "backup", "--bogus", bk), 2, "unknown option"),
        (("--hive", hive, "restore"), 2, "no FILE"),
        (("--hive", hive, "restore", os.path.join(d, "missing.reg")), 2, "missing backup"),
        (("--hive", hive, "restore", bk, "--backup", bk), 2, "--backup over the file restored"),
        (("--hive", hive, "restore", bk, "--frobnicate"), 2, "unknown option"),
        (("--netsh", bk, "backup", bk), 2, "--netsh source"),
        (("backup", bk), 2, "live on a non-Windows build"),
        (("restore", bk), 2, "live on a non-Windows build"),
        # An output whose folder does not exist is refused before anything
        # is written (exit 2, ws2fix/outputs.h).
        (("--hive", hive, "backup", os.path.join(d, "no-such-dir", "x.reg")), 2, "unwritable backup"),
        (("--hive", hive, "restore", bk, "--backup", os.path.join(d, "no-such-dir", "x.reg")), 2,
         "unwritable backup of the current state"),
    ]
    for args, want, what in cases:
        rc, out, err = ws(*args)
        need(rc == want, "%s: %s exited %d, want %d (%s)" % (what, " ".join(args), rc, want, err.strip()))
        need(err.strip() or want == 0, "%s: no error message" % what)
    need(not os.path.exists(os.path.join(d, "no-such-dir")), "a directory was created")

    # A backup that reaches outside <cs>\Services\ is refused.
    evil = os.path.join(d, "evil.reg")
    write_reg_text(evil, "Windows Registry Editor Version 5.00\r\n\r\n"
                   "[HKEY_LOCAL_MACHINE\\SYSTEM\\ControlSet001\\Control\\Session Manager]\r\n"
                   "\"BootExecute\"=\"\"\r\n\r\n")
    # It is no backup ws2fix took (no ws2fix-backup header): refused first.
    rc, out, err = ws("--hive", hive, "restore", evil)
    need(rc == 2 and "not a backup ws2fix took" in err, "restore of a hand-made file: exit %d, %r" % (rc, err))
    doc = wstest.run_json(WS2FIX, "--hive", hive, "--json", "restore", evil, expect_rc=2)
    need(doc["error"]["code"] == "EFOREIGN", "JSON error: %r" % doc)
    # Forced past that, what it holds is still checked: outside Services.
    rc, out, err = ws("--hive", hive, "restore", evil, "--force")
    need(rc == 2 and "outside" in err, "restore of a Control backup: exit %d, %r" % (rc, err))
    doc = wstest.run_json(WS2FIX, "--hive", hive, "--json", "restore", evil, "--force", expect_rc=2)
    need(doc["error"]["code"] == "EINVALID" and doc["error"]["exit_code"] == 2, "JSON error: %r" % doc)
    need(sha(hive) == digest, "a failed command changed the hive")
    need(not [f for f in os.listdir(d) if f.endswith(".bak")], "a failed command replaced the hive")
    rc, out, err = ws("--hive", hive, "-q", "restore", evil)
    need(rc == 2 and not out and not err, "quiet mode printed: %r %r" % (out, err))


def test_reg_source_round_trip():
    src = os.path.join(wstest.shared_dir(), REG_EXPORT)
    d = tempdir()
    reg = os.path.join(d, "winsock2.reg")
    shutil.copyfile(src, reg)
    original = wstest.run_json(WS2FIX, "--reg", reg, "show", "--json")["catalogs"]
    bk = os.path.join(d, "b.reg")
    need(ws("--reg", reg, "backup", bk)[0] == 0, "backup of a .reg source failed")
    entries = "CurrentControlSet\\Services\\WinSock2\\Parameters\\Protocol_Catalog9\\Catalog_Entries64"
    edited = os.path.join(d, "edited.reg")
    write_reg_text(edited, drop_section(read_reg_text(bk), entries + "\\000000000019"))
    rc, out, err = ws("--reg", reg, "restore", edited)
    need(rc == 2 and "--edit-export" in err, "restore into a .reg export without --edit-export: exit %d: %s" % (rc, err))
    rc, out, err = ws("--reg", reg, "restore", edited, "--edit-export")
    need(rc == 0, "restore into a .reg source exited %d: %s" % (rc, err))
    need(wstest.run_json(WS2FIX, "--reg", reg, "show", "--json")["catalogs"] != original,
         "the edited restore changed nothing")
    rc, out, err = ws("--reg", reg, "restore", bk, "--edit-export")
    need(rc == 0, "restore exited %d: %s" % (rc, err))
    need(wstest.run_json(WS2FIX, "--reg", reg, "show", "--json")["catalogs"] == original,
         "catalog after restore differs")
    # regedit's own export comes back byte for byte.
    with open(src, "rb") as a, open(reg, "rb") as b:
        need(a.read() == b.read(), "the restored .reg file is not identical to the original export")
    need(len([f for f in os.listdir(d) if f.endswith(".bak")]) == 2, "originals not kept: %r" % os.listdir(d))


def main():
    if not WS2FIX:
        print("usage: test_backup_restore.py path/to/ws2fix")
        sys.exit(2)
    wstest.shared_dir()
    if os.environ.get("WS2FIX_HAVE_HIVEX") == "0":
        wstest.exit_skip("this build has no hive support")
    try:
        wstest.main([
            test_backup_file_is_regedit_format,
            test_round_trip_gives_back_the_exact_hive,
            test_dirty_hive_needs_force,
            test_exit_codes_and_failures_change_nothing,
            test_reg_source_round_trip,
        ])
    finally:
        if not os.environ.get("WS2FIX_KEEP_TEMP"):
            for d in TEMP_DIRS:
                shutil.rmtree(d, ignore_errors=True)


if __name__ == "__main__":
    main()

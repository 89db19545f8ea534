#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Nothing a person does can lose data or mislead (docs/cli/ws2fix.md,
"Outputs never touch inputs"; docs/EXIT-CODES.md).

Tried as a careless user would, each case hashes every file of its folder
before and after: a refused command exits 2 with one line on stderr and
leaves every file as it was, with no new one.
- outputs: the backup, --backup, --fix-file and restore's backup may not be
  the source, another name of it (hard link, symbolic link, a path through
  ".."), one of its transaction logs (any case, made or not), an original
  ws2fix kept, a file in the registry folder of --windows-root, the
  --software hive, the file restored, or an existing file (unless --force,
  which never allows an input);
- an export is a copy, not a machine: repair --apply and restore on a .reg
  are refused and point to --fix-file; its findings' fixes name the fix
  file, never "restart" for a file;
- the wrong key: an export of Services\\Winsock is no broken catalog;
- exit codes: healthy 0; fixable: dry run 1, fix file 0, applied 0;
  errors the plan cannot fix: 1 for the dry run, --fix-file (no file) and
  --apply alike, for a hive and a .reg export.

Usage: python3 test_outputs.py /path/to/ws2fix   (exit 0 pass, 1 fail, 77 skip)
"""
import json
import re
import os
import resource
import shutil
import signal
import subprocess
import sys

import kept  # noqa: E402
import wstest
from wstest import Failure, need

WS2FIX = os.path.abspath(sys.argv[1]) if len(sys.argv) > 1 else "ws2fix"
HERE = os.path.dirname(os.path.abspath(__file__))
SAMPLES = os.path.join(HERE, "..", "..", "samples")
BROKEN = os.path.join(SAMPLES, "winsock2-broken-lsp.reg")
HEALTHY = os.path.join(SAMPLES, "winsock2-healthy-lsp.reg")
HAVE_HIVEX = os.environ.get("WS2FIX_HAVE_HIVEX") == "1"


def no_hives():
    """True when this build reads no hives: said, and a failure under CI."""
    if HAVE_HIVEX:
        return False
    need(os.environ.get("CI") != "true", "built without hive support under CI")
    print("SKIP the hive cases: built without hive support")
    return True


def ws(*args):
    return wstest.run(WS2FIX, *args)


def snapshot(d):
    """Every file below d (links as links) with its content's hash."""
    seen = {}
    for root, dirs, files in os.walk(d):
        for f in files + [x for x in dirs if os.path.islink(os.path.join(root, x))]:
            p = os.path.join(root, f)
            rel = os.path.relpath(p, d)
            seen[rel] = ("link:" + os.readlink(p)) if os.path.islink(p) else wstest.sha256_file(p)
    return seen


def refused(d, what, *args, says=None):
    """The command exits 2 with one line, and nothing in d changes."""
    before = snapshot(d)
    rc, out, err = ws(*args)
    lines = [ln for ln in err.splitlines() if ln.strip()]
    need(rc == 2, f"{what}: exit {rc}, want 2 ({err.strip()[:300]})")
    need(len(lines) == 1 and lines[0].startswith("ws2fix: error: "), f"{what}: not one error line: {err!r}")
    if says:
        need(says in lines[0], f"{what}: the line does not say {says!r}: {lines[0]}")
    # A refused run names no backup it never made.
    need("Backup before the change" not in out, f"{what}: stdout names a backup that was not written: {out[:300]}")
    after = snapshot(d)
    need(after == before, f"{what}: files changed: "
         f"{sorted(k for k in set(before) | set(after) if before.get(k) != after.get(k))}")
    return lines[0]


def hive_dir(tmp, name="SYSTEM"):
    """A copy of a real, healthy hive in its own folder."""
    d = os.path.join(tmp, "h-" + name)
    os.makedirs(d)
    xz = os.path.join(wstest.shared_dir(), "hives", "winevt-kb-xpsp3-x86", "SYSTEM.xz")
    return d, wstest.unxz(xz, d, name)


def test_outputs_never_touch_a_hive():
    if no_hives():
        return
    tmp = wstest.tempdir()
    try:
        d, hive = hive_dir(tmp)
        os.link(hive, os.path.join(d, "hard"))
        os.symlink("SYSTEM", os.path.join(d, "soft"))
        os.makedirs(os.path.join(d, "sub"))
        with open(os.path.join(d, "SYSTEM.LOG1"), "wb") as f:
            f.write(b"\0" * 512)  # a log, as Windows leaves one beside a clean hive
        kept = os.path.join(d, "SYSTEM.ws2fix-20260101T000000Z.bak")
        shutil.copy(hive, kept)
        other = os.path.join(d, "notes.txt")
        with open(other, "w") as f:
            f.write("the customer's notes\n")
        restore_from = os.path.join(d, "old-backup.reg")
        shutil.copy(HEALTHY, restore_from)
        H = ["--hive", hive]
        # The issue's own cases, then every other name of the same files.
        refused(d, "backup over the hive", *H, "backup", hive, says="is the file being read")
        refused(d, "repair --backup over the hive", *H, "repair", "--mode", "reset", "--apply", "--backup", hive)
        refused(d, "backup over a hard link", *H, "backup", os.path.join(d, "hard"), says="file being read")
        refused(d, "backup over a symbolic link", *H, "backup", os.path.join(d, "soft"), says="file being read")
        refused(d, "backup through ..", *H, "backup", os.path.join(d, "sub", "..", "SYSTEM"), says="file being read")
        rel = os.path.relpath(hive, os.getcwd())
        refused(d, "a relative path with ..", "--hive", rel, "backup",
                os.path.join(os.path.relpath(os.path.join(d, "sub"), os.getcwd()), "..", "SYSTEM"))
        for log in ("SYSTEM.LOG1", "SYSTEM.log1", "system.LOG2", "SYSTEM.LOG"):
            refused(d, f"backup over the log {log}", *H, "backup", os.path.join(d, log), says="transaction log")
            refused(d, f"backup over the log {log} with --force", *H, "backup", os.path.join(d, log), "--force")
            refused(d, f"repair --backup {log}", *H, "repair", "--apply", "--backup", os.path.join(d, log))
        refused(d, "backup over a kept original", *H, "backup", kept, "--force", says="ws2fix kept")
        refused(d, "backup over a file ws2fix never made", *H, "backup", other, says="--force")
        refused(d, "restore's backup over the file restored", *H, "restore", restore_from, "--backup", restore_from)
        refused(d, "restore's backup over the hive", *H, "restore", restore_from, "--backup", hive, "--force")
        refused(d, "backup into a folder", *H, "backup", os.path.join(d, "sub"))
        refused(d, "backup into a folder that does not exist", *H, "backup", os.path.join(d, "nope", "b.reg"))
        refused(d, "a folder as --hive", "--hive", d, "diagnose", says="is a folder")
        refused(d, "a .reg as --hive", "--hive", restore_from, "diagnose", says="--reg")
        refused(d, "a hive as --reg", "--reg", hive, "diagnose", says="--hive")
        # --force replaces a file that is no input, and only that.
        before = wstest.sha256_file(hive)
        rc, out, err = ws(*H, "backup", other, "--force")
        need(rc == 0 and wstest.sha256_file(hive) == before, f"backup --force over notes.txt: exit {rc} {err}")
        with open(other, "rb") as f:
            need(f.read().startswith(b"\xff\xfe"), "--force did not write the backup")
    finally:
        shutil.rmtree(tmp)


def test_outputs_never_touch_a_windows_directory():
    if no_hives():
        return
    tmp = wstest.tempdir()
    try:
        win = os.path.join(tmp, "Windows")
        cfg = os.path.join(win, "System32", "config")
        os.makedirs(cfg)
        xz = os.path.join(wstest.shared_dir(), "hives", "winevt-kb-xpsp3-x86", "SYSTEM.xz")
        hive = wstest.unxz(xz, cfg, "SYSTEM")
        software = os.path.join(tmp, "SOFTWARE")
        shutil.copy(hive, software)  # any hive: only its name and identity count here
        refused(tmp, "backup into System32\\config", "--hive", hive, "backup", os.path.join(cfg, "new.reg"),
                says="registry folder")
        refused(tmp, "backup into --windows-root's config", "--hive", software, "--windows-root", win,
                "backup", os.path.join(cfg, "SAM"), "--force")
        refused(tmp, "backup over --software", "--hive", hive, "--software", software, "backup", software, "--force")
    finally:
        shutil.rmtree(tmp)


def test_fix_file_never_touches_the_export():
    tmp = wstest.tempdir()
    try:
        src = os.path.join(tmp, "from-customer.reg")
        shutil.copy(BROKEN, src)
        os.link(src, os.path.join(tmp, "hard.reg"))
        os.symlink("from-customer.reg", os.path.join(tmp, "soft.reg"))
        existing = os.path.join(tmp, "fix.reg")
        with open(existing, "w") as f:
            f.write("an earlier fix\n")
        R = ["--reg", src, "repair"]
        refused(tmp, "--fix-file over the export", *R, "--fix-file", src, says="file being read")
        refused(tmp, "--fix-file over the export, forced", *R, "--fix-file", src, "--force")
        refused(tmp, "--fix-file over a hard link", *R, "--fix-file", os.path.join(tmp, "hard.reg"))
        refused(tmp, "--fix-file over a symbolic link", *R, "--fix-file", os.path.join(tmp, "soft.reg"))
        refused(tmp, "--fix-file over an existing file", *R, "--fix-file", existing, says="already exists")
        # A transaction log of some other hive (not the input's, so only
        # its name tells: an emptied log has no "regf" header) is registry
        # data that --force does not allow either.
        for log in ("SOFTWARE.LOG", "SOFTWARE.LOG1", "SOFTWARE.LOG2", "sam.log2", "Sam.Log1"):
            p = os.path.join(tmp, log)
            with open(p, "wb") as f:
                f.write(b"\0" * 512)
            refused(tmp, f"backup over another hive's log {log}, forced", "--reg", src, "backup", p, "--force",
                    says="is a registry file")
        # A name that only looks like one is not refused for its name.
        look = os.path.join(tmp, "notes.LOG3")
        with open(look, "wb") as f:
            f.write(b"\0" * 512)
        rc, out, err = ws("--reg", src, "backup", look, "--force")
        need(rc == 0, f"backup --force over notes.LOG3: exit {rc}: {err}")
        with open(look, "rb") as f:
            need(f.read().startswith(b"\xff\xfe"), "--force did not write the backup over notes.LOG3")
        before = wstest.sha256_file(src)
        rc, out, err = ws(*R, "--fix-file", existing, "--force")
        need(rc == 0 and wstest.sha256_file(src) == before, f"--fix-file --force: exit {rc}: {err}")
        with open(existing, "rb") as f:
            need(f.read().startswith(b"\xff\xfe"), "--force did not write the fix file")
    finally:
        shutil.rmtree(tmp)


def test_an_export_is_a_copy_not_a_machine():
    tmp = wstest.tempdir()
    try:
        src = os.path.join(tmp, "export.reg")
        shutil.copy(BROKEN, src)
        bk = os.path.join(tmp, "bk.reg")
        shutil.copy(HEALTHY, bk)
        line = refused(tmp, "repair --apply on an export", "--reg", src, "repair", "--apply", says="--fix-file")
        need("--edit-export" in line, f"the refusal does not name --edit-export: {line}")
        refused(tmp, "restore into an export", "--reg", src, "restore", bk, says="--fix-file")
        # Its plan and its findings point to the fix file, and nothing says
        # to restart a computer.
        rc, out, err = ws("--reg", src, "repair")
        need(rc == 1 and "--fix-file" in out and "--apply to carry out" not in out,
             f"dry run on an export: exit {rc}: {out[-400:]}")
        rc, out, err = ws("--reg", src, "diagnose")
        fixes = [ln for ln in out.splitlines() if ln.strip().startswith("Fix:") and "repair" in ln]
        need(fixes and all("--fix-file" in ln for ln in fixes if "--exclude-app" not in ln or "--remove" in ln),
             f"an export's fixes do not name the fix file: {fixes[:2]}")
        need(all("--remove ID" not in ln for ln in fixes), "a --remove fix does not give the id")
        for lang in ("en", "sv"):
            rc, out, err = ws("--lang", lang, "--reg", src, "repair", "--fix-file", os.path.join(tmp, f"f-{lang}.reg"))
            need(rc == 0 and "--apply to carry out" not in out and "Restart the computer" not in out,
                 f"--fix-file ({lang}): exit {rc}: {out[-300:]}")
        # --edit-export edits the copy, and says that no machine changed.
        rc, out, err = ws("--reg", src, "repair", "--apply", "--edit-export", "--backup", os.path.join(tmp, "b1.reg"))
        need(rc == 0 and "no machine was changed" in out and "Restart the computer" not in out,
             f"--edit-export: exit {rc}: {out[-400:]}")
    finally:
        shutil.rmtree(tmp)


def test_the_wrong_key_is_no_broken_catalog():
    wrong = os.path.join(wstest.shared_dir(), "corpus", "cingchun-bccc", "winsock.reg")
    tmp = wstest.tempdir()
    try:
        src = os.path.join(tmp, "winsock.reg")
        shutil.copy(wrong, src)
        for cmd in (["diagnose"], ["show"], ["repair"], ["--os", "10", "repair", "--mode", "reset", "--fix-file",
                                                         os.path.join(tmp, "fix.reg")], ["backup", os.path.join(tmp, "b.reg")]):
            line = refused(tmp, f"the Winsock export: {' '.join(cmd)}", "--reg", src, *cmd)
            need("Services\\Winsock" in line and
                 'reg export "HKLM\\SYSTEM\\CurrentControlSet\\Services\\WinSock2"' in line,
                 f"the line does not say what the file holds and how to export the right key: {line}")
        rc, out, err = ws("--reg", src, "--json", "diagnose")
        doc = json.loads(out)
        need(rc == 2 and doc["error"]["exit_code"] == 2 and "findings" not in doc, f"--json: exit {rc}: {out[:200]}")
        # A WinSock2 key without its catalogs is still CATALOG_MISSING.
        gone = os.path.join(tmp, "gone.reg")
        with open(gone, "wb") as f:
            f.write(("Windows Registry Editor Version 5.00\r\n\r\n"
                     "[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\WinSock2]\r\n\r\n").encode("utf-16"))
        rc, out, err = ws("--reg", gone, "--json", "diagnose")
        need(rc == 1 and "CATALOG_MISSING" in [x["code"] for x in json.loads(out)["findings"]],
             f"WinSock2 without its catalogs: exit {rc}")
    finally:
        shutil.rmtree(tmp)


def exit_codes(tmp, label, src, *opts, apply_extra=(), healthy=None, fixable=None, unfixable=None, partly=None):
    """healthy/fixable/unfixable/partly: (source args) for one kind of
    source; partly: a plan that fixes some errors and leaves others."""
    want = {"healthy": (0, 0, 0), "fixable": (1, 0, 0), "unfixable": (1, 1, 1), "partly": (1, 1, 1)}
    for case, args in (("healthy", healthy), ("fixable", fixable), ("unfixable", unfixable), ("partly", partly)):
        dry, ff, app = want[case]
        rc, out, err = ws(*args, "repair")
        need(rc == dry, f"{label} {case}: dry run exit {rc}, want {dry}: {err}{out[-300:]}")
        fix = os.path.join(tmp, f"{label}-{case}-fix.reg")
        rc, out, err = ws(*args, "repair", "--fix-file", fix)
        need(rc == ff, f"{label} {case}: --fix-file exit {rc}, want {ff}: {err}{out[-300:]}")
        need(os.path.exists(fix) == (case == "fixable"), f"{label} {case}: fix file written: {os.path.exists(fix)}")
        if case in ("unfixable", "partly"):
            need("Not fixed by this plan" in out, f"{label}: the unfixed errors are not named: {out[-300:]}")
            doc = json.loads(ws(*args, "--json", "repair")[1])
            need(doc["plan"]["unfixed_errors"], f"{label}: JSON unfixed_errors is empty")
            need(bool(doc["plan"]["steps"]) == (case == "partly"), f"{label} {case}: {len(doc['plan']['steps'])} steps")
            left = sorted(set(doc["plan"]["unfixed_errors"]))
        if case == "partly":
            path = args[args.index("--hive") + 1] if "--hive" in args else None
            rows = kept.rows(path) if path else None
        rc, out, err = ws(*args, "repair", "--apply", *apply_extra, "--backup", os.path.join(tmp, f"{label}-{case}-bk.reg"))
        need(rc == app, f"{label} {case}: --apply exit {rc}, want {app}: {err}{out[-300:]}")
        if case == "partly":
            # What the plan fixed is fixed; what it cannot fix is all that
            # is left, and the exit code said so.
            doc = json.loads(ws(*args, "--json", "diagnose")[1])
            now = sorted({f["code"] for f in doc["findings"] if f["severity"] == "error"})
            need(now == left, f"{label} partly: after --apply errors {now}, want only the unfixable {left}")
            if rows is not None:
                kept.check(rows, kept.rows(path), f"{label} partly")


def test_exit_codes_tell_the_truth():
    tmp = wstest.tempdir()
    try:
        # .reg exports (written with --edit-export, standing in for a machine).
        def reg(name, text=None, src=None):
            p = os.path.join(tmp, name)
            if src:
                shutil.copy(src, p)
            else:
                with open(p, "wb") as f:
                    f.write(text.encode("utf-16"))
            return ["--reg", p]
        lost = ("Windows Registry Editor Version 5.00\r\n\r\n"
                "[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\WinSock2]\r\n\r\n")
        # A Windows directory with only the core DLLs (so it is taken as a
        # Windows at all): the other Microsoft providers' DLLs are missing,
        # which no registry change brings back.
        empty_root = os.path.join(tmp, "EmptyWindows")
        os.makedirs(os.path.join(empty_root, "System32", "config"))
        for dll in ("ntdll.dll", "ws2_32.dll", "mswsock.dll"):
            open(os.path.join(empty_root, "System32", dll), "wb").close()
        exit_codes(tmp, "reg", None, apply_extra=("--edit-export",),
                   healthy=reg("healthy.reg", src=HEALTHY), fixable=reg("broken.reg", src=BROKEN),
                   unfixable=reg("lost.reg", text=lost),  # its version cannot be known
                   partly=reg("partly.reg", src=BROKEN) + ["--windows-root", empty_root])
        if HAVE_HIVEX:
            d, healthy = hive_dir(tmp, "healthy")
            _, broken = hive_dir(tmp, "broken")
            key = "ControlSet001\\Services\\WinSock2\\Parameters\\Protocol_Catalog9"
            subprocess.run(["hivexsh", "-w", broken], check=True,
                           input=f"cd {key}\nsetval 1\nNum_Catalog_Entries\ndword:00000063\ncommit\n".encode())
            _, gone = hive_dir(tmp, "gone")
            _, partly = hive_dir(tmp, "partly")
            subprocess.run(["hivexsh", "-w", partly], check=True,
                           input=f"cd {key}\nsetval 1\nNum_Catalog_Entries\ndword:00000063\ncommit\n".encode())
            exit_codes(tmp, "hive", None, healthy=["--hive", healthy], fixable=["--hive", broken],
                       unfixable=["--hive", gone, "--windows-root", empty_root],
                       partly=["--hive", partly, "--windows-root", empty_root])
    finally:
        shutil.rmtree(tmp)


def limited(nbytes):
    """A full disk after @p nbytes of any one file (RLIMIT_FSIZE; the
    write fails with EFBIG instead of killing the process)."""
    def preexec():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (nbytes, nbytes))
    return preexec


def errors_and_rest(args):
    """(exit code, error codes, every other finding as (code, severity,
    view, entry, catalog id)) of diagnose --json."""
    rc, out, err = ws(*args, "--json", "diagnose")
    doc = json.loads(out)
    errors = sorted({f["code"] for f in doc["findings"] if f["severity"] == "error"})
    rest = sorted((f["code"], f["severity"], f["view"] or "", f["entry"] or "", f["catalog_id"] or 0)
                  for f in doc["findings"] if f["severity"] != "error")
    return rc, errors, rest


def catalogs(out):
    """Each catalog of a show --json document: (kind, view, entry count)."""
    return [(c["kind"], c["view"], len(c["entries"])) for c in json.loads(out)["catalogs"]]


def test_partly_fixable_sources_for_every_exit_code():
    """test_exit_codes_tell_the_truth has exit 1 for a partly fixable
    source.  The other codes, for sources the plan can fix only part of:
    0: the plan fixes every error and leaves what it does not touch (a
       layered provider's warnings, a hive's notes): --fix-file and
       --apply exit 0, and after --apply exactly those findings are left;
    2: a refused command wins over the 1 its findings would give: one line
       (or the error document), and nothing written;
    3: the write fails (a full disk, RLIMIT_FSIZE): one line that names
       the backup when one was made, and the source as before."""
    tmp = wstest.tempdir()
    try:
        # ---- 0: errors fixed, warnings left ---------------------------------
        with open(os.path.join(wstest.shared_dir(), "corpus", "cingchun-bccc", "winsock2.reg"), "rb") as f:
            text = f.read()[2:].decode("utf-16-le")
        counted = text.replace('"Num_Catalog_Entries"=dword:00000013', '"Num_Catalog_Entries"=dword:00000063', 1)
        need(counted != text, "the Tencent export's counter was not found")
        tencent = os.path.join(tmp, "tencent.reg")
        with open(tencent, "wb") as f:
            f.write(b"\xff\xfe" + counted.encode("utf-16-le"))
        R = ["--reg", tencent]
        rc, errors, rest = errors_and_rest(R)
        need(rc == 1 and errors == ["ENTRY_COUNT_MISMATCH"] and
             any(r[0] == "NON_IFS_LAYERED_PROVIDER" and r[1] == "warning" for r in rest),
             f"the damaged Tencent export: exit {rc}, errors {errors}, others {rest}")
        fix = os.path.join(tmp, "tencent-fix.reg")
        rc, out, err = ws(*R, "repair", "--fix-file", fix)
        need(rc == 0 and os.path.exists(fix), f"Tencent --fix-file: exit {rc}: {err}{out[-300:]}")
        rc, out, err = ws(*R, "repair", "--apply", "--edit-export", "--backup", os.path.join(tmp, "tencent-bk.reg"))
        need(rc == 0 and "0 error(s), 2 warning(s)" in out, f"Tencent --apply: exit {rc}: {err}{out[-300:]}")
        now = errors_and_rest(R)
        need(now == (0, [], rest), f"Tencent after --apply: {now}, want exit 0, no error and still {rest}")
        if HAVE_HIVEX:
            # A Windows 10 hive with notes (its third-party providers), the
            # values of Protocol_Catalog9 replaced by a wrong counter alone
            # (hivexsh's setval replaces all of a key's values).
            d = os.path.join(tmp, "h-w10")
            os.makedirs(d)
            hive = wstest.unxz(os.path.join(wstest.shared_dir(), "hives", "dissect-regf-win10-x64", "SYSTEM.xz"),
                               d, "SYSTEM")
            key = "ControlSet001\\Services\\WinSock2\\Parameters\\Protocol_Catalog9"
            subprocess.run(["hivexsh", "-w", hive], check=True,
                           input=f"cd {key}\nsetval 1\nNum_Catalog_Entries\ndword:00000063\ncommit\n".encode())
            H = ["--hive", hive]
            rc, errors, rest = errors_and_rest(H)
            need(rc == 1 and "ENTRY_COUNT_MISMATCH" in errors and rest, f"the damaged Windows 10 hive: exit {rc}, "
                 f"errors {errors}, others {rest}")
            rc, out, err = ws(*H, "--json", "repair")
            plan = json.loads(out)["plan"]
            need(rc == 1 and plan["steps"] and not plan["unfixed_errors"], f"the damaged Windows 10 hive: the plan "
                 f"leaves {plan['unfixed_errors']}")
            rows = kept.rows(hive)
            rc, out, err = ws(*H, "repair", "--apply", "--backup", os.path.join(tmp, "w10-bk.reg"))
            need(rc == 0, f"Windows 10 hive --apply: exit {rc}: {err}{out[-300:]}")
            now = errors_and_rest(H)
            need(now == (0, [], rest), f"Windows 10 hive after --apply: {now}, want exit 0 and still {rest}")
            kept.check(rows, kept.rows(hive), "Windows 10 hive, counter fixed")

        # The partly fixable sources of test_exit_codes_tell_the_truth: a
        # Windows directory without most Microsoft DLLs (no registry change
        # brings them back).
        empty_root = os.path.join(tmp, "EmptyWindows")
        os.makedirs(os.path.join(empty_root, "System32", "config"))
        for dll in ("ntdll.dll", "ws2_32.dll", "mswsock.dll"):
            open(os.path.join(empty_root, "System32", dll), "wb").close()
        rdir = os.path.join(tmp, "r-partly")
        os.makedirs(rdir)
        export = os.path.join(rdir, "partly.reg")
        shutil.copy(BROKEN, export)
        P = ["--reg", export, "--windows-root", empty_root]
        rc, out, err = ws(*P, "--json", "repair")
        plan = json.loads(out)["plan"]
        need(rc == 1 and plan["steps"] and plan["unfixed_errors"], f"the partly fixable export: exit {rc}, "
             f"{len(plan['steps'])} steps, unfixed {plan['unfixed_errors']}")

        # ---- 2: refused, nothing written ------------------------------------
        refused(rdir, "partly: --apply on an export", *P, "repair", "--apply", says="--edit-export")
        refused(rdir, "partly: a fix file not named .reg", *P, "repair", "--fix-file", os.path.join(rdir, "fix.txt"),
                says="does not end in .reg")
        refused(rdir, "partly: --backup over the export", *P, "repair", "--apply", "--edit-export",
                "--backup", export, says="file being read")
        before = snapshot(rdir)
        rc, out, err = ws(*P, "--json", "repair", "--fix-file", os.path.join(rdir, "fix.txt"))
        doc = json.loads(out)
        need(rc == 2 and doc["error"]["exit_code"] == 2 and "plan" not in doc and snapshot(rdir) == before,
             f"partly, --json: exit {rc}: {out[:300]}")
        if HAVE_HIVEX:
            hdir, hive = hive_dir(tmp, "partly")
            key = "ControlSet001\\Services\\WinSock2\\Parameters\\Protocol_Catalog9"
            subprocess.run(["hivexsh", "-w", hive], check=True,
                           input=f"cd {key}\nsetval 1\nNum_Catalog_Entries\ndword:00000063\ncommit\n".encode())
            with open(os.path.join(hdir, "partly.LOG1"), "wb") as f:
                f.write(b"\0" * 512)
            PH = ["--hive", hive, "--windows-root", empty_root]
            rc, out, err = ws(*PH, "--json", "repair")
            plan = json.loads(out)["plan"]
            need(rc == 1 and plan["steps"] and plan["unfixed_errors"], f"the partly fixable hive: exit {rc}")
            refused(hdir, "partly hive: --backup over its log", *PH, "repair", "--apply", "--backup",
                    os.path.join(hdir, "partly.LOG1"), says="transaction log")
            refused(hdir, "partly hive: --backup over the hive", *PH, "repair", "--apply", "--backup", hive)
            refused(hdir, "partly hive: --os 10-x64 against an XP hive", "--os", "10-x64", *PH, "repair", "--apply",
                    "--backup", os.path.join(hdir, "bk.reg"))
            refused(hdir, "partly hive: a fix file not named .reg", *PH, "repair", "--fix-file",
                    os.path.join(hdir, "fix.txt"))

        # ---- 3: the write fails, the source as before ------------------------
        before = snapshot(rdir)
        bk = os.path.join(rdir, "bk.reg")
        p = subprocess.run([WS2FIX, *P, "repair", "--apply", "--edit-export", "--backup", bk], capture_output=True,
                           timeout=600, preexec_fn=limited(4096))
        lines = [ln for ln in p.stderr.decode("utf-8", "replace").splitlines() if ln.strip()]
        need(p.returncode == 3 and len(lines) == 1 and lines[0].startswith("ws2fix: error: ")
             and "nothing was changed" in lines[0], f"partly export, full disk: exit {p.returncode}: {lines}")
        need(snapshot(rdir) == before, f"partly export, full disk: files changed: {snapshot(rdir)}")
        if HAVE_HIVEX:
            rows = kept.rows(hive)
            before = snapshot(hdir)
            bk = os.path.join(hdir, "bk.reg")
            for json_doc in (False, True):
                if os.path.exists(bk):
                    os.remove(bk)
                # Room for the backup, not for the new hive: it fails mid-way.
                p = subprocess.run([WS2FIX, *PH, *(["--json"] if json_doc else []), "repair", "--apply",
                                    "--backup", bk], capture_output=True, timeout=600,
                                   preexec_fn=limited(os.path.getsize(hive) // 2))
                out, err = p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")
                if json_doc:
                    e = json.loads(out)["error"]
                    need(p.returncode == 3 and e["exit_code"] == 3 and e["code"] == "EAPPLY" and bk in e["message"],
                         f"partly hive, full disk, --json: exit {p.returncode}: {out[-300:]}")
                else:
                    lines = [ln for ln in err.splitlines() if ln.strip()]
                    need(p.returncode == 3 and len(lines) == 1 and "input is as before" in lines[0]
                         and lines[0].endswith(bk), f"partly hive, full disk: exit {p.returncode}: {lines}")
                # The backup is whole (restore reads it), nothing else changed.
                after = snapshot(hdir)
                need({k: v for k, v in after.items() if k != "bk.reg"} == before and "bk.reg" in after,
                     f"partly hive, full disk: files changed: {sorted(set(after) ^ set(before))}")
                rc, out, err = ws("--reg", bk, "--json", "show")
                need(rc == 0 and catalogs(out) == catalogs(ws("--hive", hive, "--json", "show")[1]),
                     f"partly hive, full disk: the backup does not hold the hive's catalogs: exit {rc}")
            kept.check(rows, kept.rows(hive), "partly hive after a failed --apply")
            now = errors_and_rest(PH)
            need(now[0] == 1 and "ENTRY_COUNT_MISMATCH" in now[1], f"partly hive after a failed --apply: {now}")
    finally:
        shutil.rmtree(tmp)


def test_reset_needs_the_architecture():
    tmp = wstest.tempdir()
    try:
        # The broken sample without its 64-bit catalog: nothing shows x64.
        with open(BROKEN, "rb") as f:
            text = f.read().decode("utf-16")
        blocks = text.split("\r\n\r\n")
        keep = [b for b in blocks if "Catalog_Entries64" not in b.split("\r\n")[0]]
        x86 = os.path.join(tmp, "x86.reg")
        with open(x86, "wb") as f:
            text = "\r\n\r\n".join(keep)
            f.write(re.sub(r'"Num_Catalog_Entries64"=dword:[0-9a-f]+\r\n', "", text).encode("utf-16"))
        refused(tmp, "a reset without the architecture", "--os", "10", "--reg", x86, "repair", "--mode", "reset",
                says="--os 10-x64")
        rc, out, err = ws("--os", "10-x86", "--reg", x86, "--json", "repair", "--mode", "reset")
        doc = json.loads(out)
        steps = [s["action"] for s in doc["plan"]["steps"]]
        # No step twice: the same action on the same key.
        need(rc == 1 and len(set((s["action"], s["key"]) for s in doc["plan"]["steps"])) == len(steps),
             f"--os 10-x86 reset: exit {rc}, steps {steps}")
        need(not any("64-bit" in s for s in steps), f"an x86 reset rebuilds a 64-bit catalog: {steps}")
        rc, out, err = ws("--os", "10-x64", "--reg", x86, "--json", "repair", "--mode", "reset")
        plan = json.loads(out)["plan"]
        steps = [s["action"] for s in plan["steps"]]
        need(rc == 1 and any("64-bit protocol" in s for s in steps) and any("32-bit protocol" in s for s in steps)
             and len(set((s["action"], s["key"]) for s in plan["steps"])) == len(steps),
             f"an x64 reset does not rebuild both catalogs once: {steps}")
        # arm64 Windows has the 64-bit catalog too (and the 32-bit one for
        # x86 programs): a reset there rebuilds both, like x64.
        rc, out, err = ws("--os", "11-arm64", "--reg", x86, "--json", "repair", "--mode", "reset")
        plan = json.loads(out)["plan"]
        steps = [s["action"] for s in plan["steps"]]
        need(rc == 1 and any("64-bit protocol" in s for s in steps) and any("32-bit protocol" in s for s in steps),
             f"an arm64 reset does not rebuild both catalogs: exit {rc}: {err}{steps}")
        for bad in ("xp-sp3-x64", "11-x86", "10-x65"):
            refused(tmp, f"--os {bad}", "--os", bad, "--reg", x86, "diagnose")
    finally:
        shutil.rmtree(tmp)


def test_plans_name_every_entry_they_remove():
    rc, out, err = ws("--reg", BROKEN, "--json", "repair")
    plan = json.loads(out)["plan"]
    entries = plan["removes_entries"]
    need(len(entries) == 4 and {(e["view"], e["catalog_id"]) for e in entries} ==
         {("32", 1008), ("32", 1009), ("64", 1008), ("64", 1009)},
         f"removes_entries: {entries}")
    rc, out, err = ws("--reg", BROKEN, "repair")
    block = out.split("This removes these third-party providers")[1].split("\n\n")[0]
    for want in ("32-bit protocol catalog: id 1008", "32-bit protocol catalog: id 1009",
                 "64-bit protocol catalog: id 1008", "64-bit protocol catalog: id 1009", "[UDP/IP]", "[TCP/IP]"):
        need(want in block, f"the removed list lacks {want!r}:\n{block}")
    rc, out, err = ws("--lang", "sv", "--reg", BROKEN, "repair")
    need("32-bitars protokollkatalog: id 1009" in out, "the Swedish removed list lacks an entry")


def test_bad_input_gets_one_clear_line():
    tmp = wstest.tempdir()
    try:
        with open(BROKEN, "rb") as f:
            data = f.read()
        cut = os.path.join(tmp, "cut.reg")
        with open(cut, "wb") as f:
            f.write(data[:len(data) // 2 + 1])
        refused(tmp, "a .reg cut in half", "--reg", cut, "diagnose", says="cut off")
        if HAVE_HIVEX:
            d, hive = hive_dir(tmp)
            with open(hive, "rb") as f:
                head = f.read(1000000)
            short = os.path.join(d, "short")
            with open(short, "wb") as f:
                f.write(head)
            line = refused(tmp, "a hive cut short", "--hive", short, "diagnose", says="cut off")
            need("Operation not supported" not in line and "Invalid argument" not in line, f"errno text: {line}")
    finally:
        shutil.rmtree(tmp)


wstest.main([test_outputs_never_touch_a_hive, test_outputs_never_touch_a_windows_directory,
             test_fix_file_never_touches_the_export, test_an_export_is_a_copy_not_a_machine,
             test_the_wrong_key_is_no_broken_catalog, test_exit_codes_tell_the_truth,
             test_partly_fixable_sources_for_every_exit_code,
             test_reset_needs_the_architecture, test_plans_name_every_entry_they_remove,
             test_bad_input_gets_one_clear_line])

# SPDX-License-Identifier: MIT
"""`ws2fix repair` end to end on copies of real hives: the dry run changes
nothing; --apply writes a backup, keeps the original, writes the new hive
atomically, re-diagnoses it healthy; nothing outside the WinSock2 key
changes (checked with reglookup, an independent reader) and regfexport
reads the result; dirty hives are refused without --force."""
import collections
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.dirname(__file__))
import kept  # noqa: E402
import wstest  # noqa: E402
from wstest import Failure  # noqa: E402

WS2FIX = sys.argv[1]
ENTRIES64 = r"\ControlSet001\Services\WinSock2\Parameters\Protocol_Catalog9\Catalog_Entries64"


def sha(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def hive(tmp, rel):
    xz = os.path.join(wstest.shared_dir(), "hives", rel + ".xz")
    return wstest.unxz(xz, tmp, os.path.basename(rel))


def hivexsh(path, script):
    p = subprocess.run(["hivexsh", "-w", path], input=script.encode(), capture_output=True, timeout=120)
    if p.returncode != 0:
        raise Failure(f"hivexsh: {p.stderr.decode()}")


def reglookup_rows(path):
    """Every key and value as (path, type, value); key times left out."""
    p = subprocess.run(["reglookup", "-H", path], capture_output=True, timeout=300)
    if p.returncode != 0:
        raise Failure(f"reglookup failed on {path}: {p.stderr.decode()[:300]}")
    rows = set()
    for line in p.stdout.decode("utf-8", "replace").splitlines():
        parts = line.split(",")
        if len(parts) >= 3:
            rows.add((parts[0], parts[1], ",".join(parts[2:-1]) if parts[1] == "KEY" else ",".join(parts[2:])))
    return rows


def unescape(text):
    """reglookup's %XX escapes back to bytes."""
    return re.sub(rb"%([0-9A-Fa-f]{2})", lambda m: bytes([int(m.group(1), 16)]), text.encode("latin-1"))


def provider_set(rows, ws2):
    """The protocol catalog as reglookup sees it, not as ws2fix does: per
    view, the multiset of (DLL path, provider GUID, protocol name) decoded
    from each PackedCatalogItem (a 260-byte ANSI path, then
    WSAPROTOCOL_INFOW: ProviderId at 20, szProtocol at 116)."""
    out = collections.Counter()
    pat = re.compile(re.escape(ws2) + r"/Parameters/Protocol_Catalog9/(Catalog_Entries(?:64)?)/[0-9]+/PackedCatalogItem$")
    for path, kind, value in rows:
        m = pat.match(path)
        if not m or kind != "BINARY":
            continue
        item = unescape(value.split(",")[0])
        info = item[260:]
        out[(m.group(1), item[:260].split(b"\0")[0].decode("latin-1").lower(), info[20:36].hex(),
             info[116:116 + 512].decode("utf-16-le", "replace").split("\0")[0])] += 1
    return out


def test_dry_run_changes_nothing_and_apply_repairs():
    for tool in ("hivexsh", "reglookup", "regfexport"):
        if not shutil.which(tool):
            raise Failure(f"{tool} is not installed (scripts/deps.sh installs it)")
    tmp = wstest.tempdir()
    try:
        h = hive(tmp, "dissect-regf-win10-x64/SYSTEM")
        before_rows = reglookup_rows(h)
        # Damage: MSAFD Tcpip [RAW/IP] (key 3) deleted from the 64-bit view,
        # leaving a gap and a wrong counter.
        hivexsh(h, f"cd {ENTRIES64}\\000000000003\ndel\ncommit\n")
        damaged = sha(h)
        doc = wstest.run_json(WS2FIX, "diagnose", "--hive", h, "--json", expect_rc=1)
        codes = sorted({f["code"] for f in doc["findings"] if f["severity"] == "error"})
        if codes != ["BASE_PROVIDER_MISSING", "ENTRY_COUNT_MISMATCH", "ENTRY_NUMBERING"]:
            raise Failure(f"damage gives {codes}")

        plan = wstest.run_json(WS2FIX, "repair", "--hive", h, "--json", expect_rc=1)
        steps = plan["plan"]["steps"]
        causes = {s["cause"] for s in steps}
        if not {"BASE_PROVIDER_MISSING", "ENTRY_NUMBERING"} <= causes or plan["applied"]:
            raise Failure(f"plan steps {[(s['action'], s['cause']) for s in steps]}")
        if sha(h) != damaged or any(f.startswith("ws2fix-backup") for f in os.listdir(tmp)):
            raise Failure("the dry run changed something")

        entries = kept.rows(h)
        rc, out, err = wstest.run(WS2FIX, "repair", "--hive", h, "--apply")
        if rc != 0:
            raise Failure(f"--apply exit {rc}: {out}{err}")
        # Renumbered entries keep their own values (issue 28: each moved
        # entry once got the ProtocolName of the key it moved into).
        if kept.check(entries, kept.rows(h), "surgical --apply") < 30:
            raise Failure("fewer than 30 catalog entries were compared")
        backups = [f for f in os.listdir(tmp) if f.startswith("ws2fix-backup-") and f.endswith(".reg")]
        originals = [f for f in os.listdir(tmp) if ".ws2fix-" in f and f.endswith(".bak")]
        if len(backups) != 1 or len(originals) != 1:
            raise Failure(f"backup files {os.listdir(tmp)}")
        if sha(os.path.join(tmp, originals[0])) != damaged:
            raise Failure("the kept original is not the input")
        with open(os.path.join(tmp, backups[0]), "rb") as f:
            data = f.read()
        if not data.startswith(b"\xff\xfe") or b"\r\x00\n\x00" not in data:
            raise Failure("backup is not UTF-16LE with BOM and CRLF")
        if "Backup written" not in out or backups[0] not in out:
            raise Failure(f"backup path not printed: {out}")
        leftovers = [f for f in os.listdir(tmp) if "ws2fix-new" in f or "ws2fix-tmp" in f]
        if leftovers:
            raise Failure(f"temporary files left: {leftovers}")

        doc = wstest.run_json(WS2FIX, "diagnose", "--hive", h, "--json")
        if doc["summary"]["errors"]:
            raise Failure(f"still broken: {doc['findings']}")
        after_rows = reglookup_rows(h)
        ws2 = "/ControlSet001/Services/WinSock2"
        outside_before = {r for r in before_rows if not r[0].startswith(ws2)}
        outside_after = {r for r in after_rows if not r[0].startswith(ws2)}
        if outside_before != outside_after:
            diff = sorted(outside_before ^ outside_after)[:5]
            raise Failure(f"keys outside WinSock2 changed: {diff}")
        # The catalog itself is back to the same Microsoft set as before.
        inside_before = {r for r in before_rows if r[0].startswith(ws2) and r[1] != "KEY"}
        inside_after = {r for r in after_rows if r[0].startswith(ws2) and r[1] != "KEY"}
        changed = {r[0] for r in inside_before ^ inside_after}
        if not changed or not all("Protocol_Catalog9" in p for p in changed):
            raise Failure(f"unexpected catalog changes: {sorted(changed)[:8]}")
        want, got = provider_set(before_rows, ws2), provider_set(after_rows, ws2)
        if not want or got != want:
            raise Failure(f"the providers differ from the Microsoft set before the damage: "
                          f"missing {sorted((want - got).elements())[:4]}, extra {sorted((got - want).elements())[:4]}")
        out_dir = os.path.join(tmp, "regfexport")
        p = subprocess.run(["regfexport", h], capture_output=True, timeout=300, cwd=tmp)
        if p.returncode != 0:
            raise Failure(f"regfexport failed: {p.stderr.decode()[:300]}")
        del out_dir
        # Nothing left to do.
        rc, out, _ = wstest.run(WS2FIX, "repair", "--hive", h)
        if rc != 0 or "Nothing to repair" not in out:
            raise Failure(f"second plan: exit {rc}\n{out}")
    finally:
        shutil.rmtree(tmp)


def test_dirty_hive_refused_without_force():
    tmp = wstest.tempdir()
    try:
        # A reset has work to do on any catalog; the hive is dirty as found
        # (editing it with hivexsh would write a clean header).
        h = hive(tmp, "regipy/SYSTEM_2")
        before = sha(h)
        rc, out, err = wstest.run(WS2FIX, "repair", "--hive", h, "--mode", "reset", "--apply")
        if rc != 2 or "log" not in err or sha(h) != before:
            raise Failure(f"dirty hive: exit {rc}, {err!r}")
        if [f for f in os.listdir(tmp) if f.startswith("ws2fix-backup")]:
            raise Failure("a refused repair wrote a backup")
        entries = kept.rows(h)
        rc, out, err = wstest.run(WS2FIX, "repair", "--hive", h, "--mode", "reset", "--apply", "--force")
        if rc != 0:
            raise Failure(f"--force: exit {rc}: {err}")
        kept.check(entries, kept.rows(h), "reset --apply --force")
    finally:
        shutil.rmtree(tmp)


def test_reset_and_remove_on_the_real_export():
    tmp = wstest.tempdir()
    try:
        src = os.path.join(wstest.shared_dir(), "corpus", "cingchun-bccc", "winsock2.reg")
        reg = os.path.join(tmp, "winsock2.reg")
        shutil.copy(src, reg)
        doc = wstest.run_json(WS2FIX, "repair", "--reg", reg, "--mode", "reset", "--json", expect_rc=1)
        removes = doc["plan"]["removes_providers"]
        if not any("ierd_tgp_lsp.dll" in r for r in removes) or not any("ierd_tgp_lsp64.dll" in r for r in removes):
            raise Failure(f"reset does not list the LSP it removes: {removes}")
        rc, out, _ = wstest.run(WS2FIX, "repair", "--reg", reg, "--mode", "reset")
        if "reinstall" not in out:
            raise Failure("reset plan does not warn about programs to reinstall")
        rc, out, err = wstest.run(WS2FIX, "repair", "--reg", reg, "--remove", "ierd_tgp_lsp64.dll", "--apply", "--edit-export")
        if rc != 0:
            raise Failure(f"--remove --apply: exit {rc}: {err}")
        doc = wstest.run_json(WS2FIX, "show", "--reg", reg, "--json")
        paths = [e["path"] for c in doc["catalogs"] if c["kind"] == "protocol" for e in c["entries"]]
        if any("ierd" in p for p in paths) or len(paths) != 30:
            raise Failure(f"after --remove: {len(paths)} entries")
        rc, _, err = wstest.run(WS2FIX, "repair", "--reg", reg, "--remove", "1001")
        if rc != 2:
            raise Failure(f"--remove of a Microsoft provider: exit {rc}")
        rc, _, err = wstest.run(WS2FIX, "repair", "--reg", reg, "--mode", "bogus")
        if rc != 2:
            raise Failure(f"bad --mode: exit {rc}")
    finally:
        shutil.rmtree(tmp)


wstest.main([test_dry_run_changes_nothing_and_apply_repairs, test_dirty_hive_refused_without_force,
             test_reset_and_remove_on_the_real_export])

# SPDX-License-Identifier: MIT
"""`ws2fix diagnose` on the real data: every real hive and the real export
is healthy (no finding of severity error), the detected Windows version
matches PROVENANCE.md, both views are checked, the JSON has the schema of
docs/findings/, and the samples the project ships diagnose as expected."""
import json
import os
import shutil
import sys

sys.path.insert(0, os.path.dirname(__file__))
import wstest  # noqa: E402
from wstest import Failure  # noqa: E402

WS2FIX = sys.argv[1]
SRC = os.environ.get("WS2FIX_SOURCE_DIR", os.path.join(os.path.dirname(__file__), "..", ".."))

# PROVENANCE.md of shared/hives: (os id, arch, build or None, service pack or None)
EXPECTED_OS = {
    "winevt-kb-xpsp3-x86/SYSTEM": ("xp-sp3", "x86", None, 3),
    "bitcurator-m57-xpsp3-x86/SYSTEM": ("xp-sp3", "x86", None, 3),
    "itdaniher-winxp-x64-sp2/system": ("xp64", "x64", 3790, 2),
    "regipy/SYSTEM": ("7", "x86", 7601, 1),
    "shimcacheparser-win7sp1-x64/SYSTEM": ("7", "x64", 7601, 1),
    "regipy/SYSTEM_2": ("8.1", "x64", 9600, None),
    "regipy/SYSTEM_B": ("10", "x64", 16299, None),
    "regipy/SYSTEM_WIN_10_1709": ("10", "x64", 18362, None),
    "dissect-regf-win10-x64/SYSTEM": ("10", "x64", 19041, None),
}

FINDING_KEYS = {"code", "severity", "catalog", "view", "entry", "catalog_id", "message", "fix"}


def check_schema(doc, name):
    for key in ("tool", "version", "source", "os", "catalogs", "findings", "summary"):
        if key not in doc:
            raise Failure(f"{name}: JSON lacks {key!r}")
    if doc["tool"] != "ws2fix":
        raise Failure(f"{name}: tool is {doc['tool']!r}")
    for key in ("name", "id", "build", "arch", "service_pack", "detected_from"):
        if key not in doc["os"]:
            raise Failure(f"{name}: os lacks {key!r}")
    for f in doc["findings"]:
        missing = FINDING_KEYS - set(f)
        if missing:
            raise Failure(f"{name}: finding lacks {missing}")
        if f["severity"] not in ("error", "warning", "info"):
            raise Failure(f"{name}: severity {f['severity']!r}")
    s = doc["summary"]
    counts = {sev: sum(1 for f in doc["findings"] if f["severity"] == sev) for sev in ("error", "warning", "info")}
    if (s["errors"], s["warnings"], s["infos"]) != (counts["error"], counts["warning"], counts["info"]):
        raise Failure(f"{name}: summary {s} does not count the findings {counts}")
    if s["healthy"] != (s["errors"] == 0):
        raise Failure(f"{name}: healthy flag wrong")


def test_real_hives_are_healthy_and_versions_detected():
    tmp = wstest.tempdir()
    try:
        for name, xz, _ in wstest.hives():
            hive = wstest.unxz(xz, tmp, name.replace("/", "_"))
            doc = wstest.run_json(WS2FIX, "diagnose", "--hive", hive, "--json")
            check_schema(doc, name)
            errors = [f for f in doc["findings"] if f["severity"] == "error"]
            if errors:
                raise Failure(f"{name}: false errors {[(f['code'], f['message']) for f in errors]}")
            os_id, arch, build, sp = EXPECTED_OS[name]
            got = doc["os"]
            if got["id"] != os_id or got["arch"] != arch:
                raise Failure(f"{name}: detected {got}, PROVENANCE says {os_id} {arch}")
            if build is not None and got["build"] != build:
                raise Failure(f"{name}: build {got['build']}, expected {build}")
            if sp is not None and got["service_pack"] != sp:
                raise Failure(f"{name}: service pack {got['service_pack']}, expected {sp}")
            views = sorted(c["view"] for c in doc["catalogs"] if c["kind"] == "protocol")
            want_views = ["32", "64"] if arch == "x64" else ["32"]
            if views != want_views:
                raise Failure(f"{name}: protocol views {views}")
            dirty = any(f["code"] == "SOURCE_DIRTY" for f in doc["findings"])
            if dirty != doc["source"]["dirty"]:
                raise Failure(f"{name}: SOURCE_DIRTY finding disagrees with source.dirty")
            rc, _, _ = wstest.run(WS2FIX, "diagnose", "--hive", hive, "-q")
            if rc != 0:
                raise Failure(f"{name}: --quiet exit {rc}")
            os.remove(hive)
    finally:
        shutil.rmtree(tmp)


def test_real_export_shows_the_lsp_as_info_only():
    path = os.path.join(wstest.shared_dir(), "corpus", "cingchun-bccc", "winsock2.reg")
    doc = wstest.run_json(WS2FIX, "diagnose", "--reg", path, "--json")
    check_schema(doc, "winsock2.reg")
    # The Tencent LSP's chain entries lack XP1_IFS_HANDLES (flags 0x66):
    # a warning, never an error; the catalog is healthy.
    codes = sorted({f["code"] for f in doc["findings"]})
    if codes != ["NON_IFS_LAYERED_PROVIDER", "THIRD_PARTY_PROVIDER"] or not doc["summary"]["healthy"]:
        raise Failure(f"codes {codes}: {[f['message'] for f in doc['findings']]}")
    for code in codes:
        got = [f for f in doc["findings"] if f["code"] == code]
        views = sorted(f["view"] for f in got)
        if views != ["32", "64"] or not all("ierd_tgp_lsp" in f["path"] and f.get("vendor") == "Tencent" for f in got):
            raise Failure(f"{code} findings {[(f['view'], f['path'], f.get('vendor')) for f in got]}")
    if doc["os"]["detected_from"] != "entries" or doc["os"]["id"] != "10":
        raise Failure(f"os {doc['os']}")


def test_shipped_samples():
    healthy = os.path.join(SRC, "samples", "winsock2-healthy-lsp.reg")
    broken = os.path.join(SRC, "samples", "winsock2-broken-lsp.reg")
    rc, out, err = wstest.run(WS2FIX, "diagnose", "--reg", healthy)
    if rc != 0 or "Healthy" not in out:
        raise Failure(f"healthy sample: exit {rc}\n{out}{err}")
    rc, out, err = wstest.run(WS2FIX, "diagnose", "--reg", broken)
    if rc != 1 or "CHAIN_BROKEN" not in out or "Broken:" not in out:
        raise Failure(f"broken sample: exit {rc}\n{out}{err}")
    doc = wstest.run_json(WS2FIX, "diagnose", "--reg", broken, "--json", expect_rc=1)
    broken_ids = sorted((f["view"], f["catalog_id"]) for f in doc["findings"] if f["code"] == "CHAIN_BROKEN")
    if broken_ids != [("32", 1008), ("32", 1009), ("64", 1008), ("64", 1009)]:
        raise Failure(f"CHAIN_BROKEN evidence {broken_ids}")
    rc, out, _ = wstest.run(WS2FIX, "--lang", "sv", "diagnose", "--reg", broken)
    if rc != 1 or "Trasig:" not in out or "Åtgärd" not in out:
        raise Failure("Swedish diagnose output missing")
    rc, out, _ = wstest.run(WS2FIX, "diagnose", "--reg", broken, "-q")
    if rc != 1 or out:
        raise Failure(f"--quiet: exit {rc}, output {out!r}")


def test_netsh_listings():
    d = os.path.join(wstest.shared_dir(), "corpus", "netsh")
    files = sorted(f for f in os.listdir(d) if f.endswith(".txt"))
    if len(files) < 4:
        raise Failure(f"netsh files {files}")
    for f in files:
        rc, out, err = wstest.run(WS2FIX, "diagnose", "--netsh", os.path.join(d, f), "--json")
        if "hjt" in f:
            # A HijackThis log, not a netsh listing: one clear error.
            if rc != 2 or "error" not in json.loads(out):
                raise Failure(f"{f}: exit {rc}, expected 2 with an error document")
            continue
        if rc not in (0, 1):
            raise Failure(f"{f}: exit {rc}: {err}")
        doc = json.loads(out)
        if doc["source"]["kind"] != "netsh" or not doc["skipped"]:
            raise Failure(f"{f}: source {doc['source']}, skipped {doc['skipped']}")
        for c in doc["catalogs"]:
            if not c["entries"]:
                raise Failure(f"{f}: empty {c['kind']} {c['view']}")


def test_bad_input_one_line_exit_2():
    tmp = wstest.tempdir()
    try:
        garbage = os.path.join(tmp, "garbage.reg")
        with open(garbage, "wb") as fh:
            fh.write(b"\x00\x01garbage that is not a registry export\n" * 10)
        trunc = os.path.join(tmp, "trunc")
        name, xz, _ = wstest.hives()[0]
        full = wstest.unxz(xz, tmp, "full")
        with open(full, "rb") as src, open(trunc, "wb") as dst:
            dst.write(src.read(100000))
        cases = [("--reg", garbage), ("--hive", garbage), ("--hive", trunc),
                 ("--reg", os.path.join(tmp, "missing.reg")), ("--netsh", garbage)]
        for opt, path in cases:
            for cmd in ("show", "diagnose"):
                rc, out, err = wstest.run(WS2FIX, cmd, opt, path)
                lines = [ln for ln in err.splitlines() if ln.strip()]
                if rc != 2 or len(lines) != 1 or not lines[0].startswith("ws2fix: error: ") or out:
                    raise Failure(f"{cmd} {opt} {os.path.basename(path)}: exit {rc}, stderr {err!r}, stdout {out[:100]!r}")
                doc = wstest.run_json(WS2FIX, cmd, opt, path, "--json", expect_rc=2)
                if "error" not in doc or "message" not in doc["error"]:
                    raise Failure(f"{cmd} {opt} --json error document: {doc}")
        rc, out, err = wstest.run(WS2FIX, "diagnose", "--hive", full, "--controlset", "7")
        if rc != 2 or "ControlSet007" not in err:
            raise Failure(f"missing control set: exit {rc} {err!r}")
        rc, out, err = wstest.run(WS2FIX, "diagnose", "--hive", full, "--software", garbage)
        if rc != 2 or "SOFTWARE" not in err:
            raise Failure(f"bad --software: exit {rc} {err!r}")
        # hives()[0] is an XP SP3 x86 hive: --os 10 demands IPv6 (exit 1),
        # and the architecture stays the detected one.
        doc = wstest.run_json(WS2FIX, "diagnose", "--hive", full, "--os", "10", "--json", expect_rc=1)
        if doc["os"]["detected_from"] != "override" or doc["os"]["id"] != "10" or doc["os"]["arch"] != "x86":
            raise Failure(f"--os override: {doc['os']}")
        rc, out, err = wstest.run(WS2FIX, "diagnose", "--hive", full, "--os", "windows95")
        if rc != 2:
            raise Failure(f"bad --os: exit {rc}")
        rc, out, err = wstest.run(WS2FIX, "diagnose", "--bogus")
        if rc != 2:
            raise Failure(f"unknown option: exit {rc}")
    finally:
        shutil.rmtree(tmp)


wstest.main([test_real_hives_are_healthy_and_versions_detected, test_real_export_shows_the_lsp_as_info_only,
             test_shipped_samples, test_netsh_listings, test_bad_input_one_line_exit_2])

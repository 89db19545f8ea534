# SPDX-License-Identifier: MIT
"""`ws2fix show --json` on every real hive and the real regedit export
matches the independent listing beside it (made with python3-hivex):
same views, entry count, order, catalog ids, paths, names, family, type,
protocol, chains, flags, and namespace entries."""
import os
import shutil
import sys

sys.path.insert(0, os.path.dirname(__file__))
import wstest  # noqa: E402
from wstest import Failure  # noqa: E402

WS2FIX = sys.argv[1]


def catalogs_by_view(doc, kind):
    return {c["view"]: c for c in doc["catalogs"] if c["kind"] == kind}


def compare_protocol(label, got, want):
    if len(got["entries"]) != len(want):
        raise Failure(f"{label}: {len(got['entries'])} entries, listing has {len(want)}")
    for i, (g, w) in enumerate(zip(got["entries"], want), 1):
        checks = [
            ("ordinal", g["ordinal"], i),
            ("key", g["key"], w["key"]),
            ("catalog_id", g["catalog_id"], w["id"]),
            ("chain_len", g["chain_len"], w["chain_len"]),
            ("address_family", g["address_family"], w["af"]),
            ("socket_type", g["socket_type"], w["type"]),
            ("protocol", g["protocol"], w["proto"]),
            ("path", g["path"], w["path"]),
            ("name", g["name"], w["name"]),
            ("provider_id", g["provider_id"], w["guid"]),
            ("service_flags", g["service_flags"], w["service_flags"]),
            ("provider_flags", g["provider_flags"], w["provider_flags"]),
        ]
        if w["chain_len"] >= 2:
            checks.append(("chain", g["chain"], w["chain"]))
        for field, a, b in checks:
            if a != b:
                raise Failure(f"{label} entry {i} ({w['key']}): {field} is {a!r}, listing says {b!r}")
        if g["problems"]:
            raise Failure(f"{label} entry {i}: healthy item reported malformed: {g['problems']}")


def compare_namespace(label, got, want):
    if len(got["entries"]) != len(want):
        raise Failure(f"{label}: {len(got['entries'])} entries, listing has {len(want)}")
    for i, (g, w) in enumerate(zip(got["entries"], want), 1):
        for field, a, b in [("key", g["key"], w["key"]), ("path", g["path"], w["path"]),
                            ("provider_id", g["provider_id"], w["guid"]),
                            ("namespace", g["namespace"], w["namespace"])]:
            if a != b:
                raise Failure(f"{label} entry {i}: {field} is {a!r}, listing says {b!r}")


def compare(doc, listing, name):
    for kind, want_kind in (("protocol", "protocol"), ("namespace", "namespace")):
        got = catalogs_by_view(doc, kind)
        want = listing.get(want_kind, {})
        if sorted(got) != sorted(want):
            raise Failure(f"{name}: {kind} views {sorted(got)}, listing has {sorted(want)}")
        for view in want:
            cmp = compare_protocol if kind == "protocol" else compare_namespace
            cmp(f"{name} {kind} {view}", got[view], want[view])
    counters = listing.get("counters", {})
    proto = catalogs_by_view(doc, "protocol")
    for view, suffix in (("32", ""), ("64", "64")):
        key = f"protocol.Num_Catalog_Entries{suffix}"
        if key in counters and proto[view]["declared_count"] != counters[key]:
            raise Failure(f"{name}: declared_count {proto[view]['declared_count']} != {counters[key]}")
    if "protocol.Next_Catalog_Entry_ID" in counters:
        for view in proto:
            if proto[view]["next_id"] != counters["protocol.Next_Catalog_Entry_ID"]:
                raise Failure(f"{name}: next_id {proto[view]['next_id']}")


def test_every_real_hive_matches_its_listing():
    if os.environ.get("WS2FIX_HAVE_HIVEX") != "1":
        raise Failure("this build has no hive backend")
    tmp = wstest.tempdir()
    try:
        for name, xz, listing_path in wstest.hives():
            hive = wstest.unxz(xz, tmp, name.replace("/", "_"))
            doc = wstest.run_json(WS2FIX, "show", "--hive", hive, "--json")
            listing = __import__("json").load(open(listing_path))
            if doc["source"]["kind"] != "hive" or doc["source"]["controlset"] != int(listing["controlset"][-3:]):
                raise Failure(f"{name}: source {doc['source']}")
            compare(doc, listing, name)
            # Global options may also stand before the command.
            doc2 = wstest.run_json(WS2FIX, "--json", "--hive", hive, "show")
            if doc2["catalogs"] != doc["catalogs"]:
                raise Failure(f"{name}: option order changes the output")
            os.remove(hive)
    finally:
        shutil.rmtree(tmp)


def test_dirty_hives_are_flagged_and_still_read():
    if os.environ.get("WS2FIX_HAVE_HIVEX") != "1":
        raise Failure("this build has no hive backend")
    dirty_expected = {"regipy/SYSTEM_2", "regipy/SYSTEM_B", "regipy/SYSTEM_WIN_10_1709"}
    tmp = wstest.tempdir()
    try:
        seen = set()
        for name, xz, _ in wstest.hives():
            hive = wstest.unxz(xz, tmp, name.replace("/", "_"))
            doc = wstest.run_json(WS2FIX, "show", "--hive", hive, "--json")
            if doc["source"]["dirty"]:
                seen.add(name)
            os.remove(hive)
        if seen != dirty_expected:
            raise Failure(f"dirty hives {sorted(seen)}, expected {sorted(dirty_expected)}")
    finally:
        shutil.rmtree(tmp)


def test_real_regedit_export_matches_listing():
    path = os.path.join(wstest.shared_dir(), "corpus", "cingchun-bccc", "winsock2.reg")
    listing = __import__("json").load(open(path.replace("winsock2.reg", "winsock2.catalog.json")))
    doc = wstest.run_json(WS2FIX, "show", "--reg", path, "--json")
    if doc["source"]["kind"] != "reg":
        raise Failure(f"source {doc['source']}")
    got = catalogs_by_view(doc, "protocol")
    if sorted(got) != sorted(listing["protocol"]):
        raise Failure(f"views {sorted(got)}")
    for view in listing["protocol"]:
        compare_protocol(f"winsock2.reg {view}", got[view], listing["protocol"][view])
    # The LSP is there with its chains in both views (PROVENANCE: ids 1016-1023).
    for view, lsp in (("32", 1016), ("64", 1020)):
        chains = [e for e in got[view]["entries"] if e["kind"] == "chain"]
        if len(chains) != 3 or any(e["chain"][0] != lsp for e in chains):
            raise Failure(f"view {view}: chains {[(e['catalog_id'], e['chain']) for e in chains]}")
    ns = catalogs_by_view(doc, "namespace")
    if sorted(ns) != ["32", "64"] or len(ns["64"]["entries"]) != 7:
        raise Failure(f"namespace views {sorted(ns)}")


def test_text_output_reads_like_netsh():
    path = os.path.join(wstest.shared_dir(), "corpus", "cingchun-bccc", "winsock2.reg")
    rc, out, err = wstest.run(WS2FIX, "show", "--reg", path)
    if rc != 0:
        raise Failure(f"exit {rc}: {err}")
    for needle in ("Winsock Catalog Provider Entry", "Entry Type:                         Layered Chain Entry",
                   "Protocol Chain: 1020 : 1007",
                   "Description:                        MSAFD Tcpip [TCP/IP]",
                   "Base Service Provider (32)", "Name Space Provider Entry"):
        if needle not in out:
            raise Failure(f"text output lacks {needle!r}")
    rc, out, err = wstest.run(WS2FIX, "show", "--brief", "--reg", path)
    lines = [ln for ln in out.splitlines() if ln.startswith(("64 ", "32 "))]
    if rc != 0 or len(lines) != 19 + 19 + 7 + 7:
        raise Failure(f"--brief: exit {rc}, {len(lines)} entry lines")
    rc, out, _ = wstest.run(WS2FIX, "show", "--reg", path, "--lang", "sv")
    if rc != 0 or "Beskrivning:" not in out or "Grundläggande tjänstprovider" not in out:
        raise Failure("Swedish text output missing")


wstest.main([test_every_real_hive_matches_its_listing, test_dirty_hives_are_flagged_and_still_read,
             test_real_regedit_export_matches_listing, test_text_output_reads_like_netsh])

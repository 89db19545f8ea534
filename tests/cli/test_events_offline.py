# SPDX-License-Identifier: MIT
"""Who installed a provider, from an offline WS2HELP event log (issue 27).

The real log of ../shared/corpus/evtx-attack-samples (two install events of
ProxyCap's LSP, "PROXYCAP LSP", GUID {7E35F09E-CF45-CF00-3594-397712626D0F})
is read with --events and from a Windows folder (--windows-root), against a
catalog made to match it: the real Windows 10 hive of ../shared/hives with
ProxyCap installed into both catalogs the way test_chain_owners installs a
provider (a layered entry and a chain per protocol, all under the GUID).

What each entry should show is worked out from evtxexport's own reading of
the log (libevtx-utils), never from ws2fix's: the latest install event (id
1) whose Catalog is the entry's view (32: Catalog_Entries, 64:
Catalog_Entries64) and whose GUID is the entry's, as the live reader joins
(docs/internals/LIVE.md).  Copies of the log with bytes cut, flipped or
appended are read as far as they are sound or refused with one line, and
never crash; a log too large, or not EVTX, is one line.

A build without libevtx (-DWS2FIX_EVTX=OFF) skips this test visibly; under
CI=true a skip fails.
"""
import json
import os
import re
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import test_corruptions as T  # noqa: E402
import test_chain_owners as C  # noqa: E402
import wstest  # noqa: E402
from wstest import Failure, need  # noqa: E402

LOG = os.path.join("corpus", "evtx-attack-samples", "Persistence_Winsock_Catalog Change EventId_1.evtx")
LOG_NAME = "Microsoft-Windows-Winsock-WS2HELP%4Operational.evtx"
GUID = "7e35f09e-cf45-cf00-3594-397712626d0f"
PATHS = {"32": "C:\\Program Files (x86)\\ProxyCap\\pcaplsp.dll", "64": "C:\\Program Files\\ProxyCap\\pcaplsp64.dll"}
# Ids free in both catalogs of the Windows 10 hive (it ends at 1018).
LAYER, TCP, UDP = 1040, 1041, 1042
STATE = {}


def real_log():
    return os.path.join(wstest.shared_dir(), LOG)


def evtxexport_events(path):
    """The WS2HELP install events as evtxexport reads them: dicts of
    installer, time (to the second), catalog, guid (lower case)."""
    p = subprocess.run(["evtxexport", "-f", "xml", path], capture_output=True, timeout=120)
    xml = p.stdout.decode("utf-8", "replace")
    out = []
    for ev in re.findall(r"<Event [^>]*>.*?</Event>", xml, re.S):
        if not re.search(r'<Provider Name="Microsoft-Windows-Winsock-WS2HELP"', ev, re.I | re.A) or \
                not re.search(r"<EventID>1</EventID>", ev):
            continue
        data = dict(re.findall(r'<Data Name="([^"]+)">([^<]*)</Data>', ev))
        t = re.search(r'SystemTime="(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)', ev).group(1) + "Z"
        out.append({"installer": data.get("Installer"), "time": t, "catalog": data.get("Catalog"),
                    "guid": data.get("GUID", "").strip("{}").lower()})
    return out


def expected(events, view):
    """What an entry of ProxyCap's GUID in @p view should show, or None."""
    hits = [e for e in events if e["catalog"] == view and e["guid"] == GUID]
    return hits[-1] if hits else None


def hive(name):
    """The Windows 10 hive with ProxyCap in both catalogs."""
    h = T.hive_copy(name, "w10")
    C.install(h, [C.product("PROXYCAP LSP", PATHS, LAYER, [(TCP, C.MSAFD_TCP), (UDP, C.MSAFD_UDP)], GUID)])
    return h


def show_json(*args, expect=(0, 1)):
    rc, out, err = T.run(*args, "--json", "show")
    need(rc in expect, f"show {' '.join(args)}: exit {rc}; {err.strip()[:300]}")
    return json.loads(out)


def protocol_entries(doc):
    """(view, entry) of every protocol entry the document lists."""
    return [(cat["view"], e) for cat in doc["catalogs"] if cat["kind"] == "protocol" for e in cat["entries"]]


def proxycap_entries(doc):
    return [(v, e) for v, e in protocol_entries(doc) if e.get("provider_id", "").strip("{}").lower() == GUID]


def check_installers(doc, events):
    ents = proxycap_entries(doc)
    need(len(ents) == 6, f"expected ProxyCap's 3 entries in each catalog, found {len(ents)}")
    shown = 0
    for view, e in ents:
        want = expected(events, view)
        if want is None:
            need("installed_by" not in e, f"{view}-bit {e['key']}: installed_by {e.get('installed_by')!r}, "
                                          f"but no install event of catalog {view} names ProxyCap")
            continue
        shown += 1
        need(e.get("installed_by") == want["installer"] and e.get("installed_on") == want["time"],
             f"{view}-bit {e['key']}: {e.get('installed_by')!r} {e.get('installed_on')!r}, evtxexport says "
             f"{want['installer']!r} {want['time']!r}")
    need(shown, "no ProxyCap entry shows who installed it")
    for view, e in protocol_entries(doc):
        if e.get("provider_id", "").strip("{}").lower() != GUID:
            need("installed_by" not in e, f"{view}-bit {e['key']} ({e.get('name')}) is not ProxyCap's but shows "
                                          f"installed_by {e.get('installed_by')!r}")
    return shown


# ------------------------------------------------------------ cases
def test_real_log_matches_evtxexport():
    events = evtxexport_events(real_log())
    need(len(events) == 2, f"evtxexport reads {len(events)} ProxyCap install events, provenance says 2")
    h = hive("real")
    doc = show_json("--hive", h, "--events", real_log())
    log = doc["source"]["event_log"]
    need(log["origin"] == "events" and log["read"] and log["events"] == 2 and not log["damaged"],
         f"event_log: {log}")
    shown = check_installers(doc, events)
    # The text says it on the same entries: one line per entry with an installer.
    rc, out, err = T.run("--hive", h, "--events", real_log(), "show")
    want = expected(events, "32") or expected(events, "64")
    lines = [ln for ln in out.splitlines() if ln.startswith("Installed by:")]
    need(len(lines) == shown and all(want["installer"] in ln and want["time"] in ln for ln in lines),
         f"show's text: {lines}")
    # diagnose: the provider's findings carry it, in JSON and text (both languages).
    rc, out, err = T.run("--hive", h, "--events", real_log(), "--json", "diagnose")
    d = json.loads(out)
    tp = [f for f in d["findings"] if f["code"] == "THIRD_PARTY_PROVIDER" and "PROXYCAP" in (f["provider"] or "")]
    need(len(tp) == 2, f"THIRD_PARTY_PROVIDER findings of ProxyCap: {len(tp)}")
    for f in tp:
        w = expected(events, f["view"])
        got = (f.get("installed_by"), f.get("installed_on"))
        need(got == ((w["installer"], w["time"]) if w else (None, None)), f"finding [{f['view']}]: {got}")
    for lang, label in (("en", "Installed by: "), ("sv", "Installerad av: ")):
        rc, out, err = T.run("--hive", h, "--events", real_log(), "--lang", lang, "diagnose")
        need(f"{label}{want['installer']} ({want['time']})" in out, f"diagnose --lang {lang} does not name the installer")


def test_windows_root_any_case():
    events = evtxexport_events(real_log())
    h = hive("winroot")
    root = T.fake_windows("winroot", T.W10_DLLS)
    logs = os.path.join(root, "System32", "WINEVT", "logs")
    os.makedirs(logs)
    shutil.copy(real_log(), os.path.join(logs, LOG_NAME.lower()))
    doc = show_json("--hive", h, "--windows-root", root)
    log = doc["source"]["event_log"]
    need(log["origin"] == "windows_root" and log["read"] and log["path"].endswith(LOG_NAME.lower()), f"{log}")
    check_installers(doc, events)
    # A damaged log found there is skipped with one line; the rest goes on.
    with open(os.path.join(logs, LOG_NAME.lower()), "wb") as f:
        f.write(b"not an event log\n" * 10)
    doc = show_json("--hive", h, "--windows-root", root)
    log = doc["source"]["event_log"]
    need(not log["read"] and log["skipped"] and "not an EVTX" in log["skipped"], f"{log}")
    need(not any("installed_by" in e for _, e in proxycap_entries(doc)), "installed_by from a skipped log")
    rc, out, err = T.run("--hive", h, "--windows-root", root, "show")
    skipped = [ln for ln in out.splitlines() if ln.startswith("Event log skipped")]
    need(rc in (0, 1) and len(skipped) == 1 and "Winsock Catalog Provider Entry" in out,
         f"exit {rc}, skipped lines {skipped}")


def run_damaged(h, path):
    """A damaged copy: read (what it shows agrees with evtxexport's reading of
    the same copy) or refused with exit 2 and one line; never a crash."""
    rc, out, err = T.run("--hive", h, "--events", path, "--json", "show")
    need(rc in (0, 1, 2), f"{os.path.basename(path)}: exit {rc} (a crash?) {err[-300:]}")
    if rc == 2:
        doc = json.loads(out)
        need(doc["error"]["exit_code"] == 2 and "\n" not in doc["error"]["message"], f"{doc}")
        rc, out, err = T.run("--hive", h, "--events", path, "show")
        need(rc == 2 and len(err.strip().splitlines()) == 1 and not out.strip(),
             f"{os.path.basename(path)}: refused with {err!r} {out[:100]!r}")
        return "refused"
    doc = json.loads(out)
    log = doc["source"]["event_log"]
    need(log["read"], f"{log}")
    theirs = evtxexport_events(path)
    # The same events as libevtx's own tool reads from the same copy.
    need(log["events"] == len(theirs), f"{log} vs evtxexport's {len(theirs)}")
    check_installers(doc, theirs) if theirs else need(
        not any("installed_by" in e for _, e in proxycap_entries(doc)), "installers from a log with no events")
    return "damaged" if log["damaged"] else "read"


def test_cut_flipped_appended():
    h = hive("damage")
    d = open(real_log(), "rb").read()
    work = T.case_dir("damage-copies")
    seen = set()
    copies = [("cut%d" % n, d[:n]) for n in (0, 100, 4095, 4096, 4500, 6100, 40000, len(d) - 1)]
    for off in (0, 10, 40, 120, 4096, 4100, 4200, 5000, 6000, 6500, 8000, 30000, len(d) - 1):
        x = bytearray(d)
        x[off] ^= 0xFF
        copies.append(("flip%d" % off, bytes(x)))
    copies.append(("append", d + b"\0garbage" * 5000))
    copies.append(("append-chunk", d + d[4096:]))
    for name, data in copies:
        path = os.path.join(work, name + ".evtx")
        with open(path, "wb") as f:
            f.write(data)
        try:
            seen.add(run_damaged(h, path))
        except Failure as ex:
            raise Failure(f"{name}: {ex}")
    need({"refused", "damaged", "read"} <= seen, f"the copies did not reach every outcome: {seen}")
    # Appended bytes after the last chunk change nothing.
    rc, out, err = T.run("--hive", h, "--events", os.path.join(work, "append.evtx"), "--json", "show")
    need(json.loads(out)["source"]["event_log"]["events"] == 2, "the appended copy lost events")


def test_not_evtx_and_huge():
    h = hive("refuse")
    work = T.case_dir("refuse-copies")
    text = os.path.join(work, "notes.evtx")
    with open(text, "w") as f:
        f.write("this is not an event log\n")
    huge = os.path.join(work, "huge.evtx")
    with open(huge, "wb") as f:
        f.write(open(real_log(), "rb").read())
        f.truncate((1 << 30) + 1)  # sparse: costs no disk
    for path, words in ((text, "not an EVTX"), (huge, "more than"), (os.path.join(work, "absent.evtx"), "No such file")):
        rc, out, err = T.run("--hive", h, "--events", path, "show")
        lines = err.strip().splitlines()
        need(rc == 2 and len(lines) == 1 and words in lines[0] and "--events" in lines[0] and not out.strip(),
             f"{os.path.basename(path)}: exit {rc}, {lines}")
    # A HijackThis log has no catalog to join events to: said, not ignored.
    hjt = os.path.join(T.SAMPLES, "..", "tests", "data", "hijackthis", "real",
                       "kennetheyrn-hijackthis-2.0.5-win11-nlansp.log")
    rc, out, err = T.run("--hijackthis", hjt, "--events", real_log(), "show")
    need(rc == 2 and len(err.strip().splitlines()) == 1 and "no catalog" in err, f"--events with a HijackThis log: {rc} {err!r}")


def setup():
    T.setup()
    rc, out, err = wstest.run(T.WS2FIX, "--events", real_log(), "--reg", os.path.join(T.SAMPLES, "winsock2-healthy-lsp.reg"),
                              "show")
    if "without libevtx" in err:
        wstest.exit_skip("this build reads no .evtx (configured with -DWS2FIX_EVTX=OFF or without libevtx-dev)")
    if not shutil.which("evtxexport"):
        wstest.exit_skip("evtxexport is not installed (libevtx-utils; scripts/deps.sh installs it)")


if __name__ == "__main__":
    T.WS2FIX = os.path.abspath(sys.argv[1]) if len(sys.argv) > 1 else None
    setup()
    try:
        wstest.main([test_real_log_matches_evtxexport, test_windows_root_any_case, test_cut_flipped_appended,
                     test_not_evtx_and_huge])
    finally:
        shutil.rmtree(T.WORK["dir"], ignore_errors=True)

# SPDX-License-Identifier: MIT
"""Providers installed as their products install them, on a real hive.

A copy of a real Windows 7 SYSTEM hive (../shared/hives, regipy/SYSTEM)
gets an LSP written the way the product writes it: its hidden entry and a
TCP and a UDP chain entry over the MSAFD base entries, with the product's
own DLL path, ProviderIds and dwServiceFlags1 as a public `netsh winsock
show catalog` listing shows them.  Then, through the command line:

- Astrill's ASProxy (python-trio/trio#1659: flags 0x66, no XP1_IFS_HANDLES)
  is named with its vendor in show and diagnose JSON and in the text, gets
  NON_IFS_LAYERED_PROVIDER, and the catalog stays healthy (exit 0, no
  error, no repair step from the warning);
- Sangfor's SSL VPN (microsoft/vscode#64290: flags 0x20066, IFS) under a
  DLL name and folder ws2fix does not know is still named by its chain
  GUIDs, and gets no non-IFS warning;
- an LSP carrying the "PhoenixLSP" sample GUID gets COPIED_SAMPLE_GUID
  whatever its DLL, and the catalog stays healthy;
- diagnose's likely cause (issue 26.1): a whole catalog with Astrill's,
  Proxifier's or PGP's LSP is "layered-provider", naming the product, its
  IFS flag and the programs already excluded in AppId_Catalog, with the
  exclusion first and a reset only as the last resort; the real hive alone
  is "not-catalog" (one program's SystemRoot, never a reset); a broken
  catalog is "catalog";
- removing MaLion's LSP (its path as in anthropics/claude-code#84211) while
  a service of the product's folder is in the SYSTEM hive gives a plan that
  says the removal will not last and names the uninstaller and the
  exclusion; without that service it says nothing of the kind; with a
  SOFTWARE hive (--software) whose uninstall entry has MaLion's folder as
  its InstallLocation, the note names that entry and its uninstaller, and an
  entry whose InstallLocation is Program Files itself owns nothing.
"""
import json
import os
import shutil
import struct
import subprocess
import sys
import uuid

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import wstest  # noqa: E402
from wstest import Failure  # noqa: E402

WS2FIX = os.path.abspath(sys.argv[1]) if len(sys.argv) > 1 else None
HIVE = os.path.join("regipy", "SYSTEM")  # Windows 7 x86: one view, Catalog_Entries
PC = "\\ControlSet001\\Services\\WinSock2\\Parameters\\Protocol_Catalog9"
VIEW = PC + "\\Catalog_Entries"
MSAFD = "E70F1AA0-AB8B-11CF-8CA3-00805F48A192"
WORK = {}


def hivexsh(path, script, write=True):
    p = subprocess.run(["hivexsh"] + (["-w"] if write else []) + [path], input=script.encode(),
                       capture_output=True, timeout=120)
    if p.returncode != 0:
        raise Failure(f"hivexsh: {p.stderr.decode()[:300]}")
    return p.stdout.decode("utf-8", "replace")


def hex_bytes(text):
    return bytes(int(x, 16) for x in text.split(",") if x)


def entries(path):
    """[(key, PackedCatalogItem bytes)] of the 32-bit view, and the two DWORD counters."""
    keys = [k.strip() for k in hivexsh(path, f"cd {VIEW}\nls\n", write=False).split("\n") if k.strip()]
    out = []
    for k in keys:
        for line in hivexsh(path, f"cd {VIEW}\\{k}\nlsval\n", write=False).splitlines():
            if line.startswith('"PackedCatalogItem"=hex'):
                out.append((k, hex_bytes(line.split(":", 1)[1])))
    counters = {}
    for line in hivexsh(path, f"cd {PC}\nlsval\n", write=False).splitlines():
        for name in ("Num_Catalog_Entries", "Next_Catalog_Entry_ID", "Serial_Access_Num"):
            if line.startswith(f'"{name}"=dword:'):
                counters[name] = int(line.split("dword:")[1], 16)
    return out, counters


def fields(d):
    return {"guid": str(uuid.UUID(bytes_le=bytes(d[280:296]))).upper(), "cid": struct.unpack_from("<I", d, 296)[0],
            "af": struct.unpack_from("<i", d, 336)[0], "proto": struct.unpack_from("<i", d, 352)[0],
            "chainlen": struct.unpack_from("<i", d, 300)[0]}


def dword(n):
    return "hex:4:" + ",".join(f"{b:02x}" for b in struct.pack("<I", n))


def item(base, path, guid, cid, chain, flags, name):
    """An entry as WSCInstallProvider writes it: the base's fields, the
    product's path, GUID, id, chain, dwServiceFlags1 and name."""
    d = bytearray(base)
    p = path.encode("latin-1") + b"\0"
    d[0:260] = b"\0" * 260
    d[0:len(p)] = p
    struct.pack_into("<I", d, 260, flags)  # dwServiceFlags1
    d[280:296] = uuid.UUID(guid).bytes_le
    struct.pack_into("<I", d, 296, cid)
    struct.pack_into("<i", d, 300, len(chain) if len(chain) > 1 else 0)
    for i in range(7):
        struct.pack_into("<I", d, 304 + 4 * i, chain[i] if i < len(chain) else 0)
    n = name.encode("utf-16-le") + b"\0\0"
    d[376:376 + 512] = b"\0" * 512
    d[376:376 + len(n)] = n
    return bytes(d)


def install(name, path, hidden_guid, chain_guids, flags, desc):
    """A copy of the real hive with one LSP installed.  Returns its path."""
    if "hive" not in WORK:
        WORK["dir"] = wstest.tempdir()
        WORK["hive"] = wstest.unxz(os.path.join(wstest.shared_dir(), "hives", HIVE + ".xz"), WORK["dir"], "orig")
    dst = os.path.join(WORK["dir"], name)
    shutil.copy(WORK["hive"], dst)
    items, counters = entries(dst)
    base = {}
    for _, d in items:
        f = fields(d)
        if f["guid"] == MSAFD and f["af"] == 2 and f["chainlen"] == 1 and f["proto"] in (6, 17):
            base.setdefault(f["proto"], d)
    if set(base) != {6, 17}:
        raise Failure(f"{HIVE}: no MSAFD TCP and UDP base entries")
    nid = counters["Next_Catalog_Entry_ID"]
    new = [item(base[6], path, hidden_guid, nid, [nid], flags, desc)]
    for i, (proto, guid) in enumerate(zip((6, 17), chain_guids)):
        new.append(item(base[proto], path, guid, nid + 1 + i, [nid, fields(base[proto])["cid"]], flags,
                        f"{desc} over [MSAFD Tcpip [{'TCP' if proto == 6 else 'UDP'}/IP]]"))
    n = len(items)
    s = ""
    for i, it in enumerate(new):
        key = "%012d" % (n + 1 + i)
        s += f"cd {VIEW}\nadd {key}\ncd {VIEW}\\{key}\nsetval 1\nPackedCatalogItem\nhex:3:" + \
            ",".join(f"{b:02x}" for b in it) + "\n"
    s += f"cd {PC}\nsetval 3\nNum_Catalog_Entries\n{dword(n + len(new))}\n" \
         f"Next_Catalog_Entry_ID\n{dword(nid + len(new))}\nSerial_Access_Num\n{dword(counters['Serial_Access_Num'] + 1)}\n"
    # setval replaces every value of the key: there must be no other.
    others = [line for line in hivexsh(dst, f"cd {PC}\nlsval\n", write=False).splitlines()
              if line and not line.startswith(('"Num_Catalog_Entries"=', '"Next_Catalog_Entry_ID"=',
                                               '"Serial_Access_Num"='))]
    if others:
        raise Failure(f"unexpected values beside the counters in {PC}: {others[:3]}")
    hivexsh(dst, s + "commit\n")
    return dst


def add_service(hive, name, image_path):
    """A service key under ControlSet001\\Services with a REG_EXPAND_SZ ImagePath."""
    data = (image_path + "\0").encode("utf-16-le")
    svc = "\\ControlSet001\\Services"
    hivexsh(hive, f"cd {svc}\nadd {name}\ncd {svc}\\{name}\nsetval 2\nImagePath\nhex:2:" +
            ",".join(f"{b:02x}" for b in data) + f"\nStart\n{dword(2)}\ncommit\n")


def diagnose(hive):
    doc = wstest.run_json(WS2FIX, "--hive", hive, "diagnose", "--json", expect_rc=0)
    if not doc["summary"]["healthy"] or doc["summary"]["errors"]:
        raise Failure(f"the catalog is called broken: {[f['code'] for f in doc['findings']]}")
    return doc


def findings(doc, code):
    return [f for f in doc["findings"] if f["code"] == code]


def test_non_ifs_vpn_is_named_and_warned():
    hive = install("astrill", "C:\\Windows\\system32\\ASProxy.dll", "{E26DCE69-9F96-48B5-9BAC-557D554942DD}",
                   ("{03A42735-FD62-42D5-8BF8-792564F569F9}", "{F1FBF23F-F6C8-49E0-853E-7DA6984FD4E9}"), 0x66, "ASProxy")
    doc = diagnose(hive)
    warn = findings(doc, "NON_IFS_LAYERED_PROVIDER")
    if len(warn) != 1 or warn[0]["severity"] != "warning" or warn[0].get("vendor") != "Astrill":
        raise Failure(f"want one NON_IFS_LAYERED_PROVIDER warning naming Astrill: {warn}")
    if "XP1_IFS_HANDLES" not in warn[0]["message"] or "exclude-app" not in warn[0]["fix"]:
        raise Failure(f"the warning says neither the flag nor the exclusion: {warn[0]}")
    third = findings(doc, "THIRD_PARTY_PROVIDER")
    if not any(f.get("vendor") == "Astrill" and "Astrill" in f["message"] for f in third):
        raise Failure(f"THIRD_PARTY_PROVIDER does not name Astrill: {third}")
    show = wstest.run_json(WS2FIX, "--hive", hive, "show", "--json")
    named = [e for c in show["catalogs"] for e in c.get("entries", [])
             if "ASProxy" in e.get("path", "") and e.get("vendor_name") == "Astrill"]
    if len(named) != 3:
        raise Failure(f"show --json names {len(named)} of the 3 ASProxy entries Astrill")
    rc, out, _ = wstest.run(WS2FIX, "--hive", hive, "show")
    vendor_lines = [l for l in out.splitlines() if l.startswith("Vendor") and "Astrill" in l]
    if rc != 0 or len(vendor_lines) != 3:
        raise Failure(f"show text (exit {rc}) has {len(vendor_lines)} Vendor lines naming Astrill, want 3")
    rc, out, _ = wstest.run(WS2FIX, "--hive", hive, "diagnose")
    if rc != 0 or "Astrill" not in out or "XP1_IFS_HANDLES" not in out:
        raise Failure(f"diagnose text (exit {rc}) does not name Astrill and the flag:\n{out[:2000]}")
    sv = wstest.run_json(WS2FIX, "--lang", "sv", "--hive", hive, "diagnose", "--json")
    if "skiktad provider" not in findings(sv, "NON_IFS_LAYERED_PROVIDER")[0]["message"]:
        raise Failure("no Swedish text for NON_IFS_LAYERED_PROVIDER")
    plan = wstest.run_json(WS2FIX, "--hive", hive, "repair", "--json", expect_rc=0)
    if plan.get("plan", {}).get("steps"):
        raise Failure(f"a warning drove a repair step: {plan['plan']['steps']}")


def test_guid_names_a_provider_whatever_its_path():
    hive = install("sangfor", "C:\\Tools\\renamed\\vpnhelper.dll", "{8A7C23D0-5E6F-4A1B-9C2D-3E4F5A6B7C8D}",
                   ("{62816A64-DAC2-48DD-B3AD-843C916DDF82}", "{F3A080B4-019D-4501-8647-B59695478F9F}"), 0x20066,
                   "SangforLSP_x64")
    doc = diagnose(hive)
    if findings(doc, "NON_IFS_LAYERED_PROVIDER"):
        raise Failure("an IFS provider (flags 0x20066) got the non-IFS warning")
    show = wstest.run_json(WS2FIX, "--hive", hive, "show", "--json")
    chains = [e for c in show["catalogs"] for e in c.get("entries", []) if "vpnhelper" in e.get("path", "")
              and e.get("kind") == "chain"]
    if len(chains) != 2 or any(e.get("vendor_name") != "Sangfor" for e in chains):
        raise Failure(f"the chain entries are not named Sangfor by their GUIDs: {chains}")


def test_copied_sample_guid_is_a_warning():
    hive = install("phoenix", "C:\\Windows\\system32\\netfilter32.dll", "{D3C21122-85E1-48F3-9AB6-23D90C7307EF}",
                   ("{5B1D6C0E-2F3A-4B4C-8D5E-6F7A8B9C0D1E}", "{6C2E7D1F-3A4B-4C5D-9E6F-7A8B9C0D1E2F}"), 0x20066,
                   "PhoenixLSP")
    doc = diagnose(hive)
    warn = findings(doc, "COPIED_SAMPLE_GUID")
    if len(warn) != 1 or warn[0]["severity"] != "warning" or "D3C21122" not in warn[0]["message"]:
        raise Failure(f"want one COPIED_SAMPLE_GUID warning: {warn}")


def test_removal_of_an_installed_product_will_not_last():
    dll = "C:\\Program Files (x86)\\Intercom\\MaLion\\Isvp\\bin\\x64\\pmilsp.dll"
    chains = ("{2D5E1F7A-0B3C-4D6E-8F9A-1B2C3D4E5F60}", "{3E6F2A8B-1C4D-4E7F-9A0B-2C3D4E5F6A71}")
    hive = install("malion", dll, "{4F7A3B9C-2D5E-4F8A-8B1C-3D4E5F6A7B82}", chains, 0x20066, "MaLion.IWat")
    plan = wstest.run_json(WS2FIX, "--hive", hive, "repair", "--remove", "pmilsp.dll", "--json", expect_rc=1)
    if any("will likely not last" in n for n in plan["plan"]["notes"]):
        raise Failure(f"no service of the product, yet the plan says the removal will not last: {plan['plan']['notes']}")
    # A service of the product's folder (a test fixture: its name is ours).
    add_service(hive, "ws2fix-test-agent", '"C:\\Program Files (x86)\\Intercom\\MaLion\\bin\\agent.exe" -service')
    plan = wstest.run_json(WS2FIX, "--hive", hive, "repair", "--remove", "pmilsp.dll", "--json", expect_rc=1)
    notes = [n for n in plan["plan"]["notes"] if "will likely not last" in n]
    if len(notes) != 1 or "Intercom (MaLion)" not in notes[0] or "ws2fix-test-agent" not in notes[0] \
            or "uninstaller" not in notes[0] or "--exclude-app" not in notes[0]:
        raise Failure(f"want one note naming MaLion, the service, the uninstaller and the exclusion: {plan['plan']['notes']}")
    sv = wstest.run_json(WS2FIX, "--lang", "sv", "--hive", hive, "repair", "--remove", "pmilsp.dll", "--json",
                         expect_rc=1)
    if not any("avinstallerare" in n for n in sv["plan"]["notes"]):
        raise Failure("no Swedish text for the note")
    rc, out, _ = wstest.run(WS2FIX, "--hive", hive, "repair", "--remove", "pmilsp.dll")
    if "will likely not last" not in out:
        raise Failure(f"the text plan does not say it:\n{out[:2000]}")


def cause(doc, verdict):
    c = doc.get("cause")
    if not c or c.get("verdict") != verdict:
        raise Failure(f"want the cause {verdict}: {c}")
    return c


def add_exclusion(hive, key, app):
    """An AppId_Catalog entry as WSCSetApplicationCategory writes it (LSP_SYSTEM permitted only)."""
    base = "\\ControlSet001\\Services\\WinSock2\\Parameters"
    data = (app + "\0").encode("utf-16-le")
    have = hivexsh(hive, f"cd {base}\nls\n", write=False).split()
    script = "" if "AppId_Catalog" in have else f"cd {base}\nadd AppId_Catalog\n"
    hivexsh(hive, script + f"cd {base}\\AppId_Catalog\nadd {key}\ncd {base}\\AppId_Catalog\\{key}\nsetval 2\n"
            "AppFullPath\nhex:1:" + ",".join(f"{b:02x}" for b in data) +
            f"\nPermittedLspCategories\n{dword(0x80000000)}\ncommit\n")


def test_cause_of_a_whole_catalog_with_an_lsp_is_the_provider():
    # Astrill: non-IFS (python-trio/trio#1659).
    hive = install("astrill-cause", "C:\\Windows\\system32\\ASProxy.dll", "{E26DCE69-9F96-48B5-9BAC-557D554942DD}",
                   ("{03A42735-FD62-42D5-8BF8-792564F569F9}", "{F1FBF23F-F6C8-49E0-853E-7DA6984FD4E9}"), 0x66, "ASProxy")
    add_exclusion(hive, "0A1B2C3D", "C:\\Program Files\\nodejs\\node.exe")
    c = cause(diagnose(hive), "layered-provider")
    provs = c["layered_providers"]
    if len(provs) != 1 or provs[0]["vendor"] != "Astrill" or provs[0]["ifs"] or provs[0]["views"] != [32]:
        raise Failure(f"want one non-IFS Astrill provider in the 32-bit view: {provs}")
    # The real hive has Windows' own (wininit, svchost, lsass) too.
    if "C:\\Program Files\\nodejs\\node.exe" not in c["excluded_programs"] or \
            "C:\\Windows\\system32\\lsass.exe" not in c["excluded_programs"]:
        raise Failure(f"the excluded program is not listed: {c['excluded_programs']}")
    steps = c["steps"]
    if "--exclude-app" not in steps[0] or "on that machine" not in steps[0]:
        raise Failure(f"the first step is not the exclusion on that machine: {steps}")
    if "last resort" not in steps[-1] or any("reset" in s for s in steps[:-1]):
        raise Failure(f"a reset comes before the last step: {steps}")
    if not any("XP1_IFS_HANDLES" in s and "Node.js" in s for s in steps):
        raise Failure(f"no step says the non-IFS provider fails Node: {steps}")
    rc, out, _ = wstest.run(WS2FIX, "--hive", hive, "diagnose")
    if rc != 0 or "Likely cause" not in out or "Astrill" not in out or "node.exe" not in out:
        raise Failure(f"diagnose text (exit {rc}) lacks the cause:\n{out[-2500:]}")
    sv = wstest.run_json(WS2FIX, "--lang", "sv", "--hive", hive, "diagnose", "--json")
    if "sista utväg" not in cause(sv, "layered-provider")["steps"][-1]:
        raise Failure("no Swedish text for the cause")


def test_cause_names_proxifier_and_pgp():
    # PGP as microsoft/WSL#9413's catalog shows it: system32, its own
    # GUIDs, flags 0x20066 (IFS).
    hive = install("pgp", "C:\\WINDOWS\\system32\\PGPlsp.dll", "{3EC32CD3-F254-4826-9053-672DC37F0070}",
                   ("{E5F4DF03-92E7-4974-B05B-01D63A3C97AD}", "{E5F4DF03-92E7-4974-B05B-01D63A3C97AD}"), 0x20066, "PGPlsp")
    doc = diagnose(hive)
    provs = cause(doc, "layered-provider")["layered_providers"]
    if len(provs) != 1 or "Symantec" not in (provs[0]["vendor"] or "") or not provs[0]["ifs"]:
        raise Failure(f"want PGP named Symantec, IFS: {provs}")
    if findings(doc, "NON_IFS_LAYERED_PROVIDER"):
        raise Failure("an IFS provider got the non-IFS warning")
    # Proxifier under its own folder (anthropics/claude-code#83735); its
    # GUIDs and flags are not public, so these are the test's own.
    hive = install("proxifier", "C:\\Program Files (x86)\\Proxifier\\PrxerDrv.dll",
                   "{5A1E2B3C-4D5E-4F60-8172-93A4B5C6D7E8}",
                   ("{6B2F3C4D-5E6F-4071-8283-A4B5C6D7E8F9}", "{7C304D5E-6F70-4182-9394-B5C6D7E8F90A}"), 0x20066, "PrxerDrv")
    c = cause(diagnose(hive), "layered-provider")
    if [p["vendor"] for p in c["layered_providers"]] != ["Proxifier"] or "Proxifier" not in c["steps"][1]:
        raise Failure(f"Proxifier is not named, nor its own setting: {c}")


def test_cause_of_a_whole_microsoft_catalog_is_not_the_catalog():
    if "hive" not in WORK:
        install("warmup", "C:\\x.dll", "{11111111-2222-3333-4444-555555555555}", ("{11111111-2222-3333-4444-555555555556}",
                "{11111111-2222-3333-4444-555555555557}"), 0x20066, "x")
    c = cause(diagnose(WORK["hive"]), "not-catalog")
    if c["layered_providers"] or not any("SystemRoot" in s and "reset cannot help" in s for s in c["steps"]):
        raise Failure(f"want the SystemRoot step, no reset: {c}")
    if c["excluded_programs"] is None:
        raise Failure("a hive shows AppId_Catalog: excluded_programs must be a list")


def test_cause_of_a_broken_catalog_is_the_catalog():
    sample = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "samples", "winsock2-broken-lsp.reg")
    doc = wstest.run_json(WS2FIX, "--reg", sample, "diagnose", "--json", expect_rc=1)
    c = cause(doc, "catalog")
    if not c["steps"] or "Repair" not in c["steps"][0]:
        raise Failure(f"the first step is not the repair: {c}")
    listing = os.path.join(wstest.shared_dir(), "corpus", "netsh", "01-jolla3-backened-win10or11-en.txt")
    rc, out, err = wstest.run(WS2FIX, "--netsh", listing, "diagnose", "--json")
    netsh = json.loads(out) if rc in (0, 1) else {}
    if "cause" not in netsh or netsh["cause"]["excluded_programs"] is not None:
        raise Failure("netsh text cannot show AppId_Catalog: excluded_programs must be null")


def add_uninstall_entry(hive, key, name, location, uninstall):
    """An uninstall entry as an installer writes it, under
    Microsoft\\Windows\\CurrentVersion\\Uninstall of a SOFTWARE hive."""
    path = ""
    script = ""
    for part in ("Microsoft", "Windows", "CurrentVersion", "Uninstall", key):
        have = hivexsh(hive, f"cd \\{path}\nls\n" if path else "ls\n", write=False).split("\n")
        if part not in [h.strip() for h in have]:
            script += (f"cd \\{path}\n" if path else "cd \\\n") + f"add {part}\n"
            hivexsh(hive, script + "commit\n")
            script = ""
        path = f"{path}\\{part}" if path else part
    def sz(text):
        return "hex:1:" + ",".join(f"{b:02x}" for b in (text + "\0").encode("utf-16-le"))
    hivexsh(hive, f"cd \\{path}\nsetval 3\nDisplayName\n{sz(name)}\nInstallLocation\n{sz(location)}\n"
            f"UninstallString\n{sz(uninstall)}\ncommit\n")


def test_removal_names_the_uninstaller_from_the_software_hive():
    dll = "C:\\Program Files (x86)\\Intercom\\MaLion\\Isvp\\bin\\x64\\pmilsp.dll"
    chains = ("{2D5E1F7A-0B3C-4D6E-8F9A-1B2C3D4E5F60}", "{3E6F2A8B-1C4D-4E7F-9A0B-2C3D4E5F6A71}")
    hive = install("malion-sw", dll, "{4F7A3B9C-2D5E-4F8A-8B1C-3D4E5F6A7B82}", chains, 0x20066, "MaLion.IWat")
    # A hive file to hold the uninstall keys (the SYSTEM copy's own keys
    # are no SOFTWARE keys, so the OS detection ignores them).
    sw = os.path.join(WORK["dir"], "sw", "SOFTWARE")
    os.makedirs(os.path.dirname(sw), exist_ok=True)
    shutil.copy(WORK["hive"], sw)
    add_uninstall_entry(sw, "{0A0B0C0D-1111-2222-3333-444455556666}", "Too Broad", "C:\\Program Files (x86)\\",
                        "C:\\Windows\\unins.exe")
    plan = wstest.run_json(WS2FIX, "--hive", hive, "--software", sw, "repair", "--remove", "pmilsp.dll", "--json",
                           expect_rc=1)
    if any("will likely not last" in n for n in plan["plan"]["notes"]):
        raise Failure(f"an entry for Program Files itself owned the product: {plan['plan']['notes']}")
    add_uninstall_entry(sw, "{7E1C2B3A-4D5E-4F60-8172-93A4B5C6D7E8}", "MaLion Client",
                        "C:\\Program Files (x86)\\Intercom\\MaLion\\",
                        "MsiExec.exe /X{7E1C2B3A-4D5E-4F60-8172-93A4B5C6D7E8}")
    plan = wstest.run_json(WS2FIX, "--hive", hive, "--software", sw, "repair", "--remove", "pmilsp.dll", "--json",
                           expect_rc=1)
    notes = [n for n in plan["plan"]["notes"] if "will likely not last" in n]
    if len(notes) != 1 or '"MaLion Client"' not in notes[0] or "MsiExec.exe /X{7E1C2B3A" not in notes[0]:
        raise Failure(f"want one note naming the uninstall entry and its uninstaller: {plan['plan']['notes']}")
    plan = wstest.run_json(WS2FIX, "--hive", hive, "repair", "--remove", "pmilsp.dll", "--json", expect_rc=1)
    if any("will likely not last" in n for n in plan["plan"]["notes"]):
        raise Failure("without --software (and no service) the plan still says the removal will not last")


# Today's products the issue names, each installed over the real hive under
# its own DLL name (matched by name: their GUIDs are not public, so the
# GUIDs and folders here are the test's own); flags 0x20066 is IFS, 0x66
# not (the "qlsp" in qproxy.dll is non-IFS).
TODAY = [
    ("nvidia", "C:\\Program Files\\NVIDIA Corporation\\NetworkAccessManager\\bin32\\nvlsp.dll", 0x20066, "NVIDIA"),
    ("proxycap", "C:\\Program Files (x86)\\ProxyCap\\pcapwsp.dll", 0x20066, "ProxyCap"),
    ("leigod", "C:\\Program Files (x86)\\LeiGod\\nnlsp.dll", 0x20066, "Leigod (NN)"),
    ("qlsp", "C:\\Program Files\\Qustodio\\qproxy.dll", 0x66, "Qustodio"),
]


def test_todays_products_are_named_with_the_right_severity():
    for i, (name, path, flags, vendor) in enumerate(TODAY):
        base = "A1B2C3D4-0000-4000-8000-%012X"
        hive = install(name, path, "{" + base % (3 * i + 1) + "}", ("{" + base % (3 * i + 2) + "}",
                       "{" + base % (3 * i + 3) + "}"), flags, name)
        doc = diagnose(hive)
        third = [f for f in findings(doc, "THIRD_PARTY_PROVIDER") if f.get("vendor") == vendor]
        if len(third) != 1 or third[0]["severity"] != "info":
            raise Failure(f"{name}: want one THIRD_PARTY_PROVIDER note naming {vendor}: {findings(doc, 'THIRD_PARTY_PROVIDER')}")
        non_ifs = findings(doc, "NON_IFS_LAYERED_PROVIDER")
        if bool(non_ifs) != (flags == 0x66) or any(f["severity"] != "warning" for f in non_ifs):
            raise Failure(f"{name}: flags {flags:#x}, non-IFS warnings {non_ifs}")
        c = cause(doc, "layered-provider")
        if [p["vendor"] for p in c["layered_providers"]] != [vendor] or c["layered_providers"][0]["ifs"] != (flags != 0x66):
            raise Failure(f"{name}: the cause does not name {vendor} with its IFS flag: {c['layered_providers']}")


if __name__ == "__main__":
    if not WS2FIX:
        sys.exit("usage: test_provider_kb.py WS2FIX")
    if shutil.which("hivexsh") is None or os.environ.get("WS2FIX_HAVE_HIVEX") != "1":
        print("SKIP hivexsh or hive support missing")
        sys.exit(77)
    try:
        wstest.main([test_non_ifs_vpn_is_named_and_warned, test_guid_names_a_provider_whatever_its_path,
                     test_copied_sample_guid_is_a_warning, test_removal_of_an_installed_product_will_not_last,
                     test_cause_of_a_whole_catalog_with_an_lsp_is_the_provider, test_cause_names_proxifier_and_pgp,
                     test_cause_of_a_whole_microsoft_catalog_is_not_the_catalog,
                     test_cause_of_a_broken_catalog_is_the_catalog,
                     test_removal_names_the_uninstaller_from_the_software_hive,
                     test_todays_products_are_named_with_the_right_severity])
    finally:
        if "dir" in WORK:
            shutil.rmtree(WORK["dir"], ignore_errors=True)

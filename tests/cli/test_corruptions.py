# SPDX-License-Identifier: MIT
"""Corruptions ws2fix has not seen, built from the real data, end to end.

Each case damages a copy of a real hive (with hivexsh), of the real regedit
export with the Tencent LSP (corpus/cingchun-bccc/winsock2.reg) or of a
shipped sample, then checks through the command line that:

1. `diagnose --json` exits 0/1 as its findings say, reports the codes
   docs/findings/ describes with their evidence (view, entry key, catalog id)
   and no other error;
2. `repair --json` (a dry run) changes nothing and exits 1 exactly when its
   plan has steps;
3. `repair --apply` leaves no finding of severity error, and the healthy
   third-party providers (VMware vsocklib, Tencent ierd_tgp_lsp) survive
   whole;
4. for hives, nothing outside `ControlSet00N\\Services\\WinSock2` changes
   except the keys the plan names (reglookup), and regfexport reads the
   written file;
5. `backup` before the repair and `restore` afterwards give back exactly the
   damaged catalog (and, for hives, every key and value).

Cases where ws2fix does not (yet) do what docs/findings/ describes are left out of
this file on purpose; they are reported in the issue that added it.
"""
import hashlib
import json
import os
import shutil
import struct
import subprocess
import sys
import uuid

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import kept  # noqa: E402
import wstest  # noqa: E402
from wstest import Failure  # noqa: E402

WS2FIX = os.path.abspath(sys.argv[1]) if len(sys.argv) > 1 else None

HIVES = {
    "xp": "bitcurator-m57-xpsp3-x86/SYSTEM",
    "xp2": "winevt-kb-xpsp3-x86/SYSTEM",
    "xp64": "itdaniher-winxp-x64-sp2/system",
    "w7x86": "regipy/SYSTEM",
    "w7x64": "shimcacheparser-win7sp1-x64/SYSTEM",
    "w81": "regipy/SYSTEM_2",
    "w10b": "regipy/SYSTEM_B",
    "w10_1903": "regipy/SYSTEM_WIN_10_1709",
    "w10": "dissect-regf-win10-x64/SYSTEM",
}
EXPORT = os.path.join("corpus", "cingchun-bccc", "winsock2.reg")
SAMPLES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "samples")

CS = "\\ControlSet001\\Services\\WinSock2\\Parameters"
PC = CS + "\\Protocol_Catalog9"
E32 = PC + "\\Catalog_Entries"
E64 = PC + "\\Catalog_Entries64"
NS = CS + "\\NameSpace_Catalog5"
P32 = "Protocol_Catalog9\\Catalog_Entries\\"
P64 = "Protocol_Catalog9\\Catalog_Entries64\\"
N32 = "NameSpace_Catalog5\\Catalog_Entries\\"
N64 = "NameSpace_Catalog5\\Catalog_Entries64\\"
DNS_GUID = bytes.fromhex("409d05229e7ecf11ae5a00aa00a7112b")
# The Tencent LSP of the real export: 4 entries per view (hidden entry + 3 chains).
TENCENT = {("32", "ierd_tgp_lsp.dll"): 4, ("64", "ierd_tgp_lsp64.dll"): 4}
# Surgical repair leaves no provider in part: where a chain cannot be put
# back on its base, the whole provider goes, from both views.
TENCENT_GONE = {("32", "ierd_tgp_lsp.dll"): 0, ("64", "ierd_tgp_lsp64.dll"): 0}

WORK = {}  # "dir": the run's temporary folder; "hive:<key>": decompressed originals


def k(n):
    return "%012d" % n


def sha(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def run(*args):
    return wstest.run(WS2FIX, *args)


def run_doc(*args):
    rc, out, err = run(*args)
    try:
        return rc, json.loads(out), err
    except json.JSONDecodeError:
        raise Failure(f"{' '.join(args[:3])}: exit {rc}, not JSON: {out[:200]!r} {err[:300]!r}")


# ------------------------------------------------------------ hive editing
def hivexsh(path, script, write=True):
    p = subprocess.run(["hivexsh"] + (["-w"] if write else []) + [path], input=script.encode(),
                       capture_output=True, timeout=120)
    if p.returncode != 0:
        raise Failure(f"hivexsh: {p.stderr.decode()[:300]}")
    return p.stdout.decode("utf-8", "replace")


def _unescape(s):
    out, i = [], 0
    while i < len(s):
        if s[i] == "\\" and i + 1 < len(s):
            out.append(s[i + 1])
            i += 2
        else:
            out.append(s[i])
            i += 1
    return "".join(out)


def lsval(path, key):
    """Every value of key as (name, type, bytes), from hivexsh's lsval."""
    vals = []
    for line in hivexsh(path, f"cd {key}\nlsval\n", write=False).splitlines():
        if not line:
            continue
        if line.startswith("@="):
            name, rest = "", line[2:]
        else:
            name, rest = line[1:].split('"=', 1)
            name = _unescape(name)
        if rest.startswith("dword:"):
            vals.append((name, 4, struct.pack("<I", int(rest[6:], 16))))
        elif rest.startswith("qword:"):
            vals.append((name, 11, struct.pack("<Q", int(rest[6:], 16))))
        elif rest.startswith("hex"):
            head, data = rest.split(":", 1)
            t = int(head[4:-1]) if head.startswith("hex(") else 3
            vals.append((name, t, bytes.fromhex(data.replace(",", ""))))
        elif rest.startswith('"'):
            vals.append((name, 1, (_unescape(rest[1:-1]) + "\0").encode("utf-16-le")))
        elif rest.startswith("str("):
            t, s = rest[4:].split('):"', 1)
            vals.append((name, int(t), (_unescape(s[:-1]) + "\0").encode("utf-16-le")))
        else:
            raise Failure(f"cannot parse hivexsh output: {line[:100]}")
    return vals


def setval_script(key, vals):
    s = f"cd {key}\nsetval {len(vals)}\n"
    for n, t, d in vals:
        s += (n or "@") + "\n" + f"hex:{t}:" + ",".join(f"{b:02x}" for b in d) + "\n"
    return s


def get_value(path, key, name):
    for n, t, d in lsval(path, key):
        if n.lower() == name.lower():
            return t, d
    raise Failure(f"{key}\\{name} not found")


def set_value(path, key, name, typ, data):
    """Replace (or with typ None delete) one value, keeping the others."""
    vals = [v for v in lsval(path, key) if v[0].lower() != name.lower()]
    if typ is not None:
        vals.append((name, typ, data))
    hivexsh(path, setval_script(key, vals) + "commit\n")


def set_dwords(path, key, **values):
    vals = [v for v in lsval(path, key) if v[0] not in values]
    vals += [(n, 4, struct.pack("<I", x)) for n, x in values.items()]
    hivexsh(path, setval_script(key, vals) + "commit\n")


def del_key(path, *keys):
    hivexsh(path, "".join(f"cd {key}\ndel\n" for key in keys) + "commit\n")


def hive_item(path, key):
    return get_value(path, key, "PackedCatalogItem")[1]


# ------------------------------------------------------------ PackedCatalogItem
def item_fields(d):
    af, typ, proto = struct.unpack_from("<iii", d, 336)[0], *struct.unpack_from("<ii", d, 348)
    return {"af": af, "type": typ, "proto": proto, "guid": str(uuid.UUID(bytes_le=bytes(d[280:296]))).upper()}


def patch(d, path=None, cid=None, chainlen=None, chain=None, guid=None, name=None, flags=None, af=None):
    d = bytearray(d)
    if path is not None:
        p = path.encode("latin-1") + b"\0"
        d[0:len(p)] = p
    if flags is not None:
        struct.pack_into("<I", d, 276, flags)
    if guid is not None:
        d[280:296] = uuid.UUID(guid).bytes_le
    if cid is not None:
        struct.pack_into("<I", d, 296, cid & 0xFFFFFFFF)
    if chainlen is not None:
        struct.pack_into("<i", d, 300, chainlen)
    if chain is not None:
        for i, c in enumerate(chain):
            struct.pack_into("<I", d, 304 + 4 * i, c)
    if af is not None:
        struct.pack_into("<i", d, 336, af)
    if name is not None:
        n = name.encode("utf-16-le") + b"\0\0"
        d[376:376 + len(n)] = n
    return bytes(d)


# ------------------------------------------------------------ .reg editing
def reg_read(path):
    with open(path, "rb") as f:
        data = f.read()
    return data[2:].decode("utf-16-le") if data[:2] == b"\xff\xfe" else data.decode("latin-1")


def reg_write(path, text):
    with open(path, "wb") as f:
        f.write(b"\xff\xfe" + text.encode("utf-16-le"))


def hexdata(raw):
    return bytes.fromhex(raw.split(":", 1)[1].replace(",", "").replace(" ", ""))


def hexval(t, d):
    return ("hex:" if t == 3 else f"hex({t:x}):") + ",".join(f"{b:02x}" for b in d)


def dword(n):
    return "dword:%08x" % (n & 0xFFFFFFFF)


class Reg:
    """A regedit export as sections; continuation lines joined."""

    def __init__(self, path):
        self.path = path
        self.secs = []
        lines = reg_read(path).replace("\r\n", "\n").split("\n")
        self.header = lines[0]
        i = 1
        while i < len(lines):
            line = lines[i]
            while line.endswith("\\") and i + 1 < len(lines):
                i += 1
                line = line[:-1] + lines[i].lstrip()
            if line.startswith("["):
                self.secs.append([line[1:-1], []])
            elif line and self.secs:
                self.secs[-1][1].append(line)
            i += 1

    def sec(self, suffix):
        for s in self.secs:
            if s[0].lower().endswith(suffix.lower()):
                return s
        raise Failure(f"no section ending in {suffix}")

    def get(self, suffix, name):
        for line in self.sec(suffix)[1]:
            if line.lower().startswith(f'"{name.lower()}"='):
                return line.split("=", 1)[1]
        return None

    def set(self, suffix, name, raw):
        s = self.sec(suffix)
        s[1] = [x for x in s[1] if not x.lower().startswith(f'"{name.lower()}"=')]
        if raw is not None:
            s[1].append(f'"{name}"={raw}')

    def item(self, suffix):
        return hexdata(self.get(suffix, "PackedCatalogItem"))

    def set_item(self, suffix, d):
        self.set(suffix, "PackedCatalogItem", hexval(3, d))

    def delete(self, suffix):
        h = self.sec(suffix)[0].lower()
        self.secs = [x for x in self.secs if x[0].lower() != h and not x[0].lower().startswith(h + "\\")]

    def rename(self, suffix, new):
        old = self.sec(suffix)[0]
        to = old.rsplit("\\", 1)[0] + "\\" + new
        for x in self.secs:
            if x[0] == old or x[0].startswith(old + "\\"):
                x[0] = to + x[0][len(old):]

    def add(self, parent_suffix, name, lines):
        self.secs.append([self.sec(parent_suffix)[0] + "\\" + name, lines])

    def save(self):
        out = [self.header, ""]
        for h, lines in self.secs:
            out += [f"[{h}]"] + lines + [""]
        reg_write(self.path, "\r\n".join(out) + "\r\n")


# ------------------------------------------------------------ sources
def case_dir(name):
    d = os.path.join(WORK["dir"], name)
    os.makedirs(d)
    return d


def hive_copy(name, key):
    cache = "hive:" + key
    if cache not in WORK:
        xz = os.path.join(wstest.shared_dir(), "hives", HIVES[key] + ".xz")
        WORK[cache] = wstest.unxz(xz, WORK["dir"], "orig-" + key)
    dst = os.path.join(case_dir(name), os.path.basename(HIVES[key]))
    shutil.copy(WORK[cache], dst)
    return dst


def export_copy(name):
    dst = os.path.join(case_dir(name), "winsock2.reg")
    shutil.copy(os.path.join(wstest.shared_dir(), EXPORT), dst)
    return dst, Reg(dst)


def sample_copy(name, which):
    dst = os.path.join(case_dir(name), "sample.reg")
    shutil.copy(os.path.join(SAMPLES, f"winsock2-{which}.reg"), dst)
    return dst, Reg(dst)


def fake_windows(name, dlls, missing_wow64=(), x64=True):
    """A mounted Windows: the DLLs named, and the core files without which
    ws2fix does not take a folder for a Windows (ntdll.dll, ws2_32.dll);
    SysWOW64 only on x64, as the hive's architecture must agree."""
    root = os.path.join(WORK["dir"], name, "Windows")
    for sub in ("System32", "SysWOW64") if x64 else ("System32",):
        os.makedirs(os.path.join(root, sub), exist_ok=True)
        for dll in list(dlls) + ["ntdll.dll", "ws2_32.dll"]:
            if not (sub == "SysWOW64" and dll in missing_wow64):
                open(os.path.join(root, sub, dll), "wb").close()
    return root


W10_DLLS = ["mswsock.dll", "napinsp.dll", "pnrpnsp.dll", "wshbth.dll", "NLAapi.dll", "winrnr.dll", "vsocklib.dll",
            "wshtcpip.dll", "wship6.dll", "wshqos.dll", "wshhyperv.dll", "hvsocket.dll", "wshunix.dll", "afunix.dll"]
XP_DLLS = ["mswsock.dll", "rsvpsp.dll", "winrnr.dll", "wshtcpip.dll", "wship6.dll", "msafd.dll", "wshnetbs.dll",
           "wshqos.dll"]


def reglookup_rows(path):
    p = subprocess.run(["reglookup", "-H", path], capture_output=True, timeout=300)
    if p.returncode != 0:
        raise Failure(f"reglookup failed on {path}")
    rows = set()
    for line in p.stdout.decode("utf-8", "replace").splitlines():
        parts = line.split(",")
        if len(parts) >= 3:  # key rows lose their last-write time
            rows.add((parts[0], parts[1], ",".join(parts[2:-1]) if parts[1] == "KEY" else ",".join(parts[2:])))
    return rows


# ------------------------------------------------------------ the five checks
def scenario(name, kind, path, expect=(), allowed=(), expect_rc=None, extra=(), cs="ControlSet001",
             keep=None, survive=(), plan_check=None, check=None):
    """expect: findings that must be there, as dicts of JSON fields; allowed:
    further error codes that may come with them; keep: {(view, dll): count}
    after the repair; a hive's every key and value is compared (reglookup);
    plan_check(plan document) on the dry run's plan, check(path) on the
    repaired source before the backup is restored."""
    src = ["--hive" if kind == "hive" else "--reg", path, *extra]
    # Every hive case gets the whole-hive (reglookup) and regfexport checks.
    whole_hive = regf = kind == "hive"
    # 1. diagnose
    rc, doc, err = run_doc("diagnose", *src, "--json")
    findings = doc.get("findings", [])
    errors = [f for f in findings if f["severity"] == "error"]
    if rc not in (0, 1) or (rc == 1) != bool(errors):
        raise Failure(f"diagnose: exit {rc} with {len(errors)} errors {err[:200]}")
    if expect_rc is not None and rc != expect_rc:
        raise Failure(f"diagnose: exit {rc}, expected {expect_rc}: {[(f['code'], f['message']) for f in errors]}")
    if doc["summary"]["errors"] != len(errors):
        raise Failure("summary does not count the errors")
    for e in expect:
        if not any(all(f.get(key) == v for key, v in e.items()) for f in findings):
            raise Failure(f"no finding {e}; got {[(f['code'], f['view'], f['entry'], f['catalog_id']) for f in findings]}")
    ok = {e["code"] for e in expect} | set(allowed)
    stray = [(f["code"], f["view"], f["entry"], f["message"]) for f in errors if f["code"] not in ok]
    if stray:
        raise Failure(f"unexpected errors: {stray}")
    # 2. dry run
    folder = os.path.dirname(os.path.abspath(path))
    before, files = sha(path), sorted(os.listdir(folder))
    rc, plan, err = run_doc("repair", *src, "--json")
    if sha(path) != before or sorted(os.listdir(folder)) != files:
        raise Failure("the dry run changed something")
    steps = plan["plan"]["steps"]
    if rc != (1 if steps else 0):
        raise Failure(f"dry run: exit {rc} with {len(steps)} steps")
    if plan_check:
        plan_check(plan)
    rows = reglookup_rows(path) if whole_hive else None
    # 3. backup, apply, diagnose again
    pre = os.path.join(WORK["dir"], name + "-pre.reg")
    rc, out, err = run(*src, "backup", pre)
    if rc != 0:
        raise Failure(f"backup: exit {rc}: {err}")
    force = ["--force"] if doc["source"].get("dirty") else []
    if doc["source"]["kind"] == "reg":
        force.append("--edit-export")  # the lab edits its copy; no machine
    entries = kept.rows(path) if whole_hive else None
    rc, applied, err = run_doc("repair", *src, "--apply", *force, "--json")
    if rc != 0:
        raise Failure(f"--apply: exit {rc}: {err[:300]}")
    if whole_hive:
        kept.check(entries, kept.rows(path), name)
    rc, after, err = run_doc("diagnose", *src, "--json")
    left = [(f["code"], f["view"], f["entry"]) for f in after["findings"] if f["severity"] == "error"]
    if rc != 0 or left:
        raise Failure(f"after --apply: exit {rc}, errors {left}")
    paths = [(c["view"], e.get("path", "").lower()) for c in after["catalogs"] if c["kind"] == "protocol"
             for e in c["entries"]]
    for dll in survive:
        if not any(dll.lower() in p for _, p in paths):
            raise Failure(f"the healthy provider {dll} did not survive the repair")
    whole_providers(doc, after)
    for (view, dll), n in (keep or {}).items():
        got = sum(1 for v, p in paths if v == view and dll.lower() in p)
        if got != n:
            raise Failure(f"{view}-bit view has {got} entries of {dll} after the repair, expected {n}")
    if check:
        check(path)
    # 4. nothing else changed; regfexport reads the file
    if whole_hive:
        if doc["source"].get("controlset_key", "").lower().startswith("controlset"):
            cs = doc["source"]["controlset_key"]
        named = [f"/{cs}/services/winsock2".lower()]
        named += ["/" + op["key"].replace("\\", "/").lower() for op in applied["plan"]["operations"]]
        outside = lambda rs: {r for r in rs if not any(r[0].lower().startswith(n) for n in named)}  # noqa: E731
        now = reglookup_rows(path)
        if outside(rows) != outside(now):
            raise Failure(f"changed outside the catalog: {sorted(outside(rows) ^ outside(now))[:4]}")
    if regf:
        p = subprocess.run(["regfexport", path], capture_output=True, timeout=300, cwd=folder)
        if p.returncode != 0:
            raise Failure(f"regfexport cannot read the repaired hive: {p.stderr.decode()[:200]}")
    # 5. restore the backup taken before the repair
    rc, out, err = run(*src, "restore", pre, *force)
    if rc != 0:
        raise Failure(f"restore: exit {rc}: {err[:300]}")
    rc, back, err = run_doc("diagnose", *src, "--json")
    if json.dumps(back["catalogs"], sort_keys=True) != json.dumps(doc["catalogs"], sort_keys=True):
        raise Failure("restore did not give back the damaged catalog")
    if [(f["code"], f["entry"]) for f in back["findings"]] != [(f["code"], f["entry"]) for f in findings]:
        raise Failure("restore: the findings differ from the damaged catalog's")
    if whole_hive and reglookup_rows(path) != rows:
        raise Failure("restore: the hive differs from the damaged one")


def _stem(path):
    name = path.replace("/", "\\").rsplit("\\", 1)[-1].lower()
    name = name.rsplit(".", 1)[0]
    return name[:-2] if name.endswith("64") else name


def whole_providers(before, after):
    """No third-party layered provider is left in part: after the repair
    each one has, in every view, as many entries as the damaged catalog had
    that are not damaged themselves, or none in any view (issue "One repair
    engine", item 5)."""
    def count(doc):
        n = {}
        layered = set()
        for c in doc["catalogs"]:
            if c["kind"] != "protocol":
                continue
            for e in c["entries"]:
                if e.get("vendor") != "third-party" or e.get("problems") or not e.get("path"):
                    continue
                st = _stem(e["path"])
                n[(c["view"], st)] = n.get((c["view"], st), 0) + 1
                if e.get("kind") == "layered":
                    layered.add(st)
        return n, layered
    nb, lb = count(before)
    na, _ = count(after)
    for st in lb:
        views = {v for (v, s) in nb if s == st}
        left = {v: na.get((v, st), 0) for v in views}
        if all(n == 0 for n in left.values()):
            continue
        for v in views:
            if left[v] not in (0, nb[(v, st)]) or (left[v] == 0 and any(left.values())):
                raise Failure(f"provider {st} left in part: {v}-bit view has {left[v]} of its "
                              f"{nb[(v, st)]} entries after the repair ({left})")


def F(code, **kw):
    kw["code"] = code
    return kw


CASES = []


def case(fn):
    def test():
        fn(fn.__name__)
    test.__name__ = fn.__name__
    CASES.append(test)
    return fn


# ------------------------------------------------------------ the real export (Tencent LSP)
@case
def export_chain_of_three_missing_middle(name):
    p, r = export_copy(name)
    r.set_item(P32 + k(17), patch(r.item(P32 + k(17)), chainlen=3, chain=[1016, 1099, 1007]))
    r.save()
    scenario(name, "reg", p, [F("CHAIN_BROKEN", view="32", entry=k(17), catalog_id=1017)], keep=TENCENT)


@case
def export_chain_base_is_a_chain(name):
    p, r = export_copy(name)
    r.set_item(P32 + k(18), patch(r.item(P32 + k(18)), chain=[1016, 1017]))
    r.save()
    # Put back on its base (the one base of its kind): the provider stays whole.
    scenario(name, "reg", p, [F("CHAIN_BROKEN", view="32", entry=k(18), catalog_id=1018)], keep=TENCENT)


@case
def export_chain_points_to_itself(name):
    p, r = export_copy(name)
    r.set_item(P64 + k(17), patch(r.item(P64 + k(17)), chain=[1020, 1021]))
    r.save()
    scenario(name, "reg", p, [F("CHAIN_BROKEN", view="64", entry=k(17), catalog_id=1021)], keep=TENCENT)


@case
def export_chain_only_itself(name):
    p, r = export_copy(name)
    r.set_item(P64 + k(17), patch(r.item(P64 + k(17)), chain=[1021, 1021]))
    r.save()
    # Its layer comes from the provider's other chains (one layer: 1020).
    scenario(name, "reg", p, [F("CHAIN_BROKEN", view="64", entry=k(17), catalog_id=1021)], keep=TENCENT)


@case
def export_chain_names_id_zero(name):
    p, r = export_copy(name)
    r.set_item(P64 + k(19), patch(r.item(P64 + k(19)), chain=[1020, 0]))
    r.save()
    scenario(name, "reg", p, [F("CHAIN_BROKEN", view="64", entry=k(19), catalog_id=1023)], survive=["ierd_tgp_lsp64"])


@case
def export_chain_length_8(name):
    p, r = export_copy(name)
    r.set_item(P64 + k(18), patch(r.item(P64 + k(18)), chainlen=8))
    r.save()
    scenario(name, "reg", p, [F("ENTRY_MALFORMED", view="64", entry=k(18), catalog_id=1022)], allowed=["CHAIN_BROKEN"],
             keep={("32", "ierd_tgp_lsp.dll"): 4, ("64", "ierd_tgp_lsp64.dll"): 3})


@case
def export_chain_length_minus_1(name):
    p, r = export_copy(name)
    r.set_item(P32 + k(19), patch(r.item(P32 + k(19)), chainlen=-1))
    r.save()
    scenario(name, "reg", p, [F("ENTRY_MALFORMED", view="32", entry=k(19))], allowed=["CHAIN_BROKEN"],
             survive=["ierd_tgp_lsp.dll"])


@case
def export_catalog_id_0(name):
    p, r = export_copy(name)
    r.set_item(P32 + k(19), patch(r.item(P32 + k(19)), cid=0))
    r.save()
    # A chain that must go takes its provider with it, in both views.
    scenario(name, "reg", p, [F("ENTRY_MALFORMED", view="32", entry=k(19))], keep=TENCENT_GONE)


@case
def export_same_ids_in_both_views_is_healthy(name):
    p, r = export_copy(name)
    r.set_item(P64 + k(16), patch(r.item(P64 + k(16)), cid=1016))
    for key, cid, base in ((17, 1017, 1007), (18, 1018, 1008), (19, 1019, 1009)):
        r.set_item(P64 + k(key), patch(r.item(P64 + k(key)), cid=cid, chain=[1016, base]))
    r.save()
    scenario(name, "reg", p, expect_rc=0, keep=TENCENT)


@case
def export_duplicate_id_in_one_view(name):
    p, r = export_copy(name)
    r.set_item(P32 + k(19), patch(r.item(P32 + k(19)), cid=1018))
    r.save()
    scenario(name, "reg", p, [F("DUPLICATE_CATALOG_ID", view="32", catalog_id=1018)], keep=TENCENT)


@case
def export_chain_takes_a_base_id(name):
    p, r = export_copy(name)
    r.set_item(P64 + k(19), patch(r.item(P64 + k(19)), cid=1007))
    r.save()
    scenario(name, "reg", p, [F("DUPLICATE_CATALOG_ID", view="64", catalog_id=1007)], allowed=["CHAIN_BROKEN"],
             keep=TENCENT)


@case
def export_entry_count_as_reg_sz(name):
    p, r = export_copy(name)
    r.set("Protocol_Catalog9", "Num_Catalog_Entries", '"19"')
    r.save()
    scenario(name, "reg", p, [F("ENTRY_COUNT_MISMATCH", view="32")], keep=TENCENT)


@case
def export_entry_count64_too_high(name):
    p, r = export_copy(name)
    r.set("Protocol_Catalog9", "Num_Catalog_Entries64", dword(25))
    r.save()
    scenario(name, "reg", p, [F("ENTRY_COUNT_MISMATCH", view="64")], keep=TENCENT)


@case
def export_key_named_12(name):
    p, r = export_copy(name)
    r.rename(P32 + k(12), "12")
    r.save()
    scenario(name, "reg", p, [F("ENTRY_NUMBERING", view="32", entry="12")], keep=TENCENT)


@case
def export_key_named_hex(name):
    p, r = export_copy(name)
    r.rename(P64 + k(19), "0000000000A1")
    r.save()
    scenario(name, "reg", p, [F("ENTRY_NUMBERING", view="64", entry="0000000000A1")], keep=TENCENT)


@case
def export_stray_subkey(name):
    p, r = export_copy(name)
    r.add("Protocol_Catalog9\\Catalog_Entries64", "Backup", ['"Note"="left by an installer"'])
    r.save()
    scenario(name, "reg", p, [F("ENTRY_NUMBERING", view="64", entry="Backup")],
             allowed=["ENTRY_COUNT_MISMATCH", "ENTRY_MALFORMED"], keep=TENCENT)


@case
def export_next_id_missing(name):
    p, r = export_copy(name)
    r.set("Protocol_Catalog9", "Next_Catalog_Entry_ID", None)
    r.save()
    scenario(name, "reg", p, [F("NEXT_ID_INVALID")], keep=TENCENT)


@case
def export_next_id_equals_highest(name):
    p, r = export_copy(name)
    r.set("Protocol_Catalog9", "Next_Catalog_Entry_ID", dword(1023))
    r.save()
    scenario(name, "reg", p, [F("NEXT_ID_INVALID")], keep=TENCENT)


@case
def export_next_id_far_above_is_healthy(name):
    p, r = export_copy(name)
    r.set("Protocol_Catalog9", "Next_Catalog_Entry_ID", dword(1100))
    r.save()
    scenario(name, "reg", p, expect_rc=0, keep=TENCENT)


@case
def export_entries64_key_missing(name):
    p, r = export_copy(name)
    r.delete("Protocol_Catalog9\\Catalog_Entries64")
    r.save()
    scenario(name, "reg", p, [F("CATALOG_MISSING", view="64")], allowed=["ENTRY_COUNT_MISMATCH"],
             survive=["ierd_tgp_lsp.dll"])


@case
def export_item_887_bytes(name):
    p, r = export_copy(name)
    r.set_item(P32 + k(17), r.item(P32 + k(17))[:887])
    r.save()
    scenario(name, "reg", p, [F("ENTRY_MALFORMED", view="32", entry=k(17), catalog_id=1017)],
             keep={("32", "ierd_tgp_lsp.dll"): 3, ("64", "ierd_tgp_lsp64.dll"): 4})


@case
def export_item_missing(name):
    p, r = export_copy(name)
    r.set(P32 + k(14), "PackedCatalogItem", None)
    r.save()
    scenario(name, "reg", p, [F("ENTRY_MALFORMED", view="32", entry=k(14))], keep=TENCENT)


@case
def export_path_without_nul(name):
    p, r = export_copy(name)
    d = bytearray(r.item(P64 + k(13)))
    d[0:260] = b"A" * 260
    r.set_item(P64 + k(13), bytes(d))
    r.save()
    scenario(name, "reg", p, [F("ENTRY_MALFORMED", view="64", entry=k(13), catalog_id=1013)], keep=TENCENT)


@case
def export_name_without_nul(name):
    p, r = export_copy(name)
    d = bytearray(r.item(P64 + k(17)))
    d[376:888] = "X".encode("utf-16-le") * 256
    r.set_item(P64 + k(17), bytes(d))
    r.save()
    scenario(name, "reg", p, [F("ENTRY_MALFORMED", view="64", entry=k(17), catalog_id=1021)], survive=["ierd_tgp_lsp64"])


@case
def export_address_family_out_of_range(name):
    p, r = export_copy(name)
    r.set_item(P32 + k(18), patch(r.item(P32 + k(18)), af=-5))
    r.save()
    scenario(name, "reg", p, [F("ENTRY_MALFORMED", view="32", entry=k(18), catalog_id=1018)], keep=TENCENT_GONE)


@case
def export_stale_bytes_are_healthy(name):
    # bytes after a NUL and unused chain slots are not corruption (facts.md)
    p, r = export_copy(name)
    d = bytearray(r.item(P64 + k(3)))
    n = d.index(0)
    d[n + 1:260] = bytes(((i * 7) & 0xFF) or 1 for i in range(259 - n))
    for s in range(1, 7):
        struct.pack_into("<I", d, 304 + 4 * s, 0xDEADBEEF)
    r.set_item(P64 + k(3), bytes(d))
    d = bytearray(r.item(P32 + k(17)))
    for s in range(2, 7):
        struct.pack_into("<I", d, 304 + 4 * s, 0x41414141)
    r.set_item(P32 + k(17), bytes(d))
    r.save()
    scenario(name, "reg", p, expect_rc=0, keep=TENCENT)


@case
def export_chains_listed_first_is_healthy(name):
    p, r = export_copy(name)
    for i in range(1, 20):
        r.rename(P32 + k(i), "tmp%d" % i)
    for new, old in enumerate([16, 17, 18, 19] + list(range(1, 16)), 1):
        r.rename(P32 + "tmp%d" % old, k(new))
    r.save()
    scenario(name, "reg", p, expect_rc=0, keep=TENCENT)


@case
def export_ns_provider_id_missing(name):
    p, r = export_copy(name)
    r.set(N32 + k(3), "ProviderId", None)
    r.save()
    scenario(name, "reg", p, [F("NAMESPACE_MALFORMED", view="32", entry=k(3))], keep=TENCENT)


@case
def export_ns_provider_id_15_bytes(name):
    p, r = export_copy(name)
    r.set(N64 + k(5), "ProviderId", hexval(3, hexdata(r.get(N64 + k(5), "ProviderId"))[:15]))
    r.save()
    scenario(name, "reg", p, [F("NAMESPACE_MALFORMED", view="64", entry=k(5))], keep=TENCENT)


@case
def export_ns_supported_namespace_sz(name):
    p, r = export_copy(name)
    r.set(N32 + k(6), "SupportedNameSpace", '"15"')
    r.save()
    scenario(name, "reg", p, [F("NAMESPACE_MALFORMED", view="32", entry=k(6))], keep=TENCENT)


@case
def export_ns_count_wrong(name):
    p, r = export_copy(name)
    r.set("NameSpace_Catalog5", "Num_Catalog_Entries", dword(9))
    r.save()
    scenario(name, "reg", p, [F("ENTRY_COUNT_MISMATCH", view="32", catalog="namespace")], keep=TENCENT)


@case
def export_ns_variations_are_healthy(name):
    p, r = export_copy(name)
    r.set(N32 + k(2), "Enabled", dword(0))
    r.set(N32 + k(3), "StoresServiceClassInfo", None)
    r.set(N64 + k(3), "StoresServiceClassInfo", dword(5))
    r.set(N64 + k(1), "Version", None)
    r.save()
    scenario(name, "reg", p, expect_rc=0, keep=TENCENT)


@case
def export_dns_removed_from_64bit_view(name):
    p, r = export_copy(name)
    r.delete(N64 + k(4))
    for i in (5, 6, 7):
        r.rename(N64 + k(i), k(i - 1))
    r.set("NameSpace_Catalog5", "Num_Catalog_Entries64", dword(6))
    r.save()
    scenario(name, "reg", p, [F("NAMESPACE_PROVIDER_MISSING", view="64")], keep=TENCENT)


@case
def export_webhancer_upper_case_with_path(name):
    p, r = export_copy(name)
    for i in (16, 17, 18, 19):
        r.set_item(P64 + k(i), patch(r.item(P64 + k(i)), path="C:\\Program Files\\WebHancer\\Programs\\WEBHDLL.DLL"))
    r.save()
    scenario(name, "reg", p, [F("KNOWN_MALICIOUS_PROVIDER", view="64", entry=k(16), catalog_id=1020)],
             keep={("32", "ierd_tgp_lsp.dll"): 4, ("64", "webhdll.dll"): 0})


@case
def export_webhancer_bare_mixed_case(name):
    p, r = export_copy(name)
    for i in (16, 17, 18, 19):
        r.set_item(P32 + k(i), patch(r.item(P32 + k(i)), path="WebhDll.dll"))
    r.save()
    scenario(name, "reg", p, [F("KNOWN_MALICIOUS_PROVIDER", view="32", entry=k(16), catalog_id=1016)],
             keep={("64", "ierd_tgp_lsp64.dll"): 4, ("32", "webhdll.dll"): 0})


@case
def export_newdotnet_wildcard(name):
    p, r = export_copy(name)
    for i in (16, 17, 18, 19):
        r.set_item(P32 + k(i), patch(r.item(P32 + k(i)), path="%SystemRoot%\\System32\\NEWDOTNET7_1.DLL"))
    r.save()
    scenario(name, "reg", p, [F("KNOWN_MALICIOUS_PROVIDER", view="32")],
             keep={("64", "ierd_tgp_lsp64.dll"): 4, ("32", "newdotnet"): 0})


@case
def export_newdotnet_in_one_chain(name):
    p, r = export_copy(name)
    r.set_item(P32 + k(18), patch(r.item(P32 + k(18)), path="c:\\windows\\system32\\newdotnet6_38.dll"))
    r.save()
    # The hijacked chain names another DLL than the layer it sits on
    # (CHAIN_BROKEN too): it goes, and Tencent, whose layer it borrowed,
    # stays with every entry it still has (issue 18: the other provider
    # stays whole).
    scenario(name, "reg", p, [F("KNOWN_MALICIOUS_PROVIDER", view="32", entry=k(18), catalog_id=1018),
                              F("CHAIN_BROKEN", view="32", entry=k(18), catalog_id=1018)],
             keep={("32", "ierd_tgp_lsp.dll"): 3, ("64", "ierd_tgp_lsp64.dll"): 4, ("32", "newdotnet"): 0})


@case
def export_cnmib_namespace_provider(name):
    p, r = export_copy(name)
    r.set(N32 + k(7), "LibraryPath", '"%SystemRoot%\\\\system32\\\\cnmib.dll"')
    r.save()
    scenario(name, "reg", p, [F("KNOWN_MALICIOUS_PROVIDER", view="32", entry=k(7))], keep=TENCENT)


@case
def export_current_catalog_path_traversal_ignored(name):
    p, r = export_copy(name)
    r.set("WinSock2\\Parameters", "Current_Protocol_Catalog", '"..\\\\..\\\\x"')
    r.save()
    scenario(name, "reg", p, expect_rc=0, keep=TENCENT)


@case
def export_current_catalog_other_name_ignored(name):
    # ws2_32 reads Protocol_Catalog9 whatever Current_Protocol_Catalog says.
    p, r = export_copy(name)
    r.set("WinSock2\\Parameters", "Current_Protocol_Catalog", '"Protocol_Catalog8"')
    r.save()
    scenario(name, "reg", p, expect_rc=0, keep=TENCENT)


@case
def export_base_item_889_bytes_keeps_the_lsp_over_it(name):
    # MSAFD TCP (id 1007, under Tencent's 64-bit TCP chain) damaged: it comes
    # back from the defaults with its id, and the chain over it stays.
    p, r = export_copy(name)
    r.set_item(P64 + k(3), r.item(P64 + k(3)) + b"\0")
    r.save()
    scenario(name, "reg", p, [F("ENTRY_MALFORMED", view="64", entry=k(3))], keep=TENCENT)


@case
def export_microsoft_id_on_a_foreign_dll(name):
    # ZeroAccess style: MSAFD TCP's ProviderId, a bare mswsock.dll path.
    p, r = export_copy(name)
    r.set_item(P64 + k(3), patch(r.item(P64 + k(3)), path="mswsock.dll"))
    r.save()
    scenario(name, "reg", p, [F("KNOWN_MALICIOUS_PROVIDER", view="64", entry=k(3), catalog_id=1007)], keep=TENCENT)


@case
def export_second_lsp_removed_over_tencent(name):
    # a second LSP (layer 1030, gone) stacked on Tencent: chain 1030 -> 1016 -> 1007
    p, r = export_copy(name)
    d = patch(r.item(P32 + k(17)), cid=1031, chainlen=3, chain=[1030, 1016, 1007],
              path="%ProgramFiles%\\OtherFilter\\ofilter.dll", guid="11111111-2222-3333-4444-555555555555")
    r.add("Protocol_Catalog9\\Catalog_Entries", k(20), ['"PackedCatalogItem"=' + hexval(3, d)])
    r.set("Protocol_Catalog9", "Num_Catalog_Entries", dword(20))
    r.set("Protocol_Catalog9", "Next_Catalog_Entry_ID", dword(1032))
    r.save()
    scenario(name, "reg", p, [F("CHAIN_BROKEN", view="32", entry=k(20), catalog_id=1031)], keep=TENCENT)


@case
def export_second_lsp_healthy_over_tencent(name):
    p, r = export_copy(name)
    lay = patch(r.item(P32 + k(16)), cid=1030, path="%ProgramFiles%\\OtherFilter\\ofilter.dll",
                guid="11111111-2222-3333-4444-555555555554", name="OtherFilter")
    ch = patch(r.item(P32 + k(17)), cid=1031, chainlen=3, chain=[1030, 1016, 1007],
               path="%ProgramFiles%\\OtherFilter\\ofilter.dll", guid="11111111-2222-3333-4444-555555555555",
               name="OtherFilter over ierd_tgp_lsp")
    r.add("Protocol_Catalog9\\Catalog_Entries", k(20), ['"PackedCatalogItem"=' + hexval(3, lay)])
    r.add("Protocol_Catalog9\\Catalog_Entries", k(21), ['"PackedCatalogItem"=' + hexval(3, ch)])
    r.set("Protocol_Catalog9", "Num_Catalog_Entries", dword(21))
    r.save()
    scenario(name, "reg", p, expect_rc=0, keep={("32", "ierd_tgp_lsp.dll"): 4, ("64", "ierd_tgp_lsp64.dll"): 4,
                                                  ("32", "ofilter.dll"): 2})


@case
def export_hidden_entry_gone_from_64bit_view(name):
    p, r = export_copy(name)
    r.delete(P64 + k(16))
    for i in (17, 18, 19):
        r.rename(P64 + k(i), k(i - 1))
    r.set("Protocol_Catalog9", "Num_Catalog_Entries64", dword(18))
    r.save()
    # No layered entry to put the chains back on: removed whole, from both views.
    scenario(name, "reg", p, [F("CHAIN_BROKEN", view="64", entry=k(i), catalog_id=1005 + i) for i in (16, 17, 18)],
             keep=TENCENT_GONE)


@case
def export_lsp_gone_from_32bit_view(name):
    p, r = export_copy(name)
    for i in (16, 17, 18, 19):
        r.delete(P32 + k(i))
    r.set("Protocol_Catalog9", "Num_Catalog_Entries", dword(15))
    r.save()
    # The 64-bit view's base of the Tencent LSP has no 32-bit counterpart.
    scenario(name, "reg", p, [F("VIEW_MISMATCH", view="64", catalog_id=1020)], allowed=["CHAIN_BROKEN"])


@case
def export_regedit4_ansi_lf_is_healthy(name):
    p, r = export_copy(name)
    text = reg_read(p).replace("Windows Registry Editor Version 5.00", "REGEDIT4").replace("\r\n", "\n")
    with open(p, "wb") as f:
        f.write(text.encode("cp1252"))
    scenario(name, "reg", p, expect_rc=0, keep=TENCENT)


@case
def export_plan_says_relinked_or_removed_whole(name):
    # The plan says which it did and why: a chain put back on its base is a
    # step naming the base; a provider removed whole is a note naming why.
    p, r = export_copy(name)
    r.set_item(P64 + k(17), patch(r.item(P64 + k(17)), chain=[1020, 1021]))
    r.save()
    rc, plan, err = run_doc("repair", "--reg", p, "--json")
    steps = [s["action"] for s in plan["plan"]["steps"]]
    if not any("put the protocol chain of" in t and "back on MSAFD Tcpip" in t for t in steps):
        raise Failure(f"no relink step: {steps}")
    if plan["plan"]["removes_providers"]:
        raise Failure(f"a relinked provider is listed as removed: {plan['plan']['removes_providers']}")
    p, r = export_copy(name + "-whole")
    r.delete(P32 + k(16))  # the 32-bit layered entry: its chains have no layer left
    for i in (17, 18, 19):
        r.rename(P32 + k(i), k(i - 1))
    r.set("Protocol_Catalog9", "Num_Catalog_Entries", dword(18))
    r.save()
    rc, plan, err = run_doc("repair", "--reg", p, "--json", "--lang", "sv")
    notes = plan["plan"]["notes"]
    if not any("tas bort helt" in n and "dess egen skiktpost saknas" in n for n in notes):
        raise Failure(f"no whole-removal note (sv): {notes}")
    removed = {x.lower() for x in plan["plan"]["removes_providers"]}
    if not any("ierd_tgp_lsp64.dll" in x for x in removed) or not any("ierd_tgp_lsp.dll" in x for x in removed):
        raise Failure(f"not removed from both views: {removed}")


@case
def export_of_controlset002(name):
    p, r = export_copy(name)
    reg_write(p, reg_read(p).replace("CurrentControlSet", "ControlSet002"))
    r = Reg(p)
    r.set_item(P32 + k(17), patch(r.item(P32 + k(17)), chain=[1099, 1007]))
    r.save()
    scenario(name, "reg", p, [F("CHAIN_BROKEN", view="32", entry=k(17), catalog_id=1017)], keep=TENCENT)


# ------------------------------------------------------------ shipped samples
@case
def sample_layer_gone_from_64bit_view(name):
    p, r = sample_copy(name, "healthy-lsp")
    r.delete(P64 + k(7))
    for i in (8, 9):
        r.rename(P64 + k(i), k(i - 1))
    r.set("Protocol_Catalog9", "Num_Catalog_Entries64", dword(8))
    r.save()
    scenario(name, "reg", p, [F("CHAIN_BROKEN", view="64", entry=k(7), catalog_id=1008),
                              F("CHAIN_BROKEN", view="64", entry=k(8), catalog_id=1009)],
             keep={("32", "exfilter64.dll"): 0, ("64", "exfilter64.dll"): 0})


@case
def sample_orphaned_layer_is_a_warning(name):
    p, r = sample_copy(name, "healthy-lsp")
    for pre in (P32, P64):
        r.delete(pre + k(8))
        r.delete(pre + k(9))
    r.set("Protocol_Catalog9", "Num_Catalog_Entries64", dword(7))
    r.set("Protocol_Catalog9", "Num_Catalog_Entries", dword(7))
    r.save()
    scenario(name, "reg", p, [F("LAYER_ORPHANED", view="64", entry=k(7), catalog_id=1007, severity="warning")],
             expect_rc=0, keep={("32", "exfilter64.dll"): 0, ("64", "exfilter64.dll"): 0})


@case
def sample_broken_lsp_as_utf8(name):
    p, r = sample_copy(name, "broken-lsp")
    text = reg_read(p)
    with open(p, "wb") as f:
        f.write(text.encode("utf-8"))
    scenario(name, "reg", p, [F("CHAIN_BROKEN", view="64", entry=k(7), catalog_id=1008),
                              F("CHAIN_BROKEN", view="32", entry=k(8), catalog_id=1009)])


# ------------------------------------------------------------ hives
def add_lsp(h, view_key, count_name, dll, first_id, bases, ref_key):
    """Append a hidden entry and one chain per base id to a view; returns the new count."""
    n = struct.unpack("<I", get_value(h, PC, count_name)[1])[0]
    ref = hive_item(h, view_key + "\\" + ref_key)
    items = [patch(ref, cid=first_id, chainlen=0, chain=[0] * 7, path=dll, flags=4, name="ExtraFilter",
                   guid="33333333-4444-5555-6666-777777777770")]
    # Each chain is a copy of its base's protocol info, as Windows makes it.
    by_id = {struct.unpack_from("<I", it, 296)[0]: it for it in (hive_item(h, f"{view_key}\\{k(i)}")
                                                                 for i in range(1, n + 1))}
    for j, b in enumerate(bases):
        items.append(patch(by_id[b], cid=first_id + 1 + j, chainlen=2, chain=[first_id, b], path=dll,
                           guid="33333333-4444-5555-6666-77777777777%d" % (j + 1), name="ExtraFilter over %d" % b))
    s = ""
    for j, it in enumerate(items):
        key = k(n + 1 + j)
        s += f"cd {view_key}\nadd {key}\n" + setval_script(view_key + "\\" + key, [("PackedCatalogItem", 3, it)])
    hivexsh(h, s + "commit\n")
    return n + len(items)


@case
def hive_xp_controlset2_damaged(name):
    h = hive_copy(name, "xp")
    del_key(h, "\\ControlSet002\\Services\\WinSock2\\Parameters\\Protocol_Catalog9\\Catalog_Entries\\" + k(1))
    rc, out, err = run("diagnose", "--hive", h, "-q")
    if rc != 0:
        raise Failure(f"ControlSet001 is healthy, but diagnose exits {rc}")
    scenario(name, "hive", h, [F("BASE_PROVIDER_MISSING", view="32"), F("ENTRY_NUMBERING", view="32"),
                               F("ENTRY_COUNT_MISMATCH", view="32")],
             extra=["--controlset", "2"], cs="ControlSet002")


@case
def hive_xp_select_current_2(name):
    h = hive_copy(name, "xp")
    del_key(h, "\\ControlSet002\\Services\\WinSock2\\Parameters\\Protocol_Catalog9\\Catalog_Entries\\" + k(2))
    set_dwords(h, "\\Select", Current=2)
    scenario(name, "hive", h, [F("BASE_PROVIDER_MISSING", view="32"), F("ENTRY_NUMBERING", view="32")],
             allowed=["ENTRY_COUNT_MISMATCH"], cs="ControlSet002")


@case
def hive_xp_catalog_empty(name):
    h = hive_copy(name, "xp2")
    del_key(h, *[f"{E32}\\{k(i)}" for i in range(1, 12)])
    scenario(name, "hive", h, [F("CATALOG_EMPTY", view="32")], allowed=["ENTRY_COUNT_MISMATCH", "BASE_PROVIDER_MISSING"])


@case
def hive_xp_namespace_catalog_missing(name):
    h = hive_copy(name, "xp")
    del_key(h, NS)
    scenario(name, "hive", h, [F("CATALOG_MISSING")], allowed=["NAMESPACE_PROVIDER_MISSING"])


@case
def hive_xp64_entries64_missing(name):
    h = hive_copy(name, "xp64")
    del_key(h, E64)
    scenario(name, "hive", h, [F("CATALOG_MISSING", view="64")], allowed=["ENTRY_COUNT_MISMATCH", "BASE_PROVIDER_MISSING"])


@case
def hive_xp_lsp_dll_gone(name):
    h = hive_copy(name, "xp")
    n = add_lsp(h, E32, "Num_Catalog_Entries", "%SystemRoot%\\system32\\gonefilter.dll", 1020, [1001, 1002], k(1))
    set_dwords(h, PC, Num_Catalog_Entries=n, Next_Catalog_Entry_ID=1023)
    root = fake_windows(name, XP_DLLS, x64=False)
    scenario(name, "hive", h, [F("PROVIDER_DLL_MISSING", view="32", entry=k(12 + i), catalog_id=1020 + i) for i in range(3)],
             extra=["--windows-root", root], keep={("32", "gonefilter.dll"): 0})


@case
def hive_xp_lsp_dll_present_is_healthy(name):
    h = hive_copy(name, "xp")
    n = add_lsp(h, E32, "Num_Catalog_Entries", "%SystemRoot%\\system32\\gonefilter.dll", 1020, [1001, 1002], k(1))
    set_dwords(h, PC, Num_Catalog_Entries=n, Next_Catalog_Entry_ID=1023)
    root = fake_windows(name, XP_DLLS + ["GoneFilter.DLL"], x64=False)
    scenario(name, "hive", h, expect_rc=0, extra=["--windows-root", root], keep={("32", "gonefilter.dll"): 3})


@case
def hive_xp_webhancer_present_on_disk(name):
    h = hive_copy(name, "xp")
    n = add_lsp(h, E32, "Num_Catalog_Entries", "C:\\WINDOWS\\system32\\webhdll.dll", 1020, [1001], k(1))
    set_dwords(h, PC, Num_Catalog_Entries=n, Next_Catalog_Entry_ID=1022)
    root = fake_windows(name, XP_DLLS + ["webhdll.dll"], x64=False)
    scenario(name, "hive", h, [F("KNOWN_MALICIOUS_PROVIDER", view="32", entry=k(12), catalog_id=1020)],
             extra=["--windows-root", root], keep={("32", "webhdll.dll"): 0})


@case
def hive_w7x86_udp_removed(name):
    h = hive_copy(name, "w7x86")
    for i in range(1, 25):
        f = item_fields(hive_item(h, E32 + "\\" + k(i)))
        if f["guid"].startswith("E70F1AA0") and (f["af"], f["type"], f["proto"]) == (2, 2, 17):
            break
    else:
        raise Failure("MSAFD Tcpip [UDP/IP] not found")
    del_key(h, E32 + "\\" + k(i))
    scenario(name, "hive", h, [F("BASE_PROVIDER_MISSING", view="32"), F("ENTRY_NUMBERING", view="32"),
                               F("ENTRY_COUNT_MISMATCH", view="32")], survive=["vsocklib"])


@case
def hive_w7x86_helper_dll_missing(name):
    h = hive_copy(name, "w7x86")
    set_value(h, "\\ControlSet001\\Services\\Tcpip6\\Parameters\\Winsock", "HelperDllName", None, None)
    scenario(name, "hive", h, [F("TRANSPORT_CONFIG_BROKEN")], survive=["vsocklib"])


@case
def hive_w7x86_parameters_missing(name):
    h = hive_copy(name, "w7x86")
    del_key(h, CS)
    scenario(name, "hive", h, [F("CATALOG_MISSING")], allowed=["NAMESPACE_PROVIDER_MISSING", "BASE_PROVIDER_MISSING"])


@case
def hive_w7x64_item_as_reg_sz(name):
    h = hive_copy(name, "w7x64")
    set_value(h, E64 + "\\" + k(2), "PackedCatalogItem", 1, hive_item(h, E64 + "\\" + k(2)))
    scenario(name, "hive", h, [F("ENTRY_MALFORMED", view="64", entry=k(2))], allowed=["BASE_PROVIDER_MISSING"],
             keep={("32", "vsocklib"): 2, ("64", "vsocklib"): 2})


@case
def hive_w81_ns_library_path_dword(name):
    h = hive_copy(name, "w81")
    set_value(h, NS + "\\Catalog_Entries64\\" + k(1), "LibraryPath", 4, struct.pack("<I", 1))
    scenario(name, "hive", h, [F("NAMESPACE_MALFORMED", view="64", entry=k(1))])


@case
def hive_w10b_entry_count64_too_high(name):
    h = hive_copy(name, "w10b")
    set_dwords(h, PC, Num_Catalog_Entries64=20)
    scenario(name, "hive", h, [F("ENTRY_COUNT_MISMATCH", view="64")])


@case
def hive_w10_1903_ns_duplicate_id(name):
    h = hive_copy(name, "w10_1903")
    dns = [i for i in range(1, 8) if get_value(h, f"{NS}\\Catalog_Entries\\{k(i)}", "ProviderId")[1] == DNS_GUID]
    other = 1 if dns != [1] else 2
    set_value(h, f"{NS}\\Catalog_Entries\\{k(other)}", "ProviderId", 3, DNS_GUID)
    scenario(name, "hive", h, [F("NAMESPACE_DUPLICATE_ID", view="32")], survive=["vsocklib"])


@case
def hive_xp64_transports_reg_sz(name):
    h = hive_copy(name, "xp64")
    key = "\\ControlSet001\\Services\\Winsock\\Parameters"
    first = get_value(h, key, "Transports")[1].decode("utf-16-le").split("\0")[0]
    set_value(h, key, "Transports", 1, (first + "\0").encode("utf-16-le"))
    scenario(name, "hive", h, [F("TRANSPORT_CONFIG_BROKEN")])


@case
def hive_xp64_next_id_low(name):
    h = hive_copy(name, "xp64")
    set_dwords(h, PC, Next_Catalog_Entry_ID=1001)
    scenario(name, "hive", h, [F("NEXT_ID_INVALID")])


@case
def hive_xp_next_id_reg_sz(name):
    h = hive_copy(name, "xp2")
    set_value(h, PC, "Next_Catalog_Entry_ID", 1, "1012\0".encode("utf-16-le"))
    scenario(name, "hive", h, [F("NEXT_ID_INVALID")])


@case
def hive_w10_protocol_catalog_missing(name):
    h = hive_copy(name, "w10")
    del_key(h, PC)
    scenario(name, "hive", h, [F("CATALOG_MISSING")])


@case
def hive_xp64_ns_gap(name):
    h = hive_copy(name, "xp64")
    del_key(h, NS + "\\Catalog_Entries64\\" + k(2))
    scenario(name, "hive", h, [F("ENTRY_NUMBERING", view="64", catalog="namespace")], allowed=["ENTRY_COUNT_MISMATCH"])


@case
def hive_w10_lsp_over_vmware_base_is_healthy(name):
    h = hive_copy(name, "w10")
    s = ""
    for view_key in (E32, E64):
        ref = hive_item(h, view_key + "\\" + k(15))
        lay = patch(ref, cid=1017, chainlen=0, chain=[0] * 7, path="%SystemRoot%\\system32\\pmilsp.dll", flags=4,
                    guid="22222222-3333-4444-5555-666666666666", name="MaLion layer")
        ch = patch(ref, cid=1018, chainlen=2, chain=[1017, 1015], path="%SystemRoot%\\system32\\pmilsp.dll",
                   guid="22222222-3333-4444-5555-666666666667", name="MaLion over vSockets DGRAM")
        for key, it in ((k(17), lay), (k(18), ch)):
            s += f"cd {view_key}\nadd {key}\n" + setval_script(view_key + "\\" + key, [("PackedCatalogItem", 3, it)])
    hivexsh(h, s + "commit\n")
    set_dwords(h, PC, Num_Catalog_Entries=18, Num_Catalog_Entries64=18, Next_Catalog_Entry_ID=1019)
    scenario(name, "hive", h, expect_rc=0, keep={("32", "pmilsp"): 2, ("64", "pmilsp"): 2, ("64", "vsocklib"): 2})


@case
def hive_w10_windows_root_complete_is_healthy(name):
    h = hive_copy(name, "w10")
    scenario(name, "hive", h, expect_rc=0, extra=["--windows-root", fake_windows(name, W10_DLLS)],
             keep={("32", "vsocklib"): 2, ("64", "vsocklib"): 2})


@case
def hive_w10_vmware_dll_missing(name):
    h = hive_copy(name, "w10")
    root = fake_windows(name, [d for d in W10_DLLS if d != "vsocklib.dll"])
    scenario(name, "hive", h, [F("PROVIDER_DLL_MISSING", view="64", entry=k(15), catalog_id=1015),
                               F("PROVIDER_DLL_MISSING", view="32", entry=k(16), catalog_id=1016)],
             extra=["--windows-root", root], keep={("32", "vsocklib"): 0, ("64", "vsocklib"): 0})


@case
def hive_w10_namespace_dll_missing(name):
    h = hive_copy(name, "w10")
    root = fake_windows(name, [d for d in W10_DLLS if d != "napinsp.dll"])
    # No repair puts a DLL back: diagnose reports it in both views, the dry
    # run has no step.
    rc, doc, err = run_doc("diagnose", "--hive", h, "--windows-root", root, "--json")
    got = [f for f in doc["findings"] if f["code"] == "NAMESPACE_DLL_MISSING"]
    if rc != 1 or sorted(f["view"] for f in got) != ["32", "64"] or \
            any(f["entry"] != k(1) or f["severity"] != "error" for f in got):
        raise Failure(f"diagnose: exit {rc}, {[(f['code'], f['entry']) for f in doc['findings']]} {err[:200]}")
    rc, plan, err = run_doc("repair", "--hive", h, "--windows-root", root, "--json")
    if rc != 1 or plan["plan"]["steps"]:
        raise Failure(f"dry run: exit {rc} with {len(plan['plan']['steps'])} steps")


@case
def hive_w10_vmware_dll_missing_from_syswow64(name):
    h = hive_copy(name, "w10")
    root = fake_windows(name, W10_DLLS, missing_wow64=["vsocklib.dll"])
    scenario(name, "hive", h, [F("PROVIDER_DLL_MISSING", view="32", entry=k(15), catalog_id=1015)],
             extra=["--windows-root", root], keep={("32", "vsocklib"): 0, ("64", "vsocklib"): 2})


def setup():
    for tool in ("hivexsh", "reglookup", "regfexport"):
        if not shutil.which(tool):
            if os.environ.get("WS2FIX_REQUIRE_SHARED") == "1":
                print(f"FAIL: {tool} is not installed (scripts/deps.sh installs it)")
                sys.exit(1)
            wstest.exit_skip(f"{tool} is not installed (scripts/deps.sh installs it)")
    wstest.shared_dir()
    WORK["dir"] = wstest.tempdir()


if __name__ == "__main__":
    setup()
    try:
        wstest.main(CASES)
    finally:
        shutil.rmtree(WORK["dir"], ignore_errors=True)

# SPDX-License-Identifier: MIT
"""Every chain on its own layer and its own protocol (issue 18), end to end.

Two layered providers are installed into a real Windows 10 hive
(dissect-regf-win10-x64, both catalogs) the way Windows installs them: a
hidden layered entry and one chain per protocol, each chain a copy of its
base's protocol info with the provider's DLL.  Alpha lives in one DLL in
both catalogs; Beta in "Program Files (x86)\\...\\betalsp.dll" and
"Program Files\\...\\betalsp64.dll", one provider's two catalogs.  Each case
then builds one kind of damage in and runs test_corruptions.scenario (the
diagnosis, the dry run, backup, apply, restore), and after the apply a
check of this file's own, reading the hive with hivexsh, not ws2fix:

* every chain's first id is a layered entry of the chain's own DLL
  (paths compared expanded and case-folded), and its last id is a base
  entry of the chain's own (address family, socket type, protocol);
* every third-party provider is whole (every entry it was installed with,
  in both catalogs) or gone from both.
"""
import os
import shutil
import struct
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import test_corruptions as T  # noqa: E402
import wstest  # noqa: E402
from wstest import Failure  # noqa: E402

F = T.F
k = T.k
VIEWS = (("32", T.E32, "Num_Catalog_Entries"), ("64", T.E64, "Num_Catalog_Entries64"))
MSAFD_TCP, MSAFD_UDP, RSVP_TCP = 1001, 1002, 1009   # the same ids in both catalogs of this hive
ALPHA = "%ProgramFiles%\\AlphaGuard\\alphalsp.dll"
ALPHA2 = "%ProgramFiles%\\AlphaGuard\\alphalsp2.dll"
BETA = {"32": "C:\\Program Files (x86)\\Beta\\betalsp.dll", "64": "C:\\Program Files\\Beta\\betalsp64.dll"}
SHARED_GUID = "5a5a5a5a-0000-4000-8000-00000000a11c"


def guid(n):
    return "0000%04x-1111-4222-8333-444455556666" % n


# ------------------------------------------------------------ building
def product(name, path, layer, chains, guids=None):
    """A provider as Windows installs it: {"layer": entry, "chains": [...]}
    where chains are (id, base id); path is a str or {view: str}."""
    return {"name": name, "path": path, "layer": layer, "chains": list(chains), "guids": guids}


def items_for(view, p, base_items, edit=None):
    """The PackedCatalogItems of product p in a view, after edit(view, name,
    list of dicts) changed what it wants (drop the layer, point a chain
    elsewhere, another DLL ...)."""
    path = p["path"][view] if isinstance(p["path"], dict) else p["path"]
    ents = []
    if p["layer"]:
        ents.append({"id": p["layer"], "chain": [], "base": p["chains"][0][1], "path": path, "name": p["name"],
                     "guid": p["guids"] or guid(p["layer"])})
    for cid, base in p["chains"]:
        ents.append({"id": cid, "chain": [p["layer"], base], "base": base, "path": path,
                     "name": f"{p['name']} over {base}", "guid": p["guids"] or guid(cid)})
    if edit:
        edit(view, p["name"], ents)
    out = []
    for e in ents:
        ref = base_items[e["base"]]
        d = T.patch(ref, cid=e["id"], chainlen=len(e["chain"]), chain=(e["chain"] + [0] * 7)[:7], path=e["path"],
                    guid=e["guid"], name=e["name"], flags=4 if not e["chain"] else None)
        if "triple" in e:
            d = bytearray(d)
            struct.pack_into("<i", d, 336, e["triple"][0])
            struct.pack_into("<ii", d, 348, e["triple"][1], e["triple"][2])
            d = bytes(d)
        out.append(d)
    return out


def install(h, products, edit=None):
    """Append the products' entries to both catalogs of hive h."""
    script, counts = "", {}
    for view, key, counter in VIEWS:
        n = struct.unpack("<I", T.get_value(h, T.PC, counter)[1])[0]
        base_items = {}
        for i in range(1, n + 1):
            d = T.hive_item(h, f"{key}\\{k(i)}")
            base_items[struct.unpack_from("<I", d, 296)[0]] = d
        for p in products:
            for d in items_for(view, p, base_items, edit):
                n += 1
                script += f"cd {key}\nadd {k(n)}\n" + T.setval_script(f"{key}\\{k(n)}", [("PackedCatalogItem", 3, d)])
        counts[counter] = n
    T.hivexsh(h, script + "commit\n")
    T.set_dwords(h, T.PC, Next_Catalog_Entry_ID=1100, **counts)


def alpha(guids=None, path=ALPHA):
    return product("Alpha", path, 1020, [(1021, MSAFD_TCP), (1022, MSAFD_UDP)], guids)


def beta(guids=None):
    return product("Beta", BETA, 1030, [(1031, MSAFD_TCP), (1032, MSAFD_UDP)], guids)


# ------------------------------------------------------------ the test's own reading
def fold(path):
    """A provider path as Windows resolves it, for comparing two."""
    p = path.lower().replace("/", "\\")
    for root in ("%systemroot%", "%windir%", "c:\\windows"):
        if p.startswith(root + "\\"):
            p = "%systemroot%" + p[len(root):]
    return p.replace("%systemroot%\\syswow64\\", "%systemroot%\\system32\\")


def read_view(h, key):
    names = [x for x in T.hivexsh(h, f"cd {key}\nls\n", write=False).splitlines() if x]
    out = []
    for name in names:
        d = T.hive_item(h, f"{key}\\{name}")
        n = struct.unpack_from("<i", d, 300)[0]
        f = T.item_fields(d)
        out.append({"id": struct.unpack_from("<I", d, 296)[0], "len": n,
                     "chain": list(struct.unpack_from("<7I", d, 304))[:max(n, 0)],
                     "path": d[:260].split(b"\0")[0].decode("latin-1"),
                     "triple": (f["af"], f["type"], f["proto"]), "guid": f["guid"]})
    return out


def own_check(installed):
    """installed: {product name: {view: (path, number of entries)}} as the
    test put them in; a product may also be expected gone (count 0)."""
    def check(h):
        counts = {}
        for view, key, _ in VIEWS:
            ents = read_view(h, key)
            byid = {e["id"]: e for e in ents}
            for e in ents:
                if not 2 <= e["len"] <= 7:
                    continue
                top, base = byid.get(e["chain"][0]), byid.get(e["chain"][-1])
                if not top or top["len"] != 0 or fold(top["path"]) != fold(e["path"]):
                    raise Failure(f"{view}-bit chain {e['id']} ({e['path']}) starts on "
                                  f"{top and (top['id'], top['path'], top['len'])}, not its own layer")
                if not base or base["len"] != 1 or base["triple"] != e["triple"]:
                    raise Failure(f"{view}-bit chain {e['id']} {e['triple']} ends on "
                                  f"{base and (base['id'], base['triple'], base['len'])}, not a base of its protocol")
            for e in ents:
                counts[(view, fold(e["path"]))] = counts.get((view, fold(e["path"])), 0) + 1
        known = set()
        for name, per_view in installed.items():
            got = {v: counts.get((v, fold(path)), 0) for v, (path, n) in per_view.items()}
            known |= {(v, fold(path)) for v, (path, n) in per_view.items()}
            whole = all(got[v] == n for v, (path, n) in per_view.items())
            if not whole and any(got.values()):
                raise Failure(f"{name} left in part: {got} of {dict((v, n) for v, (p, n) in per_view.items())}")
        stray = [key for key in counts if "mswsock" not in key[1] and "vsocklib" not in key[1] and key not in known]
        if stray:
            raise Failure(f"third-party entries nobody installed: {stray}")
    return check


def whole(name, path, n):
    return {name: {v: (path[v] if isinstance(path, dict) else path, n) for v in ("32", "64")}}


ALPHA_WHOLE = whole("Alpha", ALPHA, 3)
BETA_WHOLE = whole("Beta", BETA, 3)


def plan_says(*texts):
    def check(plan):
        words = [s["action"] for s in plan["plan"]["steps"]] + plan["plan"]["notes"]
        for t in texts:
            if not any(t in w for w in words):
                raise Failure(f"the plan does not say {t!r}: {words}")
    return check


def chain_of(h, view, cid):
    key = dict((v, kk) for v, kk, _ in VIEWS)[view]
    return next(e["chain"] for e in read_view(h, key) if e["id"] == cid)


def w10(name):
    return T.hive_copy(name, "w10")


# ------------------------------------------------------------ cases
CASES = []


def case(fn):
    def test():
        fn(fn.__name__)
    test.__name__ = fn.__name__
    CASES.append(test)
    return fn


@case
def two_products_are_healthy(name):
    h = w10(name)
    install(h, [alpha(), beta()])
    T.scenario(name, "hive", h, expect_rc=0, check=own_check({**ALPHA_WHOLE, **BETA_WHOLE}))


@case
def two_products_sharing_a_guid_are_healthy(name):
    h = w10(name)
    install(h, [alpha(SHARED_GUID), beta(SHARED_GUID)])
    T.scenario(name, "hive", h, expect_rc=0, check=own_check({**ALPHA_WHOLE, **BETA_WHOLE}))


@case
def chain_on_another_providers_layer(name):
    # Beta's TCP chain sits on Alpha's layer, in both catalogs: back onto
    # Beta's own layer; Alpha is not touched.
    def edit(view, prod, ents):
        if prod == "Beta":
            ents[1]["chain"][0] = 1020
    h = w10(name)
    install(h, [alpha(), beta()], edit)

    def check(path):
        own_check({**ALPHA_WHOLE, **BETA_WHOLE})(path)
        for view in ("32", "64"):
            if chain_of(path, view, 1031) != [1030, MSAFD_TCP]:
                raise Failure(f"{view}-bit chain 1031 is {chain_of(path, view, 1031)}, not back on 1030")
    T.scenario(name, "hive", h, [F("CHAIN_BROKEN", view=v, catalog_id=1031) for v in ("32", "64")],
               plan_check=plan_says("under its own layered entry Beta (id 1030)",
                                    "started on the layered entry of another provider, Alpha"),
               check=check)


@case
def chain_on_another_providers_layer_own_layer_gone(name):
    # What the old relink left: Beta lost its 64-bit layer and its chains
    # were put on Alpha's.  Beta goes whole, from both catalogs; Alpha stays.
    def edit(view, prod, ents):
        if prod == "Beta" and view == "64":
            del ents[0]
            for e in ents:
                e["chain"][0] = 1020
    h = w10(name)
    install(h, [alpha(), beta()], edit)
    T.scenario(name, "hive", h, [F("CHAIN_BROKEN", view="64", catalog_id=c) for c in (1031, 1032)],
               plan_check=plan_says("another provider's layer is never borrowed"),
               keep={("32", "betalsp.dll"): 0, ("64", "betalsp64.dll"): 0, ("32", "alphalsp.dll"): 3,
                     ("64", "alphalsp.dll"): 3},
               check=own_check({**ALPHA_WHOLE, **whole("Beta", BETA, 0)}))


@case
def chains_on_bases_of_another_protocol(name):
    # Alpha's TCP chain ends on the UDP base and its UDP chain on the TCP
    # base, in both catalogs: each goes back on MSAFD of its own protocol
    # (not RSVP, which serves TCP too).
    def edit(view, prod, ents):
        if prod == "Alpha":
            ents[1]["chain"][-1], ents[2]["chain"][-1] = MSAFD_UDP, MSAFD_TCP
    h = w10(name)
    install(h, [alpha(), beta()], edit)

    def check(path):
        own_check({**ALPHA_WHOLE, **BETA_WHOLE})(path)
        for view in ("32", "64"):
            got = (chain_of(path, view, 1021), chain_of(path, view, 1022))
            if got != ([1020, MSAFD_TCP], [1020, MSAFD_UDP]):
                raise Failure(f"{view}-bit chains after the repair: {got}")
    T.scenario(name, "hive", h, [F("CHAIN_BROKEN", view=v, catalog_id=c) for v in ("32", "64") for c in (1021, 1022)],
               plan_check=plan_says("back on MSAFD Tcpip [TCP/IP] (id 1001): its chain ended on MSAFD Tcpip [UDP/IP]"),
               check=check)


@case
def chain_of_a_protocol_no_base_serves(name):
    # Alpha's 32-bit TCP chain claims SCTP over a TCP base: no base serves
    # it, so Alpha goes whole, from both catalogs; Beta stays.
    def edit(view, prod, ents):
        if prod == "Alpha" and view == "32":
            ents[1]["triple"] = (2, 5, 132)
    h = w10(name)
    install(h, [alpha(), beta()], edit)
    T.scenario(name, "hive", h, [F("CHAIN_BROKEN", view="32", catalog_id=1021)],
               plan_check=plan_says("no base provider for its address family"),
               keep={("32", "alphalsp.dll"): 0, ("64", "alphalsp.dll"): 0},
               check=own_check({**whole("Alpha", ALPHA, 0), **BETA_WHOLE}))


@case
def products_sharing_a_guid_one_orphaned(name):
    # Both built from one LSP sample: every entry of both carries one GUID.
    # Beta's layered entries are gone; its chains must not be put on
    # Alpha's layer (same GUID, another DLL): Beta goes, Alpha stays whole.
    def edit(view, prod, ents):
        if prod == "Beta":
            del ents[0]
    h = w10(name)
    install(h, [alpha(SHARED_GUID), beta(SHARED_GUID)], edit)
    T.scenario(name, "hive", h, [F("CHAIN_BROKEN", view=v, catalog_id=c) for v in ("32", "64") for c in (1031, 1032)],
               plan_check=plan_says("its own layered entry is gone"),
               keep={("32", "betalsp.dll"): 0, ("64", "betalsp64.dll"): 0, ("32", "alphalsp.dll"): 3,
                     ("64", "alphalsp.dll"): 3},
               check=own_check({**ALPHA_WHOLE, **whole("Beta", BETA, 0)}))


@case
def upgrade_in_place_left_the_old_chains(name):
    # Alpha 2 was installed over Alpha: the layered entry (same id, same
    # GUID) now names alphalsp2.dll, new chains were added, the old ones
    # (alphalsp.dll) were left on the new layer.  The old chains go; Alpha 2
    # and Beta stay whole.
    def edit(view, prod, ents):
        if prod == "Alpha":
            ents[0]["path"] = ALPHA2
            for cid, base in ((1023, MSAFD_TCP), (1024, MSAFD_UDP)):
                ents.append({"id": cid, "chain": [1020, base], "base": base, "path": ALPHA2,
                             "name": f"Alpha 2 over {base}", "guid": SHARED_GUID})
    h = w10(name)
    install(h, [alpha(SHARED_GUID), beta()], edit)
    T.scenario(name, "hive", h, [F("CHAIN_BROKEN", view=v, catalog_id=c) for v in ("32", "64") for c in (1021, 1022)],
               keep={("32", "alphalsp.dll"): 0, ("64", "alphalsp.dll"): 0, ("32", "alphalsp2.dll"): 3,
                     ("64", "alphalsp2.dll"): 3},
               check=own_check({**whole("Alpha", ALPHA, 0), **whole("Alpha 2", ALPHA2, 3), **BETA_WHOLE}))


@case
def healthy_provider_next_to_a_broken_one(name):
    # Beta's 32-bit layered entry is gone: Beta goes from both catalogs,
    # Alpha (healthy, right beside it) keeps every entry.
    def edit(view, prod, ents):
        if prod == "Beta" and view == "32":
            del ents[0]
    h = w10(name)
    install(h, [alpha(), beta()], edit)
    T.scenario(name, "hive", h, [F("CHAIN_BROKEN", view="32", catalog_id=c) for c in (1031, 1032)],
               keep={("32", "betalsp.dll"): 0, ("64", "betalsp64.dll"): 0, ("32", "alphalsp.dll"): 3,
                     ("64", "alphalsp.dll"): 3},
               check=own_check({**ALPHA_WHOLE, **whole("Beta", BETA, 0)}))


def self_test():
    """The test's own check must be able to fail: it rejects a chain on
    another provider's layer, a chain on another protocol's base and a
    provider left in part, in hives built here."""
    def edit_layer(view, prod, ents):
        if prod == "Beta":
            ents[1]["chain"][0] = 1020

    def edit_base(view, prod, ents):
        if prod == "Alpha":
            ents[1]["chain"][-1] = MSAFD_UDP

    def edit_part(view, prod, ents):
        if prod == "Beta" and view == "64":
            del ents[2]
    for label, edit in (("layer", edit_layer), ("base", edit_base), ("part", edit_part)):
        h = w10("self-test-" + label)
        install(h, [alpha(), beta()], edit)
        try:
            own_check({**ALPHA_WHOLE, **BETA_WHOLE})(h)
        except Failure:
            continue
        raise Failure(f"the test's own check passed a hive with damage of kind {label}")


if __name__ == "__main__":
    T.WS2FIX = os.path.abspath(sys.argv[1]) if len(sys.argv) > 1 else None
    T.setup()
    try:
        wstest.main([self_test] + CASES)
    finally:
        shutil.rmtree(T.WORK["dir"], ignore_errors=True)

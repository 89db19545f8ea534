# SPDX-License-Identifier: MIT
"""`show --format dot`: the catalog as a Graphviz graph (issue 27), rendered
by Graphviz's own `dot` and read back from its JSON output, never from
ws2fix's text:

* every entry of every view (as `show --json` lists it) is a node of its
  view's cluster, and no node is anything else but an id a chain names that
  no entry has;
* every link of every protocol chain is an edge (the chain entry to its
  first id, then id to id), and there are no other edges;
* the chains diagnose calls CHAIN_BROKEN are drawn broken (red), links to
  a missing id dashed, LAYER_ORPHANED entries marked, the entries the
  surgical plan removes marked; a healthy catalog has nothing marked.

Cases: the shipped samples (samples/winsock2-broken-lsp.reg and
winsock2-healthy-lsp.reg), and the real Windows 10 hive of ../shared with two
layered providers installed as test_chain_owners installs them, one of
them with its chains removed (an orphaned layered entry).
"""
import json
import os
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import test_corruptions as T  # noqa: E402
import test_chain_owners as C  # noqa: E402
import wstest  # noqa: E402
from wstest import Failure, need  # noqa: E402

RED = "#cc0000"


def render(*args):
    """The dot text of `show --format dot` and dot's reading of it."""
    rc, out, err = T.run(*args, "show", "--format", "dot")
    need(rc == 0 and out.startswith("digraph"), f"show --format dot: exit {rc}; {err.strip()[:300]}")
    p = subprocess.run(["dot", "-Tjson"], input=out.encode(), capture_output=True, timeout=120)
    need(p.returncode == 0, f"dot refused the graph: {p.stderr.decode()[:300]}")
    return out, json.loads(p.stdout)


def nodes_and_edges(g):
    objs = g["objects"]
    clusters = {o["name"]: o for o in objs if "nodes" in o}
    nodes = {o["_gvid"]: o for o in objs if "nodes" not in o}
    cluster_of = {}
    for name, c in clusters.items():
        for n in c.get("nodes", []):
            cluster_of[nodes[n]["name"]] = name
    byname = {n["name"]: n for n in nodes.values()}
    edges = [(nodes[e["tail"]]["name"], nodes[e["head"]]["name"], e) for e in g.get("edges", [])]
    return byname, cluster_of, edges


def check(args, expect_broken=None, expect_orphans=None, expect_removed=None):
    """Checks the graph of a source against its JSON listing and diagnosis."""
    _, g = render(*args)
    byname, cluster_of, edges = nodes_and_edges(g)
    rc, out, err = T.run(*args, "--json", "show")
    doc = json.loads(out)
    rc, out, err = T.run(*args, "--json", "diagnose")
    diag = json.loads(out)
    expected_nodes, expected_edges, missing = {}, set(), set()
    for cat in doc["catalogs"]:
        prefix = "p" if cat["kind"] == "protocol" else "n"
        view = cat["view"]
        ids = {}
        for e in cat["entries"]:
            name = f"{prefix}{view}_{e['key']}"
            expected_nodes[name] = f"cluster_{cat['kind']}_{view}"
            if cat["kind"] == "protocol" and e.get("has_item", True) and "catalog_id" in e:
                ids.setdefault(e["catalog_id"], name)
        if cat["kind"] != "protocol":
            continue
        for e in cat["entries"]:
            chain = e.get("chain") or []
            if e.get("chain_len", 0) < 2:
                continue

            def node(i):
                if i in ids:
                    return ids[i]
                missing.add(f"p{view}_missing_{i}")
                expected_nodes[f"p{view}_missing_{i}"] = f"cluster_protocol_{view}"
                return f"p{view}_missing_{i}"
            hops = [f"p{view}_{e['key']}"] + [node(i) for i in chain]
            for k in range(len(chain)):
                expected_edges.add((hops[k], hops[k + 1], str(e["catalog_id"]), str(k)))
    # Every entry a node, in its view's cluster; nothing else.
    for name, cluster in expected_nodes.items():
        need(name in byname, f"entry {name} is not a node of the graph")
        need(cluster_of.get(name) == cluster, f"{name} is in {cluster_of.get(name)}, not {cluster}")
    extra = set(byname) - set(expected_nodes)
    need(not extra, f"nodes that are no entry and no missing id: {sorted(extra)[:5]}")
    # Every chain link an edge; nothing else.
    got = {(t, h, e.get("ws2fix_chain"), e.get("ws2fix_link")) for t, h, e in edges}
    need(got == expected_edges, f"edges differ: missing {sorted(expected_edges - got)[:4]}, "
                                f"extra {sorted(got - expected_edges)[:4]}")
    # Marks: what diagnose and the plan say, drawn.
    broken = {(f["view"], f["entry"]) for f in diag["findings"] if f["code"] == "CHAIN_BROKEN"}
    orphans = {(f["view"], f["entry"]) for f in diag["findings"] if f["code"] == "LAYER_ORPHANED"}
    if expect_broken is not None:
        need(len(broken) == expect_broken, f"{len(broken)} CHAIN_BROKEN findings, the case has {expect_broken}")
    if expect_orphans is not None:
        need(len(orphans) == expect_orphans, f"{len(orphans)} LAYER_ORPHANED findings, the case has {expect_orphans}")
    for t, h, e in edges:
        view = t[1:3]
        # The chain's own entry: the tail of its link 0.
        chain_entry = next(x[0] for x in expected_edges if x[2] == e.get("ws2fix_chain") and x[3] == "0"
                           and x[0][1:3] == view)
        is_broken = (view, chain_entry.split("_", 1)[1]) in broken
        is_missing = t in missing or h in missing
        need((e.get("ws2fix_broken") == "1") == is_broken, f"edge {t}->{h}: broken {e.get('ws2fix_broken')}, "
                                                           f"diagnose says {is_broken}")
        need((e.get("color") == RED) == (is_broken or is_missing), f"edge {t}->{h} drawn {e.get('color')}")
        need((e.get("style") == "dashed") == is_missing, f"edge {t}->{h}: style {e.get('style')}, missing {is_missing}")
    for name, n in byname.items():
        if name in missing:
            need(n.get("ws2fix_kind") == "missing" and n.get("color") == RED, f"{name} not drawn missing")
            continue
        key = (name[1:3], name.split("_", 1)[1])
        if name.startswith("p"):
            need((n.get("ws2fix_broken") == "1") == (key in broken), f"{name}: broken mark {n.get('ws2fix_broken')}")
            need((n.get("ws2fix_orphan") == "1") == (key in orphans), f"{name}: orphan mark {n.get('ws2fix_orphan')}")
            need((n.get("color") in (RED, "#e69138")) == (key in broken or key in orphans), f"{name} colour")
    removed = [x for x in byname.values() if x.get("ws2fix_removed") == "1"]
    if expect_removed is not None:
        need(len(removed) == expect_removed, f"{len(removed)} nodes marked removed, expected {expect_removed}")
    return byname, edges


# ------------------------------------------------------------ cases
def test_broken_sample():
    reg = os.path.join(T.SAMPLES, "winsock2-broken-lsp.reg")
    byname, edges = check(["--reg", reg], expect_broken=4)
    marked = [t + "->" + h for t, h, e in edges if e.get("ws2fix_broken") == "1" and e.get("color") == RED]
    need(len(marked) == 8, f"the sample's four broken chains have 8 links, {len(marked)} marked: {marked}")
    rc, out, err = T.run("--reg", reg, "--lang", "sv", "show", "--format", "dot")
    need("bruten kedja" in out and "Protokollkatalog" in out, "Swedish labels missing")


def test_healthy_sample():
    reg = os.path.join(T.SAMPLES, "winsock2-healthy-lsp.reg")
    byname, edges = check(["--reg", reg], expect_broken=0, expect_orphans=0, expect_removed=0)
    need(edges, "the healthy sample's chains drew no edge")
    need(not any(e.get("color") == RED for _, _, e in edges), "a healthy chain drawn broken")


def test_real_hive_orphan_and_wrong_base():
    """Beta's chains gone (its layered entry orphaned in both views); Alpha's
    UDP chain ends on RSVP's TCP base, which exists: a broken chain whose
    links all have both ends, drawn red but not dashed."""
    h = T.hive_copy("w10-dot", "w10")

    def edit(view, name, ents):
        if name == "Beta":
            ents[:] = [e for e in ents if not e["chain"]]
        for e in ents:
            if name == "Alpha" and e["id"] == 1022:
                e["chain"] = [e["chain"][0], C.RSVP_TCP]
    C.install(h, [C.alpha(), C.beta()], edit=edit)
    byname, edges = check(["--hive", h], expect_orphans=2, expect_broken=2)
    need(sum(1 for n in byname.values() if n.get("ws2fix_orphan") == "1") == 2, "Beta's two layered entries not orphans")
    solid_red = [(t, h) for t, h, e in edges if e.get("color") == RED and e.get("style") != "dashed"]
    need(len(solid_red) == 4, f"Alpha's broken UDP chain (2 links, 2 views) not drawn red: {solid_red}")


def test_netsh_text():
    """Pasted netsh text (a real Windows 10 listing, no LSP): a partial source
    without a plan, every entry a node all the same, nothing marked."""
    path = os.path.join(wstest.shared_dir(), "corpus", "netsh", "03-mlmvpn-win10-en.txt")
    byname, edges = check(["--netsh", path], expect_removed=0, expect_broken=0, expect_orphans=0)
    need(len(byname) > 10 and not edges, f"{len(byname)} nodes, {len(edges)} edges for a catalog without chains")


def test_usage_errors():
    reg = os.path.join(T.SAMPLES, "winsock2-broken-lsp.reg")
    rc, out, err = T.run("--reg", reg, "--json", "show", "--format", "dot")
    need(rc == 2 and json.loads(out)["error"]["exit_code"] == 2, f"--json with --format dot: exit {rc}, {out[:200]!r}")
    for args in (["show", "--format", "png"], ["show", "--format"]):
        rc, out, err = T.run("--reg", reg, *args)
        need(rc == 2 and len(err.strip().splitlines()) == 1 and not out.strip(), f"{args}: exit {rc}, {err!r}")
    hjt = os.path.join(T.SAMPLES, "..", "tests", "data", "hijackthis", "real", "kennetheyrn-hijackthis-2.0.5-win11-nlansp.log")
    rc, out, err = T.run("--hijackthis", hjt, "show", "--format", "dot")
    need(rc == 2 and "no catalog" in err and not out.strip(), f"a HijackThis log drawn: exit {rc}, {err!r}")


def setup():
    if not shutil.which("dot"):
        wstest.exit_skip("Graphviz's dot is not installed (graphviz; scripts/deps.sh installs it)")
    T.setup()


if __name__ == "__main__":
    T.WS2FIX = os.path.abspath(sys.argv[1]) if len(sys.argv) > 1 else None
    setup()
    try:
        wstest.main([test_broken_sample, test_healthy_sample, test_real_hive_orphan_and_wrong_base,
                     test_netsh_text, test_usage_errors])
    finally:
        shutil.rmtree(T.WORK["dir"], ignore_errors=True)

# SPDX-License-Identifier: MIT
"""After a repair of a hive: every catalog entry the repair kept still has
all its values, read by reglookup (an independent reader), not by ws2fix.

An entry is the same entry before and after when its identity matches: a
protocol entry by view and PackedCatalogItem content (catalog id, provider
GUID, DLL, protocol info; the protocol chain left out, since a repair may
relink it), a name space entry by view and ProviderId.  Such an entry must
keep every value it had (ProtocolName, Version, ... and the item itself but
for its chain), whatever key number it moved to; only a value of the
wrong registry type (a damage the repair rewrites) may change.  Entries the repair
removed or added are not judged here; identities that occur twice in one
view (a duplicated entry) are left out, since neither copy is "the" one.

Issue 28: renumbering that left each moved entry with the ProtocolName of
the entry that used to have its key passed every test, and ws2fix's own
diagnose called the result healthy.

    rows = kept.rows(hive)             # before --apply
    ... repair --apply ...
    kept.check(rows, kept.rows(hive), "what")   # raises wstest.Failure
"""
import collections
import re
import subprocess

from wstest import Failure, need_tool

ENTRY = re.compile(r"^(/[^/]+/Services/WinSock2/Parameters/(Protocol_Catalog9|NameSpace_Catalog5)/"
                   r"(Catalog_Entries(?:64)?))/([^/]+)/([^/]*)$", re.I)
CHAIN = slice(300, 332)   # ProtocolChain: ChainLen at 260+40, then 7 ids


def _unescape(text):
    return re.sub(rb"%([0-9A-Fa-f]{2})", lambda m: bytes([int(m.group(1), 16)]), text.encode("latin-1"))


def rows(path):
    """{(catalog, view, key): {value name: (type, raw text)}} for every
    catalog entry of every control set of the hive at @p path."""
    need_tool("reglookup")
    text = ""
    for n in range(1, 10):  # each control set's WinSock2 key (-p: only that)
        p = subprocess.run(["reglookup", "-H", "-p", f"/ControlSet{n:03d}/Services/WinSock2", path],
                           capture_output=True, timeout=300)
        if p.returncode != 0:
            raise Failure(f"reglookup failed on {path}: {p.stderr.decode()[:300]}")
        text += p.stdout.decode("latin-1")
    out = collections.defaultdict(dict)
    for line in text.splitlines():
        parts = line.split(",")
        if len(parts) < 3:
            continue
        m = ENTRY.match(parts[0])
        if not m:
            continue
        cs = m.group(1).split("/")[1].lower()
        out[(cs, m.group(2).lower(), m.group(3).lower(), m.group(4))][m.group(5).lower()] = \
            (parts[1], ",".join(parts[2:]))
    return dict(out)


def _identity(where, values):
    cs, catalog, view, _ = where
    if catalog == "protocol_catalog9":
        item = values.get("packedcatalogitem")
        if not item or item[0] != "BINARY":
            return None
        raw = bytearray(_unescape(item[1].split(",")[0]))
        if len(raw) < 332:
            return None
        raw[CHAIN] = b"\0" * (CHAIN.stop - CHAIN.start)
        return (cs, catalog, view, bytes(raw))
    pid = values.get("providerid")
    return (cs, catalog, view, pid[1]) if pid else None


def _by_identity(entries):
    seen = collections.defaultdict(list)
    for where, values in entries.items():
        ident = _identity(where, values)
        if ident is not None:
            seen[ident].append((where, values))
    return {k: v[0] for k, v in seen.items() if len(v) == 1}


def _comparable(catalog, name, value):
    if catalog == "protocol_catalog9" and name == "packedcatalogitem" and value[0] == "BINARY":
        raw = bytearray(_unescape(value[1].split(",")[0]))
        raw[CHAIN] = b"\0" * (CHAIN.stop - CHAIN.start)
        return (value[0], bytes(raw))
    return value


def check(before, after, label):
    """Raise Failure when an entry kept from @p before to @p after (rows())
    lost, gained or changed a value; returns how many entries were kept."""
    b, a = _by_identity(before), _by_identity(after)
    problems = []
    for ident in sorted(set(b) & set(a), key=repr):
        (wb, vb), (wa, va) = b[ident], a[ident]
        catalog = ident[1]
        for name in sorted(set(vb) | set(va)):
            x, y = vb.get(name), va.get(name)
            if x is not None and y is not None and x[0] != y[0]:
                continue  # a value of the wrong type, rewritten by the repair
            if x is None or y is None or _comparable(catalog, name, x) != _comparable(catalog, name, y):
                problems.append(f"{wb[2]}\\{wb[3]} -> {wa[3]}: {name} {x and x[1][:60]!r} -> {y and y[1][:60]!r}")
    if problems:
        raise Failure(f"{label}: {len(problems)} value(s) of kept catalog entries changed (reglookup): "
                      + "; ".join(problems[:4]))
    return len(set(b) & set(a))

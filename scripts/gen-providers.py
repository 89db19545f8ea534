#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Check the provider knowledge base and write its page.

include/ws2fix/providers.def is the one table of the Winsock providers
ws2fix can name (one WS2FIX_KB row each).  The library compiles it into its
lookup table (src/lib/diagnose/known_providers.c, where a row without a
source does not compile); this script checks what a compiler cannot (every
row has a key, known categories, labels, advice and flags, well-formed
GUIDs, no DLL name twice, a source that says where the row comes from) and
writes docs/providers.md from it.  The web page has no copy of its own: it
runs the library.

    python3 scripts/gen-providers.py            # rewrite docs/providers.md
    python3 scripts/gen-providers.py --check    # exit 1 if it is stale or a row is wrong
    python3 scripts/gen-providers.py --list     # the rows, as JSON
"""
import argparse
import json
import os
import re
import sys

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
TABLE = "include/ws2fix/providers.def"
PAGE = "docs/providers.md"

CATEGORIES = {
    "WINDOWS": "windows", "VPN": "vpn", "PROXY": "proxy", "DLP": "dlp", "GAME_ACCELERATOR": "game-accelerator",
    "ANTIVIRUS_FIREWALL": "antivirus-firewall", "PARENTAL_FILTER": "parental-filter", "ADWARE_PUP": "adware-pup",
    "MALWARE": "malware", "COPIED_SAMPLE": "copied-sample", "OTHER": "other", "UNKNOWN": "unknown",
}
LABELS = {"KNOWN_GOOD": "known-good", "KNOWN_BAD": "known-bad", "PUP": "potentially-unwanted", "UNKNOWN": "unknown"}
ADVICE = {"KEEP": "keep", "EXCLUDE": "exclude the programs that fail, or the product's setting",
          "UPDATE": "update the product", "UNINSTALL": "its own uninstaller", "REMOVE": "remove, then a malware scan",
          "CHECK": "find out what installed it"}
FLAGS = {"KB_NONE": None, "KB_NON_IFS": "non-IFS", "KB_REREGISTERS": "re-registers itself",
         "KB_MANAGED": "centrally managed", "KB_WINDOWS_DLL": "Windows DLL"}
GUID_RE = re.compile(r"^\{[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}\}$")
FIELDS = ("dll", "path", "guids", "chains", "vendor", "product", "category", "flags", "label", "grade", "advice",
          "source")


class TableError(Exception):
    pass


def c_string(lit):
    return re.sub(r"\\(.)", lambda m: {"n": "\n", "t": "\t"}.get(m.group(1), m.group(1)), lit[1:-1])


TOKEN_RE = re.compile(r"""\s*(?:("(?:\\.|[^"\\])*")|('(?:\\.|[^'\\])')|([A-Za-z_][A-Za-z0-9_]*|[0-9]+u?)|(\|)|(,)|(\)))""")


def tokens_to_value(toks, names):
    """One argument: string literals and KB_SRC_* names joined, NULL as None,
    a '|' list of names as a list, a 'c' character as itself."""
    if not toks:
        raise TableError("an empty argument")
    if toks == [("name", "NULL")]:
        return None
    if all(kind in ("str", "name") for kind, _ in toks) and any(kind == "str" for kind, _ in toks) or \
            (len(toks) == 1 and toks[0][0] == "name" and toks[0][1] in names):
        out = []
        for kind, v in toks:
            if kind == "str":
                out.append(v)
            elif v in names:
                out.append(names[v])
            else:
                raise TableError("unknown source name %s" % v)
        return "".join(out)
    if toks[0][0] == "char":
        return toks[0][1]
    if all(kind in ("name", "bar") for kind, _ in toks):
        return [v for kind, v in toks if kind == "name"]
    raise TableError("cannot read an argument: %r" % toks)


def parse_call(text, pos, names):
    args, cur = [], []
    while True:
        m = TOKEN_RE.match(text, pos)
        if not m:
            raise TableError("cannot read the table near %r" % text[pos:pos + 60])
        pos = m.end()
        s, ch, word, bar, comma, close = m.groups()
        if s is not None:
            cur.append(("str", c_string(s)))
        elif ch is not None:
            cur.append(("char", c_string(ch)))
        elif word is not None:
            cur.append(("name", word))
        elif bar:
            cur.append(("bar", "|"))
        if comma or close:
            args.append(tokens_to_value(cur, names))
            cur = []
            if close:
                return args, pos


def strip_comments(text):
    return re.sub(r"/\*.*?\*/", " ", text, flags=re.S)


def parse_table(path):
    with open(path, encoding="utf-8") as f:
        text = strip_comments(f.read())
    names = {}
    for m in re.finditer(r"^#define[ \t]+(KB_SRC_[A-Z0-9_]+)[ \t]+(.*)$", text, flags=re.M):
        toks = []
        for t in re.finditer(r'"(?:\\.|[^"\\])*"|[A-Za-z_][A-Za-z0-9_]*', m.group(2)):
            toks.append(("str", c_string(t.group(0))) if t.group(0).startswith('"') else ("name", t.group(0)))
        names[m.group(1)] = tokens_to_value(toks, names)
    rows = []
    for m in re.finditer(r"^WS2FIX_KB[ \t]*\(", text, flags=re.M):
        line = text.count("\n", 0, m.start()) + 1
        args, _ = parse_call(text, m.end(), names)
        if len(args) != len(FIELDS):
            raise TableError("%s:%d: WS2FIX_KB takes %d arguments, got %d" % (path, line, len(FIELDS), len(args)))
        row = dict(zip(FIELDS, args))
        row["line"] = line
        rows.append(row)
    check_rows(path, rows)
    return rows


def check_rows(path, rows):
    seen = {}
    for r in rows:
        where = "%s:%d" % (path, r["line"])
        if not (r["dll"] or r["path"] or r["guids"] or r["chains"]):
            raise TableError("%s: a row without a key (DLL name, path or GUID)" % where)
        src = r["source"]
        if not isinstance(src, str) or len(src.strip()) < 10:
            raise TableError("%s: a row without a source (a public URL or document)" % where)
        for key, table in (("category", CATEGORIES), ("label", LABELS), ("advice", ADVICE)):
            v = r[key]
            if not (isinstance(v, list) and len(v) == 1 and v[0] in table):
                raise TableError("%s: %s %r is not one of %s" % (where, key, v, ", ".join(table)))
            r[key] = v[0]
        if not isinstance(r["flags"], list) or not all(f in FLAGS for f in r["flags"]):
            raise TableError("%s: flags %r" % (where, r["flags"]))
        if r["grade"] not in ("V", "C", "U"):
            raise TableError("%s: grade %r is not 'V', 'C' or 'U'" % (where, r["grade"]))
        for key in ("dll", "path"):
            if r[key] is not None and r[key] != r[key].lower():
                raise TableError("%s: %s %r is not lower case" % (where, key, r[key]))
        for key in ("guids", "chains"):
            for g in (r[key] or "").split("|") if r[key] else []:
                if not GUID_RE.match(g):
                    raise TableError("%s: %r is not an upper-case {GUID}" % (where, g))
        if r["dll"]:
            if r["dll"] in seen:
                raise TableError("%s: the DLL name %s is already at line %d" % (where, r["dll"], seen[r["dll"]]))
            seen[r["dll"]] = r["line"]


# ---- the page ------------------------------------------------------------

def cell(text):
    return (text or "").replace("|", "\\|").replace("\n", " ")


def page(rows):
    by_cat = {}
    for r in rows:
        by_cat[r["category"]] = by_cat.get(r["category"], 0) + 1
    grades = {g: sum(1 for r in rows if r["grade"] == g) for g in "VCU"}
    out = [
        "<!-- SPDX-License-Identifier: MIT -->",
        "<!-- Generated by scripts/gen-providers.py from include/ws2fix/providers.def: do not edit. -->",
        "# Known Winsock providers",
        "",
        "The providers `ws2fix` can name (`show` and `diagnose`: `vendor_name` and `product` in JSON, the",
        "`Vendor` line of `show`, the vendor and advice in the THIRD_PARTY_PROVIDER text), one row each,",
        "with where the row comes from. A row is",
        "found by the DLL's file name, a pattern over its path, or one of its GUIDs (the provider's own",
        "or its chain entries': a GUID names it whatever its path). A name alone never makes a",
        "provider safe: a known name whose DLL is missing is still broken, and a Windows DLL name counts",
        "only in a system folder. Rows of the category *copied-sample* are GUIDs of public sample LSPs:",
        "a provider carrying one gets the warning [COPIED_SAMPLE_GUID](findings/COPIED_SAMPLE_GUID.md).",
        "",
        "Grades: **V** a primary source (the product's own files, a real catalog listing), **C** a",
        "community source (another project's list), **U** unconfirmed.",
        "",
        "Some community rows come from lists of DLLs that other programs block or warn about because",
        "they inject into them (Chromium's and Firefox's blocklists, FlylinkDC++'s, easyMule's, BiglyBT's):",
        "such a source says who made the DLL and why it is listed, not always that it registers a",
        "Winsock provider. The row names the DLL should it turn up in a catalog; nothing more is claimed.",
        "",
        "%d rows: %s. Grades: %s." % (
            len(rows), ", ".join("%s %d" % (CATEGORIES[c], n) for c, n in sorted(by_cat.items())),
            ", ".join("%s %d" % (g, n) for g, n in grades.items())),
        "",
        "| DLL | path | GUIDs | vendor | product | category | flags | label | grade | advice | source |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        guids = " ".join(x for x in ((r["guids"] or "").split("|") + (r["chains"] or "").split("|")) if x)
        flags = ", ".join(FLAGS[f] for f in r["flags"] if FLAGS[f])
        out.append("| %s |" % " | ".join(cell(x) for x in (
            "`%s`" % r["dll"] if r["dll"] else "", "`%s`" % r["path"] if r["path"] else "", guids,
            r["vendor"], r["product"], CATEGORIES[r["category"]], flags, LABELS[r["label"]], r["grade"],
            ADVICE[r["advice"]], r["source"])))
    return "\n".join(out) + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--check", action="store_true")
    ap.add_argument("--list", action="store_true")
    ap.add_argument("--root", default=ROOT)
    a = ap.parse_args()
    try:
        rows = parse_table(os.path.join(a.root, TABLE))
    except TableError as e:
        print("gen-providers: %s" % e, file=sys.stderr)
        return 1
    if a.list:
        json.dump(rows, sys.stdout, indent=1)
        print()
        return 0
    want = page(rows)
    dest = os.path.join(a.root, PAGE)
    try:
        with open(dest, encoding="utf-8") as f:
            have = f.read()
    except FileNotFoundError:
        have = None
    if a.check:
        if have != want:
            print("gen-providers: %s is stale: run python3 scripts/gen-providers.py" % PAGE, file=sys.stderr)
            return 1
        return 0
    if have != want:
        with open(dest, "w", encoding="utf-8") as f:
            f.write(want)
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Write the lists of the contract from the source table, include/ws2fix/sources.def.

The table names every source once: its kind, its option, whether it is a
partial copy, and (WS2FIX_SOURCE_TEXT) what people read of it.  This script
makes of it, like scripts/gen-finding-schema.py does for the finding codes:

  - the source-kind enums of every JSON Schema (docs/schema/*.json): each
    `"kind": {"enum": [...]}` of source kinds lists them all, or the
    partial ones when it lists none but those;
  - the source rows of the options table in docs/cli/ws2fix.md (and so of
    the man page made from it);
  - the web page's texts for the inputs it reads (web/i18n.js: kind_<name>
    and the "Not recognised" text kind_none, English and Swedish).

The source lines of `ws2fix --help` are the table's too: the CLI expands
WS2FIX_SOURCE_TEXT when it is compiled (src/cli/usage.c), and so are the
source options of the bash completion, which ws2fix-optgen writes from the
CLI's option table (src/cli/options.def, src/cli/optgen/).

    python3 scripts/gen-sources.py            # rewrite every list
    python3 scripts/gen-sources.py --check    # exit 1 if one is stale
    python3 scripts/gen-sources.py --list     # the table, as JSON
"""
import argparse
import difflib
import glob
import json
import os
import re
import sys

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
TABLE = "include/ws2fix/sources.def"
MANUAL = "docs/cli/ws2fix.md"
PAGE = "web/i18n.js"
SCHEMAS = "docs/schema/*.json"


class TableError(Exception):
    pass


def strip_comments(text):
    return re.sub(r"/\*.*?\*/", " ", text, flags=re.S)


TOKEN_RE = re.compile(r'\s*(?:("(?:\\.|[^"\\])*")|([A-Za-z_][A-Za-z0-9_]*|[0-9]+)|(,)|(\)))', re.S)
ESCAPES = {"n": "\n", "t": "\t", "\\": "\\", '"': '"', "'": "'"}


def c_string(lit):
    return re.sub(r"\\(.)", lambda m: ESCAPES.get(m.group(1), m.group(1)), lit[1:-1])


def parse_args(text, pos):
    """The arguments of a macro call whose "(" ends at pos: adjacent string
    literals joined, NULL as None.  Returns (args, end)."""
    args, cur = [], []
    while True:
        m = TOKEN_RE.match(text, pos)
        if not m:
            raise TableError("cannot read the table near %r" % text[pos:pos + 40])
        pos = m.end()
        s, word, comma, close = m.groups()
        if s is not None:
            cur.append(c_string(s))
        elif word is not None:
            cur.append(None if word == "NULL" else word)
        if comma or close:
            if len(cur) > 1 and not all(isinstance(x, str) for x in cur):
                raise TableError("an argument mixes strings and names: %r" % cur)
            args.append("".join(cur) if len(cur) > 1 else (cur[0] if cur else None))
            cur = []
            if close:
                return args, pos


def parse_table(path):
    with open(path, encoding="utf-8") as f:
        text = strip_comments(f.read())
    rows, texts = [], {}
    for m in re.finditer(r"^[ \t]*(WS2FIX_SOURCE|WS2FIX_SOURCE_TEXT)[ \t]*\(", text, flags=re.M):
        args, _ = parse_args(text, m.end())
        if m.group(1) == "WS2FIX_SOURCE":
            if len(args) != 6:
                raise TableError("WS2FIX_SOURCE takes 6 arguments: %r" % args)
            rows.append({"id": args[0], "name": args[1], "option": args[2], "partial": args[3] == "1"})
        else:
            if len(args) != 9:
                raise TableError("WS2FIX_SOURCE_TEXT takes 9 arguments: %r" % args)
            keys = ("arg_en", "arg_sv", "help_en", "help_sv", "files", "page_en", "page_sv", "doc")
            texts[args[0]] = dict(zip(keys, args[1:]))
    ids = [r["id"] for r in rows]
    if not rows or len(set(ids)) != len(ids):
        raise TableError("%s: no sources, or one twice" % path)
    for r in rows:
        t = texts.pop(r["id"], None)
        if r["option"] and not t:
            raise TableError("%s: %s has an option but no WS2FIX_SOURCE_TEXT line" % (path, r["id"]))
        r.update(t or {})
    if texts:
        raise TableError("%s: WS2FIX_SOURCE_TEXT for unknown sources %s" % (path, ", ".join(texts)))
    return rows


# ---- the lists -----------------------------------------------------------

def kinds(rows, partial_only=False):
    return [r["name"] for r in rows if r["partial"] or not partial_only]


def schema_lists(rows, text):
    """Each source-kind enum of a schema's text, made from the table."""
    names = set(kinds(rows))

    def fix(m):
        old = json.loads(m.group(2))
        if not old or not all(isinstance(x, str) and x in names for x in old):
            return m.group(0)
        partial = all(x in kinds(rows, True) for x in old)
        return m.group(1) + json.dumps(kinds(rows, partial))

    return re.sub(r'("kind":\s*\{"enum":\s*)(\[[^\]]*\])', fix, text)


def manual(rows, text):
    lines = text.split("\n")
    try:
        at = lines.index("| option | source |") + 2
    except ValueError:
        raise TableError("%s: no '| option | source |' table" % MANUAL)
    opts = [r for r in rows if r["option"]]
    new = ["| `%s %s` | %s |" % (r["option"], r["arg_en"], r["doc"]) for r in opts]
    # The source rows are the first rows, each naming a source option.
    end = at
    known = {r["option"] for r in opts}
    while end < len(lines) and lines[end].startswith("| `") and lines[end][3:].split(" ")[0] in known:
        end += 1
    lines[at:end] = new
    return "\n".join(lines)


PAGE_WORDS = {
    "en": ("Input: %s.", "Not recognised: this is not %s.", ", ", " or "),
    "sv": ("Indata: %s.", "Okänd indata: det här är varken %s.", ", ", " eller "),
}


def page(rows, text):
    read = [r for r in rows if r.get("page_en")]
    # The English object comes first, then the Swedish one.
    starts = [m.start() for m in re.finditer(r"^  (en|sv): \{", text, flags=re.M)]
    if len(starts) != 2:
        raise TableError("%s: expected the en and sv objects" % PAGE)
    out, last = [], 0
    for lang, start in zip(("en", "sv"), starts):
        out.append(text[last:start])
        end = text.find("\n  }", start)
        chunk = text[start:end]
        one, none, sep, final = PAGE_WORDS[lang]
        nouns = [r["page_" + lang] for r in read]
        listed = sep.join(nouns[:-1]) + final + nouns[-1] if len(nouns) > 1 else nouns[0]
        want = {"kind_" + r["name"]: one % r["page_" + lang] for r in read}
        want["kind_none"] = none % listed
        for key, value in want.items():
            quoted = json.dumps(value, ensure_ascii=False)
            chunk, n = re.subn(r"^(    %s: )\"[^\"\n]*\"" % re.escape(key), lambda m: m.group(1) + quoted,
                               chunk, flags=re.M)
            if n == 0 and key != "kind_none":
                # A new source: its line goes before the "Not recognised" one.
                chunk, n = re.subn(r"^(    kind_none: )", lambda m: "    %s: %s,\n" % (key, quoted) + m.group(1),
                                   chunk, flags=re.M)
            if n != 1:
                raise TableError("%s: %s.%s not found once" % (PAGE, lang, key))
        out.append(chunk)
        last = end
    out.append(text[last:])
    return "".join(out)


def targets(root=ROOT):
    """(file relative to root, the function that makes its lists)."""
    yield MANUAL, manual
    yield PAGE, page
    for p in sorted(glob.glob(os.path.join(root, SCHEMAS))):
        yield os.path.relpath(p, root).replace(os.sep, "/"), schema_lists


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="do not write: exit 1 if a list is stale")
    ap.add_argument("--list", action="store_true", help="print the table as JSON")
    ap.add_argument("--only", help="check or write only this file (relative to the source tree)")
    ap.add_argument("--root", default=ROOT, help="the source tree (default: this script's)")
    a = ap.parse_args(argv)
    try:
        rows = parse_table(os.path.join(a.root, TABLE))
        if a.list:
            print(json.dumps(rows, indent=2, ensure_ascii=False))
            return 0
        stale = 0
        for rel, make in targets(a.root):
            if a.only and rel != a.only:
                continue
            path = os.path.join(a.root, rel)
            with open(path, encoding="utf-8") as f:
                old = f.read()
            new = make(rows, old)
            if new == old:
                continue
            if a.check:
                sys.stdout.writelines(difflib.unified_diff(old.splitlines(True), new.splitlines(True), rel,
                                                           "generated"))
                print("%s is stale: run python3 scripts/gen-sources.py and commit the result" % rel,
                      file=sys.stderr)
                stale = 1
            else:
                with open(path, "w", encoding="utf-8") as f:
                    f.write(new)
        return stale
    except (TableError, OSError) as e:
        print("gen-sources: %s" % e, file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())

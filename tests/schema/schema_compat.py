#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Is docs/schema still compatible with the released contract?

Compares every schema of a baseline (tests/schema/baseline/v1/, the schemas
of the last release of major version 1) with the current ones and reports
what would break a consumer written against the baseline:

  1. a schema file, or a definition in $defs, was removed;
  2. a property was removed;
  3. a property that was required is no longer required;
  4. a field's type changed: narrowed (a type it had is no longer allowed)
     or widened (it may now be of a type consumers never saw);
  5. an enum (or const) value was removed.

Additions are fine: new files, definitions, optional properties, enum
values.  $ref and allOf are followed on both sides, so moving a definition
into common.schema.json is not a change; oneOf/anyOf alternatives and
if/then/else branches are compared in order.

    python3 tests/schema/schema_compat.py [BASELINE_DIR [SCHEMA_DIR]]

exits 1 and lists the problems when there are any.
"""
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
BASELINE_DIR = os.path.join(HERE, "baseline", "v1")
SCHEMA_DIR = os.path.normpath(os.path.join(HERE, "..", "..", "docs", "schema"))


def load_dir(d):
    docs = {}
    for name in sorted(os.listdir(d)):
        if name.endswith(".json"):
            with open(os.path.join(d, name), encoding="utf-8") as f:
                docs[name] = json.load(f)
    return docs


class Side:
    """One set of schemas (baseline or current), with $ref resolution."""

    def __init__(self, docs):
        self.docs = docs
        self.by_id = {d.get("$id"): n for n, d in docs.items() if isinstance(d, dict)}

    def resolve(self, ref, cur):
        target, _, pointer = ref.partition("#")
        if target:
            name = self.by_id.get(target) or os.path.basename(target)
        else:
            name = cur
        if name not in self.docs:
            raise KeyError("unresolvable $ref %r in %s" % (ref, cur))
        node = self.docs[name]
        try:
            for part in [p for p in pointer.split("/") if p]:
                part = part.replace("~1", "/").replace("~0", "~")
                node = node[int(part)] if isinstance(node, list) else node[part]
        except (LookupError, ValueError, TypeError):
            raise KeyError("unresolvable $ref %r in %s" % (ref, cur))
        return node, name


def _flatten(side, group, seen=None):
    """The schemas that all apply to one value: each of group, with the
    targets of $ref and the members of allOf folded in."""
    seen = set() if seen is None else seen
    out = []
    for node, name in group:
        if not isinstance(node, dict) or id(node) in seen:
            if not isinstance(node, dict):
                out.append((node, name))
            continue
        seen.add(id(node))
        out.append((node, name))
        if "$ref" in node:
            out.extend(_flatten(side, [side.resolve(node["$ref"], name)], seen))
        for sub in node.get("allOf", []):
            out.extend(_flatten(side, [(sub, name)], seen))
    return out


def _types(side, flat):
    """The set of JSON types a value may have, or None (any)."""
    result = None
    for node, name in flat:
        if node is False:
            return set()
        if not isinstance(node, dict):
            continue
        t = None
        if "type" in node:
            t = set(node["type"]) if isinstance(node["type"], list) else {node["type"]}
        for key in ("oneOf", "anyOf"):
            if key in node:
                branches = [_types(side, _flatten(side, [(b, name)])) for b in node[key]]
                u = None if any(b is None for b in branches) else set().union(*branches)
                if u is not None:
                    t = u if t is None else t & u
        if t is not None:
            result = t if result is None else result & t
    return result


def _key(v):
    return json.dumps(v, sort_keys=True)


def _enum(side, flat):
    """The set of allowed values (as JSON text), or None (not an enum)."""
    result = None
    for node, name in flat:
        if not isinstance(node, dict):
            continue
        e = None
        if "enum" in node:
            e = {_key(v) for v in node["enum"]}
        if "const" in node:
            e = {_key(node["const"])} if e is None else e & {_key(node["const"])}
        for key in ("oneOf", "anyOf"):
            if key in node:
                branches = [_enum(side, _flatten(side, [(b, name)])) for b in node[key]]
                if all(b is not None for b in branches):
                    u = set().union(*branches)
                    e = u if e is None else e & u
        if e is not None:
            result = e if result is None else result & e
    return result


def _covered(t, types):
    return t in types or (t == "integer" and "number" in types)


def _collect(flat, key):
    """Sub-schemas under one keyword (properties, $defs) by name."""
    out = {}
    for node, name in flat:
        if isinstance(node, dict) and isinstance(node.get(key), dict):
            for k, v in node[key].items():
                out.setdefault(k, []).append((v, name))
    return out


def _list(flat, key):
    return [(sub, name) for node, name in flat if isinstance(node, dict)
            for sub in ([node[key]] if isinstance(node.get(key), (dict, bool)) else [])]


class Checker:
    def __init__(self, old_docs, new_docs):
        self.old, self.new = Side(old_docs), Side(new_docs)
        self.problems = []
        self.seen = set()

    def report(self, path, msg):
        self.problems.append("%s: %s" % (path, msg))

    def run(self):
        for name, doc in self.old.docs.items():
            if name not in self.new.docs:
                self.report(name, "schema file removed")
                continue
            self.walk([(doc, name)], [(self.new.docs[name], name)], name + " $")
        return self.problems

    def walk(self, old_group, new_group, path):
        key = (tuple(id(n) for n, _ in old_group), tuple(id(n) for n, _ in new_group))
        if key in self.seen:
            return
        self.seen.add(key)
        try:
            self._walk(old_group, new_group, path)
        except KeyError as e:
            self.report(path, e.args[0] if e.args else str(e))

    def _only_new(self, of, cond, name):
        """Does the if-schema cond match only values the old schemas of
        reject?  It must require a property the old closed object did not
        have, or require one and pin it to values (const/enum) none of
        which the old schema allowed there."""
        if not isinstance(cond, dict):
            return False
        oprops = _collect(of, "properties")
        closed = any(isinstance(n, dict) and n.get("additionalProperties") is False for n, _ in of)
        for r in cond.get("required", []):
            if r not in oprops and closed:
                return True
            sub = cond.get("properties", {}).get(r)
            if r in oprops and isinstance(sub, dict):
                osub = _flatten(self.old, oprops[r])
                vals = sub.get("enum", [sub["const"]] if "const" in sub else None)
                if vals is not None:
                    oe = _enum(self.old, osub)
                    if oe is not None and not ({_key(v) for v in vals} & oe):
                        return True
                if self._only_new(osub, sub, name):
                    return True
        return False

    def _route(self, of, new_group):
        """A new if/then/else that sends only documents the old schema
        rejected to then is additive: compare the old schema with else."""
        out = []
        for node, name in new_group:
            while (isinstance(node, dict) and set(node) <= {"if", "then", "else", "description", "$comment"}
                   and "else" in node and self._only_new(of, node.get("if"), name)):
                node = node["else"]
            out.append((node, name))
        return out

    def _walk(self, old_group, new_group, path):
        of = _flatten(self.old, old_group)
        nf = _flatten(self.new, self._route(of, new_group))
        ot, nt = _types(self.old, of), _types(self.new, nf)
        if ot is not None:
            if nt is None:
                self.report(path, "type constraint removed (was %s)" % "|".join(sorted(ot)))
            else:
                narrowed = sorted(t for t in ot if not _covered(t, nt))
                widened = sorted(t for t in nt if not _covered(t, ot))
                if narrowed:
                    self.report(path, "type narrowed: %s no longer allowed" % ", ".join(narrowed))
                if widened:
                    self.report(path, "type widened: may now be %s" % ", ".join(widened))

        oe, ne = _enum(self.old, of), _enum(self.new, nf)
        if oe is not None and ne is not None:
            for v in sorted(oe - ne):
                self.report(path, "enum value %s removed" % v)

        oreq = {r for n, _ in of if isinstance(n, dict) for r in n.get("required", [])}
        nreq = {r for n, _ in nf if isinstance(n, dict) for r in n.get("required", [])}
        for r in sorted(oreq - nreq):
            self.report(path, "%r is no longer required" % r)

        oprops, nprops = _collect(of, "properties"), _collect(nf, "properties")
        for p in sorted(oprops):
            if all(s is False for s, _ in oprops[p]):
                continue  # forbidden before: nothing to keep
            if p not in nprops:
                self.report(path, "property %r removed" % p)
            elif any(s is False for s, _ in nprops[p]):
                self.report(path, "property %r is now forbidden" % p)
            else:
                self.walk(oprops[p], nprops[p], "%s.%s" % (path, p))

        odefs, ndefs = _collect(of, "$defs"), _collect(nf, "$defs")
        for d in sorted(odefs):
            if d not in ndefs:
                self.report(path, "definition $defs/%s removed" % d)
            else:
                self.walk(odefs[d], ndefs[d], "%s $defs/%s" % (path.split(" ")[0], d))

        oitems, nitems = _list(of, "items"), _list(nf, "items")
        if oitems and nitems:
            self.walk(oitems, nitems, path + "[]")

        for kw in ("oneOf", "anyOf"):
            ob = [(b, name) for n, name in of if isinstance(n, dict) for b in n.get(kw, [])]
            nb = [(b, name) for n, name in nf if isinstance(n, dict) for b in n.get(kw, [])]
            if len(nb) < len(ob):
                self.report(path, "%s alternatives removed (%d, was %d)" % (kw, len(nb), len(ob)))
            elif len(nb) == len(ob):
                for i, (o, n) in enumerate(zip(ob, nb)):
                    self.walk([o], [n], "%s(%s %d)" % (path, kw, i + 1))

        oc = [(n, name) for n, name in of if isinstance(n, dict) and "if" in n]
        nc = [(n, name) for n, name in nf if isinstance(n, dict) and "if" in n]
        if len(nc) < len(oc):
            self.report(path, "if/then/else conditions removed (%d, was %d)" % (len(nc), len(oc)))
        for i, ((o, on), (n, nn)) in enumerate(zip(oc, nc)):
            for kw in ("if", "then", "else"):
                if kw in o and kw in n:
                    self.walk([(o[kw], on)], [(n[kw], nn)], "%s(%s %d)" % (path, kw, i + 1))
                elif kw in o:
                    self.report(path, "%s branch %d removed" % (kw, i + 1))


def check(old_docs, new_docs):
    """Problems (strings) that make new_docs incompatible with old_docs."""
    return Checker(old_docs, new_docs).run()


def main(argv):
    old_dir = argv[1] if len(argv) > 1 else BASELINE_DIR
    new_dir = argv[2] if len(argv) > 2 else SCHEMA_DIR
    problems = check(load_dir(old_dir), load_dir(new_dir))
    for p in problems:
        print(p)
    if problems:
        print("%d incompatible change(s) against %s" % (len(problems), old_dir))
        return 1
    print("compatible with %s" % old_dir)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

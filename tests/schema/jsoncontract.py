# SPDX-License-Identifier: MIT
"""Validate ws2fix's JSON output against its schema in docs/schema/.

Used by the test helpers (tests/cli/wstest.py, tests/wine/wineenv.py): every
document a test gets from `ws2fix ... --json` (and every `batch` line) goes
through check_output(), which picks the schema from the command line the
same way ws2fix picks the command, and raises ContractError naming the path
of the offending field ($.catalogs[0].entries[3].kind: ...).

When WS2FIX_CODES_SEEN names a folder (CTest sets it for the CLI tests),
check_output() also writes there the finding code of every finding of every
document it validated: tests/schema/test_finding_codes.py reads them to see
that the test suite really makes the program report each code.

Needs python3-jsonschema (4.10 or later: draft 2020-12).
"""
import json
import os
import sys

SCHEMA_DIR = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..",
                                           "docs", "schema"))

# The schema of each command's document.  Unknown commands (and no command)
# can only give an error document.
COMMANDS = {
    "show": "show.schema.json",
    "diagnose": "diagnose.schema.json",
    "repair": "repair.schema.json",
    "backup": "backup.schema.json",
    "restore": "restore.schema.json",
    "explain": "explain.schema.json",
    "selftest": "selftest.schema.json",
    "batch": "batch.schema.json",
}
ERROR_ONLY = "common.schema.json#/$defs/error_document"

# The global options, those that take a value and flags, as the program's
# option table declares them (src/cli/options.def and the source options
# of include/ws2fix/sources.def): docs/cli/options.json is written from
# that table by ws2fix-optgen (tests/cli/test_options_generated.py checks
# that it is current).
def _global_options():
    path = os.path.join(os.path.dirname(SCHEMA_DIR), "cli", "options.json")
    with open(path, encoding="utf-8") as f:
        table = json.load(f)
    value, flag = set(), set()
    for o in table["options"]:
        if o["command"] is None and o["type"] != "arg":
            names = {o["name"]} | ({o["alias"]} if o["alias"] else set())
            (value if o["type"] == "value" else flag).update(names)
    return value, flag


_VALUE_OPTS, _FLAG_OPTS = _global_options()


class ContractError(Exception):
    """A document does not match its schema."""


def _jsonschema():
    try:
        import jsonschema  # noqa: F401
    except ImportError:
        raise ContractError("python3-jsonschema is not installed (scripts/deps.sh installs it): "
                            "the JSON output cannot be checked against docs/schema/")
    return jsonschema


def parse_argv(args):
    """(command, json_mode, special) for a ws2fix command line without the
    program name, as src/cli/main.c reads it.  special is True for --help
    and --version, which print text whatever else is given."""
    command, json_mode, special, dashdash = None, False, False, False
    it = iter(range(len(args)))
    for i in it:
        a = args[i]
        if not dashdash and a == "--":
            dashdash = True
            continue
        if not dashdash:
            name = a.split("=", 1)[0]
            if name in _VALUE_OPTS:
                if "=" not in a:
                    next(it, None)
                continue
            if a in _FLAG_OPTS:
                json_mode |= a == "--json"
                special |= a in ("--help", "-h", "--version")
                continue
        if command is None:
            command = a
    return command, json_mode, special


_cache = {}


def _schemas():
    if "all" not in _cache:
        docs = {}
        for name in sorted(os.listdir(SCHEMA_DIR)):
            if name.endswith(".schema.json"):
                with open(os.path.join(SCHEMA_DIR, name), encoding="utf-8") as f:
                    docs[name] = json.load(f)
        _cache["all"] = docs
    return _cache["all"]


def validator(ref):
    """A Draft 2020-12 validator for "name.schema.json" or
    "name.schema.json#/json/pointer", with every schema of docs/schema
    available to $ref."""
    if ref in _cache:
        return _cache[ref]
    js = _jsonschema()
    docs = _schemas()
    name, _, pointer = ref.partition("#")
    root = docs[name]
    schema = {"$ref": root["$id"] + ("#" + pointer if pointer else "")} if pointer else root
    cls = js.Draft202012Validator
    try:
        # jsonschema >= 4.18
        from referencing import Registry, Resource
        from referencing.jsonschema import DRAFT202012
        registry = Registry().with_resources(
            (d["$id"], Resource.from_contents(d, default_specification=DRAFT202012)) for d in docs.values())
        v = cls(schema, registry=registry)
    except ImportError:
        # Debian 12's jsonschema 4.10
        resolver = js.RefResolver(base_uri=root["$id"], referrer=root,
                                  store={d["$id"]: d for d in docs.values()})
        v = cls(schema, resolver=resolver)
    _cache[ref] = v
    return v


def _path(error):
    out = "$"
    for p in error.absolute_path:
        out += "[%d]" % p if isinstance(p, int) else ".%s" % p
    return out


def _leaves(error):
    """The innermost errors: for if/then/else and $ref the interesting one is
    below; for anyOf/oneOf every branch's failure is in error.context."""
    if not error.context:
        return [error]
    out = []
    for e in error.context:
        out.extend(_leaves(e))
    return out


def errors(doc, ref):
    """Every schema violation of doc as "path: message" strings, deepest first."""
    v = validator(ref)
    found = []
    for e in v.iter_errors(doc):
        for leaf in _leaves(e) if e.validator in ("oneOf", "anyOf") else [e]:
            found.append((len(list(leaf.absolute_path)), "%s: %s" % (_path(leaf), leaf.message)))
    found.sort(key=lambda x: -x[0])
    seen, out = set(), []
    for _, msg in found:
        if msg not in seen:
            seen.add(msg)
            out.append(msg)
    return out


def validate(doc, ref, what=""):
    errs = errors(doc, ref)
    if errs:
        more = " (and %d more)" % (len(errs) - 3) if len(errs) > 3 else ""
        raise ContractError("%s%s does not match docs/schema/%s: %s%s"
                            % (what, " output" if what else "output", ref, "; ".join(errs[:3]), more))


def schema_for(command):
    return COMMANDS.get(command, ERROR_ONLY)


def check_output(args, stdout, rc=None):
    """Validate what `ws2fix *args` printed.  Returns the parsed document
    (for batch, the list of lines' documents), or None when the command
    line does not ask for JSON or printed nothing (-q).  Raises
    ContractError when a JSON document does not match its schema, or when
    --json printed something that is not one JSON document."""
    args = [str(a) for a in args]
    command, json_mode, special = parse_argv(args)
    what = "ws2fix " + " ".join(args)
    if special or not stdout.strip():
        return None
    ref = schema_for(command)
    if command == "batch":
        # JSON Lines, whatever --json says; a usage error with --json is
        # one (pretty-printed) error document.
        try:
            docs = [json.loads(ln) for ln in stdout.splitlines() if ln.strip()]
        except ValueError:
            docs = None
        if docs is None:
            if not json_mode:
                raise ContractError("%s: a line is not JSON: %r" % (what, stdout[:300]))
            docs = [_load(stdout, what)]
        for n, d in enumerate(docs, 1):
            validate(d, ref, "%s (line %d)" % (what, n))
        record_codes(docs)
        return docs
    if not json_mode:
        return None
    doc = _load(stdout, what)
    validate(doc, ref, what)
    record_codes(doc)
    if rc is not None and isinstance(doc, dict) and "error" in doc and doc["error"].get("exit_code") != rc:
        raise ContractError("%s: error.exit_code %r but the exit code is %r"
                            % (what, doc["error"].get("exit_code"), rc))
    return doc


def _load(text, what):
    try:
        return json.loads(text)
    except ValueError as e:
        raise ContractError("%s: --json output is not one JSON document (%s): %r" % (what, e, text[:300]))


CODES_SEEN_ENV = "WS2FIX_CODES_SEEN"


def finding_codes(doc):
    """The code of every finding anywhere in doc (a "findings" list's items)."""
    out = set()
    if isinstance(doc, dict):
        for key, v in doc.items():
            if key == "findings" and isinstance(v, list):
                out.update(f["code"] for f in v if isinstance(f, dict) and isinstance(f.get("code"), str))
            out |= finding_codes(v)
    elif isinstance(doc, list):
        for v in doc:
            out |= finding_codes(v)
    return out


def record_codes(doc):
    """Append doc's finding codes to this process's file in the folder
    WS2FIX_CODES_SEEN names (nothing when it is unset)."""
    folder = os.environ.get(CODES_SEEN_ENV)
    codes = finding_codes(doc)
    if not folder or not codes:
        return
    os.makedirs(folder, exist_ok=True)
    script = os.path.splitext(os.path.basename(sys.argv[0] or "python"))[0]
    with open(os.path.join(folder, "%s.%d.txt" % (script, os.getpid())), "a", encoding="utf-8") as f:
        f.write("".join(c + "\n" for c in sorted(codes)))


def codes_seen(folder):
    """{code: [scripts whose documents had it]} from what record_codes wrote."""
    seen = {}
    for name in sorted(os.listdir(folder)) if os.path.isdir(folder) else ():
        with open(os.path.join(folder, name), encoding="utf-8") as f:
            for line in f:
                if line.strip():
                    seen.setdefault(line.strip(), []).append(name.split(".", 1)[0])
    return seen

#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""docs/schema stays compatible with the released contract
(tests/schema/baseline/v1), and the checker that says so catches each kind
of breaking change (schema_compat.py's rules) while letting additions by.

Usage: python3 test_schema_compat.py   (exit 0 pass, 1 fail)
"""
import copy
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, "..", "cli"))
import schema_compat  # noqa: E402
import wstest  # noqa: E402
from wstest import Failure  # noqa: E402

CURRENT = schema_compat.load_dir(schema_compat.SCHEMA_DIR)


def test_current_schemas_compatible_with_v1():
    baseline = schema_compat.load_dir(schema_compat.BASELINE_DIR)
    if sorted(baseline) != sorted(n for n in baseline if n.endswith(".schema.json")) or len(baseline) < 10:
        raise Failure(f"baseline looks wrong: {sorted(baseline)}")
    problems = schema_compat.check(baseline, CURRENT)
    if problems:
        raise Failure("docs/schema breaks the v1 contract (a breaking change needs a new major "
                      "version, see docs/schema/README.md):\n  " + "\n  ".join(problems))


def _protocol_entry(docs):
    return docs["common.schema.json"]["$defs"]["protocol_entry"]["else"]


def _severity_groups(docs):
    return docs["finding-codes.schema.json"]["$defs"]["severity_of_code"]["allOf"]


def _drop_required(docs):
    docs["diagnose.schema.json"]["$defs"]["result"]["required"].remove("summary")


def _drop_property(docs):
    e = _protocol_entry(docs)
    del e["properties"]["item_size"]
    e["required"].remove("item_size")


def _narrow_type(docs):
    docs["common.schema.json"]["$defs"]["namespace_entry"]["properties"]["enabled"]["type"] = "boolean"


def _narrow_oneof(docs):
    docs["common.schema.json"]["$defs"]["namespace_entry"]["properties"]["provider_id"] = {"$ref": "#/$defs/guid"}


def _widen_type(docs):
    docs["common.schema.json"]["$defs"]["uint32"]["type"] = "number"


def _to_string(docs):
    docs["restore.schema.json"]["$defs"]["result"]["properties"]["verified"] = {"type": "string"}


def _drop_enum_value(docs):
    docs["common.schema.json"]["$defs"]["severity"]["enum"].remove("info")


def _drop_code(docs):
    fc = docs["finding-codes.schema.json"]
    fc["enum"].remove("VIEW_MISMATCH")
    for g in _severity_groups(docs):
        codes = g["if"]["properties"]["code"]["enum"]
        if "VIEW_MISMATCH" in codes:
            codes.remove("VIEW_MISMATCH")


def _change_severity(docs):
    groups = _severity_groups(docs)
    groups[1]["if"]["properties"]["code"]["enum"].remove("LAYER_ORPHANED")
    groups[0]["if"]["properties"]["code"]["enum"].append("LAYER_ORPHANED")


def _change_const(docs):
    docs["backup.schema.json"]["$defs"]["result"]["properties"]["command"] = {"const": "save"}


def _drop_file(docs):
    del docs["selftest.schema.json"]


def _drop_def(docs):
    del docs["repair.schema.json"]["$defs"]["after"]
    docs["repair.schema.json"]["$defs"]["result"]["properties"]["after"] = {"type": "object"}


def _forbid_property(docs):
    docs["diagnose.schema.json"]["$defs"]["result"]["properties"]["skipped"] = False


def _drop_item_field(docs):
    steps = docs["explain.schema.json"]["$defs"]["match"]["properties"]["steps"]["items"]
    del steps["properties"]["command"]
    steps["required"].remove("command")


def _drop_then(docs):
    # repair: "after" is required when applied is true.
    del docs["repair.schema.json"]["$defs"]["result"]["then"]["required"]


BREAKING = [
    (_drop_required, "'summary' is no longer required"),
    (_drop_property, "property 'item_size' removed"),
    (_narrow_type, "type narrowed: null no longer allowed"),
    (_narrow_oneof, "type narrowed: null no longer allowed"),
    (_widen_type, "type widened: may now be number"),
    (_to_string, "type narrowed: boolean no longer allowed"),
    (_drop_enum_value, 'enum value "info" removed'),
    (_drop_code, 'enum value "VIEW_MISMATCH" removed'),
    (_change_severity, 'enum value "LAYER_ORPHANED" removed'),
    (_change_const, 'enum value "backup" removed'),
    (_drop_file, "selftest.schema.json: schema file removed"),
    (_drop_def, "definition $defs/after removed"),
    (_forbid_property, "property 'skipped' is now forbidden"),
    (_drop_item_field, "property 'command' removed"),
    (_drop_then, "'after' is no longer required"),
]


def test_breaking_changes_are_reported():
    bad = []
    for mutate, want in BREAKING:
        docs = copy.deepcopy(CURRENT)
        mutate(docs)
        problems = schema_compat.check(CURRENT, docs)
        if not any(want in p for p in problems):
            bad.append(f"{mutate.__name__}: expected {want!r}, got {problems}")
    if bad:
        raise Failure("the checker missed a breaking change:\n  " + "\n  ".join(bad))


def _add_optional(docs):
    _protocol_entry(docs)["properties"]["signature"] = {"type": "string"}


def _add_code(docs):
    # Issue 11: SOURCE_RECOVERED, a warning.
    docs["finding-codes.schema.json"]["enum"].append("SOURCE_RECOVERED")
    _severity_groups(docs)[1]["if"]["properties"]["code"]["enum"].append("SOURCE_RECOVERED")


def _add_enum_value(docs):
    docs["selftest.schema.json"]["$defs"]["step"]["properties"]["reason"]["enum"].append("firewall")


def _add_file(docs):
    docs["gui.schema.json"] = {"$id": "https://ws2fix.invalid/schema/v1/gui.schema.json", "type": "object"}


def _require_more(docs):
    docs["common.schema.json"]["$defs"]["os"]["properties"]["edition"] = {"type": "string"}
    docs["common.schema.json"]["$defs"]["os"]["required"].append("edition")


def _inline_ref(docs):
    # Refactoring: the finding's view written out instead of referenced.
    common = docs["common.schema.json"]["$defs"]
    common["finding"]["properties"]["view"] = {"oneOf": [{"enum": ["64", "32"]}, {"type": "null"}]}


def _move_def(docs):
    # A definition moved to another file and referenced from there.
    common = docs["common.schema.json"]["$defs"]
    common["repair_after"] = docs["repair.schema.json"]["$defs"]["after"]
    docs["repair.schema.json"]["$defs"]["after"] = {"$ref": "common.schema.json#/$defs/repair_after"}


COMPATIBLE = [_add_optional, _add_code, _add_enum_value, _add_file, _require_more, _inline_ref, _move_def]


def test_additions_are_accepted():
    bad = []
    for mutate in COMPATIBLE:
        docs = copy.deepcopy(CURRENT)
        mutate(docs)
        problems = schema_compat.check(CURRENT, docs)
        if problems:
            bad.append(f"{mutate.__name__}: {problems}")
    if bad:
        raise Failure("compatible changes reported as breaking:\n  " + "\n  ".join(bad))


def test_unresolvable_ref_is_reported():
    docs = copy.deepcopy(CURRENT)
    docs["show.schema.json"]["$defs"]["result"]["properties"]["os"] = {"$ref": "common.schema.json#/$defs/nope"}
    problems = schema_compat.check(CURRENT, docs)
    if not any("nope" in p for p in problems):
        raise Failure(f"a $ref to nowhere was not reported: {problems}")


if __name__ == "__main__":
    wstest.main([test_current_schemas_compatible_with_v1, test_breaking_changes_are_reported,
                 test_additions_are_accepted, test_unresolvable_ref_is_reported])

#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Check ws2fix JSON output against its schema in docs/schema/.

    ws2fix --hive SYSTEM diagnose --json | python3 scripts/validate-json.py diagnose
    ws2fix batch hives.txt > out.jsonl; python3 scripts/validate-json.py batch out.jsonl

COMMAND is the ws2fix command that wrote the document (show, diagnose,
repair, backup, restore, explain, selftest, batch); FILE defaults to
standard input.  Exit 0 valid, 1 not valid (each problem printed with the
path of its field), 2 usage.  Needs python3-jsonschema.
"""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "schema"))
import jsoncontract  # noqa: E402


def main(argv):
    if len(argv) not in (2, 3) or argv[1] not in jsoncontract.COMMANDS:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    if len(argv) == 3 and argv[2] != "-":
        with open(argv[2], encoding="utf-8") as f:
            text = f.read()
    else:
        text = sys.stdin.read()
    try:
        docs = jsoncontract.check_output([argv[1], "--json"], text)
    except jsoncontract.ContractError as e:
        print(e)
        return 1
    if docs is None:
        print("nothing to check: the input is empty", file=sys.stderr)
        return 1
    n = len(docs) if isinstance(docs, list) else 1
    print("valid: %d %s document%s" % (n, argv[1], "" if n == 1 else "s"))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

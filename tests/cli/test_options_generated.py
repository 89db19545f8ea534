# SPDX-License-Identifier: MIT
"""The option table (src/cli/options.def) and what is made of it agree.

ws2fix-optgen writes the bash completion (completion/ws2fix.bash) and
docs/cli/options.json from the table; both are checked in, so this test
fails when either differs from what the generator writes today (run
`cmake --build build --target regen-options`).  Then the program itself
is held to the list: every option it names is accepted where the list
says (by the parser the same table drives), one it does not name is
refused, and `ws2fix --help` and `ws2fix COMMAND --help` show each one.

Run by CTest as `python3 test_options_generated.py WS2FIX`, with
WS2FIX_OPTGEN naming ws2fix-optgen (a cross build has none: skipped).
"""
import json
import os
import subprocess
import sys

import wstest
from wstest import Failure

WS2FIX = sys.argv[1]
OPTGEN = os.environ.get("WS2FIX_OPTGEN")
SRC = os.environ["WS2FIX_SOURCE_DIR"]
FILES = {"bash": "completion/ws2fix.bash", "json": "docs/cli/options.json"}


def table():
    with open(os.path.join(SRC, FILES["json"]), encoding="utf-8") as f:
        return json.load(f)


def test_generated_files_are_current():
    if not OPTGEN:
        raise wstest.Skip("no ws2fix-optgen in this build (cross-compiled)")
    for mode, rel in FILES.items():
        want = subprocess.run([OPTGEN, mode], capture_output=True, text=True, check=True).stdout
        with open(os.path.join(SRC, rel), encoding="utf-8") as f:
            got = f.read()
        if got != want:
            raise Failure(f"{rel} is stale: run `cmake --build build --target regen-options` and commit it")


def value_for(o):
    """A value the option accepts: its first word, else a file name."""
    if o["complete"] == "words" and o["words"]:
        return o["words"].split()[0]
    return "nonexistent-file"


def test_every_option_is_accepted():
    for o in table()["options"]:
        if o["type"] == "arg":
            continue
        names = [o["name"]] + ([o["alias"]] if o["alias"] else [])
        for name in names:
            word = [name] + ([value_for(o)] if o["type"] == "value" else [])
            if o["command"] is None:
                if name in ("--help", "-h", "--version"):
                    continue
                line = word + ["no-such-command"]
            else:
                line = ["--reg", "nonexistent.reg", o["command"]] + word
            rc, out, err = wstest.run(WS2FIX, "--lang", "en", *line)
            said = err + out  # --json puts the error on stdout
            if "unknown option" in said or "needs a value" in said:
                raise Failure(f"{' '.join(line)}: the program refuses an option of the table: {said.strip()}")
            if o["command"] is None and "unknown command" not in said and not (o["source"] or name in ("-q", "--quiet")):
                raise Failure(f"{' '.join(line)}: expected the unknown command, got {rc}: {said.strip()}")


def test_other_options_are_refused():
    for cmd in table()["commands"]:
        rc, _, err = wstest.run(WS2FIX, "--lang", "en", cmd, "--no-such-option")
        if rc != 2 or "unknown option '--no-such-option'" not in err:
            raise Failure(f"{cmd} --no-such-option: exit {rc}, {err.strip()!r}")


def test_help_lists_every_option():
    t = table()
    for lang in ("en", "sv"):
        _, out, _ = wstest.run(WS2FIX, "--lang", lang, "--help")
        for o in t["options"]:
            if o["command"] is None and o["name"] not in ("--help", "--version") and o["name"] not in out:
                raise Failure(f"--help ({lang}) does not list {o['name']}")
        for cmd in t["commands"]:
            rc, text, _ = wstest.run(WS2FIX, "--lang", lang, cmd, "--help")
            if rc != 0 or cmd not in text.splitlines()[0]:
                raise Failure(f"{cmd} --help ({lang}): exit {rc}, {text[:200]!r}")
            for o in t["options"]:
                if o["command"] == cmd and o["type"] != "arg" and o["name"] not in text:
                    raise Failure(f"{cmd} --help ({lang}) does not list {o['name']}")
                if o["command"] != cmd and o["command"] is not None and o["type"] != "arg":
                    mine = {p["name"] for p in t["options"] if p["command"] == cmd}
                    if o["name"] not in mine and f"  {o['name']} " in text:
                        raise Failure(f"{cmd} --help ({lang}) lists {o['name']} of {o['command']}")


def test_two_sources_names_every_source():
    sources = [o["name"] for o in table()["options"] if o["source"]]
    rc, _, err = wstest.run(WS2FIX, "--lang", "en", sources[0], "a", sources[1], "b", "diagnose")
    for s in sources:
        if s not in err:
            raise Failure(f"two sources: the error does not name {s}: {err.strip()}")
    if rc != 2:
        raise Failure(f"two sources: exit {rc}")


def test_partial_refusal_names_every_registry_source():
    """"--netsh gives no registry: 'backup' needs --hive, --reg or the live
    registry": the registry sources of sources.def, however many there are."""
    import re
    with open(os.path.join(SRC, "include", "ws2fix", "sources.def"), encoding="utf-8") as f:
        rows = re.findall(r'^WS2FIX_SOURCE\(\w+, "\w+", (NULL|"[^"]+"), ([01]),', f.read(), re.M)
    registry = [o.strip('"') for o, partial in rows if o != "NULL" and partial == "0"]
    partial = [o.strip('"') for o, p in rows if o != "NULL" and p == "1"]
    if not registry or not partial:
        raise Failure(f"implausible sources.def parse: {rows}")
    rc, _, err = wstest.run(WS2FIX, "--lang", "en", partial[0], "x.txt", "backup", "b.reg")
    for o in registry:
        if o not in err:
            raise Failure(f"the partial source's refusal does not name {o}: {err.strip()}")
    if any(p in err.split("needs", 1)[-1] for p in partial) or rc != 2:
        raise Failure(f"the refusal (exit {rc}) offers a partial source or is wrong: {err.strip()}")


def test_manual_synopses_list_the_tables_options():
    """A command's page in docs/cli/ (its Synopsis, the manual page's) names exactly the
    command's own options of the table: none missing, none it lacks."""
    import re
    t = table()
    bad = []
    for c in t["commands"]:
        name = c["name"] if isinstance(c, dict) else c
        own = {o["name"] for o in t["options"] if o["command"] == name and o["type"] != "arg"}
        with open(os.path.join(SRC, "docs", "cli", name + ".md"), encoding="utf-8") as f:
            m = re.search(r"^Synopsis: (.*)$", f.read(), re.M)
        if not m or f" {name}" not in m.group(1):
            bad.append(f"{name}: no Synopsis line naming the command")
            continue
        doc = set(re.findall(r"(--[a-z][a-z0-9-]*|-[a-zA-Z])\b", m.group(1).split(f" {name}", 1)[1]))
        if doc != own:
            bad.append(f"{name}: the manual lacks {sorted(own - doc)}, names {sorted(doc - own)} the table lacks")
    if bad:
        raise Failure("; ".join(bad))


if __name__ == "__main__":
    wstest.main([test_generated_files_are_current, test_every_option_is_accepted,
                 test_other_options_are_refused, test_help_lists_every_option,
                 test_two_sources_names_every_source, test_partial_refusal_names_every_registry_source,
                 test_manual_synopses_list_the_tables_options])

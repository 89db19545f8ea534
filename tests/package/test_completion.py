# SPDX-License-Identifier: MIT
"""The bash completion (completion/ws2fix.bash) offers what the program
accepts: every global option and every option of each command of the
option table (src/cli/options.def, as docs/cli/options.json lists it), the commands, the --lang/--mode/--os values (each
--os value offered is accepted by ws2fix) and file names for file
arguments.  It is driven as bash drives it: COMP_WORDS/COMP_CWORD set, the
function called, COMPREPLY read; with and without the bash-completion
package's helpers.  Run by CTest as `python3 test_completion.py WS2FIX`."""
import json
import os
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "cli"))
import wstest  # noqa: E402
from wstest import Failure  # noqa: E402

WS2FIX = sys.argv[1]
SRC = os.environ["WS2FIX_SOURCE_DIR"]
SCRIPT = os.path.join(SRC, "completion", "ws2fix.bash")
BASH_COMPLETION = "/usr/share/bash-completion/bash_completion"


def complete(line, cwd=None, with_helpers=False):
    """Completions bash would offer for `line` (the cursor at its end)."""
    words = line.split(" ")
    prelude = f"source {BASH_COMPLETION} 2>/dev/null;" if with_helpers else ""
    arr = " ".join("'" + w.replace("'", "'\\''") + "'" for w in words)
    script = (f"{prelude} shopt -s extglob; source '{SCRIPT}'; COMP_WORDS=({arr}); "
              f"COMP_CWORD={len(words) - 1}; COMP_LINE='{line}'; COMP_POINT={len(line)}; "
              "_ws2fix; printf '%s\\n' \"${COMPREPLY[@]}\"")
    r = subprocess.run(["bash", "--norc", "--noprofile", "-c", script], capture_output=True, text=True,
                       cwd=cwd, timeout=30)
    if r.returncode != 0:
        raise Failure(f"bash failed on {line!r}: {r.stderr.strip()}")
    return [x for x in r.stdout.split("\n") if x]


def table():
    """The option table as ws2fix-optgen writes it (docs/cli/options.json;
    tests/cli/test_options_generated.py holds the program to it)."""
    with open(os.path.join(SRC, "docs", "cli", "options.json"), encoding="utf-8") as f:
        return json.load(f)


def options_of(command):
    names = set()
    for o in table()["options"]:
        if o["command"] == command and o["type"] != "arg":
            names |= {o["name"]} | ({o["alias"]} if o["alias"] else set())
    return names


def test_commands():
    # The commands the program runs: each one's --help answers.
    cmds = set(table()["commands"])
    for c in cmds:
        rc, out, _ = wstest.run(WS2FIX, "--lang", "en", c, "--help")
        if rc != 0 or not out.startswith("usage: ws2fix"):
            raise Failure(f"{c} --help: exit {rc}")
    got = set(complete("ws2fix "))
    if cmds != got:
        raise Failure(f"commands: the table has {sorted(cmds)}, completion offers {sorted(got)}")
    if complete("ws2fix dia") != ["diagnose"]:
        raise Failure(f"'dia' completes to {complete('ws2fix dia')}")


def test_global_options_from_source():
    want = options_of(None)
    got = set(complete("ws2fix -"))
    if len(want) < 15 or want - got:
        raise Failure(f"global options not offered: {sorted(want - got)}")


def test_command_options_from_source():
    for cmd in table()["commands"]:
        want = options_of(cmd)
        got = set(complete(f"ws2fix --reg x.reg {cmd} -"))
        if want - got:
            raise Failure(f"{cmd}: options not offered: {sorted(want - got)}")
        if "--hive" not in got:
            raise Failure(f"{cmd}: global options are not offered after the command")
        # And nothing another command has that this one does not.
        others = set().union(*(options_of(c) for c in table()["commands"])) - want
        if got & others:
            raise Failure(f"{cmd}: offers options it does not take: {sorted(got & others)}")


def test_values():
    cases = {
        "ws2fix --lang ": ["en", "sv"],
        "ws2fix repair --mode ": ["reset", "surgical"],
        "ws2fix --lang s": ["sv"],
    }
    for line, want in cases.items():
        got = sorted(complete(line))
        if got != want:
            raise Failure(f"{line!r}: {got}, expected {want}")


def test_os_values_are_accepted():
    values = complete("ws2fix --os ")
    if len(values) < 15 or "xp-sp2" not in values or "11" not in values:
        raise Failure(f"--os values: {values}")
    sample = os.path.join(SRC, "samples/winsock2-broken-lsp.reg")
    for v in values:
        rc, _, err = wstest.run(WS2FIX, "--os", v, "-q", "diagnose", "--reg", sample)
        if rc == 2:
            raise Failure(f"--os {v} offered but refused: {err.strip()}")


def test_file_arguments():
    d = wstest.tempdir()
    for name in ("catalog.reg", "notes.txt", "SYSTEM"):
        open(os.path.join(d, name), "w").close()
    os.mkdir(os.path.join(d, "sub"))
    for helpers in (False, True):
        if helpers and not os.path.exists(BASH_COMPLETION):
            continue
        reg = complete("ws2fix --reg ", cwd=d, with_helpers=helpers)
        if "catalog.reg" not in reg:
            raise Failure(f"--reg offers {reg} (helpers={helpers})")
        if helpers and "SYSTEM" in reg:
            raise Failure(f"--reg offers non-.reg files with bash-completion: {reg}")
        hive = complete("ws2fix --hive S", cwd=d, with_helpers=helpers)
        if hive != ["SYSTEM"]:
            raise Failure(f"--hive S offers {hive} (helpers={helpers})")
        root = complete("ws2fix --windows-root s", cwd=d, with_helpers=helpers)
        if root not in (["sub"], ["sub/"]):
            raise Failure(f"--windows-root offers {root} (helpers={helpers})")


if __name__ == "__main__":
    wstest.main([test_commands, test_global_options_from_source, test_command_options_from_source,
                 test_values, test_os_values_are_accepted, test_file_arguments])

#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Checks the fleet and responder files in contrib/ (run by CTest as
`python3 test_contrib.py WS2FIX`).

Neither PowerShell, Intune, ConfigMgr, Velociraptor nor Ansible runs here, so
this checks what can be checked without them:
  - every file starts with its SPDX line; every YAML file parses;
  - the Velociraptor artifacts have the fields an artifact needs, every
    parameter the VQL names is declared (and every declared one is used),
    and every field of ws2fix's JSON the VQL reads exists in real output;
  - the PowerShell scripts call only ws2fix and a short list of standard
    cmdlets, keep their paths in variables, and map ws2fix's exit codes as
    docs/EXIT-CODES.md defines them;
  - the Ansible playbook's changed_when/failed_when/when, evaluated by a tiny
    evaluator, give the outcomes that docs/EXIT-CODES.md implies;
  - and the exit codes and JSON those files rely on, from the real binary on
    the sample exports (nothing here needs hivex).
Exit codes: 0 pass, 1 fail, 77 skip (python3-yaml missing outside CI).
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import types

SKIP = 77
ROOT = os.environ.get("WS2FIX_SOURCE_DIR") or os.path.abspath(
    os.path.join(os.path.dirname(__file__), "..", ".."))
CONTRIB = os.path.join(ROOT, "contrib")
SAMPLES = os.path.join(ROOT, "samples")
BROKEN = os.path.join(SAMPLES, "winsock2-broken-lsp.reg")
HEALTHY = os.path.join(SAMPLES, "winsock2-healthy-lsp.reg")

try:
    import yaml
except ImportError:
    if os.environ.get("CI") == "true":
        print("FAIL: python3-yaml is missing (scripts/deps.sh installs it)")
        sys.exit(1)
    print("SKIP: python3-yaml is missing")
    sys.exit(SKIP)


class Failure(Exception):
    pass


def check(cond, msg):
    if not cond:
        raise Failure(msg)


def read(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


def run(binary, *args):
    p = subprocess.run([binary, *args], capture_output=True, timeout=120)
    return p.returncode, p.stdout.decode("utf-8", "replace")


def contrib_files(*exts):
    out = []
    for d, _, files in os.walk(CONTRIB):
        out += [os.path.join(d, f) for f in sorted(files) if f.endswith(exts)]
    return sorted(out)


# --- the contract: docs/EXIT-CODES.md and the command pages --------------------

def exit_codes():
    """{code: meaning} from the table in docs/EXIT-CODES.md."""
    codes = {}
    for m in re.finditer(r"^\| (\d) \| (.+) \|$", read(os.path.join(ROOT, "docs", "EXIT-CODES.md")), re.M):
        codes[int(m.group(1))] = m.group(2)
    check(sorted(codes) == [0, 1, 2, 3], f"docs/EXIT-CODES.md: codes {sorted(codes)}, expected 0-3")
    # What the contrib files assume, said in so many words by the contract:
    check("`diagnose` has at least one finding of severity `error`" in codes[1],
          "EXIT-CODES.md: 1 no longer means an error finding for diagnose")
    check("nothing was changed" in codes[2], "EXIT-CODES.md: 2 no longer means nothing changed")
    check("repair or restore was attempted and failed" in codes[3],
          "EXIT-CODES.md: 3 no longer means a failed repair")
    repair = read(os.path.join(ROOT, "docs", "cli", "repair.md"))
    check("Exit codes: 0 nothing to do, or applied and healthy, or a fix file written that fixes every error; "
          "1 plan not empty (dry run), or problems remain after applying, or error findings remain that the plan "
          "does not fix" in repair,
          "docs/cli/repair.md: the --apply exit codes changed")
    diagnose = read(os.path.join(ROOT, "docs", "cli", "diagnose.md"))
    check("`-q` prints nothing" in diagnose, "docs/cli/diagnose.md: -q no longer prints nothing")
    return codes


# --- SPDX and YAML ------------------------------------------------------------

def test_spdx_and_yaml():
    files = contrib_files(".ps1", ".yaml", ".yml")
    check(len(files) >= 7, f"expected the 7 contrib scripts and artifacts, found {len(files)}")
    for f in files:
        first = read(f).splitlines()[0]
        check(first == "# SPDX-License-Identifier: MIT", f"{f}: first line is {first!r}, not the SPDX line")
    for f in contrib_files(".yaml", ".yml"):
        try:
            yaml.safe_load(read(f))
        except yaml.YAMLError as ex:
            raise Failure(f"{f}: not valid YAML: {ex}")


# --- PowerShell ---------------------------------------------------------------

# Standard cmdlets the scripts may call (Microsoft.PowerShell.Management,
# .Utility and .Core, present in Windows PowerShell 5.1); anything else is
# ws2fix itself, through `& $Ws2fix`.
CMDLETS = {"Join-Path", "Split-Path", "Test-Path", "New-Item", "Add-Content", "Get-Date",
           "Write-Output", "Out-Null", "ForEach-Object"}
KEYWORDS = {"if", "elseif", "else", "exit"}


def ps_code(text):
    """The script with comments removed and every string replaced by 'S'."""
    out, i, n = [], 0, len(text)
    while i < n:
        c = text[i]
        if text.startswith("<#", i):
            i = text.index("#>", i) + 2
        elif c == "#":
            while i < n and text[i] != "\n":
                i += 1
        elif c == "'":
            j = i + 1
            while True:
                j = text.index("'", j)
                if text.startswith("''", j):
                    j += 2
                    continue
                break
            out.append("'S'")
            i = j + 1
        elif c == '"':
            j = i + 1
            while text[j] != '"':
                j += 2 if text[j] == "`" else 1
            out.append("'S'")
            i = j + 1
        else:
            out.append(c)
            i += 1
    return "".join(out)


def ps_statements(code):
    """Statements and pipeline elements, stripped, in order."""
    parts = re.split(r"[\n;{}|]", code)
    return [p.strip() for p in parts if p.strip()]


def ps_hashtable(text, name):
    """`$name = @{ 0 = 0; 1 = 1 }` (numbers or strings, one line or several)."""
    m = re.search(r"^\$" + name + r" = @\{(.*?)\}", text, re.S | re.M)
    check(m, f"no ${name} = @{{...}} table")
    table = {}
    for km in re.finditer(r"(\d+)\s*=\s*('(?:[^']|'')*'|\d+)", m.group(1)):
        v = km.group(2)
        table[int(km.group(1))] = v.strip("'") if v.startswith("'") else int(v)
    return table


def check_powershell(path):
    text = read(path)
    code = ps_code(text)
    name = os.path.relpath(path, ROOT)
    for st in ps_statements(code):
        word = re.match(r"[&$]?[\w-]+|\S", st).group(0)
        if word.startswith("$"):
            m = re.match(r"\$\w+\s*=\s*(.*)$", st)
            if m:                          # an assignment: look at what is assigned
                st = m.group(1)
                word = re.match(r"[&$]?[\w-]+|\S", st).group(0) if st else ""
            else:
                continue                   # an expression such as $x.Method()
        if word == "&":
            check(re.match(r"&\s*\$Ws2fix\b", st), f"{name}: calls something other than $Ws2fix: {st!r}")
        elif re.match(r"[A-Za-z]", word or "'"):
            check(word in KEYWORDS or word in CMDLETS, f"{name}: calls {word!r}, not in the allowed cmdlets")
    # Commands inside parentheses and pipelines, anywhere.
    for cmd in re.findall(r"(?<![-\w$.])([A-Z][a-z]+-[A-Z][A-Za-z]+)\b", code):
        check(cmd in CMDLETS, f"{name}: calls {cmd!r}, not in the allowed cmdlets")
    for word in re.findall(r"\(\s*([A-Za-z][\w-]*)", code):
        check(word in CMDLETS or word in KEYWORDS, f"{name}: runs {word!r} in parentheses, not an allowed cmdlet")
    check(all(re.match(r"\s*\$Ws2fix\b", rest) for rest in re.findall(r"(?<![>])&(.*)", code)),
          f"{name}: the call operator runs something other than $Ws2fix")
    # Paths are variables, set once at the top, before anything runs.
    check(text.count("ws2fix\\ws2fix.exe") == 1 and re.search(r"^\$Ws2fix = ", text, re.M),
          f"{name}: the ws2fix path is not one $Ws2fix variable")
    check(not re.search(r"[A-Za-z]:\\", text), f"{name}: has a literal drive path; use a variable")
    check("& $Ws2fix" in text, f"{name}: never runs ws2fix")
    for var in re.findall(r"^\$(Ws2fix|BackupDir|LogFile) = ", text, re.M):
        check(text.index(f"${var} = ") < text.index("& $Ws2fix"), f"{name}: ${var} is set after ws2fix runs")
    calls = re.findall(r"& \$Ws2fix ([^|\n]*?)(?: 2>&1)?(?: \||$)", text, re.M)
    check(len(calls) == 1, f"{name}: expected one ws2fix call, found {calls}")
    exits = re.findall(r"^\s*exit (.+)$", text, re.M)
    return text, calls[0].split(), exits


def test_powershell(binary, codes):
    for f in contrib_files(".ps1"):
        check_powershell(f)

    # Intune detection: exit 1 exactly when the remediation must run.
    text, args, exits = check_powershell(os.path.join(CONTRIB, "intune", "Detect-Ws2fix.ps1"))
    check(args == ["diagnose", "-q"], f"Detect-Ws2fix.ps1 runs ws2fix {args}, expected diagnose -q")
    table = ps_hashtable(text, "DetectionExit")
    # diagnose exits 0, 1 or 2 (3 is for repair and restore).
    check(sorted(table) == [0, 1, 2], f"Detect-Ws2fix.ps1 maps {sorted(table)}, expected 0, 1, 2")
    check(table[0] == 0 and table[1] == 1, "Detect-Ws2fix.ps1: 0 must stay compliant and 1 must run the remediation")
    check(table[2] == 1, "Detect-Ws2fix.ps1: 2 (could not check) must show as an issue, not as compliant")
    check(set(exits) == {"1", "$DetectionExit[$Code]"}, f"Detect-Ws2fix.ps1 exits with {exits}")
    verdict = ps_hashtable(text, "Verdict")
    check(sorted(verdict) == sorted(table), "Detect-Ws2fix.ps1: $Verdict and $DetectionExit differ")

    # ConfigMgr discovery: the value is ws2fix's exit code; the script exits 0.
    text, args, exits = check_powershell(os.path.join(CONTRIB, "configmgr", "Discover-Ws2fix.ps1"))
    check(args == ["diagnose", "-q"], f"Discover-Ws2fix.ps1 runs ws2fix {args}")
    value = ps_hashtable(text, "Value")
    check(value == {0: 0, 1: 1, 2: 2}, f"Discover-Ws2fix.ps1 reports {value}, expected the exit code itself")
    check(set(exits) == {"0"}, f"Discover-Ws2fix.ps1 must always exit 0 (a non-zero exit is a discovery failure): {exits}")
    check(set(re.findall(r"Write-Output (.+)", text)) == {"2", "$Value[$Code]"},
          "Discover-Ws2fix.ps1 writes something other than the value")

    # The remediations: repair --apply with the backup in the known folder.
    remediations = [os.path.join(CONTRIB, "intune", "Remediate-Ws2fix.ps1"),
                    os.path.join(CONTRIB, "configmgr", "Remediate-Ws2fix.ps1")]
    for f in remediations:
        text, args, exits = check_powershell(f)
        check(args == ["repair", "--apply", "--backup", "$Backup"], f"{f}: runs ws2fix {args}")
        check(re.search(r"^\$BackupDir = Join-Path \$env:ProgramData 'ws2fix\\backups'$", text, re.M),
              f"{f}: backups do not go to %ProgramData%\\ws2fix\\backups")
        check(re.search(r'^\$Backup = Join-Path \$BackupDir "ws2fix-backup-\$Stamp\.reg"$', text, re.M),
              f"{f}: the backup file is not timestamped in $BackupDir")
        check("ToString('yyyyMMddTHHmmssZ')" in text and "ToUniversalTime()" in text,
              f"{f}: the stamp is not UTC yyyyMMddTHHmmssZ")
        meaning = ps_hashtable(text, "Meaning")
        check(sorted(meaning) == sorted(codes), f"{f}: $Meaning covers {sorted(meaning)}, EXIT-CODES.md {sorted(codes)}")
        check(set(exits) == {"2", "$Code"}, f"{f}: exits with {exits}, expected ws2fix's code (or 2 without ws2fix)")
    intune = read(remediations[0])
    check(re.search(r"^\$LogFile = Join-Path \$env:ProgramData "
                    r"'Microsoft\\IntuneManagementExtension\\Logs\\ws2fix-remediation\.log'$", intune, re.M),
          "Intune remediation does not log to the IME log folder")

    # The same commands against the real binary, on the sample exports.
    tmp = tempfile.mkdtemp(prefix="ws2fix-contrib-")
    try:
        det = ps_hashtable(read(os.path.join(CONTRIB, "intune", "Detect-Ws2fix.ps1")), "DetectionExit")
        for src, rc_expected, intune_exit, compliant in ((BROKEN, 1, 1, False), (HEALTHY, 0, 0, True),
                                                         (os.path.join(tmp, "missing.reg"), 2, 1, False)):
            rc, out = run(binary, "diagnose", "-q", "--reg", src)
            check(rc == rc_expected, f"diagnose -q {os.path.basename(src)}: exit {rc}, expected {rc_expected}")
            check(out == "", f"diagnose -q printed {out!r}")
            check(det[rc] == intune_exit, f"Intune detection maps {rc} to {det[rc]}, expected {intune_exit}")
            check((value[rc] == 0) == compliant, f"ConfigMgr value {value[rc]} for exit {rc}: rule 'equals 0' is wrong")
        copy = os.path.join(tmp, "catalog.reg")
        shutil.copy(BROKEN, copy)
        backups = os.path.join(tmp, "backups")
        os.mkdir(backups)
        meaning = ps_hashtable(read(remediations[0]), "Meaning")
        # A .reg copy stands in for the machine: --edit-export lets it be written.
        rc, _ = run(binary, "repair", "--apply", "--edit-export", "--backup", os.path.join(backups, "a.reg"), "--reg", copy)
        check(rc == 0 and os.path.exists(os.path.join(backups, "a.reg")), f"repair --apply: exit {rc}, or no backup")
        check(meaning[rc].startswith("done"), f"$Meaning[{rc}] = {meaning[rc]!r}")
        rc, _ = run(binary, "diagnose", "-q", "--reg", copy)
        check(rc == 0 and det[rc] == 0, f"after the repair diagnose exits {rc}: post-detection would not pass")
        rc, _ = run(binary, "repair", "--apply", "--edit-export", "--backup", os.path.join(backups, "b.reg"), "--reg", copy)
        check(rc == 0 and not os.path.exists(os.path.join(backups, "b.reg")),
              "repair --apply with nothing to do: not exit 0, or a backup was written")
        shutil.copy(BROKEN, copy)
        rc, _ = run(binary, "repair", "--apply", "--edit-export", "--backup", os.path.join(tmp, "no", "dir", "c.reg"),
                    "--reg", copy)
        check(rc == 2 and "nothing changed" in meaning[rc], f"repair --apply with an unwritable backup: exit {rc}")
        rc, _ = run(binary, "repair", "--apply", "--backup", os.path.join(backups, "c.reg"), "--reg", copy)
        check(rc == 2 and not os.path.exists(os.path.join(backups, "c.reg")),
              f"repair --apply on an export without --edit-export: exit {rc}, or a backup was written")
        with open(copy, "rb") as a, open(BROKEN, "rb") as b:
            check(a.read() == b.read(), "a failed repair changed its input")
    finally:
        shutil.rmtree(tmp)


# --- Ansible --------------------------------------------------------------------

def jinja_eval(expr, variables):
    """Evaluates the small part of Jinja2 the playbook's conditions use:
    attribute access, `in`/`not in` lists, ==, and/or/not, true/false,
    `| from_json`, `| bool` and dict.get(). Anything else is an error, so a
    condition this cannot read fails the test instead of passing unread."""
    py = re.sub(r"(\([^()|]+\)|[\w.]+) \| from_json", r"from_json(\1)", expr)
    py = re.sub(r"([\w.]+) \| bool", r"to_bool(\1)", py)
    check("|" not in py, f"condition uses a filter the test cannot evaluate: {expr!r}")
    py = re.sub(r"\btrue\b", "True", re.sub(r"\bfalse\b", "False", py))
    env = {"from_json": json.loads, "to_bool": lambda v: str(v).lower() in ("true", "yes", "1", "y"),
           "__builtins__": {}}
    env.update(variables)
    return bool(eval(py, env))


def win_command_tasks(play):
    return {t["register"]: t for t in play["tasks"] if "ansible.windows.win_command" in t}


def test_ansible(binary, codes):
    plays = yaml.safe_load(read(os.path.join(CONTRIB, "ansible", "ws2fix.yml")))
    check(isinstance(plays, list) and len(plays) == 1, "ws2fix.yml: expected one play")
    play = plays[0]
    tasks = win_command_tasks(play)
    check(set(tasks) == {"ws2fix_diagnose", "ws2fix_repair"}, f"win_command tasks: {sorted(tasks)}")
    for t in tasks.values():
        mod = t["ansible.windows.win_command"]
        check(set(mod) == {"argv"} and mod["argv"][0] == "{{ ws2fix_exe }}", "win_command must run argv with ws2fix_exe")
    check(play["vars"]["ws2fix_exe"].endswith("\\ws2fix\\ws2fix.exe"), "ws2fix_exe is not a variable naming ws2fix.exe")
    diag, repair = tasks["ws2fix_diagnose"], tasks["ws2fix_repair"]
    check(diag["ansible.windows.win_command"]["argv"][1:] == ["diagnose", "--json"], "diagnose argv")
    argv = repair["ansible.windows.win_command"]["argv"]
    check(argv[1:5] == ["repair", "--apply", "--json", "--backup"], f"repair argv {argv}")
    check(argv[5].startswith("{{ ws2fix_backup_dir }}\\ws2fix-backup-"), "the backup is not in ws2fix_backup_dir")

    def outcome(task, var, rc, stdout):
        v = {var: types.SimpleNamespace(rc=rc, stdout=stdout)}
        changed = task["changed_when"] if isinstance(task["changed_when"], bool) else jinja_eval(task["changed_when"], v)
        return changed, jinja_eval(task["failed_when"], v)

    # diagnose: never changed; failed only when the catalog could not be checked.
    for rc in codes:
        changed, failed = outcome(diag, "ws2fix_diagnose", rc, "{}")
        check(not changed, f"diagnose rc {rc} reported as changed")
        check(failed == (rc not in (0, 1)), f"diagnose rc {rc}: failed={failed}")
    # repair runs only after a diagnose exit 1, and only when applying is on.
    for rc in codes:
        for apply in (True, False):
            runs = jinja_eval(repair["when"], {"ws2fix_diagnose": types.SimpleNamespace(rc=rc), "ws2fix_apply": apply})
            check(runs == (rc == 1 and apply), f"repair when: diagnose rc {rc}, apply {apply} -> {runs}")

    # repair --apply, with what the real binary prints for each case.
    tmp = tempfile.mkdtemp(prefix="ws2fix-contrib-")
    try:
        copy = os.path.join(tmp, "catalog.reg")
        shutil.copy(BROKEN, copy)

        def real(backup, src=copy):
            # The .reg copy stands in for the machine (--edit-export).
            return run(binary, *argv[1:5], os.path.join(tmp, backup), "--reg", src, "--edit-export")
        cases = []
        rc, out = real("a.reg")
        cases.append(("repaired", rc, out, 0, True, False))
        applied = json.loads(out)
        check(applied["applied"] is True and applied["after"]["healthy"] is True and applied["backup"],
              "repair --apply JSON: applied/after/backup")
        rc, out = real("b.reg")
        cases.append(("nothing to do", rc, out, 0, False, False))
        check(json.loads(out)["applied"] is False, "repair --apply with nothing to do: applied is not false")
        # Exit 1 after --apply: applied, errors remain. The samples cannot
        # produce it (it needs a finding repair cannot fix, such as a missing
        # Microsoft DLL), so it is the real document with rc 1.
        remain = dict(applied, after={"errors": 1, "warnings": 0, "healthy": False})
        cases.append(("errors remain (rc 1 with the real JSON)", 1, json.dumps(remain), 1, True, False))
        rc, out = real("c.reg", os.path.join(tmp, "missing.reg"))
        cases.append(("unreadable input", rc, out, 2, False, True))
        shutil.copy(BROKEN, copy)
        rc, out = real(os.path.join("no", "dir", "d.reg"))
        cases.append(("backup cannot be written (refused before anything is written)", rc, out, 2, False, True))
        for what, rc, out, rc_expected, changed_expected, failed_expected in cases:
            check(rc == rc_expected, f"repair --apply ({what}): exit {rc}, expected {rc_expected}")
            json.loads(out)   # --json: stdout is JSON even on errors
            changed, failed = outcome(repair, "ws2fix_repair", rc, out)
            check((changed, failed) == (changed_expected, failed_expected),
                  f"repair --apply ({what}, rc {rc}): changed={changed} failed={failed}, "
                  f"expected changed={changed_expected} failed={failed_expected}")
    finally:
        shutil.rmtree(tmp)


# --- Velociraptor -----------------------------------------------------------------

# Columns of the plugins and artifacts the VQL reads (execve, info, uploads,
# hunt_flows, Generic.Utils.FetchBinary) and VQL's own words.
VQL_KNOWN = {"Architecture", "Stdout", "Stderr", "ReturnCode", "Artifact", "Generic", "Utils",
             "FetchBinary", "ToolName", "Doc", "ClientId", "FlowId"}
ARTIFACT_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z][A-Za-z0-9_]*)*$")


def vql_code(q):
    """The query with -- comments removed and every string replaced by ''."""
    return re.sub(r"'[^']*'|\"[^\"]*\"|--[^\n]*",
                  lambda m: "" if m.group(0).startswith("--") else "''", q)


def json_has(doc, path):
    for part in path.split("."):
        if not isinstance(doc, dict) or part not in doc:
            return False
        doc = doc[part]
    return True


def test_velociraptor(binary):
    tmp = tempfile.mkdtemp(prefix="ws2fix-contrib-")
    try:
        missing = os.path.join(tmp, "SYSTEM")
        lst = os.path.join(tmp, "hives.txt")
        with open(lst, "w") as f:
            f.write(f"{BROKEN}\n{HEALTHY}\n{missing}\n")
        rc, out = run(binary, "batch", "-j", "2", lst)
    finally:
        shutil.rmtree(tmp)
    check(rc == 2, f"batch with an unreadable input: exit {rc}, expected 2")
    lines = out.splitlines()
    check(len(lines) == 3 and all(line.startswith("{") for line in lines), "batch: not one JSON line per input")
    docs = [json.loads(line) for line in lines]
    check([d["source"]["path"] for d in docs] == [BROKEN, HEALTHY, missing],
          "batch: source.path is not the path as listed (the artifact looks hives up by it)")
    check(docs[2]["error"]["message"] and "findings" not in docs[2], "batch: the unreadable input's error line")
    rc, out = run(binary, "diagnose", "--json", "--reg", BROKEN)
    docs.append(json.loads(out))
    finding_keys = set().union(*(f.keys() for d in docs for f in d.get("findings", [])))
    check({"code", "severity", "message", "fix"} <= finding_keys, f"finding keys {sorted(finding_keys)}")
    longest = max(len(line) for line in lines)

    arts = {}
    for f in contrib_files(".yaml"):
        if os.path.basename(os.path.dirname(f)) == "velociraptor":
            arts[os.path.basename(f)] = yaml.safe_load(read(f))
    check(len(arts) == 2, f"expected 2 artifacts, found {sorted(arts)}")
    for fname, art in arts.items():
        check(ARTIFACT_NAME.match(art.get("name", "")), f"{fname}: bad artifact name {art.get('name')!r}")
        check(fname == art["name"] + ".yaml", f"{fname}: file name is not the artifact name")
        check(isinstance(art.get("description"), str) and len(art["description"]) > 80, f"{fname}: no description")
        check(art.get("type") in ("CLIENT", "SERVER"), f"{fname}: type {art.get('type')!r}")
        check(isinstance(art.get("sources"), list) and art["sources"], f"{fname}: no sources")
        params = {p["name"] for p in art.get("parameters", [])}
        for src in art["sources"]:
            q = src.get("query")
            check(isinstance(q, str) and "SELECT" in q, f"{fname}: a source without a query")
            code = vql_code(q)
            for p in params:
                check(re.search(r"(?<![.\w])" + p + r"\b", code), f"{fname}: parameter {p} is never used")
            defined = set(re.findall(r"\bLET (\w+)", code)) | set(re.findall(r"\bAS (\w+)", code))
            for name in set(re.findall(r"(?<![.\w])([A-Z][a-z]\w*)\b(?!\s*\()", code)):
                check(name in params or name in defined or name in VQL_KNOWN,
                      f"{fname}: VQL names {name}, which is no parameter, LET or known column")
            for path in set(re.findall(r"\bDoc\.([a-z_.]*[a-z_])", code)):
                check(any(json_has(d, path) for d in docs), f"{fname}: reads Doc.{path}, not in ws2fix's JSON")
            block = code[code.index("findings={"):code.index("FROM foreach(row=Doc.findings)")]
            for field in re.findall(r"(?<![.\w])([a-z_]+) AS [A-Z]", block):
                check(field in finding_keys, f"{fname}: reads finding field {field!r}, not in ws2fix's JSON")
            m = re.search(r"length=(\d+)", code)
            check(m and int(m.group(1)) > 100 * longest, f"{fname}: execve length too small for ws2fix's output")

    client = arts["Custom.Windows.Ws2fix.Diagnose.yaml"]
    check(client["type"] == "CLIENT", "client artifact type")
    q = client["sources"][0]["query"]
    check('argv=[OSPath, "diagnose", "--json"]' in q, "client artifact does not run ws2fix diagnose --json")
    check("Artifact.Generic.Utils.FetchBinary(" in q and 'ToolName="ws2fix_" + arch[0].Architecture' in q,
          "client artifact does not fetch the tool by architecture")
    check({t["name"] for t in client["tools"]} == {"ws2fix_amd64", "ws2fix_386"}, "client tools")
    check("parse_json(data=Stdout)" in q, "client artifact does not parse ws2fix's JSON")

    server = arts["Custom.Server.Ws2fix.HiveBatch.yaml"]
    check(server["type"] == "SERVER", "server artifact type")
    q = server["sources"][0]["query"]
    check('argv=[Ws2fixPath, "batch", "-j"' in q and 'sep="\\n"' in q,
          "server artifact does not run ws2fix batch, one row per line")
    check("EXECVE" in server.get("required_permissions", []), "server artifact does not ask for EXECVE")
    regex = next(p["default"] for p in server["parameters"] if p["name"] == "HiveRegex")
    for path, match in (("C:\\Windows\\System32\\config\\SYSTEM", True),
                        ("\\\\.\\C:\\Windows\\System32\\config\\SYSTEM", True),
                        ("C:\\Windows\\System32\\config\\SYSTEM.LOG1", False),
                        ("C:\\Windows\\System32\\config\\SOFTWARE", False)):
        got = bool(re.search(regex.replace("(?i)", ""), path, re.I))
        check(got == match, f"HiveRegex {regex!r} on {path!r}: {got}")


# --- docs/fleet.md -------------------------------------------------------------

def all_keys(doc, out):
    if isinstance(doc, dict):
        for k, v in doc.items():
            out.add(k)
            all_keys(v, out)
    elif isinstance(doc, list):
        for v in doc:
            all_keys(v, out)
    return out


def test_fleet_doc(binary):
    """Every JSON field docs/fleet.md names exists in real output, and every
    contrib file it points to exists."""
    text = read(os.path.join(ROOT, "docs", "fleet.md"))
    tmp = tempfile.mkdtemp(prefix="ws2fix-contrib-")
    try:
        copy = os.path.join(tmp, "catalog.reg")
        shutil.copy(BROKEN, copy)
        keys = set()
        for args in (("diagnose", "--json", "--reg", copy),
                     ("repair", "--apply", "--edit-export", "--json", "--backup", os.path.join(tmp, "b.reg"), "--reg", copy)):
            all_keys(json.loads(run(binary, *args)[1]), keys)
        lst = os.path.join(tmp, "list.txt")
        with open(lst, "w") as f:
            f.write(os.path.join(tmp, "missing") + "\n")
        all_keys(json.loads(run(binary, "batch", lst)[1]), keys)
    finally:
        shutil.rmtree(tmp)
    section = text[text.index("## The JSON fleet tools read"):text.index("## Backups and restore")]
    names = set()
    for tok in re.findall(r"`([a-z_]+(?:\.[a-z_]+)*)(?:\[\])?`", section):
        names.update(tok.split("."))
    names -= {"ws2fix", "live", "hive", "reg", "error", "warning", "info", "protocol", "namespace", "batch"} - keys
    missing = sorted(n for n in names if n not in keys)
    check(not missing, f"docs/fleet.md names JSON fields ws2fix does not write: {missing}")
    for link in re.findall(r"\]\((\.\./contrib/[^)#]+)\)", text):
        check(os.path.exists(os.path.normpath(os.path.join(ROOT, "docs", link))), f"docs/fleet.md links to missing {link}")
    for f in ("Detect-Ws2fix.ps1", "Remediate-Ws2fix.ps1", "ws2fix.yml",
              "Custom.Windows.Ws2fix.Diagnose", "Custom.Server.Ws2fix.HiveBatch"):
        check(f in text, f"docs/fleet.md does not mention {f}")


def main():
    if len(sys.argv) != 2:
        print("usage: test_contrib.py WS2FIX")
        return 2
    binary = sys.argv[1]
    try:
        codes = exit_codes()
        for name, fn, args in (("SPDX and YAML", test_spdx_and_yaml, ()),
                               ("PowerShell scripts", test_powershell, (binary, codes)),
                               ("Ansible playbook", test_ansible, (binary, codes)),
                               ("Velociraptor artifacts", test_velociraptor, (binary,)),
                               ("docs/fleet.md", test_fleet_doc, (binary,))):
            fn(*args)
            print(f"ok: {name}")
    except Failure as ex:
        print(f"FAIL: {ex}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

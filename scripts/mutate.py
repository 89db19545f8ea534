#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""The mutation check: planted single-line bugs that the test suite must
catch (issue 28, point 6).

Each entry of MUTANTS below is one realistic bug in a check that decides a
verdict or a write: a finding check, a chain check, the output guard, an
exit code, the fix file and its .cmd, the atomic commit, the log replay,
the hive name index, a parser's edge case.  For each one this script

1. finds its snippet: an exact piece of text that must occur exactly once
   in all of src/ (any file, any folder: files may move or be renamed; a
   snippet found zero times or several times is an error of this list and
   fails the check);
2. puts the replacement in its place, in a private copy of the source tree
   (the checkout itself is never written: an interrupted run, even a
   killed one, leaves no mutated source behind; the copy's file is put back
   in a finally block, and checked against the checkout before each use);
3. rebuilds incrementally what its tests need (BUILD/build) and runs those
   tests (ctest names, fast ones first, stopping at the first failure);
4. counts the mutant "killed" when at least one of them fails.

A mutant that every one of its tests survives fails the check, and so does
a mutant whose build fails (the list is wrong), or a test that fails
without any mutant (the baseline run, first).

Usage:
    scripts/mutate.py [--build-dir DIR] [--only ID[,ID]] [--drop-test NAME]
                      [--list] [--check-list] [--jobs N]

--check-list   only check that every snippet is found exactly once (no
               build; the normal suite runs this, so a moved file or an
               edited line shows up at once, not in the next mutation run)
--list         print the mutants and their tests
--drop-test N  the self-test: run as if test N did not exist (it is taken
               out of every mutant's list).  A mutant only N kills then
               survives and the check fails, which is what CTest's
               mutation.selftest expects (docs/internals/TESTING.md).
--only IDS     run only these mutants
--expect-survivor ID
               with --drop-test: pass exactly when this mutant alone
               survives (CTest's mutation.selftest)

Environment: WS2FIX_SHARED_DIR (the real data, as for the suite).
Exit: 0 every mutant killed, 1 a survivor or a broken list, 2 usage/setup.
"""
import argparse
import os
import re
import shutil
import signal
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)

# What is copied into the private tree (the rest of the checkout is not
# needed to build and run the native tests).
TREE = ["CMakeLists.txt", "cmake", "include", "src", "tests", "scripts", "docs", "samples", "completion",
        "packaging", "contrib", "fuzz", "web", "bench", "README.md", "LICENSE"]
SKIP_DIRS = {"node_modules", "__pycache__", ".git"}


def M(mid, area, snippet, replacement, tests, why):
    return {"id": mid, "area": area, "snippet": snippet, "replacement": replacement, "tests": tests, "why": why}


# Tests are CTest names; the first that fails ends the mutant's run, so the
# quickest killer goes first.
MUTANTS = [
    # ---- exit codes -------------------------------------------------------
    M("exit-apply-errors-remain", "exit codes",
      "rc = ws2fix_diagnosis_exit_code(r.after) ? EXIT_PROBLEMS : EXIT_OK;",
      "rc = EXIT_OK;",
      ["cli.test_outputs"],
      "repair --apply exits 0 while errors remain"),
    M("exit-fixfile-unfixed", "exit codes",
      "if (plan->unfixed_count || (empty && before->errors))",
      "if (empty && before->errors)",
      ["cli.test_outputs"],
      "--fix-file (and the dry run) exit 0 with errors the plan cannot fix"),
    M("exit-diagnosis", "exit codes",
      "return d && d->errors ? 1 : 0;",
      "return d && d->errors > 1 ? 1 : 0;",
      ["unit.test_session", "cli.test_outputs"],
      "one error alone is called healthy"),
    # ---- the likely cause (diagnose's verdict, issue 26) ---------------------
    M("cause-errors-ignored", "cause",
      "\tif (d->errors) {\n\t\tc->verdict = WS2FIX_CAUSE_CATALOG;",
      "\tif (d->errors > 99) {\n\t\tc->verdict = WS2FIX_CAUSE_CATALOG;",
      ["cli.test_provider_kb"],
      "a damaged catalog is blamed on a layered provider or on the program"),
    M("cause-non-ifs-missed", "cause",
      "chain_len >= 2 && ws2fix__diag_tcp_or_udp(&e->item) && !(e->item.service_flags[0] & XP1_IFS_HANDLES))",
      "chain_len >= 2 && ws2fix__diag_tcp_or_udp(&e->item) && (e->item.service_flags[0] & XP1_IFS_HANDLES))",
      ["cli.test_provider_kb"],
      "a non-IFS provider is called IFS in the cause"),
    M("cause-reset-first", "cause",
      "\tadd_step(x, MSG_CAUSE_STEP_RESET_LAST, w);",
      "\tadd_step(x, MSG_CAUSE_STEP_RESET_LAST, w); add_step(x, MSG_CAUSE_STEP_REPAIR, NULL);",
      ["cli.test_provider_kb"],
      "the reset is no longer the last step for a whole catalog with an LSP"),
    M("uninstall-entry-above", "cause",
      "\t\t\tif (starts_with(f, folder))",
      "\t\t\tif (starts_with(f, folder) || starts_with(folder, f))",
      ["cli.test_provider_kb"],
      "an uninstall entry for Program Files itself is taken for every product in it"),
    # ---- finding checks -----------------------------------------------------
    M("count-mismatch", "finding checks",
      "if (!has_declared || declared != count) {",
      "if (!has_declared) {",
      ["unit.test_diagnose"],
      "a wrong entry counter is not reported"),
    M("numbering-gap", "finding checks",
      "if (nums[i] != i + 1) {",
      "if (nums[i] < i + 1) {",
      ["unit.test_diagnose"],
      "a gap in the key numbering is not reported"),
    M("duplicate-id-adjacent", "finding checks",
      "if (well_formed(c, b) && b->item.catalog_id == a->item.catalog_id) {",
      "if (well_formed(c, b) && k + 1 < i && b->item.catalog_id == a->item.catalog_id) {",
      ["unit.test_diagnose"],
      "two neighbours with one catalog id are not reported"),
    M("orphan-layer", "finding checks",
      "if (!well_formed(c, e) || e->item.chain_len != 0)\n\t\t\tcontinue;\n\t\tif (!id_used_in_chain",
      "if (!well_formed(c, e) || e->item.chain_len != 1)\n\t\t\tcontinue;\n\t\tif (!id_used_in_chain",
      ["unit.test_diagnose"],
      "orphaned layered entries are looked for among the base providers"),
    M("impersonation", "finding checks",
      "if (ws2fix_provider_is_microsoft(&e->item.provider_id, NULL)) {",
      "if (ws2fix_provider_is_microsoft(&e->item.provider_id, e->item.library_path)) {",
      ["unit.test_diagnose"],
      "a Microsoft provider id on a foreign DLL is not reported"),
    M("namespace-duplicate", "finding checks",
      "if (b->has_provider_id && ws2fix_guid_equal(&a->provider_id, &b->provider_id)) {",
      "if (b->has_provider_id && ws2fix_guid_equal(&a->provider_id, &b->provider_id) && k + 1 < i) {",
      ["unit.test_diagnose"],
      "two neighbouring name space providers with one id are not reported"),
    M("transport-mapping-length", "finding checks",
      "return rows >= 1 && rows <= 4096 && cols == 3 && v->len == 8 + (size_t)rows * cols * 4;",
      "return rows >= 1 && rows <= 4096 && cols == 3;",
      ["unit.test_diagnose"],
      "a truncated transport Mapping is taken as healthy"),
    # ---- chain checks -------------------------------------------------------
    M("chain-missing-last-id", "chain checks",
      "for (int k = 0; k < it->chain_len && !reported; k++) {",
      "for (int k = 0; k < it->chain_len - 1 && !reported; k++) {",
      ["unit.test_diagnose"],
      "a chain whose base id is missing is not reported"),
    M("chain-bad-end", "chain checks",
      "if (last && last->item.chain_len != 1) {",
      "if (last && last->item.chain_len > 1) {",
      ["unit.test_diagnose"],
      "a chain ending in a layered entry is not reported"),
    M("chain-protocol-number", "chain checks",
      "base->item.protocol != it->protocol)) {",
      "base->item.socket_type != it->socket_type)) {",
      ["unit.test_diagnose"],
      "a chain over a base of another protocol number (same family and type) is not reported"),
    M("chain-foreign-layer", "chain checks",
      "!ws2fix_provider_same_dll(top->item.library_path, it->library_path)) {",
      "ws2fix_provider_same_dll(top->item.library_path, it->library_path)) {",
      ["unit.test_diagnose"],
      "a chain on another DLL's layer is not reported (and its own is)"),
    M("chain-seven-too-long", "chain checks",
      "if (it->chain_len > WS2FIX_MAX_CHAIN_LEN) {",
      "if (it->chain_len >= WS2FIX_MAX_CHAIN_LEN) {",
      ["unit.test_diagnose"],
      "a legal chain of exactly 7 is called too long (diagnosis)"),
    # ---- parsers' edge cases ------------------------------------------------
    M("packed-seven-too-long", "parsers",
      "if (out->chain_len > WS2FIX_MAX_CHAIN_LEN)",
      "if (out->chain_len >= WS2FIX_MAX_CHAIN_LEN)",
      ["unit.test_packed_item", "unit.test_diagnose"],
      "a legal chain of exactly 7 is called too long (decoder)"),
    M("packed-negative-chain", "parsers",
      "if (out->chain_len < 0)",
      "if (out->chain_len < -1)",
      ["unit.test_packed_item"],
      "a chain length of -1 is taken as well formed"),
    M("netsh-fullwidth-colon", "parsers",
      "else if (i + 3 <= l->n && memcmp(l->s + i, \"\\xEF\\xBC\\x9A\", 3) == 0)\n\t\t\tskip = 3;",
      "else if (i + 3 <= l->n && memcmp(l->s + i, \"\\xEF\\xBC\\x9A\", 3) == 0)\n\t\t\tskip = 1;",
      ["unit.test_netsh"],
      "netsh's full-width colon (CJK pastes) leaves two bytes in the value"),
    M("regfile-dword-digits", "parsers",
      "if (digits == 0 || digits > 8 || !at_line_end(s, e))",
      "if (digits == 0 || digits > 9 || !at_line_end(s, e))",
      ["unit.test_regfile"],
      "a dword of nine hex digits is read (truncated) instead of refused"),
    M("hive-index-after-unreadable", "hive name index",
      "cmp_query(l->sorted[lo].name, name, n) == 0 && l->sorted[lo].order < l->first_bad) {",
      "cmp_query(l->sorted[lo].name, name, n) == 0) {",
      ["unit.test_hive_backend"],
      "the name index finds a name stored after an unreadable one, where hivex stops"),
    # ---- log replay -----------------------------------------------------------
    M("hivelog-sequence", "log replay",
      "if (seq != expected) {",
      "if (seq < expected) {",
      ["unit.test_hivelog"],
      "a log entry that skips sequence numbers is applied"),
    M("hivelog-continuing", "log replay",
      "if (r->log[second].seq != next) {",
      "if (r->log[second].seq < next) {",
      ["unit.test_hivelog"],
      "a second log that does not continue the first is applied"),
    # ---- atomic commit ------------------------------------------------------
    M("commit-fsync-before-rename", "atomic commit",
      "if (pwrite(fd, head, (size_t)n, 0) != n || fsync(fd) < 0)",
      "if (pwrite(fd, head, (size_t)n, 0) != n)",
      ["cli.test_kill_safety"],
      "the new hive is renamed over the old one before it is on disk"),
    M("commit-keep-original", "atomic commit",
      "if (backup_path && (rc = keep_original(hb->path, backup_path)) < 0) {",
      "if (!backup_path && (rc = keep_original(hb->path, backup_path)) < 0) {",
      ["cli.test_repair"],
      "the original hive is not kept beside the repaired one"),
    # ---- output guard -------------------------------------------------------
    M("outputs-log2", "output guard",
      "if (ends_ci(name, \".LOG\") || ends_ci(name, \".LOG1\") || ends_ci(name, \".LOG2\"))",
      "if (ends_ci(name, \".LOG\") || ends_ci(name, \".LOG1\"))",
      ["cli.test_outputs"],
      "a backup may be written over the hive's .LOG2"),
    M("outputs-exists", "output guard",
      "if ((kind == WS2FIX_FILE_REGULAR || link) && !force)",
      "if (kind == WS2FIX_FILE_REGULAR && link && !force)",
      ["cli.test_outputs"],
      "an existing file is overwritten without --force"),
    # ---- the repair's writes ----------------------------------------------
    M("renumber-keeps-old-values", "repair writes",
      "if (!ov || !same_value(ov, nv))",
      "if (!ov)",
      ["cli.test_repair"],
      "renumbering leaves each moved entry with another entry's values (ProtocolName)"),
    M("renumber-deletes-last", "repair writes",
      "for (size_t j = 1; j <= k && !keep; j++) {",
      "for (size_t j = 1; j < k && !keep; j++) {",
      ["cli.test_repair"],
      "renumbering deletes the last kept entry's key"),
    M("reset-arm64", "repair writes",
      "!strcmp(os->arch, \"x64\") || !strcmp(os->arch, \"arm64\")));\n}\n\nint ws2fix__repair_arch_known",
      "!strcmp(os->arch, \"x64\")));\n}\n\nint ws2fix__repair_arch_known",
      ["cli.test_outputs"],
      "a reset on arm64 does not rebuild the 64-bit catalog"),
    # ---- JSON output (only the golden digests read these) ------------------
    M("json-plan-op-size", "JSON output",
      "ws2fix__json_kv_uint(j, \"size\", op->len);",
      "ws2fix__json_kv_uint(j, \"size\", op->len / 2);",
      ["cli.test_json_unchanged"],
      "the plan's operations give a value's size in UTF-16 units, not bytes (only broken inputs have operations)"),
    M("json-hijackthis-gap-index", "JSON output",
      "ws2fix__json_kv_uint(j, \"gap_index\", o->gap_index);",
      "ws2fix__json_kv_uint(j, \"gap_index\", o->gap_index - 1);",
      ["cli.test_json_unchanged"],
      "a HijackThis O10 chain gap is numbered from 0 in JSON (the text says it from 1)"),
    # ---- the fix file and its .cmd ----------------------------------------
    M("fixcmd-serial-inverted", "fix file",
      "\"if /i not \\\"%%SERIAL%%\\\"==\\\"0x%x\\\" goto changed\\r\\n\"",
      "\"if /i \\\"%%SERIAL%%\\\"==\\\"0x%x\\\" goto changed\\r\\n\"",
      ["cli.test_partial_plan"],
      "the .cmd's Serial_Access_Num check is inverted"),
    M("fixfile-namespace-serial", "fix file",
      "out[n].serial = rw->protocol[i] ? cat->serial : cat->ns_serial;",
      "out[n].serial = cat->serial;",
      ["cli.test_partial_plan"],
      "the .cmd checks the protocol catalog's serial for a rewritten name space catalog"),
]


class ListError(Exception):
    pass


def log(msg):
    print(msg, flush=True)


def source_files(root):
    out = []
    for d, dirs, files in os.walk(os.path.join(root, "src")):
        dirs[:] = sorted(x for x in dirs if x not in SKIP_DIRS)
        for f in sorted(files):
            if f.endswith((".c", ".h", ".def", ".inc")):
                out.append(os.path.join(d, f))
    return out


def locate(root, mutants):
    """{id: relative path} for each mutant's snippet; ListError lists every
    snippet found zero or several times."""
    texts = {}
    for p in source_files(root):
        with open(p, encoding="utf-8", errors="surrogateescape") as f:
            texts[p] = f.read()
    where, problems = {}, []
    ids = set()
    for m in mutants:
        if m["id"] in ids:
            problems.append(f"{m['id']}: the id is used twice")
        ids.add(m["id"])
        if m["snippet"] == m["replacement"]:
            problems.append(f"{m['id']}: the replacement is the snippet itself")
        if m["snippet"].count("\n") != m["replacement"].count("\n"):
            problems.append(f"{m['id']}: the replacement has another number of lines")
        hits = [(p, t.count(m["snippet"])) for p, t in texts.items() if m["snippet"] in t]
        n = sum(c for _, c in hits)
        if n != 1:
            places = ", ".join(f"{os.path.relpath(p, root)} ({c}x)" for p, c in hits) or "nowhere"
            problems.append(f"{m['id']}: snippet found {n} times under src/ ({places}): {m['snippet']!r}")
            continue
        where[m["id"]] = os.path.relpath(hits[0][0], root)
    if problems:
        raise ListError("the mutant list is wrong:\n  " + "\n  ".join(problems))
    return where


def sync_tree(dst):
    """Make dst a copy of the checkout's files in TREE: a file whose
    content differs is written anew (its time is now, so the incremental
    build sees it, even when the checkout's file is older than the last
    build), files no longer there are removed."""
    want = set()
    for top in TREE:
        src = os.path.join(ROOT, top)
        if os.path.isfile(src):
            want.add(top)
            continue
        for d, dirs, files in os.walk(src):
            dirs[:] = [x for x in dirs if x not in SKIP_DIRS]
            for f in files:
                want.add(os.path.relpath(os.path.join(d, f), ROOT))
    for rel in want:
        s, t = os.path.join(ROOT, rel), os.path.join(dst, rel)
        try:
            with open(s, "rb") as f:
                data = f.read()
        except FileNotFoundError:
            continue
        try:
            with open(t, "rb") as f:
                if f.read() == data:
                    continue
        except FileNotFoundError:
            pass
        os.makedirs(os.path.dirname(t), exist_ok=True)
        with open(t, "wb") as f:
            f.write(data)
        shutil.copymode(s, t)
    for d, dirs, files in os.walk(dst, topdown=False):
        for f in files:
            rel = os.path.relpath(os.path.join(d, f), dst)
            if rel not in want:
                os.remove(os.path.join(d, f))


def run(cmd, cwd, timeout, env=None):
    p = subprocess.run(cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=timeout, env=env)
    return p.returncode, p.stdout.decode("utf-8", "replace")


def targets_for(tests):
    t = set()
    for name in tests:
        if name.startswith("unit."):
            t.add(name[len("unit."):])
        elif name.startswith("fuzz"):
            t.add("all")
        elif name == "cli.test_options_generated":
            t.update(("ws2fix", "ws2fix-optgen"))  # it runs the generator too
        else:
            t.add("ws2fix")
    return sorted(t)


class Runner:
    def __init__(self, work, jobs, shared):
        self.work = work
        self.tree = os.path.join(work, "tree")
        self.build = os.path.join(work, "build")
        self.jobs = jobs
        self.shared = shared

    def configure(self):
        os.makedirs(self.tree, exist_ok=True)
        sync_tree(self.tree)
        if not os.path.exists(os.path.join(self.build, "CMakeCache.txt")):
            rc, out = run(["cmake", "-S", self.tree, "-B", self.build, "-DCMAKE_BUILD_TYPE=RelWithDebInfo",
                           "-DWS2FIX_WERROR=OFF", "-DWS2FIX_REQUIRE_SHARED=ON",
                           "-DWS2FIX_SHARED_DIR=" + self.shared], ROOT, 600)
            if rc != 0:
                raise RuntimeError("cmake failed:\n" + out[-3000:])

    def build_targets(self, targets):
        rc, out = run(["cmake", "--build", self.build, "-j", str(self.jobs), "--target", *targets], ROOT, 900)
        return rc, out

    def ctest(self, tests, stop_on_failure=True, parallel=False):
        regex = "^(" + "|".join(t.replace(".", "\\.") for t in tests) + ")$"
        # -FS: a CLI test sets up the fixture "codes_seen" that
        # schema.test_finding_codes needs; without it ctest would add every
        # CLI test to each run.
        cmd = ["ctest", "-R", regex, "-FS", "^codes_seen$", "--output-on-failure", "--timeout", "600"]
        if parallel:
            cmd += ["-j", str(self.jobs)]
        if stop_on_failure:
            cmd.append("--stop-on-failure")
        env = dict(os.environ, WS2FIX_SHARED_DIR=self.shared)
        # The tests' own fixture (the codes-seen reset) runs with them.
        rc, out = run(cmd, self.build, 1800, env)
        return rc, out


def ctest_names(build):
    rc, out = run(["ctest", "-N"], build, 120)
    names = set()
    for line in out.splitlines():
        line = line.strip()
        if line.startswith("Test") and ":" in line:
            names.add(line.split(":", 1)[1].strip())
    return names


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--build-dir", default=os.path.join(ROOT, "build-mutate"))
    ap.add_argument("--only", default="")
    ap.add_argument("--drop-test", action="append", default=[])
    ap.add_argument("--expect-survivor", default="",
                    help="the self-test: exit 0 exactly when this mutant (and no other) survives")
    ap.add_argument("--from-ctest", action="store_true",
                    help="run by CTest: skip (77) unless WS2FIX_MUTATION=1, so a plain ctest stays quick")
    ap.add_argument("--list", action="store_true")
    ap.add_argument("--check-list", action="store_true")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    ap.add_argument("--survey", action="store_true",
                    help="run every CTest test (but --survey-exclude) on each mutant and list all that fail")
    ap.add_argument("--survey-exclude", default="^(package|release|contrib|build|arch|fuzz|mutation)\\.|^cli\\.test_(corruptions|chain_owners|doc_examples)$|^schema\\.test_finding_codes$")
    a = ap.parse_args()

    mutants = MUTANTS
    if a.only:
        ids = a.only.split(",")
        unknown = [i for i in ids if i not in {m["id"] for m in MUTANTS}]
        if unknown:
            print(f"mutate: unknown mutant {unknown}", file=sys.stderr)
            return 2
        mutants = [m for m in MUTANTS if m["id"] in ids]
    try:
        where = locate(ROOT, MUTANTS)
    except ListError as ex:
        log(f"FAIL: {ex}")
        return 1
    if a.list or a.check_list:
        for m in mutants:
            if a.list:
                log(f"{m['id']:30} {where[m['id']]:40} {', '.join(m['tests'])}")
        log(f"{len(MUTANTS)} mutants, every snippet found exactly once under src/")
        return 0

    if a.from_ctest and os.environ.get("WS2FIX_MUTATION") != "1":
        log("SKIP: the mutation check runs with WS2FIX_MUTATION=1 (scripts/test.sh mutation, or "
            "WS2FIX_MUTATION=1 ctest -L mutation)")
        return 77
    shared = os.path.abspath(os.environ.get("WS2FIX_SHARED_DIR") or os.path.join(ROOT, "..", "shared"))
    if not os.path.isdir(shared):
        log(f"FAIL: the shared data folder {shared} is missing (set WS2FIX_SHARED_DIR)")
        return 2
    r = Runner(os.path.abspath(a.build_dir), a.jobs, shared)
    # SIGTERM (CTest's timeout, a CI stop) unwinds like Ctrl-C, through the
    # finally blocks that put each mutated file back.
    signal.signal(signal.SIGTERM, lambda *_: (_ for _ in ()).throw(KeyboardInterrupt()))
    t0 = time.time()
    r.configure()
    known = ctest_names(r.build)
    missing = sorted({t for m in mutants for t in m["tests"]} - known)
    if missing and not a.survey:
        log(f"FAIL: the mutant list names tests CTest does not have: {missing}")
        return 1
    for m in mutants:
        m["run"] = [t for t in m["tests"] if t not in a.drop_test]
        if a.survey:
            m["run"] = sorted(t for t in known if not re.search(a.survey_exclude, t) and t not in a.drop_test)

    # Baseline: the unmutated tree passes every test the mutants use.
    every = sorted({t for m in mutants for t in m["run"]})
    rc, out = r.build_targets(targets_for(every) if every else ["ws2fix"])
    if rc != 0:
        log("FAIL: the unmutated tree does not build:\n" + out[-3000:])
        return 1
    if every:
        rc, out = r.ctest(every, stop_on_failure=False, parallel=True)
        if rc != 0:
            log("FAIL: tests fail on the unmutated tree, so no mutant can be judged:\n" + out[-5000:])
            return 1
    log(f"baseline: {len(every)} tests pass unmutated ({time.time() - t0:.0f} s)")

    survivors, broken = [], []
    for m in mutants:
        t1 = time.time()
        rel = where[m["id"]]
        path = os.path.join(r.tree, rel)
        with open(os.path.join(ROOT, rel), encoding="utf-8", errors="surrogateescape") as f:
            original = f.read()
        with open(path, encoding="utf-8", errors="surrogateescape") as f:
            if f.read() != original:
                log(f"FAIL: {rel} in the private tree differs from the checkout before {m['id']}")
                return 1
        verdict = ""
        try:
            with open(path, "w", encoding="utf-8", errors="surrogateescape") as f:
                f.write(original.replace(m["snippet"], m["replacement"], 1))
            if not m["run"]:
                verdict = "SURVIVED (no test left to run)"
                survivors.append(m["id"])
            else:
                rc, out = r.build_targets(targets_for(m["run"]))
                if rc != 0:
                    verdict = "BUILD FAILED (the mutant does not compile: fix the list)"
                    broken.append((m["id"], out[-2000:]))
                else:
                    rc, out = r.ctest(m["run"], stop_on_failure=not a.survey, parallel=a.survey)
                    # "Test  #3:" (CTest pads numbers below 10) or "Test #12:".
                    failed = [ln.split(":", 1)[1].split()[0] for ln in out.splitlines()
                              if re.search(r"Test +#\d+:", ln) and ("***Failed" in ln or "Failed" in ln.split()[-3:]
                                                                    or "***Timeout" in ln or "***Exception" in ln)]
                    if rc != 0:
                        verdict = "killed by " + (", ".join(failed) or "ctest exit %d" % rc)
                    else:
                        verdict = "SURVIVED " + ", ".join(m["run"])
                        survivors.append(m["id"])
        finally:
            with open(path, "w", encoding="utf-8", errors="surrogateescape") as f:
                f.write(original)
        log(f"{m['id']:30} {rel:42} {verdict} ({time.time() - t1:.0f} s)")

    # Leave the private build as the tree is (the next run starts clean).
    r.build_targets(["ws2fix"])
    total = time.time() - t0
    killed = len(mutants) - len(survivors) - len(broken)
    for mid, out in broken:
        log(f"--- build of {mid}:\n{out}")
    log(f"mutation: {killed} killed, {len(survivors)} survived, {len(broken)} broken, {total:.0f} s")
    if survivors:
        for m in mutants:
            if m["id"] in survivors:
                log(f"  survivor {m['id']}: {m['why']} ({where[m['id']]})")
    if a.drop_test:
        log(f"(run without {', '.join(a.drop_test)})")
    if a.expect_survivor:
        ok = survivors == [a.expect_survivor] and not broken
        log(f"self-test: {'PASS' if ok else 'FAIL'}: expected {a.expect_survivor} alone to survive, "
            f"survivors {survivors}")
        log(f"{1 if ok else 0} passed, {0 if ok else 1} failed")
        return 0 if ok else 1
    log(f"{killed} passed, {len(survivors) + len(broken)} failed")
    return 0 if not survivors and not broken else 1


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        print("mutate: interrupted (every mutated file was put back)", file=sys.stderr)
        sys.exit(130)

# SPDX-License-Identifier: MIT
"""Shared helpers for the CLI tests (run by CTest as `python3 test_x.py WS2FIX`).

Exit codes: 0 pass, 1 fail, 77 skip.  Tests that need the real data in
../shared fail loudly when WS2FIX_REQUIRE_SHARED=1 (CI) and it is missing.
A test that cannot run here (a tool, the hive backend or the data is
missing) calls skip(): the script then exits 77, which CTest shows as a
skip, never as a pass; under CI (CI=true) every skip fails the run.

Every JSON document ws2fix prints through run() (with --json, and every
batch line) is validated against its schema in docs/schema/
(tests/schema/jsoncontract.py): a document that does not match fails the
test with the path of the offending field.
"""
import hashlib
import json
import lzma
import os
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "schema"))
import jsoncontract  # noqa: E402

SKIP = 77


class Failure(Exception):
    pass


class Skipped(Exception):
    """Raised by skip(): this test cannot run here."""


def under_ci():
    return os.environ.get("CI") == "true"


def skip(msg):
    """Skip the running test (inside main()'s tests) visibly."""
    raise Skipped(msg)


def exit_skip(msg):
    """Skip the whole script now (outside main()): exit 77, or 1 under CI."""
    if under_ci():
        print(f"FAIL: {msg} (nothing may be skipped under CI=true)")
        sys.exit(1)
    print(f"SKIP: {msg}")
    sys.exit(SKIP)


def need_tool(tool):
    """Skip the running test when @p tool (an independent reader or checker)
    is missing: never fall back to ws2fix judging its own output."""
    if not shutil.which(tool):
        skip(f"{tool} is not installed (scripts/deps.sh installs it)")


def need(cond, msg):
    """Fail the test with msg unless cond."""
    if not cond:
        raise Failure(msg)


def sha256_file(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def shared_dir():
    d = os.environ.get("WS2FIX_SHARED_DIR", "")
    if d and os.path.isdir(d):
        return d
    if os.environ.get("WS2FIX_REQUIRE_SHARED") == "1":
        print(f"FAIL: shared data folder missing: {d!r}")
        sys.exit(1)
    exit_skip(f"shared data folder missing: {d!r}")


def hives():
    """Every real hive under shared/hives: (name, xz path, listing json path)."""
    root = os.path.join(shared_dir(), "hives")
    out = []
    for sub in sorted(os.listdir(root)):
        d = os.path.join(root, sub)
        if not os.path.isdir(d):
            continue
        for f in sorted(os.listdir(d)):
            if f.endswith(".xz") and ".LOG" not in f:
                base = f[:-3]
                out.append((f"{sub}/{base}", os.path.join(d, f), os.path.join(d, base + ".catalog.json")))
    if len(out) < 9:
        raise Failure(f"expected 9 real hives, found {len(out)}")
    return out


def unxz(xz_path, dest_dir, name=None):
    """Decompress a hive into dest_dir; returns the path."""
    name = name or os.path.basename(xz_path)[:-3]
    out = os.path.join(dest_dir, name)
    with lzma.open(xz_path) as src, open(out, "wb") as dst:
        shutil.copyfileobj(src, dst)
    return out


def run(binary, *args, stdin=None, env=None):
    e = dict(os.environ)
    if env:
        e.update(env)
    p = subprocess.run([binary, *args], capture_output=True, input=stdin, env=e, timeout=300)
    out = p.stdout.decode("utf-8", "replace")
    check_json(args, out, p.returncode)
    return p.returncode, out, p.stderr.decode("utf-8", "replace")


def check_json(args, out, rc=None):
    """Validate the JSON that `ws2fix *args` printed against its schema
    (nothing to do without --json, except for batch).  Returns the parsed
    document, or None."""
    try:
        return jsoncontract.check_output(args, out, rc)
    except jsoncontract.ContractError as ex:
        raise Failure(f"JSON contract: {ex}")


def run_json(binary, *args, expect_rc=0):
    rc, out, err = run(binary, *args)
    if rc != expect_rc:
        raise Failure(f"{' '.join(args)}: exit {rc}, expected {expect_rc}; stderr: {err.strip()}")
    try:
        return json.loads(out)
    except json.JSONDecodeError as ex:
        raise Failure(f"{' '.join(args)}: output is not JSON ({ex}): {out[:300]}")


def tempdir():
    return tempfile.mkdtemp(prefix="ws2fix-clitest-")


def main(tests):
    """Run test functions; print one line each; exit with the CTest code."""
    failed = skipped = 0
    for t in tests:
        try:
            t()
            print(f"PASS {t.__name__}")
        except Failure as ex:
            failed += 1
            print(f"FAIL {t.__name__}: {ex}")
        except Skipped as ex:
            skipped += 1
            print(f"{'FAIL' if under_ci() else 'SKIP'} {t.__name__}: {ex}")
    print(f"{len(tests) - failed - skipped} passed, {failed} failed, {skipped} skipped")
    if failed or (skipped and under_ci()):
        sys.exit(1)
    sys.exit(SKIP if skipped else 0)

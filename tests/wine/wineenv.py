# SPDX-License-Identifier: MIT
"""Shared helpers for the Wine tests (tests/wine/test_*.py).

Each test gets its own throw-away WINEPREFIX under a temporary directory, so
tests never see each other's registry and never touch ~/.wine.  Exit codes
follow CTest: 0 pass, 1 fail, 77 skip.

Every JSON document ws2fix.exe prints through Prefix.ws2fix() (and the
native build through check_json()) is validated against its schema in
docs/schema/ (tests/schema/jsoncontract.py); one that does not match fails
the test with the path of the offending field.
"""
import os
import shutil
import struct
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "schema"))
import jsoncontract  # noqa: E402

SKIP = 77


def skip(msg):
    """Skip visibly (exit 77); under CI (CI=true) nothing may be skipped."""
    if os.environ.get("CI") == "true":
        print("FAIL: %s (nothing may be skipped under CI=true)" % msg)
        sys.exit(1)
    print("SKIP: " + msg)
    sys.exit(SKIP)


def fail(msg):
    print("FAIL: " + msg)
    sys.exit(1)


def exe_from_argv():
    if len(sys.argv) < 2:
        fail("usage: %s path/to/ws2fix.exe" % sys.argv[0])
    exe = os.path.abspath(sys.argv[1])
    if not os.path.isfile(exe):
        fail("no such executable: " + exe)
    return exe


def pe_machine(path):
    """The PE machine field: 0x14c (i386) or 0x8664 (x86-64)."""
    with open(path, "rb") as f:
        head = f.read(4096)
    if head[:2] != b"MZ":
        fail(path + " is not a PE file")
    off = struct.unpack_from("<I", head, 0x3C)[0]
    if head[off:off + 4] != b"PE\0\0":
        fail(path + " has no PE header")
    return struct.unpack_from("<H", head, off + 4)[0]


def find_wine():
    for cand in (os.environ.get("WS2FIX_WINE"), "/usr/lib/wine/wine64", shutil.which("wine64"),
                 shutil.which("wine")):
        if cand and os.path.isfile(cand) and os.access(cand, os.X_OK):
            return cand
    return None


def find_wineserver(wine):
    d = os.path.dirname(wine)
    for cand in (os.path.join(d, "wineserver64"), os.path.join(d, "wineserver"),
                 shutil.which("wineserver")):
        if cand and os.path.isfile(cand):
            return cand
    return None


class Checks:
    """Failed checks, collected so that a test reports all of them:
    `check(cond, msg)` returns cond; `finish(pass_msg)` exits 1 with every
    failure, or 0 with the PASS line."""

    def __init__(self):
        self.problems = []

    def __call__(self, cond, msg):
        if not cond:
            self.problems.append(msg)
        return cond

    def finish(self, pass_msg):
        if self.problems:
            for m in self.problems:
                print("FAIL: " + m)
            sys.exit(1)
        print("PASS: " + pass_msg)
        sys.exit(0)


def native_bin(what):
    """The native (Linux) ws2fix of WS2FIX_NATIVE_BIN, or skip: @p what says
    what the test needs it for."""
    native = os.environ.get("WS2FIX_NATIVE_BIN", "")
    if not native or not os.path.isfile(native):
        skip("WS2FIX_NATIVE_BIN is empty or missing: " + what)
    return native


def run_native(native, *args):
    """Run the native build: (exit code, stdout, stderr) as text."""
    p = subprocess.run([native] + list(args), stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=300)
    out = p.stdout.decode("utf-8", "replace")
    check_json(args, out, p.returncode, "native ws2fix")
    return p.returncode, out, p.stderr.decode("utf-8", "replace")


def unix_to_wine_path(path):
    """Wine maps Z: to the Unix root."""
    return "Z:" + os.path.abspath(path).replace("/", "\\")


def shared_file(rel):
    """A file of the shared data set, or skip (fail when it is required)."""
    base = os.environ.get("WS2FIX_SHARED_DIR", "")
    path = os.path.join(base, rel) if base else ""
    if path and os.path.isfile(path):
        return path
    msg = "shared data missing: %s" % (path or rel + " (WS2FIX_SHARED_DIR not set)")
    if os.environ.get("WS2FIX_REQUIRE_SHARED") == "1":
        fail(msg)
    skip(msg)


class Prefix:
    """A fresh WINEPREFIX, removed (with its wineserver) on exit."""

    def __init__(self, exe):
        self.exe = exe
        self.wine = find_wine()
        if not self.wine:
            skip("wine is not installed (apt-get install wine64)")
        self.wineserver = find_wineserver(self.wine)
        self.dir = tempfile.mkdtemp(prefix="ws2fix-wine-")
        self.env = dict(os.environ)
        self.env.update({
            "WINEPREFIX": os.path.join(self.dir, "prefix"),
            "WINEDEBUG": "-all",
            # No Mono/Gecko installer prompts during wineboot.
            "WINEDLLOVERRIDES": "mscoree,mshtml=",
            # Wine turns Unix arguments into UTF-16 with the Unix locale:
            # under LC_ALL=C a non-ASCII path would be mangled before
            # ws2fix ever saw it.
            "LC_ALL": "C.UTF-8",
            "LANG": "C.UTF-8",
        })
        self.env.pop("DISPLAY", None)
        self.env.pop("WAYLAND_DISPLAY", None)

    def __enter__(self):
        # A persistent server keeps Wine's services (started by wineboot)
        # up between our many short runs; by default the server quits 3 s
        # after the last program and each restart costs seconds.  close()
        # stops it.
        if self.wineserver:
            subprocess.run([self.wineserver, "-p"], env=self.env, timeout=60,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        # wineboot's output goes to a file, not a pipe: the services it
        # starts inherit it and live on, and a pipe they hold open would
        # keep every later subprocess.run() waiting for end-of-file.
        log_path = os.path.join(self.dir, "wineboot.log")
        try:
            with open(log_path, "wb") as log:
                boot = subprocess.run([self.wine, "wineboot", "-i"], env=self.env,
                                      stdin=subprocess.DEVNULL, stdout=log, stderr=log,
                                      timeout=300, cwd=self.dir)
        except subprocess.TimeoutExpired:
            self.close()
            fail("wineboot did not finish in 300 s")
        if boot.returncode != 0:
            with open(log_path, "rb") as log:
                text = log.read().decode("utf-8", "replace")
            self.close()
            fail("wineboot failed (%d): %s" % (boot.returncode, text[-2000:]))
        if pe_machine(self.exe) == 0x14C:
            probe = self.run([self.exe, "--version"], check=False)
            if probe.returncode != 0:
                self.close()
                skip("this Wine cannot run 32-bit programs (wine32 not installed): "
                     "ws2fix.exe --version exited %d %s"
                     % (probe.returncode, probe.stderr.strip()[:200]))
        return self

    def __exit__(self, *exc):
        self.close()
        return False

    def close(self):
        if self.wineserver:
            try:
                subprocess.run([self.wineserver, "-k"], env=self.env, timeout=60,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            except subprocess.TimeoutExpired:
                pass
        shutil.rmtree(self.dir, ignore_errors=True)

    def run(self, args, timeout=120, check=False, extra_env=None, cwd=None):
        """Run a Windows program; bytes in, text (UTF-8) out."""
        env = self.env
        if extra_env:
            env = dict(env)
            env.update(extra_env)
        p = subprocess.run([self.wine] + list(args), env=env, stdin=subprocess.DEVNULL,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=timeout,
                           cwd=cwd or self.dir)
        p.stdout = p.stdout.decode("utf-8", "replace")
        p.stderr = p.stderr.decode("utf-8", "replace")
        if check and p.returncode != 0:
            fail("%s exited %d\nstdout: %s\nstderr: %s"
                 % (" ".join(args), p.returncode, p.stdout, p.stderr))
        return p

    def ws2fix(self, *args, **kw):
        p = self.run([self.exe] + list(args), **kw)
        check_json(args, p.stdout, p.returncode, "ws2fix.exe")
        return p


def check_json(args, stdout, rc=None, program="ws2fix"):
    """Validate what `ws2fix *args` printed against its schema (nothing to
    do without --json, except for batch); fail the test when it does not
    match.  Returns the parsed document, or None."""
    try:
        return jsoncontract.check_output(args, stdout, rc)
    except jsoncontract.ContractError as e:
        fail("JSON contract (%s): %s" % (program, e))


def stderr_lines(text):
    """stderr lines that are ours: Wine itself may add its own messages
    (fixme/err channels are off with WINEDEBUG=-all, but a few loader
    notes are not)."""
    out = []
    for line in text.splitlines():
        if not line.strip():
            continue
        if line.startswith(("wine: ", "fixme:", "err:", "warn:", "trace:")) or "wineserver" in line:
            continue
        out.append(line)
    return out


# Fields that only a live source can fill ("installed_by ...
# live only, when the event log knows").
LIVE_ONLY_FIELDS = {"installed_by", "installed_on"}


def strip_live_only(obj):
    """A JSON value without the live-only fields, for comparing sources."""
    if isinstance(obj, dict):
        return {k: strip_live_only(v) for k, v in obj.items() if k not in LIVE_ONLY_FIELDS}
    if isinstance(obj, list):
        return [strip_live_only(v) for v in obj]
    return obj


def first_difference(a, b, path="catalogs"):
    """Where two JSON values first differ, for a readable failure."""
    if type(a) is not type(b):
        return "%s: %r != %r" % (path, a, b)
    if isinstance(a, dict):
        for k in sorted(set(a) | set(b)):
            if k not in a or k not in b:
                return "%s.%s: present only in %s" % (path, k, "first" if k in a else "second")
            d = first_difference(a[k], b[k], path + "." + k)
            if d:
                return d
        return None
    if isinstance(a, list):
        if len(a) != len(b):
            return "%s: %d items != %d items" % (path, len(a), len(b))
        for i, (x, y) in enumerate(zip(a, b)):
            d = first_difference(x, y, "%s[%d]" % (path, i))
            if d:
                return d
        return None
    return None if a == b else "%s: %r != %r" % (path, a, b)

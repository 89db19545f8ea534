# SPDX-License-Identifier: MIT
"""`cpack -G DEB` makes ws2fix_VERSION_ARCH.deb: its dependencies were
computed (libhivex0 and libc6 from dpkg-shlibdeps, each installed on this
machine at a version that satisfies them), lintian reports no error, and
the package installs into a throw-away root (dpkg --root) whose
`ws2fix --version` and `ws2fix diagnose --reg` on the shipped sample work.
Run by CTest as `python3 test_deb.py BUILD_DIR VERSION`."""
import glob
import os
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "cli"))
import wstest  # noqa: E402
from wstest import Failure  # noqa: E402

BUILD = os.path.abspath(sys.argv[1])
VERSION = sys.argv[2]
SRC = os.environ["WS2FIX_SOURCE_DIR"]
TMP = wstest.tempdir()
DEB = None


def required(tool):
    """The tool, or a visible skip of the running test (a failure under CI):
    never a PASS without it."""
    if shutil.which(tool):
        return True
    if os.environ.get("WS2FIX_REQUIRE_SHARED") == "1":  # CI: everything must run
        raise Failure(f"{tool} is not installed (scripts/deps.sh installs it)")
    wstest.skip(f"{tool} is not installed (scripts/deps.sh installs it)")


def build_deb():
    global DEB
    if DEB:
        return DEB
    out = os.path.join(TMP, "pkg")
    p = subprocess.run(["cpack", "-G", "DEB", "--config", os.path.join(BUILD, "CPackConfig.cmake"), "-B", out],
                       capture_output=True, text=True, cwd=BUILD, timeout=600)
    if p.returncode != 0:
        raise Failure(f"cpack failed: {p.stdout[-600:]} {p.stderr[-600:]}")
    # A CMake warning looks like a failed build to a newcomer (the review's
    # "Invalid escape sequence \S" from the description's registry path).
    for bad in ("CMake Warning", "CMake Error", "Syntax error", "Invalid escape"):
        if bad in p.stdout + p.stderr:
            raise Failure(f"cpack printed {bad!r}: {(p.stdout + p.stderr)[-800:]}")
    arch = subprocess.run(["dpkg", "--print-architecture"], capture_output=True, text=True).stdout.strip()
    want = os.path.join(out, f"ws2fix_{VERSION}_{arch}.deb")
    if not os.path.isfile(want):
        raise Failure(f"no {os.path.basename(want)}; cpack wrote {glob.glob(out + '/*.deb')}")
    DEB = want
    return DEB


def field(deb, name):
    return subprocess.run(["dpkg-deb", "-f", deb, name], capture_output=True, text=True).stdout.strip()


def test_dependencies_computed_and_satisfied():
    deb = build_deb()
    depends = field(deb, "Depends")
    names = [d.split("(")[0].strip() for d in depends.split(",")]
    for want in ("libhivex0", "libc6"):
        if want not in names:
            raise Failure(f"Depends: {depends!r} lacks {want}")
    # Each dependency is satisfied by what is installed here.
    for dep in depends.split(","):
        dep = dep.strip()
        name = dep.split("(")[0].strip()
        have = subprocess.run(["dpkg-query", "-W", "-f=${Version}", name], capture_output=True, text=True)
        if have.returncode != 0:
            raise Failure(f"{name} is not installed")
        if "(" in dep:
            op, ver = dep[dep.index("(") + 1:dep.index(")")].split()
            ok = subprocess.run(["dpkg", "--compare-versions", have.stdout, op.replace(">=", "ge"), ver])
            if ok.returncode != 0:
                raise Failure(f"{name} {have.stdout} does not satisfy {dep}")
    if field(deb, "Package") != "ws2fix" or field(deb, "Version") != VERSION:
        raise Failure("wrong Package/Version fields")
    if "(HKLM\\SYSTEM\\CurrentControlSet\\Services\\WinSock2)" not in field(deb, "Description"):
        raise Failure(f"the description lost its registry path: {field(deb, 'Description')!r}")


def test_lintian_clean():
    required("lintian")
    deb = build_deb()
    p = subprocess.run(["lintian", "--fail-on", "error", deb], capture_output=True, text=True, timeout=600)
    errors = [ln for ln in p.stdout.splitlines() if ln.startswith("E:")]
    if p.returncode != 0 or errors:
        raise Failure(f"lintian: exit {p.returncode}: {errors or p.stdout[-600:]} {p.stderr[-300:]}")
    for ln in p.stdout.splitlines():
        print(f"  lintian: {ln}")


def test_installs_and_runs_in_throwaway_root():
    deb = build_deb()
    root = os.path.join(TMP, "root")
    os.makedirs(os.path.join(root, "var/lib/dpkg/info"))
    os.makedirs(os.path.join(root, "var/lib/dpkg/updates"))
    open(os.path.join(root, "var/lib/dpkg/status"), "w").close()
    # The throw-away root has no libc6/libhivex0 of its own: the binary runs
    # with this machine's, which test_dependencies_computed_and_satisfied
    # checks against the package's Depends.
    p = subprocess.run(["dpkg", f"--root={root}", "--force-depends", "--force-script-chrootless",
                        "--force-not-root", "-i", deb], capture_output=True, text=True)
    if p.returncode != 0:
        raise Failure(f"dpkg -i failed: {p.stderr[-600:]}")
    listed = subprocess.run(["dpkg", f"--root={root}", "-L", "ws2fix"], capture_output=True, text=True).stdout
    for f in ("/usr/bin/ws2fix", "/usr/share/man/man1/ws2fix.1.gz", "/usr/share/man/man1/ws2fix-diagnose.1.gz",
              "/usr/share/bash-completion/completions/ws2fix", "/usr/share/doc/ws2fix/copyright",
              "/usr/share/doc/ws2fix/changelog.gz"):
        if f not in listed.split("\n"):
            raise Failure(f"{f} not in the package")
    exe = os.path.join(root, "usr/bin/ws2fix")
    # No test-only switch ships (tests/release/test_switches.py); stripped,
    # so not even the name of a result that was once a switch's.
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "release"))
    import test_switches
    with open(exe, "rb") as f:
        data = f.read()
    hits = test_switches.found(data) + (["WS2FIX_SELFTEST_FAIL"] if b"WS2FIX_SELFTEST_FAIL" in data else [])
    if hits:
        raise Failure(f"the packaged ws2fix holds test-only names {hits}")
    rc, out, err = wstest.run(exe, "--version")
    if rc != 0 or not out.startswith(f"ws2fix {VERSION}") or "MIT" not in out:
        raise Failure(f"installed --version: exit {rc}: {out!r} {err!r}")
    rc, out, err = wstest.run(exe, "diagnose", "--reg", os.path.join(SRC, "samples/winsock2-broken-lsp.reg"))
    if rc != 1 or "CHAIN_BROKEN" not in out:
        raise Failure(f"installed diagnose --reg sample: exit {rc}: {out[:300]} {err}")
    r = subprocess.run(["man", "--warnings", "-l", os.path.join(root, "usr/share/man/man1/ws2fix.1.gz")],
                       capture_output=True, text=True, env=dict(os.environ, MANWIDTH="80"))
    if r.returncode != 0 or r.stderr.strip():
        raise Failure(f"man of the packaged ws2fix.1.gz: {r.stderr.strip()[:300]}")


if __name__ == "__main__":
    try:
        wstest.main([test_dependencies_computed_and_satisfied, test_lintian_clean,
                     test_installs_and_runs_in_throwaway_root])
    finally:
        shutil.rmtree(TMP, ignore_errors=True)

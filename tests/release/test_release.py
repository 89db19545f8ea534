# SPDX-License-Identifier: MIT
"""scripts/release.sh, as a release manager runs it (scripts/test.sh
release; it needs a git checkout and the mingw-w64 and signing tools):

- two runs from the same commit, in different directories, give
  byte-identical zips and SHA256SUMS, which `sha256sum -c` accepts;
- each zip holds the two exes, README.txt, LICENSE.txt and the docs as
  CRLF text;
- each exe has no PE time stamp, no build path, a VERSIONINFO with product,
  version and licence, and its manifest (CLI: asInvoker and supportedOS
  Vista to 11; GUI: the same plus Common Controls v6 and per-monitor DPI
  awareness), and imports nothing newer than XP SP3 (tests/wine/test_imports.py);
- the x64 ws2fix.exe runs under Wine and names its version and commit;
- `--sign KEY CERT` with a throw-away certificate made here signs every
  exe so that `osslsigncode verify` passes, where the unsigned exe fails.
Prints one line per check and 'N passed, N failed'."""
import hashlib
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile

SRC = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
TMP = tempfile.mkdtemp(prefix="ws2fix-reltest-")
VERSION = re.search(r"project\(ws2fix VERSION ([0-9.]+)", open(os.path.join(SRC, "CMakeLists.txt")).read()).group(1)
ARCHES = ("win64", "win32")
SUPPORTED_OS = ["{e2011457-1546-43c5-a5fe-008deee3d3f0}", "{35138b9a-5d96-4fbd-8e2d-a2440225f93a}",
                "{4a2f28e3-53b9-4441-ba9c-d69d4a4a6e38}", "{1f676c76-80e1-4239-95bb-83d0f6d0da78}",
                "{8e0f7a12-bfb3-4fe8-b9a5-48fd50a15a9a}"]


class Failure(Exception):
    pass


def release(name, *extra):
    out = os.path.join(TMP, name, "out")
    # Each run builds below its own, differently deep, temporary folder.
    tmpdir = os.path.join(TMP, name, "t" * (len(name) + 1), "tmp")
    os.makedirs(tmpdir)
    p = subprocess.run(["bash", os.path.join(SRC, "scripts/release.sh"), *extra, out], capture_output=True,
                       text=True, env=dict(os.environ, TMPDIR=tmpdir), timeout=1800)
    if p.returncode != 0:
        raise Failure(f"release.sh {' '.join(extra)} failed ({p.returncode}): {p.stderr[-1500:]}")
    return out, p.stdout


def zips(out):
    return [os.path.join(out, f"ws2fix-{VERSION}-{a}.zip") for a in ARCHES]


def members(zpath):
    with zipfile.ZipFile(zpath) as z:
        return {i.filename: z.read(i) for i in z.infolist()}


RUNS = {}


def run_a():
    if "a" not in RUNS:
        RUNS["a"] = release("a")
    return RUNS["a"][0]


def test_reproducible():
    a = run_a()
    b, _ = release("bb")
    for za, zb in zip(zips(a), zips(b)):
        if open(za, "rb").read() != open(zb, "rb").read():
            raise Failure(f"{os.path.basename(za)} differs between two runs")
    if open(os.path.join(a, "SHA256SUMS")).read() != open(os.path.join(b, "SHA256SUMS")).read():
        raise Failure("SHA256SUMS differs")
    p = subprocess.run(["sha256sum", "-c", "SHA256SUMS"], cwd=a, capture_output=True, text=True)
    if p.returncode != 0 or p.stdout.count(": OK") != 2:
        raise Failure(f"sha256sum -c: {p.stdout} {p.stderr}")


def test_zip_contents():
    a = run_a()
    for arch, zpath in zip(ARCHES, zips(a)):
        m = members(zpath)
        top = f"ws2fix-{VERSION}-{arch}/"
        for want in ("ws2fix.exe", "ws2fix-gui.exe", "README.txt", "LICENSE.txt", "docs/EXIT-CODES.txt",
                     "docs/cli/repair.txt", "docs/findings/CHAIN_BROKEN.txt"):
            if top + want not in m:
                raise Failure(f"{os.path.basename(zpath)} lacks {want}")
        if any(not n.startswith(top) for n in m):
            raise Failure("an entry outside the top folder")
        if list(m) != sorted(m):
            raise Failure("entries are not in sorted order")
        for name, data in m.items():
            if name.endswith(".txt") and (b"\n" in data.replace(b"\r\n", b"")):
                raise Failure(f"{name}: a line ending that is not CRLF")
        if b"MIT License" not in m[top + "LICENSE.txt"]:
            raise Failure("LICENSE.txt is not the MIT licence")


def pe_checks(exe_bytes, name, arch, workdir):
    import pefile  # python3-pefile
    pe = pefile.PE(data=exe_bytes)
    want_machine = 0x8664 if arch == "win64" else 0x14C
    if pe.FILE_HEADER.Machine != want_machine:
        raise Failure(f"{arch}/{name}: machine {pe.FILE_HEADER.Machine:#x}")
    if pe.FILE_HEADER.TimeDateStamp != 0:
        raise Failure(f"{arch}/{name}: PE time stamp {pe.FILE_HEADER.TimeDateStamp:#x}")
    strings = {}
    for fi in getattr(pe, "FileInfo", [[]])[0]:
        if fi.Key == b"StringFileInfo":
            for st in fi.StringTable:
                strings.update({k.decode(): v.decode() for k, v in st.entries.items()})
    if strings.get("ProductName") != "ws2fix" or strings.get("ProductVersion") != VERSION \
            or strings.get("OriginalFilename") != name or "MIT" not in strings.get("LegalCopyright", ""):
        raise Failure(f"{arch}/{name}: VERSIONINFO {strings}")
    ffi = pe.VS_FIXEDFILEINFO[0]
    major, minor, patch = (int(x) for x in VERSION.split("."))
    if (ffi.FileVersionMS, ffi.FileVersionLS) != ((major << 16) | minor, patch << 16):
        raise Failure(f"{arch}/{name}: fixed file version does not match {VERSION}")
    manifest = None
    for e in pe.DIRECTORY_ENTRY_RESOURCE.entries:
        if e.id == 24:
            d = e.directory.entries[0].directory.entries[0].data.struct
            manifest = pe.get_data(d.OffsetToData, d.Size).decode("utf-8")
    if not manifest:
        raise Failure(f"{arch}/{name}: no manifest")
    if 'level="asInvoker"' not in manifest:
        raise Failure(f"{arch}/{name}: manifest is not asInvoker")
    missing = [g for g in SUPPORTED_OS if g not in manifest]
    if missing:
        raise Failure(f"{arch}/{name}: supportedOS missing {missing}")
    if name == "ws2fix-gui.exe":
        if 'name="Microsoft.Windows.Common-Controls" version="6.0.0.0"' not in " ".join(manifest.split()):
            raise Failure(f"{arch}/{name}: no Common Controls v6 dependency")
        if "PerMonitorV2" not in manifest or "true/pm" not in manifest:
            raise Failure(f"{arch}/{name}: not per-monitor DPI aware")
    # No test-only switch (issue 20): no name a test sets to steer it.
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    import test_switches
    hits = test_switches.found(exe_bytes)
    if hits:
        raise Failure(f"{arch}/{name}: test-only variables {hits}")
    # No build path: neither this test's folders nor the checkout's.
    for path in (TMP, SRC, "ws2fix-release.", "/tmp/", "/home/", "/work/"):
        if path.encode() in exe_bytes or path.encode("utf-16-le") in exe_bytes:
            raise Failure(f"{arch}/{name}: holds the path {path!r}")
    # Imports: nothing newer than XP SP3 (the Windows test suite's checker).
    exe = os.path.join(workdir, f"{arch}-{name}")
    with open(exe, "wb") as f:
        f.write(exe_bytes)
    objdump = "x86_64-w64-mingw32-objdump" if arch == "win64" else "i686-w64-mingw32-objdump"
    p = subprocess.run([sys.executable, os.path.join(SRC, "tests/wine/test_imports.py"), exe],
                       capture_output=True, text=True,
                       env=dict(os.environ, WS2FIX_OBJDUMP=objdump,
                                WS2FIX_SUBSYSTEM="GUI" if name == "ws2fix-gui.exe" else "CUI"))
    if p.returncode != 0:
        raise Failure(f"{arch}/{name}: imports: {p.stdout[-800:]}")


def test_exes():
    a = run_a()
    work = os.path.join(TMP, "exes")
    os.makedirs(work, exist_ok=True)
    for arch, zpath in zip(ARCHES, zips(a)):
        m = members(zpath)
        for name in ("ws2fix.exe", "ws2fix-gui.exe"):
            pe_checks(m[f"ws2fix-{VERSION}-{arch}/{name}"], name, arch, work)


def test_runs_under_wine():
    wine = "/usr/lib/wine/wine64"
    if not os.path.exists(wine):
        raise Failure("wine64 is not installed (scripts/deps.sh installs it)")
    a = run_a()
    exe = os.path.join(TMP, "wine", "ws2fix.exe")
    os.makedirs(os.path.dirname(exe))
    with open(exe, "wb") as f:
        f.write(members(zips(a)[0])[f"ws2fix-{VERSION}-win64/ws2fix.exe"])
    prefix = os.path.join(TMP, "wineprefix")
    p = subprocess.run([wine, exe, "--version"], capture_output=True, text=True, timeout=300,
                       env=dict(os.environ, WINEPREFIX=prefix, WINEDEBUG="-all"))
    describe = subprocess.run(["git", "-C", SRC, "describe", "--tags", "--always", "--match", "v[0-9]*", "HEAD"],
                              capture_output=True, text=True).stdout.strip()
    first = p.stdout.splitlines()[0] if p.stdout else ""
    if p.returncode != 0 or first.strip() != f"ws2fix {VERSION} (git {describe})" or "MIT" not in p.stdout:
        raise Failure(f"wine ws2fix.exe --version: exit {p.returncode}: {p.stdout!r}")


def test_signed():
    if not shutil.which("osslsigncode") or not shutil.which("openssl"):
        raise Failure("osslsigncode and openssl are needed (scripts/deps.sh installs them)")
    d = os.path.join(TMP, "cert")
    os.makedirs(d)
    key, cert = os.path.join(d, "key.pem"), os.path.join(d, "cert.pem")
    p = subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert,
                        "-days", "2", "-subj", "/CN=ws2fix throw-away test signing certificate",
                        "-addext", "extendedKeyUsage=codeSigning"], capture_output=True, text=True)
    if p.returncode != 0:
        raise Failure(f"openssl req: {p.stderr}")
    signed, _ = release("signed", "--sign", key, cert)
    unsigned = run_a()
    work = os.path.join(TMP, "verify")
    os.makedirs(work)
    for arch, zs, zu in zip(ARCHES, zips(signed), zips(unsigned)):
        ms, mu = members(zs), members(zu)
        if sorted(ms) != sorted(mu):
            raise Failure("signed and unsigned zips hold different files")
        for name in ("ws2fix.exe", "ws2fix-gui.exe"):
            entry = f"ws2fix-{VERSION}-{arch}/{name}"
            for label, data, want_ok in (("signed", ms[entry], True), ("unsigned", mu[entry], False)):
                path = os.path.join(work, f"{label}-{arch}-{name}")
                with open(path, "wb") as f:
                    f.write(data)
                v = subprocess.run(["osslsigncode", "verify", "-CAfile", cert, "-in", path],
                                   capture_output=True, text=True)
                if (v.returncode == 0) != want_ok:
                    raise Failure(f"osslsigncode verify on the {label} {arch}/{name}: exit {v.returncode}: "
                                  f"{(v.stdout + v.stderr)[-600:]}")
        for name in ms:
            if not name.endswith(".exe") and ms[name] != mu[name]:
                raise Failure(f"{name} differs between the signed and unsigned zips")


def main():
    tests = [test_reproducible, test_zip_contents, test_exes, test_runs_under_wine, test_signed]
    failed = 0
    try:
        for t in tests:
            try:
                t()
                print(f"PASS {t.__name__}", flush=True)
            except Failure as ex:
                failed += 1
                print(f"FAIL {t.__name__}: {ex}", flush=True)
    finally:
        shutil.rmtree(TMP, ignore_errors=True)
    print(f"{len(tests) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

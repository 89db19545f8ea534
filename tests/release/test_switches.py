# SPDX-License-Identifier: MIT
"""Test-only switches never reach a shipped binary (issue 20, item 3): the
names of the variables only the tests read, looked for in a binary as
`strings` would find them, in ASCII and in UTF-16LE.

Used by tests/release/test_release.py on the released exes, by
tests/wine/test_selftest.py on ws2fix.exe (and, as the control that the
search can fail, on the test-only ws2fix-faults.exe), and run by CTest on
the native ws2fix:  python3 test_switches.py BINARY [--must-find]."""
import sys

# WS2FIX_SELFTEST_HANG: the old name of the hang switch (the old fail
# switch, WS2FIX_SELFTEST_FAIL, is also the name of a result in
# ws2fix/selftest.h, which debug information keeps).
TEST_ONLY = ("WS2FIX_TEST_FAIL_STEP", "WS2FIX_TEST_HANG_STEP", "WS2FIX_SELFTEST_HANG",
             "WS2FIX_SHARED_DIR", "WS2FIX_REQUIRE_SHARED", "WS2FIX_FAULTS_EXE")


def found(data):
    """The test-only names in @p data (bytes)."""
    hits = []
    for name in TEST_ONLY:
        if name.encode("ascii") in data or name.encode("utf-16-le") in data:
            hits.append(name)
    return hits


def main():
    if len(sys.argv) < 2:
        print("usage: test_switches.py BINARY [--must-find]")
        return 2
    with open(sys.argv[1], "rb") as f:
        data = f.read()
    hits = found(data)
    # Control: the search finds a planted name, and finds none in bytes
    # without one.
    if found(b"\0x" + TEST_ONLY[0].encode("utf-16-le") + b"\0") != [TEST_ONLY[0]] or found(b"ws2fix"):
        print("FAIL: the search itself is broken")
        return 1
    if "--must-find" in sys.argv[2:]:
        ok = bool(hits)
    else:
        ok = not hits
    print(("PASS" if ok else "FAIL") + ": %s: test-only names %r" % (sys.argv[1], hits))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())

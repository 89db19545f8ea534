#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""`ws2fix selftest` under Wine: Wine's sockets are the host's, so the
loopback steps are real.  Wine's providers never fail or hang, so those
paths are driven through ws2fix-faults.exe (WS2FIX_FAULTS_EXE): the same CLI
with a test double of the self-test's fault seam (selftest_faults.c), which
reads WS2FIX_TEST_FAIL_STEP and WS2FIX_TEST_HANG_STEP.  The shipped ws2fix.exe
must ignore both."""
import json
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import wineenv  # noqa: E402

REQUIRED_STEPS = ["SystemRoot", "provider paths", "WSAStartup", "WSAEnumProtocols", "TCP 127.0.0.1", "TCP ::1", "UDP 127.0.0.1",
                  "UDP ::1", "getaddrinfo localhost"]

problems = []


def check(cond, msg):
    if not cond:
        problems.append(msg)
    return cond


def parse_json(p, what):
    try:
        return json.loads(p.stdout)
    except ValueError as e:
        wineenv.fail("%s: stdout is not JSON (%s):\n%s\nstderr: %s" % (what, e, p.stdout, p.stderr))


def faults_exe():
    f = os.environ.get("WS2FIX_FAULTS_EXE", "")
    if not f or not os.path.isfile(f):
        wineenv.fail("WS2FIX_FAULTS_EXE is not the test build ws2fix-faults.exe: %r" % f)
    return os.path.abspath(f)


def with_faults(px, faults, *args, **kw):
    """Run the test-double build in the same prefix; its JSON is checked
    against the schema like the shipped build's."""
    p = px.run([faults] + list(args), **kw)
    wineenv.check_json(args, p.stdout, p.returncode, "ws2fix-faults.exe")
    return p


def main():
    exe = wineenv.exe_from_argv()
    faults = faults_exe()
    # The switches are in the test build only; the control shows the
    # search finds them where they are.
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "release"))
    import test_switches
    for path, want in ((exe, False), (faults, True)):
        with open(path, "rb") as f:
            hits = test_switches.found(f.read())
        check(bool(hits) == want, "%s: test-only variables %r" % (os.path.basename(path), hits))
    with wineenv.Prefix(exe) as px:
        # Text: one line per step, a verdict, exit 0.
        p = px.ws2fix("selftest", timeout=180)
        print(p.stdout)
        check(p.returncode == 0, "selftest exited %d (stderr: %s)" % (p.returncode, p.stderr))
        lines = p.stdout.splitlines()
        check(len(lines) >= len(REQUIRED_STEPS) + 1, "too few lines of output")
        for line in lines[:-1]:
            check(line.startswith(("PASS  ", "SKIP  ")), "unexpected step line: %r" % line)
        check(lines and "passed" in lines[-1], "no verdict line: %r" % (lines[-1:] or ""))

        # JSON: the same steps as data.
        p = px.ws2fix("selftest", "--json", timeout=180)
        check(p.returncode == 0, "selftest --json exited %d" % p.returncode)
        doc = parse_json(p, "selftest --json")
        check(doc.get("tool") == "ws2fix" and doc.get("command") == "selftest",
              "tool/command keys wrong: %r" % {k: doc.get(k) for k in ("tool", "command")})
        check(doc.get("passed") is True, "passed is %r" % doc.get("passed"))
        steps = doc.get("steps") or []
        names = [s.get("name") for s in steps]
        for req in REQUIRED_STEPS:
            check(req in names, "step %r missing from %r" % (req, names))
        for s in steps:
            check(s.get("result") in ("pass", "skipped"),
                  "step %r: result %r (error %r %r)" % (s.get("name"), s.get("result"),
                                                         s.get("error_code"), s.get("error_name")))
            check("error_code" in s and "error_name" in s, "step %r lacks error keys" % s.get("name"))
            if s.get("result") == "pass":
                check(s.get("error_code") is None, "passing step %r has an error code" % s["name"])
        by_name = {s["name"]: s for s in steps}
        # Wine's IPv4 is the host's: these must really pass, not be skipped.
        # Wine's WSCGetProviderPath gives no path: the path check says so.
        paths = by_name.get("provider paths", {})
        check(paths.get("result") == "pass" or paths.get("reason") == "no-paths", "provider paths: %r" % paths)
        for req in ("SystemRoot", "WSAStartup", "WSAEnumProtocols", "TCP 127.0.0.1", "UDP 127.0.0.1",
                    "getaddrinfo localhost"):
            if req in by_name:
                check(by_name[req]["result"] == "pass", "%s did not pass: %r" % (req, by_name[req]))
        providers = [s for s in steps if s["name"].startswith("socket ")]
        check(providers, "no provider (socket ...) steps")
        tcp = [s for s in providers if s.get("address_family") == 2 and s.get("socket_type") == 1
               and s.get("result") == "pass"]
        check(tcp, "no IPv4 TCP provider passed: %r" % providers)
        summary = doc.get("summary") or {}
        check(summary.get("steps") == len(steps), "summary.steps %r != %d"
              % (summary.get("steps"), len(steps)))
        check(summary.get("failed") == 0, "summary.failed %r" % summary.get("failed"))

        # The shipped build has no fault switch: the variables change nothing.
        if tcp:
            env = {"WS2FIX_TEST_FAIL_STEP": tcp[0]["name"], "WS2FIX_TEST_HANG_STEP": "TCP 127.0.0.1",
                   "WS2FIX_SELFTEST_FAIL": tcp[0]["name"], "WS2FIX_SELFTEST_HANG": "TCP 127.0.0.1"}
            p = px.ws2fix("selftest", "--json", timeout=180, extra_env=env)
            check(p.returncode == 0, "shipped selftest obeyed a test variable: exit %d" % p.returncode)

        # The test double fails a provider step with WSAENOTSOCK, as a broken LSP would.
        if tcp:
            victim = tcp[0]["name"]
            env = {"WS2FIX_TEST_FAIL_STEP": victim}
            p = with_faults(px, faults, "selftest", timeout=180, extra_env=env)
            print(p.stdout)
            check(p.returncode == 1, "hooked selftest exited %d, want 1" % p.returncode)
            fail_lines = [l for l in p.stdout.splitlines() if l.startswith("FAIL  ")]
            check(len(fail_lines) == 1, "want exactly one FAIL line, got %r" % fail_lines)
            if fail_lines:
                line = fail_lines[0]
                check(line.startswith("FAIL  " + victim + ": 10038 WSAENOTSOCK"),
                      "FAIL line does not name the step and WSAENOTSOCK: %r" % line)
            p = with_faults(px, faults, "selftest", "--json", timeout=180, extra_env=env)
            check(p.returncode == 1, "hooked selftest --json exited %d, want 1" % p.returncode)
            doc = parse_json(p, "hooked selftest --json")
            check(doc.get("passed") is False, "hooked run: passed is %r" % doc.get("passed"))
            hit = [s for s in doc.get("steps", []) if s.get("name") == victim]
            check(len(hit) == 1 and hit[0].get("result") == "fail"
                  and hit[0].get("error_code") == 10038 and hit[0].get("error_name") == "WSAENOTSOCK"
                  and hit[0].get("reason") is None,
                  "hooked step in JSON: %r" % hit)

        # The environment step checks this process's own SystemRoot: the
        # test double removes it, or points it elsewhere, before the check.
        p = with_faults(px, faults, "selftest", "--json", timeout=180, extra_env={"WS2FIX_TEST_SYSTEMROOT": "-"})
        doc = parse_json(p, "selftest --json without SystemRoot")
        first = (doc.get("steps") or [{}])[0]
        check(p.returncode == 1 and first.get("name") == "SystemRoot" and first.get("result") == "fail"
              and first.get("reason") == "no-systemroot", "no SystemRoot: exit %d, %r" % (p.returncode, first))
        p = with_faults(px, faults, "selftest", timeout=180, extra_env={"WS2FIX_TEST_SYSTEMROOT": "-"})
        line = p.stdout.splitlines()[0] if p.stdout else ""
        check(line.startswith("FAIL  SystemRoot: SystemRoot is not set") and "reset will not help" in line,
              "no SystemRoot, text: %r" % line)
        p = with_faults(px, faults, "selftest", "--json", timeout=180,
                        extra_env={"WS2FIX_TEST_SYSTEMROOT": "C:\\nowhere"})
        first = (parse_json(p, "selftest --json, SystemRoot elsewhere").get("steps") or [{}])[0]
        check(p.returncode == 1 and first.get("reason") == "systemroot-elsewhere"
              and "C:\\nowhere" in (first.get("detail") or "") and "windows" in (first.get("detail") or "").lower(),
              "SystemRoot elsewhere: exit %d, %r" % (p.returncode, first))

        # A provider that never returns is reported as hung (WSAETIMEDOUT)
        # after twice the 5 s step budget, and the test still ends.
        if tcp:
            victim = tcp[0]["name"]
            p = with_faults(px, faults, "selftest", "--json", timeout=120,
                            extra_env={"WS2FIX_TEST_HANG_STEP": victim})
            check(p.returncode == 1, "selftest with a hanging step exited %d, want 1" % p.returncode)
            doc = parse_json(p, "selftest --json with a hanging step")
            last = (doc.get("steps") or [{}])[-1]
            check(last.get("name") == victim and last.get("result") == "fail"
                  and last.get("error_code") == 10060 and last.get("error_name") == "WSAETIMEDOUT"
                  and last.get("reason") == "hung",
                  "hung step: %r" % last)
            check(doc.get("passed") is False, "hung run: passed is %r" % doc.get("passed"))

        # The double works for a loopback step as well (names are case-insensitive).
        p = with_faults(px, faults, "selftest", timeout=180,
                        extra_env={"WS2FIX_TEST_FAIL_STEP": "tcp 127.0.0.1"})
        check(p.returncode == 1, "selftest hooked on 'tcp 127.0.0.1' exited %d" % p.returncode)
        check("FAIL  TCP 127.0.0.1: " in p.stdout and "WSAENOTSOCK" in p.stdout,
              "loopback hook output: %r" % p.stdout)

        # Swedish labels and verdict.
        p = px.ws2fix("--lang", "sv", "selftest", timeout=180)
        check(p.returncode == 0, "selftest --lang sv exited %d" % p.returncode)
        check(p.stdout.startswith("OK  ") and "Winsock-självtestet lyckades" in p.stdout,
              "Swedish output: %r" % p.stdout[:300])

        # No arguments are accepted.
        p = px.ws2fix("selftest", "extra", timeout=60)
        check(p.returncode == 2, "selftest extra exited %d, want 2" % p.returncode)

    # The Linux build answers "live only" with exit 2 and one line.
    native = os.environ.get("WS2FIX_NATIVE_BIN", "")
    if native and os.path.isfile(native):
        p = subprocess.run([native, "selftest"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           timeout=60)
        err = p.stderr.decode("utf-8", "replace").splitlines()
        check(p.returncode == 2, "native selftest exited %d, want 2" % p.returncode)
        check(len(err) == 1 and "live only" in err[0], "native selftest stderr: %r" % err)
        check(p.stdout == b"", "native selftest wrote to stdout: %r" % p.stdout)
    else:
        print("note: WS2FIX_NATIVE_BIN not set: the Linux build's 'live only' answer is not checked")

    if problems:
        for m in problems:
            print("FAIL: " + m)
        sys.exit(1)
    print("PASS")


if __name__ == "__main__":
    main()

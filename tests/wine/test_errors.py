#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Bad input under Wine: one line on stderr, nothing on stdout, exit 2
(docs/EXIT-CODES.md); with --json the error is a JSON document on stdout."""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import wineenv  # noqa: E402

problems = []


def check(cond, msg):
    if not cond:
        problems.append(msg)
    return cond


def one_line_error(px, args, must_contain=(), what=None, prefix="ws2fix: error: "):
    what = what or " ".join(args)
    p = px.ws2fix(*args, timeout=120)
    lines = wineenv.stderr_lines(p.stderr)
    check(p.returncode == 2, "%s: exit %d, want 2" % (what, p.returncode))
    if check(len(lines) == 1, "%s: want one line on stderr, got %r" % (what, lines)):
        line = lines[0]
        check(line.startswith(prefix), "%s: stderr line %r" % (what, line))
        for word in must_contain:
            check(word.lower() in line.lower(), "%s: %r does not mention %r" % (what, line, word))
    check(p.stdout == "", "%s: wrote to stdout: %r" % (what, p.stdout[:300]))
    return p


def json_error(px, args, code=None, what=None):
    what = what or " ".join(args)
    p = px.ws2fix(*args, timeout=120)
    check(p.returncode == 2, "%s: exit %d, want 2" % (what, p.returncode))
    try:
        doc = json.loads(p.stdout)
    except ValueError:
        problems.append("%s: stdout is not JSON: %r" % (what, p.stdout[:300]))
        return
    err = doc.get("error") if isinstance(doc, dict) else None
    if check(isinstance(err, dict), "%s: no error object: %r" % (what, doc)):
        check(bool(err.get("message")), "%s: empty error message" % what)
        if code:
            check(err.get("code") == code, "%s: error code %r, want %r" % (what, err.get("code"), code))
    check(wineenv.stderr_lines(p.stderr) == [], "%s: stderr in JSON mode: %r" % (what, p.stderr))


def main():
    exe = wineenv.exe_from_argv()
    with wineenv.Prefix(exe) as px:
        missing = wineenv.unix_to_wine_path(os.path.join(px.dir, "no-such-dir", "missing.reg"))
        one_line_error(px, ["show", "--reg", missing], ["missing.reg"], "missing --reg file")
        json_error(px, ["show", "--reg", missing, "--json"], "ENOTFOUND", "missing --reg file, --json")

        garbage = os.path.join(px.dir, "garbage.reg")
        with open(garbage, "wb") as f:
            f.write(b"this is not a registry export\r\n\x00\x01\x02\xff\xfe garbage\r\n")
        one_line_error(px, ["show", "--reg", wineenv.unix_to_wine_path(garbage)], [],
                       "garbage .reg")
        json_error(px, ["--json", "show", "--reg", wineenv.unix_to_wine_path(garbage)], "ECORRUPT",
                   "garbage .reg, --json")

        empty = os.path.join(px.dir, "empty.reg")
        open(empty, "wb").close()
        one_line_error(px, ["show", "--reg", wineenv.unix_to_wine_path(empty)], [], "empty .reg")

        # A directory where a file is expected.
        one_line_error(px, ["show", "--reg", wineenv.unix_to_wine_path(px.dir)], [],
                       "--reg on a directory")

        # The Windows build has no hivex: --hive is refused plainly.
        hive = os.path.join(px.dir, "SYSTEM")
        with open(hive, "wb") as f:
            f.write(b"regf" + b"\0" * 4092)
        one_line_error(px, ["show", "--hive", wineenv.unix_to_wine_path(hive)], ["hive"],
                       "--hive on the Windows build")
        json_error(px, ["show", "--hive", wineenv.unix_to_wine_path(hive), "--json"], "ENOTBUILT",
                   "--hive on the Windows build, --json")

        # A usage error may add a hint line after the error itself.
        p = px.ws2fix("no-such-command", timeout=120)
        lines = wineenv.stderr_lines(p.stderr)
        check(p.returncode == 2, "unknown command: exit %d, want 2" % p.returncode)
        check(lines[:1] and lines[0].startswith("ws2fix: error: ") and "no-such-command" in lines[0],
              "unknown command: stderr %r" % lines)
        one_line_error(px, ["show", "--controlset", "0"], ["controlset"], "bad --controlset")
        one_line_error(px, ["show", "--reg"], ["--reg"], "--reg without a value")

        # Swedish errors keep the one-line shape.
        one_line_error(px, ["--lang", "sv", "show", "--reg", missing], ["missing.reg"],
                       "missing file, --lang sv", prefix="ws2fix: fel: ")

    if problems:
        for m in problems:
            print("FAIL: " + m)
        sys.exit(1)
    print("PASS")


if __name__ == "__main__":
    main()

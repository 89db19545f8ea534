# SPDX-License-Identifier: MIT
"""`show`, `diagnose` and `repair` (the plan) print the same JSON on every
real input as they did when tests/cli/golden/json-digests.txt was written:
every hive of ../shared/hives, every WinSock2 .reg export and netsh listing
of ../shared/corpus, and the shipped samples.

A guard for refactoring the engine (issue "One repair engine"): the
documents themselves are not stored (they would copy the real data into the
repository), only the SHA-256 of each, canonically serialised, with the
tool version and the input's temporary path taken out.  A change that is
meant to change the output regenerates the list:

    python3 tests/cli/test_json_unchanged.py build/src/ws2fix --update

and says in its commit why the output changed.  Run by CTest as
`python3 test_json_unchanged.py WS2FIX`.
"""
import hashlib
import json
import os
import shutil
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import wstest  # noqa: E402
from wstest import Failure  # noqa: E402

WS2FIX = os.path.abspath(sys.argv[1])
UPDATE = "--update" in sys.argv[2:]
HERE = os.path.dirname(os.path.abspath(__file__))
DIGESTS = os.path.join(HERE, "golden", "json-digests.txt")
SAMPLES = os.path.join(HERE, "..", "..", "samples")


def inputs(tmp):
    """(label, source args) for every real input and sample."""
    shared = wstest.shared_dir()
    out = []
    if os.environ.get("WS2FIX_HAVE_HIVEX") == "1":
        for name, xz, _ in wstest.hives():
            d = os.path.join(tmp, name.replace("/", "_"))
            os.makedirs(d)
            out.append((f"hive:{name}", ["--hive", wstest.unxz(xz, d)]))
    corpus = os.path.join(shared, "corpus")
    for root, _, files in sorted(os.walk(corpus)):
        for f in sorted(files):
            rel = os.path.relpath(os.path.join(root, f), corpus)
            if f.endswith(".reg") and "WinSock2" in f or f == "winsock2.reg":
                out.append((f"reg:{rel}", ["--reg", os.path.join(root, f)]))
            elif rel.startswith("netsh" + os.sep) and f.endswith(".txt") and f[:2].isdigit() and "hjt" not in f:
                out.append((f"netsh:{rel}", ["--netsh", os.path.join(root, f)]))
    for f in sorted(os.listdir(SAMPLES)):
        if f.endswith(".reg"):
            out.append((f"sample:{f}", ["--reg", os.path.join(SAMPLES, f)]))
    return out


def normalise(doc, path):
    """Drop what differs between runs: the version and the input's path."""
    text = json.dumps(doc, sort_keys=True, ensure_ascii=False)
    text = text.replace(json.dumps(path)[1:-1], "<input>")
    doc = json.loads(text)
    doc.pop("version", None)
    return json.dumps(doc, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def digests(tmp):
    got = {}
    for label, src in inputs(tmp):
        for cmd in ("show", "diagnose", "repair"):
            if cmd == "repair" and src[0] == "--netsh":
                continue
            rc, out, err = wstest.run(WS2FIX, cmd, *src, "--json", "--lang", "en")
            if rc not in (0, 1):
                got[f"{cmd} {label}"] = f"exit-{rc}"
                continue
            try:
                doc = json.loads(out)
            except json.JSONDecodeError:
                raise Failure(f"{cmd} {label}: not JSON")
            got[f"{cmd} {label}"] = hashlib.sha256(normalise(doc, src[1]).encode()).hexdigest()
    return got


def test_json_unchanged():
    tmp = wstest.tempdir()
    try:
        got = digests(tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    if len(got) < 40:
        raise Failure(f"only {len(got)} documents: the real data is not all there")
    if UPDATE:
        with open(DIGESTS, "w", encoding="utf-8") as f:
            f.write("# SHA-256 of each normalised --json document; see tests/cli/test_json_unchanged.py\n")
            for k in sorted(got):
                f.write(f"{got[k]}  {k}\n")
        print(f"wrote {len(got)} digests to {DIGESTS}")
        return
    want = {}
    with open(DIGESTS, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            h, k = line.rstrip("\n").split("  ", 1)
            want[k] = h
    if os.environ.get("WS2FIX_HAVE_HIVEX") != "1":
        want = {k: v for k, v in want.items() if not k.split(" ", 1)[1].startswith("hive:")}
    changed = sorted(k for k in want if got.get(k) != want[k])
    new = sorted(set(got) - set(want))
    if changed or new:
        raise Failure(f"JSON output changed for {len(changed)} document(s): {changed[:8]}; new: {new[:5]}. "
                      "If that is intended, regenerate with --update (see this file) and say why in the commit")


if __name__ == "__main__":
    wstest.main([test_json_unchanged])

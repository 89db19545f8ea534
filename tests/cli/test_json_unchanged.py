# SPDX-License-Identifier: MIT
"""`show`, `diagnose` and `repair` (the plan) print the same JSON on every
real input as they did when tests/cli/golden/json-digests.txt was written:
every hive of ../shared/hives, every WinSock2 .reg export and netsh listing
of ../shared/corpus, and the shipped samples; and broken inputs, where most
of the output is (findings, evidence, the plan and what it cannot fix):
every HijackThis log of tests/data/hijackthis and the corpus's own, and
copies of a real export and a real hive damaged here, the same way on every
run (broken_inputs below).

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
import subprocess
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


def _reg_text(path):
    with open(path, "rb") as f:
        data = f.read()
    return data[2:].decode("utf-16-le") if data[:2] == b"\xff\xfe" else data.decode("latin-1")


def _reg_save(path, text):
    with open(path, "wb") as f:
        f.write(b"\xff\xfe" + text.encode("utf-16-le"))


def _drop_sections(text, *suffixes):
    """The export without the sections (and their subkeys) whose key ends
    in one of @p suffixes."""
    blocks = text.split("\r\n\r\n")
    heads = [b.split("\r\n", 1)[0].strip("[]") for b in blocks]
    gone = [h for h in heads if any(h.endswith(x) for x in suffixes)]
    if len(gone) != len(suffixes):
        raise Failure(f"the export lacks a section to drop: {suffixes} found {gone}")
    return "\r\n\r\n".join(b for b, h in zip(blocks, heads)
                                if not any(h == g or h.startswith(g + "\\") for g in gone))


def broken_inputs(tmp):
    """(label, source args) for broken inputs: HijackThis logs (each O10
    line a finding), and damaged copies of the real Tencent export and of
    a real XP hive."""
    shared = wstest.shared_dir()
    out = []
    hjt = os.path.join(HERE, "..", "data", "hijackthis")
    for sub in ("real", "handmade"):
        for f in sorted(os.listdir(os.path.join(hjt, sub))):
            if f.endswith((".log", ".txt")):
                out.append((f"hijackthis:{sub}/{f}", ["--hijackthis", os.path.join(hjt, sub, f)]))
    netsh = os.path.join(shared, "corpus", "netsh")
    for f in sorted(os.listdir(netsh)):
        if "hjt" in f and f.endswith(".txt"):
            out.append((f"hijackthis:corpus/netsh/{f}", ["--hijackthis", os.path.join(netsh, f)]))
    # An export of the wrong key (Services\\Winsock): refused, with the
    # error document saying how to export the right one.
    out.append(("broken-reg:cingchun-bccc/winsock.reg",
                ["--reg", os.path.join(shared, "corpus", "cingchun-bccc", "winsock.reg")]))
    # The real export with the Tencent LSP (healthy), damaged.
    text = _reg_text(os.path.join(shared, "corpus", "cingchun-bccc", "winsock2.reg"))
    pc = "\\Protocol_Catalog9"
    cases = {
        # A counter that disagrees with the entries.
        "count-99": text.replace('"Num_Catalog_Entries"=dword:00000013', '"Num_Catalog_Entries"=dword:00000063', 1),
        # The first base provider gone in both views: a gap, and the
        # layered chains that named it point nowhere.
        "base-gone": _drop_sections(text, pc + "\\Catalog_Entries\\000000000001",
                                    pc + "\\Catalog_Entries64\\000000000001"),
        # The name space catalog's entries gone (the counters stay).
        "namespace-gone": _drop_sections(text, "\\NameSpace_Catalog5\\Catalog_Entries",
                                         "\\NameSpace_Catalog5\\Catalog_Entries64"),
    }
    if cases["count-99"] == text:
        raise Failure("the export's entry counter was not found")
    d = os.path.join(tmp, "broken-reg")
    os.makedirs(d)
    for name, t in cases.items():
        p = os.path.join(d, f"{name}.reg")
        _reg_save(p, t)
        out.append((f"broken-reg:cingchun-bccc/{name}", ["--reg", p]))
    if os.environ.get("WS2FIX_HAVE_HIVEX") == "1":
        xz = os.path.join(shared, "hives", "winevt-kb-xpsp3-x86", "SYSTEM.xz")
        key = "ControlSet001\\Services\\WinSock2\\Parameters\\Protocol_Catalog9"
        scripts = {
            # hivexsh's setval replaces every value of the key: the
            # catalog's serial, next id and 64-bit counter go too.
            "values-lost": f"cd {key}\nsetval 1\nNum_Catalog_Entries\ndword:00000063\ncommit\n",
            "entry-3-gone": f"cd {key}\\Catalog_Entries\\000000000003\ndel\ncommit\n",
        }
        for name, script in scripts.items():
            d = os.path.join(tmp, f"broken-hive-{name}")
            os.makedirs(d)
            hive = wstest.unxz(xz, d, "SYSTEM")
            p = subprocess.run(["hivexsh", "-w", hive], input=script.encode(), capture_output=True, timeout=120)
            if p.returncode != 0:
                raise Failure(f"hivexsh {name}: {p.stderr.decode()[:300]}")
            out.append((f"broken-hive:winevt-kb-xpsp3-x86/{name}", ["--hive", hive]))
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
    for label, src in inputs(tmp) + broken_inputs(tmp):
        for cmd in ("show", "diagnose", "repair"):
            if cmd == "repair" and src[0] == "--netsh":
                continue
            rc, out, err = wstest.run(WS2FIX, cmd, *src, "--json", "--lang", "en")
            try:
                doc = json.loads(out)
            except json.JSONDecodeError:
                if rc not in (0, 1):
                    got[f"{cmd} {label}"] = f"exit-{rc}"
                    continue
                raise Failure(f"{cmd} {label}: not JSON")
            if rc not in (0, 1) and doc.get("error", {}).get("exit_code") != rc:
                raise Failure(f"{cmd} {label}: exit {rc} without its error document: {out[:200]}")
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
        want = {k: v for k, v in want.items() if not k.split(" ", 1)[1].startswith(("hive:", "broken-hive:"))}
    changed = sorted(k for k in want if got.get(k) != want[k])
    new = sorted(set(got) - set(want))
    if changed or new:
        raise Failure(f"JSON output changed for {len(changed)} document(s): {changed[:8]}; new: {new[:5]}. "
                      "If that is intended, regenerate with --update (see this file) and say why in the commit")


if __name__ == "__main__":
    wstest.main([test_json_unchanged])

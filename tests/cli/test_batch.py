# SPDX-License-Identifier: MIT
"""`ws2fix batch`: JSON Lines in input order, one diagnose document per
hive or export, -j threads, and the exit code that sums up the batch."""
import json
import os
import shutil
import sys

sys.path.insert(0, os.path.dirname(__file__))
import wstest  # noqa: E402
from wstest import Failure  # noqa: E402

WS2FIX = sys.argv[1]
SRC = os.environ.get("WS2FIX_SOURCE_DIR", os.path.join(os.path.dirname(__file__), "..", ".."))


def lines_of(out):
    return [json.loads(ln) for ln in out.splitlines() if ln.strip()]


def test_batch_of_real_hives():
    tmp = wstest.tempdir()
    try:
        paths = [wstest.unxz(xz, tmp, name.replace("/", "_")) for name, xz, _ in wstest.hives()]
        lst = os.path.join(tmp, "list.txt")
        with open(lst, "w") as f:
            f.write("# real hives\r\n" + "\r\n".join(paths) + "\r\n\r\n")
        for jobs in ("1", "3"):
            rc, out, err = wstest.run(WS2FIX, "batch", "-j", jobs, lst)
            docs = lines_of(out)
            if rc != 0 or [d["source"]["path"] for d in docs] != paths:
                raise Failure(f"-j {jobs}: exit {rc}, order {[d['source']['path'] for d in docs]}: {err}")
            if any(d["summary"]["errors"] for d in docs):
                raise Failure("false errors in batch")
        # stdin, a broken sample and a missing file.
        broken = os.path.join(SRC, "samples", "winsock2-broken-lsp.reg")
        rc, out, _ = wstest.run(WS2FIX, "batch", stdin=f"{paths[0]}\n{broken}\n".encode())
        docs = lines_of(out)
        if rc != 1 or len(docs) != 2 or docs[1]["summary"]["healthy"]:
            raise Failure(f"broken sample: exit {rc}")
        rc, out, _ = wstest.run(WS2FIX, "batch", "-", stdin=f"{broken}\n{tmp}/missing\n".encode())
        docs = lines_of(out)
        if rc != 2 or "error" not in docs[1] or docs[1]["source"]["path"] != f"{tmp}/missing":
            raise Failure(f"missing file: exit {rc}, {docs[1] if len(docs) > 1 else docs}")
        for bad in (["-j", "0"], ["-j", "x"], ["--bogus"]):
            rc, _, _ = wstest.run(WS2FIX, "batch", *bad, lst)
            if rc != 2:
                raise Failure(f"{bad}: exit {rc}")
        rc, _, err = wstest.run(WS2FIX, "batch", stdin=b"\n# nothing\n")
        if rc != 2 or "empty" not in err:
            raise Failure(f"empty list: exit {rc} {err!r}")
    finally:
        shutil.rmtree(tmp)


wstest.main([test_batch_of_real_hives])

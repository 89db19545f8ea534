#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Runs fuzz_evtx's standalone driver over the real WS2HELP log of the
shared data (corpus/evtx-attack-samples) and copies of it cut, flipped and
appended at many places, written into a build directory: the real log is a
seed too, but is never copied into the repository (its licence is GPL).
Usage: run_real_evtx.py DRIVER OUTDIR"""
import os
import subprocess
import sys

LOG = os.path.join("corpus", "evtx-attack-samples", "Persistence_Winsock_Catalog Change EventId_1.evtx")


def main():
    driver, outdir = sys.argv[1], sys.argv[2]
    shared = os.environ.get("WS2FIX_SHARED_DIR", "")
    required = os.environ.get("WS2FIX_REQUIRE_SHARED") == "1"
    src = os.path.join(shared, LOG)
    if not os.path.exists(src):
        print("shared data missing: " + src, file=sys.stderr)
        return 1 if required else 77
    os.makedirs(outdir, exist_ok=True)
    data = open(src, "rb").read()
    copies = {"real.evtx": data, "appended.evtx": data + bytes(range(256)) * 64}
    for n in range(0, len(data), 997):
        copies[f"cut-{n}.evtx"] = data[:n]
    for off in range(0, len(data), 251):
        x = bytearray(data)
        x[off] ^= 0x5A
        copies[f"flip-{off}.evtx"] = bytes(x)
    paths = []
    for name, body in copies.items():
        p = os.path.join(outdir, name)
        with open(p, "wb") as f:
            f.write(body)
        paths.append(p)
    return subprocess.call([driver] + paths)


if __name__ == "__main__":
    sys.exit(main())

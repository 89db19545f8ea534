#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Write a synthetic .reg export with a protocol catalog of N entries (N/2
in each view) for the web page's timing (tests/web/test_web.js), built with
the samples' own generator (samples/make_samples.py): the Windows 10
TCP/IP providers, one layered provider and chain entries over TCP and UDP.

Usage: make_catalog.py OUT.reg [N]   (default 100)"""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "samples"))
import make_samples as ms  # noqa: E402


def view(per_view):
    entries = ms.base_entries() + [ms.item(ms.LSP, 0x20066, 4, ms.LSP_GUID, 1007, "layered", 2, 16, 16, 1, 6,
                                           "ExampleFilter")]
    n = 0
    while len(entries) < per_view:
        cid = 1008 + n
        tcp = n % 2 == 0
        guid = "5F4A%04X-7C2B-4E59-9A31-0E5A5AC0FFEE" % (0x2000 + n)
        entries.append(ms.item(ms.LSP, 0x20066 if tcp else 0x20609, 8, guid, cid, [1007, 1001 if tcp else 1002],
                               2, 16, 16, 1 if tcp else 2, 6 if tcp else 17,
                               "ExampleFilter %d over [MSAFD Tcpip [%s/IP]]" % (n, "TCP" if tcp else "UDP")))
        n += 1
    return entries


def main():
    out = os.path.abspath(sys.argv[1])
    total = int(sys.argv[2]) if len(sys.argv) > 2 else 100
    ms.HERE = os.path.dirname(out)
    ms.write(os.path.basename(out), view(total // 2), view(total - total // 2))


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Write one release zip reproducibly (called by scripts/release.sh).

Usage: release_zip.py SRC STAGE FOLDER OUT.zip

The zip holds FOLDER/ with the files of STAGE (the exes), README.txt and
LICENSE.txt, and docs/ with every Markdown page of SRC/docs as .txt; text
files get CRLF line endings so that Notepad on Windows XP shows them
right.  Entries are sorted by name; every entry has the time of
SOURCE_DATE_EPOCH (the commit's) and fixed permissions, so the same inputs
always give the same bytes.
"""
import os
import sys
import time
import zipfile


def crlf(data):
    return data.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")


def main():
    if len(sys.argv) != 5:
        print("usage: release_zip.py SRC STAGE FOLDER OUT.zip", file=sys.stderr)
        return 2
    src, stage, folder, out = sys.argv[1:]
    epoch = int(os.environ.get("SOURCE_DATE_EPOCH", "0"))
    # Zip times are local DOS times from 1980 on: use UTC, clamp to 1980.
    stamp = time.gmtime(max(epoch, 315532800))[:6]
    entries = {}
    for name in os.listdir(stage):
        with open(os.path.join(stage, name), "rb") as f:
            entries[f"{folder}/{name}"] = (f.read(), 0o755)
    for name, target in (("README.md", "README.txt"), ("LICENSE", "LICENSE.txt")):
        with open(os.path.join(src, name), "rb") as f:
            entries[f"{folder}/{target}"] = (crlf(f.read()), 0o644)
    docs = os.path.join(src, "docs")
    for root, dirs, files in os.walk(docs):
        dirs.sort()
        for name in sorted(files):
            if not name.endswith(".md"):
                continue
            rel = os.path.relpath(os.path.join(root, name), docs)[:-3] + ".txt"
            with open(os.path.join(root, name), "rb") as f:
                entries[f"{folder}/docs/{rel}"] = (crlf(f.read()), 0o644)
    tmp = out + ".tmp"
    with zipfile.ZipFile(tmp, "w") as z:
        for name in sorted(entries):
            data, mode = entries[name]
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3  # Unix, so that the mode below is kept
            info.external_attr = (0o100000 | mode) << 16
            z.writestr(info, data, compresslevel=9)
    os.replace(tmp, out)
    return 0


if __name__ == "__main__":
    sys.exit(main())

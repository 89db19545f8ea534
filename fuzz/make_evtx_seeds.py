#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Writes the hand-made seeds of fuzz_evtx into fuzz/corpus/evtx/ (run from
the repository root).  The real WS2HELP log of the shared data is a seed
too, but only at test time (run_real_evtx.py; its licence keeps it out of
the repository).

The seeds follow the file and chunk headers of the EVTX format as libevtx's
documentation describes them: "ElfFile\\0", first/last chunk, next record,
header size 128, version 3.1, 4096-byte header block, CRC32 of its first
120 bytes; a chunk "ElfChnk\\0" of 65536 bytes whose header CRC covers bytes
0-120 and 128-512 and whose records CRC covers the records (none here)."""
import os
import struct
import zlib

OUT = os.path.join("fuzz", "corpus", "evtx")


def file_header(chunks, next_record=1, flags=0):
    h = bytearray(4096)
    struct.pack_into("<8sQQQIHHHH", h, 0, b"ElfFile\0", 0, max(chunks - 1, 0), next_record, 128, 1, 3, 4096,
                     chunks)
    struct.pack_into("<I", h, 120, flags)
    struct.pack_into("<I", h, 124, zlib.crc32(bytes(h[:120])))
    return bytes(h)


def empty_chunk():
    c = bytearray(65536)
    struct.pack_into("<8sQQQQIII", c, 0, b"ElfChnk\0", 0, 0, 0, 0, 128, 512, 512)
    struct.pack_into("<I", c, 52, zlib.crc32(b""))            # records CRC: no records
    struct.pack_into("<I", c, 124, zlib.crc32(bytes(c[:120]) + bytes(c[128:512])))
    return bytes(c)


def main():
    os.makedirs(OUT, exist_ok=True)
    seeds = {
        "header-only.evtx": file_header(0),
        "empty-chunk.evtx": file_header(1) + empty_chunk(),
        "dirty-flag.evtx": file_header(1, flags=1) + empty_chunk(),
        "short-header.evtx": file_header(1)[:200],
        # A chunk signature over garbage: libevtx cannot read chunk 0 and
        # leaks its chunk list (cmake/lsan-libevtx.supp).
        "chunk-garbage.evtx": file_header(1) + b"ElfChnk\0" + bytes(range(256)) * 255 + bytes(range(248)),
        "not-evtx.txt": b"this is not an event log\r\n",
        "empty": b"",
    }
    for name, data in seeds.items():
        with open(os.path.join(OUT, name), "wb") as f:
            f.write(data)


if __name__ == "__main__":
    main()

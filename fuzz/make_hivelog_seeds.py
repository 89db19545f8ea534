#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Writes the hand-made seed logs of fuzz/corpus/hivelog/ (run from the
repository root: python3 fuzz/make_hivelog_seeds.py).  Each seed is a
transaction log the fuzz harness replays against a hive it builds from the
log's base block; odd-length seeds get their hashes recomputed by the
harness (see fuzz_hivelog.c).  Marvin32 is written out here from its
description so the valid seeds carry real hashes."""
import os
import struct

SEED = 0x82EF4D887A4E55C5
M32 = 0xFFFFFFFF


def rotl(x, n):
    return ((x << n) | (x >> (32 - n))) & M32


def marvin32(data, seed=SEED):
    lo, hi = seed & M32, seed >> 32

    def block(lo, hi):
        hi ^= lo
        lo = (rotl(lo, 20) + hi) & M32
        hi = rotl(hi, 9) ^ lo
        lo = (rotl(lo, 27) + hi) & M32
        hi = rotl(hi, 19)
        return lo, hi

    i = 0
    while len(data) - i >= 4:
        lo = (lo + struct.unpack_from('<I', data, i)[0]) & M32
        lo, hi = block(lo, hi)
        i += 4
    tail = data[i:]
    last = (0x80 << (8 * len(tail))) | int.from_bytes(tail, 'little')
    lo = (lo + last) & M32
    lo, hi = block(lo, hi)
    lo, hi = block(lo, hi)
    return (hi << 32) | lo


def checksum(b):
    c = 0
    for i in range(0, 508, 4):
        c ^= struct.unpack_from('<I', b, i)[0]
    return 1 if c == 0 else (0xFFFFFFFE if c == M32 else c)


def base_block(seq, ftype, hbins=8192):
    b = bytearray(512)
    b[0:4] = b'regf'
    struct.pack_into('<IIQIIIIIII', b, 4, seq, seq, 0x01D0000000000001, 1, 5, ftype, 1, 0x20, hbins, 1)
    b[48:58] = 'SEEDS'.encode('utf-16le')
    struct.pack_into('<I', b, 508, checksum(b))
    return b


def entry(seq, pages, hbins=8192, flags=1):
    refs = b''.join(struct.pack('<II', off, len(data)) for off, data in pages)
    body = refs + b''.join(data for _, data in pages)
    size = (40 + len(body) + 511) // 512 * 512
    e = bytearray(size)
    e[0:4] = b'HvLE'
    struct.pack_into('<IIIII', e, 4, size, flags, seq, hbins, len(pages))
    e[40:40 + len(body)] = body
    struct.pack_into('<Q', e, 24, marvin32(bytes(e[40:])))
    struct.pack_into('<Q', e, 32, marvin32(bytes(e[:32])))
    return bytes(e)


def hbin_page(off, fill):
    p = bytearray(fill * 4096)
    p[0:4] = b'hbin'
    struct.pack_into('<II', p, 4, off, 4096)
    struct.pack_into('<i', p, 32, 4096 - 32)
    return bytes(p)


def main():
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'corpus', 'hivelog')
    os.makedirs(out, exist_ok=True)
    seeds = {}
    two = bytes(base_block(100, 6)) + entry(100, [(512, b'a' * 512)]) + entry(101, [(0, hbin_page(0, b'b'))])
    seeds['new-two-entries.log'] = two
    seeds['new-two-entries-fixup.log'] = two + b'\x01'
    seeds['new-grows.log'] = bytes(base_block(7, 6)) + entry(7, [(8192, hbin_page(8192, b'g'))], hbins=12288) + b'\x00'
    seeds['new-gap.log'] = bytes(base_block(5, 6)) + entry(5, [(0, b'x' * 512)]) + entry(7, [(512, b'y' * 512)])
    seeds['new-outside.log'] = bytes(base_block(5, 6)) + entry(5, [(8192, b'z' * 512)])
    seeds['new-many-pages.log'] = bytes(base_block(9, 6)) + entry(
        9, [(i * 512, bytes([65 + i]) * 512) for i in range(16)]) + b'\x00'
    seeds['new-remnant.log'] = two + entry(50, [(0, b'r' * 512)])
    bad = bytearray(two)
    bad[600] ^= 1
    seeds['new-bad-hash.log'] = bytes(bad)
    # Old format: base block (type 1), DIRT vector, two 512-byte pages.
    old = bytearray(base_block(3, 1))
    vec = bytearray(b'DIRT' + bytes(8192 // 4096))
    vec[4] = 0x06  # pages 1 and 2 of the first bin
    old += vec + bytes((512 - len(vec) % 512) % 512)
    old += b'p' * 512 + b'q' * 512
    seeds['old-two-pages.log'] = bytes(old)
    seeds['old-two-pages-type2.log'] = bytes(base_block(3, 2)) + bytes(old[512:])
    for name, data in sorted(seeds.items()):
        with open(os.path.join(out, name), 'wb') as f:
            f.write(data)


if __name__ == '__main__':
    main()

#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Runs a fuzz target's standalone driver over the real transaction logs
of the shared data (regipy SYSTEM_B.LOG1/.LOG2), decompressed into a build
directory: the real logs are seeds too, but are never copied into the
repository.  Usage: run_real_logs.py DRIVER OUTDIR"""
import lzma
import os
import subprocess
import sys


def main():
    driver, outdir = sys.argv[1], sys.argv[2]
    shared = os.environ.get('WS2FIX_SHARED_DIR', '')
    required = os.environ.get('WS2FIX_REQUIRE_SHARED') == '1'
    src = os.path.join(shared, 'hives', 'regipy')
    names = ['SYSTEM_B.LOG1', 'SYSTEM_B.LOG2']
    if not all(os.path.exists(os.path.join(src, n + '.xz')) for n in names):
        print('shared data missing: ' + src, file=sys.stderr)
        return 1 if required else 77
    os.makedirs(outdir, exist_ok=True)
    paths = []
    for n in names:
        p = os.path.join(outdir, n)
        with lzma.open(os.path.join(src, n + '.xz')) as f, open(p, 'wb') as o:
            o.write(f.read())
        paths.append(p)
    return subprocess.call([driver] + paths)


if __name__ == '__main__':
    sys.exit(main())

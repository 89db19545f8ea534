#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Windows release: builds ws2fix.exe and ws2fix-gui.exe for x64 and x86
# from the committed tree (HEAD, exported with git archive: what is not
# committed is not released), optionally signs them, and writes to OUTDIR:
#   ws2fix-VERSION-win64.zip, ws2fix-VERSION-win32.zip, SHA256SUMS
# Each zip holds one folder ws2fix-VERSION-winNN/ with ws2fix.exe,
# ws2fix-gui.exe, README.txt, LICENSE.txt and the docs as text (CRLF).
#
# Reproducible: two runs from the same commit, in any directories, give
# byte-identical zips.  SOURCE_DATE_EPOCH is the commit's time; the PE
# headers carry no time stamp (--no-insert-timestamp); build paths are
# mapped away (-ffile-prefix-map); zip entries are sorted, with fixed times
# and modes.  docs/release.md explains each step and how to check a release.
#
# Usage: scripts/release.sh [--sign KEY CERT] OUTDIR
#   --sign KEY CERT  Authenticode-sign every exe with osslsigncode (KEY and
#                    CERT in PEM; CERT may hold the chain), then verify it.
#                    WS2FIX_SIGN_TSURL: an RFC 3161 time-stamp server to add
#                    (none by default: no network here).  Signing with the
#                    same key twice gives the same bytes (-time is the
#                    commit's time), so signed releases are reproducible too.
set -euo pipefail

usage() { echo "usage: $0 [--sign KEY CERT] OUTDIR" >&2; exit 2; }
die() { echo "release.sh: $*" >&2; exit 1; }

KEY="" CERT=""
while [ $# -gt 0 ]; do
  case $1 in
    --sign) [ $# -ge 3 ] || usage; KEY=$(realpath "$2"); CERT=$(realpath "$3"); shift 3 ;;
    -h|--help) usage ;;
    -*) usage ;;
    *) break ;;
  esac
done
[ $# -eq 1 ] || usage
OUT=$1
SRC=$(cd "$(dirname "$0")/.." && pwd)
if [ -n "$KEY" ]; then
  [ -r "$KEY" ] || die "cannot read the key $KEY"
  [ -r "$CERT" ] || die "cannot read the certificate $CERT"
  command -v osslsigncode >/dev/null || die "osslsigncode is not installed (apt-get install osslsigncode)"
fi
for t in git cmake x86_64-w64-mingw32-gcc i686-w64-mingw32-gcc /usr/bin/python3; do
  command -v "$t" >/dev/null || die "$t is not installed (scripts/deps.sh installs what is needed)"
done
git -C "$SRC" rev-parse --verify -q HEAD >/dev/null || die "$SRC is not a git checkout with a commit"

mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
COMMIT=$(git -C "$SRC" rev-parse HEAD)
export SOURCE_DATE_EPOCH
SOURCE_DATE_EPOCH=$(git -C "$SRC" log -1 --format=%ct HEAD)
DESCRIBE=$(git -C "$SRC" describe --tags --always --match 'v[0-9]*' HEAD)
VERSION=$(git -C "$SRC" show HEAD:CMakeLists.txt | sed -n 's/^project(ws2fix VERSION \([0-9.]*\).*/\1/p')
[ -n "$VERSION" ] || die "cannot read the version from CMakeLists.txt"
if [ -n "$(git -C "$SRC" status --porcelain --untracked-files=no)" ]; then
  echo "release.sh: note: uncommitted changes are not part of the release (building $COMMIT)" >&2
fi

WORK=$(mktemp -d "${TMPDIR:-/tmp}/ws2fix-release.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$WORK/src"
git -C "$SRC" archive --format=tar HEAD | tar -x -C "$WORK/src"
JOBS=$(nproc 2>/dev/null || echo 2)

build() { # arch toolchain
  local arch=$1 toolchain=$2 b="$WORK/build-$1"
  # Paths of this run's temporary folders never reach the binaries.
  local map="-ffile-prefix-map=$WORK/src=ws2fix -ffile-prefix-map=$b=build"
  cmake -S "$WORK/src" -B "$b" -DCMAKE_TOOLCHAIN_FILE="$WORK/src/cmake/$toolchain" \
        -DCMAKE_BUILD_TYPE=Release -DWS2FIX_WERROR=ON -DWS2FIX_TESTS=OFF \
        -DWS2FIX_GIT_DESCRIBE="$DESCRIBE" \
        -DCMAKE_C_FLAGS="$map" \
        -DCMAKE_EXE_LINKER_FLAGS="-Wl,--no-insert-timestamp -s" >/dev/null
  cmake --build "$b" -j"$JOBS" --target ws2fix ws2fix-gui >/dev/null
  mkdir -p "$WORK/stage-$arch"
  cp "$b/src/ws2fix.exe" "$b/src/ws2fix-gui.exe" "$WORK/stage-$arch/"
}

sign() { # exe
  local exe=$1 ts=()
  [ -n "${WS2FIX_SIGN_TSURL:-}" ] && ts=(-ts "$WS2FIX_SIGN_TSURL")
  osslsigncode sign -certs "$CERT" -key "$KEY" -h sha256 -n "ws2fix" \
    -time "$SOURCE_DATE_EPOCH" "${ts[@]}" -in "$exe" -out "$exe.signed" >/dev/null
  mv "$exe.signed" "$exe"
  # A self-signed (test) certificate is its own CA; a real one chains to
  # the system's CAs.
  local ca=/etc/ssl/certs/ca-certificates.crt
  if [ "$(openssl x509 -in "$CERT" -noout -subject_hash)" = "$(openssl x509 -in "$CERT" -noout -issuer_hash)" ]; then
    ca=$CERT
  fi
  osslsigncode verify -CAfile "$ca" -in "$exe" >"$WORK/verify.log" 2>&1 ||
    { cat "$WORK/verify.log" >&2; die "signature of $(basename "$exe") does not verify"; }
}

for arch in win64 win32; do
  case $arch in
    win64) build win64 mingw-w64-x86_64.cmake ;;
    win32) build win32 mingw-w64-i686.cmake ;;
  esac
  if [ -n "$KEY" ]; then
    for exe in "$WORK/stage-$arch"/*.exe; do sign "$exe"; done
  fi
  /usr/bin/python3 "$WORK/src/scripts/release_zip.py" "$WORK/src" "$WORK/stage-$arch" \
    "ws2fix-$VERSION-$arch" "$OUT/ws2fix-$VERSION-$arch.zip"
done

(cd "$OUT" && sha256sum "ws2fix-$VERSION-win64.zip" "ws2fix-$VERSION-win32.zip" > SHA256SUMS)
echo "ws2fix $VERSION ($DESCRIBE, commit $COMMIT)"
echo "written to $OUT:"
(cd "$OUT" && cat SHA256SUMS)
[ -n "$KEY" ] && echo "every exe signed and verified with $(basename "$CERT")"
exit 0

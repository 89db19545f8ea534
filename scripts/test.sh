#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The whole test suite: native build (warnings as errors) and its tests,
# the same tests under AddressSanitizer + UndefinedBehaviorSanitizer, the
# Windows x64 build tested under Wine, the i686 build (compile only), and
# the Windows release (scripts/release.sh run twice and signed once: zips
# byte-identical, resources, imports, signatures).
# Usage: scripts/test.sh [native|sanitize|windows|win32|release|all]   (default: all)
set -euo pipefail
cd "$(dirname "$0")/.."
SRC=$PWD
JOBS=$(nproc 2>/dev/null || echo 2)
what=${1:-all}
export CTEST_OUTPUT_ON_FAILURE=1
# Tests that need the real data in ../shared fail (not skip) when it is
# missing under CI.
REQUIRE_SHARED=OFF
[ "${CI:-}" = "true" ] && REQUIRE_SHARED=ON

native() {
  cmake -S "$SRC" -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo -DWS2FIX_WERROR=ON \
        -DWS2FIX_REQUIRE_SHARED=$REQUIRE_SHARED >/dev/null
  cmake --build build -j"$JOBS"
  (cd build && ctest -j"$JOBS")
}

sanitize() {
  CC=clang cmake -S "$SRC" -B build-asan -DCMAKE_BUILD_TYPE=Debug -DWS2FIX_WERROR=ON \
        -DWS2FIX_SANITIZE=ON -DWS2FIX_REQUIRE_SHARED=$REQUIRE_SHARED >/dev/null
  cmake --build build-asan -j"$JOBS"
  (cd build-asan && ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 ctest -j"$JOBS")
}

windows() {
  [ -x build/src/ws2fix ] || native
  cmake -S "$SRC" -B build-win64 -DCMAKE_TOOLCHAIN_FILE="$SRC/cmake/mingw-w64-x86_64.cmake" \
        -DCMAKE_BUILD_TYPE=RelWithDebInfo -DWS2FIX_WERROR=ON -DWS2FIX_REQUIRE_SHARED=$REQUIRE_SHARED \
        -DWS2FIX_NATIVE_BIN="$SRC/build/src/ws2fix" >/dev/null
  cmake --build build-win64 -j"$JOBS"
  (cd build-win64 && ctest)
}

win32() {
  cmake -S "$SRC" -B build-win32 -DCMAKE_TOOLCHAIN_FILE="$SRC/cmake/mingw-w64-i686.cmake" \
        -DCMAKE_BUILD_TYPE=RelWithDebInfo -DWS2FIX_WERROR=ON -DWS2FIX_TESTS=OFF >/dev/null
  cmake --build build-win32 -j"$JOBS"
}

release() {
  # Needs a git checkout: a release is built from the committed tree.
  /usr/bin/python3 "$SRC/tests/release/test_release.py"
}

case "$what" in
  native) native ;;
  sanitize) sanitize ;;
  windows) windows ;;
  win32) win32 ;;
  release) release ;;
  all) native; sanitize; windows; win32; release ;;
  *) echo "usage: $0 [native|sanitize|windows|win32|release|all]" >&2; exit 2 ;;
esac

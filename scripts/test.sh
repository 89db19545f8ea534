#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The whole test suite: native build (warnings as errors) and its tests,
# the same tests under AddressSanitizer + UndefinedBehaviorSanitizer, the
# Windows x64 build tested under Wine, the i686 build (compile only), and
# the Windows release (scripts/release.sh run twice and signed once: zips
# byte-identical, resources, imports, signatures), then every libFuzzer
# target for a bounded time (FUZZ_SECONDS, default 60 each; fuzz/README.md
# says how to run them for hours), then the web page built with emscripten
# and tested in headless chromium against the native CLI (docs/web.md).
# Then the mutation check (scripts/mutate.py): planted bugs the tests must
# catch.
# Usage: scripts/test.sh [native|mutation|sanitize|windows|win32|release|fuzz|web|all]   (default: all)
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
  (cd build && ctest -j"$JOBS" -LE mutation)
}

# The mutation check (docs/internals/TESTING.md): planted bugs in the
# checks that decide a verdict or a write, each caught by some test; a
# private copy of the tree is built in build/mutate.  About 8 minutes.
mutation() {
  [ -f build/CMakeCache.txt ] || native
  cmake --build build -j"$JOBS" --target ws2fix
  (cd build && WS2FIX_MUTATION=1 ctest -L mutation --output-on-failure)
}

sanitize() {
  CC=clang cmake -S "$SRC" -B build-asan -DCMAKE_BUILD_TYPE=Debug -DWS2FIX_WERROR=ON \
        -DWS2FIX_SANITIZE=ON -DWS2FIX_REQUIRE_SHARED=$REQUIRE_SHARED >/dev/null
  cmake --build build-asan -j"$JOBS"
  (cd build-asan && ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 \
    LSAN_OPTIONS=suppressions="$SRC/cmake/lsan-libevtx.supp":print_suppressions=0 ctest -j"$JOBS" -LE mutation)
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

# Each libFuzzer target for FUZZ_SECONDS on a scratch copy of its seed
# corpus (new inputs never land in the repository).  A crash stops the run
# with the input saved under build-fuzz/artifacts/: add it to
# fuzz/corpus/<target>/ so the CTest corpus run keeps it as a regression.
fuzz() {
  local secs=${FUZZ_SECONDS:-60}
  CC=clang cmake -S "$SRC" -B build-fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo -DWS2FIX_WERROR=ON \
        -DWS2FIX_FUZZ=ON -DWS2FIX_TESTS=ON >/dev/null
  cmake --build build-fuzz -j"$JOBS" --target $(cd fuzz && ls fuzz_*.c | sed 's/\.c$//')
  mkdir -p build-fuzz/artifacts
  local t name scratch maxlen log
  for t in fuzz/fuzz_*.c; do
    name=$(basename "$t" .c)
    name=${name#fuzz_}
    scratch=build-fuzz/corpus-run/$name
    rm -rf "$scratch" && mkdir -p "$scratch"
    cp fuzz/corpus/"$name"/* "$scratch"/ 2>/dev/null || true
    if [ "$name" = hivelog ] && [ -d "$SRC/../shared/hives/regipy" ]; then
      # The real logs' base blocks and first entries as seeds (the whole
      # logs run in the CTest corpus run).
      for l in LOG1 LOG2; do
        xz -dc "$SRC/../shared/hives/regipy/SYSTEM_B.$l.xz" | head -c 65536 > "$scratch/real-SYSTEM_B.$l" || true
      done
    fi
    maxlen=65536
    if [ "$name" = evtx ]; then
      # A .evtx is a 4 KiB header and 64 KiB chunks: one whole chunk needs
      # more than the others' 64 KiB.  The real WS2HELP log is a seed here
      # (never in the repository: its licence is GPL).
      maxlen=139264
      log="$SRC/../shared/corpus/evtx-attack-samples/Persistence_Winsock_Catalog Change EventId_1.evtx"
      [ -f "$log" ] && cp "$log" "$scratch/real-ws2help.evtx"
    fi
    echo "fuzz_$name: $secs s"
    ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
      LSAN_OPTIONS=suppressions="$SRC/cmake/lsan-libevtx.supp":print_suppressions=0 \
      build-fuzz/fuzz/fuzz_"$name" -max_total_time="$secs" -max_len="$maxlen" -print_final_stats=1 \
        -artifact_prefix=build-fuzz/artifacts/"$name"- "$scratch" 2>&1 | tail -n 12 || {
      echo "fuzz_$name found a crash: see build-fuzz/artifacts/; copy the input to fuzz/corpus/$name/" >&2
      exit 1
    }
  done
}

# The web page (docs/web.md): the library compiled to WebAssembly, then
# driven in headless chromium (tests/web/test_web.js) and compared with the
# native CLI on the samples and the real data.  Screenshots and timings
# land in build-web/artifacts/.
web() {
  if [ -f build/CMakeCache.txt ]; then
    cmake --build build -j"$JOBS" --target ws2fix
  else
    native
  fi
  bash scripts/build-web.sh build-web/site
  (cd tests/web && npm ci --no-audit --no-fund --loglevel=error)
  # 77: skipped, shown as such (under CI=true the test fails instead).
  local rc=0
  node tests/web/test_web.js --site build-web/site --ws2fix build/src/ws2fix --artifacts build-web/artifacts || rc=$?
  if [ "$rc" -eq 77 ]; then
    echo "web: SKIPPED (see above)"
  elif [ "$rc" -ne 0 ]; then
    return "$rc"
  fi
}

case "$what" in
  native) native ;;
  mutation) mutation ;;
  sanitize) sanitize ;;
  windows) windows ;;
  win32) win32 ;;
  release) release ;;
  fuzz) fuzz ;;
  web) web ;;
  all) native; mutation; sanitize; windows; win32; release; fuzz; web ;;
  *) echo "usage: $0 [native|mutation|sanitize|windows|win32|release|fuzz|web|all]" >&2; exit 2 ;;
esac

#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Reading the Winsock2 catalog of real SYSTEM hives: ws2fix (show --json,
# and the whole diagnose) against reglookup, an independent hive reader,
# listing the same WinSock2 key, measured in the same run on the same files.
# Prints the time per hive of each and the ratio ws2fix / reglookup.
# Usage: bench/read_catalog.sh [path/to/ws2fix] [runs]   (default build/src/ws2fix, 20)
set -euo pipefail
cd "$(dirname "$0")/.."
WS2FIX=${1:-build/src/ws2fix}
RUNS=${2:-20}
SHARED=${WS2FIX_SHARED_DIR:-../shared}
command -v reglookup >/dev/null || { echo "reglookup is not installed (scripts/deps.sh)"; exit 2; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for xz in "$SHARED"/hives/*/*.xz; do
  case "$xz" in *.LOG*) continue ;; esac
  xz -dc "$xz" > "$tmp/$(basename "$(dirname "$xz")")_$(basename "${xz%.xz}")"
done

seconds() { # command... -> seconds for RUNS runs
  local start end
  start=$(date +%s.%N)
  for _ in $(seq "$RUNS"); do "$@" >/dev/null 2>&1 || true; done
  end=$(date +%s.%N)
  echo "$end - $start" | bc -l
}

printf '%-48s %12s %12s %12s %8s %8s\n' hive "reglookup" "ws2fix show" "ws2fix diag" "show/rl" "diag/rl"
for h in "$tmp"/*; do
  rl=$(seconds reglookup -H -p /ControlSet001/Services/WinSock2 "$h")
  sh=$(seconds "$WS2FIX" show --hive "$h" --json)
  dg=$(seconds "$WS2FIX" diagnose --hive "$h" --json)
  printf '%-48s %10.2fms %10.2fms %10.2fms %8.2f %8.2f\n' "$(basename "$h")" \
    "$(echo "$rl * 1000 / $RUNS" | bc -l)" "$(echo "$sh * 1000 / $RUNS" | bc -l)" \
    "$(echo "$dg * 1000 / $RUNS" | bc -l)" "$(echo "$sh / $rl" | bc -l)" "$(echo "$dg / $rl" | bc -l)"
done

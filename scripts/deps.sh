#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Installs the Debian packages ws2fix needs to build and test (run as root,
# or with sudo).  Debian 12 (bookworm) package names.
set -euo pipefail
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends \
  build-essential cmake pkg-config python3 xz-utils bc \
  libhivex-dev libhivex-bin libcmocka-dev \
  reglookup libregf-utils strace \
  clang libclang-rt-14-dev \
  gcc-mingw-w64-x86-64 gcc-mingw-w64-i686 wine wine64 >/dev/null
# The GUI test draws the wizard under Xvfb and takes a screenshot; with their
# recommended packages (fonts, xauth).
$SUDO apt-get install -y -qq xvfb imagemagick >/dev/null

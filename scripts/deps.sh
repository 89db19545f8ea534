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
  build-essential cmake pkg-config python3 python3-yaml python3-jsonschema xz-utils bc \
  libhivex-dev libhivex-bin libcmocka-dev \
  libevtx-dev libbfio-dev libevtx-utils graphviz \
  reglookup libregf-utils strace \
  clang libclang-rt-14-dev \
  gcc-mingw-w64-x86-64 gcc-mingw-w64-i686 wine wine64 >/dev/null
# The GUI test draws the wizard under Xvfb, clicks it with xdotool, reads
# it from screenshots with tesseract (English and Swedish); with their
# recommended packages (fonts, xauth).
$SUDO apt-get install -y -qq xvfb imagemagick xdotool \
  tesseract-ocr tesseract-ocr-eng tesseract-ocr-swe >/dev/null
# Packaging and release: man pages rendered (man-db, groff), bash
# completion tested with its helpers, the .deb checked (lintian,
# dpkg-dev for dpkg-shlibdeps), Windows exes signed and verified
# (osslsigncode, openssl) and inspected (python3-pefile), zips.
$SUDO apt-get install -y -qq --no-install-recommends \
  man-db groff-base bash-completion lintian dpkg-dev file \
  osslsigncode openssl python3-pefile zip unzip >/dev/null
# The web page (docs/web.md): Debian's emscripten builds it, Debian's
# chromium runs its tests, driven from Node with puppeteer-core and
# axe-core installed by npm into tests/web/ (npm ci).  npm comes with
# nodesource's nodejs where that is installed; Debian's is a package.
web_pkgs="emscripten chromium fonts-dejavu-core"
command -v npm >/dev/null || web_pkgs="$web_pkgs npm"
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $web_pkgs >/dev/null

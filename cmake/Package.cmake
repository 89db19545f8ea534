# SPDX-License-Identifier: MIT
# `cpack -G DEB` in the build directory: ws2fix_VERSION_ARCH.deb.
# Dependencies are computed by dpkg-shlibdeps from what the binary links
# (libhivex0, libc6), never written by hand.  The Debian files that policy
# asks for (copyright, changelog) come from packaging/debian/, and
# cmake/DebStaging.cmake compresses the man pages and the changelog in the
# staging tree, as dh_compress would.  docs/install.md shows the whole
# release and packaging flow.
set(CPACK_PACKAGE_NAME ws2fix)
set(CPACK_PACKAGE_VENDOR "The ws2fix authors")
set(CPACK_PACKAGE_CONTACT "The ws2fix authors <ws2fix@users.noreply.github.com>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "find and repair Winsock2 catalog corruption offline")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_RESOURCE_FILE_LICENSE ${PROJECT_SOURCE_DIR}/LICENSE)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION admin)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
# CPack puts the summary first and indents these lines itself.  It also
# writes the value into CPackConfig.cmake between quotes, where one
# backslash would start an escape ("Invalid escape sequence \S" from
# cpack): each backslash of the text is doubled twice here.
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION "ws2fix diagnoses and repairs the Winsock2 catalog of a Windows system
(HKLM\\\\SYSTEM\\\\CurrentControlSet\\\\Services\\\\WinSock2): protocol chains
left behind by a removed Layered Service Provider, missing or malformed
entries, missing provider DLLs, the name space catalog and the
transports.  This package reads an offline SYSTEM hive (from a mounted
Windows disk or an image), a .reg export or pasted netsh text, shows the
findings with stable codes and JSON, and repairs offline hives with a
backup first.")
set(CPACK_PRE_BUILD_SCRIPTS ${PROJECT_SOURCE_DIR}/cmake/DebStaging.cmake)
# For DebStaging.cmake: where the Debian files are and what to fill in.
set(CPACK_WS2FIX_SOURCE_DIR ${PROJECT_SOURCE_DIR})
set(CPACK_WS2FIX_DOCDIR share/doc/ws2fix)
set(CPACK_GENERATOR DEB)
include(CPack)

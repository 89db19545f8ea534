# SPDX-License-Identifier: MIT
# hivex is the offline hive library (Debian libhivex-dev).  It is not
# available for the Windows build; there the hive backend answers
# WS2FIX_ENOTBUILT and --help says so.
#
# Elsewhere a missing hivex stops the configuration: a build (and its tests)
# without the hive backend must be asked for, -DWS2FIX_HIVES=OFF (the web
# build does), never fallen into silently.
option(WS2FIX_HIVES "Build the offline hive backend (needs hivex; not on Windows)" ON)
set(WS2FIX_HAVE_HIVEX OFF)
if(NOT WIN32 AND WS2FIX_HIVES)
  find_package(PkgConfig QUIET)
  if(PkgConfig_FOUND)
    pkg_check_modules(HIVEX QUIET IMPORTED_TARGET hivex)
  endif()
  if(HIVEX_FOUND)
    set(WS2FIX_HAVE_HIVEX ON)
  else()
    message(FATAL_ERROR "hivex not found (apt-get install libhivex-dev): install it, or configure "
                        "with -DWS2FIX_HIVES=OFF to build without the hive backend")
  endif()
endif()

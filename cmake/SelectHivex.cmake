# SPDX-License-Identifier: MIT
# hivex is the offline hive library (Debian libhivex-dev).  It is not
# available for the Windows build; there the hive backend answers
# WS2FIX_ENOTBUILT and --help says so.
set(WS2FIX_HAVE_HIVEX OFF)
if(NOT WIN32)
  find_package(PkgConfig QUIET)
  if(PkgConfig_FOUND)
    pkg_check_modules(HIVEX QUIET IMPORTED_TARGET hivex)
  endif()
  if(HIVEX_FOUND)
    set(WS2FIX_HAVE_HIVEX ON)
  else()
    message(WARNING "hivex not found (apt-get install libhivex-dev): building without the hive backend")
  endif()
endif()

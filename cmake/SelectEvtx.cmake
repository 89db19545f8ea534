# SPDX-License-Identifier: MIT
# libevtx reads an offline Windows event log (.evtx; Debian libevtx-dev):
# the WS2HELP log of a Windows folder (--windows-root) or one named with
# --events.  ON by default where it exists (Linux); a build without it is
# configured with -DWS2FIX_EVTX=OFF (Windows, the web page, a system
# without libevtx), and there the reader answers WS2FIX_ENOTBUILT and the
# tests that need it skip visibly (and fail under CI on Linux).
set(WS2FIX_EVTX_DEFAULT OFF)
if(NOT WIN32 AND NOT EMSCRIPTEN)
  find_package(PkgConfig QUIET)
  if(PkgConfig_FOUND)
    pkg_check_modules(LIBEVTX QUIET IMPORTED_TARGET libevtx)
  endif()
  if(LIBEVTX_FOUND)
    set(WS2FIX_EVTX_DEFAULT ON)
  endif()
endif()
option(WS2FIX_EVTX "Read offline .evtx event logs through libevtx (Linux build)" ${WS2FIX_EVTX_DEFAULT})
set(WS2FIX_HAVE_EVTX OFF)
if(WS2FIX_EVTX)
  if(NOT LIBEVTX_FOUND)
    message(FATAL_ERROR "WS2FIX_EVTX=ON but libevtx was not found (apt-get install libevtx-dev), "
                        "or configure with -DWS2FIX_EVTX=OFF")
  endif()
  set(WS2FIX_HAVE_EVTX ON)
else()
  message(STATUS "ws2fix: built without libevtx: offline .evtx event logs are not read")
endif()

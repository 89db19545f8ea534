# SPDX-License-Identifier: MIT
# Man pages, generated at build time from docs/cli/*.md by
# scripts/md2man.py: ws2fix.1 from docs/cli/ws2fix.md and ws2fix-CMD.1
# from every other page that starts with a "Command:" line.  The Markdown
# stays the single source; nothing is copied by hand.
find_package(Python3 COMPONENTS Interpreter REQUIRED)
# Where the docs the pages cite are installed: the package's path.
set(WS2FIX_INSTALLED_DOCDIR /usr/share/doc/ws2fix CACHE STRING
  "the installed docs' directory the man pages and installed docs name")
file(GLOB WS2FIX_CLI_DOCS CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/docs/cli/*.md)
set(WS2FIX_MAN_PAGES)
foreach(md ${WS2FIX_CLI_DOCS})
  file(STRINGS ${md} first LIMIT_COUNT 1)
  if(NOT first MATCHES "^Command: (.+)$")
    continue()
  endif()
  set(cmd ${CMAKE_MATCH_1})
  if(cmd STREQUAL "ws2fix")
    set(page ws2fix)
  else()
    set(page ws2fix-${cmd})
  endif()
  set(out ${PROJECT_BINARY_DIR}/man/${page}.1)
  add_custom_command(OUTPUT ${out}
    COMMAND ${CMAKE_COMMAND} -E make_directory ${PROJECT_BINARY_DIR}/man
    COMMAND ${Python3_EXECUTABLE} ${PROJECT_SOURCE_DIR}/scripts/md2man.py ${md} ${out} ${PROJECT_VERSION}
            ${WS2FIX_INSTALLED_DOCDIR}
    DEPENDS ${md} ${PROJECT_SOURCE_DIR}/scripts/md2man.py ${PROJECT_SOURCE_DIR}/scripts/installed_paths.py
    VERBATIM)
  list(APPEND WS2FIX_MAN_PAGES ${out})
endforeach()
add_custom_target(ws2fix_man ALL DEPENDS ${WS2FIX_MAN_PAGES})

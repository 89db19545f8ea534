# SPDX-License-Identifier: MIT
# `cmake --install build --prefix P` (Linux and other POSIX builds):
#   P/bin/ws2fix
#   P/share/man/man1/ws2fix.1, ws2fix-<command>.1
#   P/share/bash-completion/completions/ws2fix
#   P/share/doc/ws2fix/ (README.md, LICENSE, docs/, samples/)
# libws2fix and its headers are not installed: docs/install.md says why.
# Windows builds are shipped as zips by scripts/release.sh instead.
include(GNUInstallDirs)
set(CMAKE_INSTALL_DEFAULT_DIRECTORY_PERMISSIONS
    OWNER_READ OWNER_WRITE OWNER_EXECUTE GROUP_READ GROUP_EXECUTE WORLD_READ WORLD_EXECUTE)

install(TARGETS ws2fix RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(FILES ${WS2FIX_MAN_PAGES} DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
install(FILES ${PROJECT_SOURCE_DIR}/completion/ws2fix.bash
        DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions RENAME ws2fix)
# README.md and docs/ as the installed user reads them: installed paths,
# no passages for people with a checkout (scripts/installed-docs.py, which
# fails the build when an installed text would name a source file).
file(GLOB_RECURSE WS2FIX_DOC_SOURCES CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/docs/*)
set(WS2FIX_INSTALLED_DOCS ${PROJECT_BINARY_DIR}/installed-docs)
add_custom_command(OUTPUT ${WS2FIX_INSTALLED_DOCS}/README.md
  COMMAND ${Python3_EXECUTABLE} ${PROJECT_SOURCE_DIR}/scripts/installed-docs.py
          ${PROJECT_SOURCE_DIR} ${WS2FIX_INSTALLED_DOCS} ${WS2FIX_INSTALLED_DOCDIR}
  DEPENDS ${PROJECT_SOURCE_DIR}/README.md ${WS2FIX_DOC_SOURCES}
          ${PROJECT_SOURCE_DIR}/scripts/installed-docs.py ${PROJECT_SOURCE_DIR}/scripts/installed_paths.py
  VERBATIM)
add_custom_target(ws2fix_installed_docs ALL DEPENDS ${WS2FIX_INSTALLED_DOCS}/README.md)
install(FILES ${WS2FIX_INSTALLED_DOCS}/README.md ${PROJECT_SOURCE_DIR}/LICENSE
        DESTINATION ${CMAKE_INSTALL_DOCDIR})
install(DIRECTORY ${WS2FIX_INSTALLED_DOCS}/docs/ DESTINATION ${CMAKE_INSTALL_DOCDIR}/docs)
# The samples the docs name (DOCDIR/samples/...).
install(FILES ${PROJECT_SOURCE_DIR}/samples/winsock2-broken-lsp.reg
              ${PROJECT_SOURCE_DIR}/samples/winsock2-healthy-lsp.reg
        DESTINATION ${CMAKE_INSTALL_DOCDIR}/samples)

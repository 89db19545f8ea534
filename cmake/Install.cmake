# SPDX-License-Identifier: MIT
# `cmake --install build --prefix P` (Linux and other POSIX builds):
#   P/bin/ws2fix
#   P/share/man/man1/ws2fix.1, ws2fix-<command>.1
#   P/share/bash-completion/completions/ws2fix
#   P/share/doc/ws2fix/ (README.md, LICENSE, docs/)
# libws2fix and its headers are not installed: docs/install.md says why.
# Windows builds are shipped as zips by scripts/release.sh instead.
include(GNUInstallDirs)
set(CMAKE_INSTALL_DEFAULT_DIRECTORY_PERMISSIONS
    OWNER_READ OWNER_WRITE OWNER_EXECUTE GROUP_READ GROUP_EXECUTE WORLD_READ WORLD_EXECUTE)

install(TARGETS ws2fix RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(FILES ${WS2FIX_MAN_PAGES} DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
install(FILES ${PROJECT_SOURCE_DIR}/completion/ws2fix.bash
        DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions RENAME ws2fix)
install(FILES ${PROJECT_SOURCE_DIR}/README.md ${PROJECT_SOURCE_DIR}/LICENSE
        DESTINATION ${CMAKE_INSTALL_DOCDIR})
install(DIRECTORY ${PROJECT_SOURCE_DIR}/docs/ DESTINATION ${CMAKE_INSTALL_DOCDIR}/docs)

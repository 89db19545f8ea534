# SPDX-License-Identifier: MIT
# Run by CPack (CPACK_PRE_BUILD_SCRIPTS) over the staging tree before it
# packs it: adds the Debian copyright and changelog files and compresses
# the man pages and the changelog with gzip -9n (no name, no time stamp,
# so the .deb is reproducible), as Debian policy 12.3 and 12.7 ask.
foreach(root ${CPACK_TEMPORARY_INSTALL_DIRECTORY})
  set(pfx "${root}${CPACK_PACKAGING_INSTALL_PREFIX}")
  if(NOT EXISTS "${pfx}/bin/ws2fix")
    # Some CPack versions stage per generator below the directory.
    file(GLOB_RECURSE found "${root}/*/bin/ws2fix")
    list(GET found 0 bin)
    get_filename_component(pfx "${bin}" DIRECTORY)
    get_filename_component(pfx "${pfx}" DIRECTORY)
  endif()
  set(doc "${pfx}/${CPACK_WS2FIX_DOCDIR}")
  if(DEFINED ENV{SOURCE_DATE_EPOCH})
    set(epoch $ENV{SOURCE_DATE_EPOCH})
  else()
    string(TIMESTAMP epoch "%s" UTC)
  endif()
  execute_process(COMMAND date -u -R -d "@${epoch}" OUTPUT_VARIABLE WS2FIX_DEB_DATE
                  OUTPUT_STRIP_TRAILING_WHITESPACE)
  set(WS2FIX_DEB_VERSION ${CPACK_PACKAGE_VERSION})
  set(WS2FIX_DEB_MAINTAINER "${CPACK_PACKAGE_CONTACT}")
  configure_file("${CPACK_WS2FIX_SOURCE_DIR}/packaging/debian/changelog.in" "${doc}/changelog" @ONLY)
  configure_file("${CPACK_WS2FIX_SOURCE_DIR}/packaging/debian/copyright" "${doc}/copyright" COPYONLY)
  # The licence text is in copyright already (lintian: extra-license-file).
  file(REMOVE "${doc}/LICENSE")
  file(GLOB pages "${pfx}/share/man/man1/*.1")
  foreach(f ${pages} "${doc}/changelog")
    execute_process(COMMAND gzip -9nf "${f}" RESULT_VARIABLE rc)
    if(NOT rc EQUAL 0)
      message(FATAL_ERROR "gzip ${f} failed")
    endif()
  endforeach()
endforeach()

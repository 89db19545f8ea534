# SPDX-License-Identifier: MIT
# Warnings for every target of this project.  Translated messages are
# printf formats chosen at run time, so -Wformat-nonliteral is off; the
# unit test test_message_formats checks that every translation has the same
# conversions as its English original instead.
if(CMAKE_C_COMPILER_ID MATCHES "GNU|Clang")
  add_compile_options(-Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes
                      -Wformat=2 -Wno-format-nonliteral -Wvla -Wno-unused-parameter)
  # gcc: a snprintf/sprintf whose output might not fit its buffer, at level
  # 2, which also warns where a long enough argument would be cut even when
  # the return value is used (-Wall has level 1: only the likely cases).
  # clang has no levels.  On mingw snprintf is a wrapper gcc does not see
  # through, so only the native gcc build checks it.
  if(CMAKE_C_COMPILER_ID STREQUAL "GNU")
    add_compile_options(-Wformat-truncation=2 -Wformat-overflow=2)
  endif()
  if(WS2FIX_WERROR)
    add_compile_options(-Werror)
  endif()
endif()

# SPDX-License-Identifier: MIT
# Warnings for every target of this project.  Translated messages are
# printf formats chosen at run time, so -Wformat-nonliteral is off; the
# unit test test_message_formats checks that every translation has the same
# conversions as its English original instead.
if(CMAKE_C_COMPILER_ID MATCHES "GNU|Clang")
  add_compile_options(-Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes
                      -Wformat=2 -Wno-format-nonliteral -Wvla -Wno-unused-parameter)
  if(WS2FIX_WERROR)
    add_compile_options(-Werror)
  endif()
endif()

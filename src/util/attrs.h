/* SPDX-License-Identifier: MIT */
/*
 * The one spelling of the printf-format attribute, for the library, the
 * front ends, the tests and the fuzz targets.
 *
 * WS2FIX_PRINTF(f, a): argument @p f is a printf format whose arguments
 * start at @p a (0 for a va_list function), so -Wformat checks the calls.
 *
 * On mingw `format(printf)` means Microsoft's msvcrt rules (no %zu, %lld
 * as %I64d); the build defines __USE_MINGW_ANSI_STDIO=1 (src/CMakeLists.txt),
 * which makes printf mingw's own C99 one, whose rules are `gnu_printf`.
 * Without that definition the attribute would check against the wrong
 * printf, so such a build stops here.
 */
#ifndef WS2FIX_UTIL_ATTRS_H
#define WS2FIX_UTIL_ATTRS_H

#if defined(__MINGW32__)
#if !defined(__USE_MINGW_ANSI_STDIO) || !__USE_MINGW_ANSI_STDIO
#error "ws2fix needs __USE_MINGW_ANSI_STDIO=1 on mingw (C99 printf: %zu)"
#endif
#define WS2FIX_PRINTF(f, a) __attribute__((format(gnu_printf, f, a)))
#elif defined(__GNUC__)
#define WS2FIX_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define WS2FIX_PRINTF(f, a)
#endif

#endif

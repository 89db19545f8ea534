/* SPDX-License-Identifier: MIT */
/* UTF-8 and the UTF-16 strings of Windows' W functions (Windows builds
 * only: wchar_t is 16 bits there).  Shared by the library's Win32 layer
 * and the GUI. */
#ifndef WS2FIX_UTF_WIDE_H
#define WS2FIX_UTF_WIDE_H

#include <wchar.h>

/**
 * UTF-8 to a NUL-terminated UTF-16 string for a W function.
 * @return the string (caller frees with free()), or NULL with the ws2fix
 *         error set (WS2FIX_ENOMEM)
 */
wchar_t *ws2fix__utf8_to_wide(const char *s);

/**
 * UTF-16 (@p len characters, or up to the NUL when @p len is -1) to UTF-8.
 * @return the string (caller frees), or NULL with the ws2fix error set
 */
char *ws2fix__wide_to_utf8(const wchar_t *s, int len);

#endif

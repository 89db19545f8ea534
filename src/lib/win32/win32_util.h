/* SPDX-License-Identifier: MIT */
/*
 * Win32 helpers shared by the Windows-only files of the library: UTF-8 <->
 * UTF-16 at the API boundary, and errors that carry the system's own text.
 * Only src/lib/win32/ and src/lib/sources/registry_live_win32.c include this.
 */
#ifndef WS2FIX_WIN32_UTIL_H
#define WS2FIX_WIN32_UTIL_H

#include <windows.h>

#include "../errors_internal.h"
#include "../../util/utf_wide.h"

/**
 * As ws2fix__fail (class WIN32), with the system's text for @p status
 * appended: "cannot open X: Access is denied. (5)".  Reg* functions return
 * their error instead of setting GetLastError(), so the status is explicit;
 * pass GetLastError() for the others.
 * @return @p code
 */
int ws2fix__fail_win32(int code, LSTATUS status, const char *fmt, ...) WS2FIX_PRINTF(3, 4);

/** The usual mapping of a Win32 error to a ws2fix code: file/path not found
 *  -> WS2FIX_ENOTFOUND, access denied -> WS2FIX_EACCESS, sharing or lock
 *  violation -> WS2FIX_ELOCKED, out of memory -> WS2FIX_ENOMEM, else
 *  WS2FIX_ERROR. */
int ws2fix__win32_code(LSTATUS status);

/** Load a DLL as <system directory>\\<name> only, so a planted DLL beside
 *  ws2fix.exe or in the current directory is never picked up.  NULL when
 *  it is missing. */
HMODULE ws2fix__load_system_dll(const wchar_t *name);

/** GetProcAddress as a void pointer (NULL for a NULL module): FARPROC and
 *  the documented signatures differ, and going through void * keeps
 *  -Wcast-function-type quiet without hiding anything, since every caller
 *  names the exact signature. */
void *ws2fix__proc(HMODULE m, const char *name);

#endif

/* SPDX-License-Identifier: MIT */
/*
 * UTF-8 <-> UTF-16 for Win32 calls and Win32 error text.
 *
 * The conversions reuse the project's own UTF-16LE codec (src/util/utf.c)
 * rather than MultiByteToWideChar/WideCharToMultiByte: those behave
 * differently on XP and on Vista+ for invalid input (XP drops bad bytes and
 * passes lone surrogates through as invalid UTF-8), while the offline
 * backends decode registry names with utf.c.  One codec means a name reads
 * the same live and from a .reg export of the same machine.  wchar_t is
 * 16-bit little-endian on every Windows target, so the byte layouts agree.
 */
#include "win32_util.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "../../util/utf.h"



int ws2fix__win32_code(LSTATUS status)
{
	switch (status) {
	case ERROR_FILE_NOT_FOUND:
	case ERROR_PATH_NOT_FOUND:
		return WS2FIX_ENOTFOUND;
	case ERROR_ACCESS_DENIED:
	case ERROR_PRIVILEGE_NOT_HELD:
		return WS2FIX_EACCESS;
	case ERROR_SHARING_VIOLATION:
	case ERROR_LOCK_VIOLATION:
		return WS2FIX_ELOCKED;
	case ERROR_NOT_ENOUGH_MEMORY:
	case ERROR_OUTOFMEMORY:
		return WS2FIX_ENOMEM;
	default:
		return WS2FIX_ERROR;
	}
}

/* The system text in UTF-8 without the trailing ".\r\n", or NULL. */
static char *system_text(LSTATUS status)
{
	wchar_t *msg = NULL;
	DWORD n = FormatMessageW(FORMAT_MESSAGE_ALLOCATE_BUFFER | FORMAT_MESSAGE_FROM_SYSTEM |
			FORMAT_MESSAGE_IGNORE_INSERTS,
		NULL, (DWORD)status, 0, (LPWSTR)(void *)&msg, 0, NULL);
	if (n == 0 || !msg)
		return NULL;
	while (n > 0 && (msg[n - 1] == L'\r' || msg[n - 1] == L'\n' || msg[n - 1] == L' ' ||
			    msg[n - 1] == L'.'))
		n--;
	char *s = ws2fix__wide_to_utf8(msg, (int)n);
	LocalFree(msg);
	return s;
}

int ws2fix__fail_win32(int code, LSTATUS status, const char *fmt, ...)
{
	char what[768];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	/* Allocation may fail here (we may be on the out-of-memory path): the
	 * number alone is still a usable message. */
	char *text = system_text(status);
	if (text)
		ws2fix__fail(code, WS2FIX_ERRCLASS_WIN32, "%s: %s (%ld)", what, text, (long)status);
	else
		ws2fix__fail(code, WS2FIX_ERRCLASS_WIN32, "%s: Windows error %ld", what, (long)status);
	free(text);
	return code;
}

HMODULE ws2fix__load_system_dll(const wchar_t *name)
{
	wchar_t path[MAX_PATH];
	UINT n = GetSystemDirectoryW(path, MAX_PATH);
	size_t len = wcslen(name);
	if (n == 0 || n + 1 + len + 1 > MAX_PATH)
		return NULL;
	path[n] = L'\\';
	memcpy(path + n + 1, name, (len + 1) * sizeof(wchar_t));
	return LoadLibraryW(path);
}

void *ws2fix__proc(HMODULE m, const char *name)
{
	FARPROC f = m ? GetProcAddress(m, name) : NULL;
	void *p;
	memcpy(&p, &f, sizeof(p));
	return p;
}

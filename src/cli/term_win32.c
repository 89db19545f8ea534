/* SPDX-License-Identifier: MIT */
#include "term.h"

#include <io.h>
#include <stdlib.h>
#include <windows.h>

#ifndef ENABLE_VIRTUAL_TERMINAL_PROCESSING
#define ENABLE_VIRTUAL_TERMINAL_PROCESSING 0x0004
#endif

int cli_is_color_terminal(FILE *f)
{
	const char *no = getenv("NO_COLOR");
	if (no && *no)
		return 0;
	HANDLE h = (HANDLE)_get_osfhandle(_fileno(f));
	DWORD mode;
	if (h == INVALID_HANDLE_VALUE || !GetConsoleMode(h, &mode))
		return 0;
	/* Escapes work only where the console can be switched to VT mode
	 * (Windows 10 and later); older consoles get plain text. */
	return SetConsoleMode(h, mode | ENABLE_VIRTUAL_TERMINAL_PROCESSING) != 0;
}

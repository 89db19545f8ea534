/* SPDX-License-Identifier: MIT */
/*
 * Process entry point on Windows.  The C runtime's main() would hand us
 * arguments in the ANSI code page, which cannot hold every path (a hive
 * under a Swedish user folder on a Chinese Windows); wmain gets UTF-16 and
 * we convert to UTF-8, the only encoding ws2fix uses inside.
 */
#include <windows.h>
#include <fcntl.h>
#include <io.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "cli.h"
#include "util/utf.h"
#include "ws2fix/files.h"

int cli_main(int argc, char **argv);
int wmain(int argc, wchar_t **argv);

/* Ctrl-C, Ctrl-Break and the console closing: the temporary files of
 * writes under way go, one line says so, and the run ends with 130 (as
 * cmd.exe's own Ctrl-C code is not one a script can tell apart). */
static BOOL WINAPI on_console_event(DWORD event)
{
	if (event != CTRL_C_EVENT && event != CTRL_BREAK_EVENT && event != CTRL_CLOSE_EVENT)
		return FALSE;
	ws2fix_interrupted_cleanup();
	const char *line = cli_interrupted_line;
	DWORD written;
	WriteFile(GetStdHandle(STD_ERROR_HANDLE), line, (DWORD)strlen(line), &written, NULL);
	ExitProcess(130);
	return TRUE;
}

/* The project's own codec (util/utf.c), not WideCharToMultiByte: XP's
 * CP_UTF8 passes lone surrogates through as invalid UTF-8, utf.c makes them
 * U+FFFD the same way on every version. */
static char *to_utf8(const wchar_t *w)
{
	char *s = NULL;
	if (ws2fix__utf16le_to_utf8(&s, NULL, (const unsigned char *)w, wcslen(w) * sizeof(wchar_t), 1,
		    NULL) < 0)
		return NULL;
	return s;
}

int wmain(int argc, wchar_t **argv)
{
	/* Binary mode: text mode would turn every "\n" into "\r\n", and
	 * scripts and tests compare our output byte for byte (JSON, one
	 * line per step).  Windows consoles show a bare "\n" correctly. */
	_setmode(_fileno(stdout), _O_BINARY);
	_setmode(_fileno(stderr), _O_BINARY);
	SetConsoleCtrlHandler(on_console_event, TRUE);

	char **args = calloc((size_t)argc + 1, sizeof(*args));
	if (!args) {
		fputs("ws2fix: error: out of memory\n", stderr);
		return EXIT_USAGE;
	}
	int rc = EXIT_OK;
	for (int i = 0; i < argc && rc == EXIT_OK; i++) {
		args[i] = to_utf8(argv[i]);
		if (!args[i]) {
			fputs("ws2fix: error: cannot convert the command line to UTF-8\n", stderr);
			rc = EXIT_USAGE;
		}
	}
	if (rc == EXIT_OK) {
		/* Our text is UTF-8 ("Källa", provider names); a console at
		 * its OEM code page would show it garbled.  Only for a
		 * console: a pipe gets the bytes as they are.  The code page
		 * belongs to the console window, not to us, so it is put
		 * back afterwards for the next program that prints there. */
		DWORD mode;
		UINT old_cp = 0;
		if (GetConsoleMode(GetStdHandle(STD_OUTPUT_HANDLE), &mode)) {
			old_cp = GetConsoleOutputCP();
			SetConsoleOutputCP(CP_UTF8);
		}
		rc = cli_main(argc, args);
		if (old_cp) {
			fflush(stdout);
			fflush(stderr);
			SetConsoleOutputCP(old_cp);
		}
	}
	for (int i = 0; i < argc; i++)
		free(args[i]);
	free(args);
	return rc;
}

/* SPDX-License-Identifier: MIT */
/* Terminal detection (platform-specific, term_posix.c / term_win32.c). */
#ifndef WS2FIX_CLI_TERM_H
#define WS2FIX_CLI_TERM_H
#include <stdio.h>
/** 1 when @p f is an interactive terminal that understands colour escapes. */
int cli_is_color_terminal(FILE *f);
#endif

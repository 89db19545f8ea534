/* SPDX-License-Identifier: MIT */
#define _POSIX_C_SOURCE 200809L
#include "term.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int cli_is_color_terminal(FILE *f)
{
	const char *term = getenv("TERM");
	/* https://no-color.org: any non-empty NO_COLOR turns colour off. */
	const char *no = getenv("NO_COLOR");
	if (no && *no)
		return 0;
	return isatty(fileno(f)) && term && strcmp(term, "dumb") != 0;
}

/* SPDX-License-Identifier: MIT */
/* Parsing the command line by the option table (options.h, options.c). */
#ifndef WS2FIX_CLI_CLI_OPTIONS_H
#define WS2FIX_CLI_CLI_OPTIONS_H

#include "cli.h"
#include "options.h"

/* A command's arguments as parsed. */
typedef struct cli_args {
	cli_command_id command;
	/* By option: a flag, the word that named it; a value, the value; an
	 * argument, its word (CLI_F_MANY: the first); NULL when not given. */
	const char *opt[CLI_O_COUNT];
	char **words;            /* a CLI_F_MANY argument's words, in order */
	int nwords;
	int literal_from;        /* words from this index on came after "--"; -1 none */
} cli_args;

/**
 * Parse a command's own arguments (the global options already taken out):
 * the error line (and, for a CLI_CMD_USAGE_ON_ERROR command, its synopsis)
 * on an unknown option, a missing value or one word too many.
 * @return 0, or the exit code (2); free @p a with cli_args_free() after 0
 */
int cli_parse_command(cli_ctx *ctx, cli_command_id cmd, int argc, char **argv, cli_args *a);
void cli_args_free(cli_args *a);

/**
 * Which option of @p cmd (CLI_CMD_GLOBAL: a global one) @p arg names.
 * @return 0 none; 1 the option alone (a value is the next word); 2 the
 *         option with its value in the same word (*value)
 */
int cli_opt_match(cli_command_id cmd, const char *arg, cli_opt_id *id, const char **value);

/** The value of option @p id that argv[*i] named (match @p m): the next
 *  word when it is not in the same one (*i moves on).  A flag's value is
 *  its word.  @return 0, or 2 after the error line when the value is missing */
int cli_opt_take(cli_ctx *ctx, cli_opt_id id, int m, int argc, char **argv, int *i, const char **value);

/** A usage error of command @p cmd: the error line, then for a
 *  CLI_CMD_USAGE_ON_ERROR command its synopsis.  @return 2 */
int cli_usage_error(cli_ctx *ctx, cli_command_id cmd, cli_msgid what, const char *arg);

#endif

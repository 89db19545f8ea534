/* SPDX-License-Identifier: MIT */
/*
 * The parser of the option table (options.h): the global options anywhere
 * on the line (main.c), then each command's own.  One set of rules for
 * every command: "--name VALUE" or "--name=VALUE", a glued "-jN" where the
 * table says so, "--" ends the options, "-" and "-10038" are words, and
 * each error is one line (cli_error) naming the word.
 */
#include <stdlib.h>
#include <string.h>

#include "cli_options.h"
#include "usage.h"

/* How @p arg names option @p id: 0 not at all; 1 by itself (its value, if
 * any, is the next word); 2 with its value in the same word (*value). */
static int matches(cli_opt_id id, const char *arg, const char **value)
{
	const cli_opt_spec *o = &cli_opts[id];
	const char *names[2] = {cli_opt_name(id), o->alias};
	for (int k = 0; k < 2; k++) {
		const char *n = names[k];
		if (!n)
			continue;
		size_t len = strlen(n);
		if (strncmp(arg, n, len) != 0)
			continue;
		if (arg[len] == '\0')
			return 1;
		if (o->type != CLI_OPT_VALUE)
			continue;
		if (arg[len] == '=') {
			*value = arg + len + 1;
			return 2;
		}
		if ((o->flags & CLI_F_GLUED) && len == 2) {
			*value = arg + len;
			return 2;
		}
	}
	return 0;
}

int cli_opt_match(cli_command_id cmd, const char *arg, cli_opt_id *id, const char **value)
{
	*value = NULL;
	for (int i = 0; i < CLI_O_COUNT; i++) {
		if (cli_opts[i].command != cmd || cli_opts[i].type == CLI_OPT_ARG)
			continue;
		int m = matches((cli_opt_id)i, arg, value);
		if (m) {
			*id = (cli_opt_id)i;
			return m;
		}
	}
	return 0;
}

int cli_opt_take(cli_ctx *ctx, cli_opt_id id, int m, int argc, char **argv, int *i, const char **value)
{
	if (cli_opts[id].type == CLI_OPT_FLAG) {
		*value = argv[*i];
		return 0;
	}
	if (m == 2)
		return 0;
	if (*i + 1 >= argc)
		return cli_error(ctx, EXIT_USAGE, "EUSAGE", cli_msg(ctx, MSG_ERR_OPTION_NEEDS_ARG), argv[*i]);
	*value = argv[++*i];
	return 0;
}

/* A word that is no option: "-" (standard input) and "-10038" (a number)
 * are words too. */
static int is_option_like(const char *s)
{
	return s[0] == '-' && s[1] && !(s[1] >= '0' && s[1] <= '9');
}

int cli_usage_error(cli_ctx *ctx, cli_command_id cmd, cli_msgid what, const char *arg)
{
	if (arg)
		cli_error(ctx, EXIT_USAGE, "EUSAGE", cli_text(ctx, what), arg);
	else
		cli_error(ctx, EXIT_USAGE, "EUSAGE", "%s", cli_text(ctx, what));
	/* After the one error (one JSON document): the synopsis, for a human. */
	if (!ctx->json && !ctx->quiet && (cli_commands[cmd].flags & CLI_CMD_USAGE_ON_ERROR))
		cli_print_synopsis(ctx, cmd, ctx->err);
	return EXIT_USAGE;
}

static int parse(cli_ctx *ctx, cli_command_id cmd, int argc, char **argv, cli_args *a)
{
	memset(a, 0, sizeof(*a));
	a->command = cmd;
	a->words = calloc((size_t)argc + 1, sizeof(char *));
	if (!a->words)
		return cli_oom(ctx, EXIT_USAGE);
	a->literal_from = -1;
	/* The arguments of the command, in the table's order. */
	cli_opt_id args[CLI_O_COUNT];
	int nargs = 0, many = -1;
	for (int i = 0; i < CLI_O_COUNT; i++)
		if (cli_opts[i].command == cmd && cli_opts[i].type == CLI_OPT_ARG) {
			if (cli_opts[i].flags & CLI_F_MANY)
				many = i;
			args[nargs++] = (cli_opt_id)i;
		}
	int literal = 0, next_arg = 0;
	for (int i = 0; i < argc; i++) {
		const char *s = argv[i];
		if (!literal && !strcmp(s, "--")) {
			literal = 1;
			a->literal_from = a->nwords;
			continue;
		}
		cli_opt_id id;
		const char *value = NULL;
		int m = literal ? 0 : cli_opt_match(cmd, s, &id, &value);
		if (m) {
			int rc = cli_opt_take(ctx, id, m, argc, argv, &i, &value);
			if (rc)
				return rc;
			a->opt[id] = value;
			continue;
		}
		if (!literal && is_option_like(s))
			return cli_usage_error(ctx, cmd, MSG_ERR_UNKNOWN_OPTION, s);
		if (many >= 0) {
			a->words[a->nwords++] = argv[i];
			a->opt[many] = a->words[0];
			continue;
		}
		if (next_arg >= nargs)
			return cli_error(ctx, EXIT_USAGE, "EUSAGE", cli_msg(ctx, MSG_ERR_TOO_MANY_ARGS), s);
		a->opt[args[next_arg++]] = s;
	}
	return 0;
}

int cli_parse_command(cli_ctx *ctx, cli_command_id cmd, int argc, char **argv, cli_args *a)
{
	int rc = parse(ctx, cmd, argc, argv, a);
	if (rc)
		cli_args_free(a);
	return rc;
}

void cli_args_free(cli_args *a)
{
	free(a->words);
	a->words = NULL;
}

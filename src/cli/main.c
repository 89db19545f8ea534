/* SPDX-License-Identifier: MIT */
/*
 * ws2fix command line: global options, then dispatch to cmd_<name>() with
 * its arguments parsed.  Source and output options may stand before or
 * after the command (docs/cli/ws2fix.md); everything else after the command goes
 * to the command.  Every option is a line of the table (options.def).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cli_options.h"
#include "ws2fix_build_info.h"
#include "term.h"
#include "usage.h"

const char *cli_version(void)
{
	/* "(git ...)" only for a build from git: a release names its tag. */
	return WS2FIX_GIT_DESCRIBE[0] ? WS2FIX_VERSION_STRING " (git " WS2FIX_GIT_DESCRIBE ")" : WS2FIX_VERSION_STRING;
}

int cli_main(int argc, char **argv);

typedef int (*cmd_fn)(cli_ctx *ctx, const cli_args *a);

/* What runs each command: the table's own column (options.def), so a
 * command without its function does not compile. */
static const cmd_fn commands[CLI_CMD_COUNT] = {
#define CLI_COMMAND(id, name, fn, flags, en, sv) [CLI_CMD_##id] = fn,
#define CLI_OPT(cmd, id, type, name, alias, value_en, value_sv, brief, flags, complete, words, help_en, help_sv)
#include "options.def"
#undef CLI_OPT
#undef CLI_COMMAND
};

/* Apply global option @p id (options.def, or a source of sources.def).
 * Returns 0, or an exit code on a bad value. */
static int apply_option(cli_ctx *ctx, cli_opt_id id, const char *value, int *want_help, int *want_version)
{
	if (cli_opts[id].source_kind) {
		ctx->source = (ws2fix_source_kind)cli_opts[id].source_kind;
		ctx->source_path = value;
		ctx->source_count++;
		return 0;
	}
	switch (id) {
	case CLI_O_GLOBAL_SOFTWARE: ctx->software = value; break;
	case CLI_O_GLOBAL_WINDOWS_ROOT: ctx->windows_root = value; break;
	case CLI_O_GLOBAL_EVENTS: ctx->events = value; break;
	case CLI_O_GLOBAL_OS: ctx->os = value; break;
	case CLI_O_GLOBAL_JSON: ctx->json = 1; break;
	case CLI_O_GLOBAL_NO_FILE_CHECKS: ctx->no_file_checks = 1; break;
	case CLI_O_GLOBAL_QUIET: ctx->quiet = 1; break;
	case CLI_O_GLOBAL_HELP: *want_help = 1; break;
	case CLI_O_GLOBAL_VERSION: *want_version = 1; break;
	case CLI_O_GLOBAL_LANG:
		if (ws2fix_lang_parse(&ctx->lang, value) < 0)
			return cli_error(ctx, EXIT_USAGE, "EUSAGE", cli_msg(ctx, MSG_ERR_BAD_LANG), value);
		break;
	case CLI_O_GLOBAL_CONTROLSET: {
		char *end = NULL;
		long n = strtol(value, &end, 10);
		if (!*value || *end || n < 1 || n > 999)
			return cli_error(ctx, EXIT_USAGE, "EUSAGE", "%s", cli_msg(ctx, MSG_ERR_BAD_CONTROLSET));
		ctx->controlset = (int)n;
		break;
	}
	default:
		break;
	}
	return 0;
}

/* --lang and --json/--quiet must be known before any error is printed,
 * wherever they stand. */
static void early_options(cli_ctx *ctx, int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--"))
			break;
		cli_opt_id id;
		const char *value = NULL;
		int m = cli_opt_match(CLI_CMD_GLOBAL, argv[i], &id, &value);
		if (m == 1 && cli_opts[id].type == CLI_OPT_VALUE && i + 1 < argc)
			value = argv[++i];
		if (!m)
			continue;
		if (id == CLI_O_GLOBAL_JSON)
			ctx->json = 1;
		else if (id == CLI_O_GLOBAL_QUIET)
			ctx->quiet = 1;
		else if (id == CLI_O_GLOBAL_LANG && value)
			ws2fix_lang_parse(&ctx->lang, value);
	}
}

/* What the command line asks for once the global options are applied. */
typedef struct cli_request {
	const char *command;
	char **argv;             /* the command's own arguments */
	int argc;
	int want_help, want_version;
} cli_request;

/* Global options go to the context, the rest to the command.
 * @return 0, or the exit code after the error line */
static int split_arguments(cli_ctx *ctx, cli_request *r, int argc, char **argv)
{
	int after_dashdash = 0;
	for (int i = 1; i < argc; i++) {
		const char *arg = argv[i];
		if (!after_dashdash && !strcmp(arg, "--")) {
			after_dashdash = 1;
			if (r->command)
				r->argv[r->argc++] = argv[i];
			continue;
		}
		cli_opt_id id;
		const char *value = NULL;
		int m = after_dashdash ? 0 : cli_opt_match(CLI_CMD_GLOBAL, arg, &id, &value);
		if (m) {
			int rc = cli_opt_take(ctx, id, m, argc, argv, &i, &value);
			if (rc == 0)
				rc = apply_option(ctx, id, value, &r->want_help, &r->want_version);
			if (rc != 0)
				return rc;
			continue;
		}
		if (!r->command && arg[0] == '-' && !after_dashdash)
			return cli_error(ctx, EXIT_USAGE, "EUSAGE", cli_msg(ctx, MSG_ERR_UNKNOWN_OPTION), arg);
		if (!r->command)
			r->command = arg;
		else
			r->argv[r->argc++] = argv[i];
	}
	return 0;
}

/* "give only one of --hive, --reg, --netsh and --hijackthis": the source
 * options of ws2fix/sources.def, however many there are. */
static int two_sources(cli_ctx *ctx)
{
	ws2fix_buf list = WS2FIX_BUF_INIT;
	cli_source_options(&list, 0, cli_msg(ctx, MSG_LIST_AND));
	int rc = cli_error(ctx, EXIT_USAGE, "EUSAGE", cli_msg(ctx, MSG_ERR_TWO_SOURCES), ws2fix__buf_cstr(&list));
	ws2fix__buf_free(&list);
	return rc;
}

/* --version, --help, or the command. */
static int dispatch(cli_ctx *ctx, const cli_request *r)
{
	if (r->want_version) {
		printf("ws2fix %s\n", cli_version());
		printf("%s\n", cli_msg(ctx, MSG_VERSION_LICENSE));
		return EXIT_OK;
	}
	int cmd = r->command ? cli_command_find(r->command) : -1;
	if (r->want_help) {
		/* After a command: that command's help. */
		if (cmd >= 0)
			cli_print_command_help(ctx, (cli_command_id)cmd, stdout);
		else
			cli_print_usage(ctx, stdout);
		return EXIT_OK;
	}
	if (!r->command) {
		cli_error(ctx, EXIT_USAGE, "EUSAGE", "%s", cli_msg(ctx, MSG_ERR_NO_COMMAND));
		if (!ctx->json && !ctx->quiet)
			cli_print_usage(ctx, stderr);
		return EXIT_USAGE;
	}
	if (ctx->source_count > 1)
		return two_sources(ctx);
	ctx->color = !ctx->json && cli_is_color_terminal(stdout);
	if (cmd < 0 || !commands[cmd]) {
		int rc = cli_error(ctx, EXIT_USAGE, "EUSAGE", cli_msg(ctx, MSG_ERR_UNKNOWN_COMMAND), r->command);
		if (!ctx->json && !ctx->quiet)
			fprintf(stderr, "%s\n", cli_msg(ctx, MSG_USAGE_HINT));
		return rc;
	}
	ctx->command = cli_commands[cmd].name;
	cli_args a;
	int rc = cli_parse_command(ctx, (cli_command_id)cmd, r->argc, r->argv, &a);
	if (rc != 0)
		return rc;
	rc = commands[cmd](ctx, &a);
	cli_args_free(&a);
	return rc;
}

int cli_main(int argc, char **argv)
{
	cli_ctx ctx;
	memset(&ctx, 0, sizeof(ctx));
	ctx.out = stdout;
	ctx.source = WS2FIX_SOURCE_LIVE;
	ctx.err = stderr;
	ctx.lang = ws2fix_lang_from_environment();
	early_options(&ctx, argc, argv);
	/* What an interruption says, in the language of the run (entry_*.c). */
	cli_interrupted_line = ctx.quiet ? "" : cli_msg(&ctx, MSG_INTERRUPTED);

	cli_request r;
	memset(&r, 0, sizeof(r));
	r.argv = calloc((size_t)argc + 1, sizeof(char *));
	if (!r.argv)
		return cli_oom(&ctx, EXIT_USAGE);
	int rc = split_arguments(&ctx, &r, argc, argv);
	if (rc == 0)
		rc = dispatch(&ctx, &r);
	free(r.argv);
	fflush(stdout);
	return rc;
}

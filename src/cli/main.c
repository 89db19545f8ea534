/* SPDX-License-Identifier: MIT */
/*
 * ws2fix command line: global options, then dispatch to cmd_<name>().
 * Source and output options may stand before or after the command
 * (spec/cli.md); everything else after the command goes to the command.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "ws2fix_build_info.h"
#include "term.h"
#include "usage.h"

const char *cli_version(void)
{
	/* "(git ...)" only for a build from git: a release names its tag. */
	return WS2FIX_GIT_DESCRIBE[0] ? WS2FIX_VERSION_STRING " (git " WS2FIX_GIT_DESCRIBE ")" : WS2FIX_VERSION_STRING;
}

int cli_main(int argc, char **argv);

typedef int (*cmd_fn)(cli_ctx *ctx, int argc, char **argv);

static const struct {
	const char *name;
	cmd_fn fn;
} commands[] = {
	{"show", cmd_show},
	{"diagnose", cmd_diagnose},
	{"repair", cmd_repair},
	{"batch", cmd_batch},
	{"explain", cmd_explain},
	{"selftest", cmd_selftest},
	{"backup", cmd_backup},
	{"restore", cmd_restore},
};

enum opt_kind { OPT_FLAG, OPT_VALUE };

static const struct {
	const char *name;
	enum opt_kind kind;
} global_opts[] = {
	{"--software", OPT_VALUE}, {"--controlset", OPT_VALUE}, {"--windows-root", OPT_VALUE}, {"--events", OPT_VALUE},
	{"--os", OPT_VALUE}, {"--lang", OPT_VALUE}, {"--json", OPT_FLAG}, {"--quiet", OPT_FLAG},
	{"-q", OPT_FLAG}, {"--no-file-checks", OPT_FLAG}, {"--help", OPT_FLAG}, {"-h", OPT_FLAG}, {"--version", OPT_FLAG},
};

/* Apply one global option.  Returns 0, or an exit code on a bad value. */
static int apply_option(cli_ctx *ctx, const char *name, const char *value, int *want_help,
	int *want_version)
{
	for (int k = WS2FIX_SOURCE_NONE + 1; k < WS2FIX_SOURCE_COUNT; k++) {
		const char *opt = ws2fix_source_kind_option((ws2fix_source_kind)k);
		if (opt && !strcmp(name, opt)) {
			ctx->source = (ws2fix_source_kind)k;
			ctx->source_path = value;
			ctx->source_count++;
			return 0;
		}
	}
	if (!strcmp(name, "--software")) ctx->software = value;
	else if (!strcmp(name, "--windows-root")) ctx->windows_root = value;
	else if (!strcmp(name, "--events")) ctx->events = value;
	else if (!strcmp(name, "--os")) ctx->os = value;
	else if (!strcmp(name, "--json")) ctx->json = 1;
	else if (!strcmp(name, "--no-file-checks")) ctx->no_file_checks = 1;
	else if (!strcmp(name, "--quiet") || !strcmp(name, "-q")) ctx->quiet = 1;
	else if (!strcmp(name, "--help") || !strcmp(name, "-h")) *want_help = 1;
	else if (!strcmp(name, "--version")) *want_version = 1;
	else if (!strcmp(name, "--lang")) {
		if (ws2fix_lang_parse(&ctx->lang, value) < 0)
			return cli_error(ctx, EXIT_USAGE, "EUSAGE", cli_msg(ctx, MSG_ERR_BAD_LANG), value);
	} else if (!strcmp(name, "--controlset")) {
		char *end = NULL;
		long n = strtol(value, &end, 10);
		if (!*value || *end || n < 1 || n > 999)
			return cli_error(ctx, EXIT_USAGE, "EUSAGE", "%s", cli_msg(ctx, MSG_ERR_BAD_CONTROLSET));
		ctx->controlset = (int)n;
	}
	return 0;
}

/* The global option @p arg starts with: its length and whether it takes a
 * value.  The source options come from ws2fix/sources.def.  @return 0 or -1 */
static int find_global(const char *arg, size_t *name_len, int *takes_value)
{
	for (size_t i = 0; i < sizeof(global_opts) / sizeof(global_opts[0]); i++) {
		size_t n = strlen(global_opts[i].name);
		if (strncmp(arg, global_opts[i].name, n) == 0 &&
		    (arg[n] == '\0' || (arg[n] == '=' && global_opts[i].kind == OPT_VALUE))) {
			*name_len = n;
			*takes_value = global_opts[i].kind == OPT_VALUE;
			return 0;
		}
	}
	for (int k = WS2FIX_SOURCE_NONE + 1; k < WS2FIX_SOURCE_COUNT; k++) {
		const char *opt = ws2fix_source_kind_option((ws2fix_source_kind)k);
		size_t n = opt ? strlen(opt) : 0;
		if (opt && strncmp(arg, opt, n) == 0 && (arg[n] == '\0' || arg[n] == '=')) {
			*name_len = n;
			*takes_value = 1;
			return 0;
		}
	}
	return -1;
}

/* --lang and --json/--quiet must be known before any error is printed,
 * wherever they stand. */
static void early_options(cli_ctx *ctx, int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--")) break;
		if (!strcmp(argv[i], "--json")) ctx->json = 1;
		else if (!strcmp(argv[i], "-q") || !strcmp(argv[i], "--quiet")) ctx->quiet = 1;
		else if (!strncmp(argv[i], "--lang=", 7)) ws2fix_lang_parse(&ctx->lang, argv[i] + 7);
		else if (!strcmp(argv[i], "--lang") && i + 1 < argc) ws2fix_lang_parse(&ctx->lang, argv[i + 1]);
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
		size_t nlen = 0;
		int takes_value = 0;
		int g = after_dashdash ? -1 : find_global(arg, &nlen, &takes_value);
		if (!after_dashdash && !strcmp(arg, "--")) {
			after_dashdash = 1;
			if (r->command)
				r->argv[r->argc++] = argv[i];
			continue;
		}
		if (g >= 0) {
			const char *value = NULL;
			if (takes_value) {
				if (arg[nlen] == '=')
					value = arg + nlen + 1;
				else if (i + 1 < argc)
					value = argv[++i];
				else
					return cli_error(ctx, EXIT_USAGE, "EUSAGE", cli_msg(ctx, MSG_ERR_OPTION_NEEDS_ARG), arg);
			}
			char name[32];
			snprintf(name, sizeof(name), "%.*s", (int)nlen, arg);
			int rc = apply_option(ctx, name, value, &r->want_help, &r->want_version);
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

/* --version, --help, or the command. */
static int dispatch(cli_ctx *ctx, const cli_request *r)
{
	if (r->want_version) {
		printf("ws2fix %s\n", cli_version());
		printf("%s\n", cli_msg(ctx, MSG_VERSION_LICENSE));
		return EXIT_OK;
	}
	if (r->want_help) {
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
		return cli_error(ctx, EXIT_USAGE, "EUSAGE", "%s", cli_msg(ctx, MSG_ERR_TWO_SOURCES));
	ctx->color = !ctx->json && cli_is_color_terminal(stdout);
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++) {
		if (!strcmp(r->command, commands[i].name)) {
			ctx->command = commands[i].name;
			return commands[i].fn(ctx, r->argc, r->argv);
		}
	}
	int rc = cli_error(ctx, EXIT_USAGE, "EUSAGE", cli_msg(ctx, MSG_ERR_UNKNOWN_COMMAND), r->command);
	if (!ctx->json && !ctx->quiet)
		fprintf(stderr, "%s\n", cli_msg(ctx, MSG_USAGE_HINT));
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
		return cli_error(&ctx, EXIT_USAGE, "ENOMEM", "out of memory");
	int rc = split_arguments(&ctx, &r, argc, argv);
	if (rc == 0)
		rc = dispatch(&ctx, &r);
	free(r.argv);
	fflush(stdout);
	return rc;
}

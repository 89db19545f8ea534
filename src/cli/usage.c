/* SPDX-License-Identifier: MIT */
/*
 * `ws2fix --help`, `ws2fix COMMAND --help` and the synopsis after a usage
 * error, all from the option table (options.def, and the source lines of
 * include/ws2fix/sources.def): a new option is in them without a word
 * here.  The head, the section titles and the exit codes are messages.
 */
#include "usage.h"

#include <string.h>

#include "options.h"

/* Where the texts of the options start: "  --hive PATH", then spaces. */
#define HELP_COLUMN 31
/* A synopsis goes on under itself past this width. */
#define SYNOPSIS_WIDTH 88

/* Characters, not bytes: the Swedish words have letters of two bytes. */
static int width(const char *s)
{
	int n = 0;
	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

/* The width of the last line of @p b. */
static int last_line_width(const ws2fix_buf *b)
{
	const char *s = ws2fix__buf_cstr(b);
	const char *nl = strrchr(s, '\n');
	return width(nl ? nl + 1 : s);
}

/* "[--mode surgical|reset]", "FILE", "[FILE|-]": one item of a synopsis. */
static void synopsis_item(ws2fix_buf *b, cli_opt_id id, int sv, int brief)
{
	const cli_opt_spec *o = &cli_opts[id];
	const char *value = brief && o->brief ? o->brief : o->value[sv];
	if (o->type == CLI_OPT_ARG)
		ws2fix__buf_printf(b, (o->flags & CLI_F_OPTIONAL) ? "[%s]" : "%s", value);
	else if (o->type == CLI_OPT_VALUE)
		ws2fix__buf_printf(b, "[%s %s]", cli_opt_name(id), value);
	else
		ws2fix__buf_printf(b, "[%s]", cli_opt_name(id));
}

/* @p head, then the command's items (all of them, or with @p brief those
 * --help shows on its line), going on under the first item past the width.
 * @return the number of lines */
static int synopsis(ws2fix_buf *b, const char *head, cli_command_id cmd, int sv, int brief)
{
	int lines = 1;
	ws2fix__buf_puts(b, head);
	int indent = width(head) + 1;
	for (int i = 0; i < CLI_O_COUNT; i++) {
		const cli_opt_spec *o = &cli_opts[i];
		if (o->command != cmd || (brief && o->type != CLI_OPT_ARG && !(o->flags & CLI_F_SUMMARY)))
			continue;
		ws2fix_buf item = WS2FIX_BUF_INIT;
		synopsis_item(&item, (cli_opt_id)i, sv, brief);
		if (last_line_width(b) + 1 + width(ws2fix__buf_cstr(&item)) > SYNOPSIS_WIDTH) {
			ws2fix__buf_printf(b, "\n%*s", indent, "");
			lines++;
		} else
			ws2fix__buf_putc(b, ' ');
		ws2fix__buf_puts(b, ws2fix__buf_cstr(&item));
		ws2fix__buf_free(&item);
	}
	return lines;
}

/* Move to the column of the texts after a command's synopsis: on its
 * line (one space at least), or under a synopsis of several lines. */
static void to_help_column(ws2fix_buf *b, int lines)
{
	int w = last_line_width(b);
	if (lines > 1)
		ws2fix__buf_printf(b, "\n%*s", HELP_COLUMN, "");
	else
		ws2fix__buf_printf(b, "%*s", w < HELP_COLUMN ? HELP_COLUMN - w : 1, "");
}

/* A help text at the column; each "\n" in it starts a line under it. */
static void help_text(ws2fix_buf *b, const char *text, const char *arg)
{
	for (;;) {
		size_t n = strcspn(text, "\n");
		ws2fix_buf line = WS2FIX_BUF_INIT;
		ws2fix__buf_printf(&line, "%.*s", (int)n, text);
		/* A source's text has a "%s": where a build that lacks its
		 * reader (the hive's hivex) says so. */
		if (arg)
			ws2fix__buf_printf(b, ws2fix__buf_cstr(&line), arg);
		else
			ws2fix__buf_puts(b, ws2fix__buf_cstr(&line));
		ws2fix__buf_free(&line);
		ws2fix__buf_putc(b, '\n');
		if (!text[n])
			break;
		text += n + 1;
		ws2fix__buf_printf(b, "%*s", HELP_COLUMN, "");
	}
}

/* "  -q, --quiet", "  --mode surgical|reset", "  FILE", then its text. */
static void option_line(ws2fix_buf *b, cli_opt_id id, int sv, const char *arg)
{
	const cli_opt_spec *o = &cli_opts[id];
	ws2fix__buf_puts(b, "  ");
	if (o->alias)
		ws2fix__buf_printf(b, "%s, ", o->alias);
	if (o->type == CLI_OPT_ARG)
		ws2fix__buf_puts(b, o->value[sv]);
	else
		ws2fix__buf_puts(b, cli_opt_name(id));
	if (o->type == CLI_OPT_VALUE)
		ws2fix__buf_printf(b, " %s", o->value[sv]);
	int w = last_line_width(b);
	/* Exactly one space when the name ends just before the column. */
	if (w < HELP_COLUMN)
		ws2fix__buf_printf(b, "%*s", HELP_COLUMN - w, "");
	else
		ws2fix__buf_putc(b, ' ');
	help_text(b, o->help[sv], arg);
}

static void emit(ws2fix_buf *b, FILE *f)
{
	fputs(ws2fix__buf_cstr(b), f);
	ws2fix__buf_free(b);
}

void cli_print_usage(cli_ctx *ctx, FILE *f)
{
#ifdef WS2FIX_HAVE_HIVEX
	const char *not_built = "";
#else
	const char *not_built = cli_msg(ctx, MSG_USAGE_NO_HIVE);
#endif
	int sv = ctx->lang == WS2FIX_LANG_SV;
	ws2fix_buf b = WS2FIX_BUF_INIT;
	ws2fix__buf_puts(&b, cli_msg(ctx, MSG_USAGE));
	for (int c = 0; c < CLI_CMD_COUNT; c++) {
		ws2fix_buf head = WS2FIX_BUF_INIT;
		ws2fix__buf_printf(&head, "  %s", cli_commands[c].name);
		int lines = synopsis(&b, ws2fix__buf_cstr(&head), (cli_command_id)c, sv, 1);
		ws2fix__buf_free(&head);
		to_help_column(&b, lines);
		help_text(&b, cli_commands[c].summary[sv], NULL);
	}
	ws2fix__buf_puts(&b, cli_msg(ctx, MSG_USAGE_SOURCES));
	for (int pass = 0; pass < 2; pass++) {
		if (pass)
			ws2fix__buf_puts(&b, cli_msg(ctx, MSG_USAGE_OUTPUT));
		for (int i = 0; i < CLI_O_COUNT; i++) {
			const cli_opt_spec *o = &cli_opts[i];
			if (o->command != CLI_CMD_GLOBAL || (o->flags & CLI_F_UNLISTED) ||
			    !(o->flags & CLI_F_OUTPUT) != !pass)
				continue;
			option_line(&b, (cli_opt_id)i, sv, (o->flags & CLI_F_SOURCE) ? not_built : NULL);
		}
	}
	ws2fix__buf_puts(&b, cli_msg(ctx, MSG_USAGE_EXIT));
	emit(&b, f);
}

void cli_print_synopsis(cli_ctx *ctx, cli_command_id cmd, FILE *f)
{
	ws2fix_buf head = WS2FIX_BUF_INIT, b = WS2FIX_BUF_INIT;
	ws2fix__buf_printf(&head, "%s %s", cli_msg(ctx, MSG_CMD_USAGE), cli_commands[cmd].name);
	synopsis(&b, ws2fix__buf_cstr(&head), cmd, ctx->lang == WS2FIX_LANG_SV, 0);
	ws2fix__buf_putc(&b, '\n');
	ws2fix__buf_free(&head);
	emit(&b, f);
}

void cli_print_command_help(cli_ctx *ctx, cli_command_id cmd, FILE *f)
{
	int sv = ctx->lang == WS2FIX_LANG_SV;
	cli_print_synopsis(ctx, cmd, f);
	ws2fix_buf b = WS2FIX_BUF_INIT;
	ws2fix__buf_printf(&b, "\n%s\n", cli_commands[cmd].summary[sv]);
	int any = 0;
	for (int i = 0; i < CLI_O_COUNT; i++) {
		if (cli_opts[i].command != cmd)
			continue;
		if (!any++)
			ws2fix__buf_printf(&b, "\n%s\n", cli_msg(ctx, MSG_CMD_HELP_ARGS));
		option_line(&b, (cli_opt_id)i, sv, NULL);
	}
	ws2fix__buf_printf(&b, "\n%s\n", cli_msg(ctx, MSG_CMD_HELP_GLOBAL));
	emit(&b, f);
}

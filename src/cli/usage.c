/* SPDX-License-Identifier: MIT */
/*
 * `ws2fix --help`: the head and the other options are the CLI's messages;
 * the source lines come from the source table (include/ws2fix/sources.def,
 * WS2FIX_SOURCE_TEXT), so a new source is in --help without a word here.
 */
#include "usage.h"

/* Where the texts of the options start: "  --hive PATH", then spaces. */
#define HELP_COLUMN 31

static const struct {
	ws2fix_source_kind kind;
	const char *arg[2], *help[2];
} source_lines[] = {
#define WS2FIX_SOURCE(id, name, option, partial, opener)
#define WS2FIX_SOURCE_TEXTS
#define WS2FIX_SOURCE_TEXT(id, arg_en, arg_sv, help_en, help_sv, files, page_en, page_sv, doc) \
	{WS2FIX_SOURCE_##id, {arg_en, arg_sv}, {help_en, help_sv}},
#include "ws2fix/sources.def"
#undef WS2FIX_SOURCE_TEXT
#undef WS2FIX_SOURCE_TEXTS
#undef WS2FIX_SOURCE
};

/* Characters, not bytes: the Swedish words have letters of two bytes. */
static int width(const char *s)
{
	int n = 0;
	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

void cli_print_usage(cli_ctx *ctx, FILE *f)
{
#ifdef WS2FIX_HAVE_HIVEX
	const char *not_built = "";
#else
	const char *not_built = cli_msg(ctx, MSG_USAGE_NO_HIVE);
#endif
	int sv = ctx->lang == WS2FIX_LANG_SV;
	fputs(cli_msg(ctx, MSG_USAGE), f);
	for (size_t i = 0; i < sizeof(source_lines) / sizeof(source_lines[0]); i++) {
		const char *option = ws2fix_source_kind_option(source_lines[i].kind);
		fprintf(f, "  %s %s", option, source_lines[i].arg[sv]);
		int w = 2 + width(option) + 1 + width(source_lines[i].arg[sv]);
		fprintf(f, "%*s", w < HELP_COLUMN ? HELP_COLUMN - w : 1, "");
		/* A "%s" in the table's text is where a build that lacks the
		 * source's reader (the hive's hivex) says so. */
		fprintf(f, source_lines[i].help[sv], not_built);
		fputc('\n', f);
	}
	fputs(cli_msg(ctx, MSG_USAGE_OPTIONS), f);
}

/* SPDX-License-Identifier: MIT */
/*
 * The option table, expanded from options.def and the source lines of
 * include/ws2fix/sources.def (options.h).  Data only: ws2fix-optgen is
 * built from this file and writes the completion from it.
 */
#include <string.h>

#include "options.h"

#define FLAG CLI_OPT_FLAG
#define VALUE CLI_OPT_VALUE
#define ARG CLI_OPT_ARG
#define NONE CLI_COMPLETE_NONE
#define FILE CLI_COMPLETE_FILE
#define DIR CLI_COMPLETE_DIR
#define WORDS CLI_COMPLETE_WORDS

/* The source kinds, counted as ws2fix_source_kind counts them (NONE is 0),
 * without including the library's header. */
enum {
	SOURCE_KIND_NONE = 0,
#define WS2FIX_SOURCE(id, name, option, partial, opener, sniffer) SOURCE_KIND_##id,
#include "ws2fix/sources.def"
#undef WS2FIX_SOURCE
};

/* The option of each source, by kind (a source row's name). */
static const char *const source_option[] = {
	NULL,
#define WS2FIX_SOURCE(id, name, option, partial, opener, sniffer) option,
#include "ws2fix/sources.def"
#undef WS2FIX_SOURCE
};

const char *cli_opt_name(cli_opt_id id)
{
	const cli_opt_spec *o = &cli_opts[id];
	return o->source_kind ? source_option[o->source_kind] : o->name;
}

const cli_opt_spec cli_opts[CLI_O_COUNT] = {
#define WS2FIX_SOURCE(id, name, option, partial, opener, sniffer)
#define WS2FIX_SOURCE_TEXTS
#define WS2FIX_SOURCE_TEXT(id, arg_en, arg_sv, help_en, help_sv, files, page_en, page_sv, doc) \
	[CLI_O_SOURCE_##id] = {CLI_CMD_GLOBAL, CLI_OPT_VALUE, NULL, NULL, {arg_en, arg_sv}, NULL, CLI_F_SOURCE, \
		CLI_COMPLETE_FILE, files, {help_en, help_sv}, SOURCE_KIND_##id},
#include "ws2fix/sources.def"
#undef WS2FIX_SOURCE_TEXT
#undef WS2FIX_SOURCE_TEXTS
#undef WS2FIX_SOURCE
#define CLI_COMMAND(id, name, fn, flags, en, sv)
#define CLI_OPT(cmd, id, type, name, alias, ven, vsv, brief, flags, complete, words, hen, hsv) \
	[CLI_O_##cmd##_##id] = {CLI_CMD_##cmd, type, name, alias, {ven, vsv}, \
		brief, flags, complete, words, {hen, hsv}, 0},
#include "options.def"
#undef CLI_OPT
#undef CLI_COMMAND
};

const cli_command_spec cli_commands[CLI_CMD_COUNT] = {
#define CLI_COMMAND(id, name, fn, flags, en, sv) [CLI_CMD_##id] = {name, flags, {en, sv}},
#define CLI_OPT(cmd, id, type, name, alias, ven, vsv, brief, flags, complete, words, hen, hsv)
#include "options.def"
#undef CLI_OPT
#undef CLI_COMMAND
};

int cli_command_find(const char *name)
{
	for (int i = 0; i < CLI_CMD_COUNT; i++)
		if (!strcmp(cli_commands[i].name, name))
			return i;
	return -1;
}

/* SPDX-License-Identifier: MIT */
/*
 * The command line's options, declared once (options.def, and the source
 * options of include/ws2fix/sources.def): one flat table, each row the
 * option of a command or a global one.  The parser (options.c), the help
 * (usage.c), the bash completion and docs/cli/options.json (optgen/) are
 * made from it.  This header and options_table.c need nothing but the C
 * library, so that ws2fix-optgen is built from them alone.
 */
#ifndef WS2FIX_CLI_OPTIONS_H
#define WS2FIX_CLI_OPTIONS_H

#include <stddef.h>

/* The commands, in the order --help lists them. */
typedef enum cli_command_id {
	CLI_CMD_GLOBAL = -1, /* the row of a global option */
#define CLI_COMMAND(id, name, fn, flags, en, sv) CLI_CMD_##id,
#define CLI_OPT(cmd, id, type, name, alias, ven, vsv, brief, flags, complete, words, hen, hsv)
#include "options.def"
#undef CLI_OPT
#undef CLI_COMMAND
	CLI_CMD_COUNT
} cli_command_id;

/* Every option, global ones first: CLI_O_<CMD>_<ID>. */
typedef enum cli_opt_id {
#define WS2FIX_SOURCE(id, name, option, partial, opener, sniffer)
#define WS2FIX_SOURCE_TEXTS
#define WS2FIX_SOURCE_TEXT(id, arg_en, arg_sv, help_en, help_sv, files, page_en, page_sv, doc) CLI_O_SOURCE_##id,
#include "ws2fix/sources.def"
#undef WS2FIX_SOURCE_TEXT
#undef WS2FIX_SOURCE_TEXTS
#undef WS2FIX_SOURCE
#define CLI_COMMAND(id, name, fn, flags, en, sv)
#define CLI_OPT(cmd, id, type, name, alias, ven, vsv, brief, flags, complete, words, hen, hsv) CLI_O_##cmd##_##id,
#include "options.def"
#undef CLI_OPT
#undef CLI_COMMAND
	CLI_O_COUNT
} cli_opt_id;

typedef enum cli_opt_type { CLI_OPT_FLAG, CLI_OPT_VALUE, CLI_OPT_ARG } cli_opt_type;

/* What the completion offers for an option's value or an argument. */
typedef enum cli_complete {
	CLI_COMPLETE_NONE,  /* nothing: the user types it */
	CLI_COMPLETE_FILE,  /* file names (words: a bash extglob, "" any file) */
	CLI_COMPLETE_DIR,   /* directory names */
	CLI_COMPLETE_WORDS  /* the words of words */
} cli_complete;

enum {
	CLI_F_SUMMARY = 1,   /* in the command's line of `ws2fix --help` */
	CLI_F_OPTIONAL = 2,  /* an argument that may be left out */
	CLI_F_MANY = 4,      /* an argument of every remaining word */
	CLI_F_GLUED = 8,     /* a value also written right after the name (-j4) */
	CLI_F_OUTPUT = 16,   /* a global option under "Output:" */
	CLI_F_UNLISTED = 32, /* a global option that --help does not list */
	CLI_F_SOURCE = 64,   /* a source option (ws2fix/sources.def); its help has a "%s" */
};

enum { CLI_CMD_USAGE_ON_ERROR = 1 };

typedef struct cli_opt_spec {
	cli_command_id command;   /* CLI_CMD_GLOBAL or the command it belongs to */
	cli_opt_type type;
	const char *name;         /* "--mode"; NULL for an argument and a source (cli_opt_name) */
	const char *alias;        /* "-q", or NULL */
	const char *value[2];     /* the value's name (English, Swedish); NULL for a flag */
	const char *brief;        /* the value's name in the command's line of --help, or NULL */
	unsigned int flags;       /* CLI_F_* */
	cli_complete complete;
	const char *words;
	const char *help[2];      /* English, Swedish; "\n" between lines */
	int source_kind;          /* a source option: its ws2fix_source_kind, else 0 */
} cli_opt_spec;

typedef struct cli_command_spec {
	const char *name;
	unsigned int flags;       /* CLI_CMD_* */
	const char *summary[2];
} cli_command_spec;

/* The tables (options_table.c): cli_opts[CLI_O_...], cli_commands[CLI_CMD_...]. */
extern const cli_opt_spec cli_opts[CLI_O_COUNT];
extern const cli_command_spec cli_commands[CLI_CMD_COUNT];

/** The option's name: "--mode", a source's option, NULL for an argument. */
const char *cli_opt_name(cli_opt_id id);

/** The command called @p name, or -1. */
int cli_command_find(const char *name);

#endif

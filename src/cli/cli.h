/* SPDX-License-Identifier: MIT */
/*
 * The ws2fix command line: shared context and helpers for the cmd_*.c files.
 * Each command is `int cmd_<name>(cli_ctx *ctx, const cli_args *a)`: a
 * holds the command's own arguments, parsed by the option table
 * (options.def, cli_options.h; the global options are in ctx),
 * the return value is the process exit code (docs/EXIT-CODES.md: 0, 1, 2, 3).
 * Commands print through ctx->out / ctx->err and never call exit().
 */
#ifndef WS2FIX_CLI_H
#define WS2FIX_CLI_H

#include <stdio.h>

#include "ws2fix/i18n.h"
#include "ws2fix/registry.h"
#include "ws2fix/session.h"
#include "util/attrs.h"
#include "util/buf.h"

enum { EXIT_OK = 0, EXIT_PROBLEMS = 1, EXIT_USAGE = 2, EXIT_FAILED = 3 };

/* The command line's own messages (messages_cli.def); the library's are
 * ws2fix_msg(MSG_..., ctx->lang). */
typedef enum cli_msgid {
#define MSG(id, en, sv) id,
#include "messages_cli.def"
#undef MSG
	CLI_MSG_COUNT
} cli_msgid;

typedef struct cli_ctx {
	ws2fix_lang lang;
	int json;
	int quiet;
	int color;               /* colour escapes allowed (stdout is a terminal) */
	ws2fix_source_kind source; /* named by a source option (ws2fix/sources.def); LIVE when none */
	const char *source_path; /* the file that option named; NULL live */
	int source_count;        /* how many source options were given */
	const char *command;     /* the command being run ("diagnose") */
	const char *software;    /* --software PATH */
	const char *windows_root;/* --windows-root DIR */
	const char *events;      /* --events FILE.evtx */
	const char *os;          /* --os VERSION */
	int no_file_checks;      /* --no-file-checks */
	int controlset;          /* --controlset N, 0 = default */
	FILE *out;
	FILE *err;
} cli_ctx;

/** One of the command line's own messages, in ctx's language. */
const char *cli_text(const cli_ctx *ctx, cli_msgid id);

/*
 * cli_msg(ctx, MSG_X): the same, for a message named by its id.  The
 * English text is also put where the compiler sees it (cli_msgfmt.h,
 * generated from messages_cli.def by scripts/gen-msgfmt.py), so that when
 * the message is a printf format, gcc and clang check the arguments of
 * the call it is passed to against it; the Swedish text has the same
 * conversions (tests/arch/test_message_tables.py).  An id computed at run
 * time goes through cli_text().
 */
#include "cli_msgfmt.h"
#define cli_msg(ctx, id) ((ctx)->lang == WS2FIX_LANG_EN ? WS2FIX_MSGFMT_##id : cli_text((ctx), (id)))

/**
 * Report an error: one line "ws2fix: error: ..." on stderr, or in JSON mode
 * {"error":{"code":...,"message":...}} on stdout.  Nothing in quiet mode.
 * @return @p exit_code, so commands can `return cli_error(...)`.
 */
int cli_error(cli_ctx *ctx, int exit_code, const char *code_name, const char *fmt, ...) WS2FIX_PRINTF(4, 5);

/** The one out-of-memory error line (code ENOMEM). @return @p exit_code */
int cli_oom(cli_ctx *ctx, int exit_code);

/** As cli_error, for a failed library call: the message is ws2fix_error_last(). */
int cli_error_lib(cli_ctx *ctx, int exit_code, int rc, cli_msgid what, const char *arg);

/** The error line for a source that cannot be opened (@p rc): "not in this
 *  build" for a hive or the live registry where they are not built in.
 *  @return the exit code (2) */
int cli_cannot_open(cli_ctx *ctx, int rc);

/** 1 when the options name a partial source; then prints why @p command
 *  cannot use it (exit code 2 is the caller's). */
int cli_refuse_partial(cli_ctx *ctx);

/* The source options of ws2fix/sources.def ("--hive, --reg, --netsh"),
 * only those of registry sources with @p registry_only, joined by ", "
 * and @p last_sep before the last (NULL: ", "). */
void cli_source_options(ws2fix_buf *b, int registry_only, const char *last_sep);

/** A refusal of the library (ws2fix_refusal) as the one error line, exit 2. */
int cli_refusal(cli_ctx *ctx, ws2fix_refusal why);

/**
 * Claim @p path as an output of this command (ws2fix/outputs.h): 0 when it
 * may be written, else the error line and exit 2 (nothing is written).
 */
int cli_claim_output(cli_ctx *ctx, struct ws2fix_outputs *g, const char *path, int force);

/** "1.2.0" or, for a build from git, "1.2.0 (git g1234abc)" (main.c). */
const char *cli_version(void);

/** Write a finished buffer to ctx->out (unless quiet). */
void cli_emit(cli_ctx *ctx, const ws2fix_buf *b);

/* The commands, each with its arguments parsed by the option table
 * (cli_options.h). */
struct cli_args;
int cmd_show(cli_ctx *ctx, const struct cli_args *a);
int cmd_diagnose(cli_ctx *ctx, const struct cli_args *a);
int cmd_repair(cli_ctx *ctx, const struct cli_args *a);
int cmd_batch(cli_ctx *ctx, const struct cli_args *a);
int cmd_explain(cli_ctx *ctx, const struct cli_args *a);
int cmd_selftest(cli_ctx *ctx, const struct cli_args *a);
int cmd_backup(cli_ctx *ctx, const struct cli_args *a);
int cmd_restore(cli_ctx *ctx, const struct cli_args *a);

/** The line an interrupted run prints (set once the language is known;
 *  read by the signal or console handler of entry_posix.c/entry_win32.c). */
extern const char *volatile cli_interrupted_line;

#endif

/* SPDX-License-Identifier: MIT */
/* Opening the source a command reads: a library session (ws2fix/session.h)
 * from the global options. */
#ifndef WS2FIX_CLI_SOURCE_H
#define WS2FIX_CLI_SOURCE_H

#include "cli.h"
#include "ws2fix/catalog.h"
#include "ws2fix/diagnose.h"
#include "ws2fix/hijackthis.h"
#include "ws2fix/osinfo.h"
#include "ws2fix/session.h"

/* The session and, borrowed from it, what the commands look at. */
typedef struct cli_source {
	ws2fix_session *session;
	ws2fix_registry *reg;          /* NULL for --netsh and --hijackthis */
	const ws2fix_catalog *cat;     /* NULL for --hijackthis */
	ws2fix_osinfo os;
	const ws2fix_dll_probe *probe; /* NULL when DLL existence cannot be checked */
	const ws2fix_hjt_log *hjt;     /* --hijackthis: the log */
} cli_source;

enum {
	CLI_SOURCE_WRITABLE = 1,
	CLI_SOURCE_NETSH_OK = 2, /* the command accepts the partial sources --netsh and --hijackthis */
	CLI_SOURCE_PROBE = 4,    /* set up the DLL probe */
	CLI_SOURCE_EDIT_EXPORT = 8, /* with WRITABLE: a .reg export may be edited in place (--edit-export) */
	CLI_SOURCE_REGISTRY_ONLY = 16 /* only the registry, not its catalog (backup, restore) */
};

/** @return 0, or the exit code after printing the error */
int cli_source_open(cli_ctx *ctx, cli_source *src, unsigned int flags);
void cli_source_close(cli_source *src);

/** "Source: <kind> <path>", the first line of every text report. */
void cli_text_source(ws2fix_buf *b, const cli_ctx *ctx, const cli_source *src);

/** "Warning: --os ... contradicts what the source shows" and a blank line, when it does. */
void cli_text_os_conflict(ws2fix_buf *b, const cli_ctx *ctx, const cli_source *src);

/** A refusal to write, naming --os and what the source shows when they disagree. */
int cli_source_refusal(cli_ctx *ctx, const cli_source *src, ws2fix_refusal why);

/** "Windows: <name> <arch>" and a blank line (unknown when not detected). */
void cli_text_os(ws2fix_buf *b, const cli_ctx *ctx, const ws2fix_osinfo *os);

#endif

/* SPDX-License-Identifier: MIT */
/* Opening everything a command reads: the registry (or netsh text), the
 * catalog, the Windows version and the DLL probe. */
#ifndef WS2FIX_CLI_SOURCE_H
#define WS2FIX_CLI_SOURCE_H

#include "cli.h"
#include "ws2fix/catalog.h"
#include "ws2fix/diagnose.h"
#include "ws2fix/hijackthis.h"
#include "ws2fix/osinfo.h"

typedef struct cli_source {
	ws2fix_registry *reg;      /* NULL for --netsh */
	ws2fix_catalog *cat;
	ws2fix_osinfo os;
	ws2fix_dll_probe *probe;   /* NULL when DLL existence cannot be checked */
	char *windows_root;
	ws2fix_hjt_log *hjt;       /* --hijackthis: the log (then cat and reg are NULL) */
} cli_source;

enum {
	CLI_SOURCE_WRITABLE = 1,
	CLI_SOURCE_NETSH_OK = 2, /* the command accepts the partial sources --netsh and --hijackthis */
	CLI_SOURCE_PROBE = 4     /* set up the DLL probe */
};

/** @return 0, or the exit code after printing the error */
int cli_source_open(cli_ctx *ctx, cli_source *src, unsigned int flags);
void cli_source_close(cli_source *src);

/** Diagnose what cli_source_open opened, in ctx's language. */
int cli_diagnose_source(cli_ctx *ctx, cli_source *src, ws2fix_diagnosis **out);

/** The whole diagnose --json document (one line when !pretty) into b. */
void cli_diagnose_json(ws2fix_buf *b, cli_ctx *ctx, const cli_source *src, const ws2fix_diagnosis *d, int pretty);

/** The "os" object (key and value) for JSON output. */
struct ws2fix_json;
void cli_json_os(struct ws2fix_json *j, const ws2fix_osinfo *os);

#endif

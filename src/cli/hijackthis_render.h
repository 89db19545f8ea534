/* SPDX-License-Identifier: MIT */
/* Output for a --hijackthis source: the log's header and O10 lines. */
#ifndef WS2FIX_CLI_HIJACKTHIS_RENDER_H
#define WS2FIX_CLI_HIJACKTHIS_RENDER_H

#include "cli.h"
#include "util/buf.h"
#include "ws2fix/hijackthis.h"

/** What `show` prints for a log under its source line: tool, platform,
 *  elevation, every O10 line. */
void cli_hjt_text(ws2fix_buf *b, cli_ctx *ctx, const ws2fix_hjt_log *log);

/** The one-line summary diagnose prints under the source line. */
void cli_hjt_summary(ws2fix_buf *b, cli_ctx *ctx, const ws2fix_hjt_log *log);

#endif

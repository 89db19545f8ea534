/* SPDX-License-Identifier: MIT */
/*
 * What show and diagnose add from what Windows recorded itself: which
 * program installed an LSP (the WS2HELP event log, live only) and which
 * programs are excluded from LSPs (AppId_Catalog, any registry source).
 * Everything here is optional information: when it is missing nothing is
 * printed and no error is raised.
 */
#ifndef WS2FIX_CLI_LIVE_INFO_H
#define WS2FIX_CLI_LIVE_INFO_H

#include "cli.h"
#include "util/buf.h"
#include "ws2fix/catalog.h"
#include "ws2fix/events.h"

/** The same as one show line ("Installed by:  C:\...\setup.exe (date)"),
 *  padded like the other labels of `show`; nothing when unknown. */
void cli_text_installed_by(ws2fix_buf *b, const cli_ctx *ctx, const ws2fix_protocol_entry *e,
	enum ws2fix_view view, const ws2fix_lsp_events *ev);

/** A short text section listing the exclusions, ending in a blank line;
 *  nothing when there are none. */
void cli_text_app_exclusions(ws2fix_buf *b, const cli_ctx *ctx, ws2fix_registry *reg);

#endif

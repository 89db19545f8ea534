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
#include "util/json.h"
#include "ws2fix/catalog.h"
#include "ws2fix/events.h"

/**
 * The WS2HELP events of this machine when @p reg is the live registry;
 * NULL for other sources, when the log has no such events, or when it
 * cannot be read (the reason is dropped: absent data is simply absent).
 * Free with ws2fix_events_free().
 */
ws2fix_lsp_events *cli_live_events(ws2fix_registry *reg);

/** "installed_by" and "installed_on" keys for a protocol entry of @p view
 *  (inside its open object), when the events know them; nothing otherwise.
 *  @p ev may be NULL. */
void cli_json_installed_by(ws2fix_json *j, const ws2fix_protocol_entry *e, enum ws2fix_view view,
	const ws2fix_lsp_events *ev);

/** The same as one show line ("Installed by:  C:\...\setup.exe (date)"),
 *  padded like the other labels of `show`; nothing when unknown. */
void cli_text_installed_by(ws2fix_buf *b, const cli_ctx *ctx, const ws2fix_protocol_entry *e,
	enum ws2fix_view view, const ws2fix_lsp_events *ev);

/** "app_catalog": [{"key","path","args","permitted_lsp_categories",
 *  "categories"}] (inside an open object): [] when the key is absent, null
 *  when it could not be read.  Nothing when @p reg is NULL (--netsh). */
void cli_json_app_exclusions(ws2fix_json *j, ws2fix_registry *reg);

/** A short text section listing the exclusions, ending in a blank line;
 *  nothing when there are none. */
void cli_text_app_exclusions(ws2fix_buf *b, const cli_ctx *ctx, ws2fix_registry *reg);

#endif

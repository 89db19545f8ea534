/* SPDX-License-Identifier: MIT */
/* Rendering of a read catalog as JSON (shared by show and diagnose). */
#ifndef WS2FIX_CLI_CATALOG_RENDER_H
#define WS2FIX_CLI_CATALOG_RENDER_H

#include "cli.h"
#include "ws2fix/catalog.h"
#include "util/json.h"

/** "tool", "version" and the "source" object (inside an open object);
 *  @p reg NULL means the --netsh text named in ctx. */
void cli_json_source(ws2fix_json *j, cli_ctx *ctx, ws2fix_registry *reg);

/** The "findings", "skipped" and "summary" members of diagnose --json. */
struct ws2fix_diagnosis;
void cli_json_findings(ws2fix_json *j, const struct ws2fix_diagnosis *d);

/** The "catalogs" array (key and value, inside an open object). */
void cli_json_catalogs(ws2fix_json *j, const ws2fix_catalog *cat);

/** The same, with "installed_by"/"installed_on" from the WS2HELP event log
 *  (live_info.h); @p ev may be NULL. */
struct ws2fix_lsp_events;
void cli_json_catalogs_ev(ws2fix_json *j, const ws2fix_catalog *cat, const struct ws2fix_lsp_events *ev);

/** Names of the structural problem bits of an item, comma-separated, into b. */
void cli_item_problems(ws2fix_buf *b, unsigned int problems);

/** The views to list, in netsh order (64-bit first); returns how many. */
int cli_view_order(const ws2fix_catalog *cat, int is_protocol, enum ws2fix_view out[2]);

#endif

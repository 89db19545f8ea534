/* SPDX-License-Identifier: MIT */
/*
 * The parts of ws2fix's JSON documents and text reports, written once for
 * every front end.  Whole documents come from ws2fix/session.h; these are
 * the pieces a front end puts into a document of its own (`backup` and
 * `restore` name their source the same way as every other command).
 *
 * The JSON writer is the project's own (src/util/json.h, struct ws2fix_json),
 * shared by the library and its front ends.
 */
#ifndef WS2FIX_REPORT_H
#define WS2FIX_REPORT_H

#include <stddef.h>
#include "ws2fix/catalog.h"
#include "ws2fix/cause.h"
#include "ws2fix/diagnose.h"
#include "ws2fix/osinfo.h"
#include "ws2fix/registry.h"
#include "ws2fix/repair.h"
#include "ws2fix/repair_run.h"

#ifdef __cplusplus
extern "C" {
#endif

struct ws2fix_json;

/** "tool", "version" and "source" of a registry source (hive, .reg, live). */
void ws2fix_report_json_source(struct ws2fix_json *j, ws2fix_registry *reg, ws2fix_lang lang);

/** The "os" member. */
void ws2fix_report_json_os(struct ws2fix_json *j, const ws2fix_osinfo *os);

/** The "findings", "skipped" and "summary" members of a diagnosis. */
void ws2fix_report_json_findings(struct ws2fix_json *j, const ws2fix_diagnosis *d);

/** The views present, 64-bit first ("catalogs" order).  @return how many */
int ws2fix_catalog_view_order(const ws2fix_catalog *cat, int is_protocol, enum ws2fix_view out[2]);

/**
 * The names of a packed item's problems ("size", "path-no-nul", ...).
 * @return how many there are (at most @p max are stored)
 */
size_t ws2fix_item_problem_names(const char **out, size_t max, unsigned int problems);

/* ---- Text: one formatter for the CLI and the GUI. ---- */

/** Flags of the text reports. */
enum {
	WS2FIX_TEXT_LIVE = 1,   /**< the source is the running system (restore point, restart lines) */
	WS2FIX_TEXT_BRIEF = 2,  /**< the plan without keys, values and operation counts (the GUI) */
	WS2FIX_TEXT_COLOR = 4   /**< ANSI colours for a terminal */
};

/**
 * The findings grouped by severity (errors, warnings, notes), each with its
 * code, view, message and fix, then the checks that were skipped.  Caller
 * frees; NULL when out of memory.
 */
char *ws2fix_report_findings_text(const ws2fix_diagnosis *d, ws2fix_lang lang, unsigned int flags);

/**
 * The likely cause (ws2fix/cause.h) as people read it: a heading, the
 * summary, the layered providers with vendor and IFS, the programs already
 * excluded, and the numbered steps.  Caller frees; NULL when out of memory.
 */
char *ws2fix_report_cause_text(const ws2fix_cause *c, ws2fix_lang lang, unsigned int flags);

/**
 * The plan as people read it: heading, numbered steps (with cause, key,
 * old and new value unless BRIEF), providers removed, notes.  Caller frees.
 * @return the text, or NULL when out of memory
 */
char *ws2fix_report_plan_text(const ws2fix_repair_plan *p, ws2fix_repair_mode mode, ws2fix_lang lang,
	unsigned int flags);

/**
 * The catalog as a Graphviz graph (`show --format dot`): one cluster per
 * catalog view; a node per entry (programs' entry points: the chains;
 * layered providers; base providers; name space providers), an edge per
 * link of every protocol chain, and a node for every id a chain names that
 * no entry has.  Entries with CHAIN_BROKEN or LAYER_ORPHANED findings in
 * @p d, links of a broken chain and links to missing ids are marked, and
 * so are the entries @p plan removes.  Every node and edge carries
 * ws2fix_* attributes (kind, view, key, id, broken, orphan, removed,
 * chain, link, missing).  @p d and @p plan may be NULL.  Caller frees.
 * @return 0, WS2FIX_EINVALID without a catalog, WS2FIX_ENOMEM
 */
int ws2fix_report_chains_dot(char **out, const ws2fix_catalog *cat, const ws2fix_diagnosis *d,
	const ws2fix_repair_plan *plan, ws2fix_lang lang);

/**
 * The same graph as JSON, for a front end that lays it out itself (the web
 * page): {"title", "views": [{"catalog", "view", "label", "nodes": [{"name",
 * "kind", "key", "catalog_id", "label", "broken", "orphan", "removed"}],
 * "edges": [{"from", "to" (node indexes in the view), "chain", "link",
 * "broken", "missing"}]}]}.  Nodes come in catalog order (node i is entry
 * i), then the missing ids.  Caller frees.
 */
int ws2fix_report_chains_json(char **out, const ws2fix_catalog *cat, const ws2fix_diagnosis *d,
	const ws2fix_repair_plan *plan, ws2fix_lang lang);

/**
 * The third-party providers a plan removes, each with every entry it
 * loses (catalog, view, id, key, name), under @p heading (NULL: "This
 * removes these third-party providers ...").  Empty when it removes none.
 * Caller frees; NULL when out of memory.
 */
char *ws2fix_report_removed_text(const ws2fix_repair_plan *p, const char *heading, ws2fix_lang lang);

/**
 * What a repair run did, one line each: the backup, (live) the restore
 * point, the operations applied, the original kept, netsh, the
 * verification and (live) Winsock's own provider counts and the restart.
 * For a run that reached WS2FIX_RUN_DONE.  Caller frees; NULL when out of memory.
 */
char *ws2fix_report_run_text(const ws2fix_repair_run_result *r, const char *restore_point_name, ws2fix_lang lang,
	unsigned int flags);

#ifdef __cplusplus
}
#endif
#endif

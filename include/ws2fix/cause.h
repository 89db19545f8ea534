/* SPDX-License-Identifier: MIT */
/*
 * The likely cause of a network error on the machine a catalog comes
 * from, as diagnose and the web page give it (issue 26): the catalog's
 * findings say whether it is damaged, but a whole catalog can still be why
 * one program fails.  Three answers, each with its evidence and what to do:
 *
 *  - "catalog": error findings; the catalog can break every program, and
 *    repairing it comes first;
 *  - "layered-provider": the catalog is whole, and third-party layered
 *    providers see every program's traffic.  A program that fails while
 *    others work (Node's ECONNRESET, WSL's 0x8007273d) is excluded from
 *    them, or the product's own setting or uninstaller is used; a reset is
 *    the last resort, and it breaks the product;
 *  - "not-catalog": whole, with Microsoft's providers only.  A program that
 *    fails with 10106 or 10107 at its start while others work is missing
 *    SystemRoot in its environment; a reset cannot help;
 *  - "unknown": the source cannot show the whole catalog (a HijackThis log)
 *    and shows no error.
 */
#ifndef WS2FIX_CAUSE_H
#define WS2FIX_CAUSE_H

#include <stddef.h>
#include "ws2fix/catalog.h"
#include "ws2fix/diagnose.h"
#include "ws2fix/i18n.h"
#include "ws2fix/osinfo.h"
#include "ws2fix/registry.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum ws2fix_cause_verdict {
	WS2FIX_CAUSE_CATALOG = 0,
	WS2FIX_CAUSE_LAYERED_PROVIDER,
	WS2FIX_CAUSE_NOT_CATALOG,
	WS2FIX_CAUSE_UNKNOWN
} ws2fix_cause_verdict;

/** Stable id: "catalog", "layered-provider", "not-catalog", "unknown"; "" out of range. */
const char *ws2fix_cause_verdict_id(ws2fix_cause_verdict v);

/** One third-party layered provider (all its entries in both views). */
typedef struct ws2fix_cause_provider {
	char *name;            /**< display name of its hidden entry, else its first chain */
	char *path;            /**< its DLL as stored (the first view's) */
	const char *vendor;    /**< from the knowledge base, or NULL (static) */
	const char *product;   /**< from the knowledge base, or NULL (static) */
	const char *category;  /**< ws2fix_provider_category_name(), or NULL when unknown */
	int ifs;               /**< 0: a TCP or UDP chain lacks XP1_IFS_HANDLES; 1 otherwise */
	int managed;           /**< the knowledge base says it is centrally managed */
	int reregisters;       /**< the knowledge base says it puts itself back */
	unsigned views;        /**< bit 0: in the 32-bit view, bit 1: in the 64-bit view */
} ws2fix_cause_provider;

typedef struct ws2fix_cause {
	ws2fix_cause_verdict verdict;
	char *summary;                     /**< one sentence, in the language asked for */
	ws2fix_cause_provider *providers;  /**< third-party layered providers, in catalog order */
	size_t provider_count;
	int excluded_known;                /**< the source shows AppId_Catalog (a registry source) */
	char **excluded;                   /**< programs excluded from layered providers (AppFullPath) */
	size_t excluded_count;
	char **steps;                      /**< what to do, in order */
	size_t step_count;
} ws2fix_cause;

typedef struct ws2fix_cause_options {
	ws2fix_lang lang;
	int partial;    /**< the source lists only some providers (a HijackThis log) */
	int this_machine; /**< the source is the running machine (commands run here, not "on that machine") */
	const ws2fix_osinfo *os; /**< the Windows it is (NULL: unknown); before 7 no program can be excluded */
} ws2fix_cause_options;

/**
 * The cause a diagnosis points to.  @p reg may be NULL (netsh text, a
 * HijackThis log): then the excluded programs are unknown.
 * @param[out] out  free with ws2fix_cause_free()
 * @return 0, WS2FIX_ENOMEM, or WS2FIX_EINVALID for a NULL argument
 */
int ws2fix_cause_find(ws2fix_cause **out, ws2fix_registry *reg, const ws2fix_catalog *cat,
	const ws2fix_diagnosis *d, const ws2fix_cause_options *o);

void ws2fix_cause_free(ws2fix_cause *c);

#ifdef __cplusplus
}
#endif
#endif

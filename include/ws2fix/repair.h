/* SPDX-License-Identifier: MIT */
/*
 * Repair: a plan first, built from the findings, then (only when asked)
 * applied through the same registry interface for every source.
 *
 * Surgical mode removes what is broken and only that (broken chains,
 * orphaned layers, entries whose DLL is gone, malformed entries, duplicates,
 * known-malicious providers), strips removed layers from other chains as
 * Microsoft's LSP sample does, restores what is missing from the version's
 * defaults, renumbers and fixes the counters.  Reset mode rebuilds the
 * protocol catalog of the detected Windows version from the defaults the
 * real hives show, keeping name space providers unless they are broken.
 */
#ifndef WS2FIX_REPAIR_H
#define WS2FIX_REPAIR_H

#include <stddef.h>
#include <stdint.h>
#include "ws2fix/catalog.h"
#include "ws2fix/installed.h"
#include "ws2fix/diagnose.h"
#include "ws2fix/i18n.h"
#include "ws2fix/osinfo.h"
#include "ws2fix/registry.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum ws2fix_repair_mode {
	WS2FIX_REPAIR_SURGICAL = 0,
	WS2FIX_REPAIR_RESET = 1
} ws2fix_repair_mode;

/** Options.  Initialise with WS2FIX_REPAIR_OPTIONS_INIT. */
typedef struct ws2fix_repair_options {
	unsigned int version;
	ws2fix_lang lang;
	ws2fix_repair_mode mode;
	const char *remove;       /**< --remove: a catalog id or a DLL file name, or NULL */
	const ws2fix_osinfo *os;  /**< needed to restore defaults (reset, missing providers) */
	/** The SOFTWARE hive's programs (ws2fix/installed.h), or NULL: a
	 *  removed provider whose product is listed there gets a note naming
	 *  its uninstaller (the removal will not last). */
	const ws2fix_installed_products *installed;
} ws2fix_repair_options;

#define WS2FIX_REPAIR_OPTIONS_VERSION 2
#define WS2FIX_REPAIR_OPTIONS_INIT {WS2FIX_REPAIR_OPTIONS_VERSION, WS2FIX_LANG_EN, WS2FIX_REPAIR_SURGICAL, NULL, NULL, NULL}

/** One registry operation of a plan (paths relative to the SYSTEM root). */
typedef enum ws2fix_op_kind {
	WS2FIX_OP_SET_VALUE,
	WS2FIX_OP_DELETE_VALUE,
	WS2FIX_OP_CREATE_KEY,
	WS2FIX_OP_DELETE_KEY
} ws2fix_op_kind;

typedef struct ws2fix_repair_op {
	ws2fix_op_kind kind;
	char *key;
	char *name;          /**< value name (SET/DELETE_VALUE) */
	uint32_t type;
	unsigned char *data;
	size_t len;
} ws2fix_repair_op;

/** One step as people read it: what, where, old and new in short, why. */
typedef struct ws2fix_repair_step {
	char *action;        /**< human text in the plan's language */
	char *key;           /**< the key (or key\value) it changes */
	char *old_text;      /**< short old content, or NULL */
	char *new_text;      /**< short new content, or NULL */
	int has_cause;
	ws2fix_finding_code cause;
} ws2fix_repair_step;

/** One entry a plan removes, of a third-party provider it lists. */
typedef struct ws2fix_removed_entry {
	size_t provider;         /**< index into ws2fix_repair_plan.removed_providers */
	char *name;              /**< the protocol's name, or the name space provider's DLL */
	char *path;              /**< its DLL as the catalog names it */
	const char *catalog;     /**< "protocol" or "namespace" */
	int view;                /**< enum ws2fix_view: 32- or 64-bit */
	char *key;               /**< its key ("000000000007") */
	int has_catalog_id;      /**< protocol entries: catalog_id is its id */
	uint32_t catalog_id;
} ws2fix_removed_entry;

typedef struct ws2fix_repair_plan {
	ws2fix_repair_step *steps;
	size_t step_count;
	ws2fix_repair_op *ops;
	size_t op_count;
	char **notes;            /**< findings with no repair step and why; manual steps */
	size_t note_count;
	char **removed_providers; /**< third-party providers the plan removes ("name (path)") */
	size_t removed_count;
	int needs_restart;       /**< a live system must restart to load the new catalog */
	int run_netsh_reset;     /**< live reset on XP SP2+: run `netsh winsock reset` after the writes */
	ws2fix_removed_entry *removed_entries; /**< every entry of removed_providers the plan removes,
					          grouped by provider */
	size_t removed_entry_count;
	ws2fix_finding_code *unfixed; /**< the error findings this plan does not fix (each has a note
				           saying why), in the diagnosis' order */
	size_t unfixed_count;
} ws2fix_repair_plan;

/**
 * Build the plan.  Reads nothing but @p reg, @p cat and @p diag; changes
 * nothing.  @p reg may be read-only.
 * @param[out] out  free with ws2fix_repair_plan_free()
 * @return 0, or an error code (reading the registry, out of memory,
 *         WS2FIX_EINVALID for a --remove that names nothing)
 */
int ws2fix_repair_plan_build(ws2fix_repair_plan **out, ws2fix_registry *reg, const ws2fix_catalog *cat,
	const ws2fix_diagnosis *diag, const ws2fix_repair_options *opts);

/**
 * Carry out the plan's registry operations in order (no commit: the caller
 * commits, after its backup).  Stops at the first failure.
 * @return 0 or the failing operation's error code
 */
int ws2fix_repair_plan_apply(ws2fix_registry *reg, const ws2fix_repair_plan *plan);

/**
 * The plan's registry operations as a regedit file (UTF-16LE with BOM,
 * "Windows Registry Editor Version 5.00"), in order: [-KEY] for a deleted
 * key, "name"=- for a deleted value.  Imported with `reg import` into the
 * registry the plan was built from, it makes the same changes as
 * ws2fix_repair_plan_apply().  Keys are under HKEY_LOCAL_MACHINE\SYSTEM
 * with the control set the plan names.
 * @param[out] out  caller frees with free()
 * @return 0, WS2FIX_EINVALID (a name no .reg file can carry) or WS2FIX_ENOMEM
 */
int ws2fix_repair_plan_fix_file(unsigned char **out, size_t *out_len, const ws2fix_repair_plan *plan);

/**
 * Write ws2fix_repair_plan_fix_file() to @p path atomically: a kill at
 * any moment leaves either no file (or the old one) or the whole new one.
 * @return 0 or an error code (ws2fix_error_last() says why)
 */
int ws2fix_repair_plan_write_fix_file(const ws2fix_repair_plan *plan, const char *path);

/** 1 when unfixed[@p i] is the first of its code (to list each code once). */
int ws2fix_repair_plan_unfixed_first(const ws2fix_repair_plan *plan, size_t i);

void ws2fix_repair_plan_free(ws2fix_repair_plan *plan);

#ifdef __cplusplus
}
#endif
#endif

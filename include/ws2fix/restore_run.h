/* SPDX-License-Identifier: MIT */
/*
 * Putting a backup back, as one call for every front end (`ws2fix
 * restore`, the wizard's Undo): refuse what cannot be done safely, read
 * which keys the backup replaces, back up the current state of exactly
 * those keys, restore, commit (an offline file's original is kept),
 * read the source back from disk and check every restored key against
 * the backup.  A live restore that fails part-way puts the state of just
 * before back.  None of this prints; every outcome is in the result.
 */
#ifndef WS2FIX_RESTORE_RUN_H
#define WS2FIX_RESTORE_RUN_H

#include "ws2fix/catalog.h"
#include "ws2fix/outputs.h"
#include "ws2fix/registry.h"
#include "ws2fix/session.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Options of ws2fix_restore_run.  Initialise with WS2FIX_RESTORE_RUN_OPTIONS_INIT. */
typedef struct ws2fix_restore_run_options {
	unsigned int version;
	ws2fix_lang lang;
	const char *file;            /**< the backup to put back (required) */
	const char *pre_backup;      /**< where the current state goes first (required) */
	int with_win2000_extras;     /**< the pre-backup also holds Windows 2000's keys */
	int force;                   /**< write a dirty hive anyway */
	/** Called as soon as the pre-backup is on disk (may be NULL): a front
	 *  end shows its name whatever happens next. */
	void (*on_pre_backup)(const char *path, void *data);
	void *data;
	/** The inputs the pre-backup must not overwrite (ws2fix/outputs.h);
	 *  NULL: the source's file.  The file restored is added to it. */
	ws2fix_outputs *outputs;
} ws2fix_restore_run_options;

#define WS2FIX_RESTORE_RUN_OPTIONS_VERSION 1
#define WS2FIX_RESTORE_RUN_OPTIONS_INIT \
	{WS2FIX_RESTORE_RUN_OPTIONS_VERSION, WS2FIX_LANG_EN, NULL, NULL, 0, 0, NULL, NULL, NULL}

/** How far a restore got (the first stage that did not complete, or DONE). */
typedef enum ws2fix_restore_stage {
	WS2FIX_RESTORE_CHECKS = 0,   /**< refused (see refusal): nothing written */
	WS2FIX_RESTORE_READ,         /**< the backup cannot be read or is not one: nothing written */
	WS2FIX_RESTORE_PRE_BACKUP,   /**< the current state could not be saved: nothing changed */
	WS2FIX_RESTORE_APPLY,        /**< putting the keys back failed (live: see rollback) */
	WS2FIX_RESTORE_COMMIT,       /**< writing the result failed (offline: the file is unchanged) */
	WS2FIX_RESTORE_VERIFY,       /**< written, but it does not read back as the backup */
	WS2FIX_RESTORE_DONE
} ws2fix_restore_stage;

typedef struct ws2fix_restore_run_result {
	ws2fix_restore_stage stage;
	ws2fix_refusal refusal;      /**< stage CHECKS: why (NONE: see output_refusal) */
	ws2fix_output_refusal output_refusal; /**< stage CHECKS: why pre_backup was refused, or OK */
	ws2fix_strlist keys;         /**< the keys restored */
	char *pre_backup;            /**< the backup of the state before, once written */
	char *kept;                  /**< offline: where the original file went */
	int committed;               /**< the source was written */
	int rollback;                /**< live failure: 1 the state before was put back, <0 that failed too */
	char *difference;            /**< stage VERIFY: the first key or value that differs */
	ws2fix_catalog *cat;         /**< DONE: the catalog now, or NULL when it cannot be read */
	char *cat_error;             /**< why the catalog cannot be read */
	ws2fix_diagnosis *after;     /**< DONE: the diagnosis of the result (no file checks), or NULL */
	char *error;                 /**< what went wrong (stage < DONE) */
} ws2fix_restore_run_result;

/**
 * Restore @p opts->file into @p *reg (open writable).  On return *reg is
 * the source as read back from disk when it was written (the one passed in
 * is freed), else unchanged.
 * @param[out] res  always filled; free with ws2fix_restore_run_result_clear()
 * @return 0 when the run reached DONE, else the error code of the failing stage
 */
int ws2fix_restore_run(ws2fix_restore_run_result *res, ws2fix_registry **reg, const ws2fix_restore_run_options *opts);

void ws2fix_restore_run_result_clear(ws2fix_restore_run_result *res);

/**
 * The restored catalog's size, as Windows loads it (the 64-bit view when
 * there is one): protocol entries and name space providers.
 * @return 1, or 0 (both 0) when the restored catalog cannot be read
 */
int ws2fix_restore_run_counts(const ws2fix_restore_run_result *r, size_t *protocols, size_t *namespaces);

/**
 * ws2fix_restore_run() on the session's registry (which it may replace by
 * the reopened one), with the session's language and, unless @p opts names
 * one, its output guard: the pre-backup never lands on an input.
 */
int ws2fix_session_restore(ws2fix_restore_run_result *res, ws2fix_session *s, const ws2fix_restore_run_options *opts);

#ifdef __cplusplus
}
#endif
#endif

/* SPDX-License-Identifier: MIT */
/*
 * The whole repair as one call: refuse what cannot be done safely, plan,
 * write the backup, (live) a restore point, apply, commit, (live reset)
 * netsh, re-open the source and re-diagnose it.  None of this prints;
 * every outcome is in the result.  Front ends reach it through
 * ws2fix_session_repair() (ws2fix/session.h), which opens the source the
 * same way for all of them.
 */
#ifndef WS2FIX_REPAIR_RUN_H
#define WS2FIX_REPAIR_RUN_H

#include <stddef.h>
#include "ws2fix/catalog.h"
#include "ws2fix/diagnose.h"
#include "ws2fix/i18n.h"
#include "ws2fix/osinfo.h"
#include "ws2fix/outputs.h"
#include "ws2fix/registry.h"
#include "ws2fix/repair.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Why a session cannot be written now (ws2fix_session_check_apply). */
typedef enum ws2fix_refusal {
	WS2FIX_REFUSE_NONE = 0,
	WS2FIX_REFUSE_PARTIAL,   /**< netsh text or a HijackThis log: nothing to write to */
	WS2FIX_REFUSE_READONLY,  /**< opened without options.writable */
	WS2FIX_REFUSE_DIRTY,     /**< a dirty hive whose logs could not be replayed, without force */
	WS2FIX_REFUSE_NOT_ADMIN, /**< the live registry without administrator rights */
	WS2FIX_REFUSE_EXPORT,    /**< a .reg export: a copy of a machine's keys, not the machine
				      (writable only with options.edit_export) */
	WS2FIX_REFUSE_OS_CONFLICT, /**< --os contradicts what the source shows, without force
				       (ws2fix_session_os_conflict names both) */
	WS2FIX_REFUSE_FOREIGN_BACKUP /**< restore: not a backup ws2fix took of this source (a fix
				          file, another machine's export), without force */
} ws2fix_refusal;

/** Options of ws2fix_repair_run.  Initialise with WS2FIX_REPAIR_RUN_OPTIONS_INIT. */
typedef struct ws2fix_repair_run_options {
	unsigned int version;
	ws2fix_lang lang;
	ws2fix_repair_mode mode;
	const char *remove;          /**< as --remove, or NULL */
	const char *backup_path;     /**< where the .reg backup goes (required) */
	int with_win2000_extras;     /**< also back up the keys Windows 2000's instructions name */
	int force;                   /**< write a dirty hive anyway */
	const char *restore_point;   /**< live: the restore point's description; NULL: none */
	/** The plan the user confirmed (may be NULL): when given, the plan built
	 *  now must have exactly the same registry operations, else nothing is
	 *  written (another program changed the catalog in between). */
	const ws2fix_repair_plan *confirmed;
	/** The inputs the backup must not overwrite (ws2fix/outputs.h); NULL:
	 *  the run protects the source it writes.  force also allows an
	 *  existing backup file to be replaced. */
	ws2fix_outputs *outputs;
	/** The Windows version the result is checked with; NULL: the run's own
	 *  (a forced repair on a contradicting --os is checked by what the
	 *  source shows). */
	const ws2fix_osinfo *verify_os;
	/** With no probe: why DLLs are not checked, for the diagnoses' skipped
	 *  lines (NULL: the source's kind says). */
	const char *no_probe_why;
	/** The SOFTWARE hive's programs for the plan's notes, or NULL
	 *  (ws2fix_repair_options.installed). */
	const ws2fix_installed_products *installed;
} ws2fix_repair_run_options;

#define WS2FIX_REPAIR_RUN_OPTIONS_VERSION 2
#define WS2FIX_REPAIR_RUN_OPTIONS_INIT \
	{WS2FIX_REPAIR_RUN_OPTIONS_VERSION, WS2FIX_LANG_EN, WS2FIX_REPAIR_SURGICAL, NULL, NULL, 0, 0, NULL, NULL, NULL, \
	 NULL, NULL, NULL}

/** How far a run got (the first stage that did not complete, or DONE). */
typedef enum ws2fix_repair_stage {
	WS2FIX_RUN_CHECKS = 0,  /**< refused before anything was written (dirty hive, rights, the
				     backup path, plan changed) */
	WS2FIX_RUN_PLAN,        /**< diagnosis or plan failed */
	WS2FIX_RUN_BACKUP,      /**< the backup could not be written: nothing changed */
	WS2FIX_RUN_APPLY,       /**< applying or committing failed (see rollback) */
	WS2FIX_RUN_VERIFY,      /**< applied, but re-reading or re-diagnosing failed */
	WS2FIX_RUN_DONE
} ws2fix_repair_stage;

typedef struct ws2fix_repair_run_result {
	ws2fix_repair_stage stage;
	ws2fix_diagnosis *before;
	ws2fix_repair_plan *plan;
	int applied;              /**< 1 when the plan's operations were written */
	char *backup_path;        /**< the backup written, or NULL */
	int restore_point;        /**< 1 created, 0 not asked for / not live, <0 the error (off, missing) */
	char *original_kept;      /**< hive or .reg: where the original file went */
	int netsh_ran;            /**< 1 when `netsh winsock reset` ran; netsh_exit is its exit code */
	int netsh_exit;
	char *netsh_error;        /**< why netsh could not run, or NULL */
	int rollback;             /**< live apply failure: 1 the backup was put back, <0 that failed too */
	ws2fix_diagnosis *after;  /**< the re-diagnosis (stage DONE) */
	int have_counts;          /**< live: Winsock's own provider counts are known */
	size_t native_providers, wow64_providers;
	char *error;              /**< what went wrong (stage < DONE), in English, from the library */
	ws2fix_refusal refusal;   /**< stage CHECKS: the library's refusal, or NONE */
	ws2fix_output_refusal output_refusal; /**< stage CHECKS: why the backup path was refused, or OK */
} ws2fix_repair_run_result;

/**
 * Diagnose @p reg / @p cat (as opened for @p os with @p probe), build the
 * plan and, when it is not empty, carry it out: refuse a dirty hive
 * without force and a live registry without administrator rights; write
 * the backup (nothing changes if it fails); live: a restore point when
 * asked; apply; commit (hive and .reg: the original kept as
 * <path>.ws2fix-<UTC>.bak); live: on failure put the backup back; live
 * reset: run netsh; re-open the source by kind and path (the same control
 * set) and diagnose it with @p probe.  @p reg must be open writable.
 * @param[out] res  always filled; free with ws2fix_repair_run_result_clear()
 * @return 0 when the run reached DONE (or the plan was empty: applied 0),
 *         else the error code of the failing stage (res->stage, res->error)
 */
int ws2fix_repair_run(ws2fix_repair_run_result *res, ws2fix_registry *reg, const ws2fix_catalog *cat,
	const ws2fix_osinfo *os, const ws2fix_dll_probe *probe, const ws2fix_repair_run_options *opts);

void ws2fix_repair_run_result_clear(ws2fix_repair_run_result *res);

/** 1 when two plans have the same registry operations, in the same order. */
int ws2fix_repair_plan_same_ops(const ws2fix_repair_plan *a, const ws2fix_repair_plan *b);

#ifdef __cplusplus
}
#endif
#endif

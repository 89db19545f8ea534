/* SPDX-License-Identifier: MIT */
/*
 * One engine for every front end: a session opens one source (the live
 * registry, a SYSTEM hive, a .reg export, netsh text or a HijackThis log)
 * with everything a command reads from it (catalog, Windows version, DLL
 * probe), and goes through diagnose -> plan -> backup -> apply -> verify.
 *
 * The CLI, the GUI and the web page only gather options for
 * ws2fix_session_open() and present what the session gives back: the
 * diagnosis, the plan, the run result, and the JSON documents and text
 * reports made from them here, once.  Every refusal (partial source, dirty
 * hive, missing rights) and every version rule (the live reset's `netsh
 * winsock reset` from XP SP2 on, the OS-detection fallback) lives in the
 * library, behind these calls.
 */
#ifndef WS2FIX_SESSION_H
#define WS2FIX_SESSION_H

#include <stddef.h>
#include "ws2fix/catalog.h"
#include "ws2fix/cause.h"
#include "ws2fix/diagnose.h"
#include "ws2fix/dllprobe.h"
#include "ws2fix/fixfile.h"
#include "ws2fix/outputs.h"
#include "ws2fix/hijackthis.h"
#include "ws2fix/i18n.h"
#include "ws2fix/osinfo.h"
#include "ws2fix/registry.h"
#include "ws2fix/repair.h"
#include "ws2fix/repair_run.h"

#ifdef __cplusplus
extern "C" {
#endif

/** What a session reads: the lines of ws2fix/sources.def. */
typedef enum ws2fix_source_kind {
	WS2FIX_SOURCE_NONE = 0, /**< not recognised (ws2fix_source_detect) */
#define WS2FIX_SOURCE(id, name, option, partial, opener, sniffer) WS2FIX_SOURCE_##id,
#include "ws2fix/sources.def"
#undef WS2FIX_SOURCE
	WS2FIX_SOURCE_COUNT
} ws2fix_source_kind;

/** "live", "hive", "reg", "netsh", "hijackthis" ("none" for NONE). */
const char *ws2fix_source_kind_name(ws2fix_source_kind kind);

/** The CLI option that names a file of this kind ("--hive"), or NULL. */
const char *ws2fix_source_kind_option(ws2fix_source_kind kind);

/** 1 when sources of this kind are partial (never written). */
int ws2fix_source_kind_is_partial(ws2fix_source_kind kind);

/**
 * Recognise pasted or dropped input: a .reg export (either encoding), a
 * netsh catalog listing, a HijackThis log, or a registry hive file (its
 * "regf" signature).  Never LIVE.
 * @return the kind, or WS2FIX_SOURCE_NONE when it is none of them
 */
ws2fix_source_kind ws2fix_source_detect(const unsigned char *data, size_t len);

/**
 * What the file at @p path is, by its content (its first 64 KiB), as
 * ws2fix_source_detect says: for batch, which takes any mix of inputs.
 * @return the kind, or WS2FIX_SOURCE_NONE (unreadable or none of them)
 */
ws2fix_source_kind ws2fix_source_detect_file(const char *path);

/** Options of ws2fix_session_open.  Initialise with WS2FIX_SESSION_OPTIONS_INIT. */
typedef struct ws2fix_session_options {
	unsigned int version;
	ws2fix_lang lang;             /**< language of findings, plans and reports */
	ws2fix_source_kind kind;
	const char *path;             /**< the file (every kind but LIVE) */
	int writable;                 /**< open for repair --apply (hive, .reg, live) */
	int controlset;               /**< ControlSet number, 0: the one Select\Current names */
	const char *software;         /**< a SOFTWARE hive for the Windows version, or NULL */
	const char *windows_root;     /**< an offline Windows directory for the DLL probe, or NULL */
	const char *os;               /**< a Windows version that overrides detection ("xp-sp2"), or NULL */
	int probe;                    /**< set up the DLL probe (live, or beside a hive) */
	int edit_export;              /**< with writable: a .reg export may be edited in place (a copy
				           for records or a lab; no machine changes).  Without it a
				           .reg is refused for writing (WS2FIX_REFUSE_EXPORT) */
	int registry_only;            /**< open only the registry of a registry source (no catalog,
				           version or probe), and guard the inputs: for backup and
				           restore, which must work on a catalog too damaged to read.
				           A partial kind is refused (WS2FIX_SESSION_BAD_OPTIONS) */
	int no_file_checks;           /**< check no file of the machine (--no-file-checks): every
				           provider DLL's existence is unknown */
	const char *events;           /**< an offline WS2HELP event log (.evtx) to read who installed
				           each LSP (--events), or NULL; without it the log of the
				           Windows folder (windows_root, or the hive's) is read when
				           there is one.  A named log that cannot be read fails the
				           open (WS2FIX_SESSION_EVENTS); a found one is skipped with
				           its reason (ws2fix_session_event_log) */
} ws2fix_session_options;

#define WS2FIX_SESSION_OPTIONS_VERSION 1
#define WS2FIX_SESSION_OPTIONS_INIT \
	{WS2FIX_SESSION_OPTIONS_VERSION, WS2FIX_LANG_EN, WS2FIX_SOURCE_NONE, NULL, 0, 0, NULL, NULL, NULL, 0, 0, 0, 0, NULL}


/** Which part of ws2fix_session_open failed (the front end picks its words). */
typedef enum ws2fix_session_failure {
	WS2FIX_SESSION_OK = 0,
	WS2FIX_SESSION_BAD_OPTIONS,   /**< options not usable (e.g. a kind this build cannot open) */
	WS2FIX_SESSION_BAD_OS,        /**< options.os is not a Windows version ws2fix knows */
	WS2FIX_SESSION_CANNOT_OPEN,   /**< the source could not be opened or parsed */
	WS2FIX_SESSION_CANNOT_READ,   /**< opened, but the catalog could not be read */
	WS2FIX_SESSION_SOFTWARE,      /**< options.software could not be read */
	WS2FIX_SESSION_WINDOWS_ROOT,  /**< options.windows_root is not a Windows directory */
	WS2FIX_SESSION_EVENTS         /**< options.events could not be read (missing, not EVTX,
				           too large, or a build without libevtx) */
} ws2fix_session_failure;

typedef struct ws2fix_session ws2fix_session;

/**
 * Open a source as the options say.  ws2fix_error_last() holds the
 * library's message on failure.
 * @param[out] failed  which part failed (may be NULL)
 * @return 0, or a negative ws2fix error code (then *out is NULL)
 */
int ws2fix_session_open(ws2fix_session **out, const ws2fix_session_options *opts, ws2fix_session_failure *failed);

void ws2fix_session_free(ws2fix_session *s);

/**
 * The Windows version of a registry as every command finds it: the running
 * system (live); else the SOFTWARE hive (@p software, or one beside a
 * SYSTEM hive), the SYSTEM hive and the catalog (@p cat, may be NULL);
 * then @p os_override ("xp-sp2", may be NULL) over it, keeping a detected
 * architecture.  Not knowing the version is not an error (family UNKNOWN).
 * @return 0, WS2FIX_EINVALID (bad override) or the error of reading @p software
 */
int ws2fix_registry_detect_os(ws2fix_osinfo *out, ws2fix_registry *reg, const ws2fix_catalog *cat,
	const char *software, const char *os_override);


ws2fix_source_kind ws2fix_session_kind(const ws2fix_session *s);
/** 1 for netsh text and HijackThis logs: a copy of what a machine showed, never written. */
int ws2fix_session_is_partial(const ws2fix_session *s);
/** The registry (NULL for partial sources). */
ws2fix_registry *ws2fix_session_registry(ws2fix_session *s);
/** The catalog (NULL for a HijackThis log). */
const ws2fix_catalog *ws2fix_session_catalog(const ws2fix_session *s);
const ws2fix_osinfo *ws2fix_session_os(const ws2fix_session *s);
/**
 * The files this session reads, as a guard for what it may write
 * (ws2fix/outputs.h): the source (a hive with its logs and the originals
 * kept beside it), the SOFTWARE hive, the registry folder of the Windows
 * directory.  Every output a command writes is claimed here first; the
 * repair run claims its backup itself.  Borrowed.
 */
struct ws2fix_outputs *ws2fix_session_outputs(ws2fix_session *s);
/** The DLL probe, or NULL when DLL existence cannot be checked. */
const ws2fix_dll_probe *ws2fix_session_probe(const ws2fix_session *s);
/**
 * When --os contradicts what the source shows (another version family, or
 * another architecture than its version values or its 64-bit catalog
 * show): the warning naming both, in the session's language; else NULL.
 * The checks follow --os, but ws2fix_session_check_apply, the repair run
 * and the fix file refuse without force (WS2FIX_REFUSE_OS_CONFLICT), and
 * the check after a forced repair uses what the source shows.  Borrowed.
 */
const char *ws2fix_session_os_conflict(const ws2fix_session *s);

/** The refusal to write on that conflict, naming both and what to do.  Caller frees. */
char *ws2fix_session_os_refusal_text(const ws2fix_session *s);

/** Which Windows folder the session's file checks use, and why.  Borrowed. */
const ws2fix_windows_dir *ws2fix_session_windows_dir(const ws2fix_session *s);

/**
 * The Windows folder in words, in the session's language: "Windows folder:
 * DIR (from the hive's path; holds a Windows)" or why no files are checked.
 * NULL when there is nothing to say (an export, pasted text).  Caller frees.
 */
char *ws2fix_session_windows_dir_text(const ws2fix_session *s);
/**
 * Where a backup goes when the user names none (repair --apply, restore's
 * backup of the state before): a fresh ws2fix-backup-<UTC>.reg in the
 * first folder the session's output guard allows, of the source's folder,
 * the current directory and the user's home, so never in the registry
 * folder (System32\config) of the Windows being read.  Absolute; claimed.
 * @param[out] out  caller frees
 * @return 0, or WS2FIX_EINVALID when no folder is allowed
 */
int ws2fix_session_default_backup(ws2fix_session *s, char **out);

/**
 * Whether a backup of this session's registry also holds the keys Windows
 * 2000's instructions name (Linkage and TCP/IP settings: ws2fix_backup_keys):
 * 1 when the source is Windows 2000, by --os or as detected.  A version
 * that cannot be told is no reason to refuse a backup: then 0.  Used by
 * ws2fix_session_backup and ws2fix_session_restore (and so by every front
 * end); the repair run applies the same rule to its own backup.
 */
int ws2fix_session_backup_win2000(const ws2fix_session *s);

/** How far ws2fix_session_backup got (the first stage that did not complete, or DONE). */
typedef enum ws2fix_backup_stage {
	WS2FIX_BACKUP_CLAIM = 0, /**< the path was refused (output_refusal): nothing written */
	WS2FIX_BACKUP_READ,      /**< the keys to back up cannot be read: nothing written */
	WS2FIX_BACKUP_WRITE,     /**< the file could not be written (no partial file is left) */
	WS2FIX_BACKUP_DONE
} ws2fix_backup_stage;

/** What ws2fix_session_backup did.  Free with ws2fix_session_backup_result_clear(). */
typedef struct ws2fix_session_backup_result {
	ws2fix_backup_stage stage;
	enum ws2fix_output_refusal output_refusal; /**< stage CLAIM: why, else WS2FIX_OUTPUT_OK */
	int with_win2000_extras;   /**< the backup holds Windows 2000's keys too */
	ws2fix_strlist keys;       /**< DONE: the keys written, each with everything below it */
} ws2fix_session_backup_result;

/**
 * `ws2fix backup FILE`: write a .reg backup of everything a repair may
 * touch (ws2fix/backup.h) to @p path, atomically, after claiming it as an
 * output of the session (without @p force an existing file is refused,
 * and never an input).  The Windows 2000 rule is
 * ws2fix_session_backup_win2000's.  A full source only.
 * @param[out] res  always filled
 * @return 0 (DONE), or the error of the failing stage (the last error says why)
 */
int ws2fix_session_backup(ws2fix_session_backup_result *res, ws2fix_session *s, const char *path, int force);
void ws2fix_session_backup_result_clear(ws2fix_session_backup_result *res);

/**
 * Files an interrupted earlier run left beside a hive source
 * (HIVE.ws2fix-new-*, HIVE.ws2fix-tmp-*), NULL-terminated, with
 * *@p removed 1 when the session removed them (it was opened to write
 * the hive) and 0 when they are only named.  Borrowed.
 */
const char *const *ws2fix_session_stale_files(const ws2fix_session *s, size_t *count, int *removed);

/** The HijackThis log (NULL for other kinds). */
const ws2fix_hjt_log *ws2fix_session_hijackthis(const ws2fix_session *s);
/** The path the source was opened from ("" live). */
const char *ws2fix_session_path(const ws2fix_session *s);
ws2fix_lang ws2fix_session_lang(const ws2fix_session *s);
struct ws2fix_lsp_events;
/** Who installed each LSP: the live channel (read once, on first call),
 *  or the offline log read when the session opened; else NULL.  Borrowed. */
const struct ws2fix_lsp_events *ws2fix_session_events(ws2fix_session *s);

/** Which WS2HELP event log a session reads, and how that went. */
typedef struct ws2fix_session_event_log {
	const char *origin;   /**< "events" (options.events), "windows_root" (found in the Windows
			           folder), "live", or NULL when no log is looked for */
	const char *path;     /**< the file (offline), or NULL */
	int read;             /**< 1 when the log was read */
	size_t events;        /**< WS2HELP LSP events in it */
	size_t malformed;     /**< records skipped as unreadable (a damaged log) */
	int damaged;          /**< libevtx found the file damaged: what a damaged part held is
			           lost, the rest was read */
	const char *skipped;  /**< a log found in the Windows folder that could not be read:
			           the reason, one line (English, the library's error); else NULL */
} ws2fix_session_event_log;

/** The event log of the session (live: read on this call).  Borrowed. */
const ws2fix_session_event_log *ws2fix_session_event_log_info(ws2fix_session *s);

/** Diagnose the source (every kind). */
int ws2fix_session_diagnose(ws2fix_diagnosis **out, ws2fix_session *s);

/** The likely cause a diagnosis of the source points to (ws2fix/cause.h):
 *  commands are worded for this machine when the source is the live one.
 *  @param[out] out  free with ws2fix_cause_free() */
int ws2fix_session_cause(ws2fix_cause **out, ws2fix_session *s, const ws2fix_diagnosis *d);

/**
 * The repair plan for a full source, as `ws2fix repair` shows it: surgical
 * or reset for that Windows version, with the live reset's `netsh winsock
 * reset` from XP SP2 on.  WS2FIX_EINVALID for a partial source (see
 * ws2fix_session_partial_plan_json).
 */
int ws2fix_session_plan(ws2fix_repair_plan **out, ws2fix_session *s, const ws2fix_diagnosis *d,
	ws2fix_repair_mode mode, const char *remove);


/** Every reason the library has to refuse to write, checked in one place. */
ws2fix_refusal ws2fix_session_check_apply(const ws2fix_session *s, int force);

/** The refusal in words, in the session's language.  Static. */
const char *ws2fix_refusal_text(ws2fix_refusal r, ws2fix_lang lang);

/**
 * Carry out a repair: the refusals of ws2fix_session_check_apply, then
 * ws2fix_repair_run (backup, restore point live, apply, commit, netsh for
 * a live reset, re-open and re-diagnose).  opts->lang is the session's.
 * @return as ws2fix_repair_run; a refusal is stage CHECKS, WS2FIX_EACCESS
 */
int ws2fix_session_repair(ws2fix_repair_run_result *res, ws2fix_session *s, const ws2fix_repair_run_options *opts);

/** One step to take on the machine a partial source came from. */
typedef struct ws2fix_partial_step {
	char *text;       /**< what to do, in the session's language */
	char *command;    /**< the command to run, or NULL */
	int builtin;      /**< 1: Windows' own command (netsh), 0: ws2fix's */
} ws2fix_partial_step;

/**
 * repair on a partial source: netsh text or a HijackThis log is a copy of
 * what a machine showed, so nothing can be written to it.  The plan is the
 * findings to fix and the steps to take on that machine: the ws2fix
 * commands, and Windows' own command where it certainly does the same on
 * that Windows version (docs/cli/repair.md, "Partial sources").
 */
typedef struct ws2fix_partial_plan {
	ws2fix_repair_mode mode;
	size_t count;
	ws2fix_partial_step *steps;
} ws2fix_partial_plan;

/** The plan for a partial source (WS2FIX_EINVALID for a full one). */
int ws2fix_session_partial_plan(ws2fix_partial_plan **out, ws2fix_session *s, const ws2fix_diagnosis *d,
	ws2fix_repair_mode mode);
void ws2fix_partial_plan_free(ws2fix_partial_plan *p);

/** The partial plan in words: what needs to change, then the steps.  Caller frees. */
char *ws2fix_partial_plan_text(const ws2fix_partial_plan *p, const ws2fix_diagnosis *d, ws2fix_lang lang);

/**
 * Exclude a program from every LSP (ws2fix_live_exclude_app), where
 * Windows honours it: the live registry of Windows 7 or later (or of a
 * version that could not be told).
 * @return 0; WS2FIX_EINVALID (not live, or older Windows); WS2FIX_EACCESS
 *         (no administrator rights); or the error of the write
 */
int ws2fix_session_exclude_app(ws2fix_session *s, const char *app_path);

/* ---- Documents: the JSON the CLI prints, made here once. ---- */

/** `ws2fix show --json`.  Caller frees. */
int ws2fix_session_show_json(char **out, ws2fix_session *s, int pretty);

/** `ws2fix diagnose --json` for this session and diagnosis.  Caller frees. */
int ws2fix_session_diagnose_json(char **out, ws2fix_session *s, const ws2fix_diagnosis *d, int pretty);

/**
 * `ws2fix repair --json` without --apply: for a full source the plan
 * document (@p plan from ws2fix_session_plan); for a partial source the
 * steps to take on that machine (@p plan is NULL).  Caller frees.
 */
int ws2fix_session_plan_json(char **out, ws2fix_session *s, const ws2fix_diagnosis *d,
	const ws2fix_repair_plan *plan, ws2fix_repair_mode mode, int pretty);

/** What `repair` did besides planning, for ws2fix_session_repair_json. */
typedef struct ws2fix_repair_outcome {
	int applied;                    /**< the plan was written */
	const char *backup;             /**< the backup written, or NULL */
	const char *fix_file;           /**< the fix file written, or NULL */
	const ws2fix_diagnosis *after;  /**< the re-diagnosis, or NULL */
} ws2fix_repair_outcome;

/** `ws2fix repair --json` of a full source, with what was done.  Caller frees. */
int ws2fix_session_repair_json(char **out, ws2fix_session *s, const ws2fix_repair_plan *plan, ws2fix_repair_mode mode,
	const ws2fix_repair_outcome *done, int pretty);

/**
 * The fix file of @p plan (ws2fix/fixfile.h): the .reg with its header
 * and the .cmd beside it, in memory.  @p tool_version is the front end's
 * version for the header; @p source_name what the source is called (NULL:
 * the file name of its path); @p reg_name and @p cmd_name the files' names
 * as the recipient sees them.  A full source only.
 */
int ws2fix_session_fix_file(ws2fix_fix_file *out, ws2fix_session *s, const ws2fix_repair_plan *plan,
	const char *tool_version, const char *source_name, const char *reg_name, const char *cmd_name);

/**
 * Write the fix file to @p path and its .cmd beside it
 * (ws2fix_fix_file_cmd_path), each atomically, after claiming both as
 * outputs of the session (ws2fix_session_outputs): a refused path writes
 * nothing and says why in *@p refused and the last error.
 * @param[out] cmd_path  the .cmd written (caller frees)
 * @return 0, WS2FIX_EINVALID (refused) or the error of building or writing
 */
int ws2fix_session_write_fix_file(ws2fix_session *s, const ws2fix_repair_plan *plan, const char *path,
	const char *tool_version, int force, char **cmd_path, enum ws2fix_output_refusal *refused);

/** `ws2fix backup --json`: the source, the file @p path and the keys written
 *  (@p r from ws2fix_session_backup).  Caller frees. */
int ws2fix_session_backup_json(char **out, ws2fix_session *s, const char *path,
	const ws2fix_session_backup_result *r, int pretty);

struct ws2fix_restore_run_result;
/** `ws2fix restore --json` after a restore of @p file that reached DONE
 *  (ws2fix_session_restore, ws2fix/restore_run.h).  Caller frees. */
int ws2fix_session_restore_json(char **out, ws2fix_session *s, const char *file,
	const struct ws2fix_restore_run_result *r, int pretty);

/** The CLI's exit code for a diagnosis: 1 when any error finding, else 0. */
int ws2fix_diagnosis_exit_code(const ws2fix_diagnosis *d);

#ifdef __cplusplus
}
#endif
#endif

/* SPDX-License-Identifier: MIT */
/* The diagnosis and plan of a repair run, shared with the session
 * (library internal; src/lib/repair/repair_run.c). */
#ifndef WS2FIX_RUN_INTERNAL_H
#define WS2FIX_RUN_INTERNAL_H

#include "ws2fix/diagnose.h"
#include "ws2fix/outputs.h"
#include "ws2fix/repair.h"

/** The diagnosis a run makes; @p no_probe_why as ws2fix_diagnose_options'. */
int ws2fix__diagnose_with(ws2fix_diagnosis **out, ws2fix_registry *reg, const ws2fix_catalog *cat,
	const ws2fix_osinfo *os, const ws2fix_dll_probe *probe, ws2fix_lang lang, const char *no_probe_why);

/** The plan as `ws2fix repair` builds it, with the live reset's netsh rule. */
int ws2fix__plan_with(ws2fix_repair_plan **out, ws2fix_registry *reg, const ws2fix_catalog *cat,
	const ws2fix_osinfo *os, const ws2fix_diagnosis *diag, ws2fix_lang lang, ws2fix_repair_mode mode,
	const char *remove, const ws2fix_installed_products *installed);

/** The first reason not to write @p reg (NULL: a partial source). */
#include "ws2fix/session.h"
ws2fix_refusal ws2fix__refusal_of(ws2fix_registry *reg, int force);

/** Record the refusal in words as the last error.
 *  @return WS2FIX_EACCESS (no administrator rights) or WS2FIX_EINVALID */
int ws2fix__refuse(ws2fix_refusal why, ws2fix_lang lang);

/** @p g, or else a guard that protects @p reg's file, made into *@p own
 *  (the caller frees it).  NULL when out of memory. */
ws2fix_outputs *ws2fix__outputs_for(ws2fix_outputs *g, ws2fix_registry *reg, ws2fix_outputs **own);

/**
 * Claim @p path as an output in @p g (NULL: a guard that protects @p reg's
 * file); a refusal is recorded in words as the last error.
 * @param[out] why  the refusal, or WS2FIX_OUTPUT_OK
 * @return 0, WS2FIX_EINVALID (refused) or WS2FIX_ENOMEM
 */
int ws2fix__claim_output(ws2fix_output_refusal *why, ws2fix_outputs *g, ws2fix_registry *reg, const char *path,
	int force, ws2fix_lang lang);

/**
 * Commit an offline source (hive, .reg), keeping the original beside it
 * under a fresh name (ws2fix_backup_kept_path): the step a repair and a
 * restore share.  On failure the source is as it was and *@p kept NULL.
 * @param[out] kept  where the original went (caller frees)
 */
int ws2fix__commit_keeping_original(ws2fix_registry *reg, char **kept);

#endif

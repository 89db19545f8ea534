/* SPDX-License-Identifier: MIT */
/*
 * One repair run (include/ws2fix/repair_run.h): the steps of
 * `ws2fix repair --apply` as data, so that the GUI wizard and the CLI can
 * share them.  Platform-neutral: the live calls answer WS2FIX_ENOTBUILT off
 * Windows, and the admin check is the platform layer's.
 */
#include "ws2fix/repair_run.h"

#include <stdlib.h>
#include <string.h>

#include "../errors_internal.h"
#include "../platform.h"
#include "../../util/buf.h"
#include "../../util/utf.h"
#include "run_internal.h"
#include "ws2fix/backup.h"
#include "ws2fix/dllprobe.h"
#include "ws2fix/errors.h"
#include "ws2fix/live.h"

int ws2fix__diagnose_with(ws2fix_diagnosis **out, ws2fix_registry *reg, const ws2fix_catalog *cat,
	const ws2fix_osinfo *os, const ws2fix_dll_probe *probe, ws2fix_lang lang, const char *no_probe_why)
{
	ws2fix_diagnose_options o = WS2FIX_DIAGNOSE_OPTIONS_INIT;
	o.lang = lang;
	o.os = os;
	o.probe = probe;
	o.no_probe_why = no_probe_why;
	return ws2fix_diagnose(out, reg, cat, &o);
}

static int is_live(ws2fix_registry *reg)
{
	return ws2fix_registry_has(reg, WS2FIX_CAP_LIVE);
}

int ws2fix__plan_with(ws2fix_repair_plan **out, ws2fix_registry *reg, const ws2fix_catalog *cat,
	const ws2fix_osinfo *os, const ws2fix_diagnosis *diag, ws2fix_lang lang, ws2fix_repair_mode mode,
	const char *remove, const ws2fix_installed_products *installed)
{
	ws2fix_repair_options o = WS2FIX_REPAIR_OPTIONS_INIT;
	o.installed = installed;
	o.lang = lang;
	o.mode = mode;
	o.remove = remove;
	o.os = os;
	int rc = ws2fix_repair_plan_build(out, reg, cat, diag, &o);
	if (rc < 0)
		return rc;
	/* Live reset on XP SP2 and later also runs the system's own reset
	 * (KB 811259: `netsh winsock reset` exists from XP SP2 on). */
	if (mode == WS2FIX_REPAIR_RESET && is_live(reg) &&
	    (os->family >= WS2FIX_OS_2003 || (os->family == WS2FIX_OS_XP && os->service_pack >= 2)))
		(*out)->run_netsh_reset = 1;
	return 0;
}

static int str_eq(const char *a, const char *b)
{
	return (!a && !b) || (a && b && !strcmp(a, b));
}

int ws2fix_repair_plan_same_ops(const ws2fix_repair_plan *a, const ws2fix_repair_plan *b)
{
	if (a->op_count != b->op_count || a->run_netsh_reset != b->run_netsh_reset)
		return 0;
	for (size_t i = 0; i < a->op_count; i++) {
		const ws2fix_repair_op *x = &a->ops[i], *y = &b->ops[i];
		if (x->kind != y->kind || x->type != y->type || x->len != y->len || !str_eq(x->key, y->key) ||
		    !str_eq(x->name, y->name) || (x->len && memcmp(x->data, y->data, x->len) != 0))
			return 0;
	}
	return 1;
}

/* Keep the library's message of a failure as the result's text. */
static int failed(ws2fix_repair_run_result *res, ws2fix_repair_stage stage, int rc)
{
	res->stage = stage;
	free(res->error);
	res->error = ws2fix__strdup(ws2fix_error_last()->message);
	return rc;
}

static int verify(ws2fix_repair_run_result *res, ws2fix_registry *reg, const ws2fix_osinfo *os,
	const ws2fix_dll_probe *probe, const ws2fix_repair_run_options *opts)
{
	ws2fix_registry *again = NULL;
	ws2fix_catalog *cat = NULL;
	int rc = ws2fix_registry_reopen(&again, reg);
	if (rc == 0)
		rc = ws2fix_catalog_read(&cat, again);
	if (rc == 0)
		rc = ws2fix__diagnose_with(&res->after, again, cat, os, probe, opts->lang, opts->no_probe_why);
	if (rc < 0)
		failed(res, WS2FIX_RUN_VERIFY, rc);
	ws2fix_catalog_free(cat);
	ws2fix_registry_free(again);
	return rc;
}

int ws2fix_repair_run(ws2fix_repair_run_result *res, ws2fix_registry *reg, const ws2fix_catalog *cat,
	const ws2fix_osinfo *os, const ws2fix_dll_probe *probe, const ws2fix_repair_run_options *opts)
{
	memset(res, 0, sizeof(*res));
	res->stage = WS2FIX_RUN_CHECKS;
	int live = is_live(reg);
	if (!opts->backup_path)
		return failed(res, WS2FIX_RUN_CHECKS,
			ws2fix__fail(WS2FIX_EINVALID, WS2FIX_ERRCLASS_INVALID, "no backup path given"));
	ws2fix_refusal why = ws2fix__refusal_of(reg, opts->force);
	if (why != WS2FIX_REFUSE_NONE) {
		res->refusal = why;
		return failed(res, WS2FIX_RUN_CHECKS, ws2fix__refuse(why, opts->lang));
	}
	int rc = ws2fix__claim_output(&res->output_refusal, opts->outputs, reg, opts->backup_path, opts->force,
		opts->lang);
	if (rc < 0)
		return failed(res, WS2FIX_RUN_CHECKS, rc);

	rc = ws2fix__diagnose_with(&res->before, reg, cat, os, probe, opts->lang, opts->no_probe_why);
	if (rc == 0)
		rc = ws2fix__plan_with(&res->plan, reg, cat, os, res->before, opts->lang, opts->mode, opts->remove,
			opts->version >= 2 ? opts->installed : NULL);
	if (rc < 0)
		return failed(res, WS2FIX_RUN_PLAN, rc);
	if (opts->confirmed && !ws2fix_repair_plan_same_ops(opts->confirmed, res->plan))
		return failed(res, WS2FIX_RUN_CHECKS,
			ws2fix__fail(WS2FIX_ELOCKED, WS2FIX_ERRCLASS_INVALID,
				"the catalog changed after the plan was shown; nothing was changed"));
	if (res->plan->op_count == 0 && !res->plan->run_netsh_reset) {
		res->stage = WS2FIX_RUN_DONE;
		return 0;
	}

	res->stage = WS2FIX_RUN_BACKUP;
	rc = ws2fix_backup_write(reg, opts->backup_path,
		opts->with_win2000_extras || os->family == WS2FIX_OS_2000);
	if (rc < 0)
		return failed(res, WS2FIX_RUN_BACKUP, rc);
	res->backup_path = ws2fix__strdup(opts->backup_path);

	if (live && opts->restore_point) {
		int prc = ws2fix_live_restore_point(opts->restore_point);
		res->restore_point = prc == 0 ? 1 : prc;
		ws2fix_error_clear();
	}

	res->stage = WS2FIX_RUN_APPLY;
	rc = ws2fix_repair_plan_apply(reg, res->plan);
	if (rc >= 0 && !live)
		rc = ws2fix__commit_keeping_original(reg, &res->original_kept);
	if (rc < 0) {
		failed(res, WS2FIX_RUN_APPLY, rc);
		if (live) {
			/* A live write may have stopped half-way: put the backup back. */
			int rrc = ws2fix_restore(reg, opts->backup_path, NULL);
			res->rollback = rrc == 0 ? 1 : rrc;
		}
		return rc;
	}
	res->applied = 1;

	if (live && res->plan->run_netsh_reset) {
		int code = 0;
		if (ws2fix_live_netsh_winsock_reset(&code) == 0) {
			res->netsh_ran = 1;
			res->netsh_exit = code;
		} else {
			res->netsh_error = ws2fix__strdup(ws2fix_error_last()->message);
		}
		ws2fix_error_clear();
	}

	rc = verify(res, reg, opts->verify_os ? opts->verify_os : os, probe, opts);
	if (rc < 0)
		return rc;
	if (live && ws2fix_live_count_providers(&res->native_providers, &res->wow64_providers) == 0)
		res->have_counts = 1;
	ws2fix_error_clear();
	res->stage = WS2FIX_RUN_DONE;
	return 0;
}

void ws2fix_repair_run_result_clear(ws2fix_repair_run_result *res)
{
	if (!res)
		return;
	ws2fix_diagnosis_free(res->before);
	ws2fix_diagnosis_free(res->after);
	ws2fix_repair_plan_free(res->plan);
	free(res->backup_path);
	free(res->original_kept);
	free(res->netsh_error);
	free(res->error);
	memset(res, 0, sizeof(*res));
}

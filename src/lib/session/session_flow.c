/* SPDX-License-Identifier: MIT */
/*
 * The flow of a session: diagnose, plan, the refusals, and the repair run
 * (include/ws2fix/session.h).  The version rules live in the calls made
 * here (src/lib/repair/repair_run.c), so every front end gets the same.
 */
#include "session_internal.h"

#include "../errors_internal.h"
#include "../repair/run_internal.h"
#include "../../util/utf.h"
#include "ws2fix/backup.h"
#include "ws2fix/errors.h"
#include "ws2fix/live.h"
#include "ws2fix/outputs.h"
#include "ws2fix/restore_run.h"

#include <stdlib.h>
#include <string.h>

int ws2fix_session_diagnose(ws2fix_diagnosis **out, ws2fix_session *s)
{
	ws2fix_diagnose_options o = WS2FIX_DIAGNOSE_OPTIONS_INIT;
	o.lang = s->lang;
	o.os = &s->os;
	o.probe = s->probe;
	o.no_registry = s->reg == NULL;
	o.os_conflict = s->os_conflict;
	if (s->hjt)
		return ws2fix_hjt_diagnose(out, s->hjt, &o);
	char *why = ws2fix__session_no_probe_why(s);
	o.no_probe_why = why;
	int rc = ws2fix_diagnose(out, s->reg, s->cat, &o);
	free(why);
	if (rc == 0 && (rc = ws2fix__session_add_installers(s, *out)) < 0) {
		ws2fix_diagnosis_free(*out);
		*out = NULL;
	}
	return rc;
}

int ws2fix_session_cause(ws2fix_cause **out, ws2fix_session *s, const ws2fix_diagnosis *d)
{
	ws2fix_cause_options o = {s->lang, s->hjt != NULL, s->reg && ws2fix_registry_has(s->reg, WS2FIX_CAP_LIVE), &s->os};
	return ws2fix_cause_find(out, s->reg, s->cat, d, &o);
}

int ws2fix_session_plan(ws2fix_repair_plan **out, ws2fix_session *s, const ws2fix_diagnosis *d,
	ws2fix_repair_mode mode, const char *remove)
{
	*out = NULL;
	if (!s->reg)
		return ws2fix__fail(WS2FIX_EINVALID, WS2FIX_ERRCLASS_INVALID,
			"a %s source has no registry to plan changes for", ws2fix_source_kind_name(s->kind));
	return ws2fix__plan_with(out, s->reg, s->cat, &s->os, d, s->lang, mode, remove, ws2fix__session_installed(s));
}

ws2fix_refusal ws2fix_session_check_apply(const ws2fix_session *s, int force)
{
	ws2fix_refusal why = ws2fix__refusal_of(s->reg, force);
	if (why == WS2FIX_REFUSE_NONE && s->os_conflict && !force)
		why = WS2FIX_REFUSE_OS_CONFLICT;
	return why;
}

int ws2fix_session_repair(ws2fix_repair_run_result *res, ws2fix_session *s, const ws2fix_repair_run_options *opts)
{
	/* A partial source has no registry: the run refuses it like any
	 * other source it cannot write (repair/refusals.c). */
	ws2fix_repair_run_options o = *opts;
	o.lang = s->lang;
	if (!o.outputs)
		o.outputs = s->outputs;
	if (s->os_conflict && !o.force && ws2fix__refusal_of(s->reg, o.force) == WS2FIX_REFUSE_NONE) {
		memset(res, 0, sizeof(*res));
		res->stage = WS2FIX_RUN_CHECKS;
		res->refusal = WS2FIX_REFUSE_OS_CONFLICT;
		int rc = ws2fix__session_refuse_os(s);
		res->error = ws2fix__strdup(ws2fix_error_last()->message);
		return rc;
	}
	/* Forced over a contradicting --os: the result is judged by what the
	 * source shows, not by the override that made it. */
	if (s->os_conflict)
		o.verify_os = &s->detected;
	char *why = ws2fix__session_no_probe_why(s);
	o.no_probe_why = why;
	o.installed = ws2fix__session_installed(s);
	int rc = ws2fix_repair_run(res, s->reg, s->cat, &s->os, s->probe, &o);
	free(why);
	return rc;
}

int ws2fix_session_restore(ws2fix_restore_run_result *res, ws2fix_session *s, const ws2fix_restore_run_options *opts)
{
	ws2fix_restore_run_options o = *opts;
	o.lang = s->lang;
	if (!o.outputs)
		o.outputs = s->outputs;
	if (!s->reg) {
		memset(res, 0, sizeof(*res));
		return ws2fix__fail(WS2FIX_EINVALID, WS2FIX_ERRCLASS_INVALID,
			"a %s source has no registry to restore into", ws2fix_source_kind_name(s->kind));
	}
	/* The backup of the state before follows the version rule. */
	o.with_win2000_extras |= s->win2000;
	return ws2fix_restore_run(res, &s->reg, &o);
}

int ws2fix_session_backup_win2000(const ws2fix_session *s)
{
	return s && s->win2000;
}

int ws2fix_session_backup(ws2fix_session_backup_result *res, ws2fix_session *s, const char *path, int force)
{
	memset(res, 0, sizeof(*res));
	res->stage = WS2FIX_BACKUP_CLAIM;
	if (!s->reg)
		return ws2fix__fail(WS2FIX_EINVALID, WS2FIX_ERRCLASS_INVALID,
			"a %s source has no registry to back up", ws2fix_source_kind_name(s->kind));
	/* The guard keeps the backup off the source, its logs, a kept
	 * original and (without force) any existing file. */
	res->output_refusal = ws2fix_outputs_claim(s->outputs, path, force);
	if (res->output_refusal != WS2FIX_OUTPUT_OK) {
		char *why = ws2fix_output_refusal_text(res->output_refusal, path, s->lang);
		int rc = ws2fix__fail(WS2FIX_EINVALID, WS2FIX_ERRCLASS_INVALID, "%s", why ? why : "output refused");
		free(why);
		return rc;
	}
	res->with_win2000_extras = s->win2000;
	res->stage = WS2FIX_BACKUP_READ;
	ws2fix_strlist keys = {0};
	int rc = ws2fix_backup_keys(&keys, s->reg, res->with_win2000_extras);
	ws2fix_strlist_clear(&keys);
	if (rc < 0)
		return rc;
	/* The list actually written, which is what a front end reports. */
	res->stage = WS2FIX_BACKUP_WRITE;
	rc = ws2fix_backup_write_with(s->reg, path, res->with_win2000_extras, NULL, &res->keys);
	if (rc < 0)
		return rc;
	res->stage = WS2FIX_BACKUP_DONE;
	return 0;
}

void ws2fix_session_backup_result_clear(ws2fix_session_backup_result *res)
{
	ws2fix_strlist_clear(&res->keys);
	memset(res, 0, sizeof(*res));
}

int ws2fix_session_exclude_app(ws2fix_session *s, const char *app_path)
{
	/* AppId_Catalog is read by ws2_32 from Windows 7 on (docs/cli/repair.md). */
	if (!ws2fix_registry_has(s->reg, WS2FIX_CAP_LIVE) ||
	    (s->os.family != WS2FIX_OS_UNKNOWN && s->os.family < WS2FIX_OS_7))
		return ws2fix__fail(WS2FIX_EINVALID, WS2FIX_ERRCLASS_INVALID,
			"programs can be excluded from LSPs only on the live registry of Windows 7 or later");
	if (!ws2fix_live_is_admin())
		return ws2fix__refuse(WS2FIX_REFUSE_NOT_ADMIN, s->lang);
	return ws2fix_live_exclude_app(app_path, NULL);
}

int ws2fix_diagnosis_exit_code(const ws2fix_diagnosis *d)
{
	return d && d->errors ? 1 : 0;
}

/* SPDX-License-Identifier: MIT */
/* The whole restore (include/ws2fix/restore_run.h), for the CLI and the wizard. */
#include "ws2fix/restore_run.h"

#include <stdlib.h>
#include <string.h>

#include "../writes/backup_origin.h"
#include "../errors_internal.h"
#include "../repair/run_internal.h"
#include "../../util/utf.h"
#include "ws2fix/backup.h"
#include "ws2fix/errors.h"

/* Keep the library's message of a failure as the result's text. */
static int failed(ws2fix_restore_run_result *res, ws2fix_restore_stage stage, int rc)
{
	res->stage = stage;
	free(res->error);
	const char *m = ws2fix_error_last()->message;
	res->error = ws2fix__strdup(m && *m ? m : ws2fix_code_name(rc));
	return rc;
}

/* Read back what is now on disk, not the edited copy in memory, and check
 * every restored key against the backup. */
static int verify(ws2fix_restore_run_result *res, ws2fix_registry **reg, const char *file, ws2fix_lang lang)
{
	ws2fix_registry *again = NULL;
	int rc = ws2fix_registry_reopen(&again, *reg);
	if (rc < 0)
		return failed(res, WS2FIX_RESTORE_VERIFY, rc);
	ws2fix_registry_free(*reg);
	*reg = again;
	rc = ws2fix_restore_verify(*reg, file, &res->difference);
	if (rc < 0)
		return failed(res, WS2FIX_RESTORE_VERIFY, rc);
	if (res->difference)
		return failed(res, WS2FIX_RESTORE_VERIFY,
			ws2fix__fail(WS2FIX_ECORRUPT, WS2FIX_ERRCLASS_INVALID, "%s", res->difference));
	if ((rc = ws2fix_catalog_read(&res->cat, *reg)) < 0) {
		res->cat = NULL;
		res->cat_error = ws2fix__strdup(ws2fix_error_last()->message);
	} else {
		/* The health of what was put back, as diagnose judges it (the
		 * version as the source shows it; no file is checked). */
		ws2fix_osinfo os;
		if (ws2fix_registry_detect_os(&os, *reg, res->cat, NULL, NULL) < 0)
			memset(&os, 0, sizeof(os));
		if (ws2fix__diagnose_with(&res->after, *reg, res->cat, &os, NULL, lang, NULL) < 0)
			res->after = NULL;
	}
	ws2fix_error_clear();
	return 0;
}

/* The backup of the state before may not land on the source, its logs,
 * the file being restored or an earlier kept original (ws2fix/outputs.h). */
static int claim_pre_backup(ws2fix_restore_run_result *res, ws2fix_registry *reg, const ws2fix_restore_run_options *o)
{
	ws2fix_outputs *own;
	ws2fix_outputs *g = ws2fix__outputs_for(o->outputs, reg, &own);
	if (!g)
		return WS2FIX_ENOMEM;
	int rc = ws2fix_outputs_protect(g, o->file, WS2FIX_PROTECT_FILE);
	if (rc == 0)
		rc = ws2fix__claim_output(&res->output_refusal, g, reg, o->pre_backup, o->force, o->lang);
	ws2fix_outputs_free(own);
	return rc;
}

int ws2fix_restore_run(ws2fix_restore_run_result *res, ws2fix_registry **reg, const ws2fix_restore_run_options *o)
{
	memset(res, 0, sizeof(*res));
	if (!o->file || !o->pre_backup)
		return failed(res, WS2FIX_RESTORE_CHECKS,
			ws2fix__fail(WS2FIX_EINVALID, WS2FIX_ERRCLASS_INVALID, "no backup or pre-backup path given"));
	if ((res->refusal = ws2fix__refusal_of(*reg, o->force)) != WS2FIX_REFUSE_NONE)
		return failed(res, WS2FIX_RESTORE_CHECKS, ws2fix__refuse(res->refusal, o->lang));
	int live = ws2fix_registry_has(*reg, WS2FIX_CAP_LIVE);
	/* A backup of this source only: a fix file or another machine's
	 * export would pass every later check and replace its keys. */
	int rc = o->force ? 0 : ws2fix__backup_origin_check(*reg, o->file, o->lang);
	if (rc == WS2FIX_EINVALID) {
		res->refusal = WS2FIX_REFUSE_FOREIGN_BACKUP;
		return failed(res, WS2FIX_RESTORE_CHECKS, rc);
	}
	if (rc < 0)
		return failed(res, WS2FIX_RESTORE_READ, rc);
	rc = claim_pre_backup(res, *reg, o);
	if (rc < 0)
		return failed(res, WS2FIX_RESTORE_CHECKS, rc);

	ws2fix_strlist plan = {0};
	rc = ws2fix_restore_plan(&plan, *reg, o->file);
	if (rc < 0)
		return failed(res, WS2FIX_RESTORE_READ, rc);
	/* The keys the backup replaces too, in case they are not among the
	 * usual ones: everything this restore changes is in that backup. */
	rc = ws2fix_backup_write_with(*reg, o->pre_backup, o->with_win2000_extras, &plan, NULL);
	ws2fix_strlist_clear(&plan);
	if (rc < 0)
		return failed(res, WS2FIX_RESTORE_PRE_BACKUP, rc);
	res->pre_backup = ws2fix__strdup(o->pre_backup);
	if (o->on_pre_backup)
		o->on_pre_backup(o->pre_backup, o->data);

	if ((rc = ws2fix_restore(*reg, o->file, &res->keys)) < 0) {
		failed(res, WS2FIX_RESTORE_APPLY, rc);
		if (live) {
			/* A live restore may have stopped half-way: the backup just
			 * taken holds every key it touched. */
			int rrc = ws2fix_restore(*reg, o->pre_backup, NULL);
			res->rollback = rrc == 0 ? 1 : rrc;
		}
		return rc;
	}
	/* The repair run's commit step; live, the registry's own commit. */
	rc = live ? ws2fix_registry_commit(*reg, NULL) : ws2fix__commit_keeping_original(*reg, &res->kept);
	if (rc < 0)
		return failed(res, WS2FIX_RESTORE_COMMIT, rc);
	res->committed = 1;
	if ((rc = verify(res, reg, o->file, o->lang)) < 0)
		return rc;
	res->stage = WS2FIX_RESTORE_DONE;
	return 0;
}

void ws2fix_restore_run_result_clear(ws2fix_restore_run_result *res)
{
	if (!res)
		return;
	ws2fix_strlist_clear(&res->keys);
	free(res->pre_backup);
	free(res->kept);
	free(res->difference);
	ws2fix_catalog_free(res->cat);
	ws2fix_diagnosis_free(res->after);
	free(res->cat_error);
	free(res->error);
	memset(res, 0, sizeof(*res));
}

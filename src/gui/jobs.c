/* SPDX-License-Identifier: MIT */
/*
 * The wizard's long tasks, run off the UI thread: check, plan, repair and
 * undo on the live registry.  Everything here goes through the library's
 * session (ws2fix/session.h) and backup calls exactly as the CLI does;
 * the plan and the outcome are worded by the library's one formatter
 * (ws2fix/report.h).  The text the window shows is UTF-8.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "gui.h"
#include "util/attrs.h"
#include "util/buf.h"
#include "util/utf.h"
#include "ws2fix/backup.h"
#include "ws2fix/errors.h"
#include "ws2fix/live.h"
#include "ws2fix/repair_run.h"
#include "ws2fix/restore_run.h"
#include "ws2fix/report.h"
#include "ws2fix/session.h"

/* What a restore point is called in System Restore's list. */
static const char *const RESTORE_POINT_NAME = "ws2fix: before repairing Winsock";

#define msg(job, id) GUI_MSG((job)->lang, id)

static void set_out(char **dst, ws2fix_buf *b)
{
	free(*dst);
	*dst = ws2fix__buf_detach(b);
}

static void set_verdict(gui_job *job, const char *fmt, ...) WS2FIX_PRINTF(2, 3);
static void set_verdict(gui_job *job, const char *fmt, ...)
{
	ws2fix_buf b = WS2FIX_BUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	ws2fix__buf_vprintf(&b, fmt, ap);
	va_end(ap);
	set_out(&job->verdict, &b);
}

/* "Windows version: Windows 10 x64" */
static void os_line(ws2fix_buf *b, const gui_job *job, const ws2fix_osinfo *os)
{
	ws2fix_buf name = WS2FIX_BUF_INIT;
	if (os->name[0])
		ws2fix__buf_printf(&name, "%s%s%s", os->name, os->arch[0] ? " " : "", os->arch);
	else
		ws2fix__buf_puts(&name, msg(job, MSG_GUI_OS_UNKNOWN));
	ws2fix__buf_printf(b, msg(job, MSG_GUI_OS), ws2fix__buf_cstr(&name));
	ws2fix__buf_puts(b, "\n\n");
	ws2fix__buf_free(&name);
}

static void verdict_of(gui_job *job, const ws2fix_diagnosis *d)
{
	job->errors = d->errors;
	job->warnings = d->warnings;
	if (d->errors)
		set_verdict(job, msg(job, MSG_GUI_VERDICT_PROBLEMS), d->errors, d->warnings);
	else if (d->warnings)
		set_verdict(job, msg(job, MSG_GUI_VERDICT_WARNINGS), d->warnings);
	else
		set_verdict(job, "%s", msg(job, MSG_GUI_VERDICT_HEALTHY));
}

/* Findings as people read them: the library's one formatter. */
static void findings_text(ws2fix_buf *b, const gui_job *job, const ws2fix_diagnosis *d)
{
	char *t = ws2fix_report_findings_text(d, job->lang, 0);
	ws2fix__buf_puts(b, t ? t : "");
	free(t);
}

/* The likely cause of a network error here: the library's verdict. */
static void cause_text(ws2fix_buf *b, const gui_job *job, ws2fix_session *s, const ws2fix_diagnosis *d)
{
	ws2fix_cause *c = NULL;
	if (ws2fix_session_cause(&c, s, d) == 0) {
		char *t = ws2fix_report_cause_text(c, job->lang, 0);
		ws2fix__buf_putc(b, '\n');
		ws2fix__buf_puts(b, t ? t : "");
		free(t);
	}
	ws2fix_cause_free(c);
}

/* @p done: after the repair (past tense), else what the plan would remove. */
static void removed_text(ws2fix_buf *b, const gui_job *job, const ws2fix_repair_plan *p, int done)
{
	if (!p->removed_count) {
		ws2fix__buf_printf(b, "%s\n", msg(job, MSG_GUI_NONE_REMOVED));
		return;
	}
	char *t = ws2fix_report_removed_text(p, done ? msg(job, MSG_GUI_REMOVED) : NULL, job->lang);
	ws2fix__buf_puts(b, t ? t : "");
	free(t);
}

char *gui_plan_summary(const ws2fix_repair_plan *plan, ws2fix_lang lang)
{
	gui_job fake;
	memset(&fake, 0, sizeof(fake));
	fake.lang = lang;
	ws2fix_buf b = WS2FIX_BUF_INIT;
	ws2fix__buf_printf(&b, msg(&fake, MSG_GUI_PLAN_VERDICT), plan->op_count, plan->step_count);
	ws2fix__buf_puts(&b, "\n\n");
	removed_text(&b, &fake, plan, 0);
	return ws2fix__buf_detach(&b);
}

static void plan_text(ws2fix_buf *b, const gui_job *job, const ws2fix_repair_plan *p)
{
	if (job->mode == WS2FIX_REPAIR_RESET)
		ws2fix__buf_printf(b, "%s\n\n", msg(job, MSG_GUI_RESET_NOTE));
	removed_text(b, job, p, 0);
	ws2fix__buf_putc(b, '\n');
	char *t = ws2fix_report_plan_text(p, job->mode, job->lang, WS2FIX_TEXT_BRIEF | WS2FIX_TEXT_LIVE);
	ws2fix__buf_puts(b, t ? t : "");
	free(t);
}

/* The live registry, as every live command opens it (writable for a
 * repair; only the registry for an undo, as `ws2fix restore` does). */
static int open_live(ws2fix_session **s, const gui_job *job, int writable, int registry_only)
{
	ws2fix_session_options o = WS2FIX_SESSION_OPTIONS_INIT;
	o.lang = job->lang;
	o.kind = WS2FIX_SOURCE_LIVE;
	o.writable = writable;
	o.probe = !registry_only;
	o.registry_only = registry_only;
	return ws2fix_session_open(s, &o, NULL);
}

static void job_check(gui_job *job, int with_plan)
{
	ws2fix_session *s = NULL;
	ws2fix_diagnosis *d = NULL;
	ws2fix_buf b = WS2FIX_BUF_INIT;
	int rc = open_live(&s, job, 0, 0);
	if (rc == 0)
		rc = ws2fix_session_diagnose(&d, s);
	if (rc < 0) {
		set_verdict(job, msg(job, MSG_GUI_CHECK_FAILED), ws2fix_error_last()->message);
		goto out;
	}
	os_line(&b, job, ws2fix_session_os(s));
	if (with_plan) {
		rc = ws2fix_session_plan(&job->plan, s, d, job->mode, NULL);
		if (rc < 0) {
			set_verdict(job, msg(job, MSG_GUI_REPAIR_FAILED), ws2fix_error_last()->message);
			goto out;
		}
		job->errors = d->errors;
		job->warnings = d->warnings;
		if (job->plan->op_count == 0 && !job->plan->run_netsh_reset)
			set_verdict(job, "%s", msg(job, MSG_GUI_NOTHING_TO_DO));
		else
			set_verdict(job, msg(job, MSG_GUI_PLAN_VERDICT), job->plan->op_count, job->plan->step_count);
		plan_text(&b, job, job->plan);
	} else {
		verdict_of(job, d);
		findings_text(&b, job, d);
		cause_text(&b, job, s, d);
	}
	job->ok = 1;
out:
	set_out(&job->text, &b);
	ws2fix_diagnosis_free(d);
	ws2fix_session_free(s);
}

static void job_repair(gui_job *job)
{
	ws2fix_session *s = NULL;
	ws2fix_repair_run_result res;
	ws2fix_buf b = WS2FIX_BUF_INIT;
	memset(&res, 0, sizeof(res));
	int rc = open_live(&s, job, 1, 0);
	if (rc == WS2FIX_EACCESS || (rc == 0 && ws2fix_session_check_apply(s, 0) == WS2FIX_REFUSE_NOT_ADMIN)) {
		/* The wizard's own words: it offers to restart elevated. */
		set_verdict(job, "%s", msg(job, MSG_GUI_NEED_ADMIN));
		ws2fix_session_free(s);
		return;
	}
	if (rc < 0) {
		set_verdict(job, msg(job, MSG_GUI_CHECK_FAILED), ws2fix_error_last()->message);
		return;
	}
	ws2fix_repair_run_options o = WS2FIX_REPAIR_RUN_OPTIONS_INIT;
	o.lang = job->lang;
	o.mode = job->mode;
	o.restore_point = RESTORE_POINT_NAME;
	o.confirmed = job->confirmed;
	/* Documents first; beside the exe when the backup cannot go there.
	 * Only a failed backup moves on: by then nothing has been changed. */
	for (int i = 0; i < 2 && job->backup_dirs[i]; i++) {
		char *path = ws2fix_backup_fresh_path(job->backup_dirs[i], strlen(job->backup_dirs[i]));
		if (!path)
			break;
		ws2fix_repair_run_result_clear(&res);
		o.backup_path = path;
		rc = ws2fix_session_repair(&res, s, &o);
		free(path);
		if (!(rc < 0 && res.stage == WS2FIX_RUN_BACKUP))
			break;
	}
	if (res.backup_path)
		job->backup_written = ws2fix__strdup(res.backup_path);
	if (rc < 0 || res.stage != WS2FIX_RUN_DONE) {
		set_verdict(job, msg(job, MSG_GUI_REPAIR_FAILED), res.error ? res.error : "?");
		if (res.backup_path) {
			ws2fix__buf_printf(&b, ws2fix_msg(MSG_RC_BACKUP_WRITTEN, job->lang), res.backup_path);
			ws2fix__buf_putc(&b, '\n');
		}
		if (res.stage == WS2FIX_RUN_APPLY && res.rollback == 1)
			ws2fix__buf_printf(&b, "%s\n", msg(job, MSG_GUI_ROLLED_BACK));
		else if (res.stage == WS2FIX_RUN_APPLY && res.rollback < 0)
			ws2fix__buf_printf(&b, msg(job, MSG_GUI_ROLLBACK_FAILED), res.backup_path);
		else if (!res.applied)
			ws2fix__buf_printf(&b, "%s\n", msg(job, MSG_GUI_NOTHING_CHANGED));
		job->restart_needed = res.applied;
		goto out;
	}
	if (!res.applied) {
		set_verdict(job, "%s", msg(job, MSG_GUI_NOTHING_TO_DO));
		job->ok = 1;
		goto out;
	}
	char *t = ws2fix_report_run_text(&res, RESTORE_POINT_NAME, job->lang, WS2FIX_TEXT_LIVE);
	ws2fix__buf_puts(&b, t ? t : "");
	free(t);
	ws2fix__buf_putc(&b, '\n');
	removed_text(&b, job, res.plan, 1);
	if (res.after->errors) {
		ws2fix__buf_putc(&b, '\n');
		findings_text(&b, job, res.after);
		set_verdict(job, msg(job, MSG_GUI_REPAIR_PARTLY), res.after->errors);
	} else {
		set_verdict(job, "%s", msg(job, MSG_GUI_REPAIR_DONE));
	}
	job->errors = res.after->errors;
	job->warnings = res.after->warnings;
	job->restart_needed = 1;
	job->ok = 1;
out:
	set_out(&job->text, &b);
	ws2fix_repair_run_result_clear(&res);
	ws2fix_session_free(s);
}

/* As `ws2fix restore`: back up what the restore replaces, put the backup
 * back, commit; on failure put the state of just before back. */
static void job_undo(gui_job *job)
{
	ws2fix_session *s = NULL;
	ws2fix_restore_run_result res;
	ws2fix_buf b = WS2FIX_BUF_INIT;
	memset(&res, 0, sizeof(res));
	int rc = open_live(&s, job, 1, 1);
	if (rc == WS2FIX_EACCESS) {
		set_verdict(job, "%s", msg(job, MSG_GUI_NEED_ADMIN));
		return;
	}
	ws2fix_restore_run_options o = WS2FIX_RESTORE_RUN_OPTIONS_INIT;
	o.file = job->undo_file;
	/* Documents first; beside the exe when the backup cannot go there.
	 * Only a failed backup moves on: by then nothing has been changed. */
	for (int i = 0; rc == 0 && i < 2 && job->backup_dirs[i]; i++) {
		char *pre = ws2fix_backup_fresh_path(job->backup_dirs[i], strlen(job->backup_dirs[i]));
		if (!pre) {
			rc = WS2FIX_ENOMEM;
			break;
		}
		ws2fix_restore_run_result_clear(&res);
		o.pre_backup = pre;
		rc = ws2fix_session_restore(&res, s, &o);
		free(pre);
		if (!(rc < 0 && res.stage == WS2FIX_RESTORE_PRE_BACKUP && i == 0 && job->backup_dirs[1]))
			break;
		rc = 0;
	}
	if (rc < 0 && res.stage == WS2FIX_RESTORE_CHECKS && res.refusal == WS2FIX_REFUSE_NOT_ADMIN) {
		set_verdict(job, "%s", msg(job, MSG_GUI_NEED_ADMIN));
		goto out;
	}
	if (res.pre_backup)
		job->backup_written = ws2fix__strdup(res.pre_backup);
	if (rc < 0) {
		set_verdict(job, msg(job, MSG_GUI_UNDO_FAILED), res.error ? res.error : ws2fix_error_last()->message);
		if (!res.pre_backup)
			ws2fix__buf_printf(&b, "%s\n", msg(job, MSG_GUI_NOTHING_CHANGED));
		else if (res.rollback > 0)
			ws2fix__buf_printf(&b, "%s\n", msg(job, MSG_GUI_ROLLED_BACK));
		else if (res.rollback < 0)
			ws2fix__buf_printf(&b, msg(job, MSG_GUI_ROLLBACK_FAILED), res.pre_backup);
		goto out;
	}
	set_verdict(job, msg(job, MSG_GUI_UNDO_DONE), res.keys.count);
	ws2fix__buf_printf(&b, msg(job, MSG_GUI_UNDO_FROM), job->undo_file);
	ws2fix__buf_putc(&b, '\n');
	for (size_t i = 0; i < res.keys.count; i++)
		ws2fix__buf_printf(&b, "  %s\n", res.keys.items[i]);
	ws2fix__buf_printf(&b, msg(job, MSG_GUI_UNDO_PRE), res.pre_backup);
	ws2fix__buf_printf(&b, "\n\n%s\n", ws2fix_msg(MSG_RC_RESTART, job->lang));
	job->restart_needed = 1;
	job->ok = 1;
out:
	set_out(&job->text, &b);
	ws2fix_restore_run_result_clear(&res);
	ws2fix_session_free(s);
}

void gui_job_run(gui_job *job)
{
	switch (job->kind) {
	case GUI_JOB_CHECK: job_check(job, 0); break;
	case GUI_JOB_PLAN: job_check(job, 1); break;
	case GUI_JOB_REPAIR: job_repair(job); break;
	case GUI_JOB_UNDO: job_undo(job); break;
	}
	ws2fix_error_clear();
}

static DWORD WINAPI job_thread(LPVOID arg)
{
	gui_job *job = arg;
	gui_job_run(job);
	/* The window may be gone (closed while we worked): then nobody takes
	 * the job, so free it here. */
	if (!PostMessageW(job->notify, WM_GUI_JOB_DONE, 0, (LPARAM)job))
		gui_job_free(job);
	return 0;
}

int gui_job_start(gui_job *job)
{
	HANDLE h = CreateThread(NULL, 0, job_thread, job, 0, NULL);
	if (!h)
		return -1;
	CloseHandle(h);
	return 0;
}

void gui_job_free(gui_job *job)
{
	if (!job)
		return;
	ws2fix_repair_plan_free(job->confirmed);
	ws2fix_repair_plan_free(job->plan);
	free(job->backup_dirs[0]);
	free(job->backup_dirs[1]);
	free(job->undo_file);
	free(job->verdict);
	free(job->text);
	free(job->backup_written);
	free(job);
}

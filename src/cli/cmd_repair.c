/* SPDX-License-Identifier: MIT */
/*
 * ws2fix repair: the plan first (a dry run unless --apply), then, with
 * --apply: refuse what cannot be done safely, write the backup, (live) a
 * restore point, apply, commit, re-read and re-diagnose.
 */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cli_options.h"
#include "cli_source.h"
#include "ws2fix/backup.h"
#include "ws2fix/diagnose.h"
#include "ws2fix/errors.h"
#include "ws2fix/explain.h"
#include "ws2fix/live.h"
#include "ws2fix/repair.h"
#include "ws2fix/repair_run.h"
#include "ws2fix/report.h"
#include "ws2fix/session.h"

static char *strdup_(const char *s)
{
	size_t n = strlen(s) + 1;
	char *p = malloc(n);
	if (p)
		memcpy(p, s, n);
	return p;
}

typedef struct repair_args {
	int apply, force, edit_export;
	ws2fix_repair_mode mode;
	const char *remove, *exclude_app, *backup, *fix_file;
} repair_args;

static int parse_args(cli_ctx *ctx, repair_args *a, const cli_args *args)
{
	memset(a, 0, sizeof(*a));
	a->apply = args->opt[CLI_O_REPAIR_APPLY] != NULL;
	a->force = args->opt[CLI_O_REPAIR_FORCE] != NULL;
	a->edit_export = args->opt[CLI_O_REPAIR_EDIT_EXPORT] != NULL;
	a->remove = args->opt[CLI_O_REPAIR_REMOVE];
	a->exclude_app = args->opt[CLI_O_REPAIR_EXCLUDE_APP];
	a->backup = args->opt[CLI_O_REPAIR_BACKUP];
	a->fix_file = args->opt[CLI_O_REPAIR_FIX_FILE];
	const char *mode = args->opt[CLI_O_REPAIR_MODE];
	if (mode && !strcmp(mode, "surgical"))
		a->mode = WS2FIX_REPAIR_SURGICAL;
	else if (mode && !strcmp(mode, "reset"))
		a->mode = WS2FIX_REPAIR_RESET;
	else if (mode)
		return cli_error(ctx, EXIT_USAGE, "EUSAGE", "%s", cli_msg(ctx, MSG_RC_BAD_MODE));
	return 0;
}

static int exclude_app(cli_ctx *ctx, cli_source *src, const char *app)
{
	int rc = ws2fix_session_exclude_app(src->session, app);
	if (rc == WS2FIX_EINVALID)
		return cli_error(ctx, EXIT_USAGE, "EUSAGE", "%s", cli_msg(ctx, MSG_RC_EXCLUDE_LIVE_ONLY));
	if (rc == WS2FIX_EACCESS)
		return cli_error(ctx, EXIT_USAGE, "EACCESS", "%s", ws2fix_msg(MSG_RC_NOT_ADMIN, ctx->lang));
	if (rc < 0)
		return cli_error(ctx, EXIT_FAILED, ws2fix_code_name(rc), cli_msg(ctx, MSG_RC_EXCLUDE_FAILED), app,
			ws2fix_error_last()->message);
	if (!ctx->quiet && !ctx->json) {
		fprintf(ctx->out, cli_msg(ctx, MSG_RC_EXCLUDED), app);
		fputc('\n', ctx->out);
	}
	return EXIT_OK;
}

/* Carry out the plan with the library's session (the same flow the GUI
 * uses): its refusals first, in the user's language, then backup,
 * restore point, apply, commit, re-read, re-diagnose.  Returns an exit
 * code; *after is the re-diagnosis. */
static int apply_plan(cli_ctx *ctx, cli_source *src, const repair_args *a, ws2fix_repair_plan *plan,
	ws2fix_buf *out, char **backup_out, ws2fix_diagnosis **after)
{
	ws2fix_registry *reg = src->reg;
	int live = ws2fix_registry_has(reg, WS2FIX_CAP_LIVE);
	ws2fix_refusal no = ws2fix_session_check_apply(src->session, a->force);
	if (no != WS2FIX_REFUSE_NONE)
		return cli_source_refusal(ctx, src, no);
	char *backup = NULL;
	if (a->backup)
		backup = strdup_(a->backup);
	else if (ws2fix_session_default_backup(src->session, &backup) < 0)
		return cli_error(ctx, EXIT_USAGE, "EOUTPUT", "%s", ws2fix_error_last()->message);
	if (!backup)
		return cli_oom(ctx, EXIT_FAILED);
	*backup_out = backup;
	if (!ctx->json && !ctx->quiet) {
		/* Said before anything is written: wherever the run stops, the
		 * user knows where the backup is; but only a backup the run may
		 * write (the run claims it again, the same output). */
		int rc = cli_claim_output(ctx, ws2fix_session_outputs(src->session), backup, a->force);
		if (rc)
			return rc;
		fprintf(ctx->out, cli_msg(ctx, MSG_RC_BACKUP_GOES), backup);
		fputc('\n', ctx->out);
		fflush(ctx->out);
	}

	static const char *const desc = "ws2fix: before repairing Winsock";
	ws2fix_repair_run_options o = WS2FIX_REPAIR_RUN_OPTIONS_INIT;
	o.mode = a->mode;
	o.remove = a->remove;
	o.backup_path = backup;
	/* Windows 2000's extra keys: the run adds them for that version. */
	o.force = a->force;
	o.restore_point = live ? desc : NULL;
	o.confirmed = plan; /* what was printed is what gets written */
	ws2fix_repair_run_result r;
	ws2fix_session_repair(&r, src->session, &o);
	const char *why = r.error ? r.error : ws2fix_error_last()->message;
	int rc = EXIT_OK;
	switch (r.stage) {
	case WS2FIX_RUN_CHECKS:
		if (r.output_refusal != WS2FIX_OUTPUT_OK) {
			rc = cli_error(ctx, EXIT_USAGE, "EOUTPUT", "%s", why);
			break;
		}
		if (r.refusal != WS2FIX_REFUSE_NONE) {
			rc = cli_source_refusal(ctx, src, r.refusal);
			break;
		}
		/* fall through */
	case WS2FIX_RUN_PLAN:
		rc = cli_error(ctx, EXIT_USAGE, "ECHANGED", cli_msg(ctx, MSG_RC_PLAN_FAILED), why);
		break;
	case WS2FIX_RUN_BACKUP:
		rc = cli_error(ctx, EXIT_FAILED, "EBACKUP", cli_msg(ctx, MSG_RC_BACKUP_FAILED), why);
		break;
	case WS2FIX_RUN_APPLY:
		if (r.rollback > 0)
			rc = cli_error(ctx, EXIT_FAILED, "EAPPLY", cli_msg(ctx, MSG_RC_LIVE_FAILED), why, backup);
		else if (r.rollback < 0)
			rc = cli_error(ctx, EXIT_FAILED, "EAPPLY", cli_msg(ctx, MSG_RC_LIVE_FAILED_ROLLBACK), why, backup);
		else
			rc = cli_error(ctx, EXIT_FAILED, "EAPPLY", cli_msg(ctx, MSG_RC_APPLY_FAILED), why, backup);
		break;
	case WS2FIX_RUN_VERIFY:
		rc = cli_error(ctx, EXIT_FAILED, "EVERIFY", cli_msg(ctx, MSG_ERR_CANNOT_READ_CATALOG), why);
		break;
	case WS2FIX_RUN_DONE:
		break;
	}
	if (r.stage == WS2FIX_RUN_DONE) {
		char *text = ws2fix_report_run_text(&r, desc, ctx->lang, live ? WS2FIX_TEXT_LIVE : 0);
		ws2fix__buf_puts(out, text ? text : "");
		free(text);
		rc = ws2fix_diagnosis_exit_code(r.after) ? EXIT_PROBLEMS : EXIT_OK;
		*after = r.after;
		r.after = NULL;
	}
	ws2fix_repair_run_result_clear(&r);
	return rc;
}

static void guidance(ws2fix_buf *b, cli_ctx *ctx, const ws2fix_osinfo *os)
{
	ws2fix_guidance_id ids[8];
	size_t n = ws2fix_guidance_after_repair(ids, 8, ws2fix_explain_os_from_osinfo(os));
	if (n > 8)
		n = 8;
	if (!n)
		return;
	ws2fix__buf_printf(b, "\n%s:\n", cli_msg(ctx, MSG_RC_AFTER));
	for (size_t i = 0; i < n; i++) {
		ws2fix__buf_printf(b, "* %s\n", ws2fix_guidance_title(ids[i], ctx->lang));
		const char *t = ws2fix_guidance(ids[i], ctx->lang);
		while (*t) {
			size_t l = strcspn(t, "\n");
			ws2fix__buf_printf(b, "    %.*s\n", (int)l, t);
			t += l;
			if (*t)
				t++;
		}
	}
}

/* A partial source (--netsh, --hijackthis): the steps for the machine. */
static int partial_plan(cli_ctx *ctx, cli_source *src, ws2fix_repair_mode mode)
{
	ws2fix_diagnosis *d = NULL;
	int lrc = ws2fix_session_diagnose(&d, src->session);
	if (lrc < 0)
		return cli_error_lib(ctx, EXIT_USAGE, lrc, MSG_ERR_DIAGNOSE, NULL);
	ws2fix_buf b = WS2FIX_BUF_INIT;
	char *doc = NULL;
	ws2fix_partial_plan *p = NULL;
	if (ctx->json) {
		lrc = ws2fix_session_plan_json(&doc, src->session, d, NULL, mode, 1);
		ws2fix__buf_puts(&b, doc ? doc : "");
	} else if ((lrc = ws2fix_session_partial_plan(&p, src->session, d, mode)) == 0) {
		cli_text_source(&b, ctx, src);
		cli_text_os(&b, ctx, &src->os);
		doc = ws2fix_partial_plan_text(p, d, ctx->lang);
		ws2fix__buf_puts(&b, doc ? doc : "");
	}
	int rc = ws2fix_diagnosis_exit_code(d) ? EXIT_PROBLEMS : EXIT_OK;
	if (lrc < 0 || !doc || ws2fix__buf_oom(&b))
		rc = cli_oom(ctx, EXIT_USAGE);
	else
		cli_emit(ctx, &b);
	free(doc);
	ws2fix__buf_free(&b);
	ws2fix_partial_plan_free(p);
	ws2fix_diagnosis_free(d);
	return rc;
}

/*
 * Exit codes tell the truth (docs/EXIT-CODES.md): 1 while an error finding
 * remains that the plan does not fix, whatever else was done; a dry run
 * with something to do is 1 too; a fix file that fixes every error is 0.
 */
static int repair_exit_code(const repair_args *a, const ws2fix_repair_plan *plan, const ws2fix_diagnosis *before)
{
	int empty = plan->op_count == 0 && !plan->run_netsh_reset;
	if (plan->unfixed_count || (empty && before->errors))
		return EXIT_PROBLEMS;
	if (a->fix_file || a->apply)
		return EXIT_OK;
	return empty ? EXIT_OK : EXIT_PROBLEMS;
}

/* After --fix-file: what was written and how the recipient uses it, or
 * why nothing was. */
static void fix_file_outcome(ws2fix_buf *b, cli_ctx *ctx, const repair_args *a, const ws2fix_repair_plan *plan,
	int empty, const char *cmd)
{
	if (plan->unfixed_count)
		ws2fix__buf_printf(b, cli_msg(ctx, MSG_FF_NOT_WRITTEN_UNFIXED), a->fix_file);
	else if (empty)
		ws2fix__buf_printf(b, cli_msg(ctx, MSG_FF_NOT_WRITTEN_HEALTHY), a->fix_file);
	else
		ws2fix__buf_printf(b, cli_msg(ctx, MSG_FF_WRITTEN), a->fix_file, cmd ? cmd : "", plan->op_count,
			cmd ? cmd : "");
	ws2fix__buf_putc(b, '\n');
}

/* The fix file and the .cmd beside it, claimed before anything is read
 * further: a refused name is refused even when no file would be written. */
static int claim_fix_file(cli_ctx *ctx, cli_source *src, const repair_args *a)
{
	ws2fix_outputs *g = ws2fix_session_outputs(src->session);
	if (!ws2fix_fix_file_name_ok(a->fix_file)) {
		char *text = ws2fix_output_refusal_text(WS2FIX_OUTPUT_NOT_REG, a->fix_file, ctx->lang);
		int rc = cli_error(ctx, EXIT_USAGE, "EOUTPUT", "%s", text ? text : "not a .reg name");
		free(text);
		return rc;
	}
	char *cmd = ws2fix_fix_file_cmd_path(a->fix_file);
	if (!cmd)
		return cli_oom(ctx, EXIT_FAILED);
	int rc = cli_claim_output(ctx, g, a->fix_file, a->force);
	if (rc == 0)
		rc = cli_claim_output(ctx, g, cmd, a->force);
	free(cmd);
	return rc;
}

/* A partial source (--netsh, --hijackthis): the steps for the machine, or
 * why an option does not fit it. */
static int repair_partial(cli_ctx *ctx, cli_source *src, const repair_args *a)
{
	if (a->apply)
		return cli_error(ctx, EXIT_USAGE, "EUSAGE", cli_msg(ctx, MSG_PP_NO_APPLY), ws2fix_source_kind_option(ctx->source));
	if (a->exclude_app || a->remove || a->backup || a->fix_file || a->edit_export)
		return cli_error(ctx, EXIT_USAGE, "EUSAGE", cli_msg(ctx, MSG_PP_NO_OPTION),
			a->exclude_app ? "--exclude-app" : (a->remove ? "--remove" : (a->backup ? "--backup" :
			(a->fix_file ? "--fix-file" : "--edit-export"))));
	return partial_plan(ctx, src, a->mode);
}

/* What one repair of a registry source made along the way. */
typedef struct repair_state {
	ws2fix_diagnosis *before, *after;
	ws2fix_repair_plan *plan;
	char *backup, *fix_cmd;
	ws2fix_buf applied;      /* the run's outcome in words (--apply) */
	int empty, write_fix;
} repair_state;

static void repair_state_free(repair_state *st)
{
	free(st->backup);
	free(st->fix_cmd);
	ws2fix__buf_free(&st->applied);
	ws2fix_repair_plan_free(st->plan);
	ws2fix_diagnosis_free(st->before);
	ws2fix_diagnosis_free(st->after);
}

/* Diagnose, plan, then what the options ask: the fix file, or the run.
 * @return the exit code so far (EXIT_USAGE/EXIT_FAILED after an error line) */
static int plan_and_act(cli_ctx *ctx, cli_source *src, const repair_args *a, repair_state *st)
{
	int lrc = ws2fix_session_diagnose(&st->before, src->session);
	if (lrc < 0)
		return cli_error_lib(ctx, EXIT_USAGE, lrc, MSG_ERR_DIAGNOSE, NULL);
	lrc = ws2fix_session_plan(&st->plan, src->session, st->before, a->mode, a->remove);
	if (lrc < 0)
		return cli_error(ctx, EXIT_USAGE, ws2fix_code_name(lrc), cli_msg(ctx, MSG_RC_PLAN_FAILED),
			ws2fix_error_last()->message);
	st->empty = st->plan->op_count == 0 && !st->plan->run_netsh_reset;
	/* A fix file only where it fixes something and leaves no error
	 * behind: a file that repairs half a catalog is no fix to send. */
	st->write_fix = a->fix_file && !st->empty && st->plan->unfixed_count == 0;
	if (st->write_fix && ws2fix_session_os_conflict(src->session) && !a->force)
		return cli_source_refusal(ctx, src, WS2FIX_REFUSE_OS_CONFLICT);
	if (st->write_fix) {
		/* The plan as a file for `reg import` on the machine, and the .cmd
		 * that imports it safely: the input is only read. */
		ws2fix_output_refusal refused;
		lrc = ws2fix_session_write_fix_file(src->session, st->plan, a->fix_file, cli_version(), a->force,
			&st->fix_cmd, &refused);
		if (lrc < 0)
			return refused != WS2FIX_OUTPUT_OK
				       ? cli_error(ctx, EXIT_USAGE, "EOUTPUT", "%s", ws2fix_error_last()->message)
				       : cli_error_lib(ctx, EXIT_FAILED, lrc, MSG_FF_FAILED, a->fix_file);
	}
	int rc;
	if (a->apply && st->empty && a->backup &&
	    (rc = cli_claim_output(ctx, ws2fix_session_outputs(src->session), a->backup, a->force)) != 0)
		return rc; /* nothing to write, but a --backup that would be refused still is */
	if (a->apply && !st->empty)
		return apply_plan(ctx, src, a, st->plan, &st->applied, &st->backup, &st->after);
	return repair_exit_code(a, st->plan, st->before);
}

/* The document or the words of what was planned and done. */
static void render(ws2fix_buf *b, cli_ctx *ctx, cli_source *src, const repair_args *a, const repair_state *st)
{
	if (ctx->json) {
		ws2fix_repair_outcome done = {a->apply && !st->empty, st->backup, st->write_fix ? a->fix_file : NULL,
			st->after};
		char *doc = NULL;
		if (ws2fix_session_repair_json(&doc, src->session, st->plan, a->mode, &done, 1) == 0)
			ws2fix__buf_puts(b, doc);
		free(doc);
		return;
	}
	if (a->fix_file && st->empty && !st->plan->unfixed_count && !st->plan->note_count) {
		/* A healthy source: one line, and no file. */
		fix_file_outcome(b, ctx, a, st->plan, st->empty, NULL);
		return;
	}
	cli_text_source(b, ctx, src);
	cli_text_os(b, ctx, &src->os);
	cli_text_os_conflict(b, ctx, src);
	char *pt = ws2fix_report_plan_text(st->plan, a->mode, ctx->lang, 0);
	ws2fix__buf_puts(b, pt ? pt : "");
	free(pt);
	if (a->apply && !st->empty) {
		ws2fix__buf_put(b, st->applied.ptr ? st->applied.ptr : "", st->applied.len);
		/* An edited export changed no machine: no restart advice. */
		if (ws2fix_registry_has(src->reg, WS2FIX_CAP_EXPORT))
			ws2fix__buf_printf(b, "%s\n", cli_msg(ctx, MSG_RC_EXPORT_EDITED));
		else
			guidance(b, ctx, &src->os);
	} else if (a->fix_file) {
		fix_file_outcome(b, ctx, a, st->plan, st->empty, st->fix_cmd);
	} else if (!st->empty) {
		ws2fix__buf_printf(b, "%s\n", cli_text(ctx, ws2fix_registry_has(src->reg, WS2FIX_CAP_EXPORT)
							       ? MSG_RC_DRY_RUN_EXPORT : MSG_RC_DRY_RUN));
	}
}

/* Option combinations a registry source refuses, and the outputs claimed
 * before anything is read further (ws2fix/outputs.h; the backup of --apply
 * is the run's to claim).  @return 0 to go on, else the exit code. */
static int refuse_options(cli_ctx *ctx, cli_source *src, const repair_args *a)
{
	if (a->fix_file && (a->apply || a->exclude_app))
		return cli_error(ctx, EXIT_USAGE, "EUSAGE", cli_msg(ctx, MSG_FF_NOT_WITH), a->apply ? "--apply" : "--exclude-app");
	return a->fix_file ? claim_fix_file(ctx, src, a) : 0;
}

int cmd_repair(cli_ctx *ctx, const cli_args *args)
{
	repair_args a;
	int rc = parse_args(ctx, &a, args);
	if (rc)
		return rc;
	cli_source src;
	rc = cli_source_open(ctx, &src, (a.apply ? CLI_SOURCE_WRITABLE : 0) | CLI_SOURCE_PROBE | CLI_SOURCE_NETSH_OK |
		(a.edit_export ? CLI_SOURCE_EDIT_EXPORT : 0));
	if (rc)
		return rc;
	if (!src.reg)
		rc = repair_partial(ctx, &src, &a);
	else if ((rc = refuse_options(ctx, &src, &a)) == 0 && a.exclude_app)
		rc = exclude_app(ctx, &src, a.exclude_app);
	else if (rc == 0) {
		repair_state st;
		memset(&st, 0, sizeof(st));
		rc = plan_and_act(ctx, &src, &a, &st);
		if (rc != EXIT_USAGE && rc != EXIT_FAILED) {
			ws2fix_buf b = WS2FIX_BUF_INIT;
			render(&b, ctx, &src, &a, &st);
			cli_emit(ctx, &b);
			ws2fix__buf_free(&b);
		}
		repair_state_free(&st);
	}
	cli_source_close(&src);
	return rc;
}

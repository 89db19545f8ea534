/* SPDX-License-Identifier: MIT */
/*
 * ws2fix restore FILE: put a backup back exactly (include/ws2fix/backup.h).
 *
 * The order is what makes it safe to run on a machine that is already in
 * trouble: check everything that can be checked without writing (rights,
 * a dirty hive, the backup itself), then write a backup of the current
 * state and stop if that fails, then edit, commit, and read the result back
 * from disk to prove it equals the backup.  A hive or .reg source is only
 * replaced by the commit's rename, so any failure before it leaves the
 * input as it was (exit 3 says a restore was attempted; 2 that nothing was).
 */
#include <stdlib.h>
#include <string.h>

#include "ws2fix/report.h"
#include "cli.h"
#include "cli_options.h"
#include "cli_source.h"
#include "ws2fix/live.h"
#include "util/utf.h"
#include "ws2fix/backup.h"
#include "ws2fix/restore_run.h"
#include "ws2fix/catalog.h"
#include "ws2fix/errors.h"

typedef struct restore_args {
	const char *file;
	const char *backup;
	int force, edit_export;
} restore_args;

static int parse_args(cli_ctx *ctx, restore_args *a, const cli_args *args)
{
	memset(a, 0, sizeof(*a));
	a->file = args->opt[CLI_O_RESTORE_FILE];
	a->backup = args->opt[CLI_O_RESTORE_BACKUP];
	a->force = args->opt[CLI_O_RESTORE_FORCE] != NULL;
	a->edit_export = args->opt[CLI_O_RESTORE_EDIT_EXPORT] != NULL;
	if (!a->file || !*a->file)
		return cli_usage_error(ctx, CLI_CMD_RESTORE, MSG_RESTORE_NEEDS_FILE, NULL);
	if (a->backup && !*a->backup)
		return cli_error(ctx, EXIT_USAGE, "EUSAGE", cli_msg(ctx, MSG_ERR_OPTION_NEEDS_ARG), "--backup");
	/* The backup of the current state is checked against the file about
	 * to be restored (and every input) by the run: ws2fix/outputs.h. */
	return 0;
}


/*
 * Report a failure after the backup of the current state was written: one
 * message (one JSON document) that says what failed, then where the input
 * stands and where that backup is.
 */
static int fail_after(cli_ctx *ctx, const char *code, const ws2fix_buf *what, const char *pre,
	int live, int rolled_back)
{
	ws2fix_buf m = WS2FIX_BUF_INIT;
	ws2fix__buf_puts(&m, ws2fix__buf_cstr(what));
	ws2fix__buf_puts(&m, ". ");
	if (live && rolled_back > 0)
		ws2fix__buf_printf(&m, cli_msg(ctx, MSG_RESTORE_ROLLED_BACK), pre);
	else if (live)
		ws2fix__buf_printf(&m, cli_msg(ctx, MSG_RESTORE_PARTIAL_LIVE), pre);
	else
		ws2fix__buf_printf(&m, cli_msg(ctx, MSG_RESTORE_UNCHANGED), ctx->source_path, pre);
	int rc = cli_error(ctx, EXIT_FAILED, code, "%s", ws2fix__buf_cstr(&m));
	ws2fix__buf_free(&m);
	return rc;
}


static void render_text(ws2fix_buf *b, cli_ctx *ctx, const char *file, const ws2fix_restore_run_result *r, int live)
{
	ws2fix__buf_printf(b, cli_msg(ctx, MSG_RESTORE_DONE), file, r->keys.count);
	ws2fix__buf_putc(b, '\n');
	for (size_t i = 0; i < r->keys.count; i++)
		ws2fix__buf_printf(b, "  %s\n", r->keys.items[i]);
	if (r->kept) {
		ws2fix__buf_printf(b, cli_msg(ctx, MSG_RESTORE_ORIGINAL_KEPT), r->kept);
		ws2fix__buf_putc(b, '\n');
	}
	ws2fix__buf_printf(b, "%s\n", cli_msg(ctx, MSG_RESTORE_VERIFIED));
	size_t protocols, namespaces;
	if (ws2fix_restore_run_counts(r, &protocols, &namespaces))
		ws2fix__buf_printf(b, cli_msg(ctx, MSG_RESTORE_CATALOG), protocols, namespaces);
	else
		ws2fix__buf_printf(b, cli_msg(ctx, MSG_RESTORE_CATALOG_UNREADABLE),
			r->cat_error ? r->cat_error : "?");
	ws2fix__buf_putc(b, '\n');
	if (r->after) {
		/* What was put back is judged, not assumed healthy. */
		char *ft = ws2fix_report_findings_text(r->after, ctx->lang, ctx->color ? WS2FIX_TEXT_COLOR : 0);
		if (r->after->errors || r->after->warnings)
			ws2fix__buf_printf(b, "\n%s", ft ? ft : "");
		free(ft);
		ws2fix__buf_printf(b, cli_msg(ctx, MSG_RESTORE_AFTER), r->after->errors, r->after->warnings);
		ws2fix__buf_putc(b, '\n');
	}
	if (live)
		ws2fix__buf_printf(b, "%s\n", cli_msg(ctx, MSG_RESTORE_RESTART));
}

/* The failure of a run, in the CLI's words: what failed, then where the
 * input stands and where the backup of the state before is. */
static int report_failure(cli_ctx *ctx, const char *file, const ws2fix_restore_run_result *r, int rc, int live)
{
	const char *why = r->error ? r->error : ws2fix_code_name(rc);
	switch (r->stage) {
	case WS2FIX_RESTORE_CHECKS:
		if (r->refusal == WS2FIX_REFUSE_DIRTY)
			return cli_error(ctx, EXIT_USAGE, "EDIRTY", cli_msg(ctx, MSG_RESTORE_DIRTY), ctx->source_path);
		if (r->refusal == WS2FIX_REFUSE_NOT_ADMIN)
			return cli_error(ctx, EXIT_USAGE, "EACCESS", "%s", cli_msg(ctx, MSG_RESTORE_NOT_ADMIN));
		if (r->refusal == WS2FIX_REFUSE_FOREIGN_BACKUP)
			return cli_error(ctx, EXIT_USAGE, "EFOREIGN", "%s", why);
		if (r->refusal != WS2FIX_REFUSE_NONE)
			return cli_refusal(ctx, r->refusal);
		if (r->output_refusal != WS2FIX_OUTPUT_OK)
			return cli_error(ctx, EXIT_USAGE, "EOUTPUT", "%s", why);
		return cli_error(ctx, EXIT_USAGE, ws2fix_code_name(rc), "%s", why);
	case WS2FIX_RESTORE_READ:
		return cli_error(ctx, EXIT_USAGE, ws2fix_code_name(rc), cli_msg(ctx, MSG_RESTORE_BAD_BACKUP), file, why);
	case WS2FIX_RESTORE_PRE_BACKUP:
		return cli_error(ctx, EXIT_FAILED, ws2fix_code_name(rc), cli_msg(ctx, MSG_RESTORE_PREBACKUP_FAILED),
			r->pre_backup ? r->pre_backup : "", why);
	default:
		break;
	}
	ws2fix_buf what = WS2FIX_BUF_INIT;
	if (r->stage == WS2FIX_RESTORE_APPLY)
		ws2fix__buf_printf(&what, cli_msg(ctx, MSG_RESTORE_FAILED), why);
	else if (r->stage == WS2FIX_RESTORE_COMMIT)
		ws2fix__buf_printf(&what, cli_msg(ctx, MSG_RESTORE_COMMIT_FAILED), live ? "HKLM\\SYSTEM" : ctx->source_path, why);
	else if (r->difference)
		ws2fix__buf_printf(&what, cli_msg(ctx, MSG_RESTORE_VERIFY_FAILED), r->difference);
	else
		ws2fix__buf_printf(&what, cli_msg(ctx, MSG_RESTORE_REOPEN_FAILED), why);
	if (r->committed && !live) {
		/* The input has been replaced: say where the original went. */
		ws2fix__buf_puts(&what, ". ");
		ws2fix__buf_printf(&what, cli_msg(ctx, MSG_RESTORE_ORIGINAL_KEPT), r->kept);
		rc = cli_error(ctx, EXIT_FAILED, ws2fix_code_name(rc), "%s", ws2fix__buf_cstr(&what));
	} else {
		rc = fail_after(ctx, ws2fix_code_name(rc), &what, r->pre_backup, live, r->rollback);
	}
	ws2fix__buf_free(&what);
	return rc;
}

/* Shown at once, so that it is on screen whatever happens next. */
static void show_pre_backup(const char *path, void *data)
{
	cli_ctx *ctx = data;
	if (ctx->json || ctx->quiet)
		return;
	fprintf(ctx->out, cli_msg(ctx, MSG_RESTORE_PREBACKUP), path);
	fputc('\n', ctx->out);
	fflush(ctx->out);
}

int cmd_restore(cli_ctx *ctx, const cli_args *args)
{
	restore_args a;
	int rc = parse_args(ctx, &a, args);
	if (rc != 0)
		return rc;
	int live = ctx->source_path == NULL;
	cli_source src;
	unsigned int flags = CLI_SOURCE_REGISTRY_ONLY | CLI_SOURCE_WRITABLE | (a.edit_export ? CLI_SOURCE_EDIT_EXPORT : 0);
	if ((rc = cli_source_open(ctx, &src, flags)) != 0)
		return rc;
	char *pre = NULL;
	if (a.backup)
		pre = ws2fix__strdup(a.backup);
	else if (ws2fix_session_default_backup(src.session, &pre) < 0) {
		rc = cli_error(ctx, EXIT_USAGE, "EOUTPUT", "%s", ws2fix_error_last()->message);
		cli_source_close(&src);
		return rc;
	}
	if (!pre) {
		cli_source_close(&src);
		return cli_oom(ctx, EXIT_FAILED);
	}
	ws2fix_restore_run_options o = WS2FIX_RESTORE_RUN_OPTIONS_INIT;
	o.lang = ctx->lang;
	o.file = a.file;
	o.pre_backup = pre;
	o.force = a.force;
	o.on_pre_backup = show_pre_backup;
	o.data = ctx;
	ws2fix_restore_run_result r;
	/* The session's registry may be replaced by the reopened one; the
	 * session decides which keys the backup of the state before holds. */
	rc = ws2fix_session_restore(&r, src.session, &o);
	if (rc < 0) {
		rc = report_failure(ctx, a.file, &r, rc, live);
	} else {
		ws2fix_buf b = WS2FIX_BUF_INIT;
		if (ctx->json) {
			char *doc = NULL;
			if (ws2fix_session_restore_json(&doc, src.session, a.file, &r, 1) == 0)
				ws2fix__buf_puts(&b, doc);
			else
				b.oom = 1;
			free(doc);
		} else {
			render_text(&b, ctx, a.file, &r, live);
		}
		if (ws2fix__buf_oom(&b))
			rc = cli_oom(ctx, EXIT_FAILED);
		else
			cli_emit(ctx, &b);
		ws2fix__buf_free(&b);
	}
	ws2fix_restore_run_result_clear(&r);
	free(pre);
	cli_source_close(&src);
	return rc;
}

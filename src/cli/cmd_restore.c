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
#include "ws2fix/live.h"
#include "util/json.h"
#include "util/utf.h"
#include "ws2fix/backup.h"
#include "ws2fix/catalog.h"
#include "ws2fix/errors.h"

typedef struct restore_args {
	const char *file;
	const char *backup;
	int force;
} restore_args;

/* One error (one JSON document), then the synopsis for a human. */
static int usage(cli_ctx *ctx, cli_msgid id, const char *arg)
{
	if (arg)
		cli_error(ctx, EXIT_USAGE, "EUSAGE", cli_text(ctx, id), arg);
	else
		cli_error(ctx, EXIT_USAGE, "EUSAGE", "%s", cli_text(ctx, id));
	if (!ctx->json && !ctx->quiet)
		fprintf(ctx->err, "%s\n", cli_msg(ctx, MSG_RESTORE_USAGE));
	return EXIT_USAGE;
}

static int parse_args(cli_ctx *ctx, restore_args *a, int argc, char **argv)
{
	int dashdash = 0;
	memset(a, 0, sizeof(*a));
	for (int i = 0; i < argc; i++) {
		const char *s = argv[i];
		if (!dashdash && !strcmp(s, "--")) {
			dashdash = 1;
		} else if (!dashdash && !strcmp(s, "--force")) {
			a->force = 1;
		} else if (!dashdash && !strncmp(s, "--backup=", 9)) {
			a->backup = s + 9;
		} else if (!dashdash && !strcmp(s, "--backup")) {
			if (i + 1 >= argc)
				return cli_error(ctx, EXIT_USAGE, "EUSAGE", cli_msg(ctx, MSG_ERR_OPTION_NEEDS_ARG), s);
			a->backup = argv[++i];
		} else if (!dashdash && s[0] == '-' && s[1]) {
			return usage(ctx, MSG_ERR_UNKNOWN_OPTION, s);
		} else if (!a->file) {
			a->file = s;
		} else {
			return cli_error(ctx, EXIT_USAGE, "EUSAGE", cli_msg(ctx, MSG_ERR_TOO_MANY_ARGS), s);
		}
	}
	if (!a->file || !*a->file)
		return usage(ctx, MSG_RESTORE_NEEDS_FILE, NULL);
	if (a->backup && !*a->backup)
		return cli_error(ctx, EXIT_USAGE, "EUSAGE", cli_msg(ctx, MSG_ERR_OPTION_NEEDS_ARG), "--backup");
	/* Writing the backup of the current state over the file about to be
	 * restored would silently restore the current state instead. */
	if (a->backup && !strcmp(a->backup, a->file))
		return cli_error(ctx, EXIT_USAGE, "EUSAGE", cli_msg(ctx, MSG_RESTORE_SAME_FILE), a->file);
	return 0;
}


/*
 * Report a failure after the backup of the current state was written: one
 * message (one JSON document) that says what failed, then where the input
 * stands and where that backup is.
 */
static int fail_after(cli_ctx *ctx, const char *code, const ws2fix_buf *what, const char *pre,
	int live)
{
	ws2fix_buf m = WS2FIX_BUF_INIT;
	ws2fix__buf_puts(&m, ws2fix__buf_cstr(what));
	ws2fix__buf_puts(&m, ". ");
	if (live)
		ws2fix__buf_printf(&m, cli_msg(ctx, MSG_RESTORE_PARTIAL_LIVE), pre);
	else
		ws2fix__buf_printf(&m, cli_msg(ctx, MSG_RESTORE_UNCHANGED), ctx->source_path, pre);
	int rc = cli_error(ctx, EXIT_FAILED, code, "%s", ws2fix__buf_cstr(&m));
	ws2fix__buf_free(&m);
	return rc;
}

static const char *last_detail(int rc)
{
	const char *d = ws2fix_error_last()->message;
	return d && *d ? d : ws2fix_code_name(rc);
}

/* The view Windows itself loads first: 64-bit when there is one. */
static size_t protocol_count(const ws2fix_catalog *cat)
{
	return cat->protocol[WS2FIX_VIEW_64].info.present ? cat->protocol[WS2FIX_VIEW_64].info.count
						    : cat->protocol[WS2FIX_VIEW_32].info.count;
}

static size_t namespace_count(const ws2fix_catalog *cat)
{
	return cat->namespaces[WS2FIX_VIEW_64].info.present ? cat->namespaces[WS2FIX_VIEW_64].info.count
						      : cat->namespaces[WS2FIX_VIEW_32].info.count;
}

typedef struct restore_result {
	const char *file;
	const char *pre;
	char *kept; /* owned */
	ws2fix_strlist keys;
	ws2fix_catalog *cat;
	char *cat_error;
	int live;
} restore_result;

static void render_json(ws2fix_buf *b, cli_ctx *ctx, ws2fix_registry *reg, const restore_result *r)
{
	ws2fix_json j;
	ws2fix__json_init(&j, b, 1);
	ws2fix__json_object_begin(&j);
	ws2fix_report_json_source(&j, reg, ctx->lang);
	ws2fix__json_kv_string(&j, "command", "restore");
	ws2fix__json_kv_string(&j, "restored_from", r->file);
	ws2fix__json_kv_string(&j, "backup", r->pre);
	ws2fix__json_kv_string(&j, "original_kept", r->kept);
	ws2fix__json_key(&j, "keys");
	ws2fix__json_array_begin(&j);
	for (size_t i = 0; i < r->keys.count; i++)
		ws2fix__json_string(&j, r->keys.items[i]);
	ws2fix__json_array_end(&j);
	ws2fix__json_kv_bool(&j, "verified", 1);
	ws2fix__json_key(&j, "catalog");
	if (r->cat) {
		ws2fix__json_object_begin(&j);
		ws2fix__json_kv_uint(&j, "protocol_entries", protocol_count(r->cat));
		ws2fix__json_kv_uint(&j, "namespace_entries", namespace_count(r->cat));
		ws2fix__json_object_end(&j);
	} else {
		ws2fix__json_null(&j);
	}
	ws2fix__json_kv_bool(&j, "restart_needed", r->live);
	ws2fix__json_object_end(&j);
	ws2fix__buf_putc(b, '\n');
}

static void render_text(ws2fix_buf *b, cli_ctx *ctx, const restore_result *r)
{
	ws2fix__buf_printf(b, cli_msg(ctx, MSG_RESTORE_DONE), r->file, r->keys.count);
	ws2fix__buf_putc(b, '\n');
	for (size_t i = 0; i < r->keys.count; i++)
		ws2fix__buf_printf(b, "  %s\n", r->keys.items[i]);
	if (r->kept) {
		ws2fix__buf_printf(b, cli_msg(ctx, MSG_RESTORE_ORIGINAL_KEPT), r->kept);
		ws2fix__buf_putc(b, '\n');
	}
	ws2fix__buf_printf(b, "%s\n", cli_msg(ctx, MSG_RESTORE_VERIFIED));
	if (r->cat)
		ws2fix__buf_printf(b, cli_msg(ctx, MSG_RESTORE_CATALOG), protocol_count(r->cat),
			namespace_count(r->cat));
	else
		ws2fix__buf_printf(b, cli_msg(ctx, MSG_RESTORE_CATALOG_UNREADABLE),
			r->cat_error ? r->cat_error : "?");
	ws2fix__buf_putc(b, '\n');
	if (r->live)
		ws2fix__buf_printf(b, "%s\n", cli_msg(ctx, MSG_RESTORE_RESTART));
}

/* Everything after the backup of the current state is on disk. */
static int restore_and_check(cli_ctx *ctx, ws2fix_registry **regp, restore_result *r)
{
	ws2fix_buf what = WS2FIX_BUF_INIT;
	char *diff = NULL;
	const char *src = ctx->source_path;
	char *kept = NULL;
	int committed = 0;
	int rc = ws2fix_restore(*regp, r->file, &r->keys);
	if (rc < 0) {
		ws2fix__buf_printf(&what, cli_msg(ctx, MSG_RESTORE_FAILED), last_detail(rc));
		goto failed;
	}
	if (!r->live && !(kept = ws2fix_backup_kept_path(src))) {
		rc = WS2FIX_ENOMEM;
		ws2fix__buf_printf(&what, cli_msg(ctx, MSG_RESTORE_COMMIT_FAILED), src, "out of memory");
		goto failed;
	}
	rc = ws2fix_registry_commit(*regp, kept);
	if (rc < 0) {
		/* The hive backend puts the original back when its rename
		 * fails; the .reg one writes the file atomically: unchanged. */
		ws2fix__buf_printf(&what, cli_msg(ctx, MSG_RESTORE_COMMIT_FAILED), r->live ? "HKLM\\SYSTEM" : src,
			last_detail(rc));
		free(kept);
		goto failed;
	}
	r->kept = kept;
	committed = 1;
	/* Read back what is now on disk, not the edited copy in memory. */
	{
		ws2fix_registry *again = NULL;
		rc = ws2fix_registry_reopen(&again, *regp);
		ws2fix_registry_free(*regp);
		*regp = again;
	}
	if (rc == 0)
		rc = ws2fix_restore_verify(*regp, r->file, &diff);
	if (rc < 0) {
		ws2fix__buf_printf(&what, cli_msg(ctx, MSG_RESTORE_REOPEN_FAILED), last_detail(rc));
		goto failed;
	}
	if (diff) {
		ws2fix__buf_printf(&what, cli_msg(ctx, MSG_RESTORE_VERIFY_FAILED), diff);
		free(diff);
		rc = WS2FIX_ECORRUPT;
		goto failed;
	}
	int crc = ws2fix_catalog_read(&r->cat, *regp);
	if (crc < 0) {
		r->cat = NULL;
		r->cat_error = ws2fix__strdup(last_detail(crc));
	}
	ws2fix__buf_free(&what);
	return 0;

failed:
	if (committed && !r->live) {
		/* The input has been replaced: say where the original went. */
		ws2fix__buf_puts(&what, ". ");
		ws2fix__buf_printf(&what, cli_msg(ctx, MSG_RESTORE_ORIGINAL_KEPT), r->kept);
		rc = cli_error(ctx, EXIT_FAILED, ws2fix_code_name(rc), "%s", ws2fix__buf_cstr(&what));
	} else {
		rc = fail_after(ctx, ws2fix_code_name(rc), &what, r->pre, r->live);
	}
	ws2fix__buf_free(&what);
	return rc;
}

int cmd_restore(cli_ctx *ctx, int argc, char **argv)
{
	restore_args a;
	restore_result r;
	ws2fix_registry *reg = NULL;
	ws2fix_strlist plan = {0};
	char *pre = NULL;
	int rc = parse_args(ctx, &a, argc, argv);
	if (rc != 0)
		return rc;
	if (cli_refuse_partial(ctx))
		return EXIT_USAGE;
	memset(&r, 0, sizeof(r));
	r.file = a.file;
	r.live = ctx->source_path == NULL;
	/* Before anything is opened for writing: a user without the rights
	 * learns it now, not after half the keys were deleted. */
	if (r.live && !ws2fix_live_is_admin())
		return cli_error(ctx, EXIT_USAGE, "EACCESS", "%s", cli_msg(ctx, MSG_RESTORE_NOT_ADMIN));
	if ((rc = cli_open_source(ctx, &reg, 1)) != 0)
		return rc;
	if (ws2fix_registry_has(reg, WS2FIX_CAP_DIRTY) && ws2fix_registry_is_dirty(reg) && !a.force) {
		rc = cli_error(ctx, EXIT_USAGE, "EDIRTY", cli_msg(ctx, MSG_RESTORE_DIRTY), ctx->source_path);
		goto out;
	}
	int lrc = ws2fix_restore_plan(&plan, reg, a.file);
	if (lrc < 0) {
		rc = cli_error_lib(ctx, EXIT_USAGE, lrc, MSG_RESTORE_BAD_BACKUP, a.file);
		goto out;
	}
	pre = a.backup ? ws2fix__strdup(a.backup) : cli_default_backup_path(ctx);
	if (!pre) {
		rc = cli_error(ctx, EXIT_FAILED, "ENOMEM", "out of memory");
		goto out;
	}
	r.pre = pre;
	/* The keys the backup replaces too, in case they are not among the
	 * usual ones: everything this restore changes is in that backup. */
	lrc = ws2fix_backup_write_with(reg, pre, cli_backup_win2000(ctx, reg), &plan, NULL);
	if (lrc < 0) {
		rc = cli_error_lib(ctx, EXIT_FAILED, lrc, MSG_RESTORE_PREBACKUP_FAILED, pre);
		goto out;
	}
	if (!ctx->json && !ctx->quiet) {
		/* Shown at once, so that it is on screen whatever happens next. */
		fprintf(ctx->out, cli_msg(ctx, MSG_RESTORE_PREBACKUP), pre);
		fputc('\n', ctx->out);
		fflush(ctx->out);
	}
	rc = restore_and_check(ctx, &reg, &r);
	if (rc == 0) {
		ws2fix_buf b = WS2FIX_BUF_INIT;
		if (ctx->json)
			render_json(&b, ctx, reg, &r);
		else
			render_text(&b, ctx, &r);
		cli_emit(ctx, &b);
		ws2fix__buf_free(&b);
	}
out:
	ws2fix_strlist_clear(&plan);
	ws2fix_strlist_clear(&r.keys);
	ws2fix_catalog_free(r.cat);
	free(r.cat_error);
	free(r.kept);
	free(pre);
	ws2fix_registry_free(reg);
	return rc;
}

/* SPDX-License-Identifier: MIT */
/*
 * ws2fix backup FILE: write a .reg backup of everything a repair may touch
 * (include/ws2fix/backup.h), from the live registry, a hive or a .reg
 * export.  Exit 0 written, 2 usage or unreadable source, 3 the file could
 * not be written (no partial file is left: the write is atomic).
 *
 * The library decides and writes (ws2fix_session_backup) and makes the
 * JSON document; this file gathers the options and says what was done.
 */
#include <stdlib.h>
#include <string.h>

#include "ws2fix/report.h"
#include "cli.h"
#include "cli_options.h"
#include "cli_source.h"
#include "ws2fix/files.h"
#include "ws2fix/errors.h"
#include "ws2fix/outputs.h"

static void render_text(ws2fix_buf *b, cli_ctx *ctx, const char *path, const ws2fix_strlist *keys)
{
	ws2fix__buf_printf(b, cli_msg(ctx, MSG_BACKUP_WRITTEN), path);
	ws2fix__buf_putc(b, '\n');
	if (!keys->count) {
		ws2fix__buf_printf(b, "%s\n", cli_msg(ctx, MSG_BACKUP_NO_KEYS));
		return;
	}
	ws2fix__buf_printf(b, cli_msg(ctx, MSG_BACKUP_KEYS), keys->count);
	ws2fix__buf_putc(b, '\n');
	for (size_t i = 0; i < keys->count; i++)
		ws2fix__buf_printf(b, "  %s\n", keys->items[i]);
	/* The command that restores it: the same source, so that it can be
	 * pasted as it is. */
	ws2fix_buf cmd = WS2FIX_BUF_INIT;
	ws2fix__buf_puts(&cmd, "ws2fix");
	char *source = ctx->source_path ? ws2fix_shell_quoted(ctx->source_path) : NULL;
	char *quoted = ws2fix_shell_quoted(path);
	if (source)
		ws2fix__buf_printf(&cmd, " %s %s", ws2fix_source_kind_option(ctx->source), source);
	ws2fix__buf_printf(b, cli_msg(ctx, MSG_BACKUP_HINT), ws2fix__buf_cstr(&cmd), quoted ? quoted : path,
		quoted ? quoted : path);
	ws2fix__buf_putc(b, '\n');
	ws2fix__buf_free(&cmd);
	free(source);
	free(quoted);
}

int cmd_backup(cli_ctx *ctx, const cli_args *a)
{
	const char *file = a->opt[CLI_O_BACKUP_FILE];
	int force = a->opt[CLI_O_BACKUP_FORCE] != NULL;
	if (!file || !*file)
		return cli_usage_error(ctx, CLI_CMD_BACKUP, MSG_BACKUP_NEEDS_FILE, NULL);

	/* Through the session, like every command: its guard keeps the
	 * backup off the source, its logs, a kept original and (without
	 * --force) any existing file (ws2fix/outputs.h); it decides which
	 * keys the backup holds (ws2fix_session_backup_win2000). */
	cli_source src;
	int rc = cli_source_open(ctx, &src, CLI_SOURCE_REGISTRY_ONLY);
	if (rc != 0)
		return rc;
	ws2fix_session_backup_result r;
	int lrc = ws2fix_session_backup(&r, src.session, file, force);
	if (lrc < 0) {
		if (r.stage == WS2FIX_BACKUP_CLAIM && r.output_refusal != WS2FIX_OUTPUT_OK) {
			char *text = ws2fix_output_refusal_text(r.output_refusal, file, ctx->lang);
			rc = cli_error(ctx, EXIT_USAGE, "EOUTPUT", "%s", text ? text : "output refused");
			free(text);
		} else if (r.stage == WS2FIX_BACKUP_CLAIM)
			rc = cli_error_lib(ctx, EXIT_USAGE, lrc, MSG_BACKUP_CANNOT_READ, NULL);
		else if (r.stage == WS2FIX_BACKUP_READ)
			rc = cli_error_lib(ctx, EXIT_USAGE, lrc, MSG_BACKUP_CANNOT_READ, NULL);
		else
			rc = cli_error_lib(ctx, EXIT_FAILED, lrc, MSG_BACKUP_FAILED, file);
		ws2fix_session_backup_result_clear(&r);
		cli_source_close(&src);
		return rc;
	}
	ws2fix_buf b = WS2FIX_BUF_INIT;
	if (ctx->json) {
		char *doc = NULL;
		if (ws2fix_session_backup_json(&doc, src.session, file, &r, 1) == 0)
			ws2fix__buf_puts(&b, doc);
		else
			b.oom = 1;
		free(doc);
	} else {
		render_text(&b, ctx, file, &r.keys);
	}
	if (ws2fix__buf_oom(&b))
		rc = cli_oom(ctx, EXIT_USAGE);
	else
		cli_emit(ctx, &b);
	ws2fix__buf_free(&b);
	ws2fix_session_backup_result_clear(&r);
	cli_source_close(&src);
	return rc;
}

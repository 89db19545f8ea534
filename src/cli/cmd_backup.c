/* SPDX-License-Identifier: MIT */
/*
 * ws2fix backup FILE: write a .reg backup of everything a repair may touch
 * (include/ws2fix/backup.h), from the live registry, a hive or a .reg
 * export.  Exit 0 written, 2 usage or unreadable source, 3 the file could
 * not be written (no partial file is left: the write is atomic).
 *
 * Also the helper that restore (and repair --apply) share: whether the
 * Windows 2000 extras belong in a backup.
 */
#include <stdlib.h>
#include <string.h>

#include "ws2fix/report.h"
#include "cli.h"
#include "cli_source.h"
#include "util/json.h"
#include "ws2fix/backup.h"
#include "ws2fix/files.h"
#include "ws2fix/errors.h"
#include "ws2fix/osinfo.h"
#include "ws2fix/outputs.h"

int cli_backup_win2000(cli_ctx *ctx, ws2fix_registry *reg)
{
	ws2fix_osinfo os;
	memset(&os, 0, sizeof(os));
	int rc = ws2fix_registry_detect_os(&os, reg, NULL, ctx->software, ctx->os);
	/* Not knowing the version is no reason to refuse a backup: the
	 * extras are only more keys written down. */
	ws2fix_error_clear();
	return rc == 0 && os.family == WS2FIX_OS_2000;
}

static void render_json(ws2fix_buf *b, cli_ctx *ctx, ws2fix_registry *reg, const char *path,
	const ws2fix_strlist *keys)
{
	ws2fix_json j;
	ws2fix__json_init(&j, b, 1);
	ws2fix__json_object_begin(&j);
	ws2fix_report_json_source(&j, reg, ctx->lang);
	ws2fix__json_kv_string(&j, "command", "backup");
	ws2fix__json_kv_string(&j, "path", path);
	ws2fix__json_key(&j, "keys");
	ws2fix__json_array_begin(&j);
	for (size_t i = 0; i < keys->count; i++)
		ws2fix__json_string(&j, keys->items[i]);
	ws2fix__json_array_end(&j);
	ws2fix__json_object_end(&j);
	ws2fix__buf_putc(b, '\n');
}

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

/* After the one error (one JSON document): the synopsis, for a human. */
static int usage_line(cli_ctx *ctx)
{
	if (!ctx->json && !ctx->quiet)
		fprintf(ctx->err, "%s\n", cli_msg(ctx, MSG_BACKUP_USAGE));
	return EXIT_USAGE;
}

int cmd_backup(cli_ctx *ctx, int argc, char **argv)
{
	const char *file = NULL;
	int force = 0;
	for (int i = 0; i < argc; i++) {
		if (!strcmp(argv[i], "--force")) {
			force = 1;
		} else if (!strcmp(argv[i], "--") && i + 1 < argc && !file) {
			file = argv[++i];
		} else if (argv[i][0] == '-' && argv[i][1]) {
			cli_error(ctx, EXIT_USAGE, "EUSAGE", cli_msg(ctx, MSG_ERR_UNKNOWN_OPTION), argv[i]);
			return usage_line(ctx);
		} else if (!file) {
			file = argv[i];
		} else {
			return cli_error(ctx, EXIT_USAGE, "EUSAGE", cli_msg(ctx, MSG_ERR_TOO_MANY_ARGS), argv[i]);
		}
	}
	if (!file || !*file) {
		cli_error(ctx, EXIT_USAGE, "EUSAGE", "%s", cli_msg(ctx, MSG_BACKUP_NEEDS_FILE));
		return usage_line(ctx);
	}

	/* Through the session, like every command: its guard keeps the
	 * backup off the source, its logs, a kept original and (without
	 * --force) any existing file (ws2fix/outputs.h). */
	cli_source src;
	int rc = cli_source_open(ctx, &src, CLI_SOURCE_REGISTRY_ONLY);
	if (rc != 0)
		return rc;
	ws2fix_registry *reg = src.reg;
	if ((rc = cli_claim_output(ctx, ws2fix_session_outputs(src.session), file, force)) != 0) {
		cli_source_close(&src);
		return rc;
	}
	int extras = cli_backup_win2000(ctx, reg);
	ws2fix_strlist keys = {0};
	int lrc = ws2fix_backup_keys(&keys, reg, extras);
	if (lrc < 0) {
		rc = cli_error_lib(ctx, EXIT_USAGE, lrc, MSG_BACKUP_CANNOT_READ, NULL);
		cli_source_close(&src);
		return rc;
	}
	ws2fix_strlist_clear(&keys);
	/* The list actually written, which is what the output reports. */
	lrc = ws2fix_backup_write_with(reg, file, extras, NULL, &keys);
	if (lrc < 0) {
		rc = cli_error_lib(ctx, EXIT_FAILED, lrc, MSG_BACKUP_FAILED, file);
		cli_source_close(&src);
		return rc;
	}
	ws2fix_buf b = WS2FIX_BUF_INIT;
	if (ctx->json)
		render_json(&b, ctx, reg, file, &keys);
	else
		render_text(&b, ctx, file, &keys);
	cli_emit(ctx, &b);
	ws2fix__buf_free(&b);
	ws2fix_strlist_clear(&keys);
	cli_source_close(&src);
	return EXIT_OK;
}

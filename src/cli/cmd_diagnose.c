/* SPDX-License-Identifier: MIT */
/*
 * ws2fix diagnose: every check, findings grouped by severity, each with its
 * fix, and a one-line verdict (KB 811259's "is the Winsock2 key corrupted?"
 * answered precisely).  Exit 0 healthy, 1 any error finding, 2 unreadable.
 */
#include <string.h>

#include "catalog_render.h"
#include "cli.h"
#include "cli_source.h"
#include "hijackthis_render.h"
#include "live_info.h"
#include "ws2fix/diagnose.h"
#include "ws2fix/errors.h"

#define RED "\033[31m"
#define YELLOW "\033[33m"
#define CYAN "\033[36m"
#define BOLD "\033[1m"
#define RESET "\033[0m"

void cli_json_findings(ws2fix_json *j, const ws2fix_diagnosis *d)
{
	ws2fix__json_key(j, "findings");
	ws2fix__json_array_begin(j);
	for (size_t i = 0; i < d->count; i++) {
		const ws2fix_finding *f = &d->findings[i];
		ws2fix__json_object_begin(j);
		ws2fix__json_kv_string(j, "code", ws2fix_finding_code_name(f->code));
		ws2fix__json_kv_string(j, "severity", ws2fix_severity_name(f->severity));
		ws2fix__json_kv_string(j, "catalog", f->catalog);
		ws2fix__json_kv_string(j, "view", f->view >= 0 ? ws2fix_view_name((enum ws2fix_view)f->view) : NULL);
		ws2fix__json_kv_string(j, "entry", f->key);
		ws2fix__json_key(j, "catalog_id");
		if (f->has_catalog_id)
			ws2fix__json_uint(j, f->catalog_id);
		else
			ws2fix__json_null(j);
		ws2fix__json_kv_string(j, "path", f->path);
		ws2fix__json_kv_string(j, "provider", f->provider);
		ws2fix__json_kv_string(j, "vendor", f->vendor);
		ws2fix__json_kv_string(j, "message", f->message);
		ws2fix__json_kv_string(j, "fix", f->fix);
		ws2fix__json_object_end(j);
	}
	ws2fix__json_array_end(j);
	ws2fix__json_key(j, "skipped");
	ws2fix__json_array_begin(j);
	for (size_t i = 0; i < d->skipped_count; i++)
		ws2fix__json_string(j, d->skipped[i]);
	ws2fix__json_array_end(j);
	ws2fix__json_key(j, "summary");
	ws2fix__json_object_begin(j);
	ws2fix__json_kv_uint(j, "errors", d->errors);
	ws2fix__json_kv_uint(j, "warnings", d->warnings);
	ws2fix__json_kv_uint(j, "infos", d->infos);
	ws2fix__json_kv_bool(j, "healthy", d->errors == 0);
	ws2fix__json_object_end(j);
}

static void text_findings(ws2fix_buf *b, cli_ctx *ctx, const ws2fix_diagnosis *d)
{
	static const struct {
		ws2fix_severity sev;
		ws2fix_msgid heading;
		const char *color;
	} groups[] = {
		{WS2FIX_SEV_ERROR, MSG_DIAG_HEADING_ERROR, RED},
		{WS2FIX_SEV_WARNING, MSG_DIAG_HEADING_WARNING, YELLOW},
		{WS2FIX_SEV_INFO, MSG_DIAG_HEADING_INFO, CYAN},
	};
	for (size_t g = 0; g < sizeof(groups) / sizeof(groups[0]); g++) {
		int first = 1;
		for (size_t i = 0; i < d->count; i++) {
			const ws2fix_finding *f = &d->findings[i];
			if (f->severity != groups[g].sev)
				continue;
			if (first) {
				ws2fix__buf_printf(b, "%s%s%s\n", ctx->color ? BOLD : "", cli_msg(ctx, groups[g].heading),
					ctx->color ? RESET : "");
				first = 0;
			}
			ws2fix__buf_printf(b, "  %s%s%s", ctx->color ? groups[g].color : "",
				ws2fix_finding_code_name(f->code), ctx->color ? RESET : "");
			if (f->view >= 0)
				ws2fix__buf_printf(b, " [%s]", ws2fix_view_name((enum ws2fix_view)f->view));
			ws2fix__buf_printf(b, " %s\n", f->message);
			ws2fix__buf_printf(b, "    %s: %s\n", cli_msg(ctx, MSG_DIAG_FIX), f->fix);
		}
		if (!first)
			ws2fix__buf_putc(b, '\n');
	}
	if (d->skipped_count) {
		ws2fix__buf_printf(b, "%s:\n", cli_msg(ctx, MSG_DIAG_SKIPPED));
		for (size_t i = 0; i < d->skipped_count; i++)
			ws2fix__buf_printf(b, "  - %s\n", d->skipped[i]);
		ws2fix__buf_putc(b, '\n');
	}
}

int cli_diagnose_source(cli_ctx *ctx, cli_source *src, ws2fix_diagnosis **out)
{
	ws2fix_diagnose_options o = WS2FIX_DIAGNOSE_OPTIONS_INIT;
	o.lang = ctx->lang;
	o.os = &src->os;
	o.probe = src->probe;
	o.from_netsh = src->reg == NULL;
	if (src->hjt)
		return ws2fix_hjt_diagnose(out, src->hjt, &o);
	return ws2fix_diagnose(out, src->reg, src->cat, &o);
}

void cli_diagnose_json(ws2fix_buf *b, cli_ctx *ctx, const cli_source *src, const ws2fix_diagnosis *d, int pretty)
{
	ws2fix_json j;
	ws2fix__json_init(&j, b, pretty);
	ws2fix__json_object_begin(&j);
	cli_json_source(&j, ctx, src->reg);
	cli_json_os(&j, &src->os);
	if (src->hjt) {
		ws2fix__json_key(&j, "catalogs");
		ws2fix__json_array_begin(&j);
		ws2fix__json_array_end(&j);
		cli_hjt_json(&j, src->hjt);
	} else {
		ws2fix_lsp_events *ev = cli_live_events(src->reg);
		cli_json_catalogs_ev(&j, src->cat, ev);
		ws2fix_events_free(ev);
	}
	cli_json_app_exclusions(&j, src->reg);
	cli_json_findings(&j, d);
	ws2fix__json_object_end(&j);
	ws2fix__buf_putc(b, '\n');
}

int cmd_diagnose(cli_ctx *ctx, int argc, char **argv)
{
	for (int i = 0; i < argc; i++)
		return cli_error(ctx, EXIT_USAGE, "EUSAGE",
			cli_msg(ctx, argv[i][0] == '-' ? MSG_ERR_UNKNOWN_OPTION : MSG_ERR_TOO_MANY_ARGS), argv[i]);
	cli_source src;
	int rc = cli_source_open(ctx, &src, CLI_SOURCE_NETSH_OK | CLI_SOURCE_PROBE);
	if (rc)
		return rc;
	ws2fix_diagnosis *d = NULL;
	int lrc = cli_diagnose_source(ctx, &src, &d);
	if (lrc < 0) {
		rc = cli_error_lib(ctx, EXIT_USAGE, lrc, MSG_ERR_DIAGNOSE, NULL);
		cli_source_close(&src);
		return rc;
	}
	ws2fix_buf b = WS2FIX_BUF_INIT;
	if (ctx->json) {
		cli_diagnose_json(&b, ctx, &src, d, 1);
	} else {
		const char *osname = src.os.name[0] ? src.os.name : cli_msg(ctx, MSG_DIAG_OS_UNKNOWN);
		if (src.hjt)
			ws2fix__buf_printf(&b, "%s: hijackthis %s\n", cli_msg(ctx, MSG_SHOW_SOURCE), ctx->hijackthis);
		else
			ws2fix__buf_printf(&b, "%s: %s %s\n", cli_msg(ctx, MSG_SHOW_SOURCE),
				src.reg ? ws2fix_registry_kind(src.reg) : "netsh", src.reg ? ws2fix_registry_path(src.reg) : ctx->netsh);
		if (src.hjt)
			cli_hjt_summary(&b, ctx, src.hjt);
		ws2fix__buf_printf(&b, "%s: %s", cli_msg(ctx, MSG_DIAG_OS), osname);
		if (src.os.arch[0])
			ws2fix__buf_printf(&b, " %s", src.os.arch);
		if (src.os.detected_from[0])
			ws2fix__buf_printf(&b, " (%s)", src.os.detected_from);
		ws2fix__buf_puts(&b, "\n\n");
		text_findings(&b, ctx, d);
		cli_text_app_exclusions(&b, ctx, src.reg);
		ws2fix__buf_printf(&b, cli_msg(ctx, MSG_DIAG_SUMMARY), d->errors, d->warnings, d->infos);
		ws2fix__buf_putc(&b, '\n');
		if (d->errors)
			ws2fix__buf_printf(&b, cli_msg(ctx, MSG_DIAG_VERDICT_BROKEN), d->errors);
		else
			ws2fix__buf_puts(&b, cli_msg(ctx, MSG_DIAG_VERDICT_HEALTHY));
		ws2fix__buf_putc(&b, '\n');
	}
	cli_emit(ctx, &b);
	ws2fix__buf_free(&b);
	rc = d->errors ? EXIT_PROBLEMS : EXIT_OK;
	ws2fix_diagnosis_free(d);
	cli_source_close(&src);
	return rc;
}

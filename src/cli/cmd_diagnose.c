/* SPDX-License-Identifier: MIT */
/*
 * ws2fix diagnose: every check, findings grouped by severity, each with its
 * fix, and a one-line verdict (KB 811259's "is the Winsock2 key corrupted?"
 * answered precisely).  Exit 0 healthy, 1 any error finding, 2 unreadable.
 */
#include <stdlib.h>
#include <string.h>

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

static void text_findings(ws2fix_buf *b, cli_ctx *ctx, const ws2fix_diagnosis *d)
{
	static const struct {
		ws2fix_severity sev;
		cli_msgid heading;
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
				ws2fix__buf_printf(b, "%s%s%s\n", ctx->color ? BOLD : "", cli_text(ctx, groups[g].heading),
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

int cmd_diagnose(cli_ctx *ctx, int argc, char **argv)
{
	for (int i = 0; i < argc; i++)
		return cli_error(ctx, EXIT_USAGE, "EUSAGE",
			cli_text(ctx, argv[i][0] == '-' ? MSG_ERR_UNKNOWN_OPTION : MSG_ERR_TOO_MANY_ARGS), argv[i]);
	cli_source src;
	int rc = cli_source_open(ctx, &src, CLI_SOURCE_NETSH_OK | CLI_SOURCE_PROBE);
	if (rc)
		return rc;
	ws2fix_diagnosis *d = NULL;
	int lrc = ws2fix_session_diagnose(&d, src.session);
	if (lrc < 0) {
		rc = cli_error_lib(ctx, EXIT_USAGE, lrc, MSG_ERR_DIAGNOSE, NULL);
		cli_source_close(&src);
		return rc;
	}
	ws2fix_buf b = WS2FIX_BUF_INIT;
	if (ctx->json) {
		char *doc = NULL;
		if (ws2fix_session_diagnose_json(&doc, src.session, d, 1) == 0)
			ws2fix__buf_puts(&b, doc);
		free(doc);
	} else {
		const char *osname = src.os.name[0] ? src.os.name : cli_msg(ctx, MSG_DIAG_OS_UNKNOWN);
		ws2fix__buf_printf(&b, "%s: %s %s\n", cli_msg(ctx, MSG_SHOW_SOURCE),
			src.reg ? ws2fix_registry_kind(src.reg) : ws2fix_source_kind_name(ws2fix_session_kind(src.session)),
			src.reg ? ws2fix_registry_path(src.reg) : ws2fix_session_path(src.session));
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
	rc = ws2fix_diagnosis_exit_code(d) ? EXIT_PROBLEMS : EXIT_OK;
	ws2fix_diagnosis_free(d);
	cli_source_close(&src);
	return rc;
}

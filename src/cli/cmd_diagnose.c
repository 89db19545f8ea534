/* SPDX-License-Identifier: MIT */
/*
 * ws2fix diagnose: every check, findings grouped by severity, each with its
 * fix, and a one-line verdict (KB 811259's "is the Winsock2 key corrupted?"
 * answered precisely).  Exit 0 healthy, 1 any error finding, 2 unreadable.
 */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cli_options.h"
#include "cli_source.h"
#include "hijackthis_render.h"
#include "live_info.h"
#include "ws2fix/diagnose.h"
#include "ws2fix/report.h"
#include "ws2fix/errors.h"

int cmd_diagnose(cli_ctx *ctx, const cli_args *a)
{
	(void)a; /* no arguments of its own (options.def) */
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
		cli_text_source(&b, ctx, &src);
		if (src.hjt)
			cli_hjt_summary(&b, ctx, src.hjt);
		ws2fix__buf_printf(&b, "%s: %s", cli_msg(ctx, MSG_DIAG_OS), osname);
		if (src.os.arch[0])
			ws2fix__buf_printf(&b, " %s", src.os.arch);
		if (src.os.detected_from[0])
			ws2fix__buf_printf(&b, " (%s)", src.os.detected_from);
		ws2fix__buf_puts(&b, "\n\n");
		char *ft = ws2fix_report_findings_text(d, ctx->lang, ctx->color ? WS2FIX_TEXT_COLOR : 0);
		ws2fix__buf_puts(&b, ft ? ft : "");
		free(ft);
		cli_text_app_exclusions(&b, ctx, src.reg);
		ws2fix__buf_printf(&b, cli_msg(ctx, MSG_DIAG_SUMMARY), d->errors, d->warnings, d->infos);
		ws2fix__buf_putc(&b, '\n');
		if (d->errors)
			ws2fix__buf_printf(&b, cli_msg(ctx, MSG_DIAG_VERDICT_BROKEN), d->errors);
		else
			ws2fix__buf_puts(&b, cli_msg(ctx, MSG_DIAG_VERDICT_HEALTHY));
		ws2fix__buf_putc(&b, '\n');
		ws2fix_cause *cause = NULL;
		if (ws2fix_session_cause(&cause, src.session, d) == 0) {
			char *ct = ws2fix_report_cause_text(cause, ctx->lang, ctx->color ? WS2FIX_TEXT_COLOR : 0);
			ws2fix__buf_putc(&b, '\n');
			ws2fix__buf_puts(&b, ct ? ct : "");
			free(ct);
		}
		ws2fix_cause_free(cause);
	}
	cli_emit(ctx, &b);
	ws2fix__buf_free(&b);
	rc = ws2fix_diagnosis_exit_code(d) ? EXIT_PROBLEMS : EXIT_OK;
	ws2fix_diagnosis_free(d);
	cli_source_close(&src);
	return rc;
}

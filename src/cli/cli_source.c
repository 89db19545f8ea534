/* SPDX-License-Identifier: MIT */
/*
 * The source a command reads, opened by the library's session
 * (ws2fix/session.h) from the global options.  What is left here is the
 * command line's own: which commands take a partial source, and the words
 * of each failure.
 */
#include "cli_source.h"

#include <stdlib.h>
#include <string.h>

#include "ws2fix/errors.h"
#include "ws2fix/report.h"

static int open_failed(cli_ctx *ctx, ws2fix_session_failure why, int rc)
{
	switch (why) {
	case WS2FIX_SESSION_BAD_OS:
		return cli_error(ctx, EXIT_USAGE, "EUSAGE", cli_msg(ctx, MSG_ERR_BAD_OS), ctx->os);
	case WS2FIX_SESSION_SOFTWARE:
		return cli_error_lib(ctx, EXIT_USAGE, rc, MSG_ERR_SOFTWARE, NULL);
	case WS2FIX_SESSION_WINDOWS_ROOT:
		return cli_error_lib(ctx, EXIT_USAGE, rc, MSG_ERR_WINDOWS_ROOT, NULL);
	case WS2FIX_SESSION_EVENTS:
		return cli_error_lib(ctx, EXIT_USAGE, rc, MSG_ERR_EVENTS, NULL);
	case WS2FIX_SESSION_CANNOT_READ:
		return cli_error_lib(ctx, EXIT_USAGE, rc, MSG_ERR_CANNOT_READ_CATALOG, NULL);
	default:
		break;
	}
	return cli_cannot_open(ctx, rc);
}

int cli_source_open(cli_ctx *ctx, cli_source *src, unsigned int flags)
{
	memset(src, 0, sizeof(*src));
	ws2fix_session_options o = WS2FIX_SESSION_OPTIONS_INIT;
	o.lang = ctx->lang;
	o.kind = ctx->source;
	o.path = ctx->source_path;
	o.writable = (flags & CLI_SOURCE_WRITABLE) != 0;
	o.controlset = ctx->controlset;
	o.software = ctx->software;
	o.windows_root = ctx->windows_root;
	o.events = ctx->events;
	o.os = ctx->os;
	o.probe = (flags & CLI_SOURCE_PROBE) != 0;
	o.edit_export = (flags & CLI_SOURCE_EDIT_EXPORT) != 0;
	o.registry_only = (flags & CLI_SOURCE_REGISTRY_ONLY) != 0;
	o.no_file_checks = ctx->no_file_checks;
	if (!(flags & CLI_SOURCE_NETSH_OK) && cli_refuse_partial(ctx))
		return EXIT_USAGE;
	ws2fix_session_failure why;
	int rc = ws2fix_session_open(&src->session, &o, &why);
	if (rc < 0)
		return open_failed(ctx, why, rc);
	src->reg = ws2fix_session_registry(src->session);
	src->cat = ws2fix_session_catalog(src->session);
	src->os = *ws2fix_session_os(src->session);
	src->probe = ws2fix_session_probe(src->session);
	src->hjt = ws2fix_session_hijackthis(src->session);
	size_t nstale = 0;
	int removed = 0;
	const char *const *stale = ws2fix_session_stale_files(src->session, &nstale, &removed);
	for (size_t i = 0; i < nstale && !ctx->quiet; i++) {
		fprintf(ctx->err, removed ? cli_msg(ctx, MSG_STALE_REMOVED) : cli_msg(ctx, MSG_STALE_FOUND), stale[i]);
		fputc('\n', ctx->err);
	}
	return 0;
}

void cli_text_source(ws2fix_buf *b, const cli_ctx *ctx, const cli_source *src)
{
	ws2fix__buf_printf(b, "%s: %s %s\n", cli_msg(ctx, MSG_SHOW_SOURCE),
		ws2fix_source_kind_name(ws2fix_session_kind(src->session)), ws2fix_session_path(src->session));
	char *windir = ws2fix_session_windows_dir_text(src->session);
	if (windir)
		ws2fix__buf_printf(b, "%s\n", windir);
	free(windir);
	const ws2fix_session_event_log *log = ws2fix_session_event_log_info(src->session);
	if (log->skipped) {
		ws2fix__buf_printf(b, cli_msg(ctx, MSG_EVENTS_SKIPPED), log->skipped);
		ws2fix__buf_putc(b, '\n');
	} else if (log->read && log->path && log->damaged) {
		ws2fix__buf_printf(b, cli_msg(ctx, MSG_EVENTS_DAMAGED), log->path, log->events);
		ws2fix__buf_putc(b, '\n');
	} else if (log->read && log->path) {
		ws2fix__buf_printf(b, cli_msg(ctx, MSG_EVENTS_READ), log->path, log->events, log->malformed);
		ws2fix__buf_putc(b, '\n');
	}
}

void cli_text_os_conflict(ws2fix_buf *b, const cli_ctx *ctx, const cli_source *src)
{
	const char *conflict = ws2fix_session_os_conflict(src->session);
	if (conflict)
		ws2fix__buf_printf(b, "%s: %s\n\n", cli_msg(ctx, MSG_WARNING), conflict);
}

int cli_source_refusal(cli_ctx *ctx, const cli_source *src, ws2fix_refusal why)
{
	if (why != WS2FIX_REFUSE_OS_CONFLICT)
		return cli_refusal(ctx, why);
	char *text = ws2fix_session_os_refusal_text(src->session);
	int rc = cli_error(ctx, EXIT_USAGE, "EOSCONFLICT", "%s", text ? text : "--os");
	free(text);
	return rc;
}

void cli_text_os(ws2fix_buf *b, const cli_ctx *ctx, const ws2fix_osinfo *os)
{
	ws2fix__buf_printf(b, "%s: %s%s%s\n\n", cli_msg(ctx, MSG_DIAG_OS),
		os->name[0] ? os->name : cli_msg(ctx, MSG_DIAG_OS_UNKNOWN), os->arch[0] ? " " : "", os->arch);
}

void cli_source_close(cli_source *src)
{
	ws2fix_session_free(src->session);
	memset(src, 0, sizeof(*src));
}

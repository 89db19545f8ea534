/* SPDX-License-Identifier: MIT */
/*
 * ws2fix selftest: run the live Winsock self-test and print one line per
 * step and a verdict, or one JSON document.  Exit 0 when no step failed,
 * 1 when one did, 2 when the test cannot run here (not Windows).
 */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cli_options.h"
#include "util/json.h"
#include "ws2fix/errors.h"
#include "ws2fix/selftest.h"

/* Characters, not bytes: "ÖVERHOPPAT" must pad like "SKIP". */
static size_t utf8_width(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		if (((unsigned char)*s & 0xC0) != 0x80)
			n++;
	return n;
}

static const char *reason_text(const cli_ctx *ctx, int reason)
{
	switch (reason) {
	case WS2FIX_SELFTEST_REASON_NO_IPV6: return cli_msg(ctx, MSG_SELFTEST_REASON_NO_IPV6);
	case WS2FIX_SELFTEST_REASON_NEEDS_ADMIN: return cli_msg(ctx, MSG_SELFTEST_REASON_NEEDS_ADMIN);
	case WS2FIX_SELFTEST_REASON_UNAVAILABLE: return cli_msg(ctx, MSG_SELFTEST_REASON_UNAVAILABLE);
	case WS2FIX_SELFTEST_REASON_NOT_RUN: return cli_msg(ctx, MSG_SELFTEST_REASON_NOT_RUN);
	case WS2FIX_SELFTEST_REASON_DATA_MISMATCH: return cli_msg(ctx, MSG_SELFTEST_REASON_DATA_MISMATCH);
	case WS2FIX_SELFTEST_REASON_NOT_LOOPBACK: return cli_msg(ctx, MSG_SELFTEST_REASON_NOT_LOOPBACK);
	case WS2FIX_SELFTEST_REASON_EMPTY: return cli_msg(ctx, MSG_SELFTEST_REASON_EMPTY);
	case WS2FIX_SELFTEST_REASON_HUNG: return cli_msg(ctx, MSG_SELFTEST_REASON_HUNG);
	case WS2FIX_SELFTEST_REASON_NO_SYSTEMROOT: return cli_msg(ctx, MSG_SELFTEST_REASON_NO_SYSTEMROOT);
	case WS2FIX_SELFTEST_REASON_SYSTEMROOT_ELSEWHERE: return cli_msg(ctx, MSG_SELFTEST_REASON_SYSTEMROOT_ELSEWHERE);
	case WS2FIX_SELFTEST_REASON_PATH_MISSING: return cli_msg(ctx, MSG_SELFTEST_REASON_PATH_MISSING);
	case WS2FIX_SELFTEST_REASON_NO_PATHS: return cli_msg(ctx, MSG_SELFTEST_REASON_NO_PATHS);
	default: return NULL;
	}
}

/* "10038 WSAENOTSOCK (An operation was attempted on something that is not
 * a socket.)"; without the text when a reason already says it. */
static void put_error(ws2fix_buf *b, const cli_ctx *ctx, const ws2fix_selftest_step *st, int with_text)
{
	const char *text = with_text ? ws2fix_selftest_error_text(st->error_code, ctx->lang) : NULL;
	ws2fix__buf_printf(b, "%d", st->error_code);
	if (st->error_name)
		ws2fix__buf_printf(b, " %s", st->error_name);
	if (text)
		ws2fix__buf_printf(b, " (%s)", text);
}

static void render_step(ws2fix_buf *b, const cli_ctx *ctx, const ws2fix_selftest_step *st, size_t width)
{
	const char *label = st->result == WS2FIX_SELFTEST_PASS ? cli_msg(ctx, MSG_SELFTEST_PASS)
		: st->result == WS2FIX_SELFTEST_SKIPPED        ? cli_msg(ctx, MSG_SELFTEST_SKIP)
							       : cli_msg(ctx, MSG_SELFTEST_FAIL);
	ws2fix__buf_puts(b, label);
	for (size_t n = utf8_width(label); n < width + 2; n++)
		ws2fix__buf_putc(b, ' ');
	ws2fix__buf_puts(b, st->name);

	if (st->result == WS2FIX_SELFTEST_PASS) {
		if (st->detail && (st->kind == WS2FIX_SELFTEST_ENUM ||
				   (st->kind == WS2FIX_SELFTEST_ENVIRONMENT && !strcmp(st->name, "provider paths")))) {
			ws2fix__buf_puts(b, " (");
			if (st->kind == WS2FIX_SELFTEST_ENUM)
				ws2fix__buf_printf(b, cli_msg(ctx, MSG_SELFTEST_ENTRIES), st->detail);
			else
				ws2fix__buf_printf(b, cli_msg(ctx, MSG_SELFTEST_PATHS_FOUND), st->detail);
			ws2fix__buf_putc(b, ')');
		} else if (st->detail) {
			ws2fix__buf_printf(b, " (%s)", st->detail);
		}
		ws2fix__buf_putc(b, '\n');
		return;
	}

	/* The loopback steps make many calls: name the one that failed. */
	ws2fix__buf_puts(b, ": ");
	if (st->result == WS2FIX_SELFTEST_FAIL && st->call &&
	    (st->kind == WS2FIX_SELFTEST_TCP || st->kind == WS2FIX_SELFTEST_UDP))
		ws2fix__buf_printf(b, "%s: ", st->call);
	const char *why = reason_text(ctx, st->reason);
	if (why && st->error_code) {
		ws2fix__buf_printf(b, "%s (", why);
		put_error(b, ctx, st, 0);
		ws2fix__buf_putc(b, ')');
	} else if (why) {
		ws2fix__buf_puts(b, why);
	} else {
		put_error(b, ctx, st, 1);
	}
	if (st->detail && (st->kind == WS2FIX_SELFTEST_RESOLVE || st->kind == WS2FIX_SELFTEST_ENVIRONMENT))
		ws2fix__buf_printf(b, ": %s", st->detail);
	ws2fix__buf_putc(b, '\n');
}

static void render_text(ws2fix_buf *b, const cli_ctx *ctx, const ws2fix_selftest_report *rep)
{
	size_t width = 0;
	const cli_msgid labels[] = {MSG_SELFTEST_PASS, MSG_SELFTEST_FAIL, MSG_SELFTEST_SKIP};
	for (size_t i = 0; i < sizeof(labels) / sizeof(labels[0]); i++) {
		size_t w = utf8_width(cli_text(ctx, labels[i]));
		if (w > width)
			width = w;
	}
	for (size_t i = 0; i < rep->count; i++)
		render_step(b, ctx, &rep->steps[i], width);
	if (rep->passed)
		ws2fix__buf_printf(b, cli_msg(ctx, MSG_SELFTEST_VERDICT_PASS), rep->count - rep->skipped,
			rep->count, rep->skipped);
	else
		ws2fix__buf_printf(b, cli_msg(ctx, MSG_SELFTEST_VERDICT_FAIL), rep->failed, rep->count);
	ws2fix__buf_putc(b, '\n');
}

static void render_json(ws2fix_buf *b, const ws2fix_selftest_report *rep)
{
	ws2fix_json j;
	ws2fix__json_init(&j, b, 1);
	ws2fix__json_object_begin(&j);
	ws2fix__json_kv_string(&j, "tool", "ws2fix");
	ws2fix__json_kv_string(&j, "version", WS2FIX_VERSION_STRING);
	ws2fix__json_kv_string(&j, "command", "selftest");
	ws2fix__json_key(&j, "steps");
	ws2fix__json_array_begin(&j);
	for (size_t i = 0; i < rep->count; i++) {
		const ws2fix_selftest_step *st = &rep->steps[i];
		ws2fix__json_object_begin(&j);
		ws2fix__json_kv_string(&j, "name", st->name);
		ws2fix__json_kv_string(&j, "result", ws2fix_selftest_result_name(st->result));
		ws2fix__json_key(&j, "error_code");
		if (st->error_code)
			ws2fix__json_int(&j, st->error_code);
		else
			ws2fix__json_null(&j);
		ws2fix__json_kv_string(&j, "error_name", st->error_name);
		if (st->call)
			ws2fix__json_kv_string(&j, "call", st->call);
		if (ws2fix_selftest_reason_name(st->reason))
			ws2fix__json_kv_string(&j, "reason", ws2fix_selftest_reason_name(st->reason));
		if (st->kind == WS2FIX_SELFTEST_PROVIDER) {
			ws2fix__json_kv_uint(&j, "catalog_id", st->catalog_id);
			ws2fix__json_kv_int(&j, "address_family", st->address_family);
			ws2fix__json_kv_int(&j, "socket_type", st->socket_type);
			ws2fix__json_kv_int(&j, "protocol", st->protocol);
			ws2fix__json_kv_int(&j, "chain_len", st->chain_len);
		}
		if (st->detail)
			ws2fix__json_kv_string(&j, "detail", st->detail);
		ws2fix__json_object_end(&j);
	}
	ws2fix__json_array_end(&j);
	ws2fix__json_key(&j, "summary");
	ws2fix__json_object_begin(&j);
	ws2fix__json_kv_uint(&j, "steps", rep->count);
	ws2fix__json_kv_uint(&j, "failed", rep->failed);
	ws2fix__json_kv_uint(&j, "skipped", rep->skipped);
	ws2fix__json_object_end(&j);
	ws2fix__json_kv_bool(&j, "passed", rep->passed);
	ws2fix__json_object_end(&j);
	ws2fix__buf_putc(b, '\n');
}

int cmd_selftest(cli_ctx *ctx, const cli_args *a)
{
	(void)a; /* no arguments of its own (options.def) */

	ws2fix_selftest_options opts = WS2FIX_SELFTEST_OPTIONS_INIT;

	ws2fix_selftest_report *rep = NULL;
	int rc = ws2fix_selftest_run(&rep, &opts);
	if (rc == WS2FIX_ENOTBUILT)
		return cli_error(ctx, EXIT_USAGE, "ENOTBUILT", "%s", cli_msg(ctx, MSG_SELFTEST_LIVE_ONLY));
	if (rc < 0)
		return cli_error_lib(ctx, EXIT_USAGE, rc, MSG_SELFTEST_CANNOT_RUN, NULL);

	ws2fix_buf b = WS2FIX_BUF_INIT;
	if (ctx->json)
		render_json(&b, rep);
	else
		render_text(&b, ctx, rep);
	int exit_code = rep->passed ? EXIT_OK : EXIT_PROBLEMS;
	ws2fix_selftest_report_free(rep);
	if (ws2fix__buf_oom(&b)) {
		ws2fix__buf_free(&b);
		return cli_oom(ctx, EXIT_USAGE);
	}
	cli_emit(ctx, &b);
	ws2fix__buf_free(&b);
	return exit_code;
}

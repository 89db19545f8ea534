/* SPDX-License-Identifier: MIT */
/* Helpers shared by the commands: errors, opening the source, output. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "ws2fix/errors.h"
#include "ws2fix/outputs.h"
#include "util/json.h"
#include "util/msgtable.h"

static const char *const texts[CLI_MSG_COUNT][WS2FIX_MSGTABLE_LANGS] = {
#define MSG(id, en, sv) [id] = {en, sv},
#include "messages_cli.def"
#undef MSG
};

const char *cli_text(const cli_ctx *ctx, cli_msgid id)
{
	return ws2fix__msgtable_text(texts, CLI_MSG_COUNT, (unsigned)id, (unsigned)ctx->lang);
}

static int verror(cli_ctx *ctx, int exit_code, const char *code_name, const char *fmt, va_list ap)
{
	if (ctx->quiet)
		return exit_code;
	ws2fix_buf msg = WS2FIX_BUF_INIT;
	ws2fix__buf_vprintf(&msg, fmt, ap);
	if (ctx->json) {
		ws2fix_buf b = WS2FIX_BUF_INIT;
		ws2fix_json j;
		ws2fix__json_init(&j, &b, 1);
		ws2fix__json_object_begin(&j);
		ws2fix__json_key(&j, "error");
		ws2fix__json_object_begin(&j);
		ws2fix__json_kv_string(&j, "code", code_name);
		ws2fix__json_kv_string(&j, "message", ws2fix__buf_cstr(&msg));
		ws2fix__json_kv_int(&j, "exit_code", exit_code);
		ws2fix__json_object_end(&j);
		ws2fix__json_object_end(&j);
		ws2fix__buf_putc(&b, '\n');
		fputs(ws2fix__buf_cstr(&b), ctx->out);
		ws2fix__buf_free(&b);
	} else {
		fprintf(ctx->err, "%s%s\n", cli_msg(ctx, MSG_ERR_PREFIX), ws2fix__buf_cstr(&msg));
	}
	ws2fix__buf_free(&msg);
	return exit_code;
}

int cli_error(cli_ctx *ctx, int exit_code, const char *code_name, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int rc = verror(ctx, exit_code, code_name, fmt, ap);
	va_end(ap);
	return rc;
}

int cli_oom(cli_ctx *ctx, int exit_code)
{
	return cli_error(ctx, exit_code, "ENOMEM", "out of memory");
}

static int call_error(cli_ctx *ctx, int exit_code, const char *code_name, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int rc = verror(ctx, exit_code, code_name, fmt, ap);
	va_end(ap);
	return rc;
}

int cli_error_lib(cli_ctx *ctx, int exit_code, int rc, cli_msgid what, const char *arg)
{
	const char *detail = ws2fix_error_last()->message;
	if (!detail || !*detail)
		detail = ws2fix_code_name(rc);
	/* The message formats take (arg, detail) or just (detail). */
	if (arg)
		return call_error(ctx, exit_code, ws2fix_code_name(rc), cli_text(ctx, what), arg, detail);
	return call_error(ctx, exit_code, ws2fix_code_name(rc), cli_text(ctx, what), detail);
}

void cli_source_options(ws2fix_buf *b, int registry_only, const char *last_sep)
{
	const char *names[WS2FIX_SOURCE_COUNT];
	size_t n = 0;
	for (int k = WS2FIX_SOURCE_NONE + 1; k < WS2FIX_SOURCE_COUNT; k++) {
		const char *opt = ws2fix_source_kind_option((ws2fix_source_kind)k);
		if (opt && !(registry_only && ws2fix_source_kind_is_partial((ws2fix_source_kind)k)))
			names[n++] = opt;
	}
	for (size_t i = 0; i < n; i++) {
		if (i)
			ws2fix__buf_puts(b, i + 1 == n && last_sep ? last_sep : ", ");
		ws2fix__buf_puts(b, names[i]);
	}
}

int cli_refuse_partial(cli_ctx *ctx)
{
	if (!ws2fix_source_kind_is_partial(ctx->source))
		return 0;
	ws2fix_buf list = WS2FIX_BUF_INIT;
	cli_source_options(&list, 1, NULL);
	cli_error(ctx, EXIT_USAGE, "EUSAGE", cli_msg(ctx, MSG_ERR_PARTIAL_NOT_HERE),
		ws2fix_source_kind_option(ctx->source), ctx->command ? ctx->command : "", ws2fix__buf_cstr(&list));
	ws2fix__buf_free(&list);
	return 1;
}

int cli_cannot_open(cli_ctx *ctx, int rc)
{
	if (rc == WS2FIX_ENOTBUILT)
		return cli_error(ctx, EXIT_USAGE, "ENOTBUILT", "%s",
			cli_text(ctx, ctx->source == WS2FIX_SOURCE_LIVE ? MSG_ERR_LIVE_NOT_WINDOWS : MSG_ERR_HIVE_NOT_BUILT));
	return cli_error_lib(ctx, EXIT_USAGE, rc, MSG_ERR_CANNOT_OPEN, NULL);
}

int cli_refusal(cli_ctx *ctx, ws2fix_refusal why)
{
	static const char *const code[] = {
		[WS2FIX_REFUSE_PARTIAL] = "EUSAGE", [WS2FIX_REFUSE_READONLY] = "EUSAGE",
		[WS2FIX_REFUSE_DIRTY] = "EDIRTY", [WS2FIX_REFUSE_NOT_ADMIN] = "EACCESS",
		[WS2FIX_REFUSE_EXPORT] = "EEXPORT", [WS2FIX_REFUSE_OS_CONFLICT] = "EOSCONFLICT",
		[WS2FIX_REFUSE_FOREIGN_BACKUP] = "EFOREIGN",
	};
	const char *name = (size_t)why < sizeof(code) / sizeof(code[0]) && code[why] ? code[why] : "EUSAGE";
	return cli_error(ctx, EXIT_USAGE, name, "%s", ws2fix_refusal_text(why, ctx->lang));
}

int cli_claim_output(cli_ctx *ctx, ws2fix_outputs *g, const char *path, int force)
{
	ws2fix_output_refusal why = ws2fix_outputs_claim(g, path, force);
	if (why == WS2FIX_OUTPUT_OK)
		return 0;
	char *text = ws2fix_output_refusal_text(why, path, ctx->lang);
	int rc = cli_error(ctx, EXIT_USAGE, "EOUTPUT", "%s", text ? text : "output refused");
	free(text);
	return rc;
}

void cli_emit(cli_ctx *ctx, const ws2fix_buf *b)
{
	if (ctx->quiet)
		return;
	fwrite(ws2fix__buf_cstr(b), 1, b->len, ctx->out);
	fflush(ctx->out);
}

const char *volatile cli_interrupted_line = "";

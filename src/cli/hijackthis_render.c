/* SPDX-License-Identifier: MIT */
#include "hijackthis_render.h"


static const char *elevated_text(cli_ctx *ctx, int elevated)
{
	if (elevated < 0)
		return cli_msg(ctx, MSG_HJT_ELEVATED_UNKNOWN);
	return cli_text(ctx, elevated ? MSG_HJT_YES : MSG_HJT_NO);
}

void cli_hjt_summary(ws2fix_buf *b, cli_ctx *ctx, const ws2fix_hjt_log *log)
{
	ws2fix__buf_printf(b, cli_msg(ctx, MSG_HJT_COUNT), log->tool, log->count);
	ws2fix__buf_printf(b, "; %s: %s\n", cli_msg(ctx, MSG_HJT_ELEVATED), elevated_text(ctx, log->elevated));
	if (log->count == 0)
		ws2fix__buf_printf(b, "%s\n", cli_msg(ctx, MSG_HJT_NO_O10));
}

void cli_hjt_text(ws2fix_buf *b, cli_ctx *ctx, const ws2fix_hjt_log *log)
{
	cli_hjt_summary(b, ctx, log);
	ws2fix__buf_printf(b, "%s: %s\n\n", cli_msg(ctx, MSG_HJT_PLATFORM), log->platform ? log->platform : "-");
	for (size_t i = 0; i < log->count; i++) {
		const ws2fix_hjt_o10 *o = &log->o10[i];
		ws2fix__buf_puts(b, "  ");
		ws2fix__buf_printf(b, cli_msg(ctx, MSG_HJT_LINE), o->line, o->text, ws2fix_hjt_o10_kind_name(o->kind));
		ws2fix__buf_putc(b, '\n');
	}
}

/* SPDX-License-Identifier: MIT */
/*
 * "Who installed this LSP" and "which programs are excluded from LSPs"
 * for show and diagnose (live_info.h).
 * */
#include "live_info.h"

#include <stdlib.h>
#include <string.h>

#include "ws2fix/errors.h"

/* Pad by characters, not bytes, to column 36 like `show`'s own labels. */
static void label(ws2fix_buf *b, const char *s)
{
	size_t chars = 0;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if ((*p & 0xC0) != 0x80)
			chars++;
	ws2fix__buf_printf(b, "%s:", s);
	for (size_t i = chars + 1; i < 36; i++)
		ws2fix__buf_putc(b, ' ');
}

void cli_text_installed_by(ws2fix_buf *b, const cli_ctx *ctx, const ws2fix_protocol_entry *e,
	enum ws2fix_view view, const ws2fix_lsp_events *ev)
{
	ws2fix_event_match m;
	if (!ev || ws2fix_events_match(&m, ev, e, view) != 1 || !m.installed_by)
		return;
	label(b, cli_msg(ctx, MSG_LIVE_INSTALLED_BY));
	ws2fix__buf_puts(b, m.installed_by);
	if (m.installed_on)
		ws2fix__buf_printf(b, " (%s)", m.installed_on);
	ws2fix__buf_putc(b, '\n');
}


void cli_text_app_exclusions(ws2fix_buf *b, const cli_ctx *ctx, ws2fix_registry *reg)
{
	ws2fix_app_catalog *ac = NULL;
	if (!reg || ws2fix_app_catalog_read(&ac, reg) < 0) {
		ws2fix_error_clear();
		return;
	}
	if (ac->count) {
		ws2fix__buf_printf(b, cli_msg(ctx, MSG_LIVE_EXCLUDED_HEADING), ac->count);
		ws2fix__buf_putc(b, '\n');
	}
	for (size_t i = 0; i < ac->count; i++) {
		const ws2fix_app_exclusion *x = &ac->items[i];
		ws2fix__buf_printf(b, "  %s  %s", x->key, x->path ? x->path : cli_msg(ctx, MSG_LIVE_NO_PATH));
		if (x->args)
			ws2fix__buf_printf(b, " %s", x->args);
		if (x->has_categories) {
			const char *names[16];
			size_t n = ws2fix_lsp_category_names(names, 16, x->categories);
			ws2fix__buf_printf(b, "  %s 0x%08x", cli_msg(ctx, MSG_LIVE_PERMITS), x->categories);
			for (size_t k = 0; k < n; k++)
				ws2fix__buf_printf(b, "%s%s", k ? ", " : " (", names[k]);
			if (n)
				ws2fix__buf_putc(b, ')');
		}
		ws2fix__buf_putc(b, '\n');
	}
	if (ac->count)
		ws2fix__buf_putc(b, '\n');
	ws2fix_app_catalog_free(ac);
}

/* SPDX-License-Identifier: MIT */
/* The likely cause as text, for the CLI and the GUI (ws2fix_report_cause_text). */
#include "report_internal.h"

#include "ws2fix/i18n.h"

static void provider_line(ws2fix_buf *b, const ws2fix_cause_provider *p, ws2fix_lang lang)
{
	ws2fix__buf_printf(b, "  - %s (%s): ", p->name, p->path);
	if (p->vendor || p->product) {
		if (p->vendor && p->product)
			ws2fix__buf_printf(b, "%s, %s", p->vendor, p->product);
		else
			ws2fix__buf_puts(b, p->vendor ? p->vendor : p->product);
		if (p->category)
			ws2fix__buf_printf(b, " (%s)", p->category);
	} else {
		ws2fix__buf_puts(b, ws2fix_msg(MSG_CAUSE_UNKNOWN_VENDOR, lang));
	}
	ws2fix__buf_printf(b, "; %s", ws2fix_msg(p->ifs ? MSG_CAUSE_IFS_YES : MSG_CAUSE_IFS_NO, lang));
	if (p->managed)
		ws2fix__buf_printf(b, "; %s", ws2fix_msg(MSG_CAUSE_MANAGED, lang));
	if (p->reregisters)
		ws2fix__buf_printf(b, "; %s", ws2fix_msg(MSG_CAUSE_REREGISTERS, lang));
	ws2fix__buf_putc(b, '\n');
}

char *ws2fix_report_cause_text(const ws2fix_cause *c, ws2fix_lang lang, unsigned int flags)
{
	ws2fix_buf b = WS2FIX_BUF_INIT;
	int color = (flags & WS2FIX_TEXT_COLOR) != 0;
	ws2fix__buf_printf(&b, "%s%s%s\n", color ? "\033[1m" : "", ws2fix_msg(MSG_CAUSE_HEADING, lang),
		color ? "\033[0m" : "");
	ws2fix__buf_printf(&b, "  %s\n", c->summary);
	for (size_t i = 0; i < c->provider_count; i++)
		provider_line(&b, &c->providers[i], lang);
	if (c->verdict == WS2FIX_CAUSE_LAYERED_PROVIDER) {
		if (!c->excluded_known)
			ws2fix__buf_printf(&b, "  %s\n", ws2fix_msg(MSG_CAUSE_EXCLUDED_UNKNOWN, lang));
		else if (!c->excluded_count)
			ws2fix__buf_printf(&b, "  %s\n", ws2fix_msg(MSG_CAUSE_EXCLUDED_NONE, lang));
		else
			ws2fix__buf_printf(&b, "  %s\n", ws2fix_msg(MSG_CAUSE_EXCLUDED, lang));
		for (size_t i = 0; i < c->excluded_count; i++)
			ws2fix__buf_printf(&b, "    - %s\n", c->excluded[i]);
	}
	ws2fix__buf_printf(&b, "  %s\n", ws2fix_msg(MSG_CAUSE_WHAT_TO_DO, lang));
	for (size_t i = 0; i < c->step_count; i++)
		ws2fix__buf_printf(&b, "  %zu. %s\n", i + 1, c->steps[i]);
	return ws2fix__buf_detach(&b);
}

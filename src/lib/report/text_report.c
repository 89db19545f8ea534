/* SPDX-License-Identifier: MIT */
/*
 * The plan and the outcome of a repair in words: the one formatter the
 * CLI prints and the GUI shows (include/ws2fix/report.h).
 */
#include "report_internal.h"

#include <stdio.h>
#include <stdlib.h>

#include "ws2fix/i18n.h"
#include "ws2fix_msgfmt.h"

/* The message in @p lang; its arguments are checked against the English
 * text at compile time (scripts/gen-msgfmt.py). */
#define T(b, lang, id, ...) \
	((void)sizeof(printf(WS2FIX_MSGFMT_##id, __VA_ARGS__)), ws2fix__buf_printf((b), ws2fix_msg(id, lang), __VA_ARGS__))

char *ws2fix_report_plan_text(const ws2fix_repair_plan *p, ws2fix_repair_mode mode, ws2fix_lang lang,
	unsigned int flags)
{
	ws2fix_buf b = WS2FIX_BUF_INIT;
	int brief = (flags & WS2FIX_TEXT_BRIEF) != 0;
	T(&b, lang, MSG_RC_PLAN_HEADING, ws2fix_msg(mode == WS2FIX_REPAIR_RESET ? MSG_RC_MODE_RESET : MSG_RC_MODE_SURGICAL, lang));
	ws2fix__buf_puts(&b, brief ? ":\n" : "\n");
	if (!p->step_count && !brief)
		ws2fix__buf_printf(&b, "  %s\n", ws2fix_msg(p->note_count ? MSG_RC_EMPTY_NOTES : MSG_RC_EMPTY, lang));
	for (size_t i = 0; i < p->step_count; i++) {
		const ws2fix_repair_step *s = &p->steps[i];
		ws2fix__buf_printf(&b, "%3zu. %s", i + 1, s->action);
		if (brief) {
			ws2fix__buf_putc(&b, '\n');
			continue;
		}
		if (s->has_cause)
			ws2fix__buf_printf(&b, "  [%s]", ws2fix_finding_code_name(s->cause));
		ws2fix__buf_putc(&b, '\n');
		if (s->key)
			ws2fix__buf_printf(&b, "     %s\n", s->key);
		if (s->old_text)
			ws2fix__buf_printf(&b, "     %s: %s\n", ws2fix_msg(MSG_RC_WAS, lang), s->old_text);
		if (s->new_text)
			ws2fix__buf_printf(&b, "     %s: %s\n", ws2fix_msg(MSG_RC_NOW, lang), s->new_text);
	}
	if (p->op_count && !brief) {
		ws2fix__buf_puts(&b, "     (");
		T(&b, lang, MSG_RC_OPS, p->op_count);
		ws2fix__buf_puts(&b, ")\n");
	}
	if (p->removed_count && !brief) {
		char *removed = ws2fix_report_removed_text(p, NULL, lang);
		ws2fix__buf_printf(&b, "\n%s", removed ? removed : "");
		free(removed);
	}
	if (p->note_count) {
		ws2fix__buf_printf(&b, "\n%s:\n", ws2fix_msg(MSG_RC_NOTES, lang));
		for (size_t i = 0; i < p->note_count; i++)
			ws2fix__buf_printf(&b, "  - %s\n", p->notes[i]);
	}
	if (p->unfixed_count) {
		ws2fix__buf_putc(&b, '\n');
		T(&b, lang, MSG_RC_UNFIXED, p->unfixed_count);
		for (size_t i = 0; i < p->unfixed_count; i++)
			if (ws2fix_repair_plan_unfixed_first(p, i))
				ws2fix__buf_printf(&b, "%s%s", i ? ", " : " ", ws2fix_finding_code_name(p->unfixed[i]));
		ws2fix__buf_putc(&b, '\n');
	}
	if (!brief)
		ws2fix__buf_putc(&b, '\n');
	return ws2fix__buf_detach(&b); /* NULL when out of memory */
}

char *ws2fix_report_removed_text(const ws2fix_repair_plan *p, const char *heading, ws2fix_lang lang)
{
	ws2fix_buf b = WS2FIX_BUF_INIT;
	if (!p->removed_count)
		return ws2fix__buf_detach(&b);
	ws2fix__buf_printf(&b, "%s\n", heading ? heading : ws2fix_msg(MSG_RC_REMOVES, lang));
	for (size_t i = 0; i < p->removed_count; i++) {
		ws2fix__buf_printf(&b, "  - %s\n", p->removed_providers[i]);
		for (size_t k = 0; k < p->removed_entry_count; k++) {
			const ws2fix_removed_entry *e = &p->removed_entries[k];
			if (e->provider != i)
				continue;
			const char *view = ws2fix_view_name((enum ws2fix_view)e->view);
			ws2fix__buf_puts(&b, "      ");
			if (e->has_catalog_id)
				T(&b, lang, MSG_RC_REMOVED_PROTOCOL_ENTRY, view, (unsigned)e->catalog_id, e->key, e->name);
			else
				T(&b, lang, MSG_RC_REMOVED_NAMESPACE_ENTRY, view, e->key, e->name);
			ws2fix__buf_putc(&b, '\n');
		}
	}
	return ws2fix__buf_detach(&b); /* NULL when out of memory */
}

char *ws2fix_report_run_text(const ws2fix_repair_run_result *r, const char *restore_point_name, ws2fix_lang lang,
	unsigned int flags)
{
	ws2fix_buf b = WS2FIX_BUF_INIT;
	int live = (flags & WS2FIX_TEXT_LIVE) != 0;
	if (r->backup_path) {
		T(&b, lang, MSG_RC_BACKUP_WRITTEN, r->backup_path);
		ws2fix__buf_putc(&b, '\n');
	}
	if (live && r->restore_point > 0) {
		T(&b, lang, MSG_RC_RESTORE_POINT, restore_point_name ? restore_point_name : "");
		ws2fix__buf_putc(&b, '\n');
	} else if (live && r->restore_point < 0) {
		ws2fix__buf_printf(&b, "%s\n", ws2fix_msg(MSG_RC_RESTORE_POINT_OFF, lang));
	}
	if (r->plan) {
		T(&b, lang, MSG_RC_APPLIED, r->plan->op_count);
		ws2fix__buf_putc(&b, '\n');
	}
	if (r->original_kept) {
		T(&b, lang, MSG_RC_ORIGINAL_KEPT, r->original_kept);
		ws2fix__buf_putc(&b, '\n');
	}
	if (r->netsh_ran) {
		T(&b, lang, MSG_RC_NETSH, r->netsh_exit);
		ws2fix__buf_putc(&b, '\n');
	} else if (r->netsh_error) {
		T(&b, lang, MSG_RC_NETSH_FAILED, r->netsh_error);
		ws2fix__buf_putc(&b, '\n');
	}
	if (r->after) {
		T(&b, lang, MSG_RC_VERIFY, r->after->errors, r->after->warnings);
		ws2fix__buf_putc(&b, '\n');
	}
	if (r->have_counts) {
		T(&b, lang, MSG_RC_PROVIDERS, r->native_providers, r->wow64_providers);
		ws2fix__buf_putc(&b, '\n');
	}
	if (live)
		ws2fix__buf_printf(&b, "%s\n", ws2fix_msg(MSG_RC_RESTART, lang));
	return ws2fix__buf_detach(&b); /* NULL when out of memory */
}

char *ws2fix_report_findings_text(const ws2fix_diagnosis *d, ws2fix_lang lang, unsigned int flags)
{
	static const struct {
		ws2fix_severity sev;
		ws2fix_msgid heading;
		const char *color;
	} groups[] = {
		{WS2FIX_SEV_ERROR, MSG_DIAG_HEADING_ERROR, "\033[31m"},
		{WS2FIX_SEV_WARNING, MSG_DIAG_HEADING_WARNING, "\033[33m"},
		{WS2FIX_SEV_INFO, MSG_DIAG_HEADING_INFO, "\033[36m"},
	};
	int color = (flags & WS2FIX_TEXT_COLOR) != 0;
	ws2fix_buf b = WS2FIX_BUF_INIT;
	for (size_t g = 0; g < sizeof(groups) / sizeof(groups[0]); g++) {
		int first = 1;
		for (size_t i = 0; i < d->count; i++) {
			const ws2fix_finding *f = &d->findings[i];
			if (f->severity != groups[g].sev)
				continue;
			if (first) {
				ws2fix__buf_printf(&b, "%s%s%s\n", color ? "\033[1m" : "", ws2fix_msg(groups[g].heading, lang),
					color ? "\033[0m" : "");
				first = 0;
			}
			ws2fix__buf_printf(&b, "  %s%s%s", color ? groups[g].color : "", ws2fix_finding_code_name(f->code),
				color ? "\033[0m" : "");
			if (f->view >= 0)
				ws2fix__buf_printf(&b, " [%s]", ws2fix_view_name((enum ws2fix_view)f->view));
			ws2fix__buf_printf(&b, " %s\n", f->message ? f->message : "");
			if (f->installed_by) {
				ws2fix__buf_printf(&b, "    %s: %s", ws2fix_msg(MSG_DIAG_INSTALLED_BY, lang), f->installed_by);
				if (f->installed_on)
					ws2fix__buf_printf(&b, " (%s)", f->installed_on);
				ws2fix__buf_putc(&b, '\n');
			}
			if (f->fix && *f->fix)
				ws2fix__buf_printf(&b, "    %s: %s\n", ws2fix_msg(MSG_DIAG_FIX, lang), f->fix);
		}
		if (!first)
			ws2fix__buf_putc(&b, '\n');
	}
	if (d->skipped_count) {
		ws2fix__buf_printf(&b, "%s:\n", ws2fix_msg(MSG_DIAG_SKIPPED, lang));
		for (size_t i = 0; i < d->skipped_count; i++)
			ws2fix__buf_printf(&b, "  - %s\n", d->skipped[i]);
		ws2fix__buf_putc(&b, '\n');
	}
	return ws2fix__buf_detach(&b); /* NULL when out of memory */
}

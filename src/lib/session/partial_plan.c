/* SPDX-License-Identifier: MIT */
/*
 * repair on a partial source (ws2fix_session_partial_plan): the steps for
 * the machine the text came from.  Windows' own command is offered only
 * where it certainly does the same thing on that version
 * (docs/cli/repair.md, "Partial sources", gives the evidence):
 *  - `netsh winsock reset` for reset mode on XP SP2 and later (KB 811259);
 *  - `netsh winsock remove provider ID` on Vista and later, only for the
 *    layered entry (chain length 0) of a known-malicious LSP whose chains
 *    are intact, the one thing the command is documented to do.
 * Nothing is offered when the Windows version is unknown.
 */
#include "session_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../errors_internal.h"
#include "../../util/buf.h"
#include "../../util/utf.h"
#include "ws2fix/errors.h"
#include "ws2fix_msgfmt.h"

#define PP_MAX_STEPS 16

static int xp_sp2_or_later(const ws2fix_osinfo *os)
{
	if (os->family == WS2FIX_OS_XP)
		return os->service_pack >= 2;
	return os->family >= WS2FIX_OS_2003;
}

static const ws2fix_protocol_entry *entry_by_id(const ws2fix_catalog *cat, int view, uint32_t id)
{
	if (!cat || view < 0 || view > 1)
		return NULL;
	const ws2fix_protocol_view *pv = &cat->protocol[view];
	for (size_t i = 0; i < pv->info.count; i++)
		if (pv->entries[i].has_item && pv->entries[i].item.catalog_id == id)
			return &pv->entries[i];
	return NULL;
}

static int add_step(ws2fix_partial_plan *p, const char *text, const char *command, int builtin)
{
	if (p->count >= PP_MAX_STEPS)
		return 0;
	ws2fix_partial_step *st = &p->steps[p->count];
	st->text = ws2fix__strdup(text);
	st->command = command ? ws2fix__strdup(command) : NULL;
	st->builtin = builtin;
	p->count++;
	return st->text && (!command || st->command) ? 0 : WS2FIX_ENOMEM;
}

static int has_command(const ws2fix_partial_plan *p, const char *cmd)
{
	for (size_t k = 0; k < p->count; k++)
		if (p->steps[k].command && !strcmp(p->steps[k].command, cmd))
			return 1;
	return 0;
}

/* `netsh winsock remove provider ID` for each known-malicious LSP whose
 * layered entry is in the catalog, when no chain is broken (at most 4). */
static int remove_provider_steps(ws2fix_partial_plan *p, const ws2fix_session *s, const ws2fix_diagnosis *d)
{
	if (s->os.family < WS2FIX_OS_VISTA || !s->cat)
		return 0;
	for (size_t i = 0; i < d->count; i++)
		if (d->findings[i].code == WS2FIX_F_CHAIN_BROKEN)
			return 0;
	int rc = 0;
	for (size_t i = 0, named = 0; i < d->count && named < 4 && rc == 0; i++) {
		const ws2fix_finding *f = &d->findings[i];
		if (f->code != WS2FIX_F_KNOWN_MALICIOUS_PROVIDER || !f->has_catalog_id)
			continue;
		const ws2fix_protocol_entry *e = entry_by_id(s->cat, f->view, f->catalog_id);
		if (!e || e->item.chain_len != 0)
			continue;
		char cmd[64];
		snprintf(cmd, sizeof(cmd), "netsh winsock remove provider %u", (unsigned)f->catalog_id);
		if (has_command(p, cmd))
			continue;
		char name[64];
		snprintf(name, sizeof(name), "%.60s", e->item.protocol_name);
		ws2fix_buf t = WS2FIX_BUF_INIT;
		(void)sizeof(printf(WS2FIX_MSGFMT_MSG_PP_STEP_NETSH_REMOVE, name));
		ws2fix__buf_printf(&t, ws2fix_msg(MSG_PP_STEP_NETSH_REMOVE, s->lang), name);
		rc = ws2fix__buf_oom(&t) ? WS2FIX_ENOMEM : add_step(p, ws2fix__buf_cstr(&t), cmd, 1);
		ws2fix__buf_free(&t);
		named++;
	}
	return rc;
}

int ws2fix_session_partial_plan(ws2fix_partial_plan **out, ws2fix_session *s, const ws2fix_diagnosis *d,
	ws2fix_repair_mode mode)
{
	*out = NULL;
	if (s->reg)
		return ws2fix__fail(WS2FIX_EINVALID, WS2FIX_ERRCLASS_INVALID, "not a partial source");
	ws2fix_partial_plan *p = calloc(1, sizeof(*p));
	if (!p || !(p->steps = calloc(PP_MAX_STEPS, sizeof(*p->steps)))) {
		free(p);
		return ws2fix__oom();
	}
	p->mode = mode;
	int reset = mode == WS2FIX_REPAIR_RESET;
	const char *m = reset ? " --mode reset" : "";
	char cmd[96];
	ws2fix_lang lang = s->lang;
	int rc = add_step(p, ws2fix_msg(MSG_PP_STEP_CHECK, lang), "ws2fix diagnose", 0);
	if (rc == 0 && d->errors) {
		snprintf(cmd, sizeof(cmd), "ws2fix repair%s", m);
		rc = add_step(p, ws2fix_msg(MSG_PP_STEP_PLAN, lang), cmd, 0);
		snprintf(cmd, sizeof(cmd), "ws2fix repair%s --apply", m);
		if (rc == 0)
			rc = add_step(p, ws2fix_msg(MSG_PP_STEP_APPLY, lang), cmd, 0);
		if (rc == 0 && reset && xp_sp2_or_later(&s->os))
			rc = add_step(p, ws2fix_msg(MSG_PP_STEP_NETSH_RESET, lang), "netsh winsock reset", 1);
		else if (rc == 0 && !reset)
			rc = remove_provider_steps(p, s, d);
		if (rc == 0)
			rc = add_step(p, ws2fix_msg(MSG_PP_STEP_RESTART, lang), NULL, 0);
	}
	if (rc < 0) {
		ws2fix_partial_plan_free(p);
		return ws2fix__oom();
	}
	*out = p;
	return 0;
}

void ws2fix_partial_plan_free(ws2fix_partial_plan *p)
{
	if (!p)
		return;
	for (size_t i = 0; i < p->count; i++) {
		free(p->steps[i].text);
		free(p->steps[i].command);
	}
	free(p->steps);
	free(p);
}

char *ws2fix_partial_plan_text(const ws2fix_partial_plan *p, const ws2fix_diagnosis *d, ws2fix_lang lang)
{
	ws2fix_buf b = WS2FIX_BUF_INIT;
	ws2fix__buf_printf(&b, "%s (%s)\n\n", ws2fix_msg(MSG_PP_HEADING, lang),
		ws2fix_msg(p->mode == WS2FIX_REPAIR_RESET ? MSG_RC_MODE_RESET : MSG_RC_MODE_SURGICAL, lang));
	if (d->errors || d->warnings) {
		ws2fix__buf_printf(&b, "%s:\n", ws2fix_msg(MSG_PP_CHANGES, lang));
		for (size_t i = 0; i < d->count; i++) {
			const ws2fix_finding *f = &d->findings[i];
			if (f->severity == WS2FIX_SEV_INFO)
				continue;
			ws2fix__buf_printf(&b, "  - %s %s\n      %s\n", ws2fix_finding_code_name(f->code), f->message, f->fix);
		}
		ws2fix__buf_putc(&b, '\n');
	}
	if (!d->errors)
		ws2fix__buf_printf(&b, "%s\n\n", ws2fix_msg(MSG_PP_NONE, lang));
	ws2fix__buf_printf(&b, "%s:\n", ws2fix_msg(MSG_PP_STEPS, lang));
	size_t num = 0;
	for (size_t i = 0; i < p->count; i++) {
		const ws2fix_partial_step *st = &p->steps[i];
		if (st->builtin)
			ws2fix__buf_puts(&b, "     ");
		else
			ws2fix__buf_printf(&b, "  %zu. ", ++num);
		ws2fix__buf_printf(&b, "%s\n", st->text);
		if (st->command)
			ws2fix__buf_printf(&b, "       %s\n", st->command);
	}
	return ws2fix__buf_detach(&b); /* NULL when out of memory */
}

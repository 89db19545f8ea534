/* SPDX-License-Identifier: MIT */
/*
 * Every reason to refuse a write, in one place: ws2fix_repair_run and
 * ws2fix_session_check_apply (and through them the CLI, the GUI and the
 * web page) ask here.
 */
#include "ws2fix/session.h"

#include "../errors_internal.h"
#include "../platform_admin.h"
#include "run_internal.h"

#include <stdlib.h>

ws2fix_refusal ws2fix__refusal_of(ws2fix_registry *reg, int force)
{
	if (!reg)
		return WS2FIX_REFUSE_PARTIAL;
	if (!ws2fix_registry_has(reg, WS2FIX_CAP_WRITE))
		return ws2fix_registry_has(reg, WS2FIX_CAP_EXPORT) ? WS2FIX_REFUSE_EXPORT : WS2FIX_REFUSE_READONLY;
	/* A dirty hive whose logs were replayed is whole: only one that
	 * still misses data refuses. */
	if (ws2fix_registry_is_dirty(reg) && !force)
		return WS2FIX_REFUSE_DIRTY;
	/* Before anything is written: a user without the rights learns it
	 * now, not after half the keys were changed. */
	if (ws2fix_registry_has(reg, WS2FIX_CAP_LIVE) && !ws2fix__platform_is_admin())
		return WS2FIX_REFUSE_NOT_ADMIN;
	return WS2FIX_REFUSE_NONE;
}

const char *ws2fix_refusal_text(ws2fix_refusal r, ws2fix_lang lang)
{
	switch (r) {
	case WS2FIX_REFUSE_PARTIAL: return ws2fix_msg(MSG_RC_PARTIAL_REFUSED, lang);
	case WS2FIX_REFUSE_READONLY: return ws2fix_msg(MSG_RC_READONLY_REFUSED, lang);
	case WS2FIX_REFUSE_DIRTY: return ws2fix_msg(MSG_RC_DIRTY_REFUSED, lang);
	case WS2FIX_REFUSE_NOT_ADMIN: return ws2fix_msg(MSG_RC_NOT_ADMIN, lang);
	case WS2FIX_REFUSE_EXPORT: return ws2fix_msg(MSG_RC_EXPORT_REFUSED, lang);
	case WS2FIX_REFUSE_OS_CONFLICT: return ws2fix_msg(MSG_RC_OS_CONFLICT_REFUSED, lang);
	case WS2FIX_REFUSE_FOREIGN_BACKUP: return ws2fix_msg(MSG_RC_FOREIGN_BACKUP, lang);
	default: return "";
	}
}

int ws2fix__refuse(ws2fix_refusal why, ws2fix_lang lang)
{
	return ws2fix__fail(why == WS2FIX_REFUSE_NOT_ADMIN ? WS2FIX_EACCESS : WS2FIX_EINVALID, WS2FIX_ERRCLASS_INVALID,
		"%s", ws2fix_refusal_text(why, lang));
}

ws2fix_outputs *ws2fix__outputs_for(ws2fix_outputs *g, ws2fix_registry *reg, ws2fix_outputs **own)
{
	*own = NULL;
	if (g)
		return g;
	if (ws2fix_outputs_new(own) < 0 || ws2fix_outputs_protect_registry(*own, reg) < 0) {
		ws2fix_outputs_free(*own);
		*own = NULL;
		ws2fix__oom();
	}
	return *own;
}

int ws2fix__claim_output(ws2fix_output_refusal *why, ws2fix_outputs *g, ws2fix_registry *reg, const char *path,
	int force, ws2fix_lang lang)
{
	ws2fix_outputs *own;
	*why = WS2FIX_OUTPUT_OK;
	if (!(g = ws2fix__outputs_for(g, reg, &own)))
		return WS2FIX_ENOMEM;
	*why = ws2fix_outputs_claim(g, path, force);
	ws2fix_outputs_free(own);
	if (*why == WS2FIX_OUTPUT_OK)
		return 0;
	char *text = ws2fix_output_refusal_text(*why, path, lang);
	int rc = ws2fix__fail(WS2FIX_EINVALID, WS2FIX_ERRCLASS_INVALID, "%s", text ? text : "output refused");
	free(text);
	return rc;
}

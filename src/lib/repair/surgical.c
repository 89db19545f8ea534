/* SPDX-License-Identifier: MIT */
/*
 * Surgical repair: remove what is broken and only that, keep healthy
 * third-party providers with their chains, restore what is missing.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "repair_internal.h"
#include "../errors_internal.h"
#include "../../util/buf.h"
#include "../../util/utf.h"

static const char *view_name(const rview *v)
{
	return ws2fix_view_name(v->view);
}

static ws2fix_msgid kind_msg(const rentry *e)
{
	if (!e->has_item || e->item.problems || e->item.catalog_id < 1001)
		return MSG_R_KIND_DAMAGED;
	switch (ws2fix_protocol_item_kind(&e->item)) {
	case WS2FIX_ENTRY_LAYERED: return MSG_R_KIND_LAYERED;
	case WS2FIX_ENTRY_CHAIN: return MSG_R_KIND_CHAIN;
	default: return MSG_R_KIND_BASE;
	}
}

static void entry_summary(ws2fix_buf *b, const rentry *e)
{
	if (!e->has_item) {
		ws2fix__buf_puts(b, "no PackedCatalogItem");
		return;
	}
	ws2fix__buf_printf(b, "%s, id %u, %s", ws2fix__repair_entry_name(e), e->item.catalog_id, e->item.library_path);
	if (e->item.chain_len >= 2 && e->item.chain_len <= WS2FIX_MAX_CHAIN_LEN) {
		ws2fix__buf_puts(b, ", chain ");
		for (int i = 0; i < e->item.chain_len; i++)
			ws2fix__buf_printf(b, "%s%u", i ? ":" : "", e->item.chain[i]);
	}
}

/* Remove one protocol entry (once), with a step naming the cause. */
void ws2fix__repair_remove_entry(rctx *c, rview *v, rentry *e, int cause)
{
	if (e->removed)
		return;
	e->removed = 1;
	e->removed_cause = cause;
	v->changed = 1;
	ws2fix_buf old = WS2FIX_BUF_INIT, key = WS2FIX_BUF_INIT;
	entry_summary(&old, e);
	ws2fix__buf_printf(&key, "%s\\%s", v->label, e->orig_key ? e->orig_key : "(new)");
	ws2fix__repair_step(c, ws2fix__buf_cstr(&key), ws2fix__buf_cstr(&old), ws2fix__repair_msg(c, MSG_R_REMOVED), cause,
		MSG_R_REMOVE_ENTRY, ws2fix__repair_msg(c, kind_msg(e)), e->orig_key ? e->orig_key : "", ws2fix__repair_entry_name(e),
		e->has_item ? e->item.catalog_id : 0, view_name(v));
	if (e->has_item && !e->item.problems && e->item.catalog_id >= 1001 && e->item.library_path[0] &&
	    !ws2fix_provider_is_microsoft(&e->item.provider_id, NULL))
		ws2fix__repair_removed_provider(c, ws2fix__repair_entry_name(e), e->item.library_path);
	ws2fix__buf_free(&old);
	ws2fix__buf_free(&key);
}

int ws2fix__repair_is_microsoft(const rentry *e)
{
	return e->has_item && ws2fix_provider_is_microsoft(&e->item.provider_id, e->item.library_path);
}

/* Findings about one view and entry key that call for removal. */
static void remove_flagged(rctx *c, rview *v)
{
	const ws2fix_diagnosis *d = c->d;
	for (size_t i = 0; d && i < d->count; i++) {
		const ws2fix_finding *f = &d->findings[i];
		if (strcmp(f->catalog, "protocol") != 0 || f->view != (int)v->view || !f->key)
			continue;
		rentry *e = ws2fix__repair_find_key(v, f->key);
		switch (f->code) {
		case WS2FIX_F_ENTRY_MALFORMED:
			if (e) {
				ws2fix__repair_remove_entry(c, v, e, f->code);
				c->covered[i] = 1;
			}
			break;
		case WS2FIX_F_PROVIDER_DLL_MISSING:
			if (!e)
				break;
			if (ws2fix__repair_is_microsoft(e)) {
				/* Re-adding it would point at the same missing file. */
				ws2fix__repair_note_no_step(c, f->code, f->severity, f->message, MSG_R_WHY_SYSTEM_FILE);
				c->covered[i] = 1;
			} else {
				ws2fix__repair_remove_entry(c, v, e, f->code);
				c->covered[i] = 1;
			}
			break;
		case WS2FIX_F_KNOWN_MALICIOUS_PROVIDER:
			for (size_t k = 0; k < v->n; k++)
				if (v->e[k].has_item && f->path && !ws2fix__strcasecmp(v->e[k].item.library_path, f->path))
					ws2fix__repair_remove_entry(c, v, &v->e[k], f->code);
			c->covered[i] = 1;
			break;
		case WS2FIX_F_DUPLICATE_CATALOG_ID:
			if (!e || e->removed)
				break;
			/* Keep the provider, give it a free id: chains naming the
			 * id keep pointing at the first holder, as Windows would
			 * have resolved it. */
			e->item.catalog_id = c->next_id++;
			e->item_changed = 1;
			v->changed = 1;
			{
				char idtxt[16];
				snprintf(idtxt, sizeof(idtxt), "%u", e->item.catalog_id);
				ws2fix_buf key = WS2FIX_BUF_INIT;
				ws2fix__buf_printf(&key, "%s\\%s", v->label, e->orig_key);
				ws2fix__repair_step(c, ws2fix__buf_cstr(&key), NULL, idtxt, f->code, MSG_R_NEW_ID, ws2fix__repair_entry_name(e),
					e->item.catalog_id, view_name(v));
				ws2fix__buf_free(&key);
			}
			c->covered[i] = 1;
			break;
		default:
			break;
		}
	}
}

/* A sound base entry that serves another (family, type, protocol). */
static int other_protocol(const rentry *base, const rentry *chain)
{
	return base->has_item && !base->item.problems && base->item.catalog_id >= 1001 && !ws2fix__repair_serves(base, chain);
}

/* A broken chain goes back on its own layer and base when those are
 * certain (relink.c); otherwise it goes, and the whole-provider pass
 * removes the rest of its provider (whole_provider.c). */
static void relink_or_remove(rctx *c, rview *v, rentry *e)
{
	ws2fix_msgid why;
	if (!ws2fix__repair_relink_chain(c, v, e, &why)) {
		e->relink_why = (int)why;
		ws2fix__repair_remove_entry(c, v, e, WS2FIX_F_CHAIN_BROKEN);
	}
}

/* Chains and layers to a fixpoint: strip removed or unknown layers from
 * below a chain's own layer (Microsoft's LSP sample does the same when it
 * uninstalls a layer), relink or drop chains that no longer end in a base
 * provider of their protocol, whose own layer is gone or that start on
 * another provider's layer, and drop layered entries no chain uses. */
static void settle_chains(rctx *c, rview *v)
{
	int again = 1;
	while (again && !c->oom) {
		again = 0;
		for (size_t i = 0; i < v->n; i++) {
			rentry *e = &v->e[i];
			if (e->removed || !e->has_item || e->item.chain_len < 2 || e->item.chain_len > WS2FIX_MAX_CHAIN_LEN)
				continue;
			int len = e->item.chain_len;
			rentry *last = ws2fix__repair_find_id(v, e->item.chain[len - 1]);
			rentry *top = ws2fix__repair_find_id(v, e->item.chain[0]);
			/* A chain whose own top layer is gone is not moved onto
			 * the next layer down: that one is another provider's. */
			if (!last || last->item.chain_len != 1 || other_protocol(last, e) ||
			    !top || ws2fix__repair_foreign_layer(top, e)) {
				relink_or_remove(c, v, e);
				again = 1;
				continue;
			}
			uint32_t kept[WS2FIX_MAX_CHAIN_LEN];
			int n = 0;
			for (int k = 0; k < len - 1; k++) {
				rentry *link = ws2fix__repair_find_id(v, e->item.chain[k]);
				if (link && link != e)
					kept[n++] = e->item.chain[k];
			}
			kept[n++] = e->item.chain[len - 1];
			if (n < 2) {
				/* No layer left: its own layer may still be there
				 * under another id. */
				relink_or_remove(c, v, e);
				again = 1;
			} else if (n != len) {
				ws2fix_buf old = WS2FIX_BUF_INIT, nw = WS2FIX_BUF_INIT, key = WS2FIX_BUF_INIT;
				for (int k = 0; k < len; k++)
					ws2fix__buf_printf(&old, "%s%u", k ? ":" : "", e->item.chain[k]);
				for (int k = 0; k < n; k++)
					ws2fix__buf_printf(&nw, "%s%u", k ? ":" : "", kept[k]);
				memset(e->item.chain, 0, sizeof(e->item.chain));
				memcpy(e->item.chain, kept, (size_t)n * sizeof(uint32_t));
				e->item.chain_len = n;
				e->item_changed = 1;
				v->changed = 1;
				ws2fix__buf_printf(&key, "%s\\%s", v->label, e->orig_key ? e->orig_key : "");
				ws2fix__repair_step(c, ws2fix__buf_cstr(&key), ws2fix__buf_cstr(&old), ws2fix__buf_cstr(&nw),
					WS2FIX_F_CHAIN_BROKEN, MSG_R_STRIP_CHAIN, ws2fix__repair_entry_name(e), e->item.catalog_id, view_name(v));
				ws2fix__buf_free(&old);
				ws2fix__buf_free(&nw);
				ws2fix__buf_free(&key);
				again = 1;
			}
		}
		for (size_t i = 0; i < v->n; i++) {
			rentry *e = &v->e[i];
			if (e->removed || !e->has_item || e->item.chain_len != 0)
				continue;
			int used = 0;
			for (size_t k = 0; k < v->n && !used; k++) {
				const rentry *ch = &v->e[k];
				if (ch->removed || !ch->has_item || ch->item.chain_len < 2 || ch->item.chain_len > WS2FIX_MAX_CHAIN_LEN)
					continue;
				for (int j = 0; j < ch->item.chain_len; j++)
					used |= ch->item.chain[j] == e->item.catalog_id;
			}
			if (!used) {
				ws2fix__repair_remove_entry(c, v, e, WS2FIX_F_LAYER_ORPHANED);
				again = 1;
			}
		}
	}
}

/* --remove ID|DLLNAME: the provider's DLL, in both views. */
static int remove_requested(rctx *c)
{
	const char *what = c->o->remove;
	char *end = NULL;
	unsigned long id = strtoul(what, &end, 10);
	int by_id = *what && !*end;
	char dll[WS2FIX_PATH_BYTES * 2 + 1] = "";
	for (int vi = 0; vi < 2 && !dll[0]; vi++) {
		rview *v = &c->proto[vi];
		for (size_t i = 0; i < v->n && !dll[0]; i++) {
			rentry *e = &v->e[i];
			if (!e->has_item || e->removed)
				continue;
			if ((by_id && e->item.catalog_id == id) ||
			    (!by_id && !ws2fix__strcasecmp(ws2fix_provider_dll_name(e->item.library_path), ws2fix_provider_dll_name(what)))) {
				if (ws2fix__repair_is_microsoft(e)) {
					ws2fix__error_set(WS2FIX_ERRCLASS_INVALID, ws2fix__repair_msg(c, MSG_R_REMOVE_MICROSOFT), what);
					return WS2FIX_EINVALID;
				}
				snprintf(dll, sizeof(dll), "%s", ws2fix_provider_dll_name(e->item.library_path));
			}
		}
	}
	if (!dll[0]) {
		ws2fix__error_set(WS2FIX_ERRCLASS_INVALID, ws2fix__repair_msg(c, MSG_R_REMOVE_NOT_FOUND), what);
		return WS2FIX_EINVALID;
	}
	/* The same provider's DLL in the other view often carries a "64". */
	char stem[sizeof(dll)];
	ws2fix__repair_dll_stem(dll, stem, sizeof(stem));
	for (int vi = 0; vi < 2; vi++) {
		rview *v = &c->proto[vi];
		for (size_t i = 0; i < v->n; i++) {
			rentry *e = &v->e[i];
			if (!e->has_item || e->removed || ws2fix__repair_is_microsoft(e))
				continue;
			char s[sizeof(dll)];
			ws2fix__repair_dll_stem(e->item.library_path, s, sizeof(s));
			if (!ws2fix__strcasecmp(s, stem))
				ws2fix__repair_remove_entry(c, v, e, -1);
		}
	}
	for (int vi = 0; vi < 2; vi++) {
		rview *v = &c->ns[vi];
		for (size_t i = 0; i < v->n; i++) {
			const rvalue *lp = ws2fix__repair_value(&v->e[i], "LibraryPath");
			if (!lp || v->e[i].removed)
				continue;
			char *path = NULL;
			if (ws2fix__utf16le_to_utf8(&path, NULL, lp->data, lp->len, 1, NULL) < 0)
				continue;
			if (!ws2fix__strcasecmp(ws2fix_provider_dll_name(path), dll) &&
			    !(v->e[i].has_ns_id && ws2fix_provider_is_microsoft(&v->e[i].ns_id, path))) {
				v->e[i].removed = 1;
				v->changed = 1;
				ws2fix__repair_step(c, v->label, path, ws2fix__repair_msg(c, MSG_R_REMOVED), -1, MSG_R_REMOVE_ENTRY,
					ws2fix__repair_msg(c, MSG_R_KIND_NAMESPACE), v->e[i].orig_key, path, 0u, view_name(v));
				ws2fix__repair_removed_provider(c, path, path);
			}
			free(path);
		}
	}
	return 0;
}

/* Missing required Microsoft base providers come back from the defaults,
 * placed before the first base entry of the same family/type/protocol so
 * that they are picked first again (MSAFD before RSVP, as Windows has it). */
static void restore_baselines(rctx *c, rview *v)
{
	const ws2fix_osinfo *os = c->o->os;
	if (!os || os->family == WS2FIX_OS_UNKNOWN || ws2fix__repair_view_live(v) == 0)
		return;
	size_t n = 0;
	const ws2fix_baseline_protocol *rows = ws2fix_baseline_protocols(os->family, &n);
	for (size_t r = 0; r < n; r++) {
		if (!ws2fix_baseline_protocol_required(&rows[r], os))
			continue;
		int found = 0;
		for (size_t i = 0; i < v->n && !found; i++)
			found = !v->e[i].removed && v->e[i].has_item && ws2fix_baseline_protocol_matches(&rows[r], &v->e[i].item);
		if (found)
			continue;
		if (!rows[r].defaults) {
			ws2fix__repair_note_no_step(c, WS2FIX_F_BASE_PROVIDER_MISSING, WS2FIX_SEV_ERROR, rows[r].what,
				MSG_R_WHY_NO_DEFAULTS);
			continue;
		}
		size_t at = v->n;
		for (size_t i = 0; i < v->n; i++) {
			const rentry *e = &v->e[i];
			if (!e->removed && e->has_item && e->item.chain_len == 1 &&
			    e->item.address_family == rows[r].address_family && e->item.socket_type == rows[r].socket_type &&
			    e->item.protocol == rows[r].protocol) {
				at = i;
				break;
			}
		}
		/* Microsoft entries carry the same id in both views: reuse the id
		 * the other view has for this provider when it is free here. */
		uint32_t id = 0;
		/* The id the broken or hijacked entry had here keeps the chains
		 * that layer over it valid. */
		for (size_t i = 0; i < v->n && !id; i++) {
			const rentry *old = &v->e[i];
			if (old->removed && old->has_item && ws2fix_guid_equal(&old->item.provider_id, &rows[r].provider_id) &&
			    old->item.address_family == rows[r].address_family && old->item.socket_type == rows[r].socket_type &&
			    old->item.protocol == rows[r].protocol && old->item.catalog_id >= 1001 &&
			    !ws2fix__repair_find_id(v, old->item.catalog_id))
				id = old->item.catalog_id;
		}
		rview *other = &c->proto[1 - v->view];
		for (size_t i = 0; i < other->n && !id; i++)
			if (!other->e[i].removed && other->e[i].has_item &&
			    ws2fix_baseline_protocol_matches(&rows[r], &other->e[i].item) &&
			    !ws2fix__repair_find_id(v, other->e[i].item.catalog_id))
				id = other->e[i].item.catalog_id;
		if (!id)
			id = c->next_id++;
		rentry *e = ws2fix__repair_view_insert(c, v, at);
		if (!e || !ws2fix__repair_fill_from_defaults(c, e, &rows[r], id))
			return;
		char idtxt[16];
		snprintf(idtxt, sizeof(idtxt), "%u", id);
		ws2fix__repair_step(c, v->label, NULL, rows[r].what, WS2FIX_F_BASE_PROVIDER_MISSING, MSG_R_ADD_ENTRY, rows[r].what, id,
			view_name(v), os->name[0] ? os->name : os->id);
	}
	ws2fix__repair_cover(c, WS2FIX_F_BASE_PROVIDER_MISSING, (int)v->view, NULL);
}

void ws2fix__repair_surgical_protocol(rctx *c)
{
	for (int vi = 0; vi < 2; vi++)
		remove_flagged(c, &c->proto[vi]);
	if (c->o->remove && !c->err) {
		int rc = remove_requested(c);
		if (rc < 0) {
			c->err = rc;
			return;
		}
	}
	for (int vi = 0; vi < 2; vi++) {
		rview *v = &c->proto[vi];
		if (!v->present)
			continue;
		/* Missing Microsoft providers first, with their old ids where
		 * known, so that healthy chains over them are not taken for
		 * broken ones. */
		restore_baselines(c, v);
		settle_chains(c, v);
	}
	/* No provider is left in part: a provider that lost a chain goes
	 * whole, in both views, and what that leaves is settled again. */
	while (!c->oom && ws2fix__repair_whole_providers(c))
		for (int vi = 0; vi < 2; vi++)
			if (c->proto[vi].present)
				settle_chains(c, &c->proto[vi]);
	for (int vi = 0; vi < 2; vi++) {
		ws2fix__repair_cover(c, WS2FIX_F_CHAIN_BROKEN, vi, NULL);
		ws2fix__repair_cover(c, WS2FIX_F_LAYER_ORPHANED, vi, NULL);
	}
}

/* ---- name space catalog ---- */

static const ws2fix_baseline_namespace *ns_baseline(rctx *c, const rentry *e)
{
	const ws2fix_osinfo *os = c->o->os;
	if (!os || os->family == WS2FIX_OS_UNKNOWN || !e->has_ns_id)
		return NULL;
	size_t n = 0;
	const ws2fix_baseline_namespace *rows = ws2fix_baseline_namespaces(os->family, &n);
	for (size_t r = 0; r < n; r++)
		if (ws2fix_guid_equal(&rows[r].provider_id, &e->ns_id) && rows[r].library_path)
			return &rows[r];
	return NULL;
}

static void ns_remove(rctx *c, rview *v, rentry *e, int cause)
{
	if (e->removed)
		return;
	e->removed = 1;
	v->changed = 1;
	const rvalue *lp = ws2fix__repair_value(e, "LibraryPath");
	char *path = NULL;
	if (lp && (lp->type == WS2FIX_REG_SZ || lp->type == WS2FIX_REG_EXPAND_SZ))
		ws2fix__utf16le_to_utf8(&path, NULL, lp->data, lp->len, 1, NULL);
	ws2fix_buf key = WS2FIX_BUF_INIT;
	ws2fix__buf_printf(&key, "%s\\%s", v->label, e->orig_key);
	ws2fix__repair_step(c, ws2fix__buf_cstr(&key), path ? path : "", ws2fix__repair_msg(c, MSG_R_REMOVED), cause, MSG_R_REMOVE_ENTRY,
		ws2fix__repair_msg(c, MSG_R_KIND_NAMESPACE), e->orig_key, path ? path : "", 0u, view_name(v));
	if (path && !(e->has_ns_id && ws2fix_provider_is_microsoft(&e->ns_id, path)))
		ws2fix__repair_removed_provider(c, path, path);
	free(path);
	ws2fix__buf_free(&key);
}

void ws2fix__repair_surgical_namespace(rctx *c)
{
	const ws2fix_diagnosis *d = c->d;
	for (size_t i = 0; d && i < d->count; i++) {
		const ws2fix_finding *f = &d->findings[i];
		if (strcmp(f->catalog, "namespace") != 0 || f->view < 0 || !f->key)
			continue;
		rview *v = &c->ns[f->view];
		rentry *e = ws2fix__repair_find_key(v, f->key);
		if (!e)
			continue;
		switch (f->code) {
		case WS2FIX_F_NAMESPACE_MALFORMED:
		case WS2FIX_F_NAMESPACE_DLL_MISSING: {
			const ws2fix_baseline_namespace *b = ns_baseline(c, e);
			char *cur = NULL;
			const rvalue *lp = ws2fix__repair_value(e, "LibraryPath");
			if (lp && (lp->type == WS2FIX_REG_SZ || lp->type == WS2FIX_REG_EXPAND_SZ))
				ws2fix__utf16le_to_utf8(&cur, NULL, lp->data, lp->len, 1, NULL);
			if (b && f->code == WS2FIX_F_NAMESPACE_DLL_MISSING && cur && !ws2fix__strcasecmp(cur, b->library_path)) {
				ws2fix__repair_note_no_step(c, f->code, f->severity, f->message, MSG_R_WHY_SYSTEM_FILE);
			} else if (b) {
				ws2fix__repair_fill_namespace_defaults(c, e, b);
				v->changed = 1;
				ws2fix_buf key = WS2FIX_BUF_INIT;
				ws2fix__buf_printf(&key, "%s\\%s", v->label, e->orig_key);
				ws2fix__repair_step(c, ws2fix__buf_cstr(&key), cur ? cur : "", b->library_path, f->code, MSG_R_NS_RESTORE,
					b->what, b->library_path);
				ws2fix__buf_free(&key);
			} else {
				ns_remove(c, v, e, f->code);
			}
			free(cur);
			c->covered[i] = 1;
			break;
		}
		case WS2FIX_F_NAMESPACE_DUPLICATE_ID:
		case WS2FIX_F_KNOWN_MALICIOUS_PROVIDER:
			ns_remove(c, v, e, f->code);
			c->covered[i] = 1;
			break;
		default:
			break;
		}
	}
	/* NAMESPACE_PROVIDER_MISSING: the DNS provider back from the defaults. */
	for (size_t i = 0; d && i < d->count; i++) {
		const ws2fix_finding *f = &d->findings[i];
		if (f->code != WS2FIX_F_NAMESPACE_PROVIDER_MISSING || f->view < 0)
			continue;
		const ws2fix_osinfo *os = c->o->os;
		size_t n = 0;
		const ws2fix_baseline_namespace *rows = os && os->family != WS2FIX_OS_UNKNOWN
			? ws2fix_baseline_namespaces(os->family, &n) : NULL;
		const ws2fix_guid dns = WS2FIX_GUID_NS_TCPIP;
		for (size_t r = 0; r < n; r++) {
			if (!ws2fix_guid_equal(&rows[r].provider_id, &dns) || !rows[r].library_path)
				continue;
			rview *v = &c->ns[f->view];
			rentry *e = ws2fix__repair_view_insert(c, v, v->n);
			if (!e)
				return;
			ws2fix__repair_fill_namespace_defaults(c, e, &rows[r]);
			ws2fix__repair_step(c, v->label, NULL, rows[r].library_path, f->code, MSG_R_NS_ADD, rows[r].what, view_name(v));
			c->covered[i] = 1;
			break;
		}
	}
}

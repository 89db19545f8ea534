/* SPDX-License-Identifier: MIT */
/*
 * Putting a broken protocol chain back where it belongs: on top, its own
 * provider's layered entry (the same DLL, in the same catalog); at the
 * bottom, a base provider of its own address family, socket type and
 * protocol.  A chain is only ever relinked onto those two; when either is
 * not certain the chain is not relinked, and the whole-provider pass
 * (whole_provider.c) removes its provider.
 *
 * Own layer: the chain's first link when that is a layered entry of its
 * DLL; else the only layered entry of its DLL in the catalog, or, where
 * there are several, the one its DLL's chains that are in order start
 * with.  Another provider's layered entry is never borrowed, whatever
 * ProviderId the entries carry (products built from one LSP sample share
 * it, and an upgrade keeps it under a new DLL).
 *
 * Base: the one it ends on when that serves its protocol; else the only
 * live base of its (family, type, protocol) whose DLL is not missing; where
 * there are several, the one of the same base provider (ProviderId) as the
 * layer's chains that are in order, else MSAFD (mswsock.dll) before RSVP,
 * as Windows orders them (MSAFD Tcpip by its ProviderId, first in catalog
 * order).
 */
#include <stdio.h>
#include <string.h>

#include "repair_internal.h"
#include "../../util/buf.h"
#include "../../util/utf.h"

#define MAX_GUIDS 16

static int valid_chain(const rentry *e)
{
	return !e->removed && e->has_item && e->item.chain_len >= 2 && e->item.chain_len <= WS2FIX_MAX_CHAIN_LEN;
}

static int is_base(const rentry *e)
{
	return e && !e->removed && e->has_item && !e->item.problems && e->item.chain_len == 1 &&
	       e->item.catalog_id >= 1001;
}

static int is_layer(const rentry *e)
{
	return e && !e->removed && e->has_item && !e->item.problems && e->item.chain_len == 0;
}

int ws2fix__repair_own_layer(const rentry *layer, const rentry *chain)
{
	return is_layer(layer) && layer != chain &&
	       ws2fix_provider_same_dll(layer->item.library_path, chain->item.library_path);
}

int ws2fix__repair_foreign_layer(const rentry *layer, const rentry *chain)
{
	return is_layer(layer) && layer != chain && !ws2fix__repair_own_layer(layer, chain);
}

int ws2fix__repair_serves(const rentry *base, const rentry *chain)
{
	return is_base(base) && base->item.address_family == chain->item.address_family &&
	       base->item.socket_type == chain->item.socket_type && base->item.protocol == chain->item.protocol;
}

/* A chain as every real catalog has them: its own layer on top, a base
 * of its own protocol at the bottom. */
static int in_order(rview *v, const rentry *ch)
{
	return valid_chain(ch) && ws2fix__repair_own_layer(ws2fix__repair_find_id(v, ch->item.chain[0]), ch) &&
	       ws2fix__repair_serves(ws2fix__repair_find_id(v, ch->item.chain[ch->item.chain_len - 1]), ch);
}

/* The diagnosis says this entry's DLL is missing. */
static int dll_missing(const rctx *c, const rview *v, const rentry *e)
{
	for (size_t i = 0; c->d && e->orig_key && i < c->d->count; i++) {
		const ws2fix_finding *f = &c->d->findings[i];
		if (f->code == WS2FIX_F_PROVIDER_DLL_MISSING && f->view == (int)v->view && f->key &&
		    !strcmp(f->catalog, "protocol") && !ws2fix__strcasecmp(f->key, e->orig_key))
			return 1;
	}
	return 0;
}

static rentry *own_layer(rview *v, const rentry *e, ws2fix_msgid *why)
{
	rentry *top = ws2fix__repair_find_id(v, e->item.chain[0]);
	if (ws2fix__repair_own_layer(top, e))
		return top;
	rentry *found = NULL;
	int n = 0;
	for (size_t i = 0; i < v->n; i++)
		if (ws2fix__repair_own_layer(&v->e[i], e)) {
			found = n ? found : &v->e[i];
			n++;
		}
	if (n == 1)
		return found;
	if (n == 0) {
		*why = ws2fix__repair_foreign_layer(top, e) ? MSG_R_WHY_FOREIGN_LAYER : MSG_R_WHY_NO_LAYER;
		return NULL;
	}
	found = NULL;
	for (size_t i = 0; i < v->n; i++) {
		rentry *ch = &v->e[i];
		if (ch == e || !in_order(v, ch) || !ws2fix_provider_same_dll(ch->item.library_path, e->item.library_path))
			continue;
		rentry *l = ws2fix__repair_find_id(v, ch->item.chain[0]);
		if (found && found != l) {
			found = NULL;
			break;
		}
		found = l;
	}
	if (!found)
		*why = MSG_R_WHY_LAYER_AMBIGUOUS;
	return found;
}

static int candidate(const rctx *c, const rview *v, const rentry *b, const rentry *e)
{
	return ws2fix__repair_serves(b, e) && !dll_missing(c, v, b);
}

/* MSAFD's Tcpip providers (by ProviderId: on Windows 10 RSVP lives in
 * mswsock.dll too). */
static int is_msafd(const rentry *b)
{
	static const ws2fix_guid v4 = WS2FIX_GUID_MSAFD_TCPIP, v6 = WS2FIX_GUID_MSAFD_TCPIP6;
	return ws2fix__repair_is_microsoft(b) && (ws2fix_guid_equal(&b->item.provider_id, &v4) ||
				     ws2fix_guid_equal(&b->item.provider_id, &v6));
}

static rentry *pick_base(rctx *c, rview *v, const rentry *e, uint32_t layer, ws2fix_msgid *why)
{
	rentry *own = ws2fix__repair_find_id(v, e->item.chain[e->item.chain_len - 1]);
	if (candidate(c, v, own, e))
		return own;
	rentry *cand = NULL;
	int ncand = 0;
	for (size_t i = 0; i < v->n; i++)
		if (candidate(c, v, &v->e[i], e)) {
			cand = ncand ? cand : &v->e[i];
			ncand++;
		}
	if (ncand <= 1) {
		if (!ncand)
			*why = MSG_R_WHY_NO_BASE;
		return cand;
	}
	/* The base provider the same layer's chains that are in order use. */
	ws2fix_guid guids[MAX_GUIDS];
	int ng = 0;
	for (size_t i = 0; i < v->n && ng < MAX_GUIDS; i++) {
		rentry *ch = &v->e[i];
		if (ch != e && ch->item.chain[0] == layer && in_order(v, ch))
			guids[ng++] = ws2fix__repair_find_id(v, ch->item.chain[ch->item.chain_len - 1])->item.provider_id;
	}
	rentry *same = NULL, *msafd = NULL;
	int nsame = 0;
	for (size_t i = 0; i < v->n; i++) {
		rentry *b = &v->e[i];
		if (!candidate(c, v, b, e))
			continue;
		for (int g = 0; g < ng; g++)
			if (ws2fix_guid_equal(&guids[g], &b->item.provider_id)) {
				same = nsame ? same : b;
				nsame++;
				break;
			}
		if (!msafd && is_msafd(b))
			msafd = b;
	}
	if (nsame == 1)
		return same;
	if (msafd)
		return msafd;
	*why = MSG_R_WHY_BASE_AMBIGUOUS;
	return NULL;
}

static void chain_text(ws2fix_buf *b, const rentry *e)
{
	for (int k = 0; k < e->item.chain_len; k++)
		ws2fix__buf_printf(b, "%s%u", k ? ":" : "", e->item.chain[k]);
}

/* Why the chain moves, in the words of the step. */
static void reason(rctx *c, rview *v, const rentry *e, int layer_changed, ws2fix_buf *out)
{
	rentry *top = ws2fix__repair_find_id(v, e->item.chain[0]);
	rentry *last = ws2fix__repair_find_id(v, e->item.chain[e->item.chain_len - 1]);
	if (layer_changed && ws2fix__repair_foreign_layer(top, e)) {
		ws2fix__buf_printf(out, ws2fix__repair_msg(c, MSG_R_RELINK_WHY_FOREIGN_LAYER), ws2fix__repair_entry_name(top),
			top->item.library_path);
		return;
	}
	if (layer_changed) {
		ws2fix__buf_puts(out, ws2fix__repair_msg(c, MSG_R_RELINK_WHY_LOST_LAYER));
		return;
	}
	if (!last)
		ws2fix__buf_puts(out, ws2fix__repair_msg(c, MSG_R_CHAIN_END_MISSING));
	else if (last->item.chain_len != 1)
		ws2fix__buf_puts(out, ws2fix__repair_msg(c, MSG_R_CHAIN_END_NOT_BASE));
	else
		ws2fix__buf_printf(out, ws2fix__repair_msg(c, MSG_R_CHAIN_END_OTHER_PROTOCOL), ws2fix__repair_entry_name(last),
			last->item.catalog_id);
}

/* Set e's chain to layers + base, with a plan step saying why. */
static void relink(rctx *c, rview *v, rentry *e, const uint32_t *layers, int nl, const rentry *base)
{
	const rentry *layer = ws2fix__repair_find_id(v, layers[0]);
	int layer_changed = e->item.chain[0] != layers[0];
	ws2fix_buf old = WS2FIX_BUF_INIT, nw = WS2FIX_BUF_INIT, key = WS2FIX_BUF_INIT, why = WS2FIX_BUF_INIT;
	chain_text(&old, e);
	reason(c, v, e, layer_changed, &why);
	memset(e->item.chain, 0, sizeof(e->item.chain));
	memcpy(e->item.chain, layers, (size_t)nl * sizeof(uint32_t));
	e->item.chain[nl] = base->item.catalog_id;
	e->item.chain_len = nl + 1;
	e->item_changed = 1;
	v->changed = 1;
	chain_text(&nw, e);
	ws2fix__buf_printf(&key, "%s\\%s", v->label, e->orig_key ? e->orig_key : "");
	if (layer_changed)
		ws2fix__repair_step(c, ws2fix__buf_cstr(&key), ws2fix__buf_cstr(&old), ws2fix__buf_cstr(&nw), WS2FIX_F_CHAIN_BROKEN,
			MSG_R_RELINK_CHAIN_LAYER, ws2fix__repair_entry_name(e), e->item.catalog_id, ws2fix_view_name(v->view),
			ws2fix__repair_entry_name(base), base->item.catalog_id, ws2fix__repair_entry_name(layer), layer->item.catalog_id,
			ws2fix__buf_cstr(&why));
	else
		ws2fix__repair_step(c, ws2fix__buf_cstr(&key), ws2fix__buf_cstr(&old), ws2fix__buf_cstr(&nw), WS2FIX_F_CHAIN_BROKEN,
			MSG_R_RELINK_CHAIN, ws2fix__repair_entry_name(e), e->item.catalog_id, ws2fix_view_name(v->view),
			ws2fix__repair_entry_name(base), base->item.catalog_id, ws2fix__buf_cstr(&why));
	ws2fix__buf_free(&old);
	ws2fix__buf_free(&nw);
	ws2fix__buf_free(&key);
	ws2fix__buf_free(&why);
}

int ws2fix__repair_relink_chain(rctx *c, rview *v, rentry *e, ws2fix_msgid *why)
{
	*why = MSG_R_WHY_ENTRY_REMOVED;
	if (!e->has_item || e->item.problems || ws2fix__repair_is_microsoft(e) || dll_missing(c, v, e))
		return 0;
	rentry *own = own_layer(v, e, why);
	if (!own)
		return 0;
	/* Its own layer on top, then the layers below it that still stand
	 * (another LSP it was stacked over), in order, once each. */
	uint32_t layers[WS2FIX_MAX_CHAIN_LEN];
	int nl = 0;
	layers[nl++] = own->item.catalog_id;
	for (int k = 1; k < e->item.chain_len && nl < WS2FIX_MAX_CHAIN_LEN - 1; k++) {
		uint32_t id = e->item.chain[k];
		rentry *l = ws2fix__repair_find_id(v, id);
		if (!is_layer(l) || l == e || l == own)
			continue;
		int dup = 0;
		for (int j = 0; j < nl; j++)
			dup |= layers[j] == id;
		if (!dup)
			layers[nl++] = id;
	}
	rentry *base = pick_base(c, v, e, layers[0], why);
	if (!base)
		return 0;
	relink(c, v, e, layers, nl, base);
	return 1;
}

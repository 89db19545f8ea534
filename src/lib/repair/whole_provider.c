/* SPDX-License-Identifier: MIT */
/*
 * Whole providers: a layered service provider (a firewall, a filter, a VPN
 * client) installs one hidden layered entry and one chain per protocol it
 * filters, in each catalog.  Surgical repair must never leave it in part:
 * with its UDP chain and without its TCP one the program silently loses
 * TCP.  So a broken chain is put back on its base provider when that base
 * is certain, and otherwise the whole provider goes, in both catalogs.
 *
 * "Certain" means: the live base providers with the chain's address
 * family, socket type and protocol, whose DLL is not missing, come down to
 * one; where there are several (MSAFD and RSVP both serve TCP over IPv4),
 * the one of the same base provider (ProviderId) as the provider's other,
 * valid chains in that view.  Anything else is a guess, and ws2fix does
 * not guess with someone's network stack.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "repair_internal.h"
#include "../errors_internal.h"
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

/* The base a chain ends on, when that chain is valid. */
static rentry *chain_base(rview *v, const rentry *ch)
{
	if (!valid_chain(ch))
		return NULL;
	rentry *b = r_find_id(v, ch->item.chain[ch->item.chain_len - 1]);
	return is_base(b) ? b : NULL;
}

/* Two entries of one provider: the same ProviderId or the same DLL. */
static int same_provider(const rentry *a, const rentry *b)
{
	if (ws2fix_guid_equal(&a->item.provider_id, &b->item.provider_id))
		return 1;
	char sa[WS2FIX_PATH_BYTES], sb[WS2FIX_PATH_BYTES];
	r_dll_stem(a->item.library_path, sa, sizeof(sa));
	r_dll_stem(b->item.library_path, sb, sizeof(sb));
	return sa[0] && !ws2fix__strcasecmp(sa, sb);
}

static int relink(rctx *c, rview *v, rentry *e, const uint32_t *layers, int nl, const rentry *cand);

int r_relink_chain(rctx *c, rview *v, rentry *e, ws2fix_msgid *why)
{
	*why = MSG_R_WHY_ENTRY_REMOVED;
	if (!e->has_item || e->item.problems || r_is_microsoft(e) || dll_missing(c, v, e))
		return 0;
	/* The layers it names that still stand, in order, once each. */
	uint32_t layers[WS2FIX_MAX_CHAIN_LEN];
	int nl = 0;
	for (int k = 0; k < e->item.chain_len; k++) {
		uint32_t id = e->item.chain[k];
		rentry *l = r_find_id(v, id);
		if (!is_layer(l) || l == e)
			continue;
		int dup = 0;
		for (int j = 0; j < nl; j++)
			dup |= layers[j] == id;
		if (!dup)
			layers[nl++] = id;
	}
	if (nl == 0) {
		/* Its own layer id was lost (a chain of "itself"): the layer
		 * the same provider's other chains start with, if just one. */
		for (size_t i = 0; i < v->n; i++) {
			rentry *ch = &v->e[i];
			if (ch == e || !chain_base(v, ch) || !same_provider(ch, e) || !is_layer(r_find_id(v, ch->item.chain[0])))
				continue;
			if (nl && layers[0] != ch->item.chain[0]) {
				nl = 0;
				break;
			}
			layers[0] = ch->item.chain[0];
			nl = 1;
		}
	}
	if (nl == 0 || nl >= WS2FIX_MAX_CHAIN_LEN) {
		*why = MSG_R_WHY_NO_LAYER;
		return 0;
	}
	/* A valid base it already ends on, of its own kind, stays. */
	rentry *own = r_find_id(v, e->item.chain[e->item.chain_len - 1]);
	if (is_base(own) && !dll_missing(c, v, own) && own->item.address_family == e->item.address_family &&
	    own->item.socket_type == e->item.socket_type && own->item.protocol == e->item.protocol)
		return relink(c, v, e, layers, nl, own);
	/* The bases that could take it. */
	rentry *cand = NULL;
	int ncand = 0;
	for (size_t i = 0; i < v->n; i++) {
		rentry *b = &v->e[i];
		if (!is_base(b) || dll_missing(c, v, b) || b->item.address_family != e->item.address_family ||
		    b->item.socket_type != e->item.socket_type || b->item.protocol != e->item.protocol)
			continue;
		cand = ncand ? cand : b;
		ncand++;
	}
	if (ncand == 0) {
		*why = MSG_R_WHY_NO_BASE;
		return 0;
	}
	if (ncand > 1) {
		/* The base provider the same layer's valid chains use here. */
		ws2fix_guid guids[MAX_GUIDS];
		int ng = 0;
		for (size_t i = 0; i < v->n && ng < MAX_GUIDS; i++) {
			rentry *ch = &v->e[i];
			if (ch == e || !valid_chain(ch) || ch->item.chain[0] != layers[0])
				continue;
			rentry *b = chain_base(v, ch);
			if (b)
				guids[ng++] = b->item.provider_id;
		}
		cand = NULL;
		ncand = 0;
		for (size_t i = 0; i < v->n; i++) {
			rentry *b = &v->e[i];
			if (!is_base(b) || dll_missing(c, v, b) || b->item.address_family != e->item.address_family ||
			    b->item.socket_type != e->item.socket_type || b->item.protocol != e->item.protocol)
				continue;
			int same = 0;
			for (int g = 0; g < ng; g++)
				same |= ws2fix_guid_equal(&guids[g], &b->item.provider_id);
			if (same) {
				cand = ncand ? cand : b;
				ncand++;
			}
		}
		if (ncand != 1) {
			*why = MSG_R_WHY_BASE_AMBIGUOUS;
			return 0;
		}
	}
	return relink(c, v, e, layers, nl, cand);
}

/* Set e's chain to layers + base, with a plan step saying why. */
static int relink(rctx *c, rview *v, rentry *e, const uint32_t *layers, int nl, const rentry *cand)
{
	rentry *last = r_find_id(v, e->item.chain[e->item.chain_len - 1]);
	ws2fix_msgid end = !last ? MSG_R_CHAIN_END_MISSING : last->item.chain_len != 1 ? MSG_R_CHAIN_END_NOT_BASE
		: MSG_R_CHAIN_END_LOST_LAYER;
	ws2fix_buf old = WS2FIX_BUF_INIT, nw = WS2FIX_BUF_INIT, key = WS2FIX_BUF_INIT;
	for (int k = 0; k < e->item.chain_len; k++)
		ws2fix__buf_printf(&old, "%s%u", k ? ":" : "", e->item.chain[k]);
	memset(e->item.chain, 0, sizeof(e->item.chain));
	memcpy(e->item.chain, layers, (size_t)nl * sizeof(uint32_t));
	e->item.chain[nl] = cand->item.catalog_id;
	e->item.chain_len = nl + 1;
	e->item_changed = 1;
	v->changed = 1;
	for (int k = 0; k < e->item.chain_len; k++)
		ws2fix__buf_printf(&nw, "%s%u", k ? ":" : "", e->item.chain[k]);
	ws2fix__buf_printf(&key, "%s\\%s", v->label, e->orig_key ? e->orig_key : "");
	r_step(c, ws2fix__buf_cstr(&key), ws2fix__buf_cstr(&old), ws2fix__buf_cstr(&nw), WS2FIX_F_CHAIN_BROKEN,
		MSG_R_RELINK_CHAIN, r_entry_name(e), e->item.catalog_id, ws2fix_view_name(v->view),
		r_entry_name(cand), cand->item.catalog_id,
		r_msg(c, end));
	ws2fix__buf_free(&old);
	ws2fix__buf_free(&nw);
	ws2fix__buf_free(&key);
	return 1;
}

/* ---- the provider a removed chain belonged to ---- */

typedef struct provider {
	ws2fix_guid guids[MAX_GUIDS];
	int nguids;
	char stems[4][WS2FIX_PATH_BYTES];
	int nstems;
} provider;

static void add_member(provider *p, const rentry *e)
{
	int have = 0;
	for (int g = 0; g < p->nguids; g++)
		have |= ws2fix_guid_equal(&p->guids[g], &e->item.provider_id);
	if (!have && p->nguids < MAX_GUIDS)
		p->guids[p->nguids++] = e->item.provider_id;
	char stem[WS2FIX_PATH_BYTES];
	r_dll_stem(e->item.library_path, stem, sizeof(stem));
	have = !stem[0];
	for (int s = 0; s < p->nstems; s++)
		have |= !ws2fix__strcasecmp(p->stems[s], stem);
	if (!have && p->nstems < 4)
		snprintf(p->stems[p->nstems++], sizeof(p->stems[0]), "%s", stem);
}

static int belongs(const provider *p, const rentry *e)
{
	if (!e->has_item || e->item.problems || r_is_microsoft(e))
		return 0;
	for (int g = 0; g < p->nguids; g++)
		if (ws2fix_guid_equal(&p->guids[g], &e->item.provider_id))
			return 1;
	char stem[WS2FIX_PATH_BYTES];
	r_dll_stem(e->item.library_path, stem, sizeof(stem));
	for (int s = 0; stem[0] && s < p->nstems; s++)
		if (!ws2fix__strcasecmp(p->stems[s], stem))
			return 1;
	return 0;
}

/* Grow p over one view: entries of its GUIDs or DLLs, the layered entries
 * its chains start with, and the chains that start with its layers. */
static void collect(provider *p, rview *v, unsigned char *in)
{
	int grew = 1;
	while (grew) {
		grew = 0;
		for (size_t i = 0; i < v->n; i++) {
			rentry *e = &v->e[i];
			if (in[i] || !e->has_item || e->item.problems || r_is_microsoft(e))
				continue;
			int join = belongs(p, e);
			for (size_t j = 0; j < v->n && !join; j++) {
				if (!in[j])
					continue;
				const rentry *m = &v->e[j];
				if (e->item.chain_len == 0 && m->item.chain_len >= 2 && m->item.chain_len <= WS2FIX_MAX_CHAIN_LEN)
					join = m->item.chain[0] == e->item.catalog_id;
				else if (m->item.chain_len == 0 && e->item.chain_len >= 2 &&
					 e->item.chain_len <= WS2FIX_MAX_CHAIN_LEN)
					join = e->item.chain[0] == m->item.catalog_id;
			}
			if (join) {
				in[i] = 1;
				add_member(p, e);
				grew = 1;
			}
		}
	}
}

int r_whole_providers(rctx *c)
{
	int changed = 0;
	for (int vi = 0; vi < 2 && !c->oom; vi++) {
		rview *v = &c->proto[vi];
		for (size_t i = 0; i < v->n; i++) {
			rentry *r = &v->e[i];
			/* A chain of a third-party layer that this repair removed
			 * (not on request, not as an orphan: those are whole). */
			if (!r->removed || r->whole_checked || !r->has_item || r->item.problems ||
			    r->item.chain_len < 2 || r->item.chain_len > WS2FIX_MAX_CHAIN_LEN ||
			    r->removed_cause == -1 || r_is_microsoft(r))
				continue;
			r->whole_checked = 1;
			provider p;
			memset(&p, 0, sizeof(p));
			add_member(&p, r);
			unsigned char *in[2];
			in[0] = calloc(c->proto[0].n + 1, 1);
			in[1] = calloc(c->proto[1].n + 1, 1);
			if (!in[0] || !in[1]) {
				free(in[0]);
				free(in[1]);
				c->oom = 1;
				return changed;
			}
			in[vi][i] = 1;
			/* Twice over both views: what one view adds (a 64-bit DLL
			 * name) finds more in the other. */
			for (int pass = 0; pass < 2; pass++)
				for (int w = 0; w < 2; w++)
					collect(&p, &c->proto[w], in[w]);
			int live = 0;
			for (int w = 0; w < 2; w++)
				for (size_t k = 0; k < c->proto[w].n; k++)
					live += in[w][k] && !c->proto[w].e[k].removed;
			if (live) {
				ws2fix_msgid why = r->removed_cause == WS2FIX_F_CHAIN_BROKEN && r->relink_why
					? (ws2fix_msgid)r->relink_why : MSG_R_WHY_ENTRY_REMOVED;
				ws2fix_buf n = WS2FIX_BUF_INIT;
				ws2fix__buf_printf(&n, r_msg(c, MSG_R_NOTE_WHOLE_PROVIDER), r_entry_name(r), r->item.library_path,
					r_entry_name(r), r->item.catalog_id, ws2fix_view_name(v->view), r_msg(c, why));
				r_note(c, ws2fix__buf_cstr(&n));
				ws2fix__buf_free(&n);
				for (int w = 0; w < 2; w++)
					for (size_t k = 0; k < c->proto[w].n; k++)
						if (in[w][k] && !c->proto[w].e[k].removed) {
							r_remove_entry(c, &c->proto[w], &c->proto[w].e[k], r->removed_cause);
							c->proto[w].e[k].whole_checked = 1;
						}
				changed = 1;
			}
			free(in[0]);
			free(in[1]);
		}
	}
	return changed;
}

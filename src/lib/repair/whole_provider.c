/* SPDX-License-Identifier: MIT */
/*
 * Whole providers: a layered service provider (a firewall, a filter, a VPN
 * client) installs one hidden layered entry and one chain per protocol it
 * filters, in each catalog.  Surgical repair must never leave it in part:
 * with its UDP chain and without its TCP one the program silently loses
 * TCP.  So a broken chain is put back on its own layer and base when those
 * are certain (relink.c), and otherwise the whole provider goes, in both
 * catalogs.
 *
 * A provider is its DLL: entries whose paths are the same once folded
 * (ws2fix_provider_path_fold), with "x64.dll" and "x.dll" and Program Files
 * (x86) and Program Files taken as one provider's two catalogs.  A
 * ProviderId joins entries too, but only where it is the mark of one DLL in
 * each catalog: products built from one LSP sample share a GUID, and an
 * upgrade in place keeps it under a new DLL, and neither may take the
 * other with it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "repair_internal.h"
#include "../errors_internal.h"
#include "../../util/buf.h"
#include "../../util/utf.h"

#define MAX_GUIDS 16
#define MAX_KEYS 8

/* ---- the provider a removed chain belonged to ---- */

typedef struct provider {
	ws2fix_guid guids[MAX_GUIDS];
	int nguids;
	char keys[MAX_KEYS][WS2FIX_PROVIDER_PATH_FOLD];
	int nkeys;
} provider;

/* An entry's provider key: its folded path without ".dll" and a trailing
 * "64", and "program files (x86)" as "program files". */
static void provider_key(const rentry *e, char *out, size_t outsz)
{
	char f[WS2FIX_PROVIDER_PATH_FOLD];
	ws2fix_provider_path_fold(f, sizeof(f), e->item.library_path);
	static const char x86[] = "program files (x86)";
	char *p = strstr(f, x86);
	if (p)
		memmove(p + strlen("program files"), p + strlen(x86), strlen(p + strlen(x86)) + 1);
	size_t l = strlen(f);
	if (l > 4 && !strcmp(f + l - 4, ".dll"))
		f[l -= 4] = '\0';
	if (l > 2 && !strcmp(f + l - 2, "64"))
		f[l - 2] = '\0';
	snprintf(out, outsz, "%s", f);
}

static int third_party(const rentry *e)
{
	return e->has_item && !e->item.problems && e->item.library_path[0] && !ws2fix__repair_is_microsoft(e);
}

/* Whether every third-party entry carrying @p id in each catalog has one
 * provider key (one DLL per catalog). */
static int guid_marks_one_dll(const rctx *c, const ws2fix_guid *id)
{
	for (int w = 0; w < 2; w++) {
		const rview *v = &c->proto[w];
		char first[WS2FIX_PROVIDER_PATH_FOLD] = "", k[WS2FIX_PROVIDER_PATH_FOLD];
		for (size_t i = 0; i < v->n; i++) {
			const rentry *e = &v->e[i];
			if (!third_party(e) || !ws2fix_guid_equal(&e->item.provider_id, id))
				continue;
			provider_key(e, k, sizeof(k));
			if (!first[0])
				snprintf(first, sizeof(first), "%s", k);
			else if (strcmp(first, k))
				return 0;
		}
	}
	return 1;
}

static void add_member(const rctx *c, provider *p, const rentry *e)
{
	int have = 0;
	for (int g = 0; g < p->nguids; g++)
		have |= ws2fix_guid_equal(&p->guids[g], &e->item.provider_id);
	if (!have && p->nguids < MAX_GUIDS && guid_marks_one_dll(c, &e->item.provider_id))
		p->guids[p->nguids++] = e->item.provider_id;
	char key[WS2FIX_PROVIDER_PATH_FOLD];
	provider_key(e, key, sizeof(key));
	have = !key[0];
	for (int s = 0; s < p->nkeys; s++)
		have |= !strcmp(p->keys[s], key);
	if (!have && p->nkeys < MAX_KEYS)
		snprintf(p->keys[p->nkeys++], sizeof(p->keys[0]), "%s", key);
}

static int belongs(const provider *p, const rentry *e)
{
	if (!third_party(e))
		return 0;
	for (int g = 0; g < p->nguids; g++)
		if (ws2fix_guid_equal(&p->guids[g], &e->item.provider_id))
			return 1;
	char key[WS2FIX_PROVIDER_PATH_FOLD];
	provider_key(e, key, sizeof(key));
	for (int s = 0; key[0] && s < p->nkeys; s++)
		if (!strcmp(p->keys[s], key))
			return 1;
	return 0;
}

/* Grow p over one view: entries of its DLLs or GUIDs, the layered entries
 * of its DLL its chains start with, and the chains of its DLL that start
 * with its layers (another provider's layer under a chain of this one,
 * or this one's under another's, does not join them). */
static void collect(const rctx *c, provider *p, rview *v, unsigned char *in)
{
	int grew = 1;
	while (grew) {
		grew = 0;
		for (size_t i = 0; i < v->n; i++) {
			rentry *e = &v->e[i];
			if (in[i] || !third_party(e))
				continue;
			int join = belongs(p, e);
			for (size_t j = 0; j < v->n && !join; j++) {
				const rentry *m = &v->e[j];
				if (!in[j] || !ws2fix_provider_same_dll(m->item.library_path, e->item.library_path))
					continue;
				if (e->item.chain_len == 0 && m->item.chain_len >= 2 && m->item.chain_len <= WS2FIX_MAX_CHAIN_LEN)
					join = m->item.chain[0] == e->item.catalog_id;
				else if (m->item.chain_len == 0 && e->item.chain_len >= 2 &&
					 e->item.chain_len <= WS2FIX_MAX_CHAIN_LEN)
					join = e->item.chain[0] == m->item.catalog_id;
			}
			if (join) {
				in[i] = 1;
				add_member(c, p, e);
				grew = 1;
			}
		}
	}
}

int ws2fix__repair_whole_providers(rctx *c)
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
			    r->removed_cause == -1 || ws2fix__repair_is_microsoft(r))
				continue;
			r->whole_checked = 1;
			provider p;
			memset(&p, 0, sizeof(p));
			add_member(c, &p, r);
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
					collect(c, &p, &c->proto[w], in[w]);
			int live = 0;
			for (int w = 0; w < 2; w++)
				for (size_t k = 0; k < c->proto[w].n; k++)
					live += in[w][k] && !c->proto[w].e[k].removed;
			/* The plan says why, provider by provider: also when every
			 * entry of the provider was already going (all its chains
			 * lost their layer), once per provider. */
			int not_relinked = r->removed_cause == WS2FIX_F_CHAIN_BROKEN && r->relink_why;
			for (int w = 0; w < 2; w++)
				for (size_t k = 0; k < c->proto[w].n; k++)
					if (in[w][k] && c->proto[w].e[k].removed)
						c->proto[w].e[k].whole_checked = 1;
			if (live || not_relinked) {
				ws2fix_msgid why = not_relinked ? (ws2fix_msgid)r->relink_why : MSG_R_WHY_ENTRY_REMOVED;
				ws2fix_buf n = WS2FIX_BUF_INIT;
				ws2fix__buf_printf(&n, ws2fix__repair_msg(c, MSG_R_NOTE_WHOLE_PROVIDER), ws2fix__repair_entry_name(r), r->item.library_path,
					ws2fix__repair_entry_name(r), r->item.catalog_id, ws2fix_view_name(v->view), ws2fix__repair_msg(c, why));
				ws2fix__repair_note(c, ws2fix__buf_cstr(&n));
				ws2fix__buf_free(&n);
				for (int w = 0; w < 2; w++)
					for (size_t k = 0; k < c->proto[w].n; k++)
						if (in[w][k] && !c->proto[w].e[k].removed) {
							ws2fix__repair_remove_entry(c, &c->proto[w], &c->proto[w].e[k], r->removed_cause);
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

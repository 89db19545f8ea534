/* SPDX-License-Identifier: MIT */
/*
 * Plans name everything they remove: after every pass has run, each entry
 * the plan removes whose DLL is one of the third-party providers it lists
 * (ws2fix_repair_plan.removed_providers) is recorded with its catalog,
 * view, key and id, so that the text, the JSON and the wizard can show a
 * provider with every entry it loses.  Collected from the finished model,
 * in one place, whichever pass removed the entry.
 */
#include <stdlib.h>
#include <string.h>

#include "repair_internal.h"
#include "../../util/utf.h"

/* The DLL of a removed-provider line "name (path)". */
static int provider_of(const ws2fix_repair_plan *p, const char *path)
{
	size_t pl = strlen(path);
	for (size_t i = 0; i < p->removed_count; i++) {
		const char *r = p->removed_providers[i];
		size_t rl = strlen(r);
		if (rl >= pl + 3 && r[rl - 1] == ')' && r[rl - pl - 2] == '(' &&
		    !ws2fix__strncasecmp(r + rl - pl - 1, path, pl))
			return (int)i;
	}
	return -1;
}

static char *entry_path(const rentry *e)
{
	if (e->has_item)
		return ws2fix__strdup(e->item.library_path);
	const rvalue *lp = ws2fix__repair_value(e, "LibraryPath");
	char *path = NULL;
	if (lp && ws2fix__utf16le_to_utf8(&path, NULL, lp->data, lp->len, 1, NULL) < 0)
		path = NULL;
	return path;
}

static void add(rctx *c, const rview *v, const rentry *e, int provider, char *path)
{
	ws2fix_repair_plan *p = c->p;
	ws2fix_removed_entry *n = realloc(p->removed_entries, (p->removed_entry_count + 1) * sizeof(*n));
	if (!n) {
		c->oom = 1;
		free(path);
		return;
	}
	p->removed_entries = n;
	ws2fix_removed_entry *r = &n[p->removed_entry_count];
	memset(r, 0, sizeof(*r));
	r->provider = (size_t)provider;
	r->catalog = v->is_protocol ? "protocol" : "namespace";
	r->view = (int)v->view;
	r->path = path;
	r->name = ws2fix__strdup(v->is_protocol ? ws2fix__repair_entry_name(e) : path);
	r->key = ws2fix__strdup(e->orig_key ? e->orig_key : "");
	if (v->is_protocol && e->has_item) {
		r->has_catalog_id = 1;
		r->catalog_id = e->item.catalog_id;
	}
	if (!r->name || !r->key) {
		free(r->name);
		free(r->key);
		free(r->path);
		c->oom = 1;
		return;
	}
	p->removed_entry_count++;
}

void ws2fix__repair_collect_removed_entries(rctx *c)
{
	if (!c->p->removed_count)
		return;
	/* Grouped by provider: the order of removed_providers, then the
	 * catalogs' order within each. */
	for (size_t prov = 0; prov < c->p->removed_count && !c->oom; prov++)
		for (int is_proto = 1; is_proto >= 0; is_proto--)
			for (int vi = 0; vi < 2; vi++) {
				const rview *v = is_proto ? &c->proto[vi] : &c->ns[vi];
				for (size_t i = 0; i < v->n && !c->oom; i++) {
					const rentry *e = &v->e[i];
					if (!e->removed || !e->orig_key)
						continue;
					char *path = entry_path(e);
					if (path && provider_of(c->p, path) == (int)prov)
						add(c, v, e, (int)prov, path);
					else
						free(path);
				}
			}
}

void ws2fix__removed_entries_free(ws2fix_repair_plan *p)
{
	for (size_t i = 0; i < p->removed_entry_count; i++) {
		free(p->removed_entries[i].name);
		free(p->removed_entries[i].path);
		free(p->removed_entries[i].key);
	}
	free(p->removed_entries);
}

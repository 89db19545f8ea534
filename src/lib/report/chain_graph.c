/* SPDX-License-Identifier: MIT */
/*
 * The catalog as a graph (ws2fix_report_chains_dot): one cluster per
 * catalog view, a node per entry, an edge per link of every protocol
 * chain.  What is broken is what the diagnosis says (CHAIN_BROKEN,
 * LAYER_ORPHANED) and what the catalog lacks (a chain naming an id no
 * entry has: a "missing" node); what a repair removes is what the plan
 * lists.  Front ends draw it (Graphviz, the web page's own layout); they
 * judge nothing.
 *
 * Every node and edge carries ws2fix_* attributes (kind, view, key, id,
 * broken, orphan, removed, chain, link) so that a reader of the graph (a
 * test, a script) needs no label parsing.
 */
#include "report_internal.h"

#include <stdlib.h>
#include <string.h>

#include "../errors_internal.h"
#include "ws2fix/diagnose.h"
#include "ws2fix/errors.h"
#include "ws2fix/i18n.h"
#include "ws2fix/repair.h"

static void dot_string(ws2fix_buf *b, const char *s)
{
	ws2fix__buf_putc(b, '"');
	for (; s && *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '"' || c == '\\')
			ws2fix__buf_putc(b, '\\');
		if (c == '\n')
			ws2fix__buf_puts(b, "\\n");
		else if (c < 0x20)
			ws2fix__buf_putc(b, ' ');
		else
			ws2fix__buf_putc(b, (char)c);
	}
	ws2fix__buf_putc(b, '"');
}

/* The base name of a DLL path, for a short label. */
static const char *base_name(const char *path)
{
	const char *b = path;
	for (const char *p = path; p && *p; p++)
		if (*p == '\\' || *p == '/')
			b = p + 1;
	return b ? b : "";
}

static int finding_on(const ws2fix_diagnosis *d, ws2fix_finding_code code, int view, const char *key)
{
	for (size_t i = 0; d && i < d->count; i++) {
		const ws2fix_finding *f = &d->findings[i];
		if (f->code == code && f->view == view && f->key && key && !strcmp(f->key, key) && f->catalog &&
		    !strcmp(f->catalog, "protocol"))
			return 1;
	}
	return 0;
}

static int removed_by(const ws2fix_repair_plan *p, const char *catalog, int view, const char *key)
{
	for (size_t i = 0; p && i < p->removed_entry_count; i++) {
		const ws2fix_removed_entry *r = &p->removed_entries[i];
		if (r->view == view && r->key && !strcmp(r->key, key) && r->catalog && !strcmp(r->catalog, catalog))
			return 1;
	}
	return 0;
}

/* The name an entry is shown by (as show's text: a known indirect name
 * resolved, else szProtocol). */
static const char *entry_name(const ws2fix_protocol_entry *e)
{
	const char *d = ws2fix_known_display_name(e->item.protocol_name);
	if (!d && e->protocol_name_value)
		d = ws2fix_known_display_name(e->protocol_name_value);
	return d ? d : e->item.protocol_name;
}

/* The first entry of the view with catalog id @p id, or NULL. */
static const ws2fix_protocol_entry *by_id(const ws2fix_protocol_view *pv, uint32_t id)
{
	for (size_t i = 0; i < pv->info.count; i++)
		if (pv->entries[i].has_item && pv->entries[i].item.catalog_id == id)
			return &pv->entries[i];
	return NULL;
}

static void node_id(ws2fix_buf *b, const char *cat, int view, const char *key)
{
	ws2fix__buf_printf(b, "\"%s%s_", cat, ws2fix_view_name((enum ws2fix_view)view));
	for (const char *p = key; *p; p++)
		ws2fix__buf_putc(b, (*p == '"' || *p == '\\' || (unsigned char)*p < 0x20) ? '_' : *p);
	ws2fix__buf_putc(b, '"');
}

static void link_target(ws2fix_buf *b, const ws2fix_protocol_view *pv, int view, uint32_t id)
{
	const ws2fix_protocol_entry *t = by_id(pv, id);
	if (t)
		node_id(b, "p", view, t->key);
	else
		ws2fix__buf_printf(b, "\"p%s_missing_%u\"", ws2fix_view_name((enum ws2fix_view)view), id);
}

static const char *const KIND_STYLE[] = {
	/* layered */ "shape=hexagon, style=filled, fillcolor=\"#fff2b3\"",
	/* base */ "shape=box, style=filled, fillcolor=\"#d9ead3\"",
	/* chain */ "shape=box, style=\"rounded,filled\", fillcolor=\"#cfe2f3\"",
	/* invalid */ "shape=box, style=filled, fillcolor=\"#f4cccc\"",
};

static void protocol_node(ws2fix_buf *b, const ws2fix_protocol_entry *e, int view, const ws2fix_diagnosis *d,
	const ws2fix_repair_plan *plan, ws2fix_lang lang)
{
	int broken = finding_on(d, WS2FIX_F_CHAIN_BROKEN, view, e->key);
	int orphan = finding_on(d, WS2FIX_F_LAYER_ORPHANED, view, e->key);
	int removed = removed_by(plan, "protocol", view, e->key);
	const char *kind = "unreadable";
	ws2fix_buf label = WS2FIX_BUF_INIT;
	if (e->has_item) {
		enum ws2fix_entry_kind k = ws2fix_protocol_item_kind(&e->item);
		kind = ws2fix_entry_kind_name(k);
		ws2fix__buf_printf(&label, "%u\n%s\n%s", e->item.catalog_id, entry_name(e),
			base_name(e->item.library_path));
	} else {
		ws2fix__buf_printf(&label, "%s\n%s", e->key, ws2fix_msg(MSG_GRAPH_NO_ITEM, lang));
	}
	if (broken)
		ws2fix__buf_printf(&label, "\n%s", ws2fix_msg(MSG_GRAPH_BROKEN, lang));
	if (orphan)
		ws2fix__buf_printf(&label, "\n%s", ws2fix_msg(MSG_GRAPH_ORPHAN, lang));
	if (removed)
		ws2fix__buf_printf(&label, "\n%s", ws2fix_msg(MSG_GRAPH_REMOVED, lang));
	ws2fix__buf_puts(b, "    ");
	node_id(b, "p", view, e->key);
	ws2fix__buf_puts(b, " [label=");
	dot_string(b, ws2fix__buf_cstr(&label));
	ws2fix__buf_free(&label);
	int k = e->has_item ? (int)ws2fix_protocol_item_kind(&e->item) : (int)WS2FIX_ENTRY_INVALID;
	ws2fix__buf_printf(b, ", %s", KIND_STYLE[k]);
	if (broken || orphan)
		ws2fix__buf_printf(b, ", color=\"%s\", penwidth=3", broken ? "#cc0000" : "#e69138");
	if (removed)
		ws2fix__buf_puts(b, ", fontcolor=\"#666666\", peripheries=2");
	ws2fix__buf_printf(b, ", ws2fix_kind=\"%s\", ws2fix_view=\"%s\", ws2fix_key=", kind,
		ws2fix_view_name((enum ws2fix_view)view));
	dot_string(b, e->key);
	if (e->has_item)
		ws2fix__buf_printf(b, ", ws2fix_id=\"%u\"", e->item.catalog_id);
	ws2fix__buf_printf(b, ", ws2fix_broken=\"%d\", ws2fix_orphan=\"%d\", ws2fix_removed=\"%d\"];\n", broken, orphan,
		removed);
}

/* The links of one chain entry: it to its first id, then id to id. */
static void chain_edges(ws2fix_buf *b, const ws2fix_protocol_view *pv, const ws2fix_protocol_entry *e, int view,
	const ws2fix_diagnosis *d)
{
	const ws2fix_protocol_item *it = &e->item;
	int broken = finding_on(d, WS2FIX_F_CHAIN_BROKEN, view, e->key);
	for (int i = 0; i < it->chain_len && i < 7; i++) {
		int missing = !by_id(pv, it->chain[i]) || (i > 0 && !by_id(pv, it->chain[i - 1]));
		ws2fix__buf_puts(b, "    ");
		if (i == 0)
			node_id(b, "p", view, e->key);
		else
			link_target(b, pv, view, it->chain[i - 1]);
		ws2fix__buf_puts(b, " -> ");
		link_target(b, pv, view, it->chain[i]);
		ws2fix__buf_printf(b, " [ws2fix_chain=\"%u\", ws2fix_link=\"%d\", ws2fix_broken=\"%d\", ws2fix_missing=\"%d\"",
			it->catalog_id, i, broken, missing);
		if (broken || missing)
			ws2fix__buf_printf(b, ", color=\"#cc0000\", penwidth=2%s", missing ? ", style=dashed" : "");
		ws2fix__buf_puts(b, "];\n");
	}
}

static void protocol_cluster(ws2fix_buf *b, const ws2fix_protocol_view *pv, int view, const ws2fix_diagnosis *d,
	const ws2fix_repair_plan *plan, ws2fix_lang lang)
{
	ws2fix__buf_printf(b, "  subgraph cluster_protocol_%s {\n    label=", ws2fix_view_name((enum ws2fix_view)view));
	ws2fix_buf t = WS2FIX_BUF_INIT;
	ws2fix__buf_printf(&t, ws2fix_msg(MSG_GRAPH_PROTOCOL_VIEW, lang), ws2fix_view_name((enum ws2fix_view)view),
		pv->info.key ? pv->info.key : "");
	dot_string(b, ws2fix__buf_cstr(&t));
	ws2fix__buf_free(&t);
	ws2fix__buf_printf(b, ";\n    ws2fix_catalog=\"protocol\"; ws2fix_view=\"%s\";\n",
		ws2fix_view_name((enum ws2fix_view)view));
	for (size_t i = 0; i < pv->info.count; i++)
		protocol_node(b, &pv->entries[i], view, d, plan, lang);
	/* A node for every id a chain names and no entry has. */
	for (size_t i = 0; i < pv->info.count; i++) {
		const ws2fix_protocol_entry *e = &pv->entries[i];
		if (!e->has_item || ws2fix_protocol_item_kind(&e->item) != WS2FIX_ENTRY_CHAIN)
			continue;
		for (int k = 0; k < e->item.chain_len && k < 7; k++) {
			uint32_t id = e->item.chain[k];
			int seen = 0;
			for (size_t j = 0; j < i && !seen; j++) {
				const ws2fix_protocol_entry *o = &pv->entries[j];
				if (o->has_item && ws2fix_protocol_item_kind(&o->item) == WS2FIX_ENTRY_CHAIN)
					for (int m = 0; m < o->item.chain_len && m < 7; m++)
						seen |= o->item.chain[m] == id;
			}
			for (int m = 0; m < k; m++)
				seen |= e->item.chain[m] == id;
			if (seen || by_id(pv, id))
				continue;
			ws2fix_buf l = WS2FIX_BUF_INIT;
			ws2fix__buf_printf(&l, ws2fix_msg(MSG_GRAPH_MISSING, lang), id);
			ws2fix__buf_puts(b, "    ");
			link_target(b, pv, view, id);
			ws2fix__buf_puts(b, " [label=");
			dot_string(b, ws2fix__buf_cstr(&l));
			ws2fix__buf_free(&l);
			ws2fix__buf_printf(b, ", shape=octagon, style=dashed, color=\"#cc0000\", fontcolor=\"#cc0000\", "
				"ws2fix_kind=\"missing\", ws2fix_view=\"%s\", ws2fix_id=\"%u\", ws2fix_broken=\"1\"];\n",
				ws2fix_view_name((enum ws2fix_view)view), id);
		}
	}
	for (size_t i = 0; i < pv->info.count; i++) {
		const ws2fix_protocol_entry *e = &pv->entries[i];
		if (e->has_item && ws2fix_protocol_item_kind(&e->item) == WS2FIX_ENTRY_CHAIN)
			chain_edges(b, pv, e, view, d);
	}
	ws2fix__buf_puts(b, "  }\n");
}

static void namespace_cluster(ws2fix_buf *b, const ws2fix_namespace_view *nv, int view,
	const ws2fix_repair_plan *plan, ws2fix_lang lang)
{
	ws2fix__buf_printf(b, "  subgraph cluster_namespace_%s {\n    label=", ws2fix_view_name((enum ws2fix_view)view));
	ws2fix_buf t = WS2FIX_BUF_INIT;
	ws2fix__buf_printf(&t, ws2fix_msg(MSG_GRAPH_NAMESPACE_VIEW, lang), ws2fix_view_name((enum ws2fix_view)view),
		nv->info.key ? nv->info.key : "");
	dot_string(b, ws2fix__buf_cstr(&t));
	ws2fix__buf_free(&t);
	ws2fix__buf_printf(b, ";\n    ws2fix_catalog=\"namespace\"; ws2fix_view=\"%s\";\n",
		ws2fix_view_name((enum ws2fix_view)view));
	for (size_t i = 0; i < nv->info.count; i++) {
		const ws2fix_namespace_entry *e = &nv->entries[i];
		int removed = removed_by(plan, "namespace", view, e->key);
		ws2fix_buf l = WS2FIX_BUF_INIT;
		const char *name = ws2fix_known_display_name(e->display_string);
		ws2fix__buf_printf(&l, "%s\n%s", name ? name : (e->display_string ? e->display_string : e->key),
			base_name(e->library_path ? e->library_path : ""));
		if (removed)
			ws2fix__buf_printf(&l, "\n%s", ws2fix_msg(MSG_GRAPH_REMOVED, lang));
		ws2fix__buf_puts(b, "    ");
		node_id(b, "n", view, e->key);
		ws2fix__buf_puts(b, " [label=");
		dot_string(b, ws2fix__buf_cstr(&l));
		ws2fix__buf_free(&l);
		ws2fix__buf_printf(b, ", shape=note, style=filled, fillcolor=\"#eeeeee\"%s, ws2fix_kind=\"namespace\", "
			"ws2fix_view=\"%s\", ws2fix_key=", removed ? ", peripheries=2" : "",
			ws2fix_view_name((enum ws2fix_view)view));
		dot_string(b, e->key);
		ws2fix__buf_printf(b, ", ws2fix_removed=\"%d\"];\n", removed);
	}
	ws2fix__buf_puts(b, "  }\n");
}

int ws2fix_report_chains_dot(char **out, const ws2fix_catalog *cat, const ws2fix_diagnosis *d,
	const ws2fix_repair_plan *plan, ws2fix_lang lang)
{
	*out = NULL;
	if (!cat)
		return ws2fix__fail(WS2FIX_EINVALID, WS2FIX_ERRCLASS_INVALID, "no catalog to draw");
	ws2fix_buf b = WS2FIX_BUF_INIT;
	ws2fix__buf_puts(&b, "digraph ws2fix_catalog {\n  graph [rankdir=LR, fontname=\"DejaVu Sans\", label=");
	dot_string(&b, ws2fix_msg(MSG_GRAPH_TITLE, lang));
	ws2fix__buf_puts(&b, ", labelloc=t];\n  node [fontname=\"DejaVu Sans\", fontsize=10];\n"
		"  edge [color=\"#444444\"];\n");
	static const enum ws2fix_view views[2] = {WS2FIX_VIEW_32, WS2FIX_VIEW_64};
	for (int i = 0; i < 2; i++)
		if (cat->protocol[views[i]].info.present)
			protocol_cluster(&b, &cat->protocol[views[i]], (int)views[i], d, plan, lang);
	for (int i = 0; i < 2; i++)
		if (cat->namespaces[views[i]].info.present)
			namespace_cluster(&b, &cat->namespaces[views[i]], (int)views[i], plan, lang);
	ws2fix__buf_puts(&b, "}\n");
	if (ws2fix__buf_oom(&b)) {
		ws2fix__buf_free(&b);
		return ws2fix__fail(WS2FIX_ENOMEM, WS2FIX_ERRCLASS_NOMEMORY, "out of memory");
	}
	*out = ws2fix__buf_detach(&b);
	return *out ? 0 : ws2fix__fail(WS2FIX_ENOMEM, WS2FIX_ERRCLASS_NOMEMORY, "out of memory");
}

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
 * One model (gnode, gedge) is built from the catalog, the diagnosis and
 * the plan, and written as Graphviz (show --format dot) or as JSON (the
 * web page, which lays it out itself): both front ends draw the same
 * graph.  Every node and edge carries its kind, view, key, id and marks
 * (broken, orphan, removed, chain, link, missing) so that a reader of the
 * graph (a test, a script) needs no label parsing.
 */
#include "report_internal.h"
#include "ws2fix/providers.h"

#include <stdio.h>
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


/* ---- the model ------------------------------------------------------ */

typedef struct gnode {
	char name[48];        /* "p32_000000000007", "p64_missing_1007", "n32_..." */
	const char *kind;     /* layered, base, chain, invalid, unreadable, missing, namespace */
	const char *key;      /* borrowed from the catalog, NULL for a missing id */
	int has_id;
	uint32_t id;
	char *label;          /* lines separated by '\n' */
	int broken, orphan, removed;
} gnode;

typedef struct gedge {
	size_t from, to;      /* node indexes in the view */
	uint32_t chain;       /* the chain entry's catalog id */
	int link;             /* 0: the chain entry to its first id */
	int broken, missing;
} gedge;

typedef struct gview {
	const char *catalog;  /* "protocol", "namespace" */
	int view;
	char *label;
	gnode *nodes;
	size_t nnodes, capn;
	gedge *edges;
	size_t nedges, cape;
} gview;

typedef struct graph {
	gview views[4];
	size_t count;
	int oom;
} graph;

static void graph_free(graph *g)
{
	for (size_t v = 0; v < g->count; v++) {
		for (size_t i = 0; i < g->views[v].nnodes; i++)
			free(g->views[v].nodes[i].label);
		free(g->views[v].nodes);
		free(g->views[v].edges);
		free(g->views[v].label);
	}
	memset(g, 0, sizeof(*g));
}

static gnode *add_node(graph *g, gview *v)
{
	if (v->nnodes == v->capn) {
		size_t cap = v->capn ? v->capn * 2 : 16;
		gnode *n = realloc(v->nodes, cap * sizeof(*n));
		if (!n) {
			g->oom = 1;
			return NULL;
		}
		v->nodes = n;
		v->capn = cap;
	}
	gnode *n = &v->nodes[v->nnodes++];
	memset(n, 0, sizeof(*n));
	return n;
}

static void add_edge(graph *g, gview *v, const gedge *e)
{
	if (v->nedges == v->cape) {
		size_t cap = v->cape ? v->cape * 2 : 16;
		gedge *n = realloc(v->edges, cap * sizeof(*n));
		if (!n) {
			g->oom = 1;
			return;
		}
		v->edges = n;
		v->cape = cap;
	}
	v->edges[v->nedges++] = *e;
}

static char *detach(graph *g, ws2fix_buf *b)
{
	if (ws2fix__buf_oom(b)) {
		ws2fix__buf_free(b);
		g->oom = 1;
		return NULL;
	}
	char *s = ws2fix__buf_detach(b);
	if (!s)
		g->oom = 1;
	return s;
}

static void set_name(gnode *n, char prefix, int view, const char *rest)
{
	snprintf(n->name, sizeof(n->name), "%c%s_%.32s", prefix, ws2fix_view_name((enum ws2fix_view)view), rest);
	for (char *p = n->name; *p; p++)
		if (*p == '"' || *p == '\\' || (unsigned char)*p < 0x20 || (unsigned char)*p >= 0x7f)
			*p = '_';
}

/* The node of catalog id @p id in a protocol view: its first entry, else
 * the "missing" node (made on first use).  (size_t)-1 when out of memory. */
static size_t id_node(graph *g, gview *v, const ws2fix_protocol_view *pv, uint32_t id, ws2fix_lang lang)
{
	for (size_t i = 0; i < pv->info.count; i++)
		if (pv->entries[i].has_item && pv->entries[i].item.catalog_id == id)
			return i;
	for (size_t i = pv->info.count; i < v->nnodes; i++)
		if (v->nodes[i].id == id)
			return i;
	gnode *n = add_node(g, v);
	if (!n)
		return (size_t)-1;
	char rest[24];
	snprintf(rest, sizeof(rest), "missing_%u", id);
	set_name(n, 'p', v->view, rest);
	n->kind = "missing";
	n->has_id = 1;
	n->id = id;
	n->broken = 1;
	ws2fix_buf l = WS2FIX_BUF_INIT;
	ws2fix__buf_printf(&l, ws2fix_msg(MSG_GRAPH_MISSING, lang), id);
	n->label = detach(g, &l);
	return v->nnodes - 1;
}

/* The next view (cluster) of the graph: its catalog, view and heading. */
static gview *begin_view(graph *g, const char *catalog, ws2fix_msgid heading, int view, const char *key,
	ws2fix_lang lang)
{
	gview *v = &g->views[g->count++];
	v->catalog = catalog;
	v->view = view;
	ws2fix_buf t = WS2FIX_BUF_INIT;
	ws2fix__buf_printf(&t, ws2fix_msg(heading, lang), ws2fix_view_name((enum ws2fix_view)view), key ? key : "");
	v->label = detach(g, &t);
	return v;
}

static void protocol_view(graph *g, const ws2fix_protocol_view *pv, int view, const ws2fix_diagnosis *d,
	const ws2fix_repair_plan *plan, ws2fix_lang lang)
{
	gview *v = begin_view(g, "protocol", MSG_GRAPH_PROTOCOL_VIEW, view, pv->info.key, lang);
	/* The entries first, in catalog order: node i is entry i. */
	for (size_t i = 0; i < pv->info.count; i++) {
		const ws2fix_protocol_entry *e = &pv->entries[i];
		gnode *n = add_node(g, v);
		if (!n)
			return;
		set_name(n, 'p', view, e->key);
		n->key = e->key;
		n->broken = finding_on(d, WS2FIX_F_CHAIN_BROKEN, view, e->key);
		n->orphan = finding_on(d, WS2FIX_F_LAYER_ORPHANED, view, e->key);
		n->removed = removed_by(plan, "protocol", view, e->key);
		ws2fix_buf l = WS2FIX_BUF_INIT;
		if (e->has_item) {
			n->kind = ws2fix_entry_kind_name(ws2fix_protocol_item_kind(&e->item));
			n->has_id = 1;
			n->id = e->item.catalog_id;
			ws2fix__buf_printf(&l, "%u\n%s\n%s", e->item.catalog_id, entry_name(e),
				ws2fix_provider_dll_name(e->item.library_path));
		} else {
			n->kind = "unreadable";
			ws2fix__buf_printf(&l, "%s\n%s", e->key, ws2fix_msg(MSG_GRAPH_NO_ITEM, lang));
		}
		if (n->broken)
			ws2fix__buf_printf(&l, "\n%s", ws2fix_msg(MSG_GRAPH_BROKEN, lang));
		if (n->orphan)
			ws2fix__buf_printf(&l, "\n%s", ws2fix_msg(MSG_GRAPH_ORPHAN, lang));
		if (n->removed)
			ws2fix__buf_printf(&l, "\n%s", ws2fix_msg(MSG_GRAPH_REMOVED, lang));
		n->label = detach(g, &l);
	}
	/* Then the links of every chain: it to its first id, then id to id. */
	for (size_t i = 0; i < pv->info.count && !g->oom; i++) {
		const ws2fix_protocol_entry *e = &pv->entries[i];
		if (!e->has_item || ws2fix_protocol_item_kind(&e->item) != WS2FIX_ENTRY_CHAIN)
			continue;
		size_t prev = i;
		int broken = v->nodes[i].broken;
		for (int k = 0; k < e->item.chain_len && k < 7; k++) {
			size_t to = id_node(g, v, pv, e->item.chain[k], lang);
			if (to == (size_t)-1)
				return;
			gedge ed = {prev, to, e->item.catalog_id, k, broken,
				!strcmp(v->nodes[to].kind, "missing") || !strcmp(v->nodes[prev].kind, "missing")};
			add_edge(g, v, &ed);
			prev = to;
		}
	}
}

static void namespace_view(graph *g, const ws2fix_namespace_view *nv, int view, const ws2fix_repair_plan *plan,
	ws2fix_lang lang)
{
	gview *v = begin_view(g, "namespace", MSG_GRAPH_NAMESPACE_VIEW, view, nv->info.key, lang);
	for (size_t i = 0; i < nv->info.count; i++) {
		const ws2fix_namespace_entry *e = &nv->entries[i];
		gnode *n = add_node(g, v);
		if (!n)
			return;
		set_name(n, 'n', view, e->key);
		n->kind = "namespace";
		n->key = e->key;
		n->removed = removed_by(plan, "namespace", view, e->key);
		const char *name = ws2fix_known_display_name(e->display_string);
		ws2fix_buf l = WS2FIX_BUF_INIT;
		ws2fix__buf_printf(&l, "%s\n%s", name ? name : (e->display_string ? e->display_string : e->key),
			ws2fix_provider_dll_name(e->library_path ? e->library_path : ""));
		if (n->removed)
			ws2fix__buf_printf(&l, "\n%s", ws2fix_msg(MSG_GRAPH_REMOVED, lang));
		n->label = detach(g, &l);
	}
}

static int build(graph *g, const ws2fix_catalog *cat, const ws2fix_diagnosis *d, const ws2fix_repair_plan *plan,
	ws2fix_lang lang)
{
	memset(g, 0, sizeof(*g));
	if (!cat)
		return ws2fix__fail(WS2FIX_EINVALID, WS2FIX_ERRCLASS_INVALID, "no catalog to draw");
	static const enum ws2fix_view views[2] = {WS2FIX_VIEW_32, WS2FIX_VIEW_64};
	for (int i = 0; i < 2; i++)
		if (cat->protocol[views[i]].info.present)
			protocol_view(g, &cat->protocol[views[i]], (int)views[i], d, plan, lang);
	for (int i = 0; i < 2; i++)
		if (cat->namespaces[views[i]].info.present)
			namespace_view(g, &cat->namespaces[views[i]], (int)views[i], plan, lang);
	if (g->oom) {
		graph_free(g);
		return ws2fix__oom();
	}
	return 0;
}

static int finish(char **out, ws2fix_buf *b)
{
	if (ws2fix__buf_oom(b)) {
		ws2fix__buf_free(b);
		return ws2fix__oom();
	}
	*out = ws2fix__buf_detach(b);
	return *out ? 0 : ws2fix__oom();
}

/* ---- Graphviz ------------------------------------------------------------ */

static const char *node_style(const char *kind)
{
	if (!strcmp(kind, "layered"))
		return "shape=hexagon, style=filled, fillcolor=\"#fff2b3\"";
	if (!strcmp(kind, "base"))
		return "shape=box, style=filled, fillcolor=\"#d9ead3\"";
	if (!strcmp(kind, "chain"))
		return "shape=box, style=\"rounded,filled\", fillcolor=\"#cfe2f3\"";
	if (!strcmp(kind, "missing"))
		return "shape=octagon, style=dashed, fontcolor=\"#cc0000\"";
	if (!strcmp(kind, "namespace"))
		return "shape=note, style=filled, fillcolor=\"#eeeeee\"";
	return "shape=box, style=filled, fillcolor=\"#f4cccc\"";
}

static void dot_node(ws2fix_buf *b, const gview *v, const gnode *n)
{
	ws2fix__buf_printf(b, "    \"%s\" [label=", n->name);
	dot_string(b, n->label);
	ws2fix__buf_printf(b, ", %s", node_style(n->kind));
	if (n->broken || n->orphan)
		ws2fix__buf_printf(b, ", color=\"%s\", penwidth=%d", n->broken ? "#cc0000" : "#e69138",
			strcmp(n->kind, "missing") ? 3 : 1);
	if (n->removed)
		ws2fix__buf_puts(b, ", fontcolor=\"#666666\", peripheries=2");
	ws2fix__buf_printf(b, ", ws2fix_kind=\"%s\", ws2fix_view=\"%s\"", n->kind,
		ws2fix_view_name((enum ws2fix_view)v->view));
	if (n->key) {
		ws2fix__buf_puts(b, ", ws2fix_key=");
		dot_string(b, n->key);
	}
	if (n->has_id)
		ws2fix__buf_printf(b, ", ws2fix_id=\"%u\"", n->id);
	ws2fix__buf_printf(b, ", ws2fix_broken=\"%d\", ws2fix_orphan=\"%d\", ws2fix_removed=\"%d\"];\n", n->broken,
		n->orphan, n->removed);
}

int ws2fix_report_chains_dot(char **out, const ws2fix_catalog *cat, const ws2fix_diagnosis *d,
	const ws2fix_repair_plan *plan, ws2fix_lang lang)
{
	*out = NULL;
	graph g;
	int rc = build(&g, cat, d, plan, lang);
	if (rc < 0)
		return rc;
	ws2fix_buf b = WS2FIX_BUF_INIT;
	ws2fix__buf_puts(&b, "digraph ws2fix_catalog {\n  graph [rankdir=LR, fontname=\"DejaVu Sans\", label=");
	dot_string(&b, ws2fix_msg(MSG_GRAPH_TITLE, lang));
	ws2fix__buf_puts(&b, ", labelloc=t];\n  node [fontname=\"DejaVu Sans\", fontsize=10];\n"
		"  edge [color=\"#444444\"];\n");
	for (size_t k = 0; k < g.count; k++) {
		const gview *v = &g.views[k];
		ws2fix__buf_printf(&b, "  subgraph cluster_%s_%s {\n    label=", v->catalog,
			ws2fix_view_name((enum ws2fix_view)v->view));
		dot_string(&b, v->label);
		ws2fix__buf_printf(&b, ";\n    ws2fix_catalog=\"%s\"; ws2fix_view=\"%s\";\n", v->catalog,
			ws2fix_view_name((enum ws2fix_view)v->view));
		for (size_t i = 0; i < v->nnodes; i++)
			dot_node(&b, v, &v->nodes[i]);
		for (size_t i = 0; i < v->nedges; i++) {
			const gedge *e = &v->edges[i];
			ws2fix__buf_printf(&b, "    \"%s\" -> \"%s\" [ws2fix_chain=\"%u\", ws2fix_link=\"%d\", "
				"ws2fix_broken=\"%d\", ws2fix_missing=\"%d\"", v->nodes[e->from].name, v->nodes[e->to].name,
				e->chain, e->link, e->broken, e->missing);
			if (e->broken || e->missing)
				ws2fix__buf_printf(&b, ", color=\"#cc0000\", penwidth=2%s", e->missing ? ", style=dashed" : "");
			ws2fix__buf_puts(&b, "];\n");
		}
		ws2fix__buf_puts(&b, "  }\n");
	}
	ws2fix__buf_puts(&b, "}\n");
	graph_free(&g);
	return finish(out, &b);
}

/* ---- JSON (the web page draws it) ---------------------------------------- */

int ws2fix_report_chains_json(char **out, const ws2fix_catalog *cat, const ws2fix_diagnosis *d,
	const ws2fix_repair_plan *plan, ws2fix_lang lang)
{
	*out = NULL;
	graph g;
	int rc = build(&g, cat, d, plan, lang);
	if (rc < 0)
		return rc;
	ws2fix_buf b = WS2FIX_BUF_INIT;
	ws2fix_json j;
	ws2fix__json_init(&j, &b, 0);
	ws2fix__json_object_begin(&j);
	ws2fix__json_kv_string(&j, "title", ws2fix_msg(MSG_GRAPH_TITLE, lang));
	ws2fix__json_key(&j, "views");
	ws2fix__json_array_begin(&j);
	for (size_t k = 0; k < g.count; k++) {
		const gview *v = &g.views[k];
		ws2fix__json_object_begin(&j);
		ws2fix__json_kv_string(&j, "catalog", v->catalog);
		ws2fix__json_kv_string(&j, "view", ws2fix_view_name((enum ws2fix_view)v->view));
		ws2fix__json_kv_string(&j, "label", v->label);
		ws2fix__json_key(&j, "nodes");
		ws2fix__json_array_begin(&j);
		for (size_t i = 0; i < v->nnodes; i++) {
			const gnode *n = &v->nodes[i];
			ws2fix__json_object_begin(&j);
			ws2fix__json_kv_string(&j, "name", n->name);
			ws2fix__json_kv_string(&j, "kind", n->kind);
			ws2fix__json_kv_string(&j, "key", n->key);
			ws2fix__json_key(&j, "catalog_id");
			if (n->has_id)
				ws2fix__json_uint(&j, n->id);
			else
				ws2fix__json_null(&j);
			ws2fix__json_kv_string(&j, "label", n->label);
			ws2fix__json_kv_bool(&j, "broken", n->broken);
			ws2fix__json_kv_bool(&j, "orphan", n->orphan);
			ws2fix__json_kv_bool(&j, "removed", n->removed);
			ws2fix__json_object_end(&j);
		}
		ws2fix__json_array_end(&j);
		ws2fix__json_key(&j, "edges");
		ws2fix__json_array_begin(&j);
		for (size_t i = 0; i < v->nedges; i++) {
			const gedge *e = &v->edges[i];
			ws2fix__json_object_begin(&j);
			ws2fix__json_kv_uint(&j, "from", e->from);
			ws2fix__json_kv_uint(&j, "to", e->to);
			ws2fix__json_kv_uint(&j, "chain", e->chain);
			ws2fix__json_kv_int(&j, "link", e->link);
			ws2fix__json_kv_bool(&j, "broken", e->broken);
			ws2fix__json_kv_bool(&j, "missing", e->missing);
			ws2fix__json_object_end(&j);
		}
		ws2fix__json_array_end(&j);
		ws2fix__json_object_end(&j);
	}
	ws2fix__json_array_end(&j);
	ws2fix__json_object_end(&j);
	graph_free(&g);
	return finish(out, &b);
}

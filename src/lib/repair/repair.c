/* SPDX-License-Identifier: MIT */
/* ws2fix_repair_plan_build(): the order of the repair passes. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "repair_internal.h"
#include "../errors_internal.h"
#include "../../util/buf.h"

static uint32_t max_live_id(rctx *c)
{
	uint32_t max = 1000;
	for (int vi = 0; vi < 2; vi++)
		for (size_t i = 0; i < c->proto[vi].n; i++) {
			const rentry *e = &c->proto[vi].e[i];
			if (!e->removed && e->has_item && e->item.catalog_id > max)
				max = e->item.catalog_id;
		}
	return max;
}

static uint32_t max_read_id(const ws2fix_catalog *cat)
{
	uint32_t max = 1000;
	for (int vi = 0; vi < 2; vi++)
		for (size_t i = 0; i < cat->protocol[vi].info.count; i++) {
			const ws2fix_protocol_entry *e = &cat->protocol[vi].entries[i];
			if (e->has_item && !(e->item.problems & WS2FIX_ITEM_BAD_SIZE) && e->item.catalog_id > max)
				max = e->item.catalog_id;
		}
	return max;
}

static void dword_bytes(unsigned char b[4], uint32_t v)
{
	b[0] = (unsigned char)v;
	b[1] = (unsigned char)(v >> 8);
	b[2] = (unsigned char)(v >> 16);
	b[3] = (unsigned char)(v >> 24);
}

static void set_counter(rctx *c, const char *key, const char *name, int had, uint32_t old, uint32_t now, int cause)
{
	if (had && old == now)
		return;
	unsigned char b[4];
	dword_bytes(b, now);
	ws2fix__repair_op_set(c, key, name, WS2FIX_REG_DWORD, b, 4);
	char o[16] = "-", n[16];
	if (had)
		snprintf(o, sizeof(o), "%u", old);
	snprintf(n, sizeof(n), "%u", now);
	ws2fix_buf k = WS2FIX_BUF_INIT;
	ws2fix__buf_printf(&k, "%s\\%s", key, name);
	ws2fix__repair_step(c, ws2fix__buf_cstr(&k), o, n, cause, MSG_R_SET_VALUE, name);
	ws2fix__buf_free(&k);
}

/* Did the view's entries move to other key numbers? */
static int renumbered(const rview *v)
{
	size_t k = 0;
	char name[24]; /* %012zu of a size_t: up to 20 digits */
	for (size_t i = 0; i < v->n; i++) {
		if (v->e[i].removed)
			continue;
		snprintf(name, sizeof(name), "%012zu", ++k);
		if (!v->e[i].orig_key || strcmp(v->e[i].orig_key, name) != 0)
			return 1;
	}
	return 0;
}

static int has_finding(rctx *c, ws2fix_finding_code code, const char *catalog, int view)
{
	for (size_t i = 0; c->d && i < c->d->count; i++) {
		const ws2fix_finding *f = &c->d->findings[i];
		if (f->code == code && !strcmp(f->catalog, catalog) && (view < 0 || f->view == view))
			return 1;
	}
	return 0;
}

static void emit_catalogs(rctx *c)
{
	const ws2fix_catalog *cat = c->cat;
	static const char *const counters[2] = {"Num_Catalog_Entries", "Num_Catalog_Entries64"};
	ws2fix_buf pc = WS2FIX_BUF_INIT, nc = WS2FIX_BUF_INIT;
	ws2fix__buf_printf(&pc, "%s\\%s", cat->parameters_path, cat->protocol_catalog_name);
	ws2fix__buf_printf(&nc, "%s\\%s", cat->parameters_path, cat->namespace_catalog_name);
	if (ws2fix__buf_oom(&pc) || ws2fix__buf_oom(&nc)) {
		c->oom = 1;
		goto out;
	}
	int proto_changed = 0, ns_changed = 0;
	for (int vi = 0; vi < 2; vi++) {
		for (int is_proto = 1; is_proto >= 0; is_proto--) {
			rview *v = is_proto ? &c->proto[vi] : &c->ns[vi];
			const char *cat_name = is_proto ? "protocol" : "namespace";
			int numbering = has_finding(c, WS2FIX_F_ENTRY_NUMBERING, cat_name, vi);
			int count = has_finding(c, WS2FIX_F_ENTRY_COUNT_MISMATCH, cat_name, vi);
			if (v->present && (numbering || count))
				v->changed = 1;
			if (!v->changed)
				continue;
			if (is_proto)
				proto_changed = 1;
			else
				ns_changed = 1;
			if (!v->rebuilt && renumbered(v))
				ws2fix__repair_step(c, v->label, NULL, NULL, numbering ? WS2FIX_F_ENTRY_NUMBERING : -1, MSG_R_RENUMBER,
					ws2fix_view_name(v->view), v->label, ws2fix__repair_view_live(v));
			ws2fix__repair_view_emit(c, v, NULL, NULL);
			int had = is_proto ? cat->protocol[vi].info.has_declared_count : cat->namespaces[vi].info.has_declared_count;
			uint32_t old = is_proto ? cat->protocol[vi].info.declared_count : cat->namespaces[vi].info.declared_count;
			set_counter(c, is_proto ? pc.ptr : nc.ptr, counters[vi], had, old, (uint32_t)ws2fix__repair_view_live(v),
				count ? WS2FIX_F_ENTRY_COUNT_MISMATCH : -1);
			if (numbering)
				ws2fix__repair_cover(c, WS2FIX_F_ENTRY_NUMBERING, vi, NULL);
			if (count)
				ws2fix__repair_cover(c, WS2FIX_F_ENTRY_COUNT_MISMATCH, vi, NULL);
		}
	}
	/* Next_Catalog_Entry_ID above every id in use; Serial_Access_Num
	 * bumped so that running processes notice the new catalog. */
	uint32_t next = c->next_id;
	if (max_live_id(c) + 1 > next)
		next = max_live_id(c) + 1;
	int next_bad = has_finding(c, WS2FIX_F_NEXT_ID_INVALID, "protocol", -1);
	if (proto_changed || next_bad) {
		if (!cat->has_next_id || cat->next_id != next)
			set_counter(c, pc.ptr, "Next_Catalog_Entry_ID", cat->has_next_id, cat->next_id, next,
				next_bad ? WS2FIX_F_NEXT_ID_INVALID : -1);
		ws2fix__repair_cover(c, WS2FIX_F_NEXT_ID_INVALID, -1, NULL);
		set_counter(c, pc.ptr, "Serial_Access_Num", cat->has_serial, cat->serial, cat->serial + 1, -1);
		c->p->needs_restart = 1;
	}
	if (ns_changed) {
		set_counter(c, nc.ptr, "Serial_Access_Num", cat->has_ns_serial, cat->ns_serial, cat->ns_serial + 1, -1);
		c->p->needs_restart = 1;
	}
out:
	ws2fix__buf_free(&pc);
	ws2fix__buf_free(&nc);
}

/* Every error finding has a step or a note saying why it has none; the
 * error findings without a step are the plan's unfixed list, which the
 * front ends turn into exit code 1 (docs/EXIT-CODES.md). */
static void note_uncovered(rctx *c)
{
	for (size_t i = 0; c->d && i < c->d->count; i++) {
		const ws2fix_finding *f = &c->d->findings[i];
		if (c->covered[i])
			continue;
		ws2fix_msgid why;
		if (f->code == WS2FIX_F_VIEW_MISMATCH)
			why = MSG_R_WHY_VIEW_MISMATCH;
		else if (f->code == WS2FIX_F_SOURCE_DIRTY)
			why = MSG_R_WHY_DIRTY;
		else if (f->severity != WS2FIX_SEV_ERROR)
			continue;
		else if (!c->o->os || c->o->os->family == WS2FIX_OS_UNKNOWN)
			why = MSG_R_WHY_NO_OS;
		else if (!ws2fix__repair_arch_known(c) && (f->code == WS2FIX_F_CATALOG_MISSING || f->code == WS2FIX_F_CATALOG_EMPTY))
			why = MSG_R_WHY_NO_ARCH;
		else
			why = MSG_R_WHY_NO_DEFAULTS;
		ws2fix__repair_note_no_step(c, f->code, f->severity, f->message, why);
	}
}

/* ws2fix__repair_arch_known before the views are loaded. */
static int arch_known_for(const ws2fix_catalog *cat, const ws2fix_osinfo *os)
{
	rctx c;
	ws2fix_repair_options o = WS2FIX_REPAIR_OPTIONS_INIT;
	memset(&c, 0, sizeof(c));
	o.os = os;
	c.o = &o;
	c.cat = cat;
	return ws2fix__repair_arch_known(&c);
}

int ws2fix_repair_plan_build(ws2fix_repair_plan **out, ws2fix_registry *reg, const ws2fix_catalog *cat,
	const ws2fix_diagnosis *diag, const ws2fix_repair_options *opts)
{
	*out = NULL;
	ws2fix_repair_options defaults = WS2FIX_REPAIR_OPTIONS_INIT;
	if (!opts)
		opts = &defaults;
	if (opts->version != WS2FIX_REPAIR_OPTIONS_VERSION)
		return ws2fix__fail(WS2FIX_EINVALID, WS2FIX_ERRCLASS_INVALID, "repair options have an unknown version");
	if (!reg || !cat)
		return ws2fix__fail(WS2FIX_EINVALID, WS2FIX_ERRCLASS_INVALID,
			"repair needs a registry source (netsh text cannot be repaired)");
	rctx c;
	memset(&c, 0, sizeof(c));
	c.o = opts;
	c.reg = reg;
	c.cat = cat;
	c.d = diag;
	c.p = calloc(1, sizeof(*c.p));
	c.covered = calloc(diag && diag->count ? diag->count : 1, sizeof(int));
	if (!c.p || !c.covered) {
		free(c.p);
		free(c.covered);
		return ws2fix__oom();
	}
	c.next_id = max_read_id(cat) + 1;
	if (cat->has_next_id && cat->next_id > c.next_id)
		c.next_id = cat->next_id;

	int rc = 0;
	if (opts->mode == WS2FIX_REPAIR_RESET && opts->os && opts->os->family != WS2FIX_OS_UNKNOWN && !arch_known_for(cat, opts->os))
		rc = ws2fix__fail(WS2FIX_EINVALID, WS2FIX_ERRCLASS_INVALID,
			"a reset rebuilds the 32-bit catalog, or both catalogs on 64-bit Windows, and this source does "
			"not show which %s is: give the architecture with --os, for example --os %s-x64 or --os %s-x86",
			opts->os->name[0] ? opts->os->name : opts->os->id, opts->os->id, opts->os->id);
	for (int vi = 0; vi < 2 && rc >= 0; vi++) {
		rc = ws2fix__repair_view_load(&c, &c.proto[vi], 1, (enum ws2fix_view)vi);
		if (rc >= 0)
			rc = ws2fix__repair_view_load(&c, &c.ns[vi], 0, (enum ws2fix_view)vi);
	}
	if (rc >= 0) {
		ws2fix__repair_ensure_catalog_keys(&c);
		if (opts->mode == WS2FIX_REPAIR_RESET && opts->os && opts->os->family != WS2FIX_OS_UNKNOWN) {
			ws2fix__repair_reset_protocol(&c);
			if (opts->remove)
				rc = c.err; /* --remove is implied by a reset */
		} else {
			ws2fix__repair_surgical_protocol(&c);
			rc = c.err;
		}
	}
	if (rc >= 0) {
		ws2fix__repair_surgical_namespace(&c);
		ws2fix__repair_transports(&c);
		emit_catalogs(&c);
		note_uncovered(&c);
		ws2fix__repair_collect_removed_entries(&c);
		ws2fix__repair_note_reinstalls(&c);
	}
	for (int vi = 0; vi < 2; vi++) {
		ws2fix__repair_view_free(&c.proto[vi]);
		ws2fix__repair_view_free(&c.ns[vi]);
	}
	free(c.covered);
	if (rc >= 0 && c.oom)
		rc = ws2fix__oom();
	if (rc < 0) {
		ws2fix_repair_plan_free(c.p);
		return rc;
	}
	*out = c.p;
	return 0;
}

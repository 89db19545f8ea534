/* SPDX-License-Identifier: MIT */
/*
 * Reset mode, and rebuilding a catalog view that is missing or empty: the
 * default protocol providers of the detected Windows version, limited to
 * what this machine's transports provide (facts.md: "a faithful reset
 * rebuilds the set that this machine's transports provide"), numbered from
 * 1001 in both views as `netsh winsock reset` does (WSL#40110 shows ids
 * restarting at 1001 after a reset).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "repair_internal.h"
#include "../errors_internal.h"
#include "../../util/buf.h"
#include "../../util/utf.h"

/* The transports listed in Winsock\Parameters\Transports, "|"-joined, or
 * NULL when the source does not have that key (a WinSock2-only export). */
static char *read_transports(rctx *c)
{
	ws2fix_buf k = WS2FIX_BUF_INIT;
	ws2fix__buf_printf(&k, "%s\\Services\\Winsock\\Parameters", ws2fix_registry_controlset(c->reg));
	ws2fix_regvalue v;
	int rc = ws2fix_registry_get_value(&v, c->reg, ws2fix__buf_cstr(&k), "Transports");
	ws2fix__buf_free(&k);
	if (rc < 0 || v.type != WS2FIX_REG_MULTI_SZ) {
		if (rc == 0)
			ws2fix_regvalue_clear(&v);
		ws2fix_error_clear();
		return NULL;
	}
	ws2fix_strlist names;
	int drc = ws2fix_regvalue_multi_sz(&names, &v);
	ws2fix_regvalue_clear(&v);
	if (drc < 0)
		return NULL;
	ws2fix_buf all = WS2FIX_BUF_INIT;
	for (size_t i = 0; i < names.count; i++)
		ws2fix__buf_printf(&all, "%s%s", i ? "|" : "", names.items[i]);
	ws2fix_strlist_clear(&names);
	/* An empty list is a list: "" (NULL: the key is not there, or out of memory). */
	return ws2fix__buf_detach(&all);
}

static int transport_listed(const char *list, const char *wanted)
{
	/* wanted may itself be "A|B": any of them counts. */
	const char *w = wanted;
	while (*w) {
		size_t wl = strcspn(w, "|");
		const char *l = list;
		while (*l) {
			size_t ll = strcspn(l, "|");
			if (ll == wl && !ws2fix__strncasecmp(l, w, wl))
				return 1;
			l += ll;
			if (*l)
				l++;
		}
		w += wl;
		if (*w)
			w++;
	}
	return 0;
}

static int row_in_current(rctx *c, const ws2fix_baseline_protocol *row)
{
	for (int vi = 0; vi < 2; vi++)
		for (size_t i = 0; i < c->proto[vi].norig; i++)
			if (c->proto[vi].orig[i].has_item && ws2fix_baseline_protocol_matches(row, &c->proto[vi].orig[i].item))
				return 1;
	return 0;
}

static int row_wanted(rctx *c, const ws2fix_baseline_protocol *row, const char *transports, enum ws2fix_view view)
{
	const ws2fix_osinfo *os = c->o->os;
	if (!row->defaults || (row->flags & WS2FIX_BASELINE_PER_LANA))
		return 0;
	if ((row->flags & WS2FIX_BASELINE_X86_ONLY) && (view == WS2FIX_VIEW_64 || strcmp(os->arch, "x86") != 0))
		return 0;
	if (ws2fix_baseline_protocol_required(row, os))
		return 1;
	/* Respect the row's build range (ws2fix_baseline_protocol_required
	 * applies it to required rows only). */
	if ((row->min_build && os->build && os->build < row->min_build) ||
	    (row->max_build && os->build && os->build > row->max_build))
		return 0;
	/* A Microsoft provider the machine has now stays; one it lacks comes
	 * back when its transport is installed (Winsock\Parameters\
	 * Transports).  Without that key (a WinSock2-only export) only what
	 * the catalog has now is rebuilt. */
	if (row_in_current(c, row))
		return 1;
	if (transports && row->transport)
		return transport_listed(transports, row->transport);
	return transports ? row->default_install : 0;
}

/* Rebuild one protocol view.  Returns the number of entries. */
static size_t rebuild_view(rctx *c, rview *v, const char *transports, int cause)
{
	const ws2fix_osinfo *os = c->o->os;
	size_t n = 0;
	const ws2fix_baseline_protocol *rows = ws2fix_baseline_protocols(os->family, &n);
	size_t before = ws2fix__repair_view_live(v);
	/* Without one default row to write (a version we have no data for),
	 * rebuilding would only empty the view: leave it, the finding then
	 * gets a note saying why. */
	size_t wanted = 0;
	for (size_t r = 0; r < n; r++)
		wanted += row_wanted(c, &rows[r], transports, v->view) != 0;
	if (!wanted)
		return 0;
	/* Everything that is there goes: third-party providers are listed so
	 * the user knows what to reinstall. */
	for (size_t i = 0; i < v->n; i++) {
		rentry *e = &v->e[i];
		if (e->removed)
			continue;
		int keep_lana = 0;
		for (size_t r = 0; r < n && !keep_lana; r++)
			keep_lana = (rows[r].flags & WS2FIX_BASELINE_PER_LANA) && e->has_item &&
				!(e->item.problems) && ws2fix_baseline_protocol_matches(&rows[r], &e->item);
		if (keep_lana)
			continue; /* per-adapter NetBIOS entries cannot be rebuilt offline */
		e->removed = 1;
		if (e->has_item && !ws2fix_provider_is_microsoft(&e->item.provider_id, e->item.library_path))
			ws2fix__repair_removed_provider(c, ws2fix__repair_entry_name(e), e->item.library_path);
	}
	size_t added = 0, pos = 0;
	uint32_t id = 1001;
	for (size_t r = 0; r < n; r++) {
		if (!row_wanted(c, &rows[r], transports, v->view))
			continue;
		rentry *e = ws2fix__repair_view_insert(c, v, pos++);
		if (!e || !ws2fix__repair_fill_from_defaults(c, e, &rows[r], id++))
			return added;
		added++;
	}
	/* Kept NetBIOS entries follow, renumbered after the defaults. */
	for (size_t i = pos; i < v->n; i++) {
		rentry *e = &v->e[i];
		if (e->removed || !e->has_item)
			continue;
		e->item.catalog_id = id++;
		e->item_changed = 1;
	}
	if (id > c->next_id)
		c->next_id = id;
	v->changed = 1;
	v->rebuilt = 1;
	char was[32];
	snprintf(was, sizeof(was), "%zu", before);
	ws2fix__repair_step(c, v->label, was, NULL, cause, MSG_R_REBUILD_VIEW, ws2fix_view_name(v->view), ws2fix__repair_view_live(v),
		os->name[0] ? os->name : os->id);
	return added;
}

/* The catalog itself shows a 64-bit machine. */
static int shows_64(const rctx *c)
{
	return c->proto[WS2FIX_VIEW_64].present || c->cat->protocol[WS2FIX_VIEW_64].info.has_declared_count ||
		c->cat->namespaces[WS2FIX_VIEW_64].info.present || c->cat->namespaces[WS2FIX_VIEW_64].info.has_declared_count;
}

static int expects_64(rctx *c)
{
	const ws2fix_osinfo *os = c->o->os;
	return shows_64(c) || (os && (!strcmp(os->arch, "x64") || !strcmp(os->arch, "arm64")));
}

int ws2fix__repair_arch_known(const rctx *c)
{
	const ws2fix_osinfo *os = c->o->os;
	/* 2000 and XP were 32-bit only (XP x64 Edition is the 2003 family). */
	return shows_64(c) || (os && (os->arch[0] || os->family == WS2FIX_OS_2000 || os->family == WS2FIX_OS_XP));
}

void ws2fix__repair_reset_protocol(rctx *c)
{
	char *transports = read_transports(c);
	int unbuilt = 0;
	for (int vi = 0; vi < 2; vi++) {
		rview *v = &c->proto[vi];
		/* A view rebuilt because it was missing is not rebuilt twice. */
		if (v->rebuilt || (vi == WS2FIX_VIEW_64 && !expects_64(c)))
			continue;
		rebuild_view(c, v, transports, -1);
		unbuilt |= !v->rebuilt;
	}
	free(transports);
	if (unbuilt) {
		/* No defaults for this version: nothing was rebuilt, so nothing
		 * is fixed; every error stays listed as not fixed. */
		const ws2fix_osinfo *os = c->o->os;
		ws2fix_buf n = WS2FIX_BUF_INIT;
		ws2fix__buf_printf(&n, ws2fix__repair_msg(c, MSG_R_RESET_NO_DEFAULTS), os->name[0] ? os->name : os->id);
		if (ws2fix__buf_oom(&n))
			c->oom = 1;
		else
			ws2fix__repair_note(c, ws2fix__buf_cstr(&n));
		ws2fix__buf_free(&n);
		return;
	}
	/* Every protocol finding is dealt with by the rebuild. */
	static const ws2fix_finding_code codes[] = {
		WS2FIX_F_CATALOG_MISSING, WS2FIX_F_CATALOG_EMPTY, WS2FIX_F_ENTRY_COUNT_MISMATCH, WS2FIX_F_ENTRY_NUMBERING,
		WS2FIX_F_NEXT_ID_INVALID, WS2FIX_F_ENTRY_MALFORMED, WS2FIX_F_DUPLICATE_CATALOG_ID,
		WS2FIX_F_PROVIDER_DLL_MISSING, WS2FIX_F_BASE_PROVIDER_MISSING, WS2FIX_F_CHAIN_BROKEN,
		WS2FIX_F_LAYER_ORPHANED, WS2FIX_F_KNOWN_MALICIOUS_PROVIDER, WS2FIX_F_VIEW_MISMATCH};
	for (size_t i = 0; i < sizeof(codes) / sizeof(codes[0]); i++)
		if (c->d)
			for (size_t k = 0; k < c->d->count; k++)
				if (c->d->findings[k].code == codes[i] && !strcmp(c->d->findings[k].catalog, "protocol"))
					c->covered[k] = 1;
}

/* Missing or empty catalog keys: re-create them from the defaults. */
int ws2fix__repair_ensure_catalog_keys(rctx *c)
{
	const ws2fix_catalog *cat = c->cat;
	const ws2fix_osinfo *os = c->o->os;
	/* Rebuilding needs the version, and which catalogs it has: a 32-bit
	 * catalog alone on a 64-bit machine would still be broken. */
	int known = os && os->family != WS2FIX_OS_UNKNOWN && ws2fix__repair_arch_known(c);
	if (!cat->parameters_present) {
		if (!known)
			return 0;
		ws2fix__repair_op_create_key(c, cat->parameters_path);
		static const struct {
			const char *name, *value;
		} params[] = {{"WinSock_Registry_Version", "2.0"},
			{"Current_Protocol_Catalog", "Protocol_Catalog9"},
			{"Current_NameSpace_Catalog", "NameSpace_Catalog5"}};
		for (size_t i = 0; i < 3; i++)
			ws2fix__repair_op_set_string(c, cat->parameters_path, params[i].name, WS2FIX_REG_SZ, params[i].value);
		ws2fix__repair_step(c, cat->parameters_path, NULL, NULL, WS2FIX_F_CATALOG_MISSING, MSG_R_CREATE_PARAMETERS,
			cat->parameters_path);
	}
	if (!known)
		return 0;
	char *transports = read_transports(c);
	for (int vi = 0; vi < 2; vi++) {
		rview *v = &c->proto[vi];
		int missing = !v->present && (vi == WS2FIX_VIEW_32 || expects_64(c));
		if (missing || (v->present && v->norig == 0)) {
			if (rebuild_view(c, v, transports, missing ? WS2FIX_F_CATALOG_MISSING : WS2FIX_F_CATALOG_EMPTY))
				ws2fix__repair_cover(c, missing ? WS2FIX_F_CATALOG_MISSING : WS2FIX_F_CATALOG_EMPTY, vi, NULL);
		}
	}
	free(transports);
	/* Name space views: every default provider of the version. */
	size_t n = 0;
	const ws2fix_baseline_namespace *rows = ws2fix_baseline_namespaces(os->family, &n);
	for (int vi = 0; vi < 2; vi++) {
		rview *v = &c->ns[vi];
		int missing = !v->present && (vi == WS2FIX_VIEW_32 || c->proto[WS2FIX_VIEW_64].present ||
			c->proto[WS2FIX_VIEW_64].changed);
		if (!missing && !(v->present && v->norig == 0))
			continue;
		size_t added = 0;
		for (size_t r = 0; r < n; r++) {
			if (!rows[r].library_path || !(rows[r].required || rows[r].default_install))
				continue;
			rentry *e = ws2fix__repair_view_insert(c, v, v->n);
			if (!e)
				return 0;
			ws2fix__repair_fill_namespace_defaults(c, e, &rows[r]);
			added++;
		}
		ws2fix__repair_step(c, v->label, NULL, NULL, missing ? WS2FIX_F_CATALOG_MISSING : WS2FIX_F_CATALOG_EMPTY,
			MSG_R_REBUILD_NS_VIEW, ws2fix_view_name(v->view), added, os->name[0] ? os->name : os->id);
		ws2fix__repair_cover(c, missing ? WS2FIX_F_CATALOG_MISSING : WS2FIX_F_CATALOG_EMPTY, vi, NULL);
	}
	return 1;
}

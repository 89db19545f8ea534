/* SPDX-License-Identifier: MIT */
/*
 * Reading the Winsock2 catalog from a registry source into ws2fix_catalog.
 * Absent keys and odd values are recorded, not treated as errors: telling
 * the user what is wrong with them is the diagnosis's job.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "errors_internal.h"
#include "ws2fix/catalog.h"
#include "../util/buf.h"
#include "../util/utf.h"

/* A real catalog has a few dozen entries (24 on the largest sample); the cap
 * keeps a hostile source from making us allocate without bound. */
#define MAX_ENTRIES_PER_VIEW 4096

const char *ws2fix_view_name(enum ws2fix_view v)
{
	return v == WS2FIX_VIEW_64 ? "64" : "32";
}

static char *join(const char *a, const char *b)
{
	ws2fix_buf buf = WS2FIX_BUF_INIT;
	ws2fix__buf_printf(&buf, "%s\\%s", a, b);
	char *s = ws2fix__buf_detach(&buf);
	if (!s)
		ws2fix__oom();
	return s;
}

/* Read a DWORD value: 1 when present and well-formed, 0 when absent or
 * malformed, <0 on a read error. */
static int read_dword(ws2fix_registry *reg, const char *path, const char *name, uint32_t *out)
{
	ws2fix_regvalue v;
	int rc = ws2fix_registry_get_value(&v, reg, path, name);
	if (rc == WS2FIX_ENOTFOUND)
		return 0;
	if (rc < 0)
		return rc;
	rc = ws2fix_regvalue_dword(out, &v) == 0 ? 1 : 0;
	ws2fix_regvalue_clear(&v);
	return rc;
}

/* Read a string value (REG_SZ/EXPAND_SZ).  *present says whether the value
 * exists at all; *out is NULL when it is not a string. */
static int read_string(ws2fix_registry *reg, const char *path, const char *name, char **out,
	int *present, uint32_t *type)
{
	ws2fix_regvalue v;
	*out = NULL;
	if (present)
		*present = 0;
	int rc = ws2fix_registry_get_value(&v, reg, path, name);
	if (rc == WS2FIX_ENOTFOUND)
		return 0;
	if (rc < 0)
		return rc;
	if (present)
		*present = 1;
	if (type)
		*type = v.type;
	if (v.type == WS2FIX_REG_SZ || v.type == WS2FIX_REG_EXPAND_SZ) {
		rc = ws2fix_regvalue_string(out, &v);
		if (rc < 0) {
			ws2fix_regvalue_clear(&v);
			return rc;
		}
	}
	ws2fix_regvalue_clear(&v);
	return 0;
}

static int read_protocol_entry(ws2fix_protocol_entry *e, ws2fix_registry *reg, const char *path)
{
	ws2fix_regvalue v;
	int rc = ws2fix_registry_get_value(&v, reg, path, "PackedCatalogItem");
	if (rc == 0) {
		e->has_item = 1;
		e->item_type = v.type;
		ws2fix_packed_item_decode(&e->item, v.data, v.len);
		ws2fix_regvalue_clear(&v);
	} else if (rc != WS2FIX_ENOTFOUND) {
		return rc;
	}
	return read_string(reg, path, "ProtocolName", &e->protocol_name_value, NULL, NULL);
}

static int read_namespace_entry(ws2fix_namespace_entry *e, ws2fix_registry *reg, const char *path)
{
	int present = 0, rc;
	rc = read_string(reg, path, "LibraryPath", &e->library_path, &present, &e->library_path_type);
	if (rc < 0)
		return rc;
	rc = read_string(reg, path, "DisplayString", &e->display_string, NULL, NULL);
	if (rc < 0)
		return rc;
	ws2fix_regvalue v;
	rc = ws2fix_registry_get_value(&v, reg, path, "ProviderId");
	if (rc == 0) {
		e->provider_id_present = 1;
		if (v.type == WS2FIX_REG_BINARY && v.len == 16) {
			e->has_provider_id = 1;
			ws2fix_guid_from_bytes(&e->provider_id, v.data);
		}
		ws2fix_regvalue_clear(&v);
	} else if (rc != WS2FIX_ENOTFOUND) {
		return rc;
	}
	rc = ws2fix_registry_get_value(&v, reg, path, "SupportedNameSpace");
	if (rc == 0) {
		e->namespace_present = 1;
		e->has_namespace = ws2fix_regvalue_dword(&e->namespace_id, &v) == 0;
		ws2fix_regvalue_clear(&v);
	} else if (rc != WS2FIX_ENOTFOUND) {
		return rc;
	}
	if ((rc = read_dword(reg, path, "Enabled", &e->enabled)) < 0)
		return rc;
	e->has_enabled = rc;
	if ((rc = read_dword(reg, path, "Version", &e->version)) < 0)
		return rc;
	e->has_version = rc;
	if ((rc = read_dword(reg, path, "StoresServiceClassInfo", &e->stores_class_info)) < 0)
		return rc;
	e->has_stores_class_info = rc;
	ws2fix_error_clear();
	return 0;
}

/* Enumerate one Catalog_Entries[64] key.  `is_protocol` picks the entry type. */
static int read_view_entries(ws2fix_registry *reg, const char *view_path, int is_protocol,
	void **entries_out, size_t *count_out)
{
	ws2fix_strlist keys;
	int rc = ws2fix_registry_subkeys(&keys, reg, view_path);
	if (rc < 0)
		return rc;
	if (keys.count > MAX_ENTRIES_PER_VIEW) {
		ws2fix_strlist_clear(&keys);
		return ws2fix__fail(WS2FIX_ECORRUPT, WS2FIX_ERRCLASS_CATALOG,
			"%s has more than %d entries", view_path, MAX_ENTRIES_PER_VIEW);
	}
	size_t esize = is_protocol ? sizeof(ws2fix_protocol_entry) : sizeof(ws2fix_namespace_entry);
	void *arr = keys.count ? calloc(keys.count, esize) : NULL;
	if (keys.count && !arr) {
		ws2fix_strlist_clear(&keys);
		return ws2fix__oom();
	}
	size_t n = 0;
	for (; n < keys.count; n++) {
		char *p = join(view_path, keys.items[n]);
		if (!p) {
			rc = WS2FIX_ENOMEM;
			break;
		}
		if (is_protocol) {
			ws2fix_protocol_entry *e = (ws2fix_protocol_entry *)arr + n;
			e->key = keys.items[n];
			keys.items[n] = NULL;
			rc = read_protocol_entry(e, reg, p);
		} else {
			ws2fix_namespace_entry *e = (ws2fix_namespace_entry *)arr + n;
			e->key = keys.items[n];
			keys.items[n] = NULL;
			rc = read_namespace_entry(e, reg, p);
		}
		free(p);
		if (rc < 0) {
			n++;
			break;
		}
	}
	ws2fix_strlist_clear(&keys);
	*entries_out = arr;
	*count_out = n;
	return rc < 0 ? rc : 0;
}

/* One view of either catalog: <catalog>\Catalog_Entries[64], its declared
 * count and its entries. */
static int read_view(ws2fix_view_info *info, void **entries, ws2fix_registry *reg, const char *cat_path,
	const char *cat_name, int v, int is_protocol)
{
	static const char *const view_keys[2] = {"Catalog_Entries", "Catalog_Entries64"};
	static const char *const count_names[2] = {"Num_Catalog_Entries", "Num_Catalog_Entries64"};
	ws2fix_buf rel = WS2FIX_BUF_INIT;
	ws2fix__buf_printf(&rel, "%s\\%s", cat_name, view_keys[v]);
	info->key = ws2fix__buf_detach(&rel);
	if (!info->key)
		return ws2fix__oom();
	int rc = read_dword(reg, cat_path, count_names[v], &info->declared_count);
	if (rc < 0)
		return rc;
	info->has_declared_count = rc;
	char *vp = join(cat_path, view_keys[v]);
	if (!vp)
		return WS2FIX_ENOMEM;
	rc = ws2fix_registry_key_exists(reg, vp);
	if (rc == 1) {
		info->present = 1;
		rc = read_view_entries(reg, vp, is_protocol, entries, &info->count);
	}
	free(vp);
	return rc < 0 ? rc : 0;
}

static int read_protocol_catalog(ws2fix_catalog *cat, ws2fix_registry *reg, const char *pc_path)
{
	int rc;
	if ((rc = read_dword(reg, pc_path, "Next_Catalog_Entry_ID", &cat->next_id)) < 0)
		return rc;
	cat->has_next_id = rc;
	if ((rc = read_dword(reg, pc_path, "Serial_Access_Num", &cat->serial)) < 0)
		return rc;
	cat->has_serial = rc;
	for (int v = 0; v < 2; v++) {
		void *arr = NULL;
		rc = read_view(&cat->protocol[v].info, &arr, reg, pc_path, cat->protocol_catalog_name, v, 1);
		cat->protocol[v].entries = arr;
		if (rc < 0)
			return rc;
	}
	return 0;
}

static int read_namespace_catalog(ws2fix_catalog *cat, ws2fix_registry *reg, const char *nc_path)
{
	int rc;
	if ((rc = read_dword(reg, nc_path, "Serial_Access_Num", &cat->ns_serial)) < 0)
		return rc;
	cat->has_ns_serial = rc;
	for (int v = 0; v < 2; v++) {
		void *arr = NULL;
		rc = read_view(&cat->namespaces[v].info, &arr, reg, nc_path, cat->namespace_catalog_name, v, 0);
		cat->namespaces[v].entries = arr;
		if (rc < 0)
			return rc;
	}
	return 0;
}

/* ws2_32 opens its compiled-in catalog names (Protocol_Catalog9,
 * NameSpace_Catalog5) whatever Current_*_Catalog says: Microsoft's Winsock 2
 * reference source validates the value against the built-in name and
 * rewrites it.  Following the value would send the diagnosis (and repair)
 * to a key Windows never reads. */
static int catalog_name(const char *fixed, char **out)
{
	*out = ws2fix__strdup(fixed);
	return *out ? 0 : WS2FIX_ENOMEM;
}

int ws2fix_catalog_read(ws2fix_catalog **out, ws2fix_registry *reg)
{
	*out = NULL;
	ws2fix_catalog *cat = calloc(1, sizeof(*cat));
	if (!cat)
		return ws2fix__oom();
	int rc = 0;
	ws2fix_buf b = WS2FIX_BUF_INIT;
	ws2fix__buf_printf(&b, "%s\\Services\\WinSock2", ws2fix_registry_controlset(reg));
	char *ws2 = ws2fix__buf_detach(&b);
	cat->parameters_path = ws2 ? join(ws2, "Parameters") : NULL;
	if (!cat->parameters_path) {
		rc = WS2FIX_ENOMEM;
		goto done;
	}
	if ((rc = ws2fix_registry_key_exists(reg, ws2)) < 0)
		goto done;
	cat->winsock2_present = rc;
	if ((rc = ws2fix_registry_key_exists(reg, cat->parameters_path)) < 0)
		goto done;
	cat->parameters_present = rc;

	if ((rc = catalog_name("Protocol_Catalog9", &cat->protocol_catalog_name)) < 0 ||
	    (rc = catalog_name("NameSpace_Catalog5", &cat->namespace_catalog_name)) < 0)
		goto done;

	char *pc = join(cat->parameters_path, cat->protocol_catalog_name);
	char *nc = join(cat->parameters_path, cat->namespace_catalog_name);
	if (!pc || !nc) {
		free(pc);
		free(nc);
		rc = WS2FIX_ENOMEM;
		goto done;
	}
	rc = ws2fix_registry_key_exists(reg, pc);
	if (rc >= 0) {
		cat->protocol_catalog_present = rc;
		rc = read_protocol_catalog(cat, reg, pc);
	}
	if (rc >= 0) {
		rc = ws2fix_registry_key_exists(reg, nc);
		if (rc >= 0) {
			cat->namespace_catalog_present = rc;
			rc = read_namespace_catalog(cat, reg, nc);
		}
	}
	free(pc);
	free(nc);
done:
	free(ws2);
	if (rc < 0) {
		ws2fix_catalog_free(cat);
		return rc;
	}
	ws2fix_error_clear();
	*out = cat;
	return 0;
}

void ws2fix_catalog_free(ws2fix_catalog *cat)
{
	if (!cat)
		return;
	for (int v = 0; v < 2; v++) {
		ws2fix_protocol_view *pv = &cat->protocol[v];
		for (size_t i = 0; i < pv->info.count; i++) {
			free(pv->entries[i].key);
			free(pv->entries[i].protocol_name_value);
		}
		free(pv->entries);
		free(pv->info.key);
		ws2fix_namespace_view *nv = &cat->namespaces[v];
		for (size_t i = 0; i < nv->info.count; i++) {
			free(nv->entries[i].key);
			free(nv->entries[i].library_path);
			free(nv->entries[i].display_string);
		}
		free(nv->entries);
		free(nv->info.key);
	}
	free(cat->parameters_path);
	free(cat->protocol_catalog_name);
	free(cat->namespace_catalog_name);
	free(cat);
}

const ws2fix_protocol_entry *ws2fix_catalog_find_id(const ws2fix_protocol_view *view, uint32_t id)
{
	for (size_t i = 0; i < view->info.count; i++)
		if (view->entries[i].has_item && view->entries[i].item.catalog_id == id)
			return &view->entries[i];
	return NULL;
}

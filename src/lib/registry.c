/* SPDX-License-Identifier: MIT */
/*
 * The registry front end: checks, shared helpers and the control-set choice
 * on top of a backend vtable (include/ws2fix/sys/backend.h).  The sources
 * that make a registry open it (src/lib/sources/registry_open.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "errors_internal.h"
#include "ws2fix/sys/backend.h"
#include "../util/utf.h"

struct ws2fix_registry {
	ws2fix_backend *be;
	char *path;
	char controlset[32];
	int controlset_number;
	int requested;          /* the control set the caller asked for (0: the source's own) */
	const char *export_root; /* .reg: borrowed from the backend, else NULL */
	char export_cs[32];
};

void ws2fix_regvalue_clear(ws2fix_regvalue *v)
{
	if (!v)
		return;
	free(v->data);
	v->data = NULL;
	v->len = 0;
	v->type = 0;
}

int ws2fix_regvalue_string(char **out, const ws2fix_regvalue *v)
{
	if (v->type != WS2FIX_REG_SZ && v->type != WS2FIX_REG_EXPAND_SZ && v->type != WS2FIX_REG_LINK)
		return ws2fix__fail(WS2FIX_ECORRUPT, WS2FIX_ERRCLASS_INVALID,
			"value is of type %u, not a string", (unsigned)v->type);
	return ws2fix__utf16le_to_utf8(out, NULL, v->data, v->len, 1, NULL);
}

int ws2fix_regvalue_multi_sz(ws2fix_strlist *out, const ws2fix_regvalue *v)
{
	out->items = NULL;
	out->count = 0;
	if (v->type != WS2FIX_REG_MULTI_SZ)
		return ws2fix__fail(WS2FIX_ECORRUPT, WS2FIX_ERRCLASS_INVALID,
			"value is of type %u, not a list of strings", (unsigned)v->type);
	char *all = NULL;
	size_t len = 0;
	int rc = ws2fix__utf16le_to_utf8(&all, &len, v->data, v->len, 0, NULL);
	if (rc < 0)
		return rc;
	size_t n = 0;
	for (size_t i = 0; i < len; i += strlen(all + i) + 1)
		n += all[i] != '\0';
	out->items = n ? calloc(n, sizeof(*out->items)) : NULL;
	if (n && !out->items)
		rc = ws2fix__oom();
	for (size_t i = 0; rc == 0 && i < len; i += strlen(all + i) + 1) {
		if (!all[i])
			continue;
		if (!(out->items[out->count] = ws2fix__strdup(all + i)))
			rc = ws2fix__oom();
		else
			out->count++;
	}
	free(all);
	if (rc < 0)
		ws2fix_strlist_clear(out);
	return rc;
}

int ws2fix_regvalue_dword(uint32_t *out, const ws2fix_regvalue *v)
{
	if (v->type != WS2FIX_REG_DWORD || v->len != 4)
		return ws2fix__fail(WS2FIX_ECORRUPT, WS2FIX_ERRCLASS_INVALID,
			"value is of type %u and %zu bytes, not a DWORD", (unsigned)v->type, v->len);
	*out = (uint32_t)v->data[0] | ((uint32_t)v->data[1] << 8) | ((uint32_t)v->data[2] << 16) |
		((uint32_t)v->data[3] << 24);
	return 0;
}

void ws2fix_strlist_clear(ws2fix_strlist *list)
{
	if (!list)
		return;
	for (size_t i = 0; i < list->count; i++)
		free(list->items[i]);
	free(list->items);
	list->items = NULL;
	list->count = 0;
}

/* Select\Current names the control set Windows booted with; a hive taken
 * from a machine that never booted twice may still have several. */
static int pick_controlset(ws2fix_registry *reg, const ws2fix_open_options *opts)
{
	int n = opts ? opts->controlset : 0;
	if (n < 0 || n > 999)
		return ws2fix__fail(WS2FIX_EINVALID, WS2FIX_ERRCLASS_INVALID,
			"control set %d is out of range (1-999)", n);
	reg->requested = n;
	if (n == 0 && reg->be->default_controlset &&
	    reg->be->default_controlset(reg->be, reg->controlset, sizeof(reg->controlset)) == 0) {
		if (ws2fix__strncasecmp(reg->controlset, "ControlSet", 10) == 0)
			reg->controlset_number = atoi(reg->controlset + 10);
		else if (ws2fix__strncasecmp(reg->export_cs, "ControlSet", 10) == 0)
			reg->controlset_number = atoi(reg->export_cs + 10); /* what the export holds */
		return 0;
	}
	if (n == 0) {
		ws2fix_regvalue v = {0};
		uint32_t cur = 0;
		int rc = reg->be->get_value(&v, reg->be, "Select", "Current");
		if (rc == 0)
			rc = ws2fix_regvalue_dword(&cur, &v);
		ws2fix_regvalue_clear(&v);
		if (rc < 0 || cur == 0 || cur > 999) {
			/* No usable Select\Current: live registries and exports of
			 * CurrentControlSet have no Select key at all. */
			if (reg->be->key_exists(reg->be, "CurrentControlSet") == 1 || (reg->be->caps & WS2FIX_CAP_LIVE)) {
				snprintf(reg->controlset, sizeof(reg->controlset), "CurrentControlSet");
				return 0;
			}
			if (reg->be->key_exists(reg->be, "ControlSet001") == 1) {
				n = 1;
			} else {
				return ws2fix__fail(WS2FIX_ENOTFOUND, WS2FIX_ERRCLASS_HIVE,
					"no Select\\Current value and no ControlSet001: is this a SYSTEM hive?");
			}
		} else {
			n = (int)cur;
		}
	}
	snprintf(reg->controlset, sizeof(reg->controlset), "ControlSet%03d", n);
	reg->controlset_number = n;
	if (reg->be->key_exists(reg->be, reg->controlset) != 1 && !(reg->be->caps & WS2FIX_CAP_LIVE))
		return ws2fix__fail(WS2FIX_ENOTFOUND, WS2FIX_ERRCLASS_HIVE, "%s does not exist in %s",
			reg->controlset, reg->path);
	if ((reg->be->caps & WS2FIX_CAP_LIVE) && reg->be->key_exists(reg->be, reg->controlset) != 1)
		return ws2fix__fail(WS2FIX_ENOTFOUND, WS2FIX_ERRCLASS_WIN32,
			"%s does not exist in this registry", reg->controlset);
	return 0;
}

int ws2fix_registry_from_backend(ws2fix_registry **out, ws2fix_backend *be, const char *path,
	const ws2fix_open_options *opts)
{
	*out = NULL;
	if (!be || be->version != WS2FIX_BACKEND_VERSION) {
		if (be && be->free)
			be->free(be);
		return ws2fix__fail(WS2FIX_EINVALID, WS2FIX_ERRCLASS_INVALID,
			"registry backend has an unknown version");
	}
	if (opts && opts->version != WS2FIX_OPEN_OPTIONS_VERSION) {
		be->free(be);
		return ws2fix__fail(WS2FIX_EINVALID, WS2FIX_ERRCLASS_INVALID,
			"open options have an unknown version");
	}
	ws2fix_registry *reg = calloc(1, sizeof(*reg));
	if (!reg) {
		be->free(be);
		return ws2fix__oom();
	}
	reg->be = be;
	reg->path = ws2fix__strdup(path ? path : "");
	if (!reg->path) {
		ws2fix_registry_free(reg);
		return WS2FIX_ENOMEM;
	}
	if (be->export_origin) {
		const char *root = NULL, *cs = NULL;
		if (be->export_origin(be, &root, &cs) == 0 && root && cs) {
			reg->export_root = root;
			snprintf(reg->export_cs, sizeof(reg->export_cs), "%s", cs);
		}
	}
	int rc = pick_controlset(reg, opts);
	/* A control set asked for by number is what is read, from the export too. */
	if (rc == 0 && reg->export_root && reg->requested)
		snprintf(reg->export_cs, sizeof(reg->export_cs), "%s", reg->controlset);
	if (rc < 0) {
		ws2fix_registry_free(reg);
		return rc;
	}
	*out = reg;
	return 0;
}

void ws2fix_registry_free(ws2fix_registry *reg)
{
	if (!reg)
		return;
	if (reg->be && reg->be->free)
		reg->be->free(reg->be);
	free(reg->path);
	free(reg);
}

const char *ws2fix_registry_kind(const ws2fix_registry *reg) { return reg->be->name; }
const char *ws2fix_registry_path(const ws2fix_registry *reg) { return reg->path; }
const char *ws2fix_registry_controlset(const ws2fix_registry *reg) { return reg->controlset; }
int ws2fix_registry_controlset_number(const ws2fix_registry *reg) { return reg->controlset_number; }
const char *ws2fix_registry_export_root(const ws2fix_registry *reg) { return reg->export_root; }
const char *ws2fix_registry_export_controlset(const ws2fix_registry *reg)
{
	return reg->export_root ? reg->export_cs : NULL;
}

const char *ws2fix_registry_source_controlset(const ws2fix_registry *reg)
{
	return reg->export_root && reg->export_cs[0] ? reg->export_cs : reg->controlset;
}

int ws2fix_registry_key_exists(ws2fix_registry *reg, const char *path)
{
	return reg->be->key_exists(reg->be, path);
}

int ws2fix_registry_subkeys(ws2fix_strlist *out, ws2fix_registry *reg, const char *path)
{
	out->items = NULL;
	out->count = 0;
	return reg->be->subkeys(out, reg->be, path);
}

int ws2fix_registry_values(ws2fix_strlist *out, ws2fix_registry *reg, const char *path)
{
	out->items = NULL;
	out->count = 0;
	return reg->be->values(out, reg->be, path);
}

int ws2fix_registry_get_value(ws2fix_regvalue *out, ws2fix_registry *reg, const char *path,
	const char *name)
{
	out->type = 0;
	out->data = NULL;
	out->len = 0;
	return reg->be->get_value(out, reg->be, path, name);
}

static int check_writable(ws2fix_registry *reg, int has_slot)
{
	if (reg->be->readonly || !has_slot)
		return ws2fix__fail(WS2FIX_EREADONLY, WS2FIX_ERRCLASS_INVALID,
			"%s source %s is open read-only", reg->be->name, reg->path);
	return 0;
}

int ws2fix_registry_set_value(ws2fix_registry *reg, const char *path, const char *name,
	uint32_t type, const void *data, size_t len)
{
	int rc = check_writable(reg, reg->be->set_value != NULL);
	return rc < 0 ? rc : reg->be->set_value(reg->be, path, name, type, data, len);
}

int ws2fix_registry_delete_value(ws2fix_registry *reg, const char *path, const char *name)
{
	int rc = check_writable(reg, reg->be->delete_value != NULL);
	return rc < 0 ? rc : reg->be->delete_value(reg->be, path, name);
}

int ws2fix_registry_create_key(ws2fix_registry *reg, const char *path)
{
	int rc = check_writable(reg, reg->be->create_key != NULL);
	return rc < 0 ? rc : reg->be->create_key(reg->be, path);
}

int ws2fix_registry_delete_tree(ws2fix_registry *reg, const char *path)
{
	int rc = check_writable(reg, reg->be->delete_tree != NULL);
	return rc < 0 ? rc : reg->be->delete_tree(reg->be, path);
}

int ws2fix_registry_commit(ws2fix_registry *reg, const char *backup_path)
{
	int rc = check_writable(reg, reg->be->set_value != NULL);
	if (rc < 0)
		return rc;
	return reg->be->commit ? reg->be->commit(reg->be, backup_path) : 0;
}

int ws2fix_registry_has(const ws2fix_registry *reg, unsigned int caps)
{
	return reg && (reg->be->caps & caps) == caps;
}

int ws2fix_registry_reopen(ws2fix_registry **out, const ws2fix_registry *reg)
{
	*out = NULL;
	if (!reg->be->reopen)
		return ws2fix__fail(WS2FIX_EINVALID, WS2FIX_ERRCLASS_INVALID, "this source cannot be opened again");
	ws2fix_backend *be = NULL;
	int rc = reg->be->reopen(&be, reg->be);
	if (rc < 0)
		return rc;
	ws2fix_open_options o = WS2FIX_OPEN_OPTIONS_INIT;
	o.controlset = reg->requested;
	return ws2fix_registry_from_backend(out, be, reg->path, &o);
}

int ws2fix_registry_is_dirty(const ws2fix_registry *reg)
{
	return reg->be->is_dirty ? reg->be->is_dirty(reg->be) : 0;
}

const ws2fix_hive_recovery *ws2fix_registry_hive_recovery(const ws2fix_registry *reg)
{
	return reg->be->recovery ? reg->be->recovery(reg->be) : NULL;
}

/* SPDX-License-Identifier: MIT */
/*
 * The "catalogs" member of show and diagnose: every protocol and name
 * space entry with what it is, who made it and what is wrong with its
 * packed item (docs/cli/show.md).
 */
#include "report_internal.h"

#include <string.h>

#include "ws2fix/providers.h"

size_t ws2fix_item_problem_names(const char **out, size_t max, unsigned int problems)
{
	static const struct {
		unsigned int bit;
		const char *name;
	} names[] = {
		{WS2FIX_ITEM_BAD_SIZE, "size"},
		{WS2FIX_ITEM_PATH_NO_NUL, "path-no-nul"},
		{WS2FIX_ITEM_NAME_NO_NUL, "name-no-nul"},
		{WS2FIX_ITEM_CHAIN_TOO_LONG, "chain-too-long"},
		{WS2FIX_ITEM_CHAIN_NEGATIVE, "chain-negative"},
		{WS2FIX_ITEM_PATH_EMPTY, "path-empty"},
		{WS2FIX_ITEM_BAD_NAME_UTF16, "name-bad-utf16"},
	};
	size_t n = 0;
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		if (problems & names[i].bit) {
			if (n < max)
				out[n] = names[i].name;
			n++;
		}
	}
	return n;
}

static void json_installed_by(ws2fix_json *j, const ws2fix_protocol_entry *e, enum ws2fix_view view,
	const ws2fix_lsp_events *ev)
{
	ws2fix_event_match m;
	if (!ev || ws2fix_events_match(&m, ev, e, view) != 1)
		return;
	if (m.installed_by)
		ws2fix__json_kv_string(j, "installed_by", m.installed_by);
	if (m.installed_on)
		ws2fix__json_kv_string(j, "installed_on", m.installed_on);
}

static void json_problems(ws2fix_json *j, unsigned int problems)
{
	const char *names[16];
	size_t n = ws2fix_item_problem_names(names, 16, problems);
	ws2fix__json_key(j, "problems");
	ws2fix__json_array_begin(j);
	for (size_t i = 0; i < n && i < 16; i++)
		ws2fix__json_string(j, names[i]);
	ws2fix__json_array_end(j);
}

/* "vendor" and "label" (docs/schema/): Microsoft providers are known-good;
 * others are looked up in the list of known providers by DLL name. */
static void json_vendor_label(ws2fix_json *j, const ws2fix_guid *id, const char *path)
{
	if (ws2fix_provider_is_microsoft(id, path)) {
		ws2fix__json_kv_string(j, "vendor", "microsoft");
		ws2fix__json_kv_string(j, "label", "known-good");
		return;
	}
	const ws2fix_known_provider *kp = ws2fix_known_provider_match(path, id);
	ws2fix__json_kv_string(j, "vendor", "third-party");
	const char *label = "unknown";
	if (kp && kp->label == WS2FIX_LABEL_KNOWN_GOOD)
		label = "known-good";
	else if (kp && kp->label == WS2FIX_LABEL_KNOWN_BAD)
		label = "known-bad";
	else if (kp && kp->label == WS2FIX_LABEL_PUP)
		label = "potentially-unwanted";
	ws2fix__json_kv_string(j, "label", label);
	if (kp && kp->vendor)
		ws2fix__json_kv_string(j, "vendor_name", kp->vendor);
	if (kp && kp->product)
		ws2fix__json_kv_string(j, "product", kp->product);
}

static void json_protocol_entry(ws2fix_json *j, const ws2fix_protocol_entry *e, size_t ordinal,
	enum ws2fix_view view, const ws2fix_lsp_events *ev)
{
	const ws2fix_protocol_item *it = &e->item;
	char guid[39];
	ws2fix__json_object_begin(j);
	ws2fix__json_kv_uint(j, "ordinal", ordinal);
	ws2fix__json_kv_string(j, "key", e->key);
	if (!e->has_item) {
		ws2fix__json_kv_bool(j, "has_item", 0);
		ws2fix__json_object_end(j);
		return;
	}
	ws2fix__json_kv_uint(j, "catalog_id", it->catalog_id);
	ws2fix__json_kv_string(j, "name", it->protocol_name);
	const char *display = ws2fix_known_display_name(it->protocol_name);
	if (!display && e->protocol_name_value)
		display = ws2fix_known_display_name(e->protocol_name_value);
	ws2fix__json_kv_string(j, "display_name", display ? display : it->protocol_name);
	if (e->protocol_name_value)
		ws2fix__json_kv_string(j, "protocol_name_value", e->protocol_name_value);
	ws2fix__json_kv_string(j, "path", it->library_path);
	ws2fix_guid_format(guid, &it->provider_id);
	ws2fix__json_kv_string(j, "provider_id", guid);
	ws2fix__json_kv_int(j, "address_family", it->address_family);
	ws2fix__json_kv_int(j, "socket_type", it->socket_type);
	ws2fix__json_kv_int(j, "protocol", it->protocol);
	ws2fix__json_kv_int(j, "chain_len", it->chain_len);
	ws2fix__json_key(j, "chain");
	ws2fix__json_array_begin(j);
	/* A base provider's chain is itself (cli.md); its stored slot 0 is 0
	 * in clean catalogs and is not meaningful. */
	if (it->chain_len == 1) {
		ws2fix__json_uint(j, it->catalog_id);
	} else if (it->chain_len >= 2 && it->chain_len <= WS2FIX_MAX_CHAIN_LEN) {
		for (int i = 0; i < it->chain_len; i++)
			ws2fix__json_uint(j, it->chain[i]);
	}
	ws2fix__json_array_end(j);
	ws2fix__json_kv_string(j, "kind", ws2fix_entry_kind_name(ws2fix_protocol_item_kind(it)));
	ws2fix__json_kv_uint(j, "service_flags", it->service_flags[0]);
	ws2fix__json_kv_uint(j, "provider_flags", it->provider_flags);
	ws2fix__json_kv_int(j, "version", it->version);
	ws2fix__json_kv_int(j, "max_sockaddr", it->max_sockaddr);
	ws2fix__json_kv_int(j, "min_sockaddr", it->min_sockaddr);
	ws2fix__json_kv_uint(j, "item_size", it->raw_len);
	json_vendor_label(j, &it->provider_id, it->library_path);
	json_installed_by(j, e, view, ev);
	json_problems(j, it->problems);
	ws2fix__json_object_end(j);
}

static void json_namespace_entry(ws2fix_json *j, const ws2fix_namespace_entry *e, size_t ordinal)
{
	char guid[39];
	ws2fix__json_object_begin(j);
	ws2fix__json_kv_uint(j, "ordinal", ordinal);
	ws2fix__json_kv_string(j, "key", e->key);
	const char *display = ws2fix_known_display_name(e->display_string);
	ws2fix__json_kv_string(j, "name", e->display_string);
	ws2fix__json_kv_string(j, "display_name", display ? display : e->display_string);
	ws2fix__json_kv_string(j, "path", e->library_path);
	ws2fix__json_key(j, "provider_id");
	if (e->has_provider_id) {
		ws2fix_guid_format(guid, &e->provider_id);
		ws2fix__json_string(j, guid);
	} else {
		ws2fix__json_null(j);
	}
	ws2fix__json_key(j, "namespace");
	if (e->has_namespace)
		ws2fix__json_uint(j, e->namespace_id);
	else
		ws2fix__json_null(j);
	ws2fix__json_key(j, "enabled");
	if (e->has_enabled)
		ws2fix__json_bool(j, e->enabled != 0);
	else
		ws2fix__json_null(j);
	if (e->has_provider_id)
		json_vendor_label(j, &e->provider_id, e->library_path);
	ws2fix__json_key(j, "version");
	if (e->has_version)
		ws2fix__json_uint(j, e->version);
	else
		ws2fix__json_null(j);
	ws2fix__json_object_end(j);
}

int ws2fix_catalog_view_order(const ws2fix_catalog *cat, int is_protocol, enum ws2fix_view out[2])
{
	int n = 0;
	static const enum ws2fix_view order[2] = {WS2FIX_VIEW_64, WS2FIX_VIEW_32};
	for (int i = 0; i < 2; i++) {
		const ws2fix_view_info *info = is_protocol ? &cat->protocol[order[i]].info : &cat->namespaces[order[i]].info;
		int present = info->present;
		if (present)
			out[n++] = order[i];
	}
	return n;
}

/* The members every view has, protocol or name space. */
static void json_view_head(ws2fix_json *j, const char *kind, enum ws2fix_view view, const ws2fix_view_info *info)
{
	ws2fix__json_kv_string(j, "kind", kind);
	ws2fix__json_kv_string(j, "view", ws2fix_view_name(view));
	ws2fix__json_kv_string(j, "key", info->key);
	ws2fix__json_key(j, "declared_count");
	if (info->has_declared_count)
		ws2fix__json_uint(j, info->declared_count);
	else
		ws2fix__json_null(j);
}

void ws2fix__report_json_catalogs(ws2fix_json *j, const ws2fix_catalog *cat, const ws2fix_lsp_events *ev)
{
	enum ws2fix_view views[2];
	ws2fix__json_key(j, "catalogs");
	ws2fix__json_array_begin(j);
	int n = ws2fix_catalog_view_order(cat, 1, views);
	for (int i = 0; i < n; i++) {
		const ws2fix_protocol_view *pv = &cat->protocol[views[i]];
		ws2fix__json_object_begin(j);
		json_view_head(j, "protocol", views[i], &pv->info);
		ws2fix__json_key(j, "next_id");
		if (cat->has_next_id)
			ws2fix__json_uint(j, cat->next_id);
		else
			ws2fix__json_null(j);
		ws2fix__json_key(j, "serial");
		if (cat->has_serial)
			ws2fix__json_uint(j, cat->serial);
		else
			ws2fix__json_null(j);
		ws2fix__json_key(j, "entries");
		ws2fix__json_array_begin(j);
		for (size_t k = 0; k < pv->info.count; k++)
			json_protocol_entry(j, &pv->entries[k], k + 1, views[i], ev);
		ws2fix__json_array_end(j);
		ws2fix__json_object_end(j);
	}
	n = ws2fix_catalog_view_order(cat, 0, views);
	for (int i = 0; i < n; i++) {
		const ws2fix_namespace_view *nv = &cat->namespaces[views[i]];
		ws2fix__json_object_begin(j);
		json_view_head(j, "namespace", views[i], &nv->info);
		ws2fix__json_key(j, "entries");
		ws2fix__json_array_begin(j);
		for (size_t k = 0; k < nv->info.count; k++)
			json_namespace_entry(j, &nv->entries[k], k + 1);
		ws2fix__json_array_end(j);
		ws2fix__json_object_end(j);
	}
	ws2fix__json_array_end(j);
}

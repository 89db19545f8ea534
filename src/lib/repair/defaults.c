/* SPDX-License-Identifier: MIT */
/*
 * Entries built from the defaults of a Windows version (baselines.c: field
 * values read from the real hives of that version), for reset mode and for
 * providers that surgical repair restores.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "repair_internal.h"
#include "../errors_internal.h"
#include "../../util/utf.h"

static void set_string(rctx *c, rentry *e, const char *name, uint32_t type, const char *s)
{
	unsigned char *w = NULL;
	size_t wl = 0;
	if (ws2fix__utf8_to_utf16le(&w, &wl, s, strlen(s), 1) < 0) {
		c->oom = 1;
		return;
	}
	ws2fix__repair_set_value(c, e, name, type, w, wl);
	free(w);
}

static void set_dword(rctx *c, rentry *e, const char *name, uint32_t v)
{
	unsigned char b[4] = {(unsigned char)v, (unsigned char)(v >> 8), (unsigned char)(v >> 16), (unsigned char)(v >> 24)};
	ws2fix__repair_set_value(c, e, name, WS2FIX_REG_DWORD, b, 4);
}

int ws2fix__repair_fill_from_defaults(rctx *c, rentry *e, const ws2fix_baseline_protocol *row, uint32_t id)
{
	const ws2fix_baseline_defaults *d = row->defaults;
	ws2fix_protocol_item it;
	memset(&it, 0, sizeof(it));
	snprintf(it.library_path, sizeof(it.library_path), "%s", d->library_path);
	memcpy(it.service_flags, d->service_flags, sizeof(it.service_flags));
	it.provider_flags = d->provider_flags;
	it.provider_id = row->provider_id;
	it.catalog_id = id;
	it.chain_len = 1;
	it.version = d->version;
	it.address_family = row->address_family;
	it.max_sockaddr = d->max_sockaddr;
	it.min_sockaddr = d->min_sockaddr;
	it.socket_type = row->socket_type;
	it.protocol = row->protocol;
	it.protocol_max_offset = d->protocol_max_offset;
	it.network_byte_order = d->network_byte_order;
	it.security_scheme = d->security_scheme;
	it.message_size = d->message_size;
	it.provider_reserved = d->provider_reserved;
	snprintf(it.protocol_name, sizeof(it.protocol_name), "%s", d->protocol_name ? d->protocol_name : row->what);
	unsigned char b[WS2FIX_PACKED_ITEM_SIZE];
	if (ws2fix_packed_item_encode(b, &it) < 0)
		return 0;
	ws2fix__repair_set_value(c, e, "PackedCatalogItem", WS2FIX_REG_BINARY, b, sizeof(b));
	if (d->protocol_name_value)
		set_string(c, e, "ProtocolName", WS2FIX_REG_SZ, d->protocol_name_value);
	e->has_item = 1;
	ws2fix_packed_item_decode(&e->item, b, sizeof(b));
	e->item_changed = 0;
	return !c->oom;
}

/* All values of a default name space entry; on an existing entry only the
 * identity values are replaced and the others filled in where missing
 * (StoresServiceClassInfo varies between machines and is kept). */
void ws2fix__repair_fill_namespace_defaults(rctx *c, rentry *e, const ws2fix_baseline_namespace *row)
{
	int fresh = e->orig_key == NULL;
	set_string(c, e, "LibraryPath", WS2FIX_REG_SZ, row->library_path);
	if (fresh || !ws2fix__repair_value(e, "DisplayString"))
		set_string(c, e, "DisplayString", WS2FIX_REG_SZ, row->display_string ? row->display_string : row->what);
	unsigned char g[16];
	ws2fix_guid_to_bytes(g, &row->provider_id);
	ws2fix__repair_set_value(c, e, "ProviderId", WS2FIX_REG_BINARY, g, 16);
	set_dword(c, e, "SupportedNameSpace", row->namespace_id);
	if (fresh || !ws2fix__repair_value(e, "Enabled"))
		set_dword(c, e, "Enabled", 1);
	if (fresh || !ws2fix__repair_value(e, "Version"))
		set_dword(c, e, "Version", row->version);
	if (fresh || !ws2fix__repair_value(e, "StoresServiceClassInfo"))
		set_dword(c, e, "StoresServiceClassInfo", 0);
	if (row->has_provider_info && (fresh || !ws2fix__repair_value(e, "ProviderInfo")))
		ws2fix__repair_set_value(c, e, "ProviderInfo", WS2FIX_REG_BINARY, "", 0);
	e->has_ns_id = 1;
	e->ns_id = row->provider_id;
}

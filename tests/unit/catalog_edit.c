/* SPDX-License-Identifier: MIT */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <cmocka.h>

#include "catalog_edit.h"

void set_dword(ws2fix_registry *reg, const char *key, const char *name, uint32_t v)
{
	unsigned char b[4] = {(unsigned char)v, (unsigned char)(v >> 8), (unsigned char)(v >> 16), (unsigned char)(v >> 24)};
	assert_int_equal(ws2fix_registry_set_value(reg, key, name, WS2FIX_REG_DWORD, b, 4), 0);
}

void entry_key(char *out, size_t n, const char *cat, const char *view, unsigned idx)
{
	snprintf(out, n, "%s\\%s\\%012u", cat, view, idx);
}

void get_item(ws2fix_registry *reg, const char *cat, const char *view, unsigned idx, ws2fix_protocol_item *it)
{
	char k[512];
	entry_key(k, sizeof(k), cat, view, idx);
	ws2fix_regvalue v;
	assert_int_equal(ws2fix_registry_get_value(&v, reg, k, "PackedCatalogItem"), 0);
	ws2fix_packed_item_decode(it, v.data, v.len);
	ws2fix_regvalue_clear(&v);
}

void put_item(ws2fix_registry *reg, const char *cat, const char *view, unsigned idx, const ws2fix_protocol_item *it)
{
	char k[512];
	unsigned char b[WS2FIX_PACKED_ITEM_SIZE];
	entry_key(k, sizeof(k), cat, view, idx);
	assert_int_equal(ws2fix_packed_item_encode(b, it), 0);
	assert_int_equal(ws2fix_registry_set_value(reg, k, "PackedCatalogItem", WS2FIX_REG_BINARY, b, sizeof(b)), 0);
}

/* Take entry idx out of a view the way a careful tool would (shift the
 * later entries down, fix the counter), so only the intended damage stays. */
void remove_entry(ws2fix_registry *reg, const char *cat, const char *view, const char *counter, unsigned idx)
{
	char vk[512], k[512];
	snprintf(vk, sizeof(vk), "%s\\%s", cat, view);
	ws2fix_strlist l;
	assert_int_equal(ws2fix_registry_subkeys(&l, reg, vk), 0);
	unsigned n = (unsigned)l.count;
	ws2fix_strlist_clear(&l);
	for (unsigned i = idx; i < n; i++) {
		ws2fix_protocol_item it;
		get_item(reg, cat, view, i + 1, &it);
		put_item(reg, cat, view, i, &it);
	}
	entry_key(k, sizeof(k), cat, view, n);
	assert_int_equal(ws2fix_registry_delete_tree(reg, k), 0);
	set_dword(reg, cat, counter, n - 1);
}


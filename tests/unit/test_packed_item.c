/* SPDX-License-Identifier: MIT */
/* PackedCatalogItem codec: decode real items, tolerate residue, flag
 * structural damage, and encode back byte for byte. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include <stdio.h>

#include "ws2fix/catalog.h"
#include "ws2fix/errors.h"
#include "ws2fix/registry.h"
#include "testutil.h"

/* A synthetic base entry built field by field from facts.md's layout. */
static void make_item(unsigned char b[WS2FIX_PACKED_ITEM_SIZE])
{
	memset(b, 0, WS2FIX_PACKED_ITEM_SIZE);
	strcpy((char *)b, "%SystemRoot%\\system32\\mswsock.dll");
	b[260] = 0x66; b[261] = 0x00; b[262] = 0x02; /* service flags 0x20066 */
	b[276] = 0x08;                               /* provider flags */
	static const unsigned char guid[16] = {0xa0, 0x1a, 0x0f, 0xe7, 0x8b, 0xab, 0xcf, 0x11,
					       0x8c, 0xa3, 0x00, 0x80, 0x5f, 0x48, 0xa1, 0x92};
	memcpy(b + 280, guid, 16);
	b[296] = 0xe9; b[297] = 0x03; /* 1001 */
	b[300] = 1;                   /* chain len */
	b[332] = 2;                   /* version */
	b[336] = 2;                   /* AF_INET */
	b[340] = 16; b[344] = 16;
	b[348] = 1; b[352] = 6;
	const char *name = "MSAFD Tcpip [TCP/IP]";
	for (size_t i = 0; name[i]; i++)
		b[376 + 2 * i] = (unsigned char)name[i];
}

static void test_packed_item__decodes_fields(void **state)
{
	(void)state;
	unsigned char b[WS2FIX_PACKED_ITEM_SIZE];
	make_item(b);
	ws2fix_protocol_item it;
	assert_int_equal(ws2fix_packed_item_decode(&it, b, sizeof(b)), 0);
	assert_int_equal(it.problems, 0);
	assert_string_equal(it.library_path, "%SystemRoot%\\system32\\mswsock.dll");
	assert_string_equal(it.protocol_name, "MSAFD Tcpip [TCP/IP]");
	assert_int_equal(it.catalog_id, 1001);
	assert_int_equal(it.chain_len, 1);
	assert_int_equal(it.address_family, 2);
	assert_int_equal(it.socket_type, 1);
	assert_int_equal(it.protocol, 6);
	assert_int_equal(it.service_flags[0], 0x20066);
	assert_int_equal(it.provider_flags, 8);
	char g[39];
	ws2fix_guid_format(g, &it.provider_id);
	assert_string_equal(g, "{E70F1AA0-AB8B-11CF-8CA3-00805F48A192}");
	assert_int_equal(ws2fix_protocol_item_kind(&it), WS2FIX_ENTRY_BASE);
}

static void test_packed_item__residue_is_not_corruption(void **state)
{
	(void)state;
	unsigned char b[WS2FIX_PACKED_ITEM_SIZE];
	make_item(b);
	/* Stale heap bytes after the path NUL, in unused chain slots and after
	 * the name NUL, as on the XP SP3 samples. */
	memset(b + 40, 0xAB, 200);
	for (int i = 1; i < 7; i++)
		b[304 + 4 * i] = 0x5A;
	b[304] = 0x77;
	memset(b + 376 + 42, 0xCD, 100);
	ws2fix_protocol_item it;
	ws2fix_packed_item_decode(&it, b, sizeof(b));
	assert_int_equal(it.problems, 0);
	assert_string_equal(it.library_path, "%SystemRoot%\\system32\\mswsock.dll");
	assert_string_equal(it.protocol_name, "MSAFD Tcpip [TCP/IP]");
	unsigned char out[WS2FIX_PACKED_ITEM_SIZE];
	assert_int_equal(ws2fix_packed_item_encode(out, &it), 0);
	assert_memory_equal(out, b, sizeof(b));
}

static void test_packed_item__flags_structural_damage(void **state)
{
	(void)state;
	unsigned char b[WS2FIX_PACKED_ITEM_SIZE];
	ws2fix_protocol_item it;

	make_item(b);
	ws2fix_packed_item_decode(&it, b, 600);
	assert_true(it.problems & WS2FIX_ITEM_BAD_SIZE);
	assert_int_equal(it.raw_len, 600);

	make_item(b);
	memset(b, 'A', 260);
	ws2fix_packed_item_decode(&it, b, sizeof(b));
	assert_true(it.problems & WS2FIX_ITEM_PATH_NO_NUL);

	make_item(b);
	for (int i = 0; i < 256; i++)
		b[376 + 2 * i] = 'x';
	ws2fix_packed_item_decode(&it, b, sizeof(b));
	assert_true(it.problems & WS2FIX_ITEM_NAME_NO_NUL);

	make_item(b);
	b[300] = 9;
	ws2fix_packed_item_decode(&it, b, sizeof(b));
	assert_true(it.problems & WS2FIX_ITEM_CHAIN_TOO_LONG);
	assert_int_equal(ws2fix_protocol_item_kind(&it), WS2FIX_ENTRY_INVALID);

	/* The limit itself: seven links are legal (MAX_PROTOCOL_CHAIN), eight
	 * are not. */
	make_item(b);
	b[300] = 7;
	ws2fix_packed_item_decode(&it, b, sizeof(b));
	assert_int_equal(it.problems, 0);
	assert_int_equal(it.chain_len, 7);
	b[300] = 8;
	ws2fix_packed_item_decode(&it, b, sizeof(b));
	assert_int_equal(it.problems, WS2FIX_ITEM_CHAIN_TOO_LONG);

	make_item(b);
	b[300] = 0xff; b[301] = 0xff; b[302] = 0xff; b[303] = 0xff;
	ws2fix_packed_item_decode(&it, b, sizeof(b));
	assert_true(it.problems & WS2FIX_ITEM_CHAIN_NEGATIVE);

	/* An empty value decodes as all zero, flagged, never crashes. */
	ws2fix_packed_item_decode(&it, NULL, 0);
	assert_true(it.problems & WS2FIX_ITEM_BAD_SIZE);
	assert_true(it.problems & WS2FIX_ITEM_PATH_EMPTY);

	/* An oversized value is decoded from its first 888 bytes. */
	unsigned char big[1000];
	make_item(big);
	memset(big + 888, 1, 112);
	ws2fix_packed_item_decode(&it, big, sizeof(big));
	assert_true(it.problems & WS2FIX_ITEM_BAD_SIZE);
	assert_int_equal(it.catalog_id, 1001);
}

static void test_packed_item__encode_changes_only_what_changed(void **state)
{
	(void)state;
	unsigned char b[WS2FIX_PACKED_ITEM_SIZE], out[WS2FIX_PACKED_ITEM_SIZE];
	make_item(b);
	memset(b + 40, 0xAB, 200); /* residue after the path */
	ws2fix_protocol_item it;
	ws2fix_packed_item_decode(&it, b, sizeof(b));
	it.catalog_id = 1042;
	it.chain_len = 2;
	it.chain[0] = 1040;
	it.chain[1] = 1001;
	assert_int_equal(ws2fix_packed_item_encode(out, &it), 0);
	ws2fix_protocol_item back;
	ws2fix_packed_item_decode(&back, out, sizeof(out));
	assert_int_equal(back.catalog_id, 1042);
	assert_int_equal(back.chain_len, 2);
	assert_int_equal(back.chain[0], 1040);
	assert_memory_equal(out, b, 260); /* path and its residue untouched */

	strcpy(it.library_path, "C:\\Windows\\system32\\other.dll");
	strcpy(it.protocol_name, "Ny provider åäö");
	assert_int_equal(ws2fix_packed_item_encode(out, &it), 0);
	ws2fix_packed_item_decode(&back, out, sizeof(out));
	assert_string_equal(back.library_path, "C:\\Windows\\system32\\other.dll");
	assert_string_equal(back.protocol_name, "Ny provider åäö");
	assert_int_equal(back.problems, 0);

	memset(it.library_path, 'a', 300);
	it.library_path[300] = 0;
	assert_int_equal(ws2fix_packed_item_encode(out, &it), WS2FIX_EINVALID);
}

static void test_guid__parse_and_format_round_trip(void **state)
{
	(void)state;
	ws2fix_guid g;
	char s[39];
	assert_int_equal(ws2fix_guid_parse(&g, "{e70f1aa0-ab8b-11cf-8ca3-00805f48a192}"), 0);
	ws2fix_guid_format(s, &g);
	assert_string_equal(s, "{E70F1AA0-AB8B-11CF-8CA3-00805F48A192}");
	assert_int_equal(ws2fix_guid_parse(&g, "E70F1AA0-AB8B-11CF-8CA3-00805F48A192"), 0);
	assert_int_equal(ws2fix_guid_parse(&g, "{E70F1AA0-AB8B-11CF-8CA3-00805F48A19}"), WS2FIX_EINVALID);
	assert_int_equal(ws2fix_guid_parse(&g, "{E70F1AA0XAB8B-11CF-8CA3-00805F48A192}"), WS2FIX_EINVALID);
	unsigned char bytes[16];
	ws2fix_guid_to_bytes(bytes, &g);
	ws2fix_guid h;
	ws2fix_guid_from_bytes(&h, bytes);
	assert_true(ws2fix_guid_equal(&g, &h));
	assert_int_equal(bytes[0], 0xa0); /* data1 little-endian as stored */
}

static void test_display_names__known_indirect_strings(void **state)
{
	(void)state;
	assert_string_equal(ws2fix_known_display_name("@%SystemRoot%\\System32\\mswsock.dll,-60100"),
		"MSAFD Tcpip [TCP/IP]");
	assert_string_equal(ws2fix_known_display_name("@%SystemRoot%\\system32\\MSWSOCK.DLL,-60202"),
		"MSAFD Tcpip [RAW/IPv6]");
	assert_null(ws2fix_known_display_name("MSAFD Tcpip [TCP/IP]"));
	assert_null(ws2fix_known_display_name("@foo.dll,-1"));
	assert_null(ws2fix_known_display_name("@mswsock.dll,-60100x"));
	assert_null(ws2fix_known_display_name(NULL));
}

/* Every PackedCatalogItem of every real hive re-encodes byte for byte. */
static void test_packed_item__real_hives_round_trip(void **state)
{
	(void)state;
	static const char *const hives[] = {
		"hives/bitcurator-m57-xpsp3-x86/SYSTEM.xz", "hives/winevt-kb-xpsp3-x86/SYSTEM.xz",
		"hives/itdaniher-winxp-x64-sp2/system.xz", "hives/regipy/SYSTEM.xz",
		"hives/regipy/SYSTEM_WIN_10_1709.xz", "hives/dissect-regf-win10-x64/SYSTEM.xz",
	};
#ifndef WS2FIX_HAVE_HIVEX
	testutil_skip();
#endif
	size_t checked = 0;
	for (size_t h = 0; h < sizeof(hives) / sizeof(hives[0]); h++) {
		char *path = testutil_unxz(hives[h]);
		if (!path)
			testutil_skip();
		ws2fix_registry *reg = NULL;
		assert_int_equal(ws2fix_registry_open_hive(&reg, path, NULL), 0);
		ws2fix_catalog *cat = NULL;
		assert_int_equal(ws2fix_catalog_read(&cat, reg), 0);
		for (int v = 0; v < 2; v++) {
			for (size_t i = 0; i < cat->protocol[v].info.count; i++) {
				const ws2fix_protocol_entry *e = &cat->protocol[v].entries[i];
				assert_true(e->has_item);
				assert_int_equal(e->item.problems, 0);
				unsigned char out[WS2FIX_PACKED_ITEM_SIZE];
				assert_int_equal(ws2fix_packed_item_encode(out, &e->item), 0);
				assert_memory_equal(out, e->item.raw, sizeof(out));
				checked++;
			}
		}
		ws2fix_catalog_free(cat);
		ws2fix_registry_free(reg);
		remove(path);
		free(path);
	}
	assert_true(checked > 100);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_packed_item__decodes_fields),
		cmocka_unit_test(test_packed_item__residue_is_not_corruption),
		cmocka_unit_test(test_packed_item__flags_structural_damage),
		cmocka_unit_test(test_packed_item__encode_changes_only_what_changed),
		cmocka_unit_test(test_guid__parse_and_format_round_trip),
		cmocka_unit_test(test_display_names__known_indirect_strings),
		cmocka_unit_test(test_packed_item__real_hives_round_trip),
	};
	return testutil_result(cmocka_run_group_tests(tests, NULL, NULL));
}

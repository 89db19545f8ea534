/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer target for the PackedCatalogItem codec.
 *
 * Any byte string decodes without crashing (damage is reported in
 * `problems`, never by failing); an item decoded from exactly 888 bytes
 * encodes back to the same bytes; and re-encoding after changing the ids
 * and chain (what repair does) decodes to those values.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ws2fix/catalog.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	ws2fix_protocol_item it;
	if (ws2fix_packed_item_decode(&it, data, size) != 0)
		abort();
	(void)ws2fix_protocol_item_kind(&it);
	(void)ws2fix_known_display_name(it.protocol_name);
	unsigned char out[WS2FIX_PACKED_ITEM_SIZE];
	int rc = ws2fix_packed_item_encode(out, &it);
	if (size == WS2FIX_PACKED_ITEM_SIZE) {
		if (rc != 0 || memcmp(out, data, size) != 0) {
			fprintf(stderr, "fuzz_packed_item: round trip changed the item\n");
			abort();
		}
		it.catalog_id ^= 0x5A5A;
		it.chain_len = 2;
		it.chain[0] = 1500;
		it.chain[1] = 1001;
		if (ws2fix_packed_item_encode(out, &it) != 0)
			abort();
		ws2fix_protocol_item back;
		ws2fix_packed_item_decode(&back, out, sizeof(out));
		if (back.catalog_id != it.catalog_id || back.chain_len != 2 || back.chain[0] != 1500 ||
		    strcmp(back.library_path, it.library_path) != 0 || strcmp(back.protocol_name, it.protocol_name) != 0) {
			fprintf(stderr, "fuzz_packed_item: edited item did not survive encoding\n");
			abort();
		}
	}
	return 0;
}

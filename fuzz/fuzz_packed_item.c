/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer target for the PackedCatalogItem codec.
 *
 * Any byte string decodes without crashing (damage is reported in
 * `problems`, never by failing).  For items of every length: the decoded
 * item encodes back to the bytes it was read from (zero-padded to 888, cut
 * at 888), those bytes decode to the same fields, and re-encoding after
 * changing the ids and chain (what repair does) decodes to those values.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ws2fix/catalog.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void die(const char *what)
{
	fprintf(stderr, "fuzz_packed_item: %s\n", what);
	abort();
}

/* Every decoded field but raw, raw_len and the size problem bit. */
static int same_fields(const ws2fix_protocol_item *a, const ws2fix_protocol_item *b)
{
	unsigned mask = ~(unsigned)WS2FIX_ITEM_BAD_SIZE;
	return (a->problems & mask) == (b->problems & mask) && !strcmp(a->library_path, b->library_path) &&
		!memcmp(a->service_flags, b->service_flags, sizeof(a->service_flags)) &&
		a->provider_flags == b->provider_flags && !memcmp(&a->provider_id, &b->provider_id, sizeof(a->provider_id)) &&
		a->catalog_id == b->catalog_id && a->chain_len == b->chain_len &&
		!memcmp(a->chain, b->chain, sizeof(a->chain)) && a->version == b->version &&
		a->address_family == b->address_family && a->max_sockaddr == b->max_sockaddr &&
		a->min_sockaddr == b->min_sockaddr && a->socket_type == b->socket_type && a->protocol == b->protocol &&
		a->protocol_max_offset == b->protocol_max_offset && a->network_byte_order == b->network_byte_order &&
		a->security_scheme == b->security_scheme && a->message_size == b->message_size &&
		a->provider_reserved == b->provider_reserved && !strcmp(a->protocol_name, b->protocol_name);
}

/* The item encodes back to what it was read from, and that reads the same. */
static void check_round_trip(const ws2fix_protocol_item *it, const uint8_t *data, size_t size)
{
	unsigned char want[WS2FIX_PACKED_ITEM_SIZE] = {0};
	memcpy(want, data, size < sizeof(want) ? size : sizeof(want));
	if (it->raw_len != size || memcmp(it->raw, want, sizeof(want)) != 0)
		die("raw is not the input zero-padded to 888 bytes");
	if (((it->problems & WS2FIX_ITEM_BAD_SIZE) != 0) != (size != WS2FIX_PACKED_ITEM_SIZE))
		die("the size problem bit disagrees with the length");
	unsigned char out[WS2FIX_PACKED_ITEM_SIZE];
	if (ws2fix_packed_item_encode(out, it) != 0 || memcmp(out, want, sizeof(out)) != 0)
		die("round trip changed the item");
	ws2fix_protocol_item back;
	ws2fix_packed_item_decode(&back, out, sizeof(out));
	if (!same_fields(&back, it))
		die("the re-encoded item decodes to other fields");
}

/* What repair does: new ids and chain, the rest kept. */
static void check_edit(ws2fix_protocol_item *it)
{
	it->catalog_id ^= 0x5A5A;
	it->chain_len = 2;
	it->chain[0] = 1500;
	it->chain[1] = 1001;
	unsigned char out[WS2FIX_PACKED_ITEM_SIZE];
	if (ws2fix_packed_item_encode(out, it) != 0)
		die("edited item does not encode");
	ws2fix_protocol_item back;
	ws2fix_packed_item_decode(&back, out, sizeof(out));
	if (back.catalog_id != it->catalog_id || back.chain_len != 2 || back.chain[0] != 1500 ||
		strcmp(back.library_path, it->library_path) != 0 || strcmp(back.protocol_name, it->protocol_name) != 0)
		die("edited item did not survive encoding");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	ws2fix_protocol_item it;
	if (ws2fix_packed_item_decode(&it, data, size) != 0)
		abort();
	(void)ws2fix_protocol_item_kind(&it);
	(void)ws2fix_known_display_name(it.protocol_name);
	check_round_trip(&it, data, size);
	check_edit(&it);
	return 0;
}

/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer target for the `netsh winsock show catalog` importer.
 *
 * Any input must parse or fail with WS2FIX_ECORRUPT (or ENOMEM); a crash,
 * a sanitizer report, a leak or another code is a bug.  When it parses, the
 * catalog must keep the promises netsh.h makes, because the diagnosis and
 * `show` rely on them: the source is marked "netsh", every protocol item's
 * raw bytes decode back to its fields, keys are the %012u ordinals, and a
 * listing without "(32)" has no 64-bit view.
 *
 * Built with libFuzzer when WS2FIX_FUZZ=ON; standalone_driver.c runs the
 * same function over corpus/netsh/ in every build.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ws2fix/catalog.h"
#include "ws2fix/errors.h"
#include "ws2fix/netsh.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void die(const char *what)
{
	fprintf(stderr, "fuzz_netsh: %s (%s)\n", what, ws2fix_error_last()->message);
	abort();
}

static void check_keys_and_items(const ws2fix_catalog *cat)
{
	for (int v = 0; v < 2; v++) {
		const ws2fix_protocol_view *pv = &cat->protocol[v];
		if (pv->info.present != (pv->info.count > 0) || pv->info.has_declared_count || !pv->info.key)
			die("protocol view flags");
		for (size_t i = 0; i < pv->info.count; i++) {
			const ws2fix_protocol_entry *e = &pv->entries[i];
			char key[24];
			snprintf(key, sizeof(key), "%012u", (unsigned)(i + 1));
			if (!e->key || strcmp(e->key, key) != 0 || !e->has_item)
				die("protocol entry key");
			if (e->item.raw_len != WS2FIX_PACKED_ITEM_SIZE)
				die("raw_len is not 888");
			ws2fix_protocol_item back;
			ws2fix_packed_item_decode(&back, e->item.raw, e->item.raw_len);
			if (back.catalog_id != e->item.catalog_id || back.chain_len != e->item.chain_len ||
				back.service_flags[0] != e->item.service_flags[0] ||
				back.provider_flags != e->item.provider_flags ||
				memcmp(back.chain, e->item.chain, sizeof(back.chain)) != 0 ||
				back.problems != e->item.problems)
				die("raw bytes disagree with the fields");
		}
		const ws2fix_namespace_view *nv = &cat->namespaces[v];
		if (nv->info.present != (nv->info.count > 0) || !nv->info.key)
			die("namespace view flags");
		for (size_t i = 0; i < nv->info.count; i++)
			if (!nv->entries[i].key || !nv->entries[i].display_string || nv->entries[i].library_path)
				die("namespace entry");
	}
	if (cat->protocol[WS2FIX_VIEW_64].info.count + cat->protocol[WS2FIX_VIEW_32].info.count +
		    cat->namespaces[WS2FIX_VIEW_64].info.count + cat->namespaces[WS2FIX_VIEW_32].info.count ==
		0)
		die("parsed without a single entry");
	/* x64 listings have marked entries; one without marks is all view 32 */
	if ((cat->protocol[WS2FIX_VIEW_64].info.count || cat->namespaces[WS2FIX_VIEW_64].info.count) &&
		!cat->protocol[WS2FIX_VIEW_32].info.count && !cat->namespaces[WS2FIX_VIEW_32].info.count)
		die("a 64-bit view without any (32) entry");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	ws2fix_catalog *cat = NULL;
	int rc = ws2fix_netsh_parse(&cat, data, size);
	if (rc < 0) {
		if (rc != WS2FIX_ECORRUPT && rc != WS2FIX_ENOMEM)
			die("parse returned an unexpected code");
		if (cat)
			die("failed but returned a catalog");
		return 0;
	}
	if (!ws2fix_catalog_is_netsh(cat) || cat->has_next_id)
		die("not marked as netsh");
	check_keys_and_items(cat);
	ws2fix_catalog_free(cat);
	return 0;
}

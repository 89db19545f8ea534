/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer target for the `netsh winsock show catalog` importer.
 *
 * Any input must parse or fail with WS2FIX_ECORRUPT (or ENOMEM); a crash,
 * a sanitizer report, a leak or another code is a bug.  When it parses, the
 * catalog must keep the promises netsh.h makes, because the diagnosis and
 * `show` rely on them: the source is marked "netsh", every protocol item's
 * raw bytes decode back to its fields, keys are the %012u ordinals, and a
 * listing without "(32)" has no 64-bit view.  Rendered again as netsh
 * prints it, the catalog parses back to the same entries (a round trip).
 *
 * Built with libFuzzer when WS2FIX_FUZZ=ON; standalone_driver.c runs the
 * same function over corpus/netsh/ in every build.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/attrs.h"
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

/* ---- the round trip: render as netsh prints, parse, compare ---------- */

typedef struct text {
	char *s;
	size_t len, cap;
} text;

static void put(text *t, const char *fmt, ...) WS2FIX_PRINTF(2, 3);
static void put(text *t, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		die("vsnprintf");
	if (t->len + (size_t)n + 1 > t->cap) {
		t->cap = (t->len + (size_t)n + 1) * 2;
		t->s = realloc(t->s, t->cap);
		if (!t->s)
			die("out of memory");
	}
	va_start(ap, fmt);
	vsnprintf(t->s + t->len, t->cap - t->len, fmt, ap);
	va_end(ap);
	t->len += (size_t)n;
}

static const char *entry_type(int32_t chain_len)
{
	if (chain_len == 0)
		return "Layered Service Provider";
	return chain_len == 1 ? "Base Service Provider" : "Layered Chain Entry";
}

static void render_protocol(text *t, const ws2fix_protocol_item *it, const char *mark)
{
	char guid[39];
	ws2fix_guid_format(guid, &it->provider_id);
	put(t, "\r\nWinsock Catalog Provider Entry\r\n"
	       "------------------------------------------------------\r\n");
	put(t, "Entry Type:                         %s%s\r\n", entry_type(it->chain_len), mark);
	put(t, "Description:                        %s\r\n", it->protocol_name);
	put(t, "Provider ID:                        %s\r\n", guid);
	put(t, "Provider Path:                      %s\r\n", it->library_path);
	put(t, "Catalog Entry ID:                   %u\r\n", (unsigned)it->catalog_id);
	put(t, "Version:                            %d\r\n", (int)it->version);
	put(t, "Address Family:                     %d\r\n", (int)it->address_family);
	put(t, "Max Address Length:                 %d\r\n", (int)it->max_sockaddr);
	put(t, "Min Address Length:                 %d\r\n", (int)it->min_sockaddr);
	put(t, "Socket Type:                        %d\r\n", (int)it->socket_type);
	put(t, "Protocol:                           %d\r\n", (int)it->protocol);
	put(t, "Service Flags:                      0x%x\r\n", (unsigned)it->service_flags[0]);
	put(t, "Protocol Chain Length:              %d\r\n", (int)it->chain_len);
	/* The ids as read: netsh prints them for length 2 and more; a pasted
	 * length 1 may carry its one id.  Only 7 are kept. */
	if (it->chain_len >= 2 || (it->chain_len == 1 && it->chain[0])) {
		put(t, "Protocol Chain:");
		for (int32_t i = 0; i < it->chain_len; i++)
			put(t, "%s%u", i ? " : " : " ", i < WS2FIX_MAX_CHAIN_LEN ? (unsigned)it->chain[i] : 0u);
		put(t, "\r\n");
	}
}

static void render_namespace(text *t, const ws2fix_namespace_entry *e, const char *mark)
{
	char guid[39];
	ws2fix_guid_format(guid, &e->provider_id);
	put(t, "\r\nName Space Provider Entry%s\r\n"
	       "------------------------------------------------------\r\n", mark);
	put(t, "Description:                        %s\r\n", e->display_string);
	put(t, "Provider ID:                        %s\r\n", guid);
	put(t, "Name Space:                         %u\r\n", (unsigned)e->namespace_id);
	put(t, "Active:                             %u\r\n", (unsigned)e->enabled);
	put(t, "Version:                            %u\r\n", (unsigned)e->version);
}

/* netsh's order: native protocol entries, then "(32)" ones, then the name
 * space providers the same way.  A listing of one view has no marks. */
static void render(text *t, const ws2fix_catalog *cat)
{
	int has64 = cat->protocol[WS2FIX_VIEW_64].info.count || cat->namespaces[WS2FIX_VIEW_64].info.count;
	const int views[2] = {WS2FIX_VIEW_64, WS2FIX_VIEW_32};
	for (int k = 0; k < 2; k++) {
		const ws2fix_protocol_view *pv = &cat->protocol[views[k]];
		for (size_t i = 0; i < pv->info.count; i++)
			render_protocol(t, &pv->entries[i].item, views[k] == WS2FIX_VIEW_32 && has64 ? " (32)" : "");
	}
	for (int k = 0; k < 2; k++) {
		const ws2fix_namespace_view *nv = &cat->namespaces[views[k]];
		for (size_t i = 0; i < nv->info.count; i++)
			render_namespace(t, &nv->entries[i], views[k] == WS2FIX_VIEW_32 && has64 ? " (32)" : "");
	}
}

static void check_same(const ws2fix_catalog *a, const ws2fix_catalog *b)
{
	for (int v = 0; v < 2; v++) {
		const ws2fix_protocol_view *pa = &a->protocol[v], *pb = &b->protocol[v];
		if (pa->info.count != pb->info.count || pa->info.present != pb->info.present)
			die("round trip: protocol entries differ in number");
		for (size_t i = 0; i < pa->info.count; i++) {
			const ws2fix_protocol_item *x = &pa->entries[i].item, *y = &pb->entries[i].item;
			if (strcmp(pa->entries[i].key, pb->entries[i].key) != 0 || x->raw_len != y->raw_len ||
				memcmp(x->raw, y->raw, sizeof(x->raw)) != 0 || x->problems != y->problems ||
				x->chain_len != y->chain_len || memcmp(x->chain, y->chain, sizeof(x->chain)) != 0 ||
				strcmp(x->library_path, y->library_path) != 0 || strcmp(x->protocol_name, y->protocol_name) != 0) {
				size_t at = 0;
				while (at < sizeof(x->raw) && x->raw[at] == y->raw[at])
					at++;
				fprintf(stderr, "view %d entry %u: [%s] [%s] became [%s] [%s], bytes from %u, problems %x/%x\n",
					v, (unsigned)i, x->library_path, x->protocol_name, y->library_path, y->protocol_name,
					(unsigned)at, x->problems, y->problems);
				die("round trip: a protocol entry changed");
			}
		}
		const ws2fix_namespace_view *na = &a->namespaces[v], *nb = &b->namespaces[v];
		if (na->info.count != nb->info.count || na->info.present != nb->info.present)
			die("round trip: name space entries differ in number");
		for (size_t i = 0; i < na->info.count; i++) {
			const ws2fix_namespace_entry *x = &na->entries[i], *y = &nb->entries[i];
			if (strcmp(x->key, y->key) != 0 || strcmp(x->display_string, y->display_string) != 0 ||
				memcmp(&x->provider_id, &y->provider_id, sizeof(x->provider_id)) != 0 ||
				x->namespace_id != y->namespace_id || x->enabled != y->enabled || x->version != y->version)
				die("round trip: a name space entry changed");
		}
	}
}

/* netsh prints no control characters, and the parser trims the spaces
 * around a value.  A value can still hold either (an embedded NUL cuts it
 * after its line was trimmed, leaving a CR or a space at its end): such a
 * catalog has no netsh text to render, so it takes no round trip. */
static int printable(const char *s)
{
	if (!s || !*s)
		return 1;
	if (*s == ' ' || s[strlen(s) - 1] == ' ')
		return 0;
	for (; *s; s++)
		if ((unsigned char)*s < 0x20)
			return 0;
	return 1;
}

static int renderable(const ws2fix_catalog *cat)
{
	for (int v = 0; v < 2; v++) {
		const ws2fix_protocol_view *pv = &cat->protocol[v];
		for (size_t i = 0; i < pv->info.count; i++)
			if (!printable(pv->entries[i].item.library_path) || !printable(pv->entries[i].item.protocol_name))
				return 0;
		const ws2fix_namespace_view *nv = &cat->namespaces[v];
		for (size_t i = 0; i < nv->info.count; i++)
			if (!printable(nv->entries[i].display_string))
				return 0;
	}
	return 1;
}

static void check_round_trip(const ws2fix_catalog *cat)
{
	if (!renderable(cat))
		return;
	text t = {NULL, 0, 0};
	render(&t, cat);
	ws2fix_catalog *again = NULL;
	if (ws2fix_netsh_parse(&again, (const unsigned char *)t.s, t.len) < 0) {
		fprintf(stderr, "%s", t.s);
		die("round trip: the rendered listing does not parse");
	}
	check_same(cat, again);
	ws2fix_catalog_free(again);
	free(t.s);
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
	check_round_trip(cat);
	ws2fix_catalog_free(cat);
	return 0;
}

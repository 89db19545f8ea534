/* SPDX-License-Identifier: MIT */
/* netsh winsock show catalog text: the real listings in corpus/netsh, the
 * encodings and paste noise the parser must take, and the damage it must
 * report instead of guessing. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "ws2fix/catalog.h"
#include "ws2fix/diagnose.h"
#include "ws2fix/errors.h"
#include "ws2fix/netsh.h"
#include "testutil.h"
#include "util/buf.h"

#define V64 WS2FIX_VIEW_64
#define V32 WS2FIX_VIEW_32

static ws2fix_catalog *read_corpus(const char *name)
{
	char rel[256];
	snprintf(rel, sizeof(rel), "corpus/netsh/%s", name);
	char *path = testutil_shared_path(rel);
	if (!path)
		return NULL;
	ws2fix_catalog *cat = NULL;
	int rc = ws2fix_netsh_read(&cat, path);
	if (rc != 0)
		fail_msg("%s: %s", path, ws2fix_error_last()->message);
	free(path);
	return cat;
}

static ws2fix_catalog *parse_ok(const char *text)
{
	ws2fix_catalog *cat = NULL;
	int rc = ws2fix_netsh_parse(&cat, (const unsigned char *)text, strlen(text));
	if (rc != 0)
		fail_msg("parse failed: %s", ws2fix_error_last()->message);
	return cat;
}

/* Must fail with ECORRUPT and a message containing @p line_tag ("(netsh
 * text):7:") and @p words. */
static void parse_bad(const char *text, const char *line_tag, const char *words)
{
	ws2fix_catalog *cat = (ws2fix_catalog *)1;
	int rc = ws2fix_netsh_parse(&cat, (const unsigned char *)text, strlen(text));
	assert_int_equal(rc, WS2FIX_ECORRUPT);
	assert_null(cat);
	const char *msg = ws2fix_error_last()->message;
	if (line_tag && !strstr(msg, line_tag))
		fail_msg("message \"%s\" lacks \"%s\"", msg, line_tag);
	if (words && !strstr(msg, words))
		fail_msg("message \"%s\" lacks \"%s\"", msg, words);
}

static void guid_is(const ws2fix_guid *g, const char *text)
{
	char buf[39];
	ws2fix_guid_format(buf, g);
	assert_string_equal(buf, text);
}

/* Append one protocol block in English, with our own example values. */
static void put_block(char *out, size_t cap, const char *type, const char *desc, const char *path,
	unsigned id, int af, int st, int proto, unsigned flags, int chain_len, const char *chain)
{
	ws2fix_buf b = WS2FIX_BUF_INIT;
	ws2fix__buf_printf(&b,
		"Winsock Catalog Provider Entry\n"
		"------------------------------------------------------\n"
		"Entry Type:                         %s\n"
		"Description:                        %s\n"
		"Provider ID:                        {E70F1AA0-AB8B-11CF-8CA3-00805F48A192}\n"
		"Provider Path:                      %s\n"
		"Catalog Entry ID:                   %u\n"
		"Version:                            2\n"
		"Address Family:                     %d\n"
		"Max Address Length:                 16\n"
		"Min Address Length:                 16\n"
		"Socket Type:                        %d\n"
		"Protocol:                           %d\n"
		"Service Flags:                      0x%x\n"
		"Protocol Chain Length:              %d\n",
		type, desc, path, id, af, st, proto, flags, chain_len);
	if (chain)
		ws2fix__buf_printf(&b, "Protocol Chain: %s\n", chain);
	ws2fix__buf_putc(&b, '\n');
	assert_false(ws2fix__buf_oom(&b));
	size_t n = strlen(out);
	assert_true(n + b.len < cap);
	memcpy(out + n, b.ptr, b.len + 1);
	ws2fix__buf_free(&b);
}

static const char NSP_BLOCK[] =
	"Name Space Provider Entry\n"
	"------------------------------------------------------\n"
	"Description:                        Tcpip\n"
	"Provider ID:                        {22059D40-7E9E-11CF-AE5A-00AA00A7112B}\n"
	"Name Space:                         12\n"
	"Active:                             1\n"
	"Version:                            0\n"
	"\n\n";

/* ---- the real listings ---------------------------------------------- */

static void test_netsh__english_win11_x64(void **state)
{
	(void)state;
	ws2fix_catalog *cat = read_corpus("01-jolla3-backened-win10or11-en.txt");
	if (!cat)
		testutil_skip();
	assert_string_equal(cat->parameters_path, "netsh");
	assert_true(ws2fix_catalog_is_netsh(cat));
	assert_false(cat->has_next_id);
	assert_true(cat->winsock2_present && cat->parameters_present);
	assert_true(cat->protocol_catalog_present && cat->namespace_catalog_present);
	for (int v = 0; v < 2; v++) {
		const ws2fix_protocol_view *pv = &cat->protocol[v];
		assert_true(pv->info.present);
		assert_false(pv->info.has_declared_count);
		assert_int_equal(pv->info.count, 14);
		for (size_t i = 0; i < pv->info.count; i++) {
			char key[16];
			snprintf(key, sizeof(key), "%012u", (unsigned)(i + 1));
			assert_string_equal(pv->entries[i].key, key);
			assert_true(pv->entries[i].has_item);
			assert_int_equal(pv->entries[i].item_type, WS2FIX_REG_BINARY);
			/* post-reset order: ids 1001..1014 in listing order */
			assert_int_equal(pv->entries[i].item.catalog_id, 1001 + i);
			assert_int_equal(pv->entries[i].item.chain_len, 1);
			assert_int_equal(pv->entries[i].item.provider_flags, 0);
			assert_int_equal(pv->entries[i].item.raw_len, WS2FIX_PACKED_ITEM_SIZE);
			assert_int_equal(pv->entries[i].item.problems, 0);
			assert_string_equal(pv->entries[i].item.library_path, "%SystemRoot%\\system32\\mswsock.dll");
		}
		assert_true(cat->namespaces[v].info.present);
		assert_int_equal(cat->namespaces[v].info.count, 5);
	}
	assert_string_equal(cat->protocol[V64].info.key, "Protocol_Catalog9\\Catalog_Entries64");
	assert_string_equal(cat->protocol[V32].info.key, "Protocol_Catalog9\\Catalog_Entries");

	const ws2fix_protocol_item *tcp6 = &cat->protocol[V64].entries[0].item;
	assert_string_equal(tcp6->protocol_name, "MSAFD Tcpip [TCP/IPv6]");
	guid_is(&tcp6->provider_id, "{F9EAB0C0-26D4-11D0-BBBF-00AA006C34E4}");
	assert_int_equal(tcp6->version, 2);
	assert_int_equal(tcp6->address_family, 23);
	assert_int_equal(tcp6->max_sockaddr, 28);
	assert_int_equal(tcp6->min_sockaddr, 28);
	assert_int_equal(tcp6->socket_type, 1);
	assert_int_equal(tcp6->protocol, 6);
	assert_int_equal(tcp6->service_flags[0], 0x20066);
	assert_int_equal(tcp6->chain[0], 0);

	/* raw agrees with the fields: decoding it gives them back */
	ws2fix_protocol_item back;
	ws2fix_packed_item_decode(&back, tcp6->raw, tcp6->raw_len);
	assert_int_equal(back.problems, 0);
	assert_string_equal(back.library_path, tcp6->library_path);
	assert_string_equal(back.protocol_name, tcp6->protocol_name);
	assert_int_equal(back.catalog_id, 1001);
	assert_int_equal(back.service_flags[0], 0x20066);
	assert_true(ws2fix_guid_equal(&back.provider_id, &tcp6->provider_id));

	const ws2fix_protocol_item *af_unix = &cat->protocol[V32].entries[11].item;
	assert_string_equal(af_unix->protocol_name, "AF_UNIX");
	assert_int_equal(af_unix->address_family, 1);
	assert_int_equal(af_unix->max_sockaddr, 110);
	assert_int_equal(af_unix->min_sockaddr, 2);
	assert_int_equal(af_unix->service_flags[0], 0x20026);

	/* name-space providers: no DLL path in netsh text */
	const ws2fix_namespace_entry *ns = cat->namespaces[V64].entries;
	assert_string_equal(ns[0].display_string, "E-mail Naming Shim Provider");
	assert_int_equal(ns[0].namespace_id, 37);
	assert_string_equal(ns[1].display_string, "Tcpip");
	guid_is(&ns[1].provider_id, "{22059D40-7E9E-11CF-AE5A-00AA00A7112B}");
	assert_int_equal(ns[1].namespace_id, 12);
	assert_true(ns[1].has_provider_id && ns[1].has_namespace && ns[1].has_enabled && ns[1].has_version);
	assert_int_equal(ns[1].enabled, 1);
	assert_int_equal(ns[1].version, 0);
	assert_null(ns[1].library_path);
	assert_string_equal(ns[3].display_string, "@%SystemRoot%\\system32\\nlasvc.dll,-1000");
	assert_int_equal(ns[3].namespace_id, 15);
	assert_string_equal(cat->namespaces[V32].entries[4].key, "000000000005");
	ws2fix_catalog_free(cat);
}

/* German Windows 11, CRLF: same machine shape as 01, other labels. */
static void test_netsh__german_labels_match_english(void **state)
{
	(void)state;
	ws2fix_catalog *de = read_corpus("02-winmedic-win11-25h2-de.txt");
	ws2fix_catalog *en = read_corpus("01-jolla3-backened-win10or11-en.txt");
	if (!de || !en)
		testutil_skip();
	for (int v = 0; v < 2; v++) {
		assert_int_equal(de->protocol[v].info.count, 14);
		assert_int_equal(de->namespaces[v].info.count, 5);
		for (size_t i = 0; i < 14; i++) {
			const ws2fix_protocol_item *a = &de->protocol[v].entries[i].item;
			const ws2fix_protocol_item *b = &en->protocol[v].entries[i].item;
			assert_int_equal(a->catalog_id, b->catalog_id);
			assert_true(ws2fix_guid_equal(&a->provider_id, &b->provider_id));
			assert_int_equal(a->address_family, b->address_family);
			assert_int_equal(a->socket_type, b->socket_type);
			assert_int_equal(a->protocol, b->protocol);
			assert_int_equal(a->service_flags[0], b->service_flags[0]);
			assert_int_equal(a->max_sockaddr, b->max_sockaddr);
			assert_int_equal(a->chain_len, b->chain_len);
			assert_string_equal(a->library_path, b->library_path);
		}
		for (size_t i = 0; i < 5; i++) {
			assert_true(ws2fix_guid_equal(&de->namespaces[v].entries[i].provider_id,
				&en->namespaces[v].entries[i].provider_id));
			assert_int_equal(de->namespaces[v].entries[i].namespace_id,
				en->namespaces[v].entries[i].namespace_id);
		}
	}
	/* localised descriptions, UTF-8 kept */
	assert_string_equal(de->protocol[V64].entries[0].item.protocol_name, "MSAFD-Tcpip [TCP/IPv6]");
	assert_string_equal(de->protocol[V32].entries[7].item.protocol_name, "RSVP-TCPv6-Dienstanbieter");
	assert_string_equal(de->namespaces[V64].entries[0].display_string, "E-Mail-Namenshimanbieter");
	assert_string_equal(de->namespaces[V64].entries[1].display_string, "TCP/IP");
	ws2fix_catalog_free(de);
	ws2fix_catalog_free(en);
}

static void test_netsh__english_win10_with_pnrp(void **state)
{
	(void)state;
	ws2fix_catalog *cat = read_corpus("03-mlmvpn-win10-en.txt");
	if (!cat)
		testutil_skip();
	assert_int_equal(cat->protocol[V64].info.count, 14);
	assert_int_equal(cat->protocol[V32].info.count, 14);
	assert_int_equal(cat->namespaces[V64].info.count, 7);
	assert_int_equal(cat->namespaces[V32].info.count, 7);
	/* RSVP before Hyper-V RAW here: the listing order is kept */
	assert_string_equal(cat->protocol[V64].entries[6].item.protocol_name, "RSVP TCPv6 Service Provider");
	assert_int_equal(cat->protocol[V64].entries[10].item.catalog_id, 1011);
	assert_int_equal(cat->protocol[V64].entries[10].item.address_family, 34);
	assert_int_equal(cat->namespaces[V32].entries[1].namespace_id, 39);
	assert_int_equal(cat->namespaces[V32].entries[2].namespace_id, 38);
	ws2fix_catalog_free(cat);
}

/* A HijackThis log is not a netsh listing. */
static void test_netsh__hijackthis_log_is_not_a_listing(void **state)
{
	(void)state;
	char *path = testutil_shared_path("corpus/netsh/04-papo52-malware-win11-hjt-o10.txt");
	if (!path)
		testutil_skip();
	ws2fix_catalog *cat = NULL;
	assert_int_equal(ws2fix_netsh_read(&cat, path), WS2FIX_ECORRUPT);
	assert_null(cat);
	assert_non_null(strstr(ws2fix_error_last()->message, path));
	assert_non_null(strstr(ws2fix_error_last()->message, "no entry"));
	free(path);
}

static void test_netsh__missing_file(void **state)
{
	(void)state;
	ws2fix_catalog *cat = NULL;
	assert_int_equal(ws2fix_netsh_read(&cat, "/nonexistent/netsh.txt"), WS2FIX_ENOTFOUND);
	assert_null(cat);
}

/* ---- encodings and paste noise ------------------------------------- */

static unsigned char *to_utf16le(const unsigned char *s, size_t n, size_t *out_len, int bom)
{
	/* ASCII and the German umlauts of file 02 suffice here: decode UTF-8
	 * two-byte sequences, copy ASCII. */
	unsigned char *w = malloc(2 * n + 2);
	size_t o = 0;
	if (bom) {
		w[o++] = 0xFF;
		w[o++] = 0xFE;
	}
	for (size_t i = 0; i < n; i++) {
		unsigned cp = s[i];
		if ((s[i] & 0xE0) == 0xC0 && i + 1 < n) {
			cp = (unsigned)(s[i] & 0x1F) << 6 | (s[i + 1] & 0x3F);
			i++;
		}
		w[o++] = (unsigned char)(cp & 0xFF);
		w[o++] = (unsigned char)(cp >> 8);
	}
	*out_len = o;
	return w;
}

static void test_netsh__utf16le_and_bom(void **state)
{
	(void)state;
	char *path = testutil_shared_path("corpus/netsh/02-winmedic-win11-25h2-de.txt");
	if (!path)
		testutil_skip();
	size_t len;
	unsigned char *text = testutil_read_file(path, &len);
	assert_non_null(text);

	size_t wl;
	for (int bom = 1; bom >= 0; bom--) {
		unsigned char *w = to_utf16le(text, len, &wl, bom);
		ws2fix_catalog *cat = NULL;
		assert_int_equal(ws2fix_netsh_parse(&cat, w, wl), 0);
		assert_int_equal(cat->protocol[V64].info.count, 14);
		assert_int_equal(cat->namespaces[V32].info.count, 5);
		assert_string_equal(cat->protocol[V64].entries[10].item.protocol_name, "RSVP-UDP-Dienstanbieter");
		ws2fix_catalog_free(cat);
		free(w);
	}

	/* UTF-8 with a BOM */
	unsigned char *b = malloc(len + 3);
	memcpy(b, "\xEF\xBB\xBF", 3);
	memcpy(b + 3, text, len);
	ws2fix_catalog *cat = NULL;
	assert_int_equal(ws2fix_netsh_parse(&cat, b, len + 3), 0);
	assert_int_equal(cat->protocol[V32].info.count, 14);
	ws2fix_catalog_free(cat);
	free(b);
	free(text);
	free(path);
}

static void test_netsh__windows_1252_text(void **state)
{
	(void)state;
	/* "Max. Adresslänge" with ä as the single byte 0xE4 */
	static const char text[] =
		"Winsock-Kataloganbietereintrag\r\n"
		"------------------------------------------------------\r\n"
		"Eintragstyp:                        Basisdienstanbieter\r\n"
		"Beschreibung:                       MSAFD-Tcpip [TCP/IP]\r\n"
		"Anbieter-ID:                        {E70F1AA0-AB8B-11CF-8CA3-00805F48A192}\r\n"
		"Anbieterpfad:                       %SystemRoot%\\system32\\mswsock.dll\r\n"
		"Katalogeintrags-ID:                 1004\r\n"
		"Version:                            2\r\n"
		"Adressfamilie:                      2\r\n"
		"Max. Adressl\xE4nge:                   16\r\n"
		"Min. Adressl\xE4nge:                   16\r\n"
		"Sockettyp:                          1\r\n"
		"Protokoll:                          6\r\n"
		"Dienstflags:                        0x20066\r\n"
		"Protokollverkettungsl\xE4nge:          1\r\n\r\n";
	ws2fix_catalog *cat = parse_ok(text);
	assert_int_equal(cat->protocol[V32].info.count, 1);
	assert_int_equal(cat->protocol[V32].entries[0].item.catalog_id, 1004);
	ws2fix_catalog_free(cat);
}

static void test_netsh__paste_noise(void **state)
{
	(void)state;
	char text[8192] =
		"Microsoft Windows [Version 10.0.19045.0]\n"
		"(c) Microsoft Corporation. All rights reserved.\n"
		"\n"
		"C:\\Users\\someone>netsh winsock show catalog\n"
		"```\n"
		"\n";
	char block[2048] = "";
	put_block(block, sizeof(block), "Base Service Provider", "MSAFD Tcpip [TCP/IP]",
		"%SystemRoot%\\system32\\mswsock.dll", 1001, 2, 1, 6, 0x20066, 1, NULL);
	/* quote every line of the block, as a forum reply does */
	char *p = block;
	while (*p) {
		char *nl = strchr(p, '\n');
		strcat(text, "> ");
		strncat(text, p, (size_t)(nl - p + 1));
		p = nl + 1;
	}
	strcat(text, "```\n\nC:\\Users\\someone>\n");
	ws2fix_catalog *cat = parse_ok(text);
	assert_int_equal(cat->protocol[V32].info.count, 1);
	assert_int_equal(cat->protocol[V32].entries[0].item.protocol, 6);
	ws2fix_catalog_free(cat);
}

/* ---- views, chains, languages -------------------------------------- */

static void test_netsh__32bit_windows_has_one_view(void **state)
{
	(void)state;
	char text[8192] = "\n";
	put_block(text, sizeof(text), "Base Service Provider", "MSAFD Tcpip [TCP/IP]",
		"%SystemRoot%\\system32\\mswsock.dll", 1001, 2, 1, 6, 0x20066, 1, NULL);
	strcat(text, NSP_BLOCK);
	ws2fix_catalog *cat = parse_ok(text);
	assert_false(cat->protocol[V64].info.present);
	assert_int_equal(cat->protocol[V64].info.count, 0);
	assert_true(cat->protocol[V32].info.present);
	assert_int_equal(cat->protocol[V32].info.count, 1);
	assert_false(cat->namespaces[V64].info.present);
	assert_int_equal(cat->namespaces[V32].info.count, 1);
	assert_string_equal(cat->namespaces[V32].entries[0].key, "000000000001");
	assert_non_null(cat->protocol[V64].info.key);
	ws2fix_catalog_free(cat);
}

/* An LSP: hidden entry and two chains, listed first; the 32-bit copy with
 * its own ids. */
static void test_netsh__lsp_chains_and_views(void **state)
{
	(void)state;
	char text[16384] = "\n";
	const char *lsp = "C:\\Program Files\\Example\\exlsp64.dll";
	put_block(text, sizeof(text), "Layered Chain Entry", "ExampleLSP over [MSAFD Tcpip [TCP/IP]]", lsp,
		1016, 2, 1, 6, 0x66, 2, "1015 : 1001");
	put_block(text, sizeof(text), "Base Service Provider", "MSAFD Tcpip [TCP/IP]",
		"%SystemRoot%\\system32\\mswsock.dll", 1001, 2, 1, 6, 0x20066, 1, NULL);
	put_block(text, sizeof(text), "Layered Service Provider", "ExampleLSP", lsp, 1015, 2, 0, 0, 0x66, 0, NULL);
	put_block(text, sizeof(text), "Layered Chain Entry (32)", "ExampleLSP over [MSAFD Tcpip [TCP/IP]]",
		"C:\\Program Files (x86)\\Example\\exlsp.dll", 1018, 2, 1, 6, 0x66, 3, "1017 : 1019 : 1001");
	put_block(text, sizeof(text), "Base Service Provider (32)", "MSAFD Tcpip [TCP/IP]",
		"%SystemRoot%\\system32\\mswsock.dll", 1001, 2, 1, 6, 0x20066, 1, NULL);
	strcat(text, NSP_BLOCK);
	strcat(text, "Name Space Provider Entry (32)\n"
		     "------------------------------------------------------\n"
		     "Description:                        Tcpip\n"
		     "Provider ID:                        {22059D40-7E9E-11CF-AE5A-00AA00A7112B}\n"
		     "Name Space:                         12\n"
		     "Active:                             0\n"
		     "Version:                            0\n\n\n");
	ws2fix_catalog *cat = parse_ok(text);
	assert_int_equal(cat->protocol[V64].info.count, 3);
	assert_int_equal(cat->protocol[V32].info.count, 2);
	const ws2fix_protocol_item *chain = &cat->protocol[V64].entries[0].item;
	assert_int_equal(chain->catalog_id, 1016);
	assert_int_equal(chain->chain_len, 2);
	assert_int_equal(chain->chain[0], 1015);
	assert_int_equal(chain->chain[1], 1001);
	assert_int_equal(chain->chain[2], 0);
	assert_int_equal(chain->provider_flags, 0);
	assert_int_equal(chain->service_flags[0], 0x66);
	assert_int_equal(ws2fix_protocol_item_kind(chain), WS2FIX_ENTRY_CHAIN);
	const ws2fix_protocol_item *hidden = &cat->protocol[V64].entries[2].item;
	assert_int_equal(hidden->chain_len, 0);
	assert_int_equal(hidden->provider_flags, WS2FIX_PFL_HIDDEN);
	assert_int_equal(ws2fix_protocol_item_kind(hidden), WS2FIX_ENTRY_LAYERED);
	assert_string_equal(hidden->library_path, lsp);
	const ws2fix_protocol_item *c32 = &cat->protocol[V32].entries[0].item;
	assert_int_equal(c32->chain_len, 3);
	assert_int_equal(c32->chain[1], 1019);
	assert_string_equal(cat->protocol[V32].entries[1].key, "000000000002");
	assert_int_equal(cat->namespaces[V64].info.count, 1);
	assert_int_equal(cat->namespaces[V32].info.count, 1);
	assert_int_equal(cat->namespaces[V32].entries[0].enabled, 0);
	/* raw carries the chain too */
	ws2fix_protocol_item back;
	ws2fix_packed_item_decode(&back, chain->raw, chain->raw_len);
	assert_int_equal(back.chain_len, 2);
	assert_int_equal(back.chain[0], 1015);
	ws2fix_catalog_free(cat);
}

/* netsh text shows chains, so it gets the chain checks too: a chain on
 * another DLL's layer and a chain on a base of another protocol are
 * CHAIN_BROKEN; the same DLL written another way is not. */
static void test_netsh__chain_on_wrong_layer_or_base(void **state)
{
	(void)state;
	char text[16384] = "\n";
	const char *mine = "C:\\Program Files\\Example\\exlsp64.dll";
	const char *other = "C:\\Program Files\\Other\\other64.dll";
	const char *mswsock = "%SystemRoot%\\system32\\mswsock.dll";
	put_block(text, sizeof(text), "Layered Chain Entry", "ExampleLSP over [MSAFD Tcpip [TCP/IP]]", mine,
		1016, 2, 1, 6, 0x66, 2, "1015 : 1001");
	put_block(text, sizeof(text), "Layered Chain Entry", "ExampleLSP over [MSAFD Tcpip [UDP/IP]]", mine,
		1017, 2, 2, 17, 0x66, 2, "1015 : 1001");
	put_block(text, sizeof(text), "Layered Chain Entry", "Other over [MSAFD Tcpip [TCP/IP]]", other,
		1021, 2, 1, 6, 0x66, 2, "1015 : 1001");
	put_block(text, sizeof(text), "Base Service Provider", "MSAFD Tcpip [TCP/IP]", mswsock, 1001, 2, 1, 6, 0x20066, 1, NULL);
	put_block(text, sizeof(text), "Base Service Provider", "MSAFD Tcpip [UDP/IP]", mswsock, 1002, 2, 2, 17, 0x20066, 1, NULL);
	put_block(text, sizeof(text), "Layered Service Provider", "ExampleLSP", mine, 1015, 2, 0, 0, 0x66, 0, NULL);
	put_block(text, sizeof(text), "Layered Service Provider", "Other", other, 1020, 2, 0, 0, 0x66, 0, NULL);
	put_block(text, sizeof(text), "Layered Chain Entry (32)", "ExampleLSP over [MSAFD Tcpip [TCP/IP]]",
		"C:\\WINDOWS\\SysWOW64\\EXLSP.DLL", 1018, 2, 1, 6, 0x66, 2, "1017 : 1001");
	put_block(text, sizeof(text), "Base Service Provider (32)", "MSAFD Tcpip [TCP/IP]", mswsock, 1001, 2, 1, 6, 0x20066, 1, NULL);
	put_block(text, sizeof(text), "Layered Service Provider (32)", "ExampleLSP", "%windir%\\system32\\exlsp.dll",
		1017, 2, 0, 0, 0x66, 0, NULL);
	strcat(text, NSP_BLOCK);
	ws2fix_catalog *cat = parse_ok(text);
	ws2fix_diagnose_options o = WS2FIX_DIAGNOSE_OPTIONS_INIT;
	ws2fix_diagnosis *d = NULL;
	assert_int_equal(ws2fix_diagnose(&d, NULL, cat, &o), 0);
	int wrong_layer = 0, wrong_base = 0, other_chain = 0;
	for (size_t i = 0; i < d->count; i++) {
		const ws2fix_finding *f = &d->findings[i];
		if (f->code != WS2FIX_F_CHAIN_BROKEN)
			continue;
		if (f->catalog_id == 1021 && f->view == V64 && strstr(f->message, "another provider") &&
		    strstr(f->message, "other64.dll") && strstr(f->message, "exlsp64.dll"))
			wrong_layer++;
		else if (f->catalog_id == 1017 && f->view == V64 && strstr(f->message, "socket type 1, protocol 6"))
			wrong_base++;
		else {
			print_message("  %s\n", f->message);
			other_chain++;
		}
	}
	assert_int_equal(wrong_layer, 1);
	assert_int_equal(wrong_base, 1);
	assert_int_equal(other_chain, 0);
	ws2fix_diagnosis_free(d);
	ws2fix_catalog_free(cat);
}

/* zh-CN labels (FORMAT.md), "(32)" without a space, chain line label. */
static void test_netsh__chinese_labels(void **state)
{
	(void)state;
	static const char text[] =
		"Winsock \xE7\x9B\xAE\xE5\xBD\x95\xE6\x8F\x90\xE4\xBE\x9B\xE7\xA8\x8B\xE5\xBA\x8F\xE9\xA1\xB9\n"
		"------------------------------------------------------\n"
		"\xE9\xA1\xB9\xE7\xB1\xBB\xE5\x9E\x8B:                             "
		"\xE5\x88\x86\xE5\xB1\x82\xE9\x93\xBE\xE9\xA1\xB9(32)\n"
		"\xE6\x8F\x8F\xE8\xBF\xB0:                               Example over [RAW/IP]\n"
		"\xE6\x8F\x90\xE4\xBE\x9B\xE7\xA8\x8B\xE5\xBA\x8F ID:                      "
		"{E70F1AA0-AB8B-11CF-8CA3-00805F48A192}\n"
		"\xE6\x8F\x90\xE4\xBE\x9B\xE7\xA8\x8B\xE5\xBA\x8F\xE8\xB7\xAF\xE5\xBE\x84:"
		"                        C:\\Example\\ex.dll\n"
		"\xE7\x9B\xAE\xE5\xBD\x95\xE9\xA1\xB9 ID:                          1020\n"
		"\xE7\x89\x88\xE6\x9C\xAC:                               2\n"
		"\xE5\x9C\xB0\xE5\x9D\x80\xE6\x97\x8F:                             2\n"
		"\xE6\x9C\x80\xE5\xA4\xA7\xE5\x9C\xB0\xE5\x9D\x80\xE9\x95\xBF\xE5\xBA\xA6:                       16\n"
		"\xE6\x9C\x80\xE5\xB0\x8F\xE5\x9C\xB0\xE5\x9D\x80\xE9\x95\xBF\xE5\xBA\xA6:                       16\n"
		"Socket \xE7\xB1\xBB\xE5\x9E\x8B:                        3\n"
		"\xE5\x8D\x8F\xE8\xAE\xAE:                               0\n"
		"\xE6\x9C\x8D\xE5\x8A\xA1\xE6\xA0\x87\xE5\xBF\x97:                           0x20609\n"
		"\xE5\x8D\x8F\xE8\xAE\xAE\xE9\x93\xBE\xE9\x95\xBF\xE5\xBA\xA6:                         2\n"
		"\xE5\x8D\x8F\xE8\xAE\xAE\xE9\x93\xBE: 1019 : 1006\n\n";
	ws2fix_catalog *cat = parse_ok(text);
	assert_int_equal(cat->protocol[V32].info.count, 1);
	assert_int_equal(cat->protocol[V64].info.count, 0);
	const ws2fix_protocol_item *it = &cat->protocol[V32].entries[0].item;
	assert_int_equal(it->catalog_id, 1020);
	assert_int_equal(it->socket_type, 3);
	assert_int_equal(it->chain[0], 1019);
	assert_int_equal(it->chain[1], 1006);
	ws2fix_catalog_free(cat);

	/* The same paste typed through a CJK input method: each label's colon
	 * is the full-width one (U+FF1A), and the values are read whole. */
	char wide[sizeof(text) * 2];
	size_t n = 0;
	int first = 1;
	for (const char *p = text; *p; p++) {
		if (*p == ':' && first) {
			memcpy(wide + n, "\xEF\xBC\x9A", 3);
			n += 3;
			first = 0;
			continue;
		}
		if (*p == '\n')
			first = 1;
		wide[n++] = *p;
	}
	wide[n] = 0;
	cat = parse_ok(wide);
	assert_int_equal(cat->protocol[V32].info.count, 1);
	it = &cat->protocol[V32].entries[0].item;
	assert_string_equal(it->protocol_name, "Example over [RAW/IP]");
	assert_string_equal(it->library_path, "C:\\Example\\ex.dll");
	assert_int_equal(it->catalog_id, 1020);
	assert_int_equal(it->chain_len, 2);
	assert_int_equal(it->chain[1], 1006);
	ws2fix_catalog_free(cat);
}

/* A language we have no labels for is read by position. */
static void test_netsh__unknown_language_by_position(void **state)
{
	(void)state;
	static const char text[] =
		"Entree de fournisseur du catalogue\n"
		"------------------------------------------------------\n"
		"Type d'entree:                      Fournisseur de base\n"
		"Description :                       MSAFD Tcpip [UDP/IP]\n"
		"ID du fournisseur:                  {E70F1AA0-AB8B-11CF-8CA3-00805F48A192}\n"
		"Chemin:                             %SystemRoot%\\system32\\mswsock.dll\n"
		"ID d'entree:                        1002\n"
		"Version:                            2\n"
		"Famille:                            2\n"
		"Longueur max:                       16\n"
		"Longueur min:                       16\n"
		"Type de socket:                     2\n"
		"Protocole:                          17\n"
		"Indicateurs:                        0x20609\n"
		"Longueur de chaine:                 1\n"
		"\n"
		"Entree de fournisseur d'espace de noms\n"
		"------------------------------------------------------\n"
		"Description:                        NTDS\n"
		"ID du fournisseur:                  {3B2637EE-E580-11CF-A555-00C04FD8D4AC}\n"
		"Espace de noms:                     32\n"
		"Actif:                              1\n"
		"Version:                            0\n\n";
	ws2fix_catalog *cat = parse_ok(text);
	assert_int_equal(cat->protocol[V32].info.count, 1);
	assert_int_equal(cat->protocol[V32].entries[0].item.protocol, 17);
	assert_int_equal(cat->namespaces[V32].info.count, 1);
	assert_int_equal(cat->namespaces[V32].entries[0].namespace_id, 32);
	ws2fix_catalog_free(cat);
}

static void test_netsh__netbios_negative_protocol(void **state)
{
	(void)state;
	char text[4096] = "";
	put_block(text, sizeof(text), "Base Service Provider", "MSAFD NetBIOS [\\Device\\NetBT_Tcpip_{X}] SEQPACKET 0",
		"%SystemRoot%\\system32\\mswsock.dll", 1007, 17, 5, -2147483647 - 1, 0x2000e, 1, NULL);
	ws2fix_catalog *cat = parse_ok(text);
	assert_int_equal((uint32_t)cat->protocol[V32].entries[0].item.protocol, 0x80000000u);
	ws2fix_catalog_free(cat);
}

/* ---- damage --------------------------------------------------------- */

static void test_netsh__malformed(void **state)
{
	(void)state;
	char text[8192];

	parse_bad("", "(netsh text):1:", "no entry");
	parse_bad("\n\n\r\n", NULL, "no entry");
	parse_bad("Winsock Catalog Provider Entry\n", NULL, "without its entry");

	/* non-numeric catalog id, at its line */
	text[0] = '\0';
	put_block(text, sizeof(text), "Base Service Provider", "X", "x.dll", 1001, 2, 1, 6, 0x20066, 1, NULL);
	char *id = strstr(text, "1001");
	memcpy(id, "10x1", 4);
	parse_bad(text, "(netsh text):7:", "not a number");

	/* bad GUID */
	text[0] = '\0';
	put_block(text, sizeof(text), "Base Service Provider", "X", "x.dll", 1001, 2, 1, 6, 0x20066, 1, NULL);
	memcpy(strstr(text, "{E70F"), "{Z70F", 5);
	parse_bad(text, ":5:", "not a GUID");

	/* truncated: the paste ends after Socket Type */
	text[0] = '\0';
	put_block(text, sizeof(text), "Base Service Provider", "X", "x.dll", 1001, 2, 1, 6, 0x20066, 1, NULL);
	*strstr(text, "Protocol:") = '\0';
	parse_bad(text, ":12:", "truncated");

	/* a line missing in the middle: the labels say so */
	text[0] = '\0';
	put_block(text, sizeof(text), "Base Service Provider", "X", "x.dll", 1001, 2, 1, 6, 0x20066, 1, NULL);
	char *ver = strstr(text, "Version:");
	memmove(ver, strchr(ver, '\n') + 1, strlen(strchr(ver, '\n') + 1) + 1);
	parse_bad(text, ":8:", "expected \"Version\"");

	/* chain length without the chain line, and a chain of the wrong size */
	text[0] = '\0';
	put_block(text, sizeof(text), "Layered Chain Entry", "X", "x.dll", 1002, 2, 1, 6, 0x66, 2, NULL);
	parse_bad(text, ":15:", "without the chain line");
	text[0] = '\0';
	put_block(text, sizeof(text), "Layered Chain Entry", "X", "x.dll", 1002, 2, 1, 6, 0x66, 2, "1001 : 1002 : 1003");
	parse_bad(text, ":16:", "3 ids");
	text[0] = '\0';
	put_block(text, sizeof(text), "Layered Chain Entry", "X", "x.dll", 1002, 2, 1, 6, 0x66, 2, "1001 : abc");
	parse_bad(text, ":16:", "not a list of ids");

	/* a fragment that starts mid-entry */
	snprintf(text, sizeof(text), "Catalog Entry ID:                   1005\nVersion: 2\n\n");
	put_block(text, sizeof(text), "Base Service Provider", "X", "x.dll", 1001, 2, 1, 6, 0x20066, 1, NULL);
	parse_bad(text, ":1:", "outside any entry");

	/* stray text between entries */
	text[0] = '\0';
	put_block(text, sizeof(text), "Base Service Provider", "X", "x.dll", 1001, 2, 1, 6, 0x20066, 1, NULL);
	strcat(text, "something else\n\n");
	put_block(text, sizeof(text), "Base Service Provider", "Y", "y.dll", 1002, 2, 1, 6, 0x20066, 1, NULL);
	parse_bad(text, ":17:", "between entries");

	/* a name-space entry cut short, and a line that is not label: value */
	snprintf(text, sizeof(text), "Name Space Provider Entry\n------------------------------------------------------\n"
				     "Description: Tcpip\nProvider ID: {22059D40-7E9E-11CF-AE5A-00AA00A7112B}\n\n");
	parse_bad(text, ":4:", "2 of 5");
	snprintf(text, sizeof(text), "Name Space Provider Entry\n------------------------------------------------------\n"
				     "Description Tcpip\n\n");
	parse_bad(text, ":3:", "label: value");

	/* a path that cannot fit PackedCatalogItem */
	char longpath[400];
	memset(longpath, 'a', sizeof(longpath) - 1);
	longpath[sizeof(longpath) - 1] = '\0';
	text[0] = '\0';
	put_block(text, sizeof(text), "Base Service Provider", "X", longpath, 1001, 2, 1, 6, 0x20066, 1, NULL);
	parse_bad(text, ":6:", "longer than 259");
}

/* Every prefix of a real listing either parses or is reported corrupt. */
static void test_netsh__prefixes_never_crash(void **state)
{
	(void)state;
	char *path = testutil_shared_path("corpus/netsh/02-winmedic-win11-25h2-de.txt");
	if (!path)
		testutil_skip();
	size_t len;
	unsigned char *text = testutil_read_file(path, &len);
	assert_non_null(text);
	size_t ok = 0;
	for (size_t n = 0; n <= len; n += (n < 1200 ? 1 : 37)) {
		ws2fix_catalog *cat = NULL;
		int rc = ws2fix_netsh_parse(&cat, text, n);
		assert_true(rc == 0 || rc == WS2FIX_ECORRUPT);
		if (rc == 0) {
			ok++;
			ws2fix_catalog_free(cat);
		} else {
			assert_null(cat);
		}
	}
	assert_true(ok > 0);
	/* the whole file, and the file with every second byte flipped to junk */
	for (size_t i = 0; i < len; i += 2)
		text[i] ^= 0x5A;
	ws2fix_catalog *cat = NULL;
	int rc = ws2fix_netsh_parse(&cat, text, len);
	assert_true(rc == 0 || rc == WS2FIX_ECORRUPT);
	ws2fix_catalog_free(cat);
	free(text);
	free(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_netsh__english_win11_x64),
		cmocka_unit_test(test_netsh__german_labels_match_english),
		cmocka_unit_test(test_netsh__english_win10_with_pnrp),
		cmocka_unit_test(test_netsh__hijackthis_log_is_not_a_listing),
		cmocka_unit_test(test_netsh__missing_file),
		cmocka_unit_test(test_netsh__utf16le_and_bom),
		cmocka_unit_test(test_netsh__windows_1252_text),
		cmocka_unit_test(test_netsh__paste_noise),
		cmocka_unit_test(test_netsh__32bit_windows_has_one_view),
		cmocka_unit_test(test_netsh__lsp_chains_and_views),
		cmocka_unit_test(test_netsh__chain_on_wrong_layer_or_base),
		cmocka_unit_test(test_netsh__chinese_labels),
		cmocka_unit_test(test_netsh__unknown_language_by_position),
		cmocka_unit_test(test_netsh__netbios_negative_protocol),
		cmocka_unit_test(test_netsh__malformed),
		cmocka_unit_test(test_netsh__prefixes_never_crash),
	};
	return testutil_result(cmocka_run_group_tests(tests, NULL, NULL));
}

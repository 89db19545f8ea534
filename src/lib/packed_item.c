/* SPDX-License-Identifier: MIT */
/*
 * PackedCatalogItem codec.  Layout from facts.md, verified on every real
 * hive in shared/hives: 260 bytes of ANSI LibraryPath, then a 628-byte
 * WSAPROTOCOL_INFOW (little-endian, no padding) = 888 bytes.
 */
#include <stdlib.h>
#include <string.h>

#include "errors_internal.h"
#include "ws2fix/catalog.h"
#include "../util/utf.h"

static uint32_t rd32(const unsigned char *b, size_t off)
{
	return (uint32_t)b[off] | ((uint32_t)b[off + 1] << 8) | ((uint32_t)b[off + 2] << 16) |
		((uint32_t)b[off + 3] << 24);
}

static void wr32(unsigned char *b, size_t off, uint32_t v)
{
	b[off] = (unsigned char)v;
	b[off + 1] = (unsigned char)(v >> 8);
	b[off + 2] = (unsigned char)(v >> 16);
	b[off + 3] = (unsigned char)(v >> 24);
}

static int32_t rds32(const unsigned char *b, size_t off)
{
	uint32_t u = rd32(b, off);
	int32_t s;
	memcpy(&s, &u, sizeof(s));
	return s;
}

static void wrs32(unsigned char *b, size_t off, int32_t v)
{
	uint32_t u;
	memcpy(&u, &v, sizeof(u));
	wr32(b, off, u);
}

void ws2fix_guid_from_bytes(ws2fix_guid *out, const unsigned char b[16])
{
	out->data1 = rd32(b, 0);
	out->data2 = (uint16_t)(b[4] | (b[5] << 8));
	out->data3 = (uint16_t)(b[6] | (b[7] << 8));
	memcpy(out->data4, b + 8, 8);
}

void ws2fix_guid_to_bytes(unsigned char out[16], const ws2fix_guid *g)
{
	wr32(out, 0, g->data1);
	out[4] = (unsigned char)g->data2;
	out[5] = (unsigned char)(g->data2 >> 8);
	out[6] = (unsigned char)g->data3;
	out[7] = (unsigned char)(g->data3 >> 8);
	memcpy(out + 8, g->data4, 8);
}

int ws2fix_guid_equal(const ws2fix_guid *a, const ws2fix_guid *b)
{
	return a->data1 == b->data1 && a->data2 == b->data2 && a->data3 == b->data3 &&
		memcmp(a->data4, b->data4, 8) == 0;
}

void ws2fix_guid_format(char out[39], const ws2fix_guid *g)
{
	static const char hex[] = "0123456789ABCDEF";
	unsigned char b[16];
	/* Canonical text order: data1..3 big-endian, data4 as stored. */
	b[0] = (unsigned char)(g->data1 >> 24); b[1] = (unsigned char)(g->data1 >> 16);
	b[2] = (unsigned char)(g->data1 >> 8);  b[3] = (unsigned char)g->data1;
	b[4] = (unsigned char)(g->data2 >> 8);  b[5] = (unsigned char)g->data2;
	b[6] = (unsigned char)(g->data3 >> 8);  b[7] = (unsigned char)g->data3;
	memcpy(b + 8, g->data4, 8);
	char *p = out;
	*p++ = '{';
	for (int i = 0; i < 16; i++) {
		if (i == 4 || i == 6 || i == 8 || i == 10)
			*p++ = '-';
		*p++ = hex[b[i] >> 4];
		*p++ = hex[b[i] & 15];
	}
	*p++ = '}';
	*p = '\0';
}

int ws2fix_guid_parse(ws2fix_guid *out, const char *text)
{
	const char *p = text;
	size_t n = strlen(text);
	if (n == 38 && p[0] == '{' && p[37] == '}') {
		p++;
		n = 36;
	}
	if (n != 36 || p[8] != '-' || p[13] != '-' || p[18] != '-' || p[23] != '-')
		return ws2fix__fail(WS2FIX_EINVALID, WS2FIX_ERRCLASS_INVALID, "'%s' is not a GUID", text);
	unsigned char b[16];
	int k = 0;
	for (size_t i = 0; i < 36 && k < 16; i++) {
		if (i == 8 || i == 13 || i == 18 || i == 23)
			continue;
		int hi = ws2fix__hexval(p[i]), lo = ws2fix__hexval(p[i + 1]);
		if (hi < 0 || lo < 0)
			return ws2fix__fail(WS2FIX_EINVALID, WS2FIX_ERRCLASS_INVALID, "'%s' is not a GUID", text);
		b[k++] = (unsigned char)(hi << 4 | lo);
		i++;
	}
	out->data1 = ((uint32_t)b[0] << 24) | ((uint32_t)b[1] << 16) | ((uint32_t)b[2] << 8) | b[3];
	out->data2 = (uint16_t)(b[4] << 8 | b[5]);
	out->data3 = (uint16_t)(b[6] << 8 | b[7]);
	memcpy(out->data4, b + 8, 8);
	return 0;
}

int ws2fix_packed_item_decode(ws2fix_protocol_item *out, const unsigned char *data, size_t len)
{
	if (!out || (!data && len))
		return ws2fix__fail(WS2FIX_EINVALID, WS2FIX_ERRCLASS_INVALID, "no item to decode");
	memset(out, 0, sizeof(*out));
	size_t n = len < WS2FIX_PACKED_ITEM_SIZE ? len : WS2FIX_PACKED_ITEM_SIZE;
	if (n)
		memcpy(out->raw, data, n);
	out->raw_len = len;
	if (len != WS2FIX_PACKED_ITEM_SIZE)
		out->problems |= WS2FIX_ITEM_BAD_SIZE;
	const unsigned char *b = out->raw; /* zero-padded when short */

	/* The path is ANSI; stop at the first NUL (bytes after it are stale heap). */
	if (!memchr(b, 0, WS2FIX_PATH_BYTES))
		out->problems |= WS2FIX_ITEM_PATH_NO_NUL;
	ws2fix__cp1252_to_utf8(out->library_path, sizeof(out->library_path), b, WS2FIX_PATH_BYTES);
	if (!out->library_path[0])
		out->problems |= WS2FIX_ITEM_PATH_EMPTY;

	for (int i = 0; i < 4; i++)
		out->service_flags[i] = rd32(b, WS2FIX_OFF_SERVICE_FLAGS + 4u * (unsigned)i);
	out->provider_flags = rd32(b, WS2FIX_OFF_PROVIDER_FLAGS);
	ws2fix_guid_from_bytes(&out->provider_id, b + WS2FIX_OFF_PROVIDER_ID);
	out->catalog_id = rd32(b, WS2FIX_OFF_CATALOG_ID);
	out->chain_len = rds32(b, WS2FIX_OFF_CHAIN_LEN);
	for (int i = 0; i < WS2FIX_MAX_CHAIN_LEN; i++)
		out->chain[i] = rd32(b, WS2FIX_OFF_CHAIN_ENTRIES + 4u * (unsigned)i);
	if (out->chain_len > WS2FIX_MAX_CHAIN_LEN)
		out->problems |= WS2FIX_ITEM_CHAIN_TOO_LONG;
	if (out->chain_len < 0)
		out->problems |= WS2FIX_ITEM_CHAIN_NEGATIVE;
	out->version = rds32(b, WS2FIX_OFF_VERSION);
	out->address_family = rds32(b, WS2FIX_OFF_ADDRESS_FAMILY);
	out->max_sockaddr = rds32(b, WS2FIX_OFF_MAX_SOCKADDR);
	out->min_sockaddr = rds32(b, WS2FIX_OFF_MIN_SOCKADDR);
	out->socket_type = rds32(b, WS2FIX_OFF_SOCKET_TYPE);
	out->protocol = rds32(b, WS2FIX_OFF_PROTOCOL);
	out->protocol_max_offset = rds32(b, WS2FIX_OFF_PROTOCOL_MAX_OFFSET);
	out->network_byte_order = rds32(b, WS2FIX_OFF_NETWORK_BYTE_ORDER);
	out->security_scheme = rds32(b, WS2FIX_OFF_SECURITY_SCHEME);
	out->message_size = rd32(b, WS2FIX_OFF_MESSAGE_SIZE);
	out->provider_reserved = rd32(b, WS2FIX_OFF_PROVIDER_RESERVED);

	const unsigned char *name = b + WS2FIX_OFF_PROTOCOL_NAME;
	size_t wchars = WS2FIX_PROTOCOL_NAME_WCHARS, nul = wchars;
	for (size_t i = 0; i < wchars; i++) {
		if (name[2 * i] == 0 && name[2 * i + 1] == 0) {
			nul = i;
			break;
		}
	}
	if (nul == wchars)
		out->problems |= WS2FIX_ITEM_NAME_NO_NUL;
	/* Convert into the fixed field without allocating: UTF-8 needs at most
	 * 3 bytes per UTF-16 unit, which the field is sized for. */
	size_t o = 0;
	for (size_t i = 0; i < nul; i++) {
		uint32_t u = (uint32_t)name[2 * i] | ((uint32_t)name[2 * i + 1] << 8);
		if (u >= 0xD800 && u <= 0xDBFF && i + 1 < nul) {
			uint32_t lo = (uint32_t)name[2 * i + 2] | ((uint32_t)name[2 * i + 3] << 8);
			if (lo >= 0xDC00 && lo <= 0xDFFF) {
				uint32_t cp = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00);
				out->protocol_name[o++] = (char)(0xF0 | (cp >> 18));
				out->protocol_name[o++] = (char)(0x80 | ((cp >> 12) & 0x3F));
				out->protocol_name[o++] = (char)(0x80 | ((cp >> 6) & 0x3F));
				out->protocol_name[o++] = (char)(0x80 | (cp & 0x3F));
				i++;
				continue;
			}
		}
		if (u >= 0xD800 && u <= 0xDFFF) {
			out->problems |= WS2FIX_ITEM_BAD_NAME_UTF16;
			u = 0xFFFD;
		}
		if (u < 0x80) {
			out->protocol_name[o++] = (char)u;
		} else if (u < 0x800) {
			out->protocol_name[o++] = (char)(0xC0 | (u >> 6));
			out->protocol_name[o++] = (char)(0x80 | (u & 0x3F));
		} else {
			out->protocol_name[o++] = (char)(0xE0 | (u >> 12));
			out->protocol_name[o++] = (char)(0x80 | ((u >> 6) & 0x3F));
			out->protocol_name[o++] = (char)(0x80 | (u & 0x3F));
		}
	}
	out->protocol_name[o] = '\0';
	return 0;
}

/* Current text of the path / name as they stand in raw, to tell whether the
 * caller changed them (then they are rewritten, else raw stays as is). */
static int path_changed(const ws2fix_protocol_item *item)
{
	char cur[sizeof(item->library_path)];
	ws2fix__cp1252_to_utf8(cur, sizeof(cur), item->raw, WS2FIX_PATH_BYTES);
	return strcmp(cur, item->library_path) != 0;
}

static int name_changed(const ws2fix_protocol_item *item)
{
	ws2fix_protocol_item tmp;
	ws2fix_packed_item_decode(&tmp, item->raw, WS2FIX_PACKED_ITEM_SIZE);
	return strcmp(tmp.protocol_name, item->protocol_name) != 0;
}

int ws2fix_packed_item_encode(unsigned char out[WS2FIX_PACKED_ITEM_SIZE], const ws2fix_protocol_item *item)
{
	unsigned char b[WS2FIX_PACKED_ITEM_SIZE];
	memcpy(b, item->raw, sizeof(b));

	if (path_changed(item)) {
		unsigned char path[WS2FIX_PATH_BYTES + 1];
		size_t n = ws2fix__utf8_to_cp1252(path, sizeof(path), item->library_path);
		if (n == (size_t)-1 || n >= WS2FIX_PATH_BYTES)
			return ws2fix__fail(WS2FIX_EINVALID, WS2FIX_ERRCLASS_CATALOG,
				"provider path is longer than 259 characters");
		memset(b, 0, WS2FIX_PATH_BYTES);
		memcpy(b, path, n);
	}
	for (int i = 0; i < 4; i++)
		wr32(b, WS2FIX_OFF_SERVICE_FLAGS + 4u * (unsigned)i, item->service_flags[i]);
	wr32(b, WS2FIX_OFF_PROVIDER_FLAGS, item->provider_flags);
	ws2fix_guid_to_bytes(b + WS2FIX_OFF_PROVIDER_ID, &item->provider_id);
	wr32(b, WS2FIX_OFF_CATALOG_ID, item->catalog_id);
	wrs32(b, WS2FIX_OFF_CHAIN_LEN, item->chain_len);
	for (int i = 0; i < WS2FIX_MAX_CHAIN_LEN; i++)
		wr32(b, WS2FIX_OFF_CHAIN_ENTRIES + 4u * (unsigned)i, item->chain[i]);
	wrs32(b, WS2FIX_OFF_VERSION, item->version);
	wrs32(b, WS2FIX_OFF_ADDRESS_FAMILY, item->address_family);
	wrs32(b, WS2FIX_OFF_MAX_SOCKADDR, item->max_sockaddr);
	wrs32(b, WS2FIX_OFF_MIN_SOCKADDR, item->min_sockaddr);
	wrs32(b, WS2FIX_OFF_SOCKET_TYPE, item->socket_type);
	wrs32(b, WS2FIX_OFF_PROTOCOL, item->protocol);
	wrs32(b, WS2FIX_OFF_PROTOCOL_MAX_OFFSET, item->protocol_max_offset);
	wrs32(b, WS2FIX_OFF_NETWORK_BYTE_ORDER, item->network_byte_order);
	wrs32(b, WS2FIX_OFF_SECURITY_SCHEME, item->security_scheme);
	wr32(b, WS2FIX_OFF_MESSAGE_SIZE, item->message_size);
	wr32(b, WS2FIX_OFF_PROVIDER_RESERVED, item->provider_reserved);

	if (name_changed(item)) {
		unsigned char *w = NULL;
		size_t wlen = 0;
		int rc = ws2fix__utf8_to_utf16le(&w, &wlen, item->protocol_name, strlen(item->protocol_name), 1);
		if (rc < 0)
			return rc;
		if (wlen > WS2FIX_PROTOCOL_NAME_WCHARS * 2) {
			free(w);
			return ws2fix__fail(WS2FIX_EINVALID, WS2FIX_ERRCLASS_CATALOG,
				"protocol name is longer than 255 characters");
		}
		memset(b + WS2FIX_OFF_PROTOCOL_NAME, 0, WS2FIX_PROTOCOL_NAME_WCHARS * 2);
		memcpy(b + WS2FIX_OFF_PROTOCOL_NAME, w, wlen);
		free(w);
	}
	memcpy(out, b, sizeof(b));
	return 0;
}

enum ws2fix_entry_kind ws2fix_protocol_item_kind(const ws2fix_protocol_item *item)
{
	if (item->chain_len == 0)
		return WS2FIX_ENTRY_LAYERED;
	if (item->chain_len == 1)
		return WS2FIX_ENTRY_BASE;
	if (item->chain_len >= 2 && item->chain_len <= WS2FIX_MAX_CHAIN_LEN)
		return WS2FIX_ENTRY_CHAIN;
	return WS2FIX_ENTRY_INVALID;
}

const char *ws2fix_entry_kind_name(enum ws2fix_entry_kind k)
{
	switch (k) {
	case WS2FIX_ENTRY_LAYERED: return "layered";
	case WS2FIX_ENTRY_BASE: return "base";
	case WS2FIX_ENTRY_CHAIN: return "chain";
	default: return "invalid";
	}
}

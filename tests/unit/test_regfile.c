/* SPDX-License-Identifier: MIT */
/*
 * The .reg source: parser (real regedit, hivexregedit and REGEDIT4
 * exports, then synthetic files for every value type, encoding and error),
 * the .reg backend, and the writer (byte-exact against regedit's own
 * output and its wrapping rule, and round trips of every value type).
 */
#define _POSIX_C_SOURCE 200809L
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "testutil.h"
#include "lib/regformat/regtree.h"
#include "lib/regformat/regformat.h"
#include "util/utf.h"
#include "ws2fix/errors.h"
#include "ws2fix/regfile.h"
#include "ws2fix/registry.h"

/* ---- helpers ----------------------------------------------------------- */

static int parse_bytes(ws2fix_regtree **out, const void *data, size_t len)
{
	assert_int_equal(ws2fix__regtree_new(out), 0);
	return ws2fix__regfile_parse(*out, data, len, "t.reg", NULL);
}

static ws2fix_regtree *parse_ok(const char *text)
{
	ws2fix_regtree *t = NULL;
	int rc = parse_bytes(&t, text, strlen(text));
	if (rc != 0)
		fail_msg("parse failed: %s", ws2fix_error_last()->message);
	return t;
}

static const ws2fix_regtree_value *val(ws2fix_regtree *t, const char *path, const char *name)
{
	ws2fix_regtree_key *k = NULL;
	if (ws2fix__regtree_find(&k, t, path, strlen(path)) != 0)
		return NULL;
	return ws2fix__regtree_value(k, name, strlen(name));
}

static void assert_value(ws2fix_regtree *t, const char *path, const char *name, uint32_t type,
	const void *data, size_t len)
{
	const ws2fix_regtree_value *v = val(t, path, name);
	if (!v)
		fail_msg("no value \"%s\" in %s", name, path);
	assert_int_equal(v->type, type);
	assert_int_equal(v->len, len);
	if (len)
		assert_memory_equal(v->data, data, len);
}

/* A REG_SZ as the registry keeps it: UTF-16LE with its terminator. */
static void assert_sz(ws2fix_regtree *t, const char *path, const char *name, const char *utf8)
{
	unsigned char *w = NULL;
	size_t n = 0;
	assert_int_equal(ws2fix__utf8_to_utf16le(&w, &n, utf8, strlen(utf8), 1), 0);
	assert_value(t, path, name, WS2FIX_REG_SZ, w, n);
	free(w);
}

static void assert_dword(ws2fix_regtree *t, const char *path, const char *name, uint32_t v)
{
	unsigned char d[4] = {(unsigned char)v, (unsigned char)(v >> 8), (unsigned char)(v >> 16),
		(unsigned char)(v >> 24)};
	assert_value(t, path, name, WS2FIX_REG_DWORD, d, 4);
}

static int key_exists(ws2fix_regtree *t, const char *path)
{
	ws2fix_regtree_key *k;
	return ws2fix__regtree_find(&k, t, path, strlen(path)) == 0;
}

/* UTF-8 text to UTF-16LE bytes with a BOM. */
static unsigned char *to_utf16(const char *text, size_t *len)
{
	unsigned char *w = NULL;
	size_t n = 0;
	assert_int_equal(ws2fix__utf8_to_utf16le(&w, &n, text, strlen(text), 0), 0);
	unsigned char *r = malloc(n + 2);
	assert_non_null(r);
	r[0] = 0xFF;
	r[1] = 0xFE;
	memcpy(r + 2, w, n);
	free(w);
	*len = n + 2;
	return r;
}

/* LF to CRLF. */
static char *crlf(const char *text)
{
	size_t n = strlen(text), lf = 0;
	for (size_t i = 0; i < n; i++)
		lf += text[i] == '\n';
	char *r = malloc(n + lf + 1), *o = r;
	assert_non_null(r);
	for (size_t i = 0; i < n; i++) {
		if (text[i] == '\n')
			*o++ = '\r';
		*o++ = text[i];
	}
	*o = 0;
	return r;
}

/* Two trees hold the same keys (same names, same order) and values (same
 * names, order, types and bytes). */
static void assert_same_key(const ws2fix_regtree_key *a, const ws2fix_regtree_key *b)
{
	assert_string_equal(a->e.name, b->e.name);
	assert_int_equal(a->values.count, b->values.count);
	const ws2fix_regtree_value *va = ws2fix__regtree_first_value(a);
	const ws2fix_regtree_value *vb = ws2fix__regtree_first_value(b);
	for (; va && vb; va = ws2fix__regtree_next_value(va), vb = ws2fix__regtree_next_value(vb)) {
		assert_string_equal(va->e.name, vb->e.name);
		assert_int_equal(va->type, vb->type);
		assert_int_equal(va->len, vb->len);
		if (va->len)
			assert_memory_equal(va->data, vb->data, va->len);
	}
	assert_int_equal(a->subkeys.count, b->subkeys.count);
	const ws2fix_regtree_key *ka = ws2fix__regtree_first_subkey(a);
	const ws2fix_regtree_key *kb = ws2fix__regtree_first_subkey(b);
	for (; ka && kb; ka = ws2fix__regtree_next_sibling(ka), kb = ws2fix__regtree_next_sibling(kb))
		assert_same_key(ka, kb);
}

static void assert_same_tree(ws2fix_regtree *a, ws2fix_regtree *b)
{
	assert_same_key(ws2fix__regtree_root(a), ws2fix__regtree_root(b));
}

/* The same comparison through the public API, for any two sources. */
static void assert_same_registry(ws2fix_registry *a, ws2fix_registry *b, const char *path)
{
	ws2fix_strlist va = {0}, vb = {0}, sa = {0}, sb = {0};
	assert_int_equal(ws2fix_registry_values(&va, a, path), 0);
	assert_int_equal(ws2fix_registry_values(&vb, b, path), 0);
	assert_int_equal(va.count, vb.count);
	for (size_t i = 0; i < va.count; i++) {
		ws2fix_regvalue x = {0}, y = {0};
		assert_string_equal(va.items[i], vb.items[i]);
		assert_int_equal(ws2fix_registry_get_value(&x, a, path, va.items[i]), 0);
		assert_int_equal(ws2fix_registry_get_value(&y, b, path, va.items[i]), 0);
		assert_int_equal(x.type, y.type);
		assert_int_equal(x.len, y.len);
		if (x.len)
			assert_memory_equal(x.data, y.data, x.len);
		ws2fix_regvalue_clear(&x);
		ws2fix_regvalue_clear(&y);
	}
	assert_int_equal(ws2fix_registry_subkeys(&sa, a, path), 0);
	assert_int_equal(ws2fix_registry_subkeys(&sb, b, path), 0);
	assert_int_equal(sa.count, sb.count);
	for (size_t i = 0; i < sa.count; i++) {
		assert_string_equal(sa.items[i], sb.items[i]);
		char *sub = testutil_join(path, *path ? "\\" : "", sa.items[i]);
		assert_same_registry(a, b, sub);
		free(sub);
	}
	ws2fix_strlist_clear(&va);
	ws2fix_strlist_clear(&vb);
	ws2fix_strlist_clear(&sa);
	ws2fix_strlist_clear(&sb);
}

static ws2fix_registry *open_reg(const char *path, int writable)
{
	ws2fix_open_options o = WS2FIX_OPEN_OPTIONS_INIT;
	ws2fix_registry *r = NULL;
	o.writable = writable;
	int rc = ws2fix_registry_open_regfile(&r, path, &o);
	if (rc != 0)
		fail_msg("cannot open %s: %s", path, ws2fix_error_last()->message);
	return r;
}

static uint32_t reg_dword(ws2fix_registry *r, const char *path, const char *name)
{
	ws2fix_regvalue v = {0};
	uint32_t d = 0;
	if (ws2fix_registry_get_value(&v, r, path, name) != 0)
		fail_msg("no %s in %s: %s", name, path, ws2fix_error_last()->message);
	assert_int_equal(ws2fix_regvalue_dword(&d, &v), 0);
	ws2fix_regvalue_clear(&v);
	return d;
}

static char *reg_string(ws2fix_registry *r, const char *path, const char *name)
{
	ws2fix_regvalue v = {0};
	char *s = NULL;
	if (ws2fix_registry_get_value(&v, r, path, name) != 0)
		fail_msg("no %s in %s: %s", name, path, ws2fix_error_last()->message);
	assert_int_equal(ws2fix_regvalue_string(&s, &v), 0);
	ws2fix_regvalue_clear(&v);
	return s;
}

/* Every entry of a protocol catalog has an 888-byte PackedCatalogItem and
 * the entries are numbered 1..N in key order. */
static size_t check_protocol_entries(ws2fix_registry *r, const char *entries)
{
	ws2fix_strlist subs = {0};
	assert_int_equal(ws2fix_registry_subkeys(&subs, r, entries), 0);
	for (size_t i = 0; i < subs.count; i++) {
		char want[32], path[512];
		ws2fix_regvalue v = {0};
		snprintf(want, sizeof(want), "%012zu", i + 1);
		assert_string_equal(subs.items[i], want);
		snprintf(path, sizeof(path), "%s\\%s", entries, subs.items[i]);
		assert_int_equal(ws2fix_registry_get_value(&v, r, path, "PackedCatalogItem"), 0);
		assert_int_equal(v.type, WS2FIX_REG_BINARY);
		assert_int_equal(v.len, 888);
		ws2fix_regvalue_clear(&v);
	}
	size_t n = subs.count;
	ws2fix_strlist_clear(&subs);
	return n;
}

static void assert_corrupt_at(const void *data, size_t len, unsigned long line)
{
	ws2fix_regtree *t = NULL;
	char want[32];
	int rc = parse_bytes(&t, data, len);
	assert_int_equal(rc, WS2FIX_ECORRUPT);
	snprintf(want, sizeof(want), "t.reg:%lu: ", line);
	const char *msg = ws2fix_error_last()->message;
	if (strncmp(msg, want, strlen(want)) != 0)
		fail_msg("expected \"%s...\", got \"%s\"", want, msg);
	assert_int_equal(ws2fix_error_last()->klass, WS2FIX_ERRCLASS_REGFILE);
	ws2fix__regtree_free(t);
}

static void assert_corrupt_text(const char *text, unsigned long line)
{
	assert_corrupt_at(text, strlen(text), line);
}

#define HDR "Windows Registry Editor Version 5.00\n\n"
#define CS1 "[HKEY_LOCAL_MACHINE\\SYSTEM\\ControlSet001\\T]\n"

/* ---- real exports ------------------------------------------------------ */

#define BCCC "CurrentControlSet\\Services\\WinSock2\\Parameters"

static void test_regfile__parses_utf16_export(void **state)
{
	(void)state;
	char *path = testutil_shared_path("corpus/cingchun-bccc/winsock2.reg");
	if (!path)
		testutil_skip();
	ws2fix_registry *r = open_reg(path, 0);
	assert_string_equal(ws2fix_registry_kind(r), "reg");
	assert_string_equal(ws2fix_registry_controlset(r), "CurrentControlSet");
	assert_int_equal(ws2fix_registry_controlset_number(r), 0);

	assert_int_equal(reg_dword(r, BCCC "\\Protocol_Catalog9", "Num_Catalog_Entries"), 19);
	assert_int_equal(reg_dword(r, BCCC "\\Protocol_Catalog9", "Num_Catalog_Entries64"), 19);
	assert_int_equal(reg_dword(r, BCCC "\\Protocol_Catalog9", "Next_Catalog_Entry_ID"), 1032);
	assert_int_equal(reg_dword(r, BCCC "\\Protocol_Catalog9", "Serial_Access_Num"), 172);
	assert_int_equal(reg_dword(r, BCCC "\\NameSpace_Catalog5", "Num_Catalog_Entries64"), 7);
	assert_int_equal(check_protocol_entries(r, BCCC "\\Protocol_Catalog9\\Catalog_Entries"), 19);
	assert_int_equal(check_protocol_entries(r, BCCC "\\Protocol_Catalog9\\Catalog_Entries64"), 19);

	char *s = reg_string(r, BCCC, "AutodialDLL");
	assert_string_equal(s, "C:\\Windows\\System32\\rasadhlp.dll");
	free(s);
	/* Case-insensitive paths and names, as Windows. */
	s = reg_string(r, "currentcontrolset\\services\\winsock2\\PARAMETERS", "current_protocol_catalog");
	assert_string_equal(s, "Protocol_Catalog9");
	free(s);

	/* hex(2) keeps its bytes and its type. */
	ws2fix_regvalue v = {0};
	assert_int_equal(ws2fix_registry_get_value(&v, r, BCCC, "NameSpace_Callout"), 0);
	assert_int_equal(v.type, WS2FIX_REG_EXPAND_SZ);
	assert_int_equal(ws2fix_regvalue_string(&s, &v), 0);
	assert_string_equal(s, "%SystemRoot%\\System32\\fwpuclnt.dll");
	assert_int_equal(v.len, (strlen(s) + 1) * 2);
	free(s);
	ws2fix_regvalue_clear(&v);
	/* An empty hex: is a zero-length REG_BINARY. */
	assert_int_equal(ws2fix_registry_get_value(&v, r,
		BCCC "\\NameSpace_Catalog5\\Catalog_Entries\\000000000001", "ProviderInfo"), 0);
	assert_int_equal(v.type, WS2FIX_REG_BINARY);
	assert_int_equal(v.len, 0);
	ws2fix_regvalue_clear(&v);

	/* Stored order, not sorted order. */
	ws2fix_strlist l = {0};
	assert_int_equal(ws2fix_registry_values(&l, r, BCCC), 0);
	assert_int_equal(l.count, 5);
	assert_string_equal(l.items[0], "WinSock_Registry_Version");
	assert_string_equal(l.items[1], "AutodialDLL");
	assert_string_equal(l.items[2], "NameSpace_Callout");
	assert_string_equal(l.items[4], "Current_Protocol_Catalog");
	ws2fix_strlist_clear(&l);
	assert_int_equal(ws2fix_registry_values(&l, r, BCCC "\\Protocol_Catalog9"), 0);
	assert_int_equal(l.count, 4);
	assert_string_equal(l.items[0], "Num_Catalog_Entries");
	assert_string_equal(l.items[1], "Next_Catalog_Entry_ID");
	assert_string_equal(l.items[2], "Serial_Access_Num");
	assert_string_equal(l.items[3], "Num_Catalog_Entries64");
	ws2fix_strlist_clear(&l);
	assert_int_equal(ws2fix_registry_subkeys(&l, r, BCCC), 0);
	assert_int_equal(l.count, 3);
	assert_string_equal(l.items[0], "AppId_Catalog");
	assert_string_equal(l.items[1], "NameSpace_Catalog5");
	assert_string_equal(l.items[2], "Protocol_Catalog9");
	ws2fix_strlist_clear(&l);

	assert_int_equal(ws2fix_registry_key_exists(r, BCCC "\\Nope"), 0);
	assert_int_equal(ws2fix_registry_get_value(&v, r, BCCC, "Nope"), WS2FIX_ENOTFOUND);
	assert_int_equal(ws2fix_registry_subkeys(&l, r, BCCC "\\Nope"), WS2FIX_ENOTFOUND);
	/* Read-only: the front end refuses writes. */
	assert_int_equal(ws2fix_registry_set_value(r, BCCC, "x", WS2FIX_REG_DWORD, "\0\0\0\0", 4),
		WS2FIX_EREADONLY);
	ws2fix_registry_free(r);
	free(path);
}

/* Our export of the same key is the very file regedit wrote. */
static void export_matches(const char *rel, const char *key)
{
	char *path = testutil_shared_path(rel);
	if (!path)
		testutil_skip();
	size_t olen = 0, len = 0;
	unsigned char *orig = testutil_read_file(path, &olen), *out = NULL;
	assert_non_null(orig);
	ws2fix_registry *r = open_reg(path, 0);
	const char *paths[] = {key};
	assert_int_equal(ws2fix_regfile_export_buf(&out, &len, r, paths, 1), 0);
	if (len != olen || memcmp(out, orig, len) != 0) {
		size_t i = 0;
		while (i < len && i < olen && out[i] == orig[i])
			i++;
		fail_msg("%s: export differs from regedit's at byte %zu (sizes %zu, %zu)", rel, i, len,
			olen);
	}
	free(out);
	free(orig);
	ws2fix_registry_free(r);
	free(path);
}

static void test_regfile__export_is_byte_identical_to_regedit(void **state)
{
	(void)state;
	export_matches("corpus/cingchun-bccc/winsock2.reg", "CurrentControlSet\\Services\\WinSock2");
	export_matches("corpus/cingchun-bccc/winsock.reg", "CurrentControlSet\\Services\\Winsock");
	/* The caller's spelling does not matter: names come from the source. */
	export_matches("corpus/cingchun-bccc/winsock2.reg", "currentcontrolset\\SERVICES\\winsock2\\");
}

static const char *const hivex_exports[] = {
	"corpus/regipy-hives/SYSTEM.win7sp1-x86.ControlSet001.WinSock2.derived.reg",
	"corpus/regipy-hives/SYSTEM_2.win81-x64.ControlSet001.WinSock2.derived.reg",
	"corpus/regipy-hives/SYSTEM_B.win10-1709-x64.ControlSet001.WinSock2.derived.reg",
	"corpus/regipy-hives/SYSTEM_WIN_10_1709.win10-1903-x64.ControlSet001.WinSock2.derived.reg",
};
static const size_t hivex_entries[] = {24, 10, 13, 16};

/* Export, write, reopen: the same registry again. */
static void assert_round_trip(ws2fix_registry *r, const char *key)
{
	unsigned char *out = NULL;
	size_t len = 0;
	const char *paths[] = {key};
	assert_int_equal(ws2fix_regfile_export_buf(&out, &len, r, paths, 1), 0);
	char *dir = testutil_tempdir();
	char *file = testutil_write_file(dir, "rt.reg", out, len);
	ws2fix_registry *back = open_reg(file, 0);
	assert_same_registry(r, back, key);
	ws2fix_registry_free(back);
	remove(file);
	remove(dir);
	free(file);
	free(dir);
	free(out);
}

static void test_regfile__parses_hivexregedit_exports(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(hivex_exports) / sizeof(*hivex_exports); i++) {
		char *path = testutil_shared_path(hivex_exports[i]);
		if (!path)
			testutil_skip();
		ws2fix_registry *r = open_reg(path, 0);
		/* Read where the running machine has it; the export's own key is kept. */
		assert_string_equal(ws2fix_registry_controlset(r), "CurrentControlSet");
		assert_string_equal(ws2fix_registry_source_controlset(r), "ControlSet001");
		assert_int_equal(ws2fix_registry_controlset_number(r), 1);
		/* The file says "services"; lookups do not care. */
		const char *cat = "ControlSet001\\Services\\WinSock2\\Parameters\\Protocol_Catalog9";
		uint32_t n = reg_dword(r, cat, "Num_Catalog_Entries");
		assert_int_equal(n, hivex_entries[i]);
		char entries[256];
		snprintf(entries, sizeof(entries), "%s\\Catalog_Entries", cat);
		assert_int_equal(check_protocol_entries(r, entries), n);
		/* hex(1) is a REG_SZ with the bytes given. */
		char *s = reg_string(r, "ControlSet001\\Services\\WinSock2\\Parameters",
			"Current_Protocol_Catalog");
		assert_string_equal(s, "Protocol_Catalog9");
		free(s);
		assert_round_trip(r, "ControlSet001\\Services\\WinSock2");
		ws2fix_registry_free(r);
		free(path);
	}
}

static void test_regfile__parses_regedit4_winme_export(void **state)
{
	(void)state;
	char *path = testutil_shared_path("corpus/dfwinreg-winme/SYSTEM.DAT.WinSock2.derived.reg");
	if (!path)
		testutil_skip();
	ws2fix_registry *r = open_reg(path, 0);
	/* "HKEY_LOCAL_MACHINE\System\CurrentControlSet" in the file. */
	assert_string_equal(ws2fix_registry_controlset(r), "CurrentControlSet");
	const char *cat = "CurrentControlSet\\Services\\WinSock2\\Parameters\\Protocol_Catalog9";
	assert_int_equal(reg_dword(r, cat, "Num_Catalog_Entries"), 6);
	assert_int_equal(reg_dword(r, cat, "Next_Catalog_Entry_ID"), 0x403);
	assert_int_equal(reg_dword(r, cat, "Next_Provider_ID"), 1);
	char entries[256];
	snprintf(entries, sizeof(entries), "%s\\Catalog_Entries", cat);
	assert_int_equal(check_protocol_entries(r, entries), 6);
	char *s = reg_string(r, "CurrentControlSet\\Services\\WinSock2\\Parameters",
		"WinSock_Registry_Version");
	assert_string_equal(s, "2.0");
	free(s);
	assert_round_trip(r, "CurrentControlSet\\Services\\WinSock2");
	ws2fix_registry_free(r);
	free(path);
}

/* ---- synthetic files: value types -------------------------------------- */

#define T "ControlSet001\\T"

static const char every_type[] =
	HDR
	"; a comment line\n"
	CS1
	"\"Str\"=\"C:\\\\Windows\\\\x \\\"q\\\" ; not a comment\"\n"
	"\"Empty\"=\"\"\n"
	"@=\"default\"\n"
	"\"Dw\"=dword:0000abcd\n"
	"\"DwShort\"=dword:7\n"
	"\"Bin\"=hex:01,ff,7F\n"
	"\"NoBytes\"=hex:\n"
	"\"None\"=hex(0):00,01\n"
	"\"Sz1\"=hex(1):41,00,00,00\n"
	"\"Exp\"=hex(2):25,00,00,00\n"
	"\"Multi\"=hex(7):41,00,00,00,00,00\n"
	"\"Q\"=hex(b):01,02,03,04,05,06,07,08\n"
	"\"Big\"=hex(abcd):1\n"
	"\"Spaced\" = hex:1 , 2 ,3  ; comment\n"
	"\"Odd\\\"name\\\\x\"=dword:00000001\n"
	"\"eq=sign\"=dword:2\n"
	"\"Tail\"=\"x\"   ; trailing comment\n";

static void check_every_type(ws2fix_regtree *t)
{
	assert_sz(t, T, "Str", "C:\\Windows\\x \"q\" ; not a comment");
	assert_sz(t, T, "Empty", "");
	assert_sz(t, T, "", "default");
	assert_dword(t, T, "Dw", 0xabcd);
	assert_dword(t, T, "DwShort", 7);
	assert_value(t, T, "Bin", WS2FIX_REG_BINARY, "\x01\xff\x7f", 3);
	assert_value(t, T, "NoBytes", WS2FIX_REG_BINARY, NULL, 0);
	assert_value(t, T, "None", WS2FIX_REG_NONE, "\x00\x01", 2);
	assert_value(t, T, "Sz1", WS2FIX_REG_SZ, "A\0\0\0", 4);
	assert_value(t, T, "Exp", WS2FIX_REG_EXPAND_SZ, "%\0\0\0", 4);
	assert_value(t, T, "Multi", WS2FIX_REG_MULTI_SZ, "A\0\0\0\0\0", 6);
	assert_value(t, T, "Q", WS2FIX_REG_QWORD, "\1\2\3\4\5\6\7\10", 8);
	assert_value(t, T, "Big", 0xabcd, "\x01", 1);
	assert_value(t, T, "Spaced", WS2FIX_REG_BINARY, "\1\2\3", 3);
	assert_dword(t, T, "Odd\"name\\x", 1);
	assert_dword(t, T, "eq=sign", 2);
	assert_sz(t, T, "Tail", "x");
	/* Case-insensitive lookups. */
	assert_dword(t, "controlset001\\t", "DW", 0xabcd);
	/* File order. */
	ws2fix_regtree_key *k = NULL;
	assert_int_equal(ws2fix__regtree_find(&k, t, T, strlen(T)), 0);
	assert_string_equal(ws2fix__regtree_first_value(k)->e.name, "Str");
	assert_int_equal(k->values.count, 17);
}

static void test_regfile__parses_every_value_type(void **state)
{
	(void)state;
	ws2fix_regtree *t = parse_ok(every_type);
	check_every_type(t);
	ws2fix__regtree_free(t);
}

static void test_regfile__encodings_and_line_ends_agree(void **state)
{
	(void)state;
	ws2fix_regtree *lf = parse_ok(every_type);
	char *c = crlf(every_type);
	ws2fix_regtree *t = parse_ok(c);
	assert_same_tree(lf, t);
	ws2fix__regtree_free(t);

	size_t n = 0;
	unsigned char *w = to_utf16(c, &n);
	assert_int_equal(parse_bytes(&t, w, n), 0);
	assert_same_tree(lf, t);
	ws2fix__regtree_free(t);
	/* UTF-16LE that lost its BOM. */
	assert_int_equal(parse_bytes(&t, w + 2, n - 2), 0);
	assert_same_tree(lf, t);
	ws2fix__regtree_free(t);
	free(w);

	/* UTF-8 with BOM. */
	size_t len = strlen(every_type);
	char *bom = malloc(len + 3);
	assert_non_null(bom);
	memcpy(bom, "\xef\xbb\xbf", 3);
	memcpy(bom + 3, every_type, len);
	assert_int_equal(parse_bytes(&t, bom, len + 3), 0);
	assert_same_tree(lf, t);
	ws2fix__regtree_free(t);
	free(bom);
	free(c);
	ws2fix__regtree_free(lf);
}

static void test_regfile__strings_become_utf16(void **state)
{
	(void)state;
	/* UTF-8, and ANSI (Windows-1252) bytes that are not valid UTF-8. */
	ws2fix_regtree *t = parse_ok(HDR CS1
		"\"Gr\xc3\xbc\xc3\x9f" "e\"=\"\xe2\x82\xac \xf0\x9f\x98\x80\"\n"
		"\"Ansi\"=\"caf\xe9 \x80\"\n");
	assert_value(t, T, "Gr\xc3\xbc\xc3\x9f" "e", WS2FIX_REG_SZ,
		"\xac\x20\x20\x00\x3d\xd8\x00\xde\x00\x00", 10);
	assert_value(t, T, "Ansi", WS2FIX_REG_SZ,
		"c\0a\0f\0\xe9\0 \0\xac\x20\0\0", 14);
	ws2fix__regtree_free(t);

	/* The same in a UTF-16 file, including a name with a surrogate pair. */
	size_t n = 0;
	unsigned char *w = to_utf16(HDR CS1 "\"\xf0\x9f\x98\x80\"=\"\xc3\xa9\"\n", &n);
	assert_int_equal(parse_bytes(&t, w, n), 0);
	assert_value(t, T, "\xf0\x9f\x98\x80", WS2FIX_REG_SZ, "\xe9\0\0\0", 4);
	ws2fix__regtree_free(t);
	free(w);
}

static void test_regfile__regedit4_header_and_ansi(void **state)
{
	(void)state;
	ws2fix_regtree *t = parse_ok("REGEDIT4\r\n\r\n"
		"[HKEY_LOCAL_MACHINE\\System\\CurrentControlSet\\Services\\X]\r\n"
		"\"P\"=\"C:\\\\WINDOWS\\\\SYSTEM\\\\\xe5.dll\"\r\n"
		"\"E\"=hex(2):25,53,25,00\r\n");
	assert_sz(t, "CurrentControlSet\\Services\\X", "P", "C:\\WINDOWS\\SYSTEM\\\xc3\xa5.dll");
	/* REGEDIT4 hex(2) holds ANSI bytes: kept as given. */
	assert_value(t, "CurrentControlSet\\Services\\X", "E", WS2FIX_REG_EXPAND_SZ, "%S%\0", 4);
	ws2fix__regtree_free(t);
}

static void test_regfile__continuations_and_comments(void **state)
{
	(void)state;
	ws2fix_regtree *t = parse_ok(HDR CS1
		"\"A\"=hex:01,02,\\\n"
		"  03,04,\\\n"
		"; a comment inside the value\n"
		"\t05 ,\\   \n"
		"  06\n"
		"\n"
		"# also a comment\n"
		"\"B\"=hex(7):41,00,\\\n"
		"  00,00\n"
		"\"C\"=hex:01\\\n"
		"\n"
		"\"D\"=dword:1\n");
	assert_value(t, T, "A", WS2FIX_REG_BINARY, "\1\2\3\4\5\6", 6);
	assert_value(t, T, "B", WS2FIX_REG_MULTI_SZ, "A\0\0\0", 4);
	/* A blank line after a '\' that follows a byte ends the value. */
	assert_value(t, T, "C", WS2FIX_REG_BINARY, "\1", 1);
	assert_dword(t, T, "D", 1);
	ws2fix__regtree_free(t);
}

static void test_regfile__keys_roots_and_deletions(void **state)
{
	(void)state;
	ws2fix_regtree *t = parse_ok(HDR
		"[HKLM\\system\\ControlSet001\\A\\B\\C]\n"
		"\"v\"=dword:1\n"
		"[HKEY_CURRENT_USER\\Software\\X]\n"
		"\"skipped\"=dword:1\n"
		"[HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft]\n"
		"\"skipped\"=hex:01,\\\n"
		"  02\n"
		"[HKEY_LOCAL_MACHINE\\SYSTEMX]\n"
		"\"skipped\"=dword:1\n"
		"[hkey_local_machine\\SYSTEM\\ControlSet001\\A\\D]\n"
		"\"gone\"=dword:1\n"
		"\"stays\"=dword:2\n"
		"\"gone\"=-\n"
		"@=\"x\"\n"
		"@=-\n"
		"\"never\"=-\n"
		"[-HKEY_LOCAL_MACHINE\\SYSTEM\\ControlSet001\\A\\B]\n"
		"\"after delete\"=dword:1\n"
		"[-HKEY_LOCAL_MACHINE\\SYSTEM\\ControlSet001\\Nope]\n"
		"[HKEY_LOCAL_MACHINE\\SYSTEM\\ControlSet001\\A\\Key]With]Brackets]\n"
		"[HKEY_LOCAL_MACHINE\\SYSTEM]\n"
		"\"root\"=dword:3\n");
	assert_true(key_exists(t, "ControlSet001\\A"));
	assert_false(key_exists(t, "ControlSet001\\A\\B"));
	assert_false(key_exists(t, "ControlSet001\\A\\B\\C"));
	assert_true(key_exists(t, "ControlSet001\\A\\D"));
	assert_true(key_exists(t, "ControlSet001\\A\\Key]With]Brackets"));
	assert_null(val(t, "ControlSet001\\A\\D", "gone"));
	assert_null(val(t, "ControlSet001\\A\\D", ""));
	assert_dword(t, "ControlSet001\\A\\D", "stays", 2);
	assert_dword(t, "", "root", 3);
	assert_false(key_exists(t, "Software"));
	assert_false(key_exists(t, "Microsoft"));
	/* Only ControlSet001 at the root: the rest was skipped. */
	assert_int_equal(ws2fix__regtree_root(t)->subkeys.count, 1);
	/* Implicit parent, then its children in file order. */
	ws2fix_regtree_key *a = NULL;
	assert_int_equal(ws2fix__regtree_find(&a, t, "ControlSet001\\A", 15), 0);
	assert_false(a->listed);
	assert_string_equal(ws2fix__regtree_first_subkey(a)->e.name, "D");
	ws2fix__regtree_free(t);
}

static void test_regfile__default_controlset(void **state)
{
	(void)state;
	char *dir = testutil_tempdir();
	const char *text = HDR
		"[HKEY_LOCAL_MACHINE\\SYSTEM\\Select]\n"
		"\"Current\"=dword:1\n"
		"[HKEY_LOCAL_MACHINE\\SYSTEM\\controlset002\\Services]\n"
		"[HKEY_LOCAL_MACHINE\\SYSTEM\\ControlSet001\\Services]\n";
	char *f = testutil_write_file(dir, "cs.reg", text, strlen(text));
	ws2fix_registry *r = open_reg(f, 0);
	/* Several control sets and a Select key: Select\Current, as for hives. */
	assert_string_equal(ws2fix_registry_controlset(r), "CurrentControlSet");
	assert_string_equal(ws2fix_registry_source_controlset(r), "ControlSet001");
	assert_int_equal(ws2fix_registry_controlset_number(r), 1);
	ws2fix_registry_free(r);
	/* An explicit choice wins. */
	ws2fix_open_options o = WS2FIX_OPEN_OPTIONS_INIT;
	o.controlset = 1;
	assert_int_equal(ws2fix_registry_open_regfile(&r, f, &o), 0);
	assert_string_equal(ws2fix_registry_controlset(r), "ControlSet001");
	ws2fix_registry_free(r);
	remove(f);
	free(f);

	/* Exactly three digits make a control set name. */
	text = HDR "[HKEY_LOCAL_MACHINE\\SYSTEM\\Select]\n\"Current\"=dword:3\n"
		"[HKEY_LOCAL_MACHINE\\SYSTEM\\ControlSet0003]\n[HKEY_LOCAL_MACHINE\\SYSTEM\\ControlSet003]\n";
	f = testutil_write_file(dir, "cs2.reg", text, strlen(text));
	r = open_reg(f, 0);
	assert_string_equal(ws2fix_registry_source_controlset(r), "ControlSet003");
	ws2fix_registry_free(r);
	remove(f);
	free(f);

	/* Select\Current names a control set the file does not hold: refused,
	 * as for a hive, not read from another one. */
	text = HDR "[HKEY_LOCAL_MACHINE\\SYSTEM\\Select]\n\"Current\"=dword:2\n"
		"[HKEY_LOCAL_MACHINE\\SYSTEM\\ControlSet001\\Services]\n";
	f = testutil_write_file(dir, "cs4.reg", text, strlen(text));
	assert_int_equal(ws2fix_registry_open_regfile(&r, f, NULL), WS2FIX_ENOTFOUND);
	assert_non_null(strstr(ws2fix_error_last()->message, "ControlSet002"));
	remove(f);
	free(f);

	text = HDR "[HKEY_LOCAL_MACHINE\\SYSTEM\\Other]\n";
	f = testutil_write_file(dir, "cs3.reg", text, strlen(text));
	assert_int_equal(ws2fix_registry_open_regfile(&r, f, NULL), WS2FIX_ENOTFOUND);
	remove(f);
	free(f);
	remove(dir);
	free(dir);
}

/* A .reg exported from a hive loaded in regedit, or of one control set:
 * read as that control set, reached through CurrentControlSet. */
static void check_root(const char *dir, const char *name, const char *text, const char *root,
	const char *cs, int number)
{
	char *f = testutil_write_file(dir, name, text, strlen(text));
	ws2fix_registry *r = open_reg(f, 0);
	assert_string_equal(ws2fix_registry_controlset(r), "CurrentControlSet");
	assert_string_equal(ws2fix_registry_export_root(r), root);
	assert_string_equal(ws2fix_registry_export_controlset(r), cs);
	assert_int_equal(ws2fix_registry_controlset_number(r), number);
	assert_int_equal(reg_dword(r, "CurrentControlSet\\Services\\WinSock2\\Parameters", "v"), 7);
	ws2fix_registry_free(r);
	remove(f);
	free(f);
}

static void test_regfile__exports_from_any_root(void **state)
{
	(void)state;
	char *dir = testutil_tempdir();
	check_root(dir, "offline.reg", HDR "[HKEY_LOCAL_MACHINE\\OFFLINE\\ControlSet002\\Services\\WinSock2\\Parameters]\n"
		"\"v\"=dword:7\n", "HKEY_LOCAL_MACHINE\\OFFLINE", "ControlSet002", 2);
	check_root(dir, "services.reg", HDR "[HKEY_LOCAL_MACHINE\\Temp\\Services\\WinSock2\\Parameters]\n"
		"\"v\"=dword:7\n", "HKEY_LOCAL_MACHINE\\Temp", "", 0);
	check_root(dir, "cs3.reg", HDR "[HKEY_LOCAL_MACHINE\\SYSTEM\\ControlSet003\\Services\\WinSock2\\Parameters]\n"
		"\"v\"=dword:7\n", "HKEY_LOCAL_MACHINE\\SYSTEM", "ControlSet003", 3);
	/* Other roots beside it (SOFTWARE of a full export) are not the catalog's. */
	check_root(dir, "mixed.reg", HDR "[HKEY_LOCAL_MACHINE\\SOFTWARE\\X]\n\"v\"=dword:1\n"
		"[HKLM\\Loaded\\Select]\n\"Current\"=dword:2\n"
		"[HKLM\\Loaded\\ControlSet001\\Services\\WinSock2\\Parameters]\n\"v\"=dword:1\n"
		"[HKLM\\Loaded\\ControlSet002\\Services\\WinSock2\\Parameters]\n\"v\"=dword:7\n",
		"HKEY_LOCAL_MACHINE\\Loaded", "ControlSet002", 2);
	/* HKEY_LOCAL_MACHINE\SYSTEM wins over another root. */
	const char *both = HDR "[HKEY_LOCAL_MACHINE\\OFFLINE\\ControlSet001\\Services\\WinSock2\\Parameters]\n"
		"\"v\"=dword:1\n[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\WinSock2\\Parameters]\n"
		"\"v\"=dword:7\n";
	check_root(dir, "both.reg", both, "HKEY_LOCAL_MACHINE\\SYSTEM", "CurrentControlSet", 0);

	/* An edit through CurrentControlSet lands in the export's own key, and
	 * the file is written back under its own root. */
	const char *text = HDR "[HKEY_LOCAL_MACHINE\\OFFLINE\\ControlSet002\\Services\\WinSock2\\Parameters]\n"
		"\"v\"=dword:7\n";
	char *f = testutil_write_file(dir, "edit.reg", text, strlen(text));
	ws2fix_registry *r = open_reg(f, 1);
	uint32_t nine = 9;
	assert_int_equal(ws2fix_registry_set_value(r, "CurrentControlSet\\Services\\WinSock2\\Parameters", "v",
		WS2FIX_REG_DWORD, &nine, 4), 0);
	assert_int_equal(ws2fix_registry_create_key(r, "CurrentControlSet\\Services\\WinSock2\\New"), 0);
	assert_int_equal(reg_dword(r, "ControlSet002\\Services\\WinSock2\\Parameters", "v"), 9);
	assert_int_equal(ws2fix_registry_commit(r, NULL), 0);
	ws2fix_registry_free(r);
	r = open_reg(f, 0);
	assert_string_equal(ws2fix_registry_export_root(r), "HKEY_LOCAL_MACHINE\\OFFLINE");
	assert_int_equal(reg_dword(r, "CurrentControlSet\\Services\\WinSock2\\Parameters", "v"), 9);
	assert_int_equal(ws2fix_registry_key_exists(r, "ControlSet002\\Services\\WinSock2\\New"), 1);
	ws2fix_registry_free(r);
	remove(f);
	free(f);

	/* Not a SYSTEM hive under any root: still refused. */
	text = HDR "[HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft]\n\"v\"=dword:1\n";
	f = testutil_write_file(dir, "software.reg", text, strlen(text));
	assert_int_equal(ws2fix_registry_open_regfile(&r, f, NULL), WS2FIX_ENOTFOUND);
	remove(f);
	free(f);
	remove(dir);
	free(dir);
}

/* ---- malformed input --------------------------------------------------- */

static void test_regfile__rejects_malformed_files(void **state)
{
	(void)state;
	assert_corrupt_text("", 1);
	assert_corrupt_text("\n\n  \n", 3);
	assert_corrupt_text("garbage\n", 1);
	assert_corrupt_text("REGEDIT\n[HKLM\\SYSTEM\\A]\n", 1);
	/* No header. */
	assert_corrupt_text("[HKEY_LOCAL_MACHINE\\SYSTEM\\A]\n\"a\"=dword:1\n", 1);
	assert_corrupt_text(HDR CS1 "garbage\n", 4);
	assert_corrupt_text(HDR "\"a\"=dword:1\n", 3);
	assert_corrupt_text(HDR "[HKEY_LOCAL_MACHINE\\SYSTEM\\A\n", 3);
	assert_corrupt_text(HDR "[HKEY_LOCAL_MACHINE\\SYSTEM\\A] x\n", 3);
	assert_corrupt_text(HDR "[]\n", 3);
	assert_corrupt_text(HDR CS1 "\"a\"=dword:\n", 4);
	assert_corrupt_text(HDR CS1 "\"a\"=dword:123456789\n", 4);
	assert_corrupt_text(HDR CS1 "\"a\"=dword:12x4\n", 4);
	assert_corrupt_text(HDR CS1 "\"a\"=\"unterminated\n", 4);
	assert_corrupt_text(HDR CS1 "\"a\"=\"escaped end\\\"\n", 4);
	assert_corrupt_text(HDR CS1 "\"a\"=\"x\" y\n", 4);
	assert_corrupt_text(HDR CS1 "\"unterminated=dword:1\n", 4);
	assert_corrupt_text(HDR CS1 "\"a\" dword:1\n", 4);
	assert_corrupt_text(HDR CS1 "\"a\"=\n", 4);
	assert_corrupt_text(HDR CS1 "\"a\"=qword:1\n", 4);
	assert_corrupt_text(HDR CS1 "\"a\"=hex(zz):01\n", 4);
	assert_corrupt_text(HDR CS1 "\"a\"=hex(1)01\n", 4);
	assert_corrupt_text(HDR CS1 "\"a\"=hex:01,,02\n", 4);
	assert_corrupt_text(HDR CS1 "\"a\"=hex:01 02\n", 4);
	assert_corrupt_text(HDR CS1 "\"a\"=hex:123\n", 4);
	assert_corrupt_text(HDR CS1 "\"a\"=hex:0g\n", 4);
	assert_corrupt_text(HDR CS1 "\"a\"=hex:,01\n", 4);
	/* Truncated hex: a dangling comma, or a '\' and then the end. */
	assert_corrupt_text(HDR CS1 "\"a\"=hex:01,02,\n", 4);
	assert_corrupt_text(HDR CS1 "\"a\"=hex:01,02,\\\n", 4);
	assert_corrupt_text(HDR CS1 "\"a\"=hex:01,02,\\\n  03,\\\n", 5);
	assert_corrupt_text(HDR CS1 "\"a\"=hex:01,\\\n\n\"b\"=dword:1\n", 5);
	assert_corrupt_text(HDR CS1 "\"a\"=hex:01,\\ x\n", 4);
	/* A NUL inside a line. */
	assert_corrupt_at(HDR CS1 "\"a\"=dword:1\0\n", sizeof(HDR CS1 "\"a\"=dword:1\0\n") - 1, 4);
	/* UTF-16 big-endian. */
	assert_corrupt_at("\xfe\xff\0W", 4, 1);
	/* A binary file. */
	unsigned char bin[512];
	for (size_t i = 0; i < sizeof(bin); i++)
		bin[i] = (unsigned char)(i * 151 + 7);
	assert_corrupt_at(bin, sizeof(bin), 1);
	memcpy(bin, "regf", 4);
	assert_corrupt_at(bin, sizeof(bin), 1);
}

static void test_regfile__errors_name_file_and_line(void **state)
{
	(void)state;
	char *dir = testutil_tempdir();
	const char *text = "Windows Registry Editor Version 5.00\r\n\r\nthis is not a key\r\n";
	char *f = testutil_write_file(dir, "garbage.reg", text, strlen(text));
	ws2fix_registry *r = NULL;
	assert_int_equal(ws2fix_registry_open_regfile(&r, f, NULL), WS2FIX_ECORRUPT);
	assert_null(r);
	char want[4200];
	snprintf(want, sizeof(want), "%s:3: expected '[' or a value line", f);
	assert_string_equal(ws2fix_error_last()->message, want);
	remove(f);
	free(f);

	/* An empty file. */
	f = testutil_write_file(dir, "empty.reg", "", 0);
	assert_int_equal(ws2fix_registry_open_regfile(&r, f, NULL), WS2FIX_ECORRUPT);
	remove(f);
	free(f);

	/* A missing file. */
	size_t n = strlen(dir) + 16;
	f = malloc(n);
	assert_non_null(f);
	snprintf(f, n, "%s/missing.reg", dir);
	assert_int_equal(ws2fix_registry_open_regfile(&r, f, NULL), WS2FIX_ENOTFOUND);
	free(f);
	remove(dir);
	free(dir);
}

static void test_regfile__caps_nesting_and_sizes(void **state)
{
	(void)state;
	ws2fix_buf b = WS2FIX_BUF_INIT;
	/* 600 levels: more than Windows allows. */
	ws2fix__buf_puts(&b, HDR "[HKEY_LOCAL_MACHINE\\SYSTEM");
	for (int i = 0; i < 600; i++)
		ws2fix__buf_puts(&b, "\\k");
	ws2fix__buf_puts(&b, "]\n");
	assert_corrupt_at(b.ptr, b.len, 3);
	ws2fix__buf_free(&b);

	/* 512 is fine. */
	ws2fix__buf_puts(&b, HDR "[HKEY_LOCAL_MACHINE\\SYSTEM");
	for (int i = 0; i < 512; i++)
		ws2fix__buf_puts(&b, "\\k");
	ws2fix__buf_puts(&b, "]\n\"v\"=dword:1\n");
	ws2fix_regtree *t = NULL;
	assert_int_equal(parse_bytes(&t, b.ptr, b.len), 0);
	ws2fix__regtree_free(t);
	ws2fix__buf_free(&b);

	/* A value just over 1 MiB, on continuation lines. */
	ws2fix__buf_puts(&b, HDR CS1 "\"big\"=hex:00");
	for (size_t i = 1; i <= WS2FIX_REGTREE_MAX_VALUE_SIZE; i++)
		ws2fix__buf_puts(&b, i % 25 ? ",00" : ",\\\n  00");
	ws2fix__buf_puts(&b, "\n");
	assert_int_equal(parse_bytes(&t, b.ptr, b.len), WS2FIX_ECORRUPT);
	assert_non_null(strstr(ws2fix_error_last()->message, "larger than"));
	ws2fix__regtree_free(t);
	ws2fix__buf_free(&b);

	/* A key name longer than any Windows allows. */
	ws2fix__buf_puts(&b, HDR "[HKEY_LOCAL_MACHINE\\SYSTEM\\");
	for (int i = 0; i < 2000; i++)
		ws2fix__buf_putc(&b, 'x');
	ws2fix__buf_puts(&b, "]\n");
	assert_corrupt_at(b.ptr, b.len, 3);
	ws2fix__buf_free(&b);
}

/* Every prefix of a valid file, and every single-byte change of it, parses
 * or fails cleanly (ASan and UBSan watch the rest). */
static void test_regfile__survives_truncation_and_bit_flips(void **state)
{
	(void)state;
	char *c = crlf(every_type);
	size_t n = 0;
	unsigned char *w = to_utf16(c, &n);
	const unsigned char *inputs[] = {(const unsigned char *)c, w};
	size_t lens[] = {strlen(c), n};
	for (int k = 0; k < 2; k++) {
		unsigned char *copy = malloc(lens[k]);
		assert_non_null(copy);
		for (size_t cut = 0; cut <= lens[k]; cut++) {
			ws2fix_regtree *t = NULL;
			int rc = parse_bytes(&t, inputs[k], cut);
			assert_true(rc == 0 || rc == WS2FIX_ECORRUPT);
			ws2fix__regtree_free(t);
		}
		for (size_t i = 0; i < lens[k]; i += 3) {
			static const unsigned char subst[] = {0, '\\', '"', ',', '\n', '[', 0xff, 0x80};
			memcpy(copy, inputs[k], lens[k]);
			copy[i] = subst[i % sizeof(subst)];
			ws2fix_regtree *t = NULL;
			int rc = parse_bytes(&t, copy, lens[k]);
			assert_true(rc == 0 || rc == WS2FIX_ECORRUPT);
			ws2fix__regtree_free(t);
		}
		free(copy);
	}
	free(w);
	free(c);
}

/* ---- the writer -------------------------------------------------------- */

/* Regedit's layout, built by hand from its rules: UTF-16LE + BOM, CRLF,
 * one blank line after each key; the hex width counts the "Name"=hex:
 * prefix, a line breaks once it reaches 77 after a "xx,", continuation
 * lines start with two spaces; at least one byte stays on the first line. */
static const char wrap_expected[] =
	"Windows Registry Editor Version 5.00\r\n"
	"\r\n"
	"[HKEY_LOCAL_MACHINE\\SYSTEM\\ControlSet001\\Wrap]\r\n"
	"\"PackedCatalogItem\"=hex:00,01,02,03,04,05,06,07,08,09,0a,0b,0c,0d,0e,0f,10,11,\\\r\n"
	"  12,13,14,15,16,17,18,19,1a,1b,1c,1d,1e,1f,20,21,22,23,24,25,26,27,28,29,2a,\\\r\n"
	"  2b,2c,2d,2e,2f\r\n"
	"\"TwentyTwo\"=hex:00,01,02,03,04,05,06,07,08,09,0a,0b,0c,0d,0e,0f,10,11,12,13,14,\\\r\n"
	"  15\r\n"
	"\"NNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNN\"=hex(2):41,\\\r\n"
	"  00,41,00,41,00,41,00,41,00,41,00,41,00,41,00,41,00,41,00,41,00,41,00,41,00,\\\r\n"
	"  41,00\r\n"
	"@=hex(7):41,00,00,00,00,00\r\n"
	"\"Say \\\"hi\\\"\"=\"C:\\\\dir\\\\\"\r\n"
	"\"Dw\"=dword:0000beef\r\n"
	"\"Empty\"=hex:\r\n"
	"\"NoType\"=hex(0):\r\n"
	"\r\n"
	"[HKEY_LOCAL_MACHINE\\SYSTEM\\ControlSet001\\Wrap\\Sub]\r\n"
	"\r\n";

static ws2fix_registry *writable_copy(char **dir, char **file, const char *text)
{
	*dir = testutil_tempdir();
	*file = testutil_write_file(*dir, "w.reg", text, strlen(text));
	return open_reg(*file, 1);
}

static void cleanup_copy(ws2fix_registry *r, char *dir, char *file)
{
	ws2fix_registry_free(r);
	remove(file);
	remove(dir);
	free(file);
	free(dir);
}

static void test_regfile__export_wraps_like_regedit(void **state)
{
	(void)state;
	char *dir, *file;
	ws2fix_registry *r = writable_copy(&dir, &file, HDR "[HKEY_LOCAL_MACHINE\\SYSTEM\\ControlSet001]\n");
	const char *k = "ControlSet001\\Wrap";
	unsigned char bytes[48], a2[28];
	for (int i = 0; i < 48; i++)
		bytes[i] = (unsigned char)i;
	for (int i = 0; i < 28; i++)
		a2[i] = i % 2 ? 0 : 'A';
	assert_int_equal(ws2fix_registry_set_value(r, k, "PackedCatalogItem", WS2FIX_REG_BINARY, bytes, 48), 0);
	assert_int_equal(ws2fix_registry_set_value(r, k, "TwentyTwo", WS2FIX_REG_BINARY, bytes, 22), 0);
	assert_int_equal(ws2fix_registry_set_value(r, k,
		"NNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNNN",
		WS2FIX_REG_EXPAND_SZ, a2, 28), 0);
	assert_int_equal(ws2fix_registry_set_value(r, k, "", WS2FIX_REG_MULTI_SZ, "A\0\0\0\0\0", 6), 0);
	assert_int_equal(ws2fix_registry_set_value(r, k, "Say \"hi\"", WS2FIX_REG_SZ,
		"C\0:\0\\\0d\0i\0r\0\\\0\0\0", 16), 0);
	assert_int_equal(ws2fix_registry_set_value(r, k, "Dw", WS2FIX_REG_DWORD, "\xef\xbe\0\0", 4), 0);
	assert_int_equal(ws2fix_registry_set_value(r, k, "Empty", WS2FIX_REG_BINARY, NULL, 0), 0);
	assert_int_equal(ws2fix_registry_set_value(r, k, "NoType", WS2FIX_REG_NONE, NULL, 0), 0);
	assert_int_equal(ws2fix_registry_create_key(r, "ControlSet001\\Wrap\\Sub"), 0);

	unsigned char *out = NULL;
	size_t len = 0, wlen = 0;
	const char *paths[] = {k};
	assert_int_equal(ws2fix_regfile_export_buf(&out, &len, r, paths, 1), 0);
	unsigned char *want = to_utf16(wrap_expected, &wlen);
	if (len != wlen || memcmp(out, want, len) != 0) {
		char *got = NULL;
		ws2fix__utf16le_to_utf8(&got, NULL, out + 2, len - 2, 0, NULL);
		fail_msg("export differs; got:\n%s", got);
	}
	free(want);
	free(out);

	/* The same through the file API, and an absent key is skipped. */
	size_t n = strlen(dir) + 16;
	char *dest = malloc(n);
	assert_non_null(dest);
	snprintf(dest, n, "%s/out.reg", dir);
	const char *two[] = {"ControlSet001\\Absent", k, "ControlSet001\\Wrap\\Sub"};
	assert_int_equal(ws2fix_regfile_export(r, two, 3, dest), 0);
	unsigned char *disk = testutil_read_file(dest, &len);
	want = to_utf16(wrap_expected, &wlen);
	assert_int_equal(len, wlen);
	assert_memory_equal(disk, want, len);
	free(disk);
	free(want);
	remove(dest);
	free(dest);
	/* A folder that does not exist: an error, nothing written. */
	assert_true(ws2fix_regfile_export(r, two, 3, "/nonexistent-ws2fix-dir/out.reg") < 0);

	/* Nothing to export: just the header. */
	const char *none[] = {"ControlSet001\\Absent"};
	assert_int_equal(ws2fix_regfile_export_buf(&out, &len, r, none, 1), 0);
	want = to_utf16("Windows Registry Editor Version 5.00\r\n\r\n", &wlen);
	assert_int_equal(len, wlen);
	assert_memory_equal(out, want, len);
	free(want);
	free(out);
	cleanup_copy(r, dir, file);
}

/* Every kind of value an export may meet comes back with the same type and
 * bytes, whichever form the writer picks for it. */
static void test_regfile__export_round_trips_every_value(void **state)
{
	(void)state;
	char *dir, *file;
	ws2fix_registry *r = writable_copy(&dir, &file, HDR "[HKEY_LOCAL_MACHINE\\SYSTEM\\ControlSet001]\n");
	const char *k = "ControlSet001\\RT";
	unsigned char big[5000];
	for (size_t i = 0; i < sizeof(big); i++)
		big[i] = (unsigned char)(i * 7);
	static const struct {
		const char *name;
		uint32_t type;
		const char *data;
		size_t len;
	} vals[] = {
		{"sz", WS2FIX_REG_SZ, "a\0b\0\0\0", 6},
		{"sz empty string", WS2FIX_REG_SZ, "\0\0", 2},
		{"sz no bytes", WS2FIX_REG_SZ, "", 0},
		{"sz odd length", WS2FIX_REG_SZ, "a\0b\0\0\0\0", 7},
		{"sz one byte", WS2FIX_REG_SZ, "a", 1},
		{"sz unterminated", WS2FIX_REG_SZ, "a\0b\0", 4},
		{"sz embedded nul", WS2FIX_REG_SZ, "a\0\0\0b\0\0\0", 8},
		{"sz two terminators", WS2FIX_REG_SZ, "a\0\0\0\0\0", 6},
		{"sz line break", WS2FIX_REG_SZ, "a\0\r\0\n\0b\0\0\0", 10},
		{"sz lone surrogate", WS2FIX_REG_SZ, "a\0\x00\xd8\0\0", 6},
		{"sz surrogate pair", WS2FIX_REG_SZ, "\x3d\xd8\x00\xde\0\0", 6},
		{"sz quotes \"and\" \\backslashes\\", WS2FIX_REG_SZ, "\"\0\\\0\\\0\"\0\0\0", 10},
		{"expand", WS2FIX_REG_EXPAND_SZ, "%\0X\0%\0\0\0", 8},
		{"multi", WS2FIX_REG_MULTI_SZ, "a\0\0\0b\0\0\0\0\0", 10},
		{"multi empty", WS2FIX_REG_MULTI_SZ, "", 0},
		{"binary", WS2FIX_REG_BINARY, "\x00\xff\x10", 3},
		{"binary empty", WS2FIX_REG_BINARY, "", 0},
		{"dword", WS2FIX_REG_DWORD, "\x78\x56\x34\x12", 4},
		{"dword short", WS2FIX_REG_DWORD, "\x01\x02\x03", 3},
		{"dword empty", WS2FIX_REG_DWORD, "", 0},
		{"dword long", WS2FIX_REG_DWORD, "\1\2\3\4\5", 5},
		{"dword be", WS2FIX_REG_DWORD_BIG_ENDIAN, "\1\2\3\4", 4},
		{"qword", WS2FIX_REG_QWORD, "\1\2\3\4\5\6\7\x08", 8},
		{"none", WS2FIX_REG_NONE, "\1", 1},
		{"link", WS2FIX_REG_LINK, "\\\0\0\0", 4},
		{"resource list", WS2FIX_REG_RESOURCE_LIST, "\1\0", 2},
		{"type 0xabcd", 0xabcd, "x", 1},
		{"type 0xffffffff", 0xffffffffu, "", 0},
		{"", WS2FIX_REG_SZ, "d\0\0\0", 4},
		{"Gr\xc3\xbc\xc3\x9f" "e \xf0\x9f\x98\x80", WS2FIX_REG_SZ, "\xfc\0\0\0", 4},
		{"x\"y\"\\z\\\\", WS2FIX_REG_DWORD, "\0\0\0\0", 4},
		{"@", WS2FIX_REG_DWORD, "\1\0\0\0", 4},
		{"-", WS2FIX_REG_DWORD, "\2\0\0\0", 4},
		{"semi;colon", WS2FIX_REG_BINARY, "\1", 1},
	};
	for (size_t i = 0; i < sizeof(vals) / sizeof(*vals); i++)
		assert_int_equal(ws2fix_registry_set_value(r, k, vals[i].name, vals[i].type,
			vals[i].data, vals[i].len), 0);
	assert_int_equal(ws2fix_registry_set_value(r, k, "big", WS2FIX_REG_BINARY, big, sizeof(big)), 0);
	/* A long name pushes the first hex byte past column 77. */
	char longname[300];
	memset(longname, 'L', sizeof(longname) - 1);
	longname[sizeof(longname) - 1] = 0;
	assert_int_equal(ws2fix_registry_set_value(r, k, longname, WS2FIX_REG_BINARY, big, 100), 0);
	/* Keys: non-ASCII, brackets, a deep chain, an empty one. */
	assert_int_equal(ws2fix_registry_set_value(r, "ControlSet001\\RT\\\xc3\xa9t\xc3\xa9 [x]", "v",
		WS2FIX_REG_DWORD, "\1\0\0\0", 4), 0);
	assert_int_equal(ws2fix_registry_create_key(r, "ControlSet001\\RT\\a\\b\\c\\d"), 0);
	assert_int_equal(ws2fix_registry_create_key(r, "ControlSet001\\RT\\Empty"), 0);

	assert_round_trip(r, k);
	assert_round_trip(r, "");

	/* Names no .reg file can carry are refused, not mangled. */
	assert_int_equal(ws2fix_registry_set_value(r, k, "line\nbreak", WS2FIX_REG_DWORD,
		"\0\0\0\0", 4), 0);
	unsigned char *out = NULL;
	size_t len = 0;
	const char *paths[] = {k};
	assert_int_equal(ws2fix_regfile_export_buf(&out, &len, r, paths, 1), WS2FIX_EINVALID);
	assert_null(out);
	cleanup_copy(r, dir, file);
}

/* ---- the writable backend ---------------------------------------------- */

static void test_regfile__backend_commit_rewrites_the_file(void **state)
{
	(void)state;
	char *dir, *file;
	const char *text = HDR
		"[HKEY_LOCAL_MACHINE\\SYSTEM\\ControlSet001\\Services\\WinSock2\\Parameters]\n"
		"\"A\"=dword:1\n"
		"\"B\"=\"two\"\n"
		"[HKEY_LOCAL_MACHINE\\SYSTEM\\ControlSet001\\Services\\WinSock2\\Parameters\\Gone]\n"
		"\"x\"=hex:01\n";
	ws2fix_registry *r = writable_copy(&dir, &file, text);
	const char *p = "ControlSet001\\Services\\WinSock2\\Parameters";
	assert_int_equal(ws2fix_registry_set_value(r, p, "A", WS2FIX_REG_DWORD, "\7\0\0\0", 4), 0);
	assert_int_equal(ws2fix_registry_set_value(r, p, "C", WS2FIX_REG_BINARY, "\1\2", 2), 0);
	assert_int_equal(ws2fix_registry_delete_value(r, p, "B"), 0);
	assert_int_equal(ws2fix_registry_delete_value(r, p, "B"), WS2FIX_ENOTFOUND);
	assert_int_equal(ws2fix_registry_delete_tree(r, "ControlSet001\\Services\\WinSock2\\Parameters\\Gone"), 0);
	assert_int_equal(ws2fix_registry_delete_tree(r, "ControlSet001\\Nope"), WS2FIX_ENOTFOUND);
	assert_int_equal(ws2fix_registry_create_key(r, "ControlSet001\\New\\Key"), 0);
	/* Edits are visible before commit. */
	assert_int_equal(reg_dword(r, p, "A"), 7);

	size_t n = strlen(dir) + 16;
	char *backup = malloc(n);
	assert_non_null(backup);
	snprintf(backup, n, "%s/backup.reg", dir);
	assert_int_equal(ws2fix_registry_commit(r, backup), 0);

	size_t blen = 0;
	unsigned char *b = testutil_read_file(backup, &blen);
	assert_int_equal(blen, strlen(text));
	assert_memory_equal(b, text, blen);
	free(b);

	/* The rewritten file: regedit's format, no lines for implicit parents. */
	size_t len = 0, wlen = 0;
	unsigned char *got = testutil_read_file(file, &len);
	unsigned char *want = to_utf16(
		"Windows Registry Editor Version 5.00\r\n\r\n"
		"[HKEY_LOCAL_MACHINE\\SYSTEM\\ControlSet001\\Services\\WinSock2\\Parameters]\r\n"
		"\"A\"=dword:00000007\r\n"
		"\"C\"=hex:01,02\r\n\r\n"
		"[HKEY_LOCAL_MACHINE\\SYSTEM\\ControlSet001\\New\\Key]\r\n\r\n", &wlen);
	assert_int_equal(len, wlen);
	assert_memory_equal(got, want, len);
	free(got);
	free(want);

	ws2fix_registry *back = open_reg(file, 0);
	assert_same_registry(r, back, "");
	ws2fix_registry_free(back);
	remove(backup);
	free(backup);
	cleanup_copy(r, dir, file);
}

static void test_regfile__commit_refuses_to_drop_foreign_keys(void **state)
{
	(void)state;
	char *dir, *file;
	ws2fix_registry *r = writable_copy(&dir, &file, HDR
		"[HKEY_LOCAL_MACHINE\\SYSTEM\\ControlSet001]\n"
		"[HKEY_LOCAL_MACHINE\\SOFTWARE\\Keep]\n\"v\"=dword:1\n");
	assert_int_equal(ws2fix_registry_set_value(r, "ControlSet001", "x", WS2FIX_REG_DWORD,
		"\0\0\0\0", 4), 0);
	assert_int_equal(ws2fix_registry_commit(r, NULL), WS2FIX_EINVALID);
	cleanup_copy(r, dir, file);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_regfile__parses_utf16_export),
		cmocka_unit_test(test_regfile__export_is_byte_identical_to_regedit),
		cmocka_unit_test(test_regfile__parses_hivexregedit_exports),
		cmocka_unit_test(test_regfile__parses_regedit4_winme_export),
		cmocka_unit_test(test_regfile__parses_every_value_type),
		cmocka_unit_test(test_regfile__encodings_and_line_ends_agree),
		cmocka_unit_test(test_regfile__strings_become_utf16),
		cmocka_unit_test(test_regfile__regedit4_header_and_ansi),
		cmocka_unit_test(test_regfile__continuations_and_comments),
		cmocka_unit_test(test_regfile__keys_roots_and_deletions),
		cmocka_unit_test(test_regfile__default_controlset),
		cmocka_unit_test(test_regfile__exports_from_any_root),
		cmocka_unit_test(test_regfile__rejects_malformed_files),
		cmocka_unit_test(test_regfile__errors_name_file_and_line),
		cmocka_unit_test(test_regfile__caps_nesting_and_sizes),
		cmocka_unit_test(test_regfile__survives_truncation_and_bit_flips),
		cmocka_unit_test(test_regfile__export_wraps_like_regedit),
		cmocka_unit_test(test_regfile__export_round_trips_every_value),
		cmocka_unit_test(test_regfile__backend_commit_rewrites_the_file),
		cmocka_unit_test(test_regfile__commit_refuses_to_drop_foreign_keys),
	};
	return testutil_result(cmocka_run_group_tests(tests, NULL, NULL));
}

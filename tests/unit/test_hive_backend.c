/* SPDX-License-Identifier: MIT */
/* The hivex backend: reading real hives, control-set choice, bad input,
 * and the write path (edits in memory, atomic commit keeping the original). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#ifdef WS2FIX_HAVE_HIVEX
#include <errno.h>
#include <hivex.h>
#endif

#include "ws2fix/catalog.h"
#include "ws2fix/errors.h"
#include "ws2fix/registry.h"
#include "testutil.h"

#ifdef WS2FIX_HAVE_HIVEX

static char *hive_copy(const char *rel)
{
	char *p = testutil_unxz(rel);
	if (!p)
		testutil_skip();
	return p;
}

static void test_hive__reads_select_current_and_values(void **state)
{
	(void)state;
	char *path = hive_copy("hives/winevt-kb-xpsp3-x86/SYSTEM.xz");
	ws2fix_registry *reg = NULL;
	assert_int_equal(ws2fix_registry_open_hive(&reg, path, NULL), 0);
	assert_string_equal(ws2fix_registry_kind(reg), "hive");
	assert_string_equal(ws2fix_registry_controlset(reg), "ControlSet001");
	assert_int_equal(ws2fix_registry_controlset_number(reg), 1);
	assert_int_equal(ws2fix_registry_is_dirty(reg), 0);

	ws2fix_regvalue v;
	assert_int_equal(ws2fix_registry_get_value(&v, reg,
		"controlset001\\services\\winsock2\\PARAMETERS", "Current_Protocol_Catalog"), 0);
	char *s = NULL;
	assert_int_equal(ws2fix_regvalue_string(&s, &v), 0);
	assert_string_equal(s, "Protocol_Catalog9");
	free(s);
	uint32_t d;
	assert_int_equal(ws2fix_regvalue_dword(&d, &v), WS2FIX_ECORRUPT);
	ws2fix_regvalue_clear(&v);

	assert_int_equal(ws2fix_registry_get_value(&v, reg, "ControlSet001\\Services\\WinSock2", "NoSuchValue"),
		WS2FIX_ENOTFOUND);
	assert_int_equal(ws2fix_registry_get_value(&v, reg, "ControlSet001\\NoSuchKey", "x"), WS2FIX_ENOTFOUND);
	assert_int_equal(ws2fix_registry_key_exists(reg, "ControlSet003\\Services\\WinSock2"), 1);
	assert_int_equal(ws2fix_registry_key_exists(reg, "ControlSet002"), 0);

	ws2fix_strlist l;
	assert_int_equal(ws2fix_registry_subkeys(&l, reg,
		"ControlSet001\\Services\\WinSock2\\Parameters\\Protocol_Catalog9\\Catalog_Entries"), 0);
	assert_int_equal(l.count, 11);
	assert_string_equal(l.items[0], "000000000001");
	ws2fix_strlist_clear(&l);

	/* Read-only: every write is refused. */
	assert_int_equal(ws2fix_registry_set_value(reg, "ControlSet001", "x", WS2FIX_REG_DWORD, "\1\0\0\0", 4),
		WS2FIX_EREADONLY);
	assert_int_equal(ws2fix_registry_delete_tree(reg, "ControlSet001\\Services"), WS2FIX_EREADONLY);
	ws2fix_registry_free(reg);

	/* --controlset 3 and a control set that does not exist. */
	ws2fix_open_options o = WS2FIX_OPEN_OPTIONS_INIT;
	o.controlset = 3;
	assert_int_equal(ws2fix_registry_open_hive(&reg, path, &o), 0);
	assert_string_equal(ws2fix_registry_controlset(reg), "ControlSet003");
	ws2fix_registry_free(reg);
	o.controlset = 2;
	assert_int_equal(ws2fix_registry_open_hive(&reg, path, &o), WS2FIX_ENOTFOUND);
	assert_null(reg);
	remove(path);
	free(path);
}

static void test_hive__dirty_header_is_reported(void **state)
{
	(void)state;
	char *path = hive_copy("hives/regipy/SYSTEM_2.xz");
	ws2fix_registry *reg = NULL;
	assert_int_equal(ws2fix_registry_open_hive(&reg, path, NULL), 0);
	assert_int_equal(ws2fix_registry_is_dirty(reg), 1);
	ws2fix_registry_free(reg);
	remove(path);
	free(path);
}

static void test_hive__bad_input_is_an_error_not_a_crash(void **state)
{
	(void)state;
	char *dir = testutil_tempdir();
	ws2fix_registry *reg = NULL;
	char *garbage = testutil_write_file(dir, "garbage", "not a hive at all", 17);
	assert_int_equal(ws2fix_registry_open_hive(&reg, garbage, NULL), WS2FIX_ECORRUPT);
	assert_non_null(strstr(ws2fix_error_last()->message, "not a registry hive"));
	char *empty = testutil_write_file(dir, "empty", "", 0);
	assert_int_equal(ws2fix_registry_open_hive(&reg, empty, NULL), WS2FIX_ECORRUPT);
	assert_int_equal(ws2fix_registry_open_hive(&reg, "/nonexistent/SYSTEM", NULL), WS2FIX_ENOTFOUND);

	/* Truncations of a real hive at many lengths. */
	char *real = hive_copy("hives/itdaniher-winxp-x64-sp2/system.xz");
	size_t len = 0;
	unsigned char *data = testutil_read_file(real, &len);
	assert_non_null(data);
	static const size_t cuts[] = {4, 12, 511, 4096, 4097, 8192, 100000, 1000000};
	for (size_t i = 0; i < sizeof(cuts) / sizeof(cuts[0]); i++) {
		char name[32];
		snprintf(name, sizeof(name), "trunc%zu", cuts[i]);
		char *p = testutil_write_file(dir, name, data, cuts[i]);
		int rc = ws2fix_registry_open_hive(&reg, p, NULL);
		if (rc == 0) {
			/* hivex may accept a prefix; reading must still not crash. */
			ws2fix_catalog *cat = NULL;
			if (ws2fix_catalog_read(&cat, reg) == 0)
				ws2fix_catalog_free(cat);
			ws2fix_registry_free(reg);
		} else {
			assert_true(rc == WS2FIX_ECORRUPT || rc == WS2FIX_ENOTFOUND);
		}
		remove(p);
		free(p);
	}
	free(data);
	remove(real);
	free(real);
	remove(garbage);
	remove(empty);
	free(garbage);
	free(empty);
	free(dir);
}

static void test_hive__write_commit_keeps_original(void **state)
{
	(void)state;
	char *path = hive_copy("hives/itdaniher-winxp-x64-sp2/system.xz");
	size_t orig_len = 0;
	unsigned char *orig = testutil_read_file(path, &orig_len);
	ws2fix_open_options o = WS2FIX_OPEN_OPTIONS_INIT;
	o.writable = 1;
	ws2fix_registry *reg = NULL;
	assert_int_equal(ws2fix_registry_open_hive(&reg, path, &o), 0);
	const char *k = "ControlSet001\\Services\\WinSock2\\Parameters\\Protocol_Catalog9";
	static const unsigned char five[4] = {5, 0, 0, 0};
	assert_int_equal(ws2fix_registry_set_value(reg, k, "Serial_Access_Num", WS2FIX_REG_DWORD, five, 4), 0);
	assert_int_equal(ws2fix_registry_set_value(reg, "ControlSet001\\Services\\ws2fixtest\\Sub", "v",
		WS2FIX_REG_BINARY, "abc", 3), 0);
	assert_int_equal(ws2fix_registry_delete_value(reg, k, "Num_Catalog_Entries64"), 0);
	assert_int_equal(ws2fix_registry_delete_value(reg, k, "Num_Catalog_Entries64"), WS2FIX_ENOTFOUND);
	assert_int_equal(ws2fix_registry_delete_tree(reg, "ControlSet002"), 0);
	/* Edits are visible before commit, and the file is untouched. */
	uint32_t d = 0;
	ws2fix_regvalue v;
	assert_int_equal(ws2fix_registry_get_value(&v, reg, k, "Serial_Access_Num"), 0);
	assert_int_equal(ws2fix_regvalue_dword(&d, &v), 0);
	assert_int_equal(d, 5);
	ws2fix_regvalue_clear(&v);
	size_t now_len = 0;
	unsigned char *now = testutil_read_file(path, &now_len);
	assert_int_equal(now_len, orig_len);
	assert_memory_equal(now, orig, orig_len);
	free(now);

	char backup[4096];
	snprintf(backup, sizeof(backup), "%s.bak", path);
	assert_int_equal(ws2fix_registry_commit(reg, backup), 0);
	ws2fix_registry_free(reg);

	/* The backup is the original, byte for byte; the new hive has the edits. */
	size_t bak_len = 0;
	unsigned char *bak = testutil_read_file(backup, &bak_len);
	assert_int_equal(bak_len, orig_len);
	assert_memory_equal(bak, orig, orig_len);
	free(bak);
	assert_int_equal(ws2fix_registry_open_hive(&reg, path, NULL), 0);
	assert_int_equal(ws2fix_registry_get_value(&v, reg, k, "Serial_Access_Num"), 0);
	assert_int_equal(ws2fix_regvalue_dword(&d, &v), 0);
	assert_int_equal(d, 5);
	ws2fix_regvalue_clear(&v);
	assert_int_equal(ws2fix_registry_get_value(&v, reg, k, "Num_Catalog_Entries64"), WS2FIX_ENOTFOUND);
	assert_int_equal(ws2fix_registry_key_exists(reg, "ControlSet002"), 0);
	assert_int_equal(ws2fix_registry_key_exists(reg, "ControlSet001\\Services\\ws2fixtest\\Sub"), 1);
	assert_int_equal(ws2fix_registry_get_value(&v, reg, "ControlSet001\\Services\\ws2fixtest\\Sub", "v"), 0);
	assert_int_equal(v.type, WS2FIX_REG_BINARY);
	assert_int_equal(v.len, 3);
	assert_memory_equal(v.data, "abc", 3);
	ws2fix_regvalue_clear(&v);
	ws2fix_catalog *cat = NULL;
	assert_int_equal(ws2fix_catalog_read(&cat, reg), 0);
	assert_int_equal(cat->protocol[WS2FIX_VIEW_64].info.count, 5);
	assert_false(cat->protocol[WS2FIX_VIEW_64].info.has_declared_count);
	ws2fix_catalog_free(cat);
	ws2fix_registry_free(reg);
	free(orig);
	remove(backup);
	remove(path);
	free(path);
}

/* The one cell in use that holds the record (id "nk" @p id_back bytes
 * before the name, the cell's size 4 bytes before that) named @p name,
 * found by its bytes (freed cells may hold older copies); or a failed
 * test.  Returns the name's offset. */
static size_t only_record(const unsigned char *d, size_t len, const char *name, const char *id, size_t id_back)
{
	size_t n = strlen(name), at = 0, hits = 0;
	for (size_t i = id_back + 4; i + n <= len; i++) {
		if (memcmp(d + i, name, n) || memcmp(d + i - id_back, id, 2))
			continue;
		const unsigned char *c = d + i - id_back - 4;
		int32_t size = (int32_t)((uint32_t)c[0] | (uint32_t)c[1] << 8 | (uint32_t)c[2] << 16 | (uint32_t)c[3] << 24);
		if (size < 0) { /* a negative size: the cell is in use */
			at = i;
			hits++;
		}
	}
	assert_int_equal(hits, 1);
	return at;
}

/* Where hivex stores @p name among the subkeys (values 0) or values (1)
 * of @p path (ControlSet001-relative steps separated by '/'). */
static size_t hivex_position(hive_h *h, const char *path, int values, const char *name)
{
	hive_node_h node = hivex_root(h);
	char buf[256];
	snprintf(buf, sizeof(buf), "%s", path);
	for (char *step = strtok(buf, "/"); step; step = strtok(NULL, "/")) {
		node = hivex_node_get_child(h, node, step);
		assert_true(node != 0);
	}
	size_t *all = values ? hivex_node_values(h, node) : hivex_node_children(h, node);
	assert_non_null(all);
	size_t pos = (size_t)-1;
	for (size_t i = 0; all[i]; i++) {
		char *got = values ? hivex_value_key(h, all[i]) : hivex_node_name(h, all[i]);
		assert_non_null(got);
		if (!strcmp(got, name))
			pos = i;
		free(got);
	}
	free(all);
	assert_true(pos != (size_t)-1);
	return pos;
}

/* A name hivex cannot read (its length runs past its cell) ends hivex's
 * scan of a key's names: a name stored after it is not found, one before
 * it is.  ws2fix's sorted name index must answer the same, for subkeys and
 * for values, and listing the names is an error. */
static void test_hive__unreadable_name_stops_the_lookup_like_hivex(void **state)
{
	(void)state;
	char *path = hive_copy("hives/winevt-kb-xpsp3-x86/SYSTEM.xz");
	const char *key = "ControlSet001\\Services\\ws2fixidx";
	static const char *const subs[] = {"ws2fixKeyA", "ws2fixKeyMBroken", "ws2fixKeyZ"};
	static const char *const vals[] = {"ws2fixValA", "ws2fixValMBroken", "ws2fixValZ"};
	ws2fix_open_options o = WS2FIX_OPEN_OPTIONS_INIT;
	o.writable = 1;
	ws2fix_registry *reg = NULL;
	assert_int_equal(ws2fix_registry_open_hive(&reg, path, &o), 0);
	for (int i = 0; i < 3; i++) {
		char sub[256];
		snprintf(sub, sizeof(sub), "%s\\%s", key, subs[i]);
		assert_int_equal(ws2fix_registry_set_value(reg, sub, "v", WS2FIX_REG_DWORD, "\1\0\0\0", 4), 0);
		assert_int_equal(ws2fix_registry_set_value(reg, key, vals[i], WS2FIX_REG_DWORD, "\2\0\0\0", 4), 0);
	}
	assert_int_equal(ws2fix_registry_commit(reg, NULL), 0);
	ws2fix_registry_free(reg);

	/* The broken names sit between the other two in stored order. */
	hive_h *h = hivex_open(path, 0);
	assert_non_null(h);
	const char *hpath = "ControlSet001/Services/ws2fixidx";
	assert_true(hivex_position(h, hpath, 0, subs[0]) < hivex_position(h, hpath, 0, subs[1]));
	assert_true(hivex_position(h, hpath, 0, subs[1]) < hivex_position(h, hpath, 0, subs[2]));
	assert_true(hivex_position(h, hpath, 1, vals[0]) < hivex_position(h, hpath, 1, vals[1]));
	assert_true(hivex_position(h, hpath, 1, vals[1]) < hivex_position(h, hpath, 1, vals[2]));
	hivex_close(h);

	/* Break them: a name length of 0xFFFF, longer than the cell (nk: the
	 * length 4 bytes before the name, the id 76; vk: 18 and 20). */
	size_t len = 0;
	unsigned char *d = testutil_read_file(path, &len);
	assert_non_null(d);
	size_t at = only_record(d, len, subs[1], "nk", 76);
	assert_int_equal(d[at - 4] | d[at - 3] << 8, strlen(subs[1]));
	d[at - 4] = d[at - 3] = 0xFF;
	at = only_record(d, len, vals[1], "vk", 20);
	assert_int_equal(d[at - 18] | d[at - 17] << 8, strlen(vals[1]));
	d[at - 18] = d[at - 17] = 0xFF;
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(d, 1, len, f), len);
	assert_int_equal(fclose(f), 0);
	free(d);

	/* hivex itself: the name before is found, the one after is not (an
	 * error, not a miss). */
	h = hivex_open(path, 0);
	assert_non_null(h);
	hive_node_h node = hivex_root(h);
	node = hivex_node_get_child(h, node, "ControlSet001");
	node = hivex_node_get_child(h, node, "Services");
	node = hivex_node_get_child(h, node, "ws2fixidx");
	assert_true(node != 0);
	assert_true(hivex_node_get_child(h, node, subs[0]) != 0);
	errno = 0;
	assert_true(hivex_node_get_child(h, node, subs[2]) == 0);
	assert_int_not_equal(errno, 0);
	assert_true(hivex_node_get_value(h, node, vals[0]) != 0);
	errno = 0;
	assert_true(hivex_node_get_value(h, node, vals[2]) == 0);
	assert_int_not_equal(errno, 0);
	hivex_close(h);

	/* ws2fix, through its index, the same. */
	assert_int_equal(ws2fix_registry_open_hive(&reg, path, NULL), 0);
	char sub[256];
	ws2fix_regvalue v;
	snprintf(sub, sizeof(sub), "%s\\%s", key, subs[0]);
	assert_int_equal(ws2fix_registry_key_exists(reg, sub), 1);
	assert_int_equal(ws2fix_registry_get_value(&v, reg, sub, "v"), 0);
	ws2fix_regvalue_clear(&v);
	snprintf(sub, sizeof(sub), "%s\\%s", key, subs[2]);
	assert_int_equal(ws2fix_registry_get_value(&v, reg, sub, "v"), WS2FIX_ECORRUPT);
	assert_non_null(strstr(ws2fix_error_last()->message, "cannot read key"));
	assert_int_equal(ws2fix_registry_get_value(&v, reg, key, vals[0]), 0);
	uint32_t dw = 0;
	assert_int_equal(ws2fix_regvalue_dword(&dw, &v), 0);
	assert_int_equal(dw, 2);
	ws2fix_regvalue_clear(&v);
	assert_int_equal(ws2fix_registry_get_value(&v, reg, key, vals[2]), WS2FIX_ECORRUPT);
	assert_non_null(strstr(ws2fix_error_last()->message, "cannot read"));
	/* A name that is not there at all, past the broken one: an error too,
	 * since hivex cannot tell. */
	assert_int_equal(ws2fix_registry_get_value(&v, reg, key, "ws2fixValNone"), WS2FIX_ECORRUPT);
	ws2fix_strlist l;
	assert_int_equal(ws2fix_registry_subkeys(&l, reg, key), WS2FIX_ECORRUPT);
	assert_int_equal(ws2fix_registry_values(&l, reg, key), WS2FIX_ECORRUPT);
	ws2fix_registry_free(reg);
	remove(path);
	free(path);
}

/* Decompress NAME.xz into @p dir under the name @p as. */
static char *unxz_as(const char *dir, const char *rel, const char *as)
{
	char *tmp = testutil_unxz(rel);
	assert_non_null(tmp);
	size_t len = 0;
	unsigned char *d = testutil_read_file(tmp, &len);
	assert_non_null(d);
	char *p = testutil_write_file(dir, as, d, len);
	free(d);
	remove(tmp);
	free(tmp);
	return p;
}

static void test_hive__dirty_hive_is_read_through_its_logs(void **state)
{
	(void)state;
	char *probe = testutil_shared_path("hives/regipy/SYSTEM_B.xz");
	if (!probe)
		testutil_skip();
	free(probe);
	char *dir = testutil_tempdir();
	/* Any letter case, as on a copied or mounted NTFS tree. */
	char *hive = unxz_as(dir, "hives/regipy/SYSTEM_B.xz", "SYSTEM_B");
	char *log1 = unxz_as(dir, "hives/regipy/SYSTEM_B.LOG1.xz", "system_b.log1");
	char *log2 = unxz_as(dir, "hives/regipy/SYSTEM_B.LOG2.xz", "System_B.Log2");
	size_t lens[3];
	unsigned char *before[3] = {testutil_read_file(hive, &lens[0]), testutil_read_file(log1, &lens[1]),
		testutil_read_file(log2, &lens[2])};

	ws2fix_registry *reg = NULL;
	assert_int_equal(ws2fix_registry_open_hive(&reg, hive, NULL), 0);
	assert_int_equal(ws2fix_registry_is_dirty(reg), 0);
	const ws2fix_hive_recovery *rec = ws2fix_registry_hive_recovery(reg);
	assert_non_null(rec);
	assert_true(rec->dirty);
	assert_true(rec->recovered);
	assert_int_equal(rec->entries, 24);
	assert_string_equal(rec->log_names[WS2FIX_HIVELOG_LOG1], "system_b.log1");
	assert_string_equal(rec->log_names[WS2FIX_HIVELOG_LOG2], "System_B.Log2");
	assert_null(rec->log_names[WS2FIX_HIVELOG_LOG]);
	char *text = NULL;
	assert_int_equal(ws2fix_hive_recovery_text(&text, rec, 1, WS2FIX_LANG_EN), 0);
	assert_string_equal(text, "24 log entries, sequence 2107 to 2130, from system_b.log1 + System_B.Log2");
	free(text);
	ws2fix_catalog *cat = NULL;
	assert_int_equal(ws2fix_catalog_read(&cat, reg), 0);
	assert_int_equal(cat->protocol[WS2FIX_VIEW_64].info.count, 13);
	assert_int_equal(cat->protocol[WS2FIX_VIEW_32].info.count, 13);
	ws2fix_catalog_free(cat);
	ws2fix_registry_free(reg);

	/* Reading never changed the hive or its logs. */
	const char *paths[3] = {hive, log1, log2};
	for (int i = 0; i < 3; i++) {
		size_t n = 0;
		unsigned char *after = testutil_read_file(paths[i], &n);
		assert_int_equal(n, lens[i]);
		assert_memory_equal(after, before[i], n);
		free(after);
		free(before[i]);
	}

	/* Without its logs the same hive is dirty, and says why. */
	remove(log1);
	remove(log2);
	assert_int_equal(ws2fix_registry_open_hive(&reg, hive, NULL), 0);
	assert_int_equal(ws2fix_registry_is_dirty(reg), 1);
	rec = ws2fix_registry_hive_recovery(reg);
	assert_false(rec->recovered);
	assert_int_equal(rec->note_count, 1);
	assert_int_equal(rec->notes[0].problem, WS2FIX_HLP_NO_LOGS);
	ws2fix_registry_free(reg);
	remove(hive);
	free(hive);
	free(log1);
	free(log2);
	free(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_hive__dirty_hive_is_read_through_its_logs),
		cmocka_unit_test(test_hive__reads_select_current_and_values),
		cmocka_unit_test(test_hive__dirty_header_is_reported),
		cmocka_unit_test(test_hive__bad_input_is_an_error_not_a_crash),
		cmocka_unit_test(test_hive__write_commit_keeps_original),
		cmocka_unit_test(test_hive__unreadable_name_stops_the_lookup_like_hivex),
	};
	return testutil_result(cmocka_run_group_tests(tests, NULL, NULL));
}

#else
int main(void)
{
	return 77; /* no hive backend in this build */
}
#endif

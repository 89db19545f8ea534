/* SPDX-License-Identifier: MIT */
/*
 * Backups and restores (include/ws2fix/backup.h) on copies of real hives
 * and on the real regedit export: which keys a backup holds, that the
 * written file reads back as the hive, that a restore undoes damage to the
 * covered keys and changes nothing else (whole-tree snapshots before and
 * after, in memory and on disk), that other tools still read the written
 * hive, and that backups reaching outside <cs>\Services\ are refused.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <cmocka.h>

#include "ws2fix/backup.h"
#include "ws2fix/errors.h"
#include "ws2fix/registry.h"
#include "testutil.h"
#include "util/buf.h"

/* ---- helpers ------------------------------------------------------------ */

static char *path_in(const char *dir, const char *name)
{
	return testutil_join(dir, "/", name);
}

static char *dir_of(const char *path)
{
	char *d = strdup(path);
	assert_non_null(d);
	char *slash = strrchr(d, '/');
	assert_non_null(slash);
	*slash = '\0';
	return d;
}

/* Remove a test's temporary folder (hive copies are megabytes each).
 * Only folders this test made with testutil are passed here. */
static void remove_dir(const char *dir)
{
	char cmd[4200];
	if (getenv("WS2FIX_KEEP_TEMP"))
		return;
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		print_message("note: could not remove %s\n", dir);
}

static char *joinp(const char *a, const char *b)
{
	return testutil_join(a, *a ? "\\" : "", b);
}

/*
 * Every key and value below @p path, one line each, in the source's order:
 * "K path" and "V path|name|type|hex".  Two snapshots are equal exactly
 * when the trees are (names, order, types and bytes).
 */
static void snapshot_into(ws2fix_buf *b, ws2fix_registry *reg, const char *path)
{
	static const char hex[] = "0123456789abcdef";
	ws2fix_strlist vals, subs;
	ws2fix__buf_printf(b, "K %s\n", path);
	assert_int_equal(ws2fix_registry_values(&vals, reg, path), 0);
	for (size_t i = 0; i < vals.count; i++) {
		ws2fix_regvalue v;
		assert_int_equal(ws2fix_registry_get_value(&v, reg, path, vals.items[i]), 0);
		ws2fix__buf_printf(b, "V %s|%s|%u|", path, vals.items[i], (unsigned)v.type);
		for (size_t k = 0; k < v.len; k++) {
			ws2fix__buf_putc(b, hex[v.data[k] >> 4]);
			ws2fix__buf_putc(b, hex[v.data[k] & 15]);
		}
		ws2fix__buf_putc(b, '\n');
		ws2fix_regvalue_clear(&v);
	}
	ws2fix_strlist_clear(&vals);
	assert_int_equal(ws2fix_registry_subkeys(&subs, reg, path), 0);
	for (size_t i = 0; i < subs.count; i++) {
		char *c = joinp(path, subs.items[i]);
		snapshot_into(b, reg, c);
		free(c);
	}
	ws2fix_strlist_clear(&subs);
}

static char *snapshot(ws2fix_registry *reg, const char *path)
{
	ws2fix_buf b = WS2FIX_BUF_INIT;
	snapshot_into(&b, reg, path);
	assert_false(ws2fix__buf_oom(&b));
	return ws2fix__buf_detach(&b);
}

/* Same as snapshot(), with the key paths' control-set part replaced, to
 * compare a subtree of a hive with the same subtree of a .reg file. */
static char *snapshot_rel(ws2fix_registry *reg, const char *path, size_t strip)
{
	char *s = snapshot(reg, path);
	ws2fix_buf b = WS2FIX_BUF_INIT;
	for (char *line = s; *line;) {
		char *nl = strchr(line, '\n');
		size_t n = nl ? (size_t)(nl - line) : strlen(line);
		ws2fix__buf_put(&b, line, 2);
		ws2fix__buf_put(&b, line + 2 + strip, n - 2 - strip);
		ws2fix__buf_putc(&b, '\n');
		line += n + (nl ? 1 : 0);
	}
	free(s);
	return ws2fix__buf_detach(&b);
}

/* Fail with the first differing line, not a 10 MB dump. */
static void assert_same_snapshot(const char *a, const char *b, const char *what)
{
	if (strcmp(a, b) == 0)
		return;
	size_t i = 0, line = 1, start = 0;
	while (a[i] && a[i] == b[i]) {
		if (a[i] == '\n') {
			line++;
			start = i + 1;
		}
		i++;
	}
	const char *ea = strchr(a + start, '\n');
	const char *eb = strchr(b + start, '\n');
	int la = ea ? (int)(ea - (a + start)) : (int)strlen(a + start);
	int lb = eb ? (int)(eb - (b + start)) : (int)strlen(b + start);
	if (la > 300)
		la = 300;
	if (lb > 300)
		lb = 300;
	fail_msg("%s: snapshots differ at line %zu:\n  before: %.*s\n  after:  %.*s", what, line, la,
		a + start, lb, b + start);
}

/* A .reg file in UTF-16LE with BOM and CRLF, from ASCII text with \n. */
static char *write_reg(const char *dir, const char *name, const char *text)
{
	size_t n = strlen(text);
	unsigned char *u = malloc(4 + n * 4);
	size_t o = 0;
	assert_non_null(u);
	u[o++] = 0xFF;
	u[o++] = 0xFE;
	for (size_t i = 0; i < n; i++) {
		if (text[i] == '\n') {
			u[o++] = '\r';
			u[o++] = 0;
		}
		u[o++] = (unsigned char)text[i];
		u[o++] = 0;
	}
	char *p = testutil_write_file(dir, name, u, o);
	free(u);
	return p;
}

static int key_in(const ws2fix_strlist *l, const char *key)
{
	for (size_t i = 0; i < l->count; i++)
		if (strcasecmp(l->items[i], key) == 0)
			return 1;
	return 0;
}

/* The file regedit would write: BOM, then UTF-16LE text with CRLF only. */
static void assert_regedit_format(const char *path)
{
	size_t len = 0;
	unsigned char *d = testutil_read_file(path, &len);
	assert_non_null(d);
	assert_true(len > 2 && len % 2 == 0);
	assert_int_equal(d[0], 0xFF);
	assert_int_equal(d[1], 0xFE);
	static const char head[] = "Windows Registry Editor Version 5.00\r\n";
	for (size_t i = 0; i < sizeof(head) - 1; i++) {
		assert_int_equal(d[2 + 2 * i], (unsigned char)head[i]);
		assert_int_equal(d[3 + 2 * i], 0);
	}
	for (size_t i = 2; i + 1 < len; i += 2) {
		if (d[i] == '\n' && d[i + 1] == 0)
			assert_true(i >= 4 && d[i - 2] == '\r' && d[i - 1] == 0);
	}
	free(d);
}

/* ---- .reg source: runs on every build ----------------------------------- */

static char *regfile_copy(char **dir_out)
{
	char *src = testutil_shared_path("corpus/cingchun-bccc/winsock2.reg");
	if (!src)
		testutil_skip();
	size_t len = 0;
	unsigned char *d = testutil_read_file(src, &len);
	assert_non_null(d);
	char *dir = testutil_tempdir();
	char *p = testutil_write_file(dir, "winsock2.reg", d, len);
	free(d);
	free(src);
	*dir_out = dir;
	return p;
}

static void corrupt_catalog(ws2fix_registry *reg, const char *ws2)
{
	char *params = joinp(ws2, "Parameters\\Protocol_Catalog9");
	char *entries = joinp(params, "Catalog_Entries");
	char *e3 = joinp(entries, "000000000003");
	char *e1 = joinp(entries, "000000000001");
	char *stray = joinp(ws2, "Stray\\Deeper");
	uint32_t n = 99;
	static const unsigned char junk[4] = {1, 2, 3, 4};
	assert_int_equal(ws2fix_registry_delete_tree(reg, e3), 0);
	assert_int_equal(ws2fix_registry_set_value(reg, params, "Num_Catalog_Entries", WS2FIX_REG_DWORD, &n, 4), 0);
	assert_int_equal(ws2fix_registry_set_value(reg, e1, "PackedCatalogItem", WS2FIX_REG_BINARY, junk, 4), 0);
	assert_int_equal(ws2fix_registry_set_value(reg, stray, "Junk", WS2FIX_REG_BINARY, junk, 4), 0);
	assert_int_equal(ws2fix_registry_delete_value(reg, params, "Next_Catalog_Entry_ID"), 0);
	free(params);
	free(entries);
	free(e3);
	free(e1);
	free(stray);
}

static void test_backup__restore_on_real_regedit_export(void **state)
{
	(void)state;
	char *dir = NULL;
	char *path = regfile_copy(&dir);
	const char *ws2 = "CurrentControlSet\\Services\\WinSock2";
	ws2fix_open_options o = WS2FIX_OPEN_OPTIONS_INIT;
	o.writable = 1;
	ws2fix_registry *reg = NULL;
	assert_int_equal(ws2fix_registry_open_regfile(&reg, path, &o), 0);
	char *before = snapshot(reg, "");

	ws2fix_strlist keys;
	assert_int_equal(ws2fix_backup_keys(&keys, reg, 0), 0);
	assert_int_equal(keys.count, 1); /* the export holds WinSock2 only */
	assert_string_equal(keys.items[0], ws2);
	ws2fix_strlist_clear(&keys);

	char *bk = path_in(dir, "backup.reg");
	assert_int_equal(ws2fix_backup_write(reg, bk, 0), 0);
	assert_regedit_format(bk);

	corrupt_catalog(reg, ws2);
	char *diff = NULL;
	assert_int_equal(ws2fix_restore_verify(reg, bk, &diff), 0);
	assert_non_null(diff); /* the damage is seen */
	free(diff);

	ws2fix_strlist restored;
	assert_int_equal(ws2fix_restore(reg, bk, &restored), 0);
	assert_int_equal(restored.count, 1);
	assert_string_equal(restored.items[0], ws2);
	ws2fix_strlist_clear(&restored);
	char *after = snapshot(reg, "");
	assert_same_snapshot(before, after, "regfile in memory");
	free(after);

	/* Committed and read back from the file. */
	char *kept = path_in(dir, "winsock2.reg.bak");
	assert_int_equal(ws2fix_registry_commit(reg, kept), 0);
	ws2fix_registry_free(reg);
	assert_int_equal(ws2fix_registry_open_regfile(&reg, path, NULL), 0);
	after = snapshot(reg, "");
	assert_same_snapshot(before, after, "regfile on disk");
	assert_int_equal(ws2fix_restore_verify(reg, bk, &diff), 0);
	assert_null(diff);
	ws2fix_registry_free(reg);

	/* The regedit export comes back byte for byte: the writer follows
	 * regedit and the restore re-created every key with its own line. */
	size_t la = 0, lb = 0;
	unsigned char *a = testutil_read_file(path, &la);
	unsigned char *b = testutil_read_file(kept, &lb);
	assert_non_null(a);
	assert_non_null(b);
	assert_int_equal(la, lb);
	assert_memory_equal(a, b, la);
	free(a);
	free(b);
	free(before);
	free(after);
	free(kept);
	free(bk);
	free(path);
	remove_dir(dir);
	free(dir);
}

static void expect_refused(ws2fix_registry *reg, const char *dir, const char *name, const char *text)
{
	char *p = write_reg(dir, name, text);
	ws2fix_strlist l;
	char *before = snapshot(reg, "");
	assert_int_equal(ws2fix_restore_plan(&l, reg, p), WS2FIX_EINVALID);
	assert_int_equal(l.count, 0);
	assert_true(strlen(ws2fix_error_last()->message) > 0);
	assert_int_equal(ws2fix_restore(reg, p, &l), WS2FIX_EINVALID);
	char *after = snapshot(reg, "");
	assert_same_snapshot(before, after, name);
	free(before);
	free(after);
	free(p);
}

static void test_backup__restore_refuses_keys_outside_services(void **state)
{
	(void)state;
	char *dir = NULL;
	char *path = regfile_copy(&dir);
	ws2fix_open_options o = WS2FIX_OPEN_OPTIONS_INIT;
	o.writable = 1;
	ws2fix_registry *reg = NULL;
	assert_int_equal(ws2fix_registry_open_regfile(&reg, path, &o), 0);

	expect_refused(reg, dir, "control.reg",
		"Windows Registry Editor Version 5.00\n\n"
		"[HKEY_LOCAL_MACHINE\\SYSTEM\\ControlSet001\\Control\\Session Manager]\n\"X\"=dword:00000001\n\n");
	/* One good key does not excuse a bad one. */
	expect_refused(reg, dir, "mixed.reg",
		"Windows Registry Editor Version 5.00\n\n"
		"[HKEY_LOCAL_MACHINE\\SYSTEM\\ControlSet001\\Services\\WinSock2]\n\n"
		"[HKEY_LOCAL_MACHINE\\SYSTEM\\ControlSet001\\Control\\Nls]\n\"X\"=dword:00000001\n\n");
	/* The whole Services key is not "a key below it". */
	expect_refused(reg, dir, "services.reg",
		"Windows Registry Editor Version 5.00\n\n"
		"[HKEY_LOCAL_MACHINE\\SYSTEM\\ControlSet001\\Services]\n\"X\"=dword:00000001\n\n");
	/* Two control sets: the second one is outside the file's own. */
	expect_refused(reg, dir, "twosets.reg",
		"Windows Registry Editor Version 5.00\n\n"
		"[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\WinSock2]\n\n"
		"[HKEY_LOCAL_MACHINE\\SYSTEM\\ControlSet001\\Services\\WinSock2]\n\n");
	expect_refused(reg, dir, "select.reg",
		"Windows Registry Editor Version 5.00\n\n"
		"[HKEY_LOCAL_MACHINE\\SYSTEM\\Select]\n\"Current\"=dword:00000001\n\n");
	expect_refused(reg, dir, "foreign.reg",
		"Windows Registry Editor Version 5.00\n\n"
		"[HKEY_LOCAL_MACHINE\\SYSTEM\\ControlSet001\\Services\\WinSock2]\n\n"
		"[HKEY_CURRENT_USER\\Software\\X]\n\"X\"=dword:00000001\n\n");
	expect_refused(reg, dir, "empty.reg", "Windows Registry Editor Version 5.00\n\n");

	/* A key under Services whose parent has no line is covered on its own. */
	char *p = write_reg(dir, "deep.reg",
		"Windows Registry Editor Version 5.00\n\n"
		"[HKEY_LOCAL_MACHINE\\SYSTEM\\ControlSet001\\Services\\Foo\\Parameters\\Winsock]\n"
		"\"HelperDllName\"=hex(2):00,00\n\n"
		"[HKEY_LOCAL_MACHINE\\SYSTEM\\ControlSet001\\Services\\Foo\\Parameters\\Winsock\\0]\n\n");
	ws2fix_strlist l;
	assert_int_equal(ws2fix_restore_plan(&l, reg, p), 0);
	assert_int_equal(l.count, 1);
	assert_string_equal(l.items[0], "CurrentControlSet\\Services\\Foo\\Parameters\\Winsock");
	ws2fix_strlist_clear(&l);
	free(p);

	assert_int_equal(ws2fix_restore_plan(&l, reg, "/nonexistent/backup.reg"), WS2FIX_ENOTFOUND);
	ws2fix_registry_free(reg);

	/* A read-only source refuses the edit. */
	assert_int_equal(ws2fix_registry_open_regfile(&reg, path, NULL), 0);
	char *bk = path_in(dir, "ro.reg");
	assert_int_equal(ws2fix_backup_write(reg, bk, 0), 0);
	assert_int_equal(ws2fix_restore(reg, bk, NULL), WS2FIX_EREADONLY);
	ws2fix_registry_free(reg);
	free(bk);
	free(path);
	remove_dir(dir);
	free(dir);
}

static void test_backup__write_failure_leaves_no_file(void **state)
{
	(void)state;
	char *dir = NULL;
	char *path = regfile_copy(&dir);
	ws2fix_registry *reg = NULL;
	assert_int_equal(ws2fix_registry_open_regfile(&reg, path, NULL), 0);
	char *bad = path_in(dir, "no-such-dir/backup.reg");
	assert_true(ws2fix_backup_write(reg, bad, 0) < 0);
	assert_true(strstr(ws2fix_error_last()->message, "no-such-dir") != NULL);
	struct stat st;
	assert_true(stat(bad, &st) != 0);
	/* Writing over an existing backup replaces it whole. */
	char *bk = testutil_write_file(dir, "old.reg", "old", 3);
	assert_int_equal(ws2fix_backup_write(reg, bk, 0), 0);
	assert_regedit_format(bk);
	ws2fix_registry_free(reg);
	free(bk);
	free(bad);
	free(path);
	remove_dir(dir);
	free(dir);
}

#ifdef WS2FIX_HAVE_HIVEX

static char *hive_copy(const char *rel)
{
	char *p = testutil_unxz(rel);
	if (!p)
		testutil_skip();
	return p;
}

static ws2fix_registry *open_hive(const char *path, int writable)
{
	ws2fix_open_options o = WS2FIX_OPEN_OPTIONS_INIT;
	o.writable = writable;
	ws2fix_registry *reg = NULL;
	assert_int_equal(ws2fix_registry_open_hive(&reg, path, &o), 0);
	return reg;
}

/* Winsock\Parameters\Transports, decoded here independently of the
 * library: UTF-16LE strings, each NUL-terminated (ASCII names). */
static size_t read_transports(ws2fix_registry *reg, const char *cs, char names[][64], size_t max)
{
	char *key = joinp(cs, "Services\\Winsock\\Parameters");
	ws2fix_regvalue v;
	assert_int_equal(ws2fix_registry_get_value(&v, reg, key, "Transports"), 0);
	assert_int_equal(v.type, WS2FIX_REG_MULTI_SZ);
	size_t n = 0, k = 0;
	for (size_t i = 0; i + 1 < v.len && n < max; i += 2) {
		unsigned u = v.data[i] | (unsigned)v.data[i + 1] << 8;
		if (u == 0) {
			names[n][k] = '\0';
			if (k)
				n++;
			k = 0;
		} else if (k < 63) {
			names[n][k++] = (char)u;
		}
	}
	ws2fix_regvalue_clear(&v);
	free(key);
	return n;
}

static void check_keys_of(const char *rel)
{
	char *path = hive_copy(rel);
	ws2fix_registry *reg = open_hive(path, 0);
	const char *cs = ws2fix_registry_controlset(reg);
	char names[32][64];
	size_t nt = read_transports(reg, cs, names, 32);
	assert_true(nt >= 1);

	ws2fix_strlist keys;
	assert_int_equal(ws2fix_backup_keys(&keys, reg, 0), 0);
	size_t expect = 2;
	char *ws2 = joinp(cs, "Services\\WinSock2");
	char *ws = joinp(cs, "Services\\Winsock");
	assert_true(key_in(&keys, ws2));
	assert_true(key_in(&keys, ws));
	for (size_t i = 0; i < nt; i++) {
		char rest[2200];
		snprintf(rest, sizeof(rest), "Services\\%s\\Parameters\\Winsock", names[i]);
		char *k = joinp(cs, rest);
		int exists = ws2fix_registry_key_exists(reg, k);
		if (exists)
			expect++;
		if (key_in(&keys, k) != exists)
			fail_msg("%s: transport %s: key %s exists=%d, in backup keys=%d", rel, names[i], k, exists,
				key_in(&keys, k));
		free(k);
	}
	assert_int_equal(keys.count, expect);
	ws2fix_strlist_clear(&keys);

	/* Windows 2000 extras: Tcpip\Parameters replaces the transport key below it. */
	assert_int_equal(ws2fix_backup_keys(&keys, reg, 1), 0);
	char *tcpip = joinp(cs, "Services\\Tcpip\\Parameters");
	char *tcpip_ws = joinp(cs, "Services\\Tcpip\\Parameters\\Winsock");
	char *lms = joinp(cs, "Services\\LanManServer\\Linkage");
	char *lmw = joinp(cs, "Services\\LanManWorkstation\\Linkage");
	assert_true(key_in(&keys, tcpip));
	assert_false(key_in(&keys, tcpip_ws));
	assert_int_equal(key_in(&keys, lms), ws2fix_registry_key_exists(reg, lms));
	assert_int_equal(key_in(&keys, lmw), ws2fix_registry_key_exists(reg, lmw));
	assert_true(key_in(&keys, ws2));
	ws2fix_strlist_clear(&keys);

	free(tcpip);
	free(tcpip_ws);
	free(lms);
	free(lmw);
	free(ws2);
	free(ws);
	ws2fix_registry_free(reg);
	char *dir = dir_of(path);
	remove_dir(dir);
	free(dir);
	free(path);
}

static void test_backup__keys_follow_transports(void **state)
{
	(void)state;
	check_keys_of("hives/bitcurator-m57-xpsp3-x86/SYSTEM.xz");
	check_keys_of("hives/shimcacheparser-win7sp1-x64/SYSTEM.xz");
	check_keys_of("hives/dissect-regf-win10-x64/SYSTEM.xz");
}

/* The written .reg, parsed back, holds every covered key exactly as the
 * hive does: same keys and values in the same order, same types and bytes. */
static void check_export_of(const char *rel)
{
	char *path = hive_copy(rel);
	char *dir = dir_of(path);
	ws2fix_registry *reg = open_hive(path, 0);
	char *bk = path_in(dir, "backup.reg");
	assert_int_equal(ws2fix_backup_write(reg, bk, 1), 0);
	assert_regedit_format(bk);
	ws2fix_registry *back = NULL;
	assert_int_equal(ws2fix_registry_open_regfile(&back, bk, NULL), 0);
	/* The backup names the hive's control set (read through CurrentControlSet). */
	assert_string_equal(ws2fix_registry_source_controlset(back), ws2fix_registry_controlset(reg));

	ws2fix_strlist keys;
	assert_int_equal(ws2fix_backup_keys(&keys, reg, 1), 0);
	for (size_t i = 0; i < keys.count; i++) {
		char *a = snapshot(reg, keys.items[i]);
		char *b = snapshot(back, keys.items[i]);
		assert_same_snapshot(a, b, keys.items[i]);
		free(a);
		free(b);
	}
	/* Nothing else is in the file. */
	ws2fix_strlist plan;
	assert_int_equal(ws2fix_restore_plan(&plan, reg, bk), 0);
	assert_int_equal(plan.count, keys.count);
	for (size_t i = 0; i < keys.count; i++)
		assert_string_equal(plan.items[i], keys.items[i]);
	char *diff = NULL;
	assert_int_equal(ws2fix_restore_verify(reg, bk, &diff), 0);
	if (diff)
		fail_msg("%s: %s", rel, diff);
	ws2fix_strlist_clear(&plan);
	ws2fix_strlist_clear(&keys);
	ws2fix_registry_free(back);
	ws2fix_registry_free(reg);
	free(bk);
	remove_dir(dir);
	free(dir);
	free(path);
}

static void test_backup__export_reads_back_as_the_hive(void **state)
{
	(void)state;
	check_export_of("hives/winevt-kb-xpsp3-x86/SYSTEM.xz");
	check_export_of("hives/itdaniher-winxp-x64-sp2/system.xz");
	check_export_of("hives/regipy/SYSTEM_WIN_10_1709.xz");
}

static int have_tool(const char *name)
{
	char cmd[256];
	snprintf(cmd, sizeof(cmd), "command -v %s >/dev/null 2>&1", name);
	return system(cmd) == 0;
}

/* Another reader of the written hive must not stumble: reglookup and
 * regfexport (libregf) parse every cell of it.  reglookup warns about
 * values it cannot interpret in the original hive too (device property
 * blobs), so it must say nothing about the written hive that it does not
 * say about the original. */
static void other_tools_read(const char *hive, const char *original)
{
	char cmd[8192];
	if (have_tool("reglookup")) {
		snprintf(cmd, sizeof(cmd),
			"reglookup '%s' >/dev/null 2>'%s.err1' && reglookup '%s' >/dev/null 2>'%s.err2' && "
			"sort '%s.err1' >'%s.s1' && sort '%s.err2' >'%s.s2' && "
			"! comm -13 '%s.s1' '%s.s2' | grep -q .",
			original, hive, hive, hive, hive, hive, hive, hive, hive, hive);
		if (system(cmd) != 0)
			fail_msg("reglookup fails or reports new problems on the written hive %s (see %s.err2)", hive,
				hive);
	} else {
		print_message("reglookup is not installed: an independent reader is missing\n");
		testutil_skip();
	}
	if (have_tool("regfexport")) {
		snprintf(cmd, sizeof(cmd), "regfexport '%s' >/dev/null 2>&1", hive);
		if (system(cmd) != 0)
			fail_msg("regfexport cannot read the written hive %s", hive);
	} else {
		print_message("regfexport is not installed: an independent reader is missing\n");
		testutil_skip();
	}
}

/* @p whole: snapshot the whole hive; else ControlSet00N\Services, which
 * holds every covered key (the Windows 10 hive is large). */
static void check_restore_of(const char *rel, int whole)
{
	char *path = hive_copy(rel);
	char *dir = dir_of(path);
	ws2fix_registry *reg = open_hive(path, 1);
	const char *cs = ws2fix_registry_controlset(reg);
	/* A change anywhere in scope shows. */
	char *scope = whole ? strdup("") : joinp(cs, "Services");
	assert_non_null(scope);
	char *before = snapshot(reg, scope);

	char *bk = path_in(dir, "backup.reg");
	assert_int_equal(ws2fix_backup_write(reg, bk, 0), 0);

	/* Damage every kind of thing a catalog can suffer. */
	char *ws2 = joinp(cs, "Services\\WinSock2");
	char *transports = joinp(cs, "Services\\Winsock\\Parameters");
	char *tcpip_ws = joinp(cs, "Services\\Tcpip\\Parameters\\Winsock");
	corrupt_catalog(reg, ws2);
	assert_int_equal(ws2fix_registry_delete_value(reg, transports, "Transports"), 0);
	assert_int_equal(ws2fix_registry_delete_tree(reg, tcpip_ws), 0);
	char *mid = snapshot(reg, scope);
	assert_true(strcmp(before, mid) != 0);
	free(mid);

	ws2fix_strlist restored;
	assert_int_equal(ws2fix_restore(reg, bk, &restored), 0);
	assert_true(key_in(&restored, ws2));
	assert_true(key_in(&restored, tcpip_ws));
	ws2fix_strlist_clear(&restored);
	char *after = snapshot(reg, scope);
	assert_same_snapshot(before, after, "hive in memory");
	free(after);

	/* On disk: the original is kept, the new file reads back the same. */
	char *kept = path_in(dir, "SYSTEM.orig");
	assert_int_equal(ws2fix_registry_commit(reg, kept), 0);
	ws2fix_registry_free(reg);
	struct stat st;
	assert_int_equal(stat(kept, &st), 0);
	reg = open_hive(path, 0);
	after = snapshot(reg, scope);
	assert_same_snapshot(before, after, "hive on disk");
	char *diff = NULL;
	assert_int_equal(ws2fix_restore_verify(reg, bk, &diff), 0);
	assert_null(diff);
	ws2fix_registry_free(reg);
	other_tools_read(path, kept);

	free(after);
	free(before);
	free(scope);
	free(kept);
	free(ws2);
	free(transports);
	free(tcpip_ws);
	free(bk);
	remove_dir(dir);
	free(dir);
	free(path);
}

static void test_backup__restore_undoes_damage_and_nothing_else(void **state)
{
	(void)state;
	check_restore_of("hives/bitcurator-m57-xpsp3-x86/SYSTEM.xz", 1);
	check_restore_of("hives/dissect-regf-win10-x64/SYSTEM.xz", 0);
}

/* A hive backup (ControlSet001) restored into a CurrentControlSet export:
 * the control set is mapped, and the result equals the hive's keys. */
static void test_backup__restore_maps_the_control_set(void **state)
{
	(void)state;
	char *hive = hive_copy("hives/shimcacheparser-win7sp1-x64/SYSTEM.xz");
	char *hdir = dir_of(hive);
	ws2fix_registry *h = open_hive(hive, 0);
	assert_string_equal(ws2fix_registry_controlset(h), "ControlSet001");
	char *bk = path_in(hdir, "backup.reg");
	assert_int_equal(ws2fix_backup_write(h, bk, 0), 0);

	char *dir = NULL;
	char *path = regfile_copy(&dir);
	ws2fix_open_options o = WS2FIX_OPEN_OPTIONS_INIT;
	o.writable = 1;
	ws2fix_registry *r = NULL;
	assert_int_equal(ws2fix_registry_open_regfile(&r, path, &o), 0);
	ws2fix_strlist restored;
	assert_int_equal(ws2fix_restore(r, bk, &restored), 0);
	assert_true(restored.count >= 3);
	for (size_t i = 0; i < restored.count; i++)
		if (strncasecmp(restored.items[i], "CurrentControlSet\\Services\\", 27) != 0)
			fail_msg("restored key not mapped: %s", restored.items[i]);
	char *a = snapshot_rel(h, "ControlSet001\\Services\\WinSock2", strlen("ControlSet001"));
	char *b = snapshot_rel(r, "CurrentControlSet\\Services\\WinSock2", strlen("CurrentControlSet"));
	assert_same_snapshot(a, b, "mapped WinSock2");
	char *diff = NULL;
	assert_int_equal(ws2fix_restore_verify(r, bk, &diff), 0);
	assert_null(diff);
	ws2fix_strlist_clear(&restored);
	free(a);
	free(b);
	ws2fix_registry_free(r);
	ws2fix_registry_free(h);
	free(path);
	remove_dir(dir);
	free(dir);
	free(bk);
	remove_dir(hdir);
	free(hdir);
	free(hive);
}

#endif /* WS2FIX_HAVE_HIVEX */

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_backup__restore_on_real_regedit_export),
		cmocka_unit_test(test_backup__restore_refuses_keys_outside_services),
		cmocka_unit_test(test_backup__write_failure_leaves_no_file),
#ifdef WS2FIX_HAVE_HIVEX
		cmocka_unit_test(test_backup__keys_follow_transports),
		cmocka_unit_test(test_backup__export_reads_back_as_the_hive),
		cmocka_unit_test(test_backup__restore_undoes_damage_and_nothing_else),
		cmocka_unit_test(test_backup__restore_maps_the_control_set),
#endif
	};
	return testutil_result(cmocka_run_group_tests(tests, NULL, NULL));
}

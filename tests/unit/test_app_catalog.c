/* SPDX-License-Identifier: MIT */
/*
 * The AppId_Catalog reader (ws2fix/events.h): the four exclusions of the
 * real export corpus/cingchun-bccc/winsock2.reg (Windows 10 x64: three
 * system programs with 0x40000000, E:\yy\YY.exe with LSP_SYSTEM), then
 * synthetic .reg files for the cases the export lacks.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "testutil.h"
#include "ws2fix/errors.h"
#include "ws2fix/events.h"
#include "ws2fix/registry.h"

static ws2fix_registry *open_reg(const char *path)
{
	ws2fix_registry *reg = NULL;
	ws2fix_open_options o = WS2FIX_OPEN_OPTIONS_INIT;
	int rc = ws2fix_registry_open_regfile(&reg, path, &o);
	if (rc != 0)
		fail_msg("cannot open %s: %s", path, ws2fix_error_last()->message);
	return reg;
}

static ws2fix_registry *open_text(char **dir_out, const char *text)
{
	char *dir = testutil_tempdir();
	char *path = testutil_write_file(dir, "t.reg", text, strlen(text));
	ws2fix_registry *reg = open_reg(path);
	free(path);
	*dir_out = dir;
	return reg;
}

static void remove_dir(char *dir)
{
	char p[4096];
	snprintf(p, sizeof(p), "%s/t.reg", dir);
	remove(p);
	remove(dir);
	free(dir);
}

static void test_app_catalog__real_export_has_four(void **state)
{
	(void)state;
	char *path = testutil_shared_path("corpus/cingchun-bccc/winsock2.reg");
	if (!path)
		testutil_skip();
	ws2fix_registry *reg = open_reg(path);
	ws2fix_app_catalog *ac = NULL;
	assert_int_equal(ws2fix_app_catalog_read(&ac, reg), 0);
	assert_true(ac->present);
	assert_int_equal(ac->count, 4);
	static const struct {
		const char *key, *path;
		uint32_t categories;
	} want[] = {
		{"06EBDCB1", "C:\\Windows\\System32\\wininit.exe", 0x40000000u},
		{"2AFB7932", "E:\\yy\\YY.exe", 0x80000000u},
		{"2C69D9F1", "C:\\Windows\\System32\\svchost.exe", 0x40000000u},
		{"343305C9", "C:\\Windows\\System32\\lsass.exe", 0x40000000u},
	};
	for (size_t i = 0; i < 4; i++) {
		const ws2fix_app_exclusion *x = &ac->items[i];
		assert_string_equal(x->key, want[i].key);
		assert_string_equal(x->path, want[i].path);
		assert_null(x->args);
		assert_true(x->has_categories);
		assert_int_equal(x->categories, want[i].categories);
	}
	const char *names[4];
	assert_int_equal(ws2fix_lsp_category_names(names, 4, ac->items[1].categories), 1);
	assert_string_equal(names[0], "LSP_SYSTEM");
	/* The bit Windows sets for its own processes has no documented name. */
	assert_int_equal(ws2fix_lsp_category_names(names, 4, ac->items[0].categories), 0);
	ws2fix_app_catalog_free(ac);
	ws2fix_registry_free(reg);
	free(path);
}

static void test_app_catalog__absent_key_is_empty(void **state)
{
	(void)state;
	char *dir;
	ws2fix_registry *reg = open_text(&dir,
		"Windows Registry Editor Version 5.00\r\n\r\n"
		"[HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Services\\WinSock2\\Parameters]\r\n"
		"\"WinSock_Registry_Version\"=\"2.0\"\r\n");
	ws2fix_app_catalog *ac = NULL;
	assert_int_equal(ws2fix_app_catalog_read(&ac, reg), 0);
	assert_false(ac->present);
	assert_int_equal(ac->count, 0);
	assert_string_equal(ws2fix_error_last()->message, "");
	ws2fix_app_catalog_free(ac);
	ws2fix_registry_free(reg);
	remove_dir(dir);
}

/* Args, odd types and missing values are reported as found. */
static void test_app_catalog__args_and_odd_values(void **state)
{
	(void)state;
	char *dir;
	ws2fix_registry *reg = open_text(&dir,
		"Windows Registry Editor Version 5.00\r\n\r\n"
		"[HKEY_LOCAL_MACHINE\\SYSTEM\\ControlSet002\\Services\\WinSock2\\Parameters\\AppId_Catalog]\r\n\r\n"
		"[HKEY_LOCAL_MACHINE\\SYSTEM\\ControlSet002\\Services\\WinSock2\\Parameters\\AppId_Catalog\\0000ABCD]\r\n"
		"\"AppFullPath\"=\"%SystemRoot%\\\\System32\\\\svchost.exe\"\r\n"
		"\"AppArgs\"=\"-k netsvcs\"\r\n"
		"\"PermittedLspCategories\"=dword:00000009\r\n\r\n"
		"[HKEY_LOCAL_MACHINE\\SYSTEM\\ControlSet002\\Services\\WinSock2\\Parameters\\AppId_Catalog\\0000BEEF]\r\n"
		"\"AppFullPath\"=dword:00000001\r\n"
		"\"PermittedLspCategories\"=\"not a dword\"\r\n\r\n"
		"[HKEY_LOCAL_MACHINE\\SYSTEM\\ControlSet002\\Services\\WinSock2\\Parameters\\AppId_Catalog\\0000CAFE]\r\n");
	ws2fix_app_catalog *ac = NULL;
	assert_int_equal(ws2fix_app_catalog_read(&ac, reg), 0);
	assert_true(ac->present);
	assert_int_equal(ac->count, 3);
	assert_string_equal(ac->items[0].key, "0000ABCD");
	assert_string_equal(ac->items[0].path, "%SystemRoot%\\System32\\svchost.exe");
	assert_string_equal(ac->items[0].args, "-k netsvcs");
	assert_true(ac->items[0].has_categories);
	const char *names[4];
	assert_int_equal(ws2fix_lsp_category_names(names, 4, ac->items[0].categories), 2);
	assert_string_equal(names[0], "LSP_INSPECTOR");
	assert_string_equal(names[1], "LSP_FIREWALL");
	assert_int_equal(ws2fix_lsp_category_names(names, 1, ac->items[0].categories), 1);
	assert_null(ac->items[1].path);
	assert_false(ac->items[1].has_categories);
	assert_string_equal(ac->items[2].key, "0000CAFE");
	assert_null(ac->items[2].path);
	assert_null(ac->items[2].args);
	assert_false(ac->items[2].has_categories);
	ws2fix_app_catalog_free(ac);
	ws2fix_app_catalog_free(NULL);
	ws2fix_registry_free(reg);
	remove_dir(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_app_catalog__real_export_has_four),
		cmocka_unit_test(test_app_catalog__absent_key_is_empty),
		cmocka_unit_test(test_app_catalog__args_and_odd_values),
	};
	return testutil_result(cmocka_run_group_tests(tests, NULL, NULL));
}

/* SPDX-License-Identifier: MIT */
/* The web page's glue (src/web/web_api.c), compiled natively: the same
 * call the page makes, on the shipped samples and on what is not a
 * catalog.  The browser test (tests/web/) drives the page itself. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "testutil.h"

char *ws2fix_web_run(const char *path, const char *lang);
void ws2fix_web_free(char *doc);

static void test_broken_sample(void **state)
{
	(void)state;
	char *p = testutil_source_path("samples/winsock2-broken-lsp.reg");
	char *doc = ws2fix_web_run(p, "sv");
	assert_non_null(doc);
	assert_non_null(strstr(doc, "{\"input_kind\":\"reg\",\"exit\":1,\"diagnosis\":{"));
	assert_non_null(strstr(doc, "\"plan\":{"));
	assert_null(strstr(doc, "\"fix_file_base64\":null"));
	assert_non_null(strstr(doc, "\"error\":null"));
	ws2fix_web_free(doc);
	free(p);
}

static void test_healthy_sample(void **state)
{
	(void)state;
	char *p = testutil_source_path("samples/winsock2-healthy-lsp.reg");
	char *doc = ws2fix_web_run(p, "en");
	assert_non_null(strstr(doc, "\"exit\":0"));
	assert_non_null(strstr(doc, "\"fix_file_base64\":null"));
	ws2fix_web_free(doc);
	free(p);
}

static void test_not_a_catalog(void **state)
{
	(void)state;
	char *dir = testutil_tempdir();
	char *garbage = testutil_write_file(dir, "garbage.txt", "hello\n", 6);
	char *doc = ws2fix_web_run(garbage, "en");
	assert_non_null(strstr(doc, "{\"input_kind\":\"none\",\"exit\":2"));
	assert_non_null(strstr(doc, "\"stage\":\"detect\""));
	ws2fix_web_free(doc);
	char *hive = testutil_write_file(dir, "SYSTEM", "regf\1\0\0\0", 8);
	doc = ws2fix_web_run(hive, "en");
	assert_non_null(strstr(doc, "{\"input_kind\":\"hive\",\"exit\":2"));
	ws2fix_web_free(doc);
	doc = ws2fix_web_run("/nonexistent/input", "en");
	assert_non_null(strstr(doc, "\"stage\":\"read\""));
	ws2fix_web_free(doc);
	free(garbage);
	free(hive);
	free(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_broken_sample),
		cmocka_unit_test(test_healthy_sample),
		cmocka_unit_test(test_not_a_catalog),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

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

char *ws2fix_web_run(const char *path, const char *lang, const char *name);
void ws2fix_web_free(char *doc);
const char *ws2fix_web_version(void);

static void test_broken_sample(void **state)
{
	(void)state;
	char *p = testutil_source_path("samples/winsock2-broken-lsp.reg");
	char *doc = ws2fix_web_run(p, "sv", NULL);
	assert_non_null(doc);
	assert_non_null(strstr(doc, "{\"input_kind\":\"reg\",\"exit\":1,\"diagnosis\":{"));
	assert_non_null(strstr(doc, "\"plan\":{"));
	assert_null(strstr(doc, "\"fix_file_base64\":null"));
	assert_non_null(strstr(doc, "\"error\":null"));
	/* The graph the page draws: the broken chain's link to the missing
	 * id 1007, the chain marked broken and removed by the plan (in
	 * Swedish, as asked). */
	assert_non_null(strstr(doc, "\"graph\":{\"title\":\"Winsock-katalog"));
	assert_non_null(strstr(doc, "\"name\":\"p32_missing_1007\",\"kind\":\"missing\""));
	assert_non_null(strstr(doc, "\"name\":\"p32_000000000007\",\"kind\":\"chain\",\"key\":\"000000000007\","
				    "\"catalog_id\":1008,\"label\":\"1008\\nExampleFilter over [MSAFD Tcpip [TCP/IP]]\\n"
				    "exfilter64.dll\\nbruten kedja\\nreparationen tar bort den\",\"broken\":true,"
				    "\"orphan\":false,\"removed\":true}"));
	assert_non_null(strstr(doc, "{\"from\":6,\"to\":8,\"chain\":1008,\"link\":0,\"broken\":true,\"missing\":true}"));
	ws2fix_web_free(doc);
	free(p);
}

static void test_healthy_sample(void **state)
{
	(void)state;
	char *p = testutil_source_path("samples/winsock2-healthy-lsp.reg");
	char *doc = ws2fix_web_run(p, "en", NULL);
	assert_non_null(strstr(doc, "\"exit\":0"));
	assert_non_null(strstr(doc, "\"fix_file_base64\":null"));
	ws2fix_web_free(doc);
	free(p);
}

/* Text that is no catalog gets explain's answer, the document
 * `explain --json` prints; text explain does not know gets none. */
static void test_explains_what_is_no_catalog(void **state)
{
	(void)state;
	char *dir = testutil_tempdir();
	static const char msg[] = "An operation was attempted on something that is not a socket";
	char *f = testutil_write_file(dir, "msg.txt", msg, strlen(msg));
	char *doc = ws2fix_web_run(f, "en", NULL);
	assert_non_null(strstr(doc, "{\"input_kind\":\"none\",\"exit\":2,\"explain\":{"));
	assert_non_null(strstr(doc, "\"symptom\": \"not-a-socket\""));
	assert_non_null(strstr(doc, "\"stage\":\"detect\""));
	ws2fix_web_free(doc);
	remove(f);
	free(f);
	/* An O10 line without the log around it, as UTF-16LE with a BOM. */
	static const char o10[] = "\xff\xfeO\0" "1\0" "0\0 \0-\0 \0" "U\0n\0k\0n\0o\0w\0n\0 \0f\0i\0l\0e\0 \0"
		"i\0n\0 \0W\0i\0n\0s\0o\0c\0k\0 \0L\0S\0P\0:\0 \0n\0l\0a\0n\0s\0p\0_\0c\0.\0d\0l\0l\0";
	f = testutil_write_file(dir, "o10.txt", o10, sizeof(o10) - 1);
	doc = ws2fix_web_run(f, "sv", NULL);
	assert_non_null(strstr(doc, "\"explain\":{"));
	assert_non_null(strstr(doc, "nlansp_c.dll"));
	ws2fix_web_free(doc);
	remove(f);
	free(f);
	f = testutil_write_file(dir, "hello.txt", "hello, this is not a catalog\n", 29);
	doc = ws2fix_web_run(f, "en", NULL);
	assert_null(strstr(doc, "\"explain\""));
	ws2fix_web_free(doc);
	remove(f);
	free(f);
	remove(dir);
	free(dir);
}

/* A UTF-16BE file: the .reg parser's own message, as the CLI gives it. */
static void test_utf16be_gets_the_cli_message(void **state)
{
	(void)state;
	char *dir = testutil_tempdir();
	static const char be[] = "\xfe\xff\0W\0i\0n\0d\0o\0w\0s\0 \0R\0e\0g\0i\0s\0t\0r\0y\0\r\0\n";
	char *f = testutil_write_file(dir, "be.reg", be, sizeof(be) - 1);
	char *doc = ws2fix_web_run(f, "en", NULL);
	assert_non_null(strstr(doc, "UTF-16 big-endian is not a .reg encoding (save it as UTF-16LE or UTF-8)"));
	assert_non_null(strstr(doc, "\"exit\":2"));
	ws2fix_web_free(doc);
	remove(f);
	free(f);
	remove(dir);
	free(dir);
}

static void test_version(void **state)
{
	(void)state;
	assert_string_equal(ws2fix_web_version(), WS2FIX_VERSION_STRING);
}

static void test_not_a_catalog(void **state)
{
	(void)state;
	char *dir = testutil_tempdir();
	char *garbage = testutil_write_file(dir, "garbage.txt", "hello\n", 6);
	char *doc = ws2fix_web_run(garbage, "en", NULL);
	assert_non_null(strstr(doc, "{\"input_kind\":\"none\",\"exit\":2"));
	assert_non_null(strstr(doc, "\"stage\":\"detect\""));
	ws2fix_web_free(doc);
	char *hive = testutil_write_file(dir, "SYSTEM", "regf\1\0\0\0", 8);
	doc = ws2fix_web_run(hive, "en", NULL);
	assert_non_null(strstr(doc, "{\"input_kind\":\"hive\",\"exit\":2"));
	ws2fix_web_free(doc);
	doc = ws2fix_web_run("/nonexistent/input", "en", NULL);
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
		cmocka_unit_test(test_explains_what_is_no_catalog),
		cmocka_unit_test(test_utf16be_gets_the_cli_message),
		cmocka_unit_test(test_version),
	};
	return testutil_result(cmocka_run_group_tests(tests, NULL, NULL));
}

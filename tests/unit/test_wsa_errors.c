/* SPDX-License-Identifier: MIT */
/* The Winsock error table: every code 10004-11031 that Windows defines,
 * with name and both languages, sorted and unique. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "testutil.h"

#include "lib/wsa_errors.h"

static void test_wsa_errors__table_is_complete_and_consistent(void **state)
{
	(void)state;
	size_t n = 0;
	const ws2fix_wsa_error_info *t = ws2fix__wsa_error_table(&n);
	assert_true(n >= 80);
	for (size_t i = 0; i < n; i++) {
		assert_true(t[i].code >= 10004 && t[i].code <= 11031);
		if (i)
			assert_true(t[i].code > t[i - 1].code);
		assert_non_null(t[i].name);
		assert_true(strncmp(t[i].name, "WSA", 3) == 0);
		assert_true(t[i].text[WS2FIX_LANG_EN][0] != '\0');
		assert_true(t[i].text[WS2FIX_LANG_SV][0] != '\0');
		assert_ptr_equal(ws2fix__wsa_error_info(t[i].code), &t[i]);
		assert_ptr_equal(ws2fix__wsa_error_by_name(t[i].name), &t[i]);
	}
}

static void test_wsa_errors__the_seeds_codes(void **state)
{
	(void)state;
	assert_string_equal(ws2fix__wsa_error_name(10038), "WSAENOTSOCK");
	assert_string_equal(ws2fix__wsa_error_name(10106), "WSAEPROVIDERFAILEDINIT");
	assert_string_equal(ws2fix__wsa_error_name(10107), "WSASYSCALLFAILURE");
	assert_non_null(strstr(ws2fix__wsa_error_text(10038, WS2FIX_LANG_EN), "not a socket"));
	assert_null(ws2fix__wsa_error_info(10000));
	assert_null(ws2fix__wsa_error_by_name("WSANOPE"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_wsa_errors__table_is_complete_and_consistent),
		cmocka_unit_test(test_wsa_errors__the_seeds_codes),
	};
	return testutil_result(cmocka_run_group_tests(tests, NULL, NULL));
}

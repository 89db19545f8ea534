/* SPDX-License-Identifier: MIT */
/* Language names and codes.  That every translation uses the printf
 * conversions of its English original is checked for every message table
 * by tests/arch/test_message_tables.py. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "testutil.h"

#include "ws2fix/i18n.h"

static void test_messages__language_parsing(void **state)
{
	(void)state;
	ws2fix_lang l = WS2FIX_LANG_EN;
	assert_int_equal(ws2fix_lang_parse(&l, "sv_SE.UTF-8"), 0);
	assert_int_equal(l, WS2FIX_LANG_SV);
	assert_int_equal(ws2fix_lang_parse(&l, "en_US"), 0);
	assert_int_equal(l, WS2FIX_LANG_EN);
	assert_int_equal(ws2fix_lang_parse(&l, "C.UTF-8"), 0);
	assert_int_equal(l, WS2FIX_LANG_EN);
	assert_true(ws2fix_lang_parse(&l, "de_DE") < 0);
	assert_string_equal(ws2fix_lang_code(WS2FIX_LANG_SV), "sv");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_messages__language_parsing),
	};
	return testutil_result(cmocka_run_group_tests(tests, NULL, NULL));
}

/* SPDX-License-Identifier: MIT */
/* Decoding registry values (ws2fix/registry.h): MULTI_SZ lists. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "testutil.h"

#include "ws2fix/errors.h"
#include "ws2fix/registry.h"

/* "Tcpip", "", "NetBT\u00e9" then the list's end, as UTF-16LE. */
static const unsigned char multi[] = {
	'T', 0, 'c', 0, 'p', 0, 'i', 0, 'p', 0, 0, 0,
	0, 0,
	'N', 0, 'e', 0, 't', 0, 'B', 0, 'T', 0, 0xE9, 0, 0, 0,
	0, 0,
};

static void test_multi_sz_lists_non_empty_strings(void **state)
{
	(void)state;
	ws2fix_regvalue v = {WS2FIX_REG_MULTI_SZ, (unsigned char *)multi, sizeof(multi)};
	ws2fix_strlist l;
	assert_int_equal(ws2fix_regvalue_multi_sz(&l, &v), 0);
	assert_int_equal(l.count, 2);
	assert_string_equal(l.items[0], "Tcpip");
	assert_string_equal(l.items[1], "NetBT\xC3\xA9");
	ws2fix_strlist_clear(&l);
}

static void test_multi_sz_empty_and_cut_short(void **state)
{
	(void)state;
	ws2fix_strlist l;
	ws2fix_regvalue empty = {WS2FIX_REG_MULTI_SZ, NULL, 0};
	assert_int_equal(ws2fix_regvalue_multi_sz(&l, &empty), 0);
	assert_int_equal(l.count, 0);
	/* No terminator and an odd last byte: what is there is still read. */
	static const unsigned char cut[] = {'A', 0, 'B', 0, 'C'};
	ws2fix_regvalue v = {WS2FIX_REG_MULTI_SZ, (unsigned char *)cut, sizeof(cut)};
	assert_int_equal(ws2fix_regvalue_multi_sz(&l, &v), 0);
	assert_int_equal(l.count, 1);
	assert_string_equal(l.items[0], "AB");
	ws2fix_strlist_clear(&l);
}

static void test_multi_sz_wrong_type(void **state)
{
	(void)state;
	ws2fix_strlist l;
	ws2fix_regvalue v = {WS2FIX_REG_SZ, (unsigned char *)multi, sizeof(multi)};
	assert_int_equal(ws2fix_regvalue_multi_sz(&l, &v), WS2FIX_ECORRUPT);
	assert_int_equal(l.count, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_multi_sz_lists_non_empty_strings),
		cmocka_unit_test(test_multi_sz_empty_and_cut_short),
		cmocka_unit_test(test_multi_sz_wrong_type),
	};
	return testutil_result(cmocka_run_group_tests(tests, NULL, NULL));
}

/* SPDX-License-Identifier: MIT */
/* The library's message table as compiled: every id has a name and a
 * text, and ids out of range give "".  That every message has both
 * languages with the same conversions is checked for every table, the
 * front ends' too, by tests/arch/test_message_tables.py. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "testutil.h"

#include "ws2fix/i18n.h"

static void test_messages__ids_unique_and_named(void **state)
{
	(void)state;
	assert_true(WS2FIX_MSG_COUNT > 0);
	for (int id = 0; id < WS2FIX_MSG_COUNT; id++) {
		const char *name = ws2fix_msg_name((ws2fix_msgid)id);
		assert_true(strncmp(name, "MSG_", 4) == 0);
		for (int k = 0; k < id; k++)
			if (strcmp(name, ws2fix_msg_name((ws2fix_msgid)k)) == 0)
				fail_msg("%s defined twice", name);
	}
	/* Out of range is harmless. */
	assert_string_equal(ws2fix_msg(WS2FIX_MSG_COUNT, WS2FIX_LANG_EN), "");
	assert_string_equal(ws2fix_msg_name(WS2FIX_MSG_COUNT), "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_messages__ids_unique_and_named),
	};
	return testutil_result(cmocka_run_group_tests(tests, NULL, NULL));
}

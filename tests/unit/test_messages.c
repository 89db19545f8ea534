/* SPDX-License-Identifier: MIT */
/* The message table: every message has its English and its Swedish text,
 * and every id is unique.  ws2fix_msg() falls back to English when the
 * Swedish text is empty, so a missing translation shows up as a Swedish
 * text equal to the English one; the few messages that are the same in
 * both languages by design are listed below. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "ws2fix/i18n.h"

/*
 * Identical in English and Swedish on purpose: product names, registry
 * value names and numbers, which Swedish Windows does not translate either.
 * Add an id here only when the text really is the same in Swedish.
 */
static const char *const same_in_both[] = {
	"MSG_SHOW_NEXT_ID",         /* registry value names */
	"MSG_SHOW_VERSION",         /* "Version" is Swedish too */
	"MSG_SHOW_VIEW_SUFFIX_32",  /* " (32)" */
	"MSG_DIAG_OS",              /* "Windows" */
	"MSG_EXPLAIN_OS_2000",      /* "Windows 2000" */
	"MSG_EXPLAIN_OS_VISTA",     /* "Windows Vista, Windows Server 2008" */
	NULL,
};

static int allowed_same(const char *name)
{
	for (const char *const *p = same_in_both; *p; p++)
		if (strcmp(*p, name) == 0)
			return 1;
	return 0;
}

static void test_messages__every_message_in_both_languages(void **state)
{
	(void)state;
	int missing = 0;
	for (int id = 0; id < WS2FIX_MSG_COUNT; id++) {
		const char *name = ws2fix_msg_name((ws2fix_msgid)id);
		const char *en = ws2fix_msg((ws2fix_msgid)id, WS2FIX_LANG_EN);
		const char *sv = ws2fix_msg((ws2fix_msgid)id, WS2FIX_LANG_SV);
		if (!*en) {
			print_error("%s: no English text\n", name);
			missing++;
		} else if (strcmp(en, sv) == 0 && !allowed_same(name)) {
			print_error("%s: no Swedish text (or the same as the English one: "
				    "translate it, or list it in same_in_both[])\n", name);
			missing++;
		}
	}
	assert_int_equal(missing, 0);
}

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

/* An entry of the allow-list that became translated (or was removed) is
 * taken out, so that the list stays an exact record. */
static void test_messages__allow_list_is_current(void **state)
{
	(void)state;
	for (const char *const *p = same_in_both; *p; p++) {
		int found = 0;
		for (int id = 0; id < WS2FIX_MSG_COUNT; id++) {
			if (strcmp(ws2fix_msg_name((ws2fix_msgid)id), *p) != 0)
				continue;
			found = 1;
			if (strcmp(ws2fix_msg((ws2fix_msgid)id, WS2FIX_LANG_EN),
				   ws2fix_msg((ws2fix_msgid)id, WS2FIX_LANG_SV)) != 0)
				fail_msg("%s is translated now: remove it from same_in_both[]", *p);
		}
		if (!found)
			fail_msg("%s in same_in_both[] is not a message", *p);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_messages__every_message_in_both_languages),
		cmocka_unit_test(test_messages__ids_unique_and_named),
		cmocka_unit_test(test_messages__allow_list_is_current),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

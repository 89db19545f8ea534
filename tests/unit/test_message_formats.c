/* SPDX-License-Identifier: MIT */
/* Every translation uses the same printf conversions, in the same order,
 * as its English original: translated messages are formats chosen at run
 * time, which the compiler cannot check (-Wno-format-nonliteral). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "ws2fix/i18n.h"

/* The conversion specifications of a format, e.g. "%s%zu%d". */
static void conversions(const char *fmt, char *out, size_t outsz)
{
	size_t o = 0;
	for (const char *p = fmt; *p; p++) {
		if (*p != '%')
			continue;
		p++;
		if (*p == '%')
			continue;
		const char *start = p;
		while (*p && strchr("-+ #0123456789.*", *p))
			p++;
		while (*p && strchr("hlLqjzt", *p))
			p++;
		if (!*p)
			break;
		size_t n = (size_t)(p - start) + 1;
		if (o + n + 2 < outsz) {
			out[o++] = '%';
			/* Flags and width may differ between languages; only the
			 * length modifier and conversion matter for safety. */
			const char *conv = start;
			while (conv < p && strchr("-+ #0123456789.", *conv))
				conv++;
			memcpy(out + o, conv, (size_t)(p - conv) + 1);
			o += (size_t)(p - conv) + 1;
		}
	}
	out[o] = '\0';
}

static void test_messages__translations_keep_conversions(void **state)
{
	(void)state;
	for (int id = 0; id < WS2FIX_MSG_COUNT; id++) {
		char en[256], sv[256];
		conversions(ws2fix_msg((ws2fix_msgid)id, WS2FIX_LANG_EN), en, sizeof(en));
		conversions(ws2fix_msg((ws2fix_msgid)id, WS2FIX_LANG_SV), sv, sizeof(sv));
		if (strcmp(en, sv) != 0)
			fail_msg("%s: English has conversions '%s', Swedish '%s'",
				ws2fix_msg_name((ws2fix_msgid)id), en, sv);
	}
}

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
		cmocka_unit_test(test_messages__translations_keep_conversions),
		cmocka_unit_test(test_messages__language_parsing),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

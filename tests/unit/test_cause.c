/* SPDX-License-Identifier: MIT */
/*
 * The likely cause (ws2fix/cause.h) on the real Windows 10 export
 * corpus/cingchun-bccc/winsock2.reg (whole, Tencent's non-IFS LSP in both
 * views, four AppId_Catalog exclusions) and on the project's samples: the
 * verdict, the grouping of one product's two DLLs into one record, the
 * steps' order and wording for the machine itself, another machine and a
 * Windows older than 7, and the source without a registry.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "testutil.h"
#include "ws2fix/cause.h"
#include "ws2fix/errors.h"
#include "ws2fix/osinfo.h"
#include "ws2fix/registry.h"

typedef struct opened {
	ws2fix_registry *reg;
	ws2fix_catalog *cat;
	ws2fix_diagnosis *d;
} opened;

static int open_export(opened *o, const char *path)
{
	memset(o, 0, sizeof(*o));
	if (!path)
		return -1;
	ws2fix_open_options oo = WS2FIX_OPEN_OPTIONS_INIT;
	if (ws2fix_registry_open_regfile(&o->reg, path, &oo) != 0)
		fail_msg("cannot open %s: %s", path, ws2fix_error_last()->message);
	assert_int_equal(ws2fix_catalog_read(&o->cat, o->reg), 0);
	ws2fix_diagnose_options d = WS2FIX_DIAGNOSE_OPTIONS_INIT;
	assert_int_equal(ws2fix_diagnose(&o->d, o->reg, o->cat, &d), 0);
	return 0;
}

static void close_export(opened *o)
{
	ws2fix_diagnosis_free(o->d);
	ws2fix_catalog_free(o->cat);
	ws2fix_registry_free(o->reg);
}

static ws2fix_cause *cause_of(opened *o, ws2fix_registry *reg, const ws2fix_cause_options *co)
{
	ws2fix_cause *c = NULL;
	assert_int_equal(ws2fix_cause_find(&c, reg, o->cat, o->d, co), 0);
	assert_non_null(c);
	return c;
}

static size_t step_with(const ws2fix_cause *c, const char *text)
{
	for (size_t i = 0; i < c->step_count; i++)
		if (strstr(c->steps[i], text))
			return i;
	return (size_t)-1;
}

static void test_cause__real_export_is_tencents_lsp(void **state)
{
	(void)state;
	char *path = testutil_shared_path("corpus/cingchun-bccc/winsock2.reg");
	opened o;
	if (open_export(&o, path) < 0)
		testutil_skip();
	ws2fix_cause_options co = {WS2FIX_LANG_EN, 0, 0, NULL};
	ws2fix_cause *c = cause_of(&o, o.reg, &co);
	assert_int_equal(c->verdict, WS2FIX_CAUSE_LAYERED_PROVIDER);
	assert_string_equal(ws2fix_cause_verdict_id(c->verdict), "layered-provider");
	/* Two DLLs (ierd_tgp_lsp.dll, ierd_tgp_lsp64.dll), one product. */
	assert_int_equal(c->provider_count, 1);
	assert_string_equal(c->providers[0].vendor, "Tencent");
	assert_int_equal(c->providers[0].ifs, 0);
	assert_int_equal(c->providers[0].views, 3u);
	assert_true(c->excluded_known);
	assert_int_equal(c->excluded_count, 4);
	/* The exclusion first, worded for another machine; the reset last. */
	assert_non_null(strstr(c->steps[0], "--exclude-app"));
	assert_non_null(strstr(c->steps[0], "on that machine"));
	assert_int_equal(step_with(c, "last resort"), c->step_count - 1);
	assert_true(step_with(c, "XP1_IFS_HANDLES") < c->step_count - 1);
	ws2fix_cause_free(c);

	/* Live: the command runs here. */
	co.this_machine = 1;
	c = cause_of(&o, o.reg, &co);
	assert_null(strstr(c->steps[0], "on that machine"));
	assert_non_null(strstr(c->steps[0], "--exclude-app"));
	ws2fix_cause_free(c);

	/* XP cannot exclude a program. */
	ws2fix_osinfo xp;
	assert_int_equal(ws2fix_os_parse(&xp, "xp"), 0);
	co.os = &xp;
	c = cause_of(&o, o.reg, &co);
	assert_non_null(strstr(c->steps[0], "older than Windows 7"));
	assert_int_equal(step_with(c, "--exclude-app"), (size_t)-1);
	ws2fix_cause_free(c);

	/* No registry (netsh text): the exclusions are unknown. */
	co.os = NULL;
	c = cause_of(&o, NULL, &co);
	assert_false(c->excluded_known);
	assert_int_equal(c->excluded_count, 0);
	ws2fix_cause_free(c);
	close_export(&o);
	free(path);
}

static void test_cause__broken_sample_is_the_catalog(void **state)
{
	(void)state;
	char *path = testutil_source_path("samples/winsock2-broken-lsp.reg");
	opened o;
	assert_int_equal(open_export(&o, path), 0);
	assert_true(o.d->errors > 0);
	ws2fix_cause_options co = {WS2FIX_LANG_SV, 0, 0, NULL};
	ws2fix_cause *c = cause_of(&o, o.reg, &co);
	assert_int_equal(c->verdict, WS2FIX_CAUSE_CATALOG);
	assert_non_null(strstr(c->summary, "Katalogen är skadad"));
	assert_int_equal(step_with(c, "--mode reset"), (size_t)-1);
	ws2fix_cause_free(c);
	close_export(&o);
	free(path);
}

static void test_cause__partial_source_without_errors_is_unknown(void **state)
{
	(void)state;
	ws2fix_diagnosis d;
	memset(&d, 0, sizeof(d));
	ws2fix_cause_options co = {WS2FIX_LANG_EN, 1, 0, NULL};
	ws2fix_cause *c = NULL;
	assert_int_equal(ws2fix_cause_find(&c, NULL, NULL, &d, &co), 0);
	assert_int_equal(c->verdict, WS2FIX_CAUSE_UNKNOWN);
	assert_int_equal(c->provider_count, 0);
	ws2fix_cause_free(c);
	/* The same without "partial": the catalog is not the cause. */
	co.partial = 0;
	assert_int_equal(ws2fix_cause_find(&c, NULL, NULL, &d, &co), 0);
	assert_int_equal(c->verdict, WS2FIX_CAUSE_NOT_CATALOG);
	assert_true(step_with(c, "SystemRoot") < c->step_count);
	assert_int_equal(step_with(c, "--mode reset"), (size_t)-1);
	ws2fix_cause_free(c);
	assert_int_equal(ws2fix_cause_find(&c, NULL, NULL, NULL, &co), WS2FIX_EINVALID);
	assert_null(c);
	assert_string_equal(ws2fix_cause_verdict_id((ws2fix_cause_verdict)99), "");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cause__real_export_is_tencents_lsp),
		cmocka_unit_test(test_cause__broken_sample_is_the_catalog),
		cmocka_unit_test(test_cause__partial_source_without_errors_is_unknown),
	};
	return testutil_result(cmocka_run_group_tests(tests, NULL, NULL));
}

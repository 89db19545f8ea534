/* SPDX-License-Identifier: MIT */
/* The session API (ws2fix/session.h): input detection, opening, the
 * refusals, and the documents the front ends print. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "ws2fix/errors.h"
#include "ws2fix/report.h"
#include "ws2fix/session.h"
#include "testutil.h"

static ws2fix_source_kind detect_file(const char *path)
{
	size_t len = 0;
	unsigned char *data = testutil_read_file(path, &len);
	assert_non_null(data);
	ws2fix_source_kind k = ws2fix_source_detect(data, len);
	free(data);
	return k;
}

static void test_detect_kinds(void **state)
{
	(void)state;
	char *reg = testutil_source_path("samples/winsock2-broken-lsp.reg");
	char *hjt = testutil_source_path("tests/data/hijackthis/real/kennetheyrn-hijackthis-2.0.5-win11-nlansp.log");
	assert_int_equal(detect_file(reg), WS2FIX_SOURCE_REG);
	assert_int_equal(detect_file(hjt), WS2FIX_SOURCE_HIJACKTHIS);
	free(reg);
	free(hjt);
	static const char garbage[] = "hello, this is not a catalog\nat all\n";
	assert_int_equal(ws2fix_source_detect((const unsigned char *)garbage, sizeof(garbage) - 1), WS2FIX_SOURCE_NONE);
	assert_int_equal(ws2fix_source_detect(NULL, 0), WS2FIX_SOURCE_NONE);
	static const char hive[] = "regf\x01\0\0\0";
	assert_int_equal(ws2fix_source_detect((const unsigned char *)hive, sizeof(hive) - 1), WS2FIX_SOURCE_HIVE);
	/* A HijackThis log cut short is still a log: its reader says why. */
	static const char cut[] = "Logfile of Trend Micro HijackThis v2.0.5\nScan saved at 10:00\n";
	assert_int_equal(ws2fix_source_detect((const unsigned char *)cut, sizeof(cut) - 1), WS2FIX_SOURCE_HIJACKTHIS);
	/* A .reg whose body is damaged is still a .reg. */
	static const char badreg[] = "Windows Registry Editor Version 5.00\r\n\r\n[HKEY_LOCAL_MACHINE\\SYSTEM\\x]\r\n\"a\"=zz\r\n";
	assert_int_equal(ws2fix_source_detect((const unsigned char *)badreg, sizeof(badreg) - 1), WS2FIX_SOURCE_REG);
	assert_string_equal(ws2fix_source_kind_name(WS2FIX_SOURCE_NETSH), "netsh");
	assert_string_equal(ws2fix_source_kind_name(WS2FIX_SOURCE_NONE), "none");
}

static void test_detect_netsh(void **state)
{
	(void)state;
	char *p = testutil_shared_path("corpus/netsh/03-mlmvpn-win10-en.txt");
	if (!p)
		testutil_skip();
	assert_int_equal(detect_file(p), WS2FIX_SOURCE_NETSH);
	free(p);
}

static void test_open_failures(void **state)
{
	(void)state;
	ws2fix_session *s = NULL;
	ws2fix_session_failure why;
	ws2fix_session_options o = WS2FIX_SESSION_OPTIONS_INIT;
	o.kind = WS2FIX_SOURCE_REG;
	o.path = "/nonexistent/ws2fix.reg";
	assert_true(ws2fix_session_open(&s, &o, &why) < 0);
	assert_null(s);
	assert_int_equal(why, WS2FIX_SESSION_CANNOT_OPEN);
	char *reg = testutil_source_path("samples/winsock2-broken-lsp.reg");
	o.path = reg;
	o.os = "windows 95";
	assert_int_equal(ws2fix_session_open(&s, &o, &why), WS2FIX_EINVALID);
	assert_int_equal(why, WS2FIX_SESSION_BAD_OS);
	o.os = NULL;
	o.kind = WS2FIX_SOURCE_NONE;
	assert_int_equal(ws2fix_session_open(&s, &o, &why), WS2FIX_EINVALID);
	assert_int_equal(why, WS2FIX_SESSION_BAD_OPTIONS);
	free(reg);
}

/* The whole flow on the broken sample, read-only: diagnose, plan, the
 * refusal to write, and the documents. */
static void test_flow_readonly(void **state)
{
	(void)state;
	char *reg = testutil_source_path("samples/winsock2-broken-lsp.reg");
	ws2fix_session *s = NULL;
	ws2fix_session_options o = WS2FIX_SESSION_OPTIONS_INIT;
	o.kind = WS2FIX_SOURCE_REG;
	o.path = reg;
	o.lang = WS2FIX_LANG_SV;
	assert_int_equal(ws2fix_session_open(&s, &o, NULL), 0);
	assert_false(ws2fix_session_is_partial(s));
	assert_int_equal(ws2fix_session_kind(s), WS2FIX_SOURCE_REG);
	ws2fix_diagnosis *d = NULL;
	assert_int_equal(ws2fix_session_diagnose(&d, s), 0);
	assert_int_equal(ws2fix_diagnosis_exit_code(d), 1);
	ws2fix_repair_plan *plan = NULL;
	assert_int_equal(ws2fix_session_plan(&plan, s, d, WS2FIX_REPAIR_SURGICAL, NULL), 0);
	assert_true(plan->op_count > 0);
	/* An export is a copy of a machine: never written unless asked for. */
	assert_int_equal(ws2fix_session_check_apply(s, 0), WS2FIX_REFUSE_EXPORT);
	assert_true(strlen(ws2fix_refusal_text(WS2FIX_REFUSE_EXPORT, WS2FIX_LANG_SV)) > 10);

	ws2fix_repair_run_result r;
	ws2fix_repair_run_options ro = WS2FIX_REPAIR_RUN_OPTIONS_INIT;
	ro.backup_path = "/nonexistent/backup.reg";
	assert_true(ws2fix_session_repair(&r, s, &ro) < 0);
	assert_int_equal(r.stage, WS2FIX_RUN_CHECKS);
	ws2fix_repair_run_result_clear(&r);

	char *doc = NULL;
	assert_int_equal(ws2fix_session_diagnose_json(&doc, s, d, 0), 0);
	assert_non_null(strstr(doc, "\"findings\":["));
	assert_non_null(strstr(doc, "\"kind\":\"reg\""));
	free(doc);
	assert_int_equal(ws2fix_session_plan_json(&doc, s, d, plan, WS2FIX_REPAIR_SURGICAL, 0), 0);
	assert_non_null(strstr(doc, "\"operations\":["));
	assert_non_null(strstr(doc, "\"applied\":false"));
	free(doc);
	assert_int_equal(ws2fix_session_show_json(&doc, s, 0), 0);
	assert_non_null(strstr(doc, "\"catalogs\":["));
	free(doc);
	char *text = ws2fix_report_plan_text(plan, WS2FIX_REPAIR_SURGICAL, WS2FIX_LANG_SV, 0);
	assert_non_null(strstr(text, "Reparationsplan"));
	free(text);
	/* A partial plan is only for partial sources. */
	ws2fix_partial_plan *pp = NULL;
	assert_int_equal(ws2fix_session_partial_plan(&pp, s, d, WS2FIX_REPAIR_SURGICAL), WS2FIX_EINVALID);
	ws2fix_repair_plan_free(plan);
	ws2fix_diagnosis_free(d);
	ws2fix_session_free(s);
	free(reg);
}

/* backup: the library decides which keys (the Windows 2000 rule), claims
 * the file and makes the document. */
static void open_registry_only(ws2fix_session **s, const char *path, const char *os)
{
	ws2fix_session_options o = WS2FIX_SESSION_OPTIONS_INIT;
	o.kind = WS2FIX_SOURCE_REG;
	o.path = path;
	o.os = os;
	o.registry_only = 1;
	assert_int_equal(ws2fix_session_open(s, &o, NULL), 0);
}

static void test_backup(void **state)
{
	(void)state;
	char *reg = testutil_source_path("samples/winsock2-broken-lsp.reg");
	char *dir = testutil_tempdir();
	char out[4096];
	snprintf(out, sizeof(out), "%s/backup.reg", dir);
	ws2fix_session *s = NULL;
	open_registry_only(&s, reg, NULL);
	assert_int_equal(ws2fix_session_backup_win2000(s), 0);
	ws2fix_session_backup_result r;
	assert_int_equal(ws2fix_session_backup(&r, s, out, 0), 0);
	assert_int_equal(r.stage, WS2FIX_BACKUP_DONE);
	assert_int_equal(r.with_win2000_extras, 0);
	assert_true(r.keys.count > 0);
	char *doc = NULL;
	assert_int_equal(ws2fix_session_backup_json(&doc, s, out, &r, 0), 0);
	assert_non_null(strstr(doc, "\"command\":\"backup\""));
	assert_non_null(strstr(doc, "\"keys\":[\""));
	free(doc);
	ws2fix_session_backup_result_clear(&r);
	ws2fix_session_free(s);
	/* The file exists now: another run refuses it without force. */
	open_registry_only(&s, reg, NULL);
	assert_true(ws2fix_session_backup(&r, s, out, 0) < 0);
	assert_int_equal(r.stage, WS2FIX_BACKUP_CLAIM);
	assert_int_not_equal(r.output_refusal, WS2FIX_OUTPUT_OK);
	assert_int_equal(ws2fix_session_backup_json(&doc, s, out, &r, 0), WS2FIX_EINVALID);
	ws2fix_session_backup_result_clear(&r);
	ws2fix_session_free(s);

	/* --os 2000: the same source's backup holds Windows 2000's keys too. */
	open_registry_only(&s, reg, "2000");
	assert_int_equal(ws2fix_session_backup_win2000(s), 1);
	assert_int_equal(ws2fix_session_backup(&r, s, out, 1), 0);
	assert_int_equal(r.with_win2000_extras, 1);
	ws2fix_session_backup_result_clear(&r);
	ws2fix_session_free(s);
	remove(out);
	free(dir);
	free(reg);
}

/* A HijackThis log: partial, no plan of registry operations, steps for the machine. */
static void test_flow_partial(void **state)
{
	(void)state;
	char *hjt = testutil_source_path("tests/data/hijackthis/real/kennetheyrn-hijackthis-2.0.5-win11-nlansp.log");
	ws2fix_session *s = NULL;
	ws2fix_session_options o = WS2FIX_SESSION_OPTIONS_INIT;
	o.kind = WS2FIX_SOURCE_HIJACKTHIS;
	o.path = hjt;
	assert_int_equal(ws2fix_session_open(&s, &o, NULL), 0);
	assert_true(ws2fix_session_is_partial(s));
	assert_null(ws2fix_session_registry(s));
	assert_int_equal(ws2fix_session_check_apply(s, 1), WS2FIX_REFUSE_PARTIAL);
	ws2fix_repair_run_result r;
	ws2fix_repair_run_options ro = WS2FIX_REPAIR_RUN_OPTIONS_INIT;
	ro.backup_path = "/nonexistent/backup.reg";
	assert_int_equal(ws2fix_session_repair(&r, s, &ro), WS2FIX_EINVALID);
	assert_int_equal(r.stage, WS2FIX_RUN_CHECKS);
	assert_false(r.applied);
	ws2fix_repair_run_result_clear(&r);
	ws2fix_diagnosis *d = NULL;
	assert_int_equal(ws2fix_session_diagnose(&d, s), 0);
	ws2fix_repair_plan *plan = NULL;
	assert_int_equal(ws2fix_session_plan(&plan, s, d, WS2FIX_REPAIR_SURGICAL, NULL), WS2FIX_EINVALID);
	ws2fix_partial_plan *pp = NULL;
	assert_int_equal(ws2fix_session_partial_plan(&pp, s, d, WS2FIX_REPAIR_RESET), 0);
	assert_true(pp->count >= 1);
	assert_string_equal(pp->steps[0].command, "ws2fix diagnose");
	char *text = ws2fix_partial_plan_text(pp, d, WS2FIX_LANG_EN);
	assert_non_null(text);
	free(text);
	ws2fix_partial_plan_free(pp);
	char *doc = NULL;
	assert_int_equal(ws2fix_session_plan_json(&doc, s, d, NULL, WS2FIX_REPAIR_SURGICAL, 0), 0);
	assert_non_null(strstr(doc, "\"partial\":true"));
	free(doc);
	ws2fix_diagnosis_free(d);
	ws2fix_session_free(s);
	free(hjt);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_detect_kinds),
		cmocka_unit_test(test_detect_netsh),
		cmocka_unit_test(test_open_failures),
		cmocka_unit_test(test_flow_readonly),
		cmocka_unit_test(test_flow_partial),
		cmocka_unit_test(test_backup),
	};
	return testutil_result(cmocka_run_group_tests(tests, NULL, NULL));
}

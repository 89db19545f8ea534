/* SPDX-License-Identifier: MIT */
/* The platform-neutral half of the self-test: names and freeing.  The test
 * itself is win32/selftest_win32.c (posix/selftest_posix.c says it is not
 * built). */
#include "ws2fix/selftest.h"

#include <stdlib.h>

#include "../wsa_errors.h"

void ws2fix_selftest_report_free(ws2fix_selftest_report *report)
{
	if (!report)
		return;
	for (size_t i = 0; i < report->count; i++) {
		free(report->steps[i].name);
		free(report->steps[i].detail);
	}
	free(report->steps);
	free(report);
}

const char *ws2fix_selftest_result_name(int result)
{
	switch (result) {
	case WS2FIX_SELFTEST_PASS: return "pass";
	case WS2FIX_SELFTEST_FAIL: return "fail";
	case WS2FIX_SELFTEST_SKIPPED: return "skipped";
	default: return "fail";
	}
}

const char *ws2fix_selftest_reason_name(int reason)
{
	switch (reason) {
	case WS2FIX_SELFTEST_REASON_NO_IPV6: return "no-ipv6";
	case WS2FIX_SELFTEST_REASON_NEEDS_ADMIN: return "needs-admin";
	case WS2FIX_SELFTEST_REASON_UNAVAILABLE: return "unavailable";
	case WS2FIX_SELFTEST_REASON_NOT_RUN: return "not-run";
	case WS2FIX_SELFTEST_REASON_DATA_MISMATCH: return "data-mismatch";
	case WS2FIX_SELFTEST_REASON_NOT_LOOPBACK: return "not-loopback";
	case WS2FIX_SELFTEST_REASON_EMPTY: return "empty";
	case WS2FIX_SELFTEST_REASON_HUNG: return "hung";
	case WS2FIX_SELFTEST_REASON_NO_SYSTEMROOT: return "no-systemroot";
	case WS2FIX_SELFTEST_REASON_SYSTEMROOT_ELSEWHERE: return "systemroot-elsewhere";
	case WS2FIX_SELFTEST_REASON_PATH_MISSING: return "path-missing";
	case WS2FIX_SELFTEST_REASON_NO_PATHS: return "no-paths";
	default: return NULL;
	}
}

const char *ws2fix_selftest_error_name(int code)
{
	return ws2fix__wsa_error_name(code);
}

const char *ws2fix_selftest_error_text(int code, ws2fix_lang lang)
{
	return ws2fix__wsa_error_text(code, lang);
}

/* SPDX-License-Identifier: MIT */
/*
 * Test double for the self-test's fault seam (src/lib/win32/selftest_fault.h),
 * linked only into the test-only ws2fix-faults.exe (tests/CMakeLists.txt):
 *
 *   WS2FIX_TEST_FAIL_STEP=<step> the step runs, then is reported as failed
 *                                with 10038 WSAENOTSOCK, as a broken
 *                                provider would fail it
 *   WS2FIX_TEST_HANG_STEP=<step> the step never returns, as a provider stuck
 *                                in its startup would
 *   WS2FIX_TEST_SYSTEMROOT=<dir> as the "SystemRoot" step begins, the
 *                                process's SystemRoot becomes <dir>, or is
 *                                removed for "-", before the real check
 *                                runs (Wine puts SystemRoot back into every
 *                                process it starts, so a test cannot start
 *                                one without it)
 *
 * Step names compare case-insensitively.  tests/wine/test_selftest.py uses
 * them; the shipped ws2fix.exe has neither.
 */
#include <windows.h>
#include <stdlib.h>
#include <string.h>

#include "lib/win32/selftest_fault.h"

static int named(const char *var, const char *step)
{
	const char *want = getenv(var);
	return want && *want && step && _stricmp(want, step) == 0;
}

void ws2fix__selftest_fault_begin(const char *name)
{
	const char *root = getenv("WS2FIX_TEST_SYSTEMROOT");
	if (root && *root && name && _stricmp(name, "SystemRoot") == 0)
		SetEnvironmentVariableA("SystemRoot", strcmp(root, "-") ? root : NULL);
	if (named("WS2FIX_TEST_HANG_STEP", name))
		for (;;)
			Sleep(INFINITE);
}

void ws2fix__selftest_fault_end(ws2fix_selftest_step *st)
{
	if (!named("WS2FIX_TEST_FAIL_STEP", st->name))
		return;
	st->result = WS2FIX_SELFTEST_FAIL;
	st->error_code = 10038; /* WSAENOTSOCK */
	st->error_name = ws2fix_selftest_error_name(st->error_code);
	st->reason = WS2FIX_SELFTEST_REASON_NONE;
}

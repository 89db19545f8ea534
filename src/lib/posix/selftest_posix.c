/* SPDX-License-Identifier: MIT */
/* The self-test exercises Windows' own Winsock (providers, LSPs): on any
 * other system there is nothing of that to test. */
#include "ws2fix/selftest.h"

#include "../errors_internal.h"

int ws2fix_selftest_run(ws2fix_selftest_report **out, const ws2fix_selftest_options *opts)
{
	(void)opts;
	*out = NULL;
	return ws2fix__fail(WS2FIX_ENOTBUILT, WS2FIX_ERRCLASS_INVALID,
		"selftest is live only: run it on Windows");
}

/* SPDX-License-Identifier: MIT */
/* The live registry exists only in the Windows build. */
#include "../errors_internal.h"
#include "ws2fix/sys/backend.h"

int ws2fix_backend_live_new(ws2fix_backend **out, int writable)
{
	(void)writable;
	*out = NULL;
	return ws2fix__fail(WS2FIX_ENOTBUILT, WS2FIX_ERRCLASS_INVALID,
		"no live registry in this build (not Windows): use --hive or --reg");
}

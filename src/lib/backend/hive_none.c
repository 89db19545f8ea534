/* SPDX-License-Identifier: MIT */
/* Builds without hivex (the Windows build) have no offline hive backend. */
#include "../errors_internal.h"
#include "ws2fix/sys/backend.h"

int ws2fix_backend_hive_new(ws2fix_backend **out, const char *path, int writable)
{
	(void)path;
	(void)writable;
	*out = NULL;
	return ws2fix__fail(WS2FIX_ENOTBUILT, WS2FIX_ERRCLASS_INVALID,
		"this build has no offline hive support (hivex): use --reg, or the Linux build");
}

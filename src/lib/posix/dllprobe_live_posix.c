/* SPDX-License-Identifier: MIT */
/* ../platform_live_files.h off Windows: the live DLL probe exists only on
 * Windows, there is no live catalog here. */
#include "../platform_live_files.h"
#include "ws2fix/errors.h"
#include "../errors_internal.h"

int ws2fix__live_files_new(ws2fix__live_files **out)
{
	*out = NULL;
	return ws2fix__fail(WS2FIX_ENOTBUILT, WS2FIX_ERRCLASS_INVALID,
		"checking provider DLLs of the running system needs the Windows build; "
		"use --windows-root with a mounted Windows directory");
}

ws2fix_exists ws2fix__live_files_exists(const ws2fix__live_files *lf, const char *path, enum ws2fix_view view)
{
	(void)lf;
	(void)path;
	(void)view;
	return WS2FIX_EXISTS_UNKNOWN;
}

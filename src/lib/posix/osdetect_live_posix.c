/* SPDX-License-Identifier: MIT */
/* The running system's Windows version: there is none off Windows. */
#include "../errors_internal.h"
#include "ws2fix/osinfo.h"

int ws2fix_os_detect_live(ws2fix_osinfo *out)
{
	(void)out;
	return ws2fix__fail(WS2FIX_ENOTBUILT, WS2FIX_ERRCLASS_INVALID,
		"live Windows version detection is only available in the Windows build");
}

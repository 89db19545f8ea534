/* SPDX-License-Identifier: MIT */
/* The live DLL probe exists only on Windows: there is no live catalog here. */
#include "ws2fix/dllprobe.h"
#include "ws2fix/errors.h"
#include "../errors_internal.h"

int ws2fix_dll_probe_live_new(ws2fix_dll_probe **out)
{
	if (out)
		*out = NULL;
	return ws2fix__fail(WS2FIX_ENOTBUILT, WS2FIX_ERRCLASS_INVALID,
		"checking provider DLLs of the running system needs the Windows build; "
		"use --windows-root with a mounted Windows directory");
}

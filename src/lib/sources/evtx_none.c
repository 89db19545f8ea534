/* SPDX-License-Identifier: MIT */
/* Builds without libevtx (Windows, the web page, -DWS2FIX_EVTX=OFF) read no
 * offline event log: the reader says so, and the tests that need it skip. */
#include "ws2fix/events.h"

#include <string.h>

#include "../errors_internal.h"
#include "ws2fix/errors.h"

int ws2fix_evtx_supported(void) { return 0; }

int ws2fix_event_source_evtx_damaged(const ws2fix_event_source *src)
{
	(void)src;
	return 0;
}

int ws2fix_event_source_evtx(ws2fix_event_source *out, const char *path)
{
	(void)path;
	if (out)
		memset(out, 0, sizeof(*out));
	return ws2fix__fail(WS2FIX_ENOTBUILT, WS2FIX_ERRCLASS_INVALID,
		"this build reads no .evtx event log (built without libevtx)");
}

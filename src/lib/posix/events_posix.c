/* SPDX-License-Identifier: MIT */
/* The event log is a Windows service: nothing to read here. */
#include "ws2fix/events.h"

#include <string.h>

#include "../errors_internal.h"

int ws2fix_event_source_live(ws2fix_event_source *out)
{
	memset(out, 0, sizeof(*out));
	return ws2fix__fail(WS2FIX_ENOTBUILT, WS2FIX_ERRCLASS_INVALID, "the event log exists on live Windows only");
}

/* SPDX-License-Identifier: MIT */
/*
 * What pasted or dropped bytes are (ws2fix_source_detect): every source's
 * sniffer in the table (include/ws2fix/sources.def) is asked, each beside
 * its reader so that detection and reading never disagree, and the surest
 * answer wins (the first line of the table on a tie).  A new source is
 * detected by its own line: no list here names the sources.
 */
#include "ws2fix/session.h"

#include "../sources/source_open.h"
#include "ws2fix/errors.h"

static ws2fix_source_sniffer *const sniffers[WS2FIX_SOURCE_COUNT] = {
#define WS2FIX_SOURCE(id, name, option, partial, opener, sniffer) [WS2FIX_SOURCE_##id] = sniffer,
#include "ws2fix/sources.def"
#undef WS2FIX_SOURCE
};

ws2fix_source_kind ws2fix_source_detect(const unsigned char *data, size_t len)
{
	if (!data || !len)
		return WS2FIX_SOURCE_NONE;
	ws2fix_source_kind kind = WS2FIX_SOURCE_NONE;
	int best = 0;
	/* A signature (3) no other source can have ends the search: the
	 * text parsers need not read a hive or a whole export again. */
	for (int k = WS2FIX_SOURCE_NONE + 1; k < WS2FIX_SOURCE_COUNT && best < 3; k++) {
		int sure = sniffers[k] ? sniffers[k](data, len) : 0;
		if (sure > best) {
			best = sure;
			kind = (ws2fix_source_kind)k;
		}
	}
	ws2fix_error_clear();
	return kind;
}

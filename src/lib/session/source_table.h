/* SPDX-License-Identifier: MIT */
/*
 * The openers of include/ws2fix/sources.def (library internal).  Each one
 * opens what its source is made of: a registry (the session then reads its
 * catalog), a catalog (netsh text) or a HijackThis log.  On failure it
 * returns the error code with ws2fix_error_last() set and leaves @p out empty.
 */
#ifndef WS2FIX_SOURCE_TABLE_H
#define WS2FIX_SOURCE_TABLE_H

#include "ws2fix/session.h"

typedef struct ws2fix_source_parts {
	ws2fix_registry *reg;
	ws2fix_catalog *cat;
	ws2fix_hjt_log *hjt;
} ws2fix_source_parts;

/** The registry open options a session's options ask for. */
ws2fix_open_options ws2fix__session_open_options(const ws2fix_session_options *o);

#define WS2FIX_SOURCE(id, name, option, partial, opener) \
	int opener(ws2fix_source_parts *out, const ws2fix_session_options *o);
#include "ws2fix/sources.def"
#undef WS2FIX_SOURCE

#endif

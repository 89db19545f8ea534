/* SPDX-License-Identifier: MIT */
/* The live registry exists only in the Windows build. */
#include "../errors_internal.h"
#include "ws2fix/sys/backend.h"
#include "source_open.h"

int ws2fix_backend_live_new(ws2fix_backend **out, int writable)
{
	(void)writable;
	*out = NULL;
	return ws2fix__fail(WS2FIX_ENOTBUILT, WS2FIX_ERRCLASS_INVALID,
		"no live registry in this build (not Windows): use --hive or --reg");
}

/* The live line of include/ws2fix/sources.def: ws2fix_registry_open_live
 * answers WS2FIX_ENOTBUILT off Windows. */
int ws2fix__source_open_live(ws2fix_source_parts *out, const char *path, const ws2fix_open_options *open,
	ws2fix_lang lang, unsigned int flags)
{
	(void)path;
	(void)lang;
	(void)flags;
	return ws2fix_registry_open_live(&out->reg, open);
}

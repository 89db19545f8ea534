/* SPDX-License-Identifier: MIT */
/* Builds without hivex (the Windows build) have no offline hive backend. */
#include "../errors_internal.h"
#include "ws2fix/sys/backend.h"
#include "source_open.h"

int ws2fix_backend_hive_new(ws2fix_backend **out, const char *path, int writable)
{
	(void)path;
	(void)writable;
	*out = NULL;
	return ws2fix__fail(WS2FIX_ENOTBUILT, WS2FIX_ERRCLASS_INVALID,
		"this build has no offline hive support (hivex): use --reg, or the Linux build");
}

/* The hive line of include/ws2fix/sources.def: ws2fix_registry_open_hive
 * answers WS2FIX_ENOTBUILT in this build. */
int ws2fix__source_open_hive(ws2fix_source_parts *out, const char *path, const ws2fix_open_options *open,
	ws2fix_lang lang, unsigned int flags)
{
	(void)lang;
	(void)flags;
	return ws2fix_registry_open_hive(&out->reg, path, open);
}

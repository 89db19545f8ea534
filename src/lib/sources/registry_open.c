/* SPDX-License-Identifier: MIT */
/*
 * The registry of each backend (include/ws2fix/registry.h): a backend of
 * src/lib/sources/ made, then handed to the registry front end
 * (ws2fix_registry_from_backend), which sits a layer below.
 */
#include "ws2fix/sys/backend.h"
#include "source_open.h"

int ws2fix_registry_open_hive(ws2fix_registry **out, const char *path, const ws2fix_open_options *opts)
{
	ws2fix_backend *be = NULL;
	*out = NULL;
	int rc = ws2fix_backend_hive_new(&be, path, opts ? opts->writable : 0);
	if (rc < 0)
		return rc;
	return ws2fix_registry_from_backend(out, be, path, opts);
}

int ws2fix_registry_open_regfile(ws2fix_registry **out, const char *path, const ws2fix_open_options *opts)
{
	ws2fix_backend *be = NULL;
	*out = NULL;
	int rc = ws2fix_backend_regfile_new(&be, path, opts ? opts->writable : 0);
	if (rc < 0)
		return rc;
	return ws2fix_registry_from_backend(out, be, path, opts);
}

int ws2fix_registry_open_live(ws2fix_registry **out, const ws2fix_open_options *opts)
{
	ws2fix_backend *be = NULL;
	*out = NULL;
	int rc = ws2fix_backend_live_new(&be, opts ? opts->writable : 0);
	if (rc < 0)
		return rc;
	return ws2fix_registry_from_backend(out, be, "", opts);
}

/* The live registry is never a file anyone pastes or drops. */
int ws2fix__source_sniff_never(const unsigned char *data, size_t len)
{
	(void)data;
	(void)len;
	return 0;
}

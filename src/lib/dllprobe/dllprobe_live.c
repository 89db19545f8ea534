/* SPDX-License-Identifier: MIT */
/*
 * The live DLL probe: ws2fix_dll_probe_live_new (ws2fix/dllprobe.h) over
 * the platform's answer to "does the running Windows have this file for
 * this view" (../platform_live_files.h).  The probe is built here, beside
 * the offline one, so that ws2fix_dll_probe_free() knows both and the
 * platform layer knows nothing of the probe.
 */
#include <stdlib.h>

#include "ws2fix/dllprobe.h"
#include "ws2fix/errors.h"
#include "dllprobe_internal.h"
#include "../errors_internal.h"
#include "../platform_live_files.h"

typedef struct live_probe {
	ws2fix__dll_probe_impl base;
	ws2fix__live_files *files;
} live_probe;

static ws2fix_exists live_exists(void *payload, const char *path, enum ws2fix_view view)
{
	const live_probe *lp = payload;
	return ws2fix__live_files_exists(lp->files, path, view);
}

static void live_destroy(ws2fix__dll_probe_impl *self)
{
	live_probe *lp = (live_probe *)self;
	free(lp->files);
	free(lp);
}

int ws2fix_dll_probe_live_new(ws2fix_dll_probe **out)
{
	if (out)
		*out = NULL;
	/* The platform first: off Windows even a NULL @p out hears "not built". */
	ws2fix__live_files *files = NULL;
	int rc = ws2fix__live_files_new(&files);
	if (rc != 0)
		return rc;
	if (!out) {
		free(files);
		return ws2fix__fail(WS2FIX_EINVALID, WS2FIX_ERRCLASS_INVALID, "no output pointer");
	}
	live_probe *lp = calloc(1, sizeof(*lp));
	if (!lp) {
		free(files);
		return ws2fix__oom();
	}
	lp->files = files;
	lp->base.pub.exists = live_exists;
	lp->base.pub.payload = lp;
	lp->base.magic = WS2FIX_PROBE_MAGIC_LIVE;
	lp->base.destroy = live_destroy;
	*out = &lp->base.pub;
	return 0;
}

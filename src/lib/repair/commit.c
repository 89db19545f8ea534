/* SPDX-License-Identifier: MIT */
/* The commit step that a repair and a restore share (run_internal.h). */
#include <stdlib.h>

#include "run_internal.h"
#include "../errors_internal.h"
#include "ws2fix/backup.h"
#include "ws2fix/errors.h"

int ws2fix__commit_keeping_original(ws2fix_registry *reg, char **kept)
{
	/* The input stays beside the new file: SYSTEM.ws2fix-<stamp>.bak.  The
	 * hive backend puts the original back when its rename fails; the .reg
	 * one writes the file atomically: either way a failure leaves it. */
	*kept = ws2fix_backup_kept_path(ws2fix_registry_path(reg));
	if (!*kept)
		return ws2fix__oom();
	int rc = ws2fix_registry_commit(reg, *kept);
	if (rc < 0) {
		free(*kept);
		*kept = NULL;
	}
	return rc;
}

/* SPDX-License-Identifier: MIT */
/*
 * Finding a hive's transaction logs: Windows names them NAME.LOG1 and
 * NAME.LOG2 (NAME.LOG on older versions) beside NAME, and a disk mounted
 * from Linux or a copied tree may have any letter case.
 */
#include <stdlib.h>
#include <string.h>

#include "hivelog.h"
#include "../errors_internal.h"
#include "../platform.h"
#include "../platform_dir.h"
#include "../../util/buf.h"
#include "../../util/utf.h"

/* The largest log ws2fix reads: a base block plus the largest hive. */
#define MAX_LOG_SIZE ((size_t)WS2FIX_REGF_MAX_HBINS + 2u * WS2FIX_REGF_BASE_BLOCK)

static const char *const suffix[3] = {".LOG", ".LOG1", ".LOG2"};

int ws2fix__hivelog_files_find(ws2fix__hivelog_files *out, const char *hive_path, int read)
{
	memset(out, 0, sizeof(*out));
	const char *slash = ws2fix__last_dirsep(hive_path);
	char *dir = slash ? ws2fix__strndup(hive_path, (size_t)(slash - hive_path) + 1) : ws2fix__strdup(".");
	const char *base = slash ? slash + 1 : hive_path;
	if (!dir)
		return ws2fix__oom();
	int rc = 0;
	for (int i = 0; i < 3 && rc == 0; i++) {
		ws2fix_buf want = WS2FIX_BUF_INIT, full = WS2FIX_BUF_INIT;
		ws2fix__buf_printf(&want, "%s%s", base, suffix[i]);
		char *found = NULL;
		int t = ws2fix__buf_oom(&want) ? WS2FIX_ENOMEM : ws2fix__dir_find_ci(&found, dir, want.ptr);
		if (t == WS2FIX_ENOMEM) {
			rc = ws2fix__oom();
		} else if (t == WS2FIX_DIRENT_FILE || t == WS2FIX_DIRENT_LINK) {
			if (slash)
				ws2fix__buf_printf(&full, "%s%s", dir, found);
			else
				ws2fix__buf_puts(&full, found);
			out->path[i] = ws2fix__buf_detach(&full);
			out->name[i] = found;
			found = NULL;
			if (!out->path[i]) {
				rc = ws2fix__oom();
			} else if (read) {
				int r = ws2fix__map_file(&out->data[i], &out->len[i], out->path[i], MAX_LOG_SIZE);
				if (r == WS2FIX_ENOMEM)
					rc = r;
				else if (r < 0)
					out->unreadable[i] = 1;
			}
		} else if (t == WS2FIX_EEXISTS || t == WS2FIX_EACCESS) {
			/* Several names differing only in case, or a directory we
			 * cannot list: say so rather than guess. */
			out->name[i] = ws2fix__buf_detach(&want);
			out->unreadable[i] = 1;
		}
		free(found);
		ws2fix__buf_free(&want);
		ws2fix__buf_free(&full);
	}
	free(dir);
	ws2fix_error_clear();
	if (rc < 0) {
		ws2fix__hivelog_files_free(out);
		return ws2fix__oom();
	}
	return 0;
}

void ws2fix__hivelog_files_free(ws2fix__hivelog_files *f)
{
	if (!f)
		return;
	for (int i = 0; i < 3; i++) {
		free(f->path[i]);
		free(f->name[i]);
		ws2fix__unmap_file(f->data[i], f->len[i]);
	}
	memset(f, 0, sizeof(*f));
}

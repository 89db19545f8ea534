/* SPDX-License-Identifier: MIT */
/*
 * Files an interrupted earlier run left beside a hive (a SIGKILL or a power
 * cut cannot clean up): HIVE.ws2fix-new-<UTC>, the new hive not yet renamed
 * into place, and HIVE.ws2fix-tmp-*, a copy being written.  The hive itself
 * is whole (the old one or the new one); these are only clutter in the
 * customer's System32\config.  A session that may write the hive removes
 * them; any other names them (include/ws2fix/session.h).
 */
#include "session_internal.h"

#include <stdlib.h>
#include <string.h>

#include "../errors_internal.h"
#include "../platform.h"
#include "../platform_dir.h"
#include "../platform_fileid.h"
#include "../../util/buf.h"
#include "../../util/utf.h"
#include "ws2fix/errors.h"

static int keep(ws2fix_session *s, char *path)
{
	char **more = realloc(s->stale, (s->stale_count + 2) * sizeof(*more));
	if (!more) {
		free(path);
		return WS2FIX_ENOMEM;
	}
	s->stale = more;
	s->stale[s->stale_count++] = path;
	s->stale[s->stale_count] = NULL;
	return 0;
}

int ws2fix__session_find_stale(ws2fix_session *s, int remove)
{
	const char *hive = ws2fix_registry_path(s->reg);
	size_t cut = 0;
	for (size_t i = 0; hive[i]; i++)
		if (strchr(ws2fix__path_separators, hive[i]))
			cut = i + 1;
	char *dir = cut ? ws2fix__strndup(hive, cut) : ws2fix__strdup(".");
	if (!dir)
		return WS2FIX_ENOMEM;
	static const char *const kinds[] = {".ws2fix-new-", ".ws2fix-tmp-"};
	int rc = 0;
	for (size_t k = 0; k < 2 && rc == 0; k++) {
		ws2fix_buf prefix = WS2FIX_BUF_INIT;
		ws2fix__buf_printf(&prefix, "%s%s", hive + cut, kinds[k]);
		char **names = NULL;
		int n = ws2fix__buf_oom(&prefix) ? WS2FIX_ENOMEM : ws2fix__dir_names_with_prefix(&names, dir, prefix.ptr);
		ws2fix__buf_free(&prefix);
		if (n < 0) {
			ws2fix_error_clear(); /* a folder we cannot list has nothing to say */
			continue;
		}
		for (int i = 0; i < n; i++) {
			ws2fix_buf p = WS2FIX_BUF_INIT;
			ws2fix__buf_printf(&p, "%.*s%s", (int)cut, hive, names[i]);
			free(names[i]);
			char *path = ws2fix__buf_detach(&p);
			if (!path) {
				rc = WS2FIX_ENOMEM;
				continue;
			}
			if (rc == 0)
				rc = keep(s, path);
			else
				free(path);
		}
		free(names);
	}
	free(dir);
	if (rc == 0 && remove) {
		s->stale_removed = 1;
		for (size_t i = 0; i < s->stale_count; i++)
			if (ws2fix__platform_unlink(s->stale[i]) < 0)
				s->stale_removed = 0;
	}
	return rc < 0 ? ws2fix__oom() : 0;
}

const char *const *ws2fix_session_stale_files(const ws2fix_session *s, size_t *count, int *removed)
{
	*count = s->stale_count;
	*removed = s->stale_removed;
	return (const char *const *)s->stale;
}

/* SPDX-License-Identifier: MIT */
/*
 * Where a backup goes when none is named (include/ws2fix/session.h): the
 * first of the source's folder, the current directory and the user's home
 * that the session's output guard allows, so that the default never lands
 * in the registry folder (System32\config) of the Windows being repaired
 * (a hive kept where Windows keeps it), whatever the current directory is.
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
#include "ws2fix/backup.h"
#include "ws2fix/errors.h"
#include "ws2fix/outputs.h"

static int is_absolute(const char *p)
{
	return p[0] == '/' || p[0] == '\\' ||
	       (((p[0] | 0x20) >= 'a' && (p[0] | 0x20) <= 'z') && p[1] == ':');
}

/* @p folder ("" for the current one) with a separator at its end, made
 * absolute so that the path printed is the path written. */
static char *folder_path(const char *folder)
{
	ws2fix_buf b = WS2FIX_BUF_INIT;
	if (!is_absolute(folder)) {
		char *cwd = ws2fix__platform_cwd();
		if (!cwd)
			return NULL;
		ws2fix__buf_puts(&b, cwd);
		free(cwd);
		if (b.len && !strchr(ws2fix__path_separators, b.ptr[b.len - 1]))
			ws2fix__buf_putc(&b, WS2FIX_DIRSEP);
	}
	ws2fix__buf_puts(&b, folder);
	if (b.len && !strchr(ws2fix__path_separators, b.ptr[b.len - 1]))
		ws2fix__buf_putc(&b, WS2FIX_DIRSEP);
	return ws2fix__buf_detach(&b);
}

/* A fresh name in @p folder, claimed from the guard; NULL when refused. */
static char *try_folder(ws2fix_session *s, const char *folder)
{
	char *dir = folder ? folder_path(folder) : NULL;
	char *path = dir ? ws2fix_backup_fresh_path(dir, strlen(dir)) : NULL;
	free(dir);
	if (path && ws2fix_outputs_claim(s->outputs, path, 0) != WS2FIX_OUTPUT_OK) {
		free(path);
		path = NULL;
	}
	ws2fix_error_clear();
	return path;
}

int ws2fix_session_default_backup(ws2fix_session *s, char **out)
{
	*out = NULL;
	/* The source's own folder: beside an export, or a hive in a flat
	 * folder, is where a user looks first. */
	char *beside = NULL;
	if (s->path && *s->path) {
		size_t dir = 0;
		for (size_t i = 0; s->path[i]; i++)
			if (strchr(ws2fix__path_separators, s->path[i]))
				dir = i + 1;
		beside = ws2fix__strndup(s->path, dir);
	}
	char *home = ws2fix__platform_home();
	const char *const folders[] = {beside, "", home};
	for (size_t i = 0; i < sizeof(folders) / sizeof(folders[0]) && !*out; i++)
		if (folders[i] && (i != 0 || s->reg == NULL || !ws2fix_registry_has(s->reg, WS2FIX_CAP_LIVE)))
			*out = try_folder(s, folders[i]);
	free(beside);
	free(home);
	if (*out)
		return 0;
	return ws2fix__fail(WS2FIX_EINVALID, WS2FIX_ERRCLASS_INVALID,
		"%s", ws2fix_msg(MSG_OUT_NO_DEFAULT_BACKUP, s->lang));
}

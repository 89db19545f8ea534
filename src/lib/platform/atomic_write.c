/* SPDX-License-Identifier: MIT */
/*
 * The writes of platform.h made of its primitives: one file atomically, or
 * a set of files that belong together (a fix file and its .cmd), all or
 * none.  Every temporary file is listed while it exists (temp_files.h).
 */
#include "../temp_files.h"

#include <stdlib.h>
#include <string.h>

#include "../errors_internal.h"
#include "../platform.h"
#include "ws2fix/errors.h"

/* Files written together at the most. */
#define WS2FIX_ATOMIC_MAX 8

int ws2fix__write_file_atomic(const char *path, const void *data, size_t len)
{
	return ws2fix__write_files_atomic(1, &path, &data, &len);
}

int ws2fix__write_files_atomic(size_t n, const char *const *paths, const void *const *data, const size_t *lens)
{
	char *tmp[WS2FIX_ATOMIC_MAX] = {NULL};
	size_t renamed = 0, written = 0;
	int rc = n > WS2FIX_ATOMIC_MAX ? ws2fix__fail(WS2FIX_EINVALID, WS2FIX_ERRCLASS_INVALID, "too many files at once") : 0;
	for (; rc == 0 && written < n; written++)
		rc = ws2fix__write_temp_beside(&tmp[written], paths[written], data[written], lens[written]);
	if (rc < 0 && written)
		written--; /* the one that failed left nothing */
	/* Only when every file is complete does any take its name. */
	for (; rc == 0 && renamed < n; renamed++) {
		rc = ws2fix__rename_replace(tmp[renamed], paths[renamed]);
		if (rc == 0)
			ws2fix__temp_file_drop(tmp[renamed]);
		else
			break;
	}
	if (rc < 0) {
		/* None of them, under any name: the ones renamed go too. */
		for (size_t i = 0; i < renamed; i++)
			ws2fix__platform_unlink(paths[i]);
		for (size_t i = renamed; i < written; i++) {
			ws2fix__platform_unlink(tmp[i]);
			ws2fix__temp_file_drop(tmp[i]);
		}
	}
	for (size_t i = 0; i < WS2FIX_ATOMIC_MAX; i++)
		free(tmp[i]);
	return rc;
}

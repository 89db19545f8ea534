/* SPDX-License-Identifier: MIT */
/*
 * Temporary files of a run (temp_files.h) and the writes that use them
 * (platform.h): one file atomically, or a set of files that belong
 * together (a fix file and its .cmd), all or none.
 */
#include "temp_files.h"

#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include "errors_internal.h"
#include "platform.h"
#include "ws2fix/errors.h"
#include "ws2fix/files.h"

#define SLOTS 8
#define SLOT_LEN 4096

static char slots[SLOTS][SLOT_LEN];
static volatile sig_atomic_t used[SLOTS];

void ws2fix__temp_file_add(const char *path)
{
	size_t n = strlen(path);
	if (n >= SLOT_LEN)
		return;
	for (int i = 0; i < SLOTS; i++)
		if (!used[i]) {
			memcpy(slots[i], path, n + 1);
			used[i] = 1;
			return;
		}
}

void ws2fix__temp_file_drop(const char *path)
{
	for (int i = 0; i < SLOTS; i++)
		if (used[i] && !strcmp(slots[i], path)) {
			used[i] = 0;
			return;
		}
}

void ws2fix_interrupted_cleanup(void)
{
	for (int i = 0; i < SLOTS; i++)
		if (used[i]) {
			ws2fix__platform_unlink(slots[i]);
			used[i] = 0;
		}
}

int ws2fix__write_file_atomic(const char *path, const void *data, size_t len)
{
	return ws2fix__write_files_atomic(1, &path, &data, &len);
}

int ws2fix__write_files_atomic(size_t n, const char *const *paths, const void *const *data, const size_t *lens)
{
	char *tmp[SLOTS] = {NULL};
	size_t renamed = 0, written = 0;
	int rc = n > SLOTS ? ws2fix__fail(WS2FIX_EINVALID, WS2FIX_ERRCLASS_INVALID, "too many files at once") : 0;
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
	for (size_t i = 0; i < SLOTS; i++)
		free(tmp[i]);
	return rc;
}

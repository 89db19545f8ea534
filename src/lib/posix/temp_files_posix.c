/* SPDX-License-Identifier: MIT */
/*
 * The temporary files of writes under way (src/lib/temp_files.h), in fixed
 * slots so that an interrupted run's handler removes them without
 * allocating: unlink() is async-signal-safe.
 */
#define _POSIX_C_SOURCE 200809L
#include "../temp_files.h"

#include <signal.h>
#include <string.h>
#include <unistd.h>

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
			unlink(slots[i]);
			used[i] = 0;
		}
}


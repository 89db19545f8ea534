/* SPDX-License-Identifier: MIT */
/*
 * The slots of temp_files.h, shared by src/lib/posix/temp_files_posix.c
 * and src/lib/win32/temp_files_win32.c: fixed storage, no allocation, so
 * that an interrupted run's handler can empty them.  The including file
 * defines remove_slot(path) first, with its platform's async-safe removal.
 */
#ifndef WS2FIX_TEMP_SLOTS_H
#define WS2FIX_TEMP_SLOTS_H

#include <signal.h>
#include <string.h>

#include "temp_files.h"
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
			remove_slot(slots[i]);
			used[i] = 0;
		}
}


#endif

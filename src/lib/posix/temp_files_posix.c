/* SPDX-License-Identifier: MIT */
/*
 * The temporary files of writes under way (src/lib/temp_files.h) on
 * POSIX: unlink() is async-signal-safe, so the signal handler may remove
 * them.
 */
#define _POSIX_C_SOURCE 200809L
#include <unistd.h>

static void remove_slot(const char *path)
{
	(void)unlink(path);
}

#include "../temp_slots.h"

/* SPDX-License-Identifier: MIT */
/*
 * The temporary files of writes under way (src/lib/temp_files.h) on
 * Windows, removed by the console control handler (which Windows runs on
 * a thread of its own) when the run is interrupted.
 */
#include <windows.h>
#include <stdlib.h>

#include "../../util/utf_wide.h"

static void remove_slot(const char *path)
{
	wchar_t *w = ws2fix__utf8_to_wide(path);
	if (w)
		DeleteFileW(w);
	free(w);
}

#include "../temp_slots.h"

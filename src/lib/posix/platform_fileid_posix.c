/* SPDX-License-Identifier: MIT */
/* File identity on POSIX (src/lib/platform_fileid.h): st_dev and st_ino. */
#define _POSIX_C_SOURCE 200809L
#include "../platform_fileid.h"

#include <sys/stat.h>

const char ws2fix__path_separators[] = "/";

ws2fix_file_kind ws2fix__file_id(const char *path, ws2fix_file_id *id, int *link)
{
	struct stat st;
	if (link)
		*link = lstat(path, &st) == 0 && S_ISLNK(st.st_mode);
	if (stat(path, &st) != 0)
		return WS2FIX_FILE_NONE;
	id->dev = (unsigned long long)st.st_dev;
	id->ino = (unsigned long long)st.st_ino;
	if (S_ISREG(st.st_mode))
		return WS2FIX_FILE_REGULAR;
	return S_ISDIR(st.st_mode) ? WS2FIX_FILE_DIRECTORY : WS2FIX_FILE_OTHER;
}

int ws2fix__file_id_same(const ws2fix_file_id *a, const ws2fix_file_id *b)
{
	return a->dev == b->dev && a->ino == b->ino;
}

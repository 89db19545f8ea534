/* SPDX-License-Identifier: MIT */
/* File identity on Windows (src/lib/platform_fileid.h): the volume serial
 * number and the file index of GetFileInformationByHandle, which every
 * hard link of one file shares; CreateFileW follows symbolic links. */
#include "../platform_fileid.h"

#include <windows.h>
#include <stdlib.h>

#include "win32_util.h"

const char ws2fix__path_separators[] = "\\/";

ws2fix_file_kind ws2fix__file_id(const char *path, ws2fix_file_id *id, int *link)
{
	if (link)
		*link = 0;
	wchar_t *wpath = ws2fix__utf8_to_wide(path);
	if (!wpath)
		return WS2FIX_FILE_NONE;
	DWORD attr = GetFileAttributesW(wpath);
	if (link && attr != INVALID_FILE_ATTRIBUTES && (attr & FILE_ATTRIBUTE_REPARSE_POINT))
		*link = 1;
	/* No access rights are asked for: only the identity is read, which
	 * works on a file another process holds open (a loaded hive). */
	HANDLE h = CreateFileW(wpath, 0, FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE, NULL,
		OPEN_EXISTING, FILE_FLAG_BACKUP_SEMANTICS, NULL);
	free(wpath);
	if (h == INVALID_HANDLE_VALUE)
		return WS2FIX_FILE_NONE;
	BY_HANDLE_FILE_INFORMATION fi;
	BOOL ok = GetFileInformationByHandle(h, &fi);
	DWORD type = GetFileType(h);
	CloseHandle(h);
	if (!ok)
		return type == FILE_TYPE_DISK ? WS2FIX_FILE_NONE : WS2FIX_FILE_OTHER;
	id->dev = fi.dwVolumeSerialNumber;
	id->ino = ((unsigned long long)fi.nFileIndexHigh << 32) | fi.nFileIndexLow;
	if (fi.dwFileAttributes & FILE_ATTRIBUTE_DIRECTORY)
		return WS2FIX_FILE_DIRECTORY;
	return type == FILE_TYPE_DISK ? WS2FIX_FILE_REGULAR : WS2FIX_FILE_OTHER;
}

int ws2fix__file_id_same(const ws2fix_file_id *a, const ws2fix_file_id *b)
{
	return a->dev == b->dev && a->ino == b->ino;
}

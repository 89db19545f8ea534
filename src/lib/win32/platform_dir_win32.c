/* SPDX-License-Identifier: MIT */
/*
 * ws2fix__dir_find_ci on Windows.  Windows looks names up without case
 * already, but a directory can be case-sensitive (WSL's per-directory flag)
 * and we need to know whether an entry is a reparse point, so the directory
 * is listed with FindFirstFileW/FindNextFileW (both on XP) and compared
 * with the same rule as on POSIX.
 */
#include "../platform_dir.h"

#include <windows.h>
#include <stdlib.h>
#include <string.h>

#include "win32_util.h"
#include "../../util/buf.h"
#include "../../util/utf.h"

static int attr_type(DWORD attr)
{
	/* A junction or symlink may point anywhere, even to another volume. */
	if (attr & FILE_ATTRIBUTE_REPARSE_POINT)
		return WS2FIX_DIRENT_LINK;
	if (attr & FILE_ATTRIBUTE_DIRECTORY)
		return WS2FIX_DIRENT_DIR;
	if (attr & FILE_ATTRIBUTE_DEVICE)
		return WS2FIX_DIRENT_OTHER;
	return WS2FIX_DIRENT_FILE;
}

int ws2fix__path_type(const char *path)
{
	wchar_t *w = ws2fix__utf8_to_wide(path);
	if (!w)
		return WS2FIX_ENOMEM;
	DWORD attr = GetFileAttributesW(w);
	DWORD e = GetLastError();
	free(w);
	if (attr == INVALID_FILE_ATTRIBUTES)
		return (e == ERROR_FILE_NOT_FOUND || e == ERROR_PATH_NOT_FOUND) ? WS2FIX_ENOTFOUND : WS2FIX_ERROR;
	return attr_type(attr);
}

/* FindFirstFileW on "DIR\\*": the first entry in *fd, or *h
 * INVALID_HANDLE_VALUE with GetLastError() saying why.  @return 0 or
 * WS2FIX_ENOMEM */
static int list_first(HANDLE *h, WIN32_FIND_DATAW *fd, const char *dir)
{
	*h = INVALID_HANDLE_VALUE;
	ws2fix_buf pat = WS2FIX_BUF_INIT;
	size_t dl = strlen(dir);
	ws2fix__buf_puts(&pat, dir);
	if (dl == 0 || (dir[dl - 1] != '\\' && dir[dl - 1] != '/'))
		ws2fix__buf_putc(&pat, '\\');
	ws2fix__buf_putc(&pat, '*');
	wchar_t *wpat = ws2fix__buf_oom(&pat) ? NULL : ws2fix__utf8_to_wide(ws2fix__buf_cstr(&pat));
	ws2fix__buf_free(&pat);
	if (!wpat)
		return ws2fix__oom();
	*h = FindFirstFileW(wpat, fd);
	DWORD e = GetLastError();
	free(wpat);
	SetLastError(e);
	return 0;
}

int ws2fix__dir_find_ci(char **out_name, const char *dir, const char *name)
{
	if (!*name || strchr(name, '\\') || strchr(name, '/') || strchr(name, ':') || strchr(name, '*') ||
		strchr(name, '?') || strcmp(name, ".") == 0 || strcmp(name, "..") == 0)
		return WS2FIX_ENOTFOUND;

	WIN32_FIND_DATAW fd;
	HANDLE h;
	int orc = list_first(&h, &fd, dir);
	if (orc < 0)
		return orc;
	if (h == INVALID_HANDLE_VALUE) {
		DWORD e = GetLastError();
		/* An empty drive root has no "." entry: nothing found. */
		if (e == ERROR_FILE_NOT_FOUND || e == ERROR_PATH_NOT_FOUND || e == ERROR_NO_MORE_FILES)
			return WS2FIX_ENOTFOUND;
		return ws2fix__fail_win32(e == ERROR_ACCESS_DENIED ? WS2FIX_EACCESS : WS2FIX_ERROR, (LSTATUS)e,
			"cannot list %s", dir);
	}
	char *exact = NULL, *folded = NULL;
	int exact_type = 0, folded_type = 0, folded_count = 0, rc = 0;
	do {
		if (wcscmp(fd.cFileName, L".") == 0 || wcscmp(fd.cFileName, L"..") == 0)
			continue;
		char *n = ws2fix__wide_to_utf8(fd.cFileName, -1);
		if (!n) {
			rc = WS2FIX_ENOMEM;
			break;
		}
		if (strcmp(n, name) == 0 && !exact) {
			exact = n;
			exact_type = attr_type(fd.dwFileAttributes);
		} else if (ws2fix__name_equal_ci(n, name)) {
			folded_count++;
			if (!folded) {
				folded = n;
				folded_type = attr_type(fd.dwFileAttributes);
			} else {
				free(n);
			}
		} else {
			free(n);
		}
	} while (FindNextFileW(h, &fd));
	DWORD e = GetLastError();
	FindClose(h);
	if (rc == 0 && e != ERROR_NO_MORE_FILES)
		rc = ws2fix__fail_win32(WS2FIX_ERROR, (LSTATUS)e, "cannot list %s", dir);
	if (rc == 0 && exact) {
		*out_name = exact;
		free(folded);
		return exact_type;
	}
	free(exact);
	if (rc == 0 && folded_count == 1) {
		*out_name = folded;
		return folded_type;
	}
	free(folded);
	if (rc < 0)
		return rc;
	if (folded_count > 1)
		return ws2fix__fail(WS2FIX_EEXISTS, WS2FIX_ERRCLASS_OS,
			"%s holds several names that differ only in case from \"%s\"", dir, name);
	return WS2FIX_ENOTFOUND;
}

char *ws2fix__platform_cwd(void)
{
	wchar_t buf[MAX_PATH * 4];
	DWORD n = GetCurrentDirectoryW(sizeof(buf) / sizeof(buf[0]), buf);
	if (n == 0 || n >= sizeof(buf) / sizeof(buf[0]))
		return NULL;
	return ws2fix__wide_to_utf8(buf, -1);
}

char *ws2fix__platform_home(void)
{
	const wchar_t *h = _wgetenv(L"USERPROFILE");
	return h && *h ? ws2fix__wide_to_utf8(h, -1) : NULL;
}

char *ws2fix__platform_full_path(const char *path)
{
	wchar_t *w = ws2fix__utf8_to_wide(path);
	wchar_t buf[MAX_PATH * 4];
	DWORD n = w ? GetFullPathNameW(w, sizeof(buf) / sizeof(buf[0]), buf, NULL) : 0;
	free(w);
	if (n == 0 || n >= sizeof(buf) / sizeof(buf[0]))
		return NULL;
	return ws2fix__wide_to_utf8(buf, -1);
}

int ws2fix__dir_names_with_prefix(char ***names, const char *dir, const char *prefix)
{
	*names = NULL;
	WIN32_FIND_DATAW fd;
	HANDLE h;
	int orc = list_first(&h, &fd, dir);
	if (orc < 0)
		return orc;
	if (h == INVALID_HANDLE_VALUE)
		return 0;
	size_t n = 0, cap = 0, plen = strlen(prefix);
	char **out = NULL;
	int rc = 0;
	do {
		char *name = ws2fix__wide_to_utf8(fd.cFileName, -1);
		if (!name) {
			rc = WS2FIX_ENOMEM;
			break;
		}
		if (strncmp(name, prefix, plen) != 0) {
			free(name);
			continue;
		}
		if (n + 2 > cap) {
			cap = cap ? cap * 2 : 8;
			char **more = realloc(out, cap * sizeof(*more));
			if (!more) {
				free(name);
				rc = WS2FIX_ENOMEM;
				break;
			}
			out = more;
		}
		out[n++] = name;
		out[n] = NULL;
	} while (FindNextFileW(h, &fd));
	FindClose(h);
	if (rc < 0) {
		for (size_t i = 0; i < n; i++)
			free(out[i]);
		free(out);
		return rc;
	}
	*names = out;
	return (int)n;
}

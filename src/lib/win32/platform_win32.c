/* SPDX-License-Identifier: MIT */
/*
 * The platform interface (../platform.h) on Windows.  Every path arrives
 * as UTF-8 and goes to a W function, so names outside the ANSI code page
 * (a Swedish user folder on a Chinese system) still work.
 */
#include "../platform.h"
#include "../temp_files.h"

#include <windows.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "win32_util.h"
#include "../../util/buf.h"

FILE *ws2fix__fopen(const char *path, const char *mode)
{
	wchar_t *wpath = ws2fix__utf8_to_wide(path);
	wchar_t *wmode = ws2fix__utf8_to_wide(mode);
	FILE *f = NULL;
	if (wpath && wmode)
		f = _wfopen(wpath, wmode);
	else
		errno = ENOMEM;
	free(wpath);
	free(wmode);
	return f;
}

int ws2fix__read_file(unsigned char **out, size_t *out_len, const char *path, size_t max)
{
	wchar_t *wpath = ws2fix__utf8_to_wide(path);
	if (!wpath)
		return WS2FIX_ENOMEM;
	/* CreateFileW on a directory fails with "access denied", which would
	 * send the user looking for a permission problem: say what it is. */
	DWORD attr = GetFileAttributesW(wpath);
	if (attr != INVALID_FILE_ATTRIBUTES && (attr & FILE_ATTRIBUTE_DIRECTORY)) {
		free(wpath);
		return ws2fix__fail(WS2FIX_ERROR, WS2FIX_ERRCLASS_OS, "%s is not a regular file", path);
	}
	/* Share everything: a .reg export or hive copy may still be open in
	 * the program that wrote it. */
	HANDLE h = CreateFileW(wpath, GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE,
		NULL, OPEN_EXISTING, FILE_ATTRIBUTE_NORMAL, NULL);
	free(wpath);
	if (h == INVALID_HANDLE_VALUE) {
		DWORD e = GetLastError();
		return ws2fix__fail_win32(ws2fix__win32_code((LSTATUS)e), (LSTATUS)e, "cannot open %s", path);
	}
	LARGE_INTEGER size;
	if (!GetFileSizeEx(h, &size)) {
		DWORD e = GetLastError();
		CloseHandle(h);
		return ws2fix__fail_win32(WS2FIX_ERROR, (LSTATUS)e, "cannot size %s", path);
	}
	if ((unsigned long long)size.QuadPart > max) {
		CloseHandle(h);
		return ws2fix__fail(WS2FIX_ECORRUPT, WS2FIX_ERRCLASS_OS,
			"%s is too large (%lld bytes, at most %llu)", path, (long long)size.QuadPart,
			(unsigned long long)max);
	}
	size_t len = (size_t)size.QuadPart;
	/* Two NUL bytes after the data, as on POSIX: parsers may treat the
	 * buffer as a (UTF-16) string. */
	unsigned char *data = malloc(len + 2);
	if (!data) {
		CloseHandle(h);
		return ws2fix__oom();
	}
	size_t got = 0;
	while (got < len) {
		DWORD chunk = (len - got) > 0x10000000u ? 0x10000000u : (DWORD)(len - got);
		DWORD n = 0;
		if (!ReadFile(h, data + got, chunk, &n, NULL) || n == 0) {
			DWORD e = n == 0 ? ERROR_HANDLE_EOF : GetLastError();
			free(data);
			CloseHandle(h);
			return ws2fix__fail_win32(WS2FIX_ERROR, (LSTATUS)e, "cannot read %s", path);
		}
		got += n;
	}
	CloseHandle(h);
	data[len] = data[len + 1] = 0;
	*out = data;
	*out_len = len;
	return 0;
}

int ws2fix__fsync_path(const char *path)
{
	wchar_t *wpath = ws2fix__utf8_to_wide(path);
	if (!wpath)
		return WS2FIX_ENOMEM;
	/* FlushFileBuffers needs a handle with write access. */
	HANDLE h = CreateFileW(wpath, GENERIC_READ | GENERIC_WRITE,
		FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE, NULL, OPEN_EXISTING,
		FILE_ATTRIBUTE_NORMAL, NULL);
	free(wpath);
	if (h == INVALID_HANDLE_VALUE) {
		DWORD e = GetLastError();
		return ws2fix__fail_win32(ws2fix__win32_code((LSTATUS)e), (LSTATUS)e, "cannot open %s", path);
	}
	int rc = 0;
	if (!FlushFileBuffers(h))
		rc = ws2fix__fail_win32(WS2FIX_ERROR, (LSTATUS)GetLastError(), "cannot flush %s", path);
	CloseHandle(h);
	return rc;
}

int ws2fix__rename_replace(const char *from, const char *to)
{
	wchar_t *wfrom = ws2fix__utf8_to_wide(from);
	wchar_t *wto = wfrom ? ws2fix__utf8_to_wide(to) : NULL;
	int rc = 0;
	if (!wfrom || !wto) {
		rc = WS2FIX_ENOMEM;
	} else if (!MoveFileExW(wfrom, wto, MOVEFILE_REPLACE_EXISTING | MOVEFILE_WRITE_THROUGH)) {
		DWORD e = GetLastError();
		rc = ws2fix__fail_win32(ws2fix__win32_code((LSTATUS)e), (LSTATUS)e,
			"cannot rename %s to %s", from, to);
	}
	free(wfrom);
	free(wto);
	return rc;
}

/* Create a new temporary file beside @p path (same directory, hence same
 * volume, so the final MoveFileExW is a rename and not a copy). */
static int create_temp_beside(HANDLE *out, ws2fix_buf *tmp, wchar_t **wtmp, const char *path)
{
	static LONG counter;
	for (int attempt = 0; attempt < 100; attempt++) {
		tmp->len = 0;
		ws2fix__buf_printf(tmp, "%s.ws2fix-tmp-%lu-%ld", path, (unsigned long)GetCurrentProcessId(),
			(long)InterlockedIncrement(&counter));
		if (ws2fix__buf_oom(tmp))
			return ws2fix__oom();
		*wtmp = ws2fix__utf8_to_wide(tmp->ptr);
		if (!*wtmp)
			return WS2FIX_ENOMEM;
		*out = CreateFileW(*wtmp, GENERIC_WRITE, 0, NULL, CREATE_NEW, FILE_ATTRIBUTE_NORMAL, NULL);
		if (*out != INVALID_HANDLE_VALUE)
			return 0;
		DWORD e = GetLastError();
		free(*wtmp);
		*wtmp = NULL;
		/* A name left over by a crashed run: try the next one. */
		if (e != ERROR_FILE_EXISTS && e != ERROR_ALREADY_EXISTS)
			return ws2fix__fail_win32(ws2fix__win32_code((LSTATUS)e), (LSTATUS)e,
				"cannot create a file beside %s", path);
	}
	return ws2fix__fail(WS2FIX_ERROR, WS2FIX_ERRCLASS_OS,
		"cannot create a file beside %s: too many leftover temporary files", path);
}

int ws2fix__map_file(const unsigned char **out, size_t *out_len, const char *path, size_t max)
{
	unsigned char *d = NULL;
	int rc = ws2fix__read_file(&d, out_len, path, max);
	*out = d;
	return rc;
}

void ws2fix__unmap_file(const unsigned char *data, size_t len)
{
	(void)len;
	free((void *)data);
}

int ws2fix__write_temp_beside(char **tmp_out, const char *path, const void *data, size_t len)
{
	*tmp_out = NULL;
	ws2fix_buf tmp = WS2FIX_BUF_INIT;
	wchar_t *wtmp = NULL;
	HANDLE h = INVALID_HANDLE_VALUE;
	int rc = create_temp_beside(&h, &tmp, &wtmp, path);
	if (rc < 0) {
		ws2fix__buf_free(&tmp);
		return rc;
	}
	ws2fix__temp_file_add(tmp.ptr);
	const unsigned char *p = data;
	size_t left = len;
	while (left) {
		DWORD chunk = left > 0x10000000u ? 0x10000000u : (DWORD)left;
		DWORD n = 0;
		if (!WriteFile(h, p, chunk, &n, NULL) || n == 0) {
			rc = ws2fix__fail_win32(WS2FIX_ERROR, (LSTATUS)GetLastError(), "cannot write %s", tmp.ptr);
			break;
		}
		p += n;
		left -= n;
	}
	/* The data must be on disk before the rename makes it the real file:
	 * otherwise a crash could leave an empty file under the final name. */
	if (rc == 0 && !FlushFileBuffers(h))
		rc = ws2fix__fail_win32(WS2FIX_ERROR, (LSTATUS)GetLastError(), "cannot flush %s", tmp.ptr);
	if (!CloseHandle(h) && rc == 0)
		rc = ws2fix__fail_win32(WS2FIX_ERROR, (LSTATUS)GetLastError(), "cannot close %s", tmp.ptr);
	if (rc < 0) {
		DeleteFileW(wtmp);
		ws2fix__temp_file_drop(tmp.ptr);
		ws2fix__buf_free(&tmp);
	} else {
		*tmp_out = ws2fix__buf_detach(&tmp);
	}
	free(wtmp);
	return rc;
}

int ws2fix__platform_unlink(const char *path)
{
	wchar_t *w = ws2fix__utf8_to_wide(path);
	int ok = w && DeleteFileW(w);
	free(w);
	return ok ? 0 : -1;
}

int ws2fix__file_exists(const char *path)
{
	wchar_t *wpath = ws2fix__utf8_to_wide(path);
	if (!wpath)
		return 0;
	DWORD attr = GetFileAttributesW(wpath);
	free(wpath);
	return attr != INVALID_FILE_ATTRIBUTES && !(attr & FILE_ATTRIBUTE_DIRECTORY);
}

const char *ws2fix__platform_ui_language(void)
{
	/* The UI language (what the menus are in), not the regional format:
	 * a Swedish technician on an English Windows reads English dialogs. */
	LANGID ui = GetUserDefaultUILanguage();
	return PRIMARYLANGID(ui) == LANG_SWEDISH ? "sv-SE" : "en";
}

void ws2fix__utc_stamp(char out[17])
{
	SYSTEMTIME st;
	char buf[64];
	GetSystemTime(&st);
	snprintf(buf, sizeof(buf), "%04u%02u%02uT%02u%02u%02uZ", (unsigned)st.wYear, (unsigned)st.wMonth,
		(unsigned)st.wDay, (unsigned)st.wHour, (unsigned)st.wMinute, (unsigned)st.wSecond);
	memcpy(out, buf, 16);
	out[16] = '\0';
}

void ws2fix__platform_shell_quote(ws2fix_buf *b, const char *path)
{
	/* cmd.exe: quotes around anything with a space or a special
	 * character; a file name cannot hold a '"' itself. */
	int plain = *path != '\0' && !strpbrk(path, " \t&|<>^(),;=%!'");
	if (!plain)
		ws2fix__buf_putc(b, '"');
	ws2fix__buf_puts(b, path);
	if (!plain)
		ws2fix__buf_putc(b, '"');
}

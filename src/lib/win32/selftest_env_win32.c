/* SPDX-License-Identifier: MIT */
/*
 * The self-test's look at its own environment (issue 26): ws2_32 expands
 * every catalog path (%SystemRoot%\system32\mswsock.dll and the LSPs'
 * own) with the *process* environment, so a program started without
 * SystemRoot loads no provider and fails with 10106 while every other
 * program works (python/cpython#118234, openai/codex#3408).  Two checks:
 * SystemRoot is set and names the Windows directory
 * (GetSystemWindowsDirectoryW), and every provider's stored path
 * (WSCGetProviderPath), expanded here, names a file.
 */
#include <winsock2.h>
#include <ws2spi.h>
#include <windows.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "selftest_env.h"
#include "../../util/buf.h"
#include "../../util/utf_wide.h"

/* A directory without its trailing backslashes, for comparing. */
static void trim_slashes(wchar_t *p)
{
	size_t n = wcslen(p);
	while (n > 3 && (p[n - 1] == L'\\' || p[n - 1] == L'/'))
		p[--n] = L'\0';
}

static void detail_wide(ws2fix_buf *b, const wchar_t *w)
{
	char *u = ws2fix__wide_to_utf8(w, -1);
	ws2fix__buf_puts(b, u ? u : "?");
	free(u);
}

void ws2fix__selftest_env_systemroot(ws2fix_selftest_step *st)
{
	wchar_t root[MAX_PATH + 1], win[MAX_PATH + 1], full[MAX_PATH + 1];
	DWORD n = GetEnvironmentVariableW(L"SystemRoot", root, MAX_PATH + 1);
	if (n == 0 || n > MAX_PATH) {
		st->result = WS2FIX_SELFTEST_FAIL;
		st->call = "GetEnvironmentVariableW";
		st->reason = WS2FIX_SELFTEST_REASON_NO_SYSTEMROOT;
		return;
	}
	UINT w = GetSystemWindowsDirectoryW(win, MAX_PATH + 1);
	ws2fix_buf d = WS2FIX_BUF_INIT;
	ws2fix__buf_puts(&d, "SystemRoot=");
	detail_wide(&d, root);
	if (w == 0 || w > MAX_PATH) {
		st->detail = ws2fix__buf_detach(&d); /* nothing to compare with: as set */
		return;
	}
	DWORD f = GetFullPathNameW(root, MAX_PATH + 1, full, NULL);
	if (f == 0 || f > MAX_PATH)
		wcscpy(full, root);
	trim_slashes(full);
	trim_slashes(win);
	if (_wcsicmp(full, win) != 0) {
		st->result = WS2FIX_SELFTEST_FAIL;
		st->reason = WS2FIX_SELFTEST_REASON_SYSTEMROOT_ELSEWHERE;
		ws2fix__buf_puts(&d, "; Windows directory ");
		detail_wide(&d, win);
	}
	st->detail = ws2fix__buf_detach(&d);
}

/* Whether @p list holds @p path before index @p i (one check per path). */
static int seen_before(wchar_t (*paths)[MAX_PATH + 1], int i)
{
	for (int k = 0; k < i; k++)
		if (paths[k][0] && _wcsicmp(paths[k], paths[i]) == 0)
			return 1;
	return 0;
}

void ws2fix__selftest_env_paths(ws2fix_selftest_step *st, const WSAPROTOCOL_INFOW *list, int count)
{
	wchar_t (*paths)[MAX_PATH + 1] = count > 0 ? calloc((size_t)count, sizeof(*paths)) : NULL;
	ws2fix_buf missing = WS2FIX_BUF_INIT;
	int checked = 0, bad = 0;
	for (int i = 0; paths && i < count; i++) {
		int len = MAX_PATH + 1, err = 0;
		GUID id = list[i].ProviderId;
		if (WSCGetProviderPath(&id, paths[i], &len, &err) != 0 || !paths[i][0]) {
			paths[i][0] = L'\0';
			continue;
		}
		if (seen_before(paths, i))
			continue;
		wchar_t expanded[MAX_PATH + 1];
		DWORD e = ExpandEnvironmentStringsW(paths[i], expanded, MAX_PATH + 1);
		checked++;
		if (e != 0 && e <= MAX_PATH + 1 && !wcschr(expanded, L'%') &&
		    GetFileAttributesW(expanded) != INVALID_FILE_ATTRIBUTES)
			continue;
		bad++;
		if (missing.len)
			ws2fix__buf_puts(&missing, "; ");
		detail_wide(&missing, paths[i]);
		if (e != 0 && e <= MAX_PATH + 1 && wcscmp(expanded, paths[i]) != 0) {
			ws2fix__buf_puts(&missing, " -> ");
			detail_wide(&missing, expanded);
		}
	}
	free(paths);
	if (bad) {
		st->result = WS2FIX_SELFTEST_FAIL;
		st->call = "ExpandEnvironmentStringsW";
		st->reason = WS2FIX_SELFTEST_REASON_PATH_MISSING;
		st->detail = ws2fix__buf_detach(&missing);
		return;
	}
	ws2fix__buf_free(&missing);
	if (!checked) {
		st->result = WS2FIX_SELFTEST_SKIPPED;
		st->call = "WSCGetProviderPath";
		st->reason = WS2FIX_SELFTEST_REASON_NO_PATHS;
		return;
	}
	ws2fix_buf d = WS2FIX_BUF_INIT;
	ws2fix__buf_printf(&d, "%d", checked);
	st->detail = ws2fix__buf_detach(&d);
}

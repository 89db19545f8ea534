/* SPDX-License-Identifier: MIT */
/*
 * Live provider DLL checks on the running Windows.
 *
 * The catalog stores unexpanded paths, and which file they mean depends on
 * who loads them: a 64-bit process loads the 64-bit catalog's DLLs from
 * System32, a 32-bit process on x64 loads the 32-bit catalog's from
 * SysWOW64 (WOW64 file redirection) and expands %ProgramFiles% to
 * "Program Files (x86)".  We check each view as its own processes would see
 * it, whatever our own bitness:
 *   - 64-bit ws2fix, 32-bit view: %ProgramFiles% -> %ProgramFiles(x86)%,
 *     System32 -> SysWOW64 by hand;
 *   - 32-bit ws2fix on x64, 64-bit view: %ProgramFiles% -> %ProgramW6432%,
 *     and redirection off around the check, or every System32 DLL would be
 *     looked for in SysWOW64 (a 32-bit ws2fix must not report 64-bit DLLs
 *     missing).
 * The WOW64 calls are looked up with GetProcAddress: the kernel32 of 32-bit
 * XP does not export Wow64DisableWow64FsRedirection/Revert, and the exe
 * must import nothing XP SP3 lacks (a missing import stops it loading).
 */
#include <windows.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include <wctype.h>

#include "ws2fix/dllprobe.h"
#include "ws2fix/errors.h"
#include "win32_util.h"
#include "../platform_live_files.h"
#include "../../util/buf.h"
#include "../../util/utf.h"

typedef BOOL(WINAPI *is_wow64_process_fn)(HANDLE, PBOOL);
typedef BOOL(WINAPI *wow64_disable_fn)(PVOID *);
typedef BOOL(WINAPI *wow64_revert_fn)(PVOID);
typedef UINT(WINAPI *get_wow64_dir_fn)(LPWSTR, UINT);

struct ws2fix__live_files {
	int os64;       /* Windows is 64-bit */
	int wow64_self; /* we are a 32-bit process on it */
	wow64_disable_fn disable;
	wow64_revert_fn revert;
	wchar_t system_dir[MAX_PATH];  /* ...\System32 (also in a WOW64 process) */
	wchar_t syswow64_dir[MAX_PATH]; /* ...\SysWOW64, empty on 32-bit Windows */
	wchar_t windows_dir[MAX_PATH];
};
typedef struct ws2fix__live_files live_probe;

/* GetProcAddress returns FARPROC; going through a generic function pointer
 * keeps -Wcast-function-type quiet about the real signature. */
static void (*proc(HMODULE m, const char *name))(void)
{
	return m ? (void (*)(void))GetProcAddress(m, name) : NULL;
}

/* Replace a leading %FROM% (any case) with %TO%: the variables a process of
 * the other bitness would have expanded. */
static char *swap_var(const char *path, const char *from, const char *to)
{
	size_t fl = strlen(from);
	if (ws2fix__strncasecmp(path, from, fl) != 0)
		return NULL;
	ws2fix_buf b = WS2FIX_BUF_INIT;
	ws2fix__buf_puts(&b, to);
	ws2fix__buf_puts(&b, path + fl);
	return ws2fix__buf_detach(&b);
}

static wchar_t *expand(const wchar_t *w)
{
	DWORD need = ExpandEnvironmentStringsW(w, NULL, 0);
	if (need == 0 || need > 32768)
		return NULL;
	wchar_t *out = malloc(need * sizeof(wchar_t));
	if (!out)
		return NULL;
	DWORD got = ExpandEnvironmentStringsW(w, out, need);
	if (got == 0 || got > need) {
		free(out);
		return NULL;
	}
	return out;
}

/* 1 when @p path starts with directory @p dir (case-insensitively) followed
 * by a separator. */
static int under_dir(const wchar_t *path, const wchar_t *dir)
{
	size_t n = wcslen(dir);
	return n > 0 && _wcsnicmp(path, dir, n) == 0 && (path[n] == L'\\' || path[n] == L'/');
}

static wchar_t *concat(const wchar_t *a, const wchar_t *sep, const wchar_t *b)
{
	size_t n = wcslen(a) + wcslen(sep) + wcslen(b) + 1;
	wchar_t *s = malloc(n * sizeof(wchar_t));
	if (!s)
		return NULL;
	wcscpy(s, a);
	wcscat(s, sep);
	wcscat(s, b);
	return s;
}

static ws2fix_exists attributes(const live_probe *lp, const wchar_t *path, int redirect_off)
{
	PVOID old = NULL;
	if (redirect_off) {
		if (!lp->disable || !lp->revert || !lp->disable(&old))
			return WS2FIX_EXISTS_UNKNOWN;
	}
	/* Nothing but this call while redirection is off: a DLL load now
	 * would pick the 64-bit System32 copy. */
	DWORD attr = GetFileAttributesW(path);
	DWORD err = GetLastError();
	if (redirect_off)
		lp->revert(old);
	if (attr == INVALID_FILE_ATTRIBUTES)
		return err == ERROR_FILE_NOT_FOUND || err == ERROR_PATH_NOT_FOUND ? WS2FIX_EXISTS_NO
										  : WS2FIX_EXISTS_UNKNOWN;
	return (attr & FILE_ATTRIBUTE_DIRECTORY) ? WS2FIX_EXISTS_NO : WS2FIX_EXISTS_YES;
}

/* Check one expanded absolute path for @p view. */
static ws2fix_exists check(const live_probe *lp, const wchar_t *path, enum ws2fix_view view)
{
	int redirect_off = 0;
	if (lp->os64 && view == WS2FIX_VIEW_64 && lp->wow64_self)
		redirect_off = 1;
	if (lp->os64 && view == WS2FIX_VIEW_32 && !lp->wow64_self && lp->syswow64_dir[0] &&
		under_dir(path, lp->system_dir)) {
		wchar_t *mapped = concat(lp->syswow64_dir, L"", path + wcslen(lp->system_dir));
		if (!mapped)
			return WS2FIX_EXISTS_UNKNOWN;
		ws2fix_exists r = attributes(lp, mapped, 0);
		free(mapped);
		return r;
	}
	return attributes(lp, path, redirect_off);
}

ws2fix_exists ws2fix__live_files_exists(const ws2fix__live_files *lp, const char *path, enum ws2fix_view view)
{
	if (!path || !*path)
		return WS2FIX_EXISTS_UNKNOWN;

	char *swapped = NULL;
	if (lp->os64 && view == WS2FIX_VIEW_32 && !lp->wow64_self) {
		swapped = swap_var(path, "%ProgramFiles%", "%ProgramFiles(x86)%");
		if (!swapped)
			swapped = swap_var(path, "%CommonProgramFiles%", "%CommonProgramFiles(x86)%");
	} else if (lp->os64 && view == WS2FIX_VIEW_64 && lp->wow64_self) {
		swapped = swap_var(path, "%ProgramFiles%", "%ProgramW6432%");
		if (!swapped)
			swapped = swap_var(path, "%CommonProgramFiles%", "%CommonProgramW6432%");
	}
	wchar_t *w = ws2fix__utf8_to_wide(swapped ? swapped : path);
	free(swapped);
	if (!w)
		return WS2FIX_EXISTS_UNKNOWN;
	wchar_t *x = expand(w);
	free(w);
	if (!x)
		return WS2FIX_EXISTS_UNKNOWN;

	ws2fix_exists r = WS2FIX_EXISTS_UNKNOWN;
	/* A variable that did not expand (ours or the loader's environment
	 * differ, e.g. %USERPROFILE% of another account): cannot tell. */
	if (wcschr(x, L'%')) {
		r = WS2FIX_EXISTS_UNKNOWN;
	} else if ((iswalpha(x[0]) && x[1] == L':' && (x[2] == L'\\' || x[2] == L'/')) ||
		   (x[0] == L'\\' && x[1] == L'\\')) {
		r = check(lp, x, view);
	} else if (!wcschr(x, L'\\') && !wcschr(x, L'/') && !wcschr(x, L':')) {
		/* A bare name: System32 (of the view), then the Windows directory,
		 * the part of LoadLibrary's search every process shares. */
		wchar_t *a = concat(lp->system_dir, L"\\", x);
		wchar_t *b = concat(lp->windows_dir, L"\\", x);
		if (a && b) {
			ws2fix_exists r1 = check(lp, a, view);
			ws2fix_exists r2 = r1 == WS2FIX_EXISTS_YES ? r1 : check(lp, b, view);
			r = r1 == WS2FIX_EXISTS_YES || r2 == WS2FIX_EXISTS_YES ? WS2FIX_EXISTS_YES
				: r1 == WS2FIX_EXISTS_NO && r2 == WS2FIX_EXISTS_NO ? WS2FIX_EXISTS_NO
				: WS2FIX_EXISTS_UNKNOWN;
		}
		free(a);
		free(b);
	}
	/* else: relative to some process's current directory: unknown. */
	free(x);
	return r;
}

int ws2fix__live_files_new(ws2fix__live_files **out)
{
	*out = NULL;
	live_probe *lp = calloc(1, sizeof(*lp));
	if (!lp)
		return ws2fix__oom();

	HMODULE k32 = GetModuleHandleW(L"kernel32.dll");
#ifdef _WIN64
	lp->os64 = 1;
#else
	is_wow64_process_fn is_wow64 = (is_wow64_process_fn)proc(k32, "IsWow64Process");
	BOOL wow = FALSE;
	if (is_wow64 && is_wow64(GetCurrentProcess(), &wow) && wow)
		lp->os64 = lp->wow64_self = 1;
#endif
	lp->disable = (wow64_disable_fn)proc(k32, "Wow64DisableWow64FsRedirection");
	lp->revert = (wow64_revert_fn)proc(k32, "Wow64RevertWow64FsRedirection");
	get_wow64_dir_fn wow64_dir = (get_wow64_dir_fn)proc(k32, "GetSystemWow64DirectoryW");

	UINT n = GetSystemDirectoryW(lp->system_dir, MAX_PATH);
	UINT m = GetWindowsDirectoryW(lp->windows_dir, MAX_PATH);
	if (n == 0 || n >= MAX_PATH || m == 0 || m >= MAX_PATH) {
		DWORD e = GetLastError();
		free(lp);
		return ws2fix__fail_win32(WS2FIX_ERROR, (LSTATUS)e, "cannot find the Windows directory");
	}
	if (lp->os64 && wow64_dir) {
		UINT k = wow64_dir(lp->syswow64_dir, MAX_PATH);
		if (k == 0 || k >= MAX_PATH)
			lp->syswow64_dir[0] = L'\0';
	}
	*out = lp;
	return 0;
}

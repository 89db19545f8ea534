/* SPDX-License-Identifier: MIT */
/*
 * ws2fix/live.h on Windows: System Restore, `netsh winsock reset`,
 * WSCSetApplicationCategory and WSCEnumProtocols[32].
 *
 * The exe must start on Windows XP SP3, so everything newer than XP is
 * looked up at run time (GetProcAddress): srclient.dll (Microsoft asks for
 * that even where it exists: "Applications should not call System Restore
 * functions using load-time dynamic linking"), ole32's COM calls (only
 * System Restore needs COM, and only this file), WSCSetApplicationCategory
 * (Vista+) and WSCEnumProtocols32 (64-bit ws2_32 only).  WSCEnumProtocols
 * itself is in every ws2_32 since Windows 2000 and is imported normally.
 *
 * DLLs loaded here come from the system directory by full path, never from
 * the search path: ws2fix runs elevated, often from a Downloads folder.
 */
#include <winsock2.h>
#include <ws2spi.h>
#include <objbase.h>
#include <srrestoreptapi.h>

#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "ws2fix/live.h"
#include "win32_util.h"

#ifndef CREATE_NO_WINDOW
#define CREATE_NO_WINDOW 0x08000000
#endif
#ifndef LSP_SYSTEM
#define LSP_SYSTEM 0x80000000u
#endif
#ifndef RPC_E_TOO_LATE
#define RPC_E_TOO_LATE ((HRESULT)0x80010119L)
#endif
#ifndef RPC_E_CHANGED_MODE
#define RPC_E_CHANGED_MODE ((HRESULT)0x80010106L)
#endif

#define NETSH_TIMEOUT_MS 120000u

/* ---- System Restore --------------------------------------------------- */

typedef HRESULT(WINAPI *co_init_ex_fn)(LPVOID, DWORD);
typedef void(WINAPI *co_uninit_fn)(void);
typedef HRESULT(WINAPI *co_init_security_fn)(PSECURITY_DESCRIPTOR, LONG, void *, void *, DWORD, DWORD,
	void *, DWORD, void *);
typedef BOOL(WINAPI *sr_set_fn)(PRESTOREPOINTINFOW, PSTATEMGRSTATUS);

/*
 * System Restore calls back into the caller over COM as NetworkService,
 * LocalService or SYSTEM, so the process must let those in (Microsoft,
 * "Using System Restore").  The descriptor is built here, in absolute
 * form, because CoInitializeSecurity refuses self-relative ones.  When
 * the process already has COM security (RPC_E_TOO_LATE) that is kept.
 */
static void init_com_security(co_init_security_fn init_sec)
{
	static const WELL_KNOWN_SID_TYPE who[] = {WinBuiltinAdministratorsSid, WinLocalServiceSid,
		WinNetworkServiceSid, WinSelfSid, WinLocalSystemSid};
	enum { N = sizeof(who) / sizeof(who[0]) };
	/* DWORD-aligned storage for the SIDs and the ACL. */
	DWORD sids[N][(SECURITY_MAX_SID_SIZE + sizeof(DWORD) - 1) / sizeof(DWORD)];
	DWORD acl_mem[(sizeof(ACL) + N * (sizeof(ACCESS_ALLOWED_ACE) + SECURITY_MAX_SID_SIZE)) / sizeof(DWORD) + 1];
	ACL *acl = (ACL *)(void *)acl_mem;
	SECURITY_DESCRIPTOR sd;
	if (!InitializeAcl(acl, sizeof(acl_mem), ACL_REVISION))
		return;
	for (int i = 0; i < N; i++) {
		DWORD size = sizeof(sids[i]);
		if (!CreateWellKnownSid(who[i], NULL, sids[i], &size) ||
		    !AddAccessAllowedAce(acl, ACL_REVISION, COM_RIGHTS_EXECUTE | COM_RIGHTS_EXECUTE_LOCAL, sids[i]))
			return;
	}
	/* The owner and group must be set or COM rejects the descriptor. */
	if (!InitializeSecurityDescriptor(&sd, SECURITY_DESCRIPTOR_REVISION) ||
	    !SetSecurityDescriptorOwner(&sd, sids[0], FALSE) || !SetSecurityDescriptorGroup(&sd, sids[0], FALSE) ||
	    !SetSecurityDescriptorDacl(&sd, TRUE, acl, FALSE))
		return;
	/* Whatever this returns, SRSetRestorePointW is still tried: it is the
	 * one that knows whether it can work, and it says so in nStatus. */
	(void)init_sec(&sd, -1, NULL, NULL, RPC_C_AUTHN_LEVEL_PKT_PRIVACY, RPC_C_IMP_LEVEL_IDENTIFY, NULL,
		EOAC_DISABLE_AAA | EOAC_NO_CUSTOM_MARSHAL, NULL);
}

static int restore_status_error(DWORD status)
{
	switch (status) {
	case ERROR_SERVICE_DISABLED:
		return ws2fix__fail(WS2FIX_ENOTFOUND, WS2FIX_ERRCLASS_WIN32, "System Restore is turned off");
	case ERROR_DISK_FULL:
		return ws2fix__fail(WS2FIX_ENOTFOUND, WS2FIX_ERRCLASS_WIN32,
			"System Restore is in standby: disk space is low");
	case ERROR_BAD_ENVIRONMENT:
		return ws2fix__fail(WS2FIX_ERROR, WS2FIX_ERRCLASS_WIN32,
			"System Restore cannot make restore points in safe mode");
	case ERROR_SUCCESS:
		/* FALSE without a reason: an implementation that cannot make
		 * points at all (Wine's srclient answers exactly this). */
		return ws2fix__fail(WS2FIX_ENOTFOUND, WS2FIX_ERRCLASS_WIN32,
			"System Restore made no restore point and gave no reason");
	default:
		return ws2fix__fail_win32(WS2FIX_ERROR, (LSTATUS)status, "System Restore failed");
	}
}

int ws2fix_live_restore_point(const char *description)
{
	HMODULE sr = ws2fix__load_system_dll(L"srclient.dll");
	sr_set_fn set = (sr_set_fn)ws2fix__proc(sr, "SRSetRestorePointW");
	if (!set) {
		/* Server editions and stripped installs have no System Restore. */
		if (sr)
			FreeLibrary(sr);
		return ws2fix__fail(WS2FIX_ENOTFOUND, WS2FIX_ERRCLASS_WIN32, "System Restore is not installed");
	}
	RESTOREPOINTINFOW info;
	memset(&info, 0, sizeof(info));
	wchar_t *wdesc = ws2fix__utf8_to_wide(description ? description : "ws2fix");
	if (!wdesc) {
		FreeLibrary(sr);
		return WS2FIX_ENOMEM;
	}
	/* Longer descriptions are cut, not refused: the point matters more. */
	size_t n = wcslen(wdesc);
	if (n > MAX_DESC_W - 1)
		n = MAX_DESC_W - 1;
	memcpy(info.szDescription, wdesc, n * sizeof(wchar_t));
	free(wdesc);

	/* ole32 stays loaded: COM may keep threads that run its code. */
	HMODULE ole = ws2fix__load_system_dll(L"ole32.dll");
	co_init_ex_fn co_init = (co_init_ex_fn)ws2fix__proc(ole, "CoInitializeEx");
	co_uninit_fn co_uninit = (co_uninit_fn)ws2fix__proc(ole, "CoUninitialize");
	co_init_security_fn co_sec = (co_init_security_fn)ws2fix__proc(ole, "CoInitializeSecurity");
	int com_ours = 0;
	if (co_init) {
		HRESULT hr = co_init(NULL, COINIT_MULTITHREADED);
		/* S_FALSE: already initialised on this thread, still counted.
		 * RPC_E_CHANGED_MODE: someone else owns the apartment; use it. */
		com_ours = hr == S_OK || hr == S_FALSE;
		if (co_sec && (com_ours || hr == RPC_E_CHANGED_MODE))
			init_com_security(co_sec);
	}

	STATEMGRSTATUS st;
	memset(&st, 0, sizeof(st));
	info.dwEventType = BEGIN_SYSTEM_CHANGE;
	info.dwRestorePtType = MODIFY_SETTINGS;
	int rc = 0;
	if (!set(&info, &st)) {
		rc = restore_status_error(st.nStatus);
	} else {
		/* Close the change at once: System Restore took its snapshot at
		 * BEGIN, which is all a rollback needs.  A failure here leaves
		 * the point made, so it is not reported as one. */
		RESTOREPOINTINFOW end;
		STATEMGRSTATUS st2;
		memset(&end, 0, sizeof(end));
		memset(&st2, 0, sizeof(st2));
		end.dwEventType = END_SYSTEM_CHANGE;
		end.dwRestorePtType = MODIFY_SETTINGS;
		end.llSequenceNumber = st.llSequenceNumber;
		(void)set(&end, &st2);
	}
	if (com_ours && co_uninit)
		co_uninit();
	FreeLibrary(sr);
	return rc;
}

/* ---- netsh winsock reset ------------------------------------------------ */

typedef BOOL(WINAPI *is_wow64_fn)(HANDLE, PBOOL);

/* %SystemRoot%\System32\netsh.exe, or Sysnative\netsh.exe for a 32-bit
 * ws2fix on 64-bit Windows: the 32-bit netsh in SysWOW64 would reset the
 * catalog through the WOW64 view. */
static int netsh_path(wchar_t *out, DWORD outlen)
{
	BOOL wow = FALSE;
	is_wow64_fn is_wow = (is_wow64_fn)ws2fix__proc(GetModuleHandleW(L"kernel32.dll"), "IsWow64Process");
	if (is_wow && !is_wow(GetCurrentProcess(), &wow))
		wow = FALSE;
	if (wow) {
		DWORD n = ExpandEnvironmentStringsW(L"%SystemRoot%\\Sysnative\\netsh.exe", out, outlen);
		if (n && n <= outlen && GetFileAttributesW(out) != INVALID_FILE_ATTRIBUTES)
			return 0;
	}
	DWORD n = ExpandEnvironmentStringsW(L"%SystemRoot%\\System32\\netsh.exe", out, outlen);
	if (n == 0 || n > outlen)
		return ws2fix__fail_win32(WS2FIX_ERROR, (LSTATUS)GetLastError(), "cannot find the system directory");
	if (GetFileAttributesW(out) == INVALID_FILE_ATTRIBUTES) {
		char *u = ws2fix__wide_to_utf8(out, -1);
		int rc = ws2fix__fail(WS2FIX_ENOTFOUND, WS2FIX_ERRCLASS_WIN32, "%s does not exist", u ? u : "netsh.exe");
		free(u);
		return rc;
	}
	return 0;
}

int ws2fix_live_netsh_winsock_reset(int *exit_code)
{
	*exit_code = -1;
	wchar_t exe[MAX_PATH];
	int rc = netsh_path(exe, MAX_PATH);
	if (rc < 0)
		return rc;
	/* CreateProcessW may write into the command line, so it is a local
	 * buffer; the program path is quoted because %SystemRoot% may hold
	 * spaces, and also passed as lpApplicationName so nothing is searched. */
	wchar_t cmd[MAX_PATH + 32];
	size_t n = wcslen(exe);
	cmd[0] = L'"';
	memcpy(cmd + 1, exe, n * sizeof(wchar_t));
	memcpy(cmd + 1 + n, L"\" winsock reset", sizeof(L"\" winsock reset"));

	/* netsh's own chatter ("Successfully reset the Winsock Catalog...")
	 * would land in ws2fix's stdout and break --json: it goes to NUL, and
	 * the exit code says how it went. */
	SECURITY_ATTRIBUTES sa = {sizeof(sa), NULL, TRUE};
	HANDLE nul_in = CreateFileW(L"NUL", GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_WRITE, &sa, OPEN_EXISTING, 0, NULL);
	HANDLE nul_out = CreateFileW(L"NUL", GENERIC_WRITE, FILE_SHARE_READ | FILE_SHARE_WRITE, &sa, OPEN_EXISTING, 0, NULL);
	STARTUPINFOW si;
	PROCESS_INFORMATION pi;
	memset(&si, 0, sizeof(si));
	memset(&pi, 0, sizeof(pi));
	si.cb = sizeof(si);
	if (nul_in != INVALID_HANDLE_VALUE && nul_out != INVALID_HANDLE_VALUE) {
		si.dwFlags = STARTF_USESTDHANDLES;
		si.hStdInput = nul_in;
		si.hStdOutput = nul_out;
		si.hStdError = nul_out;
	}
	/* With a console, netsh shares it (no window flashes up); without one
	 * (started from a GUI or a service) it gets none instead of a new one. */
	DWORD flags = GetConsoleWindow() ? 0 : CREATE_NO_WINDOW;
	BOOL ok = CreateProcessW(exe, cmd, NULL, NULL, si.dwFlags ? TRUE : FALSE, flags, NULL, NULL, &si, &pi);
	DWORD err = GetLastError();
	if (nul_in != INVALID_HANDLE_VALUE)
		CloseHandle(nul_in);
	if (nul_out != INVALID_HANDLE_VALUE)
		CloseHandle(nul_out);
	if (!ok)
		return ws2fix__fail_win32(ws2fix__win32_code((LSTATUS)err), (LSTATUS)err, "cannot start netsh");
	CloseHandle(pi.hThread);
	DWORD w = WaitForSingleObject(pi.hProcess, NETSH_TIMEOUT_MS);
	if (w != WAIT_OBJECT_0) {
		/* Left running: killing netsh half-way through a catalog reset
		 * would be worse than letting it finish late. */
		CloseHandle(pi.hProcess);
		return ws2fix__fail(WS2FIX_ERROR, WS2FIX_ERRCLASS_WIN32,
			"netsh winsock reset did not finish within %u s (left running)", NETSH_TIMEOUT_MS / 1000);
	}
	DWORD code = 0;
	if (!GetExitCodeProcess(pi.hProcess, &code)) {
		err = GetLastError();
		CloseHandle(pi.hProcess);
		return ws2fix__fail_win32(WS2FIX_ERROR, (LSTATUS)err, "cannot read netsh's exit code");
	}
	CloseHandle(pi.hProcess);
	*exit_code = (int)code;
	return 0;
}

/* ---- WSCSetApplicationCategory ------------------------------------------- */

typedef int(WSAAPI *set_category_fn)(LPCWSTR, DWORD, LPCWSTR, DWORD, DWORD, DWORD *, LPINT);

/* A path with %VARIABLES% expanded, for comparing; caller frees. */
static wchar_t *expanded(const wchar_t *s)
{
	DWORD n = ExpandEnvironmentStringsW(s, NULL, 0);
	wchar_t *out = n ? malloc(n * sizeof(wchar_t)) : NULL;
	if (out && ExpandEnvironmentStringsW(s, out, n) != n) {
		free(out);
		out = NULL;
	}
	return out;
}

/* One string value of an open key, NULL when absent or not a string. */
static wchar_t *reg_string(HKEY k, const wchar_t *name)
{
	DWORD type = 0, size = 0;
	if (RegQueryValueExW(k, name, NULL, &type, NULL, &size) != ERROR_SUCCESS ||
	    (type != REG_SZ && type != REG_EXPAND_SZ) || size > 65536)
		return NULL;
	wchar_t *s = calloc(size / sizeof(wchar_t) + 1, sizeof(wchar_t));
	if (s && RegQueryValueExW(k, name, NULL, &type, (BYTE *)s, &size) != ERROR_SUCCESS) {
		free(s);
		s = NULL;
	}
	return s;
}

static int same_text(const wchar_t *a, const wchar_t *b)
{
	if (!a || !b)
		return (!a || !*a) && (!b || !*b);
	wchar_t *ea = expanded(a), *eb = expanded(b);
	int same = ea && eb && lstrcmpiW(ea, eb) == 0;
	free(ea);
	free(eb);
	return same;
}

/*
 * Did the call leave its mark?  WSCSetApplicationCategory records the
 * program under AppId_Catalog; an implementation that answers "success"
 * without writing it (Wine's stub) has excluded nothing, and saying
 * otherwise would send the user looking elsewhere for a problem that is
 * still there.
 */
static int recorded(const wchar_t *path, const wchar_t *args)
{
	HKEY root;
	if (RegOpenKeyExW(HKEY_LOCAL_MACHINE, L"SYSTEM\\CurrentControlSet\\Services\\WinSock2\\Parameters\\AppId_Catalog",
		    0, KEY_READ, &root) != ERROR_SUCCESS)
		return 0;
	int found = 0;
	wchar_t name[256];
	for (DWORD i = 0; !found && i < 4096; i++) {
		DWORD len = 256;
		LONG st = RegEnumKeyExW(root, i, name, &len, NULL, NULL, NULL, NULL);
		if (st == ERROR_NO_MORE_ITEMS)
			break;
		if (st != ERROR_SUCCESS)
			continue;
		HKEY k;
		if (RegOpenKeyExW(root, name, 0, KEY_READ, &k) != ERROR_SUCCESS)
			continue;
		wchar_t *p = reg_string(k, L"AppFullPath");
		wchar_t *a = reg_string(k, L"AppArgs");
		found = p && same_text(p, path) && same_text(a, args);
		free(p);
		free(a);
		RegCloseKey(k);
	}
	RegCloseKey(root);
	return found;
}

int ws2fix_live_exclude_app(const char *app_path, const char *app_args)
{
	if (!app_path || !*app_path)
		return ws2fix__fail(WS2FIX_EINVALID, WS2FIX_ERRCLASS_INVALID, "no program path");
	set_category_fn set = (set_category_fn)ws2fix__proc(GetModuleHandleW(L"ws2_32.dll"), "WSCSetApplicationCategory");
	if (!set)
		return ws2fix__fail(WS2FIX_ENOTFOUND, WS2FIX_ERRCLASS_WIN32,
			"this Windows has no WSCSetApplicationCategory (it came with Windows Vista)");
	wchar_t *given = ws2fix__utf8_to_wide(app_path);
	wchar_t *args = app_args && *app_args ? ws2fix__utf8_to_wide(app_args) : NULL;
	if (!given || (app_args && *app_args && !args)) {
		free(given);
		free(args);
		return WS2FIX_ENOMEM;
	}
	/* Winsock identifies the program by its load path, so a relative path
	 * could never match; a path with %VARIABLES% is kept as given (the
	 * call accepts them and they stay meaningful across users). */
	wchar_t *path = given;
	wchar_t full[MAX_PATH * 2];
	if (!wcschr(given, L'%')) {
		DWORD n = GetFullPathNameW(given, MAX_PATH * 2, full, NULL);
		if (n > 0 && n < MAX_PATH * 2)
			path = full;
	}
	/*
	 * LSP_SYSTEM, not 0.  Microsoft's rules ("Categorizing Layered Service
	 * Providers and Applications"): an LSP loads into a categorised
	 * program only when the program permits every category the LSP has,
	 * and when the program's set holds LSP_SYSTEM, the LSP must hold it
	 * too.  An uncategorised LSP counts as category 0, which a 0 set
	 * still "permits"; with LSP_SYSTEM it is refused.  So LSP_SYSTEM keeps
	 * out every LSP except those that declare themselves safe for system
	 * processes; it is also what the working exclusions in the field use
	 * (the AppId_Catalog of corpus/cingchun-bccc, the WSL and Proxifier
	 * workaround).
	 */
	DWORD prev = 0;
	int wsa_err = 0;
	int r = set(path, (DWORD)wcslen(path), args, args ? (DWORD)wcslen(args) : 0, LSP_SYSTEM, &prev, &wsa_err);
	int rc = 0;
	if (r != 0) {
		rc = ws2fix__fail_win32(wsa_err == WSANO_RECOVERY ? WS2FIX_EACCESS : WS2FIX_ERROR, (LSTATUS)wsa_err,
			"WSCSetApplicationCategory failed");
	} else if (!recorded(path, args)) {
		rc = ws2fix__fail(WS2FIX_ERROR, WS2FIX_ERRCLASS_WIN32,
			"WSCSetApplicationCategory reported success but wrote no AppId_Catalog entry "
			"(this Winsock does not implement it)");
	}
	free(given);
	free(args);
	return rc;
}

/* ---- WSCEnumProtocols[32] ------------------------------------------------- */

typedef int(WSAAPI *enum_protocols_fn)(LPINT, LPWSAPROTOCOL_INFOW, LPDWORD, LPINT);

/* Ask once for the size, then for the entries; the catalog may grow in
 * between (an installer running), so a second "too small" is retried. */
static int count_with(enum_protocols_fn fn, size_t *out, const char *what)
{
	DWORD len = 0;
	int err = 0;
	WSAPROTOCOL_INFOW *buf = NULL;
	for (int attempt = 0; attempt < 4; attempt++) {
		int n = fn(NULL, buf, &len, &err);
		if (n != SOCKET_ERROR) {
			free(buf);
			*out = (size_t)n;
			return 0;
		}
		free(buf);
		buf = NULL;
		if (err != WSAENOBUFS || len == 0 || len > (64u << 20))
			return ws2fix__fail_win32(WS2FIX_ERROR, (LSTATUS)err, "%s failed", what);
		buf = malloc(len);
		if (!buf)
			return ws2fix__oom();
	}
	free(buf);
	return ws2fix__fail(WS2FIX_ERROR, WS2FIX_ERRCLASS_WIN32, "%s: the catalog kept changing", what);
}

int ws2fix_live_count_providers(size_t *native_count, size_t *wow64_count)
{
	*native_count = *wow64_count = 0;
	WSADATA wd;
	int st = WSAStartup(MAKEWORD(2, 2), &wd);
	if (st != 0)
		return ws2fix__fail_win32(WS2FIX_ERROR, (LSTATUS)st, "WSAStartup failed");
	int rc = count_with(WSCEnumProtocols, native_count, "WSCEnumProtocols");
	/* WSCEnumProtocols32 exists only in a 64-bit ws2_32: there it lists the
	 * 32-bit (WOW64) catalog.  Where it is missing there is no such
	 * catalog to count (32-bit Windows) or no way to (Wine), and the
	 * native count still stands. */
	enum_protocols_fn fn32 = (enum_protocols_fn)ws2fix__proc(GetModuleHandleW(L"ws2_32.dll"), "WSCEnumProtocols32");
	if (rc == 0 && fn32)
		rc = count_with(fn32, wow64_count, "WSCEnumProtocols32");
	WSACleanup();
	return rc;
}

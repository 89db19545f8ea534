/* SPDX-License-Identifier: MIT */
/*
 * The running Windows: RtlGetVersion for the version (GetVersionEx lies to
 * programs without a manifest naming the newest OS, RtlGetVersion does not)
 * and IsWow64Process2 / GetNativeSystemInfo for the machine, not the
 * process, architecture.
 *
 * Every call newer than what XP SP3 exports is looked up at run time: a
 * missing import stops the exe from loading at all.  RtlGetVersion (ntdll,
 * 2000+) and GetNativeSystemInfo (XP+) are looked up too, so that the
 * import table stays as small as the brief asks; IsWow64Process2 exists
 * from 10 1511 on, IsWow64Process from XP SP2 on.
 */
#include <windows.h>
#include <stdio.h>
#include <string.h>

#include "../errors_internal.h"
#include "ws2fix/osinfo.h"

/* winnt.h of old SDKs lacks these machine numbers. */
#define MACHINE_I386 0x014cu
#define MACHINE_AMD64 0x8664u
#define MACHINE_ARM64 0xaa64u
#define MACHINE_IA64 0x0200u
#define ARCH_ARM64 12u /* PROCESSOR_ARCHITECTURE_ARM64 */

typedef LONG(WINAPI *rtl_get_version_fn)(OSVERSIONINFOEXW *);
typedef BOOL(WINAPI *is_wow64_process2_fn)(HANDLE, USHORT *, USHORT *);
typedef BOOL(WINAPI *is_wow64_process_fn)(HANDLE, BOOL *);
typedef void(WINAPI *get_native_system_info_fn)(SYSTEM_INFO *);

/* GetProcAddress returns FARPROC; going through a generic function pointer
 * keeps -Wcast-function-type quiet about the real signature. */
static void (*proc(const wchar_t *module, const char *name))(void)
{
	HMODULE m = GetModuleHandleW(module);
	return m ? (void (*)(void))GetProcAddress(m, name) : NULL;
}

static void set_arch(ws2fix_osinfo *o, const char *a)
{
	snprintf(o->arch, sizeof(o->arch), "%s", a);
}

static void arch_from_machine(ws2fix_osinfo *o, USHORT m)
{
	if (m == MACHINE_AMD64)
		set_arch(o, "x64");
	else if (m == MACHINE_ARM64)
		set_arch(o, "arm64");
	else if (m == MACHINE_I386)
		set_arch(o, "x86");
	else if (m == MACHINE_IA64)
		set_arch(o, "ia64");
}

static void arch_from_sysinfo(ws2fix_osinfo *o, const SYSTEM_INFO *si)
{
	switch (si->wProcessorArchitecture) {
	case PROCESSOR_ARCHITECTURE_AMD64: set_arch(o, "x64"); break;
	case PROCESSOR_ARCHITECTURE_INTEL: set_arch(o, "x86"); break;
	case PROCESSOR_ARCHITECTURE_IA64: set_arch(o, "ia64"); break;
	case ARCH_ARM64: set_arch(o, "arm64"); break;
	default: break;
	}
}

static void detect_arch(ws2fix_osinfo *o)
{
	/* 10 1511+: the only call that sees through x64 emulation on ARM64. */
	is_wow64_process2_fn w2 = (is_wow64_process2_fn)proc(L"kernel32.dll", "IsWow64Process2");
	USHORT pm = 0, nm = 0;
	if (w2 && w2(GetCurrentProcess(), &pm, &nm) && nm) {
		arch_from_machine(o, nm);
		if (o->arch[0])
			return;
	}
	/* Older systems: a 32-bit process under WOW64 must ask for the native
	 * system info, or it is told "x86". */
	is_wow64_process_fn w1 = (is_wow64_process_fn)proc(L"kernel32.dll", "IsWow64Process");
	get_native_system_info_fn gnsi = (get_native_system_info_fn)proc(L"kernel32.dll", "GetNativeSystemInfo");
	BOOL wow = FALSE;
	SYSTEM_INFO si;
	memset(&si, 0, sizeof(si));
	if (w1 && !w1(GetCurrentProcess(), &wow))
		wow = FALSE;
	if (gnsi)
		gnsi(&si);
	else
		GetSystemInfo(&si);
	arch_from_sysinfo(o, &si);
	(void)wow; /* GetNativeSystemInfo answers for WOW64 and native alike */
}

int ws2fix_os_detect_live(ws2fix_osinfo *out)
{
	OSVERSIONINFOEXW vi;
	ws2fix_osinfo o;
	if (!out)
		return ws2fix__fail(WS2FIX_EINVALID, WS2FIX_ERRCLASS_INVALID, "no output for the OS detection");
	memset(&vi, 0, sizeof(vi));
	vi.dwOSVersionInfoSize = sizeof(vi);
	rtl_get_version_fn rgv = (rtl_get_version_fn)proc(L"ntdll.dll", "RtlGetVersion");
	if (!rgv || rgv(&vi) != 0) {
		/* Not expected on any NT since 2000; GetVersionEx is the old way. */
		memset(&vi, 0, sizeof(vi));
		vi.dwOSVersionInfoSize = sizeof(vi);
		if (!GetVersionExW((OSVERSIONINFOW *)&vi))
			return ws2fix__fail(WS2FIX_ERROR, WS2FIX_ERRCLASS_WIN32, "cannot read the Windows version");
	}
	memset(&o, 0, sizeof(o));
	o.major = vi.dwMajorVersion;
	o.minor = vi.dwMinorVersion;
	o.build = vi.dwBuildNumber;
	o.service_pack = vi.wServicePackMajor;
	o.is_server = vi.wProductType == VER_NT_WORKSTATION ? 0 : 1;
	detect_arch(&o);
	ws2fix_os_fill_names(&o);
	snprintf(o.detected_from, sizeof(o.detected_from), "live");
	snprintf(o.evidence, sizeof(o.evidence), "RtlGetVersion %lu.%lu.%lu SP%u, product type %u",
		(unsigned long)vi.dwMajorVersion, (unsigned long)vi.dwMinorVersion, (unsigned long)vi.dwBuildNumber,
		(unsigned)vi.wServicePackMajor, (unsigned)vi.wProductType);
	*out = o;
	return 0;
}

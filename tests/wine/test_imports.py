#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""ws2fix.exe must start on Windows XP SP3 (x86) and XP x64: it may import
only DLLs that XP ships, and no function that XP's copies of them lack.

Reads the import table with `$WS2FIX_OBJDUMP -p` (mingw objdump), so it
needs no Windows and no Wine.  A function that ws2fix wants only on newer
Windows must be loaded with GetProcAddress, never imported.
"""
import os
import re
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import wineenv  # noqa: E402

# DLLs present in every Windows XP SP3 installation (system32 of a clean
# install), limited to the ones a console tool like ws2fix could reasonably
# use.  Names compare case-insensitively.  Anything else (api-ms-win-*,
# ucrtbase, vcruntime*, msvcr80+, libwinpthread, libgcc) is either Vista+
# or not part of Windows at all.
XP_DLLS = {
    "kernel32.dll", "advapi32.dll", "ws2_32.dll", "msvcrt.dll", "user32.dll", "gdi32.dll",
    "shell32.dll", "comctl32.dll", "comdlg32.dll", "ole32.dll", "oleaut32.dll",
    "shlwapi.dll", "version.dll", "mswsock.dll", "iphlpapi.dll", "netapi32.dll",
    "wsock32.dll", "crypt32.dll", "wintrust.dll", "setupapi.dll", "psapi.dll",
    "userenv.dll", "secur32.dll", "rpcrt4.dll", "dnsapi.dll", "ntdll.dll",
}

# Functions that Windows XP SP3 (x86) does not export, in the DLLs above.
# Source: the "Minimum supported client" line of each function's page in
# Microsoft's Win32 API reference (Vista or later, or "XP Professional x64
# Edition" only, which rules out 32-bit XP), plus the msvcrt.dll that XP
# ships (msvcrt 7.0: no "secure" *_s functions, no _get_/_set_ errno
# helpers, no strnlen/wcsnlen).  The list names the usual suspects; the
# pattern rules below catch whole families.
VISTA_PLUS = {
    "kernel32.dll": {
        "GetTickCount64", "GetSystemTimePreciseAsFileTime",
        "InitializeSRWLock", "AcquireSRWLockExclusive", "AcquireSRWLockShared",
        "ReleaseSRWLockExclusive", "ReleaseSRWLockShared", "TryAcquireSRWLockExclusive",
        "TryAcquireSRWLockShared", "InitializeConditionVariable", "SleepConditionVariableCS",
        "SleepConditionVariableSRW", "WakeConditionVariable", "WakeAllConditionVariable",
        "InitOnceExecuteOnce", "InitOnceBeginInitialize", "InitOnceComplete", "InitOnceInitialize",
        "InitializeCriticalSectionEx",
        # Fiber-local storage: Server 2003 and XP x64 have it, 32-bit XP does not.
        "FlsAlloc", "FlsFree", "FlsGetValue", "FlsSetValue",
        "GetFinalPathNameByHandleW", "GetFinalPathNameByHandleA",
        "CreateSymbolicLinkW", "CreateSymbolicLinkA", "CreateHardLinkTransactedW",
        "CreateFile2", "GetFileInformationByHandleEx", "SetFileInformationByHandle",
        "CopyFileTransactedW", "MoveFileTransactedW", "DeleteFileTransactedW",
        "CreateEventExW", "CreateEventExA", "CreateMutexExW", "CreateSemaphoreExW",
        "CreateWaitableTimerExW", "CancelIoEx", "CancelSynchronousIo",
        "GetQueuedCompletionStatusEx", "SetFileCompletionNotificationModes",
        "GetLocaleInfoEx", "LCIDToLocaleName", "LocaleNameToLCID", "GetUserDefaultLocaleName",
        "GetSystemDefaultLocaleName", "CompareStringEx", "LCMapStringEx", "ResolveLocaleName",
        "GetUserPreferredUILanguages", "GetThreadPreferredUILanguages",
        "SetThreadPreferredUILanguages", "GetFileMUIPath",
        "QueryFullProcessImageNameW", "QueryFullProcessImageNameA",
        "GetErrorMode", "GetThreadErrorMode", "SetThreadErrorMode",
        "GetThreadId", "GetProcessIdOfThread", "GetCurrentProcessorNumber",
        "GetProductInfo", "GetDynamicTimeZoneInformation", "GetVolumeInformationByHandleW",
        "Wow64DisableWow64FsRedirection", "Wow64RevertWow64FsRedirection",
        "Wow64EnableWow64FsRedirection", "SetThreadStackGuarantee",
        "CreateThreadpoolWork", "SubmitThreadpoolWork", "TrySubmitThreadpoolCallback",
        "InitializeProcThreadAttributeList", "UpdateProcThreadAttribute",
        "AddDllDirectory", "SetDefaultDllDirectories", "RemoveDllDirectory",
        "K32GetModuleFileNameExW", "K32EnumProcesses", "K32GetProcessMemoryInfo",
        "RaiseFailFastException", "WerRegisterRuntimeExceptionModule",
        "GetNamedPipeClientProcessId", "IsThreadAFiber",
    },
    "advapi32.dll": {
        "RegDeleteTreeW", "RegDeleteTreeA", "RegDeleteKeyExW", "RegDeleteKeyExA",
        "RegGetValueW", "RegGetValueA", "RegCopyTreeW", "RegCopyTreeA",
        "RegLoadMUIStringW", "RegLoadMUIStringA", "RegSetKeyValueW", "RegSetKeyValueA",
        "RegDeleteKeyValueW", "RegDeleteKeyValueA", "RegOpenKeyTransactedW",
        "RegCreateKeyTransactedW", "RegDeleteKeyTransactedW", "RegDisableReflectionKey",
        "RegEnableReflectionKey", "RegQueryReflectionKey", "RegDisablePredefinedCacheEx",
        "EventRegister", "EventUnregister", "EventWrite", "EventWriteTransfer",
        "EventWriteString", "EventEnabled",
    },
    "ws2_32.dll": {
        "inet_pton", "inet_ntop", "InetPtonW", "InetNtopW", "InetPtonA", "InetNtopA",
        "WSAPoll", "GetAddrInfoExW", "GetAddrInfoExA", "SetAddrInfoExW", "FreeAddrInfoEx",
        "FreeAddrInfoExW", "WSAConnectByNameW", "WSAConnectByNameA", "WSAConnectByList",
        "WSASendMsg", "GetAddrInfoExCancel",
        # In ws2_32 from Vista on (XP keeps WSCWriteProviderOrder in sporder.dll).
        "WSCWriteProviderOrder", "WSCWriteNameSpaceOrder",
        "WSCSetApplicationCategory", "WSCGetApplicationCategory",
        "WSCSetProviderInfo", "WSCGetProviderInfo", "WSCInstallProviderAndChains",
        # The *32 twins exist only in 64-bit ws2_32 (never in 32-bit XP).
        "WSCEnumProtocols32", "WSCDeinstallProvider32", "WSCUpdateProvider32",
        "WSCWriteProviderOrder32", "WSCInstallProvider64_32", "WSCInstallProviderAndChains64_32",
        "WSCSetProviderInfo32", "WSCGetProviderInfo32", "WSCEnumNameSpaceProviders32",
        "WSCInstallNameSpace32", "WSCUnInstallNameSpace32", "WSCEnableNSProvider32",
    },
    "user32.dll": {
        "SetProcessDPIAware", "ChangeWindowMessageFilter", "ChangeWindowMessageFilterEx",
        "ShutdownBlockReasonCreate", "ShutdownBlockReasonDestroy", "AddClipboardFormatListener",
    },
    "shell32.dll": {"SHGetKnownFolderPath", "SHCreateItemFromParsingName"},
    "comctl32.dll": {"TaskDialog", "TaskDialogIndirect"},
    "iphlpapi.dll": {
        "GetIfTable2", "GetIfEntry2", "GetIpInterfaceEntry", "GetUnicastIpAddressTable",
        "NotifyIpInterfaceChange", "if_nametoindex", "if_indextoname", "ConvertInterfaceLuidToNameW",
        "ConvertInterfaceIndexToLuid", "FreeMibTable",
    },
    "msvcrt.dll": {
        "_get_errno", "_set_errno", "_get_doserrno", "_set_doserrno",
        "_set_invalid_parameter_handler", "_get_invalid_parameter_handler",
        "_set_abort_behavior", "_get_output_format", "_set_output_format",
        "strnlen", "wcsnlen", "_ftelli64", "_fseeki64", "_wcstoi64_l", "_create_locale",
        "_free_locale", "_configthreadlocale", "__acrt_iob_func", "__stdio_common_vsprintf",
    },
}

# msvcrt's "secure" functions (strcpy_s, _wfopen_s, _vsnprintf_s, ...) came
# with msvcr80 and reached msvcrt.dll only in Vista.
MSVCRT_SECURE = re.compile(r"(_s|_s_l)$")


# The loader refuses an image whose subsystem version is newer than the
# system ("not a valid Win32 application"): XP is 5.1, XP x64 is 5.2.
MAX_SUBSYSTEM = {"PE32": (5, 1), "PE32+": (5, 2)}


def objdump_p(objdump, exe):
    out = subprocess.run([objdump, "-p", exe], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                         timeout=120)
    if out.returncode != 0:
        wineenv.fail("%s -p failed: %s" % (objdump, out.stderr.decode(errors="replace")))
    return out.stdout.decode("utf-8", "replace")


def check_header(text):
    """Problems with the PE optional header: console subsystem, version."""
    fields = {}
    for line in text.splitlines():
        m = re.match(r"^(Magic|MajorSubsystemVersion|MinorSubsystemVersion|Subsystem)\s+(\S+)"
                     r"(?:\s+\((.*)\))?", line)
        if m and m.group(1) not in fields:
            fields[m.group(1)] = (m.group(2), m.group(3))
    problems = []
    magic = (fields.get("Magic") or (None, None))[1]
    if magic not in MAX_SUBSYSTEM:
        return ["cannot read the PE optional header (Magic %r)" % (fields.get("Magic"),)]
    try:
        ver = (int(fields["MajorSubsystemVersion"][0]), int(fields["MinorSubsystemVersion"][0]))
    except (KeyError, ValueError):
        return ["no subsystem version in the PE header"]
    if ver > MAX_SUBSYSTEM[magic]:
        problems.append("subsystem version %d.%d: Windows XP%s loads at most %d.%d"
                        % (ver + (" x64" if magic == "PE32+" else "",) + MAX_SUBSYSTEM[magic]))
    # ws2fix.exe is a console program; WS2FIX_SUBSYSTEM=GUI checks
    # ws2fix-gui.exe instead (tests/release/test_release.py).
    want = os.environ.get("WS2FIX_SUBSYSTEM", "CUI")
    sub = fields.get("Subsystem") or ("", "")
    if want not in (sub[1] or ""):
        problems.append("subsystem is %r, not %s" % (sub, "the console (CUI)" if want == "CUI" else want))
    print("PE header: %s, subsystem %s, version %d.%d" % (magic, sub[1], ver[0], ver[1]))
    return problems


def read_imports(text):
    imports = {}
    dll = None
    in_table = False
    for line in text.splitlines():
        m = re.match(r"^\s*DLL Name:\s*(\S+)", line)
        if m:
            dll = m.group(1).lower()
            imports.setdefault(dll, set())
            in_table = False
            continue
        if dll is None:
            continue
        if re.match(r"^\s*vma:\s+Hint/Ord", line):
            in_table = True
            continue
        if not in_table:
            continue
        if not line.strip():
            in_table = False
            continue
        # "\t9274\t  1463  RegCloseKey" (by name) or "... <none>" / an
        # ordinal only (by ordinal).
        m = re.match(r"^\s*[0-9a-fA-F]+\s+(\d+)\s+(\S+)", line)
        if m:
            imports[dll].add(m.group(2))
        else:
            m = re.match(r"^\s*[0-9a-fA-F]+\s+(\d+)\s*$", line)
            if m:
                imports[dll].add("#" + m.group(1))
    return imports


def main():
    exe = wineenv.exe_from_argv()
    objdump = os.environ.get("WS2FIX_OBJDUMP") or ""
    if objdump and not os.path.isabs(objdump):
        objdump = shutil.which(objdump) or ""
    if not objdump:
        for cand in ("x86_64-w64-mingw32-objdump", "i686-w64-mingw32-objdump", "objdump"):
            objdump = shutil.which(cand) or ""
            if objdump:
                break
    if not objdump:
        wineenv.skip("no objdump for PE files (set WS2FIX_OBJDUMP)")

    text = objdump_p(objdump, exe)
    problems = check_header(text)
    imports = read_imports(text)
    if not imports.get("kernel32.dll"):
        # Every Windows program imports kernel32: if we saw none, the
        # objdump output was not understood and nothing was checked.
        wineenv.fail("no kernel32.dll imports found in %s: objdump output not understood" % exe)

    for dll, funcs in sorted(imports.items()):
        if dll not in XP_DLLS:
            problems.append("imports %s, which Windows XP does not ship (%s)"
                            % (dll, ", ".join(sorted(funcs))))
            continue
        banned = VISTA_PLUS.get(dll, set())
        for fn in sorted(funcs):
            if fn.startswith("#"):
                # By ordinal: meaningless across Windows versions except
                # for ws2_32's classic BSD calls, which mingw imports by name.
                problems.append("%s imported from %s by ordinal %s" % (fn, dll, fn[1:]))
            elif fn in banned:
                problems.append("%s!%s is not in Windows XP SP3 (load it with GetProcAddress)"
                                % (dll, fn))
            elif dll == "msvcrt.dll" and MSVCRT_SECURE.search(fn):
                problems.append("msvcrt.dll!%s is a secure-CRT function missing from XP's msvcrt"
                                % fn)

    total = sum(len(f) for f in imports.values())
    print("%s imports %d functions from %s" % (os.path.basename(exe), total,
                                               ", ".join(sorted(imports))))
    for dll, funcs in sorted(imports.items()):
        print("  %s: %s" % (dll, " ".join(sorted(funcs))))
    if problems:
        for p in problems:
            print("FAIL: " + p)
        sys.exit(1)
    print("PASS: every import exists on Windows XP SP3")


if __name__ == "__main__":
    main()

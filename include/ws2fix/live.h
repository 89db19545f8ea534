/* SPDX-License-Identifier: MIT */
/*
 * What only a running Windows offers around a repair: a System Restore
 * point, the system's own `netsh winsock reset`, WSCEnumProtocols to
 * confirm the result, WSCSetApplicationCategory to exclude one program
 * from LSPs.  Every call is loaded at run time (the exe imports nothing
 * missing from XP SP3).  On other builds each answers WS2FIX_ENOTBUILT.
 * Wine stubs most of these (facts.md); the CLI treats "not available" as
 * something to report, never as a failure of the repair.
 */
#ifndef WS2FIX_LIVE_H
#define WS2FIX_LIVE_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/**
 * Create a System Restore point with this description (SRSetRestorePointW
 * from srclient.dll).  Never turns System Restore on.
 * @return 0 created; WS2FIX_ENOTFOUND when System Restore is missing or
 *         turned off; WS2FIX_ENOTBUILT off Windows; another code on failure
 */
int ws2fix_live_restore_point(const char *description);

/** 1 when this process may write HKLM (an elevated administrator; always 1 off Windows, where nothing is live). */
int ws2fix_live_is_admin(void);

/**
 * Run `netsh winsock reset` (Windows XP SP2 and later) and wait for it.
 * @param[out] exit_code  netsh's exit code
 * @return 0 when netsh ran; WS2FIX_ENOTBUILT off Windows; an error when it could not start
 */
int ws2fix_live_netsh_winsock_reset(int *exit_code);

/**
 * Exclude one program from LSPs (WSCSetApplicationCategory; Windows 7 and
 * later).  It permits only LSP_SYSTEM (0x80000000): an LSP that declares no
 * category counts as category 0, which an empty permitted set would still
 * load, so "nothing permitted" would exclude nothing.  The real export's
 * YY.exe entry and the WSL/Proxifier workaround use the same value.
 * @return 0; WS2FIX_ENOTFOUND when the call does not exist (before 7);
 *         WS2FIX_ENOTBUILT off Windows; another code with the WSA error
 */
int ws2fix_live_exclude_app(const char *app_path, const char *app_args);

/**
 * Count the providers Winsock itself reports (WSCEnumProtocols for the
 * native catalog, WSCEnumProtocols32 for the 32-bit one on x64).
 * @return 0; WS2FIX_ENOTFOUND when a call is missing; WS2FIX_ENOTBUILT off Windows
 */
int ws2fix_live_count_providers(size_t *native_count, size_t *wow64_count);

#ifdef __cplusplus
}
#endif
#endif

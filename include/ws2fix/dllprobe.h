/* SPDX-License-Identifier: MIT */
/*
 * Provider DLL existence checks: the ws2fix_dll_probe implementations the
 * diagnosis uses (interface in ws2fix/diagnose.h).
 *
 * Three answers, never a guess: YES (a regular file is there), NO (it is
 * certainly not there), UNKNOWN (we cannot tell, e.g. an environment
 * variable we cannot expand, a path on another drive, a symlink).  Only NO
 * may become PROVIDER_DLL_MISSING; see docs/internals/DLL-CHECKS.md.
 *
 * Without a Windows root there is no probe: the caller passes
 * `probe = NULL` in ws2fix_diagnose_options, and every DLL is "unknown",
 * never "missing".  Deciding that (no --windows-root, no hive path of the
 * right shape) is the caller's job.
 */
#ifndef WS2FIX_DLLPROBE_H
#define WS2FIX_DLLPROBE_H

#include "ws2fix/catalog.h"
#include "ws2fix/diagnose.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * A probe for an offline Windows installation: @p windows_root is the
 * Windows directory of a mounted or copied disk (the one that holds
 * System32, e.g. "/mnt/disk/Windows"); its parent is taken as the root of
 * drive C:.
 *
 * Paths are resolved as Windows would, then looked up component by
 * component, case-insensitively, without ever leaving the disk:
 *  - %SystemRoot% and %windir% are the Windows directory; %SystemDrive% the
 *    drive root; %ProgramFiles% "Program Files" ("Program Files (x86)" for
 *    the 32-bit view on x64, as a 32-bit process expands it);
 *    %ProgramFiles(x86)%, %ProgramW6432%, %CommonProgramFiles%,
 *    %CommonProgramFiles(x86)%, %CommonProgramW6432%, %ProgramData% the
 *    usual folders.  If such a folder is missing the answer is UNKNOWN (a
 *    localised XP has "Programme"), not NO.  Other variables: UNKNOWN.
 *  - "C:\..." goes under the drive root; another drive letter, UNC paths,
 *    "\..." and relative paths with a directory are UNKNOWN.
 *  - A bare "x.dll" is looked up in System32, then the Windows directory
 *    (where LoadLibrary finds system DLLs).
 *  - For WS2FIX_VIEW_32 on an x64 Windows (the Windows directory has a
 *    SysWOW64), System32 means SysWOW64 and Sysnative means System32, as
 *    WOW64 file redirection does.
 *  - A ".." component, a symlink or junction anywhere below the roots, or
 *    an entry that is neither file nor directory: UNKNOWN.  A missing
 *    component: NO.  A directory where the DLL should be: NO.
 *
 * @param[out] out  free with ws2fix_dll_probe_free()
 * @return 0; WS2FIX_ENOTFOUND when @p windows_root does not exist or holds
 *         no System32; WS2FIX_EINVALID; WS2FIX_ENOMEM
 */
int ws2fix_dll_probe_offline_new(ws2fix_dll_probe **out, const char *windows_root);

/**
 * As ws2fix_dll_probe_offline_new(), for a Windows installed on drive
 * @p system_drive ('C'..'Z', any case; 0 means C), e.g. from the SystemRoot
 * value of the SOFTWARE hive.  Only absolute paths on that drive resolve.
 */
int ws2fix_dll_probe_offline_new_ex(ws2fix_dll_probe **out, const char *windows_root, char system_drive);

/**
 * Where an offline probe looks for @p path: the host path of the file it
 * found (YES), or of the first component that is missing (NO).
 * @param[out] where  caller frees; NULL for UNKNOWN (or when @p where is NULL)
 * @return the same answer as the probe's exists()
 */
ws2fix_exists ws2fix_dll_probe_offline_locate(char **where, const ws2fix_dll_probe *probe, const char *path,
	enum ws2fix_view view);

/**
 * A probe for the Windows ws2fix runs on: expands environment strings and
 * checks the file, handling WOW64 file redirection both ways (a 32-bit
 * ws2fix checks the 64-bit view with redirection off; a 64-bit ws2fix
 * checks the 32-bit view in SysWOW64).  Access denied: UNKNOWN.
 * @param[out] out  free with ws2fix_dll_probe_free()
 * @return 0, WS2FIX_ENOMEM, or WS2FIX_ENOTBUILT on a non-Windows build
 */
int ws2fix_dll_probe_live_new(ws2fix_dll_probe **out);

/**
 * Free a probe made by one of the constructors above (not a caller's own
 * ws2fix_dll_probe).  NULL is accepted.
 */
void ws2fix_dll_probe_free(ws2fix_dll_probe *probe);

/** What a folder taken for a Windows directory holds (ws2fix_windows_dir_check). */
typedef struct ws2fix_windows_dir_facts {
	int is_windows;       /**< System32 holds ntdll.dll, ws2_32.dll and mswsock.dll (any case) */
	const char *missing;  /**< the first of System32, ntdll.dll, ws2_32.dll, mswsock.dll not
				   there (static), or NULL */
	int has_syswow64;     /**< a SysWOW64 folder: a 64-bit Windows (x64 or arm64) */
} ws2fix_windows_dir_facts;

/**
 * Check that @p windows_root holds a Windows before its files are taken as
 * evidence: a hive kept at DIR/System32/config/SYSTEM without the Windows
 * beside it (a KAPE or Velociraptor collection, a copied config folder)
 * would otherwise make every provider DLL "missing".
 * @return 0 (see out->is_windows); WS2FIX_ENOTFOUND when the folder does not
 *         exist, WS2FIX_EINVALID when it is not a folder, or the error of
 *         listing it
 */
int ws2fix_windows_dir_check(ws2fix_windows_dir_facts *out, const char *windows_root);

/** Whether a session checks files in a Windows folder, and why (or why not). */
typedef enum ws2fix_windows_dir_use {
	WS2FIX_WINDIR_NONE = 0,     /**< no folder named and none beside the source */
	WS2FIX_WINDIR_USED,         /**< a folder that holds a Windows: DLLs are checked there */
	WS2FIX_WINDIR_NOT_WINDOWS,  /**< named or taken from the hive's path, but it holds no
				         Windows (a triage copy of config\\SYSTEM): DLLs unknown */
	WS2FIX_WINDIR_OTHER_ARCH,   /**< a Windows of another architecture than the source
				         shows: not this machine's files, DLLs unknown */
	WS2FIX_WINDIR_OFF,          /**< no_file_checks: DLLs unknown */
	WS2FIX_WINDIR_LIVE          /**< the running Windows' own files */
} ws2fix_windows_dir_use;

typedef struct ws2fix_windows_dir {
	ws2fix_windows_dir_use use;
	const char *path;     /**< the folder considered, or NULL */
	int from_hive_path;   /**< 1: taken from the hive's path (DIR/System32/config/SYSTEM),
				   0: given (--windows-root) */
	const char *missing;  /**< NOT_WINDOWS: the first of System32, ntdll.dll, ws2_32.dll,
				   mswsock.dll it lacks */
	int has_syswow64;     /**< USED, OTHER_ARCH: the folder has SysWOW64 (a 64-bit Windows) */
} ws2fix_windows_dir;

/**
 * The Windows directory of an offline hive path of the shape
 * DIR/System32/config/SYSTEM (names in any case; '/' separators, and '\'
 * too on Windows): DIR.
 * @param[out] out  caller frees
 * @return 0, WS2FIX_ENOTFOUND when the path has another shape, WS2FIX_ENOMEM
 */
int ws2fix_windows_root_from_hive(char **out, const char *hive_path);

#ifdef __cplusplus
}
#endif
#endif

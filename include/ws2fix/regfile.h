/* SPDX-License-Identifier: MIT */
/*
 * Writing .reg files: the backup format of ws2fix.
 *
 * The output is what regedit's File > Export writes, so that Windows'
 * own `reg import` and regedit restore it without ws2fix: UTF-16LE with a
 * BOM, CRLF line ends, the "Windows Registry Editor Version 5.00" header,
 * one [HKEY_LOCAL_MACHINE\SYSTEM\...] section per key (parent before
 * children, subkeys and values in the order the source keeps them), hex
 * data wrapped at 80 columns as regedit wraps it.
 *
 * Every value comes back byte for byte when the file is imported: REG_SZ
 * data is written as a "quoted string" only when it is exactly a UTF-16
 * string with one terminating NUL (and no line break); anything else (no
 * terminator, odd length, embedded NULs) is written as hex(1):, as are all
 * non-string types as hex(N):.  DWORDs of exactly four bytes are dword:.
 *
 * Export works on any source (hive, .reg, live), through the public
 * ws2fix_registry_* calls only.
 */
#ifndef WS2FIX_REGFILE_H
#define WS2FIX_REGFILE_H

#include <stddef.h>

#include "ws2fix/registry.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * Export keys, each with everything below it, to a .reg file in memory.
 *
 * @param[out] out      the file's bytes (UTF-16LE with BOM); caller frees
 *                      with free().  Set to NULL on failure.
 * @param[out] out_len  its size in bytes
 * @param reg    the source
 * @param paths  key paths relative to the SYSTEM root, as the other
 *               ws2fix_registry_* calls take them ("ControlSet001\\Services\\WinSock2";
 *               "" is the whole SYSTEM root).  Keys that do not exist are
 *               skipped, not an error (a backup of "what repair may touch"
 *               lists keys that are often absent).  A path below another
 *               listed path is written once.
 * @param npaths number of @p paths (0 gives a file with only the header)
 * @return 0, WS2FIX_EINVALID (a key or value name holds a line break,
 *         which no .reg file can carry) or an error code from the source
 */
int ws2fix_regfile_export_buf(unsigned char **out, size_t *out_len, ws2fix_registry *reg,
	const char *const *paths, size_t npaths);

/**
 * As ws2fix_regfile_export_buf, written to @p out_path atomically: a
 * temporary file beside it, flushed, then renamed over it, so an existing
 * file is either replaced whole or left untouched.
 * @return 0, WS2FIX_EINVALID or an error code (the message names the file)
 */
int ws2fix_regfile_export(ws2fix_registry *reg, const char *const *paths, size_t npaths,
	const char *out_path);

#ifdef __cplusplus
}
#endif
#endif

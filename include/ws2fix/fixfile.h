/* SPDX-License-Identifier: MIT */
/*
 * The fix file: what a helper sends to the person whose network is broken.
 * A .reg for `reg import` on that one machine, with a comment header that
 * says what it is, what made it, from which export, what it changes
 * provider by provider, that it is for that machine only, how to back up
 * first, apply, restart and undo; and a double-clickable .cmd beside it
 * that checks it runs as administrator, exports a backup, compares the
 * catalog's Serial_Access_Num with the export's and stops when the catalog
 * changed since, imports the .reg and tells to restart.
 *
 * The catalogs the plan changes are rewritten whole (deleted, then every
 * entry, the counters and Next_Catalog_Entry_ID written), so importing the
 * .reg onto a catalog that changed after the export (a reset since, a
 * program reinstalled) still leaves the repaired catalog.
 */
#ifndef WS2FIX_FIXFILE_H
#define WS2FIX_FIXFILE_H

#include <stddef.h>
#include <stdint.h>
#include "ws2fix/i18n.h"

#ifdef __cplusplus
extern "C" {
#endif

/** What the header and the .cmd say (filled by the session). */
typedef struct ws2fix_fix_file_info {
	ws2fix_lang lang;
	const char *tool_version;  /**< "1.2.0 (g1234abc)": the front end's version */
	const char *source_name;   /**< the export's (or hive's) file name, or "the live registry" */
	const char *os_name;       /**< "Windows 10 x64", or NULL when unknown */
	int has_serial;
	uint32_t serial;           /**< the source's Protocol_Catalog9\Serial_Access_Num */
	const char *controlset;    /**< the control set the keys are written under ("CurrentControlSet") */
	const char *exported_from; /**< an export's own root\control set, or NULL */
	const char *reg_name;      /**< the .reg's file name, for the .cmd to import */
	const char *cmd_name;      /**< the .cmd's file name, for the header */
} ws2fix_fix_file_info;

/** A fix file in memory. */
typedef struct ws2fix_fix_file {
	unsigned char *reg;        /**< UTF-16LE with a BOM, as regedit writes */
	size_t reg_len;
	char *cmd;                 /**< the .cmd: CRLF lines in the OEM code page of its language */
	size_t cmd_len;
} ws2fix_fix_file;

void ws2fix_fix_file_clear(ws2fix_fix_file *f);

/** 1 when @p reg_path names a file ending in .reg (any case): what a
 *  double-click imports.  A fix file is refused under any other name. */
int ws2fix_fix_file_name_ok(const char *reg_path);

/** "NAME.cmd" for "NAME.reg" (any case), else "PATH.cmd".  Caller frees. */
char *ws2fix_fix_file_cmd_path(const char *reg_path);

#ifdef __cplusplus
}
#endif
#endif

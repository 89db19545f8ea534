/* SPDX-License-Identifier: MIT */
/*
 * The .reg format, both ways (library internal; src/lib/regformat/): the
 * parser that fills a ws2fix_regtree, and the writer primitives shared by
 * the public export (regfile_write.c), the backup, the fix file and the
 * .reg backend's commit.  What an export means to a source (its control
 * set, a refusal of the wrong key) is src/lib/sources/regfile_source.h.
 */
#ifndef WS2FIX_REGFORMAT_H
#define WS2FIX_REGFORMAT_H

#include <stddef.h>
#include <stdint.h>

#include "regtree.h"
#include "ws2fix/registry.h"
#include "../../util/buf.h"
#include "ws2fix/i18n.h"

/** Largest .reg file we read: a WinSock2 export is a few hundred KiB. */
#define WS2FIX_REGFILE_MAX_SIZE ((size_t)64 << 20)

/** What a parse saw besides the keys it stored. */
typedef struct ws2fix__regfile_info {
	int version;      /**< 5 ("Windows Registry Editor Version 5.00") or 4 (REGEDIT4) */
	int utf16;        /**< the file was UTF-16LE */
	int foreign_keys; /**< it had keys outside its root (skipped) */
	/** The key under HKEY_LOCAL_MACHINE the export's keys were read from,
	 *  as the file spells it: "SYSTEM", or the name a hive was loaded
	 *  under in regedit ("OFFLINE"). */
	char root[256];
} ws2fix__regfile_info;

/**
 * Parse a .reg file held in memory and apply it to @p t, as an import
 * would: keys are created, [-Key] and "Value"=- delete.  Only keys under
 * one root are kept, stored relative to it: HKEY_LOCAL_MACHINE\SYSTEM when
 * the file has it, else the first HKEY_LOCAL_MACHINE\<name> with a control
 * set, Select or Services right under it (a hive loaded in regedit under
 * that name); info->root names it.
 * @param name  what error messages call the file ("garbage.reg:3: ...")
 * @param[out] info  may be NULL
 * @return 0, WS2FIX_ECORRUPT (not a .reg file, syntax error, a cap
 *         exceeded: the message names file and line) or WS2FIX_ENOMEM.
 *         On error @p t holds whatever was applied before the bad line.
 */
int ws2fix__regfile_parse(ws2fix_regtree *t, const unsigned char *data, size_t len,
	const char *name, ws2fix__regfile_info *info);

/**
 * The root ws2fix__regfile_parse() keeps, from the key lines of the decoded
 * text (src/lib/regformat/regfile_root.c): "SYSTEM" when the file has
 * HKEY_LOCAL_MACHINE\SYSTEM or no better candidate.
 */
void ws2fix__regfile_choose_root(const char *text, size_t len, char *root, size_t rootsz);

/**
 * Read and parse a file (at most WS2FIX_REGFILE_MAX_SIZE bytes).
 * @param[out] out  free with ws2fix__regtree_free()
 * @return 0, WS2FIX_ENOTFOUND (no such file), WS2FIX_ECORRUPT or an error code
 */
int ws2fix__regfile_load(ws2fix_regtree **out, ws2fix__regfile_info *info, const char *path);

/*
 * Writer primitives.  They append UTF-8 text with CRLF line ends to a
 * buffer (out-of-memory is sticky in ws2fix_buf, checked once at the end);
 * ws2fix__regfile_finish turns it into what regedit writes: UTF-16LE with a
 * BOM.
 */

/** ws2fix_regfile_export_buf / ws2fix_regfile_export with @p comment
 *  (UTF-8 lines, may be NULL) as "; " lines after the header. */
int ws2fix__regfile_export_buf_with(unsigned char **out, size_t *out_len, ws2fix_registry *reg,
	const char *const *paths, size_t npaths, const char *comment);
int ws2fix__regfile_export_with(ws2fix_registry *reg, const char *const *paths, size_t npaths,
	const char *out_path, const char *comment);

/** "Windows Registry Editor Version 5.00", blank line. */
void ws2fix__regfile_put_header(ws2fix_buf *b);

/**
 * "[HKEY_LOCAL_MACHINE\SYSTEM\<path>]" ("" is the SYSTEM root itself).
 * @return 0, or WS2FIX_EINVALID when a name holds a line break (no .reg
 *         file can carry it, and a backup must not silently lose it)
 */
int ws2fix__regfile_put_key(ws2fix_buf *b, const char *path);

/** As ws2fix__regfile_put_key, under HKEY_LOCAL_MACHINE\<root> (NULL or ""
 *  is SYSTEM): an export's own root, when it is written back. */
int ws2fix__regfile_put_key_under(ws2fix_buf *b, const char *root, const char *path);

/** "[-HKEY_LOCAL_MACHINE\SYSTEM\<path>]": regedit deletes the key and
 *  everything below it.  As above. */
int ws2fix__regfile_put_key_delete(ws2fix_buf *b, const char *path);

/** "\"name\"=-": regedit deletes the value (@=- for the default value). */
int ws2fix__regfile_put_value_delete(ws2fix_buf *b, const char *name);

/** One value line (with continuation lines for hex data).  As above. */
int ws2fix__regfile_put_value(ws2fix_buf *b, const char *name, uint32_t type,
	const unsigned char *data, size_t len);

/**
 * The key @p k (a tree's, at @p path below HKEY_LOCAL_MACHINE\SYSTEM) with
 * its values, then every key below it, as regedit writes them.
 * @return 0, WS2FIX_EINVALID (a name with a line break) or WS2FIX_ENOMEM
 */
int ws2fix__regfile_put_subtree(ws2fix_buf *b, const ws2fix_regtree_key *k, const char *path);

/**
 * Convert the text to UTF-16LE with a BOM.  The buffer is freed.
 * @param[out] out  caller frees
 * @return 0 or WS2FIX_ENOMEM
 */
int ws2fix__regfile_finish(unsigned char **out, size_t *out_len, ws2fix_buf *b);

/**
 * Write a whole tree as a .reg file, as the backend's commit does.  Keys
 * appear parent first, in stored order; a key gets its own line when a
 * file or API call named it, when it has values, or when it has no
 * subkeys (so parsing the output gives back exactly this tree).  Keys are
 * under HKEY_LOCAL_MACHINE\<root> (NULL: SYSTEM).
 * @param[out] out  UTF-16LE with BOM; caller frees
 * @return 0, WS2FIX_EINVALID (a name with a line break) or WS2FIX_ENOMEM
 */
int ws2fix__regfile_write_tree(unsigned char **out, size_t *out_len, ws2fix_regtree *t, const char *root);

#endif

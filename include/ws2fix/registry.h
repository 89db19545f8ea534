/* SPDX-License-Identifier: MIT */
/*
 * The registry as ws2fix sees it: one interface over three sources
 * (an offline SYSTEM hive, a .reg export, the live Windows registry).
 *
 * Paths are UTF-8, separated by backslashes, relative to the root of the
 * SYSTEM hive ("Select", "ControlSet001\\Services\\WinSock2\\Parameters").
 * Key and value names compare case-insensitively (ASCII), as Windows does.
 * ws2fix_registry_controlset() names the control set to read; callers build
 * paths from it ("ControlSet001", or "CurrentControlSet" live).
 */
#ifndef WS2FIX_REGISTRY_H
#define WS2FIX_REGISTRY_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Registry value types, numbered as in winnt.h. */
enum ws2fix_regtype {
	WS2FIX_REG_NONE = 0,
	WS2FIX_REG_SZ = 1,
	WS2FIX_REG_EXPAND_SZ = 2,
	WS2FIX_REG_BINARY = 3,
	WS2FIX_REG_DWORD = 4,
	WS2FIX_REG_DWORD_BIG_ENDIAN = 5,
	WS2FIX_REG_LINK = 6,
	WS2FIX_REG_MULTI_SZ = 7,
	WS2FIX_REG_RESOURCE_LIST = 8,
	WS2FIX_REG_QWORD = 11
};

/**
 * A raw registry value: the type and the bytes exactly as stored (strings
 * are UTF-16LE with their terminator, as Windows keeps them).  The backend
 * never interprets them; helpers below do.
 */
typedef struct ws2fix_regvalue {
	uint32_t type;
	unsigned char *data; /**< owned; may be NULL when len == 0 */
	size_t len;
} ws2fix_regvalue;

/** Free the bytes of a value (not the struct itself).  Accepts NULL. */
void ws2fix_regvalue_clear(ws2fix_regvalue *v);

/**
 * Decode a REG_SZ / REG_EXPAND_SZ (or REG_LINK) value to UTF-8, stopping at
 * the first NUL.  Odd trailing bytes are ignored.
 * @param[out] out  caller frees with free()
 * @return 0, WS2FIX_ECORRUPT (not a string type) or WS2FIX_ENOMEM
 */
int ws2fix_regvalue_string(char **out, const ws2fix_regvalue *v);

/**
 * Decode a REG_DWORD (4 bytes, little-endian) value.
 * @return 0 or WS2FIX_ECORRUPT (wrong type or size)
 */
int ws2fix_regvalue_dword(uint32_t *out, const ws2fix_regvalue *v);

/** A list of names, in the order the source keeps them. */
typedef struct ws2fix_strlist {
	char **items;
	size_t count;
} ws2fix_strlist;

/** Free the names of a list (not the struct itself).  Accepts NULL. */
void ws2fix_strlist_clear(ws2fix_strlist *list);

typedef struct ws2fix_registry ws2fix_registry;

/** Options for opening a source.  Initialise with WS2FIX_OPEN_OPTIONS_INIT. */
typedef struct ws2fix_open_options {
	unsigned int version;
	int writable;   /**< open for writing (hive: edits stay in memory until commit) */
	int controlset; /**< 0: from Select\Current (hive) or the file (.reg); N: ControlSet00N */
} ws2fix_open_options;

#define WS2FIX_OPEN_OPTIONS_VERSION 1
#define WS2FIX_OPEN_OPTIONS_INIT {WS2FIX_OPEN_OPTIONS_VERSION, 0, 0}

/**
 * Open an offline SYSTEM hive through hivex.
 * @param[out] out  free with ws2fix_registry_free()
 * @return 0, WS2FIX_ENOTFOUND (no such file, or no such control set),
 *         WS2FIX_ECORRUPT (not a hive), WS2FIX_ENOTBUILT (built without hivex)
 */
int ws2fix_registry_open_hive(ws2fix_registry **out, const char *path,
	const ws2fix_open_options *opts);

/**
 * Open a .reg export (REGEDIT4 or version 5.00; UTF-16LE with BOM or UTF-8/ANSI).
 * The keys may be under HKEY_LOCAL_MACHINE\SYSTEM\CurrentControlSet or
 * ...\ControlSet00N; the control set is the one the file uses.
 * @return 0, WS2FIX_ENOTFOUND, WS2FIX_ECORRUPT (not a .reg file / syntax error)
 */
int ws2fix_registry_open_regfile(ws2fix_registry **out, const char *path,
	const ws2fix_open_options *opts);

/**
 * Open the live registry of this Windows machine (HKLM\SYSTEM, 64-bit view).
 * @return 0, WS2FIX_EACCESS, WS2FIX_ENOTBUILT (not a Windows build)
 */
int ws2fix_registry_open_live(ws2fix_registry **out, const ws2fix_open_options *opts);

/** Close a registry; uncommitted edits are discarded.  Accepts NULL. */
void ws2fix_registry_free(ws2fix_registry *reg);

/** "hive", "reg" or "live". */
const char *ws2fix_registry_kind(const ws2fix_registry *reg);

/** The path the source was opened from ("" for live).  Borrowed. */
const char *ws2fix_registry_path(const ws2fix_registry *reg);

/**
 * The control-set key to read: "ControlSet001" etc., or "CurrentControlSet"
 * (live, or a .reg export of CurrentControlSet).  Borrowed.
 */
const char *ws2fix_registry_controlset(const ws2fix_registry *reg);

/** The control set number (1..999), or 0 when it is only "CurrentControlSet". */
int ws2fix_registry_controlset_number(const ws2fix_registry *reg);

/** @return 1 if the key exists, 0 if not, or a negative error code */
int ws2fix_registry_key_exists(ws2fix_registry *reg, const char *path);

/**
 * Names of the subkeys of a key, in stored order.
 * @param[out] out  free with ws2fix_strlist_clear()
 * @return 0, WS2FIX_ENOTFOUND or an error code
 */
int ws2fix_registry_subkeys(ws2fix_strlist *out, ws2fix_registry *reg, const char *path);

/** Names of the values of a key ("" is the default value).  As above. */
int ws2fix_registry_values(ws2fix_strlist *out, ws2fix_registry *reg, const char *path);

/**
 * Read one value.
 * @param[out] out  free with ws2fix_regvalue_clear()
 * @return 0, WS2FIX_ENOTFOUND (key or value absent) or an error code
 */
int ws2fix_registry_get_value(ws2fix_regvalue *out, ws2fix_registry *reg,
	const char *path, const char *name);

/** Set a value, creating the key (and its parents) when needed. */
int ws2fix_registry_set_value(ws2fix_registry *reg, const char *path, const char *name,
	uint32_t type, const void *data, size_t len);

/** Delete one value.  @return 0 or WS2FIX_ENOTFOUND or an error code */
int ws2fix_registry_delete_value(ws2fix_registry *reg, const char *path, const char *name);

/** Create a key and its parents; 0 if it already exists. */
int ws2fix_registry_create_key(ws2fix_registry *reg, const char *path);

/** Delete a key with everything below it.  @return 0 or WS2FIX_ENOTFOUND */
int ws2fix_registry_delete_tree(ws2fix_registry *reg, const char *path);

/**
 * Make the edits durable.  Hive: write a new file beside the original,
 * fsync, keep the original as @p backup_path (when not NULL), rename into
 * place.  Live: edits are already written.  .reg: rewrite the file.
 */
int ws2fix_registry_commit(ws2fix_registry *reg, const char *backup_path);

/**
 * Offline hives only: 1 when the header's two sequence numbers differ
 * (unreplayed transaction logs), 0 when clean or not applicable.
 */
int ws2fix_registry_is_dirty(const ws2fix_registry *reg);

#ifdef __cplusplus
}
#endif
#endif

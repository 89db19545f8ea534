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
#include "ws2fix/i18n.h"

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

/**
 * Decode a REG_MULTI_SZ value to its strings in UTF-8, in order; empty
 * strings (the list's terminator, or damage) are left out.  The one
 * decoder of MULTI_SZ values (Transports, Linkage\Bind ...).
 * @param[out] out  free with ws2fix_strlist_clear()
 * @return 0, WS2FIX_ECORRUPT (not REG_MULTI_SZ) or WS2FIX_ENOMEM
 */
int ws2fix_regvalue_multi_sz(ws2fix_strlist *out, const ws2fix_regvalue *v);

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

/** "hive", "reg" or "live": a name to show people and to put in JSON.
 *  Code asks ws2fix_registry_has() what a source can do, never its name. */
const char *ws2fix_registry_kind(const ws2fix_registry *reg);

/** What a source can do or is: capability bits, declared by each backend. */
enum {
	WS2FIX_CAP_WRITE = 1u << 0,     /**< it can be written */
	WS2FIX_CAP_ATOMIC = 1u << 1,    /**< edits are invisible until commit */
	WS2FIX_CAP_DIRTY = 1u << 2,     /**< it can tell a dirty (unreplayed log) source */
	WS2FIX_CAP_LIVE = 1u << 3,      /**< the running system's registry: rights,
	                                     restore points, netsh and WSC calls apply */
	WS2FIX_CAP_HIVE_FILE = 1u << 4, /**< an offline hive file: the files beside it
	                                     (SOFTWARE, the Windows folder) are the same system's */
	WS2FIX_CAP_EXPORT = 1u << 5     /**< holds only the keys someone exported: a key
	                                     outside them is not exported, not missing */
};

/** 1 when the source has every capability in @p caps. */
int ws2fix_registry_has(const ws2fix_registry *reg, unsigned int caps);

/**
 * Open the same source again, read-only and with the same control set, to
 * read what is now stored rather than an edited copy in memory.
 */
int ws2fix_registry_reopen(ws2fix_registry **out, const ws2fix_registry *reg);

/** The path the source was opened from ("" for live).  Borrowed. */
const char *ws2fix_registry_path(const ws2fix_registry *reg);

/**
 * The control-set key to read and write: "ControlSet001" etc., or
 * "CurrentControlSet" (live, and every .reg export unless a control set
 * was asked for by number: an export's own control set is reached through
 * it, so plans and fix files name the path the running machine has).
 * Borrowed.
 */
const char *ws2fix_registry_controlset(const ws2fix_registry *reg);

/** The control set number (1..999), or 0 when it is only "CurrentControlSet".
 *  For an export, the number of the ControlSetNNN the file holds. */
int ws2fix_registry_controlset_number(const ws2fix_registry *reg);

/**
 * The control-set key as the source itself names it: for an export read
 * through CurrentControlSet, its own "ControlSet002" (or CurrentControlSet);
 * otherwise ws2fix_registry_controlset().  What reports show.  Borrowed.
 */
const char *ws2fix_registry_source_controlset(const ws2fix_registry *reg);

/**
 * Where a .reg export was made: the key under HKEY_LOCAL_MACHINE its keys
 * sit under, as the file spells it ("HKEY_LOCAL_MACHINE\SYSTEM", or
 * "HKEY_LOCAL_MACHINE\OFFLINE" for a hive loaded in regedit).  NULL for
 * other sources.  Borrowed.
 */
const char *ws2fix_registry_export_root(const ws2fix_registry *reg);

/**
 * The control-set key under ws2fix_registry_export_root() that the catalog
 * was read from: "ControlSet002", "CurrentControlSet", or "" when Services
 * sits right under that root.  NULL for other sources.  Borrowed.
 */
const char *ws2fix_registry_export_controlset(const ws2fix_registry *reg);

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
 * Offline hives only: 1 when the hive is dirty (its header's sequence
 * numbers differ or its checksum is wrong) and its transaction logs could
 * not be replayed, so what is read may be stale; 0 when clean, when the
 * logs were replayed (see ws2fix_registry_hive_recovery), or not applicable.
 */
int ws2fix_registry_is_dirty(const ws2fix_registry *reg);

/** Why a transaction log was not used, or where its replay stopped. */
typedef enum ws2fix_hivelog_problem {
	WS2FIX_HLP_NONE = 0,
	WS2FIX_HLP_NO_LOGS,          /**< no NAME.LOG, NAME.LOG1 or NAME.LOG2 beside the hive */
	WS2FIX_HLP_UNREADABLE,       /**< the log exists but cannot be read */
	WS2FIX_HLP_TOO_SMALL,        /**< shorter than a base block and one entry */
	WS2FIX_HLP_SIGNATURE,        /**< no 'regf' signature */
	WS2FIX_HLP_CHECKSUM,         /**< base block checksum wrong (a = stored, b = computed) */
	WS2FIX_HLP_FILE_TYPE,        /**< file type is not a log's (a = type) */
	WS2FIX_HLP_FORMAT,           /**< version, format, clustering factor or size unsupported */
	WS2FIX_HLP_LOG_DIRTY,        /**< the log's own sequence numbers differ (a, b) */
	WS2FIX_HLP_OTHER_HIVE,       /**< the log's base block names another hive */
	WS2FIX_HLP_STALE,            /**< older than the hive (a = log sequence, b = hive sequence) */
	WS2FIX_HLP_OLD_TIMESTAMP,    /**< old format: timestamp is not the hive's */
	WS2FIX_HLP_DIRTY_VECTOR,     /**< old format: no 'DIRT' vector, or it runs past the file */
	WS2FIX_HLP_PAGES_TRUNCATED,  /**< old format: dirty pages missing at the end */
	WS2FIX_HLP_BAD_BIN,          /**< old format: a dirty hive bin is invalid after replay (offset) */
	WS2FIX_HLP_NO_ENTRY,         /**< new format: no log entry at all */
	WS2FIX_HLP_ENTRY_TRUNCATED,  /**< entry size invalid or past the end of the file (offset) */
	WS2FIX_HLP_ENTRY_HASH,       /**< entry Hash-1 or Hash-2 wrong (offset) */
	WS2FIX_HLP_ENTRY_SEQUENCE,   /**< entry sequence number not the next one (a = found, b = expected) */
	WS2FIX_HLP_ENTRY_HBINS_SIZE, /**< entry hive bins data size invalid (a) */
	WS2FIX_HLP_ENTRY_PAGES,      /**< dirty page count or references do not fit the entry */
	WS2FIX_HLP_ENTRY_OUTSIDE,    /**< a dirty page lies outside the hive bins data (a = page offset) */
	WS2FIX_HLP_NOT_CONTINUING,   /**< the second log does not continue the first (a = its sequence, b = expected) */
	WS2FIX_HLP_TOO_LARGE,        /**< a size beyond what ws2fix accepts (a) */
	WS2FIX_HLP_COUNT
} ws2fix_hivelog_problem;

/** Which log a note is about: NAME.LOG, NAME.LOG1, NAME.LOG2, or none. */
enum { WS2FIX_HIVELOG_LOG = 0, WS2FIX_HIVELOG_LOG1 = 1, WS2FIX_HIVELOG_LOG2 = 2, WS2FIX_HIVELOG_NONE = -1 };

typedef struct ws2fix_hivelog_note {
	int log;                        /**< WS2FIX_HIVELOG_* */
	ws2fix_hivelog_problem problem;
	int stopped;                    /**< 1: replay of this log stopped here after earlier entries */
	unsigned long long offset;      /**< file offset in the log, where it applies */
	uint32_t a, b;                  /**< numbers, per problem */
} ws2fix_hivelog_note;

#define WS2FIX_HIVELOG_MAX_NOTES 6

/** What reading an offline hive did with its transaction logs. */
typedef struct ws2fix_hive_recovery {
	int dirty;                /**< the primary file's base block said dirty */
	int recovered;            /**< logs were replayed into the copy that is read */
	int base_block_from_log;  /**< the hive's own base block was invalid */
	int old_format;           /**< 1: dirty vector format; 0: log entries (Windows 8.1+) */
	int used[2];              /**< the logs applied, in order (WS2FIX_HIVELOG_*), or NONE */
	uint32_t entries;         /**< log entries applied (old format: 512-byte dirty pages) */
	uint32_t first_seq, last_seq; /**< sequence range applied */
	uint32_t hive_seq1, hive_seq2; /**< the primary file's own sequence numbers */
	const char *log_names[3]; /**< names of NAME.LOG/.LOG1/.LOG2 as found, or NULL */
	size_t note_count;
	ws2fix_hivelog_note notes[WS2FIX_HIVELOG_MAX_NOTES];
} ws2fix_hive_recovery;

/**
 * Offline hives only: what was done with the transaction logs, or NULL for
 * other sources.  Borrowed from the registry.
 */
const ws2fix_hive_recovery *ws2fix_registry_hive_recovery(const ws2fix_registry *reg);

/**
 * In words, in @p lang: what was replayed (when @p rec->recovered), or why
 * each log was not used and where a replay stopped ("SYSTEM.LOG2: the log
 * entry at offset 0x3000 has a wrong hash; ...").
 * @param[out] out  caller frees; "" when there is nothing to say
 * @return 0 or WS2FIX_ENOMEM
 */
int ws2fix_hive_recovery_text(char **out, const ws2fix_hive_recovery *rec, int replayed, ws2fix_lang lang);

#ifdef __cplusplus
}
#endif
#endif

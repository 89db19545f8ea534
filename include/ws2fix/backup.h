/* SPDX-License-Identifier: MIT */
/*
 * Backups of everything a repair may touch, and putting them back.
 *
 * A backup is a regedit-format .reg file (UTF-16LE with a BOM, CRLF,
 * "Windows Registry Editor Version 5.00"; see regfile.h), so that Windows'
 * own `reg import` or a double-click in Explorer restores it on a machine
 * where ws2fix cannot run.  ws2fix_restore puts one back exactly: every key
 * the file covers is deleted and re-created from the file, byte for byte.
 *
 * Key paths are relative to the SYSTEM root, as in registry.h.  None of
 * these functions print; errors come with a message (ws2fix_error_last()).
 */
#ifndef WS2FIX_BACKUP_H
#define WS2FIX_BACKUP_H

#include "ws2fix/registry.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * The keys a repair may touch, that exist in @p reg, each with everything
 * below it: `<cs>\Services\WinSock2`, `<cs>\Services\Winsock`, and
 * `<cs>\Services\<T>\Parameters\Winsock` for every transport T that
 * `Winsock\Parameters\Transports` lists (<cs> is
 * ws2fix_registry_controlset(reg)).  With @p with_win2000_extras also the
 * keys the Windows 2000 repair instructions tell people to write down
 * first: `LanManServer\Linkage`, `LanManWorkstation\Linkage` and
 * `Tcpip\Parameters`.  Names are spelled as the source stores them; no key
 * is listed below another listed key.
 * @param[out] out  free with ws2fix_strlist_clear()
 * @return 0 or an error code from the source
 */
int ws2fix_backup_keys(ws2fix_strlist *out, ws2fix_registry *reg, int with_win2000_extras);

/**
 * Write the keys of ws2fix_backup_keys() to @p path as a .reg file,
 * atomically: an existing file is replaced whole or left as it was, and
 * no partial file is ever left behind.
 * @return 0, WS2FIX_EINVALID (a name no .reg file can carry) or an error
 *         code (the message names the file)
 */
int ws2fix_backup_write(ws2fix_registry *reg, const char *path, int with_win2000_extras);

/**
 * As ws2fix_backup_write, and also the keys of @p also (may be NULL):
 * before a restore, the keys that the restore will replace, so that the
 * backup of the current state covers everything the restore changes.
 * @param[out] written  the keys written (may be NULL; free with
 *                      ws2fix_strlist_clear())
 */
int ws2fix_backup_write_with(ws2fix_registry *reg, const char *path, int with_win2000_extras,
	const ws2fix_strlist *also, ws2fix_strlist *written);

/**
 * The keys of @p reg that restoring @p backup_path would replace, without
 * changing anything: the backup's top keys (those with no `[...]` line for
 * any parent key in the file), moved from the backup's control set
 * (CurrentControlSet or ControlSet00N) to ws2fix_registry_controlset(reg).
 * @param[out] out  free with ws2fix_strlist_clear()
 * @return 0, WS2FIX_EINVALID (the backup holds no keys, keys outside
 *         `<cs>\Services\<name>`, or keys outside HKEY_LOCAL_MACHINE\SYSTEM),
 *         WS2FIX_ENOTFOUND (no such file), WS2FIX_ECORRUPT (not a .reg file)
 */
int ws2fix_restore_plan(ws2fix_strlist *out, ws2fix_registry *reg, const char *backup_path);

/**
 * Put a backup back: for each key of ws2fix_restore_plan(), delete it in
 * @p reg when present, then create every key and value below it in the
 * backup, in file order, with exactly the backup's types and bytes.
 * Nothing outside those keys is changed.  @p reg must be open writable;
 * the caller commits (ws2fix_registry_commit).  On failure the edits made
 * so far stay in @p reg (a hive or .reg source is unchanged on disk until
 * commit; a live registry is not: restore the backup of the current state).
 * @param[out] restored_out  the keys replaced (may be NULL; free with
 *                           ws2fix_strlist_clear())
 * @return 0, the errors of ws2fix_restore_plan, WS2FIX_EREADONLY or an
 *         error code from the source
 */
int ws2fix_restore(ws2fix_registry *reg, const char *backup_path, ws2fix_strlist *restored_out);

/**
 * Check that every key the backup covers is in @p reg exactly as in the
 * backup: the same subkeys, and the same values with the same types and
 * bytes (names compared case-insensitively, as Windows does; order is not
 * compared, since a hive keeps subkeys sorted).
 * @param[out] difference  NULL when identical, else the first difference
 *                         found, in English (caller frees with free())
 * @return 0 (identical or not: see @p difference), or the errors of
 *         ws2fix_restore_plan or of the source
 */
int ws2fix_restore_verify(ws2fix_registry *reg, const char *backup_path, char **difference);

/**
 * A backup file name that does not exist yet: <dir>ws2fix-backup-<UTC
 * stamp>.reg, with -2, -3 ... when that is taken.  @p dir (its first
 * @p dir_len bytes, ending in a separator) may be NULL for the current
 * directory.
 * @return the path (caller frees with free()), or NULL
 */
char *ws2fix_backup_fresh_path(const char *dir, size_t dir_len);

/**
 * Where an offline file's original goes when a repair or restore writes
 * it: "<path>.ws2fix-<UTC stamp>.bak", with -N before ".bak" when that
 * exists (two writes in one second must not lose the first original).
 * @return the path (caller frees with free()), or NULL
 */
char *ws2fix_backup_kept_path(const char *path);

#ifdef __cplusplus
}
#endif
#endif

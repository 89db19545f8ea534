/* SPDX-License-Identifier: MIT */
/* What a backup was taken from, written in its header and checked before a
 * restore (library internal; backup_origin.c). */
#ifndef WS2FIX_BACKUP_ORIGIN_H
#define WS2FIX_BACKUP_ORIGIN_H

#include "ws2fix/i18n.h"
#include "ws2fix/registry.h"

/** The header lines of a backup of @p reg (without "; "): the source's kind
 *  and path, its machine name, the catalogs' Serial_Access_Num and the
 *  time.  Caller frees; NULL when out of memory. */
char *ws2fix__backup_origin_text(ws2fix_registry *reg);

/**
 * Whether @p file may be restored into @p reg: it must be a backup ws2fix
 * wrote (its header), of the same machine (its ComputerName), or, where a
 * machine name is not known on either side, of the same source (kind and
 * path).  A fix file, another machine's export or a hand-made .reg is not.
 * @return 0 when it is; WS2FIX_EINVALID with the reason in @p lang as the
 *         last error; or the error of reading @p file
 */
int ws2fix__backup_origin_check(ws2fix_registry *reg, const char *file, ws2fix_lang lang);

#endif

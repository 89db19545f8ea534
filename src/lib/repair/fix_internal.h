/* SPDX-License-Identifier: MIT */
/* The fix file's parts (library internal): the registry as the plan leaves
 * it (fix_after.c), the .reg document (fix_document.c) and its .cmd
 * companion (fix_cmd.c).  ws2fix_session_fix_file puts them together. */
#ifndef WS2FIX_FIX_INTERNAL_H
#define WS2FIX_FIX_INTERNAL_H

#include "../regtree.h"
#include "../../util/buf.h"
#include "ws2fix/catalog.h"
#include "ws2fix/fixfile.h"
#include "ws2fix/repair.h"

/** Every key a repair may touch, read from @p reg into a tree, with the
 *  plan's operations applied.  Free with ws2fix__regtree_free(). */
int ws2fix__fix_after(ws2fix_regtree **out, ws2fix_registry *reg, const ws2fix_repair_plan *plan);

/** 1 when @p key is one of @p keys (@p n of them) or below one, any case. */
int ws2fix__fix_key_under(const char *key, const char *const *keys, size_t n);

/** The plan's operations as .reg lines, in order, skipping those whose key
 *  is @p skip[i] or below it (@p nskip entries) (fixfile.c). */
int ws2fix__fix_put_ops(ws2fix_buf *b, const ws2fix_repair_plan *plan, const char *const *skip, size_t nskip);

/** The .reg text (UTF-8; ws2fix__regfile_finish makes it regedit's UTF-16). */
int ws2fix__fix_document(ws2fix_buf *b, const ws2fix_catalog *cat, const ws2fix_repair_plan *plan,
	ws2fix_regtree *after, const ws2fix_fix_file_info *info);

/** The .cmd text, in the OEM code page of its language (850 for Swedish). */
int ws2fix__fix_cmd(ws2fix_buf *b, const ws2fix_fix_file_info *info);

#endif

/* SPDX-License-Identifier: MIT */
/* The fix file's parts (library internal): the registry as the plan leaves
 * it (fix_after.c), the .reg document (fix_document.c) and its .cmd
 * companion (fix_cmd.c).  ws2fix_session_fix_file puts them together. */
#ifndef WS2FIX_FIX_INTERNAL_H
#define WS2FIX_FIX_INTERNAL_H

#include "../regformat/regtree.h"
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

/** The catalogs a fix file rewrites whole: the catalog keys ("<cs>\...\
 *  Protocol_Catalog9", "...\NameSpace_Catalog5") the plan's operations
 *  touch, and whether each is the protocol catalog.  Free with
 *  ws2fix__fix_rewritten_free(). */
typedef struct ws2fix_fix_rewritten {
	ws2fix_buf names[2];
	const char *keys[2];
	int protocol[2];
	size_t n;
} ws2fix_fix_rewritten;
int ws2fix__fix_rewritten(ws2fix_fix_rewritten *out, const ws2fix_catalog *cat, const ws2fix_repair_plan *plan);
void ws2fix__fix_rewritten_free(ws2fix_fix_rewritten *r);

/** A catalog whose Serial_Access_Num the .cmd compares with the export's. */
typedef struct ws2fix_fix_checked {
	const char *name;  /**< "Protocol_Catalog9" */
	int known;         /**< the export had a Serial_Access_Num there */
	uint32_t serial;
	int protocol;
} ws2fix_fix_checked;

/** The catalogs the fix rewrites, else the protocol catalog.  @return how many */
size_t ws2fix__fix_checked(ws2fix_fix_checked out[2], const ws2fix_catalog *cat, const ws2fix_fix_rewritten *rw);

/** The views a catalog key holds, which a fix file deletes and rewrites. */
extern const char *const ws2fix__fix_views[2];

/** The .reg text (UTF-8; ws2fix__regfile_finish makes it regedit's UTF-16). */
int ws2fix__fix_document(ws2fix_buf *b, const ws2fix_catalog *cat, const ws2fix_repair_plan *plan,
	ws2fix_regtree *after, const ws2fix_fix_file_info *info);

/** The .cmd text, in the OEM code page of its language (850 for Swedish):
 *  it compares the Serial_Access_Num of every catalog the fix rewrites
 *  (@p cat as exported, @p plan) and writes the undo beside its backup. */
int ws2fix__fix_cmd(ws2fix_buf *b, const ws2fix_fix_file_info *info, const ws2fix_catalog *cat,
	const ws2fix_repair_plan *plan);

#endif

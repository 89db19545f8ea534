/* SPDX-License-Identifier: MIT */
/*
 * The registry as a plan leaves it, in memory: every key a repair may touch
 * (ws2fix_backup_keys) exported from the source, read back as a tree, and
 * the plan's operations applied to that tree.  The fix file writes whole
 * catalogs from it, so that importing it onto a catalog that changed after
 * the export leaves the repaired catalog, never gaps or dangling chains.
 * The source itself is only read.
 */
#include <stdlib.h>
#include <string.h>

#include "fix_internal.h"
#include "../errors_internal.h"
#include "../regformat/regformat.h"
#include "ws2fix/backup.h"
#include "ws2fix/errors.h"
#include "ws2fix/regfile.h"

/* The key at @p path (created with its parents when @p create). */
static ws2fix_regtree_key *key_at(ws2fix_regtree *t, const char *path, int create)
{
	ws2fix_regtree_key *k = NULL;
	int rc = create ? ws2fix__regtree_create(&k, t, path, strlen(path))
			: ws2fix__regtree_find(&k, t, path, strlen(path));
	return rc == 0 ? k : NULL;
}

static int apply_op(ws2fix_regtree *t, const ws2fix_repair_op *op)
{
	ws2fix_regtree_key *k;
	switch (op->kind) {
	case WS2FIX_OP_CREATE_KEY:
		return key_at(t, op->key, 1) ? 0 : WS2FIX_ENOMEM;
	case WS2FIX_OP_DELETE_KEY:
		if ((k = key_at(t, op->key, 0)) != NULL)
			ws2fix__regtree_delete_key(t, k);
		return 0;
	case WS2FIX_OP_SET_VALUE:
		if (!(k = key_at(t, op->key, 1)))
			return WS2FIX_ENOMEM;
		return ws2fix__regtree_set_value(t, k, op->name ? op->name : "", op->name ? strlen(op->name) : 0,
			op->type, op->data, op->len);
	case WS2FIX_OP_DELETE_VALUE:
		if ((k = key_at(t, op->key, 0)) != NULL)
			ws2fix__regtree_delete_value(t, k, op->name ? op->name : "", op->name ? strlen(op->name) : 0);
		return 0;
	}
	return ws2fix__fail(WS2FIX_EINVALID, WS2FIX_ERRCLASS_INVALID, "unknown operation in the plan");
}

int ws2fix__fix_after(ws2fix_regtree **out, ws2fix_registry *reg, const ws2fix_repair_plan *plan)
{
	*out = NULL;
	ws2fix_strlist keys = {0};
	unsigned char *text = NULL;
	size_t len = 0;
	int rc = ws2fix_backup_keys(&keys, reg, 0);
	if (rc == 0)
		rc = ws2fix_regfile_export_buf(&text, &len, reg, (const char *const *)keys.items, keys.count);
	ws2fix_strlist_clear(&keys);
	ws2fix_regtree *t = NULL;
	if (rc == 0)
		rc = ws2fix__regtree_new(&t);
	if (rc == 0)
		rc = ws2fix__regfile_parse(t, text, len, "(the source, as exported)", NULL);
	free(text);
	for (size_t i = 0; rc == 0 && i < plan->op_count; i++)
		rc = apply_op(t, &plan->ops[i]);
	if (rc < 0) {
		ws2fix__regtree_free(t);
		return rc == WS2FIX_ENOMEM ? ws2fix__oom() : rc;
	}
	*out = t;
	return 0;
}

/* SPDX-License-Identifier: MIT */
/*
 * A repair plan as a regedit file: the same registry operations, in the
 * same order, in the syntax Windows' `reg import` and regedit take
 * ([-KEY] deletes a key with everything below it, "name"=- a value).
 * Imported into the registry the plan was made from, it leaves what
 * ws2fix_repair_plan_apply() leaves (tests/wine/test_fix_file_import.py).
 */
#include <stdlib.h>
#include <string.h>

#include "ws2fix/errors.h"
#include "ws2fix/repair.h"
#include "../errors_internal.h"
#include "../platform.h"
#include "../sources/regfile_parse.h"
#include "../../util/buf.h"

int ws2fix_repair_plan_fix_file(unsigned char **out, size_t *out_len, const ws2fix_repair_plan *plan)
{
	ws2fix_buf b = WS2FIX_BUF_INIT;
	const char *section = NULL; /* the key whose section is open, NULL after a deletion */
	int rc = 0;

	if (!out || !out_len || !plan)
		return ws2fix__fail(WS2FIX_EINVALID, WS2FIX_ERRCLASS_INVALID, "no plan");
	*out = NULL;
	*out_len = 0;
	ws2fix__regfile_put_header(&b);
	for (size_t i = 0; i < plan->op_count && rc == 0; i++) {
		const ws2fix_repair_op *op = &plan->ops[i];
		switch (op->kind) {
		case WS2FIX_OP_DELETE_KEY:
			if (section)
				ws2fix__buf_puts(&b, "\r\n");
			rc = ws2fix__regfile_put_key_delete(&b, op->key);
			ws2fix__buf_puts(&b, "\r\n");
			section = NULL;
			break;
		case WS2FIX_OP_CREATE_KEY:
		case WS2FIX_OP_SET_VALUE:
		case WS2FIX_OP_DELETE_VALUE:
			/* A section header creates its key; consecutive values of one
			 * key share it. */
			if (!section || strcmp(section, op->key) != 0) {
				if (section)
					ws2fix__buf_puts(&b, "\r\n");
				rc = ws2fix__regfile_put_key(&b, op->key);
				section = op->key;
			}
			if (rc == 0 && op->kind == WS2FIX_OP_SET_VALUE)
				rc = ws2fix__regfile_put_value(&b, op->name, op->type, op->data, op->len);
			else if (rc == 0 && op->kind == WS2FIX_OP_DELETE_VALUE)
				rc = ws2fix__regfile_put_value_delete(&b, op->name);
			break;
		default:
			rc = ws2fix__fail(WS2FIX_EINVALID, WS2FIX_ERRCLASS_INVALID, "unknown operation in the plan");
			break;
		}
	}
	if (rc < 0) {
		ws2fix__buf_free(&b);
		return rc;
	}
	if (section)
		ws2fix__buf_puts(&b, "\r\n");
	return ws2fix__regfile_finish(out, out_len, &b);
}

int ws2fix_repair_plan_write_fix_file(const ws2fix_repair_plan *plan, const char *path)
{
	unsigned char *data = NULL;
	size_t len = 0;
	int rc = ws2fix_repair_plan_fix_file(&data, &len, plan);
	if (rc == 0)
		rc = ws2fix__write_file_atomic(path, data, len);
	free(data);
	return rc;
}

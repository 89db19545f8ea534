/* SPDX-License-Identifier: MIT */
/*
 * A repair plan's registry operations in the syntax Windows' `reg import`
 * and regedit take ([-KEY] deletes a key with everything below it,
 * "name"=- a value), in the plan's order.  ws2fix_repair_plan_fix_file()
 * is the bare list; the fix file people are sent (ws2fix/fixfile.h) uses
 * the same lines for what lies outside the catalogs it rewrites whole.
 */
#include <stdlib.h>
#include <string.h>

#include "ws2fix/errors.h"
#include "ws2fix/repair.h"
#include "../errors_internal.h"
#include "../platform.h"
#include "../regformat/regformat.h"
#include "../../util/buf.h"
#include "../../util/utf.h"
#include "fix_internal.h"

int ws2fix__fix_key_under(const char *key, const char *const *skip, size_t nskip)
{
	for (size_t i = 0; i < nskip; i++) {
		size_t n = strlen(skip[i]);
		if (!ws2fix__strncasecmp(key, skip[i], n) && (key[n] == '\0' || key[n] == '\\'))
			return 1;
	}
	return 0;
}

int ws2fix__fix_put_ops(ws2fix_buf *b, const ws2fix_repair_plan *plan, const char *const *skip, size_t nskip)
{
	const char *section = NULL; /* the key whose section is open, NULL after a deletion */
	int rc = 0;
	for (size_t i = 0; i < plan->op_count && rc == 0; i++) {
		const ws2fix_repair_op *op = &plan->ops[i];
		if (ws2fix__fix_key_under(op->key, skip, nskip))
			continue;
		switch (op->kind) {
		case WS2FIX_OP_DELETE_KEY:
			if (section)
				ws2fix__buf_puts(b, "\r\n");
			rc = ws2fix__regfile_put_key_delete(b, op->key);
			ws2fix__buf_puts(b, "\r\n");
			section = NULL;
			break;
		case WS2FIX_OP_CREATE_KEY:
		case WS2FIX_OP_SET_VALUE:
		case WS2FIX_OP_DELETE_VALUE:
			/* A section header creates its key; consecutive values of one
			 * key share it. */
			if (!section || strcmp(section, op->key) != 0) {
				if (section)
					ws2fix__buf_puts(b, "\r\n");
				rc = ws2fix__regfile_put_key(b, op->key);
				section = op->key;
			}
			if (rc == 0 && op->kind == WS2FIX_OP_SET_VALUE)
				rc = ws2fix__regfile_put_value(b, op->name, op->type, op->data, op->len);
			else if (rc == 0 && op->kind == WS2FIX_OP_DELETE_VALUE)
				rc = ws2fix__regfile_put_value_delete(b, op->name);
			break;
		default:
			rc = ws2fix__fail(WS2FIX_EINVALID, WS2FIX_ERRCLASS_INVALID, "unknown operation in the plan");
			break;
		}
	}
	if (rc == 0 && section)
		ws2fix__buf_puts(b, "\r\n");
	return rc;
}

int ws2fix_repair_plan_fix_file(unsigned char **out, size_t *out_len, const ws2fix_repair_plan *plan)
{
	if (!out || !out_len || !plan)
		return ws2fix__fail(WS2FIX_EINVALID, WS2FIX_ERRCLASS_INVALID, "no plan");
	*out = NULL;
	*out_len = 0;
	ws2fix_buf b = WS2FIX_BUF_INIT;
	ws2fix__regfile_put_header(&b);
	int rc = ws2fix__fix_put_ops(&b, plan, NULL, 0);
	if (rc < 0) {
		ws2fix__buf_free(&b);
		return rc;
	}
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

void ws2fix_fix_file_clear(ws2fix_fix_file *f)
{
	if (!f)
		return;
	free(f->reg);
	free(f->cmd);
	memset(f, 0, sizeof(*f));
}

int ws2fix_fix_file_name_ok(const char *reg_path)
{
	size_t n = strlen(reg_path);
	const char *base = reg_path;
	for (const char *p = reg_path; *p; p++)
		if (*p == '/' || *p == '\\')
			base = p + 1;
	return n > 4 && !ws2fix__strcasecmp(reg_path + n - 4, ".reg") && strlen(base) > 4;
}

char *ws2fix_fix_file_cmd_path(const char *reg_path)
{
	size_t n = strlen(reg_path);
	ws2fix_buf b = WS2FIX_BUF_INIT;
	if (n > 4 && !ws2fix__strcasecmp(reg_path + n - 4, ".reg"))
		n -= 4;
	ws2fix__buf_put(&b, reg_path, n);
	ws2fix__buf_puts(&b, ".cmd");
	return ws2fix__buf_detach(&b);
}

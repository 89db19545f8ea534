/* SPDX-License-Identifier: MIT */
/* A repair plan as JSON: its steps for people and its registry operations
 * for scripts (docs/cli/repair.md). */
#include "report_internal.h"

static const char *op_kind_name(ws2fix_op_kind k)
{
	switch (k) {
	case WS2FIX_OP_SET_VALUE: return "set-value";
	case WS2FIX_OP_DELETE_VALUE: return "delete-value";
	case WS2FIX_OP_CREATE_KEY: return "create-key";
	default: return "delete-key";
	}
}

void ws2fix__report_json_plan(ws2fix_json *j, const ws2fix_repair_plan *p, ws2fix_repair_mode mode)
{
	ws2fix__json_kv_string(j, "mode", mode == WS2FIX_REPAIR_RESET ? "reset" : "surgical");
	ws2fix__json_key(j, "plan");
	ws2fix__json_object_begin(j);
	ws2fix__json_key(j, "steps");
	ws2fix__json_array_begin(j);
	for (size_t i = 0; i < p->step_count; i++) {
		const ws2fix_repair_step *s = &p->steps[i];
		ws2fix__json_object_begin(j);
		ws2fix__json_kv_string(j, "action", s->action);
		ws2fix__json_kv_string(j, "key", s->key);
		ws2fix__json_kv_string(j, "old", s->old_text);
		ws2fix__json_kv_string(j, "new", s->new_text);
		ws2fix__json_kv_string(j, "cause", s->has_cause ? ws2fix_finding_code_name(s->cause) : NULL);
		ws2fix__json_object_end(j);
	}
	ws2fix__json_array_end(j);
	ws2fix__json_key(j, "operations");
	ws2fix__json_array_begin(j);
	for (size_t i = 0; i < p->op_count; i++) {
		const ws2fix_repair_op *op = &p->ops[i];
		ws2fix__json_object_begin(j);
		ws2fix__json_kv_string(j, "op", op_kind_name(op->kind));
		ws2fix__json_kv_string(j, "key", op->key);
		if (op->name)
			ws2fix__json_kv_string(j, "value", op->name);
		if (op->kind == WS2FIX_OP_SET_VALUE) {
			ws2fix__json_kv_uint(j, "type", op->type);
			ws2fix__json_kv_uint(j, "size", op->len);
		}
		ws2fix__json_object_end(j);
	}
	ws2fix__json_array_end(j);
	ws2fix__json_key(j, "notes");
	ws2fix__json_array_begin(j);
	for (size_t i = 0; i < p->note_count; i++)
		ws2fix__json_string(j, p->notes[i]);
	ws2fix__json_array_end(j);
	ws2fix__json_key(j, "removes_providers");
	ws2fix__json_array_begin(j);
	for (size_t i = 0; i < p->removed_count; i++)
		ws2fix__json_string(j, p->removed_providers[i]);
	ws2fix__json_array_end(j);
	/* Every entry those providers lose, grouped by provider. */
	ws2fix__json_key(j, "removes_entries");
	ws2fix__json_array_begin(j);
	for (size_t i = 0; i < p->removed_entry_count; i++) {
		const ws2fix_removed_entry *e = &p->removed_entries[i];
		ws2fix__json_object_begin(j);
		ws2fix__json_kv_string(j, "provider", p->removed_providers[e->provider]);
		ws2fix__json_kv_string(j, "name", e->name);
		ws2fix__json_kv_string(j, "path", e->path);
		ws2fix__json_kv_string(j, "catalog", e->catalog);
		ws2fix__json_kv_string(j, "view", ws2fix_view_name((enum ws2fix_view)e->view));
		ws2fix__json_kv_string(j, "key", e->key);
		ws2fix__json_key(j, "catalog_id");
		if (e->has_catalog_id)
			ws2fix__json_uint(j, e->catalog_id);
		else
			ws2fix__json_null(j);
		ws2fix__json_object_end(j);
	}
	ws2fix__json_array_end(j);
	/* The error findings the plan does not fix: repair exits 1 for them. */
	ws2fix__json_key(j, "unfixed_errors");
	ws2fix__json_array_begin(j);
	for (size_t i = 0; i < p->unfixed_count; i++)
		if (ws2fix_repair_plan_unfixed_first(p, i))
			ws2fix__json_string(j, ws2fix_finding_code_name(p->unfixed[i]));
	ws2fix__json_array_end(j);
	ws2fix__json_kv_bool(j, "needs_restart", p->needs_restart);
	ws2fix__json_kv_bool(j, "runs_netsh_winsock_reset", p->run_netsh_reset);
	ws2fix__json_object_end(j);
}

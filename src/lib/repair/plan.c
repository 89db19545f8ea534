/* SPDX-License-Identifier: MIT */
/* The plan as data: steps for people, operations for the registry. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "repair_internal.h"
#include "../errors_internal.h"
#include "../../util/buf.h"
#include "../../util/utf.h"

const char *ws2fix__repair_msg(const rctx *c, ws2fix_msgid id)
{
	return ws2fix_msg(id, c->o->lang);
}

char *ws2fix__repair_strdup(rctx *c, const char *s)
{
	if (!s)
		return NULL;
	char *p = ws2fix__strdup(s);
	if (!p)
		c->oom = 1;
	return p;
}

/* Grow an array of @p size-byte items to hold one more. */
static int grow(rctx *c, void **arr, size_t count, size_t *cap, size_t size)
{
	if (count < *cap)
		return 1;
	size_t n = *cap ? *cap * 2 : 16;
	void *p = realloc(*arr, n * size);
	if (!p) {
		c->oom = 1;
		return 0;
	}
	*arr = p;
	*cap = n;
	return 1;
}

void (ws2fix__repair_step)(rctx *c, const char *key, const char *old_text, const char *new_text, int cause,
	ws2fix_msgid msg, ...)
{
	ws2fix_repair_plan *p = c->p;
	if (c->oom || !grow(c, (void **)&p->steps, p->step_count, &c->steps_cap, sizeof(*p->steps)))
		return;
	ws2fix_repair_step *s = &p->steps[p->step_count];
	memset(s, 0, sizeof(*s));
	va_list ap;
	va_start(ap, msg);
	ws2fix_buf b = WS2FIX_BUF_INIT;
	ws2fix__buf_vprintf(&b, ws2fix__repair_msg(c, msg), ap);
	va_end(ap);
	s->action = ws2fix__buf_detach(&b);
	s->key = ws2fix__repair_strdup(c, key);
	s->old_text = ws2fix__repair_strdup(c, old_text);
	s->new_text = ws2fix__repair_strdup(c, new_text);
	if (cause >= 0) {
		s->has_cause = 1;
		s->cause = (ws2fix_finding_code)cause;
	}
	if (!s->action)
		c->oom = 1;
	p->step_count++;
}

static void push_string(rctx *c, char ***arr, size_t *count, size_t *cap, const char *text)
{
	if (c->oom)
		return;
	for (size_t i = 0; i < *count; i++)
		if (!strcmp((*arr)[i], text))
			return;
	if (!grow(c, (void **)arr, *count, cap, sizeof(char *)))
		return;
	(*arr)[*count] = ws2fix__repair_strdup(c, text);
	if ((*arr)[*count])
		(*count)++;
}

void ws2fix__repair_note(rctx *c, const char *text)
{
	push_string(c, &c->p->notes, &c->p->note_count, &c->notes_cap, text);
}

void ws2fix__repair_note_no_step(rctx *c, ws2fix_finding_code code, int severity, const char *what, ws2fix_msgid why)
{
	ws2fix_buf n = WS2FIX_BUF_INIT;
	ws2fix__buf_printf(&n, ws2fix__repair_msg(c, MSG_R_NOTE_NO_STEP), ws2fix_finding_code_name(code), what, ws2fix__repair_msg(c, why));
	if (ws2fix__buf_oom(&n))
		c->oom = 1;
	else
		ws2fix__repair_note(c, ws2fix__buf_cstr(&n));
	ws2fix__buf_free(&n);
	if (severity == WS2FIX_SEV_ERROR)
		ws2fix__repair_unfixed(c, code);
}

int ws2fix_repair_plan_unfixed_first(const ws2fix_repair_plan *plan, size_t i)
{
	for (size_t k = 0; k < i; k++)
		if (plan->unfixed[k] == plan->unfixed[i])
			return 0;
	return 1;
}

void ws2fix__repair_unfixed(rctx *c, ws2fix_finding_code code)
{
	ws2fix_repair_plan *p = c->p;
	if (c->oom)
		return;
	ws2fix_finding_code *n = realloc(p->unfixed, (p->unfixed_count + 1) * sizeof(*n));
	if (!n) {
		c->oom = 1;
		return;
	}
	p->unfixed = n;
	p->unfixed[p->unfixed_count++] = code;
}

void ws2fix__repair_removed_provider(rctx *c, const char *name, const char *path)
{
	/* One line per DLL: an LSP's hidden entry and its chains are one
	 * provider to the user. */
	ws2fix_buf tail = WS2FIX_BUF_INIT;
	ws2fix__buf_printf(&tail, "(%s)", path);
	for (size_t i = 0; i < c->p->removed_count && !ws2fix__buf_oom(&tail); i++) {
		const char *r = c->p->removed_providers[i];
		size_t rl = strlen(r);
		if (rl >= tail.len && !ws2fix__strcasecmp(r + rl - tail.len, tail.ptr)) {
			ws2fix__buf_free(&tail);
			return;
		}
	}
	ws2fix__buf_free(&tail);
	ws2fix_buf b = WS2FIX_BUF_INIT;
	ws2fix__buf_printf(&b, "%s (%s)", name, path);
	if (ws2fix__buf_oom(&b))
		c->oom = 1;
	else
		push_string(c, &c->p->removed_providers, &c->p->removed_count, &c->removed_cap, b.ptr);
	ws2fix__buf_free(&b);
}

static ws2fix_repair_op *new_op(rctx *c, ws2fix_op_kind kind, const char *key)
{
	ws2fix_repair_plan *p = c->p;
	if (c->oom || !grow(c, (void **)&p->ops, p->op_count, &c->ops_cap, sizeof(*p->ops)))
		return NULL;
	ws2fix_repair_op *op = &p->ops[p->op_count];
	memset(op, 0, sizeof(*op));
	op->kind = kind;
	op->key = ws2fix__repair_strdup(c, key);
	if (!op->key)
		return NULL;
	p->op_count++;
	return op;
}

void ws2fix__repair_op_set(rctx *c, const char *key, const char *name, uint32_t type, const void *data, size_t len)
{
	ws2fix_repair_op *op = new_op(c, WS2FIX_OP_SET_VALUE, key);
	if (!op)
		return;
	op->name = ws2fix__repair_strdup(c, name);
	op->type = type;
	op->len = len;
	op->data = malloc(len ? len : 1);
	if (!op->data) {
		c->oom = 1;
		return;
	}
	if (len)
		memcpy(op->data, data, len);
}

void ws2fix__repair_op_set_string(rctx *c, const char *key, const char *name, uint32_t type, const char *s)
{
	unsigned char *w = NULL;
	size_t wl = 0;
	if (ws2fix__utf8_to_utf16le(&w, &wl, s, strlen(s), 1) < 0) {
		c->oom = 1;
		return;
	}
	ws2fix__repair_op_set(c, key, name, type, w, wl);
	free(w);
}

void ws2fix__repair_op_delete_value(rctx *c, const char *key, const char *name)
{
	ws2fix_repair_op *op = new_op(c, WS2FIX_OP_DELETE_VALUE, key);
	if (op)
		op->name = ws2fix__repair_strdup(c, name);
}

void ws2fix__repair_op_create_key(rctx *c, const char *key)
{
	new_op(c, WS2FIX_OP_CREATE_KEY, key);
}

void ws2fix__repair_op_delete_key(rctx *c, const char *key)
{
	new_op(c, WS2FIX_OP_DELETE_KEY, key);
}

/* Mark findings as dealt with: same code, and view/key when given. */
void ws2fix__repair_cover(rctx *c, ws2fix_finding_code code, int view, const char *key)
{
	if (!c->d)
		return;
	for (size_t i = 0; i < c->d->count; i++) {
		const ws2fix_finding *f = &c->d->findings[i];
		if (f->code != code)
			continue;
		if (view >= 0 && f->view >= 0 && f->view != view)
			continue;
		if (key && f->key && ws2fix__strcasecmp(f->key, key) != 0)
			continue;
		c->covered[i] = 1;
	}
}

int ws2fix_repair_plan_apply(ws2fix_registry *reg, const ws2fix_repair_plan *plan)
{
	for (size_t i = 0; i < plan->op_count; i++) {
		const ws2fix_repair_op *op = &plan->ops[i];
		int rc = 0;
		switch (op->kind) {
		case WS2FIX_OP_SET_VALUE:
			rc = ws2fix_registry_set_value(reg, op->key, op->name, op->type, op->data, op->len);
			break;
		case WS2FIX_OP_DELETE_VALUE:
			rc = ws2fix_registry_delete_value(reg, op->key, op->name);
			break;
		case WS2FIX_OP_CREATE_KEY:
			rc = ws2fix_registry_create_key(reg, op->key);
			break;
		case WS2FIX_OP_DELETE_KEY:
			rc = ws2fix_registry_delete_tree(reg, op->key);
			/* Deleting what is already gone leaves the intended state. */
			if (rc == WS2FIX_ENOTFOUND)
				rc = 0;
			break;
		}
		if (rc < 0)
			return rc;
	}
	return 0;
}

void ws2fix_repair_plan_free(ws2fix_repair_plan *p)
{
	if (!p)
		return;
	for (size_t i = 0; i < p->step_count; i++) {
		free(p->steps[i].action);
		free(p->steps[i].key);
		free(p->steps[i].old_text);
		free(p->steps[i].new_text);
	}
	free(p->steps);
	for (size_t i = 0; i < p->op_count; i++) {
		free(p->ops[i].key);
		free(p->ops[i].name);
		free(p->ops[i].data);
	}
	free(p->ops);
	for (size_t i = 0; i < p->note_count; i++)
		free(p->notes[i]);
	free(p->notes);
	free(p->unfixed);
	ws2fix__removed_entries_free(p);
	for (size_t i = 0; i < p->removed_count; i++)
		free(p->removed_providers[i]);
	free(p->removed_providers);
	free(p);
}

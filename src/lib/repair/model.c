/* SPDX-License-Identifier: MIT */
/*
 * The catalog as the repair engine edits it: every entry key with all of
 * its values (Windows 7+ keep ProtocolName beside PackedCatalogItem, name
 * space entries have eight values), so that moving an entry to another key
 * number carries everything, and the write-back touches only what differs.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "repair_internal.h"
#include "../errors_internal.h"
#include "../../util/buf.h"
#include "../../util/utf.h"

static void free_values(rentry *e)
{
	for (size_t i = 0; i < e->nvalues; i++) {
		free(e->values[i].name);
		free(e->values[i].data);
	}
	free(e->values);
	e->values = NULL;
	e->nvalues = 0;
}

static int copy_values(rctx *c, rentry *dst, const rentry *src)
{
	dst->values = src->nvalues ? calloc(src->nvalues, sizeof(rvalue)) : NULL;
	if (src->nvalues && !dst->values) {
		c->oom = 1;
		return 0;
	}
	for (size_t i = 0; i < src->nvalues; i++) {
		rvalue *d = &dst->values[i];
		const rvalue *s = &src->values[i];
		d->name = ws2fix__repair_strdup(c, s->name);
		d->type = s->type;
		d->len = s->len;
		d->data = malloc(s->len ? s->len : 1);
		if (!d->name || !d->data) {
			free(d->name);
			free(d->data);
			c->oom = 1;
			return 0;
		}
		if (s->len)
			memcpy(d->data, s->data, s->len);
		dst->nvalues++;
	}
	return 1;
}

const rvalue *ws2fix__repair_value(const rentry *e, const char *name)
{
	for (size_t i = 0; i < e->nvalues; i++)
		if (!ws2fix__strcasecmp(e->values[i].name, name))
			return &e->values[i];
	return NULL;
}

void ws2fix__repair_set_value(rctx *c, rentry *e, const char *name, uint32_t type, const void *data, size_t len)
{
	rvalue *v = (rvalue *)ws2fix__repair_value(e, name);
	unsigned char *copy = malloc(len ? len : 1);
	if (!copy) {
		c->oom = 1;
		return;
	}
	if (len)
		memcpy(copy, data, len);
	if (!v) {
		rvalue *nv = realloc(e->values, (e->nvalues + 1) * sizeof(rvalue));
		if (!nv) {
			free(copy);
			c->oom = 1;
			return;
		}
		e->values = nv;
		v = &e->values[e->nvalues++];
		v->name = ws2fix__repair_strdup(c, name);
	} else {
		free(v->data);
	}
	v->type = type;
	v->data = copy;
	v->len = len;
}

static void decode_entry(rentry *e, int is_protocol)
{
	if (is_protocol) {
		const rvalue *v = ws2fix__repair_value(e, "PackedCatalogItem");
		e->has_item = v != NULL;
		if (v)
			ws2fix_packed_item_decode(&e->item, v->data, v->len);
	} else {
		const rvalue *v = ws2fix__repair_value(e, "ProviderId");
		e->has_ns_id = v && v->type == WS2FIX_REG_BINARY && v->len == 16;
		if (e->has_ns_id)
			ws2fix_guid_from_bytes(&e->ns_id, v->data);
	}
}

static int load_entry(rctx *c, rentry *e, const char *path)
{
	ws2fix_strlist names;
	int rc = ws2fix_registry_values(&names, c->reg, path);
	if (rc < 0)
		return rc;
	e->values = names.count ? calloc(names.count, sizeof(rvalue)) : NULL;
	if (names.count && !e->values) {
		ws2fix_strlist_clear(&names);
		c->oom = 1;
		return WS2FIX_ENOMEM;
	}
	for (size_t i = 0; i < names.count; i++) {
		ws2fix_regvalue v;
		rc = ws2fix_registry_get_value(&v, c->reg, path, names.items[i]);
		if (rc < 0)
			break;
		rvalue *r = &e->values[e->nvalues++];
		r->name = names.items[i];
		names.items[i] = NULL;
		r->type = v.type;
		r->data = v.data ? v.data : malloc(1);
		r->len = v.len;
		if (!r->data) {
			c->oom = 1;
			rc = WS2FIX_ENOMEM;
			break;
		}
	}
	ws2fix_strlist_clear(&names);
	return rc < 0 ? rc : 0;
}

int ws2fix__repair_view_load(rctx *c, rview *v, int is_protocol, enum ws2fix_view view)
{
	memset(v, 0, sizeof(*v));
	v->is_protocol = is_protocol;
	v->view = view;
	const char *label = is_protocol ? c->cat->protocol[view].info.key : c->cat->namespaces[view].info.key;
	v->label = label;
	ws2fix_buf b = WS2FIX_BUF_INIT;
	ws2fix__buf_printf(&b, "%s\\%s", c->cat->parameters_path, label);
	v->path = ws2fix__buf_detach(&b);
	if (!v->path) {
		c->oom = 1;
		return WS2FIX_ENOMEM;
	}
	v->present = is_protocol ? c->cat->protocol[view].info.present : c->cat->namespaces[view].info.present;
	if (!v->present)
		return 0;
	ws2fix_strlist keys;
	int rc = ws2fix_registry_subkeys(&keys, c->reg, v->path);
	if (rc < 0)
		return rc;
	v->orig = keys.count ? calloc(keys.count, sizeof(rentry)) : NULL;
	v->e = keys.count ? calloc(keys.count, sizeof(rentry)) : NULL;
	if (keys.count && (!v->orig || !v->e)) {
		ws2fix_strlist_clear(&keys);
		c->oom = 1;
		return WS2FIX_ENOMEM;
	}
	v->cap = keys.count;
	for (size_t i = 0; i < keys.count && rc >= 0; i++) {
		rentry *o = &v->orig[v->norig++];
		o->orig_key = keys.items[i];
		keys.items[i] = NULL;
		b = (ws2fix_buf)WS2FIX_BUF_INIT;
		ws2fix__buf_printf(&b, "%s\\%s", v->path, o->orig_key);
		if (ws2fix__buf_oom(&b)) {
			c->oom = 1;
			rc = WS2FIX_ENOMEM;
			break;
		}
		rc = load_entry(c, o, b.ptr);
		ws2fix__buf_free(&b);
		decode_entry(o, is_protocol);
		rentry *e = &v->e[v->n++];
		*e = *o;
		e->values = NULL;
		e->nvalues = 0;
		e->orig_key = ws2fix__repair_strdup(c, o->orig_key);
		if (!copy_values(c, e, o))
			rc = WS2FIX_ENOMEM;
	}
	ws2fix_strlist_clear(&keys);
	return rc;
}

void ws2fix__repair_view_free(rview *v)
{
	for (size_t i = 0; i < v->norig; i++) {
		free(v->orig[i].orig_key);
		free_values(&v->orig[i]);
	}
	for (size_t i = 0; i < v->n; i++) {
		free(v->e[i].orig_key);
		free_values(&v->e[i]);
	}
	free(v->orig);
	free(v->e);
	free(v->path);
	memset(v, 0, sizeof(*v));
}

rentry *ws2fix__repair_view_insert(rctx *c, rview *v, size_t at)
{
	if (v->n == v->cap) {
		size_t cap = v->cap ? v->cap * 2 : 16;
		rentry *e = realloc(v->e, cap * sizeof(rentry));
		if (!e) {
			c->oom = 1;
			return NULL;
		}
		v->e = e;
		v->cap = cap;
	}
	if (at > v->n)
		at = v->n;
	memmove(&v->e[at + 1], &v->e[at], (v->n - at) * sizeof(rentry));
	memset(&v->e[at], 0, sizeof(rentry));
	v->n++;
	v->changed = 1;
	return &v->e[at];
}

size_t ws2fix__repair_view_live(const rview *v)
{
	size_t n = 0;
	for (size_t i = 0; i < v->n; i++)
		n += !v->e[i].removed;
	return n;
}

rentry *ws2fix__repair_find_id(rview *v, uint32_t id)
{
	for (size_t i = 0; i < v->n; i++)
		if (!v->e[i].removed && v->e[i].has_item && v->e[i].item.catalog_id == id)
			return &v->e[i];
	return NULL;
}

rentry *ws2fix__repair_find_key(rview *v, const char *key)
{
	for (size_t i = 0; i < v->n; i++)
		if (v->e[i].orig_key && !ws2fix__strcasecmp(v->e[i].orig_key, key))
			return &v->e[i];
	return NULL;
}

void ws2fix__repair_dll_stem(const char *path, char *out, size_t outsz)
{
	snprintf(out, outsz, "%s", ws2fix_provider_dll_name(path ? path : ""));
	char *dot = strrchr(out, '.');
	if (dot)
		*dot = '\0';
	size_t l = strlen(out);
	if (l > 2 && !strcmp(out + l - 2, "64"))
		out[l - 2] = '\0';
}

const char *ws2fix__repair_entry_name(const rentry *e)
{
	if (e->has_item) {
		const char *d = ws2fix_known_display_name(e->item.protocol_name);
		return d ? d : e->item.protocol_name;
	}
	return e->orig_key ? e->orig_key : "";
}

static const rentry *orig_by_key(const rview *v, const char *key)
{
	for (size_t i = 0; i < v->norig; i++)
		if (!ws2fix__strcasecmp(v->orig[i].orig_key, key))
			return &v->orig[i];
	return NULL;
}

static int same_value(const rvalue *a, const rvalue *b)
{
	return a->type == b->type && a->len == b->len && (!a->len || !memcmp(a->data, b->data, a->len));
}

static void write_dword(rctx *c, const char *key, const char *name, uint32_t v)
{
	unsigned char b[4] = {(unsigned char)v, (unsigned char)(v >> 8), (unsigned char)(v >> 16),
		(unsigned char)(v >> 24)};
	ws2fix__repair_op_set(c, key, name, WS2FIX_REG_DWORD, b, 4);
}

/*
 * Write the edited view back: entry i goes to key %012u(i), values that
 * differ from what that key holds now are set, values it no longer has are
 * deleted, keys beyond the new count (or with odd names) are deleted, and
 * the counter is set.  Unchanged keys get no operation at all.
 */
void ws2fix__repair_view_emit(rctx *c, rview *v, const char *counter_key, const char *counter_name)
{
	if (!v->changed || c->oom)
		return;
	if (!v->present)
		ws2fix__repair_op_create_key(c, v->path);
	char name[24]; /* %012zu of a size_t: up to 20 digits */
	size_t k = 0;
	for (size_t i = 0; i < v->n; i++) {
		rentry *e = &v->e[i];
		if (e->removed)
			continue;
		k++;
		snprintf(name, sizeof(name), "%012zu", k);
		if (v->is_protocol && e->has_item && e->item_changed) {
			unsigned char b[WS2FIX_PACKED_ITEM_SIZE];
			if (ws2fix_packed_item_encode(b, &e->item) == 0)
				ws2fix__repair_set_value(c, e, "PackedCatalogItem", WS2FIX_REG_BINARY, b, sizeof(b));
		}
		ws2fix_buf key = WS2FIX_BUF_INIT;
		ws2fix__buf_printf(&key, "%s\\%s", v->path, name);
		if (ws2fix__buf_oom(&key)) {
			c->oom = 1;
			return;
		}
		const rentry *old = v->present ? orig_by_key(v, name) : NULL;
		if (!old)
			ws2fix__repair_op_create_key(c, key.ptr);
		for (size_t j = 0; j < e->nvalues; j++) {
			const rvalue *nv = &e->values[j];
			const rvalue *ov = old ? ws2fix__repair_value(old, nv->name) : NULL;
			if (!ov || !same_value(ov, nv))
				ws2fix__repair_op_set(c, key.ptr, nv->name, nv->type, nv->data, nv->len);
		}
		for (size_t j = 0; old && j < old->nvalues; j++)
			if (!ws2fix__repair_value(e, old->values[j].name))
				ws2fix__repair_op_delete_value(c, key.ptr, old->values[j].name);
		ws2fix__buf_free(&key);
	}
	/* Keys the new numbering does not use. */
	for (size_t i = 0; i < v->norig; i++) {
		const char *on = v->orig[i].orig_key;
		int keep = 0;
		for (size_t j = 1; j <= k && !keep; j++) {
			snprintf(name, sizeof(name), "%012zu", j);
			keep = !strcmp(on, name);
		}
		if (!keep) {
			ws2fix_buf key = WS2FIX_BUF_INIT;
			ws2fix__buf_printf(&key, "%s\\%s", v->path, on);
			if (!ws2fix__buf_oom(&key))
				ws2fix__repair_op_delete_key(c, key.ptr);
			ws2fix__buf_free(&key);
		}
	}
	if (counter_key)
		write_dword(c, counter_key, counter_name, (uint32_t)k);
}

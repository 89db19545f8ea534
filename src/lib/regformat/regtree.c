/* SPDX-License-Identifier: MIT */
/*
 * The in-memory registry tree (see regtree.h).
 */
#include "regtree.h"

#include <stdlib.h>
#include <string.h>

#include "../errors_internal.h"
#include "../../util/utf.h"

struct ws2fix_regtree {
	ws2fix_regtree_key root;
	size_t nkeys;   /* not counting the root */
	size_t nvalues;
	size_t nbytes;  /* value data */
};

/* Lists stay unindexed up to this many entries: most registry keys have a
 * handful of values and subkeys, where a scan beats a table. */
#define RT_LINEAR_MAX 8

static int lower(int c)
{
	return (c >= 'A' && c <= 'Z') ? c + 32 : c;
}

/* FNV-1a over the lowercased bytes, so that names differing only in ASCII
 * case land in the same chain. */
static uint32_t name_hash(const char *s, size_t len)
{
	uint32_t h = 2166136261u;
	for (size_t i = 0; i < len; i++) {
		h ^= (uint32_t)lower((unsigned char)s[i]);
		h *= 16777619u;
	}
	return h;
}

static int name_eq(const ws2fix__rt_entry *e, const char *s, size_t len, uint32_t h)
{
	return e->hash == h && e->name_len == len && ws2fix__strncasecmp(e->name, s, len) == 0;
}

static ws2fix__rt_entry *list_find(const ws2fix__rt_list *l, const char *s, size_t len)
{
	uint32_t h = name_hash(s, len);
	if (l->buckets) {
		for (ws2fix__rt_entry *e = l->buckets[h & (l->nbuckets - 1)]; e; e = e->hnext)
			if (name_eq(e, s, len, h))
				return e;
		return NULL;
	}
	for (ws2fix__rt_entry *e = l->first; e; e = e->next)
		if (name_eq(e, s, len, h))
			return e;
	return NULL;
}

/* Build or double the index.  On allocation failure the list keeps its
 * old index (or none) and stays correct, only slower. */
static void list_reindex(ws2fix__rt_list *l)
{
	size_t n = l->nbuckets ? l->nbuckets * 2 : 16;
	ws2fix__rt_entry **b = calloc(n, sizeof(*b));
	if (!b)
		return;
	for (ws2fix__rt_entry *e = l->first; e; e = e->next) {
		size_t i = e->hash & (n - 1);
		e->hnext = b[i];
		b[i] = e;
	}
	free(l->buckets);
	l->buckets = b;
	l->nbuckets = n;
}

static void list_append(ws2fix__rt_list *l, ws2fix__rt_entry *e)
{
	e->prev = l->last;
	e->next = NULL;
	e->hnext = NULL;
	if (l->last)
		l->last->next = e;
	else
		l->first = e;
	l->last = e;
	l->count++;
	if (l->buckets) {
		size_t i = e->hash & (l->nbuckets - 1);
		e->hnext = l->buckets[i];
		l->buckets[i] = e;
	}
	if ((!l->buckets && l->count > RT_LINEAR_MAX) || (l->buckets && l->count > 2 * l->nbuckets))
		list_reindex(l);
}

static void list_unlink(ws2fix__rt_list *l, ws2fix__rt_entry *e)
{
	if (e->prev)
		e->prev->next = e->next;
	else
		l->first = e->next;
	if (e->next)
		e->next->prev = e->prev;
	else
		l->last = e->prev;
	if (l->buckets) {
		ws2fix__rt_entry **pp = &l->buckets[e->hash & (l->nbuckets - 1)];
		while (*pp && *pp != e)
			pp = &(*pp)->hnext;
		if (*pp)
			*pp = e->hnext;
	}
	l->count--;
}

static int entry_init(ws2fix__rt_entry *e, const char *name, size_t len)
{
	e->name = ws2fix__strndup(name, len);
	if (!e->name)
		return WS2FIX_ENOMEM;
	e->name_len = len;
	e->hash = name_hash(name, len);
	return 0;
}

int ws2fix__regtree_new(ws2fix_regtree **out)
{
	ws2fix_regtree *t = calloc(1, sizeof(*t));
	*out = NULL;
	if (!t)
		return ws2fix__oom();
	if (entry_init(&t->root.e, "", 0) < 0) {
		free(t);
		return WS2FIX_ENOMEM;
	}
	t->root.listed = 1;
	*out = t;
	return 0;
}

static void value_free(ws2fix_regtree *t, ws2fix_regtree_value *v)
{
	t->nvalues--;
	t->nbytes -= v->len;
	free(v->e.name);
	free(v->data);
	free(v);
}

/* Free everything below @p k and empty its lists (k itself stays).
 * Recursion is bounded by WS2FIX_REGTREE_MAX_DEPTH. */
static void key_clear(ws2fix_regtree *t, ws2fix_regtree_key *k)
{
	ws2fix__rt_entry *e = k->values.first;
	while (e) {
		ws2fix__rt_entry *next = e->next;
		value_free(t, (ws2fix_regtree_value *)(void *)e);
		e = next;
	}
	e = k->subkeys.first;
	while (e) {
		ws2fix__rt_entry *next = e->next;
		ws2fix_regtree_key *c = (ws2fix_regtree_key *)(void *)e;
		key_clear(t, c);
		free(c->e.name);
		free(c);
		t->nkeys--;
		e = next;
	}
	free(k->values.buckets);
	free(k->subkeys.buckets);
	memset(&k->values, 0, sizeof(k->values));
	memset(&k->subkeys, 0, sizeof(k->subkeys));
}

void ws2fix__regtree_free(ws2fix_regtree *t)
{
	if (!t)
		return;
	key_clear(t, &t->root);
	free(t->root.e.name);
	free(t);
}

ws2fix_regtree_key *ws2fix__regtree_root(ws2fix_regtree *t)
{
	return &t->root;
}

size_t ws2fix__regtree_key_count(const ws2fix_regtree *t)
{
	return t->nkeys;
}

size_t ws2fix__regtree_value_count(const ws2fix_regtree *t)
{
	return t->nvalues;
}

ws2fix_regtree_key *ws2fix__regtree_subkey(const ws2fix_regtree_key *k, const char *name, size_t len)
{
	return (ws2fix_regtree_key *)(void *)list_find(&k->subkeys, name, len);
}

int ws2fix__regtree_add_subkey(ws2fix_regtree_key **out, ws2fix_regtree *t,
	ws2fix_regtree_key *parent, const char *name, size_t len)
{
	ws2fix_regtree_key *k = ws2fix__regtree_subkey(parent, name, len);
	*out = NULL;
	if (k) {
		*out = k;
		return 0;
	}
	if (len == 0)
		return ws2fix__fail(WS2FIX_EINVALID, WS2FIX_ERRCLASS_INVALID, "empty key name");
	if (memchr(name, '\\', len) || memchr(name, '\0', len))
		return ws2fix__fail(WS2FIX_EINVALID, WS2FIX_ERRCLASS_INVALID,
			"key name contains a backslash or NUL");
	if (len > WS2FIX_REGTREE_MAX_KEY_NAME)
		return ws2fix__fail(WS2FIX_EINVALID, WS2FIX_ERRCLASS_INVALID,
			"key name is longer than %d bytes", WS2FIX_REGTREE_MAX_KEY_NAME);
	if (parent->depth >= WS2FIX_REGTREE_MAX_DEPTH)
		return ws2fix__fail(WS2FIX_EINVALID, WS2FIX_ERRCLASS_INVALID,
			"keys nested deeper than %d levels", WS2FIX_REGTREE_MAX_DEPTH);
	if (t->nkeys >= WS2FIX_REGTREE_MAX_KEYS)
		return ws2fix__fail(WS2FIX_EINVALID, WS2FIX_ERRCLASS_INVALID,
			"more than %zu keys", WS2FIX_REGTREE_MAX_KEYS);
	k = calloc(1, sizeof(*k));
	if (!k)
		return ws2fix__oom();
	if (entry_init(&k->e, name, len) < 0) {
		free(k);
		return WS2FIX_ENOMEM;
	}
	k->parent = parent;
	k->depth = parent->depth + 1;
	list_append(&parent->subkeys, &k->e);
	t->nkeys++;
	*out = k;
	return 0;
}

/* Next non-empty component of a backslash path: [*s, *s + *n). */
static int next_component(const char **p, const char *end, const char **s, size_t *n)
{
	while (*p < end && **p == '\\')
		(*p)++;
	if (*p >= end)
		return 0;
	*s = *p;
	while (*p < end && **p != '\\')
		(*p)++;
	*n = (size_t)(*p - *s);
	return 1;
}

int ws2fix__regtree_find(ws2fix_regtree_key **out, ws2fix_regtree *t, const char *path, size_t len)
{
	ws2fix_regtree_key *k = &t->root;
	const char *p = path, *end = path + len, *s;
	size_t n;
	*out = NULL;
	while (next_component(&p, end, &s, &n)) {
		k = ws2fix__regtree_subkey(k, s, n);
		if (!k)
			return WS2FIX_ENOTFOUND;
	}
	*out = k;
	return 0;
}

int ws2fix__regtree_create(ws2fix_regtree_key **out, ws2fix_regtree *t, const char *path, size_t len)
{
	ws2fix_regtree_key *k = &t->root;
	const char *p = path, *end = path + len, *s;
	size_t n;
	*out = NULL;
	while (next_component(&p, end, &s, &n)) {
		int rc = ws2fix__regtree_add_subkey(&k, t, k, s, n);
		if (rc < 0)
			return rc;
	}
	k->listed = 1;
	*out = k;
	return 0;
}

void ws2fix__regtree_delete_key(ws2fix_regtree *t, ws2fix_regtree_key *k)
{
	key_clear(t, k);
	if (!k->parent)
		return;
	list_unlink(&k->parent->subkeys, &k->e);
	free(k->e.name);
	free(k);
	t->nkeys--;
}

ws2fix_regtree_value *ws2fix__regtree_value(const ws2fix_regtree_key *k, const char *name, size_t len)
{
	return (ws2fix_regtree_value *)(void *)list_find(&k->values, name, len);
}

int ws2fix__regtree_set_value_owned(ws2fix_regtree *t, ws2fix_regtree_key *k, const char *name,
	size_t name_len, uint32_t type, unsigned char *data, size_t len)
{
	int rc = 0;
	if (len == 0) {
		/* One representation of "no bytes", whatever the caller had. */
		free(data);
		data = NULL;
	}
	if (name_len > WS2FIX_REGTREE_MAX_VALUE_NAME) {
		rc = ws2fix__fail(WS2FIX_EINVALID, WS2FIX_ERRCLASS_INVALID,
			"value name is longer than %d bytes", WS2FIX_REGTREE_MAX_VALUE_NAME);
		goto fail;
	}
	if (memchr(name, '\0', name_len)) {
		rc = ws2fix__fail(WS2FIX_EINVALID, WS2FIX_ERRCLASS_INVALID, "value name contains NUL");
		goto fail;
	}
	if (len > WS2FIX_REGTREE_MAX_VALUE_SIZE) {
		rc = ws2fix__fail(WS2FIX_EINVALID, WS2FIX_ERRCLASS_INVALID,
			"value is larger than %zu bytes", WS2FIX_REGTREE_MAX_VALUE_SIZE);
		goto fail;
	}
	ws2fix_regtree_value *v = ws2fix__regtree_value(k, name, name_len);
	size_t old = v ? v->len : 0;
	if (t->nbytes - old > WS2FIX_REGTREE_MAX_BYTES - len) {
		rc = ws2fix__fail(WS2FIX_EINVALID, WS2FIX_ERRCLASS_INVALID,
			"values hold more than %zu bytes in all", WS2FIX_REGTREE_MAX_BYTES);
		goto fail;
	}
	if (v) {
		free(v->data);
		v->data = data;
		v->len = len;
		v->type = type;
		t->nbytes = t->nbytes - old + len;
		return 0;
	}
	if (t->nvalues >= WS2FIX_REGTREE_MAX_VALUES) {
		rc = ws2fix__fail(WS2FIX_EINVALID, WS2FIX_ERRCLASS_INVALID,
			"more than %zu values", WS2FIX_REGTREE_MAX_VALUES);
		goto fail;
	}
	v = calloc(1, sizeof(*v));
	if (!v) {
		rc = ws2fix__oom();
		goto fail;
	}
	if (entry_init(&v->e, name, name_len) < 0) {
		free(v);
		rc = WS2FIX_ENOMEM;
		goto fail;
	}
	v->type = type;
	v->data = data;
	v->len = len;
	list_append(&k->values, &v->e);
	t->nvalues++;
	t->nbytes += len;
	return 0;
fail:
	free(data);
	return rc;
}

int ws2fix__regtree_set_value(ws2fix_regtree *t, ws2fix_regtree_key *k, const char *name,
	size_t name_len, uint32_t type, const void *data, size_t len)
{
	unsigned char *copy = NULL;
	if (len > WS2FIX_REGTREE_MAX_VALUE_SIZE)
		return ws2fix__fail(WS2FIX_EINVALID, WS2FIX_ERRCLASS_INVALID,
			"value is larger than %zu bytes", WS2FIX_REGTREE_MAX_VALUE_SIZE);
	if (len) {
		copy = malloc(len);
		if (!copy)
			return ws2fix__oom();
		memcpy(copy, data, len);
	}
	return ws2fix__regtree_set_value_owned(t, k, name, name_len, type, copy, len);
}

int ws2fix__regtree_delete_value(ws2fix_regtree *t, ws2fix_regtree_key *k, const char *name,
	size_t name_len)
{
	ws2fix_regtree_value *v = ws2fix__regtree_value(k, name, name_len);
	if (!v)
		return WS2FIX_ENOTFOUND;
	list_unlink(&k->values, &v->e);
	value_free(t, v);
	return 0;
}

/* SPDX-License-Identifier: MIT */
/*
 * Each key's subkey or value names, read from hivex once and kept sorted
 * (hive_index.h).
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "hive_index.h"

typedef struct entry {
	const char *name;
	size_t order; /* position in stored order */
} entry;

typedef struct names_of {
	size_t key;        /* node * 2 + values */
	size_t count;      /* names in stored order */
	size_t first_bad;  /* stored position of the first unreadable name, or count */
	int bad_errno;
	size_t *handles;   /* stored order */
	char **names;      /* stored order, NULL where unreadable */
	entry *sorted;     /* readable names, by folded name then order */
	size_t nsorted;
} names_of;

struct ws2fix__hive_index {
	names_of **slots; /* open addressing by key */
	size_t cap, used;
};

static int lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
}

static int cmp_folded(const char *a, const char *b)
{
	for (;; a++, b++) {
		int ca = lower((unsigned char)*a), cb = lower((unsigned char)*b);
		if (ca != cb || !ca)
			return ca - cb;
	}
}

/* A stored name against the @p n bytes at @p q, in the order of cmp_folded. */
static int cmp_query(const char *s, const char *q, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		int cs = lower((unsigned char)s[i]), cq = lower((unsigned char)q[i]);
		if (cs != cq || !cs)
			return cs - cq;
	}
	return s[n] ? 1 : 0;
}

static int cmp_entry(const void *x, const void *y)
{
	const entry *a = x, *b = y;
	int c = cmp_folded(a->name, b->name);
	if (c)
		return c;
	return a->order < b->order ? -1 : a->order > b->order;
}

static size_t hash(size_t key)
{
	uint64_t k = (uint64_t)key * 0x9E3779B97F4A7C15ull;
	return (size_t)(k >> 17);
}

ws2fix__hive_index *ws2fix__hive_index_new(void)
{
	return calloc(1, sizeof(ws2fix__hive_index));
}

static void names_free(names_of *l)
{
	if (!l)
		return;
	for (size_t i = 0; i < l->count; i++)
		free(l->names[i]);
	free(l->names);
	free(l->handles);
	free(l->sorted);
	free(l);
}

void ws2fix__hive_index_clear(ws2fix__hive_index *ix)
{
	if (!ix)
		return;
	for (size_t i = 0; i < ix->cap; i++)
		names_free(ix->slots[i]);
	free(ix->slots);
	ix->slots = NULL;
	ix->cap = ix->used = 0;
}

void ws2fix__hive_index_free(ws2fix__hive_index *ix)
{
	ws2fix__hive_index_clear(ix);
	free(ix);
}

static names_of **slot_of(ws2fix__hive_index *ix, size_t key)
{
	size_t i = hash(key) & (ix->cap - 1);
	while (ix->slots[i] && ix->slots[i]->key != key)
		i = (i + 1) & (ix->cap - 1);
	return &ix->slots[i];
}

static int grow(ws2fix__hive_index *ix)
{
	size_t cap = ix->cap ? ix->cap * 2 : 64;
	names_of **old = ix->slots;
	size_t old_cap = ix->cap;
	ix->slots = calloc(cap, sizeof(*ix->slots));
	if (!ix->slots) {
		ix->slots = old;
		errno = ENOMEM;
		return -1;
	}
	ix->cap = cap;
	for (size_t i = 0; i < old_cap; i++)
		if (old[i])
			*slot_of(ix, old[i]->key) = old[i];
	free(old);
	return 0;
}

/* Read a key's names from hivex: NULL with errno set when it cannot list them. */
static names_of *read_names(hive_h *h, hive_node_h node, int values)
{
	errno = 0;
	size_t *handles = values ? hivex_node_values(h, node) : hivex_node_children(h, node);
	if (!handles) {
		if (!errno)
			errno = EINVAL;
		return NULL;
	}
	size_t n = 0;
	while (handles[n])
		n++;
	names_of *l = calloc(1, sizeof(*l));
	char **names = calloc(n + 1, sizeof(char *));
	entry *sorted = calloc(n + 1, sizeof(entry));
	if (!l || !names || !sorted) {
		free(l);
		free(names);
		free(sorted);
		free(handles);
		errno = ENOMEM;
		return NULL;
	}
	l->key = (size_t)node * 2 + (values != 0);
	l->count = n;
	l->first_bad = n;
	l->handles = handles;
	l->names = names;
	l->sorted = sorted;
	for (size_t i = 0; i < n; i++) {
		errno = 0;
		names[i] = values ? hivex_value_key(h, handles[i]) : hivex_node_name(h, handles[i]);
		if (!names[i]) {
			if (l->first_bad == n) {
				l->first_bad = i;
				l->bad_errno = errno ? errno : EINVAL;
			}
			continue;
		}
		sorted[l->nsorted].name = names[i];
		sorted[l->nsorted].order = i;
		l->nsorted++;
	}
	qsort(sorted, l->nsorted, sizeof(entry), cmp_entry);
	return l;
}

static names_of *get(ws2fix__hive_index *ix, hive_h *h, hive_node_h node, int values)
{
	size_t key = (size_t)node * 2 + (values != 0);
	if (ix->cap) {
		names_of *l = *slot_of(ix, key);
		if (l)
			return l;
	}
	if ((ix->used + 1) * 2 > ix->cap && grow(ix) < 0)
		return NULL;
	names_of *l = read_names(h, node, values);
	if (!l)
		return NULL;
	*slot_of(ix, key) = l;
	ix->used++;
	return l;
}

int ws2fix__hive_index_find(ws2fix__hive_index *ix, hive_h *h, hive_node_h node, int values, const char *name,
	size_t n, size_t *out)
{
	names_of *l = get(ix, h, node, values);
	if (!l)
		return -1;
	size_t lo = 0, hi = l->nsorted;
	while (lo < hi) { /* the first entry not below the name */
		size_t mid = lo + (hi - lo) / 2;
		if (cmp_query(l->sorted[mid].name, name, n) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	/* hivex scans in stored order and stops at the first match, or at
	 * the first name it cannot read. */
	if (lo < l->nsorted && cmp_query(l->sorted[lo].name, name, n) == 0 && l->sorted[lo].order < l->first_bad) {
		*out = l->handles[l->sorted[lo].order];
		return 1;
	}
	if (l->first_bad < l->count) {
		errno = l->bad_errno;
		return -1;
	}
	return 0;
}

long ws2fix__hive_index_names(ws2fix__hive_index *ix, hive_h *h, hive_node_h node, int values,
	const char *const **names)
{
	names_of *l = get(ix, h, node, values);
	if (!l)
		return -1;
	if (l->first_bad < l->count)
		return -2;
	*names = (const char *const *)l->names;
	return (long)l->count;
}

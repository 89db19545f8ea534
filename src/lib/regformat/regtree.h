/* SPDX-License-Identifier: MIT */
/*
 * An in-memory registry tree (library internal): what a .reg file is parsed
 * into, and what the .reg backend reads and edits.
 *
 * Keys keep their subkeys and values in insertion order, because that order
 * is data for us: regedit exports values in the order the hive stores them,
 * and Winsock reads catalog entries in key order.  Lookups are by name,
 * ASCII case-insensitive as Windows compares them, through a small hash
 * index per key so that a hostile file with a million siblings costs linear
 * time rather than quadratic.
 *
 * Every count and size is capped (WS2FIX_REGTREE_MAX_*): the tree is fed
 * from untrusted files and must fail with an error, never exhaust memory or
 * stack.  Names are UTF-8; values are raw type + bytes, never interpreted.
 */
#ifndef WS2FIX_REGTREE_H
#define WS2FIX_REGTREE_H

#include <stddef.h>
#include <stdint.h>

/** Deepest key below the root; Windows itself stops at 512 levels. */
#define WS2FIX_REGTREE_MAX_DEPTH 512
/** Key name, UTF-8 bytes (Windows: 255 UTF-16 units, at most 765 bytes). */
#define WS2FIX_REGTREE_MAX_KEY_NAME 1024
/** Value name, UTF-8 bytes (Windows: 16383 UTF-16 units). */
#define WS2FIX_REGTREE_MAX_VALUE_NAME 49152
/** One value's data: far above anything Winsock stores (888-byte items). */
#define WS2FIX_REGTREE_MAX_VALUE_SIZE ((size_t)1 << 20)
/** Whole tree: keys, values and value bytes. */
#define WS2FIX_REGTREE_MAX_KEYS ((size_t)1 << 20)
#define WS2FIX_REGTREE_MAX_VALUES ((size_t)1 << 22)
#define WS2FIX_REGTREE_MAX_BYTES ((size_t)256 << 20)

/*
 * The part shared by keys and values: a name, a place in the parent's
 * ordered list, and a place in the parent's hash chain.
 */
typedef struct ws2fix__rt_entry {
	char *name; /* UTF-8, NUL-terminated */
	size_t name_len;
	uint32_t hash; /* of the ASCII-lowercased name */
	struct ws2fix__rt_entry *prev, *next, *hnext;
} ws2fix__rt_entry;

/* An ordered list of named entries with an optional hash index. */
typedef struct ws2fix__rt_list {
	ws2fix__rt_entry *first, *last;
	ws2fix__rt_entry **buckets; /* NULL while the list is short */
	size_t nbuckets;            /* a power of two, or 0 */
	size_t count;
} ws2fix__rt_list;

typedef struct ws2fix_regtree_value {
	ws2fix__rt_entry e; /* first member: lists hold &e */
	uint32_t type;
	unsigned char *data; /* owned; NULL when len == 0 */
	size_t len;
} ws2fix_regtree_value;

typedef struct ws2fix_regtree_key ws2fix_regtree_key;
struct ws2fix_regtree_key {
	ws2fix__rt_entry e; /* first member; the root's name is "" */
	ws2fix_regtree_key *parent;
	unsigned depth; /* root 0 */
	/* Set when a .reg line or an API call named this key itself, as
	 * opposed to creating it only as the parent of a deeper key; the
	 * writer uses it to rewrite a file without adding parent lines. */
	int listed;
	ws2fix__rt_list subkeys;
	ws2fix__rt_list values;
};

typedef struct ws2fix_regtree ws2fix_regtree;

/** @return 0 or WS2FIX_ENOMEM */
int ws2fix__regtree_new(ws2fix_regtree **out);
/** Accepts NULL. */
void ws2fix__regtree_free(ws2fix_regtree *t);

/** The root key (the SYSTEM hive root for ws2fix).  Never NULL. */
ws2fix_regtree_key *ws2fix__regtree_root(ws2fix_regtree *t);

/** Totals, for tests and diagnostics. */
size_t ws2fix__regtree_key_count(const ws2fix_regtree *t);
size_t ws2fix__regtree_value_count(const ws2fix_regtree *t);

/* Ordered iteration (NULL at the end). */
static inline ws2fix_regtree_key *ws2fix__regtree_first_subkey(const ws2fix_regtree_key *k)
{
	return (ws2fix_regtree_key *)(void *)k->subkeys.first;
}
static inline ws2fix_regtree_key *ws2fix__regtree_next_sibling(const ws2fix_regtree_key *k)
{
	return (ws2fix_regtree_key *)(void *)k->e.next;
}
static inline ws2fix_regtree_value *ws2fix__regtree_first_value(const ws2fix_regtree_key *k)
{
	return (ws2fix_regtree_value *)(void *)k->values.first;
}
static inline ws2fix_regtree_value *ws2fix__regtree_next_value(const ws2fix_regtree_value *v)
{
	return (ws2fix_regtree_value *)(void *)v->e.next;
}

/** The direct subkey called @p name (@p len bytes), or NULL. */
ws2fix_regtree_key *ws2fix__regtree_subkey(const ws2fix_regtree_key *k, const char *name,
	size_t len);

/**
 * The subkey called @p name, created (appended last) when absent.
 * @return 0, WS2FIX_EINVALID (empty name, a backslash in it, too long, too
 *         deep, too many keys) or WS2FIX_ENOMEM
 */
int ws2fix__regtree_add_subkey(ws2fix_regtree_key **out, ws2fix_regtree *t,
	ws2fix_regtree_key *parent, const char *name, size_t len);

/**
 * Find a key by backslash-separated path relative to the root ("" is the
 * root).  Empty components (doubled or trailing backslashes) are skipped.
 * @return 0 or WS2FIX_ENOTFOUND
 */
int ws2fix__regtree_find(ws2fix_regtree_key **out, ws2fix_regtree *t, const char *path,
	size_t len);

/**
 * Find or create a key and its parents.  The key itself is marked listed;
 * parents created on the way are not.
 * @return 0, WS2FIX_EINVALID or WS2FIX_ENOMEM
 */
int ws2fix__regtree_create(ws2fix_regtree_key **out, ws2fix_regtree *t, const char *path,
	size_t len);

/**
 * Remove a key with everything below it.  The root cannot be removed; it
 * is emptied instead.  @p k is invalid afterwards (unless it is the root).
 */
void ws2fix__regtree_delete_key(ws2fix_regtree *t, ws2fix_regtree_key *k);

/** The value called @p name ("" is the default value), or NULL. */
ws2fix_regtree_value *ws2fix__regtree_value(const ws2fix_regtree_key *k, const char *name,
	size_t len);

/**
 * Set a value, copying @p data.  A value that exists keeps its place in the
 * order (as RegSetValueEx does); a new one is appended.
 * @return 0, WS2FIX_EINVALID (name or data too large, too many values) or
 *         WS2FIX_ENOMEM
 */
int ws2fix__regtree_set_value(ws2fix_regtree *t, ws2fix_regtree_key *k, const char *name,
	size_t name_len, uint32_t type, const void *data, size_t len);

/** As ws2fix__regtree_set_value, taking ownership of @p data (malloc'd or
 *  NULL) even when it fails: saves a copy of every value while parsing. */
int ws2fix__regtree_set_value_owned(ws2fix_regtree *t, ws2fix_regtree_key *k,
	const char *name, size_t name_len, uint32_t type, unsigned char *data, size_t len);

/** @return 0 or WS2FIX_ENOTFOUND */
int ws2fix__regtree_delete_value(ws2fix_regtree *t, ws2fix_regtree_key *k, const char *name,
	size_t name_len);

#endif

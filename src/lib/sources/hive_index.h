/* SPDX-License-Identifier: MIT */
/*
 * Name lookups in a hivex hive, each key's names read once (library
 * internal, hive.c's only).
 *
 * hivex_node_get_child and hivex_node_get_value read and convert every
 * name of a key on each call, so walking paths from the root costs a
 * scan of Services (hundreds of keys) per lookup.  The index reads the
 * names of a key's subkeys or values the first time one is asked for,
 * keeps them sorted, and answers later lookups by binary search, with
 * hivex's own rule: ASCII case-insensitive, the first in stored order
 * wins, and a name hivex cannot read before the match is an error.
 * Node handles go stale after a write: clear the index on every one.
 */
#ifndef WS2FIX_SOURCES_HIVE_INDEX_H
#define WS2FIX_SOURCES_HIVE_INDEX_H

#include <hivex.h>
#include <stddef.h>

typedef struct ws2fix__hive_index ws2fix__hive_index;

ws2fix__hive_index *ws2fix__hive_index_new(void);
void ws2fix__hive_index_free(ws2fix__hive_index *ix);
/** Forget everything (after a write). */
void ws2fix__hive_index_clear(ws2fix__hive_index *ix);

/** The subkey (@p values 0) or value (1) of @p node named by the @p n
 *  bytes at @p name.  Returns 1 with *out set, 0 when there is none, -1
 *  with errno set when hivex cannot list or read the names. */
int ws2fix__hive_index_find(ws2fix__hive_index *ix, hive_h *h, hive_node_h node, int values, const char *name,
	size_t n, size_t *out);

/** The names of @p node's subkeys or values in stored order, owned by
 *  the index until its next clear.  Returns the count with *names set,
 *  -1 with errno set when hivex cannot list them, -2 when one of the
 *  names is unreadable. */
long ws2fix__hive_index_names(ws2fix__hive_index *ix, hive_h *h, hive_node_h node, int values,
	const char *const **names);

#endif

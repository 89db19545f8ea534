/* SPDX-License-Identifier: MIT */
/* Looking a message up in a table of [id][language] texts: the library's
 * (src/lib/i18n.c) and each front end's own table use the one rule. */
#ifndef WS2FIX_UTIL_MSGTABLE_H
#define WS2FIX_UTIL_MSGTABLE_H

#include <stddef.h>

/** Languages a table has: English (0) and Swedish (1). */
#define WS2FIX_MSGTABLE_LANGS 2

/**
 * texts[id][lang]; an empty or missing text falls back to English, an id
 * or language out of range gives "" (id) or English (lang).  Static.
 */
const char *ws2fix__msgtable_text(const char *const (*texts)[WS2FIX_MSGTABLE_LANGS], size_t count, unsigned int id,
	unsigned int lang);

#endif

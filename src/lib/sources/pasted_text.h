/* SPDX-License-Identifier: MIT */
/* Text people paste (netsh listings, HijackThis logs) as UTF-8. */
#ifndef WS2FIX_PASTED_TEXT_H
#define WS2FIX_PASTED_TEXT_H

#include <stddef.h>

/**
 * Decode pasted text to UTF-8: UTF-16LE with BOM (or without one when the
 * text starts with ASCII), UTF-16BE with BOM, UTF-8 with or without BOM,
 * anything else as Windows-1252 (NUL bytes there become spaces).
 * @param[out] out  owned, NUL-terminated copy (caller frees)
 * @return 0 or WS2FIX_ENOMEM
 */
int ws2fix__pasted_text_decode(char **out, size_t *out_len, const unsigned char *in, size_t len);

/** A parser of pasted text: @p out is its own result type (a ws2fix_catalog
 *  ** or a ws2fix_hjt_log **); @p name is what its messages call the text. */
typedef int (*ws2fix__pasted_parser)(void *out, const unsigned char *data, size_t len, const char *name);

/**
 * Read a file of at most @p max bytes, parse it with @p parse under the
 * file's name, free the bytes: one way for every pasted-text reader.
 * @return what the reader or the parser returned
 */
int ws2fix__pasted_file_parse(void *out, const char *path, size_t max, ws2fix__pasted_parser parse);

#endif

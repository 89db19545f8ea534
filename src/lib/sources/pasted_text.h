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

#endif

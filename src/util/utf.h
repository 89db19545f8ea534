/* SPDX-License-Identifier: MIT */
/*
 * Text conversions at the boundaries.  Inside ws2fix every string is UTF-8;
 * the registry keeps UTF-16LE, PackedCatalogItem paths are ANSI (taken as
 * Windows-1252, the code page of every sample we have), .reg files are
 * UTF-16LE or 8-bit.
 */
#ifndef WS2FIX_UTIL_UTF_H
#define WS2FIX_UTIL_UTF_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"

/**
 * UTF-16LE (@p nbytes bytes; a trailing odd byte is ignored) to UTF-8.
 * With @p stop_at_nul, conversion ends at the first U+0000; otherwise NULs
 * are kept (for REG_MULTI_SZ).  Unpaired surrogates become U+FFFD and set
 * *bad (when not NULL).
 * @param[out] out      NUL-terminated, caller frees
 * @param[out] out_len  bytes written, without the terminator (may be NULL)
 * @return 0 or WS2FIX_ENOMEM
 */
int ws2fix__utf16le_to_utf8(char **out, size_t *out_len, const unsigned char *src,
	size_t nbytes, int stop_at_nul, int *bad);

/** Append code point @p cp (at most U+10FFFF) to @p b as UTF-8: the one
 *  writer every decoder here and in the library uses. */
void ws2fix__buf_put_utf8(ws2fix_buf *b, uint32_t cp);

/**
 * UTF-8 (@p len bytes) to UTF-16LE.  Invalid sequences become U+FFFD.
 * With @p terminate a U+0000 is appended.
 * @param[out] out  caller frees; *out_bytes its size in bytes
 * @return 0 or WS2FIX_ENOMEM
 */
int ws2fix__utf8_to_utf16le(unsigned char **out, size_t *out_bytes, const char *src,
	size_t len, int terminate);

/** Windows-1252 bytes (up to @p len or the first NUL) to UTF-8 in @p out
 *  (size @p outsz, always terminated).  @return bytes of input consumed before the NUL. */
size_t ws2fix__cp1252_to_utf8(char *out, size_t outsz, const unsigned char *src, size_t len);

/** UTF-8 to Windows-1252; characters it lacks become '?'.  @return bytes
 *  written (without NUL), or (size_t)-1 if it does not fit @p outsz-1. */
size_t ws2fix__utf8_to_cp1252(unsigned char *out, size_t outsz, const char *src);

/** Decode one UTF-8 code point at *s (advancing it); U+FFFD on bad input. */
uint32_t ws2fix__utf8_next(const char **s, const char *end);

/** The value of one hex digit (either case), or -1. */
int ws2fix__hexval(int c);

/** ASCII case-insensitive comparison (registry names). */
int ws2fix__strcasecmp(const char *a, const char *b);
int ws2fix__strncasecmp(const char *a, const char *b, size_t n);

/** strdup that sets the ws2fix error on failure. */
char *ws2fix__strdup(const char *s);
char *ws2fix__strndup(const char *s, size_t n);

#endif

/* SPDX-License-Identifier: MIT */
/*
 * A growable byte buffer, always NUL-terminated.  Allocation failure is
 * sticky: after it every append is a no-op and buf_oom() says so, so callers
 * check once at the end instead of after every append.
 */
#ifndef WS2FIX_UTIL_BUF_H
#define WS2FIX_UTIL_BUF_H

#include <stdarg.h>
#include <stddef.h>

#include "attrs.h"

typedef struct ws2fix_buf {
	char *ptr;
	size_t len;
	size_t cap;
	int oom;
} ws2fix_buf;

#define WS2FIX_BUF_INIT {NULL, 0, 0, 0}

void ws2fix__buf_put(ws2fix_buf *b, const void *data, size_t len);
void ws2fix__buf_puts(ws2fix_buf *b, const char *s);
void ws2fix__buf_putc(ws2fix_buf *b, char c);
void ws2fix__buf_printf(ws2fix_buf *b, const char *fmt, ...) WS2FIX_PRINTF(2, 3);
void ws2fix__buf_vprintf(ws2fix_buf *b, const char *fmt, va_list ap) WS2FIX_PRINTF(2, 0);
/** Ensure room for @p extra more bytes. */
void ws2fix__buf_grow(ws2fix_buf *b, size_t extra);
/** Take ownership of the contents ("" when empty); the buffer is reset. NULL on OOM. */
char *ws2fix__buf_detach(ws2fix_buf *b);
void ws2fix__buf_free(ws2fix_buf *b);
static inline int ws2fix__buf_oom(const ws2fix_buf *b) { return b->oom; }
static inline const char *ws2fix__buf_cstr(const ws2fix_buf *b) { return b->ptr ? b->ptr : ""; }

#endif

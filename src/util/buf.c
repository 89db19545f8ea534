/* SPDX-License-Identifier: MIT */
#include "buf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void ws2fix__buf_grow(ws2fix_buf *b, size_t extra)
{
	if (b->oom)
		return;
	if (extra > (size_t)-1 / 2 - b->len) {
		b->oom = 1;
		return;
	}
	size_t need = b->len + extra + 1;
	if (need <= b->cap)
		return;
	size_t cap = b->cap ? b->cap : 64;
	while (cap < need)
		cap *= 2;
	char *p = realloc(b->ptr, cap);
	if (!p) {
		b->oom = 1;
		return;
	}
	b->ptr = p;
	b->cap = cap;
}

void ws2fix__buf_put(ws2fix_buf *b, const void *data, size_t len)
{
	ws2fix__buf_grow(b, len);
	if (b->oom)
		return;
	if (len)
		memcpy(b->ptr + b->len, data, len);
	b->len += len;
	b->ptr[b->len] = '\0';
}

void ws2fix__buf_puts(ws2fix_buf *b, const char *s)
{
	ws2fix__buf_put(b, s, strlen(s));
}

void ws2fix__buf_putc(ws2fix_buf *b, char c)
{
	ws2fix__buf_put(b, &c, 1);
}

void ws2fix__buf_vprintf(ws2fix_buf *b, const char *fmt, va_list ap)
{
	va_list ap2;
	va_copy(ap2, ap);
	int n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (n < 0) {
		b->oom = 1;
		return;
	}
	ws2fix__buf_grow(b, (size_t)n);
	if (b->oom)
		return;
	vsnprintf(b->ptr + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
}

void ws2fix__buf_printf(ws2fix_buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	ws2fix__buf_vprintf(b, fmt, ap);
	va_end(ap);
}

char *ws2fix__buf_detach(ws2fix_buf *b)
{
	if (b->oom) {
		ws2fix__buf_free(b);
		return NULL;
	}
	char *p = b->ptr;
	if (!p) {
		p = malloc(1);
		if (p)
			p[0] = '\0';
	}
	b->ptr = NULL;
	b->len = b->cap = 0;
	return p;
}

void ws2fix__buf_free(ws2fix_buf *b)
{
	free(b->ptr);
	b->ptr = NULL;
	b->len = b->cap = 0;
	b->oom = 0;
}

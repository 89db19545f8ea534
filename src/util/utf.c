/* SPDX-License-Identifier: MIT */
#include "utf.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "ws2fix/errors.h"

void ws2fix__buf_put_utf8(ws2fix_buf *b, uint32_t cp)
{
	char t[4];
	size_t n;
	if (cp < 0x80) {
		t[0] = (char)cp;
		n = 1;
	} else if (cp < 0x800) {
		t[0] = (char)(0xC0 | (cp >> 6));
		t[1] = (char)(0x80 | (cp & 0x3F));
		n = 2;
	} else if (cp < 0x10000) {
		t[0] = (char)(0xE0 | (cp >> 12));
		t[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		t[2] = (char)(0x80 | (cp & 0x3F));
		n = 3;
	} else {
		t[0] = (char)(0xF0 | (cp >> 18));
		t[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
		t[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
		t[3] = (char)(0x80 | (cp & 0x3F));
		n = 4;
	}
	ws2fix__buf_put(b, t, n);
}

int ws2fix__utf16le_to_utf8(char **out, size_t *out_len, const unsigned char *src,
	size_t nbytes, int stop_at_nul, int *bad)
{
	ws2fix_buf b = WS2FIX_BUF_INIT;
	size_t n = nbytes / 2;
	ws2fix__buf_grow(&b, n);
	for (size_t i = 0; i < n; i++) {
		uint32_t u = (uint32_t)src[2 * i] | ((uint32_t)src[2 * i + 1] << 8);
		if (u == 0 && stop_at_nul)
			break;
		if (u >= 0xD800 && u <= 0xDBFF && i + 1 < n) {
			uint32_t lo = (uint32_t)src[2 * i + 2] | ((uint32_t)src[2 * i + 3] << 8);
			if (lo >= 0xDC00 && lo <= 0xDFFF) {
				ws2fix__buf_put_utf8(&b, 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00));
				i++;
				continue;
			}
		}
		if (u >= 0xD800 && u <= 0xDFFF) {
			if (bad)
				*bad = 1;
			u = 0xFFFD;
		}
		ws2fix__buf_put_utf8(&b, u);
	}
	size_t len = b.len;
	char *s = ws2fix__buf_detach(&b);
	if (!s)
		return WS2FIX_ENOMEM;
	*out = s;
	if (out_len)
		*out_len = len;
	return 0;
}

uint32_t ws2fix__utf8_next(const char **sp, const char *end)
{
	const unsigned char *s = (const unsigned char *)*sp;
	const unsigned char *e = (const unsigned char *)end;
	uint32_t c = *s++;
	int extra;
	uint32_t min;
	if (c < 0x80) {
		*sp = (const char *)s;
		return c;
	} else if ((c & 0xE0) == 0xC0) {
		extra = 1; c &= 0x1F; min = 0x80;
	} else if ((c & 0xF0) == 0xE0) {
		extra = 2; c &= 0x0F; min = 0x800;
	} else if ((c & 0xF8) == 0xF0) {
		extra = 3; c &= 0x07; min = 0x10000;
	} else {
		*sp = (const char *)s;
		return 0xFFFD;
	}
	for (int i = 0; i < extra; i++) {
		if (s >= e || (*s & 0xC0) != 0x80) {
			*sp = (const char *)s;
			return 0xFFFD;
		}
		c = (c << 6) | (*s++ & 0x3F);
	}
	*sp = (const char *)s;
	if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
		return 0xFFFD;
	return c;
}

int ws2fix__utf8_to_utf16le(unsigned char **out, size_t *out_bytes, const char *src,
	size_t len, int terminate)
{
	ws2fix_buf b = WS2FIX_BUF_INIT;
	const char *p = src, *end = src + len;
	while (p < end) {
		uint32_t c = ws2fix__utf8_next(&p, end);
		unsigned char t[4];
		if (c >= 0x10000) {
			c -= 0x10000;
			uint32_t hi = 0xD800 + (c >> 10), lo = 0xDC00 + (c & 0x3FF);
			t[0] = (unsigned char)hi; t[1] = (unsigned char)(hi >> 8);
			t[2] = (unsigned char)lo; t[3] = (unsigned char)(lo >> 8);
			ws2fix__buf_put(&b, t, 4);
		} else {
			t[0] = (unsigned char)c; t[1] = (unsigned char)(c >> 8);
			ws2fix__buf_put(&b, t, 2);
		}
	}
	if (terminate)
		ws2fix__buf_put(&b, "\0\0", 2);
	size_t n = b.len;
	char *s = ws2fix__buf_detach(&b);
	if (!s)
		return WS2FIX_ENOMEM;
	*out = (unsigned char *)s;
	*out_bytes = n;
	return 0;
}

/* 0x80..0x9F of Windows-1252; 0 marks the five undefined slots (kept as C1). */
static const uint16_t cp1252_high[32] = {
	0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
	0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
	0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
	0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178};

static uint32_t cp1252_decode(unsigned char c)
{
	if (c >= 0x80 && c <= 0x9F && cp1252_high[c - 0x80])
		return cp1252_high[c - 0x80];
	return c;
}

size_t ws2fix__cp1252_to_utf8(char *out, size_t outsz, const unsigned char *src, size_t len)
{
	size_t o = 0, i;
	for (i = 0; i < len && src[i]; i++) {
		uint32_t cp = cp1252_decode(src[i]);
		char t[3];
		size_t n;
		if (cp < 0x80) {
			t[0] = (char)cp; n = 1;
		} else if (cp < 0x800) {
			t[0] = (char)(0xC0 | (cp >> 6)); t[1] = (char)(0x80 | (cp & 0x3F)); n = 2;
		} else {
			t[0] = (char)(0xE0 | (cp >> 12)); t[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
			t[2] = (char)(0x80 | (cp & 0x3F)); n = 3;
		}
		if (o + n + 1 > outsz)
			break;
		memcpy(out + o, t, n);
		o += n;
	}
	if (outsz)
		out[o] = '\0';
	return i;
}

size_t ws2fix__utf8_to_cp1252(unsigned char *out, size_t outsz, const char *src)
{
	size_t o = 0;
	const char *p = src, *end = src + strlen(src);
	while (p < end) {
		uint32_t c = ws2fix__utf8_next(&p, end);
		unsigned char b = '?';
		if (c < 0x80 || (c >= 0xA0 && c <= 0xFF)) {
			b = (unsigned char)c;
		} else {
			for (int k = 0; k < 32; k++)
				if (cp1252_high[k] && cp1252_high[k] == c)
					b = (unsigned char)(0x80 + k);
		}
		if (o + 1 >= outsz)
			return (size_t)-1;
		out[o++] = b;
	}
	if (outsz)
		out[o] = 0;
	return o;
}

int ws2fix__hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

static int lower(int c)
{
	return (c >= 'A' && c <= 'Z') ? c + 32 : c;
}

int ws2fix__strcasecmp(const char *a, const char *b)
{
	for (;; a++, b++) {
		int ca = lower((unsigned char)*a), cb = lower((unsigned char)*b);
		if (ca != cb || !ca)
			return ca - cb;
	}
}

int ws2fix__strncasecmp(const char *a, const char *b, size_t n)
{
	for (; n; n--, a++, b++) {
		int ca = lower((unsigned char)*a), cb = lower((unsigned char)*b);
		if (ca != cb || !ca)
			return ca - cb;
	}
	return 0;
}

char *ws2fix__strndup(const char *s, size_t n)
{
	char *p = malloc(n + 1);
	if (!p)
		return NULL;
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *ws2fix__strdup(const char *s)
{
	return ws2fix__strndup(s, strlen(s));
}

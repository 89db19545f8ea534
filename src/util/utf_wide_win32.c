/* SPDX-License-Identifier: MIT */
/* UTF-8 <-> UTF-16 wchar_t strings (util/utf_wide.h), over util/utf.h. */
#include "utf_wide.h"

#include <string.h>

#include "utf.h"

wchar_t *ws2fix__utf8_to_wide(const char *s)
{
	unsigned char *w = NULL;
	size_t nbytes = 0;
	if (ws2fix__utf8_to_utf16le(&w, &nbytes, s ? s : "", s ? strlen(s) : 0, 1) < 0)
		return NULL;
	return (wchar_t *)(void *)w;
}

char *ws2fix__wide_to_utf8(const wchar_t *s, int len)
{
	char *out = NULL;
	size_t n = 0;
	if (s)
		n = len < 0 ? wcslen(s) : (size_t)len;
	if (ws2fix__utf16le_to_utf8(&out, NULL, (const unsigned char *)s, n * sizeof(wchar_t), 0,
		    NULL) < 0)
		return NULL;
	return out;
}

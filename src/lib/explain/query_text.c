/* SPDX-License-Identifier: MIT */
/*
 * A pasted query's bytes as UTF-8 (include/ws2fix/explain.h): what
 * PowerShell and Notepad write (UTF-16LE, with a byte order mark or
 * without one), UTF-8 with or without its mark.  Bytes that are not UTF-8
 * at all are left as they are: the matcher reads them as Windows-1252.
 */
#include <stdlib.h>
#include <string.h>

#include "ws2fix/errors.h"
#include "ws2fix/explain.h"
#include "../errors_internal.h"
#include "../../util/utf.h"

int ws2fix_explain_query_from_bytes(char **out, const unsigned char *p, size_t len)
{
	if (!out || (!p && len))
		return ws2fix__fail(WS2FIX_EINVALID, WS2FIX_ERRCLASS_INVALID, "no text");
	*out = NULL;
	if (len >= 2 && ((p[0] == 0xFF && p[1] == 0xFE) || (p[0] != 0 && p[1] == 0))) {
		int bom = p[0] == 0xFF;
		return ws2fix__utf16le_to_utf8(out, NULL, p + (bom ? 2 : 0), len - (bom ? 2 : 0), 1, NULL);
	}
	if (len >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF) {
		p += 3;
		len -= 3;
	}
	/* Up to the first NUL, as a C string holds it. */
	const unsigned char *nul = len ? memchr(p, 0, len) : NULL;
	if (nul)
		len = (size_t)(nul - p);
	char *s = malloc(len + 1);
	if (!s)
		return ws2fix__oom();
	if (len)
		memcpy(s, p, len);
	s[len] = '\0';
	*out = s;
	return 0;
}

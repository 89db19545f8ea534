/* SPDX-License-Identifier: MIT */
/* Reading values for the OS detector from a registry or a bare backend. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "osdetect_internal.h"
#include "../errors_internal.h"
#include "../platform.h"
#include "ws2fix/providers.h"
#include "../../util/utf.h"

/* ---- Reading values from a registry or, for SOFTWARE, a bare backend. ---- */


int ws2fix__os_src_get(src *s, ws2fix_regvalue *out, const char *path, const char *name)
{
	if (s->reg)
		return ws2fix_registry_get_value(out, s->reg, path, name);
	out->type = 0;
	out->data = NULL;
	out->len = 0;
	return s->be->get_value(out, s->be, path, name);
}

int ws2fix__os_src_subkeys(src *s, ws2fix_strlist *out, const char *path)
{
	if (s->reg)
		return ws2fix_registry_subkeys(out, s->reg, path);
	out->items = NULL;
	out->count = 0;
	return s->be->subkeys(out, s->be, path);
}

/* Values that are absent, of the wrong type or unreadable all count as
 * "not there": detection never fails for lack of evidence.  Only running
 * out of memory is passed up. */
int ws2fix__os_get_dword(src *s, const char *path, const char *name, uint32_t *out, int *oom)
{
	ws2fix_regvalue v;
	int rc = ws2fix__os_src_get(s, &v, path, name);
	if (rc == WS2FIX_ENOMEM)
		*oom = 1;
	if (rc < 0)
		return 0;
	rc = ws2fix_regvalue_dword(out, &v) == 0;
	ws2fix_regvalue_clear(&v);
	return rc;
}

char *ws2fix__os_get_string(src *s, const char *path, const char *name, int *oom)
{
	ws2fix_regvalue v;
	char *str = NULL;
	int rc = ws2fix__os_src_get(s, &v, path, name);
	if (rc == WS2FIX_ENOMEM)
		*oom = 1;
	if (rc < 0)
		return NULL;
	if (v.type == WS2FIX_REG_SZ || v.type == WS2FIX_REG_EXPAND_SZ) {
		if (ws2fix_regvalue_string(&str, &v) == WS2FIX_ENOMEM)
			*oom = 1;
	}
	ws2fix_regvalue_clear(&v);
	return str;
}

char *ws2fix__os_join(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	char *p = malloc(la + lb + 2);
	if (!p)
		return NULL;
	memcpy(p, a, la);
	p[la] = '\\';
	memcpy(p + la + 1, b, lb + 1);
	return p;
}

/* "6.1.7601.17514" -> up to 4 numbers; returns how many were read. */
int ws2fix__os_parse_quad(const char *s, uint32_t q[4])
{
	int n = 0;
	q[0] = q[1] = q[2] = q[3] = 0;
	while (*s && n < 4) {
		if (*s < '0' || *s > '9')
			return n;
		uint32_t v = 0;
		while (*s >= '0' && *s <= '9') {
			if (v > 100000000u)
				return n;
			v = v * 10 + (uint32_t)(*s++ - '0');
		}
		q[n++] = v;
		if (*s == '.')
			s++;
		else
			break;
	}
	return n;
}

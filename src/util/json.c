/* SPDX-License-Identifier: MIT */
#include "json.h"

#include <stdio.h>
#include <string.h>

void ws2fix__json_init(ws2fix_json *j, ws2fix_buf *out, int pretty)
{
	memset(j, 0, sizeof(*j));
	j->out = out;
	j->pretty = pretty;
}

static void newline(ws2fix_json *j)
{
	if (!j->pretty)
		return;
	ws2fix__buf_putc(j->out, '\n');
	for (int i = 0; i < j->depth; i++)
		ws2fix__buf_puts(j->out, "  ");
}

/* Before any value: a comma and a new line unless it follows a key. */
static void before_value(ws2fix_json *j)
{
	if (j->after_key) {
		j->after_key = 0;
		return;
	}
	if (j->depth > 0) {
		if (j->count[j->depth]++)
			ws2fix__buf_putc(j->out, ',');
		newline(j);
	}
}

static void open(ws2fix_json *j, char c)
{
	before_value(j);
	ws2fix__buf_putc(j->out, c);
	if (j->depth + 1 < WS2FIX_JSON_MAX_DEPTH)
		j->depth++;
	j->count[j->depth] = 0;
}

static void close_(ws2fix_json *j, char c)
{
	int had = j->count[j->depth];
	if (j->depth > 0)
		j->depth--;
	if (had)
		newline(j);
	ws2fix__buf_putc(j->out, c);
}

void ws2fix__json_object_begin(ws2fix_json *j) { open(j, '{'); }
void ws2fix__json_object_end(ws2fix_json *j) { close_(j, '}'); }
void ws2fix__json_array_begin(ws2fix_json *j) { open(j, '['); }
void ws2fix__json_array_end(ws2fix_json *j) { close_(j, ']'); }

void ws2fix__json_quote(ws2fix_buf *b, const char *s)
{
	ws2fix__buf_putc(b, '"');
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		switch (*p) {
		case '"': ws2fix__buf_puts(b, "\\\""); break;
		case '\\': ws2fix__buf_puts(b, "\\\\"); break;
		case '\n': ws2fix__buf_puts(b, "\\n"); break;
		case '\r': ws2fix__buf_puts(b, "\\r"); break;
		case '\t': ws2fix__buf_puts(b, "\\t"); break;
		default:
			if (*p < 0x20)
				ws2fix__buf_printf(b, "\\u%04x", *p);
			else
				ws2fix__buf_putc(b, (char)*p);
		}
	}
	ws2fix__buf_putc(b, '"');
}

void ws2fix__json_key(ws2fix_json *j, const char *key)
{
	before_value(j);
	ws2fix__json_quote(j->out, key);
	ws2fix__buf_puts(j->out, j->pretty ? ": " : ":");
	j->after_key = 1;
}

void ws2fix__json_string(ws2fix_json *j, const char *s)
{
	if (!s) {
		ws2fix__json_null(j);
		return;
	}
	before_value(j);
	ws2fix__json_quote(j->out, s);
}

void ws2fix__json_int(ws2fix_json *j, long long v)
{
	before_value(j);
	ws2fix__buf_printf(j->out, "%lld", v);
}

void ws2fix__json_uint(ws2fix_json *j, unsigned long long v)
{
	before_value(j);
	ws2fix__buf_printf(j->out, "%llu", v);
}

void ws2fix__json_double(ws2fix_json *j, double v)
{
	before_value(j);
	ws2fix__buf_printf(j->out, "%.4g", v);
}

void ws2fix__json_bool(ws2fix_json *j, int v)
{
	before_value(j);
	ws2fix__buf_puts(j->out, v ? "true" : "false");
}

void ws2fix__json_null(ws2fix_json *j)
{
	before_value(j);
	ws2fix__buf_puts(j->out, "null");
}

void ws2fix__json_kv_string(ws2fix_json *j, const char *key, const char *s)
{
	ws2fix__json_key(j, key);
	ws2fix__json_string(j, s);
}

void ws2fix__json_kv_int(ws2fix_json *j, const char *key, long long v)
{
	ws2fix__json_key(j, key);
	ws2fix__json_int(j, v);
}

void ws2fix__json_kv_uint(ws2fix_json *j, const char *key, unsigned long long v)
{
	ws2fix__json_key(j, key);
	ws2fix__json_uint(j, v);
}

void ws2fix__json_kv_bool(ws2fix_json *j, const char *key, int v)
{
	ws2fix__json_key(j, key);
	ws2fix__json_bool(j, v);
}

void ws2fix__json_raw(ws2fix_json *j, const char *json)
{
	if (!json) {
		ws2fix__json_null(j);
		return;
	}
	before_value(j);
	size_t n = strlen(json);
	while (n && (json[n - 1] == '\n' || json[n - 1] == '\r'))
		n--;
	ws2fix__buf_put(j->out, json, n);
}

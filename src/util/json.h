/* SPDX-License-Identifier: MIT */
/*
 * A small streaming JSON writer into a ws2fix_buf.  It takes care of the
 * commas and of escaping; the caller takes care of nesting keys in objects.
 * Output is pretty-printed with two-space indentation.
 */
#ifndef WS2FIX_UTIL_JSON_H
#define WS2FIX_UTIL_JSON_H

#include <stdint.h>

#include "buf.h"

#define WS2FIX_JSON_MAX_DEPTH 32

typedef struct ws2fix_json {
	ws2fix_buf *out;
	int depth;
	int count[WS2FIX_JSON_MAX_DEPTH]; /* items written at each depth */
	int after_key;
	int pretty;
} ws2fix_json;

void ws2fix__json_init(ws2fix_json *j, ws2fix_buf *out, int pretty);
void ws2fix__json_object_begin(ws2fix_json *j);
void ws2fix__json_object_end(ws2fix_json *j);
void ws2fix__json_array_begin(ws2fix_json *j);
void ws2fix__json_array_end(ws2fix_json *j);
void ws2fix__json_key(ws2fix_json *j, const char *key);
void ws2fix__json_string(ws2fix_json *j, const char *s); /* NULL writes null */
void ws2fix__json_int(ws2fix_json *j, long long v);
void ws2fix__json_uint(ws2fix_json *j, unsigned long long v);
void ws2fix__json_double(ws2fix_json *j, double v);
void ws2fix__json_bool(ws2fix_json *j, int v);
void ws2fix__json_null(ws2fix_json *j);
/* A value that is already JSON (a whole document made elsewhere), as it
 * is, without the line ends it may end with; NULL writes null. */
void ws2fix__json_raw(ws2fix_json *j, const char *json);

/* key + value shorthands */
void ws2fix__json_kv_string(ws2fix_json *j, const char *key, const char *s);
void ws2fix__json_kv_int(ws2fix_json *j, const char *key, long long v);
void ws2fix__json_kv_uint(ws2fix_json *j, const char *key, unsigned long long v);
void ws2fix__json_kv_bool(ws2fix_json *j, const char *key, int v);

/** Append @p s as a JSON string literal (with quotes) to @p b. */
void ws2fix__json_quote(ws2fix_buf *b, const char *s);

#endif

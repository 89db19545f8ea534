/* SPDX-License-Identifier: MIT */
/*
 * The .reg parser: bytes in any encoding regedit (or a person) produces,
 * to a ws2fix_regtree.
 *
 * The input is untrusted: a pasted forum post, a truncated download, or a
 * fuzzer.  So the parser decodes the whole file to UTF-8 first (one place
 * that deals with encodings), then walks lines with explicit bounds and no
 * recursion; every size it builds is capped, and the first thing it does
 * not understand ends the parse with the file name and line number.  It is
 * strict where regedit is silent (regedit skips lines it cannot read),
 * because a repair tool that quietly loses a catalog entry is worse than
 * one that refuses the file.
 */
#include "regformat.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../errors_internal.h"
#include "../platform.h"
#include "../../util/utf.h"
#include "ws2fix/registry.h"

static const char HEADER5[] = "Windows Registry Editor Version 5.00";
static const char HEADER4[] = "REGEDIT4";

/* ---- decoding ---------------------------------------------------------- */

/* 8-bit input: UTF-8 where it is valid, Windows-1252 byte by byte where it
 * is not.  REGEDIT4 files are in the ANSI code page of the machine that
 * wrote them, and UTF-8 files edited in Notepad may carry a few stray
 * ANSI bytes; this reads both without guessing a whole-file encoding. */
static void decode_8bit(ws2fix_buf *out, const unsigned char *p, const unsigned char *end)
{
	ws2fix__buf_grow(out, (size_t)(end - p));
	while (p < end) {
		const unsigned char *run = p;
		while (p < end && *p < 0x80)
			p++;
		if (p > run)
			ws2fix__buf_put(out, run, (size_t)(p - run));
		if (p >= end)
			break;
		const char *q = (const char *)p;
		uint32_t cp = ws2fix__utf8_next(&q, (const char *)end);
		size_t used = (size_t)((const unsigned char *)q - p);
		/* utf8_next answers U+FFFD for bad input; a real U+FFFD is
		 * exactly EF BF BD. */
		if (cp != 0xFFFD || (used == 3 && p[0] == 0xEF && p[1] == 0xBF && p[2] == 0xBD)) {
			ws2fix__buf_put(out, p, used);
			p += used;
		} else {
			char t[4];
			ws2fix__cp1252_to_utf8(t, sizeof(t), p, 1);
			ws2fix__buf_puts(out, t);
			p++;
		}
	}
}

/* Whole file to UTF-8.  Regedit writes UTF-16LE with a BOM; we also take
 * UTF-16LE that lost its BOM (recognised by the 0 bytes of an ASCII first
 * line), UTF-8 with or without BOM, and ANSI. */
static int decode_text(char **out, size_t *out_len, int *utf16, const unsigned char *d,
	size_t n, const char *name)
{
	*utf16 = 0;
	if (n >= 2 && d[0] == 0xFE && d[1] == 0xFF)
		return ws2fix__fail(WS2FIX_ECORRUPT, WS2FIX_ERRCLASS_REGFILE,
			"%s:1: UTF-16 big-endian is not a .reg encoding (save it as UTF-16LE or UTF-8)",
			name);
	if ((n >= 2 && d[0] == 0xFF && d[1] == 0xFE) ||
	    (n >= 4 && d[0] != 0 && d[1] == 0 && d[2] != 0 && d[3] == 0)) {
		size_t skip = d[0] == 0xFF ? 2 : 0;
		*utf16 = 1;
		return ws2fix__utf16le_to_utf8(out, out_len, d + skip, n - skip, 0, NULL);
	}
	ws2fix_buf b = WS2FIX_BUF_INIT;
	if (n >= 3 && d[0] == 0xEF && d[1] == 0xBB && d[2] == 0xBF)
		d += 3, n -= 3;
	decode_8bit(&b, d, d + n);
	size_t len = b.len;
	char *s = ws2fix__buf_detach(&b);
	if (!s)
		return ws2fix__oom();
	*out = s;
	*out_len = len;
	return 0;
}

/* ---- lines ------------------------------------------------------------- */

struct parser {
	ws2fix_regtree *t;
	const char *name;
	const char *p, *end;   /* text not yet split into lines */
	const char *ls, *le;   /* the current line, without its line end */
	unsigned long lineno;
	ws2fix_regtree_key *cur; /* the key values go to; NULL: skip them */
	int seen_key;            /* a key line came before (kept or skipped) */
	ws2fix__regfile_info *info;
	ws2fix_buf tmp;          /* the bytes of the hex value being read */
};

static int next_line(struct parser *ps)
{
	if (ps->p >= ps->end)
		return 0;
	const char *s = ps->p;
	const char *nl = memchr(s, '\n', (size_t)(ps->end - s));
	const char *e = nl ? nl : ps->end;
	ps->p = nl ? nl + 1 : ps->end;
	ps->ls = s;
	ps->le = e;
	ps->lineno++;
	return 1;
}

static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f';
}

static void trim(const char **s, const char **e)
{
	while (*s < *e && is_space(**s))
		(*s)++;
	while (*e > *s && is_space((*e)[-1]))
		(*e)--;
}

static const char *skip_space(const char *s, const char *e)
{
	while (s < e && is_space(*s))
		s++;
	return s;
}

/* Only whitespace or a ';' comment left on the line? */
static int at_line_end(const char *s, const char *e)
{
	s = skip_space(s, e);
	return s == e || *s == ';';
}

static int fail(struct parser *ps, const char *fmt, ...) WS2FIX_PRINTF(2, 3);

static int fail(struct parser *ps, const char *fmt, ...)
{
	char msg[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	/* An error on the last line of a file that ends without a line end
	 * is most often a file cut short (a half-pasted or half-copied
	 * export): say so, so that nobody goes looking for a syntax error. */
	int cut = ps->lineno > 1 && ps->p >= ps->end && ps->le >= ps->end;
	return ws2fix__fail(WS2FIX_ECORRUPT, WS2FIX_ERRCLASS_REGFILE, "%s:%lu: %s%s", ps->name,
		ps->lineno ? ps->lineno : 1, msg,
		cut ? " (the file ends here, in the middle of a line: it looks cut off; export or copy it again, whole)" : "");
}

/* The tree refuses names and sizes past its caps with EINVALID; in a file
 * that is a corrupt input, reported at the line that asked for it. */
static int tree_error(struct parser *ps, int rc)
{
	if (rc == WS2FIX_EINVALID)
		return fail(ps, "%s", ws2fix_error_last()->message);
	return rc;
}

static int starts_ci(const char *s, const char *e, const char *word)
{
	size_t n = strlen(word);
	return (size_t)(e - s) >= n && ws2fix__strncasecmp(s, word, n) == 0;
}

static int equals_ci(const char *s, const char *e, const char *word)
{
	return (size_t)(e - s) == strlen(word) && starts_ci(s, e, word);
}

/* ---- key lines --------------------------------------------------------- */

/*
 * "[HKEY_LOCAL_MACHINE\SYSTEM\a\b]" or "[-...]".  The root may be spelled
 * HKLM and any case (Windows ME exports say "System"), and be another name
 * (info->root: a hive loaded in regedit).  Keys under any other root are
 * skipped with their values: a full-machine export holds SOFTWARE too, and
 * none of that is ours.
 */
static int key_line(struct parser *ps, const char *s, const char *e)
{
	/* Key names may contain ']', so the last one closes. */
	const char *close = NULL;
	for (const char *q = e; q > s + 1; q--)
		if (q[-1] == ']') {
			close = q - 1;
			break;
		}
	if (!close)
		return fail(ps, "key line has no closing ']'");
	if (!at_line_end(close + 1, e))
		return fail(ps, "unexpected text after ']'");
	const char *k = s + 1, *ke = close;
	int del = 0;
	if (k < ke && *k == '-') {
		del = 1;
		k++;
	}
	if (k == ke)
		return fail(ps, "empty key name");
	ps->seen_key = 1;
	ps->cur = NULL;

	const char *c = k;
	while (c < ke && *c != '\\')
		c++;
	if (!equals_ci(k, c, "HKEY_LOCAL_MACHINE") && !equals_ci(k, c, "HKLM")) {
		ps->info->foreign_keys = 1;
		return 0;
	}
	const char *sys = c < ke ? c + 1 : ke;
	c = sys;
	while (c < ke && *c != '\\')
		c++;
	if (!equals_ci(sys, c, ps->info->root)) {
		ps->info->foreign_keys = 1;
		return 0;
	}
	const char *rest = c < ke ? c + 1 : ke;

	ws2fix_regtree_key *key = NULL;
	if (del) {
		if (ws2fix__regtree_find(&key, ps->t, rest, (size_t)(ke - rest)) == 0)
			ws2fix__regtree_delete_key(ps->t, key);
		return 0;
	}
	int rc = ws2fix__regtree_create(&key, ps->t, rest, (size_t)(ke - rest));
	if (rc < 0)
		return tree_error(ps, rc);
	ps->cur = key;
	return 0;
}

/* ---- value lines ------------------------------------------------------- */

/*
 * A quoted string starting after its opening quote at *sp: "\\" and "\""
 * are the only escapes regedit writes; any other backslash is kept as it
 * is, which is what regedit does on import.  Appends the unescaped text to
 * @p out and leaves *sp after the closing quote.
 */
static int quoted(struct parser *ps, ws2fix_buf *out, const char **sp, const char *e,
	const char *what)
{
	const char *s = *sp;
	while (s < e) {
		const char *run = s;
		while (s < e && *s != '\\' && *s != '"')
			s++;
		ws2fix__buf_put(out, run, (size_t)(s - run));
		if (s >= e)
			break;
		if (*s == '"') {
			*sp = s + 1;
			return 0;
		}
		if (s + 1 < e && (s[1] == '\\' || s[1] == '"')) {
			ws2fix__buf_putc(out, s[1]);
			s += 2;
		} else {
			ws2fix__buf_putc(out, '\\');
			s++;
		}
	}
	return fail(ps, "unterminated %s (no closing '\"')", what);
}

static int set_value(struct parser *ps, const ws2fix_buf *name, uint32_t type,
	unsigned char *data, size_t len)
{
	if (!ps->cur) {
		/* A value of a skipped or deleted key: parsed, not kept. */
		free(data);
		return 0;
	}
	int rc = ws2fix__regtree_set_value_owned(ps->t, ps->cur, ws2fix__buf_cstr(name), name->len,
		type, data, len);
	return rc < 0 ? tree_error(ps, rc) : 0;
}

static int string_value(struct parser *ps, const ws2fix_buf *name, const char *s, const char *e)
{
	ws2fix_buf text = WS2FIX_BUF_INIT;
	int rc = quoted(ps, &text, &s, e, "string");
	if (rc == 0 && !at_line_end(s, e))
		rc = fail(ps, "unexpected text after the closing '\"' of the string");
	if (rc == 0 && text.len > WS2FIX_REGTREE_MAX_VALUE_SIZE / 2)
		rc = fail(ps, "string value is larger than %zu bytes", WS2FIX_REGTREE_MAX_VALUE_SIZE);
	if (rc == 0 && ws2fix__buf_oom(&text))
		rc = ws2fix__oom();
	unsigned char *w = NULL;
	size_t wlen = 0;
	/* The registry keeps REG_SZ as UTF-16LE with its terminator. */
	if (rc == 0)
		rc = ws2fix__utf8_to_utf16le(&w, &wlen, ws2fix__buf_cstr(&text), text.len, 1);
	ws2fix__buf_free(&text);
	if (rc < 0)
		return rc;
	return set_value(ps, name, WS2FIX_REG_SZ, w, wlen);
}

static int dword_value(struct parser *ps, const ws2fix_buf *name, const char *s, const char *e)
{
	uint32_t v = 0;
	int digits = 0;
	s = skip_space(s, e);
	for (; s < e && ws2fix__hexval(*s) >= 0; s++, digits++)
		v = (v << 4) | (uint32_t)ws2fix__hexval(*s);
	if (digits == 0 || digits > 8 || !at_line_end(s, e))
		return fail(ps, "invalid dword value (expected 1 to 8 hex digits)");
	unsigned char *d = malloc(4);
	if (!d)
		return ws2fix__oom();
	d[0] = (unsigned char)v;
	d[1] = (unsigned char)(v >> 8);
	d[2] = (unsigned char)(v >> 16);
	d[3] = (unsigned char)(v >> 24);
	return set_value(ps, name, WS2FIX_REG_DWORD, d, 4);
}

/*
 * "hex:..." or "hex(N):...": comma-separated bytes of one or two hex
 * digits, continued on the next line after a trailing backslash (regedit
 * indents continuation lines by two spaces; any whitespace will do, and
 * comment lines in between are skipped).  Bytes are kept exactly as
 * given, whatever the type: a hex(2) in a REGEDIT4 file holds ANSI bytes,
 * and it is not the parser's job to second-guess them.
 */
static int hex_value(struct parser *ps, const ws2fix_buf *name, const char *s, const char *e)
{
	uint32_t type = WS2FIX_REG_BINARY;
	s += 3; /* "hex" */
	if (s < e && *s == '(') {
		uint32_t t = 0;
		int digits = 0;
		for (s++; s < e && ws2fix__hexval(*s) >= 0; s++, digits++)
			t = (t << 4) | (uint32_t)ws2fix__hexval(*s);
		if (digits == 0 || digits > 8 || s >= e || *s != ')')
			return fail(ps, "invalid type in hex(N): expected 1 to 8 hex digits");
		s++;
		type = t;
	}
	if (s >= e || *s != ':')
		return fail(ps, "expected ':' after hex");
	s++;

	enum { BYTE_OR_END, SEP_OR_END, BYTE } want = BYTE_OR_END;
	ws2fix_buf *b = &ps->tmp;
	b->len = 0;
	for (;;) {
		s = skip_space(s, e);
		if (s == e || *s == ';') {
			if (want == BYTE)
				return fail(ps, "hex data ends with ','");
			break;
		}
		if (*s == '\\') {
			if (!at_line_end(s + 1, e))
				return fail(ps, "unexpected text after '\\' in hex data");
			do {
				if (!next_line(ps))
					return fail(ps, "file ends in the middle of hex data (after '\\')");
				s = ps->ls;
				e = ps->le;
				trim(&s, &e);
			} while (s < e && *s == ';');
			if (s == e) {
				/* A blank line ends the value. */
				if (want == BYTE)
					return fail(ps, "hex data ends with ','");
				break;
			}
			continue;
		}
		if (*s == ',') {
			if (want != SEP_OR_END)
				return fail(ps, "expected a hex byte before ','");
			want = BYTE;
			s++;
			continue;
		}
		if (want == SEP_OR_END)
			return fail(ps, "expected ',' between hex bytes");
		int hi = ws2fix__hexval(*s);
		if (hi < 0)
			return fail(ps, "invalid hex byte");
		unsigned v = (unsigned)hi;
		s++;
		if (s < e && ws2fix__hexval(*s) >= 0) {
			v = (v << 4) | (unsigned)ws2fix__hexval(*s);
			s++;
		}
		if (s < e && ws2fix__hexval(*s) >= 0)
			return fail(ps, "invalid hex byte (more than two digits)");
		if (b->len >= WS2FIX_REGTREE_MAX_VALUE_SIZE)
			return fail(ps, "value is larger than %zu bytes", WS2FIX_REGTREE_MAX_VALUE_SIZE);
		ws2fix__buf_putc(b, (char)v);
		want = SEP_OR_END;
	}
	if (ws2fix__buf_oom(b))
		return ws2fix__oom();
	unsigned char *d = NULL;
	if (b->len) {
		d = malloc(b->len);
		if (!d)
			return ws2fix__oom();
		memcpy(d, b->ptr, b->len);
	}
	return set_value(ps, name, type, d, b->len);
}

/* "Name"=data or @=data. */
static int value_line(struct parser *ps, const char *s, const char *e)
{
	if (!ps->seen_key)
		return fail(ps, "value line before any [key] line");
	ws2fix_buf name = WS2FIX_BUF_INIT;
	int rc = 0;
	if (*s == '@') {
		s++;
	} else {
		s++;
		rc = quoted(ps, &name, &s, e, "value name");
	}
	if (rc == 0 && ws2fix__buf_oom(&name))
		rc = ws2fix__oom();
	if (rc < 0)
		goto out;
	s = skip_space(s, e);
	if (s == e || *s != '=') {
		rc = fail(ps, "expected '=' after the value name");
		goto out;
	}
	s = skip_space(s + 1, e);
	if (s == e) {
		rc = fail(ps, "no data after '='");
	} else if (*s == '-' && at_line_end(s + 1, e)) {
		if (ps->cur)
			ws2fix__regtree_delete_value(ps->t, ps->cur, ws2fix__buf_cstr(&name), name.len);
	} else if (*s == '"') {
		rc = string_value(ps, &name, s + 1, e);
	} else if (starts_ci(s, e, "dword:")) {
		rc = dword_value(ps, &name, s + 6, e);
	} else if (starts_ci(s, e, "hex")) {
		rc = hex_value(ps, &name, s, e);
	} else {
		rc = fail(ps, "unknown value type (expected \"string\", dword:, hex: or hex(N):)");
	}
out:
	ws2fix__buf_free(&name);
	return rc;
}

/* ---- the file ---------------------------------------------------------- */

static int parse_lines(struct parser *ps)
{
	for (;;) {
		if (!next_line(ps))
			return fail(ps, "empty file: not a .reg file");
		const char *s = ps->ls, *e = ps->le;
		trim(&s, &e);
		if (s == e)
			continue;
		if (equals_ci(s, e, HEADER5)) {
			ps->info->version = 5;
			break;
		}
		if (equals_ci(s, e, HEADER4)) {
			ps->info->version = 4;
			break;
		}
		return fail(ps, "not a .reg file (expected \"%s\" or \"%s\" first)", HEADER5, HEADER4);
	}
	while (next_line(ps)) {
		const char *s = ps->ls, *e = ps->le;
		int rc = 0;
		trim(&s, &e);
		/* Regedit's own importer also takes '#' comment lines. */
		if (s == e || *s == ';' || *s == '#')
			continue;
		if (memchr(s, '\0', (size_t)(e - s)))
			return fail(ps, "NUL character in a line (binary data?)");
		if (*s == '[')
			rc = key_line(ps, s, e);
		else if (*s == '"' || *s == '@')
			rc = value_line(ps, s, e);
		else
			rc = fail(ps, "expected '[' or a value line");
		if (rc < 0)
			return rc;
	}
	return 0;
}

int ws2fix__regfile_parse(ws2fix_regtree *t, const unsigned char *data, size_t len,
	const char *name, ws2fix__regfile_info *info)
{
	ws2fix__regfile_info dummy;
	char *text = NULL;
	size_t tlen = 0;
	if (!info)
		info = &dummy;
	memset(info, 0, sizeof(*info));
	if (!name)
		name = "<memory>";
	int rc = decode_text(&text, &tlen, &info->utf16, data, len, name);
	if (rc < 0)
		return rc;
	/* Some tools end a UTF-16 file with a NUL character; it is not data. */
	while (tlen && text[tlen - 1] == '\0')
		tlen--;
	const char *start = text;
	/* A BOM that survived decoding (UTF-8 BOM inside UTF-16, or twice). */
	while (tlen - (size_t)(start - text) >= 3 && (unsigned char)start[0] == 0xEF &&
	       (unsigned char)start[1] == 0xBB && (unsigned char)start[2] == 0xBF)
		start += 3;

	ws2fix__regfile_choose_root(start, tlen - (size_t)(start - text), info->root, sizeof(info->root));
	struct parser ps;
	memset(&ps, 0, sizeof(ps));
	ps.t = t;
	ps.name = name;
	ps.p = start;
	ps.end = text + tlen;
	ps.info = info;
	rc = parse_lines(&ps);
	ws2fix__buf_free(&ps.tmp);
	free(text);
	return rc;
}

int ws2fix__regfile_load(ws2fix_regtree **out, ws2fix__regfile_info *info, const char *path)
{
	unsigned char *data = NULL;
	size_t len = 0;
	ws2fix_regtree *t = NULL;
	*out = NULL;
	int rc = ws2fix__read_file(&data, &len, path, WS2FIX_REGFILE_MAX_SIZE);
	if (rc < 0)
		return rc;
	rc = ws2fix__regtree_new(&t);
	if (rc == 0)
		rc = ws2fix__regfile_parse(t, data, len, path, info);
	free(data);
	if (rc < 0) {
		ws2fix__regtree_free(t);
		return rc;
	}
	*out = t;
	return 0;
}

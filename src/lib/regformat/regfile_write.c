/* SPDX-License-Identifier: MIT */
/*
 * The .reg writer: ws2fix_regfile_export (include/ws2fix/regfile.h) and the
 * primitives the .reg backend's commit shares with it.
 *
 * The layout follows regedit byte for byte.  Two details matter for that:
 * lines are measured in UTF-16 code units (regedit counts WCHARs), and the
 * hex wrapping rule is regedit's, not "fit in 80 columns": after each
 * "xx," the running width grows by 3 and, once it reaches 77, the line is
 * ended with "\" and the next one starts with two spaces.  The width of the
 * first line starts with the "Name"=hex: prefix, and at least one byte is
 * always written on it, however long the name.  The regedit export in the
 * shared corpus (cingchun-bccc/winsock2.reg) comes back identical.
 */
#include "ws2fix/regfile.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../errors_internal.h"
#include "../platform.h"
#include "regformat.h"
#include "../../util/buf.h"
#include "../../util/utf.h"

#define HEX_WRAP 77

static const char ROOT[] = "HKEY_LOCAL_MACHINE\\SYSTEM";

/* Width in UTF-16 code units of UTF-8 text. */
static size_t utf16_units(const char *s, size_t len)
{
	const char *p = s, *end = s + len;
	size_t n = 0;
	while (p < end) {
		uint32_t c = ws2fix__utf8_next(&p, end);
		n += c >= 0x10000 ? 2 : 1;
	}
	return n;
}

static int has_line_break(const char *s)
{
	return strchr(s, '\r') != NULL || strchr(s, '\n') != NULL;
}

/* Append s with regedit's two escapes; returns the UTF-16 width added. */
static size_t put_escaped(ws2fix_buf *b, const char *s, size_t len)
{
	size_t start = b->len;
	for (size_t i = 0; i < len; i++) {
		if (s[i] == '\\' || s[i] == '"')
			ws2fix__buf_putc(b, '\\');
		ws2fix__buf_putc(b, s[i]);
	}
	if (ws2fix__buf_oom(b))
		return 0;
	return utf16_units(b->ptr + start, b->len - start);
}

void ws2fix__regfile_put_header(ws2fix_buf *b)
{
	ws2fix__buf_puts(b, "Windows Registry Editor Version 5.00\r\n\r\n");
}

int ws2fix__regfile_put_key(ws2fix_buf *b, const char *path)
{
	return ws2fix__regfile_put_key_under(b, NULL, path);
}

int ws2fix__regfile_put_key_under(ws2fix_buf *b, const char *root, const char *path)
{
	if (has_line_break(path))
		return ws2fix__fail(WS2FIX_EINVALID, WS2FIX_ERRCLASS_REGFILE,
			"key name with a line break cannot be written to a .reg file: %s", path);
	if (root && *root)
		ws2fix__buf_printf(b, "[HKEY_LOCAL_MACHINE\\%s%s%s]\r\n", root, *path ? "\\" : "", path);
	else
		ws2fix__buf_printf(b, "[%s%s%s]\r\n", ROOT, *path ? "\\" : "", path);
	return 0;
}

int ws2fix__regfile_put_key_delete(ws2fix_buf *b, const char *path)
{
	if (!*path || has_line_break(path))
		return ws2fix__fail(WS2FIX_EINVALID, WS2FIX_ERRCLASS_REGFILE,
			"this key cannot be deleted through a .reg file: %s", path);
	ws2fix__buf_printf(b, "[-%s\\%s]\r\n", ROOT, path);
	return 0;
}

int ws2fix__regfile_put_value_delete(ws2fix_buf *b, const char *name)
{
	if (!name || !*name) {
		ws2fix__buf_puts(b, "@=-\r\n");
		return 0;
	}
	if (has_line_break(name))
		return ws2fix__fail(WS2FIX_EINVALID, WS2FIX_ERRCLASS_REGFILE,
			"value name with a line break cannot be written to a .reg file: \"%s\"", name);
	ws2fix__buf_putc(b, '"');
	put_escaped(b, name, strlen(name));
	ws2fix__buf_puts(b, "\"=-\r\n");
	return 0;
}

/* REG_SZ data that a quoted string gives back exactly: UTF-16 with one
 * terminating NUL and nothing after it, no other NUL, no unpaired
 * surrogate (UTF-8 cannot carry one), no CR or LF (the line would end). */
static int clean_string(const unsigned char *d, size_t len)
{
	if (len < 2 || len % 2 || d[len - 1] || d[len - 2])
		return 0;
	size_t n = len / 2 - 1;
	for (size_t i = 0; i < n; i++) {
		unsigned u = (unsigned)d[2 * i] | ((unsigned)d[2 * i + 1] << 8);
		if (u == 0 || u == '\r' || u == '\n')
			return 0;
		if (u >= 0xD800 && u <= 0xDBFF) {
			if (i + 1 >= n)
				return 0;
			unsigned lo = (unsigned)d[2 * i + 2] | ((unsigned)d[2 * i + 3] << 8);
			if (lo < 0xDC00 || lo > 0xDFFF)
				return 0;
			i++;
		} else if (u >= 0xDC00 && u <= 0xDFFF) {
			return 0;
		}
	}
	return 1;
}

static void put_hex(ws2fix_buf *b, size_t width, uint32_t type, const unsigned char *d, size_t len)
{
	static const char digits[] = "0123456789abcdef";
	char prefix[16];
	if (type == WS2FIX_REG_BINARY)
		snprintf(prefix, sizeof(prefix), "hex:");
	else
		snprintf(prefix, sizeof(prefix), "hex(%x):", (unsigned)type);
	ws2fix__buf_puts(b, prefix);
	width += strlen(prefix);
	ws2fix__buf_grow(b, len * 3 + len / 25 * 5 + 2);
	for (size_t i = 0; i < len; i++) {
		char t[3] = {digits[d[i] >> 4], digits[d[i] & 15], ','};
		if (i + 1 == len) {
			ws2fix__buf_put(b, t, 2);
			break;
		}
		ws2fix__buf_put(b, t, 3);
		width += 3;
		if (width >= HEX_WRAP) {
			ws2fix__buf_puts(b, "\\\r\n  ");
			width = 2;
		}
	}
	ws2fix__buf_puts(b, "\r\n");
}

int ws2fix__regfile_put_value(ws2fix_buf *b, const char *name, uint32_t type,
	const unsigned char *data, size_t len)
{
	size_t width;
	if (!name)
		name = "";
	if (has_line_break(name))
		return ws2fix__fail(WS2FIX_EINVALID, WS2FIX_ERRCLASS_REGFILE,
			"value name with a line break cannot be written to a .reg file: \"%s\"", name);
	if (*name) {
		ws2fix__buf_putc(b, '"');
		width = put_escaped(b, name, strlen(name)) + 3;
		ws2fix__buf_puts(b, "\"=");
	} else {
		ws2fix__buf_puts(b, "@=");
		width = 2;
	}
	if (type == WS2FIX_REG_SZ && clean_string(data, len)) {
		char *s = NULL;
		size_t slen = 0;
		if (ws2fix__utf16le_to_utf8(&s, &slen, data, len - 2, 1, NULL) < 0) {
			b->oom = 1;
			return 0;
		}
		ws2fix__buf_putc(b, '"');
		put_escaped(b, s, slen);
		ws2fix__buf_puts(b, "\"\r\n");
		free(s);
	} else if (type == WS2FIX_REG_DWORD && len == 4) {
		unsigned long v = (unsigned long)data[0] | ((unsigned long)data[1] << 8) |
			((unsigned long)data[2] << 16) | ((unsigned long)data[3] << 24);
		ws2fix__buf_printf(b, "dword:%08lx\r\n", v);
	} else {
		put_hex(b, width, type, data, len);
	}
	return 0;
}

int ws2fix__regfile_finish(unsigned char **out, size_t *out_len, ws2fix_buf *b)
{
	unsigned char *w = NULL;
	size_t wlen = 0;
	*out = NULL;
	*out_len = 0;
	if (ws2fix__buf_oom(b)) {
		ws2fix__buf_free(b);
		return ws2fix__oom();
	}
	int rc = ws2fix__utf8_to_utf16le(&w, &wlen, ws2fix__buf_cstr(b), b->len, 0);
	ws2fix__buf_free(b);
	if (rc < 0)
		return rc;
	unsigned char *r = malloc(wlen + 2);
	if (!r) {
		free(w);
		return ws2fix__oom();
	}
	r[0] = 0xFF;
	r[1] = 0xFE;
	if (wlen)
		memcpy(r + 2, w, wlen);
	free(w);
	*out = r;
	*out_len = wlen + 2;
	return 0;
}

/* ---- a whole tree (the .reg backend's commit) -------------------------- */

static int write_tree_key(ws2fix_buf *b, ws2fix_buf *path, const ws2fix_regtree_key *k, const char *root)
{
	int rc;
	int emit = k->parent ? (k->listed || k->values.count || !k->subkeys.count)
			     : k->values.count > 0;
	if (emit) {
		rc = ws2fix__regfile_put_key_under(b, root, ws2fix__buf_cstr(path));
		if (rc < 0)
			return rc;
		for (const ws2fix_regtree_value *v = ws2fix__regtree_first_value(k); v;
		     v = ws2fix__regtree_next_value(v)) {
			rc = ws2fix__regfile_put_value(b, v->e.name, v->type, v->data, v->len);
			if (rc < 0)
				return rc;
		}
		ws2fix__buf_puts(b, "\r\n");
	}
	/* Depth is capped by the tree (WS2FIX_REGTREE_MAX_DEPTH). */
	for (const ws2fix_regtree_key *c = ws2fix__regtree_first_subkey(k); c;
	     c = ws2fix__regtree_next_sibling(c)) {
		size_t mark = path->len;
		if (path->len)
			ws2fix__buf_putc(path, '\\');
		ws2fix__buf_put(path, c->e.name, c->e.name_len);
		rc = write_tree_key(b, path, c, root);
		if (path->ptr) {
			path->len = mark;
			path->ptr[mark] = '\0';
		}
		if (rc < 0)
			return rc;
	}
	return 0;
}

int ws2fix__regfile_put_subtree(ws2fix_buf *b, const ws2fix_regtree_key *k, const char *path)
{
	ws2fix_buf p = WS2FIX_BUF_INIT;
	ws2fix__buf_puts(&p, path);
	int rc = ws2fix__buf_oom(&p) ? ws2fix__oom()
				      : write_tree_key(b, &p, k, NULL);
	ws2fix__buf_free(&p);
	return rc;
}

int ws2fix__regfile_write_tree(unsigned char **out, size_t *out_len, ws2fix_regtree *t, const char *root)
{
	ws2fix_buf b = WS2FIX_BUF_INIT, path = WS2FIX_BUF_INIT;
	*out = NULL;
	*out_len = 0;
	ws2fix__regfile_put_header(&b);
	int rc = write_tree_key(&b, &path, ws2fix__regtree_root(t), root);
	if (rc == 0 && ws2fix__buf_oom(&path))
		rc = ws2fix__oom();
	ws2fix__buf_free(&path);
	if (rc < 0) {
		ws2fix__buf_free(&b);
		return rc;
	}
	return ws2fix__regfile_finish(out, out_len, &b);
}

/* ---- export through the public registry API ---------------------------- */

/* A list of owned strings used as a stack (depth-first, without recursion,
 * so a deep source cannot exhaust the C stack). */
struct pathstack {
	char **items;
	size_t count, cap;
};

static int stack_push(struct pathstack *st, char *s)
{
	if (!s)
		return WS2FIX_ENOMEM;
	if (st->count == st->cap) {
		size_t cap = st->cap ? st->cap * 2 : 32;
		char **p = realloc(st->items, cap * sizeof(*p));
		if (!p) {
			free(s);
			return ws2fix__oom();
		}
		st->items = p;
		st->cap = cap;
	}
	st->items[st->count++] = s;
	return 0;
}

static void stack_free(struct pathstack *st)
{
	for (size_t i = 0; i < st->count; i++)
		free(st->items[i]);
	free(st->items);
}

static char *join(const char *parent, const char *name)
{
	ws2fix_buf b = WS2FIX_BUF_INIT;
	ws2fix__buf_puts(&b, parent);
	if (*parent)
		ws2fix__buf_putc(&b, '\\');
	ws2fix__buf_puts(&b, name);
	char *s = ws2fix__buf_detach(&b);
	if (!s)
		ws2fix__oom();
	return s;
}

static int export_values(ws2fix_buf *b, ws2fix_registry *reg, const char *path)
{
	ws2fix_strlist names = {0};
	int rc = ws2fix_registry_values(&names, reg, path);
	if (rc < 0)
		return rc;
	for (size_t i = 0; i < names.count && rc == 0; i++) {
		ws2fix_regvalue v = {0};
		rc = ws2fix_registry_get_value(&v, reg, path, names.items[i]);
		if (rc == WS2FIX_ENOTFOUND) {
			/* Gone since the listing (a live registry changes under us). */
			rc = 0;
			continue;
		}
		if (rc == 0)
			rc = ws2fix__regfile_put_value(b, names.items[i], v.type, v.data, v.len);
		ws2fix_regvalue_clear(&v);
	}
	ws2fix_strlist_clear(&names);
	return rc;
}

static int export_tree(ws2fix_buf *b, ws2fix_registry *reg, char *top)
{
	struct pathstack st = {0};
	int first = 1;
	int rc = stack_push(&st, top);
	while (rc == 0 && st.count) {
		char *path = st.items[--st.count];
		ws2fix_strlist subs = {0};
		rc = ws2fix_registry_subkeys(&subs, reg, path);
		if (rc == WS2FIX_ENOTFOUND && !first) {
			rc = 0; /* deleted since its parent was listed */
			free(path);
			continue;
		}
		if (rc == 0)
			rc = ws2fix__regfile_put_key(b, path);
		if (rc == 0)
			rc = export_values(b, reg, path);
		ws2fix__buf_puts(b, "\r\n");
		/* Pushed last to first, so that they come off in stored order. */
		for (size_t i = subs.count; i-- > 0 && rc == 0;)
			rc = stack_push(&st, join(path, subs.items[i]));
		ws2fix_strlist_clear(&subs);
		free(path);
		first = 0;
	}
	stack_free(&st);
	return rc;
}

/*
 * The path with each component spelled as the source stores it, so that
 * the section headers read like regedit's whatever case the caller used.
 * 0 and *out NULL when the key does not exist.
 */
static int canonical_path(char **out, ws2fix_registry *reg, const char *path)
{
	ws2fix_buf b = WS2FIX_BUF_INIT;
	const char *p = path;
	*out = NULL;
	int rc = ws2fix_registry_key_exists(reg, path);
	if (rc <= 0)
		return rc;
	while (*p) {
		while (*p == '\\')
			p++;
		if (!*p)
			break;
		const char *s = p;
		while (*p && *p != '\\')
			p++;
		size_t n = (size_t)(p - s);
		const char *spelled = NULL;
		ws2fix_strlist subs = {0};
		if (ws2fix_registry_subkeys(&subs, reg, ws2fix__buf_cstr(&b)) == 0) {
			for (size_t i = 0; i < subs.count && !spelled; i++)
				if (strlen(subs.items[i]) == n && ws2fix__strncasecmp(subs.items[i], s, n) == 0)
					spelled = subs.items[i];
		}
		if (b.len)
			ws2fix__buf_putc(&b, '\\');
		/* Not listed (e.g. a link key like CurrentControlSet): keep the
		 * caller's spelling. */
		if (spelled)
			ws2fix__buf_puts(&b, spelled);
		else
			ws2fix__buf_put(&b, s, n);
		ws2fix_strlist_clear(&subs);
	}
	char *r = ws2fix__buf_detach(&b);
	if (!r)
		return ws2fix__oom();
	*out = r;
	return 0;
}

/* Is @p path inside @p outer (or the same key)? */
static int covered_by(const char *path, const char *outer)
{
	size_t n = strlen(outer);
	if (n == 0)
		return 1;
	return ws2fix__strncasecmp(path, outer, n) == 0 && (path[n] == '\0' || path[n] == '\\');
}

int ws2fix_regfile_export_buf(unsigned char **out, size_t *out_len, ws2fix_registry *reg,
	const char *const *paths, size_t npaths)
{
	return ws2fix__regfile_export_buf_with(out, out_len, reg, paths, npaths, NULL);
}

int ws2fix__regfile_export_buf_with(unsigned char **out, size_t *out_len, ws2fix_registry *reg,
	const char *const *paths, size_t npaths, const char *comment)
{
	ws2fix_buf b = WS2FIX_BUF_INIT;
	struct pathstack done = {0};
	int rc = 0;
	if (out)
		*out = NULL;
	if (out_len)
		*out_len = 0;
	if (!out || !out_len || !reg || (npaths && !paths))
		return ws2fix__fail(WS2FIX_EINVALID, WS2FIX_ERRCLASS_INVALID,
			"ws2fix_regfile_export_buf: missing argument");
	ws2fix__regfile_put_header(&b);
	if (comment) {
		/* "; " lines after the header: regedit and reg import skip them. */
		for (const char *c = comment; *c;) {
			size_t n = strcspn(c, "\n");
			ws2fix__buf_puts(&b, "; ");
			ws2fix__buf_put(&b, c, n);
			ws2fix__buf_puts(&b, "\r\n");
			c += n + (c[n] == '\n');
		}
		ws2fix__buf_puts(&b, "\r\n");
	}
	for (size_t i = 0; i < npaths && rc == 0; i++) {
		char *path = NULL;
		if (!paths[i]) {
			rc = ws2fix__fail(WS2FIX_EINVALID, WS2FIX_ERRCLASS_INVALID,
				"ws2fix_regfile_export_buf: path %zu is NULL", i);
			break;
		}
		rc = canonical_path(&path, reg, paths[i]);
		if (rc < 0 || !path)
			continue;
		int dup = 0;
		for (size_t j = 0; j < done.count && !dup; j++)
			dup = covered_by(path, done.items[j]);
		if (dup) {
			free(path);
			continue;
		}
		char *copy = ws2fix__strdup(path);
		rc = stack_push(&done, copy);
		if (rc == 0)
			rc = export_tree(&b, reg, path);
		else
			free(path);
	}
	stack_free(&done);
	if (rc < 0) {
		ws2fix__buf_free(&b);
		return rc;
	}
	return ws2fix__regfile_finish(out, out_len, &b);
}

int ws2fix_regfile_export(ws2fix_registry *reg, const char *const *paths, size_t npaths,
	const char *out_path)
{
	return ws2fix__regfile_export_with(reg, paths, npaths, out_path, NULL);
}

int ws2fix__regfile_export_with(ws2fix_registry *reg, const char *const *paths, size_t npaths,
	const char *out_path, const char *comment)
{
	unsigned char *data = NULL;
	size_t len = 0;
	if (!out_path)
		return ws2fix__fail(WS2FIX_EINVALID, WS2FIX_ERRCLASS_INVALID,
			"ws2fix_regfile_export: no output file");
	int rc = ws2fix__regfile_export_buf_with(&data, &len, reg, paths, npaths, comment);
	if (rc < 0)
		return rc;
	rc = ws2fix__write_file_atomic(out_path, data, len);
	free(data);
	return rc;
}

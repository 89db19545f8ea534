/* SPDX-License-Identifier: MIT */
/*
 * Backups and restores (include/ws2fix/backup.h).
 *
 * A backup is written with the public .reg writer, so it is exactly what
 * regedit would export.  A restore reads the file twice: through the .reg
 * backend, only to learn which control set the file names the way every
 * other ws2fix command does, and as a bare parsed tree, because only the
 * tree knows which keys had a `[...]` line of their own (regformat/regtree.h:
 * `listed`).  That is what "the keys a backup covers" means: regedit
 * exports a key as a line for it followed by its whole subtree, so a key
 * whose parent has no line is one the file was asked to hold whole.
 */
#include "ws2fix/backup.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "backup_origin.h"
#include "../errors_internal.h"
#include "../platform.h"
#include "../regformat/regtree.h"
#include "../regformat/regformat.h"
#include "ws2fix/regfile.h"
#include "../../util/buf.h"
#include "../../util/utf.h"

/* ---- small helpers ----------------------------------------------------- */

/* Append an owned string (freed here on failure). */
static int list_push(ws2fix_strlist *l, char *s)
{
	if (!s)
		return ws2fix__oom();
	char **p = realloc(l->items, (l->count + 1) * sizeof(*p));
	if (!p) {
		free(s);
		return ws2fix__oom();
	}
	l->items = p;
	l->items[l->count++] = s;
	return 0;
}

static char *joinf(const char *a, const char *b, const char *c)
{
	ws2fix_buf x = WS2FIX_BUF_INIT;
	ws2fix__buf_puts(&x, a);
	if (b) {
		ws2fix__buf_putc(&x, '\\');
		ws2fix__buf_puts(&x, b);
	}
	if (c) {
		ws2fix__buf_putc(&x, '\\');
		ws2fix__buf_puts(&x, c);
	}
	return ws2fix__buf_detach(&x);
}

/* Is @p path the key @p outer or below it? */
static int covered_by(const char *path, const char *outer)
{
	size_t n = strlen(outer);
	return ws2fix__strncasecmp(path, outer, n) == 0 && (path[n] == '\0' || path[n] == '\\');
}

/*
 * @p path with every component spelled as the source stores it, so that a
 * list of keys reads like the registry ("Winsock2" on a hive that has it
 * so).  A component the parent does not list (CurrentControlSet, which is
 * a link live) keeps the caller's spelling.
 */
static int spelled(char **out, ws2fix_registry *reg, const char *path)
{
	ws2fix_buf b = WS2FIX_BUF_INIT;
	const char *p = path;
	*out = NULL;
	while (*p) {
		const char *s = p;
		while (*p && *p != '\\')
			p++;
		size_t n = (size_t)(p - s);
		const char *found = NULL;
		ws2fix_strlist subs = {0};
		if (ws2fix_registry_subkeys(&subs, reg, ws2fix__buf_cstr(&b)) == 0) {
			for (size_t i = 0; i < subs.count && !found; i++)
				if (strlen(subs.items[i]) == n && ws2fix__strncasecmp(subs.items[i], s, n) == 0)
					found = subs.items[i];
		}
		if (b.len)
			ws2fix__buf_putc(&b, '\\');
		if (found)
			ws2fix__buf_puts(&b, found);
		else
			ws2fix__buf_put(&b, s, n);
		ws2fix_strlist_clear(&subs);
		if (*p == '\\')
			p++;
	}
	ws2fix_error_clear();
	*out = ws2fix__buf_detach(&b);
	return *out ? 0 : ws2fix__oom();
}

/* Add @p path (owned) to @p out when the key exists, spelled as stored. */
static int add_if_exists(ws2fix_strlist *out, ws2fix_registry *reg, char *path)
{
	if (!path)
		return ws2fix__oom();
	int rc = ws2fix_registry_key_exists(reg, path);
	if (rc <= 0) {
		free(path);
		return rc;
	}
	char *s = NULL;
	rc = spelled(&s, reg, path);
	free(path);
	return rc < 0 ? rc : list_push(out, s);
}

/* The transport names of Winsock\Parameters\Transports (REG_MULTI_SZ).
 * Absent or of another type: no transports, not an error (a damaged
 * Winsock key is exactly what a backup is taken of). */
static int transports(ws2fix_strlist *out, ws2fix_registry *reg, const char *cs)
{
	ws2fix_regvalue v = {0};
	char *key = joinf(cs, "Services\\Winsock", "Parameters");
	if (!key)
		return ws2fix__oom();
	int rc = ws2fix_registry_get_value(&v, reg, key, "Transports");
	free(key);
	if (rc == WS2FIX_ENOTFOUND || (rc == 0 && v.type != WS2FIX_REG_MULTI_SZ)) {
		ws2fix_regvalue_clear(&v);
		ws2fix_error_clear();
		return 0;
	}
	if (rc < 0)
		return rc;
	ws2fix_strlist names;
	rc = ws2fix_regvalue_multi_sz(&names, &v);
	ws2fix_regvalue_clear(&v);
	if (rc < 0)
		return rc;
	for (size_t i = 0; i < names.count && rc == 0; i++) {
		/* A name with a backslash would reach outside Services\<T>. */
		if (strchr(names.items[i], '\\'))
			continue;
		int dup = 0;
		for (size_t j = 0; j < out->count && !dup; j++)
			dup = ws2fix__strcasecmp(out->items[j], names.items[i]) == 0;
		if (!dup) {
			rc = list_push(out, names.items[i]);
			names.items[i] = NULL;
		}
	}
	ws2fix_strlist_clear(&names);
	return rc;
}

/* Drop keys that lie below another key of the list (and repeats): the
 * writer would otherwise export them twice when the inner one comes first. */
static void drop_nested(ws2fix_strlist *l)
{
	size_t k = 0;
	for (size_t i = 0; i < l->count; i++) {
		int drop = 0;
		for (size_t j = 0; j < l->count && !drop; j++) {
			if (i == j || !l->items[j] || !covered_by(l->items[i], l->items[j]))
				continue;
			drop = strlen(l->items[i]) != strlen(l->items[j]) || j < i;
		}
		if (drop) {
			free(l->items[i]);
			l->items[i] = NULL;
		}
	}
	for (size_t i = 0; i < l->count; i++)
		if (l->items[i])
			l->items[k++] = l->items[i];
	l->count = k;
}

/* ---- backup ------------------------------------------------------------- */

int ws2fix_backup_keys(ws2fix_strlist *out, ws2fix_registry *reg, int with_win2000_extras)
{
	/* The Windows 2000 repair (seed 002) has people write down their
	 * network bindings and TCP/IP settings before deleting keys. */
	static const char *const extras[] = {
		"LanManServer\\Linkage", "LanManWorkstation\\Linkage", "Tcpip\\Parameters"};
	ws2fix_strlist ts = {0};
	out->items = NULL;
	out->count = 0;
	if (!reg)
		return ws2fix__fail(WS2FIX_EINVALID, WS2FIX_ERRCLASS_INVALID, "ws2fix_backup_keys: no registry");
	const char *cs = ws2fix_registry_controlset(reg);
	int rc = add_if_exists(out, reg, joinf(cs, "Services", "WinSock2"));
	if (rc == 0)
		rc = add_if_exists(out, reg, joinf(cs, "Services", "Winsock"));
	if (rc == 0)
		rc = transports(&ts, reg, cs);
	for (size_t i = 0; i < ts.count && rc == 0; i++) {
		char *t = joinf(ts.items[i], "Parameters", "Winsock");
		rc = t ? add_if_exists(out, reg, joinf(cs, "Services", t)) : WS2FIX_ENOMEM;
		free(t);
	}
	for (size_t i = 0; with_win2000_extras && rc == 0 && i < sizeof(extras) / sizeof(extras[0]); i++)
		rc = add_if_exists(out, reg, joinf(cs, "Services", extras[i]));
	ws2fix_strlist_clear(&ts);
	if (rc < 0) {
		ws2fix_strlist_clear(out);
		return rc;
	}
	drop_nested(out);
	return 0;
}

int ws2fix_backup_write_with(ws2fix_registry *reg, const char *path, int with_win2000_extras,
	const ws2fix_strlist *also, ws2fix_strlist *written)
{
	ws2fix_strlist keys = {0};
	if (written) {
		written->items = NULL;
		written->count = 0;
	}
	if (!reg || !path || !*path)
		return ws2fix__fail(WS2FIX_EINVALID, WS2FIX_ERRCLASS_INVALID,
			"ws2fix_backup_write: no registry or no file name");
	int rc = ws2fix_backup_keys(&keys, reg, with_win2000_extras);
	for (size_t i = 0; also && i < also->count && rc == 0; i++)
		rc = add_if_exists(&keys, reg, ws2fix__strdup(also->items[i]));
	if (rc == 0) {
		drop_nested(&keys);
		/* What it was taken from, for restore to check (backup_origin.c). */
		char *origin = ws2fix__backup_origin_text(reg);
		rc = origin ? ws2fix__regfile_export_with(reg, (const char *const *)keys.items, keys.count, path, origin)
			    : ws2fix__oom();
		free(origin);
	}
	if (rc == 0 && written)
		*written = keys;
	else
		ws2fix_strlist_clear(&keys);
	return rc;
}

int ws2fix_backup_write(ws2fix_registry *reg, const char *path, int with_win2000_extras)
{
	return ws2fix_backup_write_with(reg, path, with_win2000_extras, NULL, NULL);
}

/* ---- reading a backup --------------------------------------------------- */

typedef struct backup_doc {
	ws2fix_regtree *tree;
	ws2fix_regtree_key **tops; /* the covered keys, in file order */
	ws2fix_strlist target;     /* their paths in the target registry */
	size_t count, cap;
} backup_doc;

static void doc_free(backup_doc *d)
{
	ws2fix__regtree_free(d->tree);
	free(d->tops);
	ws2fix_strlist_clear(&d->target);
	memset(d, 0, sizeof(*d));
}

/* The path of a tree key, from the root. */
static char *tree_path(const ws2fix_regtree_key *k)
{
	const ws2fix_regtree_key *chain[WS2FIX_REGTREE_MAX_DEPTH + 1];
	size_t n = 0;
	for (; k && k->parent && n < WS2FIX_REGTREE_MAX_DEPTH + 1; k = k->parent)
		chain[n++] = k;
	ws2fix_buf b = WS2FIX_BUF_INIT;
	while (n-- > 0) {
		if (b.len)
			ws2fix__buf_putc(&b, '\\');
		ws2fix__buf_put(&b, chain[n]->e.name, chain[n]->e.name_len);
	}
	return ws2fix__buf_detach(&b);
}

/* Collect the keys that have a line of their own and no listed ancestor.
 * Depth is capped by the tree (WS2FIX_REGTREE_MAX_DEPTH). */
static int collect_tops(backup_doc *d, ws2fix_regtree_key *k)
{
	for (ws2fix_regtree_key *c = ws2fix__regtree_first_subkey(k); c; c = ws2fix__regtree_next_sibling(c)) {
		if (!c->listed) {
			int rc = collect_tops(d, c);
			if (rc < 0)
				return rc;
			continue;
		}
		if (d->count == d->cap) {
			size_t cap = d->cap ? d->cap * 2 : 8;
			ws2fix_regtree_key **p = realloc(d->tops, cap * sizeof(*p));
			if (!p)
				return ws2fix__oom();
			d->tops = p;
			d->cap = cap;
		}
		d->tops[d->count++] = c;
	}
	return 0;
}

/* The control set the file names, decided as the .reg backend decides it
 * for every other command (CurrentControlSet, else the first ControlSet00N). */
static int backup_controlset(char *buf, size_t bufsz, const char *backup_path)
{
	ws2fix_registry *b = NULL;
	int rc = ws2fix_registry_open_regfile(&b, backup_path, NULL);
	if (rc < 0)
		return rc;
	const char *cs = ws2fix_registry_source_controlset(b);
	size_t n = strlen(cs);
	if (n >= bufsz)
		n = bufsz - 1;
	memcpy(buf, cs, n);
	buf[n] = '\0';
	ws2fix_registry_free(b);
	return 0;
}

static int doc_load(backup_doc *d, ws2fix_registry *reg, const char *backup_path)
{
	ws2fix__regfile_info info;
	char bcs[32];
	memset(d, 0, sizeof(*d));
	memset(&info, 0, sizeof(info));
	if (!reg || !backup_path)
		return ws2fix__fail(WS2FIX_EINVALID, WS2FIX_ERRCLASS_INVALID, "restore: no registry or no backup file");
	int rc = ws2fix__regfile_load(&d->tree, &info, backup_path);
	if (rc < 0)
		return rc;
	if (info.foreign_keys) {
		doc_free(d);
		return ws2fix__fail(WS2FIX_EINVALID, WS2FIX_ERRCLASS_REGFILE,
			"%s holds keys outside HKEY_LOCAL_MACHINE\\SYSTEM: not a ws2fix backup, refusing to restore it",
			backup_path);
	}
	rc = collect_tops(d, ws2fix__regtree_root(d->tree));
	if (rc == 0 && d->count == 0)
		rc = ws2fix__fail(WS2FIX_EINVALID, WS2FIX_ERRCLASS_REGFILE,
			"%s holds no keys: nothing to restore", backup_path);
	if (rc == 0 && backup_controlset(bcs, sizeof(bcs), backup_path) < 0) {
		/* No control set at all: every key is outside <cs>\Services. */
		char *p = tree_path(d->tops[0]);
		rc = ws2fix__fail(WS2FIX_EINVALID, WS2FIX_ERRCLASS_REGFILE,
			"%s covers %s, which is not under a control set's Services key: refusing to restore it",
			backup_path, p ? p : "?");
		free(p);
	}
	const char *tcs = ws2fix_registry_controlset(reg);
	for (size_t i = 0; i < d->count && rc == 0; i++) {
		char *p = tree_path(d->tops[i]);
		if (!p) {
			rc = ws2fix__oom();
			break;
		}
		size_t n = strlen(bcs);
		/* Only whole keys below <cs>\Services\ may be replaced: a
		 * restore must never reach Control, Enum or Services itself. */
		if (ws2fix__strncasecmp(p, bcs, n) != 0 || ws2fix__strncasecmp(p + n, "\\Services\\", 10) != 0 ||
		    p[n + 10] == '\0') {
			rc = ws2fix__fail(WS2FIX_EINVALID, WS2FIX_ERRCLASS_REGFILE,
				"%s covers %s, which is outside %s\\Services\\: refusing to restore it",
				backup_path, p, bcs);
			free(p);
			break;
		}
		rc = list_push(&d->target, joinf(tcs, p + n + 1, NULL));
		free(p);
	}
	if (rc < 0)
		doc_free(d);
	return rc;
}

int ws2fix_restore_plan(ws2fix_strlist *out, ws2fix_registry *reg, const char *backup_path)
{
	backup_doc d;
	out->items = NULL;
	out->count = 0;
	int rc = doc_load(&d, reg, backup_path);
	if (rc < 0)
		return rc;
	*out = d.target;
	d.target.items = NULL;
	d.target.count = 0;
	doc_free(&d);
	return 0;
}

/* ---- restore ------------------------------------------------------------ */

/* Create @p k at @p path and everything below it, in file order. */
static int recreate(ws2fix_registry *reg, ws2fix_buf *path, const ws2fix_regtree_key *k)
{
	if (ws2fix__buf_oom(path))
		return ws2fix__oom();
	int rc = ws2fix_registry_create_key(reg, path->ptr);
	for (const ws2fix_regtree_value *v = ws2fix__regtree_first_value(k); v && rc == 0;
	     v = ws2fix__regtree_next_value(v))
		rc = ws2fix_registry_set_value(reg, path->ptr, v->e.name, v->type, v->data, v->len);
	for (const ws2fix_regtree_key *c = ws2fix__regtree_first_subkey(k); c && rc == 0;
	     c = ws2fix__regtree_next_sibling(c)) {
		size_t mark = path->len;
		ws2fix__buf_putc(path, '\\');
		ws2fix__buf_put(path, c->e.name, c->e.name_len);
		rc = recreate(reg, path, c);
		if (path->ptr) {
			path->len = mark;
			path->ptr[mark] = '\0';
		}
	}
	return rc;
}

int ws2fix_restore(ws2fix_registry *reg, const char *backup_path, ws2fix_strlist *restored_out)
{
	backup_doc d;
	if (restored_out) {
		restored_out->items = NULL;
		restored_out->count = 0;
	}
	int rc = doc_load(&d, reg, backup_path);
	if (rc < 0)
		return rc;
	/* Every key is checked before the first edit, so a backup that is
	 * refused changes nothing. */
	for (size_t i = 0; i < d.count && rc == 0; i++) {
		const char *t = d.target.items[i];
		rc = ws2fix_registry_key_exists(reg, t);
		if (rc == 1)
			rc = ws2fix_registry_delete_tree(reg, t);
		if (rc == 0) {
			ws2fix_buf path = WS2FIX_BUF_INIT;
			ws2fix__buf_puts(&path, t);
			rc = recreate(reg, &path, d.tops[i]);
			ws2fix__buf_free(&path);
		}
	}
	if (rc == 0 && restored_out) {
		*restored_out = d.target;
		d.target.items = NULL;
		d.target.count = 0;
	}
	doc_free(&d);
	return rc;
}

/* ---- verify ------------------------------------------------------------- */

static int differ(char **difference, const char *fmt, ...) WS2FIX_PRINTF(2, 3);

/* Record the first difference (English: the library's own messages are). */
static int differ(char **difference, const char *fmt, ...)
{
	ws2fix_buf x = WS2FIX_BUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	ws2fix__buf_vprintf(&x, fmt, ap);
	va_end(ap);
	*difference = ws2fix__buf_detach(&x);
	return *difference ? 0 : ws2fix__oom();
}

static int in_list(const ws2fix_strlist *l, const char *name)
{
	for (size_t i = 0; i < l->count; i++)
		if (ws2fix__strcasecmp(l->items[i], name) == 0)
			return 1;
	return 0;
}

static int compare_values(ws2fix_registry *reg, const char *path, const ws2fix_regtree_key *k,
	char **difference)
{
	ws2fix_strlist names = {0};
	int rc = ws2fix_registry_values(&names, reg, path);
	if (rc < 0)
		return rc;
	for (const ws2fix_regtree_value *v = ws2fix__regtree_first_value(k); v && rc == 0 && !*difference;
	     v = ws2fix__regtree_next_value(v)) {
		ws2fix_regvalue got = {0};
		rc = ws2fix_registry_get_value(&got, reg, path, v->e.name);
		if (rc == WS2FIX_ENOTFOUND) {
			ws2fix_error_clear();
			rc = differ(difference, "%s: value \"%s\" is missing", path, v->e.name);
		} else if (rc == 0 && (got.type != v->type || got.len != v->len ||
				       (v->len && memcmp(got.data, v->data, v->len) != 0))) {
			rc = differ(difference, "%s: value \"%s\" differs from the backup (type or bytes)", path,
				v->e.name);
		}
		ws2fix_regvalue_clear(&got);
	}
	/* Every backup value is present; any other value is one too many. */
	for (size_t i = 0; i < names.count && rc == 0 && !*difference; i++)
		if (!ws2fix__regtree_value(k, names.items[i], strlen(names.items[i])))
			rc = differ(difference, "%s: value \"%s\" is not in the backup", path, names.items[i]);
	ws2fix_strlist_clear(&names);
	return rc;
}

static int compare_key(ws2fix_registry *reg, ws2fix_buf *path, const ws2fix_regtree_key *k,
	char **difference)
{
	ws2fix_strlist subs = {0};
	if (ws2fix__buf_oom(path))
		return ws2fix__oom();
	int rc = ws2fix_registry_subkeys(&subs, reg, path->ptr);
	if (rc == WS2FIX_ENOTFOUND) {
		ws2fix_error_clear();
		return differ(difference, "%s: key is missing", path->ptr);
	}
	if (rc == 0)
		rc = compare_values(reg, path->ptr, k, difference);
	for (size_t i = 0; i < subs.count && rc == 0 && !*difference; i++)
		if (!ws2fix__regtree_subkey(k, subs.items[i], strlen(subs.items[i])))
			rc = differ(difference, "%s\\%s: key is not in the backup", path->ptr, subs.items[i]);
	for (const ws2fix_regtree_key *c = ws2fix__regtree_first_subkey(k); c && rc == 0 && !*difference;
	     c = ws2fix__regtree_next_sibling(c)) {
		if (!in_list(&subs, c->e.name)) {
			rc = differ(difference, "%s\\%s: key is missing", path->ptr, c->e.name);
			break;
		}
		size_t mark = path->len;
		ws2fix__buf_putc(path, '\\');
		ws2fix__buf_put(path, c->e.name, c->e.name_len);
		rc = compare_key(reg, path, c, difference);
		if (path->ptr) {
			path->len = mark;
			path->ptr[mark] = '\0';
		}
	}
	ws2fix_strlist_clear(&subs);
	return rc;
}

int ws2fix_restore_verify(ws2fix_registry *reg, const char *backup_path, char **difference)
{
	backup_doc d;
	*difference = NULL;
	int rc = doc_load(&d, reg, backup_path);
	for (size_t i = 0; rc == 0 && i < d.count && !*difference; i++) {
		ws2fix_buf path = WS2FIX_BUF_INIT;
		ws2fix__buf_puts(&path, d.target.items[i]);
		rc = compare_key(reg, &path, d.tops[i], difference);
		ws2fix__buf_free(&path);
	}
	if (rc < 0) {
		free(*difference);
		*difference = NULL;
	}
	doc_free(&d);
	return rc;
}

static char *fresh_name_from(const char *head, size_t head_len, const char *tail)
{
	char stamp[17];
	ws2fix__utc_stamp(stamp);
	for (int n = 1; n < 1000; n++) {
		ws2fix_buf b = WS2FIX_BUF_INIT;
		ws2fix__buf_put(&b, head, head_len);
		ws2fix__buf_puts(&b, stamp);
		if (n > 1)
			ws2fix__buf_printf(&b, "-%d", n);
		ws2fix__buf_puts(&b, tail);
		char *path = ws2fix__buf_detach(&b);
		if (!path || !ws2fix__file_exists(path))
			return path;
		free(path);
	}
	return NULL;
}

/* <head><UTC stamp>[-N]<tail>: never a file already there (a backup
 * taken in the same second, maybe the very file being restored).  Frees
 * @p head. */
static char *fresh_name(ws2fix_buf *head, const char *tail)
{
	char *p = NULL;
	if (!ws2fix__buf_oom(head))
		p = fresh_name_from(ws2fix__buf_cstr(head), head->len, tail);
	ws2fix__buf_free(head);
	return p;
}

char *ws2fix_backup_fresh_path(const char *dir, size_t dir_len)
{
	ws2fix_buf b = WS2FIX_BUF_INIT;
	ws2fix__buf_put(&b, dir ? dir : "", dir ? dir_len : 0);
	ws2fix__buf_puts(&b, "ws2fix-backup-");
	return fresh_name(&b, ".reg");
}

char *ws2fix_backup_kept_path(const char *path)
{
	ws2fix_buf b = WS2FIX_BUF_INIT;
	ws2fix__buf_printf(&b, "%s.ws2fix-", path);
	return fresh_name(&b, ".bak");
}

/* SPDX-License-Identifier: MIT */
/*
 * The .reg backend: a .reg export parsed into an in-memory tree
 * (../regformat/regtree.h), served through the backend vtable.
 *
 * Opened writable, edits change only the tree until commit, which writes
 * the whole tree back as a regedit-style file (UTF-16LE, version 5.00)
 * through a temporary file and a rename.  A file that also held keys
 * outside HKLM\SYSTEM cannot be committed: the parser skipped them, so a
 * rewrite would silently drop them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../errors_internal.h"
#include "../platform.h"
#include "../regformat/regtree.h"
#include "../regformat/regformat.h"
#include "regfile_source.h"
#include "../../util/utf.h"
#include "ws2fix/sys/backend.h"
#include "source_open.h"

typedef struct regfile_backend {
	ws2fix_backend parent; /* first: the front end holds &parent */
	ws2fix_regtree *tree;
	char *path;
	ws2fix__regfile_info info;
	/* "CurrentControlSet\..." stands for cs_key (regfile_controlset.c):
	 * the catalog is read, planned and fixed where the running machine has
	 * it, whatever control set and root the export came from. */
	int alias;
	char cs_key[32];     /* as the file spells it; "" for Services right under the root */
	char root_full[300]; /* "HKEY_LOCAL_MACHINE\<root>" */
} regfile_backend;

static regfile_backend *rb_of(const ws2fix_backend *be)
{
	return WS2FIX_CONTAINER_OF(be, regfile_backend, parent);
}

static const char *nz(const char *s)
{
	return s ? s : "";
}

/* The tree's own path for @p path: "CurrentControlSet\X" is cs_key\X
 * when the export's control set is reached through it.  *tmp is what to
 * free; NULL return: out of memory. */
static const char *tree_path(regfile_backend *rb, const char *path, char **tmp)
{
	static const char ccs[] = "CurrentControlSet";
	size_t n = sizeof(ccs) - 1;
	*tmp = NULL;
	path = nz(path);
	if (!rb->alias || ws2fix__strncasecmp(path, ccs, n) != 0 || (path[n] && path[n] != '\\'))
		return path;
	const char *rest = path[n] ? path + n + 1 : "";
	size_t cl = strlen(rb->cs_key), rl = strlen(rest);
	char *p = malloc(cl + rl + 2);
	if (!p) {
		ws2fix__oom();
		return NULL;
	}
	memcpy(p, rb->cs_key, cl);
	size_t at = cl;
	if (cl && rl)
		p[at++] = '\\';
	memcpy(p + at, rest, rl + 1);
	*tmp = p;
	return p;
}

static int find_key(ws2fix_regtree_key **out, regfile_backend *rb, const char *path)
{
	char *tmp;
	const char *tp = tree_path(rb, path, &tmp);
	if (!tp)
		return WS2FIX_ENOMEM;
	int found = ws2fix__regtree_find(out, rb->tree, tp, strlen(tp)) == 0;
	free(tmp);
	path = nz(path);
	if (!found)
		return ws2fix__fail(WS2FIX_ENOTFOUND, WS2FIX_ERRCLASS_REGFILE,
			"key %s does not exist in %s", *path ? path : "(root)", rb->path);
	return 0;
}

static int rf_key_exists(ws2fix_backend *be, const char *path)
{
	ws2fix_regtree_key *k;
	char *tmp;
	const char *tp = tree_path(rb_of(be), path, &tmp);
	if (!tp)
		return WS2FIX_ENOMEM;
	int found = ws2fix__regtree_find(&k, rb_of(be)->tree, tp, strlen(tp)) == 0;
	free(tmp);
	return found;
}

/* Copy the names of an entry list in order. */
static int names_of(ws2fix_strlist *out, const ws2fix__rt_list *l)
{
	out->items = NULL;
	out->count = 0;
	if (!l->count)
		return 0;
	out->items = calloc(l->count, sizeof(*out->items));
	if (!out->items)
		return ws2fix__oom();
	for (const ws2fix__rt_entry *e = l->first; e; e = e->next) {
		char *s = ws2fix__strndup(e->name, e->name_len);
		if (!s) {
			ws2fix_strlist_clear(out);
			return WS2FIX_ENOMEM;
		}
		out->items[out->count++] = s;
	}
	return 0;
}

static int rf_subkeys(ws2fix_strlist *out, ws2fix_backend *be, const char *path)
{
	ws2fix_regtree_key *k;
	out->items = NULL;
	out->count = 0;
	int rc = find_key(&k, rb_of(be), path);
	return rc < 0 ? rc : names_of(out, &k->subkeys);
}

static int rf_values(ws2fix_strlist *out, ws2fix_backend *be, const char *path)
{
	ws2fix_regtree_key *k;
	out->items = NULL;
	out->count = 0;
	int rc = find_key(&k, rb_of(be), path);
	return rc < 0 ? rc : names_of(out, &k->values);
}

static int rf_get_value(ws2fix_regvalue *out, ws2fix_backend *be, const char *path,
	const char *name)
{
	regfile_backend *rb = rb_of(be);
	ws2fix_regtree_key *k;
	out->type = 0;
	out->data = NULL;
	out->len = 0;
	name = nz(name);
	int rc = find_key(&k, rb, path);
	if (rc < 0)
		return rc;
	const ws2fix_regtree_value *v = ws2fix__regtree_value(k, name, strlen(name));
	if (!v)
		return ws2fix__fail(WS2FIX_ENOTFOUND, WS2FIX_ERRCLASS_REGFILE,
			"value \"%s\" does not exist in %s of %s", name, nz(path), rb->path);
	if (v->len) {
		out->data = malloc(v->len);
		if (!out->data)
			return ws2fix__oom();
		memcpy(out->data, v->data, v->len);
	}
	out->type = v->type;
	out->len = v->len;
	return 0;
}

static int rf_set_value(ws2fix_backend *be, const char *path, const char *name, uint32_t type,
	const void *data, size_t len)
{
	regfile_backend *rb = rb_of(be);
	ws2fix_regtree_key *k;
	char *tmp;
	name = nz(name);
	if (len && !data)
		return ws2fix__fail(WS2FIX_EINVALID, WS2FIX_ERRCLASS_INVALID,
			"set_value: %zu bytes of data but no pointer", len);
	const char *tp = tree_path(rb, path, &tmp);
	if (!tp)
		return WS2FIX_ENOMEM;
	int rc = ws2fix__regtree_create(&k, rb->tree, tp, strlen(tp));
	free(tmp);
	if (rc < 0)
		return rc;
	return ws2fix__regtree_set_value(rb->tree, k, name, strlen(name), type, data, len);
}

static int rf_delete_value(ws2fix_backend *be, const char *path, const char *name)
{
	regfile_backend *rb = rb_of(be);
	ws2fix_regtree_key *k;
	name = nz(name);
	int rc = find_key(&k, rb, path);
	if (rc < 0)
		return rc;
	if (ws2fix__regtree_delete_value(rb->tree, k, name, strlen(name)) < 0)
		return ws2fix__fail(WS2FIX_ENOTFOUND, WS2FIX_ERRCLASS_REGFILE,
			"value \"%s\" does not exist in %s of %s", name, nz(path), rb->path);
	return 0;
}

static int rf_create_key(ws2fix_backend *be, const char *path)
{
	ws2fix_regtree_key *k;
	char *tmp;
	const char *tp = tree_path(rb_of(be), path, &tmp);
	if (!tp)
		return WS2FIX_ENOMEM;
	int rc = ws2fix__regtree_create(&k, rb_of(be)->tree, tp, strlen(tp));
	free(tmp);
	return rc;
}

static int rf_delete_tree(ws2fix_backend *be, const char *path)
{
	regfile_backend *rb = rb_of(be);
	ws2fix_regtree_key *k;
	int rc = find_key(&k, rb, path);
	if (rc < 0)
		return rc;
	if (!k->parent)
		return ws2fix__fail(WS2FIX_EINVALID, WS2FIX_ERRCLASS_INVALID,
			"refusing to delete the SYSTEM root of %s", rb->path);
	ws2fix__regtree_delete_key(rb->tree, k);
	return 0;
}

static int rf_commit(ws2fix_backend *be, const char *backup_path)
{
	regfile_backend *rb = rb_of(be);
	unsigned char *data = NULL;
	size_t len = 0;
	if (rb->info.foreign_keys)
		return ws2fix__fail(WS2FIX_EINVALID, WS2FIX_ERRCLASS_REGFILE,
			"%s also holds keys outside %s; rewriting it would drop them",
			rb->path, rb->root_full);
	/* Written back under the root it came from. */
	int rc = ws2fix__regfile_write_tree(&data, &len, rb->tree, rb->info.root);
	if (rc < 0)
		return rc;
	if (len > WS2FIX_REGFILE_MAX_SIZE) {
		free(data);
		return ws2fix__fail(WS2FIX_EINVALID, WS2FIX_ERRCLASS_REGFILE,
			"rewritten %s would be %zu bytes, more than ws2fix reads back", rb->path, len);
	}
	if (backup_path) {
		/* Keep the file as it was (its own bytes, not our re-rendering). */
		unsigned char *old = NULL;
		size_t old_len = 0;
		rc = ws2fix__read_file(&old, &old_len, rb->path, WS2FIX_REGFILE_MAX_SIZE);
		if (rc == 0)
			rc = ws2fix__write_file_atomic(backup_path, old, old_len);
		free(old);
		if (rc < 0) {
			free(data);
			return rc;
		}
	}
	rc = ws2fix__write_file_atomic(rb->path, data, len);
	free(data);
	return rc;
}

/* An export names its control set in every key line: CurrentControlSet
 * when it has one or reaches the export's own control set through it
 * (regfile_controlset.c); otherwise the registry asks Select\\Current,
 * which then names a control set the file does not hold. */
static int rf_default_controlset(const ws2fix_backend *be, char *buf, size_t bufsz)
{
	regfile_backend *rb = rb_of(be);
	ws2fix_regtree_key *root = ws2fix__regtree_root(rb->tree);
	if (rb->alias || ws2fix__regtree_subkey(root, "CurrentControlSet", 17)) {
		snprintf(buf, bufsz, "CurrentControlSet");
		return 0;
	}
	return ws2fix__fail(WS2FIX_ENOTFOUND, WS2FIX_ERRCLASS_REGFILE,
		"%s has no CurrentControlSet or ControlSet00N key", rb->path);
}

static int rf_export_origin(const ws2fix_backend *be, const char **root, const char **controlset)
{
	const regfile_backend *rb = rb_of(be);
	*root = rb->root_full;
	*controlset = rb->alias ? rb->cs_key : "CurrentControlSet";
	return 0;
}

static void rf_free(ws2fix_backend *be)
{
	if (!be)
		return;
	regfile_backend *rb = rb_of(be);
	ws2fix__regtree_free(rb->tree);
	free(rb->path);
	free(rb);
}

static int rf_reopen(ws2fix_backend **out, const ws2fix_backend *be)
{
	return ws2fix_backend_regfile_new(out, rb_of(be)->path, 0);
}

int ws2fix_backend_regfile_new(ws2fix_backend **out, const char *path, int writable)
{
	*out = NULL;
	if (!path)
		return ws2fix__fail(WS2FIX_EINVALID, WS2FIX_ERRCLASS_INVALID, "no .reg file given");
	regfile_backend *rb = calloc(1, sizeof(*rb));
	if (!rb)
		return ws2fix__oom();
	rb->path = ws2fix__strdup(path);
	int rc = rb->path ? ws2fix__regfile_load(&rb->tree, &rb->info, path) : WS2FIX_ENOMEM;
	if (rc < 0) {
		free(rb->path);
		free(rb);
		return rc;
	}
	snprintf(rb->root_full, sizeof(rb->root_full), "HKEY_LOCAL_MACHINE\\%s", rb->info.root);
	rb->alias = ws2fix__regfile_pick_controlset(ws2fix__regtree_root(rb->tree), rb->cs_key, sizeof(rb->cs_key));
	ws2fix_backend *be = &rb->parent;
	be->version = WS2FIX_BACKEND_VERSION;
	be->name = "reg";
	be->readonly = !writable;
	be->key_exists = rf_key_exists;
	be->subkeys = rf_subkeys;
	be->values = rf_values;
	be->get_value = rf_get_value;
	be->default_controlset = rf_default_controlset;
	be->export_origin = rf_export_origin;
	be->reopen = rf_reopen;
	be->free = rf_free;
	/* An export holds the keys someone chose to export, nothing more. */
	be->caps = WS2FIX_CAP_EXPORT;
	if (writable) {
		be->caps |= WS2FIX_CAP_WRITE | WS2FIX_CAP_ATOMIC;
		be->set_value = rf_set_value;
		be->delete_value = rf_delete_value;
		be->create_key = rf_create_key;
		be->delete_tree = rf_delete_tree;
		be->commit = rf_commit;
	}
	*out = be;
	return 0;
}

/* The .reg line of include/ws2fix/sources.def. */
int ws2fix__source_open_regfile(ws2fix_source_parts *out, const char *path, const ws2fix_open_options *open,
	ws2fix_lang lang, unsigned int flags)
{
	ws2fix_open_options oo = *open;
	/* An export is a copy of a machine's keys: writing it repairs no
	 * machine, so it is opened read-only (the refusal says what to do
	 * instead) unless the caller asked to edit the export itself. */
	oo.writable = open->writable && (flags & WS2FIX_SOURCE_EDIT_EXPORT);
	int rc = ws2fix_registry_open_regfile(&out->reg, path, &oo);
	if (rc == WS2FIX_ENOTFOUND && ws2fix__file_exists(path)) {
		/* No control set to read: an export of the wrong key says so;
		 * one whose WinSock2 key is elsewhere keeps its own error. */
		ws2fix_error copy = *ws2fix_error_last();
		char *why = ws2fix__strdup(copy.message ? copy.message : "");
		int wrong = ws2fix__regfile_refuse_wrong_key(path, lang);
		if (wrong == 0)
			ws2fix__fail(rc, copy.klass, "%s", why ? why : "");
		free(why);
		return wrong < 0 ? wrong : rc;
	}
	if (rc < 0)
		return rc;
	ws2fix_buf key = WS2FIX_BUF_INIT;
	ws2fix__buf_printf(&key, "%s\\Services\\WinSock2", ws2fix_registry_controlset(out->reg));
	int has = ws2fix__buf_oom(&key) ? WS2FIX_ENOMEM : ws2fix_registry_key_exists(out->reg, ws2fix__buf_cstr(&key));
	ws2fix__buf_free(&key);
	if (has == 1 && (has = ws2fix__regfile_refuse_partial(path, ws2fix_registry_source_controlset(out->reg), lang)) == 0)
		return 0;
	if (has < 0) {
		ws2fix_registry_free(out->reg);
		out->reg = NULL;
		return has;
	}
	/* A WinSock2 key of another control set: read as a machine whose
	 * control set lost it (CATALOG_MISSING), as for a hive. */
	rc = ws2fix__regfile_refuse_wrong_key(path, lang);
	if (rc < 0) {
		ws2fix_registry_free(out->reg);
		out->reg = NULL;
	}
	return rc;
}

/* A .reg export: its header line, which the parser records before it
 * reads any key (a damaged export is still an export). */
int ws2fix__source_sniff_regfile(const unsigned char *data, size_t len)
{
	ws2fix_regtree *t = NULL;
	ws2fix__regfile_info info = {0};
	if (ws2fix__regtree_new(&t) < 0)
		return 0;
	ws2fix__regfile_parse(t, data, len, "(input)", &info);
	ws2fix__regtree_free(t);
	return info.version != 0 ? 3 : 0;
}

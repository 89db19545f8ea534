/* SPDX-License-Identifier: MIT */
/*
 * Offline SYSTEM hive backend over hivex.
 *
 * hivex node handles are file offsets that go stale after a write, so every
 * call walks from the root by path.  Writes stay in hivex's in-memory copy
 * until commit, which writes a new file beside the original, flushes it,
 * keeps the original under the backup name and renames the new one into
 * place (hivex_commit itself would truncate the target in place).
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <hivex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../errors_internal.h"
#include "../platform.h"
#include "ws2fix/sys/backend.h"
#include "../../util/buf.h"
#include "../../util/utf.h"

/* hivex limits its own allocations; these bound what we accept from it. */
#define MAX_NAMES_PER_KEY 65536
#define MAX_PATH_DEPTH 64

typedef struct hive_backend {
	ws2fix_backend parent;
	hive_h *h;
	char *path;
	int dirty;
	int modified;
} hive_backend;

static hive_backend *self(ws2fix_backend *be)
{
	return WS2FIX_CONTAINER_OF(be, hive_backend, parent);
}

/* Walk a backslash path from the root.  0 with *out set, ENOTFOUND, or error. */
static int walk(hive_backend *hb, const char *path, hive_node_h *out)
{
	hive_node_h node = hivex_root(hb->h);
	if (!node)
		return ws2fix__fail(WS2FIX_ECORRUPT, WS2FIX_ERRCLASS_HIVE, "%s: hive has no root key", hb->path);
	const char *p = path;
	int depth = 0;
	while (*p) {
		const char *sep = strchr(p, '\\');
		size_t n = sep ? (size_t)(sep - p) : strlen(p);
		if (n == 0 || ++depth > MAX_PATH_DEPTH)
			return ws2fix__fail(WS2FIX_EINVALID, WS2FIX_ERRCLASS_INVALID, "bad key path '%s'", path);
		char *name = ws2fix__strndup(p, n);
		if (!name)
			return WS2FIX_ENOMEM;
		errno = 0;
		hive_node_h child = hivex_node_get_child(hb->h, node, name);
		int e = errno;
		free(name);
		if (!child) {
			if (e)
				return ws2fix__fail(WS2FIX_ECORRUPT, WS2FIX_ERRCLASS_HIVE,
					"%s: cannot read key %s: %s", hb->path, path, strerror(e));
			return ws2fix__fail(WS2FIX_ENOTFOUND, WS2FIX_ERRCLASS_HIVE, "key %s not found", path);
		}
		node = child;
		p += n;
		if (*p == '\\')
			p++;
	}
	*out = node;
	return 0;
}

static int hive_key_exists(ws2fix_backend *be, const char *path)
{
	hive_node_h n;
	int rc = walk(self(be), path, &n);
	if (rc == WS2FIX_ENOTFOUND) {
		ws2fix_error_clear();
		return 0;
	}
	return rc < 0 ? rc : 1;
}

/* Names of a key's subkeys or values, in stored order.  hivex returns
 * 0-terminated handle arrays for both; only the name call differs. */
static int list_names(ws2fix_strlist *out, hive_backend *hb, const char *path, int values)
{
	hive_node_h node;
	int rc = walk(hb, path, &node);
	if (rc < 0)
		return rc;
	errno = 0;
	size_t *handles = values ? hivex_node_values(hb->h, node) : hivex_node_children(hb->h, node);
	const char *what = values ? "values" : "subkeys";
	if (!handles)
		return ws2fix__fail(WS2FIX_ECORRUPT, WS2FIX_ERRCLASS_HIVE, "%s: cannot list %s of %s: %s",
			hb->path, what, path, strerror(errno ? errno : EINVAL));
	size_t n = 0;
	while (handles[n] && n < MAX_NAMES_PER_KEY)
		n++;
	char **names = calloc(n + 1, sizeof(char *));
	if (!names) {
		free(handles);
		return ws2fix__fail(WS2FIX_ENOMEM, WS2FIX_ERRCLASS_NOMEMORY, "out of memory");
	}
	for (size_t i = 0; i < n; i++) {
		names[i] = values ? hivex_value_key(hb->h, handles[i]) : hivex_node_name(hb->h, handles[i]);
		if (!names[i]) {
			free(handles);
			ws2fix_strlist tmp = {names, i};
			ws2fix_strlist_clear(&tmp);
			return ws2fix__fail(WS2FIX_ECORRUPT, WS2FIX_ERRCLASS_HIVE, "%s: unreadable name among the %s of %s",
				hb->path, what, path);
		}
	}
	free(handles);
	out->items = names;
	out->count = n;
	return 0;
}

static int hive_subkeys(ws2fix_strlist *out, ws2fix_backend *be, const char *path)
{
	return list_names(out, self(be), path, 0);
}

static int hive_values(ws2fix_strlist *out, ws2fix_backend *be, const char *path)
{
	return list_names(out, self(be), path, 1);
}

static int hive_get_value(ws2fix_regvalue *out, ws2fix_backend *be, const char *path, const char *name)
{
	hive_backend *hb = self(be);
	hive_node_h node;
	int rc = walk(hb, path, &node);
	if (rc < 0)
		return rc;
	errno = 0;
	hive_value_h v = hivex_node_get_value(hb->h, node, name);
	if (!v) {
		if (errno)
			return ws2fix__fail(WS2FIX_ECORRUPT, WS2FIX_ERRCLASS_HIVE, "%s: cannot read %s\\%s: %s",
				hb->path, path, name, strerror(errno));
		return ws2fix__fail(WS2FIX_ENOTFOUND, WS2FIX_ERRCLASS_HIVE, "value %s\\%s not found", path, name);
	}
	hive_type t;
	size_t len;
	errno = 0;
	char *data = hivex_value_value(hb->h, v, &t, &len);
	if (!data)
		return ws2fix__fail(WS2FIX_ECORRUPT, WS2FIX_ERRCLASS_HIVE, "%s: cannot read data of %s\\%s: %s",
			hb->path, path, name, strerror(errno ? errno : EINVAL));
	out->type = (uint32_t)t;
	out->data = (unsigned char *)data;
	out->len = len;
	return 0;
}

/* hivex has no "delete one value" call: rewrite the node's values without
 * it (or with it replaced), keeping the order of the rest. */
static int rewrite_values(hive_backend *hb, const char *path, const char *name,
	const hive_set_value *replacement)
{
	hive_node_h node;
	int rc = walk(hb, path, &node);
	if (rc < 0)
		return rc;
	hive_value_h *vals = hivex_node_values(hb->h, node);
	if (!vals)
		return ws2fix__fail(WS2FIX_ECORRUPT, WS2FIX_ERRCLASS_HIVE, "%s: cannot list values of %s", hb->path, path);
	size_t n = 0;
	while (vals[n])
		n++;
	hive_set_value *set = calloc(n + 1, sizeof(*set));
	if (!set) {
		free(vals);
		return ws2fix__fail(WS2FIX_ENOMEM, WS2FIX_ERRCLASS_NOMEMORY, "out of memory");
	}
	size_t k = 0;
	int found = 0;
	rc = 0;
	for (size_t i = 0; i < n; i++) {
		char *key = hivex_value_key(hb->h, vals[i]);
		hive_type t;
		size_t len;
		char *data = key ? hivex_value_value(hb->h, vals[i], &t, &len) : NULL;
		if (!key || !data) {
			free(key);
			free(data);
			rc = ws2fix__fail(WS2FIX_ECORRUPT, WS2FIX_ERRCLASS_HIVE, "%s: unreadable value in %s", hb->path, path);
			break;
		}
		if (ws2fix__strcasecmp(key, name) == 0) {
			found = 1;
			free(key);
			free(data);
			if (replacement)
				set[k++] = *replacement;
			continue;
		}
		set[k].key = key;
		set[k].t = t;
		set[k].len = len;
		set[k].value = data;
		k++;
	}
	if (rc == 0 && !found && !replacement)
		rc = ws2fix__fail(WS2FIX_ENOTFOUND, WS2FIX_ERRCLASS_HIVE, "value %s\\%s not found", path, name);
	if (rc == 0 && !found && replacement)
		set[k++] = *replacement; /* a new value goes after the others, as Windows adds it */
	if (rc == 0 && hivex_node_set_values(hb->h, node, k, set, 0) < 0)
		rc = ws2fix__fail_errno(WS2FIX_ERROR, errno, "%s: cannot write values of %s", hb->path, path);
	for (size_t i = 0; i < k; i++) {
		if (replacement && set[i].key == replacement->key)
			continue;
		free(set[i].key);
		free(set[i].value);
	}
	free(set);
	free(vals);
	if (rc == 0)
		hb->modified = 1;
	return rc;
}

static int hive_create_key(ws2fix_backend *be, const char *path)
{
	hive_backend *hb = self(be);
	hive_node_h node = hivex_root(hb->h);
	const char *p = path;
	while (*p) {
		const char *sep = strchr(p, '\\');
		size_t n = sep ? (size_t)(sep - p) : strlen(p);
		if (n == 0)
			return ws2fix__fail(WS2FIX_EINVALID, WS2FIX_ERRCLASS_INVALID, "bad key path '%s'", path);
		char *name = ws2fix__strndup(p, n);
		if (!name)
			return WS2FIX_ENOMEM;
		errno = 0;
		hive_node_h child = hivex_node_get_child(hb->h, node, name);
		if (!child && errno == 0) {
			child = hivex_node_add_child(hb->h, node, name);
			hb->modified = 1;
		}
		int e = errno;
		free(name);
		if (!child)
			return ws2fix__fail_errno(WS2FIX_ERROR, e ? e : EINVAL, "%s: cannot create key %s", hb->path, path);
		node = child;
		p += n;
		if (*p == '\\')
			p++;
	}
	return 0;
}

static int hive_set_value_(ws2fix_backend *be, const char *path, const char *name, uint32_t type,
	const void *data, size_t len)
{
	hive_backend *hb = self(be);
	int rc = hive_create_key(be, path);
	if (rc < 0)
		return rc;
	hive_set_value v;
	v.key = (char *)name;
	v.t = (hive_type)type;
	v.len = len;
	v.value = (char *)data;
	return rewrite_values(hb, path, name, &v);
}

static int hive_delete_value(ws2fix_backend *be, const char *path, const char *name)
{
	return rewrite_values(self(be), path, name, NULL);
}

static int hive_delete_tree(ws2fix_backend *be, const char *path)
{
	hive_backend *hb = self(be);
	hive_node_h node;
	int rc = walk(hb, path, &node);
	if (rc < 0)
		return rc;
	if (node == hivex_root(hb->h))
		return ws2fix__fail(WS2FIX_EINVALID, WS2FIX_ERRCLASS_INVALID, "refusing to delete the hive root");
	if (hivex_node_delete_child(hb->h, node) < 0)
		return ws2fix__fail_errno(WS2FIX_ERROR, errno, "%s: cannot delete %s", hb->path, path);
	hb->modified = 1;
	return 0;
}

static int hive_commit(ws2fix_backend *be, const char *backup_path)
{
	hive_backend *hb = self(be);
	ws2fix_buf tmp = WS2FIX_BUF_INIT;
	char stamp[17];
	ws2fix__utc_stamp(stamp);
	ws2fix__buf_printf(&tmp, "%s.ws2fix-new-%s", hb->path, stamp);
	if (ws2fix__buf_oom(&tmp))
		return ws2fix__fail(WS2FIX_ENOMEM, WS2FIX_ERRCLASS_NOMEMORY, "out of memory");
	int rc = 0;
	if (hivex_commit(hb->h, tmp.ptr, 0) < 0) {
		rc = ws2fix__fail_errno(WS2FIX_ERROR, errno, "cannot write %s", tmp.ptr);
		remove(tmp.ptr);
		goto out;
	}
	if ((rc = ws2fix__fsync_path(tmp.ptr)) < 0) {
		remove(tmp.ptr);
		goto out;
	}
	if (backup_path && (rc = ws2fix__rename_replace(hb->path, backup_path)) < 0) {
		remove(tmp.ptr);
		goto out;
	}
	if ((rc = ws2fix__rename_replace(tmp.ptr, hb->path)) < 0) {
		/* Put the original back so the input is as it was. */
		if (backup_path)
			ws2fix__rename_replace(backup_path, hb->path);
		remove(tmp.ptr);
		goto out;
	}
	hb->modified = 0;
out:
	ws2fix__buf_free(&tmp);
	return rc;
}

static int hive_is_dirty(const ws2fix_backend *be)
{
	return WS2FIX_CONTAINER_OF(be, hive_backend, parent)->dirty;
}

static void hive_free(ws2fix_backend *be)
{
	hive_backend *hb = self(be);
	if (hb->h)
		hivex_close(hb->h);
	free(hb->path);
	free(hb);
}

/* regf header: "regf", then the primary and secondary sequence numbers.
 * They differ when the hive was not cleanly flushed (its .LOG files hold
 * data the hive lacks). */
static int read_header(const char *path, int *dirty)
{
	FILE *f = ws2fix__fopen(path, "rb");
	if (!f)
		return ws2fix__fail_errno(errno == ENOENT ? WS2FIX_ENOTFOUND : WS2FIX_ERROR, errno,
			"cannot open %s", path);
	unsigned char h[12];
	size_t n = fread(h, 1, sizeof(h), f);
	fclose(f);
	if (n < sizeof(h) || memcmp(h, "regf", 4) != 0)
		return ws2fix__fail(WS2FIX_ECORRUPT, WS2FIX_ERRCLASS_HIVE,
			"%s is not a registry hive (no 'regf' header)", path);
	uint32_t s1 = (uint32_t)h[4] | ((uint32_t)h[5] << 8) | ((uint32_t)h[6] << 16) | ((uint32_t)h[7] << 24);
	uint32_t s2 = (uint32_t)h[8] | ((uint32_t)h[9] << 8) | ((uint32_t)h[10] << 16) | ((uint32_t)h[11] << 24);
	*dirty = s1 != s2;
	return 0;
}

int ws2fix_backend_hive_new(ws2fix_backend **out, const char *path, int writable)
{
	*out = NULL;
	int dirty = 0;
	int rc = read_header(path, &dirty);
	if (rc < 0)
		return rc;
	hive_backend *hb = calloc(1, sizeof(*hb));
	if (!hb)
		return ws2fix__fail(WS2FIX_ENOMEM, WS2FIX_ERRCLASS_NOMEMORY, "out of memory");
	hb->path = ws2fix__strdup(path);
	if (!hb->path) {
		free(hb);
		return WS2FIX_ENOMEM;
	}
	errno = 0;
	hb->h = hivex_open(path, writable ? HIVEX_OPEN_WRITE : 0);
	if (!hb->h) {
		int e = errno;
		free(hb->path);
		free(hb);
		if (e == ENOENT)
			return ws2fix__fail_errno(WS2FIX_ENOTFOUND, e, "cannot open %s", path);
		if (e == EACCES || e == EPERM)
			return ws2fix__fail_errno(WS2FIX_EACCESS, e, "cannot open %s", path);
		return ws2fix__fail(WS2FIX_ECORRUPT, WS2FIX_ERRCLASS_HIVE,
			"%s is not a readable registry hive (truncated or damaged): %s", path,
			strerror(e ? e : EINVAL));
	}
	hb->dirty = dirty;
	ws2fix_backend *be = &hb->parent;
	be->version = WS2FIX_BACKEND_VERSION;
	be->name = "hive";
	be->caps = WS2FIX_CAP_DIRTY | (writable ? WS2FIX_CAP_WRITE | WS2FIX_CAP_ATOMIC : 0);
	be->readonly = !writable;
	be->key_exists = hive_key_exists;
	be->subkeys = hive_subkeys;
	be->values = hive_values;
	be->get_value = hive_get_value;
	if (writable) {
		be->set_value = hive_set_value_;
		be->delete_value = hive_delete_value;
		be->create_key = hive_create_key;
		be->delete_tree = hive_delete_tree;
		be->commit = hive_commit;
	}
	be->is_dirty = hive_is_dirty;
	be->free = hive_free;
	*out = be;
	return 0;
}

/* SPDX-License-Identifier: MIT */
/*
 * Offline SYSTEM hive backend over hivex.
 *
 * hivex node handles are file offsets that go stale after a write, so every
 * call walks from the root by path, through an index of each key's names
 * read once (hive_index.c) that every write clears.  Writes stay in hivex's in-memory copy
 * until commit, which writes a new file beside the original, flushes it,
 * keeps the original under the backup name (a hard link, or a flushed
 * copy) and renames the new one over the original, so that the hive's
 * name always holds either the old or the complete new file (hivex_commit
 * itself would truncate the target in place).
 *
 * A dirty hive (hivelog.c) is read through its transaction logs: the
 * replayed image goes to an unlinked temporary file that hivex opens, the
 * hive and its logs are never written, and a commit writes the replayed
 * data plus the edits with a clean header that no log beside it can be
 * replayed over (docs/internals/LOG-REPLAY.md).
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <hivex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "hive_index.h"
#include "hivelog.h"

#include "../errors_internal.h"
#include "../platform.h"
#include "../platform_memfile.h"
#include "../temp_files.h"
#include "ws2fix/sys/backend.h"
#include "../../util/buf.h"
#include "../../util/utf.h"
#include "source_open.h"

/* hivex limits its own allocations; these bound what we accept from it. */
#define MAX_NAMES_PER_KEY 65536
#define MAX_PATH_DEPTH 64

typedef struct hive_backend {
	ws2fix_backend parent;
	hive_h *h;
	ws2fix__hive_index *ix;
	char *path;
	int dirty;
	int modified;
	ws2fix_hive_recovery rec;
	char *log_name[3]; /* what rec.log_names points to */
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
		hive_node_h child = 0;
		int found = ws2fix__hive_index_find(hb->ix, hb->h, node, 0, p, n, &child);
		if (found <= 0) {
			if (found < 0)
				return ws2fix__fail(WS2FIX_ECORRUPT, WS2FIX_ERRCLASS_HIVE,
					"%s: cannot read key %s: %s", hb->path, path, strerror(errno));
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
	const char *what = values ? "values" : "subkeys";
	const char *const *stored = NULL;
	long got = ws2fix__hive_index_names(hb->ix, hb->h, node, values, &stored);
	if (got == -1)
		return ws2fix__fail(WS2FIX_ECORRUPT, WS2FIX_ERRCLASS_HIVE, "%s: cannot list %s of %s: %s",
			hb->path, what, path, strerror(errno ? errno : EINVAL));
	if (got < 0)
		return ws2fix__fail(WS2FIX_ECORRUPT, WS2FIX_ERRCLASS_HIVE, "%s: unreadable name among the %s of %s",
			hb->path, what, path);
	size_t n = got > MAX_NAMES_PER_KEY ? MAX_NAMES_PER_KEY : (size_t)got;
	char **names = calloc(n + 1, sizeof(char *));
	if (!names)
		return ws2fix__oom();
	for (size_t i = 0; i < n; i++) {
		names[i] = ws2fix__strdup(stored[i]);
		if (!names[i]) {
			ws2fix_strlist tmp = {names, i};
			ws2fix_strlist_clear(&tmp);
			return WS2FIX_ENOMEM;
		}
	}
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
	hive_value_h v = 0;
	int found = ws2fix__hive_index_find(hb->ix, hb->h, node, 1, name, strlen(name), &v);
	if (found <= 0) {
		if (found < 0)
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
		return ws2fix__oom();
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
	ws2fix__hive_index_clear(hb->ix);
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
			ws2fix__hive_index_clear(hb->ix);
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
	int deleted = hivex_node_delete_child(hb->h, node);
	ws2fix__hive_index_clear(hb->ix);
	if (deleted < 0)
		return ws2fix__fail_errno(WS2FIX_ERROR, errno, "%s: cannot delete %s", hb->path, path);
	hb->modified = 1;
	return 0;
}

/* FILETIME now: 100 ns units since 1601-01-01 UTC. */
static uint64_t filetime_now(void)
{
	struct timespec ts;
	if (clock_gettime(CLOCK_REALTIME, &ts) < 0)
		return 0;
	return ((uint64_t)ts.tv_sec + 11644473600ull) * 10000000ull + (uint64_t)ts.tv_nsec / 100;
}

/* Rewrite the base block (and the first hive bin's timestamp) of the file
 * hivex wrote so that no log beside the hive can ever apply to it. */
static int seal_file(const char *tmp, uint32_t above)
{
	int fd = open(tmp, O_RDWR);
	if (fd < 0)
		return ws2fix__fail_errno(WS2FIX_ERROR, errno, "cannot open %s", tmp);
	unsigned char head[WS2FIX_REGF_BASE_BLOCK + 32];
	ssize_t n = pread(fd, head, sizeof(head), 0);
	int rc = 0;
	if (n < (ssize_t)WS2FIX_REGF_BASE_BLOCK) {
		rc = ws2fix__fail(WS2FIX_ERROR, WS2FIX_ERRCLASS_HIVE, "%s: hivex wrote no base block", tmp);
	} else {
		ws2fix__hivelog_seal(head, (size_t)n, above, filetime_now());
		if (pwrite(fd, head, (size_t)n, 0) != n || fsync(fd) < 0)
			rc = ws2fix__fail_errno(WS2FIX_ERROR, errno, "cannot write %s", tmp);
	}
	if (close(fd) < 0 && rc == 0)
		rc = ws2fix__fail_errno(WS2FIX_ERROR, errno, "cannot write %s", tmp);
	return rc;
}

/* Keep the original under @p backup_path without ever removing it from
 * its own name: a hard link, or (where links are not supported) a copy. */
static int keep_original(const char *path, const char *backup_path)
{
	if (link(path, backup_path) == 0)
		return 0;
	if (errno == EEXIST)
		return ws2fix__fail_errno(WS2FIX_EEXISTS, errno, "cannot keep the original as %s", backup_path);
	unsigned char *data = NULL;
	size_t len = 0;
	int rc = ws2fix__read_file(&data, &len, path, (size_t)WS2FIX_REGF_MAX_HBINS + 2u * WS2FIX_REGF_BASE_BLOCK);
	if (rc == 0)
		rc = ws2fix__write_file_atomic(backup_path, data, len);
	free(data);
	return rc;
}

/* The logs of a dirty hive stay where they are, unchanged; a copy of each
 * goes beside the backup under the backup's name (BACKUP.LOG1 ...), so
 * that the backup and its logs still form a set ws2fix can read. */
static int keep_logs(const ws2fix__hivelog_files *f, const char *backup_path)
{
	static const char *const suffix[3] = {".LOG", ".LOG1", ".LOG2"};
	for (int i = 0; i < 3; i++) {
		if (!f->data[i])
			continue;
		size_t nl = strlen(f->name[i]), sl = strlen(suffix[i]);
		ws2fix_buf p = WS2FIX_BUF_INIT;
		ws2fix__buf_printf(&p, "%s%s", backup_path, f->name[i] + (nl >= sl ? nl - sl : 0));
		if (ws2fix__buf_oom(&p))
			return ws2fix__oom();
		int rc = ws2fix__write_file_atomic(p.ptr, f->data[i], f->len[i]);
		ws2fix__buf_free(&p);
		if (rc < 0)
			return rc;
	}
	return 0;
}

/* Make the renames in the hive's directory durable. */
static void fsync_dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');
	char *dir = slash ? ws2fix__strndup(path, (size_t)(slash - path) + 1) : ws2fix__strdup(".");
	if (!dir)
		return;
	int fd = open(dir, O_RDONLY);
	if (fd >= 0) {
		(void)fsync(fd);
		close(fd);
	}
	free(dir);
}

static int hive_commit(ws2fix_backend *be, const char *backup_path)
{
	hive_backend *hb = self(be);
	ws2fix_buf tmp = WS2FIX_BUF_INIT;
	ws2fix__hivelog_files logs;
	memset(&logs, 0, sizeof(logs));
	char stamp[17];
	ws2fix__utc_stamp(stamp);
	ws2fix__buf_printf(&tmp, "%s.ws2fix-new-%s", hb->path, stamp);
	if (ws2fix__buf_oom(&tmp))
		return ws2fix__oom();
	int rc = ws2fix__hivelog_files_find(&logs, hb->path, 1);
	if (rc < 0)
		goto out;
	uint32_t above = 0;
	for (int i = 0; i < 3; i++)
		if (logs.data[i]) {
			uint32_t m = ws2fix__hivelog_max_sequence(logs.data[i], logs.len[i]);
			if (m > above)
				above = m;
		}
	if (hb->rec.last_seq > above)
		above = hb->rec.last_seq;
	/* Listed before it exists: an interruption removes it (temp_files.h). */
	ws2fix__temp_file_add(tmp.ptr);
	if (hivex_commit(hb->h, tmp.ptr, 0) < 0) {
		rc = ws2fix__fail_errno(WS2FIX_ERROR, errno, "cannot write %s", tmp.ptr);
		remove(tmp.ptr);
		goto out;
	}
	if ((rc = seal_file(tmp.ptr, above)) < 0) {
		remove(tmp.ptr);
		goto out;
	}
	if (backup_path && hb->rec.dirty && (rc = keep_logs(&logs, backup_path)) < 0) {
		remove(tmp.ptr);
		goto out;
	}
	if (backup_path && (rc = keep_original(hb->path, backup_path)) < 0) {
		remove(tmp.ptr);
		goto out;
	}
	if ((rc = ws2fix__rename_replace(tmp.ptr, hb->path)) < 0) {
		remove(tmp.ptr);
		goto out;
	}
	fsync_dir_of(hb->path);
	hb->modified = 0;
out:
	if (tmp.ptr)
		ws2fix__temp_file_drop(tmp.ptr);
	ws2fix__hivelog_files_free(&logs);
	ws2fix__buf_free(&tmp);
	return rc;
}

static int hive_is_dirty(const ws2fix_backend *be)
{
	return WS2FIX_CONTAINER_OF(be, hive_backend, parent)->dirty;
}

static const ws2fix_hive_recovery *hive_recovery(const ws2fix_backend *be)
{
	return &WS2FIX_CONTAINER_OF(be, hive_backend, parent)->rec;
}

static void hive_free(ws2fix_backend *be)
{
	hive_backend *hb = self(be);
	ws2fix__hive_index_free(hb->ix);
	if (hb->h)
		hivex_close(hb->h);
	for (int i = 0; i < 3; i++)
		free(hb->log_name[i]);
	free(hb->path);
	free(hb);
}

/* The base block: "regf", then the primary and secondary sequence numbers,
 * and at 508 the checksum.  The hive is dirty when the sequence numbers
 * differ or the checksum is wrong: its logs hold data it lacks. */
static int read_header(const char *path, int *dirty, unsigned char *head)
{
	FILE *f = ws2fix__fopen(path, "rb");
	if (!f)
		return ws2fix__fail_errno(errno == ENOENT ? WS2FIX_ENOTFOUND : WS2FIX_ERROR, errno,
			"cannot open %s", path);
	unsigned char *h = head;
	memset(h, 0, WS2FIX_REGF_BASE_BLOCK);
	size_t n = fread(h, 1, WS2FIX_REGF_BASE_BLOCK, f);
	/* The whole file's size, to tell a hive cut short. */
	long size = fseek(f, 0, SEEK_END) == 0 ? ftell(f) : -1;
	fclose(f);
	if (n < 12 || memcmp(h, "regf", 4) != 0)
		return ws2fix__fail(WS2FIX_ECORRUPT, WS2FIX_ERRCLASS_HIVE,
			"%s is not a registry hive (no 'regf' header)", path);
	*dirty = ws2fix__le32(h + WS2FIX_REGF_SEQ1) != ws2fix__le32(h + WS2FIX_REGF_SEQ2) ||
		(n == WS2FIX_REGF_BASE_BLOCK && ws2fix__regf_checksum(h) != ws2fix__le32(h + WS2FIX_REGF_CHECKSUM));
	/* The base block gives the size of the hive bins that follow it
	 * (msuhanov/regf, "Windows registry file format specification", base
	 * block: offset 40, hive bins data size); a file shorter than the
	 * base block and those bins is cut off. */
	uint32_t bins = ws2fix__le32(h + WS2FIX_REGF_HBINS_SIZE);
	if (!*dirty && size >= 0 && (n < WS2FIX_REGF_BASE_BLOCK || (unsigned long long)size < WS2FIX_REGF_BASE_BLOCK + (unsigned long long)bins))
		return ws2fix__fail(WS2FIX_ECORRUPT, WS2FIX_ERRCLASS_HIVE,
			"%s is cut off: its header says %llu bytes, the file holds %ld (copy the hive again, whole)", path,
			WS2FIX_REGF_BASE_BLOCK + (unsigned long long)bins, size);
	return 0;
}

/* Write all of @p len bytes at @p off (retrying short writes and EINTR).
 * 0, or -1 with errno set. */
static int pwrite_all(int fd, const unsigned char *data, size_t len, size_t off)
{
	size_t done = 0;
	while (done < len) {
		ssize_t n = pwrite(fd, data + done, len - done, (off_t)(off + done));
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			if (n == 0)
				errno = EIO;
			return -1;
		}
		done += (size_t)n;
	}
	return 0;
}

/* Give the recovered image a name hivex can open.  A file in memory where
 * the platform has one (Linux: a memfd named through /proc/self/fd):
 * nothing touches a disk, and *keep_fd must stay open until hivex has
 * opened it.  Elsewhere, or when that fails, a mkstemp file in $TMPDIR,
 * unlinked as soon as hivex has it. */
static int write_temp(char **out, int *keep_fd, const unsigned char *img, size_t len)
{
	*keep_fd = -1;
	const char *dir = getenv("TMPDIR");
	ws2fix_buf p = WS2FIX_BUF_INIT;
	char *mem_path = NULL;
	int fd = ws2fix__memfile_open("ws2fix-replayed", &mem_path);
	if (fd >= 0) {
		ws2fix__buf_puts(&p, mem_path);
		*keep_fd = fd;
	}
	free(mem_path);
	if (fd < 0) {
		ws2fix__buf_printf(&p, "%s/ws2fix-replayed-XXXXXX", dir && *dir ? dir : "/tmp");
		if (ws2fix__buf_oom(&p))
			return ws2fix__oom();
		fd = mkstemp(p.ptr);
		if (fd < 0) {
			int rc = ws2fix__fail_errno(WS2FIX_ERROR, errno, "cannot create a temporary file in %s",
				dir && *dir ? dir : "/tmp");
			ws2fix__buf_free(&p);
			return rc;
		}
	}
	if (ws2fix__buf_oom(&p)) {
		close(fd);
		*keep_fd = -1;
		return ws2fix__oom();
	}
	if (pwrite_all(fd, img, len, 0) < 0) {
		int rc = ws2fix__fail_errno(WS2FIX_ERROR, errno, "cannot write %s", p.ptr);
		close(fd);
		if (*keep_fd < 0)
			unlink(p.ptr);
		*keep_fd = -1;
		ws2fix__buf_free(&p);
		return rc;
	}
	if (*keep_fd < 0)
		close(fd);
	*out = ws2fix__buf_detach(&p);
	return 0;
}

/* The whole hive, mapped read-only (no copy of what the replay does not
 * change).  Returns 0 with *out mapped, or an error. */
static int map_hive(const unsigned char **out, size_t *len, const char *path)
{
	int fd = open(path, O_RDONLY);
	if (fd < 0)
		return ws2fix__fail_errno(WS2FIX_ERROR, errno, "cannot open %s", path);
	struct stat st;
	if (fstat(fd, &st) < 0 || st.st_size < (off_t)WS2FIX_REGF_BASE_BLOCK ||
	    (unsigned long long)st.st_size > (unsigned long long)WS2FIX_REGF_MAX_HBINS + 2u * WS2FIX_REGF_BASE_BLOCK) {
		close(fd);
		return ws2fix__fail(WS2FIX_ECORRUPT, WS2FIX_ERRCLASS_HIVE, "%s is not a readable registry hive (size)", path);
	}
	void *p = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
	int e = errno;
	close(fd);
	if (p == MAP_FAILED)
		return ws2fix__fail_errno(WS2FIX_ERROR, e, "cannot read %s", path);
	*out = p;
	*len = (size_t)st.st_size;
	return 0;
}

/* The fast way where the platform has a file in memory (Linux: a memfd):
 * it receives a kernel-side copy of the hive (sendfile), is mapped, and
 * the replay writes its pages straight into it, so the unchanged megabytes
 * are never copied through this process.  Returns 1 when it handled the
 * replay (its result in *rcp), 0 to fall back to the portable way. */
static int replay_memfd(int *rcp, hive_backend *hb, char **tmp, int *keep_fd, const unsigned char *hive,
	size_t hive_len, const ws2fix__hivelog_input in[3])
{
	size_t cap = ws2fix__hivelog_max_image(hive_len, in);
	char *path = NULL;
	int fd = ws2fix__memfile_open("ws2fix-replayed", &path);
	if (fd < 0)
		return 0;
	int hfd = -1;
	if (ftruncate(fd, (off_t)cap) < 0 || (hfd = open(hb->path, O_RDONLY)) < 0) {
		if (hfd >= 0)
			close(hfd);
		close(fd);
		free(path);
		return 0;
	}
	size_t done = ws2fix__fd_copy_in_kernel(fd, hfd, hive_len);
	close(hfd);
	/* Where the kernel cannot, copy the rest from the mapping. */
	if (done < hive_len && pwrite_all(fd, hive + done, hive_len - done, done) < 0) {
		close(fd);
		free(path);
		return 0;
	}
	unsigned char *ext = mmap(NULL, cap, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (ext == MAP_FAILED) {
		close(fd);
		free(path);
		return 0;
	}
	unsigned char *img = NULL;
	size_t img_len = 0;
	int rc = ws2fix__hivelog_replay_into(&hb->rec, ext, cap, &img, &img_len, hive, hive_len, in);
	munmap(ext, cap);
	if (rc == 0 && hb->rec.recovered) {
		if (img) { /* an old-format replay, built apart */
			if (ftruncate(fd, 0) < 0 || pwrite_all(fd, img, img_len, 0) < 0)
				rc = ws2fix__fail_errno(WS2FIX_ERROR, errno, "cannot write the replayed hive");
		} else if (ftruncate(fd, (off_t)img_len) < 0) {
			rc = ws2fix__fail_errno(WS2FIX_ERROR, errno, "cannot write the replayed hive");
		}
	}
	free(img);
	if (rc == 0 && hb->rec.recovered) {
		*tmp = path;
		path = NULL;
	}
	free(path);
	if (*tmp)
		*keep_fd = fd;
	else
		close(fd);
	*rcp = rc;
	return 1;
}

/* Replay the logs of a dirty hive.  On success with data replayed, *tmp
 * names the replayed copy for hivex to open.  @p head is the base block
 * already read: when no log is beside the hive, that is all it takes to
 * say so. */
static int replay_logs(hive_backend *hb, char **tmp, int *keep_fd, const unsigned char *head)
{
	*tmp = NULL;
	*keep_fd = -1;
	ws2fix__hivelog_files f;
	int rc = ws2fix__hivelog_files_find(&f, hb->path, 1);
	if (rc < 0)
		return rc;
	int any = 0;
	ws2fix__hivelog_input in[3];
	for (int i = 0; i < 3; i++) {
		in[i].data = f.data[i];
		in[i].len = f.len[i];
		in[i].unreadable = f.unreadable[i];
		any |= f.data[i] != NULL || f.unreadable[i];
		hb->log_name[i] = f.name[i];
		f.name[i] = NULL;
		hb->rec.log_names[i] = hb->log_name[i];
	}
	const unsigned char *hive = head;
	size_t hive_len = WS2FIX_REGF_BASE_BLOCK;
	unsigned char *img = NULL;
	size_t img_len = 0;
	if (any)
		rc = map_hive(&hive, &hive_len, hb->path);
	int done = 0;
	if (rc == 0 && any)
		done = replay_memfd(&rc, hb, tmp, keep_fd, hive, hive_len, in);
	if (rc == 0 && !done)
		rc = ws2fix__hivelog_replay(&hb->rec, &img, &img_len, hive, hive_len, in);
	if (hive != head)
		munmap((void *)hive, hive_len);
	ws2fix__hivelog_files_free(&f);
	if (rc == 0 && img)
		rc = write_temp(tmp, keep_fd, img, img_len);
	free(img);
	return rc;
}

static int hive_reopen(ws2fix_backend **out, const ws2fix_backend *be)
{
	return ws2fix_backend_hive_new(out, WS2FIX_CONTAINER_OF(be, hive_backend, parent)->path, 0);
}

int ws2fix_backend_hive_new(ws2fix_backend **out, const char *path, int writable)
{
	*out = NULL;
	int dirty = 0;
	unsigned char head[WS2FIX_REGF_BASE_BLOCK];
	int rc = read_header(path, &dirty, head);
	if (rc < 0)
		return rc;
	hive_backend *hb = calloc(1, sizeof(*hb));
	if (!hb)
		return ws2fix__oom();
	hb->path = ws2fix__strdup(path);
	hb->ix = ws2fix__hive_index_new();
	if (!hb->path || !hb->ix) {
		ws2fix__hive_index_free(hb->ix);
		free(hb->path);
		free(hb);
		return ws2fix__oom();
	}
	hb->rec.used[0] = hb->rec.used[1] = WS2FIX_HIVELOG_NONE;
	char *replayed = NULL;
	int keep_fd = -1;
	if (dirty && (rc = replay_logs(hb, &replayed, &keep_fd, head)) < 0) {
		hive_free(&hb->parent);
		return rc;
	}
	errno = 0;
	hb->h = hivex_open(replayed ? replayed : path, writable ? HIVEX_OPEN_WRITE : 0);
	int open_errno = errno;
	if (replayed) {
		if (keep_fd >= 0)
			close(keep_fd);
		else
			unlink(replayed);
		free(replayed);
	}
	errno = open_errno;
	if (!hb->h) {
		int e = errno;
		if (hb->rec.recovered) {
			hive_free(&hb->parent);
			return ws2fix__fail(WS2FIX_ECORRUPT, WS2FIX_ERRCLASS_HIVE,
				"%s: the hive with its transaction logs replayed is not readable (the hive or its "
				"logs are damaged)", path);
		}
		hive_free(&hb->parent);
		if (e == ENOENT)
			return ws2fix__fail_errno(WS2FIX_ENOTFOUND, e, "cannot open %s", path);
		if (e == EACCES || e == EPERM)
			return ws2fix__fail_errno(WS2FIX_EACCESS, e, "cannot open %s", path);
		/* hivex says why only through errno ("Operation not supported",
		 * "Invalid argument"), which tells a user nothing: say what it
		 * means. */
		return ws2fix__fail(WS2FIX_ECORRUPT, WS2FIX_ERRCLASS_HIVE,
			"%s is a damaged registry hive that cannot be read (its header is there, but its "
			"contents are not what the header says)", path);
	}
	hb->dirty = dirty && !hb->rec.recovered;
	ws2fix_backend *be = &hb->parent;
	be->version = WS2FIX_BACKEND_VERSION;
	be->name = "hive";
	be->caps = WS2FIX_CAP_DIRTY | WS2FIX_CAP_HIVE_FILE | (writable ? WS2FIX_CAP_WRITE | WS2FIX_CAP_ATOMIC : 0);
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
	be->recovery = hive_recovery;
	be->reopen = hive_reopen;
	be->free = hive_free;
	*out = be;
	return 0;
}

/* The hive line of include/ws2fix/sources.def. */
int ws2fix__source_open_hive(ws2fix_source_parts *out, const char *path, const ws2fix_open_options *open,
	ws2fix_lang lang, unsigned int flags)
{
	(void)lang;
	(void)flags;
	return ws2fix_registry_open_hive(&out->reg, path, open);
}

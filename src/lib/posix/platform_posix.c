/* SPDX-License-Identifier: MIT */
#define _POSIX_C_SOURCE 200809L
#include "../platform.h"
#include "../temp_files.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "../errors_internal.h"
#include "../../util/buf.h"

FILE *ws2fix__fopen(const char *path, const char *mode)
{
	return fopen(path, mode);
}

/* Open a regular file of at most @p max bytes for reading: 0 with *fd and
 * *size set, or the error ws2fix__read_file documents. */
static int open_regular(int *fd_out, size_t *size, const char *path, size_t max)
{
	struct stat st;
	int fd = open(path, O_RDONLY);
	if (fd < 0)
		return ws2fix__fail_errno(errno == ENOENT ? WS2FIX_ENOTFOUND : WS2FIX_ERROR, errno,
			"cannot open %s", path);
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		int e = errno;
		close(fd);
		if (e == 0 || S_ISDIR(st.st_mode))
			return ws2fix__fail(WS2FIX_ERROR, WS2FIX_ERRCLASS_OS, "%s is not a regular file", path);
		return ws2fix__fail_errno(WS2FIX_ERROR, e, "cannot stat %s", path);
	}
	if ((unsigned long long)st.st_size > max) {
		close(fd);
		return ws2fix__fail(WS2FIX_ECORRUPT, WS2FIX_ERRCLASS_OS,
			"%s is too large (%lld bytes, at most %zu)", path, (long long)st.st_size, max);
	}
	*fd_out = fd;
	*size = (size_t)st.st_size;
	return 0;
}

int ws2fix__read_file(unsigned char **out, size_t *out_len, const char *path, size_t max)
{
	int fd = -1;
	size_t len = 0;
	int rc = open_regular(&fd, &len, path, max);
	if (rc < 0)
		return rc;
	unsigned char *data = malloc(len + 2);
	if (!data) {
		close(fd);
		return ws2fix__oom();
	}
	size_t got = 0;
	while (got < len) {
		ssize_t n = read(fd, data + got, len - got);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			int e = errno;
			free(data);
			close(fd);
			return ws2fix__fail_errno(WS2FIX_ERROR, n == 0 ? EIO : e, "cannot read %s", path);
		}
		got += (size_t)n;
	}
	close(fd);
	data[len] = data[len + 1] = 0;
	*out = data;
	*out_len = len;
	return 0;
}

int ws2fix__fsync_path(const char *path)
{
	int fd = open(path, O_RDONLY);
	if (fd < 0)
		return ws2fix__fail_errno(WS2FIX_ERROR, errno, "cannot open %s", path);
	int rc = fsync(fd);
	int e = errno;
	close(fd);
	return rc < 0 ? ws2fix__fail_errno(WS2FIX_ERROR, e, "cannot flush %s", path) : 0;
}

int ws2fix__rename_replace(const char *from, const char *to)
{
	if (rename(from, to) < 0)
		return ws2fix__fail_errno(WS2FIX_ERROR, errno, "cannot rename %s to %s", from, to);
	return 0;
}

int ws2fix__map_file(const unsigned char **out, size_t *out_len, const char *path, size_t max)
{
	static const unsigned char empty[1];
	int fd = -1;
	size_t len = 0;
	int rc = open_regular(&fd, &len, path, max);
	if (rc < 0)
		return rc;
	if (len == 0) {
		close(fd);
		*out = empty;
		*out_len = 0;
		return 0;
	}
	void *p = mmap(NULL, len, PROT_READ, MAP_PRIVATE, fd, 0);
	int e = errno;
	close(fd);
	if (p == MAP_FAILED)
		return ws2fix__fail_errno(WS2FIX_ERROR, e, "cannot map %s", path);
	*out = p;
	*out_len = len;
	return 0;
}

void ws2fix__unmap_file(const unsigned char *data, size_t len)
{
	if (data && len)
		munmap((void *)data, len);
}

int ws2fix__write_temp_beside(char **tmp_out, const char *path, const void *data, size_t len)
{
	*tmp_out = NULL;
	ws2fix_buf tmp = WS2FIX_BUF_INIT;
	ws2fix__buf_printf(&tmp, "%s.ws2fix-tmp-XXXXXX", path);
	if (ws2fix__buf_oom(&tmp))
		return ws2fix__oom();
	int fd = mkstemp(tmp.ptr);
	if (fd < 0) {
		int rc = ws2fix__fail_errno(WS2FIX_ERROR, errno, "cannot create a file beside %s", path);
		ws2fix__buf_free(&tmp);
		return rc;
	}
	ws2fix__temp_file_add(tmp.ptr);
	const unsigned char *p = data;
	size_t left = len;
	int rc = 0;
	while (left && rc == 0) {
		ssize_t n = write(fd, p, left);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			rc = ws2fix__fail_errno(WS2FIX_ERROR, errno, "cannot write %s", tmp.ptr);
			break;
		}
		p += n;
		left -= (size_t)n;
	}
	if (rc == 0 && fsync(fd) < 0)
		rc = ws2fix__fail_errno(WS2FIX_ERROR, errno, "cannot flush %s", tmp.ptr);
	if (close(fd) < 0 && rc == 0)
		rc = ws2fix__fail_errno(WS2FIX_ERROR, errno, "cannot flush %s", tmp.ptr);
	if (rc < 0) {
		unlink(tmp.ptr);
		ws2fix__temp_file_drop(tmp.ptr);
		ws2fix__buf_free(&tmp);
		return rc;
	}
	/* mkstemp creates 0600; a backup or hive should get the usual mode. */
	chmod(tmp.ptr, 0644);
	*tmp_out = ws2fix__buf_detach(&tmp);
	return 0;
}

int ws2fix__platform_unlink(const char *path)
{
	return unlink(path);
}

int ws2fix__file_exists(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

const char *ws2fix__platform_ui_language(void)
{
	return NULL;
}

void ws2fix__utc_stamp(char out[17])
{
	time_t t = time(NULL);
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(out, 17, "%Y%m%dT%H%M%SZ", &tm);
}

void ws2fix__platform_shell_quote(ws2fix_buf *b, const char *path)
{
	int plain = *path != '\0';
	for (const char *p = path; *p && plain; p++)
		plain = strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._/-+,=@%:", *p) != NULL;
	if (plain) {
		ws2fix__buf_puts(b, path);
		return;
	}
	ws2fix__buf_putc(b, '"');
	for (const char *p = path; *p; p++) {
		if (strchr("\"$`\\", *p))
			ws2fix__buf_putc(b, '\\');
		ws2fix__buf_putc(b, *p);
	}
	ws2fix__buf_putc(b, '"');
}

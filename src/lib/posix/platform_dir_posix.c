/* SPDX-License-Identifier: MIT */
/*
 * ws2fix__dir_find_ci on POSIX: an NTFS volume mounted on Linux (ntfs-3g
 * and ntfs3 are case-sensitive by default) or a copied Windows tree.
 * Windows would find "system32\MSWSOCK.DLL" as "System32/mswsock.dll", so
 * the directory is listed and compared case-insensitively.
 */
#define _XOPEN_SOURCE 700 /* realpath, with POSIX.1-2008 */
#include "../platform_dir.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../errors_internal.h"
#include "../../util/buf.h"
#include "../../util/utf.h"

static char *join(const char *dir, const char *name)
{
	ws2fix_buf b = WS2FIX_BUF_INIT;
	size_t dl = strlen(dir);
	ws2fix__buf_puts(&b, dir);
	if (dl == 0 || dir[dl - 1] != '/')
		ws2fix__buf_putc(&b, '/');
	ws2fix__buf_puts(&b, name);
	char *s = ws2fix__buf_detach(&b);
	if (!s)
		ws2fix__oom();
	return s;
}

int ws2fix__path_type(const char *path)
{
	struct stat st;
	if (lstat(path, &st) < 0)
		return errno == ENOENT || errno == ENOTDIR ? WS2FIX_ENOTFOUND : WS2FIX_ERROR;
	if (S_ISLNK(st.st_mode))
		return WS2FIX_DIRENT_LINK;
	if (S_ISDIR(st.st_mode))
		return WS2FIX_DIRENT_DIR;
	if (S_ISREG(st.st_mode))
		return WS2FIX_DIRENT_FILE;
	return WS2FIX_DIRENT_OTHER;
}

/* Type of dir/name, or an error code. */
static int entry_type(const char *dir, const char *name)
{
	char *p = join(dir, name);
	if (!p)
		return WS2FIX_ENOMEM;
	int t = ws2fix__path_type(p);
	free(p);
	return t;
}

int ws2fix__dir_find_ci(char **out_name, const char *dir, const char *name)
{
	/* A name with a separator or a NUL-equivalent would look elsewhere. */
	if (!*name || strchr(name, '/') || strcmp(name, ".") == 0 || strcmp(name, "..") == 0)
		return WS2FIX_ENOTFOUND;

	/* The exact name first: the common case, and the one that wins when a
	 * case-sensitive copy holds both "System32" and "system32". */
	int t = entry_type(dir, name);
	if (t > 0) {
		*out_name = ws2fix__strdup(name);
		return *out_name ? t : WS2FIX_ENOMEM;
	}
	if (t != WS2FIX_ENOTFOUND)
		return t;

	DIR *d = opendir(dir);
	if (!d) {
		int e = errno;
		return ws2fix__fail_errno(e == EACCES ? WS2FIX_EACCESS :
			(e == ENOENT || e == ENOTDIR) ? WS2FIX_ENOTFOUND : WS2FIX_ERROR, e, "cannot list %s", dir);
	}
	char *found = NULL;
	int rc = WS2FIX_ENOTFOUND;
	for (;;) {
		errno = 0;
		struct dirent *de = readdir(d);
		if (!de) {
			/* An I/O error part-way must not turn into "not there". */
			if (errno) {
				rc = ws2fix__fail_errno(WS2FIX_ERROR, errno, "cannot list %s", dir);
				free(found);
				found = NULL;
			}
			break;
		}
		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		if (!ws2fix__name_equal_ci(de->d_name, name))
			continue;
		if (found) {
			rc = ws2fix__fail(WS2FIX_EEXISTS, WS2FIX_ERRCLASS_OS,
				"%s holds both \"%s\" and \"%s\"", dir, found, de->d_name);
			free(found);
			found = NULL;
			break;
		}
		found = ws2fix__strdup(de->d_name);
		if (!found) {
			rc = WS2FIX_ENOMEM;
			break;
		}
	}
	closedir(d);
	if (!found)
		return rc;
	t = entry_type(dir, found);
	if (t < 0) {
		free(found);
		return t;
	}
	*out_name = found;
	return t;
}

char *ws2fix__platform_cwd(void)
{
	char buf[4096];
	return getcwd(buf, sizeof(buf)) ? ws2fix__strdup(buf) : NULL;
}

char *ws2fix__platform_home(void)
{
	const char *h = getenv("HOME");
	return h && *h ? ws2fix__strdup(h) : NULL;
}

char *ws2fix__platform_full_path(const char *path)
{
	char *r = realpath(path, NULL);
	if (!r)
		return NULL;
	char *copy = ws2fix__strdup(r); /* freed by the caller with free() either way */
	free(r);
	return copy;
}

int ws2fix__dir_names_with_prefix(char ***names, const char *dir, const char *prefix)
{
	*names = NULL;
	DIR *d = opendir(dir);
	if (!d)
		return ws2fix__fail_errno(WS2FIX_ERROR, errno, "cannot list %s", dir);
	size_t n = 0, cap = 0, plen = strlen(prefix);
	char **out = NULL;
	int rc = 0;
	for (struct dirent *e; rc == 0 && (e = readdir(d));) {
		if (strncmp(e->d_name, prefix, plen) != 0)
			continue;
		if (n + 2 > cap) {
			cap = cap ? cap * 2 : 8;
			char **more = realloc(out, cap * sizeof(*more));
			if (!more) {
				rc = WS2FIX_ENOMEM;
				break;
			}
			out = more;
		}
		if (!(out[n] = ws2fix__strdup(e->d_name)))
			rc = WS2FIX_ENOMEM;
		else
			out[++n] = NULL;
	}
	closedir(d);
	if (rc < 0) {
		for (size_t i = 0; i < n; i++)
			free(out[i]);
		free(out);
		return ws2fix__oom();
	}
	*names = out;
	return (int)n;
}

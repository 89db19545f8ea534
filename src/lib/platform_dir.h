/* SPDX-License-Identifier: MIT */
/*
 * Directory lookups for the offline DLL check: find a name in a directory
 * the way NTFS would, case-insensitively, on a file system that may not be
 * (an NTFS volume mounted on Linux, a copied tree on ext4).
 *
 * Implemented in src/lib/posix/platform_dir_posix.c (opendir/readdir/lstat)
 * and src/lib/win32/platform_dir_win32.c (FindFirstFileW/FindNextFileW);
 * the name comparison is shared (src/lib/name_fold.h).  Paths are UTF-8.
 */
#ifndef WS2FIX_PLATFORM_DIR_H
#define WS2FIX_PLATFORM_DIR_H

#include <string.h>

#include "name_fold.h"
#include "platform_fileid.h"

/* The separator used to build paths for this platform's own calls. */
#ifdef _WIN32
#define WS2FIX_DIRSEP '\\'
#define WS2FIX_DIRSEP_STR "\\"
#else
#define WS2FIX_DIRSEP '/'
#define WS2FIX_DIRSEP_STR "/"
#endif

/* 1 where the platform's own file names ignore case (Windows), else 0. */
#ifdef _WIN32
#define WS2FIX_NAMES_IGNORE_CASE 1
#else
#define WS2FIX_NAMES_IGNORE_CASE 0
#endif

/** The last directory separator in @p path (ws2fix__path_separators:
 *  '/', and on Windows '\\' too), or NULL. */
static inline const char *ws2fix__last_dirsep(const char *path)
{
	const char *last = NULL;
	for (const char *p = path; *p; p++)
		if (strchr(ws2fix__path_separators, *p))
			last = p;
	return last;
}

/** The last component of @p path (a file's name), borrowed from it. */
static inline const char *ws2fix__path_base(const char *path)
{
	const char *sep = ws2fix__last_dirsep(path);
	return sep ? sep + 1 : path;
}

/** What ws2fix__dir_find_ci() found (positive, so that found is > 0). */
enum ws2fix_dirent_type {
	WS2FIX_DIRENT_FILE = 1,  /**< a regular file */
	WS2FIX_DIRENT_DIR = 2,   /**< a directory */
	WS2FIX_DIRENT_LINK = 3,  /**< a symbolic link, junction or other reparse point: not followed */
	WS2FIX_DIRENT_OTHER = 4  /**< a device, FIFO, socket ... */
};

/**
 * Look for @p name in directory @p dir, ignoring case as NTFS does.  An
 * exact match wins; otherwise exactly one case-insensitive match must
 * exist.  The entry itself is examined without following links.
 *
 * @param[out] out_name  the name as stored on disk (caller frees); set
 *                       only on success
 * @return a WS2FIX_DIRENT_* type (> 0) when found; WS2FIX_ENOTFOUND when no
 *         entry matches; WS2FIX_EEXISTS when several entries differ only in
 *         case (a case-sensitive copy: ambiguous); WS2FIX_EACCESS or
 *         WS2FIX_ERROR when the directory cannot be listed; WS2FIX_ENOMEM
 */
int ws2fix__dir_find_ci(char **out_name, const char *dir, const char *name);

/**
 * The names in @p dir that start with @p prefix (compared exactly), in no
 * particular order.  @param[out] names  NULL-terminated, free each and the
 * array; @return how many, or a negative error code
 */
int ws2fix__dir_names_with_prefix(char ***names, const char *dir, const char *prefix);

/** The current directory, absolute, UTF-8 (caller frees), or NULL. */
char *ws2fix__platform_cwd(void);

/** @p path made absolute with its links and "." / ".." resolved (realpath,
 *  GetFullPathNameW), or NULL when it cannot be.  Caller frees. */
char *ws2fix__platform_full_path(const char *path);

/** The user's home folder (HOME; on Windows USERPROFILE), or NULL.  Caller frees. */
char *ws2fix__platform_home(void);

/**
 * The type of the object at @p path without following a final link.
 * @return a WS2FIX_DIRENT_* type, WS2FIX_ENOTFOUND, or WS2FIX_ERROR
 */
int ws2fix__path_type(const char *path);

#endif

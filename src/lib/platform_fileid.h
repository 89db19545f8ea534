/* SPDX-License-Identifier: MIT */
/*
 * What a path names, as the file system sees it (part of the narrow
 * platform interface, platform.h): the same identity for every name of one
 * file, so that a hard link, a symbolic link or a path through ".." is
 * known for the file it reaches.  POSIX: st_dev and st_ino after stat();
 * Windows: the volume serial number and the file index of
 * GetFileInformationByHandle().
 */
#ifndef WS2FIX_PLATFORM_FILEID_H
#define WS2FIX_PLATFORM_FILEID_H

typedef struct ws2fix_file_id {
	unsigned long long dev, ino;
} ws2fix_file_id;

/** What kind of thing a path names. */
typedef enum ws2fix_file_kind {
	WS2FIX_FILE_NONE = 0,   /**< nothing there (a dangling link is NONE too) */
	WS2FIX_FILE_REGULAR,
	WS2FIX_FILE_DIRECTORY,
	WS2FIX_FILE_OTHER       /**< a device, a pipe, ... */
} ws2fix_file_kind;

/**
 * The identity of what @p path names, links followed.
 * @param[out] id   filled unless NONE
 * @param[out] link 1 when @p path itself is a symbolic link (even a
 *                  dangling one), else 0; may be NULL
 * @return the kind; WS2FIX_FILE_NONE also when it cannot be looked at
 */
ws2fix_file_kind ws2fix__file_id(const char *path, ws2fix_file_id *id, int *link);

/** 1 when both identities are the same file. */
int ws2fix__file_id_same(const ws2fix_file_id *a, const ws2fix_file_id *b);

/** The path separators of this platform ("/" POSIX, "\\/" Windows). */
extern const char ws2fix__path_separators[];

#endif

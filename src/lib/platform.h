/* SPDX-License-Identifier: MIT */
/*
 * The narrow platform interface: everything that differs between Windows
 * and POSIX goes through here (implemented in src/lib/win32/ and
 * src/lib/posix/).  Paths are UTF-8 on both.
 */
#ifndef WS2FIX_PLATFORM_H
#define WS2FIX_PLATFORM_H

#include "../util/buf.h"

#include <stddef.h>
#include <stdio.h>

/** fopen with a UTF-8 path (_wfopen on Windows). */
FILE *ws2fix__fopen(const char *path, const char *mode);

/**
 * Read a whole file (at most @p max bytes).
 * @return 0, WS2FIX_ENOTFOUND, WS2FIX_ECORRUPT (larger than max) or WS2FIX_ERROR
 */
int ws2fix__read_file(unsigned char **out, size_t *out_len, const char *path, size_t max);

/**
 * A whole file for reading, without copying it where the platform can map
 * it (mmap; elsewhere it is read into memory).  Same returns as
 * ws2fix__read_file; release with ws2fix__unmap_file.
 */
int ws2fix__map_file(const unsigned char **out, size_t *out_len, const char *path, size_t max);
void ws2fix__unmap_file(const unsigned char *data, size_t len);

/**
 * Write @p data to a new temporary file beside @p path
 * (PATH.ws2fix-tmp-...), flushed to disk and closed, and list it with the
 * temporary files an interruption removes (temp_files.h).
 * @param[out] tmp  its name (caller frees); on failure nothing is left
 */
int ws2fix__write_temp_beside(char **tmp, const char *path, const void *data, size_t len);

/** Append @p path to @p b as this platform's shell takes one argument: as
 *  it is when it has nothing special, else in double quotes (POSIX: with
 *  \ before " $ ` and \; cmd.exe: as is inside the quotes). */
void ws2fix__platform_shell_quote(ws2fix_buf *b, const char *path);

/** Remove a file; async-signal-safe on POSIX (unlink).  0 or -1. */
int ws2fix__platform_unlink(const char *path);

/**
 * Write a file atomically: a temporary file in the same directory, flushed
 * to disk, then renamed over @p path.  On failure @p path is untouched.
 */
int ws2fix__write_file_atomic(const char *path, const void *data, size_t len);

/**
 * Write @p n files that belong together (a fix file and its .cmd): every
 * one to its temporary name first, renamed only when all are complete; on
 * any failure none of them is left, under its own name or a temporary one.
 */
int ws2fix__write_files_atomic(size_t n, const char *const *paths, const void *const *data, const size_t *lens);

/** Rename, replacing the target (MoveFileEx with REPLACE_EXISTING on Windows). */
int ws2fix__rename_replace(const char *from, const char *to);

/** Flush a file to disk by name. */
int ws2fix__fsync_path(const char *path);

/** 1 if a regular file exists at path. */
int ws2fix__file_exists(const char *path);

/** The user's UI language as a locale-like string ("sv-SE"), or NULL. */
const char *ws2fix__platform_ui_language(void);

/** UTC timestamp "20261123T003224Z" for file names. */
void ws2fix__utc_stamp(char out[17]);

#endif

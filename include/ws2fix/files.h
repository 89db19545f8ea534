/* SPDX-License-Identifier: MIT */
/* Reading a file by a UTF-8 path on every platform (Windows: the W calls),
 * for front ends that read lists and pasted text themselves. */
#ifndef WS2FIX_FILES_H
#define WS2FIX_FILES_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/**
 * The whole file, at most @p max bytes.
 * @param[out] out  caller frees with free()
 * @return 0, WS2FIX_ENOTFOUND, WS2FIX_ECORRUPT (larger than @p max) or an
 *         error reading it (ws2fix_error_last() says which)
 */
int ws2fix_file_read(unsigned char **out, size_t *out_len, const char *path, size_t max);

/**
 * @p path as one argument of this platform's shell (POSIX sh, cmd.exe):
 * as it is, or in double quotes when it has a space or a special
 * character, for the commands ws2fix prints to be run as printed.
 * @return the text (caller frees), or NULL when out of memory
 */
char *ws2fix_shell_quoted(const char *path);

/**
 * Remove the temporary files of writes under way (a new hive, a backup, a
 * fix file not yet renamed into place), for a front end's handler of
 * SIGINT, SIGTERM and SIGHUP (Ctrl-C and Ctrl-Break on Windows) before it
 * exits: the inputs stay as they were, or are whole and new, and nothing
 * half-written is left.  Async-signal-safe on POSIX.
 */
void ws2fix_interrupted_cleanup(void);

#ifdef __cplusplus
}
#endif
#endif

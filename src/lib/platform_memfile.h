/* SPDX-License-Identifier: MIT */
/*
 * A file that lives in memory and that other code can still open by name
 * (library internal; src/lib/posix/platform_memfile_posix.c).  The hive
 * backend gives hivex a replayed hive this way, so that nothing touches a
 * disk; where the platform has none it falls back to a temporary file.
 * Used by the hivex build only (the Windows build has no hive backend).
 */
#ifndef WS2FIX_PLATFORM_MEMFILE_H
#define WS2FIX_PLATFORM_MEMFILE_H

#include <stddef.h>

/**
 * Create an empty file in memory (Linux: a memfd, close-on-exec, named
 * through /proc/self/fd).  It lives while the descriptor is open.
 * @param name  what the system calls it (seen in /proc/PID/fd)
 * @param[out] path  a name open() accepts, caller frees; NULL on failure
 * @return a read-write descriptor, or -1 when the platform has no such
 *         file or it could not be made (no error is set: fall back)
 */
int ws2fix__memfile_open(const char *name, char **path);

/**
 * Copy the first @p len bytes of @p src_fd to the start of @p dst_fd as far
 * as the kernel can without passing them through this process (Linux:
 * sendfile).
 * @return the bytes copied: fewer than @p len (0 where the platform cannot)
 *         means the caller copies the rest itself
 */
size_t ws2fix__fd_copy_in_kernel(int dst_fd, int src_fd, size_t len);

#endif

/* SPDX-License-Identifier: MIT */
/* ../platform_memfile.h: a memfd on Linux, nothing elsewhere (the hive
 * backend then writes a temporary file). */
#if defined(__linux__)
#define _GNU_SOURCE /* memfd_create */
#endif
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#if defined(__linux__)
#include <sys/mman.h>
#include <sys/sendfile.h>
#endif

#include "../platform_memfile.h"

int ws2fix__memfile_open(const char *name, char **path)
{
	*path = NULL;
#if defined(__linux__)
	int fd = memfd_create(name, MFD_CLOEXEC);
	if (fd < 0)
		return -1;
	char buf[40];
	int n = snprintf(buf, sizeof(buf), "/proc/self/fd/%d", fd);
	if (access("/proc/self/fd", X_OK) != 0 || n < 0 || (size_t)n >= sizeof(buf) ||
	    !(*path = malloc((size_t)n + 1))) {
		close(fd);
		return -1;
	}
	memcpy(*path, buf, (size_t)n + 1);
	return fd;
#else
	(void)name;
	return -1;
#endif
}

size_t ws2fix__fd_copy_in_kernel(int dst_fd, int src_fd, size_t len)
{
	size_t done = 0;
#if defined(__linux__)
	while (done < len) {
		ssize_t n = sendfile(dst_fd, src_fd, NULL, len - done);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		done += (size_t)n;
	}
#else
	(void)dst_fd;
	(void)src_fd;
	(void)len;
#endif
	return done;
}

/* SPDX-License-Identifier: MIT */
/* include/ws2fix/files.h over the platform layer. */
#include "ws2fix/files.h"

#include "platform.h"

int ws2fix_file_read(unsigned char **out, size_t *out_len, const char *path, size_t max)
{
	return ws2fix__read_file(out, out_len, path, max);
}

/* SPDX-License-Identifier: MIT */
/* include/ws2fix/files.h over the platform layer. */
#include "ws2fix/files.h"

#include "platform.h"

char *ws2fix_shell_quoted(const char *path)
{
	ws2fix_buf b = WS2FIX_BUF_INIT;
	ws2fix__platform_shell_quote(&b, path ? path : "");
	return ws2fix__buf_detach(&b);
}

int ws2fix_file_read(unsigned char **out, size_t *out_len, const char *path, size_t max)
{
	return ws2fix__read_file(out, out_len, path, max);
}

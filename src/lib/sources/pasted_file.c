/* SPDX-License-Identifier: MIT */
/* Reading a pasted text from a file (src/lib/sources/pasted_text.h): read,
 * parse under the file's name, free; the netsh and HijackThis readers. */
#include <stdlib.h>

#include "pasted_text.h"
#include "../errors_internal.h"
#include "../platform.h"
#include "ws2fix/errors.h"

int ws2fix__pasted_file_parse(void *out, const char *path, size_t max, ws2fix__pasted_parser parse)
{
	if (!out || !path)
		return ws2fix__fail(WS2FIX_EINVALID, WS2FIX_ERRCLASS_INVALID, "no path");
	unsigned char *data = NULL;
	size_t len = 0;
	int rc = ws2fix__read_file(&data, &len, path, max);
	if (rc < 0)
		return rc;
	rc = parse(out, data, len, path);
	free(data);
	return rc;
}

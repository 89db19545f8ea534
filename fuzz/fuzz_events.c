/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer target for the WS2HELP event XML parser: any input parses,
 * is skipped (another event) or is refused as corrupt; nothing else.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ws2fix/errors.h"
#include "ws2fix/events.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	ws2fix_lsp_event e;
	int rc = ws2fix_lsp_event_parse(&e, (const char *)data, size);
	if (rc != 0 && rc != WS2FIX_ENOTFOUND && rc != WS2FIX_ECORRUPT && rc != WS2FIX_ENOMEM) {
		fprintf(stderr, "fuzz_events: unexpected code %d\n", rc);
		abort();
	}
	ws2fix_lsp_event_clear(&e);
	return 0;
}

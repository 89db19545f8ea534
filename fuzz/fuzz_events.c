/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer target for the WS2HELP event XML parser: any input parses,
 * is skipped (another event) or is refused as corrupt; nothing else.
 * What it gives back is well formed: an LSP event id, a time that is
 * empty or "YYYY-MM-DDTHH:MM:SSZ", names absent or non-empty strings, a
 * GUID that formats and parses back to itself; a refused event is empty.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ws2fix/errors.h"
#include "ws2fix/events.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void die(const char *what)
{
	fprintf(stderr, "fuzz_events: %s\n", what);
	abort();
}

static int time_well_formed(const char t[21])
{
	static const char shape[] = "dddd-dd-ddTdd:dd:ddZ";
	if (!t[0])
		return 1;
	for (int i = 0; i < 20; i++)
		if (shape[i] == 'd' ? (t[i] < '0' || t[i] > '9') : t[i] != shape[i])
			return 0;
	return t[20] == '\0';
}

static void check_event(const ws2fix_lsp_event *e)
{
	if (e->id < WS2FIX_LSP_EVENT_INSTALL || e->id > WS2FIX_LSP_EVENT_RESET)
		die("an event id that is not an LSP event");
	if (!time_well_formed(e->time))
		die("a time that is not YYYY-MM-DDTHH:MM:SSZ");
	if ((e->lsp_name && !e->lsp_name[0]) || (e->installer && !e->installer[0]))
		die("an empty name instead of an absent one");
	if (e->has_guid) {
		char text[39];
		ws2fix_guid back;
		ws2fix_guid_format(text, &e->guid);
		if (ws2fix_guid_parse(&back, text) != 0 || memcmp(&back, &e->guid, sizeof(back)) != 0)
			die("the GUID does not format and parse back to itself");
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	ws2fix_lsp_event e;
	int rc = ws2fix_lsp_event_parse(&e, (const char *)data, size);
	if (rc != 0 && rc != WS2FIX_ENOTFOUND && rc != WS2FIX_ECORRUPT && rc != WS2FIX_ENOMEM) {
		fprintf(stderr, "fuzz_events: unexpected code %d\n", rc);
		abort();
	}
	if (rc == 0) {
		check_event(&e);
	} else {
		static const ws2fix_lsp_event empty;
		if (memcmp(&e, &empty, sizeof(e)) != 0)
			die("a refused event is not left empty");
	}
	ws2fix_lsp_event_clear(&e);
	return 0;
}

/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer target for the offline event log reader: any bytes, written to
 * a file, are opened as a .evtx (libevtx) and read to the end through the
 * WS2HELP parser, as `--events FILE` does.  The open answers 0 or
 * ECORRUPT (or ENOMEM); reading answers 0 (or ENOMEM); every event kept is
 * well formed (an LSP event id, a time that is empty or
 * "YYYY-MM-DDTHH:MM:SSZ", names absent or non-empty).  A build without
 * libevtx has nothing to feed (CMake then skips fuzz.evtx visibly).
 */
#if defined(WS2FIX_HAVE_EVTX)
#define _POSIX_C_SOURCE 200809L
#endif

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ws2fix/errors.h"
#include "ws2fix/events.h"

#if defined(WS2FIX_HAVE_EVTX)
#include <unistd.h>
#endif

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void die(const char *what)
{
	fprintf(stderr, "fuzz_evtx: %s\n", what);
	abort();
}

#if defined(WS2FIX_HAVE_EVTX)
static void check_event(const ws2fix_lsp_event *e)
{
	static const char shape[] = "dddd-dd-ddTdd:dd:ddZ";
	if (e->id < WS2FIX_LSP_EVENT_INSTALL || e->id > WS2FIX_LSP_EVENT_RESET)
		die("an event id that is not an LSP event");
	if (e->time[0]) {
		for (int i = 0; i < 20; i++)
			if (shape[i] == 'd' ? (e->time[i] < '0' || e->time[i] > '9') : e->time[i] != shape[i])
				die("a time that is not YYYY-MM-DDTHH:MM:SSZ");
		if (e->time[20])
			die("a time longer than YYYY-MM-DDTHH:MM:SSZ");
	}
	if ((e->lsp_name && !e->lsp_name[0]) || (e->installer && !e->installer[0]))
		die("an empty name instead of an absent one");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *dir = getenv("TMPDIR");
	char path[4096];
	snprintf(path, sizeof(path), "%s/ws2fix-fuzz-evtx-XXXXXX", dir && *dir ? dir : "/tmp");
	int fd = mkstemp(path);
	if (fd < 0)
		die("cannot make a temporary file");
	for (size_t off = 0; off < size;) {
		ssize_t n = write(fd, data + off, size - off);
		if (n <= 0)
			die("cannot write the temporary file");
		off += (size_t)n;
	}
	close(fd);
	ws2fix_event_source src;
	int rc = ws2fix_event_source_evtx(&src, path);
	if (rc == 0) {
		ws2fix_lsp_events *ev = NULL;
		rc = ws2fix_events_read(&ev, &src);
		(void)ws2fix_event_source_evtx_damaged(&src);
		ws2fix_event_source_close(&src);
		if (rc != 0 && rc != WS2FIX_ENOMEM)
			die("reading an opened log failed with neither 0 nor ENOMEM");
		for (size_t i = 0; ev && i < ev->count; i++)
			check_event(&ev->items[i]);
		ws2fix_events_free(ev);
	} else if (rc != WS2FIX_ECORRUPT && rc != WS2FIX_ENOMEM) {
		fprintf(stderr, "fuzz_evtx: unexpected code %d opening %zu bytes\n", rc, size);
		abort();
	} else if (!ws2fix_error_last()->message[0] || strchr(ws2fix_error_last()->message, '\n')) {
		die("a refusal that is not one line");
	}
	unlink(path);
	return 0;
}
#else
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	(void)data;
	(void)size;
	if (ws2fix_evtx_supported())
		die("libevtx is built in but this target was compiled without it");
	return 0;
}
#endif

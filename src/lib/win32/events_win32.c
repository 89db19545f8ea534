/* SPDX-License-Identifier: MIT */
/*
 * The live Microsoft-Windows-Winsock-WS2HELP/Operational channel as a
 * ws2fix_event_source (ws2fix/events.h): EvtQuery / EvtNext / EvtRender
 * from wevtapi.dll, which exists from Vista on and is therefore loaded at
 * run time.  Each event is rendered to XML and handed to the portable
 * parser (src/lib/events.c) as UTF-8, so the live path and the tests parse
 * the same text.
 */
#include <windows.h>

#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "ws2fix/events.h"
#include "win32_util.h"

/* winevt.h declares these only for _WIN32_WINNT >= 0x0600; the values are
 * fixed by the Windows SDK. */
typedef HANDLE evt_handle;
#define EVT_QUERY_CHANNEL_PATH 0x1
#define EVT_QUERY_FORWARD_DIRECTION 0x100
#define EVT_RENDER_EVENT_XML 1
#ifndef ERROR_EVT_CHANNEL_NOT_FOUND
#define ERROR_EVT_CHANNEL_NOT_FOUND 15007L
#endif
#ifndef ERROR_EVT_INVALID_CHANNEL_PATH
#define ERROR_EVT_INVALID_CHANNEL_PATH 15000L
#endif

typedef evt_handle(WINAPI *evt_query_fn)(evt_handle, LPCWSTR, LPCWSTR, DWORD);
typedef BOOL(WINAPI *evt_next_fn)(evt_handle, DWORD, evt_handle *, DWORD, DWORD, PDWORD);
typedef BOOL(WINAPI *evt_render_fn)(evt_handle, evt_handle, DWORD, DWORD, PVOID, PDWORD, PDWORD);
typedef BOOL(WINAPI *evt_close_fn)(evt_handle);

#define CHANNEL L"Microsoft-Windows-Winsock-WS2HELP/Operational"
#define BATCH 32
#define NEXT_TIMEOUT_MS 10000
#define MAX_RENDER_BYTES (1u << 20)

typedef struct live_events {
	HMODULE dll;
	evt_next_fn next;
	evt_render_fn render;
	evt_close_fn close;
	evt_handle query;
	evt_handle batch[BATCH];
	DWORD count, pos;
	int done;
} live_events;

/* One event as UTF-8 XML.  An event that cannot be rendered becomes "",
 * which the reader counts as malformed and skips: one bad record must not
 * hide the others. */
static int render(live_events *le, evt_handle h, char **out)
{
	DWORD used = 0, props = 0;
	wchar_t *buf = NULL;
	if (!le->render(NULL, h, EVT_RENDER_EVENT_XML, 0, NULL, &used, &props) &&
	    GetLastError() == ERROR_INSUFFICIENT_BUFFER && used > 0 && used <= MAX_RENDER_BYTES) {
		buf = malloc((size_t)used + sizeof(wchar_t));
		if (!buf)
			return ws2fix__oom();
		if (le->render(NULL, h, EVT_RENDER_EVENT_XML, used, buf, &used, &props)) {
			buf[used / sizeof(wchar_t)] = L'\0';
			*out = ws2fix__wide_to_utf8(buf, -1);
			free(buf);
			return *out ? 0 : WS2FIX_ENOMEM;
		}
		free(buf);
	}
	*out = calloc(1, 1);
	return *out ? 0 : ws2fix__oom();
}

static int live_next(void *payload, char **out_xml)
{
	live_events *le = payload;
	*out_xml = NULL;
	if (le->pos == le->count) {
		le->pos = le->count = 0;
		if (le->done)
			return WS2FIX_ITEROVER;
		DWORD got = 0;
		if (!le->next(le->query, BATCH, le->batch, NEXT_TIMEOUT_MS, 0, &got)) {
			DWORD err = GetLastError();
			le->done = 1;
			if (err == ERROR_NO_MORE_ITEMS)
				return WS2FIX_ITEROVER;
			return ws2fix__fail_win32(ws2fix__win32_code((LSTATUS)err), (LSTATUS)err,
				"cannot read the WS2HELP event log");
		}
		if (got == 0) {
			le->done = 1;
			return WS2FIX_ITEROVER;
		}
		le->count = got > BATCH ? BATCH : got;
	}
	evt_handle h = le->batch[le->pos];
	le->batch[le->pos++] = NULL;
	int rc = render(le, h, out_xml);
	le->close(h);
	return rc;
}

static void live_close(void *payload)
{
	live_events *le = payload;
	if (!le)
		return;
	for (DWORD i = le->pos; i < le->count; i++)
		if (le->batch[i])
			le->close(le->batch[i]);
	if (le->query)
		le->close(le->query);
	FreeLibrary(le->dll);
	free(le);
}

int ws2fix_event_source_live(ws2fix_event_source *out)
{
	memset(out, 0, sizeof(*out));
	HMODULE dll = ws2fix__load_system_dll(L"wevtapi.dll");
	if (!dll)
		return ws2fix__fail(WS2FIX_ENOTFOUND, WS2FIX_ERRCLASS_WIN32,
			"this Windows has no event log API (wevtapi.dll came with Windows Vista)");
	evt_query_fn query = (evt_query_fn)ws2fix__proc(dll, "EvtQuery");
	live_events *le = calloc(1, sizeof(*le));
	if (!le) {
		FreeLibrary(dll);
		return ws2fix__oom();
	}
	le->dll = dll;
	le->next = (evt_next_fn)ws2fix__proc(dll, "EvtNext");
	le->render = (evt_render_fn)ws2fix__proc(dll, "EvtRender");
	le->close = (evt_close_fn)ws2fix__proc(dll, "EvtClose");
	if (!query || !le->next || !le->render || !le->close) {
		FreeLibrary(dll);
		free(le);
		return ws2fix__fail(WS2FIX_ENOTFOUND, WS2FIX_ERRCLASS_WIN32, "wevtapi.dll lacks the query functions");
	}
	/* Every event of the channel, oldest first: the matching relies on
	 * that order to let a catalog reset cancel earlier installs. */
	le->query = query(NULL, CHANNEL, L"*", EVT_QUERY_CHANNEL_PATH | EVT_QUERY_FORWARD_DIRECTION);
	if (!le->query) {
		DWORD err = GetLastError();
		FreeLibrary(dll);
		free(le);
		/* No channel, or an EvtQuery that is only a stub (Wine's fails
		 * with ERROR_PROC_NOT_FOUND): either way there is nothing to read. */
		if (err == ERROR_EVT_CHANNEL_NOT_FOUND || err == ERROR_EVT_INVALID_CHANNEL_PATH ||
		    err == ERROR_CALL_NOT_IMPLEMENTED || err == ERROR_PROC_NOT_FOUND || err == ERROR_NOT_SUPPORTED)
			return ws2fix__fail_win32(WS2FIX_ENOTFOUND, (LSTATUS)err, "no WS2HELP event channel");
		return ws2fix__fail_win32(ws2fix__win32_code((LSTATUS)err), (LSTATUS)err,
			"cannot open the WS2HELP event channel");
	}
	out->next = live_next;
	out->close = live_close;
	out->payload = le;
	return 0;
}

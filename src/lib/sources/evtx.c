/* SPDX-License-Identifier: MIT */
/*
 * An offline Windows event log (.evtx) as a ws2fix_event_source, through
 * libevtx (Debian libevtx-dev; built only where it exists, see
 * cmake/SelectEvtx.cmake and evtx_none.c).
 *
 * The rendered XML of each record goes to the same parser and the same
 * join as the live channel's (events.c): this file only hands out text.
 * Damage is libevtx's to find and ours to contain:
 *   - a file that is not EVTX, or that libevtx refuses to open, is one
 *     error naming the file (WS2FIX_ECORRUPT);
 *   - a file larger than WS2FIX_EVTX_MAX_BYTES is refused before it is
 *     opened (WS2FIX_EINVALID), so a huge log costs no time;
 *   - a record that cannot be read or rendered is handed out as no text:
 *     ws2fix_events_read counts it as malformed and goes on, so the rest
 *     of a damaged log is still read.
 * Only records whose provider is WS2HELP are rendered (rendering is what
 * costs); a record whose provider cannot be read is rendered and left to
 * the parser, which skips another provider's event itself.
 */
#define _POSIX_C_SOURCE 200809L

#include "ws2fix/events.h"

#include <errno.h>
#include <libevtx.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "../errors_internal.h"
#include "../../util/utf.h"
#include "ws2fix/errors.h"

/* Records rendered at most (a WS2HELP log of 1 GiB is not a real one). */
#define MAX_RECORDS 4000000

static const char WS2HELP_PROVIDER[] = "Microsoft-Windows-Winsock-WS2HELP";

typedef struct evtx_reader {
	libevtx_file_t *file;
	int count;
	int next;
} evtx_reader;

static void reader_close(void *payload)
{
	evtx_reader *r = payload;
	if (!r)
		return;
	if (r->file) {
		libevtx_file_close(r->file, NULL);
		libevtx_file_free(&r->file, NULL);
	}
	free(r);
}

/* 1 when the record names a provider other than WS2HELP. */
static int other_provider(libevtx_record_t *rec)
{
	char name[128];
	size_t size = 0;
	if (libevtx_record_get_utf8_source_name_size(rec, &size, NULL) != 1 || size == 0 || size > sizeof(name))
		return 0;
	if (libevtx_record_get_utf8_source_name(rec, (uint8_t *)name, sizeof(name), NULL) != 1)
		return 0;
	name[sizeof(name) - 1] = '\0';
	return ws2fix__strcasecmp(name, WS2HELP_PROVIDER) != 0;
}

/* The record's XML, or NULL when libevtx cannot render it. */
static char *render(libevtx_record_t *rec)
{
	size_t size = 0;
	if (libevtx_record_get_utf8_xml_string_size(rec, &size, NULL) != 1 || size == 0 || size > (1u << 22))
		return NULL;
	char *xml = malloc(size + 1);
	if (!xml)
		return NULL;
	if (libevtx_record_get_utf8_xml_string(rec, (uint8_t *)xml, size, NULL) != 1) {
		free(xml);
		return NULL;
	}
	xml[size] = '\0';
	return xml;
}

static int reader_next(void *payload, char **out_xml)
{
	evtx_reader *r = payload;
	*out_xml = NULL;
	while (r->next < r->count) {
		libevtx_record_t *rec = NULL;
		libevtx_error_t *err = NULL;
		int idx = r->next++;
		if (libevtx_file_get_record_by_index(r->file, idx, &rec, &err) != 1) {
			libevtx_error_free(&err);
			return 0; /* an unreadable record: no text, counted as malformed */
		}
		if (other_provider(rec)) {
			libevtx_record_free(&rec, NULL);
			continue;
		}
		*out_xml = render(rec);
		libevtx_record_free(&rec, NULL);
		return 0;
	}
	return WS2FIX_ITEROVER;
}

int ws2fix_evtx_supported(void) { return 1; }

int ws2fix_event_source_evtx_damaged(const ws2fix_event_source *src)
{
	if (!src || src->next != reader_next || !src->payload)
		return 0;
	const evtx_reader *r = src->payload;
	return libevtx_file_is_corrupted(r->file, NULL) == 1;
}

int ws2fix_event_source_evtx(ws2fix_event_source *out, const char *path)
{
	if (!out || !path)
		return ws2fix__fail(WS2FIX_EINVALID, WS2FIX_ERRCLASS_INVALID, "no event log named");
	memset(out, 0, sizeof(*out));
	struct stat st;
	if (stat(path, &st) != 0)
		return ws2fix__fail_errno(errno == ENOENT ? WS2FIX_ENOTFOUND : WS2FIX_ERROR, errno,
			"cannot read the event log %s", path);
	if (!S_ISREG(st.st_mode))
		return ws2fix__fail(WS2FIX_EINVALID, WS2FIX_ERRCLASS_INVALID, "the event log %s is not a file", path);
	if ((unsigned long long)st.st_size > WS2FIX_EVTX_MAX_BYTES)
		return ws2fix__fail(WS2FIX_EINVALID, WS2FIX_ERRCLASS_INVALID,
			"the event log %s is %llu bytes, more than the %llu ws2fix reads", path,
			(unsigned long long)st.st_size, WS2FIX_EVTX_MAX_BYTES);
	if (libevtx_check_file_signature(path, NULL) != 1)
		return ws2fix__fail(WS2FIX_ECORRUPT, WS2FIX_ERRCLASS_INVALID,
			"%s is not an EVTX event log (no ElfFile signature)", path);
	evtx_reader *r = calloc(1, sizeof(*r));
	if (!r)
		return ws2fix__oom();
	libevtx_error_t *err = NULL;
	if (libevtx_file_initialize(&r->file, &err) != 1) {
		libevtx_error_free(&err);
		free(r);
		return ws2fix__oom();
	}
	if (libevtx_file_open(r->file, path, libevtx_get_access_flags_read(), &err) != 1) {
		libevtx_error_free(&err);
		libevtx_file_free(&r->file, NULL);
		free(r);
		return ws2fix__fail(WS2FIX_ECORRUPT, WS2FIX_ERRCLASS_INVALID,
			"the event log %s is damaged: libevtx cannot open it", path);
	}
	if (libevtx_file_get_number_of_records(r->file, &r->count, &err) != 1) {
		libevtx_error_free(&err);
		r->count = 0;
	}
	if (r->count < 0)
		r->count = 0;
	if (r->count > MAX_RECORDS)
		r->count = MAX_RECORDS;
	out->next = reader_next;
	out->close = reader_close;
	out->payload = r;
	return 0;
}

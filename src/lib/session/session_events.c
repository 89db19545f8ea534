/* SPDX-License-Identifier: MIT */
/*
 * The WS2HELP event log of a session: who installed each LSP.  Live, the
 * channel of the running Windows; offline, the .evtx file named with
 * options.events (--events) or the one in the Windows folder
 * (System32/winevt/Logs/Microsoft-Windows-Winsock-WS2HELP%4Operational.evtx,
 * found without regard to case as NTFS would).  Every log goes through the
 * same reader and the same join (events.c): only where the XML comes from
 * differs.
 *
 * A log the user named and that cannot be read fails the open: the user
 * asked for it.  A log found in a Windows folder that cannot be read is
 * skipped, its reason kept for the front ends' one line, and the rest of
 * the work goes on: the catalog is what was asked for.
 */
#include "session_internal.h"

#include <stdlib.h>
#include <string.h>

#include "../errors_internal.h"
#include "../platform_dir.h"
#include "../../util/buf.h"
#include "../../util/utf.h"
#include "ws2fix/errors.h"
#include "../report/report_internal.h"

static const char *const LOG_PATH[] = {"System32", "winevt", "Logs",
	"Microsoft-Windows-Winsock-WS2HELP%4Operational.evtx"};

/* The WS2HELP log under a Windows folder, or NULL (not there, or the
 * folder cannot be listed: no log is no error). */
static char *find_log(const char *root)
{
	ws2fix_buf p = WS2FIX_BUF_INIT;
	ws2fix__buf_puts(&p, root);
	for (size_t i = 0; i < sizeof(LOG_PATH) / sizeof(LOG_PATH[0]); i++) {
		char *name = NULL;
		int want = i + 1 < sizeof(LOG_PATH) / sizeof(LOG_PATH[0]) ? WS2FIX_DIRENT_DIR : WS2FIX_DIRENT_FILE;
		if (ws2fix__buf_oom(&p) || ws2fix__dir_find_ci(&name, ws2fix__buf_cstr(&p), LOG_PATH[i]) != want) {
			free(name);
			ws2fix__buf_free(&p);
			ws2fix_error_clear();
			return NULL;
		}
		ws2fix__buf_printf(&p, "%s%s", WS2FIX_DIRSEP_STR, name);
		free(name);
	}
	if (ws2fix__buf_oom(&p)) {
		ws2fix__buf_free(&p);
		return NULL;
	}
	return ws2fix__buf_detach(&p);
}

/* Read one .evtx file into s->events. */
static int read_file(ws2fix_session *s, const char *path)
{
	ws2fix_event_source src;
	int rc = ws2fix_event_source_evtx(&src, path);
	if (rc < 0)
		return rc;
	rc = ws2fix_events_read(&s->events, &src);
	s->event_log.damaged = ws2fix_event_source_evtx_damaged(&src);
	ws2fix_event_source_close(&src);
	if (rc < 0)
		return rc;
	s->event_log.read = 1;
	s->event_log.events = s->events->count;
	s->event_log.malformed = s->events->malformed;
	return 0;
}

int ws2fix__session_open_events(ws2fix_session *s, const ws2fix_session_options *o,
	ws2fix_session_failure *failed)
{
	const char *root = o->windows_root ? o->windows_root : s->windows_root;
	char *path = NULL;
	if (o->events && !s->cat) {
		if (failed)
			*failed = WS2FIX_SESSION_EVENTS;
		return ws2fix__fail(WS2FIX_EINVALID, WS2FIX_ERRCLASS_INVALID,
			"a %s source has no catalog to join the event log's installs to", ws2fix_source_kind_name(s->kind));
	}
	if (o->events) {
		path = ws2fix__strdup(o->events);
		s->event_log.origin = "events";
	} else if (root && s->reg && s->cat && !ws2fix_registry_has(s->reg, WS2FIX_CAP_LIVE)) {
		path = find_log(root);
		if (!path)
			return 0;
		s->event_log.origin = "windows_root";
	} else {
		return 0;
	}
	if (!path)
		return ws2fix__oom();
	s->events_read = 1;
	s->event_log_path = path;
	s->event_log.path = path;
	int rc = read_file(s, path);
	if (rc == 0) {
		ws2fix_error_clear();
		return 0;
	}
	if (rc == WS2FIX_ENOMEM || o->events) {
		if (failed)
			*failed = WS2FIX_SESSION_EVENTS;
		return rc;
	}
	/* Found, not named: skipped with its reason. */
	if (!(s->event_log_skipped = ws2fix__strdup(ws2fix_error_last()->message)))
		return ws2fix__oom();
	s->event_log.skipped = s->event_log_skipped;
	ws2fix_error_clear();
	return 0;
}

const ws2fix_lsp_events *ws2fix_session_events(ws2fix_session *s)
{
	if (s->events_read)
		return s->events && s->events->count ? s->events : NULL;
	s->events_read = 1;
	if (!s->reg || !ws2fix_registry_has(s->reg, WS2FIX_CAP_LIVE))
		return NULL;
	s->event_log.origin = "live";
	ws2fix_event_source src;
	if (ws2fix_event_source_live(&src) < 0) {
		ws2fix_error_clear();
		return NULL;
	}
	int rc = ws2fix_events_read(&s->events, &src);
	ws2fix_event_source_close(&src);
	ws2fix_error_clear();
	if (rc < 0 || !s->events->count) {
		ws2fix_events_free(s->events);
		s->events = NULL;
		return NULL;
	}
	s->event_log.read = 1;
	s->event_log.events = s->events->count;
	s->event_log.malformed = s->events->malformed;
	return s->events;
}

const ws2fix_session_event_log *ws2fix_session_event_log_info(ws2fix_session *s)
{
	(void)ws2fix_session_events(s);
	return &s->event_log;
}

int ws2fix__session_add_installers(ws2fix_session *s, ws2fix_diagnosis *d)
{
	const ws2fix_lsp_events *ev = ws2fix_session_events(s);
	if (!ev || !s->cat || !d)
		return 0;
	for (size_t i = 0; i < d->count; i++) {
		ws2fix_finding *f = &d->findings[i];
		if (!f->key || f->view < 0 || f->view > WS2FIX_VIEW_64 || !f->catalog || strcmp(f->catalog, "protocol") != 0)
			continue;
		const ws2fix_protocol_view *pv = &s->cat->protocol[f->view];
		for (size_t k = 0; k < pv->info.count; k++) {
			ws2fix_event_match m;
			if (strcmp(pv->entries[k].key, f->key) != 0 ||
			    ws2fix_events_match(&m, ev, &pv->entries[k], (enum ws2fix_view)f->view) != 1)
				continue;
			if ((m.installed_by && !(f->installed_by = ws2fix__strdup(m.installed_by))) ||
			    (m.installed_on && !(f->installed_on = ws2fix__strdup(m.installed_on))))
				return ws2fix__oom();
			break;
		}
	}
	return 0;
}

void ws2fix__session_json_event_log(ws2fix_json *j, ws2fix_session *s)
{
	const ws2fix_session_event_log *log = ws2fix_session_event_log_info(s);
	if (!log->origin)
		return;
	ws2fix__json_key(j, "event_log");
	ws2fix__json_object_begin(j);
	ws2fix__json_kv_string(j, "origin", log->origin);
	ws2fix__json_kv_string(j, "path", log->path);
	ws2fix__json_kv_bool(j, "read", log->read);
	ws2fix__json_kv_uint(j, "events", log->events);
	ws2fix__json_kv_uint(j, "unreadable_records", log->malformed);
	ws2fix__json_kv_bool(j, "damaged", log->damaged);
	ws2fix__json_kv_string(j, "skipped", log->skipped);
	ws2fix__json_object_end(j);
}

/* SPDX-License-Identifier: MIT */
/*
 * Opening a session (include/ws2fix/session.h): the source by its kind,
 * its catalog, the Windows version (the running system, else the SOFTWARE
 * hive, the SYSTEM hive and the catalog; an override from the options
 * wins but keeps a detected architecture) and the DLL probe.
 */
#include "session_internal.h"

#include <stdlib.h>
#include <string.h>

#include "../errors_internal.h"
#include "../../util/utf.h"
#include "ws2fix/dllprobe.h"
#include "ws2fix/errors.h"
#include "ws2fix/netsh.h"

const char *ws2fix_source_kind_name(ws2fix_source_kind kind)
{
	switch (kind) {
	case WS2FIX_SOURCE_LIVE: return "live";
	case WS2FIX_SOURCE_HIVE: return "hive";
	case WS2FIX_SOURCE_REG: return "reg";
	case WS2FIX_SOURCE_NETSH: return "netsh";
	case WS2FIX_SOURCE_HIJACKTHIS: return "hijackthis";
	default: return "none";
	}
}

static int fail_at(ws2fix_session_failure *failed, ws2fix_session_failure what, int rc)
{
	if (failed)
		*failed = what;
	return rc;
}

static int open_registry(ws2fix_session *s, const ws2fix_session_options *o)
{
	ws2fix_open_options oo = WS2FIX_OPEN_OPTIONS_INIT;
	oo.writable = o->writable;
	oo.controlset = o->controlset;
	switch (o->kind) {
	case WS2FIX_SOURCE_HIVE: return ws2fix_registry_open_hive(&s->reg, o->path, &oo);
	case WS2FIX_SOURCE_REG: return ws2fix_registry_open_regfile(&s->reg, o->path, &oo);
	default: return ws2fix_registry_open_live(&s->reg, &oo);
	}
}

/* The version: detected, then the override over it. */
static int open_os(ws2fix_session *s, const ws2fix_session_options *o, ws2fix_session_failure *failed)
{
	if (s->hjt) {
		s->os = s->hjt->os;
	} else if (!s->reg) {
		ws2fix_os_detect(&s->os, NULL, NULL, s->cat);
	} else if (!(ws2fix_registry_has(s->reg, WS2FIX_CAP_LIVE) && ws2fix_os_detect_live(&s->os) == 0)) {
		/* A SOFTWARE hive: the one named, or one found beside the SYSTEM
		 * hive (ws2fix_os_detect_hives looks there when given none). */
		int rc = ws2fix_os_detect_hives(&s->os, s->reg, o->software, s->cat);
		if (rc < 0)
			return fail_at(failed, o->software ? WS2FIX_SESSION_SOFTWARE : WS2FIX_SESSION_CANNOT_READ, rc);
	}
	if (o->os) {
		ws2fix_osinfo override;
		ws2fix_os_parse(&override, o->os); /* checked before anything was opened */
		ws2fix_os_apply_override(&s->os, &override);
	}
	ws2fix_error_clear();
	return 0;
}

/* The DLL probe: an offline Windows directory when one is named or lies
 * beside the hive, the running system's live.  None is not an error. */
static int open_probe(ws2fix_session *s, const ws2fix_session_options *o, ws2fix_session_failure *failed)
{
	if (o->windows_root) {
		int rc = ws2fix_dll_probe_offline_new(&s->probe, o->windows_root);
		return rc < 0 ? fail_at(failed, WS2FIX_SESSION_WINDOWS_ROOT, rc) : 0;
	}
	if (s->kind == WS2FIX_SOURCE_HIVE) {
		if (ws2fix_windows_root_from_hive(&s->windows_root, o->path) == 0 &&
		    ws2fix_dll_probe_offline_new(&s->probe, s->windows_root) < 0)
			s->probe = NULL;
	} else if (s->reg && ws2fix_registry_has(s->reg, WS2FIX_CAP_LIVE)) {
		if (ws2fix_dll_probe_live_new(&s->probe) < 0)
			s->probe = NULL;
	}
	ws2fix_error_clear();
	return 0;
}

static int open_source(ws2fix_session *s, const ws2fix_session_options *o, ws2fix_session_failure *failed)
{
	int rc;
	switch (o->kind) {
	case WS2FIX_SOURCE_HIJACKTHIS:
		rc = ws2fix_hjt_read(&s->hjt, o->path);
		return rc < 0 ? fail_at(failed, WS2FIX_SESSION_CANNOT_OPEN, rc) : 0;
	case WS2FIX_SOURCE_NETSH:
		rc = ws2fix_netsh_read(&s->cat, o->path);
		return rc < 0 ? fail_at(failed, WS2FIX_SESSION_CANNOT_OPEN, rc) : 0;
	case WS2FIX_SOURCE_HIVE:
	case WS2FIX_SOURCE_REG:
	case WS2FIX_SOURCE_LIVE:
		rc = open_registry(s, o);
		if (rc < 0)
			return fail_at(failed, rc == WS2FIX_ENOTBUILT ? WS2FIX_SESSION_BAD_OPTIONS : WS2FIX_SESSION_CANNOT_OPEN, rc);
		rc = ws2fix_catalog_read(&s->cat, s->reg);
		return rc < 0 ? fail_at(failed, WS2FIX_SESSION_CANNOT_READ, rc) : 0;
	default:
		return fail_at(failed, WS2FIX_SESSION_BAD_OPTIONS,
			ws2fix__fail(WS2FIX_EINVALID, WS2FIX_ERRCLASS_INVALID, "no source kind given"));
	}
}

int ws2fix_session_open(ws2fix_session **out, const ws2fix_session_options *o, ws2fix_session_failure *failed)
{
	*out = NULL;
	if (failed)
		*failed = WS2FIX_SESSION_OK;
	if (!o || o->version != WS2FIX_SESSION_OPTIONS_VERSION ||
	    (o->kind != WS2FIX_SOURCE_LIVE && o->kind != WS2FIX_SOURCE_NONE && !o->path))
		return fail_at(failed, WS2FIX_SESSION_BAD_OPTIONS,
			ws2fix__fail(WS2FIX_EINVALID, WS2FIX_ERRCLASS_INVALID, "bad session options"));
	if (o->os) {
		ws2fix_osinfo override;
		if (ws2fix_os_parse(&override, o->os) < 0)
			return fail_at(failed, WS2FIX_SESSION_BAD_OS,
				ws2fix__fail(WS2FIX_EINVALID, WS2FIX_ERRCLASS_INVALID, "unknown Windows version: %s", o->os));
	}
	ws2fix_session *s = calloc(1, sizeof(*s));
	if (!s || !(s->path = ws2fix__strdup(o->kind == WS2FIX_SOURCE_LIVE ? "" : o->path))) {
		free(s);
		return fail_at(failed, WS2FIX_SESSION_CANNOT_OPEN,
			ws2fix__fail(WS2FIX_ENOMEM, WS2FIX_ERRCLASS_NOMEMORY, "out of memory"));
	}
	s->kind = o->kind;
	s->lang = o->lang;
	s->writable = o->writable;
	int rc = open_source(s, o, failed);
	if (rc == 0)
		rc = open_os(s, o, failed);
	if (rc == 0 && o->probe && !s->hjt)
		rc = open_probe(s, o, failed);
	if (rc < 0) {
		ws2fix_session_free(s);
		return rc;
	}
	*out = s;
	return 0;
}

void ws2fix_session_free(ws2fix_session *s)
{
	if (!s)
		return;
	ws2fix_events_free(s->events);
	ws2fix_dll_probe_free(s->probe);
	ws2fix_hjt_log_free(s->hjt);
	ws2fix_catalog_free(s->cat);
	ws2fix_registry_free(s->reg);
	free(s->windows_root);
	free(s->path);
	free(s);
}

const ws2fix_lsp_events *ws2fix_session_events(ws2fix_session *s)
{
	if (s->events_read)
		return s->events;
	s->events_read = 1;
	if (!s->reg || !ws2fix_registry_has(s->reg, WS2FIX_CAP_LIVE))
		return NULL;
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
	}
	return s->events;
}

ws2fix_source_kind ws2fix_session_kind(const ws2fix_session *s) { return s->kind; }
int ws2fix_session_is_partial(const ws2fix_session *s) { return s->reg == NULL; }
ws2fix_registry *ws2fix_session_registry(ws2fix_session *s) { return s->reg; }
const ws2fix_catalog *ws2fix_session_catalog(const ws2fix_session *s) { return s->cat; }
const ws2fix_osinfo *ws2fix_session_os(const ws2fix_session *s) { return &s->os; }
const ws2fix_dll_probe *ws2fix_session_probe(const ws2fix_session *s) { return s->probe; }
const ws2fix_hjt_log *ws2fix_session_hijackthis(const ws2fix_session *s) { return s->hjt; }
const char *ws2fix_session_path(const ws2fix_session *s) { return s->path; }
ws2fix_lang ws2fix_session_lang(const ws2fix_session *s) { return s->lang; }

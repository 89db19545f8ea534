/* SPDX-License-Identifier: MIT */
/*
 * Opening a session (include/ws2fix/session.h): the source by its kind,
 * its catalog, the Windows version (the running system, else the SOFTWARE
 * hive, the SYSTEM hive and the catalog; an override from the options
 * wins but keeps a detected architecture) and the DLL probe.
 */
#include "session_internal.h"
#include "../sources/source_open.h"

#include <stdlib.h>
#include <string.h>

#include "../errors_internal.h"
#include "../../util/utf.h"
#include "ws2fix/dllprobe.h"
#include "ws2fix/errors.h"
#include "ws2fix/outputs.h"

static const struct {
	const char *name, *option;
	int partial;
	ws2fix_source_opener *open;
} sources[WS2FIX_SOURCE_COUNT] = {
	[WS2FIX_SOURCE_NONE] = {"none", NULL, 0, NULL},
#define WS2FIX_SOURCE(id, name, option, partial, opener, sniffer) [WS2FIX_SOURCE_##id] = {name, option, partial, opener},
#include "ws2fix/sources.def"
#undef WS2FIX_SOURCE
};

static int known(ws2fix_source_kind kind)
{
	return kind > WS2FIX_SOURCE_NONE && kind < WS2FIX_SOURCE_COUNT;
}

const char *ws2fix_source_kind_name(ws2fix_source_kind kind)
{
	return known(kind) ? sources[kind].name : "none";
}

const char *ws2fix_source_kind_option(ws2fix_source_kind kind)
{
	return known(kind) ? sources[kind].option : NULL;
}

int ws2fix_source_kind_is_partial(ws2fix_source_kind kind)
{
	return known(kind) && sources[kind].partial;
}

/* The source by its table line, its opener given what the session's
 * options say in its own plain terms. */
static int open_parts(ws2fix_source_parts *parts, const ws2fix_session_options *o)
{
	ws2fix_open_options oo = WS2FIX_OPEN_OPTIONS_INIT;
	oo.writable = o->writable;
	oo.controlset = o->controlset;
	return sources[o->kind].open(parts, o->path, &oo, o->lang, o->edit_export ? WS2FIX_SOURCE_EDIT_EXPORT : 0u);
}

static int fail_at(ws2fix_session_failure *failed, ws2fix_session_failure what, int rc)
{
	if (failed)
		*failed = what;
	return rc;
}

int ws2fix_registry_detect_os(ws2fix_osinfo *out, ws2fix_registry *reg, const ws2fix_catalog *cat,
	const char *software, const char *os_override)
{
	ws2fix_osinfo override;
	if (os_override && ws2fix_os_parse(&override, os_override) < 0)
		return ws2fix__fail(WS2FIX_EINVALID, WS2FIX_ERRCLASS_INVALID, "unknown Windows version: %s", os_override);
	int rc = 0;
	if (!(ws2fix_registry_has(reg, WS2FIX_CAP_LIVE) && ws2fix_os_detect_live(out) == 0))
		/* A SOFTWARE hive: the one named, or one found beside the SYSTEM
		 * hive (ws2fix_os_detect_hives looks there when given none). */
		rc = ws2fix_os_detect_hives(out, reg, software, cat);
	if (rc < 0)
		return rc;
	if (os_override)
		ws2fix_os_apply_override(out, &override);
	ws2fix_error_clear();
	return 0;
}

/* The version: detected, then the override (parsed by the caller) over it. */
static int open_os(ws2fix_session *s, const ws2fix_session_options *o, const ws2fix_osinfo *override,
	ws2fix_session_failure *failed)
{
	if (s->reg) {
		int rc = ws2fix_registry_detect_os(&s->os, s->reg, s->cat, o->software, NULL);
		if (rc < 0)
			return fail_at(failed, o->software ? WS2FIX_SESSION_SOFTWARE : WS2FIX_SESSION_CANNOT_READ, rc);
	} else if (s->hjt) {
		s->os = s->hjt->os;
	} else {
		ws2fix_os_detect(&s->os, NULL, NULL, s->cat);
	}
	s->detected = s->os;
	if (override)
		ws2fix_os_apply_override(&s->os, override);
	ws2fix_error_clear();
	return 0;
}

/* Whether backups of this source hold Windows 2000's extra keys.  A
 * session of the registry alone (backup, restore) has read no version:
 * the registry and --software tell it, and --os over them.  Not knowing
 * the version is no reason to refuse a backup: the extras are only more
 * keys written down. */
static void win2000_rule(ws2fix_session *s, const ws2fix_session_options *o)
{
	if (!o->registry_only) {
		s->win2000 = s->os.family == WS2FIX_OS_2000;
		return;
	}
	if (!s->reg)
		return;
	ws2fix_osinfo os;
	memset(&os, 0, sizeof(os));
	int rc = ws2fix_registry_detect_os(&os, s->reg, NULL, o->software, o->os);
	ws2fix_error_clear();
	s->win2000 = rc == 0 && os.family == WS2FIX_OS_2000;
}

/* 1 when a Windows folder's architecture (SysWOW64 or not) contradicts
 * what the source itself shows: then its files are another machine's. */
static int other_arch(const ws2fix_osinfo *detected, const ws2fix_windows_dir_facts *f)
{
	if (!strcmp(detected->detected_from, "entries") || !detected->arch[0])
		return 0; /* the catalog alone shows no architecture for certain */
	int x64 = !strcmp(detected->arch, "x64") || !strcmp(detected->arch, "arm64");
	return x64 != f->has_syswow64;
}

/* A Windows folder, given or taken from the hive's path, is used for file
 * checks only when it holds a Windows of the source's architecture; else
 * DLL existence is unknown and the skip line says why (never a guess that
 * removes a provider). */
static int open_offline_probe(ws2fix_session *s, ws2fix_session_failure *failed)
{
	ws2fix_windows_dir_facts f;
	int rc = ws2fix_windows_dir_check(&f, s->windows_root);
	if (rc < 0 && !s->windir.from_hive_path)
		return fail_at(failed, WS2FIX_SESSION_WINDOWS_ROOT, rc);
	if (rc < 0 || !f.is_windows) {
		s->windir.use = WS2FIX_WINDIR_NOT_WINDOWS;
		s->windir.missing = rc < 0 ? "System32" : f.missing;
		return 0;
	}
	s->windir.has_syswow64 = f.has_syswow64;
	if (other_arch(&s->detected, &f)) {
		s->windir.use = WS2FIX_WINDIR_OTHER_ARCH;
		return 0;
	}
	rc = ws2fix_dll_probe_offline_new(&s->probe, s->windows_root);
	if (rc < 0)
		return fail_at(failed, WS2FIX_SESSION_WINDOWS_ROOT, rc);
	s->windir.use = WS2FIX_WINDIR_USED;
	return 0;
}

/* The DLL probe: an offline Windows folder when one is named or the hive
 * lies in one (and it holds a Windows), the running system's live.  None
 * is not an error. */
static int open_probe(ws2fix_session *s, const ws2fix_session_options *o, ws2fix_session_failure *failed)
{
	int rc = 0;
	if (o->no_file_checks) {
		s->windir.use = WS2FIX_WINDIR_OFF;
	} else if (o->windows_root) {
		if (!(s->windows_root = ws2fix__strdup(o->windows_root)))
			return fail_at(failed, WS2FIX_SESSION_CANNOT_OPEN, WS2FIX_ENOMEM);
	} else if (ws2fix_registry_has(s->reg, WS2FIX_CAP_HIVE_FILE)) {
		if (ws2fix_windows_root_from_hive(&s->windows_root, ws2fix_registry_path(s->reg)) == 0)
			s->windir.from_hive_path = 1;
	} else if (s->reg && ws2fix_registry_has(s->reg, WS2FIX_CAP_LIVE)) {
		s->windir.use = WS2FIX_WINDIR_LIVE;
		if (ws2fix_dll_probe_live_new(&s->probe) < 0)
			s->probe = NULL;
	}
	s->windir.path = s->windows_root;
	if (s->windows_root && !o->no_file_checks)
		rc = open_offline_probe(s, failed);
	if (rc == 0)
		ws2fix_error_clear();
	return rc;
}

/* What the session reads, so that no output of its command lands there. */
static int protect_inputs(ws2fix_session *s, const ws2fix_session_options *o)
{
	int rc = ws2fix_outputs_new(&s->outputs);
	if (rc == 0)
		rc = s->reg ? ws2fix_outputs_protect_registry(s->outputs, s->reg)
			    : ws2fix_outputs_protect(s->outputs, o->path, WS2FIX_PROTECT_FILE);
	if (rc == 0)
		rc = ws2fix_outputs_protect(s->outputs, o->software, WS2FIX_PROTECT_HIVE);
	if (rc == 0)
		rc = ws2fix_outputs_protect_windows_root(s->outputs, o->windows_root ? o->windows_root : s->windows_root);
	return rc;
}

/* The source by its table line, then (registry sources) its catalog. */
static int open_source(ws2fix_session *s, const ws2fix_session_options *o, ws2fix_session_failure *failed)
{
	ws2fix_source_parts parts = {NULL, NULL, NULL};
	int rc = ws2fix__session_check_input(o);
	if (rc < 0)
		return fail_at(failed, WS2FIX_SESSION_CANNOT_OPEN, rc);
	rc = open_parts(&parts, o);
	s->reg = parts.reg;
	s->cat = parts.cat;
	s->hjt = parts.hjt;
	if (rc < 0)
		return fail_at(failed, rc == WS2FIX_ENOTBUILT ? WS2FIX_SESSION_BAD_OPTIONS : WS2FIX_SESSION_CANNOT_OPEN, rc);
	if (o->registry_only) {
		/* Only the registry: its catalog may be too damaged to read. */
		ws2fix_catalog_free(s->cat);
		s->cat = NULL;
		return 0;
	}
	if (s->reg && !s->cat && (rc = ws2fix_catalog_read(&s->cat, s->reg)) < 0)
		return fail_at(failed, WS2FIX_SESSION_CANNOT_READ, rc);
	return 0;
}

/* Options a source of their kind can be opened with: a known kind of this
 * options version, and its file when the kind reads one. */
static int usable(const ws2fix_session_options *o)
{
	return o && o->version == WS2FIX_SESSION_OPTIONS_VERSION && known(o->kind) &&
	       (!sources[o->kind].option || o->path) && !(o->registry_only && sources[o->kind].partial);
}

int ws2fix_session_open(ws2fix_session **out, const ws2fix_session_options *o, ws2fix_session_failure *failed)
{
	*out = NULL;
	if (failed)
		*failed = WS2FIX_SESSION_OK;
	if (!usable(o))
		return fail_at(failed, WS2FIX_SESSION_BAD_OPTIONS,
			ws2fix__fail(WS2FIX_EINVALID, WS2FIX_ERRCLASS_INVALID, "bad session options"));
	/* The override is checked before anything is opened. */
	ws2fix_osinfo override;
	if (o->os && ws2fix_os_parse(&override, o->os) < 0)
		return fail_at(failed, WS2FIX_SESSION_BAD_OS,
			ws2fix__fail(WS2FIX_EINVALID, WS2FIX_ERRCLASS_INVALID, "unknown Windows version: %s", o->os));
	ws2fix_session *s = calloc(1, sizeof(*s));
	if (!s || !(s->path = ws2fix__strdup(o->path ? o->path : "")) ||
	    (o->software && !(s->software = ws2fix__strdup(o->software)))) {
		if (s)
			free(s->path);
		free(s);
		return fail_at(failed, WS2FIX_SESSION_CANNOT_OPEN,
			ws2fix__oom());
	}
	s->kind = o->kind;
	s->lang = o->lang;
	int rc = open_source(s, o, failed);
	if (rc == 0 && !o->registry_only)
		rc = open_os(s, o, o->os ? &override : NULL, failed);
	if (rc == 0 && !o->registry_only)
		rc = ws2fix__session_os_conflict(s, o->os ? &override : NULL);
	if (rc == 0 && o->probe && !s->hjt && !o->registry_only)
		rc = open_probe(s, o, failed);
	if (rc == 0 && !o->registry_only)
		rc = ws2fix__session_open_events(s, o, failed);
	if (rc == 0)
		win2000_rule(s, o);
	if (rc == 0)
		rc = protect_inputs(s, o);
	if (rc == 0 && ws2fix_registry_has(s->reg, WS2FIX_CAP_HIVE_FILE))
		rc = ws2fix__session_find_stale(s, o->writable);
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
	ws2fix_outputs_free(s->outputs);
	ws2fix_events_free(s->events);
	free(s->event_log_path);
	free(s->event_log_skipped);
	ws2fix_dll_probe_free(s->probe);
	ws2fix_hjt_log_free(s->hjt);
	ws2fix_catalog_free(s->cat);
	ws2fix_registry_free(s->reg);
	free(s->windows_root);
	free(s->software);
	ws2fix_installed_products_free(s->installed);
	free(s->os_conflict);
	for (size_t i = 0; i < s->stale_count; i++)
		free(s->stale[i]);
	free(s->stale);
	free(s->path);
	free(s);
}

ws2fix_source_kind ws2fix_session_kind(const ws2fix_session *s) { return s->kind; }
int ws2fix_session_is_partial(const ws2fix_session *s) { return s->reg == NULL; }
ws2fix_registry *ws2fix_session_registry(ws2fix_session *s) { return s->reg; }
const ws2fix_catalog *ws2fix_session_catalog(const ws2fix_session *s) { return s->cat; }
const ws2fix_osinfo *ws2fix_session_os(const ws2fix_session *s) { return &s->os; }
ws2fix_outputs *ws2fix_session_outputs(ws2fix_session *s) { return s->outputs; }
const ws2fix_dll_probe *ws2fix_session_probe(const ws2fix_session *s) { return s->probe; }
const ws2fix_windows_dir *ws2fix_session_windows_dir(const ws2fix_session *s) { return &s->windir; }
const ws2fix_hjt_log *ws2fix_session_hijackthis(const ws2fix_session *s) { return s->hjt; }
const char *ws2fix_session_path(const ws2fix_session *s) { return s->path; }
ws2fix_lang ws2fix_session_lang(const ws2fix_session *s) { return s->lang; }

/* SPDX-License-Identifier: MIT */
/*
 * The JSON documents of show, diagnose and repair (docs/cli/,
 * docs/schema/), made from a session once for the CLI, the web page and
 * any other front end.
 */
#include "session_internal.h"

#include "../errors_internal.h"
#include "../report/report_internal.h"
#include "ws2fix/errors.h"
#include "ws2fix/restore_run.h"

/* "tool", "version", "source": a partial source is named by its kind and path. */
static void json_source(ws2fix_json *j, ws2fix_session *s)
{
	if (s->reg) {
		ws2fix__report_json_source_members(j, s->reg, s->lang);
	} else {
		ws2fix__json_kv_string(j, "tool", "ws2fix");
		ws2fix__json_kv_string(j, "version", WS2FIX_VERSION_STRING);
		ws2fix__json_key(j, "source");
		ws2fix__json_object_begin(j);
		ws2fix__json_kv_string(j, "kind", ws2fix_source_kind_name(s->kind));
		ws2fix__json_kv_string(j, "path", s->path);
		ws2fix__json_key(j, "controlset");
		ws2fix__json_null(j);
	}
	if (!s->hjt) {
		ws2fix__report_json_windows_dir(j, &s->windir);
		ws2fix__session_json_event_log(j, s);
	}
	ws2fix__json_object_end(j);
}

/* Every document opens with what it is about: tool, source, Windows. */
static void begin(ws2fix_json *j, ws2fix_buf *b, ws2fix_session *s, int pretty)
{
	ws2fix__json_init(j, b, pretty);
	ws2fix__json_object_begin(j);
	json_source(j, s);
	ws2fix__report_json_os_with(j, &s->os, s->os_conflict);
}

static int finish(char **out, ws2fix_buf *b)
{
	ws2fix__buf_putc(b, '\n');
	*out = ws2fix__buf_detach(b);
	return *out ? 0 : ws2fix__oom();
}

int ws2fix_session_show_json(char **out, ws2fix_session *s, int pretty)
{
	ws2fix_buf b = WS2FIX_BUF_INIT;
	ws2fix_json j;
	begin(&j, &b, s, pretty);
	if (s->hjt) {
		ws2fix__report_json_hijackthis(&j, s->hjt);
	} else {
		ws2fix__report_json_catalogs(&j, s->cat, ws2fix_session_events(s));
		ws2fix__report_json_app_catalog(&j, s->reg);
	}
	ws2fix__json_object_end(&j);
	return finish(out, &b);
}

int ws2fix_session_diagnose_json(char **out, ws2fix_session *s, const ws2fix_diagnosis *d, int pretty)
{
	ws2fix_buf b = WS2FIX_BUF_INIT;
	ws2fix_json j;
	begin(&j, &b, s, pretty);
	if (s->hjt) {
		ws2fix__json_key(&j, "catalogs");
		ws2fix__json_array_begin(&j);
		ws2fix__json_array_end(&j);
		ws2fix__report_json_hijackthis(&j, s->hjt);
	} else {
		ws2fix__report_json_catalogs(&j, s->cat, ws2fix_session_events(s));
	}
	ws2fix__report_json_app_catalog(&j, s->reg);
	ws2fix_report_json_findings(&j, d);
	ws2fix_cause *c = NULL;
	int rc = ws2fix_session_cause(&c, s, d);
	if (rc < 0) {
		ws2fix__buf_free(&b);
		return rc;
	}
	ws2fix__report_json_cause(&j, c);
	ws2fix_cause_free(c);
	ws2fix__json_object_end(&j);
	return finish(out, &b);
}

static int partial_plan_json(char **out, ws2fix_session *s, const ws2fix_diagnosis *d, ws2fix_repair_mode mode,
	int pretty)
{
	ws2fix_partial_plan *p = NULL;
	int rc = ws2fix_session_partial_plan(&p, s, d, mode);
	if (rc < 0)
		return rc;
	ws2fix_buf b = WS2FIX_BUF_INIT;
	ws2fix_json j;
	begin(&j, &b, s, pretty);
	ws2fix__json_kv_bool(&j, "partial", 1);
	ws2fix__json_kv_string(&j, "mode", mode == WS2FIX_REPAIR_RESET ? "reset" : "surgical");
	ws2fix__json_key(&j, "changes");
	ws2fix__json_array_begin(&j);
	for (size_t i = 0; i < d->count; i++) {
		const ws2fix_finding *f = &d->findings[i];
		if (f->severity == WS2FIX_SEV_INFO)
			continue;
		ws2fix__json_object_begin(&j);
		ws2fix__json_kv_string(&j, "code", ws2fix_finding_code_name(f->code));
		ws2fix__json_kv_string(&j, "severity", ws2fix_severity_name(f->severity));
		ws2fix__json_kv_string(&j, "message", f->message);
		ws2fix__json_kv_string(&j, "fix", f->fix);
		ws2fix__json_object_end(&j);
	}
	ws2fix__json_array_end(&j);
	ws2fix__json_key(&j, "steps");
	ws2fix__json_array_begin(&j);
	for (size_t i = 0; i < p->count; i++) {
		ws2fix__json_object_begin(&j);
		ws2fix__json_kv_string(&j, "text", p->steps[i].text);
		ws2fix__json_kv_string(&j, "command", p->steps[i].command);
		ws2fix__json_kv_bool(&j, "builtin", p->steps[i].builtin);
		ws2fix__json_object_end(&j);
	}
	ws2fix__json_array_end(&j);
	ws2fix__json_kv_bool(&j, "applied", 0);
	ws2fix__json_object_end(&j);
	ws2fix_partial_plan_free(p);
	return finish(out, &b);
}

int ws2fix_session_repair_json(char **out, ws2fix_session *s, const ws2fix_repair_plan *plan, ws2fix_repair_mode mode,
	const ws2fix_repair_outcome *done, int pretty)
{
	ws2fix_buf b = WS2FIX_BUF_INIT;
	ws2fix_json j;
	begin(&j, &b, s, pretty);
	ws2fix__report_json_plan(&j, plan, mode);
	ws2fix__json_kv_bool(&j, "applied", done && done->applied);
	ws2fix__json_kv_string(&j, "backup", done ? done->backup : NULL);
	ws2fix__json_kv_string(&j, "fix_file", done ? done->fix_file : NULL);
	if (done && done->after) {
		ws2fix__json_key(&j, "after");
		ws2fix__json_object_begin(&j);
		ws2fix__json_kv_uint(&j, "errors", done->after->errors);
		ws2fix__json_kv_uint(&j, "warnings", done->after->warnings);
		ws2fix__json_kv_bool(&j, "healthy", done->after->errors == 0);
		ws2fix__json_object_end(&j);
	}
	ws2fix__json_object_end(&j);
	return finish(out, &b);
}

int ws2fix_session_plan_json(char **out, ws2fix_session *s, const ws2fix_diagnosis *d,
	const ws2fix_repair_plan *plan, ws2fix_repair_mode mode, int pretty)
{
	if (!s->reg)
		return partial_plan_json(out, s, d, mode, pretty);
	*out = NULL;
	if (!plan)
		return ws2fix__fail(WS2FIX_EINVALID, WS2FIX_ERRCLASS_INVALID, "no plan given");
	return ws2fix_session_repair_json(out, s, plan, mode, NULL, pretty);
}

/* backup and restore: the source (its registry alone: these read no
 * catalog or version), then what was written. */
static void begin_registry(ws2fix_json *j, ws2fix_buf *b, ws2fix_session *s, const char *command, int pretty)
{
	ws2fix__json_init(j, b, pretty);
	ws2fix__json_object_begin(j);
	ws2fix_report_json_source(j, s->reg, s->lang);
	ws2fix__json_kv_string(j, "command", command);
}

static void json_keys(ws2fix_json *j, const ws2fix_strlist *keys)
{
	ws2fix__json_key(j, "keys");
	ws2fix__json_array_begin(j);
	for (size_t i = 0; i < keys->count; i++)
		ws2fix__json_string(j, keys->items[i]);
	ws2fix__json_array_end(j);
}

int ws2fix_session_backup_json(char **out, ws2fix_session *s, const char *path,
	const ws2fix_session_backup_result *r, int pretty)
{
	*out = NULL;
	if (!s->reg || r->stage != WS2FIX_BACKUP_DONE)
		return ws2fix__fail(WS2FIX_EINVALID, WS2FIX_ERRCLASS_INVALID, "no backup was written");
	ws2fix_buf b = WS2FIX_BUF_INIT;
	ws2fix_json j;
	begin_registry(&j, &b, s, "backup", pretty);
	ws2fix__json_kv_string(&j, "path", path);
	json_keys(&j, &r->keys);
	ws2fix__json_object_end(&j);
	return finish(out, &b);
}

/* The view Windows itself loads first: 64-bit when there is one. */
static size_t protocol_count(const ws2fix_catalog *cat)
{
	return cat->protocol[WS2FIX_VIEW_64].info.present ? cat->protocol[WS2FIX_VIEW_64].info.count
						    : cat->protocol[WS2FIX_VIEW_32].info.count;
}

static size_t namespace_count(const ws2fix_catalog *cat)
{
	return cat->namespaces[WS2FIX_VIEW_64].info.present ? cat->namespaces[WS2FIX_VIEW_64].info.count
						      : cat->namespaces[WS2FIX_VIEW_32].info.count;
}

int ws2fix_restore_run_counts(const ws2fix_restore_run_result *r, size_t *protocols, size_t *namespaces)
{
	*protocols = r->cat ? protocol_count(r->cat) : 0;
	*namespaces = r->cat ? namespace_count(r->cat) : 0;
	return r->cat != NULL;
}

int ws2fix_session_restore_json(char **out, ws2fix_session *s, const char *file,
	const ws2fix_restore_run_result *r, int pretty)
{
	*out = NULL;
	if (!s->reg || r->stage != WS2FIX_RESTORE_DONE)
		return ws2fix__fail(WS2FIX_EINVALID, WS2FIX_ERRCLASS_INVALID, "no restore was done");
	ws2fix_buf b = WS2FIX_BUF_INIT;
	ws2fix_json j;
	begin_registry(&j, &b, s, "restore", pretty);
	ws2fix__json_kv_string(&j, "restored_from", file);
	ws2fix__json_kv_string(&j, "backup", r->pre_backup);
	ws2fix__json_kv_string(&j, "original_kept", r->kept);
	json_keys(&j, &r->keys);
	ws2fix__json_kv_bool(&j, "verified", 1);
	ws2fix__json_key(&j, "catalog");
	if (r->cat) {
		ws2fix__json_object_begin(&j);
		ws2fix__json_kv_uint(&j, "protocol_entries", protocol_count(r->cat));
		ws2fix__json_kv_uint(&j, "namespace_entries", namespace_count(r->cat));
		ws2fix__json_object_end(&j);
	} else {
		ws2fix__json_null(&j);
	}
	/* Live: every program must load the restored catalog anew. */
	ws2fix__json_kv_bool(&j, "restart_needed", ws2fix_registry_has(s->reg, WS2FIX_CAP_LIVE));
	if (r->after) {
		ws2fix__json_key(&j, "after");
		ws2fix__json_object_begin(&j);
		ws2fix__json_kv_uint(&j, "errors", r->after->errors);
		ws2fix__json_kv_uint(&j, "warnings", r->after->warnings);
		ws2fix__json_key(&j, "codes");
		ws2fix__json_array_begin(&j);
		for (size_t i = 0; i < r->after->count; i++)
			if (r->after->findings[i].severity != WS2FIX_SEV_INFO)
				ws2fix__json_string(&j, ws2fix_finding_code_name(r->after->findings[i].code));
		ws2fix__json_array_end(&j);
		ws2fix__json_object_end(&j);
	}
	ws2fix__json_object_end(&j);
	return finish(out, &b);
}

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
	return *out ? 0 : ws2fix__fail(WS2FIX_ENOMEM, WS2FIX_ERRCLASS_NOMEMORY, "out of memory");
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

/* SPDX-License-Identifier: MIT */
/* The findings of a diagnosis as JSON (docs/cli/diagnose.md). */
#include "report_internal.h"

void ws2fix_report_json_findings(ws2fix_json *j, const ws2fix_diagnosis *d)
{
	ws2fix__json_key(j, "findings");
	ws2fix__json_array_begin(j);
	for (size_t i = 0; i < d->count; i++) {
		const ws2fix_finding *f = &d->findings[i];
		ws2fix__json_object_begin(j);
		ws2fix__json_kv_string(j, "code", ws2fix_finding_code_name(f->code));
		ws2fix__json_kv_string(j, "severity", ws2fix_severity_name(f->severity));
		ws2fix__json_kv_string(j, "catalog", f->catalog);
		ws2fix__json_kv_string(j, "view", f->view >= 0 ? ws2fix_view_name((enum ws2fix_view)f->view) : NULL);
		ws2fix__json_kv_string(j, "entry", f->key);
		ws2fix__json_key(j, "catalog_id");
		if (f->has_catalog_id)
			ws2fix__json_uint(j, f->catalog_id);
		else
			ws2fix__json_null(j);
		ws2fix__json_kv_string(j, "path", f->path);
		ws2fix__json_kv_string(j, "provider", f->provider);
		ws2fix__json_kv_string(j, "vendor", f->vendor);
		ws2fix__json_kv_string(j, "message", f->message);
		ws2fix__json_kv_string(j, "fix", f->fix);
		if (f->installed_by)
			ws2fix__json_kv_string(j, "installed_by", f->installed_by);
		if (f->installed_on)
			ws2fix__json_kv_string(j, "installed_on", f->installed_on);
		ws2fix__json_object_end(j);
	}
	ws2fix__json_array_end(j);
	ws2fix__json_key(j, "skipped");
	ws2fix__json_array_begin(j);
	for (size_t i = 0; i < d->skipped_count; i++)
		ws2fix__json_string(j, d->skipped[i]);
	ws2fix__json_array_end(j);
	ws2fix__json_key(j, "summary");
	ws2fix__json_object_begin(j);
	ws2fix__json_kv_uint(j, "errors", d->errors);
	ws2fix__json_kv_uint(j, "warnings", d->warnings);
	ws2fix__json_kv_uint(j, "infos", d->infos);
	ws2fix__json_kv_bool(j, "healthy", d->errors == 0);
	ws2fix__json_object_end(j);
}

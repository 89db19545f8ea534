/* SPDX-License-Identifier: MIT */
/*
 * The members that say what a document is about: the tool and its source,
 * the Windows version, the programs excluded from LSPs (AppId_Catalog) and
 * a HijackThis log's O10 lines (docs/cli/show.md, docs/schema/).
 */
#include "report_internal.h"

#include <stdlib.h>

#include "ws2fix/errors.h"
#include "ws2fix/providers.h"

void ws2fix_report_json_source(ws2fix_json *j, ws2fix_registry *reg, ws2fix_lang lang)
{
	ws2fix__report_json_source_members(j, reg, lang);
	ws2fix__json_object_end(j);
}

void ws2fix__report_json_windows_dir(ws2fix_json *j, const ws2fix_windows_dir *w)
{
	static const char *const use[] = {
		[WS2FIX_WINDIR_NONE] = "none", [WS2FIX_WINDIR_USED] = "used",
		[WS2FIX_WINDIR_NOT_WINDOWS] = "not-windows", [WS2FIX_WINDIR_OTHER_ARCH] = "other-architecture",
		[WS2FIX_WINDIR_OFF] = "off", [WS2FIX_WINDIR_LIVE] = "live",
	};
	ws2fix__json_key(j, "windows_dir");
	ws2fix__json_object_begin(j);
	ws2fix__json_kv_string(j, "use", use[w->use]);
	ws2fix__json_kv_string(j, "path", w->path);
	ws2fix__json_kv_string(j, "from", !w->path ? NULL : w->from_hive_path ? "hive-path" : "windows-root");
	ws2fix__json_kv_string(j, "missing", w->missing);
	ws2fix__json_object_end(j);
}

void ws2fix__report_json_source_members(ws2fix_json *j, ws2fix_registry *reg, ws2fix_lang lang)
{
	ws2fix__json_kv_string(j, "tool", "ws2fix");
	ws2fix__json_kv_string(j, "version", WS2FIX_VERSION_STRING);
	ws2fix__json_key(j, "source");
	ws2fix__json_object_begin(j);
	ws2fix__json_kv_string(j, "kind", ws2fix_registry_kind(reg));
	ws2fix__json_kv_string(j, "path", ws2fix_registry_path(reg));
	ws2fix__json_key(j, "controlset");
	if (ws2fix_registry_controlset_number(reg) > 0)
		ws2fix__json_int(j, ws2fix_registry_controlset_number(reg));
	else
		ws2fix__json_null(j);
	ws2fix__json_kv_string(j, "controlset_key", ws2fix_registry_source_controlset(reg));
	ws2fix__json_kv_bool(j, "dirty", ws2fix_registry_is_dirty(reg));
	const ws2fix_hive_recovery *rec = ws2fix_registry_hive_recovery(reg);
	ws2fix__json_kv_bool(j, "recovered", rec && rec->recovered);
	if (rec && rec->dirty) {
		/* What was done with the transaction logs (docs/cli/show.md). */
		ws2fix__json_key(j, "log_replay");
		ws2fix__json_object_begin(j);
		ws2fix__json_kv_bool(j, "replayed", rec->recovered);
		ws2fix__json_kv_string(j, "format", rec->recovered ? (rec->old_format ? "old" : "new") : "none");
		ws2fix__json_key(j, "logs");
		ws2fix__json_array_begin(j);
		for (int i = 0; i < 2; i++)
			if (rec->used[i] >= 0 && rec->used[i] <= 2 && rec->log_names[rec->used[i]])
				ws2fix__json_string(j, rec->log_names[rec->used[i]]);
		ws2fix__json_array_end(j);
		ws2fix__json_kv_uint(j, "entries", rec->entries);
		ws2fix__json_kv_uint(j, "first_sequence", rec->first_seq);
		ws2fix__json_kv_uint(j, "last_sequence", rec->last_seq);
		char *text = NULL;
		if (ws2fix_hive_recovery_text(&text, rec, 0, lang) == 0)
			ws2fix__json_kv_string(j, "problems", text);
		free(text);
		ws2fix__json_object_end(j);
	}
}

void ws2fix_report_json_os(ws2fix_json *j, const ws2fix_osinfo *os)
{
	ws2fix__report_json_os_with(j, os, NULL);
}

void ws2fix__report_json_os_with(ws2fix_json *j, const ws2fix_osinfo *os, const char *conflict)
{
	ws2fix__json_key(j, "os");
	ws2fix__json_object_begin(j);
	ws2fix__json_kv_string(j, "name", os->name[0] ? os->name : NULL);
	ws2fix__json_kv_string(j, "id", os->id[0] ? os->id : NULL);
	ws2fix__json_key(j, "build");
	if (os->build)
		ws2fix__json_uint(j, os->build);
	else
		ws2fix__json_null(j);
	ws2fix__json_kv_string(j, "arch", os->arch[0] ? os->arch : NULL);
	ws2fix__json_key(j, "service_pack");
	if (os->service_pack >= 0)
		ws2fix__json_int(j, os->service_pack);
	else
		ws2fix__json_null(j);
	ws2fix__json_kv_string(j, "detected_from", os->detected_from[0] ? os->detected_from : NULL);
	ws2fix__json_kv_string(j, "evidence", os->evidence);
	if (conflict)
		ws2fix__json_kv_string(j, "conflict", conflict);
	ws2fix__json_object_end(j);
}

void ws2fix__report_json_app_catalog(ws2fix_json *j, ws2fix_registry *reg)
{
	if (!reg)
		return;
	ws2fix_app_catalog *ac = NULL;
	ws2fix__json_key(j, "app_catalog");
	if (ws2fix_app_catalog_read(&ac, reg) < 0) {
		ws2fix_error_clear();
		ws2fix__json_null(j);
		return;
	}
	ws2fix__json_array_begin(j);
	for (size_t i = 0; i < ac->count; i++) {
		const ws2fix_app_exclusion *x = &ac->items[i];
		ws2fix__json_object_begin(j);
		ws2fix__json_kv_string(j, "key", x->key);
		ws2fix__json_kv_string(j, "path", x->path);
		ws2fix__json_kv_string(j, "args", x->args);
		ws2fix__json_key(j, "permitted_lsp_categories");
		if (x->has_categories)
			ws2fix__json_uint(j, x->categories);
		else
			ws2fix__json_null(j);
		const char *names[16];
		size_t n = x->has_categories ? ws2fix_lsp_category_names(names, 16, x->categories) : 0;
		ws2fix__json_key(j, "categories");
		ws2fix__json_array_begin(j);
		for (size_t k = 0; k < n; k++)
			ws2fix__json_string(j, names[k]);
		ws2fix__json_array_end(j);
		ws2fix__json_object_end(j);
	}
	ws2fix__json_array_end(j);
	ws2fix_app_catalog_free(ac);
}

void ws2fix__report_json_hijackthis(ws2fix_json *j, const ws2fix_hjt_log *log)
{
	ws2fix__json_key(j, "hijackthis");
	ws2fix__json_object_begin(j);
	ws2fix__json_kv_string(j, "tool", log->tool);
	ws2fix__json_kv_bool(j, "fork", log->fork);
	ws2fix__json_kv_string(j, "platform", log->platform);
	ws2fix__json_key(j, "elevated");
	if (log->elevated < 0)
		ws2fix__json_null(j);
	else
		ws2fix__json_bool(j, log->elevated);
	ws2fix__json_kv_bool(j, "complete", log->complete);
	ws2fix__json_key(j, "o10");
	ws2fix__json_array_begin(j);
	for (size_t i = 0; i < log->count; i++) {
		const ws2fix_hjt_o10 *o = &log->o10[i];
		ws2fix__json_object_begin(j);
		ws2fix__json_kv_uint(j, "line", o->line);
		ws2fix__json_kv_string(j, "kind", ws2fix_hjt_o10_kind_name(o->kind));
		ws2fix__json_kv_string(j, "text", o->text);
		ws2fix__json_kv_string(j, "path", o->path);
		ws2fix__json_kv_string(j, "name", o->name);
		if (o->kind == WS2FIX_HJT_O10_CHAIN_GAP) {
			ws2fix__json_kv_uint(j, "gap_index", o->gap_index);
			ws2fix__json_kv_uint(j, "gap_total", o->gap_total);
		}
		ws2fix__json_object_end(j);
	}
	ws2fix__json_array_end(j);
	ws2fix__json_object_end(j);
}

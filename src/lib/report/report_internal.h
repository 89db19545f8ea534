/* SPDX-License-Identifier: MIT */
/* The JSON members the session's documents are made of (library internal). */
#ifndef WS2FIX_REPORT_INTERNAL_H
#define WS2FIX_REPORT_INTERNAL_H

#include "../../util/buf.h"
#include "../../util/json.h"
#include "ws2fix/dllprobe.h"
#include "ws2fix/events.h"
#include "ws2fix/hijackthis.h"
#include "ws2fix/report.h"

/** "catalogs": every view of both catalogs; @p ev (live, may be NULL) says who installed each LSP. */
void ws2fix__report_json_catalogs(ws2fix_json *j, const ws2fix_catalog *cat, const ws2fix_lsp_events *ev);

/** "app_catalog": the programs excluded from LSPs (null when it cannot be read).  Nothing for NULL. */
void ws2fix__report_json_app_catalog(ws2fix_json *j, ws2fix_registry *reg);

/** "hijackthis": the log's header and O10 lines. */
void ws2fix__report_json_hijackthis(ws2fix_json *j, const ws2fix_hjt_log *log);

/** The members of "source" (the caller closes the object; ws2fix_report_json_source). */
void ws2fix__report_json_source_members(ws2fix_json *j, ws2fix_registry *reg, ws2fix_lang lang);

/** "os", with "conflict" when --os contradicts the source (@p conflict, may be NULL). */
void ws2fix__report_json_os_with(ws2fix_json *j, const ws2fix_osinfo *os, const char *conflict);

/** "windows_dir": the folder DLLs are checked in, and whether it was used. */
void ws2fix__report_json_windows_dir(ws2fix_json *j, const ws2fix_windows_dir *w);

/** "cause": the likely cause (verdict, summary, layered providers, excluded programs, steps). */
void ws2fix__report_json_cause(ws2fix_json *j, const ws2fix_cause *c);

/** "mode" and "plan" of `repair --json`. */
void ws2fix__report_json_plan(ws2fix_json *j, const ws2fix_repair_plan *p, ws2fix_repair_mode mode);

#endif

/* SPDX-License-Identifier: MIT */
/*
 * The web page's whole interface to the library: one call that takes a file
 * in emscripten's in-memory file system and returns one JSON document with
 * what the CLI would print for it (diagnose --json, repair --json, and the
 * bytes of repair --fix-file).  Everything the page shows comes from these
 * documents, so the page and the CLI cannot disagree: there is no second
 * implementation here, only the session API (include/ws2fix/session.h).
 *
 * The document:
 *   {"input_kind": "reg"|"netsh"|"hijackthis"|"hive"|"none",
 *    ("hive": a registry hive file, which only the program can read)
 *    "exit": 0|1|2,                  the CLI's exit code for `diagnose`
 *    "diagnosis": {...} | null,      `ws2fix diagnose --json`
 *    "plan": {...} | null,           `ws2fix repair --json` (dry run)
 *    "graph": {...} | null,          the chains as a graph (ws2fix_report_chains_json),
 *                                    the entries the plan removes marked
 *    "fix_file_base64": "..." | null, the .reg `repair --fix-file` writes
 *                              (its header names the dropped file), only
 *                              where it fixes every error,
 *    "fix_cmd_base64": "...", the .cmd beside it, and "fix_name": the two
 *                              files' name without its extension
 *    "explain": {...},               `ws2fix explain --json` of the text,
 *                                    only when it is no catalog (input_kind
 *                                    "none"): an error message, a code, an
 *                                    O10 line, a pasted block
 *    "error": {"code", "message", "stage"} | null}
 * The fix file is base64, not text: it is UTF-16LE with a BOM, and the page
 * must hand over exactly the bytes the CLI writes.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ws2fix/errors.h"
#include "ws2fix/explain.h"
#include "ws2fix/files.h"
#include "ws2fix/i18n.h"
#include "ws2fix/repair.h"
#include "ws2fix/report.h"
#include "ws2fix/session.h"
#include "util/buf.h"
#include "util/json.h"

#ifdef __EMSCRIPTEN__
#include <emscripten/emscripten.h>
#define WEB_EXPORT EMSCRIPTEN_KEEPALIVE
#else
#define WEB_EXPORT
#endif

/* The page takes pastes and drops; a catalog export is well under a
 * megabyte, a HijackThis log a few hundred kilobytes.  Far above both, so
 * that a 10 MB paste is still read (and rejected by the parsers if it is
 * not a catalog), but a runaway input cannot exhaust the tab. */
#define WEB_MAX_INPUT (64u * 1024u * 1024u)

/* What explain reads, as `ws2fix explain -` does: people paste a message,
 * a code or a few log lines, not megabytes. */
#define WEB_MAX_EXPLAIN (1024u * 1024u)

char *ws2fix_web_run(const char *path, const char *lang, const char *name);
void ws2fix_web_free(char *doc);
const char *ws2fix_web_version(void);

static const char b64chars[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/* "key": "<base64 of the bytes>". */
static void put_base64(ws2fix_json *j, const char *key, const unsigned char *p, size_t len)
{
	ws2fix_buf b64 = WS2FIX_BUF_INIT;
	for (size_t i = 0; i < len; i += 3) {
		unsigned v = (unsigned)p[i] << 16;
		if (i + 1 < len)
			v |= (unsigned)p[i + 1] << 8;
		if (i + 2 < len)
			v |= p[i + 2];
		char q[4] = {b64chars[(v >> 18) & 63], b64chars[(v >> 12) & 63],
			i + 1 < len ? b64chars[(v >> 6) & 63] : '=', i + 2 < len ? b64chars[v & 63] : '='};
		ws2fix__buf_put(&b64, q, 4);
	}
	ws2fix__json_kv_string(j, key, ws2fix__buf_cstr(&b64));
	ws2fix__buf_free(&b64);
}

/* "key": <a document made by the library, or null>. */
static void put_raw(ws2fix_json *j, const char *key, const char *raw)
{
	ws2fix__json_key(j, key);
	ws2fix__json_raw(j, raw);
}

/* stage: where it failed, for the page to pick its words ("read", "detect",
 * "open", "diagnose", "plan", "fix_file"). */
static void put_error(ws2fix_json *j, int code, const char *stage, const char *message)
{
	ws2fix__json_key(j, "error");
	ws2fix__json_object_begin(j);
	ws2fix__json_kv_string(j, "code", ws2fix_code_name(code));
	ws2fix__json_kv_string(j, "stage", stage);
	ws2fix__json_kv_string(j, "message", message && *message ? message : ws2fix_code_name(code));
	ws2fix__json_object_end(j);
}

/* Text that is no catalog: `explain --json` of it, when it is text at all
 * and explain finds something ("explain": {...}); nothing otherwise. */
static void put_explain(ws2fix_json *j, const unsigned char *data, size_t len, ws2fix_lang lang)
{
	char *query = NULL, *doc = NULL;
	ws2fix_explain_result *r = NULL;
	if (len == 0 || len > WEB_MAX_EXPLAIN || ws2fix_explain_query_from_bytes(&query, data, len) < 0)
		return;
	if (ws2fix_explain(&r, query, lang) == 0 && r->count > 0 &&
	    ws2fix_explain_result_json(&doc, r, WS2FIX_EXPLAIN_OS_ANY) == 0)
		put_raw(j, "explain", doc);
	free(doc);
	ws2fix_explain_result_free(r);
	free(query);
	ws2fix_error_clear();
}

/* A UTF-16 big-endian file (a BOM FE FF) is not read by any parser: open
 * it as the .reg export it most likely is, so the page gives the CLI's
 * message ("UTF-16 big-endian is not a .reg encoding ..."). */
static int utf16be(const unsigned char *data, size_t len)
{
	return len >= 2 && data[0] == 0xFE && data[1] == 0xFF;
}

WEB_EXPORT const char *ws2fix_web_version(void)
{
	return WS2FIX_VERSION_STRING;
}

/* The fix file's names, from the dropped file's (or "winsock2" for a paste). */
static void fix_names(ws2fix_buf *base, const char *name)
{
	const char *n = name && *name ? name : "winsock2";
	const char *dot = strrchr(n, '.');
	ws2fix__buf_put(base, n, dot && dot != n ? (size_t)(dot - n) : strlen(n));
	ws2fix__buf_puts(base, "-ws2fix-fix");
}

/* What one run reads and makes, freed in one place. */
typedef struct web_run {
	ws2fix_json j;
	ws2fix_lang lang;
	const char *path, *name;
	ws2fix_session *s;
	ws2fix_diagnosis *d;
	ws2fix_repair_plan *plan;
} web_run;

/* The input's kind, or an answer for what cannot be diagnosed here (a
 * hive, or text that is no catalog: explain's answer).
 * @return the kind; WS2FIX_SOURCE_NONE when the document is finished */
static ws2fix_source_kind detect(web_run *w)
{
	unsigned char *data = NULL;
	size_t len = 0;
	int rc = ws2fix_file_read(&data, &len, w->path, WEB_MAX_INPUT);
	if (rc < 0) {
		ws2fix__json_kv_string(&w->j, "input_kind", "none");
		ws2fix__json_kv_int(&w->j, "exit", 2);
		put_error(&w->j, rc, "read", NULL);
		return WS2FIX_SOURCE_NONE;
	}
	ws2fix_source_kind kind = ws2fix_source_detect(data, len);
	if (kind == WS2FIX_SOURCE_NONE && utf16be(data, len))
		kind = WS2FIX_SOURCE_REG;
	ws2fix__json_kv_string(&w->j, "input_kind", ws2fix_source_kind_name(kind));
	if (kind == WS2FIX_SOURCE_HIVE) {
		/* What people often have: say that it needs the program rather
		 * than that it is not recognised. */
		ws2fix__json_kv_int(&w->j, "exit", 2);
		put_error(&w->j, WS2FIX_ENOTBUILT, "detect",
			"a registry hive: hives need the ws2fix program (hivex is not available in the browser)");
		kind = WS2FIX_SOURCE_NONE;
	} else if (kind == WS2FIX_SOURCE_NONE) {
		ws2fix__json_kv_int(&w->j, "exit", 2);
		put_explain(&w->j, data, len, w->lang);
		put_error(&w->j, WS2FIX_EINVALID, "detect",
			"not a .reg export, a netsh winsock show catalog listing or a HijackThis log");
	}
	free(data);
	return kind;
}

/* Open and diagnose: "exit" and "diagnosis".  @return 0 to go on */
static int diagnose(web_run *w, ws2fix_source_kind kind)
{
	ws2fix_session_options opts = WS2FIX_SESSION_OPTIONS_INIT;
	opts.lang = w->lang;
	opts.kind = kind;
	opts.path = w->path;
	ws2fix_session_failure failed = WS2FIX_SESSION_OK;
	const char *stage = "open";
	char *doc = NULL;
	int rc = ws2fix_session_open(&w->s, &opts, &failed);
	if (rc == 0) {
		stage = "diagnose";
		rc = ws2fix_session_diagnose(&w->d, w->s);
	}
	if (rc == 0)
		rc = ws2fix_session_diagnose_json(&doc, w->s, w->d, 0);
	if (rc < 0) {
		ws2fix__json_kv_int(&w->j, "exit", 2);
		put_error(&w->j, rc, stage, ws2fix_error_last()->message);
		return rc;
	}
	ws2fix__json_kv_int(&w->j, "exit", ws2fix_diagnosis_exit_code(w->d));
	put_raw(&w->j, "diagnosis", doc);
	free(doc);
	return 0;
}

/* The plan: built from the whole catalog for a full source; for a partial
 * one (netsh text, a HijackThis log) the document lists what to run on
 * that machine and there is no fix file.  @return 0 to go on */
static int plan(web_run *w)
{
	char *doc = NULL;
	int rc = 0;
	if (!ws2fix_session_is_partial(w->s))
		rc = ws2fix_session_plan(&w->plan, w->s, w->d, WS2FIX_REPAIR_SURGICAL, NULL);
	if (rc == 0)
		rc = ws2fix_session_plan_json(&doc, w->s, w->d, w->plan, WS2FIX_REPAIR_SURGICAL, 0);
	if (rc < 0) {
		put_raw(&w->j, "plan", NULL);
		put_raw(&w->j, "fix_file_base64", NULL);
		put_error(&w->j, rc, "plan", ws2fix_error_last()->message);
		return rc;
	}
	put_raw(&w->j, "plan", doc);
	free(doc);
	/* The chains as a graph (the page lays it out): what the plan removes
	 * is marked.  None for a HijackThis log (no catalog). */
	doc = NULL;
	const ws2fix_catalog *cat = ws2fix_session_catalog(w->s);
	if (cat && ws2fix_report_chains_json(&doc, cat, w->d, w->plan, w->lang) == 0)
		put_raw(&w->j, "graph", doc);
	else
		put_raw(&w->j, "graph", NULL);
	free(doc);
	ws2fix_error_clear();
	return 0;
}

/* The CLI's rule: a fix file only where it fixes something and leaves no
 * error behind, with its header and its .cmd.  @return 0 to go on */
static int fix_file(web_run *w)
{
	if (!w->plan || w->plan->op_count == 0 || w->plan->unfixed_count) {
		put_raw(&w->j, "fix_file_base64", NULL);
		return 0;
	}
	ws2fix_buf base = WS2FIX_BUF_INIT, reg = WS2FIX_BUF_INIT, cmd = WS2FIX_BUF_INIT;
	fix_names(&base, w->name);
	ws2fix__buf_printf(&reg, "%s.reg", ws2fix__buf_cstr(&base));
	ws2fix__buf_printf(&cmd, "%s.cmd", ws2fix__buf_cstr(&base));
	ws2fix_fix_file fix = {NULL, 0, NULL, 0};
	int rc = ws2fix_session_fix_file(&fix, w->s, w->plan, WS2FIX_VERSION_STRING, w->name && *w->name ? w->name : NULL,
		ws2fix__buf_cstr(&reg), ws2fix__buf_cstr(&cmd));
	if (rc == 0) {
		put_base64(&w->j, "fix_file_base64", fix.reg, fix.reg_len);
		put_base64(&w->j, "fix_cmd_base64", (const unsigned char *)fix.cmd, fix.cmd_len);
		ws2fix__json_kv_string(&w->j, "fix_name", ws2fix__buf_cstr(&base));
	} else {
		put_raw(&w->j, "fix_file_base64", NULL);
		put_error(&w->j, rc, "fix_file", ws2fix_error_last()->message);
	}
	ws2fix_fix_file_clear(&fix);
	ws2fix__buf_free(&base);
	ws2fix__buf_free(&reg);
	ws2fix__buf_free(&cmd);
	return rc;
}

WEB_EXPORT char *ws2fix_web_run(const char *path, const char *lang, const char *name)
{
	ws2fix_buf b = WS2FIX_BUF_INIT;
	web_run w;
	memset(&w, 0, sizeof(w));
	ws2fix__json_init(&w.j, &b, 0);
	w.path = path;
	w.name = name;
	w.lang = WS2FIX_LANG_EN;
	if (lang && ws2fix_lang_parse(&w.lang, lang) < 0)
		w.lang = WS2FIX_LANG_EN;

	ws2fix_error_clear();
	ws2fix__json_object_begin(&w.j);
	ws2fix_source_kind kind = detect(&w);
	if (kind != WS2FIX_SOURCE_NONE && diagnose(&w, kind) == 0 && plan(&w) == 0 && fix_file(&w) == 0)
		put_raw(&w.j, "error", NULL);
	ws2fix__json_object_end(&w.j);
	ws2fix_repair_plan_free(w.plan);
	ws2fix_diagnosis_free(w.d);
	ws2fix_session_free(w.s);
	if (ws2fix__buf_oom(&b)) {
		ws2fix__buf_free(&b);
		/* Static text, copied so that ws2fix_web_free can free it. */
		static const char oom[] =
			"{\"input_kind\":\"none\",\"exit\":2,\"error\":{\"code\":\"ENOMEM\",\"stage\":\"read\",\"message\":\"out of memory\"}}";
		char *p = malloc(sizeof oom);
		if (p)
			memcpy(p, oom, sizeof oom);
		return p;
	}
	return ws2fix__buf_detach(&b);
}

WEB_EXPORT void ws2fix_web_free(char *doc)
{
	free(doc);
}

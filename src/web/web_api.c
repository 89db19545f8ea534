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

static void put_base64(ws2fix_buf *b, const unsigned char *p, size_t len)
{
	ws2fix__buf_putc(b, '"');
	for (size_t i = 0; i < len; i += 3) {
		unsigned v = (unsigned)p[i] << 16;
		if (i + 1 < len)
			v |= (unsigned)p[i + 1] << 8;
		if (i + 2 < len)
			v |= p[i + 2];
		char q[4] = {b64chars[(v >> 18) & 63], b64chars[(v >> 12) & 63],
			i + 1 < len ? b64chars[(v >> 6) & 63] : '=', i + 2 < len ? b64chars[v & 63] : '='};
		ws2fix__buf_put(b, q, 4);
	}
	ws2fix__buf_putc(b, '"');
}

/* "key": <raw JSON or null>, with the comma before it. */
static void put_raw(ws2fix_buf *b, const char *key, const char *raw)
{
	ws2fix__buf_printf(b, ",\"%s\":", key);
	if (!raw) {
		ws2fix__buf_puts(b, "null");
		return;
	}
	/* The library's documents end with a newline: drop it. */
	size_t n = strlen(raw);
	while (n && (raw[n - 1] == '\n' || raw[n - 1] == '\r'))
		n--;
	ws2fix__buf_put(b, raw, n);
}

/* stage: where it failed, for the page to pick its words ("read", "detect",
 * "open", "diagnose", "plan", "fix_file"). */
static void put_error(ws2fix_buf *b, int code, const char *stage, const char *message)
{
	ws2fix__buf_puts(b, ",\"error\":{\"code\":");
	ws2fix__json_quote(b, ws2fix_code_name(code));
	ws2fix__buf_puts(b, ",\"stage\":");
	ws2fix__json_quote(b, stage);
	ws2fix__buf_puts(b, ",\"message\":");
	ws2fix__json_quote(b, message && *message ? message : ws2fix_code_name(code));
	ws2fix__buf_puts(b, "}");
}

/* Text that is no catalog: `explain --json` of it, when it is text at all
 * and explain finds something (,"explain":{...}); nothing otherwise. */
static void put_explain(ws2fix_buf *b, const unsigned char *data, size_t len, ws2fix_lang lang)
{
	char *query = NULL, *doc = NULL;
	ws2fix_explain_result *r = NULL;
	if (len == 0 || len > WEB_MAX_EXPLAIN || ws2fix_explain_query_from_bytes(&query, data, len) < 0)
		return;
	if (ws2fix_explain(&r, query, lang) == 0 && r->count > 0 &&
	    ws2fix_explain_result_json(&doc, r, WS2FIX_EXPLAIN_OS_ANY) == 0)
		put_raw(b, "explain", doc);
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

WEB_EXPORT char *ws2fix_web_run(const char *path, const char *lang, const char *name)
{
	ws2fix_buf b = WS2FIX_BUF_INIT;
	ws2fix_lang lg = WS2FIX_LANG_EN;
	if (lang && ws2fix_lang_parse(&lg, lang) < 0)
		lg = WS2FIX_LANG_EN;

	unsigned char *data = NULL;
	size_t len = 0;
	ws2fix_session *s = NULL;
	ws2fix_diagnosis *d = NULL;
	ws2fix_repair_plan *plan = NULL;
	char *diag_json = NULL, *plan_json = NULL;
	ws2fix_fix_file fix = {NULL, 0, NULL, 0};
	int exit_code = 2;

	ws2fix_error_clear();
	int rc = ws2fix_file_read(&data, &len, path, WEB_MAX_INPUT);
	if (rc < 0) {
		ws2fix__buf_puts(&b, "{\"input_kind\":\"none\",\"exit\":2");
		put_error(&b, rc, "read", NULL);
		goto done;
	}
	ws2fix_source_kind kind = ws2fix_source_detect(data, len);
	if (kind == WS2FIX_SOURCE_NONE && utf16be(data, len))
		kind = WS2FIX_SOURCE_REG;
	/* A registry hive file is what people often have; say that it needs
	 * the program rather than that it is not recognised. */
	int hive = kind == WS2FIX_SOURCE_HIVE;
	ws2fix__buf_puts(&b, "{\"input_kind\":");
	ws2fix__json_quote(&b, ws2fix_source_kind_name(kind));
	if (hive) {
		ws2fix__buf_puts(&b, ",\"exit\":2");
		put_error(&b, WS2FIX_ENOTBUILT, "detect",
			"a registry hive: hives need the ws2fix program (hivex is not available in the browser)");
		goto done;
	}
	if (kind == WS2FIX_SOURCE_NONE) {
		ws2fix__buf_puts(&b, ",\"exit\":2");
		put_explain(&b, data, len, lg);
		put_error(&b, WS2FIX_EINVALID, "detect",
			"not a .reg export, a netsh winsock show catalog listing or a HijackThis log");
		goto done;
	}
	free(data);
	data = NULL;

	ws2fix_session_options opts = WS2FIX_SESSION_OPTIONS_INIT;
	opts.lang = lg;
	opts.kind = kind;
	opts.path = path;
	ws2fix_session_failure failed = WS2FIX_SESSION_OK;
	rc = ws2fix_session_open(&s, &opts, &failed);
	if (rc < 0) {
		ws2fix__buf_puts(&b, ",\"exit\":2");
		put_error(&b, rc, "open", ws2fix_error_last()->message);
		goto done;
	}
	rc = ws2fix_session_diagnose(&d, s);
	if (rc < 0) {
		ws2fix__buf_puts(&b, ",\"exit\":2");
		put_error(&b, rc, "diagnose", ws2fix_error_last()->message);
		goto done;
	}
	exit_code = ws2fix_diagnosis_exit_code(d);
	rc = ws2fix_session_diagnose_json(&diag_json, s, d, 0);
	if (rc < 0) {
		ws2fix__buf_puts(&b, ",\"exit\":2");
		put_error(&b, rc, "diagnose", ws2fix_error_last()->message);
		goto done;
	}
	ws2fix__buf_printf(&b, ",\"exit\":%d", exit_code);
	put_raw(&b, "diagnosis", diag_json);

	/* The plan: built from the whole catalog for a full source; for a
	 * partial one (netsh text, a HijackThis log) the document lists what
	 * to run on that machine and there is no fix file. */
	if (!ws2fix_session_is_partial(s)) {
		rc = ws2fix_session_plan(&plan, s, d, WS2FIX_REPAIR_SURGICAL, NULL);
		if (rc < 0) {
			put_raw(&b, "plan", NULL);
			put_raw(&b, "fix_file_base64", NULL);
			put_error(&b, rc, "plan", ws2fix_error_last()->message);
			goto done;
		}
	}
	rc = ws2fix_session_plan_json(&plan_json, s, d, plan, WS2FIX_REPAIR_SURGICAL, 0);
	if (rc < 0) {
		put_raw(&b, "plan", NULL);
		put_raw(&b, "fix_file_base64", NULL);
		put_error(&b, rc, "plan", ws2fix_error_last()->message);
		goto done;
	}
	put_raw(&b, "plan", plan_json);
	/* The CLI's rule: a fix file only where it fixes something and
	 * leaves no error behind, with its header and its .cmd. */
	if (plan && plan->op_count > 0 && plan->unfixed_count == 0) {
		ws2fix_buf base = WS2FIX_BUF_INIT, reg = WS2FIX_BUF_INIT, cmd = WS2FIX_BUF_INIT;
		fix_names(&base, name);
		ws2fix__buf_printf(&reg, "%s.reg", ws2fix__buf_cstr(&base));
		ws2fix__buf_printf(&cmd, "%s.cmd", ws2fix__buf_cstr(&base));
		rc = ws2fix_session_fix_file(&fix, s, plan, WS2FIX_VERSION_STRING, name && *name ? name : NULL,
			ws2fix__buf_cstr(&reg), ws2fix__buf_cstr(&cmd));
		if (rc == 0) {
			ws2fix__buf_puts(&b, ",\"fix_file_base64\":");
			put_base64(&b, fix.reg, fix.reg_len);
			ws2fix__buf_puts(&b, ",\"fix_cmd_base64\":");
			put_base64(&b, (const unsigned char *)fix.cmd, fix.cmd_len);
			ws2fix__buf_puts(&b, ",\"fix_name\":");
			ws2fix__json_quote(&b, ws2fix__buf_cstr(&base));
		}
		ws2fix__buf_free(&base);
		ws2fix__buf_free(&reg);
		ws2fix__buf_free(&cmd);
		if (rc < 0) {
			put_raw(&b, "fix_file_base64", NULL);
			put_error(&b, rc, "fix_file", ws2fix_error_last()->message);
			goto done;
		}
	} else {
		put_raw(&b, "fix_file_base64", NULL);
	}
	ws2fix__buf_puts(&b, ",\"error\":null");

done:
	ws2fix__buf_puts(&b, "}");
	free(data);
	ws2fix_fix_file_clear(&fix);
	free(diag_json);
	free(plan_json);
	ws2fix_repair_plan_free(plan);
	ws2fix_diagnosis_free(d);
	ws2fix_session_free(s);
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

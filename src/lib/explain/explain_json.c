/* SPDX-License-Identifier: MIT */
/*
 * The explain document (`ws2fix explain --json`, docs/cli/explain.md),
 * built once here for every front end: the CLI prints it, the web page
 * shows it when the text it was given is no catalog.
 */
#include <stdlib.h>

#include "ws2fix/errors.h"
#include "ws2fix/explain.h"
#include "../errors_internal.h"
#include "../../util/buf.h"
#include "../../util/json.h"

int ws2fix_explain_step_applies(const ws2fix_explain_step *step, ws2fix_explain_os only)
{
	return only == WS2FIX_EXPLAIN_OS_ANY || step->os == WS2FIX_EXPLAIN_OS_ANY || step->os == only;
}

static void put_match(ws2fix_json *j, const ws2fix_explain_match *m, ws2fix_explain_os only)
{
	ws2fix__json_object_begin(j);
	ws2fix__json_kv_string(j, "symptom", m->symptom);
	ws2fix__json_key(j, "score");
	/* Two decimals: the score ranks, it does not measure. */
	ws2fix__json_double(j, (double)(long)(m->score * 100.0 + 0.5) / 100.0);
	ws2fix__json_kv_string(j, "language", ws2fix_lang_code(m->language));
	ws2fix__json_key(j, "error_code");
	if (m->error_code == WS2FIX_EXPLAIN_NO_CODE)
		ws2fix__json_null(j);
	else
		ws2fix__json_int(j, m->error_code);
	ws2fix__json_kv_string(j, "error_name", m->error_name);
	ws2fix__json_kv_bool(j, "winsock_related", m->winsock_related);
	ws2fix__json_kv_string(j, "verdict", ws2fix_explain_verdict_id(m->verdict));
	ws2fix__json_key(j, "evidence");
	ws2fix__json_array_begin(j);
	for (size_t k = 0; k < m->evidence_count; k++)
		ws2fix__json_string(j, m->evidence[k]);
	ws2fix__json_array_end(j);
	ws2fix__json_kv_string(j, "meaning", m->meaning);
	ws2fix__json_kv_string(j, "cause", m->cause);
	ws2fix__json_key(j, "steps");
	ws2fix__json_array_begin(j);
	for (size_t k = 0; k < m->step_count; k++) {
		if (!ws2fix_explain_step_applies(&m->steps[k], only))
			continue;
		ws2fix__json_object_begin(j);
		ws2fix__json_kv_string(j, "os", m->steps[k].os_id);
		ws2fix__json_kv_string(j, "text", m->steps[k].text);
		ws2fix__json_kv_string(j, "command", m->steps[k].command);
		ws2fix__json_object_end(j);
	}
	ws2fix__json_array_end(j);
	ws2fix__json_object_end(j);
}

int ws2fix_explain_result_json(char **out, const ws2fix_explain_result *r, ws2fix_explain_os only)
{
	ws2fix_buf b = WS2FIX_BUF_INIT;
	ws2fix_json j;
	if (!out || !r)
		return ws2fix__fail(WS2FIX_EINVALID, WS2FIX_ERRCLASS_INVALID, "no result");
	*out = NULL;
	ws2fix__json_init(&j, &b, 1);
	ws2fix__json_object_begin(&j);
	ws2fix__json_kv_string(&j, "query", r->query);
	ws2fix__json_key(&j, "matches");
	ws2fix__json_array_begin(&j);
	for (size_t i = 0; i < r->count; i++)
		put_match(&j, &r->matches[i], only);
	ws2fix__json_array_end(&j);
	ws2fix__json_object_end(&j);
	ws2fix__buf_putc(&b, '\n');
	*out = ws2fix__buf_detach(&b);
	if (!*out)
		return ws2fix__oom();
	return 0;
}

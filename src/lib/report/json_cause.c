/* SPDX-License-Identifier: MIT */
/* "cause" of the diagnose document (docs/schema/diagnose.schema.json). */
#include "report_internal.h"

static void json_provider(ws2fix_json *j, const ws2fix_cause_provider *p)
{
	ws2fix__json_object_begin(j);
	ws2fix__json_kv_string(j, "name", p->name);
	ws2fix__json_kv_string(j, "path", p->path);
	ws2fix__json_kv_string(j, "vendor", p->vendor);
	ws2fix__json_kv_string(j, "product", p->product);
	ws2fix__json_kv_string(j, "category", p->category);
	ws2fix__json_kv_bool(j, "ifs", p->ifs);
	ws2fix__json_kv_bool(j, "managed", p->managed);
	ws2fix__json_kv_bool(j, "reregisters", p->reregisters);
	ws2fix__json_key(j, "views");
	ws2fix__json_array_begin(j);
	if (p->views & 1u)
		ws2fix__json_int(j, 32);
	if (p->views & 2u)
		ws2fix__json_int(j, 64);
	ws2fix__json_array_end(j);
	ws2fix__json_object_end(j);
}

void ws2fix__report_json_cause(ws2fix_json *j, const ws2fix_cause *c)
{
	ws2fix__json_key(j, "cause");
	ws2fix__json_object_begin(j);
	ws2fix__json_kv_string(j, "verdict", ws2fix_cause_verdict_id(c->verdict));
	ws2fix__json_kv_string(j, "summary", c->summary);
	ws2fix__json_key(j, "layered_providers");
	ws2fix__json_array_begin(j);
	for (size_t i = 0; i < c->provider_count; i++)
		json_provider(j, &c->providers[i]);
	ws2fix__json_array_end(j);
	ws2fix__json_key(j, "excluded_programs");
	if (c->excluded_known) {
		ws2fix__json_array_begin(j);
		for (size_t i = 0; i < c->excluded_count; i++)
			ws2fix__json_string(j, c->excluded[i]);
		ws2fix__json_array_end(j);
	} else {
		ws2fix__json_null(j);
	}
	ws2fix__json_key(j, "steps");
	ws2fix__json_array_begin(j);
	for (size_t i = 0; i < c->step_count; i++)
		ws2fix__json_string(j, c->steps[i]);
	ws2fix__json_array_end(j);
	ws2fix__json_object_end(j);
}

/* SPDX-License-Identifier: MIT */
/* BASE_PROVIDER_MISSING: the Microsoft base providers the detected Windows
 * version always has (baselines.c, built from the real hives). */
#include <string.h>

#include "diag_internal.h"
#include "ws2fix/providers.h"

void ws2fix__diag_check_baselines(diag_ctx *c)
{
	const ws2fix_osinfo *os = c->o->os;
	if (!os || os->family == WS2FIX_OS_UNKNOWN) {
		ws2fix__diag_skip(c, MSG_SKIP_BASELINE_UNKNOWN_OS);
		return;
	}
	size_t n = 0;
	const ws2fix_baseline_protocol *rows = ws2fix_baseline_protocols(os->family, &n);
	for (int vi = 0; vi < 2; vi++) {
		const ws2fix_protocol_view *pv = &c->cat->protocol[vi];
		if (!pv->info.present || pv->info.count == 0)
			continue;
		for (size_t r = 0; r < n; r++) {
			if (!ws2fix_baseline_protocol_required(&rows[r], os))
				continue;
			int found = 0;
			for (size_t i = 0; i < pv->info.count && !found; i++)
				found = pv->entries[i].has_item &&
					ws2fix_baseline_protocol_matches(&rows[r], &pv->entries[i].item);
			if (found)
				continue;
			diag_evidence ev = DIAG_EVIDENCE_INIT;
			ev.view = vi;
			ev.key = pv->info.key;
			ev.provider = rows[r].what;
			ws2fix__diag_add(c, WS2FIX_F_BASE_PROVIDER_MISSING, &ev, MSG_F_BASE_PROVIDER_MISSING, ws2fix_view_name((enum ws2fix_view)vi), rows[r].what,
				rows[r].address_family, rows[r].socket_type, rows[r].protocol,
				os->name[0] ? os->name : os->id);
		}
	}
}

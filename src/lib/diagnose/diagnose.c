/* SPDX-License-Identifier: MIT */
/* ws2fix_diagnose(): runs every check in a fixed order. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag_internal.h"
#include "ws2fix/errors.h"
#include "../errors_internal.h"
#include "../../util/buf.h"

/* What the source can show: a catalog without its registry (netsh text)
 * shows no keys, counters or values, so the registry-only checks skip. */
int ws2fix__diag_no_registry(const diag_ctx *c)
{
	return c->o->no_registry || !c->reg;
}

static void missing(diag_ctx *c, const char *catalog, int view, const char *key)
{
	diag_evidence ev = DIAG_EVIDENCE_INIT;
	ev.catalog = catalog;
	ev.view = view;
	ev.key = key;
	ws2fix__diag_add(c, WS2FIX_F_CATALOG_MISSING, &ev, MSG_F_CATALOG_MISSING_KEY, key);
}

/* A 64-bit catalog is expected where anything says the system is x64:
 * the detected architecture, a Num_Catalog_Entries64 counter, or the
 * other catalog's 64-bit view. */
static int expects_64(const diag_ctx *c)
{
	const ws2fix_catalog *cat = c->cat;
	if (c->o->os && (!strcmp(c->o->os->arch, "x64") || !strcmp(c->o->os->arch, "arm64")))
		return 1;
	return cat->protocol[WS2FIX_VIEW_64].info.present || cat->protocol[WS2FIX_VIEW_64].info.has_declared_count ||
		cat->namespaces[WS2FIX_VIEW_64].info.present || cat->namespaces[WS2FIX_VIEW_64].info.has_declared_count;
}

/* Returns 1 when the catalog keys exist well enough to check entries. */
static int check_keys(diag_ctx *c)
{
	const ws2fix_catalog *cat = c->cat;
	ws2fix_buf k = WS2FIX_BUF_INIT;
	int ok = 1;
	if (!cat->winsock2_present || !cat->parameters_present) {
		/* parameters_path is "<cs>\Services\WinSock2\Parameters". */
		const char *p = cat->parameters_path;
		size_t n = strlen(p);
		if (!cat->winsock2_present && n > 11)
			ws2fix__buf_put(&k, p, n - 11);
		else
			ws2fix__buf_puts(&k, p);
		missing(c, "protocol", -1, ws2fix__buf_cstr(&k));
		ws2fix__buf_free(&k);
		return 0;
	}
	if (!cat->protocol_catalog_present) {
		ws2fix__buf_printf(&k, "%s\\%s", cat->parameters_path, cat->protocol_catalog_name);
		missing(c, "protocol", -1, ws2fix__buf_cstr(&k));
		ok = 0;
	} else {
		if (!cat->protocol[WS2FIX_VIEW_32].info.present) {
			ws2fix__buf_printf(&k, "%s\\%s", cat->parameters_path, cat->protocol[WS2FIX_VIEW_32].info.key);
			missing(c, "protocol", WS2FIX_VIEW_32, ws2fix__buf_cstr(&k));
		}
		if (!cat->protocol[WS2FIX_VIEW_64].info.present && expects_64(c)) {
			ws2fix__buf_free(&k);
			ws2fix__buf_printf(&k, "%s\\%s", cat->parameters_path, cat->protocol[WS2FIX_VIEW_64].info.key);
			missing(c, "protocol", WS2FIX_VIEW_64, ws2fix__buf_cstr(&k));
		}
	}
	ws2fix__buf_free(&k);
	if (!cat->namespace_catalog_present) {
		ws2fix__buf_printf(&k, "%s\\%s", cat->parameters_path, cat->namespace_catalog_name);
		missing(c, "namespace", -1, ws2fix__buf_cstr(&k));
	} else {
		if (!cat->namespaces[WS2FIX_VIEW_32].info.present) {
			ws2fix__buf_printf(&k, "%s\\%s", cat->parameters_path, cat->namespaces[WS2FIX_VIEW_32].info.key);
			missing(c, "namespace", WS2FIX_VIEW_32, ws2fix__buf_cstr(&k));
		}
		if (!cat->namespaces[WS2FIX_VIEW_64].info.present && expects_64(c)) {
			ws2fix__buf_free(&k);
			ws2fix__buf_printf(&k, "%s\\%s", cat->parameters_path, cat->namespaces[WS2FIX_VIEW_64].info.key);
			missing(c, "namespace", WS2FIX_VIEW_64, ws2fix__buf_cstr(&k));
		}
	}
	ws2fix__buf_free(&k);
	return ok;
}

int ws2fix_diagnose(ws2fix_diagnosis **out, ws2fix_registry *reg, const ws2fix_catalog *cat,
	const ws2fix_diagnose_options *opts)
{
	*out = NULL;
	ws2fix_diagnose_options defaults = WS2FIX_DIAGNOSE_OPTIONS_INIT;
	if (!opts)
		opts = &defaults;
	if (opts->version != WS2FIX_DIAGNOSE_OPTIONS_VERSION)
		return ws2fix__fail(WS2FIX_EINVALID, WS2FIX_ERRCLASS_INVALID, "diagnose options have an unknown version");
	if (!cat)
		return ws2fix__fail(WS2FIX_EINVALID, WS2FIX_ERRCLASS_INVALID, "no catalog to diagnose");
	diag_ctx c;
	memset(&c, 0, sizeof(c));
	c.o = opts;
	c.reg = reg;
	c.cat = cat;
	c.d = calloc(1, sizeof(*c.d));
	if (!c.d)
		return ws2fix__oom();

	const ws2fix_hive_recovery *rec = reg ? ws2fix_registry_hive_recovery(reg) : NULL;
	if (reg && (ws2fix_registry_is_dirty(reg) || (rec && rec->recovered))) {
		diag_evidence ev = DIAG_EVIDENCE_INIT;
		ev.catalog = "source";
		ev.path = ws2fix_registry_path(reg);
		char *why = NULL;
		if (rec && ws2fix_hive_recovery_text(&why, rec, 1, opts->lang) < 0) {
			ws2fix_diagnosis_free(c.d);
			return WS2FIX_ENOMEM;
		}
		if (rec && rec->recovered)
			ws2fix__diag_add(&c, WS2FIX_F_SOURCE_RECOVERED, &ev, MSG_F_SOURCE_RECOVERED, why);
		else
			ws2fix__diag_add(&c, WS2FIX_F_SOURCE_DIRTY, &ev, MSG_F_SOURCE_DIRTY,
				why && *why ? why : "-");
		free(why);
	}
	if (opts->os_conflict) {
		diag_evidence ev = DIAG_EVIDENCE_INIT;
		ev.catalog = "source";
		ws2fix__diag_add(&c, WS2FIX_F_OS_OVERRIDE_CONFLICT, &ev, MSG_F_OS_OVERRIDE_CONFLICT, opts->os_conflict);
	}
	int netsh = ws2fix__diag_no_registry(&c);
	if (netsh)
		ws2fix__diag_skip(&c, MSG_SKIP_NO_REGISTRY);
	if (netsh || check_keys(&c)) {
		ws2fix__diag_check_protocol(&c);
		ws2fix__diag_check_baselines(&c);
	}
	if (netsh || cat->winsock2_present)
		ws2fix__diag_check_namespace(&c);
	int rc = netsh ? 0 : ws2fix__diag_check_transports(&c);
	if (rc < 0 || c.oom) {
		ws2fix_diagnosis_free(c.d);
		return rc < 0 ? rc : ws2fix__oom();
	}
	*out = c.d;
	return 0;
}

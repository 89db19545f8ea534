/* SPDX-License-Identifier: MIT */
/*
 * ws2fix show: the catalogs entry by entry, laid out like
 * `netsh winsock show catalog` (labels padded to column 36, 54 dashes), so
 * a technician who knows that listing finds the same fields in the same
 * order, plus what netsh leaves out: the registry key, provider flags,
 * chains resolved to names, and the name space provider DLL.
 */
#include <stdlib.h>
#include <string.h>

#include "ws2fix/providers.h"
#include "ws2fix/report.h"
#include "ws2fix/errors.h"
#include "ws2fix/repair.h"
#include "ws2fix/session.h"
#include "cli.h"
#include "cli_options.h"
#include "cli_source.h"
#include "hijackthis_render.h"
#include "live_info.h"

#define LABEL_WIDTH 36
#define DASHES "------------------------------------------------------"

static void label(ws2fix_buf *b, const cli_ctx *ctx, cli_msgid id)
{
	const char *s = cli_text(ctx, id);
	/* Pad by characters, not bytes, so Swedish labels align too. */
	size_t chars = 0;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if ((*p & 0xC0) != 0x80)
			chars++;
	ws2fix__buf_printf(b, "%s:", s);
	for (size_t i = chars + 1; i < LABEL_WIDTH; i++)
		ws2fix__buf_putc(b, ' ');
}

static const char *entry_name(const ws2fix_protocol_entry *e)
{
	const char *d = ws2fix_known_display_name(e->item.protocol_name);
	if (!d && e->protocol_name_value)
		d = ws2fix_known_display_name(e->protocol_name_value);
	return d ? d : e->item.protocol_name;
}

static void entry_type(ws2fix_buf *b, const cli_ctx *ctx, const ws2fix_protocol_item *it)
{
	switch (ws2fix_protocol_item_kind(it)) {
	case WS2FIX_ENTRY_BASE: ws2fix__buf_puts(b, cli_msg(ctx, MSG_SHOW_KIND_BASE)); break;
	case WS2FIX_ENTRY_LAYERED: ws2fix__buf_puts(b, cli_msg(ctx, MSG_SHOW_KIND_LAYERED)); break;
	case WS2FIX_ENTRY_CHAIN: ws2fix__buf_puts(b, cli_msg(ctx, MSG_SHOW_KIND_CHAIN)); break;
	default: ws2fix__buf_printf(b, cli_msg(ctx, MSG_SHOW_KIND_INVALID), it->chain_len); break;
	}
}

static void chain_text(ws2fix_buf *b, const cli_ctx *ctx, const ws2fix_protocol_view *pv,
	const ws2fix_protocol_item *it, int with_names)
{
	for (int i = 0; i < it->chain_len && i < WS2FIX_MAX_CHAIN_LEN; i++) {
		ws2fix__buf_printf(b, "%s%u", i ? " : " : "", it->chain[i]);
	}
	if (!with_names)
		return;
	ws2fix__buf_puts(b, "  (");
	for (int i = 0; i < it->chain_len && i < WS2FIX_MAX_CHAIN_LEN; i++) {
		const ws2fix_protocol_entry *t = ws2fix_catalog_find_id(pv, it->chain[i]);
		ws2fix__buf_printf(b, "%s%s", i ? " > " : "", t ? entry_name(t) : cli_msg(ctx, MSG_SHOW_UNKNOWN_ID));
	}
	ws2fix__buf_putc(b, ')');
}

/* "Vendor" line of a third-party provider the knowledge base names
 * (include/ws2fix/providers.def; the JSON's vendor_name and product). */
static void vendor_line(ws2fix_buf *b, const cli_ctx *ctx, const ws2fix_guid *id, const char *path)
{
	if (!id || ws2fix_provider_is_microsoft(id, path))
		return;
	const ws2fix_known_provider *kp = ws2fix_known_provider_match(path, id);
	if (!kp || (!kp->vendor && !kp->product))
		return;
	label(b, ctx, MSG_SHOW_VENDOR);
	if (kp->vendor && kp->product)
		ws2fix__buf_printf(b, "%s (%s)\n", kp->vendor, kp->product);
	else
		ws2fix__buf_printf(b, "%s\n", kp->vendor ? kp->vendor : kp->product);
}

static void show_protocol_entry(ws2fix_buf *b, const cli_ctx *ctx, const ws2fix_catalog *cat,
	enum ws2fix_view view, const ws2fix_protocol_entry *e, const ws2fix_lsp_events *ev)
{
	const ws2fix_protocol_view *pv = &cat->protocol[view];
	const ws2fix_protocol_item *it = &e->item;
	const char *suffix = view == WS2FIX_VIEW_32 && cat->protocol[WS2FIX_VIEW_64].info.present
		? cli_msg(ctx, MSG_SHOW_VIEW_SUFFIX_32) : "";
	char guid[39];

	ws2fix__buf_printf(b, "%s\n%s\n", cli_msg(ctx, MSG_SHOW_PROTO_HEADER), DASHES);
	label(b, ctx, MSG_SHOW_REGISTRY_KEY);
	ws2fix__buf_printf(b, "%s\\%s\n", pv->info.key, e->key);
	if (!e->has_item) {
		ws2fix__buf_printf(b, "%s\n\n", cli_msg(ctx, MSG_SHOW_NO_ITEM));
		return;
	}
	label(b, ctx, MSG_SHOW_ENTRY_TYPE);
	entry_type(b, ctx, it);
	ws2fix__buf_printf(b, "%s\n", suffix);
	label(b, ctx, MSG_SHOW_DESCRIPTION);
	ws2fix__buf_printf(b, "%s\n", entry_name(e));
	if (strcmp(entry_name(e), it->protocol_name) != 0) {
		label(b, ctx, MSG_SHOW_DISPLAY_NAME);
		ws2fix__buf_printf(b, "%s\n", it->protocol_name);
	}
	ws2fix_guid_format(guid, &it->provider_id);
	label(b, ctx, MSG_SHOW_PROVIDER_ID);
	ws2fix__buf_printf(b, "%s\n", guid);
	label(b, ctx, MSG_SHOW_PROVIDER_PATH);
	ws2fix__buf_printf(b, "%s\n", it->library_path);
	vendor_line(b, ctx, &it->provider_id, it->library_path);
	cli_text_installed_by(b, ctx, e, view, ev);
	label(b, ctx, MSG_SHOW_CATALOG_ID);
	ws2fix__buf_printf(b, "%u\n", it->catalog_id);
	label(b, ctx, MSG_SHOW_VERSION);
	ws2fix__buf_printf(b, "%d\n", it->version);
	label(b, ctx, MSG_SHOW_ADDRESS_FAMILY);
	ws2fix__buf_printf(b, "%d\n", it->address_family);
	label(b, ctx, MSG_SHOW_MAX_ADDR);
	ws2fix__buf_printf(b, "%d\n", it->max_sockaddr);
	label(b, ctx, MSG_SHOW_MIN_ADDR);
	ws2fix__buf_printf(b, "%d\n", it->min_sockaddr);
	label(b, ctx, MSG_SHOW_SOCKET_TYPE);
	ws2fix__buf_printf(b, "%d\n", it->socket_type);
	label(b, ctx, MSG_SHOW_PROTOCOL);
	ws2fix__buf_printf(b, "%d\n", it->protocol);
	label(b, ctx, MSG_SHOW_SERVICE_FLAGS);
	ws2fix__buf_printf(b, "0x%x\n", it->service_flags[0]);
	label(b, ctx, MSG_SHOW_PROVIDER_FLAGS);
	ws2fix__buf_printf(b, "0x%x\n", it->provider_flags);
	label(b, ctx, MSG_SHOW_CHAIN_LEN);
	ws2fix__buf_printf(b, "%d\n", it->chain_len);
	if (it->chain_len >= 2 && it->chain_len <= WS2FIX_MAX_CHAIN_LEN) {
		ws2fix__buf_printf(b, "%s: ", cli_msg(ctx, MSG_SHOW_CHAIN));
		chain_text(b, ctx, pv, it, 1);
		ws2fix__buf_putc(b, '\n');
	}
	if (it->problems) {
		ws2fix_buf p = WS2FIX_BUF_INIT;
		const char *names[16];
		size_t n = ws2fix_item_problem_names(names, 16, it->problems);
		for (size_t k = 0; k < n && k < 16; k++)
			ws2fix__buf_printf(&p, "%s%s", k ? ", " : "", names[k]);
		ws2fix__buf_printf(b, cli_msg(ctx, MSG_SHOW_MALFORMED), ws2fix__buf_cstr(&p));
		ws2fix__buf_putc(b, '\n');
		ws2fix__buf_free(&p);
	}
	ws2fix__buf_putc(b, '\n');
}

static void show_namespace_entry(ws2fix_buf *b, const cli_ctx *ctx, const ws2fix_catalog *cat,
	enum ws2fix_view view, const ws2fix_namespace_entry *e)
{
	const ws2fix_namespace_view *nv = &cat->namespaces[view];
	const char *suffix = view == WS2FIX_VIEW_32 && cat->namespaces[WS2FIX_VIEW_64].info.present
		? cli_msg(ctx, MSG_SHOW_VIEW_SUFFIX_32) : "";
	const char *display = ws2fix_known_display_name(e->display_string);
	char guid[39] = "";
	ws2fix__buf_printf(b, "%s%s\n%s\n", cli_msg(ctx, MSG_SHOW_NS_HEADER), suffix, DASHES);
	label(b, ctx, MSG_SHOW_REGISTRY_KEY);
	ws2fix__buf_printf(b, "%s\\%s\n", nv->info.key, e->key);
	label(b, ctx, MSG_SHOW_DESCRIPTION);
	ws2fix__buf_printf(b, "%s\n", display ? display : (e->display_string ? e->display_string : ""));
	if (e->has_provider_id)
		ws2fix_guid_format(guid, &e->provider_id);
	label(b, ctx, MSG_SHOW_PROVIDER_ID);
	ws2fix__buf_printf(b, "%s\n", guid);
	label(b, ctx, MSG_SHOW_PROVIDER_PATH_NS);
	ws2fix__buf_printf(b, "%s\n", e->library_path ? e->library_path : "");
	if (e->has_provider_id && e->library_path)
		vendor_line(b, ctx, &e->provider_id, e->library_path);
	label(b, ctx, MSG_SHOW_NAMESPACE);
	if (e->has_namespace)
		ws2fix__buf_printf(b, "%u\n", e->namespace_id);
	else
		ws2fix__buf_puts(b, "\n");
	label(b, ctx, MSG_SHOW_ACTIVE);
	ws2fix__buf_printf(b, "%u\n", e->has_enabled ? e->enabled : 0);
	label(b, ctx, MSG_SHOW_VERSION);
	ws2fix__buf_printf(b, "%u\n\n\n", e->has_version ? e->version : 0);
}

static void brief_protocol(ws2fix_buf *b, const cli_ctx *ctx, const ws2fix_catalog *cat,
	enum ws2fix_view view, const ws2fix_protocol_entry *e)
{
	const ws2fix_protocol_view *pv = &cat->protocol[view];
	const ws2fix_protocol_item *it = &e->item;
	if (!e->has_item) {
		ws2fix__buf_printf(b, "%-2s %s  %s\n", ws2fix_view_name(view), e->key, cli_msg(ctx, MSG_SHOW_NO_ITEM));
		return;
	}
	char afp[40];
	snprintf(afp, sizeof(afp), "%d/%d/%d", it->address_family, it->socket_type, it->protocol);
	ws2fix__buf_printf(b, "%-2s %s %5u %-7s %-16s %-34s %s", ws2fix_view_name(view), e->key,
		it->catalog_id, ws2fix_entry_kind_name(ws2fix_protocol_item_kind(it)), afp, entry_name(e),
		it->library_path);
	if (it->chain_len >= 2 && it->chain_len <= WS2FIX_MAX_CHAIN_LEN) {
		ws2fix__buf_puts(b, "  [");
		chain_text(b, ctx, pv, it, 0);
		ws2fix__buf_putc(b, ']');
	}
	ws2fix__buf_putc(b, '\n');
}

static void brief_namespace(ws2fix_buf *b, enum ws2fix_view view, const ws2fix_namespace_entry *e)
{
	char guid[39] = "";
	const char *display = ws2fix_known_display_name(e->display_string);
	if (e->has_provider_id)
		ws2fix_guid_format(guid, &e->provider_id);
	ws2fix__buf_printf(b, "%-2s %s ns=%-3u %-38s %-30s %s\n", ws2fix_view_name(view), e->key,
		e->has_namespace ? e->namespace_id : 0, guid,
		display ? display : (e->display_string ? e->display_string : ""),
		e->library_path ? e->library_path : "");
}

static void show_text(ws2fix_buf *b, cli_ctx *ctx, const cli_source *src, int brief)
{
	ws2fix_registry *reg = src->reg;
	const ws2fix_catalog *cat = src->cat;
	const ws2fix_lsp_events *ev = ws2fix_session_events(src->session);
	enum ws2fix_view views[2];
	if (reg)
		ws2fix__buf_printf(b, "%s: %s\n", cli_msg(ctx, MSG_SHOW_CONTROLSET), ws2fix_registry_source_controlset(reg));
	const ws2fix_hive_recovery *rec = reg ? ws2fix_registry_hive_recovery(reg) : NULL;
	if (reg && (ws2fix_registry_is_dirty(reg) || (rec && rec->recovered))) {
		char *why = NULL;
		if (rec)
			(void)ws2fix_hive_recovery_text(&why, rec, 1, ctx->lang);
		ws2fix__buf_printf(b, cli_text(ctx, rec && rec->recovered ? MSG_SHOW_RECOVERED : MSG_SHOW_DIRTY),
			why && *why ? why : "-");
		ws2fix__buf_putc(b, '\n');
		free(why);
	}
	if (!cat->winsock2_present || !cat->parameters_present) {
		ws2fix__buf_printf(b, cli_msg(ctx, MSG_SHOW_WINSOCK2_ABSENT), cat->parameters_path);
		ws2fix__buf_putc(b, '\n');
		return;
	}
	char next[16] = "-", serial[16] = "-";
	if (cat->has_next_id)
		snprintf(next, sizeof(next), "%u", cat->next_id);
	if (cat->has_serial)
		snprintf(serial, sizeof(serial), "%u", cat->serial);
	if (reg)
		ws2fix__buf_printf(b, cli_msg(ctx, MSG_SHOW_NEXT_ID), next, serial);
	ws2fix__buf_puts(b, "\n\n");

	int n = ws2fix_catalog_view_order(cat, 1, views);
	for (int i = 0; i < n; i++) {
		const ws2fix_protocol_view *pv = &cat->protocol[views[i]];
		if (brief)
			ws2fix__buf_printf(b, "== %s %s\n", cli_text(ctx, views[i] == WS2FIX_VIEW_64 ? MSG_SHOW_VIEW_64 : MSG_SHOW_VIEW_32),
				cli_msg(ctx, MSG_SHOW_PROTOCOL_CATALOG));
		if (!brief)
			ws2fix__buf_puts(b, "\n");
		for (size_t k = 0; k < pv->info.count; k++) {
			if (brief)
				brief_protocol(b, ctx, cat, views[i], &pv->entries[k]);
			else
				show_protocol_entry(b, ctx, cat, views[i], &pv->entries[k], ev);
		}
		if (brief)
			ws2fix__buf_putc(b, '\n');
	}
	n = ws2fix_catalog_view_order(cat, 0, views);
	for (int i = 0; i < n; i++) {
		const ws2fix_namespace_view *nv = &cat->namespaces[views[i]];
		if (brief)
			ws2fix__buf_printf(b, "== %s %s\n", cli_text(ctx, views[i] == WS2FIX_VIEW_64 ? MSG_SHOW_VIEW_64 : MSG_SHOW_VIEW_32),
				cli_msg(ctx, MSG_SHOW_NAMESPACE_CATALOG));
		for (size_t k = 0; k < nv->info.count; k++) {
			if (brief)
				brief_namespace(b, views[i], &nv->entries[k]);
			else
				show_namespace_entry(b, ctx, cat, views[i], &nv->entries[k]);
		}
		if (brief)
			ws2fix__buf_putc(b, '\n');
	}

	cli_text_app_exclusions(b, ctx, reg);

	/* Summary, one line per catalog, like msinfo32's count of protocols. */
	static const enum ws2fix_view all[2] = {WS2FIX_VIEW_64, WS2FIX_VIEW_32};
	for (int i = 0; i < 2; i++) {
		const ws2fix_protocol_view *pv = &cat->protocol[all[i]];
		const char *vname = cli_text(ctx, all[i] == WS2FIX_VIEW_64 ? MSG_SHOW_VIEW_64 : MSG_SHOW_VIEW_32);
		if (!pv->info.present)
			continue;
		size_t base = 0, layered = 0, chains = 0;
		for (size_t k = 0; k < pv->info.count; k++) {
			if (!pv->entries[k].has_item)
				continue;
			switch (ws2fix_protocol_item_kind(&pv->entries[k].item)) {
			case WS2FIX_ENTRY_BASE: base++; break;
			case WS2FIX_ENTRY_LAYERED: layered++; break;
			case WS2FIX_ENTRY_CHAIN: chains++; break;
			default: break;
			}
		}
		ws2fix__buf_printf(b, cli_msg(ctx, MSG_SHOW_SUMMARY_PROTO), vname, pv->info.count, base, layered, chains);
		ws2fix__buf_putc(b, '\n');
	}
	for (int i = 0; i < 2; i++) {
		const ws2fix_namespace_view *nv = &cat->namespaces[all[i]];
		if (!nv->info.present)
			continue;
		ws2fix__buf_printf(b, cli_msg(ctx, MSG_SHOW_SUMMARY_NS),
			cli_text(ctx, all[i] == WS2FIX_VIEW_64 ? MSG_SHOW_VIEW_64 : MSG_SHOW_VIEW_32), nv->info.count);
		ws2fix__buf_putc(b, '\n');
	}
}

/* The catalog as a Graphviz graph: what the library drew from the
 * diagnosis and the surgical plan (the entries it would remove). */
static int show_dot(ws2fix_buf *b, cli_ctx *ctx, cli_source *src)
{
	if (!src->cat)
		return cli_error(ctx, EXIT_USAGE, "EUSAGE", "%s", cli_msg(ctx, MSG_ERR_DOT_NO_CATALOG));
	ws2fix_diagnosis *d = NULL;
	ws2fix_repair_plan *plan = NULL;
	int lrc = ws2fix_session_diagnose(&d, src->session);
	if (lrc < 0)
		return cli_error_lib(ctx, EXIT_USAGE, lrc, MSG_ERR_DIAGNOSE, NULL);
	if (!ws2fix_session_is_partial(src->session) &&
	    ws2fix_session_plan(&plan, src->session, d, WS2FIX_REPAIR_SURGICAL, NULL) < 0) {
		plan = NULL; /* drawn without the plan's marks */
		ws2fix_error_clear();
	}
	char *dot = NULL;
	lrc = ws2fix_report_chains_dot(&dot, src->cat, d, plan, ctx->lang);
	if (lrc == 0)
		ws2fix__buf_puts(b, dot);
	free(dot);
	ws2fix_repair_plan_free(plan);
	ws2fix_diagnosis_free(d);
	return lrc < 0 ? cli_error_lib(ctx, EXIT_USAGE, lrc, MSG_ERR_DIAGNOSE, NULL) : 0;
}

int cmd_show(cli_ctx *ctx, const cli_args *a)
{
	int brief = a->opt[CLI_O_SHOW_BRIEF] != NULL, dot = 0;
	const char *fmt = a->opt[CLI_O_SHOW_FORMAT];
	if (fmt) {
		if (strcmp(fmt, "dot") && strcmp(fmt, "text"))
			return cli_error(ctx, EXIT_USAGE, "EUSAGE", cli_msg(ctx, MSG_ERR_BAD_FORMAT), fmt);
		dot = !strcmp(fmt, "dot");
	}
	if (dot && ctx->json)
		return cli_error(ctx, EXIT_USAGE, "EUSAGE", "%s", cli_msg(ctx, MSG_ERR_DOT_JSON));
	cli_source src;
	int rc = cli_source_open(ctx, &src, CLI_SOURCE_NETSH_OK | (dot ? CLI_SOURCE_PROBE : 0u));
	if (rc)
		return rc;
	ws2fix_buf b = WS2FIX_BUF_INIT;
	if (dot) {
		rc = show_dot(&b, ctx, &src);
		if (rc) {
			ws2fix__buf_free(&b);
			cli_source_close(&src);
			return rc;
		}
	} else if (ctx->json) {
		char *doc = NULL;
		if (ws2fix_session_show_json(&doc, src.session, 1) == 0)
			ws2fix__buf_puts(&b, doc);
		else
			b.oom = 1;
		free(doc);
	} else {
		cli_text_source(&b, ctx, &src);
		if (src.hjt)
			cli_hjt_text(&b, ctx, src.hjt);
		else
			show_text(&b, ctx, &src, brief);
	}
	if (ws2fix__buf_oom(&b))
		rc = cli_oom(ctx, EXIT_USAGE);
	else
		cli_emit(ctx, &b);
	ws2fix__buf_free(&b);
	cli_source_close(&src);
	return rc;
}

/* SPDX-License-Identifier: MIT */
/*
 * The fix file's .reg (ws2fix/fixfile.h): the comment header for the
 * person who receives it, then the changes.  A catalog the plan touches is
 * written whole from the registry as the plan leaves it: its entry keys
 * deleted ([-KEY]), then the catalog key with its counters and every entry
 * with every value.  Deleting by key number alone would, on a catalog that
 * changed after the export, delete healthy entries and leave gaps; a whole
 * catalog cannot.  What lies outside the catalogs (transports, the
 * Parameters key) keeps the plan's own operations.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "fix_internal.h"
#include "../errors_internal.h"
#include "../platform.h"
#include "../../util/utf.h"
#include "../regformat/regformat.h"
#include "ws2fix/errors.h"
#include "ws2fix/i18n.h"

/* The views a catalog key may hold (both are deleted before the rewrite:
 * deleting a key that is not there does nothing). */
const char *const ws2fix__fix_views[2] = {"Catalog_Entries", "Catalog_Entries64"};
#define views ws2fix__fix_views

static void comment(ws2fix_buf *b, const char *text)
{
	/* One "; " line per line of text: regedit and reg import skip them. */
	while (*text) {
		size_t n = strcspn(text, "\n");
		ws2fix__buf_puts(b, "; ");
		ws2fix__buf_put(b, text, n);
		ws2fix__buf_puts(b, "\r\n");
		text += n;
		if (*text)
			text++;
	}
}

static void commentf(ws2fix_buf *b, ws2fix_lang lang, ws2fix_msgid id, ...)
{
	ws2fix_buf line = WS2FIX_BUF_INIT;
	va_list ap;
	va_start(ap, id);
	ws2fix__buf_vprintf(&line, ws2fix_msg(id, lang), ap);
	va_end(ap);
	comment(b, ws2fix__buf_cstr(&line));
	ws2fix__buf_free(&line);
}

static size_t entries_in(ws2fix_regtree *after, const char *catalog)
{
	size_t n = 0;
	for (size_t v = 0; v < 2; v++) {
		ws2fix_buf p = WS2FIX_BUF_INIT;
		ws2fix__buf_printf(&p, "%s\\%s", catalog, views[v]);
		ws2fix_regtree_key *k = NULL;
		if (!ws2fix__buf_oom(&p) && ws2fix__regtree_find(&k, after, p.ptr, p.len) == 0)
			n += k->subkeys.count;
		ws2fix__buf_free(&p);
	}
	return n;
}

/* The providers the plan removes, each with every entry it loses. */
static void removed(ws2fix_buf *b, const ws2fix_repair_plan *plan, ws2fix_lang lang)
{
	for (size_t i = 0; i < plan->removed_count; i++) {
		ws2fix_buf line = WS2FIX_BUF_INIT;
		ws2fix__buf_puts(&line, "  - ");
		ws2fix__buf_printf(&line, ws2fix_msg(MSG_FX_REMOVES, lang), plan->removed_providers[i]);
		comment(b, ws2fix__buf_cstr(&line));
		ws2fix__buf_free(&line);
		for (size_t k = 0; k < plan->removed_entry_count; k++) {
			const ws2fix_removed_entry *e = &plan->removed_entries[k];
			if (e->provider != i)
				continue;
			ws2fix_buf entry = WS2FIX_BUF_INIT;
			ws2fix__buf_puts(&entry, "      ");
			if (e->has_catalog_id)
				ws2fix__buf_printf(&entry, ws2fix_msg(MSG_RC_REMOVED_PROTOCOL_ENTRY, lang),
					ws2fix_view_name((enum ws2fix_view)e->view), (unsigned)e->catalog_id, e->key, e->name);
			else
				ws2fix__buf_printf(&entry, ws2fix_msg(MSG_RC_REMOVED_NAMESPACE_ENTRY, lang),
					ws2fix_view_name((enum ws2fix_view)e->view), e->key, e->name);
			comment(b, ws2fix__buf_cstr(&entry));
			ws2fix__buf_free(&entry);
		}
	}
}

static void header(ws2fix_buf *b, const ws2fix_catalog *cat, const ws2fix_repair_plan *plan, ws2fix_regtree *after,
	const ws2fix_fix_rewritten *rw, size_t other_ops, const ws2fix_fix_file_info *in)
{
	const char *const *rewritten = rw->keys;
	size_t nrewritten = rw->n;
	ws2fix_lang lang = in->lang;
	char date[17] = "", when[24] = "";
	ws2fix__utc_stamp(date);
	snprintf(when, sizeof(when), "%.4s-%.2s-%.2s %.2s:%.2s", date, date + 4, date + 6, date + 9, date + 11);
	comment(b, ws2fix_msg(MSG_FX_TITLE, lang));
	commentf(b, lang, MSG_FX_MADE, in->tool_version ? in->tool_version : "?", when, in->source_name);
	char serial[16] = "?";
	if (in->has_serial)
		snprintf(serial, sizeof(serial), "%u", (unsigned)in->serial);
	commentf(b, lang, MSG_FX_SOURCE, serial, in->os_name && *in->os_name ? in->os_name : "?");
	if (in->exported_from)
		commentf(b, lang, MSG_FX_ROOT, in->controlset, in->exported_from);
	ws2fix_fix_checked chk[2];
	size_t nchk = ws2fix__fix_checked(chk, cat, rw);
	for (size_t i = 0; i < nchk; i++) {
		char had[16] = "-";
		if (chk[i].known)
			snprintf(had, sizeof(had), "0x%x", (unsigned)chk[i].serial);
		commentf(b, lang, MSG_FX_CHECKS, chk[i].name, had);
	}
	comment(b, "");
	comment(b, ws2fix_msg(MSG_FX_CHANGES, lang));
	for (size_t i = 0; i < nrewritten; i++) {
		ws2fix_buf line = WS2FIX_BUF_INIT;
		ws2fix__buf_puts(&line, "  - ");
		ws2fix__buf_printf(&line, ws2fix_msg(MSG_FX_REWRITES, lang),
			ws2fix_msg(strstr(rewritten[i], cat->protocol_catalog_name) ? MSG_FX_PROTOCOL : MSG_FX_NAMESPACE, lang),
			entries_in(after, rewritten[i]));
		comment(b, ws2fix__buf_cstr(&line));
		ws2fix__buf_free(&line);
	}
	removed(b, plan, lang);
	for (size_t i = 0; i < plan->step_count; i++) {
		/* Steps outside the catalogs (transports, the Parameters key). */
		const char *key = plan->steps[i].key ? plan->steps[i].key : "";
		int inside = 0;
		for (size_t r = 0; r < nrewritten && !inside; r++)
			inside = strstr(key, strchr(rewritten[r], '\\') ? strrchr(rewritten[r], '\\') + 1 : rewritten[r]) != NULL;
		if (!inside && other_ops) {
			ws2fix_buf line = WS2FIX_BUF_INIT;
			ws2fix__buf_printf(&line, "  - %s", plan->steps[i].action);
			comment(b, ws2fix__buf_cstr(&line));
			ws2fix__buf_free(&line);
		}
	}
	comment(b, "");
	comment(b, ws2fix_msg(MSG_FX_ONE_MACHINE, lang));
	comment(b, "");
	comment(b, ws2fix_msg(MSG_FX_HOW, lang));
	if (in->cmd_name)
		commentf(b, lang, MSG_FX_HOW_CMD, in->cmd_name);
	comment(b, ws2fix_msg(MSG_FX_HOW_BACKUP, lang));
	comment(b, "     reg export \"HKLM\\SYSTEM\\CurrentControlSet\\Services\\WinSock2\" before-fix.reg");
	comment(b, ws2fix_msg(MSG_FX_HOW_IMPORT, lang));
	ws2fix_buf imp = WS2FIX_BUF_INIT;
	ws2fix__buf_printf(&imp, "     reg import \"%s\"", in->reg_name ? in->reg_name : "fix.reg");
	comment(b, ws2fix__buf_cstr(&imp));
	ws2fix__buf_free(&imp);
	comment(b, ws2fix_msg(MSG_FX_HOW_UNDO, lang));
	for (size_t i = 0; i < rw->n; i++)
		for (size_t v = 0; v < 2; v++) {
			ws2fix_buf del = WS2FIX_BUF_INIT;
			ws2fix__buf_printf(&del, "     reg delete \"HKLM\\SYSTEM\\CurrentControlSet\\Services\\WinSock2\\Parameters\\%s\\%s\" /f",
				rw->protocol[i] ? cat->protocol_catalog_name : cat->namespace_catalog_name, views[v]);
			comment(b, ws2fix__buf_cstr(&del));
			ws2fix__buf_free(&del);
		}
	comment(b, "     reg import before-fix.reg");
	ws2fix__buf_puts(b, "\r\n");
}

/* A catalog key the plan's operations touch. */
static int touched(const ws2fix_repair_plan *plan, const char *catalog)
{
	for (size_t i = 0; i < plan->op_count; i++)
		if (ws2fix__fix_key_under(plan->ops[i].key, &catalog, 1))
			return 1;
	return 0;
}

static int rewrite(ws2fix_buf *b, ws2fix_regtree *after, const char *catalog)
{
	int rc = 0;
	for (size_t v = 0; v < 2 && rc == 0; v++) {
		ws2fix_buf p = WS2FIX_BUF_INIT;
		ws2fix__buf_printf(&p, "%s\\%s", catalog, views[v]);
		rc = ws2fix__buf_oom(&p) ? WS2FIX_ENOMEM : ws2fix__regfile_put_key_delete(b, p.ptr);
		ws2fix__buf_free(&p);
	}
	ws2fix__buf_puts(b, "\r\n");
	ws2fix_regtree_key *k = NULL;
	if (rc == 0 && ws2fix__regtree_find(&k, after, catalog, strlen(catalog)) == 0)
		rc = ws2fix__regfile_put_subtree(b, k, catalog);
	return rc;
}

/* The catalogs whose Serial_Access_Num the .cmd compares: those the fix
 * rewrites, else (a fix outside the catalogs) the protocol catalog, as the
 * sign that the machine's catalog is the one exported. */

size_t ws2fix__fix_checked(ws2fix_fix_checked out[2], const ws2fix_catalog *cat, const ws2fix_fix_rewritten *rw)
{
	size_t n = 0;
	for (size_t i = 0; i < rw->n; i++) {
		out[n].protocol = rw->protocol[i];
		out[n].name = rw->protocol[i] ? cat->protocol_catalog_name : cat->namespace_catalog_name;
		out[n].known = rw->protocol[i] ? cat->has_serial : cat->has_ns_serial;
		out[n].serial = rw->protocol[i] ? cat->serial : cat->ns_serial;
		n++;
	}
	if (n == 0) {
		out[0].protocol = 1;
		out[0].name = cat->protocol_catalog_name;
		out[0].known = cat->has_serial;
		out[0].serial = cat->serial;
		n = 1;
	}
	return n;
}

int ws2fix__fix_rewritten(ws2fix_fix_rewritten *r, const ws2fix_catalog *cat, const ws2fix_repair_plan *plan)
{
	memset(r, 0, sizeof(*r));
	ws2fix_buf names[2] = {WS2FIX_BUF_INIT, WS2FIX_BUF_INIT};
	ws2fix__buf_printf(&names[0], "%s\\%s", cat->parameters_path, cat->protocol_catalog_name);
	ws2fix__buf_printf(&names[1], "%s\\%s", cat->parameters_path, cat->namespace_catalog_name);
	int rc = ws2fix__buf_oom(&names[0]) || ws2fix__buf_oom(&names[1]) ? WS2FIX_ENOMEM : 0;
	for (size_t i = 0; i < 2; i++) {
		if (rc == 0 && touched(plan, names[i].ptr)) {
			r->names[r->n] = names[i];
			r->protocol[r->n] = i == 0;
			r->keys[r->n] = r->names[r->n].ptr;
			r->n++;
		} else {
			ws2fix__buf_free(&names[i]);
		}
	}
	if (rc < 0)
		ws2fix__fix_rewritten_free(r);
	return rc;
}

void ws2fix__fix_rewritten_free(ws2fix_fix_rewritten *r)
{
	for (size_t i = 0; i < r->n; i++)
		ws2fix__buf_free(&r->names[i]);
	memset(r, 0, sizeof(*r));
}

int ws2fix__fix_document(ws2fix_buf *b, const ws2fix_catalog *cat, const ws2fix_repair_plan *plan,
	ws2fix_regtree *after, const ws2fix_fix_file_info *info)
{
	ws2fix_fix_rewritten rw;
	int rc = ws2fix__fix_rewritten(&rw, cat, plan);
	const char *const *rewritten = rw.keys;
	size_t n = rw.n;
	size_t other = 0;
	for (size_t i = 0; rc == 0 && i < plan->op_count; i++)
		other += !ws2fix__fix_key_under(plan->ops[i].key, rewritten, n);
	if (rc == 0) {
		ws2fix__regfile_put_header(b);
		header(b, cat, plan, after, &rw, other, info);
		/* Outside the catalogs first: they may create the keys the
		 * catalogs sit in (a catalog that was missing). */
		rc = ws2fix__fix_put_ops(b, plan, rewritten, n);
	}
	for (size_t i = 0; rc == 0 && i < n; i++)
		rc = rewrite(b, after, rewritten[i]);
	ws2fix__fix_rewritten_free(&rw);
	if (rc == WS2FIX_ENOMEM)
		return ws2fix__oom();
	return rc;
}

/* SPDX-License-Identifier: MIT */
/*
 * ws2fix_cause_find(): the likely cause of a network error, from a
 * diagnosis and the catalog it was made of (ws2fix/cause.h).
 *
 * The verdict follows the evidence, in this order: an error finding means
 * the catalog (every program suffers); a whole catalog with third-party
 * layered providers means those providers (one program suffers, the others
 * work: anthropics/claude-code#83735 and #84211, microsoft/WSL#4177, #9331
 * and #9413); a whole catalog of Microsoft's providers means the program's
 * own environment (python/cpython#118234, openai/codex#3408 and #4180,
 * mturk/svcbatch#4).  A reset is never the advice for the last two.
 */
#include <stdlib.h>
#include <string.h>

#include "diag_internal.h"
#include "ws2fix/cause.h"
#include "ws2fix/errors.h"
#include "ws2fix/events.h"
#include "ws2fix/providers.h"
#include "../errors_internal.h"
#include "../../util/buf.h"
#include "../../util/utf.h"


const char *ws2fix_cause_verdict_id(ws2fix_cause_verdict v)
{
	static const char *const ids[] = {"catalog", "layered-provider", "not-catalog", "unknown"};
	return (unsigned)v < sizeof(ids) / sizeof(ids[0]) ? ids[v] : "";
}

typedef struct cause_ctx {
	ws2fix_cause *c;
	ws2fix_lang lang;
	size_t provider_cap, step_cap;
	int oom;
} cause_ctx;

static const char *msg(const cause_ctx *x, ws2fix_msgid id)
{
	return ws2fix_msg(id, x->lang);
}

static void add_step_text(cause_ctx *x, ws2fix_buf *b)
{
	char *s = ws2fix__buf_detach(b);
	if (!s) {
		x->oom = 1;
		return;
	}
	if (x->c->step_count == x->step_cap) {
		size_t cap = x->step_cap ? x->step_cap * 2 : 8;
		char **n = realloc(x->c->steps, cap * sizeof(*n));
		if (!n) {
			free(s);
			x->oom = 1;
			return;
		}
		x->c->steps = n;
		x->step_cap = cap;
	}
	x->c->steps[x->c->step_count++] = s;
}

/* A step: the message, with @p arg for its one "%s" when it has one. */
static void add_step(cause_ctx *x, ws2fix_msgid id, const char *arg)
{
	ws2fix_buf b = WS2FIX_BUF_INIT;
	if (arg)
		ws2fix__buf_printf(&b, msg(x, id), arg);
	else
		ws2fix__buf_puts(&b, msg(x, id));
	add_step_text(x, &b);
}

/* The provider record an entry belongs to: the same knowledge-base row
 * (a product's 32- and 64-bit DLLs are one product), else the same DLL. */
static ws2fix_cause_provider *find_provider(cause_ctx *x, const ws2fix_known_provider *kp, const char *path,
	const ws2fix_known_provider **rows)
{
	for (size_t i = 0; i < x->c->provider_count; i++) {
		ws2fix_cause_provider *p = &x->c->providers[i];
		if (kp ? rows[i] == kp : (!rows[i] && ws2fix_provider_same_dll(p->path, path)))
			return p;
	}
	return NULL;
}

static ws2fix_cause_provider *new_provider(cause_ctx *x, const ws2fix_protocol_entry *e,
	const ws2fix_known_provider *kp, const ws2fix_known_provider ***rows)
{
	if (x->c->provider_count == x->provider_cap) {
		size_t cap = x->provider_cap ? x->provider_cap * 2 : 4;
		ws2fix_cause_provider *n = realloc(x->c->providers, cap * sizeof(*n));
		const ws2fix_known_provider **r = n ? realloc(*rows, cap * sizeof(*r)) : NULL;
		if (n)
			x->c->providers = n;
		if (!r) {
			x->oom = 1;
			return NULL;
		}
		*rows = r;
		x->provider_cap = cap;
	}
	ws2fix_cause_provider *p = &x->c->providers[x->c->provider_count];
	memset(p, 0, sizeof(*p));
	p->name = ws2fix__strdup(ws2fix__diag_entry_name(e));
	p->path = ws2fix__strdup(e->item.library_path);
	if (!p->name || !p->path) {
		free(p->name);
		free(p->path);
		x->oom = 1;
		return NULL;
	}
	p->ifs = 1;
	if (kp) {
		p->vendor = kp->vendor;
		p->product = kp->product;
		if (kp->category != WS2FIX_KB_CAT_UNKNOWN && kp->category != WS2FIX_KB_CAT_OTHER)
			p->category = ws2fix_provider_category_name(kp->category);
		p->managed = (kp->flags & WS2FIX_KB_MANAGED) != 0;
		p->reregisters = (kp->flags & WS2FIX_KB_REREGISTERS) != 0;
	}
	(*rows)[x->c->provider_count++] = kp;
	return p;
}

/* Every third-party layered provider of both views: its hidden entry and
 * its chains, one record per product, from the entries the findings trust
 * (@p no_registry: the catalog came without its registry). */
static void collect(cause_ctx *x, const ws2fix_catalog *cat, int no_registry)
{
	const ws2fix_known_provider **rows = NULL;
	for (int v = WS2FIX_VIEW_32; v <= WS2FIX_VIEW_64 && !x->oom; v++) {
		const ws2fix_protocol_view *pv = &cat->protocol[v];
		for (size_t i = 0; i < pv->info.count && !x->oom; i++) {
			const ws2fix_protocol_entry *e = &pv->entries[i];
			if (!ws2fix__diag_entry_well_formed(e, no_registry) || e->item.chain_len == 1 ||
			    ws2fix_provider_is_microsoft(&e->item.provider_id, e->item.library_path))
				continue;
			const ws2fix_known_provider *kp = ws2fix_known_provider_match(e->item.library_path, &e->item.provider_id);
			ws2fix_cause_provider *p = find_provider(x, kp, e->item.library_path, rows);
			if (!p)
				p = new_provider(x, e, kp, &rows);
			if (!p)
				break;
			p->views |= 1u << v;
			/* The hidden entry of the DLL the record shows names the
			 * provider better than a chain's "over [MSAFD Tcpip]" name. */
			if (e->item.chain_len == 0 && ws2fix_provider_same_dll(p->path, e->item.library_path)) {
				char *n = ws2fix__strdup(ws2fix__diag_entry_name(e));
				if (!n) {
					x->oom = 1;
					break;
				}
				free(p->name);
				p->name = n;
			}
			if (e->item.chain_len >= 2 && ws2fix__diag_tcp_or_udp(&e->item) && !(e->item.service_flags[0] & XP1_IFS_HANDLES))
				p->ifs = 0;
		}
	}
	free(rows);
}

static void collect_excluded(cause_ctx *x, ws2fix_registry *reg)
{
	ws2fix_app_catalog *ac = NULL;
	if (!reg)
		return; /* unknown, as for netsh text */
	if (ws2fix_app_catalog_read(&ac, reg) < 0) {
		ws2fix_error_clear(); /* unknown: the key could not be read */
		return;
	}
	x->c->excluded_known = 1;
	if (ac->count) {
		x->c->excluded = calloc(ac->count, sizeof(char *));
		if (!x->c->excluded)
			x->oom = 1;
	}
	for (size_t i = 0; i < ac->count && !x->oom; i++) {
		if (!ac->items[i].path)
			continue;
		char *p = ws2fix__strdup(ac->items[i].path);
		if (!p)
			x->oom = 1;
		else
			x->c->excluded[x->c->excluded_count++] = p;
	}
	ws2fix_app_catalog_free(ac);
}

/* "Proxifier", "Astrill VPN (ASProxy)": what the steps call the
 * providers (the product, else the vendor, else the entry's name). */
static const char *who(cause_ctx *x, ws2fix_buf *b)
{
	const ws2fix_cause *c = x->c;
	if (c->provider_count != 1)
		return msg(x, MSG_CAUSE_THE_PROVIDERS);
	const ws2fix_cause_provider *p = &c->providers[0];
	ws2fix__buf_puts(b, p->product ? p->product : p->vendor ? p->vendor : p->name);
	return ws2fix__buf_cstr(b);
}

static void layered_steps(cause_ctx *x, const ws2fix_cause_options *o)
{
	ws2fix_buf name = WS2FIX_BUF_INIT;
	const char *w = who(x, &name);
	/* AppId_Catalog exclusions came with Windows 7 (ws2fix/live.h). */
	if (o->os && o->os->family != WS2FIX_OS_UNKNOWN && o->os->family < WS2FIX_OS_7)
		add_step(x, MSG_CAUSE_STEP_NO_EXCLUDE, NULL);
	else
		add_step(x, o->this_machine ? MSG_CAUSE_STEP_EXCLUDE_HERE : MSG_CAUSE_STEP_EXCLUDE_THERE, NULL);
	add_step(x, MSG_CAUSE_STEP_SETTING, x->c->provider_count == 1 ? w : msg(x, MSG_CAUSE_THE_PRODUCT));
	for (size_t i = 0; i < x->c->provider_count; i++)
		if (x->c->providers[i].managed) {
			add_step(x, MSG_CAUSE_STEP_MANAGED, x->c->provider_count == 1 ? w : x->c->providers[i].name);
			break;
		}
	add_step(x, MSG_CAUSE_STEP_UNINSTALL, x->c->provider_count == 1 ? w : msg(x, MSG_CAUSE_THE_PRODUCT));
	for (size_t i = 0; i < x->c->provider_count; i++)
		if (!x->c->providers[i].ifs)
			add_step(x, MSG_CAUSE_STEP_NON_IFS, x->c->providers[i].name);
	add_step(x, MSG_CAUSE_STEP_RESET_LAST, w);
	ws2fix__buf_free(&name);
}

static void decide(cause_ctx *x, const ws2fix_diagnosis *d, const ws2fix_cause_options *o)
{
	ws2fix_cause *c = x->c;
	ws2fix_buf s = WS2FIX_BUF_INIT;
	if (d->errors) {
		c->verdict = WS2FIX_CAUSE_CATALOG;
		ws2fix__buf_printf(&s, msg(x, MSG_CAUSE_CATALOG), d->errors);
		add_step(x, MSG_CAUSE_STEP_REPAIR, NULL);
		if (c->provider_count)
			add_step(x, MSG_CAUSE_STEP_AFTER_REPAIR, NULL);
	} else if (c->provider_count) {
		c->verdict = WS2FIX_CAUSE_LAYERED_PROVIDER;
		ws2fix__buf_printf(&s, msg(x, MSG_CAUSE_LAYERED), c->provider_count);
		layered_steps(x, o);
	} else if (o->partial) {
		c->verdict = WS2FIX_CAUSE_UNKNOWN;
		ws2fix__buf_puts(&s, msg(x, MSG_CAUSE_UNKNOWN));
		add_step(x, MSG_CAUSE_STEP_WHOLE_SOURCE, NULL);
	} else {
		c->verdict = WS2FIX_CAUSE_NOT_CATALOG;
		ws2fix__buf_puts(&s, msg(x, MSG_CAUSE_NOT_CATALOG));
		add_step(x, MSG_CAUSE_STEP_SYSTEMROOT, NULL);
		add_step(x, MSG_CAUSE_STEP_EXPLAIN, NULL);
	}
	c->summary = ws2fix__buf_detach(&s);
	if (!c->summary)
		x->oom = 1;
}

int ws2fix_cause_find(ws2fix_cause **out, ws2fix_registry *reg, const ws2fix_catalog *cat,
	const ws2fix_diagnosis *d, const ws2fix_cause_options *o)
{
	if (out)
		*out = NULL;
	if (!out || !d || !o)
		return ws2fix__fail(WS2FIX_EINVALID, WS2FIX_ERRCLASS_INVALID, "no diagnosis for the cause");
	cause_ctx x = {calloc(1, sizeof(ws2fix_cause)), o->lang, 0, 0, 0};
	if (!x.c)
		return ws2fix__oom();
	if (cat)
		collect(&x, cat, reg == NULL);
	if (!x.oom)
		collect_excluded(&x, reg);
	if (!x.oom)
		decide(&x, d, o);
	if (x.oom) {
		ws2fix_cause_free(x.c);
		return ws2fix__oom();
	}
	*out = x.c;
	return 0;
}

void ws2fix_cause_free(ws2fix_cause *c)
{
	if (!c)
		return;
	for (size_t i = 0; i < c->provider_count; i++) {
		free(c->providers[i].name);
		free(c->providers[i].path);
	}
	free(c->providers);
	for (size_t i = 0; i < c->excluded_count; i++)
		free(c->excluded[i]);
	free(c->excluded);
	for (size_t i = 0; i < c->step_count; i++)
		free(c->steps[i]);
	free(c->steps);
	free(c->summary);
	free(c);
}

/* SPDX-License-Identifier: MIT */
/* Finding codes, severities, and the list the checks fill. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag_internal.h"
#include "ws2fix/errors.h"
#include "../errors_internal.h"
#include "../../util/buf.h"
#include "../../util/utf.h"

/* One row per line of include/ws2fix/findings.def, in enum order.  The
 * fix text is MSG_FIX_<CODE>: a code without one does not compile. */
static const struct {
	const char *name;
	ws2fix_severity severity;
	ws2fix_finding_scope scope;
	ws2fix_finding_repair repair;
	ws2fix_msgid fix;
} codes[WS2FIX_F_CODE_COUNT] = {
#define WS2FIX_FINDING(code, severity, scope, repair) \
	{#code, WS2FIX_SEV_##severity, WS2FIX_SCOPE_##scope, WS2FIX_REPAIRS_##repair, MSG_FIX_##code},
#include "ws2fix/findings.def"
#undef WS2FIX_FINDING
};

const char *ws2fix_finding_code_name(ws2fix_finding_code code)
{
	return (unsigned)code < WS2FIX_F_CODE_COUNT ? codes[code].name : "UNKNOWN";
}

int ws2fix_finding_code_parse(const char *name)
{
	for (int i = 0; name && i < WS2FIX_F_CODE_COUNT; i++)
		if (!strcmp(codes[i].name, name))
			return i;
	return -1;
}

ws2fix_severity ws2fix_finding_code_severity(ws2fix_finding_code code)
{
	return (unsigned)code < WS2FIX_F_CODE_COUNT ? codes[code].severity : WS2FIX_SEV_ERROR;
}

ws2fix_finding_scope ws2fix_finding_code_scope(ws2fix_finding_code code)
{
	return (unsigned)code < WS2FIX_F_CODE_COUNT ? codes[code].scope : WS2FIX_SCOPE_SOURCE;
}

ws2fix_finding_repair ws2fix_finding_code_repair(ws2fix_finding_code code)
{
	return (unsigned)code < WS2FIX_F_CODE_COUNT ? codes[code].repair : WS2FIX_REPAIRS_NO;
}

const char *ws2fix_severity_name(ws2fix_severity s)
{
	switch (s) {
	case WS2FIX_SEV_ERROR: return "error";
	case WS2FIX_SEV_WARNING: return "warning";
	default: return "info";
	}
}

const char *ws2fix__diag_msg(const diag_ctx *c, ws2fix_msgid id)
{
	return ws2fix_msg(id, c->o->lang);
}

static char *dup_or_null(diag_ctx *c, const char *s)
{
	if (!s)
		return NULL;
	char *p = ws2fix__strdup(s);
	if (!p)
		c->oom = 1;
	return p;
}

static void vdiag_add(diag_ctx *c, ws2fix_finding_code code, const diag_evidence *ev, ws2fix_msgid msg,
	ws2fix_msgid fix, va_list ap)
{
	if (c->oom)
		return;
	ws2fix_diagnosis *d = c->d;
	if (d->count == c->cap) {
		size_t cap = c->cap ? c->cap * 2 : 16;
		ws2fix_finding *f = realloc(d->findings, cap * sizeof(*f));
		if (!f) {
			c->oom = 1;
			return;
		}
		d->findings = f;
		c->cap = cap;
	}
	ws2fix_finding *f = &d->findings[d->count];
	memset(f, 0, sizeof(*f));
	f->code = code;
	f->severity = ws2fix_finding_code_severity(code);
	f->catalog = ev->catalog ? ev->catalog : "protocol";
	f->view = ev->view;
	f->key = dup_or_null(c, ev->key);
	if (ev->catalog_id) {
		f->has_catalog_id = 1;
		f->catalog_id = *ev->catalog_id;
	}
	f->path = dup_or_null(c, ev->path);
	f->provider = dup_or_null(c, ev->provider);
	f->vendor = dup_or_null(c, ev->vendor);

	va_list ap2;
	va_copy(ap2, ap);
	ws2fix_buf m = WS2FIX_BUF_INIT, x = WS2FIX_BUF_INIT;
	ws2fix__buf_vprintf(&m, ws2fix__diag_msg(c, msg), ap);
	ws2fix__buf_vprintf(&x, ws2fix__diag_msg(c, fix), ap2);
	va_end(ap2);
	f->message = ws2fix__buf_detach(&m);
	f->fix = ws2fix__diag_fix_for_source(c, ws2fix__buf_detach(&x), ev->catalog_id);
	if (!f->message || !f->fix)
		c->oom = 1;
	d->count++;
	switch (f->severity) {
	case WS2FIX_SEV_ERROR: d->errors++; break;
	case WS2FIX_SEV_WARNING: d->warnings++; break;
	default: d->infos++; break;
	}
}

void (ws2fix__diag_add)(diag_ctx *c, ws2fix_finding_code code, const diag_evidence *ev, ws2fix_msgid msg, ...)
{
	va_list ap;
	va_start(ap, msg);
	vdiag_add(c, code, ev, msg, codes[(unsigned)code < WS2FIX_F_CODE_COUNT ? code : 0].fix, ap);
	va_end(ap);
}

void (ws2fix__diag_add_fix)(diag_ctx *c, ws2fix_finding_code code, const diag_evidence *ev, ws2fix_msgid msg,
	ws2fix_msgid fix, ...)
{
	va_list ap;
	va_start(ap, fix);
	vdiag_add(c, code, ev, msg, fix, ap);
	va_end(ap);
}

void ws2fix__diag_skip(diag_ctx *c, ws2fix_msgid msg)
{
	ws2fix__diag_skip_text(c, ws2fix__diag_msg(c, msg));
}

void ws2fix__diag_skip_text(diag_ctx *c, const char *text)
{
	ws2fix_diagnosis *d = c->d;
	if (c->oom)
		return;
	for (size_t i = 0; i < d->skipped_count; i++)
		if (!strcmp(d->skipped[i], text))
			return;
	if (d->skipped_count == c->skipped_cap) {
		size_t cap = c->skipped_cap ? c->skipped_cap * 2 : 4;
		char **s = realloc(d->skipped, cap * sizeof(*s));
		if (!s) {
			c->oom = 1;
			return;
		}
		d->skipped = s;
		c->skipped_cap = cap;
	}
	d->skipped[d->skipped_count] = dup_or_null(c, text);
	if (d->skipped[d->skipped_count])
		d->skipped_count++;
}

void ws2fix_diagnosis_free(ws2fix_diagnosis *d)
{
	if (!d)
		return;
	for (size_t i = 0; i < d->count; i++) {
		ws2fix_finding *f = &d->findings[i];
		free(f->key);
		free(f->path);
		free(f->provider);
		free(f->vendor);
		free(f->message);
		free(f->fix);
		free(f->installed_by);
		free(f->installed_on);
	}
	free(d->findings);
	for (size_t i = 0; i < d->skipped_count; i++)
		free(d->skipped[i]);
	free(d->skipped);
	free(d);
}

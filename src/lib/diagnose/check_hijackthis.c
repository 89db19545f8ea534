/* SPDX-License-Identifier: MIT */
/*
 * The findings a HijackThis log's O10 lines stand for (ws2fix_hjt_diagnose,
 * include/ws2fix/hijackthis.h).  The log is read by
 * src/lib/sources/hijackthis_parse.c; this file only judges it.
 */
#include <stdlib.h>
#include <string.h>

#include "ws2fix/hijackthis.h"
#include "ws2fix/errors.h"
#include "ws2fix/providers.h"
#include "diag_internal.h"
#include "../errors_internal.h"
#include "../../util/buf.h"
#include "../../util/utf.h"

/* The DLL a "Hijacked Internet access by NAME" line stands for (the three
 * names HijackThis knows, each with the DLL it matched). */
static const char *hijacker_dll(const char *name)
{
	if (!ws2fix__strncasecmp(name, "WebHancer", 9))
		return "webhdll.dll";
	if (!ws2fix__strncasecmp(name, "New.Net", 7))
		return "newdotnet.dll";
	if (!ws2fix__strncasecmp(name, "CommonName", 10))
		return "cnmib.dll";
	return NULL;
}

/* The same line twice (HijackThis 2.0.x lists a DLL once per catalog entry
 * that uses it): one finding is enough. */
static int seen_before(const ws2fix_hjt_log *log, size_t i)
{
	for (size_t k = 0; k < i; k++)
		if (log->o10[k].kind == log->o10[i].kind && log->o10[k].text && log->o10[i].text &&
		    !ws2fix__strcasecmp(log->o10[k].text, log->o10[i].text))
			return 1;
	return 0;
}

static void dll_finding(diag_ctx *c, const ws2fix_hjt_o10 *o)
{
	const ws2fix_known_provider *kp = ws2fix_known_provider_lookup(o->path);
	const char *dll = ws2fix_provider_dll_name(o->path);
	diag_evidence ev = DIAG_EVIDENCE_INIT;
	ev.path = o->path;
	ev.provider = dll;
	ev.vendor = kp ? kp->vendor : NULL;
	if (o->kind == WS2FIX_HJT_O10_PROVIDER_MISSING) {
		/* A known name with its DLL gone is still broken. */
		ws2fix__diag_add_fix(c, WS2FIX_F_PROVIDER_DLL_MISSING, &ev, MSG_HJT_F_MISSING, MSG_HJT_FIX_MISSING, o->path, o->line);
		return;
	}
	if (kp && kp->label == WS2FIX_LABEL_KNOWN_BAD) {
		const char *what = kp->product ? kp->product : (kp->vendor ? kp->vendor : dll);
		ws2fix__diag_add_fix(c, WS2FIX_F_KNOWN_MALICIOUS_PROVIDER, &ev, MSG_HJT_F_BAD, MSG_HJT_FIX_BAD, o->path, what, o->line);
	} else if (kp && kp->microsoft) {
		ws2fix__diag_add_fix(c, WS2FIX_F_THIRD_PARTY_PROVIDER, &ev, MSG_HJT_F_MS_FLAGGED, MSG_HJT_FIX_NOTE, o->path,
			kp->product ? kp->product : dll, o->line);
	} else if (kp && kp->label == WS2FIX_LABEL_PUP) {
		ws2fix__diag_add_fix(c, WS2FIX_F_THIRD_PARTY_PROVIDER, &ev, MSG_HJT_F_PUP, MSG_HJT_FIX_UNKNOWN, o->path,
			kp->vendor ? kp->vendor : "?", kp->product ? kp->product : dll, o->line);
	} else if (kp) {
		ws2fix__diag_add_fix(c, WS2FIX_F_THIRD_PARTY_PROVIDER, &ev, MSG_HJT_F_KNOWN_FLAGGED, MSG_HJT_FIX_NOTE, o->path,
			kp->vendor ? kp->vendor : "?", kp->product ? kp->product : dll, o->line);
	} else {
		ws2fix__diag_add_fix(c, WS2FIX_F_THIRD_PARTY_PROVIDER, &ev, MSG_HJT_F_UNKNOWN, MSG_HJT_FIX_UNKNOWN, o->path, o->line);
	}
}

int ws2fix_hjt_diagnose(ws2fix_diagnosis **out, const ws2fix_hjt_log *log, const ws2fix_diagnose_options *opts)
{
	ws2fix_diagnose_options defaults = WS2FIX_DIAGNOSE_OPTIONS_INIT;
	diag_ctx c;
	if (!out || !log)
		return ws2fix__fail(WS2FIX_EINVALID, WS2FIX_ERRCLASS_INVALID, "no log");
	*out = NULL;
	memset(&c, 0, sizeof(c));
	c.o = opts ? opts : &defaults;
	c.d = calloc(1, sizeof(*c.d));
	if (!c.d)
		return ws2fix__oom();

	if (!log->complete) {
		/* What the lines that are there say still holds; what the rest
		 * of the log said cannot be known. */
		diag_evidence ev = DIAG_EVIDENCE_INIT;
		ws2fix__diag_add_fix(&c, WS2FIX_F_SOURCE_INCOMPLETE, &ev, MSG_HJT_F_EXCERPT, MSG_HJT_FIX_EXCERPT, log->lines);
	}
	for (size_t i = 0; i < log->count && !c.oom; i++) {
		const ws2fix_hjt_o10 *o = &log->o10[i];
		if (seen_before(log, i))
			continue;
		switch (o->kind) {
		case WS2FIX_HJT_O10_PROVIDER_MISSING:
		case WS2FIX_HJT_O10_UNKNOWN_FILE:
			dll_finding(&c, o);
			break;
		case WS2FIX_HJT_O10_CHAIN_GAP: {
			diag_evidence ev = DIAG_EVIDENCE_INIT;
			if (log->elevated == 0) {
				/* Not a numbering error seen: a scan that could not see
				 * every key (a code of its own, with its own severity). */
				ws2fix__diag_add_fix(&c, WS2FIX_F_SOURCE_INCOMPLETE, &ev, MSG_HJT_F_GAP_UNELEVATED,
					MSG_HJT_FIX_GAP_UNELEVATED, o->gap_index, o->gap_total, o->line);
			} else {
				ws2fix__diag_add_fix(&c, WS2FIX_F_ENTRY_NUMBERING, &ev, MSG_HJT_F_GAP, MSG_HJT_FIX_GAP, o->gap_index,
					o->gap_total, o->line);
			}
			break;
		}
		case WS2FIX_HJT_O10_HIJACKED: {
			diag_evidence ev = DIAG_EVIDENCE_INIT;
			const char *dll = hijacker_dll(o->name);
			const ws2fix_known_provider *kp = dll ? ws2fix_known_provider_lookup(dll) : NULL;
			ev.provider = o->name;
			ev.vendor = kp ? kp->vendor : NULL;
			ws2fix__diag_add_fix(&c, WS2FIX_F_KNOWN_MALICIOUS_PROVIDER, &ev, MSG_HJT_F_HIJACKED, MSG_HJT_FIX_BAD, o->name, o->line);
			break;
		}
		default: {
			ws2fix_buf b = WS2FIX_BUF_INIT;
			ws2fix__buf_printf(&b, ws2fix__diag_msg(&c, MSG_HJT_SKIP_OTHER_LINE), o->line, o->text);
			char *t = ws2fix__buf_detach(&b);
			if (t)
				ws2fix__diag_skip_text(&c, t);
			else
				c.oom = 1;
			free(t);
			break;
		}
		}
	}
	ws2fix__diag_skip(&c, MSG_HJT_SKIP_ENTRIES);
	ws2fix__diag_skip(&c, MSG_HJT_SKIP_64);
	ws2fix__diag_skip(&c, MSG_HJT_SKIP_SAFELIST);
	ws2fix__diag_skip(&c, MSG_HJT_SKIP_TRANSPORTS);
	if (c.oom) {
		ws2fix_diagnosis_free(c.d);
		return ws2fix__oom();
	}
	*out = c.d;
	return 0;
}

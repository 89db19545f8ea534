/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer target for the HijackThis log reader (--hijackthis) and the
 * findings made from it.
 *
 * Any input must parse or fail with WS2FIX_ECORRUPT (or ENOMEM); a crash,
 * a sanitizer report, a leak or another code is a bug.  When it parses,
 * the log must keep hijackthis.h's promises: a tool name, O10 lines in
 * order with the fields their kind needs, and a diagnosis whose counters
 * add up and that always says what a log cannot show.
 *
 * Built with libFuzzer when WS2FIX_FUZZ=ON; standalone_driver.c runs the
 * same function over corpus/hijackthis/ in every build.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "ws2fix/errors.h"
#include "ws2fix/hijackthis.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void die(const char *what)
{
	fprintf(stderr, "fuzz_hijackthis: %s (%s)\n", what, ws2fix_error_last()->message);
	abort();
}

static void check_log(const ws2fix_hjt_log *log)
{
	if (!log->tool)
		die("parsed without a tool name");
	if (log->elevated < -1 || log->elevated > 1)
		die("elevated out of range");
	for (size_t i = 0; i < log->count; i++) {
		const ws2fix_hjt_o10 *o = &log->o10[i];
		if (!o->text || o->line == 0 || (i && o->line <= log->o10[i - 1].line))
			die("O10 line text or order");
		switch (o->kind) {
		case WS2FIX_HJT_O10_PROVIDER_MISSING:
		case WS2FIX_HJT_O10_UNKNOWN_FILE:
			if (!o->path || !o->path[0])
				die("a DLL line without a path");
			break;
		case WS2FIX_HJT_O10_HIJACKED:
			if (!o->name || !o->name[0])
				die("a hijack line without a name");
			break;
		case WS2FIX_HJT_O10_CHAIN_GAP:
		case WS2FIX_HJT_O10_OTHER:
			break;
		default:
			die("unknown kind");
		}
	}
	ws2fix_diagnosis *d = NULL;
	int rc = ws2fix_hjt_diagnose(&d, log, NULL);
	if (rc < 0) {
		if (rc != WS2FIX_ENOMEM)
			die("diagnose failed");
		return;
	}
	size_t e = 0, w = 0, n = 0, per_line = 0;
	for (size_t i = 0; i < d->count; i++) {
		/* SOURCE_INCOMPLETE speaks of the log itself (one cut short), not
		 * of one of its lines. */
		per_line += d->findings[i].code != WS2FIX_F_SOURCE_INCOMPLETE;
		if (!d->findings[i].message || !d->findings[i].fix)
			die("finding without text");
		if (d->findings[i].severity == WS2FIX_SEV_ERROR)
			e++;
		else if (d->findings[i].severity == WS2FIX_SEV_WARNING)
			w++;
		else
			n++;
	}
	if (e != d->errors || w != d->warnings || n != d->infos || per_line > log->count)
		die("counters do not add up");
	if (d->skipped_count < 4)
		die("the diagnosis does not say what a log cannot show");
	ws2fix_diagnosis_free(d);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	ws2fix_hjt_log *log = NULL;
	int rc = ws2fix_hjt_parse(&log, data, size);
	if (rc < 0) {
		if (rc != WS2FIX_ECORRUPT && rc != WS2FIX_ENOMEM)
			die("parse returned an unexpected code");
		if (log)
			die("failed but returned a log");
		return 0;
	}
	check_log(log);
	ws2fix_hjt_log_free(log);
	return 0;
}

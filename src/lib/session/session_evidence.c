/* SPDX-License-Identifier: MIT */
/*
 * What the session takes as evidence, checked before it acts
 * (include/ws2fix/session.h): the Windows folder its file checks use (found
 * and verified in session_open.c) in words, and --os against what the
 * source itself shows.  An inference that the evidence contradicts is said,
 * and no write rests on it without --force.
 */
#include "session_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../errors_internal.h"
#include "../../util/buf.h"
#include "ws2fix/errors.h"

static const char *windir_from(const ws2fix_session *s)
{
	return ws2fix_msg(s->windir.from_hive_path ? MSG_WINDIR_FROM_HIVE : MSG_WINDIR_FROM_OPTION, s->lang);
}

/* A detection that rests on the source's own version values (a hive's
 * CurrentVersion or driver versions, the running system), not on what the
 * catalog's entries suggest. */
static int strong(const ws2fix_osinfo *d)
{
	return d->family != WS2FIX_OS_UNKNOWN && d->detected_from[0] && strcmp(d->detected_from, "entries") != 0 &&
	       strcmp(d->detected_from, "override") != 0;
}

static int bits64(const char *arch)
{
	return !strcmp(arch, "x64") || !strcmp(arch, "arm64");
}

static const char *arch_words(const ws2fix_osinfo *os, ws2fix_lang lang)
{
	if (os->arch[0])
		return os->arch;
	return ws2fix_msg(MSG_DIAG_OS_ARCH_UNKNOWN, lang);
}

char *ws2fix__session_no_probe_why(const ws2fix_session *s)
{
	ws2fix_buf b = WS2FIX_BUF_INIT;
	const ws2fix_windows_dir *w = &s->windir;
	switch (w->use) {
	case WS2FIX_WINDIR_NOT_WINDOWS:
		ws2fix__buf_printf(&b, ws2fix_msg(MSG_SKIP_DLL_NOT_WINDOWS, s->lang), w->path, windir_from(s), w->missing);
		break;
	case WS2FIX_WINDIR_OTHER_ARCH:
		ws2fix__buf_printf(&b, ws2fix_msg(MSG_SKIP_DLL_OTHER_ARCH, s->lang), w->path, windir_from(s),
			ws2fix_msg(w->has_syswow64 ? MSG_WINDIR_ARCH_64 : MSG_WINDIR_ARCH_32, s->lang), s->detected.arch);
		break;
	case WS2FIX_WINDIR_OFF:
		ws2fix__buf_puts(&b, ws2fix_msg(MSG_SKIP_DLL_OFF, s->lang));
		break;
	default:
		return NULL;
	}
	return ws2fix__buf_detach(&b);
}

char *ws2fix_session_windows_dir_text(const ws2fix_session *s)
{
	if (s->windir.use != WS2FIX_WINDIR_USED)
		return NULL;
	ws2fix_buf b = WS2FIX_BUF_INIT;
	ws2fix__buf_printf(&b, ws2fix_msg(MSG_WINDIR_USED, s->lang), s->windir.path, windir_from(s));
	return ws2fix__buf_detach(&b);
}

/* 1 when the catalog has a 64-bit view: only a 64-bit Windows writes one. */
static int catalog_64(const ws2fix_catalog *cat)
{
	return cat && (cat->protocol[WS2FIX_VIEW_64].info.present || cat->namespaces[WS2FIX_VIEW_64].info.present);
}

int ws2fix__session_os_conflict(ws2fix_session *s, const ws2fix_osinfo *override)
{
	free(s->os_conflict);
	s->os_conflict = NULL;
	if (!override)
		return 0;
	const ws2fix_osinfo *d = &s->detected;
	char given[96];
	snprintf(given, sizeof(given), "%s%s%s", override->name, override->arch[0] ? " " : "", override->arch);
	ws2fix_buf b = WS2FIX_BUF_INIT;
	if (strong(d) && d->family != override->family) {
		char shown[96];
		snprintf(shown, sizeof(shown), "%s %s", d->name, arch_words(d, s->lang));
		ws2fix__buf_printf(&b, ws2fix_msg(MSG_OS_CONFLICT_VERSION, s->lang), override->id, given, shown,
			d->evidence);
	} else if (override->arch[0]) {
		int known = 0, src64 = 0;
		const char *why = NULL;
		if (strong(d) && d->arch[0]) {
			known = 1;
			src64 = bits64(d->arch);
			why = d->evidence;
		} else if (catalog_64(s->cat)) {
			known = src64 = 1;
			why = ws2fix_msg(MSG_OS_CATALOG_64, s->lang);
		}
		if (known && src64 != bits64(override->arch))
			ws2fix__buf_printf(&b, ws2fix_msg(MSG_OS_CONFLICT_ARCH, s->lang), override->id, given,
				ws2fix_msg(src64 ? MSG_OS_BITS_64 : MSG_OS_BITS_32, s->lang), why);
	}
	if (!b.len)
		return 0;
	s->os_conflict = ws2fix__buf_detach(&b);
	return s->os_conflict ? 0 : ws2fix__oom();
}

const char *ws2fix_session_os_conflict(const ws2fix_session *s)
{
	return s->os_conflict;
}

char *ws2fix_session_os_refusal_text(const ws2fix_session *s)
{
	ws2fix_buf b = WS2FIX_BUF_INIT;
	ws2fix__buf_printf(&b, ws2fix_msg(MSG_RC_OS_CONFLICT_NAMED, s->lang), s->os_conflict ? s->os_conflict : "--os");
	return ws2fix__buf_detach(&b);
}

int ws2fix__session_refuse_os(const ws2fix_session *s)
{
	char *text = ws2fix_session_os_refusal_text(s);
	int rc = ws2fix__fail(WS2FIX_EINVALID, WS2FIX_ERRCLASS_INVALID, "%s", text ? text : "--os conflict");
	free(text);
	return rc;
}

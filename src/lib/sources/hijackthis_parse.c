/* SPDX-License-Identifier: MIT */
/*
 * HijackThis logs: the header and the O10 (Winsock LSP) lines
 * (include/ws2fix/hijackthis.h); the findings they stand for are
 * src/lib/diagnose/check_hijackthis.c.
 *
 * The wordings are those the HijackThis sources build (read, not copied):
 * Trend Micro HijackThis 2.0.4 (dragokas/hijackthis release/2.0.4/modLSP.bas)
 * and HiJackThis Fork (dragokas/hijackthis/src/modLSP.bas); the Fork's
 * header lines "Platform:" and "Elevated:  Yes|No" as its log writers
 * build them.  docs/cli/hijackthis-input.md lists them with their commits.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ws2fix/hijackthis.h"
#include "ws2fix/errors.h"
#include "ws2fix/providers.h"
#include "pasted_text.h"
#include "source_open.h"
#include "../errors_internal.h"
#include "../platform.h"
#include "../../util/buf.h"
#include "../../util/utf.h"

const char *ws2fix_hjt_o10_kind_name(ws2fix_hjt_o10_kind kind)
{
	switch (kind) {
	case WS2FIX_HJT_O10_PROVIDER_MISSING: return "provider-missing";
	case WS2FIX_HJT_O10_CHAIN_GAP: return "chain-gap";
	case WS2FIX_HJT_O10_UNKNOWN_FILE: return "unknown-file";
	case WS2FIX_HJT_O10_HIJACKED: return "hijacked";
	default: return "other";
	}
}

/* ---- small text helpers ---------------------------------------------- */

static int lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

/* Case-insensitive prefix: returns what follows, or NULL. */
static const char *after_prefix(const char *s, const char *end, const char *prefix)
{
	for (; *prefix; prefix++, s++)
		if (s >= end || lower((unsigned char)*s) != lower((unsigned char)*prefix))
			return NULL;
	return s;
}

/* Case-insensitive search inside [s, end). */
static const char *find_ci(const char *s, const char *end, const char *needle)
{
	size_t n = strlen(needle);
	for (; s + n <= end; s++)
		if (after_prefix(s, end, needle))
			return s;
	return NULL;
}

static int is_blank(int c)
{
	return c == ' ' || c == '\t';
}

static void trim(const char **s, const char **end)
{
	while (*s < *end && is_blank((unsigned char)**s))
		(*s)++;
	while (*end > *s && (is_blank((unsigned char)(*end)[-1]) || (*end)[-1] == '\r'))
		(*end)--;
}

static int parse_uint(const char **p, const char *end, unsigned int *out)
{
	unsigned long v = 0;
	const char *s = *p;
	if (s >= end || *s < '0' || *s > '9')
		return 0;
	while (s < end && *s >= '0' && *s <= '9') {
		v = v * 10 + (unsigned long)(*s - '0');
		if (v > 100000000ul)
			return 0;
		s++;
	}
	*out = (unsigned int)v;
	*p = s;
	return 1;
}

/* ---- one O10 line ------------------------------------------------------ */

void ws2fix_hjt_o10_clear(ws2fix_hjt_o10 *o)
{
	if (!o)
		return;
	free(o->text);
	free(o->path);
	free(o->name);
	memset(o, 0, sizeof(*o));
}

/* The DLL path of "Unknown file in Winsock LSP: PATH": the Fork may append a
 * checksum after it, so the path ends after ".dll" when one follows a space. */
static void path_end(const char *s, const char **end)
{
	const char *dll = s;
	const char *found = NULL;
	while ((dll = find_ci(dll, *end, ".dll")) != NULL) {
		const char *after = dll + 4;
		if (after == *end || is_blank((unsigned char)*after) || *after == '\'' || *after == '"')
			found = after;
		dll = after;
	}
	if (found)
		*end = found;
}

static char *dup_range(const char *s, const char *end)
{
	char *p = ws2fix__strndup(s, (size_t)(end - s));
	return p;
}

int ws2fix_hjt_o10_parse(ws2fix_hjt_o10 *out, const char *line, size_t len)
{
	const char *s = line, *end = line + len, *p, *q;
	memset(out, 0, sizeof(*out));
	trim(&s, &end);
	p = after_prefix(s, end, "O10");
	if (!p)
		return 0;
	/* "O10 - ", and the Fork's "O10-32 - " style section names. */
	if (p < end && *p == '-' && p + 2 < end && p[1] >= '0' && p[1] <= '9')
		p += 3;
	while (p < end && is_blank((unsigned char)*p))
		p++;
	if (p >= end || *p != '-')
		return 0;
	p++;
	while (p < end && is_blank((unsigned char)*p))
		p++;
	out->text = dup_range(s, end);
	if (!out->text)
		return WS2FIX_ENOMEM;

	if ((q = after_prefix(p, end, "Broken Internet access because of LSP provider '")) != NULL) {
		const char *close = end;
		while (close > q && close[-1] != '\'')
			close--;
		if (close > q && after_prefix(close, end, " missing") && close - 1 > q) {
			out->kind = WS2FIX_HJT_O10_PROVIDER_MISSING;
			out->path = dup_range(q, close - 1);
			return out->path ? 1 : WS2FIX_ENOMEM;
		}
	} else if ((q = after_prefix(p, end, "Broken Internet access because of missing LSP provider:")) != NULL) {
		while (q < end && (is_blank((unsigned char)*q) || *q == '\''))
			q++;
		const char *e = end;
		while (e > q && e[-1] == '\'')
			e--;
		if (e > q) {
			out->kind = WS2FIX_HJT_O10_PROVIDER_MISSING;
			out->path = dup_range(q, e);
			return out->path ? 1 : WS2FIX_ENOMEM;
		}
	} else if ((q = after_prefix(p, end, "Broken Internet access because of LSP chain gap (#")) != NULL) {
		unsigned int n, m;
		if (parse_uint(&q, end, &n) && (q = after_prefix(q, end, " in chain of ")) != NULL &&
		    parse_uint(&q, end, &m) && after_prefix(q, end, " missing)")) {
			out->kind = WS2FIX_HJT_O10_CHAIN_GAP;
			out->gap_index = n;
			out->gap_total = m;
			return 1;
		}
	} else if ((q = after_prefix(p, end, "Unknown file in Winsock LSP:")) != NULL) {
		const char *e = end;
		while (q < e && is_blank((unsigned char)*q))
			q++;
		path_end(q, &e);
		if (e > q) {
			out->kind = WS2FIX_HJT_O10_UNKNOWN_FILE;
			out->path = dup_range(q, e);
			return out->path ? 1 : WS2FIX_ENOMEM;
		}
	} else if ((q = after_prefix(p, end, "Hijacked Internet access by ")) != NULL) {
		const char *e = end;
		while (e > q && (e[-1] == '.' || is_blank((unsigned char)e[-1])))
			e--;
		if (e > q) {
			out->kind = WS2FIX_HJT_O10_HIJACKED;
			out->name = dup_range(q, e);
			return out->name ? 1 : WS2FIX_ENOMEM;
		}
	}
	out->kind = WS2FIX_HJT_O10_OTHER;
	return 1;
}

/* ---- the whole log ------------------------------------------------------ */

void ws2fix_hjt_log_free(ws2fix_hjt_log *log)
{
	if (!log)
		return;
	for (size_t i = 0; i < log->count; i++)
		ws2fix_hjt_o10_clear(&log->o10[i]);
	free(log->o10);
	free(log->tool);
	free(log->platform);
	free(log);
}

/* Windows from the Platform line.  HijackThis 2.0.x prints a name and
 * "(WinNT major.minor.build)"; it says "Unknown Windows (WinNT 6.02.1008)"
 * for everything since Windows 8 (it is not manifested for them), so 6.02
 * there means "8 or later".  The Fork prints "x64 Windows 10 Pro (2004),
 * 10.0.19041.329, ...". */
static void platform_to_os(ws2fix_osinfo *os, const char *v)
{
	static const struct {
		const char *name;
		const char *id;
	} names[] = {
		{"Windows 11", "11"}, {"Windows 10", "10"}, {"Windows 8.1", "8.1"}, {"Windows 8", "8"},
		{"Windows 7", "7"}, {"Windows Vista", "vista"}, {"Windows Server 2003", "2003"},
		{"Windows 2003", "2003"}, {"Windows XP SP3", "xp-sp3"}, {"Windows XP SP2", "xp-sp2"},
		{"Windows XP SP1", "xp-sp1"}, {"Windows XP", "xp"}, {"Windows 2000", "2000"},
	};
	const char *end = v + strlen(v);
	memset(os, 0, sizeof(*os));
	os->service_pack = -1;
	os->is_server = -1;
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		if (find_ci(v, end, names[i].name) && ws2fix_os_parse(os, names[i].id) == 0)
			break;
	}
	if (os->family == WS2FIX_OS_UNKNOWN) {
		const char *nt = find_ci(v, end, "WinNT ");
		unsigned int major = 0, minor = 0;
		if (nt) {
			const char *p = nt + 6;
			if (parse_uint(&p, end, &major) && p < end && *p == '.' && (p++, parse_uint(&p, end, &minor))) {
				const char *id = NULL;
				if (major == 5 && minor == 0) id = "2000";
				else if (major == 5 && minor == 1) id = "xp";
				else if (major == 5 && minor == 2) id = "2003";
				else if (major == 6 && minor == 0) id = "vista";
				else if (major == 6 && minor == 1) id = "7";
				if (id)
					ws2fix_os_parse(os, id);
			}
		}
	}
	if (find_ci(v, end, "x64"))
		snprintf(os->arch, sizeof(os->arch), "x64");
	else if (find_ci(v, end, "x86"))
		snprintf(os->arch, sizeof(os->arch), "x86");
	snprintf(os->detected_from, sizeof(os->detected_from), "hijackthis");
	snprintf(os->evidence, sizeof(os->evidence), "Platform: %s", v);
}

typedef struct cursor {
	const char *p, *end;
	unsigned int line;
} cursor;

static int next_line(cursor *c, const char **s, const char **e)
{
	if (c->p >= c->end)
		return 0;
	*s = c->p;
	const char *nl = memchr(c->p, '\n', (size_t)(c->end - c->p));
	*e = nl ? nl : c->end;
	c->p = nl ? nl + 1 : c->end;
	c->line++;
	return 1;
}

static int corrupt(const char *name, unsigned int line, const char *why)
{
	if (line)
		return ws2fix__fail(WS2FIX_ECORRUPT, WS2FIX_ERRCLASS_CATALOG, "%s:%u: %s", name, line, why);
	return ws2fix__fail(WS2FIX_ECORRUPT, WS2FIX_ERRCLASS_CATALOG, "%s: %s", name, why);
}

/* Binary data: control characters other than tab, CR, LF, form feed (a
 * Windows-1252 file has no NULs; UTF-16 was decoded already). */
static unsigned int binary_line(const char *text, const char *end)
{
	unsigned int line = 1;
	for (const char *p = text; p < end; p++) {
		unsigned char c = (unsigned char)*p;
		if (c == '\n')
			line++;
		else if (c < 0x20 && c != '\t' && c != '\r' && c != '\f')
			return line;
	}
	return 0;
}

static int add_o10(ws2fix_hjt_log *log, size_t *cap, ws2fix_hjt_o10 *o)
{
	if (log->count == *cap) {
		size_t ncap = *cap ? *cap * 2 : 8;
		ws2fix_hjt_o10 *n = realloc(log->o10, ncap * sizeof(*n));
		if (!n)
			return WS2FIX_ENOMEM;
		log->o10 = n;
		*cap = ncap;
	}
	log->o10[log->count++] = *o;
	return 0;
}

/* Where a log is while its lines are read. */
typedef struct reading {
	ws2fix_hjt_log *log;
	size_t cap;              /* of log->o10 */
	int header, footer;
} reading;

/* NUL bytes in what is not UTF-16 are binary data, not a log. */
static int binary_input(const unsigned char *data, size_t len, const char *name)
{
	if (len >= 2 && ((data[0] == 0xFF && data[1] == 0xFE) || (data[0] == 0xFE && data[1] == 0xFF)))
		return 0;
	const unsigned char *nul = len ? memchr(data, 0, len) : NULL;
	if (nul && !(len >= 4 && data[0] && !data[1] && data[2] && !data[3]))
		return corrupt(name, 0, "binary data, not a HijackThis log (a NUL byte)");
	return 0;
}

/* "Platform:" and "Elevated:" lines.  @return 1 when the line was one */
static int header_field(ws2fix_hjt_log *log, const char *s, const char *e, int *rc)
{
	const char *v;
	if (!log->platform && (v = after_prefix(s, e, "Platform:")) != NULL) {
		while (v < e && is_blank((unsigned char)*v))
			v++;
		log->platform = dup_range(v, e);
		if (!log->platform)
			*rc = WS2FIX_ENOMEM;
		else
			platform_to_os(&log->os, log->platform);
		return 1;
	}
	if (log->elevated < 0 && (v = after_prefix(s, e, "Elevated:")) != NULL) {
		while (v < e && is_blank((unsigned char)*v))
			v++;
		if (after_prefix(v, e, "Yes"))
			log->elevated = 1;
		else if (after_prefix(v, e, "No"))
			log->elevated = 0;
		return 1;
	}
	return 0;
}

/* One trimmed line: forum text before the header, the header, the footer,
 * a header field or an O10 line.  @return 0 or WS2FIX_ENOMEM */
static int read_line(reading *r, const char *s, const char *e, unsigned int line)
{
	ws2fix_hjt_log *log = r->log;
	if (!r->header) {
		const char *t = after_prefix(s, e, "Logfile of ");
		if (t && find_ci(t, e, "hijackthis")) {
			r->header = 1;
			log->tool = dup_range(t, e);
			log->fork = find_ci(t, e, "Fork") != NULL;
			if (!log->tool)
				return WS2FIX_ENOMEM;
		}
		return 0; /* what comes before the header is forum text */
	}
	if (r->footer) {
		if (s < e && after_prefix(s, e, "O10"))
			r->footer = 0; /* text after the footer that is a log line: not the end */
		return 0;
	}
	if (after_prefix(s, e, "End of file")) {
		r->footer = 1;
		return 0;
	}
	int rc = 0;
	if (header_field(log, s, e, &rc))
		return rc;
	ws2fix_hjt_o10 o;
	int found = ws2fix_hjt_o10_parse(&o, s, (size_t)(e - s));
	if (found < 0)
		return WS2FIX_ENOMEM;
	if (found > 0) {
		o.line = line;
		if (add_o10(log, &r->cap, &o) < 0) {
			ws2fix_hjt_o10_clear(&o);
			return WS2FIX_ENOMEM;
		}
	}
	return 0;
}

static int parse_named(ws2fix_hjt_log **out, const unsigned char *data, size_t len, const char *name)
{
	char *text = NULL;
	size_t tlen = 0;
	*out = NULL;
	if (!data && len)
		return ws2fix__fail(WS2FIX_EINVALID, WS2FIX_ERRCLASS_INVALID, "no text");
	int rc = binary_input(data, len, name);
	if (rc == 0)
		rc = ws2fix__pasted_text_decode(&text, &tlen, data ? data : (const unsigned char *)"", len);
	if (rc < 0)
		return rc;
	reading r = {calloc(1, sizeof(ws2fix_hjt_log)), 0, 0, 0};
	if (!r.log) {
		free(text);
		return ws2fix__oom();
	}
	r.log->elevated = -1;
	r.log->os.service_pack = -1;
	r.log->os.is_server = -1;

	unsigned int bad = binary_line(text, text + tlen);
	cursor c = {text, text + tlen, 0};
	const char *s, *e;
	if (bad)
		rc = corrupt(name, bad, "binary data, not a HijackThis log (a control character)");
	while (rc == 0 && next_line(&c, &s, &e)) {
		if ((size_t)(e - s) > WS2FIX_HJT_MAX_LINE) {
			char why[96];
			snprintf(why, sizeof(why), "a line of %zu bytes: not a HijackThis log (lines are under %u)",
				(size_t)(e - s), WS2FIX_HJT_MAX_LINE);
			rc = corrupt(name, c.line, why);
			break;
		}
		trim(&s, &e);
		rc = read_line(&r, s, e, c.line);
	}
	if (rc == 0 && !r.header)
		rc = corrupt(name, 0, "no \"Logfile of ... HijackThis\" header: not a HijackThis log");
	/* No footer: a pasted excerpt or a log cut short.  It is read; the
	 * diagnosis says it ends early (ws2fix_hjt_diagnose). */
	r.log->complete = r.footer;
	r.log->lines = c.line;
	free(text);
	if (rc == WS2FIX_ENOMEM)
		rc = ws2fix__oom();
	if (rc < 0) {
		ws2fix_hjt_log_free(r.log);
		return rc;
	}
	*out = r.log;
	return 0;
}

int ws2fix_hjt_parse(ws2fix_hjt_log **out, const unsigned char *text, size_t len)
{
	if (!out)
		return ws2fix__fail(WS2FIX_EINVALID, WS2FIX_ERRCLASS_INVALID, "no output");
	return parse_named(out, text, len, "(hijackthis log)");
}

/* parse_named as a pasted-text parser (pasted_text.h). */
static int parse_any(void *out, const unsigned char *data, size_t len, const char *name)
{
	return parse_named(out, data, len, name);
}

int ws2fix_hjt_read(ws2fix_hjt_log **out, const char *path)
{
	if (out)
		*out = NULL;
	return ws2fix__pasted_file_parse(out, path, WS2FIX_HJT_MAX_FILE, parse_any);
}

/* The HijackThis line of include/ws2fix/sources.def. */
int ws2fix__source_open_hijackthis(ws2fix_source_parts *out, const char *path, const ws2fix_open_options *open,
	ws2fix_lang lang, unsigned int flags)
{
	(void)open;
	(void)lang;
	(void)flags;
	return ws2fix_hjt_read(&out->hjt, path);
}

/* "Logfile of" and "HijackThis" on one line, in ASCII or UTF-16LE text
 * (NUL bytes are skipped), case-insensitively. */
static int has_hjt_header(const unsigned char *data, size_t len)
{
	static const char a[] = "logfile of", b[] = "hijackthis";
	size_t ia = 0, ib = 0, limit = len < 65536 ? len : 65536;
	int seen_a = 0;
	for (size_t i = 0; i < limit; i++) {
		unsigned char c = data[i];
		if (c == 0)
			continue;
		if (c == '\n') {
			seen_a = 0;
			ia = ib = 0;
			continue;
		}
		if (c >= 'A' && c <= 'Z')
			c = (unsigned char)(c - 'A' + 'a');
		ia = c == (unsigned char)a[ia] ? ia + 1 : (c == (unsigned char)a[0] ? 1 : 0);
		if (ia == sizeof(a) - 1) {
			seen_a = 1;
			ia = 0;
		}
		ib = c == (unsigned char)b[ib] ? ib + 1 : (c == (unsigned char)b[0] ? 1 : 0);
		if (ib == sizeof(b) - 1) {
			if (seen_a)
				return 1;
			ib = 0;
		}
	}
	return 0;
}

/* A HijackThis log: the log parses, or it has HijackThis's "Logfile of"
 * header (a log cut short is still a log, and its reader says why). */
int ws2fix__source_sniff_hijackthis(const unsigned char *data, size_t len)
{
	ws2fix_hjt_log *log = NULL;
	int found = ws2fix_hjt_parse(&log, data, len) == 0 || has_hjt_header(data, len);
	ws2fix_hjt_log_free(log);
	return found ? 2 : 0;
}

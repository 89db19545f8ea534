/* SPDX-License-Identifier: MIT */
/*
 * `netsh winsock show catalog` text into a ws2fix_catalog.
 *
 * The format facts come from shared/corpus/netsh/FORMAT.md.  The parser is
 * line based and allocation-light (no line array: a 16 MiB file of empty
 * lines must not cost a gigabyte).  Each line is cleaned first (whitespace,
 * CR, markdown quote markers and fences), then:
 *   - a non-empty line followed by a line of hyphens starts a block;
 *   - a block runs to the next empty line (or the next block start, for
 *     pastes that lost their blank lines);
 *   - inside it every line is "label: value", split at the first colon,
 *     because the value column is aligned in console cells, not characters.
 * Fields are taken by position (netsh prints them in a fixed order); labels
 * we know (English, German, Simplified Chinese) are checked against the
 * position so that a listing with a line missing is reported, not misread.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ws2fix/netsh.h"
#include "ws2fix/catalog.h"
#include "ws2fix/errors.h"
#include "../errors_internal.h"
#include "pasted_text.h"
#include "source_open.h"
#include "../platform.h"
#include "../../util/buf.h"
#include "../../util/utf.h"

/* Same bound as the registry reader: real catalogs have a few dozen. */
#define MAX_ENTRIES_PER_VIEW 4096
/* 13 protocol lines plus the chain line; anything longer is not netsh. */
#define MAX_FIELDS 14
#define PROTOCOL_FIELDS 13
#define NAMESPACE_FIELDS 5
/* netsh prints 54; forum software sometimes trims or pads such rules, and a
 * markdown "---" must not count, so accept any long run. */
#define MIN_HYPHENS 20

/* ---- labels --------------------------------------------------------- */

enum { BLOCK_UNKNOWN, BLOCK_PROTOCOL, BLOCK_NAMESPACE };

enum proto_field {
	PF_ENTRY_TYPE, PF_DESCRIPTION, PF_PROVIDER_ID, PF_PROVIDER_PATH, PF_CATALOG_ID,
	PF_VERSION, PF_ADDRESS_FAMILY, PF_MAX_ADDR, PF_MIN_ADDR, PF_SOCKET_TYPE,
	PF_PROTOCOL, PF_SERVICE_FLAGS, PF_CHAIN_LEN, PF_CHAIN
};

enum ns_field { NF_DESCRIPTION, NF_PROVIDER_ID, NF_NAMESPACE, NF_ACTIVE, NF_VERSION };

/* English, German, zh-CN as FORMAT.md lists them (NULL: not seen).  The
 * German chain-line label has never been seen: it is read by position. */
static const char *const proto_labels[MAX_FIELDS][3] = {
	{"Entry Type", "Eintragstyp", "\xE9\xA1\xB9\xE7\xB1\xBB\xE5\x9E\x8B"},
	{"Description", "Beschreibung", "\xE6\x8F\x8F\xE8\xBF\xB0"},
	{"Provider ID", "Anbieter-ID", "\xE6\x8F\x90\xE4\xBE\x9B\xE7\xA8\x8B\xE5\xBA\x8F ID"},
	{"Provider Path", "Anbieterpfad",
		"\xE6\x8F\x90\xE4\xBE\x9B\xE7\xA8\x8B\xE5\xBA\x8F\xE8\xB7\xAF\xE5\xBE\x84"},
	{"Catalog Entry ID", "Katalogeintrags-ID", "\xE7\x9B\xAE\xE5\xBD\x95\xE9\xA1\xB9 ID"},
	{"Version", "Version", "\xE7\x89\x88\xE6\x9C\xAC"},
	{"Address Family", "Adressfamilie", "\xE5\x9C\xB0\xE5\x9D\x80\xE6\x97\x8F"},
	{"Max Address Length", "Max. Adressl\xC3\xA4nge",
		"\xE6\x9C\x80\xE5\xA4\xA7\xE5\x9C\xB0\xE5\x9D\x80\xE9\x95\xBF\xE5\xBA\xA6"},
	{"Min Address Length", "Min. Adressl\xC3\xA4nge",
		"\xE6\x9C\x80\xE5\xB0\x8F\xE5\x9C\xB0\xE5\x9D\x80\xE9\x95\xBF\xE5\xBA\xA6"},
	{"Socket Type", "Sockettyp", "Socket \xE7\xB1\xBB\xE5\x9E\x8B"},
	{"Protocol", "Protokoll", "\xE5\x8D\x8F\xE8\xAE\xAE"},
	{"Service Flags", "Dienstflags", "\xE6\x9C\x8D\xE5\x8A\xA1\xE6\xA0\x87\xE5\xBF\x97"},
	{"Protocol Chain Length", "Protokollverkettungsl\xC3\xA4nge",
		"\xE5\x8D\x8F\xE8\xAE\xAE\xE9\x93\xBE\xE9\x95\xBF\xE5\xBA\xA6"},
	{"Protocol Chain", NULL, "\xE5\x8D\x8F\xE8\xAE\xAE\xE9\x93\xBE"},
};

/* German prints "Anbieterkennung" here, not the protocol blocks' "Anbieter-ID"
 * (FORMAT.md section 3); both are accepted.  zh-CN NSP labels: not seen. */
static const char *const ns_labels[NAMESPACE_FIELDS][3] = {
	{"Description", "Beschreibung", NULL},
	{"Provider ID", "Anbieterkennung", "Anbieter-ID"},
	{"Name Space", "Namespace", NULL},
	{"Active", "Aktiv", NULL},
	{"Version", "Version", NULL},
};

static const char *const proto_headers[] = {
	"Winsock Catalog Provider Entry", "Winsock-Kataloganbietereintrag",
	"Winsock \xE7\x9B\xAE\xE5\xBD\x95\xE6\x8F\x90\xE4\xBE\x9B\xE7\xA8\x8B\xE5\xBA\x8F\xE9\xA1\xB9",
};
static const char *const ns_headers[] = {"Name Space Provider Entry", "Namespace-Anbietereintrag"};

/* Labels that only ever occur in a catalog entry.  A line carrying one
 * outside a block means the paste starts or continues mid-entry; generic
 * words ("Version", "Description", "Protocol") can be in a banner too. */
static int is_distinctive_field(int kind, int field)
{
	if (kind == BLOCK_PROTOCOL)
		return field != PF_VERSION && field != PF_DESCRIPTION && field != PF_PROTOCOL;
	return field == NF_PROVIDER_ID || field == NF_NAMESPACE;
}

/* ---- small text helpers -------------------------------------------- */

/* Labels compare without ASCII case and spaces: "Name Space" and
 * "NameSpace" and "提供程序 ID" vs "提供程序ID" are the same label. */
static int label_eq(const char *a, size_t an, const char *b)
{
	size_t i = 0;
	for (;;) {
		while (i < an && a[i] == ' ')
			i++;
		while (*b == ' ')
			b++;
		if (i == an || !*b)
			return i == an && !*b;
		unsigned char x = (unsigned char)a[i], y = (unsigned char)*b;
		if (x >= 'A' && x <= 'Z')
			x = (unsigned char)(x + 32);
		if (y >= 'A' && y <= 'Z')
			y = (unsigned char)(y + 32);
		if (x != y)
			return 0;
		i++;
		b++;
	}
}

/* Which field a label names in a block of @p kind, or -1. */
static int label_field(int kind, const char *s, size_t n)
{
	int count = kind == BLOCK_PROTOCOL ? MAX_FIELDS : NAMESPACE_FIELDS;
	for (int f = 0; f < count; f++)
		for (int l = 0; l < 3; l++) {
			const char *lab = kind == BLOCK_PROTOCOL ? proto_labels[f][l] : ns_labels[f][l];
			if (lab && label_eq(s, n, lab))
				return f;
		}
	return -1;
}

static const char *field_label(int kind, int field)
{
	return kind == BLOCK_PROTOCOL ? proto_labels[field][0] : ns_labels[field][0];
}

/* Strip a trailing "(32)" (with or without a space before it: zh-CN writes
 * none).  @return 1 when there was one. */
static int strip_32(const char *s, size_t *n)
{
	size_t m = *n;
	if (m < 4 || memcmp(s + m - 4, "(32)", 4) != 0)
		return 0;
	m -= 4;
	while (m > 0 && (s[m - 1] == ' ' || s[m - 1] == '\t'))
		m--;
	*n = m;
	return 1;
}

static int header_kind(const char *s, size_t n)
{
	strip_32(s, &n);
	for (size_t i = 0; i < sizeof(proto_headers) / sizeof(proto_headers[0]); i++)
		if (label_eq(s, n, proto_headers[i]))
			return BLOCK_PROTOCOL;
	for (size_t i = 0; i < sizeof(ns_headers) / sizeof(ns_headers[0]); i++)
		if (label_eq(s, n, ns_headers[i]))
			return BLOCK_NAMESPACE;
	return BLOCK_UNKNOWN;
}

/* Decimal or 0x-hex, the whole string, into 0..UINT32_MAX. */
static int parse_u32(uint32_t *out, const char *s)
{
	uint64_t v = 0;
	int base = 10, digits = 0;
	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		base = 16;
		s += 2;
	}
	for (; *s; s++) {
		int d;
		if (*s >= '0' && *s <= '9')
			d = *s - '0';
		else if (base == 16 && *s >= 'a' && *s <= 'f')
			d = *s - 'a' + 10;
		else if (base == 16 && *s >= 'A' && *s <= 'F')
			d = *s - 'A' + 10;
		else
			return -1;
		v = v * (unsigned)base + (unsigned)d;
		if (v > UINT32_MAX)
			return -1;
		digits++;
	}
	if (!digits)
		return -1;
	*out = (uint32_t)v;
	return 0;
}

/* A signed field.  netsh prints %d, but NetBIOS protocols are -LANA and a
 * tool may have printed them unsigned (2147483648) or in hex, so every
 * 32-bit spelling is taken and wrapped the way the registry stores it. */
static int parse_i32(int32_t *out, const char *s)
{
	uint32_t u;
	if (s[0] == '-') {
		/* A minus sign goes with decimal only: "-0x10" is nobody's output. */
		if (s[1] == '0' && (s[2] == 'x' || s[2] == 'X'))
			return -1;
		if (parse_u32(&u, s + 1) < 0 || u > 0x80000000u)
			return -1;
		*out = (int32_t)(0u - u);
		return 0;
	}
	if (parse_u32(&u, s) < 0)
		return -1;
	*out = (int32_t)u;
	return 0;
}

/* A strictly valid UTF-8 sequence (no overlongs, no surrogates)?  Text that
 * is not is taken as Windows-1252, the code page pastes of the time used. */
static int utf8_valid(const unsigned char *s, size_t n)
{
	size_t i = 0;
	while (i < n) {
		unsigned char c = s[i];
		size_t k;
		uint32_t cp, min;
		if (c < 0x80) {
			i++;
			continue;
		} else if (c >= 0xC2 && c <= 0xDF) {
			k = 1;
			cp = c & 0x1Fu;
			min = 0x80;
		} else if (c >= 0xE0 && c <= 0xEF) {
			k = 2;
			cp = c & 0x0Fu;
			min = 0x800;
		} else if (c >= 0xF0 && c <= 0xF4) {
			k = 3;
			cp = c & 0x07u;
			min = 0x10000;
		} else {
			return 0;
		}
		if (n - i <= k)
			return 0;
		for (size_t j = 1; j <= k; j++) {
			if ((s[i + j] & 0xC0) != 0x80)
				return 0;
			cp = cp << 6 | (s[i + j] & 0x3Fu);
		}
		if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
			return 0;
		i += k + 1;
	}
	return 1;
}

/* The input as UTF-8 (see netsh.h for what is recognised).  Always returns
 * an owned, NUL-terminated copy. */
int ws2fix__pasted_text_decode(char **out, size_t *out_len, const unsigned char *in, size_t len)
{
	*out = NULL;
	if (len >= 2 && in[0] == 0xFF && in[1] == 0xFE)
		return ws2fix__utf16le_to_utf8(out, out_len, in + 2, len - 2, 0, NULL);
	if (len >= 2 && in[0] == 0xFE && in[1] == 0xFF) {
		size_t n = (len - 2) & ~(size_t)1;
		unsigned char *sw = malloc(n ? n : 1);
		if (!sw)
			return ws2fix__oom();
		for (size_t i = 0; i < n; i += 2) {
			sw[i] = in[2 + i + 1];
			sw[i + 1] = in[2 + i];
		}
		int rc = ws2fix__utf16le_to_utf8(out, out_len, sw, n, 0, NULL);
		free(sw);
		return rc;
	}
	/* No BOM but NUL high bytes around ASCII: UTF-16LE written by a tool
	 * that omits the BOM.  netsh text starts with a newline or a letter. */
	if (len >= 4 && in[0] && !in[1] && in[2] && !in[3])
		return ws2fix__utf16le_to_utf8(out, out_len, in, len, 0, NULL);
	if (len >= 3 && in[0] == 0xEF && in[1] == 0xBB && in[2] == 0xBF) {
		in += 3;
		len -= 3;
	}
	if (utf8_valid(in, len)) {
		char *s = malloc(len + 1);
		if (!s)
			return ws2fix__oom();
		if (len)
			memcpy(s, in, len);
		s[len] = '\0';
		*out = s;
		*out_len = len;
		return 0;
	}
	/* Windows-1252: every byte becomes at most 3 UTF-8 bytes.  The codec
	 * stops at a NUL, so convert NUL-separated runs one by one. */
	if (len > (SIZE_MAX - 1) / 3)
		return ws2fix__oom();
	char *s = malloc(3 * len + 1);
	if (!s)
		return ws2fix__oom();
	size_t o = 0, i = 0;
	while (i < len) {
		if (in[i] == 0) {
			s[o++] = ' ';
			i++;
			continue;
		}
		size_t used = ws2fix__cp1252_to_utf8(s + o, 3 * len + 1 - o, in + i, len - i);
		o += strlen(s + o);
		if (used == 0)
			break; /* cannot happen with 3 bytes per byte; never loop */
		i += used;
	}
	s[o] = '\0';
	*out = s;
	*out_len = o;
	return 0;
}

/* ---- lines ------------------------------------------------------------ */

typedef struct cursor {
	const char *p, *end;
	unsigned no; /* number of the line that `p` starts */
} cursor;

typedef struct line {
	const char *s;
	size_t n;
	unsigned no;
} line;

static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

/* Next line, cleaned: surrounding whitespace (and CR) trimmed, leading
 * quote markers dropped, fence lines made empty.  @return 0 at the end. */
static int next_line(cursor *c, line *l)
{
	if (c->p >= c->end)
		return 0;
	const char *s = c->p;
	const char *nl = memchr(s, '\n', (size_t)(c->end - s));
	const char *e = nl ? nl : c->end;
	c->p = nl ? nl + 1 : c->end;
	l->no = c->no++;
	while (s < e && is_space(*s))
		s++;
	while (s < e && *s == '>') {
		s++;
		while (s < e && is_space(*s))
			s++;
	}
	while (e > s && (is_space(e[-1]) || e[-1] == '\0'))
		e--;
	if (e - s >= 3 && (memcmp(s, "```", 3) == 0 || memcmp(s, "~~~", 3) == 0))
		e = s;
	l->s = s;
	l->n = (size_t)(e - s);
	return 1;
}

static int is_hyphens(const line *l)
{
	if (l->n < MIN_HYPHENS)
		return 0;
	for (size_t i = 0; i < l->n; i++)
		if (l->s[i] != '-')
			return 0;
	return 1;
}

/* Does a block start at @p l (a non-empty line followed by hyphens)?  On
 * yes, *after is the cursor past the hyphen line. */
static int block_starts(const line *l, const cursor *c, cursor *after)
{
	if (l->n == 0 || is_hyphens(l))
		return 0;
	cursor k = *c;
	line h;
	if (!next_line(&k, &h) || !is_hyphens(&h))
		return 0;
	*after = k;
	return 1;
}

/* Split "label: value" at the first colon (ASCII, or the full-width one a
 * CJK input method may produce).  @return 0, or -1 when there is none. */
static int split_field(const line *l, const char **lab, size_t *lab_n, const char **val, size_t *val_n)
{
	for (size_t i = 0; i < l->n; i++) {
		size_t skip = 0;
		if (l->s[i] == ':')
			skip = 1;
		else if (i + 3 <= l->n && memcmp(l->s + i, "\xEF\xBC\x9A", 3) == 0)
			skip = 3;
		if (!skip)
			continue;
		size_t ln = i;
		while (ln > 0 && is_space(l->s[ln - 1]))
			ln--;
		const char *v = l->s + i + skip;
		const char *ve = l->s + l->n;
		while (v < ve && is_space(*v))
			v++;
		*lab = l->s;
		*lab_n = ln;
		*val = v;
		*val_n = (size_t)(ve - v);
		return 0;
	}
	return -1;
}

/* ---- parse state ------------------------------------------------------ */

typedef struct field {
	char *label;
	char *value; /* NUL-terminated copy; embedded NULs simply cut it */
	unsigned no;
} field;

typedef struct parser {
	const char *name; /* for messages: a path or "(netsh text)" */
	ws2fix_catalog *cat;
	size_t cap_proto[2], cap_ns[2];
	int any32;
} parser;

static int corrupt(const parser *ps, unsigned lineno, const char *fmt, ...) WS2FIX_PRINTF(3, 4);
static int corrupt(const parser *ps, unsigned lineno, const char *fmt, ...)
{
	ws2fix_buf b = WS2FIX_BUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	ws2fix__buf_vprintf(&b, fmt, ap);
	va_end(ap);
	if (ws2fix__buf_oom(&b)) {
		ws2fix__buf_free(&b);
		return ws2fix__oom();
	}
	int rc = ws2fix__fail(WS2FIX_ECORRUPT, WS2FIX_ERRCLASS_CATALOG, "%s:%u: %s", ps->name, lineno,
		ws2fix__buf_cstr(&b));
	ws2fix__buf_free(&b);
	return rc;
}

/* How much of a value to quote in a message: at most 60 bytes, not cutting
 * a UTF-8 sequence. */
static int quote_len(const char *s)
{
	size_t n = strlen(s);
	if (n <= 60)
		return (int)n;
	n = 60;
	while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
		n--;
	return (int)n;
}

static void free_fields(field *f, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(f[i].label);
		free(f[i].value);
	}
}

static char *make_key(size_t ordinal)
{
	char k[24];
	snprintf(k, sizeof(k), "%012u", (unsigned)ordinal);
	return ws2fix__strdup(k);
}

/* Room for one more entry in an array of @p esize-byte entries. */
static int grow(const parser *ps, void **arr, size_t *cap, size_t count, size_t esize, unsigned lineno)
{
	if (count >= MAX_ENTRIES_PER_VIEW)
		return corrupt(ps, lineno, "more than %d entries in one catalog", MAX_ENTRIES_PER_VIEW);
	if (count < *cap)
		return 0;
	size_t ncap = *cap ? *cap * 2 : 16;
	void *n = realloc(*arr, ncap * esize);
	if (!n)
		return ws2fix__oom();
	memset((char *)n + *cap * esize, 0, (ncap - *cap) * esize);
	*arr = n;
	*cap = ncap;
	return 0;
}

/* Check that every known label stands where its field belongs. */
static int check_labels(const parser *ps, int kind, const field *f, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		int at = label_field(kind, f[i].label, strlen(f[i].label));
		if (at >= 0 && (size_t)at != i)
			return corrupt(ps, f[i].no, "expected \"%s\" here, found \"%s\" (a line is missing?)",
				field_label(kind, (int)i), f[i].label);
	}
	return 0;
}

static int num_u32(const parser *ps, const field *f, uint32_t *out)
{
	if (parse_u32(out, f->value) < 0)
		return corrupt(ps, f->no, "%s \"%.*s\" is not a number", f->label, quote_len(f->value), f->value);
	return 0;
}

static int num_i32(const parser *ps, const field *f, int32_t *out)
{
	if (parse_i32(out, f->value) < 0)
		return corrupt(ps, f->no, "%s \"%.*s\" is not a number", f->label, quote_len(f->value), f->value);
	return 0;
}

static int guid(const parser *ps, const field *f, ws2fix_guid *out)
{
	if (ws2fix_guid_parse(out, f->value) < 0)
		return corrupt(ps, f->no, "%s \"%.*s\" is not a GUID", f->label, quote_len(f->value), f->value);
	return 0;
}

/* "1031 : 1006" -> ids.  Stores at most WS2FIX_MAX_CHAIN_LEN, counts all. */
static int parse_chain(const parser *ps, const field *f, uint32_t ids[WS2FIX_MAX_CHAIN_LEN], size_t *count)
{
	const char *s = f->value;
	size_t n = 0;
	for (;;) {
		while (*s == ' ' || *s == '\t')
			s++;
		const char *e = s;
		while (*e && *e != ':' && *e != ' ' && *e != '\t')
			e++;
		char tok[24];
		size_t tl = (size_t)(e - s);
		uint32_t id;
		if (tl == 0 || tl >= sizeof(tok))
			return corrupt(ps, f->no, "protocol chain \"%.*s\" is not a list of ids",
				quote_len(f->value), f->value);
		memcpy(tok, s, tl);
		tok[tl] = '\0';
		if (parse_u32(&id, tok) < 0)
			return corrupt(ps, f->no, "protocol chain \"%.*s\" is not a list of ids",
				quote_len(f->value), f->value);
		if (n < WS2FIX_MAX_CHAIN_LEN)
			ids[n] = id;
		n++;
		while (*e == ' ' || *e == '\t')
			e++;
		if (!*e)
			break;
		if (*e != ':')
			return corrupt(ps, f->no, "protocol chain \"%.*s\" is not a list of ids",
				quote_len(f->value), f->value);
		s = e + 1;
	}
	*count = n;
	return 0;
}

/* LibraryPath is 260 ANSI bytes with its NUL. */
static int fits_path(const char *path)
{
	unsigned char tmp[WS2FIX_PATH_BYTES + 1];
	size_t n = strlen(path);
	if (n >= sizeof(((ws2fix_protocol_item *)0)->library_path))
		return 0;
	n = ws2fix__utf8_to_cp1252(tmp, sizeof(tmp), path);
	return n != (size_t)-1 && n < WS2FIX_PATH_BYTES;
}

/* szProtocol is 256 UTF-16 units with its NUL. */
static int fits_name(const char *name)
{
	const char *p = name, *end = name + strlen(name);
	size_t units = 0;
	if ((size_t)(end - name) >= sizeof(((ws2fix_protocol_item *)0)->protocol_name))
		return 0;
	while (p < end)
		units += ws2fix__utf8_next(&p, end) > 0xFFFF ? 2 : 1;
	return units < WS2FIX_PROTOCOL_NAME_WCHARS;
}

static int add_protocol(parser *ps, const line *hdr, int hdr32, const field *f, size_t n)
{
	/* Labels first: a line missing in the middle is named precisely. */
	int rc = check_labels(ps, BLOCK_PROTOCOL, f, n);
	if (rc < 0)
		return rc;
	if (n < PROTOCOL_FIELDS)
		return corrupt(ps, n ? f[n - 1].no : hdr->no + 1,
			"entry ends after %u of %d lines (truncated?)", (unsigned)n, PROTOCOL_FIELDS);

	size_t tn = strlen(f[PF_ENTRY_TYPE].value);
	int is32 = strip_32(f[PF_ENTRY_TYPE].value, &tn) || hdr32;

	ws2fix_protocol_item it;
	memset(&it, 0, sizeof(it));
	if ((rc = num_u32(ps, &f[PF_CATALOG_ID], &it.catalog_id)) < 0 ||
		(rc = guid(ps, &f[PF_PROVIDER_ID], &it.provider_id)) < 0 ||
		(rc = num_i32(ps, &f[PF_VERSION], &it.version)) < 0 ||
		(rc = num_i32(ps, &f[PF_ADDRESS_FAMILY], &it.address_family)) < 0 ||
		(rc = num_i32(ps, &f[PF_MAX_ADDR], &it.max_sockaddr)) < 0 ||
		(rc = num_i32(ps, &f[PF_MIN_ADDR], &it.min_sockaddr)) < 0 ||
		(rc = num_i32(ps, &f[PF_SOCKET_TYPE], &it.socket_type)) < 0 ||
		(rc = num_i32(ps, &f[PF_PROTOCOL], &it.protocol)) < 0 ||
		(rc = num_u32(ps, &f[PF_SERVICE_FLAGS], &it.service_flags[0])) < 0 ||
		(rc = num_i32(ps, &f[PF_CHAIN_LEN], &it.chain_len)) < 0)
		return rc;

	/* netsh prints the chain line only for length >= 2, with exactly
	 * ChainLen ids; a length without its ids is a cut paste. */
	if (n > PROTOCOL_FIELDS) {
		size_t count = 0;
		if ((rc = parse_chain(ps, &f[PF_CHAIN], it.chain, &count)) < 0)
			return rc;
		if (it.chain_len < 1 || count != (size_t)it.chain_len)
			return corrupt(ps, f[PF_CHAIN].no, "protocol chain has %u ids but its length is %d",
				(unsigned)count, (int)it.chain_len);
	} else if (it.chain_len >= 2) {
		return corrupt(ps, f[PF_CHAIN_LEN].no,
			"protocol chain length %d without the chain line (truncated?)", (int)it.chain_len);
	}
	/* Not printed by netsh; an LSP's hidden entry always has PFL_HIDDEN
	 * (facts.md), so give it that and nothing else. */
	it.provider_flags = it.chain_len == 0 ? WS2FIX_PFL_HIDDEN : 0;

	/* The limits of PackedCatalogItem: what does not fit there cannot
	 * have come from a real catalog. */
	const char *desc = f[PF_DESCRIPTION].value, *path = f[PF_PROVIDER_PATH].value;
	if (!fits_path(path))
		return corrupt(ps, f[PF_PROVIDER_PATH].no, "provider path is longer than 259 characters");
	if (!fits_name(desc))
		return corrupt(ps, f[PF_DESCRIPTION].no, "description is longer than 255 characters");
	memcpy(it.library_path, path, strlen(path) + 1);
	memcpy(it.protocol_name, desc, strlen(desc) + 1);

	/* raw must agree with the fields: repair and show encode from it. */
	unsigned char raw[WS2FIX_PACKED_ITEM_SIZE];
	if ((rc = ws2fix_packed_item_encode(raw, &it)) < 0)
		return rc;
	memcpy(it.raw, raw, sizeof(raw));
	it.raw_len = WS2FIX_PACKED_ITEM_SIZE;
	/* The structural problem bits exactly as a registry item would get them
	 * (empty path, chain length out of range). */
	{
		ws2fix_protocol_item chk;
		ws2fix_packed_item_decode(&chk, raw, sizeof(raw));
		it.problems = chk.problems;
	}

	int v = is32 ? WS2FIX_VIEW_32 : WS2FIX_VIEW_64;
	ps->any32 |= is32;
	ws2fix_protocol_view *pv = &ps->cat->protocol[v];
	void *arr = pv->entries;
	if ((rc = grow(ps, &arr, &ps->cap_proto[v], pv->info.count, sizeof(*pv->entries), hdr->no)) < 0)
		return rc;
	pv->entries = arr;
	ws2fix_protocol_entry *e = &pv->entries[pv->info.count];
	memset(e, 0, sizeof(*e));
	e->key = make_key(pv->info.count + 1);
	if (!e->key)
		return WS2FIX_ENOMEM;
	e->has_item = 1;
	/* What the registry would hold for these bytes. */
	e->item_type = WS2FIX_REG_BINARY;
	e->item = it;
	pv->info.count++;
	return 0;
}

static int add_namespace(parser *ps, const line *hdr, int hdr32, const field *f, size_t n)
{
	int rc = check_labels(ps, BLOCK_NAMESPACE, f, n < NAMESPACE_FIELDS ? n : NAMESPACE_FIELDS);
	if (rc < 0)
		return rc;
	if (n < NAMESPACE_FIELDS)
		return corrupt(ps, n ? f[n - 1].no : hdr->no + 1,
			"name space entry ends after %u of %d lines (truncated?)", (unsigned)n, NAMESPACE_FIELDS);
	if (n > NAMESPACE_FIELDS)
		return corrupt(ps, f[NAMESPACE_FIELDS].no, "name space entry has more than %d lines",
			NAMESPACE_FIELDS);
	ws2fix_namespace_entry ne;
	memset(&ne, 0, sizeof(ne));
	if ((rc = guid(ps, &f[NF_PROVIDER_ID], &ne.provider_id)) < 0 ||
		(rc = num_u32(ps, &f[NF_NAMESPACE], &ne.namespace_id)) < 0 ||
		(rc = num_u32(ps, &f[NF_ACTIVE], &ne.enabled)) < 0 ||
		(rc = num_u32(ps, &f[NF_VERSION], &ne.version)) < 0)
		return rc;
	ne.has_provider_id = ne.provider_id_present = 1;
	ne.has_namespace = ne.namespace_present = 1;
	ne.has_enabled = ne.has_version = 1;

	int v = hdr32 ? WS2FIX_VIEW_32 : WS2FIX_VIEW_64;
	ps->any32 |= hdr32;
	ws2fix_namespace_view *nv = &ps->cat->namespaces[v];
	void *arr = nv->entries;
	if ((rc = grow(ps, &arr, &ps->cap_ns[v], nv->info.count, sizeof(*nv->entries), hdr->no)) < 0)
		return rc;
	nv->entries = arr;
	ne.key = make_key(nv->info.count + 1);
	ne.display_string = ws2fix__strdup(f[NF_DESCRIPTION].value);
	if (!ne.key || !ne.display_string) {
		free(ne.key);
		free(ne.display_string);
		return WS2FIX_ENOMEM;
	}
	nv->entries[nv->info.count++] = ne;
	return 0;
}

/* One block: @p c is past the hyphen line; reads up to the blank line that
 * ends it (or the next block's header, left unread). */
static int parse_block(parser *ps, const line *hdr, cursor *c)
{
	field f[MAX_FIELDS + 1];
	size_t n = 0;
	int rc = 0;
	line l;
	cursor before = *c, dummy;
	while (next_line(c, &l)) {
		if (l.n == 0)
			break;
		if (block_starts(&l, c, &dummy)) {
			*c = before;
			break;
		}
		before = *c;
		if (n == MAX_FIELDS) {
			rc = corrupt(ps, l.no, "entry has more than %d lines", MAX_FIELDS);
			goto out;
		}
		const char *lab, *val;
		size_t ln, vn;
		if (split_field(&l, &lab, &ln, &val, &vn) < 0) {
			cursor k = *c;
			line rest;
			/* The text's last line, without its colon: a cut paste. */
			if (!next_line(&k, &rest))
				rc = corrupt(ps, l.no, "entry ends in the middle of a line (truncated?)");
			else
				rc = corrupt(ps, l.no, "\"%.*s\" is not a \"label: value\" line",
					l.n > 60 ? 60 : (int)l.n, l.s);
			goto out;
		}
		f[n].label = ws2fix__strndup(lab, ln);
		f[n].value = ws2fix__strndup(val, vn);
		f[n].no = l.no;
		n++;
		if (!f[n - 1].label || !f[n - 1].value) {
			rc = WS2FIX_ENOMEM;
			goto out;
		}
	}

	size_t hn = hdr->n;
	int hdr32 = strip_32(hdr->s, &hn);
	int kind = header_kind(hdr->s, hdr->n);
	if (kind == BLOCK_UNKNOWN) {
		/* Another language: tell the kinds apart by where the GUID is
		 * (FORMAT.md section 4). */
		ws2fix_guid g;
		if (n >= 3 && ws2fix_guid_parse(&g, f[PF_PROVIDER_ID].value) == 0)
			kind = BLOCK_PROTOCOL;
		else if (n >= 2 && ws2fix_guid_parse(&g, f[NF_PROVIDER_ID].value) == 0)
			kind = BLOCK_NAMESPACE;
		else {
			rc = corrupt(ps, hdr->no, "\"%.*s\" is not an entry netsh prints",
				hdr->n > 60 ? 60 : (int)hdr->n, hdr->s);
			goto out;
		}
	}
	rc = kind == BLOCK_PROTOCOL ? add_protocol(ps, hdr, hdr32, f, n) : add_namespace(ps, hdr, hdr32, f, n);
out:
	free_fields(f, n);
	return rc;
}

/* A line outside every block that carries an entry's label: the paste
 * starts or goes on in the middle of an entry. */
static int is_orphan_field(const line *l)
{
	const char *lab, *val;
	size_t ln, vn;
	if (split_field(l, &lab, &ln, &val, &vn) < 0)
		return 0;
	int f = label_field(BLOCK_PROTOCOL, lab, ln);
	if (f >= 0 && is_distinctive_field(BLOCK_PROTOCOL, f))
		return 1;
	f = label_field(BLOCK_NAMESPACE, lab, ln);
	return f >= 0 && is_distinctive_field(BLOCK_NAMESPACE, f);
}

static int set_view_keys(ws2fix_catalog *cat)
{
	static const char *const pk[2] = {"Protocol_Catalog9\\Catalog_Entries",
		"Protocol_Catalog9\\Catalog_Entries64"};
	static const char *const nk[2] = {"NameSpace_Catalog5\\Catalog_Entries",
		"NameSpace_Catalog5\\Catalog_Entries64"};
	for (int v = 0; v < 2; v++) {
		cat->protocol[v].info.key = ws2fix__strdup(pk[v]);
		cat->namespaces[v].info.key = ws2fix__strdup(nk[v]);
		if (!cat->protocol[v].info.key || !cat->namespaces[v].info.key)
			return WS2FIX_ENOMEM;
		cat->protocol[v].info.present = cat->protocol[v].info.count > 0;
		cat->namespaces[v].info.present = cat->namespaces[v].info.count > 0;
	}
	return 0;
}

static int parse_named(ws2fix_catalog **out, const unsigned char *data, size_t len, const char *name)
{
	*out = NULL;
	if (!data && len)
		return ws2fix__fail(WS2FIX_EINVALID, WS2FIX_ERRCLASS_INVALID, "no text");
	char *text = NULL;
	size_t tlen = 0;
	int rc = ws2fix__pasted_text_decode(&text, &tlen, data ? data : (const unsigned char *)"", len);
	if (rc < 0)
		return rc;

	parser ps;
	memset(&ps, 0, sizeof(ps));
	ps.name = name;
	ps.cat = calloc(1, sizeof(*ps.cat));
	if (!ps.cat) {
		free(text);
		return ws2fix__oom();
	}
	ws2fix_catalog *cat = ps.cat;

	cursor c = {text, text + tlen, 1};
	line l;
	int blocks = 0;
	unsigned stray = 0; /* first line of text after a block that is not one */
	while (rc >= 0 && next_line(&c, &l)) {
		cursor after;
		if (l.n == 0)
			continue;
		if (block_starts(&l, &c, &after)) {
			if (stray) {
				rc = corrupt(&ps, stray, "text between entries is not part of any entry");
				break;
			}
			c = after;
			rc = parse_block(&ps, &l, &c);
			blocks++;
			continue;
		}
		if (is_orphan_field(&l)) {
			rc = corrupt(&ps, l.no, "\"%.*s\" is outside any entry (the paste starts or ends mid-entry?)",
				l.n > 60 ? 60 : (int)l.n, l.s);
			break;
		}
		if (header_kind(l.s, l.n) != BLOCK_UNKNOWN) {
			rc = corrupt(&ps, l.no, "entry header without its entry (truncated?)");
			break;
		}
		/* Before the first block: banner, prompt, command.  After the
		 * last: a prompt.  Only text *between* blocks is an error. */
		if (blocks && !stray)
			stray = l.no;
	}
	if (rc >= 0 && blocks == 0)
		rc = corrupt(&ps, 1, "no entry of `netsh winsock show catalog` found");

	if (rc >= 0 && !ps.any32) {
		/* No "(32)" anywhere: a 32-bit Windows, whose only catalog is the
		 * one the registry keeps in Catalog_Entries (the 32-bit view). */
		cat->protocol[WS2FIX_VIEW_32] = cat->protocol[WS2FIX_VIEW_64];
		cat->namespaces[WS2FIX_VIEW_32] = cat->namespaces[WS2FIX_VIEW_64];
		memset(&cat->protocol[WS2FIX_VIEW_64], 0, sizeof(cat->protocol[0]));
		memset(&cat->namespaces[WS2FIX_VIEW_64], 0, sizeof(cat->namespaces[0]));
	}
	if (rc >= 0) {
		cat->parameters_path = ws2fix__strdup(WS2FIX_NETSH_SOURCE);
		cat->protocol_catalog_name = ws2fix__strdup("Protocol_Catalog9");
		cat->namespace_catalog_name = ws2fix__strdup("NameSpace_Catalog5");
		if (!cat->parameters_path || !cat->protocol_catalog_name || !cat->namespace_catalog_name)
			rc = WS2FIX_ENOMEM;
	}
	if (rc >= 0)
		rc = set_view_keys(cat);
	free(text);
	if (rc < 0) {
		ws2fix_catalog_free(cat);
		return rc;
	}
	cat->winsock2_present = cat->parameters_present = 1;
	cat->protocol_catalog_present = cat->namespace_catalog_present = 1;
	ws2fix_error_clear();
	*out = cat;
	return 0;
}

int ws2fix_netsh_parse(ws2fix_catalog **out, const unsigned char *text, size_t len)
{
	if (!out)
		return ws2fix__fail(WS2FIX_EINVALID, WS2FIX_ERRCLASS_INVALID, "no output pointer");
	return parse_named(out, text, len, "(netsh text)");
}

/* parse_named as a pasted-text parser (pasted_text.h). */
static int parse_any(void *out, const unsigned char *data, size_t len, const char *name)
{
	return parse_named(out, data, len, name);
}

int ws2fix_netsh_read(ws2fix_catalog **out, const char *path)
{
	if (out)
		*out = NULL;
	return ws2fix__pasted_file_parse(out, path, WS2FIX_NETSH_MAX_FILE, parse_any);
}

int ws2fix_catalog_is_netsh(const ws2fix_catalog *cat)
{
	return cat && cat->parameters_path && strcmp(cat->parameters_path, WS2FIX_NETSH_SOURCE) == 0;
}

/* The netsh line of include/ws2fix/sources.def. */
int ws2fix__source_open_netsh(ws2fix_source_parts *out, const char *path, const ws2fix_open_options *open,
	ws2fix_lang lang, unsigned int flags)
{
	(void)open;
	(void)lang;
	(void)flags;
	return ws2fix_netsh_read(&out->cat, path);
}

/* netsh text: the parser finds at least one catalog entry.  Other texts
 * may quote such listings, so this is the last resort. */
int ws2fix__source_sniff_netsh(const unsigned char *data, size_t len)
{
	ws2fix_catalog *cat = NULL;
	int found = ws2fix_netsh_parse(&cat, data, len) == 0;
	ws2fix_catalog_free(cat);
	return found ? 1 : 0;
}

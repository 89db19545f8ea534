/* SPDX-License-Identifier: MIT */
/*
 * The WS2HELP event parser, the event-to-entry matching and the
 * AppId_Catalog reader (ws2fix/events.h).  Portable: the live event log is
 * read in win32/events_win32.c and arrives here as XML text.
 *
 * The XML reader below is deliberately small: rendered events are flat,
 * machine-written documents, and pulling in an XML library for them would
 * be a dependency the XP-compatible exe cannot carry.  It still checks
 * well-formedness (balanced tags, known entities, quoted attributes, one
 * root) so that garbage is reported as ECORRUPT instead of being half
 * understood, refuses DTDs (nothing in an event needs one, and entity
 * definitions are the classic way to make a parser blow up), and bounds
 * size, depth and element count.
 */
#include "ws2fix/events.h"

#include <stdlib.h>
#include <string.h>

#include "errors_internal.h"
#include "../util/buf.h"
#include "../util/utf.h"

#define MAX_XML_BYTES (1u << 20)
#define MAX_DEPTH 32
#define MAX_ELEMENTS 4096
#define MAX_EVENTS 65536
#define MAX_APP_ENTRIES 4096

static const char WS2HELP_PROVIDER[] = "Microsoft-Windows-Winsock-WS2HELP";

/* ---- a bounded XML reader ------------------------------------------ */

typedef struct xattr {
	char *name; /* local name (prefix dropped) */
	char *value;
} xattr;

typedef struct xelem {
	char *name; /* local name */
	int parent; /* index, -1 for the root */
	xattr *attrs;
	size_t nattrs;
	ws2fix_buf text; /* the element's own character data, decoded */
} xelem;

typedef struct xdoc {
	xelem *elems;
	size_t count, cap;
} xdoc;

static void xdoc_free(xdoc *d)
{
	for (size_t i = 0; i < d->count; i++) {
		xelem *e = &d->elems[i];
		free(e->name);
		for (size_t k = 0; k < e->nattrs; k++) {
			free(e->attrs[k].name);
			free(e->attrs[k].value);
		}
		free(e->attrs);
		ws2fix__buf_free(&e->text);
	}
	free(d->elems);
	memset(d, 0, sizeof(*d));
}

typedef struct xparser {
	const char *p, *end;
	xdoc *doc;
	int stack[MAX_DEPTH];
	int depth;
	int seen_root;
} xparser;

static int corrupt(const char *what)
{
	return ws2fix__fail(WS2FIX_ECORRUPT, WS2FIX_ERRCLASS_INVALID, "event XML: %s", what);
}

static int nomem(void)
{
	return ws2fix__oom();
}

static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* Name characters: ASCII letters, digits and ._:- plus any non-ASCII byte
 * (XML allows most of Unicode; events use ASCII names only). */
static int is_name_start(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_' || c == ':' || c >= 0x80;
}

static int is_name_char(unsigned char c)
{
	return is_name_start(c) || (c >= '0' && c <= '9') || c == '.' || c == '-';
}

static int starts(const xparser *x, const char *lit)
{
	size_t n = strlen(lit);
	return (size_t)(x->end - x->p) >= n && memcmp(x->p, lit, n) == 0;
}

/* Skip to just past @p lit; 0, or ECORRUPT when it never comes. */
static int skip_past(xparser *x, const char *lit, const char *what)
{
	size_t n = strlen(lit);
	for (const char *q = x->p; (size_t)(x->end - q) >= n; q++) {
		if (memcmp(q, lit, n) == 0) {
			x->p = q + n;
			return 0;
		}
	}
	return corrupt(what);
}

/* Decode the entity at x->p ('&') into b. */
static int entity(xparser *x, ws2fix_buf *b)
{
	static const struct {
		const char *name;
		char c;
	} named[] = {{"lt", '<'}, {"gt", '>'}, {"amp", '&'}, {"quot", '"'}, {"apos", '\''}};
	const char *semi = x->p + 1;
	while (semi < x->end && *semi != ';' && semi - x->p < 12)
		semi++;
	if (semi >= x->end || *semi != ';')
		return corrupt("unterminated entity");
	const char *s = x->p + 1;
	size_t n = (size_t)(semi - s);
	if (n >= 2 && s[0] == '#') {
		uint32_t cp = 0;
		int hex = s[1] == 'x';
		size_t i = hex ? 2 : 1;
		if (i >= n)
			return corrupt("empty character reference");
		for (; i < n; i++) {
			unsigned char c = (unsigned char)s[i];
			uint32_t d;
			if (c >= '0' && c <= '9')
				d = c - '0';
			else if (hex && c >= 'a' && c <= 'f')
				d = c - 'a' + 10;
			else if (hex && c >= 'A' && c <= 'F')
				d = c - 'A' + 10;
			else
				return corrupt("bad character reference");
			cp = cp * (hex ? 16 : 10) + d;
			if (cp > 0x10FFFF)
				return corrupt("character reference out of range");
		}
		if (cp == 0 || (cp >= 0xD800 && cp <= 0xDFFF))
			return corrupt("character reference out of range");
		ws2fix__buf_put_utf8(b, cp);
	} else {
		size_t k = 0;
		for (; k < sizeof(named) / sizeof(named[0]); k++)
			if (strlen(named[k].name) == n && memcmp(named[k].name, s, n) == 0)
				break;
		if (k == sizeof(named) / sizeof(named[0]))
			return corrupt("unknown entity");
		ws2fix__buf_putc(b, named[k].c);
	}
	x->p = semi + 1;
	return 0;
}

/* A name at x->p; returns its local part (after the last ':'), owned. */
static int read_name(xparser *x, char **out)
{
	const char *s = x->p;
	if (s >= x->end || !is_name_start((unsigned char)*s))
		return corrupt("bad name");
	while (x->p < x->end && is_name_char((unsigned char)*x->p))
		x->p++;
	const char *local = s;
	for (const char *q = s; q < x->p; q++)
		if (*q == ':')
			local = q + 1;
	if (local == x->p)
		return corrupt("bad name");
	*out = ws2fix__strndup(local, (size_t)(x->p - local));
	return *out ? 0 : nomem();
}

static int read_attr_value(xparser *x, char **out)
{
	if (x->p >= x->end || (*x->p != '"' && *x->p != '\''))
		return corrupt("attribute value not quoted");
	char q = *x->p++;
	ws2fix_buf b = WS2FIX_BUF_INIT;
	while (x->p < x->end && *x->p != q) {
		if (*x->p == '<') {
			ws2fix__buf_free(&b);
			return corrupt("'<' in an attribute value");
		}
		if (*x->p == '&') {
			int rc = entity(x, &b);
			if (rc < 0) {
				ws2fix__buf_free(&b);
				return rc;
			}
			continue;
		}
		ws2fix__buf_putc(&b, *x->p++);
	}
	if (x->p >= x->end) {
		ws2fix__buf_free(&b);
		return corrupt("unterminated attribute value");
	}
	x->p++;
	if (ws2fix__buf_oom(&b)) {
		ws2fix__buf_free(&b);
		return nomem();
	}
	*out = ws2fix__buf_detach(&b);
	return *out ? 0 : nomem();
}

static void skip_space(xparser *x)
{
	while (x->p < x->end && is_space(*x->p))
		x->p++;
}

static int start_tag(xparser *x)
{
	if (x->depth == 0 && x->seen_root)
		return corrupt("more than one root element");
	if (x->depth >= MAX_DEPTH)
		return corrupt("nested too deeply");
	if (x->doc->count >= MAX_ELEMENTS)
		return corrupt("too many elements");
	if (x->doc->count == x->doc->cap) {
		size_t ncap = x->doc->cap ? x->doc->cap * 2 : 32;
		xelem *n = realloc(x->doc->elems, ncap * sizeof(*n));
		if (!n)
			return nomem();
		x->doc->elems = n;
		x->doc->cap = ncap;
	}
	int idx = (int)x->doc->count;
	xelem *e = &x->doc->elems[idx];
	memset(e, 0, sizeof(*e));
	e->parent = x->depth ? x->stack[x->depth - 1] : -1;
	x->doc->count++;
	x->p++; /* '<' */
	int rc = read_name(x, &e->name);
	if (rc < 0)
		return rc;
	for (;;) {
		const char *before = x->p;
		skip_space(x);
		if (x->p >= x->end)
			return corrupt("unterminated start tag");
		if (*x->p == '>') {
			x->p++;
			x->stack[x->depth++] = idx;
			x->seen_root = 1;
			return 0;
		}
		if (*x->p == '/') {
			if (x->p + 1 >= x->end || x->p[1] != '>')
				return corrupt("bad empty-element tag");
			x->p += 2;
			x->seen_root = 1;
			return 0;
		}
		if (x->p == before)
			return corrupt("attributes not separated by white space");
		xattr a = {NULL, NULL};
		rc = read_name(x, &a.name);
		if (rc < 0)
			return rc;
		skip_space(x);
		if (x->p >= x->end || *x->p != '=') {
			free(a.name);
			return corrupt("attribute without a value");
		}
		x->p++;
		skip_space(x);
		rc = read_attr_value(x, &a.value);
		if (rc < 0) {
			free(a.name);
			return rc;
		}
		xattr *na = realloc(e->attrs, (e->nattrs + 1) * sizeof(*na));
		if (!na) {
			free(a.name);
			free(a.value);
			return nomem();
		}
		e->attrs = na;
		e->attrs[e->nattrs++] = a;
		if (e->nattrs > 64)
			return corrupt("too many attributes");
	}
}

static int end_tag(xparser *x)
{
	x->p += 2; /* "</" */
	char *name = NULL;
	int rc = read_name(x, &name);
	if (rc < 0)
		return rc;
	skip_space(x);
	int ok = x->p < x->end && *x->p == '>' && x->depth > 0 &&
		strcmp(x->doc->elems[x->stack[x->depth - 1]].name, name) == 0;
	free(name);
	if (!ok)
		return corrupt("end tag does not match its start tag");
	x->p++;
	x->depth--;
	return 0;
}

static int xml_parse(xdoc *doc, const char *xml, size_t len)
{
	memset(doc, 0, sizeof(*doc));
	if (!xml)
		return corrupt("no text");
	if (len > MAX_XML_BYTES)
		return corrupt("larger than 1 MiB");
	xparser x = {xml, xml + len, doc, {0}, 0, 0};
	if (len >= 3 && memcmp(xml, "\xEF\xBB\xBF", 3) == 0)
		x.p += 3;
	while (x.p < x.end) {
		int rc = 0;
		if (*x.p == '\0') {
			rc = corrupt("NUL byte");
		} else if (*x.p != '<') {
			if (x.depth == 0) {
				if (!is_space(*x.p))
					rc = corrupt("text outside the root element");
				else
					x.p++;
			} else if (*x.p == '&') {
				rc = entity(&x, &doc->elems[x.stack[x.depth - 1]].text);
			} else {
				ws2fix__buf_putc(&doc->elems[x.stack[x.depth - 1]].text, *x.p++);
			}
		} else if (starts(&x, "<?")) {
			rc = skip_past(&x, "?>", "unterminated processing instruction");
		} else if (starts(&x, "<!--")) {
			rc = skip_past(&x, "-->", "unterminated comment");
		} else if (starts(&x, "<![CDATA[")) {
			if (x.depth == 0) {
				rc = corrupt("CDATA outside the root element");
			} else {
				const char *s = x.p + 9;
				rc = skip_past(&x, "]]>", "unterminated CDATA section");
				if (rc == 0)
					ws2fix__buf_put(&doc->elems[x.stack[x.depth - 1]].text, s,
						(size_t)(x.p - 3 - s));
			}
		} else if (starts(&x, "<!")) {
			rc = corrupt("DTDs are not accepted");
		} else if (starts(&x, "</")) {
			rc = end_tag(&x);
		} else {
			rc = start_tag(&x);
		}
		if (rc < 0) {
			xdoc_free(doc);
			return rc;
		}
	}
	int rc = 0;
	if (x.depth != 0)
		rc = corrupt("unclosed element");
	else if (!x.seen_root)
		rc = corrupt("no element");
	for (size_t i = 0; rc == 0 && i < doc->count; i++)
		if (ws2fix__buf_oom(&doc->elems[i].text))
			rc = nomem();
	if (rc < 0)
		xdoc_free(doc);
	return rc;
}

static const char *xattr_get(const xelem *e, const char *name)
{
	for (size_t i = 0; i < e->nattrs; i++)
		if (strcmp(e->attrs[i].name, name) == 0)
			return e->attrs[i].value;
	return NULL;
}

/* The first child of @p parent named @p name, or -1. */
static int xchild(const xdoc *d, int parent, const char *name)
{
	for (size_t i = 0; i < d->count; i++)
		if (d->elems[i].parent == parent && strcmp(d->elems[i].name, name) == 0)
			return (int)i;
	return -1;
}

/* The element's text without surrounding white space, as a fresh string. */
static char *xtext(const xelem *e)
{
	const char *s = ws2fix__buf_cstr(&e->text);
	size_t n = e->text.len;
	while (n && is_space(*s)) {
		s++;
		n--;
	}
	while (n && is_space(s[n - 1]))
		n--;
	return ws2fix__strndup(s, n);
}

/* ---- the event -------------------------------------------------------- */

/* Unsigned decimal, or hex with 0x (win:HexInt32 renders that way). */
static int parse_u64(uint64_t *out, const char *s)
{
	uint64_t v = 0;
	int hex = s[0] == '0' && (s[1] == 'x' || s[1] == 'X');
	const char *p = hex ? s + 2 : s;
	if (!*p)
		return -1;
	for (; *p; p++) {
		unsigned d;
		if (*p >= '0' && *p <= '9')
			d = (unsigned)(*p - '0');
		else if (hex && *p >= 'a' && *p <= 'f')
			d = (unsigned)(*p - 'a' + 10);
		else if (hex && *p >= 'A' && *p <= 'F')
			d = (unsigned)(*p - 'A' + 10);
		else
			return -1;
		uint64_t base = hex ? 16 : 10;
		if (v > (UINT64_MAX - d) / base)
			return -1;
		v = v * base + d;
	}
	*out = v;
	return 0;
}

static int parse_u32(uint32_t *out, const char *s)
{
	uint64_t v;
	if (parse_u64(&v, s) < 0 || v > UINT32_MAX)
		return -1;
	*out = (uint32_t)v;
	return 0;
}

/* "2019-05-12T08:14:03.1234567Z" (Windows 10) or "...03.123456700Z"
 * (Vista, 7) to "2019-05-12T08:14:03Z".  Anything else leaves the time
 * absent: a date we cannot read is not worth rejecting the event for. */
static void parse_time(char out[21], const char *s)
{
	out[0] = '\0';
	if (!s || strlen(s) < 19)
		return;
	static const char shape[] = "dddd-dd-ddTdd:dd:dd";
	for (int i = 0; i < 19; i++) {
		if (shape[i] == 'd' ? (s[i] < '0' || s[i] > '9') : s[i] != shape[i])
			return;
	}
	const char *rest = s + 19;
	if (*rest == '.') {
		rest++;
		while (*rest >= '0' && *rest <= '9')
			rest++;
	}
	if (*rest != 'Z' || rest[1] != '\0')
		return;
	memcpy(out, s, 19);
	out[19] = 'Z';
	out[20] = '\0';
}

/* Data names compared without case, spaces or underscores, so "LSPName",
 * "LspName" and the documented "LSP Name" are one field. */
static int field_is(const char *name, const char *want)
{
	for (;;) {
		while (*name == ' ' || *name == '_')
			name++;
		unsigned char a = (unsigned char)*name, b = (unsigned char)*want;
		if (a >= 'A' && a <= 'Z')
			a = (unsigned char)(a - 'A' + 'a');
		if (a != b)
			return 0;
		if (!a)
			return 1;
		name++;
		want++;
	}
}

enum field { F_NAME, F_CATALOG, F_INSTALLER, F_GUID, F_CATEGORY, F_NONE };

static enum field field_of(const char *name)
{
	static const char *const names[] = {"lspname", "catalog", "installer", "guid", "category"};
	for (int i = 0; i < 5; i++)
		if (field_is(name, names[i]))
			return (enum field)i;
	return F_NONE;
}

/* Store one field; a value that does not read as its type stays absent. */
static int set_field(ws2fix_lsp_event *ev, enum field f, const char *text)
{
	switch (f) {
	case F_NAME:
	case F_INSTALLER: {
		char **slot = f == F_NAME ? &ev->lsp_name : &ev->installer;
		if (*slot || !*text)
			return 0;
		*slot = ws2fix__strdup(text);
		return *slot ? 0 : nomem();
	}
	case F_CATALOG:
		ev->has_catalog = parse_u32(&ev->catalog, text) == 0;
		return 0;
	case F_CATEGORY:
		ev->has_category = parse_u32(&ev->category, text) == 0;
		return 0;
	case F_GUID:
		ev->has_guid = ws2fix_guid_parse(&ev->guid, text) == 0;
		return 0;
	default:
		return 0;
	}
}

void ws2fix_lsp_event_clear(ws2fix_lsp_event *e)
{
	if (!e)
		return;
	free(e->lsp_name);
	free(e->installer);
	memset(e, 0, sizeof(*e));
}

static int read_event(ws2fix_lsp_event *out, const xdoc *d)
{
	if (d->elems[0].parent != -1 || strcmp(d->elems[0].name, "Event") != 0)
		return corrupt("the root element is not <Event>");
	int sys = xchild(d, 0, "System");
	if (sys < 0)
		return corrupt("no <System> element");
	int prov = xchild(d, sys, "Provider");
	const char *pname = prov >= 0 ? xattr_get(&d->elems[prov], "Name") : NULL;
	if (pname && ws2fix__strcasecmp(pname, WS2HELP_PROVIDER) != 0)
		return ws2fix__fail(WS2FIX_ENOTFOUND, WS2FIX_ERRCLASS_INVALID, "an event of %s, not WS2HELP", pname);
	int idel = xchild(d, sys, "EventID");
	if (idel < 0)
		return corrupt("no <EventID>");
	char *idtext = xtext(&d->elems[idel]);
	if (!idtext)
		return nomem();
	uint32_t id = 0;
	int bad = parse_u32(&id, idtext) < 0;
	free(idtext);
	if (bad)
		return corrupt("<EventID> is not a number");
	if (id < WS2FIX_LSP_EVENT_INSTALL || id > WS2FIX_LSP_EVENT_RESET)
		return ws2fix__fail(WS2FIX_ENOTFOUND, WS2FIX_ERRCLASS_INVALID, "WS2HELP event %u is not an LSP event", id);
	out->id = id;

	int tc = xchild(d, sys, "TimeCreated");
	if (tc >= 0)
		parse_time(out->time, xattr_get(&d->elems[tc], "SystemTime"));
	int rec = xchild(d, sys, "EventRecordID");
	if (rec >= 0) {
		char *t = xtext(&d->elems[rec]);
		if (!t)
			return nomem();
		out->has_record_id = parse_u64(&out->record_id, t) == 0;
		free(t);
	}

	/* Unnamed <Data> are taken in the documented order (a log read
	 * without the provider's manifest renders them that way). */
	static const enum field order_lsp[] = {F_NAME, F_CATALOG, F_INSTALLER, F_GUID, F_CATEGORY};
	static const enum field order_reset[] = {F_CATALOG};
	const enum field *order = id == WS2FIX_LSP_EVENT_RESET ? order_reset : order_lsp;
	size_t order_len = id == WS2FIX_LSP_EVENT_RESET ? 1 : 5;
	int data = xchild(d, 0, "EventData");
	size_t pos = 0;
	for (size_t i = 0; data >= 0 && i < d->count; i++) {
		const xelem *e = &d->elems[i];
		if (e->parent != data || strcmp(e->name, "Data") != 0)
			continue;
		const char *name = xattr_get(e, "Name");
		enum field f = name ? field_of(name) : (pos < order_len ? order[pos] : F_NONE);
		pos++;
		if (f == F_NONE)
			continue;
		char *t = xtext(e);
		if (!t)
			return nomem();
		int rc = set_field(out, f, t);
		free(t);
		if (rc < 0)
			return rc;
	}
	return 0;
}

int ws2fix_lsp_event_parse(ws2fix_lsp_event *out, const char *xml, size_t len)
{
	if (!out)
		return ws2fix__fail(WS2FIX_EINVALID, WS2FIX_ERRCLASS_INVALID, "no event to fill");
	memset(out, 0, sizeof(*out));
	xdoc d;
	int rc = xml_parse(&d, xml, len);
	if (rc < 0)
		return rc;
	rc = read_event(out, &d);
	xdoc_free(&d);
	if (rc < 0)
		ws2fix_lsp_event_clear(out);
	return rc;
}

/* ---- sources and the list ------------------------------------------------ */

void ws2fix_event_source_close(ws2fix_event_source *src)
{
	if (!src)
		return;
	if (src->close)
		src->close(src->payload);
	memset(src, 0, sizeof(*src));
}

void ws2fix_events_free(ws2fix_lsp_events *ev)
{
	if (!ev)
		return;
	for (size_t i = 0; i < ev->count; i++)
		ws2fix_lsp_event_clear(&ev->items[i]);
	free(ev->items);
	free(ev);
}

int ws2fix_events_read(ws2fix_lsp_events **out, const ws2fix_event_source *src)
{
	*out = NULL;
	if (!src || !src->next)
		return ws2fix__fail(WS2FIX_EINVALID, WS2FIX_ERRCLASS_INVALID, "no event source");
	ws2fix_lsp_events *ev = calloc(1, sizeof(*ev));
	if (!ev)
		return nomem();
	size_t cap = 0;
	for (;;) {
		char *xml = NULL;
		int rc = src->next(src->payload, &xml);
		if (rc == WS2FIX_ITEROVER)
			break;
		if (rc < 0) {
			free(xml);
			ws2fix_events_free(ev);
			return rc;
		}
		if (ev->count >= MAX_EVENTS) {
			/* Keep reading so the source is drained, but keep no more. */
			free(xml);
			ev->other++;
			continue;
		}
		if (ev->count == cap) {
			size_t ncap = cap ? cap * 2 : 16;
			ws2fix_lsp_event *n = realloc(ev->items, ncap * sizeof(*n));
			if (!n) {
				free(xml);
				ws2fix_events_free(ev);
				return nomem();
			}
			ev->items = n;
			cap = ncap;
		}
		rc = xml ? ws2fix_lsp_event_parse(&ev->items[ev->count], xml, strlen(xml)) : corrupt("no text");
		free(xml);
		if (rc == 0)
			ev->count++;
		else if (rc == WS2FIX_ENOTFOUND)
			ev->other++;
		else if (rc == WS2FIX_ENOMEM) {
			ws2fix_events_free(ev);
			return rc;
		} else
			ev->malformed++;
	}
	ws2fix_error_clear();
	*out = ev;
	return 0;
}

/* ---- matching an entry ---------------------------------------------------- */

static int catalog_fits(const ws2fix_lsp_event *e, enum ws2fix_view view)
{
	if (!e->has_catalog)
		return 1;
	return e->catalog == (view == WS2FIX_VIEW_64 ? 64u : 32u);
}

/* The name an entry is known by: szProtocol, or the ProtocolName value
 * that Windows 7+ keeps beside it. */
static int name_equal(const ws2fix_protocol_entry *en, const char *name)
{
	if (!name || !*name)
		return 0;
	if (en->item.protocol_name[0] && ws2fix__strcasecmp(en->item.protocol_name, name) == 0)
		return 1;
	return en->protocol_name_value && ws2fix__strcasecmp(en->protocol_name_value, name) == 0;
}

int ws2fix_events_match(ws2fix_event_match *out, const ws2fix_lsp_events *ev,
	const ws2fix_protocol_entry *e, enum ws2fix_view view)
{
	if (!out || !e)
		return ws2fix__fail(WS2FIX_EINVALID, WS2FIX_ERRCLASS_INVALID, "nothing to match");
	memset(out, 0, sizeof(*out));
	if (!ev || !e->has_item)
		return 0;
	/* Events come oldest first (the source reads forward), so the last
	 * reset seen wins and installs before it are forgotten: a reset
	 * renumbers the catalog and catalog ids start over. */
	const ws2fix_lsp_event *best[3] = {NULL, NULL, NULL}; /* guid, id+name, name */
	for (size_t i = 0; i < ev->count; i++) {
		const ws2fix_lsp_event *x = &ev->items[i];
		if (!catalog_fits(x, view))
			continue;
		if (x->id == WS2FIX_LSP_EVENT_RESET) {
			best[0] = best[1] = best[2] = NULL;
			continue;
		}
		if (x->id != WS2FIX_LSP_EVENT_INSTALL)
			continue;
		if (x->has_guid && ws2fix_guid_equal(&x->guid, &e->item.provider_id))
			best[0] = x;
		else if (x->has_category && x->category == e->item.catalog_id && name_equal(e, x->lsp_name))
			best[1] = x;
		else if (name_equal(e, x->lsp_name))
			best[2] = x;
	}
	static const char *const how[3] = {"guid", "catalog_id", "name"};
	for (int k = 0; k < 3; k++) {
		if (best[k]) {
			out->event = best[k];
			out->installed_by = best[k]->installer;
			out->installed_on = best[k]->time[0] ? best[k]->time : NULL;
			out->matched_by = how[k];
			return 1;
		}
	}
	return 0;
}

/* ---- AppId_Catalog ------------------------------------------------------------ */

void ws2fix_app_catalog_free(ws2fix_app_catalog *ac)
{
	if (!ac)
		return;
	for (size_t i = 0; i < ac->count; i++) {
		free(ac->items[i].key);
		free(ac->items[i].path);
		free(ac->items[i].args);
	}
	free(ac->items);
	free(ac);
}

/* A string value, or NULL when it is absent or of another type (what the
 * key holds is reported as found, never "repaired" here). */
static int get_string(char **out, ws2fix_registry *reg, const char *path, const char *name)
{
	*out = NULL;
	ws2fix_regvalue v = {0, NULL, 0};
	int rc = ws2fix_registry_get_value(&v, reg, path, name);
	if (rc == WS2FIX_ENOTFOUND)
		return 0;
	if (rc < 0)
		return rc;
	if (v.type == WS2FIX_REG_SZ || v.type == WS2FIX_REG_EXPAND_SZ)
		rc = ws2fix_regvalue_string(out, &v);
	ws2fix_regvalue_clear(&v);
	return rc == WS2FIX_ECORRUPT ? 0 : rc;
}

int ws2fix_app_catalog_read(ws2fix_app_catalog **out, ws2fix_registry *reg)
{
	*out = NULL;
	if (!reg)
		return ws2fix__fail(WS2FIX_EINVALID, WS2FIX_ERRCLASS_INVALID, "no registry");
	ws2fix_app_catalog *ac = calloc(1, sizeof(*ac));
	if (!ac)
		return nomem();
	ws2fix_buf base = WS2FIX_BUF_INIT;
	ws2fix__buf_printf(&base, "%s\\Services\\WinSock2\\Parameters\\AppId_Catalog", ws2fix_registry_controlset(reg));
	if (ws2fix__buf_oom(&base)) {
		free(ac);
		return nomem();
	}
	ws2fix_strlist keys = {NULL, 0};
	int rc = ws2fix_registry_subkeys(&keys, reg, ws2fix__buf_cstr(&base));
	if (rc == WS2FIX_ENOTFOUND) {
		ws2fix__buf_free(&base);
		ws2fix_error_clear();
		*out = ac;
		return 0;
	}
	if (rc < 0)
		goto fail;
	ac->present = 1;
	size_t n = keys.count < MAX_APP_ENTRIES ? keys.count : MAX_APP_ENTRIES;
	ac->items = n ? calloc(n, sizeof(*ac->items)) : NULL;
	if (n && !ac->items) {
		rc = nomem();
		goto fail;
	}
	for (size_t i = 0; i < n; i++) {
		ws2fix_app_exclusion *x = &ac->items[ac->count++];
		ws2fix_buf p = WS2FIX_BUF_INIT;
		ws2fix__buf_printf(&p, "%s\\%s", ws2fix__buf_cstr(&base), keys.items[i]);
		x->key = ws2fix__strdup(keys.items[i]);
		if (ws2fix__buf_oom(&p) || !x->key) {
			ws2fix__buf_free(&p);
			rc = nomem();
			goto fail;
		}
		rc = get_string(&x->path, reg, ws2fix__buf_cstr(&p), "AppFullPath");
		if (rc == 0)
			rc = get_string(&x->args, reg, ws2fix__buf_cstr(&p), "AppArgs");
		if (rc == 0) {
			ws2fix_regvalue v = {0, NULL, 0};
			rc = ws2fix_registry_get_value(&v, reg, ws2fix__buf_cstr(&p), "PermittedLspCategories");
			if (rc == 0)
				x->has_categories = ws2fix_regvalue_dword(&x->categories, &v) == 0;
			else if (rc == WS2FIX_ENOTFOUND)
				rc = 0;
			ws2fix_regvalue_clear(&v);
		}
		ws2fix__buf_free(&p);
		if (rc < 0)
			goto fail;
	}
	ws2fix_strlist_clear(&keys);
	ws2fix__buf_free(&base);
	ws2fix_error_clear();
	*out = ac;
	return 0;
fail:
	ws2fix_strlist_clear(&keys);
	ws2fix__buf_free(&base);
	ws2fix_app_catalog_free(ac);
	return rc;
}

size_t ws2fix_lsp_category_names(const char **out, size_t max, uint32_t categories)
{
	/* ws2spi.h; Microsoft documents no other bit (0x40000000, which
	 * Windows itself sets for wininit, lsass and svchost, has no name). */
	static const struct {
		uint32_t bit;
		const char *name;
	} names[] = {
		{0x80000000u, "LSP_SYSTEM"},
		{0x00000001u, "LSP_INSPECTOR"},
		{0x00000002u, "LSP_REDIRECTOR"},
		{0x00000004u, "LSP_PROXY"},
		{0x00000008u, "LSP_FIREWALL"},
		{0x00000010u, "LSP_INBOUND_MODIFY"},
		{0x00000020u, "LSP_OUTBOUND_MODIFY"},
		{0x00000040u, "LSP_CRYPTO_COMPRESS"},
		{0x00000080u, "LSP_LOCAL_CACHE"},
	};
	size_t n = 0;
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if ((categories & names[i].bit) && n < max)
			out[n++] = names[i].name;
	return n;
}

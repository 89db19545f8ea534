/* SPDX-License-Identifier: MIT */
/*
 * The WS2HELP event parser and the event-to-entry matching.
 *
 * Every event below is SYNTHETIC: written by hand from the documented
 * schema (Microsoft's "Winsock Catalog Change Tracing Details" for the
 * fields, the manifest-derived names LSPName/Catalog/Installer/GUID/
 * Category, and the usual EvtRender XML layout).  No event recorded on a
 * real machine was available; docs/internals/LIVE.md says what is
 * assumed.  The provider names and GUIDs are those of the LSP in the real
 * export corpus/cingchun-bccc/winsock2.reg, so the last test can match
 * them against a real catalog; the installer paths are invented.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "testutil.h"
#include "ws2fix/catalog.h"
#include "ws2fix/errors.h"
#include "ws2fix/events.h"
#include "ws2fix/registry.h"

#define NS "xmlns='http://schemas.microsoft.com/win/2004/08/events/event'"

/* A synthetic event in the shape EvtRender(EvtRenderEventXml) gives. */
static char *event_xml(unsigned id, const char *time, unsigned long long record, const char *data)
{
	char *s = malloc(4096);
	assert_non_null(s);
	snprintf(s, 4096,
		"<Event " NS ">"
		"<System>"
		"<Provider Name='Microsoft-Windows-Winsock-WS2HELP' Guid='{d5c25f9a-4d47-493e-9184-40dd397a004d}'/>"
		"<EventID>%u</EventID><Version>0</Version><Level>4</Level><Task>0</Task><Opcode>0</Opcode>"
		"<Keywords>0x8000000000000000</Keywords>"
		"<TimeCreated SystemTime='%s'/>"
		"<EventRecordID>%llu</EventRecordID>"
		"<Correlation/><Execution ProcessID='4711' ThreadID='4712'/>"
		"<Channel>Microsoft-Windows-Winsock-WS2HELP/Operational</Channel>"
		"<Computer>TEST-PC</Computer><Security UserID='S-1-5-18'/>"
		"</System>"
		"<EventData>%s</EventData>"
		"</Event>",
		id, time, record, data);
	return s;
}

static char *install_xml(unsigned id, const char *time, unsigned long long record, const char *name,
	unsigned catalog, const char *installer, const char *guid, unsigned category)
{
	char data[2048];
	snprintf(data, sizeof(data),
		"<Data Name='LSPName'>%s</Data><Data Name='Catalog'>%u</Data>"
		"<Data Name='Installer'>%s</Data><Data Name='GUID'>%s</Data>"
		"<Data Name='Category'>%u</Data>",
		name, catalog, installer, guid, category);
	return event_xml(id, time, record, data);
}

static int parse_str(ws2fix_lsp_event *e, const char *xml)
{
	return ws2fix_lsp_event_parse(e, xml, strlen(xml));
}

/* ---- parsing ------------------------------------------------------------- */

static void test_events__parses_install_event(void **state)
{
	(void)state;
	/* Pretty-printed as Event Viewer's XML view shows it, with a prolog. */
	const char *xml =
		"<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
		"<Event xmlns=\"http://schemas.microsoft.com/win/2004/08/events/event\">\n"
		"  <System>\n"
		"    <Provider Name=\"Microsoft-Windows-Winsock-WS2HELP\" Guid=\"{D5C25F9A-4D47-493E-9184-40DD397A004D}\" />\n"
		"    <EventID>1</EventID>\n"
		"    <TimeCreated SystemTime=\"2019-05-12T08:14:03.1234567Z\" />\n"
		"    <EventRecordID>17</EventRecordID>\n"
		"    <Channel>Microsoft-Windows-Winsock-WS2HELP/Operational</Channel>\n"
		"  </System>\n"
		"  <EventData>\n"
		"    <Data Name=\"LSPName\">ierd_tgp_lsp</Data>\n"
		"    <Data Name=\"Catalog\">32</Data>\n"
		"    <Data Name=\"Installer\">C:\\Program Files (x86)\\Example\\lspinst.exe</Data>\n"
		"    <Data Name=\"GUID\">{4D2062B0-79CA-466E-94D4-21FE2ED90EE6}</Data>\n"
		"    <Data Name=\"Category\">1016</Data>\n"
		"  </EventData>\n"
		"</Event>\n";
	ws2fix_lsp_event e;
	assert_int_equal(parse_str(&e, xml), 0);
	assert_int_equal(e.id, WS2FIX_LSP_EVENT_INSTALL);
	assert_string_equal(e.time, "2019-05-12T08:14:03Z");
	assert_true(e.has_record_id);
	assert_int_equal(e.record_id, 17);
	assert_string_equal(e.lsp_name, "ierd_tgp_lsp");
	assert_true(e.has_catalog);
	assert_int_equal(e.catalog, 32);
	assert_string_equal(e.installer, "C:\\Program Files (x86)\\Example\\lspinst.exe");
	assert_true(e.has_guid);
	ws2fix_guid g;
	assert_int_equal(ws2fix_guid_parse(&g, "{4D2062B0-79CA-466E-94D4-21FE2ED90EE6}"), 0);
	assert_true(ws2fix_guid_equal(&e.guid, &g));
	assert_true(e.has_category);
	assert_int_equal(e.category, 1016);
	ws2fix_lsp_event_clear(&e);
	assert_null(e.installer);
}

static void test_events__vista_time_and_remove_disable(void **state)
{
	(void)state;
	/* Vista and 7 render nine fraction digits. */
	char *xml = install_xml(2, "2009-01-02T03:04:05.123456700Z", 5, "x", 64, "C:\\u.exe",
		"{00000000-0000-0000-0000-000000000001}", 1001);
	ws2fix_lsp_event e;
	assert_int_equal(parse_str(&e, xml), 0);
	assert_int_equal(e.id, WS2FIX_LSP_EVENT_REMOVE);
	assert_string_equal(e.time, "2009-01-02T03:04:05Z");
	assert_int_equal(e.catalog, 64);
	ws2fix_lsp_event_clear(&e);
	free(xml);
	xml = install_xml(3, "2009-01-02T03:04:05Z", 6, "x", 32, "C:\\d.exe",
		"{00000000-0000-0000-0000-000000000001}", 1001);
	assert_int_equal(parse_str(&e, xml), 0);
	assert_int_equal(e.id, WS2FIX_LSP_EVENT_DISABLE);
	assert_string_equal(e.time, "2009-01-02T03:04:05Z");
	ws2fix_lsp_event_clear(&e);
	free(xml);
	/* A time we cannot read leaves the time absent, not the event. */
	xml = install_xml(1, "yesterday", 7, "x", 32, "C:\\i.exe", "{00000000-0000-0000-0000-000000000001}", 1);
	assert_int_equal(parse_str(&e, xml), 0);
	assert_string_equal(e.time, "");
	ws2fix_lsp_event_clear(&e);
	free(xml);
}

static void test_events__reset_event_has_catalog_only(void **state)
{
	(void)state;
	char *xml = event_xml(4, "2020-02-03T04:05:06.0000000Z", 9, "<Data Name='Catalog'>64</Data>");
	ws2fix_lsp_event e;
	assert_int_equal(parse_str(&e, xml), 0);
	assert_int_equal(e.id, WS2FIX_LSP_EVENT_RESET);
	assert_true(e.has_catalog);
	assert_int_equal(e.catalog, 64);
	assert_null(e.lsp_name);
	assert_null(e.installer);
	assert_false(e.has_guid);
	assert_false(e.has_category);
	ws2fix_lsp_event_clear(&e);
	free(xml);
	/* Unnamed: the one documented field. */
	xml = event_xml(4, "2020-02-03T04:05:06Z", 10, "<Data>32</Data>");
	assert_int_equal(parse_str(&e, xml), 0);
	assert_int_equal(e.catalog, 32);
	ws2fix_lsp_event_clear(&e);
	free(xml);
}

static void test_events__unnamed_and_documented_field_names(void **state)
{
	(void)state;
	ws2fix_lsp_event e;
	/* Without the manifest the renderer gives <Data> without names. */
	char *xml = event_xml(1, "2021-01-01T00:00:00Z", 1,
		"<Data>MyLsp</Data><Data>64</Data><Data>C:\\a.exe</Data>"
		"<Data>{11111111-2222-3333-4444-555555555555}</Data><Data>0x3fd</Data>");
	assert_int_equal(parse_str(&e, xml), 0);
	assert_string_equal(e.lsp_name, "MyLsp");
	assert_int_equal(e.catalog, 64);
	assert_string_equal(e.installer, "C:\\a.exe");
	assert_true(e.has_guid);
	assert_int_equal(e.category, 0x3fd);
	ws2fix_lsp_event_clear(&e);
	free(xml);
	/* The names as Microsoft's page spells them, any case, prefixes. */
	xml = event_xml(1, "2021-01-01T00:00:00Z", 2,
		"<Data Name='LSP Name'>Doc</Data><Data Name='catalog'>32</Data>"
		"<Data Name='INSTALLER'>C:\\b.exe</Data><Data Name='Guid'>{11111111-2222-3333-4444-555555555555}</Data>"
		"<Data Name='Unknown'>ignored</Data>");
	assert_int_equal(parse_str(&e, xml), 0);
	assert_string_equal(e.lsp_name, "Doc");
	assert_int_equal(e.catalog, 32);
	assert_string_equal(e.installer, "C:\\b.exe");
	assert_false(e.has_category);
	ws2fix_lsp_event_clear(&e);
	free(xml);
	/* Values that are not of their type stay absent; empty strings too. */
	xml = event_xml(1, "2021-01-01T00:00:00Z", 3,
		"<Data Name='LSPName'></Data><Data Name='Catalog'>sixty-four</Data>"
		"<Data Name='GUID'>not-a-guid</Data><Data Name='Category'>-1</Data>");
	assert_int_equal(parse_str(&e, xml), 0);
	assert_null(e.lsp_name);
	assert_false(e.has_catalog);
	assert_false(e.has_guid);
	assert_false(e.has_category);
	ws2fix_lsp_event_clear(&e);
	free(xml);
}

static void test_events__entities_cdata_and_utf8(void **state)
{
	(void)state;
	ws2fix_lsp_event e;
	char *xml = event_xml(1, "2021-01-01T00:00:00Z", 1,
		"<Data Name='LSPName'>A &amp; B &lt;x&gt; &quot;q&quot; &apos;a&apos;</Data>"
		"<Data Name='Installer'>C:\\&#x4E2D;&#25991;\\Bj\xC3\xB6rk\\<![CDATA[a<b>&c]]>.exe</Data>");
	assert_int_equal(parse_str(&e, xml), 0);
	assert_string_equal(e.lsp_name, "A & B <x> \"q\" 'a'");
	assert_string_equal(e.installer, "C:\\\xE4\xB8\xAD\xE6\x96\x87\\Bj\xC3\xB6rk\\a<b>&c.exe");
	ws2fix_lsp_event_clear(&e);
	free(xml);
}

static void test_events__other_events_are_not_errors(void **state)
{
	(void)state;
	ws2fix_lsp_event e;
	const char *other_provider =
		"<Event><System><Provider Name='Microsoft-Windows-Winsock-AFD'/><EventID>1</EventID></System></Event>";
	assert_int_equal(parse_str(&e, other_provider), WS2FIX_ENOTFOUND);
	char *xml = event_xml(5, "2021-01-01T00:00:00Z", 1, "");
	assert_int_equal(parse_str(&e, xml), WS2FIX_ENOTFOUND);
	free(xml);
	assert_null(e.lsp_name);
}

/* Garbage of every kind is ECORRUPT, never a crash or a half-read event. */
static void test_events__garbage_is_an_error(void **state)
{
	(void)state;
	static const char *const bad[] = {
		"",
		"   ",
		"not xml at all",
		"<Event>",
		"<Event></Evnt>",
		"<Event><System></Event></System>",
		"<Event><System><EventID>1</EventID></System></Event><Event/>",
		"text<Event/>",
		"<Event/>trailing",
		"<Event a=b/>",
		"<Event a='1' a2=\"2/>",
		"<Event a='<'/>",
		"<Event>&foo;</Event>",
		"<Event>&#0;</Event>",
		"<Event>&#xD800;</Event>",
		"<Event>&#x110000;</Event>",
		"<Event>&amp</Event>",
		"<Event><!-- unterminated </Event>",
		"<Event><![CDATA[ unterminated </Event>",
		"<?xml version='1.0'",
		"<!DOCTYPE lol [<!ENTITY a \"aaaa\"><!ENTITY b \"&a;&a;&a;\">]><Event>&b;</Event>",
		"<1Event/>",
		"<Event><:x/></Event>",
		"< Event/>",
		"<Event/ >",
		"</Event>",
		"<Root/>",
		"<Event/>",
		"<Event><System/></Event>",
		"<Event><System><EventID>one</EventID></System></Event>",
		"<Event><System><EventID>99999999999</EventID></System></Event>",
		"<Event attr='x'attr2='y'/>",
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		ws2fix_lsp_event e;
		int rc = parse_str(&e, bad[i]);
		if (rc != WS2FIX_ECORRUPT)
			fail_msg("%zu: %s gave %d, want ECORRUPT", i, bad[i], rc);
		assert_null(e.lsp_name);
		assert_null(e.installer);
		assert_true(ws2fix_error_last()->message[0] != '\0');
	}
	/* A NUL inside the given length, and NULL text. */
	ws2fix_lsp_event e;
	assert_int_equal(ws2fix_lsp_event_parse(&e, "<Event>\0</Event>", 16), WS2FIX_ECORRUPT);
	assert_int_equal(ws2fix_lsp_event_parse(&e, NULL, 0), WS2FIX_ECORRUPT);
	assert_int_equal(ws2fix_lsp_event_parse(NULL, "<Event/>", 8), WS2FIX_EINVALID);

	/* Nesting beyond the bound. */
	char deep[40 * 8 + 64];
	size_t n = 0;
	for (int i = 0; i < 40; i++)
		n += (size_t)sprintf(deep + n, "<a>");
	for (int i = 0; i < 40; i++)
		n += (size_t)sprintf(deep + n, "</a>");
	assert_int_equal(parse_str(&e, deep), WS2FIX_ECORRUPT);
}

/* Every truncation of a valid event is refused; only the whole parses. */
static void test_events__every_truncation_is_refused(void **state)
{
	(void)state;
	char *xml = install_xml(1, "2019-05-12T08:14:03.1234567Z", 1, "n &amp; m", 32, "C:\\i.exe",
		"{4D2062B0-79CA-466E-94D4-21FE2ED90EE6}", 1016);
	size_t len = strlen(xml);
	for (size_t cut = 0; cut < len; cut++) {
		ws2fix_lsp_event e;
		int rc = ws2fix_lsp_event_parse(&e, xml, cut);
		if (rc != WS2FIX_ECORRUPT)
			fail_msg("prefix of %zu bytes gave %d", cut, rc);
	}
	ws2fix_lsp_event e;
	assert_int_equal(ws2fix_lsp_event_parse(&e, xml, len), 0);
	ws2fix_lsp_event_clear(&e);
	free(xml);
}

/* Random damage: any answer is fine as long as it is one of the documented
 * ones and nothing crashes or leaks (run under ASan/valgrind in CI). */
static void test_events__random_damage_never_crashes(void **state)
{
	(void)state;
	char *xml = install_xml(1, "2019-05-12T08:14:03Z", 1, "n", 32, "C:\\i.exe",
		"{4D2062B0-79CA-466E-94D4-21FE2ED90EE6}", 1016);
	size_t len = strlen(xml);
	char *copy = malloc(len + 1);
	assert_non_null(copy);
	uint32_t seed = 12345;
	static const char pool[] = "<>/&;'\"=!?[]-x \0\xff";
	for (int round = 0; round < 3000; round++) {
		memcpy(copy, xml, len + 1);
		for (int k = 0; k < 1 + round % 4; k++) {
			seed = seed * 1103515245u + 12345u;
			size_t at = (seed >> 8) % len;
			seed = seed * 1103515245u + 12345u;
			copy[at] = pool[(seed >> 8) % (sizeof(pool) - 1)];
		}
		ws2fix_lsp_event e;
		int rc = ws2fix_lsp_event_parse(&e, copy, len);
		assert_true(rc == 0 || rc == WS2FIX_ECORRUPT || rc == WS2FIX_ENOTFOUND);
		ws2fix_lsp_event_clear(&e);
	}
	free(copy);
	free(xml);
}

/* ---- reading a source --------------------------------------------------- */

typedef struct fake_source {
	const char *const *items;
	size_t count, pos;
	int fail_at; /* -1: never */
	int closed;
} fake_source;

static int fake_next(void *payload, char **out)
{
	fake_source *f = payload;
	if (f->fail_at >= 0 && f->pos == (size_t)f->fail_at)
		return WS2FIX_EACCESS;
	if (f->pos == f->count)
		return WS2FIX_ITEROVER;
	const char *s = f->items[f->pos++];
	*out = s ? strdup(s) : NULL;
	return 0;
}

static void fake_close(void *payload)
{
	((fake_source *)payload)->closed = 1;
}

static void test_events__read_counts_skipped_events(void **state)
{
	(void)state;
	char *a = install_xml(1, "2019-05-12T08:14:03Z", 1, "n", 32, "C:\\a.exe", "{4D2062B0-79CA-466E-94D4-21FE2ED90EE6}", 1);
	char *b = event_xml(4, "2019-05-13T08:14:03Z", 2, "<Data Name='Catalog'>32</Data>");
	char *c = event_xml(7, "2019-05-13T08:14:03Z", 3, "");
	const char *items[] = {a, "<garbage", b, c, NULL, ""};
	fake_source f = {items, 6, 0, -1, 0};
	ws2fix_event_source src = {fake_next, fake_close, &f};
	ws2fix_lsp_events *ev = NULL;
	assert_int_equal(ws2fix_events_read(&ev, &src), 0);
	assert_int_equal(ev->count, 2);
	assert_int_equal(ev->items[0].id, 1);
	assert_int_equal(ev->items[1].id, 4);
	assert_int_equal(ev->malformed, 3);
	assert_int_equal(ev->other, 1);
	ws2fix_events_free(ev);
	ws2fix_event_source_close(&src);
	assert_true(f.closed);
	assert_null(src.next);

	/* The source's own error comes back, with nothing half-built. */
	fake_source g = {items, 6, 0, 2, 0};
	ws2fix_event_source src2 = {fake_next, NULL, &g};
	ev = (ws2fix_lsp_events *)&g; /* must be reset to NULL */
	assert_int_equal(ws2fix_events_read(&ev, &src2), WS2FIX_EACCESS);
	assert_null(ev);
	ws2fix_event_source_close(&src2);
	ws2fix_event_source_close(NULL);
	ws2fix_events_free(NULL);
	free(a);
	free(b);
	free(c);
}

static void test_events__live_source_off_windows(void **state)
{
	(void)state;
#ifndef _WIN32
	ws2fix_event_source src;
	assert_int_equal(ws2fix_event_source_live(&src), WS2FIX_ENOTBUILT);
	assert_null(src.next);
#endif
}

/* ---- matching ------------------------------------------------------------- */

static ws2fix_lsp_events *events_of(const char *const *xml, size_t n)
{
	fake_source f = {xml, n, 0, -1, 0};
	ws2fix_event_source src = {fake_next, NULL, &f};
	ws2fix_lsp_events *ev = NULL;
	assert_int_equal(ws2fix_events_read(&ev, &src), 0);
	assert_int_equal(ev->malformed, 0);
	return ev;
}

static ws2fix_protocol_entry entry(const char *name, const char *guid, uint32_t id)
{
	ws2fix_protocol_entry e;
	memset(&e, 0, sizeof(e));
	e.key = (char *)"000000000016";
	e.has_item = 1;
	snprintf(e.item.protocol_name, sizeof(e.item.protocol_name), "%s", name);
	assert_int_equal(ws2fix_guid_parse(&e.item.provider_id, guid), 0);
	e.item.catalog_id = id;
	return e;
}

static void test_events__match_prefers_guid_then_id_then_name(void **state)
{
	(void)state;
	char *by_name = install_xml(1, "2019-01-01T00:00:00Z", 1, "ierd_tgp_lsp", 32, "C:\\name.exe",
		"{99999999-9999-9999-9999-999999999999}", 5555);
	char *by_id = install_xml(1, "2019-01-02T00:00:00Z", 2, "IERD_TGP_LSP", 32, "C:\\id.exe",
		"{99999999-9999-9999-9999-999999999999}", 1016);
	char *by_guid = install_xml(1, "2019-01-03T00:00:00Z", 3, "renamed", 32, "C:\\guid.exe",
		"{4D2062B0-79CA-466E-94D4-21FE2ED90EE6}", 7);
	ws2fix_protocol_entry e = entry("ierd_tgp_lsp", "{4D2062B0-79CA-466E-94D4-21FE2ED90EE6}", 1016);
	ws2fix_event_match m;

	const char *only_name[] = {by_name};
	ws2fix_lsp_events *ev = events_of(only_name, 1);
	assert_int_equal(ws2fix_events_match(&m, ev, &e, WS2FIX_VIEW_32), 1);
	assert_string_equal(m.matched_by, "name");
	assert_string_equal(m.installed_by, "C:\\name.exe");
	assert_string_equal(m.installed_on, "2019-01-01T00:00:00Z");
	ws2fix_events_free(ev);

	/* The GUID wins even when it is the oldest of the three. */
	const char *all[] = {by_guid, by_id, by_name};
	ev = events_of(all, 3);
	assert_int_equal(ws2fix_events_match(&m, ev, &e, WS2FIX_VIEW_32), 1);
	assert_string_equal(m.matched_by, "guid");
	assert_string_equal(m.installed_by, "C:\\guid.exe");
	assert_int_equal(m.event->record_id, 3);
	ws2fix_events_free(ev);

	const char *id_and_name[] = {by_id, by_name};
	ev = events_of(id_and_name, 2);
	assert_int_equal(ws2fix_events_match(&m, ev, &e, WS2FIX_VIEW_32), 1);
	assert_string_equal(m.matched_by, "catalog_id");
	assert_string_equal(m.installed_by, "C:\\id.exe");
	/* Another catalog: the events say 32, this is the 64-bit view. */
	assert_int_equal(ws2fix_events_match(&m, ev, &e, WS2FIX_VIEW_64), 0);
	assert_null(m.installed_by);
	ws2fix_events_free(ev);

	free(by_name);
	free(by_id);
	free(by_guid);
}

static void test_events__match_latest_install_after_last_reset(void **state)
{
	(void)state;
	const char *g = "{4D2062B0-79CA-466E-94D4-21FE2ED90EE6}";
	char *old = install_xml(1, "2018-01-01T00:00:00Z", 1, "lsp", 32, "C:\\old.exe", g, 1016);
	char *newer = install_xml(1, "2018-06-01T00:00:00Z", 2, "lsp", 32, "C:\\new.exe", g, 1016);
	char *removed = install_xml(2, "2018-07-01T00:00:00Z", 3, "lsp", 32, "C:\\new.exe", g, 1016);
	char *reset32 = event_xml(4, "2019-01-01T00:00:00Z", 4, "<Data Name='Catalog'>32</Data>");
	char *reset64 = event_xml(4, "2019-01-01T00:00:00Z", 5, "<Data Name='Catalog'>64</Data>");
	char *nocat = event_xml(1, "", 6,
		"<Data Name='LSPName'>lsp</Data><Data Name='Installer'>C:\\nocat.exe</Data>");
	ws2fix_protocol_entry e = entry("lsp", g, 1016);
	ws2fix_event_match m;

	const char *a[] = {old, newer, removed};
	ws2fix_lsp_events *ev = events_of(a, 3);
	assert_int_equal(ws2fix_events_match(&m, ev, &e, WS2FIX_VIEW_32), 1);
	assert_string_equal(m.installed_by, "C:\\new.exe");
	ws2fix_events_free(ev);

	/* A reset of the same catalog forgets what came before... */
	const char *b[] = {old, newer, reset32};
	ev = events_of(b, 3);
	assert_int_equal(ws2fix_events_match(&m, ev, &e, WS2FIX_VIEW_32), 0);
	ws2fix_events_free(ev);
	/* ...a reset of the other catalog does not. */
	const char *c[] = {old, newer, reset64};
	ev = events_of(c, 3);
	assert_int_equal(ws2fix_events_match(&m, ev, &e, WS2FIX_VIEW_32), 1);
	assert_string_equal(m.installed_by, "C:\\new.exe");
	ws2fix_events_free(ev);
	/* An event without a Catalog fits either view; without a time it has
	 * no date. */
	const char *d[] = {reset32, nocat};
	ev = events_of(d, 2);
	assert_int_equal(ws2fix_events_match(&m, ev, &e, WS2FIX_VIEW_64), 1);
	assert_string_equal(m.installed_by, "C:\\nocat.exe");
	assert_null(m.installed_on);
	assert_string_equal(m.matched_by, "name");
	ws2fix_events_free(ev);

	/* Nothing known, nothing to match, bad arguments. */
	assert_int_equal(ws2fix_events_match(&m, NULL, &e, WS2FIX_VIEW_32), 0);
	ws2fix_protocol_entry empty;
	memset(&empty, 0, sizeof(empty));
	ev = events_of(a, 3);
	assert_int_equal(ws2fix_events_match(&m, ev, &empty, WS2FIX_VIEW_32), 0);
	assert_int_equal(ws2fix_events_match(NULL, ev, &e, WS2FIX_VIEW_32), WS2FIX_EINVALID);
	assert_int_equal(ws2fix_events_match(&m, ev, NULL, WS2FIX_VIEW_32), WS2FIX_EINVALID);
	ws2fix_events_free(ev);
	free(old);
	free(newer);
	free(removed);
	free(reset32);
	free(reset64);
	free(nocat);
}

/* Synthetic events for the LSP of a real catalog: each of its entries
 * finds its install, no Microsoft entry does. */
static void test_events__match_against_real_catalog(void **state)
{
	(void)state;
	char *path = testutil_shared_path("corpus/cingchun-bccc/winsock2.reg");
	if (!path)
		testutil_skip();
	ws2fix_registry *reg = NULL;
	ws2fix_open_options o = WS2FIX_OPEN_OPTIONS_INIT;
	assert_int_equal(ws2fix_registry_open_regfile(&reg, path, &o), 0);
	ws2fix_catalog *cat = NULL;
	assert_int_equal(ws2fix_catalog_read(&cat, reg), 0);

	/* What an installer run would have logged: the hidden entry and the
	 * three chains, 32-bit then 64-bit (GUIDs and ids from the export). */
	static const struct {
		const char *name, *guid;
		unsigned catalog, id;
	} inst[] = {
		{"ierd_tgp_lsp", "{4D2062B0-79CA-466E-94D4-21FE2ED90EE6}", 32, 1016},
		{"ierd_tgp_lsp over [MSAFD Tcpip [TCP/IP]]", "{49B08E8F-6E6C-4652-BCDE-52260FD7AEB3}", 32, 1017},
		{"ierd_tgp_lsp over [MSAFD Tcpip [UDP/IP]]", "{FA554E8A-BC42-4F7D-A7F5-9141DFA182E3}", 32, 1018},
		{"ierd_tgp_lsp over [MSAFD Tcpip [RAW/IP]]", "{4E841EB4-0A8E-445C-BF1F-C136A9296BBB}", 32, 1019},
		{"ierd_tgp_lsp64", "{71708DD8-8C0E-4318-B17D-8BA2A2381916}", 64, 1020},
		{"ierd_tgp_lsp64 over [MSAFD Tcpip [TCP/IP]]", "{4292DFAF-0BB5-4541-9AE4-D84D04F7731B}", 64, 1021},
		{"ierd_tgp_lsp64 over [MSAFD Tcpip [UDP/IP]]", "{4D58EF71-C619-4DA0-BF2B-ADEAC3F8D75D}", 64, 1022},
		{"ierd_tgp_lsp64 over [MSAFD Tcpip [RAW/IP]]", "{DEBF45D5-642F-4A74-AC26-6EAC02EF742B}", 64, 1023},
	};
	char *xml[8];
	for (size_t i = 0; i < 8; i++)
		xml[i] = install_xml(1, "2020-10-20T10:20:30.5000000Z", i + 1, inst[i].name, inst[i].catalog,
			"C:\\Program Files (x86)\\Example\\tgp_installer.exe", inst[i].guid, inst[i].id);
	ws2fix_lsp_events *ev = events_of((const char *const *)xml, 8);
	assert_int_equal(ev->count, 8);

	size_t matched = 0;
	for (int v = 0; v < 2; v++) {
		const ws2fix_protocol_view *pv = &cat->protocol[v];
		assert_int_equal(pv->info.count, 19);
		for (size_t k = 0; k < pv->info.count; k++) {
			ws2fix_event_match m;
			int r = ws2fix_events_match(&m, ev, &pv->entries[k], (enum ws2fix_view)v);
			if (k < 15) {
				assert_int_equal(r, 0); /* the 15 Microsoft entries */
				continue;
			}
			assert_int_equal(r, 1);
			assert_string_equal(m.matched_by, "guid");
			assert_string_equal(m.installed_by, "C:\\Program Files (x86)\\Example\\tgp_installer.exe");
			assert_string_equal(m.installed_on, "2020-10-20T10:20:30Z");
			assert_int_equal(m.event->catalog, v == WS2FIX_VIEW_64 ? 64 : 32);
			matched++;
		}
	}
	assert_int_equal(matched, 8);
	ws2fix_events_free(ev);
	for (size_t i = 0; i < 8; i++)
		free(xml[i]);
	ws2fix_catalog_free(cat);
	ws2fix_registry_free(reg);
	free(path);
}

/* The real WS2HELP log through libevtx: the two ProxyCap installs as the
 * provenance (and evtxexport) list them; a build without libevtx says so
 * (ENOTBUILT) and the test is a visible skip, never a pass. */
static void test_events__real_evtx_log(void **state)
{
	(void)state;
	char *path = testutil_shared_path("corpus/evtx-attack-samples/Persistence_Winsock_Catalog Change EventId_1.evtx");
	if (!path)
		testutil_skip();
	ws2fix_event_source src;
	int rc = ws2fix_event_source_evtx(&src, path);
	if (!ws2fix_evtx_supported()) {
		assert_int_equal(rc, WS2FIX_ENOTBUILT);
		free(path);
		testutil_skip();
	}
	assert_int_equal(rc, 0);
	ws2fix_lsp_events *ev = NULL;
	assert_int_equal(ws2fix_events_read(&ev, &src), 0);
	assert_int_equal(ws2fix_event_source_evtx_damaged(&src), 0);
	ws2fix_event_source_close(&src);
	assert_int_equal(ev->count, 2);
	assert_int_equal(ev->malformed, 0);
	static const char *const installer[2] = {"C:\\Windows\\System32\\MsiExec.exe", "C:\\Windows\\syswow64\\MsiExec.exe"};
	static const char *const when[2] = {"2019-08-23T12:37:37Z", "2019-08-23T12:37:38Z"};
	static const uint32_t category[2] = {1016, 1021};
	for (int i = 0; i < 2; i++) {
		const ws2fix_lsp_event *e = &ev->items[i];
		char guid[39];
		assert_int_equal(e->id, WS2FIX_LSP_EVENT_INSTALL);
		assert_string_equal(e->lsp_name, "PROXYCAP LSP");
		assert_string_equal(e->installer, installer[i]);
		assert_string_equal(e->time, when[i]);
		assert_true(e->has_catalog && e->catalog == 32);
		assert_true(e->has_category && e->category == category[i]);
		assert_true(e->has_guid);
		ws2fix_guid_format(guid, &e->guid);
		assert_string_equal(guid, "{7E35F09E-CF45-CF00-3594-397712626D0F}");
		assert_true(e->has_record_id && e->record_id == (uint64_t)(i + 1));
	}
	ws2fix_events_free(ev);

	/* Not EVTX, and no file: one line, no source. */
	char *dir = testutil_tempdir();
	char *text = testutil_write_file(dir, "notes.evtx", "not a log\n", 10);
	assert_int_equal(ws2fix_event_source_evtx(&src, text), WS2FIX_ECORRUPT);
	assert_null(strchr(ws2fix_error_last()->message, '\n'));
	assert_null(src.next);
	remove(text);
	assert_int_equal(ws2fix_event_source_evtx(&src, text), WS2FIX_ENOTFOUND);
	free(text);
	free(dir);
	free(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_events__parses_install_event),
		cmocka_unit_test(test_events__vista_time_and_remove_disable),
		cmocka_unit_test(test_events__reset_event_has_catalog_only),
		cmocka_unit_test(test_events__unnamed_and_documented_field_names),
		cmocka_unit_test(test_events__entities_cdata_and_utf8),
		cmocka_unit_test(test_events__other_events_are_not_errors),
		cmocka_unit_test(test_events__garbage_is_an_error),
		cmocka_unit_test(test_events__every_truncation_is_refused),
		cmocka_unit_test(test_events__random_damage_never_crashes),
		cmocka_unit_test(test_events__read_counts_skipped_events),
		cmocka_unit_test(test_events__live_source_off_windows),
		cmocka_unit_test(test_events__match_prefers_guid_then_id_then_name),
		cmocka_unit_test(test_events__match_latest_install_after_last_reset),
		cmocka_unit_test(test_events__match_against_real_catalog),
		cmocka_unit_test(test_events__real_evtx_log),
	};
	return testutil_result(cmocka_run_group_tests(tests, NULL, NULL));
}

/* SPDX-License-Identifier: MIT */
/* explain: the knowledge base is complete in both languages, every seed
 * message finds its own symptom, every Winsock code resolves, and the
 * normalisation tolerates what people do to messages when they retype them. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "testutil.h"

#include "ws2fix/errors.h"
#include "ws2fix/explain.h"
#include "ws2fix/osinfo.h"
#include "lib/explain/explain_internal.h"
#include "lib/wsa_errors.h"

static const char *top_id(ws2fix_explain_result *r)
{
	return r->count ? r->matches[0].symptom : "(none)";
}

/* Explain @p q and check the best match; returns its score. */
static double expect_top(const char *q, const char *want)
{
	ws2fix_explain_result *r = NULL;
	assert_int_equal(ws2fix_explain(&r, q, WS2FIX_LANG_EN), 0);
	assert_non_null(r);
	if (r->count == 0 || strcmp(r->matches[0].symptom, want) != 0)
		fail_msg("'%s': best match %s, want %s", q, top_id(r), want);
	double score = r->matches[0].score;
	ws2fix_explain_result_free(r);
	return score;
}

/* The seed text with å ä ö é and their capitals spelt without diacritics,
 * as people retype it on a keyboard without them. */
static char *strip_swedish(const char *s)
{
	static const struct {
		const char *from, *to;
	} map[] = {{"å", "a"}, {"ä", "a"}, {"ö", "o"}, {"é", "e"},
		   {"Å", "A"}, {"Ä", "A"}, {"Ö", "O"}, {"É", "E"}};
	char *out = malloc(strlen(s) + 1);
	size_t o = 0;
	assert_non_null(out);
	while (*s) {
		size_t k;
		for (k = 0; k < sizeof(map) / sizeof(map[0]); k++) {
			size_t n = strlen(map[k].from);
			if (strncmp(s, map[k].from, n) == 0) {
				out[o++] = map[k].to[0];
				s += n;
				break;
			}
		}
		if (k == sizeof(map) / sizeof(map[0]))
			out[o++] = *s++;
	}
	out[o] = '\0';
	return out;
}

/* ---- the knowledge base --------------------------------------------- */

static void test_explain__symptoms_complete_in_both_languages(void **state)
{
	(void)state;
	size_t n;
	const kb_symptom *sym = ws2fix__kb_symptoms(&n);
	assert_true(n >= 12);
	for (size_t i = 0; i < n; i++) {
		int seed_lang[WS2FIX_LANG_COUNT] = {0, 0};
		assert_non_null(sym[i].id);
		for (size_t k = 0; k < i; k++)
			if (strcmp(sym[i].id, sym[k].id) == 0)
				fail_msg("symptom id %s twice", sym[i].id);
		for (int l = 0; l < WS2FIX_LANG_COUNT; l++) {
			if (!sym[i].message[l] || !*sym[i].message[l] || !sym[i].meaning[l] ||
			    !*sym[i].meaning[l] || !sym[i].cause[l] || !*sym[i].cause[l])
				fail_msg("%s: a text is missing in language %d", sym[i].id, l);
		}
		if (strcmp(sym[i].meaning[WS2FIX_LANG_EN], sym[i].meaning[WS2FIX_LANG_SV]) == 0)
			fail_msg("%s: Swedish meaning is the English one", sym[i].id);
		for (const kb_phrase *p = sym[i].phrases; p->text; p++) {
			assert_true(*p->text);
			if (p->kind == KB_SEED)
				seed_lang[p->lang] = 1;
		}
		/* Every symptom is quoted by the seeds in both editions, except
		 * HijackThis's O10 lines: HijackThis writes them in English only. */
		if (sym[i].remedy == KB_REMEDY_ENVIRONMENT || sym[i].remedy == KB_REMEDY_LAYERED) {
			/* The verdicts stand on who printed the error (context.c),
			 * not on a message of the seeds. */
			if (seed_lang[WS2FIX_LANG_EN] || seed_lang[WS2FIX_LANG_SV] || sym[i].winsock_related)
				fail_msg("%s: a verdict symptom with a seed message or blaming the catalog", sym[i].id);
		} else if (sym[i].remedy == KB_REMEDY_HIJACKTHIS) {
			if (!seed_lang[WS2FIX_LANG_EN] || strncmp(sym[i].id, "hijackthis-o10-", 15) != 0)
				fail_msg("%s: an O10 symptom needs its English wording and id", sym[i].id);
		} else if (!seed_lang[WS2FIX_LANG_EN] || !seed_lang[WS2FIX_LANG_SV])
			fail_msg("%s: lacks a seed phrase in English or Swedish", sym[i].id);
	}
}

static void test_explain__guidance_complete_in_both_languages(void **state)
{
	(void)state;
	for (int id = 0; id < WS2FIX_GUIDANCE_COUNT; id++) {
		const char *en = ws2fix_guidance((ws2fix_guidance_id)id, WS2FIX_LANG_EN);
		const char *sv = ws2fix_guidance((ws2fix_guidance_id)id, WS2FIX_LANG_SV);
		const char *name = ws2fix_guidance_name((ws2fix_guidance_id)id);
		assert_true(*en && *sv && *name);
		assert_string_not_equal(en, sv);
		assert_true(*ws2fix_guidance_title((ws2fix_guidance_id)id, WS2FIX_LANG_EN));
		assert_string_not_equal(ws2fix_guidance_title((ws2fix_guidance_id)id, WS2FIX_LANG_EN),
			ws2fix_guidance_title((ws2fix_guidance_id)id, WS2FIX_LANG_SV));
		for (int k = 0; k < id; k++)
			assert_string_not_equal(name, ws2fix_guidance_name((ws2fix_guidance_id)k));
	}
	assert_string_equal(ws2fix_guidance(WS2FIX_GUIDANCE_COUNT, WS2FIX_LANG_EN), "");

	/* What repair output relies on, worded from the seeds. */
	assert_non_null(strstr(ws2fix_guidance(WS2FIX_GUIDANCE_XP_TCPIP_REINSTALL, WS2FIX_LANG_EN), "nettcpip.inf"));
	assert_non_null(strstr(ws2fix_guidance(WS2FIX_GUIDANCE_XP_TCPIP_REINSTALL, WS2FIX_LANG_SV), "Diskett finns"));
	assert_non_null(strstr(ws2fix_guidance(WS2FIX_GUIDANCE_XP_TCPIP_REINSTALL, WS2FIX_LANG_EN), "C:\\Windows\\inf"));
	const char *w2k = ws2fix_guidance(WS2FIX_GUIDANCE_W2K_PROCEDURE, WS2FIX_LANG_EN);
	assert_non_null(strstr(w2k, "LanManServer\\Linkage"));
	assert_non_null(strstr(w2k, "LanManWorkstation\\Linkage"));
	assert_non_null(strstr(w2k, "Services\\Tcpip"));
	assert_non_null(strstr(w2k, "Write down"));
	assert_non_null(strstr(ws2fix_guidance(WS2FIX_GUIDANCE_VISTA_DIAGNOSTICS, WS2FIX_LANG_SV), "Diagnostisera och reparera"));
	assert_non_null(strstr(ws2fix_guidance(WS2FIX_GUIDANCE_VISTA_RESET, WS2FIX_LANG_EN), "Run as administrator"));
	assert_non_null(strstr(ws2fix_guidance(WS2FIX_GUIDANCE_XP_SP2_RESET, WS2FIX_LANG_SV), "netsh winsock reset"));
	assert_non_null(strstr(ws2fix_guidance(WS2FIX_GUIDANCE_RESTART, WS2FIX_LANG_SV), "Starta om datorn"));
}

static void test_explain__remedy_steps_complete(void **state)
{
	(void)state;
	for (int r = 0; r < KB_REMEDY_COUNT; r++) {
		size_t n;
		const kb_step *s = ws2fix__kb_remedy_steps((enum kb_remedy)r, &n);
		assert_true(n > 0);
		for (size_t i = 0; i < n; i++) {
			assert_true(*s[i].text[WS2FIX_LANG_EN] && *s[i].text[WS2FIX_LANG_SV]);
			assert_string_not_equal(s[i].text[WS2FIX_LANG_EN], s[i].text[WS2FIX_LANG_SV]);
			if (s[i].command)
				assert_true(strncmp(s[i].command, "ws2fix ", 7) == 0);
			/* Steps come grouped by version, oldest first. */
			if (i > 0)
				assert_true(s[i].os >= s[i - 1].os);
		}
	}
	/* The corruption remedy covers every version the seeds name. */
	size_t n;
	const kb_step *s = ws2fix__kb_remedy_steps(KB_REMEDY_CORRUPTION, &n);
	for (int os = 0; os < WS2FIX_EXPLAIN_OS_COUNT; os++) {
		int has_command = 0;
		for (size_t i = 0; i < n; i++)
			if ((int)s[i].os == os && s[i].command)
				has_command = 1;
		if (!has_command && os != WS2FIX_EXPLAIN_OS_ANY && os != WS2FIX_EXPLAIN_OS_COUNT)
			fail_msg("no ws2fix command for %s", ws2fix_explain_os_id((ws2fix_explain_os)os));
	}
}

/* ---- normalisation --------------------------------------------------- */

static void expect_fold(const char *in, const char *want)
{
	char *got = ws2fix__explain_fold(in);
	assert_non_null(got);
	if (strcmp(got, want) != 0)
		fail_msg("fold('%s') = '%s', want '%s'", in, got, want);
	free(got);
}

static void test_explain__fold(void **state)
{
	(void)state;
	expect_fold("Åtgärden misslyckades", "atgarden misslyckades");
	expect_fold("ÅÄÖ åäö é ü ß Æ ø", "aao aao e u ss ae o");
	expect_fold("  \"Fel 720:\"\r\n Inga  PPP-kontrollprotokoll\t", "fel 720 inga ppp kontrollprotokoll");
	expect_fold("\xe2\x80\x9cquoted\xe2\x80\x9d 'single'", "quoted single");
	expect_fold("IPMONTR.DLL", "ipmontr dll");
	expect_fold("", "");
	expect_fold("...!?", "");
	/* Windows-1252 bytes, not UTF-8: "åtgärd" from an ANSI file. */
	expect_fold("\xe5tg\xe4rd", "atgard");
	/* A broken UTF-8 sequence is read byte by byte (0xC3 is "Ã" in
	 * Windows-1252), never skipped over together with what follows. */
	expect_fold("a\xc3" "b", "aab");
	expect_fold("\xc3\xa5", "a");
	expect_fold("0x2736", "0x2736");

	/* Code page 850, as a Swedish console pipes it: "Åtgärden ... på". */
	expect_fold("\x8ftg\x84rden f\x94rs\x94kte p\x86 n\x86got", "atgarden forsokte pa nagot");
	expect_fold("en \x86tg\x84rd \x84r", "en atgard ar");
	/* ... but Windows-1252 quotes around a word stay quotes. */
	expect_fold("\x93Sidan\x94 kan", "sidan kan");

	/* The query kept for output is valid UTF-8 whatever came in. */
	char *u = ws2fix__explain_to_utf8("\xe5tg\xe4rd \xc3\xa5 \x81");
	assert_non_null(u);
	assert_string_equal(u, "åtgärd å \xef\xbf\xbd");
	free(u);
}

static void test_explain__tokens(void **state)
{
	(void)state;
	kb_token *t = NULL;
	assert_int_equal(ws2fix__explain_tokens(&t, "fel 720 inga"), 3);
	assert_int_equal(t[1].len, 3);
	assert_memory_equal(t[1].s, "720", 3);
	free(t);
	assert_int_equal(ws2fix__explain_tokens(&t, ""), 0);
	assert_null(t);

	/* The Swedish word comes out as the loan word the messages use, with
	 * its inflection; a word that only starts like it stays as it is. */
	assert_int_equal(ws2fix__explain_tokens(&t, "uttaget ett uttag uttagsautomat"), 4);
	assert_int_equal(t[0].len, 8);
	assert_memory_equal(t[0].s, "socketen", 8);
	assert_int_equal(t[2].len, 6);
	assert_memory_equal(t[2].s, "socket", 6);
	assert_int_equal(t[3].len, 13);
	assert_memory_equal(t[3].s, "uttagsautomat", 13);
	free(t);
	assert_true(ws2fix__explain_is_article("ett", 3));
	assert_true(ws2fix__explain_is_article("the", 3));
	assert_false(ws2fix__explain_is_article("inte", 4));
}

/* Articles added or dropped, and "uttag" for "socket", still give the
 * entry: whole-phrase containment ignores the articles. */
static void test_explain__reworded_short_forms(void **state)
{
	(void)state;
	assert_true(expect_top("inte ett uttag", "not-a-socket") >= 0.9);
	assert_true(expect_top("not socket", "not-a-socket") >= 0.9);
	assert_true(expect_top("Ein Vorgang bezog sich auf ein Objekt, das kein Socket ist.", "not-a-socket") >= 0.9);
	expect_top("Det gick inte att läsa in eller initiera den begärda tjänsteleverantören", "provider-load-failed");
}

static void test_explain__parse_number(void **state)
{
	(void)state;
	long v = 0;
	assert_true(ws2fix__explain_parse_number(&v, "10038", 5));
	assert_int_equal(v, 10038);
	assert_true(ws2fix__explain_parse_number(&v, "0x2736", 6));
	assert_int_equal(v, 10038);
	assert_true(ws2fix__explain_parse_number(&v, "2736h", 5));
	assert_int_equal(v, 10038);
	assert_true(ws2fix__explain_parse_number(&v, "0x80072736", 10));
	assert_int_equal(v, 10038);
	assert_false(ws2fix__explain_parse_number(&v, "each", 4));
	assert_false(ws2fix__explain_parse_number(&v, "socket", 6));
	assert_false(ws2fix__explain_parse_number(&v, "99999999999", 11));
	assert_false(ws2fix__explain_parse_number(&v, "0x", 2));
	assert_false(ws2fix__explain_parse_number(&v, "0x8000ffff", 10));
}

static void test_explain__word_similarity(void **state)
{
	(void)state;
	assert_true(ws2fix__explain_word_similarity("socket", 6, "socket", 6) == 1.0);
	assert_true(ws2fix__explain_word_similarity("socketen", 8, "socket", 6) > 0.5);
	assert_true(ws2fix__explain_word_similarity("initialised", 11, "initialized", 11) > 0.5);
	assert_true(ws2fix__explain_word_similarity("attemted", 8, "attempted", 9) > 0.5);
	assert_true(ws2fix__explain_word_similarity("10038", 5, "10039", 5) == 0.0);
	assert_true(ws2fix__explain_word_similarity("port", 4, "sort", 4) == 0.0);
	assert_true(ws2fix__explain_is_stopword("the", 3));
	assert_true(ws2fix__explain_is_stopword("och", 3));
	assert_false(ws2fix__explain_is_stopword("socket", 6));
	assert_true(ws2fix__explain_is_code_word("felkod", 6));
}

/* ---- matching -------------------------------------------------------- */

static void test_explain__every_seed_phrase_finds_its_symptom(void **state)
{
	(void)state;
	size_t n;
	const kb_symptom *sym = ws2fix__kb_symptoms(&n);
	for (size_t i = 0; i < n; i++) {
		for (const kb_phrase *p = sym[i].phrases; p->text; p++) {
			if (p->kind != KB_SEED)
				continue;
			double s = expect_top(p->text, sym[i].id);
			if (s < 0.9)
				fail_msg("'%s': score %.2f for the whole seed message", p->text, s);
			char *plain = strip_swedish(p->text);
			expect_top(plain, sym[i].id);
			free(plain);
		}
		/* The message as the result shows it finds the symptom too. */
		for (int l = 0; l < WS2FIX_LANG_COUNT; l++)
			expect_top(sym[i].message[l], sym[i].id);
	}
}

static void test_explain__every_wsa_code_resolves(void **state)
{
	(void)state;
	size_t n;
	const ws2fix_wsa_error_info *t = ws2fix__wsa_error_table(&n);
	assert_true(n >= 80);
	for (size_t i = 0; i < n; i++) {
		char q[32];
		snprintf(q, sizeof(q), "%d", t[i].code);
		for (int l = 0; l < WS2FIX_LANG_COUNT; l++) {
			ws2fix_explain_result *r = NULL;
			assert_int_equal(ws2fix_explain(&r, q, (ws2fix_lang)l), 0);
			if (r->count == 0 || r->matches[0].error_code != t[i].code ||
			    strcmp(r->matches[0].error_name, t[i].name) != 0 || r->matches[0].score != 1.0 ||
			    !r->matches[0].by_code)
				fail_msg("%s does not resolve (best: %s)", q, top_id(r));
			assert_true(*r->matches[0].meaning && *r->matches[0].cause && r->matches[0].step_count > 0);
			ws2fix_explain_result_free(r);
		}
		ws2fix_explain_result *r = NULL;
		assert_int_equal(ws2fix_explain(&r, t[i].name, WS2FIX_LANG_EN), 0);
		if (r->count == 0 || r->matches[0].error_code != t[i].code)
			fail_msg("%s does not resolve (best: %s)", t[i].name, top_id(r));
		ws2fix_explain_result_free(r);
	}
}

static void test_explain__codes_as_people_write_them(void **state)
{
	(void)state;
	static const struct {
		const char *q, *want;
	} cases[] = {
		{"10038", "not-a-socket"}, {"0x2736", "not-a-socket"}, {"WSAENOTSOCK", "not-a-socket"},
		{"enotsock", "not-a-socket"}, {"0x80072736", "not-a-socket"},
		{"code 24", "tcpip-driver-code-24"}, {"kod 24", "tcpip-driver-code-24"},
		{"Felkod 24", "tcpip-driver-code-24"}, {"error 720", "ppp-no-control-protocols"},
		{"fel 720", "ppp-no-control-protocols"}, {"720", "ppp-no-control-protocols"},
		{"Felkod: 10107", "inithelperdll-failed"}, {"error code 2", "driver-contact-failed"},
		{"10106", "provider-load-failed"}, {"10045", "operation-not-supported"},
		{"10061", "wsa-10061"}, {"WSA_QOS_RECEIVERS", "wsa-11005"}, {"wsa_e_no_more", "wsa-10110"},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		expect_top(cases[i].q, cases[i].want);
}

static void test_explain__retyped_messages(void **state)
{
	(void)state;
	expect_top("atgarden misslyckades eftersom inget kort ar i tillatet tillstand", "no-adapter-permissible");
	expect_top("SIDAN KAN INTE VISAS", "page-cannot-be-displayed");
	expect_top("\"the page cannot be displayed\"", "page-cannot-be-displayed");
	expect_top("An operation was attempted\non something that is\r\nnot a socket", "not-a-socket");
	expect_top("an operation was attemted on somthing that is not a socket", "not-a-socket");
	expect_top("not a socket", "not-a-socket");
	expect_top("det gick inte att lasa in eller initiera den begarda tjanstprovidern", "provider-load-failed");
	expect_top("TCPIP-protokolldrivrutinen", "tcpip-driver-code-24");
	expect_top("not-a-socket", "not-a-socket");
}

static void test_explain__combined_message_ranks_both(void **state)
{
	(void)state;
	ws2fix_explain_result *r = NULL;
	assert_int_equal(ws2fix_explain(&r,
		"An error occurred while renewing interface local area connection: an operation was "
		"attempted on something that is not a socket. Unable to contact driver Error code 2.",
		WS2FIX_LANG_EN), 0);
	assert_true(r->count >= 2);
	assert_string_equal(r->matches[0].symptom, "not-a-socket");
	assert_string_equal(r->matches[1].symptom, "driver-contact-failed");
	assert_true(r->matches[0].score >= r->matches[1].score);
	ws2fix_explain_result_free(r);
}

static void test_explain__result_fields(void **state)
{
	(void)state;
	ws2fix_explain_result *r = NULL;
	assert_int_equal(ws2fix_explain(&r, "Sidan kan inte visas", WS2FIX_LANG_EN), 0);
	assert_string_equal(r->query, "Sidan kan inte visas");
	assert_int_equal(r->matches[0].language, WS2FIX_LANG_SV);
	assert_int_equal(r->matches[0].error_code, WS2FIX_EXPLAIN_NO_CODE);
	assert_null(r->matches[0].error_name);
	assert_true(r->matches[0].winsock_related);
	/* Texts come in the requested language whatever language matched. */
	assert_string_equal(r->matches[0].message, "The page cannot be displayed");
	ws2fix_explain_result_free(r);

	assert_int_equal(ws2fix_explain(&r, "10038", WS2FIX_LANG_SV), 0);
	const ws2fix_explain_match *m = &r->matches[0];
	assert_string_equal(m->error_name, "WSAENOTSOCK");
	assert_string_equal(m->message, "En åtgärd försökte utföras på något som inte är en socket.");
	assert_true(m->step_count >= WS2FIX_EXPLAIN_OS_COUNT);
	assert_int_equal(m->steps[0].os, WS2FIX_EXPLAIN_OS_ANY);
	assert_string_equal(m->steps[0].command, "ws2fix diagnose");
	int seen[WS2FIX_EXPLAIN_OS_COUNT] = {0};
	for (size_t i = 0; i < m->step_count; i++) {
		seen[m->steps[i].os] = 1;
		assert_string_equal(m->steps[i].os_id, ws2fix_explain_os_id(m->steps[i].os));
	}
	for (int os = 0; os < WS2FIX_EXPLAIN_OS_COUNT; os++)
		assert_true(seen[os]);
	ws2fix_explain_result_free(r);

	/* A plain Winsock error is not a sign of corruption. */
	assert_int_equal(ws2fix_explain(&r, "10061", WS2FIX_LANG_EN), 0);
	assert_false(r->matches[0].winsock_related);
	assert_non_null(strstr(r->matches[0].meaning, "10061"));
	ws2fix_explain_result_free(r);
	/* ... unless it means the catalog lacks a provider. */
	assert_int_equal(ws2fix_explain(&r, "WSAEAFNOSUPPORT", WS2FIX_LANG_EN), 0);
	assert_true(r->matches[0].winsock_related);
	ws2fix_explain_result_free(r);
}

static void test_explain__no_match(void **state)
{
	(void)state;
	static const char *const queries[] = {"banana smoothie recipe", "12345", "", "   ", "!!!",
		"pinging 192.168.1.2 with 32 bytes of data"};
	for (size_t i = 0; i < sizeof(queries) / sizeof(queries[0]); i++) {
		ws2fix_explain_result *r = NULL;
		assert_int_equal(ws2fix_explain(&r, queries[i], WS2FIX_LANG_EN), 0);
		/* The last one may match something, but an IP address is not "code 2". */
		int last = i + 1 == sizeof(queries) / sizeof(queries[0]);
		for (size_t k = 0; k < r->count; k++)
			if (!last || strcmp(r->matches[k].symptom, "driver-contact-failed") == 0)
				fail_msg("'%s' matched %s", queries[i], r->matches[k].symptom);
		ws2fix_explain_result_free(r);
	}
}

static void test_explain__bad_arguments(void **state)
{
	(void)state;
	ws2fix_explain_result *r = NULL;
	assert_int_equal(ws2fix_explain(NULL, "x", WS2FIX_LANG_EN), WS2FIX_EINVALID);
	assert_int_equal(ws2fix_explain(&r, NULL, WS2FIX_LANG_EN), WS2FIX_EINVALID);
	ws2fix_explain_result_free(NULL);
	/* A long paste is cut, not refused. */
	size_t len = 100000;
	char *big = malloc(len + 1);
	assert_non_null(big);
	for (size_t i = 0; i < len; i++)
		big[i] = "not a socket "[i % 13];
	big[len] = '\0';
	assert_int_equal(ws2fix_explain(&r, big, WS2FIX_LANG_EN), 0);
	assert_string_equal(r->query, big);
	assert_true(r->count > 0);
	ws2fix_explain_result_free(r);
	free(big);
}

static void test_explain__os_groups(void **state)
{
	(void)state;
	ws2fix_explain_os os;
	static const struct {
		const char *text;
		ws2fix_explain_os os;
	} cases[] = {
		{"2000", WS2FIX_EXPLAIN_OS_2000}, {"xp-sp1", WS2FIX_EXPLAIN_OS_XP_SP1},
		{"XP-SP2", WS2FIX_EXPLAIN_OS_XP_SP2}, {"xp-sp3", WS2FIX_EXPLAIN_OS_XP_SP2},
		{"2003", WS2FIX_EXPLAIN_OS_XP_SP2}, {"vista", WS2FIX_EXPLAIN_OS_VISTA},
		{"2008", WS2FIX_EXPLAIN_OS_VISTA}, {"7", WS2FIX_EXPLAIN_OS_7}, {"8.1", WS2FIX_EXPLAIN_OS_7},
		{"10", WS2FIX_EXPLAIN_OS_7}, {"11", WS2FIX_EXPLAIN_OS_7}, {"7+", WS2FIX_EXPLAIN_OS_7},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		assert_int_equal(ws2fix_explain_os_parse(&os, cases[i].text), 0);
		assert_int_equal(os, cases[i].os);
	}
	assert_int_equal(ws2fix_explain_os_parse(&os, "windows-99"), WS2FIX_EINVALID);
	for (int i = 0; i < WS2FIX_EXPLAIN_OS_COUNT; i++) {
		assert_int_equal(ws2fix_explain_os_parse(&os, ws2fix_explain_os_id((ws2fix_explain_os)i)), 0);
		assert_int_equal(os, i);
		assert_true(*ws2fix_explain_os_name((ws2fix_explain_os)i, WS2FIX_LANG_SV));
	}

	ws2fix_osinfo info;
	memset(&info, 0, sizeof(info));
	info.family = WS2FIX_OS_XP;
	info.service_pack = 1;
	assert_int_equal(ws2fix_explain_os_from_osinfo(&info), WS2FIX_EXPLAIN_OS_XP_SP1);
	info.service_pack = 3;
	assert_int_equal(ws2fix_explain_os_from_osinfo(&info), WS2FIX_EXPLAIN_OS_XP_SP2);
	info.family = WS2FIX_OS_10;
	assert_int_equal(ws2fix_explain_os_from_osinfo(&info), WS2FIX_EXPLAIN_OS_7);
	assert_int_equal(ws2fix_explain_os_from_osinfo(NULL), WS2FIX_EXPLAIN_OS_ANY);
}

static void test_explain__guidance_after_repair(void **state)
{
	(void)state;
	ws2fix_guidance_id ids[8];
	size_t n = ws2fix_guidance_after_repair(ids, 8, WS2FIX_EXPLAIN_OS_XP_SP1);
	assert_true(n >= 2);
	assert_int_equal(ids[0], WS2FIX_GUIDANCE_RESTART);
	assert_int_equal(ids[1], WS2FIX_GUIDANCE_XP_TCPIP_REINSTALL);
	n = ws2fix_guidance_after_repair(ids, 8, WS2FIX_EXPLAIN_OS_2000);
	assert_int_equal(ids[1], WS2FIX_GUIDANCE_W2K_PROCEDURE);
	n = ws2fix_guidance_after_repair(ids, 8, WS2FIX_EXPLAIN_OS_VISTA);
	assert_int_equal(ids[1], WS2FIX_GUIDANCE_VISTA_DIAGNOSTICS);
	/* Asking for the count only. */
	assert_int_equal(ws2fix_guidance_after_repair(NULL, 0, WS2FIX_EXPLAIN_OS_7), 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_explain__symptoms_complete_in_both_languages),
		cmocka_unit_test(test_explain__guidance_complete_in_both_languages),
		cmocka_unit_test(test_explain__remedy_steps_complete),
		cmocka_unit_test(test_explain__fold),
		cmocka_unit_test(test_explain__tokens),
		cmocka_unit_test(test_explain__parse_number),
		cmocka_unit_test(test_explain__word_similarity),
		cmocka_unit_test(test_explain__every_seed_phrase_finds_its_symptom),
		cmocka_unit_test(test_explain__every_wsa_code_resolves),
		cmocka_unit_test(test_explain__codes_as_people_write_them),
		cmocka_unit_test(test_explain__retyped_messages),
		cmocka_unit_test(test_explain__reworded_short_forms),
		cmocka_unit_test(test_explain__combined_message_ranks_both),
		cmocka_unit_test(test_explain__result_fields),
		cmocka_unit_test(test_explain__no_match),
		cmocka_unit_test(test_explain__bad_arguments),
		cmocka_unit_test(test_explain__os_groups),
		cmocka_unit_test(test_explain__guidance_after_repair),
	};
	return testutil_result(cmocka_run_group_tests(tests, NULL, NULL));
}

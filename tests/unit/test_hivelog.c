/* SPDX-License-Identifier: MIT */
/* Transaction log replay: Marvin32, checksums, both log formats, the log
 * choice, and hostile logs (every one gives a note, never a crash).  The
 * hives and logs here are built by hand; the real SYSTEM_B logs check the
 * hashes and the whole replay against what Windows wrote. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "lib/sources/hivelog.h"
#include "ws2fix/catalog.h"
#include "ws2fix/errors.h"
#include "ws2fix/registry.h"
#include "testutil.h"

#define HBINS 8192u

/* ---- builders ---------------------------------------------------------- */

typedef struct bytes {
	unsigned char *p;
	size_t len;
} bytes;

static void put64(unsigned char *p, uint64_t v)
{
	ws2fix__put_le32(p, (uint32_t)v);
	ws2fix__put_le32(p + 4, (uint32_t)(v >> 32));
}

static void fix_checksum(unsigned char *b)
{
	ws2fix__put_le32(b + 508, ws2fix__regf_checksum(b));
}

/* A primary file: base block and two 4 KiB hive bins filled with 'h'. */
static bytes make_hive(uint32_t seq1, uint32_t seq2)
{
	bytes h;
	h.len = 4096 + HBINS;
	h.p = calloc(1, h.len);
	assert_non_null(h.p);
	memcpy(h.p, "regf", 4);
	ws2fix__put_le32(h.p + 4, seq1);
	ws2fix__put_le32(h.p + 8, seq2);
	put64(h.p + 12, 0x01D0000000000001ull);
	ws2fix__put_le32(h.p + 20, 1);
	ws2fix__put_le32(h.p + 24, 5);
	ws2fix__put_le32(h.p + 32, 1);
	ws2fix__put_le32(h.p + 36, 0x20);
	ws2fix__put_le32(h.p + 40, HBINS);
	ws2fix__put_le32(h.p + 44, 1);
	memcpy(h.p + 48, "S\0Y\0N\0T\0H\0", 10);
	for (uint32_t off = 0; off < HBINS; off += 4096) {
		unsigned char *bin = h.p + 4096 + off;
		memset(bin, 'h', 4096);
		memcpy(bin, "hbin", 4);
		ws2fix__put_le32(bin + 4, off);
		ws2fix__put_le32(bin + 8, 4096);
		put64(bin + 20, 0x01D0000000000001ull);
	}
	fix_checksum(h.p);
	return h;
}

/* A new-format log: the hive's first 512 bytes, type 6, sequence @p seq. */
static bytes make_log(const bytes *hive, uint32_t seq)
{
	bytes l;
	l.len = 512;
	l.p = calloc(1, l.len);
	assert_non_null(l.p);
	memcpy(l.p, hive->p, 512);
	ws2fix__put_le32(l.p + 4, seq);
	ws2fix__put_le32(l.p + 8, seq);
	ws2fix__put_le32(l.p + 28, 6);
	fix_checksum(l.p);
	return l;
}

typedef struct page {
	uint32_t off, len;
	unsigned char fill;
} page;

/* Append an HvLE entry; returns its offset in the log. */
static size_t add_entry(bytes *l, uint32_t seq, uint32_t hbins, const page *pages, uint32_t n)
{
	size_t size = 40 + 8 * (size_t)n;
	for (uint32_t i = 0; i < n; i++)
		size += pages[i].len;
	size = (size + 511) / 512 * 512;
	size_t at = l->len;
	l->p = realloc(l->p, l->len + size);
	assert_non_null(l->p);
	l->len += size;
	unsigned char *e = l->p + at;
	memset(e, 0, size);
	memcpy(e, "HvLE", 4);
	ws2fix__put_le32(e + 4, (uint32_t)size);
	ws2fix__put_le32(e + 8, 1);
	ws2fix__put_le32(e + 12, seq);
	ws2fix__put_le32(e + 16, hbins);
	ws2fix__put_le32(e + 20, n);
	unsigned char *d = e + 40 + 8 * (size_t)n;
	for (uint32_t i = 0; i < n; i++) {
		ws2fix__put_le32(e + 40 + 8 * i, pages[i].off);
		ws2fix__put_le32(e + 44 + 8 * i, pages[i].len);
		memset(d, pages[i].fill, pages[i].len);
		if (pages[i].off % 4096 == 0 && pages[i].len >= 32) {
			/* A page at a bin boundary starts with a valid bin header. */
			memcpy(d, "hbin", 4);
			ws2fix__put_le32(d + 4, pages[i].off);
			ws2fix__put_le32(d + 8, 4096);
		}
		d += pages[i].len;
	}
	put64(e + 24, ws2fix__marvin32(e + 40, size - 40, WS2FIX_HIVELOG_MARVIN_SEED));
	put64(e + 32, ws2fix__marvin32(e, 32, WS2FIX_HIVELOG_MARVIN_SEED));
	return at;
}

typedef struct run {
	ws2fix_hive_recovery res;
	unsigned char *img;
	size_t len;
} run;

static void replay(run *r, const bytes *hive, const bytes *log, const bytes *log1, const bytes *log2)
{
	ws2fix__hivelog_input in[3];
	memset(in, 0, sizeof(in));
	const bytes *l[3] = {log, log1, log2};
	for (int i = 0; i < 3; i++)
		if (l[i]) {
			in[i].data = l[i]->p;
			in[i].len = l[i]->len;
		}
	memset(&r->res, 0, sizeof(r->res));
	assert_int_equal(ws2fix__hivelog_replay(&r->res, &r->img, &r->len, hive->p, hive->len, in), 0);
	assert_int_equal(r->res.recovered, r->img != NULL);
}

static void run_free(run *r)
{
	free(r->img);
	r->img = NULL;
}

static void free_all(bytes *a, bytes *b, bytes *c, bytes *d)
{
	bytes *all[4] = {a, b, c, d};
	for (int i = 0; i < 4; i++)
		if (all[i])
			free(all[i]->p);
}

/* The first note must be @p p about log @p log. */
static void expect_note(const run *r, int log, ws2fix_hivelog_problem p, int stopped)
{
	for (size_t i = 0; i < r->res.note_count; i++)
		if (r->res.notes[i].problem == p && r->res.notes[i].log == log) {
			assert_int_equal(r->res.notes[i].stopped, stopped);
			return;
		}
	fail_msg("no note %d for log %d (%zu notes, first %d)", (int)p, log, r->res.note_count,
		r->res.note_count ? (int)r->res.notes[0].problem : -1);
}

static void expect_clean_header(const unsigned char *img, uint32_t seq)
{
	assert_int_equal(ws2fix__le32(img + 4), seq);
	assert_int_equal(ws2fix__le32(img + 8), seq);
	assert_int_equal(ws2fix__le32(img + 28), 0);
	assert_int_equal(ws2fix__le32(img + 508), ws2fix__regf_checksum(img));
}

/* ---- Marvin32 and checksums --------------------------------------------- */

static void test_hivelog__marvin32_published_vectors(void **state)
{
	(void)state;
	/* The test vectors published with Marvin32 (.NET's MarvinTests),
	 * seed 0x004FB61A001BDBCC: every tail length 0-3 and more. */
	static const unsigned char d[] = {0xAF, 0xE7, 0x0F, 0x37, 0xF4, 0x95, 0x86, 0x42, 0xDC, 0x59, 0x15,
		0x3F, 0xB7, 0x98, 0x26, 0x09, 0x32, 0xE6, 0x24, 0x6C, 0x47, 0xAB, 0x42, 0x7E, 0xA8, 0xD1, 0x0F, 0xC7};
	const uint64_t seed = 0x004FB61A001BDBCCull;
	assert_true(ws2fix__marvin32(NULL, 0, seed) == 0x30ED35C100CD3C7Dull);
	assert_true(ws2fix__marvin32(d, 1, seed) == 0x48E73FC77D75DDC1ull);
	assert_true(ws2fix__marvin32(d + 1, 2, seed) == 0xB5F6E1FC485DBFF8ull);
	assert_true(ws2fix__marvin32(d + 3, 3, seed) == 0xF0B07C789B8CF7E8ull);
	assert_true(ws2fix__marvin32(d + 6, 4, seed) == 0x7008F2E87E9CF556ull);
	assert_true(ws2fix__marvin32(d + 10, 5, seed) == 0xE6C08C6DA2AFA997ull);
	assert_true(ws2fix__marvin32(d + 15, 6, seed) == 0x6F04BF1A5EA24060ull);
	assert_true(ws2fix__marvin32(d + 21, 7, seed) == 0xE11847E4F0678C41ull);
}

static void test_hivelog__marvin32_matches_real_log_hashes(void **state)
{
	(void)state;
	char *p = testutil_unxz("hives/regipy/SYSTEM_B.LOG1.xz");
	if (!p)
		testutil_skip();
	size_t len = 0;
	unsigned char *d = testutil_read_file(p, &len);
	assert_non_null(d);
	/* Every entry Windows wrote: Hash-1 over the entry after its 40-byte
	 * header, Hash-2 over its first 32 bytes. */
	int entries = 0;
	for (size_t pos = 512; pos + 40 <= len && !memcmp(d + pos, "HvLE", 4); entries++) {
		uint32_t size = ws2fix__le32(d + pos + 4);
		assert_true(size >= 512 && pos + size <= len);
		uint64_t h1 = (uint64_t)ws2fix__le32(d + pos + 24) | ((uint64_t)ws2fix__le32(d + pos + 28) << 32);
		uint64_t h2 = (uint64_t)ws2fix__le32(d + pos + 32) | ((uint64_t)ws2fix__le32(d + pos + 36) << 32);
		assert_true(ws2fix__marvin32(d + pos + 40, size - 40, WS2FIX_HIVELOG_MARVIN_SEED) == h1);
		assert_true(ws2fix__marvin32(d + pos, 32, WS2FIX_HIVELOG_MARVIN_SEED) == h2);
		pos += size;
	}
	assert_int_equal(entries, 4);
	free(d);
	remove(p);
	free(p);
}

static void test_hivelog__checksum_special_values(void **state)
{
	(void)state;
	unsigned char b[512];
	memset(b, 0, sizeof(b));
	assert_int_equal(ws2fix__regf_checksum(b), 1); /* XOR 0 is stored as 1 */
	ws2fix__put_le32(b, 0xFFFFFFFFu);
	assert_int_equal(ws2fix__regf_checksum(b), 0xFFFFFFFEu); /* and -1 as -2 */
	ws2fix__put_le32(b + 4, 0x0000FFFFu);
	assert_int_equal(ws2fix__regf_checksum(b), 0xFFFF0000u);
	ws2fix__put_le32(b + 508, 0x12345678u); /* the checksum field itself is not summed */
	assert_int_equal(ws2fix__regf_checksum(b), 0xFFFF0000u);
}

/* ---- the new format --------------------------------------------------- */

static void test_hivelog__single_log_replays_in_order(void **state)
{
	(void)state;
	bytes hive = make_hive(10, 9), log1 = make_log(&hive, 10);
	page a = {4096 + 512, 512, 'a'}, b = {4096 + 512, 1024, 'b'};
	add_entry(&log1, 10, HBINS, &a, 1);
	add_entry(&log1, 11, HBINS, &b, 1);
	run r;
	replay(&r, &hive, NULL, &log1, NULL);
	assert_true(r.res.dirty);
	assert_true(r.res.recovered);
	assert_false(r.res.old_format);
	assert_int_equal(r.res.entries, 2);
	assert_int_equal(r.res.first_seq, 10);
	assert_int_equal(r.res.last_seq, 11);
	assert_int_equal(r.res.used[0], WS2FIX_HIVELOG_LOG1);
	assert_int_equal(r.res.used[1], WS2FIX_HIVELOG_NONE);
	assert_int_equal(r.res.note_count, 0);
	assert_int_equal(r.len, hive.len);
	expect_clean_header(r.img, 11);
	/* The later entry wins; the rest of the hive is untouched. */
	assert_int_equal(r.img[4096 + 4096 + 512], 'b');
	assert_int_equal(r.img[4096 + 4096 + 1535], 'b');
	assert_int_equal(r.img[4096 + 4096 + 1536], 'h');
	assert_int_equal(r.img[4096 + 100], 'h');
	assert_int_equal(ws2fix__le32(r.img + 144) & 1u, 1); /* the entries' flags */
	run_free(&r);
	free_all(&hive, &log1, NULL, NULL);
}

static void test_hivelog__clean_hive_ignores_logs(void **state)
{
	(void)state;
	bytes hive = make_hive(9, 9), log1 = make_log(&hive, 10);
	page a = {0, 512, 'a'};
	add_entry(&log1, 10, HBINS, &a, 1);
	run r;
	replay(&r, &hive, NULL, &log1, NULL);
	assert_false(r.res.dirty);
	assert_false(r.res.recovered);
	assert_int_equal(ws2fix__hivelog_max_sequence(log1.p, log1.len), 10);
	free_all(&hive, &log1, NULL, NULL);
}

static void test_hivelog__dirty_without_logs(void **state)
{
	(void)state;
	bytes hive = make_hive(10, 9);
	run r;
	replay(&r, &hive, NULL, NULL, NULL);
	assert_true(r.res.dirty);
	assert_false(r.res.recovered);
	expect_note(&r, WS2FIX_HIVELOG_NONE, WS2FIX_HLP_NO_LOGS, 0);
	/* A wrong checksum alone makes a hive dirty too. */
	ws2fix__put_le32(hive.p + 8, 10);
	replay(&r, &hive, NULL, NULL, NULL);
	assert_true(r.res.dirty);
	free_all(&hive, NULL, NULL, NULL);
}

static void test_hivelog__bad_signature(void **state)
{
	(void)state;
	bytes hive = make_hive(10, 9), log1 = make_log(&hive, 10);
	page a = {0, 512, 'a'};
	add_entry(&log1, 10, HBINS, &a, 1);
	memcpy(log1.p, "fger", 4);
	run r;
	replay(&r, &hive, NULL, &log1, NULL);
	assert_false(r.res.recovered);
	expect_note(&r, WS2FIX_HIVELOG_LOG1, WS2FIX_HLP_SIGNATURE, 0);
	free_all(&hive, &log1, NULL, NULL);
}

static void test_hivelog__bad_checksum(void **state)
{
	(void)state;
	bytes hive = make_hive(10, 9), log1 = make_log(&hive, 10);
	page a = {0, 512, 'a'};
	add_entry(&log1, 10, HBINS, &a, 1);
	log1.p[100] ^= 1;
	run r;
	replay(&r, &hive, NULL, &log1, NULL);
	assert_false(r.res.recovered);
	expect_note(&r, WS2FIX_HIVELOG_LOG1, WS2FIX_HLP_CHECKSUM, 0);
	free_all(&hive, &log1, NULL, NULL);
}

static void test_hivelog__base_block_checks(void **state)
{
	(void)state;
	bytes hive = make_hive(10, 9);
	struct {
		uint32_t off, value;
		ws2fix_hivelog_problem want;
	} cases[] = {
		{28, 0, WS2FIX_HLP_FILE_TYPE},      /* a primary file, not a log */
		{8, 11, WS2FIX_HLP_LOG_DIRTY},      /* the log's own write unfinished */
		{20, 2, WS2FIX_HLP_FORMAT},         /* major version */
		{44, 8, WS2FIX_HLP_FORMAT},         /* clustering factor */
		{40, 100, WS2FIX_HLP_FORMAT},       /* hive bins size not a multiple of 4096 */
		{40, 0x80000000u, WS2FIX_HLP_TOO_LARGE},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		bytes log1 = make_log(&hive, 10);
		page a = {0, 512, 'a'};
		add_entry(&log1, 10, HBINS, &a, 1);
		ws2fix__put_le32(log1.p + cases[i].off, cases[i].value);
		fix_checksum(log1.p);
		run r;
		replay(&r, &hive, NULL, &log1, NULL);
		assert_false(r.res.recovered);
		expect_note(&r, WS2FIX_HIVELOG_LOG1, cases[i].want, 0);
		free(log1.p);
	}
	/* Too short for a base block and one entry. */
	bytes tiny = make_log(&hive, 10);
	run r;
	replay(&r, &hive, NULL, &tiny, NULL);
	expect_note(&r, WS2FIX_HIVELOG_LOG1, WS2FIX_HLP_TOO_SMALL, 0);
	tiny.len = 100;
	replay(&r, &hive, NULL, &tiny, NULL);
	expect_note(&r, WS2FIX_HIVELOG_LOG1, WS2FIX_HLP_TOO_SMALL, 0);
	free_all(&hive, &tiny, NULL, NULL);
}

static void test_hivelog__truncated_entry(void **state)
{
	(void)state;
	bytes hive = make_hive(10, 9), log1 = make_log(&hive, 10);
	page a = {0, 4096, 'a'}, b = {4096, 4096, 'b'};
	add_entry(&log1, 10, HBINS, &a, 1);
	size_t second = add_entry(&log1, 11, HBINS, &b, 1);
	log1.len -= 512; /* the copy ends inside the second entry */
	run r;
	replay(&r, &hive, NULL, &log1, NULL);
	assert_true(r.res.recovered);
	assert_int_equal(r.res.entries, 1);
	assert_int_equal(r.res.last_seq, 10);
	expect_note(&r, WS2FIX_HIVELOG_LOG1, WS2FIX_HLP_ENTRY_TRUNCATED, 1);
	assert_int_equal(r.res.notes[0].offset, second);
	assert_int_equal(r.img[4096 + 4096 + 100], 'h'); /* nothing of the bad entry */
	run_free(&r);
	/* Cut inside the first entry: nothing can be replayed. */
	log1.len = 1024;
	replay(&r, &hive, NULL, &log1, NULL);
	assert_false(r.res.recovered);
	expect_note(&r, WS2FIX_HIVELOG_LOG1, WS2FIX_HLP_ENTRY_TRUNCATED, 0);
	free_all(&hive, &log1, NULL, NULL);
}

static void test_hivelog__wrong_hash(void **state)
{
	(void)state;
	bytes hive = make_hive(10, 9), log1 = make_log(&hive, 10);
	page a = {0, 512, 'a'}, b = {512, 512, 'b'};
	add_entry(&log1, 10, HBINS, &a, 1);
	size_t second = add_entry(&log1, 11, HBINS, &b, 1);
	log1.p[second + 200] ^= 0x40; /* page data: Hash-1 */
	run r;
	replay(&r, &hive, NULL, &log1, NULL);
	assert_true(r.res.recovered);
	assert_int_equal(r.res.entries, 1);
	expect_note(&r, WS2FIX_HIVELOG_LOG1, WS2FIX_HLP_ENTRY_HASH, 1);
	assert_int_equal(r.img[4096 + 600], 'h');
	run_free(&r);
	log1.p[second + 200] ^= 0x40;
	log1.p[second + 8] ^= 0x02; /* flags, in the header: Hash-2 */
	replay(&r, &hive, NULL, &log1, NULL);
	assert_int_equal(r.res.entries, 1);
	expect_note(&r, WS2FIX_HIVELOG_LOG1, WS2FIX_HLP_ENTRY_HASH, 1);
	run_free(&r);
	free_all(&hive, &log1, NULL, NULL);
}

static void test_hivelog__sequence_gap(void **state)
{
	(void)state;
	bytes hive = make_hive(10, 9), log1 = make_log(&hive, 10);
	page a = {0, 512, 'a'}, b = {512, 512, 'b'}, c = {1024, 512, 'c'};
	add_entry(&log1, 10, HBINS, &a, 1);
	add_entry(&log1, 12, HBINS, &b, 1);
	add_entry(&log1, 13, HBINS, &c, 1);
	run r;
	replay(&r, &hive, NULL, &log1, NULL);
	assert_true(r.res.recovered);
	assert_int_equal(r.res.entries, 1);
	assert_int_equal(r.res.last_seq, 10);
	expect_note(&r, WS2FIX_HIVELOG_LOG1, WS2FIX_HLP_ENTRY_SEQUENCE, 1);
	assert_int_equal(r.res.notes[0].a, 12);
	assert_int_equal(r.res.notes[0].b, 11);
	assert_int_equal(r.img[4096 + 1024 + 10], 'h'); /* nothing after the gap */
	expect_clean_header(r.img, 10);
	run_free(&r);
	free_all(&hive, &log1, NULL, NULL);
}

static void test_hivelog__entry_outside_the_hive(void **state)
{
	(void)state;
	bytes hive = make_hive(10, 9);
	const page bad[] = {
		{HBINS, 512, 'x'},           /* just past the hive bins data */
		{HBINS - 512, 1024, 'x'},    /* starts inside, ends past it */
		{0xFFFFFE00u, 1024, 'x'},    /* offset + size wraps around */
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		bytes log1 = make_log(&hive, 10);
		add_entry(&log1, 10, HBINS, &bad[i], 1);
		run r;
		replay(&r, &hive, NULL, &log1, NULL);
		assert_false(r.res.recovered);
		expect_note(&r, WS2FIX_HIVELOG_LOG1, WS2FIX_HLP_ENTRY_OUTSIDE, 0);
		free(log1.p);
	}
	/* A bad hive bins size and a page count that cannot fit. */
	bytes log1 = make_log(&hive, 10);
	page a = {0, 512, 'a'};
	size_t at = add_entry(&log1, 10, 5000, &a, 1);
	run r;
	replay(&r, &hive, NULL, &log1, NULL);
	expect_note(&r, WS2FIX_HIVELOG_LOG1, WS2FIX_HLP_ENTRY_HBINS_SIZE, 0);
	ws2fix__put_le32(log1.p + at + 16, HBINS);
	ws2fix__put_le32(log1.p + at + 20, 1000);
	replay(&r, &hive, NULL, &log1, NULL);
	expect_note(&r, WS2FIX_HIVELOG_LOG1, WS2FIX_HLP_ENTRY_PAGES, 0);
	free_all(&hive, &log1, NULL, NULL);
}

static void test_hivelog__growing_hive(void **state)
{
	(void)state;
	bytes hive = make_hive(10, 9), log1 = make_log(&hive, 10);
	page a = {HBINS, 4096, 'g'};
	add_entry(&log1, 10, HBINS + 4096, &a, 1);
	run r;
	replay(&r, &hive, NULL, &log1, NULL);
	assert_true(r.res.recovered);
	assert_int_equal(r.len, 4096 + HBINS + 4096);
	assert_int_equal(ws2fix__le32(r.img + 40), HBINS + 4096);
	assert_int_equal(r.img[4096 + HBINS + 100], 'g');
	run_free(&r);
	free_all(&hive, &log1, NULL, NULL);
}

static void test_hivelog__two_logs_continue(void **state)
{
	(void)state;
	bytes hive = make_hive(10, 9), log1 = make_log(&hive, 10), log2 = make_log(&hive, 12);
	page a = {0, 512, 'a'}, b = {512, 512, 'b'}, c = {512, 512, 'c'}, d = {1024, 512, 'd'};
	add_entry(&log1, 10, HBINS, &a, 1);
	add_entry(&log1, 11, HBINS, &b, 1);
	add_entry(&log2, 12, HBINS, &c, 1);
	add_entry(&log2, 13, HBINS, &d, 1);
	run r;
	replay(&r, &hive, NULL, &log1, &log2);
	assert_true(r.res.recovered);
	assert_int_equal(r.res.entries, 4);
	assert_int_equal(r.res.first_seq, 10);
	assert_int_equal(r.res.last_seq, 13);
	assert_int_equal(r.res.used[0], WS2FIX_HIVELOG_LOG1);
	assert_int_equal(r.res.used[1], WS2FIX_HIVELOG_LOG2);
	assert_int_equal(r.img[4096 + 600], 'c');
	assert_int_equal(r.img[4096 + 1100], 'd');
	expect_clean_header(r.img, 13);
	run_free(&r);
	/* The order comes from the sequence numbers, not the names. */
	replay(&r, &hive, NULL, &log2, &log1);
	assert_int_equal(r.res.used[0], WS2FIX_HIVELOG_LOG2);
	assert_int_equal(r.res.used[1], WS2FIX_HIVELOG_LOG1);
	assert_int_equal(r.img[4096 + 600], 'c');
	run_free(&r);
	free_all(&hive, &log1, &log2, NULL);
}

static void test_hivelog__two_logs_overlap(void **state)
{
	(void)state;
	bytes hive = make_hive(10, 9), log1 = make_log(&hive, 10), log2 = make_log(&hive, 11);
	page a = {0, 512, 'a'}, b = {512, 512, 'b'}, x = {512, 512, 'x'}, y = {1024, 512, 'y'};
	add_entry(&log1, 10, HBINS, &a, 1);
	add_entry(&log1, 11, HBINS, &b, 1);
	add_entry(&log1, 12, HBINS, &b, 1);
	add_entry(&log2, 11, HBINS, &x, 1);
	add_entry(&log2, 12, HBINS, &y, 1);
	run r;
	replay(&r, &hive, NULL, &log1, &log2);
	assert_true(r.res.recovered);
	assert_int_equal(r.res.last_seq, 12);
	assert_int_equal(r.res.used[0], WS2FIX_HIVELOG_LOG1);
	assert_int_equal(r.res.used[1], WS2FIX_HIVELOG_NONE);
	expect_note(&r, WS2FIX_HIVELOG_LOG2, WS2FIX_HLP_NOT_CONTINUING, 0);
	assert_int_equal(r.img[4096 + 600], 'b');
	assert_int_equal(r.img[4096 + 1100], 'h');
	run_free(&r);
	free_all(&hive, &log1, &log2, NULL);
}

/* The second log starts past where the first ended (a write between them
 * is lost): it does not continue the first and is not applied, whichever
 * name each has. */
static void test_hivelog__second_log_with_a_gap(void **state)
{
	(void)state;
	bytes hive = make_hive(10, 9), log1 = make_log(&hive, 10), log2 = make_log(&hive, 13);
	page a = {0, 512, 'a'}, b = {512, 512, 'b'}, x = {512, 512, 'x'}, y = {1024, 512, 'y'};
	add_entry(&log1, 10, HBINS, &a, 1);
	add_entry(&log1, 11, HBINS, &b, 1);
	add_entry(&log2, 13, HBINS, &x, 1); /* 12 is in neither */
	add_entry(&log2, 14, HBINS, &y, 1);
	for (int swap = 0; swap < 2; swap++) {
		run r;
		replay(&r, &hive, NULL, swap ? &log2 : &log1, swap ? &log1 : &log2);
		int first = swap ? WS2FIX_HIVELOG_LOG2 : WS2FIX_HIVELOG_LOG1;
		int second = swap ? WS2FIX_HIVELOG_LOG1 : WS2FIX_HIVELOG_LOG2;
		assert_true(r.res.recovered);
		assert_int_equal(r.res.entries, 2);
		assert_int_equal(r.res.first_seq, 10);
		assert_int_equal(r.res.last_seq, 11);
		assert_int_equal(r.res.used[0], first);
		assert_int_equal(r.res.used[1], WS2FIX_HIVELOG_NONE);
		expect_note(&r, second, WS2FIX_HLP_NOT_CONTINUING, 0);
		for (size_t i = 0; i < r.res.note_count; i++)
			if (r.res.notes[i].problem == WS2FIX_HLP_NOT_CONTINUING) {
				assert_int_equal(r.res.notes[i].a, 13);
				assert_int_equal(r.res.notes[i].b, 12);
			}
		assert_int_equal(r.img[4096 + 100], 'a');
		assert_int_equal(r.img[4096 + 600], 'b'); /* not the second log's 'x' */
		assert_int_equal(r.img[4096 + 1100], 'h');
		expect_clean_header(r.img, 11);
		run_free(&r);
	}
	free_all(&hive, &log1, &log2, NULL);
}

static void test_hivelog__logs_of_another_hive(void **state)
{
	(void)state;
	bytes hive = make_hive(10, 9), other = make_hive(10, 9);
	memcpy(other.p + 48, "O\0T\0H\0E\0R\0", 10);
	fix_checksum(other.p);
	bytes log1 = make_log(&other, 10), log2 = make_log(&other, 11);
	page a = {0, 512, 'a'};
	add_entry(&log1, 10, HBINS, &a, 1);
	add_entry(&log2, 11, HBINS, &a, 1);
	run r;
	replay(&r, &hive, NULL, &log1, &log2);
	assert_false(r.res.recovered);
	expect_note(&r, WS2FIX_HIVELOG_LOG1, WS2FIX_HLP_OTHER_HIVE, 0);
	expect_note(&r, WS2FIX_HIVELOG_LOG2, WS2FIX_HLP_OTHER_HIVE, 0);
	free_all(&hive, &other, &log1, &log2);
}

static void test_hivelog__stale_logs_and_old_entries(void **state)
{
	(void)state;
	bytes hive = make_hive(10, 9), log1 = make_log(&hive, 5);
	page a = {0, 512, 'a'}, b = {512, 512, 'b'};
	add_entry(&log1, 5, HBINS, &a, 1);
	run r;
	replay(&r, &hive, NULL, &log1, NULL);
	assert_false(r.res.recovered);
	expect_note(&r, WS2FIX_HIVELOG_LOG1, WS2FIX_HLP_STALE, 0);
	/* A log from the hive's last finished write on: that entry is in the
	 * hive already and only the later one is written. */
	bytes log2 = make_log(&hive, 9);
	add_entry(&log2, 9, HBINS, &a, 1);
	add_entry(&log2, 10, HBINS, &b, 1);
	replay(&r, &hive, NULL, NULL, &log2);
	assert_true(r.res.recovered);
	assert_int_equal(r.res.entries, 1);
	assert_int_equal(r.res.first_seq, 10);
	assert_int_equal(r.img[4096 + 100], 'h');
	assert_int_equal(r.img[4096 + 600], 'b');
	run_free(&r);
	free_all(&hive, &log1, &log2, NULL);
}

static void test_hivelog__invalid_primary_base_block_uses_newer_log(void **state)
{
	(void)state;
	bytes hive = make_hive(10, 10), log1 = make_log(&hive, 10), log2 = make_log(&hive, 12);
	page a = {0, 512, 'a'}, c = {512, 512, 'c'};
	add_entry(&log1, 10, HBINS, &a, 1);
	add_entry(&log2, 12, HBINS, &c, 1);
	hive.p[300] ^= 1; /* checksum now wrong: dirty though the numbers agree */
	run r;
	replay(&r, &hive, NULL, &log1, &log2);
	assert_true(r.res.dirty);
	assert_true(r.res.recovered);
	assert_true(r.res.base_block_from_log);
	assert_int_equal(r.res.used[0], WS2FIX_HIVELOG_LOG2);
	assert_int_equal(r.res.used[1], WS2FIX_HIVELOG_NONE);
	assert_int_equal(r.img[4096 + 100], 'h');
	assert_int_equal(r.img[4096 + 600], 'c');
	assert_int_equal(r.img[300], 0); /* the log's copy, not the damaged block */
	expect_clean_header(r.img, 12);
	run_free(&r);
	free_all(&hive, &log1, &log2, NULL);
}

/* ---- the old format --------------------------------------------------- */

/* An old-format log: base block (type 1), DIRT vector, dirty pages. */
static bytes make_old_log(const bytes *hive, const uint32_t *pages, size_t n, unsigned char fill)
{
	bytes l;
	size_t vec = 512 + 4 + HBINS / 4096;
	size_t start = (vec + 511) / 512 * 512;
	l.len = start + n * 512;
	l.p = calloc(1, l.len);
	assert_non_null(l.p);
	memcpy(l.p, hive->p, 512);
	uint32_t seq = ws2fix__le32(hive->p + 4);
	ws2fix__put_le32(l.p + 8, seq);
	ws2fix__put_le32(l.p + 28, 1);
	fix_checksum(l.p);
	memcpy(l.p + 512, "DIRT", 4);
	for (size_t i = 0; i < n; i++) {
		l.p[516 + pages[i] / 8] |= (unsigned char)(1u << (pages[i] % 8));
		memset(l.p + start + i * 512, fill, 512);
	}
	return l;
}

static void test_hivelog__old_format(void **state)
{
	(void)state;
	bytes hive = make_hive(10, 9);
	const uint32_t pages[] = {9, 10}; /* 512-byte pages in the second bin */
	bytes log = make_old_log(&hive, pages, 2, 'o');
	run r;
	replay(&r, &hive, &log, NULL, NULL);
	assert_true(r.res.recovered);
	assert_true(r.res.old_format);
	assert_int_equal(r.res.entries, 2);
	assert_int_equal(r.res.used[0], WS2FIX_HIVELOG_LOG);
	assert_int_equal(r.img[4096 + 9 * 512], 'o');
	assert_int_equal(r.img[4096 + 11 * 512 - 1], 'o');
	assert_int_equal(r.img[4096 + 11 * 512], 'h');
	expect_clean_header(r.img, 10);
	run_free(&r);

	/* Another write's log: the timestamps differ. */
	put64(log.p + 12, 0x01D0000000000002ull);
	fix_checksum(log.p);
	replay(&r, &hive, &log, NULL, NULL);
	assert_false(r.res.recovered);
	expect_note(&r, WS2FIX_HIVELOG_LOG, WS2FIX_HLP_OLD_TIMESTAMP, 0);
	free(log.p);

	/* A dirty page over a bin header that is not a bin any more. */
	const uint32_t head[] = {8};
	log = make_old_log(&hive, head, 1, 'z');
	replay(&r, &hive, &log, NULL, NULL);
	assert_false(r.res.recovered);
	expect_note(&r, WS2FIX_HIVELOG_LOG, WS2FIX_HLP_BAD_BIN, 0);
	free(log.p);

	/* The pages the vector announces are not all there. */
	log = make_old_log(&hive, pages, 2, 'o');
	log.len -= 512;
	replay(&r, &hive, &log, NULL, NULL);
	expect_note(&r, WS2FIX_HIVELOG_LOG, WS2FIX_HLP_PAGES_TRUNCATED, 0);
	memcpy(log.p + 512, "DIRx", 4);
	replay(&r, &hive, &log, NULL, NULL);
	expect_note(&r, WS2FIX_HIVELOG_LOG, WS2FIX_HLP_DIRTY_VECTOR, 0);
	free_all(&hive, &log, NULL, NULL);
}

static void test_hivelog__new_format_preferred_over_old(void **state)
{
	(void)state;
	bytes hive = make_hive(10, 9);
	const uint32_t pages[] = {1};
	bytes old = make_old_log(&hive, pages, 1, 'o');
	bytes log1 = make_log(&hive, 10);
	page a = {512, 512, 'n'};
	add_entry(&log1, 10, HBINS, &a, 1);
	run r;
	replay(&r, &hive, &old, &log1, NULL);
	assert_true(r.res.recovered);
	assert_false(r.res.old_format);
	assert_int_equal(r.img[4096 + 600], 'n');
	run_free(&r);
	free_all(&hive, &old, &log1, NULL);
}

/* ---- sealing a written hive -------------------------------------------- */

static void test_hivelog__seal_puts_the_hive_past_every_log(void **state)
{
	(void)state;
	bytes hive = make_hive(10, 9);
	ws2fix__hivelog_seal(hive.p, hive.len, 2130, 0x01D0000000000001ull);
	expect_clean_header(hive.p, 2131);
	/* The timestamp moves on even when the clock says otherwise, in the
	 * base block and in the first bin's copy. */
	uint64_t ts = (uint64_t)ws2fix__le32(hive.p + 12) | ((uint64_t)ws2fix__le32(hive.p + 16) << 32);
	assert_true(ts > 0x01D0000000000001ull);
	assert_memory_equal(hive.p + 12, hive.p + 4096 + 20, 8);
	ws2fix__hivelog_seal(hive.p, hive.len, 5, 0x01E0000000000000ull);
	expect_clean_header(hive.p, 2132);
	free(hive.p);
}

/* ---- the real SYSTEM_B and its logs ------------------------------------ */

static void test_hivelog__real_system_b(void **state)
{
	(void)state;
	char *hp = testutil_unxz("hives/regipy/SYSTEM_B.xz");
	if (!hp)
		testutil_skip();
	char *l1 = testutil_unxz("hives/regipy/SYSTEM_B.LOG1.xz");
	char *l2 = testutil_unxz("hives/regipy/SYSTEM_B.LOG2.xz");
	assert_non_null(l1);
	assert_non_null(l2);
	bytes hive, log1, log2;
	hive.p = testutil_read_file(hp, &hive.len);
	log1.p = testutil_read_file(l1, &log1.len);
	log2.p = testutil_read_file(l2, &log2.len);
	run r;
	replay(&r, &hive, NULL, &log1, &log2);
	assert_true(r.res.dirty);
	assert_true(r.res.recovered);
	assert_int_equal(r.res.hive_seq1, 1622);
	assert_int_equal(r.res.hive_seq2, 1621);
	assert_int_equal(r.res.entries, 24);
	assert_int_equal(r.res.first_seq, 2107);
	assert_int_equal(r.res.last_seq, 2130);
	assert_int_equal(r.res.used[0], WS2FIX_HIVELOG_LOG1);
	assert_int_equal(r.res.used[1], WS2FIX_HIVELOG_LOG2);
	assert_int_equal(r.res.note_count, 0);
	assert_int_equal(ws2fix__hivelog_max_sequence(log1.p, log1.len), 2110);
	assert_int_equal(ws2fix__hivelog_max_sequence(log2.p, log2.len), 2130);
	/* The hive grew with the last entries (0xC02000 bytes of bins). */
	assert_int_equal(ws2fix__le32(r.img + 40), 0xC02000);
	assert_int_equal(r.len, hive.len); /* the file's own length (0xC40000) is longer still */
	expect_clean_header(r.img, 2130);
	/* Every hive bin of the result is where it says it is. */
	for (size_t off = 0; off < 0xC02000;) {
		const unsigned char *b = r.img + 4096 + off;
		assert_memory_equal(b, "hbin", 4);
		assert_int_equal(ws2fix__le32(b + 4), off);
		off += ws2fix__le32(b + 8);
	}
	run_free(&r);
	free_all(&hive, &log1, &log2, NULL);
	remove(hp);
	remove(l1);
	remove(l2);
	free(hp);
	free(l1);
	free(l2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_hivelog__marvin32_published_vectors),
		cmocka_unit_test(test_hivelog__marvin32_matches_real_log_hashes),
		cmocka_unit_test(test_hivelog__checksum_special_values),
		cmocka_unit_test(test_hivelog__single_log_replays_in_order),
		cmocka_unit_test(test_hivelog__clean_hive_ignores_logs),
		cmocka_unit_test(test_hivelog__dirty_without_logs),
		cmocka_unit_test(test_hivelog__bad_signature),
		cmocka_unit_test(test_hivelog__bad_checksum),
		cmocka_unit_test(test_hivelog__base_block_checks),
		cmocka_unit_test(test_hivelog__truncated_entry),
		cmocka_unit_test(test_hivelog__wrong_hash),
		cmocka_unit_test(test_hivelog__sequence_gap),
		cmocka_unit_test(test_hivelog__entry_outside_the_hive),
		cmocka_unit_test(test_hivelog__growing_hive),
		cmocka_unit_test(test_hivelog__two_logs_continue),
		cmocka_unit_test(test_hivelog__two_logs_overlap),
		cmocka_unit_test(test_hivelog__second_log_with_a_gap),
		cmocka_unit_test(test_hivelog__logs_of_another_hive),
		cmocka_unit_test(test_hivelog__stale_logs_and_old_entries),
		cmocka_unit_test(test_hivelog__invalid_primary_base_block_uses_newer_log),
		cmocka_unit_test(test_hivelog__old_format),
		cmocka_unit_test(test_hivelog__new_format_preferred_over_old),
		cmocka_unit_test(test_hivelog__seal_puts_the_hive_past_every_log),
		cmocka_unit_test(test_hivelog__real_system_b),
	};
	return testutil_result(cmocka_run_group_tests(tests, NULL, NULL));
}

/* SPDX-License-Identifier: MIT */
/*
 * Transaction log replay: which of NAME.LOG/.LOG1/.LOG2 Windows would use
 * on a dirty hive, and the primary file it would end up with.
 *
 * Written from the format specification (msuhanov/regf, "Windows registry
 * file format specification", sections "Format of transaction log files",
 * "Dirty state of a hive" and "Multiple transaction log files"); where the
 * specification is silent, the choice is explained in
 * docs/internals/LOG-REPLAY.md.  Nothing here trusts a size or an offset
 * read from a log before checking it against the file it came from.
 */
#include <stdlib.h>
#include <string.h>

#include "hivelog.h"
#include "../errors_internal.h"

uint32_t ws2fix__le32(const unsigned char *p)
{
	return (uint32_t)p[0] | ((uint32_t)p[1] << 8) | ((uint32_t)p[2] << 16) | ((uint32_t)p[3] << 24);
}

void ws2fix__put_le32(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)v;
	p[1] = (unsigned char)(v >> 8);
	p[2] = (unsigned char)(v >> 16);
	p[3] = (unsigned char)(v >> 24);
}

static uint64_t le64(const unsigned char *p)
{
	return (uint64_t)ws2fix__le32(p) | ((uint64_t)ws2fix__le32(p + 4) << 32);
}

static void put_le64(unsigned char *p, uint64_t v)
{
	ws2fix__put_le32(p, (uint32_t)v);
	ws2fix__put_le32(p + 4, (uint32_t)(v >> 32));
}

uint32_t ws2fix__regf_checksum(const unsigned char *base)
{
	uint32_t c = 0;
	for (size_t i = 0; i < WS2FIX_REGF_CHECKSUM; i += 4)
		c ^= ws2fix__le32(base + i);
	if (c == 0)
		return 1;
	if (c == 0xFFFFFFFFu)
		return 0xFFFFFFFEu;
	return c;
}

static uint32_t rotl32(uint32_t x, unsigned n)
{
	return (x << n) | (x >> (32 - n));
}

/* One Marvin32 round over the two state words. */
static void marvin_block(uint32_t *lo, uint32_t *hi)
{
	*hi ^= *lo;
	*lo = rotl32(*lo, 20) + *hi;
	*hi = rotl32(*hi, 9) ^ *lo;
	*lo = rotl32(*lo, 27) + *hi;
	*hi = rotl32(*hi, 19);
}

uint64_t ws2fix__marvin32(const unsigned char *data, size_t len, uint64_t seed)
{
	uint32_t lo = (uint32_t)seed, hi = (uint32_t)(seed >> 32);
	size_t i = 0;
	for (; len - i >= 4; i += 4) {
		lo += ws2fix__le32(data + i);
		marvin_block(&lo, &hi);
	}
	/* The 0-3 bytes left, then a 0x80 end marker right after them. */
	uint32_t last = 0x80;
	switch (len - i) {
	case 3: last = 0x80000000u | ((uint32_t)data[i + 2] << 16) | ((uint32_t)data[i + 1] << 8) | data[i]; break;
	case 2: last = 0x800000u | ((uint32_t)data[i + 1] << 8) | data[i]; break;
	case 1: last = 0x8000u | data[i]; break;
	default: break;
	}
	lo += last;
	marvin_block(&lo, &hi);
	marvin_block(&lo, &hi);
	return ((uint64_t)hi << 32) | lo;
}

/* ---- base blocks ------------------------------------------------------ */

enum { FMT_INVALID = 0, FMT_OLD = 1, FMT_NEW = 2 };

typedef struct loginfo {
	const unsigned char *d;
	size_t len;
	int fmt;      /* FMT_* once the base block passed */
	uint32_t seq; /* base block sequence number (both equal) */
	uint32_t hbins;
	uint64_t ts;
} loginfo;

typedef struct replay {
	ws2fix_hive_recovery *res;
	const unsigned char *hive;
	size_t hive_len;
	int hive_valid; /* base block checksum right */
	unsigned char *img;
	size_t img_len;
	unsigned char *ext; /* caller's buffer already holding the hive, or NULL */
	size_t ext_cap;
	int no_ext;        /* build this image in memory of its own */
	uint32_t hbins;    /* hive bins data size of the image so far */
	uint32_t flags;    /* base block flags so far */
	uint32_t root;
	int oom;
	loginfo log[3];
} replay;

static void note(replay *r, int log, ws2fix_hivelog_problem p, int stopped, unsigned long long off,
	uint32_t a, uint32_t b)
{
	ws2fix_hive_recovery *res = r->res;
	if (res->note_count >= WS2FIX_HIVELOG_MAX_NOTES)
		return;
	ws2fix_hivelog_note *n = &res->notes[res->note_count++];
	n->log = log;
	n->problem = p;
	n->stopped = stopped;
	n->offset = off;
	n->a = a;
	n->b = b;
}

/* The fields that say which hive a base block belongs to: the file name
 * (offset 48, 64 bytes) and, from Windows 10 on, the RmId and LogId GUIDs
 * (112, 32 bytes).  A log is a copy of its hive's base block, so they
 * match; zeros on both sides (older Windows) match too. */
static int same_hive(const unsigned char *hive, const unsigned char *log)
{
	return memcmp(hive + WS2FIX_REGF_FILENAME, log + WS2FIX_REGF_FILENAME, 64) == 0 &&
		memcmp(hive + 112, log + 112, 32) == 0;
}

/* Check a log's base block; sets li->fmt or records why not. */
static void check_log_base(replay *r, int idx)
{
	loginfo *li = &r->log[idx];
	const unsigned char *d = li->d;
	li->fmt = FMT_INVALID;
	if (li->len < WS2FIX_REGF_LOG_BASE) {
		note(r, idx, WS2FIX_HLP_TOO_SMALL, 0, 0, (uint32_t)li->len, 0);
		return;
	}
	if (memcmp(d, "regf", 4) != 0) {
		note(r, idx, WS2FIX_HLP_SIGNATURE, 0, 0, 0, 0);
		return;
	}
	uint32_t stored = ws2fix__le32(d + WS2FIX_REGF_CHECKSUM), want = ws2fix__regf_checksum(d);
	if (stored != want) {
		note(r, idx, WS2FIX_HLP_CHECKSUM, 0, WS2FIX_REGF_CHECKSUM, stored, want);
		return;
	}
	uint32_t type = ws2fix__le32(d + WS2FIX_REGF_TYPE);
	if (type != 1 && type != 2 && type != 6) {
		note(r, idx, WS2FIX_HLP_FILE_TYPE, 0, WS2FIX_REGF_TYPE, type, 0);
		return;
	}
	uint32_t s1 = ws2fix__le32(d + WS2FIX_REGF_SEQ1), s2 = ws2fix__le32(d + WS2FIX_REGF_SEQ2);
	if (s1 != s2) {
		note(r, idx, WS2FIX_HLP_LOG_DIRTY, 0, WS2FIX_REGF_SEQ1, s1, s2);
		return;
	}
	uint32_t minor = ws2fix__le32(d + WS2FIX_REGF_MINOR);
	uint32_t hbins = ws2fix__le32(d + WS2FIX_REGF_HBINS_SIZE);
	if (ws2fix__le32(d + WS2FIX_REGF_MAJOR) != 1 || minor < 1 || minor > 6 ||
	    ws2fix__le32(d + WS2FIX_REGF_FORMAT) != 1 || ws2fix__le32(d + WS2FIX_REGF_CLUSTER) != 1 ||
	    hbins < WS2FIX_REGF_HBIN_ALIGN || hbins % WS2FIX_REGF_HBIN_ALIGN != 0) {
		note(r, idx, WS2FIX_HLP_FORMAT, 0, 0, 0, 0);
		return;
	}
	if (hbins > WS2FIX_REGF_MAX_HBINS) {
		note(r, idx, WS2FIX_HLP_TOO_LARGE, 0, WS2FIX_REGF_HBINS_SIZE, hbins, 0);
		return;
	}
	if (type == 6 && li->len < WS2FIX_REGF_LOG_BASE + 40) {
		note(r, idx, WS2FIX_HLP_TOO_SMALL, 0, 0, (uint32_t)li->len, 0);
		return;
	}
	if (type != 6 && li->len < WS2FIX_REGF_LOG_BASE * 3) {
		note(r, idx, WS2FIX_HLP_TOO_SMALL, 0, 0, (uint32_t)li->len, 0);
		return;
	}
	if (r->hive_valid && !same_hive(r->hive, d)) {
		note(r, idx, WS2FIX_HLP_OTHER_HIVE, 0, WS2FIX_REGF_FILENAME, 0, 0);
		return;
	}
	li->fmt = type == 6 ? FMT_NEW : FMT_OLD;
	li->seq = s1;
	li->hbins = hbins;
	li->ts = le64(d + WS2FIX_REGF_TIMESTAMP);
}

/* ---- the image -------------------------------------------------------- */

/* Start the recovered image from the hive: its own base block when valid,
 * otherwise the log's partial copy (spec: "If a base block of a primary
 * file has a wrong Checksum, it is being recovered using a base block from
 * a transaction log file"). */
static int image_start(replay *r, const loginfo *li)
{
	if (r->img)
		return 0;
	r->img_len = r->hive_len;
	if (r->ext && !r->no_ext) {
		r->img = r->ext; /* the hive is there already: no copy */
	} else {
		r->img = malloc(r->img_len);
		if (!r->img) {
			r->oom = 1;
			return -1;
		}
		memcpy(r->img, r->hive, r->img_len);
	}
	if (!r->hive_valid) {
		memset(r->img, 0, WS2FIX_REGF_BASE_BLOCK);
		memcpy(r->img, li->d, WS2FIX_REGF_LOG_BASE);
		r->res->base_block_from_log = 1;
		r->hbins = li->hbins;
	} else {
		r->hbins = ws2fix__le32(r->hive + WS2FIX_REGF_HBINS_SIZE);
	}
	r->flags = ws2fix__le32(r->img + WS2FIX_REGF_FLAGS);
	r->root = ws2fix__le32(li->d + WS2FIX_REGF_ROOT);
	return 0;
}

/* Make room for @p hbins bytes of hive bins data (new space is zeros). */
static int image_grow(replay *r, uint32_t hbins)
{
	size_t want = (size_t)WS2FIX_REGF_BASE_BLOCK + hbins;
	if (want <= r->img_len)
		return 0;
	if (r->img == r->ext) {
		/* The caller sized it for the largest hive any entry declares,
		 * and it is zeros past the hive. */
		if (want > r->ext_cap) {
			r->oom = 1;
			return -1;
		}
		r->img_len = want;
		return 0;
	}
	unsigned char *p = realloc(r->img, want);
	if (!p) {
		r->oom = 1;
		return -1;
	}
	memset(p + r->img_len, 0, want - r->img_len);
	r->img = p;
	r->img_len = want;
	return 0;
}

/* ---- new format: log entries ("HvLE") --------------------------------- */

/* Validate the entry at @p pos.  Returns its problem (NONE when valid). */
static ws2fix_hivelog_problem check_entry(const loginfo *li, size_t pos, uint32_t expected,
	uint32_t *bad_a, uint32_t *bad_b)
{
	const unsigned char *e = li->d + pos;
	size_t left = li->len - pos;
	uint32_t size = ws2fix__le32(e + 4);
	if (size < WS2FIX_REGF_LOG_BASE || size % WS2FIX_REGF_LOG_BASE != 0 || size > left) {
		*bad_a = size;
		return WS2FIX_HLP_ENTRY_TRUNCATED;
	}
	uint32_t hbins = ws2fix__le32(e + 16);
	if (hbins < WS2FIX_REGF_HBIN_ALIGN || hbins % WS2FIX_REGF_HBIN_ALIGN != 0) {
		*bad_a = hbins;
		return WS2FIX_HLP_ENTRY_HBINS_SIZE;
	}
	if (hbins > WS2FIX_REGF_MAX_HBINS) {
		*bad_a = hbins;
		return WS2FIX_HLP_TOO_LARGE;
	}
	uint32_t count = ws2fix__le32(e + 20);
	if (count == 0 || count > (size - 40) / 8) {
		*bad_a = count;
		return WS2FIX_HLP_ENTRY_PAGES;
	}
	/* Hash-1 covers everything after the 40-byte header; Hash-2 the first
	 * 32 bytes, Hash-1 included. */
	if (ws2fix__marvin32(e + 40, size - 40, WS2FIX_HIVELOG_MARVIN_SEED) != le64(e + 24) ||
	    ws2fix__marvin32(e, 32, WS2FIX_HIVELOG_MARVIN_SEED) != le64(e + 32))
		return WS2FIX_HLP_ENTRY_HASH;
	uint32_t seq = ws2fix__le32(e + 12);
	if (seq != expected) {
		*bad_a = seq;
		*bad_b = expected;
		return WS2FIX_HLP_ENTRY_SEQUENCE;
	}
	size_t data = 40 + (size_t)count * 8, total = data;
	for (uint32_t i = 0; i < count; i++) {
		uint32_t off = ws2fix__le32(e + 40 + (size_t)i * 8), len = ws2fix__le32(e + 44 + (size_t)i * 8);
		if (len == 0 || len > hbins || off > hbins - len) {
			*bad_a = off;
			*bad_b = len;
			return WS2FIX_HLP_ENTRY_OUTSIDE;
		}
		total += len;
		if (total > size) {
			*bad_a = count;
			return WS2FIX_HLP_ENTRY_PAGES;
		}
	}
	return WS2FIX_HLP_NONE;
}

/* Apply one new-format log from its first entry, stopping at the first
 * invalid one.  Entries older than the hive (sequence below the hive's
 * primary sequence number) are checked but not written.  Returns the
 * number of entries applied, -1 on out of memory. */
static long apply_new(replay *r, int idx)
{
	loginfo *li = &r->log[idx];
	ws2fix_hive_recovery *res = r->res;
	uint32_t expected = li->seq;
	uint32_t hive_seq = res->hive_seq1;
	size_t pos = WS2FIX_REGF_LOG_BASE;
	long applied = 0;
	int seen = 0;
	size_t notes_before = res->note_count;
	while (li->len - pos >= 40) {
		const unsigned char *e = li->d + pos;
		if (memcmp(e, "HvLE", 4) != 0)
			break; /* the end of the entries (what follows is remnant data) */
		uint32_t a = 0, b = 0;
		ws2fix_hivelog_problem p = check_entry(li, pos, expected, &a, &b);
		if (p != WS2FIX_HLP_NONE) {
			note(r, idx, p, seen, pos, a, b);
			break;
		}
		seen = 1;
		uint32_t seq = ws2fix__le32(e + 12);
		if (!r->hive_valid || (int32_t)(seq - hive_seq) >= 0) {
			if (image_start(r, li) < 0)
				return -1;
			uint32_t hbins = ws2fix__le32(e + 16), count = ws2fix__le32(e + 20);
			if (image_grow(r, hbins) < 0)
				return -1;
			const unsigned char *page = e + 40 + (size_t)count * 8;
			for (uint32_t i = 0; i < count; i++) {
				uint32_t off = ws2fix__le32(e + 40 + (size_t)i * 8);
				uint32_t len = ws2fix__le32(e + 44 + (size_t)i * 8);
				memcpy(r->img + WS2FIX_REGF_BASE_BLOCK + off, page, len);
				page += len;
			}
			r->hbins = hbins;
			r->flags = (r->flags & ~1u) | (ws2fix__le32(e + 8) & 1u);
			if (res->entries == 0)
				res->first_seq = seq;
			res->last_seq = seq;
			res->entries++;
			applied++;
		}
		expected = seq + 1;
		pos += ws2fix__le32(e + 4);
	}
	if (!seen && res->note_count == notes_before)
		note(r, idx, WS2FIX_HLP_NO_ENTRY, 0, WS2FIX_REGF_LOG_BASE, 0, 0);
	else if (seen && applied == 0)
		note(r, idx, WS2FIX_HLP_STALE, 0, WS2FIX_REGF_LOG_BASE, expected - 1, hive_seq);
	return applied;
}

static void use(ws2fix_hive_recovery *res, int idx)
{
	if (res->used[0] == WS2FIX_HIVELOG_NONE)
		res->used[0] = idx;
	else
		res->used[1] = idx;
}

/* Two sequence numbers in a 32-bit circle: 1 when @p a comes before @p b. */
static int seq_before(uint32_t a, uint32_t b)
{
	return (int32_t)(a - b) < 0;
}

/* An eligible log starts at or after the hive's last completed write. */
static int eligible(replay *r, int idx)
{
	if (!r->hive_valid)
		return 1;
	if (seq_before(r->log[idx].seq, r->res->hive_seq2)) {
		note(r, idx, WS2FIX_HLP_STALE, 0, WS2FIX_REGF_SEQ1, r->log[idx].seq, r->res->hive_seq2);
		return 0;
	}
	return 1;
}

/* A single new-format log. */
static int recover_new_one(replay *r, int idx)
{
	if (!eligible(r, idx))
		return 0;
	long n = apply_new(r, idx);
	if (n < 0)
		return -1;
	if (n > 0)
		use(r->res, idx);
	return n > 0;
}

/* NAME.LOG1 and NAME.LOG2 in the new format: the one with the lower base
 * sequence number goes first and the other follows only when it continues
 * exactly where the first ended; with an invalid primary base block only
 * the newer log is used (spec, "Multiple transaction log files: New
 * format"; the ordering rule is the one yarp implements, see LOG-REPLAY.md). */
static int recover_new_dual(replay *r)
{
	int first = WS2FIX_HIVELOG_LOG1, second = WS2FIX_HIVELOG_LOG2;
	if (seq_before(r->log[second].seq, r->log[first].seq)) {
		first = WS2FIX_HIVELOG_LOG2;
		second = WS2FIX_HIVELOG_LOG1;
	}
	if (!r->hive_valid)
		return recover_new_one(r, second);
	int got = recover_new_one(r, first);
	if (got < 0)
		return -1;
	if (!got)
		return recover_new_one(r, second);
	uint32_t next = r->res->last_seq + 1;
	if (r->log[second].seq != next) {
		note(r, second, WS2FIX_HLP_NOT_CONTINUING, 0, WS2FIX_REGF_SEQ1, r->log[second].seq, next);
		return 1;
	}
	long n = apply_new(r, second);
	if (n < 0)
		return -1;
	if (n > 0)
		use(r->res, second);
	return 1;
}

/* ---- old format: dirty vector ("DIRT") and 512-byte dirty pages --------- */

static int recover_old(replay *r, int idx)
{
	loginfo *li = &r->log[idx];
	ws2fix_hive_recovery *res = r->res;
	/* Applicable only to the write it logged: the same last written
	 * timestamp as the hive (or, when the hive's base block is invalid,
	 * as its first hive bin's copy of it). */
	uint64_t hive_ts;
	if (r->hive_valid)
		hive_ts = le64(r->hive + WS2FIX_REGF_TIMESTAMP);
	else if (r->hive_len >= WS2FIX_REGF_BASE_BLOCK + 32 && !memcmp(r->hive + WS2FIX_REGF_BASE_BLOCK, "hbin", 4))
		hive_ts = le64(r->hive + WS2FIX_REGF_BASE_BLOCK + 20);
	else
		hive_ts = li->ts + 1;
	if (hive_ts != li->ts) {
		note(r, idx, WS2FIX_HLP_OLD_TIMESTAMP, 0, WS2FIX_REGF_TIMESTAMP, 0, 0);
		return 0;
	}
	size_t bits = li->hbins / 512, bytes = li->hbins / 4096;
	const unsigned char *v = li->d + WS2FIX_REGF_LOG_BASE;
	if (li->len - WS2FIX_REGF_LOG_BASE < 4 + bytes || memcmp(v, "DIRT", 4) != 0) {
		note(r, idx, WS2FIX_HLP_DIRTY_VECTOR, 0, WS2FIX_REGF_LOG_BASE, 0, 0);
		return 0;
	}
	const unsigned char *bitmap = v + 4;
	size_t start = WS2FIX_REGF_LOG_BASE + 4 + bytes;
	start = (start + 511) / 512 * 512;
	size_t dirty = 0;
	for (size_t i = 0; i < bits; i++)
		dirty += (bitmap[i / 8] >> (i % 8)) & 1u;
	if (dirty == 0) {
		note(r, idx, WS2FIX_HLP_DIRTY_VECTOR, 0, WS2FIX_REGF_LOG_BASE, 0, 0);
		return 0;
	}
	if (start > li->len || (li->len - start) / 512 < dirty) {
		note(r, idx, WS2FIX_HLP_PAGES_TRUNCATED, 0, start, (uint32_t)dirty, 0);
		return 0;
	}
	/* Apply to a scratch image first: a dirty hive bin that turns out
	 * invalid aborts the whole recovery, as Windows does. */
	unsigned char *saved = r->img;
	size_t saved_len = r->img_len;
	r->img = NULL;
	r->no_ext = 1;
	if (image_start(r, li) < 0 || image_grow(r, li->hbins) < 0) {
		if (r->img != r->ext)
			free(r->img);
		r->img = saved;
		r->img_len = saved_len;
		return -1;
	}
	size_t k = 0;
	for (size_t i = 0; i < bits; i++)
		if ((bitmap[i / 8] >> (i % 8)) & 1u)
			memcpy(r->img + WS2FIX_REGF_BASE_BLOCK + i * 512, li->d + start + 512 * k++, 512);
	/* Every hive bin that holds a dirty page must be a valid bin at its
	 * place; walking stops at the first invalid bin, and a dirty page at
	 * or past it fails the recovery. */
	size_t pos = 0, end = li->hbins;
	size_t next_dirty = 0;
	while (next_dirty < bits && !((bitmap[next_dirty / 8] >> (next_dirty % 8)) & 1u))
		next_dirty++;
	while (pos < end && next_dirty < bits) {
		const unsigned char *h = r->img + WS2FIX_REGF_BASE_BLOCK + pos;
		uint32_t size = end - pos >= 12 ? ws2fix__le32(h + 8) : 0;
		int ok = end - pos >= 32 && !memcmp(h, "hbin", 4) && ws2fix__le32(h + 4) == pos &&
			size >= WS2FIX_REGF_HBIN_ALIGN && size % WS2FIX_REGF_HBIN_ALIGN == 0 && size <= end - pos;
		if (!ok) {
			note(r, idx, WS2FIX_HLP_BAD_BIN, 0, WS2FIX_REGF_BASE_BLOCK + pos, 0, 0);
			free(r->img); /* never the caller's buffer (no_ext) */
			r->img = saved;
			r->img_len = saved_len;
			return 0;
		}
		pos += size;
		while (next_dirty < bits && next_dirty * 512 < pos)
			next_dirty++;
		while (next_dirty < bits && !((bitmap[next_dirty / 8] >> (next_dirty % 8)) & 1u))
			next_dirty++;
	}
	if (saved != r->ext)
		free(saved);
	r->hbins = li->hbins;
	r->flags = ws2fix__le32(li->d + WS2FIX_REGF_FLAGS);
	res->old_format = 1;
	res->entries = (uint32_t)dirty;
	res->first_seq = res->last_seq = li->seq;
	use(res, idx);
	return 1;
}

/* ---- choosing the logs ------------------------------------------------ */

static int valid_fmt(const replay *r, int idx, int fmt)
{
	return r->log[idx].d && r->log[idx].fmt == fmt;
}

/* The schemes in the order Windows prefers them: the new format before the
 * old, dual logging (LOG1 + LOG2) before a single log, and the single
 * NAME.LOG of older versions last. */
static int choose_and_apply(replay *r)
{
	const int L = WS2FIX_HIVELOG_LOG, L1 = WS2FIX_HIVELOG_LOG1, L2 = WS2FIX_HIVELOG_LOG2;
	int got = 0;
	if (valid_fmt(r, L1, FMT_NEW) && valid_fmt(r, L2, FMT_NEW))
		got = recover_new_dual(r);
	else if (valid_fmt(r, L1, FMT_NEW))
		got = recover_new_one(r, L1);
	else if (valid_fmt(r, L2, FMT_NEW))
		got = recover_new_one(r, L2);
	if (got)
		return got;
	if (valid_fmt(r, L, FMT_NEW) && (got = recover_new_one(r, L)) != 0)
		return got;
	if (valid_fmt(r, L1, FMT_OLD) && valid_fmt(r, L2, FMT_OLD)) {
		/* Both old: the one written last (its timestamp) is the one that
		 * can match the hive; try it first. */
		int a = r->log[L2].ts > r->log[L1].ts ? L2 : L1, b = a == L1 ? L2 : L1;
		if ((got = recover_old(r, a)) != 0)
			return got;
		return recover_old(r, b);
	}
	if (valid_fmt(r, L1, FMT_OLD) && (got = recover_old(r, L1)) != 0)
		return got;
	if (valid_fmt(r, L2, FMT_OLD) && (got = recover_old(r, L2)) != 0)
		return got;
	if (valid_fmt(r, L, FMT_OLD))
		return recover_old(r, L);
	return 0;
}

uint32_t ws2fix__hivelog_max_sequence(const unsigned char *data, size_t len)
{
	uint32_t max = 0;
	if (len >= WS2FIX_REGF_LOG_BASE && !memcmp(data, "regf", 4)) {
		uint32_t s1 = ws2fix__le32(data + WS2FIX_REGF_SEQ1), s2 = ws2fix__le32(data + WS2FIX_REGF_SEQ2);
		max = s1 > s2 ? s1 : s2;
	}
	for (size_t pos = WS2FIX_REGF_LOG_BASE; len >= 16 && pos <= len - 16; pos += 512)
		if (!memcmp(data + pos, "HvLE", 4)) {
			uint32_t s = ws2fix__le32(data + pos + 12);
			if (s > max)
				max = s;
		}
	return max;
}

void ws2fix__hivelog_seal(unsigned char *hive, size_t len, uint32_t above, uint64_t filetime)
{
	if (len < WS2FIX_REGF_BASE_BLOCK)
		return;
	uint32_t s1 = ws2fix__le32(hive + WS2FIX_REGF_SEQ1), s2 = ws2fix__le32(hive + WS2FIX_REGF_SEQ2);
	uint32_t seq = above;
	if (s1 > seq)
		seq = s1;
	if (s2 > seq)
		seq = s2;
	seq++;
	ws2fix__put_le32(hive + WS2FIX_REGF_SEQ1, seq);
	ws2fix__put_le32(hive + WS2FIX_REGF_SEQ2, seq);
	if (filetime <= le64(hive + WS2FIX_REGF_TIMESTAMP))
		filetime = le64(hive + WS2FIX_REGF_TIMESTAMP) + 1;
	put_le64(hive + WS2FIX_REGF_TIMESTAMP, filetime);
	if (len >= WS2FIX_REGF_BASE_BLOCK + 32 && !memcmp(hive + WS2FIX_REGF_BASE_BLOCK, "hbin", 4))
		put_le64(hive + WS2FIX_REGF_BASE_BLOCK + 20, filetime);
	ws2fix__put_le32(hive + WS2FIX_REGF_TYPE, 0);
	ws2fix__put_le32(hive + WS2FIX_REGF_CHECKSUM, ws2fix__regf_checksum(hive));
}

static int replay_any(ws2fix_hive_recovery *res, unsigned char *ext, size_t ext_cap, unsigned char **image,
	size_t *image_len, const unsigned char *hive, size_t hive_len, const ws2fix__hivelog_input logs[3])
{
	*image = NULL;
	*image_len = 0;
	const char *names[3];
	memcpy(names, res->log_names, sizeof(names));
	memset(res, 0, sizeof(*res));
	memcpy(res->log_names, names, sizeof(names));
	res->used[0] = res->used[1] = WS2FIX_HIVELOG_NONE;
	if (hive_len < WS2FIX_REGF_BASE_BLOCK || memcmp(hive, "regf", 4) != 0)
		return ws2fix__fail(WS2FIX_ECORRUPT, WS2FIX_ERRCLASS_HIVE, "not a registry hive (no 'regf' base block)");

	replay r;
	memset(&r, 0, sizeof(r));
	r.res = res;
	r.hive = hive;
	r.hive_len = hive_len;
	r.ext = ext;
	r.ext_cap = ext_cap;
	r.hive_valid = ws2fix__regf_checksum(hive) == ws2fix__le32(hive + WS2FIX_REGF_CHECKSUM);
	res->hive_seq1 = ws2fix__le32(hive + WS2FIX_REGF_SEQ1);
	res->hive_seq2 = ws2fix__le32(hive + WS2FIX_REGF_SEQ2);
	res->dirty = !r.hive_valid || res->hive_seq1 != res->hive_seq2;

	int present = 0;
	for (int i = 0; i < 3; i++) {
		r.log[i].d = logs ? logs[i].data : NULL;
		r.log[i].len = r.log[i].d ? logs[i].len : 0;
		if (logs && logs[i].unreadable && !r.log[i].d)
			present = 1;
		if (r.log[i].d)
			present = 1;
	}
	if (!res->dirty)
		return 0; /* a clean hive: Windows ignores its logs */
	if (!present) {
		note(&r, WS2FIX_HIVELOG_NONE, WS2FIX_HLP_NO_LOGS, 0, 0, 0, 0);
		return 0;
	}
	for (int i = 0; i < 3; i++) {
		if (r.log[i].d)
			check_log_base(&r, i);
		else if (logs && logs[i].unreadable)
			note(&r, i, WS2FIX_HLP_UNREADABLE, 0, 0, 0, 0);
	}
	int got = choose_and_apply(&r);
	if (got < 0 || r.oom) {
		if (r.img != ext)
			free(r.img);
		return ws2fix__oom();
	}
	if (!got || !r.img) {
		if (r.img != ext)
			free(r.img);
		res->entries = 0;
		res->used[0] = res->used[1] = WS2FIX_HIVELOG_NONE;
		return 0;
	}
	/* The base block Windows would write after the replay: both sequence
	 * numbers at the last one applied, the hive bins data size and flags
	 * of the last entry, the type of a primary file, a fresh checksum. */
	unsigned char *b = r.img;
	ws2fix__put_le32(b + WS2FIX_REGF_SEQ1, res->last_seq);
	ws2fix__put_le32(b + WS2FIX_REGF_SEQ2, res->last_seq);
	ws2fix__put_le32(b + WS2FIX_REGF_HBINS_SIZE, r.hbins);
	ws2fix__put_le32(b + WS2FIX_REGF_FLAGS, r.flags);
	ws2fix__put_le32(b + WS2FIX_REGF_ROOT, r.root);
	ws2fix__put_le32(b + WS2FIX_REGF_TYPE, 0);
	ws2fix__put_le32(b + WS2FIX_REGF_CHECKSUM, ws2fix__regf_checksum(b));
	res->recovered = 1;
	*image = r.img == ext ? NULL : r.img;
	*image_len = r.img_len;
	return 0;
}

int ws2fix__hivelog_replay(ws2fix_hive_recovery *res, unsigned char **image, size_t *image_len,
	const unsigned char *hive, size_t hive_len, const ws2fix__hivelog_input logs[3])
{
	return replay_any(res, NULL, 0, image, image_len, hive, hive_len, logs);
}

int ws2fix__hivelog_replay_into(ws2fix_hive_recovery *res, unsigned char *ext, size_t ext_cap,
	unsigned char **image, size_t *image_len, const unsigned char *hive, size_t hive_len,
	const ws2fix__hivelog_input logs[3])
{
	return replay_any(res, ext, ext_cap, image, image_len, hive, hive_len, logs);
}

size_t ws2fix__hivelog_max_image(size_t hive_len, const ws2fix__hivelog_input logs[3])
{
	size_t max = hive_len;
	for (int i = 0; i < 3; i++) {
		const unsigned char *d = logs[i].data;
		size_t len = logs[i].len;
		if (!d || len < WS2FIX_REGF_LOG_BASE || memcmp(d, "regf", 4) != 0)
			continue;
		/* The base block, then the entries as a replay walks them (by
		 * their sizes): no other entry can be applied. */
		uint32_t hbins = ws2fix__le32(d + WS2FIX_REGF_HBINS_SIZE);
		size_t pos = WS2FIX_REGF_LOG_BASE;
		for (;;) {
			if (hbins <= WS2FIX_REGF_MAX_HBINS && (size_t)WS2FIX_REGF_BASE_BLOCK + hbins > max)
				max = (size_t)WS2FIX_REGF_BASE_BLOCK + hbins;
			if (len - pos < 40 || memcmp(d + pos, "HvLE", 4) != 0)
				break;
			uint32_t size = ws2fix__le32(d + pos + 4);
			hbins = ws2fix__le32(d + pos + 16);
			if (size < WS2FIX_REGF_LOG_BASE || size % WS2FIX_REGF_LOG_BASE != 0 || size > len - pos) {
				if (hbins <= WS2FIX_REGF_MAX_HBINS && (size_t)WS2FIX_REGF_BASE_BLOCK + hbins > max)
					max = (size_t)WS2FIX_REGF_BASE_BLOCK + hbins;
				break;
			}
			pos += size;
		}
	}
	return max;
}

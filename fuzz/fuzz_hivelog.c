/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer target for the transaction log replay (src/lib/sources/hivelog.c).
 *
 * The input is a log file.  The harness builds a small dirty hive that the
 * log belongs to (its base block from the log's, so the identity and
 * sequence checks can pass) and replays the input as NAME.LOG1, as the old
 * NAME.LOG, split in two as NAME.LOG1 + NAME.LOG2, and over a hive whose
 * own base block is damaged.  Whatever the bytes, the replay returns, and
 * a recovered image is whole: a valid clean header, room for every hive
 * bin it declares, and a description in both languages.
 *
 * Log entries carry Marvin32 hashes a mutation almost never keeps right;
 * an input of odd length is replayed with every entry's hashes (and the
 * base block checksum) recomputed first, so the checks after the hashes
 * get fuzzed too.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/sources/hivelog.h"
#include "ws2fix/registry.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define HIVE_MAX_HBINS (256u * 1024u)

static void put64(unsigned char *p, uint64_t v)
{
	ws2fix__put_le32(p, (uint32_t)v);
	ws2fix__put_le32(p + 4, (uint32_t)(v >> 32));
}

/* A dirty hive the log could belong to. */
static unsigned char *make_hive(const unsigned char *log, size_t len, size_t *out_len, int damaged)
{
	uint32_t hbins = 8192;
	if (len >= 512 && !memcmp(log, "regf", 4)) {
		uint32_t h = ws2fix__le32(log + 40);
		if (h >= 4096 && h % 4096 == 0 && h <= HIVE_MAX_HBINS)
			hbins = h;
	}
	size_t n = 4096 + (size_t)hbins;
	unsigned char *hive = calloc(1, n);
	if (!hive)
		abort();
	if (len >= 512 && !memcmp(log, "regf", 4)) {
		memcpy(hive, log, 512);
	} else {
		memcpy(hive, "regf", 4);
		ws2fix__put_le32(hive + 20, 1);
		ws2fix__put_le32(hive + 24, 5);
		ws2fix__put_le32(hive + 32, 1);
		ws2fix__put_le32(hive + 44, 1);
	}
	uint32_t seq = ws2fix__le32(hive + 4);
	ws2fix__put_le32(hive + 8, seq - 1);
	ws2fix__put_le32(hive + 28, 0);
	ws2fix__put_le32(hive + 40, hbins);
	for (uint32_t off = 0; off < hbins; off += 4096) {
		memcpy(hive + 4096 + off, "hbin", 4);
		ws2fix__put_le32(hive + 4096 + off + 4, off);
		ws2fix__put_le32(hive + 4096 + off + 8, 4096);
		ws2fix__put_le32(hive + 4096 + off + 32, 4096 - 32);
	}
	ws2fix__put_le32(hive + 508, ws2fix__regf_checksum(hive) ^ (damaged ? 1u : 0u));
	*out_len = n;
	return hive;
}

/* Recompute the base block checksum and every entry's hashes. */
static void fix_hashes(unsigned char *d, size_t len)
{
	if (len >= 512 && !memcmp(d, "regf", 4))
		ws2fix__put_le32(d + 508, ws2fix__regf_checksum(d));
	for (size_t pos = 512; len >= 40 && pos <= len - 40; pos += 512) {
		if (memcmp(d + pos, "HvLE", 4) != 0)
			continue;
		uint32_t size = ws2fix__le32(d + pos + 4);
		if (size < 40 || size > len - pos)
			continue;
		put64(d + pos + 24, ws2fix__marvin32(d + pos + 40, size - 40, WS2FIX_HIVELOG_MARVIN_SEED));
		put64(d + pos + 32, ws2fix__marvin32(d + pos, 32, WS2FIX_HIVELOG_MARVIN_SEED));
	}
}

static void check(const unsigned char *hive, size_t hive_len, const ws2fix__hivelog_input in[3])
{
	uint32_t max_seq = 0;
	for (int i = 0; i < 3; i++)
		if (in[i].data) {
			uint32_t m = ws2fix__hivelog_max_sequence(in[i].data, in[i].len);
			if (m > max_seq)
				max_seq = m;
		}
	ws2fix_hive_recovery res;
	memset(&res, 0, sizeof(res));
	unsigned char *img = NULL;
	size_t img_len = 0;
	if (ws2fix__hivelog_replay(&res, &img, &img_len, hive, hive_len, in) != 0)
		abort(); /* the hive is always a valid primary file here */
	if (res.note_count > WS2FIX_HIVELOG_MAX_NOTES || !res.dirty)
		abort();
	if (res.recovered) {
		if (!img || img_len < 4096 || res.entries == 0)
			abort();
		uint32_t hbins = ws2fix__le32(img + 40);
		if (img_len < 4096 + (size_t)hbins || ws2fix__le32(img + 4) != res.last_seq ||
		    ws2fix__le32(img + 8) != res.last_seq || ws2fix__le32(img + 28) != 0 ||
		    ws2fix__le32(img + 508) != ws2fix__regf_checksum(img) || res.used[0] < 0 || res.used[0] > 2) {
			fprintf(stderr, "fuzz_hivelog: recovered image is not whole\n");
			abort();
		}
		ws2fix__hivelog_seal(img, img_len, max_seq, 1);
		if (ws2fix__le32(img + 4) <= max_seq && max_seq != 0xFFFFFFFFu)
			abort();
	} else if (img) {
		abort();
	}
	for (int lang = 0; lang < 2; lang++) {
		char *text = NULL;
		if (ws2fix_hive_recovery_text(&text, &res, 1, (ws2fix_lang)lang) != 0 || !text)
			abort();
		free(text);
	}
	free(img);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	unsigned char *log = malloc(size ? size : 1);
	if (!log)
		abort();
	memcpy(log, data, size);
	size_t len = size;
	if (size % 2 == 1) {
		len = size - 1;
		fix_hashes(log, len);
	}
	(void)ws2fix__hivelog_max_sequence(log, len);

	size_t hive_len = 0;
	unsigned char *hive = make_hive(log, len, &hive_len, 0);
	ws2fix__hivelog_input in[3];
	memset(in, 0, sizeof(in));

	in[WS2FIX_HIVELOG_LOG1].data = log;
	in[WS2FIX_HIVELOG_LOG1].len = len;
	check(hive, hive_len, in);

	memset(in, 0, sizeof(in));
	in[WS2FIX_HIVELOG_LOG].data = log;
	in[WS2FIX_HIVELOG_LOG].len = len;
	check(hive, hive_len, in);

	/* Split at a 512-byte boundary: the second part gets the first
	 * part's base block, so both look like logs of this hive. */
	size_t cut = len / 1024 * 512;
	if (cut >= 512) {
		unsigned char *second = malloc(512 + (len - cut));
		if (!second)
			abort();
		memcpy(second, log, 512);
		memcpy(second + 512, log + cut, len - cut);
		memset(in, 0, sizeof(in));
		in[WS2FIX_HIVELOG_LOG1].data = log;
		in[WS2FIX_HIVELOG_LOG1].len = cut;
		in[WS2FIX_HIVELOG_LOG2].data = second;
		in[WS2FIX_HIVELOG_LOG2].len = 512 + (len - cut);
		check(hive, hive_len, in);
		free(second);
	}
	free(hive);

	hive = make_hive(log, len, &hive_len, 1);
	memset(in, 0, sizeof(in));
	in[WS2FIX_HIVELOG_LOG2].data = log;
	in[WS2FIX_HIVELOG_LOG2].len = len;
	check(hive, hive_len, in);
	free(hive);
	free(log);
	return 0;
}

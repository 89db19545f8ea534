/* SPDX-License-Identifier: MIT */
/*
 * Transaction log replay for offline hives (library internal).
 *
 * Everything here works on bytes in memory and is portable C: the hive
 * backend reads the files, this code decides which logs Windows would use
 * and builds the recovered image.  Every constant and rule is traced to its
 * source in docs/internals/LOG-REPLAY.md.
 */
#ifndef WS2FIX_BACKEND_HIVELOG_H
#define WS2FIX_BACKEND_HIVELOG_H

#include <stddef.h>
#include <stdint.h>

#include "ws2fix/registry.h"

#define WS2FIX_REGF_BASE_BLOCK 4096u /* primary file base block */
#define WS2FIX_REGF_LOG_BASE 512u    /* the partial base block at the start of a log */
#define WS2FIX_REGF_HBIN_ALIGN 4096u
/* The largest hive bins data size ws2fix accepts: cell offsets are 31-bit,
 * and nothing near this size is a real SYSTEM hive. */
#define WS2FIX_REGF_MAX_HBINS (1024u * 1024u * 1024u)

/* Base block field offsets. */
#define WS2FIX_REGF_SEQ1 4
#define WS2FIX_REGF_SEQ2 8
#define WS2FIX_REGF_TIMESTAMP 12
#define WS2FIX_REGF_MAJOR 20
#define WS2FIX_REGF_MINOR 24
#define WS2FIX_REGF_TYPE 28
#define WS2FIX_REGF_FORMAT 32
#define WS2FIX_REGF_ROOT 36
#define WS2FIX_REGF_HBINS_SIZE 40
#define WS2FIX_REGF_CLUSTER 44
#define WS2FIX_REGF_FILENAME 48
#define WS2FIX_REGF_FLAGS 144
#define WS2FIX_REGF_CHECKSUM 508

/* The Marvin32 seed for log entry hashes. */
#define WS2FIX_HIVELOG_MARVIN_SEED 0x82EF4D887A4E55C5ull

uint32_t ws2fix__le32(const unsigned char *p);
void ws2fix__put_le32(unsigned char *p, uint32_t v);

/** XOR-32 of the first 508 bytes, with 0 -> 1 and 0xFFFFFFFF -> 0xFFFFFFFE. */
uint32_t ws2fix__regf_checksum(const unsigned char *base);

/** Marvin32 of @p len bytes with a 64-bit seed. */
uint64_t ws2fix__marvin32(const unsigned char *data, size_t len, uint64_t seed);

/** One candidate log: NAME.LOG, NAME.LOG1, NAME.LOG2 (data NULL when absent). */
typedef struct ws2fix__hivelog_input {
	const unsigned char *data;
	size_t len;
	int unreadable; /**< the file exists but could not be read */
} ws2fix__hivelog_input;

/**
 * Decide from a hive and its logs what Windows would load.
 *
 * @param[out] res    filled in every case (res->log_names untouched)
 * @param[out] image  when res->recovered: the recovered primary file
 *                    (caller frees), else NULL
 * @param logs        indexed by WS2FIX_HIVELOG_LOG/LOG1/LOG2
 * @return 0, WS2FIX_ECORRUPT (the hive is shorter than a base block or has
 *         no 'regf' signature) or WS2FIX_ENOMEM
 */
int ws2fix__hivelog_replay(ws2fix_hive_recovery *res, unsigned char **image, size_t *image_len,
	const unsigned char *hive, size_t hive_len, const ws2fix__hivelog_input logs[3]);

/**
 * As ws2fix__hivelog_replay, but a new-format replay is built in place in
 * @p ext: the caller's buffer of @p ext_cap bytes that already holds the
 * hive's @p hive_len bytes followed by zeros, at least
 * ws2fix__hivelog_max_image() long.  When res->recovered, the image is in
 * @p ext (*image NULL, *image_len its length) or, for an old-format log,
 * in *image as for ws2fix__hivelog_replay.
 */
int ws2fix__hivelog_replay_into(ws2fix_hive_recovery *res, unsigned char *ext, size_t ext_cap,
	unsigned char **image, size_t *image_len, const unsigned char *hive, size_t hive_len,
	const ws2fix__hivelog_input logs[3]);

/** The largest image a replay of these logs can produce. */
size_t ws2fix__hivelog_max_image(size_t hive_len, const ws2fix__hivelog_input logs[3]);

/**
 * The highest sequence number anywhere in a log file: its base block and
 * every 'HvLE' header on a 512-byte boundary, valid or not (0 if none).
 */
uint32_t ws2fix__hivelog_max_sequence(const unsigned char *data, size_t len);

/**
 * Give a primary file's base block a clean header that no log beside it
 * can ever be replayed over: equal sequence numbers above @p above, a
 * new last-written @p filetime (also in the first hive bin, its backup
 * copy), type primary, and a fresh checksum.
 */
void ws2fix__hivelog_seal(unsigned char *hive, size_t len, uint32_t above, uint64_t filetime);

/** The logs found beside a hive (indexed by WS2FIX_HIVELOG_*). */
typedef struct ws2fix__hivelog_files {
	char *path[3];          /**< full path as found on disk, or NULL */
	char *name[3];          /**< its file name (the letter case on disk) */
	const unsigned char *data[3]; /**< contents when read (ws2fix__map_file) */
	size_t len[3];
	int unreadable[3];      /**< found but could not be read */
} ws2fix__hivelog_files;

/**
 * Find NAME.LOG, NAME.LOG1 and NAME.LOG2 beside @p hive_path in any letter
 * case; with @p read, read them too (an unreadable one is marked, not an
 * error).  @return 0 or WS2FIX_ENOMEM
 */
int ws2fix__hivelog_files_find(ws2fix__hivelog_files *out, const char *hive_path, int read);

void ws2fix__hivelog_files_free(ws2fix__hivelog_files *f);

#endif

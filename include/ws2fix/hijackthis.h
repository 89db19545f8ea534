/* SPDX-License-Identifier: MIT */
/*
 * Reading a HijackThis log: the header (tool, Windows version, whether the
 * scan ran elevated) and every O10 (Winsock LSP) line, and turning those
 * lines into ws2fix findings.
 *
 * A HijackThis log is a partial source, like netsh text: it lists only what
 * HijackThis flagged, never the catalog itself, so the diagnosis says what
 * it could not check (ws2fix_diagnosis.skipped).
 *
 * The O10 wordings (docs/cli/hijackthis-input.md names the source of each):
 *   O10 - Broken Internet access because of LSP provider 'PATH' missing
 *   O10 - Broken Internet access because of missing LSP provider: 'PATH'
 *   O10 - Broken Internet access because of LSP chain gap (#N in chain of M missing)
 *   O10 - Unknown file in Winsock LSP: PATH [checksum suffix of the Fork]
 *   O10 - Hijacked Internet access by NAME
 */
#ifndef WS2FIX_HIJACKTHIS_H
#define WS2FIX_HIJACKTHIS_H

#include <stddef.h>

#include "ws2fix/diagnose.h"
#include "ws2fix/osinfo.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Largest log ws2fix_hjt_read() accepts (real logs are 3-60 KB). */
#define WS2FIX_HJT_MAX_FILE (8u * 1024u * 1024u)
/** Longest line accepted; a longer one means the file is not a log. */
#define WS2FIX_HJT_MAX_LINE 32768u

typedef enum ws2fix_hjt_o10_kind {
	WS2FIX_HJT_O10_PROVIDER_MISSING = 0, /**< "LSP provider 'x' missing" */
	WS2FIX_HJT_O10_CHAIN_GAP,            /**< "LSP chain gap (#N in chain of M missing)" */
	WS2FIX_HJT_O10_UNKNOWN_FILE,         /**< "Unknown file in Winsock LSP: x" */
	WS2FIX_HJT_O10_HIJACKED,             /**< "Hijacked Internet access by NAME" */
	WS2FIX_HJT_O10_OTHER                 /**< an O10 line in no known form */
} ws2fix_hjt_o10_kind;

/** Stable name of a kind: "provider-missing", "chain-gap", "unknown-file", "hijacked", "other". */
const char *ws2fix_hjt_o10_kind_name(ws2fix_hjt_o10_kind kind);

/** One O10 line.  Strings are owned by the log (or by the caller of ws2fix_hjt_o10_parse). */
typedef struct ws2fix_hjt_o10 {
	ws2fix_hjt_o10_kind kind;
	unsigned int line;   /**< 1-based line in the log (0 for a lone line) */
	char *text;          /**< the whole line, trimmed */
	char *path;          /**< the DLL path (PROVIDER_MISSING, UNKNOWN_FILE), else NULL */
	char *name;          /**< the hijacker's name (HIJACKED), else NULL */
	unsigned int gap_index, gap_total; /**< CHAIN_GAP: #N in chain of M */
} ws2fix_hjt_o10;

/** A parsed log.  Free with ws2fix_hjt_log_free(). */
typedef struct ws2fix_hjt_log {
	char *tool;          /**< "Trend Micro HijackThis v2.0.5", "HiJackThis Fork by Alex Dragokas v.2.9.0.23" ... */
	int fork;            /**< 1 for HiJackThis Fork */
	char *platform;      /**< the Platform line's value, or NULL */
	int elevated;        /**< 1 / 0 as the log says ("Elevated: Yes/No"), -1 when it does not say */
	ws2fix_osinfo os;    /**< from the Platform line; family WS2FIX_OS_UNKNOWN when it cannot tell */
	int complete;        /**< 1 when the log ends with HijackThis's "End of file" line, 0 for an excerpt or a cut log */
	unsigned int lines;  /**< lines read, the header's included (where an excerpt ends) */
	size_t count;
	ws2fix_hjt_o10 *o10; /**< in log order */
} ws2fix_hjt_log;

/**
 * Parse a HijackThis log: ANSI (Windows-1252), UTF-8 with or without BOM,
 * UTF-16LE with BOM; CRLF or LF.  Anything before the "Logfile of ...
 * HijackThis" header is ignored (a forum paste), as are the lines of the
 * other sections.  A log without HijackThis's "End of file" line (what
 * people paste into forums: the header and the O10 lines) is read, with
 * `complete` 0; ws2fix_hjt_diagnose() then says it ends early.
 * @return 0; WS2FIX_ECORRUPT with a "(hijackthis log):LINE: ..." message
 *         for binary data, a line over WS2FIX_HJT_MAX_LINE or no header
 *         (text that is no HijackThis log at all); WS2FIX_ENOMEM
 */
int ws2fix_hjt_parse(ws2fix_hjt_log **out, const unsigned char *text, size_t len);

/** As ws2fix_hjt_parse(), reading @p path; messages start with "PATH:LINE: ". */
int ws2fix_hjt_read(ws2fix_hjt_log **out, const char *path);

void ws2fix_hjt_log_free(ws2fix_hjt_log *log);

/**
 * Recognise one O10 line (leading blanks allowed, no line break).
 * @param[out] out  filled on success; free its strings with ws2fix_hjt_o10_clear()
 * @return 1 when @p line is an O10 line, 0 when not, WS2FIX_ENOMEM
 */
int ws2fix_hjt_o10_parse(ws2fix_hjt_o10 *out, const char *line, size_t len);

void ws2fix_hjt_o10_clear(ws2fix_hjt_o10 *o);

/**
 * Findings from a log: a provider HijackThis found missing is
 * PROVIDER_DLL_MISSING, a chain gap ENTRY_NUMBERING (a warning when the
 * scan was not elevated: a known HijackThis false alarm), a known-bad DLL
 * or "Hijacked Internet access" KNOWN_MALICIOUS_PROVIDER, a known Microsoft
 * or third-party provider an info note that says HijackThis flags it by
 * mistake, an unknown DLL THIRD_PARTY_PROVIDER; a log that is not
 * `complete` SOURCE_INCOMPLETE (a warning: the O10 lines it left out cannot
 * be known).  `skipped` names what a
 * HijackThis log cannot show.  opts->lang is used; the rest is ignored.
 * @param[out] out  free with ws2fix_diagnosis_free()
 * @return 0 or WS2FIX_ENOMEM
 */
int ws2fix_hjt_diagnose(ws2fix_diagnosis **out, const ws2fix_hjt_log *log, const ws2fix_diagnose_options *opts);

#ifdef __cplusplus
}
#endif
#endif

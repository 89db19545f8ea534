/* SPDX-License-Identifier: MIT */
/*
 * Explaining error messages and codes, and the repair guidance texts.
 *
 * Users arrive with an error message (often in Swedish), not a registry
 * key.  ws2fix_explain() takes what they typed or pasted (a message or part
 * of one, a number such as 10038 or 0x2746, a Winsock name such as
 * WSAENOTSOCK, "code 24", "Fel 720") and finds the matching symptoms of the
 * knowledge base: the symptoms of Microsoft KB 811259 (English and Swedish
 * editions), the quick test of the networking-stack repair guide, and the
 * whole Winsock error table (WSA* 10004..11031).  Each match says what the
 * message means, whether a damaged Winsock catalog is a likely cause, and
 * what to do on each Windows version, with the ws2fix command for it.
 *
 * ws2fix_guidance() gives the texts for what ws2fix cannot do by itself
 * (reinstalling TCP/IP, the Windows 2000 procedure, Network Diagnostics,
 * restarting); repair output prints them.
 *
 * Everything here is data: nothing is printed, and every string in a result
 * is borrowed from static tables unless said otherwise.
 */
#ifndef WS2FIX_EXPLAIN_H
#define WS2FIX_EXPLAIN_H

#include <stddef.h>

#include "ws2fix/i18n.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * The Windows versions the seeds give separate repair paths for.  The
 * stable short ids (ws2fix_explain_os_id) are what JSON output carries.
 */
typedef enum ws2fix_explain_os {
	WS2FIX_EXPLAIN_OS_ANY = 0, /**< "any": applies to every version */
	WS2FIX_EXPLAIN_OS_2000,    /**< "2000": Windows 2000 */
	WS2FIX_EXPLAIN_OS_XP_SP1,  /**< "xp-sp1": Windows XP with Service Pack 1 or none */
	WS2FIX_EXPLAIN_OS_XP_SP2,  /**< "xp-sp2": Windows XP SP2 or SP3, Windows Server 2003 */
	WS2FIX_EXPLAIN_OS_VISTA,   /**< "vista": Windows Vista, Windows Server 2008 */
	WS2FIX_EXPLAIN_OS_7,       /**< "7+": Windows 7, 8, 8.1, 10, 11 and their servers */
	WS2FIX_EXPLAIN_OS_COUNT
} ws2fix_explain_os;

/** Stable id of an OS group: "any", "2000", "xp-sp1", "xp-sp2", "vista", "7+"; "" when out of range. */
const char *ws2fix_explain_os_id(ws2fix_explain_os os);

/** Human name of an OS group ("Windows XP with Service Pack 1 or no service pack"). */
const char *ws2fix_explain_os_name(ws2fix_explain_os os, ws2fix_lang lang);

/**
 * Map a version as the --os option spells it ("2000", "xp", "xp-sp1",
 * "xp-sp2", "xp-sp3", "2003", "vista", "2008", "7", "8", "8.1", "10",
 * "11", ...) or an OS group id to its group.  Case-insensitive.
 * @return 0 or WS2FIX_EINVALID
 */
int ws2fix_explain_os_parse(ws2fix_explain_os *out, const char *text);

struct ws2fix_osinfo; /* ws2fix/osinfo.h */

/**
 * The OS group of a detected Windows version (ws2fix/osinfo.h): XP with a
 * known service pack below 2 is "xp-sp1", any other XP and Server 2003 are
 * "xp-sp2", 7 and later are "7+".  WS2FIX_EXPLAIN_OS_ANY when unknown.
 */
ws2fix_explain_os ws2fix_explain_os_from_osinfo(const struct ws2fix_osinfo *info);

/** No error code: the value of ws2fix_explain_match.error_code then. */
#define WS2FIX_EXPLAIN_NO_CODE (-1L)

/** One thing to do, for one OS group. */
typedef struct ws2fix_explain_step {
	ws2fix_explain_os os; /**< which Windows versions it is for */
	const char *os_id;    /**< ws2fix_explain_os_id(os) */
	const char *text;     /**< what to do, in the requested language; may hold several lines */
	const char *command;  /**< the ws2fix command that does it, or NULL when ws2fix cannot */
} ws2fix_explain_step;

/**
 * What the match says the cause is.  Stable ids (ws2fix_explain_verdict_id)
 * are what JSON output carries.
 */
typedef enum ws2fix_explain_verdict {
	WS2FIX_EXPLAIN_VERDICT_CATALOG = 0,  /**< "catalog": a damaged Winsock catalog is likely */
	WS2FIX_EXPLAIN_VERDICT_ENVIRONMENT,  /**< "environment": one program's environment (SystemRoot) */
	WS2FIX_EXPLAIN_VERDICT_LAYERED,      /**< "layered-provider": a live layered provider in the traffic */
	WS2FIX_EXPLAIN_VERDICT_OTHER,        /**< "other": not the catalog (an ordinary network error) */
	WS2FIX_EXPLAIN_VERDICT_COUNT
} ws2fix_explain_verdict;

/** Stable id of a verdict: "catalog", "environment", "layered-provider", "other"; "" when out of range. */
const char *ws2fix_explain_verdict_id(ws2fix_explain_verdict v);

/** The verdict in words ("the program's environment"). Borrowed, static. */
const char *ws2fix_explain_verdict_name(ws2fix_explain_verdict v, ws2fix_lang lang);

/** One symptom that matched the query. */
typedef struct ws2fix_explain_match {
	const char *symptom;      /**< stable id: "not-a-socket", ..., or "wsa-10061" for a plain Winsock code */
	double score;             /**< 0..1, 1 = the whole message or the exact code */
	ws2fix_lang language;     /**< language of the text that matched (the requested one for codes) */
	int by_code;              /**< 1 when the query's number or Winsock name matched, 0 when its text did */
	long error_code;          /**< the code the message stands for, or WS2FIX_EXPLAIN_NO_CODE */
	const char *error_name;   /**< "WSAENOTSOCK", "ERROR_PPP_NO_PROTOCOLS_CONFIGURED", ... or NULL */
	int winsock_related;      /**< 1 when a damaged Winsock catalog is a likely cause */
	ws2fix_explain_verdict verdict; /**< the cause it points to (CATALOG exactly when winsock_related) */
	size_t evidence_count;
	const char *const *evidence; /**< what in the query points to the verdict, one sentence each
	                                  (for the environment and layered-provider verdicts) */
	const char *message;      /**< the message as the seeds word it, in the requested language */
	const char *meaning;      /**< what it means */
	const char *cause;        /**< the likely cause */
	size_t step_count;
	const ws2fix_explain_step *steps; /**< OS "any" first, then by version, oldest first */
} ws2fix_explain_match;

/** The answer to one query.  Free with ws2fix_explain_result_free(). */
typedef struct ws2fix_explain_result {
	char *query;                   /**< the query as given, as UTF-8 (owned by the result) */
	size_t count;                  /**< 0 when nothing matched */
	ws2fix_explain_match *matches; /**< best first */
} ws2fix_explain_result;

/**
 * Explain an error message or code.
 *
 * Matching works in English and Swedish whatever @p lang is, and tolerates
 * case, punctuation, quotes, line breaks, missing diacritics ("atgard" for
 * "åtgärd"), small typos and partial messages.  Text that is not valid
 * UTF-8 is read as Windows-1252, except that a byte standing like a letter
 * inside a word is read as code page 850 (a Swedish console's pipe).  Nothing matching is not an error: the
 * result then has count 0.
 *
 * @param[out] out  the result; caller frees with ws2fix_explain_result_free
 * @param query     UTF-8 text, a number (decimal, 0x hex, or an HRESULT
 *                  0x8007xxxx), or a Winsock error name
 * @param lang      language of the texts in the result
 * @return 0, WS2FIX_EINVALID (out or query NULL) or WS2FIX_ENOMEM
 */
int ws2fix_explain(ws2fix_explain_result **out, const char *query, ws2fix_lang lang);

/** Free a result; NULL is fine. */
void ws2fix_explain_result_free(ws2fix_explain_result *result);

/** 1 when @p step is for @p only (WS2FIX_EXPLAIN_OS_ANY: every step is). */
int ws2fix_explain_step_applies(const ws2fix_explain_step *step, ws2fix_explain_os only);

/**
 * The result as `ws2fix explain --json` prints it (docs/cli/explain.md),
 * with a final newline: one implementation for the CLI and the web page.
 * @param only  the steps for that Windows group and those for every
 *              version; WS2FIX_EXPLAIN_OS_ANY for all steps
 * @param[out] out  caller frees with free()
 * @return 0, WS2FIX_EINVALID or WS2FIX_ENOMEM
 */
int ws2fix_explain_result_json(char **out, const ws2fix_explain_result *r, ws2fix_explain_os only);

/**
 * Pasted bytes as a query for ws2fix_explain(): UTF-16LE (with a byte order
 * mark, or without one when the text starts with ASCII) becomes UTF-8, a
 * UTF-8 mark is dropped, anything else is kept as it is (up to a NUL).
 * @param[out] out  caller frees with free()
 * @return 0, WS2FIX_EINVALID or WS2FIX_ENOMEM (or the UTF-16 decoder's error)
 */
int ws2fix_explain_query_from_bytes(char **out, const unsigned char *data, size_t len);

/** Ids of the guidance texts, for what ws2fix cannot do by itself. */
typedef enum ws2fix_guidance_id {
	WS2FIX_GUIDANCE_RESTART = 0,       /**< restart the computer after a repair */
	WS2FIX_GUIDANCE_XP_SP2_RESET,      /**< XP SP2+ / 2003: netsh winsock reset, then restart */
	WS2FIX_GUIDANCE_VISTA_RESET,       /**< Vista and later: netsh winsock reset as administrator */
	WS2FIX_GUIDANCE_VISTA_DIAGNOSTICS, /**< Vista: Network Diagnostics in Network and Sharing Center */
	WS2FIX_GUIDANCE_XP_DELETE_KEYS,    /**< XP before SP2: delete the Winsock and Winsock2 keys, restart */
	WS2FIX_GUIDANCE_XP_TCPIP_REINSTALL,/**< XP before SP2: reinstall TCP/IP from C:\Windows\inf (nettcpip.inf) */
	WS2FIX_GUIDANCE_W2K_PROCEDURE,     /**< Windows 2000: Linkage\Bind values, keys, TCP/IP reinstall */
	WS2FIX_GUIDANCE_PROGRAMS_AFFECTED, /**< antivirus, firewall, proxy clients may need reinstalling */
	WS2FIX_GUIDANCE_QUICK_TEST,        /**< the ipconfig /renew test */
	WS2FIX_GUIDANCE_COUNT
} ws2fix_guidance_id;

/**
 * A guidance text: numbered steps, one per line ("1. ...", sub-steps
 * indented by two spaces), worded from the seeds.
 * @return borrowed static text; "" when @p id is out of range
 */
const char *ws2fix_guidance(ws2fix_guidance_id id, ws2fix_lang lang);

/** Its heading ("Reinstall TCP/IP (Windows XP without Service Pack 2)"). Borrowed, static. */
const char *ws2fix_guidance_title(ws2fix_guidance_id id, ws2fix_lang lang);

/** Stable name for JSON ("restart", "xp-tcpip-reinstall", ...). Borrowed, static. */
const char *ws2fix_guidance_name(ws2fix_guidance_id id);

/**
 * What to tell the user after ws2fix has repaired the Winsock catalog of a
 * machine running @p os: the guidance ids, most important first (always
 * WS2FIX_GUIDANCE_RESTART; on XP before SP2 and on 2000 the TCP/IP steps
 * for when the network still does not work; the note on antivirus and
 * firewall programs).
 * @param[out] out  up to @p max ids
 * @return how many ids apply (may exceed @p max; only @p max are written)
 */
size_t ws2fix_guidance_after_repair(ws2fix_guidance_id *out, size_t max, ws2fix_explain_os os);

#ifdef __cplusplus
}
#endif
#endif

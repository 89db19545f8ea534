/* SPDX-License-Identifier: MIT */
/*
 * Internals of `explain`: the knowledge base tables (kb.c, guidance.c),
 * text normalisation (normalize.c) and the matcher (match.c).
 *
 * The knowledge base is data, not code: every symptom is one row of
 * ws2fix__kb_symptoms with its texts in both languages, and the per-OS
 * steps are rows of step tables shared by symptoms with the same remedy.
 */
#ifndef WS2FIX_EXPLAIN_INTERNAL_H
#define WS2FIX_EXPLAIN_INTERNAL_H

#include <stddef.h>

#include "ws2fix/explain.h"
#include "ws2fix/i18n.h"

/* ---- knowledge base ------------------------------------------------- */

/** How a phrase relates to the seeds. */
enum kb_phrase_kind {
	KB_SEED = 0, /**< the message exactly as a seed words it */
	KB_ALIAS = 1, /**< a short form people type ("APIPA", "TCP/IP Protocol Driver") */
	KB_FOREIGN = 2 /**< Windows' whole message in a language ws2fix does not output
	                    (German); scores as a seed, answers in the output language */
};

typedef struct kb_phrase {
	ws2fix_lang lang;
	enum kb_phrase_kind kind;
	const char *text;
} kb_phrase;

/** Which list of steps a symptom gets. */
enum kb_remedy {
	KB_REMEDY_CORRUPTION = 0, /**< KB 811259's resolution, per Windows version */
	KB_REMEDY_QUICK_TEST,     /**< the ipconfig /renew test, then as CORRUPTION */
	KB_REMEDY_GENERIC,        /**< a plain Winsock error: diagnose only if everything fails */
	KB_REMEDY_HIJACKTHIS,     /**< a HijackThis O10 line: let ws2fix read the log, then check the machine */
	KB_REMEDY_ENVIRONMENT,    /**< one program's environment lacks SystemRoot: fix that, not the catalog */
	KB_REMEDY_LAYERED,        /**< a live layered provider breaks some programs: exclude them, reset last */
	KB_REMEDY_COUNT
};

/** Sentinel for a step that carries no guidance text. */
#define KB_NO_GUIDANCE (-1)

typedef struct kb_step {
	ws2fix_explain_os os;
	const char *text[WS2FIX_LANG_COUNT];
	int guidance;        /**< ws2fix_guidance_id appended below the text, or KB_NO_GUIDANCE */
	const char *command; /**< ws2fix command, or NULL */
} kb_step;

typedef struct kb_symptom {
	const char *id;
	long error_code;        /**< WS2FIX_EXPLAIN_NO_CODE when none */
	const char *error_name; /**< for codes outside the WSA table; WSA names come from wsa_errors */
	int winsock_related;
	enum kb_remedy remedy;
	const char *message[WS2FIX_LANG_COUNT];
	const char *meaning[WS2FIX_LANG_COUNT];
	const char *cause[WS2FIX_LANG_COUNT];
	const kb_phrase *phrases; /**< ended by a NULL text */
} kb_symptom;

/** The seed symptoms, in the order the seeds list them. */
const kb_symptom *ws2fix__kb_symptoms(size_t *count);

/**
 * Winsock codes that point to a damaged catalog although no seed quotes
 * them; the cause text says why.  NULL for other codes.
 */
const char *ws2fix__kb_wsa_corruption_cause(int code, ws2fix_lang lang);

/**
 * Short forms of a Winsock error's message: the words that tell it from
 * its neighbours ("socket is not connected" is 10057, not 10038), in both
 * languages, so that a retyped or reworded message finds the right code.
 * @return a list ended by a NULL text (static), or NULL when none
 */
const kb_phrase *ws2fix__kb_wsa_aliases(int code);

/** The steps of a remedy (static). */
const kb_step *ws2fix__kb_remedy_steps(enum kb_remedy remedy, size_t *count);

/* ---- the program around the error (context.c) ---------------------- */

/**
 * Which program printed an error, as far as the text tells: the verdict
 * symptoms ("program-environment", "layered-provider-in-traffic") stand
 * on these instead of on a message of their own.
 */
enum kb_context {
	KB_CONTEXT_ENVIRONMENT = 0, /**< one program's start-up (Python, Rust, an MCP server) */
	KB_CONTEXT_NODE,            /**< a Node or Electron program (ECONNRESET) */
	KB_CONTEXT_WSL,             /**< WSL's own error codes */
	KB_CONTEXT_COUNT
};

#define KB_MAX_EVIDENCE 8

typedef struct kb_context_hits {
	size_t count;
	const char *evidence[KB_MAX_EVIDENCE]; /**< static sentences, in the requested language */
} kb_context_hits;

/**
 * Add to @p hits the evidence sentence of every signal of @p ctx that the
 * query holds (a word or words in a row, on word boundaries, such as
 * "winerror 10106", "asyncio", "read econnreset").
 * @param folded  the query as ws2fix__explain_fold() gives it
 * @return how many signals were found
 */
size_t ws2fix__explain_context(kb_context_hits *hits, enum kb_context ctx, const char *folded,
	ws2fix_lang lang);

/** Append one sentence to @p hits (ignored when full). */
void ws2fix__explain_evidence(kb_context_hits *hits, const char *sentence);

/* ---- normalisation -------------------------------------------------- */

/**
 * Fold @p in for matching: UTF-8 (a byte that is not valid UTF-8 is read as
 * Windows-1252, or as code page 850 when it stands like a letter inside a
 * word, which is what a Swedish console pipes), case folded, Latin letters with diacritics reduced to
 * their base letter (å ä à → a, ö ø → o, é → e, ß → ss, æ → ae ...), every
 * other character a separator.  The result is lower-case ASCII words
 * separated by single spaces, with no leading or trailing space.
 * @return malloc'd string (caller frees), NULL on allocation failure
 */
char *ws2fix__explain_fold(const char *in);

/**
 * @p in as valid UTF-8: bytes that are not UTF-8 are read as
 * ws2fix__explain_fold() reads them (Windows-1252, or CP850 letters).
 * @return malloc'd string (caller frees), NULL on allocation failure
 */
char *ws2fix__explain_to_utf8(const char *in);

/** One word of a folded string (not NUL-terminated). */
typedef struct kb_token {
	const char *s;
	size_t len;
} kb_token;

/**
 * Split a folded string into words.  A word people write for another
 * ("uttag" for "socket", "tjänsteleverantör" for "tjänstprovider") comes
 * out as the word the messages use, pointing into a static table instead
 * of @p folded, so both a message and a query compare in the same words.
 * @param[out] out  caller frees; NULL when there are none
 * @return number of words, or (size_t)-1 on allocation failure
 */
size_t ws2fix__explain_tokens(kb_token **out, const char *folded);

/**
 * Parse a number as people write error codes: decimal ("10038"), hex
 * ("0x2746", "2746h"), or an HRESULT wrapping a Win32 code ("0x80072746"
 * gives 10038).  Whole token only.
 * @return 1 and *out set, or 0 when it is not a number
 */
int ws2fix__explain_parse_number(long *out, const char *s, size_t len);

/** 1 when the folded word is a filler word ("the", "och") that carries little meaning. */
int ws2fix__explain_is_stopword(const char *s, size_t len);

/** 1 when the folded word is an article ("a", "the", "en", "ett", "den", "det"). */
int ws2fix__explain_is_article(const char *s, size_t len);

/**
 * 1 when the word only introduces a code ("error", "code", "felkod",
 * "kod", "wsa" ...), so that "Felkod: 10107" and "code 24" count as bare codes.
 */
int ws2fix__explain_is_code_word(const char *s, size_t len);

/**
 * Similarity of two folded words, 0..1: 1 equal, less for a prefix or an
 * edit or two (typos, "initialised", "socketen").  Numbers must be equal.
 */
double ws2fix__explain_word_similarity(const char *a, size_t alen, const char *b, size_t blen);

#endif

/* SPDX-License-Identifier: MIT */
/*
 * Text normalisation for `explain`.
 *
 * People retype error messages: without å ä ö ("atgard" for "åtgärd"), in
 * lower case, with or without the quotes and the full stop, broken over
 * lines, or pasted from a console that is not UTF-8.  Everything is folded
 * to lower-case ASCII words so that all of these compare equal.
 */
#include <stdlib.h>
#include <string.h>

#include "explain_internal.h"
#include "../../util/utf.h"

/* U+00C0..U+00FF folded; "" for the two signs in the block (× ÷). */
static const char *const latin1[64] = {
	"a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
	"d", "n", "o", "o", "o", "o", "o", "", "o", "u", "u", "u", "u", "y", "th", "ss",
	"a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
	"d", "n", "o", "o", "o", "o", "o", "", "o", "u", "u", "u", "u", "y", "th", "y"};

/* U+0100..U+017F (Latin Extended-A) folded to one letter each, pairwise upper/lower. */
static const char latin_ext_a[129] =
	"aaaaaa" "cccccccc" "dddd" "eeeeeeeeee" "gggggggg" "hhhh" "iiiiiiiiii" "ii" "jj" "kkk"
	"llllllllll" "nnnnnnn" "nn" "oooooo" "oo" "rrrrrr" "ssssssss" "tttttt" "uuuuuuuuuuuu"
	"ww" "yyy" "zzzzzz" "s";

/* Windows-1252 0x80..0x9F as code points (0 = unassigned), for bytes that
 * are not valid UTF-8: text pasted from an ANSI console or file. */
static const unsigned short cp1252_high[32] = {
	0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
	0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178};

/*
 * CP850 0x80..0x9B: the letters a Swedish console (OEM code page 850) sends
 * down a pipe, as in `ipconfig /renew | ws2fix explain -` (0 = not used).
 * In Windows-1252 the same bytes are punctuation, which almost never
 * stands between two letters, so a byte that does is taken as CP850.
 */
static const unsigned short cp850_high[28] = {
	0x00C7, 0x00FC, 0x00E9, 0x00E2, 0x00E4, 0, 0x00E5, 0x00E7, 0x00EA, 0x00EB, 0x00E8, 0x00EF, 0x00EE, 0x00EC, 0x00C4, 0x00C5,
	0x00C9, 0, 0, 0x00F4, 0x00F6, 0x00F2, 0x00FB, 0x00F9, 0x00FF, 0x00D6, 0x00DC, 0x00F8};

static int ascii_letter(const unsigned char *p, const unsigned char *start, const unsigned char *end)
{
	return p >= start && p < end && ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z'));
}

/* A byte that is not UTF-8: CP850 when it sits like a letter in a word
 * (between letters; Ä Å Ö É å ä before one, as at the start of "Åtgärden"
 * or "är"; å after one, as in "på"), otherwise Windows-1252. */
static unsigned long decode_8bit(const unsigned char *p, const unsigned char *start,
	const unsigned char *end)
{
	unsigned char c = *p;
	if (c >= 0xA0)
		return c; /* Windows-1252 and Latin-1 agree from here */
	if (c <= 0x9B && cp850_high[c - 0x80]) {
		int before = ascii_letter(p - 1, start, end), after = ascii_letter(p + 1, start, end);
		/* Word-initial: the capitals, and å ä as in "åtgärd", "är"
		 * (not ö: 0x94 is also the Swedish opening quote ”). */
		int initial = c == 0x8E || c == 0x8F || c == 0x99 || c == 0x90 || c == 0x86 || c == 0x84;
		if ((before && after) || (after && initial) || (before && c == 0x86))
			return cp850_high[c - 0x80];
	}
	return cp1252_high[c - 0x80];
}

/* Decode one code point at p (up to end); invalid UTF-8 reads one byte
 * with decode_8bit. */
static unsigned long decode(const unsigned char *p, const unsigned char *start,
	const unsigned char *end, size_t *used)
{
	unsigned char c = p[0];
	size_t n = (size_t)(end - p), need = 0;
	unsigned long cp = 0, min = 0;

	if (c < 0x80) {
		*used = 1;
		return c;
	}
	if (c >= 0xC2 && c <= 0xDF) {
		need = 1; cp = c & 0x1Fu; min = 0x80;
	} else if (c >= 0xE0 && c <= 0xEF) {
		need = 2; cp = c & 0x0Fu; min = 0x800;
	} else if (c >= 0xF0 && c <= 0xF4) {
		need = 3; cp = c & 0x07u; min = 0x10000;
	}
	if (need && need < n) {
		size_t i;
		for (i = 1; i <= need; i++) {
			if ((p[i] & 0xC0u) != 0x80u)
				break;
			cp = (cp << 6) | (p[i] & 0x3Fu);
		}
		if (i > need && cp >= min && cp <= 0x10FFFF && !(cp >= 0xD800 && cp <= 0xDFFF)) {
			*used = need + 1;
			return cp;
		}
	}
	*used = 1;
	return decode_8bit(p, start, end);
}

/* Append the folded form of cp (letters and digits only; anything else is a separator). */
static void fold_cp(char *out, size_t *len, int *pending_space, unsigned long cp)
{
	const char *s = NULL;
	char one[2] = {0, 0};

	if ((cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9')) {
		one[0] = (char)cp;
		s = one;
	} else if (cp >= 'A' && cp <= 'Z') {
		one[0] = (char)(cp - 'A' + 'a');
		s = one;
	} else if (cp >= 0xC0 && cp <= 0xFF) {
		s = latin1[cp - 0xC0];
	} else if (cp >= 0x100 && cp <= 0x17F) {
		one[0] = latin_ext_a[cp - 0x100];
		s = one;
	}
	if (!s || !*s) {
		*pending_space = 1;
		return;
	}
	if (*pending_space && *len > 0)
		out[(*len)++] = ' ';
	*pending_space = 0;
	while (*s)
		out[(*len)++] = *s++;
}

char *ws2fix__explain_fold(const char *in)
{
	size_t n = strlen(in);
	/* Each input byte gives at most two output bytes ("ß" is two bytes in
	 * UTF-8 but "æ" read as CP-1252 is one byte giving "ae") plus a space. */
	char *out = malloc(n * 3 + 1);
	size_t len = 0;
	int pending_space = 0;
	const unsigned char *p = (const unsigned char *)in, *end = p + n;

	if (!out)
		return NULL;
	while (p < end) {
		size_t used;
		unsigned long cp = decode(p, (const unsigned char *)in, end, &used);
		fold_cp(out, &len, &pending_space, cp);
		p += used;
	}
	out[len] = '\0';
	return out;
}

char *ws2fix__explain_to_utf8(const char *in)
{
	size_t n = strlen(in);
	/* A byte read as Windows-1252 takes at most three bytes in UTF-8. */
	unsigned char *out = malloc(n * 3 + 1), *o = out;
	const unsigned char *p = (const unsigned char *)in, *end = p + n;

	if (!out)
		return NULL;
	while (p < end) {
		size_t used;
		unsigned long cp = decode(p, (const unsigned char *)in, end, &used);
		if (cp == 0)
			cp = 0xFFFD; /* a Windows-1252 byte with no character */
		if (cp < 0x80) {
			*o++ = (unsigned char)cp;
		} else if (cp < 0x800) {
			*o++ = (unsigned char)(0xC0 | (cp >> 6));
			*o++ = (unsigned char)(0x80 | (cp & 0x3F));
		} else if (cp < 0x10000) {
			*o++ = (unsigned char)(0xE0 | (cp >> 12));
			*o++ = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
			*o++ = (unsigned char)(0x80 | (cp & 0x3F));
		} else {
			*o++ = (unsigned char)(0xF0 | (cp >> 18));
			*o++ = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
			*o++ = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
			*o++ = (unsigned char)(0x80 | (cp & 0x3F));
		}
		p += used;
	}
	*o = '\0';
	return (char *)out;
}

/*
 * Words people write for the same thing, folded to the form the messages
 * use.  Swedish Windows and KB 811259 say "socket" and "tjänstprovider",
 * but people also write the Swedish words "uttag" and "tjänsteleverantör";
 * "drivern" is the loan word for "drivrutinen".  ("nåt" is left alone: it
 * folds like "nät".)  Each form keeps its
 * inflection (definite, plural) so that the word comparison still sees it.
 */
static const struct {
	const char *from, *to;
} synonyms[] = {
	{"uttag", "socket"},
	{"uttaget", "socketen"},
	{"uttagen", "socketarna"},
	{"uttags", "sockets"},
	{"uttagets", "socketens"},
	{"tjanstleverantor", "tjanstprovider"},
	{"tjansteleverantor", "tjanstprovider"},
	{"tjanstleverantoren", "tjanstprovidern"},
	{"tjansteleverantoren", "tjanstprovidern"},
	{"tjansteprovider", "tjanstprovider"},
	{"tjansteprovidern", "tjanstprovidern"},
	{"drivern", "drivrutinen"},
	/* Written Swedish's other "not", and the spoken "something". */
	{"ej", "inte"},
	{"nanting", "nagot"},
};

static void canonical_word(kb_token *t)
{
	for (size_t i = 0; i < sizeof(synonyms) / sizeof(synonyms[0]); i++)
		if (strlen(synonyms[i].from) == t->len && memcmp(synonyms[i].from, t->s, t->len) == 0) {
			t->s = synonyms[i].to;
			t->len = strlen(synonyms[i].to);
			return;
		}
}

size_t ws2fix__explain_tokens(kb_token **out, const char *folded)
{
	size_t count = 0, i = 0;
	const char *p;

	*out = NULL;
	for (p = folded; *p; p++)
		if (*p != ' ' && (p == folded || p[-1] == ' '))
			count++;
	if (count == 0)
		return 0;
	*out = malloc(count * sizeof(**out));
	if (!*out)
		return (size_t)-1;
	for (p = folded; *p;) {
		const char *start;
		while (*p == ' ')
			p++;
		if (!*p)
			break;
		start = p;
		while (*p && *p != ' ')
			p++;
		(*out)[i].s = start;
		(*out)[i].len = (size_t)(p - start);
		canonical_word(&(*out)[i]);
		i++;
	}
	return i;
}

int ws2fix__explain_parse_number(long *out, const char *s, size_t len)
{
	unsigned long v = 0;
	size_t i, start = 0, end = len;
	int hex = 0;

	if (len == 0)
		return 0;
	if (len > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		hex = 1;
		start = 2;
	} else if (len > 1 && (s[len - 1] == 'h' || s[len - 1] == 'H') && ws2fix__hexval(s[0]) >= 0 &&
		   ws2fix__hexval(s[0]) <= 9) {
		/* "2746h", the assembler way; must start with a digit so that words
		 * such as "each" are not numbers. */
		hex = 1;
		end = len - 1;
	}
	if (end - start > (hex ? 8u : 10u))
		return 0;
	for (i = start; i < end; i++) {
		int d = ws2fix__hexval(s[i]);
		if (d < 0 || (!hex && d > 9))
			return 0;
		v = v * (hex ? 16u : 10u) + (unsigned long)d;
	}
	/* An HRESULT with FACILITY_WIN32 (0x8007xxxx) carries a Win32 or Winsock
	 * code in its low 16 bits: 0x80072746 is WSAENOTSOCK. */
	if (hex && (v & 0xFFFF0000ul) == 0x80070000ul)
		v &= 0xFFFFul;
	if (v > 0x7FFFFFFFul)
		return 0;
	*out = (long)v;
	return 1;
}

static int in_list(const char *const *list, const char *s, size_t len)
{
	for (; *list; list++)
		if (strlen(*list) == len && memcmp(*list, s, len) == 0)
			return 1;
	return 0;
}

/* Folded filler words of both languages ("på" is "pa", "är" is "ar"). */
static const char *const stopwords[] = {
	"a", "an", "the", "of", "on", "in", "to", "is", "was", "be", "by", "for", "and", "or",
	"with", "that", "this", "it", "as", "at", "from", "you", "your", "may", "when", "while",
	"are", "have", "has", "i", "my", "me", "following", "receive",
	"en", "ett", "och", "pa", "att", "som", "ar", "av", "den", "det", "de", "for", "nar",
	"du", "till", "med", "har", "kan", "om", "eller", "jag", "min", "mitt", "sig", "sa",
	"vid", "kanske", "foljande", NULL};

int ws2fix__explain_is_stopword(const char *s, size_t len)
{
	return in_list(stopwords, s, len);
}

/* Articles, which people add and drop when they retype a message ("not
 * socket", "inte ett uttag", "the interface"); "den" and "det" also stand
 * where Swedish needs no article ("Det gick inte", "den begärda"). */
static const char *const articles[] = {"a", "an", "the", "en", "ett", "den", "det", NULL};

int ws2fix__explain_is_article(const char *s, size_t len)
{
	return in_list(articles, s, len);
}

static const char *const code_words[] = {
	"error", "errors", "code", "codes", "errorcode", "err", "nr", "no", "number", "num",
	"fel", "felkod", "felkoden", "kod", "koden", "felnummer", "nummer",
	"wsa", "winsock", "socket", "hresult", "status", "win32", "windows", "ras",
	"device", "manager", "enhetshanteraren", "is", "means", "what", "betyder", "vad", NULL};

int ws2fix__explain_is_code_word(const char *s, size_t len)
{
	return in_list(code_words, s, len);
}

static int all_digits(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return len > 0;
}

/* Optimal string alignment distance (Damerau-Levenshtein with adjacent
 * swaps), for words up to 63 letters; larger ones count as far apart. */
static size_t edit_distance(const char *a, size_t alen, const char *b, size_t blen)
{
	size_t rows[3][64];
	size_t *prev2 = rows[0], *prev = rows[1], *cur = rows[2];

	if (alen >= 64 || blen >= 64)
		return 99;
	for (size_t j = 0; j <= blen; j++)
		prev[j] = j;
	for (size_t i = 1; i <= alen; i++) {
		cur[0] = i;
		for (size_t j = 1; j <= blen; j++) {
			size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
			size_t best = prev[j] + 1;
			if (cur[j - 1] + 1 < best)
				best = cur[j - 1] + 1;
			if (prev[j - 1] + cost < best)
				best = prev[j - 1] + cost;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
			    prev2[j - 2] + 1 < best)
				best = prev2[j - 2] + 1;
			cur[j] = best;
		}
		size_t *t = prev2;
		prev2 = prev;
		prev = cur;
		cur = t;
	}
	return prev[blen];
}

double ws2fix__explain_word_similarity(const char *a, size_t alen, const char *b, size_t blen)
{
	size_t shorter = alen < blen ? alen : blen, longer = alen < blen ? blen : alen;

	if (alen == blen && memcmp(a, b, alen) == 0)
		return 1.0;
	/* A code is a code: 10038 is not "almost" 10039. */
	if (all_digits(a, alen) || all_digits(b, blen))
		return 0.0;
	/* Inflections and truncations: "socketen"/"socket", "initialized"/"initialize",
	 * "atgard"/"atgarden"; the shorter word must be most of the longer one. */
	if (shorter >= 4 && memcmp(a, b, shorter) == 0 && shorter * 10 >= longer * 6)
		return 0.8;
	/* Typos: one edit in a word of five letters or more, two from eight.  The
	 * first letter must agree, which keeps unrelated short words apart. */
	if (shorter >= 5 && a[0] == b[0] && longer - shorter <= 2) {
		size_t d = edit_distance(a, alen, b, blen);
		if (d <= 1)
			return 0.75;
		if (d <= 2 && shorter >= 8)
			return 0.6;
	}
	return 0.0;
}

/* SPDX-License-Identifier: MIT */
/*
 * The matcher of `explain`: query in, ranked symptoms out.
 *
 * Candidates are the seed symptoms (kb.c) and every Winsock error of the
 * shared table (../wsa_errors.c) that no symptom already stands for.  Each
 * candidate has phrases: a symptom's seed messages and short forms, plus
 * Windows' own text of its Winsock code when it has one; a Winsock error
 * its English and Swedish text.
 *
 * A candidate scores, 0..1, the best of:
 *  - the code: the query names its number or its WSA name (1 when the
 *    query is nothing but the code and words such as "error" or "felkod");
 *  - a whole phrase inside the query (0.9..1, more when the phrase is most
 *    of the query; short forms 0.8..0.9);
 *  - the query inside a phrase, a partial message (0.55..0.9);
 *  - words in common, weighted by how rare each word is over all phrases
 *    and tolerant of typos and inflections (at most 0.8).
 * Comparison is on folded text (normalize.c), so case, punctuation,
 * quotes, line breaks and diacritics do not matter.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "explain_internal.h"
#include "ws2fix/hijackthis.h"
#include "ws2fix/providers.h"
#include "../errors_internal.h"
#include "../wsa_errors.h"
#include "../../util/buf.h"

/* Limits: people paste whole logs, and the word comparison is quadratic. */
#define MAX_QUERY_BYTES 8192
#define MAX_QUERY_WORDS 400
#define MAX_CODES 16
#define MAX_MATCHES 10
/* Matches below this score are noise; matches far below the best are
 * dropped so that one clear answer is not buried under weak ones. */
#define MIN_SCORE 0.30
#define KEEP_FRACTION 0.6

typedef struct candidate {
	const kb_symptom *sym;          /* NULL for a plain Winsock error */
	const ws2fix_wsa_error_info *wsa; /* its Winsock entry, when the code is one */
	long code;
	double score;
	ws2fix_lang lang;
	int by_text;
	char *extra;   /* what the query's own O10 lines add to the meaning (owned by the result) */
	kb_context_hits evidence; /* why a verdict symptom applies (context.c) */
} candidate;

typedef struct phrase {
	size_t cand;
	ws2fix_lang lang;
	enum kb_phrase_kind kind;
	char *folded;
	kb_token *tok;
	size_t ntok;
	char *squash;  /* the words without spaces and articles, for containment */
	size_t squash_len;
	size_t *bounds; /* squash offsets where words start, then squash_len */
	size_t nsq;     /* words in squash */
} phrase;

typedef struct word_df {
	const char *s;
	size_t len;
	size_t df;
} word_df;

typedef struct matcher {
	candidate *cands;
	size_t ncands;
	phrase *phrases;
	size_t nphrases, capphrases;
	word_df *df;
	size_t ndf;
	int oom;
} matcher;

/* The result with what it owns; the public struct comes first. */
typedef struct result_impl {
	ws2fix_explain_result pub;
	void **owned;
	size_t nowned, capowned;
} result_impl;

/* ---- phrases --------------------------------------------------------- */

/*
 * The words without spaces and without articles, so that containment does
 * not care whether "IP-adress" was typed "IP adress", nor whether "not a
 * socket" was typed "not socket" or "inte en socket" "inte ett uttag".
 * @return the number of words kept (bounds has one more entry), or
 * (size_t)-1 on allocation failure
 */
static size_t squash_words(char **squash, size_t **bounds, size_t *squash_len,
	const kb_token *tok, size_t ntok)
{
	size_t total = 0, n = 0, len = 0;
	for (size_t i = 0; i < ntok; i++)
		total += tok[i].len; /* not the folded length: a synonym may be longer */
	*squash = malloc(total + 1);
	*bounds = malloc((ntok + 1) * sizeof(**bounds));
	if (!*squash || !*bounds)
		return (size_t)-1;
	for (size_t i = 0; i < ntok; i++) {
		if (ws2fix__explain_is_article(tok[i].s, tok[i].len))
			continue;
		(*bounds)[n++] = len;
		memcpy(*squash + len, tok[i].s, tok[i].len);
		len += tok[i].len;
	}
	(*bounds)[n] = len;
	(*squash)[len] = '\0';
	*squash_len = len;
	return n;
}

static void add_phrase(matcher *m, size_t cand, ws2fix_lang lang, enum kb_phrase_kind kind,
	const char *text)
{
	phrase *p;
	size_t ntok;

	if (m->oom || !text || !*text)
		return;
	if (m->nphrases == m->capphrases) {
		size_t cap = m->capphrases ? m->capphrases * 2 : 256;
		phrase *np = realloc(m->phrases, cap * sizeof(*np));
		if (!np) {
			m->oom = 1;
			return;
		}
		m->phrases = np;
		m->capphrases = cap;
	}
	/* Counted at once, so that matcher_free releases whatever was allocated. */
	p = &m->phrases[m->nphrases++];
	memset(p, 0, sizeof(*p));
	p->cand = cand;
	p->lang = lang;
	p->kind = kind;
	p->folded = ws2fix__explain_fold(text);
	if (!p->folded) {
		m->oom = 1;
		return;
	}
	ntok = ws2fix__explain_tokens(&p->tok, p->folded);
	if (ntok == (size_t)-1) {
		m->oom = 1;
		return;
	}
	p->ntok = ntok;
	p->nsq = squash_words(&p->squash, &p->bounds, &p->squash_len, p->tok, p->ntok);
	if (p->nsq == (size_t)-1)
		m->oom = 1;
}

static int cmp_word(const void *a, const void *b)
{
	const kb_token *x = a, *y = b;
	size_t n = x->len < y->len ? x->len : y->len;
	int c = memcmp(x->s, y->s, n);
	if (c)
		return c;
	return x->len < y->len ? -1 : x->len > y->len;
}

/* Document frequency of every word over all phrases, for weighting. */
static void build_df(matcher *m)
{
	size_t total = 0, n = 0;
	kb_token *all;

	for (size_t i = 0; i < m->nphrases; i++)
		total += m->phrases[i].ntok;
	if (total == 0)
		return;
	all = malloc(total * sizeof(*all));
	m->df = malloc(total * sizeof(*m->df));
	if (!all || !m->df) {
		free(all);
		m->oom = 1;
		return;
	}
	for (size_t i = 0; i < m->nphrases; i++) {
		const phrase *p = &m->phrases[i];
		/* Count each word once per phrase. */
		for (size_t j = 0; j < p->ntok; j++) {
			size_t k;
			for (k = 0; k < j; k++)
				if (cmp_word(&p->tok[k], &p->tok[j]) == 0)
					break;
			if (k == j)
				all[n++] = p->tok[j];
		}
	}
	qsort(all, n, sizeof(*all), cmp_word);
	for (size_t i = 0; i < n;) {
		size_t j = i;
		while (j < n && cmp_word(&all[i], &all[j]) == 0)
			j++;
		m->df[m->ndf].s = all[i].s;
		m->df[m->ndf].len = all[i].len;
		m->df[m->ndf].df = j - i;
		m->ndf++;
		i = j;
	}
	free(all);
}

/*
 * ln(x) for x >= 1, to the precision a word weight needs.  Written out
 * because libm is not linked everywhere the library is (and the weights
 * need no more than a few digits): halve down to [1, 2), then the atanh
 * series, which converges fast there.
 */
static double natural_log(double x)
{
	double k = 0.0, y, y2, term, sum = 0.0;
	while (x >= 2.0) {
		x /= 2.0;
		k += 1.0;
	}
	y = (x - 1.0) / (x + 1.0);
	y2 = y * y;
	term = y;
	for (int i = 1; i < 30; i += 2) {
		sum += term / i;
		term *= y2;
	}
	return k * 0.69314718055994531 + 2.0 * sum;
}

static double weight(const matcher *m, const char *s, size_t len)
{
	size_t lo = 0, hi = m->ndf, df = 0;
	kb_token key = {s, len};

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		kb_token t = {m->df[mid].s, m->df[mid].len};
		int c = cmp_word(&key, &t);
		if (c == 0) {
			df = m->df[mid].df;
			break;
		}
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	/* Inverse document frequency: "socket" says less than "inithelperdll". */
	double w = natural_log(1.0 + (double)(m->nphrases + 1) / (double)(df + 1));
	if (ws2fix__explain_is_stopword(s, len))
		w *= 0.15;
	return w;
}

static int build(matcher *m)
{
	size_t nsym, nwsa;
	const kb_symptom *sym = ws2fix__kb_symptoms(&nsym);
	const ws2fix_wsa_error_info *wsa = ws2fix__wsa_error_table(&nwsa);

	m->cands = calloc(nsym + nwsa, sizeof(*m->cands));
	if (!m->cands)
		return -1;
	for (size_t i = 0; i < nsym; i++) {
		candidate *c = &m->cands[m->ncands];
		c->sym = &sym[i];
		c->code = sym[i].error_code;
		c->wsa = c->code >= 0 ? ws2fix__wsa_error_info((int)c->code) : NULL;
		for (const kb_phrase *p = sym[i].phrases; p->text; p++)
			add_phrase(m, m->ncands, p->lang, p->kind, p->text);
		/* The id itself, so that "ws2fix explain not-a-socket" from the
		 * list of other matches finds it. */
		add_phrase(m, m->ncands, WS2FIX_LANG_EN, KB_ALIAS, sym[i].id);
		/* Windows' own wording of the code is the same message. */
		if (c->wsa) {
			for (int l = 0; l < WS2FIX_LANG_COUNT; l++)
				add_phrase(m, m->ncands, (ws2fix_lang)l, KB_SEED, c->wsa->text[l]);
			add_phrase(m, m->ncands, WS2FIX_LANG_EN, KB_ALIAS, c->wsa->name);
		}
		m->ncands++;
	}
	for (size_t i = 0; i < nwsa; i++) {
		size_t k;
		for (k = 0; k < nsym; k++)
			if (sym[k].error_code == wsa[i].code)
				break;
		if (k < nsym)
			continue; /* the symptom stands for it */
		candidate *c = &m->cands[m->ncands];
		c->wsa = &wsa[i];
		c->code = wsa[i].code;
		for (int l = 0; l < WS2FIX_LANG_COUNT; l++)
			add_phrase(m, m->ncands, (ws2fix_lang)l, KB_SEED, wsa[i].text[l]);
		/* The name as text too: "wsa qos receivers" folds like WSA_QOS_RECEIVERS. */
		add_phrase(m, m->ncands, WS2FIX_LANG_EN, KB_ALIAS, wsa[i].name);
		const kb_phrase *al = ws2fix__kb_wsa_aliases(wsa[i].code);
		for (; al && al->text; al++)
			add_phrase(m, m->ncands, al->lang, al->kind, al->text);
		m->ncands++;
	}
	if (!m->oom)
		build_df(m);
	return m->oom ? -1 : 0;
}

static void matcher_free(matcher *m)
{
	for (size_t i = 0; i < m->nphrases; i++) {
		free(m->phrases[i].folded);
		free(m->phrases[i].tok);
		free(m->phrases[i].squash);
		free(m->phrases[i].bounds);
	}
	free(m->phrases);
	free(m->cands);
	free(m->df);
}

/* ---- the query ------------------------------------------------------- */

typedef struct query {
	char *folded;
	kb_token *tok;
	size_t ntok;
	char *squash;
	size_t squash_len;
	size_t *bounds;
	size_t nsq;
	double *w;        /* weight of each word */
	long codes[MAX_CODES];
	size_t ncodes;
	int named[MAX_CODES]; /* code came from a WSA name */
	int only_codes;   /* nothing but codes and words like "error" */
} query;

static void add_code(query *q, long code, int named)
{
	for (size_t i = 0; i < q->ncodes; i++)
		if (q->codes[i] == code) {
			q->named[i] |= named;
			return;
		}
	if (q->ncodes < MAX_CODES) {
		q->named[q->ncodes] = named;
		q->codes[q->ncodes++] = code;
	}
}

static int is_word_char(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

/*
 * Find codes: numbers and Winsock names.  This works on the raw text,
 * not the folded one, because names such as WSA_E_NO_MORE keep their
 * underscores.  Inside a longer message, a number only counts as a code
 * when it is a Winsock code, written in hex, or follows a word such as
 * "code" or "Fel", so that an IP address or a date does not match "code 2".
 */
static void find_codes(query *q, const char *text)
{
	const unsigned char *p = (const unsigned char *)text;
	int only = 1, any = 0, after_code_word = 0;
	long numbers[MAX_CODES];
	int number_ok[MAX_CODES];
	size_t nnumbers = 0;

	while (*p) {
		char word[64];
		size_t len = 0;
		long v;

		if (!is_word_char(*p)) {
			/* Letters outside ASCII are words the code check cannot
			 * place, so the query is more than a code. */
			if (*p >= 0x80)
				only = 0;
			p++;
			continue;
		}
		while (is_word_char(*p)) {
			if (len < sizeof(word) - 1)
				word[len++] = (char)(*p >= 'A' && *p <= 'Z' ? *p - 'A' + 'a' : *p);
			p++;
		}
		word[len] = '\0';
		any = 1;

		const ws2fix_wsa_error_info *info = ws2fix__wsa_error_by_name(word);
		if (!info && len >= 3 && len + 3 < sizeof(word)) {
			/* "ENOTSOCK" and "econnrefused" for WSAENOTSOCK, WSAECONNREFUSED */
			char prefixed[sizeof(word) + 3];
			memcpy(prefixed, "wsa", 3);
			memcpy(prefixed + 3, word, len + 1);
			info = ws2fix__wsa_error_by_name(prefixed);
		}
		if (info) {
			add_code(q, info->code, 1);
			after_code_word = 0;
		} else if (ws2fix__explain_parse_number(&v, word, len)) {
			int hex = len > 2 && word[0] == '0' && word[1] == 'x';
			if (nnumbers < MAX_CODES) {
				numbers[nnumbers] = v;
				number_ok[nnumbers] = after_code_word || hex || (v >= 10004 && v <= 11031);
				nnumbers++;
			}
			after_code_word = 0;
		} else if (ws2fix__explain_is_code_word(word, len)) {
			after_code_word = 1;
		} else {
			only = 0;
			after_code_word = 0;
		}
	}
	q->only_codes = any && only && (nnumbers > 0 || q->ncodes > 0);
	for (size_t i = 0; i < nnumbers; i++)
		if (q->only_codes || number_ok[i])
			add_code(q, numbers[i], 0);
}

static int query_init(query *q, const matcher *m, const char *text)
{
	memset(q, 0, sizeof(*q));
	find_codes(q, text);
	q->folded = ws2fix__explain_fold(text);
	if (!q->folded)
		return -1;
	q->ntok = ws2fix__explain_tokens(&q->tok, q->folded);
	if (q->ntok == (size_t)-1) {
		q->ntok = 0;
		return -1;
	}
	if (q->ntok > MAX_QUERY_WORDS)
		q->ntok = MAX_QUERY_WORDS;
	q->nsq = squash_words(&q->squash, &q->bounds, &q->squash_len, q->tok, q->ntok);
	if (q->nsq == (size_t)-1)
		return -1;
	q->w = malloc((q->ntok + 1) * sizeof(*q->w));
	if (!q->w)
		return -1;
	for (size_t i = 0; i < q->ntok; i++) {
		/* Count a repeated word once. */
		size_t k;
		for (k = 0; k < i; k++)
			if (cmp_word(&q->tok[k], &q->tok[i]) == 0)
				break;
		q->w[i] = k < i ? 0.0 : weight(m, q->tok[i].s, q->tok[i].len);
	}
	return 0;
}

static void query_free(query *q)
{
	free(q->folded);
	free(q->tok);
	free(q->squash);
	free(q->bounds);
	free(q->w);
}

/* ---- scoring --------------------------------------------------------- */

/* bounds[0..n] is ascending: binary search, as a pasted log has hundreds of words. */
static int is_bound(const size_t *bounds, size_t n, size_t off)
{
	size_t lo = 0, hi = n + 1;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (bounds[mid] == off)
			return 1;
		if (bounds[mid] < off)
			lo = mid + 1;
		else
			hi = mid;
	}
	return 0;
}

/* needle inside hay, starting and ending on word boundaries of hay. */
static int contains_at_words(const char *hay, size_t hay_len, const size_t *bounds, size_t nwords,
	const char *needle, size_t needle_len)
{
	if (needle_len == 0 || needle_len > hay_len)
		return 0;
	for (size_t i = 0; i < nwords; i++) {
		size_t off = bounds[i];
		if (off + needle_len > hay_len)
			break;
		if (memcmp(hay + off, needle, needle_len) == 0 &&
		    is_bound(bounds, nwords, off + needle_len))
			return 1;
	}
	return 0;
}

static double best_similarity(const kb_token *t, const kb_token *words, size_t n)
{
	double best = 0.0;
	for (size_t i = 0; i < n && best < 1.0; i++) {
		double s = ws2fix__explain_word_similarity(t->s, t->len, words[i].s, words[i].len);
		if (s > best)
			best = s;
	}
	return best;
}

static int has_content_word(const query *q)
{
	for (size_t i = 0; i < q->ntok; i++)
		if (!ws2fix__explain_is_stopword(q->tok[i].s, q->tok[i].len))
			return 1;
	return 0;
}

static double score_phrase(const matcher *m, const query *q, const phrase *p, int content)
{
	double best = 0.0;

	if (p->ntok == 0 || q->ntok == 0)
		return 0.0;

	/* The whole phrase in the query: the user pasted the message, maybe
	 * with more around it.  Spaces do not count, so "IP-adress",
	 * "IP adress" and "IPadress" are the same. */
	if (contains_at_words(q->squash, q->squash_len, q->bounds, q->nsq, p->squash, p->squash_len)) {
		double share = (double)p->squash_len / (double)q->squash_len;
		best = (p->kind == KB_ALIAS ? 0.8 : 0.9) + 0.1 * share;
	}

	/* The query in the phrase: part of a message. */
	if (best < 0.9 && content && q->squash_len >= 6 &&
	    contains_at_words(p->squash, p->squash_len, p->bounds, p->nsq, q->squash, q->squash_len)) {
		double share = (double)q->squash_len / (double)p->squash_len;
		double s = 0.55 + 0.35 * share;
		if (s > best)
			best = s;
	}

	/* Words in common: retyped messages with typos, words left out or
	 * reordered.  recall = how much of the phrase the query covers,
	 * precision = how much of the query the phrase explains. */
	if (best < 0.8 && content) {
		double have = 0.0, total = 0.0, qhave = 0.0, qtotal = 0.0;
		for (size_t i = 0; i < p->ntok; i++) {
			size_t k;
			for (k = 0; k < i; k++)
				if (cmp_word(&p->tok[k], &p->tok[i]) == 0)
					break;
			if (k < i)
				continue;
			double w = weight(m, p->tok[i].s, p->tok[i].len);
			total += w;
			have += w * best_similarity(&p->tok[i], q->tok, q->ntok);
		}
		for (size_t i = 0; i < q->ntok; i++) {
			if (q->w[i] == 0.0)
				continue;
			qtotal += q->w[i];
			qhave += q->w[i] * best_similarity(&q->tok[i], p->tok, p->ntok);
		}
		if (total > 0.0 && qtotal > 0.0 && have > 0.0) {
			double recall = have / total, precision = qhave / qtotal;
			double s = 0.8 * (0.5 * recall + 0.5 * precision);
			if (p->kind == KB_ALIAS)
				s *= 0.9;
			if (s > best)
				best = s;
		}
	}
	return best;
}

static void score_all(matcher *m, const query *q, ws2fix_lang lang)
{
	int content = has_content_word(q);

	for (size_t i = 0; i < m->ncands; i++) {
		candidate *c = &m->cands[i];
		c->score = 0.0;
		c->lang = lang;
		for (size_t k = 0; k < q->ncodes && c->code >= 0; k++) {
			if (q->codes[k] != c->code)
				continue;
			double s = q->only_codes ? 1.0 : (q->named[k] ? 0.9 : 0.85);
			if (s > c->score)
				c->score = s;
		}
	}
	for (size_t i = 0; i < m->nphrases; i++) {
		const phrase *p = &m->phrases[i];
		candidate *c = &m->cands[p->cand];
		double s = score_phrase(m, q, p, content);
		if (s > c->score) {
			c->score = s;
			/* A message in a language ws2fix does not speak answers
			 * in the output language, as a code does. */
			c->lang = p->kind == KB_FOREIGN ? lang : p->lang;
			c->by_text = 1;
		}
	}
}

/* ---- HijackThis O10 lines ------------------------------------------- */

static void *own(result_impl *r, void *ptr);

/* What the DLL of an O10 line is, in one sentence. */
static void o10_verdict(ws2fix_buf *b, const ws2fix_hjt_o10 *o, ws2fix_lang lang)
{
	if (o->kind == WS2FIX_HJT_O10_CHAIN_GAP) {
		ws2fix__buf_printf(b, ws2fix_msg(MSG_EXPLAIN_O10_GAP, lang), o->gap_index, o->gap_total);
		return;
	}
	if (o->kind == WS2FIX_HJT_O10_HIJACKED) {
		ws2fix__buf_printf(b, ws2fix_msg(MSG_EXPLAIN_O10_HIJACKED, lang), o->name);
		return;
	}
	const ws2fix_known_provider *kp = ws2fix_known_provider_lookup(o->path);
	const char *dll = ws2fix_provider_dll_name(o->path);
	const char *product = kp && kp->product ? kp->product : dll;
	if (o->kind == WS2FIX_HJT_O10_PROVIDER_MISSING)
		ws2fix__buf_printf(b, ws2fix_msg(MSG_EXPLAIN_O10_DLL_MISSING, lang), o->path);
	else if (kp && kp->label == WS2FIX_LABEL_KNOWN_BAD)
		ws2fix__buf_printf(b, ws2fix_msg(MSG_EXPLAIN_O10_DLL_BAD, lang), dll, product);
	else if (kp && kp->microsoft)
		ws2fix__buf_printf(b, ws2fix_msg(MSG_EXPLAIN_O10_DLL_MS, lang), dll, product);
	else if (kp && kp->label == WS2FIX_LABEL_PUP)
		ws2fix__buf_printf(b, ws2fix_msg(MSG_EXPLAIN_O10_DLL_PUP, lang), dll, kp->vendor ? kp->vendor : "?", product);
	else if (kp)
		ws2fix__buf_printf(b, ws2fix_msg(MSG_EXPLAIN_O10_DLL_KNOWN, lang), dll, kp->vendor ? kp->vendor : "?", product);
	else
		ws2fix__buf_printf(b, ws2fix_msg(MSG_EXPLAIN_O10_DLL_UNKNOWN, lang), dll);
}

static candidate *find_symptom(matcher *m, const char *id)
{
	for (size_t i = 0; i < m->ncands; i++)
		if (m->cands[i].sym && !strcmp(m->cands[i].sym->id, id))
			return &m->cands[i];
	return NULL;
}

/*
 * Every O10 line of the query is recognised whole: its form is a symptom
 * (score 1 when the query is that one line, 0.95 inside a longer paste),
 * and the meaning says, line by line, whether the DLL it names is a
 * provider ws2fix knows.  @return 0 or -1 on allocation failure.
 */
static int score_o10(matcher *m, result_impl *r, const char *text, ws2fix_lang lang)
{
	ws2fix_buf extra[WS2FIX_HJT_O10_OTHER];
	size_t lines = 0, o10 = 0, seen = 0;
	int rc = 0;

	memset(extra, 0, sizeof(extra));
	for (const char *p = text; *p;) {
		const char *e = strchr(p, '\n');
		size_t len = e ? (size_t)(e - p) : strlen(p);
		ws2fix_hjt_o10 o;
		int got = ws2fix_hjt_o10_parse(&o, p, len);
		if (got < 0)
			return -1;
		for (size_t k = 0; k < len; k++)
			if (p[k] != ' ' && p[k] != '\t' && p[k] != '\r') {
				lines++;
				break;
			}
		if (got > 0 && o.kind < WS2FIX_HJT_O10_OTHER && seen < 32) {
			ws2fix_buf *b = &extra[o.kind];
			o10++;
			/* One sentence per distinct line (2.0.x repeats a DLL per entry). */
			if (!b->ptr || !strstr(b->ptr, o.text)) {
				seen++;
				ws2fix__buf_printf(b, "%s%s\n  ", b->len ? "\n" : "", o.text);
				o10_verdict(b, &o, lang);
			}
		}
		ws2fix_hjt_o10_clear(&o);
		p += len;
		if (*p == '\n')
			p++;
	}
	for (int k = 0; k < WS2FIX_HJT_O10_OTHER; k++) {
		if (!extra[k].len)
			continue;
		char id[64];
		snprintf(id, sizeof(id), "hijackthis-o10-%s", ws2fix_hjt_o10_kind_name((ws2fix_hjt_o10_kind)k));
		candidate *c = find_symptom(m, id);
		if (!c || ws2fix__buf_oom(&extra[k])) {
			rc = -1;
			continue;
		}
		double s = (lines == 1 && o10 == 1) ? 1.0 : 0.95;
		if (s > c->score) {
			c->score = s;
			c->lang = WS2FIX_LANG_EN;
			c->by_text = 1;
		}
		c->extra = own(r, ws2fix__buf_detach(&extra[k]));
		if (!c->extra)
			rc = -1;
	}
	for (int k = 0; k < WS2FIX_HJT_O10_OTHER; k++)
		ws2fix__buf_free(&extra[k]);
	return rc;
}

/* ---- who printed the error ------------------------------------------ */

static int has_code(const query *q, long code)
{
	for (size_t i = 0; i < q->ncodes; i++)
		if (q->codes[i] == code)
			return 1;
	return 0;
}

static int has_word(const query *q, const char *w)
{
	size_t n = strlen(w);
	for (size_t i = 0; i < q->ntok; i++)
		if (q->tok[i].len == n && memcmp(q->tok[i].s, w, n) == 0)
			return 1;
	return 0;
}

/*
 * A verdict symptom takes the lead: score 1, the code it stands on, and
 * the entries that would blame the catalog for the same code kept below it
 * (listed, never first).
 */
static void lead(matcher *m, candidate *v, long code, double score)
{
	v->code = code;
	v->wsa = code >= 0 ? ws2fix__wsa_error_info((int)code) : NULL;
	if (score > v->score)
		v->score = score;
	v->by_text = 1;
	/* The language of the text that gave the code, as for the entry it outranks. */
	const candidate *best = NULL;
	for (size_t i = 0; i < m->ncands; i++) {
		candidate *c = &m->cands[i];
		if (c == v || c->code != code)
			continue;
		if (!best || c->score > best->score)
			best = c;
	}
	if (best)
		v->lang = best->lang;
	if (score < 1.0)
		return;
	for (size_t i = 0; i < m->ncands; i++) {
		candidate *c = &m->cands[i];
		if (c != v && c->code == code && c->score > 0.9)
			c->score = 0.9;
	}
}

/*
 * The same Winsock code has another cause depending on who printed it
 * (context.c): 10106 or 10107 from one program's start-up is that
 * program's environment, Node's ECONNRESET and WSL's own codes point to a
 * live layered provider.  Without such a sign nothing changes: a plain
 * "10106" or the seeds' ipconfig messages stay catalog damage.
 */
static void score_context(matcher *m, const query *q, ws2fix_lang lang)
{
	candidate *env = find_symptom(m, "program-environment");
	candidate *lsp = find_symptom(m, "layered-provider-in-traffic");
	if (!env || !lsp)
		return;

	/* 10106/10107 by number, name or Windows' text, and a sign of one program. */
	static const long env_codes[] = {10106, 10107};
	for (size_t k = 0; k < sizeof(env_codes) / sizeof(env_codes[0]); k++) {
		const candidate *hit = NULL;
		for (size_t i = 0; i < m->ncands && !hit; i++)
			if (m->cands[i].code == env_codes[k] && m->cands[i].score >= 0.75)
				hit = &m->cands[i];
		if (!hit)
			continue;
		kb_context_hits h;
		memset(&h, 0, sizeof(h));
		ws2fix__explain_evidence(&h, ws2fix_msg(env_codes[k] == 10106 ? MSG_EXPLAIN_EV_10106 : MSG_EXPLAIN_EV_10107, lang));
		if (ws2fix__explain_context(&h, KB_CONTEXT_ENVIRONMENT, q->folded, lang) > 0) {
			env->evidence = h;
			lead(m, env, env_codes[k], 1.0);
			break;
		}
	}

	/* Node's name for 10054: first with a sign of Node, else offered below 10054. */
	if (has_word(q, "econnreset")) {
		kb_context_hits h;
		memset(&h, 0, sizeof(h));
		ws2fix__explain_evidence(&h, ws2fix_msg(MSG_EXPLAIN_EV_ECONNRESET, lang));
		size_t node = ws2fix__explain_context(&h, KB_CONTEXT_NODE, q->folded, lang);
		if (lsp->score < 1.0) {
			lsp->evidence = h;
			lead(m, lsp, 10054, node > 0 ? 1.0 : 0.8);
		}
	}

	/* WSL's own codes: Wsl/Service/0x8007273d (10045), 0x800706f7 (1783). */
	if (has_word(q, "wsl") && (has_code(q, 10045) || has_code(q, 1783))) {
		kb_context_hits h;
		memset(&h, 0, sizeof(h));
		ws2fix__explain_evidence(&h, ws2fix_msg(MSG_EXPLAIN_EV_WSL, lang));
		ws2fix__explain_context(&h, KB_CONTEXT_WSL, q->folded, lang);
		lsp->evidence = h;
		lead(m, lsp, has_code(q, 10045) ? 10045 : 1783, 1.0);
	}
}

/* ---- the result ------------------------------------------------------ */

static void *own(result_impl *r, void *ptr)
{
	if (!ptr)
		return NULL;
	if (r->nowned == r->capowned) {
		size_t cap = r->capowned ? r->capowned * 2 : 32;
		void **n = realloc(r->owned, cap * sizeof(*n));
		if (!n) {
			free(ptr);
			return NULL;
		}
		r->owned = n;
		r->capowned = cap;
	}
	r->owned[r->nowned++] = ptr;
	return ptr;
}

static char *own_printf(result_impl *r, const char *fmt, ...) WS2FIX_PRINTF(2, 3);
static char *own_printf(result_impl *r, const char *fmt, ...)
{
	ws2fix_buf b = WS2FIX_BUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	ws2fix__buf_vprintf(&b, fmt, ap);
	va_end(ap);
	if (ws2fix__buf_oom(&b)) {
		ws2fix__buf_free(&b);
		return NULL;
	}
	return own(r, ws2fix__buf_detach(&b));
}

static int cmp_candidate(const void *a, const void *b)
{
	const candidate *const *x = a, *const *y = b;
	if ((*x)->score != (*y)->score)
		return (*x)->score < (*y)->score ? 1 : -1;
	/* Equal scores keep table order: symptoms before plain codes. */
	return *x < *y ? -1 : *x > *y;
}

static int fill_steps(result_impl *r, ws2fix_explain_match *out, enum kb_remedy remedy,
	ws2fix_lang lang)
{
	size_t n1 = 0, n2 = 0;
	const kb_step *s1 = ws2fix__kb_remedy_steps(remedy, &n1), *s2 = NULL;
	ws2fix_explain_step *steps;

	/* The quick test comes first, then what to do when it fails. */
	if (remedy == KB_REMEDY_QUICK_TEST)
		s2 = ws2fix__kb_remedy_steps(KB_REMEDY_CORRUPTION, &n2);
	steps = own(r, calloc(n1 + n2, sizeof(*steps)));
	if (!steps)
		return -1;
	for (size_t i = 0; i < n1 + n2; i++) {
		const kb_step *k = i < n1 ? &s1[i] : &s2[i - n1];
		steps[i].os = k->os;
		steps[i].os_id = ws2fix_explain_os_id(k->os);
		steps[i].command = k->command;
		if (k->guidance == KB_NO_GUIDANCE) {
			steps[i].text = k->text[lang];
		} else {
			steps[i].text = own_printf(r, "%s\n%s", k->text[lang],
				ws2fix_guidance((ws2fix_guidance_id)k->guidance, lang));
			if (!steps[i].text)
				return -1;
		}
	}
	out->steps = steps;
	out->step_count = n1 + n2;
	return 0;
}

static int fill_match(result_impl *r, ws2fix_explain_match *out, const candidate *c,
	ws2fix_lang lang)
{
	enum kb_remedy remedy;

	out->score = c->score > 1.0 ? 1.0 : c->score;
	/* The candidates go with the matcher: the result keeps its own copy
	 * of the evidence (the sentences themselves are static). */
	out->evidence_count = 0;
	out->evidence = NULL;
	if (c->evidence.count) {
		const char **ev = own(r, malloc(c->evidence.count * sizeof(*ev)));
		if (!ev)
			return -1;
		memcpy(ev, c->evidence.evidence, c->evidence.count * sizeof(*ev));
		out->evidence = ev;
		out->evidence_count = c->evidence.count;
	}
	out->language = c->lang;
	out->by_code = !c->by_text;
	out->error_code = c->code;
	if (c->sym) {
		out->symptom = c->sym->id;
		out->error_name = c->sym->error_name ? c->sym->error_name : (c->wsa ? c->wsa->name : NULL);
		out->winsock_related = c->sym->winsock_related;
		out->message = c->sym->message[lang];
		out->meaning = c->sym->meaning[lang];
		if (c->extra) {
			out->meaning = own_printf(r, "%s\n%s", c->sym->meaning[lang], c->extra);
			if (!out->meaning)
				return -1;
		}
		out->cause = c->sym->cause[lang];
		remedy = c->sym->remedy;
		if (!c->sym->error_name && c->wsa)
			out->error_name = c->wsa->name; /* a verdict's code, set by score_context */
	} else {
		const char *why = ws2fix__kb_wsa_corruption_cause(c->wsa->code, lang);
		out->symptom = own_printf(r, "wsa-%d", c->wsa->code);
		out->error_name = c->wsa->name;
		out->winsock_related = why != NULL;
		out->message = c->wsa->text[lang];
		out->meaning = own_printf(r, ws2fix_msg(MSG_EXPLAIN_WSA_MEANING, lang), c->wsa->code,
			c->wsa->name, c->wsa->text[lang]);
		out->cause = why ? why : ws2fix_msg(MSG_EXPLAIN_WSA_CAUSE, lang);
		remedy = why ? KB_REMEDY_CORRUPTION : KB_REMEDY_GENERIC;
		if (!out->symptom || !out->meaning)
			return -1;
	}
	if (remedy == KB_REMEDY_ENVIRONMENT)
		out->verdict = WS2FIX_EXPLAIN_VERDICT_ENVIRONMENT;
	else if (remedy == KB_REMEDY_LAYERED)
		out->verdict = WS2FIX_EXPLAIN_VERDICT_LAYERED;
	else
		out->verdict = out->winsock_related ? WS2FIX_EXPLAIN_VERDICT_CATALOG : WS2FIX_EXPLAIN_VERDICT_OTHER;
	return fill_steps(r, out, remedy, lang);
}

void ws2fix_explain_result_free(ws2fix_explain_result *result)
{
	result_impl *r = (result_impl *)result;
	if (!r)
		return;
	for (size_t i = 0; i < r->nowned; i++)
		free(r->owned[i]);
	free(r->owned);
	free(r->pub.matches);
	free(r->pub.query);
	free(r);
}

int ws2fix_explain(ws2fix_explain_result **out, const char *text, ws2fix_lang lang)
{
	matcher m;
	query q;
	result_impl *r;
	candidate **ranked = NULL;
	char *limited = NULL;
	size_t n = 0;
	int rc = WS2FIX_ENOMEM;

	if (!out || !text)
		return ws2fix__fail(WS2FIX_EINVALID, WS2FIX_ERRCLASS_INVALID, "explain: no query");
	*out = NULL;
	if ((unsigned)lang >= WS2FIX_LANG_COUNT)
		lang = WS2FIX_LANG_EN;

	memset(&m, 0, sizeof(m));
	memset(&q, 0, sizeof(q));
	r = calloc(1, sizeof(*r));
	if (!r)
		return ws2fix__oom();
	/* Kept as valid UTF-8, since callers print it and put it in JSON. */
	r->pub.query = ws2fix__explain_to_utf8(text);
	if (!r->pub.query)
		goto done;
	{
		size_t len = strlen(r->pub.query);
		if (len > MAX_QUERY_BYTES) {
			len = MAX_QUERY_BYTES;
			/* Do not cut a character in half. */
			while (len > 0 && ((unsigned char)r->pub.query[len] & 0xC0) == 0x80)
				len--;
		}
		limited = malloc(len + 1);
		if (!limited)
			goto done;
		memcpy(limited, r->pub.query, len);
		limited[len] = '\0';
	}

	if (build(&m) < 0 || query_init(&q, &m, limited) < 0)
		goto done;
	score_all(&m, &q, lang);
	if (score_o10(&m, r, r->pub.query, lang) < 0)
		goto done;
	score_context(&m, &q, lang);

	ranked = malloc((m.ncands + 1) * sizeof(*ranked));
	if (!ranked)
		goto done;
	for (size_t i = 0; i < m.ncands; i++)
		if (m.cands[i].score >= MIN_SCORE)
			ranked[n++] = &m.cands[i];
	qsort(ranked, n, sizeof(*ranked), cmp_candidate);
	{
		size_t keep = 0;
		while (keep < n && keep < MAX_MATCHES && ranked[keep]->score >= ranked[0]->score * KEEP_FRACTION)
			keep++;
		n = keep;
	}
	if (n > 0) {
		r->pub.matches = calloc(n, sizeof(*r->pub.matches));
		if (!r->pub.matches)
			goto done;
	}
	for (size_t i = 0; i < n; i++)
		if (fill_match(r, &r->pub.matches[i], ranked[i], lang) < 0)
			goto done;
	r->pub.count = n;
	rc = 0;

done:
	free(ranked);
	free(limited);
	query_free(&q);
	matcher_free(&m);
	if (rc < 0) {
		ws2fix_explain_result_free(&r->pub);
		return ws2fix__oom();
	}
	*out = &r->pub;
	return 0;
}

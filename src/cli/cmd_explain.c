/* SPDX-License-Identifier: MIT */
/*
 * ws2fix explain TEXT|CODE: what an error message or code means, whether a
 * damaged Winsock catalog is a likely cause, and what to do on each
 * Windows version.  The query may be several words (joined with spaces) or
 * "-" to read it from standard input, so that a message can be pasted
 * whole, line breaks and all.
 *
 * Exit codes (docs/EXIT-CODES.md): 0 something matched, 1 nothing did (with the
 * suggestion to run ws2fix diagnose), 2 no query or unreadable input.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cli_options.h"
#include "util/json.h"
#include "util/utf.h"
#include "ws2fix/errors.h"
#include "ws2fix/explain.h"

/* Text people paste is short; a megabyte means the wrong file was piped in. */
#define MAX_STDIN_BYTES (1024u * 1024u)
#define WRAP_WIDTH 79

/* ---- reading the query ----------------------------------------------- */

/* Standard input as UTF-8 (ws2fix_explain_query_from_bytes says how). */
static int read_stdin(char **out)
{
	ws2fix_buf b = WS2FIX_BUF_INIT;
	char chunk[4096];
	size_t n;

	*out = NULL;
	while ((n = fread(chunk, 1, sizeof(chunk), stdin)) > 0) {
		ws2fix__buf_put(&b, chunk, n);
		if (b.len > MAX_STDIN_BYTES)
			break;
	}
	if (ferror(stdin) || ws2fix__buf_oom(&b) || b.len > MAX_STDIN_BYTES) {
		ws2fix__buf_free(&b);
		return -1;
	}
	int rc = ws2fix_explain_query_from_bytes(out, (const unsigned char *)ws2fix__buf_cstr(&b), b.len);
	ws2fix__buf_free(&b);
	return rc < 0 ? -1 : 0;
}

static int blank(const char *s)
{
	for (; *s; s++)
		if (*s != ' ' && *s != '\t' && *s != '\r' && *s != '\n')
			return 0;
	return 1;
}

static int usage_error(cli_ctx *ctx, cli_msgid what, const char *arg)
{
	return cli_usage_error(ctx, CLI_CMD_EXPLAIN, what, arg);
}

/* ---- text output ----------------------------------------------------- */

static size_t utf8_width(const char *s, size_t len)
{
	size_t n = 0;
	for (size_t i = 0; i < len; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			n++;
	return n;
}

static void spaces(ws2fix_buf *b, size_t n)
{
	while (n--)
		ws2fix__buf_putc(b, ' ');
}

/* Length of a list marker such as "1. " or "a. " at s, or 0. */
static size_t marker_len(const char *s)
{
	size_t i = 0;
	while (s[i] >= '0' && s[i] <= '9')
		i++;
	if (i == 0 && s[0] >= 'a' && s[0] <= 'z')
		i = 1;
	if (i > 0 && i < 4 && s[i] == '.' && s[i + 1] == ' ')
		return i + 2;
	return 0;
}

/*
 * Word-wrap @p text to WRAP_WIDTH columns, every line indented by
 * @p indent.  Lines of the text keep their own leading spaces, and list
 * items ("1. ", "a. ") hang, so the guidance step lists stay readable.
 * @p first_col says how much of the first line is already taken (a label).
 */
static void wrap(ws2fix_buf *b, const char *text, size_t indent, size_t first_col)
{
	const char *line = text;
	int first_line = 1;

	while (*line) {
		const char *end = strchr(line, '\n');
		size_t line_len = end ? (size_t)(end - line) : strlen(line);
		size_t lead = 0;
		while (lead < line_len && line[lead] == ' ')
			lead++;
		size_t hang = indent + lead + marker_len(line + lead);
		size_t col;

		if (first_line) {
			col = first_col;
		} else {
			spaces(b, indent + lead);
			col = indent + lead;
		}
		size_t line_start_col = col;
		const char *w = line + lead, *stop = line + line_len;
		while (w < stop) {
			const char *we = w;
			while (we < stop && *we != ' ')
				we++;
			size_t wl = utf8_width(w, (size_t)(we - w));
			if (col > line_start_col && col + 1 + wl > WRAP_WIDTH) {
				ws2fix__buf_putc(b, '\n');
				spaces(b, hang);
				col = hang;
				line_start_col = hang;
			} else if (col > line_start_col) {
				ws2fix__buf_putc(b, ' ');
				col++;
			}
			ws2fix__buf_put(b, w, (size_t)(we - w));
			col += wl;
			w = we;
			while (w < stop && *w == ' ')
				w++;
		}
		ws2fix__buf_putc(b, '\n');
		first_line = 0;
		line = end ? end + 1 : line + line_len;
	}
}

static void heading(ws2fix_buf *b, const cli_ctx *ctx, const char *text)
{
	if (ctx->color)
		ws2fix__buf_printf(b, "\x1b[1m%s\x1b[0m", text);
	else
		ws2fix__buf_puts(b, text);
}

/* "Label: text", wrapped with a hanging indent of four. */
static void field(ws2fix_buf *b, const cli_ctx *ctx, cli_msgid label, const char *text)
{
	const char *l = cli_text(ctx, label);
	ws2fix__buf_printf(b, "%s: ", l);
	wrap(b, text, 4, utf8_width(l, strlen(l)) + 2);
}

static void put_code(ws2fix_buf *b, const ws2fix_explain_match *m)
{
	ws2fix__buf_printf(b, "%ld", m->error_code);
	if (m->error_name)
		ws2fix__buf_printf(b, " (%s)", m->error_name);
}

static void put_score(ws2fix_buf *b, const cli_ctx *ctx, const ws2fix_explain_match *m)
{
	double pct = m->score * 100.0;
	if (m->by_code)
		ws2fix__buf_printf(b, cli_msg(ctx, MSG_EXPLAIN_SCORE_CODE), pct);
	else
		ws2fix__buf_printf(b, cli_msg(ctx, MSG_EXPLAIN_SCORE), pct,
			cli_text(ctx, m->language == WS2FIX_LANG_SV ? MSG_EXPLAIN_LANG_SV : MSG_EXPLAIN_LANG_EN));
}

static void render_best(ws2fix_buf *b, const cli_ctx *ctx, const ws2fix_explain_match *m,
	ws2fix_explain_os os_filter)
{
	int prev_os = -1;

	heading(b, ctx, cli_msg(ctx, MSG_EXPLAIN_BEST_MATCH));
	ws2fix__buf_printf(b, ": %s (", m->symptom);
	put_score(b, ctx, m);
	ws2fix__buf_puts(b, ")\n");

	field(b, ctx, MSG_EXPLAIN_MESSAGE, m->message);
	if (m->error_code != WS2FIX_EXPLAIN_NO_CODE) {
		ws2fix__buf_printf(b, "%s: ", cli_msg(ctx, MSG_EXPLAIN_ERROR_CODE));
		put_code(b, m);
		ws2fix__buf_putc(b, '\n');
	}
	field(b, ctx, MSG_EXPLAIN_MEANING, m->meaning);
	field(b, ctx, MSG_EXPLAIN_CAUSE, m->cause);
	ws2fix__buf_printf(b, "%s: %s\n", cli_msg(ctx, MSG_EXPLAIN_WINSOCK_LIKELY),
		cli_text(ctx, m->winsock_related ? MSG_EXPLAIN_YES : MSG_EXPLAIN_NO));
	/* The cause in words when it is not the catalog's, with what shows it. */
	if (m->verdict == WS2FIX_EXPLAIN_VERDICT_ENVIRONMENT || m->verdict == WS2FIX_EXPLAIN_VERDICT_LAYERED) {
		ws2fix__buf_printf(b, "%s: %s\n", cli_msg(ctx, MSG_EXPLAIN_VERDICT),
			ws2fix_explain_verdict_name(m->verdict, ctx->lang));
		if (m->evidence_count)
			ws2fix__buf_printf(b, "%s:\n", cli_msg(ctx, MSG_EXPLAIN_EVIDENCE));
		for (size_t i = 0; i < m->evidence_count; i++) {
			ws2fix__buf_puts(b, "  - ");
			wrap(b, m->evidence[i], 4, 4);
		}
	}

	if (m->step_count == 0)
		return;
	ws2fix__buf_putc(b, '\n');
	heading(b, ctx, cli_msg(ctx, MSG_EXPLAIN_WHAT_TO_DO));
	ws2fix__buf_puts(b, ":\n");
	for (size_t i = 0; i < m->step_count; i++) {
		const ws2fix_explain_step *s = &m->steps[i];
		if (!ws2fix_explain_step_applies(s, os_filter))
			continue;
		/* One heading per Windows version; its steps follow it. */
		if ((int)s->os != prev_os) {
			prev_os = (int)s->os;
			ws2fix__buf_puts(b, "  ");
			heading(b, ctx, ws2fix_explain_os_name(s->os, ctx->lang));
			ws2fix__buf_puts(b, ":\n");
		}
		spaces(b, 4);
		wrap(b, s->text, 4, 4);
		if (s->command) {
			const char *run = cli_msg(ctx, MSG_EXPLAIN_RUN);
			ws2fix__buf_printf(b, "    %s: %s\n", run, s->command);
		}
	}
}

static void render_text(ws2fix_buf *b, const cli_ctx *ctx, const ws2fix_explain_result *r,
	ws2fix_explain_os os_filter)
{
	render_best(b, ctx, &r->matches[0], os_filter);
	if (r->count < 2)
		return;
	ws2fix__buf_putc(b, '\n');
	heading(b, ctx, cli_msg(ctx, MSG_EXPLAIN_OTHER_MATCHES));
	ws2fix__buf_puts(b, ":\n");
	for (size_t i = 1; i < r->count; i++) {
		const ws2fix_explain_match *m = &r->matches[i];
		ws2fix_buf head = WS2FIX_BUF_INIT;
		ws2fix__buf_printf(&head, "  %s (", m->symptom);
		put_score(&head, ctx, m);
		ws2fix__buf_puts(&head, "): ");
		ws2fix__buf_put(b, ws2fix__buf_cstr(&head), head.len);
		wrap(b, m->message, 6, utf8_width(ws2fix__buf_cstr(&head), head.len));
		ws2fix__buf_free(&head);
	}
	ws2fix__buf_printf(b, "%s\n", cli_msg(ctx, MSG_EXPLAIN_MORE));
}

/* The query as one line, shortened, for the "no match" message. */
static void render_no_match(ws2fix_buf *b, const cli_ctx *ctx, const char *query)
{
	ws2fix_buf q = WS2FIX_BUF_INIT;
	size_t shown = 0;
	for (const char *p = query; *p && shown < 120; p++, shown++)
		ws2fix__buf_putc(&q, (*p == '\n' || *p == '\r' || *p == '\t') ? ' ' : *p);
	/* Never cut a UTF-8 sequence in half. */
	while (q.len > 0 && ((unsigned char)q.ptr[q.len - 1] & 0xC0) == 0x80)
		q.len--;
	if (q.len > 0 && ((unsigned char)q.ptr[q.len - 1] & 0xC0) == 0xC0)
		q.len--;
	if (q.ptr)
		q.ptr[q.len] = '\0';
	ws2fix__buf_printf(b, cli_msg(ctx, MSG_EXPLAIN_NO_MATCH), ws2fix__buf_cstr(&q));
	ws2fix__buf_printf(b, "\n%s\n", cli_msg(ctx, MSG_EXPLAIN_SUGGEST_DIAGNOSE));
	ws2fix__buf_free(&q);
}

/* ---- the command ----------------------------------------------------- */

int cmd_explain(cli_ctx *ctx, const cli_args *a)
{
	ws2fix_buf q = WS2FIX_BUF_INIT;
	char *query = NULL;
	int from_stdin = 0, words = 0;
	ws2fix_explain_os os_filter = WS2FIX_EXPLAIN_OS_ANY; /* every version's steps */

	if (ctx->os && ws2fix_explain_os_parse(&os_filter, ctx->os) < 0)
		return cli_error(ctx, EXIT_USAGE, "EUSAGE", cli_msg(ctx, MSG_EXPLAIN_BAD_OS), ctx->os);

	/* The words of the query (options.def: "-10038" is one, an option
	 * is not); "-" before any "--" reads the text from standard input. */
	for (int i = 0; i < a->nwords; i++) {
		const char *w = a->words[i];
		if ((a->literal_from < 0 || i < a->literal_from) && !strcmp(w, "-")) {
			from_stdin = 1;
			continue;
		}
		if (words++)
			ws2fix__buf_putc(&q, ' ');
		ws2fix__buf_puts(&q, w);
	}
	if (from_stdin && words > 0) {
		ws2fix__buf_free(&q);
		return usage_error(ctx, MSG_ERR_TOO_MANY_ARGS, "-");
	}
	if (from_stdin) {
		if (read_stdin(&query) < 0)
			return cli_error(ctx, EXIT_USAGE, "EINPUT", "%s", cli_msg(ctx, MSG_EXPLAIN_STDIN_FAILED));
	} else {
		if (ws2fix__buf_oom(&q)) {
			ws2fix__buf_free(&q);
			return cli_oom(ctx, EXIT_USAGE);
		}
		query = ws2fix__buf_detach(&q);
	}
	if (!query || blank(query)) {
		free(query);
		return usage_error(ctx, MSG_EXPLAIN_NO_QUERY, NULL);
	}

	ws2fix_explain_result *r = NULL;
	int rc = ws2fix_explain(&r, query, ctx->lang);
	free(query);
	if (rc < 0)
		return cli_error(ctx, EXIT_USAGE, ws2fix_code_name(rc), "%s", ws2fix_error_last()->message);

	ws2fix_buf out = WS2FIX_BUF_INIT;
	if (ctx->json) {
		char *doc = NULL;
		if (ws2fix_explain_result_json(&doc, r, os_filter) == 0)
			ws2fix__buf_puts(&out, doc);
		else
			out.oom = 1;
		free(doc);
	} else if (r->count > 0)
		render_text(&out, ctx, r, os_filter);
	else
		render_no_match(&out, ctx, r->query);
	int exit_code = r->count > 0 ? EXIT_OK : EXIT_PROBLEMS;
	if (ws2fix__buf_oom(&out))
		exit_code = cli_oom(ctx, EXIT_USAGE);
	else
		cli_emit(ctx, &out);
	ws2fix__buf_free(&out);
	ws2fix_explain_result_free(r);
	return exit_code;
}

/* SPDX-License-Identifier: MIT */
/*
 * ws2fix batch: diagnose many offline hives (or .reg exports), paths one per
 * line from FILE or stdin, on -j threads.  JSON Lines on stdout in input
 * order, one `diagnose --json` document per input with its source.path;
 * a progress line on stderr when it is a terminal.  Exit 2 if any input
 * could not be read, else 1 if any has an error finding, else 0.
 */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cli_options.h"
#include "cli_source.h"
#include "term.h"
#include "util/json.h"
#include "workers.h"
#include "ws2fix/files.h"
#include "ws2fix/errors.h"

typedef struct item {
	char *path;
	char *line;   /* the JSON line, once done */
	int status;   /* exit status of this input */
	int done;
} item;

typedef struct batch {
	cli_ctx *ctx;
	item *items;
	size_t count, printed, finished;
	int progress;
} batch;

static char *error_line(const char *path, const char *code, const char *message)
{
	ws2fix_buf b = WS2FIX_BUF_INIT;
	ws2fix_json j;
	ws2fix__json_init(&j, &b, 0);
	ws2fix__json_object_begin(&j);
	ws2fix__json_kv_string(&j, "tool", "ws2fix");
	ws2fix__json_kv_string(&j, "version", WS2FIX_VERSION_STRING);
	ws2fix__json_key(&j, "source");
	ws2fix__json_object_begin(&j);
	ws2fix__json_kv_string(&j, "path", path);
	ws2fix__json_object_end(&j);
	ws2fix__json_key(&j, "error");
	ws2fix__json_object_begin(&j);
	ws2fix__json_kv_string(&j, "code", code);
	ws2fix__json_kv_string(&j, "message", message);
	ws2fix__json_object_end(&j);
	ws2fix__json_object_end(&j);
	ws2fix__buf_putc(&b, '\n');
	return ws2fix__buf_detach(&b);
}

static void run_one(void *payload, size_t index)
{
	batch *bt = payload;
	item *it = &bt->items[index];
	cli_ctx c = *bt->ctx;
	c.quiet = 1; /* errors become JSON lines, not stderr text */
	c.json = 1;
	c.source_path = it->path;
	c.source_count = 1;
	/* What each input is, by its content as the single-file options tell
	 * (never by its name); what is none of them is read as a hive, whose
	 * check says in one line what it is instead (a log, SYSTEM.DAT). */
	c.source = ws2fix_source_detect_file(it->path);
	if (c.source == WS2FIX_SOURCE_NONE)
		c.source = WS2FIX_SOURCE_HIVE;
	ws2fix_error_clear();
	cli_source src;
	if (cli_source_open(&c, &src, CLI_SOURCE_PROBE | (ws2fix_source_kind_is_partial(c.source) ? CLI_SOURCE_NETSH_OK : 0)) != 0) {
		const ws2fix_error *e = ws2fix_error_last();
		it->line = error_line(it->path, "EINPUT", e->message[0] ? e->message : "cannot read the source");
		it->status = EXIT_USAGE;
	} else {
		ws2fix_diagnosis *d = NULL;
		char *doc = NULL;
		if (ws2fix_session_diagnose(&d, src.session) < 0 ||
		    ws2fix_session_diagnose_json(&doc, src.session, d, 0) < 0) {
			it->line = error_line(it->path, "EDIAGNOSE", ws2fix_error_last()->message);
			it->status = EXIT_USAGE;
		} else {
			it->line = doc;
			it->status = ws2fix_diagnosis_exit_code(d) ? EXIT_PROBLEMS : EXIT_OK;
		}
		ws2fix_diagnosis_free(d);
		cli_source_close(&src);
	}
	/* Print in input order: whatever is ready from the front. */
	cli_workers_lock();
	it->done = 1;
	bt->finished++;
	while (bt->printed < bt->count && bt->items[bt->printed].done) {
		item *p = &bt->items[bt->printed++];
		if (p->line && !bt->ctx->quiet)
			fputs(p->line, bt->ctx->out);
		/* Printed: a worker's memory is its own input's, not the run's. */
		free(p->line);
		p->line = NULL;
	}
	fflush(bt->ctx->out);
	if (bt->progress) {
		fprintf(bt->ctx->err, "\r[%zu/%zu] %-60.60s", bt->finished, bt->count, it->path);
		if (bt->finished == bt->count)
			fputc('\n', bt->ctx->err);
		fflush(bt->ctx->err);
	}
	cli_workers_unlock();
}

/* One path per line; blank lines and # comments skipped; CRLF tolerated. */
static int read_list(cli_ctx *ctx, batch *bt, const char *file)
{
	unsigned char *data = NULL;
	size_t len = 0;
	if (file && strcmp(file, "-") != 0) {
		int rc = ws2fix_file_read(&data, &len, file, 64u << 20);
		if (rc < 0)
			return cli_error(ctx, EXIT_USAGE, ws2fix_code_name(rc), cli_msg(ctx, MSG_BATCH_CANNOT_READ_LIST), file,
				ws2fix_error_last()->message);
	} else {
		ws2fix_buf b = WS2FIX_BUF_INIT;
		char chunk[4096];
		size_t n;
		while ((n = fread(chunk, 1, sizeof(chunk), stdin)) > 0)
			ws2fix__buf_put(&b, chunk, n);
		len = b.len;
		data = (unsigned char *)ws2fix__buf_detach(&b);
		if (!data)
			return cli_oom(ctx, EXIT_USAGE);
	}
	size_t cap = 0;
	char *s = (char *)data, *end = s + len;
	while (s < end) {
		char *nl = memchr(s, '\n', (size_t)(end - s));
		char *e = nl ? nl : end;
		char *t = e;
		while (t > s && (t[-1] == '\r' || t[-1] == ' ' || t[-1] == '\t'))
			t--;
		while (s < t && (*s == ' ' || *s == '\t'))
			s++;
		if (t > s && *s != '#') {
			if (bt->count == cap) {
				cap = cap ? cap * 2 : 64;
				item *ni = realloc(bt->items, cap * sizeof(item));
				if (!ni) {
					free(data);
					return cli_oom(ctx, EXIT_USAGE);
				}
				bt->items = ni;
			}
			item *it = &bt->items[bt->count++];
			memset(it, 0, sizeof(*it));
			it->path = malloc((size_t)(t - s) + 1);
			if (!it->path) {
				free(data);
				return cli_oom(ctx, EXIT_USAGE);
			}
			memcpy(it->path, s, (size_t)(t - s));
			it->path[t - s] = '\0';
		}
		s = nl ? nl + 1 : end;
	}
	free(data);
	if (!bt->count)
		return cli_error(ctx, EXIT_USAGE, "EUSAGE", "%s", cli_msg(ctx, MSG_BATCH_EMPTY));
	return 0;
}

int cmd_batch(cli_ctx *ctx, const cli_args *a)
{
	int threads = 1;
	const char *file = a->opt[CLI_O_BATCH_LIST];
	const char *v = a->opt[CLI_O_BATCH_JOBS];
	if (v) {
		char *endp = NULL;
		long n = strtol(v, &endp, 10);
		if (!*v || *endp || n < 1 || n > 64)
			return cli_error(ctx, EXIT_USAGE, "EUSAGE", "%s", cli_msg(ctx, MSG_BATCH_BAD_J));
		threads = (int)n;
	}
	batch bt;
	memset(&bt, 0, sizeof(bt));
	bt.ctx = ctx;
	int rc = read_list(ctx, &bt, file);
	if (rc == 0) {
		bt.progress = !ctx->quiet && cli_is_color_terminal(ctx->err);
		cli_run_workers(threads, bt.count, run_one, &bt);
		int any_bad = 0, any_problem = 0;
		for (size_t i = 0; i < bt.count; i++) {
			any_bad |= bt.items[i].status == EXIT_USAGE;
			any_problem |= bt.items[i].status == EXIT_PROBLEMS;
		}
		rc = any_bad ? EXIT_USAGE : (any_problem ? EXIT_PROBLEMS : EXIT_OK);
	}
	for (size_t i = 0; i < bt.count; i++) {
		free(bt.items[i].path);
		free(bt.items[i].line);
	}
	free(bt.items);
	return rc;
}

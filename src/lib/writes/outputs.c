/* SPDX-License-Identifier: MIT */
/*
 * Outputs never touch inputs (include/ws2fix/outputs.h).  An input is
 * remembered twice: by the identity of the file (so any other name of it,
 * a hard link, a symbolic link, a path through "..", is known) and by its
 * folder's identity and its name (so a file that does not exist yet, such
 * as a hive's .LOG1, is protected before it is made).
 */
#include "ws2fix/outputs.h"

#include <stdlib.h>
#include <string.h>

#include "../errors_internal.h"
#include "../platform.h"
#include "../platform_dir.h"
#include "../platform_fileid.h"
#include "../../util/buf.h"
#include "../../util/utf.h"
#include "ws2fix/dllprobe.h"
#include "ws2fix/errors.h"

typedef enum match {
	MATCH_NAME,       /* the name itself (case as the platform compares names) */
	MATCH_NAME_CI,    /* the name, any case (a hive's logs) */
	MATCH_KEPT,       /* NAME.*.ws2fix-*.bak, any case: originals kept beside NAME */
	MATCH_FOLDER      /* any name in the folder */
} match;

typedef struct entry {
	int has_id, has_dir;
	ws2fix_file_id id, dir;
	char *name;
	char *claimed;   /* an output: the path as it was claimed */
	match how;
	ws2fix_output_refusal why;
} entry;

struct ws2fix_outputs {
	entry *items;
	size_t count, cap;
};

int ws2fix_outputs_new(ws2fix_outputs **out)
{
	*out = calloc(1, sizeof(**out));
	return *out ? 0 : ws2fix__oom();
}

void ws2fix_outputs_free(ws2fix_outputs *g)
{
	if (!g)
		return;
	for (size_t i = 0; i < g->count; i++) {
		free(g->items[i].name);
		free(g->items[i].claimed);
	}
	free(g->items);
	free(g);
}

/* The folder part of @p path ("." when there is none) and where its last
 * component starts. */
static char *folder_of(const char *path, const char **name)
{
	*name = ws2fix__path_base(path);
	size_t cut = (size_t)(*name - path);
	if (!cut)
		return ws2fix__strdup(".");
	/* "/x" has the root as its folder; "C:\x" keeps its separator too. */
	size_t keep = cut > 1 && !(cut == 3 && path[1] == ':') ? cut - 1 : cut;
	char *dir = malloc(keep + 1);
	if (dir) {
		memcpy(dir, path, keep);
		dir[keep] = '\0';
	}
	return dir;
}

static int add(ws2fix_outputs *g, const entry *e)
{
	if (g->count == g->cap) {
		size_t cap = g->cap ? 2 * g->cap : 8;
		entry *p = realloc(g->items, cap * sizeof(*p));
		if (!p)
			return ws2fix__oom();
		g->items = p;
		g->cap = cap;
	}
	g->items[g->count++] = *e;
	return 0;
}

/* One entry for @p path: its identity when it exists, and its folder and
 * @p name (which may differ from the path's last component). */
static int remember(ws2fix_outputs *g, const char *path, const char *name, match how, ws2fix_output_refusal why)
{
	entry e;
	memset(&e, 0, sizeof(e));
	e.how = how;
	e.why = why;
	const char *last;
	char *dir = folder_of(path, &last);
	if (!dir)
		return ws2fix__oom();
	e.has_dir = ws2fix__file_id(dir, &e.dir, NULL) == WS2FIX_FILE_DIRECTORY;
	free(dir);
	if (how == MATCH_NAME)
		e.has_id = ws2fix__file_id(path, &e.id, NULL) != WS2FIX_FILE_NONE;
	if (!(e.name = ws2fix__strdup(name ? name : last)))
		return ws2fix__oom();
	int rc = add(g, &e);
	if (rc < 0)
		free(e.name);
	return rc;
}

static const char *const log_suffix[] = {".LOG", ".LOG1", ".LOG2"};

/* A hive's logs: by name in its folder (made or not), and by identity
 * where they exist under any case. */
static int protect_logs(ws2fix_outputs *g, const char *path)
{
	const char *last;
	char *dir = folder_of(path, &last);
	if (!dir)
		return ws2fix__oom();
	int rc = 0;
	for (size_t i = 0; rc == 0 && i < sizeof(log_suffix) / sizeof(log_suffix[0]); i++) {
		ws2fix_buf name = WS2FIX_BUF_INIT;
		ws2fix__buf_printf(&name, "%s%s", last, log_suffix[i]);
		rc = ws2fix__buf_oom(&name) ? ws2fix__oom()
					    : remember(g, path, ws2fix__buf_cstr(&name), MATCH_NAME_CI, WS2FIX_OUTPUT_IS_LOG);
		char *found = NULL;
		if (rc == 0 && ws2fix__dir_find_ci(&found, dir, ws2fix__buf_cstr(&name)) > 0) {
			ws2fix_buf full = WS2FIX_BUF_INIT;
			ws2fix__buf_printf(&full, "%s%s%s", dir, WS2FIX_DIRSEP_STR, found);
			if (!ws2fix__buf_oom(&full))
				rc = remember(g, ws2fix__buf_cstr(&full), NULL, MATCH_NAME, WS2FIX_OUTPUT_IS_LOG);
			ws2fix__buf_free(&full);
		}
		free(found);
		ws2fix__buf_free(&name);
	}
	free(dir);
	ws2fix_error_clear();
	return rc;
}

int ws2fix_outputs_protect(ws2fix_outputs *g, const char *path, int what)
{
	if (!path || !*path)
		return 0;
	int rc = remember(g, path, NULL, MATCH_NAME, WS2FIX_OUTPUT_IS_INPUT);
	/* Every file source may have originals kept beside it by an earlier
	 * write (ws2fix_backup_kept_path): copies nobody else has. */
	if (rc == 0)
		rc = remember(g, path, NULL, MATCH_KEPT, WS2FIX_OUTPUT_IS_KEPT);
	if (rc == 0 && what == WS2FIX_PROTECT_HIVE)
		rc = protect_logs(g, path);
	return rc;
}

int ws2fix_outputs_protect_windows_root(ws2fix_outputs *g, const char *root)
{
	if (!root || !*root)
		return 0;
	char *sys = NULL, *cfg = NULL;
	int rc = 0;
	if (ws2fix__dir_find_ci(&sys, root, "System32") == WS2FIX_DIRENT_DIR) {
		ws2fix_buf p = WS2FIX_BUF_INIT;
		ws2fix__buf_printf(&p, "%s%s%s", root, WS2FIX_DIRSEP_STR, sys);
		if (!ws2fix__buf_oom(&p) && ws2fix__dir_find_ci(&cfg, ws2fix__buf_cstr(&p), "config") == WS2FIX_DIRENT_DIR) {
			/* "config/." names the folder itself, for remember()'s
			 * folder part. */
			ws2fix__buf_printf(&p, "%s%s%s.", WS2FIX_DIRSEP_STR, cfg, WS2FIX_DIRSEP_STR);
			if (!ws2fix__buf_oom(&p))
				rc = remember(g, ws2fix__buf_cstr(&p), "", MATCH_FOLDER, WS2FIX_OUTPUT_IN_CONFIG);
		}
		ws2fix__buf_free(&p);
	}
	free(sys);
	free(cfg);
	ws2fix_error_clear();
	return rc;
}

int ws2fix_outputs_protect_registry(ws2fix_outputs *g, ws2fix_registry *reg)
{
	if (!reg || ws2fix_registry_has(reg, WS2FIX_CAP_LIVE))
		return 0;
	const char *path = ws2fix_registry_path(reg);
	int hive = ws2fix_registry_has(reg, WS2FIX_CAP_HIVE_FILE);
	int rc = ws2fix_outputs_protect(g, path, hive ? WS2FIX_PROTECT_HIVE : WS2FIX_PROTECT_FILE);
	char *root = NULL;
	/* A hive in its Windows directory: the other hives beside it too. */
	if (rc == 0 && hive && ws2fix_windows_root_from_hive(&root, path) == 0)
		rc = ws2fix_outputs_protect_windows_root(g, root);
	free(root);
	ws2fix_error_clear();
	return rc;
}

static int names_equal(const char *a, const char *b, match how)
{
	if (WS2FIX_NAMES_IGNORE_CASE || how != MATCH_NAME)
		return ws2fix__name_equal_ci(a, b);
	return strcmp(a, b) == 0;
}

/* NAME.<anything>.ws2fix-<anything>.bak, any case. */
static int is_kept_name(const char *name, const char *input)
{
	size_t n = strlen(input), l = strlen(name);
	if (l <= n + 1 || name[n] != '.')
		return 0;
	char *head = ws2fix__strdup(name);
	if (!head)
		return 0;
	head[n] = '\0';
	int same = ws2fix__name_equal_ci(head, input);
	free(head);
	if (!same || l < 4 || !ws2fix__name_equal_ci(name + l - 4, ".bak"))
		return 0;
	for (const char *p = name + n; *p; p++)
		if (!strncmp(p, ".ws2fix-", 8) || !strncmp(p, ".WS2FIX-", 8))
			return 1;
	return 0;
}

static ws2fix_output_refusal against(const ws2fix_outputs *g, int exists, const ws2fix_file_id *id,
	const ws2fix_file_id *dir, const char *name)
{
	for (size_t i = 0; i < g->count; i++) {
		const entry *e = &g->items[i];
		if (exists && e->has_id && ws2fix__file_id_same(&e->id, id))
			return e->why;
		if (!e->has_dir || !ws2fix__file_id_same(&e->dir, dir))
			continue;
		switch (e->how) {
		case MATCH_FOLDER:
			return e->why;
		case MATCH_KEPT:
			if (is_kept_name(name, e->name))
				return e->why;
			break;
		default:
			if (names_equal(name, e->name, e->how))
				return e->why;
			break;
		}
	}
	return WS2FIX_OUTPUT_OK;
}

/* 1 when @p name ends in @p ext, any case. */
static int ends_ci(const char *name, const char *ext)
{
	size_t n = strlen(name), e = strlen(ext);
	return n > e && ws2fix__name_equal_ci(name + n - e, ext);
}

/* An existing file that is registry data of any source, whatever --force
 * says: a hive or a log (their base block starts with "regf", msuhanov/regf
 * "Base block", offset 0), a log by its name (an emptied .LOG has no
 * header), or an original ws2fix kept beside some input. */
static int is_registry_file(const char *path, const char *name)
{
	if (ends_ci(name, ".LOG") || ends_ci(name, ".LOG1") || ends_ci(name, ".LOG2"))
		return 1;
	if (ends_ci(name, ".bak") && (strstr(name, ".ws2fix-") || strstr(name, ".WS2FIX-")))
		return 1;
	const unsigned char *data = NULL;
	size_t len = 0;
	if (ws2fix__map_file(&data, &len, path, (size_t)-1) < 0) {
		ws2fix_error_clear();
		return 0;
	}
	int regf = len >= 4 && !memcmp(data, "regf", 4);
	ws2fix__unmap_file(data, len);
	return regf;
}

ws2fix_output_refusal ws2fix_outputs_claim(ws2fix_outputs *g, const char *path, int force)
{
	if (!path || !*path)
		return WS2FIX_OUTPUT_EMPTY;
	ws2fix_file_id id, dir;
	int link = 0;
	ws2fix_file_kind kind = ws2fix__file_id(path, &id, &link);
	if (kind == WS2FIX_FILE_DIRECTORY || kind == WS2FIX_FILE_OTHER)
		return WS2FIX_OUTPUT_IS_FOLDER;
	const char *name;
	char *folder = folder_of(path, &name);
	if (!folder)
		return WS2FIX_OUTPUT_NO_FOLDER;
	ws2fix_file_kind fk = ws2fix__file_id(folder, &dir, NULL);
	free(folder);
	if (!*name || !strcmp(name, ".") || !strcmp(name, ".."))
		return WS2FIX_OUTPUT_IS_FOLDER;
	if (fk != WS2FIX_FILE_DIRECTORY)
		return WS2FIX_OUTPUT_NO_FOLDER;
	/* The same path claimed again is the same output (a front end checks
	 * early, the run that writes checks again); another name of it is not. */
	for (size_t i = 0; i < g->count; i++)
		if (g->items[i].claimed && !strcmp(g->items[i].claimed, path))
			return WS2FIX_OUTPUT_OK;
	ws2fix_output_refusal r = against(g, kind == WS2FIX_FILE_REGULAR, &id, &dir, name);
	if (r != WS2FIX_OUTPUT_OK)
		return r;
	if (kind == WS2FIX_FILE_REGULAR && is_registry_file(path, name))
		return WS2FIX_OUTPUT_IS_REGISTRY;
	if ((kind == WS2FIX_FILE_REGULAR || link) && !force)
		return WS2FIX_OUTPUT_EXISTS;
	if (remember(g, path, NULL, MATCH_NAME, WS2FIX_OUTPUT_IS_OTHER) < 0 ||
	    !(g->items[g->count - 1].claimed = ws2fix__strdup(path))) {
		ws2fix_error_clear();
		return WS2FIX_OUTPUT_NO_FOLDER;
	}
	return WS2FIX_OUTPUT_OK;
}

void ws2fix_outputs_release(ws2fix_outputs *g, const char *path)
{
	const char *name;
	char *folder = path ? folder_of(path, &name) : NULL;
	if (!folder)
		return;
	ws2fix_file_id dir;
	int has_dir = ws2fix__file_id(folder, &dir, NULL) == WS2FIX_FILE_DIRECTORY;
	free(folder);
	for (size_t i = g->count; has_dir && i-- > 0;) {
		entry *e = &g->items[i];
		if (e->why == WS2FIX_OUTPUT_IS_OTHER && e->has_dir && ws2fix__file_id_same(&e->dir, &dir) &&
		    names_equal(name, e->name, MATCH_NAME)) {
			free(e->name);
			free(e->claimed);
			g->items[i] = g->items[--g->count];
			return;
		}
	}
}

char *ws2fix_output_refusal_text(ws2fix_output_refusal r, const char *path, ws2fix_lang lang)
{
	ws2fix_msgid id;
	switch (r) {
	case WS2FIX_OUTPUT_IS_INPUT: id = MSG_OUT_IS_INPUT; break;
	case WS2FIX_OUTPUT_IS_LOG: id = MSG_OUT_IS_LOG; break;
	case WS2FIX_OUTPUT_IN_CONFIG: id = MSG_OUT_IN_CONFIG; break;
	case WS2FIX_OUTPUT_IS_KEPT: id = MSG_OUT_IS_KEPT; break;
	case WS2FIX_OUTPUT_IS_OTHER: id = MSG_OUT_IS_OTHER; break;
	case WS2FIX_OUTPUT_EXISTS: id = MSG_OUT_EXISTS; break;
	case WS2FIX_OUTPUT_IS_REGISTRY: id = MSG_OUT_IS_REGISTRY; break;
	case WS2FIX_OUTPUT_NOT_REG: id = MSG_OUT_NOT_REG; break;
	case WS2FIX_OUTPUT_IS_FOLDER: id = MSG_OUT_IS_FOLDER; break;
	case WS2FIX_OUTPUT_NO_FOLDER: id = MSG_OUT_NO_FOLDER; break;
	default: id = MSG_OUT_EMPTY; break;
	}
	/* Each of them takes the path once (tests/arch/test_message_tables.py
	 * holds the Swedish texts to the same conversions). */
	ws2fix_buf b = WS2FIX_BUF_INIT;
	ws2fix__buf_printf(&b, ws2fix_msg(id, lang), path ? path : "");
	return ws2fix__buf_detach(&b);
}

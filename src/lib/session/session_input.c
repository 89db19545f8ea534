/* SPDX-License-Identifier: MIT */
/*
 * The wrong kind of file for a source option, said in one line before
 * its reader tries (and fails with a message about its own format): a
 * folder, a .reg export given to --hive, a hive given to --reg, and so on.
 * What the file is comes from ws2fix_source_detect, the same detection the
 * web page uses, so the advice and the readers never disagree.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../errors_internal.h"
#include "../platform.h"
#include "../platform_fileid.h"
#include "session_internal.h"
#include "ws2fix/errors.h"

/* Enough of a file to tell what it is. */
#define SNIFF_BYTES 65536

/* The first SNIFF_BYTES of @p path (caller frees), or NULL. */
static unsigned char *sniff(const char *path, size_t *n)
{
	*n = 0;
	FILE *f = ws2fix__fopen(path, "rb");
	if (!f)
		return NULL;
	unsigned char *head = malloc(SNIFF_BYTES);
	*n = head ? fread(head, 1, SNIFF_BYTES, f) : 0;
	fclose(f);
	return head;
}

ws2fix_source_kind ws2fix_source_detect_file(const char *path)
{
	size_t n = 0;
	unsigned char *head = sniff(path, &n);
	ws2fix_source_kind is = n ? ws2fix_source_detect(head, n) : WS2FIX_SOURCE_NONE;
	free(head);
	return is;
}

/* A registry file that is no source at all, whatever the option: a hive's
 * transaction log (the base block's file type, msuhanov/regf "Base block",
 * offset 28: 1, 2 or 6 for a log, 0 for the hive itself) and Windows 9x's
 * SYSTEM.DAT (signature "CREG", libcreg's "Windows 9x/Me Registry File
 * (CREG) format").  0 when it is neither. */
static int refuse_registry_file(const ws2fix_session_options *o, const char *option, const unsigned char *head,
	size_t n)
{
	if (n >= 32 && !memcmp(head, "regf", 4)) {
		uint32_t type = (uint32_t)head[28] | (uint32_t)head[29] << 8 | (uint32_t)head[30] << 16 |
				(uint32_t)head[31] << 24;
		if (type == 1 || type == 2 || type == 6)
			return ws2fix__fail(WS2FIX_ECORRUPT, WS2FIX_ERRCLASS_INVALID, ws2fix_msg(MSG_IN_HIVE_LOG, o->lang),
				o->path, option);
	}
	if (n >= 4 && !memcmp(head, "CREG", 4))
		return ws2fix__fail(WS2FIX_ECORRUPT, WS2FIX_ERRCLASS_INVALID, ws2fix_msg(MSG_IN_WIN9X, o->lang), o->path);
	return 0;
}

/* HijackThis O10 lines without the log's header: not a log, but explain
 * judges the lines (docs/cli/explain.md). */
static int has_o10_lines(const unsigned char *head, size_t n)
{
	for (size_t i = 0; i + 5 < n; i++)
		if ((i == 0 || head[i - 1] == '\n') && !memcmp(head + i, "O10 -", 5))
			return 1;
	return 0;
}

int ws2fix__session_check_input(const ws2fix_session_options *o)
{
	const char *option = ws2fix_source_kind_option(o->kind);
	if (!option || !o->path)
		return 0;
	ws2fix_file_id id;
	if (ws2fix__file_id(o->path, &id, NULL) == WS2FIX_FILE_DIRECTORY)
		return ws2fix__fail(WS2FIX_EINVALID, WS2FIX_ERRCLASS_INVALID, ws2fix_msg(MSG_IN_FOLDER, o->lang), o->path,
			option);
	size_t n = 0;
	unsigned char *head = sniff(o->path, &n);
	if (!head)
		return 0; /* the reader says why, in its own words */
	/* Detection first: it clears the last error, which is our message. */
	ws2fix_source_kind is = n ? ws2fix_source_detect(head, n) : WS2FIX_SOURCE_NONE;
	int rc = refuse_registry_file(o, option, head, n);
	if (rc == 0 && o->kind == WS2FIX_SOURCE_HIJACKTHIS && is == WS2FIX_SOURCE_NONE && has_o10_lines(head, n))
		rc = ws2fix__fail(WS2FIX_ECORRUPT, WS2FIX_ERRCLASS_INVALID, ws2fix_msg(MSG_IN_O10_ONLY, o->lang), o->path,
			o->path);
	free(head);
	if (rc < 0)
		return rc;
	/* Only a kind the detection is sure of, and one that cannot be read
	 * as the kind asked for: a hive has its signature, a .reg its header
	 * line; pasted texts are told apart by their readers. */
	int sure = is == WS2FIX_SOURCE_HIVE || is == WS2FIX_SOURCE_REG || o->kind == WS2FIX_SOURCE_HIVE;
	if (is == WS2FIX_SOURCE_NONE || is == o->kind || !sure || !ws2fix_source_kind_option(is))
		return 0;
	return ws2fix__fail(WS2FIX_ECORRUPT, WS2FIX_ERRCLASS_INVALID, ws2fix_msg(MSG_IN_OTHER_KIND, o->lang), o->path,
		ws2fix_msg(is == WS2FIX_SOURCE_HIVE ? MSG_IN_KIND_HIVE : is == WS2FIX_SOURCE_REG ? MSG_IN_KIND_REG
			   : is == WS2FIX_SOURCE_NETSH ? MSG_IN_KIND_NETSH : MSG_IN_KIND_HIJACKTHIS, o->lang),
		option, ws2fix_source_kind_option(is), o->path);
}

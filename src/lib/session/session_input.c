/* SPDX-License-Identifier: MIT */
/*
 * The wrong kind of file for a source option, said in one line before
 * its reader tries (and fails with a message about its own format): a
 * folder, a .reg export given to --hive, a hive given to --reg, and so on.
 * What the file is comes from ws2fix_source_detect, the same detection the
 * web page uses, so the advice and the readers never disagree.
 */
#include <stdio.h>
#include <stdlib.h>

#include "../errors_internal.h"
#include "../platform.h"
#include "../platform_fileid.h"
#include "session_internal.h"
#include "ws2fix/errors.h"

/* Enough of a file to tell what it is. */
#define SNIFF_BYTES 65536

int ws2fix__session_check_input(const ws2fix_session_options *o)
{
	const char *option = ws2fix_source_kind_option(o->kind);
	if (!option || !o->path)
		return 0;
	ws2fix_file_id id;
	if (ws2fix__file_id(o->path, &id, NULL) == WS2FIX_FILE_DIRECTORY)
		return ws2fix__fail(WS2FIX_EINVALID, WS2FIX_ERRCLASS_INVALID, ws2fix_msg(MSG_IN_FOLDER, o->lang), o->path,
			option);
	FILE *f = ws2fix__fopen(o->path, "rb");
	if (!f)
		return 0; /* the reader says why, in its own words */
	unsigned char *head = malloc(SNIFF_BYTES);
	size_t n = head ? fread(head, 1, SNIFF_BYTES, f) : 0;
	fclose(f);
	ws2fix_source_kind is = n ? ws2fix_source_detect(head, n) : WS2FIX_SOURCE_NONE;
	free(head);
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

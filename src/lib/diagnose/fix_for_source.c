/* SPDX-License-Identifier: MIT */
/*
 * A finding's fix fits the source it came from.  The fix texts
 * (MSG_FIX_<CODE>) are written for a machine: 'ws2fix repair --apply'.
 * A .reg export is a copy of a machine's keys, so the command that fixes
 * the machine from it makes a fix file ('repair --fix-file'), imported
 * there; netsh text and HijackThis logs are what a machine showed, so the
 * command is run on that machine.  A '--remove ID' gets the entry's id.
 * The commands are the same words in every language, which is what makes
 * rewriting them safe.
 */
#include <stdlib.h>
#include <string.h>

#include "diag_internal.h"
#include "../platform.h"
#include "../../util/buf.h"

static const char head[] = "'ws2fix repair";

/* @p needle in the @p len bytes at @p hay, or NULL (memmem is not C11). */
static const char *find(const char *hay, size_t len, const char *needle)
{
	size_t n = strlen(needle);
	for (size_t i = 0; n <= len && i <= len - n; i++)
		if (!memcmp(hay + i, needle, n))
			return hay + i;
	return NULL;
}

/* One quoted command 'ws2fix repair ARGS', rewritten; @return 1 when it was.
 * A hive's command names the hive ('ws2fix --hive PATH repair ...'): on
 * Linux a command without a source means the live registry, which is not
 * there. */
static int put_command(ws2fix_buf *out, const char *args, size_t len, const char *export_path,
	const char *hive_path, const uint32_t *id)
{
	static const char apply[] = " --apply", remove_id[] = "--remove ID";
	int changed = 0;
	ws2fix__buf_puts(out, "'ws2fix");
	int live_only = find(args, len, "--exclude-app") != NULL;
	if ((export_path || hive_path) && !live_only) {
		ws2fix__buf_puts(out, export_path ? " --reg " : " --hive ");
		ws2fix__platform_shell_quote(out, export_path ? export_path : hive_path);
		changed = 1;
	}
	ws2fix__buf_puts(out, " repair");
	size_t keep = len;
	if (export_path && !live_only && keep >= sizeof(apply) - 1 &&
	    !memcmp(args + keep - (sizeof(apply) - 1), apply, sizeof(apply) - 1))
		keep -= sizeof(apply) - 1;
	const char *ri = id ? find(args, keep, remove_id) : NULL;
	if (ri) {
		ws2fix__buf_put(out, args, (size_t)(ri - args));
		ws2fix__buf_printf(out, "--remove %u", (unsigned)*id);
		ws2fix__buf_put(out, ri + sizeof(remove_id) - 1, keep - (size_t)(ri + sizeof(remove_id) - 1 - args));
		changed = 1;
	} else {
		ws2fix__buf_put(out, args, keep);
	}
	if (export_path && !live_only)
		ws2fix__buf_puts(out, " --fix-file FIX.reg");
	ws2fix__buf_putc(out, '\'');
	return changed;
}

char *ws2fix__diag_fix_for_source(const diag_ctx *c, char *fix, const uint32_t *catalog_id)
{
	if (!fix || !strstr(fix, head))
		return fix;
	const char *export_path = c->reg && ws2fix_registry_has(c->reg, WS2FIX_CAP_EXPORT) &&
					  !ws2fix_registry_has(c->reg, WS2FIX_CAP_WRITE)
				  ? ws2fix_registry_path(c->reg)
				  : NULL;
	const char *hive_path = c->reg && ws2fix_registry_has(c->reg, WS2FIX_CAP_HIVE_FILE) ? ws2fix_registry_path(c->reg)
											      : NULL;
	ws2fix_buf b = WS2FIX_BUF_INIT;
	int changed = 0, exported = 0;
	const char *p = fix;
	for (;;) {
		const char *cmd = strstr(p, head);
		const char *end = cmd ? strchr(cmd + 1, '\'') : NULL;
		if (!end) {
			ws2fix__buf_puts(&b, p);
			break;
		}
		ws2fix__buf_put(&b, p, (size_t)(cmd - p));
		const char *args = cmd + strlen(head);
		size_t before = b.len;
		changed |= put_command(&b, args, (size_t)(end - args), export_path, hive_path, catalog_id);
		exported |= export_path && strstr(ws2fix__buf_cstr(&b) + before, "--fix-file") != NULL;
		p = end + 1;
	}
	if (exported)
		ws2fix__buf_printf(&b, " %s", ws2fix__diag_msg(c, MSG_FIX_FOR_EXPORT));
	else if (!c->reg)
		ws2fix__buf_printf(&b, " %s", ws2fix__diag_msg(c, MSG_FIX_FOR_TEXT));
	if (!changed && !exported && c->reg) {
		ws2fix__buf_free(&b);
		return fix;
	}
	char *fitted = ws2fix__buf_detach(&b);
	if (!fitted)
		return fix;
	free(fix);
	return fitted;
}

void ws2fix__diag_skip_no_probe(diag_ctx *c)
{
	if (c->o->no_probe_why)
		ws2fix__diag_skip_text(c, c->o->no_probe_why);
	else if (!c->reg || ws2fix_registry_has(c->reg, WS2FIX_CAP_EXPORT))
		ws2fix__diag_skip(c, MSG_SKIP_DLL_COPY);
	else
		ws2fix__diag_skip(c, MSG_SKIP_DLL_UNKNOWN);
}

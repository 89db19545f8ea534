/* SPDX-License-Identifier: MIT */
/* What the transaction log replay did, in words (English or Swedish). */
#include <stdlib.h>
#include <string.h>

#include "ws2fix/i18n.h"
#include "ws2fix/registry.h"
#include "../errors_internal.h"
#include "../../util/buf.h"

static const char *log_name(const ws2fix_hive_recovery *rec, int idx)
{
	static const char *const fallback[3] = {"NAME.LOG", "NAME.LOG1", "NAME.LOG2"};
	if (idx < 0 || idx > 2)
		return "";
	return rec->log_names[idx] ? rec->log_names[idx] : fallback[idx];
}

static void note_text(ws2fix_buf *b, const ws2fix_hive_recovery *rec, const ws2fix_hivelog_note *n,
	ws2fix_lang lang)
{
	if (n->log >= 0)
		ws2fix__buf_printf(b, "%s: ", log_name(rec, n->log));
	unsigned long long off = n->offset;
	switch (n->problem) {
	case WS2FIX_HLP_NO_LOGS: ws2fix__buf_puts(b, ws2fix_msg(MSG_HL_NO_LOGS, lang)); break;
	case WS2FIX_HLP_UNREADABLE: ws2fix__buf_puts(b, ws2fix_msg(MSG_HL_UNREADABLE, lang)); break;
	case WS2FIX_HLP_TOO_SMALL: ws2fix__buf_printf(b, ws2fix_msg(MSG_HL_TOO_SMALL, lang), n->a); break;
	case WS2FIX_HLP_SIGNATURE: ws2fix__buf_puts(b, ws2fix_msg(MSG_HL_SIGNATURE, lang)); break;
	case WS2FIX_HLP_CHECKSUM: ws2fix__buf_printf(b, ws2fix_msg(MSG_HL_CHECKSUM, lang), n->a, n->b); break;
	case WS2FIX_HLP_FILE_TYPE: ws2fix__buf_printf(b, ws2fix_msg(MSG_HL_FILE_TYPE, lang), n->a); break;
	case WS2FIX_HLP_FORMAT: ws2fix__buf_puts(b, ws2fix_msg(MSG_HL_FORMAT, lang)); break;
	case WS2FIX_HLP_LOG_DIRTY: ws2fix__buf_printf(b, ws2fix_msg(MSG_HL_LOG_DIRTY, lang), n->a, n->b); break;
	case WS2FIX_HLP_OTHER_HIVE: ws2fix__buf_puts(b, ws2fix_msg(MSG_HL_OTHER_HIVE, lang)); break;
	case WS2FIX_HLP_STALE: ws2fix__buf_printf(b, ws2fix_msg(MSG_HL_STALE, lang), n->a, n->b); break;
	case WS2FIX_HLP_OLD_TIMESTAMP: ws2fix__buf_puts(b, ws2fix_msg(MSG_HL_OLD_TIMESTAMP, lang)); break;
	case WS2FIX_HLP_DIRTY_VECTOR: ws2fix__buf_puts(b, ws2fix_msg(MSG_HL_DIRTY_VECTOR, lang)); break;
	case WS2FIX_HLP_PAGES_TRUNCATED: ws2fix__buf_printf(b, ws2fix_msg(MSG_HL_PAGES_TRUNCATED, lang), n->a); break;
	case WS2FIX_HLP_BAD_BIN: ws2fix__buf_printf(b, ws2fix_msg(MSG_HL_BAD_BIN, lang), off); break;
	case WS2FIX_HLP_NO_ENTRY: ws2fix__buf_puts(b, ws2fix_msg(MSG_HL_NO_ENTRY, lang)); break;
	case WS2FIX_HLP_ENTRY_TRUNCATED: ws2fix__buf_printf(b, ws2fix_msg(MSG_HL_ENTRY_TRUNCATED, lang), off, n->a); break;
	case WS2FIX_HLP_ENTRY_HASH: ws2fix__buf_printf(b, ws2fix_msg(MSG_HL_ENTRY_HASH, lang), off); break;
	case WS2FIX_HLP_ENTRY_SEQUENCE:
		ws2fix__buf_printf(b, ws2fix_msg(MSG_HL_ENTRY_SEQUENCE, lang), off, n->a, n->b);
		break;
	case WS2FIX_HLP_ENTRY_HBINS_SIZE: ws2fix__buf_printf(b, ws2fix_msg(MSG_HL_ENTRY_HBINS_SIZE, lang), off, n->a); break;
	case WS2FIX_HLP_ENTRY_PAGES: ws2fix__buf_printf(b, ws2fix_msg(MSG_HL_ENTRY_PAGES, lang), off); break;
	case WS2FIX_HLP_ENTRY_OUTSIDE:
		ws2fix__buf_printf(b, ws2fix_msg(MSG_HL_ENTRY_OUTSIDE, lang), off, n->a, n->b);
		break;
	case WS2FIX_HLP_NOT_CONTINUING: ws2fix__buf_printf(b, ws2fix_msg(MSG_HL_NOT_CONTINUING, lang), n->a, n->b); break;
	case WS2FIX_HLP_TOO_LARGE: ws2fix__buf_printf(b, ws2fix_msg(MSG_HL_TOO_LARGE, lang), n->a); break;
	default: break;
	}
	if (n->stopped)
		ws2fix__buf_printf(b, " (%s)", ws2fix_msg(MSG_HL_STOPPED, lang));
}

int ws2fix_hive_recovery_text(char **out, const ws2fix_hive_recovery *rec, int replayed, ws2fix_lang lang)
{
	ws2fix_buf b = WS2FIX_BUF_INIT;
	if (replayed && rec->recovered) {
		ws2fix_buf names = WS2FIX_BUF_INIT;
		for (int i = 0; i < 2; i++)
			if (rec->used[i] != WS2FIX_HIVELOG_NONE)
				ws2fix__buf_printf(&names, "%s%s", i ? " + " : "", log_name(rec, rec->used[i]));
		if (rec->old_format)
			ws2fix__buf_printf(&b, ws2fix_msg(MSG_HL_REPLAYED_OLD, lang), rec->entries, rec->last_seq,
				ws2fix__buf_cstr(&names));
		else
			ws2fix__buf_printf(&b, ws2fix_msg(MSG_HL_REPLAYED_NEW, lang), rec->entries, rec->first_seq,
				rec->last_seq, ws2fix__buf_cstr(&names));
		ws2fix__buf_free(&names);
		if (rec->base_block_from_log)
			ws2fix__buf_printf(&b, "; %s", ws2fix_msg(MSG_HL_BASE_FROM_LOG, lang));
	}
	for (size_t i = 0; i < rec->note_count && i < WS2FIX_HIVELOG_MAX_NOTES; i++) {
		if (b.len)
			ws2fix__buf_puts(&b, "; ");
		note_text(&b, rec, &rec->notes[i], lang);
	}
	if (ws2fix__buf_oom(&b)) {
		ws2fix__buf_free(&b);
		return ws2fix__oom();
	}
	*out = ws2fix__buf_detach(&b);
	if (!*out)
		*out = calloc(1, 1);
	return *out ? 0 : ws2fix__oom();
}

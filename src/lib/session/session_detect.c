/* SPDX-License-Identifier: MIT */
/*
 * What pasted or dropped text is (ws2fix_source_detect): each parser is
 * asked in turn, so that detection and reading never disagree.
 *  - a .reg export: its header line, which the .reg parser records before
 *    it reads any key (a damaged export is still an export);
 *  - a HijackThis log: the log parses, or it has HijackThis's "Logfile
 *    of" header (a log cut short is still a log, and its reader says why);
 *  - netsh text: the netsh parser finds at least one catalog entry;
 *  - a registry hive file: "regf", the base block's signature (msuhanov/regf,
 *    "Windows registry file format specification", base block), which
 *    only the program can read (hivex).
 */
#include "ws2fix/session.h"

#include <string.h>

#include "../regformat/regformat.h"
#include "../regformat/regtree.h"
#include "ws2fix/errors.h"
#include "ws2fix/netsh.h"

static int is_reg(const unsigned char *data, size_t len)
{
	ws2fix_regtree *t = NULL;
	ws2fix__regfile_info info = {0};
	if (ws2fix__regtree_new(&t) < 0)
		return 0;
	ws2fix__regfile_parse(t, data, len, "(input)", &info);
	ws2fix__regtree_free(t);
	return info.version != 0;
}

/* "Logfile of" and "HijackThis" on one line, in ASCII or UTF-16LE text
 * (NUL bytes are skipped), case-insensitively. */
static int has_hjt_header(const unsigned char *data, size_t len)
{
	static const char a[] = "logfile of", b[] = "hijackthis";
	size_t ia = 0, ib = 0, limit = len < 65536 ? len : 65536;
	int seen_a = 0;
	for (size_t i = 0; i < limit; i++) {
		unsigned char c = data[i];
		if (c == 0)
			continue;
		if (c == '\n') {
			seen_a = 0;
			ia = ib = 0;
			continue;
		}
		if (c >= 'A' && c <= 'Z')
			c = (unsigned char)(c - 'A' + 'a');
		ia = c == (unsigned char)a[ia] ? ia + 1 : (c == (unsigned char)a[0] ? 1 : 0);
		if (ia == sizeof(a) - 1) {
			seen_a = 1;
			ia = 0;
		}
		ib = c == (unsigned char)b[ib] ? ib + 1 : (c == (unsigned char)b[0] ? 1 : 0);
		if (ib == sizeof(b) - 1) {
			if (seen_a)
				return 1;
			ib = 0;
		}
	}
	return 0;
}

ws2fix_source_kind ws2fix_source_detect(const unsigned char *data, size_t len)
{
	if (!data || !len)
		return WS2FIX_SOURCE_NONE;
	ws2fix_source_kind kind = WS2FIX_SOURCE_NONE;
	if (len >= 4 && memcmp(data, "regf", 4) == 0) {
		kind = WS2FIX_SOURCE_HIVE;
	} else if (is_reg(data, len)) {
		kind = WS2FIX_SOURCE_REG;
	} else {
		ws2fix_hjt_log *log = NULL;
		if (ws2fix_hjt_parse(&log, data, len) == 0 || has_hjt_header(data, len)) {
			kind = WS2FIX_SOURCE_HIJACKTHIS;
		} else {
			ws2fix_catalog *cat = NULL;
			if (ws2fix_netsh_parse(&cat, data, len) == 0)
				kind = WS2FIX_SOURCE_NETSH;
			ws2fix_catalog_free(cat);
		}
		ws2fix_hjt_log_free(log);
	}
	ws2fix_error_clear();
	return kind;
}

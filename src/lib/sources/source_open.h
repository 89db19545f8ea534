/* SPDX-License-Identifier: MIT */
/*
 * The openers of include/ws2fix/sources.def (library internal).  Each one
 * opens what its source is made of: a registry (the session then reads its
 * catalog), a catalog (netsh text) or a HijackThis log.  They take plain
 * arguments, so that nothing in src/lib/sources/ knows the session: the
 * session maps its options onto them (src/lib/session/session_open.c).
 * On failure an opener returns the error code with ws2fix_error_last() set
 * and leaves @p out empty.
 */
#ifndef WS2FIX_SOURCE_OPEN_H
#define WS2FIX_SOURCE_OPEN_H

#include "ws2fix/catalog.h"
#include "ws2fix/hijackthis.h"
#include "ws2fix/i18n.h"
#include "ws2fix/registry.h"

typedef struct ws2fix_source_parts {
	ws2fix_registry *reg;
	ws2fix_catalog *cat;
	ws2fix_hjt_log *hjt;
} ws2fix_source_parts;

/** Flags of an opener. */
enum {
	/** Write the export itself (a .reg source opened writable). */
	WS2FIX_SOURCE_EDIT_EXPORT = 1u << 0
};

/** An opener: @p path the file (NULL for live), @p open the registry
 * options (writable, control set), @p lang the language of its refusals,
 * @p flags WS2FIX_SOURCE_*. */
typedef int ws2fix_source_opener(ws2fix_source_parts *out, const char *path, const ws2fix_open_options *open,
	ws2fix_lang lang, unsigned int flags);

/** A sniffer: how surely @p data is this source, 0 to 3 (sources.def). */
typedef int ws2fix_source_sniffer(const unsigned char *data, size_t len);

/** The sniffer of a source that is never a file (the live registry). */
ws2fix_source_sniffer ws2fix__source_sniff_never;

#define WS2FIX_SOURCE(id, name, option, partial, opener, sniffer) ws2fix_source_opener opener; ws2fix_source_sniffer sniffer;
#include "ws2fix/sources.def"
#undef WS2FIX_SOURCE

#endif

/* SPDX-License-Identifier: MIT */
/*
 * Reading the text of `netsh winsock show catalog` into a ws2fix_catalog,
 * so that a listing pasted into a forum or bug report can be diagnosed.
 *
 * The format (shared/corpus/netsh/FORMAT.md): blocks of "Label: value"
 * lines under a header line and a line of hyphens; protocol entries first
 * (native, then "(32)"), then name-space providers.  English, German and
 * Simplified Chinese labels are recognised; any other language is read by
 * position, because netsh always prints the lines in the same order.
 *
 * What the resulting catalog looks like (callers and the diagnosis rely on
 * this; it is how a netsh catalog is told apart, since ws2fix_catalog has no
 * field for the source):
 *  - parameters_path is the string "netsh".
 *  - has_next_id = has_serial = has_ns_serial = 0 and every view has
 *    has_declared_count = 0: netsh prints no counters, so the count,
 *    numbering and next-id checks must be skipped.
 *  - Entry keys are synthesised as "%012u" in listing order, per view; the
 *    listing order is the catalog order, so this is what the registry holds
 *    on a healthy machine, but it is not evidence of the real key names.
 *  - A listing whose entries carry a "(32)" marker comes from 64-bit
 *    Windows: unmarked entries go to WS2FIX_VIEW_64, marked ones to
 *    WS2FIX_VIEW_32.  A listing with no marker at all is a 32-bit Windows:
 *    everything goes to WS2FIX_VIEW_32.  A view is `present` only when it has
 *    entries (a fragment showing only one catalog leaves the other absent).
 *  - Protocol items: has_item = 1, item_type = REG_BINARY, raw_len = 888, `raw`
 *    encoded from the printed fields over zeros.  Fields netsh does not
 *    print are 0: service_flags[1..3], protocol_max_offset,
 *    network_byte_order, security_scheme, message_size, provider_reserved.
 *    provider_flags is not printed either: it is set to PFL_HIDDEN (0x4) for
 *    chain length 0 and to 0 otherwise.  chain[] holds the "Protocol Chain"
 *    ids (all zero for chain length 0 and 1).  protocol_name is the printed
 *    Description (already the display text, localised).
 *  - Namespace entries: display_string, provider_id, namespace_id, enabled
 *    ("Active") and version are set with their has_* flags;
 *    library_path is NULL because netsh does not print it.  The diagnosis
 *    must not call that NAMESPACE_MALFORMED (nor check the DLL) when
 *    parameters_path is "netsh".  has_stores_class_info = 0.
 */
#ifndef WS2FIX_NETSH_H
#define WS2FIX_NETSH_H

#include <stddef.h>
#include "ws2fix/catalog.h"

#ifdef __cplusplus
extern "C" {
#endif

/** The parameters_path of a catalog that came from netsh text. */
#define WS2FIX_NETSH_SOURCE "netsh"

/** Largest file ws2fix_netsh_read() accepts (a real listing is ~25 KB). */
#define WS2FIX_NETSH_MAX_FILE (16u * 1024u * 1024u)

/**
 * Parse the text of `netsh winsock show catalog`.
 *
 * Accepted: UTF-8 with or without BOM (text that is not valid UTF-8 is read
 * as Windows-1252), UTF-16LE with BOM (PowerShell's `>` writes that) or
 * without one when the text starts with ASCII, UTF-16BE with BOM; CRLF or
 * LF; anything before the first header (console banner, prompt, command);
 * markdown fences and '>' quote markers at line starts; trailing text after
 * the last entry (a prompt).
 *
 * @param[out] out  free with ws2fix_catalog_free()
 * @return 0; WS2FIX_ECORRUPT with a "(netsh text):LINE: ..." message when the
 *         text has no entry, a block is truncated or a value is not what its
 *         label says (a non-numeric id, a bad GUID); WS2FIX_ENOMEM
 */
int ws2fix_netsh_parse(ws2fix_catalog **out, const unsigned char *text, size_t len);

/**
 * As ws2fix_netsh_parse(), reading the file at @p path (UTF-8 path, at most
 * WS2FIX_NETSH_MAX_FILE bytes).  Messages start with "PATH:LINE: ".
 * @param[out] out  free with ws2fix_catalog_free()
 * @return 0, WS2FIX_ENOTFOUND, WS2FIX_ECORRUPT, or an error reading the file
 */
int ws2fix_netsh_read(ws2fix_catalog **out, const char *path);

/** 1 when @p cat came from netsh text (parameters_path is "netsh"), else 0. */
int ws2fix_catalog_is_netsh(const ws2fix_catalog *cat);

#ifdef __cplusplus
}
#endif
#endif

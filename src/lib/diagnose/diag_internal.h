/* SPDX-License-Identifier: MIT */
/* Internal interface between the diagnosis's check files. */
#ifndef WS2FIX_DIAG_INTERNAL_H
#define WS2FIX_DIAG_INTERNAL_H

#include <stdarg.h>

#include "ws2fix/diagnose.h"

typedef struct diag_ctx {
	ws2fix_diagnosis *d;
	const ws2fix_diagnose_options *o;
	ws2fix_registry *reg;        /* NULL for netsh input */
	const ws2fix_catalog *cat;
	size_t cap;
	size_t skipped_cap;
	int oom;
} diag_ctx;

/* Evidence of one finding; unset fields are NULL / -1. */
typedef struct diag_evidence {
	const char *catalog;  /* "protocol", "namespace", "transport", "source" */
	int view;             /* enum ws2fix_view or -1 */
	const char *key;
	const uint32_t *catalog_id;
	const char *path;
	const char *provider;
	const char *vendor;
} diag_evidence;

#define DIAG_EVIDENCE_INIT {NULL, -1, NULL, NULL, NULL, NULL, NULL}

/* Record that DLLs cannot be checked, and why: the caller's reason (a
 * Windows folder that holds no Windows, --no-file-checks), else a copy of
 * what a machine showed (netsh text, an export) cannot show its files; a
 * hive can, given the Windows directory (fix_for_source.c). */
void ws2fix__diag_skip_no_probe(diag_ctx *c);

/* @p fix (owned) fitted to the source: a fix file for a .reg export, the
 * machine's own command for netsh text or a log, the entry's id in a
 * '--remove ID' (fix_for_source.c).
 * Returns the text to keep. */
char *ws2fix__diag_fix_for_source(const diag_ctx *c, char *fix, const uint32_t *catalog_id);

/* Add a finding: message from @p msg formatted with the arguments, fix from
 * the code's MSG_FIX_<CODE> (findings.def) formatted with the same
 * arguments (it may use none or a prefix). */
void ws2fix__diag_add(diag_ctx *c, ws2fix_finding_code code, const diag_evidence *ev, ws2fix_msgid msg, ...);
/* The same with a fix text of the source's own (a HijackThis line says what
 * to do differently from a registry finding of the same code). */
void ws2fix__diag_add_fix(diag_ctx *c, ws2fix_finding_code code, const diag_evidence *ev, ws2fix_msgid msg,
	ws2fix_msgid fix, ...);

/* Where the message is named at the call, the compiler checks the
 * arguments against its English text (scripts/gen-msgfmt.py): sizeof does
 * not evaluate the printf.  A call with the message in a variable is
 * written (ws2fix__diag_add)(...) and goes unchecked. */
#include <stdio.h>
#include "ws2fix_msgfmt.h"
#define ws2fix__diag_add(c, code, ev, msg, ...) \
	((void)sizeof(printf(WS2FIX_MSGFMT_##msg, ##__VA_ARGS__)), (ws2fix__diag_add)(c, code, ev, msg, ##__VA_ARGS__))
#define ws2fix__diag_add_fix(c, code, ev, msg, fix, ...) \
	((void)sizeof(printf(WS2FIX_MSGFMT_##msg, ##__VA_ARGS__)), (ws2fix__diag_add_fix)(c, code, ev, msg, fix, ##__VA_ARGS__))

/* Record a check that could not be made. */
void ws2fix__diag_skip(diag_ctx *c, ws2fix_msgid msg);
/* The same with a text already formatted (listed once). */
void ws2fix__diag_skip_text(diag_ctx *c, const char *text);

/* Translated text (for building detail arguments). */
const char *ws2fix__diag_msg(const diag_ctx *c, ws2fix_msgid id);

/* Counter and key numbering of one catalog view.  @p first_key points at
 * the `key` member of the first entry; entries are @p stride bytes apart. */
void ws2fix__diag_check_entry_keys(diag_ctx *c, const char *catalog, enum ws2fix_view v, const char *vkey,
	char *const *first_key, size_t count, size_t stride, int has_declared, uint32_t declared,
	const char *counter_name);

/* The checks, one file each. */
void ws2fix__diag_check_protocol(diag_ctx *c);
void ws2fix__diag_check_namespace(diag_ctx *c);
int ws2fix__diag_check_transports(diag_ctx *c);
void ws2fix__diag_check_baselines(diag_ctx *c);

/* "display name" of a protocol entry (resolved indirect string or szProtocol). */
const char *ws2fix__diag_entry_name(const ws2fix_protocol_entry *e);

/* An entry whose item can be trusted for the semantic checks (a damaged
 * one is reported once, as ENTRY_MALFORMED); @p no_registry: the catalog
 * came without its registry, so the value's type is not known
 * (check_protocol.c). */
int ws2fix__diag_entry_well_formed(const ws2fix_protocol_entry *e, int no_registry);

/* "TCP" or "UDP" for a TCP or UDP entry over IPv4 or IPv6, else NULL. */
const char *ws2fix__diag_tcp_or_udp(const ws2fix_protocol_item *it);

/* XP1_IFS_HANDLES (WSAPROTOCOL_INFOW.dwServiceFlags1, 0x00020000): "the
 * socket descriptors returned by the provider are operating system
 * Installable File System (IFS) handles" (Microsoft Learn,
 * winsock2.h WSAPROTOCOL_INFOW structure).  Without it a socket cannot be
 * used with ReadFile/WriteFile nor associated with an I/O completion port
 * as a file handle; libuv refuses such sockets (uv_winsock_init probes
 * this flag), and so do runtimes built on IOCP. */
#define XP1_IFS_HANDLES 0x00020000u

/* The catalog came without its registry (netsh text, a HijackThis log): no keys, counters or values. */
int ws2fix__diag_no_registry(const diag_ctx *c);

#endif

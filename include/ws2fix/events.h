/* SPDX-License-Identifier: MIT */
/*
 * What Windows itself recorded about the layered service providers (LSPs):
 * "which program installed this LSP?" from the event log, and which
 * programs are excluded from LSPs (the AppId_Catalog key).
 *
 * The event log part (Windows Vista and later): ws2_32 writes every LSP
 * install, removal, disable and catalog reset to the channel
 * Microsoft-Windows-Winsock-WS2HELP/Operational (provider GUID
 * {D5C25F9A-4D47-493E-9184-40DD397A004D}).  Documented by Microsoft
 * ("Winsock Catalog Change Tracing Details", WINSOCK_WS2HELP_LSP_INSTALL
 * and siblings):
 *
 *   id 1 LSP installed, 2 uninstalled, 3 disabled:
 *        LSP Name   szProtocol of the entry
 *        Catalog    32 or 64
 *        Installer  module file name of the program that made the call
 *        GUID       provider GUID the entry was installed under
 *        Category   dwCatalogEntryId of the entry
 *   id 4 catalog reset: Catalog only.
 *
 * The names the rendered XML uses (<Data Name="LSPName">, "Catalog",
 * "Installer", "GUID", "Category") and their types (Installer is an ANSI
 * string, Catalog and Category 32-bit unsigned) come from a parser
 * generated from the provider's manifest (airbus-cert/etl-parser,
 * etl/parsers/etw/Microsoft_Windows_Winsock_WS2HELP.py); we have no
 * recorded event from a real machine.  The parser therefore also accepts
 * the documented names ("LSP Name"), any case, and unnamed <Data> in the
 * documented order (docs/internals/LIVE.md lists what is assumed).
 *
 * The reader takes events from a ws2fix_event_source, so the parser is
 * tested with recorded XML and the Windows build plugs in the live log
 * (wevtapi.dll, loaded at run time).  Absent data is simply absent: a
 * channel that does not exist, an old Windows, a cleared log all give an
 * empty list, and the catalog listing just lacks "installed_by".
 */
#ifndef WS2FIX_EVENTS_H
#define WS2FIX_EVENTS_H

#include <stddef.h>
#include <stdint.h>

#include "ws2fix/catalog.h"
#include "ws2fix/registry.h"

#ifdef __cplusplus
extern "C" {
#endif

/** The event ids of the WS2HELP channel. */
enum ws2fix_lsp_event_id {
	WS2FIX_LSP_EVENT_INSTALL = 1,
	WS2FIX_LSP_EVENT_REMOVE = 2,
	WS2FIX_LSP_EVENT_DISABLE = 3,
	WS2FIX_LSP_EVENT_RESET = 4
};

/** One event as the log carries it; absent fields are NULL / has_* 0. */
typedef struct ws2fix_lsp_event {
	unsigned int id;        /**< enum ws2fix_lsp_event_id */
	char time[21];          /**< "2019-05-12T08:14:03Z" (UTC, seconds), "" when absent */
	int has_record_id;
	uint64_t record_id;     /**< EventRecordID */
	char *lsp_name;         /**< "LSPName": szProtocol of the entry */
	int has_catalog;
	uint32_t catalog;       /**< 32 or 64 as logged */
	char *installer;        /**< "Installer": the program that made the call */
	int has_guid;
	ws2fix_guid guid;       /**< "GUID" */
	int has_category;
	uint32_t category;      /**< "Category": the entry's catalog id per Microsoft's docs */
} ws2fix_lsp_event;

/**
 * Parse one event rendered as XML (EvtRender with EvtRenderEventXml, as
 * UTF-8).  The XML must be well formed (tags balanced, entities known, no
 * DTD); the event is bounded (1 MiB, depth 32, 4096 elements).
 * @param[out] out  cleared first; free its strings with ws2fix_lsp_event_clear()
 * @return 0; WS2FIX_ENOTFOUND when the XML is a well-formed event of
 *         another provider or another id (not an error: the caller skips
 *         it); WS2FIX_ECORRUPT when it is not well-formed XML or not an
 *         event; WS2FIX_ENOMEM
 */
int ws2fix_lsp_event_parse(ws2fix_lsp_event *out, const char *xml, size_t len);

/** Free the strings of one event (not the struct).  Accepts NULL. */
void ws2fix_lsp_event_clear(ws2fix_lsp_event *e);

/**
 * Where rendered events come from.  @c next hands out the next event as a
 * NUL-terminated UTF-8 XML string that the reader frees with free(); it
 * returns 0, WS2FIX_ITEROVER after the last one, or an error code.
 * @c close (may be NULL) releases the payload.
 */
typedef struct ws2fix_event_source {
	int (*next)(void *payload, char **out_xml);
	void (*close)(void *payload);
	void *payload;
} ws2fix_event_source;

/**
 * The live WS2HELP channel of this machine, oldest event first.
 * @param[out] out  close with ws2fix_event_source_close()
 * @return 0; WS2FIX_ENOTFOUND when the event log API or the channel does
 *         not exist (before Vista, or a system without the channel);
 *         WS2FIX_EACCESS; WS2FIX_ENOTBUILT off Windows
 */
int ws2fix_event_source_live(ws2fix_event_source *out);

/** Largest .evtx file ws2fix_event_source_evtx reads (1 GiB; Windows' own
 *  default size for this channel is 1 MiB). */
#define WS2FIX_EVTX_MAX_BYTES (1024ull * 1024u * 1024u)

/**
 * An offline event log file (.evtx, Windows Vista and later) through
 * libevtx, oldest record first.  Only records of the WS2HELP provider are
 * rendered (others are skipped unrendered); a record libevtx cannot read
 * or render is handed out as no text, so ws2fix_events_read counts it in
 * `malformed` and goes on: a damaged log is read as far as it is sound.
 * @param[out] out  close with ws2fix_event_source_close()
 * @return 0; WS2FIX_ENOTFOUND (no such file); WS2FIX_ECORRUPT (not an
 *         EVTX log, or one libevtx cannot open); WS2FIX_EINVALID (larger
 *         than WS2FIX_EVTX_MAX_BYTES, or not a regular file);
 *         WS2FIX_ENOTBUILT in a build without libevtx; WS2FIX_ENOMEM.
 *         ws2fix_error_last() holds one line that names the file.
 */
int ws2fix_event_source_evtx(ws2fix_event_source *out, const char *path);

/** 1 when @p src is a .evtx source whose file libevtx found damaged (a
 *  chunk that fails its checksum or is cut short: its records are lost,
 *  the rest were read), else 0. */
int ws2fix_event_source_evtx_damaged(const ws2fix_event_source *src);

/** 1 when this build reads .evtx files (libevtx), else 0. */
int ws2fix_evtx_supported(void);

/** Release a source (calls its close slot).  Accepts NULL. */
void ws2fix_event_source_close(ws2fix_event_source *src);

/** Every WS2HELP event of a source, in the order the source gave them. */
typedef struct ws2fix_lsp_events {
	ws2fix_lsp_event *items;
	size_t count;
	size_t malformed; /**< events skipped because they did not parse */
	size_t other;     /**< well-formed events of other providers or ids */
} ws2fix_lsp_events;

/**
 * Read a source to its end (at most 65536 events are kept).  An event
 * that does not parse is counted in `malformed` and skipped, so one odd
 * record never hides the others.
 * @param[out] out  free with ws2fix_events_free()
 * @return 0, WS2FIX_ENOMEM, or the source's own error
 */
int ws2fix_events_read(ws2fix_lsp_events **out, const ws2fix_event_source *src);

void ws2fix_events_free(ws2fix_lsp_events *ev);

/** What the log says about one catalog entry.  Strings are borrowed from the list. */
typedef struct ws2fix_event_match {
	const char *installed_by;        /**< the Installer of the install event, or NULL */
	const char *installed_on;        /**< its time, or NULL when the event had none */
	const char *matched_by;          /**< "guid", "catalog_id" or "name" */
	const ws2fix_lsp_event *event;   /**< the install event itself */
} ws2fix_event_match;

/**
 * Find the install event (id 1) behind a protocol entry of @p view: the
 * latest one of the same catalog (32 = Catalog_Entries, 64 =
 * Catalog_Entries64; an event without a Catalog matches either view) that
 * is not older than the catalog's last reset (id 4), matching by the
 * provider GUID first, then by catalog id together with the name, then by
 * the name alone.
 * @return 1 with @p out filled, 0 when the log knows nothing about the
 *         entry, WS2FIX_EINVALID when out or e is NULL
 */
int ws2fix_events_match(ws2fix_event_match *out, const ws2fix_lsp_events *ev,
	const ws2fix_protocol_entry *e, enum ws2fix_view view);

/* ------------------------------------------------------------------ */
/*
 * Programs excluded from LSPs: one key per program under
 * <controlset>\Services\WinSock2\Parameters\AppId_Catalog\<8 hex digits>,
 * written by WSCSetApplicationCategory (Windows Vista and later), with
 * AppFullPath (REG_SZ), AppArgs (REG_SZ, optional) and
 * PermittedLspCategories (DWORD; LSP_SYSTEM is 0x80000000).  Read through
 * the registry interface, so hives and .reg exports show them too.
 */

typedef struct ws2fix_app_exclusion {
	char *key;          /**< the subkey name ("2AFB7932") */
	char *path;         /**< AppFullPath, or NULL when absent or not a string */
	char *args;         /**< AppArgs, or NULL */
	int has_categories;
	uint32_t categories; /**< PermittedLspCategories */
} ws2fix_app_exclusion;

typedef struct ws2fix_app_catalog {
	int present;                 /**< the AppId_Catalog key exists */
	ws2fix_app_exclusion *items; /**< in stored key order */
	size_t count;
} ws2fix_app_catalog;

/**
 * Read the AppId_Catalog key of the registry's control set.  A missing key
 * is not an error (present = 0, count = 0); at most 4096 entries are read.
 * @param[out] out  free with ws2fix_app_catalog_free()
 * @return 0, WS2FIX_ENOMEM, or an error reading the source
 */
int ws2fix_app_catalog_read(ws2fix_app_catalog **out, ws2fix_registry *reg);

void ws2fix_app_catalog_free(ws2fix_app_catalog *ac);

/** Names of the LSP category bits ("LSP_SYSTEM", ...) into @p out, at most
 *  @p max; bits without a documented name are left out.  @return how many */
size_t ws2fix_lsp_category_names(const char **out, size_t max, uint32_t categories);

#ifdef __cplusplus
}
#endif
#endif

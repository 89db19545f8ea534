/* SPDX-License-Identifier: MIT */
/* The session object (library internal): what ws2fix_session_open read. */
#ifndef WS2FIX_SESSION_INTERNAL_H
#define WS2FIX_SESSION_INTERNAL_H

#include "ws2fix/events.h"
#include "ws2fix/session.h"

struct ws2fix_session {
	ws2fix_source_kind kind;
	ws2fix_lang lang;
	ws2fix_registry *reg;       /* NULL for partial sources */
	ws2fix_catalog *cat;        /* NULL for a HijackThis log */
	ws2fix_hjt_log *hjt;        /* HijackThis only */
	ws2fix_osinfo os;           /* as the checks take it: detected, or --os over it */
	ws2fix_osinfo detected;     /* what the source itself shows (before --os) */
	ws2fix_dll_probe *probe;    /* NULL when DLLs cannot be checked */
	char *path;                 /* as given ("" live) */
	char *windows_root;         /* given or found beside a hive, owned */
	ws2fix_windows_dir windir;  /* what was done with it (path: windows_root) */
	int events_read;            /* the LSP install events were looked for */
	ws2fix_lsp_events *events;  /* who installed each LSP, or NULL */
	ws2fix_session_event_log event_log; /* which log, and how it went (strings below) */
	char *event_log_path;       /* owned: event_log.path */
	char *event_log_skipped;    /* owned: event_log.skipped */
	struct ws2fix_outputs *outputs; /* what the session reads, protected from its outputs */
	char *os_conflict;          /* --os against what the source shows, in words, or NULL */
	char **stale;               /* files an interrupted run left beside the hive */
	size_t stale_count;
	int stale_removed;          /* 1: this session removed them (it may write the hive) */
	int win2000;                /* Windows 2000 (--os or detected): its backups hold more keys */
	char *software;             /* --software, owned, or NULL */
	int installed_read;         /* the SOFTWARE hive's programs were looked for */
	ws2fix_installed_products *installed; /* ...and found, or NULL */
};

/* The programs the SOFTWARE hive (--software, or the one beside a SYSTEM
 * hive) lists, read once; NULL when there is none or it cannot be read
 * (session_installed.c). */
const ws2fix_installed_products *ws2fix__session_installed(ws2fix_session *s);

/* Find (and, with @p remove, delete) what an interrupted earlier run left
 * beside the session's hive (session_stale.c). */
int ws2fix__session_find_stale(ws2fix_session *s, int remove);

/* The skipped line of the DLL checks when the session has no probe for a
 * reason of its own (a Windows folder that holds no Windows, another
 * architecture, --no-file-checks), else NULL.  Caller frees
 * (session_evidence.c). */
char *ws2fix__session_no_probe_why(const ws2fix_session *s);

/* Compare --os (@p override, NULL: none) with s->detected and the catalog:
 * another version family, or another architecture than the source shows,
 * sets s->os_conflict. */
int ws2fix__session_os_conflict(ws2fix_session *s, const ws2fix_osinfo *override);

/* Read the offline WS2HELP log of the options (--events) or of the
 * session's Windows folder (session_events.c).  A named log that cannot be
 * read fails (WS2FIX_SESSION_EVENTS in @p failed); a found one is skipped
 * with its reason in s->event_log.skipped. */
int ws2fix__session_open_events(ws2fix_session *s, const ws2fix_session_options *o,
	ws2fix_session_failure *failed);

/* Each finding about a protocol entry the event log knows gets who
 * installed it and when (session_events.c): the one join of events.c. */
int ws2fix__session_add_installers(ws2fix_session *s, ws2fix_diagnosis *d);

struct ws2fix_json;
/* The "event_log" member of the source, when a log was looked for. */
void ws2fix__session_json_event_log(struct ws2fix_json *j, ws2fix_session *s);

/* Refuse to write on a contradicting --os: the last error names both. */
int ws2fix__session_refuse_os(const ws2fix_session *s);

/* The wrong kind of file for its option (a folder, a .reg given to
 * --hive ...) as one clear error, before the reader tries; 0 when it may
 * be what the option reads (session_input.c). */
int ws2fix__session_check_input(const ws2fix_session_options *o);

#endif

/* SPDX-License-Identifier: MIT */
/* Internal interface of the repair engine (src/lib/repair/). */
#ifndef WS2FIX_REPAIR_INTERNAL_H
#define WS2FIX_REPAIR_INTERNAL_H

#include "ws2fix/providers.h"
#include "ws2fix/repair.h"

/* One registry value of an entry key, kept raw. */
typedef struct rvalue {
	char *name;
	uint32_t type;
	unsigned char *data;
	size_t len;
} rvalue;

/* One catalog entry in the model: its key as read (NULL when new), every
 * value of the key, and for protocol entries the decoded item. */
typedef struct rentry {
	char *orig_key;
	rvalue *values;
	size_t nvalues;
	int has_item;
	ws2fix_protocol_item item;
	int item_changed;   /* item differs from the stored PackedCatalogItem */
	int removed;
	int removed_cause;  /* the finding code that removed it, -1 on request */
	int whole_checked;  /* whole-provider pass looked at this removal */
	int relink_why;     /* a broken chain that could not be relinked: why (a ws2fix_msgid) */
	/* namespace entries: decoded view of the values */
	ws2fix_guid ns_id;
	int has_ns_id;
} rentry;

/* One Catalog_Entries[64] key of either catalog. */
typedef struct rview {
	int is_protocol;
	enum ws2fix_view view;
	char *path;          /* full registry path of the view key */
	const char *label;   /* "Protocol_Catalog9\\Catalog_Entries64" etc. */
	int present;         /* the key existed */
	rentry *orig;        /* as read (owned: values freed here) */
	size_t norig;
	rentry *e;           /* the model being edited (shares value pointers with orig or owns new ones) */
	size_t n, cap;
	int changed;         /* anything to write */
	int rebuilt;         /* every entry new (reset / missing view) */
} rview;

typedef struct rctx {
	ws2fix_repair_plan *p;
	const ws2fix_repair_options *o;
	ws2fix_registry *reg;
	const ws2fix_catalog *cat;
	const ws2fix_diagnosis *d;
	int *covered;        /* per finding of d: a step or note deals with it */
	size_t steps_cap, ops_cap, notes_cap, removed_cap;
	int oom;
	int err;             /* first registry error */
	uint32_t next_id;    /* next catalog id to hand out */
	rview proto[2];
	rview ns[2];
} rctx;

/* plan.c */
const char *ws2fix__repair_msg(const rctx *c, ws2fix_msgid id);
void ws2fix__repair_step(rctx *c, const char *key, const char *old_text, const char *new_text, int cause,
	ws2fix_msgid msg, ...);
/* The compiler checks a step's arguments against its message's English
 * text (scripts/gen-msgfmt.py; sizeof does not evaluate the printf). */
#include <stdio.h>
#include "ws2fix_msgfmt.h"
#define ws2fix__repair_step(c, key, o, n, cause, msg, ...) \
	((void)sizeof(printf(WS2FIX_MSGFMT_##msg, ##__VA_ARGS__)), (ws2fix__repair_step)(c, key, o, n, cause, msg, ##__VA_ARGS__))
void ws2fix__repair_note(rctx *c, const char *text);
/* "CODE: what — no automatic repair: why" as a note; an error finding is
 * also one the plan does not fix (ws2fix__repair_unfixed).  Every "no automatic
 * repair" note goes through here, so the exit code cannot miss one. */
void ws2fix__repair_note_no_step(rctx *c, ws2fix_finding_code code, int severity, const char *what, ws2fix_msgid why);
/* An error finding the plan does not fix (ws2fix_repair_plan.unfixed). */
void ws2fix__repair_unfixed(rctx *c, ws2fix_finding_code code);
void ws2fix__repair_removed_provider(rctx *c, const char *name, const char *path);
void ws2fix__repair_op_set(rctx *c, const char *key, const char *name, uint32_t type, const void *data, size_t len);
/* A string value (REG_SZ / REG_EXPAND_SZ) from UTF-8. */
void ws2fix__repair_op_set_string(rctx *c, const char *key, const char *name, uint32_t type, const char *s);
void ws2fix__repair_op_delete_value(rctx *c, const char *key, const char *name);
void ws2fix__repair_op_create_key(rctx *c, const char *key);
void ws2fix__repair_op_delete_key(rctx *c, const char *key);
void ws2fix__repair_cover(rctx *c, ws2fix_finding_code code, int view, const char *key);
char *ws2fix__repair_strdup(rctx *c, const char *s);

/* model.c */
int ws2fix__repair_view_load(rctx *c, rview *v, int is_protocol, enum ws2fix_view view);
void ws2fix__repair_view_free(rview *v);
rentry *ws2fix__repair_view_insert(rctx *c, rview *v, size_t at);  /* a new, empty entry at position @p at */
size_t ws2fix__repair_view_live(const rview *v);                   /* entries not removed */
rentry *ws2fix__repair_find_id(rview *v, uint32_t id);             /* live protocol entry by catalog id */
rentry *ws2fix__repair_find_key(rview *v, const char *key);        /* entry by its original key */
const rvalue *ws2fix__repair_value(const rentry *e, const char *name);
void ws2fix__repair_set_value(rctx *c, rentry *e, const char *name, uint32_t type, const void *data, size_t len);
const char *ws2fix__repair_entry_name(const rentry *e);
/* A provider DLL's name without folder, extension or a trailing "64"
 * (tcpsvc64.dll and tcpsvc.dll are one provider's two views). */
void ws2fix__repair_dll_stem(const char *path, char *out, size_t outsz);
void ws2fix__repair_view_emit(rctx *c, rview *v, const char *counter_key, const char *counter_name);

/* surgical.c / reset.c / defaults.c */
void ws2fix__repair_remove_entry(rctx *c, rview *v, rentry *e, int cause);
int ws2fix__repair_is_microsoft(const rentry *e);
/* relink.c: put chain e back on its own layer and a base of its protocol
 * (1), or say why not (0, *why); whole_provider.c: remove what is left of
 * the providers of chains that could not be relinked. */
int ws2fix__repair_relink_chain(rctx *c, rview *v, rentry *e, ws2fix_msgid *why);
int ws2fix__repair_own_layer(const rentry *layer, const rentry *chain);      /* a layered entry of the chain's DLL */
int ws2fix__repair_foreign_layer(const rentry *layer, const rentry *chain);  /* a layered entry of another DLL */
int ws2fix__repair_serves(const rentry *base, const rentry *chain);          /* a base of the chain's (af, type, protocol) */
int ws2fix__repair_whole_providers(rctx *c);
void ws2fix__repair_surgical_protocol(rctx *c);
void ws2fix__repair_surgical_namespace(rctx *c);
void ws2fix__repair_transports(rctx *c);
void ws2fix__repair_reset_protocol(rctx *c);
/* 1 when it is known which catalogs the machine has (32-bit, or both):
 * the architecture, from --os, detection or the catalog's 64-bit keys. */
int ws2fix__repair_arch_known(const rctx *c);
/* ws2fix_repair_plan.removed_entries from the finished model (removed_entries.c). */
void ws2fix__repair_collect_removed_entries(rctx *c);
/* reinstall.c: a note per removed provider whose product is still installed
 * (a service or driver in its folder): the removal will not last. */
void ws2fix__repair_note_reinstalls(rctx *c);
void ws2fix__removed_entries_free(ws2fix_repair_plan *p);
int ws2fix__repair_fill_from_defaults(rctx *c, rentry *e, const ws2fix_baseline_protocol *row, uint32_t id);
void ws2fix__repair_fill_namespace_defaults(rctx *c, rentry *e, const ws2fix_baseline_namespace *row);
int ws2fix__repair_ensure_catalog_keys(rctx *c);

#endif

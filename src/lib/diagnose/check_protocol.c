/* SPDX-License-Identifier: MIT */
/*
 * Checks of the protocol catalog, each view on its own, then the two views
 * against each other.  Rules as docs/findings/ describes them; what counts as healthy was
 * checked against every real hive and export in shared/ (none of which may
 * produce an error).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag_internal.h"
#include "ws2fix/errors.h"
#include "ws2fix/providers.h"
#include "../../util/buf.h"
#include "../../util/utf.h"

const char *ws2fix__diag_entry_name(const ws2fix_protocol_entry *e)
{
	const char *d = ws2fix_known_display_name(e->item.protocol_name);
	if (!d && e->protocol_name_value)
		d = ws2fix_known_display_name(e->protocol_name_value);
	return d ? d : e->item.protocol_name;
}

/* An entry whose item can be trusted for the semantic checks: a damaged
 * one is reported once as ENTRY_MALFORMED, not again as an orphaned layer
 * or an unknown third-party provider made of garbage. */
int ws2fix__diag_entry_well_formed(const ws2fix_protocol_entry *e, int no_registry)
{
	const unsigned int broken = WS2FIX_ITEM_BAD_SIZE | WS2FIX_ITEM_PATH_NO_NUL | WS2FIX_ITEM_PATH_EMPTY |
		WS2FIX_ITEM_CHAIN_TOO_LONG | WS2FIX_ITEM_CHAIN_NEGATIVE;
	return e->has_item && !(e->item.problems & broken) && e->item.catalog_id >= 1001 &&
		(no_registry || e->item_type == WS2FIX_REG_BINARY);
}

static int well_formed(const diag_ctx *c, const ws2fix_protocol_entry *e)
{
	return ws2fix__diag_entry_well_formed(e, ws2fix__diag_no_registry(c));
}

/* The evidence of a finding about one protocol entry of view v. */
static void entry_evidence(diag_evidence *ev, enum ws2fix_view v, const ws2fix_protocol_entry *e)
{
	diag_evidence init = DIAG_EVIDENCE_INIT;
	*ev = init;
	ev->view = (int)v;
	ev->key = e->key;
	ev->catalog_id = &e->item.catalog_id;
	ev->path = e->item.library_path;
	ev->provider = ws2fix__diag_entry_name(e);
}

static const char *view_label(enum ws2fix_view v)
{
	return ws2fix_view_name(v);
}

/* "Protocol_Catalog9\Catalog_Entries64" style label of a view. */
static const char *view_key(const diag_ctx *c, enum ws2fix_view v)
{
	return c->cat->protocol[v].info.key;
}

static int is_entry_key(const char *k, unsigned long *num)
{
	if (strlen(k) != 12)
		return 0;
	unsigned long n = 0;
	for (int i = 0; i < 12; i++) {
		if (k[i] < '0' || k[i] > '9')
			return 0;
		n = n * 10 + (unsigned long)(k[i] - '0');
	}
	*num = n;
	return 1;
}

static int cmp_ulong(const void *a, const void *b)
{
	unsigned long x = *(const unsigned long *)a, y = *(const unsigned long *)b;
	return x < y ? -1 : x > y;
}

/*
 * Keys must be exactly 000000000001..N (facts.md: Windows loads 1..N in that
 * order).  Shared with the namespace checks through the key list.
 */
static void check_numbering(diag_ctx *c, const char *catalog, enum ws2fix_view v, const char *vkey,
	char *const *keys, size_t count, size_t stride)
{
	unsigned long *nums = count ? calloc(count, sizeof(*nums)) : NULL;
	if (count && !nums) {
		c->oom = 1;
		return;
	}
	const char *bad = NULL;
	size_t bad_pos = 0;
	for (size_t i = 0; i < count && !bad; i++) {
		const char *k = *(char *const *)((const char *)keys + i * stride);
		if (!is_entry_key(k, &nums[i])) {
			bad = k;
			bad_pos = i + 1;
		}
	}
	if (!bad) {
		qsort(nums, count, sizeof(*nums), cmp_ulong);
		for (size_t i = 0; i < count; i++) {
			if (nums[i] != i + 1) {
				/* Find the key that stands where i+1 should. */
				for (size_t k = 0; k < count; k++) {
					const char *kk = *(char *const *)((const char *)keys + k * stride);
					unsigned long n;
					if (is_entry_key(kk, &n) && n == nums[i]) {
						bad = kk;
						break;
					}
				}
				bad_pos = i + 1;
				break;
			}
		}
	}
	if (bad) {
		diag_evidence ev = DIAG_EVIDENCE_INIT;
		ev.catalog = catalog;
		ev.view = (int)v;
		ev.key = bad;
		ws2fix__diag_add(c, WS2FIX_F_ENTRY_NUMBERING, &ev, MSG_F_ENTRY_NUMBERING, vkey,
			count, bad, bad_pos);
	}
	free(nums);
}

void ws2fix__diag_check_entry_keys(diag_ctx *c, const char *catalog, enum ws2fix_view v, const char *vkey,
	char *const *first_key, size_t count, size_t stride, int has_declared, uint32_t declared,
	const char *counter_name)
{
	if (!has_declared || declared != count) {
		char val[16];
		snprintf(val, sizeof(val), "%u", declared);
		diag_evidence ev = DIAG_EVIDENCE_INIT;
		ev.catalog = catalog;
		ev.view = (int)v;
		ev.key = vkey;
		ws2fix__diag_add(c, WS2FIX_F_ENTRY_COUNT_MISMATCH, &ev, MSG_F_ENTRY_COUNT_MISMATCH, vkey, counter_name,
			has_declared ? val : ws2fix__diag_msg(c, MSG_F_ENTRY_COUNT_ABSENT), count);
	}
	check_numbering(c, catalog, v, vkey, first_key, count, stride);
}

static void malformed(diag_ctx *c, enum ws2fix_view v, const ws2fix_protocol_entry *e, const char *detail)
{
	diag_evidence ev = DIAG_EVIDENCE_INIT;
	ev.view = (int)v;
	ev.key = e->key;
	if (e->has_item) {
		ev.catalog_id = &e->item.catalog_id;
		ev.path = e->item.library_path;
		ev.provider = ws2fix__diag_entry_name(e);
	}
	ws2fix__diag_add(c, WS2FIX_F_ENTRY_MALFORMED, &ev, MSG_F_ENTRY_MALFORMED,
		view_key(c, v), e->key, detail);
}

/* Structural checks of one entry.  Returns 1 when the entry is usable for
 * the chain checks. */
static int check_item(diag_ctx *c, enum ws2fix_view v, const ws2fix_protocol_entry *e)
{
	ws2fix_buf d = WS2FIX_BUF_INIT;
	const ws2fix_protocol_item *it = &e->item;
	int usable = 1;
	if (!e->has_item) {
		malformed(c, v, e, ws2fix__diag_msg(c, MSG_DETAIL_NO_ITEM));
		return 0;
	}
	/* netsh text carries no registry type. */
	if (!ws2fix__diag_no_registry(c) && e->item_type != WS2FIX_REG_BINARY) {
		ws2fix__buf_printf(&d, ws2fix__diag_msg(c, MSG_DETAIL_NOT_BINARY), (unsigned)e->item_type);
		ws2fix__buf_puts(&d, "; ");
	}
	if (it->problems & WS2FIX_ITEM_BAD_SIZE) {
		ws2fix__buf_printf(&d, ws2fix__diag_msg(c, MSG_DETAIL_SIZE), it->raw_len);
		ws2fix__buf_puts(&d, "; ");
		usable = 0;
	}
	if (it->problems & WS2FIX_ITEM_PATH_NO_NUL) {
		ws2fix__buf_puts(&d, ws2fix__diag_msg(c, MSG_DETAIL_PATH_NO_NUL));
		ws2fix__buf_puts(&d, "; ");
	} else if (it->problems & WS2FIX_ITEM_PATH_EMPTY) {
		ws2fix__buf_puts(&d, ws2fix__diag_msg(c, MSG_DETAIL_PATH_EMPTY));
		ws2fix__buf_puts(&d, "; ");
	}
	if (it->problems & WS2FIX_ITEM_NAME_NO_NUL) {
		ws2fix__buf_puts(&d, ws2fix__diag_msg(c, MSG_DETAIL_NAME_NO_NUL));
		ws2fix__buf_puts(&d, "; ");
	}
	if (it->problems & (WS2FIX_ITEM_CHAIN_TOO_LONG | WS2FIX_ITEM_CHAIN_NEGATIVE)) {
		ws2fix__buf_printf(&d, ws2fix__diag_msg(c, MSG_DETAIL_CHAIN_LEN), it->chain_len);
		ws2fix__buf_puts(&d, "; ");
		usable = 0;
	}
	/* Ids start at 1001 on every version (facts.md). */
	if (it->catalog_id < 1001) {
		ws2fix__buf_printf(&d, ws2fix__diag_msg(c, MSG_DETAIL_CATALOG_ID), it->catalog_id);
		ws2fix__buf_puts(&d, "; ");
	}
	/* Address families are 16-bit (AF_* values, 0 .. 0xFFFF). */
	if (it->address_family < 0 || it->address_family > 0xFFFF) {
		ws2fix__buf_printf(&d, ws2fix__diag_msg(c, MSG_DETAIL_FAMILY), it->address_family);
		ws2fix__buf_puts(&d, "; ");
	}
	if (d.len) {
		d.len -= 2;
		d.ptr[d.len] = '\0';
		malformed(c, v, e, ws2fix__buf_cstr(&d));
	}
	ws2fix__buf_free(&d);
	return usable;
}

static void chain_broken(diag_ctx *c, enum ws2fix_view v, const ws2fix_protocol_entry *e, ws2fix_msgid msg,
	unsigned int arg)
{
	diag_evidence ev;
	entry_evidence(&ev, v, e);
	(ws2fix__diag_add)(c, WS2FIX_F_CHAIN_BROKEN, &ev, msg, ws2fix__diag_entry_name(e),
		e->item.catalog_id, arg);
}

/*
 * In every real catalog a chain's top is its own provider's layered entry
 * (the same DLL) and its base serves the chain's own protocol: Windows
 * copies the base's protocol info into the chain when an LSP installs it.
 * A chain on another DLL's layer hands that provider sockets it never
 * asked for (an LSP finds its place by its own layer's id), and a TCP
 * chain over the UDP base gets datagrams for a stream socket.
 */
static void check_chain_ends(diag_ctx *c, enum ws2fix_view v, const ws2fix_protocol_entry *e,
	const ws2fix_protocol_entry *top, const ws2fix_protocol_entry *base)
{
	const ws2fix_protocol_item *it = &e->item;
	if (top && top != e && well_formed(c, top) && top->item.chain_len == 0 &&
	    !ws2fix_provider_same_dll(top->item.library_path, it->library_path)) {
		diag_evidence ev;
		entry_evidence(&ev, v, e);
		ws2fix__diag_add(c, WS2FIX_F_CHAIN_BROKEN, &ev, MSG_F_CHAIN_FOREIGN_LAYER, ws2fix__diag_entry_name(e), it->catalog_id,
			it->library_path, ws2fix__diag_entry_name(top), top->item.catalog_id, top->item.library_path);
	}
	/* A family out of range is ENTRY_MALFORMED's, not reported twice. */
	if (base && well_formed(c, base) && it->address_family >= 0 && it->address_family <= 0xFFFF &&
	    (base->item.address_family != it->address_family || base->item.socket_type != it->socket_type ||
	     base->item.protocol != it->protocol)) {
		diag_evidence ev;
		entry_evidence(&ev, v, e);
		ws2fix__diag_add(c, WS2FIX_F_CHAIN_BROKEN, &ev, MSG_F_CHAIN_OTHER_PROTOCOL, ws2fix__diag_entry_name(e), it->catalog_id,
			(int)it->address_family, (int)it->socket_type, (int)it->protocol, ws2fix__diag_entry_name(base),
			base->item.catalog_id, (int)base->item.address_family, (int)base->item.socket_type,
			(int)base->item.protocol);
	}
}

static void check_chains(diag_ctx *c, enum ws2fix_view v)
{
	const ws2fix_protocol_view *pv = &c->cat->protocol[v];
	for (size_t i = 0; i < pv->info.count; i++) {
		const ws2fix_protocol_entry *e = &pv->entries[i];
		if (!e->has_item)
			continue;
		const ws2fix_protocol_item *it = &e->item;
		if (it->chain_len > WS2FIX_MAX_CHAIN_LEN) {
			/* "longer than 7" counts under both codes (docs/findings/CHAIN_BROKEN.md). */
			chain_broken(c, v, e, MSG_F_CHAIN_TOO_LONG, (unsigned)it->chain_len);
			continue;
		}
		if (it->chain_len < 2 || !well_formed(c, e))
			continue;
		int reported = 0;
		for (int k = 0; k < it->chain_len && !reported; k++) {
			if (!ws2fix_catalog_find_id(pv, it->chain[k])) {
				chain_broken(c, v, e, MSG_F_CHAIN_MISSING_ID, it->chain[k]);
				reported = 1;
			}
		}
		if (reported)
			continue;
		const ws2fix_protocol_entry *last = ws2fix_catalog_find_id(pv, it->chain[it->chain_len - 1]);
		if (last && last->item.chain_len != 1) {
			chain_broken(c, v, e, MSG_F_CHAIN_BAD_END, it->chain[it->chain_len - 1]);
			continue;
		}
		check_chain_ends(c, v, e, ws2fix_catalog_find_id(pv, it->chain[0]), last);
	}
}

static int id_used_in_chain(const ws2fix_protocol_view *pv, uint32_t id)
{
	for (size_t i = 0; i < pv->info.count; i++) {
		const ws2fix_protocol_item *it = &pv->entries[i].item;
		if (!pv->entries[i].has_item || it->chain_len < 2 || it->chain_len > WS2FIX_MAX_CHAIN_LEN)
			continue;
		for (int k = 0; k < it->chain_len; k++)
			if (it->chain[k] == id)
				return 1;
	}
	return 0;
}

static void check_orphans(diag_ctx *c, enum ws2fix_view v)
{
	const ws2fix_protocol_view *pv = &c->cat->protocol[v];
	for (size_t i = 0; i < pv->info.count; i++) {
		const ws2fix_protocol_entry *e = &pv->entries[i];
		if (!well_formed(c, e) || e->item.chain_len != 0)
			continue;
		if (!id_used_in_chain(pv, e->item.catalog_id)) {
			diag_evidence ev;
			entry_evidence(&ev, v, e);
			ws2fix__diag_add(c, WS2FIX_F_LAYER_ORPHANED, &ev, MSG_F_LAYER_ORPHANED,
				ws2fix__diag_entry_name(e), e->item.catalog_id);
		}
	}
}

static void check_duplicates(diag_ctx *c, enum ws2fix_view v)
{
	const ws2fix_protocol_view *pv = &c->cat->protocol[v];
	for (size_t i = 0; i < pv->info.count; i++) {
		const ws2fix_protocol_entry *a = &pv->entries[i];
		if (!well_formed(c, a))
			continue;
		for (size_t k = 0; k < i; k++) {
			const ws2fix_protocol_entry *b = &pv->entries[k];
			if (well_formed(c, b) && b->item.catalog_id == a->item.catalog_id) {
				diag_evidence ev;
				entry_evidence(&ev, v, a);
				ws2fix__diag_add(c, WS2FIX_F_DUPLICATE_CATALOG_ID, &ev, MSG_F_DUPLICATE_CATALOG_ID, view_key(c, v), a->item.catalog_id, b->key, a->key);
				break;
			}
		}
	}
}

/* Each distinct provider DLL is probed once per view; entries sharing it
 * (an LSP's hidden entry and its chains) all report it missing, since
 * each one fails to load. */
static void check_dlls(diag_ctx *c, enum ws2fix_view v)
{
	const ws2fix_protocol_view *pv = &c->cat->protocol[v];
	if (!c->o->probe) {
		ws2fix__diag_skip_no_probe(c);
		return;
	}
	for (size_t i = 0; i < pv->info.count; i++) {
		const ws2fix_protocol_entry *e = &pv->entries[i];
		if (!well_formed(c, e))
			continue;
		if (c->o->probe->exists(c->o->probe->payload, e->item.library_path, v) != WS2FIX_EXISTS_NO)
			continue;
		diag_evidence ev;
		entry_evidence(&ev, v, e);
		ws2fix__diag_add(c, WS2FIX_F_PROVIDER_DLL_MISSING, &ev, MSG_F_PROVIDER_DLL_MISSING, ws2fix__diag_entry_name(e), e->item.catalog_id,
			ws2fix_entry_kind_name(ws2fix_protocol_item_kind(&e->item)), e->item.library_path);
	}
}

/* The label and advice of a third-party provider's finding (the knowledge
 * base's row, providers.def). */
static void known_label(const diag_ctx *c, ws2fix_buf *label, ws2fix_buf *advice, const ws2fix_known_provider *kp,
	const char *path)
{
	static const ws2fix_msgid advice_msg[] = {
		[WS2FIX_KB_ADVICE_KEEP] = MSG_KB_ADVICE_KEEP, [WS2FIX_KB_ADVICE_EXCLUDE] = MSG_KB_ADVICE_EXCLUDE,
		[WS2FIX_KB_ADVICE_UPDATE] = MSG_KB_ADVICE_UPDATE, [WS2FIX_KB_ADVICE_UNINSTALL] = MSG_KB_ADVICE_UNINSTALL,
		[WS2FIX_KB_ADVICE_REMOVE] = MSG_KB_ADVICE_REMOVE, [WS2FIX_KB_ADVICE_CHECK] = MSG_KB_ADVICE_CHECK,
	};
	if (!kp) {
		ws2fix__buf_puts(label, ws2fix__diag_msg(c, MSG_LABEL_UNKNOWN));
		return;
	}
	const char *who = kp->vendor ? kp->vendor : (kp->product ? kp->product : ws2fix_provider_dll_name(path));
	ws2fix_msgid m = kp->label == WS2FIX_LABEL_PUP ? MSG_LABEL_PUP
		: kp->label == WS2FIX_LABEL_UNKNOWN ? MSG_LABEL_NAMED : MSG_LABEL_KNOWN_GOOD;
	(ws2fix__buf_printf)(label, ws2fix__diag_msg(c, m), who);
	/* Rows taken over from the first list (HJT safelist, Microsoft) keep
	 * their old message: advice only where a source says what it is. */
	if (kp->category == WS2FIX_KB_CAT_UNKNOWN || kp->category == WS2FIX_KB_CAT_WINDOWS)
		return;
	if ((unsigned)kp->advice < sizeof(advice_msg) / sizeof(advice_msg[0]))
		ws2fix__buf_puts(advice, ws2fix__diag_msg(c, advice_msg[kp->advice]));
	if (kp->flags & WS2FIX_KB_MANAGED)
		ws2fix__buf_puts(advice, ws2fix__diag_msg(c, MSG_KB_MANAGED));
}

/*
 * Third-party providers: one finding per distinct DLL in a view (an LSP's
 * hidden entry and its chains share one DLL), labelled from the project's
 * list of known providers.
 */
static void check_third_party(diag_ctx *c, enum ws2fix_view v)
{
	const ws2fix_protocol_view *pv = &c->cat->protocol[v];
	for (size_t i = 0; i < pv->info.count; i++) {
		const ws2fix_protocol_entry *e = &pv->entries[i];
		if (!well_formed(c, e) || ws2fix_provider_is_microsoft(&e->item.provider_id, e->item.library_path))
			continue;
		/* A Microsoft ProviderId on a DLL that is not Microsoft's in a
		 * system folder: how ZeroAccess hijacked catalog entries (a bare
		 * "mswsock.dll" under the MSAFD NetBIOS id; corpus observations).
		 * Every such entry is reported on its own. */
		if (ws2fix_provider_is_microsoft(&e->item.provider_id, NULL)) {
			diag_evidence ev;
			entry_evidence(&ev, v, e);
			ws2fix__diag_add(c, WS2FIX_F_KNOWN_MALICIOUS_PROVIDER, &ev, MSG_F_IMPERSONATION,
				ws2fix__diag_entry_name(e), e->item.catalog_id, e->item.library_path);
			continue;
		}
		int seen = 0;
		for (size_t k = 0; k < i && !seen; k++) {
			const ws2fix_protocol_entry *p = &pv->entries[k];
			seen = well_formed(c, p) && !ws2fix_provider_is_microsoft(&p->item.provider_id, p->item.library_path) &&
				!ws2fix__strcasecmp(p->item.library_path, e->item.library_path);
		}
		if (seen)
			continue;
		/* Report the hidden layered entry when the LSP has one. */
		const ws2fix_protocol_entry *rep = e;
		for (size_t k = i; k < pv->info.count; k++) {
			const ws2fix_protocol_entry *p = &pv->entries[k];
			if (well_formed(c, p) && p->item.chain_len == 0 &&
			    !ws2fix__strcasecmp(p->item.library_path, e->item.library_path)) {
				rep = p;
				break;
			}
		}
		const ws2fix_known_provider *kp = ws2fix_known_provider_match(rep->item.library_path, &rep->item.provider_id);
		diag_evidence ev;
		entry_evidence(&ev, v, rep);
		ev.vendor = kp ? kp->vendor : NULL;
		if (kp && kp->label == WS2FIX_LABEL_KNOWN_BAD) {
			ws2fix__diag_add(c, WS2FIX_F_KNOWN_MALICIOUS_PROVIDER, &ev, MSG_F_KNOWN_MALICIOUS_PROVIDER, ws2fix__diag_entry_name(rep), rep->item.library_path,
				kp->vendor ? kp->vendor : ws2fix_provider_dll_name(rep->item.library_path));
			continue;
		}
		ws2fix_buf label = WS2FIX_BUF_INIT, advice = WS2FIX_BUF_INIT;
		known_label(c, &label, &advice, kp, rep->item.library_path);
		int layered = rep->item.chain_len != 1;
		ws2fix__diag_add(c, WS2FIX_F_THIRD_PARTY_PROVIDER, &ev, MSG_F_THIRD_PARTY_PROVIDER,
			ws2fix__diag_msg(c, layered ? MSG_KIND_LAYERED : MSG_KIND_BASE), ws2fix__diag_entry_name(rep),
			rep->item.library_path, ws2fix__buf_cstr(&label), ws2fix__buf_cstr(&advice));
		ws2fix__buf_free(&label);
		ws2fix__buf_free(&advice);
	}
}

const char *ws2fix__diag_tcp_or_udp(const ws2fix_protocol_item *it)
{
	if (it->address_family != 2 && it->address_family != 23)
		return NULL;
	if (it->protocol == 6 || (it->protocol == 0 && it->socket_type == 1))
		return "TCP";
	if (it->protocol == 17 || (it->protocol == 0 && it->socket_type == 2))
		return "UDP";
	return NULL;
}

/*
 * Non-IFS layered providers: one warning per provider DLL and view, on its
 * first TCP or UDP chain entry without XP1_IFS_HANDLES.  The catalog is
 * whole (a warning, never a repair step): what suffers is the programs.
 */
static void check_non_ifs(diag_ctx *c, enum ws2fix_view v)
{
	const ws2fix_protocol_view *pv = &c->cat->protocol[v];
	for (size_t i = 0; i < pv->info.count; i++) {
		const ws2fix_protocol_entry *e = &pv->entries[i];
		const char *proto = well_formed(c, e) && e->item.chain_len >= 2 ? ws2fix__diag_tcp_or_udp(&e->item) : NULL;
		if (!proto || (e->item.service_flags[0] & XP1_IFS_HANDLES) ||
		    ws2fix_provider_is_microsoft(&e->item.provider_id, e->item.library_path))
			continue;
		int seen = 0;
		for (size_t k = 0; k < i && !seen; k++) {
			const ws2fix_protocol_entry *p = &pv->entries[k];
			seen = well_formed(c, p) && p->item.chain_len >= 2 && ws2fix__diag_tcp_or_udp(&p->item) &&
				!(p->item.service_flags[0] & XP1_IFS_HANDLES) &&
				!ws2fix__strcasecmp(p->item.library_path, e->item.library_path);
		}
		if (seen)
			continue;
		const ws2fix_known_provider *kp = ws2fix_known_provider_match(e->item.library_path, &e->item.provider_id);
		diag_evidence ev;
		entry_evidence(&ev, v, e);
		ev.vendor = kp ? kp->vendor : NULL;
		ws2fix_buf who = WS2FIX_BUF_INIT;
		if (kp && (kp->vendor || kp->product))
			ws2fix__buf_printf(&who, ", %s", kp->vendor ? kp->vendor : kp->product);
		ws2fix__diag_add(c, WS2FIX_F_NON_IFS_LAYERED_PROVIDER, &ev, MSG_F_NON_IFS_LAYERED_PROVIDER, ws2fix__diag_entry_name(e),
			e->item.catalog_id, e->item.library_path, ws2fix__buf_cstr(&who), proto);
		ws2fix__buf_free(&who);
	}
}

/* ProviderIds copied from public sample LSPs (providers.def, COPIED_SAMPLE):
 * a warning whatever the DLL, once per GUID and view. */
static void check_sample_guids(diag_ctx *c, enum ws2fix_view v)
{
	const ws2fix_protocol_view *pv = &c->cat->protocol[v];
	for (size_t i = 0; i < pv->info.count; i++) {
		const ws2fix_protocol_entry *e = &pv->entries[i];
		const ws2fix_known_provider *kp = well_formed(c, e) ? ws2fix_known_sample_guid(&e->item.provider_id) : NULL;
		int seen = 0;
		for (size_t k = 0; kp && k < i && !seen; k++)
			seen = well_formed(c, &pv->entries[k]) &&
				ws2fix_guid_equal(&pv->entries[k].item.provider_id, &e->item.provider_id);
		if (!kp || seen)
			continue;
		char guid[39];
		ws2fix_guid_format(guid, &e->item.provider_id);
		diag_evidence ev;
		entry_evidence(&ev, v, e);
		ws2fix__diag_add(c, WS2FIX_F_COPIED_SAMPLE_GUID, &ev, MSG_F_COPIED_SAMPLE_GUID, ws2fix__diag_entry_name(e),
			e->item.catalog_id, e->item.library_path, guid, kp->product ? kp->product : kp->source);
	}
}

/* An LSP installs one hidden entry per view, often under a DLL or name that
 * differs only by a "64" suffix (Tencent's ierd_tgp_lsp / ierd_tgp_lsp64 in
 * the real export).  Compare stems without such suffixes. */
static void stem(char *out, size_t outsz, const char *s, int is_path)
{
	const char *b = is_path ? ws2fix_provider_dll_name(s) : s;
	size_t n = 0;
	for (; b[n] && n + 1 < outsz; n++)
		out[n] = (char)((b[n] >= 'A' && b[n] <= 'Z') ? b[n] + 32 : b[n]);
	out[n] = '\0';
	if (is_path && n > 4 && !strcmp(out + n - 4, ".dll"))
		out[n -= 4] = '\0';
	static const char *const suffixes[] = {"_x64", "-x64", "x64", "_64", "-64", "64", "_32", "32"};
	for (size_t i = 0; i < sizeof(suffixes) / sizeof(suffixes[0]); i++) {
		size_t l = strlen(suffixes[i]);
		if (n > l && !strcmp(out + n - l, suffixes[i])) {
			out[n - l] = '\0';
			break;
		}
	}
}

static int has_counterpart(const diag_ctx *c, const ws2fix_protocol_view *other, const ws2fix_protocol_entry *e)
{
	char a1[300], a2[300], b1[300], b2[300];
	stem(a1, sizeof(a1), e->item.library_path, 1);
	stem(a2, sizeof(a2), e->item.protocol_name, 0);
	for (size_t i = 0; i < other->info.count; i++) {
		const ws2fix_protocol_entry *o = &other->entries[i];
		if (!well_formed(c, o) || o->item.chain_len != 0)
			continue;
		if (ws2fix_guid_equal(&o->item.provider_id, &e->item.provider_id))
			return 1;
		stem(b1, sizeof(b1), o->item.library_path, 1);
		stem(b2, sizeof(b2), o->item.protocol_name, 0);
		if (!strcmp(a1, b1) || (a2[0] && !strcmp(a2, b2)))
			return 1;
	}
	return 0;
}

static void check_view_mismatch(diag_ctx *c)
{
	const ws2fix_protocol_view *views = c->cat->protocol;
	if (!views[0].info.present || !views[1].info.present)
		return;
	for (int v = 0; v < 2; v++) {
		const ws2fix_protocol_view *pv = &views[v], *other = &views[1 - v];
		for (size_t i = 0; i < pv->info.count; i++) {
			const ws2fix_protocol_entry *e = &pv->entries[i];
			if (!well_formed(c, e) || e->item.chain_len != 0 || has_counterpart(c, other, e))
				continue;
			diag_evidence ev = DIAG_EVIDENCE_INIT;
			ev.view = v;
			ev.key = e->key;
			ev.catalog_id = &e->item.catalog_id;
			ev.path = e->item.library_path;
			ev.provider = ws2fix__diag_entry_name(e);
			ws2fix__diag_add(c, WS2FIX_F_VIEW_MISMATCH, &ev, MSG_F_VIEW_MISMATCH,
				ws2fix__diag_entry_name(e), view_label((enum ws2fix_view)v), view_label((enum ws2fix_view)(1 - v)));
		}
	}
}

static void check_next_id(diag_ctx *c)
{
	uint32_t max = 0;
	int any = 0;
	for (int v = 0; v < 2; v++) {
		const ws2fix_protocol_view *pv = &c->cat->protocol[v];
		for (size_t i = 0; i < pv->info.count; i++) {
			if (pv->entries[i].has_item && !(pv->entries[i].item.problems & WS2FIX_ITEM_BAD_SIZE)) {
				any = 1;
				if (pv->entries[i].item.catalog_id > max)
					max = pv->entries[i].item.catalog_id;
			}
		}
	}
	if (!any)
		return;
	if (!c->cat->has_next_id || c->cat->next_id <= max) {
		char val[16];
		snprintf(val, sizeof(val), "%u", c->cat->next_id);
		diag_evidence ev = DIAG_EVIDENCE_INIT;
		ev.key = c->cat->protocol_catalog_name;
		ws2fix__diag_add(c, WS2FIX_F_NEXT_ID_INVALID, &ev, MSG_F_NEXT_ID_INVALID,
			c->cat->has_next_id ? val : ws2fix__diag_msg(c, MSG_F_ENTRY_COUNT_ABSENT), max);
	}
}

void ws2fix__diag_check_protocol(diag_ctx *c)
{
	static const char *const counters[2] = {"Num_Catalog_Entries", "Num_Catalog_Entries64"};
	for (int vi = 0; vi < 2; vi++) {
		enum ws2fix_view v = (enum ws2fix_view)vi;
		const ws2fix_protocol_view *pv = &c->cat->protocol[v];
		if (!pv->info.present)
			continue;
		if (pv->info.count == 0) {
			diag_evidence ev = DIAG_EVIDENCE_INIT;
			ev.view = vi;
			ev.key = pv->info.key;
			ws2fix__diag_add(c, WS2FIX_F_CATALOG_EMPTY, &ev, MSG_F_CATALOG_EMPTY, pv->info.key);
			continue;
		}
		if (!ws2fix__diag_no_registry(c))
			ws2fix__diag_check_entry_keys(c, "protocol", v, pv->info.key, &pv->entries[0].key, pv->info.count,
				sizeof(pv->entries[0]), pv->info.has_declared_count, pv->info.declared_count, counters[vi]);
		for (size_t i = 0; i < pv->info.count; i++)
			check_item(c, v, &pv->entries[i]);
		check_duplicates(c, v);
		check_chains(c, v);
		check_orphans(c, v);
		check_dlls(c, v);
		check_third_party(c, v);
		check_non_ifs(c, v);
		check_sample_guids(c, v);
	}
	check_view_mismatch(c);
	if (!ws2fix__diag_no_registry(c))
		check_next_id(c);
}

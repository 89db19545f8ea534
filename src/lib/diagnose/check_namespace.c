/* SPDX-License-Identifier: MIT */
/* Checks of the name space catalog (NameSpace_Catalog5), each view alone. */
#include <stdio.h>
#include <string.h>

#include "diag_internal.h"
#include "ws2fix/errors.h"
#include "ws2fix/providers.h"

/* The DNS name space provider every Windows NT version registers
 * (facts.md: {22059D40-...}, ns 12 = NS_DNS; all 9 real hives have it). */
static const ws2fix_guid dns_provider = {0x22059D40, 0x7E9E, 0x11CF, {0xAE, 0x5A, 0x00, 0xAA, 0x00, 0xA7, 0x11, 0x2B}};

static const char *ns_name(const ws2fix_namespace_entry *e)
{
	const char *d = ws2fix_known_display_name(e->display_string);
	return d ? d : (e->display_string ? e->display_string : e->key);
}

static void ns_evidence(diag_evidence *ev, enum ws2fix_view v, const ws2fix_namespace_entry *e)
{
	diag_evidence init = DIAG_EVIDENCE_INIT;
	*ev = init;
	ev->catalog = "namespace";
	ev->view = (int)v;
	ev->key = e->key;
	ev->path = e->library_path;
	ev->provider = ns_name(e);
}

static void check_entry(diag_ctx *c, enum ws2fix_view v, const ws2fix_namespace_view *nv,
	const ws2fix_namespace_entry *e)
{
	ws2fix_msgid problem = WS2FIX_MSG_COUNT;
	int netsh = ws2fix__diag_no_registry(c);
	/* netsh prints no LibraryPath: its absence there is not damage. */
	if (!netsh && (!e->library_path ||
		       (e->library_path_type != WS2FIX_REG_SZ && e->library_path_type != WS2FIX_REG_EXPAND_SZ)))
		problem = MSG_DETAIL_NS_NO_PATH;
	else if (!netsh && !e->library_path[0])
		problem = MSG_DETAIL_NS_EMPTY_PATH;
	else if (!e->provider_id_present)
		problem = MSG_DETAIL_NS_NO_ID;
	else if (!e->has_provider_id)
		problem = MSG_DETAIL_NS_BAD_ID;
	else if (!e->namespace_present)
		problem = MSG_DETAIL_NS_NO_NS;
	else if (!e->has_namespace)
		problem = MSG_DETAIL_NS_BAD_NS;
	diag_evidence ev;
	ns_evidence(&ev, v, e);
	if (problem != WS2FIX_MSG_COUNT) {
		ws2fix__diag_add(c, WS2FIX_F_NAMESPACE_MALFORMED, &ev, MSG_F_NAMESPACE_MALFORMED,
			nv->info.key, e->key, ws2fix__diag_msg(c, problem));
	}
	if (e->library_path && e->library_path[0] && c->o->probe &&
	    c->o->probe->exists(c->o->probe->payload, e->library_path, v) == WS2FIX_EXISTS_NO)
		ws2fix__diag_add(c, WS2FIX_F_NAMESPACE_DLL_MISSING, &ev, MSG_F_NAMESPACE_DLL_MISSING, ns_name(e), e->key, e->library_path);
}

static void check_duplicates(diag_ctx *c, enum ws2fix_view v, const ws2fix_namespace_view *nv)
{
	for (size_t i = 0; i < nv->info.count; i++) {
		const ws2fix_namespace_entry *a = &nv->entries[i];
		if (!a->has_provider_id)
			continue;
		for (size_t k = 0; k < i; k++) {
			const ws2fix_namespace_entry *b = &nv->entries[k];
			if (b->has_provider_id && ws2fix_guid_equal(&a->provider_id, &b->provider_id)) {
				char g[39];
				ws2fix_guid_format(g, &a->provider_id);
				diag_evidence ev;
				ns_evidence(&ev, v, a);
				ws2fix__diag_add(c, WS2FIX_F_NAMESPACE_DUPLICATE_ID, &ev, MSG_F_NAMESPACE_DUPLICATE_ID, nv->info.key, g, b->key, a->key);
				break;
			}
		}
	}
}

static void check_third_party(diag_ctx *c, enum ws2fix_view v, const ws2fix_namespace_view *nv)
{
	for (size_t i = 0; i < nv->info.count; i++) {
		const ws2fix_namespace_entry *e = &nv->entries[i];
		if (!e->has_provider_id)
			continue;
		if (ws2fix_provider_is_microsoft(&e->provider_id, e->library_path))
			continue;
		/* netsh gives no path: a Microsoft GUID there is taken as Microsoft. */
		if (!e->library_path && ws2fix_provider_is_microsoft(&e->provider_id, NULL))
			continue;
		const ws2fix_known_provider *kp = e->library_path ? ws2fix_known_provider_match(e->library_path, &e->provider_id) : NULL;
		diag_evidence ev;
		ns_evidence(&ev, v, e);
		ev.vendor = kp ? kp->vendor : NULL;
		if (kp && kp->label == WS2FIX_LABEL_KNOWN_BAD) {
			ws2fix__diag_add(c, WS2FIX_F_KNOWN_MALICIOUS_PROVIDER, &ev, MSG_F_KNOWN_MALICIOUS_PROVIDER, ns_name(e), e->library_path, kp->vendor ? kp->vendor : "");
			continue;
		}
		char label[256];
		if (!kp)
			snprintf(label, sizeof(label), "%s", ws2fix__diag_msg(c, MSG_LABEL_UNKNOWN));
		else
			snprintf(label, sizeof(label),
				ws2fix__diag_msg(c, kp->label == WS2FIX_LABEL_PUP ? MSG_LABEL_PUP
					: kp->label == WS2FIX_LABEL_UNKNOWN ? MSG_LABEL_NAMED : MSG_LABEL_KNOWN_GOOD),
				kp->vendor ? kp->vendor : (kp->product ? kp->product : ""));
		ws2fix__diag_add(c, WS2FIX_F_THIRD_PARTY_PROVIDER, &ev, MSG_F_THIRD_PARTY_PROVIDER,
			ws2fix__diag_msg(c, MSG_KIND_NAMESPACE), ns_name(e), e->library_path ? e->library_path : "", label, "");
	}
}

void ws2fix__diag_check_namespace(diag_ctx *c)
{
	static const char *const counters[2] = {"Num_Catalog_Entries", "Num_Catalog_Entries64"};
	if (!c->cat->namespace_catalog_present)
		return;
	for (int vi = 0; vi < 2; vi++) {
		enum ws2fix_view v = (enum ws2fix_view)vi;
		const ws2fix_namespace_view *nv = &c->cat->namespaces[v];
		if (!nv->info.present)
			continue;
		diag_evidence ev = DIAG_EVIDENCE_INIT;
		ev.catalog = "namespace";
		ev.view = vi;
		ev.key = nv->info.key;
		if (nv->info.count == 0) {
			ws2fix__diag_add(c, WS2FIX_F_CATALOG_EMPTY, &ev, MSG_F_CATALOG_EMPTY, nv->info.key);
			continue;
		}
		if (!ws2fix__diag_no_registry(c))
			ws2fix__diag_check_entry_keys(c, "namespace", v, nv->info.key, &nv->entries[0].key, nv->info.count,
				sizeof(nv->entries[0]), nv->info.has_declared_count, nv->info.declared_count, counters[vi]);
		int has_dns = 0;
		for (size_t i = 0; i < nv->info.count; i++) {
			check_entry(c, v, nv, &nv->entries[i]);
			if (nv->entries[i].has_provider_id && ws2fix_guid_equal(&nv->entries[i].provider_id, &dns_provider))
				has_dns = 1;
		}
		check_duplicates(c, v, nv);
		check_third_party(c, v, nv);
		if (!has_dns)
			ws2fix__diag_add(c, WS2FIX_F_NAMESPACE_PROVIDER_MISSING, &ev, MSG_F_NAMESPACE_PROVIDER_MISSING, ws2fix_view_name(v));
	}
	if (ws2fix__diag_no_registry(c))
		ws2fix__diag_skip(c, MSG_SKIP_NS_DLL_NETSH);
	else if (!c->o->probe)
		ws2fix__diag_skip_no_probe(c);
}

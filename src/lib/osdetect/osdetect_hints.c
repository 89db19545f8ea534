/* SPDX-License-Identifier: MIT */
/* What a catalog itself says of the Windows that wrote it. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "osdetect_internal.h"
#include "../errors_internal.h"
#include "../platform.h"
#include "ws2fix/providers.h"
#include "../../util/utf.h"

/* ---- What the catalog itself says. ---- */


int ws2fix__os_contains_nocase(const char *hay, const char *needle)
{
	size_t n = strlen(needle);
	for (; hay && *hay; hay++)
		if (ws2fix__strncasecmp(hay, needle, n) == 0)
			return 1;
	return 0;
}

void ws2fix__os_read_hints(cat_hints *h, const ws2fix_catalog *cat)
{
	static const ws2fix_guid g_afunix = WS2FIX_GUID_AFUNIX, g_hyperv = WS2FIX_GUID_HYPERV,
		g_tcp6 = WS2FIX_GUID_MSAFD_TCPIP6, g_rsvp = WS2FIX_GUID_RSVP, g_nla = WS2FIX_GUID_NS_NLA;
	memset(h, 0, sizeof(*h));
	if (!cat)
		return;
	h->has64 = cat->protocol[WS2FIX_VIEW_64].info.present && cat->protocol[WS2FIX_VIEW_64].info.count > 0;
	for (int v = 0; v < 2; v++) {
		const ws2fix_protocol_view *pv = &cat->protocol[v];
		for (size_t i = 0; i < pv->info.count; i++) {
			const ws2fix_protocol_entry *e = &pv->entries[i];
			if (!e->has_item)
				continue;
			const ws2fix_protocol_item *it = &e->item;
			const char *dll = ws2fix_provider_dll_name(it->library_path);
			h->entries = 1;
			if (e->protocol_name_value)
				h->protocol_name_values = 1;
			if (ws2fix__os_contains_nocase(it->protocol_name, "mswsock.dll,-60"))
				h->names_mswsock = 1;
			if (ws2fix__os_contains_nocase(it->protocol_name, "wshtcpip.dll,-60") ||
			    ws2fix__os_contains_nocase(it->protocol_name, "wship6.dll,-60"))
				h->names_wsh = 1;
			if (ws2fix_guid_equal(&it->provider_id, &g_afunix))
				h->afunix = 1;
			else if (ws2fix_guid_equal(&it->provider_id, &g_hyperv))
				h->hyperv = 1;
			else if (ws2fix_guid_equal(&it->provider_id, &g_tcp6))
				h->ipv6 = 1;
			else if (ws2fix_guid_equal(&it->provider_id, &g_rsvp)) {
				if (it->address_family == 23)
					h->rsvp_v6 = 1;
				if (dll && ws2fix__strcasecmp(dll, "rsvpsp.dll") == 0)
					h->rsvpsp = 1;
				else if (dll && ws2fix__strcasecmp(dll, "mswsock.dll") == 0 && it->version == 6)
					h->rsvp_mswsock_v6 = 1;
			}
		}
		const ws2fix_namespace_view *nv = &cat->namespaces[v];
		for (size_t i = 0; i < nv->info.count; i++) {
			const ws2fix_namespace_entry *e = &nv->entries[i];
			const char *dll = ws2fix_provider_dll_name(e->library_path);
			if (!dll)
				continue;
			if (ws2fix__strcasecmp(dll, "nlaapi.dll") == 0 || ws2fix__strcasecmp(dll, "napinsp.dll") == 0 ||
			    ws2fix__strcasecmp(dll, "pnrpnsp.dll") == 0 || ws2fix__strcasecmp(dll, "nlansp_c.dll") == 0)
				h->ns_vista = 1;
			if (e->has_provider_id && ws2fix_guid_equal(&e->provider_id, &g_nla) &&
			    ws2fix__strcasecmp(dll, "mswsock.dll") == 0)
				h->ns_nla_mswsock = 1;
		}
	}
}

/* The family the catalog points to, with a short reason; *min_build gets a
 * lower bound on the build when the catalog implies one. */
ws2fix_os_family ws2fix__os_hints_family(const cat_hints *h, const char **why, uint32_t *min_build)
{
	*min_build = 0;
	*why = NULL;
	if (h->afunix) {
		*min_build = AFUNIX_FIRST_BUILD;
		*why = "AF_UNIX provider (10 1803+)";
		return WS2FIX_OS_10;
	}
	if (h->hyperv) {
		*why = "Hyper-V RAW provider (10+)";
		return WS2FIX_OS_10;
	}
	if (h->names_mswsock) {
		*why = "names in mswsock.dll (8 or later)";
		return WS2FIX_OS_8;
	}
	if (h->names_wsh || h->protocol_name_values) {
		*why = "ProtocolName values, names in wshtcpip.dll (7)";
		return WS2FIX_OS_7;
	}
	if (h->ns_vista || h->rsvp_v6) {
		*why = "NLAapi/napinsp/pnrpnsp namespaces or RSVP over IPv6, no ProtocolName (Vista or later)";
		return WS2FIX_OS_VISTA;
	}
	if (h->rsvp_mswsock_v6) {
		*why = "RSVP iVersion 6 in mswsock.dll (XP x64 / 2003)";
		return WS2FIX_OS_2003;
	}
	if (h->rsvpsp) {
		*why = h->ns_nla_mswsock ? "rsvpsp.dll with the NLA namespace (XP)" : "rsvpsp.dll without NLA (2000)";
		return h->ns_nla_mswsock ? WS2FIX_OS_XP : WS2FIX_OS_2000;
	}
	if (h->ns_nla_mswsock) {
		*why = h->has64 ? "NLA namespace in mswsock.dll, 64-bit catalog (XP x64 / 2003)"
				: "NLA namespace in mswsock.dll (XP)";
		return h->has64 ? WS2FIX_OS_2003 : WS2FIX_OS_XP;
	}
	return WS2FIX_OS_UNKNOWN;
}

/* Default major.minor of a family when only the family is known. */
void ws2fix__os_family_version(ws2fix_osinfo *o)
{
	switch (o->family) {
	case WS2FIX_OS_2000: o->major = 5; o->minor = 0; break;
	case WS2FIX_OS_XP: o->major = 5; o->minor = 1; break;
	case WS2FIX_OS_2003: o->major = 5; o->minor = 2; break;
	case WS2FIX_OS_VISTA: o->major = 6; o->minor = 0; break;
	case WS2FIX_OS_7: o->major = 6; o->minor = 1; break;
	case WS2FIX_OS_10: o->major = 10; o->minor = 0; break;
	case WS2FIX_OS_8: /* 6.2 or 6.3: not known */
	case WS2FIX_OS_UNKNOWN:
	default: break;
	}
}

void ws2fix__os_arch_from_env(ws2fix_osinfo *o, const char *env)
{
	if (!env)
		return;
	if (!ws2fix__strcasecmp(env, "x86"))
		snprintf(o->arch, sizeof(o->arch), "x86");
	else if (!ws2fix__strcasecmp(env, "AMD64"))
		snprintf(o->arch, sizeof(o->arch), "x64");
	else if (!ws2fix__strcasecmp(env, "ARM64"))
		snprintf(o->arch, sizeof(o->arch), "arm64");
	else if (!ws2fix__strcasecmp(env, "IA64"))
		snprintf(o->arch, sizeof(o->arch), "ia64");
}

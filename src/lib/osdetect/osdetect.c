/* SPDX-License-Identifier: MIT */
/*
 * Which Windows wrote a registry: from a SOFTWARE hive when there is one,
 * else from the SYSTEM hive alone, else from what the catalog holds.
 *
 * SYSTEM-only detection rests on driver versions, because nothing in a
 * SYSTEM hive states the Windows version directly (checked on the 9 real
 * hives): Windows 8+ keep every staged driver package under
 * DriverDatabase\DriverPackages with a REG_BINARY "Version" (48 bytes; the
 * DriverVer quad is the little-endian QWORD at offset 32, followed by 8 zero
 * bytes), and every version keeps Control\Class\{class}\NNNN "DriverVersion"
 * strings for installed devices.  Inbox (Provider "Microsoft") drivers carry
 * the OS build, so the most common major.minor.build among them is the
 * build.  Control\Windows gives the service pack (CSDVersion, 0x300 = SP3)
 * and the revision (CSDBuildNumber: 17514 on 7 SP1, 1288 on the 19041 hive,
 * matching its newest drivers).  Setup\Source OS keys hold the OS a feature
 * update replaced: a lower bound only.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../errors_internal.h"
#include "../platform.h"
#include "ws2fix/osinfo.h"
#include "ws2fix/providers.h"
#include "ws2fix/sys/backend.h"
#include "../../util/utf.h"

/* Bounds on hostile input: a real hive has ~240 driver packages and ~100
 * device classes. */
#define MAX_PACKAGES 20000
#define MAX_CLASS_KEYS 4000

/*
 * Windows 10/11/Server builds and their release names.  Source: Microsoft's
 * release information pages (learn.microsoft.com/windows/release-health:
 * "Windows 10 release information", "Windows 11 release information",
 * "Windows Server release information").  `base` is set on builds that
 * later releases share through enablement packages: drivers keep the base
 * build, so a build read from drivers names all of them.
 */
typedef struct build_row {
	uint32_t build;
	const char *release;
	const char *base;   /* releases sharing this base build, or NULL */
	const char *server; /* the LTSC server of this build, or NULL */
	const char *server_id;
} build_row;

static const build_row builds[] = {
	{10240, "1507", NULL, NULL, NULL},
	{10586, "1511", NULL, NULL, NULL},
	{14393, "1607", NULL, "Windows Server 2016", "2016"},
	{15063, "1703", NULL, NULL, NULL},
	{16299, "1709", NULL, NULL, NULL},
	{17134, "1803", NULL, NULL, NULL},
	{17763, "1809", NULL, "Windows Server 2019", "2019"},
	{18362, "1903", "1903/1909", NULL, NULL},
	{18363, "1909", NULL, NULL, NULL},
	{19041, "2004", "2004/20H2/21H1/21H2/22H2", NULL, NULL},
	{19042, "20H2", NULL, NULL, NULL},
	{19043, "21H1", NULL, NULL, NULL},
	{19044, "21H2", NULL, NULL, NULL},
	{19045, "22H2", NULL, NULL, NULL},
	{20348, "21H2", NULL, "Windows Server 2022", "2022"},
	{22000, "21H2", NULL, NULL, NULL},
	{22621, "22H2", "22H2/23H2", NULL, NULL},
	{22631, "23H2", NULL, NULL, NULL},
	{26100, "24H2", "24H2/25H2", "Windows Server 2025", "2025"},
	{26200, "25H2", NULL, NULL, NULL},
};

/* Windows 11 is build 22000 and later although its ProductName still says
 * "Windows 10" (Microsoft never changed that value). */
#define FIRST_WINDOWS_11_BUILD 22000u
/* AF_UNIX first shipped in 1803. */
#define AFUNIX_FIRST_BUILD 17134u

static const build_row *build_lookup(uint32_t build)
{
	for (size_t i = 0; i < sizeof(builds) / sizeof(builds[0]); i++)
		if (builds[i].build == build)
			return &builds[i];
	return NULL;
}

const char *ws2fix_os_release_name(uint32_t build)
{
	const build_row *r = build_lookup(build);
	return r ? r->release : NULL;
}

const char *ws2fix_os_family_name(ws2fix_os_family f)
{
	switch (f) {
	case WS2FIX_OS_2000: return "2000";
	case WS2FIX_OS_XP: return "xp";
	case WS2FIX_OS_2003: return "2003";
	case WS2FIX_OS_VISTA: return "vista";
	case WS2FIX_OS_7: return "7";
	case WS2FIX_OS_8: return "8";
	case WS2FIX_OS_10: return "10";
	case WS2FIX_OS_UNKNOWN:
	default: return "unknown";
	}
}

static ws2fix_os_family family_of(uint32_t major, uint32_t minor)
{
	if (major == 5)
		return minor == 0 ? WS2FIX_OS_2000 : minor == 1 ? WS2FIX_OS_XP : minor == 2 ? WS2FIX_OS_2003 : WS2FIX_OS_UNKNOWN;
	if (major == 6)
		return minor == 0 ? WS2FIX_OS_VISTA : minor == 1 ? WS2FIX_OS_7 : minor <= 3 ? WS2FIX_OS_8 : WS2FIX_OS_UNKNOWN;
	if (major == 10)
		return WS2FIX_OS_10;
	return WS2FIX_OS_UNKNOWN;
}

static void init_info(ws2fix_osinfo *o)
{
	memset(o, 0, sizeof(*o));
	o->family = WS2FIX_OS_UNKNOWN;
	o->service_pack = -1;
	o->is_server = -1;
}

/* Append to the evidence, "; "-separated, truncating quietly: it is a note
 * for people, and a cut note is better than none. */
#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
static void note(ws2fix_osinfo *o, const char *fmt, ...)
{
	size_t len = strlen(o->evidence);
	if (len + 3 >= sizeof(o->evidence))
		return;
	if (len) {
		memcpy(o->evidence + len, "; ", 3);
		len += 2;
	}
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(o->evidence + len, sizeof(o->evidence) - len, fmt, ap);
	va_end(ap);
}

/* id and name from family, version, service pack and server flag.
 * @p build_is_base: the build came from drivers, which keep the base build
 * of enablement-package releases (19041 for 2004..22H2). */
static void fill_names(ws2fix_osinfo *o, int build_is_base)
{
	const char *id = "", *name = "";
	char buf[64];
	int server = o->is_server == 1;
	switch (o->family) {
	case WS2FIX_OS_2000:
		id = "2000";
		name = server ? "Windows 2000 Server" : "Windows 2000";
		break;
	case WS2FIX_OS_XP:
		if (o->service_pack > 0 && o->service_pack <= 3) {
			snprintf(o->id, sizeof(o->id), "xp-sp%d", o->service_pack);
			id = NULL;
		} else {
			id = "xp";
		}
		name = "Windows XP";
		break;
	case WS2FIX_OS_2003:
		/* 5.2 as a workstation only ever shipped as XP x64 (and the
		 * Itanium "XP 64-Bit Edition Version 2003"). */
		if (o->is_server == 0) {
			id = "xp64";
			name = strcmp(o->arch, "ia64") == 0 ? "Windows XP 64-Bit Edition" : "Windows XP Professional x64 Edition";
		} else {
			id = "2003";
			name = server ? "Windows Server 2003" : "Windows Server 2003 or XP x64";
		}
		break;
	case WS2FIX_OS_VISTA:
		id = server ? "2008" : "vista";
		name = server ? "Windows Server 2008" : "Windows Vista";
		break;
	case WS2FIX_OS_7:
		id = server ? "2008r2" : "7";
		name = server ? "Windows Server 2008 R2" : "Windows 7";
		break;
	case WS2FIX_OS_8:
		if (o->major == 6 && o->minor == 3) {
			id = server ? "2012r2" : "8.1";
			name = server ? "Windows Server 2012 R2" : "Windows 8.1";
		} else if (o->major == 6 && o->minor == 2) {
			id = server ? "2012" : "8";
			name = server ? "Windows Server 2012" : "Windows 8";
		} else {
			id = "8";
			name = "Windows 8 or later";
		}
		break;
	case WS2FIX_OS_10: {
		const build_row *r = o->build ? build_lookup(o->build) : NULL;
		const char *rel = r ? (build_is_base && r->base ? r->base : r->release) : NULL;
		if (!o->build) {
			id = "10";
			name = server ? "Windows Server 2016 or later" : "Windows 10 or later";
		} else if (server) {
			if (r && r->server) {
				id = r->server_id;
				name = r->server;
			} else {
				id = "10";
				if (rel)
					snprintf(buf, sizeof(buf), "Windows Server, version %s", rel);
				else
					snprintf(buf, sizeof(buf), "Windows Server (build %u)", (unsigned)o->build);
				name = buf;
			}
		} else {
			int w11 = o->build >= FIRST_WINDOWS_11_BUILD;
			id = w11 ? "11" : "10";
			if (rel)
				snprintf(buf, sizeof(buf), "Windows %s %s", id, rel);
			else
				snprintf(buf, sizeof(buf), "Windows %s (build %u)", id, (unsigned)o->build);
			name = buf;
		}
		break;
	}
	case WS2FIX_OS_UNKNOWN:
	default:
		break;
	}
	if (id)
		snprintf(o->id, sizeof(o->id), "%s", id);
	snprintf(o->name, sizeof(o->name), "%s", name);
}

void ws2fix_os_fill_names(ws2fix_osinfo *info)
{
	info->family = family_of(info->major, info->minor);
	fill_names(info, 0);
}

/* ---- Reading values from a registry or, for SOFTWARE, a bare backend. ---- */

typedef struct src {
	ws2fix_registry *reg;
	ws2fix_backend *be;
} src;

static int src_get(src *s, ws2fix_regvalue *out, const char *path, const char *name)
{
	if (s->reg)
		return ws2fix_registry_get_value(out, s->reg, path, name);
	out->type = 0;
	out->data = NULL;
	out->len = 0;
	return s->be->get_value(out, s->be, path, name);
}

static int src_subkeys(src *s, ws2fix_strlist *out, const char *path)
{
	if (s->reg)
		return ws2fix_registry_subkeys(out, s->reg, path);
	out->items = NULL;
	out->count = 0;
	return s->be->subkeys(out, s->be, path);
}

/* Values that are absent, of the wrong type or unreadable all count as
 * "not there": detection never fails for lack of evidence.  Only running
 * out of memory is passed up. */
static int get_dword(src *s, const char *path, const char *name, uint32_t *out, int *oom)
{
	ws2fix_regvalue v;
	int rc = src_get(s, &v, path, name);
	if (rc == WS2FIX_ENOMEM)
		*oom = 1;
	if (rc < 0)
		return 0;
	rc = ws2fix_regvalue_dword(out, &v) == 0;
	ws2fix_regvalue_clear(&v);
	return rc;
}

static char *get_string(src *s, const char *path, const char *name, int *oom)
{
	ws2fix_regvalue v;
	char *str = NULL;
	int rc = src_get(s, &v, path, name);
	if (rc == WS2FIX_ENOMEM)
		*oom = 1;
	if (rc < 0)
		return NULL;
	if (v.type == WS2FIX_REG_SZ || v.type == WS2FIX_REG_EXPAND_SZ) {
		if (ws2fix_regvalue_string(&str, &v) == WS2FIX_ENOMEM)
			*oom = 1;
	}
	ws2fix_regvalue_clear(&v);
	return str;
}

static char *join(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	char *p = malloc(la + lb + 2);
	if (!p)
		return NULL;
	memcpy(p, a, la);
	p[la] = '\\';
	memcpy(p + la + 1, b, lb + 1);
	return p;
}

/* "6.1.7601.17514" -> up to 4 numbers; returns how many were read. */
static int parse_quad(const char *s, uint32_t q[4])
{
	int n = 0;
	q[0] = q[1] = q[2] = q[3] = 0;
	while (*s && n < 4) {
		if (*s < '0' || *s > '9')
			return n;
		uint32_t v = 0;
		while (*s >= '0' && *s <= '9') {
			if (v > 100000000u)
				return n;
			v = v * 10 + (uint32_t)(*s++ - '0');
		}
		q[n++] = v;
		if (*s == '.')
			s++;
		else
			break;
	}
	return n;
}

/* ---- Majority vote over driver versions. ---- */

typedef struct vote {
	uint32_t major, minor, build, max_rev;
	unsigned count;
} vote;

typedef struct votes {
	vote v[48];
	size_t n;
	unsigned total;
} votes;

/* Only Windows versions are candidates: inbox packages also carry the
 * versions of components with their own numbering (8.4.x, 14.1.x). */
static void vote_add(votes *vs, uint32_t major, uint32_t minor, uint32_t build, uint32_t rev)
{
	if (family_of(major, minor) == WS2FIX_OS_UNKNOWN || build == 0)
		return;
	vs->total++;
	for (size_t i = 0; i < vs->n; i++) {
		vote *x = &vs->v[i];
		if (x->major == major && x->minor == minor && x->build == build) {
			x->count++;
			if (rev > x->max_rev)
				x->max_rev = rev;
			return;
		}
	}
	if (vs->n < sizeof(vs->v) / sizeof(vs->v[0])) {
		vote *x = &vs->v[vs->n++];
		x->major = major;
		x->minor = minor;
		x->build = build;
		x->max_rev = rev;
		x->count = 1;
	}
}

static const vote *vote_best(const votes *vs)
{
	const vote *best = NULL;
	for (size_t i = 0; i < vs->n; i++)
		if (!best || vs->v[i].count > best->count ||
		    (vs->v[i].count == best->count && vs->v[i].build > best->build))
			best = &vs->v[i];
	return best;
}

static int is_microsoft_name(const char *s)
{
	return s && ws2fix__strcasecmp(s, "Microsoft") == 0;
}

/* DriverDatabase\DriverPackages\*: Provider + Version (Windows 8+). */
static void vote_driver_database(src *s, votes *vs, int *oom)
{
	static const char base[] = "DriverDatabase\\DriverPackages";
	ws2fix_strlist pk;
	if (src_subkeys(s, &pk, base) < 0)
		return;
	for (size_t i = 0; i < pk.count && i < MAX_PACKAGES && !*oom; i++) {
		char *p = join(base, pk.items[i]);
		if (!p) {
			*oom = 1;
			break;
		}
		char *prov = get_string(s, p, "Provider", oom);
		if (is_microsoft_name(prov)) {
			ws2fix_regvalue v;
			if (src_get(s, &v, p, "Version") == 0) {
				if (v.type == WS2FIX_REG_BINARY && v.len >= 40) {
					const unsigned char *d = v.data + 32;
					uint32_t rev = (uint32_t)d[0] | (uint32_t)d[1] << 8;
					uint32_t build = (uint32_t)d[2] | (uint32_t)d[3] << 8;
					uint32_t minor = (uint32_t)d[4] | (uint32_t)d[5] << 8;
					uint32_t major = (uint32_t)d[6] | (uint32_t)d[7] << 8;
					vote_add(vs, major, minor, build, rev);
				}
				ws2fix_regvalue_clear(&v);
			}
		}
		free(prov);
		free(p);
	}
	ws2fix_strlist_clear(&pk);
}

/* Control\Class\{class}\NNNN: ProviderName + DriverVersion (every version). */
static void vote_device_classes(src *s, const char *cs, votes *vs, int *oom)
{
	char *base = join(cs, "Control\\Class");
	ws2fix_strlist classes;
	size_t seen = 0;
	if (!base) {
		*oom = 1;
		return;
	}
	if (src_subkeys(s, &classes, base) < 0) {
		free(base);
		return;
	}
	for (size_t i = 0; i < classes.count && seen < MAX_CLASS_KEYS && !*oom; i++) {
		char *cp = join(base, classes.items[i]);
		ws2fix_strlist inst;
		if (!cp) {
			*oom = 1;
			break;
		}
		if (src_subkeys(s, &inst, cp) == 0) {
			for (size_t k = 0; k < inst.count && seen < MAX_CLASS_KEYS && !*oom; k++, seen++) {
				const char *n = inst.items[k];
				if (strlen(n) != 4 || n[0] < '0' || n[0] > '9')
					continue; /* "Properties" and the like */
				char *ip = join(cp, n);
				if (!ip) {
					*oom = 1;
					break;
				}
				char *prov = get_string(s, ip, "ProviderName", oom);
				char *ver = is_microsoft_name(prov) ? get_string(s, ip, "DriverVersion", oom) : NULL;
				uint32_t q[4];
				if (ver && parse_quad(ver, q) >= 3)
					vote_add(vs, q[0], q[1], q[2], q[3]);
				free(ver);
				free(prov);
				free(ip);
			}
			ws2fix_strlist_clear(&inst);
		}
		free(cp);
	}
	ws2fix_strlist_clear(&classes);
	free(base);
}

/* ---- What the catalog itself says. ---- */

typedef struct cat_hints {
	int entries;            /* any protocol entry decoded */
	int has64;              /* Catalog_Entries64 present */
	int afunix, hyperv;
	int names_mswsock;      /* "@...mswsock.dll,-60xxx" names: 8 and later */
	int names_wsh;          /* "@...wshtcpip.dll / wship6.dll" names: 7 */
	int protocol_name_values;
	int ipv6, rsvp_v6;
	int rsvpsp;             /* RSVP in rsvpsp.dll: XP (and 2000) */
	int rsvp_mswsock_v6;    /* RSVP in mswsock.dll with iVersion 6: XP x64 / 2003 */
	int ns_nla_mswsock;     /* NLA namespace in mswsock.dll: XP / 2003 */
	int ns_vista;           /* NLAapi.dll, napinsp.dll or pnrpnsp.dll: Vista and later */
} cat_hints;

static int contains_nocase(const char *hay, const char *needle)
{
	size_t n = strlen(needle);
	for (; hay && *hay; hay++)
		if (ws2fix__strncasecmp(hay, needle, n) == 0)
			return 1;
	return 0;
}

static void read_hints(cat_hints *h, const ws2fix_catalog *cat)
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
			if (contains_nocase(it->protocol_name, "mswsock.dll,-60"))
				h->names_mswsock = 1;
			if (contains_nocase(it->protocol_name, "wshtcpip.dll,-60") ||
			    contains_nocase(it->protocol_name, "wship6.dll,-60"))
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
static ws2fix_os_family hints_family(const cat_hints *h, const char **why, uint32_t *min_build)
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
static void family_version(ws2fix_osinfo *o)
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

static void arch_from_env(ws2fix_osinfo *o, const char *env)
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

/* ---- SOFTWARE\Microsoft\Windows NT\CurrentVersion ---- */

static int detect_software(ws2fix_osinfo *o, src *s, int *oom)
{
	static const char key[] = "Microsoft\\Windows NT\\CurrentVersion";
	uint32_t major = 0, minor = 0, ubr = 0;
	int have_ubr;
	if (get_dword(s, key, "CurrentMajorVersionNumber", &major, oom)) {
		get_dword(s, key, "CurrentMinorVersionNumber", &minor, oom);
	} else {
		/* Before 10; on 10 this says "6.3" for old programs' sake, which is
		 * why the DWORDs above come first. */
		char *cv = get_string(s, key, "CurrentVersion", oom);
		uint32_t q[4];
		if (cv && parse_quad(cv, q) >= 2) {
			major = q[0];
			minor = q[1];
		}
		free(cv);
	}
	if (family_of(major, minor) == WS2FIX_OS_UNKNOWN)
		return 0;
	o->major = major;
	o->minor = minor;
	o->family = family_of(major, minor);
	char *b = get_string(s, key, "CurrentBuildNumber", oom);
	if (!b)
		b = get_string(s, key, "CurrentBuild", oom);
	uint32_t q[4];
	if (b && parse_quad(b, q) >= 1)
		o->build = q[0];
	free(b);
	have_ubr = get_dword(s, key, "UBR", &ubr, oom);
	char *csd = get_string(s, key, "CSDVersion", oom);
	o->service_pack = 0;
	if (csd) {
		const char *d = csd;
		while (*d && (*d < '0' || *d > '9'))
			d++;
		if (*d && parse_quad(d, q) >= 1)
			o->service_pack = (int)q[0];
	}
	char *product = get_string(s, key, "ProductName", oom);
	char *itype = get_string(s, key, "InstallationType", oom);
	char *edition = get_string(s, key, "EditionID", oom);
	if ((itype && contains_nocase(itype, "server")) || (edition && contains_nocase(edition, "server")))
		o->is_server = 1;
	else if (itype && contains_nocase(itype, "client"))
		o->is_server = 0;
	char *lab = get_string(s, key, "BuildLabEx", oom);
	if (lab && !o->arch[0]) {
		if (contains_nocase(lab, "amd64fre") || contains_nocase(lab, "amd64chk"))
			snprintf(o->arch, sizeof(o->arch), "x64");
		else if (contains_nocase(lab, "arm64fre"))
			snprintf(o->arch, sizeof(o->arch), "arm64");
		else if (contains_nocase(lab, "x86fre") || contains_nocase(lab, "x86chk"))
			snprintf(o->arch, sizeof(o->arch), "x86");
	}
	snprintf(o->detected_from, sizeof(o->detected_from), "software-hive");
	char rev[16] = "";
	if (have_ubr)
		snprintf(rev, sizeof(rev), ".%u", (unsigned)ubr);
	note(o, "SOFTWARE CurrentVersion %u.%u build %u%s%s%s", (unsigned)major, (unsigned)minor,
		(unsigned)o->build, rev, csd ? " " : "", csd ? csd : "");
	if (product)
		note(o, "ProductName \"%s\"%s", product,
			o->family == WS2FIX_OS_10 && o->build >= FIRST_WINDOWS_11_BUILD && contains_nocase(product, "Windows 10")
				? " (build 22000+ is Windows 11)" : "");
	free(csd);
	free(product);
	free(itype);
	free(edition);
	free(lab);
	return 1;
}

/* ---- SYSTEM hive ---- */

typedef struct system_facts {
	int have_csd;
	uint32_t csd_version, csd_build;
	int have_csd_build;
	uint32_t prev_build;     /* highest Setup\Source OS CurrentBuild */
	unsigned prev_count;
} system_facts;

static void read_system_basics(ws2fix_osinfo *o, src *s, const char *cs, system_facts *f, int *oom)
{
	char *p = join(cs, "Control\\Session Manager\\Environment");
	if (!p) {
		*oom = 1;
		return;
	}
	char *env = get_string(s, p, "PROCESSOR_ARCHITECTURE", oom);
	arch_from_env(o, env);
	free(env);
	free(p);

	if (!(p = join(cs, "Control\\ProductOptions"))) {
		*oom = 1;
		return;
	}
	char *pt = get_string(s, p, "ProductType", oom);
	if (pt && o->is_server == -1) {
		if (!ws2fix__strcasecmp(pt, "WinNT"))
			o->is_server = 0;
		else if (!ws2fix__strcasecmp(pt, "ServerNT") || !ws2fix__strcasecmp(pt, "LanmanNT"))
			o->is_server = 1;
	}
	free(pt);
	free(p);

	if (!(p = join(cs, "Control\\Windows"))) {
		*oom = 1;
		return;
	}
	f->have_csd = get_dword(s, p, "CSDVersion", &f->csd_version, oom);
	f->have_csd_build = get_dword(s, p, "CSDBuildNumber", &f->csd_build, oom);
	free(p);

	ws2fix_strlist setup;
	if (src_subkeys(s, &setup, "Setup") == 0) {
		for (size_t i = 0; i < setup.count && !*oom; i++) {
			if (ws2fix__strncasecmp(setup.items[i], "Source OS", 9) != 0)
				continue;
			char *sp = join("Setup", setup.items[i]);
			if (!sp) {
				*oom = 1;
				break;
			}
			char *cb = get_string(s, sp, "CurrentBuild", oom);
			uint32_t q[4];
			if (cb && parse_quad(cb, q) >= 1) {
				f->prev_count++;
				if (q[0] > f->prev_build)
					f->prev_build = q[0];
			}
			free(cb);
			free(sp);
		}
		ws2fix_strlist_clear(&setup);
	}
}

static int detect_system(ws2fix_osinfo *o, src *s, const char *cs, int *build_is_base, int *oom)
{
	votes vs;
	const char *from = "DriverDatabase";
	memset(&vs, 0, sizeof(vs));
	vote_driver_database(s, &vs, oom);
	const vote *best = vote_best(&vs);
	if (!best && !*oom) {
		from = "Control\\Class DriverVersion";
		memset(&vs, 0, sizeof(vs));
		vote_device_classes(s, cs, &vs, oom);
		best = vote_best(&vs);
	}
	if (!best)
		return 0;
	o->major = best->major;
	o->minor = best->minor;
	o->build = best->build;
	o->family = family_of(best->major, best->minor);
	*build_is_base = 1;
	snprintf(o->detected_from, sizeof(o->detected_from), "system-hive");
	note(o, "%s %u.%u.%u (%u of %u Microsoft drivers, newest .%u)", from, (unsigned)best->major,
		(unsigned)best->minor, (unsigned)best->build, best->count, vs.total, (unsigned)best->max_rev);
	return 1;
}

/* ---- The whole procedure. ---- */

static int detect(ws2fix_osinfo *out, ws2fix_registry *system, src *software, const ws2fix_catalog *cat,
	const char *software_note)
{
	ws2fix_osinfo o;
	int oom = 0, build_is_base = 0, decided = 0;
	system_facts f;
	cat_hints h;
	init_info(&o);
	memset(&f, 0, sizeof(f));
	read_hints(&h, cat);

	if (software)
		decided = detect_software(&o, software, &oom);
	if (software_note)
		note(&o, "%s", software_note);

	if (system) {
		src s = {system, NULL};
		const char *cs = ws2fix_registry_controlset(system);
		read_system_basics(&o, &s, cs, &f, &oom);
		if (!decided)
			decided = detect_system(&o, &s, cs, &build_is_base, &oom);
		if (f.have_csd) {
			int sp = (int)((f.csd_version >> 8) & 0xff);
			if (o.service_pack < 0 || strcmp(o.detected_from, "system-hive") == 0)
				o.service_pack = sp;
			note(&o, "CSDVersion 0x%x", (unsigned)f.csd_version);
		}
		if (f.have_csd_build)
			note(&o, "CSDBuildNumber %u", (unsigned)f.csd_build);
		if (f.prev_count)
			note(&o, "Setup\\Source OS: upgraded from build %u", (unsigned)f.prev_build);
	}

	const char *why = NULL;
	uint32_t min_build = 0;
	ws2fix_os_family hf = hints_family(&h, &why, &min_build);
	if (!decided && hf != WS2FIX_OS_UNKNOWN) {
		o.family = hf;
		family_version(&o);
		snprintf(o.detected_from, sizeof(o.detected_from), "entries");
		note(&o, "catalog: %s", why);
		decided = 1;
	} else if (!decided && f.prev_build >= 10240) {
		/* Only a feature update of 10 leaves a Source OS key with a 10 build:
		 * the running OS is 10 or later, build unknown. */
		o.family = WS2FIX_OS_10;
		family_version(&o);
		snprintf(o.detected_from, sizeof(o.detected_from), "system-hive");
		decided = 1;
	} else if (decided && hf != WS2FIX_OS_UNKNOWN && hf > o.family) {
		note(&o, "catalog suggests newer: %s", why);
	}
	if (decided && min_build && o.build && o.build < min_build)
		note(&o, "catalog implies build >= %u", (unsigned)min_build);
	if (decided && f.prev_build && o.build && o.build <= f.prev_build)
		note(&o, "build not above the Source OS build");

	if (!o.arch[0] && h.has64) {
		snprintf(o.arch, sizeof(o.arch), "x64");
		note(&o, "arch: Catalog_Entries64 present");
	}
	if (decided && o.service_pack < 0 && o.family == WS2FIX_OS_10)
		o.service_pack = 0; /* 10 has no service packs */
	if (o.is_server == 1 && o.family == WS2FIX_OS_XP)
		o.is_server = -1; /* 5.1 never shipped as a server */
	if (!decided)
		note(&o, "no version evidence found");
	fill_names(&o, build_is_base);
	if (o.family == WS2FIX_OS_10 && !o.build && min_build >= AFUNIX_FIRST_BUILD && o.is_server != 1)
		snprintf(o.name, sizeof(o.name), "Windows 10 1803 or later");
	/* netsh text resolves names and has no ProtocolName values, so a 7 or
	 * 8 listing without Hyper-V looks like Vista: say no more than we know. */
	if (o.family == WS2FIX_OS_VISTA && strcmp(o.detected_from, "entries") == 0)
		snprintf(o.name, sizeof(o.name), "Windows Vista or later");
	*out = o;
	ws2fix_error_clear();
	if (oom)
		return ws2fix__fail(WS2FIX_ENOMEM, WS2FIX_ERRCLASS_NOMEMORY, "out of memory");
	return 0;
}

int ws2fix_os_detect(ws2fix_osinfo *out, ws2fix_registry *system, ws2fix_registry *software,
	const ws2fix_catalog *cat)
{
	if (!out)
		return ws2fix__fail(WS2FIX_EINVALID, WS2FIX_ERRCLASS_INVALID, "no output for the OS detection");
	if (software) {
		src sw = {software, NULL};
		return detect(out, system, &sw, cat, NULL);
	}
	if (ws2fix_registry_has(system, WS2FIX_CAP_HIVE_FILE))
		return ws2fix_os_detect_hives(out, system, NULL, cat);
	return detect(out, system, NULL, cat, NULL);
}

int ws2fix_os_detect_hives(ws2fix_osinfo *out, ws2fix_registry *system, const char *software_path,
	const ws2fix_catalog *cat)
{
	char *found = NULL;
	const char *path = software_path;
	char msg[96];
	if (!out)
		return ws2fix__fail(WS2FIX_EINVALID, WS2FIX_ERRCLASS_INVALID, "no output for the OS detection");
	if (!path && ws2fix_registry_has(system, WS2FIX_CAP_HIVE_FILE))
		path = found = ws2fix_os_find_software_hive(ws2fix_registry_path(system));
	if (!path)
		return detect(out, system, NULL, cat, NULL);

	ws2fix_backend *be = NULL;
	int rc = ws2fix_backend_hive_new(&be, path, 0);
	if (rc < 0) {
		if (!found)
			return rc; /* named with --software: the caller must hear of it */
		/* One that merely lies beside the SYSTEM hive may be anything. */
		snprintf(msg, sizeof(msg), "SOFTWARE beside the hive could not be read (%s)", ws2fix_code_name(rc));
		free(found);
		return detect(out, system, NULL, cat, msg);
	}
	src sw = {NULL, be};
	rc = detect(out, system, &sw, cat, NULL);
	be->free(be);
	free(found);
	return rc;
}

char *ws2fix_os_find_software_hive(const char *system_hive_path)
{
	static const char *const names[] = {"SOFTWARE", "software", "Software"};
	if (!system_hive_path || !*system_hive_path)
		return NULL;
	const char *base = ws2fix_provider_dll_name(system_hive_path);
	size_t dirlen = (size_t)(base - system_hive_path);
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		size_t n = dirlen + strlen(names[i]) + 1;
		char *p = malloc(n);
		if (!p)
			return NULL;
		memcpy(p, system_hive_path, dirlen);
		memcpy(p + dirlen, names[i], strlen(names[i]) + 1);
		/* The SYSTEM hive itself is never its own SOFTWARE hive. */
		if (strcmp(p, system_hive_path) != 0 && ws2fix__file_exists(p))
			return p;
		free(p);
	}
	return NULL;
}

void ws2fix_os_apply_override(ws2fix_osinfo *info, const ws2fix_osinfo *override)
{
	char arch[sizeof(info->arch)], evidence[sizeof(info->evidence)];
	memcpy(arch, info->arch, sizeof(arch));
	memcpy(evidence, info->evidence, sizeof(evidence));
	*info = *override;
	if (!info->arch[0])
		memcpy(info->arch, arch, sizeof(arch));
	snprintf(info->detected_from, sizeof(info->detected_from), "override");
	info->evidence[0] = '\0';
	note(info, "--os %s", override->id);
	if (evidence[0])
		note(info, "detected: %s", evidence);
}

/* ---- --os ---- */

typedef struct os_spelling {
	const char *text; /* canonical, lower case, no separators */
	ws2fix_os_family family;
	const char *id;
	const char *name;
	uint32_t major, minor, build;
	int service_pack; /* -1: not implied */
	int is_server;
} os_spelling;

/* Builds are those of the release itself (RTM); 0 where a spelling names
 * several builds (7 RTM 7600 and SP1 7601; every 10 and 11 release). */
static const os_spelling spellings[] = {
	{"2000", WS2FIX_OS_2000, "2000", "Windows 2000", 5, 0, 2195, -1, -1},
	{"xp", WS2FIX_OS_XP, "xp", "Windows XP", 5, 1, 2600, -1, 0},
	{"xpsp0", WS2FIX_OS_XP, "xp", "Windows XP", 5, 1, 2600, 0, 0},
	{"xpsp1", WS2FIX_OS_XP, "xp-sp1", "Windows XP", 5, 1, 2600, 1, 0},
	{"xpsp2", WS2FIX_OS_XP, "xp-sp2", "Windows XP", 5, 1, 2600, 2, 0},
	{"xpsp3", WS2FIX_OS_XP, "xp-sp3", "Windows XP", 5, 1, 2600, 3, 0},
	{"xp64", WS2FIX_OS_2003, "xp64", "Windows XP Professional x64 Edition", 5, 2, 3790, -1, 0},
	{"xpx64", WS2FIX_OS_2003, "xp64", "Windows XP Professional x64 Edition", 5, 2, 3790, -1, 0},
	{"2003", WS2FIX_OS_2003, "2003", "Windows Server 2003", 5, 2, 3790, -1, 1},
	{"vista", WS2FIX_OS_VISTA, "vista", "Windows Vista", 6, 0, 0, -1, 0},
	{"2008", WS2FIX_OS_VISTA, "2008", "Windows Server 2008", 6, 0, 0, -1, 1},
	{"7", WS2FIX_OS_7, "7", "Windows 7", 6, 1, 0, -1, 0},
	{"2008r2", WS2FIX_OS_7, "2008r2", "Windows Server 2008 R2", 6, 1, 0, -1, 1},
	{"8", WS2FIX_OS_8, "8", "Windows 8", 6, 2, 9200, 0, 0},
	{"8.1", WS2FIX_OS_8, "8.1", "Windows 8.1", 6, 3, 9600, 0, 0},
	{"2012", WS2FIX_OS_8, "2012", "Windows Server 2012", 6, 2, 9200, 0, 1},
	{"2012r2", WS2FIX_OS_8, "2012r2", "Windows Server 2012 R2", 6, 3, 9600, 0, 1},
	{"10", WS2FIX_OS_10, "10", "Windows 10", 10, 0, 0, 0, 0},
	{"11", WS2FIX_OS_10, "11", "Windows 11", 10, 0, 0, 0, 0},
	{"2016", WS2FIX_OS_10, "2016", "Windows Server 2016", 10, 0, 14393, 0, 1},
	{"2019", WS2FIX_OS_10, "2019", "Windows Server 2019", 10, 0, 17763, 0, 1},
	{"2022", WS2FIX_OS_10, "2022", "Windows Server 2022", 10, 0, 20348, 0, 1},
	{"2025", WS2FIX_OS_10, "2025", "Windows Server 2025", 10, 0, 26100, 0, 1},
};

/* Which architectures a release came in (Microsoft's release notes for
 * each: Windows 2000 and XP were 32-bit only, XP x64 Edition 64-bit only;
 * Server 2008 R2 and later servers and Windows 11 have no 32-bit edition;
 * Windows 10 and 11 also came for ARM64). */
enum { ARCH_X86 = 1, ARCH_X64 = 2, ARCH_ARM64 = 4 };

static unsigned archs_of(const os_spelling *s)
{
	switch (s->family) {
	case WS2FIX_OS_2000:
	case WS2FIX_OS_XP:
		return ARCH_X86;
	case WS2FIX_OS_2003:
		return !strcmp(s->id, "xp64") ? ARCH_X64 : ARCH_X86 | ARCH_X64;
	case WS2FIX_OS_VISTA:
		return ARCH_X86 | ARCH_X64;
	default:
		break;
	}
	if (s->is_server == 1)
		return ARCH_X64;
	if (!strcmp(s->id, "11"))
		return ARCH_X64 | ARCH_ARM64;
	if (!strcmp(s->id, "10"))
		return ARCH_X86 | ARCH_X64 | ARCH_ARM64;
	return ARCH_X86 | ARCH_X64;
}

static const struct {
	const char *suffix; /* canonical (lower case, no separators) */
	const char *arch;
	unsigned bit;
} arch_suffixes[] = {
	{"x86", "x86", ARCH_X86}, {"32bit", "x86", ARCH_X86}, {"x64", "x64", ARCH_X64},
	{"amd64", "x64", ARCH_X64}, {"64bit", "x64", ARCH_X64}, {"arm64", "arm64", ARCH_ARM64},
};

static const os_spelling *spelling_of(const char *canon)
{
	for (size_t i = 0; i < sizeof(spellings) / sizeof(spellings[0]); i++)
		if (!strcmp(canon, spellings[i].text))
			return &spellings[i];
	return NULL;
}

int ws2fix_os_parse(ws2fix_osinfo *out, const char *text)
{
	char canon[24];
	size_t n = 0;
	if (!out || !text)
		return ws2fix__fail(WS2FIX_EINVALID, WS2FIX_ERRCLASS_INVALID, "no --os value");
	const char *p = text;
	while (*p == ' ' || *p == '\t')
		p++;
	/* "Windows 7", "win7", "win-8.1": the prefix adds nothing. */
	if (ws2fix__strncasecmp(p, "windows", 7) == 0)
		p += 7;
	else if (ws2fix__strncasecmp(p, "win", 3) == 0)
		p += 3;
	for (; *p; p++) {
		char c = *p;
		if (c == ' ' || c == '\t' || c == '-' || c == '_')
			continue; /* "xp-sp2", "xp sp2", "2008 R2", "10-x64" */
		if (c >= 'A' && c <= 'Z')
			c = (char)(c + 32);
		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.') || n + 1 >= sizeof(canon))
			return ws2fix__fail(WS2FIX_EINVALID, WS2FIX_ERRCLASS_INVALID,
				"unknown Windows version \"%s\" for --os", text);
		canon[n++] = c;
	}
	canon[n] = '\0';
	/* A version as it is ("xpx64" is XP x64 Edition), else a version
	 * followed by its architecture ("10-x64", "xp-sp2-x86"). */
	const os_spelling *s = spelling_of(canon);
	const char *arch = NULL;
	unsigned bit = 0;
	for (size_t i = 0; !s && i < sizeof(arch_suffixes) / sizeof(arch_suffixes[0]); i++) {
		size_t l = strlen(arch_suffixes[i].suffix);
		if (n <= l || strcmp(canon + n - l, arch_suffixes[i].suffix) != 0)
			continue;
		canon[n - l] = '\0';
		if ((s = spelling_of(canon)) != NULL) {
			arch = arch_suffixes[i].arch;
			bit = arch_suffixes[i].bit;
		}
		canon[n - l] = arch_suffixes[i].suffix[0];
	}
	if (!s)
		return ws2fix__fail(WS2FIX_EINVALID, WS2FIX_ERRCLASS_INVALID,
			"unknown Windows version \"%s\" for --os (try xp-sp3, 2003, vista, 7, 8.1, 10, 11, 2019, "
			"with the architecture if you know it: 10-x64, xp-sp2-x86)", text);
	unsigned archs = archs_of(s);
	if (arch && !(archs & bit))
		return ws2fix__fail(WS2FIX_EINVALID, WS2FIX_ERRCLASS_INVALID,
			"%s was never made for %s (--os %s)", s->name, arch, text);
	init_info(out);
	out->family = s->family;
	snprintf(out->id, sizeof(out->id), "%s", s->id);
	snprintf(out->name, sizeof(out->name), "%s", s->name);
	out->major = s->major;
	out->minor = s->minor;
	out->build = s->build;
	out->service_pack = s->service_pack;
	out->is_server = s->is_server;
	/* A release made for one architecture only names it by itself. */
	if (!arch && (archs == ARCH_X86 || archs == ARCH_X64))
		arch = archs == ARCH_X86 ? "x86" : "x64";
	snprintf(out->arch, sizeof(out->arch), "%s", arch ? arch : "");
	snprintf(out->detected_from, sizeof(out->detected_from), "override");
	snprintf(out->evidence, sizeof(out->evidence), "--os %s", text);
	return 0;
}

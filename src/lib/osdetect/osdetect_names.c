/* SPDX-License-Identifier: MIT */
/* Windows versions by name: builds and their releases, families, the id
 * and name of a detected version (include/ws2fix/osinfo.h). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "osdetect_internal.h"
#include "../errors_internal.h"
#include "../platform.h"
#include "ws2fix/providers.h"
#include "../../util/utf.h"


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

ws2fix_os_family ws2fix__os_family_of(uint32_t major, uint32_t minor)
{
	if (major == 5)
		return minor == 0 ? WS2FIX_OS_2000 : minor == 1 ? WS2FIX_OS_XP : minor == 2 ? WS2FIX_OS_2003 : WS2FIX_OS_UNKNOWN;
	if (major == 6)
		return minor == 0 ? WS2FIX_OS_VISTA : minor == 1 ? WS2FIX_OS_7 : minor <= 3 ? WS2FIX_OS_8 : WS2FIX_OS_UNKNOWN;
	if (major == 10)
		return WS2FIX_OS_10;
	return WS2FIX_OS_UNKNOWN;
}

void ws2fix__os_init_info(ws2fix_osinfo *o)
{
	memset(o, 0, sizeof(*o));
	o->family = WS2FIX_OS_UNKNOWN;
	o->service_pack = -1;
	o->is_server = -1;
}

/* Append to the evidence, "; "-separated, truncating quietly: it is a note
 * for people, and a cut note is better than none. */
void ws2fix__os_note(ws2fix_osinfo *o, const char *fmt, ...)
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
void ws2fix__os_fill_names(ws2fix_osinfo *o, int build_is_base)
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
	info->family = ws2fix__os_family_of(info->major, info->minor);
	ws2fix__os_fill_names(info, 0);
}

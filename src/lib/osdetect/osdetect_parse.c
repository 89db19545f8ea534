/* SPDX-License-Identifier: MIT */
/* --os: a Windows version as people write it (include/ws2fix/osinfo.h). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "osdetect_internal.h"
#include "../errors_internal.h"
#include "../platform.h"
#include "ws2fix/providers.h"
#include "../../util/utf.h"

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
	ws2fix__os_init_info(out);
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

/* SPDX-License-Identifier: MIT */
/*
 * Known providers as data: the knowledge base include/ws2fix/providers.def
 * (every row with its source and grade: [V] primary source, [C] community
 * source, [U] unconfirmed), plus the rule that decides whether a provider
 * is Microsoft's.  A name is only ever a hint: a Microsoft DLL name counts
 * only in a system directory and under a Microsoft ProviderId, and a known
 * name says nothing about whether the DLL is still there.
 */
#include <stddef.h>
#include <string.h>

#include "ws2fix/providers.h"

/* The rows: include/ws2fix/providers.def (scripts/gen-providers.py writes
 * docs/providers.md from the same table). */
#define KB_NONE 0u
#define KB_NON_IFS WS2FIX_KB_NON_IFS
#define KB_REREGISTERS WS2FIX_KB_REREGISTERS
#define KB_MANAGED WS2FIX_KB_MANAGED
#define KB_WINDOWS_DLL WS2FIX_KB_WINDOWS_DLL

/* A row without a source does not compile: the source must be a string
 * literal ("" NULL is a syntax error) and not empty. */
#define WS2FIX_KB(dll, path, guids, chains, vendor, product, cat, flags, label, grade, advice, source) \
	_Static_assert(sizeof("" source) > 1, "providers.def: a row without a source");
#include "ws2fix/providers.def"
#undef WS2FIX_KB

#define WS2FIX_KB(dll, path, guids, chains, vendor, product, cat, flags, label, grade, advice, source) \
	{dll, path, guids, chains, vendor, product, WS2FIX_KB_CAT_##cat, (flags), WS2FIX_LABEL_##label, grade, \
	 WS2FIX_KB_ADVICE_##advice, source, ((flags) & WS2FIX_KB_WINDOWS_DLL) != 0},
static const ws2fix_known_provider known[] = {
#include "ws2fix/providers.def"
};
#undef WS2FIX_KB

/* Microsoft ProviderIds: facts.md's two tables. */
static const ws2fix_guid microsoft_ids[] = {
	WS2FIX_GUID_MSAFD_TCPIP, WS2FIX_GUID_MSAFD_TCPIP6, WS2FIX_GUID_RSVP, WS2FIX_GUID_MSAFD_NETBIOS,
	WS2FIX_GUID_BLUETOOTH, WS2FIX_GUID_IRDA, WS2FIX_GUID_HYPERV, WS2FIX_GUID_AFUNIX,
	WS2FIX_GUID_NS_TCPIP, WS2FIX_GUID_NS_NTDS, WS2FIX_GUID_NS_NLA, WS2FIX_GUID_NS_EMAIL,
	WS2FIX_GUID_NS_PNRP_NAME, WS2FIX_GUID_NS_PNRP_CLOUD, WS2FIX_GUID_NS_BLUETOOTH,
};

static int lower(int c)
{
	return (c >= 'A' && c <= 'Z') ? c + 32 : c;
}

static int eq_nocase(const char *a, size_t alen, const char *b)
{
	size_t i = 0;
	for (; i < alen && b[i]; i++)
		if (lower((unsigned char)a[i]) != lower((unsigned char)b[i]))
			return 0;
	return i == alen && b[i] == '\0';
}

/* Case-insensitive match with '*' (any run, possibly empty).  Iterative
 * with one backtrack point, so a hostile name cannot make it explode. */
static int glob_match(const char *pat, const char *s)
{
	const char *star = NULL, *resume = NULL;
	while (*s) {
		if (*pat == '*') {
			star = pat++;
			resume = s;
		} else if (*pat && lower((unsigned char)*pat) == lower((unsigned char)*s)) {
			pat++;
			s++;
		} else if (star) {
			pat = star + 1;
			s = ++resume;
		} else {
			return 0;
		}
	}
	while (*pat == '*')
		pat++;
	return *pat == '\0';
}

/*
 * Is the directory part of @p path a Windows system directory?  Accepted:
 * %SystemRoot%\System32\x.dll and %windir%\... (also SysWOW64), and
 * X:\<windows dir>\System32\x.dll (the Windows 9x "System" directory too,
 * for ME-era catalogs).  A bare file name is not: Windows would search for
 * it, and ZeroAccess rewrote paths to exactly that (corpus observations).
 */
static int in_system_dir(const char *path)
{
	const char *comp[5];
	size_t len[5], n = 0;
	const char *p = path;
	while (*p) {
		const char *e = p;
		while (*e && *e != '\\' && *e != '/')
			e++;
		if (n == 5)
			return 0;
		comp[n] = p;
		len[n] = (size_t)(e - p);
		n++;
		p = *e ? e + 1 : e;
	}
	if (n < 3)
		return 0;
	const char *sys = comp[n - 2];
	size_t syslen = len[n - 2];
	if (!eq_nocase(sys, syslen, "system32") && !eq_nocase(sys, syslen, "syswow64") &&
	    !eq_nocase(sys, syslen, "system"))
		return 0;
	if (n == 3)
		return eq_nocase(comp[0], len[0], "%systemroot%") || eq_nocase(comp[0], len[0], "%windir%");
	if (n == 4) {
		/* "C:\Windows\System32\x.dll" or "\SystemRoot\System32\x.dll". */
		if (len[0] == 2 && comp[0][1] == ':' && lower((unsigned char)comp[0][0]) >= 'a' &&
		    lower((unsigned char)comp[0][0]) <= 'z')
			return len[1] > 0;
		return len[0] == 0 && eq_nocase(comp[1], len[1], "systemroot");
	}
	return 0;
}

const ws2fix_known_provider *ws2fix_known_providers(size_t *count)
{
	*count = sizeof(known) / sizeof(known[0]);
	return known;
}

/* Whether a row's '|'-separated GUID list holds @p id. */
static int guid_listed(const char *list, const ws2fix_guid *id)
{
	char want[39];
	if (!list || !id)
		return 0;
	ws2fix_guid_format(want, id);
	for (const char *p = list; *p;) {
		const char *e = strchr(p, '|');
		size_t n = e ? (size_t)(e - p) : strlen(p);
		if (eq_nocase(p, n, want))
			return 1;
		p += n + (e ? 1 : 0);
	}
	return 0;
}

/* The row found by DLL name or path (not by GUID). */
static const ws2fix_known_provider *by_path(const char *dll_path)
{
	if (!dll_path || !*dll_path)
		return NULL;
	const char *name = ws2fix_provider_dll_name(dll_path);
	char folded[WS2FIX_PROVIDER_PATH_FOLD];
	ws2fix_provider_path_fold(folded, sizeof(folded), dll_path);
	for (size_t i = 0; i < sizeof(known) / sizeof(known[0]); i++) {
		const ws2fix_known_provider *k = &known[i];
		if (!(k->pattern && glob_match(k->pattern, name)) &&
		    !(k->path_pattern && glob_match(k->path_pattern, folded)))
			continue;
		if (k->microsoft && !in_system_dir(dll_path))
			return NULL;
		return k;
	}
	return NULL;
}

const ws2fix_known_provider *ws2fix_known_provider_lookup(const char *dll_path)
{
	return by_path(dll_path);
}

const ws2fix_known_provider *ws2fix_known_sample_guid(const ws2fix_guid *id)
{
	for (size_t i = 0; id && i < sizeof(known) / sizeof(known[0]); i++)
		if (known[i].category == WS2FIX_KB_CAT_COPIED_SAMPLE &&
		    (guid_listed(known[i].guids, id) || guid_listed(known[i].chain_guids, id)))
			return &known[i];
	return NULL;
}

const ws2fix_known_provider *ws2fix_known_provider_match(const char *dll_path, const ws2fix_guid *id)
{
	/* A product's own GUID names it wherever its DLL sits. */
	for (size_t i = 0; id && i < sizeof(known) / sizeof(known[0]); i++)
		if (known[i].category != WS2FIX_KB_CAT_COPIED_SAMPLE && !known[i].microsoft &&
		    (guid_listed(known[i].guids, id) || guid_listed(known[i].chain_guids, id)))
			return &known[i];
	const ws2fix_known_provider *k = by_path(dll_path);
	return k ? k : ws2fix_known_sample_guid(id);
}

const char *ws2fix_provider_category_name(ws2fix_provider_category c)
{
	switch (c) {
	case WS2FIX_KB_CAT_WINDOWS:
		return "windows";
	case WS2FIX_KB_CAT_VPN:
		return "vpn";
	case WS2FIX_KB_CAT_PROXY:
		return "proxy";
	case WS2FIX_KB_CAT_DLP:
		return "dlp";
	case WS2FIX_KB_CAT_GAME_ACCELERATOR:
		return "game-accelerator";
	case WS2FIX_KB_CAT_ANTIVIRUS_FIREWALL:
		return "antivirus-firewall";
	case WS2FIX_KB_CAT_PARENTAL_FILTER:
		return "parental-filter";
	case WS2FIX_KB_CAT_ADWARE_PUP:
		return "adware-pup";
	case WS2FIX_KB_CAT_MALWARE:
		return "malware";
	case WS2FIX_KB_CAT_COPIED_SAMPLE:
		return "copied-sample";
	case WS2FIX_KB_CAT_OTHER:
		return "other";
	case WS2FIX_KB_CAT_UNKNOWN:
	default:
		return "unknown";
	}
}

const char *ws2fix_provider_label_name(ws2fix_provider_label l)
{
	switch (l) {
	case WS2FIX_LABEL_KNOWN_GOOD:
		return "known-good";
	case WS2FIX_LABEL_KNOWN_BAD:
		return "known-bad";
	case WS2FIX_LABEL_PUP:
		return "potentially-unwanted";
	case WS2FIX_LABEL_UNKNOWN:
	default:
		return "unknown";
	}
}

int ws2fix_provider_is_microsoft(const ws2fix_guid *id, const char *path)
{
	int ms_id = 0;
	if (!id)
		return 0;
	for (size_t i = 0; i < sizeof(microsoft_ids) / sizeof(microsoft_ids[0]) && !ms_id; i++)
		ms_id = ws2fix_guid_equal(id, &microsoft_ids[i]);
	if (!ms_id)
		return 0;
	if (!path)
		return 1;
	const char *name = ws2fix_provider_dll_name(path);
	for (size_t i = 0; i < sizeof(known) / sizeof(known[0]); i++)
		if (known[i].microsoft && known[i].pattern && glob_match(known[i].pattern, name))
			return in_system_dir(path);
	return 0;
}

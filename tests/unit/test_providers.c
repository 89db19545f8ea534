/* SPDX-License-Identifier: MIT */
/* Baselines and known providers: the tables against the real hives they
 * were taken from, and the Microsoft / known-provider rules. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <cmocka.h>

#include "ws2fix/catalog.h"
#include "ws2fix/errors.h"
#include "ws2fix/osinfo.h"
#include "ws2fix/providers.h"
#include "ws2fix/registry.h"
#include "testutil.h"

static const ws2fix_os_family all_families[] = {WS2FIX_OS_2000, WS2FIX_OS_XP, WS2FIX_OS_2003, WS2FIX_OS_VISTA,
	WS2FIX_OS_7, WS2FIX_OS_8, WS2FIX_OS_10};
#define N_FAMILIES (sizeof(all_families) / sizeof(all_families[0]))

static int is_lower(const char *s)
{
	for (; *s; s++)
		if (*s >= 'A' && *s <= 'Z')
			return 0;
	return 1;
}

/* ---- The tables themselves. ---- */

static void test_providers__tables_are_well_formed(void **state)
{
	(void)state;
	static const ws2fix_guid tcp = WS2FIX_GUID_MSAFD_TCPIP, tcp6 = WS2FIX_GUID_MSAFD_TCPIP6,
		dns = WS2FIX_GUID_NS_TCPIP;
	size_t n;
	assert_null(ws2fix_baseline_protocols(WS2FIX_OS_UNKNOWN, &n));
	assert_int_equal(n, 0);
	assert_null(ws2fix_baseline_namespaces(WS2FIX_OS_UNKNOWN, &n));
	assert_int_equal(n, 0);
	for (size_t f = 0; f < N_FAMILIES; f++) {
		const ws2fix_baseline_protocol *p = ws2fix_baseline_protocols(all_families[f], &n);
		assert_non_null(p);
		int v4 = 0, v6 = 0;
		for (size_t i = 0; i < n; i++) {
			assert_non_null(p[i].what);
			assert_non_null(p[i].evidence);
			assert_true(p[i].evidence[0] != '\0');
			assert_non_null(p[i].dlls);
			assert_true(is_lower(p[i].dlls));
			/* A row without a sample says so. */
			if (!p[i].defaults && !strstr(p[i].evidence, "not seen"))
				fail_msg("family %d row %s: no defaults and no \"not seen\"", all_families[f], p[i].what);
			if (p[i].required && ws2fix_guid_equal(&p[i].provider_id, &tcp))
				v4++;
			if (p[i].required && ws2fix_guid_equal(&p[i].provider_id, &tcp6))
				v6++;
			/* Only providers every installation has are required. */
			if (p[i].required && !ws2fix_guid_equal(&p[i].provider_id, &tcp) &&
			    !ws2fix_guid_equal(&p[i].provider_id, &tcp6) && strcmp(p[i].what, "AF_UNIX") != 0)
				fail_msg("family %d: %s is required", all_families[f], p[i].what);
		}
		assert_int_equal(v4, 3); /* TCP, UDP, RAW everywhere */
		assert_int_equal(v6, all_families[f] >= WS2FIX_OS_VISTA ? 3 : 0);
		const ws2fix_baseline_namespace *ns = ws2fix_baseline_namespaces(all_families[f], &n);
		assert_non_null(ns);
		int dns_required = 0;
		for (size_t i = 0; i < n; i++) {
			assert_true(is_lower(ns[i].dlls));
			assert_true(ns[i].evidence[0] != '\0');
			if (ns[i].required) {
				assert_true(ws2fix_guid_equal(&ns[i].provider_id, &dns));
				assert_int_equal(ns[i].namespace_id, 12);
				dns_required++;
			}
		}
		assert_int_equal(dns_required, 1);
	}
}

static void test_providers__required_depends_on_build_and_arch(void **state)
{
	(void)state;
	size_t n;
	const ws2fix_baseline_protocol *p = ws2fix_baseline_protocols(WS2FIX_OS_10, &n);
	const ws2fix_baseline_protocol *afunix = NULL, *netbios = NULL, *tcp = NULL, *irda = NULL;
	for (size_t i = 0; i < n; i++) {
		if (!strcmp(p[i].what, "AF_UNIX"))
			afunix = &p[i];
		else if (p[i].flags & WS2FIX_BASELINE_PER_LANA)
			netbios = &p[i];
		else if (!strcmp(p[i].what, "MSAFD Tcpip [TCP/IP]"))
			tcp = &p[i];
		else if (p[i].address_family == 26)
			irda = &p[i];
	}
	assert_non_null(afunix);
	assert_non_null(netbios);
	assert_non_null(tcp);
	assert_non_null(irda);
	ws2fix_osinfo os;
	memset(&os, 0, sizeof(os));
	os.family = WS2FIX_OS_10;
	snprintf(os.arch, sizeof(os.arch), "x86");
	os.build = 19041;
	assert_true(ws2fix_baseline_protocol_required(afunix, &os));
	os.build = 16299;
	assert_false(ws2fix_baseline_protocol_required(afunix, &os));
	os.build = 0; /* unknown: never required */
	assert_false(ws2fix_baseline_protocol_required(afunix, &os));
	assert_false(ws2fix_baseline_protocol_required(afunix, NULL));
	assert_true(ws2fix_baseline_protocol_required(tcp, &os));
	assert_true(ws2fix_baseline_protocol_required(tcp, NULL));
	assert_false(ws2fix_baseline_protocol_required(netbios, &os));
	assert_false(ws2fix_baseline_protocol_required(irda, &os));

	/* Per-LANA rows match any LANA (protocol -LANA, 0x80000000 for LANA 0). */
	ws2fix_protocol_item it;
	memset(&it, 0, sizeof(it));
	it.provider_id = netbios->provider_id;
	it.address_family = 17;
	it.socket_type = netbios->socket_type;
	snprintf(it.library_path, sizeof(it.library_path), "%%SystemRoot%%\\system32\\MSWSOCK.DLL");
	it.protocol = INT32_MIN;
	assert_true(ws2fix_baseline_protocol_matches(netbios, &it));
	it.protocol = -5;
	assert_true(ws2fix_baseline_protocol_matches(netbios, &it));
	it.protocol = 6;
	assert_false(ws2fix_baseline_protocol_matches(netbios, &it));

	/* TCP with a foreign DLL is not the baseline provider. */
	memset(&it, 0, sizeof(it));
	it.provider_id = tcp->provider_id;
	it.address_family = 2;
	it.socket_type = 1;
	it.protocol = 6;
	snprintf(it.library_path, sizeof(it.library_path), "C:\\evil\\lsp.dll");
	assert_false(ws2fix_baseline_protocol_matches(tcp, &it));
	snprintf(it.library_path, sizeof(it.library_path), "%%SystemRoot%%\\system32\\mswsock.dll");
	assert_true(ws2fix_baseline_protocol_matches(tcp, &it));
	it.protocol = 17;
	assert_false(ws2fix_baseline_protocol_matches(tcp, &it));
}

/* ---- Known providers and the Microsoft rule. ---- */

static void test_providers__known_lookup(void **state)
{
	(void)state;
	const ws2fix_known_provider *k;
	k = ws2fix_known_provider_lookup("C:\\WINDOWS\\system32\\LavasoftTcpService64.dll");
	assert_non_null(k);
	assert_int_equal(k->label, WS2FIX_LABEL_PUP);
	k = ws2fix_known_provider_lookup("C:\\Windows\\system32\\LavasoftTcpService.dll");
	assert_non_null(k);
	assert_int_equal(k->label, WS2FIX_LABEL_PUP);
	k = ws2fix_known_provider_lookup("C:\\WINDOWS\\System32\\NEWDOTNET6_38.DLL");
	assert_non_null(k);
	assert_int_equal(k->label, WS2FIX_LABEL_KNOWN_BAD);
	assert_string_equal(k->vendor, "New.Net");
	assert_int_equal(ws2fix_known_provider_lookup("newdotnet.dll")->label, WS2FIX_LABEL_KNOWN_BAD);
	assert_int_equal(ws2fix_known_provider_lookup("C:\\x\\WebHDLL.dll")->label, WS2FIX_LABEL_KNOWN_BAD);
	assert_int_equal(ws2fix_known_provider_lookup("wbhshare.dll")->label, WS2FIX_LABEL_KNOWN_BAD);
	assert_int_equal(ws2fix_known_provider_lookup("cnmib.dll")->label, WS2FIX_LABEL_KNOWN_BAD);
	assert_int_equal(ws2fix_known_provider_lookup("%SystemRoot%\\system32\\vmain.dll")->label,
		WS2FIX_LABEL_KNOWN_BAD);
	/* Not a wildcard match: the pattern must cover the whole name. */
	assert_null(ws2fix_known_provider_lookup("mynewdotnet.dll"));
	assert_null(ws2fix_known_provider_lookup("newdotnet.dll.bak"));

	k = ws2fix_known_provider_lookup("%windir%\\system32\\vsocklib.dll");
	assert_non_null(k);
	assert_int_equal(k->label, WS2FIX_LABEL_KNOWN_GOOD);
	assert_string_equal(k->vendor, "VMware");
	assert_int_equal(k->microsoft, 0);
	assert_string_equal(ws2fix_known_provider_lookup("C:\\Program Files\\Citrix\\CTXLSP.DLL")->vendor, "Citrix");
	assert_string_equal(ws2fix_known_provider_lookup("imon.dll")->vendor, "ESET");
	assert_string_equal(ws2fix_known_provider_lookup("C:\\Windows\\SysWOW64\\ierd_tgp_lsp64.dll")->vendor,
		"Tencent");
	assert_int_equal(ws2fix_known_provider_lookup("C:\\Windows\\SysWOW64\\ierd_tgp_lsp.dll")->grade, 'V');
	assert_int_equal(ws2fix_known_provider_lookup("PrxerNsp.dll")->grade, 'U');
	assert_int_equal(ws2fix_known_provider_lookup("mdnsNSP.dll")->label, WS2FIX_LABEL_KNOWN_GOOD);
	assert_null(ws2fix_known_provider_lookup("C:\\Program Files\\Unknown\\whatever.dll"));
	assert_null(ws2fix_known_provider_lookup(""));
	assert_null(ws2fix_known_provider_lookup(NULL));

	/* Microsoft names only count in the system directory. */
	k = ws2fix_known_provider_lookup("%SystemRoot%\\System32\\MSWSOCK.dll");
	assert_non_null(k);
	assert_int_equal(k->microsoft, 1);
	assert_non_null(ws2fix_known_provider_lookup("C:\\WINNT\\system32\\winrnr.dll"));
	assert_non_null(ws2fix_known_provider_lookup("C:\\Windows\\SysWOW64\\napinsp.dll"));
	assert_null(ws2fix_known_provider_lookup("C:\\evil\\mswsock.dll"));
	assert_null(ws2fix_known_provider_lookup("C:\\Windows\\Temp\\x\\system32\\mswsock.dll"));
	assert_null(ws2fix_known_provider_lookup("mswsock.dll"));

	assert_string_equal(ws2fix_provider_label_name(WS2FIX_LABEL_KNOWN_GOOD), "known-good");
	assert_string_equal(ws2fix_provider_label_name(WS2FIX_LABEL_KNOWN_BAD), "known-bad");
	assert_string_equal(ws2fix_provider_label_name(WS2FIX_LABEL_PUP), "potentially-unwanted");
	assert_string_equal(ws2fix_provider_label_name(WS2FIX_LABEL_UNKNOWN), "unknown");

	size_t n;
	const ws2fix_known_provider *all = ws2fix_known_providers(&n);
	assert_true(n > 150); /* the whole HJT safelist and more */
	for (size_t i = 0; i < n; i++) {
		/* Every row has a key: a DLL name, a path pattern or a GUID. */
		assert_true(all[i].pattern || all[i].path_pattern || all[i].guids || all[i].chain_guids);
		if (all[i].pattern)
			assert_true(is_lower(all[i].pattern));
		if (all[i].path_pattern)
			assert_true(is_lower(all[i].path_pattern));
		assert_true(all[i].grade == 'V' || all[i].grade == 'C' || all[i].grade == 'U');
		assert_true(all[i].source && all[i].source[0]);
		if (all[i].microsoft)
			assert_int_equal(all[i].label, WS2FIX_LABEL_KNOWN_GOOD);
		for (size_t j = 0; j < i && all[i].pattern; j++)
			if (all[j].pattern && !strcmp(all[i].pattern, all[j].pattern))
				fail_msg("pattern %s twice", all[i].pattern);
	}
}

/* Knowledge base v2 (providers.def): the products issue 26 names, by DLL
 * name, by path and by GUID, and the copied sample GUIDs. */
static void test_providers__knowledge_base_v2(void **state)
{
	(void)state;
	static const char *const named[][2] = {
		{"C:\\Program Files (x86)\\Proxifier\\PrxerDrv.dll", "Proxifier"},
		{"C:\\Program Files (x86)\\Intercom\\MaLion\\Isvp\\bin\\x64\\pmilsp.dll", "Intercom (MaLion)"},
		{"C:\\Program Files\\PGP Corporation\\PGP Desktop\\PGPlsp.dll", "Symantec (PGP)"},
		{"C:\\Windows\\system32\\nnlsp.dll", "Leigod (NN)"},
		{"C:\\Windows\\SysWOW64\\nnlsp64.dll", "Leigod (NN)"},
		{"C:\\Windows\\system32\\nvLsp.dll", "NVIDIA"},
		{"C:\\Windows\\system32\\nvlsp64.dll", "NVIDIA"},
		{"C:\\Windows\\system32\\pcapwsp.dll", "ProxyCap"},
		{"C:\\Program Files\\Qustodio\\qproxy.dll", "Qustodio"},
		{"sarah.dll", "AVM (FRITZ!)"},
		{"C:\\Windows\\system32\\WSOCKHK.DLL", "Net Nanny"},
		{"SBLSP.dll", "SPEEDBit"},
		{"netdog.dll", "Armor2net"},
		{"vlsp.dll", "Venturi Wireless"},
		{"mclsp.dll", "McAfee"},
		{"C:\\Program Files\\rnamfler\\radhslib.dll", "Radiant"},
		{"winsflt.dll", "PureSight"},
		{"iFW_Xfilter.dll", "iolo"},
		{"gapsp.dll", "Juniper Networks (Neoteris)"},
		{"C:\\Program Files (x86)\\Sangfor\\SSL\\ClientComponent\\31_SangforTcpX64.dll", "Sangfor"},
	};
	for (size_t i = 0; i < sizeof(named) / sizeof(named[0]); i++) {
		const ws2fix_known_provider *k = ws2fix_known_provider_match(named[i][0], NULL);
		if (!k || !k->vendor || strcmp(k->vendor, named[i][1]))
			fail_msg("%s: vendor %s, want %s", named[i][0], k && k->vendor ? k->vendor : "(none)", named[i][1]);
	}
	/* A path pattern names a DLL the row does not list by name. */
	const ws2fix_known_provider *k =
		ws2fix_known_provider_lookup("C:\\Program Files (x86)\\Intercom\\MaLion\\Isvp\\bin\\x64\\other.dll");
	assert_non_null(k);
	assert_int_equal(k->category, WS2FIX_KB_CAT_DLP);
	assert_true(k->flags & WS2FIX_KB_MANAGED);
	/* Sangfor by its chain GUIDs alone, whatever the DLL (vscode#64290). */
	ws2fix_guid g;
	assert_int_equal(ws2fix_guid_parse(&g, "{62816A64-DAC2-48DD-B3AD-843C916DDF82}"), 0);
	assert_null(ws2fix_known_provider_lookup("D:\\x\\renamed.dll"));
	k = ws2fix_known_provider_match("D:\\x\\renamed.dll", &g);
	assert_non_null(k);
	assert_string_equal(k->vendor, "Sangfor");
	assert_int_equal(k->category, WS2FIX_KB_CAT_VPN);
	assert_int_equal(ws2fix_guid_parse(&g, "{f3a080b4-019d-4501-8647-b59695478f9f}"), 0);
	assert_string_equal(ws2fix_known_provider_match(NULL, &g)->vendor, "Sangfor");
	/* Copied sample GUIDs: a warning whatever the DLL; a product's own
	 * DLL name still names it. */
	static const char *const samples[] = {"{D3C21122-85E1-48F3-9AB6-23D90C7307EF}",
		"{0000008A-088B-888C-8A8A-8A8A8A8A8A8A}", "{C5FABBD0-9736-11D1-937F-00C04FAD860D}"};
	for (size_t i = 0; i < sizeof(samples) / sizeof(samples[0]); i++) {
		assert_int_equal(ws2fix_guid_parse(&g, samples[i]), 0);
		k = ws2fix_known_sample_guid(&g);
		assert_non_null(k);
		assert_int_equal(k->category, WS2FIX_KB_CAT_COPIED_SAMPLE);
		assert_int_equal(ws2fix_known_provider_match("C:\\x\\mylsp.dll", &g)->category, WS2FIX_KB_CAT_COPIED_SAMPLE);
		assert_string_equal(ws2fix_known_provider_match("C:\\x\\PrxerDrv.dll", &g)->vendor, "Proxifier");
	}
	assert_int_equal(ws2fix_guid_parse(&g, "{E70F1AA0-AB8B-11CF-8CA3-00805F48A192}"), 0);
	assert_null(ws2fix_known_sample_guid(&g));
	assert_null(ws2fix_known_provider_match("C:\\evil\\mswsock.dll", &g));
	assert_string_equal(ws2fix_provider_category_name(WS2FIX_KB_CAT_GAME_ACCELERATOR), "game-accelerator");
	size_t n;
	(void)ws2fix_known_providers(&n);
	assert_true(n >= 200);
}

static void test_providers__microsoft_needs_guid_dll_and_directory(void **state)
{
	(void)state;
	static const ws2fix_guid tcp = WS2FIX_GUID_MSAFD_TCPIP, nla = WS2FIX_GUID_NS_NLA,
		vmware = {0x570ADC4Bu, 0x67B2u, 0x42CEu, {0x92, 0xB2, 0xAC, 0xD3, 0x3D, 0x88, 0xD8, 0x42}},
		netbios = WS2FIX_GUID_MSAFD_NETBIOS;
	assert_true(ws2fix_provider_is_microsoft(&tcp, "%SystemRoot%\\system32\\mswsock.dll"));
	assert_true(ws2fix_provider_is_microsoft(&tcp, "%windir%\\System32\\MSWSOCK.DLL"));
	assert_true(ws2fix_provider_is_microsoft(&tcp, "C:\\Windows\\SysWOW64\\mswsock.dll"));
	assert_true(ws2fix_provider_is_microsoft(&nla, "%SystemRoot%\\system32\\NLAapi.dll"));
	assert_true(ws2fix_provider_is_microsoft(&nla, "C:\\WINDOWS\\system32\\nlansp_c.dll"));
	/* A Microsoft GUID with a third-party DLL is not Microsoft. */
	assert_false(ws2fix_provider_is_microsoft(&tcp, "C:\\Windows\\system32\\LavasoftTcpService64.dll"));
	assert_false(ws2fix_provider_is_microsoft(&tcp, "%SystemRoot%\\system32\\evil.dll"));
	/* ... nor a Microsoft DLL name outside the system directory. */
	assert_false(ws2fix_provider_is_microsoft(&tcp, "C:\\Users\\x\\AppData\\mswsock.dll"));
	/* ZeroAccess rewrote the path to a bare "mswsock.dll" (corpus observations). */
	assert_false(ws2fix_provider_is_microsoft(&netbios, "mswsock.dll"));
	/* A third-party GUID with a Microsoft DLL is not Microsoft either. */
	assert_false(ws2fix_provider_is_microsoft(&vmware, "%SystemRoot%\\system32\\mswsock.dll"));
	assert_false(ws2fix_provider_is_microsoft(&vmware, "%SystemRoot%\\system32\\vsocklib.dll"));
	/* netsh text has no namespace path: the GUID decides. */
	assert_true(ws2fix_provider_is_microsoft(&nla, NULL));
	assert_false(ws2fix_provider_is_microsoft(&vmware, NULL));
	assert_false(ws2fix_provider_is_microsoft(NULL, "%SystemRoot%\\system32\\mswsock.dll"));
	assert_string_equal(ws2fix_provider_dll_name("C:\\a\\b/c.dll"), "c.dll");
}

#ifdef WS2FIX_HAVE_HIVEX

typedef struct hive_case {
	const char *xz;
	const char *rel; /* as the baseline evidence names it */
	ws2fix_os_family family;
	uint32_t build;
	const char *arch;
} hive_case;

/* Family, build and arch: hives/PROVENANCE.md. */
static const hive_case hive_cases[] = {
	{"hives/winevt-kb-xpsp3-x86/SYSTEM.xz", "hives/winevt-kb-xpsp3-x86/SYSTEM", WS2FIX_OS_XP, 2600, "x86"},
	{"hives/bitcurator-m57-xpsp3-x86/SYSTEM.xz", "hives/bitcurator-m57-xpsp3-x86/SYSTEM", WS2FIX_OS_XP, 2600, "x86"},
	{"hives/itdaniher-winxp-x64-sp2/system.xz", "hives/itdaniher-winxp-x64-sp2/system", WS2FIX_OS_2003, 3790, "x64"},
	{"hives/regipy/SYSTEM.xz", "hives/regipy/SYSTEM", WS2FIX_OS_7, 7601, "x86"},
	{"hives/shimcacheparser-win7sp1-x64/SYSTEM.xz", "hives/shimcacheparser-win7sp1-x64/SYSTEM", WS2FIX_OS_7, 7601,
		"x64"},
	{"hives/regipy/SYSTEM_2.xz", "hives/regipy/SYSTEM_2", WS2FIX_OS_8, 9600, "x64"},
	{"hives/regipy/SYSTEM_B.xz", "hives/regipy/SYSTEM_B", WS2FIX_OS_10, 16299, "x64"},
	{"hives/regipy/SYSTEM_WIN_10_1709.xz", "hives/regipy/SYSTEM_WIN_10_1709", WS2FIX_OS_10, 18362, "x64"},
	{"hives/dissect-regf-win10-x64/SYSTEM.xz", "hives/dissect-regf-win10-x64/SYSTEM", WS2FIX_OS_10, 19041, "x64"},
};

/* Does @p evidence name @p rel as a whole path ("hives/regipy/SYSTEM" must
 * not match inside "hives/regipy/SYSTEM_2")? */
static int names_hive(const char *evidence, const char *rel)
{
	size_t n = strlen(rel);
	for (const char *p = strstr(evidence, rel); p; p = strstr(p + 1, rel)) {
		char c = p[n];
		if (!(c == '_' || c == '/' || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')))
			return 1;
	}
	return 0;
}

static int path_eq(const char *a, const char *b)
{
	return a && b && strcasecmp(a, b) == 0;
}

/* The values a baseline row says Windows writes are the values in the hive. */
static void check_defaults(const char *hive, const ws2fix_baseline_protocol *b, const ws2fix_protocol_entry *e)
{
	const ws2fix_baseline_defaults *d = b->defaults;
	const ws2fix_protocol_item *it = &e->item;
	if (!d)
		return;
	uint32_t pf = d->provider_flags;
	if ((b->flags & WS2FIX_BASELINE_PER_LANA) && it->protocol == INT32_MIN)
		pf |= WS2FIX_PFL_MATCHES_PROTOCOL_ZERO; /* the LANA 0 pair */
	if (!path_eq(it->library_path, d->library_path) || memcmp(it->service_flags, d->service_flags, 16) != 0 ||
	    it->provider_flags != pf || it->version != d->version || it->max_sockaddr != d->max_sockaddr ||
	    it->min_sockaddr != d->min_sockaddr || it->protocol_max_offset != d->protocol_max_offset ||
	    it->network_byte_order != d->network_byte_order || it->security_scheme != d->security_scheme ||
	    it->message_size != d->message_size || it->provider_reserved != d->provider_reserved ||
	    it->chain_len != 1)
		fail_msg("%s %s: fields differ from the baseline defaults", hive, e->key);
	if (d->protocol_name && strcmp(it->protocol_name, d->protocol_name) != 0)
		fail_msg("%s %s: name \"%s\", baseline \"%s\"", hive, e->key, it->protocol_name, d->protocol_name);
	if (d->protocol_name_value && (!e->protocol_name_value || strcmp(e->protocol_name_value, d->protocol_name_value)))
		fail_msg("%s %s: ProtocolName differs", hive, e->key);
	if (!d->protocol_name_value && d->protocol_name && e->protocol_name_value)
		fail_msg("%s %s: ProtocolName where the baseline has none", hive, e->key);
}

static void check_catalog(const char *label, const char *rel, const ws2fix_catalog *cat, const ws2fix_osinfo *os)
{
	size_t np, nn;
	const ws2fix_baseline_protocol *rows = ws2fix_baseline_protocols(os->family, &np);
	const ws2fix_baseline_namespace *nrows = ws2fix_baseline_namespaces(os->family, &nn);
	int views = 0;
	for (int v = 0; v < 2; v++) {
		const ws2fix_protocol_view *pv = &cat->protocol[v];
		if (!pv->info.present || !pv->info.count)
			continue;
		views++;
		/* Every required provider of the family is in every view. */
		for (size_t r = 0; r < np; r++) {
			if (!ws2fix_baseline_protocol_required(&rows[r], os))
				continue;
			int found = 0;
			for (size_t i = 0; i < pv->info.count && !found; i++)
				found = pv->entries[i].has_item && ws2fix_baseline_protocol_matches(&rows[r], &pv->entries[i].item);
			if (!found)
				fail_msg("%s view %d lacks required %s", label, v, rows[r].what);
		}
		/* Every Microsoft entry is a row of its family's table, with the
		 * field values the row says. */
		for (size_t i = 0; i < pv->info.count; i++) {
			const ws2fix_protocol_entry *e = &pv->entries[i];
			assert_true(e->has_item);
			if (!ws2fix_provider_is_microsoft(&e->item.provider_id, e->item.library_path))
				continue;
			const ws2fix_baseline_protocol *match = NULL;
			for (size_t r = 0; r < np && !match; r++)
				if (ws2fix_baseline_protocol_matches(&rows[r], &e->item))
					match = &rows[r];
			if (!match)
				fail_msg("%s %s: Microsoft entry %d/%d/%d in no baseline row", label, e->key,
					e->item.address_family, e->item.socket_type, e->item.protocol);
			if (rel)
				check_defaults(label, match, e);
		}
		const ws2fix_namespace_view *nv = &cat->namespaces[v];
		for (size_t r = 0; r < nn; r++) {
			int found = 0;
			const ws2fix_namespace_entry *hit = NULL;
			for (size_t i = 0; i < nv->info.count && !found; i++)
				if ((found = ws2fix_baseline_namespace_matches(&nrows[r], &nv->entries[i])))
					hit = &nv->entries[i];
			if (ws2fix_baseline_namespace_required(&nrows[r], os) && !found)
				fail_msg("%s namespace view %d lacks required %s", label, v, nrows[r].what);
			if (hit && rel && nrows[r].library_path &&
			    (!path_eq(hit->library_path, nrows[r].library_path) ||
			     !path_eq(hit->display_string, nrows[r].display_string) || !hit->has_version ||
			     hit->version != nrows[r].version || !hit->has_enabled || hit->enabled != 1))
				fail_msg("%s namespace %s: values differ from the baseline", label, hit->key);
		}
		for (size_t i = 0; i < nv->info.count; i++) {
			const ws2fix_namespace_entry *e = &nv->entries[i];
			if (!ws2fix_provider_is_microsoft(&e->provider_id, e->library_path))
				continue;
			int found = 0;
			for (size_t r = 0; r < nn && !found; r++)
				found = ws2fix_baseline_namespace_matches(&nrows[r], e);
			if (!found)
				fail_msg("%s namespace %s: Microsoft entry in no baseline row", label, e->key);
		}
	}
	assert_true(views > 0);
	if (!rel)
		return;
	/* A row that names this hive as evidence is in it. */
	for (size_t r = 0; r < np; r++) {
		if (!names_hive(rows[r].evidence, rel))
			continue;
		int found = 0;
		for (int v = 0; v < 2 && !found; v++)
			for (size_t i = 0; i < cat->protocol[v].info.count && !found; i++)
				found = ws2fix_baseline_protocol_matches(&rows[r], &cat->protocol[v].entries[i].item);
		if (!found)
			fail_msg("%s: row %s names it as evidence but it is not there", label, rows[r].what);
	}
	for (size_t r = 0; r < nn; r++) {
		if (!names_hive(nrows[r].evidence, rel) || strstr(nrows[r].evidence, "absent in"))
			continue;
		int found = 0;
		for (int v = 0; v < 2 && !found; v++)
			for (size_t i = 0; i < cat->namespaces[v].info.count && !found; i++)
				found = ws2fix_baseline_namespace_matches(&nrows[r], &cat->namespaces[v].entries[i]);
		if (!found)
			fail_msg("%s: namespace row %s names it as evidence but it is not there", label, nrows[r].what);
	}
}

static void test_providers__baselines_hold_on_every_real_hive(void **state)
{
	(void)state;
	for (size_t h = 0; h < sizeof(hive_cases) / sizeof(hive_cases[0]); h++) {
		const hive_case *c = &hive_cases[h];
		char *path = testutil_unxz(c->xz);
		if (!path)
			testutil_skip();
		ws2fix_registry *reg = NULL;
		ws2fix_catalog *cat = NULL;
		assert_int_equal(ws2fix_registry_open_hive(&reg, path, NULL), 0);
		assert_int_equal(ws2fix_catalog_read(&cat, reg), 0);
		ws2fix_osinfo os;
		memset(&os, 0, sizeof(os));
		os.family = c->family;
		os.build = c->build;
		snprintf(os.arch, sizeof(os.arch), "%s", c->arch);
		check_catalog(c->rel, c->rel, cat, &os);
		ws2fix_catalog_free(cat);
		ws2fix_registry_free(reg);
		remove(path);
		*strrchr(path, '/') = '\0';
		remove(path);
		free(path);
	}
}

/* The real .reg export: Windows 10 x64, build unknown (>= 1803). */
static void test_providers__baselines_hold_on_the_real_export(void **state)
{
	(void)state;
	char *path = testutil_shared_path("corpus/cingchun-bccc/winsock2.reg");
	if (!path)
		testutil_skip();
	ws2fix_registry *reg = NULL;
	int rc = ws2fix_registry_open_regfile(&reg, path, NULL);
	if (rc == WS2FIX_ENOTBUILT) {
		free(path);
		testutil_skip();
	}
	assert_int_equal(rc, 0);
	ws2fix_catalog *cat = NULL;
	assert_int_equal(ws2fix_catalog_read(&cat, reg), 0);
	ws2fix_osinfo os;
	memset(&os, 0, sizeof(os));
	os.family = WS2FIX_OS_10;
	snprintf(os.arch, sizeof(os.arch), "x64");
	os.build = 17134; /* the least it can be: it has AF_UNIX */
	check_catalog("corpus/cingchun-bccc/winsock2.reg", NULL, cat, &os);
	/* Its LSP is Tencent's, known and legitimate; not Microsoft. */
	int lsp = 0;
	for (size_t i = 0; i < cat->protocol[0].info.count; i++) {
		const ws2fix_protocol_item *it = &cat->protocol[0].entries[i].item;
		if (strstr(it->library_path, "ierd_tgp_lsp")) {
			lsp++;
			assert_false(ws2fix_provider_is_microsoft(&it->provider_id, it->library_path));
			assert_int_equal(ws2fix_known_provider_lookup(it->library_path)->label, WS2FIX_LABEL_KNOWN_GOOD);
		}
	}
	assert_true(lsp > 0);
	ws2fix_catalog_free(cat);
	ws2fix_registry_free(reg);
	free(path);
}

#endif

/* One DLL however a catalog writes its folder; two folders are two DLLs. */
static void test_providers__same_dll(void **state)
{
	(void)state;
	static const char *const same[][2] = {
		{"%SystemRoot%\\system32\\x.dll", "C:\\WINDOWS\\System32\\X.DLL"},
		{"%windir%\\SysWOW64\\x.dll", "%SystemRoot%\\system32\\x.dll"},
		{"\\SystemRoot\\System32\\x.dll", "%WINDIR%\\system32\\x.dll"},
		{"C:\\Windows\\SysWOW64\\ierd_tgp_lsp64.dll", "c:\\windows\\syswow64\\IERD_TGP_LSP64.dll"},
		{"x.dll", "%SystemRoot%\\system32\\x.dll"},
		{"%ProgramFiles%\\A\\a.dll", "%programfiles%/a/A.DLL"},
	};
	static const char *const other[][2] = {
		{"%SystemRoot%\\system32\\x.dll", "%SystemRoot%\\system32\\y.dll"},
		{"%ProgramFiles%\\A\\a.dll", "%ProgramFiles%\\B\\a.dll"},
		{"C:\\Program Files\\A\\system32\\a.dll", "%SystemRoot%\\system32\\a.dll"},
		{"%SystemRoot%\\system32\\x.dll", ""},
	};
	for (size_t i = 0; i < sizeof(same) / sizeof(same[0]); i++)
		if (!ws2fix_provider_same_dll(same[i][0], same[i][1]) || !ws2fix_provider_same_dll(same[i][1], same[i][0]))
			fail_msg("not one DLL: %s / %s", same[i][0], same[i][1]);
	for (size_t i = 0; i < sizeof(other) / sizeof(other[0]); i++)
		if (ws2fix_provider_same_dll(other[i][0], other[i][1]))
			fail_msg("one DLL: %s / %s", other[i][0], other[i][1]);
	assert_int_equal(ws2fix_provider_same_dll(NULL, "x.dll"), 0);
	char out[8];
	ws2fix_provider_path_fold(out, sizeof(out), "%SystemRoot%\\system32\\x.dll");
	assert_int_equal(strlen(out), 7); /* cut, NUL-terminated */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_providers__tables_are_well_formed),
		cmocka_unit_test(test_providers__required_depends_on_build_and_arch),
		cmocka_unit_test(test_providers__known_lookup),
		cmocka_unit_test(test_providers__knowledge_base_v2),
		cmocka_unit_test(test_providers__same_dll),
		cmocka_unit_test(test_providers__microsoft_needs_guid_dll_and_directory),
#ifdef WS2FIX_HAVE_HIVEX
		cmocka_unit_test(test_providers__baselines_hold_on_every_real_hive),
		cmocka_unit_test(test_providers__baselines_hold_on_the_real_export),
#endif
	};
	return testutil_result(cmocka_run_group_tests(tests, NULL, NULL));
}

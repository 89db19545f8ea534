/* SPDX-License-Identifier: MIT */
/*
 * Known providers as data: shared/spec/providers.md transcribed entry by
 * entry, with its source grades ([V] primary source, [C] community source,
 * [U] unconfirmed), plus the rule that decides whether a provider is
 * Microsoft's.  A name is only ever a hint: a Microsoft DLL name counts
 * only in a system directory and under a Microsoft ProviderId, and a known
 * name says nothing about whether the DLL is still there.
 */
#include <stddef.h>
#include <string.h>

#include "ws2fix/providers.h"

/* Sources, named once so every row says where it comes from. */
#define SRC_HJT "HijackThis 2.0.4 LSP safelist (sSafeLSPFiles), providers.md section 1"
#define SRC_HJT_VENDOR "HijackThis 2.0.4 LSP safelist; vendor as attributed in providers.md section 1"
#define SRC_MS "Microsoft provider DLL: real hives under shared/hives, facts.md, providers.md section 2"
#define SRC_MODERN "providers.md section 2 (issue threads of projects broken by LSPs, vendor pages)"
#define SRC_BAD "providers.md section 3 (Panda encyclopedia, HJT Japanese guide, doxdesk references)"
#define SRC_OBS "corpus/observations-from-public-threads.md and corpus/netsh/PROVENANCE.md (not in providers.md)"

#define MS(name, product) {name, "Microsoft", product, WS2FIX_LABEL_KNOWN_GOOD, 'V', SRC_MS, 1}
#define HJT(name) {name, NULL, NULL, WS2FIX_LABEL_KNOWN_GOOD, 'V', SRC_HJT, 0}
#define HJTV(name, vendor) {name, vendor, NULL, WS2FIX_LABEL_KNOWN_GOOD, 'V', SRC_HJT_VENDOR, 0}

/*
 * Order matters only where patterns overlap: the first match wins, so the
 * known-bad rows come first and wildcards after exact names.
 */
static const ws2fix_known_provider known[] = {
	/* providers.md section 3: malicious or adware LSPs. */
	{"webhdll.dll", "WebHancer", "WebHancer survey/tracking LSP", WS2FIX_LABEL_KNOWN_BAD, 'C', SRC_BAD, 0},
	{"wbhshare.dll", "WebHancer", "WebHancer shared component", WS2FIX_LABEL_KNOWN_BAD, 'C', SRC_BAD, 0},
	{"newdotnet*.dll", "New.Net", "New.Net domain hijacker (NEWDOTNETx_xx.DLL)", WS2FIX_LABEL_KNOWN_BAD, 'C', SRC_BAD, 0},
	{"cnmib.dll", "CommonName", "CommonName toolbar LSP", WS2FIX_LABEL_KNOWN_BAD, 'C', SRC_BAD, 0},
	{"vmain.dll", "NewtonKnows", "NewtonKnows adware LSP", WS2FIX_LABEL_KNOWN_BAD, 'C', SRC_BAD, 0},
	/* providers.md section 2, "grey": breaks Docker, Unity, Factorio (moby#27423). */
	{"lavasofttcpservice*.dll", "Lavasoft (Adaware)", "Web Companion (LavasoftLSP)", WS2FIX_LABEL_PUP, 'V', SRC_MODERN, 0},

	/* DLLs Windows itself ships (providers.md section 2 "Microsoft", and the
	 * Microsoft names in the HJT safelist).  nlansp_c.dll is the NLA
	 * namespace DLL of Windows 11 22H2+ (corpus/netsh/04, an HJT 2.0.5 log
	 * that flags it only because its whitelist predates it). */
	MS("mswsock.dll", "Microsoft Windows Sockets 2.0 Service Provider"),
	MS("rsvpsp.dll", "RSVP/QoS service provider (XP, 2000)"),
	MS("winrnr.dll", "NTDS (LDAP) namespace provider"),
	MS("nlaapi.dll", "Network Location Awareness namespace provider"),
	MS("nlansp_c.dll", "Network Location Awareness namespace provider (Windows 11)"),
	MS("napinsp.dll", "E-mail naming shim provider"),
	MS("pnrpnsp.dll", "PNRP namespace provider"),
	MS("wshbth.dll", "Bluetooth namespace provider"),
	MS("wshqos.dll", "QoS helper DLL"),
	MS("wshtcpip.dll", "TCP/IP helper DLL"),
	MS("wship6.dll", "TCP/IPv6 helper DLL"),
	MS("wshhyperv.dll", "Hyper-V sockets helper DLL"),
	MS("hvsocket.dll", "Hyper-V sockets"),
	MS("msafd.dll", "MSAFD provider (Windows 9x/NT)"),
	MS("mswsosp.dll", "Windows ME hidden service provider"),
	MS("rnr20.dll", "Windows 9x DNS namespace provider"),

	/* providers.md section 2: legitimate third-party providers seen in
	 * modern threads [V unless noted]. */
	{"mdnsnsp.dll", "Apple", "Bonjour (mDNS namespace provider)", WS2FIX_LABEL_KNOWN_GOOD, 'V', SRC_MODERN, 0},
	{"vsocklib.dll", "VMware", "VMware vSockets / VMCI sockets (base provider)", WS2FIX_LABEL_KNOWN_GOOD, 'V',
		SRC_MODERN "; ReviveThis; real hives regipy/SYSTEM, shimcacheparser, SYSTEM_WIN_10_1709, dissect", 0},
	{"prxerdrv.dll", "Proxifier", "Proxifier", WS2FIX_LABEL_KNOWN_GOOD, 'V', SRC_MODERN, 0},
	{"prxernsp.dll", "Proxifier", "Proxifier namespace provider", WS2FIX_LABEL_KNOWN_GOOD, 'U', SRC_MODERN, 0},
	{"pcaplsp.dll", "ProxyCap", "ProxyCap", WS2FIX_LABEL_KNOWN_GOOD, 'V', SRC_MODERN, 0},
	{"nl_lsp.dll", "NetLimiter", "NetLimiter", WS2FIX_LABEL_KNOWN_GOOD, 'V', SRC_MODERN, 0},
	{"pgplsp.dll", "Symantec (PGP)", "Symantec Encryption Desktop / PGP", WS2FIX_LABEL_KNOWN_GOOD, 'V', SRC_MODERN, 0},
	{"pmilsp.dll", "MaLion", "MaLion DLP (x64 and x86)", WS2FIX_LABEL_KNOWN_GOOD, 'V', SRC_MODERN, 0},
	/* facts.md, seen in corpus/cingchun-bccc (ierd_tgp_lsp.dll, ierd_tgp_lsp64.dll). */
	{"ierd_tgp_lsp*.dll", "Tencent", "TGP / WeGame game accelerator", WS2FIX_LABEL_KNOWN_GOOD, 'V',
		"facts.md; real export corpus/cingchun-bccc/winsock2.reg", 0},
	/* Seen in the corpus but not listed in providers.md: graded [C]. */
	{"asproxy*.dll", "Astrill", "Astrill VPN (ASProxy)", WS2FIX_LABEL_KNOWN_GOOD, 'C', SRC_OBS, 0},
	{"*sangfortcp*.dll", "Sangfor", "Sangfor SSL VPN", WS2FIX_LABEL_KNOWN_GOOD, 'C', SRC_OBS, 0},
	{"wlidnsp.dll", "Microsoft", "Windows Live ID sign-in assistant namespace provider", WS2FIX_LABEL_KNOWN_GOOD, 'C',
		SRC_OBS, 0},
	{"viosocklib.dll", "VirtIO (distrobuilder)", "VirtIO socket base provider", WS2FIX_LABEL_KNOWN_GOOD, 'C', SRC_OBS, 0},

	/* providers.md section 1: the HijackThis 2.0.4 safelist, whole.  Vendors
	 * only where providers.md attributes them. */
	HJT("a2antispamlsp.dll"), HJT("adlsp.dll"), HJT("agbfilt.dll"), HJT("antiyfilter.dll"),
	HJT("ao2lsp.dll"), HJT("aphish.dll"), HJT("asdns.dll"), HJT("aslsp.dll"), HJT("asnsp.dll"),
	HJTV("avgfwafu.dll", "AVG"), HJT("avsda.dll"), HJT("betsp.dll"), HJT("biolsp.dll"),
	HJT("bmi_lsp.dll"), HJT("caslsp.dll"), HJT("cavemlsp.dll"), HJT("cdnns.dll"), HJT("connwsp.dll"),
	HJT("cplsp.dll"), HJT("csesck32.dll"), HJT("cslsp.dll"),
	HJT("cssp.al"), /* sic: the safelist spells it so */
	HJTV("ctxlsp.dll", "Citrix"), HJTV("ctxnsp.dll", "Citrix"), HJT("cwhook.dll"), HJT("cwlsp.dll"),
	HJT("dcsws2.dll"), HJT("disksearchservicestub.dll"), HJTV("drwebsp.dll", "Dr.Web"),
	HJTV("drwhook.dll", "Dr.Web"), HJT("espsock2.dll"), HJT("farlsp.dll"), HJT("fbm.dll"),
	HJT("fbm_lsp.dll"), HJTV("fortilsp.dll", "Fortinet"), HJT("fslsp.dll"),
	{"fwcwsp.dll", "Microsoft", "ISA Server Firewall Client", WS2FIX_LABEL_KNOWN_GOOD, 'V', SRC_HJT_VENDOR, 0},
	HJT("fwtunnellsp.dll"), HJT("gapsp.dll"), HJT("googledesktopnetwork1.dll"), HJT("hclsock5.dll"),
	HJT("iapplsp.dll"), HJT("iapp_lsp.dll"), HJT("ickgw32i.dll"), HJT("ictload.dll"),
	{"idmmbc.dll", "IDM", "Internet Download Manager", WS2FIX_LABEL_KNOWN_GOOD, 'V', SRC_HJT_VENDOR, 0},
	HJT("iga.dll"), HJTV("imon.dll", "ESET"), HJT("imslsp.dll"), HJT("inetcntrl.dll"), HJT("ippsp.dll"),
	HJT("ipsp.dll"), HJTV("iss_clsp.dll", "ISS"), HJTV("iss_slsp.dll", "ISS"), HJT("kvwsp.dll"),
	HJT("kvwspxp.dll"), HJT("lslsimon.dll"), HJT("lsp32.dll"), HJT("lspcs.dll"), HJTV("mclsp.dll", "McAfee"),
	HJT("msniffer.dll"), HJT("mwtsp.dll"), HJTV("mxavlsp.dll", "OnTrack"), HJT("nblsp.dll"),
	HJT("ndpwsspr.dll"), HJT("netd.dll"), HJT("nihlsp.dll"), HJT("nnsp.dll"), HJTV("normanpf.dll", "Norman"),
	HJT("nutafun4.dll"), HJTV("nvappfilter.dll", "NVIDIA"), HJTV("nwws2nds.dll", "Novell"),
	HJTV("nwws2sap.dll", "Novell"), HJTV("nwws2slp.dll", "Novell"), HJT("odsp.dll"),
	HJTV("pavlsp.dll", "Panda"), HJT("pclsp.dll"), HJT("pctlsp.dll"), HJT("pfftsp.dll"), HJT("pidlsp.dll"),
	HJT("prifw.dll"), HJT("proxy.dll"), HJT("prplsf.dll"), HJT("pxlsp.dll"), HJT("s5spi.dll"),
	HJT("samnsp.dll"), HJT("sarah.dll"), HJT("scopinet.dll"), HJT("skysocks.dll"), HJT("sliplsp.dll"),
	HJT("smnsp.dll"), HJT("spacklsp.dll"), HJT("spampallsp.dll"), HJT("spi.dll"), HJT("spidll.dll"),
	HJT("spishare.dll"), HJT("spsublsp.dll"), HJT("sselsp.dll"), HJT("stplayer.dll"), HJT("syspy.dll"),
	HJT("tasi.dll"), HJT("tasp.dll"), HJT("tcpspylsp.dll"), HJT("ua_lsp.dll"), HJT("ufilter.dll"),
	HJT("vblsp.dll"), HJT("vetredir.dll"), HJT("vlsp.dll"), HJT("vnsp.dll"), HJT("wglsp.dll"),
	HJT("whllsp.dll"), HJT("whlnsp.dll"), HJT("wins4f.dll"), HJT("winsflt.dll"), HJT("winsysam.dll"),
	HJTV("wps.dll", "Sygate"), HJT("wspirda.dll"), HJT("wspwsp.dll"), HJT("xfilter.dll"),
	HJT("xfire_lsp.dll"), HJT("xnetlsp.dll"), HJT("ypclsp.dll"), HJTV("zklspr.dll", "Zero Knowledge"),
	HJT("_easywall.dll"), HJT("_handywall.dll"),
};

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

const ws2fix_known_provider *ws2fix_known_provider_lookup(const char *dll_path)
{
	if (!dll_path || !*dll_path)
		return NULL;
	const char *name = ws2fix_provider_dll_name(dll_path);
	for (size_t i = 0; i < sizeof(known) / sizeof(known[0]); i++) {
		if (!glob_match(known[i].pattern, name))
			continue;
		if (known[i].microsoft && !in_system_dir(dll_path))
			return NULL;
		return &known[i];
	}
	return NULL;
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
		if (known[i].microsoft && glob_match(known[i].pattern, name))
			return in_system_dir(path);
	return 0;
}

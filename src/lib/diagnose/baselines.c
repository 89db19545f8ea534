/* SPDX-License-Identifier: MIT */
/*
 * The Microsoft providers of each Windows family, as data.
 *
 * Every row names its evidence: the real hives under shared/hives (decoded
 * field by field; paths below are relative to shared/), the real .reg
 * export corpus/cingchun-bccc/winsock2.reg, the Windows 11 netsh capture
 * corpus/netsh/02-winmedic-win11-25h2-de.txt, or, where we have no sample,
 * "documented, not seen: <public source>".  docs/internals/BASELINES.md is
 * the same table for people.
 *
 * `required` is 1 only for providers the family has whatever is installed:
 * MSAFD Tcpip IPv4 everywhere, IPv6 from Vista on, AF_UNIX from 10 1803 on,
 * the Tcpip (DNS) namespace provider everywhere.  Everything a feature
 * brings (QoS/RSVP, NetBIOS per adapter, Bluetooth, IrDA, Hyper-V) is 0 even
 * when every sample has it: facts.md, "a faithful reset rebuilds the set
 * that this machine's transports provide".  `transport` names the
 * Winsock\Parameters\Transports entry that provides the row, as seen in the
 * hives (XP: "Tcpip NetBIOS"; XP x64: "Gpc Tcpip"; 7 x86: "Tcpip6 Psched
 * Tcpip NetBIOS"; 10: "vmbus Psched afunix Tcpip Tcpip6 irda RFCOMM" ...).
 */
#include <stddef.h>
#include <string.h>

#include "ws2fix/providers.h"

/* Evidence strings, named once. */
#define H_XP_WINEVT "hives/winevt-kb-xpsp3-x86/SYSTEM"
#define H_XP_M57 "hives/bitcurator-m57-xpsp3-x86/SYSTEM"
#define H_XP64 "hives/itdaniher-winxp-x64-sp2/system"
#define H_7_X86 "hives/regipy/SYSTEM"
#define H_7_X64 "hives/shimcacheparser-win7sp1-x64/SYSTEM"
#define H_81 "hives/regipy/SYSTEM_2"
#define H_1709 "hives/regipy/SYSTEM_B"
#define H_1903 "hives/regipy/SYSTEM_WIN_10_1709"
#define H_19041 "hives/dissect-regf-win10-x64/SYSTEM"
#define E_REG "corpus/cingchun-bccc/winsock2.reg"
#define N_W11 "corpus/netsh/02 (Windows 11 25H2 netsh)"

#define EV_XP H_XP_WINEVT ", " H_XP_M57
#define EV_7 H_7_X86 ", " H_7_X64
#define EV_10 H_1709 ", " H_1903 ", " H_19041 ", " E_REG ", " N_W11
#define EV_10_1803 H_1903 ", " H_19041 ", " E_REG ", " N_W11
#define EV_2000_DOC "documented, not seen: Windows 2000 catalog listing in Microsoft's LSP sample readme " \
	"(corpus/ms-classic-samples-lsp/lsp-readme.txt)"
#define EV_VISTA_DOC "documented, not seen: KB 811259 msinfo32 list for Vista (seeds/000)"
#define EV_VISTA_RAW "not seen: RAW entries are PFL_HIDDEN so KB 811259's msinfo32 list omits them; " \
	"every real hive from XP to 10 has them"
#define EV_NETBIOS_DOC "documented, not seen: Microsoft's socket() reference (AF_NETBIOS provider " \
	"installed by default on 32-bit Windows only)"
#define EV_IPV6_XP_DOC "documented, not seen: facts.md (XP/2003 with the IPv6 protocol installed)"
#define EV_BTH_DOC "documented, not seen: Microsoft's Bluetooth and Winsock documentation (AF_BTH)"

#define SYS32_MSWSOCK "%SystemRoot%\\system32\\mswsock.dll"
#define NO_FLAGS {0, 0, 0, 0}

/* Shorthand for the field list of ws2fix_baseline_defaults. */
#define DEF(path, sf, pf, ver, maxsa, minsa, pmo, msg, name, value, ev) \
	{path, {sf, 0, 0, 0}, pf, ver, maxsa, minsa, pmo, 0, 0, msg, 0, name, value, ev}

/* ---- XP (5.1) and XP x64 (5.2): plain names, no ProtocolName value. ---- */
static const ws2fix_baseline_defaults xp_tcp = DEF(SYS32_MSWSOCK, 0x20066, 0x8, 2, 16, 16, 0, 0,
	"MSAFD Tcpip [TCP/IP]", NULL, EV_XP ", " H_XP64);
static const ws2fix_baseline_defaults xp_udp = DEF(SYS32_MSWSOCK, 0x20609, 0x8, 2, 16, 16, 0, 0xffbb,
	"MSAFD Tcpip [UDP/IP]", NULL, EV_XP ", " H_XP64);
static const ws2fix_baseline_defaults xp_raw = DEF(SYS32_MSWSOCK, 0x20609, 0xc, 2, 16, 16, 255, 0xffbb,
	"MSAFD Tcpip [RAW/IP]", NULL, EV_XP ", " H_XP64);
/* XP x86 RSVP lives in rsvpsp.dll with iVersion 6. */
static const ws2fix_baseline_defaults xp_rsvp_udp = DEF("%SystemRoot%\\system32\\rsvpsp.dll", 0x22609, 0x8, 6,
	16, 16, 0, 0xffbb, "RSVP UDP Service Provider", NULL, EV_XP);
static const ws2fix_baseline_defaults xp_rsvp_tcp = DEF("%SystemRoot%\\system32\\rsvpsp.dll", 0x22066, 0x8, 6,
	16, 16, 0, 0, "RSVP TCP Service Provider", NULL, EV_XP);
/* XP x64: the same RSVP values, but in mswsock.dll. */
static const ws2fix_baseline_defaults xp64_rsvp_udp = DEF(SYS32_MSWSOCK, 0x22609, 0x8, 6, 16, 16, 0, 0xffbb,
	"RSVP UDP Service Provider", NULL, H_XP64);
static const ws2fix_baseline_defaults xp64_rsvp_tcp = DEF(SYS32_MSWSOCK, 0x22066, 0x8, 6, 16, 16, 0, 0,
	"RSVP TCP Service Provider", NULL, H_XP64);
/* NetBIOS: one SEQPACKET/DATAGRAM pair per LANA; the name embeds the NetBT
 * device ("MSAFD NetBIOS [\Device\NetBT_Tcpip_{GUID}] SEQPACKET 0"), and only
 * the LANA 0 pair carries PFL_MATCHES_PROTOCOL_ZERO (0x8); the others have 0. */
static const ws2fix_baseline_defaults xp_nb_seq = DEF(SYS32_MSWSOCK, 0x2000e, 0x0, 2, 20, 20, 0, 0xfa00,
	NULL, NULL, EV_XP " (LANA 0 pair: provider flags 0x8)");
static const ws2fix_baseline_defaults xp_nb_dgram = DEF(SYS32_MSWSOCK, 0x20209, 0x0, 2, 20, 20, 0, 0xfa00,
	NULL, NULL, EV_XP " (LANA 0 pair: provider flags 0x8)");

/* ---- 7 (6.1): indirect names from wshtcpip/wship6/wshqos, ProtocolName beside. ---- */
#define N7(dll, id) "@%SystemRoot%\\System32\\" dll ",-" #id
static const ws2fix_baseline_defaults w7_tcp = DEF(SYS32_MSWSOCK, 0x20066, 0x8, 2, 16, 16, 0, 0,
	N7("wshtcpip.dll", 60100), N7("wshtcpip.dll", 60100), EV_7);
static const ws2fix_baseline_defaults w7_udp = DEF(SYS32_MSWSOCK, 0x20609, 0x8, 2, 16, 16, 0, 0xfff7,
	N7("wshtcpip.dll", 60101), N7("wshtcpip.dll", 60101), EV_7);
static const ws2fix_baseline_defaults w7_raw = DEF(SYS32_MSWSOCK, 0x20609, 0xc, 2, 16, 16, 255, 0x8000,
	N7("wshtcpip.dll", 60102), N7("wshtcpip.dll", 60102), EV_7);
static const ws2fix_baseline_defaults w7_tcp6 = DEF(SYS32_MSWSOCK, 0x20066, 0x8, 2, 28, 28, 0, 0,
	N7("wship6.dll", 60100), N7("wship6.dll", 60100), EV_7);
static const ws2fix_baseline_defaults w7_udp6 = DEF(SYS32_MSWSOCK, 0x20609, 0x8, 2, 28, 28, 0, 0xfff7,
	N7("wship6.dll", 60101), N7("wship6.dll", 60101), EV_7);
static const ws2fix_baseline_defaults w7_raw6 = DEF(SYS32_MSWSOCK, 0x20609, 0xc, 2, 28, 28, 255, 0x8000,
	N7("wship6.dll", 60102), N7("wship6.dll", 60102), EV_7);
/* QoS from 7 on: four entries, iVersion 2, the same on 7, 8.1 and 10. */
#define EV_QOS EV_7 ", " H_81 ", " H_1709 ", " H_1903 ", " H_19041
static const ws2fix_baseline_defaults qos_tcp6 = DEF(SYS32_MSWSOCK, 0x22066, 0x8, 2, 28, 28, 0, 0,
	N7("wshqos.dll", 100), N7("wshqos.dll", 100), EV_QOS);
static const ws2fix_baseline_defaults qos_tcp = DEF(SYS32_MSWSOCK, 0x22066, 0x8, 2, 16, 16, 0, 0,
	N7("wshqos.dll", 101), N7("wshqos.dll", 101), EV_QOS);
static const ws2fix_baseline_defaults qos_udp6 = DEF(SYS32_MSWSOCK, 0x22609, 0x8, 2, 28, 28, 0, 0xfff7,
	N7("wshqos.dll", 102), N7("wshqos.dll", 102), EV_QOS);
static const ws2fix_baseline_defaults qos_udp = DEF(SYS32_MSWSOCK, 0x22609, 0x8, 2, 16, 16, 0, 0xfff7,
	N7("wshqos.dll", 103), N7("wshqos.dll", 103), EV_QOS);
static const ws2fix_baseline_defaults w7_nb_seq = DEF(SYS32_MSWSOCK, 0x2000e, 0x0, 2, 20, 20, 0, 0xfa00,
	NULL, NULL, H_7_X86 " (LANA 0 pair: provider flags 0x8; ProtocolName = szProtocol)");
static const ws2fix_baseline_defaults w7_nb_dgram = DEF(SYS32_MSWSOCK, 0x20209, 0x0, 2, 20, 20, 0, 0xfa00,
	NULL, NULL, H_7_X86 " (LANA 0 pair: provider flags 0x8; ProtocolName = szProtocol)");
/* Bluetooth, IrDA, Hyper-V, AF_UNIX keep plain names, ProtocolName = szProtocol. */
static const ws2fix_baseline_defaults rfcomm = DEF(SYS32_MSWSOCK, 0x20026, 0x8, 2, 30, 30, 0, 0,
	"MSAFD RfComm [Bluetooth]", "MSAFD RfComm [Bluetooth]", H_7_X64 ", " H_1709 ", " H_1903 ", " H_19041);
static const ws2fix_baseline_defaults l2cap = DEF(SYS32_MSWSOCK, 0x20006, 0x8, 2, 30, 30, 0, 0,
	"MSAFD L2CAP [Bluetooth]", "MSAFD L2CAP [Bluetooth]", H_1903 ", " H_19041);
static const ws2fix_baseline_defaults irda = DEF(SYS32_MSWSOCK, 0x20006, 0x8, 2, 32, 8, 0, 0,
	"MSAFD Irda [IrDA]", "MSAFD Irda [IrDA]", H_1709);
static const ws2fix_baseline_defaults hyperv = DEF(SYS32_MSWSOCK, 0x20026, 0x8, 2, 36, 36, 0, 0,
	"Hyper-V RAW", "Hyper-V RAW", H_1709 ", " H_1903 ", " H_19041);
static const ws2fix_baseline_defaults afunix = DEF(SYS32_MSWSOCK, 0x20026, 0x8, 2, 110, 2, 0, 0,
	"AF_UNIX", "AF_UNIX", H_1903 ", " H_19041);

/* ---- 8.x and 10: the TCP/IP names moved into mswsock.dll. ---- */
#define EV_8_10 H_81 ", " H_1709 ", " H_1903 ", " H_19041
#define N8(id) "@%SystemRoot%\\System32\\mswsock.dll,-" #id
static const ws2fix_baseline_defaults w8_tcp = DEF(SYS32_MSWSOCK, 0x20066, 0x8, 2, 16, 16, 0, 0,
	N8(60100), N8(60100), EV_8_10);
static const ws2fix_baseline_defaults w8_udp = DEF(SYS32_MSWSOCK, 0x20609, 0x8, 2, 16, 16, 0, 0xfff7,
	N8(60101), N8(60101), EV_8_10);
static const ws2fix_baseline_defaults w8_raw = DEF(SYS32_MSWSOCK, 0x20609, 0xc, 2, 16, 16, 255, 0x8000,
	N8(60102), N8(60102), EV_8_10);
static const ws2fix_baseline_defaults w8_tcp6 = DEF(SYS32_MSWSOCK, 0x20066, 0x8, 2, 28, 28, 0, 0,
	N8(60200), N8(60200), EV_8_10);
static const ws2fix_baseline_defaults w8_udp6 = DEF(SYS32_MSWSOCK, 0x20609, 0x8, 2, 28, 28, 0, 0xfff7,
	N8(60201), N8(60201), EV_8_10);
static const ws2fix_baseline_defaults w8_raw6 = DEF(SYS32_MSWSOCK, 0x20609, 0xc, 2, 28, 28, 255, 0x8000,
	N8(60202), N8(60202), EV_8_10);

#define G_TCP WS2FIX_GUID_MSAFD_TCPIP
#define G_TCP6 WS2FIX_GUID_MSAFD_TCPIP6
#define G_RSVP WS2FIX_GUID_RSVP
#define G_NB WS2FIX_GUID_MSAFD_NETBIOS
#define G_BTH WS2FIX_GUID_BLUETOOTH
#define LANA (WS2FIX_BASELINE_PER_LANA | WS2FIX_BASELINE_X86_ONLY)

/* Row: what, guid, af, type, proto, flags, dlls, required, default_install,
 *      min_build, max_build, transport, evidence, defaults */

static const ws2fix_baseline_protocol p2000[] = {
	{"MSAFD Tcpip [TCP/IP]", G_TCP, 2, 1, 6, 0, "msafd.dll|mswsock.dll", 1, 1, 0, 0, "Tcpip", EV_2000_DOC, NULL},
	{"MSAFD Tcpip [UDP/IP]", G_TCP, 2, 2, 17, 0, "msafd.dll|mswsock.dll", 1, 1, 0, 0, "Tcpip", EV_2000_DOC, NULL},
	{"MSAFD Tcpip [RAW/IP]", G_TCP, 2, 3, 0, 0, "msafd.dll|mswsock.dll", 1, 1, 0, 0, "Tcpip", EV_2000_DOC, NULL},
	{"RSVP UDP Service Provider", G_RSVP, 2, 2, 17, 0, "rsvpsp.dll", 0, 1, 0, 0, NULL, EV_2000_DOC, NULL},
	{"RSVP TCP Service Provider", G_RSVP, 2, 1, 6, 0, "rsvpsp.dll", 0, 1, 0, 0, NULL, EV_2000_DOC, NULL},
	{"MSAFD NetBIOS SEQPACKET", G_NB, 17, 5, 0, LANA, "msafd.dll|mswsock.dll", 0, 0, 0, 0, "NetBIOS",
		EV_2000_DOC, NULL},
	{"MSAFD NetBIOS DATAGRAM", G_NB, 17, 2, 0, LANA, "msafd.dll|mswsock.dll", 0, 0, 0, 0, "NetBIOS",
		EV_2000_DOC, NULL},
};

static const ws2fix_baseline_protocol pxp[] = {
	{"MSAFD Tcpip [TCP/IP]", G_TCP, 2, 1, 6, 0, "mswsock.dll", 1, 1, 0, 0, "Tcpip", EV_XP, &xp_tcp},
	{"MSAFD Tcpip [UDP/IP]", G_TCP, 2, 2, 17, 0, "mswsock.dll", 1, 1, 0, 0, "Tcpip", EV_XP, &xp_udp},
	{"MSAFD Tcpip [RAW/IP]", G_TCP, 2, 3, 0, 0, "mswsock.dll", 1, 1, 0, 0, "Tcpip", EV_XP, &xp_raw},
	/* Installed with the QoS Packet Scheduler, which can be removed; XP x86
	 * lists no transport for it (Transports = "Tcpip NetBIOS"). */
	{"RSVP UDP Service Provider", G_RSVP, 2, 2, 17, 0, "rsvpsp.dll", 0, 1, 0, 0, NULL, EV_XP, &xp_rsvp_udp},
	{"RSVP TCP Service Provider", G_RSVP, 2, 1, 6, 0, "rsvpsp.dll", 0, 1, 0, 0, NULL, EV_XP, &xp_rsvp_tcp},
	{"MSAFD NetBIOS SEQPACKET", G_NB, 17, 5, 0, LANA, "mswsock.dll", 0, 1, 0, 0, "NetBIOS", EV_XP, &xp_nb_seq},
	{"MSAFD NetBIOS DATAGRAM", G_NB, 17, 2, 0, LANA, "mswsock.dll", 0, 1, 0, 0, "NetBIOS", EV_XP, &xp_nb_dgram},
	{"MSAFD Tcpip [TCP/IPv6]", G_TCP6, 23, 1, 6, 0, "mswsock.dll", 0, 0, 0, 0, "Tcpip6", EV_IPV6_XP_DOC, NULL},
	{"MSAFD Tcpip [UDP/IPv6]", G_TCP6, 23, 2, 17, 0, "mswsock.dll", 0, 0, 0, 0, "Tcpip6", EV_IPV6_XP_DOC, NULL},
	{"MSAFD Tcpip [RAW/IPv6]", G_TCP6, 23, 3, 0, 0, "mswsock.dll", 0, 0, 0, 0, "Tcpip6", EV_IPV6_XP_DOC, NULL},
	{"MSAFD RfComm [Bluetooth]", G_BTH, 32, 1, 3, 0, "mswsock.dll", 0, 0, 0, 0, "RFCOMM", EV_BTH_DOC, NULL},
};

/* Server 2003 and XP Professional x64 Edition (5.2). */
static const ws2fix_baseline_protocol p2003[] = {
	{"MSAFD Tcpip [TCP/IP]", G_TCP, 2, 1, 6, 0, "mswsock.dll", 1, 1, 0, 0, "Tcpip", H_XP64, &xp_tcp},
	{"MSAFD Tcpip [UDP/IP]", G_TCP, 2, 2, 17, 0, "mswsock.dll", 1, 1, 0, 0, "Tcpip", H_XP64, &xp_udp},
	{"MSAFD Tcpip [RAW/IP]", G_TCP, 2, 3, 0, 0, "mswsock.dll", 1, 1, 0, 0, "Tcpip", H_XP64, &xp_raw},
	/* XP x64 keeps RSVP in mswsock.dll (transport Gpc); rsvpsp.dll accepted
	 * for 32-bit Server 2003 (documented, not seen). */
	{"RSVP UDP Service Provider", G_RSVP, 2, 2, 17, 0, "mswsock.dll|rsvpsp.dll", 0, 1, 0, 0, "Gpc|Psched", H_XP64,
		&xp64_rsvp_udp},
	{"RSVP TCP Service Provider", G_RSVP, 2, 1, 6, 0, "mswsock.dll|rsvpsp.dll", 0, 1, 0, 0, "Gpc|Psched", H_XP64,
		&xp64_rsvp_tcp},
	{"MSAFD NetBIOS SEQPACKET", G_NB, 17, 5, 0, LANA, "mswsock.dll", 0, 0, 0, 0, "NetBIOS", EV_NETBIOS_DOC, NULL},
	{"MSAFD NetBIOS DATAGRAM", G_NB, 17, 2, 0, LANA, "mswsock.dll", 0, 0, 0, 0, "NetBIOS", EV_NETBIOS_DOC, NULL},
	{"MSAFD Tcpip [TCP/IPv6]", G_TCP6, 23, 1, 6, 0, "mswsock.dll", 0, 0, 0, 0, "Tcpip6", EV_IPV6_XP_DOC, NULL},
	{"MSAFD Tcpip [UDP/IPv6]", G_TCP6, 23, 2, 17, 0, "mswsock.dll", 0, 0, 0, 0, "Tcpip6", EV_IPV6_XP_DOC, NULL},
	{"MSAFD Tcpip [RAW/IPv6]", G_TCP6, 23, 3, 0, 0, "mswsock.dll", 0, 0, 0, 0, "Tcpip6", EV_IPV6_XP_DOC, NULL},
	{"MSAFD RfComm [Bluetooth]", G_BTH, 32, 1, 3, 0, "mswsock.dll", 0, 0, 0, 0, "RFCOMM", EV_BTH_DOC, NULL},
};

/* Vista / Server 2008 (6.0): no sample. */
static const ws2fix_baseline_protocol pvista[] = {
	{"MSAFD Tcpip [TCP/IP]", G_TCP, 2, 1, 6, 0, "mswsock.dll", 1, 1, 0, 0, "Tcpip", EV_VISTA_DOC, NULL},
	{"MSAFD Tcpip [UDP/IP]", G_TCP, 2, 2, 17, 0, "mswsock.dll", 1, 1, 0, 0, "Tcpip", EV_VISTA_DOC, NULL},
	{"MSAFD Tcpip [RAW/IP]", G_TCP, 2, 3, 0, 0, "mswsock.dll", 1, 1, 0, 0, "Tcpip", EV_VISTA_RAW, NULL},
	{"MSAFD Tcpip [TCP/IPv6]", G_TCP6, 23, 1, 6, 0, "mswsock.dll", 1, 1, 0, 0, "Tcpip6", EV_VISTA_DOC, NULL},
	{"MSAFD Tcpip [UDP/IPv6]", G_TCP6, 23, 2, 17, 0, "mswsock.dll", 1, 1, 0, 0, "Tcpip6", EV_VISTA_DOC, NULL},
	{"MSAFD Tcpip [RAW/IPv6]", G_TCP6, 23, 3, 0, 0, "mswsock.dll", 1, 1, 0, 0, "Tcpip6", EV_VISTA_RAW, NULL},
	{"RSVP TCPv6 Service Provider", G_RSVP, 23, 1, 6, 0, "mswsock.dll", 0, 1, 0, 0, "Psched", EV_VISTA_DOC, NULL},
	{"RSVP TCP Service Provider", G_RSVP, 2, 1, 6, 0, "mswsock.dll", 0, 1, 0, 0, "Psched", EV_VISTA_DOC, NULL},
	{"RSVP UDPv6 Service Provider", G_RSVP, 23, 2, 17, 0, "mswsock.dll", 0, 1, 0, 0, "Psched", EV_VISTA_DOC, NULL},
	{"RSVP UDP Service Provider", G_RSVP, 2, 2, 17, 0, "mswsock.dll", 0, 1, 0, 0, "Psched", EV_VISTA_DOC, NULL},
	{"MSAFD NetBIOS SEQPACKET", G_NB, 17, 5, 0, LANA, "mswsock.dll", 0, 1, 0, 0, "NetBIOS", EV_VISTA_DOC, NULL},
	{"MSAFD NetBIOS DATAGRAM", G_NB, 17, 2, 0, LANA, "mswsock.dll", 0, 1, 0, 0, "NetBIOS", EV_VISTA_DOC, NULL},
	{"MSAFD RfComm [Bluetooth]", G_BTH, 32, 1, 3, 0, "mswsock.dll", 0, 0, 0, 0, "RFCOMM", EV_BTH_DOC, NULL},
};

static const ws2fix_baseline_protocol p7[] = {
	{"MSAFD Tcpip [TCP/IP]", G_TCP, 2, 1, 6, 0, "mswsock.dll", 1, 1, 0, 0, "Tcpip", EV_7, &w7_tcp},
	{"MSAFD Tcpip [UDP/IP]", G_TCP, 2, 2, 17, 0, "mswsock.dll", 1, 1, 0, 0, "Tcpip", EV_7, &w7_udp},
	{"MSAFD Tcpip [RAW/IP]", G_TCP, 2, 3, 0, 0, "mswsock.dll", 1, 1, 0, 0, "Tcpip", EV_7, &w7_raw},
	{"MSAFD Tcpip [TCP/IPv6]", G_TCP6, 23, 1, 6, 0, "mswsock.dll", 1, 1, 0, 0, "Tcpip6", EV_7, &w7_tcp6},
	{"MSAFD Tcpip [UDP/IPv6]", G_TCP6, 23, 2, 17, 0, "mswsock.dll", 1, 1, 0, 0, "Tcpip6", EV_7, &w7_udp6},
	{"MSAFD Tcpip [RAW/IPv6]", G_TCP6, 23, 3, 0, 0, "mswsock.dll", 1, 1, 0, 0, "Tcpip6", EV_7, &w7_raw6},
	{"RSVP TCPv6 Service Provider", G_RSVP, 23, 1, 6, 0, "mswsock.dll", 0, 1, 0, 0, "Psched", EV_7, &qos_tcp6},
	{"RSVP TCP Service Provider", G_RSVP, 2, 1, 6, 0, "mswsock.dll", 0, 1, 0, 0, "Psched", EV_7, &qos_tcp},
	{"RSVP UDPv6 Service Provider", G_RSVP, 23, 2, 17, 0, "mswsock.dll", 0, 1, 0, 0, "Psched", EV_7, &qos_udp6},
	{"RSVP UDP Service Provider", G_RSVP, 2, 2, 17, 0, "mswsock.dll", 0, 1, 0, 0, "Psched", EV_7, &qos_udp},
	/* x86 only: the x64 sample has none (AF_NETBIOS is 32-bit only). */
	{"MSAFD NetBIOS SEQPACKET", G_NB, 17, 5, 0, LANA, "mswsock.dll", 0, 1, 0, 0, "NetBIOS", H_7_X86, &w7_nb_seq},
	{"MSAFD NetBIOS DATAGRAM", G_NB, 17, 2, 0, LANA, "mswsock.dll", 0, 1, 0, 0, "NetBIOS", H_7_X86, &w7_nb_dgram},
	{"MSAFD RfComm [Bluetooth]", G_BTH, 32, 1, 3, 0, "mswsock.dll", 0, 0, 0, 0, "RFCOMM", H_7_X64, &rfcomm},
};

/* 8 / 8.1 / Server 2012 (R2). */
static const ws2fix_baseline_protocol p8[] = {
	{"MSAFD Tcpip [TCP/IP]", G_TCP, 2, 1, 6, 0, "mswsock.dll", 1, 1, 0, 0, "Tcpip", H_81, &w8_tcp},
	{"MSAFD Tcpip [UDP/IP]", G_TCP, 2, 2, 17, 0, "mswsock.dll", 1, 1, 0, 0, "Tcpip", H_81, &w8_udp},
	{"MSAFD Tcpip [RAW/IP]", G_TCP, 2, 3, 0, 0, "mswsock.dll", 1, 1, 0, 0, "Tcpip", H_81, &w8_raw},
	{"MSAFD Tcpip [TCP/IPv6]", G_TCP6, 23, 1, 6, 0, "mswsock.dll", 1, 1, 0, 0, "Tcpip6", H_81, &w8_tcp6},
	{"MSAFD Tcpip [UDP/IPv6]", G_TCP6, 23, 2, 17, 0, "mswsock.dll", 1, 1, 0, 0, "Tcpip6", H_81, &w8_udp6},
	{"MSAFD Tcpip [RAW/IPv6]", G_TCP6, 23, 3, 0, 0, "mswsock.dll", 1, 1, 0, 0, "Tcpip6", H_81, &w8_raw6},
	{"RSVP TCPv6 Service Provider", G_RSVP, 23, 1, 6, 0, "mswsock.dll", 0, 1, 0, 0, "Psched", H_81, &qos_tcp6},
	{"RSVP TCP Service Provider", G_RSVP, 2, 1, 6, 0, "mswsock.dll", 0, 1, 0, 0, "Psched", H_81, &qos_tcp},
	{"RSVP UDPv6 Service Provider", G_RSVP, 23, 2, 17, 0, "mswsock.dll", 0, 1, 0, 0, "Psched", H_81, &qos_udp6},
	{"RSVP UDP Service Provider", G_RSVP, 2, 2, 17, 0, "mswsock.dll", 0, 1, 0, 0, "Psched", H_81, &qos_udp},
	{"MSAFD NetBIOS SEQPACKET", G_NB, 17, 5, 0, LANA, "mswsock.dll", 0, 0, 0, 0, "NetBIOS", EV_NETBIOS_DOC, NULL},
	{"MSAFD NetBIOS DATAGRAM", G_NB, 17, 2, 0, LANA, "mswsock.dll", 0, 0, 0, 0, "NetBIOS", EV_NETBIOS_DOC, NULL},
	{"MSAFD RfComm [Bluetooth]", G_BTH, 32, 1, 3, 0, "mswsock.dll", 0, 0, 0, 0, "RFCOMM",
		"not seen on 8.x: " H_7_X64 " and the 10 hives show it", &rfcomm},
	{"MSAFD Irda [IrDA]", WS2FIX_GUID_IRDA, 26, 1, 1, 0, "mswsock.dll", 0, 0, 0, 0, "irda",
		"not seen on 8.x: " H_1709 " shows it", &irda},
};

/* 10 / 11 / Server 2016-2025. */
static const ws2fix_baseline_protocol p10[] = {
	{"MSAFD Tcpip [TCP/IP]", G_TCP, 2, 1, 6, 0, "mswsock.dll", 1, 1, 0, 0, "Tcpip", EV_10, &w8_tcp},
	{"MSAFD Tcpip [UDP/IP]", G_TCP, 2, 2, 17, 0, "mswsock.dll", 1, 1, 0, 0, "Tcpip", EV_10, &w8_udp},
	{"MSAFD Tcpip [RAW/IP]", G_TCP, 2, 3, 0, 0, "mswsock.dll", 1, 1, 0, 0, "Tcpip", EV_10, &w8_raw},
	{"MSAFD Tcpip [TCP/IPv6]", G_TCP6, 23, 1, 6, 0, "mswsock.dll", 1, 1, 0, 0, "Tcpip6", EV_10, &w8_tcp6},
	{"MSAFD Tcpip [UDP/IPv6]", G_TCP6, 23, 2, 17, 0, "mswsock.dll", 1, 1, 0, 0, "Tcpip6", EV_10, &w8_udp6},
	{"MSAFD Tcpip [RAW/IPv6]", G_TCP6, 23, 3, 0, 0, "mswsock.dll", 1, 1, 0, 0, "Tcpip6", EV_10, &w8_raw6},
	/* Part of Windows from 1803 (17134) on; before that not at all. */
	{"AF_UNIX", WS2FIX_GUID_AFUNIX, 1, 1, 0, 0, "mswsock.dll", 1, 1, 17134, 0, "afunix", EV_10_1803, &afunix},
	{"RSVP TCPv6 Service Provider", G_RSVP, 23, 1, 6, 0, "mswsock.dll", 0, 1, 0, 0, "Psched", EV_10, &qos_tcp6},
	{"RSVP TCP Service Provider", G_RSVP, 2, 1, 6, 0, "mswsock.dll", 0, 1, 0, 0, "Psched", EV_10, &qos_tcp},
	{"RSVP UDPv6 Service Provider", G_RSVP, 23, 2, 17, 0, "mswsock.dll", 0, 1, 0, 0, "Psched", EV_10, &qos_udp6},
	{"RSVP UDP Service Provider", G_RSVP, 2, 2, 17, 0, "mswsock.dll", 0, 1, 0, 0, "Psched", EV_10, &qos_udp},
	{"Hyper-V RAW", WS2FIX_GUID_HYPERV, 34, 1, 1, 0, "mswsock.dll", 0, 1, 0, 0, "vmbus", EV_10, &hyperv},
	/* L2CAP: absent from 1709 (16299) although RFCOMM is installed there,
	 * present from 1903 (18362) on; 18362 is the first build our data shows
	 * it in, not a documented boundary. */
	{"MSAFD L2CAP [Bluetooth]", G_BTH, 32, 1, 256, 0, "mswsock.dll", 0, 0, 18362, 0, "RFCOMM",
		H_1903 ", " H_19041 ", " E_REG ", " N_W11, &l2cap},
	{"MSAFD RfComm [Bluetooth]", G_BTH, 32, 1, 3, 0, "mswsock.dll", 0, 0, 0, 0, "RFCOMM", EV_10, &rfcomm},
	/* IrDA support ended with 1803 (no 1803+ sample has it). */
	{"MSAFD Irda [IrDA]", WS2FIX_GUID_IRDA, 26, 1, 1, 0, "mswsock.dll", 0, 0, 0, 17133, "irda", H_1709, &irda},
	{"MSAFD NetBIOS SEQPACKET", G_NB, 17, 5, 0, LANA, "mswsock.dll", 0, 0, 0, 0, "NetBIOS", EV_NETBIOS_DOC, NULL},
	{"MSAFD NetBIOS DATAGRAM", G_NB, 17, 2, 0, LANA, "mswsock.dll", 0, 0, 0, 0, "NetBIOS", EV_NETBIOS_DOC, NULL},
};

/* ---- Namespace providers. ---- */
#define G_NS_TCPIP WS2FIX_GUID_NS_TCPIP
#define G_NS_NTDS WS2FIX_GUID_NS_NTDS
#define G_NS_NLA WS2FIX_GUID_NS_NLA
#define G_NS_EMAIL WS2FIX_GUID_NS_EMAIL
#define G_NS_PNRPN WS2FIX_GUID_NS_PNRP_NAME
#define G_NS_PNRPC WS2FIX_GUID_NS_PNRP_CLOUD
#define G_NS_BTH WS2FIX_GUID_NS_BLUETOOTH
#define NS_MSWSOCK "%SystemRoot%\\System32\\mswsock.dll"
#define NS_WINRNR "%SystemRoot%\\System32\\winrnr.dll"
#define NS_NLAAPI "%SystemRoot%\\system32\\NLAapi.dll"
#define NS_NAPINSP "%SystemRoot%\\system32\\napinsp.dll"
#define NS_PNRPNSP "%SystemRoot%\\system32\\pnrpnsp.dll"
#define NS_WSHBTH "%SystemRoot%\\system32\\wshbth.dll"

/* Row: what, guid, ns, dlls, required, default_install, min, max, evidence,
 *      library_path, display_string, version, has_provider_info */

static const ws2fix_baseline_namespace n2000[] = {
	{"Tcpip (DNS)", G_NS_TCPIP, 12, "mswsock.dll", 1, 1, 0, 0, EV_2000_DOC, NULL, NULL, 0, 0},
	{"NTDS", G_NS_NTDS, 32, "winrnr.dll", 0, 0, 0, 0, EV_2000_DOC, NULL, NULL, 0, 0},
};

/* XP and XP x64 write the same three, plain names, no ProviderInfo. */
static const ws2fix_baseline_namespace nxp[] = {
	{"Tcpip (DNS)", G_NS_TCPIP, 12, "mswsock.dll", 1, 1, 0, 0, EV_XP ", " H_XP64, NS_MSWSOCK, "Tcpip", 0, 0},
	{"NTDS", G_NS_NTDS, 32, "winrnr.dll", 0, 1, 0, 0, EV_XP ", " H_XP64, NS_WINRNR, "NTDS", 0, 0},
	{"Network Location Awareness (NLA)", G_NS_NLA, 15, "mswsock.dll", 0, 1, 0, 0, EV_XP ", " H_XP64, NS_MSWSOCK,
		"Network Location Awareness (NLA) Namespace", 0, 0},
	{"Bluetooth Namespace", G_NS_BTH, 16, "wshbth.dll", 0, 0, 0, 0, EV_BTH_DOC, NULL, NULL, 0, 0},
};

#define EV_VISTA_NS "not seen: expected by analogy with the 7 hives (" EV_7 ")"
static const ws2fix_baseline_namespace nvista[] = {
	{"Tcpip (DNS)", G_NS_TCPIP, 12, "mswsock.dll", 1, 1, 0, 0, EV_VISTA_NS, NULL, NULL, 0, 0},
	{"NTDS", G_NS_NTDS, 32, "winrnr.dll", 0, 0, 0, 0, EV_VISTA_NS, NULL, NULL, 0, 0},
	{"Network Location Awareness (NLA)", G_NS_NLA, 15, "nlaapi.dll", 0, 0, 0, 0, EV_VISTA_NS, NULL, NULL, 0, 0},
	{"E-mail naming shim", G_NS_EMAIL, 37, "napinsp.dll", 0, 0, 0, 0, EV_VISTA_NS, NULL, NULL, 0, 0},
	{"PNRP Name", G_NS_PNRPN, 38, "pnrpnsp.dll", 0, 0, 0, 0, EV_VISTA_NS, NULL, NULL, 0, 0},
	{"PNRP Cloud", G_NS_PNRPC, 39, "pnrpnsp.dll", 0, 0, 0, 0, EV_VISTA_NS, NULL, NULL, 0, 0},
	{"Bluetooth Namespace", G_NS_BTH, 16, "wshbth.dll", 0, 0, 0, 0, EV_BTH_DOC, NULL, NULL, 0, 0},
};

static const ws2fix_baseline_namespace n7[] = {
	{"Tcpip (DNS)", G_NS_TCPIP, 12, "mswsock.dll", 1, 1, 0, 0, EV_7, NS_MSWSOCK,
		"@%SystemRoot%\\system32\\wshtcpip.dll,-60103", 0, 1},
	{"NTDS", G_NS_NTDS, 32, "winrnr.dll", 0, 1, 0, 0, EV_7, NS_WINRNR, "NTDS", 0, 1},
	{"Network Location Awareness (NLA)", G_NS_NLA, 15, "nlaapi.dll", 0, 1, 0, 0, EV_7, NS_NLAAPI,
		"@%SystemRoot%\\system32\\nlasvc.dll,-1000", 0, 1},
	{"E-mail naming shim", G_NS_EMAIL, 37, "napinsp.dll", 0, 1, 0, 0, EV_7, NS_NAPINSP,
		"@%SystemRoot%\\system32\\napinsp.dll,-1000", 0, 1},
	{"PNRP Name", G_NS_PNRPN, 38, "pnrpnsp.dll", 0, 1, 0, 0, EV_7, NS_PNRPNSP,
		"@%SystemRoot%\\system32\\pnrpnsp.dll,-1001", 0, 1},
	{"PNRP Cloud", G_NS_PNRPC, 39, "pnrpnsp.dll", 0, 1, 0, 0, EV_7, NS_PNRPNSP,
		"@%SystemRoot%\\system32\\pnrpnsp.dll,-1000", 0, 1},
	{"Bluetooth Namespace", G_NS_BTH, 16, "wshbth.dll", 0, 0, 0, 0, H_7_X64, NS_WSHBTH, "Bluetooth Namespace", 0, 1},
};

/* 8.1 and 10: as 7, but NTDS got an indirect name. */
#define NS8(ev_all, ev_pnrp, pnrp_default) \
	{"Tcpip (DNS)", G_NS_TCPIP, 12, "mswsock.dll", 1, 1, 0, 0, ev_all, NS_MSWSOCK, \
		"@%SystemRoot%\\system32\\wshtcpip.dll,-60103", 0, 1}, \
	{"NTDS", G_NS_NTDS, 32, "winrnr.dll", 0, 1, 0, 0, ev_all, NS_WINRNR, \
		"@%SystemRoot%\\System32\\winrnr.dll,-1000", 0, 1}, \
	{"E-mail naming shim", G_NS_EMAIL, 37, "napinsp.dll", 0, 1, 0, 0, ev_all, NS_NAPINSP, \
		"@%SystemRoot%\\system32\\napinsp.dll,-1000", 0, 1}, \
	{"PNRP Name", G_NS_PNRPN, 38, "pnrpnsp.dll", 0, pnrp_default, 0, 0, ev_pnrp, NS_PNRPNSP, \
		"@%SystemRoot%\\system32\\pnrpnsp.dll,-1001", 0, 1}, \
	{"PNRP Cloud", G_NS_PNRPC, 39, "pnrpnsp.dll", 0, pnrp_default, 0, 0, ev_pnrp, NS_PNRPNSP, \
		"@%SystemRoot%\\system32\\pnrpnsp.dll,-1000", 0, 1}

static const ws2fix_baseline_namespace n8[] = {
	NS8(H_81, H_81, 1),
	{"Network Location Awareness (NLA)", G_NS_NLA, 15, "nlaapi.dll", 0, 1, 0, 0, H_81, NS_NLAAPI,
		"@%SystemRoot%\\system32\\nlasvc.dll,-1000", 0, 1},
	{"Bluetooth Namespace", G_NS_BTH, 16, "wshbth.dll", 0, 0, 0, 0, "not seen on 8.x: " EV_7 " and the 10 hives",
		NS_WSHBTH, "Bluetooth Namespace", 0, 1},
};

/* PNRP: every 10 hive has it, the Windows 11 netsh captures do not. */
#define EV_10_NS H_1709 ", " H_1903 ", " H_19041 ", " E_REG ", " N_W11
static const ws2fix_baseline_namespace n10[] = {
	NS8(EV_10_NS, H_1709 ", " H_1903 ", " H_19041 ", " E_REG " (absent in " N_W11 ")", 0),
	/* Windows 11 22H2+ registers the NLA provider as nlansp_c.dll
	 * (corpus/netsh/04, an HJT log from Windows 11). */
	{"Network Location Awareness (NLA)", G_NS_NLA, 15, "nlaapi.dll|nlansp_c.dll", 0, 1, 0, 0,
		EV_10_NS ", corpus/netsh/04 (nlansp_c.dll)", NS_NLAAPI, "@%SystemRoot%\\system32\\nlasvc.dll,-1000", 0, 1},
	{"Bluetooth Namespace", G_NS_BTH, 16, "wshbth.dll", 0, 0, 0, 0, EV_10_NS, NS_WSHBTH, "Bluetooth Namespace", 0, 1},
};

#define N_OF(a) (sizeof(a) / sizeof((a)[0]))

const ws2fix_baseline_protocol *ws2fix_baseline_protocols(ws2fix_os_family f, size_t *count)
{
	switch (f) {
	case WS2FIX_OS_2000: *count = N_OF(p2000); return p2000;
	case WS2FIX_OS_XP: *count = N_OF(pxp); return pxp;
	case WS2FIX_OS_2003: *count = N_OF(p2003); return p2003;
	case WS2FIX_OS_VISTA: *count = N_OF(pvista); return pvista;
	case WS2FIX_OS_7: *count = N_OF(p7); return p7;
	case WS2FIX_OS_8: *count = N_OF(p8); return p8;
	case WS2FIX_OS_10: *count = N_OF(p10); return p10;
	case WS2FIX_OS_UNKNOWN:
	default:
		*count = 0;
		return NULL;
	}
}

const ws2fix_baseline_namespace *ws2fix_baseline_namespaces(ws2fix_os_family f, size_t *count)
{
	switch (f) {
	case WS2FIX_OS_2000: *count = N_OF(n2000); return n2000;
	case WS2FIX_OS_XP:
	case WS2FIX_OS_2003: *count = N_OF(nxp); return nxp;
	case WS2FIX_OS_VISTA: *count = N_OF(nvista); return nvista;
	case WS2FIX_OS_7: *count = N_OF(n7); return n7;
	case WS2FIX_OS_8: *count = N_OF(n8); return n8;
	case WS2FIX_OS_10: *count = N_OF(n10); return n10;
	case WS2FIX_OS_UNKNOWN:
	default:
		*count = 0;
		return NULL;
	}
}

/* Is the file name of @p path one of the '|'-separated names in @p list? */
static int dll_in_list(const char *path, const char *list)
{
	const char *name = ws2fix_provider_dll_name(path);
	if (!name || !*name || !list)
		return 0;
	size_t nlen = strlen(name);
	const char *p = list;
	while (*p) {
		const char *e = strchr(p, '|');
		size_t len = e ? (size_t)(e - p) : strlen(p);
		if (len == nlen) {
			size_t i = 0;
			for (; i < len; i++) {
				int a = (unsigned char)name[i], b = (unsigned char)p[i];
				if (a >= 'A' && a <= 'Z')
					a += 32;
				if (a != b)
					break;
			}
			if (i == len)
				return 1;
		}
		if (!e)
			break;
		p = e + 1;
	}
	return 0;
}

/* A build bound that cannot be checked (unknown build) does not hold. */
static int in_build_range(uint32_t min_build, uint32_t max_build, const ws2fix_osinfo *os)
{
	if (!min_build && !max_build)
		return 1;
	if (!os || !os->build)
		return 0;
	if (min_build && os->build < min_build)
		return 0;
	if (max_build && os->build > max_build)
		return 0;
	return 1;
}

int ws2fix_baseline_protocol_required(const ws2fix_baseline_protocol *b, const ws2fix_osinfo *os)
{
	if (!b || !b->required)
		return 0;
	if ((b->flags & WS2FIX_BASELINE_X86_ONLY) && (!os || strcmp(os->arch, "x86") != 0))
		return 0;
	return in_build_range(b->min_build, b->max_build, os);
}

int ws2fix_baseline_namespace_required(const ws2fix_baseline_namespace *b, const ws2fix_osinfo *os)
{
	if (!b || !b->required)
		return 0;
	return in_build_range(b->min_build, b->max_build, os);
}

int ws2fix_baseline_protocol_matches(const ws2fix_baseline_protocol *b, const ws2fix_protocol_item *item)
{
	if (!b || !item || !ws2fix_guid_equal(&b->provider_id, &item->provider_id))
		return 0;
	if (item->address_family != b->address_family || item->socket_type != b->socket_type)
		return 0;
	if (b->flags & WS2FIX_BASELINE_PER_LANA) {
		if (item->protocol > 0)
			return 0;
	} else if (item->protocol != b->protocol) {
		return 0;
	}
	return dll_in_list(item->library_path, b->dlls);
}

int ws2fix_baseline_namespace_matches(const ws2fix_baseline_namespace *b, const ws2fix_namespace_entry *e)
{
	if (!b || !e || !e->has_provider_id || !ws2fix_guid_equal(&b->provider_id, &e->provider_id))
		return 0;
	if (!e->has_namespace || e->namespace_id != b->namespace_id)
		return 0;
	/* netsh text names no namespace DLL: GUID and namespace decide. */
	if (!e->library_path)
		return 1;
	return dll_in_list(e->library_path, b->dlls);
}

/* SPDX-License-Identifier: MIT */
/*
 * English texts of the indirect display strings Windows 7+ store in the
 * catalog.  Source: netsh winsock show catalog on English Windows 10/11
 * (shared/corpus/netsh/01, 03, 04) against the stored strings of the same
 * providers in the real hives (shared/hives, Windows 7 to 10): same
 * ProviderId, family, type and protocol.
 */
#include <string.h>

#include "ws2fix/catalog.h"
#include "../util/utf.h"

static const struct {
	const char *dll;  /* file name in the indirect string */
	int id;           /* resource id (negative in the string) */
	const char *text; /* what English Windows shows */
} known[] = {
	{"mswsock.dll", 60100, "MSAFD Tcpip [TCP/IP]"},
	{"mswsock.dll", 60101, "MSAFD Tcpip [UDP/IP]"},
	{"mswsock.dll", 60102, "MSAFD Tcpip [RAW/IP]"},
	{"mswsock.dll", 60200, "MSAFD Tcpip [TCP/IPv6]"},
	{"mswsock.dll", 60201, "MSAFD Tcpip [UDP/IPv6]"},
	{"mswsock.dll", 60202, "MSAFD Tcpip [RAW/IPv6]"},
	/* Windows 7 points the same entries at the helper DLLs; the regipy and
	 * shimcacheparser Windows 7 hives store these for the same ProviderId,
	 * family, type and protocol as the mswsock strings above. */
	{"wshtcpip.dll", 60100, "MSAFD Tcpip [TCP/IP]"},
	{"wshtcpip.dll", 60101, "MSAFD Tcpip [UDP/IP]"},
	{"wshtcpip.dll", 60102, "MSAFD Tcpip [RAW/IP]"},
	{"wship6.dll", 60100, "MSAFD Tcpip [TCP/IPv6]"},
	{"wship6.dll", 60101, "MSAFD Tcpip [UDP/IPv6]"},
	{"wship6.dll", 60102, "MSAFD Tcpip [RAW/IPv6]"},
	{"wshqos.dll", 100, "RSVP TCPv6 Service Provider"},
	{"wshqos.dll", 101, "RSVP TCP Service Provider"},
	{"wshqos.dll", 102, "RSVP UDPv6 Service Provider"},
	{"wshqos.dll", 103, "RSVP UDP Service Provider"},
	{"napinsp.dll", 1000, "E-mail Naming Shim Provider"},
	{"pnrpnsp.dll", 1000, "PNRP Cloud Namespace Provider"},
	{"pnrpnsp.dll", 1001, "PNRP Name Namespace Provider"},
	{"wshtcpip.dll", 60103, "Tcpip"},
	{"winrnr.dll", 1000, "NTDS"},
};

const char *ws2fix_known_display_name(const char *stored)
{
	if (!stored || stored[0] != '@')
		return NULL;
	const char *comma = strrchr(stored, ',');
	if (!comma || comma[1] != '-')
		return NULL;
	/* The DLL's file name: after the last backslash before the comma. */
	const char *base = comma;
	while (base > stored && base[-1] != '\\' && base[-1] != '@')
		base--;
	size_t blen = (size_t)(comma - base);
	int id = 0;
	for (const char *p = comma + 2; *p; p++) {
		if (*p < '0' || *p > '9' || id > 1000000)
			return NULL;
		id = id * 10 + (*p - '0');
	}
	for (size_t i = 0; i < sizeof(known) / sizeof(known[0]); i++)
		if (known[i].id == id && strlen(known[i].dll) == blen &&
		    ws2fix__strncasecmp(base, known[i].dll, blen) == 0)
			return known[i].text;
	return NULL;
}

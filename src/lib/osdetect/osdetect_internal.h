/* SPDX-License-Identifier: MIT */
/*
 * The OS detector's parts (library internal; include/ws2fix/osinfo.h is
 * the public side): names (osdetect_names.c), reading a hive
 * (osdetect_read.c), driver votes (osdetect_votes.c), the catalog's hints
 * (osdetect_hints.c), the procedure (osdetect.c) and --os (osdetect_parse.c).
 */
#ifndef WS2FIX_OSDETECT_INTERNAL_H
#define WS2FIX_OSDETECT_INTERNAL_H

#include <stdint.h>

#include "../../util/attrs.h"
#include "ws2fix/catalog.h"
#include "ws2fix/osinfo.h"
#include "ws2fix/sys/backend.h"

/* Windows 11 is build 22000 and later although its ProductName still says
 * "Windows 10" (Microsoft never changed that value). */
#define FIRST_WINDOWS_11_BUILD 22000u
/* AF_UNIX first shipped in 1803. */
#define AFUNIX_FIRST_BUILD 17134u

/* Reading values from a registry or, for SOFTWARE, a bare backend. */
typedef struct src {
	ws2fix_registry *reg;
	ws2fix_backend *be;
} src;

typedef struct vote {
	uint32_t major, minor, build, max_rev;
	unsigned count;
} vote;

typedef struct votes {
	vote v[48];
	size_t n;
	unsigned total;
} votes;

/* What the catalog itself says. */
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

ws2fix_os_family ws2fix__os_family_of(uint32_t major, uint32_t minor);
void ws2fix__os_init_info(ws2fix_osinfo *o);
void ws2fix__os_note(ws2fix_osinfo *o, const char *fmt, ...) WS2FIX_PRINTF(2, 3);
void ws2fix__os_fill_names(ws2fix_osinfo *o, int build_is_base);
int ws2fix__os_src_get(src *s, ws2fix_regvalue *out, const char *path, const char *name);
int ws2fix__os_src_subkeys(src *s, ws2fix_strlist *out, const char *path);
int ws2fix__os_get_dword(src *s, const char *path, const char *name, uint32_t *out, int *oom);
char *ws2fix__os_get_string(src *s, const char *path, const char *name, int *oom);
char *ws2fix__os_join(const char *a, const char *b);
int ws2fix__os_parse_quad(const char *s, uint32_t q[4]);
const vote *ws2fix__os_vote_best(const votes *vs);
void ws2fix__os_vote_driver_database(src *s, votes *vs, int *oom);
void ws2fix__os_vote_device_classes(src *s, const char *cs, votes *vs, int *oom);
int ws2fix__os_contains_nocase(const char *hay, const char *needle);
void ws2fix__os_read_hints(cat_hints *h, const ws2fix_catalog *cat);
ws2fix_os_family ws2fix__os_hints_family(const cat_hints *h, const char **why, uint32_t *min_build);
void ws2fix__os_family_version(ws2fix_osinfo *o);
void ws2fix__os_arch_from_env(ws2fix_osinfo *o, const char *env);

#endif

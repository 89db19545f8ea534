/* SPDX-License-Identifier: MIT */
/* The OS detector's majority vote over inbox driver versions (a SYSTEM
 * hive alone says no version: osdetect.c). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "osdetect_internal.h"
#include "../errors_internal.h"
#include "../platform.h"
#include "ws2fix/providers.h"
#include "../../util/utf.h"

/* Bounds on hostile input: a real hive has ~240 driver packages and ~100
 * device classes. */
#define MAX_PACKAGES 20000
#define MAX_CLASS_KEYS 4000

/* ---- Majority vote over driver versions. ---- */



/* Only Windows versions are candidates: inbox packages also carry the
 * versions of components with their own numbering (8.4.x, 14.1.x). */
static void vote_add(votes *vs, uint32_t major, uint32_t minor, uint32_t build, uint32_t rev)
{
	if (ws2fix__os_family_of(major, minor) == WS2FIX_OS_UNKNOWN || build == 0)
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

const vote *ws2fix__os_vote_best(const votes *vs)
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
void ws2fix__os_vote_driver_database(src *s, votes *vs, int *oom)
{
	static const char base[] = "DriverDatabase\\DriverPackages";
	ws2fix_strlist pk;
	if (ws2fix__os_src_subkeys(s, &pk, base) < 0)
		return;
	for (size_t i = 0; i < pk.count && i < MAX_PACKAGES && !*oom; i++) {
		char *p = ws2fix__os_join(base, pk.items[i]);
		if (!p) {
			*oom = 1;
			break;
		}
		char *prov = ws2fix__os_get_string(s, p, "Provider", oom);
		if (is_microsoft_name(prov)) {
			ws2fix_regvalue v;
			if (ws2fix__os_src_get(s, &v, p, "Version") == 0) {
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
void ws2fix__os_vote_device_classes(src *s, const char *cs, votes *vs, int *oom)
{
	char *base = ws2fix__os_join(cs, "Control\\Class");
	ws2fix_strlist classes;
	size_t seen = 0;
	if (!base) {
		*oom = 1;
		return;
	}
	if (ws2fix__os_src_subkeys(s, &classes, base) < 0) {
		free(base);
		return;
	}
	for (size_t i = 0; i < classes.count && seen < MAX_CLASS_KEYS && !*oom; i++) {
		char *cp = ws2fix__os_join(base, classes.items[i]);
		ws2fix_strlist inst;
		if (!cp) {
			*oom = 1;
			break;
		}
		if (ws2fix__os_src_subkeys(s, &inst, cp) == 0) {
			for (size_t k = 0; k < inst.count && seen < MAX_CLASS_KEYS && !*oom; k++, seen++) {
				const char *n = inst.items[k];
				if (strlen(n) != 4 || n[0] < '0' || n[0] > '9')
					continue; /* "Properties" and the like */
				char *ip = ws2fix__os_join(cp, n);
				if (!ip) {
					*oom = 1;
					break;
				}
				char *prov = ws2fix__os_get_string(s, ip, "ProviderName", oom);
				char *ver = is_microsoft_name(prov) ? ws2fix__os_get_string(s, ip, "DriverVersion", oom) : NULL;
				uint32_t q[4];
				if (ver && ws2fix__os_parse_quad(ver, q) >= 3)
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

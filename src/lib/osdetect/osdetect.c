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

#include "osdetect_internal.h"
#include "../errors_internal.h"
#include "../platform.h"
#include "ws2fix/providers.h"
#include "../../util/utf.h"

/* ---- SOFTWARE\Microsoft\Windows NT\CurrentVersion ---- */

static int detect_software(ws2fix_osinfo *o, src *s, int *oom)
{
	static const char key[] = "Microsoft\\Windows NT\\CurrentVersion";
	uint32_t major = 0, minor = 0, ubr = 0;
	int have_ubr;
	if (ws2fix__os_get_dword(s, key, "CurrentMajorVersionNumber", &major, oom)) {
		ws2fix__os_get_dword(s, key, "CurrentMinorVersionNumber", &minor, oom);
	} else {
		/* Before 10; on 10 this says "6.3" for old programs' sake, which is
		 * why the DWORDs above come first. */
		char *cv = ws2fix__os_get_string(s, key, "CurrentVersion", oom);
		uint32_t q[4];
		if (cv && ws2fix__os_parse_quad(cv, q) >= 2) {
			major = q[0];
			minor = q[1];
		}
		free(cv);
	}
	if (ws2fix__os_family_of(major, minor) == WS2FIX_OS_UNKNOWN)
		return 0;
	o->major = major;
	o->minor = minor;
	o->family = ws2fix__os_family_of(major, minor);
	char *b = ws2fix__os_get_string(s, key, "CurrentBuildNumber", oom);
	if (!b)
		b = ws2fix__os_get_string(s, key, "CurrentBuild", oom);
	uint32_t q[4];
	if (b && ws2fix__os_parse_quad(b, q) >= 1)
		o->build = q[0];
	free(b);
	have_ubr = ws2fix__os_get_dword(s, key, "UBR", &ubr, oom);
	char *csd = ws2fix__os_get_string(s, key, "CSDVersion", oom);
	o->service_pack = 0;
	if (csd) {
		const char *d = csd;
		while (*d && (*d < '0' || *d > '9'))
			d++;
		if (*d && ws2fix__os_parse_quad(d, q) >= 1)
			o->service_pack = (int)q[0];
	}
	char *product = ws2fix__os_get_string(s, key, "ProductName", oom);
	char *itype = ws2fix__os_get_string(s, key, "InstallationType", oom);
	char *edition = ws2fix__os_get_string(s, key, "EditionID", oom);
	if ((itype && ws2fix__os_contains_nocase(itype, "server")) || (edition && ws2fix__os_contains_nocase(edition, "server")))
		o->is_server = 1;
	else if (itype && ws2fix__os_contains_nocase(itype, "client"))
		o->is_server = 0;
	char *lab = ws2fix__os_get_string(s, key, "BuildLabEx", oom);
	if (lab && !o->arch[0]) {
		if (ws2fix__os_contains_nocase(lab, "amd64fre") || ws2fix__os_contains_nocase(lab, "amd64chk"))
			snprintf(o->arch, sizeof(o->arch), "x64");
		else if (ws2fix__os_contains_nocase(lab, "arm64fre"))
			snprintf(o->arch, sizeof(o->arch), "arm64");
		else if (ws2fix__os_contains_nocase(lab, "x86fre") || ws2fix__os_contains_nocase(lab, "x86chk"))
			snprintf(o->arch, sizeof(o->arch), "x86");
	}
	snprintf(o->detected_from, sizeof(o->detected_from), "software-hive");
	char rev[16] = "";
	if (have_ubr)
		snprintf(rev, sizeof(rev), ".%u", (unsigned)ubr);
	ws2fix__os_note(o, "SOFTWARE CurrentVersion %u.%u build %u%s%s%s", (unsigned)major, (unsigned)minor,
		(unsigned)o->build, rev, csd ? " " : "", csd ? csd : "");
	if (product)
		ws2fix__os_note(o, "ProductName \"%s\"%s", product,
			o->family == WS2FIX_OS_10 && o->build >= FIRST_WINDOWS_11_BUILD && ws2fix__os_contains_nocase(product, "Windows 10")
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
	char *p = ws2fix__os_join(cs, "Control\\Session Manager\\Environment");
	if (!p) {
		*oom = 1;
		return;
	}
	char *env = ws2fix__os_get_string(s, p, "PROCESSOR_ARCHITECTURE", oom);
	ws2fix__os_arch_from_env(o, env);
	free(env);
	free(p);

	if (!(p = ws2fix__os_join(cs, "Control\\ProductOptions"))) {
		*oom = 1;
		return;
	}
	char *pt = ws2fix__os_get_string(s, p, "ProductType", oom);
	if (pt && o->is_server == -1) {
		if (!ws2fix__strcasecmp(pt, "WinNT"))
			o->is_server = 0;
		else if (!ws2fix__strcasecmp(pt, "ServerNT") || !ws2fix__strcasecmp(pt, "LanmanNT"))
			o->is_server = 1;
	}
	free(pt);
	free(p);

	if (!(p = ws2fix__os_join(cs, "Control\\Windows"))) {
		*oom = 1;
		return;
	}
	f->have_csd = ws2fix__os_get_dword(s, p, "CSDVersion", &f->csd_version, oom);
	f->have_csd_build = ws2fix__os_get_dword(s, p, "CSDBuildNumber", &f->csd_build, oom);
	free(p);

	ws2fix_strlist setup;
	if (ws2fix__os_src_subkeys(s, &setup, "Setup") == 0) {
		for (size_t i = 0; i < setup.count && !*oom; i++) {
			if (ws2fix__strncasecmp(setup.items[i], "Source OS", 9) != 0)
				continue;
			char *sp = ws2fix__os_join("Setup", setup.items[i]);
			if (!sp) {
				*oom = 1;
				break;
			}
			char *cb = ws2fix__os_get_string(s, sp, "CurrentBuild", oom);
			uint32_t q[4];
			if (cb && ws2fix__os_parse_quad(cb, q) >= 1) {
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
	ws2fix__os_vote_driver_database(s, &vs, oom);
	const vote *best = ws2fix__os_vote_best(&vs);
	if (!best && !*oom) {
		from = "Control\\Class DriverVersion";
		memset(&vs, 0, sizeof(vs));
		ws2fix__os_vote_device_classes(s, cs, &vs, oom);
		best = ws2fix__os_vote_best(&vs);
	}
	if (!best)
		return 0;
	o->major = best->major;
	o->minor = best->minor;
	o->build = best->build;
	o->family = ws2fix__os_family_of(best->major, best->minor);
	*build_is_base = 1;
	snprintf(o->detected_from, sizeof(o->detected_from), "system-hive");
	ws2fix__os_note(o, "%s %u.%u.%u (%u of %u Microsoft drivers, newest .%u)", from, (unsigned)best->major,
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
	ws2fix__os_init_info(&o);
	memset(&f, 0, sizeof(f));
	ws2fix__os_read_hints(&h, cat);

	if (software)
		decided = detect_software(&o, software, &oom);
	if (software_note)
		ws2fix__os_note(&o, "%s", software_note);

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
			ws2fix__os_note(&o, "CSDVersion 0x%x", (unsigned)f.csd_version);
		}
		if (f.have_csd_build)
			ws2fix__os_note(&o, "CSDBuildNumber %u", (unsigned)f.csd_build);
		if (f.prev_count)
			ws2fix__os_note(&o, "Setup\\Source OS: upgraded from build %u", (unsigned)f.prev_build);
	}

	const char *why = NULL;
	uint32_t min_build = 0;
	ws2fix_os_family hf = ws2fix__os_hints_family(&h, &why, &min_build);
	if (!decided && hf != WS2FIX_OS_UNKNOWN) {
		o.family = hf;
		ws2fix__os_family_version(&o);
		snprintf(o.detected_from, sizeof(o.detected_from), "entries");
		ws2fix__os_note(&o, "catalog: %s", why);
		decided = 1;
	} else if (!decided && f.prev_build >= 10240) {
		/* Only a feature update of 10 leaves a Source OS key with a 10 build:
		 * the running OS is 10 or later, build unknown. */
		o.family = WS2FIX_OS_10;
		ws2fix__os_family_version(&o);
		snprintf(o.detected_from, sizeof(o.detected_from), "system-hive");
		decided = 1;
	} else if (decided && hf != WS2FIX_OS_UNKNOWN && hf > o.family) {
		ws2fix__os_note(&o, "catalog suggests newer: %s", why);
	}
	if (decided && min_build && o.build && o.build < min_build)
		ws2fix__os_note(&o, "catalog implies build >= %u", (unsigned)min_build);
	if (decided && f.prev_build && o.build && o.build <= f.prev_build)
		ws2fix__os_note(&o, "build not above the Source OS build");

	if (!o.arch[0] && h.has64) {
		snprintf(o.arch, sizeof(o.arch), "x64");
		ws2fix__os_note(&o, "arch: Catalog_Entries64 present");
	}
	if (decided && o.service_pack < 0 && o.family == WS2FIX_OS_10)
		o.service_pack = 0; /* 10 has no service packs */
	if (o.is_server == 1 && o.family == WS2FIX_OS_XP)
		o.is_server = -1; /* 5.1 never shipped as a server */
	if (!decided)
		ws2fix__os_note(&o, "no version evidence found");
	ws2fix__os_fill_names(&o, build_is_base);
	if (o.family == WS2FIX_OS_10 && !o.build && min_build >= AFUNIX_FIRST_BUILD && o.is_server != 1)
		snprintf(o.name, sizeof(o.name), "Windows 10 1803 or later");
	/* netsh text resolves names and has no ProtocolName values, so a 7 or
	 * 8 listing without Hyper-V looks like Vista: say no more than we know. */
	if (o.family == WS2FIX_OS_VISTA && strcmp(o.detected_from, "entries") == 0)
		snprintf(o.name, sizeof(o.name), "Windows Vista or later");
	*out = o;
	ws2fix_error_clear();
	if (oom)
		return ws2fix__oom();
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
	ws2fix__os_note(info, "--os %s", override->id);
	if (evidence[0])
		ws2fix__os_note(info, "detected: %s", evidence);
}

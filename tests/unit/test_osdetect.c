/* SPDX-License-Identifier: MIT */
/* Windows version detection: the 9 real hives against their PROVENANCE.md
 * versions, the real .reg export (catalog evidence only), SOFTWARE hives
 * (made here from a real hive, since no real one is available), and every
 * documented --os spelling. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "ws2fix/catalog.h"
#include "ws2fix/errors.h"
#include "ws2fix/osinfo.h"
#include "ws2fix/registry.h"
#include "testutil.h"

/* ---- --os (no data needed) ---- */

typedef struct spelling_case {
	const char *text;
	ws2fix_os_family family;
	const char *id;
	uint32_t major, minor, build;
	int sp, server;
} spelling_case;

static void test_osdetect__parse_every_documented_spelling(void **state)
{
	(void)state;
	static const spelling_case cases[] = {
		{"2000", WS2FIX_OS_2000, "2000", 5, 0, 2195, -1, -1},
		{"xp", WS2FIX_OS_XP, "xp", 5, 1, 2600, -1, 0},
		{"xp-sp1", WS2FIX_OS_XP, "xp-sp1", 5, 1, 2600, 1, 0},
		{"xp-sp2", WS2FIX_OS_XP, "xp-sp2", 5, 1, 2600, 2, 0},
		{"xp-sp3", WS2FIX_OS_XP, "xp-sp3", 5, 1, 2600, 3, 0},
		{"xp64", WS2FIX_OS_2003, "xp64", 5, 2, 3790, -1, 0},
		{"2003", WS2FIX_OS_2003, "2003", 5, 2, 3790, -1, 1},
		{"vista", WS2FIX_OS_VISTA, "vista", 6, 0, 0, -1, 0},
		{"2008", WS2FIX_OS_VISTA, "2008", 6, 0, 0, -1, 1},
		{"7", WS2FIX_OS_7, "7", 6, 1, 0, -1, 0},
		{"2008r2", WS2FIX_OS_7, "2008r2", 6, 1, 0, -1, 1},
		{"8", WS2FIX_OS_8, "8", 6, 2, 9200, 0, 0},
		{"8.1", WS2FIX_OS_8, "8.1", 6, 3, 9600, 0, 0},
		{"2012", WS2FIX_OS_8, "2012", 6, 2, 9200, 0, 1},
		{"2012r2", WS2FIX_OS_8, "2012r2", 6, 3, 9600, 0, 1},
		{"10", WS2FIX_OS_10, "10", 10, 0, 0, 0, 0},
		{"11", WS2FIX_OS_10, "11", 10, 0, 0, 0, 0},
		{"2016", WS2FIX_OS_10, "2016", 10, 0, 14393, 0, 1},
		{"2019", WS2FIX_OS_10, "2019", 10, 0, 17763, 0, 1},
		{"2022", WS2FIX_OS_10, "2022", 10, 0, 20348, 0, 1},
		{"2025", WS2FIX_OS_10, "2025", 10, 0, 26100, 0, 1},
		/* Other ways people write them. */
		{"XP-SP2", WS2FIX_OS_XP, "xp-sp2", 5, 1, 2600, 2, 0},
		{"xp sp3", WS2FIX_OS_XP, "xp-sp3", 5, 1, 2600, 3, 0},
		{"xpsp1", WS2FIX_OS_XP, "xp-sp1", 5, 1, 2600, 1, 0},
		{"xp-x64", WS2FIX_OS_2003, "xp64", 5, 2, 3790, -1, 0},
		{"Windows 7", WS2FIX_OS_7, "7", 6, 1, 0, -1, 0},
		{"win7", WS2FIX_OS_7, "7", 6, 1, 0, -1, 0},
		{"win-8.1", WS2FIX_OS_8, "8.1", 6, 3, 9600, 0, 0},
		{"Windows Vista", WS2FIX_OS_VISTA, "vista", 6, 0, 0, -1, 0},
		{"2008 R2", WS2FIX_OS_7, "2008r2", 6, 1, 0, -1, 1},
		{"  11", WS2FIX_OS_10, "11", 10, 0, 0, 0, 0},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		ws2fix_osinfo o;
		const spelling_case *c = &cases[i];
		int rc = ws2fix_os_parse(&o, c->text);
		if (rc != 0)
			fail_msg("--os \"%s\" refused: %s", c->text, ws2fix_error_last()->message);
		assert_int_equal(o.family, c->family);
		assert_string_equal(o.id, c->id);
		assert_int_equal(o.major, c->major);
		assert_int_equal(o.minor, c->minor);
		assert_int_equal(o.build, c->build);
		assert_int_equal(o.service_pack, c->sp);
		assert_int_equal(o.is_server, c->server);
		assert_string_equal(o.detected_from, "override");
		/* 2000 and XP were made for x86 only, XP x64 and the servers
		 * from 2008 R2 on for x64 only: the version says it. */
		int x86_only = c->family == WS2FIX_OS_2000 || c->family == WS2FIX_OS_XP;
		int x64_only = !strcmp(c->id, "xp64") || (c->server == 1 && c->family >= WS2FIX_OS_7);
		assert_string_equal(o.arch, x86_only ? "x86" : (x64_only ? "x64" : ""));
		assert_true(o.name[0] != '\0');
	}
}

/* The architecture after the version, in every spelling; a release that
 * was never made for it is refused. */
static void test_osdetect__parse_architecture(void **state)
{
	(void)state;
	static const struct {
		const char *text, *id, *arch;
	} ok[] = {
		{"10-x64", "10", "x64"}, {"10 x86", "10", "x86"}, {"win10_amd64", "10", "x64"},
		{"xp-sp2-x86", "xp-sp2", "x86"}, {"7-64bit", "7", "x64"}, {"11-arm64", "11", "arm64"},
		{"Windows 7 32bit", "7", "x86"}, {"2003-x64", "2003", "x64"}, {"vista-x86", "vista", "x86"},
		{"xp-x64", "xp64", "x64"}, {"2019", "2019", "x64"},
	};
	for (size_t i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
		ws2fix_osinfo o;
		if (ws2fix_os_parse(&o, ok[i].text) != 0)
			fail_msg("--os \"%s\" refused: %s", ok[i].text, ws2fix_error_last()->message);
		assert_string_equal(o.id, ok[i].id);
		assert_string_equal(o.arch, ok[i].arch);
	}
	static const char *const never[] = {"xp-sp3-x64", "2000-x64", "11-x86", "2019-x86", "2008r2-x86", "7-arm64",
		"10-x65", "x64"};
	for (size_t i = 0; i < sizeof(never) / sizeof(never[0]); i++) {
		ws2fix_osinfo o;
		if (ws2fix_os_parse(&o, never[i]) == 0)
			fail_msg("--os \"%s\" accepted as %s %s", never[i], o.id, o.arch);
	}
}

static void test_osdetect__parse_rejects_junk(void **state)
{
	(void)state;
	static const char *const junk[] = {
		"", " ", "win", "windows", "xp-sp4", "xp-sp", "12", "2017", "2020", "95", "me", "8.2", "10.5",
		"vista2", "7x", "xp64x", "; rm -rf /", "10\n", "7/", "x", "windows windows 7",
		"a-very-long-version-string-that-goes-on-and-on",
	};
	for (size_t i = 0; i < sizeof(junk) / sizeof(junk[0]); i++) {
		ws2fix_osinfo o;
		if (ws2fix_os_parse(&o, junk[i]) != WS2FIX_EINVALID)
			fail_msg("--os \"%s\" was accepted", junk[i]);
		assert_true(ws2fix_error_last()->message[0] != '\0');
	}
	assert_int_equal(ws2fix_os_parse(NULL, "7"), WS2FIX_EINVALID);
	ws2fix_osinfo o;
	assert_int_equal(ws2fix_os_parse(&o, NULL), WS2FIX_EINVALID);
}

static void test_osdetect__override_keeps_detected_arch(void **state)
{
	(void)state;
	ws2fix_osinfo det, ov;
	memset(&det, 0, sizeof(det));
	det.family = WS2FIX_OS_7;
	snprintf(det.arch, sizeof(det.arch), "x64");
	snprintf(det.evidence, sizeof(det.evidence), "DriverDatabase");
	assert_int_equal(ws2fix_os_parse(&ov, "10"), 0);
	ws2fix_os_apply_override(&det, &ov);
	assert_int_equal(det.family, WS2FIX_OS_10);
	assert_string_equal(det.id, "10");
	assert_string_equal(det.arch, "x64");
	assert_string_equal(det.detected_from, "override");
	assert_non_null(strstr(det.evidence, "DriverDatabase"));
}

static void test_osdetect__names_and_release_table(void **state)
{
	(void)state;
	assert_string_equal(ws2fix_os_release_name(16299), "1709");
	assert_string_equal(ws2fix_os_release_name(19045), "22H2");
	assert_string_equal(ws2fix_os_release_name(22000), "21H2");
	assert_null(ws2fix_os_release_name(12345));
	assert_string_equal(ws2fix_os_family_name(WS2FIX_OS_2003), "2003");
	assert_string_equal(ws2fix_os_family_name(WS2FIX_OS_UNKNOWN), "unknown");

	/* Windows 11 is named from the build, whatever ProductName says. */
	ws2fix_osinfo o;
	memset(&o, 0, sizeof(o));
	o.major = 10;
	o.build = 22631;
	o.is_server = 0;
	o.service_pack = 0;
	ws2fix_os_fill_names(&o);
	assert_int_equal(o.family, WS2FIX_OS_10);
	assert_string_equal(o.id, "11");
	assert_string_equal(o.name, "Windows 11 23H2");
	o.build = 17763;
	o.is_server = 1;
	ws2fix_os_fill_names(&o);
	assert_string_equal(o.id, "2019");
	assert_string_equal(o.name, "Windows Server 2019");
	o.major = 5;
	o.minor = 1;
	o.build = 2600;
	o.service_pack = 2;
	o.is_server = 0;
	ws2fix_os_fill_names(&o);
	assert_string_equal(o.id, "xp-sp2");
}

static void test_osdetect__live_off_windows(void **state)
{
	(void)state;
#ifndef _WIN32
	ws2fix_osinfo o;
	assert_int_equal(ws2fix_os_detect_live(&o), WS2FIX_ENOTBUILT);
#endif
}

#ifdef WS2FIX_HAVE_HIVEX

/* The expected answers: hives/PROVENANCE.md. */
typedef struct hive_case {
	const char *xz;
	ws2fix_os_family family;
	uint32_t major, minor, build;
	int sp;
	const char *arch;
	const char *id;
	const char *name_part;
} hive_case;

static const hive_case hive_cases[] = {
	{"hives/winevt-kb-xpsp3-x86/SYSTEM.xz", WS2FIX_OS_XP, 5, 1, 2600, 3, "x86", "xp-sp3", "Windows XP"},
	{"hives/bitcurator-m57-xpsp3-x86/SYSTEM.xz", WS2FIX_OS_XP, 5, 1, 2600, 3, "x86", "xp-sp3", "Windows XP"},
	{"hives/itdaniher-winxp-x64-sp2/system.xz", WS2FIX_OS_2003, 5, 2, 3790, 2, "x64", "xp64",
		"Windows XP Professional x64 Edition"},
	{"hives/regipy/SYSTEM.xz", WS2FIX_OS_7, 6, 1, 7601, 1, "x86", "7", "Windows 7"},
	{"hives/shimcacheparser-win7sp1-x64/SYSTEM.xz", WS2FIX_OS_7, 6, 1, 7601, 1, "x64", "7", "Windows 7"},
	{"hives/regipy/SYSTEM_2.xz", WS2FIX_OS_8, 6, 3, 9600, 0, "x64", "8.1", "Windows 8.1"},
	{"hives/regipy/SYSTEM_B.xz", WS2FIX_OS_10, 10, 0, 16299, 0, "x64", "10", "1709"},
	{"hives/regipy/SYSTEM_WIN_10_1709.xz", WS2FIX_OS_10, 10, 0, 18362, 0, "x64", "10", "1903"},
	{"hives/dissect-regf-win10-x64/SYSTEM.xz", WS2FIX_OS_10, 10, 0, 19041, 0, "x64", "10", "21H2"},
};

static void remove_copy(char *path)
{
	remove(path);
	char *slash = strrchr(path, '/');
	if (slash) {
		*slash = '\0';
		remove(path);
	}
	free(path);
}

static void check_case(const hive_case *c, const ws2fix_osinfo *o)
{
	if (o->family != c->family || o->build != c->build || o->service_pack != c->sp || strcmp(o->arch, c->arch) ||
	    o->major != c->major || o->minor != c->minor || strcmp(o->id, c->id) || !strstr(o->name, c->name_part))
		fail_msg("%s: got family %d %u.%u.%u sp %d arch \"%s\" id \"%s\" name \"%s\" (%s)", c->xz, o->family,
			(unsigned)o->major, (unsigned)o->minor, (unsigned)o->build, o->service_pack, o->arch, o->id,
			o->name, o->evidence);
	assert_string_equal(o->detected_from, "system-hive");
	assert_int_equal(o->is_server, 0);
	assert_true(o->evidence[0] != '\0');
}

static void test_osdetect__real_hives_match_provenance(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(hive_cases) / sizeof(hive_cases[0]); i++) {
		const hive_case *c = &hive_cases[i];
		char *path = testutil_unxz(c->xz);
		if (!path)
			testutil_skip();
		ws2fix_registry *reg = NULL;
		ws2fix_catalog *cat = NULL;
		assert_int_equal(ws2fix_registry_open_hive(&reg, path, NULL), 0);
		assert_int_equal(ws2fix_catalog_read(&cat, reg), 0);
		ws2fix_osinfo o;
		assert_int_equal(ws2fix_os_detect(&o, reg, NULL, cat), 0);
		check_case(c, &o);
		/* Without the catalog the SYSTEM hive alone says the same. */
		assert_int_equal(ws2fix_os_detect(&o, reg, NULL, NULL), 0);
		check_case(c, &o);
		/* From the catalog alone (what a .reg export of WinSock2 gives)
		 * the family still comes out right; the build cannot. */
		assert_int_equal(ws2fix_os_detect(&o, NULL, NULL, cat), 0);
		if (o.family != c->family)
			fail_msg("%s: catalog says family %d, expected %d (%s)", c->xz, o.family, c->family, o.evidence);
		assert_string_equal(o.detected_from, "entries");
		assert_int_equal(o.build, 0);
		/* x64 shows as the 64-bit catalog; 32-bit stays unknown. */
		assert_string_equal(o.arch, strcmp(c->arch, "x64") == 0 ? "x64" : "");
		ws2fix_catalog_free(cat);
		ws2fix_registry_free(reg);
		remove_copy(path);
	}
}

/* UTF-16LE with terminator, as REG_SZ is stored. */
static void set_sz(ws2fix_registry *reg, const char *key, const char *name, const char *value)
{
	unsigned char buf[512];
	size_t n = strlen(value);
	assert_true(2 * n + 2 <= sizeof(buf));
	for (size_t i = 0; i < n; i++) {
		buf[2 * i] = (unsigned char)value[i];
		buf[2 * i + 1] = 0;
	}
	buf[2 * n] = buf[2 * n + 1] = 0;
	assert_int_equal(ws2fix_registry_set_value(reg, key, name, WS2FIX_REG_SZ, buf, 2 * n + 2), 0);
}

static void set_dword(ws2fix_registry *reg, const char *key, const char *name, uint32_t v)
{
	unsigned char b[4] = {(unsigned char)v, (unsigned char)(v >> 8), (unsigned char)(v >> 16),
		(unsigned char)(v >> 24)};
	assert_int_equal(ws2fix_registry_set_value(reg, key, name, WS2FIX_REG_DWORD, b, 4), 0);
}

typedef struct sw_values {
	uint32_t major; /* 0: write CurrentVersion as a string instead */
	const char *current_version, *build, *csd, *product, *install_type, *edition, *buildlab;
	uint32_t ubr;
} sw_values;

/*
 * No real SOFTWARE hive is available (hives/PROVENANCE.md), and hivex cannot
 * create a hive from nothing: take a copy of the smallest real hive and add
 * Microsoft\Windows NT\CurrentVersion to it.  The SOFTWARE reader looks at
 * nothing else, so what else the copy holds does not matter.
 */
static char *make_software(const sw_values *v)
{
	char *path = testutil_unxz("hives/itdaniher-winxp-x64-sp2/system.xz");
	if (!path)
		return NULL;
	ws2fix_open_options opts = WS2FIX_OPEN_OPTIONS_INIT;
	opts.writable = 1;
	ws2fix_registry *reg = NULL;
	assert_int_equal(ws2fix_registry_open_hive(&reg, path, &opts), 0);
	const char *k = "Microsoft\\Windows NT\\CurrentVersion";
	if (v->major) {
		set_dword(reg, k, "CurrentMajorVersionNumber", v->major);
		set_dword(reg, k, "CurrentMinorVersionNumber", 0);
	}
	if (v->current_version)
		set_sz(reg, k, "CurrentVersion", v->current_version);
	if (v->build)
		set_sz(reg, k, "CurrentBuildNumber", v->build);
	if (v->csd)
		set_sz(reg, k, "CSDVersion", v->csd);
	if (v->product)
		set_sz(reg, k, "ProductName", v->product);
	if (v->install_type)
		set_sz(reg, k, "InstallationType", v->install_type);
	if (v->edition)
		set_sz(reg, k, "EditionID", v->edition);
	if (v->buildlab)
		set_sz(reg, k, "BuildLabEx", v->buildlab);
	if (v->ubr)
		set_dword(reg, k, "UBR", v->ubr);
	assert_int_equal(ws2fix_registry_commit(reg, NULL), 0);
	ws2fix_registry_free(reg);
	return path;
}

static void test_osdetect__software_hive_decides(void **state)
{
	(void)state;
	/* Windows 11 still writes ProductName "Windows 10 ...". */
	const sw_values w11 = {10, "6.3", "22631", NULL, "Windows 10 Pro", "Client", "Professional",
		"22621.1.amd64fre.ni_release.220506-1250", 4169};
	char *sw = make_software(&w11);
	if (!sw)
		testutil_skip();
	char *sys = testutil_unxz("hives/regipy/SYSTEM_2.xz");
	ws2fix_registry *reg = NULL;
	assert_int_equal(ws2fix_registry_open_hive(&reg, sys, NULL), 0);
	ws2fix_osinfo o;
	assert_int_equal(ws2fix_os_detect_hives(&o, reg, sw, NULL), 0);
	assert_int_equal(o.family, WS2FIX_OS_10);
	assert_int_equal(o.major, 10);
	assert_int_equal(o.build, 22631);
	assert_int_equal(o.service_pack, 0);
	assert_string_equal(o.id, "11");
	assert_string_equal(o.name, "Windows 11 23H2");
	assert_string_equal(o.detected_from, "software-hive");
	assert_string_equal(o.arch, "x64");
	assert_int_equal(o.is_server, 0);
	assert_non_null(strstr(o.evidence, "22631.4169"));
	remove_copy(sw);

	const sw_values srv = {10, "6.3", "17763", NULL, "Windows Server 2019 Standard", "Server", "ServerStandard",
		NULL, 0};
	sw = make_software(&srv);
	assert_int_equal(ws2fix_os_detect_hives(&o, reg, sw, NULL), 0);
	assert_string_equal(o.id, "2019");
	assert_string_equal(o.name, "Windows Server 2019");
	assert_int_equal(o.is_server, 1);
	remove_copy(sw);

	/* Before 10: CurrentVersion as a string, service pack from CSDVersion. */
	const sw_values xp = {0, "5.1", "2600", "Service Pack 2", "Microsoft Windows XP", NULL, NULL, NULL, 0};
	sw = make_software(&xp);
	assert_int_equal(ws2fix_os_detect_hives(&o, reg, sw, NULL), 0);
	assert_int_equal(o.family, WS2FIX_OS_XP);
	assert_int_equal(o.build, 2600);
	assert_int_equal(o.service_pack, 2);
	assert_string_equal(o.id, "xp-sp2");
	assert_string_equal(o.detected_from, "software-hive");
	remove_copy(sw);

	/* A named SOFTWARE hive that is not one is an error, not a guess. */
	char *dir = testutil_tempdir();
	char *junk = testutil_write_file(dir, "SOFTWARE", "not a hive", 10);
	assert_int_equal(ws2fix_os_detect_hives(&o, reg, junk, NULL), WS2FIX_ECORRUPT);
	char *missing = testutil_write_file(dir, "x", "", 0);
	remove(missing);
	assert_int_equal(ws2fix_os_detect_hives(&o, reg, missing, NULL), WS2FIX_ENOTFOUND);
	free(missing);
	remove(junk);
	free(junk);
	remove(dir);
	free(dir);

	ws2fix_registry_free(reg);
	remove_copy(sys);
}

static void test_osdetect__software_found_beside_system(void **state)
{
	(void)state;
	const sw_values w10 = {10, "6.3", "19045", NULL, "Windows 10 Enterprise", "Client", "Enterprise", NULL, 3803};
	char *sw = make_software(&w10);
	if (!sw)
		testutil_skip();
	char *sys = testutil_unxz("hives/dissect-regf-win10-x64/SYSTEM.xz");
	/* Put it beside the SYSTEM hive as "SOFTWARE". */
	char beside[4096];
	snprintf(beside, sizeof(beside), "%s", sys);
	snprintf(strrchr(beside, '/') + 1, sizeof(beside) - (size_t)(strrchr(beside, '/') + 1 - beside), "SOFTWARE");
	assert_int_equal(rename(sw, beside), 0);
	char *found = ws2fix_os_find_software_hive(sys);
	assert_non_null(found);
	assert_string_equal(found, beside);
	free(found);

	ws2fix_registry *reg = NULL;
	assert_int_equal(ws2fix_registry_open_hive(&reg, sys, NULL), 0);
	ws2fix_osinfo o;
	assert_int_equal(ws2fix_os_detect(&o, reg, NULL, NULL), 0);
	assert_string_equal(o.detected_from, "software-hive");
	assert_int_equal(o.build, 19045);
	assert_string_equal(o.name, "Windows 10 22H2");

	/* A file there that is not a hive is passed over, with a note. */
	remove(beside);
	FILE *f = fopen(beside, "wb");
	assert_non_null(f);
	fputs("junk", f);
	fclose(f);
	assert_int_equal(ws2fix_os_detect(&o, reg, NULL, NULL), 0);
	assert_string_equal(o.detected_from, "system-hive");
	assert_int_equal(o.build, 19041);
	assert_non_null(strstr(o.evidence, "SOFTWARE"));
	remove(beside);
	ws2fix_registry_free(reg);
	/* sw's own temp dir is empty now. */
	char *slash = strrchr(sw, '/');
	*slash = '\0';
	remove(sw);
	free(sw);
	remove_copy(sys);
}

/* The real .reg export (WinSock2 only): detected from the entries. */
static void test_osdetect__real_export_from_entries(void **state)
{
	(void)state;
	char *path = testutil_shared_path("corpus/cingchun-bccc/winsock2.reg");
	if (!path)
		testutil_skip();
	ws2fix_registry *reg = NULL;
	int rc = ws2fix_registry_open_regfile(&reg, path, NULL);
	if (rc == WS2FIX_ENOTBUILT) {
		free(path);
		testutil_skip(); /* the .reg backend is not in this build yet */
	}
	assert_int_equal(rc, 0);
	ws2fix_catalog *cat = NULL;
	assert_int_equal(ws2fix_catalog_read(&cat, reg), 0);
	ws2fix_osinfo o;
	assert_int_equal(ws2fix_os_detect(&o, reg, NULL, cat), 0);
	assert_int_equal(o.family, WS2FIX_OS_10);
	assert_string_equal(o.id, "10");
	assert_string_equal(o.detected_from, "entries");
	assert_string_equal(o.arch, "x64");
	assert_int_equal(o.build, 0);
	assert_non_null(strstr(o.evidence, "AF_UNIX"));
	ws2fix_catalog_free(cat);
	ws2fix_registry_free(reg);
	free(path);
}

#endif

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_osdetect__parse_every_documented_spelling),
		cmocka_unit_test(test_osdetect__parse_architecture),
		cmocka_unit_test(test_osdetect__parse_rejects_junk),
		cmocka_unit_test(test_osdetect__override_keeps_detected_arch),
		cmocka_unit_test(test_osdetect__names_and_release_table),
		cmocka_unit_test(test_osdetect__live_off_windows),
#ifdef WS2FIX_HAVE_HIVEX
		cmocka_unit_test(test_osdetect__real_hives_match_provenance),
		cmocka_unit_test(test_osdetect__software_hive_decides),
		cmocka_unit_test(test_osdetect__software_found_beside_system),
		cmocka_unit_test(test_osdetect__real_export_from_entries),
#endif
	};
	return testutil_result(cmocka_run_group_tests(tests, NULL, NULL));
}

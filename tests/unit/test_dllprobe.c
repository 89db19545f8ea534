/* SPDX-License-Identifier: MIT */
/* Offline provider DLL checks against a fake Windows tree with mixed-case
 * names, symlinks out of the tree and a WOW64 layout; root derivation from
 * hive paths. */
#define _POSIX_C_SOURCE 200809L
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include "ws2fix/dllprobe.h"
#include "ws2fix/errors.h"
#include "lib/platform_dir.h"
#include "testutil.h"

#define YES WS2FIX_EXISTS_YES
#define NO WS2FIX_EXISTS_NO
#define UNKNOWN WS2FIX_EXISTS_UNKNOWN
#define V64 WS2FIX_VIEW_64
#define V32 WS2FIX_VIEW_32

static char *path_of(const char *root, const char *rel)
{
	return testutil_join(root, "/", rel);
}

static void mkdir_p(const char *root, const char *rel)
{
	char *p = path_of(root, rel);
	for (char *s = p + strlen(root) + 1; *s; s++) {
		if (*s == '/') {
			*s = '\0';
			mkdir(p, 0755);
			*s = '/';
		}
	}
	mkdir(p, 0755);
	free(p);
}

static void touch(const char *root, const char *rel)
{
	char *p = path_of(root, rel);
	FILE *f = fopen(p, "wb");
	assert_non_null(f);
	fputs("MZ", f);
	fclose(f);
	free(p);
}

static void symlink_to(const char *target, const char *root, const char *rel)
{
	char *p = path_of(root, rel);
	assert_int_equal(symlink(target, p), 0);
	free(p);
}

/*
 * DISK/                      (the drive root C:)
 *   outside.dll
 *   WINDOWS/
 *     rootonly.dll
 *     System32/ MSWSOCK.DLL napinsp.dll folder.dll/ escape.dll -> ../../outside.dll
 *     SysWOW64/ mswsock.dll
 *     evil -> /
 *     System32/config/SYSTEM
 *   Program Files/Example/exlsp64.dll
 *   Program Files (x86)/Example/exlsp.dll
 */
typedef struct fixture {
	char *disk;
	char *windows;
	ws2fix_dll_probe *probe;
} fixture;

static int setup_x64(void **state)
{
	fixture *fx = calloc(1, sizeof(*fx));
	fx->disk = testutil_tempdir();
	mkdir_p(fx->disk, "WINDOWS/System32/folder.dll");
	mkdir_p(fx->disk, "WINDOWS/System32/config");
	mkdir_p(fx->disk, "WINDOWS/SysWOW64");
	mkdir_p(fx->disk, "Program Files/Example");
	mkdir_p(fx->disk, "Program Files (x86)/Example");
	touch(fx->disk, "outside.dll");
	touch(fx->disk, "WINDOWS/rootonly.dll");
	touch(fx->disk, "WINDOWS/System32/MSWSOCK.DLL");
	touch(fx->disk, "WINDOWS/System32/napinsp.dll");
	touch(fx->disk, "WINDOWS/System32/config/SYSTEM");
	touch(fx->disk, "WINDOWS/SysWOW64/mswsock.dll");
	touch(fx->disk, "Program Files/Example/exlsp64.dll");
	touch(fx->disk, "Program Files (x86)/Example/exlsp.dll");
	symlink_to("../../outside.dll", fx->disk, "WINDOWS/System32/escape.dll");
	symlink_to("/", fx->disk, "WINDOWS/evil");
	fx->windows = path_of(fx->disk, "WINDOWS");
	assert_int_equal(ws2fix_dll_probe_offline_new(&fx->probe, fx->windows), 0);
	*state = fx;
	return 0;
}

static int teardown(void **state)
{
	fixture *fx = *state;
	ws2fix_dll_probe_free(fx->probe);
	char cmd[4200];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", fx->disk);
	if (system(cmd) != 0)
		return -1;
	free(fx->disk);
	free(fx->windows);
	free(fx);
	return 0;
}

/* The answer through the public interface, and the same through locate. */
static ws2fix_exists ask(const fixture *fx, const char *path, enum ws2fix_view view)
{
	ws2fix_exists a = fx->probe->exists(fx->probe->payload, path, view);
	char *where = NULL;
	ws2fix_exists b = ws2fix_dll_probe_offline_locate(&where, fx->probe, path, view);
	assert_int_equal(a, b);
	if (b == UNKNOWN)
		assert_null(where);
	else
		assert_non_null(where);
	free(where);
	return a;
}

/* Where the probe looked, relative to the disk. */
static void where_is(const fixture *fx, const char *path, enum ws2fix_view view, const char *rel)
{
	char *where = NULL;
	ws2fix_dll_probe_offline_locate(&where, fx->probe, path, view);
	assert_non_null(where);
	char *expect = path_of(fx->disk, rel);
	assert_string_equal(where, expect);
	free(expect);
	free(where);
}

static void test_dllprobe__system_root_case_insensitive(void **state)
{
	fixture *fx = *state;
	assert_int_equal(ask(fx, "%SystemRoot%\\system32\\mswsock.dll", V64), YES);
	assert_int_equal(ask(fx, "%SYSTEMROOT%\\SYSTEM32\\MsWSock.dll", V64), YES);
	assert_int_equal(ask(fx, "%windir%\\system32\\napinsp.dll", V64), YES);
	assert_int_equal(ask(fx, "%windir%/system32//./napinsp.dll", V64), YES);
	where_is(fx, "%SystemRoot%\\system32\\mswsock.dll", V64, "WINDOWS/System32/MSWSOCK.DLL");
	/* Win32 drops trailing dots and spaces */
	assert_int_equal(ask(fx, "%SystemRoot%\\system32\\mswsock.dll. ", V64), YES);
}

static void test_dllprobe__missing_is_no(void **state)
{
	fixture *fx = *state;
	assert_int_equal(ask(fx, "%SystemRoot%\\system32\\nlansp_c.dll", V64), NO);
	where_is(fx, "%SystemRoot%\\system32\\nlansp_c.dll", V64, "WINDOWS/System32/nlansp_c.dll");
	assert_int_equal(ask(fx, "%SystemRoot%\\nodir\\x.dll", V64), NO);
	where_is(fx, "%SystemRoot%\\nodir\\x.dll", V64, "WINDOWS/nodir");
	/* a folder where the DLL should be, a file where a folder should be */
	assert_int_equal(ask(fx, "%SystemRoot%\\system32\\folder.dll", V64), NO);
	assert_int_equal(ask(fx, "%SystemRoot%\\system32\\napinsp.dll\\x.dll", V64), NO);
}

static void test_dllprobe__absolute_paths(void **state)
{
	fixture *fx = *state;
	assert_int_equal(ask(fx, "C:\\Windows\\System32\\mswsock.dll", V64), YES);
	assert_int_equal(ask(fx, "c:\\windows\\system32\\vsocklib.dll", V64), NO);
	assert_int_equal(ask(fx, "C:\\Program Files\\Example\\EXLSP64.DLL", V64), YES);
	assert_int_equal(ask(fx, "C:\\outside.dll", V64), YES);
	/* other drives, UNC, current-drive and relative paths are not this disk */
	assert_int_equal(ask(fx, "D:\\Windows\\System32\\mswsock.dll", V64), UNKNOWN);
	assert_int_equal(ask(fx, "\\\\server\\share\\x.dll", V64), UNKNOWN);
	assert_int_equal(ask(fx, "\\\\?\\C:\\Windows\\System32\\mswsock.dll", V64), UNKNOWN);
	assert_int_equal(ask(fx, "\\Windows\\System32\\mswsock.dll", V64), UNKNOWN);
	assert_int_equal(ask(fx, "C:mswsock.dll", V64), UNKNOWN);
	assert_int_equal(ask(fx, "system32\\mswsock.dll", V64), UNKNOWN);
	assert_int_equal(ask(fx, "", V64), UNKNOWN);
	assert_int_equal(ask(fx, NULL, V64), UNKNOWN);
	assert_int_equal(ask(fx, "C:\\", V64), UNKNOWN);
}

static void test_dllprobe__never_leaves_the_root(void **state)
{
	fixture *fx = *state;
	/* outside.dll exists, but only by going up: never */
	assert_int_equal(ask(fx, "%SystemRoot%\\..\\outside.dll", V64), UNKNOWN);
	assert_int_equal(ask(fx, "C:\\Windows\\System32\\..\\..\\outside.dll", V64), UNKNOWN);
	assert_int_equal(ask(fx, "%SystemRoot%\\system32\\...\\mswsock.dll", V64), UNKNOWN);
	/* symlinks: to a file outside, to the host's root */
	assert_int_equal(ask(fx, "%SystemRoot%\\system32\\escape.dll", V64), UNKNOWN);
	assert_int_equal(ask(fx, "%SystemRoot%\\evil\\etc\\hostname", V64), UNKNOWN);
	assert_int_equal(ask(fx, "%SystemRoot%\\evil\\nothing-here", V64), UNKNOWN);
	/* streams, wildcards */
	assert_int_equal(ask(fx, "%SystemRoot%\\system32\\mswsock.dll:evil", V64), UNKNOWN);
	assert_int_equal(ask(fx, "%SystemRoot%\\system32\\*.dll", V64), UNKNOWN);
}

static void test_dllprobe__environment_variables(void **state)
{
	fixture *fx = *state;
	assert_int_equal(ask(fx, "%ProgramFiles%\\Example\\exlsp64.dll", V64), YES);
	assert_int_equal(ask(fx, "%ProgramFiles(x86)%\\Example\\exlsp.dll", V64), YES);
	assert_int_equal(ask(fx, "%ProgramW6432%\\Example\\exlsp64.dll", V32), YES);
	assert_int_equal(ask(fx, "%SystemDrive%\\outside.dll", V64), YES);
	/* a 32-bit process expands %ProgramFiles% to the (x86) folder */
	assert_int_equal(ask(fx, "%ProgramFiles%\\Example\\exlsp.dll", V32), YES);
	assert_int_equal(ask(fx, "%ProgramFiles%\\Example\\exlsp64.dll", V32), NO);
	where_is(fx, "%ProgramFiles%\\Example\\exlsp64.dll", V32, "Program Files (x86)/Example/exlsp64.dll");
	/* variables we cannot know offline, or whose folder is absent */
	assert_int_equal(ask(fx, "%USERPROFILE%\\x.dll", V64), UNKNOWN);
	assert_int_equal(ask(fx, "%ProgramData%\\x.dll", V64), UNKNOWN);
	assert_int_equal(ask(fx, "%CommonProgramFiles%\\x.dll", V64), UNKNOWN);
	assert_int_equal(ask(fx, "%SystemRoot%system32\\mswsock.dll", V64), UNKNOWN);
	assert_int_equal(ask(fx, "%SystemRoot%\\%X%\\mswsock.dll", V64), UNKNOWN);
	assert_int_equal(ask(fx, "%SystemRoot\\mswsock.dll", V64), UNKNOWN);
}

/* The 32-bit view on x64 means SysWOW64. */
static void test_dllprobe__wow64_view(void **state)
{
	fixture *fx = *state;
	assert_int_equal(ask(fx, "%SystemRoot%\\system32\\mswsock.dll", V32), YES);
	where_is(fx, "%SystemRoot%\\system32\\mswsock.dll", V32, "WINDOWS/SysWOW64/mswsock.dll");
	/* napinsp.dll is only in the 64-bit System32 */
	assert_int_equal(ask(fx, "%SystemRoot%\\system32\\napinsp.dll", V32), NO);
	where_is(fx, "%SystemRoot%\\system32\\napinsp.dll", V32, "WINDOWS/SysWOW64/napinsp.dll");
	assert_int_equal(ask(fx, "C:\\WINDOWS\\SYSTEM32\\mswsock.dll", V32), YES);
	where_is(fx, "C:\\WINDOWS\\SYSTEM32\\mswsock.dll", V32, "WINDOWS/SysWOW64/mswsock.dll");
	/* Sysnative is how a 32-bit process names the real System32 */
	assert_int_equal(ask(fx, "%SystemRoot%\\Sysnative\\napinsp.dll", V32), YES);
	/* a "system32" that is not the Windows directory's is left alone */
	assert_int_equal(ask(fx, "%ProgramFiles%\\system32\\x.dll", V32), NO);
}

static void test_dllprobe__bare_name(void **state)
{
	fixture *fx = *state;
	assert_int_equal(ask(fx, "mswsock.dll", V64), YES);
	where_is(fx, "mswsock.dll", V64, "WINDOWS/System32/MSWSOCK.DLL");
	assert_int_equal(ask(fx, "rootonly.dll", V64), YES);
	where_is(fx, "rootonly.dll", V64, "WINDOWS/rootonly.dll");
	assert_int_equal(ask(fx, "nothere.dll", V64), NO);
	where_is(fx, "nothere.dll", V64, "WINDOWS/System32/nothere.dll");
	assert_int_equal(ask(fx, "napinsp.dll", V32), NO);
	assert_int_equal(ask(fx, "escape.dll", V64), UNKNOWN);
}

static void test_dllprobe__root_derived_from_hive(void **state)
{
	fixture *fx = *state;
	char *hive = path_of(fx->disk, "WINDOWS/System32/config/SYSTEM");
	char *root = NULL;
	assert_int_equal(ws2fix_windows_root_from_hive(&root, hive), 0);
	assert_string_equal(root, fx->windows);
	ws2fix_dll_probe *p = NULL;
	assert_int_equal(ws2fix_dll_probe_offline_new(&p, root), 0);
	assert_int_equal(p->exists(p->payload, "%SystemRoot%\\system32\\mswsock.dll", V64), YES);
	ws2fix_dll_probe_free(p);
	free(root);
	free(hive);
}

static void test_dllprobe__construction_errors(void **state)
{
	fixture *fx = *state;
	ws2fix_dll_probe *p = (ws2fix_dll_probe *)1;
	assert_int_equal(ws2fix_dll_probe_offline_new(&p, "/nonexistent/Windows"), WS2FIX_ENOTFOUND);
	assert_null(p);
	/* a folder without System32 is not a Windows directory */
	assert_int_equal(ws2fix_dll_probe_offline_new(&p, fx->disk), WS2FIX_ENOTFOUND);
	assert_non_null(strstr(ws2fix_error_last()->message, "System32"));
	assert_int_equal(ws2fix_dll_probe_offline_new(&p, ""), WS2FIX_EINVALID);
	assert_int_equal(ws2fix_dll_probe_offline_new(&p, NULL), WS2FIX_EINVALID);
	assert_int_equal(ws2fix_dll_probe_offline_new_ex(&p, fx->windows, '1'), WS2FIX_EINVALID);
	/* trailing separators are fine */
	char *slashed = path_of(fx->windows, "/");
	assert_int_equal(ws2fix_dll_probe_offline_new(&p, slashed), 0);
	assert_int_equal(p->exists(p->payload, "C:\\Windows\\System32\\mswsock.dll", V64), YES);
	ws2fix_dll_probe_free(p);
	free(slashed);
	ws2fix_dll_probe_free(NULL);
#ifndef _WIN32
	assert_int_equal(ws2fix_dll_probe_live_new(&p), WS2FIX_ENOTBUILT);
	assert_null(p);
#endif
}

/* Windows on D: (told by the caller): C: paths are then another disk. */
static void test_dllprobe__other_system_drive(void **state)
{
	fixture *fx = *state;
	ws2fix_dll_probe *p = NULL;
	assert_int_equal(ws2fix_dll_probe_offline_new_ex(&p, fx->windows, 'd'), 0);
	assert_int_equal(p->exists(p->payload, "D:\\Windows\\System32\\mswsock.dll", V64), YES);
	assert_int_equal(p->exists(p->payload, "C:\\Windows\\System32\\mswsock.dll", V64), UNKNOWN);
	assert_int_equal(p->exists(p->payload, "%SystemRoot%\\System32\\mswsock.dll", V64), YES);
	ws2fix_dll_probe_free(p);
}

/* A 32-bit Windows: no SysWOW64, its only catalog is the 32-bit view. */
static void test_dllprobe__x86_windows(void **state)
{
	(void)state;
	char *disk = testutil_tempdir();
	mkdir_p(disk, "winnt/system32");
	mkdir_p(disk, "Program Files/Example");
	touch(disk, "winnt/system32/mswsock.dll");
	touch(disk, "Program Files/Example/exlsp.dll");
	char *win = path_of(disk, "winnt");
	ws2fix_dll_probe *p = NULL;
	assert_int_equal(ws2fix_dll_probe_offline_new(&p, win), 0);
	assert_int_equal(p->exists(p->payload, "%SystemRoot%\\System32\\MSWSOCK.dll", V32), YES);
	assert_int_equal(p->exists(p->payload, "C:\\WINNT\\system32\\mswsock.dll", V32), YES);
	assert_int_equal(p->exists(p->payload, "%ProgramFiles%\\Example\\exlsp.dll", V32), YES);
	/* these variables do not exist on 32-bit Windows */
	assert_int_equal(p->exists(p->payload, "%ProgramFiles(x86)%\\Example\\exlsp.dll", V32), UNKNOWN);
	assert_int_equal(p->exists(p->payload, "%ProgramW6432%\\Example\\exlsp.dll", V32), UNKNOWN);
	ws2fix_dll_probe_free(p);
	char cmd[4200];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", disk);
	assert_int_equal(system(cmd), 0);
	free(win);
	free(disk);
}

/* A case-sensitive copy with two names that differ only in case. */
static void test_dllprobe__ambiguous_case(void **state)
{
	(void)state;
	char *disk = testutil_tempdir();
	mkdir_p(disk, "Windows/System32");
	touch(disk, "Windows/System32/A.DLL");
	touch(disk, "Windows/System32/a.dll");
	char *win = path_of(disk, "Windows");
	ws2fix_dll_probe *p = NULL;
	assert_int_equal(ws2fix_dll_probe_offline_new(&p, win), 0);
	assert_int_equal(p->exists(p->payload, "%SystemRoot%\\System32\\a.dll", V32), YES);
	assert_int_equal(p->exists(p->payload, "%SystemRoot%\\System32\\A.dll", V32), UNKNOWN);

	char *sys = path_of(win, "System32");
	char *name = NULL;
	assert_int_equal(ws2fix__dir_find_ci(&name, sys, "A.dll"), WS2FIX_EEXISTS);
	assert_int_equal(ws2fix__dir_find_ci(&name, sys, "A.DLL"), WS2FIX_DIRENT_FILE);
	assert_string_equal(name, "A.DLL");
	free(name);
	assert_int_equal(ws2fix__dir_find_ci(&name, win, "SYSTEM32"), WS2FIX_DIRENT_DIR);
	assert_string_equal(name, "System32");
	free(name);
	assert_int_equal(ws2fix__dir_find_ci(&name, win, "nothing"), WS2FIX_ENOTFOUND);
	free(sys);
	ws2fix_dll_probe_free(p);
	char cmd[4200];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", disk);
	assert_int_equal(system(cmd), 0);
	free(win);
	free(disk);
}

static void test_dllprobe__name_folding(void **state)
{
	(void)state;
	assert_true(ws2fix__name_equal_ci("System32", "SYSTEM32"));
	assert_true(ws2fix__name_equal_ci("Sj\xC3\xA4lv", "SJ\xC3\x84LV"));           /* ä / Ä */
	assert_true(ws2fix__name_equal_ci("\xD0\xBF\xD1\x80\xD0\xBE", "\xD0\x9F\xD0\xA0\xD0\x9E")); /* про / ПРО */
	assert_true(ws2fix__name_equal_ci("\xC5\x82\xC3\xB3" "d\xC5\xBA", "\xC5\x81\xC3\x93" "D\xC5\xB9")); /* łódź */
	assert_false(ws2fix__name_equal_ci("stra\xC3\x9F" "e", "STRASSE"));           /* no ß -> SS */
	assert_false(ws2fix__name_equal_ci("a.dll", "a.dl"));
	assert_false(ws2fix__name_equal_ci("\xFF", "\xFE"));
}

static void test_dllprobe__root_from_hive_paths(void **state)
{
	(void)state;
	struct {
		const char *hive, *root;
	} ok[] = {
		{"/mnt/img/Windows/System32/config/SYSTEM", "/mnt/img/Windows"},
		{"/x/WINDOWS/system32/CONFIG/system", "/x/WINDOWS"},
		{"/x/WINNT//System32/config//SYSTEM", "/x/WINNT"},
		{"Windows/System32/config/SYSTEM", "Windows"},
		{"/System32/config/SYSTEM", "/"},
		{"System32/config/SYSTEM", "."},
	};
	for (size_t i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
		char *root = NULL;
		assert_int_equal(ws2fix_windows_root_from_hive(&root, ok[i].hive), 0);
		assert_string_equal(root, ok[i].root);
		free(root);
	}
	static const char *const bad[] = {
		"/x/Windows/System32/config/SOFTWARE", "/x/Windows/System32/config/SYSTEM/",
		"/x/Windows/config/SYSTEM", "/x/SYSTEM", "SYSTEM", "config/SYSTEM", "",
		"/x/Windows/System32/config/SYSTEM.LOG1", "/x/Windows/System32x/config/SYSTEM",
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		char *root = (char *)1;
		assert_int_equal(ws2fix_windows_root_from_hive(&root, bad[i]), WS2FIX_ENOTFOUND);
		assert_null(root);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_dllprobe__system_root_case_insensitive, setup_x64, teardown),
		cmocka_unit_test_setup_teardown(test_dllprobe__missing_is_no, setup_x64, teardown),
		cmocka_unit_test_setup_teardown(test_dllprobe__absolute_paths, setup_x64, teardown),
		cmocka_unit_test_setup_teardown(test_dllprobe__never_leaves_the_root, setup_x64, teardown),
		cmocka_unit_test_setup_teardown(test_dllprobe__environment_variables, setup_x64, teardown),
		cmocka_unit_test_setup_teardown(test_dllprobe__wow64_view, setup_x64, teardown),
		cmocka_unit_test_setup_teardown(test_dllprobe__bare_name, setup_x64, teardown),
		cmocka_unit_test_setup_teardown(test_dllprobe__root_derived_from_hive, setup_x64, teardown),
		cmocka_unit_test_setup_teardown(test_dllprobe__construction_errors, setup_x64, teardown),
		cmocka_unit_test_setup_teardown(test_dllprobe__other_system_drive, setup_x64, teardown),
		cmocka_unit_test(test_dllprobe__x86_windows),
		cmocka_unit_test(test_dllprobe__ambiguous_case),
		cmocka_unit_test(test_dllprobe__name_folding),
		cmocka_unit_test(test_dllprobe__root_from_hive_paths),
	};
	return testutil_result(cmocka_run_group_tests(tests, NULL, NULL));
}

/* SPDX-License-Identifier: MIT */
#define _POSIX_C_SOURCE 200809L
#include "testutil.h"

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

const char *testutil_shared_dir(void)
{
	const char *d = getenv("WS2FIX_SHARED_DIR");
	struct stat st;
	if (d && stat(d, &st) == 0 && S_ISDIR(st.st_mode))
		return d;
	return NULL;
}

static int skips;
static char first_skip[512];

void testutil_note_skip(const char *file, int line)
{
	if (skips++ == 0)
		snprintf(first_skip, sizeof(first_skip), "%s:%d", file, line);
}

int testutil_result(int failures)
{
	if (failures)
		return failures;
	if (!skips)
		return 0;
	const char *ci = getenv("CI");
	int under_ci = ci && strcmp(ci, "true") == 0;
	fprintf(stderr, "%s: %d test(s) skipped (the first at %s)%s\n", under_ci ? "FAIL" : "SKIP", skips,
		first_skip, under_ci ? ": nothing may be skipped under CI=true" : "");
	return under_ci ? 1 : 77;
}

static int required(void)
{
	const char *r = getenv("WS2FIX_REQUIRE_SHARED");
	return r && strcmp(r, "1") == 0;
}

char *testutil_join(const char *a, const char *sep, const char *b)
{
	size_t na = strlen(a), ns = strlen(sep), nb = strlen(b);
	char *p = malloc(na + ns + nb + 1);
	assert_non_null(p);
	memcpy(p, a, na);
	memcpy(p + na, sep, ns);
	memcpy(p + na + ns, b, nb + 1);
	return p;
}

char *testutil_shared_path(const char *rel)
{
	const char *d = testutil_shared_dir();
	if (!d) {
		if (required())
			fail_msg("shared data folder missing (WS2FIX_SHARED_DIR=%s)", getenv("WS2FIX_SHARED_DIR"));
		return NULL;
	}
	char *p = testutil_join(d, "/", rel);
	if (access(p, R_OK) != 0)
		fail_msg("shared file missing: %s", p);
	return p;
}

char *testutil_tempdir(void)
{
	const char *base = getenv("TMPDIR");
	char tmpl[4096];
	snprintf(tmpl, sizeof(tmpl), "%s/ws2fix-test-XXXXXX", base && *base ? base : "/tmp");
	char *d = mkdtemp(tmpl);
	assert_non_null(d);
	return strdup(d);
}

char *testutil_unxz(const char *rel_xz)
{
	char *src = testutil_shared_path(rel_xz);
	if (!src)
		return NULL;
	char *dir = testutil_tempdir();
	const char *base = strrchr(rel_xz, '/');
	base = base ? base + 1 : rel_xz;
	char *out = testutil_join(dir, "/", base);
	out[strlen(out) - 3] = '\0'; /* drop .xz */
	char cmd[8192];
	snprintf(cmd, sizeof(cmd), "xz -dc '%s' > '%s'", src, out);
	assert_int_equal(system(cmd), 0);
	free(src);
	free(dir);
	return out;
}

char *testutil_write_file(const char *dir, const char *name, const void *data, size_t len)
{
	char *p = testutil_join(dir, "/", name);
	FILE *f = fopen(p, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(data, 1, len, f), len);
	fclose(f);
	return p;
}

unsigned char *testutil_read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	long n = ftell(f);
	fseek(f, 0, SEEK_SET);
	unsigned char *d = malloc((size_t)n + 1);
	if (d && fread(d, 1, (size_t)n, f) != (size_t)n) {
		free(d);
		d = NULL;
	}
	fclose(f);
	if (d) {
		d[n] = 0;
		*len = (size_t)n;
	}
	return d;
}

char *testutil_source_path(const char *rel)
{
	const char *dir = getenv("WS2FIX_SOURCE_DIR");
	if (!dir)
		fail_msg("WS2FIX_SOURCE_DIR is not set");
	return testutil_join(dir, "/", rel);
}

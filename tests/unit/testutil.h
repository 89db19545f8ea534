/* SPDX-License-Identifier: MIT */
/* Helpers shared by the unit tests. */
#ifndef WS2FIX_TESTUTIL_H
#define WS2FIX_TESTUTIL_H

#include <stddef.h>

/** The shared data folder, or NULL; when NULL and WS2FIX_REQUIRE_SHARED=1
 *  the test must fail (testutil_shared_or_skip does that). */
const char *testutil_shared_dir(void);

/**
 * Path of a file under the shared folder, or NULL when the folder is absent
 * and not required (the caller then skips).  Fails the test when required
 * and missing.  Caller frees.
 */
char *testutil_shared_path(const char *rel);

/**
 * Skip the running test visibly.  cmocka's skip() alone counts as a pass
 * in the exit status; this also records the skip, so that testutil_result()
 * makes the executable exit 77 (CTest's SKIP_RETURN_CODE), or fail under
 * CI (CI=true), where nothing may be skipped.  A macro: skip() longjmps.
 */
#define testutil_skip() do { testutil_note_skip(__FILE__, __LINE__); skip(); } while (0)
void testutil_note_skip(const char *file, int line);

/** The exit status for main: @p failures (what cmocka_run_group_tests
 *  returned) when any test failed; else 77 when any test was skipped
 *  (1 under CI=true); else 0. */
int testutil_result(int failures);

/** Path of a file in the source tree (WS2FIX_SOURCE_DIR); caller frees. */
char *testutil_source_path(const char *rel);

/** Decompress NAME.xz (under shared/) into a fresh temp dir; caller frees the path. */
char *testutil_unxz(const char *rel_xz);

/** @p a, @p sep and @p b joined in a new string; caller frees. */
char *testutil_join(const char *a, const char *sep, const char *b);

/** A fresh temporary directory; caller frees. */
char *testutil_tempdir(void);

/** Write bytes to a new file in dir; returns the path (caller frees). */
char *testutil_write_file(const char *dir, const char *name, const void *data, size_t len);

/** Read a file whole; caller frees; *len set. NULL on failure. */
unsigned char *testutil_read_file(const char *path, size_t *len);

#endif

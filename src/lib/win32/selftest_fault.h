/* SPDX-License-Identifier: MIT */
/*
 * The self-test's link seam for fault injection.  Wine's providers never
 * fail or hang, so the Wine tests link a test double of these two
 * functions in front of the library (tests/wine/selftest_faults.c, built
 * into a test-only ws2fix-faults.exe).  What ships links
 * selftest_fault_none.c, where both do nothing: no shipped binary can be
 * told to fail a step.
 */
#ifndef WS2FIX_SELFTEST_FAULT_H
#define WS2FIX_SELFTEST_FAULT_H

#include "ws2fix/selftest.h"

/** Called as step @p name begins, on the worker thread; may never return
 *  (the watchdog then reports the step as hung). */
void ws2fix__selftest_fault_begin(const char *name);

/** Called with a finished step before it is published; may replace its
 *  verdict. */
void ws2fix__selftest_fault_end(ws2fix_selftest_step *st);

#endif

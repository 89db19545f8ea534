/* SPDX-License-Identifier: MIT */
/* The shipped side of the self-test's fault seam (selftest_fault.h): no
 * faults.  Alone in its file so that a test double linked before the
 * library replaces both functions. */
#include "selftest_fault.h"

void ws2fix__selftest_fault_begin(const char *name)
{
	(void)name;
}

void ws2fix__selftest_fault_end(ws2fix_selftest_step *st)
{
	(void)st;
}

/* SPDX-License-Identifier: MIT */
/*
 * Whether bytes are a registry hive file: "regf", the base block's
 * signature (msuhanov/regf, "Windows registry file format specification",
 * base block).  Built with or without hivex: a build that cannot read a
 * hive still says what it was given.
 */
#include <string.h>

#include "source_open.h"

int ws2fix__source_sniff_hive(const unsigned char *data, size_t len)
{
	return len >= 4 && memcmp(data, "regf", 4) == 0 ? 3 : 0;
}

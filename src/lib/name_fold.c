/* SPDX-License-Identifier: MIT */
/*
 * Case-insensitive comparison of file names as NTFS does it.  NTFS upper-
 * cases both names through a 1:1 table ($UpCase) and compares code units;
 * the table below covers the scripts Windows folder and DLL names are
 * written in.  A name outside it compares exactly, which at worst makes
 * the DLL check say "missing" for a differently-cased non-Latin name that
 * is present: so the common scripts are covered.
 */
#include <stdint.h>
#include <string.h>

#include "name_fold.h"
#include "../util/utf.h"

static uint32_t upcase(uint32_t c)
{
	if (c < 0x80)
		return (c >= 'a' && c <= 'z') ? c - 32 : c;
	/* Latin-1: à..þ except ÷; ÿ goes to Ÿ (U+0178). */
	if (c >= 0xE0 && c <= 0xFE && c != 0xF7)
		return c - 32;
	if (c == 0xFF)
		return 0x178;
	/* Latin Extended-A: mostly pairs (even upper, odd lower), with two
	 * stretches where the pairing is shifted by one (odd upper). */
	if (c >= 0x100 && c <= 0x17F) {
		if ((c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E))
			return (c & 1) ? c : c - 1;
		if (c == 0x131 || c == 0x138 || c == 0x149 || c == 0x17F)
			return c; /* dotless i, kra, 'n, long s: no simple pair */
		return (c & 1) ? c - 1 : c;
	}
	/* Greek: α..ω (except final sigma, which NTFS maps to Σ too). */
	if (c >= 0x3B1 && c <= 0x3C9)
		return c == 0x3C2 ? 0x3A3 : c - 32;
	if (c == 0x3CA || c == 0x3CB)
		return c - 32;
	if (c >= 0x3AC && c <= 0x3AF) {
		static const uint16_t tonos[4] = {0x386, 0x388, 0x389, 0x38A};
		return tonos[c - 0x3AC];
	}
	if (c >= 0x3CC && c <= 0x3CE) {
		static const uint16_t tonos2[3] = {0x38C, 0x38E, 0x38F};
		return tonos2[c - 0x3CC];
	}
	/* Cyrillic: а..я and ѐ..џ. */
	if (c >= 0x430 && c <= 0x44F)
		return c - 32;
	if (c >= 0x450 && c <= 0x45F)
		return c - 80;
	return c;
}

int ws2fix__name_equal_ci(const char *a, const char *b)
{
	const char *ae = a + strlen(a), *be = b + strlen(b);
	while (a < ae && b < be) {
		const char *a0 = a, *b0 = b;
		uint32_t x = ws2fix__utf8_next(&a, ae), y = ws2fix__utf8_next(&b, be);
		/* Bad UTF-8 decodes to U+FFFD: compare such bytes exactly so that
		 * two different broken names are not "equal". */
		if (x == 0xFFFD || y == 0xFFFD) {
			if ((size_t)(a - a0) != (size_t)(b - b0) || memcmp(a0, b0, (size_t)(a - a0)) != 0)
				return 0;
			continue;
		}
		if (upcase(x) != upcase(y))
			return 0;
	}
	return a == ae && b == be;
}

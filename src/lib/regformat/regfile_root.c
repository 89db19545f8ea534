/* SPDX-License-Identifier: MIT */
/*
 * Which key under HKEY_LOCAL_MACHINE a .reg file's keys are read from
 * (regformat.h).  regedit exports a hive loaded with File > Load Hive
 * under the name it was given ("HKEY_LOCAL_MACHINE\OFFLINE\ControlSet001\
 * Services\WinSock2"): what a technician gets from WinRE or a forensic copy.
 * HKEY_LOCAL_MACHINE\SYSTEM wins when the file has it (a full-machine export
 * also holds SOFTWARE and others, none of them ours); else the first root
 * with a control set, Select or Services right under it.
 */
#include <stdio.h>
#include <string.h>

#include "regformat.h"
#include "../../util/utf.h"

static int word_is(const char *s, const char *e, const char *word)
{
	size_t n = strlen(word);
	return (size_t)(e - s) == n && ws2fix__strncasecmp(s, word, n) == 0;
}

/* The first path component of [s, e): up to a backslash or the end. */
static const char *component_end(const char *s, const char *e)
{
	while (s < e && *s != '\\')
		s++;
	return s;
}

/* "ControlSetNNN", "CurrentControlSet", "Select" or "Services". */
static int looks_like_system(const char *s, const char *e)
{
	if (word_is(s, e, "CurrentControlSet") || word_is(s, e, "Select") || word_is(s, e, "Services"))
		return 1;
	if (e - s != 13 || ws2fix__strncasecmp(s, "ControlSet", 10) != 0)
		return 0;
	for (const char *p = s + 10; p < e; p++)
		if (*p < '0' || *p > '9')
			return 0;
	return 1;
}

/* One key line's root under HKEY_LOCAL_MACHINE: 1 and [*name, *name_end)
 * set, with *system 1 when what follows it looks like a SYSTEM hive. */
static int key_root(const char *s, const char *e, const char **name, const char **name_end, int *system)
{
	while (s < e && (*s == ' ' || *s == '\t'))
		s++;
	while (e > s && (e[-1] == '\r' || e[-1] == ' ' || e[-1] == '\t'))
		e--;
	if (s >= e || *s != '[' || e[-1] != ']')
		return 0;
	s++;
	e--;
	if (s < e && *s == '-')
		s++;
	const char *c = component_end(s, e);
	if (!word_is(s, c, "HKEY_LOCAL_MACHINE") && !word_is(s, c, "HKLM"))
		return 0;
	if (c >= e)
		return 0;
	*name = c + 1;
	*name_end = component_end(*name, e);
	if (*name_end == *name)
		return 0;
	const char *next = *name_end < e ? *name_end + 1 : e;
	*system = next < e && looks_like_system(next, component_end(next, e));
	return 1;
}

void ws2fix__regfile_choose_root(const char *text, size_t len, char *root, size_t rootsz)
{
	const char *p = text, *end = text + len;
	const char *cand = NULL, *cand_end = NULL;
	snprintf(root, rootsz, "SYSTEM");
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *le = nl ? nl : end;
		const char *n, *ne;
		int system = 0;
		if (key_root(p, le, &n, &ne, &system)) {
			if (word_is(n, ne, "SYSTEM"))
				return;
			if (system && !cand) {
				cand = n;
				cand_end = ne;
			}
		}
		p = nl ? nl + 1 : end;
	}
	if (cand && (size_t)(cand_end - cand) < rootsz) {
		memcpy(root, cand, (size_t)(cand_end - cand));
		root[cand_end - cand] = '\0';
	}
}

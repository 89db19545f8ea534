/* SPDX-License-Identifier: MIT */
/*
 * Provider paths in one comparable form, so that "is this the same DLL?"
 * has one answer in the diagnosis and in the repair.  A catalog writes the
 * Windows folder as %SystemRoot%, %windir% or C:\Windows, in any case, and
 * the 32-bit catalog may name System32 or SysWOW64 for the same file
 * (WOW64 redirects one to the other).  Nothing else is guessed: two
 * different folders are two DLLs.
 */
#include <stdio.h>
#include <string.h>

#include "ws2fix/providers.h"

/* The file name of a provider path (also for the OS detector and the
 * HijackThis reader, which sit below the diagnosis). */
const char *ws2fix_provider_dll_name(const char *path)
{
	const char *b = path;
	if (!path)
		return NULL;
	for (const char *p = path; *p; p++)
		if (*p == '\\' || *p == '/')
			b = p + 1;
	return b;
}

static char lower(char ch)
{
	return (ch >= 'A' && ch <= 'Z') ? (char)(ch + 32) : ch;
}

static int comp_is(const char *s, size_t n, const char *word)
{
	if (strlen(word) != n)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (lower(s[i]) != word[i])
			return 0;
	return 1;
}

static int system_folder(const char *s, size_t n)
{
	return comp_is(s, n, "system32") || comp_is(s, n, "syswow64") || comp_is(s, n, "system");
}

void ws2fix_provider_path_fold(char *out, size_t outsz, const char *path)
{
	if (!outsz)
		return;
	out[0] = '\0';
	if (!path)
		return;
	/* The components, at most 64 of them (a path field holds 260 bytes). */
	const char *comp[64];
	size_t len[64], n = 0;
	for (const char *p = path; n < 64;) {
		const char *e = p;
		while (*e && *e != '\\' && *e != '/')
			e++;
		comp[n] = p;
		len[n++] = (size_t)(e - p);
		if (!*e)
			break;
		p = e + 1;
	}
	size_t first = 0;
	int windows = 0;
	if (n >= 2 && (comp_is(comp[0], len[0], "%systemroot%") || comp_is(comp[0], len[0], "%windir%"))) {
		first = 1;
		windows = 1;
	} else if (n >= 3 && len[0] == 0 && comp_is(comp[1], len[1], "systemroot")) {
		first = 2;   /* \SystemRoot\System32\x.dll */
		windows = 1;
	} else if (n >= 4 && len[0] == 2 && comp[0][1] == ':' && len[1] && system_folder(comp[2], len[2])) {
		first = 2;   /* X:\<Windows folder>\System32\x.dll */
		windows = 1;
	}
	size_t o = 0;
	if (windows)
		o = (size_t)snprintf(out, outsz, "%%systemroot%%");
	for (size_t i = first; i < n && o + 1 < outsz; i++) {
		if (o && o + 1 < outsz)
			out[o++] = '\\';
		if (windows && i == first && comp_is(comp[i], len[i], "syswow64")) {
			o += (size_t)snprintf(out + o, outsz - o, "system32");
			continue;
		}
		for (size_t k = 0; k < len[i] && o + 1 < outsz; k++)
			out[o++] = lower(comp[i][k]);
	}
	if (o >= outsz)
		o = outsz - 1;
	out[o] = '\0';
}

int ws2fix_provider_same_dll(const char *a, const char *b)
{
	if (!a || !b || !*a || !*b)
		return 0;
	char fa[WS2FIX_PROVIDER_PATH_FOLD], fb[WS2FIX_PROVIDER_PATH_FOLD];
	/* A bare file name is searched for by Windows: it is the same DLL as
	 * any path ending in that name. */
	int bare = !strpbrk(a, "\\/") || !strpbrk(b, "\\/");
	ws2fix_provider_path_fold(fa, sizeof(fa), bare ? ws2fix_provider_dll_name(a) : a);
	ws2fix_provider_path_fold(fb, sizeof(fb), bare ? ws2fix_provider_dll_name(b) : b);
	return !strcmp(fa, fb);
}

void ws2fix_provider_command_fold(char *out, size_t outsz, const char *command)
{
	char tmp[WS2FIX_PROVIDER_PATH_FOLD];
	const char *s = command ? command : "";
	if (*s == '"')
		s++;
	if (!strncmp(s, "\\??\\", 4))
		s += 4;
	size_t n = 0;
	for (; s[n] && s[n] != '"' && n + 1 < sizeof(tmp); n++)
		tmp[n] = s[n];
	tmp[n] = '\0';
	ws2fix_provider_path_fold(out, outsz, tmp);
	for (char *p = out; *p; p++)
		if ((!strncmp(p, ".exe", 4) || !strncmp(p, ".sys", 4)) && (p[4] == '\0' || p[4] == ' ')) {
			p[4] = '\0';
			break;
		}
}

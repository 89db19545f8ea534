/* SPDX-License-Identifier: MIT */
/*
 * Offline provider DLL checks against a mounted Windows directory.
 *
 * The stored path ("%SystemRoot%\system32\mswsock.dll") is turned into a
 * starting folder on the host (the Windows directory or the drive root)
 * plus the components below it, and each component is looked up by listing
 * its directory case-insensitively, because NTFS seen from Linux is case-
 * sensitive while Windows is not.  The walk never follows a link and never
 * goes up, so a crafted catalog cannot make us report on files outside the
 * disk image.  Everything that cannot be answered for certain is UNKNOWN:
 * a false PROVIDER_DLL_MISSING would send a user to remove a healthy
 * provider.  The rules are listed in ws2fix/dllprobe.h and
 * docs/internals/DLL-CHECKS.md.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "ws2fix/dllprobe.h"
#include "ws2fix/errors.h"
#include "dllprobe_internal.h"
#include "../errors_internal.h"
#include "../platform_dir.h"
#include "../../util/buf.h"
#include "../../util/utf.h"

/* A stored path is at most 259 bytes; anything deeper is not a real one. */
#define MAX_COMPONENTS 64

typedef struct offline_probe {
	ws2fix__dll_probe_impl base;
	char *windows_dir;  /* as given, without trailing separators */
	char *drive_root;   /* its parent: the root of the system drive */
	char *windows_name; /* last component of windows_dir ("Windows", "WINNT") */
	char drive;         /* 'C'..'Z' */
	int wow64;          /* the Windows directory has SysWOW64: an x64 Windows */
} offline_probe;

typedef struct comp {
	const char *s;
	size_t n;
} comp;

/* Separators of the stored Windows path: Windows takes both. */
static int is_win_sep(char c)
{
	return c == '\\' || c == '/';
}

/* Separators of a path on the machine ws2fix runs on. */
static int is_host_sep(char c)
{
	return c == '/' || (WS2FIX_DIRSEP == '\\' && c == '\\');
}

static int ascii_eq_ci(const char *a, size_t an, const char *b)
{
	return strlen(b) == an && ws2fix__strncasecmp(a, b, an) == 0;
}

/* Append a component to a host path without doubling a separator. */
static void put_component(ws2fix_buf *b, const char *name)
{
	if (b->len == 0 || !is_host_sep(b->ptr[b->len - 1]))
		ws2fix__buf_putc(b, WS2FIX_DIRSEP);
	ws2fix__buf_puts(b, name);
}

/* One component as Win32 would open it: trailing dots and spaces are
 * dropped by the path normaliser ("x.dll." opens "x.dll").  NULL with
 * *bad set when the component is one we refuse (.., wildcards, streams). */
static char *clean_component(const comp *c, int *bad)
{
	*bad = 0;
	if (c->n == 2 && c->s[0] == '.' && c->s[1] == '.') {
		*bad = 1; /* going up could leave the disk: never */
		return NULL;
	}
	size_t n = c->n;
	while (n > 0 && (c->s[n - 1] == '.' || c->s[n - 1] == ' '))
		n--;
	if (n == 0) {
		*bad = 1;
		return NULL;
	}
	for (size_t i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)c->s[i];
		/* ':' would name an alternate data stream or a drive; the rest
		 * are not valid in Windows file names. */
		if (ch < 0x20 || strchr(":*?\"<>|", ch)) {
			*bad = 1;
			return NULL;
		}
	}
	return ws2fix__strndup(c->s, n);
}

/*
 * Walk from the Windows directory (start_windows) or the drive root through
 * `base` (folders an environment variable stands for: missing means we do
 * not know where the variable pointed, so UNKNOWN) and then `c`.
 */
static ws2fix_exists walk(const offline_probe *op, int start_windows, const char *const *base, size_t nbase,
	const comp *c, size_t n, enum ws2fix_view view, char **where)
{
	ws2fix_buf cur = WS2FIX_BUF_INIT;
	ws2fix_exists res = WS2FIX_EXISTS_UNKNOWN;
	int at_windows = start_windows, at_drive = !start_windows;
	size_t total = nbase + n;
	ws2fix__buf_puts(&cur, start_windows ? op->windows_dir : op->drive_root);

	for (size_t i = 0; i < total; i++) {
		int in_base = i < nbase, bad = 0, last = i + 1 == total;
		char *owned = NULL;
		const char *name;
		if (in_base) {
			name = base[i];
		} else {
			owned = clean_component(&c[i - nbase], &bad);
			if (!owned)
				break; /* refused or out of memory: UNKNOWN */
			name = owned;
		}
		/* WOW64 file system redirection, as a 32-bit process sees it. */
		if (!in_base && view == WS2FIX_VIEW_32 && op->wow64 && at_windows) {
			if (ws2fix__name_equal_ci(name, "System32"))
				name = "SysWOW64";
			else if (ws2fix__name_equal_ci(name, "Sysnative"))
				name = "System32";
		}
		char *found = NULL;
		int t = ws2fix__dir_find_ci(&found, ws2fix__buf_cstr(&cur), name);
		if (t == WS2FIX_ENOTFOUND) {
			if (!in_base) {
				res = WS2FIX_EXISTS_NO;
				put_component(&cur, name);
				if (where && !ws2fix__buf_oom(&cur))
					*where = ws2fix__buf_detach(&cur);
			}
			free(owned);
			break;
		}
		free(owned);
		if (t < 0 || t == WS2FIX_DIRENT_LINK || t == WS2FIX_DIRENT_OTHER) {
			free(found);
			break; /* unreadable, ambiguous, or leads who knows where */
		}
		put_component(&cur, found);
		int is_windows = at_drive && ws2fix__name_equal_ci(found, op->windows_name);
		free(found);
		if (last || t == WS2FIX_DIRENT_FILE) {
			/* A folder where the DLL should be, or a file where a folder
			 * should be: LoadLibrary fails, so it is missing.  Inside an
			 * environment variable's folders we stay unsure. */
			if (last && t == WS2FIX_DIRENT_FILE)
				res = WS2FIX_EXISTS_YES;
			else if (!in_base)
				res = WS2FIX_EXISTS_NO;
			if (where && res != WS2FIX_EXISTS_UNKNOWN && !ws2fix__buf_oom(&cur))
				*where = ws2fix__buf_detach(&cur);
			break;
		}
		at_windows = is_windows;
		at_drive = 0;
	}
	ws2fix__buf_free(&cur);
	return res;
}

/* Split the rest of a stored path at '\' and '/', dropping empty and "."
 * components.  @return the count, or -1 when there are too many. */
static int split(comp *out, const char *s)
{
	int n = 0;
	while (*s) {
		while (is_win_sep(*s))
			s++;
		if (!*s)
			break;
		const char *e = s;
		while (*e && !is_win_sep(*e))
			e++;
		if (!(e - s == 1 && *s == '.')) {
			if (n == MAX_COMPONENTS)
				return -1;
			out[n].s = s;
			out[n].n = (size_t)(e - s);
			n++;
		}
		s = e;
	}
	return n;
}

/* The folders a leading %VARIABLE% stands for.  @return 0 (start at the
 * Windows directory when *start_windows) or -1 for a variable we cannot
 * expand offline (a user's profile, a variable set by an installer). */
static int expand_var(const offline_probe *op, const char *var, size_t n, enum ws2fix_view view,
	int *start_windows, const char **base, size_t *nbase)
{
	/* A 32-bit process on x64 gets the (x86) folders for %ProgramFiles%
	 * and %CommonProgramFiles%: that is who loads the 32-bit catalog. */
	const char *pf = view == WS2FIX_VIEW_32 && op->wow64 ? "Program Files (x86)" : "Program Files";
	*start_windows = 0;
	*nbase = 0;
	if (ascii_eq_ci(var, n, "SystemRoot") || ascii_eq_ci(var, n, "windir")) {
		*start_windows = 1;
	} else if (ascii_eq_ci(var, n, "SystemDrive")) {
		/* the drive root itself */
	} else if (ascii_eq_ci(var, n, "ProgramFiles")) {
		base[(*nbase)++] = pf;
	} else if (ascii_eq_ci(var, n, "CommonProgramFiles")) {
		base[(*nbase)++] = pf;
		base[(*nbase)++] = "Common Files";
	} else if (ascii_eq_ci(var, n, "ProgramData")) {
		base[(*nbase)++] = "ProgramData";
	} else if (op->wow64 && (ascii_eq_ci(var, n, "ProgramFiles(x86)"))) {
		base[(*nbase)++] = "Program Files (x86)";
	} else if (op->wow64 && (ascii_eq_ci(var, n, "CommonProgramFiles(x86)"))) {
		base[(*nbase)++] = "Program Files (x86)";
		base[(*nbase)++] = "Common Files";
	} else if (op->wow64 && ascii_eq_ci(var, n, "ProgramW6432")) {
		base[(*nbase)++] = "Program Files";
	} else if (op->wow64 && ascii_eq_ci(var, n, "CommonProgramW6432")) {
		base[(*nbase)++] = "Program Files";
		base[(*nbase)++] = "Common Files";
	} else {
		/* The (x86)/W6432 variables do not exist on 32-bit Windows. */
		return -1;
	}
	return 0;
}

static ws2fix_exists locate(const offline_probe *op, const char *path, enum ws2fix_view view, char **where)
{
	comp c[MAX_COMPONENTS];
	const char *base[2];
	size_t nbase = 0;
	int start_windows = 0, n;
	const char *rest;

	if (!path || !*path || strlen(path) > 4 * WS2FIX_PATH_BYTES)
		return WS2FIX_EXISTS_UNKNOWN;
	if (path[0] == '%') {
		const char *e = strchr(path + 1, '%');
		if (!e || expand_var(op, path + 1, (size_t)(e - path - 1), view, &start_windows, base, &nbase) < 0)
			return WS2FIX_EXISTS_UNKNOWN;
		rest = e + 1;
		/* "%SystemRoot%system32" would expand to "C:\Windowssystem32". */
		if (*rest && !is_win_sep(*rest))
			return WS2FIX_EXISTS_UNKNOWN;
	} else if (isalpha((unsigned char)path[0]) && path[1] == ':') {
		/* Only the drive Windows is on is on this disk; "C:x.dll" is
		 * relative to a per-process current directory. */
		if (!is_win_sep(path[2]) || toupper((unsigned char)path[0]) != op->drive)
			return WS2FIX_EXISTS_UNKNOWN;
		rest = path + 2;
	} else if (is_win_sep(path[0])) {
		/* UNC, \\?\ and "\dir\x.dll" (current drive): not this disk for sure. */
		return WS2FIX_EXISTS_UNKNOWN;
	} else if (!strpbrk(path, "\\/") && !strchr(path, '%')) {
		/* A bare name: LoadLibrary's search finds system DLLs in System32,
		 * then the Windows directory.  The application folder and PATH
		 * also count, but a provider is loaded by every process, so one
		 * that only some folders hold is broken anyway. */
		comp bare[2] = {{"System32", 8}, {path, strlen(path)}};
		char *w1 = NULL, *w2 = NULL;
		ws2fix_exists r1 = walk(op, 1, NULL, 0, bare, 2, view, where ? &w1 : NULL);
		ws2fix_exists r2 = r1 == WS2FIX_EXISTS_YES ? r1 : walk(op, 1, NULL, 0, bare + 1, 1, view, where ? &w2 : NULL);
		ws2fix_exists r = r1 == WS2FIX_EXISTS_YES || r2 == WS2FIX_EXISTS_YES ? WS2FIX_EXISTS_YES
			: r1 == WS2FIX_EXISTS_NO && r2 == WS2FIX_EXISTS_NO ? WS2FIX_EXISTS_NO
			: WS2FIX_EXISTS_UNKNOWN;
		if (where) {
			/* Report the System32 location unless only the Windows
			 * directory has it. */
			if (r1 == WS2FIX_EXISTS_YES || r == WS2FIX_EXISTS_NO) {
				*where = w1;
				w1 = NULL;
			} else if (r == WS2FIX_EXISTS_YES) {
				*where = w2;
				w2 = NULL;
			}
			free(w1);
			free(w2);
		}
		return r;
	} else {
		return WS2FIX_EXISTS_UNKNOWN; /* relative to a current directory */
	}
	/* A variable left in the middle, or a second one: not expandable here. */
	if (strchr(rest, '%'))
		return WS2FIX_EXISTS_UNKNOWN;
	if ((n = split(c, rest)) <= 0)
		return WS2FIX_EXISTS_UNKNOWN;
	return walk(op, start_windows, base, nbase, c, (size_t)n, view, where);
}

static ws2fix_exists offline_exists(void *payload, const char *path, enum ws2fix_view view)
{
	ws2fix_exists r = locate(payload, path, view, NULL);
	/* Lookups that failed on the way are answers (UNKNOWN), not errors. */
	ws2fix_error_clear();
	return r;
}

ws2fix_exists ws2fix_dll_probe_offline_locate(char **where, const ws2fix_dll_probe *probe, const char *path,
	enum ws2fix_view view)
{
	if (where)
		*where = NULL;
	const ws2fix__dll_probe_impl *impl = (const ws2fix__dll_probe_impl *)probe;
	if (!probe || impl->magic != WS2FIX_PROBE_MAGIC_OFFLINE)
		return WS2FIX_EXISTS_UNKNOWN;
	ws2fix_exists r = locate((const offline_probe *)impl, path, view, where);
	ws2fix_error_clear();
	return r;
}

static void offline_destroy(ws2fix__dll_probe_impl *self)
{
	offline_probe *op = (offline_probe *)self;
	free(op->windows_dir);
	free(op->drive_root);
	free(op->windows_name);
	free(op);
}

void ws2fix_dll_probe_free(ws2fix_dll_probe *probe)
{
	ws2fix__dll_probe_impl *impl = (ws2fix__dll_probe_impl *)probe;
	if (!probe)
		return;
	/* A caller's own struct is not ours to free. */
	if (impl->magic == WS2FIX_PROBE_MAGIC_OFFLINE || impl->magic == WS2FIX_PROBE_MAGIC_LIVE)
		impl->destroy(impl);
}

/* The files every Windows from 2000 on has in System32, and ws2fix's own
 * concern: the NT layer, the Winsock DLL and the Microsoft provider
 * (mswsock.dll since NT 4.0).  A folder without them is not a Windows,
 * whatever its path says (a triage copy of config\SYSTEM alone). */
static const char *const core_files[] = {"ntdll.dll", "ws2_32.dll", "mswsock.dll"};

static int found_as(const char *dir, const char *name, int type)
{
	char *found = NULL;
	int t = ws2fix__dir_find_ci(&found, dir, name);
	free(found);
	return t < 0 && t != WS2FIX_ENOTFOUND ? t : t == type;
}

int ws2fix_windows_dir_check(ws2fix_windows_dir_facts *out, const char *windows_root)
{
	memset(out, 0, sizeof(*out));
	int t = ws2fix__path_type(windows_root);
	if (t == WS2FIX_ENOTFOUND)
		return ws2fix__fail(WS2FIX_ENOTFOUND, WS2FIX_ERRCLASS_OS, "%s does not exist", windows_root);
	if (t != WS2FIX_DIRENT_DIR && t != WS2FIX_DIRENT_LINK)
		return ws2fix__fail(WS2FIX_EINVALID, WS2FIX_ERRCLASS_INVALID, "%s is not a folder", windows_root);
	/* System32 looked up once, by the name it has on this disk. */
	out->missing = "System32";
	char *sysdir = NULL;
	int sys = ws2fix__dir_find_ci(&sysdir, windows_root, "System32");
	if (sys < 0 && sys != WS2FIX_ENOTFOUND)
		return sys;
	if (sys == WS2FIX_DIRENT_DIR) {
		ws2fix_buf p = WS2FIX_BUF_INIT;
		ws2fix__buf_puts(&p, windows_root);
		put_component(&p, sysdir);
		if (ws2fix__buf_oom(&p)) {
			free(sysdir);
			return ws2fix__oom();
		}
		out->missing = NULL;
		for (size_t i = 0; i < sizeof(core_files) / sizeof(core_files[0]) && !out->missing; i++) {
			int f = found_as(ws2fix__buf_cstr(&p), core_files[i], WS2FIX_DIRENT_FILE);
			if (f < 0) {
				ws2fix__buf_free(&p);
				free(sysdir);
				return f;
			}
			if (!f)
				out->missing = core_files[i];
		}
		ws2fix__buf_free(&p);
	}
	free(sysdir);
	out->is_windows = out->missing == NULL;
	int wow = found_as(windows_root, "SysWOW64", WS2FIX_DIRENT_DIR);
	out->has_syswow64 = wow > 0;
	ws2fix_error_clear();
	return 0;
}

int ws2fix_dll_probe_offline_new(ws2fix_dll_probe **out, const char *windows_root)
{
	return ws2fix_dll_probe_offline_new_ex(out, windows_root, 0);
}

int ws2fix_dll_probe_offline_new_ex(ws2fix_dll_probe **out, const char *windows_root, char system_drive)
{
	if (!out)
		return ws2fix__fail(WS2FIX_EINVALID, WS2FIX_ERRCLASS_INVALID, "no output pointer");
	*out = NULL;
	if (!windows_root || !*windows_root)
		return ws2fix__fail(WS2FIX_EINVALID, WS2FIX_ERRCLASS_INVALID, "no Windows directory given");
	char drive = system_drive ? (char)toupper((unsigned char)system_drive) : 'C';
	if (drive < 'A' || drive > 'Z')
		return ws2fix__fail(WS2FIX_EINVALID, WS2FIX_ERRCLASS_INVALID, "'%c' is not a drive letter",
			system_drive);

	offline_probe *op = calloc(1, sizeof(*op));
	if (!op)
		return ws2fix__oom();
	op->base.pub.exists = offline_exists;
	op->base.pub.payload = op;
	op->base.magic = WS2FIX_PROBE_MAGIC_OFFLINE;
	op->base.destroy = offline_destroy;
	op->drive = drive;

	int rc = 0;
	size_t len = strlen(windows_root);
	while (len > 1 && is_host_sep(windows_root[len - 1]) && windows_root[len - 2] != ':')
		len--;
	op->windows_dir = ws2fix__strndup(windows_root, len);
	if (!op->windows_dir) {
		rc = WS2FIX_ENOMEM;
		goto fail;
	}
	/* The parent is the drive root: "C:\Program Files" lives there. */
	size_t sep = len;
	while (sep > 0 && !is_host_sep(op->windows_dir[sep - 1]))
		sep--;
	const char *name = op->windows_dir + sep;
	if (!*name || strcmp(name, ".") == 0 || strcmp(name, "..") == 0 || (*name && name[strlen(name) - 1] == ':')) {
		rc = ws2fix__fail(WS2FIX_EINVALID, WS2FIX_ERRCLASS_INVALID,
			"give the Windows directory by its own name (e.g. /mnt/disk/Windows), not \"%s\"", windows_root);
		goto fail;
	}
	op->windows_name = ws2fix__strdup(name);
	if (sep == 0) {
		op->drive_root = ws2fix__strdup(".");
	} else {
		size_t plen = sep - 1; /* without the separator */
		while (plen > 0 && is_host_sep(op->windows_dir[plen - 1]))
			plen--;
		/* "/" and "C:\" keep their separator: they are roots. */
		if (plen == 0 || op->windows_dir[plen - 1] == ':')
			plen++;
		op->drive_root = ws2fix__strndup(op->windows_dir, plen);
	}
	if (!op->windows_name || !op->drive_root) {
		rc = WS2FIX_ENOMEM;
		goto fail;
	}

	char *found = NULL;
	int t = ws2fix__dir_find_ci(&found, op->windows_dir, "System32");
	free(found);
	if (t != WS2FIX_DIRENT_DIR) {
		if (t > 0 || t == WS2FIX_ENOTFOUND)
			rc = ws2fix__fail(WS2FIX_ENOTFOUND, WS2FIX_ERRCLASS_OS,
				"%s is not a Windows directory: it has no System32 folder", op->windows_dir);
		else
			rc = t;
		goto fail;
	}
	found = NULL;
	t = ws2fix__dir_find_ci(&found, op->windows_dir, "SysWOW64");
	free(found);
	op->wow64 = t == WS2FIX_DIRENT_DIR || t == WS2FIX_DIRENT_LINK;
	ws2fix_error_clear();
	*out = &op->base.pub;
	return 0;
fail:
	offline_destroy(&op->base);
	return rc;
}

static int root_from_path(char **out, const char *hive_path);

int ws2fix_windows_root_from_hive(char **out, const char *hive_path)
{
	int rc = root_from_path(out, hive_path);
	if (rc != WS2FIX_ENOTFOUND)
		return rc;
	/* "SYSTEM" run from inside System32\config, "./SYSTEM", a link:
	 * the folder it really is in decides, not how it was spelled. */
	char *full = ws2fix__platform_full_path(hive_path);
	if (full && strcmp(full, hive_path) != 0)
		rc = root_from_path(out, full);
	free(full);
	return rc;
}

static int root_from_path(char **out, const char *hive_path)
{
	static const char *const tail[3] = {"SYSTEM", "config", "System32"};
	if (!out || !hive_path)
		return ws2fix__fail(WS2FIX_EINVALID, WS2FIX_ERRCLASS_INVALID, "no hive path");
	*out = NULL;
	size_t end = strlen(hive_path), start = end;
	for (int k = 0; k < 3; k++) {
		start = end;
		while (start > 0 && !is_host_sep(hive_path[start - 1]))
			start--;
		if (start == end || !ascii_eq_ci(hive_path + start, end - start, tail[k]))
			return ws2fix__fail(WS2FIX_ENOTFOUND, WS2FIX_ERRCLASS_INVALID,
				"%s does not end in Windows/System32/config/SYSTEM", hive_path);
		if (k < 2) {
			if (start == 0)
				return ws2fix__fail(WS2FIX_ENOTFOUND, WS2FIX_ERRCLASS_INVALID,
					"%s does not end in Windows/System32/config/SYSTEM", hive_path);
			end = start;
			while (end > 0 && is_host_sep(hive_path[end - 1]))
				end--;
		}
	}
	/* `start` is where "System32" begins; DIR is everything before it. */
	size_t p = start;
	while (p > 0 && is_host_sep(hive_path[p - 1]))
		p--;
	char *dir;
	if (p == 0)
		dir = start > 0 ? ws2fix__strndup(hive_path, 1) : ws2fix__strdup(".");
	else if (hive_path[p - 1] == ':' && p < start)
		dir = ws2fix__strndup(hive_path, p + 1); /* "C:" + its separator */
	else
		dir = ws2fix__strndup(hive_path, p);
	if (!dir)
		return WS2FIX_ENOMEM;
	*out = dir;
	return 0;
}

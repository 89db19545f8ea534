/* SPDX-License-Identifier: MIT */
/*
 * The live registry backend: HKEY_LOCAL_MACHINE\SYSTEM of this machine
 * through the Win32 registry API.
 *
 * Every call passes KEY_WOW64_64KEY so that a 32-bit ws2fix.exe on x64 Windows
 * sees the same keys as the 64-bit system.  (HKLM\SYSTEM is a shared key, not
 * redirected, so today this changes nothing; it keeps us right if a key we
 * read ever is.)  Only calls that Windows XP SP3 has are used: RegDeleteTreeW
 * and RegDeleteKeyExW are Vista / XP x64 only, so delete_tree recurses with
 * RegDeleteKeyW itself.
 */
#include <windows.h>
#include <stdlib.h>
#include <string.h>

#include "../errors_internal.h"
#include "../win32/win32_util.h"
#include "ws2fix/sys/backend.h"
#include "source_open.h"

#ifndef KEY_WOW64_64KEY
#define KEY_WOW64_64KEY 0x0100
#endif

/* A registry key holds far fewer entries than this; the cap only keeps a
 * key that keeps growing while we enumerate it from looping forever. */
#define LIVE_MAX_NAMES 1000000u

typedef struct live_backend {
	ws2fix_backend parent;
	HKEY system; /* HKLM\SYSTEM, opened with write rights when writable */
} live_backend;

static live_backend *live_of(ws2fix_backend *be)
{
	return WS2FIX_CONTAINER_OF(be, live_backend, parent);
}

/* Map a registry status: not found and access denied have their own codes
 * because the front end reacts to them (absent key, "run as administrator"). */
static int reg_fail(LSTATUS st, const char *what, const char *path, const char *name)
{
	int code = ws2fix__win32_code(st);
	if (name)
		return ws2fix__fail_win32(code, st, "%s HKLM\\SYSTEM\\%s value \"%s\"", what, path, name);
	return ws2fix__fail_win32(code, st, "%s HKLM\\SYSTEM\\%s", what, path);
}

static LSTATUS open_path(live_backend *lb, const char *path, REGSAM access, HKEY *out)
{
	wchar_t *wpath = ws2fix__utf8_to_wide(path);
	if (!wpath)
		return ERROR_NOT_ENOUGH_MEMORY;
	LSTATUS st = RegOpenKeyExW(lb->system, wpath, 0, access | KEY_WOW64_64KEY, out);
	free(wpath);
	return st;
}

static int live_key_exists(ws2fix_backend *be, const char *path)
{
	HKEY h;
	LSTATUS st = open_path(live_of(be), path, KEY_QUERY_VALUE, &h);
	if (st == ERROR_SUCCESS) {
		RegCloseKey(h);
		return 1;
	}
	if (st == ERROR_FILE_NOT_FOUND)
		return 0;
	return reg_fail(st, "cannot open", path, NULL);
}

static int list_add(ws2fix_strlist *out, size_t *cap, const wchar_t *name, DWORD len)
{
	if (out->count >= LIVE_MAX_NAMES)
		return ws2fix__fail(WS2FIX_ECORRUPT, WS2FIX_ERRCLASS_WIN32,
			"a registry key lists more than %u names", LIVE_MAX_NAMES);
	if (out->count == *cap) {
		size_t ncap = *cap ? *cap * 2 : 16;
		char **items = realloc(out->items, ncap * sizeof(*items));
		if (!items)
			return ws2fix__oom();
		out->items = items;
		*cap = ncap;
	}
	char *s = ws2fix__wide_to_utf8(name, (int)len);
	if (!s)
		return WS2FIX_ENOMEM;
	out->items[out->count++] = s;
	return 0;
}

/* Enumerate subkey (values == 0) or value (values == 1) names in the order
 * the API gives them, which is the order Windows stores them in. */
static int enum_names(ws2fix_strlist *out, live_backend *lb, const char *path, int values)
{
	HKEY h;
	size_t cap = 0;
	out->items = NULL;
	out->count = 0;
	LSTATUS st = open_path(lb, path, KEY_QUERY_VALUE | KEY_ENUMERATE_SUB_KEYS, &h);
	if (st != ERROR_SUCCESS)
		return reg_fail(st, "cannot open", path, NULL);
	/* Key names are at most 255 characters, value names 16383; start
	 * small and grow on ERROR_MORE_DATA. */
	DWORD bufchars = 256;
	wchar_t *buf = malloc(bufchars * sizeof(wchar_t));
	int rc = buf ? 0 : ws2fix__oom();
	for (DWORD i = 0; rc == 0;) {
		DWORD n = bufchars;
		if (values)
			st = RegEnumValueW(h, i, buf, &n, NULL, NULL, NULL, NULL);
		else
			st = RegEnumKeyExW(h, i, buf, &n, NULL, NULL, NULL, NULL);
		if (st == ERROR_NO_MORE_ITEMS)
			break;
		if (st == ERROR_MORE_DATA && bufchars < 32768) {
			bufchars *= 4;
			wchar_t *nb = realloc(buf, bufchars * sizeof(wchar_t));
			if (!nb)
				rc = ws2fix__oom();
			else
				buf = nb;
			continue;
		}
		if (st != ERROR_SUCCESS) {
			rc = reg_fail(st, values ? "cannot list the values of" : "cannot list the subkeys of",
				path, NULL);
			break;
		}
		rc = list_add(out, &cap, buf, n);
		i++;
	}
	free(buf);
	RegCloseKey(h);
	if (rc < 0)
		ws2fix_strlist_clear(out);
	return rc;
}

static int live_subkeys(ws2fix_strlist *out, ws2fix_backend *be, const char *path)
{
	return enum_names(out, live_of(be), path, 0);
}

static int live_values(ws2fix_strlist *out, ws2fix_backend *be, const char *path)
{
	return enum_names(out, live_of(be), path, 1);
}

static int live_get_value(ws2fix_regvalue *out, ws2fix_backend *be, const char *path, const char *name)
{
	HKEY h;
	LSTATUS st = open_path(live_of(be), path, KEY_QUERY_VALUE, &h);
	if (st != ERROR_SUCCESS)
		return reg_fail(st, "cannot open", path, NULL);
	wchar_t *wname = ws2fix__utf8_to_wide(name);
	if (!wname) {
		RegCloseKey(h);
		return WS2FIX_ENOMEM;
	}
	/* Ask for the size, then read; if the value grew in between, ask
	 * again (a few times: someone may be rewriting it). */
	DWORD type = 0, size = 0;
	unsigned char *data = NULL;
	int rc = 0;
	for (int attempt = 0;; attempt++) {
		st = RegQueryValueExW(h, wname, NULL, &type, NULL, &size);
		if (st != ERROR_SUCCESS) {
			rc = reg_fail(st, "cannot read", path, name);
			break;
		}
		/* Two spare zero bytes so a string that lacks its terminator
		 * still ends; len below stays the stored size. */
		unsigned char *nd = realloc(data, (size_t)size + 2);
		if (!nd) {
			rc = ws2fix__oom();
			break;
		}
		data = nd;
		DWORD got = size;
		st = RegQueryValueExW(h, wname, NULL, &type, data, &got);
		if (st == ERROR_MORE_DATA && attempt < 8)
			continue;
		if (st != ERROR_SUCCESS) {
			rc = reg_fail(st, "cannot read", path, name);
			break;
		}
		size = got;
		break;
	}
	free(wname);
	RegCloseKey(h);
	if (rc < 0) {
		free(data);
		return rc;
	}
	data[size] = data[size + 1] = 0;
	out->type = type;
	out->data = data;
	out->len = size;
	return 0;
}

static int live_set_value(ws2fix_backend *be, const char *path, const char *name, uint32_t type,
	const void *data, size_t len)
{
	live_backend *lb = live_of(be);
	if (len > 0xFFFFFFFFu)
		return ws2fix__fail(WS2FIX_EINVALID, WS2FIX_ERRCLASS_INVALID, "value \"%s\" is too large", name);
	wchar_t *wpath = ws2fix__utf8_to_wide(path);
	wchar_t *wname = wpath ? ws2fix__utf8_to_wide(name) : NULL;
	if (!wpath || !wname) {
		free(wpath);
		return WS2FIX_ENOMEM;
	}
	HKEY h;
	/* RegCreateKeyExW opens the key, creating it and its parents when
	 * absent, as the set_value contract asks. */
	LSTATUS st = RegCreateKeyExW(lb->system, wpath, 0, NULL, REG_OPTION_NON_VOLATILE,
		KEY_SET_VALUE | KEY_WOW64_64KEY, NULL, &h, NULL);
	int rc = 0;
	if (st != ERROR_SUCCESS) {
		rc = reg_fail(st, "cannot open for writing", path, NULL);
	} else {
		st = RegSetValueExW(h, wname, 0, type, (const BYTE *)data, (DWORD)len);
		if (st != ERROR_SUCCESS)
			rc = reg_fail(st, "cannot write", path, name);
		RegCloseKey(h);
	}
	free(wpath);
	free(wname);
	return rc;
}

static int live_delete_value(ws2fix_backend *be, const char *path, const char *name)
{
	HKEY h;
	LSTATUS st = open_path(live_of(be), path, KEY_SET_VALUE, &h);
	if (st != ERROR_SUCCESS)
		return reg_fail(st, "cannot open for writing", path, NULL);
	wchar_t *wname = ws2fix__utf8_to_wide(name);
	int rc = 0;
	if (!wname) {
		rc = WS2FIX_ENOMEM;
	} else {
		st = RegDeleteValueW(h, wname);
		if (st != ERROR_SUCCESS)
			rc = reg_fail(st, "cannot delete", path, name);
	}
	free(wname);
	RegCloseKey(h);
	return rc;
}

static int live_create_key(ws2fix_backend *be, const char *path)
{
	live_backend *lb = live_of(be);
	wchar_t *wpath = ws2fix__utf8_to_wide(path);
	if (!wpath)
		return WS2FIX_ENOMEM;
	HKEY h;
	LSTATUS st = RegCreateKeyExW(lb->system, wpath, 0, NULL, REG_OPTION_NON_VOLATILE,
		KEY_QUERY_VALUE | KEY_WOW64_64KEY, NULL, &h, NULL);
	free(wpath);
	if (st != ERROR_SUCCESS)
		return reg_fail(st, "cannot create", path, NULL);
	RegCloseKey(h);
	return 0;
}

/* Delete @p leaf under the open key @p parent (whose path is @p path) with
 * everything below it.  All subkey names are read before anything is
 * deleted, because RegEnumKeyExW indexes shift under deletion. */
static int delete_tree_at(HKEY parent, const char *path, const wchar_t *leaf, int depth)
{
	/* The registry nests at most 512 levels deep. */
	if (depth > 512)
		return ws2fix__fail(WS2FIX_ECORRUPT, WS2FIX_ERRCLASS_WIN32,
			"HKLM\\SYSTEM\\%s nests too deeply to delete", path);
	HKEY h;
	LSTATUS st = RegOpenKeyExW(parent, leaf, 0,
		KEY_QUERY_VALUE | KEY_ENUMERATE_SUB_KEYS | KEY_WOW64_64KEY, &h);
	if (st != ERROR_SUCCESS)
		return reg_fail(st, "cannot open", path, NULL);
	ws2fix_strlist kids = {NULL, 0};
	size_t cap = 0;
	wchar_t name[256];
	int rc = 0;
	for (DWORD i = 0;; i++) {
		DWORD n = sizeof(name) / sizeof(name[0]);
		st = RegEnumKeyExW(h, i, name, &n, NULL, NULL, NULL, NULL);
		if (st == ERROR_NO_MORE_ITEMS)
			break;
		if (st != ERROR_SUCCESS) {
			rc = reg_fail(st, "cannot list the subkeys of", path, NULL);
			break;
		}
		rc = list_add(&kids, &cap, name, n);
		if (rc < 0)
			break;
	}
	for (size_t i = 0; rc == 0 && i < kids.count; i++) {
		size_t plen = strlen(path), klen = strlen(kids.items[i]);
		char *kpath = malloc(plen + klen + 2);
		wchar_t *wkid = ws2fix__utf8_to_wide(kids.items[i]);
		if (!kpath || !wkid) {
			rc = ws2fix__oom();
		} else {
			memcpy(kpath, path, plen);
			kpath[plen] = '\\';
			memcpy(kpath + plen + 1, kids.items[i], klen + 1);
			rc = delete_tree_at(h, kpath, wkid, depth + 1);
		}
		free(kpath);
		free(wkid);
	}
	ws2fix_strlist_clear(&kids);
	RegCloseKey(h);
	if (rc < 0)
		return rc;
	/* RegDeleteKeyW cannot take KEY_WOW64_64KEY; the parent handle was
	 * opened in the 64-bit view and SYSTEM is not redirected, so the
	 * name resolves to the key we enumerated. */
	st = RegDeleteKeyW(parent, leaf);
	if (st != ERROR_SUCCESS)
		return reg_fail(st, "cannot delete", path, NULL);
	return 0;
}

static int live_delete_tree(ws2fix_backend *be, const char *path)
{
	live_backend *lb = live_of(be);
	const char *slash = strrchr(path, '\\');
	if (!*path || (slash && !slash[1]))
		return ws2fix__fail(WS2FIX_EINVALID, WS2FIX_ERRCLASS_INVALID,
			"refusing to delete HKLM\\SYSTEM\\%s", path);
	HKEY parent = lb->system;
	int rc = 0;
	if (slash) {
		char *ppath = malloc((size_t)(slash - path) + 1);
		if (!ppath)
			return ws2fix__oom();
		memcpy(ppath, path, (size_t)(slash - path));
		ppath[slash - path] = '\0';
		LSTATUS st = open_path(lb, ppath, KEY_QUERY_VALUE | KEY_ENUMERATE_SUB_KEYS, &parent);
		if (st != ERROR_SUCCESS)
			rc = reg_fail(st, "cannot open", ppath, NULL);
		free(ppath);
		if (rc < 0)
			return rc;
	}
	wchar_t *wleaf = ws2fix__utf8_to_wide(slash ? slash + 1 : path);
	rc = wleaf ? delete_tree_at(parent, path, wleaf, 0) : WS2FIX_ENOMEM;
	free(wleaf);
	if (parent != lb->system)
		RegCloseKey(parent);
	return rc;
}

/* Live, CurrentControlSet is the control set in effect, whatever
 * Select\Current says; and Wine has only CurrentControlSet (no
 * ControlSet001 behind it, though it does write Select\Current = 1), so
 * reading ControlSet00N would find nothing there. */
static int live_default_controlset(const ws2fix_backend *be, char *buf, size_t bufsz)
{
	(void)be;
	if (bufsz < sizeof("CurrentControlSet"))
		return WS2FIX_ERROR;
	memcpy(buf, "CurrentControlSet", sizeof("CurrentControlSet"));
	return 0;
}

static void live_free(ws2fix_backend *be)
{
	if (!be)
		return;
	live_backend *lb = live_of(be);
	if (lb->system)
		RegCloseKey(lb->system);
	free(lb);
}

static int live_reopen(ws2fix_backend **out, const ws2fix_backend *be)
{
	(void)be;
	return ws2fix_backend_live_new(out, 0);
}

int ws2fix_backend_live_new(ws2fix_backend **out, int writable)
{
	*out = NULL;
	live_backend *lb = calloc(1, sizeof(*lb));
	if (!lb)
		return ws2fix__oom();
	/* Open SYSTEM with write rights up front when asked: without
	 * administrator rights this fails here, before anything is read or
	 * planned, which is when the user should hear about it. */
	REGSAM access = KEY_READ | KEY_WOW64_64KEY;
	if (writable)
		access |= KEY_WRITE;
	LSTATUS st = RegOpenKeyExW(HKEY_LOCAL_MACHINE, L"SYSTEM", 0, access, &lb->system);
	if (st != ERROR_SUCCESS) {
		free(lb);
		if (st == ERROR_ACCESS_DENIED && writable)
			return ws2fix__fail_win32(WS2FIX_EACCESS, st,
				"cannot open HKLM\\SYSTEM for writing (run as administrator)");
		return ws2fix__fail_win32(ws2fix__win32_code(st), st, "cannot open HKLM\\SYSTEM");
	}
	lb->parent.version = WS2FIX_BACKEND_VERSION;
	lb->parent.name = "live";
	lb->parent.caps = WS2FIX_CAP_LIVE | (writable ? WS2FIX_CAP_WRITE : 0);
	lb->parent.readonly = !writable;
	lb->parent.key_exists = live_key_exists;
	lb->parent.subkeys = live_subkeys;
	lb->parent.values = live_values;
	lb->parent.get_value = live_get_value;
	if (writable) {
		lb->parent.set_value = live_set_value;
		lb->parent.delete_value = live_delete_value;
		lb->parent.create_key = live_create_key;
		lb->parent.delete_tree = live_delete_tree;
	}
	lb->parent.default_controlset = live_default_controlset;
	lb->parent.reopen = live_reopen;
	lb->parent.free = live_free;
	*out = &lb->parent;
	return 0;
}

/* The live line of include/ws2fix/sources.def. */
int ws2fix__source_open_live(ws2fix_source_parts *out, const char *path, const ws2fix_open_options *open,
	ws2fix_lang lang, unsigned int flags)
{
	(void)path;
	(void)lang;
	(void)flags;
	return ws2fix_registry_open_live(&out->reg, open);
}

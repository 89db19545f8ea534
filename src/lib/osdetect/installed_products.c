/* SPDX-License-Identifier: MIT */
/*
 * ws2fix_installed_products_read(): the uninstall entries of a SOFTWARE
 * hive (ws2fix/installed.h).  This room reads the SOFTWARE hive for the OS
 * detector too, through the same bare backend.
 */
#include <stdlib.h>
#include <string.h>

#include "osdetect_internal.h"
#include "ws2fix/errors.h"
#include "ws2fix/installed.h"
#include "ws2fix/providers.h"
#include "../errors_internal.h"
#include "../../util/utf.h"

#define MAX_PRODUCTS 8192

static const char *const uninstall_keys[] = {
	"Microsoft\\Windows\\CurrentVersion\\Uninstall",
	"WOW6432Node\\Microsoft\\Windows\\CurrentVersion\\Uninstall",
};

static int add(ws2fix_installed_products *p, size_t *cap, src *s, const char *key, const char *sub, int *oom)
{
	char *path = ws2fix__os_join(key, sub);
	if (!path) {
		*oom = 1;
		return 0;
	}
	uint32_t system = 0;
	char *name = ws2fix__os_get_string(s, path, "DisplayName", oom);
	if (!name || !*name || (ws2fix__os_get_dword(s, path, "SystemComponent", &system, oom) && system == 1)) {
		free(name);
		free(path);
		return 0;
	}
	if (p->count == *cap) {
		size_t ncap = *cap ? *cap * 2 : 64;
		ws2fix_installed_product *n = realloc(p->items, ncap * sizeof(*n));
		if (!n) {
			free(name);
			free(path);
			*oom = 1;
			return 0;
		}
		p->items = n;
		*cap = ncap;
	}
	ws2fix_installed_product *it = &p->items[p->count++];
	it->key = ws2fix__strdup(sub);
	if (!it->key)
		*oom = 1;
	it->name = name;
	it->location = ws2fix__os_get_string(s, path, "InstallLocation", oom);
	it->uninstall = ws2fix__os_get_string(s, path, "UninstallString", oom);
	free(path);
	return 1;
}

int ws2fix_installed_products_read(ws2fix_installed_products **out, const char *software_path)
{
	*out = NULL;
	ws2fix_backend *be = NULL;
	int rc = ws2fix_backend_hive_new(&be, software_path, 0);
	if (rc < 0)
		return rc;
	ws2fix_installed_products *p = calloc(1, sizeof(*p));
	int oom = !p;
	size_t cap = 0;
	src s = {NULL, be};
	for (size_t k = 0; !oom && k < sizeof(uninstall_keys) / sizeof(uninstall_keys[0]); k++) {
		ws2fix_strlist subs = {0};
		if (ws2fix__os_src_subkeys(&s, &subs, uninstall_keys[k]) == WS2FIX_ENOMEM)
			oom = 1;
		for (size_t i = 0; !oom && i < subs.count && p->count < MAX_PRODUCTS; i++)
			add(p, &cap, &s, uninstall_keys[k], subs.items[i], &oom);
		ws2fix_strlist_clear(&subs);
	}
	be->free(be);
	if (oom) {
		ws2fix_installed_products_free(p);
		return ws2fix__oom();
	}
	*out = p;
	return 0;
}

static int starts_with(const char *s, const char *prefix)
{
	return !strncmp(s, prefix, strlen(prefix));
}

/* A stored folder (quotes dropped), folded, ending in '\\' like a
 * product folder. */
static void fold_folder(char *out, size_t outsz, const char *stored)
{
	char tmp[WS2FIX_PROVIDER_PATH_FOLD];
	const char *s = *stored == '"' ? stored + 1 : stored;
	size_t n = 0;
	for (; s[n] && s[n] != '"' && n + 1 < sizeof(tmp); n++)
		tmp[n] = s[n];
	tmp[n] = '\0';
	ws2fix_provider_path_fold(out, outsz, tmp);
	n = strlen(out);
	if (n && out[n - 1] != '\\' && n + 1 < outsz) {
		out[n] = '\\';
		out[n + 1] = '\0';
	}
}

const ws2fix_installed_product *ws2fix_installed_product_in(const ws2fix_installed_products *p, const char *folder)
{
	char f[WS2FIX_PROVIDER_PATH_FOLD];
	for (size_t pass = 0; p && folder && *folder && pass < 2; pass++)
		for (size_t i = 0; i < p->count; i++) {
			const char *stored = pass == 0 ? p->items[i].location : p->items[i].uninstall;
			if (!stored || !*stored)
				continue;
			if (pass == 0)
				fold_folder(f, sizeof(f), stored);
			else
				ws2fix_provider_command_fold(f, sizeof(f), stored);
			/* The product folder or a folder inside it; never a folder
			 * above it (an entry whose InstallLocation is "C:\Program
			 * Files" would otherwise own every product). */
			if (starts_with(f, folder))
				return &p->items[i];
		}
	return NULL;
}

void ws2fix_installed_products_free(ws2fix_installed_products *p)
{
	if (!p)
		return;
	for (size_t i = 0; i < p->count; i++) {
		free(p->items[i].key);
		free(p->items[i].name);
		free(p->items[i].location);
		free(p->items[i].uninstall);
	}
	free(p->items);
	free(p);
}

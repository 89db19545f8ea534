/* SPDX-License-Identifier: MIT */
/*
 * Removals that will not last: a provider whose product is still installed
 * comes back.  Products that install an LSP usually also install a service
 * or driver from their own folder, and many put the LSP back when that
 * service starts (or when the user opens the product).  So when a plan
 * removes a third-party provider whose product folder also holds a service
 * or driver of the SYSTEM hive (<control set>\Services\*\ImagePath), the
 * plan says so and names the product's uninstaller or an exclusion
 * instead.  The SOFTWARE hive's uninstall entries, when the session has
 * that hive (ws2fix/installed.h), name the product and its uninstaller
 * exactly: an entry whose InstallLocation, or whose uninstaller, lies in
 * the product folder comes first.  The product folder is the DLL's folder under Program Files
 * (its first folder there) or ProgramData, else the DLL's own folder; a
 * DLL in a Windows folder has none (the Windows folder holds every
 * service).
 */
#include <stdlib.h>
#include <string.h>

#include "repair_internal.h"
#include "ws2fix/providers.h"
#include "../../util/buf.h"

static int starts_with(const char *s, const char *prefix)
{
	return !strncmp(s, prefix, strlen(prefix));
}

/* The product folder of a folded DLL path, written into @p out; 0 when
 * there is none to look for. */
static int product_folder(char *out, size_t outsz, const char *folded)
{
	const char *last = strrchr(folded, '\\');
	if (!last || starts_with(folded, "%systemroot%") || last - folded < 4)
		return 0;
	static const char *const roots[] = {"\\program files (x86)\\", "\\program files\\", "\\programdata\\",
		"%programfiles%\\", "%programfiles(x86)%\\", "%programdata%\\"};
	const char *end = last;
	for (size_t i = 0; i < sizeof(roots) / sizeof(roots[0]); i++) {
		const char *r = strstr(folded, roots[i]);
		if (r && r < last) {
			const char *sub = r + strlen(roots[i]);
			const char *e = strchr(sub, '\\');
			if (e && e <= last)
				end = e;
			break;
		}
	}
	size_t n = (size_t)(end - folded);
	if (n + 2 > outsz)
		return 0;
	memcpy(out, folded, n);
	out[n] = '\\';
	out[n + 1] = '\0';
	return 1;
}

/* The first service or driver whose ImagePath lies under @p folder:
 * its key name (owned) and ImagePath (owned), or 0. */
static int find_service(rctx *c, const char *folder, char **name, char **image)
{
	ws2fix_buf k = WS2FIX_BUF_INIT;
	ws2fix__buf_printf(&k, "%s\\Services", ws2fix_registry_controlset(c->reg));
	ws2fix_strlist keys = {0};
	int found = 0;
	if (ws2fix__buf_oom(&k) || ws2fix_registry_subkeys(&keys, c->reg, ws2fix__buf_cstr(&k)) < 0) {
		ws2fix__buf_free(&k);
		return 0;
	}
	for (size_t i = 0; i < keys.count && !found; i++) {
		ws2fix_buf sk = WS2FIX_BUF_INIT;
		ws2fix__buf_printf(&sk, "%s\\%s", ws2fix__buf_cstr(&k), keys.items[i]);
		ws2fix_regvalue v = {0};
		char *text = NULL;
		if (!ws2fix__buf_oom(&sk) && ws2fix_registry_get_value(&v, c->reg, ws2fix__buf_cstr(&sk), "ImagePath") >= 0 &&
		    ws2fix_regvalue_string(&text, &v) >= 0) {
			char folded[WS2FIX_PROVIDER_PATH_FOLD];
			ws2fix_provider_command_fold(folded, sizeof(folded), text);
			if (starts_with(folded, folder)) {
				*name = ws2fix__repair_strdup(c, keys.items[i]);
				*image = text;
				text = NULL;
				found = *name != NULL;
			}
		}
		free(text);
		ws2fix_regvalue_clear(&v);
		ws2fix__buf_free(&sk);
	}
	ws2fix_strlist_clear(&keys);
	ws2fix__buf_free(&k);
	return found;
}

void ws2fix__repair_note_reinstalls(rctx *c)
{
	for (size_t prov = 0; prov < c->p->removed_count && !c->oom; prov++) {
		const char *path = NULL;
		for (size_t i = 0; i < c->p->removed_entry_count && !path; i++)
			if (c->p->removed_entries[i].provider == prov)
				path = c->p->removed_entries[i].path;
		char folded[WS2FIX_PROVIDER_PATH_FOLD], folder[WS2FIX_PROVIDER_PATH_FOLD];
		if (!path)
			continue;
		ws2fix_provider_path_fold(folded, sizeof(folded), path);
		char *name = NULL, *image = NULL;
		if (!product_folder(folder, sizeof(folder), folded))
			continue;
		const ws2fix_installed_product *ip = c->o->version >= 2 && c->o->installed
			? ws2fix_installed_product_in(c->o->installed, folder) : NULL;
		if (ip) {
			ws2fix_buf n = WS2FIX_BUF_INIT;
			ws2fix__buf_printf(&n, ws2fix__repair_msg(c, MSG_R_NOTE_UNINSTALL_ENTRY), c->p->removed_providers[prov], ip->name,
				ip->uninstall ? ip->uninstall : ws2fix__repair_msg(c, MSG_R_NO_UNINSTALL_STRING));
			ws2fix__repair_note(c, ws2fix__buf_cstr(&n));
			ws2fix__buf_free(&n);
			continue;
		}
		if (!find_service(c, folder, &name, &image))
			continue;
		const ws2fix_known_provider *kp = ws2fix_known_provider_lookup(path);
		ws2fix_buf n = WS2FIX_BUF_INIT;
		ws2fix__buf_printf(&n, ws2fix__repair_msg(c, MSG_R_NOTE_REINSTALLS), c->p->removed_providers[prov],
			kp && kp->vendor ? kp->vendor : ws2fix__repair_msg(c, MSG_R_THE_PRODUCT), name, image);
		ws2fix__repair_note(c, ws2fix__buf_cstr(&n));
		ws2fix__buf_free(&n);
		free(name);
		free(image);
	}
}

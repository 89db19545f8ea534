/* SPDX-License-Identifier: MIT */
/*
 * The programs a SOFTWARE hive says are installed: its uninstall entries
 * (Microsoft\Windows\CurrentVersion\Uninstall\*, and the 32-bit ones under
 * WOW6432Node), as "Programs and Features" lists them.  A repair plan that
 * removes a provider whose product is still listed here says the removal
 * will likely not last and names the product's own uninstaller (issue 26).
 */
#ifndef WS2FIX_INSTALLED_H
#define WS2FIX_INSTALLED_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct ws2fix_installed_product {
	char *key;         /**< the uninstall entry's key name */
	char *name;        /**< DisplayName */
	char *location;    /**< InstallLocation as stored, or NULL */
	char *uninstall;   /**< UninstallString as stored, or NULL */
} ws2fix_installed_product;

typedef struct ws2fix_installed_products {
	ws2fix_installed_product *items;
	size_t count;
} ws2fix_installed_products;

/**
 * Read the uninstall entries of the SOFTWARE hive at @p software_path.
 * Entries without a DisplayName, and system components
 * (SystemComponent = 1), are left out; at most 8192 are read.
 * @param[out] out  free with ws2fix_installed_products_free()
 * @return 0, WS2FIX_ENOMEM, or the error opening the hive
 */
int ws2fix_installed_products_read(ws2fix_installed_products **out, const char *software_path);

/**
 * The product installed in @p folder, a folded product folder ending in
 * '\\' (ws2fix_provider_path_fold): one whose InstallLocation is that
 * folder or inside it, else one whose uninstaller lies inside it.
 * @return the entry (borrowed), or NULL
 */
const ws2fix_installed_product *ws2fix_installed_product_in(const ws2fix_installed_products *p, const char *folder);

void ws2fix_installed_products_free(ws2fix_installed_products *p);

#ifdef __cplusplus
}
#endif
#endif

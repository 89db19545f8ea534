/* SPDX-License-Identifier: MIT */
/*
 * For backend implementers only: the vtable behind ws2fix_registry.
 *
 * A backend embeds `struct ws2fix_backend` as its first member and recovers
 * its own struct with WS2FIX_CONTAINER_OF.  Every slot takes full key paths
 * (UTF-8, backslash-separated, relative to the SYSTEM hive root) instead of
 * open handles: hivex node handles go stale after writes and RegEnumKeyExW
 * indexes shift on deletes, so a path is the only handle that survives an
 * edit.  Write slots may be NULL on read-only backends; the front end then
 * answers WS2FIX_EREADONLY.
 */
#ifndef WS2FIX_SYS_BACKEND_H
#define WS2FIX_SYS_BACKEND_H

#include <stddef.h>
#include <stdint.h>
#include "ws2fix/registry.h"

#ifdef __cplusplus
extern "C" {
#endif

#define WS2FIX_BACKEND_VERSION 1

#define WS2FIX_CONTAINER_OF(ptr, type, member) \
	((type *)(void *)((char *)(ptr) - offsetof(type, member)))

/* Capability bits (WS2FIX_CAP_*) are in ws2fix/registry.h: front ends ask
 * for them with ws2fix_registry_has(). */

typedef struct ws2fix_backend ws2fix_backend;

struct ws2fix_backend {
	unsigned int version; /**< WS2FIX_BACKEND_VERSION */
	const char *name;     /**< "hive", "reg", "live" */
	unsigned int caps;
	int readonly;

	/** 1 exists, 0 absent, <0 error. */
	int (*key_exists)(ws2fix_backend *be, const char *path);
	/** Stored order.  WS2FIX_ENOTFOUND when the key is absent. */
	int (*subkeys)(ws2fix_strlist *out, ws2fix_backend *be, const char *path);
	int (*values)(ws2fix_strlist *out, ws2fix_backend *be, const char *path);
	/** Raw type and bytes.  WS2FIX_ENOTFOUND when key or value is absent. */
	int (*get_value)(ws2fix_regvalue *out, ws2fix_backend *be, const char *path,
		const char *name);

	/* Write slots (NULL when read-only). */
	int (*set_value)(ws2fix_backend *be, const char *path, const char *name,
		uint32_t type, const void *data, size_t len);
	int (*delete_value)(ws2fix_backend *be, const char *path, const char *name);
	int (*create_key)(ws2fix_backend *be, const char *path);
	int (*delete_tree)(ws2fix_backend *be, const char *path);
	/** Optional: durable commit (see ws2fix_registry_commit). */
	int (*commit)(ws2fix_backend *be, const char *backup_path);

	/** Optional: 1 if the source is dirty (CAP_DIRTY). */
	int (*is_dirty)(const ws2fix_backend *be);
	/** Optional: what was done with an offline hive's transaction logs. */
	const ws2fix_hive_recovery *(*recovery)(const ws2fix_backend *be);
	/** Optional: the control set the source itself implies (.reg), or 0. */
	int (*default_controlset)(const ws2fix_backend *be, char *buf, size_t bufsz);
	/** Optional (.reg): the key under HKEY_LOCAL_MACHINE the export was
	 *  made from ("HKEY_LOCAL_MACHINE\\OFFLINE") and the control set key
	 *  "CurrentControlSet" stands for in it ("ControlSet002", "" when
	 *  Services sits right under that root, "CurrentControlSet" when the
	 *  export has it).  Borrowed; 0. */
	int (*export_origin)(const ws2fix_backend *be, const char **root, const char **controlset);

	/** A new read-only backend on the same source (ws2fix_registry_reopen). */
	int (*reopen)(ws2fix_backend **out, const ws2fix_backend *be);

	void (*free)(ws2fix_backend *be);
};

/** Constructors.  Each exists in every build and answers WS2FIX_ENOTBUILT
 *  when its backend is not compiled in. */
int ws2fix_backend_hive_new(ws2fix_backend **out, const char *path, int writable);
int ws2fix_backend_regfile_new(ws2fix_backend **out, const char *path, int writable);
int ws2fix_backend_live_new(ws2fix_backend **out, int writable);

/** Wrap a backend in a registry front end (takes ownership of @p be). */
int ws2fix_registry_from_backend(ws2fix_registry **out, ws2fix_backend *be,
	const char *path, const ws2fix_open_options *opts);

#ifdef __cplusplus
}
#endif
#endif

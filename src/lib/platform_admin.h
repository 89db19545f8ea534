/* SPDX-License-Identifier: MIT */
/*
 * Whether this process may write the live registry's SYSTEM keys (library
 * internal; implemented in src/lib/win32/ and src/lib/posix/).  Asked
 * before a live restore or repair writes anything, so that a user without
 * the rights is told so up front instead of after a half-done change.
 */
#ifndef WS2FIX_PLATFORM_ADMIN_H
#define WS2FIX_PLATFORM_ADMIN_H

/**
 * @return 1 when the process runs with administrator rights (Windows: its
 *         token is an enabled member of BUILTIN\Administrators, i.e.
 *         elevated under UAC), 0 when not.  POSIX builds have no live
 *         registry and offline files only need file permissions: 1.
 */
int ws2fix__platform_is_admin(void);

#endif

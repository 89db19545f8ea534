/* SPDX-License-Identifier: MIT */
/*
 * Which Windows a catalog belongs to: detected from a SOFTWARE hive, from
 * the SYSTEM hive alone, from the live system, or given with --os.
 */
#ifndef WS2FIX_OSINFO_H
#define WS2FIX_OSINFO_H

#include <stdint.h>
#include "ws2fix/catalog.h"
#include "ws2fix/registry.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Windows families whose Winsock catalogs differ (baselines are per family). */
typedef enum ws2fix_os_family {
	WS2FIX_OS_UNKNOWN = 0,
	WS2FIX_OS_2000,     /**< 5.0 */
	WS2FIX_OS_XP,       /**< 5.1, 32-bit */
	WS2FIX_OS_2003,     /**< 5.2: Server 2003 and XP x64 */
	WS2FIX_OS_VISTA,    /**< 6.0: Vista, Server 2008 */
	WS2FIX_OS_7,        /**< 6.1: 7, Server 2008 R2 */
	WS2FIX_OS_8,        /**< 6.2 / 6.3: 8, 8.1, Server 2012 (R2) */
	WS2FIX_OS_10        /**< 10.0: 10, 11, Server 2016-2025 */
} ws2fix_os_family;

typedef struct ws2fix_osinfo {
	ws2fix_os_family family;
	/** "2000", "xp", "xp-sp1".."xp-sp3", "xp64", "2003", "vista", "2008", "7",
	 *  "2008r2", "8", "8.1", "2012", "2012r2", "10", "11", "2016", "2019",
	 *  "2022", "2025", or "" (the spellings ws2fix_os_parse accepts) */
	char id[16];
	char name[64];          /**< "Windows 10", "Windows XP Professional x64 Edition" ... */
	uint32_t major, minor;  /**< 5.1, 10.0 ...; 0 when unknown */
	uint32_t build;         /**< 19041; 0 when unknown */
	int service_pack;       /**< -1 when unknown */
	char arch[8];           /**< "x86", "x64", "arm64", or "" */
	int is_server;          /**< 1 server, 0 client, -1 unknown */
	char detected_from[24]; /**< "software-hive", "system-hive", "live", "entries", "override" */
	char evidence[160];     /**< human-readable: which values decided it */
} ws2fix_osinfo;

/**
 * Detect the version of an offline or exported registry.  @p software may
 * be NULL.  Falls back step by step: SOFTWARE CurrentVersion; SYSTEM
 * Control\\Windows (CSDVersion, CSDBuildNumber), Setup\\Source OS keys,
 * DriverDatabase package versions; the catalog itself (@p cat, may be NULL).
 * Never fails for lack of evidence: family is then WS2FIX_OS_UNKNOWN.
 * @return 0 or an error code when a source could not be read
 */
int ws2fix_os_detect(ws2fix_osinfo *out, ws2fix_registry *system, ws2fix_registry *software,
	const ws2fix_catalog *cat);

/** The running system (RtlGetVersion, IsWow64Process2/GetNativeSystemInfo).
 *  @return 0 or WS2FIX_ENOTBUILT off Windows */
int ws2fix_os_detect_live(ws2fix_osinfo *out);

/**
 * Parse --os: "2000", "xp", "xp-sp1".."xp-sp3", "xp64", "2003", "vista",
 * "2008", "7", "2008r2", "8", "8.1", "2012", "2012r2", "10", "11", "2016",
 * "2019", "2022", "2025".  Case-insensitive; "win"/"windows" in front,
 * spaces or '-' between parts ("Windows 7", "xp sp2", "xpsp2", "2008 R2",
 * "win-8.1") and "xp-x64" are also accepted.  Fills family, id, name,
 * major/minor, the build the spelling implies (0 when it names several:
 * "10", "11", "7", "vista"), service_pack (xp-spN only, else -1), is_server;
 * detected_from is "override".  The architecture may follow the version
 * ("10-x64", "xp-sp2-x86", "11-arm64"; also "amd64", "32bit", "64bit"): arch
 * is then set, and a release never made for it is refused; a release made
 * for one architecture only (2000, XP: x86; XP x64, Server 2008 R2 and
 * later: x64) sets it by itself; otherwise arch stays "".
 * @return 0 or WS2FIX_EINVALID
 */
int ws2fix_os_parse(ws2fix_osinfo *out, const char *text);

/**
 * As ws2fix_os_detect, with the SOFTWARE hive given as a file (--software).
 * @p software_path NULL: a file named SOFTWARE (any case) beside the SYSTEM
 * hive is used when there is one, which is also what ws2fix_os_detect does
 * when @p software is NULL and @p system is an offline hive.  (The SOFTWARE
 * hive is read through the hive backend directly: it has no control set, so
 * ws2fix_registry_open_hive refuses it.)
 * @return 0, or WS2FIX_ENOTFOUND / WS2FIX_ECORRUPT / WS2FIX_ENOTBUILT when an
 *         explicitly named SOFTWARE hive cannot be opened
 */
int ws2fix_os_detect_hives(ws2fix_osinfo *out, ws2fix_registry *system, const char *software_path,
	const ws2fix_catalog *cat);

/**
 * The SOFTWARE hive beside a SYSTEM hive path ("SOFTWARE", "software" or
 * "Software" in the same directory).
 * @return a path (caller frees with free()), or NULL when there is none
 */
char *ws2fix_os_find_software_hive(const char *system_hive_path);

/**
 * Put --os over a detection: the version fields of @p override replace
 * those of @p info, the detected arch is kept when the override has none,
 * and detected_from becomes "override" (the evidence keeps what detection
 * had found, for the record).
 */
void ws2fix_os_apply_override(ws2fix_osinfo *info, const ws2fix_osinfo *override);

/**
 * Fill family, id and name from major, minor, build, service_pack,
 * is_server and arch (as ws2fix_os_detect names what it found; used by the
 * live detection).  The build is taken as exact, not as a base build.
 */
void ws2fix_os_fill_names(ws2fix_osinfo *info);

/** "2000", "xp", "2003", "vista", "7", "8", "10" or "unknown". */
const char *ws2fix_os_family_name(ws2fix_os_family f);

/**
 * The release name of a Windows 10/11/Server build from the project's table
 * (Microsoft's release-information pages): 16299 -> "1709", 19045 -> "22H2",
 * 22000 -> "21H2".  @return a static string, or NULL when not in the table
 */
const char *ws2fix_os_release_name(uint32_t build);

#ifdef __cplusplus
}
#endif
#endif

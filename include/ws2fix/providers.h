/* SPDX-License-Identifier: MIT */
/*
 * What ws2fix knows about Winsock providers, as data:
 *
 *  - the Microsoft providers each Windows family has (baselines), with the
 *    WSAPROTOCOL_INFOW field values Windows writes for them, taken from the
 *    real hives under shared/hives (docs/internals/BASELINES.md has the
 *    table with its evidence);
 *  - whether a provider is Microsoft's (ProviderId AND DLL AND directory);
 *  - third-party providers known to be legitimate, malicious or potentially
 *    unwanted (shared/spec/providers.md, with its source grades).
 *
 * Providers are identified by ProviderId, (family, type, protocol) and DLL
 * file name, never by display name: szProtocol is localized.
 *
 * Everything returned here is static, read-only data (borrowed, never freed).
 */
#ifndef WS2FIX_PROVIDERS_H
#define WS2FIX_PROVIDERS_H

#include <stddef.h>
#include <stdint.h>
#include "ws2fix/catalog.h"
#include "ws2fix/osinfo.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Microsoft ProviderIds (facts.md, every one seen in a real hive except
 * where BASELINES.md says otherwise).  Usable as ws2fix_guid initialisers. */
#define WS2FIX_GUID_MSAFD_TCPIP   {0xE70F1AA0u, 0xAB8Bu, 0x11CFu, {0x8C, 0xA3, 0x00, 0x80, 0x5F, 0x48, 0xA1, 0x92}}
#define WS2FIX_GUID_MSAFD_TCPIP6  {0xF9EAB0C0u, 0x26D4u, 0x11D0u, {0xBB, 0xBF, 0x00, 0xAA, 0x00, 0x6C, 0x34, 0xE4}}
#define WS2FIX_GUID_RSVP          {0x9D60A9E0u, 0x337Au, 0x11D0u, {0xBD, 0x88, 0x00, 0x00, 0xC0, 0x82, 0xE6, 0x9A}}
#define WS2FIX_GUID_MSAFD_NETBIOS {0x8D5F1830u, 0xC273u, 0x11CFu, {0x95, 0xC8, 0x00, 0x80, 0x5F, 0x48, 0xA1, 0x92}}
#define WS2FIX_GUID_BLUETOOTH     {0x9FC48064u, 0x7298u, 0x43E4u, {0xB7, 0xBD, 0x18, 0x1F, 0x20, 0x89, 0x79, 0x2A}}
#define WS2FIX_GUID_IRDA          {0x3972523Du, 0x2AF1u, 0x11D1u, {0xB6, 0x55, 0x00, 0x80, 0x5F, 0x36, 0x42, 0xCC}}
#define WS2FIX_GUID_HYPERV        {0x1234191Bu, 0x4BF7u, 0x4CA7u, {0x86, 0xE0, 0xDF, 0xD7, 0xC3, 0x2B, 0x54, 0x45}}
#define WS2FIX_GUID_AFUNIX        {0xA00943D9u, 0x9C2Eu, 0x4633u, {0x9B, 0x59, 0x00, 0x57, 0xA3, 0x16, 0x09, 0x94}}
/* Namespace providers. */
#define WS2FIX_GUID_NS_TCPIP      {0x22059D40u, 0x7E9Eu, 0x11CFu, {0xAE, 0x5A, 0x00, 0xAA, 0x00, 0xA7, 0x11, 0x2B}}
#define WS2FIX_GUID_NS_NTDS       {0x3B2637EEu, 0xE580u, 0x11CFu, {0xA5, 0x55, 0x00, 0xC0, 0x4F, 0xD8, 0xD4, 0xAC}}
#define WS2FIX_GUID_NS_NLA        {0x6642243Au, 0x3BA8u, 0x4AA6u, {0xBA, 0xA5, 0x2E, 0x0B, 0xD7, 0x1F, 0xDD, 0x83}}
#define WS2FIX_GUID_NS_EMAIL      {0x964ACBA2u, 0xB2BCu, 0x40EBu, {0x8C, 0x6A, 0xA6, 0xDB, 0x40, 0x16, 0x1C, 0xAE}}
#define WS2FIX_GUID_NS_PNRP_NAME  {0x03FE89CDu, 0x766Du, 0x4976u, {0xB9, 0xC1, 0xBB, 0x9B, 0xC4, 0x2C, 0x7B, 0x4D}}
#define WS2FIX_GUID_NS_PNRP_CLOUD {0x03FE89CEu, 0x766Du, 0x4976u, {0xB9, 0xC1, 0xBB, 0x9B, 0xC4, 0x2C, 0x7B, 0x4D}}
#define WS2FIX_GUID_NS_BLUETOOTH  {0x06AA63E0u, 0x7D60u, 0x41FFu, {0xAF, 0xB2, 0x3E, 0xE6, 0xD2, 0xD9, 0x39, 0x2D}}

/** Baseline row flags. */
enum {
	/** One entry pair per NetBIOS LANA: protocol is -LANA (0x80000000 for
	 *  LANA 0), so any protocol <= 0 matches and the row may repeat. */
	WS2FIX_BASELINE_PER_LANA = 1u << 0,
	/** Only on 32-bit Windows (the NetBIOS provider: Microsoft documents
	 *  AF_NETBIOS as supported on 32-bit Windows only). */
	WS2FIX_BASELINE_X86_ONLY = 1u << 1
};

/**
 * The WSAPROTOCOL_INFOW field values Windows writes for one Microsoft base
 * entry, read field by field from the real hives named in `evidence`.
 * x64 hives carry the same values in Catalog_Entries and Catalog_Entries64.
 * dwCatalogEntryId and ChainEntries are not here: Windows allocates ids from
 * Next_Catalog_Entry_ID, and a base entry has ChainLen 1 with slot 0 zero.
 */
typedef struct ws2fix_baseline_defaults {
	const char *library_path;        /**< LibraryPath as stored, e.g. "%SystemRoot%\\system32\\mswsock.dll" */
	uint32_t service_flags[4];       /**< dwServiceFlags1..4 */
	uint32_t provider_flags;         /**< dwProviderFlags (RAW: PFL_HIDDEN|PFL_MATCHES_PROTOCOL_ZERO) */
	int32_t version;                 /**< iVersion */
	int32_t max_sockaddr, min_sockaddr;
	int32_t protocol_max_offset;
	int32_t network_byte_order;
	int32_t security_scheme;
	uint32_t message_size;
	uint32_t provider_reserved;
	const char *protocol_name;       /**< szProtocol as stored (an indirect "@dll,-id" since 7); NULL: built per adapter */
	const char *protocol_name_value; /**< the "ProtocolName" REG_SZ beside it (7+), NULL when Windows writes none */
	const char *evidence;            /**< the hive(s) the values were read from */
} ws2fix_baseline_defaults;

/** One Microsoft protocol provider of a family. */
typedef struct ws2fix_baseline_protocol {
	const char *what;              /**< English label for messages ("MSAFD Tcpip [TCP/IP]"); never matched on */
	ws2fix_guid provider_id;
	int32_t address_family, socket_type, protocol;
	unsigned int flags;            /**< WS2FIX_BASELINE_* */
	const char *dlls;              /**< accepted DLL file names, '|'-separated, lower case ("rsvpsp.dll") */
	int required;                  /**< the family ALWAYS has it, whatever is installed (see ws2fix_baseline_protocol_required) */
	int default_install;           /**< present in a default installation (every sample has it) but removable */
	uint32_t min_build, max_build; /**< the row applies to builds in [min, max]; 0 = no bound */
	const char *transport;         /**< Winsock\Parameters\Transports name(s) that provide it, '|'-separated; NULL: not announced there */
	const char *evidence;          /**< hive(s) that show it, or "documented, not seen: <source>" */
	const ws2fix_baseline_defaults *defaults; /**< NULL when no real sample gives the field values */
} ws2fix_baseline_protocol;

/** One Microsoft namespace provider of a family, with the values Windows writes. */
typedef struct ws2fix_baseline_namespace {
	const char *what;
	ws2fix_guid provider_id;
	uint32_t namespace_id;         /**< SupportedNameSpace (NS_DNS 12, NS_NLA 15 ...) */
	const char *dlls;              /**< accepted DLL file names, '|'-separated, lower case */
	int required;
	int default_install;
	uint32_t min_build, max_build;
	const char *evidence;
	/* Defaults (NULL library_path: no real sample gives them). */
	const char *library_path;      /**< LibraryPath (REG_SZ holding %SystemRoot%) */
	const char *display_string;    /**< DisplayString (indirect "@dll,-id" on 7+) */
	uint32_t version;              /**< Version */
	int has_provider_info;         /**< Windows 7+ write an empty REG_BINARY ProviderInfo */
} ws2fix_baseline_namespace;

/**
 * The protocol baseline of a family (every row, required or not).
 * @return a static array, or NULL with *count = 0 for WS2FIX_OS_UNKNOWN
 */
const ws2fix_baseline_protocol *ws2fix_baseline_protocols(ws2fix_os_family f, size_t *count);

/** The namespace baseline of a family.  As above. */
const ws2fix_baseline_namespace *ws2fix_baseline_namespaces(ws2fix_os_family f, size_t *count);

/**
 * Whether this Windows must have the row: `required`, and @p os inside the
 * row's build range and architecture.  A bound that depends on an unknown
 * build (os->build == 0) or arch ("") is not enforced: unknown never makes a
 * provider required.  @p os may be NULL (then: `required` with no bounds).
 */
int ws2fix_baseline_protocol_required(const ws2fix_baseline_protocol *b, const ws2fix_osinfo *os);
int ws2fix_baseline_namespace_required(const ws2fix_baseline_namespace *b, const ws2fix_osinfo *os);

/**
 * Whether a catalog item is this baseline provider: same ProviderId, same
 * (family, type, protocol) (any protocol <= 0 for per-LANA rows) and a DLL
 * file name the row accepts.  The directory is not checked here.
 */
int ws2fix_baseline_protocol_matches(const ws2fix_baseline_protocol *b, const ws2fix_protocol_item *item);

/** Same for a namespace entry (ProviderId, SupportedNameSpace, DLL).  An
 *  entry without LibraryPath (netsh text gives none) matches on the first two. */
int ws2fix_baseline_namespace_matches(const ws2fix_baseline_namespace *b, const ws2fix_namespace_entry *e);

/**
 * Whether a provider is Microsoft's: @p id is a Microsoft ProviderId
 * (protocol or namespace) AND @p path names a Microsoft provider DLL
 * (mswsock.dll, rsvpsp.dll, winrnr.dll, NLAapi.dll ...) in a system
 * directory (%SystemRoot% / %windir% / X:\<dir>, then System32 or SysWOW64).
 * A third-party DLL registered under a Microsoft GUID is not Microsoft, nor
 * is mswsock.dll outside the system directory.  @p path NULL (netsh text
 * gives no path for namespace providers) decides by the GUID alone.
 * @return 1 or 0
 */
int ws2fix_provider_is_microsoft(const ws2fix_guid *id, const char *path);

/** The file name part of a provider path (after the last '\\' or '/').  Borrowed from @p path. */
const char *ws2fix_provider_dll_name(const char *path);

/** Room for a folded provider path (a path field is 260 bytes; folding never grows it by much). */
#define WS2FIX_PROVIDER_PATH_FOLD 600

/**
 * A provider path in the form two paths are compared in: lower case, '\\'
 * between components, the Windows folder (%SystemRoot%, %windir%,
 * \SystemRoot, or X:\<dir> before System32/SysWOW64/System) written
 * "%systemroot%", and SysWOW64 right under it written system32 (WOW64 loads
 * one for the other).  Writes at most @p outsz bytes, NUL-terminated.
 */
void ws2fix_provider_path_fold(char *out, size_t outsz, const char *path);

/**
 * Whether two provider paths name the same DLL: equal once folded
 * (ws2fix_provider_path_fold); when one is a bare file name (Windows
 * searches for it), equal file names.  An empty or NULL path is no DLL.
 * @return 1 or 0
 */
int ws2fix_provider_same_dll(const char *a, const char *b);

/**
 * The program of a command line as stored in the registry (a service's
 * ImagePath, an uninstall entry's UninstallString), folded like a provider
 * path (ws2fix_provider_path_fold): quotes and a leading "\??\" dropped,
 * and the path ends at ".exe" or ".sys" followed by the end or a space
 * (its arguments are not part of it).  Writes at most @p outsz bytes.
 */
void ws2fix_provider_command_fold(char *out, size_t outsz, const char *command);

/** How a third-party provider is labelled. */
typedef enum ws2fix_provider_label {
	WS2FIX_LABEL_UNKNOWN = 0,
	WS2FIX_LABEL_KNOWN_GOOD,   /**< a legitimate product (antivirus, VPN, VMware ...) */
	WS2FIX_LABEL_KNOWN_BAD,    /**< malicious or adware LSP */
	WS2FIX_LABEL_PUP           /**< potentially unwanted (Lavasoft Web Companion) */
} ws2fix_provider_label;

/** "unknown", "known-good", "known-bad", "potentially-unwanted" (JSON `label`). */
const char *ws2fix_provider_label_name(ws2fix_provider_label l);

/** What a known provider is (include/ws2fix/providers.def, CATEGORY). */
typedef enum ws2fix_provider_category {
	WS2FIX_KB_CAT_UNKNOWN = 0,     /**< a source lists the name, but says not what it is */
	WS2FIX_KB_CAT_WINDOWS,         /**< a DLL Windows ships */
	WS2FIX_KB_CAT_VPN,
	WS2FIX_KB_CAT_PROXY,
	WS2FIX_KB_CAT_DLP,
	WS2FIX_KB_CAT_GAME_ACCELERATOR,
	WS2FIX_KB_CAT_ANTIVIRUS_FIREWALL,
	WS2FIX_KB_CAT_PARENTAL_FILTER,
	WS2FIX_KB_CAT_ADWARE_PUP,
	WS2FIX_KB_CAT_MALWARE,
	WS2FIX_KB_CAT_COPIED_SAMPLE,   /**< a GUID copied from a public sample LSP */
	WS2FIX_KB_CAT_OTHER
} ws2fix_provider_category;

/** "vpn", "proxy", "dlp", "game-accelerator", ... (docs/providers.md). */
const char *ws2fix_provider_category_name(ws2fix_provider_category c);

/** What to do about a known provider (texts: MSG_KB_ADVICE_* in messages_diagnose.def). */
typedef enum ws2fix_provider_advice {
	WS2FIX_KB_ADVICE_KEEP = 0,     /**< part of Windows or harmless: leave it */
	WS2FIX_KB_ADVICE_EXCLUDE,      /**< exclude the programs that suffer, or use the product's setting */
	WS2FIX_KB_ADVICE_UPDATE,       /**< update the product */
	WS2FIX_KB_ADVICE_UNINSTALL,    /**< remove the product with its own uninstaller */
	WS2FIX_KB_ADVICE_REMOVE,       /**< malicious: remove it (repair, then a malware scan) */
	WS2FIX_KB_ADVICE_CHECK         /**< find out what installed it before deciding */
} ws2fix_provider_advice;

/** Row flags (providers.def FLAGS). */
enum {
	WS2FIX_KB_NON_IFS = 1u << 0,     /**< its TCP/UDP entries lack XP1_IFS_HANDLES (seen in a public catalog) */
	WS2FIX_KB_REREGISTERS = 1u << 1, /**< the product puts its LSP back when it is removed */
	WS2FIX_KB_MANAGED = 1u << 2,     /**< centrally managed: the user cannot remove it */
	WS2FIX_KB_WINDOWS_DLL = 1u << 3  /**< a DLL Windows ships: counts only in a system folder */
};

/** One row of the provider knowledge base (include/ws2fix/providers.def). */
typedef struct ws2fix_known_provider {
	const char *pattern;  /**< DLL file name, lower case; '*' matches any run of characters; NULL: found by path or GUID only */
	const char *path_pattern; /**< pattern over the folded path (ws2fix_provider_path_fold), or NULL */
	const char *guids;    /**< the provider's own ProviderIds, "{...}|{...}", or NULL */
	const char *chain_guids; /**< its chain entries' ProviderIds, or NULL */
	const char *vendor;   /**< "Citrix", "Microsoft" ...; NULL when the source names none */
	const char *product;  /**< product or component, or NULL */
	ws2fix_provider_category category;
	unsigned int flags;   /**< WS2FIX_KB_* */
	ws2fix_provider_label label;
	char grade;           /**< 'V' primary source, 'C' community source, 'U' unconfirmed (providers.md) */
	ws2fix_provider_advice advice;
	const char *source;   /**< where the entry comes from (never NULL or empty) */
	int microsoft;        /**< a DLL Windows itself ships (mswsock.dll, winrnr.dll ...) */
} ws2fix_known_provider;

/**
 * Look a provider DLL up by file name and path (case-insensitive, '*'
 * wildcards).  A name alone never makes a provider safe: entries for
 * Microsoft DLL names are returned only when @p dll_path is in a system
 * directory (an mswsock.dll elsewhere is unknown), and a known name whose
 * DLL is missing is still broken (that is PROVIDER_DLL_MISSING's business,
 * not this label's).  Known-bad names match wherever the DLL sits.
 * Rows found only by GUID are not returned (ws2fix_known_provider_match).
 * @return the entry (static), or NULL when the name is not known
 */
const ws2fix_known_provider *ws2fix_known_provider_lookup(const char *dll_path);

/**
 * The row that names a provider entry: a row listing @p id (its own or a
 * chain GUID) first, whatever the path; then the DLL name and path as
 * ws2fix_known_provider_lookup(); then a copied sample GUID.  @p id or
 * @p dll_path may be NULL.
 */
const ws2fix_known_provider *ws2fix_known_provider_match(const char *dll_path, const ws2fix_guid *id);

/** The copied-sample row listing @p id, or NULL (COPIED_SAMPLE_GUID). */
const ws2fix_known_provider *ws2fix_known_sample_guid(const ws2fix_guid *id);

/** The whole list (for docs and tests). */
const ws2fix_known_provider *ws2fix_known_providers(size_t *count);

#ifdef __cplusplus
}
#endif
#endif

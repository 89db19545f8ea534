/* SPDX-License-Identifier: MIT */
/*
 * The Winsock2 catalog: codec for PackedCatalogItem and the in-memory model
 * of the protocol and namespace catalogs read from a registry source.
 *
 * Layout facts (facts.md, checked on every real hive under shared/hives):
 * PackedCatalogItem is 888 bytes: char LibraryPath[260] (ANSI) followed by a
 * 628-byte WSAPROTOCOL_INFOW with no padding.  Windows leaves stale bytes
 * after the NULs and in unused chain slots; those are kept verbatim in
 * `raw` so that an unmodified item encodes back byte for byte.
 */
#ifndef WS2FIX_CATALOG_H
#define WS2FIX_CATALOG_H

#include <stddef.h>
#include <stdint.h>
#include "ws2fix/registry.h"

#ifdef __cplusplus
extern "C" {
#endif

#define WS2FIX_PACKED_ITEM_SIZE 888
#define WS2FIX_PATH_BYTES 260
#define WS2FIX_PROTOCOL_NAME_WCHARS 256
#define WS2FIX_MAX_CHAIN_LEN 7

/* Byte offsets inside PackedCatalogItem (facts.md table). */
#define WS2FIX_OFF_SERVICE_FLAGS 260
#define WS2FIX_OFF_PROVIDER_FLAGS 276
#define WS2FIX_OFF_PROVIDER_ID 280
#define WS2FIX_OFF_CATALOG_ID 296
#define WS2FIX_OFF_CHAIN_LEN 300
#define WS2FIX_OFF_CHAIN_ENTRIES 304
#define WS2FIX_OFF_VERSION 332
#define WS2FIX_OFF_ADDRESS_FAMILY 336
#define WS2FIX_OFF_MAX_SOCKADDR 340
#define WS2FIX_OFF_MIN_SOCKADDR 344
#define WS2FIX_OFF_SOCKET_TYPE 348
#define WS2FIX_OFF_PROTOCOL 352
#define WS2FIX_OFF_PROTOCOL_MAX_OFFSET 356
#define WS2FIX_OFF_NETWORK_BYTE_ORDER 360
#define WS2FIX_OFF_SECURITY_SCHEME 364
#define WS2FIX_OFF_MESSAGE_SIZE 368
#define WS2FIX_OFF_PROVIDER_RESERVED 372
#define WS2FIX_OFF_PROTOCOL_NAME 376

/* WSAPROTOCOL_INFOW dwProviderFlags bits used here (winsock2.h). */
#define WS2FIX_PFL_MULTIPLE_PROTO_ENTRIES 0x1u
#define WS2FIX_PFL_RECOMMENDED_PROTO_ENTRY 0x2u
#define WS2FIX_PFL_HIDDEN 0x4u
#define WS2FIX_PFL_MATCHES_PROTOCOL_ZERO 0x8u

typedef struct ws2fix_guid {
	uint32_t data1;
	uint16_t data2, data3;
	uint8_t data4[8];
} ws2fix_guid;

/** Format as "{E70F1AA0-AB8B-11CF-8CA3-00805F48A192}" (39 bytes with NUL). */
void ws2fix_guid_format(char out[39], const ws2fix_guid *g);
/** Parse "{...}" or without braces, any case.  @return 0 or WS2FIX_EINVALID */
int ws2fix_guid_parse(ws2fix_guid *out, const char *text);
/** Decode 16 bytes as stored in the registry (data1..3 little-endian). */
void ws2fix_guid_from_bytes(ws2fix_guid *out, const unsigned char b[16]);
void ws2fix_guid_to_bytes(unsigned char out[16], const ws2fix_guid *g);
int ws2fix_guid_equal(const ws2fix_guid *a, const ws2fix_guid *b);

/** Structural problems of one PackedCatalogItem (bit set). */
enum ws2fix_item_problem {
	WS2FIX_ITEM_OK = 0,
	WS2FIX_ITEM_BAD_SIZE = 1u << 0,      /**< not 888 bytes; fields decoded as far as present */
	WS2FIX_ITEM_PATH_NO_NUL = 1u << 1,   /**< LibraryPath has no NUL in 260 bytes */
	WS2FIX_ITEM_NAME_NO_NUL = 1u << 2,   /**< szProtocol has no NUL in 256 WCHARs */
	WS2FIX_ITEM_CHAIN_TOO_LONG = 1u << 3,/**< ChainLen > 7 */
	WS2FIX_ITEM_CHAIN_NEGATIVE = 1u << 4,/**< ChainLen < 0 */
	WS2FIX_ITEM_PATH_EMPTY = 1u << 5,    /**< LibraryPath is "" */
	WS2FIX_ITEM_BAD_NAME_UTF16 = 1u << 6 /**< szProtocol holds an unpaired surrogate */
};

/** One decoded protocol catalog item (WSAPROTOCOL_INFOW plus path). */
typedef struct ws2fix_protocol_item {
	unsigned char raw[WS2FIX_PACKED_ITEM_SIZE]; /**< the bytes as read, zero-padded when short */
	size_t raw_len;                             /**< how many bytes were read */
	unsigned int problems;                      /**< enum ws2fix_item_problem bits */

	char library_path[WS2FIX_PATH_BYTES * 2 + 1]; /**< up to the NUL, ANSI (CP-1252) as UTF-8 */
	uint32_t service_flags[4];
	uint32_t provider_flags;
	ws2fix_guid provider_id;
	uint32_t catalog_id;
	int32_t chain_len;
	uint32_t chain[WS2FIX_MAX_CHAIN_LEN]; /**< all 7 slots as stored; only chain_len are meaningful */
	int32_t version;
	int32_t address_family;
	int32_t max_sockaddr, min_sockaddr;
	int32_t socket_type;
	int32_t protocol;
	int32_t protocol_max_offset;
	int32_t network_byte_order;
	int32_t security_scheme;
	uint32_t message_size;
	uint32_t provider_reserved;
	char protocol_name[WS2FIX_PROTOCOL_NAME_WCHARS * 3 + 1]; /**< szProtocol up to the NUL, UTF-8 */
} ws2fix_protocol_item;

/**
 * Decode a PackedCatalogItem.  Never fails on content: structural problems
 * are reported in out->problems (a short buffer is decoded as far as it goes
 * and flagged WS2FIX_ITEM_BAD_SIZE).
 * @return 0, or WS2FIX_EINVALID when out or data is NULL with len > 0
 */
int ws2fix_packed_item_decode(ws2fix_protocol_item *out, const unsigned char *data, size_t len);

/**
 * Encode an item into 888 bytes.  Starts from item->raw and overwrites only
 * the fields (and, when they changed, the path and name with their NUL), so
 * an unmodified decoded item reproduces its input byte for byte.
 * @return 0 or WS2FIX_EINVALID (path or name does not fit)
 */
int ws2fix_packed_item_encode(unsigned char out[WS2FIX_PACKED_ITEM_SIZE],
	const ws2fix_protocol_item *item);

/** Kind of protocol entry, from ChainLen. */
enum ws2fix_entry_kind {
	WS2FIX_ENTRY_LAYERED = 0, /**< ChainLen 0: an LSP's hidden layered entry */
	WS2FIX_ENTRY_BASE = 1,    /**< ChainLen 1 */
	WS2FIX_ENTRY_CHAIN = 2,   /**< ChainLen 2..7 */
	WS2FIX_ENTRY_INVALID = 3  /**< negative or > 7 */
};
enum ws2fix_entry_kind ws2fix_protocol_item_kind(const ws2fix_protocol_item *item);
const char *ws2fix_entry_kind_name(enum ws2fix_entry_kind k); /* "layered","base","chain","invalid" */

/** One key under Protocol_Catalog9\Catalog_Entries[64]. */
typedef struct ws2fix_protocol_entry {
	char *key;                 /**< subkey name as stored */
	int has_item;              /**< PackedCatalogItem present */
	uint32_t item_type;        /**< its registry type */
	ws2fix_protocol_item item; /**< decoded (zero when absent) */
	char *protocol_name_value; /**< "ProtocolName" REG_SZ (Windows 7+), or NULL */
} ws2fix_protocol_entry;

/** One key under NameSpace_Catalog5\Catalog_Entries[64]. */
typedef struct ws2fix_namespace_entry {
	char *key;
	char *library_path;        /**< NULL when absent or not a string */
	uint32_t library_path_type;
	char *display_string;      /**< NULL when absent */
	int has_provider_id;       /**< ProviderId present, REG_BINARY, 16 bytes */
	int provider_id_present;   /**< present at all (any type/size) */
	ws2fix_guid provider_id;
	int has_namespace;         /**< SupportedNameSpace present as DWORD */
	int namespace_present;
	uint32_t namespace_id;
	int has_enabled;
	uint32_t enabled;
	int has_version;
	uint32_t version;
	int has_stores_class_info;
	uint32_t stores_class_info;
} ws2fix_namespace_entry;

enum ws2fix_view { WS2FIX_VIEW_32 = 0, WS2FIX_VIEW_64 = 1 };
const char *ws2fix_view_name(enum ws2fix_view v); /* "32" or "64" */

/** What every view of either catalog has, read the same way for both. */
typedef struct ws2fix_view_info {
	int present;              /**< the Catalog_Entries[64] key exists */
	char *key;                /**< "Protocol_Catalog9\\Catalog_Entries64" (relative to Parameters) */
	int has_declared_count;   /**< Num_Catalog_Entries[64] present as DWORD */
	uint32_t declared_count;
	size_t count;             /**< entries read */
} ws2fix_view_info;

typedef struct ws2fix_protocol_view {
	ws2fix_view_info info;
	ws2fix_protocol_entry *entries;
} ws2fix_protocol_view;

typedef struct ws2fix_namespace_view {
	ws2fix_view_info info;
	ws2fix_namespace_entry *entries;
} ws2fix_namespace_view;

/** The whole catalog as read. */
typedef struct ws2fix_catalog {
	char *parameters_path;  /**< "ControlSet001\\Services\\WinSock2\\Parameters" */
	int winsock2_present;   /**< Services\WinSock2 exists */
	int parameters_present; /**< ...\Parameters exists */
	char *protocol_catalog_name;  /**< "Protocol_Catalog9": what ws2_32 reads, whatever Current_Protocol_Catalog says */
	char *namespace_catalog_name; /**< "NameSpace_Catalog5", likewise */
	int protocol_catalog_present;
	int namespace_catalog_present;
	int has_next_id;
	uint32_t next_id;       /**< Next_Catalog_Entry_ID (shared by both views) */
	int has_serial;
	uint32_t serial;        /**< Protocol_Catalog9 Serial_Access_Num */
	int has_ns_serial;
	uint32_t ns_serial;
	ws2fix_protocol_view protocol[2];   /**< indexed by enum ws2fix_view */
	ws2fix_namespace_view namespaces[2];
} ws2fix_catalog;

/**
 * Read both protocol views and both namespace views of the control set the
 * registry names.  Absent keys are recorded as absent (not an error): the
 * diagnosis reports them.  Entry count is capped at 4096 per view.
 * @param[out] out  free with ws2fix_catalog_free()
 * @return 0, or an error code when the source itself could not be read
 */
int ws2fix_catalog_read(ws2fix_catalog **out, ws2fix_registry *reg);

void ws2fix_catalog_free(ws2fix_catalog *cat);

/** Find a protocol entry of a view by catalog id; NULL if none. Borrowed. */
const ws2fix_protocol_entry *ws2fix_catalog_find_id(const ws2fix_protocol_view *view, uint32_t id);

/**
 * The English text of a Microsoft indirect display string as stored since
 * Windows 7 ("@%SystemRoot%\\System32\\mswsock.dll,-60100" is
 * "MSAFD Tcpip [TCP/IP]"), so offline listings read like netsh's.
 * @return a static string, or NULL when @p stored is not one we know
 */
const char *ws2fix_known_display_name(const char *stored);

#ifdef __cplusplus
}
#endif
#endif

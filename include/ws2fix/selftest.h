/* SPDX-License-Identifier: MIT */
/*
 * A live Winsock self-test: start Winsock, load every provider, and move
 * bytes over loopback, as netdiag's Winsock test did and as a user would
 * check "does networking work at all" after a repair.
 *
 * The result is data (one record per step); nothing is printed.  Steps have
 * stable English names, used in JSON:
 *
 *   "SystemRoot"              the test's own environment: SystemRoot is set
 *                             and names the Windows directory (ws2_32
 *                             expands every catalog path with it)
 *   "WSAStartup"              WSAStartup(2.2)
 *   "WSAEnumProtocols"        list the protocol catalog as Winsock sees it
 *   "provider paths"          every provider's stored path (WSCGetProviderPath),
 *                             expanded with this environment, names a file
 *   "socket <szProtocol>"     WSASocketW with that entry's own
 *                             WSAPROTOCOL_INFOW, then closesocket: loads the
 *                             provider DLL, and for a chain every LSP in it
 *   "TCP 127.0.0.1", "TCP ::1"  listen, connect, send and receive both ways
 *   "UDP 127.0.0.1", "UDP ::1"  a datagram each way
 *   "getaddrinfo localhost"   name resolution, answers must be loopback
 *
 * Only the Windows build runs it; elsewhere ws2fix_selftest_run() answers
 * WS2FIX_ENOTBUILT.
 */
#ifndef WS2FIX_SELFTEST_H
#define WS2FIX_SELFTEST_H

#include <stddef.h>

#include "ws2fix/i18n.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum ws2fix_selftest_result {
	WS2FIX_SELFTEST_PASS = 0,
	WS2FIX_SELFTEST_FAIL = 1,
	WS2FIX_SELFTEST_SKIPPED = 2 /**< could not apply here; not a failure */
} ws2fix_selftest_result;

typedef enum ws2fix_selftest_kind {
	WS2FIX_SELFTEST_STARTUP = 0,
	WS2FIX_SELFTEST_ENUM,
	WS2FIX_SELFTEST_PROVIDER, /**< one "socket <name>" step per catalog entry */
	WS2FIX_SELFTEST_TCP,
	WS2FIX_SELFTEST_UDP,
	WS2FIX_SELFTEST_RESOLVE,
	WS2FIX_SELFTEST_ENVIRONMENT /**< "SystemRoot" and "provider paths" */
} ws2fix_selftest_kind;

/** Why a step was skipped, or why it failed when there is no Winsock error. */
typedef enum ws2fix_selftest_reason {
	WS2FIX_SELFTEST_REASON_NONE = 0,
	WS2FIX_SELFTEST_REASON_NO_IPV6,       /**< skipped: IPv6 or ::1 is not available */
	WS2FIX_SELFTEST_REASON_NEEDS_ADMIN,   /**< skipped: raw sockets need administrator rights */
	WS2FIX_SELFTEST_REASON_UNAVAILABLE,   /**< skipped: the provider's protocol or device is absent */
	WS2FIX_SELFTEST_REASON_NOT_RUN,       /**< skipped: WSAStartup failed */
	WS2FIX_SELFTEST_REASON_DATA_MISMATCH, /**< failed: other bytes came back than were sent */
	WS2FIX_SELFTEST_REASON_NOT_LOOPBACK,  /**< failed: localhost resolved to a non-loopback address */
	WS2FIX_SELFTEST_REASON_EMPTY,         /**< failed: Winsock lists no protocols at all */
	WS2FIX_SELFTEST_REASON_HUNG,          /**< failed: the step did not return in time (WSAETIMEDOUT);
	                                           later steps were not run */
	WS2FIX_SELFTEST_REASON_NO_SYSTEMROOT, /**< failed: SystemRoot is not set in the environment */
	WS2FIX_SELFTEST_REASON_SYSTEMROOT_ELSEWHERE, /**< failed: SystemRoot names another folder
	                                                  than the Windows directory (detail: both) */
	WS2FIX_SELFTEST_REASON_PATH_MISSING,  /**< failed: a provider path, expanded here, names no
	                                           file (detail: the paths) */
	WS2FIX_SELFTEST_REASON_NO_PATHS       /**< skipped: Winsock gave no provider path to check */
} ws2fix_selftest_reason;

typedef struct ws2fix_selftest_step {
	char *name;             /**< stable English name (see above); owned by the report */
	int kind;               /**< ws2fix_selftest_kind */
	int result;             /**< ws2fix_selftest_result */
	int error_code;         /**< Winsock error (10038) on failure or skip; 0 when none */
	const char *error_name; /**< "WSAENOTSOCK", or NULL; static */
	const char *call;       /**< the Winsock call that failed ("connect"), or NULL; static */
	int reason;             /**< ws2fix_selftest_reason */
	/* Provider steps only (0 otherwise): the catalog entry tested. */
	unsigned long catalog_id;
	int address_family, socket_type, protocol, chain_len;
	char *detail;           /**< language-neutral extra data (the addresses
	                             localhost resolved to), or NULL; owned */
} ws2fix_selftest_step;

typedef struct ws2fix_selftest_report {
	ws2fix_selftest_step *steps; /**< in the order they ran */
	size_t count;
	size_t failed, skipped;
	int passed;                  /**< 1 when no step failed */
} ws2fix_selftest_report;

typedef struct ws2fix_selftest_options {
	unsigned int version;
	/** Longest wait for any one step's network traffic, in ms; 0 = 5000.
	 *  Every wait is bounded; a call that cannot be bounded (a provider
	 *  hanging in WSASocketW, WSAStartup or getaddrinfo) is given twice
	 *  this before the step is reported as hung and the test returns. */
	unsigned int timeout_ms;
} ws2fix_selftest_options;

#define WS2FIX_SELFTEST_OPTIONS_VERSION 2
#define WS2FIX_SELFTEST_OPTIONS_INIT {WS2FIX_SELFTEST_OPTIONS_VERSION, 0}

/**
 * Run the self-test.  Failing steps are results, not errors: the return
 * value says only whether the test could be run.
 * @param[out] out  free with ws2fix_selftest_report_free()
 * @param opts      NULL for defaults
 * @return 0, WS2FIX_ENOTBUILT (not a Windows build), WS2FIX_EINVALID or
 *         WS2FIX_ENOMEM
 */
int ws2fix_selftest_run(ws2fix_selftest_report **out, const ws2fix_selftest_options *opts);

/** Free a report.  Accepts NULL. */
void ws2fix_selftest_report_free(ws2fix_selftest_report *report);

/** "pass", "fail", "skipped" (JSON values).  Static. */
const char *ws2fix_selftest_result_name(int result);

/** "no-ipv6", "needs-admin", "unavailable", "not-run", "data-mismatch",
 *  "not-loopback", "empty", "hung", "no-systemroot", "systemroot-elsewhere",
 *  "path-missing", "no-paths", or NULL for none (JSON values).  Static. */
const char *ws2fix_selftest_reason_name(int reason);

/** Name of a Winsock error code ("WSAENOTSOCK" for 10038), or NULL.  Static. */
const char *ws2fix_selftest_error_name(int code);

/** Windows' message for a Winsock error code in @p lang, or NULL.  Static. */
const char *ws2fix_selftest_error_text(int code, ws2fix_lang lang);

#ifdef __cplusplus
}
#endif
#endif

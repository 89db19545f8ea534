/* SPDX-License-Identifier: MIT */
/*
 * The Winsock error codes 10004..11031 (winerror.h / winsock2.h): number,
 * symbolic name and the message text Windows shows for it, in English and
 * Swedish.  Data only; used by selftest reports and by `explain`.
 */
#ifndef WS2FIX_WSA_ERRORS_H
#define WS2FIX_WSA_ERRORS_H

#include <stddef.h>

#include "ws2fix/i18n.h"

typedef struct ws2fix_wsa_error_info {
	int code;                             /**< 10038 */
	const char *name;                     /**< "WSAENOTSOCK" */
	const char *text[WS2FIX_LANG_COUNT];  /**< indexed by ws2fix_lang */
} ws2fix_wsa_error_info;

/** The whole table, sorted by code.  Static. */
const ws2fix_wsa_error_info *ws2fix__wsa_error_table(size_t *count);

/** The entry for @p code, or NULL when it is not a Winsock error.  Static. */
const ws2fix_wsa_error_info *ws2fix__wsa_error_info(int code);

/** The entry whose name is @p name (case-insensitive, "wsaenotsock"), or NULL. */
const ws2fix_wsa_error_info *ws2fix__wsa_error_by_name(const char *name);

/** "WSAENOTSOCK" for 10038; NULL when @p code is not a Winsock error. */
const char *ws2fix__wsa_error_name(int code);

/** Windows' message for @p code in @p lang; NULL when unknown. */
const char *ws2fix__wsa_error_text(int code, ws2fix_lang lang);

#endif

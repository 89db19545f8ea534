/* SPDX-License-Identifier: MIT */
/*
 * Human text in English and Swedish through one message table.
 *
 * Every message lives in an include/ws2fix/messages_*.def file as
 * MSG(ID, "English", "Svenska"); a unit test fails when either text is
 * missing.  Finding codes, JSON keys and command names never change with
 * the language.
 */
#ifndef WS2FIX_I18N_H
#define WS2FIX_I18N_H

#ifdef __cplusplus
extern "C" {
#endif

typedef enum ws2fix_lang { WS2FIX_LANG_EN = 0, WS2FIX_LANG_SV = 1 } ws2fix_lang;
#define WS2FIX_LANG_COUNT 2

typedef enum ws2fix_msgid {
#define MSG(id, en, sv) id,
#include "ws2fix/messages.def"
#undef MSG
	WS2FIX_MSG_COUNT
} ws2fix_msgid;

/** The text of a message (printf format where the .def says so).  Borrowed, static. */
const char *ws2fix_msg(ws2fix_msgid id, ws2fix_lang lang);

/** The id's symbolic name ("MSG_SHOW_HEADER"), for tests. */
const char *ws2fix_msg_name(ws2fix_msgid id);

/**
 * Parse "en", "sv", "sv_SE.UTF-8", "Swedish" ...
 * @return 0 or WS2FIX_EINVALID
 */
int ws2fix_lang_parse(ws2fix_lang *out, const char *text);

/** "en" or "sv". */
const char *ws2fix_lang_code(ws2fix_lang lang);

/**
 * The language from the environment: LC_ALL, then LC_MESSAGES, then LANG
 * (first one set and non-empty); on Windows when none is set, the user's
 * UI language.  English otherwise.
 */
ws2fix_lang ws2fix_lang_from_environment(void);

#ifdef __cplusplus
}
#endif
#endif

/* SPDX-License-Identifier: MIT */
#include "ws2fix/i18n.h"

#include <stdlib.h>
#include <string.h>

#include "errors_internal.h"
#include "platform.h"
#include "../util/msgtable.h"
#include "../util/utf.h"

static const char *const table[WS2FIX_MSG_COUNT][WS2FIX_MSGTABLE_LANGS] = {
#define MSG(id, en, sv) {en, sv},
#include "ws2fix/messages.def"
#undef MSG
};

static const char *const names[WS2FIX_MSG_COUNT] = {
#define MSG(id, en, sv) #id,
#include "ws2fix/messages.def"
#undef MSG
};

const char *ws2fix_msg(ws2fix_msgid id, ws2fix_lang lang)
{
	return ws2fix__msgtable_text(table, WS2FIX_MSG_COUNT, (unsigned)id, (unsigned)lang);
}

const char *ws2fix_msg_name(ws2fix_msgid id)
{
	return (unsigned)id < WS2FIX_MSG_COUNT ? names[id] : "";
}

int ws2fix_lang_parse(ws2fix_lang *out, const char *text)
{
	if (!text)
		return WS2FIX_EINVALID;
	if (ws2fix__strncasecmp(text, "sv", 2) == 0 || ws2fix__strncasecmp(text, "swedish", 7) == 0 ||
	    ws2fix__strncasecmp(text, "svenska", 7) == 0) {
		*out = WS2FIX_LANG_SV;
		return 0;
	}
	if (ws2fix__strncasecmp(text, "en", 2) == 0 || ws2fix__strcasecmp(text, "C") == 0 ||
	    ws2fix__strncasecmp(text, "C.", 2) == 0 || ws2fix__strcasecmp(text, "POSIX") == 0) {
		*out = WS2FIX_LANG_EN;
		return 0;
	}
	return ws2fix__fail(WS2FIX_EINVALID, WS2FIX_ERRCLASS_INVALID, "unknown language '%s'", text);
}

const char *ws2fix_lang_code(ws2fix_lang lang)
{
	return lang == WS2FIX_LANG_SV ? "sv" : "en";
}

ws2fix_lang ws2fix_lang_from_environment(void)
{
	static const char *const vars[] = {"LC_ALL", "LC_MESSAGES", "LANG"};
	ws2fix_lang lang = WS2FIX_LANG_EN;
	for (size_t i = 0; i < sizeof(vars) / sizeof(vars[0]); i++) {
		const char *v = getenv(vars[i]);
		if (v && *v) {
			/* The first variable that is set decides, as in POSIX; an
			 * unknown language there means English. */
			if (ws2fix_lang_parse(&lang, v) < 0)
				lang = WS2FIX_LANG_EN;
			ws2fix_error_clear();
			return lang;
		}
	}
	const char *ui = ws2fix__platform_ui_language();
	if (ui && ws2fix_lang_parse(&lang, ui) < 0)
		lang = WS2FIX_LANG_EN;
	ws2fix_error_clear();
	return lang;
}

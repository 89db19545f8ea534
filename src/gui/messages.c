/* SPDX-License-Identifier: MIT */
/* The wizard's message table (messages_gui.def). */
#include "gui.h"

#include "util/msgtable.h"

static const char *const texts[GUI_MSG_COUNT][WS2FIX_MSGTABLE_LANGS] = {
#define MSG(id, en, sv) [id] = {en, sv},
#include "messages_gui.def"
#undef MSG
};

const char *gui_msg(gui_msgid id, ws2fix_lang lang)
{
	return ws2fix__msgtable_text(texts, GUI_MSG_COUNT, (unsigned)id, (unsigned)lang);
}

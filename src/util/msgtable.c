/* SPDX-License-Identifier: MIT */
#include "msgtable.h"

const char *ws2fix__msgtable_text(const char *const (*texts)[WS2FIX_MSGTABLE_LANGS], size_t count, unsigned int id,
	unsigned int lang)
{
	if (id >= count)
		return "";
	if (lang >= WS2FIX_MSGTABLE_LANGS)
		lang = 0;
	const char *s = texts[id][lang];
	return (s && *s) ? s : (texts[id][0] ? texts[id][0] : "");
}

/* SPDX-License-Identifier: MIT */
/*
 * The programs installed on the machine a source comes from, for the
 * plan's "the removal will not last" note: the SOFTWARE hive named with
 * --software, or the one beside a SYSTEM hive (as the OS detection finds
 * it).  Read once, on the first plan.  Nothing is a failure here: without
 * them the note rests on the SYSTEM hive's services alone.
 */
#include "session_internal.h"

#include <stdlib.h>

#include "ws2fix/errors.h"

const ws2fix_installed_products *ws2fix__session_installed(ws2fix_session *s)
{
	if (s->installed_read)
		return s->installed;
	s->installed_read = 1;
	char *found = NULL;
	const char *path = s->software;
	if (!path && s->reg && ws2fix_registry_has(s->reg, WS2FIX_CAP_HIVE_FILE))
		path = found = ws2fix_os_find_software_hive(ws2fix_registry_path(s->reg));
	if (path && ws2fix_installed_products_read(&s->installed, path) < 0) {
		s->installed = NULL;
		ws2fix_error_clear();
	}
	free(found);
	return s->installed;
}

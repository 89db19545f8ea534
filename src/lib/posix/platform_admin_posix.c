/* SPDX-License-Identifier: MIT */
/* ../platform_admin.h off Windows: there is no live registry to protect,
 * and whether an offline hive or .reg file can be written is decided by
 * its file permissions when it is written. */
#include "../platform_admin.h"
#include "ws2fix/live.h"

int ws2fix__platform_is_admin(void)
{
	return 1;
}

/* ws2fix/live.h: what the wizard asks before it offers a live repair. */
int ws2fix_live_is_admin(void)
{
	return ws2fix__platform_is_admin();
}

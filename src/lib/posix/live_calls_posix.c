/* SPDX-License-Identifier: MIT */
/* The live-only calls of ws2fix/live.h have nothing to call here. */
#include "ws2fix/live.h"
#include "../errors_internal.h"

static int not_built(void)
{
	return ws2fix__fail(WS2FIX_ENOTBUILT, WS2FIX_ERRCLASS_INVALID, "live Windows only");
}

int ws2fix_live_restore_point(const char *description)
{
	(void)description;
	return not_built();
}

int ws2fix_live_netsh_winsock_reset(int *exit_code)
{
	*exit_code = -1;
	return not_built();
}

int ws2fix_live_exclude_app(const char *app_path, const char *app_args)
{
	(void)app_path;
	(void)app_args;
	return not_built();
}

int ws2fix_live_count_providers(size_t *native_count, size_t *wow64_count)
{
	*native_count = *wow64_count = 0;
	return not_built();
}

/* SPDX-License-Identifier: MIT */
/*
 * ../platform_admin.h on Windows.  CheckTokenMembership (advapi32, Windows
 * 2000 and later) with the BUILTIN\Administrators SID answers for the
 * effective token: under UAC a non-elevated administrator's token carries
 * the group only as "deny only", so the answer is 0 until elevated, which
 * is exactly when HKLM\SYSTEM writes would fail.
 */
#include "../platform_admin.h"
#include "ws2fix/live.h"

#include <windows.h>

int ws2fix__platform_is_admin(void)
{
	SID_IDENTIFIER_AUTHORITY nt = {SECURITY_NT_AUTHORITY};
	PSID admins = NULL;
	BOOL member = FALSE;
	if (!AllocateAndInitializeSid(&nt, 2, SECURITY_BUILTIN_DOMAIN_RID, DOMAIN_ALIAS_RID_ADMINS, 0, 0,
		    0, 0, 0, 0, &admins))
		return 0;
	/* NULL token: the calling thread's impersonation token or the process token. */
	if (!CheckTokenMembership(NULL, admins, &member))
		member = FALSE;
	FreeSid(admins);
	return member ? 1 : 0;
}

/* ws2fix/live.h: what the wizard asks before it offers a live repair. */
int ws2fix_live_is_admin(void)
{
	return ws2fix__platform_is_admin();
}

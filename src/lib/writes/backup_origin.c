/* SPDX-License-Identifier: MIT */
/*
 * A backup says what it was taken from, and a restore checks it
 * (include/ws2fix/backup.h, docs/cli/restore.md).  The header is a few
 * comment lines after the .reg header, which regedit and reg import skip:
 *
 *   ; ws2fix-backup-source: hive /mnt/c/Windows/System32/config/SYSTEM
 *   ; ws2fix-backup-machine: DESKTOP-M3OSHQU
 *   ; ws2fix-backup-serials: Protocol_Catalog9 0x21, NameSpace_Catalog5 0x10
 *   ; ws2fix-backup-time: 2026-12-07T05:42Z
 *
 * The machine is the ComputerName value of the control set (absent from an
 * export of WinSock2 alone: "-").  Without the header the file is no backup
 * of ws2fix's (a fix file, someone's export, an older ws2fix's backup), and
 * restoring it would put another machine's keys here.
 */
#include "backup_origin.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../errors_internal.h"
#include "../platform.h"
#include "../../util/buf.h"
#include "../../util/utf.h"
#include "ws2fix/errors.h"

#define SOURCE_TAG "ws2fix-backup-source: "
#define MACHINE_TAG "ws2fix-backup-machine: "

/* The machine's name, or NULL when this source does not hold it. */
static char *machine_name(ws2fix_registry *reg)
{
	ws2fix_buf path = WS2FIX_BUF_INIT;
	ws2fix__buf_printf(&path, "%s\\Control\\ComputerName\\ComputerName", ws2fix_registry_controlset(reg));
	ws2fix_regvalue v = {0, NULL, 0};
	char *name = NULL;
	if (!ws2fix__buf_oom(&path) && ws2fix_registry_get_value(&v, reg, path.ptr, "ComputerName") == 0 &&
	    ws2fix_regvalue_string(&name, &v) == 0 && name && !*name) {
		free(name);
		name = NULL;
	}
	ws2fix_regvalue_clear(&v);
	ws2fix__buf_free(&path);
	ws2fix_error_clear();
	return name;
}

static void put_serial(ws2fix_buf *b, ws2fix_registry *reg, const char *catalog)
{
	ws2fix_buf path = WS2FIX_BUF_INIT;
	ws2fix__buf_printf(&path, "%s\\Services\\WinSock2\\Parameters\\%s", ws2fix_registry_controlset(reg), catalog);
	ws2fix_regvalue v = {0, NULL, 0};
	if (!ws2fix__buf_oom(&path) && ws2fix_registry_get_value(&v, reg, path.ptr, "Serial_Access_Num") == 0 &&
	    v.len == 4)
		ws2fix__buf_printf(b, "%s 0x%x", catalog,
			(unsigned)(v.data[0] | v.data[1] << 8 | v.data[2] << 16 | (unsigned)v.data[3] << 24));
	else
		ws2fix__buf_printf(b, "%s -", catalog);
	ws2fix_regvalue_clear(&v);
	ws2fix__buf_free(&path);
	ws2fix_error_clear();
}

char *ws2fix__backup_origin_text(ws2fix_registry *reg)
{
	ws2fix_buf b = WS2FIX_BUF_INIT;
	char stamp[17] = "";
	ws2fix__utc_stamp(stamp);
	char *machine = machine_name(reg);
	ws2fix__buf_puts(&b, "ws2fix backup: the keys below as they were before ws2fix changed them; "
			     "put them back with 'ws2fix restore FILE' on the same source.\n");
	ws2fix__buf_printf(&b, SOURCE_TAG "%s %s\n", ws2fix_registry_kind(reg), ws2fix_registry_path(reg));
	ws2fix__buf_printf(&b, MACHINE_TAG "%s\n", machine ? machine : "-");
	ws2fix__buf_puts(&b, "ws2fix-backup-serials: ");
	put_serial(&b, reg, "Protocol_Catalog9");
	ws2fix__buf_puts(&b, ", ");
	put_serial(&b, reg, "NameSpace_Catalog5");
	ws2fix__buf_printf(&b, "\nws2fix-backup-time: %.4s-%.2s-%.2sT%.2s:%.2sZ\n", stamp, stamp + 4, stamp + 6,
		stamp + 9, stamp + 11);
	free(machine);
	return ws2fix__buf_detach(&b);
}

/* The text of the backup's first lines, as UTF-8: enough for its header. */
static int head_text(char **out, const char *file)
{
	const unsigned char *data = NULL;
	size_t len = 0;
	*out = NULL;
	int rc = ws2fix__map_file(&data, &len, file, (size_t)-1);
	if (rc < 0)
		return rc;
	size_t n = len < 8192 ? len : 8192;
	if (n >= 2 && data[0] == 0xFF && data[1] == 0xFE) {
		size_t olen = 0;
		rc = ws2fix__utf16le_to_utf8(out, &olen, data + 2, (n - 2) & ~(size_t)1, 0, NULL);
	} else {
		*out = ws2fix__strndup((const char *)data, n);
		rc = *out ? 0 : WS2FIX_ENOMEM;
	}
	ws2fix__unmap_file(data, len);
	return rc < 0 ? rc : (*out ? 0 : WS2FIX_ENOMEM);
}

/* The value of "; TAG..." in @p text, up to the line end; NULL if none. */
static char *tag_value(const char *text, const char *tag)
{
	for (const char *line = text; line && *line;) {
		const char *end = line + strcspn(line, "\r\n");
		if (!strncmp(line, "; ", 2) && !strncmp(line + 2, tag, strlen(tag)))
			return ws2fix__strndup(line + 2 + strlen(tag), (size_t)(end - line - 2 - strlen(tag)));
		line = end + strspn(end, "\r\n");
	}
	return NULL;
}

static int refuse(ws2fix_lang lang, ws2fix_msgid id, const char *file, const char *a, const char *b)
{
	ws2fix_buf m = WS2FIX_BUF_INIT;
	ws2fix__buf_printf(&m, ws2fix_msg(id, lang), file, a, b);
	int rc = ws2fix__fail(WS2FIX_EINVALID, WS2FIX_ERRCLASS_INVALID, "%s", m.ptr ? m.ptr : "not this source's backup");
	ws2fix__buf_free(&m);
	return rc;
}

int ws2fix__backup_origin_check(ws2fix_registry *reg, const char *file, ws2fix_lang lang)
{
	char *text = NULL;
	int rc = head_text(&text, file);
	if (rc < 0)
		return rc;
	char *source = tag_value(text, SOURCE_TAG), *machine = tag_value(text, MACHINE_TAG);
	free(text);
	char *mine = machine_name(reg);
	ws2fix_buf here = WS2FIX_BUF_INIT;
	ws2fix__buf_printf(&here, "%s %s", ws2fix_registry_kind(reg), ws2fix_registry_path(reg));
	if (!source)
		rc = refuse(lang, MSG_RESTORE_NOT_A_BACKUP, file, "", "");
	else if (machine && strcmp(machine, "-") != 0 && mine)
		rc = ws2fix__strcasecmp(machine, mine) ? refuse(lang, MSG_RESTORE_OTHER_MACHINE, file, machine, mine) : 0;
	else if (here.ptr && strcmp(source, here.ptr) != 0)
		rc = refuse(lang, MSG_RESTORE_OTHER_SOURCE, file, source, here.ptr);
	free(source);
	free(machine);
	free(mine);
	ws2fix__buf_free(&here);
	return rc;
}

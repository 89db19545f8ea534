/* SPDX-License-Identifier: MIT */
/*
 * The fix file's companion (ws2fix/fixfile.h): a .cmd the person who
 * receives the fix double-clicks.  In this order it checks that it runs
 * as administrator (a write to HKLM\SOFTWARE, which reg.exe can only make
 * elevated), exports a backup of WinSock2, compares the catalog's
 * Serial_Access_Num of every catalog the fix rewrites with the export's and
 * stops when any changed since, writes the undo beside the backup (it
 * deletes the views the fix rewrites, then imports the backup, so that an
 * undo after a fix that added entries leaves none behind), imports the
 * .reg and says to restart, with the undo command.
 * Every path stops with one message; nothing is changed before the backup
 * is on disk.  Exit codes: 0 imported, 2 nothing changed, 3 the import
 * failed (the backup is named).
 *
 * cmd.exe reads a batch file in the console's OEM code page: the text is
 * written in code page 850 for Swedish (what a Swedish console uses), and
 * is ASCII in English.  No echoed text stands inside a parenthesised
 * block, whose parser a ')' in a message would end.
 */
#include <stdio.h>
#include <string.h>

#include "fix_internal.h"
#include "ws2fix/errors.h"
#include "ws2fix/i18n.h"

/* UTF-8 to code page 850 for the letters the messages use; anything else
 * outside ASCII becomes '?'. */
static void put_oem(ws2fix_buf *b, const char *s)
{
	static const struct {
		unsigned cp;
		char oem;
	} map[] = {{0xE5, (char)0x86}, {0xE4, (char)0x84}, {0xF6, (char)0x94}, {0xC5, (char)0x8F},
		   {0xC4, (char)0x8E}, {0xD6, (char)0x99}, {0xE9, (char)0x82}, {0xFC, (char)0x81}};
	const unsigned char *p = (const unsigned char *)s;
	while (*p) {
		if (*p < 0x80) {
			ws2fix__buf_putc(b, (char)*p++);
			continue;
		}
		unsigned cp = '?';
		if ((*p & 0xE0) == 0xC0 && (p[1] & 0xC0) == 0x80) {
			cp = ((unsigned)(*p & 0x1F) << 6) | (p[1] & 0x3F);
			p += 2;
		} else {
			p++;
			while ((*p & 0xC0) == 0x80)
				p++;
		}
		char c = '?';
		for (size_t i = 0; i < sizeof(map) / sizeof(map[0]); i++)
			if (map[i].cp == cp)
				c = map[i].oem;
		ws2fix__buf_putc(b, c);
	}
}

/* "echo TEXT" with cmd's special characters escaped. */
static void echo(ws2fix_buf *b, const char *text)
{
	ws2fix_buf esc = WS2FIX_BUF_INIT;
	for (const char *p = text; *p; p++) {
		if (strchr("&|<>^", *p))
			ws2fix__buf_putc(&esc, '^');
		if (*p == '%')
			ws2fix__buf_putc(&esc, '%');
		ws2fix__buf_putc(&esc, *p);
	}
	ws2fix__buf_puts(b, "echo ");
	put_oem(b, ws2fix__buf_cstr(&esc));
	ws2fix__buf_puts(b, "\r\n");
	ws2fix__buf_free(&esc);
}

static void echof(ws2fix_buf *b, ws2fix_lang lang, ws2fix_msgid id, const char *arg)
{
	ws2fix_buf t = WS2FIX_BUF_INIT;
	ws2fix__buf_printf(&t, ws2fix_msg(id, lang), arg);
	echo(b, ws2fix__buf_cstr(&t));
	ws2fix__buf_free(&t);
}

/* A message that ends with the undo's name (the batch variable). */
static void echo_undo(ws2fix_buf *b, ws2fix_lang lang, ws2fix_msgid id)
{
	ws2fix_buf line = WS2FIX_BUF_INIT;
	echo(&line, ws2fix_msg(id, lang));
	/* The echo line without its line end, then the name. */
	if (line.len >= 2)
		ws2fix__buf_put(b, line.ptr, line.len - 2);
	ws2fix__buf_puts(b, " \"%UNDO%\"\r\n");
	ws2fix__buf_free(&line);
}

/* After a path's message: pause (a double-clicked window stays open) and
 * the exit code. */
static void stop(ws2fix_buf *b, int code)
{
	ws2fix__buf_printf(b, "pause\r\nexit /b %d\r\n", code);
}

/* Stop at :changed unless the catalog's Serial_Access_Num is what the
 * export had (none when the export had none: the fix creates it). */
static void compare_serial(ws2fix_buf *b, const char *key, const ws2fix_fix_checked *c)
{
	/* reg query prints "    Serial_Access_Num    REG_DWORD    0x21". */
	ws2fix__buf_printf(b, "set \"SERIAL=\"\r\n"
		"for /f \"tokens=1,2,3\" %%%%a in ('reg query \"%s\\Parameters\\%s\" /v Serial_Access_Num 2^>nul') "
		"do if /i \"%%%%a\"==\"Serial_Access_Num\" set \"SERIAL=%%%%c\"\r\n", key, c->name);
	if (c->known)
		ws2fix__buf_printf(b, "if /i not \"%%SERIAL%%\"==\"0x%x\" goto changed\r\n", (unsigned)c->serial);
	else
		ws2fix__buf_puts(b, "if defined SERIAL goto changed\r\n");
}

/* The undo, written beside the backup before anything is imported: it
 * deletes the views the fix rewrites (the backup has them as they were),
 * then imports the backup. */
static void write_undo(ws2fix_buf *b, const char *key, const ws2fix_catalog *cat, const ws2fix_fix_rewritten *rw)
{
	ws2fix__buf_puts(b, "set \"UNDO=%~dp0undo-fix.cmd\"\r\n"
			    "if exist \"%UNDO%\" set \"UNDO=%~dp0undo-fix-%RANDOM%%RANDOM%.cmd\"\r\n"
			    "> \"%UNDO%\" echo @echo off\r\n");
	for (size_t i = 0; i < rw->n; i++)
		for (size_t v = 0; v < 2; v++)
			ws2fix__buf_printf(b, ">> \"%%UNDO%%\" echo reg delete \"%s\\Parameters\\%s\\%s\" /f ^>nul 2^>^&1\r\n",
				key, rw->protocol[i] ? cat->protocol_catalog_name : cat->namespace_catalog_name,
				ws2fix__fix_views[v]);
	ws2fix__buf_puts(b, ">> \"%UNDO%\" echo reg import \"%BACKUP%\"\r\n"
			    "if not exist \"%UNDO%\" goto nobackup\r\n");
}

int ws2fix__fix_cmd(ws2fix_buf *b, const ws2fix_fix_file_info *in, const ws2fix_catalog *cat,
	const ws2fix_repair_plan *plan)
{
	ws2fix_lang lang = in->lang;
	ws2fix_fix_rewritten rw;
	int rc = ws2fix__fix_rewritten(&rw, cat, plan);
	if (rc < 0)
		return rc;
	ws2fix_fix_checked chk[2];
	size_t nchk = ws2fix__fix_checked(chk, cat, &rw);
	const char *reg = in->reg_name ? in->reg_name : "fix.reg";
	static const char key[] = "HKLM\\SYSTEM\\CurrentControlSet\\Services\\WinSock2";
	ws2fix__buf_puts(b, "@echo off\r\n");
	ws2fix__buf_printf(b, "rem ws2fix %s: imports %s on the machine %s came from.\r\n",
		in->tool_version ? in->tool_version : "", reg, in->source_name);
	ws2fix__buf_puts(b, "setlocal\r\ncd /d \"%~dp0\"\r\n");
	ws2fix__buf_printf(b, "if not exist \"%s\" goto noreg\r\n", reg);
	ws2fix__buf_puts(b, "reg add \"HKLM\\SOFTWARE\\ws2fix-admin-check\" /f >nul 2>&1\r\n"
			    "if errorlevel 1 goto notadmin\r\n"
			    "reg delete \"HKLM\\SOFTWARE\\ws2fix-admin-check\" /f >nul 2>&1\r\n");
	/* The backup first, under a name that is not taken. */
	ws2fix__buf_puts(b, "set \"BACKUP=%~dp0before-fix.reg\"\r\n"
			    "if exist \"%BACKUP%\" set \"BACKUP=%~dp0before-fix-%RANDOM%%RANDOM%.reg\"\r\n");
	echo(b, ws2fix_msg(MSG_FX_CMD_BACKUP, lang));
	ws2fix__buf_puts(b, "echo   %BACKUP%\r\n");
	ws2fix__buf_printf(b, "reg export \"%s\" \"%%BACKUP%%\" /y >nul\r\n", key);
	ws2fix__buf_puts(b, "if errorlevel 1 goto nobackup\r\nif not exist \"%BACKUP%\" goto nobackup\r\n");
	for (size_t i = 0; i < nchk; i++)
		compare_serial(b, key, &chk[i]);
	write_undo(b, key, cat, &rw);
	ws2fix__buf_printf(b, "reg import \"%s\"\r\nif errorlevel 1 goto importfailed\r\n", reg);
	echo_undo(b, lang, MSG_FX_CMD_DONE);
	stop(b, 0);

	ws2fix__buf_puts(b, ":noreg\r\n");
	echof(b, lang, MSG_FX_CMD_NO_REG, reg);
	stop(b, 2);
	ws2fix__buf_puts(b, ":notadmin\r\n");
	echof(b, lang, MSG_FX_CMD_NOT_ADMIN, in->cmd_name ? in->cmd_name : "fix.cmd");
	stop(b, 2);
	ws2fix__buf_puts(b, ":nobackup\r\n");
	echo(b, ws2fix_msg(MSG_FX_CMD_BACKUP_FAILED, lang));
	stop(b, 2);
	ws2fix__buf_puts(b, ":changed\r\n");
	ws2fix_buf had = WS2FIX_BUF_INIT;
	for (size_t i = 0; i < nchk; i++) {
		ws2fix__buf_printf(&had, "%s%s ", i ? ", " : "", chk[i].name);
		if (chk[i].known)
			ws2fix__buf_printf(&had, "0x%x", (unsigned)chk[i].serial);
		else
			ws2fix__buf_puts(&had, "-");
	}
	echof(b, lang, MSG_FX_CMD_CHANGED, ws2fix__buf_cstr(&had));
	ws2fix__buf_free(&had);
	stop(b, 2);
	ws2fix__buf_puts(b, ":importfailed\r\n");
	echo_undo(b, lang, MSG_FX_CMD_IMPORT_FAILED);
	stop(b, 3);
	ws2fix__fix_rewritten_free(&rw);
	return ws2fix__buf_oom(b) ? WS2FIX_ENOMEM : 0;
}

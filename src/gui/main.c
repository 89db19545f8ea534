/* SPDX-License-Identifier: MIT */
/*
 * ws2fix-gui.exe: a one-window wizard around the library, for people who
 * would never open a command prompt.  Check -> (confirm) Repair -> Restart,
 * plus Undo from a backup.  The dialog comes from ws2fix-gui.rc; every
 * text comes from the message table (messages_gui.def) in the user's
 * language.  Work runs on a job thread (jobs.c); this file only talks to
 * the window.  docs/gui.md describes the flow.
 */
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include <windows.h>
#include <commctrl.h>
#include <commdlg.h>
#include <shellapi.h>
#include <shlobj.h>

#include "gui.h"
#include "gui_res.h"
#include "ws2fix/live.h"
#include "util/utf_wide.h"
#include "ws2fix/errors.h"
#include "util/buf.h"
#include "ws2fix/repair.h"

typedef struct app {
	HWND dlg;
	ws2fix_lang lang;
	int admin;
	int busy;
	int checked;           /* a check has run */
	size_t errors;         /* errors of the last check */
	int verdict_tone;      /* 0 neutral, 1 good, 2 bad: the verdict's colour */
	HFONT bold;
} app;

static app g_app;

#define msg(id) GUI_MSG(g_app.lang, id)

/* UTF-8 with '\n' line ends to UTF-16 with "\r\n", as an edit control
 * wants them.  Caller frees. */
static wchar_t *wide_crlf(const char *s)
{
	size_t n = 0, lf = 0;
	for (; s[n]; n++)
		lf += s[n] == '\n';
	char *t = malloc(n + lf + 1);
	if (!t)
		return NULL;
	char *o = t;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\n' && (i == 0 || s[i - 1] != '\r'))
			*o++ = '\r';
		*o++ = s[i];
	}
	*o = '\0';
	wchar_t *w = ws2fix__utf8_to_wide(t);
	free(t);
	return w;
}

static void set_text(int id, const char *utf8)
{
	wchar_t *w = wide_crlf(utf8 ? utf8 : "");
	if (w) {
		if (id)
			SetDlgItemTextW(g_app.dlg, id, w);
		else
			SetWindowTextW(g_app.dlg, w);
		free(w);
	}
}

static int message_box(const char *text, const char *title, UINT flags)
{
	wchar_t *t = wide_crlf(text), *c = ws2fix__utf8_to_wide(title ? title : msg(MSG_GUI_TITLE));
	int r = MessageBoxW(g_app.dlg, t ? t : L"", c ? c : L"ws2fix", flags);
	free(t);
	free(c);
	return r;
}

static void enable(int id, int on)
{
	EnableWindow(GetDlgItem(g_app.dlg, id), on);
}

static int checked(int id)
{
	return IsDlgButtonChecked(g_app.dlg, id) == BST_CHECKED;
}

static ws2fix_repair_mode mode(void)
{
	return checked(IDC_RESET) ? WS2FIX_REPAIR_RESET : WS2FIX_REPAIR_SURGICAL;
}

/* Buttons follow the state: nothing while a job runs; Repair only after
 * a check that found errors (or with the full reset chosen). */
static void update_buttons(void)
{
	int idle = !g_app.busy;
	enable(IDC_CHECK, idle);
	enable(IDC_UNDO, idle);
	enable(IDC_RESET, idle);
	enable(IDC_ELEVATE, idle);
	enable(IDCANCEL, idle);
	enable(IDC_REPAIR, idle && g_app.checked && (g_app.errors || mode() == WS2FIX_REPAIR_RESET));
}

static void set_verdict(const char *text, int tone)
{
	g_app.verdict_tone = tone;
	set_text(IDC_VERDICT, text);
	InvalidateRect(GetDlgItem(g_app.dlg, IDC_VERDICT), NULL, TRUE);
}

/* Where backups go, best first, as UTF-8 directories ending in '\':
 * the user's Documents, then the folder of the exe. */
static void backup_dirs(char *out[2])
{
	wchar_t w[MAX_PATH + 2];
	int n = 0;
	out[0] = out[1] = NULL;
	if (SUCCEEDED(SHGetFolderPathW(NULL, CSIDL_PERSONAL | CSIDL_FLAG_CREATE, NULL, 0, w))) {
		wcscat(w, L"\\");
		out[n++] = ws2fix__wide_to_utf8(w, -1);
	}
	DWORD len = GetModuleFileNameW(NULL, w, MAX_PATH);
	if (len > 0 && len < MAX_PATH) {
		wchar_t *slash = wcsrchr(w, L'\\');
		if (slash) {
			slash[1] = L'\0';
			out[n] = ws2fix__wide_to_utf8(w, -1);
		}
	}
	ws2fix_error_clear();
}

static void start_job(gui_job *job)
{
	job->lang = g_app.lang;
	job->notify = g_app.dlg;
	if (gui_job_start(job) != 0) {
		gui_job_free(job);
		return;
	}
	g_app.busy = 1;
	set_text(IDC_STATUS, msg(MSG_GUI_WORKING));
	update_buttons();
	SetCursor(LoadCursor(NULL, IDC_WAIT));
}

static gui_job *new_job(gui_job_kind kind)
{
	gui_job *job = calloc(1, sizeof(*job));
	if (job) {
		job->kind = kind;
		job->mode = mode();
	}
	return job;
}

static void on_check(void)
{
	gui_job *job = new_job(GUI_JOB_CHECK);
	if (job)
		start_job(job);
}

/* The plan first; when it is done, on_job_done asks (ask = 1). */
static void on_plan(int ask)
{
	gui_job *job = new_job(GUI_JOB_PLAN);
	if (job) {
		job->ask = ask;
		start_job(job);
	}
}

static void on_repair(void)
{
	if (!g_app.admin) {
		message_box(msg(MSG_GUI_NEED_ADMIN), NULL, MB_OK | MB_ICONWARNING);
		return;
	}
	on_plan(1);
}

static void repair_confirmed(ws2fix_repair_plan *plan)
{
	gui_job *job = new_job(GUI_JOB_REPAIR);
	if (!job) {
		ws2fix_repair_plan_free(plan);
		return;
	}
	job->confirmed = plan;
	backup_dirs(job->backup_dirs);
	start_job(job);
}

static int confirm_repair(const ws2fix_repair_plan *plan)
{
	char *dirs[2];
	backup_dirs(dirs);
	char *summary = gui_plan_summary(plan, g_app.lang);
	ws2fix_buf b = WS2FIX_BUF_INIT;
	ws2fix__buf_printf(&b, "%s\n", summary ? summary : "");
	ws2fix_buf where = WS2FIX_BUF_INIT;
	ws2fix__buf_printf(&where, "%sws2fix-backup-....reg", dirs[0] ? dirs[0] : (dirs[1] ? dirs[1] : ""));
	ws2fix__buf_printf(&b, msg(MSG_GUI_CONFIRM_BACKUP), ws2fix__buf_cstr(&where));
	ws2fix__buf_printf(&b, "\n\n%s", msg(MSG_GUI_CONFIRM_QUESTION));
	int yes = message_box(ws2fix__buf_cstr(&b), msg(MSG_GUI_CONFIRM_TITLE),
		MB_YESNO | MB_ICONQUESTION | MB_DEFBUTTON2) == IDYES;
	ws2fix__buf_free(&b);
	ws2fix__buf_free(&where);
	free(summary);
	free(dirs[0]);
	free(dirs[1]);
	return yes;
}

static void on_undo(void)
{
	if (!g_app.admin) {
		message_box(msg(MSG_GUI_NEED_ADMIN), NULL, MB_OK | MB_ICONWARNING);
		return;
	}
	/* "Registry backups (*.reg)\0*.reg\0\0" */
	wchar_t filter[256], file[MAX_PATH * 2] = L"";
	wchar_t *label = ws2fix__utf8_to_wide(msg(MSG_GUI_UNDO_FILTER));
	wchar_t *title = ws2fix__utf8_to_wide(msg(MSG_GUI_UNDO_TITLE));
	char *dirs[2];
	backup_dirs(dirs);
	wchar_t *initial = dirs[0] ? ws2fix__utf8_to_wide(dirs[0]) : NULL;
	size_t n = label ? wcslen(label) : 0;
	if (n > 200)
		n = 200;
	memcpy(filter, label ? label : L"", n * sizeof(wchar_t));
	memcpy(filter + n, L"\0*.reg\0", 8 * sizeof(wchar_t));
	filter[n + 8] = L'\0';
	OPENFILENAMEW ofn;
	memset(&ofn, 0, sizeof(ofn));
	ofn.lStructSize = sizeof(ofn);
	ofn.hwndOwner = g_app.dlg;
	ofn.lpstrFilter = filter;
	ofn.lpstrFile = file;
	ofn.nMaxFile = sizeof(file) / sizeof(file[0]);
	ofn.lpstrInitialDir = initial;
	ofn.lpstrTitle = title;
	ofn.lpstrDefExt = L"reg";
	ofn.Flags = OFN_FILEMUSTEXIST | OFN_PATHMUSTEXIST | OFN_HIDEREADONLY;
	BOOL picked = GetOpenFileNameW(&ofn);
	free(label);
	free(title);
	free(initial);
	free(dirs[0]);
	free(dirs[1]);
	if (!picked)
		return;
	char *path = ws2fix__wide_to_utf8(file, -1);
	if (!path)
		return;
	ws2fix_buf q = WS2FIX_BUF_INIT;
	ws2fix__buf_printf(&q, msg(MSG_GUI_UNDO_CONFIRM), path);
	int yes = message_box(ws2fix__buf_cstr(&q), NULL, MB_YESNO | MB_ICONQUESTION | MB_DEFBUTTON2) == IDYES;
	ws2fix__buf_free(&q);
	gui_job *job = yes ? new_job(GUI_JOB_UNDO) : NULL;
	if (!job) {
		free(path);
		return;
	}
	job->undo_file = path;
	backup_dirs(job->backup_dirs);
	start_job(job);
}

static void on_elevate(void)
{
	wchar_t self[MAX_PATH];
	DWORD len = GetModuleFileNameW(NULL, self, MAX_PATH);
	if (len == 0 || len >= MAX_PATH)
		return;
	/* "runas" is the UAC prompt from Vista on and the "Run as" dialog on
	 * XP; either way a new process starts and this one steps aside. */
	HINSTANCE r = ShellExecuteW(g_app.dlg, L"runas", self, NULL, NULL, SW_SHOWNORMAL);
	if ((INT_PTR)r > 32) {
		EndDialog(g_app.dlg, 0);
		return;
	}
	ws2fix_buf b = WS2FIX_BUF_INIT;
	ws2fix__buf_printf(&b, msg(MSG_GUI_ELEVATE_FAILED), (unsigned long)GetLastError());
	message_box(ws2fix__buf_cstr(&b), NULL, MB_OK | MB_ICONWARNING);
	ws2fix__buf_free(&b);
}

static void on_restart(void)
{
	if (message_box(msg(MSG_GUI_RESTART_CONFIRM), NULL, MB_YESNO | MB_ICONWARNING | MB_DEFBUTTON2) != IDYES)
		return;
	/* ExitWindowsEx needs the shutdown privilege enabled in our token. */
	HANDLE tok;
	if (OpenProcessToken(GetCurrentProcess(), TOKEN_ADJUST_PRIVILEGES | TOKEN_QUERY, &tok)) {
		TOKEN_PRIVILEGES tp;
		memset(&tp, 0, sizeof(tp));
		tp.PrivilegeCount = 1;
		tp.Privileges[0].Attributes = SE_PRIVILEGE_ENABLED;
		if (LookupPrivilegeValueW(NULL, SE_SHUTDOWN_NAME, &tp.Privileges[0].Luid))
			AdjustTokenPrivileges(tok, FALSE, &tp, 0, NULL, NULL);
		CloseHandle(tok);
	}
	if (!ExitWindowsEx(EWX_REBOOT, SHTDN_REASON_MAJOR_OPERATINGSYSTEM | SHTDN_REASON_MINOR_RECONFIG |
			SHTDN_REASON_FLAG_PLANNED)) {
		ws2fix_buf b = WS2FIX_BUF_INIT;
		ws2fix__buf_printf(&b, msg(MSG_GUI_RESTART_FAILED), (unsigned long)GetLastError());
		message_box(ws2fix__buf_cstr(&b), NULL, MB_OK | MB_ICONWARNING);
		ws2fix__buf_free(&b);
	}
}

/* ---- the window ---- */

static void on_job_done(gui_job *job)
{
	g_app.busy = 0;
	SetCursor(LoadCursor(NULL, IDC_ARROW));
	set_text(IDC_STATUS, msg(MSG_GUI_READY));
	int tone = job->ok ? (job->errors ? 2 : 1) : 2;
	if (job->kind == GUI_JOB_PLAN)
		tone = job->ok ? 0 : 2;
	set_verdict(job->verdict, tone);
	set_text(IDC_TEXT, job->text);
	if (job->kind == GUI_JOB_CHECK || (job->kind == GUI_JOB_PLAN && job->ok)) {
		g_app.checked = job->ok;
		g_app.errors = job->errors;
	}
	if (job->kind == GUI_JOB_REPAIR || job->kind == GUI_JOB_UNDO) {
		g_app.checked = job->ok;
		g_app.errors = job->errors;
		if (job->restart_needed)
			ShowWindow(GetDlgItem(g_app.dlg, IDC_RESTART), SW_SHOW);
	}
	update_buttons();

	ws2fix_repair_plan *to_repair = NULL;
	if (job->kind == GUI_JOB_PLAN && job->ask && job->ok && job->plan &&
	    (job->plan->op_count || job->plan->run_netsh_reset)) {
		if (confirm_repair(job->plan)) {
			to_repair = job->plan;
			job->plan = NULL;
		}
	}
	gui_job_free(job);
	if (to_repair)
		repair_confirmed(to_repair);
}

/* The verdict in the dialog's own font, bold: it scales with it.  Made
 * again after a DPI change, when the dialog's font has a new size. */
static void set_bold_verdict_font(HWND dlg)
{
	LOGFONTW lf;
	HFONT base = (HFONT)SendMessageW(dlg, WM_GETFONT, 0, 0);
	if (!base || !GetObjectW(base, sizeof(lf), &lf))
		return;
	lf.lfWeight = FW_BOLD;
	HFONT bold = CreateFontIndirectW(&lf);
	if (!bold)
		return;
	SendDlgItemMessageW(dlg, IDC_VERDICT, WM_SETFONT, (WPARAM)bold, TRUE);
	if (g_app.bold)
		DeleteObject(g_app.bold);
	g_app.bold = bold;
}

static void init_dialog(HWND dlg)
{
	g_app.dlg = dlg;
	set_text(0, msg(MSG_GUI_TITLE));
	set_text(IDC_INTRO, msg(MSG_GUI_INTRO));
	set_text(IDC_ADMIN, g_app.admin ? msg(MSG_GUI_ADMIN_YES) : msg(MSG_GUI_ADMIN_NO));
	set_text(IDC_ELEVATE, msg(MSG_GUI_BTN_ELEVATE));
	set_text(IDC_CHECK, msg(MSG_GUI_BTN_CHECK));
	set_text(IDC_REPAIR, msg(MSG_GUI_BTN_REPAIR));
	set_text(IDC_UNDO, msg(MSG_GUI_BTN_UNDO));
	set_text(IDC_RESET, msg(MSG_GUI_CHK_RESET));
	set_text(IDC_RESTART, msg(MSG_GUI_BTN_RESTART));
	set_text(IDCANCEL, msg(MSG_GUI_BTN_CLOSE));
	set_text(IDC_VERDICT, msg(MSG_GUI_START));
	set_text(IDC_STATUS, msg(MSG_GUI_READY));
	ShowWindow(GetDlgItem(dlg, IDC_ELEVATE), g_app.admin ? SW_HIDE : SW_SHOW);
	ShowWindow(GetDlgItem(dlg, IDC_RESTART), SW_HIDE);
	set_bold_verdict_font(dlg);
	update_buttons();
}

static INT_PTR CALLBACK dialog_proc(HWND dlg, UINT m, WPARAM wp, LPARAM lp)
{
	switch (m) {
	case WM_DPICHANGED: {
		/* The window moved to a monitor of another DPI (per-monitor
		 * awareness, see the manifest): take the size Windows suggests;
		 * on per-monitor v2 the dialog manager then rescales the fonts
		 * and controls, and the bold verdict font follows once it has. */
		const RECT *r = (const RECT *)lp;
		SetWindowPos(dlg, NULL, r->left, r->top, r->right - r->left, r->bottom - r->top,
			SWP_NOZORDER | SWP_NOACTIVATE);
		PostMessageW(dlg, WM_GUI_REFONT, 0, 0);
		return FALSE;
	}
	case WM_GUI_REFONT:
		set_bold_verdict_font(dlg);
		return TRUE;
	case WM_INITDIALOG:
		init_dialog(dlg);
		return TRUE;
	case WM_GUI_JOB_DONE:
		on_job_done((gui_job *)lp);
		return TRUE;
	case WM_SETCURSOR:
		if (g_app.busy) {
			SetCursor(LoadCursor(NULL, IDC_APPSTARTING));
			SetWindowLongPtrW(dlg, DWLP_MSGRESULT, TRUE);
			return TRUE;
		}
		return FALSE;
	case WM_CTLCOLORSTATIC:
		if ((HWND)lp == GetDlgItem(dlg, IDC_VERDICT) && g_app.verdict_tone) {
			HDC dc = (HDC)wp;
			SetTextColor(dc, g_app.verdict_tone == 1 ? RGB(0, 120, 0) : RGB(180, 0, 0));
			SetBkMode(dc, TRANSPARENT);
			return (INT_PTR)GetSysColorBrush(COLOR_BTNFACE);
		}
		return FALSE;
	case WM_COMMAND:
		if (HIWORD(wp) != BN_CLICKED)
			return FALSE;
		switch (LOWORD(wp)) {
		case IDC_CHECK: on_check(); break;
		case IDC_REPAIR: on_repair(); break;
		case IDC_UNDO: on_undo(); break;
		case IDC_ELEVATE: on_elevate(); break;
		case IDC_RESTART: on_restart(); break;
		case IDC_RESET:
			/* Show what the chosen mode would do (a full reset lists the
			 * providers it removes); the findings again when unticked. */
			if (g_app.checked && !g_app.busy) {
				if (mode() == WS2FIX_REPAIR_RESET)
					on_plan(0);
				else
					on_check();
			}
			update_buttons();
			break;
		case IDCANCEL:
			/* Never leave in the middle of a registry write. */
			if (g_app.busy)
				MessageBeep(MB_ICONWARNING);
			else
				EndDialog(dlg, 0);
			break;
		default: return FALSE;
		}
		return TRUE;
	case WM_DESTROY:
		if (g_app.bold)
			DeleteObject(g_app.bold);
		g_app.bold = NULL;
		return FALSE;
	default:
		return FALSE;
	}
}

int WINAPI wWinMain(HINSTANCE inst, HINSTANCE prev, LPWSTR cmdline, int show)
{
	(void)prev;
	(void)cmdline;
	(void)show;
	/* Links comctl32 so that the manifest's version 6 (themed controls)
	 * is loaded; XP needs the call for the classes to be registered. */
	InitCommonControls();
	g_app.lang = ws2fix_lang_from_environment();
	g_app.admin = ws2fix_live_is_admin();
	DialogBoxParamW(inst, MAKEINTRESOURCEW(IDD_WIZARD), NULL, dialog_proc, 0);
	return 0;
}

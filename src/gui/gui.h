/* SPDX-License-Identifier: MIT */
/*
 * ws2fix-gui: the one-window repair wizard.  The UI thread (main.c) owns
 * the window; each long task is a gui_job run on its own thread (jobs.c)
 * that posts WM_GUI_JOB_DONE back with the finished job.  Jobs speak
 * UTF-8 (the library's language); main.c converts at the window's edge.
 */
#ifndef WS2FIX_GUI_H
#define WS2FIX_GUI_H

#include <windows.h>

#include "ws2fix/i18n.h"
#include "ws2fix/repair.h"

/* The wizard's own messages (messages_gui.def); the library's are
 * ws2fix_msg(MSG_..., lang). */
typedef enum gui_msgid {
#define MSG(id, en, sv) id,
#include "messages_gui.def"
#undef MSG
	GUI_MSG_COUNT
} gui_msgid;

/** One of the wizard's own messages in @p lang. */
const char *gui_msg(gui_msgid id, ws2fix_lang lang);

#define WM_GUI_JOB_DONE (WM_APP + 1)
#define WM_GUI_REFONT (WM_APP + 2)
/* Windows 8.1's message; the XP-level headers (_WIN32_WINNT 0x0501) lack it. */
#ifndef WM_DPICHANGED
#define WM_DPICHANGED 0x02E0
#endif

typedef enum gui_job_kind {
	GUI_JOB_CHECK,  /* diagnose the live registry */
	GUI_JOB_PLAN,   /* diagnose and build the plan (preview or before a repair) */
	GUI_JOB_REPAIR, /* ws2fix_repair_run with the confirmed plan */
	GUI_JOB_UNDO    /* back up the current state, put a backup back */
} gui_job_kind;

typedef struct gui_job {
	/* in */
	gui_job_kind kind;
	ws2fix_lang lang;
	ws2fix_repair_mode mode;
	int ask;                        /* plan: ask to repair when done (else a preview) */
	ws2fix_repair_plan *confirmed;  /* repair: the plan the user agreed to (owned) */
	char *backup_dirs[2];           /* repair, undo: where backups go, best first (UTF-8, end in '\\') */
	char *undo_file;                /* undo: the backup to put back */
	HWND notify;
	/* out (UTF-8, owned) */
	int ok;                         /* the task did what it was asked */
	char *verdict;
	char *text;                     /* '\n' line ends */
	size_t errors, warnings;
	int restart_needed;
	ws2fix_repair_plan *plan;       /* plan: the plan built */
	char *backup_written;           /* repair, undo: the backup this job wrote */
} gui_job;

/** Start @p job on a new thread.  @return 0, or -1 (job not started; caller frees it) */
int gui_job_start(gui_job *job);

/** Run a job on the calling thread (the thread start routine calls this). */
void gui_job_run(gui_job *job);

void gui_job_free(gui_job *job);

/** The plan's summary for the confirmation box: counts, removed providers. */
char *gui_plan_summary(const ws2fix_repair_plan *plan, ws2fix_lang lang);

#endif

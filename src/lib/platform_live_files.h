/* SPDX-License-Identifier: MIT */
/*
 * Whether a file the running Windows would load exists (library internal):
 * the platform half of the live DLL probe.  Implemented in
 * src/lib/win32/dllprobe_live_win32.c (each catalog view as its own
 * processes see it: WOW64 redirection, %ProgramFiles% of the view) and
 * src/lib/posix/dllprobe_live_posix.c (no running Windows: not built).
 * The probe itself, the ws2fix_dll_probe the library hands out, is
 * src/lib/dllprobe/dllprobe_live.c.
 */
#ifndef WS2FIX_PLATFORM_LIVE_FILES_H
#define WS2FIX_PLATFORM_LIVE_FILES_H

#include "ws2fix/dllprobe.h"

/** The running system's directories and bitness, looked up once. */
typedef struct ws2fix__live_files ws2fix__live_files;

/**
 * @param[out] out  free with free()
 * @return 0; WS2FIX_ENOTBUILT off Windows (the message says what to use
 *         instead); WS2FIX_ENOMEM or WS2FIX_ERROR (the error is set)
 */
int ws2fix__live_files_new(ws2fix__live_files **out);

/** Whether @p path (as the catalog stores it, UTF-8, unexpanded) exists
 *  for the processes of @p view. */
ws2fix_exists ws2fix__live_files_exists(const ws2fix__live_files *lf, const char *path, enum ws2fix_view view);

#endif

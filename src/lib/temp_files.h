/* SPDX-License-Identifier: MIT */
/*
 * The files a run is writing under a temporary name (PATH.ws2fix-tmp-...,
 * HIVE.ws2fix-new-...), so that an interruption removes them: the front
 * end's SIGINT/SIGTERM/SIGHUP (or Ctrl-C/Ctrl-Break) handler calls
 * ws2fix_interrupted_cleanup() (include/ws2fix/files.h).  Fixed slots, no
 * allocation, so the removal is async-signal-safe.
 */
#ifndef WS2FIX_TEMP_FILES_H
#define WS2FIX_TEMP_FILES_H

/** List @p path (copied; a path longer than a slot is not listed). */
void ws2fix__temp_file_add(const char *path);
/** Forget @p path: it was renamed into place or removed. */
void ws2fix__temp_file_drop(const char *path);

#endif

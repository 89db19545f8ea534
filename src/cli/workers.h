/* SPDX-License-Identifier: MIT */
/* Running independent jobs on N threads (workers_posix.c / workers_win32.c). */
#ifndef WS2FIX_CLI_WORKERS_H
#define WS2FIX_CLI_WORKERS_H

#include <stddef.h>

/**
 * Call @p job(payload, i) for every i in [0, count), on up to @p threads
 * threads; each index is taken exactly once.  Jobs that share output
 * serialise it with cli_workers_lock/unlock.
 * @return 0, or -1 when threads could not be started (then every job ran
 *         on the calling thread)
 */
int cli_run_workers(int threads, size_t count, void (*job)(void *payload, size_t index), void *payload);

/** One process-wide lock for the jobs' shared output. */
void cli_workers_lock(void);
void cli_workers_unlock(void);

#endif

/* SPDX-License-Identifier: MIT */
#include "workers.h"

#include <windows.h>

/* InitializeCriticalSection is on every Windows; a static init flag keeps
 * this free of the Vista-only one-time-init calls. */
static CRITICAL_SECTION lock;
static volatile LONG lock_ready = 0;

static void ensure_lock(void)
{
	if (InterlockedCompareExchange(&lock_ready, 1, 0) == 0) {
		InitializeCriticalSection(&lock);
		InterlockedExchange(&lock_ready, 2);
	}
	while (lock_ready != 2)
		Sleep(0);
}

typedef struct pool {
	size_t next, count;
	void (*job)(void *, size_t);
	void *payload;
} pool;

static DWORD WINAPI worker(LPVOID arg)
{
	pool *p = arg;
	for (;;) {
		EnterCriticalSection(&lock);
		size_t i = p->next < p->count ? p->next++ : p->count;
		LeaveCriticalSection(&lock);
		if (i >= p->count)
			return 0;
		p->job(p->payload, i);
	}
}

int cli_run_workers(int threads, size_t count, void (*job)(void *payload, size_t index), void *payload)
{
	ensure_lock();
	pool p = {0, count, job, payload};
	HANDLE t[64];
	int n = threads < 1 ? 1 : (threads > 64 ? 64 : threads), started = 0, rc = 0;
	for (int i = 1; i < n; i++) {
		t[started] = CreateThread(NULL, 0, worker, &p, 0, NULL);
		if (!t[started]) {
			rc = -1;
			break;
		}
		started++;
	}
	worker(&p);
	if (started)
		WaitForMultipleObjects((DWORD)started, t, TRUE, INFINITE);
	for (int i = 0; i < started; i++)
		CloseHandle(t[i]);
	return rc;
}

void cli_workers_lock(void)
{
	ensure_lock();
	EnterCriticalSection(&lock);
}

void cli_workers_unlock(void)
{
	LeaveCriticalSection(&lock);
}

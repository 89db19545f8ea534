/* SPDX-License-Identifier: MIT */
#define _POSIX_C_SOURCE 200809L
#include "workers.h"

#include <pthread.h>

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

typedef struct pool {
	size_t next, count;
	void (*job)(void *, size_t);
	void *payload;
} pool;

static void *worker(void *arg)
{
	pool *p = arg;
	for (;;) {
		pthread_mutex_lock(&lock);
		size_t i = p->next < p->count ? p->next++ : p->count;
		pthread_mutex_unlock(&lock);
		if (i >= p->count)
			return NULL;
		p->job(p->payload, i);
	}
}

int cli_run_workers(int threads, size_t count, void (*job)(void *payload, size_t index), void *payload)
{
	pool p = {0, count, job, payload};
	pthread_t t[64];
	int n = threads < 1 ? 1 : (threads > 64 ? 64 : threads), started = 0, rc = 0;
	for (int i = 1; i < n; i++) {
		if (pthread_create(&t[started], NULL, worker, &p) != 0) {
			rc = -1;
			break;
		}
		started++;
	}
	worker(&p);
	for (int i = 0; i < started; i++)
		pthread_join(t[i], NULL);
	return rc;
}

void cli_workers_lock(void)
{
	pthread_mutex_lock(&lock);
}

void cli_workers_unlock(void)
{
	pthread_mutex_unlock(&lock);
}

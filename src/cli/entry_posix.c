/* SPDX-License-Identifier: MIT */
/*
 * Process entry point on POSIX: arguments are already UTF-8.  SIGINT,
 * SIGTERM and SIGHUP remove the temporary files of writes under way
 * (ws2fix_interrupted_cleanup) and end the run with one line and the
 * shell's code for the signal, 128 + its number (docs/EXIT-CODES.md).
 */
#define _POSIX_C_SOURCE 200809L
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "ws2fix/files.h"

int cli_main(int argc, char **argv);

static void on_signal(int sig)
{
	ws2fix_interrupted_cleanup();
	const char *line = cli_interrupted_line;
	size_t n = strlen(line);
	while (n) {
		ssize_t w = write(STDERR_FILENO, line, n);
		if (w <= 0)
			break;
		line += w;
		n -= (size_t)w;
	}
	_exit(128 + sig);
}

int main(int argc, char **argv)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	static const int sigs[] = {SIGINT, SIGTERM, SIGHUP};
	for (size_t i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
		sigaddset(&sa.sa_mask, sigs[i]);
	for (size_t i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++)
		sigaction(sigs[i], &sa, NULL);
	return cli_main(argc, argv);
}

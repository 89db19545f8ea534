/* SPDX-License-Identifier: MIT */
/* Process entry point on POSIX: arguments are already UTF-8. */
#include "cli.h"

int cli_main(int argc, char **argv);

int main(int argc, char **argv)
{
	return cli_main(argc, argv);
}

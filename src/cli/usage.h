/* SPDX-License-Identifier: MIT */
/* `ws2fix --help`. */
#ifndef WS2FIX_CLI_USAGE_H
#define WS2FIX_CLI_USAGE_H

#include <stdio.h>

#include "cli.h"

/** The usage text in ctx's language: its source lines are those of
 * include/ws2fix/sources.def. */
void cli_print_usage(cli_ctx *ctx, FILE *f);

#endif

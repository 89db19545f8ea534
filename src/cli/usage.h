/* SPDX-License-Identifier: MIT */
/* `ws2fix --help`, `ws2fix COMMAND --help` and a command's synopsis, from
 * the option table (options.h). */
#ifndef WS2FIX_CLI_USAGE_H
#define WS2FIX_CLI_USAGE_H

#include <stdio.h>

#include "cli.h"
#include "options.h"

/** The usage text in ctx's language: the commands, the source lines (those
 *  of include/ws2fix/sources.def) and the other global options. */
void cli_print_usage(cli_ctx *ctx, FILE *f);

/** "usage: ws2fix [SOURCE] [OUTPUT] COMMAND ..." with every argument and
 *  option of the command, and a newline. */
void cli_print_synopsis(cli_ctx *ctx, cli_command_id cmd, FILE *f);

/** `ws2fix COMMAND --help`: the synopsis, what the command does, and each
 *  of its arguments and options with its text. */
void cli_print_command_help(cli_ctx *ctx, cli_command_id cmd, FILE *f);

#endif

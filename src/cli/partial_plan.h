/* SPDX-License-Identifier: MIT */
/* repair on a partial source (--netsh, --hijackthis): the changes the
 * machine needs and the steps a user can run there. */
#ifndef WS2FIX_CLI_PARTIAL_PLAN_H
#define WS2FIX_CLI_PARTIAL_PLAN_H

#include "cli.h"
#include "cli_source.h"

/**
 * Print the plan for a source with no registry (src->reg == NULL).
 * @param reset  --mode reset was asked for
 * @return the exit code: 0 nothing to repair, 1 changes needed
 */
int cli_partial_plan(cli_ctx *ctx, cli_source *src, int reset);

#endif

/* SPDX-License-Identifier: MIT */
/*
 * repair on a partial source: netsh text or a HijackThis log is a copy of
 * what a machine showed, so nothing can be written to it.  The plan lists
 * the changes the findings call for and the steps the user can take on
 * that machine: the ws2fix commands, and Windows' own command where it
 * certainly does the same thing on that Windows version
 * (docs/cli/repair.md, "Partial sources", gives the evidence):
 *  - `netsh winsock reset` for reset mode on XP SP2 and later (KB 811259);
 *  - `netsh winsock remove provider ID` on Vista and later, only for the
 *    layered entry (chain length 0) of a known-malicious LSP whose chains
 *    are intact, the one thing the command is documented to do.
 * Nothing is offered when the Windows version is unknown.
 */
#include "partial_plan.h"

#include <stdio.h>
#include <string.h>

#include "catalog_render.h"
#include "util/json.h"
#include "ws2fix/diagnose.h"
#include "ws2fix/errors.h"

typedef struct pp_step {
	const char *text;     /* borrowed message */
	char command[96];     /* "" when none */
	int builtin;          /* Windows' own command, not ws2fix */
} pp_step;

#define PP_MAX_STEPS 16

static int xp_sp2_or_later(const ws2fix_osinfo *os)
{
	if (os->family == WS2FIX_OS_XP)
		return os->service_pack >= 2;
	return os->family >= WS2FIX_OS_2003;
}

static const ws2fix_protocol_entry *entry_by_id(const ws2fix_catalog *cat, int view, uint32_t id)
{
	if (!cat || view < 0 || view > 1)
		return NULL;
	const ws2fix_protocol_view *pv = &cat->protocol[view];
	for (size_t i = 0; i < pv->count; i++)
		if (pv->entries[i].has_item && pv->entries[i].item.catalog_id == id)
			return &pv->entries[i];
	return NULL;
}

static void add_step(pp_step *steps, size_t *n, const char *text, const char *command, int builtin)
{
	if (*n >= PP_MAX_STEPS)
		return;
	steps[*n].text = text;
	snprintf(steps[*n].command, sizeof(steps[*n].command), "%s", command ? command : "");
	steps[*n].builtin = builtin;
	(*n)++;
}

/* `netsh winsock remove provider ID` for each known-malicious LSP whose
 * layered entry is in the catalog, when no chain is broken. */
static void remove_provider_steps(cli_ctx *ctx, const cli_source *src, const ws2fix_diagnosis *d,
	pp_step *steps, size_t *n, char names[][64], size_t *nnames)
{
	if (src->os.family < WS2FIX_OS_VISTA || !src->cat)
		return;
	for (size_t i = 0; i < d->count; i++)
		if (d->findings[i].code == WS2FIX_F_CHAIN_BROKEN)
			return;
	for (size_t i = 0; i < d->count && *nnames < 4; i++) {
		const ws2fix_finding *f = &d->findings[i];
		if (f->code != WS2FIX_F_KNOWN_MALICIOUS_PROVIDER || !f->has_catalog_id)
			continue;
		const ws2fix_protocol_entry *e = entry_by_id(src->cat, f->view, f->catalog_id);
		if (!e || e->item.chain_len != 0)
			continue;
		char cmd[64];
		snprintf(cmd, sizeof(cmd), "netsh winsock remove provider %u", (unsigned)f->catalog_id);
		int dup = 0;
		for (size_t k = 0; k < *n; k++)
			if (!strcmp(steps[k].command, cmd))
				dup = 1;
		if (dup)
			continue;
		snprintf(names[*nnames], 64, "%.60s", e->item.protocol_name);
		add_step(steps, n, cli_msg(ctx, MSG_PP_STEP_NETSH_REMOVE), cmd, 1);
		steps[*n - 1].text = NULL; /* formatted with the name when printed */
		(*nnames)++;
	}
}

int cli_partial_plan(cli_ctx *ctx, cli_source *src, int reset)
{
	ws2fix_diagnosis *d = NULL;
	int lrc = cli_diagnose_source(ctx, src, &d);
	if (lrc < 0)
		return cli_error_lib(ctx, EXIT_USAGE, lrc, MSG_ERR_DIAGNOSE, NULL);

	pp_step steps[PP_MAX_STEPS];
	char names[4][64];
	size_t n = 0, nnames = 0;
	const char *mode = reset ? " --mode reset" : "";
	char cmd[96];
	add_step(steps, &n, cli_msg(ctx, MSG_PP_STEP_CHECK), "ws2fix diagnose", 0);
	if (d->errors) {
		snprintf(cmd, sizeof(cmd), "ws2fix repair%s", mode);
		add_step(steps, &n, cli_msg(ctx, MSG_PP_STEP_PLAN), cmd, 0);
		snprintf(cmd, sizeof(cmd), "ws2fix repair%s --apply", mode);
		add_step(steps, &n, cli_msg(ctx, MSG_PP_STEP_APPLY), cmd, 0);
		if (reset && xp_sp2_or_later(&src->os))
			add_step(steps, &n, cli_msg(ctx, MSG_PP_STEP_NETSH_RESET), "netsh winsock reset", 1);
		else if (!reset)
			remove_provider_steps(ctx, src, d, steps, &n, names, &nnames);
		add_step(steps, &n, cli_msg(ctx, MSG_PP_STEP_RESTART), NULL, 0);
	}

	ws2fix_buf b = WS2FIX_BUF_INIT;
	const char *path = ctx->hijackthis ? ctx->hijackthis : ctx->netsh;
	if (ctx->json) {
		ws2fix_json j;
		ws2fix__json_init(&j, &b, 1);
		ws2fix__json_object_begin(&j);
		cli_json_source(&j, ctx, NULL);
		cli_json_os(&j, &src->os);
		ws2fix__json_kv_bool(&j, "partial", 1);
		ws2fix__json_kv_string(&j, "mode", reset ? "reset" : "surgical");
		ws2fix__json_key(&j, "changes");
		ws2fix__json_array_begin(&j);
		for (size_t i = 0; i < d->count; i++) {
			const ws2fix_finding *f = &d->findings[i];
			if (f->severity == WS2FIX_SEV_INFO)
				continue;
			ws2fix__json_object_begin(&j);
			ws2fix__json_kv_string(&j, "code", ws2fix_finding_code_name(f->code));
			ws2fix__json_kv_string(&j, "severity", ws2fix_severity_name(f->severity));
			ws2fix__json_kv_string(&j, "message", f->message);
			ws2fix__json_kv_string(&j, "fix", f->fix);
			ws2fix__json_object_end(&j);
		}
		ws2fix__json_array_end(&j);
		ws2fix__json_key(&j, "steps");
		ws2fix__json_array_begin(&j);
		size_t name_i = 0;
		for (size_t i = 0; i < n; i++) {
			ws2fix__json_object_begin(&j);
			if (steps[i].text) {
				ws2fix__json_kv_string(&j, "text", steps[i].text);
			} else {
				ws2fix_buf t = WS2FIX_BUF_INIT;
				ws2fix__buf_printf(&t, cli_msg(ctx, MSG_PP_STEP_NETSH_REMOVE), names[name_i++]);
				ws2fix__json_kv_string(&j, "text", ws2fix__buf_cstr(&t));
				ws2fix__buf_free(&t);
			}
			ws2fix__json_kv_string(&j, "command", steps[i].command[0] ? steps[i].command : NULL);
			ws2fix__json_kv_bool(&j, "builtin", steps[i].builtin);
			ws2fix__json_object_end(&j);
		}
		ws2fix__json_array_end(&j);
		ws2fix__json_kv_bool(&j, "applied", 0);
		ws2fix__json_object_end(&j);
		ws2fix__buf_putc(&b, '\n');
	} else {
		ws2fix__buf_printf(&b, "%s: %s %s\n", cli_msg(ctx, MSG_SHOW_SOURCE), ctx->hijackthis ? "hijackthis" : "netsh",
			path);
		ws2fix__buf_printf(&b, "%s: %s%s%s\n\n", cli_msg(ctx, MSG_DIAG_OS),
			src->os.name[0] ? src->os.name : cli_msg(ctx, MSG_DIAG_OS_UNKNOWN), src->os.arch[0] ? " " : "",
			src->os.arch);
		ws2fix__buf_printf(&b, "%s (%s)\n\n", cli_msg(ctx, MSG_PP_HEADING),
			cli_msg(ctx, reset ? MSG_RC_MODE_RESET : MSG_RC_MODE_SURGICAL));
		if (d->errors || d->warnings) {
			ws2fix__buf_printf(&b, "%s:\n", cli_msg(ctx, MSG_PP_CHANGES));
			for (size_t i = 0; i < d->count; i++) {
				const ws2fix_finding *f = &d->findings[i];
				if (f->severity == WS2FIX_SEV_INFO)
					continue;
				ws2fix__buf_printf(&b, "  - %s %s\n      %s\n", ws2fix_finding_code_name(f->code), f->message, f->fix);
			}
			ws2fix__buf_putc(&b, '\n');
		}
		if (!d->errors)
			ws2fix__buf_printf(&b, "%s\n\n", cli_msg(ctx, MSG_PP_NONE));
		ws2fix__buf_printf(&b, "%s:\n", cli_msg(ctx, MSG_PP_STEPS));
		size_t name_i = 0, num = 0;
		for (size_t i = 0; i < n; i++) {
			if (!steps[i].builtin)
				num++;
			if (steps[i].builtin)
				ws2fix__buf_puts(&b, "     ");
			else
				ws2fix__buf_printf(&b, "  %zu. ", num);
			if (steps[i].text)
				ws2fix__buf_puts(&b, steps[i].text);
			else
				ws2fix__buf_printf(&b, cli_msg(ctx, MSG_PP_STEP_NETSH_REMOVE), names[name_i++]);
			ws2fix__buf_putc(&b, '\n');
			if (steps[i].command[0])
				ws2fix__buf_printf(&b, "       %s\n", steps[i].command);
		}
	}
	int rc = d->errors ? EXIT_PROBLEMS : EXIT_OK;
	if (ws2fix__buf_oom(&b))
		rc = cli_error(ctx, EXIT_USAGE, "ENOMEM", "out of memory");
	else
		cli_emit(ctx, &b);
	ws2fix__buf_free(&b);
	ws2fix_diagnosis_free(d);
	return rc;
}

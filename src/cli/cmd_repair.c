/* SPDX-License-Identifier: MIT */
/*
 * ws2fix repair: the plan first (a dry run unless --apply), then, with
 * --apply: refuse what cannot be done safely, write the backup, (live) a
 * restore point, apply, commit, re-read and re-diagnose.
 */
#include <stdlib.h>
#include <string.h>

#include "catalog_render.h"
#include "cli.h"
#include "cli_source.h"
#include "partial_plan.h"
#include "lib/platform.h"
#include "lib/platform_admin.h"
#include "util/json.h"
#include "ws2fix/backup.h"
#include "ws2fix/diagnose.h"
#include "ws2fix/errors.h"
#include "ws2fix/explain.h"
#include "ws2fix/live.h"
#include "ws2fix/repair.h"
#include "ws2fix/repair_run.h"

static char *strdup_(const char *s)
{
	size_t n = strlen(s) + 1;
	char *p = malloc(n);
	if (p)
		memcpy(p, s, n);
	return p;
}

typedef struct repair_args {
	int apply, force;
	ws2fix_repair_mode mode;
	const char *remove, *exclude_app, *backup, *fix_file;
} repair_args;

static int parse_args(cli_ctx *ctx, repair_args *a, int argc, char **argv)
{
	memset(a, 0, sizeof(*a));
	for (int i = 0; i < argc; i++) {
		const char *s = argv[i];
		const char *val = NULL;
		if (!strcmp(s, "--apply")) {
			a->apply = 1;
			continue;
		}
		if (!strcmp(s, "--force")) {
			a->force = 1;
			continue;
		}
		static const char *const with_value[] = {"--mode", "--remove", "--exclude-app", "--backup", "--fix-file"};
		size_t k = 0;
		for (; k < 5; k++) {
			size_t n = strlen(with_value[k]);
			if (!strncmp(s, with_value[k], n) && (s[n] == '\0' || s[n] == '=')) {
				if (s[n] == '=')
					val = s + n + 1;
				else if (i + 1 < argc)
					val = argv[++i];
				else
					return cli_error(ctx, EXIT_USAGE, "EUSAGE", cli_msg(ctx, MSG_ERR_OPTION_NEEDS_ARG), s);
				break;
			}
		}
		switch (k) {
		case 0:
			if (!strcmp(val, "surgical"))
				a->mode = WS2FIX_REPAIR_SURGICAL;
			else if (!strcmp(val, "reset"))
				a->mode = WS2FIX_REPAIR_RESET;
			else
				return cli_error(ctx, EXIT_USAGE, "EUSAGE", "%s", cli_msg(ctx, MSG_RC_BAD_MODE));
			break;
		case 1: a->remove = val; break;
		case 2: a->exclude_app = val; break;
		case 3: a->backup = val; break;
		case 4: a->fix_file = val; break;
		default:
			return cli_error(ctx, EXIT_USAGE, "EUSAGE",
				cli_msg(ctx, s[0] == '-' ? MSG_ERR_UNKNOWN_OPTION : MSG_ERR_TOO_MANY_ARGS), s);
		}
	}
	return 0;
}

static void text_plan(ws2fix_buf *b, cli_ctx *ctx, const ws2fix_repair_plan *p, ws2fix_repair_mode mode)
{
	ws2fix__buf_printf(b, cli_msg(ctx, MSG_RC_PLAN_HEADING),
		cli_msg(ctx, mode == WS2FIX_REPAIR_RESET ? MSG_RC_MODE_RESET : MSG_RC_MODE_SURGICAL));
	ws2fix__buf_puts(b, "\n");
	if (!p->step_count)
		ws2fix__buf_printf(b, "  %s\n", cli_msg(ctx, p->note_count ? MSG_RC_EMPTY_NOTES : MSG_RC_EMPTY));
	for (size_t i = 0; i < p->step_count; i++) {
		const ws2fix_repair_step *s = &p->steps[i];
		ws2fix__buf_printf(b, "%3zu. %s", i + 1, s->action);
		if (s->has_cause)
			ws2fix__buf_printf(b, "  [%s]", ws2fix_finding_code_name(s->cause));
		ws2fix__buf_putc(b, '\n');
		if (s->key)
			ws2fix__buf_printf(b, "     %s\n", s->key);
		if (s->old_text)
			ws2fix__buf_printf(b, "     %s: %s\n", cli_msg(ctx, MSG_RC_WAS), s->old_text);
		if (s->new_text)
			ws2fix__buf_printf(b, "     %s: %s\n", cli_msg(ctx, MSG_RC_NOW), s->new_text);
	}
	if (p->op_count) {
		ws2fix__buf_printf(b, "     (");
		ws2fix__buf_printf(b, cli_msg(ctx, MSG_RC_OPS), p->op_count);
		ws2fix__buf_puts(b, ")\n");
	}
	if (p->removed_count) {
		ws2fix__buf_printf(b, "\n%s\n", cli_msg(ctx, MSG_RC_REMOVES));
		for (size_t i = 0; i < p->removed_count; i++)
			ws2fix__buf_printf(b, "  - %s\n", p->removed_providers[i]);
	}
	if (p->note_count) {
		ws2fix__buf_printf(b, "\n%s:\n", cli_msg(ctx, MSG_RC_NOTES));
		for (size_t i = 0; i < p->note_count; i++)
			ws2fix__buf_printf(b, "  - %s\n", p->notes[i]);
	}
	ws2fix__buf_putc(b, '\n');
}

static const char *op_kind_name(ws2fix_op_kind k)
{
	switch (k) {
	case WS2FIX_OP_SET_VALUE: return "set-value";
	case WS2FIX_OP_DELETE_VALUE: return "delete-value";
	case WS2FIX_OP_CREATE_KEY: return "create-key";
	default: return "delete-key";
	}
}

static void json_plan(ws2fix_json *j, const ws2fix_repair_plan *p, ws2fix_repair_mode mode)
{
	ws2fix__json_kv_string(j, "mode", mode == WS2FIX_REPAIR_RESET ? "reset" : "surgical");
	ws2fix__json_key(j, "plan");
	ws2fix__json_object_begin(j);
	ws2fix__json_key(j, "steps");
	ws2fix__json_array_begin(j);
	for (size_t i = 0; i < p->step_count; i++) {
		const ws2fix_repair_step *s = &p->steps[i];
		ws2fix__json_object_begin(j);
		ws2fix__json_kv_string(j, "action", s->action);
		ws2fix__json_kv_string(j, "key", s->key);
		ws2fix__json_kv_string(j, "old", s->old_text);
		ws2fix__json_kv_string(j, "new", s->new_text);
		ws2fix__json_kv_string(j, "cause", s->has_cause ? ws2fix_finding_code_name(s->cause) : NULL);
		ws2fix__json_object_end(j);
	}
	ws2fix__json_array_end(j);
	ws2fix__json_key(j, "operations");
	ws2fix__json_array_begin(j);
	for (size_t i = 0; i < p->op_count; i++) {
		const ws2fix_repair_op *op = &p->ops[i];
		ws2fix__json_object_begin(j);
		ws2fix__json_kv_string(j, "op", op_kind_name(op->kind));
		ws2fix__json_kv_string(j, "key", op->key);
		if (op->name)
			ws2fix__json_kv_string(j, "value", op->name);
		if (op->kind == WS2FIX_OP_SET_VALUE) {
			ws2fix__json_kv_uint(j, "type", op->type);
			ws2fix__json_kv_uint(j, "size", op->len);
		}
		ws2fix__json_object_end(j);
	}
	ws2fix__json_array_end(j);
	ws2fix__json_key(j, "notes");
	ws2fix__json_array_begin(j);
	for (size_t i = 0; i < p->note_count; i++)
		ws2fix__json_string(j, p->notes[i]);
	ws2fix__json_array_end(j);
	ws2fix__json_key(j, "removes_providers");
	ws2fix__json_array_begin(j);
	for (size_t i = 0; i < p->removed_count; i++)
		ws2fix__json_string(j, p->removed_providers[i]);
	ws2fix__json_array_end(j);
	ws2fix__json_kv_bool(j, "needs_restart", p->needs_restart);
	ws2fix__json_kv_bool(j, "runs_netsh_winsock_reset", p->run_netsh_reset);
	ws2fix__json_object_end(j);
}

static int exclude_app(cli_ctx *ctx, cli_source *src, const char *app)
{
	if (!src->reg || !ws2fix_registry_has(src->reg, WS2FIX_CAP_LIVE) ||
	    (src->os.family != WS2FIX_OS_UNKNOWN && src->os.family < WS2FIX_OS_7))
		return cli_error(ctx, EXIT_USAGE, "EUSAGE", "%s", cli_msg(ctx, MSG_RC_EXCLUDE_LIVE_ONLY));
	if (!ws2fix__platform_is_admin())
		return cli_error(ctx, EXIT_USAGE, "EACCESS", "%s", cli_msg(ctx, MSG_RC_NOT_ADMIN));
	int rc = ws2fix_live_exclude_app(app, NULL);
	if (rc < 0)
		return cli_error(ctx, EXIT_FAILED, ws2fix_code_name(rc), cli_msg(ctx, MSG_RC_EXCLUDE_FAILED), app,
			ws2fix_error_last()->message);
	if (!ctx->quiet && !ctx->json) {
		fprintf(ctx->out, cli_msg(ctx, MSG_RC_EXCLUDED), app);
		fputc('\n', ctx->out);
	}
	return EXIT_OK;
}

/* Carry out the plan with the library's repair run (the same one the GUI
 * uses): backup, restore point, apply, commit, re-read, re-diagnose.  The
 * refusals that need a translated message come first.  Returns an exit
 * code; *after is the re-diagnosis. */
static int apply_plan(cli_ctx *ctx, cli_source *src, const repair_args *a, ws2fix_repair_plan *plan,
	ws2fix_buf *out, char **backup_out, ws2fix_diagnosis **after)
{
	ws2fix_registry *reg = src->reg;
	int live = ws2fix_registry_has(reg, WS2FIX_CAP_LIVE);
	if (ws2fix_registry_is_dirty(reg) && !a->force)
		return cli_error(ctx, EXIT_USAGE, "EDIRTY", "%s", cli_msg(ctx, MSG_RC_DIRTY_REFUSED));
	if (live && !ws2fix__platform_is_admin())
		return cli_error(ctx, EXIT_USAGE, "EACCESS", "%s", cli_msg(ctx, MSG_RC_NOT_ADMIN));
	char *backup = a->backup ? strdup_(a->backup) : cli_default_backup_path(ctx);
	if (!backup)
		return cli_error(ctx, EXIT_FAILED, "ENOMEM", "out of memory");
	*backup_out = backup;

	static const char *const desc = "ws2fix: before repairing Winsock";
	ws2fix_repair_run_options o = WS2FIX_REPAIR_RUN_OPTIONS_INIT;
	o.lang = ctx->lang;
	o.mode = a->mode;
	o.remove = a->remove;
	o.backup_path = backup;
	o.with_win2000_extras = src->os.family == WS2FIX_OS_2000 || cli_backup_win2000(ctx, reg);
	o.force = a->force;
	o.restore_point = live ? desc : NULL;
	o.confirmed = plan; /* what was printed is what gets written */
	ws2fix_repair_run_result r;
	ws2fix_repair_run(&r, reg, src->cat, &src->os, src->probe, &o);
	const char *why = r.error ? r.error : ws2fix_error_last()->message;
	int rc = EXIT_OK;
	switch (r.stage) {
	case WS2FIX_RUN_CHECKS:
	case WS2FIX_RUN_PLAN:
		rc = cli_error(ctx, EXIT_USAGE, "ECHANGED", cli_msg(ctx, MSG_RC_PLAN_FAILED), why);
		break;
	case WS2FIX_RUN_BACKUP:
		rc = cli_error(ctx, EXIT_FAILED, "EBACKUP", cli_msg(ctx, MSG_RC_BACKUP_FAILED), why);
		break;
	case WS2FIX_RUN_APPLY:
		if (r.rollback > 0)
			rc = cli_error(ctx, EXIT_FAILED, "EAPPLY", cli_msg(ctx, MSG_RC_LIVE_FAILED), why, backup);
		else if (r.rollback < 0)
			rc = cli_error(ctx, EXIT_FAILED, "EAPPLY", cli_msg(ctx, MSG_RC_LIVE_FAILED_ROLLBACK), why, backup);
		else
			rc = cli_error(ctx, EXIT_FAILED, "EAPPLY", cli_msg(ctx, MSG_RC_APPLY_FAILED), why, backup);
		break;
	case WS2FIX_RUN_VERIFY:
		rc = cli_error(ctx, EXIT_FAILED, "EVERIFY", cli_msg(ctx, MSG_ERR_CANNOT_READ_CATALOG), why);
		break;
	case WS2FIX_RUN_DONE:
		break;
	}
	if (r.stage == WS2FIX_RUN_DONE) {
		ws2fix__buf_printf(out, cli_msg(ctx, MSG_RC_BACKUP_WRITTEN), r.backup_path ? r.backup_path : backup);
		ws2fix__buf_putc(out, '\n');
		if (live) {
			if (r.restore_point > 0)
				ws2fix__buf_printf(out, cli_msg(ctx, MSG_RC_RESTORE_POINT), desc);
			else
				ws2fix__buf_puts(out, cli_msg(ctx, MSG_RC_RESTORE_POINT_OFF));
			ws2fix__buf_putc(out, '\n');
		}
		ws2fix__buf_printf(out, cli_msg(ctx, MSG_RC_APPLIED), r.plan ? r.plan->op_count : plan->op_count);
		ws2fix__buf_putc(out, '\n');
		if (r.original_kept) {
			ws2fix__buf_printf(out, cli_msg(ctx, MSG_RC_ORIGINAL_KEPT), r.original_kept);
			ws2fix__buf_putc(out, '\n');
		}
		if (r.netsh_ran) {
			ws2fix__buf_printf(out, cli_msg(ctx, MSG_RC_NETSH), r.netsh_exit);
			ws2fix__buf_putc(out, '\n');
		} else if (r.netsh_error) {
			ws2fix__buf_printf(out, cli_msg(ctx, MSG_RC_NETSH_FAILED), r.netsh_error);
			ws2fix__buf_putc(out, '\n');
		}
		ws2fix__buf_printf(out, cli_msg(ctx, MSG_RC_VERIFY), r.after->errors, r.after->warnings);
		ws2fix__buf_putc(out, '\n');
		if (r.have_counts) {
			ws2fix__buf_printf(out, cli_msg(ctx, MSG_RC_PROVIDERS), r.native_providers, r.wow64_providers);
			ws2fix__buf_putc(out, '\n');
		}
		if (live)
			ws2fix__buf_printf(out, "%s\n", cli_msg(ctx, MSG_RC_RESTART));
		rc = r.after->errors ? EXIT_PROBLEMS : EXIT_OK;
		*after = r.after;
		r.after = NULL;
	}
	ws2fix_repair_run_result_clear(&r);
	return rc;
}

static void guidance(ws2fix_buf *b, cli_ctx *ctx, const ws2fix_osinfo *os)
{
	ws2fix_guidance_id ids[8];
	size_t n = ws2fix_guidance_after_repair(ids, 8, ws2fix_explain_os_from_osinfo(os));
	if (n > 8)
		n = 8;
	if (!n)
		return;
	ws2fix__buf_printf(b, "\n%s:\n", cli_msg(ctx, MSG_RC_AFTER));
	for (size_t i = 0; i < n; i++) {
		ws2fix__buf_printf(b, "* %s\n", ws2fix_guidance_title(ids[i], ctx->lang));
		const char *t = ws2fix_guidance(ids[i], ctx->lang);
		while (*t) {
			size_t l = strcspn(t, "\n");
			ws2fix__buf_printf(b, "    %.*s\n", (int)l, t);
			t += l;
			if (*t)
				t++;
		}
	}
}

int cmd_repair(cli_ctx *ctx, int argc, char **argv)
{
	repair_args a;
	int rc = parse_args(ctx, &a, argc, argv);
	if (rc)
		return rc;
	cli_source src;
	rc = cli_source_open(ctx, &src, (a.apply ? CLI_SOURCE_WRITABLE : 0) | CLI_SOURCE_PROBE | CLI_SOURCE_NETSH_OK);
	if (rc)
		return rc;
	if (!src.reg) {
		/* A partial source (--netsh, --hijackthis): steps for the machine. */
		if (a.apply)
			rc = cli_error(ctx, EXIT_USAGE, "EUSAGE", cli_msg(ctx, MSG_PP_NO_APPLY),
				ctx->hijackthis ? "--hijackthis" : "--netsh");
		else if (a.exclude_app || a.remove || a.backup || a.fix_file)
			rc = cli_error(ctx, EXIT_USAGE, "EUSAGE", cli_msg(ctx, MSG_PP_NO_OPTION),
				a.exclude_app ? "--exclude-app" : (a.remove ? "--remove" : (a.backup ? "--backup" : "--fix-file")));
		else
			rc = cli_partial_plan(ctx, &src, a.mode == WS2FIX_REPAIR_RESET);
		cli_source_close(&src);
		return rc;
	}
	if (a.fix_file && (a.apply || a.exclude_app)) {
		rc = cli_error(ctx, EXIT_USAGE, "EUSAGE", cli_msg(ctx, MSG_FF_NOT_WITH), a.apply ? "--apply" : "--exclude-app");
		cli_source_close(&src);
		return rc;
	}
	if (a.exclude_app) {
		rc = exclude_app(ctx, &src, a.exclude_app);
		cli_source_close(&src);
		return rc;
	}
	ws2fix_diagnose_options dopt = WS2FIX_DIAGNOSE_OPTIONS_INIT;
	dopt.lang = ctx->lang;
	dopt.os = &src.os;
	dopt.probe = src.probe;
	ws2fix_diagnosis *before = NULL, *after = NULL;
	ws2fix_repair_plan *plan = NULL;
	char *backup = NULL;
	int lrc = ws2fix_diagnose(&before, src.reg, src.cat, &dopt);
	if (lrc < 0) {
		rc = cli_error_lib(ctx, EXIT_USAGE, lrc, MSG_ERR_DIAGNOSE, NULL);
		goto out;
	}
	ws2fix_repair_options ropt = WS2FIX_REPAIR_OPTIONS_INIT;
	ropt.lang = ctx->lang;
	ropt.mode = a.mode;
	ropt.remove = a.remove;
	ropt.os = &src.os;
	lrc = ws2fix_repair_plan_build(&plan, src.reg, src.cat, before, &ropt);
	if (lrc < 0) {
		rc = cli_error(ctx, EXIT_USAGE, ws2fix_code_name(lrc), cli_msg(ctx, MSG_RC_PLAN_FAILED),
			ws2fix_error_last()->message);
		goto out;
	}
	/* Live reset on XP SP2 and later also runs the system's own reset. */
	if (a.mode == WS2FIX_REPAIR_RESET && ws2fix_registry_has(src.reg, WS2FIX_CAP_LIVE) &&
	    (src.os.family >= WS2FIX_OS_2003 || (src.os.family == WS2FIX_OS_XP && src.os.service_pack >= 2)))
		plan->run_netsh_reset = 1;

	ws2fix_buf b = WS2FIX_BUF_INIT, applied = WS2FIX_BUF_INIT;
	int empty = plan->op_count == 0 && !plan->run_netsh_reset;
	if (a.fix_file) {
		/* The plan as a file for `reg import` on the machine: the input is
		 * only read. */
		unsigned char *data = NULL;
		size_t len = 0;
		lrc = ws2fix_repair_plan_fix_file(&data, &len, plan);
		if (lrc == 0)
			lrc = ws2fix__write_file_atomic(a.fix_file, data, len);
		free(data);
		if (lrc < 0) {
			rc = cli_error_lib(ctx, EXIT_USAGE, lrc, MSG_FF_FAILED, a.fix_file);
			goto out;
		}
	}
	if (a.apply && !empty)
		rc = apply_plan(ctx, &src, &a, plan, &applied, &backup, &after);
	else
		/* Nothing to write: with --apply, exit 1 when errors remain that
		 * the plan's notes say it cannot repair (docs/cli/repair.md). */
		rc = empty ? ((a.apply && before->errors) ? EXIT_PROBLEMS : EXIT_OK) : EXIT_PROBLEMS;
	if (rc == EXIT_USAGE || rc == EXIT_FAILED) {
		ws2fix__buf_free(&applied);
		goto out;
	}
	if (ctx->json) {
		ws2fix_json j;
		ws2fix__json_init(&j, &b, 1);
		ws2fix__json_object_begin(&j);
		cli_json_source(&j, ctx, src.reg);
		cli_json_os(&j, &src.os);
		json_plan(&j, plan, a.mode);
		ws2fix__json_kv_bool(&j, "applied", a.apply && !empty);
		ws2fix__json_kv_string(&j, "backup", backup);
		ws2fix__json_kv_string(&j, "fix_file", a.fix_file);
		if (after) {
			ws2fix__json_key(&j, "after");
			ws2fix__json_object_begin(&j);
			ws2fix__json_kv_uint(&j, "errors", after->errors);
			ws2fix__json_kv_uint(&j, "warnings", after->warnings);
			ws2fix__json_kv_bool(&j, "healthy", after->errors == 0);
			ws2fix__json_object_end(&j);
		}
		ws2fix__json_object_end(&j);
		ws2fix__buf_putc(&b, '\n');
	} else {
		ws2fix__buf_printf(&b, "%s: %s %s\n", cli_msg(ctx, MSG_SHOW_SOURCE), ws2fix_registry_kind(src.reg),
			ws2fix_registry_path(src.reg));
		ws2fix__buf_printf(&b, "%s: %s%s%s\n\n", cli_msg(ctx, MSG_DIAG_OS),
			src.os.name[0] ? src.os.name : cli_msg(ctx, MSG_DIAG_OS_UNKNOWN), src.os.arch[0] ? " " : "", src.os.arch);
		text_plan(&b, ctx, plan, a.mode);
		if (a.apply && !empty) {
			ws2fix__buf_put(&b, applied.ptr ? applied.ptr : "", applied.len);
			guidance(&b, ctx, &src.os);
		} else if (!empty) {
			ws2fix__buf_printf(&b, "%s\n", cli_msg(ctx, MSG_RC_DRY_RUN));
		}
		if (a.fix_file) {
			ws2fix__buf_printf(&b, cli_msg(ctx, MSG_FF_WRITTEN), a.fix_file, plan->op_count);
			ws2fix__buf_putc(&b, '\n');
		}
	}
	cli_emit(ctx, &b);
	ws2fix__buf_free(&b);
	ws2fix__buf_free(&applied);
out:
	free(backup);
	ws2fix_repair_plan_free(plan);
	ws2fix_diagnosis_free(before);
	ws2fix_diagnosis_free(after);
	cli_source_close(&src);
	return rc;
}

/* SPDX-License-Identifier: MIT */
#include "cli_source.h"

#include <stdlib.h>
#include <string.h>

#include "ws2fix/dllprobe.h"
#include "ws2fix/errors.h"
#include "ws2fix/netsh.h"
#include "lib/platform.h"
#include "util/json.h"

static int detect(cli_ctx *ctx, cli_source *src)
{
	if (!src->reg) {
		ws2fix_os_detect(&src->os, NULL, NULL, src->cat);
		return 0;
	}
	if (ws2fix_registry_has(src->reg, WS2FIX_CAP_LIVE) && ws2fix_os_detect_live(&src->os) == 0)
		return 0;
	/* A SOFTWARE hive: --software, or one found beside the SYSTEM hive
	 * (ws2fix_os_detect_hives looks there when given none). */
	int rc = ws2fix_os_detect_hives(&src->os, src->reg, ctx->software, src->cat);
	if (rc < 0)
		return ctx->software ? cli_error_lib(ctx, EXIT_USAGE, rc, MSG_ERR_SOFTWARE, NULL)
				     : cli_error_lib(ctx, EXIT_USAGE, rc, MSG_ERR_CANNOT_READ_CATALOG, NULL);
	return 0;
}

/* --os wins over detection, but a detected architecture is kept. */
static int open_os(cli_ctx *ctx, cli_source *src)
{
	ws2fix_osinfo override;
	if (ctx->os && ws2fix_os_parse(&override, ctx->os) < 0)
		return cli_error(ctx, EXIT_USAGE, "EUSAGE", cli_msg(ctx, MSG_ERR_BAD_OS), ctx->os);
	int rc = detect(ctx, src);
	if (rc)
		return rc;
	if (ctx->os)
		ws2fix_os_apply_override(&src->os, &override);
	ws2fix_error_clear();
	return 0;
}

static int open_probe(cli_ctx *ctx, cli_source *src)
{
	int rc;
	if (ctx->windows_root) {
		rc = ws2fix_dll_probe_offline_new(&src->probe, ctx->windows_root);
		if (rc < 0)
			return cli_error_lib(ctx, EXIT_USAGE, rc, MSG_ERR_WINDOWS_ROOT, NULL);
		return 0;
	}
	if (ctx->hive) {
		if (ws2fix_windows_root_from_hive(&src->windows_root, ctx->hive) == 0 &&
		    ws2fix_dll_probe_offline_new(&src->probe, src->windows_root) < 0)
			src->probe = NULL;
		ws2fix_error_clear();
		return 0;
	}
	if (src->reg && ws2fix_registry_has(src->reg, WS2FIX_CAP_LIVE)) {
		if (ws2fix_dll_probe_live_new(&src->probe) < 0)
			src->probe = NULL;
		ws2fix_error_clear();
	}
	return 0;
}

int cli_source_open(cli_ctx *ctx, cli_source *src, unsigned int flags)
{
	memset(src, 0, sizeof(*src));
	int rc;
	if (ctx->hijackthis) {
		/* A partial source with no catalog: its findings come from the log. */
		ws2fix_osinfo override;
		if (!(flags & CLI_SOURCE_NETSH_OK))
			return cli_error(ctx, EXIT_USAGE, "EUSAGE", cli_msg(ctx, MSG_ERR_HJT_NOT_HERE), "--hijackthis");
		if (ctx->os && ws2fix_os_parse(&override, ctx->os) < 0)
			return cli_error(ctx, EXIT_USAGE, "EUSAGE", cli_msg(ctx, MSG_ERR_BAD_OS), ctx->os);
		rc = ws2fix_hjt_read(&src->hjt, ctx->hijackthis);
		if (rc < 0)
			return cli_error_lib(ctx, EXIT_USAGE, rc, MSG_ERR_CANNOT_OPEN, NULL);
		src->os = src->hjt->os;
		if (ctx->os)
			ws2fix_os_apply_override(&src->os, &override);
		return 0;
	}
	if (ctx->netsh) {
		if (!(flags & CLI_SOURCE_NETSH_OK))
			return cli_error(ctx, EXIT_USAGE, "EUSAGE", cli_msg(ctx, MSG_ERR_NETSH_NOT_HERE), "--netsh");
		rc = ws2fix_netsh_read(&src->cat, ctx->netsh);
		if (rc < 0)
			return cli_error_lib(ctx, EXIT_USAGE, rc, MSG_ERR_CANNOT_OPEN, NULL);
	} else {
		if ((rc = cli_open_source(ctx, &src->reg, flags & CLI_SOURCE_WRITABLE)) != 0)
			return rc;
		int lrc = ws2fix_catalog_read(&src->cat, src->reg);
		if (lrc < 0) {
			rc = cli_error_lib(ctx, EXIT_USAGE, lrc, MSG_ERR_CANNOT_READ_CATALOG, NULL);
			cli_source_close(src);
			return rc;
		}
	}
	if ((rc = open_os(ctx, src)) != 0 ||
	    ((flags & CLI_SOURCE_PROBE) && (rc = open_probe(ctx, src)) != 0)) {
		cli_source_close(src);
		return rc;
	}
	return 0;
}

void cli_source_close(cli_source *src)
{
	ws2fix_dll_probe_free(src->probe);
	ws2fix_hjt_log_free(src->hjt);
	ws2fix_catalog_free(src->cat);
	ws2fix_registry_free(src->reg);
	free(src->windows_root);
	memset(src, 0, sizeof(*src));
}

void cli_json_os(ws2fix_json *j, const ws2fix_osinfo *os)
{
	ws2fix__json_key(j, "os");
	ws2fix__json_object_begin(j);
	ws2fix__json_kv_string(j, "name", os->name[0] ? os->name : NULL);
	ws2fix__json_kv_string(j, "id", os->id[0] ? os->id : NULL);
	ws2fix__json_key(j, "build");
	if (os->build)
		ws2fix__json_uint(j, os->build);
	else
		ws2fix__json_null(j);
	ws2fix__json_kv_string(j, "arch", os->arch[0] ? os->arch : NULL);
	ws2fix__json_key(j, "service_pack");
	if (os->service_pack >= 0)
		ws2fix__json_int(j, os->service_pack);
	else
		ws2fix__json_null(j);
	ws2fix__json_kv_string(j, "detected_from", os->detected_from[0] ? os->detected_from : NULL);
	ws2fix__json_kv_string(j, "evidence", os->evidence);
	ws2fix__json_object_end(j);
}

/* SPDX-License-Identifier: MIT */
/*
 * The fix file of a session's plan (ws2fix/fixfile.h): what the header
 * says is gathered here from the session (the source's name, its Windows,
 * its Serial_Access_Num, where an export was made), the parts are built in
 * repair/, and both files are claimed as outputs (ws2fix/outputs.h) before
 * either is written, each atomically.
 */
#include <stdlib.h>
#include <string.h>

#include "session_internal.h"
#include "../errors_internal.h"
#include "../platform.h"
#include "../platform_fileid.h"
#include "../regformat/regformat.h"
#include "../repair/fix_internal.h"
#include "../repair/run_internal.h"
#include "../../util/buf.h"
#include "../platform_dir.h"
#include "../../util/utf.h"
#include "ws2fix/errors.h"
#include "ws2fix/outputs.h"

static int build_fix_file(ws2fix_fix_file *out, ws2fix_session *s, const ws2fix_repair_plan *plan,
	const char *tool_version, const char *source_name, const char *reg_name, const char *cmd_name);

int ws2fix_session_fix_file(ws2fix_fix_file *out, ws2fix_session *s, const ws2fix_repair_plan *plan,
	const char *tool_version, const char *source_name, const char *reg_name, const char *cmd_name)
{
	memset(out, 0, sizeof(*out));
	/* Made on a --os that the source contradicts, it would write
	 * another Windows' catalog onto that machine. */
	if (s->os_conflict)
		return ws2fix__session_refuse_os(s);
	return build_fix_file(out, s, plan, tool_version, source_name, reg_name, cmd_name);
}

static int build_fix_file(ws2fix_fix_file *out, ws2fix_session *s, const ws2fix_repair_plan *plan,
	const char *tool_version, const char *source_name, const char *reg_name, const char *cmd_name)
{
	memset(out, 0, sizeof(*out));
	if (!s->reg || !s->cat)
		return ws2fix__fail(WS2FIX_EINVALID, WS2FIX_ERRCLASS_INVALID,
			"a fix file needs a registry source (netsh text and HijackThis logs have none)");
	ws2fix_fix_file_info in;
	memset(&in, 0, sizeof(in));
	in.lang = s->lang;
	in.tool_version = tool_version;
	in.source_name = source_name && *source_name ? source_name : s->path[0] ? ws2fix__path_base(s->path) : "HKLM\\SYSTEM";
	ws2fix_buf os = WS2FIX_BUF_INIT, from = WS2FIX_BUF_INIT;
	if (s->os.name[0])
		ws2fix__buf_printf(&os, "%s%s%s", s->os.name, s->os.arch[0] ? " " : "", s->os.arch);
	in.os_name = os.len ? os.ptr : NULL;
	in.has_serial = s->cat->has_serial;
	in.serial = s->cat->serial;
	in.controlset = ws2fix_registry_controlset(s->reg);
	const char *root = ws2fix_registry_export_root(s->reg), *cs = ws2fix_registry_export_controlset(s->reg);
	if (root) {
		/* Said only where the export's own path differs from the one the
		 * fix file writes. */
		ws2fix__buf_printf(&from, "%s%s%s", root, cs && *cs ? "\\" : "", cs ? cs : "");
		ws2fix_buf same = WS2FIX_BUF_INIT;
		ws2fix__buf_printf(&same, "HKEY_LOCAL_MACHINE\\SYSTEM\\%s", in.controlset);
		if (from.ptr && same.ptr && ws2fix__strcasecmp(from.ptr, same.ptr) != 0)
			in.exported_from = from.ptr;
		ws2fix__buf_free(&same);
	}
	in.reg_name = reg_name;
	in.cmd_name = cmd_name;

	ws2fix_regtree *after = NULL;
	ws2fix_buf doc = WS2FIX_BUF_INIT, cmd = WS2FIX_BUF_INIT;
	int rc = ws2fix__buf_oom(&os) || ws2fix__buf_oom(&from) ? WS2FIX_ENOMEM : 0;
	if (rc == 0)
		rc = ws2fix__fix_after(&after, s->reg, plan);
	if (rc == 0)
		rc = ws2fix__fix_document(&doc, s->cat, plan, after, &in);
	if (rc == 0)
		rc = ws2fix__regfile_finish(&out->reg, &out->reg_len, &doc);
	else
		ws2fix__buf_free(&doc);
	if (rc == 0)
		rc = ws2fix__fix_cmd(&cmd, &in, s->cat, plan);
	if (rc == 0 && !ws2fix__buf_oom(&cmd)) {
		out->cmd_len = cmd.len;
		out->cmd = ws2fix__buf_detach(&cmd);
	} else {
		ws2fix__buf_free(&cmd);
	}
	if (rc == 0 && !out->cmd)
		rc = WS2FIX_ENOMEM;
	ws2fix__regtree_free(after);
	ws2fix__buf_free(&os);
	ws2fix__buf_free(&from);
	if (rc < 0) {
		ws2fix_fix_file_clear(out);
		if (rc == WS2FIX_ENOMEM)
			ws2fix__oom();
	}
	return rc;
}

int ws2fix_session_write_fix_file(ws2fix_session *s, const ws2fix_repair_plan *plan, const char *path,
	const char *tool_version, int force, char **cmd_path, ws2fix_output_refusal *refused)
{
	*cmd_path = NULL;
	*refused = WS2FIX_OUTPUT_OK;
	if (s->os_conflict && !force)
		return ws2fix__session_refuse_os(s);
	if (!ws2fix_fix_file_name_ok(path)) {
		*refused = WS2FIX_OUTPUT_NOT_REG;
		char *text = ws2fix_output_refusal_text(*refused, path, s->lang);
		int rc = ws2fix__fail(WS2FIX_EINVALID, WS2FIX_ERRCLASS_INVALID, "%s", text ? text : "not a .reg name");
		free(text);
		return rc;
	}
	char *cmd = ws2fix_fix_file_cmd_path(path);
	if (!cmd)
		return ws2fix__oom();
	/* Both files are claimed before either is written. */
	int rc = ws2fix__claim_output(refused, s->outputs, s->reg, path, force, s->lang);
	if (rc == 0 && (rc = ws2fix__claim_output(refused, s->outputs, s->reg, cmd, force, s->lang)) < 0)
		ws2fix_outputs_release(s->outputs, path);
	if (rc < 0) {
		free(cmd);
		return rc;
	}
	ws2fix_fix_file f;
	rc = build_fix_file(&f, s, plan, tool_version, NULL, ws2fix__path_base(path), ws2fix__path_base(cmd));
	/* Both or neither: each complete under a temporary name before either
	 * takes its own (a full disk leaves no .cmd without its .reg). */
	if (rc == 0) {
		const char *const paths[2] = {path, cmd};
		const void *const data[2] = {f.reg, f.cmd};
		const size_t lens[2] = {f.reg_len, f.cmd_len};
		rc = ws2fix__write_files_atomic(2, paths, data, lens);
	}
	ws2fix_fix_file_clear(&f);
	if (rc < 0) {
		free(cmd);
		return rc;
	}
	*cmd_path = cmd;
	return 0;
}

/* SPDX-License-Identifier: MIT */
/*
 * TRANSPORT_CONFIG_BROKEN: what can be put back without the setup files.
 * Helper DLL names per transport, as every real hive has them
 * (shared/hives: Tcpip wshtcpip.dll, Tcpip6 wship6.dll, NetBIOS
 * wshnetbs.dll, Psched/Gpc wshqos.dll, afunix wshunix.dll, vmbus
 * wshhyperv.dll, RFCOMM wshBth.dll, irda wshirda.dll).  The Mapping table
 * is not rebuilt: its rows differ per version, and a wrong one is worse
 * than none, so the plan says to reset TCP/IP instead.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "repair_internal.h"
#include "../errors_internal.h"
#include "../../util/buf.h"
#include "../../util/utf.h"

static const struct {
	const char *transport;
	const char *helper;
} helpers[] = {
	{"Tcpip", "%SystemRoot%\\System32\\wshtcpip.dll"},
	{"Tcpip6", "%SystemRoot%\\System32\\wship6.dll"},
	{"NetBIOS", "%SystemRoot%\\System32\\wshnetbs.dll"},
	{"Psched", "%SystemRoot%\\System32\\wshqos.dll"},
	{"Gpc", "%SystemRoot%\\System32\\wshqos.dll"},
	{"afunix", "%SystemRoot%\\system32\\wshunix.dll"},
	{"vmbus", "%SystemRoot%\\system32\\wshhyperv.dll"},
	{"RFCOMM", "%SystemRoot%\\System32\\wshBth.dll"},
	{"irda", "%SystemRoot%\\System32\\wshirda.dll"},
};

static const char *helper_for(const char *t)
{
	for (size_t i = 0; i < sizeof(helpers) / sizeof(helpers[0]); i++)
		if (!ws2fix__strcasecmp(helpers[i].transport, t))
			return helpers[i].helper;
	return NULL;
}

static void note(rctx *c, const ws2fix_finding *f, ws2fix_msgid why)
{
	ws2fix__repair_note_no_step(c, f->code, f->severity, f->message, why);
}

/* "<cs>\Services\<T>\Parameters\Winsock" -> T */
static int transport_of(const char *key, char *out, size_t outsz)
{
	const char *s = strstr(key, "\\Services\\");
	if (!s)
		return 0;
	s += 10;
	const char *e = strchr(s, '\\');
	if (!e || (size_t)(e - s) >= outsz || strcmp(e, "\\Parameters\\Winsock") != 0)
		return 0;
	memcpy(out, s, (size_t)(e - s));
	out[e - s] = '\0';
	return 1;
}

/* Transports missing: list the known transports that are installed
 * (their Parameters\Winsock key has a helper), in the order of the table. */
static void rebuild_transports(rctx *c, const ws2fix_finding *f, size_t idx)
{
	const char *cs = ws2fix_registry_controlset(c->reg);
	ws2fix_buf multi = WS2FIX_BUF_INIT, shown = WS2FIX_BUF_INIT;
	for (size_t i = 0; i < sizeof(helpers) / sizeof(helpers[0]); i++) {
		ws2fix_buf k = WS2FIX_BUF_INIT;
		ws2fix__buf_printf(&k, "%s\\Services\\%s\\Parameters\\Winsock", cs, helpers[i].transport);
		ws2fix_regvalue v;
		if (!ws2fix__buf_oom(&k) && ws2fix_registry_get_value(&v, c->reg, k.ptr, "HelperDllName") == 0) {
			ws2fix_regvalue_clear(&v);
			unsigned char *w = NULL;
			size_t wl = 0;
			if (ws2fix__utf8_to_utf16le(&w, &wl, helpers[i].transport, strlen(helpers[i].transport), 1) == 0) {
				ws2fix__buf_put(&multi, w, wl);
				free(w);
			}
			ws2fix__buf_printf(&shown, "%s%s", shown.len ? " " : "", helpers[i].transport);
		}
		ws2fix__buf_free(&k);
	}
	ws2fix_error_clear();
	if (!multi.len) {
		note(c, f, MSG_R_WHY_UNKNOWN_TRANSPORT);
	} else {
		ws2fix__buf_put(&multi, "\0\0", 2);
		ws2fix_buf k = WS2FIX_BUF_INIT;
		ws2fix__buf_printf(&k, "%s\\Services\\Winsock\\Parameters", cs);
		ws2fix__repair_op_set(c, ws2fix__buf_cstr(&k), "Transports", WS2FIX_REG_MULTI_SZ, multi.ptr, multi.len);
		ws2fix__repair_step(c, ws2fix__buf_cstr(&k), NULL, ws2fix__buf_cstr(&shown), f->code, MSG_R_TRANSPORTS,
			ws2fix__buf_cstr(&shown));
		ws2fix__buf_free(&k);
	}
	c->covered[idx] = 1;
	ws2fix__buf_free(&multi);
	ws2fix__buf_free(&shown);
}

void ws2fix__repair_transports(rctx *c)
{
	const ws2fix_diagnosis *d = c->d;
	for (size_t i = 0; d && i < d->count; i++) {
		const ws2fix_finding *f = &d->findings[i];
		if (f->code != WS2FIX_F_TRANSPORT_CONFIG_BROKEN || !f->key)
			continue;
		char t[128];
		if (strstr(f->key, "Winsock\\Parameters") && !strstr(f->key, "\\Parameters\\Winsock")) {
			rebuild_transports(c, f, i);
			continue;
		}
		if (strstr(f->key, "\\Linkage\\Bind")) {
			note(c, f, MSG_R_WHY_BINDINGS);
			c->covered[i] = 1;
			continue;
		}
		if (!transport_of(f->key, t, sizeof(t))) {
			note(c, f, MSG_R_WHY_UNKNOWN_TRANSPORT);
			c->covered[i] = 1;
			continue;
		}
		const char *helper = helper_for(t);
		int helper_problem = strstr(f->message, "HelperDllName") != NULL;
		if (helper_problem && helper) {
			ws2fix__repair_op_set_string(c, f->key, "HelperDllName", WS2FIX_REG_EXPAND_SZ, helper);
			ws2fix__repair_step(c, f->key, NULL, helper, f->code, MSG_R_HELPER, t, helper);
		} else if (helper_problem || f->path) {
			/* Unknown transport, or its helper DLL itself is missing. */
			note(c, f, f->path ? MSG_R_WHY_SYSTEM_FILE : MSG_R_WHY_UNKNOWN_TRANSPORT);
		} else {
			note(c, f, MSG_R_WHY_MAPPING);
		}
		c->covered[i] = 1;
	}
}

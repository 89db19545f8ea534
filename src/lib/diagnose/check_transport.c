/* SPDX-License-Identifier: MIT */
/*
 * The older Winsock keys the seeds' repairs touch: Services\Winsock\
 * Parameters\Transports and, per transport T, Services\T\Parameters\Winsock
 * (HelperDllName, Mapping); on Windows 2000 also the LanManServer and
 * LanManWorkstation Linkage\Bind values (seed 002).
 *
 * Mapping layout, checked on every real hive (Tcpip 140/104 bytes, NetBIOS
 * 32, afunix 20, Psched 152, Gpc 128, vmbus 44, RFCOMM 56): DWORD rows,
 * DWORD columns (always 3: family, type, protocol), then rows*columns DWORDs.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag_internal.h"
#include "ws2fix/errors.h"
#include "../../util/buf.h"
#include "../../util/utf.h"

/* More transports than any machine has; bounds the work on hostile input. */
#define MAX_TRANSPORTS 64

static void broken(diag_ctx *c, const char *key, const char *path, ws2fix_msgid msg, const char *a,
	const char *b)
{
	diag_evidence ev = DIAG_EVIDENCE_INIT;
	ev.catalog = "transport";
	ev.key = key;
	ev.path = path;
	(ws2fix__diag_add)(c, WS2FIX_F_TRANSPORT_CONFIG_BROKEN, &ev, msg, a, b);
}

static int mapping_ok(const ws2fix_regvalue *v)
{
	if (v->type != WS2FIX_REG_BINARY || v->len < 8 || v->len % 4)
		return 0;
	uint32_t rows = (uint32_t)v->data[0] | ((uint32_t)v->data[1] << 8) | ((uint32_t)v->data[2] << 16) |
		((uint32_t)v->data[3] << 24);
	uint32_t cols = (uint32_t)v->data[4] | ((uint32_t)v->data[5] << 8) | ((uint32_t)v->data[6] << 16) |
		((uint32_t)v->data[7] << 24);
	return rows >= 1 && rows <= 4096 && cols == 3 && v->len == 8 + (size_t)rows * cols * 4;
}

static int check_one(diag_ctx *c, const char *cs, const char *t)
{
	ws2fix_buf svc = WS2FIX_BUF_INIT, key = WS2FIX_BUF_INIT;
	ws2fix__buf_printf(&svc, "%s\\Services\\%s", cs, t);
	ws2fix__buf_printf(&key, "%s\\Services\\%s\\Parameters\\Winsock", cs, t);
	if (ws2fix__buf_oom(&svc) || ws2fix__buf_oom(&key)) {
		c->oom = 1;
		goto out;
	}
	int rc = ws2fix_registry_key_exists(c->reg, svc.ptr);
	if (rc < 0)
		goto fail;
	if (rc == 0 && ws2fix_registry_has(c->reg, WS2FIX_CAP_EXPORT))
		goto out; /* not part of the export: nothing to say */
	rc = ws2fix_registry_key_exists(c->reg, key.ptr);
	if (rc < 0)
		goto fail;
	if (rc == 0) {
		broken(c, key.ptr, NULL, MSG_F_TRANSPORT_NO_KEY, t, key.ptr);
		goto out;
	}
	ws2fix_regvalue v;
	rc = ws2fix_registry_get_value(&v, c->reg, key.ptr, "HelperDllName");
	if (rc < 0 && rc != WS2FIX_ENOTFOUND)
		goto fail;
	char *helper = NULL;
	if (rc == 0 && (v.type == WS2FIX_REG_SZ || v.type == WS2FIX_REG_EXPAND_SZ))
		ws2fix_regvalue_string(&helper, &v);
	if (rc == 0)
		ws2fix_regvalue_clear(&v);
	if (!helper || !helper[0]) {
		broken(c, key.ptr, NULL, MSG_F_TRANSPORT_BAD_HELPER, t, key.ptr);
	} else if (c->o->probe &&
		   c->o->probe->exists(c->o->probe->payload, helper, WS2FIX_VIEW_64) == WS2FIX_EXISTS_NO) {
		broken(c, key.ptr, helper, MSG_F_TRANSPORT_HELPER_MISSING, t, helper);
	}
	free(helper);
	rc = ws2fix_registry_get_value(&v, c->reg, key.ptr, "Mapping");
	if (rc < 0 && rc != WS2FIX_ENOTFOUND)
		goto fail;
	if (rc == WS2FIX_ENOTFOUND || !mapping_ok(&v))
		broken(c, key.ptr, NULL, MSG_F_TRANSPORT_BAD_MAPPING, t, key.ptr);
	if (rc == 0)
		ws2fix_regvalue_clear(&v);
out:
	ws2fix__buf_free(&svc);
	ws2fix__buf_free(&key);
	ws2fix_error_clear();
	return 0;
fail:
	ws2fix__buf_free(&svc);
	ws2fix__buf_free(&key);
	return rc;
}

/* Windows 2000 keeps the bindings the seed tells people to write down
 * before reinstalling TCP/IP. */
static int check_bindings(diag_ctx *c, const char *cs)
{
	static const char *const services[] = {"LanManServer", "LanManWorkstation"};
	for (size_t i = 0; i < 2; i++) {
		ws2fix_buf key = WS2FIX_BUF_INIT;
		ws2fix__buf_printf(&key, "%s\\Services\\%s\\Linkage", cs, services[i]);
		if (ws2fix__buf_oom(&key)) {
			c->oom = 1;
			return 0;
		}
		ws2fix_regvalue v;
		int rc = ws2fix_registry_get_value(&v, c->reg, key.ptr, "Bind");
		if (rc == 0) {
			if (v.type != WS2FIX_REG_MULTI_SZ)
				rc = WS2FIX_ENOTFOUND;
			ws2fix_regvalue_clear(&v);
		}
		if (rc == WS2FIX_ENOTFOUND) {
			ws2fix__buf_puts(&key, "\\Bind");
			broken(c, key.ptr, NULL, MSG_F_TRANSPORT_NO_BIND, key.ptr, NULL);
			rc = 0;
		}
		ws2fix__buf_free(&key);
		if (rc < 0)
			return rc;
	}
	ws2fix_error_clear();
	return 0;
}

int ws2fix__diag_check_transports(diag_ctx *c)
{
	if (!c->reg) {
		ws2fix__diag_skip(c, MSG_SKIP_NO_REGISTRY);
		return 0;
	}
	const char *cs = ws2fix_registry_controlset(c->reg);
	ws2fix_buf wk = WS2FIX_BUF_INIT, params = WS2FIX_BUF_INIT;
	ws2fix__buf_printf(&wk, "%s\\Services\\Winsock", cs);
	ws2fix__buf_printf(&params, "%s\\Services\\Winsock\\Parameters", cs);
	int rc = 0;
	if (ws2fix__buf_oom(&wk) || ws2fix__buf_oom(&params)) {
		c->oom = 1;
		goto out;
	}
	rc = ws2fix_registry_key_exists(c->reg, wk.ptr);
	if (rc < 0)
		goto out;
	if (rc == 0 && ws2fix_registry_has(c->reg, WS2FIX_CAP_EXPORT)) {
		/* An export of WinSock2 alone (the usual case) says nothing
		 * about the older key. */
		ws2fix__diag_skip(c, MSG_SKIP_TRANSPORTS_NOT_EXPORTED);
		rc = 0;
		goto out;
	}
	ws2fix_regvalue v;
	rc = ws2fix_registry_get_value(&v, c->reg, params.ptr, "Transports");
	if (rc < 0 && rc != WS2FIX_ENOTFOUND)
		goto out;
	if (rc == WS2FIX_ENOTFOUND || v.type != WS2FIX_REG_MULTI_SZ) {
		if (rc == 0)
			ws2fix_regvalue_clear(&v);
		broken(c, params.ptr, NULL, MSG_F_TRANSPORT_NO_TRANSPORTS, NULL, NULL);
		rc = 0;
		goto out;
	}
	ws2fix_strlist names;
	rc = ws2fix_regvalue_multi_sz(&names, &v);
	ws2fix_regvalue_clear(&v);
	if (rc < 0)
		goto out;
	size_t n = 0;
	for (size_t i = 0; i < names.count && n < MAX_TRANSPORTS; i++) {
		if (strchr(names.items[i], '\\'))
			continue;
		if ((rc = check_one(c, cs, names.items[i])) < 0)
			break;
		n++;
	}
	ws2fix_strlist_clear(&names);
	if (rc >= 0 && n == 0)
		broken(c, params.ptr, NULL, MSG_F_TRANSPORT_NO_TRANSPORTS, NULL, NULL);
	if (rc >= 0 && c->o->os && c->o->os->family == WS2FIX_OS_2000)
		rc = check_bindings(c, cs);
out:
	ws2fix__buf_free(&wk);
	ws2fix__buf_free(&params);
	if (rc >= 0)
		ws2fix_error_clear();
	return rc < 0 ? rc : 0;
}

/* SPDX-License-Identifier: MIT */
/*
 * The repair engine on real data: a healthy catalog gives an empty plan;
 * each class of damage, built from a real hive or the real export, is
 * repaired (applied in memory) to a catalog with no error finding, keeping
 * the healthy third-party providers with their chains; reset reproduces the
 * Microsoft entry set of each real hive.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "ws2fix/catalog.h"
#include "ws2fix/diagnose.h"
#include "ws2fix/errors.h"
#include "ws2fix/osinfo.h"
#include "ws2fix/providers.h"
#include "ws2fix/registry.h"
#include "ws2fix/repair.h"
#include "catalog_edit.h"
#include "testutil.h"

#define PC "ControlSet001\\Services\\WinSock2\\Parameters\\Protocol_Catalog9"
#define NC "ControlSet001\\Services\\WinSock2\\Parameters\\NameSpace_Catalog5"
#define RPC "CurrentControlSet\\Services\\WinSock2\\Parameters\\Protocol_Catalog9"

static ws2fix_registry *open_copy(const char *rel, char **path_out)
{
	char *p = testutil_unxz(rel);
	if (!p)
		return NULL;
	ws2fix_open_options o = WS2FIX_OPEN_OPTIONS_INIT;
	o.writable = 1;
	ws2fix_registry *reg = NULL;
	assert_int_equal(ws2fix_registry_open_hive(&reg, p, &o), 0);
	*path_out = p;
	return reg;
}

static ws2fix_registry *open_export(void)
{
	char *p = testutil_shared_path("corpus/cingchun-bccc/winsock2.reg");
	if (!p)
		return NULL;
	ws2fix_open_options o = WS2FIX_OPEN_OPTIONS_INIT;
	o.writable = 1;
	ws2fix_registry *reg = NULL;
	assert_int_equal(ws2fix_registry_open_regfile(&reg, p, &o), 0);
	free(p);
	return reg;
}

static void drop(ws2fix_registry *reg, char *path)
{
	ws2fix_registry_free(reg);
	if (path) {
		remove(path);
		free(path);
	}
}

typedef struct outcome {
	size_t ops, steps, notes, removed;
	size_t errors_before, errors_after;
} outcome;

/* Diagnose, plan, apply in memory, diagnose again. */
static outcome repair(ws2fix_registry *reg, const char *os_text, ws2fix_repair_mode mode, const char *remove,
	const ws2fix_dll_probe *probe)
{
	ws2fix_osinfo os;
	assert_int_equal(ws2fix_os_parse(&os, os_text), 0);
	ws2fix_catalog *cat = NULL;
	assert_int_equal(ws2fix_catalog_read(&cat, reg), 0);
	ws2fix_diagnose_options dopt = WS2FIX_DIAGNOSE_OPTIONS_INIT;
	dopt.os = &os;
	dopt.probe = probe;
	ws2fix_diagnosis *d = NULL;
	assert_int_equal(ws2fix_diagnose(&d, reg, cat, &dopt), 0);
	ws2fix_repair_options ropt = WS2FIX_REPAIR_OPTIONS_INIT;
	ropt.os = &os;
	ropt.mode = mode;
	ropt.remove = remove;
	ws2fix_repair_plan *plan = NULL;
	int rc = ws2fix_repair_plan_build(&plan, reg, cat, d, &ropt);
	if (rc < 0)
		fail_msg("plan: %s", ws2fix_error_last()->message);
	outcome o = {plan->op_count, plan->step_count, plan->note_count, plan->removed_count, d->errors, 0};
	assert_int_equal(ws2fix_repair_plan_apply(reg, plan), 0);
	ws2fix_repair_plan_free(plan);
	ws2fix_diagnosis_free(d);
	ws2fix_catalog_free(cat);

	assert_int_equal(ws2fix_catalog_read(&cat, reg), 0);
	assert_int_equal(ws2fix_diagnose(&d, reg, cat, &dopt), 0);
	o.errors_after = d->errors;
	for (size_t i = 0; i < d->count; i++)
		if (d->findings[i].severity != WS2FIX_SEV_INFO)
			print_message("  after repair: %s %s\n", ws2fix_finding_code_name(d->findings[i].code),
				d->findings[i].message);
	ws2fix_diagnosis_free(d);
	ws2fix_catalog_free(cat);
	return o;
}

/* Count live protocol entries of a view whose DLL file name contains @p s. */
static size_t count_dll(ws2fix_registry *reg, int view, const char *s)
{
	ws2fix_catalog *cat = NULL;
	assert_int_equal(ws2fix_catalog_read(&cat, reg), 0);
	size_t n = 0;
	for (size_t i = 0; i < cat->protocol[view].info.count; i++)
		n += strstr(cat->protocol[view].entries[i].item.library_path, s) != NULL;
	ws2fix_catalog_free(cat);
	return n;
}

static void test_repair__healthy_real_data_gives_an_empty_plan(void **state)
{
	(void)state;
	static const struct {
		const char *hive, *os;
	} hives[] = {
		{"hives/winevt-kb-xpsp3-x86/SYSTEM.xz", "xp-sp3"},
		{"hives/itdaniher-winxp-x64-sp2/system.xz", "xp64"},
		{"hives/regipy/SYSTEM.xz", "7"},
		{"hives/dissect-regf-win10-x64/SYSTEM.xz", "10"},
	};
	for (size_t h = 0; h < sizeof(hives) / sizeof(hives[0]); h++) {
		char *path = NULL;
		ws2fix_registry *reg = open_copy(hives[h].hive, &path);
		if (!reg)
			testutil_skip();
		outcome o = repair(reg, hives[h].os, WS2FIX_REPAIR_SURGICAL, NULL, NULL);
		assert_int_equal(o.ops, 0);
		assert_int_equal(o.steps, 0);
		drop(reg, path);
	}
	ws2fix_registry *reg = open_export();
	if (!reg)
		testutil_skip();
	outcome o = repair(reg, "10", WS2FIX_REPAIR_SURGICAL, NULL, NULL);
	assert_int_equal(o.ops, 0);
	drop(reg, NULL);
}

static void test_repair__lsp_removed_without_its_chains(void **state)
{
	(void)state;
	ws2fix_registry *reg = open_export();
	if (!reg)
		testutil_skip();
	remove_entry(reg, RPC, "Catalog_Entries", "Num_Catalog_Entries", 16);
	remove_entry(reg, RPC, "Catalog_Entries64", "Num_Catalog_Entries64", 16);
	outcome o = repair(reg, "10", WS2FIX_REPAIR_SURGICAL, NULL, NULL);
	assert_true(o.errors_before > 0);
	assert_int_equal(o.errors_after, 0);
	assert_int_equal(count_dll(reg, WS2FIX_VIEW_32, "ierd_tgp"), 0);
	assert_int_equal(count_dll(reg, WS2FIX_VIEW_64, "ierd_tgp"), 0);
	drop(reg, NULL);
}

static void test_repair__healthy_and_broken_lsp_together(void **state)
{
	(void)state;
	ws2fix_registry *reg = open_export();
	if (!reg)
		testutil_skip();
	/* A second LSP whose hidden entry is gone: its chain (copied from a
	 * Tencent chain, new id and GUID, layered id 1500 that does not exist)
	 * sits first in the 64-bit catalog. */
	ws2fix_protocol_item it;
	get_item(reg, RPC, "Catalog_Entries64", 17, &it);
	it.catalog_id = 1501;
	it.chain[0] = 1500;
	it.provider_id.data1 ^= 0x5A5A5A5Au;
	snprintf(it.library_path, sizeof(it.library_path), "C:\\Program Files\\Gone\\gonelsp64.dll");
	snprintf(it.protocol_name, sizeof(it.protocol_name), "GoneLSP over [MSAFD Tcpip [TCP/IP]]");
	put_item(reg, RPC, "Catalog_Entries64", 20, &it);
	set_dword(reg, RPC, "Num_Catalog_Entries64", 20);
	set_dword(reg, RPC, "Next_Catalog_Entry_ID", 1502);
	outcome o = repair(reg, "10", WS2FIX_REPAIR_SURGICAL, NULL, NULL);
	assert_true(o.errors_before > 0);
	assert_int_equal(o.errors_after, 0);
	assert_int_equal(count_dll(reg, WS2FIX_VIEW_64, "gonelsp"), 0);
	/* The healthy Tencent LSP keeps its hidden entry and all three chains. */
	assert_int_equal(count_dll(reg, WS2FIX_VIEW_64, "ierd_tgp_lsp64"), 4);
	assert_int_equal(count_dll(reg, WS2FIX_VIEW_32, "ierd_tgp_lsp"), 4);
	assert_int_equal(o.removed, 1);
	drop(reg, NULL);
}

static void test_repair__remove_one_provider_in_both_views(void **state)
{
	(void)state;
	ws2fix_registry *reg = open_export();
	if (!reg)
		testutil_skip();
	outcome o = repair(reg, "10", WS2FIX_REPAIR_SURGICAL, "1016", NULL);
	assert_int_equal(o.errors_after, 0);
	assert_int_equal(count_dll(reg, WS2FIX_VIEW_32, "ierd_tgp"), 0);
	assert_int_equal(count_dll(reg, WS2FIX_VIEW_64, "ierd_tgp"), 0);
	ws2fix_catalog *cat = NULL;
	assert_int_equal(ws2fix_catalog_read(&cat, reg), 0);
	assert_int_equal(cat->protocol[0].info.count, 15);
	assert_int_equal(cat->protocol[0].info.declared_count, 15);
	assert_true(cat->next_id > 1023);
	assert_int_equal(cat->serial, 173);
	ws2fix_catalog_free(cat);
	drop(reg, NULL);

	/* A Microsoft provider cannot be removed; nothing is not found. */
	reg = open_export();
	ws2fix_catalog *c2 = NULL;
	assert_int_equal(ws2fix_catalog_read(&c2, reg), 0);
	ws2fix_repair_options ropt = WS2FIX_REPAIR_OPTIONS_INIT;
	ropt.remove = "1007";
	ws2fix_repair_plan *plan = NULL;
	assert_int_equal(ws2fix_repair_plan_build(&plan, reg, c2, NULL, &ropt), WS2FIX_EINVALID);
	ropt.remove = "nosuch.dll";
	assert_int_equal(ws2fix_repair_plan_build(&plan, reg, c2, NULL, &ropt), WS2FIX_EINVALID);
	ropt.remove = "ierd_tgp_lsp64.dll";
	assert_int_equal(ws2fix_repair_plan_build(&plan, reg, c2, NULL, &ropt), 0);
	assert_int_equal(plan->removed_count, 2); /* ierd_tgp_lsp and ierd_tgp_lsp64 */
	ws2fix_repair_plan_free(plan);
	ws2fix_catalog_free(c2);
	drop(reg, NULL);
}

static ws2fix_exists probe_missing(void *payload, const char *path, enum ws2fix_view view)
{
	(void)view;
	return strstr(path, (const char *)payload) ? WS2FIX_EXISTS_NO : WS2FIX_EXISTS_YES;
}

static void test_repair__structural_damage_on_a_real_hive(void **state)
{
	(void)state;
	char *path = NULL;
	ws2fix_registry *reg = open_copy("hives/dissect-regf-win10-x64/SYSTEM.xz", &path);
	if (!reg)
		testutil_skip();
	/* Several classes at once: counter, gap in numbering, next id, a
	 * truncated item, a duplicate id, a missing base provider, a broken
	 * name space entry, a missing DNS provider, a broken helper DLL name. */
	set_dword(reg, PC, "Num_Catalog_Entries64", 11);
	remove_entry(reg, PC, "Catalog_Entries", "Num_Catalog_Entries", 2); /* MSAFD UDP/IP */
	ws2fix_protocol_item it;
	get_item(reg, PC, "Catalog_Entries", 15, &it);
	put_item(reg, PC, "Catalog_Entries", 17, &it);
	char k[512];
	entry_key(k, sizeof(k), PC, "Catalog_Entries", 15);
	assert_int_equal(ws2fix_registry_delete_tree(reg, k), 0);
	set_dword(reg, PC, "Next_Catalog_Entry_ID", 1003);
	get_item(reg, PC, "Catalog_Entries64", 14, &it);
	entry_key(k, sizeof(k), PC, "Catalog_Entries64", 14);
	assert_int_equal(ws2fix_registry_set_value(reg, k, "PackedCatalogItem", WS2FIX_REG_BINARY, it.raw, 500), 0);
	get_item(reg, PC, "Catalog_Entries64", 13, &it);
	it.catalog_id = 1012;
	put_item(reg, PC, "Catalog_Entries64", 13, &it);
	entry_key(k, sizeof(k), NC, "Catalog_Entries", 3);
	assert_int_equal(ws2fix_registry_delete_value(reg, k, "LibraryPath"), 0);
	entry_key(k, sizeof(k), NC, "Catalog_Entries64", 6);
	assert_int_equal(ws2fix_registry_delete_tree(reg, k), 0);
	entry_key(k, sizeof(k), NC, "Catalog_Entries64", 7);
	char k6[512];
	entry_key(k6, sizeof(k6), NC, "Catalog_Entries64", 6);
	static const char *const vals[] = {"LibraryPath", "DisplayString", "ProviderId", "SupportedNameSpace", "Enabled",
		"Version", "StoresServiceClassInfo", "ProviderInfo"};
	for (size_t i = 0; i < 8; i++) {
		ws2fix_regvalue v;
		assert_int_equal(ws2fix_registry_get_value(&v, reg, k, vals[i]), 0);
		assert_int_equal(ws2fix_registry_set_value(reg, k6, vals[i], v.type, v.data, v.len), 0);
		ws2fix_regvalue_clear(&v);
	}
	assert_int_equal(ws2fix_registry_delete_tree(reg, k), 0);
	set_dword(reg, NC, "Num_Catalog_Entries64", 6);
	assert_int_equal(ws2fix_registry_delete_value(reg, "ControlSet001\\Services\\Tcpip\\Parameters\\Winsock",
		"HelperDllName"), 0);

	ws2fix_dll_probe p = {probe_missing, (void *)"nothing-is-missing"};
	outcome o = repair(reg, "10", WS2FIX_REPAIR_SURGICAL, NULL, &p);
	assert_true(o.errors_before >= 8);
	assert_int_equal(o.errors_after, 0);
	/* VMware's healthy base provider is still there in both views. */
	assert_int_equal(count_dll(reg, WS2FIX_VIEW_32, "vsocklib"), 2);
	assert_int_equal(count_dll(reg, WS2FIX_VIEW_64, "vsocklib"), 2);
	drop(reg, path);
}

static void test_repair__missing_dll_and_malicious_provider(void **state)
{
	(void)state;
	char *path = NULL;
	ws2fix_registry *reg = open_copy("hives/dissect-regf-win10-x64/SYSTEM.xz", &path);
	if (!reg)
		testutil_skip();
	ws2fix_protocol_item it;
	get_item(reg, PC, "Catalog_Entries", 1, &it);
	snprintf(it.library_path, sizeof(it.library_path), "C:\\WINDOWS\\system32\\cnmib.dll");
	snprintf(it.protocol_name, sizeof(it.protocol_name), "CommonName");
	it.catalog_id = 1100;
	it.provider_id.data1 ^= 1;
	put_item(reg, PC, "Catalog_Entries", 17, &it);
	set_dword(reg, PC, "Num_Catalog_Entries", 17);
	set_dword(reg, PC, "Next_Catalog_Entry_ID", 1101);
	ws2fix_dll_probe p = {probe_missing, (void *)"vsocklib.dll"};
	outcome o = repair(reg, "10", WS2FIX_REPAIR_SURGICAL, NULL, &p);
	assert_int_equal(o.errors_after, 0);
	assert_int_equal(count_dll(reg, WS2FIX_VIEW_32, "cnmib"), 0);
	assert_int_equal(count_dll(reg, WS2FIX_VIEW_32, "vsocklib"), 0);
	assert_int_equal(count_dll(reg, WS2FIX_VIEW_64, "vsocklib"), 0);
	drop(reg, path);
}

static void test_repair__missing_catalog_keys_come_back(void **state)
{
	(void)state;
	char *path = NULL;
	ws2fix_registry *reg = open_copy("hives/shimcacheparser-win7sp1-x64/SYSTEM.xz", &path);
	if (!reg)
		testutil_skip();
	assert_int_equal(ws2fix_registry_delete_tree(reg, PC "\\Catalog_Entries64"), 0);
	assert_int_equal(ws2fix_registry_delete_tree(reg, NC "\\Catalog_Entries"), 0);
	outcome o = repair(reg, "7", WS2FIX_REPAIR_SURGICAL, NULL, NULL);
	assert_true(o.errors_before >= 2);
	assert_int_equal(o.errors_after, 0);
	drop(reg, path);

	reg = open_copy("hives/shimcacheparser-win7sp1-x64/SYSTEM.xz", &path);
	assert_int_equal(ws2fix_registry_delete_tree(reg, "ControlSet001\\Services\\WinSock2"), 0);
	/* Nothing left shows the architecture: Windows 7 alone does not say
	 * whether both catalogs belong there, so nothing is rebuilt ... */
	o = repair(reg, "7", WS2FIX_REPAIR_SURGICAL, NULL, NULL);
	assert_true(o.errors_after > 0);
	drop(reg, path);

	/* ... and with it named, both come back. */
	reg = open_copy("hives/shimcacheparser-win7sp1-x64/SYSTEM.xz", &path);
	assert_int_equal(ws2fix_registry_delete_tree(reg, "ControlSet001\\Services\\WinSock2"), 0);
	o = repair(reg, "7-x64", WS2FIX_REPAIR_SURGICAL, NULL, NULL);
	assert_int_equal(o.errors_after, 0);
	assert_true(count_dll(reg, WS2FIX_VIEW_64, "mswsock") > 0);
	drop(reg, path);
}

/* The Microsoft entries of a catalog as "guid af type proto" lines. */
static char *microsoft_set(ws2fix_registry *reg, int view)
{
	ws2fix_catalog *cat = NULL;
	assert_int_equal(ws2fix_catalog_read(&cat, reg), 0);
	size_t cap = 8192, len = 0;
	char *out = calloc(1, cap);
	char lines[64][96];
	size_t n = 0;
	for (size_t i = 0; i < cat->protocol[view].info.count && n < 64; i++) {
		const ws2fix_protocol_item *it = &cat->protocol[view].entries[i].item;
		if (!ws2fix_provider_is_microsoft(&it->provider_id, it->library_path))
			continue;
		char g[39];
		ws2fix_guid_format(g, &it->provider_id);
		snprintf(lines[n++], 96, "%s %d %d %d", g, it->address_family, it->socket_type, it->protocol);
	}
	qsort(lines, n, sizeof(lines[0]), (int (*)(const void *, const void *))strcmp);
	for (size_t i = 0; i < n; i++)
		len += (size_t)snprintf(out + len, cap - len, "%s\n", lines[i]);
	ws2fix_catalog_free(cat);
	return out;
}

static void test_repair__reset_reproduces_the_microsoft_set(void **state)
{
	(void)state;
	static const struct {
		const char *hive, *os;
		int views;
	} hives[] = {
		{"hives/winevt-kb-xpsp3-x86/SYSTEM.xz", "xp-sp3", 1},
		{"hives/bitcurator-m57-xpsp3-x86/SYSTEM.xz", "xp-sp3", 1},
		{"hives/itdaniher-winxp-x64-sp2/system.xz", "xp64", 2},
		{"hives/regipy/SYSTEM.xz", "7", 1},
		{"hives/shimcacheparser-win7sp1-x64/SYSTEM.xz", "7", 2},
		{"hives/regipy/SYSTEM_2.xz", "8.1", 2},
		{"hives/regipy/SYSTEM_B.xz", "10", 2},
		{"hives/regipy/SYSTEM_WIN_10_1709.xz", "10", 2},
		{"hives/dissect-regf-win10-x64/SYSTEM.xz", "10", 2},
	};
	for (size_t h = 0; h < sizeof(hives) / sizeof(hives[0]); h++) {
		char *path = NULL;
		ws2fix_registry *reg = open_copy(hives[h].hive, &path);
		if (!reg)
			testutil_skip();
		/* Build number for the rows with build ranges: from detection. */
		char *before[2] = {NULL, NULL};
		for (int v = 0; v < hives[h].views; v++)
			before[v] = microsoft_set(reg, v);
		ws2fix_catalog *cat = NULL;
		assert_int_equal(ws2fix_catalog_read(&cat, reg), 0);
		ws2fix_osinfo os;
		assert_int_equal(ws2fix_os_detect(&os, reg, NULL, cat), 0);
		ws2fix_repair_options ropt = WS2FIX_REPAIR_OPTIONS_INIT;
		ropt.os = &os;
		ropt.mode = WS2FIX_REPAIR_RESET;
		ws2fix_repair_plan *plan = NULL;
		assert_int_equal(ws2fix_repair_plan_build(&plan, reg, cat, NULL, &ropt), 0);
		assert_int_equal(ws2fix_repair_plan_apply(reg, plan), 0);
		ws2fix_repair_plan_free(plan);
		ws2fix_catalog_free(cat);
		for (int v = 0; v < hives[h].views; v++) {
			char *after = microsoft_set(reg, v);
			if (strcmp(before[v], after) != 0)
				fail_msg("%s view %d: before\n%s\nafter reset\n%s", hives[h].hive, v, before[v], after);
			free(after);
			free(before[v]);
		}
		/* And the result is healthy. */
		assert_int_equal(ws2fix_catalog_read(&cat, reg), 0);
		ws2fix_diagnose_options dopt = WS2FIX_DIAGNOSE_OPTIONS_INIT;
		dopt.os = &os;
		ws2fix_diagnosis *d = NULL;
		assert_int_equal(ws2fix_diagnose(&d, reg, cat, &dopt), 0);
		for (size_t i = 0; i < d->count; i++)
			if (d->findings[i].severity == WS2FIX_SEV_ERROR)
				fail_msg("%s after reset: %s", hives[h].hive, d->findings[i].message);
		ws2fix_diagnosis_free(d);
		ws2fix_catalog_free(cat);
		drop(reg, path);
	}
}

static void test_repair__reset_lists_the_third_party_providers_it_removes(void **state)
{
	(void)state;
	ws2fix_registry *reg = open_export();
	if (!reg)
		testutil_skip();
	ws2fix_catalog *cat = NULL;
	assert_int_equal(ws2fix_catalog_read(&cat, reg), 0);
	ws2fix_osinfo os;
	assert_int_equal(ws2fix_os_parse(&os, "10"), 0);
	ws2fix_repair_options ropt = WS2FIX_REPAIR_OPTIONS_INIT;
	ropt.os = &os;
	ropt.mode = WS2FIX_REPAIR_RESET;
	ws2fix_repair_plan *plan = NULL;
	assert_int_equal(ws2fix_repair_plan_build(&plan, reg, cat, NULL, &ropt), 0);
	int seen32 = 0, seen64 = 0;
	for (size_t i = 0; i < plan->removed_count; i++) {
		seen32 |= strstr(plan->removed_providers[i], "ierd_tgp_lsp.dll") != NULL;
		seen64 |= strstr(plan->removed_providers[i], "ierd_tgp_lsp64.dll") != NULL;
	}
	assert_true(seen32 && seen64);
	assert_true(plan->needs_restart);
	ws2fix_repair_plan_free(plan);
	ws2fix_catalog_free(cat);
	drop(reg, NULL);
}

int main(void)
{
#ifndef WS2FIX_HAVE_HIVEX
	return 77;
#endif
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_repair__healthy_real_data_gives_an_empty_plan),
		cmocka_unit_test(test_repair__lsp_removed_without_its_chains),
		cmocka_unit_test(test_repair__healthy_and_broken_lsp_together),
		cmocka_unit_test(test_repair__remove_one_provider_in_both_views),
		cmocka_unit_test(test_repair__structural_damage_on_a_real_hive),
		cmocka_unit_test(test_repair__missing_dll_and_malicious_provider),
		cmocka_unit_test(test_repair__missing_catalog_keys_come_back),
		cmocka_unit_test(test_repair__reset_reproduces_the_microsoft_set),
		cmocka_unit_test(test_repair__reset_lists_the_third_party_providers_it_removes),
	};
	return testutil_result(cmocka_run_group_tests(tests, NULL, NULL));
}

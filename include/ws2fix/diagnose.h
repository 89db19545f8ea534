/* SPDX-License-Identifier: MIT */
/*
 * Diagnosis: every check of the Winsock2 catalog, as data.
 *
 * ws2fix_diagnose() returns 0 and fills a list of findings; an error return
 * means the catalog could not be read at all.  Finding codes are stable
 * (include/ws2fix/findings.def); messages come in the language asked for.
 */
#ifndef WS2FIX_DIAGNOSE_H
#define WS2FIX_DIAGNOSE_H

#include <stddef.h>
#include <stdint.h>
#include "ws2fix/catalog.h"
#include "ws2fix/i18n.h"
#include "ws2fix/osinfo.h"
#include "ws2fix/registry.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The codes, in the order of include/ws2fix/findings.def. */
typedef enum ws2fix_finding_code {
#define WS2FIX_FINDING(code, severity, scope, repair) WS2FIX_F_##code,
#include "ws2fix/findings.def"
#undef WS2FIX_FINDING
	WS2FIX_F_CODE_COUNT
} ws2fix_finding_code;

typedef enum ws2fix_severity {
	WS2FIX_SEV_INFO = 0,
	WS2FIX_SEV_WARNING = 1,
	WS2FIX_SEV_ERROR = 2
} ws2fix_severity;

/** What a finding is about (the SCOPE column of findings.def). */
typedef enum ws2fix_finding_scope {
	WS2FIX_SCOPE_CATALOG,
	WS2FIX_SCOPE_ENTRY,
	WS2FIX_SCOPE_NAMESPACE,
	WS2FIX_SCOPE_TRANSPORT,
	WS2FIX_SCOPE_SOURCE
} ws2fix_finding_scope;

/** Whether surgical repair deals with a code (the REPAIR column). */
typedef enum ws2fix_finding_repair {
	WS2FIX_REPAIRS_NO,   /**< it informs; a repair leaves it alone */
	WS2FIX_REPAIRS_SOME, /**< except in cases the plan notes */
	WS2FIX_REPAIRS_YES
} ws2fix_finding_repair;

/** "CHAIN_BROKEN" etc. */
const char *ws2fix_finding_code_name(ws2fix_finding_code code);
/** The code of a name ("CHAIN_BROKEN"), or -1. */
int ws2fix_finding_code_parse(const char *name);
ws2fix_finding_scope ws2fix_finding_code_scope(ws2fix_finding_code code);
ws2fix_finding_repair ws2fix_finding_code_repair(ws2fix_finding_code code);
/** The severity a code always has (include/ws2fix/findings.def). */
ws2fix_severity ws2fix_finding_code_severity(ws2fix_finding_code code);
/** "error", "warning", "info". */
const char *ws2fix_severity_name(ws2fix_severity s);

/** One finding.  Strings are owned by the diagnosis. */
typedef struct ws2fix_finding {
	ws2fix_finding_code code;
	ws2fix_severity severity;
	const char *catalog;   /**< "protocol", "namespace", "transport", "source" */
	int view;              /**< enum ws2fix_view, or -1 when not about one view */
	char *key;             /**< entry key ("000000000012") or registry key path, or NULL */
	int has_catalog_id;
	uint32_t catalog_id;
	char *path;            /**< provider DLL path as stored, when relevant */
	char *provider;        /**< provider display name, when relevant */
	char *vendor;          /**< known vendor / product, when known */
	char *message;         /**< human text in the diagnosis language */
	char *fix;             /**< recommended fix, same language */
	char *installed_by;    /**< the program the WS2HELP event log says installed the entry
				    (ws2fix_session_diagnose, when a log is read), or NULL */
	char *installed_on;    /**< when ("2019-08-23T12:37:38Z"), or NULL */
} ws2fix_finding;

/** How a provider DLL's existence came out. */
typedef enum ws2fix_exists {
	WS2FIX_EXISTS_UNKNOWN = -1,
	WS2FIX_EXISTS_NO = 0,
	WS2FIX_EXISTS_YES = 1
} ws2fix_exists;

/**
 * Answers "does this provider DLL exist?" for the diagnosis.  @p path is
 * the path as stored (unexpanded, e.g. "%SystemRoot%\\system32\\x.dll");
 * @p view says which catalog it came from (the 32-bit view on x64 means
 * SysWOW64).  Implementations: ws2fix_dll_probe_offline (a mounted
 * Windows directory), ws2fix_dll_probe_live (Windows), or a test's own.
 */
typedef struct ws2fix_dll_probe {
	ws2fix_exists (*exists)(void *payload, const char *path, enum ws2fix_view view);
	void *payload;
} ws2fix_dll_probe;

/** Options.  Initialise with WS2FIX_DIAGNOSE_OPTIONS_INIT. */
typedef struct ws2fix_diagnose_options {
	unsigned int version;
	ws2fix_lang lang;
	const ws2fix_osinfo *os;       /**< the Windows version (detected or --os); NULL: unknown */
	const ws2fix_dll_probe *probe; /**< NULL: DLL existence is unknown, never "missing" */
	int no_registry;               /**< the catalog came without its registry (netsh text, a HijackThis log): skip registry-only checks */
	const char *no_probe_why;      /**< with no probe: why, as the skipped line (NULL: the
					    source's kind says) */
	const char *os_conflict;       /**< --os contradicts what the source shows: the warning
					    (OS_OVERRIDE_CONFLICT), or NULL */
} ws2fix_diagnose_options;

#define WS2FIX_DIAGNOSE_OPTIONS_VERSION 1
#define WS2FIX_DIAGNOSE_OPTIONS_INIT {WS2FIX_DIAGNOSE_OPTIONS_VERSION, WS2FIX_LANG_EN, NULL, NULL, 0, NULL, NULL}

typedef struct ws2fix_diagnosis {
	ws2fix_finding *findings;
	size_t count;
	size_t errors, warnings, infos;
	char **skipped;      /**< checks that could not be made, as text (e.g. for netsh input) */
	size_t skipped_count;
} ws2fix_diagnosis;

/**
 * Run every check.  @p reg may be NULL (netsh input): checks that need the
 * registry are then listed in `skipped`.
 * @param[out] out  free with ws2fix_diagnosis_free()
 * @return 0, or WS2FIX_ENOMEM / an error reading @p reg
 */
int ws2fix_diagnose(ws2fix_diagnosis **out, ws2fix_registry *reg, const ws2fix_catalog *cat,
	const ws2fix_diagnose_options *opts);

void ws2fix_diagnosis_free(ws2fix_diagnosis *d);

#ifdef __cplusplus
}
#endif
#endif

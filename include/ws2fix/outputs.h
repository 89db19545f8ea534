/* SPDX-License-Identifier: MIT */
/*
 * Outputs never touch inputs.  Before a command writes anything (a backup,
 * a fix file, restore's backup of the state before), every path it will
 * write is claimed here, and refused when it is the file being read, a
 * transaction log of that hive (.LOG, .LOG1, .LOG2, any case), a file in
 * the registry folder of an offline Windows directory, an original ws2fix
 * kept earlier, another output of the same command, or an existing file
 * (unless forced; forcing never allows any of the others).  Paths are
 * compared as the file system sees them: a hard link, a symbolic link or a
 * path through ".." is known for the file it reaches.
 *
 * The session (ws2fix_session_outputs) and the registry-only runs (backup,
 * restore) each build one from what they read; the repair and restore
 * runs claim their own outputs, so every front end gets the same rules.
 */
#ifndef WS2FIX_OUTPUTS_H
#define WS2FIX_OUTPUTS_H

#include "ws2fix/i18n.h"
#include "ws2fix/registry.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct ws2fix_outputs ws2fix_outputs;

/** Why an output path is refused. */
typedef enum ws2fix_output_refusal {
	WS2FIX_OUTPUT_OK = 0,
	WS2FIX_OUTPUT_IS_INPUT,      /**< the file the command reads */
	WS2FIX_OUTPUT_IS_LOG,        /**< a transaction log of the hive being read */
	WS2FIX_OUTPUT_IN_CONFIG,     /**< in the registry folder (System32\config) of --windows-root */
	WS2FIX_OUTPUT_IS_KEPT,       /**< an original that ws2fix kept (NAME.ws2fix-*.bak) */
	WS2FIX_OUTPUT_IS_OTHER,      /**< another output of the same command */
	WS2FIX_OUTPUT_EXISTS,        /**< an existing file (allowed with force) */
	WS2FIX_OUTPUT_IS_FOLDER,     /**< a folder, or not a regular file */
	WS2FIX_OUTPUT_NO_FOLDER,     /**< its folder does not exist */
	WS2FIX_OUTPUT_EMPTY,         /**< no path at all */
	WS2FIX_OUTPUT_NOT_REG,       /**< a fix file whose name does not end in .reg */
	WS2FIX_OUTPUT_IS_REGISTRY    /**< an existing registry file: a hive (it starts with "regf"),
				          a transaction log (.LOG, .LOG1, .LOG2) or an original ws2fix
				          kept (*.ws2fix-*.bak), of any source: refused even with force */
} ws2fix_output_refusal;

/** An empty guard.  @return 0 or WS2FIX_ENOMEM */
int ws2fix_outputs_new(ws2fix_outputs **out);
void ws2fix_outputs_free(ws2fix_outputs *g);

/** What an input is, for ws2fix_outputs_protect. */
enum {
	WS2FIX_PROTECT_FILE = 0,     /**< a file that is read */
	WS2FIX_PROTECT_HIVE = 1      /**< a hive: its logs and the originals kept beside it too */
};

/** Protect an input (a file that need not exist yet: its name is protected). */
int ws2fix_outputs_protect(ws2fix_outputs *g, const char *path, int what);

/** Protect the registry folder of an offline Windows directory. */
int ws2fix_outputs_protect_windows_root(ws2fix_outputs *g, const char *root);

/** Protect the file a registry was opened from (a hive with its logs; nothing live). */
int ws2fix_outputs_protect_registry(ws2fix_outputs *g, ws2fix_registry *reg);

/**
 * May @p path be written?  When it may, it is remembered as an output of
 * this command, so a second output on the same file is refused; the same
 * path claimed again is the same output, and allowed.
 * @param force  allow replacing an existing file that is no input
 */
ws2fix_output_refusal ws2fix_outputs_claim(ws2fix_outputs *g, const char *path, int force);

/** Forget an output claimed earlier (it was not written after all). */
void ws2fix_outputs_release(ws2fix_outputs *g, const char *path);

/** One line that says why @p path is refused, in @p lang.  Caller frees. */
char *ws2fix_output_refusal_text(ws2fix_output_refusal r, const char *path, ws2fix_lang lang);

#ifdef __cplusplus
}
#endif
#endif

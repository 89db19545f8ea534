/* SPDX-License-Identifier: MIT */
/*
 * What a parsed .reg export means to the .reg source (library internal):
 * the control set that stands for CurrentControlSet, and the refusals of
 * an export of the wrong key.  The format itself is
 * src/lib/regformat/regformat.h.
 */
#ifndef WS2FIX_REGFILE_SOURCE_H
#define WS2FIX_REGFILE_SOURCE_H

#include <stddef.h>

#include "../regformat/regtree.h"
#include "ws2fix/i18n.h"

/**
 * The control set a parsed export holds its catalog in, when
 * "CurrentControlSet" must stand for it (regfile_controlset.c):
 * Select\Current's ControlSetNNN when the file has a Select key naming one
 * it holds, else its first ControlSetNNN, else "" when Services sits right
 * under the root (a control set loaded as a hive of its own).
 * @return 1 with @p buf set; 0 when the file has a CurrentControlSet key of
 *         its own, or nothing to stand for
 */
int ws2fix__regfile_pick_controlset(const ws2fix_regtree_key *root, char *buf, size_t bufsz);

/**
 * Refuse an export that holds no ...\Services\WinSock2 key: the error
 * names what it holds (the first key its lines name) and the command that
 * exports the right key, in @p lang.
 * @return WS2FIX_ENOTFOUND (or the error of reading the file); 0 when the
 *         file does hold a WinSock2 key somewhere (the caller's own error
 *         then says what is wrong)
 */
int ws2fix__regfile_refuse_wrong_key(const char *path, ws2fix_lang lang);

/** An export whose WinSock2 key (of @p controlset as the file names it,
 *  e.g. "ControlSet002"; NULL: any) is only the parent of the keys it lists
 *  (an export of Parameters, one catalog or one entry): WS2FIX_ENOTFOUND
 *  with the key it holds and the command that exports the whole key; 0
 *  when WinSock2 itself was exported (or there is none). */
int ws2fix__regfile_refuse_partial(const char *path, const char *controlset, ws2fix_lang lang);

#endif

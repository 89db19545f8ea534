/* SPDX-License-Identifier: MIT */
/* The self-test's environment steps (selftest_env_win32.c). */
#ifndef WS2FIX_SELFTEST_ENV_H
#define WS2FIX_SELFTEST_ENV_H

#include <winsock2.h>

#include "ws2fix/selftest.h"

/** "SystemRoot": fill @p st (begun, PASS) with the verdict and detail. */
void ws2fix__selftest_env_systemroot(ws2fix_selftest_step *st);

/** "provider paths": every distinct stored path of @p list, expanded with
 *  this process's environment, must name a file. */
void ws2fix__selftest_env_paths(ws2fix_selftest_step *st, const WSAPROTOCOL_INFOW *list, int count);

#endif

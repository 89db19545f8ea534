/* SPDX-License-Identifier: MIT */
/*
 * What the probe constructors share: ws2fix_dll_probe is a public struct
 * that callers may also fill themselves, so ours embed it first and carry
 * their own destructor; ws2fix_dll_probe_free() gets back to it.
 */
#ifndef WS2FIX_DLLPROBE_INTERNAL_H
#define WS2FIX_DLLPROBE_INTERNAL_H

#include "ws2fix/diagnose.h"

/* Set in every probe we build, so that free and locate can tell a probe of
 * the wrong kind (a caller's own struct, or a live probe passed to locate). */
#define WS2FIX_PROBE_MAGIC_OFFLINE 0x77733270u
#define WS2FIX_PROBE_MAGIC_LIVE 0x7773326Cu

typedef struct ws2fix__dll_probe_impl {
	ws2fix_dll_probe pub; /* first: the public pointer is this struct's */
	unsigned int magic;
	void (*destroy)(struct ws2fix__dll_probe_impl *self);
} ws2fix__dll_probe_impl;

#endif

/* SPDX-License-Identifier: MIT */
/* Setting the per-thread error (library internal). */
#ifndef WS2FIX_ERRORS_INTERNAL_H
#define WS2FIX_ERRORS_INTERNAL_H

#include "util/attrs.h"
#include "ws2fix/errors.h"

/** Record a message for this thread. */
void ws2fix__error_set(int klass, const char *fmt, ...) WS2FIX_PRINTF(2, 3);

/** Record a message and return @p code, for `return ws2fix__fail(...)`. */
int ws2fix__fail(int code, int klass, const char *fmt, ...) WS2FIX_PRINTF(3, 4);

/** The one out-of-memory error: records 'out of memory' (class NOMEMORY)
 *  and returns WS2FIX_ENOMEM, for `return ws2fix__oom();`. */
int ws2fix__oom(void);

/** As ws2fix__fail, with strerror(errnum) appended (class OS). */
int ws2fix__fail_errno(int code, int errnum, const char *fmt, ...) WS2FIX_PRINTF(3, 4);

#endif

/* SPDX-License-Identifier: MIT */
#include "errors_internal.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

/* Fixed-size per-thread message: setting an error must not itself allocate
 * (it is called on the out-of-memory path). */
static _Thread_local char last_message[1024];
static _Thread_local ws2fix_error last_error = {"", 0};

static void vset(int klass, const char *fmt, va_list ap)
{
	vsnprintf(last_message, sizeof(last_message), fmt, ap);
	last_error.message = last_message;
	last_error.klass = klass;
}

void ws2fix__error_set(int klass, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vset(klass, fmt, ap);
	va_end(ap);
}

int ws2fix__fail(int code, int klass, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vset(klass, fmt, ap);
	va_end(ap);
	return code;
}

int ws2fix__oom(void)
{
	return ws2fix__fail(WS2FIX_ENOMEM, WS2FIX_ERRCLASS_NOMEMORY, "out of memory");
}

int ws2fix__fail_errno(int code, int errnum, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vset(WS2FIX_ERRCLASS_OS, fmt, ap);
	va_end(ap);
	/* A message that already fills the buffer stays as it is: the reason
	 * would be cut to nothing anyway. */
	size_t n = strlen(last_message);
	if (n + 4 <= sizeof(last_message))
		snprintf(last_message + n, sizeof(last_message) - n, ": %s", strerror(errnum));
	return code;
}

const ws2fix_error *ws2fix_error_last(void)
{
	if (!last_error.message)
		last_error.message = "";
	return &last_error;
}

void ws2fix_error_clear(void)
{
	last_message[0] = '\0';
	last_error.message = last_message;
	last_error.klass = WS2FIX_ERRCLASS_NONE;
}

const char *ws2fix_code_name(int code)
{
	switch (code) {
	case WS2FIX_OK: return "OK";
	case WS2FIX_ERROR: return "ERROR";
	case WS2FIX_ENOTFOUND: return "ENOTFOUND";
	case WS2FIX_EEXISTS: return "EEXISTS";
	case WS2FIX_EREADONLY: return "EREADONLY";
	case WS2FIX_ECORRUPT: return "ECORRUPT";
	case WS2FIX_EACCESS: return "EACCESS";
	case WS2FIX_ELOCKED: return "ELOCKED";
	case WS2FIX_ENOTBUILT: return "ENOTBUILT";
	case WS2FIX_ITEROVER: return "ITEROVER";
	case WS2FIX_EUSER: return "EUSER";
	case WS2FIX_ENOMEM: return "ENOMEM";
	case WS2FIX_EINVALID: return "EINVALID";
	default: return "ERROR";
	}
}

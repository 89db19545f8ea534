/* SPDX-License-Identifier: MIT */
/*
 * ws2fix error codes and the per-thread error message.
 *
 * Every library function that can fail returns an int: 0 on success, one of
 * the negative WS2FIX_E* codes below on failure.  The human-readable reason is
 * kept per thread and read with ws2fix_error_last().  Problems *found in* a
 * catalog are not errors (they are findings); an error means something could
 * not be read or written at all.
 */
#ifndef WS2FIX_ERRORS_H
#define WS2FIX_ERRORS_H

#ifdef __cplusplus
extern "C" {
#endif

/** Return codes.  Numbers are stable; retired ones are never reused. */
enum ws2fix_code {
	WS2FIX_OK = 0,
	WS2FIX_ERROR = -1,     /**< generic failure */
	WS2FIX_ENOTFOUND = -2, /**< key, value or file does not exist */
	WS2FIX_EEXISTS = -3,   /**< object already exists */
	WS2FIX_EREADONLY = -4, /**< source opened read-only */
	WS2FIX_ECORRUPT = -5,  /**< input is not what it claims to be */
	WS2FIX_EACCESS = -6,   /**< permission denied (e.g. not administrator) */
	WS2FIX_ELOCKED = -7,   /**< in use by another process */
	WS2FIX_ENOTBUILT = -8, /**< feature not compiled into this build */
	WS2FIX_ITEROVER = -9,  /**< iteration finished (not an error) */
	WS2FIX_EUSER = -10,    /**< stopped by a callback */
	WS2FIX_ENOMEM = -11,   /**< out of memory */
	WS2FIX_EINVALID = -12  /**< invalid argument */
};

/** What kind of thing failed (for messages and for mapping to exit codes). */
enum ws2fix_error_class {
	WS2FIX_ERRCLASS_NONE = 0,
	WS2FIX_ERRCLASS_OS,       /**< C library / POSIX call, errno text appended */
	WS2FIX_ERRCLASS_WIN32,    /**< Win32 call, FormatMessage text appended */
	WS2FIX_ERRCLASS_HIVE,     /**< offline hive (hivex) */
	WS2FIX_ERRCLASS_REGFILE,  /**< .reg file syntax */
	WS2FIX_ERRCLASS_CATALOG,  /**< Winsock catalog structure */
	WS2FIX_ERRCLASS_NOMEMORY, /**< allocation failed */
	WS2FIX_ERRCLASS_INVALID   /**< caller passed something invalid */
};

typedef struct ws2fix_error {
	const char *message; /**< UTF-8, never NULL (empty when no error) */
	int klass;           /**< enum ws2fix_error_class */
} ws2fix_error;

/**
 * The last error recorded on this thread.  The pointer is borrowed and stays
 * valid until the next failing call on the same thread.
 */
const ws2fix_error *ws2fix_error_last(void);

/** Forget the last error of this thread. */
void ws2fix_error_clear(void);

/** Short stable name of a return code ("ENOTFOUND", ...), for JSON output. */
const char *ws2fix_code_name(int code);

#ifdef __cplusplus
}
#endif
#endif

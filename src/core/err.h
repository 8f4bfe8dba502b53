/*
 * err.h - the one error type of Majakka.
 *
 * Every fallible function returns enum err; ERR_OK is zero so `if (e)` reads
 * naturally.  The mapping of errors to HTTP status lives in http/ (one place),
 * the stable machine-readable code for clients is err_code().
 */
#ifndef MAJAKKA_ERR_H
#define MAJAKKA_ERR_H

enum err {
	ERR_OK = 0,
	ERR_NOMEM,        /* allocation failed or a buffer hit its hard maximum */
	ERR_INVALID,      /* input failed validation: the client must fix it */
	ERR_NOT_FOUND,
	ERR_DENIED,       /* authenticated but not allowed */
	ERR_UNAUTH,       /* not logged in / bad credentials */
	ERR_CONFLICT,     /* uniqueness or state conflict */
	ERR_TOO_LARGE,    /* input larger than its limit */
	ERR_IO,           /* storage could not read, write or sync: try again later */
	ERR_DB,           /* any other storage failure (a bug or a damaged file) */
	ERR_RATE_LIMITED,
	ERR_CSRF,
	ERR_UNAVAILABLE,  /* shutting down, overloaded */
};

/* Stable lower-case code for clients ("invalid", "not_found", ...). */
const char *err_code(enum err e);

#endif

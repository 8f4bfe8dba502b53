/*
 * err.c - stable names of error codes, the strings clients see.
 */
#include "core/err.h"

const char *err_code(enum err e)
{
	switch (e) {
	case ERR_OK: return "ok";
	case ERR_NOMEM: return "unavailable";
	case ERR_INVALID: return "invalid";
	case ERR_NOT_FOUND: return "not_found";
	case ERR_DENIED: return "forbidden";
	case ERR_UNAUTH: return "unauthorized";
	case ERR_CONFLICT: return "conflict";
	case ERR_TOO_LARGE: return "too_large";
	case ERR_IO: return "io_error";
	case ERR_DB: return "storage_error";
	case ERR_RATE_LIMITED: return "rate_limited";
	case ERR_CSRF: return "csrf";
	case ERR_UNAVAILABLE: return "unavailable";
	}
	return "error";
}

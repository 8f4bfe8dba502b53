/*
 * router.h - match a request path against a route pattern.
 *
 * Patterns are literal segments and {name} placeholders that match a positive
 * decimal id ("/api/v1/teams/{id}"); the one {token} placeholder matches a
 * run of URL-safe base64 characters and is not a param (the handler reads
 * it from the path).  The route table itself is data, kept in
 * api/routes.c, as Redis keeps its command table.
 */
#ifndef MAJAKKA_ROUTER_H
#define MAJAKKA_ROUTER_H

#include <stdbool.h>
#include <stdint.h>

/* True when path matches pattern; ids of {..} segments go to params
 * (at most max of them), their number to *n. */
bool router_match(const char *pattern, const char *path, int64_t *params, int max, int *n);

#endif

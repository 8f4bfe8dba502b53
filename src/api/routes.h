/*
 * routes.h - the route table: every URL, the handler, and the permission it
 * needs.  Route metadata is data (as Redis keeps its command table): the
 * dispatcher enforces login, permission and CSRF from it, and the OpenAPI
 * test checks every /api/ route against docs/openapi.json.
 */
#ifndef MAJAKKA_ROUTES_H
#define MAJAKKA_ROUTES_H

#include "api/app.h"
#include "model/policy.h"

enum route_flags {
	ROUTE_PUBLIC = 1 << 0,   /* no login needed */
	ROUTE_NO_CSRF = 1 << 1,  /* state-changing but exempt (JSON login) */
	ROUTE_FAMILY = 1 << 2,   /* open to family accounts: every other route is refused to them */
};

/* ACT__COUNT as perm: any logged-in user; the handler decides further. */
#define PERM_LOGGED_IN ACT__COUNT

struct route {
	const char *method;
	const char *pattern;
	void (*handler)(struct request *req, struct auth_state *a);
	enum action perm;
	int flags;
	const char *summary;
};

extern const struct route routes[];
extern const size_t routes_count;

#endif

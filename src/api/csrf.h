/*
 * csrf.h - cross-site request forgery defences for state-changing routes:
 * the request's Origin must be this host, and the form or X-CSRF-Token must
 * carry the session's token (or, on public routes such as the login form,
 * the token of the visitor's majakka_csrf cookie).
 */
#ifndef MAJAKKA_CSRF_H
#define MAJAKKA_CSRF_H

#include <stdbool.h>
#include "api/app.h"

/* The cookie holding the CSRF token of a visitor not logged in. */
#define ANON_CSRF_COOKIE "majakka_csrf"

/* True when there is no Origin (non-browser clients) or it names this Host. */
bool csrf_same_origin(struct request *req);
/* The request carries the right token; public_route also accepts the
 * visitor's majakka_csrf cookie token. */
bool csrf_ok(struct request *req, struct auth_state *a, bool public_route);
/* The CSRF token for the forms of a page shown to a visitor who is not
 * logged in (the login and language forms): the token of the visitor's
 * majakka_csrf cookie, or a new random one set in that cookie.  Public
 * state-changing routes accept it, so a login form cannot be posted from
 * another site (login CSRF) even by a browser that sends no Origin. */
const char *csrf_anon(struct request *req);

#endif

/*
 * csrf.c - cross-site request forgery defences (see csrf.h): the Origin
 * check, the session's token, and the token of visitors not logged in.
 */
#include <stdio.h>
#include <string.h>
#include "api/csrf.h"
#include "auth/token.h"
#include "core/str.h"

bool csrf_same_origin(struct request *req)
{
	const char *origin = request_header(req, "Origin");
	const char *host = request_header(req, "Host");
	const char *rest;

	if (!origin)
		return true;  /* non-browser clients; CSRF token still required */
	if (!host)
		return false;
	if (!strncmp(origin, "http://", 7))
		rest = origin + 7;
	else if (!strncmp(origin, "https://", 8))
		rest = origin + 8;
	else
		return false;
	return !strcmp(rest, host);
}

static bool token_eq(const char *t, const char *want)
{
	return strlen(t) == strlen(want) && str_ct_eq(t, want, strlen(t));
}

/* The session's token; on public routes (login, language) also the token of
 * the majakka_csrf cookie, which visitors not logged in have. */
bool csrf_ok(struct request *req, struct auth_state *a, bool public_route)
{
	const char *t = request_header(req, "X-CSRF-Token");
	const char *anon;
	if (!t)
		t = request_form(req, "csrf");
	if (!t)
		return false;
	if (a->logged_in && token_eq(t, a->s.csrf))
		return true;
	anon = request_cookie(req, ANON_CSRF_COOKIE);
	return public_route && anon && token_well_formed(anon) && token_eq(t, anon);
}

const char *csrf_anon(struct request *req)
{
	struct auth_state *a = req->auth;
	const char *c;
	char cookie[128];

	if (!a)
		return "";
	if (a->anon_csrf[0])
		return a->anon_csrf;
	c = request_cookie(req, ANON_CSRF_COOKIE);
	if (c && token_well_formed(c)) {
		str_lcpy(a->anon_csrf, c, sizeof(a->anon_csrf));
		return a->anon_csrf;
	}
	token_new(a->anon_csrf);
	snprintf(cookie, sizeof(cookie), ANON_CSRF_COOKIE "=%s; Path=/; HttpOnly; Secure; SameSite=Strict",
		 a->anon_csrf);
	request_add_header(req, "Set-Cookie", cookie);
	return a->anon_csrf;
}

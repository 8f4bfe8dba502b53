/*
 * session.c - logging in and out (API and login page) and "who am I".
 *
 * Login attempts are slowed, never locked out, per account and address, per
 * address and while passwords are sprayed (auth/loginlimit.h); the address
 * is the client's, behind a trusted proxy too (app.c).  Login spends the
 * same effort for unknown users as for known ones, and says the same thing
 * for a wrong password and an unknown or disabled account.  Every attempt
 * goes to the access log.
 */
#include <string.h>
#include "api/form.h"
#include "api/handlers.h"
#include "api/input.h"
#include "api/render.h"
#include "auth/password.h"
#include "auth/loginlimit.h"
#include "auth/session.h"
#include "core/clock.h"
#include "core/str.h"
#include "model/account.h"
#include "model/org.h"
#include "model/role.h"
#include "view/i18n.h"
#include "view/jv.h"

#define SESSION_COOKIE "majakka_session"

struct login_result {
	char token[TOKEN_STR_MAX];
	char csrf[TOKEN_STR_MAX];
	struct account_row acc;
	int64_t retry_after_ms;
};

struct create_arg {
	int64_t account_id;
	struct login_result *out;
};

static enum err create_run(struct db *db, void *arg)
{
	struct create_arg *c = arg;
	return session_create(db, c->account_id, clock_now(), c->out->token, c->out->csrf);
}

static void login_entry(struct request *req, struct audit_entry *e, const char *username, int64_t account_id,
			const char *outcome, const char *reason)
{
	struct auth_state *a = req->auth;
	access_entry(&a->ax, e, "login", "session", account_id, NULL);
	e->account_id = account_id;
	str_lcpy(e->username, username, sizeof(e->username));
	e->outcome = outcome;
	e->basis = "credentials";
	str_lcpy(e->reason, reason, sizeof(e->reason));
}

/* Log a refused login; a log that cannot take it fails the request. */
static enum err log_login(struct request *req, const char *username, int64_t account_id,
			  const char *outcome, const char *reason, enum err answer)
{
	struct auth_state *a = req->auth;
	struct audit_entry e;
	login_entry(req, &e, username, account_id, outcome, reason);
	return access_log_add(&a->ax, &e) ? ERR_UNAVAILABLE : answer;
}

static const char *const limit_reason[] = {
	[LOGINLIMIT_PAIR] = "rate_limited_account_address",
	[LOGINLIMIT_ADDRESS] = "rate_limited_address",
	[LOGINLIMIT_SPRAY] = "rate_limited_spraying",
};

/* Check the credentials and open a session.  ERR_UNAUTH for any bad
 * credentials, ERR_RATE_LIMITED (res->retry_after_ms set) when this attempt
 * must wait; the password is then not even looked at. */
static enum err do_login(struct request *req, const char *username, const char *password,
			 struct login_result *res, struct field_error *fe)
{
	struct app *app = req->app;
	char hash[256];
	enum loginlimit_verdict v;
	struct create_arg ca;
	struct db *db;
	enum err e;

	memset(res, 0, sizeof(*res));
	e = validate_text(username, "username", 1, 64, false, fe);
	if (!e)
		e = validate_text(password, "password", 1, 256, false, fe);
	if (e)
		return e;
	v = loginlimit_begin(app->logins, username, req->ip, clock_mono_ms(), &res->retry_after_ms);
	if (v != LOGINLIMIT_OK)
		return log_login(req, username, 0, "denied", limit_reason[v], ERR_RATE_LIMITED);
	db = app_db(app);
	e = db ? account_get_login(db, username, &res->acc, hash, sizeof(hash)) : ERR_UNAVAILABLE;
	if (e == ERR_NOT_FOUND || (!e && !res->acc.active)) {
		password_verify_dummy(password);
		e = ERR_UNAUTH;
	} else if (!e && !password_verify(hash, password)) {
		e = ERR_UNAUTH;
	}
	if (e == ERR_UNAUTH) {
		loginlimit_failed(app->logins, username, req->ip, clock_mono_ms());
		return log_login(req, username, res->acc.id, "failed", "bad_credentials", e);
	}
	if (e) {
		loginlimit_cancelled(app->logins, username, req->ip);
		return e;
	}
	/* The password is right: its pair's failures are cleared even if the
	 * session cannot be stored now. */
	loginlimit_succeeded(app->logins, username, req->ip);
	ca.account_id = res->acc.id;
	ca.out = res;
	{
		/* The session and its log entry commit together. */
		struct auth_state *a = req->auth;
		struct audit_entry le;
		login_entry(req, &le, username, res->acc.id, "allowed", "");
		e = access_write_entry(&a->ax, app->writer, create_run, &ca, &le, NULL);
	}
	return e;
}

/* Cookies are always Secure: Majakka is served over HTTPS (a TLS proxy), and
 * browsers accept Secure cookies from http://localhost for development. */
static void set_session_cookie(struct request *req, const char *token)
{
	char cookie[256];
	if (token)
		snprintf(cookie, sizeof(cookie), SESSION_COOKIE "=%s; Path=/; HttpOnly; Secure; SameSite=Strict",
			 token);
	else
		snprintf(cookie, sizeof(cookie), SESSION_COOKIE "=; Path=/; HttpOnly; Secure; SameSite=Strict; Max-Age=0");
	request_add_header(req, "Set-Cookie", cookie);
}

/* The wait in whole seconds, rounded up: trying again after it is let in. */
static int64_t retry_seconds(int64_t ms)
{
	return ms > 0 ? (ms + 999) / 1000 : 1;
}

/* "Too many failed attempts. Try again in 4 seconds." in the request's
 * language (minutes from two minutes on), for the API and the login page. */
static void rate_limited_text(struct request *req, int64_t secs, char *out, size_t outsz)
{
	const char *key = secs == 1 ? "login.retry_second" : secs < 120 ? "login.retry_seconds" : "login.retry_minutes";
	const char *head = render_t(req, "login.rate_limited"), *tail = render_t(req, key);
	const char *n = strstr(tail, "{n}");
	long long count = secs < 120 ? secs : (secs + 59) / 60;

	if (n)
		snprintf(out, outsz, "%s %.*s%lld%s", head, (int)(n - tail), tail, count, n + 3);
	else
		snprintf(out, outsz, "%s %s", head, tail);
}

static void add_retry_after(struct request *req, int64_t secs)
{
	char s[32];
	snprintf(s, sizeof(s), "%lld", (long long)secs);
	request_add_header(req, "Retry-After", s);
}

static const char *const login_fields[] = { "username", "password", NULL };

void api_session_create(struct request *req, struct auth_state *a)
{
	struct field_error fe = { 0 };
	struct login_result res;
	const char *user = NULL, *pw = NULL;
	const char *ct = request_header(req, "Content-Type");
	struct input in = { 0 };
	enum err e;
	(void)a;

	/* This route needs no CSRF token (there is no session yet), so it takes
	 * only JSON: another site's form cannot send that without a CORS
	 * preflight, and cannot log a browser in (login CSRF).  Forms log in
	 * through POST /login, which checks the visitor's token. */
	if (!ct || strncmp(ct, "application/json", 16)) {
		validate_fail(&fe, "body", "unsupported_type", "send the body as application/json");
		render_error(req, ERR_INVALID, &fe);
		return;
	}
	e = input_init(&in, req, login_fields, &fe);
	if (!e)
		e = input_str(&in, "username", &user, &fe);
	if (!e)
		e = input_str(&in, "password", &pw, &fe);
	if (!e)
		e = do_login(req, user, pw, &res, &fe);
	if (e == ERR_RATE_LIMITED) {
		/* The error says when to try again, in words and in seconds. */
		int64_t secs = retry_seconds(res.retry_after_ms);
		char msg[512];
		rate_limited_text(req, secs, msg, sizeof(msg));
		add_retry_after(req, secs);
		render_json(req, http_status_for(e), json_pack("{s:{s:s, s:s, s:I}}", "error", "code", err_code(e),
							       "message", msg, "retry_after", (json_int_t)secs));
		goto out;
	}
	if (e) {
		if (e == ERR_UNAUTH)
			validate_fail(&fe, "password", "bad_credentials", "wrong username or password");
		render_error(req, e, e == ERR_INVALID || e == ERR_UNAUTH ? &fe : NULL);
		goto out;
	}
	set_session_cookie(req, res.token);
	{
		json_t *m = json_object();
		jv_set_int(m, "account_id", res.acc.id);
		jv_set_str(m, "username", res.acc.username);
		jv_set_str(m, "display_name", res.acc.display_name);
		jv_set_str(m, "csrf_token", res.csrf);
		render_json(req, 201, m);
	}
out:
	input_release(&in);
}

struct end_arg {
	const char *hash;
};

static enum err end_run(struct db *db, void *arg)
{
	return session_end(db, ((struct end_arg *)arg)->hash);
}

static enum err end_session(struct request *req, struct auth_state *a)
{
	struct app *app = req->app;
	struct end_arg ea = { a->s.token_hash };
	struct audit_entry e;
	enum err err;

	access_entry(&a->ax, &e, "logout", "session", a->p.account_id, NULL);
	e.basis = "self";
	err = access_write_entry(&a->ax, app->writer, end_run, &ea, &e, NULL);
	if (!err)
		set_session_cookie(req, NULL);
	return err;
}

void api_session_delete(struct request *req, struct auth_state *a)
{
	enum err e = end_session(req, a);
	json_t *m;

	if (e) {
		render_error(req, e, NULL);
		return;
	}
	m = json_object();
	jv_set_bool(m, "logged_out", true);
	render_json(req, 200, m);
}

json_t *me_model(struct request *req, struct auth_state *a)
{
	struct db *db = app_db(req->app);
	json_t *teams = json_array(), *roles = json_array();
	json_t *m = json_object();

	for (int i = 0; db && i < a->p.nteams; i++) {
		struct team_row t;
		if (org_get_team(db, a->p.teams[i], &t))
			continue;
		json_t *j = json_object();
		jv_set_int(j, "id", t.id);
		jv_set_str(j, "name", t.name);
		jv_set_str(j, "kind", t.kind);
		jv_set(j, "kind_label", render_label_json(req, "team_kind", t.kind));
		json_array_append_new(teams, j);
	}
	json_array_append_new(roles, jv_str(role_name(a->p.role)));
	jv_set_int(m, "account_id", a->p.account_id);
	jv_set_str(m, "username", a->p.username);
	jv_set_str(m, "display_name", a->p.display_name);
	jv_set_str(m, "kind", kind_name(a->p.kind));
	jv_set(m, "roles", roles);
	jv_set(m, "role_label", render_label_json(req, "role", role_name(a->p.role)));
	jv_set(m, "teams", teams);
	jv_set_str(m, "csrf_token", a->s.csrf);
	jv_set_str(m, "lang", req->lang);
	if (a->p.county_id)
		jv_set_int(m, "county_id", a->p.county_id);
	if (a->p.area_id)
		jv_set_int(m, "area_id", a->p.area_id);
	return m;
}

void api_me(struct request *req, struct auth_state *a)
{
	render_json(req, 200, me_model(req, a));
}

/* A local path to return to after login: "/..." but not "//host" nor "/\host"
 * (browsers read a backslash as a slash), and no control characters:
 * browsers drop tabs and newlines from a URL, so "/<TAB>/host" is "//host",
 * and a header value must not hold CR or LF. */
static const char *safe_next(const char *next)
{
	if (!next || next[0] != '/' || next[1] == '/' || next[1] == '\\' || strlen(next) > 512)
		return "/";
	for (const unsigned char *p = (const unsigned char *)next; *p; p++)
		if (*p < 0x20 || *p == 0x7f)
			return "/";
	return next;
}

void page_login(struct request *req, struct auth_state *a)
{
	const char *next = safe_next(request_query(req, "next"));
	json_t *m;

	if (a->logged_in) {
		render_redirect(req, next);
		return;
	}
	m = json_object();
	jv_set_str(m, "next", next);
	render_view(req, 200, "login", "login.title", m);
}

void page_login_post(struct request *req, struct auth_state *a)
{
	struct field_error fe = { 0 };
	struct login_result res;
	const char *user = request_form(req, "username");
	const char *next = safe_next(request_form(req, "next"));
	enum err e;
	(void)a;

	e = do_login(req, user ? user : "", request_form(req, "password") ? request_form(req, "password") : "",
		     &res, &fe);
	if (e) {
		const char *key = e == ERR_UNAUTH || e == ERR_INVALID ? "login.failed" : "error.unavailable";
		json_t *m = json_object();
		char msg[512];
		str_lcpy(msg, render_t(req, key), sizeof(msg));
		if (e == ERR_RATE_LIMITED) {
			int64_t secs = retry_seconds(res.retry_after_ms);
			rate_limited_text(req, secs, msg, sizeof(msg));
			add_retry_after(req, secs);
		}
		jv_set_str(m, "next", next);
		jv_set_str(m, "username", user ? user : "");
		{
			/* The form pattern (form.h): a field left empty is named next
			 * to it; wrong credentials are said at the top and by the
			 * password, without telling which of the two was wrong. */
			static const struct form_field fields[] = {
				{ "username", "login.username" }, { "password", "login.password" }, { NULL, NULL } };
			json_t *form = json_object();
			struct field_error lf = { 0 };
			const char *pw = request_form(req, "password");
			jv_set(m, "form", form);
			if (!user || !*user)
				validate_fail(&lf, "username", "required", "username is required");
			else if (!pw || !*pw)
				validate_fail(&lf, "password", "required", "password is required");
			if (lf.field) {
				form_fail(req, m, form, "", fields, &lf);
			} else {
				jv_set(form, "v", json_pack("{s:s}", "username", user));
				jv_set_bool(form, "invalid", true);
				jv_set(m, "form_summary", json_pack("{s:[{s:s, s:s}]}", "items", "message", msg, "href", "#password"));
				jv_set(form, "err", json_pack("{s:{s:s, s:s, s:b}}", "password", "id", "password-err",
							      "message", msg, "first", 1));
			}
		}
		render_view(req, http_status_for(e == ERR_INVALID ? ERR_UNAUTH : e), "login", "login.title", m);
		return;
	}
	set_session_cookie(req, res.token);
	render_redirect(req, next);
}

void page_logout(struct request *req, struct auth_state *a)
{
	enum err e = end_session(req, a);
	if (e) {
		render_error(req, e, NULL);
		return;
	}
	render_redirect(req, "/login");
}

void page_lang(struct request *req, struct auth_state *a)
{
	const char *lang = request_form(req, "lang");
	char cookie[96];
	(void)a;

	if (!lang || !i18n_lang_supported(lang)) {
		struct field_error fe = { 0 };
		validate_fail(&fe, "lang", "unknown_value", "lang must be one of: fi, sv, en");
		render_error(req, ERR_INVALID, &fe);
		return;
	}
	snprintf(cookie, sizeof(cookie), "lang=%s; Path=/; HttpOnly; Secure; SameSite=Lax; Max-Age=31536000", lang);
	request_add_header(req, "Set-Cookie", cookie);
	render_redirect(req, safe_next(request_form(req, "back")));
}

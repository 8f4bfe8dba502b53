/*
 * render.c - view models to JSON or HTML, errors, redirects
 * (see render.h).
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include "api/csrf.h"
#include "api/render.h"
#include "core/log.h"
#include "core/str.h"
#include "model/role.h"
#include "view/i18n.h"
#include "view/jarena.h"
#include "core/workday.h"
#include "view/jv.h"
#include "view/pagecache.h"
#include "view/tmpl.h"

static struct app *app_of(struct request *req)
{
	return req->app;
}

const char *render_t(struct request *req, const char *key)
{
	const char *s = i18n_get(app_of(req)->i18n, req->lang ? req->lang : "fi", key);
	return s ? s : key;
}

/* The catalog's string for prefix.value, or NULL (then the value is shown). */
static json_t *label_json(struct request *req, const char *prefix, const char *value)
{
	char key[128];
	size_t pn = strlen(prefix), vn = strlen(value);

	if (pn + 1 + vn >= sizeof(key))
		return NULL;
	memcpy(key, prefix, pn);
	key[pn] = '.';
	memcpy(key + pn + 1, value, vn + 1);
	return i18n_get_json(app_of(req)->i18n, req->lang ? req->lang : "fi", key);
}

const char *render_label(struct request *req, const char *prefix, const char *value)
{
	json_t *s = label_json(req, prefix, value);
	return s ? json_string_value(s) : value;
}

json_t *render_label_json(struct request *req, const char *prefix, const char *value)
{
	/* The catalog's pinned string itself: a page has ~60 labels, and
	 * copying each (jv_str) cost as much as looking it up. */
	json_t *s = label_json(req, prefix, value);
	return s ? s : jv_str(value);
}

/* ---- cached <select> choices ------------------------------------------- */

struct option_entry {
	const char *const *values;
	const char *prefix;
	char lang[8];
	int sel;                    /* index of the selected value, -1 none */
	json_t *arr;
};

struct option_cache {
	pthread_mutex_t mu;
	int n;
	struct option_entry e[128];
};

struct option_cache *render_option_cache_new(void)
{
	struct option_cache *c = calloc(1, sizeof(*c));
	if (c)
		pthread_mutex_init(&c->mu, NULL);
	return c;
}

void render_option_cache_free(struct option_cache *c)
{
	if (!c)
		return;
	for (int i = 0; i < c->n; i++)
		jarena_unpin(c->e[i].arr);
	pthread_mutex_destroy(&c->mu);
	free(c);
}

static json_t *build_options(struct request *req, const char *const *values, const char *prefix, int sel)
{
	json_t *arr = json_array();
	for (int i = 0; values[i]; i++)
		json_array_append_new(arr, json_pack("{s:s, s:s, s:b}", "value", values[i],
			"label", render_label(req, prefix, values[i]), "selected", i == sel));
	return arr;
}

json_t *render_options(struct request *req, const char *const *values, const char *prefix, const char *selected)
{
	struct option_cache *c = app_of(req)->options;
	const char *lang = req->lang ? req->lang : "fi";
	json_t *arr = NULL;
	int sel = -1;

	for (int i = 0; selected && values[i]; i++)
		if (!strcmp(values[i], selected))
			sel = i;
	if (!c)
		return build_options(req, values, prefix, sel);
	pthread_mutex_lock(&c->mu);
	for (int i = 0; i < c->n && !arr; i++)
		if (c->e[i].values == values && c->e[i].prefix == prefix && c->e[i].sel == sel &&
		    !strcmp(c->e[i].lang, lang))
			arr = json_incref(c->e[i].arr);
	if (!arr) {
		bool paused = jarena_pause();   /* kept after this request */
		arr = build_options(req, values, prefix, sel);
		jarena_resume(paused);
		if (arr && c->n < (int)(sizeof(c->e) / sizeof(c->e[0]))) {
			struct option_entry *e = &c->e[c->n++];
			e->values = values;
			e->prefix = prefix;
			str_lcpy(e->lang, lang, sizeof(e->lang));
			e->sel = sel;
			e->arr = jarena_pin(arr);
		}
	}
	pthread_mutex_unlock(&c->mu);
	return arr;
}

static int dump_to_buf(const char *s, size_t n, void *data)
{
	return buf_append(data, s, n) ? -1 : 0;
}

void render_json(struct request *req, int status, json_t *model)
{
	buf_reset(&req->out);
	if (!model || json_dump_callback(model, dump_to_buf, &req->out, JSON_COMPACT)) {
		buf_reset(&req->out);
		buf_appends(&req->out, "{\"error\":{\"code\":\"unavailable\",\"message\":\"out of memory\"}}");
		status = 503;
	}
	jarena_drop(model);
	request_set(req, status, "application/json");
}

/* Navigation for the logged-in user: only what they may open. */
static json_t *nav_for(struct request *req, const struct auth_state *a)
{
	/* act ACT_CLIENT_WRITE here means "opens cases": workers with client
	 * access.  The reports item goes to the unit's figures for managers,
	 * else to the break-the-glass report of one's own children. */
	struct nav { const char *href, *key; enum action act; } items[] = {
		{ "/", "nav.home", ACT__COUNT },
		{ "/children/new", "nav.intake", ACT_CLIENT_WRITE },
		{ "/search", "nav.search", ACT_CLIENT_SEARCH },
		{ "/org", "nav.organisation", ACT_ORG_READ },
		{ "/partners", "partners.nav", ACT_ORG_READ },
		{ "/reports/caseload", "nav.reports", ACT_UNIT_REPORT },
		{ "/reports/break-glass", "nav.reports", ACT_AUDIT_REPORT },
		{ "/admin/accounts", "nav.accounts", ACT_ACCOUNT_ADMIN },
	};
	json_t *arr = json_array();
	bool reports = false;

	if (a->p.kind == KIND_FAMILY) {
		/* The family portal is a family account's whole menu. */
		json_t *j = json_object();
		jv_set_str(j, "href", "/family");
		jv_set_str(j, "label", render_t(req, "nav.family"));
		jv_set_bool(j, "active", !strncmp(req->path, "/family", 7));
		json_array_append_new(arr, j);
		return arr;
	}

	for (size_t i = 0; i < sizeof(items) / sizeof(items[0]); i++) {
		bool active;
		if (items[i].act == ACT_CLIENT_WRITE) {
			if (a->p.kind != KIND_WORKER || !principal_has_client_access(&a->p))
				continue;
		} else if (items[i].act != ACT__COUNT &&
			   !policy_decide(&a->p, items[i].act, NULL).allow) {
			continue;
		}
		if (!strncmp(items[i].href, "/reports/", 9)) {
			if (reports)
				continue;
			reports = true;
		}
		active = !strcmp(items[i].href, "/") ? !strcmp(req->path, "/")
			 : !strncmp(req->path, items[i].href, strlen(items[i].href)) ||
			   (!strncmp(items[i].href, "/reports/", 9) && !strncmp(req->path, "/reports/", 9));
		json_t *j = json_object();
		jv_set_str(j, "href", items[i].href);
		jv_set_str(j, "label", render_t(req, items[i].key));
		jv_set_bool(j, "active", active);
		json_array_append_new(arr, j);
	}
	return arr;
}

static json_t *page_ctx(struct request *req, const char *title_key)
{
	struct app *app = app_of(req);
	struct auth_state *a = req->auth;
	static const char *const langs[] = { "fi", "sv", "en" };
	json_t *page = json_object(), *ls = json_array();

	jv_set_str(page, "lang", req->lang);
	jv_set_str(page, "title", render_t(req, title_key));
	jv_set_bool(page, "demo", app->demo);
	jv_set_str(page, "path", req->path);
	for (int i = 0; i < 3; i++) {
		json_t *l = json_object();
		jv_set_str(l, "code", langs[i]);
		jv_set(l, "label", render_label_json(req, "lang", langs[i]));
		jv_set_bool(l, "current", !strcmp(req->lang, langs[i]));
		json_array_append_new(ls, l);
	}
	jv_set(page, "langs", ls);
	if (a && a->logged_in) {
		json_t *u = json_object();
		jv_set_str(u, "display_name", a->p.display_name);
		jv_set_str(u, "username", a->p.username);
		jv_set(u, "role_label", render_label_json(req, "role", role_name(a->p.role)));
		jv_set(page, "user", u);
		jv_set_str(page, "csrf", a->s.csrf);
		jv_set(page, "nav", nav_for(req, a));
	} else {
		jv_set_str(page, "csrf", csrf_anon(req));
	}
	return page;
}

struct page_slot {
	struct app *app;
	const char *tmpl;
	json_t *model;
	const char *lang;
};

static enum err render_page_into(struct buf *out, void *arg)
{
	struct page_slot *p = arg;
	return tmpl_render(p->app->tmpl, p->tmpl, p->model, p->lang, out);
}

/* A page is about 25 kB: room for it at once instead of doubling up to it. */
#define PAGE_RESERVE (32u * 1024u)

void render_view(struct request *req, int status, const char *tmpl, const char *title_key,
		 json_t *model)
{
	struct app *app = app_of(req);
	struct page_slot slot = { app, tmpl, model, req->lang };
	json_t *page;
	enum err e;

	if (req->wants_json) {
		render_json(req, status, model);
		return;
	}
	page = page_ctx(req, title_key);
	json_object_set(model, "page", page);
	buf_reset(&req->out);
	buf_grow(&req->out, PAGE_RESERVE);
	if (req->htmx)
		e = render_page_into(&req->out, &slot);
	else
		/* The layout, with the page rendered straight into its
		 * {{&content_html}}: the renderer writes valid UTF-8 only. */
		e = tmpl_render_slot(app->tmpl, "layout", page, req->lang, &req->out, "content_html",
				     render_page_into, &slot);
	jarena_drop(page);
	jarena_drop(model);
	if (e) {
		log_error("render %s failed: %s", tmpl, err_code(e));
		buf_reset(&req->out);
		buf_appends(&req->out, "Internal error while rendering the page\n");
		request_set(req, 500, "text/plain; charset=utf-8");
		return;
	}
	request_set(req, status, "text/html; charset=utf-8");
}

/* The page's key (render.h) into k; k->len is 0 when there is none (no
 * session or generations, or an address too long to be worth keeping). */
static void page_key(struct request *req, const struct access_answer *ans, struct page_key *k)
{
	struct auth_state *a = req->auth;
	char today[11];
	int n;

	k->len = 0;
	if (!a || !a->logged_in || a->content_gen < 0 || a->ax.gen < 0 || !req->app || !app_of(req)->pages)
		return;
	date_format(date_today(), today);
	n = snprintf(k->s, sizeof(k->s), "%s|%lld|%lld|%s|%s|%s|%d%d|%d|%u|%s|%d%d|%s?%s", a->s.token_hash,
		     (long long)a->ax.gen, (long long)a->content_gen, today, req->lang, req->method,
		     req->wants_json, req->htmx, (int)ans->d.audience, ans->d.fields,
		     ans->d.basis ? ans->d.basis : "", ans->can_write, ans->can_record, req->path,
		     req->raw_query ? req->raw_query : "");
	if (n > 0 && (size_t)n < sizeof(k->s))
		k->len = (size_t)n;
}

bool render_cached(struct request *req, const struct access_answer *ans, struct page_key *k)
{
	int status;
	const char *ct;

	page_key(req, ans, k);
	if (!k->len || !pagecache_get(app_of(req)->pages, k->s, k->len, &req->out, &status, &ct))
		return false;
	request_set(req, status, ct);
	return true;
}

void render_keep(struct request *req, const struct page_key *k, size_t nlog_at_check)
{
	struct auth_state *a = req->auth;

	if (!k->len || req->status != 200 || !a || a->ax.nlog != nlog_at_check)
		return;
	pagecache_put(app_of(req)->pages, k->s, k->len, buf_str(&req->out), req->out.len, req->status,
		      req->content_type);
}

/* Does the text start with a capital letter (A-Z, or Ä, Å, Ö and the
 * other Latin-1 capitals)?  Then it is a sentence of its own. */
static bool starts_capital(const char *s)
{
	const unsigned char *u = (const unsigned char *)s;
	return (u[0] >= 'A' && u[0] <= 'Z') || (u[0] == 0xc3 && u[1] >= 0x80 && u[1] <= 0x9e);
}

void render_field_message(struct request *req, const struct field_error *fe, const char *label_key,
			  char *out, size_t outsz)
{
	char key[128];
	json_t *label, *reason;
	const char *l, *r;

	snprintf(key, sizeof(key), "reason.%s", fe->reason ? fe->reason : "invalid");
	reason = i18n_get_json(app_of(req)->i18n, req->lang ? req->lang : "fi", key);
	if (!reason)
		reason = label_json(req, "reason", "invalid");
	if (label_key)
		label = i18n_get_json(app_of(req)->i18n, req->lang ? req->lang : "fi", label_key);
	else
		label = fe->field ? label_json(req, "field", fe->field) : NULL;
	l = label ? json_string_value(label) : fe->field ? fe->field : "";
	r = reason ? json_string_value(reason) : "";
	if (starts_capital(r))
		snprintf(out, outsz, "%s", r);
	else
		snprintf(out, outsz, "%s %s", l, r);
}

/* Did the request name its language (a lang cookie or Accept-Language)?
 * An API client that names none gets the English sentence of the model. */
static bool names_language(struct request *req)
{
	return request_header(req, "Accept-Language") || i18n_lang_index(request_cookie(req, "lang")) >= 0;
}

void render_error(struct request *req, enum err e, const struct field_error *fe)
{
	int status = http_status_for(e);
	const char *msg;
	char key[64], fmsg[512];
	bool field = fe && fe->field;
	json_t *err;

	snprintf(key, sizeof(key), "error.%s", err_code(e));
	if (field)
		render_field_message(req, fe, NULL, fmsg, sizeof(fmsg));
	if (req->wants_json) {
		/* The stable code, field and reason; the message in the language
		 * asked for, with the model's English sentence as detail. */
		msg = fe && fe->message[0] ? fe->message : render_t(req, key);
		if (field && names_language(req))
			msg = fmsg;
		err = json_pack("{s:s, s:s}", "code", err_code(e), "message", msg);
		if (field) {
			json_object_set_new(err, "field", json_string(fe->field));
			json_object_set_new(err, "reason", json_string(fe->reason ? fe->reason : "invalid"));
			if (msg == fmsg && fe->message[0])
				json_object_set_new(err, "detail", json_string(fe->message));
		}
		render_json(req, status, json_pack("{s:o}", "error", err));
		return;
	}
	err = json_pack("{s:s}", "code", err_code(e));
	if (field) {
		/* Never the model's English sentence on a page: it names
		 * internal fields. */
		json_object_set_new(err, "field", json_string(fe->field));
		json_object_set_new(err, "field_message", json_string(fmsg));
	}
	json_object_set_new(err, "title", json_string(render_t(req, key)));
	{
		/* The catalog's message is the title: say instead what to do, when
		 * the catalog has a hint (error_hint.CODE), and not twice. */
		json_t *hint = label_json(req, "error_hint", err_code(e));
		json_object_set_new(err, "message", hint ? hint : json_string(""));
	}
	if (field && !strcmp(fe->field, "break_glass") && !strcmp(fe->reason, "not_on_team") &&
	    !strcmp(req->method, "GET") && !strncmp(req->path, "/children/", 10) && req->nparam) {
		/* Offer to open the child anyway with a logged reason (POSTed:
		 * a reason never travels in a URL). */
		json_object_set_new(err, "break_glass", json_true());
		json_object_set_new(err, "child_id", json_integer(req->param[0]));
	}
	json_object_set_new(err, "status", json_integer(status));
	render_view(req, status, "error", key, json_pack("{s:o}", "error", err));
}

void render_form_error(struct request *req, json_t *model, const struct field_error *fe)
{
	char key[96], msg[512];
	if (!fe || !fe->field)
		return;
	snprintf(key, sizeof(key), "field.%s", fe->field);
	render_field_message(req, fe, NULL, msg, sizeof(msg));
	json_object_set_new(model, "error", json_pack("{s:s, s:s, s:s}", "field", fe->field,
		"field_label", render_t(req, key), "message", msg));
}

void render_redirect(struct request *req, const char *path)
{
	buf_reset(&req->out);
	if (req->htmx) {
		request_add_header(req, "HX-Redirect", path);
		request_set(req, 200, "text/plain; charset=utf-8");
	} else {
		request_add_header(req, "Location", path);
		request_set(req, 303, "text/plain; charset=utf-8");
	}
}

/*
 * persons.c - registering persons (a child with a new case in one of the
 * worker's teams, or a family member of a child the worker may change),
 * searching by name or identity code, and a person's own access log: who
 * has seen their data.
 */
#include <string.h>
#include "api/access.h"
#include "api/form.h"
#include "api/handlers.h"
#include "api/input.h"
#include "api/render.h"
#include "core/buf.h"
#include "core/str.h"
#include "model/accesslog.h"
#include "model/childcase.h"
#include "model/org.h"
#include "model/hetu.h"
#include "model/person.h"
#include "view/i18n.h"
#include "view/jv.h"

struct create_w {
	struct person_row p;
	int64_t team_id;
	const char *legal_basis;
	const char *phase;
	int64_t child_id;          /* relate the new person to this child */
	const char *relation;
	bool guardian;
	int64_t case_id;
	int64_t by;
	struct field_error *fe;
};

static enum err create_run(struct db *db, void *arg)
{
	struct create_w *w = arg;
	enum err e = person_create(db, &w->p, w->by, w->fe);
	if (!e && w->team_id)
		e = childcase_create(db, w->p.id, w->team_id, w->legal_basis ? w->legal_basis : "child_welfare_act",
				     w->phase ? w->phase : "notification", w->by, "case opened", &w->case_id, w->fe);
	if (!e && w->child_id)
		e = relation_add(db, w->p.id, w->child_id, w->relation ? w->relation : "parent", w->guardian, w->fe);
	return e;
}

void person_create_api(struct request *req, struct auth_state *a)
{
	static const char *const f[] = { "kind", "first_names", "last_name", "birth_date", "hetu", "phone", "email",
		"address", "language", "non_disclosure", "team_id", "legal_basis", "phase", "child_id", "relation",
		"guardian", NULL };
	struct field_error fe = { 0 };
	struct create_w w = { .fe = &fe, .by = a->p.account_id };
	struct input in = { 0 };
	bool present;
	enum err e = input_init(&in, req, f, &fe);

	{
		struct { const char *name; char *dst; size_t sz; } s[] = {
			{ "kind", w.p.kind, sizeof(w.p.kind) }, { "first_names", w.p.first_names, sizeof(w.p.first_names) },
			{ "last_name", w.p.last_name, sizeof(w.p.last_name) }, { "birth_date", w.p.birth_date, sizeof(w.p.birth_date) },
			{ "hetu", w.p.hetu, sizeof(w.p.hetu) }, { "phone", w.p.phone, sizeof(w.p.phone) },
			{ "email", w.p.email, sizeof(w.p.email) }, { "address", w.p.address, sizeof(w.p.address) },
			{ "language", w.p.language, sizeof(w.p.language) } };
		for (size_t i = 0; !e && i < sizeof(s) / sizeof(s[0]); i++) {
			e = input_copy(&in, s[i].name, s[i].dst, s[i].sz, &fe);
		}
	}
	if (!e) e = input_bool(&in, "non_disclosure", &w.p.non_disclosure, &present, &fe);
	if (!e) e = input_int(&in, "team_id", &w.team_id, &present, &fe);
	if (!e) e = input_str(&in, "legal_basis", &w.legal_basis, &fe);
	if (!e) e = input_str(&in, "phase", &w.phase, &fe);
	if (!e) e = input_int(&in, "child_id", &w.child_id, &present, &fe);
	if (!e) e = input_str(&in, "relation", &w.relation, &fe);
	if (!e) e = input_bool(&in, "guardian", &w.guardian, &present, &fe);
	if (!e && !w.team_id && !w.child_id)
		e = validate_fail(&fe, "team_id", "required",
				  "give team_id to open a case for a new child, or child_id to add a family member of a child");
	if (!e && w.team_id && strcmp(w.p.kind, "child"))
		e = validate_fail(&fe, "team_id", "only_children", "only a child gets a case; for a parent give child_id");
	if (e) {
		render_error(req, e, &fe);
		goto out;
	}
	w.p.county_id = a->p.county_id;
	if (w.team_id) {
		/* Opening a case in a team: the door decides on that team. */
		struct decision d;
		e = access_team(&a->ax, app_db(req->app), w.team_id, ACT_CLIENT_WRITE, "person", "create", &d);
		if (e == ERR_NOT_FOUND) {
			validate_fail(&fe, "team_id", "unknown_value", "no team %lld in your organisation", (long long)w.team_id);
			render_error(req, ERR_INVALID, &fe);
			goto out;
		}
		if (e) {
			render_error(req, e == ERR_DENIED ? ERR_DENIED : ERR_UNAVAILABLE, NULL);
			goto out;
		}
	} else {
		struct access_answer ans;
		if (!access_child(req, a, w.child_id, ACT_CLIENT_WRITE, "update", &ans))
			goto out;
	}
	e = access_write_req(req, create_run, &w);
	if (!e)
		e = access_log_created(&a->ax, w.p.id, w.case_id, w.team_id ? "own_team" : "childs_team");
	if (e) {
		render_error(req, e, &fe);
		goto out;
	}
	json_t *j = json_object(), *m = json_object();
	jv_set_int(j, "id", w.p.id);
	jv_set_str(j, "kind", w.p.kind);
	jv_set_str(j, "first_names", w.p.first_names);
	jv_set_str(j, "last_name", w.p.last_name);
	jv_set_str(j, "birth_date", w.p.birth_date);
	if (w.case_id)
		jv_set_int(j, "case_id", w.case_id);
	jv_set(m, "person", j);
	render_json(req, 201, m);
out:
	input_release(&in);
}

struct search_acc {
	struct request *req;
	struct auth_state *a;
	json_t *arr;
	int hidden;              /* hits outside the reader's access */
	bool by_code;            /* the query is an identity code */
	int64_t glass_child_id;  /* that code's child, to break the glass for */
	enum err err;
};

static void search_cb(void *ctx, const struct person_hit *h)
{
	struct search_acc *s = ctx;
	struct decision d;
	bool may_glass;
	json_t *j;

	if (s->err)
		return;
	s->err = access_search_hit(&s->a->ax, h, &d, &may_glass);
	if (s->err)
		return;
	if (!d.allow) {
		/* Only that a person matched, and how to ask for more: an exact
		 * identity code names one person, whom the worker may then open
		 * by breaking the glass. */
		s->hidden++;
		if (s->by_code && may_glass)
			s->glass_child_id = h->id;
		return;
	}
	j = json_object();
	jv_set_int(j, "id", h->id);
	jv_set_str(j, "name", h->name);
	if (d.fields & FIELD_AGE)
		jv_set_str(j, "birth_date", h->birth_date);
	jv_set_str(j, "kind", h->kind);
	jv_set(j, "kind_label", render_label_json(s->req, "person_kind", h->kind));
	if (h->case_id)
		jv_set_int(j, "case_id", h->case_id);
	json_array_append_new(s->arr, j);
}

/* Six digits, a century sign and four more characters: meant as a code. */
static bool search_code_shaped(const char *q)
{
	if (strlen(q) != 11 || !strchr("+-YXWVUABCDEF", q[6]))
		return false;
	for (int i = 0; i < 6; i++)
		if (q[i] < '0' || q[i] > '9')
			return false;
	return true;
}

/* The search page again (422) with the message next to the field; the API
 * gets its error. */
static void search_refused(struct request *req, const char *q, const struct field_error *fe)
{
	static const struct form_field fields[] = { { "q", "search.label" }, { NULL, NULL } };
	json_t *m, *form;

	if (req->wants_json) {
		render_error(req, ERR_INVALID, fe);
		return;
	}
	m = json_object();
	form = json_object();
	jv_set_str(m, "q", q);
	jv_set(m, "form", form);
	/* form_fail keeps what was posted; a GET form keeps its query here. */
	form_fail(req, m, form, "", fields, fe);
	render_view(req, 422, "search", "search.title", m);
}

void person_search_view(struct request *req, struct auth_state *a)
{
	struct db *db = app_db(req->app);
	const char *q = request_query(req, "q");
	struct search_acc s = { req, a, json_array(), 0, false, 0, ERR_OK };
	enum err e = ERR_OK;
	json_t *m;

	if (q && *q) {
		struct field_error fe = { 0 };
		const char *why = NULL;
		/* Counted in characters, as the field's maxlength counts them. */
		if (!str_utf8_valid(q, strlen(q)) || str_utf8_len(q, strlen(q)) > 100)
			validate_fail(&fe, "q", "too_long", "search with at most 100 characters");
		/* Something shaped as an identity code (six digits, a century sign,
		 * four more) that is not a valid one is a typo: say so, never "no hits". */
		else if (search_code_shaped(q) && hetu_parse(q, NULL, &why))
			validate_fail(&fe, "q", why, "%s is not a valid personal identity code (%s)", q, why);
		if (fe.field) {
			json_decref(s.arr);
			search_refused(req, q, &fe);
			return;
		}
		s.by_code = hetu_valid(q);
		e = db ? person_search(db, a->p.county_id, &a->p, q, 50, search_cb, &s) : ERR_UNAVAILABLE;
		if (e == ERR_INVALID)
			e = ERR_OK;  /* nothing searchable in q: no hits */
		if (!e)
			e = s.err == ERR_TOO_LARGE ? ERR_UNAVAILABLE : s.err;
	}
	if (e) {
		json_decref(s.arr);
		render_error(req, e, NULL);
		return;
	}
	m = json_object();
	jv_set_str(m, "q", q ? q : "");
	jv_set(m, "results", s.arr);
	jv_set_int(m, "outside_access", s.hidden);
	if (s.glass_child_id)
		jv_set_int(m, "break_glass_child_id", s.glass_child_id);
	jv_set_bool(m, "searched", q && *q);
	render_view(req, 200, "search", "search.title", m);
}

struct log_acc {
	struct request *req;
	json_t *arr;
};

/* A denial's reason code in words ("reason.not_on_team"), else NULL: the
 * same column holds the free text of a break-the-glass reason, shown as
 * written.  The catalog's fragments that follow a field's label ("– the
 * child is not in your teams") lose their dash here, where they stand
 * alone under the outcome. */
static const char *denial_words(struct request *req, const struct accesslog_row *r)
{
	char key[300];
	const char *s;

	if (!strcmp(r->outcome, "allowed") || !r->reason[0])
		return NULL;
	snprintf(key, sizeof(key), "reason.%s", r->reason);
	s = i18n_get(((struct app *)req->app)->i18n, req->lang ? req->lang : "fi", key);
	if (s && !strncmp(s, "\xe2\x80\x93 ", 4))
		s += 4;
	return s;
}

static void access_log_cb(void *ctx, const struct accesslog_row *r)
{
	struct log_acc *l = ctx;
	json_t *j = json_object();
	const char *why = denial_words(l->req, r);

	jv_set_int(j, "id", r->id);
	jv_set_str(j, "at", r->at);
	jv_set_str(j, "username", r->username);
	jv_set_str(j, "name", r->name);
	jv_set_str(j, "role", r->role);
	jv_set(j, "role_label", render_label_json(l->req, "role", r->role));
	jv_set_str(j, "action", r->action);
	jv_set(j, "action_label", render_label_json(l->req, "action", r->action));
	jv_set_str(j, "basis", r->basis);
	jv_set(j, "basis_label", render_label_json(l->req, "basis", r->basis));
	jv_set_str(j, "outcome", r->outcome);
	jv_set(j, "outcome_label", render_label_json(l->req, "outcome", r->outcome));
	jv_set_bool(j, "denied", strcmp(r->outcome, "allowed") != 0);
	jv_set_str(j, "reason", r->reason);
	if (why)
		jv_set_str(j, "reason_label", why);
	else if (r->reason[0])
		jv_set_str(j, "reason_text", r->reason);
	json_array_append_new(l->arr, j);
}

/* The filter form's fields, labelled field.NAME.  The cursor (before) is
 * no field: a filter sent from the form starts again from the newest, and
 * a bad cursor is told in the summary alone. */
static const struct form_field log_fields[] = {
	{ "from", NULL }, { "to", NULL }, { "who", NULL }, { "limit", NULL }, { NULL, NULL },
};

/* The page's address with the filter as typed and before = cursor (0: the
 * newest page), for the "next" and "newest" links. */
static json_t *log_href(struct request *req, int64_t person_id, int64_t cursor)
{
	static const char *const keep[] = { "from", "to", "who", "limit" };
	struct buf b;
	json_t *s;
	char sep = '?';

	buf_init(&b, 2048);
	buf_appendf(&b, "/persons/%lld/access-log", (long long)person_id);
	for (size_t i = 0; i < sizeof(keep) / sizeof(keep[0]); i++) {
		const char *v = request_query(req, keep[i]);
		if (!v || !*v)
			continue;
		buf_appendf(&b, "%c%s=", sep, keep[i]);
		buf_append_url(&b, v, strlen(v));
		sep = '&';
	}
	if (cursor)
		buf_appendf(&b, "%cbefore=%lld", sep, (long long)cursor);
	s = json_string(buf_str(&b));
	buf_release(&b);
	return s;
}

/* GET /persons/{id}/access-log: a page of the person's log, newest first,
 * filtered by the query (before, limit, from, to, who).  A filter that
 * cannot be read answers 422: the page again with the message next to its
 * field, or the API's error naming it. */
void person_access_log(struct request *req, struct auth_state *a)
{
	struct db *db = app_db(req->app);
	struct log_acc l = { req, NULL };
	struct person_row p;
	struct access_answer ans;
	struct accesslog_filter f = { 0 };
	struct field_error fe = { 0 };
	int64_t next = 0;
	enum err e, fail;

	if (!access_person(req, a, req->param[0], ACT_ACCESS_LOG_READ, "read_access_log", &ans))
		return;
	e = person_get(db, req->param[0], &p);
	if (e) {
		render_error(req, e, NULL);
		return;
	}
	f.person_id = p.id;
	fail = accesslog_filter_parse(&f, request_query(req, "before"), request_query(req, "limit"),
				      request_query(req, "from"), request_query(req, "to"),
				      request_query(req, "who"), &fe);
	if (fail && req->wants_json) {
		render_error(req, fail, &fe);
		return;
	}
	l.arr = json_array();
	if (!fail)
		e = accesslog_list_person(db, &f, access_log_cb, &l, &next);
	if (e) {
		json_decref(l.arr);
		render_error(req, e, NULL);
		return;
	}
	{
		char name[sizeof(p.first_names) + sizeof(p.last_name)];
		json_t *m = json_object(), *person = json_object(), *form = json_object(), *v = json_object();
		snprintf(name, sizeof(name), "%s %s", p.first_names, p.last_name);
		jv_set_int(person, "id", p.id);
		jv_set_str(person, "name", name);
		jv_set(m, "person", person);
		jv_set_bool(m, "empty", !fail && json_array_size(l.arr) == 0);
		jv_set(m, "entries", l.arr);
		jv_set_int(m, "case_id", ans.case_id);
		jv_set_int(m, "limit", f.limit);
		jv_set(m, "next", next ? json_integer(next) : json_null());
		if (next)
			jv_set(m, "next_href", log_href(req, p.id, next));
		if (f.before)
			jv_set(m, "newest_href", log_href(req, p.id, 0));
		/* The inputs show what was asked for, found or refused. */
		for (int i = 0; log_fields[i].name; i++) {
			const char *q = request_query(req, log_fields[i].name);
			jv_set_str(v, log_fields[i].name, q ? q : "");
		}
		jv_set(form, "v", v);
		jv_set(m, "form", form);
		if (fail)
			form_fail(req, m, form, "", log_fields, &fe);
		render_view(req, fail ? 422 : 200, "access_log", "access_log.title", m);
	}
}

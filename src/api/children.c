/*
 * children.c - the children a worker may see (a page at a time, keyset
 * paging on child_id) and the child page: case, phase history, child's
 * team, family, notifications with their clocks and the versioned journal;
 * and the changes made from it (phase, team members, journal entries and
 * corrections).  Every read and write goes through api/access.h, which
 * logs it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "api/access.h"
#include "api/children.h"
#include "api/form.h"
#include "api/handlers.h"
#include "api/input.h"
#include "api/lights.h"
#include "api/members.h"
#include "api/render.h"
#include "api/tagform.h"
#include "api/work.h"
#include "core/str.h"
#include "core/workday.h"
#include "model/breakglass.h"
#include "model/caseteam.h"
#include "model/consultation.h"
#include "model/journal.h"
#include "model/notification.h"
#include "model/person.h"
#include "model/role.h"
#include "view/jv.h"

/* ---- list ----------------------------------------------------------------- */

void case_list_add(void *ctx, const struct case_row *c, const struct decision *d)
{
	struct case_list *l = ctx;
	struct auth_state *a = l->req->auth;
	if (l->too_long || access_log_row(&a->ax, c, d)) {
		l->too_long = true;
		return;
	}
	json_array_append_new(l->arr, case_summary_json(l->req, c, d->fields));
}

/* A page of the list: the first limit rows go to l; the row after them
 * (childcase_page_visible is asked for limit + 1) only says that another
 * page follows, and is neither logged nor shown. */
struct child_page {
	struct case_list l;
	int limit, n;
	int64_t last_child_id;
	bool more;
};

static void child_page_add(void *ctx, const struct case_row *c, const struct decision *d)
{
	struct child_page *pg = ctx;

	if (pg->n == pg->limit) {
		pg->more = true;
		return;
	}
	case_list_add(&pg->l, c, d);
	pg->n++;
	pg->last_child_id = c->child_id;
}

/* The list's query parameters; ERR_INVALID with fe naming the one to fix. */
static enum err children_params(struct request *req, int64_t *team, int64_t *after, int64_t *limit,
				struct field_error *fe)
{
	const char *t = request_query(req, "team_id"), *f = request_query(req, "after"),
		   *n = request_query(req, "limit");

	if (t && str_to_i64(t, 1, INT64_MAX, team))
		return validate_fail(fe, "team_id", "invalid_number", "team_id must be a positive whole number");
	if (f && str_to_i64(f, 1, INT64_MAX, after))
		return validate_fail(fe, "after", "invalid_number",
				     "after must be a child id (a positive whole number): the next of the previous page");
	if (n && str_to_i64(n, INT64_MIN, INT64_MAX, limit))
		return validate_fail(fe, "limit", "not_integer", "limit must be a whole number from 1 to %d",
				     CHILDREN_PAGE_MAX);
	if (n && (*limit < 1 || *limit > CHILDREN_PAGE_MAX))
		return validate_fail(fe, "limit", "out_of_range", "limit must be from 1 to %d", CHILDREN_PAGE_MAX);
	return ERR_OK;
}

void children_list(struct request *req, struct auth_state *a)
{
	struct db *db = app_db(req->app);
	struct child_page pg = { { req, NULL, false } };
	struct field_error fe = { 0 };
	int64_t team = 0, after = 0, limit = CHILDREN_PAGE_MAX;
	enum err e = children_params(req, &team, &after, &limit, &fe);

	if (e) {
		render_error(req, e, &fe);
		return;
	}
	pg.l.arr = json_array();
	pg.limit = (int)limit;
	e = db ? childcase_page_visible(db, &a->p, team, request_query(req, "closed") != NULL, after, pg.limit + 1,
					child_page_add, &pg)
	       : ERR_UNAVAILABLE;
	if (e || pg.l.too_long) {
		json_decref(pg.l.arr);
		access_list_fail(req, e, !e);
		return;
	}
	render_json(req, 200, json_pack("{s:o, s:o}", "children", pg.l.arr,
					"next", pg.more ? json_integer(pg.last_child_id) : json_null()));
}

/* ---- the child page -------------------------------------------------------- */

struct page_acc {
	struct request *req;
	json_t *arr;
	json_t *arr2;
	json_t *cur;
	int64_t cur_entry;
	bool internal;         /* team members: show over-cap reasons */
	bool family;           /* team members: show the close network */
	int64_t only_author;   /* journal: only this author's entries (0: all) */
};

static void phase_cb(void *ctx, const struct phase_row *r)
{
	struct page_acc *p = ctx;
	json_t *j = json_object();
	jv_set_str(j, "phase", r->phase);
	jv_set(j, "phase_label", render_label_json(p->req, "phase", r->phase));
	jv_set_str(j, "changed_at", r->changed_at);
	jv_set_str(j, "changed_by", r->changed_by);
	jv_set_str(j, "reason", r->reason);
	json_array_append_new(p->arr, j);
}

static void member_cb(void *ctx, const struct member_row *m)
{
	struct page_acc *p = ctx;
	json_t *j;
	/* A member from the close network is family data. */
	if (m->person_id && !m->account_id && !p->family)
		return;
	j = json_object();
	jv_set_int(j, "id", m->id);
	jv_set_str(j, "role", m->role);
	jv_set(j, "role_label", render_label_json(p->req, "member_role", m->role));
	jv_set_str(j, "name", m->name);
	jv_set_str(j, "description", m->description);
	jv_set_str(j, "from_date", m->from_date);
	jv_set_str(j, "to_date", m->to_date);
	if (m->account_id)
		jv_set_int(j, "account_id", m->account_id);
	if (m->person_id)
		jv_set_int(j, "person_id", m->person_id);
	if (m->title[0])
		jv_set(j, "title", render_label_json(p->req, "role", m->title));
	if (p->internal && m->over_cap_reason[0])
		jv_set_str(j, "over_cap_reason", m->over_cap_reason);
	if (p->internal && m->end_reason[0])
		jv_set_str(j, "end_reason", m->end_reason);
	json_array_append_new(m->to_date[0] ? p->arr2 : p->arr, j);
}

static void relation_cb(void *ctx, const struct relation_row *r)
{
	struct page_acc *p = ctx;
	json_t *j = json_object();
	jv_set_int(j, "person_id", r->person_id);
	jv_set_str(j, "name", r->name);
	jv_set_str(j, "kind", r->kind);
	jv_set(j, "kind_label", render_label_json(p->req, "relation", r->kind));
	jv_set_bool(j, "guardian", r->guardian);
	jv_set_bool(j, "blocked", r->blocked);
	jv_set_str(j, "birth_date", r->birth_date);
	json_array_append_new(p->arr, j);
}

static void notification_cb(void *ctx, const struct notification_row *n)
{
	struct page_acc *p = ctx;
	json_t *clocks = json_array();
	bool decided = n->decision[0] != 0;
	json_array_append_new(clocks, clock_status_json(p->req, "decision", n->decision_due, decided));
	if (!decided || !strcmp(n->decision, "start_assessment"))
		json_array_append_new(clocks, clock_status_json(p->req, "assessment", n->assessment_due,
								n->assessment_done_at[0] != 0));
	json_t *j = json_object();
	jv_set_int(j, "id", n->id);
	jv_set_str(j, "kind", n->kind);
	jv_set(j, "kind_label", render_label_json(p->req, "notification_kind", n->kind));
	jv_set_str(j, "received_at", n->received_at);
	jv_set_str(j, "received_by", n->received_by_name);
	jv_set_str(j, "sender_type", n->sender_type);
	jv_set(j, "sender_label", render_label_json(p->req, "sender", n->sender_type));
	jv_set_str(j, "sender_name", n->sender_name);
	jv_set_str(j, "text", n->text);
	jv_set_str(j, "decision_due", n->decision_due);
	jv_set_str(j, "assessment_due", n->assessment_due);
	jv_set(j, "clocks", clocks);
	if (n->urgency[0]) {
		json_t *u = json_object();
		jv_set_str(u, "outcome", n->urgency);
		jv_set(u, "label", render_label_json(p->req, "urgency", n->urgency));
		jv_set_str(u, "at", n->urgency_at);
		jv_set_str(u, "by", n->urgency_by_name);
		jv_set(j, "urgency", u);
	}
	if (decided) {
		json_t *d = json_object();
		jv_set_str(d, "outcome", n->decision);
		jv_set(d, "label", render_label_json(p->req, "decision", n->decision));
		jv_set_str(d, "at", n->decision_at);
		jv_set(j, "decision", d);
	}
	if (n->assessment_done_at[0])
		jv_set_str(j, "assessment_done_at", n->assessment_done_at);
	jv_set_bool(j, "needs_urgency", !n->urgency[0]);
	jv_set_bool(j, "needs_decision", !decided);
	jv_set_bool(j, "needs_assessment", !strcmp(n->decision, "start_assessment") && !n->assessment_done_at[0]);
	json_array_append_new(p->arr, j);
}

static void journal_cb(void *ctx, const struct journal_row *r)
{
	struct page_acc *p = ctx;
	json_t *j;
	if (p->only_author && r->author_id != p->only_author)
		return;
	j = json_object();
	jv_set_int(j, "id", r->id);
	jv_set_int(j, "entry_id", r->entry_id);
	jv_set_int(j, "version", r->version);
	jv_set_int(j, "versions", r->versions);
	jv_set_str(j, "entry_date", r->entry_date);
	jv_set_str(j, "kind", r->kind);
	jv_set(j, "kind_label", render_label_json(p->req, "journal_kind", r->kind));
	jv_set_str(j, "participants", r->participants);
	jv_set_str(j, "text", r->text);
	jv_set_str(j, "author", r->author_name);
	jv_set_str(j, "created_at", r->created_at);
	if (p->cur && p->cur_entry == r->entry_id) {
		/* An older version of the entry just added. */
		json_array_append_new(json_object_get(p->cur, "older_versions"), j);
		return;
	}
	jv_set(j, "older_versions", json_array());
	jv_set_bool(j, "corrected", r->versions > 1);
	json_array_append_new(p->arr, j);
	p->cur = j;
	p->cur_entry = r->entry_id;
}

struct worker_acc {
	json_t *arr;
};

static void worker_cb(void *ctx, const struct caseload_row *r)
{
	struct worker_acc *w = ctx;
	json_t *j = json_object();
	jv_set_int(j, "id", r->account_id);
	jv_set_str(j, "name", r->name);
	jv_set_str(j, "role", r->role);
	jv_set_int(j, "children", r->children);
	jv_set_bool(j, "at_cap", r->at_cap);
	jv_set_bool(j, "selected", false);
	json_array_append_new(w->arr, j);
}

/* The owning team's contact card: how to reach the child's workers. */
static json_t *team_card_json(struct request *req, int64_t team_id)
{
	struct team_row t;
	return org_get_team(app_db(req->app), team_id, &t) ? NULL : team_json(req, &t);
}

json_t *child_model(struct request *req, struct auth_state *a, struct access_answer *ans)
{
	struct db *db = app_db(req->app);
	const struct case_row *c = &ans->c;
	unsigned fields = ans->d.fields;
	struct person_row p;
	struct page_acc acc = { .req = req };
	json_t *m, *child, *cs, *card = NULL;
	int changes = 0;
	enum err e = ERR_OK;

	/* The check may have read only the case's ids (its facts from memory). */
	if (access_answer_case(db, ans) || person_get(db, c->child_id, &p))
		return NULL;
	child = json_object();
	jv_set_int(child, "id", p.id);
	jv_set_str(child, "first_names", p.first_names);
	jv_set_str(child, "last_name", p.last_name);
	jv_set_str(child, "name", c->child_name);
	if (fields & FIELD_AGE)
		jv_set_str(child, "birth_date", p.birth_date);
	if (fields & FIELD_IDENTITY) {
		jv_set_str(child, "hetu", p.hetu);
		jv_set_str(child, "language", p.language);
		jv_set_str(child, "phone", p.phone);
		jv_set_bool(child, "non_disclosure", p.non_disclosure);
		/* Non-disclosure (turvakielto): the address is never shown. */
		jv_set_str(child, "address", p.non_disclosure ? "" : p.address);
	}

	cs = case_summary_json(req, c, fields);
	if (fields & FIELD_CASE) {
		/* Every part must be read: a page missing its journal or
		 * notifications would look complete.  A failure fails the page. */
		e = caseteam_responsible_changes(db, c->id, &changes);
		json_object_set_new(cs, "responsible_changes", json_integer(changes));
		json_object_set_new(cs, "opened_at", json_string(c->opened_at));
	}
	if (!e && (fields & FIELD_TEAM) && !(card = team_card_json(req, c->team_id)))
		e = ERR_UNAVAILABLE;
	if (card)
		json_object_set_new(cs, "team_card", card);

	m = json_pack("{s:o, s:o}", "child", child, "case", cs);
	jv_set_str(m, "audience", audience_name(ans->d.audience));
	{
		/* Which parts this reader sees: the API lists the fields, the
		 * page shows a section only for them. */
		json_t *shown = json_array(), *show = json_object();
		for (int i = 0; i < FIELD__COUNT; i++)
			if (fields & (1u << i))
				json_array_append_new(shown, jv_str(field_name((enum field)(1u << i))));
		jv_set(m, "fields", shown);
		jv_set_bool(show, "case", fields & FIELD_CASE);
		jv_set_bool(show, "notifications", fields & FIELD_NOTIFICATIONS);
		jv_set_bool(show, "journal", fields & (FIELD_JOURNAL | FIELD_OWN_RECORDS));
		jv_set_bool(show, "childs_team", fields & FIELD_CHILDS_TEAM);
		jv_set_bool(show, "family", fields & FIELD_FAMILY);
		jv_set_bool(show, "minimum", !(fields & FIELD_JOURNAL));
		jv_set_bool(show, "access_log", ans->d.audience == AUD_CASE_WORKER);
		jv_set_bool(show, "toolbox", fields & FIELD_TOOLBOX);
		jv_set_bool(show, "plan", fields & FIELD_PLAN);
		jv_set_bool(show, "consents", fields & FIELD_CONSENTS);
		jv_set_bool(show, "services", fields & FIELD_SERVICES);
		jv_set(m, "show", show);
	}
	if (!e && (fields & FIELD_CASE)) {
		acc.arr = json_array();
		e = childcase_phases(db, c->id, phase_cb, &acc);
		json_object_set_new(m, "phases", acc.arr);
	}
	if (!e && (fields & FIELD_CHILDS_TEAM)) {
		acc.arr = json_array();
		acc.arr2 = json_array();
		acc.internal = (fields & FIELD_CASE) != 0;
		acc.family = (fields & FIELD_FAMILY) != 0;
		e = caseteam_list(db, c->id, member_cb, &acc);
		json_object_set_new(m, "team_members", acc.arr);
		json_object_set_new(m, "team_history", acc.arr2);
	}
	if (!e && (fields & FIELD_FAMILY)) {
		acc.arr = json_array();
		e = relation_list(db, c->child_id, relation_cb, &acc);
		json_object_set_new(m, "relations", acc.arr);
	}
	if (!e && (fields & FIELD_NOTIFICATIONS)) {
		acc.arr = json_array();
		e = notification_list_case(db, c->id, notification_cb, &acc);
		json_object_set_new(m, "notifications", acc.arr);
	}
	if (!e && (fields & (FIELD_JOURNAL | FIELD_OWN_RECORDS))) {
		acc.arr = json_array();
		acc.cur = NULL;
		/* Without FIELD_JOURNAL only the reader's own entries. */
		acc.only_author = (fields & FIELD_JOURNAL) ? 0 : a->p.account_id;
		e = journal_list(db, c->id, journal_cb, &acc);
		json_object_set_new(m, "journal", acc.arr);
	}
	if (!e && ans->d.audience == AUD_BREAK_GLASS) {
		struct breakglass_grant g;
		e = breakglass_current(db, a->p.account_id, c->id, &g);
		if (!e)
			json_object_set_new(m, "break_glass", json_pack("{s:s, s:s, s:s}", "reason", g.reason,
									  "since", g.created_at, "until", g.expires_at));
	}
	/* Traffic lights and consultations (api/lights.h): FIELD_PRACTICE. */
	if (!e)
		e = lights_child_model(req, ans, m);
	if (!e)
		e = consultations_child_model(req, a, ans, m);
	if (!e)
		e = tagform_child_model(req, ans, m);   /* the tag form (tagform.h) */
	if (e) {
		json_decref(m);
		return NULL;
	}
	json_object_set_new(m, "can_write", json_boolean(ans->can_write));
	json_object_set_new(m, "can_record", json_boolean(ans->can_record));
	if ((ans->can_write || ans->can_record) && !req->wants_json) {
		char today[11];
		date_format(date_today(), today);
		json_object_set_new(m, "journal_form", json_pack("{s:o, s:s, s:{s:s}}",
			"journal_kinds", render_options(req, journal_kinds, "journal_kind",
							ans->can_write ? "home_visit" : "meeting"),
			"today", today, "v", "entry_date", today));
	}
	if (ans->can_write && !req->wants_json) {
		struct worker_acc w = { json_array() };
		char today[11];
		/* The case team's workers (with their loads) are the usual choices. */
		if (caseteam_caseloads(db, c->county_id, c->team_id, caseteam_cap(db), worker_cb, &w)) {
			json_decref(w.arr);
			json_decref(m);
			return NULL;
		}
		date_format(date_today(), today);
		json_object_set_new(m, "forms", json_pack("{s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:s,"
							  " s:{s:{}}, s:{s:{}}, s:{s:{}}}",
			"phases", render_options(req, case_phases, "phase", c->phase),
			"legal_bases", render_options(req, case_legal_bases, "legal_basis", c->legal_basis),
			"journal_kinds", render_options(req, journal_kinds, "journal_kind", "home_visit"),
			"member_roles", render_options(req, member_roles, "member_role", "varying"),
			"notification_kinds", render_options(req, notification_kinds, "notification_kind", "notification"),
			"sender_types", render_options(req, sender_types, "sender", "school"),
			"workers", w.arr, "today", today,
			"phase_form", "v", "member_form", "v", "notification_form", "v"));
		{
			/* The add form's search (members.h): the query, or kept in the form. */
			const char *q = request_query(req, "member_q");
			json_t *forms = json_object_get(m, "forms"), *s;
			if (!q)
				q = request_form(req, "member_q");
			if (q && *q) {
				if (!(s = member_search_json(req, c->county_id, q))) {
					json_decref(m);
					return NULL;
				}
				jv_set(forms, "member_search", s);
				jv_set_bool(json_object_get(forms, "member_form"), "searched", true);
			}
		}
	}
	/* The weekly meetings where the child was discussed (meetings.c). */
	if (meetings_child_model(req, c->id, ans->d.fields, m)) {
		json_decref(m);
		return NULL;
	}
	return m;
}

void child_view(struct request *req, struct auth_state *a)
{
	struct access_answer ans;
	json_t *m;

	struct page_key key;
	size_t nlog;

	if (!access_child(req, a, req->param[0], ACT_CLIENT_READ, "read", &ans))
		return;
	/* The check's entry is written either way; the page itself may come
	 * from memory (render.h). */
	nlog = a->ax.nlog;
	if (render_cached(req, &ans, &key))
		return;
	m = child_model(req, a, &ans);
	if (!m) {
		render_error(req, ERR_UNAVAILABLE, NULL);
		return;
	}
	render_view(req, 200, "child", "child.title", m);
	render_keep(req, &key, nlog);
}

/* ---- changes from the child page ------------------------------------------- */

/* The child page's forms (form.h): the state object's place in the page
 * model, the ids' prefix and the fields each form shows, labelled as the
 * page labels them. */
static const struct form_field journal_fields[] = {
	{ "entry_date", NULL }, { "kind", NULL }, { "participants", NULL }, { "text", NULL }, { NULL, NULL } };
static const struct form_field correction_fields[] = { { "text", NULL }, { NULL, NULL } };
static const struct form_field phase_fields[] = {
	{ "phase", "child.phase" }, { "legal_basis", "child.legal_basis" }, { "reason", NULL }, { NULL, NULL } };
static const struct form_field member_fields[] = {
	{ "role", "field.member_role" }, { "account_id", "field.worker" }, { "name", "field.member_name" },
	{ "description", NULL }, { "over_cap_reason", NULL }, { NULL, NULL } };
static const struct form_field step_fields[] = {
	{ "urgency", "child.urgency" }, { "decision", "child.decision" }, { NULL, NULL } };
static const struct form_field notification_fields[] = {
	{ "kind", NULL }, { "received_at", NULL }, { "sender_type", NULL }, { "sender_name", NULL },
	{ "text", NULL }, { NULL, NULL } };

static const struct child_form {
	enum child_form_kind kind;
	const char *key;      /* the state object: in forms, or top-level for the journal */
	const char *prefix;
	const struct form_field *fields;
} child_forms[] = {
	{ CHILD_FORM_JOURNAL, "journal_form", "journal", journal_fields },
	{ CHILD_FORM_CORRECTION, NULL, NULL, correction_fields },
	{ CHILD_FORM_PHASE, "phase_form", "phase", phase_fields },
	{ CHILD_FORM_MEMBER, "member_form", "member", member_fields },
	{ CHILD_FORM_NOTIFICATION, "notification_form", "notification", notification_fields },
	{ CHILD_FORM_STEP, NULL, NULL, step_fields },
};

/* The <select>s of a form come back with what was chosen. */
static void keep_choices(struct request *req, json_t *m, enum child_form_kind kind)
{
	json_t *forms = json_object_get(m, "forms"), *jf = json_object_get(m, "journal_form");

	switch (kind) {
	case CHILD_FORM_JOURNAL:
		if (jf)
			jv_set(jf, "journal_kinds", render_options(req, journal_kinds, "journal_kind",
								  form_posted(req, "kind")));
		break;
	case CHILD_FORM_PHASE:
		jv_set(forms, "phases", render_options(req, case_phases, "phase", form_posted(req, "phase")));
		jv_set(forms, "legal_bases", render_options(req, case_legal_bases, "legal_basis",
							   form_posted(req, "legal_basis")));
		break;
	case CHILD_FORM_MEMBER:
		jv_set(forms, "member_roles", render_options(req, member_roles, "member_role", form_posted(req, "role")));
		form_select(json_object_get(forms, "workers"), "id", form_posted(req, "account_id"));
		form_select(json_object_get(json_object_get(forms, "member_search"), "results"), "id",
			    form_posted(req, "account_id"));
		break;
	case CHILD_FORM_NOTIFICATION:
		jv_set(forms, "notification_kinds", render_options(req, notification_kinds, "notification_kind",
								  form_posted(req, "kind")));
		jv_set(forms, "sender_types", render_options(req, sender_types, "sender",
							    form_posted(req, "sender_type")));
		break;
	case CHILD_FORM_CORRECTION:
	case CHILD_FORM_STEP:
		break;
	}
}

void child_form_again(struct request *req, struct auth_state *a, int64_t child_id, enum child_form_kind kind,
		      int64_t entry_id, const struct field_error *fe)
{
	const struct child_form *cf = &child_forms[kind];
	struct access_answer ans;
	json_t *m, *state = NULL;
	char prefix[48];

	/* The page shows the child again: read and logged as child_view does. */
	if (!access_child(req, a, child_id, ACT_CLIENT_READ, "read", &ans))
		return;
	m = child_model(req, a, &ans);
	if (!m) {
		render_error(req, ERR_UNAVAILABLE, NULL);
		return;
	}
	if (kind == CHILD_FORM_CORRECTION) {
		/* The entry's own correction form, inside its card. */
		json_t *j;
		size_t i;
		json_array_foreach(json_object_get(m, "journal"), i, j)
			if (json_integer_value(json_object_get(j, "entry_id")) == entry_id)
				state = j;
		snprintf(prefix, sizeof(prefix), "correct-%lld", (long long)entry_id);
		if (state) {
			jv_set(state, "correction", json_object());
			state = json_object_get(state, "correction");
		}
	} else if (kind == CHILD_FORM_STEP) {
		/* The notification's own step form, inside its card. */
		json_t *j;
		size_t i;
		json_array_foreach(json_object_get(m, "notifications"), i, j)
			if (json_integer_value(json_object_get(j, "id")) == entry_id)
				state = j;
		snprintf(prefix, sizeof(prefix), "step-%lld", (long long)entry_id);
		if (state) {
			jv_set(state, "step", json_object());
			state = json_object_get(state, "step");
		}
	} else {
		snprintf(prefix, sizeof(prefix), "%s", cf->prefix);
		state = json_object_get(kind == CHILD_FORM_JOURNAL ? m : json_object_get(m, "forms"), cf->key);
	}
	if (state) {
		form_fail(req, m, state, prefix, cf->fields, fe);
		keep_choices(req, m, kind);
		if (kind == CHILD_FORM_STEP) {
			/* The step's <select>s keep the choice. */
			jv_set_bool(state, "urgent", !strcmp(form_posted(req, "urgency"), "urgent"));
			jv_set_bool(state, "no_assessment", !strcmp(form_posted(req, "decision"), "no_assessment"));
		}
	} else {
		/* The reader has no such form (any more): the summary alone. */
		json_t *scratch = json_object();
		form_fail(req, m, scratch, prefix, cf->fields, fe);
		json_decref(scratch);
	}
	render_view(req, 422, "child", "child.title", m);
}

/* A refused change: the page with the form again, or the error. */
static void child_refused(struct request *req, struct auth_state *a, int64_t child_id, enum child_form_kind kind,
			  int64_t entry_id, enum err e, const struct field_error *fe)
{
	if ((e == ERR_INVALID || e == ERR_CONFLICT) && !req->wants_json && req->nform)
		child_form_again(req, a, child_id, kind, entry_id, fe);
	else
		render_error(req, e, fe);
}

/* Answer a successful change: JSON for the API, back to the page for forms. */
static void done(struct request *req, int64_t child_id, int status, json_t *j)
{
	char loc[64];
	if (req->wants_json) {
		render_json(req, status, j);
		return;
	}
	json_decref(j);
	snprintf(loc, sizeof(loc), "/children/%lld", (long long)child_id);
	render_redirect(req, loc);
}

struct phase_w {
	int64_t case_id, by;
	const char *phase, *basis, *reason;
	struct field_error *fe;
};

static enum err phase_run(struct db *db, void *arg)
{
	struct phase_w *w = arg;
	return childcase_set_phase(db, w->case_id, w->phase, w->basis, w->by, w->reason, w->fe);
}

void child_phase(struct request *req, struct auth_state *a)
{
	static const char *const f[] = { "phase", "legal_basis", "reason", NULL };
	struct field_error fe = { 0 };
	struct phase_w w = { .by = a->p.account_id, .fe = &fe };
	struct access_answer ans;
	const struct case_row *c = &ans.c;
	struct input in = { 0 };
	enum err e;

	if (!access_child(req, a, req->param[0], ACT_CLIENT_WRITE, "update", &ans))
		return;
	w.case_id = c->id;
	e = input_init(&in, req, f, &fe);
	if (!e) e = input_str(&in, "phase", &w.phase, &fe);
	if (!e) e = input_str(&in, "legal_basis", &w.basis, &fe);
	if (!e) e = input_str(&in, "reason", &w.reason, &fe);
	if (!e) e = access_write_req(req, phase_run, &w);
	if (e) {
		child_refused(req, a, c->child_id, CHILD_FORM_PHASE, 0, e, &fe);
	} else {
		struct case_row now;
		if (childcase_get(app_db(req->app), c->id, &now))
			now = *c;
		done(req, c->child_id, 200, json_pack("{s:o}", "case", case_summary_json(req, &now, ans.d.fields)));
	}
	input_release(&in);
}

struct member_w {
	struct member_new m;
	int64_t id;
	struct field_error *fe;
};

static enum err member_run(struct db *db, void *arg)
{
	struct member_w *w = arg;
	return caseteam_assign(db, &w->m, &w->id, w->fe);
}

void child_member_add(struct request *req, struct auth_state *a)
{
	static const char *const f[] = { "role", "account_id", "person_id", "name", "description", "from_date",
					 "over_cap_reason", "member_q", NULL };
	struct field_error fe = { 0 };
	struct member_w w = { .fe = &fe };
	struct access_answer ans;
	const struct case_row *c = &ans.c;
	struct input in = { 0 };
	bool present;
	enum err e;

	if (!access_child(req, a, req->param[0], ACT_CLIENT_WRITE, "update", &ans))
		return;
	w.m.case_id = c->id;
	w.m.added_by = a->p.account_id;
	e = input_init(&in, req, f, &fe);
	if (!e) e = input_str(&in, "role", &w.m.role, &fe);
	if (!e) e = input_int(&in, "account_id", &w.m.account_id, &present, &fe);
	if (!e) e = input_int(&in, "person_id", &w.m.person_id, &present, &fe);
	if (!e) e = input_str(&in, "name", &w.m.name, &fe);
	if (!e) e = input_str(&in, "description", &w.m.description, &fe);
	if (!e) e = input_str(&in, "from_date", &w.m.from_date, &fe);
	if (!e) e = input_str(&in, "over_cap_reason", &w.m.over_cap_reason, &fe);
	if (!e) e = access_write_req(req, member_run, &w);
	if (e)
		child_refused(req, a, c->child_id, CHILD_FORM_MEMBER, 0, e, &fe);
	else
		done(req, c->child_id, 201, json_pack("{s:I}", "member_id", (json_int_t)w.id));
	input_release(&in);
}

struct journal_w {
	struct journal_new j;
	int64_t entry_id;
	int version;
	bool correct;
	struct field_error *fe;
};

static enum err journal_run(struct db *db, void *arg)
{
	struct journal_w *w = arg;
	if (w->correct)
		return journal_correct(db, w->entry_id, &w->j, &w->version, w->fe);
	w->version = 1;
	return journal_add(db, &w->j, &w->entry_id, w->fe);
}

void child_journal_save(struct request *req, struct auth_state *a)
{
	static const char *const f[] = { "entry_date", "kind", "participants", "text", NULL };
	struct field_error fe = { 0 };
	struct journal_w w = { .fe = &fe, .correct = req->nparam > 1 };
	struct access_answer ans;
	const struct case_row *c = &ans.c;
	struct input in = { 0 };
	enum err e;

	if (!access_child(req, a, req->param[0], w.correct ? ACT_CLIENT_WRITE : ACT_RECORD_WRITE,
			  w.correct ? "update" : "create", &ans))
		return;
	w.j.case_id = c->id;
	w.j.author_id = a->p.account_id;
	w.entry_id = w.correct ? req->param[1] : 0;
	e = input_init(&in, req, f, &fe);
	if (!e) e = input_str(&in, "entry_date", &w.j.entry_date, &fe);
	if (!e) e = input_str(&in, "kind", &w.j.kind, &fe);
	if (!e) e = input_str(&in, "participants", &w.j.participants, &fe);
	if (!e) e = input_str(&in, "text", &w.j.text, &fe);
	if (!e) e = access_write_req(req, journal_run, &w);
	if (e)
		child_refused(req, a, c->child_id, w.correct ? CHILD_FORM_CORRECTION : CHILD_FORM_JOURNAL,
			      w.entry_id, e, &fe);
	else
		done(req, c->child_id, 201, json_pack("{s:I, s:i}", "entry_id", (json_int_t)w.entry_id, "version", w.version));
	input_release(&in);
}

/* ---- break-the-glass ------------------------------------------------------ */

/* POST /api/v1/children/{id}/break-glass {"reason"} and the page's form:
 * read this child's case for a while, outside one's teams, for a stated
 * reason (model/breakglass.h). */
void child_break_glass(struct request *req, struct auth_state *a)
{
	static const char *const f[] = { "reason", NULL };
	struct field_error fe = { 0 };
	struct access_answer ans;
	struct breakglass_grant *g = malloc(sizeof(*g));
	struct input in = { 0 };
	const char *reason = NULL;
	struct app *app = req->app;
	enum err e = g ? input_init(&in, req, f, &fe) : ERR_NOMEM;

	if (!e)
		e = input_str(&in, "reason", &reason, &fe);
	if (!e)
		e = access_break_glass(&a->ax, app_db(app), app->writer, req->param[0], reason,
				       app->break_glass_minutes, &ans, g, &fe);
	if (e == ERR_INVALID && !req->wants_json && fe.field && !strcmp(fe.field, "reason")) {
		/* The same form again, with what was typed and what to fix. */
		char key[96];
		json_t *m = json_object();
		snprintf(key, sizeof(key), "reason.%s", fe.reason);
		jv_set_int(m, "child_id", req->param[0]);
		jv_set_str(m, "reason", reason ? reason : "");
		jv_set_str(m, "reason_error", render_t(req, key));
		render_view(req, 422, "break_glass", "break_glass.title", m);
	} else if (e == ERR_DENIED) {
		/* The door has logged the refusal; answer with its why. */
		validate_fail(&fe, "break_glass", ans.d.why ? ans.d.why : "not_permitted",
			      "%s", ans.d.why && !strcmp(ans.d.why, "on_team_already")
				    ? "you are on this child's team already: open the child's page"
				    : "you may not break the glass for this child");
		render_error(req, ERR_DENIED, &fe);
	} else if (e) {
		render_error(req, e == ERR_TOO_LARGE ? ERR_UNAVAILABLE : e, &fe);
	} else if (req->wants_json) {
		render_json(req, 201, json_pack("{s:I, s:s, s:b, s:I}", "grant_id", (json_int_t)g->id,
						"expires_at", g->expires_at, "read_only", 1,
						"child_id", (json_int_t)req->param[0]));
	} else {
		char loc[64];
		snprintf(loc, sizeof(loc), "/children/%lld", (long long)req->param[0]);
		render_redirect(req, loc);
	}
	input_release(&in);
	free(g);
}

/* ---- asking a consultation from the child page ----------------------------- */

/* Here, beside the child page it comes back to with the question as typed
 * (the one form pattern), so that the consultations module does not depend
 * on the child page that shows its section. */
struct ask_w {
	struct consultation_new c;
	int64_t county_id, id;
	struct field_error *fe;
};

static enum err ask_run(struct db *db, void *arg)
{
	struct ask_w *w = arg;
	return consultation_create(db, w->county_id, &w->c, &w->id, w->fe);
}

static const struct form_field ask_fields[] = {
	{ "consultant_id", "lights.consultant" }, { "question", "lights.question" }, { NULL, NULL } };

void consultation_ask(struct request *req, struct auth_state *a)
{
	static const char *const f[] = { "consultant_id", "question", NULL };
	struct field_error fe = { 0 };
	struct ask_w w = { .fe = &fe, .county_id = a->p.county_id };
	struct access_answer ans;
	struct audit_entry ae;
	struct input in = { 0 };
	bool present = false;
	enum err e;

	if (!access_child(req, a, req->param[0], ACT_CLIENT_WRITE, "update", &ans))
		return;
	if (!(ans.d.fields & FIELD_PRACTICE)) {
		render_error(req, ERR_DENIED, NULL);
		return;
	}
	w.c.case_id = ans.case_id;
	w.c.asked_by = a->p.account_id;
	e = input_init(&in, req, f, &fe);
	if (!e) e = input_int(&in, "consultant_id", &w.c.consultant_id, &present, &fe);
	if (!e) e = input_str(&in, "question", &w.c.question, &fe);
	if (!e) {
		access_entry(&a->ax, &ae, "create", "consultation", 0, &ans.d);
		ae.person_id = ans.person_id;
		ae.case_id = ans.case_id;
		e = access_write_entry(&a->ax, ((struct app *)req->app)->writer, ask_run, &w, &ae, &w.id);
	}
	if ((e == ERR_INVALID || e == ERR_CONFLICT) && !req->wants_json && req->nform) {
		/* The child page again, the question as typed. */
		struct access_answer again;
		json_t *m, *cs, *form;
		if (!access_child(req, a, req->param[0], ACT_CLIENT_READ, "read", &again)) {
			input_release(&in);
			return;
		}
		if (!(m = child_model(req, a, &again))) {
			render_error(req, ERR_UNAVAILABLE, NULL);
		} else {
			cs = json_object_get(m, "consultations");
			form = cs ? json_object_get(cs, "form") : NULL;
			if (form) {
				form_fail(req, m, form, "consult", ask_fields, &fe);
				form_select(json_object_get(form, "consultants"), "id", form_posted(req, "consultant_id"));
				jv_set_bool(cs, "invalid", true);
			}
			render_view(req, 422, "child", "child.title", m);
		}
	} else if (e) {
		render_error(req, e, &fe);
	} else if (req->wants_json) {
		render_json(req, 201, json_pack("{s:I, s:I}", "consultation_id", (json_int_t)w.id, "child_id",
						(json_int_t)ans.c.child_id));
	} else {
		char loc[64];
		snprintf(loc, sizeof(loc), "/children/%lld#consult-h", (long long)ans.c.child_id);
		render_redirect(req, loc);
	}
	input_release(&in);
}

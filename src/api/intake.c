/*
 * intake.c - a new child and the notification that brought them, on one
 * page: the child (name, identity code or birth date), the team that owns
 * the case (one of the worker's own) and the responsible social worker, the
 * guardians (at least one: a name, the identity code optional), and the
 * notification with its sender and text.  Saved in one transaction with its access-log rows; the clocks
 * start from the notification's receipt.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "api/access.h"
#include "api/form.h"
#include "api/handlers.h"
#include "api/render.h"
#include "core/str.h"
#include "core/workday.h"
#include "model/caseteam.h"
#include "model/childcase.h"
#include "model/notification.h"
#include "model/org.h"
#include "model/person.h"
#include "view/jv.h"

#define INTAKE_GUARDIANS 2

struct intake {
	struct person_row p;
	struct person_row g[INTAKE_GUARDIANS];   /* guardians; g[1] only when given */
	bool has_g[INTAKE_GUARDIANS];
	struct notification_row n;
	int64_t team_id, case_id, by, responsible_id, member_id;
	struct field_error *fe;
};

/* fe names guardian i's field as the form does ("guardian1_first_names"). */
static void guardian_field(struct field_error *fe, int i)
{
	char name[sizeof(fe->field_buf)], msg[sizeof(fe->message) + 16];
	if (!fe->field)
		return;
	snprintf(name, sizeof(name), "guardian%d_%s", i + 1, fe->field);
	snprintf(msg, sizeof(msg), "guardian %d: %.200s", i + 1, fe->message);
	validate_fail(fe, name, fe->reason, "%.200s", msg);
}

static enum err intake_run(struct db *db, void *arg)
{
	struct intake *w = arg;
	struct member_new m = { .role = "responsible", .added_by = w->by };
	enum err e = person_create(db, &w->p, w->by, w->fe);
	if (!e)
		e = childcase_create(db, w->p.id, w->team_id, "child_welfare_act", "notification", w->by,
				     "lastensuojeluilmoitus vastaanotettu", &w->case_id, w->fe);
	if (!e) {
		m.case_id = w->case_id;
		m.account_id = w->responsible_id;
		e = caseteam_assign(db, &m, &w->member_id, w->fe);
		if (e == ERR_INVALID && w->fe->field && !strcmp(w->fe->field, "account_id"))
			validate_fail(w->fe, "responsible_id", w->fe->reason, "choose the responsible social worker");
	}
	for (int i = 0; !e && i < INTAKE_GUARDIANS; i++) {
		if (!w->has_g[i])
			continue;
		e = person_create(db, &w->g[i], w->by, w->fe);
		if (!e)
			e = relation_add(db, w->g[i].id, w->p.id, "parent", true, w->fe);
		if (e == ERR_INVALID || e == ERR_CONFLICT)
			guardian_field(w->fe, i);
	}
	if (!e) {
		w->n.case_id = w->case_id;
		w->n.received_by = w->by;
		e = notification_create(db, &w->n, w->fe);
	}
	return e;
}

/* A <select> choice {value, label, selected}. */
static json_t *choice_json(const char *value, const char *label, bool selected)
{
	json_t *j = json_object();
	jv_set_str(j, "value", value);
	jv_set_str(j, "label", label);
	jv_set_bool(j, "selected", selected);
	return j;
}

/* The intake form's fields (form.h), labelled as the page labels them. */
static const struct form_field intake_fields[] = {
	{ "first_names", NULL }, { "last_name", NULL }, { "hetu", NULL }, { "birth_date", NULL },
	{ "team_id", "child.team" }, { "responsible_id", "child.responsible" },
	{ "guardian1_first_names", "intake.guardian_first_names" }, { "guardian1_last_name", "intake.guardian_last_name" },
	{ "guardian1_hetu", "intake.guardian_hetu" }, { "guardian2_first_names", "intake.guardian_first_names" },
	{ "guardian2_last_name", "intake.guardian_last_name" }, { "guardian2_hetu", "intake.guardian_hetu" },
	{ "kind", NULL }, { "received_at", NULL }, { "sender_type", NULL },
	{ "sender_name", NULL }, { "text", NULL }, { NULL, NULL } };

struct sw_acc {
	json_t *arr;
	int64_t me;
	const char *team;
};

/* A qualified social worker may be responsible; the reader first when one. */
static void sw_cb(void *ctx, const struct caseload_row *r)
{
	struct sw_acc *s = ctx;
	json_t *j;
	size_t i;
	if (strcmp(r->role, "social_worker") && strcmp(r->role, "consulting_social_worker"))
		return;
	json_array_foreach(s->arr, i, j)
		if (json_integer_value(json_object_get(j, "id")) == r->account_id)
			return;
	j = json_object();
	jv_set_int(j, "id", r->account_id);
	jv_set_str(j, "name", r->name);
	jv_set_str(j, "team", s->team);
	jv_set_int(j, "children", r->children);
	jv_set_bool(j, "at_cap", r->at_cap);
	jv_set_bool(j, "selected", r->account_id == s->me);
	if (r->account_id == s->me)
		json_array_insert_new(s->arr, 0, j);
	else
		json_array_append_new(s->arr, j);
}

/* The page: empty, or (fe set) as it was sent with fe next to its field. */
static json_t *form_model(struct request *req, struct auth_state *a, const struct intake *w,
			  const struct field_error *fe)
{
	struct db *db = app_db(req->app);
	json_t *teams = json_array(), *senders = json_array(), *kinds = json_array(), *m, *form;
	struct sw_acc sw = { json_array(), a->p.account_id, "" };
	char now[17];
	struct date today = date_today();

	for (int i = 0; db && i < a->p.nteams; i++) {
		struct team_row t;
		json_t *j;
		if (org_get_team(db, a->p.teams[i], &t))
			continue;
		j = json_object();
		jv_set_int(j, "id", t.id);
		jv_set_str(j, "name", t.name);
		jv_set_bool(j, "selected", false);
		json_array_append_new(teams, j);
		sw.team = t.name;
		/* A failed read leaves the choice shorter; the model checks the one made. */
		caseteam_caseloads(db, a->p.county_id, t.id, caseteam_cap(db), sw_cb, &sw);
	}
	for (int i = 0; sender_types[i]; i++)
		json_array_append_new(senders, choice_json(sender_types[i], render_label(req, "sender", sender_types[i]),
							   !strcmp(w->n.sender_type, sender_types[i])));
	for (int i = 0; notification_kinds[i]; i++)
		json_array_append_new(kinds, choice_json(notification_kinds[i],
							 render_label(req, "notification_kind", notification_kinds[i]),
							 !strcmp(w->n.kind, notification_kinds[i])));
	date_format(today, now);
	m = json_object();
	form = json_pack("{s:{}}", "v");
	jv_set(m, "teams", teams);
	jv_set(m, "social_workers", sw.arr);
	jv_set(m, "senders", senders);
	jv_set(m, "kinds", kinds);
	jv_set_str(m, "today", now);
	jv_set(m, "form", form);
	if (fe) {
		form_fail(req, m, form, "", intake_fields, fe);
		form_select(teams, "id", form_posted(req, "team_id"));
		form_select(sw.arr, "id", form_posted(req, "responsible_id"));
	}
	return m;
}

void page_intake(struct request *req, struct auth_state *a)
{
	struct intake *w = calloc(1, sizeof(*w));
	if (!w) {
		render_error(req, ERR_NOMEM, NULL);
		return;
	}
	str_lcpy(w->n.kind, "notification", sizeof(w->n.kind));
	str_lcpy(w->n.sender_type, "school", sizeof(w->n.sender_type));
	render_view(req, 200, "intake", "intake.title", form_model(req, a, w, NULL));
	free(w);
}

/* A form field into its buffer.  One that does not fit is refused (the
 * first such field names the error), never saved cut short: a cut identity
 * code or time could even pass validation.  It is still copied, cut between
 * characters, so that the form shown again keeps what was typed. */
static enum err copy_field(struct request *req, const char *name, char *dst, size_t sz, int max_chars,
			   enum err e, struct field_error *fe)
{
	const char *v = request_form(req, name);
	if (str_lcpy(dst, v ? v : "", sz) >= sz && !e) {
		/* Counted in characters: an Ä in a code is a wrong character, not one too many. */
		if (str_utf8_len(v, strlen(v)) <= (size_t)max_chars)
			return validate_fail(fe, name, "invalid_chars", "%s contains characters that are not allowed here", name);
		return validate_fail(fe, name, "too_long", "%s must be at most %d characters", name, max_chars);
	}
	return e;
}

void page_intake_post(struct request *req, struct auth_state *a)
{
	struct field_error fe = { 0 };
	struct intake *w = calloc(1, sizeof(*w));
	char loc[64];
	enum err e;

	if (!w) {
		render_error(req, ERR_NOMEM, NULL);
		return;
	}
	w->fe = &fe;
	w->by = a->p.account_id;
	str_lcpy(w->p.kind, "child", sizeof(w->p.kind));
	w->p.county_id = a->p.county_id;
	/* (Codes, dates and choices are ASCII: a character a byte.) */
	e = copy_field(req, "first_names", w->p.first_names, sizeof(w->p.first_names), PERSON_NAME_CHARS, ERR_OK, &fe);
	e = copy_field(req, "last_name", w->p.last_name, sizeof(w->p.last_name), PERSON_NAME_CHARS, e, &fe);
	e = copy_field(req, "hetu", w->p.hetu, sizeof(w->p.hetu), sizeof(w->p.hetu) - 1, e, &fe);
	e = copy_field(req, "birth_date", w->p.birth_date, sizeof(w->p.birth_date), sizeof(w->p.birth_date) - 1, e, &fe);
	e = copy_field(req, "kind", w->n.kind, sizeof(w->n.kind), sizeof(w->n.kind) - 1, e, &fe);
	e = copy_field(req, "received_at", w->n.received_at, sizeof(w->n.received_at), sizeof(w->n.received_at) - 1,
		       e, &fe);
	e = copy_field(req, "sender_type", w->n.sender_type, sizeof(w->n.sender_type), sizeof(w->n.sender_type) - 1,
		       e, &fe);
	e = copy_field(req, "sender_name", w->n.sender_name, sizeof(w->n.sender_name), NOTIFICATION_SENDER_CHARS, e, &fe);
	e = copy_field(req, "text", w->n.text, sizeof(w->n.text), NOTIFICATION_TEXT_CHARS, e, &fe);
	for (int i = 0; i < INTAKE_GUARDIANS; i++) {
		char f1[40], f2[40], f3[40];
		snprintf(f1, sizeof(f1), "guardian%d_first_names", i + 1);
		snprintf(f2, sizeof(f2), "guardian%d_last_name", i + 1);
		snprintf(f3, sizeof(f3), "guardian%d_hetu", i + 1);
		str_lcpy(w->g[i].kind, "parent", sizeof(w->g[i].kind));
		w->g[i].county_id = a->p.county_id;
		e = copy_field(req, f1, w->g[i].first_names, sizeof(w->g[i].first_names), PERSON_NAME_CHARS, e, &fe);
		e = copy_field(req, f2, w->g[i].last_name, sizeof(w->g[i].last_name), PERSON_NAME_CHARS, e, &fe);
		e = copy_field(req, f3, w->g[i].hetu, sizeof(w->g[i].hetu), sizeof(w->g[i].hetu) - 1, e, &fe);
		/* The first guardian is asked for; a second only when something of it was typed. */
		w->has_g[i] = i == 0 || w->g[i].first_names[0] || w->g[i].last_name[0] || w->g[i].hetu[0];
	}
	if (!e)
		e = validate_id(request_form(req, "team_id"), "team_id", &w->team_id, &fe);
	/* None chosen: the model says the child needs one (after the child's fields). */
	if (!e && *form_posted(req, "responsible_id"))
		e = validate_id(request_form(req, "responsible_id"), "responsible_id", &w->responsible_id, &fe);
	if (!e) {
		struct decision d;
		e = access_team(&a->ax, app_db(req->app), w->team_id, ACT_CLIENT_WRITE, "case", "create", &d);
		if (e == ERR_NOT_FOUND)
			e = validate_fail(&fe, "team_id", "unknown_value", "choose one of your teams");
		else if (e == ERR_DENIED || e == ERR_TOO_LARGE) {
			render_error(req, e == ERR_DENIED ? ERR_DENIED : ERR_UNAVAILABLE, NULL);
			free(w);
			return;
		}
	}
	if (!e)
		e = access_write_req(req, intake_run, w);
	if (e == ERR_INVALID || e == ERR_CONFLICT) {
		render_view(req, 422, "intake", "intake.title", form_model(req, a, w, &fe));
		free(w);
		return;
	}
	if (e) {
		render_error(req, e, NULL);
		free(w);
		return;
	}
	if (access_log_created(&a->ax, w->p.id, w->case_id, "own_team") ||
	    access_log_created(&a->ax, w->g[0].id, w->case_id, "own_team") ||
	    (w->has_g[1] && access_log_created(&a->ax, w->g[1].id, w->case_id, "own_team"))) {
		free(w);
		render_error(req, ERR_UNAVAILABLE, NULL);
		return;
	}
	snprintf(loc, sizeof(loc), "/children/%lld", (long long)w->p.id);
	free(w);
	render_redirect(req, loc);
}

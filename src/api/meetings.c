/*
 * meetings.c - the systemic weekly meeting: a team's series and meetings,
 * one meeting's agenda with its prepare and record forms, tasks in "my
 * work", the figures leadership asked for, the questions always asked and
 * the private calendar feed.  Every read and write of a child's item goes
 * through the access layer (model/meeting.h's meeting_item_open, access
 * checks on the child); team-level data through access_team.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "api/access.h"
#include "api/form.h"
#include "api/handlers.h"
#include "api/input.h"
#include "api/meeting_questions.h"
#include "api/render.h"
#include "api/work.h"
#include "core/str.h"
#include "core/workday.h"
#include "model/account.h"
#include "model/caseteam.h"
#include "model/childcase.h"
#include "model/consultation.h"
#include "model/lights.h"
#include "model/role.h"
#include "model/meeting.h"
#include "model/org.h"
#include "model/person.h"
#include "view/ical.h"
#include "view/jv.h"

static const struct form_field series_fields[] = {
	{ "kind", "meetings.kind" }, { "weekday", "meetings.weekday" }, { "start_time", "meetings.start_time" },
	{ "minutes", "meetings.minutes" }, { "place", "meetings.place" }, { "video_url", "meetings.video_url" },
	{ "starts_on", "meetings.starts_on" }, { "weeks", "meetings.weeks" }, { NULL, NULL } };
static const struct form_field agenda_fields[] = {
	{ "child_id", "meetings.child" }, { "question", "meetings.question" }, { "step", "meetings.step" },
	{ NULL, NULL } };
static const struct form_field change_fields[] = {
	{ "kind", "meetings.kind" }, { "meets_on", "meetings.meets_on" }, { "start_time", "meetings.start_time" },
	{ "minutes", "meetings.minutes" }, { "place", "meetings.place" }, { "video_url", "meetings.video_url" },
	{ NULL, NULL } };
static const struct form_field record_fields[] = {
	{ "participants", "meetings.participants" }, { "hypotheses", "meetings.hypotheses" },
	{ "reflections", "meetings.reflections" }, { "decisions", "meetings.decisions" },
	{ "feedback_score", "meetings.feedback_score" }, { "feedback_text", "meetings.feedback_text" },
	{ "task_text", "meetings.task_text" }, { "task_owner", "meetings.task_owner" },
	{ "task_due", "meetings.task_due" }, { NULL, NULL } };

static void deny_answer(struct request *req, enum err e)
{
	render_error(req, e == ERR_TOO_LARGE ? ERR_UNAVAILABLE : e, NULL);
}

static json_t *meeting_json(struct request *req, const struct meeting_row *m)
{
	json_t *j = json_object();
	char when[24];
	jv_set_int(j, "id", m->id);
	jv_set_int(j, "team_id", m->team_id);
	jv_set_str(j, "team_name", m->team_name);
	if (m->series_id)
		jv_set_int(j, "series_id", m->series_id);
	jv_set_str(j, "kind", m->kind);
	jv_set(j, "kind_label", render_label_json(req, "meetings.kind", m->kind));
	jv_set_bool(j, "client", !strcmp(m->kind, "client"));
	jv_set_str(j, "meets_on", m->meets_on);
	jv_set_str(j, "start_time", m->start_time);
	snprintf(when, sizeof(when), "%sT%s", m->meets_on, m->start_time);
	jv_set_str(j, "starts_at", when);
	jv_set_int(j, "minutes", m->minutes);
	jv_set_str(j, "place", m->place);
	jv_set_str(j, "video_url", m->video_url);
	jv_set_bool(j, "cancelled", m->cancelled);
	jv_set_int(j, "items", m->items);
	jv_set_int(j, "prepared", m->prepared);
	jv_set_int(j, "recorded", m->recorded);
	jv_set_bool(j, "unprepared", !m->cancelled && (m->items == 0 || m->prepared < m->items));
	return j;
}

static json_t *series_json(struct request *req, const struct meeting_series_row *s)
{
	json_t *j = json_object();
	char key[32];
	jv_set_int(j, "id", s->id);
	jv_set_int(j, "team_id", s->team_id);
	jv_set_str(j, "kind", s->kind);
	jv_set(j, "kind_label", render_label_json(req, "meetings.kind", s->kind));
	jv_set_int(j, "weekday", s->weekday);
	snprintf(key, sizeof(key), "meetings.weekday.%d", s->weekday);
	jv_set_str(j, "weekday_label", render_t(req, key));
	jv_set_str(j, "start_time", s->start_time);
	jv_set_int(j, "minutes", s->minutes);
	jv_set_str(j, "place", s->place);
	jv_set_str(j, "video_url", s->video_url);
	jv_set_str(j, "starts_on", s->starts_on);
	jv_set_int(j, "weeks", s->weeks);
	jv_set_str(j, "ends_on", s->ends_on);
	return j;
}

static void series_cb(void *ctx, const struct meeting_series_row *s)
{
	void **c = ctx;
	json_array_append_new(c[1], series_json(c[0], s));
}

struct mlist {
	struct request *req;
	json_t *upcoming, *past;
	char today[11];
};

static void mlist_cb(void *ctx, const struct meeting_row *m)
{
	struct mlist *l = ctx;
	bool past = strcmp(m->meets_on, l->today) < 0;
	json_t *arr = past ? l->past : l->upcoming;
	if (!past && json_array_size(arr) >= 12)
		return;
	json_array_append_new(arr, meeting_json(l->req, m));
}

/* ---- a team's meetings ------------------------------------------------------------- */

static json_t *series_form_defaults(void)
{
	json_t *f = json_object(), *v = json_object();
	char today[11];
	date_format(date_today(), today);
	jv_set_str(v, "kind", "professional");
	jv_set_str(v, "weekday", "1");
	jv_set_str(v, "start_time", "09:00");
	jv_set_str(v, "minutes", "90");
	jv_set_str(v, "weeks", "12");
	jv_set_str(v, "starts_on", today);
	jv_set(f, "v", v);
	return f;
}

static json_t *weekday_options(struct request *req, const char *selected)
{
	json_t *arr = json_array();
	for (int d = 1; d <= 7; d++) {
		json_t *o = json_object();
		char key[32], val[12];
		snprintf(key, sizeof(key), "meetings.weekday.%d", d);
		snprintf(val, sizeof(val), "%d", d);
		jv_set_str(o, "value", val);
		jv_set_str(o, "label", render_t(req, key));
		jv_set_bool(o, "selected", selected && !strcmp(selected, val));
		json_array_append_new(arr, o);
	}
	return arr;
}

/* The team's meetings page model; ERR_DENIED (logged) when the principal
 * may not see the team's meetings. */
static enum err team_meetings_model(struct request *req, struct auth_state *a, int64_t team_id, json_t **out)
{
	struct db *db = app_db(req->app);
	struct decision d, w;
	struct team_row t;
	struct mlist l = { req, NULL, NULL, "" };
	json_t *m, *series;
	void *sc[2];
	char from[11];
	bool live = false;
	enum err e = db ? meeting_team_open(&a->ax, db, team_id, ACT_CLIENT_LIST, "read", &d) : ERR_UNAVAILABLE;

	if (e)
		return e;
	if ((e = org_get_team(db, team_id, &t)))
		return e;
	m = json_object();
	l.upcoming = json_array();
	l.past = json_array();
	series = json_array();
	sc[0] = req;
	sc[1] = series;
	date_format(date_today(), l.today);
	date_format(date_add_days(date_today(), -56), from);
	e = meeting_series_list(db, team_id, series_cb, sc);
	if (!e)
		e = meeting_list_team(db, team_id, from, "", mlist_cb, &l);
	if (!e)
		e = meeting_feed_live(db, a->p.account_id, &live);
	json_t *team = json_object();
	jv_set_int(team, "id", t.id);
	jv_set_str(team, "name", t.name);
	jv_set(m, "team", team);
	jv_set(m, "series", series);
	jv_set(m, "upcoming", l.upcoming);
	jv_set(m, "past", l.past);
	jv_set_bool(m, "has_past", json_array_size(l.past) > 0);
	jv_set_bool(m, "feed_live", live);
	/* Scheduling is a write on the team's client work: asked, not logged. */
	jv_set_bool(m, "can_schedule", !access_team(&a->ax, db, team_id, ACT_CLIENT_WRITE, "meeting", NULL, &w));
	json_t *f = series_form_defaults();
	jv_set(f, "weekdays", weekday_options(req, "1"));
	jv_set(f, "kinds", render_options(req, meeting_kinds, "meetings.kind", "professional"));
	jv_set(m, "series_form", f);
	if (e) {
		json_decref(m);
		return e;
	}
	*out = m;
	return ERR_OK;
}

void team_meetings(struct request *req, struct auth_state *a)
{
	json_t *m = NULL;
	enum err e = team_meetings_model(req, a, req->param[0], &m);
	if (e) {
		deny_answer(req, e);
		return;
	}
	render_view(req, 200, "meetings", "meetings.title", m);
}

struct series_w {
	struct meeting_series_new s;
	int64_t id;
	struct field_error *fe;
};

static enum err series_run(struct db *db, void *arg)
{
	struct series_w *w = arg;
	return meeting_series_create(db, &w->s, &w->id, w->fe);
}

void team_meetings_create(struct request *req, struct auth_state *a)
{
	static const char *const f[] = { "kind", "weekday", "start_time", "minutes", "place", "video_url",
					 "starts_on", "weeks", NULL };
	struct field_error fe = { 0 };
	struct series_w w = { .fe = &fe };
	struct decision d;
	struct input in = { 0 };
	bool present;
	enum err e = meeting_team_open(&a->ax, app_db(req->app), req->param[0], ACT_CLIENT_WRITE, "create", &d);

	if (e) {
		deny_answer(req, e);
		return;
	}
	w.s.team_id = req->param[0];
	w.s.by = a->p.account_id;
	e = input_init(&in, req, f, &fe);
	if (!e) e = input_str(&in, "kind", &w.s.kind, &fe);
	if (!e) e = input_int(&in, "weekday", &w.s.weekday, &present, &fe);
	if (!e) e = input_str(&in, "start_time", &w.s.start_time, &fe);
	if (!e) e = input_int(&in, "minutes", &w.s.minutes, &present, &fe);
	if (!e) e = input_str(&in, "place", &w.s.place, &fe);
	if (!e) e = input_str(&in, "video_url", &w.s.video_url, &fe);
	if (!e) e = input_str(&in, "starts_on", &w.s.starts_on, &fe);
	if (!e) e = input_int(&in, "weeks", &w.s.weeks, &present, &fe);
	if (!e) e = access_write_req(req, series_run, &w);
	if (e && !req->wants_json && (e == ERR_INVALID || e == ERR_CONFLICT)) {
		json_t *m = NULL;
		if (!team_meetings_model(req, a, req->param[0], &m)) {
			json_t *form = json_object_get(m, "series_form");
			jv_set_bool(form, "invalid", true);
			form_select(json_object_get(form, "weekdays"), "value", form_posted(req, "weekday"));
			jv_set(form, "kinds", render_options(req, meeting_kinds, "meetings.kind", form_posted(req, "kind")));
			form_fail(req, m, form, "series", series_fields, &fe);
			render_view(req, 422, "meetings", "meetings.title", m);
		} else {
			render_error(req, e, &fe);
		}
	} else if (e) {
		render_error(req, e, &fe);
	} else if (req->wants_json) {
		render_json(req, 201, json_pack("{s:I}", "series_id", (json_int_t)w.id));
	} else {
		char loc[64];
		snprintf(loc, sizeof(loc), "/teams/%lld/meetings", (long long)req->param[0]);
		render_redirect(req, loc);
	}
	input_release(&in);
}

/* ---- one meeting ------------------------------------------------------------------------ */

struct people_acc {
	json_t *arr;
};

static void people_cb(void *ctx, const struct meeting_person_row *r)
{
	struct people_acc *p = ctx;
	json_t *j = json_object();
	jv_set_int(j, "id", r->id);
	if (r->account_id)
		jv_set_int(j, "account_id", r->account_id);
	if (r->person_id)
		jv_set_int(j, "person_id", r->person_id);
	jv_set_str(j, "name", r->name);
	jv_set_str(j, "role", r->role);
	jv_set_bool(j, "present", r->present);
	json_array_append_new(p->arr, j);
}

static void role_labels(struct request *req, json_t *arr)
{
	size_t i;
	json_t *v;
	json_array_foreach(arr, i, v)
		jv_set(v, "role_label", render_label_json(req, "meetings.role", json_string_value(json_object_get(v, "role"))));
}

static void task_json_cb(void *ctx, const struct meeting_task_row *t)
{
	json_t *arr = ctx, *j = json_object();
	jv_set_int(j, "id", t->id);
	jv_set_str(j, "text", t->text);
	jv_set_int(j, "owner_id", t->owner_id);
	jv_set_str(j, "owner_name", t->owner_name);
	jv_set_str(j, "due_on", t->due_on);
	jv_set_bool(j, "done", t->done_at[0] != 0);
	if (t->done_at[0])
		jv_set_str(j, "done_at", t->done_at);
	json_array_append_new(arr, j);
}

struct q_acc {
	struct request *req;
	json_t *arr;
};

static void question_cb(void *ctx, const struct meeting_question_row *q)
{
	struct q_acc *a = ctx;
	json_t *j = json_object();
	const char *lang = a->req->lang ? a->req->lang : "fi";
	jv_set_int(j, "id", q->id);
	jv_set_str(j, "audience", q->audience);
	jv_set_str(j, "stage", q->stage);
	jv_set_int(j, "position", q->position);
	jv_set_str(j, "text", !strcmp(lang, "sv") ? q->text_sv : !strcmp(lang, "en") ? q->text_en : q->text_fi);
	jv_set_str(j, "text_fi", q->text_fi);
	jv_set_str(j, "text_sv", q->text_sv);
	jv_set_str(j, "text_en", q->text_en);
	jv_set_bool(j, "active", q->active);
	json_array_append_new(a->arr, j);
}

/* A record's questions asked: their ids and, for the page, their texts. */
struct asked_acc {
	struct request *req;
	json_t *ids, *texts;
};

static void asked_cb(void *ctx, const struct meeting_question_row *q)
{
	struct asked_acc *a = ctx;
	struct q_acc qa = { a->req, a->texts };
	json_array_append_new(a->ids, json_integer(q->id));
	question_cb(&qa, q);
}

/* The questions grouped as sets [{audience, stage, label, questions[]}]. */
/* The other participant's roles offered on the record form, as it always offered them. */
static const char *const other_roles[] = { "close_network", "family", "partner", "family_therapist", "consulting",
					   "worker", NULL };

static json_t *question_sets(struct request *req, struct db *db, int64_t county_id)
{
	struct q_acc qa = { req, json_array() };
	json_t *sets = json_array(), *cur = NULL;
	size_t i;
	json_t *q;
	char prev[24] = "", key[24], label[64];

	if (meeting_questions(db, county_id, true, question_cb, &qa)) {
		json_decref(qa.arr);
		return sets;
	}
	json_array_foreach(qa.arr, i, q) {
		snprintf(key, sizeof(key), "%s.%s", json_string_value(json_object_get(q, "audience")),
			 json_string_value(json_object_get(q, "stage")));
		if (strcmp(key, prev)) {
			cur = json_object();
			str_lcpy(prev, key, sizeof(prev));
			snprintf(label, sizeof(label), "meetings.set.%s", key);
			jv_set_str(cur, "key", key);
			jv_set_str(cur, "label", render_t(req, label));
			jv_set(cur, "questions", json_array());
			json_array_append_new(sets, cur);
		}
		json_array_append(json_object_get(cur, "questions"), q);
	}
	json_decref(qa.arr);
	return sets;
}

struct item_acc {
	struct request *req;
	struct auth_state *a;
	struct db *db;
	json_t *items;
	enum err e;
	int hidden;
};

static json_t *step_json(struct request *req, int step)
{
	json_t *arr = json_array();
	for (int s = 1; s <= 4; s++) {
		json_t *o = json_object();
		char key[32];
		snprintf(key, sizeof(key), "meetings.step.%d", s);
		jv_set_int(o, "step", s);
		jv_set_str(o, "label", render_t(req, key));
		jv_set_bool(o, "done", s < step);
		jv_set_bool(o, "current", s == step);
		json_array_append_new(arr, o);
	}
	return arr;
}

/* Candidates for "who took part": the invited, the child's team, the family. */
static void member_cand_cb(void *ctx, const struct member_row *r)
{
	json_t *arr = ctx, *j;
	size_t i;
	json_t *v;
	if (r->to_date[0] || !r->account_id)
		return;
	json_array_foreach(arr, i, v)
		if (json_integer_value(json_object_get(v, "account_id")) == r->account_id)
			return;
	j = json_object();
	char key[24];
	snprintf(key, sizeof(key), "a%lld", (long long)r->account_id);
	jv_set_str(j, "key", key);
	jv_set_int(j, "account_id", r->account_id);
	jv_set_str(j, "name", r->name);
	jv_set_str(j, "role", "worker");
	json_array_append_new(arr, j);
}

static void family_cand_cb(void *ctx, const struct relation_row *r)
{
	json_t *arr = ctx, *j, *v;
	char key[24];
	size_t i;
	json_array_foreach(arr, i, v)
		if (json_integer_value(json_object_get(v, "person_id")) == r->person_id)
			return;
	j = json_object();
	snprintf(key, sizeof(key), "p%lld", (long long)r->person_id);
	jv_set_str(j, "key", key);
	jv_set_int(j, "person_id", r->person_id);
	jv_set_str(j, "name", r->name);
	jv_set_str(j, "role", "family");
	json_array_append_new(arr, j);
}

/* Who may take part in item it: with_invited, its invited first (for the
 * record); else only those not invited yet (for the prepare form).  Each
 * with key "a12" (an account) or "p7" (a person). */
static enum err candidates(struct item_acc *acc, const struct meeting_item_row *it, const struct access_answer *ans,
			   json_t *cand, bool with_invited)
{
	struct people_acc pa = { json_array() };
	size_t i, invited = 0;
	json_t *v;
	enum err e = meeting_invites(acc->db, it->id, people_cb, &pa);

	/* The invited go first, so the team's and family's lists skip them. */
	json_array_foreach(pa.arr, i, v) {
		char key[24];
		json_int_t aid = json_integer_value(json_object_get(v, "account_id"));
		json_int_t pid = json_integer_value(json_object_get(v, "person_id"));
		if (!aid && !pid)
			continue;
		snprintf(key, sizeof(key), aid ? "a%lld" : "p%lld", (long long)(aid ? aid : pid));
		jv_set_str(v, "key", key);
		json_array_append(cand, v);
		invited++;
	}
	if (!e)
		e = caseteam_list(acc->db, it->case_id, member_cand_cb, cand);
	if (!e && (ans->d.fields & FIELD_FAMILY))
		e = relation_list(acc->db, it->child_id, family_cand_cb, cand);
	/* The prepare form offers only those not invited yet. */
	while (!with_invited && invited-- > 0)
		json_array_remove(cand, 0);
	json_decref(pa.arr);
	role_labels(acc->req, cand);
	return e;
}

static void item_cb(void *ctx, const struct meeting_item_row *it)
{
	struct item_acc *acc = ctx;
	struct access_answer ans;
	enum meeting_view view;
	struct people_acc pa;
	json_t *j;

	if (acc->e)
		return;
	acc->e = meeting_item_open(&acc->a->ax, acc->db, it, ACT_CLIENT_READ, "read", &ans, &view);
	if (acc->e || view == MEETING_VIEW_NONE) {
		acc->hidden++;
		return;
	}
	j = json_object();
	jv_set_int(j, "id", it->id);
	jv_set_str(j, "question", it->question);
	jv_set_bool(j, "invited_only", view == MEETING_VIEW_INVITED);
	if (ans.d.fields & FIELD_NAME) {
		jv_set_int(j, "child_id", it->child_id);
		if (!access_answer_case(acc->db, &ans))
			jv_set_str(j, "child_name", ans.c.child_name);
	}
	if (view == MEETING_VIEW_FULL) {
		struct meeting_record_row *rec = malloc(sizeof(*rec));
		bool found = false;
		jv_set_int(j, "step", it->step);
		jv_set(j, "steps", step_json(acc->req, it->step));
		jv_set_bool(j, "prepared", it->prepared);
		jv_set_bool(j, "recorded", it->recorded);
		if (it->worker_id) {
			jv_set_int(j, "worker_id", it->worker_id);
			jv_set_str(j, "worker_name", it->worker_name);
		}
		pa.arr = json_array();
		if (!acc->e)
			acc->e = meeting_invites(acc->db, it->id, people_cb, &pa);
		role_labels(acc->req, pa.arr);
		jv_set_bool(j, "has_invites", json_array_size(pa.arr) > 0);
		jv_set(j, "invites", pa.arr);
		if (!rec)
			acc->e = ERR_NOMEM;
		if (!acc->e)
			acc->e = meeting_record_get(acc->db, it->id, rec, &found);
		if (!acc->e && found) {
			json_t *r = json_object(), *tasks = json_array();
			struct asked_acc asked = { acc->req, json_array(), json_array() };
			jv_set_str(r, "hypotheses", rec->hypotheses);
			jv_set_str(r, "reflections", rec->reflections);
			jv_set_str(r, "decisions", rec->decisions);
			jv_set_bool(r, "family_present", rec->family_present);
			if (rec->feedback_score)
				jv_set_int(r, "feedback_score", rec->feedback_score);
			jv_set_str(r, "feedback_text", rec->feedback_text);
			jv_set_str(r, "recorded_by", rec->recorded_by_name);
			jv_set_str(r, "recorded_at", rec->recorded_at);
			pa.arr = json_array();
			acc->e = meeting_participants(acc->db, it->id, people_cb, &pa);
			role_labels(acc->req, pa.arr);
			jv_set(r, "participants", pa.arr);
			if (!acc->e)
				acc->e = meeting_tasks_of_item(acc->db, it->id, task_json_cb, tasks);
			if (!acc->e)
				acc->e = meeting_asked(acc->db, it->id, asked_cb, &asked);
			jv_set_bool(r, "has_tasks", json_array_size(tasks) > 0);
			jv_set(r, "tasks", tasks);
			jv_set(r, "question_ids", asked.ids);
			jv_set_bool(r, "has_asked", json_array_size(asked.texts) > 0);
			jv_set(r, "asked", asked.texts);
			jv_set(j, "record", r);
		} else if (!acc->e && ans.can_write) {
			/* The record form: who may take part, what to ask. */
			json_t *f = json_object(), *cand = json_array();
			char prefix[32];
			snprintf(prefix, sizeof(prefix), "rec%lld", (long long)it->id);
			acc->e = candidates(acc, it, &ans, cand, true);
			jv_set_str(f, "prefix", prefix);
			jv_set(f, "people", cand);
			jv_set(f, "v", json_object());
			jv_set(f, "other_roles", render_options(acc->req, other_roles, "meetings.role", "close_network"));
			jv_set(j, "record_form", f);
		}
		if (!acc->e && ans.can_write && !it->recorded) {
			/* The prepare form: the question, the step, who else to invite. */
			json_t *f = json_object(), *v = json_object(), *cand = json_array(), *steps = step_json(acc->req, 0);
			char prefix[32];
			size_t i;
			json_t *s;
			snprintf(prefix, sizeof(prefix), "prep%lld", (long long)it->id);
			acc->e = candidates(acc, it, &ans, cand, false);
			json_array_foreach(steps, i, s)
				jv_set_bool(s, "selected", json_integer_value(json_object_get(s, "step")) == it->step);
			jv_set_str(v, "question", it->question);
			jv_set_bool(v, "prepared", it->prepared);
			jv_set_str(f, "prefix", prefix);
			jv_set(f, "v", v);
			jv_set(f, "steps", steps);
			jv_set_bool(f, "has_people", json_array_size(cand) > 0);
			jv_set(f, "people", cand);
			jv_set(j, "prepare_form", f);
		}
		free(rec);
	}
	json_array_append_new(acc->items, j);
}

/* Team members as task owners and agenda workers. */
static void owner_cb(void *ctx, const struct account_row *r, bool lead)
{
	json_t *j = json_object();
	(void)lead;
	jv_set_int(j, "id", r->id);
	jv_set_str(j, "name", r->display_name);
	json_array_append_new(ctx, j);
}

struct child_opt {
	struct request *req;
	json_t *arr;
	bool too_long;
};

static void child_opt_cb(void *ctx, const struct case_row *c, const struct decision *d)
{
	struct child_opt *o = ctx;
	struct auth_state *a = o->req->auth;
	json_t *j;
	if (o->too_long || access_log_row(&a->ax, c, d)) {
		o->too_long = true;
		return;
	}
	j = json_object();
	jv_set_int(j, "value", c->child_id);
	jv_set_str(j, "label", c->child_name);
	json_array_append_new(o->arr, j);
}

/* Was value posted as one of the repeated fields name? */
static bool posted_among(struct request *req, const char *name, const char *value)
{
	for (size_t i = 0; i < req->nform; i++)
		if (!strcmp(req->form[i].key, name) && !strcmp(req->form[i].value, value))
			return true;
	return false;
}

/* A refused record form keeps what was chosen, not only what was typed:
 * who was present, the questions asked, the task's owner and the other
 * participant's role.  The page's shared owners and question sets are
 * copied into the form (form's own values shadow the page's). */
static void record_form_keep(struct request *req, json_t *m, json_t *form)
{
	json_t *owners = json_deep_copy(json_object_get(m, "owners"));
	json_t *sets = json_deep_copy(json_object_get(m, "question_sets"));
	json_t *p, *set, *q;
	size_t i, k;
	char num[24];

	json_array_foreach(json_object_get(form, "people"), i, p) {
		const char *key = json_string_value(json_object_get(p, "key"));
		jv_set_bool(p, "unchecked", !key || !posted_among(req, "present", key));
	}
	form_select(owners, "id", form_posted(req, "task_owner"));
	jv_set(form, "owners", owners ? owners : json_array());
	json_array_foreach(sets, i, set)
		json_array_foreach(json_object_get(set, "questions"), k, q) {
			snprintf(num, sizeof(num), "%lld", (long long)json_integer_value(json_object_get(q, "id")));
			jv_set_bool(q, "checked", posted_among(req, "question_ids", num));
		}
	jv_set(form, "question_sets", sets ? sets : json_array());
	jv_set(form, "other_roles", render_options(req, other_roles, "meetings.role", form_posted(req, "other_role")));
}

/* The meeting page's model; ERR_DENIED when nothing of it is the reader's. */
static enum err meeting_model(struct request *req, struct auth_state *a, int64_t id, json_t **out)
{
	struct db *db = app_db(req->app);
	struct meeting_row mr;
	struct decision d, w;
	struct item_acc acc = { req, a, db, NULL, ERR_OK, 0 };
	json_t *m;
	enum err e = db ? meeting_get(db, id, &mr) : ERR_UNAVAILABLE;
	bool team_ok;

	if (e)
		return e;
	e = meeting_team_open(&a->ax, db, mr.team_id, ACT_CLIENT_LIST, "read", &d);
	if (e && e != ERR_DENIED)
		return e;
	team_ok = !e;
	acc.items = json_array();
	e = meeting_items(db, id, item_cb, &acc);
	if (!e)
		e = acc.e;
	if (!e && !team_ok && json_array_size(acc.items) == 0)
		e = ERR_DENIED;
	if (e) {
		json_decref(acc.items);
		return e;
	}
	m = json_object();
	jv_set(m, "meeting", meeting_json(req, &mr));
	jv_set(m, "items", acc.items);
	jv_set_bool(m, "member_view", team_ok);
	jv_set_int(m, "not_shown", acc.hidden);
	if (team_ok && !access_team(&a->ax, db, mr.team_id, ACT_CLIENT_WRITE, "meeting", NULL, &w)) {
		json_t *owners = json_array(), *f = json_object(), *v = json_object();
		struct child_opt co = { req, json_array(), false };
		e = account_list_team(db, mr.team_id, owner_cb, owners);
		if (!e)
			e = childcase_list_team(db, &a->p, mr.team_id, child_opt_cb, &co);
		jv_set_bool(m, "can_prepare", true);
		jv_set(m, "owners", owners);
		jv_set_str(v, "step", "1");
		jv_set(f, "v", v);
		jv_set(f, "children", co.arr);
		jv_set(f, "steps", step_json(req, 0));
		jv_set(m, "agenda_form", f);
		jv_set(m, "question_sets", question_sets(req, db, a->p.county_id));
		{
			/* Move, change or cancel this one meeting. */
			json_t *cf = json_object(), *cv = json_object();
			char minutes[8];
			snprintf(minutes, sizeof(minutes), "%d", mr.minutes);
			jv_set_str(cv, "meets_on", mr.meets_on);
			jv_set_str(cv, "start_time", mr.start_time);
			jv_set_str(cv, "minutes", minutes);
			jv_set_str(cv, "place", mr.place);
			jv_set_str(cv, "video_url", mr.video_url);
			jv_set_bool(cv, "cancelled", mr.cancelled);
			jv_set(cf, "v", cv);
			jv_set(cf, "kinds", render_options(req, meeting_kinds, "meetings.kind", mr.kind));
			jv_set(m, "change_form", cf);
		}
		if (!e && co.too_long)
			e = ERR_INVALID;
	}
	if (e) {
		json_decref(m);
		return e;
	}
	*out = m;
	return ERR_OK;
}

void meeting_view(struct request *req, struct auth_state *a)
{
	json_t *m = NULL;
	enum err e = meeting_model(req, a, req->param[0], &m);
	if (e) {
		if (e == ERR_INVALID)
			access_list_fail(req, ERR_OK, true);
		else
			deny_answer(req, e);
		return;
	}
	render_view(req, 200, "meeting", "meetings.meeting_title", m);
}

static void meeting_again(struct request *req, struct auth_state *a, int64_t meeting_id, int64_t item_id,
			  const char *form_key, const char *prefix, const struct form_field *fields, enum err e,
			  const struct field_error *fe);
static void back_to_meeting(struct request *req, int64_t meeting_id, const char *anchor);

struct patch_w {
	int64_t id;
	struct meeting_patch p;
	struct field_error *fe;
};

static enum err patch_run(struct db *db, void *arg)
{
	struct patch_w *w = arg;
	return meeting_update(db, w->id, &w->p, w->fe);
}

void meeting_patch_api(struct request *req, struct auth_state *a)
{
	static const char *const f[] = { "kind", "meets_on", "start_time", "minutes", "place", "video_url",
					 "cancelled", NULL };
	struct field_error fe = { 0 };
	struct patch_w w = { .id = req->param[0], .fe = &fe };
	struct meeting_row mr;
	struct decision d;
	struct input in = { 0 };
	struct db *db = app_db(req->app);
	bool present, cancelled;
	enum err e = db ? meeting_get(db, w.id, &mr) : ERR_UNAVAILABLE;

	if (!e)
		e = meeting_team_open(&a->ax, db, mr.team_id, ACT_CLIENT_WRITE, "update", &d);
	if (e) {
		deny_answer(req, e);
		return;
	}
	w.p.cancelled = -1;
	w.p.by = a->p.account_id;
	e = input_init(&in, req, f, &fe);
	if (!e) e = input_str(&in, "kind", &w.p.kind, &fe);
	if (!e) e = input_str(&in, "meets_on", &w.p.meets_on, &fe);
	if (!e) e = input_str(&in, "start_time", &w.p.start_time, &fe);
	if (!e) e = input_int(&in, "minutes", &w.p.minutes, &present, &fe);
	if (!e) e = input_str(&in, "place", &w.p.place, &fe);
	if (!e) e = input_str(&in, "video_url", &w.p.video_url, &fe);
	if (!e) e = input_bool(&in, "cancelled", &cancelled, &present, &fe);
	/* The page's checkbox is absent when unticked: a form always says. */
	if (!e && (present || !in.json))
		w.p.cancelled = cancelled;
	if (!e) e = access_write_req(req, patch_run, &w);
	if (!e) e = meeting_get(db, w.id, &mr);
	if (e)
		meeting_again(req, a, w.id, 0, "change_form", "change", change_fields, e, &fe);
	else if (req->wants_json)
		render_json(req, 200, json_pack("{s:o}", "meeting", meeting_json(req, &mr)));
	else
		back_to_meeting(req, w.id, NULL);
	input_release(&in);
}

/* ---- preparing: the agenda ------------------------------------------------------------ */

struct agenda_w {
	struct meeting_item_new n;
	struct meeting_invite_in inv[MEETING_MAX_PEOPLE];
	int64_t item_id;
	struct field_error *fe;
};

static enum err agenda_run(struct db *db, void *arg)
{
	struct agenda_w *w = arg;
	return meeting_item_save(db, &w->n, &w->item_id, w->fe);
}

static void back_to_meeting(struct request *req, int64_t meeting_id, const char *anchor)
{
	char loc[96];
	snprintf(loc, sizeof(loc), "/meetings/%lld%s", (long long)meeting_id, anchor ? anchor : "");
	render_redirect(req, loc);
}

/* The meeting page again with form (a key of the page, or of the item
 * item_id) refused: 422 with what was typed. */
static void meeting_again(struct request *req, struct auth_state *a, int64_t meeting_id, int64_t item_id,
			  const char *form_key, const char *prefix, const struct form_field *fields, enum err e,
			  const struct field_error *fe)
{
	json_t *m = NULL, *form = NULL;
	if (req->wants_json || (e != ERR_INVALID && e != ERR_CONFLICT) || meeting_model(req, a, meeting_id, &m)) {
		render_error(req, e, fe);
		return;
	}
	if (!item_id) {
		form = json_object_get(m, form_key);
		if (form && !strcmp(form_key, "agenda_form"))
			form_select(json_object_get(form, "children"), "value", form_posted(req, "child_id"));
		if (form && !strcmp(form_key, "change_form"))
			jv_set(form, "kinds", render_options(req, meeting_kinds, "meetings.kind", form_posted(req, "kind")));
	} else {
		size_t i;
		json_t *it;
		json_array_foreach(json_object_get(m, "items"), i, it)
			if (json_integer_value(json_object_get(it, "id")) == item_id)
				form = json_object_get(it, form_key);
	}
	if (!form) {
		json_decref(m);
		render_error(req, e, fe);
		return;
	}
	if (item_id && !strcmp(form_key, "record_form"))
		record_form_keep(req, m, form);
	jv_set_bool(form, "invalid", true);
	form_fail(req, m, form, prefix, fields, fe);
	render_view(req, 422, "meeting", "meetings.meeting_title", m);
}

void meeting_agenda_save(struct request *req, struct auth_state *a)
{
	static const char *const f[] = { "child_id", "question", "step", "prepared", "worker_id",
					 "invite_account_ids", "invite_person_ids", NULL };
	struct field_error fe = { 0 };
	struct agenda_w *w = calloc(1, sizeof(*w));
	struct meeting_row mr;
	struct access_answer ans;
	struct input in = { 0 };
	struct db *db = app_db(req->app);
	int64_t child_id = 0, item_id = 0, ids[MEETING_MAX_PEOPLE];
	const char *item = request_form(req, "item");
	char prefix[32] = "agenda";
	int n = 0;
	bool present, prepared = false;
	enum err e = !w ? ERR_NOMEM : db ? meeting_get(db, req->param[0], &mr) : ERR_UNAVAILABLE;

	if (e) {
		free(w);
		render_error(req, e, NULL);
		return;
	}
	/* The prepare form of one family on the page names its item. */
	if (item && !str_to_i64(item, 1, INT64_MAX, &item_id))
		snprintf(prefix, sizeof(prefix), "prep%lld", (long long)item_id);
	w->fe = &fe;
	w->n.meeting_id = mr.id;
	w->n.by = a->p.account_id;
	w->n.invites = w->inv;
	e = input_init(&in, req, f, &fe);
	if (!e) e = input_int(&in, "child_id", &child_id, &present, &fe);
	if (!e && !present)
		e = validate_fail(&fe, "child_id", "required", "choose the child whose family is discussed");
	if (e) {
		meeting_again(req, a, mr.id, item_id, item_id ? "prepare_form" : "agenda_form", prefix, agenda_fields, e, &fe);
		goto out;
	}
	if (!access_child(req, a, child_id, ACT_CLIENT_WRITE, "update", &ans))
		goto out;
	w->n.case_id = ans.c.id;
	if (!e) e = input_str(&in, "question", &w->n.question, &fe);
	if (!e) e = input_int(&in, "step", &w->n.step, &present, &fe);
	if (!e) e = input_bool(&in, "prepared", &prepared, &present, &fe);
	w->n.prepared = prepared;
	if (!e) e = input_int(&in, "worker_id", &w->n.worker_id, &present, &fe);
	if (!e) e = input_int_list(&in, "invite_account_ids", ids, MEETING_MAX_PEOPLE, &n, &fe);
	for (int i = 0; !e && i < n && w->n.ninvites < MEETING_MAX_PEOPLE; i++)
		w->inv[w->n.ninvites++] = (struct meeting_invite_in){ .account_id = ids[i] };
	if (!e) e = input_int_list(&in, "invite_person_ids", ids, MEETING_MAX_PEOPLE, &n, &fe);
	for (int i = 0; !e && i < n && w->n.ninvites < MEETING_MAX_PEOPLE; i++)
		w->inv[w->n.ninvites++] = (struct meeting_invite_in){ .person_id = ids[i] };
	if (!e) e = access_write_req(req, agenda_run, w);
	if (e)
		meeting_again(req, a, mr.id, item_id, item_id ? "prepare_form" : "agenda_form", prefix, agenda_fields, e, &fe);
	else if (req->wants_json)
		render_json(req, 201, json_pack("{s:I}", "item_id", (json_int_t)w->item_id));
	else
		back_to_meeting(req, mr.id, NULL);
out:
	input_release(&in);
	free(w);
}

/* ---- the record ------------------------------------------------------------------------- */

struct record_w {
	struct meeting_record_new r;
	struct field_error *fe;
};

static enum err record_run(struct db *db, void *arg)
{
	struct record_w *w = arg;
	return meeting_record_save(db, &w->r, w->fe);
}

/* "a12" / "p7" / "i3": an account, a person, an invitation row by id. */
static bool person_key(const char *s, struct meeting_invite_in *v)
{
	int64_t id;
	if (!s || !s[0] || str_to_i64(s + 1, 1, INT64_MAX, &id))
		return false;
	memset(v, 0, sizeof(*v));
	if (s[0] == 'a')
		v->account_id = id;
	else if (s[0] == 'p')
		v->person_id = id;
	else
		return false;
	return true;
}

/* The form's people: every "person" key offered, present when also among "present". */
static enum err record_form_people(struct request *req, struct meeting_record_new *r, struct field_error *fe)
{
	for (size_t i = 0; i < req->nform && r->npeople < MEETING_MAX_PEOPLE; i++) {
		struct meeting_invite_in v;
		if (strcmp(req->form[i].key, "person"))
			continue;
		if (!person_key(req->form[i].value, &v))
			return validate_fail(fe, "participants", "invalid", "a participant is an account (a12) or a person (p7)");
		r->present[r->npeople] = false;
		for (size_t k = 0; k < req->nform; k++)
			if (!strcmp(req->form[k].key, "present") && !strcmp(req->form[k].value, req->form[i].value))
				r->present[r->npeople] = true;
		r->people[r->npeople++] = v;
	}
	{
		const char *other = request_form(req, "other_name");
		if (other && *other && r->npeople < MEETING_MAX_PEOPLE) {
			r->people[r->npeople] = (struct meeting_invite_in){ .name = other, .role = request_form(req, "other_role") };
			r->present[r->npeople++] = true;
		}
	}
	for (size_t i = 0; i < req->nform && r->nquestions < MEETING_MAX_QUESTIONS; i++) {
		int64_t q;
		if (!strcmp(req->form[i].key, "question_ids") && !str_to_i64(req->form[i].value, 1, INT64_MAX, &q))
			r->questions[r->nquestions++] = q;
	}
	{
		const char *text = request_form(req, "task_text"), *owner = request_form(req, "task_owner"),
			   *due = request_form(req, "task_due");
		if ((text && *text) || (due && *due)) {
			struct meeting_task_in *t = &r->tasks[r->ntasks++];
			t->text = text ? text : "";
			t->due_on = due ? due : "";
			if (!owner || str_to_i64(owner, 1, INT64_MAX, &t->owner_id))
				t->owner_id = 0;
		}
	}
	return ERR_OK;
}

static enum err record_json_people(json_t *body, struct meeting_record_new *r, struct field_error *fe)
{
	json_t *arr = json_object_get(body, "participants"), *v;
	size_t i;
	if (arr && !json_is_array(arr))
		return validate_fail(fe, "participants", "not_array", "participants must be a list");
	json_array_foreach(arr, i, v) {
		struct meeting_invite_in *p;
		if (r->npeople == MEETING_MAX_PEOPLE)
			return validate_fail(fe, "participants", "too_many", "at most %d participants", MEETING_MAX_PEOPLE);
		if (!json_is_object(v))
			return validate_fail(fe, "participants", "not_object", "each participant must be an object");
		p = &r->people[r->npeople];
		p->account_id = json_integer_value(json_object_get(v, "account_id"));
		p->person_id = json_integer_value(json_object_get(v, "person_id"));
		p->name = json_string_value(json_object_get(v, "name"));
		p->role = json_string_value(json_object_get(v, "role"));
		r->present[r->npeople++] = json_is_true(json_object_get(v, "present"));
	}
	arr = json_object_get(body, "tasks");
	json_array_foreach(arr, i, v) {
		struct meeting_task_in *t;
		if (r->ntasks == MEETING_MAX_TASKS)
			return validate_fail(fe, "tasks", "too_many", "at most %d tasks", MEETING_MAX_TASKS);
		t = &r->tasks[r->ntasks++];
		t->text = json_string_value(json_object_get(v, "text"));
		t->owner_id = json_integer_value(json_object_get(v, "owner_id"));
		t->due_on = json_string_value(json_object_get(v, "due_on"));
	}
	arr = json_object_get(body, "question_ids");
	json_array_foreach(arr, i, v)
		if (r->nquestions < MEETING_MAX_QUESTIONS && json_is_integer(v))
			r->questions[r->nquestions++] = json_integer_value(v);
	return ERR_OK;
}

void meeting_record_post(struct request *req, struct auth_state *a)
{
	static const char *const f[] = { "hypotheses", "reflections", "decisions", "feedback_score", "feedback_text",
					 "participants", "tasks", "question_ids", NULL };
	struct field_error fe = { 0 };
	struct record_w *w = calloc(1, sizeof(*w));
	struct meeting_item_row it;
	struct access_answer ans;
	struct input in = { 0 };
	struct db *db = app_db(req->app);
	char prefix[32];
	bool present;
	enum err e = !w ? ERR_NOMEM : db ? meeting_item_get(db, req->param[0], &it) : ERR_UNAVAILABLE;

	if (e) {
		free(w);
		render_error(req, e, NULL);
		return;
	}
	if (!access_child(req, a, it.child_id, ACT_CLIENT_WRITE, "create", &ans))
		goto out;
	w->fe = &fe;
	w->r.item_id = it.id;
	w->r.by = a->p.account_id;
	e = input_init(&in, req, f, &fe);
	if (!e) e = input_str(&in, "hypotheses", &w->r.hypotheses, &fe);
	if (!e) e = input_str(&in, "reflections", &w->r.reflections, &fe);
	if (!e) e = input_str(&in, "decisions", &w->r.decisions, &fe);
	if (!e) {
		const char *score = NULL;
		if (in.json)
			e = input_int(&in, "feedback_score", &w->r.feedback_score, &present, &fe);
		else if ((score = request_form(req, "feedback_score")) && *score &&
			 str_to_i64(score, 1, 5, &w->r.feedback_score))
			e = validate_fail(&fe, "feedback_score", "out_of_range", "feedback_score must be from 1 to 5");
	}
	if (!e) e = input_str(&in, "feedback_text", &w->r.feedback_text, &fe);
	if (!e) e = in.json ? record_json_people(in.json, &w->r, &fe) : record_form_people(req, &w->r, &fe);
	if (!e) e = access_write_req(req, record_run, w);
	snprintf(prefix, sizeof(prefix), "rec%lld", (long long)it.id);
	if (e)
		meeting_again(req, a, it.meeting_id, it.id, "record_form", prefix, record_fields, e, &fe);
	else if (req->wants_json)
		render_json(req, 201, json_pack("{s:I, s:b}", "item_id", (json_int_t)it.id, "recorded", 1));
	else
		back_to_meeting(req, it.meeting_id, NULL);
out:
	input_release(&in);
	free(w);
}

/* ---- tasks ------------------------------------------------------------------------------- */

struct done_w {
	int64_t id, by;
	struct field_error *fe;
};

static enum err done_run(struct db *db, void *arg)
{
	struct done_w *w = arg;
	return meeting_task_done(db, w->id, w->by, w->fe);
}

void meeting_task_done_post(struct request *req, struct auth_state *a)
{
	struct field_error fe = { 0 };
	struct done_w w = { req->param[0], a->p.account_id, &fe };
	struct meeting_task_row t;
	struct access_answer ans;
	struct db *db = app_db(req->app);
	enum err e = db ? meeting_task_get(db, w.id, &t) : ERR_UNAVAILABLE;

	if (!e)
		e = meeting_task_open(&a->ax, db, &t, &ans);
	if (e == ERR_DENIED && !ans.d.allow) {
		/* The door logged the refusal. */
		validate_fail(&fe, "task_id", ans.d.why ? ans.d.why : "not_permitted", "you may not tick this task");
	} else if (e == ERR_DENIED) {
		validate_fail(&fe, "task_id", "not_task_owner", "only the task's owner or the child's workers tick it");
	}
	if (!e)
		e = access_write_req(req, done_run, &w);
	if (e)
		render_error(req, e, &fe);
	else if (req->wants_json)
		render_json(req, 200, json_pack("{s:I, s:b}", "task_id", (json_int_t)w.id, "done", 1));
	else
		render_redirect(req, "/");
}

/* ---- figures leadership asked for --------------------------------------------------------- */

struct practice_acc {
	struct request *req;
	struct auth_state *a;
	json_t *children;
	const struct decision *d;
	bool names;
	bool too_long;
	int64_t today;
};

static void practice_child_cb(void *ctx, int64_t case_id, int64_t child_id, const char *name, const char *last)
{
	struct practice_acc *p = ctx;
	json_t *j = json_object();
	struct date d;
	if (p->names) {
		struct case_row c = { .id = case_id, .child_id = child_id };
		if (p->too_long || access_log_row(&p->a->ax, &c, p->d)) {
			p->too_long = true;
			json_decref(j);
			return;
		}
		jv_set_int(j, "child_id", child_id);
		jv_set_str(j, "name", name);
	}
	if (*last && !date_parse(last, &d)) {
		jv_set_str(j, "last_discussed", last);
		jv_set_int(j, "days_since", p->today - date_to_days(d));
	} else {
		jv_set(j, "last_discussed", json_null());
		jv_set(j, "days_since", json_null());
	}
	json_array_append_new(p->children, j);
}

/* A small bar chart: one bar a month, the share in percent. */
static void svg_months(struct buf *b, const struct meeting_practice *pr, const char *title)
{
	char s[512];
	int w = 300, h = 120, bw = 36;
	snprintf(s, sizeof(s), "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" role=\"img\" class=\"chart\">"
		 "<title>", w, h + 20);
	buf_appends(b, s);
	buf_appends(b, title);   /* a catalog text, no markup */
	buf_appends(b, "</title><line x1=\"0\" y1=\"120\" x2=\"300\" y2=\"120\" stroke=\"#555\"/>");
	for (int i = 0; i < MEETING_PRACTICE_MONTHS; i++) {
		int m = pr->months[i].meetings, pct = m ? 100 * pr->months[i].family_present / m : 0;
		int bh = pct * (h - 20) / 100, x = 10 + i * (bw + 12);
		snprintf(s, sizeof(s), "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"#2a6f97\"/>"
			 "<text x=\"%d\" y=\"%d\" font-size=\"11\" text-anchor=\"middle\">%d %%</text>"
			 "<text x=\"%d\" y=\"136\" font-size=\"10\" text-anchor=\"middle\">%.2s/%.2s</text>",
			 x, h - bh, bw, bh, x + bw / 2, h - bh - 3, pct, x + bw / 2, pr->months[i].month + 5,
			 pr->months[i].month + 2);
		buf_appends(b, s);
	}
	buf_appends(b, "</svg>");
}

static void svg_share(struct buf *b, int part, int whole, const char *title)
{
	char s[512];
	int pct = whole ? 100 * part / whole : 0;
	snprintf(s, sizeof(s), "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 300 40\" role=\"img\" class=\"chart\">"
		 "<title>%s</title><rect x=\"0\" y=\"8\" width=\"300\" height=\"20\" fill=\"#ddd\"/>"
		 "<rect x=\"0\" y=\"8\" width=\"%d\" height=\"20\" fill=\"#2a6f97\"/>"
		 "<text x=\"150\" y=\"23\" font-size=\"12\" text-anchor=\"middle\" fill=\"#000\">%d / %d (%d %%)</text></svg>",
		 title, pct * 3, part, whole, pct);
	buf_appends(b, s);
}

static void practice_lights_cb(void *ctx, const struct light_counts *c)
{
	json_t *j = json_object();
	jv_set_int(j, "round_id", c->round_id);
	jv_set_str(j, "held_on", c->held_on);
	jv_set_int(j, "green", c->green);
	jv_set_int(j, "yellow", c->yellow);
	jv_set_int(j, "red", c->red);
	jv_set_int(j, "worse", c->worse);
	jv_set_int(j, "better", c->better);
	jv_set_int(j, "participants", c->participants);
	json_array_append_new(ctx, j);
}

static void practice_consult_cb(void *ctx, const struct consultation_month *c)
{
	json_t *j = json_object();
	jv_set_str(j, "month", c->month);
	jv_set_int(j, "asked", c->asked);
	jv_set_int(j, "answered", c->answered);
	/* Hours to one decimal, as the team page shows them. */
	jv_set(j, "median_hours", c->median_minutes < 0 ? json_null() : json_real((double)((c->median_minutes + 3) / 6) / 10.0));
	jv_set(j, "longest_hours", c->longest_minutes < 0 ? json_null() : json_real((double)((c->longest_minutes + 3) / 6) / 10.0));
	json_array_append_new(ctx, j);
}

/* The traffic-light rounds as stacked bars, oldest left: the counts over
 * rounds, drawn by the server. */
static void svg_lights(struct buf *b, json_t *rounds, const char *title)
{
	char s[640];
	size_t n = json_array_size(rounds), i;
	int max = 1;
	json_t *r;

	json_array_foreach(rounds, i, r) {
		int t = (int)(json_integer_value(json_object_get(r, "green")) + json_integer_value(json_object_get(r, "yellow")) +
			      json_integer_value(json_object_get(r, "red")));
		if (t > max)
			max = t;
	}
	snprintf(s, sizeof(s), "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 300 140\" role=\"img\" class=\"chart\"><title>");
	buf_appends(b, s);
	buf_appends(b, title);   /* a catalog text, no markup */
	buf_appends(b, "</title><line x1=\"0\" y1=\"120\" x2=\"300\" y2=\"120\" stroke=\"#555\"/>");
	json_array_foreach(rounds, i, r) {
		static const char *const keys[3] = { "green", "yellow", "red" };
		static const char *const fill[3] = { "#2e7d32", "#f9c74f", "#c62828" };
		int x = 10 + (int)i * (n > 6 ? 280 / (int)n : 46), y = 120;
		const char *held = json_string_value(json_object_get(r, "held_on"));
		for (int k = 0; k < 3; k++) {
			int v = (int)json_integer_value(json_object_get(r, keys[k]));
			int hgt = v * 100 / max;
			y -= hgt;
			snprintf(s, sizeof(s), "<rect x=\"%d\" y=\"%d\" width=\"34\" height=\"%d\" fill=\"%s\"><title>%s %d</title></rect>",
				 x, y, hgt, fill[k], keys[k], v);
			buf_appends(b, s);
		}
		snprintf(s, sizeof(s), "<text x=\"%d\" y=\"136\" font-size=\"10\" text-anchor=\"middle\">%.2s/%.2s</text>",
			 x + 17, held ? held + 8 : "", held ? held + 5 : "");
		buf_appends(b, s);
	}
	buf_appends(b, "</svg>");
}

/* Add "practice" to m for team_id: ERR_DENIED when the reader may not. */
enum err meetings_practice_model(struct request *req, struct auth_state *a, int64_t team_id, json_t *m)
{
	struct db *db = app_db(req->app);
	struct meeting_practice pr;
	struct decision d;
	struct practice_acc acc = { req, a, json_array(), &d, false, false, date_to_days(date_today()) };
	json_t *p, *months;
	struct buf svg;
	enum err e = db ? access_team(&a->ax, db, team_id, ACT_CLIENT_LIST, "practice", "read", &d) : ERR_UNAVAILABLE;

	if (e) {
		json_decref(acc.children);
		return e;
	}
	/* Names only to the team's own workers; a manager of the unit gets the figures. */
	acc.names = d.audience == AUD_CASE_WORKER;
	e = meeting_practice(db, team_id, &pr, practice_child_cb, &acc);
	if (!e && acc.too_long)
		e = ERR_INVALID;
	if (e) {
		json_decref(acc.children);
		return e;
	}
	p = json_object();
	months = json_array();
	for (int i = 0; i < MEETING_PRACTICE_MONTHS; i++) {
		json_t *j = json_object();
		jv_set_str(j, "month", pr.months[i].month);
		jv_set_int(j, "meetings", pr.months[i].meetings);
		jv_set_int(j, "families_discussed", pr.months[i].discussed);
		jv_set_int(j, "family_present", pr.months[i].family_present);
		jv_set_int(j, "family_present_percent",
			   pr.months[i].meetings ? 100 * pr.months[i].family_present / pr.months[i].meetings : 0);
		json_array_append_new(months, j);
	}
	jv_set_int(p, "team_id", team_id);
	jv_set(p, "months", months);
	jv_set_int(p, "open_children", pr.open_children);
	jv_set_int(p, "discussed_3m", pr.discussed_3m);
	jv_set_int(p, "discussed_3m_percent", pr.open_children ? 100 * pr.discussed_3m / pr.open_children : 0);
	jv_set_bool(p, "names", acc.names);
	jv_set(p, "children", acc.children);
	/* The same unit's consultation answer times and traffic-light counts
	 * over rounds: figures, no children. */
	{
		json_t *consult = json_array(), *lights = json_array();
		e = consultation_answer_times(db, team_id, pr.months[0].month, NULL, practice_consult_cb, consult);
		if (!e)
			e = lights_counts_by_round(db, team_id, NULL, NULL, practice_lights_cb, lights);
		if (e) {
			json_decref(consult);
			json_decref(lights);
			json_decref(p);
			return e;
		}
		jv_set_bool(p, "has_consultations", json_array_size(consult) > 0);
		jv_set_bool(p, "has_lights", json_array_size(lights) > 0);
		jv_set(p, "consultations", consult);
		jv_set(p, "traffic_lights", lights);
	}
	if (!req->wants_json) {
		buf_init(&svg, 64 * 1024);
		svg_months(&svg, &pr, render_t(req, "meetings.chart_family"));
		jv_set_str(p, "svg_family", buf_str(&svg));
		buf_reset(&svg);
		svg_share(&svg, pr.discussed_3m, pr.open_children, render_t(req, "meetings.chart_discussed"));
		jv_set_str(p, "svg_discussed", buf_str(&svg));
		buf_reset(&svg);
		svg_lights(&svg, json_object_get(p, "traffic_lights"), render_t(req, "meetings.fig_chart_lights"));
		jv_set_str(p, "svg_lights", buf_str(&svg));
		buf_release(&svg);
	}
	jv_set(m, "practice", p);
	return ERR_OK;
}

void team_practice(struct request *req, struct auth_state *a)
{
	json_t *m = json_object();
	enum err e = meetings_practice_model(req, a, req->param[0], m);
	if (e) {
		json_decref(m);
		if (e == ERR_INVALID)
			access_list_fail(req, ERR_OK, true);
		else
			deny_answer(req, e);
		return;
	}
	render_json(req, 200, json_incref(json_object_get(m, "practice")));
	json_decref(m);
}

/* ---- my work ------------------------------------------------------------------------------ */

struct work_acc {
	struct request *req;
	struct auth_state *a;
	struct db *db;
	json_t *tasks;
	enum err e;
};

static void my_task_cb(void *ctx, const struct meeting_task_row *t)
{
	struct work_acc *w = ctx;
	struct access_answer ans;
	json_t *j;
	if (w->e)
		return;
	/* The task's child: read through the door, its name when allowed. */
	w->e = access_check(&w->a->ax, w->db, (struct objref){ OBJ_CHILD, t->child_id }, ACT_CLIENT_LIST, "list", &ans);
	if (w->e == ERR_DENIED || w->e == ERR_NOT_FOUND) {
		w->e = ERR_OK;
		memset(&ans, 0, sizeof(ans));
	}
	j = json_object();
	jv_set_int(j, "id", t->id);
	jv_set_str(j, "text", t->text);
	jv_set_str(j, "due_on", t->due_on);
	jv_set_int(j, "meeting_id", t->meeting_id);
	{
		struct date dd;
		jv_set_bool(j, "overdue", !date_parse(t->due_on, &dd) && date_cmp(dd, date_today()) < 0);
	}
	if (ans.d.fields & FIELD_NAME) {
		jv_set_int(j, "child_id", t->child_id);
		if (!access_answer_case(w->db, &ans))
			jv_set_str(j, "child_name", ans.c.child_name);
	}
	json_array_append_new(w->tasks, j);
}

struct coord_acc {
	struct request *req;
	json_t *unprepared;
	json_t *next;
	char limit[11];
};

static void coord_meeting_cb(void *ctx, const struct meeting_row *m)
{
	struct coord_acc *c = ctx;
	if (m->cancelled || strcmp(m->meets_on, c->limit) > 0)
		return;
	if (!c->next || strcmp(m->meets_on, json_string_value(json_object_get(c->next, "meets_on"))) < 0) {
		json_decref(c->next);
		c->next = meeting_json(c->req, m);
	}
	if (m->items == 0 || m->prepared < m->items)
		json_array_append_new(c->unprepared, meeting_json(c->req, m));
}

struct long_acc {
	struct practice_acc p;
	int n;
	int64_t limit_days;
};

static void long_cb(void *ctx, int64_t case_id, int64_t child_id, const char *name, const char *last)
{
	struct long_acc *l = ctx;
	struct date d;
	int64_t days = *last && !date_parse(last, &d) ? l->p.today - date_to_days(d) : -1;
	if (l->n >= 5 || (days >= 0 && days < l->limit_days))
		return;
	l->n++;
	practice_child_cb(&l->p, case_id, child_id, name, last);
}

enum err meetings_work_model(struct request *req, struct auth_state *a, json_t *m)
{
	struct db *db = app_db(req->app);
	struct work_acc w = { req, a, db, json_array(), ERR_OK };
	enum err e;

	if (!db) {
		json_decref(w.tasks);
		return ERR_UNAVAILABLE;
	}
	e = meeting_tasks_of_owner(db, a->p.account_id, my_task_cb, &w);
	if (!e)
		e = w.e;
	jv_set_bool(m, "has_meeting_tasks", json_array_size(w.tasks) > 0);
	jv_set(m, "meeting_tasks", w.tasks);
	if (!e) {
		/* The meetings I am invited to discuss a family in. */
		struct mlist inv = { req, json_array(), NULL, "" };
		date_format(date_today(), inv.today);
		e = meeting_invited_upcoming(db, a->p.account_id, inv.today, mlist_cb, &inv);
		jv_set_bool(m, "has_invited_meetings", json_array_size(inv.upcoming) > 0);
		jv_set(m, "invited_meetings", inv.upcoming);
	}
	if (e || a->p.role != ROLE_COORDINATOR)
		return e;
	/* The coordinator: the next meeting, what is unprepared in the next
	 * two weeks, and per team the children not discussed for 8 weeks. */
	struct coord_acc c = { req, json_array(), NULL, "" };
	json_t *teams = json_array();
	char today[11];
	date_format(date_today(), today);
	date_format(date_add_days(date_today(), 14), c.limit);
	for (int i = 0; !e && i < a->p.nteams; i++) {
		struct decision d;
		struct team_row t;
		struct long_acc l = { { req, a, json_array(), &d, false, false, date_to_days(date_today()) }, 0, 56 };
		e = meeting_list_team(db, a->p.teams[i], today, c.limit, coord_meeting_cb, &c);
		if (!e && !org_get_team(db, a->p.teams[i], &t) &&
		    !access_team(&a->ax, db, t.id, ACT_CLIENT_LIST, "practice", NULL, &d) && d.audience == AUD_CASE_WORKER) {
			struct meeting_practice pr;
			l.p.names = true;
			e = meeting_practice(db, t.id, &pr, long_cb, &l);
			if (!e && json_array_size(l.p.children)) {
				json_t *tj = json_object();
				jv_set_int(tj, "id", t.id);
				jv_set_str(tj, "name", t.name);
				jv_set(tj, "children", l.p.children);
				json_array_append_new(teams, tj);
				l.p.children = NULL;
			}
		}
		json_decref(l.p.children);
		if (!e && l.p.too_long)
			e = ERR_INVALID;
	}
	jv_set_bool(m, "is_coordinator", true);
	if (c.next)
		jv_set(m, "next_meeting", c.next);
	jv_set(m, "unprepared_meetings", c.unprepared);
	jv_set_bool(m, "has_unprepared", json_array_size(c.unprepared) > 0);
	jv_set(m, "not_discussed", teams);
	return e;
}

/* ---- the child page ---------------------------------------------------------------------- */

/* The child's meetings (they come newest first): those held (recorded, or
 * on a day before today) newest first, and those still to come soonest
 * first; the family's step as the newest agenda item of either has it. */
struct child_items {
	json_t *held, *coming;
	size_t n;
	int latest_step;
	char today[11];
};

static void child_item_cb(void *ctx, const struct meeting_item_row *it)
{
	struct child_items *c = ctx;
	bool coming = !it->recorded && strcmp(it->meets_on, c->today) >= 0;
	json_t *j;
	if (c->n >= 20)
		return;
	if (!c->n++)
		c->latest_step = it->step;
	j = json_object();
	jv_set_int(j, "meeting_id", it->meeting_id);
	jv_set_str(j, "meets_on", it->meets_on);
	jv_set_int(j, "step", it->step);
	jv_set_bool(j, "recorded", it->recorded);
	jv_set_bool(j, "upcoming", coming);
	if (coming)
		json_array_insert_new(c->coming, 0, j);
	else
		json_array_append_new(c->held, j);
}

enum err meetings_child_model(struct request *req, int64_t case_id, unsigned fields, json_t *m)
{
	struct db *db = app_db(req->app);
	struct child_items c = { 0 };
	enum err e;
	if (!(fields & FIELD_PRACTICE))
		return ERR_OK;
	if (!db)
		return ERR_UNAVAILABLE;
	c.held = json_array();
	c.coming = json_array();
	date_format(date_today(), c.today);
	e = meeting_items_of_case(db, case_id, child_item_cb, &c);
	if (e) {
		json_decref(c.held);
		json_decref(c.coming);
		return e;
	}
	if (c.n)
		jv_set(m, "meeting_steps", step_json(req, c.latest_step));
	jv_set_bool(m, "has_meetings", c.n > 0);
	jv_set_bool(m, "has_meetings_held", json_array_size(c.held) > 0);
	jv_set_bool(m, "has_meetings_upcoming", json_array_size(c.coming) > 0);
	jv_set(m, "meetings", c.held);
	jv_set(m, "meetings_upcoming", c.coming);
	return ERR_OK;
}

/* ---- questions always asked ---------------------------------------------------------------- */

void meeting_questions_list(struct request *req, struct auth_state *a)
{
	struct db *db = app_db(req->app);
	struct q_acc qa = { req, json_array() };
	enum err e = db ? meeting_questions(db, a->p.county_id, false, question_cb, &qa) : ERR_UNAVAILABLE;
	if (e) {
		json_decref(qa.arr);
		render_error(req, e, NULL);
		return;
	}
	render_json(req, 200, json_pack("{s:o}", "questions", qa.arr));
}

struct question_w {
	int64_t county_id;
	struct meeting_question_row q;
	struct field_error *fe;
};

static enum err question_run(struct db *db, void *arg)
{
	struct question_w *w = arg;
	return meeting_question_save(db, w->county_id, &w->q, w->fe);
}

void meeting_question_save_api(struct request *req, struct auth_state *a)
{
	static const char *const f[] = { "audience", "stage", "position", "text_fi", "text_sv", "text_en", "active", NULL };
	struct field_error fe = { 0 };
	struct question_w *w = calloc(1, sizeof(*w));
	struct input in = { 0 };
	struct audit_entry ae;
	struct decision d = { true, AUD_ADMIN, 0, "admin", NULL };
	int64_t pos = 0;
	bool present, active = true;
	enum err e = w ? input_init(&in, req, f, &fe) : ERR_NOMEM;

	if (!w) {
		render_error(req, e, NULL);
		return;
	}
	w->fe = &fe;
	w->county_id = a->p.county_id;
	w->q.id = req->nparam ? req->param[0] : 0;
	if (w->q.id) {
		/* A change starts from the question as it is. */
		struct q_acc qa = { req, json_array() };
		size_t i;
		json_t *q;
		bool found = false;
		e = e ? e : meeting_questions(app_db(req->app), a->p.county_id, false, question_cb, &qa);
		json_array_foreach(qa.arr, i, q) {
			if (json_integer_value(json_object_get(q, "id")) != w->q.id)
				continue;
			found = true;
			str_lcpy(w->q.audience, json_string_value(json_object_get(q, "audience")), sizeof(w->q.audience));
			str_lcpy(w->q.stage, json_string_value(json_object_get(q, "stage")), sizeof(w->q.stage));
			w->q.position = (int)json_integer_value(json_object_get(q, "position"));
			str_lcpy(w->q.text_fi, json_string_value(json_object_get(q, "text_fi")), sizeof(w->q.text_fi));
			str_lcpy(w->q.text_sv, json_string_value(json_object_get(q, "text_sv")), sizeof(w->q.text_sv));
			str_lcpy(w->q.text_en, json_string_value(json_object_get(q, "text_en")), sizeof(w->q.text_en));
			active = json_is_true(json_object_get(q, "active"));
		}
		json_decref(qa.arr);
		if (!e && !found)
			e = ERR_NOT_FOUND;
	}
	pos = w->q.position;
	if (!e) e = input_copy(&in, "audience", w->q.audience, sizeof(w->q.audience), &fe);
	if (!e) e = input_copy(&in, "stage", w->q.stage, sizeof(w->q.stage), &fe);
	if (!e) e = input_int(&in, "position", &pos, &present, &fe);
	if (!e) e = input_copy(&in, "text_fi", w->q.text_fi, sizeof(w->q.text_fi), &fe);
	if (!e) e = input_copy(&in, "text_sv", w->q.text_sv, sizeof(w->q.text_sv), &fe);
	if (!e) e = input_copy(&in, "text_en", w->q.text_en, sizeof(w->q.text_en), &fe);
	if (!e) e = input_bool(&in, "active", &active, &present, &fe);
	if (!e && !present && !w->q.id)
		active = true;
	w->q.position = (int)(pos > 0 && pos < 100 ? pos : pos ? 100 : 0);
	w->q.active = active;
	access_entry(&a->ax, &ae, w->q.id ? "update" : "create", "meeting_question", w->q.id, &d);
	if (!e) e = access_write_entry(&a->ax, ((struct app *)req->app)->writer, question_run, w, &ae, &w->q.id);
	if ((e == ERR_INVALID || e == ERR_CONFLICT) && !req->wants_json && req->nform) {
		/* The administrator's page (api/meeting_questions.c) comes back. */
		meeting_questions_again(req, a, req->nparam ? req->param[0] : 0, &fe);
	} else if (e) {
		render_error(req, e, &fe);
	} else if (!req->wants_json) {
		char loc[64];
		snprintf(loc, sizeof(loc), "/admin/meeting-questions#q%lld", (long long)w->q.id);
		render_redirect(req, loc);
	} else {
		render_json(req, req->nparam ? 200 : 201, json_pack("{s:I}", "id", (json_int_t)w->q.id));
	}
	input_release(&in);
	free(w);
}

/* ---- the calendar feed --------------------------------------------------------------------- */

struct feed_w {
	int64_t account_id;
	bool revoke;
	char token[TOKEN_STR_MAX];
};

static enum err feed_run(struct db *db, void *arg)
{
	struct feed_w *w = arg;
	return w->revoke ? meeting_feed_revoke(db, w->account_id) : meeting_feed_create(db, w->account_id, w->token);
}

static void feed_change(struct request *req, struct auth_state *a, bool revoke)
{
	struct feed_w w = { .account_id = a->p.account_id, .revoke = revoke };
	struct audit_entry ae;
	struct decision d = { true, AUD_NONE, 0, "self", NULL };
	enum err e;
	char url[160];

	access_entry(&a->ax, &ae, revoke ? "revoke" : "create", "calendar_feed", a->p.account_id, &d);
	e = access_write_entry(&a->ax, ((struct app *)req->app)->writer, feed_run, &w, &ae, NULL);
	if (e) {
		render_error(req, e, NULL);
		return;
	}
	snprintf(url, sizeof(url), "/api/v1/calendar/%s.ics", w.token);
	if (req->wants_json) {
		render_json(req, revoke ? 200 : 201, revoke ? json_pack("{s:b}", "revoked", 1) : json_pack("{s:s}", "path", url));
	} else if (revoke) {
		render_redirect(req, "/");
	} else {
		json_t *m = json_object();
		jv_set_str(m, "path", url);
		render_view(req, 201, "calendar", "meetings.calendar_title", m);
	}
}

void calendar_create(struct request *req, struct auth_state *a)
{
	feed_change(req, a, false);
}

void calendar_revoke(struct request *req, struct auth_state *a)
{
	feed_change(req, a, true);
}

#define FEED_MAX_SERIES 64

struct feed_acc {
	struct request *req;
	struct ical *cal;
	enum err e;
	struct meeting_series_row series[FEED_MAX_SERIES];   /* to tell a changed meeting */
	int nseries;
};

/* Does m differ from its series' pattern (day, time, length, place, link, kind)? */
static bool feed_changed(const struct feed_acc *f, const struct meeting_row *m)
{
	for (int i = 0; i < f->nseries; i++) {
		const struct meeting_series_row *s = &f->series[i];
		if (s->id != m->series_id)
			continue;
		return strcmp(m->series_on, m->meets_on) || strcmp(s->start_time, m->start_time) ||
		       s->minutes != m->minutes || strcmp(s->place, m->place) || strcmp(s->video_url, m->video_url) ||
		       strcmp(s->kind, m->kind);
	}
	return true;
}

static void feed_series_cb(void *ctx, const struct meeting_series_row *s)
{
	struct feed_acc *f = ctx;
	struct ical_event ev = { 0 };
	char uid[64], summary[300];
	if (f->e)
		return;
	snprintf(uid, sizeof(uid), "series-%lld@majakka", (long long)s->id);
	snprintf(summary, sizeof(summary), "%s: %s", render_t(f->req, !strcmp(s->kind, "client") ? "meetings.feed_client" : "meetings.feed_professional"), s->team_name);
	ev.uid = uid;
	ev.day = s->starts_on;
	ev.time = s->start_time;
	ev.minutes = s->minutes;
	ev.summary = summary;
	ev.location = s->place;
	ev.url = s->video_url;
	ev.description = s->video_url;
	ev.count = s->weeks;
	if (f->nseries < FEED_MAX_SERIES)
		f->series[f->nseries++] = *s;
	f->e = ical_add(f->cal, &ev);
}

static void feed_meeting_cb(void *ctx, const struct meeting_row *m, bool member)
{
	struct feed_acc *f = ctx;
	struct ical_event ev = { 0 };
	char uid[64], summary[300];
	bool moved;
	if (f->e)
		return;
	/* A series' meeting on its own day is the series' event; a moved or
	 * cancelled one overrides its day (RECURRENCE-ID).  A meeting seen
	 * through an invitation stands alone. */
	moved = !m->series_id || !member || m->cancelled || feed_changed(f, m);
	if (!moved)
		return;
	snprintf(uid, sizeof(uid), m->series_id && member ? "series-%lld@majakka" : "meeting-%lld@majakka",
		 (long long)(m->series_id && member ? m->series_id : m->id));
	ev.cancelled = m->cancelled;
	snprintf(summary, sizeof(summary), "%s: %s",
		 render_t(f->req, !strcmp(m->kind, "client") ? "meetings.feed_client" : "meetings.feed_professional"),
		 m->team_name);
	ev.uid = uid;
	ev.day = m->meets_on;
	ev.time = m->start_time;
	ev.minutes = m->minutes;
	ev.summary = summary;
	ev.location = m->place;
	ev.url = m->video_url;
	ev.description = m->video_url;
	if (m->series_id && member)
		ev.recurrence_day = m->series_on;
	f->e = ical_add(f->cal, &ev);
}

void calendar_feed(struct request *req, struct auth_state *a)
{
	struct db *db = app_db(req->app);
	struct feed_acc *f = calloc(1, sizeof(*f));
	const char *path = req->path, *slash = strrchr(path, '/'), *dot;
	char token[TOKEN_STR_MAX] = "";
	int64_t account_id = 0;
	enum err e;

	(void)a;
	dot = slash ? strstr(slash, ".ics") : NULL;
	if (slash && dot && dot[4] == '\0' && (size_t)(dot - slash - 1) < sizeof(token)) {
		memcpy(token, slash + 1, (size_t)(dot - slash - 1));
		token[dot - slash - 1] = '\0';
	}
	e = !f ? ERR_NOMEM : db ? meeting_feed_account(db, token, &account_id) : ERR_UNAVAILABLE;
	if (f)
		f->req = req;
	if (!e && !(f->cal = ical_new(render_t(req, "meetings.feed_name"))))
		e = ERR_NOMEM;
	if (!e)
		e = meeting_feed(db, account_id, feed_series_cb, feed_meeting_cb, f);
	if (!e)
		e = f->e;
	if (!e) {
		buf_reset(&req->out);
		e = ical_finish(f->cal, &req->out);
	}
	if (f)
		ical_free(f->cal);
	free(f);
	if (e) {
		render_error(req, e, NULL);
		return;
	}
	request_add_header(req, "Cache-Control", "private, max-age=300");
	request_set(req, 200, "text/calendar; charset=utf-8");
}

/*
 * work.c - "my work" (my children and the legal clocks due today, this week
 * and overdue, and the requests for client access waiting for my approval),
 * the team's children, caseloads against the cap and response times, and the
 * leaders' reports (workers over the cap, break-the-glass).
 */
#include <stdlib.h>
#include <string.h>
#include "api/access.h"
#include "api/children.h"
#include "api/handlers.h"
#include "api/lights.h"
#include "api/render.h"
#include "api/plan.h"
#include "api/work.h"
#include "core/str.h"
#include "core/workday.h"
#include "model/breakglass.h"
#include "model/caseteam.h"
#include "model/childcase.h"
#include "model/notification.h"
#include "model/org.h"
#include "view/jv.h"

struct clock_acc {
	struct request *req;
	json_t *overdue, *today, *week;
	const struct case_ids *only;
};

static bool case_ids_has(const struct case_ids *s, int64_t id)
{
	for (size_t i = 0; i < s->n; i++)
		if (s->ids[i] == id)
			return true;
	return false;
}

static void clock_cb(void *ctx, const struct clock_row *r)
{
	struct clock_acc *c = ctx;
	json_t *j;

	/* A worker's week names only the children the list let through. */
	if (c->only && !case_ids_has(c->only, r->case_id))
		return;
	j = json_object();

	jv_set_int(j, "notification_id", r->notification_id);
	jv_set_int(j, "child_id", r->child_id);
	jv_set_str(j, "child_name", r->child_name);
	jv_set_str(j, "team", r->team_name);
	jv_set_str(j, "responsible", r->responsible_name);
	jv_set_str(j, "kind", r->kind);
	jv_set(j, "kind_label", render_label_json(c->req, "clock", r->kind));
	jv_set_str(j, "due", r->due);
	jv_set_int(j, "days_left", r->days_left);
	json_array_append_new(r->days_left < 0 ? c->overdue : r->days_left == 0 ? c->today : c->week, j);
}

/* Clocks due within a week (and all overdue) for a worker or a team. */
json_t *clocks_model(struct request *req, int64_t county_id, int64_t account_id, int64_t team_id,
		     const struct case_ids *only)
{
	struct clock_acc c = { req, json_array(), json_array(), json_array(), only };
	json_t *m = json_object();
	char until[11];

	date_format(date_add_days(date_today(), 7), until);
	if (clocks_open(app_db(req->app), county_id, account_id, team_id, until, clock_cb, &c)) {
		json_decref(c.overdue);
		json_decref(c.today);
		json_decref(c.week);
		json_decref(m);
		return NULL;
	}
	jv_set(m, "overdue", c.overdue);
	jv_set(m, "today", c.today);
	jv_set(m, "this_week", c.week);
	return m;
}

/* "My children" and the cases of its rows, for the week's clocks. */
struct mine_acc {
	struct case_list l;
	struct case_ids cases;
	bool nomem;
};

static void mine_add(void *ctx, const struct case_row *c, const struct decision *d)
{
	struct mine_acc *m = ctx;
	size_t before = json_array_size(m->l.arr);

	case_list_add(&m->l, c, d);
	if (json_array_size(m->l.arr) == before)
		return;
	if (m->cases.n == m->cases.cap) {
		size_t cap = m->cases.cap ? m->cases.cap * 2 : 32;
		int64_t *ids = cap <= ACCESS_LOG_MAX ? realloc(m->cases.ids, cap * sizeof(*ids)) : NULL;
		if (!ids) {
			m->nomem = true;
			return;
		}
		m->cases.ids = ids;
		m->cases.cap = cap;
	}
	m->cases.ids[m->cases.n++] = c->id;
}

/* One team of a lead or an area manager: open cases, workers, and who is
 * over the caseload cap (figures about workers, no client data). */
struct over_acc {
	json_t *over;
	int workers;
};

static void over_cb(void *ctx, const struct caseload_row *r)
{
	struct over_acc *o = ctx;

	o->workers++;
	if (r->over)
		json_array_append_new(o->over, json_pack("{s:I, s:s, s:i}", "account_id", (json_int_t)r->account_id,
							 "name", r->name, "children", r->children));
}

static enum err team_overview(struct db *db, const struct team_row *t, int cap, json_t **out)
{
	struct over_acc o = { json_array(), 0 };
	int open = 0;
	enum err e = childcase_count_open(db, t->id, &open);

	if (!e)
		e = caseteam_caseloads(db, t->county_id, t->id, cap, over_cb, &o);
	if (e) {
		json_decref(o.over);
		return e;
	}
	*out = json_object();
	jv_set_int(*out, "id", t->id);
	jv_set_str(*out, "name", t->name);
	jv_set_int(*out, "open_cases", open);
	jv_set_int(*out, "workers", o.workers);
	jv_set_bool(*out, "has_over", json_array_size(o.over) > 0);
	jv_set(*out, "over", o.over);
	return ERR_OK;
}

struct area_teams {
	int64_t area_id;
	struct team_row *rows;
	int n, cap;
	bool nomem;
};

static void area_team_cb(void *ctx, const struct team_row *r)
{
	struct area_teams *at = ctx;

	if (r->area_id != at->area_id)
		return;
	if (at->n == at->cap) {
		int cap = at->cap ? at->cap * 2 : 8;
		struct team_row *rows = realloc(at->rows, (size_t)cap * sizeof(*rows));
		if (!rows) {
			at->nomem = true;
			return;
		}
		at->rows = rows;
		at->cap = cap;
	}
	at->rows[at->n++] = *r;
}

/* The teams a lead leads, with their children (each row decided and logged
 * by childcase_list_team), or the teams of a manager's area as figures. */
static enum err leader_model(struct request *req, struct auth_state *a, json_t *m, bool *too_long)
{
	struct db *db = app_db(req->app);
	json_t *teams = json_array();
	int cap = caseteam_cap(db);
	bool any_over = false;
	enum err e = ERR_OK;

	for (int i = 0; !e && i < a->p.nlead; i++) {
		struct team_row t;
		struct decision d;
		struct case_list kids = { req, NULL, false };
		json_t *tm = NULL;

		if (org_get_team(db, a->p.lead_teams[i], &t))
			continue;
		e = access_team(&a->ax, db, t.id, ACT_CLIENT_LIST, "team", NULL, &d);
		if (e == ERR_DENIED || e == ERR_NOT_FOUND) {
			e = ERR_OK;
			continue;
		}
		if (!e)
			e = team_overview(db, &t, cap, &tm);
		if (e)
			break;
		kids.arr = json_array();
		e = childcase_list_team(db, &a->p, t.id, case_list_add, &kids);
		if (kids.too_long) {
			*too_long = true;
			e = e ? e : ERR_INVALID;
		}
		jv_set_bool(tm, "has_children", json_array_size(kids.arr) > 0);
		jv_set(tm, "children", kids.arr);
		jv_set_bool(tm, "led", true);
		json_array_append_new(teams, tm);
	}
	if (!e && a->p.area_id) {
		struct area_teams at = { a->p.area_id, NULL, 0, 0, false };
		e = org_list_teams(db, a->p.county_id, area_team_cb, &at);
		if (!e && at.nomem)
			e = ERR_NOMEM;
		for (int i = 0; !e && i < at.n; i++) {
			json_t *tm = NULL;
			if (!(e = team_overview(db, &at.rows[i], cap, &tm))) {
				/* An empty list, so that the template does not
				 * reach for "my children" of the page. */
				jv_set_bool(tm, "has_children", false);
				jv_set(tm, "children", json_array());
				json_array_append_new(teams, tm);
			}
		}
		free(at.rows);
	}
	if (e) {
		json_decref(teams);
		return e;
	}
	for (size_t i = 0; i < json_array_size(teams); i++)
		any_over |= json_is_true(json_object_get(json_array_get(teams, i), "has_over"));
	jv_set_bool(m, "has_unit_teams", json_array_size(teams) > 0);
	jv_set_bool(m, "any_over_cap", any_over);
	jv_set_int(m, "cap", cap);
	jv_set(m, "unit_teams", teams);
	return ERR_OK;
}

/* The administrator's pending work: whose access waits for a lead or a
 * manager, and figures.  No client data. */
static enum err admin_model(struct request *req, struct auth_state *a, json_t *m)
{
	struct db *db = app_db(req->app);
	json_t *waiting = grants_waiting(req, a), *counts;
	int64_t total = 0, last30 = 0, live = 0;
	enum err e = waiting ? breakglass_counts(db, a->p.county_id, &total, &last30, &live) : ERR_UNAVAILABLE;

	if (e) {
		json_decref(waiting);
		return e;
	}
	counts = json_pack("{s:i, s:I, s:I}", "waiting", (int)json_array_size(waiting),
			   "break_glass_live", (json_int_t)live, "break_glass_30", (json_int_t)last30);
	jv_set_bool(m, "has_waiting", json_array_size(waiting) > 0);
	jv_set(m, "waiting", waiting);
	jv_set(m, "admin_counts", counts);
	return ERR_OK;
}

void my_work(struct request *req, struct auth_state *a)
{
	struct db *db = app_db(req->app);
	json_t *m = me_model(req, a);
	struct mine_acc acc = { { req, json_array(), false }, { NULL, 0, 0 }, false };
	bool is_admin = policy_decide(&a->p, ACT_ACCOUNT_ADMIN, NULL).allow;
	bool is_leader = a->p.role != ROLE_ADMIN && policy_decide(&a->p, ACT_UNIT_REPORT, NULL).allow;
	bool too_long = false;
	int load = 0;
	enum err e = ERR_OK;

	if (!db) {
		json_decref(m);
		json_decref(acc.l.arr);
		render_error(req, ERR_UNAVAILABLE, NULL);
		return;
	}
	if (a->p.kind == KIND_PARTNER) {
		/* A partner: the children whose child's team they sit on. */
		e = childcase_list_mine(db, &a->p, case_list_add, &acc.l);
		jv_set_bool(m, "is_partner", true);
	} else if (a->p.kind == KIND_WORKER && a->p.role != ROLE_ADMIN) {
		/* The children and the clocks are read whole or not shown: a short
		 * list, or no overdue clocks, would look like the truth. */
		json_t *clocks = NULL, *grants = NULL;
		e = childcase_list_mine(db, &a->p, mine_add, &acc);
		if (!e && acc.nomem)
			e = ERR_NOMEM;
		if (!e)
			e = caseteam_caseload(db, a->p.account_id, &load);
		/* The week: the clocks of the children listed above, whatever
		 * the worker's role on the child's team. */
		if (!e && !acc.l.too_long &&
		    !(clocks = clocks_model(req, a->p.county_id, a->p.account_id, 0, &acc.cases)))
			e = ERR_UNAVAILABLE;
		/* Requests for client access this manager may decide. */
		if (!e && !(grants = grants_pending(req, a))) {
			json_decref(clocks);
			e = ERR_UNAVAILABLE;
		}
		if (!e) {
			json_t *caseload = json_object();
			jv_set_bool(m, "has_grants", json_array_size(grants) > 0);
			jv_set(m, "grants", grants);
			jv_set(m, "clocks", clocks);
			jv_set_int(caseload, "children", load);
			jv_set_int(caseload, "cap", caseteam_cap(db));
			/* Only a role that carries a caseload (or anyone who still has
			 * children as responsible worker) has a caseload line. */
			if (a->p.role == ROLE_SOCIAL_WORKER || a->p.role == ROLE_CONSULTING_SOCIAL_WORKER || load > 0)
				jv_set(m, "caseload", caseload);
			else
				json_decref(caseload);
			jv_set_bool(m, "is_worker", true);
		}
		/* Plans: reviews falling due, open cases without a plan. */
		if (!e && !acc.l.too_long)
			e = plan_work_add(req, m, acc.cases.ids, acc.cases.n);
		if (!e && !acc.l.too_long && (a->p.nlead > 0 || a->p.area_id))
			e = leader_model(req, a, m, &too_long);
		/* Traffic lights and consultations (api/lights.h). */
		if (!e && !acc.l.too_long)
			e = lights_work_rows(req, acc.l.arr);
		if (!e && !acc.l.too_long)
			e = consultations_work_model(req, a, m);
	} else if (is_admin) {
		e = admin_model(req, a, m);
	} else if (a->p.kind == KIND_FAMILY) {
		/* The family portal comes later: nothing of any child here. */
		jv_set_bool(m, "is_family", true);
	}
	/* Matters tagged to me (api/consent.c), until I mark them seen. */
	if (!e && !acc.l.too_long && (a->p.kind == KIND_PARTNER || (a->p.kind == KIND_WORKER && !is_admin))) {
		json_t *tags = tags_mine(req, a);
		if (!tags)
			e = ERR_UNAVAILABLE;
		jv_set_bool(m, "has_tags", json_array_size(tags) > 0);
		jv_set(m, "tags", tags ? tags : json_array());
	}
	free(acc.cases.ids);
	if (acc.l.too_long || too_long || e) {
		json_decref(m);
		json_decref(acc.l.arr);
		access_list_fail(req, e, acc.l.too_long || too_long);
		return;
	}
	/* A leader without children of their own sees their teams instead
	 * of an empty "my children". */
	jv_set_bool(m, "has_children", json_array_size(acc.l.arr) > 0);
	jv_set_bool(m, "show_mine", json_array_size(acc.l.arr) > 0 ||
		    !json_is_true(json_object_get(m, "has_unit_teams")));
	jv_set(m, "children", acc.l.arr);
	{
		/* My own access still waiting for a manager. */
		json_t *mine = grants_of_account(req, a->p.account_id);
		if (!mine) {
			json_decref(m);
			render_error(req, ERR_UNAVAILABLE, NULL);
			return;
		}
		jv_set_bool(m, "has_my_pending", json_array_size(mine) > 0);
		jv_set(m, "my_pending", mine);
	}
	{
		/* Team contact cards. */
		json_t *cards = json_array();
		for (int i = 0; i < a->p.nteams; i++) {
			struct team_row t;
			if (!org_get_team(db, a->p.teams[i], &t))
				json_array_append_new(cards, team_json(req, &t));
		}
		jv_set(m, "cards", cards);
	}
	partners_work_model(req, a, m);
	jv_set_bool(m, "is_admin", is_admin);
	jv_set_bool(m, "is_leader", is_leader);
	/* Weekly meetings: my tasks; the coordinator's preparation (meetings.c). */
	if ((a->p.kind == KIND_WORKER || a->p.kind == KIND_PARTNER) && a->p.role != ROLE_ADMIN &&
	    (e = meetings_work_model(req, a, m))) {
		json_decref(m);
		access_list_fail(req, e == ERR_INVALID ? ERR_OK : e, e == ERR_INVALID);
		return;
	}
	render_view(req, 200, "home", "home.title", m);
}

struct load_acc {
	struct request *req;
	json_t *arr;
};

static void load_cb(void *ctx, const struct caseload_row *r)
{
	struct load_acc *l = ctx;
	json_t *j = json_object();

	jv_set_int(j, "account_id", r->account_id);
	jv_set_str(j, "name", r->name);
	jv_set_str(j, "role", r->role);
	jv_set(j, "role_label", render_label_json(l->req, "role", r->role));
	jv_set_int(j, "children", r->children);
	jv_set_int(j, "pairs", r->pairs);
	jv_set_bool(j, "over", r->over);
	jv_set_bool(j, "at_cap", r->at_cap);
	json_array_append_new(l->arr, j);
}

enum err team_work_model(struct request *req, struct auth_state *a, const struct team_row *t, json_t *m)
{
	struct db *db = app_db(req->app);
	struct decision d;
	struct case_list kids = { req, json_array(), false };
	struct load_acc loads = { req, json_array() };
	struct contact_stats cs;
	json_t *caseload, *response, *clocks = NULL;
	char since[11];
	int cap;
	enum err e;

	/* The list's rows are logged one by one; the team as a whole is not. */
	e = db ? access_team(&a->ax, db, t->id, ACT_CLIENT_LIST, "team", NULL, &d) : ERR_UNAVAILABLE;
	if (e) {
		json_decref(kids.arr);
		json_decref(loads.arr);
		return e == ERR_NOT_FOUND ? ERR_DENIED : e;
	}
	cap = caseteam_cap(db);
	e = childcase_list_team(db, &a->p, t->id, case_list_add, &kids);
	if (!e && kids.too_long)
		e = ERR_INVALID;  /* see work.h */
	if (!e)
		e = caseteam_caseloads(db, t->county_id, t->id, cap, load_cb, &loads);
	date_format(date_add_days(date_today(), -90), since);
	if (!e)
		e = contact_stats(db, t->id, since, &cs);
	if (!e && !(clocks = clocks_model(req, t->county_id, 0, t->id, NULL)))
		e = ERR_UNAVAILABLE;
	if (e) {
		json_decref(kids.arr);
		json_decref(loads.arr);
		return e;
	}
	caseload = json_object();
	jv_set_int(caseload, "cap", cap);
	jv_set(caseload, "workers", loads.arr);
	response = json_object();
	jv_set_int(response, "contacts", cs.contacts);
	jv_set_int(response, "answered", cs.answered);
	jv_set_int(response, "median_minutes", cs.median_minutes);
	jv_set_int(response, "same_day_percent", cs.same_day_percent);
	jv_set_str(response, "since", since);
	jv_set(m, "children", kids.arr);
	jv_set(m, "caseload", caseload);
	jv_set(m, "response", response);
	jv_set(m, "clocks", clocks);
	jv_set_bool(m, "sees_clients", true);
	return ERR_OK;
}

void team_caseload(struct request *req, struct auth_state *a)
{
	struct team_row t;
	json_t *m;
	enum err e = org_get_team(app_db(req->app), req->param[0], &t);

	if (!e && t.county_id != a->p.county_id)
		e = ERR_NOT_FOUND;
	if (e) {
		render_error(req, e, NULL);
		return;
	}
	m = json_object();
	jv_set_int(m, "team_id", t.id);
	jv_set_str(m, "name", t.name);
	e = team_work_model(req, a, &t, m);
	if (e) {
		json_decref(m);
		access_list_fail(req, e, e == ERR_INVALID);
		return;
	}
	render_json(req, 200, m);
}

void caseload_over_cap(struct request *req, struct auth_state *a)
{
	struct db *db = app_db(req->app);
	struct load_acc l = { req, json_array() };
	int cap = db ? caseteam_cap(db) : CASELOAD_CAP_DEFAULT;
	enum err e = db ? caseteam_over_cap(db, a->p.county_id, cap, load_cb, &l) : ERR_UNAVAILABLE;
	json_t *m;

	if (e) {
		json_decref(l.arr);
		render_error(req, e, NULL);
		return;
	}
	m = json_object();
	jv_set_int(m, "cap", cap);
	jv_set(m, "workers", l.arr);
	render_view(req, 200, "report_caseload", "report.caseload_title", m);
}

static void glass_cb(void *ctx, const struct breakglass_row *r)
{
	struct load_acc *l = ctx;
	json_t *j = json_object(), *child = json_object();

	jv_set_int(j, "grant_id", r->grant_id);
	jv_set_str(j, "at", r->created_at);
	jv_set_str(j, "until", r->expires_at);
	jv_set_str(j, "username", r->username);
	jv_set_str(j, "name", r->name);
	jv_set(j, "role_label", render_label_json(l->req, "role", r->role));
	jv_set_int(child, "id", r->child_id);
	jv_set_str(child, "name", r->child_name);
	jv_set(j, "child", child);
	jv_set_int(j, "case_id", r->case_id);
	jv_set_str(j, "team", r->team_name);
	jv_set_str(j, "reason", r->reason);
	jv_set_int(j, "reads", r->reads);
	{
		/* What was opened: the actions under the grant, in words. */
		json_t *opened = json_array();
		char acts[sizeof(r->opened)];
		str_lcpy(acts, r->opened, sizeof(acts));
		for (char *a = acts, *next; a && *a; a = next) {
			next = strchr(a, ',');
			if (next)
				*next++ = '\0';
			json_array_append_new(opened, json_pack("{s:s, s:o}", "action", a, "label",
								render_label_json(l->req, "action", a)));
		}
		jv_set(j, "opened", opened);
	}
	json_array_append_new(l->arr, j);
}

/* The grants on the reader's own children, teams or area, whole; for the
 * administrator only counts (no client data). */
void break_glass_report(struct request *req, struct auth_state *a)
{
	struct db *db = app_db(req->app);
	struct load_acc acc = { req, NULL };
	json_t *m = json_object();
	enum err e = db ? ERR_OK : ERR_UNAVAILABLE;

	if (!e && a->p.role == ROLE_ADMIN) {
		int64_t total, last30, live;
		e = breakglass_counts(db, a->p.county_id, &total, &last30, &live);
		if (!e)
			jv_set(m, "counts", json_pack("{s:I, s:I, s:I}", "total", (json_int_t)total,
						      "last_30_days", (json_int_t)last30, "live", (json_int_t)live));
	} else if (!e) {
		acc.arr = json_array();
		e = breakglass_report(db, &a->p, 500, glass_cb, &acc);
		jv_set(m, "entries", acc.arr);
	}
	if (e) {
		json_decref(m);
		render_error(req, e, NULL);
		return;
	}
	render_view(req, 200, "report_break_glass", "report.break_glass_title", m);
}

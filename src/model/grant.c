/*
 * grant.c - requests for client access and their decisions (see grant.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/clock.h"
#include "core/str.h"
#include "model/account.h"
#include "model/grant.h"

#define GRANT_COLS "g.id, g.account_id, a.username, a.display_name, a.role, a.title," \
	" coalesce(g.team_id, 0), coalesce(g.area_id, 0), coalesce(t.area_id, g.area_id)," \
	" coalesce(ta.county_id, ar.county_id), coalesce(t.name, ar.name), g.lead, g.requested_by," \
	" rb.display_name, g.requested_at, coalesce(g.decided_by, 0), coalesce(dd.display_name, '')," \
	" coalesce(g.decided_at, ''), coalesce(g.outcome, ''), g.note"
#define GRANT_FROM " FROM access_grant g JOIN account a ON a.id = g.account_id" \
	" JOIN account rb ON rb.id = g.requested_by LEFT JOIN account dd ON dd.id = g.decided_by" \
	" LEFT JOIN team t ON t.id = g.team_id LEFT JOIN area ta ON ta.id = t.area_id" \
	" LEFT JOIN area ar ON ar.id = g.area_id"

static void grant_from_row(struct db_stmt *st, struct grant_row *g)
{
	memset(g, 0, sizeof(*g));
	g->id = db_col_int(st, 0);
	g->account_id = db_col_int(st, 1);
	str_lcpy(g->username, db_col_text(st, 2), sizeof(g->username));
	str_lcpy(g->display_name, db_col_text(st, 3), sizeof(g->display_name));
	str_lcpy(g->role, db_col_text(st, 4), sizeof(g->role));
	str_lcpy(g->title, db_col_text(st, 5), sizeof(g->title));
	g->team_id = db_col_int(st, 6);
	g->area_id = db_col_int(st, 7);
	g->unit_area_id = db_col_int(st, 8);
	g->county_id = db_col_int(st, 9);
	str_lcpy(g->unit_name, db_col_text(st, 10), sizeof(g->unit_name));
	g->lead = db_col_int(st, 11) != 0;
	g->requested_by = db_col_int(st, 12);
	str_lcpy(g->requested_by_name, db_col_text(st, 13), sizeof(g->requested_by_name));
	str_lcpy(g->requested_at, db_col_text(st, 14), sizeof(g->requested_at));
	g->decided_by = db_col_int(st, 15);
	str_lcpy(g->decided_by_name, db_col_text(st, 16), sizeof(g->decided_by_name));
	str_lcpy(g->decided_at, db_col_text(st, 17), sizeof(g->decided_at));
	str_lcpy(g->outcome, db_col_text(st, 18), sizeof(g->outcome));
	str_lcpy(g->note, db_col_text(st, 19), sizeof(g->note));
}

static void grant_fill(struct db_stmt *st, void *out)
{
	grant_from_row(st, out);
}

/* ---- pure ------------------------------------------------------------------ */

struct policy_object grant_policy_object(const struct grant_row *g, const struct principal *p)
{
	struct policy_object o = { 0 };

	o.team_id = g->team_id;
	o.area_id = g->unit_area_id;
	o.county_id = g->county_id;
	/* One's own access, and access one asked for, are for someone else
	 * to decide. */
	o.is_self = p && p->account_id && (g->account_id == p->account_id || g->requested_by == p->account_id);
	return o;
}

static bool contains_id(const int64_t *v, int n, int64_t x)
{
	for (int i = 0; i < n; i++)
		if (v[i] == x)
			return true;
	return false;
}

static void add_once(int64_t *v, int *n, int64_t x)
{
	if (*n < GRANT_PLAN_MAX && !contains_id(v, *n, x))
		v[(*n)++] = x;
}

void grant_plan_teams(const int64_t *have, int nhave, const int64_t *open, int nopen, const int64_t *want,
		      int nwant, struct grant_plan *out)
{
	memset(out, 0, sizeof(*out));
	for (int i = 0; i < nhave; i++)
		if (!contains_id(want, nwant, have[i]))
			add_once(out->remove, &out->nremove, have[i]);
	for (int i = 0; i < nopen; i++)
		if (!contains_id(want, nwant, open[i]))
			add_once(out->withdraw, &out->nwithdraw, open[i]);
	for (int i = 0; i < nwant; i++)
		if (want[i] > 0 && !contains_id(have, nhave, want[i]) && !contains_id(open, nopen, want[i]))
			add_once(out->request, &out->nrequest, want[i]);
}

enum err grant_note(const char *note, char *out, size_t outsz, struct field_error *fe)
{
	size_t n;
	const char *s = str_trim(note, &n);
	enum err e;

	out[0] = '\0';
	if (n >= outsz)
		return validate_fail(fe, "note", "too_long", "the note may be at most %d characters", GRANT_NOTE_CHARS);
	memcpy(out, s, n);
	out[n] = '\0';
	e = validate_text(out, "note", 0, GRANT_NOTE_CHARS, true, fe);
	if (e)
		out[0] = '\0';
	return e;
}

/* ---- the log ------------------------------------------------------------------ */

/* The entry of a change to grant id (for team_id or area_id) of account,
 * decided by d; a refusal keeps its why in front of the grant's name. */
static void grant_entry(const struct access_ctx *ax, struct audit_entry *e, const char *action, int64_t id,
			int64_t account_id, int64_t team_id, int64_t area_id, bool lead, const struct decision *d)
{
	access_entry(ax, e, action, "account", account_id, d);
	snprintf(e->reason, sizeof(e->reason), "%s%sgrant %lld: %s %lld%s", d && !d->allow && d->why ? d->why : "",
		 d && !d->allow && d->why ? ": " : "", (long long)id, team_id ? "team" : "area",
		 (long long)(team_id ? team_id : area_id), lead ? " as lead" : "");
}

/* The administrator's changes: allowed by ACT_ACCOUNT_ADMIN (the route
 * asked already; the model does not take it on trust). */
static enum err admin_decision(const struct access_ctx *ax, struct decision *d)
{
	*d = policy_decide(ax->p, ACT_ACCOUNT_ADMIN, NULL);
	return d->allow ? ERR_OK : ERR_DENIED;
}

/* ---- the administrator's side ----------------------------------------------- */

struct open_grant {
	int64_t id, team_id, area_id;
	bool lead;
};

/* The open requests of an account (at most GRANT_PLAN_MAX). */
static enum err open_grants(struct db *db, int64_t account_id, struct open_grant *out, int *n)
{
	struct db_stmt *st;
	bool row;
	enum err e = db_prepare(db, "SELECT id, coalesce(team_id, 0), coalesce(area_id, 0), lead FROM access_grant"
				    " WHERE account_id = ? AND outcome IS NULL ORDER BY id", &st);
	*n = 0;
	if (e)
		return e;
	db_bind_int(st, 1, account_id);
	while (!(e = db_step(st, &row)) && row && *n < GRANT_PLAN_MAX) {
		out[*n].id = db_col_int(st, 0);
		out[*n].team_id = db_col_int(st, 1);
		out[*n].area_id = db_col_int(st, 2);
		out[*n].lead = db_col_int(st, 3) != 0;
		(*n)++;
	}
	db_done(st);
	return e;
}

static enum err withdraw(struct db *db, const struct access_ctx *ax, int64_t account_id, const struct open_grant *g,
			 const struct decision *d)
{
	struct db_stmt *st;
	struct audit_entry ae;
	char now[21];
	enum err e = db_prepare(db, "UPDATE access_grant SET outcome = 'withdrawn', decided_by = ?, decided_at = ?"
				    " WHERE id = ? AND outcome IS NULL", &st);
	if (e)
		return e;
	clock_iso(clock_now(), now);
	db_bind_int(st, 1, ax->p->account_id);
	db_bind_text(st, 2, now);
	db_bind_int(st, 3, g->id);
	e = db_run(st);
	if (e || db_changes(db) == 0)
		return e;
	grant_entry(ax, &ae, "grant_withdraw", g->id, account_id, g->team_id, g->area_id, g->lead, d);
	return access_append(db, &ae);
}

enum err grant_request(struct db *db, const struct access_ctx *ax, int64_t account_id, int64_t team_id,
		       int64_t area_id, bool lead, int64_t *id)
{
	struct open_grant open[GRANT_PLAN_MAX];
	struct decision d;
	struct db_stmt *st;
	struct audit_entry ae;
	char now[21];
	int n = 0;
	enum err e = admin_decision(ax, &d);

	if (id)
		*id = 0;
	if (!e && (team_id > 0) == (area_id > 0))
		e = ERR_INVALID;  /* one team or one area */
	if (area_id)
		lead = false;
	if (!e)
		e = open_grants(db, account_id, open, &n);
	for (int i = 0; !e && i < n; i++) {
		bool same_unit = team_id ? open[i].team_id == team_id : open[i].area_id != 0;
		if (!same_unit)
			continue;
		if (open[i].team_id == team_id && open[i].area_id == area_id && open[i].lead == lead) {
			if (id)
				*id = open[i].id;
			return ERR_OK;  /* asked already */
		}
		e = withdraw(db, ax, account_id, &open[i], &d);
	}
	if (!e)
		e = db_prepare(db, "INSERT INTO access_grant(account_id, team_id, area_id, lead, requested_by, requested_at)"
				   " VALUES (?,?,?,?,?,?)", &st);
	if (e)
		return e;
	clock_iso(clock_now(), now);
	db_bind_int(st, 1, account_id);
	if (team_id)
		db_bind_int(st, 2, team_id);
	else
		db_bind_null(st, 2);
	if (area_id)
		db_bind_int(st, 3, area_id);
	else
		db_bind_null(st, 3);
	db_bind_int(st, 4, lead ? 1 : 0);
	db_bind_int(st, 5, ax->p->account_id);
	db_bind_text(st, 6, now);
	e = db_run(st);
	if (e)
		return e == ERR_CONFLICT ? ERR_NOT_FOUND : e;  /* foreign key: no such account, team or area */
	{
		int64_t gid = db_last_id(db);
		if (id)
			*id = gid;
		grant_entry(ax, &ae, "grant_request", gid, account_id, team_id, area_id, lead, &d);
	}
	return access_append(db, &ae);
}

/* The membership ends now (taking access away needs no approval). */
static enum err remove_member(struct db *db, const struct access_ctx *ax, int64_t account_id, int64_t team_id,
			      const struct decision *d)
{
	struct audit_entry ae;
	enum err e = account_remove_team(db, account_id, team_id);
	if (e)
		return e;
	access_entry(ax, &ae, "remove_member", "account", account_id, d);
	snprintf(ae.reason, sizeof(ae.reason), "team %lld", (long long)team_id);
	return access_append(db, &ae);
}

static enum err team_in_county(struct db *db, int64_t team_id, int64_t county_id, struct field_error *fe)
{
	struct team_row t;
	enum err e = org_get_team(db, team_id, &t);
	if (!e && county_id && t.county_id != county_id)
		e = ERR_NOT_FOUND;
	if (e == ERR_NOT_FOUND)
		e = validate_fail(fe, "team_ids", "unknown_value", "team %lld does not exist in this organisation",
				  (long long)team_id);
	return e;
}

enum err grant_set_teams(struct db *db, const struct access_ctx *ax, int64_t account_id, int64_t county_id,
			 const int64_t *want, int nwant, struct field_error *fe)
{
	struct open_grant open[GRANT_PLAN_MAX];
	int64_t have[GRANT_PLAN_MAX], open_teams[GRANT_PLAN_MAX];
	int nhave = 0, nopen = 0, nteams = 0;
	struct grant_plan plan;
	struct decision d;
	enum err e = admin_decision(ax, &d);

	if (!e)
		e = account_team_ids(db, account_id, have, NULL, GRANT_PLAN_MAX, &nhave);
	if (!e)
		e = open_grants(db, account_id, open, &nopen);
	for (int i = 0; i < nopen; i++)
		if (open[i].team_id)
			open_teams[nteams++] = open[i].team_id;
	if (e)
		return e;
	grant_plan_teams(have, nhave, open_teams, nteams, want, nwant, &plan);
	for (int i = 0; !e && i < plan.nrequest; i++)
		e = team_in_county(db, plan.request[i], county_id, fe);
	for (int i = 0; !e && i < plan.nremove; i++)
		e = remove_member(db, ax, account_id, plan.remove[i], &d);
	for (int i = 0; !e && i < plan.nwithdraw; i++)
		for (int j = 0; !e && j < nopen; j++)
			if (open[j].team_id == plan.withdraw[i])
				e = withdraw(db, ax, account_id, &open[j], &d);
	for (int i = 0; !e && i < plan.nrequest; i++)
		e = grant_request(db, ax, account_id, plan.request[i], 0, false, NULL);
	return e;
}

enum err grant_add_team(struct db *db, const struct access_ctx *ax, int64_t account_id, int64_t team_id,
			bool lead, int64_t *id)
{
	struct audit_entry ae;
	struct decision d;
	bool member = false, leads = false;
	enum err e = admin_decision(ax, &d);

	*id = 0;
	if (!e)
		e = account_membership(db, account_id, team_id, &member, &leads);
	if (e)
		return e;
	if (!member || (lead && !leads))
		return grant_request(db, ax, account_id, team_id, 0, lead, id);
	if (lead == leads)
		return ERR_OK;  /* so already */
	/* A lead made a plain member: less access, at once. */
	e = account_add_team(db, account_id, team_id, false);
	if (e)
		return e;
	access_entry(ax, &ae, "remove_lead", "account", account_id, &d);
	snprintf(ae.reason, sizeof(ae.reason), "team %lld", (long long)team_id);
	return access_append(db, &ae);
}

enum err grant_remove_team(struct db *db, const struct access_ctx *ax, int64_t account_id, int64_t team_id)
{
	struct open_grant open[GRANT_PLAN_MAX];
	struct decision d;
	int n = 0;
	enum err e = admin_decision(ax, &d);

	if (!e)
		e = remove_member(db, ax, account_id, team_id, &d);
	if (!e)
		e = open_grants(db, account_id, open, &n);
	for (int i = 0; !e && i < n; i++)
		if (open[i].team_id == team_id)
			e = withdraw(db, ax, account_id, &open[i], &d);
	return e;
}

/* Is area_id one of the organisation's areas? */
static enum err area_in_county(struct db *db, int64_t area_id, int64_t county_id, struct field_error *fe)
{
	struct db_stmt *st;
	bool row = false;
	enum err e = db_prepare(db, "SELECT 1 FROM area WHERE id = ? AND county_id = ?", &st);
	if (e)
		return e;
	db_bind_int(st, 1, area_id);
	db_bind_int(st, 2, county_id);
	e = db_step(st, &row);
	db_done(st);
	if (!e && !row)
		e = validate_fail(fe, "area_id", "unknown_value", "area %lld does not exist in this organisation",
				  (long long)area_id);
	return e;
}

enum err grant_sync_area(struct db *db, const struct access_ctx *ax, int64_t account_id, struct field_error *fe)
{
	struct open_grant open[GRANT_PLAN_MAX];
	struct account_row r;
	struct decision d;
	bool want, asked = false;
	int n = 0;
	enum err e = admin_decision(ax, &d);

	if (!e)
		e = account_get(db, account_id, &r);
	if (!e)
		e = open_grants(db, account_id, open, &n);
	want = !e && !strcmp(r.role, "manager") && r.area_id && !r.area_approved;
	if (want)
		e = area_in_county(db, r.area_id, r.county_id, fe);
	for (int i = 0; !e && i < n; i++) {
		if (!open[i].area_id)
			continue;
		if (want && open[i].area_id == r.area_id)
			asked = true;
		else
			e = withdraw(db, ax, account_id, &open[i], &d);
	}
	if (!e && want && !asked)
		e = grant_request(db, ax, account_id, 0, r.area_id, false, NULL);
	return e;
}

/* ---- reading ------------------------------------------------------------------ */

enum err grant_get(struct db *db, int64_t id, struct grant_row *out)
{
	return db_get_by_id(db, "SELECT " GRANT_COLS GRANT_FROM " WHERE g.id = ?", id, grant_fill, out);
}

enum err grant_list_pending(struct db *db, const struct principal *p, int limit,
			    void (*cb)(void *ctx, const struct grant_row *g), void *ctx)
{
	struct grant_row *g = malloc(sizeof(*g));
	struct db_stmt *st = NULL;
	bool row;
	int shown = 0;
	enum err e = g ? db_prepare(db, "SELECT " GRANT_COLS GRANT_FROM " WHERE g.outcome IS NULL"
				    " AND coalesce(ta.county_id, ar.county_id) = ? ORDER BY g.requested_at, g.id", &st)
		       : ERR_NOMEM;

	if (!e)
		db_bind_int(st, 1, p->county_id);
	/* Few are open at a time: each is decided as its approver would be. */
	while (!e && shown < limit && !(e = db_step(st, &row)) && row) {
		struct policy_object o;
		grant_from_row(st, g);
		o = grant_policy_object(g, p);
		if (policy_decide(p, ACT_GRANT_APPROVE, &o).allow) {
			cb(ctx, g);
			shown++;
		}
	}
	db_done(st);
	free(g);
	return e;
}

/* Hand each row of st (prepared, or e its error) to cb in g, then finish
 * st and free g (owned here). */
static enum err grant_each(struct db_stmt *st, enum err e, struct grant_row *g,
			   void (*cb)(void *ctx, const struct grant_row *g), void *ctx)
{
	bool row;

	while (!e && !(e = db_step(st, &row)) && row) {
		grant_from_row(st, g);
		cb(ctx, g);
	}
	db_done(st);
	free(g);
	return e;
}

enum err grant_list_waiting(struct db *db, int64_t county_id, int limit,
			    void (*cb)(void *ctx, const struct grant_row *g), void *ctx)
{
	struct grant_row *g = malloc(sizeof(*g));
	struct db_stmt *st = NULL;
	enum err e = g ? db_prepare(db, "SELECT " GRANT_COLS GRANT_FROM " WHERE g.outcome IS NULL"
				    " AND coalesce(ta.county_id, ar.county_id) = ? ORDER BY g.requested_at, g.id LIMIT ?", &st)
		       : ERR_NOMEM;

	if (!e) {
		db_bind_int(st, 1, county_id);
		db_bind_int(st, 2, limit);
	}
	return grant_each(st, e, g, cb, ctx);
}

enum err grant_list_account(struct db *db, int64_t account_id,
			    void (*cb)(void *ctx, const struct grant_row *g), void *ctx)
{
	struct grant_row *g = malloc(sizeof(*g));
	struct db_stmt *st = NULL;
	enum err e = g ? db_prepare(db, "SELECT " GRANT_COLS GRANT_FROM " WHERE g.account_id = ?"
				    " AND g.outcome IS NULL ORDER BY g.id", &st)
		       : ERR_NOMEM;

	if (!e)
		db_bind_int(st, 1, account_id);
	return grant_each(st, e, g, cb, ctx);
}

/* ---- the approver's side ---------------------------------------------------- */

struct decide_job {
	const struct grant_row *g;
	bool approve;
	const char *note;
	int64_t decider;
	char now[21];
};

static enum err decide_run(struct db *db, void *arg)
{
	struct decide_job *j = arg;
	struct db_stmt *st;
	enum err e = db_prepare(db, "UPDATE access_grant SET outcome = ?, decided_by = ?, decided_at = ?, note = ?"
				    " WHERE id = ? AND outcome IS NULL", &st);
	if (e)
		return e;
	db_bind_text(st, 1, j->approve ? "approved" : "rejected");
	db_bind_int(st, 2, j->decider);
	db_bind_text(st, 3, j->now);
	db_bind_text(st, 4, j->note);
	db_bind_int(st, 5, j->g->id);
	e = db_run(st);
	if (!e && db_changes(db) == 0)
		e = ERR_CONFLICT;  /* decided meanwhile */
	if (e || !j->approve)
		return e;
	if (j->g->area_id)
		return account_approve_area(db, j->g->account_id, j->g->area_id);
	{
		/* The membership, never less than it is: approving a plain
		 * membership leaves a lead the lead. */
		bool member, lead;
		e = account_membership(db, j->g->account_id, j->g->team_id, &member, &lead);
		if (!e && !(member && (lead || !j->g->lead)))
			e = account_add_team(db, j->g->account_id, j->g->team_id, j->g->lead);
	}
	return e;
}

enum err grant_decide(struct access_ctx *ax, struct db *db, struct writer *w, int64_t id, bool approve,
		      const char *note, struct grant_row *out, struct decision *d)
{
	struct audit_entry ae;
	struct policy_object o;
	struct decide_job j;
	enum err e = db ? grant_get(db, id, out) : ERR_UNAVAILABLE;

	memset(d, 0, sizeof(*d));
	if (!e && out->county_id != ax->p->county_id)
		e = ERR_NOT_FOUND;
	if (e)
		return e;
	o = grant_policy_object(out, ax->p);
	*d = policy_decide(ax->p, ACT_GRANT_APPROVE, &o);
	grant_entry(ax, &ae, approve ? "grant_approve" : "grant_reject", out->id, out->account_id, out->team_id,
		    out->area_id, out->lead, d);
	if (!d->allow) {
		e = access_log_add(ax, &ae);
		return e ? e : ERR_DENIED;
	}
	if (out->outcome[0])
		return ERR_CONFLICT;
	j = (struct decide_job){ out, approve, note ? note : "", ax->p->account_id, "" };
	clock_iso(clock_now(), j.now);
	e = access_write_entry(ax, w, decide_run, &j, &ae, NULL);
	if (!e) {
		str_lcpy(out->outcome, approve ? "approved" : "rejected", sizeof(out->outcome));
		out->decided_by = ax->p->account_id;
		str_lcpy(out->decided_by_name, ax->p->display_name, sizeof(out->decided_by_name));
		str_lcpy(out->decided_at, j.now, sizeof(out->decided_at));
		str_lcpy(out->note, j.note, sizeof(out->note));
	}
	return e;
}

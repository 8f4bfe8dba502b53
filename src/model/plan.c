/*
 * plan.c - the joint client plan and the family's own views (see plan.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/clock.h"
#include "core/str.h"
#include "core/workday.h"
#include "model/plan.h"
#include "model/role.h"

#define HEAD_COLS "v.id, v.case_id, v.version, v.how_work, v.evaluation, v.next_review, v.created_at," \
	" coalesce(a.display_name, ''), (SELECT count(*) FROM plan_version w WHERE w.case_id = v.case_id)"

enum err plan_get(struct db *db, int64_t case_id, int version, struct plan_head *out)
{
	struct db_stmt *st;
	bool row;
	enum err e = db_prepare(db, "SELECT " HEAD_COLS " FROM plan_version v LEFT JOIN account a ON a.id = v.created_by"
				    " WHERE v.case_id = ?1 AND (?2 = 0 OR v.version = ?2) ORDER BY v.version DESC LIMIT 1",
				&st);
	memset(out, 0, sizeof(*out));
	if (e)
		return e;
	db_bind_int(st, 1, case_id);
	db_bind_int(st, 2, version);
	e = db_step(st, &row);
	if (!e && !row)
		e = ERR_NOT_FOUND;
	if (!e) {
		out->id = db_col_int(st, 0);
		out->case_id = db_col_int(st, 1);
		out->version = (int)db_col_int(st, 2);
		str_lcpy(out->how_work, db_col_text(st, 3), sizeof(out->how_work));
		str_lcpy(out->evaluation, db_col_text(st, 4), sizeof(out->evaluation));
		str_lcpy(out->next_review, db_col_text(st, 5), sizeof(out->next_review));
		str_lcpy(out->created_at, db_col_text(st, 6), sizeof(out->created_at));
		str_lcpy(out->created_by, db_col_text(st, 7), sizeof(out->created_by));
		out->versions = (int)db_col_int(st, 8);
	}
	db_done(st);
	return e;
}

enum err plan_versions(struct db *db, int64_t case_id,
		       void (*cb)(void *ctx, int version, const char *created_at, const char *by), void *ctx)
{
	struct db_stmt *st;
	bool row;
	enum err e = db_prepare(db, "SELECT v.version, v.created_at, coalesce(a.display_name, '') FROM plan_version v"
				    " LEFT JOIN account a ON a.id = v.created_by WHERE v.case_id = ? ORDER BY v.version DESC",
				&st);
	if (e)
		return e;
	db_bind_int(st, 1, case_id);
	while (!(e = db_step(st, &row)) && row)
		cb(ctx, (int)db_col_int(st, 0), db_col_text(st, 1), db_col_text(st, 2));
	db_done(st);
	return e;
}

enum err plan_participants(struct db *db, int64_t version_id,
			   void (*cb)(void *ctx, const struct plan_participant_row *r), void *ctx)
{
	struct db_stmt *st;
	bool row;
	enum err e = db_prepare(db, "SELECT coalesce(p.account_id, 0), coalesce(p.person_id, 0), p.name, p.role,"
				    " coalesce(a.kind, CASE WHEN p.person_id IS NOT NULL THEN 'family' ELSE 'other' END)"
				    " FROM plan_participant p LEFT JOIN account a ON a.id = p.account_id"
				    " WHERE p.version_id = ? ORDER BY p.id", &st);
	if (e)
		return e;
	db_bind_int(st, 1, version_id);
	while (!(e = db_step(st, &row)) && row) {
		struct plan_participant_row r = { db_col_int(st, 0), db_col_int(st, 1), "", "", "" };
		str_lcpy(r.name, db_col_text(st, 2), sizeof(r.name));
		str_lcpy(r.role, db_col_text(st, 3), sizeof(r.role));
		str_lcpy(r.kind, db_col_text(st, 4), sizeof(r.kind));
		cb(ctx, &r);
	}
	db_done(st);
	return e;
}

enum err plan_goals(struct db *db, int64_t version_id, void (*cb)(void *ctx, int goal_no, const char *text), void *ctx)
{
	struct db_stmt *st;
	bool row;
	enum err e = db_prepare(db, "SELECT goal_no, text FROM plan_goal WHERE version_id = ? ORDER BY goal_no", &st);
	if (e)
		return e;
	db_bind_int(st, 1, version_id);
	while (!(e = db_step(st, &row)) && row)
		cb(ctx, (int)db_col_int(st, 0), db_col_text(st, 1));
	db_done(st);
	return e;
}

#define TASK_COLS "t.id, t.case_id, c.child_id, t.text, coalesce(t.owner_account_id, 0), coalesce(t.owner_person_id, 0)," \
	" coalesce(oa.display_name, op.first_names || ' ' || op.last_name, ''), t.due_date, t.status," \
	" coalesce(t.done_at, ''), coalesce(da.display_name, '')"
#define TASK_FROM " FROM plan_task t JOIN child_case c ON c.id = t.case_id" \
	" LEFT JOIN account oa ON oa.id = t.owner_account_id LEFT JOIN person op ON op.id = t.owner_person_id" \
	" LEFT JOIN account da ON da.id = t.done_by"

static void task_fill(struct db_stmt *st, struct plan_task_row *r)
{
	memset(r, 0, sizeof(*r));
	r->id = db_col_int(st, 0);
	r->case_id = db_col_int(st, 1);
	r->child_id = db_col_int(st, 2);
	str_lcpy(r->text, db_col_text(st, 3), sizeof(r->text));
	r->owner_account_id = db_col_int(st, 4);
	r->owner_person_id = db_col_int(st, 5);
	str_lcpy(r->owner_name, db_col_text(st, 6), sizeof(r->owner_name));
	str_lcpy(r->due_date, db_col_text(st, 7), sizeof(r->due_date));
	str_lcpy(r->status, db_col_text(st, 8), sizeof(r->status));
	str_lcpy(r->done_at, db_col_text(st, 9), sizeof(r->done_at));
	str_lcpy(r->done_by, db_col_text(st, 10), sizeof(r->done_by));
}

enum err plan_tasks(struct db *db, int64_t case_id, void (*cb)(void *ctx, const struct plan_task_row *r), void *ctx)
{
	struct db_stmt *st;
	bool row;
	struct plan_task_row *r = malloc(sizeof(*r));
	enum err e = r ? db_prepare(db, "SELECT " TASK_COLS TASK_FROM " WHERE t.case_id = ?"
					" ORDER BY t.status = 'done', t.due_date, t.id", &st) : ERR_NOMEM;
	if (e) {
		free(r);
		return e;
	}
	db_bind_int(st, 1, case_id);
	while (!(e = db_step(st, &row)) && row) {
		task_fill(st, r);
		cb(ctx, r);
	}
	db_done(st);
	free(r);
	return e;
}

static enum err task_get(struct db *db, int64_t id, struct plan_task_row *r)
{
	struct db_stmt *st;
	bool row;
	enum err e = db_prepare(db, "SELECT " TASK_COLS TASK_FROM " WHERE t.id = ?", &st);
	if (e)
		return e;
	db_bind_int(st, 1, id);
	e = db_step(st, &row);
	if (!e && !row)
		e = ERR_NOT_FOUND;
	if (!e)
		task_fill(st, r);
	db_done(st);
	return e;
}

enum err plan_ratings(struct db *db, int64_t case_id, void (*cb)(void *ctx, int goal_no, const char *rated_on, int score),
		      void *ctx)
{
	struct db_stmt *st;
	bool row;
	enum err e = db_prepare(db, "SELECT goal_no, rated_on, score FROM plan_rating WHERE case_id = ?"
				    " ORDER BY goal_no, rated_on, id", &st);
	if (e)
		return e;
	db_bind_int(st, 1, case_id);
	while (!(e = db_step(st, &row)) && row)
		cb(ctx, (int)db_col_int(st, 0), db_col_text(st, 1), (int)db_col_int(st, 2));
	db_done(st);
	return e;
}

/* Candidates: the child's team now (accounts), the child, and the child's
 * guardians (not blocked). */
#define CANDIDATES \
	"SELECT a.id, 0, a.display_name, CASE WHEN a.title <> '' THEN a.title ELSE a.role END, a.kind" \
	" FROM case_member m JOIN account a ON a.id = m.account_id" \
	" WHERE m.case_id = ?1 AND m.from_date <= ?2 AND (m.to_date IS NULL OR m.to_date >= ?2)" \
	" UNION SELECT 0, p.id, p.first_names || ' ' || p.last_name, 'child', 'family'" \
	" FROM child_case c JOIN person p ON p.id = c.child_id WHERE c.id = ?1" \
	" UNION SELECT 0, p.id, p.first_names || ' ' || p.last_name, r.kind, 'family'" \
	" FROM child_case c JOIN relation r ON r.related_id = c.child_id AND r.guardian = 1 AND r.blocked = 0" \
	" JOIN person p ON p.id = r.person_id WHERE c.id = ?1"

enum err plan_candidates(struct db *db, int64_t case_id, void (*cb)(void *ctx, const struct plan_participant_row *r),
			 void *ctx)
{
	struct db_stmt *st;
	bool row;
	char today[11];
	enum err e = db_prepare(db, "SELECT * FROM (" CANDIDATES ") ORDER BY 5 DESC, 3", &st);
	if (e)
		return e;
	date_format(date_today(), today);
	db_bind_int(st, 1, case_id);
	db_bind_text(st, 2, today);
	while (!(e = db_step(st, &row)) && row) {
		struct plan_participant_row r = { db_col_int(st, 0), db_col_int(st, 1), "", "", "" };
		str_lcpy(r.name, db_col_text(st, 2), sizeof(r.name));
		str_lcpy(r.role, db_col_text(st, 3), sizeof(r.role));
		str_lcpy(r.kind, db_col_text(st, 4), sizeof(r.kind));
		cb(ctx, &r);
	}
	db_done(st);
	return e;
}

struct cand_find {
	int64_t account_id, person_id;
	bool found;
	struct plan_participant_row r;
};

static void cand_cb(void *ctx, const struct plan_participant_row *r)
{
	struct cand_find *f = ctx;
	if (!f->found && ((f->account_id && r->account_id == f->account_id) ||
			  (f->person_id && r->person_id == f->person_id))) {
		f->found = true;
		f->r = *r;
	}
}

static enum err valid_date(const char *s, const char *field, char out[11], struct field_error *fe)
{
	struct date d;
	if (!s || !*s)
		return validate_fail(fe, field, "required", "%s is required (YYYY-MM-DD)", field);
	if (date_parse(s, &d))
		return validate_fail(fe, field, "invalid_date", "%s must be a real date as YYYY-MM-DD", field);
	date_format(d, out);
	return ERR_OK;
}

/* The next line of s (up to '\n'), trimmed, into *p and *n; advances s. */
static bool next_line(const char **s, const char **p, size_t *n)
{
	const char *start = *s, *end;
	if (!start || !*start)
		return false;
	end = strchr(start, '\n');
	*s = end ? end + 1 : start + strlen(start);
	*p = str_trim(start, n);
	if (end && *n > (size_t)(end - *p))
		*n = (size_t)(end - *p);
	while (*n && str_is_space((unsigned char)(*p)[*n - 1]))
		(*n)--;
	return true;
}

static enum err insert_participant(struct db *db, int64_t version_id, const struct plan_participant_row *r)
{
	struct db_stmt *st;
	enum err e = db_prepare(db, "INSERT INTO plan_participant(version_id, account_id, person_id, name, role)"
				    " VALUES (?,?,?,?,?)", &st);
	if (e)
		return e;
	db_bind_int(st, 1, version_id);
	if (r->account_id) db_bind_int(st, 2, r->account_id); else db_bind_null(st, 2);
	if (r->person_id) db_bind_int(st, 3, r->person_id); else db_bind_null(st, 3);
	db_bind_text(st, 4, r->name);
	db_bind_text(st, 5, r->role);
	return db_run(st);
}

enum err plan_save(struct db *db, const struct plan_new *n, int *version, struct field_error *fe)
{
	struct db_stmt *st;
	const char *s, *p;
	size_t len;
	char review[11], now[21], line[PLAN_GOAL_MAX * 4 + 1];
	int ngoals = 0;
	int64_t vid;
	bool row;
	enum err e = validate_text(n->goals, "goals", 1, PLAN_GOALS_MAX * (PLAN_GOAL_MAX + 1), true, fe);

	if (!e) e = validate_not_blank(n->goals, "goals", fe);
	if (!e) e = validate_text(n->how_work, "how_work", 0, PLAN_TEXT_MAX, true, fe);
	if (!e) e = validate_text(n->evaluation, "evaluation", 0, PLAN_TEXT_MAX, true, fe);
	if (!e) e = valid_date(n->next_review, "next_review", review, fe);
	if (!e) e = validate_text(n->others, "others", 0, 2000, true, fe);
	if (e)
		return e;
	for (s = n->goals; next_line(&s, &p, &len);)
		if (len && ++ngoals > PLAN_GOALS_MAX)
			return validate_fail(fe, "goals", "too_many", "at most %d goals, one per line", PLAN_GOALS_MAX);
	for (s = n->goals; next_line(&s, &p, &len);)
		if (str_utf8_len(p, len) > PLAN_GOAL_MAX)
			return validate_fail(fe, "goals", "too_long", "a goal has at most %d characters", PLAN_GOAL_MAX);
	if (n->naccounts + n->npersons > PLAN_PARTICIPANTS_MAX)
		return validate_fail(fe, "participants", "too_many", "at most %d participants", PLAN_PARTICIPANTS_MAX);
	if (n->naccounts + n->npersons == 0 && !(n->others && *n->others))
		return validate_fail(fe, "participants", "required", "name at least one participant");

	e = db_prepare(db, "SELECT coalesce(max(version), 0) + 1 FROM plan_version WHERE case_id = ?", &st);
	if (e)
		return e;
	db_bind_int(st, 1, n->case_id);
	e = db_step(st, &row);
	*version = row ? (int)db_col_int(st, 0) : 1;
	db_done(st);
	if (!e) e = db_prepare(db, "INSERT INTO plan_version(case_id, version, how_work, evaluation, next_review,"
				   " created_at, created_by) VALUES (?,?,?,?,?,?,?)", &st);
	if (e)
		return e;
	clock_iso(clock_now(), now);
	db_bind_int(st, 1, n->case_id);
	db_bind_int(st, 2, *version);
	db_bind_text(st, 3, n->how_work ? n->how_work : "");
	db_bind_text(st, 4, n->evaluation ? n->evaluation : "");
	db_bind_text(st, 5, review);
	db_bind_text(st, 6, now);
	db_bind_int(st, 7, n->by);
	e = db_run(st);
	if (e == ERR_CONFLICT)
		return validate_fail(fe, "case_id", "unknown_value", "no such case");
	if (e)
		return e;
	vid = db_last_id(db);
	ngoals = 0;
	for (s = n->goals; !e && next_line(&s, &p, &len);) {
		if (!len)
			continue;
		memcpy(line, p, len);
		line[len] = 0;
		e = db_prepare(db, "INSERT INTO plan_goal(version_id, goal_no, text) VALUES (?,?,?)", &st);
		if (!e) {
			db_bind_int(st, 1, vid);
			db_bind_int(st, 2, ++ngoals);
			db_bind_text(st, 3, line);
			e = db_run(st);
		}
	}
	for (int i = 0; !e && i < n->naccounts + n->npersons; i++) {
		struct cand_find f = { 0 };
		if (i < n->naccounts)
			f.account_id = n->account_ids[i];
		else
			f.person_id = n->person_ids[i - n->naccounts];
		e = plan_candidates(db, n->case_id, cand_cb, &f);
		if (!e && !f.found)
			return validate_fail(fe, "participants", "unknown_value",
					     "a participant must be on the child's team, the child or a guardian");
		if (!e)
			e = insert_participant(db, vid, &f.r);
	}
	for (s = n->others; !e && next_line(&s, &p, &len);) {
		struct plan_participant_row r = { 0 };
		const char *comma;
		if (!len)
			continue;
		if (len >= sizeof(line))
			len = sizeof(line) - 1;
		memcpy(line, p, len);
		line[len] = 0;
		comma = strchr(line, ',');
		if (comma) {
			size_t k = (size_t)(comma - line), rn;
			const char *rp = str_trim(comma + 1, &rn);
			memcpy(r.name, line, k < sizeof(r.name) ? k : sizeof(r.name) - 1);
			memcpy(r.role, rp, rn < sizeof(r.role) ? rn : sizeof(r.role) - 1);
		} else {
			str_lcpy(r.name, line, sizeof(r.name));
		}
		e = insert_participant(db, vid, &r);
	}
	return e;
}

/* Parse "a12" / "p34". */
static bool parse_owner(const char *s, int64_t *account_id, int64_t *person_id)
{
	int64_t id;
	*account_id = *person_id = 0;
	if (!s || (s[0] != 'a' && s[0] != 'p') || str_to_i64(s + 1, 1, INT64_MAX, &id))
		return false;
	*(s[0] == 'a' ? account_id : person_id) = id;
	return true;
}

struct part_find {
	int64_t account_id, person_id;
	bool found;
};

static void part_cb(void *ctx, const struct plan_participant_row *r)
{
	struct part_find *f = ctx;
	if ((f->account_id && r->account_id == f->account_id) || (f->person_id && r->person_id == f->person_id))
		f->found = true;
}

enum err plan_task_add(struct db *db, const struct plan_task_new *t, int64_t *id, struct field_error *fe)
{
	struct plan_head *h;
	struct part_find f = { 0 };
	struct db_stmt *st;
	char due[11], now[21];
	enum err e = validate_text(t->text, "text", 1, PLAN_TASK_MAX, false, fe);

	if (!e) e = validate_not_blank(t->text, "text", fe);
	if (!e) e = valid_date(t->due_date, "due_date", due, fe);
	if (!e && !parse_owner(t->owner, &f.account_id, &f.person_id))
		e = validate_fail(fe, "owner", "required", "choose who does the task (a participant of the plan)");
	if (e)
		return e;
	h = malloc(sizeof(*h));
	if (!h)
		return ERR_NOMEM;
	e = plan_get(db, t->case_id, 0, h);
	if (e == ERR_NOT_FOUND)
		e = validate_fail(fe, "owner", "no_plan", "save the plan before its tasks");
	if (!e)
		e = plan_participants(db, h->id, part_cb, &f);
	free(h);
	if (!e && !f.found)
		e = validate_fail(fe, "owner", "unknown_value", "the owner must take part in the plan");
	if (!e)
		e = db_prepare(db, "INSERT INTO plan_task(case_id, text, owner_account_id, owner_person_id, due_date,"
				   " created_at, created_by) VALUES (?,?,?,?,?,?,?)", &st);
	if (e)
		return e;
	clock_iso(clock_now(), now);
	db_bind_int(st, 1, t->case_id);
	db_bind_text(st, 2, t->text);
	if (f.account_id) db_bind_int(st, 3, f.account_id); else db_bind_null(st, 3);
	if (f.person_id) db_bind_int(st, 4, f.person_id); else db_bind_null(st, 4);
	db_bind_text(st, 5, due);
	db_bind_text(st, 6, now);
	db_bind_int(st, 7, t->by);
	e = db_run(st);
	if (!e)
		*id = db_last_id(db);
	return e;
}

struct goal_count {
	int n;
};

static void goal_count_cb(void *ctx, int goal_no, const char *text)
{
	(void)text;
	struct goal_count *g = ctx;
	if (goal_no > g->n)
		g->n = goal_no;
}

enum err plan_rate(struct db *db, int64_t case_id, int64_t by, int64_t goal_no, int64_t score, const char *rated_on,
		   struct field_error *fe)
{
	struct plan_head *h = malloc(sizeof(*h));
	struct goal_count g = { 0 };
	struct db_stmt *st;
	char date[11], now[21];
	enum err e = h ? plan_get(db, case_id, 0, h) : ERR_NOMEM;

	if (e == ERR_NOT_FOUND)
		e = validate_fail(fe, "goal_no", "no_plan", "save the plan before rating its goals");
	if (!e)
		e = plan_goals(db, h->id, goal_count_cb, &g);
	free(h);
	if (e)
		return e;
	if (goal_no < 1 || goal_no > g.n)
		return validate_fail(fe, "goal_no", "unknown_value", "no goal %lld in the plan", (long long)goal_no);
	if (score < 1 || score > 10)
		return validate_fail(fe, "score", "out_of_range", "score is 1 to 10");
	if (rated_on && *rated_on) {
		e = valid_date(rated_on, "rated_on", date, fe);
		if (e)
			return e;
	} else {
		date_format(date_today(), date);
	}
	e = db_prepare(db, "INSERT INTO plan_rating(case_id, goal_no, rated_on, score, rated_by, created_at)"
			   " VALUES (?,?,?,?,?,?)", &st);
	if (e)
		return e;
	clock_iso(clock_now(), now);
	db_bind_int(st, 1, case_id);
	db_bind_int(st, 2, goal_no);
	db_bind_text(st, 3, date);
	db_bind_int(st, 4, score);
	db_bind_int(st, 5, by);
	db_bind_text(st, 6, now);
	return db_run(st);
}

enum err plan_review_of(struct db *db, int64_t case_id, bool *has_plan, char next_review[11])
{
	struct db_stmt *st;
	enum err e = db_prepare(db, "SELECT next_review FROM plan_version WHERE case_id = ?"
				    " ORDER BY version DESC LIMIT 1", &st);
	*has_plan = false;
	next_review[0] = 0;
	if (e)
		return e;
	db_bind_int(st, 1, case_id);
	e = db_step(st, has_plan);
	if (!e && *has_plan)
		str_lcpy(next_review, db_col_text(st, 0), 11);
	db_done(st);
	return e;
}

/* The entry access_check just added becomes a refusal for why: the object
 * was the principal's to read, this part of it is not. */
static void deny_last(struct access_ctx *ax, struct access_answer *ans, const char *why, const char *object_type,
		      int64_t object_id)
{
	struct audit_entry le;
	ans->d = (struct decision){ false, AUD_NONE, 0, "none", why };
	access_entry(ax, &le, ax->nlog ? ax->log[ax->nlog - 1].action : "read", object_type, object_id, &ans->d);
	le.person_id = ans->person_id;
	le.case_id = ans->case_id;
	if (ax->nlog)
		ax->log[ax->nlog - 1] = le;
}

enum err plan_access(struct access_ctx *ax, struct db *db, int64_t child_id, enum action a, const char *log_action,
		     struct access_answer *ans)
{
	enum err e = access_check(ax, db, (struct objref){ OBJ_CHILD, child_id }, a, log_action, ans);

	if (e || (ans->d.fields & FIELD_PLAN))
		return e;
	deny_last(ax, ans, "plan_not_shown", "case", ans->case_id);
	return ERR_DENIED;
}

/* ---- ticking a task through the door --------------------------------- */

struct tick_job {
	int64_t task_id, by;
};

static enum err tick_run(struct db *db, void *arg)
{
	struct tick_job *j = arg;
	struct db_stmt *st;
	char now[21];
	enum err e = db_prepare(db, "UPDATE plan_task SET status = 'done', done_at = ?, done_by = ?"
				    " WHERE id = ? AND status = 'open'", &st);
	if (e)
		return e;
	clock_iso(clock_now(), now);
	db_bind_text(st, 1, now);
	db_bind_int(st, 2, j->by);
	db_bind_int(st, 3, j->task_id);
	e = db_run(st);
	if (!e && db_changes(db) != 1)
		e = ERR_CONFLICT;
	return e;
}

enum err plan_task_tick(struct access_ctx *ax, struct db *db, struct writer *w, int64_t task_id,
			struct access_answer *ans, struct plan_task_row *t, struct field_error *fe)
{
	const struct principal *p = ax->p;
	struct tick_job j = { task_id, p->account_id };
	enum action a = p->kind == KIND_WORKER ? ACT_CLIENT_WRITE : p->kind == KIND_PARTNER ? ACT_RECORD_WRITE
										     : ACT_FAMILY_WRITE;
	bool own;
	enum err e = task_get(db, task_id, t);

	if (e)
		return e;
	e = access_check(ax, db, (struct objref){ OBJ_CASE, t->case_id }, a, "plan_task_done", ans);
	if (e)
		return e;
	own = p->kind == KIND_WORKER || (p->kind == KIND_PARTNER && t->owner_account_id == p->account_id) ||
	      (p->kind == KIND_FAMILY && t->owner_person_id && t->owner_person_id == p->person_id);
	if (!own) {
		/* The case is theirs to read, the task is not theirs to tick. */
		deny_last(ax, ans, "not_own_task", "plan_task", task_id);
		return ERR_DENIED;
	}
	if (!strcmp(t->status, "done"))
		return validate_fail(fe, "task", "already_done", "the task is done already");
	e = access_write(ax, w, tick_run, &j);
	if (e == ERR_CONFLICT)
		return validate_fail(fe, "task", "already_done", "the task is done already");
	if (!e)
		e = task_get(db, task_id, t);
	return e;
}

/* ---- the family's own views ------------------------------------------- */

enum err family_view_save(struct db *db, int64_t case_id, int64_t person_id, int64_t account_id, const char *text,
			  bool shared, struct field_error *fe)
{
	struct db_stmt *st;
	char now[21];
	enum err e = validate_text(text, "text", 1, PLAN_TEXT_MAX, true, fe);

	if (!e) e = validate_not_blank(text, "text", fe);
	if (!e) e = db_prepare(db, "INSERT INTO family_view(case_id, person_id, account_id, text, shared, created_at)"
				   " VALUES (?,?,?,?,?,?)", &st);
	if (e)
		return e;
	clock_iso(clock_now(), now);
	db_bind_int(st, 1, case_id);
	db_bind_int(st, 2, person_id);
	db_bind_int(st, 3, account_id);
	db_bind_text(st, 4, text);
	db_bind_int(st, 5, shared);
	db_bind_text(st, 6, now);
	return db_run(st);
}

enum err family_views(struct db *db, int64_t case_id, int64_t reader_person,
		      void (*cb)(void *ctx, const struct family_view_row *r), void *ctx)
{
	struct db_stmt *st;
	bool row;
	struct family_view_row *r = malloc(sizeof(*r));
	/* The newest of each person; a family reader sees their own and the
	 * shared ones (the newest decides: unsharing hides it again). */
	enum err e = r ? db_prepare(db, "SELECT v.id, v.person_id, p.first_names || ' ' || p.last_name, v.text, v.shared,"
					" v.created_at FROM family_view v JOIN person p ON p.id = v.person_id"
					" WHERE v.case_id = ?1 AND v.id = (SELECT max(id) FROM family_view w"
					" WHERE w.case_id = v.case_id AND w.person_id = v.person_id)"
					" AND (?2 = 0 OR v.person_id = ?2 OR v.shared = 1) ORDER BY v.person_id", &st)
				: ERR_NOMEM;
	if (e) {
		free(r);
		return e;
	}
	db_bind_int(st, 1, case_id);
	db_bind_int(st, 2, reader_person);
	while (!(e = db_step(st, &row)) && row) {
		memset(r, 0, sizeof(*r));
		r->id = db_col_int(st, 0);
		r->person_id = db_col_int(st, 1);
		str_lcpy(r->name, db_col_text(st, 2), sizeof(r->name));
		str_lcpy(r->text, db_col_text(st, 3), sizeof(r->text));
		r->shared = db_col_int(st, 4) != 0;
		str_lcpy(r->created_at, db_col_text(st, 5), sizeof(r->created_at));
		cb(ctx, r);
	}
	db_done(st);
	free(r);
	return e;
}

enum err family_children(struct db *db, int64_t person_id, void (*cb)(void *ctx, int64_t child_id), void *ctx)
{
	struct db_stmt *st;
	bool row;
	enum err e = db_prepare(db, "SELECT child_id FROM child_case WHERE child_id = ?1"
				    " UNION SELECT r.related_id FROM relation r JOIN child_case c ON c.child_id = r.related_id"
				    " WHERE r.person_id = ?1 AND r.guardian = 1"
				    " AND r.kind IN ('parent', 'adoptive_parent', 'foster_parent') ORDER BY 1", &st);
	if (e)
		return e;
	db_bind_int(st, 1, person_id);
	while (!(e = db_step(st, &row)) && row)
		cb(ctx, db_col_int(st, 0));
	db_done(st);
	return e;
}

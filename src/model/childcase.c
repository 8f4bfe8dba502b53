/*
 * childcase.c - cases, phases and the policy facts about them (see childcase.h).
 */
#include <string.h>
#include "core/clock.h"
#include "core/str.h"
#include "core/workday.h"
#include "model/childcase.h"

const char *const case_phases[] = { "notification", "assessment", "open_care", "placed_open_care",
				    "placed_emergency", "placed_care_order", "aftercare", "closed", NULL };
const char *const case_legal_bases[] = { "social_welfare_act", "child_welfare_act", NULL };

static enum err add_phase(struct db *db, int64_t id, const char *phase, int64_t by, const char *reason)
{
	struct db_stmt *st;
	char now[21];
	enum err e = db_prepare(db, "INSERT INTO case_phase(case_id, phase, changed_at, changed_by, reason)"
				    " VALUES (?,?,?,?,?)", &st);
	if (e)
		return e;
	clock_iso(clock_now(), now);
	db_bind_int(st, 1, id);
	db_bind_text(st, 2, phase);
	db_bind_text(st, 3, now);
	if (by) db_bind_int(st, 4, by); else db_bind_null(st, 4);
	db_bind_text(st, 5, reason ? reason : "");
	return db_run(st);
}

enum err childcase_create(struct db *db, int64_t child_id, int64_t team_id, const char *legal_basis,
			  const char *phase, int64_t by, const char *reason, int64_t *id,
			  struct field_error *fe)
{
	struct db_stmt *st;
	char now[21];
	bool row;
	enum err e = validate_enum(legal_basis, "legal_basis", case_legal_bases, fe);

	if (!e)
		e = validate_enum(phase, "phase", case_phases, fe);
	if (!e)
		e = validate_text(reason, "reason", 0, 500, true, fe);
	if (e)
		return e;
	/* The child must be a child of the same organisation as the team. */
	e = db_prepare(db, "SELECT 1 FROM person p JOIN team t ON t.id = ?2 JOIN area a ON a.id = t.area_id"
			   " WHERE p.id = ?1 AND p.kind = 'child' AND p.county_id = a.county_id", &st);
	if (e)
		return e;
	db_bind_int(st, 1, child_id);
	db_bind_int(st, 2, team_id);
	e = db_step(st, &row);
	db_done(st);
	if (!e && !row)
		return validate_fail(fe, "child_id", "unknown_value",
				     "child_id must be a child of the same organisation as the team");
	clock_iso(clock_now(), now);
	e = db_prepare(db, "INSERT INTO child_case(child_id, team_id, legal_basis, phase, opened_at) VALUES (?,?,?,?,?)", &st);
	if (e)
		return e;
	db_bind_int(st, 1, child_id);
	db_bind_int(st, 2, team_id);
	db_bind_text(st, 3, legal_basis);
	db_bind_text(st, 4, phase);
	db_bind_text(st, 5, now);
	e = db_run(st);
	if (e == ERR_CONFLICT) {
		validate_fail(fe, "child_id", "taken", "this child already has a case; open it instead");
		return e;
	}
	if (e)
		return e;
	*id = db_last_id(db);
	return add_phase(db, *id, phase, by, reason && *reason ? reason : "case opened");
}

/* The next open clock reads only the case's open notifications through the
 * partial indexes of migration 006 (covering since 011).  INDEXED BY,
 * because the planner took notification_case (every notification of the
 * case, each row read from the table) whenever sqlite_stat1 knew that index
 * and not these: half of the cost of childcase_by_child at county scale. */
#define CASE_COLS_BASE "c.id, c.child_id, c.team_id, t.area_id, a.county_id, t.name, c.legal_basis, c.phase," \
	" c.opened_at, p.first_names || ' ' || p.last_name, coalesce(p.birth_date, '')," \
	" coalesce(m.account_id, 0), coalesce(ra.display_name, ''),"
#define CASE_COLS CASE_COLS_BASE \
	" coalesce((SELECT min(d) FROM (SELECT n.decision_due AS d" \
	"   FROM notification n INDEXED BY notification_decision_open_case" \
	"   WHERE n.case_id = c.id AND n.decision_at IS NULL" \
	"  UNION ALL SELECT n.assessment_due FROM notification n INDEXED BY notification_assessment_open_case" \
	"   WHERE n.case_id = c.id AND n.assessment_done_at IS NULL AND n.decision = 'start_assessment')), '')," \
	" coalesce((SELECT CASE WHEN EXISTS (SELECT 1 FROM notification n" \
	"   INDEXED BY notification_decision_open_case WHERE n.case_id = c.id" \
	"   AND n.decision_at IS NULL) THEN 'decision' ELSE 'assessment' END), '')"
/* CASE_FROM_INDEXED reads child_case through index IDX.  The responsible
 * worker comes from migration 011's covering index, named: sqlite_stat1 of
 * existing databases knows only case_member_case. */
#define CASE_FROM " FROM child_case c" CASE_FROM_REST
#define CASE_FROM_INDEXED(IDX) " FROM child_case c INDEXED BY " IDX CASE_FROM_REST
#define CASE_FROM_REST " JOIN team t ON t.id = c.team_id JOIN area a ON a.id = t.area_id" \
	" JOIN person p ON p.id = c.child_id" \
	" LEFT JOIN case_member m INDEXED BY case_member_responsible" \
	"  ON m.case_id = c.id AND m.role = 'responsible' AND m.to_date IS NULL" \
	" LEFT JOIN account ra ON ra.id = m.account_id"
/* Whether p (account ?1) sits on the child's team today (?3), for the list
 * queries.  It matters to policy_decide only when the case is not of p's
 * own team: for a team p belongs to (?6), the lists do not look (~6k
 * instructions a child); otherwise (a manager on a team page) p's current
 * cases are read once, as a list SQLite keeps for the statement, instead of
 * a look-up in case_member a row. */
#define ON_TEAM_COL ", CASE WHEN ?6 THEN 1 ELSE c.id IN (" CHILDCASE_MINE_SQL("?1", "?3") ") END"
/* The lists read the earliest open decision and assessment dates as two
 * plain subqueries (NULL when none) and case_list_from_row takes the
 * earlier: the UNION ALL co-routine and the second look at the open
 * decisions of CASE_COLS cost ~2k instructions more a row. */
#define CASE_LIST_COLS CASE_COLS_BASE \
	" (SELECT min(n.decision_due) FROM notification n INDEXED BY notification_decision_open_case" \
	"   WHERE n.case_id = c.id AND n.decision_at IS NULL)," \
	" (SELECT min(n.assessment_due) FROM notification n INDEXED BY notification_assessment_open_case" \
	"   WHERE n.case_id = c.id AND n.assessment_done_at IS NULL AND n.decision = 'start_assessment')"

/* Columns 0-12, those CASE_COLS and CASE_LIST_COLS share. */
static void case_base_from_row(struct db_stmt *st, struct case_row *r)
{
	memset(r, 0, sizeof(*r));
	r->id = db_col_int(st, 0);
	r->child_id = db_col_int(st, 1);
	r->team_id = db_col_int(st, 2);
	r->area_id = db_col_int(st, 3);
	r->county_id = db_col_int(st, 4);
	str_lcpy(r->team_name, db_col_text(st, 5), sizeof(r->team_name));
	str_lcpy(r->legal_basis, db_col_text(st, 6), sizeof(r->legal_basis));
	str_lcpy(r->phase, db_col_text(st, 7), sizeof(r->phase));
	str_lcpy(r->opened_at, db_col_text(st, 8), sizeof(r->opened_at));
	str_lcpy(r->child_name, db_col_text(st, 9), sizeof(r->child_name));
	str_lcpy(r->birth_date, db_col_text(st, 10), sizeof(r->birth_date));
	r->responsible_id = db_col_int(st, 11);
	str_lcpy(r->responsible_name, db_col_text(st, 12), sizeof(r->responsible_name));
}

static void case_from_row(struct db_stmt *st, struct case_row *r)
{
	case_base_from_row(st, r);
	str_lcpy(r->next_due, db_col_text(st, 13), sizeof(r->next_due));
	if (r->next_due[0])
		str_lcpy(r->next_due_kind, db_col_text(st, 14), sizeof(r->next_due_kind));
}

/* A row of CASE_LIST_COLS, filled as case_from_row fills one of CASE_COLS:
 * the earlier of the two dates (as SQL's min compares text), and the kind
 * "decision" whenever a decision is open, else "assessment". */
static void case_list_from_row(struct db_stmt *st, struct case_row *r)
{
	bool has_d = !db_col_null(st, 13), has_a = !db_col_null(st, 14);
	const char *d = db_col_text(st, 13), *a = db_col_text(st, 14);

	case_base_from_row(st, r);
	if (!has_d && !has_a)
		return;
	str_lcpy(r->next_due, has_d && (!has_a || strcmp(d, a) <= 0) ? d : a, sizeof(r->next_due));
	if (r->next_due[0])
		str_lcpy(r->next_due_kind, has_d ? "decision" : "assessment", sizeof(r->next_due_kind));
}

static void case_fill(struct db_stmt *st, void *out)
{
	case_from_row(st, out);
}

enum err childcase_get(struct db *db, int64_t id, struct case_row *out)
{
	return db_get_by_id(db, "SELECT " CASE_COLS CASE_FROM " WHERE c.id = ?", id, case_fill, out);
}

enum err childcase_by_child(struct db *db, int64_t child_id, struct case_row *out)
{
	return db_get_by_id(db, "SELECT " CASE_COLS CASE_FROM " WHERE c.child_id = ?", child_id, case_fill, out);
}

enum err childcase_set_phase(struct db *db, int64_t id, const char *phase, const char *legal_basis,
			     int64_t by, const char *reason, struct field_error *fe)
{
	struct db_stmt *st;
	enum err e = validate_enum(phase, "phase", case_phases, fe);

	if (!e && legal_basis && *legal_basis)
		e = validate_enum(legal_basis, "legal_basis", case_legal_bases, fe);
	if (!e)
		e = validate_text(reason, "reason", 3, 500, true, fe);
	if (e)
		return e;
	e = db_prepare(db, "UPDATE child_case SET phase = ?, legal_basis = coalesce(nullif(?, ''), legal_basis)"
			   " WHERE id = ?", &st);
	if (e)
		return e;
	db_bind_text(st, 1, phase);
	db_bind_text(st, 2, legal_basis ? legal_basis : "");
	db_bind_int(st, 3, id);
	e = db_run(st);
	if (!e && db_changes(db) == 0)
		e = ERR_NOT_FOUND;
	if (!e)
		e = add_phase(db, id, phase, by, reason);
	return e;
}

enum err childcase_set_team(struct db *db, int64_t id, int64_t team_id, int64_t by, const char *reason,
			    struct field_error *fe)
{
	struct db_stmt *st;
	struct case_row c;
	char why[600];
	enum err e = validate_text(reason, "reason", 3, 500, true, fe);

	if (!e)
		e = childcase_get(db, id, &c);
	if (e)
		return e;
	e = db_prepare(db, "UPDATE child_case SET team_id = ? WHERE id = ?", &st);
	if (e)
		return e;
	db_bind_int(st, 1, team_id);
	db_bind_int(st, 2, id);
	e = db_run(st);
	if (e == ERR_CONFLICT)
		return validate_fail(fe, "team_id", "unknown_value", "no such team");
	snprintf(why, sizeof(why), "team changed from %s: %s", c.team_name, reason);
	if (!e)
		e = add_phase(db, id, c.phase, by, why);
	return e;
}

enum err childcase_phases(struct db *db, int64_t id, void (*cb)(void *ctx, const struct phase_row *r), void *ctx)
{
	struct db_stmt *st;
	bool row;
	enum err e = db_prepare(db, "SELECT h.phase, h.changed_at, coalesce(a.display_name, ''), h.reason"
				    " FROM case_phase h LEFT JOIN account a ON a.id = h.changed_by"
				    " WHERE h.case_id = ? ORDER BY h.id", &st);
	if (!e)
		db_bind_int(st, 1, id);
	while (!e && !(e = db_step(st, &row)) && row) {
		struct phase_row r;
		str_lcpy(r.phase, db_col_text(st, 0), sizeof(r.phase));
		str_lcpy(r.changed_at, db_col_text(st, 1), sizeof(r.changed_at));
		str_lcpy(r.changed_by, db_col_text(st, 2), sizeof(r.changed_by));
		str_lcpy(r.reason, db_col_text(st, 3), sizeof(r.reason));
		cb(ctx, &r);
	}
	db_done(st);
	return e;
}

static enum err on_childs_team(struct db *db, int64_t case_id, int64_t account_id, bool *yes)
{
	struct db_stmt *st;
	char today[11];
	enum err e = db_prepare(db, "SELECT 1 FROM case_member WHERE case_id = ? AND account_id = ?"
				    " AND from_date <= ?3 AND (to_date IS NULL OR to_date >= ?3) LIMIT 1", &st);
	*yes = false;
	if (e)
		return e;
	date_format(date_today(), today);
	db_bind_int(st, 1, case_id);
	db_bind_int(st, 2, account_id);
	db_bind_text(st, 3, today);
	e = db_step(st, yes);
	db_done(st);
	return e;
}

static enum err family_facts(struct db *db, int64_t child_id, const struct principal *p,
			     struct policy_object *o)
{
	struct db_stmt *st;
	bool row;
	enum err e;

	o->is_self = p->person_id && p->person_id == child_id;
	if (!p->person_id || o->is_self)
		return ERR_OK;
	/* A safety block (model/block.h) or the relation's own flag. */
	e = db_prepare(db, "SELECT guardian, blocked OR " CHILDCASE_BLOCKED_SQL("r") " FROM relation r"
			   " WHERE person_id = ? AND related_id = ?"
			   " AND kind IN ('parent', 'adoptive_parent', 'foster_parent') ORDER BY guardian DESC LIMIT 1", &st);
	if (e)
		return e;
	db_bind_int(st, 1, p->person_id);
	db_bind_int(st, 2, child_id);
	e = db_step(st, &row);
	if (!e && row) {
		o->is_guardian = db_col_int(st, 0) != 0;
		o->guardian_blocked = db_col_int(st, 1) != 0;
	}
	db_done(st);
	return e;
}

enum err childcase_policy_facts(struct db *db, const struct case_row *c, const struct principal *p,
				struct policy_object *o)
{
	enum err e;

	memset(o, 0, sizeof(*o));
	o->team_id = c->team_id;
	o->area_id = c->area_id;
	o->county_id = c->county_id;
	e = on_childs_team(db, c->id, p->account_id, &o->on_childs_team);
	if (!e)
		e = family_facts(db, c->child_id, p, o);
	return e;
}

enum err childcase_policy_object(struct db *db, int64_t id, const struct principal *p,
				 struct policy_object *o)
{
	struct case_row c;
	enum err e = childcase_get(db, id, &c);

	memset(o, 0, sizeof(*o));
	return e ? e : childcase_policy_facts(db, &c, p, o);
}

enum err person_policy_from_row(struct db_stmt *st, int col, const struct principal *p,
				struct policy_object *out, int64_t *case_id)
{
	int64_t person_id = db_col_int(st, col), child_id = db_col_int(st, col + 3);

	memset(out, 0, sizeof(*out));
	*case_id = db_col_int(st, col + 2);
	if (!*case_id) {
		/* A person without any case: only organisation-level facts. */
		out->county_id = db_col_int(st, col + 1);
		out->is_self = p->person_id == person_id;
		return ERR_OK;
	}
	if (!db_col_int(st, col + 7))
		return ERR_NOT_FOUND;  /* as childcase_get: no team, area or child */
	out->team_id = db_col_int(st, col + 4);
	out->area_id = db_col_int(st, col + 5);
	out->county_id = db_col_int(st, col + 6);
	out->on_childs_team = db_col_int(st, col + 8) != 0;
	/* The family facts of family_facts(): guardian column 2 + 2 * guardian + blocked. */
	out->is_self = p->person_id && p->person_id == child_id;
	if (p->person_id && !out->is_self && !db_col_null(st, col + 9)) {
		int64_t g = db_col_int(st, col + 9) - 2;
		out->is_guardian = g / 2 != 0;
		out->guardian_blocked = g % 2 != 0;
	}
	if (p->person_id == person_id)
		out->is_self = true;
	return ERR_OK;
}

/* One statement instead of a case lookup and its facts, query by query
 * (childcase_get reads the child's name, the responsible worker and the
 * legal clocks, which the policy does not need). */
enum err person_policy_object(struct db *db, int64_t person_id, const struct principal *p,
			      struct policy_object *out, int64_t *case_id)
{
	struct db_stmt *st;
	char today[11];
	bool row;
	enum err e = db_prepare(db, "SELECT " PERSON_POLICY_COLS("h", "?2", "?3", "?4") " FROM person h"
				    PERSON_POLICY_FROM("h") " WHERE h.id = ?1", &st);

	*case_id = 0;
	memset(out, 0, sizeof(*out));
	if (e)
		return e;
	date_format(date_today(), today);
	db_bind_int(st, 1, person_id);
	db_bind_int(st, 2, p->account_id);
	db_bind_int(st, 3, p->person_id);
	db_bind_text(st, 4, today);
	e = db_step(st, &row);
	if (!e && !row)
		e = ERR_NOT_FOUND;
	if (!e)
		e = person_policy_from_row(st, 0, p, out, case_id);
	db_done(st);
	return e;
}

/* What emit_visible saw: the rows read, those passed to the callback, and
 * the child id of the last row read (allowed or not).  It stops once max
 * rows (0: no limit) have been passed on. */
struct emit_count {
	int max;
	int rows, allowed;
	int64_t last_child_id;
};
/* The largest batch childcase_page_visible reads when candidates are refused. */
#define PAGE_BATCH_MAX 4096
static enum err emit_visible(struct db_stmt *st, const struct principal *p,
			     void (*cb)(void *ctx, const struct case_row *r, const struct decision *d), void *ctx,
			     struct emit_count *n);

int64_t childcase_works_with_area(const struct principal *p)
{
	return p->role == ROLE_MANAGER ? p->area_id : 0;
}

enum err childcase_list_team(struct db *db, const struct principal *p, int64_t team_id,
			     void (*cb)(void *ctx, const struct case_row *r, const struct decision *d), void *ctx)
{
	struct db_stmt *st;
	char today[11];
	enum err e;

	/* policy_decide has the last word on every row.  A team's open cases
	 * come from migration 011's partial index, without its closed ones. */
	e = db_prepare(db, "SELECT " CASE_LIST_COLS ON_TEAM_COL CASE_FROM_INDEXED("child_case_team_open")
			   " WHERE c.team_id = ?2 AND c.phase <> 'closed'"
			   " ORDER BY p.last_name, p.first_names", &st);
	if (e)
		return e;
	date_format(date_today(), today);
	db_bind_int(st, 1, p->account_id);
	db_bind_int(st, 2, team_id);
	db_bind_text(st, 3, today);
	db_bind_int(st, 6, principal_in_team(p, team_id));  /* (ON_TEAM_COL's number) */
	return emit_visible(st, p, cb, ctx, NULL);
}

enum err childcase_page_visible(struct db *db, const struct principal *p, int64_t team_id, bool closed,
				int64_t after, int limit,
				void (*cb)(void *ctx, const struct case_row *r, const struct decision *d), void *ctx)
{
	struct db_stmt *st;
	char today[11];
	int shown = 0, batch = limit;
	enum err e = ERR_OK;

	/* Keyset paging on the unique child_id: the inner select picks a batch
	 * of case ids from the candidates (sorting only their keys), the outer
	 * one reads the costly columns for those alone.  policy_decide may
	 * refuse candidates (a team_id whose children p does not see): the page
	 * then goes on after the last candidate read, in batches twice as large
	 * each time, so that a team of thousands costs a dozen statements even
	 * at limit=1, until the page is full or the candidates end. */
#define PAGE_SQL(CANDIDATES) "SELECT " CASE_LIST_COLS ON_TEAM_COL CASE_FROM \
	" WHERE c.id IN (SELECT k.id FROM child_case k WHERE " CANDIDATES \
	"  AND (?5 OR k.phase <> 'closed') AND k.child_id > ?7 ORDER BY k.child_id LIMIT ?8)" \
	" ORDER BY c.child_id"
	date_format(date_today(), today);
	while (!e && shown < limit) {
		struct emit_count n = { .max = limit - shown };
		if (team_id)
			e = db_prepare(db, PAGE_SQL("k.team_id = ?2 AND ?4 = ?4"), &st);
		else
			e = db_prepare(db, PAGE_SQL("k.id IN (" CHILDCASE_WORKS_WITH_SQL("?1", "?3", "?4") ") AND ?2 = ?2"), &st);
		if (e)
			break;
		db_bind_int(st, 1, p->account_id);
		db_bind_int(st, 2, team_id);
		db_bind_text(st, 3, today);
		db_bind_int(st, 4, childcase_works_with_area(p));
		db_bind_int(st, 5, closed);
		db_bind_int(st, 6, team_id && principal_in_team(p, team_id));
		db_bind_int(st, 7, after);
		db_bind_int(st, 8, batch);
		e = emit_visible(st, p, cb, ctx, &n);
		shown += n.allowed;
		if (n.rows < batch)
			break;  /* the candidates ended (or the page is full) */
		after = n.last_child_id;
		batch = batch < PAGE_BATCH_MAX / 2 ? batch * 2 : PAGE_BATCH_MAX;
		if (batch < limit - shown)
			batch = limit - shown;
	}
#undef PAGE_SQL
	return e;
}

static enum err emit_visible(struct db_stmt *st, const struct principal *p,
			     void (*cb)(void *ctx, const struct case_row *r, const struct decision *d), void *ctx,
			     struct emit_count *n)
{
	bool row;
	enum err e = ERR_OK;

	while ((!n || !n->max || n->allowed < n->max) && !(e = db_step(st, &row)) && row) {
		struct case_row r;
		struct policy_object o = { 0 };
		struct decision d;
		case_list_from_row(st, &r);
		o.team_id = r.team_id;
		o.area_id = r.area_id;
		o.county_id = r.county_id;
		o.on_childs_team = db_col_int(st, 15) != 0;
		d = policy_decide(p, ACT_CLIENT_LIST, &o);
		if (n) {
			n->rows++;
			n->allowed += d.allow;
			n->last_child_id = r.child_id;
		}
		if (d.allow)
			cb(ctx, &r, &d);
	}
	db_done(st);
	return e;
}

enum err childcase_count_open(struct db *db, int64_t team_id, int *n)
{
	struct db_stmt *st;
	bool row;
	enum err e = db_prepare(db, "SELECT count(*) FROM child_case WHERE team_id = ? AND phase <> 'closed'", &st);

	if (e)
		return e;
	db_bind_int(st, 1, team_id);
	*n = 0;
	if (!(e = db_step(st, &row)) && row)
		*n = (int)db_col_int(st, 0);
	db_done(st);
	return e;
}

enum err childcase_list_mine(struct db *db, const struct principal *p,
			     void (*cb)(void *ctx, const struct case_row *r, const struct decision *d), void *ctx)
{
	struct db_stmt *st;
	char today[11];
	enum err e = db_prepare(db, "SELECT " CASE_LIST_COLS ", 1" CASE_FROM
				    " WHERE c.id IN (" CHILDCASE_MINE_SQL("?1", "?2") ")"
				    " AND c.phase <> 'closed' ORDER BY p.last_name, p.first_names", &st);
	if (e)
		return e;
	date_format(date_today(), today);
	db_bind_int(st, 1, p->account_id);
	db_bind_text(st, 2, today);
	return emit_visible(st, p, cb, ctx, NULL);
}

/* The plan tables are the plan's (model/plan.h); this one fact is read here,
 * with the other facts the access layer loads, so that the door does not
 * depend on the plan module that depends on it. */
enum err childcase_plan_participant(struct db *db, int64_t case_id, int64_t account_id, bool *yes)
{
	struct db_stmt *st;
	enum err e = db_prepare(db, "SELECT 1 FROM plan_participant p WHERE p.account_id = ?2 AND p.version_id ="
				    " (SELECT id FROM plan_version WHERE case_id = ?1 ORDER BY version DESC LIMIT 1)", &st);
	*yes = false;
	if (e)
		return e;
	db_bind_int(st, 1, case_id);
	db_bind_int(st, 2, account_id);
	e = db_step(st, yes);
	db_done(st);
	return e;
}

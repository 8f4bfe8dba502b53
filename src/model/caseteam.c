/*
 * caseteam.c - the child's team and caseloads (see caseteam.h).
 */
#include <stdlib.h>
#include <string.h>
#include "core/buf.h"
#include "core/clock.h"
#include "core/str.h"
#include "core/workday.h"
#include "model/caseteam.h"

const char *const member_roles[] = { "responsible", "pair", "varying", NULL };

int caseteam_cap(struct db *db)
{
	struct db_stmt *st;
	bool row;
	int cap = CASELOAD_CAP_DEFAULT;
	if (db_prepare(db, "SELECT value FROM meta WHERE key = 'caseload_cap'", &st))
		return cap;
	if (!db_step(st, &row) && row) {
		int64_t v;
		if (!str_to_i64(db_col_text(st, 0), 1, 1000, &v))
			cap = (int)v;
	}
	db_done(st);
	return cap;
}

enum err caseteam_caseload(struct db *db, int64_t account_id, int *count)
{
	struct db_stmt *st;
	bool row;
	/* Kept by the triggers of migration 004. */
	enum err e = db_prepare(db, "SELECT children FROM caseload WHERE account_id = ?", &st);
	*count = 0;
	if (e)
		return e;
	db_bind_int(st, 1, account_id);
	e = db_step(st, &row);
	if (!e && row)
		*count = (int)db_col_int(st, 0);
	db_done(st);
	return e;
}

enum err caseteam_verify_loads(struct db *db, int64_t *differ)
{
	struct db_stmt *st;
	bool row;
	/* Recount from case_member and compare with the triggers' table, both ways. */
	enum err e = db_prepare(db,
		"WITH counted AS (SELECT m.account_id AS id, sum(m.role = 'responsible') AS children,"
		" sum(m.role = 'pair') AS pairs FROM case_member m JOIN child_case c ON c.id = m.case_id"
		" WHERE m.account_id IS NOT NULL AND m.to_date IS NULL AND m.role IN ('responsible', 'pair')"
		" AND c.phase <> 'closed' GROUP BY m.account_id)"
		" SELECT (SELECT count(*) FROM counted k LEFT JOIN caseload l ON l.account_id = k.id"
		"         WHERE l.account_id IS NULL OR l.children <> k.children OR l.pairs <> k.pairs)"
		"      + (SELECT count(*) FROM caseload l LEFT JOIN counted k ON k.id = l.account_id"
		"         WHERE k.id IS NULL AND (l.children <> 0 OR l.pairs <> 0))", &st);
	*differ = 0;
	if (e)
		return e;
	e = db_step(st, &row);
	if (!e && row)
		*differ = db_col_int(st, 0);
	db_done(st);
	return e;
}

static enum err end_role(struct db *db, int64_t case_id, const char *role, const char *date)
{
	struct db_stmt *st;
	enum err e = db_prepare(db, "UPDATE case_member SET to_date = ? WHERE case_id = ? AND role = ? AND to_date IS NULL", &st);
	if (e)
		return e;
	db_bind_text(st, 1, date);
	db_bind_int(st, 2, case_id);
	db_bind_text(st, 3, role);
	return db_run(st);
}

/* Kind and role of an account, for checking who may hold which role. */
static enum err account_kind_role(struct db *db, int64_t id, char *kind, char *role, char *name)
{
	struct db_stmt *st;
	bool row;
	enum err e = db_prepare(db, "SELECT kind, role, display_name FROM account WHERE id = ? AND active = 1", &st);
	if (e)
		return e;
	db_bind_int(st, 1, id);
	e = db_step(st, &row);
	if (!e && !row)
		e = ERR_NOT_FOUND;
	if (!e) {
		str_lcpy(kind, db_col_text(st, 0), 16);
		str_lcpy(role, db_col_text(st, 1), 40);
		str_lcpy(name, db_col_text(st, 2), 128);
	}
	db_done(st);
	return e;
}

enum err caseteam_assign(struct db *db, const struct member_new *m, int64_t *id, struct field_error *fe)
{
	struct db_stmt *st;
	char today[11], from[11], now[21], kind[16] = "", role[40] = "", name[128] = "";
	struct date fd;
	bool permanent, over = false;
	enum err e = validate_enum(m->role, "role", member_roles, fe);

	if (!e)
		e = validate_text(m->description, "description", 0, 200, false, fe);
	if (!e)
		e = validate_name(m->name, "name", 0, 200, fe);
	if (!e)
		e = validate_text(m->over_cap_reason, "over_cap_reason", 0, 500, true, fe);
	if (e)
		return e;
	date_format(date_today(), today);
	str_lcpy(from, m->from_date && *m->from_date ? m->from_date : today, sizeof(from));
	if (date_parse(from, &fd))
		return validate_fail(fe, "from_date", "invalid_date", "from_date must be a real date as YYYY-MM-DD");
	permanent = strcmp(m->role, "varying") != 0;
	if (permanent && !m->account_id)
		return validate_fail(fe, "account_id", "required", "the %s worker must be a worker account", m->role);
	if (!m->account_id && !m->person_id && !(m->name && *m->name))
		return validate_fail(fe, "account_id", "required",
				     "give a worker (account_id), a close-network person (person_id) or a name");
	if (m->account_id) {
		e = account_kind_role(db, m->account_id, kind, role, name);
		if (e == ERR_NOT_FOUND)
			return validate_fail(fe, "account_id", "unknown_value", "no active account %lld", (long long)m->account_id);
		if (e)
			return e;
		if (permanent && strcmp(kind, "worker"))
			return validate_fail(fe, "account_id", "not_worker", "the %s member must be a worker of the organisation", m->role);
		if (!strcmp(m->role, "responsible") && strcmp(role, "social_worker") && strcmp(role, "consulting_social_worker"))
			return validate_fail(fe, "account_id", "not_social_worker",
					     "the responsible worker must be a qualified social worker");
	}
	if (!strcmp(m->role, "responsible")) {
		int load = 0, cap = caseteam_cap(db);
		e = caseteam_caseload(db, m->account_id, &load);
		if (e)
			return e;
		over = load >= cap;
		if (over && !(m->over_cap_reason && *m->over_cap_reason))
			return validate_fail(fe, "over_cap_reason", "over_cap",
					     "%s already has %d children as responsible social worker; the cap is %d. "
					     "Choose another worker or give a reason to assign anyway", name, load, cap);
	}
	if (permanent) {
		e = end_role(db, m->case_id, m->role, from);
		if (e)
			return e;
	}
	clock_iso(clock_now(), now);
	e = db_prepare(db, "INSERT INTO case_member(case_id, role, account_id, person_id, name, description, from_date,"
			   " added_by, added_at, over_cap_reason) VALUES (?,?,?,?,?,?,?,?,?,?)", &st);
	if (e)
		return e;
	db_bind_int(st, 1, m->case_id);
	db_bind_text(st, 2, m->role);
	if (m->account_id) db_bind_int(st, 3, m->account_id); else db_bind_null(st, 3);
	if (m->person_id) db_bind_int(st, 4, m->person_id); else db_bind_null(st, 4);
	db_bind_text(st, 5, m->name ? m->name : "");
	db_bind_text(st, 6, m->description ? m->description : "");
	db_bind_text(st, 7, from);
	if (m->added_by) db_bind_int(st, 8, m->added_by); else db_bind_null(st, 8);
	db_bind_text(st, 9, now);
	/* The reason is kept only when the assignment really went over the cap. */
	db_bind_text(st, 10, over && m->over_cap_reason ? m->over_cap_reason : "");
	e = db_run(st);
	if (e == ERR_CONFLICT)
		return validate_fail(fe, "person_id", "unknown_value", "no such case or person");
	if (!e)
		*id = db_last_id(db);
	return e;
}

enum err caseteam_end(struct db *db, const struct member_end *m, int64_t *new_id, struct field_error *fe)
{
	struct db_stmt *st;
	struct member_row r;
	char d[11];
	struct date x;
	enum err e;

	*new_id = 0;
	if (m->to_date && *m->to_date) {
		if (date_parse(m->to_date, &x))
			return validate_fail(fe, "to_date", "invalid_date", "to_date must be a real date as YYYY-MM-DD");
		str_lcpy(d, m->to_date, sizeof(d));
	} else {
		date_format(date_today(), d);
	}
	e = validate_not_blank(m->reason, "reason", fe);
	if (!e)
		e = validate_text(m->reason, "reason", 1, MEMBER_END_REASON_CHARS, true, fe);
	if (e)
		return e;
	e = caseteam_get(db, m->case_id, m->member_id, &r);
	if (e == ERR_NOT_FOUND || (!e && strcmp(r.from_date, d) > 0))
		return validate_fail(fe, "member_id", "not_active", "no active membership %lld in this case (or it starts after %s)",
				     (long long)m->member_id, d);
	if (e)
		return e;
	if (!strcmp(r.role, "responsible")) {
		struct member_new n = { .case_id = m->case_id, .role = "responsible", .account_id = m->new_responsible_id,
					.from_date = d, .over_cap_reason = m->over_cap_reason, .added_by = m->ended_by };
		if (!m->new_responsible_id)
			return validate_fail(fe, "new_responsible_id", "required",
					     "the child needs a responsible social worker: name the new one (new_responsible_id)");
		if (m->new_responsible_id == r.account_id)
			return validate_fail(fe, "new_responsible_id", "same_worker",
					     "the new responsible worker must be someone else");
		/* Ends this membership on d and adds the new one. */
		e = caseteam_assign(db, &n, new_id, fe);
		if (e == ERR_INVALID && fe && fe->field && !strcmp(fe->field, "account_id")) {
			/* Named as the field the caller sent. */
			char msg[sizeof(fe->message)];
			str_lcpy(msg, fe->message, sizeof(msg));
			validate_fail(fe, "new_responsible_id", fe->reason, "%s", msg);
		}
		if (e)
			return e;
		e = db_prepare(db, "UPDATE case_member SET end_reason = ?1, ended_by = ?2 WHERE id = ?3", &st);
	} else {
		e = db_prepare(db, "UPDATE case_member SET to_date = ?4, end_reason = ?1, ended_by = ?2 WHERE id = ?3"
				   " AND to_date IS NULL", &st);
		if (!e)
			db_bind_text(st, 4, d);
	}
	if (e)
		return e;
	db_bind_text(st, 1, m->reason);
	if (m->ended_by) db_bind_int(st, 2, m->ended_by); else db_bind_null(st, 2);
	db_bind_int(st, 3, m->member_id);
	e = db_run(st);
	if (!e && db_changes(db) == 0)
		e = validate_fail(fe, "member_id", "not_active", "membership %lld is no longer active", (long long)m->member_id);
	return e;
}

#define MEMBER_COLS \
	"SELECT m.id, m.case_id, m.role, coalesce(m.account_id, 0), coalesce(m.person_id, 0)," \
	" coalesce(a.display_name, p.first_names || ' ' || p.last_name, m.name), m.description," \
	" m.from_date, coalesce(m.to_date, ''), m.over_cap_reason, coalesce(a.role, ''), m.end_reason"

static void member_read(struct db_stmt *st, struct member_row *r)
{
	memset(r, 0, sizeof(*r));
	r->id = db_col_int(st, 0);
	r->case_id = db_col_int(st, 1);
	r->account_id = db_col_int(st, 3);
	r->person_id = db_col_int(st, 4);
	str_lcpy(r->role, db_col_text(st, 2), sizeof(r->role));
	str_lcpy(r->name, db_col_text(st, 5), sizeof(r->name));
	str_lcpy(r->description, db_col_text(st, 6), sizeof(r->description));
	str_lcpy(r->from_date, db_col_text(st, 7), sizeof(r->from_date));
	str_lcpy(r->to_date, db_col_text(st, 8), sizeof(r->to_date));
	str_lcpy(r->over_cap_reason, db_col_text(st, 9), sizeof(r->over_cap_reason));
	str_lcpy(r->title, db_col_text(st, 10), sizeof(r->title));
	str_lcpy(r->end_reason, db_col_text(st, 11), sizeof(r->end_reason));
}

enum err caseteam_get(struct db *db, int64_t case_id, int64_t member_id, struct member_row *r)
{
	struct db_stmt *st;
	bool row;
	enum err e = db_prepare(db, MEMBER_COLS " FROM case_member m"
				" LEFT JOIN account a ON a.id = m.account_id LEFT JOIN person p ON p.id = m.person_id"
				" WHERE m.id = ? AND m.case_id = ? AND m.to_date IS NULL", &st);
	if (e)
		return e;
	db_bind_int(st, 1, member_id);
	db_bind_int(st, 2, case_id);
	e = db_step(st, &row);
	if (!e && !row)
		e = ERR_NOT_FOUND;
	if (!e)
		member_read(st, r);
	db_done(st);
	return e;
}

/* The ORDER BY is that of index case_member_page (migration 008): no sort. */
enum err caseteam_list(struct db *db, int64_t case_id, void (*cb)(void *ctx, const struct member_row *r), void *ctx)
{
	struct db_stmt *st;
	bool row;
	enum err e = db_prepare(db, MEMBER_COLS
		" FROM case_member m INDEXED BY case_member_page"
		" LEFT JOIN account a ON a.id = m.account_id LEFT JOIN person p ON p.id = m.person_id"
		" WHERE m.case_id = ? ORDER BY m.to_date IS NOT NULL, CASE m.role WHEN 'responsible' THEN 0"
		" WHEN 'pair' THEN 1 ELSE 2 END, m.from_date DESC, m.id DESC", &st);
	if (!e)
		db_bind_int(st, 1, case_id);
	while (!e && !(e = db_step(st, &row)) && row) {
		struct member_row r;
		member_read(st, &r);
		cb(ctx, &r);
	}
	db_done(st);
	return e;
}

enum err caseteam_responsible_changes(struct db *db, int64_t case_id, int *n)
{
	struct db_stmt *st;
	bool row;
	enum err e = db_prepare(db, "SELECT count(*) FROM case_member WHERE case_id = ? AND role = 'responsible'", &st);
	*n = 0;
	if (e)
		return e;
	db_bind_int(st, 1, case_id);
	e = db_step(st, &row);
	if (!e && row && db_col_int(st, 0) > 1)
		*n = (int)db_col_int(st, 0) - 1;
	db_done(st);
	return e;
}

/* Loads come from the caseload table (migration 004, kept by triggers). */
#define LOAD_COLS \
	"SELECT a.id, a.display_name, a.role, coalesce(l.children, 0) AS children, coalesce(l.pairs, 0)"
/* The roles as an OR chain, not IN (...): SQLite 3.40 evaluates a constant
 * IN list of more than two values through an ephemeral table that it
 * builds on every run of the statement (~35k instructions, half of a team's
 * caseloads on the child page). */
#define LOAD_WORKER \
	" a.active = 1 AND a.kind = 'worker' AND (a.role = 'social_worker'" \
	" OR a.role = 'consulting_social_worker' OR a.role = 'social_counsellor' OR a.role = 'family_worker'" \
	" OR a.role = 'team_lead' OR a.role = 'family_therapist')"

static enum err loads(struct db *db, const char *sql, int64_t a, int64_t b, int cap,
		      void (*cb)(void *ctx, const struct caseload_row *r), void *ctx)
{
	struct db_stmt *st;
	bool row;
	enum err e = db_prepare(db, sql, &st);
	if (e)
		return e;
	db_bind_int(st, 1, a);
	db_bind_int(st, 2, b);
	db_bind_int(st, 3, cap);
	while (!(e = db_step(st, &row)) && row) {
		struct caseload_row r = { .account_id = db_col_int(st, 0), .children = (int)db_col_int(st, 3),
					  .pairs = (int)db_col_int(st, 4) };
		str_lcpy(r.name, db_col_text(st, 1), sizeof(r.name));
		str_lcpy(r.role, db_col_text(st, 2), sizeof(r.role));
		r.over = r.children > cap;
		r.at_cap = r.children >= cap;
		cb(ctx, &r);
	}
	db_done(st);
	return e;
}

enum err caseteam_caseloads(struct db *db, int64_t county_id, int64_t team_id, int cap,
			    void (*cb)(void *ctx, const struct caseload_row *r), void *ctx)
{
	if (team_id)
		return loads(db, LOAD_COLS " FROM team_member tm JOIN account a ON a.id = tm.account_id"
				 " LEFT JOIN caseload l ON l.account_id = a.id"
				 " WHERE tm.team_id = ?2 AND a.county_id = ?1 AND ?3 >= 0 AND" LOAD_WORKER
				 " ORDER BY children DESC, a.display_name", county_id, team_id, cap, cb, ctx);
	return loads(db, LOAD_COLS " FROM account a LEFT JOIN caseload l ON l.account_id = a.id"
			 " WHERE a.county_id = ?1 AND ?2 = 0 AND ?3 >= 0 AND" LOAD_WORKER
			 " ORDER BY children DESC, a.display_name", county_id, team_id, cap, cb, ctx);
}

enum err caseteam_over_cap(struct db *db, int64_t county_id, int cap,
			   void (*cb)(void *ctx, const struct caseload_row *r), void *ctx)
{
	return loads(db, LOAD_COLS " FROM caseload l JOIN account a ON a.id = l.account_id"
			 " WHERE l.children > ?3 AND (?1 = 0 OR a.county_id = ?1) AND ?2 = ?2 AND" LOAD_WORKER
			 " ORDER BY children DESC", county_id, 0, cap, cb, ctx);
}

enum err caseteam_candidates(struct db *db, int64_t county_id, const char *q, int limit,
			     void (*cb)(void *ctx, const struct candidate_row *r), void *ctx,
			     struct field_error *fe)
{
	struct db_stmt *st = NULL;
	struct buf pat;
	bool row;
	enum err e = validate_text(q, "member_q", 2, CANDIDATE_QUERY_CHARS, false, fe);

	if (!e)
		e = validate_not_blank(q, "member_q", fe);
	if (e)
		return e;
	/* q as a LIKE pattern that matches only itself: \ escapes % and _. */
	buf_init(&pat, CANDIDATE_QUERY_CHARS * 8 + 8);
	buf_append(&pat, "%", 1);
	for (const char *c = q; *c; c++) {
		if (*c == '%' || *c == '_' || *c == '\\')
			buf_append(&pat, "\\", 1);
		buf_append(&pat, c, 1);
	}
	buf_append(&pat, "%", 1);
	e = db_prepare(db,
		"SELECT a.id, a.display_name, a.kind, a.role, a.organisation,"
		" coalesce((SELECT group_concat(t.name, ', ') FROM team_member tm JOIN team t ON t.id = tm.team_id"
		"           WHERE tm.account_id = a.id), '')"
		" FROM account a WHERE a.active = 1 AND a.county_id = ?1 AND (a.kind = 'worker' OR a.kind = 'partner')"
		" AND (a.display_name LIKE ?2 ESCAPE '\\' OR a.organisation LIKE ?2 ESCAPE '\\' OR a.title LIKE ?2 ESCAPE '\\'"
		"      OR EXISTS (SELECT 1 FROM team_member tm JOIN team t ON t.id = tm.team_id"
		"                 WHERE tm.account_id = a.id AND t.name LIKE ?2 ESCAPE '\\'))"
		" ORDER BY a.display_name, a.id LIMIT ?3", &st);
	if (!e) {
		db_bind_int(st, 1, county_id);
		db_bind_text(st, 2, buf_str(&pat));
		db_bind_int(st, 3, limit);
	}
	while (!e && !(e = db_step(st, &row)) && row) {
		struct candidate_row r = { .account_id = db_col_int(st, 0) };
		str_lcpy(r.name, db_col_text(st, 1), sizeof(r.name));
		str_lcpy(r.kind, db_col_text(st, 2), sizeof(r.kind));
		str_lcpy(r.role, db_col_text(st, 3), sizeof(r.role));
		str_lcpy(r.organisation, db_col_text(st, 4), sizeof(r.organisation));
		str_lcpy(r.teams, db_col_text(st, 5), sizeof(r.teams));
		cb(ctx, &r);
	}
	if (st)
		db_done(st);
	buf_release(&pat);
	return e;
}

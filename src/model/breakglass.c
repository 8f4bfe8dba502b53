/*
 * breakglass.c - break-the-glass grants and their report (see breakglass.h).
 */
#include <string.h>
#include "core/clock.h"
#include "core/str.h"
#include "model/breakglass.h"

enum err breakglass_reason(const char *reason, char *out, size_t outsz, struct field_error *fe)
{
	size_t n, visible = 0;
	const char *s = str_trim(reason, &n);
	enum err e;

	out[0] = '\0';
	if (!n)
		return validate_fail(fe, "reason", "required",
				     "say why you must open this child's case (at least %d characters)",
				     BREAKGLASS_REASON_MIN);
	if (n >= outsz)
		return validate_fail(fe, "reason", "too_long", "the reason may be at most %d characters",
				     BREAKGLASS_REASON_MAX);
	memcpy(out, s, n);
	out[n] = '\0';
	e = validate_text(out, "reason", 1, BREAKGLASS_REASON_MAX, true, fe);
	if (e) {
		out[0] = '\0';
		return e;
	}
	for (size_t i = 0; i < n; i++)
		if (!str_is_space((unsigned char)out[i]) && ((unsigned char)out[i] & 0xC0) != 0x80)
			visible++;
	if (visible < BREAKGLASS_REASON_MIN) {
		out[0] = '\0';
		return validate_fail(fe, "reason", "too_short",
				     "the reason must have at least %d characters other than spaces",
				     BREAKGLASS_REASON_MIN);
	}
	return ERR_OK;
}

enum err breakglass_insert(struct db *db, int64_t account_id, int64_t case_id, const char *reason,
			   int minutes, struct breakglass_grant *out)
{
	struct db_stmt *st;
	int64_t now = clock_now();
	enum err e;

	/* reason may be out->reason itself: keep it. */
	if (reason != out->reason)
		str_lcpy(out->reason, reason, sizeof(out->reason));
	out->id = 0;
	clock_iso(now, out->created_at);
	clock_iso(now + (int64_t)minutes * 60, out->expires_at);
	e = db_prepare(db, "INSERT INTO break_glass_grant(account_id, case_id, reason, created_at, expires_at)"
			   " VALUES (?,?,?,?,?)", &st);
	if (e)
		return e;
	db_bind_int(st, 1, account_id);
	db_bind_int(st, 2, case_id);
	db_bind_text(st, 3, reason);
	db_bind_text(st, 4, out->created_at);
	db_bind_text(st, 5, out->expires_at);
	e = db_run(st);
	db_done(st);
	if (!e)
		out->id = db_last_id(db);
	return e;
}

enum err breakglass_current(struct db *db, int64_t account_id, int64_t case_id, struct breakglass_grant *out)
{
	struct db_stmt *st;
	char now[21];
	bool row;
	enum err e = db_prepare(db, "SELECT id, created_at, expires_at, reason FROM break_glass_grant"
				    " WHERE account_id = ? AND case_id = ? AND expires_at > ?"
				    " ORDER BY expires_at DESC LIMIT 1", &st);

	memset(out, 0, sizeof(*out));
	if (e)
		return e;
	clock_iso(clock_now(), now);
	db_bind_int(st, 1, account_id);
	db_bind_int(st, 2, case_id);
	db_bind_text(st, 3, now);
	e = db_step(st, &row);
	if (!e && !row)
		e = ERR_NOT_FOUND;
	if (!e) {
		out->id = db_col_int(st, 0);
		str_lcpy(out->created_at, db_col_text(st, 1), sizeof(out->created_at));
		str_lcpy(out->expires_at, db_col_text(st, 2), sizeof(out->expires_at));
		str_lcpy(out->reason, db_col_text(st, 3), sizeof(out->reason));
	}
	db_done(st);
	return e;
}

enum err breakglass_active(struct db *db, int64_t account_id, int64_t case_id, bool *yes)
{
	struct breakglass_grant g;
	enum err e = breakglass_current(db, account_id, case_id, &g);

	*yes = !e;
	return e == ERR_NOT_FOUND ? ERR_OK : e;
}

/* The grants a reader may see: the child's responsible worker, the lead of
 * the owning team, the manager of its area. */
#define REPORT_SQL \
	"SELECT g.id, g.created_at, g.expires_at, a.username, a.display_name, a.role, c.child_id," \
	" p.first_names || ' ' || p.last_name, c.id, t.name, g.reason," \
	" (SELECT count(*) FROM access_log l WHERE l.account_id = g.account_id AND l.case_id = g.case_id" \
	"   AND l.basis = 'break_glass' AND l.action <> 'break_glass' AND l.at >= g.created_at AND l.at <= g.expires_at)," \
	" (SELECT group_concat(DISTINCT l.action) FROM access_log l WHERE l.account_id = g.account_id" \
	"   AND l.case_id = g.case_id AND l.basis = 'break_glass' AND l.at >= g.created_at" \
	"   AND l.action <> 'break_glass' AND l.at <= g.expires_at)" \
	" FROM break_glass_grant g JOIN account a ON a.id = g.account_id" \
	" JOIN child_case c ON c.id = g.case_id JOIN person p ON p.id = c.child_id" \
	" JOIN team t ON t.id = c.team_id" \
	" WHERE EXISTS (SELECT 1 FROM case_member m WHERE m.case_id = c.id AND m.role = 'responsible'" \
	"   AND m.to_date IS NULL AND m.account_id = ?1)" \
	" OR EXISTS (SELECT 1 FROM team_member tm WHERE tm.team_id = c.team_id AND tm.account_id = ?1" \
	"   AND tm.is_lead = 1)" \
	" OR (t.area_id = ?2 AND ?2 <> 0)" \
	" ORDER BY g.id DESC LIMIT ?3"

enum err breakglass_report(struct db *db, const struct principal *p, int limit,
			   void (*cb)(void *ctx, const struct breakglass_row *r), void *ctx)
{
	struct db_stmt *st;
	bool row;
	enum err e = db_prepare(db, REPORT_SQL, &st);

	if (e)
		return e;
	db_bind_int(st, 1, p->account_id);
	db_bind_int(st, 2, p->role == ROLE_MANAGER ? p->area_id : 0);
	db_bind_int(st, 3, limit);
	while (!(e = db_step(st, &row)) && row) {
		struct breakglass_row r;
		memset(&r, 0, sizeof(r));
		r.grant_id = db_col_int(st, 0);
		str_lcpy(r.created_at, db_col_text(st, 1), sizeof(r.created_at));
		str_lcpy(r.expires_at, db_col_text(st, 2), sizeof(r.expires_at));
		str_lcpy(r.username, db_col_text(st, 3), sizeof(r.username));
		str_lcpy(r.name, db_col_text(st, 4), sizeof(r.name));
		str_lcpy(r.role, db_col_text(st, 5), sizeof(r.role));
		r.child_id = db_col_int(st, 6);
		str_lcpy(r.child_name, db_col_text(st, 7), sizeof(r.child_name));
		r.case_id = db_col_int(st, 8);
		str_lcpy(r.team_name, db_col_text(st, 9), sizeof(r.team_name));
		str_lcpy(r.reason, db_col_text(st, 10), sizeof(r.reason));
		r.reads = (int)db_col_int(st, 11);
		str_lcpy(r.opened, db_col_text(st, 12), sizeof(r.opened));
		cb(ctx, &r);
	}
	db_done(st);
	return e;
}

enum err breakglass_counts(struct db *db, int64_t county_id, int64_t *total, int64_t *last30, int64_t *live)
{
	struct db_stmt *st;
	char now[21], since[21];
	bool row;
	enum err e = db_prepare(db, "SELECT count(*), coalesce(sum(g.created_at >= ?2), 0),"
				    " coalesce(sum(g.expires_at > ?3), 0)"
				    " FROM break_glass_grant g JOIN account a ON a.id = g.account_id"
				    " WHERE a.county_id = ?1", &st);

	*total = *last30 = *live = 0;
	if (e)
		return e;
	clock_iso(clock_now(), now);
	clock_iso(clock_now() - 30 * 86400, since);
	db_bind_int(st, 1, county_id);
	db_bind_text(st, 2, since);
	db_bind_text(st, 3, now);
	e = db_step(st, &row);
	if (!e && row) {
		*total = db_col_int(st, 0);
		*last30 = db_col_int(st, 1);
		*live = db_col_int(st, 2);
	}
	db_done(st);
	return e;
}

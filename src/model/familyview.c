/*
 * familyview.c - the family view's data (see familyview.h).
 */
#include <string.h>
#include "core/clock.h"
#include "core/str.h"
#include "core/workday.h"
#include "model/familyview.h"

/* The child and everyone related to the child, both directions of the
 * relation read as the child sees it ("X is parent of me"). */
#define MEMBERS_SQL \
	"SELECT p.id, p.first_names || ' ' || p.last_name, 'self', coalesce(p.birth_date, ''), p.non_disclosure, 0" \
	" FROM person p WHERE p.id = ?1" \
	" UNION ALL" \
	" SELECT p.id, p.first_names || ' ' || p.last_name, r.kind, coalesce(p.birth_date, ''), p.non_disclosure, 1" \
	" FROM relation r JOIN person p ON p.id = r.person_id WHERE r.related_id = ?1" \
	" UNION ALL" \
	" SELECT p.id, p.first_names || ' ' || p.last_name," \
	"  CASE r.kind WHEN 'parent' THEN 'child' WHEN 'adoptive_parent' THEN 'adoptive_child'" \
	"   WHEN 'foster_parent' THEN 'foster_child' ELSE r.kind END," \
	"  coalesce(p.birth_date, ''), p.non_disclosure, 2" \
	" FROM relation r JOIN person p ON p.id = r.related_id WHERE r.person_id = ?1"

enum err familyview_members(struct db *db, int64_t child_id,
			    void (*cb)(void *ctx, const struct familyview_member *m), void *ctx)
{
	struct db_stmt *st;
	bool row;
	int n = 0;
	enum err e = db_prepare(db, "SELECT * FROM (" MEMBERS_SQL ") ORDER BY 6, 4, 1", &st);

	if (!e)
		db_bind_int(st, 1, child_id);
	while (!e && !(e = db_step(st, &row)) && row && n++ < FAMILYVIEW_MAX_MEMBERS) {
		struct familyview_member m = { .person_id = db_col_int(st, 0), .non_disclosure = db_col_int(st, 4) != 0 };
		str_lcpy(m.name, db_col_text(st, 1), sizeof(m.name));
		str_lcpy(m.relation, db_col_text(st, 2), sizeof(m.relation));
		str_lcpy(m.birth_date, db_col_text(st, 3), sizeof(m.birth_date));
		cb(ctx, &m);
	}
	db_done(st);
	return e;
}

bool familyview_shows_place(const struct decision *d, bool non_disclosure)
{
	if (!d || !d->allow || !(d->fields & FIELD_SERVICES))
		return false;
	return !non_disclosure || d->audience == AUD_CASE_WORKER || d->audience == AUD_BREAK_GLASS;
}

enum err familyview_services(struct db *db, int64_t child_id, const struct decision *d,
			     void (*cb)(void *ctx, const struct person_service_row *r), void *ctx)
{
	struct db_stmt *st;
	bool row;
	char today[11];
	int n = 0;
	enum err e;

	if (!d || !d->allow || !(d->fields & FIELD_SERVICES))
		return ERR_DENIED;
	date_format(date_today(), today);
	e = db_prepare(db,
		"WITH members(id, nd) AS (SELECT DISTINCT m.id, m.nd FROM (SELECT p.id AS id, p.non_disclosure AS nd"
		"  FROM person p WHERE p.id = ?1"
		"  UNION ALL SELECT p.id, p.non_disclosure FROM relation r JOIN person p ON p.id = r.person_id"
		"   WHERE r.related_id = ?1"
		"  UNION ALL SELECT p.id, p.non_disclosure FROM relation r JOIN person p ON p.id = r.related_id"
		"   WHERE r.person_id = ?1) m)"
		" SELECT s.id, s.person_id, coalesce(s.service_id, 0), coalesce(o.name, s.org_name), coalesce(o.kind, ''),"
		"  coalesce(ps.name, s.service_name), s.worker_name, s.worker_contact, s.from_date, coalesce(s.to_date, ''),"
		"  a.display_name, s.recorded_at, mb.nd,"
		"  s.from_date <= ?2 AND (s.to_date IS NULL OR s.to_date >= ?2) AS cur"
		" FROM members mb JOIN person_service s ON s.person_id = mb.id"
		" LEFT JOIN partner_service ps ON ps.id = s.service_id LEFT JOIN partner_org o ON o.id = ps.org_id"
		" JOIN account a ON a.id = s.recorded_by"
		" ORDER BY cur DESC, s.from_date DESC, s.id DESC", &st);
	if (!e) {
		db_bind_int(st, 1, child_id);
		db_bind_text(st, 2, today);
	}
	while (!e && !(e = db_step(st, &row)) && row && n++ < FAMILYVIEW_MAX_SERVICES) {
		struct person_service_row r = { .id = db_col_int(st, 0), .person_id = db_col_int(st, 1),
						.service_id = db_col_int(st, 2), .current = db_col_int(st, 13) != 0 };
		r.hidden = !familyview_shows_place(d, db_col_int(st, 12) != 0);
		if (!r.hidden) {
			str_lcpy(r.org_name, db_col_text(st, 3), sizeof(r.org_name));
			str_lcpy(r.org_kind, db_col_text(st, 4), sizeof(r.org_kind));
			str_lcpy(r.service_name, db_col_text(st, 5), sizeof(r.service_name));
			str_lcpy(r.worker_name, db_col_text(st, 6), sizeof(r.worker_name));
			str_lcpy(r.worker_contact, db_col_text(st, 7), sizeof(r.worker_contact));
		} else {
			r.service_id = 0;
		}
		str_lcpy(r.from_date, db_col_text(st, 8), sizeof(r.from_date));
		str_lcpy(r.to_date, db_col_text(st, 9), sizeof(r.to_date));
		str_lcpy(r.recorded_by, db_col_text(st, 10), sizeof(r.recorded_by));
		str_lcpy(r.recorded_at, db_col_text(st, 11), sizeof(r.recorded_at));
		cb(ctx, &r);
	}
	db_done(st);
	return e;
}

/* A date field: required or "" allowed; never after today when past_only. */
static enum err date_field(const char *s, const char *field, bool required, char out[11], struct field_error *fe)
{
	struct date d;
	char today[11];

	out[0] = '\0';
	if (!s || !*s)
		return required ? validate_fail(fe, field, "required", "%s is required", field) : ERR_OK;
	if (date_parse(s, &d))
		return validate_fail(fe, field, "invalid_date", "%s must be a date YYYY-MM-DD", field);
	date_format(d, out);
	date_format(date_today(), today);
	if (required && strcmp(out, today) > 0)
		return validate_fail(fe, field, "future", "%s cannot be in the future", field);
	return ERR_OK;
}

/* Is person_id the child or related to the child? */
static enum err is_member(struct db *db, int64_t child_id, int64_t person_id, bool *yes)
{
	struct db_stmt *st;
	bool row;
	enum err e;

	*yes = false;
	e = db_prepare(db, "SELECT ?2 = ?1 OR EXISTS (SELECT 1 FROM relation r WHERE (r.related_id = ?1 AND r.person_id = ?2)"
			   " OR (r.person_id = ?1 AND r.related_id = ?2))", &st);
	if (e)
		return e;
	db_bind_int(st, 1, child_id);
	db_bind_int(st, 2, person_id);
	e = db_step(st, &row);
	if (!e && row)
		*yes = db_col_int(st, 0) != 0;
	db_done(st);
	return e;
}

/* Is service_id a service of county_id's partner map? */
static enum err is_county_service(struct db *db, int64_t county_id, int64_t service_id, bool *yes)
{
	struct db_stmt *st;
	bool row;
	enum err e = db_prepare(db, "SELECT EXISTS (SELECT 1 FROM partner_service s JOIN partner_org o ON o.id = s.org_id"
				    " WHERE s.id = ? AND o.county_id = ?)", &st);
	*yes = false;
	if (e)
		return e;
	db_bind_int(st, 1, service_id);
	db_bind_int(st, 2, county_id);
	e = db_step(st, &row);
	if (!e && row)
		*yes = db_col_int(st, 0) != 0;
	db_done(st);
	return e;
}

enum err person_service_add(struct db *db, const struct person_service_new *n, int64_t *id,
			    struct field_error *fe)
{
	struct db_stmt *st;
	int64_t person_id = 0, service_id = 0;
	char from[11], to[11], now[21];
	bool yes = false;
	enum err e;

	*id = 0;
	if (!n->person_id || !*n->person_id)
		return validate_fail(fe, "person_id", "required", "choose the family member");
	e = validate_id(n->person_id, "person_id", &person_id, fe);
	if (!e) e = is_member(db, n->child_id, person_id, &yes);
	if (!e && !yes)
		return validate_fail(fe, "person_id", "familyview_not_member", "the person is not a member of the child's family");
	if (!e && n->service_id && *n->service_id) {
		e = validate_id(n->service_id, "service_id", &service_id, fe);
		if (!e) e = is_county_service(db, n->county_id, service_id, &yes);
		if (!e && !yes)
			return validate_fail(fe, "service_id", "invalid", "no such service in the partner map");
	}
	if (!e && !service_id && (!n->service_name || !*n->service_name))
		return validate_fail(fe, "service_name", "familyview_service_required",
				     "choose a service from the partner map or name it");
	if (!e && !service_id) e = validate_not_blank(n->service_name, "service_name", fe);
	if (!e) e = validate_text(n->service_name, "service_name", 0, FAMILYVIEW_TEXT_MAX, false, fe);
	if (!e) e = validate_text(n->org_name, "org_name", 0, FAMILYVIEW_TEXT_MAX, false, fe);
	if (!e) e = validate_text(n->worker_name, "worker_name", 0, FAMILYVIEW_TEXT_MAX, false, fe);
	if (!e) e = validate_text(n->worker_contact, "worker_contact", 0, FAMILYVIEW_CONTACT_MAX, false, fe);
	if (!e) e = date_field(n->from_date, "from_date", true, from, fe);
	if (!e) e = date_field(n->to_date, "to_date", false, to, fe);
	if (!e && to[0] && strcmp(to, from) < 0)
		e = validate_fail(fe, "to_date", "before_from", "to_date cannot be before from_date");
	if (e)
		return e;
	e = db_prepare(db, "INSERT INTO person_service(person_id, case_id, service_id, org_name, service_name, worker_name,"
			   " worker_contact, from_date, to_date, recorded_by, recorded_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)", &st);
	if (e)
		return e;
	clock_iso(clock_now(), now);
	db_bind_int(st, 1, person_id);
	db_bind_int(st, 2, n->case_id);
	if (service_id)
		db_bind_int(st, 3, service_id);
	else
		db_bind_null(st, 3);
	db_bind_text(st, 4, service_id ? "" : (n->org_name ? n->org_name : ""));
	db_bind_text(st, 5, service_id ? "" : n->service_name);
	db_bind_text(st, 6, n->worker_name ? n->worker_name : "");
	db_bind_text(st, 7, n->worker_contact ? n->worker_contact : "");
	db_bind_text(st, 8, from);
	if (to[0])
		db_bind_text(st, 9, to);
	else
		db_bind_null(st, 9);
	db_bind_int(st, 10, n->by);
	db_bind_text(st, 11, now);
	e = db_run(st);
	if (!e)
		*id = db_last_id(db);
	return e;
}

enum err familyview_meetings(struct db *db, int64_t case_id, int64_t child_id, int64_t account_id,
			     const char *from_day, int max,
			     void (*cb)(void *ctx, const struct familyview_meeting *m), void *ctx)
{
	struct db_stmt *st;
	bool row;
	int n = 0;
	enum err e = db_prepare(db,
		"SELECT m.id, m.kind, m.meets_on, m.start_time, m.minutes, m.place, m.video_url, t.name"
		" FROM meeting_item i JOIN meeting m ON m.id = i.meeting_id JOIN team t ON t.id = m.team_id"
		" WHERE i.case_id = ?1 AND m.meets_on >= ?4 AND m.cancelled = 0"
		"  AND (m.kind = 'client' OR EXISTS (SELECT 1 FROM meeting_invite v WHERE v.item_id = i.id"
		"   AND (v.role IN ('family', 'close_network') OR (?3 <> 0 AND v.account_id = ?3) OR v.person_id = ?2"
		"    OR v.person_id IN (SELECT r.person_id FROM relation r WHERE r.related_id = ?2)"
		"    OR v.person_id IN (SELECT r.related_id FROM relation r WHERE r.person_id = ?2))))"
		" ORDER BY m.meets_on, m.start_time, m.id", &st);

	if (!e) {
		db_bind_int(st, 1, case_id);
		db_bind_int(st, 2, child_id);
		db_bind_int(st, 3, account_id);
		db_bind_text(st, 4, from_day);
	}
	while (!e && n < max && !(e = db_step(st, &row)) && row) {
		struct familyview_meeting m = { .meeting_id = db_col_int(st, 0), .minutes = (int)db_col_int(st, 4) };
		str_lcpy(m.kind, db_col_text(st, 1), sizeof(m.kind));
		str_lcpy(m.meets_on, db_col_text(st, 2), sizeof(m.meets_on));
		str_lcpy(m.start_time, db_col_text(st, 3), sizeof(m.start_time));
		str_lcpy(m.place, db_col_text(st, 5), sizeof(m.place));
		str_lcpy(m.video_url, db_col_text(st, 6), sizeof(m.video_url));
		str_lcpy(m.team_name, db_col_text(st, 7), sizeof(m.team_name));
		cb(ctx, &m);
		n++;
	}
	db_done(st);
	return e;
}

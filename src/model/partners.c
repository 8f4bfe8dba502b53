/*
 * partners.c - the partner map, mapping invitations and multi-agency
 * assessments (see partners.h).
 */
#include <stdio.h>
#include <string.h>
#include "core/buf.h"
#include "core/clock.h"
#include "core/str.h"
#include "model/partners.h"

const char *const partner_kinds[] = { "school", "daycare", "child_health_clinic", "youth_psychiatry",
				      "substance_mental_health", "police", "ngo", "parish", "other", NULL };
const char *const mapping_answers[] = { "yes", "maybe", "no", NULL };
const char *const assessment_areas[] = {
	"child_strengths", "child_health", "child_mental_health", "child_social_skills", "child_development",
	"parenting_strengths", "parenting_care", "parenting_safety", "parenting_skills_support",
	"parenting_child_view", "parenting_bond", "parenting_limits", "parenting_predictability", NULL
};

#define COPY(dst, st, col) str_lcpy((dst), db_col_text((st), (col)), sizeof(dst))

static void now_iso(char out[21])
{
	clock_iso(clock_now(), out);
}

/* ---- the partner map ---------------------------------------------------- */

static enum err validate_email(const char *s, const char *field, struct field_error *fe)
{
	enum err e = validate_text(s, field, 0, 200, false, fe);
	if (!e && s && *s && (!strchr(s, '@') || strchr(s, ' ')))
		e = validate_fail(fe, field, "partners_invalid_email", "%s must be an e-mail address", field);
	return e;
}

enum err partner_org_create(struct db *db, struct partner_org *o, struct field_error *fe)
{
	struct db_stmt *st;
	char now[21];
	enum err e = validate_text(o->name, "name", 1, 200, false, fe);

	if (!e) e = validate_not_blank(o->name, "name", fe);
	if (!e) e = validate_enum(o->kind, "kind", partner_kinds, fe);
	if (!e) e = validate_phone(o->phone, "phone", fe);
	if (!e) e = validate_email(o->email, "email", fe);
	if (!e) e = validate_text(o->address, "address", 0, 200, false, fe);
	if (!e) e = validate_text(o->description, "description", 0, 1000, true, fe);
	if (e)
		return e;
	e = db_prepare(db, "INSERT INTO partner_org(county_id, name, kind, phone, email, address, description,"
			   " created_at) VALUES (?,?,?,?,?,?,?,?)", &st);
	if (e)
		return e;
	now_iso(now);
	db_bind_int(st, 1, o->county_id);
	db_bind_text(st, 2, o->name);
	db_bind_text(st, 3, o->kind);
	db_bind_text(st, 4, o->phone);
	db_bind_text(st, 5, o->email);
	db_bind_text(st, 6, o->address);
	db_bind_text(st, 7, o->description);
	db_bind_text(st, 8, now);
	e = db_run(st);
	if (e == ERR_CONFLICT)
		return validate_fail(fe, "name", "taken", "an organisation of this name is in the map already");
	if (!e)
		o->id = db_last_id(db);
	return e;
}

static void fill_org(struct db_stmt *st, void *out)
{
	struct partner_org *o = out;
	memset(o, 0, sizeof(*o));
	o->id = db_col_int(st, 0);
	o->county_id = db_col_int(st, 1);
	COPY(o->name, st, 2);
	COPY(o->kind, st, 3);
	COPY(o->phone, st, 4);
	COPY(o->email, st, 5);
	COPY(o->address, st, 6);
	COPY(o->description, st, 7);
}

#define ORG_COLS "o.id, o.county_id, o.name, o.kind, o.phone, o.email, o.address, o.description"

enum err partner_org_get(struct db *db, int64_t county_id, int64_t id, struct partner_org *out)
{
	enum err e = db_get_by_id(db, "SELECT " ORG_COLS " FROM partner_org o WHERE o.id = ?", id, fill_org, out);
	if (!e && out->county_id != county_id)
		e = ERR_NOT_FOUND;
	return e;
}

enum err partner_service_create(struct db *db, int64_t county_id, struct partner_service *s,
				struct field_error *fe)
{
	struct partner_org o;
	struct db_stmt *st;
	enum err e = partner_org_get(db, county_id, s->org_id, &o);

	if (e == ERR_NOT_FOUND)
		return validate_fail(fe, "org_id", "unknown_value", "no such partner organisation");
	if (!e) e = validate_text(s->name, "name", 1, 200, false, fe);
	if (!e) e = validate_not_blank(s->name, "name", fe);
	if (!e) e = validate_text(s->description, "description", 0, 1000, true, fe);
	if (!e) e = validate_text(s->contact, "contact", 0, 200, false, fe);
	if (!e) e = validate_phone(s->phone, "phone", fe);
	if (!e) e = validate_email(s->email, "email", fe);
	if (e)
		return e;
	e = db_prepare(db, "INSERT INTO partner_service(org_id, name, description, contact, phone, email)"
			   " VALUES (?,?,?,?,?,?)", &st);
	if (e)
		return e;
	db_bind_int(st, 1, s->org_id);
	db_bind_text(st, 2, s->name);
	db_bind_text(st, 3, s->description);
	db_bind_text(st, 4, s->contact);
	db_bind_text(st, 5, s->phone);
	db_bind_text(st, 6, s->email);
	e = db_run(st);
	if (e == ERR_CONFLICT)
		return validate_fail(fe, "name", "taken", "this organisation has a service of this name already");
	if (!e)
		s->id = db_last_id(db);
	return e;
}

enum err partner_member_set(struct db *db, int64_t county_id, int64_t account_id, int64_t org_id,
			    struct field_error *fe)
{
	struct partner_org o;
	struct db_stmt *st;
	bool row;
	enum err e = partner_org_get(db, county_id, org_id, &o);

	if (e == ERR_NOT_FOUND)
		return validate_fail(fe, "org_id", "unknown_value", "no such partner organisation");
	if (e)
		return e;
	e = db_prepare(db, "SELECT 1 FROM account WHERE id = ? AND county_id = ? AND kind = 'partner'", &st);
	if (e)
		return e;
	db_bind_int(st, 1, account_id);
	db_bind_int(st, 2, county_id);
	e = db_step(st, &row);
	db_done(st);
	if (!e && !row)
		return validate_fail(fe, "account_id", "unknown_value", "no such partner account");
	if (!e) e = db_prepare(db, "INSERT INTO partner_member(account_id, org_id) VALUES (?, ?)"
				   " ON CONFLICT(account_id) DO UPDATE SET org_id = excluded.org_id", &st);
	if (e)
		return e;
	db_bind_int(st, 1, account_id);
	db_bind_int(st, 2, org_id);
	return db_run(st);
}

/* Is id among ids[0..n)? */
static bool id_in(const int64_t *ids, int n, int64_t id)
{
	for (int i = 0; i < n; i++)
		if (ids[i] == id)
			return true;
	return false;
}

/* Add the org ids of rows of sql (county_id bound as ?1; the id first,
 * the texts to search after it, ncols of them) matching qf to ids. */
static enum err search_ids(struct db *db, const char *sql, int ncols, int64_t county_id, const char *qf,
			   int64_t *ids, int *n, int max)
{
	struct db_stmt *st;
	bool row;
	enum err e = db_prepare(db, sql, &st);

	if (e)
		return e;
	db_bind_int(st, 1, county_id);
	while (!(e = db_step(st, &row)) && row) {
		int64_t id = db_col_int(st, 0);
		bool hit = false;
		for (int c = 1; c <= ncols && !hit; c++)
			hit = str_fold_contains(db_col_text(st, c), qf);
		if (hit && !id_in(ids, *n, id) && *n < max)
			ids[(*n)++] = id;
	}
	db_done(st);
	return e;
}

/* The search ignores case in C (str_fold: Ä and ä, Ö and ö, Å and å are
 * the same letter to it), not with SQLite's LIKE, which folds ASCII only:
 * a county's partner register is small enough to read whole. */
enum err partner_search(struct db *db, int64_t county_id, const char *q, int max, const struct partner_map_cb *cb)
{
	static const char *const orgs_sql =
		"SELECT " ORG_COLS " FROM partner_org o WHERE o.county_id = ?1 ORDER BY o.name, o.id";
	static const char *const org_text_sql =
		"SELECT o.id, o.name, o.description FROM partner_org o WHERE o.county_id = ?1";
	static const char *const svc_text_sql =
		"SELECT s.org_id, s.name, s.description, s.contact FROM partner_service s"
		" JOIN partner_org o ON o.id = s.org_id WHERE o.county_id = ?1";
	static const char *const people_text_sql =
		"SELECT m.org_id, a.display_name, a.title FROM partner_member m JOIN account a ON a.id = m.account_id"
		" JOIN partner_org o ON o.id = m.org_id WHERE o.county_id = ?1 AND a.active = 1";
	static const char *const svc_sql =
		"SELECT s.id, s.org_id, s.name, s.description, s.contact, s.phone, s.email"
		" FROM partner_service s WHERE s.org_id = ?1 ORDER BY s.name, s.id";
	static const char *const people_sql =
		"SELECT a.id, m.org_id, a.username, a.display_name, a.title"
		" FROM partner_member m JOIN account a ON a.id = m.account_id"
		" WHERE m.org_id = ?1 AND a.active = 1 ORDER BY a.display_name, a.id";
	char qf[1024];
	int64_t ids[200], hits[PARTNERS_SEARCH_SCAN];
	int n = 0, nhits = 0;
	struct db_stmt *st;
	bool row, all;
	size_t qn;
	const char *qt = str_trim(q, &qn);
	enum err e = ERR_OK;

	if (qn >= sizeof(qf))
		return ERR_TOO_LARGE;
	memcpy(qf, qt, qn);
	qf[qn] = 0;
	if (!str_fold(qf, qf, sizeof(qf)))
		return ERR_TOO_LARGE;
	all = !qf[0];
	if (max > 200)
		max = 200;
	if (!all) e = search_ids(db, org_text_sql, 2, county_id, qf, hits, &nhits, PARTNERS_SEARCH_SCAN);
	if (!all && !e) e = search_ids(db, svc_text_sql, 3, county_id, qf, hits, &nhits, PARTNERS_SEARCH_SCAN);
	if (!all && !e) e = search_ids(db, people_text_sql, 2, county_id, qf, hits, &nhits, PARTNERS_SEARCH_SCAN);
	if (!e) e = db_prepare(db, orgs_sql, &st);
	if (e)
		return e;
	db_bind_int(st, 1, county_id);
	while (n < max && !(e = db_step(st, &row)) && row) {
		struct partner_org o;
		fill_org(st, &o);
		if (!all && !id_in(hits, nhits, o.id))
			continue;
		ids[n++] = o.id;
		cb->org(cb->ctx, &o);
	}
	db_done(st);
	for (int i = 0; !e && i < n; i++) {
		e = db_prepare(db, svc_sql, &st);
		if (e)
			break;
		db_bind_int(st, 1, ids[i]);
		while (!(e = db_step(st, &row)) && row) {
			struct partner_service s = { .id = db_col_int(st, 0), .org_id = db_col_int(st, 1) };
			COPY(s.name, st, 2);
			COPY(s.description, st, 3);
			COPY(s.contact, st, 4);
			COPY(s.phone, st, 5);
			COPY(s.email, st, 6);
			s.matched = !all && (str_fold_contains(s.name, qf) || str_fold_contains(s.description, qf) ||
					     str_fold_contains(s.contact, qf));
			cb->service(cb->ctx, &s);
		}
		db_done(st);
		if (!e) e = db_prepare(db, people_sql, &st);
		if (e)
			break;
		db_bind_int(st, 1, ids[i]);
		while (!(e = db_step(st, &row)) && row) {
			struct partner_person p = { .account_id = db_col_int(st, 0), .org_id = db_col_int(st, 1) };
			COPY(p.username, st, 2);
			COPY(p.display_name, st, 3);
			COPY(p.title, st, 4);
			p.matched = !all && (str_fold_contains(p.display_name, qf) || str_fold_contains(p.title, qf));
			cb->person(cb->ctx, &p);
		}
		db_done(st);
	}
	return e;
}

enum err partner_team_counts(struct db *db, int64_t county_id, int64_t area_id, int64_t team_id,
			     void (*cb)(void *ctx, const struct partner_org *o), void *ctx)
{
	static const char *const sql =
		"SELECT " ORG_COLS ", (SELECT count(DISTINCT cm.case_id) FROM partner_member pm"
		"  JOIN case_member cm ON cm.account_id = pm.account_id"
		"  JOIN child_case c ON c.id = cm.case_id JOIN team t ON t.id = c.team_id"
		"  WHERE pm.org_id = o.id AND (t.area_id = ?2 OR c.team_id = ?3))"
		" FROM partner_org o WHERE o.county_id = ?1 ORDER BY o.name, o.id";
	struct db_stmt *st;
	bool row;
	enum err e = db_prepare(db, sql, &st);

	if (e)
		return e;
	db_bind_int(st, 1, county_id);
	db_bind_int(st, 2, area_id ? area_id : -1);
	db_bind_int(st, 3, area_id ? -1 : team_id);
	while (!(e = db_step(st, &row)) && row) {
		struct partner_org o;
		fill_org(st, &o);
		o.children = (int)db_col_int(st, 8);
		cb(ctx, &o);
	}
	db_done(st);
	return e;
}

/* ---- mapping invitations ---------------------------------------------- */

/* Is account_id an active worker or partner account of county (not admin). */
static enum err account_usable(struct db *db, int64_t county_id, int64_t account_id, bool *ok)
{
	struct db_stmt *st;
	enum err e = db_prepare(db, "SELECT 1 FROM account WHERE id = ? AND county_id = ? AND active = 1"
				    " AND kind IN ('worker', 'partner') AND role <> 'admin'", &st);
	if (e)
		return e;
	db_bind_int(st, 1, account_id);
	db_bind_int(st, 2, county_id);
	e = db_step(st, ok);
	db_done(st);
	return e;
}

/* Distinct, valid accounts from ids (not skip); fe names field. */
static enum err check_accounts(struct db *db, int64_t county_id, const int64_t *ids, int n, int64_t skip,
			       const char *field, int max, struct field_error *fe)
{
	enum err e = ERR_OK;
	if (n > max)
		return validate_fail(fe, field, "too_many", "at most %d people", max);
	for (int i = 0; !e && i < n; i++) {
		bool ok = false;
		if (ids[i] == skip)
			return validate_fail(fe, field, "partners_self", "you cannot invite yourself");
		for (int j = 0; j < i; j++)
			if (ids[j] == ids[i])
				return validate_fail(fe, field, "partners_duplicate", "account %lld is listed twice", (long long)ids[i]);
		e = account_usable(db, county_id, ids[i], &ok);
		if (!e && !ok)
			return validate_fail(fe, field, "unknown_value", "no such worker or partner account: %lld",
					     (long long)ids[i]);
	}
	return e;
}

enum err mapping_create(struct db *db, int64_t county_id, int64_t case_id, int64_t inviter_id,
			const char *message, const int64_t *invitees, int n, int64_t *id, struct field_error *fe)
{
	struct db_stmt *st;
	char now[21];
	enum err e = validate_text(message, "message", 0, 2000, true, fe);

	if (!e && n < 1)
		e = validate_fail(fe, "invitees", "required", "invite at least one person");
	if (!e) e = check_accounts(db, county_id, invitees, n, inviter_id, "invitees", PARTNERS_MAX_INVITEES, fe);
	if (e)
		return e;
	now_iso(now);
	e = db_prepare(db, "INSERT INTO mapping_invitation(case_id, inviter_id, message, created_at) VALUES (?,?,?,?)", &st);
	if (e)
		return e;
	db_bind_int(st, 1, case_id);
	db_bind_int(st, 2, inviter_id);
	db_bind_text(st, 3, message ? message : "");
	db_bind_text(st, 4, now);
	e = db_run(st);
	if (e)
		return e;
	*id = db_last_id(db);
	for (int i = 0; !e && i < n; i++) {
		e = db_prepare(db, "INSERT INTO mapping_invitee(invitation_id, account_id) VALUES (?, ?)", &st);
		if (e)
			break;
		db_bind_int(st, 1, *id);
		db_bind_int(st, 2, invitees[i]);
		e = db_run(st);
	}
	return e;
}

#define INV_COLS "i.id, i.case_id, c.child_id, i.inviter_id, a.display_name, i.message, i.created_at," \
	" (SELECT count(*) FROM mapping_invitee x WHERE x.invitation_id = i.id)," \
	" (SELECT count(*) FROM mapping_invitee x WHERE x.invitation_id = i.id AND x.answered_at IS NOT NULL)," \
	" coalesce((SELECT s.id FROM assessment s WHERE s.invitation_id = i.id), 0)"
#define INV_FROM " FROM mapping_invitation i JOIN child_case c ON c.id = i.case_id JOIN account a ON a.id = i.inviter_id"

static void fill_inv(struct db_stmt *st, void *out)
{
	struct mapping_invitation *r = out;
	memset(r, 0, sizeof(*r));
	r->id = db_col_int(st, 0);
	r->case_id = db_col_int(st, 1);
	r->child_id = db_col_int(st, 2);
	r->inviter_id = db_col_int(st, 3);
	COPY(r->inviter_name, st, 4);
	COPY(r->message, st, 5);
	COPY(r->created_at, st, 6);
	r->invitees = (int)db_col_int(st, 7);
	r->answered = (int)db_col_int(st, 8);
	r->assessment_id = db_col_int(st, 9);
}

enum err mapping_get(struct db *db, int64_t id, struct mapping_invitation *out)
{
	return db_get_by_id(db, "SELECT " INV_COLS INV_FROM " WHERE i.id = ?", id, fill_inv, out);
}

#define INVITEE_COLS_OF(acc) "x.invitation_id, x.account_id, " acc ".display_name, " acc ".title," \
	" coalesce((SELECT o.name FROM partner_member m JOIN partner_org o ON o.id = m.org_id" \
	"  WHERE m.account_id = " acc ".id), " acc ".organisation), coalesce(x.has_info, ''), coalesce(x.shares_concern, '')," \
	" coalesce(x.available, ''), x.note, coalesce(x.answered_at, '')"
#define INVITEE_COLS INVITEE_COLS_OF("a")

static void fill_invitee(struct db_stmt *st, int c, struct mapping_invitee *r)
{
	memset(r, 0, sizeof(*r));
	r->invitation_id = db_col_int(st, c);
	r->account_id = db_col_int(st, c + 1);
	COPY(r->display_name, st, c + 2);
	COPY(r->title, st, c + 3);
	COPY(r->organisation, st, c + 4);
	COPY(r->has_info, st, c + 5);
	COPY(r->shares_concern, st, c + 6);
	COPY(r->available, st, c + 7);
	COPY(r->note, st, c + 8);
	COPY(r->answered_at, st, c + 9);
}

enum err mapping_invitees(struct db *db, int64_t id, void (*cb)(void *ctx, const struct mapping_invitee *r),
			  void *ctx)
{
	struct db_stmt *st;
	bool row;
	enum err e = db_prepare(db, "SELECT " INVITEE_COLS " FROM mapping_invitee x JOIN account a ON a.id = x.account_id"
				    " WHERE x.invitation_id = ? ORDER BY a.display_name, a.id", &st);
	if (e)
		return e;
	db_bind_int(st, 1, id);
	while (!(e = db_step(st, &row)) && row) {
		struct mapping_invitee r;
		fill_invitee(st, 0, &r);
		cb(ctx, &r);
	}
	db_done(st);
	return e;
}

enum err mapping_answer(struct db *db, int64_t id, int64_t account_id, const char *has_info,
			const char *shares_concern, const char *available, const char *note,
			struct field_error *fe)
{
	struct db_stmt *st;
	char now[21];
	bool row, answered = false;
	enum err e = validate_enum(has_info, "has_info", mapping_answers, fe);

	if (!e) e = validate_enum(shares_concern, "shares_concern", mapping_answers, fe);
	if (!e) e = validate_enum(available, "available", mapping_answers, fe);
	if (!e) e = validate_text(note, "note", 0, 1000, true, fe);
	if (e)
		return e;
	e = db_prepare(db, "SELECT answered_at IS NOT NULL FROM mapping_invitee WHERE invitation_id = ? AND account_id = ?", &st);
	if (e)
		return e;
	db_bind_int(st, 1, id);
	db_bind_int(st, 2, account_id);
	e = db_step(st, &row);
	if (!e && row)
		answered = db_col_int(st, 0) != 0;
	db_done(st);
	if (e)
		return e;
	if (!row)
		return ERR_NOT_FOUND;
	if (answered)
		return validate_fail(fe, "answer", "partners_answered", "you have answered this invitation already");
	e = db_prepare(db, "UPDATE mapping_invitee SET has_info = ?, shares_concern = ?, available = ?, note = ?,"
			   " answered_at = ? WHERE invitation_id = ? AND account_id = ?", &st);
	if (e)
		return e;
	now_iso(now);
	db_bind_text(st, 1, has_info);
	db_bind_text(st, 2, shares_concern);
	db_bind_text(st, 3, available);
	db_bind_text(st, 4, note ? note : "");
	db_bind_text(st, 5, now);
	db_bind_int(st, 6, id);
	db_bind_int(st, 7, account_id);
	return db_run(st);
}

bool mapping_said_yes(const struct mapping_invitee *r)
{
	return !strcmp(r->has_info, "yes") || !strcmp(r->shares_concern, "yes") || !strcmp(r->available, "yes");
}

enum err partners_invitation_facts(struct db *db, int64_t id, int64_t account_id, struct policy_object *o)
{
	struct db_stmt *st;
	bool row;
	enum err e = db_prepare(db, "SELECT i.inviter_id = ?2, x.account_id IS NOT NULL,"
				    " coalesce(x.has_info = 'yes' OR x.shares_concern = 'yes' OR x.available = 'yes', 0)"
				    " FROM mapping_invitation i LEFT JOIN mapping_invitee x"
				    " ON x.invitation_id = i.id AND x.account_id = ?2 WHERE i.id = ?1", &st);
	if (e)
		return e;
	db_bind_int(st, 1, id);
	db_bind_int(st, 2, account_id);
	e = db_step(st, &row);
	if (!e && row) {
		o->inviter = db_col_int(st, 0) != 0;
		o->invitee = db_col_int(st, 1) != 0;
		o->invitee_said_yes = db_col_int(st, 2) != 0;
	} else if (!e) {
		e = ERR_NOT_FOUND;
	}
	db_done(st);
	return e;
}

enum err mapping_list_mine(struct db *db, int64_t account_id, bool sent, int max,
			   void (*cb)(void *ctx, const struct mapping_invitation *r, const struct mapping_invitee *mine),
			   void *ctx)
{
	static const char *const sent_sql = "SELECT " INV_COLS INV_FROM
		" WHERE i.inviter_id = ? ORDER BY i.created_at DESC, i.id DESC LIMIT ?";
	static const char *const recv_sql = "SELECT " INV_COLS ", " INVITEE_COLS_OF("a2") INV_FROM
		" JOIN mapping_invitee x ON x.invitation_id = i.id JOIN account a2 ON a2.id = x.account_id"
		" WHERE x.account_id = ? ORDER BY x.answered_at IS NOT NULL, i.created_at DESC, i.id DESC LIMIT ?";
	struct db_stmt *st;
	bool row;
	enum err e;
	e = db_prepare(db, sent ? sent_sql : recv_sql, &st);
	if (e)
		return e;
	db_bind_int(st, 1, account_id);
	db_bind_int(st, 2, max);
	while (!(e = db_step(st, &row)) && row) {
		struct mapping_invitation r;
		struct mapping_invitee mine;
		fill_inv(st, &r);
		if (!sent)
			fill_invitee(st, 10, &mine);
		cb(ctx, &r, sent ? NULL : &mine);
	}
	db_done(st);
	return e;
}

enum err mapping_unanswered(struct db *db, int64_t account_id, int *n)
{
	struct db_stmt *st;
	bool row;
	enum err e = db_prepare(db, "SELECT count(*) FROM mapping_invitee WHERE account_id = ? AND answered_at IS NULL", &st);
	if (e)
		return e;
	db_bind_int(st, 1, account_id);
	e = db_step(st, &row);
	*n = !e && row ? (int)db_col_int(st, 0) : 0;
	db_done(st);
	return e;
}

/* ---- multi-agency assessment ------------------------------------------- */

static enum err add_participant(struct db *db, int64_t id, int64_t account_id)
{
	struct db_stmt *st;
	enum err e = db_prepare(db, "INSERT INTO assessment_participant(assessment_id, account_id) VALUES (?, ?)"
				    " ON CONFLICT DO NOTHING", &st);
	if (e)
		return e;
	db_bind_int(st, 1, id);
	db_bind_int(st, 2, account_id);
	return db_run(st);
}

enum err assessment_create(struct db *db, int64_t county_id, int64_t case_id, int64_t by, const char *title,
			   int64_t invitation_id, const int64_t *participants, int n, int64_t *id,
			   struct field_error *fe)
{
	struct db_stmt *st;
	char now[21];
	enum err e = validate_text(title, "title", 0, 200, false, fe);

	if (!e) e = check_accounts(db, county_id, participants, n, 0, "participants", PARTNERS_MAX_PARTICIPANTS, fe);
	if (!e && invitation_id) {
		struct mapping_invitation inv;
		e = mapping_get(db, invitation_id, &inv);
		if (e == ERR_NOT_FOUND || (!e && inv.case_id != case_id))
			return validate_fail(fe, "invitation_id", "unknown_value", "no such invitation about this child");
		if (!e && inv.assessment_id)
			return validate_fail(fe, "invitation_id", "taken", "this invitation is an assessment already");
	}
	if (e)
		return e;
	now_iso(now);
	e = db_prepare(db, "INSERT INTO assessment(case_id, title, invitation_id, created_by, created_at) VALUES (?,?,?,?,?)", &st);
	if (e)
		return e;
	db_bind_int(st, 1, case_id);
	db_bind_text(st, 2, title ? title : "");
	if (invitation_id)
		db_bind_int(st, 3, invitation_id);
	else
		db_bind_null(st, 3);
	db_bind_int(st, 4, by);
	db_bind_text(st, 5, now);
	e = db_run(st);
	if (e)
		return e;
	*id = db_last_id(db);
	e = add_participant(db, *id, by);
	for (int i = 0; !e && i < n; i++)
		e = add_participant(db, *id, participants[i]);
	if (!e && invitation_id) {
		e = db_prepare(db, "INSERT INTO assessment_participant(assessment_id, account_id)"
				   " SELECT ?1, account_id FROM mapping_invitee WHERE invitation_id = ?2"
				   " AND (has_info = 'yes' OR shares_concern = 'yes' OR available = 'yes')"
				   " ON CONFLICT DO NOTHING", &st);
		if (!e) {
			db_bind_int(st, 1, *id);
			db_bind_int(st, 2, invitation_id);
			e = db_run(st);
		}
	}
	return e;
}

static void fill_assessment(struct db_stmt *st, void *out)
{
	struct assessment_row *r = out;
	memset(r, 0, sizeof(*r));
	r->id = db_col_int(st, 0);
	r->case_id = db_col_int(st, 1);
	r->child_id = db_col_int(st, 2);
	r->invitation_id = db_col_int(st, 3);
	r->created_by = db_col_int(st, 4);
	COPY(r->title, st, 5);
	COPY(r->creator_name, st, 6);
	COPY(r->created_at, st, 7);
}

#define ASM_SELECT "SELECT s.id, s.case_id, c.child_id, coalesce(s.invitation_id, 0), s.created_by, s.title," \
	" a.display_name, s.created_at FROM assessment s JOIN child_case c ON c.id = s.case_id" \
	" JOIN account a ON a.id = s.created_by"

enum err assessment_get(struct db *db, int64_t id, struct assessment_row *out)
{
	return db_get_by_id(db, ASM_SELECT " WHERE s.id = ?", id, fill_assessment, out);
}

enum err assessment_list_case(struct db *db, int64_t case_id,
			      void (*cb)(void *ctx, const struct assessment_row *r), void *ctx)
{
	struct db_stmt *st;
	bool row;
	enum err e = db_prepare(db, ASM_SELECT " WHERE s.case_id = ? ORDER BY s.created_at DESC, s.id DESC", &st);
	if (e)
		return e;
	db_bind_int(st, 1, case_id);
	while (!(e = db_step(st, &row)) && row) {
		struct assessment_row r;
		fill_assessment(st, &r);
		cb(ctx, &r);
	}
	db_done(st);
	return e;
}

enum err assessment_participants(struct db *db, int64_t id,
				 void (*cb)(void *ctx, const struct assessment_participant *r), void *ctx)
{
	struct db_stmt *st;
	bool row;
	enum err e = db_prepare(db, "SELECT a.id, a.display_name, a.title,"
				    " coalesce((SELECT o.name FROM partner_member m JOIN partner_org o ON o.id = m.org_id"
				    "  WHERE m.account_id = a.id), a.organisation)"
				    " FROM assessment_participant p JOIN account a ON a.id = p.account_id"
				    " WHERE p.assessment_id = ? ORDER BY a.display_name, a.id", &st);
	if (e)
		return e;
	db_bind_int(st, 1, id);
	while (!(e = db_step(st, &row)) && row) {
		struct assessment_participant r = { .account_id = db_col_int(st, 0) };
		COPY(r.display_name, st, 1);
		COPY(r.title, st, 2);
		COPY(r.organisation, st, 3);
		cb(ctx, &r);
	}
	db_done(st);
	return e;
}

enum err assessment_views(struct db *db, int64_t id, void (*cb)(void *ctx, const struct assessment_view *r),
			  void *ctx)
{
	struct db_stmt *st;
	bool row;
	enum err e = db_prepare(db, "SELECT v.id, v.assessment_id, v.author_id, v.area, a.display_name, v.text,"
				    " v.created_at, v.family, coalesce(v.rating, 0)"
				    " FROM assessment_view v JOIN account a ON a.id = v.author_id"
				    " WHERE v.assessment_id = ?1 AND v.id = (SELECT max(w.id) FROM assessment_view w"
				    "  WHERE w.assessment_id = ?1 AND w.area = v.area AND w.author_id = v.author_id"
				    "  AND w.family = v.family)"
				    " ORDER BY v.family DESC, a.display_name, v.author_id, v.area", &st);
	if (e)
		return e;
	db_bind_int(st, 1, id);
	while (!(e = db_step(st, &row)) && row) {
		struct assessment_view r = { .id = db_col_int(st, 0), .assessment_id = db_col_int(st, 1),
					     .author_id = db_col_int(st, 2) };
		COPY(r.area, st, 3);
		COPY(r.author_name, st, 4);
		COPY(r.text, st, 5);
		COPY(r.created_at, st, 6);
		r.family = db_col_int(st, 7) != 0;
		r.rating = (int)db_col_int(st, 8);
		cb(ctx, &r);
	}
	db_done(st);
	return e;
}

enum err assessment_add_view(struct db *db, int64_t id, const char *area, int64_t author_id, bool family,
			     int rating, const char *text, int64_t *view_id, struct field_error *fe)
{
	struct db_stmt *st;
	char now[21];
	enum err e = validate_enum(area, "area", assessment_areas, fe);

	if (!e && (rating < 0 || rating > 10))
		e = validate_fail(fe, "rating", "out_of_range", "rating is 1 to 10 (or none)");
	if (!e) e = validate_text(text, "text", 0, 4000, true, fe);
	if (!e && !rating && (!text || !*text))
		e = validate_fail(fe, "text", "required", "give a rating or words, or both");
	if (e)
		return e;
	e = db_prepare(db, "INSERT INTO assessment_view(assessment_id, area, author_id, family, rating, text, created_at)"
			   " VALUES (?,?,?,?,?,?,?)", &st);
	if (e)
		return e;
	now_iso(now);
	db_bind_int(st, 1, id);
	db_bind_text(st, 2, area);
	db_bind_int(st, 3, author_id);
	db_bind_int(st, 4, family);
	if (rating)
		db_bind_int(st, 5, rating);
	else
		db_bind_null(st, 5);
	db_bind_text(st, 6, text ? text : "");
	db_bind_text(st, 7, now);
	e = db_run(st);
	if (!e && view_id)
		*view_id = db_last_id(db);
	return e;
}

enum err partners_assessment_facts(struct db *db, int64_t id, int64_t account_id, struct policy_object *o)
{
	struct db_stmt *st;
	bool row;
	enum err e = db_prepare(db, "SELECT 1 FROM assessment_participant WHERE assessment_id = ? AND account_id = ?", &st);
	if (e)
		return e;
	db_bind_int(st, 1, id);
	db_bind_int(st, 2, account_id);
	e = db_step(st, &row);
	db_done(st);
	if (!e)
		o->participant = row;
	return e;
}

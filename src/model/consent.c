/*
 * consent.c - consents, legal bases and authority grants (see consent.h).
 */
#include <stdio.h>
#include <string.h>
#include "core/clock.h"
#include "core/str.h"
#include "core/workday.h"
#include "model/consent.h"
#include "model/role.h"

const char *const consent_bases[] = { "consent", "cwa_25", "cwa_41", "swa_41", "court_order", NULL };

const char *const consent_field_names[] = { "case", "clocks", "identity", "family", "notifications", "journal",
	"practice", "toolbox", "plan", "assessment", "services", NULL };

unsigned consent_field_bit(const char *name)
{
	for (int i = 0; name && i < FIELD__COUNT; i++) {
		unsigned bit = 1u << i;
		if ((bit & CONSENT_FIELDS_OPENABLE) && !strcmp(field_name((enum field)bit), name))
			return bit;
	}
	return 0;
}

static void today_str(char out[11])
{
	date_format(date_today(), out);
}

/* A date field: "" or NULL gives dflt (NULL: stays empty). */
static enum err date_field(const char *s, const char *field, const char *dflt, char out[11], struct field_error *fe)
{
	struct date d;
	if (!s || !*s) {
		str_lcpy(out, dflt ? dflt : "", 11);
		return ERR_OK;
	}
	if (date_parse(s, &d))
		return validate_fail(fe, field, "invalid_date", "%s must be a date YYYY-MM-DD", field);
	date_format(d, out);
	return ERR_OK;
}

/* May person given_by consent for child_id: the child, or a guardian. */
static enum err may_consent(struct db *db, int64_t child_id, int64_t given_by, bool *yes)
{
	struct db_stmt *st;
	enum err e = db_prepare(db, "SELECT 1 FROM person WHERE id = ?1 AND (?1 = ?2 OR EXISTS (SELECT 1 FROM relation r"
				    " WHERE r.person_id = ?1 AND r.related_id = ?2 AND r.guardian = 1))", &st);
	*yes = false;
	if (e)
		return e;
	db_bind_int(st, 1, given_by);
	db_bind_int(st, 2, child_id);
	e = db_step(st, yes);
	db_done(st);
	return e;
}

enum err consent_add(struct db *db, const struct consent_new *c, int64_t *id, struct field_error *fe)
{
	struct db_stmt *st;
	char today[11], from[11], to[11], now[21];
	bool legal, ok;
	enum err e;

	*id = 0;
	today_str(today);
	e = validate_enum(c->basis, "basis", consent_bases, fe);
	if (e)
		return e;
	legal = strcmp(c->basis, "consent") != 0;
	if (!legal && !c->given_by)
		return validate_fail(fe, "given_by", "required", "given_by (the child or a guardian) is required for a consent");
	if (!legal) {
		e = may_consent(db, c->child_id, c->given_by, &ok);
		if (e)
			return e;
		if (!ok)
			return validate_fail(fe, "given_by", "consent_not_guardian",
					     "given_by must be the child or a guardian of the child");
	}
	e = validate_text(c->organisation, "organisation", 1, CONSENT_ORG_MAX, false, fe);
	if (!e)
		e = validate_not_blank(c->organisation, "organisation", fe);
	if (e)
		return e;
	if (!c->fields)
		return validate_fail(fe, "fields", "required", "choose at least one field group to share");
	if (c->fields & ~(unsigned)CONSENT_FIELDS_OPENABLE)
		return validate_fail(fe, "fields", "not_allowed", "a consent opens only the field groups listed");
	e = date_field(c->valid_from, "valid_from", today, from, fe);
	if (!e)
		e = date_field(c->valid_to, "valid_to", NULL, to, fe);
	if (e)
		return e;
	if (to[0] && strcmp(to, from) < 0)
		return validate_fail(fe, "valid_to", "before_from", "valid_to cannot be before valid_from");
	if (to[0] && strcmp(to, today) < 0)
		return validate_fail(fe, "valid_to", "consent_in_past", "valid_to is in the past: the consent would open nothing");
	e = validate_text(c->note ? c->note : "", "note", 0, CONSENT_NOTE_MAX, true, fe);
	if (e)
		return e;
	e = db_prepare(db, "INSERT INTO consent(child_id, basis, given_by, organisation, fields, valid_from, valid_to,"
			   " note, created_at, created_by) VALUES (?,?,?,?,?,?,?,?,?,?)", &st);
	if (e)
		return e;
	clock_iso(clock_now(), now);
	db_bind_int(st, 1, c->child_id);
	db_bind_text(st, 2, c->basis);
	if (legal)
		db_bind_null(st, 3);
	else
		db_bind_int(st, 3, c->given_by);
	db_bind_text(st, 4, c->organisation);
	db_bind_int(st, 5, c->fields);
	db_bind_text(st, 6, from);
	if (to[0])
		db_bind_text(st, 7, to);
	else
		db_bind_null(st, 7);
	db_bind_text(st, 8, c->note ? c->note : "");
	db_bind_text(st, 9, now);
	db_bind_int(st, 10, c->created_by);
	e = db_run(st);
	if (!e)
		*id = db_last_id(db);
	return e;
}

/* End or revoke row id of child_id in table (consent / authority_grant). */
static enum err end_row(struct db *db, const char *sql_check, const char *sql_end, int64_t child_id, int64_t id,
			int64_t by, const char *what, struct field_error *fe)
{
	struct db_stmt *st;
	char now[21];
	bool row;
	int ended = 0;
	enum err e = db_prepare(db, sql_check, &st);

	if (e)
		return e;
	db_bind_int(st, 1, id);
	db_bind_int(st, 2, child_id);
	e = db_step(st, &row);
	if (!e && !row)
		e = ERR_NOT_FOUND;
	if (!e)
		ended = (int)db_col_int(st, 0);
	db_done(st);
	if (e)
		return e;
	if (ended) {
		validate_fail(fe, what, "consent_ended", "it has ended already");
		return ERR_CONFLICT;
	}
	e = db_prepare(db, sql_end, &st);
	if (e)
		return e;
	clock_iso(clock_now(), now);
	db_bind_text(st, 1, now);
	db_bind_int(st, 2, by);
	db_bind_int(st, 3, id);
	return db_run(st);
}

enum err consent_end(struct db *db, int64_t child_id, int64_t id, int64_t by, struct field_error *fe)
{
	return end_row(db, "SELECT ended_at IS NOT NULL FROM consent WHERE id = ? AND child_id = ?",
		       "UPDATE consent SET ended_at = ?, ended_by = ? WHERE id = ?", child_id, id, by, "consent", fe);
}

enum err consent_list(struct db *db, int64_t child_id, void (*cb)(void *ctx, const struct consent_row *r),
		      void *ctx)
{
	struct db_stmt *st;
	char today[11];
	bool row;
	enum err e = db_prepare(db,
		"SELECT c.id, c.child_id, c.basis, coalesce(c.given_by, 0),"
		" coalesce(g.first_names || ' ' || g.last_name, ''), c.organisation, c.fields, c.valid_from,"
		" coalesce(c.valid_to, ''), c.note, c.created_at, c.created_by, a.display_name,"
		" coalesce(c.ended_at, ''), coalesce(b.display_name, ''),"
		" c.ended_at IS NULL AND c.valid_from <= ?2 AND (c.valid_to IS NULL OR c.valid_to >= ?2)"
		" FROM consent c LEFT JOIN person g ON g.id = c.given_by JOIN account a ON a.id = c.created_by"
		" LEFT JOIN account b ON b.id = c.ended_by WHERE c.child_id = ?1 ORDER BY c.id DESC", &st);
	if (e)
		return e;
	today_str(today);
	db_bind_int(st, 1, child_id);
	db_bind_text(st, 2, today);
	while (!(e = db_step(st, &row)) && row) {
		struct consent_row r;
		memset(&r, 0, sizeof(r));
		r.id = db_col_int(st, 0);
		r.child_id = db_col_int(st, 1);
		str_lcpy(r.basis, db_col_text(st, 2), sizeof(r.basis));
		r.given_by = db_col_int(st, 3);
		str_lcpy(r.given_by_name, db_col_text(st, 4), sizeof(r.given_by_name));
		str_lcpy(r.organisation, db_col_text(st, 5), sizeof(r.organisation));
		r.fields = (unsigned)db_col_int(st, 6);
		str_lcpy(r.valid_from, db_col_text(st, 7), sizeof(r.valid_from));
		str_lcpy(r.valid_to, db_col_text(st, 8), sizeof(r.valid_to));
		str_lcpy(r.note, db_col_text(st, 9), sizeof(r.note));
		str_lcpy(r.created_at, db_col_text(st, 10), sizeof(r.created_at));
		r.created_by = db_col_int(st, 11);
		str_lcpy(r.created_by_name, db_col_text(st, 12), sizeof(r.created_by_name));
		str_lcpy(r.ended_at, db_col_text(st, 13), sizeof(r.ended_at));
		str_lcpy(r.ended_by_name, db_col_text(st, 14), sizeof(r.ended_by_name));
		r.active = db_col_int(st, 15) != 0;
		cb(ctx, &r);
	}
	db_done(st);
	return e;
}

/* ---- authority grants ---------------------------------------------------- */

enum err authority_grant_add(struct db *db, const struct authority_grant_new *g, int64_t *id,
			     struct field_error *fe)
{
	struct db_stmt *st;
	char now[21], until[21];
	bool row;
	enum err e;

	*id = 0;
	if (!g->account_id && !(g->organisation && *g->organisation))
		return validate_fail(fe, "account_id", "required", "name the account (account_id) or the organisation");
	if (g->account_id && g->organisation && *g->organisation)
		return validate_fail(fe, "organisation", "not_allowed", "name the account or the organisation, not both");
	if (g->account_id) {
		/* Another authority logs in as a partner account. */
		e = db_prepare(db, "SELECT kind = 'partner' AND active = 1 FROM account WHERE id = ?", &st);
		if (e)
			return e;
		db_bind_int(st, 1, g->account_id);
		e = db_step(st, &row);
		if (!e && !(row && db_col_int(st, 0)))
			e = validate_fail(fe, "account_id", "consent_not_partner",
					  "account_id must be an active partner account");
		db_done(st);
		if (e)
			return e;
	} else {
		e = validate_text(g->organisation, "organisation", 1, CONSENT_ORG_MAX, false, fe);
		if (!e)
			e = validate_not_blank(g->organisation, "organisation", fe);
		if (e)
			return e;
	}
	if (g->fields & ~(unsigned)CONSENT_FIELDS_OPENABLE)
		return validate_fail(fe, "fields", "not_allowed", "a grant opens only the field groups listed");
	if (g->hours < 1 || g->hours > AUTHORITY_HOURS_MAX)
		return validate_fail(fe, "hours", "consent_hours", "hours must be 1-%d", AUTHORITY_HOURS_MAX);
	e = validate_text(g->reason, "reason", 1, 2000, true, fe);
	if (!e)
		e = validate_not_blank(g->reason, "reason", fe);
	if (e)
		return e;
	e = db_prepare(db, "INSERT INTO authority_grant(child_id, account_id, organisation, fields, reason, expires_at,"
			   " created_at, created_by) VALUES (?,?,?,?,?,?,?,?)", &st);
	if (e)
		return e;
	clock_iso(clock_now(), now);
	clock_iso(clock_now() + (int64_t)g->hours * 3600, until);
	db_bind_int(st, 1, g->child_id);
	if (g->account_id) {
		db_bind_int(st, 2, g->account_id);
		db_bind_null(st, 3);
	} else {
		db_bind_null(st, 2);
		db_bind_text(st, 3, g->organisation);
	}
	db_bind_int(st, 4, g->fields);
	db_bind_text(st, 5, g->reason);
	db_bind_text(st, 6, until);
	db_bind_text(st, 7, now);
	db_bind_int(st, 8, g->created_by);
	e = db_run(st);
	if (!e)
		*id = db_last_id(db);
	return e;
}

enum err authority_grant_revoke(struct db *db, int64_t child_id, int64_t id, int64_t by, struct field_error *fe)
{
	return end_row(db, "SELECT revoked_at IS NOT NULL FROM authority_grant WHERE id = ? AND child_id = ?",
		       "UPDATE authority_grant SET revoked_at = ?, revoked_by = ? WHERE id = ?", child_id, id, by,
		       "grant", fe);
}

enum err authority_grant_list(struct db *db, int64_t child_id,
			      void (*cb)(void *ctx, const struct authority_grant_row *r), void *ctx)
{
	struct db_stmt *st;
	char now[21];
	bool row;
	enum err e = db_prepare(db,
		"SELECT g.id, g.child_id, coalesce(g.account_id, 0), coalesce(x.display_name, ''),"
		" coalesce(g.organisation, ''), g.fields, g.reason, g.expires_at, g.created_at, g.created_by,"
		" a.display_name, coalesce(g.revoked_at, ''), g.revoked_at IS NULL AND g.expires_at > ?2"
		" FROM authority_grant g LEFT JOIN account x ON x.id = g.account_id JOIN account a ON a.id = g.created_by"
		" WHERE g.child_id = ?1 ORDER BY g.id DESC", &st);
	if (e)
		return e;
	clock_iso(clock_now(), now);
	db_bind_int(st, 1, child_id);
	db_bind_text(st, 2, now);
	while (!(e = db_step(st, &row)) && row) {
		struct authority_grant_row r;
		memset(&r, 0, sizeof(r));
		r.id = db_col_int(st, 0);
		r.child_id = db_col_int(st, 1);
		r.account_id = db_col_int(st, 2);
		str_lcpy(r.account_name, db_col_text(st, 3), sizeof(r.account_name));
		str_lcpy(r.organisation, db_col_text(st, 4), sizeof(r.organisation));
		r.fields = (unsigned)db_col_int(st, 5);
		str_lcpy(r.reason, db_col_text(st, 6), sizeof(r.reason));
		str_lcpy(r.expires_at, db_col_text(st, 7), sizeof(r.expires_at));
		str_lcpy(r.created_at, db_col_text(st, 8), sizeof(r.created_at));
		r.created_by = db_col_int(st, 9);
		str_lcpy(r.created_by_name, db_col_text(st, 10), sizeof(r.created_by_name));
		str_lcpy(r.revoked_at, db_col_text(st, 11), sizeof(r.revoked_at));
		r.active = db_col_int(st, 12) != 0;
		cb(ctx, &r);
	}
	db_done(st);
	return e;
}

/* ---- facts ------------------------------------------------------------------ */

/* The live consents and grants of case_id's child for partner p, one row
 * each: kind (0 consent, 1 grant), id, basis, fields. */
#define LIVE_SQL \
	"SELECT 0, c.id, c.basis, c.fields FROM consent c JOIN child_case k ON k.child_id = c.child_id" \
	" WHERE k.id = ?1 AND c.organisation = ?2 AND c.ended_at IS NULL AND c.valid_from <= ?3" \
	" AND (c.valid_to IS NULL OR c.valid_to >= ?3)" \
	" UNION ALL SELECT 1, g.id, 'authority_grant', g.fields FROM authority_grant g" \
	" JOIN child_case k ON k.child_id = g.child_id WHERE k.id = ?1 AND g.revoked_at IS NULL" \
	" AND g.expires_at > ?4 AND (g.account_id = ?5 OR g.organisation = ?2) ORDER BY 1, 2"

static enum err live_rows(struct db *db, int64_t case_id, const struct principal *p,
			  void (*cb)(void *ctx, const struct consent_basis *b), void *ctx)
{
	struct db_stmt *st;
	char today[11], now[21];
	bool row;
	enum err e;

	if (p->kind != KIND_PARTNER || !case_id)
		return ERR_OK;
	e = db_prepare(db, LIVE_SQL, &st);
	if (e)
		return e;
	today_str(today);
	clock_iso(clock_now(), now);
	db_bind_int(st, 1, case_id);
	/* An account without an organisation matches no consent. */
	db_bind_text(st, 2, p->organisation[0] ? p->organisation : "\x01");
	db_bind_text(st, 3, today);
	db_bind_text(st, 4, now);
	db_bind_int(st, 5, p->account_id);
	while (!(e = db_step(st, &row)) && row) {
		struct consent_basis b = { .id = db_col_int(st, 1), .grant = db_col_int(st, 0) != 0,
					   .fields = (unsigned)db_col_int(st, 3) };
		str_lcpy(b.basis, db_col_text(st, 2), sizeof(b.basis));
		cb(ctx, &b);
	}
	db_done(st);
	return e;
}

static void facts_cb(void *ctx, const struct consent_basis *b)
{
	struct policy_object *o = ctx;
	o->consent_fields |= b->fields & (unsigned)CONSENT_FIELDS_OPENABLE;
	if (b->grant)
		o->authority_grant = true;
}

enum err consent_policy_facts(struct db *db, int64_t case_id, const struct principal *p, struct policy_object *o)
{
	return live_rows(db, case_id, p, facts_cb, o);
}

struct bases_acc {
	struct consent_basis *out;
	int max, *n;
};

static void bases_cb(void *ctx, const struct consent_basis *b)
{
	struct bases_acc *a = ctx;
	if (*a->n < a->max)
		a->out[(*a->n)++] = *b;
}

enum err consent_bases_for(struct db *db, int64_t case_id, const struct principal *p, struct consent_basis *out,
			   int max, int *n)
{
	struct bases_acc a = { out, max, n };
	*n = 0;
	return live_rows(db, case_id, p, bases_cb, &a);
}

enum err consent_disclosures(struct db *db, int64_t person_id, int limit,
			     void (*cb)(void *ctx, const struct disclosure_row *r), void *ctx)
{
	struct db_stmt *st;
	bool row;
	/* The person's rows through the per-person index and the rows after it
	 * (as model/accesslog.c reads them, migration 025). */
#define DISCLOSURE_COLS " l.at, l.username, coalesce(a.display_name, l.username)," \
	" coalesce(a.organisation, ''), l.basis, l.reason"
	enum err e = db_prepare(db, "SELECT x.log_id," DISCLOSURE_COLS " FROM access_log_by_person x JOIN access_log l ON l.id = x.log_id"
				    " LEFT JOIN account a ON a.id = l.account_id"
				    " WHERE x.person_id = ?1 AND l.action = 'disclose'"
				    " UNION ALL SELECT l.id," DISCLOSURE_COLS " FROM access_log l LEFT JOIN account a ON a.id = l.account_id"
				    " WHERE l.id > (SELECT upto FROM access_log_indexed WHERE id = 1)"
				    " AND l.person_id = ?1 AND l.action = 'disclose'"
				    " ORDER BY 1 DESC LIMIT ?2", &st);
#undef DISCLOSURE_COLS
	if (e)
		return e;
	db_bind_int(st, 1, person_id);
	db_bind_int(st, 2, limit);
	while (!(e = db_step(st, &row)) && row) {
		struct disclosure_row r;
		memset(&r, 0, sizeof(r));
		r.id = db_col_int(st, 0);
		str_lcpy(r.at, db_col_text(st, 1), sizeof(r.at));
		str_lcpy(r.username, db_col_text(st, 2), sizeof(r.username));
		str_lcpy(r.name, db_col_text(st, 3), sizeof(r.name));
		str_lcpy(r.organisation, db_col_text(st, 4), sizeof(r.organisation));
		str_lcpy(r.basis, db_col_text(st, 5), sizeof(r.basis));
		str_lcpy(r.reason, db_col_text(st, 6), sizeof(r.reason));
		cb(ctx, &r);
	}
	db_done(st);
	return e;
}

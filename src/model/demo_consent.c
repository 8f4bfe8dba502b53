/*
 * demo_consent.c - the demo's consents and safety blocks (see demo.h).
 *
 * The Rinne family of MAJAKKA: Aino (7), her mother Laura, whose address is
 * under non-disclosure, and her father Jari, who logs in as `jari` (a family
 * account) and is blocked from Aino's data: violence, set by sanna, Aino's
 * responsible social worker, who raises it to maria (the pair worker) in
 * her "my work".  Keskuskoulu (katja's school) has a consent to
 * see the joint client plan of one child whose team katja sits on.  Written
 * through the access layer, as the server does it, so the access log tells
 * the same story.  Identity codes use individual numbers 900-999.
 */
#include <stdio.h>
#include <string.h>
#include "core/log.h"
#include "core/str.h"
#include "core/workday.h"
#include "model/access.h"
#include "model/account.h"
#include "model/block.h"
#include "model/caseteam.h"
#include "model/childcase.h"
#include "model/consent.h"
#include "model/demo.h"
#include "model/hetu.h"
#include "model/person.h"
#include "model/tag.h"

static int64_t id_of(struct db *db, const char *sql, const char *arg)
{
	struct db_stmt *st;
	bool row;
	int64_t id = 0;
	if (db_prepare(db, sql, &st))
		return 0;
	if (arg)
		db_bind_text(st, 1, arg);
	if (!db_step(st, &row) && row)
		id = db_col_int(st, 0);
	db_done(st);
	return id;
}

static enum err add_person(struct db *db, int64_t county, const char *kind, const char *first, int years,
			   bool non_disclosure, int individual, int64_t *id)
{
	struct field_error fe = { 0 };
	struct person_row p = { .county_id = county, .non_disclosure = non_disclosure };
	struct date birth = date_add_days(date_today(), -(int64_t)(365 * years + 40));
	enum err e = ERR_CONFLICT;

	str_lcpy(p.kind, kind, sizeof(p.kind));
	str_lcpy(p.first_names, first, sizeof(p.first_names));
	str_lcpy(p.last_name, "Rinne", sizeof(p.last_name));
	date_format(birth, p.birth_date);
	snprintf(p.phone, sizeof(p.phone), "050 000 %04d", 9000 + individual);
	snprintf(p.address, sizeof(p.address), "Turvakatu %d, 13200 Hämeenlinna", individual % 50 + 1);
	for (int k = 0; e == ERR_CONFLICT && k < 100; k++) {
		hetu_make(birth, 900 + (individual + k * 3) % 100, p.hetu);
		e = person_create(db, &p, 0, &fe);
	}
	if (e)
		log_error("demo consent person: %s", fe.message);
	*id = p.id;
	return e;
}

static enum err as_account(struct db *db, const char *username, struct principal *p, struct access_ctx *ax)
{
	enum err e = account_load_principal(db, id_of(db, "SELECT id FROM account WHERE username = ?", username), p);
	if (!e)
		access_ctx_init(ax, p, "127.0.0.1");
	return e;
}

/* The Rinne family, the father's family account and his block. */
static enum err rinne_family(struct db *db, int64_t county, const char *hash)
{
	static const char note[] = "Lähestymiskielto voimassa: isän väkivalta äitiä kohtaan. Isä ei saa tietoja"
				   " Ainosta eikä äidin osoitetta.";
	struct field_error fe = { 0 };
	struct account_row acc = { .county_id = county, .active = true };
	struct principal p;
	struct access_ctx ax;
	struct access_answer ans;
	struct audit_entry ae;
	int64_t majakka = id_of(db, "SELECT id FROM team WHERE name = 'MAJAKKA'", NULL);
	int64_t sanna = id_of(db, "SELECT id FROM account WHERE username = ?", "sanna");
	int64_t maria = id_of(db, "SELECT id FROM account WHERE username = ?", "maria");
	int64_t child, mother, father, case_id, mid, hh, block_id = 0;
	char from[11];
	enum err e = add_person(db, county, "child", "Aino", 7, true, 11, &child);

	if (!e) e = add_person(db, county, "parent", "Laura", 34, true, 12, &mother);
	if (!e) e = add_person(db, county, "parent", "Jari", 38, false, 13, &father);
	if (!e) e = relation_add(db, mother, child, "parent", true, &fe);
	if (!e) e = relation_add(db, father, child, "parent", true, &fe);
	if (!e) e = household_create(db, county, "Rinne", &hh);
	if (!e) e = household_add(db, hh, child);
	if (!e) e = household_add(db, hh, mother);
	if (!e) e = childcase_create(db, child, majakka, "child_welfare_act", "open_care", sanna,
				     "lastensuojeluilmoitus: väkivalta perheessä", &case_id, &fe);
	date_format(date_add_days(date_today(), -60), from);
	if (!e) {
		struct member_new m = { .case_id = case_id, .role = "responsible", .account_id = sanna, .from_date = from };
		e = caseteam_assign(db, &m, &mid, &fe);
	}
	if (!e) {
		struct member_new m = { .case_id = case_id, .role = "pair", .account_id = maria, .from_date = from };
		e = caseteam_assign(db, &m, &mid, &fe);
	}
	/* Jari logs in as himself: a family account linked to his person. */
	str_lcpy(acc.username, "jari", sizeof(acc.username));
	str_lcpy(acc.display_name, "Jari Rinne", sizeof(acc.display_name));
	str_lcpy(acc.role, "parent", sizeof(acc.role));
	if (!e) e = account_create(db, &acc, hash, &fe);
	if (!e) {
		struct db_stmt *st;
		e = db_prepare(db, "UPDATE account SET person_id = ? WHERE id = ?", &st);
		if (!e) {
			db_bind_int(st, 1, father);
			db_bind_int(st, 2, acc.id);
			e = db_run(st);
		}
	}
	/* sanna blocks him, through the door. */
	if (!e) e = as_account(db, "sanna", &p, &ax);
	if (e) {
		log_error("demo consent family: %s %s", fe.field ? fe.field : "", fe.message);
		return e;
	}
	e = access_check(&ax, db, (struct objref){ OBJ_CHILD, child }, ACT_CLIENT_WRITE, "update", &ans);
	if (!e) e = block_set(db, father, child, "violence", note, sanna, &block_id, &fe);
	if (!e) {
		access_entry(&ax, &ae, "block_set", "safety_block", block_id, &ans.d);
		ae.person_id = father;
		ae.case_id = case_id;
		snprintf(ae.reason, sizeof(ae.reason), "violence: %s", note);
		e = access_log_add(&ax, &ae);
	}
	/* ... and raises it to maria, the pair worker, in her "my work". */
	if (!e) {
		struct tag_new t = { .case_id = case_id, .created_by = sanna, .recipients = &maria, .nrecipients = 1,
				     .text = "Aino Rinne: isällä turvakielto. Älä kerro äidin tai Ainon osoitetta"
					     " puhelimessa, ei myöskään sukulaisille." };
		int64_t tag_id = 0;
		e = tag_add(db, &t, &tag_id, &fe);
		if (!e) {
			access_entry(&ax, &ae, "tag", "tag", tag_id, &ans.d);
			ae.person_id = child;
			ae.case_id = case_id;
			e = access_log_add(&ax, &ae);
		}
	}
	if (!e) e = access_commit(db, &ax);
	access_ctx_release(&ax);
	return e;
}

/* Keskuskoulu sees the plan of a child whose team katja sits on, with the
 * consent of the child's mother. */
static enum err school_consent(struct db *db)
{
	struct field_error fe = { 0 };
	struct principal p;
	struct access_ctx ax;
	struct access_answer ans;
	struct audit_entry ae;
	int64_t consent_id = 0;
	int64_t child = id_of(db, "SELECT c.child_id FROM child_case c JOIN case_member m ON m.case_id = c.id"
				  " JOIN account a ON a.id = m.account_id JOIN team t ON t.id = c.team_id"
				  " WHERE a.username = ? AND m.to_date IS NULL AND t.name = 'MAJAKKA'"
				  " AND c.phase <> 'closed' ORDER BY c.id LIMIT 1", "katja");
	struct db_stmt *st;
	int64_t guardian = 0, responsible = 0;
	char acct[64] = "";
	bool row;
	enum err e;

	if (!child)
		return ERR_OK;
	e = db_prepare(db, "SELECT r.person_id, (SELECT a.username FROM child_case c JOIN case_member m ON m.case_id = c.id"
			   " JOIN account a ON a.id = m.account_id WHERE c.child_id = ?1 AND m.role = 'responsible'"
			   " AND m.to_date IS NULL LIMIT 1) FROM relation r WHERE r.related_id = ?1 AND r.guardian = 1"
			   " ORDER BY r.id LIMIT 1", &st);
	if (e)
		return e;
	db_bind_int(st, 1, child);
	if (!db_step(st, &row) && row) {
		guardian = db_col_int(st, 0);
		str_lcpy(acct, db_col_text(st, 1), sizeof(acct));
	}
	db_done(st);
	if (!guardian || !acct[0])
		return ERR_OK;
	e = as_account(db, acct, &p, &ax);
	if (e)
		return e;
	responsible = p.account_id;
	e = access_check(&ax, db, (struct objref){ OBJ_CHILD, child }, ACT_CLIENT_WRITE, "update", &ans);
	if (!e) {
		struct consent_new c = { .child_id = child, .basis = "consent", .given_by = guardian,
					 .organisation = "Keskuskoulu (demo)", .fields = FIELD_PLAN,
					 .note = "Äiti antoi suostumuksen verkostopalaverissa: koulu näkee yhteisen suunnitelman.",
					 .created_by = responsible };
		e = consent_add(db, &c, &consent_id, &fe);
	}
	if (!e) {
		access_entry(&ax, &ae, "consent_add", "consent", consent_id, &ans.d);
		ae.person_id = child;
		ae.case_id = ans.case_id;
		str_lcpy(ae.reason, "consent: Keskuskoulu (demo)", sizeof(ae.reason));
		e = access_log_add(&ax, &ae);
	}
	if (!e) e = access_commit(db, &ax);
	if (e)
		log_error("demo school consent: %s", fe.message);
	access_ctx_release(&ax);
	return e;
}

enum err demo_consent_create(struct db *db, int64_t county, const char *password_hash)
{
	enum err e = rinne_family(db, county, password_hash);
	if (!e)
		e = school_consent(db);
	return e;
}

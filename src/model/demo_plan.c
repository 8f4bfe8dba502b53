/*
 * demo_plan.c - the demo's joint client plan and family portal: the Aaltola
 * family of MAJAKKA.  Aino Aaltola (parent, account "aino") and her son Eetu
 * (13 today, his own account "eetu") have a client plan made with Sanna
 * Salmela (responsible social worker), Maria Koskinen (family worker) and
 * Katja Korhonen (school curator): goals in the family's words, tasks (one
 * ticked done by Aino, one Eetu's own), ratings over three reviews, and
 * Eetu's own view, which he has not shown to his mother.
 */
#include <stdio.h>
#include <string.h>
#include "audit/audit.h"
#include "core/clock.h"
#include "core/log.h"
#include "core/str.h"
#include "core/workday.h"
#include "model/account.h"
#include "model/caseteam.h"
#include "model/childcase.h"
#include "model/demo.h"
#include "model/hetu.h"
#include "model/person.h"
#include "model/plan.h"

static int64_t id_of(struct db *db, const char *sql, const char *key)
{
	struct db_stmt *st;
	bool row;
	int64_t id = 0;
	if (db_prepare(db, sql, &st))
		return 0;
	db_bind_text(st, 1, key);
	if (!db_step(st, &row) && row)
		id = db_col_int(st, 0);
	db_done(st);
	return id;
}

static enum err person(struct db *db, int64_t county, const char *kind, const char *first, struct date birth,
		       int individual, int64_t *id)
{
	struct field_error fe = { 0 };
	struct person_row p = { .county_id = county };
	enum err e = ERR_CONFLICT;

	str_lcpy(p.kind, kind, sizeof(p.kind));
	str_lcpy(p.first_names, first, sizeof(p.first_names));
	str_lcpy(p.last_name, "Aaltola", sizeof(p.last_name));
	str_lcpy(p.phone, "050 000 0913", sizeof(p.phone));
	str_lcpy(p.address, "Majakkatie 13, 13100 Hämeenlinna", sizeof(p.address));
	date_format(birth, p.birth_date);
	/* Identity codes with individual numbers 900-999 only. */
	for (int tries = 0; e == ERR_CONFLICT && tries < 100; tries++) {
		hetu_make(birth, 900 + (individual + tries * 7) % 100, p.hetu);
		e = person_create(db, &p, 0, &fe);
	}
	if (e)
		log_error("demo plan person: %s %s", fe.field ? fe.field : "", fe.message);
	*id = p.id;
	return e;
}

static enum err family_account(struct db *db, int64_t county, const char *user, const char *name, const char *role,
			       int64_t person_id, const char *hash)
{
	struct field_error fe = { 0 };
	struct account_row r = { .county_id = county, .active = true };
	struct db_stmt *st;
	enum err e;

	str_lcpy(r.username, user, sizeof(r.username));
	str_lcpy(r.display_name, name, sizeof(r.display_name));
	str_lcpy(r.role, role, sizeof(r.role));
	e = account_create(db, &r, hash, &fe);
	if (e) {
		log_error("demo account %s: %s %s", user, fe.field ? fe.field : "", fe.message);
		return e;
	}
	/* A family member logs in as their own person record. */
	e = db_prepare(db, "UPDATE account SET person_id = ? WHERE id = ?", &st);
	if (!e) {
		db_bind_int(st, 1, person_id);
		db_bind_int(st, 2, r.id);
		e = db_run(st);
	}
	return e;
}

static enum err member(struct db *db, int64_t case_id, const char *role, int64_t account_id, const char *desc,
		       const char *from)
{
	struct field_error fe = { 0 };
	struct member_new m = { .case_id = case_id, .role = role, .account_id = account_id, .description = desc,
				.from_date = from, .over_cap_reason = "demo" };
	int64_t id;
	enum err e = caseteam_assign(db, &m, &id, &fe);
	if (e)
		log_error("demo plan member: %s %s", fe.field ? fe.field : "", fe.message);
	return e;
}

static enum err version(struct db *db, int64_t case_id, int64_t by, const char *goals, const char *how,
			const char *eval, const char *review, const int64_t *accounts, int na, const int64_t *persons,
			int np)
{
	struct field_error fe = { 0 };
	struct plan_new n = { .case_id = case_id, .by = by, .goals = goals, .how_work = how, .evaluation = eval,
			      .next_review = review, .account_ids = accounts, .naccounts = na, .person_ids = persons,
			      .npersons = np, .others = "Pertti Aaltola (isoisä), läheisverkosto" };
	int v;
	enum err e = plan_save(db, &n, &v, &fe);
	if (e)
		log_error("demo plan: %s %s", fe.field ? fe.field : "", fe.message);
	return e;
}

static enum err task(struct db *db, int64_t case_id, int64_t by, const char *text, const char *owner, const char *due,
		     int64_t *id)
{
	struct field_error fe = { 0 };
	struct plan_task_new t = { .case_id = case_id, .by = by, .text = text, .owner = owner, .due_date = due };
	enum err e = plan_task_add(db, &t, id, &fe);
	if (e)
		log_error("demo plan task: %s %s", fe.field ? fe.field : "", fe.message);
	return e;
}

/* An access-log row of a worker's read, as the door would have written it. */
static enum err service_read(struct db *db, const char *user, const char *role, const char *action, const char *basis,
			     int64_t person_id, int64_t case_id)
{
	struct audit_entry a = { .object_type = "case", .object_id = case_id, .person_id = person_id,
				 .case_id = case_id, .action = action, .basis = basis, .outcome = "allowed" };
	a.account_id = id_of(db, "SELECT id FROM account WHERE username = ?", user);
	str_lcpy(a.username, user, sizeof(a.username));
	str_lcpy(a.role, role, sizeof(a.role));
	str_lcpy(a.ip, "127.0.0.1", sizeof(a.ip));
	return audit_append(db, &a, 1);
}

static void day(int offset, char out[11])
{
	date_format(date_add_days(date_today(), offset), out);
}

enum err demo_plan_create(struct db *db, int64_t county, const char *hash)
{
	const char *goals =
		"Eetu käy koulua joka päivä ja jaksaa aamuisin.\n"
		"Kotona riidellään vähemmän, ja riidat sovitaan samana päivänä.\n"
		"Eetulla on harrastus ja kaveri, jonka kanssa viettää aikaa.";
	const char *how =
		"Perheohjaaja Maria käy kotona joka toinen tiistai. Koulukuraattori Katja tapaa Eetua koulussa"
		" viikoittain. Sanna kutsuu kaikki yhteen arviointiin kolmen kuukauden välein.";
	const char *eval =
		"Jokainen arvioi tavoitteet asteikolla 1-10 jokaisessa arviointitapaamisessa: Eetu, Aino ja työntekijät"
		" yhdessä. Koulun poissaolot katsotaan Wilmasta.";
	int64_t team = id_of(db, "SELECT id FROM team WHERE name = ?", "MAJAKKA");
	int64_t sanna = id_of(db, "SELECT id FROM account WHERE username = ?", "sanna");
	int64_t maria = id_of(db, "SELECT id FROM account WHERE username = ?", "maria");
	int64_t katja = id_of(db, "SELECT id FROM account WHERE username = ?", "katja");
	int64_t aino = 0, eetu = 0, case_id = 0, aino_acc, t1 = 0, t;
	struct field_error fe = { 0 };
	char d[11], from[11], aino_s[16], eetu_s[16], katja_s[16], sanna_s[16];
	struct db_stmt *st;
	enum err e;

	if (!team || !sanna || !maria || !katja)
		return ERR_NOT_FOUND;
	e = person(db, county, "parent", "Aino", (struct date){ 1986, 4, 17 }, 913, &aino);
	/* Thirteen years old on 2026-12-05. */
	if (!e) e = person(db, county, "child", "Eetu", (struct date){ 2013, 12, 5 }, 931, &eetu);
	if (!e) e = relation_add(db, aino, eetu, "parent", true, &fe);
	if (!e) e = childcase_create(db, eetu, team, "child_welfare_act", "open_care", sanna,
				     "avohuollon tukitoimet: koulunkäynnin tuki ja perhetyö", &case_id, &fe);
	day(-270, from);
	if (!e) e = member(db, case_id, "responsible", sanna, "", from);
	if (!e) e = member(db, case_id, "pair", maria, "perheohjaaja", from);
	if (!e) e = member(db, case_id, "varying", katja, "koulukuraattori, Keskuskoulu", from);
	if (!e) e = family_account(db, county, "aino", "Aino Aaltola", "parent", aino, hash);
	if (!e) e = family_account(db, county, "eetu", "Eetu Aaltola", "child", eetu, hash);
	if (e) {
		log_error("demo plan family: %s %s", fe.field ? fe.field : "", fe.message);
		return e;
	}
	aino_acc = id_of(db, "SELECT id FROM account WHERE username = ?", "aino");
	snprintf(aino_s, sizeof(aino_s), "p%lld", (long long)aino);
	snprintf(eetu_s, sizeof(eetu_s), "p%lld", (long long)eetu);
	snprintf(katja_s, sizeof(katja_s), "a%lld", (long long)katja);
	snprintf(sanna_s, sizeof(sanna_s), "a%lld", (long long)sanna);
	{
		const int64_t accounts[] = { sanna, maria, katja }, persons[] = { eetu, aino };
		/* Three reviews: the first plan in spring, revised twice. */
		day(-90, d);
		e = version(db, case_id, sanna, "Eetu käy koulua joka päivä.\nKotona riidellään vähemmän.", how, eval,
			    d, accounts, 3, persons, 2);
		day(-1, d);
		if (!e) e = version(db, case_id, sanna, goals, how, eval, d, accounts, 3, persons, 2);
		/* The next review is close: sanna's "my work" reminds her. */
		day(9, d);
		if (!e) e = version(db, case_id, sanna, goals, how, eval, d, accounts, 3, persons, 2);
	}
	/* Progress over three reviews. */
	{
		static const int scores[3][3] = { { 3, 2, 2 }, { 5, 4, 4 }, { 7, 5, 6 } };
		static const int ago[3] = { 180, 90, 1 };
		for (int r = 0; !e && r < 3; r++)
			for (int g = 0; !e && g < 3; g++) {
				day(-ago[r], d);
				e = plan_rate(db, case_id, sanna, g + 1, scores[r][g], d, &fe);
			}
	}
	day(-20, d);
	if (!e) e = task(db, case_id, sanna, "Aino soittaa koululle ja sopii tapaamisen opettajan kanssa.", aino_s, d, &t1);
	day(14, d);
	if (!e) e = task(db, case_id, sanna, "Eetu kokeilee kahta harrastusta ja kertoo Katjalle, kumpi tuntui hyvältä.",
			 eetu_s, d, &t);
	day(7, d);
	if (!e) e = task(db, case_id, sanna, "Katja sopii Eetun kanssa viikoittaisen tapaamisajan koululla.", katja_s, d, &t);
	day(10, d);
	if (!e) e = task(db, case_id, sanna, "Aino ja Eetu sopivat yhdessä aamun rutiinit ja kirjoittavat ne jääkaapin oveen.",
			 aino_s, d, &t);
	day(21, d);
	if (!e) e = task(db, case_id, sanna, "Sanna selvittää perheelle lomaviikon tukimuodot.", sanna_s, d, &t);
	/* Aino has done hers. */
	if (!e) e = db_prepare(db, "UPDATE plan_task SET status = 'done', done_at = ?, done_by = ? WHERE id = ?", &st);
	if (!e) {
		char now[21];
		clock_iso(clock_now() - 12 * 86400, now);
		db_bind_text(st, 1, now);
		db_bind_int(st, 2, aino_acc);
		db_bind_int(st, 3, t1);
		e = db_run(st);
	}
	/* Who has looked: Sanna read the plan, Katja opened Eetu's page. */
	if (!e) e = service_read(db, "sanna", "social_worker", "plan_read", "own_team", eetu, case_id);
	if (!e) e = service_read(db, "katja", "partner", "read", "childs_team", eetu, case_id);
	/* Own views: Aino's shared with the family, Eetu's his own. */
	if (!e) e = family_view_save(db, case_id, aino, aino_acc,
				     "Aamut ovat edelleen vaikeita, mutta Eetu on käynyt koulussa paremmin. Toivon apua"
				     " siihen, miten saisimme riidat loppumaan ennen kuin ne kasvavat.", true, &fe);
	if (!e) e = family_view_save(db, case_id, eetu, id_of(db, "SELECT id FROM account WHERE username = ?", "eetu"),
				     "Koulu menee ihan ok. Äiti huolehtii liikaa. Haluaisin aloittaa sählyn, mutta en"
				     " halua että kaikki puhuu siitä.", false, &fe);
	return e;
}

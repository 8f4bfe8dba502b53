/*
 * demo_lights.c - the demo's traffic lights and consultations.
 *
 * MAJAKKA held its quarterly traffic-light rounds about three months ago
 * and ten days ago, the whole team together (sanna, olli, teemu, maria,
 * the family therapist terhi, the consulting social worker kalle and the
 * coordinator kirsi).  Between them two children went from yellow to red,
 * one from red to yellow and one from yellow to green; the newest child
 * is not rated yet.  sanna and olli have asked kalle and terhi about their
 * children and got answers (26 hours and 3 hours); hanna of VINSSI asked
 * kalle, who is not on VINSSI, about one of her children two days ago, and
 * the question waits in kalle's "my work": he reads it and the child's
 * minimum data set as the consultant named on it.
 */
#include <stdio.h>
#include <string.h>
#include "core/clock.h"
#include "core/log.h"
#include "core/workday.h"
#include "model/consultation.h"
#include "model/demo.h"
#include "model/lights.h"

static int64_t one_id(struct db *db, const char *sql, const char *arg)
{
	struct db_stmt *st;
	bool row;
	int64_t id = 0;
	if (db_prepare(db, sql, &st))
		return 0;
	db_bind_text(st, 1, arg);
	if (!db_step(st, &row) && row)
		id = db_col_int(st, 0);
	db_done(st);
	return id;
}

static int64_t account(struct db *db, const char *username)
{
	return one_id(db, "SELECT id FROM account WHERE username = ?", username);
}

/* clock_now() days_ago days back at hour:minute (days_ago < 0: the real clock). */
static void at(int days_ago, int hour, int minute)
{
	clock_set_fake(0);
	if (days_ago >= 0)
		clock_set_fake((date_to_days(date_today()) - days_ago) * 86400 + hour * 3600 + minute * 60);
}

struct plan_rating {
	const char *colour;
	const char *criteria;
	const char *note;
};

/* The lights of MAJAKKA's first open cases in the two rounds (NULL: not rated). */
static const struct plan_rating round1[] = {
	{ "yellow", "yellow_conflicting_info,yellow_investigations", "Koulun ja vanhempien kuvaukset eroavat; kuraattorin havainnot odottavat." },
	{ "yellow", "yellow_alternating", "Syksy sujui, joulun alla vaikeampaa." },
	{ "red", "red_acute_crisis,red_many_services", "Akuutti kriisi: äidin sairaalajakso." },
	{ "green", "green_follow_up", "" },
	{ "yellow", "yellow_regular_work", "" },
	{ "yellow", "yellow_long_process,yellow_regular_work", "" },
	{ "red", "red_placement", "Kiireellinen sijoitus voimassa." },
	{ "green", "green_shl_enough", "" },
};
static const struct plan_rating round2[] = {
	{ "red", "red_refusing_support,red_takes_time", "Perhe on kieltäytynyt perhetyöstä; tilanne kiristynyt." },
	{ "red", "red_explosive", "Kotona kaksi poliisikäyntiä marraskuussa." },
	{ "yellow", "yellow_regular_work", "Äiti kotiutunut; arki tasaantumassa, tiivis tuki jatkuu." },
	{ "green", "green_ending", "Asiakkuus päättymässä tammikuussa." },
	{ "green", "green_other_services", "Siirtyy perhekeskuksen palveluihin." },
	{ "yellow", "yellow_long_process", "" },
	{ "red", "red_placement", "Sijoitus jatkuu." },
	{ NULL, NULL, NULL },
};

static enum err demo_round(struct db *db, int64_t team, const int64_t *cases, int ncases, const int64_t *who, int nwho,
		      int days_ago, const struct plan_rating *plan, int nplan, const char *note)
{
	struct field_error fe = { 0 };
	struct light_round_new r = { .team_id = team, .note = note, .participants = who, .nparticipants = nwho,
				     .created_by = who[0] };
	char day[11];
	int64_t id, rid;
	enum err e;

	date_format(date_add_days(date_today(), -days_ago), day);
	r.held_on = day;
	at(days_ago, 9, 0);
	e = lights_round_create(db, &r, &id, &fe);
	for (int i = 0; !e && i < nplan && i < ncases; i++) {
		struct light_rating_new g = { .round_id = id, .case_id = cases[i], .colour = plan[i].colour,
					      .criteria = plan[i].criteria, .note = plan[i].note, .rated_by = who[i % 2] };
		if (!plan[i].colour)
			continue;
		at(days_ago, 9, 5 + 4 * i);
		e = lights_rate(db, &g, &rid, &fe);
	}
	at(-1, 0, 0);
	if (e)
		log_error("demo lights: %s %s", fe.field ? fe.field : "", fe.message);
	return e;
}

static enum err consult(struct db *db, int64_t county, int64_t case_id, const char *asker, const char *consultant,
			const char *question, int days_ago, int hour, const char *answer, int minutes)
{
	struct field_error fe = { 0 };
	struct consultation_new c = { .case_id = case_id, .asked_by = account(db, asker),
				      .consultant_id = account(db, consultant), .question = question };
	int64_t id;
	enum err e;

	at(days_ago, hour, 10);
	e = consultation_create(db, county, &c, &id, &fe);
	if (!e && answer) {
		int64_t t;
		at(-1, 0, 0);
		t = (date_to_days(date_today()) - days_ago) * 86400 + hour * 3600 + 600 + minutes * 60;
		clock_set_fake(0);
		clock_set_fake(t);
		e = consultation_answer(db, id, c.consultant_id, answer, &fe);
	}
	at(-1, 0, 0);
	if (e)
		log_error("demo consultation: %s %s", fe.field ? fe.field : "", fe.message);
	return e;
}

enum err demo_lights_create(struct db *db, int64_t county)
{
	static const char *const members[] = { "sanna", "olli", "teemu", "maria", "terhi", "kalle", "kirsi" };
	int64_t who[7], cases[8], vinssi_case;
	int64_t team = one_id(db, "SELECT id FROM team WHERE name = ?", "MAJAKKA");
	struct db_stmt *st;
	bool row;
	int n = 0;
	enum err e;

	for (int i = 0; i < 7; i++)
		who[i] = account(db, members[i]);
	e = db_prepare(db, "SELECT id FROM child_case WHERE team_id = ? AND phase <> 'closed' ORDER BY id", &st);
	if (e)
		return e;
	db_bind_int(st, 1, team);
	while (n < 8 && !(e = db_step(st, &row)) && row)
		cases[n++] = db_col_int(st, 0);
	db_done(st);
	vinssi_case = one_id(db, "SELECT c.id FROM child_case c JOIN team t ON t.id = c.team_id"
				 " JOIN case_member m ON m.case_id = c.id AND m.role = 'responsible' AND m.to_date IS NULL"
				 " JOIN account a ON a.id = m.account_id"
				 " WHERE t.name = 'VINSSI' AND c.phase <> 'closed' AND a.username = ? ORDER BY c.id LIMIT 1",
			     "hanna");
	if (!e)
		e = demo_round(db, team, cases, n, who, 7, 95, round1, 8, "Syyskuun liikennevalot: koko tiimi paikalla.");
	if (!e)
		e = demo_round(db, team, cases, n, who, 7, 10, round2, 8,
			  "Joulukuun liikennevalot. Kaksi perhettä punaiselle: sovittiin tiiviimmästä työparityöskentelystä.");
	if (!e && n >= 3)
		e = consult(db, county, cases[1], "sanna", "kalle",
			    "Perheessä on ollut kaksi poliisikäyntiä. Onko tässä vaiheessa perusteita kiireelliselle sijoitukselle,"
			    " vai riittääkö tehostettu perhetyö ja turvasuunnitelma?",
			    40, 10, "Kiireelliselle sijoitukselle ei ole nyt perusteita. Tehkää turvasuunnitelma koko perheen kanssa"
				    " ja sopikaa, kuka reagoi jos poliisi soittaa. Tuo perhe ensi maanantain systeemiseen tiimiin.",
			    26 * 60);
	if (!e && n >= 3)
		e = consult(db, county, cases[2], "olli", "terhi",
			    "Miten ottaisin lapsen äänen mukaan, kun äiti on sairaalassa eikä lapsi halua puhua?", 20, 13,
			    "Kokeile tunnekortteja ja kolmen talon mallia kahden kesken; älä kysy suoraan äidistä ensimmäisellä"
			    " kerralla. Voin tulla mukaan seuraavalle käynnille.", 3 * 60);
	if (!e && vinssi_case)
		e = consult(db, county, vinssi_case, "hanna", "kalle",
			    "Isä vaatii tapaamisia, äiti vastustaa ja koulu on huolissaan. Miten rajaan työskentelyn niin,"
			    " ettei lapsi jää riidan keskelle?", 2, 14, NULL, 0);
	return e;
}

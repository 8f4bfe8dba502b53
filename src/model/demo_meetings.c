/*
 * demo_meetings.c - the demo's systemic weekly meetings: every open-care
 * team meets weekly; MAJAKKA's Tuesday meetings of the last weeks have
 * prepared agendas and records (one a client-team meeting with the family
 * present and its feedback), tasks owned by sanna, olli and katja, next
 * Tuesday's meeting is prepared with katja invited, and the one after it is
 * still unprepared: what kirsi, the coordinator, sees in her "my work".
 */
#include <stdio.h>
#include <string.h>
#include "core/workday.h"
#include "model/demo.h"
#include "model/meeting.h"

static int64_t team_id(struct db *db, int64_t county, const char *name)
{
	struct db_stmt *st;
	bool row = false;
	int64_t id = 0;
	if (db_prepare(db, "SELECT t.id FROM team t JOIN area a ON a.id = t.area_id WHERE a.county_id = ? AND t.name = ?", &st))
		return 0;
	db_bind_int(st, 1, county);
	db_bind_text(st, 2, name);
	if (!db_step(st, &row) && row)
		id = db_col_int(st, 0);
	db_done(st);
	return id;
}

/* The nth open case of a team (by id), with katja on the child's team or
 * without her; its child and a parent (0 when none). */
static void pick_case(struct db *db, int64_t team, int64_t katja, bool with_katja, int nth, int64_t *case_id,
		      int64_t *child_id, int64_t *parent_id)
{
	struct db_stmt *st;
	bool row = false;
	*case_id = *child_id = *parent_id = 0;
	if (db_prepare(db, "SELECT c.id, c.child_id, coalesce((SELECT r.person_id FROM relation r WHERE r.related_id = c.child_id"
			   " AND r.guardian = 1 AND r.blocked = 0 ORDER BY r.person_id LIMIT 1), 0) FROM child_case c"
			   " WHERE c.team_id = ? AND c.phase <> 'closed' AND ? = EXISTS (SELECT 1 FROM case_member m"
			   " WHERE m.case_id = c.id AND m.account_id = ? AND m.to_date IS NULL) ORDER BY c.id LIMIT 1 OFFSET ?", &st))
		return;
	db_bind_int(st, 1, team);
	db_bind_int(st, 2, with_katja);
	db_bind_int(st, 3, katja);
	db_bind_int(st, 4, nth);
	if (!db_step(st, &row) && row) {
		*case_id = db_col_int(st, 0);
		*child_id = db_col_int(st, 1);
		*parent_id = db_col_int(st, 2);
	}
	db_done(st);
}

/* The meeting of series on the week offset from this week (0: the next). */
static int64_t meeting_of(struct db *db, int64_t series, int nth)
{
	struct db_stmt *st;
	bool row = false;
	int64_t id = 0;
	if (db_prepare(db, "SELECT id FROM meeting WHERE series_id = ? ORDER BY meets_on LIMIT 1 OFFSET ?", &st))
		return 0;
	db_bind_int(st, 1, series);
	db_bind_int(st, 2, nth);
	if (!db_step(st, &row) && row)
		id = db_col_int(st, 0);
	db_done(st);
	return id;
}

static int64_t question_id(struct db *db, int64_t county, const char *audience, const char *stage, int position)
{
	struct db_stmt *st;
	bool row = false;
	int64_t id = 0;
	if (db_prepare(db, "SELECT id FROM meeting_question WHERE county_id = ? AND audience = ? AND stage = ? AND position = ?", &st))
		return 0;
	db_bind_int(st, 1, county);
	db_bind_text(st, 2, audience);
	db_bind_text(st, 3, stage);
	db_bind_int(st, 4, position);
	if (!db_step(st, &row) && row)
		id = db_col_int(st, 0);
	db_done(st);
	return id;
}

enum err demo_meetings_create(struct db *db, int64_t county)
{
	static const struct { const char *team; int weekday; const char *time; const char *place; } weekly[] = {
		{ "MAJAKKA", 2, "09:00", "Neuvotteluhuone Majakka, Palokunnankatu 1" },
		{ "LOISTO", 4, "13:00", "Neuvotteluhuone Loisto" },
		{ "VALKAMA", 1, "09:00", "Neuvotteluhuone Valkama" },
		{ "VINSSI", 3, "09:00", "" },
		{ "LUOTO", 2, "13:00", "Neuvotteluhuone Luoto" },
		{ "POIJU", 5, "09:00", "Neuvotteluhuone Poiju" },
	};
	struct field_error fe = { 0 };
	char start[11], due[11];
	int64_t kirsi = demo_account_id(db, "kirsi"), sanna = demo_account_id(db, "sanna"), olli = demo_account_id(db, "olli"),
		katja = demo_account_id(db, "katja"), terhi = demo_account_id(db, "terhi"), kalle = demo_account_id(db, "kalle"),
		maria = demo_account_id(db, "maria"), majakka = 0, series = 0;
	enum err e = ERR_OK;

	/* Six weeks back, sixteen weeks in all: six past, the rest to come. */
	date_format(date_add_days(date_today(), -42), start);
	for (size_t i = 0; !e && i < sizeof(weekly) / sizeof(weekly[0]); i++) {
		struct meeting_series_new s = { .team_id = team_id(db, county, weekly[i].team), .weekday = weekly[i].weekday,
						.start_time = weekly[i].time, .place = weekly[i].place, .starts_on = start,
						.weeks = 16, .by = kirsi };
		char link[96];
		snprintf(link, sizeof(link), "https://video.majakka.invalid/%s-viikkotiimi", weekly[i].team);
		s.video_url = link;
		int64_t id = 0;
		e = meeting_series_create(db, &s, &id, &fe);
		if (!strcmp(weekly[i].team, "MAJAKKA")) {
			majakka = s.team_id;
			series = id;
		}
	}
	if (e)
		return e;

	/* MAJAKKA's past meetings: three families discussed, recorded. */
	int64_t c1, ch1, p1, c2, ch2, p2, c3, ch3, p3, item;
	pick_case(db, majakka, katja, true, 0, &c1, &ch1, &p1);
	pick_case(db, majakka, katja, false, 0, &c2, &ch2, &p2);
	pick_case(db, majakka, katja, false, 1, &c3, &ch3, &p3);
	int64_t m_prof = meeting_of(db, series, 2), m_client = meeting_of(db, series, 4), m_last = meeting_of(db, series, 5);
	int64_t m_next = meeting_of(db, series, 6), m_after = meeting_of(db, series, 7);
	struct meeting_patch client = { .kind = "client", .place = "Perheen koti", .cancelled = -1, .by = kirsi };
	if (!e)
		e = meeting_update(db, m_client, &client, &fe);

	/* Weeks ago, the professional team: Oliver's school worries, katja invited. */
	struct meeting_invite_in inv_katja[] = { { .account_id = katja } };
	struct meeting_item_new it = { .meeting_id = m_prof, .case_id = c1, .question = "Koulunkäynti on katkonaista: miten koulu ja perhe saataisiin samaan pöytään?",
				       .step = 2, .prepared = true, .invites = inv_katja, .ninvites = 1, .by = kirsi };
	if (!e)
		e = meeting_item_save(db, &it, &item, &fe);
	if (!e) {
		struct meeting_record_new r = { .item_id = item, .by = kirsi,
			.hypotheses = "Poissaolot kasvavat, kun kotona on riitaa: koulu on Oliverille turvallinen, mutta aamut ovat vaikeita.",
			.reflections = "Perheterapeutti: äidin väsymys näkyy aamuissa. Konsultoiva sosiaalityöntekijä: koulun kanssa yhteinen tavoite.",
			.decisions = "Kutsutaan perhe asiakastiimiin. Koulukuraattori valmistelee koulun näkökulman.",
			.npeople = 5, .ntasks = 2 };
		r.people[0] = (struct meeting_invite_in){ .account_id = sanna };
		r.people[1] = (struct meeting_invite_in){ .account_id = maria };
		r.people[2] = (struct meeting_invite_in){ .account_id = terhi, .role = "family_therapist" };
		r.people[3] = (struct meeting_invite_in){ .account_id = kalle, .role = "consulting" };
		r.people[4] = (struct meeting_invite_in){ .account_id = katja };
		for (int i = 0; i < 5; i++)
			r.present[i] = i != 3;
		date_format(date_add_days(date_today(), -3), due);
		r.tasks[0] = (struct meeting_task_in){ "Sovi koulupalaveri perheen ja opettajan kanssa", sanna, due };
		char due2[11];
		date_format(date_add_days(date_today(), 5), due2);
		r.tasks[1] = (struct meeting_task_in){ "Kokoa koulun havainnot poissaoloista", katja, due2 };
		e = meeting_record_save(db, &r, &fe);
	}
	/* The client team at the family's home: mother present, her feedback. */
	if (!e) {
		struct meeting_invite_in inv[] = { { .person_id = p1 }, { .account_id = katja } };
		struct meeting_item_new n = { .meeting_id = m_client, .case_id = c1, .question = "Mikä auttaisi aamuja? Perheen oma näkemys.",
					      .step = 3, .prepared = true, .invites = inv, .ninvites = p1 ? 2 : 1, .by = kirsi };
		if (!p1)
			inv[0] = inv[1];
		e = meeting_item_save(db, &n, &item, &fe);
	}
	if (!e) {
		struct meeting_record_new r = { .item_id = item, .by = sanna,
			.hypotheses = "Aamut helpottuvat, kun äiti saa tukea iltoihin.",
			.reflections = "Äiti kertoi, että on tullut kuulluksi. Oliver toivoi, että koulumatka tehtäisiin kaverin kanssa.",
			.decisions = "Perhetyö kahdesti viikossa iltaisin. Seuraava asiakastiimi kuukauden päästä.",
			.feedback_score = 4, .feedback_text = "Tuntui hyvältä, että puhuttiin meidän arjesta eikä vain ongelmista.",
			.ntasks = 1, .nquestions = 0 };
		r.people[r.npeople] = (struct meeting_invite_in){ .account_id = sanna };
		r.present[r.npeople++] = true;
		r.people[r.npeople] = (struct meeting_invite_in){ .account_id = maria };
		r.present[r.npeople++] = true;
		r.people[r.npeople] = (struct meeting_invite_in){ .account_id = terhi, .role = "family_therapist" };
		r.present[r.npeople++] = true;
		if (p1) {
			r.people[r.npeople] = (struct meeting_invite_in){ .person_id = p1 };
			r.present[r.npeople++] = true;
		}
		r.people[r.npeople] = (struct meeting_invite_in){ .name = "Mummo (äidin äiti)", .role = "close_network" };
		r.present[r.npeople++] = false;
		for (int q = 1; q <= 6; q++) {
			int64_t id = question_id(db, county, "family", "first", q);
			if (id)
				r.questions[r.nquestions++] = id;
		}
		date_format(date_add_days(date_today(), 10), due);
		r.tasks[0] = (struct meeting_task_in){ "Käynnistä iltojen perhetyö", maria, due };
		e = meeting_record_save(db, &r, &fe);
	}
	/* Last week: two more families in the professional team. */
	if (!e) {
		struct meeting_item_new n = { .meeting_id = m_last, .case_id = c2, .question = "Isän päihteiden käyttö: riittääkö avohuolto?",
					      .step = 1, .prepared = true, .by = kirsi };
		e = meeting_item_save(db, &n, &item, &fe);
	}
	if (!e) {
		struct meeting_record_new r = { .item_id = item, .by = olli, .npeople = 3, .ntasks = 1,
			.hypotheses = "Isä hakee apua, kun häntä ei syyllistetä.",
			.decisions = "Valmistellaan perheen kanssa asiakastiimi; pyydetään päihdepalveluiden työntekijä mukaan." };
		r.people[0] = (struct meeting_invite_in){ .account_id = sanna };
		r.people[1] = (struct meeting_invite_in){ .account_id = olli };
		r.people[2] = (struct meeting_invite_in){ .account_id = terhi, .role = "family_therapist" };
		r.present[0] = r.present[1] = r.present[2] = true;
		date_format(date_add_days(date_today(), 4), due);
		r.tasks[0] = (struct meeting_task_in){ "Valmistele asiakastiimi perheen kanssa", sanna, due };
		e = meeting_record_save(db, &r, &fe);
	}
	/* Next Tuesday: prepared, katja invited for Oliver; the week after: not yet. */
	if (!e) {
		struct meeting_item_new n = { .meeting_id = m_next, .case_id = c1, .question = "Miten koulupalaverissa sovittu on lähtenyt käyntiin?",
					      .step = 4, .prepared = true, .invites = inv_katja, .ninvites = 1, .by = kirsi };
		e = meeting_item_save(db, &n, &item, &fe);
	}
	if (!e && c3) {
		struct meeting_item_new n = { .meeting_id = m_next, .case_id = c3, .question = "Sijoituksen tarve: mitä tiedämme, mitä emme?",
					      .step = 1, .prepared = true, .by = kirsi };
		e = meeting_item_save(db, &n, &item, &fe);
	}
	if (!e) {
		struct meeting_item_new n = { .meeting_id = m_after, .case_id = c2, .question = "",
					      .step = 1, .prepared = false, .by = kirsi };
		e = meeting_item_save(db, &n, &item, &fe);
	}
	return e;
}

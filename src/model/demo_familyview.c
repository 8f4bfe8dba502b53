/*
 * demo_familyview.c - the family view's demo data (see demo.h): the
 * services the members of four demo families use, across sectors; the
 * Aaltolas' portal: a client-team meeting they are invited to and Eetu's
 * Three Houses, which he agreed to show his mother.
 *
 * The families: the Aaltolas (Eetu 13 and his mother Aino, accounts eetu
 * and aino; Keskuskoulu's curator katja on Eetu's team), Oliver Nurmi and
 * Olivia Saarinen (demo cases 2 and 3, the toolbox families), and the
 * Rinnes (Aino 7, her mother Laura under non-disclosure: her shelter's
 * place and contact are never shown outside the child's team).
 */
#include <stdio.h>
#include <string.h>
#include "core/log.h"
#include "core/str.h"
#include "core/workday.h"
#include "model/demo.h"
#include "model/familyview.h"
#include "model/meeting.h"
#include "model/threehouses.h"

static int64_t id_of(struct db *db, const char *sql, int64_t arg, const char *text)
{
	struct db_stmt *st;
	bool row;
	int64_t id = 0;
	if (db_prepare(db, sql, &st))
		return 0;
	if (text)
		db_bind_text(st, 1, text);
	else
		db_bind_int(st, 1, arg);
	if (!db_step(st, &row) && row)
		id = db_col_int(st, 0);
	db_done(st);
	return id;
}

static void day(int offset, char out[11])
{
	date_format(date_add_days(date_today(), offset), out);
}

/* One service of person_id in child_id's case: from the partner map
 * (service named "Org|Service") or free text (org, service). */
static enum err svc(struct db *db, int64_t county, int64_t child_id, int64_t person_id, const char *map_org,
		    const char *map_service, const char *org, const char *service, const char *worker,
		    const char *contact, int from_days, int to_days, int64_t by)
{
	struct field_error fe = { 0 };
	struct db_stmt *st;
	bool row;
	int64_t case_id = id_of(db, "SELECT id FROM child_case WHERE child_id = ? ORDER BY id DESC LIMIT 1", child_id, NULL);
	char pid[24], sid[24] = "", from[11], to[11] = "";
	int64_t id = 0;
	enum err e;

	if (!case_id || !person_id)
		return ERR_OK;   /* a family the demo did not make: nothing to add */
	if (map_org) {
		e = db_prepare(db, "SELECT s.id FROM partner_service s JOIN partner_org o ON o.id = s.org_id"
				   " WHERE o.county_id = ? AND o.name = ? AND s.name = ?", &st);
		if (e)
			return e;
		db_bind_int(st, 1, county);
		db_bind_text(st, 2, map_org);
		db_bind_text(st, 3, map_service);
		if (!db_step(st, &row) && row)
			snprintf(sid, sizeof(sid), "%lld", (long long)db_col_int(st, 0));
		db_done(st);
	}
	snprintf(pid, sizeof(pid), "%lld", (long long)person_id);
	day(-from_days, from);
	if (to_days)
		day(-to_days, to);
	struct person_service_new n = { .case_id = case_id, .child_id = child_id, .county_id = county, .person_id = pid,
					.service_id = sid, .org_name = sid[0] ? "" : org,
					.service_name = sid[0] ? "" : service, .worker_name = worker,
					.worker_contact = contact, .from_date = from, .to_date = to, .by = by };
	e = person_service_add(db, &n, &id, &fe);
	if (e)
		log_error("demo family view: %s %s", fe.field ? fe.field : "", fe.message);
	return e;
}

static int64_t parent_of(struct db *db, int64_t child_id, int nth)
{
	struct db_stmt *st;
	bool row;
	int64_t id = 0;
	if (db_prepare(db, "SELECT person_id FROM relation WHERE related_id = ? AND kind = 'parent' ORDER BY id LIMIT 1 OFFSET ?",
		       &st))
		return 0;
	db_bind_int(st, 1, child_id);
	db_bind_int(st, 2, nth);
	if (!db_step(st, &row) && row)
		id = db_col_int(st, 0);
	db_done(st);
	return id;
}

static int64_t person_named(struct db *db, const char *first, const char *last)
{
	struct db_stmt *st;
	bool row;
	int64_t id = 0;
	if (db_prepare(db, "SELECT id FROM person WHERE first_names = ? AND last_name = ? ORDER BY id LIMIT 1", &st))
		return 0;
	db_bind_text(st, 1, first);
	db_bind_text(st, 2, last);
	if (!db_step(st, &row) && row)
		id = db_col_int(st, 0);
	db_done(st);
	return id;
}

/* The Aaltolas' portal: Eetu's Three Houses and a client-team meeting. */
static enum err aaltola_portal(struct db *db, int64_t eetu, int64_t aino, int64_t sanna, int64_t kirsi)
{
	struct field_error fe = { 0 };
	int64_t case_id = id_of(db, "SELECT id FROM child_case WHERE child_id = ? ORDER BY id DESC LIMIT 1", eetu, NULL);
	int64_t meeting = 0, item = 0;
	char today[11], rec[11];
	struct db_stmt *st;
	bool row;
	int version = 0;
	enum err e;

	if (!case_id)
		return ERR_OK;
	day(-14, rec);
	struct threehouses_new t = { .case_id = case_id, .recorded_on = rec, .present = "Sanna (sosiaalityöntekijä)",
		.worries = "Aamut on vaikeita, kun äiti on väsynyt.\nMatikan kokeet.",
		.good_things = "Katja koulussa kuuntelee.\nFutis tiistaisin.\nMummo Raili soittaa joka sunnuntai.",
		.dreams = "Oma huone, jossa saa olla rauhassa.\nPäästä kesällä futisleirille.",
		.share_parents = true, .share_partners = false, .author_id = sanna };
	e = threehouses_save(db, &t, &version, &fe);
	/* The MAJAKKA weekly meeting three weeks from now becomes a client
	 * team with the Aaltolas. */
	day(14, today);
	if (!e) e = db_prepare(db, "SELECT m.id FROM meeting m JOIN team t ON t.id = m.team_id WHERE t.name = 'MAJAKKA'"
			       " AND m.meets_on > ? AND NOT EXISTS (SELECT 1 FROM meeting_item i WHERE i.meeting_id = m.id)"
			       " ORDER BY m.meets_on LIMIT 1", &st);
	if (!e) {
		db_bind_text(st, 1, today);
		if (!db_step(st, &row) && row)
			meeting = db_col_int(st, 0);
		db_done(st);
	}
	if (!e && meeting) {
		struct meeting_patch p = { .kind = "client", .place = "Perhekeskus Majakka, Palokunnankatu 1, 2. krs",
					   .cancelled = -1, .by = kirsi };
		e = meeting_update(db, meeting, &p, &fe);
	}
	if (!e && meeting) {
		struct meeting_invite_in inv[] = { { .person_id = aino, .name = "Aino Aaltola", .role = "family" },
						   { .person_id = eetu, .name = "Eetu Aaltola", .role = "family" } };
		struct meeting_item_new n = { .meeting_id = meeting, .case_id = case_id,
					      .question = "Miten aamut ja koulu sujuvat nyt? Perheen oma näkemys ensin.",
					      .step = 3, .prepared = true, .invites = inv, .ninvites = 2, .by = kirsi };
		e = meeting_item_save(db, &n, &item, &fe);
	}
	if (e)
		log_error("demo family view portal: %s %s", fe.field ? fe.field : "", fe.message);
	return e;
}

enum err demo_familyview_create(struct db *db, int64_t county)
{
	int64_t sanna = demo_account_id(db, "sanna"), olli = demo_account_id(db, "olli"),
		kirsi = demo_account_id(db, "kirsi");
	int64_t eetu = person_named(db, "Eetu", "Aaltola"), aino = person_named(db, "Aino", "Aaltola");
	int64_t rinne = person_named(db, "Aino", "Rinne"), laura = person_named(db, "Laura", "Rinne");
	int64_t oliver = id_of(db, "SELECT child_id FROM child_case WHERE id = ?", 2, NULL);
	int64_t olivia = id_of(db, "SELECT child_id FROM child_case WHERE id = ?", 3, NULL);
	const char *school = "Keskuskoulu (demo)", *ngo = "Nuorten Tuki ry (demo)";
	enum err e = ERR_OK;

	/* The Aaltolas. */
	e = svc(db, county, eetu, eetu, school, "Koulukuraattori", NULL, NULL, "Katja Korhonen", "03 000 2101", 400, 0, sanna);
	if (!e) e = svc(db, county, eetu, eetu, ngo, "Etsivä nuorisotyö", NULL, NULL, "Joonas Virta (demo)",
			"03 000 2703", 120, 0, sanna);
	if (!e) e = svc(db, county, eetu, aino, NULL, NULL, "Terveysasema Keskusta (demo)",
			"Aikuisten mielenterveyspalvelut", "psykiatrinen sairaanhoitaja Outi Lampinen (demo)",
			"03 000 2510, ma–to 8–9", 200, 0, sanna);
	if (!e) e = svc(db, county, eetu, aino, ngo, "Vanhempainryhmä", NULL, NULL, "Sari Niemi (demo)", "03 000 2702",
			300, 90, sanna);
	/* Oliver Nurmi and his mother. */
	if (!e) e = svc(db, county, oliver, oliver, school, "Kouluterveydenhoitaja", NULL, NULL, "Helena Mäki (demo)",
			"03 000 2102", 700, 0, sanna);
	if (!e) e = svc(db, county, oliver, parent_of(db, oliver, 0), "Majakan seurakunta (demo)", "Perheneuvonta", NULL,
			NULL, "Pekka Saari (demo)", "03 000 2801", 150, 0, sanna);
	/* Olivia Saarinen and her parent. */
	if (!e) e = svc(db, county, olivia, olivia, "Lastenneuvola Keskusta (demo)", "Terveydenhoitaja", NULL, NULL,
			"Minna Laine (demo)", "03 000 2302", 900, 0, olli);
	if (!e) e = svc(db, county, olivia, parent_of(db, olivia, 0), "Päihde- ja mielenterveyspalvelut (demo)",
			"Vanhemman päihdehoito", NULL, NULL, "Timo Koski (demo)", "03 000 2501", 240, 0, olli);
	/* The Rinnes: the mother's shelter is under non-disclosure. */
	if (!e) e = svc(db, county, rinne, laura, NULL, NULL, "Ensi- ja turvakoti Kaisla (demo)", "Turvakodin avopalvelu",
			"ohjaaja Henna Aro (demo)", "03 000 2901", 55, 0, sanna);
	if (!e) e = svc(db, county, rinne, rinne, school, "Kouluterveydenhoitaja", NULL, NULL, "Helena Mäki (demo)",
			"03 000 2102", 100, 0, sanna);
	if (!e) e = aaltola_portal(db, eetu, aino, sanna, kirsi);
	return e;
}

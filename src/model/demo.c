/*
 * demo.c - the fictional demo organisation (see demo.h).
 */
#include <stdio.h>
#include <string.h>
#include "core/log.h"
#include "core/str.h"
#include "model/account.h"
#include "model/demo.h"
#include "model/grant.h"
#include "model/org.h"

const struct demo_login demo_logins[] = {
	{ "admin", "administrator: accounts and organisation, no client data" },
	{ "sanna", "social worker in MAJAKKA" },
	{ "teemu", "team lead of MAJAKKA" },
	{ "paula", "family worker in LOISTO" },
	{ "kaisa", "manager of the child-welfare area" },
	{ "terhi", "family therapist shared by the open-care teams" },
	{ "kalle", "consulting social worker" },
	{ "kirsi", "coordinator of the systemic weekly meetings" },
	{ "katja", "partner professional: school curator" },
	{ "hanna", "social worker in VINSSI, near the caseload cap" },
	{ "ville", "social worker in VINSSI, over the caseload cap" },
	{ "raimo", "manager of foster care" },
	{ "tuula", "partner professional: school nurse; answered yes to sanna's mapping invitation" },
	{ "jaana", "partner professional: youth psychiatry nurse; answered yes (maybe available)" },
	{ "emmi", "partner professional: daycare teacher; answered no, sees name and age only" },
	{ "oskari", "partner professional: NGO youth worker; has not answered the mapping invitation" },
	{ "uusi", "new social worker: added to MAJAKKA, waiting for teemu's approval" },
	{ "aino", "parent in the family portal: Aino Aaltola, mother of Eetu (MAJAKKA), a joint client plan" },
	{ "eetu", "child in the family portal: Eetu Aaltola, 13, his own account and his own view" },
	{ "jari", "parent (family account) under a safety block: sees nothing of his child" },
	{ NULL, NULL },
};

struct demo_team {
	const char *name;
	const char *kind;
	const char *phones[3];
	/* members: username, display name, role, title */
	const char *members[6][4];
};

static const struct demo_team teams[] = {
	{ "MAJAKKA", "open_care", { "040 000 1101", "040 000 1102", "040 000 1103" }, {
		{ "sanna", "Sanna Salmela", "social_worker", "sosiaalityöntekijä" },
		{ "olli", "Olli Mäkelä", "social_worker", "sosiaalityöntekijä" },
		{ "teemu", "Teemu Laaksonen", "team_lead", "tiimivastaava, sosiaaliohjaaja" },
		{ "maria", "Maria Koskinen", "family_worker", "perheohjaaja" } } },
	{ "LOISTO", "open_care", { "040 000 1201", "040 000 1202", "040 000 1203" }, {
		{ "leena", "Leena Heikkinen", "social_worker", "sosiaalityöntekijä" },
		{ "jarmo", "Jarmo Niemi", "social_worker", "sosiaalityöntekijä" },
		{ "paula", "Paula Järvinen", "family_worker", "perheohjaaja" } } },
	{ "VALKAMA", "open_care", { "040 000 1301", "040 000 1302", "040 000 1303" }, {
		{ "anni", "Anni Lehtonen", "social_worker", "sosiaalityöntekijä" },
		{ "mikko", "Mikko Saarinen", "social_worker", "sosiaalityöntekijä" },
		{ "riikka", "Riikka Hämäläinen", "social_counsellor", "sosiaaliohjaaja" },
		{ "tuomas", "Tuomas Peltonen", "family_worker", "perheohjaaja" } } },
	{ "VINSSI", "open_care", { "040 000 1401", "040 000 1402", "040 000 1403" }, {
		{ "hanna", "Hanna Rantanen", "social_worker", "sosiaalityöntekijä" },
		{ "ville", "Ville Karjalainen", "social_worker", "sosiaalityöntekijä" },
		{ "elina", "Elina Lindholm", "social_counsellor", "sosiaaliohjaaja" } } },
	{ "LUOTO", "open_care", { "040 000 1501", "040 000 1502", "040 000 1503" }, {
		{ "johanna", "Johanna Mattila", "social_worker", "sosiaalityöntekijä" },
		{ "antti", "Antti Virtanen", "social_worker", "sosiaalityöntekijä" },
		{ "susanna", "Susanna Aaltonen", "social_counsellor", "sosiaaliohjaaja" },
		{ "petri", "Petri Honkanen", "family_worker", "perheohjaaja" } } },
	{ "POIJU", "open_care", { "040 000 1601", "040 000 1602", "040 000 1603" }, {
		{ "noora", "Noora Kettunen", "social_worker", "sosiaalityöntekijä" },
		{ "janne", "Janne Laine", "social_worker", "sosiaalityöntekijä" },
		{ "marjo", "Marjo Tuominen", "family_worker", "perheohjaaja" } } },
	{ "SATAMA", "foster_care", { "040 000 1701", "040 000 1702", "040 000 1703" }, {
		{ "tiina", "Tiina Ahonen", "social_worker", "sosiaalityöntekijä" },
		{ "markus", "Markus Lahtinen", "social_worker", "sosiaalityöntekijä" },
		{ "sari", "Sari Manninen", "social_counsellor", "sosiaaliohjaaja" },
		{ "heikki", "Heikki Vainio", "social_counsellor", "sosiaaliohjaaja" },
		{ "minna", "Minna Salonen", "family_worker", "perheohjaaja" },
		{ "pekka", "Pekka Kivelä", "family_worker", "perheohjaaja" } } },
	{ "ANKKURI", "foster_care", { "040 000 1801", "040 000 1802", "040 000 1803" }, {
		{ "katri", "Katri Leinonen", "social_worker", "sosiaalityöntekijä" },
		{ "jukka", "Jukka Nurmi", "social_worker", "sosiaalityöntekijä" },
		{ "satu", "Satu Räsänen", "social_counsellor", "sosiaaliohjaaja" },
		{ "timo", "Timo Hakala", "social_counsellor", "sosiaaliohjaaja" },
		{ "outi", "Outi Jokinen", "family_worker", "perheohjaaja" },
		{ "lauri", "Lauri Heino", "family_worker", "perheohjaaja" } } },
};

static enum err add_account(struct db *db, const char *user, const char *name, const char *role,
			    const char *title, const char *org, int64_t county, int64_t area,
			    const char *hash, int64_t *id)
{
	struct field_error fe = { 0 };
	struct account_row r = { .county_id = county, .area_id = area, .active = true };
	enum err e;

	str_lcpy(r.username, user, sizeof(r.username));
	str_lcpy(r.display_name, name, sizeof(r.display_name));
	str_lcpy(r.role, role, sizeof(r.role));
	str_lcpy(r.title, title, sizeof(r.title));
	str_lcpy(r.organisation, org, sizeof(r.organisation));
	e = account_create(db, &r, hash, &fe);
	if (e)
		log_error("demo account %s: %s %s", user, fe.field ? fe.field : "", fe.message);
	*id = r.id;
	return e;
}

static enum err set_meta(struct db *db, const char *key, const char *value)
{
	struct db_stmt *st;
	enum err e = db_prepare(db, "INSERT INTO meta(key, value) VALUES (?, ?)"
				    " ON CONFLICT(key) DO UPDATE SET value = excluded.value", &st);
	if (e)
		return e;
	db_bind_text(st, 1, key);
	db_bind_text(st, 2, value);
	return db_run(st);
}

/* The administrator has just added a new social worker to MAJAKKA: the
 * request waits for MAJAKKA's lead (teemu) or the area's manager (kaisa), and
 * until then uusi sees no child.  Logged as the administrator's request. */
static enum err pending_grant(struct db *db, int64_t county, int64_t admin_id, int64_t team_id, const char *hash)
{
	struct principal p;
	struct access_ctx ax;
	int64_t id;
	enum err e = add_account(db, "uusi", "Uuno Uusi", "social_worker", "sosiaalityöntekijä", "", county, 0,
				 hash, &id);

	if (!e)
		e = account_load_principal(db, admin_id, &p);
	if (e)
		return e;
	access_ctx_init(&ax, &p, "");
	e = grant_request(db, &ax, id, team_id, 0, false, NULL);
	access_ctx_release(&ax);
	return e;
}

enum err demo_create(struct db *db, const char *hash)
{
	struct field_error fe = { 0 };
	int64_t county, area, foster_area, id, team_ids[8];
	enum err e = db_begin(db);

	if (e)
		return e;
	e = org_create_county(db, "Majakan hyvinvointialue (demo)", &county, &fe);
	if (!e)
		e = org_create_area(db, county, "Lastensuojelun avohuolto", &area, &fe);
	if (!e)
		e = org_create_area(db, county, "Sijaishuolto", &foster_area, &fe);
	for (size_t i = 0; !e && i < sizeof(teams) / sizeof(teams[0]); i++) {
		const struct demo_team *dt = &teams[i];
		struct team_row t = { .area_id = !strcmp(dt->kind, "foster_care") ? foster_area : area };
		str_lcpy(t.name, dt->name, sizeof(t.name));
		str_lcpy(t.kind, dt->kind, sizeof(t.kind));
		str_lcpy(t.phone1, dt->phones[0], sizeof(t.phone1));
		str_lcpy(t.phone2, dt->phones[1], sizeof(t.phone2));
		str_lcpy(t.phone3, dt->phones[2], sizeof(t.phone3));
		str_lcpy(t.hours, "ma–pe 8.00–16.00", sizeof(t.hours));
		snprintf(t.email, sizeof(t.email), "%s@majakka.invalid", dt->name);
		for (char *c = t.email; *c; c++)
			if (*c >= 'A' && *c <= 'Z')
				*c = (char)(*c - 'A' + 'a');
		e = org_create_team(db, &t, &fe);
		team_ids[i] = t.id;
		for (int m = 0; !e && m < 6 && dt->members[m][0]; m++) {
			e = add_account(db, dt->members[m][0], dt->members[m][1], dt->members[m][2],
					dt->members[m][3], "", county, 0, hash, &id);
			if (!e)
				e = account_add_team(db, id, t.id, !strcmp(dt->members[m][2], "team_lead"));
		}
	}
	/* Shared roles across the open-care teams. */
	if (!e)
		e = add_account(db, "terhi", "Terhi Koivisto", "family_therapist", "perheterapeutti", "",
				county, 0, hash, &id);
	for (int i = 0; !e && i < 6; i++)
		e = account_add_team(db, id, team_ids[i], false);
	if (!e)
		e = add_account(db, "kalle", "Kalle Mustonen", "consulting_social_worker",
				"johtava sosiaalityöntekijä, konsultoiva sosiaalityöntekijä", "", county, 0, hash, &id);
	for (int i = 0; !e && i < 3; i++)
		e = account_add_team(db, id, team_ids[i], false);
	if (!e)
		e = add_account(db, "eija", "Eija Pulkkinen", "consulting_social_worker",
				"johtava sosiaalityöntekijä, konsultoiva sosiaalityöntekijä", "", county, 0, hash, &id);
	for (int i = 3; !e && i < 8; i++)
		e = account_add_team(db, id, team_ids[i], false);
	if (!e)
		e = add_account(db, "kirsi", "Kirsi Hiltunen", "coordinator", "koordinaattori", "",
				county, 0, hash, &id);
	for (int i = 0; !e && i < 8; i++)
		e = account_add_team(db, id, team_ids[i], false);
	/* The demo's memberships above and the managers' areas are approved. */
	if (!e)
		e = add_account(db, "kaisa", "Kaisa Valtonen", "manager", "palvelupäällikkö", "",
				county, area, hash, &id);
	if (!e)
		e = account_approve_area(db, id, area);
	if (!e)
		e = add_account(db, "raimo", "Raimo Nieminen", "manager", "johtava sosiaalityöntekijä, sijaishuolto",
				"", county, foster_area, hash, &id);
	if (!e)
		e = account_approve_area(db, id, foster_area);
	if (!e)
		e = add_account(db, "admin", "Ylläpitäjä", "admin", "pääkäyttäjä", "", county, 0, hash, &id);
	if (!e)
		e = pending_grant(db, county, id, team_ids[0], hash);
	/* A partner works for another organisation (her own in organisation)
	 * but her account is the county's, which gives her access. */
	if (!e)
		e = add_account(db, "katja", "Katja Korhonen", "partner", "koulukuraattori",
				"Keskuskoulu (demo)", county, 0, hash, &id);
	if (!e)
		e = demo_cases_create(db, county);
	if (!e)
		e = demo_genogram_create(db);
	if (!e)
		e = demo_lights_create(db, county);
	if (!e)
		e = demo_plan_create(db, county, hash);
	if (!e)
		e = demo_toolbox_create(db, county);
	if (!e)
		e = demo_partners_create(db, county, hash);
	if (!e)
		e = demo_consent_create(db, county, hash);
	if (!e)
		e = demo_meetings_create(db, county);
	if (!e)
		e = demo_familyview_create(db, county);
	if (!e)
		e = set_meta(db, "demo", "1");
	if (!e)
		e = set_meta(db, "organisation", "Majakan hyvinvointialue (demo)");
	if (e) {
		db_rollback(db);
		return e;
	}
	return db_commit(db);
}

/*
 * demo_partners.c - the demo's partner map, a mapping invitation with
 * mixed answers and a multi-agency assessment with differing views,
 * the family's own among them (see partners.h).
 *
 * The story: Katja, the curator of Keskuskoulu, sits on the child's team
 * of a MAJAKKA child.  Sanna (the responsible worker) invited the school
 * nurse, the youth psychiatry nurse, the daycare of the younger sibling and
 * the NGO's youth worker to map the situation: the nurse and the psychiatry
 * nurse said yes, the daycare had no information, the NGO worker is not
 * available.  The invitation became a joint assessment, where the family's
 * own view differs from the professionals'.
 */
#include <stdio.h>
#include <string.h>
#include "core/log.h"
#include "core/str.h"
#include "model/account.h"
#include "model/caseteam.h"
#include "model/demo.h"
#include "model/partners.h"

struct demo_org {
	const char *name, *kind, *phone, *email, *address, *description;
	const char *services[3][4];   /* name, description, contact, phone */
};

static const struct demo_org orgs[] = {
	{ "Keskuskoulu (demo)", "school", "03 000 2100", "keskuskoulu@koulu.invalid", "Koulukatu 1",
	  "Perusopetus 1–9, oppilashuolto", {
		{ "Koulukuraattori", "Oppilaan ja perheen tuki, poissaolot, kiusaaminen", "kuraattori Katja Korhonen", "03 000 2101" },
		{ "Kouluterveydenhoitaja", "Terveystarkastukset, hyvinvointi", "terveydenhoitaja", "03 000 2102" } } },
	{ "Päiväkoti Satakieli (demo)", "daycare", "03 000 2200", "satakieli@paivakoti.invalid", "Puistotie 4",
	  "Varhaiskasvatus 1–6-vuotiaille", {
		{ "Varhaiskasvatuksen erityisopettaja", "Tuen tarpeen arviointi", "veo", "03 000 2201" } } },
	{ "Lastenneuvola Keskusta (demo)", "child_health_clinic", "03 000 2300", "neuvola@sote.invalid", "Terveystie 2",
	  "Alle kouluikäisten lasten ja perheiden terveyspalvelut", {
		{ "Perhetyö (neuvola)", "Kotikäynnit vauvaperheisiin", "perhetyöntekijä", "03 000 2301" },
		{ "Terveydenhoitaja", "Määräaikaistarkastukset", "terveydenhoitaja", "03 000 2302" } } },
	{ "Nuorisopsykiatrian poliklinikka (demo)", "youth_psychiatry", "03 000 2400", "nuopsy@sote.invalid",
	  "Sairaalantie 8", "13–22-vuotiaiden psykiatrinen hoito", {
		{ "Arviointijakso", "Tutkimus ja hoidon tarpeen arviointi", "sairaanhoitaja", "03 000 2401" } } },
	{ "Päihde- ja mielenterveyspalvelut (demo)", "substance_mental_health", "03 000 2500", "mielenterveys@sote.invalid",
	  "Terveystie 6", "Aikuisten päihde- ja mielenterveyspalvelut", {
		{ "Vanhemman päihdehoito", "Avohoito ja korvaushoito", "päihdetyöntekijä", "03 000 2501" } } },
	{ "Poliisi, ennalta estävä toiminta (demo)", "police", "0295 000 000", "ennaltaestava@poliisi.invalid",
	  "Poliisitalo", "Ankkuritoiminta: nuoret ja perheväkivalta", {
		{ "Ankkuritiimi", "Alle 18-vuotiaiden rikosten ja perheväkivallan varhainen puuttuminen", "ankkuripoliisi", "0295 000 001" } } },
	{ "Nuorten Tuki ry (demo)", "ngo", "03 000 2700", "info@nuortentuki.invalid", "Torikatu 3",
	  "Järjestön nuorisotyö ja vertaisryhmät", {
		{ "Etsivä nuorisotyö", "Nuoret, jotka eivät ole koulussa tai työssä", "nuorisotyöntekijä", "03 000 2701" },
		{ "Vanhempainryhmä", "Vertaistuki murrosikäisten vanhemmille", "ohjaaja", "03 000 2702" } } },
	{ "Majakan seurakunta (demo)", "parish", "03 000 2800", "diakonia@seurakunta.invalid", "Kirkkokatu 1",
	  "Diakoniatyö ja perheneuvonta", {
		{ "Perheneuvonta", "Parisuhde- ja perhekeskustelut", "perheneuvoja", "03 000 2801" } } },
};

/* username, name, title, organisation index */
static const char *const people[][4] = {
	{ "tuula", "Tuula Heinonen", "kouluterveydenhoitaja", "0" },
	{ "jaana", "Jaana Kallio", "sairaanhoitaja, nuorisopsykiatria", "3" },
	{ "emmi", "Emmi Laakso", "varhaiskasvatuksen opettaja", "1" },
	{ "oskari", "Oskari Riihimäki", "nuorisotyöntekijä", "6" },
};

static enum err add_partner(struct db *db, int64_t county, const char *user, const char *name, const char *title,
			    const char *org, const char *hash, int64_t *id)
{
	struct field_error fe = { 0 };
	struct account_row r = { .county_id = county, .active = true };
	enum err e;
	str_lcpy(r.username, user, sizeof(r.username));
	str_lcpy(r.display_name, name, sizeof(r.display_name));
	str_lcpy(r.role, "partner", sizeof(r.role));
	str_lcpy(r.title, title, sizeof(r.title));
	str_lcpy(r.organisation, org, sizeof(r.organisation));
	e = account_create(db, &r, hash, &fe);
	if (e)
		log_error("demo partner %s: %s %s", user, fe.field ? fe.field : "", fe.message);
	*id = r.id;
	return e;
}

static int64_t account_by_name(struct db *db, const char *username)
{
	struct account_row r;
	return account_get_login(db, username, &r, NULL, 0) ? 0 : r.id;
}

static enum err story(struct db *db, int64_t county, const int64_t *pid)
{
	static const char *const views[][5] = {
		/* author (0 sanna, 1 tuula, 2 jaana, 3 family), area, rating, text */
		{ "0", "child_strengths", "7", "Sosiaalinen, pitää jalkapallosta, luottaa valmentajaansa." },
		{ "1", "child_strengths", "6", "Hyvä kuvataiteessa; jaksaa huonosti aamupäivät." },
		{ "3", "child_strengths", "8", "Me nähdään että hän on reipas ja auttaa pikkusisarta." },
		{ "0", "child_mental_health", "4", "Ahdistuneisuutta, nukkuu huonosti." },
		{ "2", "child_mental_health", "3", "Arviointijaksolla masennusoireita; hoito aloitettu." },
		{ "3", "child_mental_health", "6", "Väsynyt, mutta ei meidän mielestä masentunut." },
		{ "1", "child_health", "7", "Kasvu ja paino tasaisia." },
		{ "0", "parenting_safety", "5", "Äiti huolehtii turvallisuudesta; isän humalakäynnit huolettavat." },
		{ "3", "parenting_safety", "8", "Kotona on turvallista." },
		{ "0", "parenting_limits", "4", "Rajat vaihtelevat vanhempien välillä." },
		{ "3", "parenting_limits", "5", "Yritämme sopia yhteiset säännöt." },
	};
	struct field_error fe = { 0 };
	int64_t sanna = account_by_name(db, "sanna"), katja = account_by_name(db, "katja"), inv = 0, asm_id = 0;
	int64_t invitees[4] = { pid[0], pid[1], pid[2], pid[3] }, author[4];
	int64_t case_id = 0;
	struct db_stmt *st;
	bool row;
	enum err e;

	/* A MAJAKKA child whose team katja is on, as the other demos pick it. */
	e = db_prepare(db, "SELECT c.id FROM case_member m JOIN child_case c ON c.id = m.case_id"
			   " JOIN team t ON t.id = c.team_id WHERE m.account_id = ? AND m.to_date IS NULL"
			   " AND t.name = 'MAJAKKA' ORDER BY c.id LIMIT 1", &st);
	if (e)
		return e;
	db_bind_int(st, 1, katja);
	e = db_step(st, &row);
	if (!e && row)
		case_id = db_col_int(st, 0);
	db_done(st);
	if (e || !case_id || !sanna)
		return e ? e : ERR_NOT_FOUND;
	e = mapping_create(db, county, case_id, sanna,
			   "Huoli koulupoissaoloista ja nukkumisesta. Kartoitetaan yhdessä, kenellä on tietoa "
			   "ja kuka voi osallistua arviointiin.", invitees, 4, &inv, &fe);
	if (!e) e = mapping_answer(db, inv, pid[0], "yes", "yes", "yes", "Olen tavannut oppilaan syksyllä viisi kertaa.", &fe);
	if (!e) e = mapping_answer(db, inv, pid[1], "yes", "yes", "maybe", "Hoitosuhde alkanut; osallistun jos aika sopii.", &fe);
	if (!e) e = mapping_answer(db, inv, pid[2], "no", "maybe", "no", "Sisarus on ryhmässämme, lapsesta ei tietoa.", &fe);
	/* oskari (pid[3]) has not answered: his "my work" reminds him. */
	if (!e) e = assessment_create(db, county, case_id, sanna, "Monitoimijainen arviointi, syksy", inv, &katja, 1,
				      &asm_id, &fe);
	author[0] = sanna;
	author[1] = pid[0];
	author[2] = pid[1];
	author[3] = sanna;
	for (size_t i = 0; !e && i < sizeof(views) / sizeof(views[0]); i++) {
		int who = views[i][0][0] - '0';
		e = assessment_add_view(db, asm_id, views[i][1], author[who], who == 3, views[i][2][0] - '0',
					views[i][3], NULL, &fe);
	}
	/* The school nurse and the psychiatry nurse joined the child's team. */
	for (int i = 0; !e && i < 2; i++) {
		struct member_new v = { .case_id = case_id, .role = "varying", .account_id = pid[i],
					.description = i ? "nuorisopsykiatrian hoitosuhde" : "kouluterveydenhoitaja",
					.added_by = sanna };
		int64_t mid;
		e = caseteam_assign(db, &v, &mid, &fe);
	}
	if (e)
		log_error("demo partners: %s %s", fe.field ? fe.field : "", fe.message);
	return e;
}

enum err demo_partners_create(struct db *db, int64_t county, const char *hash)
{
	struct field_error fe = { 0 };
	int64_t org_ids[sizeof(orgs) / sizeof(orgs[0])], pid[4], katja;
	enum err e = ERR_OK;

	for (size_t i = 0; !e && i < sizeof(orgs) / sizeof(orgs[0]); i++) {
		struct partner_org o = { .county_id = county };
		str_lcpy(o.name, orgs[i].name, sizeof(o.name));
		str_lcpy(o.kind, orgs[i].kind, sizeof(o.kind));
		str_lcpy(o.phone, orgs[i].phone, sizeof(o.phone));
		str_lcpy(o.email, orgs[i].email, sizeof(o.email));
		str_lcpy(o.address, orgs[i].address, sizeof(o.address));
		str_lcpy(o.description, orgs[i].description, sizeof(o.description));
		e = partner_org_create(db, &o, &fe);
		org_ids[i] = o.id;
		for (int s = 0; !e && s < 3 && orgs[i].services[s][0]; s++) {
			struct partner_service sv = { .org_id = o.id };
			str_lcpy(sv.name, orgs[i].services[s][0], sizeof(sv.name));
			str_lcpy(sv.description, orgs[i].services[s][1], sizeof(sv.description));
			str_lcpy(sv.contact, orgs[i].services[s][2], sizeof(sv.contact));
			str_lcpy(sv.phone, orgs[i].services[s][3], sizeof(sv.phone));
			e = partner_service_create(db, county, &sv, &fe);
		}
	}
	katja = e ? 0 : account_by_name(db, "katja");
	if (!e && katja)
		e = partner_member_set(db, county, katja, org_ids[0], &fe);
	for (int i = 0; !e && i < 4; i++) {
		int oi = people[i][3][0] - '0';
		e = add_partner(db, county, people[i][0], people[i][1], people[i][2], orgs[oi].name, hash, &pid[i]);
		if (!e)
			e = partner_member_set(db, county, pid[i], org_ids[oi], &fe);
	}
	if (!e)
		e = story(db, county, pid);
	if (e)
		log_error("demo partners: %s %s", fe.field ? fe.field : "", fe.message);
	return e;
}

/*
 * demo_cases.c - fictional children, families and cases for the demo
 * organisation: every phase, legal clocks due, overdue and met, journal
 * entries with corrections, client contacts, and workers near and over the
 * caseload cap.  Deterministic (a fixed seed), dated relative to today.
 * Identity codes use individual numbers 900-999 only.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/clock.h"
#include "core/log.h"
#include "core/str.h"
#include "core/workday.h"
#include "model/access.h"
#include "model/account.h"
#include "model/breakglass.h"
#include "model/caseteam.h"
#include "model/childcase.h"
#include "model/demo.h"
#include "model/hetu.h"
#include "model/journal.h"
#include "model/notification.h"
#include "model/person.h"

static uint64_t rng = 0x6d616a616b6b61ULL;

static unsigned rnd(unsigned n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (unsigned)(rng % n);
}

static const char *const girls[] = { "Aino", "Eevi", "Helmi", "Ella", "Emma", "Olivia", "Sofia", "Venla", "Iida",
	"Lilja", "Enni", "Kerttu", "Siiri", "Aada", "Pihla", "Minea", "Vilma", "Isla", "Linnea", "Hilla" };
static const char *const boys[] = { "Eino", "Leo", "Väinö", "Onni", "Elias", "Oliver", "Eeli", "Noel", "Leevi",
	"Toivo", "Lenni", "Otto", "Aatos", "Niilo", "Akseli", "Veeti", "Joel", "Emil", "Aaro", "Valtteri" };
static const char *const women[] = { "Jenni", "Hanna-Mari", "Satu", "Laura", "Anu", "Katja", "Piia", "Tiina",
	"Marika", "Johanna", "Elina", "Sanni" };
static const char *const men[] = { "Mika", "Janne", "Tomi", "Jussi", "Antti", "Sami", "Marko", "Teemu", "Ville",
	"Juha", "Petri", "Lasse" };
static const char *const surnames[] = { "Virtanen", "Korhonen", "Nieminen", "Mäkinen", "Hämäläinen", "Laine",
	"Heikkinen", "Koskinen", "Järvinen", "Lehtonen", "Saarinen", "Salminen", "Tuominen", "Rantanen", "Karjalainen",
	"Jokela", "Ahonen", "Hakala", "Lindqvist", "Peltola", "Kallio", "Östman", "Björklund", "Aalto", "Nurmi" };

#define N(a) (sizeof(a) / sizeof(a[0]))

static int person_seq;

static enum err add_person(struct db *db, int64_t county, const char *kind, const char *first, const char *last,
			   struct date birth, bool with_hetu, int64_t *id)
{
	struct field_error fe = { 0 };
	struct person_row p = { .county_id = county };
	enum err e = ERR_CONFLICT;

	str_lcpy(p.kind, kind, sizeof(p.kind));
	str_lcpy(p.first_names, first, sizeof(p.first_names));
	str_lcpy(p.last_name, last, sizeof(p.last_name));
	date_format(birth, p.birth_date);
	snprintf(p.phone, sizeof(p.phone), "050 000 %04d", 1000 + person_seq % 9000);
	snprintf(p.address, sizeof(p.address), "Demokatu %d, 13100 Hämeenlinna", 1 + person_seq % 80);
	p.non_disclosure = person_seq % 37 == 5;
	for (int tries = 0; e == ERR_CONFLICT && tries < 100; tries++) {
		if (with_hetu)
			hetu_make(birth, 900 + (person_seq + tries * 7) % 100, p.hetu);
		e = person_create(db, &p, 0, &fe);
		if (e == ERR_CONFLICT && !with_hetu)
			break;
	}
	person_seq++;
	if (e)
		log_error("demo person: %s %s", fe.field ? fe.field : "", fe.message);
	*id = p.id;
	return e;
}

static enum err exec_bind(struct db *db, const char *sql, int64_t a, const char *b, const char *c, int64_t d)
{
	struct db_stmt *st;
	enum err e = db_prepare(db, sql, &st);
	if (e)
		return e;
	db_bind_int(st, 1, a);
	db_bind_text(st, 2, b);
	db_bind_text(st, 3, c);
	db_bind_int(st, 4, d);
	return db_run(st);
}

int64_t demo_account_id(struct db *db, const char *username)
{
	struct db_stmt *st;
	bool row;
	int64_t id = 0;
	if (db_prepare(db, "SELECT id FROM account WHERE username = ?", &st))
		return 0;
	db_bind_text(st, 1, username);
	if (!db_step(st, &row) && row)
		id = db_col_int(st, 0);
	db_done(st);
	return id;
}

/* Make clock_now() say days_ago days back at hour (0 = the real clock). */
static void fake_day(int days_ago, int hour)
{
	if (days_ago < 0) {
		clock_set_fake(0);
		return;
	}
	clock_set_fake(0);
	clock_set_fake((date_to_days(date_today()) - days_ago) * 86400 + hour * 3600);
}

static void day_str(int days_ago, char out[11])
{
	date_format(date_add_days(date_today(), -days_ago), out);
}

struct team_plan {
	const char *team;
	int children;
	const char *sw[2];      /* responsible workers, alternating */
	int split;              /* children for sw[0]; the rest for sw[1] */
	const char *pair;
};

static const struct team_plan plans[] = {
	{ "MAJAKKA", 9, { "sanna", "olli" }, 5, "maria" },
	{ "LOISTO", 8, { "leena", "jarmo" }, 4, "paula" },
	{ "VALKAMA", 8, { "anni", "mikko" }, 4, "riikka" },
	{ "VINSSI", 60, { "hanna", "ville" }, 29, "elina" },
	{ "LUOTO", 8, { "johanna", "antti" }, 4, "susanna" },
	{ "POIJU", 7, { "noora", "janne" }, 4, "marjo" },
	{ "SATAMA", 6, { "tiina", "markus" }, 3, "sari" },
	{ "ANKKURI", 6, { "katri", "jukka" }, 3, "satu" },
};

static const char *const journal_texts[] = {
	"Kotikäynti perheen luona. Lapsi esitteli huoneensa ja kertoi koulun alkaneen hyvin. Äiti kertoi väsymyksestä; sovittiin perhetyön aloittamisesta.",
	"Puhelu koulukuraattorin kanssa. Poissaoloja on kertynyt syksyn aikana. Sovittiin yhteisestä verkostopalaverista.",
	"Verkostopalaveri koululla. Mukana vanhemmat, opettaja ja kuraattori. Tehtiin yhteinen suunnitelma koulunkäynnin tukemiseksi.",
	"Lapsen tapaaminen kahden kesken. Käytettiin tunnekortteja; lapsi valitsi kortit 'turvallinen' ja 'ikävä'.",
	"Systeeminen tiimi: perhettä pohdittiin hypoteesien kautta. Hypoteesi: isän työttömyys on lisännyt kuormitusta koko perheessä.",
	"Päätös avohuollon tukitoimena annettavasta perhetyöstä.",
};

static enum err one_case(struct db *db, int64_t county, int64_t team_id, const struct team_plan *pl, int t, int i,
			 int64_t responsible, int64_t pair, int64_t sanna, int64_t katja, int64_t extra_author)
{
	static const char *const phases[] = { "notification", "assessment", "open_care", "open_care", "open_care",
		"placed_open_care", "placed_emergency", "placed_care_order", "aftercare", "closed" };
	struct field_error fe = { 0 };
	const char *phase;
	bool girl = rnd(2);
	const char *last = surnames[rnd(N(surnames))];
	struct date birth = date_add_days(date_today(), -(int64_t)(365 * (1 + rnd(16)) + rnd(365)));
	int64_t child, mother, father = 0, case_id, hh, mid;
	int opened;
	char d[11], when[17];
	enum err e;

	if (!strcmp(pl->team, "SATAMA") || !strcmp(pl->team, "ANKKURI"))
		phase = i % 3 == 0 ? "placed_care_order" : i % 3 == 1 ? "placed_open_care" : "aftercare";
	else if (!strcmp(pl->team, "VINSSI") && i >= 10)
		phase = i % 4 ? "open_care" : "aftercare";
	else
		phase = phases[i % N(phases)];

	e = add_person(db, county, "child", girl ? girls[rnd(N(girls))] : boys[rnd(N(boys))], last, birth, true, &child);
	if (!e)
		e = add_person(db, county, "parent", women[rnd(N(women))], last,
			       date_add_days(birth, -(int64_t)(365 * (22 + rnd(15)))), true, &mother);
	if (!e)
		e = relation_add(db, mother, child, "parent", true, &fe);
	if (!e && i % 3 != 2) {
		e = add_person(db, county, "parent", men[rnd(N(men))], i % 2 ? last : surnames[rnd(N(surnames))],
			       date_add_days(birth, -(int64_t)(365 * (24 + rnd(15)))), true, &father);
		if (!e)
			e = relation_add(db, father, child, "parent", i % 5 != 0, &fe);
	}
	if (!e)
		e = household_create(db, county, last, &hh);
	if (!e)
		e = household_add(db, hh, child);
	if (!e)
		e = household_add(db, hh, mother);
	if (!e && i % 7 == 3) {
		int64_t gm;
		e = add_person(db, county, "close_network", "Irma", last, date_add_days(birth, -365 * 60), false, &gm);
		if (!e)
			e = relation_add(db, gm, child, "other", false, &fe);
	}
	opened = 200 + (int)rnd(100);
	if (!strcmp(phase, "notification"))
		opened = 0;
	fake_day(opened, 9);
	if (!e)
		e = childcase_create(db, child, team_id, !strcmp(phase, "notification") || !strcmp(phase, "assessment") ?
				     "child_welfare_act" : (i % 6 == 0 ? "social_welfare_act" : "child_welfare_act"),
				     "notification", 0, "lastensuojeluilmoitus vastaanotettu", &case_id, &fe);
	fake_day(-1, 0);
	/* Phase history, backdated. */
	if (!e && strcmp(phase, "notification")) {
		day_str(opened, d);
		e = exec_bind(db, "UPDATE child_case SET phase = ?2, opened_at = ?3 || 'T08:00:00Z' WHERE id = ?1 AND ?4 = 0",
			      case_id, phase, d, 0);
		if (!e && strcmp(phase, "assessment"))
			e = exec_bind(db, "INSERT INTO case_phase(case_id, phase, changed_at, changed_by, reason)"
				      " VALUES (?1, 'assessment', ?3 || 'T10:00:00Z', ?4, 'palvelutarpeen arviointi aloitettu')",
				      case_id, "", d, responsible);
		if (!e)
			e = exec_bind(db, "INSERT INTO case_phase(case_id, phase, changed_at, changed_by, reason)"
				      " VALUES (?1, ?2, ?3 || 'T12:00:00Z', ?4, 'päätös tehty tiimissä')",
				      case_id, phase, d, responsible);
	}
	/* The child's team. */
	if (!e) {
		struct member_new m = { .case_id = case_id, .role = "responsible", .account_id = responsible,
					.over_cap_reason = "sijaisuusjärjestely: toinen sosiaalityöntekijä virkavapaalla" };
		day_str(150, d);
		m.from_date = d;
		e = caseteam_assign(db, &m, &mid, &fe);
		if (!e) {
			struct member_new p = { .case_id = case_id, .role = "pair", .account_id = pair, .from_date = d };
			e = caseteam_assign(db, &p, &mid, &fe);
		}
		if (!e && i % 4 == 1) {
			struct member_new v = { .case_id = case_id, .role = "varying", .account_id = katja,
						.description = "koulukuraattori", .from_date = d };
			e = caseteam_assign(db, &v, &mid, &fe);
		}
		if (!e && sanna && i == 2) {
			/* Sanna sits on the child's team of one LOISTO child. */
			struct member_new v = { .case_id = case_id, .role = "varying", .account_id = sanna,
						.description = "aiempi vastuusosiaalityöntekijä", .from_date = d };
			e = caseteam_assign(db, &v, &mid, &fe);
		}
	}
	/* Notifications: open clocks for new cases, met ones for older. */
	if (!e) {
		struct notification_row *n = calloc(1, sizeof(*n));
		/* Spread the clocks: some due later, some this week, some overdue, most met. */
		int ago = !strcmp(phase, "notification") ? (t * 5 + i) % 15 :
			  !strcmp(phase, "assessment") ? 60 + (t * 13 + i * 7) % 50 : 120 + (int)rnd(200);
		static const char *const senders[] = { "school", "health_care", "police", "daycare", "relative", "child" };
		if (!n)
			return ERR_NOMEM;
		n->case_id = case_id;
		str_lcpy(n->kind, i % 9 == 4 ? "application" : "notification", sizeof(n->kind));
		day_str(ago, d);
		snprintf(when, sizeof(when), "%sT%02u:%02u", d, 8 + rnd(8), rnd(60));
		str_lcpy(n->received_at, when, sizeof(n->received_at));
		str_lcpy(n->sender_type, senders[rnd(N(senders))], sizeof(n->sender_type));
		str_lcpy(n->sender_name, "", sizeof(n->sender_name));
		str_lcpy(n->text, "Huoli lapsen hyvinvoinnista: poissaoloja koulusta ja väsymystä. Ilmoittaja toivoo yhteydenottoa perheeseen.",
			 sizeof(n->text));
		n->received_by = responsible;
		e = notification_create(db, n, &fe);
		if (!e && (ago > 0 || i % 2)) {
			fake_day(ago, 14);
			e = notification_set_urgency(db, n->id, i % 11 == 0 ? "urgent" : "not_urgent", responsible, &fe);
			fake_day(-1, 0);
		}
		if (!e && strcmp(phase, "notification")) {
			char dd[11];
			day_str(ago > 5 ? ago - 5 : 0, dd);
			e = notification_decide(db, n->id, "start_assessment", dd, responsible, &fe);
			if (!e && strcmp(phase, "assessment")) {
				day_str(ago > 60 ? ago - 60 : 0, dd);
				e = notification_complete(db, n->id, dd, &fe);
			}
		}
		/* A new notification on an existing client, not yet decided. */
		if (!e && !strcmp(phase, "open_care") && i % 5 == 3) {
			n->id = 0;
			day_str(3 + (t + i * 4) % 13, d);
			snprintf(when, sizeof(when), "%sT%02u:%02u", d, 9 + rnd(6), rnd(60));
			str_lcpy(n->received_at, when, sizeof(n->received_at));
			str_lcpy(n->kind, "contact", sizeof(n->kind));
			str_lcpy(n->text, "Vanhempi otti yhteyttä: tilanne kotona on kiristynyt, toivoo tapaamista pian.", sizeof(n->text));
			e = notification_create(db, n, &fe);
		}
		free(n);
	}
	/* Journal with a correction now and then. */
	for (int k = 0; !e && k < 1 + (int)rnd(3); k++) {
		struct journal_new j = { .case_id = case_id, .kind = k == 0 ? "home_visit" : k == 1 ? "network_meeting" : "meeting",
					 .participants = "vastuusosiaalityöntekijä, työpari, lapsi ja vanhempi",
					 .text = journal_texts[rnd(N(journal_texts))], .author_id = responsible };
		int64_t entry;
		day_str(10 + k * 20 + (int)rnd(10), d);
		j.entry_date = d;
		e = journal_add(db, &j, &entry, &fe);
		if (!e && (i + k) % 4 == 0) {
			int v;
			j.text = "Kotikäynti perheen luona. Lapsi esitteli huoneensa ja kertoi koulun alkaneen hyvin. "
				 "Äiti kertoi väsymyksestä; sovittiin perhetyön aloittamisesta. Korjaus: käynnillä oli mukana myös isä.";
			j.author_id = extra_author ? extra_author : responsible;
			e = journal_correct(db, entry, &j, &v, &fe);
		}
	}
	if (e)
		log_error("demo case %s #%d: %s %s", pl->team, i, fe.field ? fe.field : "", fe.message);
	return e;
}

/* On call this morning, antti (LUOTO) had to open a MAJAKKA child: the
 * police brought the child in and nobody of MAJAKKA answered.  She reads it
 * under break-the-glass for half an hour from the demo's start, and kaisa
 * (the area manager), teemu (MAJAKKA's lead) and the child's responsible
 * worker see it in the report.  Through the access layer, as the server
 * does it, so the access log tells the same story. */
static enum err demo_break_glass(struct db *db)
{
	static const char reason[] = "Päivystys: poliisi toi lapsen virka-ajan jälkeen, MAJAKKA-tiimiä ei tavoitettu";
	struct principal p;
	struct access_ctx ax;
	struct access_answer ans;
	struct breakglass_grant *g = malloc(sizeof(*g));
	struct db_stmt *st;
	int64_t child = 0;
	bool row;
	enum err e = g ? account_load_principal(db, demo_account_id(db, "antti"), &p) : ERR_NOMEM;

	if (!e)
		e = db_prepare(db, "SELECT c.child_id FROM child_case c JOIN team t ON t.id = c.team_id"
				   " WHERE t.name = 'MAJAKKA' AND c.phase <> 'closed' ORDER BY c.id DESC LIMIT 1", &st);
	if (!e) {
		if (!(e = db_step(st, &row)) && row)
			child = db_col_int(st, 0);
		db_done(st);
	}
	if (e) {
		free(g);
		return e;
	}
	access_ctx_init(&ax, &p, "127.0.0.1");
	e = access_check(&ax, db, (struct objref){ OBJ_CHILD, child }, ACT_BREAK_GLASS, "break_glass", &ans);
	if (!e)
		e = access_glass_open(db, &ax, &ans, reason, BREAKGLASS_MINUTES, g);
	if (!e) {
		ax.nlog = 0;
		e = access_check(&ax, db, (struct objref){ OBJ_CHILD, child }, ACT_CLIENT_READ, "read", &ans);
	}
	if (!e)
		e = access_commit(db, &ax);
	access_ctx_release(&ax);
	free(g);
	return e;
}

enum err demo_cases_create(struct db *db, int64_t county)
{
	int64_t sanna = demo_account_id(db, "sanna"), katja = demo_account_id(db, "katja");
	enum err e = ERR_OK;

	for (size_t t = 0; !e && t < N(plans); t++) {
		const struct team_plan *pl = &plans[t];
		struct db_stmt *st;
		bool row;
		int64_t team_id = 0, sw0 = demo_account_id(db, pl->sw[0]), sw1 = demo_account_id(db, pl->sw[1]);
		int64_t pair = demo_account_id(db, pl->pair);

		e = db_prepare(db, "SELECT id FROM team WHERE name = ?", &st);
		if (e)
			break;
		db_bind_text(st, 1, pl->team);
		if (!db_step(st, &row) && row)
			team_id = db_col_int(st, 0);
		db_done(st);
		for (int i = 0; !e && i < pl->children; i++)
			e = one_case(db, county, team_id, pl, (int)t, i, i < pl->split ? sw0 : sw1, pair,
				     !strcmp(pl->team, "LOISTO") ? sanna : 0, katja, i < pl->split ? sw1 : sw0);
		/* Client contacts of the last 90 days with response times. */
		for (int k = 0; !e && k < 25; k++) {
			struct field_error fe = { 0 };
			char r[17], f[17], d[11], d2[11];
			int ago = 2 + (int)rnd(88), h = 8 + (int)rnd(8), late = k % 6 == 0, hr = h + (int)rnd(3);
			struct contact_new c = { .team_id = team_id, .channel = k % 3 ? "phone" : "message",
						 .answered_by = sw0, .note = "" };
			int64_t cid;
			day_str(ago, d);
			day_str(late ? ago - 1 : ago, d2);
			snprintf(r, sizeof(r), "%sT%02d:%02u", d, h, rnd(60));
			snprintf(f, sizeof(f), "%sT%02d:59", d2, late ? 9 : hr);
			c.received_at = r;
			c.first_response_at = k % 10 == 9 ? "" : f;
			e = contact_create(db, &c, &cid, &fe);
			if (e)
				log_error("demo contact: %s", fe.message);
		}
	}
	if (!e)
		e = demo_break_glass(db);
	return e;
}

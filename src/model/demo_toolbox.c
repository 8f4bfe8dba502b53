/*
 * demo_toolbox.c - the demo's Three Houses, helping maps and hypotheses
 * (toolbox part 2) for the five MAJAKKA families whose tools the demo shows:
 * the children of cases 2-6 (responsible workers sanna and olli).  One child
 * did not agree to show the houses to anyone; the school curator katja sits
 * on two of these children's teams and sees the houses of the one who
 * agreed.  All people are fictional.
 */
#include <string.h>
#include "core/workday.h"
#include "model/demo.h"
#include "model/helpingmap.h"
#include "model/hypothesis.h"
#include "model/threehouses.h"

struct demo_houses {
	const char *worries, *good_things, *dreams, *present;
	int days_ago;
	bool parents, partners;
};

/* The child's words, as a child says them. */
static const struct demo_houses houses[5] = {
	{ "Iskä ja äiti huutaa illalla kun ne luulee että mä nukun.\nEn tykkää kun pitää mennä kouluun bussilla yksin.",
	  "Mummolassa saa paistaa lettuja.\nMun kaveri Eetu.\nJalkapallotreenit tiistaisin.",
	  "Että meillä olis rauhallista kotona.\nHaluun isona jalkapalloilijaks.", "", 12, true, true },
	{ "Äiti on väsyny eikä jaksa leikkiä.\nPelottaa kun äiti itkee.",
	  "Mun koira Nappi.\nOpettaja on kiva ja kehuu mun piirustuksia.",
	  "Haluun et äiti ois taas iloinen.\nHaluun käydä Särkänniemessä.", "perheohjaaja", 20, true, false },
	{ "Koulussa kiusataan välitunnilla.\nEn saa nukuttua kun mietin sitä.",
	  "Isi lukee iltasadun.\nSiskon kanssa pelataan Unoa.",
	  "Että kukaan ei kiusais.\nOma huone.", "", 8, true, true },
	{ "Isän luona on tylsää ja isä on puhelimella.\nVaihdot on kurjia sunnuntaisin.",
	  "Uimahalli äidin kanssa.\nMun piirustukset.\nKissa nimeltä Mörkö.",
	  "Että isä ja äiti puhuis toisilleen nätisti.\nHaluun eläinlääkäriks.", "äiti", 30, true, false },
	{ "En halua kertoa tästä kenellekään muulle.\nKotona on välillä tosi huono olla.",
	  "Kaverit ja somessa piirtäminen.\nKoulun kuraattorilla voi käydä.",
	  "Päästä omaan kotiin joskus.\nOlla ihan tavallinen.", "", 5, false, false },
};

struct demo_map {
	const char *v1[HM__COUNT];
	const char *v2[HM__COUNT];   /* NULL: one version only */
};

static const struct demo_map maps[5] = {
	{ { "Kotona on rauhallista ja Oliver uskaltaa kertoa huolistaan.",
	    "Vanhempien riidat iltaisin.\nIsän työttömyys ja raha-asiat.",
	    "Mummo ja vaari lähellä.\nJalkapalloseuran valmentaja.",
	    "Perhetyö kerran viikossa.\nVanhempien parisuhdetyöskentely perheneuvolassa." },
	  { "Kotona on rauhallista ja Oliver uskaltaa kertoa huolistaan.",
	    "Vanhempien riidat iltaisin.\nIsän työttömyys ja raha-asiat.",
	    "Mummo ja vaari lähellä.\nJalkapalloseuran valmentaja.\nTalous- ja velkaneuvonta.",
	    "Perhetyö kerran viikossa.\nVanhempien parisuhdetyöskentely perheneuvolassa.\nIsä varaa ajan velkaneuvontaan tammikuussa." } },
	{ { "Äiti jaksaa arjessa ja Olivia saa olla lapsi.",
	    "Äidin uupumus ja masennusoireet.\nYksinhuoltajuus ilman tukiverkkoa.",
	    "Naapurin perhe.\nKoulun iltapäiväkerho.",
	    "Äidille aika terveysasemalle.\nLapsiperheiden kotipalvelu kaksi kertaa viikossa." },
	  { "Äiti jaksaa arjessa ja Olivia saa olla lapsi.",
	    "Äidin uupumus.\nYksinhuoltajuus ilman tukiverkkoa.",
	    "Naapurin perhe.\nKoulun iltapäiväkerho.\nÄidin hoitokontakti aikuispsykiatrialla.",
	    "Lapsiperheiden kotipalvelu kaksi kertaa viikossa.\nTukiperhe kerran kuussa viikonloppuna." } },
	{ { "Eevi käy koulua turvallisin mielin.",
	    "Kiusaaminen välitunneilla.\nUnettomuus.",
	    "Isä ja sisko.\nLuokanopettaja.",
	    "Verkostopalaveri koululla.\nKiusaamisen vastainen työ (KiVa) käynnistetään." },
	  { "Eevi käy koulua turvallisin mielin ja nukkuu hyvin.",
	    "Kiusaaminen välitunneilla.",
	    "Isä ja sisko.\nLuokanopettaja.\nKoulupsykologi.",
	    "Verkostopalaveri koululla.\nKiusaamisen vastainen työ (KiVa) käynnistetään.\nKoulupsykologin tapaamiset joka toinen viikko." } },
	{ { "Linnea voi hyvin molemmissa kodeissa ja vaihdot sujuvat.",
	    "Vanhempien riitaisa ero.\nVaihtojen jännitteet.",
	    "Äidin sisar.\nHarrastukset: uinti ja piirtäminen.",
	    "Vanhempien yhteistyön tukeminen perheasiainsovittelussa.\nVaihdot koulun kautta." },
	  { NULL } },
	{ { "Olivia saa äänensä kuuluviin ja kokee olonsa turvalliseksi.",
	    "Olivia ei halua puhua kotiasioista.\nPoissaoloja koulusta.",
	    "Koulukuraattori.\nKaverit.",
	    "Tapaamiset Olivian ehdoilla.\nKuraattorin ja sosiaalityöntekijän yhteinen tapaaminen." },
	  { NULL } },
};

struct demo_hyp {
	const char *origin, *text, *status, *learned;
	int q[3];                 /* built-in questions by position (1-based), 0 = none */
};

static const struct demo_hyp hyps[5][3] = {
	{ { "meeting", "Riidat kertovat vanhempien huolesta toimeentulosta, eivät parisuhteen loppumisesta.", "explored",
	    "Isä kertoi tiimissä, että riidat alkoivat työttömyyden myötä; molemmat haluavat jatkaa yhdessä.", { 1, 5, 0 } },
	  { "team", "Oliver ottaa vastuuta vanhempien sovittelusta ja jättää siksi kertomatta omista huolistaan.", "open", "", { 3, 7, 0 } },
	  { "team", "Koulumatka bussilla on Oliverille pelottava siksi, että häntä kiusataan bussissa.", "set_aside",
	    "Kiusaamisesta ei löytynyt merkkejä; Oliver jännittää vain yksin kulkemista, ja kaveri kulkee nyt mukana.", { 0, 0, 0 } } },
	{ { "meeting", "Olivia huolehtii äidistä ja on ottanut aikuisen roolia kotona.", "explored",
	    "Olivia kertoi laittavansa aamupalan ja herättävänsä äidin; roolit otetaan puheeksi äidin kanssa.", { 1, 6, 0 } },
	  { "team", "Äidin uupumus liittyy tukiverkon puuttumiseen muuton jälkeen.", "open", "", { 9, 0, 0 } },
	  { 0 } },
	{ { "team", "Eevin unettomuus johtuu kiusaamisesta, ei kotitilanteesta.", "explored",
	    "Uni parani, kun kiusaamiseen puututtiin koululla; kotona tilanne on pysynyt hyvänä.", { 10, 12, 0 } },
	  { "meeting", "Isän ja Eevin läheinen suhde suojaa Eeviä.", "open", "", { 9, 0, 0 } },
	  { "team", "Sisarusten välinen kilpailu lisää Eevin pahaa oloa.", "set_aside",
	    "Sisarukset kuvasivat toisiaan tärkeiksi liittolaisiksi; hypoteesi ei saanut tukea.", { 4, 0, 0 } } },
	{ { "meeting", "Linnea kantaa vanhempien välistä jännitettä vaihtotilanteissa.", "open", "", { 2, 4, 8 } },
	  { "team", "Vaihdot koulun kautta vähentävät Linnean kuormitusta.", "explored",
	    "Opettajan mukaan maanantait ovat rauhallisempia sen jälkeen, kun vaihdot siirtyivät koulun kautta.", { 6, 0, 0 } },
	  { 0 } },
	{ { "team", "Olivian vaikeneminen suojaa jotakuta perheenjäsentä.", "open", "", { 7, 11, 0 } },
	  { "meeting", "Poissaolot johtuvat koulun ilmapiiristä.", "set_aside",
	    "Olivia viihtyy koulussa ja hänellä on kavereita; poissaolot liittyvät iltoihin kotona.", { 0, 0, 0 } },
	  { 0 } },
};

static enum err case_and_author(struct db *db, int k, int64_t *case_id, int64_t *author)
{
	struct db_stmt *st;
	bool row = false;
	/* The MAJAKKA team's cases in id order; the demo's 2nd-6th. */
	enum err e = db_prepare(db, "SELECT c.id, m.account_id FROM child_case c JOIN team t ON t.id = c.team_id"
				    " JOIN case_member m ON m.case_id = c.id AND m.role = 'responsible'"
				    " WHERE t.name = 'MAJAKKA' ORDER BY c.id LIMIT 1 OFFSET ?", &st);
	if (e)
		return e;
	db_bind_int(st, 1, 1 + k);
	e = db_step(st, &row);
	if (!e && !row)
		e = ERR_NOT_FOUND;
	if (!e) {
		*case_id = db_col_int(st, 0);
		*author = db_col_int(st, 1);
	}
	db_done(st);
	return e;
}

static enum err builtin_question(struct db *db, int pos, int64_t *id)
{
	struct db_stmt *st;
	bool row = false;
	enum err e = db_prepare(db, "SELECT id FROM circular_question WHERE county_id IS NULL ORDER BY id LIMIT 1 OFFSET ?", &st);
	if (e)
		return e;
	db_bind_int(st, 1, pos - 1);
	e = db_step(st, &row);
	if (!e && !row)
		e = ERR_NOT_FOUND;
	if (!e)
		*id = db_col_int(st, 0);
	db_done(st);
	return e;
}

static enum err one_family(struct db *db, int64_t county, int k)
{
	struct field_error fe = { 0 };
	int64_t case_id, author, hid;
	int version;
	char day[11];
	enum err e = case_and_author(db, k, &case_id, &author);

	if (!e) {
		const struct demo_houses *h = &houses[k];
		struct threehouses_new t = { .case_id = case_id, .worries = h->worries, .good_things = h->good_things,
					     .dreams = h->dreams, .present = h->present, .share_parents = h->parents,
					     .share_partners = h->partners, .author_id = author };
		date_format(date_add_days(date_today(), -h->days_ago), day);
		t.recorded_on = day;
		e = threehouses_save(db, &t, &version, &fe);
	}
	for (int v = 0; !e && v < 2; v++) {
		const char *const *text = v ? maps[k].v2 : maps[k].v1;
		struct helpingmap_new m = { .case_id = case_id, .author_id = author };
		if (!text[0])
			break;
		memcpy(m.text, text, sizeof(m.text));
		e = helpingmap_save(db, &m, &version, &fe);
	}
	for (int i = 0; !e && i < 3 && hyps[k][i].origin; i++) {
		const struct demo_hyp *d = &hyps[k][i];
		int64_t q[3];
		int nq = 0;
		for (int j = 0; !e && j < 3 && d->q[j]; j++)
			e = builtin_question(db, d->q[j], &q[nq++]);
		struct hypothesis_new h = { .case_id = case_id, .origin = d->origin, .text = d->text, .status = "open",
					    .questions = q, .nquestions = nq, .county_id = county, .author_id = author };
		if (!e)
			e = hypothesis_add(db, &h, &hid, &fe);
		if (!e && strcmp(d->status, "open")) {
			struct hypothesis_change c = { .status = d->status, .learned = d->learned, .county_id = county,
						       .author_id = author };
			e = hypothesis_update(db, hid, case_id, &c, &version, &fe);
		}
	}
	return e;
}

enum err demo_toolbox_create(struct db *db, int64_t county_id)
{
	enum err e = ERR_OK;
	for (int k = 0; k < 5 && !e; k++)
		e = one_family(db, county_id, k);
	return e;
}

/*
 * generate.c - benchmark data (see generate.h).  Written with plain
 * prepared INSERTs in large transactions: the model's validation is for
 * people typing, and this makes millions of rows in minutes.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "audit/audit.h"
#include "core/clock.h"
#include "core/str.h"
#include "core/workday.h"
#include "model/deadline.h"
#include "model/generate.h"
#include "model/hetu.h"

static const struct generate_scale scales[] = {
	{ "county", 1, 60, 8000, 1700, 10000, 5, 6, 300000 },
	{ "nation", 22, 1200, 110000, 30000, 215000, 5, 5, 2000000 },
};

const struct generate_scale *generate_scale_named(const char *name)
{
	for (size_t i = 0; name && i < sizeof(scales) / sizeof(scales[0]); i++)
		if (!strcmp(scales[i].name, name))
			return &scales[i];
	return NULL;
}

static uint64_t seed = 0x9e3779b97f4a7c15ULL;

static unsigned rnd(unsigned n)
{
	seed ^= seed << 13;
	seed ^= seed >> 7;
	seed ^= seed << 17;
	return (unsigned)(seed % n);
}

static const char *const first[] = { "Aino", "Eevi", "Helmi", "Ella", "Emma", "Olivia", "Sofia", "Venla", "Iida",
	"Lilja", "Eino", "Leo", "Väinö", "Onni", "Elias", "Oliver", "Eeli", "Noel", "Leevi", "Toivo", "Lenni",
	"Otto", "Aatos", "Niilo", "Akseli", "Veeti", "Joel", "Emil", "Aaro", "Linnea", "Siiri", "Kerttu" };
static const char *const adults[] = { "Jenni", "Satu", "Laura", "Anu", "Katja", "Piia", "Tiina", "Mika", "Janne",
	"Tomi", "Jussi", "Antti", "Sami", "Marko", "Juha", "Petri" };
static const char *const last[] = { "Virtanen", "Korhonen", "Nieminen", "Mäkinen", "Hämäläinen", "Laine",
	"Heikkinen", "Koskinen", "Järvinen", "Lehtonen", "Saarinen", "Salminen", "Tuominen", "Rantanen",
	"Karjalainen", "Jokela", "Ahonen", "Hakala", "Lindqvist", "Peltola", "Kallio", "Östman", "Björklund",
	"Aalto", "Nurmi", "Manninen", "Mattila", "Lahtinen", "Seppälä", "Leinonen", "Hiltunen", "Kinnunen" };
#define N(a) (sizeof(a) / sizeof(a[0]))

static enum err step(struct db_stmt *st)
{
	return db_run(st);
}

static void day_of(int64_t days_ago, char out[11])
{
	date_format(date_add_days(date_today(), -days_ago), out);
}

enum err generate_data(struct db *db, const struct generate_scale *s, const char *hash,
		       void (*progress)(const char *what, int64_t done), struct generate_stats *out)
{
	struct db_stmt *st;
	char now[21], d[11], when[17], name[64];
	int64_t teams_total, person_k = 0, next_journal = 1, *team_ids = NULL, *sw_ids = NULL, *pair_ids = NULL;
	int teams_per_org, sw_per_team = 2;
	enum err e;

	memset(out, 0, sizeof(*out));
	clock_iso(clock_now(), now);
	teams_per_org = (s->social_workers / sw_per_team + s->organisations - 1) / s->organisations;
	teams_total = (int64_t)teams_per_org * s->organisations;
	team_ids = calloc((size_t)teams_total, sizeof(int64_t));
	sw_ids = calloc((size_t)teams_total * 2, sizeof(int64_t));
	pair_ids = calloc((size_t)teams_total, sizeof(int64_t));
	if (!team_ids || !sw_ids || !pair_ids) {
		e = ERR_NOMEM;
		goto out;
	}
	/* Bulk load: durability is restored (synchronous=FULL) at the end. */
	e = db_exec(db, "PRAGMA synchronous=OFF; PRAGMA journal_mode=WAL;");
	if (!e) {
		struct db_stmt *q;
		bool row;
		e = db_prepare(db, "SELECT coalesce(max(id), 0) + 1 FROM journal_entry", &q);
		if (!e && !(e = db_step(q, &row)) && row)
			next_journal = db_col_int(q, 0);
		db_done(q);
	}
	if (!e)
		e = db_begin(db);
	/* Organisations, areas, teams, workers. */
	for (int o = 0; !e && o < s->organisations; o++) {
		int64_t county, area;
		snprintf(name, sizeof(name), "Hyvinvointialue %02d (generoitu)", o + 1);
		e = db_prepare(db, "INSERT INTO county(name) VALUES (?)", &st);
		if (!e) { db_bind_text(st, 1, name); e = step(st); }
		county = db_last_id(db);
		if (!e) e = db_prepare(db, "INSERT INTO area(county_id, name) VALUES (?, 'Lastensuojelu')", &st);
		if (!e) { db_bind_int(st, 1, county); e = step(st); }
		area = db_last_id(db);
		for (int t = 0; !e && t < teams_per_org; t++) {
			int64_t ti = (int64_t)o * teams_per_org + t;
			snprintf(name, sizeof(name), "TIIMI %d-%d", o + 1, t + 1);
			e = db_prepare(db, "INSERT INTO team(area_id, name, kind, phone1, phone2, phone3, hours)"
					   " VALUES (?, ?, 'open_care', '040 000 0001', '040 000 0002', '040 000 0003', 'ma-pe 8-16')", &st);
			if (!e) { db_bind_int(st, 1, area); db_bind_text(st, 2, name); e = step(st); }
			team_ids[ti] = db_last_id(db);
			for (int w = 0; !e && w < 3; w++) {
				char user[32];
				snprintf(user, sizeof(user), "sw%lld", (long long)(ti * 3 + w + 1));
				if (w == 2)
					snprintf(user, sizeof(user), "sc%lld", (long long)(ti + 1));
				e = db_prepare(db, "INSERT INTO account(username, display_name, kind, role, county_id, password_hash,"
						   " created_at, updated_at) VALUES (?, ?, 'worker', ?, ?, ?, ?, ?)", &st);
				if (e)
					break;
				db_bind_text(st, 1, user);
				snprintf(name, sizeof(name), "%s %s", adults[rnd(N(adults))], last[rnd(N(last))]);
				db_bind_text(st, 2, name);
				db_bind_text(st, 3, w == 2 ? "social_counsellor" : "social_worker");
				db_bind_int(st, 4, county);
				db_bind_text(st, 5, hash);
				db_bind_text(st, 6, now);
				db_bind_text(st, 7, now);
				e = step(st);
				int64_t acc = db_last_id(db);
				out->accounts++;
				if (w < 2) sw_ids[ti * 2 + w] = acc; else pair_ids[ti] = acc;
				if (!e) e = db_prepare(db, "INSERT INTO team_member(team_id, account_id) VALUES (?, ?)", &st);
				if (!e) { db_bind_int(st, 1, team_ids[ti]); db_bind_int(st, 2, acc); e = step(st); }
			}
		}
		if (!e) {
			/* An administrator and a manager per organisation. */
			char user[32];
			const char *roles[2] = { "admin", "manager" };
			for (int k = 0; !e && k < 2; k++) {
				snprintf(user, sizeof(user), "%s%d", k ? "mgr" : "adm", o + 1);
				/* The manager's area approved, as the demo's are. */
				e = db_prepare(db, "INSERT INTO account(username, display_name, kind, role, county_id, area_id,"
						   " area_approved, password_hash, created_at, updated_at)"
						   " VALUES (?, ?, 'worker', ?, ?, ?, ?, ?, ?, ?)", &st);
				if (e)
					break;
				db_bind_text(st, 1, user);
				db_bind_text(st, 2, user);
				db_bind_text(st, 3, roles[k]);
				db_bind_int(st, 4, county);
				if (k) db_bind_int(st, 5, area); else db_bind_null(st, 5);
				db_bind_int(st, 6, k);
				db_bind_text(st, 7, hash);
				db_bind_text(st, 8, now);
				db_bind_text(st, 9, now);
				e = step(st);
				out->accounts++;
			}
		}
	}
	if (!e)
		e = db_commit(db);
	if (progress)
		progress("accounts", out->accounts);

	/* Children with a parent, a case, its team and its history. */
	int64_t total_notifications = (int64_t)s->notifications_per_year * s->years;
	for (int64_t c = 0; !e && c < s->children; c++) {
		int64_t ti = c % teams_total, child = 0, parent = 0, case_id, county;
		bool active = c < s->active_children;
		struct date birth = date_add_days(date_today(), -(int64_t)(365 + rnd(17 * 365)));
		char hetu[12], bd[11];
		int nn, nj;
		if (c % 5000 == 0) {
			if (c)
				e = db_commit(db);
			if (!e)
				e = db_begin(db);
			if (progress && c)
				progress("children", c);
		}
		if (e)
			break;
		{
			struct db_stmt *q;
			bool row;
			e = db_prepare(db, "SELECT a.county_id FROM team t JOIN area a ON a.id = t.area_id WHERE t.id = ?", &q);
			if (e)
				break;
			db_bind_int(q, 1, team_ids[ti]);
			e = db_step(q, &row);
			county = row ? db_col_int(q, 0) : 1;
			db_done(q);
		}
		for (int p = 0; !e && p < 2; p++) {
			struct date b = p ? date_add_days(birth, -(int64_t)(365 * (20 + rnd(20)))) : birth;
			int64_t k = person_k++;
			/* Individual numbers 900-999 only; a rare clash with an earlier
			 * person born the same day stores this one without a code. */
			hetu_make(b, 900 + (int)(k % 100), hetu);
			date_format(b, bd);
			e = db_prepare(db, "INSERT OR IGNORE INTO person(county_id, kind, first_names, last_name, birth_date, hetu,"
					   " language, created_at) VALUES (?, ?, ?, ?, ?, ?, 'fi', ?)", &st);
			if (e)
				break;
			db_bind_int(st, 1, county);
			db_bind_text(st, 2, p ? "parent" : "child");
			db_bind_text(st, 3, p ? adults[rnd(N(adults))] : first[rnd(N(first))]);
			db_bind_text(st, 4, last[rnd(N(last))]);
			db_bind_text(st, 5, bd);
			db_bind_text(st, 6, hetu);
			db_bind_text(st, 7, now);
			e = step(st);
			if (!e && db_changes(db) == 0) {
				/* That code exists: store this person without one. */
				e = db_prepare(db, "INSERT INTO person(county_id, kind, first_names, last_name, birth_date,"
						   " language, created_at) VALUES (?, ?, ?, ?, ?, 'fi', ?)", &st);
				if (e)
					break;
				db_bind_int(st, 1, county);
				db_bind_text(st, 2, p ? "parent" : "child");
				db_bind_text(st, 3, p ? adults[rnd(N(adults))] : first[rnd(N(first))]);
				db_bind_text(st, 4, last[rnd(N(last))]);
				db_bind_text(st, 5, bd);
				db_bind_text(st, 6, now);
				e = step(st);
			}
			int64_t pid = db_last_id(db);
			if (p) parent = pid; else child = pid;
			out->persons++;
			if (!e) e = db_prepare(db, "INSERT INTO person_fts(rowid, first_names, last_name, county_id)"
					       " SELECT id, first_names, last_name, county_id FROM person WHERE id = ?", &st);
			if (!e) { db_bind_int(st, 1, pid); e = step(st); }
		}
		if (!e) e = db_prepare(db, "INSERT INTO relation(person_id, related_id, kind, guardian) VALUES (?, ?, 'parent', 1)", &st);
		if (!e) { db_bind_int(st, 1, parent); db_bind_int(st, 2, child); e = step(st); }
		day_of(30 + rnd(5 * 365), d);
		if (!e) e = db_prepare(db, "INSERT INTO child_case(child_id, team_id, legal_basis, phase, opened_at)"
				       " VALUES (?, ?, 'child_welfare_act', ?, ? || 'T09:00:00Z')", &st);
		if (!e) {
			static const char *const ph[] = { "open_care", "open_care", "open_care", "assessment", "notification",
							  "placed_open_care", "placed_care_order", "aftercare" };
			db_bind_int(st, 1, child);
			db_bind_int(st, 2, team_ids[ti]);
			db_bind_text(st, 3, active ? ph[rnd(N(ph))] : "closed");
			db_bind_text(st, 4, d);
			e = step(st);
		}
		case_id = db_last_id(db);
		out->cases++;
		if (!e) e = db_prepare(db, "INSERT INTO case_phase(case_id, phase, changed_at, reason) VALUES (?, 'notification', ? || 'T09:00:00Z', 'generated')", &st);
		if (!e) { db_bind_int(st, 1, case_id); db_bind_text(st, 2, d); e = step(st); }
		for (int r = 0; !e && r < 2; r++) {
			e = db_prepare(db, "INSERT INTO case_member(case_id, role, account_id, from_date, added_at, to_date)"
					   " VALUES (?, ?, ?, ?, ?, ?)", &st);
			if (e)
				break;
			db_bind_int(st, 1, case_id);
			db_bind_text(st, 2, r ? "pair" : "responsible");
			db_bind_int(st, 3, r ? pair_ids[ti] : sw_ids[ti * 2 + (c / teams_total) % 2]);
			db_bind_text(st, 4, d);
			db_bind_text(st, 5, now);
			if (active) db_bind_null(st, 6); else db_bind_text(st, 6, d);
			e = step(st);
		}
		/* Notifications: spread the five years' total over the children. */
		nn = (int)(total_notifications / s->children) + (rnd((unsigned)s->children) <
			(unsigned)(total_notifications % s->children) ? 1 : 0);
		for (int k = 0; !e && k < nn; k++) {
			struct date rd = date_add_days(date_today(), -(int64_t)rnd((unsigned)(s->years * 365)));
			struct date dd, ad;
			bool open = active && k == 0 && rnd(4) == 0;
			if (open)
				rd = date_add_days(date_today(), -(int64_t)rnd(20));
			deadline_for_notification(rd, &dd, &ad);
			date_format(rd, d);
			snprintf(when, sizeof(when), "%sT%02u:%02u", d, 8 + rnd(9), rnd(60));
			e = db_prepare(db, "INSERT INTO notification(case_id, kind, received_at, received_date, sender_type, text,"
					   " urgency, decision_due, assessment_due, decision, decision_at, assessment_done_at, created_at)"
					   " VALUES (?, 'notification', ?, ?, 'school', 'generoitu ilmoitus', ?, ?, ?, ?, ?, ?, ?)", &st);
			if (e)
				break;
			char dds[11], ads[11];
			date_format(dd, dds);
			date_format(ad, ads);
			db_bind_int(st, 1, case_id);
			db_bind_text(st, 2, when);
			db_bind_text(st, 3, d);
			if (open) db_bind_null(st, 4); else db_bind_text(st, 4, "not_urgent");
			db_bind_text(st, 5, dds);
			db_bind_text(st, 6, ads);
			if (open) { db_bind_null(st, 7); db_bind_null(st, 8); db_bind_null(st, 9); }
			else { db_bind_text(st, 7, "start_assessment"); db_bind_text(st, 8, dds); db_bind_text(st, 9, dds); }
			db_bind_text(st, 10, now);
			e = step(st);
			out->notifications++;
		}
		nj = active ? s->journal_per_child * 2 - 1 + (int)rnd(3) : (int)rnd(3);
		for (int k = 0; !e && k < nj; k++) {
			/* Version 1 of an entry has entry_id = its own row id. */
			int64_t id = next_journal++;
			day_of(rnd(5 * 365), d);
			e = db_prepare(db, "INSERT INTO journal_entry(id, case_id, entry_id, version, entry_date, kind, participants,"
					   " text, author_id, created_at) VALUES (?1, ?2, ?1, 1, ?3, 'home_visit', 'lapsi, vanhempi',"
					   " 'Generoitu kirjaus: kotikäynti, tilanne on rauhoittunut ja sovittiin seuraavasta tapaamisesta.', ?4, ?5)", &st);
			if (e)
				break;
			db_bind_int(st, 1, id);
			db_bind_int(st, 2, case_id);
			db_bind_text(st, 3, d);
			db_bind_int(st, 4, sw_ids[ti * 2]);
			db_bind_text(st, 5, now);
			e = step(st);
			out->journal++;
		}
	}
	if (!e)
		e = db_commit(db);
	if (progress)
		progress("children", s->children);
	/* Access log: reads of children by their workers, hash-chained. */
	{
		struct audit_entry batch[1000];
		int64_t done = 0;
		memset(batch, 0, sizeof(batch));
		while (!e && done < s->access_log_rows) {
			int n = 0;
			e = db_begin(db);
			for (; !e && n < 1000 && done < s->access_log_rows; n++, done++) {
				struct audit_entry *a = &batch[n];
				int64_t cid = 1 + rnd((unsigned)s->children);
				a->account_id = 1 + rnd((unsigned)out->accounts);
				snprintf(a->username, sizeof(a->username), "sw%lld", (long long)a->account_id);
				str_lcpy(a->role, "social_worker", sizeof(a->role));
				a->action = "read";
				a->object_type = "case";
				a->object_id = cid;
				a->case_id = cid;
				a->person_id = cid * 2 - 1;
				a->basis = "own_team";
				a->outcome = "allowed";
				str_lcpy(a->ip, "127.0.0.1", sizeof(a->ip));
			}
			if (!e)
				e = audit_append(db, batch, (size_t)n);
			if (!e)
				e = db_commit(db);
			if (progress && done % 200000 == 0)
				progress("access_log", done);
		}
		out->access_log = done;
	}
	/* The per-person index of the rows just written (outside a transaction). */
	if (!e)
		e = audit_index_behind(db, 1);
	if (!e)
		e = db_exec(db, "PRAGMA synchronous=FULL; ANALYZE; PRAGMA optimize;");
out:
	free(team_ids);
	free(sw_ids);
	free(pair_ids);
	return e;
}

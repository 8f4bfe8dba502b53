/*
 * factcache.c - the access facts of a case in memory (see factcache.h).
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include "core/clock.h"
#include "core/str.h"
#include "model/consent.h"
#include "model/factcache.h"
#include "model/role.h"
#include "core/workday.h"

#define STRIPES 16

struct slot {
	bool used;
	int64_t gen;
	struct case_facts f;
};

struct factcache {
	pthread_mutex_t mu[STRIPES];
	struct slot slots[FACTCACHE_SLOTS];
};

static unsigned slot_of(int64_t child_id)
{
	return (unsigned)((uint64_t)child_id % FACTCACHE_SLOTS);
}

struct factcache *factcache_new(void)
{
	struct factcache *c = calloc(1, sizeof(*c));
	if (!c)
		return NULL;
	for (int i = 0; i < STRIPES; i++)
		pthread_mutex_init(&c->mu[i], NULL);
	return c;
}

void factcache_free(struct factcache *c)
{
	if (!c)
		return;
	for (int i = 0; i < STRIPES; i++)
		pthread_mutex_destroy(&c->mu[i]);
	free(c);
}

bool factcache_get(struct factcache *c, int64_t child_id, int64_t gen, struct case_facts *out)
{
	unsigned i = slot_of(child_id);
	struct slot *sl = &c->slots[i];
	bool hit;

	pthread_mutex_lock(&c->mu[i % STRIPES]);
	hit = sl->used && sl->gen == gen && sl->f.child_id == child_id;
	if (hit)
		*out = sl->f;
	pthread_mutex_unlock(&c->mu[i % STRIPES]);
	return hit;
}

void factcache_put(struct factcache *c, int64_t gen, const struct case_facts *f)
{
	unsigned i = slot_of(f->child_id);
	struct slot *sl = &c->slots[i];

	pthread_mutex_lock(&c->mu[i % STRIPES]);
	if (!(sl->used && sl->gen > gen && sl->f.child_id == f->child_id)) {
		sl->used = true;
		sl->gen = gen;
		sl->f = *f;
	}
	pthread_mutex_unlock(&c->mu[i % STRIPES]);
}

/* The consents not ended and not past, the authority grants neither revoked
 * nor expired: an ended one bumps the generation, a day or an expiry passing
 * is compared at each decision. */
static enum err load_consents(struct db *db, struct case_facts *out, const char *now)
{
	struct db_stmt *st;
	char today[11];
	bool row;
	enum err e = db_prepare(db, "SELECT organisation, fields, valid_from, coalesce(valid_to, '') FROM consent"
				    " WHERE child_id = ? AND ended_at IS NULL AND (valid_to IS NULL OR valid_to >= ?)", &st);
	if (e)
		return e;
	date_format(date_today(), today);
	db_bind_int(st, 1, out->child_id);
	db_bind_text(st, 2, today);
	while (!e && !(e = db_step(st, &row)) && row) {
		const char *org = db_col_text(st, 0);
		if (out->nconsent == FACTCACHE_CONSENTS || strlen(org) >= FACTCACHE_ORG) {
			e = ERR_TOO_LARGE;
			break;
		}
		str_lcpy(out->consent[out->nconsent].organisation, org, FACTCACHE_ORG);
		out->consent[out->nconsent].fields = (unsigned)db_col_int(st, 1) & (unsigned)CONSENT_FIELDS_OPENABLE;
		str_lcpy(out->consent[out->nconsent].from, db_col_text(st, 2), sizeof(out->consent[0].from));
		str_lcpy(out->consent[out->nconsent].to, db_col_text(st, 3), sizeof(out->consent[0].to));
		out->nconsent++;
	}
	db_done(st);
	if (e)
		return e;
	e = db_prepare(db, "SELECT coalesce(account_id, 0), coalesce(organisation, ''), fields, expires_at"
			   " FROM authority_grant WHERE child_id = ? AND revoked_at IS NULL AND expires_at > ?", &st);
	if (e)
		return e;
	db_bind_int(st, 1, out->child_id);
	db_bind_text(st, 2, now);
	while (!e && !(e = db_step(st, &row)) && row) {
		const char *org = db_col_text(st, 1);
		if (out->ngrant == FACTCACHE_GRANTS || strlen(org) >= FACTCACHE_ORG) {
			e = ERR_TOO_LARGE;
			break;
		}
		out->grant[out->ngrant].account_id = db_col_int(st, 0);
		str_lcpy(out->grant[out->ngrant].organisation, org, FACTCACHE_ORG);
		out->grant[out->ngrant].fields = (unsigned)db_col_int(st, 2) & (unsigned)CONSENT_FIELDS_OPENABLE;
		str_lcpy(out->grant[out->ngrant].expires_at, db_col_text(st, 3), sizeof(out->grant[0].expires_at));
		out->ngrant++;
	}
	db_done(st);
	return e;
}

enum err factcache_load(struct db *db, int64_t child_id, struct case_facts *out)
{
	struct db_stmt *st;
	char now[21];
	bool row;
	enum err e;

	memset(out, 0, sizeof(*out));
	out->child_id = child_id;
	e = db_prepare(db, "SELECT c.id, c.team_id, t.area_id, a.county_id FROM child_case c"
			   " JOIN team t ON t.id = c.team_id JOIN area a ON a.id = t.area_id"
			   " WHERE c.child_id = ?", &st);
	if (e)
		return e;
	db_bind_int(st, 1, child_id);
	e = db_step(st, &row);
	if (!e && !row)
		e = ERR_NOT_FOUND;
	if (!e) {
		out->case_id = db_col_int(st, 0);
		out->team_id = db_col_int(st, 1);
		out->area_id = db_col_int(st, 2);
		out->county_id = db_col_int(st, 3);
	}
	db_done(st);
	if (e)
		return e;

	/* Every membership with an account, ended ones too: "today" is
	 * decided when asked, not when loaded. */
	e = db_prepare(db, "SELECT account_id, from_date, coalesce(to_date, '') FROM case_member"
			   " WHERE case_id = ? AND account_id IS NOT NULL", &st);
	if (e)
		return e;
	db_bind_int(st, 1, out->case_id);
	while (!e && !(e = db_step(st, &row)) && row) {
		if (out->nmembers == FACTCACHE_MEMBERS) {
			e = ERR_TOO_LARGE;
			break;
		}
		out->member[out->nmembers].account_id = db_col_int(st, 0);
		str_lcpy(out->member[out->nmembers].from, db_col_text(st, 1), sizeof(out->member[0].from));
		str_lcpy(out->member[out->nmembers].to, db_col_text(st, 2), sizeof(out->member[0].to));
		out->nmembers++;
	}
	db_done(st);
	if (e)
		return e;

	/* Grants expired now stay expired; a new one bumps the generation. */
	e = db_prepare(db, "SELECT account_id, expires_at FROM break_glass_grant WHERE case_id = ? AND expires_at > ?", &st);
	if (e)
		return e;
	clock_iso(clock_now(), now);
	db_bind_int(st, 1, out->case_id);
	db_bind_text(st, 2, now);
	while (!e && !(e = db_step(st, &row)) && row) {
		if (out->nglass == FACTCACHE_GLASS) {
			e = ERR_TOO_LARGE;
			break;
		}
		out->glass[out->nglass].account_id = db_col_int(st, 0);
		str_lcpy(out->glass[out->nglass].expires_at, db_col_text(st, 1), sizeof(out->glass[0].expires_at));
		out->nglass++;
	}
	db_done(st);
	if (e)
		return e;
	return load_consents(db, out, now);
}

void factcache_policy_object(const struct case_facts *f, const struct principal *p, const char *today,
			     const char *now, struct policy_object *o)
{
	memset(o, 0, sizeof(*o));
	o->team_id = f->team_id;
	o->area_id = f->area_id;
	o->county_id = f->county_id;
	/* As childcase.c's on_childs_team: from_date <= today and (to_date
	 * IS NULL or to_date >= today), compared as text. */
	for (int i = 0; i < f->nmembers && !o->on_childs_team; i++)
		o->on_childs_team = f->member[i].account_id == p->account_id && strcmp(f->member[i].from, today) <= 0 &&
				    (!f->member[i].to[0] || strcmp(f->member[i].to, today) >= 0);
	/* As access_case_facts: a worker outside the child's and the case's
	 * team may hold a grant (breakglass_current: expires_at > now). */
	if (p->kind == KIND_WORKER && !o->on_childs_team && !principal_in_team(p, f->team_id))
		for (int i = 0; i < f->nglass && !o->glass_grant; i++)
			o->glass_grant = f->glass[i].account_id == p->account_id && strcmp(f->glass[i].expires_at, now) > 0;
	/* As consent_policy_facts: a partner's organisation's consents valid
	 * today, and its live authority grants (expires_at > now). */
	if (p->kind != KIND_PARTNER)
		return;
	for (int i = 0; i < f->nconsent; i++)
		if (p->organisation[0] && !strcmp(f->consent[i].organisation, p->organisation) &&
		    strcmp(f->consent[i].from, today) <= 0 && (!f->consent[i].to[0] || strcmp(f->consent[i].to, today) >= 0))
			o->consent_fields |= f->consent[i].fields;
	for (int i = 0; i < f->ngrant; i++)
		if ((f->grant[i].account_id ? f->grant[i].account_id == p->account_id
					    : p->organisation[0] && !strcmp(f->grant[i].organisation, p->organisation)) &&
		    strcmp(f->grant[i].expires_at, now) > 0) {
			o->consent_fields |= f->grant[i].fields;
			o->authority_grant = true;
		}
}

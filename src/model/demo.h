/*
 * demo.h - the demo organisation, modelled on seed 000 (Hämeenlinna 2019):
 * six open-care teams MAJAKKA, LOISTO, VALKAMA, VINSSI, LUOTO and POIJU,
 * two foster-care teams, a family therapist, consulting social workers, a
 * coordinator, managers and an administrator.  All people are fictional.
 */
#ifndef MAJAKKA_DEMO_H
#define MAJAKKA_DEMO_H

#include "db/db.h"

#define DEMO_PASSWORD "majakka-demo"

struct demo_login {
	const char *username;
	const char *what;
};

/* The accounts a README and `majakka demo` should mention. */
extern const struct demo_login demo_logins[];

/* Fill an empty, migrated database (inside one transaction).  Every account
 * gets password_hash (the hash of DEMO_PASSWORD).  Marks meta demo=1. */
enum err demo_create(struct db *db, const char *password_hash);

/* Children, families, cases, notifications, journal and contacts for the
 * demo organisation (called by demo_create inside its transaction). */
enum err demo_cases_create(struct db *db, int64_t county_id);

/* The toolbox's genograms and timelines of demo cases 2-6 (demo_genogram.c). */
enum err demo_genogram_create(struct db *db);
/* Traffic-light rounds and consultations (demo_lights.c), after the cases. */
enum err demo_lights_create(struct db *db, int64_t county_id);
/* The joint client plan and the family portal's demo: the Aaltola family of
 * MAJAKKA, accounts aino and eetu (demo_plan.c). */
enum err demo_plan_create(struct db *db, int64_t county_id, const char *password_hash);
/* Three Houses, helping maps and hypotheses of five MAJAKKA families
 * (model/demo_toolbox.c; called by demo_create after the cases). */
enum err demo_toolbox_create(struct db *db, int64_t county_id);

/* The partner map, a mapping invitation and a multi-agency assessment
 * (model/demo_partners.c); partner accounts get password_hash. */
enum err demo_partners_create(struct db *db, int64_t county_id, const char *password_hash);
/* The consents, the blocked father `jari` and his family (demo_consent.c,
 * inside demo_create's transaction, after the cases). */
enum err demo_consent_create(struct db *db, int64_t county_id, const char *password_hash);
/* The id of a demo account by its username (0 when none). */
int64_t demo_account_id(struct db *db, const char *username);

/* The weekly meetings of the demo teams (demo_meetings.c), after the cases. */
enum err demo_meetings_create(struct db *db, int64_t county_id);

/* The family view's services and the Aaltolas' portal meeting and Three
 * Houses (demo_familyview.c), after the meetings and partners. */
enum err demo_familyview_create(struct db *db, int64_t county_id);

#endif

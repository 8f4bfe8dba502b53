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

/* The id of a demo account by its username (0 when none). */
int64_t demo_account_id(struct db *db, const char *username);

/* The weekly meetings of the demo teams (demo_meetings.c), after the cases. */
enum err demo_meetings_create(struct db *db, int64_t county_id);

#endif

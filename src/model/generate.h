/*
 * generate.h - realistic fictional data at county or nation scale, for
 * benchmarks: organisations, teams, workers, children with families and
 * cases, five years of notifications, journal entries and access-log rows.
 * Deterministic; identity codes use individual numbers 900-999 only.
 */
#ifndef MAJAKKA_GENERATE_H
#define MAJAKKA_GENERATE_H

#include <stdint.h>
#include "db/db.h"

#define GENERATE_PASSWORD "majakka-bench"

struct generate_scale {
	const char *name;
	int organisations;
	int social_workers;       /* in all */
	int children;             /* with a case, open or closed */
	int active_children;      /* cases not closed */
	int notifications_per_year;
	int years;
	int journal_per_child;    /* average */
	int64_t access_log_rows;
};

/* "county" or "nation"; NULL when unknown. */
const struct generate_scale *generate_scale_named(const char *name);

struct generate_stats {
	int64_t persons, cases, notifications, journal, access_log, accounts;
};

/* Fill an empty, migrated database.  password_hash is stored for every
 * account (their password is GENERATE_PASSWORD).  progress may be NULL. */
enum err generate_data(struct db *db, const struct generate_scale *s, const char *password_hash,
		       void (*progress)(const char *what, int64_t done), struct generate_stats *out);

#endif

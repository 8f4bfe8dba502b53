/*
 * threehouses.h - the Three Houses (Kolmen talon malli): the child's
 * worries, good things and dreams in the child's own words, written down by
 * a worker with the child, and whether the child agreed to show them to the
 * parents and to partner professionals.
 *
 * Every save is a new version of the child's case; nothing is overwritten
 * (schema/018_toolbox.sql).  Who may read or write is decided by the access
 * layer (model/tooldoor.h); this module stores and filters by the child's
 * agreement only.
 */
#ifndef MAJAKKA_THREEHOUSES_H
#define MAJAKKA_THREEHOUSES_H

#include <stdbool.h>
#include <stdint.h>
#include "db/db.h"
#include "model/validate.h"

#define THREEHOUSES_TEXT_MAX 4000
#define THREEHOUSES_PRESENT_MAX 200

/* One version.  The texts are borrowed: valid during the callback only. */
struct threehouses_row {
	int64_t id;
	int64_t case_id;
	int version;
	const char *worries, *good_things, *dreams;
	char recorded_on[11];
	char present[THREEHOUSES_PRESENT_MAX * 4 + 1];
	bool share_parents, share_partners;
	int64_t author_id;
	char author_name[128];
	char created_at[21];
};

struct threehouses_new {
	int64_t case_id;
	const char *worries, *good_things, *dreams;  /* at least one says something */
	const char *recorded_on;                      /* NULL or "" = today; never in the future */
	const char *present;                          /* who else was there; may be empty */
	bool share_parents, share_partners;
	int64_t author_id;
};

/* Which versions a reader gets. */
enum threehouses_filter {
	THREEHOUSES_ALL,       /* the child's team: every version */
	THREEHOUSES_PARTNERS,  /* only versions the child agreed to show to partners */
	THREEHOUSES_PARENTS,   /* only versions the child agreed to show to the parents */
};

/* Save t as the case's next version; *version set.  ERR_INVALID with fe
 * (fields worries, good_things, dreams, recorded_on, present). */
enum err threehouses_save(struct db *db, const struct threehouses_new *t, int *version, struct field_error *fe);
/* The case's versions that filter lets through, newest first. */
enum err threehouses_list(struct db *db, int64_t case_id, enum threehouses_filter filter,
			  void (*cb)(void *ctx, const struct threehouses_row *r), void *ctx);
/* For the family portal: the newest version the child agreed to show to
 * the parents, given to cb; *found false (cb not called) when there is none.
 * The caller has asked the access layer first (a guardian of the child,
 * without a safety block, or the child); this function decides nothing
 * about who asks, only what the child agreed to. */
enum err threehouses_visible_to_family(struct db *db, int64_t case_id,
				       void (*cb)(void *ctx, const struct threehouses_row *r), void *ctx,
				       bool *found);

#endif

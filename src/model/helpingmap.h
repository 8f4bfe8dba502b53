/*
 * helpingmap.h - the collaborative helping map (yhteistoiminnallinen
 * auttamiskartta): the vision, the obstacles, the supports and the plan,
 * made with the family.  Each save is a new version; the history shows what
 * changed from one version to the next, line by line.
 *
 * Who may read or write is decided by the access layer (model/tooldoor.h).
 */
#ifndef MAJAKKA_HELPINGMAP_H
#define MAJAKKA_HELPINGMAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "db/db.h"
#include "model/validate.h"

#define HELPINGMAP_TEXT_MAX 6000

enum helpingmap_section { HM_VISION, HM_OBSTACLES, HM_SUPPORTS, HM_PLAN, HM__COUNT };
/* "vision", "obstacles", "supports", "plan": the fields and the sections. */
extern const char *const helpingmap_sections[HM__COUNT + 1];

/* One version; the texts are borrowed, valid during the callback only. */
struct helpingmap_row {
	int64_t id;
	int64_t case_id;
	int version;
	const char *text[HM__COUNT];
	int64_t author_id;
	char author_name[128];
	char created_at[21];
};

struct helpingmap_new {
	int64_t case_id;
	const char *text[HM__COUNT];  /* at least one section says something */
	int64_t author_id;
};

/* Save m as the case's next version; *version set.  ERR_INVALID with fe. */
enum err helpingmap_save(struct db *db, const struct helpingmap_new *m, int *version, struct field_error *fe);
/* Every version, oldest first, each with the version before it (prev NULL
 * for the first). */
enum err helpingmap_list(struct db *db, int64_t case_id,
			 void (*cb)(void *ctx, const struct helpingmap_row *r, const struct helpingmap_row *prev),
			 void *ctx);

/* What changed in one section between two texts, line by line (trimmed
 * lines; blank lines ignored): cb gets each line of after not in before
 * (added true) and each line of before not in after (added false), in
 * their texts' order.  Pure: no storage. */
void helpingmap_diff(const char *before, const char *after,
		     void (*cb)(void *ctx, bool added, const char *line, size_t len), void *ctx);

#endif

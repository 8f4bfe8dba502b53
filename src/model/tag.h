/*
 * tag.h - matters tagged to members of the child's team: a worker raises a
 * short matter to chosen members (who sit on the child's team now); each
 * sees it in "my work" until they mark it seen.  Tags are never changed or
 * deleted; only each recipient's seen_at is written, once.
 */
#ifndef MAJAKKA_TAG_H
#define MAJAKKA_TAG_H

#include <stdbool.h>
#include <stdint.h>
#include "db/db.h"
#include "model/childcase.h"
#include "model/policy.h"
#include "model/validate.h"

#define TAG_TEXT_MAX 500
#define TAG_RECIPIENTS_MAX 32

struct tag_row {
	int64_t id, case_id, child_id, created_by;
	char child_name[204];
	char text[TAG_TEXT_MAX * 4 + 1];
	char created_at[21], created_by_name[128];
	char recipients[1024];   /* names, comma separated (the case's list) */
	int unseen;              /* recipients who have not marked it seen */
};

struct tag_new {
	int64_t case_id;
	const char *text;
	int64_t created_by;
	const int64_t *recipients;   /* accounts on the child's team today */
	int nrecipients;
};

/* Validate and save; *id set.  ERR_INVALID (fe) when the text is wrong, no
 * recipient is chosen, or one is not on the child's team today. */
enum err tag_add(struct db *db, const struct tag_new *t, int64_t *id, struct field_error *fe);
/* The tags of a case, newest first. */
enum err tag_list_case(struct db *db, int64_t case_id, void (*cb)(void *ctx, const struct tag_row *r), void *ctx);
/* The tags p has not marked seen, newest first, each with its case and the
 * policy's ACT_CLIENT_LIST decision about it (show only the allowed ones,
 * and log them as list rows). */
enum err tag_list_unseen(struct db *db, const struct principal *p,
			 void (*cb)(void *ctx, const struct tag_row *r, const struct case_row *c,
				    const struct decision *d), void *ctx);
/* The case of tag id when account_id is one of its recipients; ERR_NOT_FOUND. */
enum err tag_case(struct db *db, int64_t id, int64_t account_id, int64_t *case_id);
/* Mark tag id seen by account_id (a recipient).  Seen already: ERR_OK. */
enum err tag_mark_seen(struct db *db, int64_t id, int64_t account_id);

#endif

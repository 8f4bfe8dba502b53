/*
 * block.h - safety blocks (turvakielto perheen sisällä): one parent may see
 * nothing of a child, nor through the child the other parent's data and
 * address, when there is violence or a threat of it, or a risk of abduction.
 *
 * The access layer reads a live block into policy_object.guardian_blocked
 * (model/childcase.c, also for persons through the child's case), and
 * policy_decide denies the parent everything about the child: pages, the
 * API, the family portal, exports, PDFs, invitation summaries.  A block takes
 * effect on the very next request (migration 020 bumps the access
 * generation).  Who set it and why, who lifted it and why, stay with the
 * row; the access log names the block.
 */
#ifndef MAJAKKA_BLOCK_H
#define MAJAKKA_BLOCK_H

#include <stdbool.h>
#include <stdint.h>
#include "db/db.h"
#include "model/validate.h"

/* violence, threat, abduction_risk, other; labels "consent.block_reason.NAME". */
extern const char *const block_reasons[];

#define BLOCK_NOTE_MAX 2000

struct block_row {
	int64_t id, person_id, child_id, set_by;
	char person_name[204], child_name[204];
	char reason[20];
	char note[BLOCK_NOTE_MAX * 4 + 1];
	char set_at[21], set_by_name[128];
	char lifted_at[21], lifted_by_name[128];
	char lift_note[BLOCK_NOTE_MAX * 4 + 1];
	bool active;
};

/* Block person_id (a parent of child_id) from child_id.  ERR_INVALID (fe)
 * when person_id is not a parent of the child or the reason or note is
 * wrong; ERR_CONFLICT when a live block exists already. */
enum err block_set(struct db *db, int64_t person_id, int64_t child_id, const char *reason, const char *note,
		   int64_t set_by, int64_t *id, struct field_error *fe);
/* Lift block id of person_id now, with a note (why).  ERR_NOT_FOUND,
 * ERR_CONFLICT when lifted already. */
enum err block_lift(struct db *db, int64_t person_id, int64_t id, const char *note, int64_t by,
		    struct field_error *fe);
/* The blocks on person_id (as the blocked one), or of child_id's parents
 * when person_id is 0; newest first. */
enum err block_list(struct db *db, int64_t person_id, int64_t child_id,
		    void (*cb)(void *ctx, const struct block_row *r), void *ctx);
/* Is person_id blocked from child_id now (a live block, or the relation's
 * own blocked flag)?  For the family portal and every summary that names a
 * family's members. */
enum err block_applies(struct db *db, int64_t person_id, int64_t child_id, bool *yes);
/* The child a block is on (for the API's access check).  ERR_NOT_FOUND. */
enum err block_child(struct db *db, int64_t person_id, int64_t id, int64_t *child_id);

#endif

/*
 * journal.h - the client journal (asiakaskertomus).  An entry, once saved,
 * is never deleted or overwritten: a correction is a new version of the
 * same entry (same entry_id, version + 1), and the old versions stay
 * visible to those allowed, with who changed them and when.
 */
#ifndef MAJAKKA_JOURNAL_H
#define MAJAKKA_JOURNAL_H

#include <stdbool.h>
#include <stdint.h>
#include "db/db.h"
#include "model/validate.h"

#define JOURNAL_TEXT_MAX 20000

extern const char *const journal_kinds[];

struct journal_row {
	int64_t id;               /* this version's row */
	int64_t case_id;
	int64_t entry_id;         /* the same for every version */
	int version;
	char entry_date[11];
	char kind[20];
	char participants[501];
	char *text;               /* owned by the callee during the callback */
	int64_t author_id;
	char author_name[128];
	char created_at[21];
	int versions;             /* how many versions the entry has */
};

struct journal_new {
	int64_t case_id;
	const char *entry_date;   /* "" = today */
	const char *kind;
	const char *participants;
	const char *text;
	int64_t author_id;
};

/* Save a new entry (version 1); *entry_id set. */
enum err journal_add(struct db *db, const struct journal_new *j, int64_t *entry_id, struct field_error *fe);
/* Save a correction of entry_id of case_id as the next version. */
enum err journal_correct(struct db *db, int64_t entry_id, const struct journal_new *j, int *version,
			 struct field_error *fe);
/* Every version of every entry of a case: entries newest first (by their
 * first version's date, then entry id), latest version first within an
 * entry; versions is the entry's count of versions. */
enum err journal_list(struct db *db, int64_t case_id,
		      void (*cb)(void *ctx, const struct journal_row *r), void *ctx);

#endif

/*
 * journal.c - the versioned client journal (see journal.h).
 */
#include <string.h>
#include "core/clock.h"
#include "core/str.h"
#include "core/workday.h"
#include "model/journal.h"

const char *const journal_kinds[] = { "home_visit", "meeting", "phone_call", "decision", "network_meeting",
				      "note", "other", NULL };

static enum err validate_entry(const struct journal_new *j, char date[11], struct field_error *fe)
{
	struct date d;
	enum err e = validate_enum(j->kind, "kind", journal_kinds, fe);
	if (!e)
		e = validate_text(j->participants, "participants", 0, 500, false, fe);
	if (!e)
		e = validate_text(j->text, "text", 1, JOURNAL_TEXT_MAX, true, fe);
	if (e)
		return e;
	if (!j->entry_date || !*j->entry_date) {
		date_format(date_today(), date);
		return ERR_OK;
	}
	if (date_parse(j->entry_date, &d))
		return validate_fail(fe, "entry_date", "invalid_date", "entry_date must be a real date as YYYY-MM-DD");
	if (date_cmp(d, date_today()) > 0)
		return validate_fail(fe, "entry_date", "future", "entry_date cannot be in the future");
	date_format(d, date);
	return ERR_OK;
}

static enum err insert(struct db *db, const struct journal_new *j, const char *date, int64_t entry_id,
		       int version, int64_t *row_id)
{
	struct db_stmt *st;
	char now[21];
	enum err e = db_prepare(db, "INSERT INTO journal_entry(case_id, entry_id, version, entry_date, kind,"
				    " participants, text, author_id, created_at) VALUES (?,?,?,?,?,?,?,?,?)", &st);
	if (e)
		return e;
	clock_iso(clock_now(), now);
	db_bind_int(st, 1, j->case_id);
	db_bind_int(st, 2, entry_id);
	db_bind_int(st, 3, version);
	db_bind_text(st, 4, date);
	db_bind_text(st, 5, j->kind);
	db_bind_text(st, 6, j->participants ? j->participants : "");
	db_bind_text(st, 7, j->text);
	db_bind_int(st, 8, j->author_id);
	db_bind_text(st, 9, now);
	e = db_run(st);
	if (!e)
		*row_id = db_last_id(db);
	return e;
}

enum err journal_add(struct db *db, const struct journal_new *j, int64_t *entry_id, struct field_error *fe)
{
	struct db_stmt *st;
	char date[11];
	int64_t row;
	bool r;
	enum err e = validate_entry(j, date, fe);

	if (e)
		return e;
	/* entry_id = the id of the first version: take the next rowid. */
	e = db_prepare(db, "SELECT coalesce(max(id), 0) + 1 FROM journal_entry", &st);
	if (e)
		return e;
	e = db_step(st, &r);
	*entry_id = r ? db_col_int(st, 0) : 1;
	db_done(st);
	if (!e)
		e = insert(db, j, date, *entry_id, 1, &row);
	if (e == ERR_CONFLICT)
		return validate_fail(fe, "case_id", "unknown_value", "no such case");
	if (!e && row != *entry_id) {
		/* Only the single writer inserts, so this cannot race; keep it honest. */
		e = ERR_DB;
	}
	return e;
}

enum err journal_correct(struct db *db, int64_t entry_id, const struct journal_new *j, int *version,
			 struct field_error *fe)
{
	struct db_stmt *st;
	char date[11];
	int64_t row;
	bool r;
	enum err e = validate_entry(j, date, fe);

	if (e)
		return e;
	e = db_prepare(db, "SELECT max(version) FROM journal_entry WHERE entry_id = ? AND case_id = ?", &st);
	if (e)
		return e;
	db_bind_int(st, 1, entry_id);
	db_bind_int(st, 2, j->case_id);
	e = db_step(st, &r);
	*version = r && !db_col_null(st, 0) ? (int)db_col_int(st, 0) + 1 : 0;
	db_done(st);
	if (e)
		return e;
	if (!*version)
		return validate_fail(fe, "entry_id", "unknown_value", "no journal entry %lld in this case", (long long)entry_id);
	return insert(db, j, date, entry_id, *version, &row);
}

enum err journal_list(struct db *db, int64_t case_id, bool all_versions,
		      void (*cb)(void *ctx, const struct journal_row *r), void *ctx)
{
	struct db_stmt *st;
	bool row;
	/* Each correlated subquery is an index seek a row, so ask only what is
	 * not already known: a row that passes the latest-version filter is
	 * its entry's latest version, so its count of versions is its own
	 * version; a version 1 row is its own first version, so its date is
	 * the sort key.  Same rows and order as the plain three subqueries. */
	enum err e = db_prepare(db,
		"SELECT j.id, j.case_id, j.entry_id, j.version, j.entry_date, j.kind, j.participants, j.text,"
		" j.author_id, a.display_name, j.created_at,"
		" CASE WHEN ?2 THEN (SELECT max(version) FROM journal_entry x WHERE x.entry_id = j.entry_id)"
		"  ELSE j.version END"
		" FROM journal_entry j JOIN account a ON a.id = j.author_id"
		" WHERE j.case_id = ?1 AND (?2 OR NOT EXISTS (SELECT 1 FROM journal_entry x"
		"  WHERE x.entry_id = j.entry_id AND x.version > j.version))"
		" ORDER BY CASE WHEN j.version = 1 THEN j.entry_date ELSE (SELECT entry_date FROM journal_entry f"
		"  WHERE f.entry_id = j.entry_id AND f.version = 1) END DESC,"
		" j.entry_id DESC, j.version DESC", &st);
	if (e)
		return e;
	db_bind_int(st, 1, case_id);
	db_bind_int(st, 2, all_versions);
	while (!(e = db_step(st, &row)) && row) {
		struct journal_row r = { .id = db_col_int(st, 0), .case_id = db_col_int(st, 1),
					 .entry_id = db_col_int(st, 2), .version = (int)db_col_int(st, 3),
					 .author_id = db_col_int(st, 8), .versions = (int)db_col_int(st, 11) };
		str_lcpy(r.entry_date, db_col_text(st, 4), sizeof(r.entry_date));
		str_lcpy(r.kind, db_col_text(st, 5), sizeof(r.kind));
		str_lcpy(r.participants, db_col_text(st, 6), sizeof(r.participants));
		r.text = (char *)db_col_text(st, 7);
		str_lcpy(r.author_name, db_col_text(st, 9), sizeof(r.author_name));
		str_lcpy(r.created_at, db_col_text(st, 10), sizeof(r.created_at));
		cb(ctx, &r);
	}
	db_done(st);
	return e;
}

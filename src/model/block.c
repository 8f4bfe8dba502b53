/*
 * block.c - safety blocks (see block.h).
 */
#include <stdlib.h>
#include <string.h>
#include "core/clock.h"
#include "core/str.h"
#include "model/block.h"

const char *const block_reasons[] = { "violence", "threat", "abduction_risk", "other", NULL };

enum err block_set(struct db *db, int64_t person_id, int64_t child_id, const char *reason, const char *note,
		   int64_t set_by, int64_t *id, struct field_error *fe)
{
	struct db_stmt *st;
	char now[21];
	bool row;
	enum err e;

	*id = 0;
	e = validate_enum(reason, "reason", block_reasons, fe);
	if (!e)
		e = validate_text(note, "note", 1, BLOCK_NOTE_MAX, true, fe);
	if (!e)
		e = validate_not_blank(note, "note", fe);
	if (e)
		return e;
	e = db_prepare(db, "SELECT EXISTS (SELECT 1 FROM relation WHERE person_id = ?1 AND related_id = ?2"
			   "  AND kind IN ('parent', 'adoptive_parent', 'foster_parent')),"
			   " EXISTS (SELECT 1 FROM safety_block WHERE person_id = ?1 AND child_id = ?2 AND lifted_at IS NULL)",
			   &st);
	if (e)
		return e;
	db_bind_int(st, 1, person_id);
	db_bind_int(st, 2, child_id);
	e = db_step(st, &row);
	if (!e && !db_col_int(st, 0))
		e = validate_fail(fe, "child_id", "consent_not_parent", "the person is not a parent of this child");
	else if (!e && db_col_int(st, 1)) {
		validate_fail(fe, "child_id", "consent_blocked_already", "the person is blocked from this child already");
		e = ERR_CONFLICT;
	}
	db_done(st);
	if (e)
		return e;
	e = db_prepare(db, "INSERT INTO safety_block(person_id, child_id, reason, note, set_at, set_by)"
			   " VALUES (?,?,?,?,?,?)", &st);
	if (e)
		return e;
	clock_iso(clock_now(), now);
	db_bind_int(st, 1, person_id);
	db_bind_int(st, 2, child_id);
	db_bind_text(st, 3, reason);
	db_bind_text(st, 4, note);
	db_bind_text(st, 5, now);
	db_bind_int(st, 6, set_by);
	e = db_run(st);
	if (!e)
		*id = db_last_id(db);
	return e;
}

enum err block_child(struct db *db, int64_t person_id, int64_t id, int64_t *child_id)
{
	struct db_stmt *st;
	bool row;
	enum err e = db_prepare(db, "SELECT child_id FROM safety_block WHERE id = ? AND person_id = ?", &st);

	*child_id = 0;
	if (e)
		return e;
	db_bind_int(st, 1, id);
	db_bind_int(st, 2, person_id);
	e = db_step(st, &row);
	if (!e && !row)
		e = ERR_NOT_FOUND;
	if (!e)
		*child_id = db_col_int(st, 0);
	db_done(st);
	return e;
}

enum err block_lift(struct db *db, int64_t person_id, int64_t id, const char *note, int64_t by,
		    struct field_error *fe)
{
	struct db_stmt *st;
	char now[21];
	bool row;
	enum err e = validate_text(note, "note", 1, BLOCK_NOTE_MAX, true, fe);

	if (!e)
		e = validate_not_blank(note, "note", fe);
	if (!e)
		e = db_prepare(db, "SELECT lifted_at IS NOT NULL FROM safety_block WHERE id = ? AND person_id = ?", &st);
	if (e)
		return e;
	db_bind_int(st, 1, id);
	db_bind_int(st, 2, person_id);
	e = db_step(st, &row);
	if (!e && !row)
		e = ERR_NOT_FOUND;
	else if (!e && db_col_int(st, 0)) {
		validate_fail(fe, "block", "consent_ended", "the block has been lifted already");
		e = ERR_CONFLICT;
	}
	db_done(st);
	if (e)
		return e;
	e = db_prepare(db, "UPDATE safety_block SET lifted_at = ?, lifted_by = ?, lift_note = ? WHERE id = ?", &st);
	if (e)
		return e;
	clock_iso(clock_now(), now);
	db_bind_text(st, 1, now);
	db_bind_int(st, 2, by);
	db_bind_text(st, 3, note);
	db_bind_int(st, 4, id);
	return db_run(st);
}

enum err block_list(struct db *db, int64_t person_id, int64_t child_id,
		    void (*cb)(void *ctx, const struct block_row *r), void *ctx)
{
	struct db_stmt *st;
	struct block_row *r;
	bool row;
	enum err e = db_prepare(db,
		"SELECT b.id, b.person_id, p.first_names || ' ' || p.last_name, b.child_id,"
		" c.first_names || ' ' || c.last_name, b.reason, b.note, b.set_at, b.set_by, s.display_name,"
		" coalesce(b.lifted_at, ''), coalesce(l.display_name, ''), b.lift_note"
		" FROM safety_block b JOIN person p ON p.id = b.person_id JOIN person c ON c.id = b.child_id"
		" JOIN account s ON s.id = b.set_by LEFT JOIN account l ON l.id = b.lifted_by"
		" WHERE (?1 <> 0 AND b.person_id = ?1) OR (?1 = 0 AND b.child_id = ?2) ORDER BY b.id DESC", &st);
	if (e)
		return e;
	db_bind_int(st, 1, person_id);
	db_bind_int(st, 2, child_id);
	/* A row holds two notes of up to 8 kB: on the heap, not the stack. */
	r = malloc(sizeof(*r));
	if (!r) {
		db_done(st);
		return ERR_NOMEM;
	}
	while (!(e = db_step(st, &row)) && row) {
		memset(r, 0, sizeof(*r));
		r->id = db_col_int(st, 0);
		r->person_id = db_col_int(st, 1);
		str_lcpy(r->person_name, db_col_text(st, 2), sizeof(r->person_name));
		r->child_id = db_col_int(st, 3);
		str_lcpy(r->child_name, db_col_text(st, 4), sizeof(r->child_name));
		str_lcpy(r->reason, db_col_text(st, 5), sizeof(r->reason));
		str_lcpy(r->note, db_col_text(st, 6), sizeof(r->note));
		str_lcpy(r->set_at, db_col_text(st, 7), sizeof(r->set_at));
		r->set_by = db_col_int(st, 8);
		str_lcpy(r->set_by_name, db_col_text(st, 9), sizeof(r->set_by_name));
		str_lcpy(r->lifted_at, db_col_text(st, 10), sizeof(r->lifted_at));
		str_lcpy(r->lifted_by_name, db_col_text(st, 11), sizeof(r->lifted_by_name));
		str_lcpy(r->lift_note, db_col_text(st, 12), sizeof(r->lift_note));
		r->active = !r->lifted_at[0];
		cb(ctx, r);
	}
	free(r);
	db_done(st);
	return e;
}

enum err block_applies(struct db *db, int64_t person_id, int64_t child_id, bool *yes)
{
	struct db_stmt *st;
	enum err e = db_prepare(db, "SELECT 1 WHERE EXISTS (SELECT 1 FROM safety_block WHERE person_id = ?1"
				    " AND child_id = ?2 AND lifted_at IS NULL) OR EXISTS (SELECT 1 FROM relation"
				    " WHERE person_id = ?1 AND related_id = ?2 AND blocked = 1)", &st);
	*yes = false;
	if (e)
		return e;
	db_bind_int(st, 1, person_id);
	db_bind_int(st, 2, child_id);
	e = db_step(st, yes);
	db_done(st);
	return e;
}

/*
 * hypothesis.c - versioned hypotheses and the circular question bank (see
 * hypothesis.h).
 */
#include <stdlib.h>
#include <string.h>
#include "core/clock.h"
#include "core/str.h"
#include "model/hypothesis.h"

const char *const hypothesis_statuses[] = { "open", "explored", "set_aside", NULL };
const char *const hypothesis_origins[] = { "meeting", "team", NULL };

static enum err check_questions(struct db *db, int64_t county_id, const int64_t *q, int n,
				struct field_error *fe)
{
	enum err e = ERR_OK;

	if (n > HYPOTHESIS_QUESTIONS_MAX)
		return validate_fail(fe, "questions", "too_long", "pick at most %d questions", HYPOTHESIS_QUESTIONS_MAX);
	for (int i = 0; i < n && !e; i++) {
		struct db_stmt *st;
		bool row = false;
		for (int k = 0; k < i; k++)
			if (q[k] == q[i])
				return validate_fail(fe, "questions", "tools2_duplicate", "question %lld picked twice", (long long)q[i]);
		e = db_prepare(db, "SELECT 1 FROM circular_question WHERE id = ? AND (county_id IS NULL OR county_id = ?)", &st);
		if (e)
			break;
		db_bind_int(st, 1, q[i]);
		db_bind_int(st, 2, county_id);
		e = db_step(st, &row);
		db_done(st);
		if (!e && !row)
			e = validate_fail(fe, "questions", "unknown_value", "no circular question %lld in the bank",
					  (long long)q[i]);
	}
	return e;
}

static enum err validate_version(const char *text, const char *status, const char *learned, struct field_error *fe)
{
	enum err e = validate_text(text, "text", 1, HYPOTHESIS_TEXT_MAX, true, fe);
	if (!e)
		e = validate_not_blank(text, "text", fe);
	if (!e)
		e = validate_enum(status, "status", hypothesis_statuses, fe);
	if (!e)
		e = validate_text(learned, "learned", 0, HYPOTHESIS_TEXT_MAX, true, fe);
	return e;
}

static enum err insert_version(struct db *db, int64_t id, int version, const char *text, const char *status,
			       const char *learned, int64_t author, const int64_t *q, int n)
{
	struct db_stmt *st;
	char now[21];
	int64_t vid;
	enum err e = db_prepare(db, "INSERT INTO hypothesis_version(hypothesis_id, version, text, status, learned,"
				    " author_id, created_at) VALUES (?,?,?,?,?,?,?)", &st);
	if (e)
		return e;
	clock_iso(clock_now(), now);
	db_bind_int(st, 1, id);
	db_bind_int(st, 2, version);
	db_bind_text(st, 3, text);
	db_bind_text(st, 4, status);
	db_bind_text(st, 5, learned ? learned : "");
	db_bind_int(st, 6, author);
	db_bind_text(st, 7, now);
	e = db_run(st);
	vid = db_last_id(db);
	for (int i = 0; i < n && !e; i++) {
		e = db_prepare(db, "INSERT INTO hypothesis_question(version_id, question_id) VALUES (?, ?)", &st);
		if (e)
			break;
		db_bind_int(st, 1, vid);
		db_bind_int(st, 2, q[i]);
		e = db_run(st);
	}
	return e;
}

enum err hypothesis_add(struct db *db, const struct hypothesis_new *h, int64_t *id, struct field_error *fe)
{
	struct db_stmt *st;
	char now[21];
	const char *status = h->status && *h->status ? h->status : "open";
	enum err e = validate_enum(h->origin, "origin", hypothesis_origins, fe);

	if (!e)
		e = validate_version(h->text, status, h->learned, fe);
	if (!e)
		e = check_questions(db, h->county_id, h->questions, h->nquestions, fe);
	if (e)
		return e;
	e = db_prepare(db, "INSERT INTO hypothesis(case_id, origin, author_id, created_at) VALUES (?,?,?,?)", &st);
	if (e)
		return e;
	clock_iso(clock_now(), now);
	db_bind_int(st, 1, h->case_id);
	db_bind_text(st, 2, h->origin);
	db_bind_int(st, 3, h->author_id);
	db_bind_text(st, 4, now);
	e = db_run(st);
	if (e == ERR_CONFLICT)
		return validate_fail(fe, "case_id", "unknown_value", "no such case");
	if (e)
		return e;
	*id = db_last_id(db);
	return insert_version(db, *id, 1, h->text, status, h->learned, h->author_id, h->questions, h->nquestions);
}

enum err hypothesis_case(struct db *db, int64_t id, int64_t *case_id)
{
	struct db_stmt *st;
	bool row;
	enum err e = db_prepare(db, "SELECT case_id FROM hypothesis WHERE id = ?", &st);
	if (e)
		return e;
	db_bind_int(st, 1, id);
	e = db_step(st, &row);
	if (!e && !row)
		e = ERR_NOT_FOUND;
	if (!e)
		*case_id = db_col_int(st, 0);
	db_done(st);
	return e;
}

enum err hypothesis_update(struct db *db, int64_t id, int64_t case_id, const struct hypothesis_change *c,
			   int *version, struct field_error *fe)
{
	struct db_stmt *st;
	bool row;
	char status[12] = "";
	char *text = NULL, *learned = NULL;
	int64_t vid = 0;
	int64_t q[HYPOTHESIS_QUESTIONS_MAX];
	int nq = 0;
	enum err e = db_prepare(db, "SELECT v.version, v.text, v.status, v.learned, v.id FROM hypothesis_version v"
				    " JOIN hypothesis h ON h.id = v.hypothesis_id WHERE h.id = ? AND h.case_id = ?"
				    " ORDER BY v.version DESC LIMIT 1", &st);
	if (e)
		return e;
	db_bind_int(st, 1, id);
	db_bind_int(st, 2, case_id);
	e = db_step(st, &row);
	if (!e && !row)
		e = ERR_NOT_FOUND;
	if (!e) {
		*version = (int)db_col_int(st, 0) + 1;
		text = strdup(c->text ? c->text : db_col_text(st, 1));
		str_lcpy(status, c->status ? c->status : db_col_text(st, 2), sizeof(status));
		learned = strdup(c->learned ? c->learned : db_col_text(st, 3));
		vid = db_col_int(st, 4);
		if (!text || !learned)
			e = ERR_NOMEM;
		if (c->status && strlen(c->status) >= sizeof(status))
			e = validate_fail(fe, "status", "unknown_value", "status must be one of open, explored, set_aside");
	}
	db_done(st);
	if (!e && !c->questions_set) {
		/* The picked questions stay as they were. */
		e = db_prepare(db, "SELECT question_id FROM hypothesis_question WHERE version_id = ? ORDER BY question_id", &st);
		if (!e) {
			db_bind_int(st, 1, vid);
			while (!(e = db_step(st, &row)) && row && nq < HYPOTHESIS_QUESTIONS_MAX)
				q[nq++] = db_col_int(st, 0);
			db_done(st);
		}
	}
	if (!e)
		e = validate_version(text, status, learned, fe);
	if (!e && c->questions_set)
		e = check_questions(db, c->county_id, c->questions, c->nquestions, fe);
	if (!e)
		e = insert_version(db, id, *version, text, status, learned, c->author_id,
				   c->questions_set ? c->questions : q, c->questions_set ? c->nquestions : nq);
	free(text);
	free(learned);
	return e;
}

enum err hypothesis_list(struct db *db, int64_t case_id,
			 void (*cb)(void *ctx, const struct hypothesis_row *r), void *ctx)
{
	struct db_stmt *st;
	bool row;
	enum err e = db_prepare(db,
		"SELECT h.id, v.id, v.version, (SELECT max(version) FROM hypothesis_version x WHERE x.hypothesis_id = h.id),"
		" h.origin, h.author_id, a.display_name, h.created_at, v.text, v.status, v.learned, v.author_id,"
		" b.display_name, v.created_at"
		" FROM hypothesis h JOIN hypothesis_version v ON v.hypothesis_id = h.id"
		" JOIN account a ON a.id = h.author_id JOIN account b ON b.id = v.author_id"
		" WHERE h.case_id = ? ORDER BY h.id DESC, v.version DESC", &st);
	if (e)
		return e;
	db_bind_int(st, 1, case_id);
	while (!(e = db_step(st, &row)) && row) {
		struct hypothesis_row r = { .id = db_col_int(st, 0), .version_id = db_col_int(st, 1),
					    .version = (int)db_col_int(st, 2), .versions = (int)db_col_int(st, 3),
					    .author_id = db_col_int(st, 5), .text = db_col_text(st, 8),
					    .learned = db_col_text(st, 10), .changed_by = db_col_int(st, 11) };
		str_lcpy(r.origin, db_col_text(st, 4), sizeof(r.origin));
		str_lcpy(r.author_name, db_col_text(st, 6), sizeof(r.author_name));
		str_lcpy(r.created_at, db_col_text(st, 7), sizeof(r.created_at));
		str_lcpy(r.status, db_col_text(st, 9), sizeof(r.status));
		str_lcpy(r.changed_by_name, db_col_text(st, 12), sizeof(r.changed_by_name));
		str_lcpy(r.changed_at, db_col_text(st, 13), sizeof(r.changed_at));
		cb(ctx, &r);
	}
	db_done(st);
	return e;
}

/* ---- the question bank ---------------------------------------------------- */

const char *circq_text(const struct circq_row *q, const char *lang)
{
	const char *want = !strcmp(lang ? lang : "", "sv") ? q->text_sv : !strcmp(lang ? lang : "", "en") ? q->text_en : q->text_fi;
	if (want && *want)
		return want;
	return *q->text_fi ? q->text_fi : *q->text_sv ? q->text_sv : q->text_en;
}

#define CIRCQ_COLS "q.id, q.county_id IS NULL, q.text_fi, q.text_sv, q.text_en, coalesce(a.display_name, ''), q.created_at"

static void circq_fill(struct db_stmt *st, int at, struct circq_row *q)
{
	memset(q, 0, sizeof(*q));
	q->id = db_col_int(st, at);
	q->builtin = db_col_int(st, at + 1) != 0;
	q->text_fi = db_col_text(st, at + 2);
	q->text_sv = db_col_text(st, at + 3);
	q->text_en = db_col_text(st, at + 4);
	str_lcpy(q->added_by_name, db_col_text(st, at + 5), sizeof(q->added_by_name));
	str_lcpy(q->created_at, db_col_text(st, at + 6), sizeof(q->created_at));
}

enum err circq_list(struct db *db, int64_t county_id, void (*cb)(void *ctx, const struct circq_row *q), void *ctx)
{
	struct db_stmt *st;
	bool row;
	enum err e = db_prepare(db, "SELECT " CIRCQ_COLS " FROM circular_question q LEFT JOIN account a ON a.id = q.added_by"
				    " WHERE q.county_id IS NULL OR q.county_id = ? ORDER BY q.id", &st);
	if (e)
		return e;
	db_bind_int(st, 1, county_id);
	while (!(e = db_step(st, &row)) && row) {
		struct circq_row q;
		circq_fill(st, 0, &q);
		cb(ctx, &q);
	}
	db_done(st);
	return e;
}

enum err circq_picked(struct db *db, int64_t case_id,
		      void (*cb)(void *ctx, int64_t version_id, const struct circq_row *q), void *ctx)
{
	struct db_stmt *st;
	bool row;
	enum err e = db_prepare(db, "SELECT hq.version_id, " CIRCQ_COLS " FROM hypothesis_question hq"
				    " JOIN hypothesis_version v ON v.id = hq.version_id"
				    " JOIN hypothesis h ON h.id = v.hypothesis_id"
				    " JOIN circular_question q ON q.id = hq.question_id"
				    " LEFT JOIN account a ON a.id = q.added_by"
				    " WHERE h.case_id = ? ORDER BY hq.version_id, q.id", &st);
	if (e)
		return e;
	db_bind_int(st, 1, case_id);
	while (!(e = db_step(st, &row)) && row) {
		struct circq_row q;
		circq_fill(st, 1, &q);
		cb(ctx, db_col_int(st, 0), &q);
	}
	db_done(st);
	return e;
}

enum err circq_add(struct db *db, int64_t county_id, const char *fi, const char *sv, const char *en,
		   int64_t added_by, int64_t *id, struct field_error *fe)
{
	static const char *const fields[] = { "text_fi", "text_sv", "text_en" };
	const char *t[3] = { fi, sv, en };
	struct db_stmt *st;
	char now[21];
	bool any = false;
	enum err e = ERR_OK;

	for (int i = 0; i < 3 && !e; i++) {
		struct field_error scratch;
		e = validate_text(t[i], fields[i], 0, CIRCQ_TEXT_MAX, false, fe);
		if (!e && t[i] && *t[i] && validate_not_blank(t[i], fields[i], &scratch))
			e = validate_not_blank(t[i], fields[i], fe);
		any = any || (t[i] && *t[i]);
	}
	if (!e && !any)
		e = validate_fail(fe, "text_fi", "tools2_question_empty", "write the question in at least one language");
	if (e)
		return e;
	e = db_prepare(db, "INSERT INTO circular_question(county_id, text_fi, text_sv, text_en, added_by, created_at)"
			   " VALUES (?,?,?,?,?,?)", &st);
	if (e)
		return e;
	clock_iso(clock_now(), now);
	db_bind_int(st, 1, county_id);
	for (int i = 0; i < 3; i++)
		db_bind_text(st, 2 + i, t[i] ? t[i] : "");
	db_bind_int(st, 5, added_by);
	db_bind_text(st, 6, now);
	e = db_run(st);
	if (!e)
		*id = db_last_id(db);
	return e;
}

/*
 * journal.c - the versioned client journal (see journal.h).
 */
#include <stdlib.h>
#include <string.h>
#include "core/buf.h"
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
	if (!e)
		e = validate_not_blank(j->text, "text", fe);
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

/* ---- listing ---------------------------------------------------------------
 *
 * The order (entries by their first version's date, newest first) depends on
 * other rows than the row itself, so SQLite could only produce it with a
 * correlated subquery a row and a sort of whole rows, text included: ~60% of
 * the page's journal cost at county scale.  Instead one plain index read
 * fetches the case's versions, and the versions counts, the first versions'
 * dates and the order are worked out here on small records. */

#define JOURNAL_LIST_MAX_BYTES (32u * 1024 * 1024)   /* no page can show more */
enum { S_DATE, S_KIND, S_PARTICIPANTS, S_TEXT, S_AUTHOR, S_CREATED, S_COUNT };

/* One version held for ordering; its strings are in the list's buffer. */
struct jver {
	int64_t id, entry_id, author_id;
	int version, versions;
	uint32_t str[S_COUNT];    /* offsets in strs */
	const char *first_date;   /* the entry's version 1 date (set when all are read) */
};

struct jlist {
	struct jver *v;
	size_t n, cap;
	struct buf strs;
};

static enum err jlist_push(struct jlist *l, struct db_stmt *st)
{
	static const int col[S_COUNT] = { 3, 4, 5, 6, 8, 9 };
	struct jver *v;
	enum err e = ERR_OK;

	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 32;
		if (cap * sizeof(*v) > JOURNAL_LIST_MAX_BYTES || !(v = realloc(l->v, cap * sizeof(*v))))
			return ERR_NOMEM;
		l->v = v;
		l->cap = cap;
	}
	v = &l->v[l->n];
	*v = (struct jver){ .id = db_col_int(st, 0), .entry_id = db_col_int(st, 1),
			    .version = (int)db_col_int(st, 2), .author_id = db_col_int(st, 7) };
	for (int i = 0; i < S_COUNT && !e; i++) {
		const char *s = db_col_text(st, col[i]);
		v->str[i] = (uint32_t)l->strs.len;
		e = buf_append(&l->strs, s, strlen(s) + 1);
	}
	if (!e)
		l->n++;
	return e;
}

static int by_entry_version(const void *a, const void *b)
{
	const struct jver *x = a, *y = b;
	if (x->entry_id != y->entry_id)
		return x->entry_id < y->entry_id ? 1 : -1;
	return y->version - x->version;
}

static int by_page_order(const void *a, const void *b)
{
	const struct jver *x = a, *y = b;
	int c = strcmp(y->first_date, x->first_date);
	return c ? c : by_entry_version(a, b);
}

/* Count each entry's versions and find its first version's date.  Once
 * every row is read: the dates point into strs. */
static void jlist_group(struct jlist *l)
{
	size_t i = 0;

	qsort(l->v, l->n, sizeof(*l->v), by_entry_version);
	while (i < l->n) {
		size_t end = i + 1;
		while (end < l->n && l->v[end].entry_id == l->v[i].entry_id)
			end++;
		/* The group runs from the latest version down to the first.  No
		 * version 1 (cannot happen) sorts last, as SQL's NULL did. */
		const char *first = l->v[end - 1].version == 1 ? l->strs.data + l->v[end - 1].str[S_DATE] : "";
		for (size_t k = i; k < end; k++) {
			l->v[k].versions = l->v[i].version;
			l->v[k].first_date = first;
		}
		i = end;
	}
}

enum err journal_list(struct db *db, int64_t case_id,
		      void (*cb)(void *ctx, const struct journal_row *r), void *ctx)
{
	struct jlist l = { 0 };
	struct db_stmt *st;
	bool row;
	enum err e = db_prepare(db,
		"SELECT j.id, j.entry_id, j.version, j.entry_date, j.kind, j.participants, j.text,"
		" j.author_id, a.display_name, j.created_at"
		" FROM journal_entry j JOIN account a ON a.id = j.author_id WHERE j.case_id = ?", &st);
	if (e)
		return e;
	buf_init(&l.strs, JOURNAL_LIST_MAX_BYTES);
	db_bind_int(st, 1, case_id);
	while (!(e = db_step(st, &row)) && row && !(e = jlist_push(&l, st)))
		;
	db_done(st);
	if (!e && l.n) {
		jlist_group(&l);
		qsort(l.v, l.n, sizeof(*l.v), by_page_order);
	}
	for (size_t i = 0; i < l.n && !e; i++) {
		const struct jver *v = &l.v[i];
		const char *s = buf_str(&l.strs);
		struct journal_row r = { .id = v->id, .case_id = case_id, .entry_id = v->entry_id,
					 .version = v->version, .author_id = v->author_id,
					 .versions = v->versions };
		str_lcpy(r.entry_date, s + v->str[S_DATE], sizeof(r.entry_date));
		str_lcpy(r.kind, s + v->str[S_KIND], sizeof(r.kind));
		str_lcpy(r.participants, s + v->str[S_PARTICIPANTS], sizeof(r.participants));
		r.text = l.strs.data + v->str[S_TEXT];
		str_lcpy(r.author_name, s + v->str[S_AUTHOR], sizeof(r.author_name));
		str_lcpy(r.created_at, s + v->str[S_CREATED], sizeof(r.created_at));
		cb(ctx, &r);
	}
	free(l.v);
	buf_release(&l.strs);
	return e;
}

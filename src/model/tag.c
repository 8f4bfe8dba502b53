/*
 * tag.c - matters tagged to members of the child's team (see tag.h).
 */
#include <stdlib.h>
#include <string.h>
#include "core/clock.h"
#include "core/str.h"
#include "core/workday.h"
#include "model/access.h"
#include "model/tag.h"

enum err tag_add(struct db *db, const struct tag_new *t, int64_t *id, struct field_error *fe)
{
	struct db_stmt *st;
	char now[21], today[11];
	enum err e;

	*id = 0;
	e = validate_text(t->text, "text", 1, TAG_TEXT_MAX, true, fe);
	if (!e)
		e = validate_not_blank(t->text, "text", fe);
	if (e)
		return e;
	if (t->nrecipients < 1)
		return validate_fail(fe, "recipients", "required", "choose at least one member of the child's team");
	if (t->nrecipients > TAG_RECIPIENTS_MAX)
		return validate_fail(fe, "recipients", "too_long", "at most %d recipients", TAG_RECIPIENTS_MAX);
	date_format(date_today(), today);
	for (int i = 0; i < t->nrecipients; i++) {
		bool on;
		e = db_prepare(db, "SELECT 1 FROM case_member WHERE case_id = ? AND account_id = ?"
				   " AND from_date <= ?3 AND (to_date IS NULL OR to_date >= ?3)", &st);
		if (e)
			return e;
		db_bind_int(st, 1, t->case_id);
		db_bind_int(st, 2, t->recipients[i]);
		db_bind_text(st, 3, today);
		e = db_step(st, &on);
		db_done(st);
		if (e)
			return e;
		if (!on)
			return validate_fail(fe, "recipients", "not_on_childs_team",
					     "recipient %lld is not on the child's team", (long long)t->recipients[i]);
	}
	e = db_prepare(db, "INSERT INTO tag(case_id, text, created_at, created_by) VALUES (?,?,?,?)", &st);
	if (e)
		return e;
	clock_iso(clock_now(), now);
	db_bind_int(st, 1, t->case_id);
	db_bind_text(st, 2, t->text);
	db_bind_text(st, 3, now);
	db_bind_int(st, 4, t->created_by);
	e = db_run(st);
	if (e)
		return e;
	*id = db_last_id(db);
	for (int i = 0; !e && i < t->nrecipients; i++) {
		e = db_prepare(db, "INSERT INTO tag_recipient(tag_id, account_id) VALUES (?, ?)"
				   " ON CONFLICT DO NOTHING", &st);
		if (e)
			break;
		db_bind_int(st, 1, *id);
		db_bind_int(st, 2, t->recipients[i]);
		e = db_run(st);
	}
	return e;
}

#define TAG_COLS \
	"t.id, t.case_id, k.child_id, p.first_names || ' ' || p.last_name, t.text, t.created_at, t.created_by," \
	" a.display_name, coalesce((SELECT group_concat(x.display_name, ', ') FROM tag_recipient r" \
	"  JOIN account x ON x.id = r.account_id WHERE r.tag_id = t.id), '')," \
	" (SELECT count(*) FROM tag_recipient r WHERE r.tag_id = t.id AND r.seen_at IS NULL)"
#define TAG_FROM \
	" FROM tag t JOIN child_case k ON k.id = t.case_id JOIN person p ON p.id = k.child_id" \
	" JOIN account a ON a.id = t.created_by"

static void tag_from_row(struct db_stmt *st, struct tag_row *r)
{
	memset(r, 0, sizeof(*r));
	r->id = db_col_int(st, 0);
	r->case_id = db_col_int(st, 1);
	r->child_id = db_col_int(st, 2);
	str_lcpy(r->child_name, db_col_text(st, 3), sizeof(r->child_name));
	str_lcpy(r->text, db_col_text(st, 4), sizeof(r->text));
	str_lcpy(r->created_at, db_col_text(st, 5), sizeof(r->created_at));
	r->created_by = db_col_int(st, 6);
	str_lcpy(r->created_by_name, db_col_text(st, 7), sizeof(r->created_by_name));
	str_lcpy(r->recipients, db_col_text(st, 8), sizeof(r->recipients));
	r->unseen = (int)db_col_int(st, 9);
}

enum err tag_list_case(struct db *db, int64_t case_id, void (*cb)(void *ctx, const struct tag_row *r), void *ctx)
{
	struct db_stmt *st;
	struct tag_row r;
	bool row;
	enum err e = db_prepare(db, "SELECT " TAG_COLS TAG_FROM " WHERE t.case_id = ? ORDER BY t.id DESC", &st);

	if (e)
		return e;
	db_bind_int(st, 1, case_id);
	while (!(e = db_step(st, &row)) && row) {
		tag_from_row(st, &r);
		cb(ctx, &r);
	}
	db_done(st);
	return e;
}

enum err tag_list_unseen(struct db *db, const struct principal *p,
			 void (*cb)(void *ctx, const struct tag_row *r, const struct case_row *c,
				    const struct decision *d), void *ctx)
{
	struct db_stmt *st;
	struct tag_row r;
	bool row;
	enum err e = db_prepare(db, "SELECT " TAG_COLS TAG_FROM " JOIN tag_recipient me ON me.tag_id = t.id"
				    " WHERE me.account_id = ? AND me.seen_at IS NULL ORDER BY t.id DESC LIMIT 100", &st);

	if (e)
		return e;
	db_bind_int(st, 1, p->account_id);
	while (!e && !(e = db_step(st, &row)) && row) {
		struct case_row c;
		struct policy_object o;
		struct decision d;
		tag_from_row(st, &r);
		/* Still the reader's to see: decided as a list row, now. */
		e = childcase_get(db, r.case_id, &c);
		if (!e)
			e = access_case_facts(db, &c, p, &o);
		if (!e) {
			d = policy_decide(p, ACT_CLIENT_LIST, &o);
			cb(ctx, &r, &c, &d);
		}
	}
	db_done(st);
	return e;
}

enum err tag_case(struct db *db, int64_t id, int64_t account_id, int64_t *case_id)
{
	struct db_stmt *st;
	bool row;
	enum err e = db_prepare(db, "SELECT t.case_id FROM tag t JOIN tag_recipient r ON r.tag_id = t.id"
				    " WHERE t.id = ? AND r.account_id = ?", &st);
	*case_id = 0;
	if (e)
		return e;
	db_bind_int(st, 1, id);
	db_bind_int(st, 2, account_id);
	e = db_step(st, &row);
	if (!e && !row)
		e = ERR_NOT_FOUND;
	if (!e)
		*case_id = db_col_int(st, 0);
	db_done(st);
	return e;
}

enum err tag_mark_seen(struct db *db, int64_t id, int64_t account_id)
{
	struct db_stmt *st;
	char now[21];
	enum err e = db_prepare(db, "UPDATE tag_recipient SET seen_at = ? WHERE tag_id = ? AND account_id = ?"
				    " AND seen_at IS NULL", &st);
	if (e)
		return e;
	clock_iso(clock_now(), now);
	db_bind_text(st, 1, now);
	db_bind_int(st, 2, id);
	db_bind_int(st, 3, account_id);
	return db_run(st);
}

/*
 * timeline.c - the timeline of a child's case (see timeline.h).
 */
#include <stdlib.h>
#include <string.h>
#include "core/buf.h"
#include "core/clock.h"
#include "core/str.h"
#include "core/workday.h"
#include "model/policy.h"
#include "model/timeline.h"

const char *const timeline_family_kinds[] = { "relationship", "move", "birth", "death", "school", "health",
					      "loss", "other", NULL };
const char *const timeline_service_kinds[] = { "case_opened", "phase", "notification", "decision", "journal",
					       NULL };

enum err timeline_add(struct db *db, int64_t case_id, const char *date, const char *kind, const char *text,
		      int64_t by, int64_t *id, struct field_error *fe)
{
	struct db_stmt *st;
	struct date d;
	char day[11], now[21];
	enum err e;

	if (!date || !*date)
		return validate_fail(fe, "event_date", "required", "event_date is required");
	if (date_parse(date, &d))
		return validate_fail(fe, "event_date", "invalid_date", "event_date must be a real date as YYYY-MM-DD");
	if (date_cmp(d, date_today()) > 0)
		return validate_fail(fe, "event_date", "future", "event_date cannot be in the future");
	if ((e = validate_enum(kind, "kind", timeline_family_kinds, fe)) ||
	    (e = validate_text(text, "text", 1, TIMELINE_TEXT_CHARS, true, fe)) ||
	    (e = validate_not_blank(text, "text", fe)))
		return e;
	date_format(d, day);
	e = db_prepare(db, "INSERT INTO timeline_event(case_id, event_date, kind, text, created_at, created_by)"
			   " VALUES (?,?,?,?,?,?)", &st);
	if (e)
		return e;
	clock_iso(clock_now(), now);
	db_bind_int(st, 1, case_id);
	db_bind_text(st, 2, day);
	db_bind_text(st, 3, kind);
	db_bind_text(st, 4, text);
	db_bind_text(st, 5, now);
	if (by)
		db_bind_int(st, 6, by);
	else
		db_bind_null(st, 6);
	e = db_run(st);
	if (!e)
		*id = db_last_id(db);
	return e;
}

static bool in_list(const char *const *l, const char *w)
{
	for (; *l; l++)
		if (!strcmp(*l, w))
			return true;
	return false;
}

enum err timeline_filter_parse(const char *s, struct timeline_filter *f, struct field_error *fe)
{
	memset(f, 0, sizeof(*f));
	while (s && *s) {
		const char *end = strchr(s, ',');
		size_t n = end ? (size_t)(end - s) : strlen(s);
		char w[24];
		if (n) {
			if (n >= sizeof(w) || f->n == 16)
				return validate_fail(fe, "kind", "unknown_value", "kind lists family, service or event kinds");
			memcpy(w, s, n);
			w[n] = '\0';
			if (strcmp(w, "family") && strcmp(w, "service") && !in_list(timeline_family_kinds, w) &&
			    !in_list(timeline_service_kinds, w))
				return validate_fail(fe, "kind", "unknown_value",
						     "kind lists family, service or event kinds, not %s", w);
			str_lcpy(f->words[f->n++], w, sizeof(f->words[0]));
		}
		s = end ? end + 1 : s + n;
	}
	return ERR_OK;
}

static bool passes(const struct timeline_filter *f, const char *group, const char *kind)
{
	if (!f || !f->n)
		return true;
	for (int i = 0; i < f->n; i++)
		if (!strcmp(f->words[i], group) || !strcmp(f->words[i], kind))
			return true;
	return false;
}

/* Held for sorting: the strings in one buffer. */
struct tev {
	char date[11];
	const char *group;
	char kind[24];
	char detail[24];
	int64_t id;
	size_t text;          /* offset in the list's buffer */
	size_t seq;
};

struct tlist {
	struct tev *v;
	size_t n;
	struct buf texts;
};

static int by_date(const void *a, const void *b)
{
	const struct tev *x = a, *y = b;
	int c = strcmp(x->date, y->date);
	return c ? c : (x->seq > y->seq) - (x->seq < y->seq);
}

static enum err gather(struct db *db, struct tlist *l, const char *sql, int64_t case_id, const char *group,
		       const char *kind, const struct timeline_filter *f)
{
	struct db_stmt *st;
	bool row;
	enum err e = db_prepare(db, sql, &st);
	if (e)
		return e;
	db_bind_int(st, 1, case_id);
	while (!(e = db_step(st, &row)) && row) {
		/* Columns: date, kind (or NULL: the given kind), detail, id, text. */
		const char *k = db_col_null(st, 1) ? kind : db_col_text(st, 1);
		const char *t = db_col_count(st) > 4 ? db_col_text(st, 4) : "";
		struct tev *v;
		if (!passes(f, group, k))
			continue;
		if (l->n == TIMELINE_MAX_EVENTS)
			break;
		v = &l->v[l->n];
		memset(v, 0, sizeof(*v));
		str_lcpy(v->date, db_col_text(st, 0), sizeof(v->date));
		v->group = group;
		str_lcpy(v->kind, k, sizeof(v->kind));
		str_lcpy(v->detail, db_col_text(st, 2), sizeof(v->detail));
		v->id = db_col_int(st, 3);
		v->text = l->texts.len;
		v->seq = l->n;
		if ((e = buf_append(&l->texts, t, strlen(t) + 1)))
			break;
		l->n++;
	}
	db_done(st);
	return e;
}

enum err timeline_list(struct db *db, int64_t case_id, unsigned fields, const struct timeline_filter *f,
		       void (*cb)(void *ctx, const struct timeline_event *ev), void *ctx)
{
	struct tlist l = { 0 };
	enum err e = ERR_OK;

	l.v = calloc(TIMELINE_MAX_EVENTS, sizeof(*l.v));
	if (!l.v)
		return ERR_NOMEM;
	buf_init(&l.texts, TIMELINE_MAX_EVENTS * (TIMELINE_TEXT_CHARS * 4 + 1));
	if (fields & FIELD_TOOLBOX)
		e = gather(db, &l, "SELECT event_date, kind, '', id, text FROM timeline_event WHERE case_id = ?"
				   " ORDER BY event_date, id", case_id, "family", NULL, f);
	if (!e && (fields & FIELD_CASE))
		e = gather(db, &l, "SELECT substr(opened_at, 1, 10), NULL, '', 0 FROM child_case WHERE id = ?",
			   case_id, "service", "case_opened", f);
	if (!e && (fields & FIELD_CASE))
		e = gather(db, &l, "SELECT substr(changed_at, 1, 10), NULL, phase, 0 FROM case_phase"
				   " WHERE case_id = ? ORDER BY id", case_id, "service", "phase", f);
	if (!e && (fields & FIELD_NOTIFICATIONS))
		e = gather(db, &l, "SELECT received_date, NULL, kind, 0 FROM notification WHERE case_id = ?"
				   " ORDER BY received_date, id", case_id, "service", "notification", f);
	if (!e && (fields & FIELD_NOTIFICATIONS))
		e = gather(db, &l, "SELECT substr(decision_at, 1, 10), NULL, decision, 0 FROM notification"
				   " WHERE case_id = ? AND decision_at IS NOT NULL ORDER BY decision_at, id",
			   case_id, "service", "decision", f);
	if (!e && (fields & FIELD_JOURNAL))
		e = gather(db, &l, "SELECT entry_date, NULL, '', 0 FROM journal_entry WHERE case_id = ? AND version = 1"
				   " ORDER BY entry_date, id", case_id, "service", "journal", f);
	if (!e) {
		qsort(l.v, l.n, sizeof(*l.v), by_date);
		for (size_t i = 0; i < l.n; i++) {
			const struct tev *v = &l.v[i];
			struct timeline_event ev = { .id = v->id, .group = v->group, .text = l.texts.data + v->text };
			str_lcpy(ev.date, v->date, sizeof(ev.date));
			str_lcpy(ev.kind, v->kind, sizeof(ev.kind));
			str_lcpy(ev.detail, v->detail, sizeof(ev.detail));
			cb(ctx, &ev);
		}
	}
	free(l.v);
	buf_release(&l.texts);
	return e;
}

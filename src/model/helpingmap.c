/*
 * helpingmap.c - the versioned helping map (see helpingmap.h).
 */
#include <stdlib.h>
#include <string.h>
#include "core/clock.h"
#include "core/str.h"
#include "model/helpingmap.h"

const char *const helpingmap_sections[HM__COUNT + 1] = { "vision", "obstacles", "supports", "plan", NULL };

static bool says_something(const char *s)
{
	struct field_error scratch;
	return s && *s && !validate_not_blank(s, "x", &scratch);
}

enum err helpingmap_save(struct db *db, const struct helpingmap_new *m, int *version, struct field_error *fe)
{
	struct db_stmt *st;
	char now[21];
	bool row, any = false;
	enum err e = ERR_OK;

	for (int i = 0; i < HM__COUNT && !e; i++) {
		e = validate_text(m->text[i], helpingmap_sections[i], 0, HELPINGMAP_TEXT_MAX, true, fe);
		any = any || says_something(m->text[i]);
	}
	if (!e && !any)
		e = validate_fail(fe, "vision", "tools2_map_empty",
				  "write at least one part of the map: vision, obstacles, supports or plan");
	if (e)
		return e;
	e = db_prepare(db, "SELECT coalesce(max(version), 0) + 1 FROM helping_map WHERE case_id = ?", &st);
	if (e)
		return e;
	db_bind_int(st, 1, m->case_id);
	e = db_step(st, &row);
	*version = row ? (int)db_col_int(st, 0) : 1;
	db_done(st);
	if (e)
		return e;
	e = db_prepare(db, "INSERT INTO helping_map(case_id, version, vision, obstacles, supports, plan, author_id,"
			   " created_at) VALUES (?,?,?,?,?,?,?,?)", &st);
	if (e)
		return e;
	clock_iso(clock_now(), now);
	db_bind_int(st, 1, m->case_id);
	db_bind_int(st, 2, *version);
	for (int i = 0; i < HM__COUNT; i++)
		db_bind_text(st, 3 + i, m->text[i] ? m->text[i] : "");
	db_bind_int(st, 7, m->author_id);
	db_bind_text(st, 8, now);
	e = db_run(st);
	if (e == ERR_CONFLICT)
		e = validate_fail(fe, "case_id", "unknown_value", "no such case");
	return e;
}

/* A version kept while the next one is read: its texts copied. */
struct kept {
	struct helpingmap_row r;
	char *text[HM__COUNT];
};

static void kept_clear(struct kept *k)
{
	for (int i = 0; i < HM__COUNT; i++) {
		free(k->text[i]);
		k->text[i] = NULL;
	}
}

enum err helpingmap_list(struct db *db, int64_t case_id,
			 void (*cb)(void *ctx, const struct helpingmap_row *r, const struct helpingmap_row *prev),
			 void *ctx)
{
	struct kept prev = { 0 };
	bool have = false, row;
	struct db_stmt *st;
	enum err e = db_prepare(db, "SELECT m.id, m.version, m.vision, m.obstacles, m.supports, m.plan, m.author_id,"
				    " a.display_name, m.created_at FROM helping_map m JOIN account a ON a.id = m.author_id"
				    " WHERE m.case_id = ? ORDER BY m.version", &st);
	if (e)
		return e;
	db_bind_int(st, 1, case_id);
	while (!(e = db_step(st, &row)) && row) {
		struct helpingmap_row r = { .id = db_col_int(st, 0), .case_id = case_id,
					    .version = (int)db_col_int(st, 1), .author_id = db_col_int(st, 6) };
		for (int i = 0; i < HM__COUNT; i++)
			r.text[i] = db_col_text(st, 2 + i);
		str_lcpy(r.author_name, db_col_text(st, 7), sizeof(r.author_name));
		str_lcpy(r.created_at, db_col_text(st, 8), sizeof(r.created_at));
		cb(ctx, &r, have ? &prev.r : NULL);
		kept_clear(&prev);
		prev.r = r;
		for (int i = 0; i < HM__COUNT && !e; i++)
			if (!(prev.text[i] = strdup(r.text[i])))
				e = ERR_NOMEM;
		for (int i = 0; i < HM__COUNT; i++)
			prev.r.text[i] = prev.text[i] ? prev.text[i] : "";
		have = true;
		if (e)
			break;
	}
	db_done(st);
	kept_clear(&prev);
	return e;
}

/* ---- what changed ---------------------------------------------------------- */

/* The next line of *p (trimmed), advancing *p; false at the end. */
static bool next_line(const char **p, const char **line, size_t *len)
{
	while (**p) {
		const char *s = *p, *nl = strchr(s, '\n');
		size_t n = nl ? (size_t)(nl - s) : strlen(s);
		*p = nl ? nl + 1 : s + n;
		while (n && str_is_space((unsigned char)*s)) {
			s++;
			n--;
		}
		while (n && str_is_space((unsigned char)s[n - 1]))
			n--;
		*line = s;
		*len = n;
		if (n)
			return true;
	}
	return false;
}

static bool has_line(const char *text, const char *line, size_t len)
{
	const char *p = text, *l;
	size_t n;
	while (next_line(&p, &l, &n))
		if (n == len && !memcmp(l, line, len))
			return true;
	return false;
}

void helpingmap_diff(const char *before, const char *after,
		     void (*cb)(void *ctx, bool added, const char *line, size_t len), void *ctx)
{
	const char *p, *l;
	size_t n;

	before = before ? before : "";
	after = after ? after : "";
	for (p = after; next_line(&p, &l, &n);)
		if (!has_line(before, l, n))
			cb(ctx, true, l, n);
	for (p = before; next_line(&p, &l, &n);)
		if (!has_line(after, l, n))
			cb(ctx, false, l, n);
}

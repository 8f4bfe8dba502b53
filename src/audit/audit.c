/*
 * audit.c - append and verify the hash-chained access log (see audit.h).
 */
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sodium.h>
#include "audit/audit.h"
#include "core/buf.h"
#include "core/clock.h"
#include "core/log.h"
#include "core/str.h"
#include "db/db.h"

#define GENESIS AUDIT_GENESIS

/* Hex BLAKE2b-256 of the string s: a row's hash. */
static void hash_text(const char *s, char out_hex[65])
{
	unsigned char h[32];
	crypto_generichash(h, sizeof(h), (const unsigned char *)s, strlen(s), NULL, 0);
	str_hex(h, sizeof(h), out_hex);
}

/* Decimal digits of v, as "%" PRId64 writes them; returns the length. */
static size_t i64_text(int64_t v, char out[21])
{
	char tmp[20];
	uint64_t u = v < 0 ? 0 - (uint64_t)v : (uint64_t)v;
	size_t n = 0, len = 0;

	do {
		tmp[n++] = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	if (v < 0)
		out[len++] = '-';
	while (n)
		out[len++] = tmp[--n];
	return len;
}

/* s and a separator; NULL as printf's "(null)", so the bytes stay those of
 * the format this replaced (such a row is refused by NOT NULL anyway). */
static enum err field_s(struct buf *b, const char *s, bool sep)
{
	enum err e = buf_appends(b, s ? s : "(null)");
	return e || !sep ? e : buf_appendc(b, '\x1f');
}

static enum err field_i(struct buf *b, int64_t v)
{
	char t[21];
	enum err e = buf_append(b, t, i64_text(v, t));
	return e ? e : buf_appendc(b, '\x1f');
}

/* The canonical text a row's hash covers: fields separated by 0x1f.  Built
 * piece by piece rather than with one buf_appendf: the format parser was
 * the larger part of hashing a row, and this runs on the writer thread for
 * every access-log row.  The bytes are the same. */
static enum err canonical(struct buf *b, const char *prev, const char *at, int64_t account_id,
			  const char *username, const char *role, const char *action,
			  const char *object_type, int64_t object_id, int64_t person_id,
			  int64_t case_id, const char *basis, const char *reason,
			  const char *outcome, const char *ip)
{
	enum err e;

	buf_reset(b);
	e = field_s(b, prev, true);
	if (!e) e = field_s(b, at, true);
	if (!e) e = field_i(b, account_id);
	if (!e) e = field_s(b, username, true);
	if (!e) e = field_s(b, role, true);
	if (!e) e = field_s(b, action, true);
	if (!e) e = field_s(b, object_type, true);
	if (!e) e = field_i(b, object_id);
	if (!e) e = field_i(b, person_id);
	if (!e) e = field_i(b, case_id);
	if (!e) e = field_s(b, basis, true);
	if (!e) e = field_s(b, reason, true);
	if (!e) e = field_s(b, outcome, true);
	if (!e) e = field_s(b, ip, false);
	return e;
}

static enum err last_hash(struct db *db, char out[65])
{
	struct db_stmt *st;
	bool row;
	enum err e = db_prepare(db, "SELECT hash FROM access_log ORDER BY id DESC LIMIT 1", &st);
	if (e)
		return e;
	e = db_step(st, &row);
	memcpy(out, GENESIS, 65);
	if (!e && row && strlen(db_col_text(st, 0)) == 64)
		memcpy(out, db_col_text(st, 0), 65);
	db_done(st);
	return e;
}

static void bind_opt_id(struct db_stmt *st, int idx, int64_t v)
{
	if (v)
		db_bind_int(st, idx, v);
	else
		db_bind_null(st, idx);
}

enum err audit_append(struct db *db, const struct audit_entry *entries, size_t n)
{
	struct db_stmt *st = NULL;
	struct buf b;
	char prev[65], hash[65], at[21];
	enum err e;

	if (!n)
		return ERR_OK;
	buf_init(&b, 4096);
	e = last_hash(db, prev);
	if (!e)
		e = db_prepare(db,
			"INSERT INTO access_log(at, account_id, username, role, action, object_type,"
			" object_id, person_id, case_id, basis, reason, outcome, ip, prev_hash, hash)"
			" VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", &st);
	clock_iso(clock_now(), at);
	for (size_t i = 0; !e && i < n; i++) {
		const struct audit_entry *a = &entries[i];
		e = canonical(&b, prev, at, a->account_id, a->username, a->role, a->action,
			      a->object_type, a->object_id, a->person_id, a->case_id, a->basis,
			      a->reason, a->outcome, a->ip);
		if (e)
			break;
		hash_text(buf_str(&b), hash);
		/* Not copied: the entry, at, prev and hash stay as they are until
		 * db_run has stepped and reset the statement. */
		db_bind_text_static(st, 1, at);
		bind_opt_id(st, 2, a->account_id);
		db_bind_text_static(st, 3, a->username);
		db_bind_text_static(st, 4, a->role);
		db_bind_text_static(st, 5, a->action);
		db_bind_text_static(st, 6, a->object_type);
		bind_opt_id(st, 7, a->object_id);
		bind_opt_id(st, 8, a->person_id);
		bind_opt_id(st, 9, a->case_id);
		db_bind_text_static(st, 10, a->basis);
		db_bind_text_static(st, 11, a->reason);
		db_bind_text_static(st, 12, a->outcome);
		db_bind_text_static(st, 13, a->ip);
		db_bind_text_static(st, 14, prev);
		db_bind_text_static(st, 15, hash);
		e = db_run(st);
		memcpy(prev, hash, 65);
	}
	buf_release(&b);
	return e;
}

enum err audit_index_behind(struct db *db, int64_t min_rows)
{
	struct db_stmt *st;
	bool row = false;
	int64_t behind = 0;
	enum err e = db_prepare(db, "SELECT (SELECT coalesce(max(id), 0) FROM access_log) - upto"
				    " FROM access_log_indexed WHERE id = 1", &st);

	if (!e)
		e = db_step(st, &row);
	if (!e && row)
		behind = db_col_int(st, 0);
	db_done(st);
	if (e || behind < min_rows || behind <= 0)
		return e;
	e = db_set_durable(db, false);
	if (!e)
		e = db_begin(db);
	if (!e) {
		e = db_exec(db, "INSERT INTO access_log_by_person(person_id, log_id)"
				" SELECT person_id, id FROM access_log WHERE person_id IS NOT NULL"
				" AND id > (SELECT upto FROM access_log_indexed WHERE id = 1);"
				"UPDATE access_log_indexed SET upto = (SELECT coalesce(max(id), 0) FROM access_log)"
				" WHERE id = 1");
		if (!e)
			e = db_commit(db);
		if (e && db_in_transaction(db))
			db_rollback(db);
	}
	/* Every other commit on this connection waits for the disk again. */
	if (db_set_durable(db, true) && !e)
		e = ERR_DB;
	return e;
}

enum err audit_check_index(struct db *db, struct audit_report *r)
{
	struct db_stmt *st;
	bool row = false;
	enum err e = db_prepare(db, "SELECT i.upto,"
				    " (SELECT count(*) FROM access_log WHERE person_id IS NOT NULL AND id <= i.upto),"
				    " (SELECT count(*) FROM access_log_by_person x JOIN access_log l ON l.id = x.log_id"
				    "   AND l.person_id = x.person_id WHERE x.log_id <= i.upto),"
				    " (SELECT count(*) FROM access_log_by_person)"
				    " FROM access_log_indexed i WHERE i.id = 1", &st);

	if (!e)
		e = db_step(st, &row);
	if (!e && !row)
		audit_found(r, AUDIT_INDEX, "INDEX: access_log_indexed has no row: the per-person index cannot be read");
	if (!e && row) {
		int64_t upto = db_col_int(st, 0), rows = db_col_int(st, 1), matching = db_col_int(st, 2),
			entries = db_col_int(st, 3);
		if (rows != matching || entries != matching)
			audit_found(r, AUDIT_INDEX, "INDEX: the per-person index up to row %" PRId64 " has %" PRId64
				    " entries, %" PRId64 " of them rows of that person; the log has %" PRId64
				    " rows naming a person: a person's own access-log page %s", upto, entries,
				    matching, rows, rows > matching ? "misses rows" : "shows rows that are not there");
	}
	db_done(st);
	return e;
}

enum err audit_row_hash(const struct audit_row *r, const char *prev, char out[65])
{
	struct buf b;
	enum err e;

	buf_init(&b, 4096);
	e = canonical(&b, prev, r->at, r->account_id, r->username, r->role, r->action, r->object_type,
		      r->object_id, r->person_id, r->case_id, r->basis, r->reason, r->outcome, r->ip);
	if (!e)
		hash_text(buf_str(&b), out);
	buf_release(&b);
	return e;
}

enum err audit_head(struct db *db, int64_t *seq, char hash[65])
{
	struct db_stmt *st;
	bool row;
	enum err e = db_prepare(db, "SELECT id, hash FROM access_log ORDER BY id DESC LIMIT 1", &st);

	*seq = 0;
	memcpy(hash, GENESIS, 65);
	if (e)
		return e;
	e = db_step(st, &row);
	if (!e && row) {
		*seq = db_col_int(st, 0);
		str_lcpy(hash, db_col_text(st, 1), 65);
	}
	db_done(st);
	return e;
}

struct row_at {
	char *hash, *at;
};

static void row_at_fill(struct db_stmt *st, void *out)
{
	struct row_at *r = out;
	str_lcpy(r->hash, db_col_text(st, 0), 65);
	str_lcpy(r->at, db_col_text(st, 1), 32);
}

enum err audit_row_at(struct db *db, int64_t id, char hash[65], char at[32])
{
	struct row_at r = { hash, at };
	return db_get_by_id(db, "SELECT hash, at FROM access_log WHERE id = ?", id, row_at_fill, &r);
}

enum err audit_each(struct db *db, int64_t first, int64_t last,
		    enum err (*fn)(void *ctx, const struct audit_row *r), void *ctx)
{
	struct db_stmt *st;
	struct audit_row r;
	bool row;
	enum err e = db_prepare(db,
		"SELECT id, at, coalesce(account_id, 0), username, role, action, object_type,"
		" coalesce(object_id, 0), coalesce(person_id, 0), coalesce(case_id, 0), basis,"
		" reason, outcome, ip, prev_hash, hash FROM access_log WHERE id BETWEEN ? AND ? ORDER BY id", &st);

	if (e)
		return e;
	db_bind_int(st, 1, first);
	db_bind_int(st, 2, last);
	while (!(e = db_step(st, &row)) && row) {
		r.id = db_col_int(st, 0);
		r.at = db_col_text(st, 1);
		r.account_id = db_col_int(st, 2);
		r.username = db_col_text(st, 3);
		r.role = db_col_text(st, 4);
		r.action = db_col_text(st, 5);
		r.object_type = db_col_text(st, 6);
		r.object_id = db_col_int(st, 7);
		r.person_id = db_col_int(st, 8);
		r.case_id = db_col_int(st, 9);
		r.basis = db_col_text(st, 10);
		r.reason = db_col_text(st, 11);
		r.outcome = db_col_text(st, 12);
		r.ip = db_col_text(st, 13);
		r.prev_hash = db_col_text(st, 14);
		r.hash = db_col_text(st, 15);
		e = fn(ctx, &r);
		if (e)
			break;
	}
	db_done(st);
	return e;
}

/* ---- findings ------------------------------------------------------------ */

void audit_found(struct audit_report *r, enum audit_finding f, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	if (++r->count[f] > AUDIT_REPORT_MAX || !r->found)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	r->found(r->ctx, f, msg);
}

int64_t audit_findings(const struct audit_report *r)
{
	int64_t n = 0;
	for (int i = 0; i < AUDIT_FINDINGS; i++)
		n += r->count[i];
	return n;
}

const char *audit_finding_name(enum audit_finding f)
{
	static const char *names[AUDIT_FINDINGS] = {
		[AUDIT_BROKEN] = "BROKEN", [AUDIT_GAP] = "GAP", [AUDIT_TRIGGER] = "TRIGGER",
		[AUDIT_TRUNCATED] = "TRUNCATED", [AUDIT_REWRITTEN] = "REWRITTEN",
		[AUDIT_SIGNATURE] = "BAD SIGNATURE", [AUDIT_MALFORMED] = "MALFORMED",
		[AUDIT_UNSEALED] = "UNSEALED", [AUDIT_INDEX] = "INDEX",
	};
	return (unsigned)f < AUDIT_FINDINGS ? names[f] : "?";
}

struct chain_walk {
	struct audit_report *r;
	int64_t rows, next_id;
	char prev[65];
};

static enum err chain_row(void *ctx, const struct audit_row *row)
{
	struct chain_walk *w = ctx;
	char hash[65];
	enum err e = audit_row_hash(row, row->prev_hash, hash);

	if (e)
		return e;
	w->rows++;
	if (row->id != w->next_id) {
		/* The link after a gap cannot hold, unless the chain was
		 * recomputed over it: the gap is the finding either way. */
		if (w->next_id == 1)
			audit_found(w->r, AUDIT_GAP, "GAP: the log starts at row %" PRId64 ", rows 1-%" PRId64
				    " are missing", row->id, row->id - 1);
		else
			audit_found(w->r, AUDIT_GAP, "GAP after row %" PRId64 ": rows %" PRId64 "-%" PRId64
				    " are missing", w->next_id - 1, w->next_id, row->id - 1);
	} else if (strcmp(hash, row->hash) != 0) {
		audit_found(w->r, AUDIT_BROKEN, "BROKEN at row %" PRId64 " (%s): its content does not match"
			    " its hash (the row was rewritten)", row->id, row->at);
	} else if (strcmp(row->prev_hash, w->prev) != 0) {
		audit_found(w->r, AUDIT_BROKEN, "BROKEN at row %" PRId64 " (%s): it does not link to row %"
			    PRId64 " (that row was rewritten and its hash recomputed)", row->id, row->at,
			    row->id - 1);
	}
	/* Carry on from what is stored, so one changed row is one finding. */
	str_lcpy(w->prev, row->hash, sizeof(w->prev));
	w->next_id = row->id + 1;
	return ERR_OK;
}

enum err audit_check_chain(struct db *db, struct audit_report *r, int64_t *rows, int64_t *last_id)
{
	struct chain_walk w = { .r = r, .next_id = 1, .prev = GENESIS };
	enum err e = audit_each(db, INT64_MIN, INT64_MAX, chain_row, &w);

	*rows = w.rows;
	*last_id = w.next_id - 1;
	return e;
}

/* s with every run of white space made one space, trimmed. */
static void squeeze(const char *s, char *out, size_t n)
{
	size_t k = 0;
	bool space = false;

	for (; *s && k + 1 < n; s++) {
		if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r') {
			space = k > 0;
			continue;
		}
		if (space && k + 2 < n)
			out[k++] = ' ';
		space = false;
		out[k++] = *s;
	}
	out[k] = 0;
}

enum err audit_check_triggers(struct db *db, struct audit_report *r)
{
	static const struct { const char *name, *sql, *without; } want[] = {
		{ "access_log_no_update", "CREATE TRIGGER access_log_no_update BEFORE UPDATE ON access_log"
		  " BEGIN SELECT RAISE(ABORT, 'access_log is append-only'); END", "rows can be changed" },
		{ "access_log_no_delete", "CREATE TRIGGER access_log_no_delete BEFORE DELETE ON access_log"
		  " BEGIN SELECT RAISE(ABORT, 'access_log is append-only'); END", "rows can be deleted" },
	};
	char sql[1024], got[1024];
	enum err e = ERR_OK;

	for (size_t i = 0; !e && i < sizeof(want) / sizeof(want[0]); i++) {
		e = db_trigger_sql(db, "access_log", want[i].name, sql, sizeof(sql));
		if (e == ERR_NOT_FOUND) {
			audit_found(r, AUDIT_TRIGGER, "TRIGGER MISSING: %s was dropped: %s", want[i].name,
				    want[i].without);
			e = ERR_OK;
			continue;
		}
		squeeze(sql, got, sizeof(got));
		if (!e && strcmp(got, want[i].sql) != 0)
			audit_found(r, AUDIT_TRIGGER, "TRIGGER CHANGED: %s is not the schema's: %s", want[i].name,
				    got);
	}
	return e;
}

struct verify_walk {
	int64_t bad, rows;
	char prev[65];
};

static enum err verify_row(void *ctx, const struct audit_row *r)
{
	struct verify_walk *w = ctx;
	char hash[65];
	enum err e = audit_row_hash(r, w->prev, hash);

	if (e)
		return e;
	w->rows++;
	if (strcmp(w->prev, r->prev_hash) != 0 || strcmp(hash, r->hash) != 0) {
		w->bad = r->id;
		return ERR_INVALID;  /* stops the walk */
	}
	memcpy(w->prev, hash, sizeof(w->prev));
	return ERR_OK;
}

enum err audit_verify(struct db *db, int64_t *bad_id, int64_t *rows)
{
	struct verify_walk w = { .prev = GENESIS };
	enum err e = audit_each(db, INT64_MIN, INT64_MAX, verify_row, &w);

	*bad_id = w.bad;
	*rows = w.rows;
	return w.bad ? ERR_OK : e;
}

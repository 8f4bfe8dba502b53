/*
 * audit.c - append and verify the hash-chained access log (see audit.h).
 */
#include <inttypes.h>
#include <string.h>
#include "audit/audit.h"
#include "auth/token.h"
#include "core/buf.h"
#include "core/clock.h"
#include "core/log.h"
#include "db/db.h"

#define GENESIS "0000000000000000000000000000000000000000000000000000000000000000"

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
		token_hash(buf_str(&b), hash);
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

enum err audit_verify(struct db *db, int64_t *bad_id, int64_t *rows)
{
	struct db_stmt *st;
	struct buf b;
	char prev[65] = GENESIS, hash[65];
	bool row;
	enum err e;

	*bad_id = 0;
	*rows = 0;
	buf_init(&b, 4096);
	e = db_prepare(db,
		"SELECT id, at, coalesce(account_id, 0), username, role, action, object_type,"
		" coalesce(object_id, 0), coalesce(person_id, 0), coalesce(case_id, 0), basis,"
		" reason, outcome, ip, prev_hash, hash FROM access_log ORDER BY id", &st);
	while (!e && !(e = db_step(st, &row)) && row) {
		(*rows)++;
		e = canonical(&b, prev, db_col_text(st, 1), db_col_int(st, 2), db_col_text(st, 3),
			      db_col_text(st, 4), db_col_text(st, 5), db_col_text(st, 6),
			      db_col_int(st, 7), db_col_int(st, 8), db_col_int(st, 9),
			      db_col_text(st, 10), db_col_text(st, 11), db_col_text(st, 12),
			      db_col_text(st, 13));
		if (e)
			break;
		token_hash(buf_str(&b), hash);
		if (strcmp(prev, db_col_text(st, 14)) != 0 || strcmp(hash, db_col_text(st, 15)) != 0) {
			*bad_id = db_col_int(st, 0);
			break;
		}
		memcpy(prev, hash, 65);
	}
	db_done(st);
	buf_release(&b);
	return e;
}

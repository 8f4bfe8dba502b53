/*
 * session.c - stored login sessions (see session.h).
 */
#include <string.h>
#include "auth/session.h"
#include "core/str.h"

enum err session_create(struct db *db, int64_t account_id, int64_t now, char *token_out,
			char *csrf_out)
{
	struct db_stmt *st;
	char hash[65];
	enum err e;

	token_new(token_out);
	token_new(csrf_out);
	token_hash(token_out, hash);
	e = db_prepare(db, "INSERT INTO session(token_hash, account_id, csrf, created_at, last_seen)"
			   " VALUES (?,?,?,?,?)", &st);
	if (e)
		return e;
	db_bind_text(st, 1, hash);
	db_bind_int(st, 2, account_id);
	db_bind_text(st, 3, csrf_out);
	db_bind_int(st, 4, now);
	db_bind_int(st, 5, now);
	return db_run(st);
}

bool session_expired(const struct session_info *s, int64_t now, int64_t idle, int64_t absolute)
{
	return now - s->last_seen > idle || now - s->created_at > absolute;
}

enum err session_lookup(struct db *db, const char *token, int64_t now, int64_t idle,
			int64_t absolute, struct session_info *out)
{
	struct db_stmt *st;
	bool row;
	enum err e;

	memset(out, 0, sizeof(*out));
	if (!token || !token_well_formed(token))
		return ERR_UNAUTH;
	token_hash(token, out->token_hash);
	e = db_prepare(db, "SELECT s.account_id, s.csrf, s.created_at, s.last_seen FROM session s"
			   " JOIN account a ON a.id = s.account_id"
			   " WHERE s.token_hash = ? AND s.ended = 0 AND a.active = 1", &st);
	if (e)
		return e;
	db_bind_text(st, 1, out->token_hash);
	e = db_step(st, &row);
	if (!e && !row)
		e = ERR_UNAUTH;
	if (!e) {
		out->account_id = db_col_int(st, 0);
		str_lcpy(out->csrf, db_col_text(st, 1), sizeof(out->csrf));
		out->created_at = db_col_int(st, 2);
		out->last_seen = db_col_int(st, 3);
		if (session_expired(out, now, idle, absolute))
			e = ERR_UNAUTH;
	}
	db_done(st);
	return e;
}

enum err session_touch(struct db *db, const char *token_hash_hex, int64_t now)
{
	struct db_stmt *st;
	enum err e = db_prepare(db, "UPDATE session SET last_seen = ? WHERE token_hash = ? AND ended = 0", &st);
	if (e)
		return e;
	db_bind_int(st, 1, now);
	db_bind_text(st, 2, token_hash_hex);
	return db_run(st);
}

enum err session_end(struct db *db, const char *token_hash_hex)
{
	struct db_stmt *st;
	enum err e = db_prepare(db, "UPDATE session SET ended = 1 WHERE token_hash = ?", &st);
	if (e)
		return e;
	db_bind_text(st, 1, token_hash_hex);
	return db_run(st);
}

enum err session_end_account(struct db *db, int64_t account_id)
{
	struct db_stmt *st;
	enum err e = db_prepare(db, "UPDATE session SET ended = 1 WHERE account_id = ? AND ended = 0", &st);
	if (e)
		return e;
	db_bind_int(st, 1, account_id);
	return db_run(st);
}

/*
 * session.h - login sessions stored by the hash of their token.
 *
 * The browser holds a 32-byte random token (HttpOnly, SameSite=Strict cookie);
 * the database holds only its BLAKE2b hash, so a copy of the database does
 * not let anyone log in.  Each session has its own CSRF token.  A session
 * ends on logout, after SESSION_IDLE seconds without use, or SESSION_ABSOLUTE
 * seconds after login, whichever comes first.
 */
#ifndef MAJAKKA_SESSION_H
#define MAJAKKA_SESSION_H

#include <stdbool.h>
#include <stdint.h>
#include "auth/token.h"
#include "db/db.h"

#define SESSION_IDLE_DEFAULT (30 * 60)
#define SESSION_ABSOLUTE_DEFAULT (12 * 60 * 60)
#define SESSION_TOUCH_EVERY 60  /* last_seen is written at most this often */

struct session_info {
	int64_t account_id;
	char token_hash[65];
	char csrf[TOKEN_STR_MAX];
	int64_t created_at;
	int64_t last_seen;
};

/* Insert a new session for account_id; the token and CSRF token are written
 * to token_out and csrf_out (TOKEN_STR_MAX bytes each). */
enum err session_create(struct db *db, int64_t account_id, int64_t now, char *token_out,
			char *csrf_out);
/* Find the live session of token; ERR_UNAUTH when unknown, ended or expired. */
enum err session_lookup(struct db *db, const char *token, int64_t now, int64_t idle,
			int64_t absolute, struct session_info *out);
/* Past the idle or the absolute timeout at now? */
bool session_expired(const struct session_info *s, int64_t now, int64_t idle, int64_t absolute);
enum err session_touch(struct db *db, const char *token_hash, int64_t now);
enum err session_end(struct db *db, const char *token_hash);
/* End every session of an account (deactivation, password change). */
enum err session_end_account(struct db *db, int64_t account_id);

#endif

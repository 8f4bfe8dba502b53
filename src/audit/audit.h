/*
 * audit.h - the access log: who did what to whose data, on what basis.
 *
 * Append-only and hash-chained: each row's hash is BLAKE2b-256 over its
 * content and the previous row's hash, so removing or changing a row breaks
 * the chain from there on (audit_verify finds it).  Rows are appended only
 * on the writer connection, inside the group-commit batch, so a response that
 * depends on a log entry leaves only after the entry is durable.
 */
#ifndef MAJAKKA_AUDIT_H
#define MAJAKKA_AUDIT_H

#include <stddef.h>
#include <stdint.h>
#include "core/err.h"

struct db;

struct audit_entry {
	int64_t account_id;      /* 0 when unknown (failed login) */
	char username[64];
	char role[32];
	const char *action;      /* static string: "read", "create", "update", "login", ... */
	const char *object_type; /* static string: "person", "case", "account", "team", "session" */
	int64_t object_id;       /* 0 = none */
	int64_t person_id;
	int64_t case_id;
	const char *basis;       /* static: "own_team", "childs_team", "area_manager", "break_glass", "self", "admin", "none" */
	char reason[256];        /* break-the-glass reason or denial reason */
	const char *outcome;     /* static: "allowed", "denied", "failed" */
	char ip[48];
};

/* Append n entries with the hash chain.  Must run inside a transaction on
 * the writer connection. */
enum err audit_append(struct db *db, const struct audit_entry *e, size_t n);

/* Recompute the whole chain.  *bad_id = first row that does not verify (0 if
 * all do); *rows = rows checked. */
enum err audit_verify(struct db *db, int64_t *bad_id, int64_t *rows);

#endif

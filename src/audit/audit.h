/*
 * audit.h - the access log: who did what to whose data, on what basis.
 *
 * Append-only and hash-chained: each row's hash is BLAKE2b-256 over its
 * content and the previous row's hash, so removing or changing a row breaks
 * the chain from there on (audit_verify finds it).  Rows are appended only
 * on the writer connection, inside the group-commit batch, so a response that
 * depends on a log entry leaves only after the entry is durable.
 *
 * The chain alone cannot tell a rewritten log whose hashes were recomputed,
 * or a log whose last rows were deleted, from an honest one: everything it
 * needs is in the same file.  The checkpoints of audit/seal.h, signed with
 * a key kept outside the database, can; this file checks what the database
 * alone can show (the chain, gaps in the ids, the append-only triggers) and
 * reports findings through struct audit_report, which seal.c shares.
 *
 * audit/ depends on db/ and core/ only, and on libsodium for the hash.
 */
#ifndef MAJAKKA_AUDIT_H
#define MAJAKKA_AUDIT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "core/err.h"

struct db;

/* The prev_hash of the first row. */
#define AUDIT_GENESIS "0000000000000000000000000000000000000000000000000000000000000000"

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

/* A stored row as text and numbers (NULL ids are 0), as read back from the
 * database or from an export.  The strings are borrowed. */
struct audit_row {
	int64_t id;
	const char *at;
	int64_t account_id;
	const char *username, *role, *action, *object_type;
	int64_t object_id, person_id, case_id;
	const char *basis, *reason, *outcome, *ip;
	const char *prev_hash, *hash;
};

/* Append n entries with the hash chain.  Must run inside a transaction on
 * the writer connection.  The rows go to the table alone: the per-person
 * index follows behind (audit_index_behind). */
enum err audit_append(struct db *db, const struct audit_entry *e, size_t n);

/* The per-person index of the log (access_log_by_person, migration 025)
 * kept behind the rows: when at least min_rows rows follow
 * access_log_indexed.upto, copy them into the index and move upto, in a
 * transaction of its own that does not wait for the disk (index and upto
 * move together or not at all, and what a crash takes is copied again).
 * Outside any transaction, on the writer connection: the server's writer
 * calls it after each batch with AUDIT_INDEX_SLICE, `majakka generate` once
 * with 1.  Readers take the index up to upto and the rows after it from
 * the table (model/accesslog.c). */
#define AUDIT_INDEX_SLICE 512
enum err audit_index_behind(struct db *db, int64_t min_rows);

/* Recompute the whole chain.  *bad_id = first row that does not verify (0 if
 * all do); *rows = rows checked. */
enum err audit_verify(struct db *db, int64_t *bad_id, int64_t *rows);

/* The hash row r must have when prev is the hash before it (hex, 65 bytes
 * with the NUL).  Needs no database: an export is verified with it. */
enum err audit_row_hash(const struct audit_row *r, const char *prev, char out[65]);

/* The head of the chain: the last row's id and hash (0 and AUDIT_GENESIS
 * for an empty log). */
enum err audit_head(struct db *db, int64_t *seq, char hash[65]);

/* Call fn for each row with first <= id <= last, in id order; fn's
 * non-zero return stops the walk and is returned. */
enum err audit_each(struct db *db, int64_t first, int64_t last,
		    enum err (*fn)(void *ctx, const struct audit_row *r), void *ctx);

/* The stored hash and time of row id: ERR_NOT_FOUND when there is none. */
enum err audit_row_at(struct db *db, int64_t id, char hash[65], char at[32]);

/* ---- findings ------------------------------------------------------------ */

enum audit_finding {
	AUDIT_BROKEN,      /* a row does not match its hash or its link */
	AUDIT_GAP,         /* ids missing in the middle or at the start */
	AUDIT_TRIGGER,     /* an append-only trigger dropped or changed */
	AUDIT_TRUNCATED,   /* a checkpoint seals rows that are gone */
	AUDIT_REWRITTEN,   /* a checkpoint's hash differs: rows changed, chain recomputed */
	AUDIT_SIGNATURE,   /* a checkpoint whose signature fails */
	AUDIT_MALFORMED,   /* a checkpoint line that cannot be read */
	AUDIT_UNSEALED,    /* rows but no checkpoint at all */
	AUDIT_INDEX,       /* the per-person index disagrees with the rows */
	AUDIT_FINDINGS
};

/* How many findings of one kind are passed to found(); the rest are only
 * counted (a recomputed chain fails every later checkpoint). */
#define AUDIT_REPORT_MAX 5

struct audit_report {
	/* One line saying what and where, e.g. "BROKEN at row 2: ...". */
	void (*found)(void *ctx, enum audit_finding f, const char *msg);
	void *ctx;
	int64_t count[AUDIT_FINDINGS];
};

/* Count a finding and pass the message on (see AUDIT_REPORT_MAX). */
void audit_found(struct audit_report *r, enum audit_finding f, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Findings of all kinds so far. */
int64_t audit_findings(const struct audit_report *r);
/* Stable upper-case name of a kind ("TRUNCATED"). */
const char *audit_finding_name(enum audit_finding f);

/* Walk the chain: report every row whose content or link does not match
 * (AUDIT_BROKEN) and every gap in the ids (AUDIT_GAP), carrying on from the
 * stored hash so one changed row is one finding.  *rows and *last_id: rows
 * seen and the last id. */
enum err audit_check_chain(struct db *db, struct audit_report *r, int64_t *rows, int64_t *last_id);

/* Report each append-only trigger of the access log that is missing or no
 * longer refuses what it should (AUDIT_TRIGGER). */
enum err audit_check_triggers(struct db *db, struct audit_report *r);

/* Report a per-person index that disagrees with the rows it covers (rows up
 * to access_log_indexed.upto missing from it, or entries no row has):
 * AUDIT_INDEX.  The rows themselves are what the chain and the checkpoints
 * prove; the index decides what a person's own access-log page shows. */
enum err audit_check_index(struct db *db, struct audit_report *r);

#endif

/*
 * export.h - the access log of a date range as signed JSON lines, for an
 * outside auditor who verifies it without the database.
 *
 * The file (one JSON object a line, UTF-8):
 *   1. header: {"majakka_audit_export":1, "from":DATE, "to":DATE,
 *      "from_at":UTC, "to_at":UTC, "first_id":N|null, "last_id":N|null,
 *      "prev_hash":HEX|null, "head":{"seq":N,"hash":HEX}, "created":UTC,
 *      "key":KEYID}
 *      - rows first_id..last_id are every row from the first written at or
 *        after from_at to the last written before to_at (the local days
 *        from..to), contiguous, so they form one piece of the chain;
 *        prev_hash is the hash of the row before first_id (the genesis
 *        hash when first_id is 1); head is the chain's head at export.
 *   2. one line a row: {"id", "at", "account_id", "username", "role",
 *      "action", "object_type", "object_id", "person_id", "case_id",
 *      "basis", "reason", "outcome", "ip", "prev_hash", "hash"} (ids null
 *      when the row has none).
 *   3. trailer: {"trailer":"majakka-audit-export v1", "rows":N,
 *      "digest":HEX, "key":KEYID, "sig":HEX} - digest is BLAKE2b-256 of
 *      the bytes of every line before the trailer (newlines included); sig
 *      is Ed25519 over the text "majakka-audit-export v1 rows=N digest=HEX".
 *
 * export_verify checks the signature with the public key, then that every
 * row's hash is the hash of its content and links to the row before, and
 * that the ids run without a gap from first_id to last_id.
 */
#ifndef MAJAKKA_EXPORT_H
#define MAJAKKA_EXPORT_H

#include <stdint.h>
#include <stdio.h>
#include "core/err.h"

struct db;
struct seal_key;

struct export_summary {
	int64_t rows;
	int64_t first_id, last_id;   /* 0 when no rows */
	int64_t head_seq;
	char head_hash[65];
	char from[11], to[11];
	char created[21];
	char key_id[17];
};

/* Write the rows written on the local dates from..to (YYYY-MM-DD, both
 * included) to out, signed with k (a secret key).  The caller checks the
 * log first (seal_check): an export signs whatever the database holds. */
enum err export_write(struct db *db, const struct seal_key *k, FILE *out, const char *from, const char *to,
		      struct export_summary *s, char *msg, size_t n);

/* Verify an export read from in with the public key pub.  msg says what is
 * wrong and on which line. */
enum err export_verify(FILE *in, const struct seal_key *pub, struct export_summary *s, char *msg, size_t n);

#endif

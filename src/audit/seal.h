/*
 * seal.h - signed checkpoints of the access log, kept outside the database.
 *
 * The hash chain of audit.h lives in the database file, so whoever can write
 * the file can rewrite a row and recompute every hash after it, or cut the
 * last rows off, and the chain still verifies.  A checkpoint is the head of
 * the chain (the last row's id and hash) and the time, signed with an
 * Ed25519 key that is not in the database, appended as one line to a file
 * that is not the database (and, if asked, sent to syslog).  `majakka check`
 * compares every checkpoint with the log: a row id past the end is a cut
 * tail, a hash that differs is a rewritten log.
 *
 * Files, next to the database unless configured (DB = the database path):
 *   DB.audit-key              secret key, mode 0600:
 *                             "majakka-audit-secret-key-ed25519 <64 hex: seed>\n"
 *   DB.audit-key.pub          public key, for check and for auditors:
 *                             "majakka-audit-public-key-ed25519 <64 hex>\n"
 *   DB.audit-checkpoints      one line per checkpoint:
 *     majakka-audit-checkpoint v1 seq=N hash=<64 hex> at=YYYY-MM-DDTHH:MM:SSZ key=<16 hex> sig=<128 hex>
 *   The signature covers the line's bytes before " sig="; key is the first
 *   8 bytes of the public key (it names the key, it proves nothing).
 *
 * Checkpoints are written by a thread of their own (seal_thread_start): every
 * interval (10 s) when the head has moved, and once more at stop.  It reads
 * the head on its own connection, so it sees only committed rows and costs
 * the requests nothing.  init and demo write the first one (seal_now).
 */
#ifndef MAJAKKA_SEAL_H
#define MAJAKKA_SEAL_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "core/err.h"

struct db;
struct audit_report;

#define SEAL_LINE_MAX 512
#define SEAL_INTERVAL_DEFAULT 10  /* seconds */

struct seal_paths {
	char key[PATH_MAX];          /* secret key */
	char pub[PATH_MAX];          /* public key: key + ".pub" */
	char checkpoints[PATH_MAX];
};

struct seal_key {
	unsigned char pk[32];
	unsigned char sk[64];
	bool secret;                 /* sk is set: this key can sign */
	char id[17];                 /* hex of pk's first 8 bytes */
};

struct seal_checkpoint {
	int64_t seq;                 /* last row id sealed; 0 = empty log */
	char hash[65];
	char at[21];
	char key_id[17];
};

enum seal_line {
	SEAL_LINE_OK,
	SEAL_LINE_MALFORMED,
	SEAL_LINE_OTHER_KEY,         /* names a key other than the one given */
	SEAL_LINE_BAD_SIGNATURE,
};

/* The default files next to db_path, or key and checkpoints when given
 * (NULL: default).  ERR_TOO_LARGE when a path does not fit. */
enum err seal_paths_init(struct seal_paths *p, const char *db_path, const char *key, const char *checkpoints);

/* Create a new key pair: the secret key file (mode 0600, must not exist) and
 * the public key file.  msg says what failed. */
enum err seal_key_create(const struct seal_paths *p, struct seal_key *out, char *msg, size_t n);
/* Read the secret key file; refused when others may read it. */
enum err seal_key_load(const char *path, struct seal_key *out, char *msg, size_t n);
/* Read a public key file. */
enum err seal_public_load(const char *path, struct seal_key *out, char *msg, size_t n);
/* Wipe the secret. */
void seal_key_clear(struct seal_key *k);

/* Sign c with k into line (with its '\n'); returns the length, 0 if it
 * does not fit. */
size_t seal_line_make(const struct seal_key *k, const struct seal_checkpoint *c, char *line, size_t n);
/* Parse one line (without its '\n') and verify it with pub. */
enum seal_line seal_line_read(const char *line, size_t len, const struct seal_key *pub, struct seal_checkpoint *c);

/* Append line to the checkpoint file and fsync it (first cutting off an
 * incomplete last line that a crash may have left); also to syslog when
 * asked, even if the file cannot be written. */
enum err seal_append(const char *path, const char *line, size_t len, bool to_syslog);
/* Send line to syslog (authpriv, ident majakka-audit).  In seal_syslog.c:
 * <syslog.h> defines LOG_INFO and friends, which core/log.h names too. */
void seal_syslog(const char *line);
/* Sign the head of db's chain now and append it.  *c (may be NULL) gets it. */
enum err seal_now(struct db *db, const struct seal_key *k, const char *path, bool to_syslog,
		  struct seal_checkpoint *c);

/* ---- the checkpoint thread of serve ------------------------------------- */

struct seal_thread;

/* Open a read connection on db_path and start sealing every interval_s
 * seconds.  The key is copied.  Logs an error when the log no longer matches
 * the file's last checkpoint (check says more). */
enum err seal_thread_start(struct seal_thread **out, const char *db_path, const struct seal_key *k,
			   const char *path, bool to_syslog, int interval_s);
/* Write the last checkpoint (call after the writer has stopped), stop. */
void seal_thread_stop(struct seal_thread *t);

/* ---- check ---------------------------------------------------------------- */

struct seal_summary {
	int64_t rows, last_id;       /* the log */
	int64_t lines;               /* checkpoint lines read */
	int64_t verified;            /* ... whose signature verified */
	int64_t sealed_seq;          /* the highest row a matching checkpoint seals */
	char sealed_at[21];
	bool no_file;
	bool torn;                   /* the file ends in an incomplete line */
};

/* Check the log against itself (audit_check_chain, audit_check_triggers) and
 * against every checkpoint in path, verified with pub (NULL: none to verify
 * with), reporting into r.  Runs in one read snapshot taken after the file's
 * size, so a server running meanwhile cannot make a checkpoint look ahead of
 * the rows. */
enum err seal_check(struct db *db, const char *path, const struct seal_key *pub, struct audit_report *r,
		    struct seal_summary *s);

#endif

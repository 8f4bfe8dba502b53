/*
 * seal.c - signed checkpoints of the access log (see seal.h).
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <libgen.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <sodium.h>
#include "audit/audit.h"
#include "audit/seal.h"
#include "core/clock.h"
#include "core/log.h"
#include "core/str.h"
#include "db/db.h"

#define SECRET_TAG "majakka-audit-secret-key-ed25519 "
#define PUBLIC_TAG "majakka-audit-public-key-ed25519 "
#define LINE_TAG "majakka-audit-checkpoint v1 "

_Static_assert(crypto_sign_PUBLICKEYBYTES == 32, "seal_key.pk");
_Static_assert(crypto_sign_SECRETKEYBYTES == 64, "seal_key.sk");
_Static_assert(crypto_sign_SEEDBYTES == 32, "seed");

enum err seal_paths_init(struct seal_paths *p, const char *db_path, const char *key, const char *checkpoints)
{
	int a, b, c;

	a = key ? snprintf(p->key, sizeof(p->key), "%s", key)
		: snprintf(p->key, sizeof(p->key), "%s.audit-key", db_path);
	b = snprintf(p->pub, sizeof(p->pub), "%s.pub", p->key);
	c = checkpoints ? snprintf(p->checkpoints, sizeof(p->checkpoints), "%s", checkpoints)
			: snprintf(p->checkpoints, sizeof(p->checkpoints), "%s.audit-checkpoints", db_path);
	if (a < 0 || b < 0 || c < 0 || (size_t)a >= sizeof(p->key) || (size_t)b >= sizeof(p->pub) ||
	    (size_t)c >= sizeof(p->checkpoints))
		return ERR_TOO_LARGE;
	return ERR_OK;
}

/* ---- keys ------------------------------------------------------------------ */

static void key_id(struct seal_key *k)
{
	str_hex(k->pk, 8, k->id);
}

/* fsync the directory holding path, so a file just created there survives
 * a power loss. */
static enum err sync_dir(const char *path)
{
	char d[PATH_MAX];
	int fd;
	enum err e = ERR_OK;

	str_lcpy(d, path, sizeof(d));
	fd = open(dirname(d), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return ERR_IO;
	if (fsync(fd))
		e = ERR_IO;
	close(fd);
	return e;
}

/* Create path (which must not exist) with mode and exactly text, synced. */
static enum err write_new(const char *path, mode_t mode, const char *text, char *msg, size_t n)
{
	size_t len = strlen(text);
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode);

	if (fd < 0) {
		snprintf(msg, n, "cannot create %s: %s", path, strerror(errno));
		return errno == EEXIST ? ERR_CONFLICT : ERR_IO;
	}
	/* Whatever the umask says: the secret is the owner's alone, the
	 * public key anyone's. */
	if (fchmod(fd, mode) || write(fd, text, len) != (ssize_t)len || fsync(fd)) {
		snprintf(msg, n, "cannot write %s: %s", path, strerror(errno));
		close(fd);
		unlink(path);
		return ERR_IO;
	}
	close(fd);
	return ERR_OK;
}

enum err seal_key_create(const struct seal_paths *p, struct seal_key *out, char *msg, size_t n)
{
	unsigned char seed[32];
	char text[128];
	char hex[65];
	enum err e;

	memset(out, 0, sizeof(*out));
	if (sodium_init() < 0) {
		snprintf(msg, n, "libsodium does not start");
		return ERR_NOMEM;
	}
	if (access(p->pub, F_OK) == 0) {
		snprintf(msg, n, "%s exists without its secret key %s; remove it or give --audit-key", p->pub,
			 p->key);
		return ERR_CONFLICT;
	}
	crypto_sign_keypair(out->pk, out->sk);
	crypto_sign_ed25519_sk_to_seed(seed, out->sk);
	str_hex(seed, sizeof(seed), hex);
	snprintf(text, sizeof(text), SECRET_TAG "%s\n", hex);
	e = write_new(p->key, 0600, text, msg, n);
	sodium_memzero(seed, sizeof(seed));
	sodium_memzero(hex, sizeof(hex));
	sodium_memzero(text, sizeof(text));
	if (e)
		goto out;
	str_hex(out->pk, sizeof(out->pk), hex);
	snprintf(text, sizeof(text), PUBLIC_TAG "%s\n", hex);
	e = write_new(p->pub, 0644, text, msg, n);
	if (e) {
		unlink(p->key);
		goto out;
	}
	if (sync_dir(p->key) || sync_dir(p->pub)) {
		snprintf(msg, n, "cannot sync the directory of %s", p->key);
		e = ERR_IO;
	}
out:
	if (e)
		seal_key_clear(out);
	else {
		out->secret = true;
		key_id(out);
	}
	return e;
}

/* Read a key file: tag then 64 hex characters, an optional newline. */
static enum err read_key_file(const char *path, const char *tag, bool secret, unsigned char raw[32], char *msg,
			      size_t n)
{
	char text[160];
	struct stat st;
	ssize_t len;
	size_t tl = strlen(tag);
	enum err e = ERR_INVALID;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0) {
		snprintf(msg, n, "cannot open %s: %s", path, strerror(errno));
		return errno == ENOENT ? ERR_NOT_FOUND : ERR_IO;
	}
	if (fstat(fd, &st) || !S_ISREG(st.st_mode)) {
		snprintf(msg, n, "%s is not a regular file", path);
		goto out;
	}
	if (secret && (st.st_mode & 077)) {
		snprintf(msg, n, "%s may be read by others (mode %04o): chmod 600 %s", path,
			 (unsigned)(st.st_mode & 07777), path);
		e = ERR_DENIED;
		goto out;
	}
	len = read(fd, text, sizeof(text) - 1);
	if (len < 0) {
		snprintf(msg, n, "cannot read %s: %s", path, strerror(errno));
		e = ERR_IO;
		goto out;
	}
	text[len] = 0;
	if (len && text[len - 1] == '\n')
		text[--len] = 0;
	if ((size_t)len != tl + 64 || memcmp(text, tag, tl) || str_unhex(text + tl, raw, 32)) {
		snprintf(msg, n, "%s is not a %s key file (one line: %s<64 hex digits>)", path,
			 secret ? "secret" : "public", tag);
		goto out;
	}
	e = ERR_OK;
out:
	sodium_memzero(text, sizeof(text));
	close(fd);
	return e;
}

enum err seal_key_load(const char *path, struct seal_key *out, char *msg, size_t n)
{
	unsigned char seed[32];
	enum err e;

	memset(out, 0, sizeof(*out));
	if (sodium_init() < 0)
		return ERR_NOMEM;
	e = read_key_file(path, SECRET_TAG, true, seed, msg, n);
	if (!e) {
		crypto_sign_seed_keypair(out->pk, out->sk, seed);
		out->secret = true;
		key_id(out);
	}
	sodium_memzero(seed, sizeof(seed));
	return e;
}

enum err seal_public_load(const char *path, struct seal_key *out, char *msg, size_t n)
{
	enum err e;

	memset(out, 0, sizeof(*out));
	if (sodium_init() < 0)
		return ERR_NOMEM;
	e = read_key_file(path, PUBLIC_TAG, false, out->pk, msg, n);
	if (!e)
		key_id(out);
	return e;
}

void seal_key_clear(struct seal_key *k)
{
	sodium_memzero(k, sizeof(*k));
}

/* ---- lines ------------------------------------------------------------------ */

size_t seal_line_make(const struct seal_key *k, const struct seal_checkpoint *c, char *line, size_t n)
{
	unsigned char sig[crypto_sign_BYTES];
	char hex[2 * crypto_sign_BYTES + 1];
	int body, all;

	if (!k->secret)
		return 0;
	body = snprintf(line, n, LINE_TAG "seq=%" PRId64 " hash=%s at=%s key=%s", c->seq, c->hash, c->at, k->id);
	if (body < 0 || (size_t)body >= n)
		return 0;
	crypto_sign_detached(sig, NULL, (const unsigned char *)line, (size_t)body, k->sk);
	str_hex(sig, sizeof(sig), hex);
	all = snprintf(line + body, n - (size_t)body, " sig=%s\n", hex);
	if (all < 0 || (size_t)all >= n - (size_t)body)
		return 0;
	return (size_t)body + (size_t)all;
}

static bool lower_hex(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
			return false;
	return true;
}

/* Decode 2n lower-case hex digits (checked by lower_hex). */
static void unhex(const char *s, unsigned char *out, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		int h = s[2 * i] <= '9' ? s[2 * i] - '0' : s[2 * i] - 'a' + 10;
		int l = s[2 * i + 1] <= '9' ? s[2 * i + 1] - '0' : s[2 * i + 1] - 'a' + 10;
		out[i] = (unsigned char)(h << 4 | l);
	}
}

/* The field "name=value" at *p, up to the next space or end; advances *p
 * past it and the space.  NULL when the name differs. */
static const char *field(const char **p, const char *end, const char *name, size_t *vlen)
{
	size_t nl = strlen(name);
	const char *v, *stop;

	if ((size_t)(end - *p) < nl + 1 || memcmp(*p, name, nl) || (*p)[nl] != '=')
		return NULL;
	v = *p + nl + 1;
	stop = memchr(v, ' ', (size_t)(end - v));
	if (!stop)
		stop = end;
	*vlen = (size_t)(stop - v);
	*p = stop < end ? stop + 1 : end;
	return v;
}

enum seal_line seal_line_read(const char *line, size_t len, const struct seal_key *pub, struct seal_checkpoint *c)
{
	const char *p = line, *end = line + len, *v, *sig_at;
	unsigned char sig[crypto_sign_BYTES];
	char num[24];
	size_t vl;

	memset(c, 0, sizeof(*c));
	if (len >= SEAL_LINE_MAX || len < strlen(LINE_TAG) || memcmp(line, LINE_TAG, strlen(LINE_TAG)) ||
	    memchr(line, 0, len) || line[len - 1] == ' ')
		return SEAL_LINE_MALFORMED;
	p += strlen(LINE_TAG);
	if (!(v = field(&p, end, "seq", &vl)) || vl == 0 || vl >= sizeof(num))
		return SEAL_LINE_MALFORMED;
	memcpy(num, v, vl);
	num[vl] = 0;
	if (str_to_i64(num, 0, INT64_MAX, &c->seq) || (vl > 1 && num[0] == '0'))
		return SEAL_LINE_MALFORMED;
	if (!(v = field(&p, end, "hash", &vl)) || vl != 64 || !lower_hex(v, vl))
		return SEAL_LINE_MALFORMED;
	memcpy(c->hash, v, 64);
	if (!(v = field(&p, end, "at", &vl)) || vl != 20 || v[10] != 'T' || v[19] != 'Z')
		return SEAL_LINE_MALFORMED;
	memcpy(c->at, v, 20);
	if (!(v = field(&p, end, "key", &vl)) || vl != 16 || !lower_hex(v, vl))
		return SEAL_LINE_MALFORMED;
	memcpy(c->key_id, v, 16);
	sig_at = p - 1;
	if (!(v = field(&p, end, "sig", &vl)) || vl != 2 * crypto_sign_BYTES || p != end || !lower_hex(v, vl))
		return SEAL_LINE_MALFORMED;
	unhex(v, sig, sizeof(sig));
	if (!pub || strcmp(c->key_id, pub->id) != 0)
		return SEAL_LINE_OTHER_KEY;
	if (crypto_sign_verify_detached(sig, (const unsigned char *)line, (size_t)(sig_at - line), pub->pk))
		return SEAL_LINE_BAD_SIGNATURE;
	return SEAL_LINE_OK;
}

/* ---- the file ------------------------------------------------------------------ */

/* If the file does not end with a newline, a crash cut the last append
 * short: cut the piece off, so the next line starts on a line of its own
 * (the piece was never a checkpoint: nothing had been synced and reported). */
static enum err cut_torn_tail(int fd, const char *path)
{
	struct stat st;
	char chunk[SEAL_LINE_MAX];
	off_t end, from, keep = 0;
	ssize_t got;

	if (fstat(fd, &st))
		return ERR_IO;
	end = st.st_size;
	if (end == 0)
		return ERR_OK;
	if (pread(fd, chunk, 1, end - 1) != 1)
		return ERR_IO;
	if (chunk[0] == '\n')
		return ERR_OK;
	/* A line is shorter than SEAL_LINE_MAX: the last newline, if any, is
	 * within that many bytes of the end. */
	from = end > (off_t)sizeof(chunk) ? end - (off_t)sizeof(chunk) : 0;
	got = pread(fd, chunk, (size_t)(end - from), from);
	if (got != end - from)
		return ERR_IO;
	for (ssize_t i = got - 1; i >= 0; i--)
		if (chunk[i] == '\n') {
			keep = from + i + 1;
			break;
		}
	if (ftruncate(fd, keep))
		return ERR_IO;
	log_warn("audit: %s ended in an incomplete line (a crash while writing it): cut %lld bytes", path,
		 (long long)(end - keep));
	return ERR_OK;
}

enum err seal_append(const char *path, const char *line, size_t len, bool to_syslog)
{
	bool created = access(path, F_OK) != 0;
	enum err e = ERR_OK;
	struct stat st;
	ssize_t w;
	int fd;

	if (to_syslog)
		seal_syslog(line);
	fd = open(path, O_RDWR | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
	if (fd < 0) {
		log_error("audit: cannot open %s: %s", path, strerror(errno));
		return ERR_IO;
	}
	if (cut_torn_tail(fd, path) || fstat(fd, &st)) {
		log_error("audit: cannot prepare %s for a checkpoint: %s", path, strerror(errno));
		e = ERR_IO;
		goto out;
	}
	w = write(fd, line, len);
	if (w != (ssize_t)len) {
		log_error("audit: cannot write a checkpoint to %s: %s", path, w < 0 ? strerror(errno) : "short write");
		/* Take a piece back at once; if that fails too, the next append
		 * cuts it (cut_torn_tail). */
		if (w > 0 && ftruncate(fd, st.st_size))
			log_error("audit: cannot cut the piece written to %s: %s", path, strerror(errno));
		e = ERR_IO;
		goto out;
	}
	if (fsync(fd)) {
		log_error("audit: cannot sync %s: %s", path, strerror(errno));
		e = ERR_IO;
		goto out;
	}
	if (created && sync_dir(path)) {
		log_error("audit: cannot sync the directory of %s", path);
		e = ERR_IO;
	}
out:
	close(fd);
	return e;
}

enum err seal_now(struct db *db, const struct seal_key *k, const char *path, bool to_syslog,
		  struct seal_checkpoint *out)
{
	struct seal_checkpoint c = { 0 };
	char line[SEAL_LINE_MAX];
	size_t len;
	enum err e = audit_head(db, &c.seq, c.hash);

	if (e)
		return e;
	if (strlen(c.hash) != 64 || !lower_hex(c.hash, 64)) {
		/* Not a hash this program wrote: check will say more. */
		log_error("audit: access-log row %" PRId64 " has no valid hash: not sealed", c.seq);
		return ERR_INVALID;
	}
	clock_iso(clock_now(), c.at);
	str_lcpy(c.key_id, k->id, sizeof(c.key_id));
	len = seal_line_make(k, &c, line, sizeof(line));
	if (!len)
		return ERR_INVALID;
	e = seal_append(path, line, len, to_syslog);
	if (!e && out)
		*out = c;
	return e;
}

/* The last complete line of the file at path that k verifies. */
static enum err last_checkpoint(const char *path, const struct seal_key *k, struct seal_checkpoint *c)
{
	char chunk[2 * SEAL_LINE_MAX];
	struct stat st;
	off_t from;
	ssize_t got, stop, start;
	enum err e = ERR_NOT_FOUND;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return ERR_NOT_FOUND;
	if (fstat(fd, &st) || st.st_size == 0)
		goto out;
	from = st.st_size > (off_t)sizeof(chunk) ? st.st_size - (off_t)sizeof(chunk) : 0;
	got = pread(fd, chunk, (size_t)(st.st_size - from), from);
	if (got <= 0)
		goto out;
	for (stop = got - 1; stop >= 0 && chunk[stop] != '\n'; stop--)
		;
	if (stop <= 0)
		goto out;
	for (start = stop - 1; start >= 0 && chunk[start] != '\n'; start--)
		;
	start++;
	if ((from > 0 && start == 0) || seal_line_read(chunk + start, (size_t)(stop - start), k, c) != SEAL_LINE_OK)
		e = ERR_INVALID;
	else
		e = ERR_OK;
out:
	close(fd);
	return e;
}

/* ---- the thread ------------------------------------------------------------------ */

struct seal_thread {
	pthread_t thread;
	pthread_mutex_t mu;
	pthread_cond_t wake;
	bool stopping;
	struct db *db;
	struct seal_key key;
	char path[PATH_MAX];
	bool to_syslog;
	int interval_s;
	int64_t sealed_seq;          /* what the last checkpoint sealed (-1: none) */
	char sealed_hash[65];
};

/* Seal when the head has moved since the last checkpoint (or always). */
static void seal_tick(struct seal_thread *t, bool always)
{
	struct seal_checkpoint c;
	int64_t seq;
	char hash[65];

	if (audit_head(t->db, &seq, hash)) {
		log_error("audit: cannot read the head of the access log: %s", db_errmsg(t->db));
		return;
	}
	if (!always && seq == t->sealed_seq && !strcmp(hash, t->sealed_hash))
		return;
	if (seal_now(t->db, &t->key, t->path, t->to_syslog, &c) == ERR_OK) {
		t->sealed_seq = c.seq;
		memcpy(t->sealed_hash, c.hash, sizeof(t->sealed_hash));
	}
}

static void *seal_main(void *arg)
{
	struct seal_thread *t = arg;
	struct timespec until;

	pthread_mutex_lock(&t->mu);
	clock_gettime(CLOCK_MONOTONIC, &until);
	while (!t->stopping) {
		until.tv_sec += t->interval_s;
		while (!t->stopping && pthread_cond_timedwait(&t->wake, &t->mu, &until) != ETIMEDOUT)
			;
		if (t->stopping)
			break;
		pthread_mutex_unlock(&t->mu);
		seal_tick(t, false);
		pthread_mutex_lock(&t->mu);
		/* Behind (a slow disk): the next tick a full interval from now. */
		{
			struct timespec now;
			clock_gettime(CLOCK_MONOTONIC, &now);
			if (now.tv_sec > until.tv_sec)
				until = now;
		}
	}
	pthread_mutex_unlock(&t->mu);
	seal_tick(t, true);
	return NULL;
}

/* Compare the file's last checkpoint with the log, so an operator learns
 * at start, not at the next check, that the log was cut or rewritten. */
static void check_last(struct seal_thread *t)
{
	struct seal_checkpoint c;
	char hash[65], at[32];
	enum err e = last_checkpoint(t->path, &t->key, &c);

	if (e == ERR_NOT_FOUND)
		return;
	if (e) {
		log_error("audit: the last line of %s is not a checkpoint signed by key %s: run `majakka check`",
			  t->path, t->key.id);
		return;
	}
	t->sealed_seq = c.seq;
	memcpy(t->sealed_hash, c.hash, sizeof(t->sealed_hash));
	if (c.seq == 0) {
		e = ERR_OK;
		memcpy(hash, AUDIT_GENESIS, sizeof(hash));
	} else {
		e = audit_row_at(t->db, c.seq, hash, at);
	}
	if (e == ERR_NOT_FOUND)
		log_error("audit: the last checkpoint (%s) seals access-log row %" PRId64 ", which is gone:"
			  " the log was cut; run `majakka check`", c.at, c.seq);
	else if (!e && strcmp(hash, c.hash))
		log_error("audit: access-log row %" PRId64 " differs from the last checkpoint (%s): the log was"
			  " rewritten; run `majakka check`", c.seq, c.at);
}

enum err seal_thread_start(struct seal_thread **out, const char *db_path, const struct seal_key *k,
			   const char *path, bool to_syslog, int interval_s)
{
	struct seal_thread *t = calloc(1, sizeof(*t));
	pthread_condattr_t ca;
	enum err e;

	*out = NULL;
	if (!t)
		return ERR_NOMEM;
	if (!k->secret || interval_s < 1 || str_lcpy(t->path, path, sizeof(t->path)) >= sizeof(t->path)) {
		free(t);
		return ERR_INVALID;
	}
	/* Read-write though it only reads: it closes last, after the writer,
	 * and only a connection that may write folds the WAL back into the
	 * database file and removes it, as the writer's close did before. */
	e = db_open(&t->db, db_path, DB_READWRITE);
	if (e) {
		free(t);
		return e;
	}
	t->key = *k;
	t->to_syslog = to_syslog;
	t->interval_s = interval_s;
	t->sealed_seq = -1;
	check_last(t);
	pthread_mutex_init(&t->mu, NULL);
	pthread_condattr_init(&ca);
	pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
	pthread_cond_init(&t->wake, &ca);
	pthread_condattr_destroy(&ca);
	if (pthread_create(&t->thread, NULL, seal_main, t)) {
		pthread_mutex_destroy(&t->mu);
		pthread_cond_destroy(&t->wake);
		db_close(t->db);
		seal_key_clear(&t->key);
		free(t);
		return ERR_NOMEM;
	}
	*out = t;
	return ERR_OK;
}

void seal_thread_stop(struct seal_thread *t)
{
	if (!t)
		return;
	pthread_mutex_lock(&t->mu);
	t->stopping = true;
	pthread_cond_signal(&t->wake);
	pthread_mutex_unlock(&t->mu);
	pthread_join(t->thread, NULL);
	pthread_mutex_destroy(&t->mu);
	pthread_cond_destroy(&t->wake);
	db_close(t->db);
	seal_key_clear(&t->key);
	free(t);
}

/* ---- check ------------------------------------------------------------------ */

struct check_state {
	struct db *db;
	const char *path;
	const struct seal_key *pub;
	struct audit_report *r;
	struct seal_summary *s;
	int64_t lineno;
	int64_t last_match;          /* seq of the last checkpoint that matched */
};

static enum err check_line(struct check_state *cs, const char *line, size_t len)
{
	struct seal_summary *s = cs->s;
	struct seal_checkpoint c;
	char hash[65], at[32];
	int64_t after;
	enum err e;

	s->lines++;
	switch (seal_line_read(line, len, cs->pub, &c)) {
	case SEAL_LINE_MALFORMED:
		audit_found(cs->r, AUDIT_MALFORMED, "MALFORMED checkpoint at %s line %" PRId64 ": not a"
			    " checkpoint line", cs->path, cs->lineno);
		return ERR_OK;
	case SEAL_LINE_OTHER_KEY:
		if (cs->pub)
			audit_found(cs->r, AUDIT_SIGNATURE, "BAD SIGNATURE at %s line %" PRId64 " (seals row %"
				    PRId64 "): it names key %s, the public key given is %s", cs->path, cs->lineno,
				    c.seq, c.key_id, cs->pub->id);
		else
			audit_found(cs->r, AUDIT_SIGNATURE, "BAD SIGNATURE at %s line %" PRId64 ": no public key"
				    " to verify it with", cs->path, cs->lineno);
		return ERR_OK;
	case SEAL_LINE_BAD_SIGNATURE:
		audit_found(cs->r, AUDIT_SIGNATURE, "BAD SIGNATURE at %s line %" PRId64 " (seals row %" PRId64
			    "): the line was altered or not signed by key %s", cs->path, cs->lineno, c.seq,
			    cs->pub->id);
		return ERR_OK;
	case SEAL_LINE_OK:
		break;
	}
	s->verified++;
	after = cs->last_match < c.seq ? cs->last_match : 0;
	if (c.seq == 0) {
		e = ERR_OK;
		memcpy(hash, AUDIT_GENESIS, sizeof(hash));
		memcpy(at, c.at, sizeof(c.at));
	} else if (c.seq > s->last_id) {
		audit_found(cs->r, AUDIT_TRUNCATED, "TRUNCATED: %s line %" PRId64 " (%s) seals row %" PRId64
			    ", but the log ends at row %" PRId64 ": rows %" PRId64 "-%" PRId64 " are gone", cs->path,
			    cs->lineno, c.at, c.seq, s->last_id, s->last_id + 1, c.seq);
		return ERR_OK;
	} else {
		e = audit_row_at(cs->db, c.seq, hash, at);
	}
	if (e == ERR_NOT_FOUND) {
		audit_found(cs->r, AUDIT_GAP, "GAP: %s line %" PRId64 " (%s) seals row %" PRId64 ", which is"
			    " missing", cs->path, cs->lineno, c.at, c.seq);
		return ERR_OK;
	}
	if (e)
		return e;
	if (strcmp(hash, c.hash) != 0) {
		/* A row sealed at c.at was written before it: a later one has
		 * taken the id of a row that was cut off. */
		if (strcmp(at, c.at) > 0)
			audit_found(cs->r, AUDIT_TRUNCATED, "TRUNCATED: %s line %" PRId64 " (%s) seals row %"
				    PRId64 " with hash %.16s..., but row %" PRId64 " was written later (%s): the"
				    " rows after row %" PRId64 " were cut off and new rows took their ids",
				    cs->path, cs->lineno, c.at, c.seq, c.hash, c.seq, at, after);
		else
			audit_found(cs->r, AUDIT_REWRITTEN, "REWRITTEN: %s line %" PRId64 " (%s) seals row %"
				    PRId64 " with hash %.16s..., the log has %.16s... there: a row in %" PRId64
				    "-%" PRId64 " was changed and the chain recomputed after it", cs->path,
				    cs->lineno, c.at, c.seq, c.hash, hash, after + 1, c.seq);
		return ERR_OK;
	}
	cs->last_match = c.seq;
	if (c.seq >= s->sealed_seq) {
		s->sealed_seq = c.seq;
		memcpy(s->sealed_at, c.at, sizeof(s->sealed_at));
	}
	return ERR_OK;
}

/* Read the first size bytes of f line by line. */
static enum err check_file(struct check_state *cs, FILE *f, off_t size)
{
	char line[SEAL_LINE_MAX + 2];
	size_t len = 0;
	bool too_long = false;
	enum err e = ERR_OK;
	off_t pos = 0;
	int ch;

	while (!e && pos < size && (ch = getc(f)) != EOF) {
		pos++;
		if (ch != '\n') {
			if (len < sizeof(line) - 1)
				line[len++] = (char)ch;
			else
				too_long = true;
			continue;
		}
		cs->lineno++;
		if (too_long)
			audit_found(cs->r, AUDIT_MALFORMED, "MALFORMED checkpoint at %s line %" PRId64 ": too long",
				    cs->path, cs->lineno);
		else
			e = check_line(cs, line, len);
		len = 0;
		too_long = false;
	}
	if (!e && ferror(f))
		e = ERR_IO;
	if (len || too_long)
		cs->s->torn = true;
	return e;
}

enum err seal_check(struct db *db, const char *path, const struct seal_key *pub, struct audit_report *r,
		    struct seal_summary *s)
{
	struct check_state cs = { .db = db, .path = path, .pub = pub, .r = r, .s = s };
	struct stat st;
	char hash[65];
	int64_t head;
	enum err e;
	FILE *f;

	memset(s, 0, sizeof(*s));
	s->sealed_seq = -1;
	/* The file's size first, then the snapshot: every checkpoint within
	 * that size was written after the rows it seals were committed. */
	f = fopen(path, "re");
	if (!f && errno != ENOENT)
		return ERR_IO;
	if (f && fstat(fileno(f), &st)) {
		fclose(f);
		return ERR_IO;
	}
	s->no_file = !f;
	e = db_begin_read(db);
	if (!e)
		e = audit_head(db, &head, hash);
	if (!e)
		e = audit_check_triggers(db, r);
	if (!e)
		e = audit_check_index(db, r);
	if (!e)
		e = audit_check_chain(db, r, &s->rows, &s->last_id);
	if (!e && f)
		e = check_file(&cs, f, st.st_size);
	db_end_read(db);
	if (f)
		fclose(f);
	if (!e && s->rows > 0 && s->verified == 0 && s->lines == 0)
		audit_found(r, AUDIT_UNSEALED, "UNSEALED: %s %s: no checkpoint seals any of the %" PRId64
			    " rows", path, s->no_file ? "does not exist" : "is empty", s->rows);
	return e;
}

/*
 * export.c - signed JSON-lines exports of the access log (see export.h).
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <jansson.h>
#include <sodium.h>
#include "audit/audit.h"
#include "audit/export.h"
#include "audit/seal.h"
#include "core/buf.h"
#include "core/clock.h"
#include "core/str.h"
#include "core/workday.h"
#include "db/db.h"

#define FORMAT 1
#define TRAILER "majakka-audit-export v1"
#define LINE_MAX_BYTES (64 * 1024)

/* The UTC time at which the local day d begins. */
static void day_start(struct date d, char out[21])
{
	struct tm tm = { .tm_year = d.y - 1900, .tm_mon = d.m - 1, .tm_mday = d.d, .tm_isdst = -1 };
	clock_iso((int64_t)mktime(&tm), out);
}

static json_t *id_or_null(int64_t v)
{
	return v ? json_integer(v) : json_null();
}

struct writer_state {
	FILE *out;
	crypto_generichash_state h;
	int64_t rows;
	char *msg;
	size_t n;
};

/* Write v as one line (and take it: v is released), counting it into the
 * digest. */
static enum err emit(struct writer_state *w, json_t *v, bool digest)
{
	char *text;
	size_t len;
	enum err e = ERR_OK;

	if (!v) {
		snprintf(w->msg, w->n, "a row has text that is not UTF-8");
		return ERR_INVALID;
	}
	text = json_dumps(v, JSON_COMPACT);
	json_decref(v);
	if (!text)
		return ERR_NOMEM;
	len = strlen(text);
	text[len] = '\n';  /* json_dumps' NUL: the line is written by length */
	if (digest)
		crypto_generichash_update(&w->h, (const unsigned char *)text, len + 1);
	if (fwrite(text, 1, len + 1, w->out) != len + 1) {
		snprintf(w->msg, w->n, "cannot write the export");
		e = ERR_IO;
	}
	free(text);
	return e;
}

static enum err export_row(void *ctx, const struct audit_row *r)
{
	struct writer_state *w = ctx;
	json_t *v = json_pack("{s:I, s:s, s:o, s:s, s:s, s:s, s:s, s:o, s:o, s:o, s:s, s:s, s:s, s:s, s:s, s:s}",
			      "id", (json_int_t)r->id, "at", r->at, "account_id", id_or_null(r->account_id),
			      "username", r->username, "role", r->role, "action", r->action,
			      "object_type", r->object_type, "object_id", id_or_null(r->object_id),
			      "person_id", id_or_null(r->person_id), "case_id", id_or_null(r->case_id),
			      "basis", r->basis, "reason", r->reason, "outcome", r->outcome, "ip", r->ip,
			      "prev_hash", r->prev_hash, "hash", r->hash);
	w->rows++;
	return emit(w, v, true);
}

/* The signed text of a trailer. */
static void trailer_text(int64_t rows, const char *digest, char *out, size_t n)
{
	snprintf(out, n, TRAILER " rows=%" PRId64 " digest=%s", rows, digest);
}

enum err export_write(struct db *db, const struct seal_key *k, FILE *out, const char *from, const char *to,
		      struct export_summary *s, char *msg, size_t n)
{
	struct writer_state w = { .out = out, .msg = msg, .n = n };
	struct date df, dt;
	char from_at[21], to_at[21], prev[65], at[32], text[256];
	unsigned char digest[32], sig[crypto_sign_BYTES];
	char digest_hex[65], sig_hex[2 * crypto_sign_BYTES + 1];
	struct db_stmt *st;
	bool row, snap = false;
	json_t *v;
	enum err e;

	memset(s, 0, sizeof(*s));
	if (!k->secret) {
		snprintf(msg, n, "a secret key is needed to sign an export");
		return ERR_INVALID;
	}
	if (date_parse(from, &df) || date_parse(to, &dt) || date_cmp(df, dt) > 0) {
		snprintf(msg, n, "--from and --to must be dates YYYY-MM-DD, --from not after --to");
		return ERR_INVALID;
	}
	day_start(df, from_at);
	day_start(date_add_days(dt, 1), to_at);
	str_lcpy(s->from, from, sizeof(s->from));
	str_lcpy(s->to, to, sizeof(s->to));
	str_lcpy(s->key_id, k->id, sizeof(s->key_id));
	clock_iso(clock_now(), s->created);

	e = db_begin_read(db);
	snap = !e;
	if (!e)
		e = audit_head(db, &s->head_seq, s->head_hash);
	/* The first row written at or after from_at, the last before to_at:
	 * every row between them goes out, so the rows are one piece of the
	 * chain even if the clock once stepped back. */
	if (!e)
		e = db_prepare(db, "SELECT coalesce(min(id), 0), coalesce(max(id), 0) FROM access_log"
				   " WHERE at >= ? AND at < ?", &st);
	if (!e) {
		db_bind_text(st, 1, from_at);
		db_bind_text(st, 2, to_at);
		e = db_step(st, &row);
		if (!e && row) {
			s->first_id = db_col_int(st, 0);
			s->last_id = db_col_int(st, 1);
		}
		db_done(st);
	}
	memcpy(prev, AUDIT_GENESIS, sizeof(prev));
	if (!e && s->first_id > 1)
		e = audit_row_at(db, s->first_id - 1, prev, at);
	if (e) {
		if (!*msg)
			snprintf(msg, n, "cannot read the access log (%s)", err_code(e));
		goto out;
	}

	crypto_generichash_init(&w.h, NULL, 0, sizeof(digest));
	v = json_pack("{s:i, s:s, s:s, s:s, s:s, s:o, s:o, s:o, s:{s:I, s:s}, s:s, s:s}",
		      "majakka_audit_export", FORMAT, "from", from, "to", to, "from_at", from_at, "to_at", to_at,
		      "first_id", id_or_null(s->first_id), "last_id", id_or_null(s->last_id),
		      "prev_hash", s->first_id ? json_string(prev) : json_null(),
		      "head", "seq", (json_int_t)s->head_seq, "hash", s->head_hash,
		      "created", s->created, "key", k->id);
	e = emit(&w, v, true);
	if (!e && s->first_id)
		e = audit_each(db, s->first_id, s->last_id, export_row, &w);
	if (e) {
		if (!*msg)
			snprintf(msg, n, "cannot read the access log (%s)", err_code(e));
		goto out;
	}
	s->rows = w.rows;
	crypto_generichash_final(&w.h, digest, sizeof(digest));
	str_hex(digest, sizeof(digest), digest_hex);
	trailer_text(w.rows, digest_hex, text, sizeof(text));
	crypto_sign_detached(sig, NULL, (const unsigned char *)text, strlen(text), k->sk);
	str_hex(sig, sizeof(sig), sig_hex);
	v = json_pack("{s:s, s:I, s:s, s:s, s:s}", "trailer", TRAILER, "rows", (json_int_t)w.rows,
		      "digest", digest_hex, "key", k->id, "sig", sig_hex);
	e = emit(&w, v, false);
	if (!e && fflush(out)) {
		snprintf(msg, n, "cannot write the export");
		e = ERR_IO;
	}
out:
	if (snap)
		db_end_read(db);
	return e;
}

/* ---- verify ------------------------------------------------------------------ */

/* One line of in into b, without its newline; *nl false at a last line
 * that has none.  ERR_NOT_FOUND at the end. */
static enum err read_line(FILE *in, struct buf *b, bool *nl)
{
	int ch;

	buf_reset(b);
	*nl = false;
	while ((ch = getc(in)) != EOF) {
		if (ch == '\n') {
			*nl = true;
			return ERR_OK;
		}
		if (buf_appendc(b, (char)ch))
			return ERR_TOO_LARGE;
	}
	if (ferror(in))
		return ERR_IO;
	return b->len ? ERR_OK : ERR_NOT_FOUND;
}

static bool is_hash(const char *s)
{
	if (!s || strlen(s) != 64)
		return false;
	for (int i = 0; i < 64; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
			return false;
	return true;
}

/* An id that may be null (0). */
static bool opt_id(json_t *v, int64_t *out)
{
	if (json_is_null(v)) {
		*out = 0;
		return true;
	}
	if (!json_is_integer(v))
		return false;
	*out = json_integer_value(v);
	return true;
}

struct verify_state {
	const struct seal_key *pub;
	struct export_summary *s;
	int64_t lineno;
	int64_t next_id;
	char prev[65];
	char *msg;
	size_t n;
};

static enum err verify_header(struct verify_state *vs, json_t *v)
{
	json_t *first, *last, *prev;
	json_int_t format, seq;
	const char *from, *to, *from_at, *to_at, *head, *created, *key;
	json_error_t je;

	if (json_unpack_ex(v, &je, JSON_STRICT, "{s:I, s:s, s:s, s:s, s:s, s:o, s:o, s:o, s:{s:I, s:s}, s:s, s:s}",
			   "majakka_audit_export", &format, "from", &from, "to", &to, "from_at", &from_at,
			   "to_at", &to_at, "first_id", &first, "last_id", &last, "prev_hash", &prev,
			   "head", "seq", &seq, "hash", &head, "created", &created, "key", &key)) {
		snprintf(vs->msg, vs->n, "line 1: not an access-log export header (%s)", je.text);
		return ERR_INVALID;
	}
	if (format != FORMAT) {
		snprintf(vs->msg, vs->n, "line 1: export format %lld, this program reads %d", (long long)format, FORMAT);
		return ERR_INVALID;
	}
	if (!opt_id(first, &vs->s->first_id) || !opt_id(last, &vs->s->last_id) || vs->s->first_id < 0 ||
	    vs->s->last_id < vs->s->first_id || (vs->s->first_id == 0) != (vs->s->last_id == 0) ||
	    (vs->s->first_id ? !is_hash(json_string_value(prev)) : !json_is_null(prev)) || !is_hash(head) ||
	    seq < vs->s->last_id) {
		snprintf(vs->msg, vs->n, "line 1: the header's range, prev_hash or head is not consistent");
		return ERR_INVALID;
	}
	vs->s->head_seq = seq;
	str_lcpy(vs->s->head_hash, head, sizeof(vs->s->head_hash));
	str_lcpy(vs->s->from, from, sizeof(vs->s->from));
	str_lcpy(vs->s->to, to, sizeof(vs->s->to));
	str_lcpy(vs->s->created, created, sizeof(vs->s->created));
	str_lcpy(vs->s->key_id, key, sizeof(vs->s->key_id));
	vs->next_id = vs->s->first_id;
	if (vs->s->first_id)
		str_lcpy(vs->prev, json_string_value(prev), sizeof(vs->prev));
	return ERR_OK;
}

static enum err verify_row(struct verify_state *vs, json_t *v)
{
	struct audit_row r;
	json_t *acc, *obj, *per, *cas;
	json_int_t id;
	json_error_t je;
	char hash[65];

	if (json_unpack_ex(v, &je, JSON_STRICT,
			   "{s:I, s:s, s:o, s:s, s:s, s:s, s:s, s:o, s:o, s:o, s:s, s:s, s:s, s:s, s:s, s:s}",
			   "id", &id, "at", &r.at, "account_id", &acc, "username", &r.username, "role", &r.role,
			   "action", &r.action, "object_type", &r.object_type, "object_id", &obj,
			   "person_id", &per, "case_id", &cas, "basis", &r.basis, "reason", &r.reason,
			   "outcome", &r.outcome, "ip", &r.ip, "prev_hash", &r.prev_hash, "hash", &r.hash) ||
	    !opt_id(acc, &r.account_id) || !opt_id(obj, &r.object_id) || !opt_id(per, &r.person_id) ||
	    !opt_id(cas, &r.case_id)) {
		snprintf(vs->msg, vs->n, "line %" PRId64 ": not an access-log row (%s)", vs->lineno, je.text);
		return ERR_INVALID;
	}
	r.id = id;
	if (!vs->next_id || r.id > vs->s->last_id) {
		snprintf(vs->msg, vs->n, "line %" PRId64 ": row %" PRId64 " is outside the header's range", vs->lineno,
			 r.id);
		return ERR_INVALID;
	}
	if (r.id != vs->next_id) {
		snprintf(vs->msg, vs->n, "line %" PRId64 ": row %" PRId64 " where row %" PRId64 " should be",
			 vs->lineno, r.id, vs->next_id);
		return ERR_INVALID;
	}
	if (strcmp(r.prev_hash, vs->prev) != 0) {
		snprintf(vs->msg, vs->n, "line %" PRId64 ": row %" PRId64 " does not link to the row before it",
			 vs->lineno, r.id);
		return ERR_INVALID;
	}
	if (audit_row_hash(&r, r.prev_hash, hash) || strcmp(hash, r.hash) != 0) {
		snprintf(vs->msg, vs->n, "line %" PRId64 ": row %" PRId64 " does not match its hash (the row was"
			 " changed)", vs->lineno, r.id);
		return ERR_INVALID;
	}
	str_lcpy(vs->prev, r.hash, sizeof(vs->prev));
	vs->next_id++;
	vs->s->rows++;
	return ERR_OK;
}

static enum err verify_trailer(struct verify_state *vs, json_t *v, const char *digest_hex)
{
	const char *tag, *digest, *key, *sig_hex;
	unsigned char sig[crypto_sign_BYTES];
	json_int_t rows;
	json_error_t je;
	char text[256];

	if (json_unpack_ex(v, &je, JSON_STRICT, "{s:s, s:I, s:s, s:s, s:s}", "trailer", &tag, "rows", &rows,
			   "digest", &digest, "key", &key, "sig", &sig_hex) || strcmp(tag, TRAILER) != 0) {
		snprintf(vs->msg, vs->n, "line %" PRId64 ": not an export trailer (%s)", vs->lineno, je.text);
		return ERR_INVALID;
	}
	if (strcmp(key, vs->pub->id) != 0) {
		snprintf(vs->msg, vs->n, "line %" PRId64 ": signed by key %s, not by the public key given (%s)",
			 vs->lineno, key, vs->pub->id);
		return ERR_INVALID;
	}
	trailer_text(vs->s->rows, digest_hex, text, sizeof(text));
	if (str_unhex(sig_hex, sig, sizeof(sig)) ||
	    crypto_sign_verify_detached(sig, (const unsigned char *)text, strlen(text), vs->pub->pk)) {
		snprintf(vs->msg, vs->n, "line %" PRId64 ": the signature does not verify: the file was changed"
			 " after it was signed", vs->lineno);
		return ERR_INVALID;
	}
	/* Signed, so what the header says is what the exporter said. */
	if (rows != vs->s->rows || strcmp(digest, digest_hex) != 0) {
		snprintf(vs->msg, vs->n, "line %" PRId64 ": the trailer's rows or digest differ from the file's",
			 vs->lineno);
		return ERR_INVALID;
	}
	if (vs->s->first_id && vs->next_id != vs->s->last_id + 1) {
		snprintf(vs->msg, vs->n, "rows %" PRId64 "-%" PRId64 " of the header's range are missing", vs->next_id,
			 vs->s->last_id);
		return ERR_INVALID;
	}
	if (vs->s->last_id && vs->s->last_id == vs->s->head_seq && strcmp(vs->prev, vs->s->head_hash) != 0) {
		snprintf(vs->msg, vs->n, "the last row is the chain's head, but its hash is not the head's");
		return ERR_INVALID;
	}
	return ERR_OK;
}

enum err export_verify(FILE *in, const struct seal_key *pub, struct export_summary *s, char *msg, size_t n)
{
	struct verify_state vs = { .pub = pub, .s = s, .msg = msg, .n = n };
	crypto_generichash_state h;
	unsigned char digest[32];
	char digest_hex[65] = "";
	struct buf b;
	bool nl, done = false;
	json_error_t je;
	json_t *v;
	enum err e;

	memset(s, 0, sizeof(*s));
	*msg = 0;
	buf_init(&b, LINE_MAX_BYTES);
	crypto_generichash_init(&h, NULL, 0, sizeof(digest));
	while (!(e = read_line(in, &b, &nl))) {
		vs.lineno++;
		if (done) {
			snprintf(msg, n, "line %" PRId64 ": more after the trailer", vs.lineno);
			e = ERR_INVALID;
			break;
		}
		if (!nl) {
			snprintf(msg, n, "line %" PRId64 ": the file ends in the middle of a line", vs.lineno);
			e = ERR_INVALID;
			break;
		}
		v = json_loadb(b.data ? b.data : "", b.len, JSON_REJECT_DUPLICATES, &je);
		if (!v || !json_is_object(v)) {
			snprintf(msg, n, "line %" PRId64 ": not a JSON object (%s)", vs.lineno, v ? "" : je.text);
			json_decref(v);
			e = ERR_INVALID;
			break;
		}
		if (vs.lineno == 1) {
			e = verify_header(&vs, v);
		} else if (json_object_get(v, "trailer")) {
			crypto_generichash_final(&h, digest, sizeof(digest));
			str_hex(digest, sizeof(digest), digest_hex);
			e = verify_trailer(&vs, v, digest_hex);
			done = true;
		} else {
			e = verify_row(&vs, v);
		}
		json_decref(v);
		if (e)
			break;
		if (!done) {
			crypto_generichash_update(&h, (const unsigned char *)buf_str(&b), b.len);
			crypto_generichash_update(&h, (const unsigned char *)"\n", 1);
		}
	}
	if (e == ERR_TOO_LARGE)
		snprintf(msg, n, "line %" PRId64 ": longer than %d bytes", vs.lineno + 1, LINE_MAX_BYTES);
	else if (e == ERR_IO)
		snprintf(msg, n, "cannot read the file");
	else if (e == ERR_NOT_FOUND)
		e = ERR_OK;
	if (!e && !done) {
		snprintf(msg, n, vs.lineno ? "no signed trailer: the file was cut short" : "the file is empty");
		e = ERR_INVALID;
	}
	buf_release(&b);
	return e;
}

/*
 * test_toolbox.c - the toolbox, part 2, on a real demo database: what the
 * helping map's history says changed, the Three Houses' rules (some words,
 * a day that has been, the child's agreement deciding what a partner and the
 * family see), hypotheses as versions that keep their questions, and the
 * door refusing (and logging as denied) the tools a partner's fields do not
 * open.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>
#include "core/buf.h"
#include "core/str.h"
#include "db/db.h"
#include "db/migrate.h"
#include "model/access.h"
#include "model/account.h"
#include "model/demo.h"
#include "model/helpingmap.h"
#include "model/hypothesis.h"
#include "model/threehouses.h"
#include "model/tooldoor.h"

static char dir[64];
static char path[128];
static struct db *db;

static int setup(void **state)
{
	int applied;
	(void)state;
	str_lcpy(dir, "/tmp/majakka-toolbox-XXXXXX", sizeof(dir));
	if (!mkdtemp(dir))
		return -1;
	snprintf(path, sizeof(path), "%s/t.db", dir);
	if (db_open(&db, path, DB_CREATE) || migrate_up(db, &applied) || demo_create(db, "x"))
		return -1;
	return 0;
}

static int teardown(void **state)
{
	char p[160];
	(void)state;
	db_close(db);
	unlink(path);
	snprintf(p, sizeof(p), "%s-wal", path);
	unlink(p);
	snprintf(p, sizeof(p), "%s-shm", path);
	unlink(p);
	rmdir(dir);
	return 0;
}

/* sql must be a literal (db_prepare caches by address); ?1 = arg. */
static int64_t one_int(const char *sql, int64_t arg)
{
	struct db_stmt *st;
	bool row = false;
	int64_t v = -1;
	if (db_prepare(db, sql, &st))
		return -1;
	db_bind_int(st, 1, arg);
	if (!db_step(st, &row) && row)
		v = db_col_int(st, 0);
	db_done(st);
	return v;
}

/* The n-th (0-based) of the demo's five families: MAJAKKA's cases 2-6. */
static int64_t family_case(int n)
{
	return one_int("SELECT c.id FROM child_case c JOIN team t ON t.id = c.team_id"
		       " WHERE t.name = 'MAJAKKA' ORDER BY c.id LIMIT 1 OFFSET ?1", n + 1);
}

/* ---- the helping map's diff ---------------------------------------------- */

struct diff_acc {
	struct buf out;
};

static void diff_cb(void *ctx, bool added, const char *line, size_t len)
{
	struct diff_acc *d = ctx;
	buf_appendf(&d->out, "%c%.*s|", added ? '+' : '-', (int)len, line);
}

static const char *diff(struct diff_acc *d, const char *a, const char *b)
{
	buf_reset(&d->out);
	helpingmap_diff(a, b, diff_cb, d);
	return buf_str(&d->out);
}

static void test_diff(void **state)
{
	struct diff_acc d;
	(void)state;
	buf_init(&d.out, 4096);
	assert_string_equal(diff(&d, "a\nb\n", "a\nb\n"), "");
	assert_string_equal(diff(&d, "a\nb", "a\nc\nb"), "+c|");
	assert_string_equal(diff(&d, "a\nb\nc", "a\nc"), "-b|");
	assert_string_equal(diff(&d, "Perhetyö\n", "Perhetyö kerran viikossa\n"),
			    "+Perhetyö kerran viikossa|-Perhetyö|");
	/* Spaces at either end and blank lines are no change. */
	assert_string_equal(diff(&d, "  a \n\n\tb", "a\nb\n\n\n"), "");
	assert_string_equal(diff(&d, NULL, "x"), "+x|");
	assert_string_equal(diff(&d, "x", ""), "-x|");
	buf_release(&d.out);
}

/* ---- Three Houses ---------------------------------------------------------- */

static void test_houses_rules(void **state)
{
	struct field_error fe = { 0 };
	struct threehouses_new t = { .case_id = family_case(0), .author_id = 1, .worries = " \n", .dreams = "" };
	int version = 0;
	(void)state;
	assert_int_equal(threehouses_save(db, &t, &version, &fe), ERR_INVALID);
	assert_string_equal(fe.field, "worries");
	assert_string_equal(fe.reason, "tools2_houses_empty");
	t.dreams = "Koira";
	t.recorded_on = "2099-01-01";
	assert_int_equal(threehouses_save(db, &t, &version, &fe), ERR_INVALID);
	assert_string_equal(fe.field, "recorded_on");
	assert_string_equal(fe.reason, "future");
	t.recorded_on = "2026-02-30";
	assert_int_equal(threehouses_save(db, &t, &version, &fe), ERR_INVALID);
	assert_string_equal(fe.reason, "invalid_date");
}

struct seen {
	int n;
	int first_version;
	char first_dreams[200];
};

static void seen_cb(void *ctx, const struct threehouses_row *r)
{
	struct seen *s = ctx;
	if (!s->n++) {
		s->first_version = r->version;
		str_lcpy(s->first_dreams, r->dreams, sizeof(s->first_dreams));
	}
}

static void test_houses_agreement(void **state)
{
	int64_t c = family_case(2);
	struct threehouses_new t = { .case_id = c, .author_id = 1, .dreams = "Salainen unelma",
				     .share_parents = false, .share_partners = false };
	struct field_error fe = { 0 };
	struct seen all = { 0 }, partners = { 0 }, parents = { 0 }, fam = { 0 }, none = { 0 };
	bool found = true;
	int version = 0;
	(void)state;
	assert_int_equal(threehouses_save(db, &t, &version, &fe), ERR_OK);
	assert_int_equal(version, 2);
	assert_int_equal(threehouses_list(db, c, THREEHOUSES_ALL, seen_cb, &all), ERR_OK);
	assert_int_equal(all.n, 2);
	assert_string_equal(all.first_dreams, "Salainen unelma");
	/* The demo's version 1 was agreed to be shown to both. */
	assert_int_equal(threehouses_list(db, c, THREEHOUSES_PARTNERS, seen_cb, &partners), ERR_OK);
	assert_int_equal(partners.n, 1);
	assert_int_equal(partners.first_version, 1);
	assert_int_equal(threehouses_list(db, c, THREEHOUSES_PARENTS, seen_cb, &parents), ERR_OK);
	assert_int_equal(parents.first_version, 1);
	assert_int_equal(threehouses_visible_to_family(db, c, seen_cb, &fam, &found), ERR_OK);
	assert_true(found);
	assert_int_equal(fam.first_version, 1);
	/* The child who agreed to show them to nobody. */
	assert_int_equal(threehouses_visible_to_family(db, family_case(4), seen_cb, &none, &found), ERR_OK);
	assert_false(found);
	assert_int_equal(none.n, 0);
}

/* ---- hypotheses -------------------------------------------------------------- */

struct hyp_seen {
	int64_t id;
	int versions, rows;
	char status[12];
	char learned[200];
};

static void hyp_cb(void *ctx, const struct hypothesis_row *r)
{
	struct hyp_seen *h = ctx;
	if (r->id != h->id)
		return;
	h->rows++;
	if (r->version == r->versions) {
		h->versions = r->versions;
		str_lcpy(h->status, r->status, sizeof(h->status));
		str_lcpy(h->learned, r->learned, sizeof(h->learned));
	}
}

static void test_hypothesis_versions(void **state)
{
	int64_t c = family_case(1), q[2] = { 1, 3 }, id = 0, county = one_int("SELECT id FROM county WHERE ?1 LIMIT 1", 1);
	struct hypothesis_new h = { .case_id = c, .origin = "team", .text = "Hypoteesi", .questions = q,
				    .nquestions = 2, .county_id = county, .author_id = 1 };
	struct hypothesis_change ch = { .status = "explored", .learned = "Opittiin", .county_id = county, .author_id = 1 };
	struct field_error fe = { 0 };
	struct hyp_seen seen = { 0 };
	int version = 0;
	(void)state;
	h.origin = "kitchen";
	assert_int_equal(hypothesis_add(db, &h, &id, &fe), ERR_INVALID);
	assert_string_equal(fe.field, "origin");
	h.origin = "team";
	q[1] = 1;
	assert_int_equal(hypothesis_add(db, &h, &id, &fe), ERR_INVALID);
	assert_string_equal(fe.reason, "tools2_duplicate");
	q[1] = 3;
	assert_int_equal(hypothesis_add(db, &h, &id, &fe), ERR_OK);
	assert_int_equal(hypothesis_update(db, id, c, &ch, &version, &fe), ERR_OK);
	assert_int_equal(version, 2);
	/* Questions not named stay as they were, on the new version too. */
	assert_int_equal(one_int("SELECT count(*) FROM hypothesis_question hq JOIN hypothesis_version v"
				 " ON v.id = hq.version_id WHERE v.hypothesis_id = ?1 AND v.version = 2", id), 2);
	seen.id = id;
	seen.rows = 0;
	assert_int_equal(hypothesis_list(db, c, hyp_cb, &seen), ERR_OK);
	assert_int_equal(seen.rows, 2);
	assert_int_equal(seen.versions, 2);
	assert_string_equal(seen.status, "explored");
	assert_string_equal(seen.learned, "Opittiin");
	/* Another case's hypothesis is not found through this case. */
	ch.status = "open";
	assert_int_equal(hypothesis_update(db, id, family_case(3), &ch, &version, &fe), ERR_NOT_FOUND);
	ch.status = "lost";
	assert_int_equal(hypothesis_update(db, id, c, &ch, &version, &fe), ERR_INVALID);
	assert_string_equal(fe.field, "status");
}

/* ---- the door ------------------------------------------------------------------- */

static void test_door(void **state)
{
	struct principal p;
	struct access_ctx ax;
	struct access_answer ans;
	enum threehouses_filter f;
	int64_t katja = one_int("SELECT id FROM account WHERE username = 'katja' AND ?1", 1);
	int64_t child = one_int("SELECT child_id FROM child_case WHERE id = ?1", family_case(0));
	struct objref o = { OBJ_CHILD, child };
	(void)state;
	assert_int_equal(account_load_principal(db, katja, &p), ERR_OK);
	access_ctx_init(&ax, &p, "127.0.0.1");
	assert_int_equal(tooldoor_open(&ax, db, o, TOOL_THREE_HOUSES, false, "read", &ans, &f), ERR_OK);
	assert_int_equal(f, THREEHOUSES_PARTNERS);
	assert_string_equal(ax.log[ax.nlog - 1].outcome, "allowed");
	assert_int_equal(tooldoor_open(&ax, db, o, TOOL_HELPING_MAP, false, "read", &ans, &f), ERR_DENIED);
	assert_string_equal(ans.d.why, "field_not_permitted");
	assert_string_equal(ax.log[ax.nlog - 1].outcome, "denied");
	assert_string_equal(ax.log[ax.nlog - 1].reason, "field_not_permitted");
	assert_int_equal(tooldoor_open(&ax, db, o, TOOL_THREE_HOUSES, true, "create", &ans, &f), ERR_DENIED);
	/* Three decisions, each logged (the read of the houses may add a
	 * disclosure entry beside its own when a consent opened more). */
	assert_string_equal(ax.log[ax.nlog - 1].action, "create");
	assert_string_equal(ax.log[ax.nlog - 1].outcome, "denied");
	assert_true(ax.nlog >= 3);
	access_ctx_release(&ax);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_diff),
		cmocka_unit_test(test_houses_rules),
		cmocka_unit_test(test_houses_agreement),
		cmocka_unit_test(test_hypothesis_versions),
		cmocka_unit_test(test_door),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}

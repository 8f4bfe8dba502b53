/*
 * lights.c - the team's traffic-light board (liikennevalot): the rounds, a
 * round with its rating form per child, and the board (a picture first:
 * the children in columns by colour and the rounds as server-drawn bars;
 * the numbers second: counts per colour, who moved since the round before,
 * who is not rated yet).  Each child's current light on the child page and
 * in "my work" (lights_child_model, lights_work_model).
 *
 * Access: the team's rounds are decided with access_team (ACT_CLIENT_LIST
 * to look, ACT_CLIENT_WRITE to start a round or rate); each child shown is
 * decided and logged as a list row, and shown with its light only when its
 * fields include FIELD_PRACTICE; a rating is a write on the child
 * (access_check, ACT_CLIENT_WRITE) logged with the data.  A manager of the
 * unit sees the counts, not the children; a partner sees nothing.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "api/access.h"
#include "api/children.h"
#include "api/form.h"
#include "api/handlers.h"
#include "api/input.h"
#include "api/lights.h"
#include "api/render.h"
#include "core/buf.h"
#include "core/str.h"
#include "core/workday.h"
#include "model/account.h"
#include "model/childcase.h"
#include "model/lights.h"
#include "model/org.h"
#include "view/jv.h"

/* ---- view pieces ------------------------------------------------------------ */

json_t *lights_badge_json(struct request *req, const char *colour)
{
	char key[32];
	json_t *j = json_object();
	snprintf(key, sizeof(key), "lights.colour.%s", colour);
	jv_set_str(j, "colour", colour);
	jv_set_str(j, "label", render_t(req, key));
	return j;
}

/* The criteria ticked (comma-separated keys) as [{key, label}]. */
static json_t *criteria_json(struct request *req, const char *list)
{
	json_t *arr = json_array();
	char buf[LIGHTS_CRITERIA_MAX + 1], key[LIGHTS_CRITERIA_MAX + 32];
	str_lcpy(buf, list, sizeof(buf));
	for (char *s = buf, *next; s && *s; s = next) {
		next = strchr(s, ',');
		if (next)
			*next++ = '\0';
		snprintf(key, sizeof(key), "lights.criterion.%s", s);
		json_array_append_new(arr, json_pack("{s:s, s:s}", "key", s, "label", render_t(req, key)));
	}
	return arr;
}

static json_t *rating_json(struct request *req, const struct light_rating *r)
{
	json_t *j = lights_badge_json(req, r->colour);
	jv_set_int(j, "rating_id", r->id);
	jv_set_int(j, "round_id", r->round_id);
	jv_set_str(j, "held_on", r->held_on);
	jv_set(j, "criteria", criteria_json(req, r->criteria));
	jv_set_str(j, "note", r->note);
	jv_set_str(j, "rated_by", r->rated_by_name);
	jv_set_str(j, "rated_at", r->rated_at);
	return j;
}

/* ---- the board ----------------------------------------------------------------- */

/* A round's lights by case id (small: one team). */
struct lightmap {
	struct request *req;
	int64_t *case_id;
	json_t **rating;      /* rating_json, owned */
	int *rank;
	size_t n, cap;
	bool nomem;
};

static void lightmap_cb(void *ctx, const struct light_rating *r)
{
	struct lightmap *m = ctx;
	if (m->n == m->cap) {
		size_t cap = m->cap ? m->cap * 2 : 32;
		int64_t *ids = realloc(m->case_id, cap * sizeof(*ids));
		if (ids)
			m->case_id = ids;
		json_t **js = ids ? realloc(m->rating, cap * sizeof(*js)) : NULL;
		if (js)
			m->rating = js;
		int *rk = js ? realloc(m->rank, cap * sizeof(*rk)) : NULL;
		if (!rk) {
			m->nomem = true;
			return;
		}
		m->rank = rk;
		m->cap = cap;
	}
	m->case_id[m->n] = r->case_id;
	m->rank[m->n] = lights_rank(r->colour);
	m->rating[m->n++] = m->req ? rating_json(m->req, r) : NULL;
}

static int lightmap_find(const struct lightmap *m, int64_t case_id)
{
	for (size_t i = 0; i < m->n; i++)
		if (m->case_id[i] == case_id)
			return (int)i;
	return -1;
}

static void lightmap_release(struct lightmap *m)
{
	for (size_t i = 0; i < m->n; i++)
		json_decref(m->rating[i]);
	free(m->case_id);
	free(m->rating);
	free(m->rank);
	memset(m, 0, sizeof(*m));
}

struct board_acc {
	struct request *req;
	struct lightmap *cur, *prev;
	json_t *columns[3], *unrated, *moved, *rows;
	bool rating;          /* the round page: a row (and form) per child */
	bool too_long;
	int counts[3], nunrated, worse, better;
};

static json_t *colour_choices(struct request *req, const char *chosen, const char *ticked)
{
	json_t *arr = json_array();
	char key[96];
	for (int c = 0; lights_colours[c]; c++) {
		const char *const *crit = lights_criteria(lights_colours[c]);
		json_t *col = lights_badge_json(req, lights_colours[c]), *cl = json_array();
		bool same = chosen && !strcmp(chosen, lights_colours[c]);
		jv_set_bool(col, "checked", same);
		for (int i = 0; crit[i]; i++) {
			bool on = false;
			size_t n = strlen(crit[i]);
			for (const char *s = ticked ? strstr(ticked, crit[i]) : NULL; s && !on; s = strstr(s + 1, crit[i]))
				on = (s == ticked || s[-1] == ',') && (s[n] == ',' || s[n] == '\0');
			snprintf(key, sizeof(key), "lights.criterion.%s", crit[i]);
			json_array_append_new(cl, json_pack("{s:s, s:s, s:b}", "key", crit[i], "label", render_t(req, key),
							    "checked", same && on));
		}
		jv_set(col, "criteria", cl);
		json_array_append_new(arr, col);
	}
	return arr;
}

static void board_cb(void *ctx, const struct case_row *c, const struct decision *d)
{
	struct board_acc *b = ctx;
	struct auth_state *a = b->req->auth;
	json_t *child;
	int i, p;

	/* Only a reader who may see the child's practice sees its light. */
	if (b->too_long || !(d->fields & FIELD_PRACTICE))
		return;
	if (access_log_row(&a->ax, c, d)) {
		b->too_long = true;
		return;
	}
	child = json_object();
	jv_set_int(child, "child_id", c->child_id);
	jv_set_int(child, "case_id", c->id);
	jv_set_str(child, "name", c->child_name);
	i = lightmap_find(b->cur, c->id);
	p = b->prev ? lightmap_find(b->prev, c->id) : -1;
	if (i >= 0) {
		jv_set(child, "light", json_incref(b->cur->rating[i]));
		if (p >= 0 && b->prev->rank[p] != b->cur->rank[i]) {
			json_t *mv = json_object();
			bool worse = b->cur->rank[i] > b->prev->rank[p];
			jv_set_int(mv, "child_id", c->child_id);
			jv_set_str(mv, "name", c->child_name);
			jv_set(mv, "from", lights_badge_json(b->req, lights_colours[b->prev->rank[p]]));
			jv_set(mv, "to", lights_badge_json(b->req, lights_colours[b->cur->rank[i]]));
			jv_set_bool(mv, "worse", worse);
			jv_set(child, "moved_from", lights_badge_json(b->req, lights_colours[b->prev->rank[p]]));
			json_array_append_new(b->moved, mv);
			if (worse)
				b->worse++;
			else
				b->better++;
		}
		if (b->cur->rank[i] >= 0 && b->cur->rank[i] < 3) {
			b->counts[b->cur->rank[i]]++;
			json_array_append_new(b->columns[b->cur->rank[i]], json_incref(child));
		}
	} else {
		b->nunrated++;
		json_array_append_new(b->unrated, json_incref(child));
	}
	if (b->rating) {
		/* The round page: the child's form, with its light so far. */
		char prefix[40];
		json_t *form = json_object(), *v = json_object();
		json_t *light = json_object_get(child, "light");
		const char *colour = light ? json_string_value(json_object_get(light, "colour")) : NULL;
		snprintf(prefix, sizeof(prefix), "rate-%lld", (long long)c->child_id);
		jv_set_str(form, "prefix", prefix);
		jv_set_str(v, "note", "");
		jv_set(form, "v", v);
		jv_set(form, "colours", colour_choices(b->req, colour, NULL));
		jv_set(child, "form", form);
		json_array_append_new(b->rows, json_incref(child));
	}
	json_decref(child);
}

struct round_acc {
	struct request *req;
	json_t *arr;
	int64_t current;
};

static void round_cb(void *ctx, const struct light_round *r)
{
	struct round_acc *ra = ctx;
	json_t *j = json_object();
	char href[96];
	jv_set_int(j, "id", r->id);
	jv_set_str(j, "held_on", r->held_on);
	jv_set_int(j, "rated", r->rated);
	jv_set_bool(j, "current", r->id == ra->current);
	snprintf(href, sizeof(href), "/teams/%lld/traffic-lights/rounds/%lld", (long long)r->team_id, (long long)r->id);
	jv_set_str(j, "href", href);
	json_array_append_new(ra->arr, j);
}

static void participant_cb(void *ctx, int64_t id, const char *name, const char *role)
{
	struct round_acc *ra = ctx;
	json_t *j = json_object();
	jv_set_int(j, "id", id);
	jv_set_str(j, "name", name);
	jv_set(j, "role_label", render_label_json(ra->req, "role", role));
	json_array_append_new(ra->arr, j);
}

struct count_acc {
	struct light_counts c[8];
	int n;
};

static void counts_cb(void *ctx, const struct light_counts *c)
{
	struct count_acc *ca = ctx;
	/* The last eight rounds. */
	if (ca->n == 8) {
		memmove(ca->c, ca->c + 1, 7 * sizeof(ca->c[0]));
		ca->n = 7;
	}
	ca->c[ca->n++] = *c;
}

static void xml_text(struct buf *b, const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '&': buf_appends(b, "&amp;"); break;
		case '<': buf_appends(b, "&lt;"); break;
		case '>': buf_appends(b, "&gt;"); break;
		case '"': buf_appends(b, "&quot;"); break;
		default: buf_append(b, s, 1);
		}
	}
}

static void date_local(const char *lang, const char *iso, char *out, size_t n)
{
	struct date d;
	if (strcmp(lang, "en") && !date_parse(iso, &d))
		snprintf(out, n, "%d.%d.%d", d.d, d.m, d.y);
	else
		snprintf(out, n, "%s", iso);
}

/* The rounds as stacked bars, oldest at the top: a picture of how the
 * team's children moved between the lights.  Drawn here; every number is
 * also in the table next to it. */
static json_t *board_svg(struct request *req, const struct count_acc *ca)
{
	static const char *const fill[3] = { "#2e7d32", "#f9c74f", "#c62828" };
	static const char *const ink[3] = { "#ffffff", "#1a1a1a", "#ffffff" };
	struct buf b;
	int max = 1, h = 34 * ca->n + 40;
	json_t *j;

	if (!ca->n)
		return NULL;
	for (int i = 0; i < ca->n; i++) {
		int t = ca->c[i].green + ca->c[i].yellow + ca->c[i].red;
		if (t > max)
			max = t;
	}
	buf_init(&b, 64 * 1024);
	buf_appendf(&b, "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"lights-svg\" viewBox=\"0 0 600 %d\""
			" role=\"img\" aria-labelledby=\"lights-svg-title\"><title id=\"lights-svg-title\">", h);
	xml_text(&b, render_t(req, "lights.svg_title"));
	buf_appends(&b, "</title>");
	for (int i = 0; i < ca->n; i++) {
		const struct light_counts *c = &ca->c[i];
		int v[3] = { c->green, c->yellow, c->red }, x = 110, y = 10 + 34 * i;
		char day[16];
		date_local(req->lang, c->held_on, day, sizeof(day));
		buf_appendf(&b, "<text x=\"100\" y=\"%d\" text-anchor=\"end\" font-size=\"14\" fill=\"#1a1a1a\">", y + 19);
		xml_text(&b, day);
		buf_appends(&b, "</text>");
		for (int k = 0; k < 3; k++) {
			int w = v[k] * 470 / max;
			if (!w)
				continue;
			buf_appendf(&b, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"26\" fill=\"%s\"/>", x, y, w, fill[k]);
			if (w >= 18)
				buf_appendf(&b, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" font-size=\"14\""
						" font-weight=\"bold\" fill=\"%s\">%d</text>", x + w / 2, y + 18, ink[k], v[k]);
			x += w;
		}
	}
	{
		/* The legend names the colours in words. */
		int x = 110, y = 34 * ca->n + 24;
		for (int k = 0; k < 3; k++) {
			char key[32];
			snprintf(key, sizeof(key), "lights.colour.%s", lights_colours[k]);
			buf_appendf(&b, "<rect x=\"%d\" y=\"%d\" width=\"14\" height=\"14\" fill=\"%s\" stroke=\"#1a1a1a\"/>"
					"<text x=\"%d\" y=\"%d\" font-size=\"14\" fill=\"#1a1a1a\">", x, y - 11, fill[k], x + 20, y);
			xml_text(&b, render_t(req, key));
			buf_appends(&b, "</text>");
			x += 150;
		}
	}
	buf_appends(&b, "</svg>");
	j = b.data ? jv_str(buf_str(&b)) : NULL;
	buf_release(&b);
	return j;
}

/* The team's board into m: rounds, the chosen round (round_id, or the
 * latest when 0) with its counts, columns, movers and the unrated, the
 * history.  rating: a form row per child (the round page).  ERR_DENIED
 * when the reader may not see the team's lights (logged); ERR_INVALID
 * when too many rows to log; ERR_NOT_FOUND for a round not of the team. */
static enum err board_model(struct request *req, struct auth_state *a, const struct team_row *t, int64_t round_id,
			    bool rating, json_t *m)
{
	struct db *db = app_db(req->app);
	struct decision d, dw;
	struct round_acc ra = { req, json_array(), 0 };
	struct lightmap cur = { .req = req }, prev = { .req = NULL };
	struct light_round r;
	struct count_acc ca = { .n = 0 };
	struct board_acc b = { .req = req, .cur = &cur, .rating = rating };
	bool workers;
	enum err e;
	json_t *counts, *svg;

	/* Team members see the children; a manager of the unit the counts. */
	e = db ? access_team(&a->ax, db, t->id, ACT_CLIENT_LIST, "traffic_lights", NULL, &d) : ERR_UNAVAILABLE;
	if (e == ERR_DENIED) {
		/* The refusal is logged; the rows of an allowed list are logged one by one. */
		struct audit_entry ae;
		access_entry(&a->ax, &ae, "read", "traffic_lights", t->id, &d);
		if (access_log_add(&a->ax, &ae))
			e = ERR_UNAVAILABLE;
	}
	if (e) {
		json_decref(ra.arr);
		return e == ERR_NOT_FOUND ? ERR_DENIED : e;
	}
	workers = d.audience == AUD_CASE_WORKER;
	if (!workers) {
		/* Figures only: logged once, on the team. */
		struct audit_entry ae;
		access_entry(&a->ax, &ae, "read", "traffic_lights", t->id, &d);
		if ((e = access_log_add(&a->ax, &ae))) {
			json_decref(ra.arr);
			return e;
		}
	}
	dw = (struct decision){ 0 };
	access_team(&a->ax, db, t->id, ACT_CLIENT_WRITE, NULL, NULL, &dw);
	if (!round_id) {
		e = lights_round_latest(db, t->id, &round_id);
	} else {
		e = lights_round_get(db, round_id, &r);
		if (!e && r.team_id != t->id)
			e = ERR_NOT_FOUND;
	}
	ra.current = round_id;
	if (!e)
		e = lights_rounds(db, t->id, round_cb, &ra);
	if (!e)
		e = lights_counts_by_round(db, t->id, NULL, NULL, counts_cb, &ca);
	if (e) {
		json_decref(ra.arr);
		return e;
	}
	jv_set(m, "team", json_pack("{s:I, s:s}", "id", (json_int_t)t->id, "name", t->name));
	jv_set_str(m, "audience", audience_name(d.audience));
	jv_set_bool(m, "sees_children", workers);
	jv_set_bool(m, "has_rounds", json_array_size(ra.arr) > 0);
	jv_set(m, "rounds", ra.arr);
	jv_set_bool(m, "can_rate", dw.allow);
	{
		json_t *hist = json_array();
		for (int i = 0; i < ca.n; i++)
			json_array_append_new(hist, json_pack("{s:I, s:s, s:i, s:i, s:i, s:i, s:i, s:i}",
				"round_id", (json_int_t)ca.c[i].round_id, "held_on", ca.c[i].held_on,
				"green", ca.c[i].green, "yellow", ca.c[i].yellow, "red", ca.c[i].red,
				"worse", ca.c[i].worse, "better", ca.c[i].better, "participants", ca.c[i].participants));
		jv_set(m, "history", hist);
		if (!req->wants_json && (svg = board_svg(req, &ca)))
			jv_set(m, "svg", svg);
	}
	if (!round_id)
		return ERR_OK;

	/* The round, the one before it, and the lights of both. */
	if ((e = lights_round_get(db, round_id, &r)))
		return e;
	{
		int64_t prev_id = 0;
		json_t *round = json_object(), *parts;
		struct round_acc pa = { req, json_array(), 0 };
		e = lights_round_previous(db, &r, &prev_id);
		if (!e)
			e = lights_participants(db, r.id, participant_cb, &pa);
		if (!e)
			e = lights_round_ratings(db, r.id, lightmap_cb, &cur);
		if (!e && prev_id) {
			struct light_round pr;
			e = lights_round_ratings(db, prev_id, lightmap_cb, &prev);
			b.prev = &prev;
			if (!e && !(e = lights_round_get(db, prev_id, &pr)))
				jv_set(m, "previous_round", json_pack("{s:I, s:s}", "id", (json_int_t)pr.id, "held_on",
								     pr.held_on));
		}
		parts = pa.arr;
		jv_set_int(round, "id", r.id);
		jv_set_str(round, "held_on", r.held_on);
		jv_set_str(round, "note", r.note);
		jv_set_str(round, "created_by", r.created_by_name);
		jv_set(round, "participants", parts);
		jv_set(m, "round", round);
	}
	if (!e && (cur.nomem || prev.nomem))
		e = ERR_NOMEM;
	for (int k = 0; k < 3; k++)
		b.columns[k] = json_array();
	b.unrated = json_array();
	b.moved = json_array();
	b.rows = json_array();
	if (!e && workers) {
		e = childcase_list_team(db, &a->p, t->id, board_cb, &b);
		if (!e && b.too_long)
			e = ERR_INVALID;
	} else if (!e) {
		/* The manager's figures from the lights alone. */
		int open = 0;
		for (size_t i = 0; i < cur.n; i++) {
			int p = lightmap_find(&prev, cur.case_id[i]);
			if (cur.rank[i] >= 0)
				b.counts[cur.rank[i]]++;
			if (p >= 0 && prev.rank[p] < cur.rank[i])
				b.worse++;
			else if (p >= 0 && prev.rank[p] > cur.rank[i])
				b.better++;
		}
		e = childcase_count_open(db, t->id, &open);
		b.nunrated = open - (int)cur.n > 0 ? open - (int)cur.n : 0;
	}
	if (!e) {
		json_t *cols = json_array();
		for (int k = 0; k < 3; k++) {
			json_t *col = lights_badge_json(req, lights_colours[k]);
			jv_set_int(col, "count", b.counts[k]);
			if (workers)
				jv_set(col, "children", json_incref(b.columns[k]));
			json_array_append_new(cols, col);
		}
		counts = json_pack("{s:i, s:i, s:i, s:i, s:i, s:i}", "green", b.counts[0], "yellow", b.counts[1],
				   "red", b.counts[2], "unrated", b.nunrated, "worse", b.worse, "better", b.better);
		jv_set(m, "counts", counts);
		jv_set(m, "columns", cols);
		if (workers) {
			jv_set_bool(m, "has_unrated", json_array_size(b.unrated) > 0);
			jv_set(m, "unrated", json_incref(b.unrated));
			jv_set_bool(m, "has_moved", json_array_size(b.moved) > 0);
			jv_set(m, "moved", json_incref(b.moved));
			if (rating)
				jv_set(m, "children", json_incref(b.rows));
		}
	}
	for (int k = 0; k < 3; k++)
		json_decref(b.columns[k]);
	json_decref(b.unrated);
	json_decref(b.moved);
	json_decref(b.rows);
	lightmap_release(&cur);
	lightmap_release(&prev);
	return e;
}

/* The team of the URL, of the reader's organisation. */
static bool team_of(struct request *req, struct auth_state *a, struct team_row *t)
{
	enum err e = app_db(req->app) ? org_get_team(app_db(req->app), req->param[0], t) : ERR_UNAVAILABLE;
	if (!e && t->county_id != a->p.county_id)
		e = ERR_NOT_FOUND;
	if (e)
		render_error(req, e, NULL);
	return !e;
}

struct member_acc {
	json_t *arr;
};

static void member_cb(void *ctx, const struct account_row *r, bool lead)
{
	struct member_acc *ma = ctx;
	(void)lead;
	json_array_append_new(ma->arr, json_pack("{s:I, s:s, s:s, s:b}", "id", (json_int_t)r->id, "name",
						 r->display_name, "title", r->title, "checked", 1));
}

/* The board page's model, with the new round's form for those who may. */
static json_t *board_page(struct request *req, struct auth_state *a, const struct team_row *t, int64_t round_id,
			  bool rating, enum err *err)
{
	json_t *m = json_object();
	*err = board_model(req, a, t, round_id, rating, m);
	if (*err) {
		json_decref(m);
		return NULL;
	}
	if (!req->wants_json && json_is_true(json_object_get(m, "can_rate")) && !rating) {
		struct member_acc ma = { json_array() };
		char today[11];
		date_format(date_today(), today);
		if ((*err = account_list_team(app_db(req->app), t->id, member_cb, &ma))) {
			json_decref(ma.arr);
			json_decref(m);
			return NULL;
		}
		jv_set(m, "round_form", json_pack("{s:o, s:{s:s, s:s}}", "members", ma.arr, "v", "held_on", today,
						  "note", ""));
	}
	return m;
}

static void board_fail(struct request *req, enum err e)
{
	if (e == ERR_INVALID)
		access_list_fail(req, e, true);
	else
		access_list_fail(req, e == ERR_TOO_LARGE ? ERR_UNAVAILABLE : e, false);
}

void lights_board(struct request *req, struct auth_state *a)
{
	struct team_row t;
	enum err e;
	json_t *m;

	if (!team_of(req, a, &t))
		return;
	if (!(m = board_page(req, a, &t, 0, false, &e))) {
		board_fail(req, e);
		return;
	}
	render_view(req, 200, "lights_board", "lights.title", m);
}

void lights_round_view(struct request *req, struct auth_state *a)
{
	struct team_row t;
	enum err e;
	json_t *m;

	if (!team_of(req, a, &t))
		return;
	if (!(m = board_page(req, a, &t, req->param[1], true, &e))) {
		board_fail(req, e);
		return;
	}
	render_view(req, 200, "lights_round", "lights.round_title", m);
}

/* ---- writes -------------------------------------------------------------------- */

struct round_w {
	struct light_round_new r;
	int64_t id;
	struct field_error *fe;
};

static enum err round_run(struct db *db, void *arg)
{
	struct round_w *w = arg;
	return lights_round_create(db, &w->r, &w->id, w->fe);
}

static const struct form_field round_fields[] = {
	{ "held_on", "lights.held_on" }, { "participants", "lights.participants" }, { "note", "lights.round_note" },
	{ NULL, NULL } };

void lights_round_create_api(struct request *req, struct auth_state *a)
{
	static const char *const f[] = { "held_on", "note", "participants", NULL };
	struct field_error fe = { 0 };
	struct round_w w = { .fe = &fe };
	struct team_row t;
	struct decision d;
	struct audit_entry ae;
	struct input in = { 0 };
	int64_t parts[LIGHTS_PARTICIPANTS_MAX];
	enum err e;

	if (!team_of(req, a, &t))
		return;
	e = access_team(&a->ax, app_db(req->app), t.id, ACT_CLIENT_WRITE, "light_round", NULL, &d);
	if (e) {
		if (e == ERR_DENIED) {
			access_entry(&a->ax, &ae, "create", "light_round", 0, &d);
			access_log_add(&a->ax, &ae);
		}
		render_error(req, e, NULL);
		return;
	}
	w.r.team_id = t.id;
	w.r.created_by = a->p.account_id;
	w.r.participants = parts;
	e = input_init(&in, req, f, &fe);
	if (!e) e = input_str(&in, "held_on", &w.r.held_on, &fe);
	if (!e) e = input_str(&in, "note", &w.r.note, &fe);
	if (!e) e = input_int_list(&in, "participants", parts, LIGHTS_PARTICIPANTS_MAX, &w.r.nparticipants, &fe);
	if (!e) {
		access_entry(&a->ax, &ae, "create", "light_round", 0, &d);
		e = access_write_entry(&a->ax, ((struct app *)req->app)->writer, round_run, &w, &ae, &w.id);
	}
	if (e == ERR_INVALID && !req->wants_json && req->nform) {
		enum err e2;
		json_t *m = board_page(req, a, &t, 0, false, &e2), *form;
		if (!m) {
			board_fail(req, e2);
		} else {
			form = json_object_get(m, "round_form");
			if (form) {
				/* The ticks as they were sent. */
				json_t *mem;
				size_t i;
				form_fail(req, m, form, "round", round_fields, &fe);
				json_array_foreach(json_object_get(form, "members"), i, mem) {
					bool on = false;
					for (int k = 0; k < w.r.nparticipants; k++)
						on |= parts[k] == json_integer_value(json_object_get(mem, "id"));
					jv_set_bool(mem, "checked", on);
				}
			}
			render_view(req, 422, "lights_board", "lights.title", m);
		}
	} else if (e) {
		render_error(req, e, &fe);
	} else if (req->wants_json) {
		render_json(req, 201, json_pack("{s:I, s:I}", "round_id", (json_int_t)w.id, "team_id", (json_int_t)t.id));
	} else {
		char loc[96];
		snprintf(loc, sizeof(loc), "/teams/%lld/traffic-lights/rounds/%lld", (long long)t.id, (long long)w.id);
		render_redirect(req, loc);
	}
	input_release(&in);
}

struct rate_w {
	struct light_rating_new r;
	int64_t id;
	struct field_error *fe;
};

static enum err rate_run(struct db *db, void *arg)
{
	struct rate_w *w = arg;
	return lights_rate(db, &w->r, &w->id, w->fe);
}

/* The criteria ticked: a JSON array of strings, or the form's repeated
 * field, joined by commas into out. */
static enum err criteria_input(struct input *in, char *out, size_t n, struct field_error *fe)
{
	size_t len = 0;
	out[0] = '\0';
	if (in->json) {
		json_t *v = json_object_get(in->json, "criteria"), *x;
		size_t i;
		if (!v || json_is_null(v))
			return ERR_OK;
		if (!json_is_array(v))
			return validate_fail(fe, "criteria", "not_array", "criteria must be an array of criterion keys");
		json_array_foreach(v, i, x) {
			const char *s = json_string_value(x);
			if (!s)
				return validate_fail(fe, "criteria", "not_string", "criteria must contain strings");
			if (strchr(s, ',') || len + strlen(s) + 2 > n)
				return validate_fail(fe, "criteria", "invalid", "criteria: unknown or too many keys");
			len += (size_t)snprintf(out + len, n - len, "%s%s", len ? "," : "", s);
		}
		return ERR_OK;
	}
	for (size_t i = 0; i < in->req->nform; i++) {
		const char *s = in->req->form[i].value;
		if (strcmp(in->req->form[i].key, "criteria"))
			continue;
		if (strchr(s, ',') || len + strlen(s) + 2 > n)
			return validate_fail(fe, "criteria", "invalid", "criteria: unknown or too many keys");
		len += (size_t)snprintf(out + len, n - len, "%s%s", len ? "," : "", s);
	}
	return ERR_OK;
}

static const struct form_field rate_fields[] = {
	{ "colour", "lights.colour_field" }, { "criteria", "lights.criteria" }, { "note", "lights.note" },
	{ NULL, NULL } };

/* The round page again (422), the child's form as it was sent. */
static void rate_again(struct request *req, struct auth_state *a, const struct team_row *t, int64_t round_id,
		       int64_t child_id, const char *colour, const char *criteria, const struct field_error *fe)
{
	enum err e;
	json_t *m = board_page(req, a, t, round_id, true, &e), *row;
	size_t i;
	char prefix[40];

	if (!m) {
		board_fail(req, e);
		return;
	}
	snprintf(prefix, sizeof(prefix), "rate-%lld", (long long)child_id);
	json_array_foreach(json_object_get(m, "children"), i, row) {
		json_t *form;
		if (json_integer_value(json_object_get(row, "child_id")) != child_id)
			continue;
		form = json_object_get(row, "form");
		form_fail(req, m, form, prefix, rate_fields, fe);
		jv_set(form, "colours", colour_choices(req, colour, criteria));
		jv_set_bool(row, "open", true);
	}
	if (!json_object_get(m, "form_summary")) {
		json_t *scratch = json_object();
		form_fail(req, m, scratch, prefix, rate_fields, fe);
		json_decref(scratch);
	}
	render_view(req, 422, "lights_round", "lights.round_title", m);
}

void lights_rate_api(struct request *req, struct auth_state *a)
{
	static const char *const f[] = { "child_id", "colour", "criteria", "note", NULL };
	struct field_error fe = { 0 };
	struct rate_w w = { .fe = &fe };
	struct team_row t;
	struct light_round r;
	struct decision d;
	struct access_answer ans;
	struct input in = { 0 };
	char criteria[LIGHTS_CRITERIA_MAX + 1] = "";
	int64_t child_id = 0;
	bool present = false;
	enum err e;

	if (!team_of(req, a, &t))
		return;
	e = lights_round_get(app_db(req->app), req->param[1], &r);
	if (!e && r.team_id != t.id)
		e = ERR_NOT_FOUND;
	if (!e)
		e = access_team(&a->ax, app_db(req->app), t.id, ACT_CLIENT_WRITE, "light_rating", "create", &d);
	if (e) {
		render_error(req, e, NULL);
		return;
	}
	e = input_init(&in, req, f, &fe);
	if (!e) e = input_int(&in, "child_id", &child_id, &present, &fe);
	if (!e && !present)
		e = validate_fail(&fe, "child_id", "required", "child_id: which child is rated");
	if (!e) e = input_str(&in, "colour", &w.r.colour, &fe);
	if (!e) e = criteria_input(&in, criteria, sizeof(criteria), &fe);
	if (!e) e = input_str(&in, "note", &w.r.note, &fe);
	if (e) {
		/* Nothing was decided about a child: the team's entry stands. */
		if (e == ERR_INVALID && !req->wants_json && req->nform && child_id)
			rate_again(req, a, &t, r.id, child_id, w.r.colour, criteria, &fe);
		else
			render_error(req, e, &fe);
		input_release(&in);
		return;
	}
	/* The child itself: a write on its case, with its practice fields. */
	if (!access_child(req, a, child_id, ACT_CLIENT_WRITE, "update", &ans)) {
		input_release(&in);
		return;
	}
	if (!(ans.d.fields & FIELD_PRACTICE)) {
		render_error(req, ERR_DENIED, NULL);
		input_release(&in);
		return;
	}
	w.r.round_id = r.id;
	w.r.case_id = ans.case_id;
	w.r.criteria = criteria;
	w.r.rated_by = a->p.account_id;
	e = access_write_req(req, rate_run, &w);
	if (e == ERR_INVALID && !req->wants_json && req->nform)
		rate_again(req, a, &t, r.id, child_id, w.r.colour, criteria, &fe);
	else if (e)
		render_error(req, e, &fe);
	else if (req->wants_json)
		render_json(req, 201, json_pack("{s:I, s:I, s:I, s:s}", "rating_id", (json_int_t)w.id, "round_id",
						(json_int_t)r.id, "child_id", (json_int_t)child_id, "colour", w.r.colour));
	else {
		char loc[112];
		snprintf(loc, sizeof(loc), "/teams/%lld/traffic-lights/rounds/%lld#child-%lld", (long long)t.id,
			 (long long)r.id, (long long)child_id);
		render_redirect(req, loc);
	}
	input_release(&in);
}

/* ---- the child page and my work ------------------------------------------------- */

struct hist_acc {
	struct request *req;
	json_t *arr;
};

static void hist_cb(void *ctx, const struct light_rating *r)
{
	struct hist_acc *h = ctx;
	json_array_append_new(h->arr, rating_json(h->req, r));
}

enum err lights_child_model(struct request *req, const struct access_answer *ans, json_t *m)
{
	struct hist_acc h = { req, json_array() };
	json_t *l;
	enum err e;

	if (!(ans->d.fields & FIELD_PRACTICE)) {
		json_decref(h.arr);
		return ERR_OK;
	}
	e = lights_case_history(app_db(req->app), ans->case_id, hist_cb, &h);
	if (e) {
		json_decref(h.arr);
		return e;
	}
	l = json_object();
	if (json_array_size(h.arr))
		jv_set(l, "current", json_incref(json_array_get(h.arr, 0)));
	jv_set_bool(l, "has_history", json_array_size(h.arr) > 0);
	jv_set(l, "history", h.arr);
	jv_set_int(l, "team_id", ans->c.team_id);
	jv_set(m, "lights", l);
	return ERR_OK;
}

enum err lights_work_rows(struct request *req, json_t *children)
{
	struct light_rating *r = malloc(sizeof(*r));
	json_t *row;
	size_t i;
	enum err e = r ? ERR_OK : ERR_NOMEM;

	json_array_foreach(children, i, row) {
		bool found = false;
		if (e)
			break;
		e = lights_case_current(app_db(req->app), json_integer_value(json_object_get(row, "case_id")), r, &found);
		if (!e && found)
			jv_set(row, "light", lights_badge_json(req, r->colour));
	}
	free(r);
	return e;
}

/*
 * genogram_draw.c - the genogram and the timeline drawn (see
 * genogram_draw.h).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "api/genogram_draw.h"
#include "core/str.h"
#include "view/layered.h"

#define INK 0x222222u
#define SYM 36.0          /* a symbol's side */
#define NODE_W 104.0
#define NODE_H 76.0
#define SYM_DY (-16.0)    /* the symbol's centre above the node's */
#define MARGIN 16.0

struct couple {
	size_t a, b;              /* person indexes, a drawn left */
	size_t u;                 /* the union point's node */
	const struct genogram_relation *r;   /* the latest relation of the pair */
};

struct draw {
	const struct genogram *g;
	struct layered_graph lg;
	struct couple *c;
	size_t nc;
	size_t *sib_of;           /* per person: its sibship node, or SIZE_MAX */
	struct layered_node *nodes;
	struct layered_edge *edges;
};

static size_t index_of(const struct genogram *g, int64_t id)
{
	for (size_t i = 0; i < g->np; i++)
		if (g->p[i].id == id)
			return i;
	return SIZE_MAX;
}

static struct couple *couple_of(struct draw *d, size_t a, size_t b)
{
	for (size_t i = 0; i < d->nc; i++)
		if ((d->c[i].a == a && d->c[i].b == b) || (d->c[i].a == b && d->c[i].b == a))
			return &d->c[i];
	return NULL;
}

static void merge_group(struct layered_node *n, size_t nn, int keep, int drop)
{
	for (size_t i = 0; i < nn; i++)
		if (n[i].group == drop)
			n[i].group = keep;
}

/* The symbol's centre; lift: how much taller than NODE_H a person's node
 * is halved (its notes hang below the symbol). */
static double sym_y(const struct layered_node *n, double lift)
{
	return n->y + SYM_DY - lift;
}

/* The parent-child edges, held so that each source's children are added
 * oldest first (dot keeps out-edges' order). */
struct pc {
	size_t src, child;
	int year;
	int64_t id;
	const char *kind;         /* the parenthood's kind (for the line's style) */
	int via_union;
};

static int pc_order(const void *x, const void *y)
{
	const struct pc *a = x, *b = y;
	int ya = a->year ? a->year : 9999, yb = b->year ? b->year : 9999;
	if (a->src != b->src)
		return a->src < b->src ? -1 : 1;
	if (ya != yb)
		return ya - yb;
	return (a->id > b->id) - (a->id < b->id);
}

static enum pic_dash dash_of(const char *kind)
{
	return !strcmp(kind, "adoptive_parent") ? PIC_DASHED : !strcmp(kind, "foster_parent") ? PIC_DOTTED : PIC_SOLID;
}

/* Up to NOTE_LINES lines of note, cut to NOTE_CHARS characters each. */
#define NOTE_LINES 8
#define NOTE_CHARS 34
#define NOTE_W 210.0
#define NOTE_LINE_H 13.0

static void cut_text(char *s, size_t n, size_t max_chars)
{
	size_t len = strlen(s);
	if (str_utf8_len(s, len) > max_chars) {
		size_t cut = 0, chars = 0;
		while (cut < len && chars < max_chars - 1) {
			cut++;
			while (cut < len && ((unsigned char)s[cut] & 0xc0) == 0x80)
				cut++;
			chars++;
		}
		str_lcpy(s + cut, "…", n - cut);
	}
}

static int note_lines(const char *note)
{
	int k = 0;
	if (!note || !*note)
		return 0;
	for (k = 1; *note; note++)
		k += *note == '\n';
	return k < NOTE_LINES ? k : NOTE_LINES;
}

static void draw_person(struct picture *pic, const struct genogram_person *p, const struct layered_node *n,
			int household, double lift, const char *note)
{
	double x = n->x, y = sym_y(n, lift), h = SYM / 2;
	char years[32] = "", name[64];

	if (household)
		picture_rect(pic, x - h - 6, y - h - 6, SYM + 12, SYM + 12, PIC_NONE, 0xdcebf7u, 1);
	for (int twice = 0; twice <= (p->is_child ? 1 : 0); twice++) {
		double k = twice ? h - 4 : h;
		uint32_t fill = twice ? PIC_NONE : 0xffffffu;
		if (!strcmp(p->sex, "male")) {
			picture_rect(pic, x - k, y - k, 2 * k, 2 * k, INK, fill, 2);
		} else if (!strcmp(p->sex, "female")) {
			picture_circle(pic, x, y, k, INK, fill, 2);
		} else {
			double pts[8] = { x, y - k - 2, x + k + 2, y, x, y + k + 2, x - k - 2, y };
			picture_poly(pic, pts, 4, INK, fill, 2, 0);
		}
	}
	if (!strcmp(p->sex, "unknown"))
		picture_text(pic, x, y + 5, "?", 14, PIC_MIDDLE, INK, 1);
	if (p->deceased) {
		picture_line(pic, x - h - 3, y - h - 3, x + h + 3, y + h + 3, INK, 2, PIC_SOLID);
		picture_line(pic, x + h + 3, y - h - 3, x - h - 3, y + h + 3, INK, 2, PIC_SOLID);
	}
	/* The name, cut to fit under the symbol (the table has it whole). */
	str_lcpy(name, p->name, sizeof(name));
	cut_text(name, sizeof(name), 16);
	picture_text(pic, x, y + h + 15, name, 11, PIC_MIDDLE, INK, p->is_child);
	if (p->birth_year && p->death_year)
		snprintf(years, sizeof(years), "%d–%d", p->birth_year, p->death_year);
	else if (p->birth_year)
		snprintf(years, sizeof(years), "%d", p->birth_year);
	else if (p->death_year)
		snprintf(years, sizeof(years), "–%d", p->death_year);
	if (*years)
		picture_text(pic, x, y + h + 28, years, 10, PIC_MIDDLE, 0x444444u, 0);
	for (int k = 0; note && *note && k < NOTE_LINES; k++) {
		const char *nl = strchr(note, '\n');
		size_t len = nl ? (size_t)(nl - note) : strlen(note);
		char line[NOTE_CHARS * 4 + 8];
		if (len >= sizeof(line))
			len = sizeof(line) - 1;
		memcpy(line, note, len);
		line[len] = '\0';
		cut_text(line, sizeof(line), NOTE_CHARS);
		/* A line that starts with a space continues the one above it. */
		picture_text(pic, x, y + h + 28 + NOTE_LINE_H * (k + 1), line, 10, PIC_MIDDLE,
			     line[0] == ' ' ? 0x444444u : 0x1a4f8au, line[0] != ' ');
		note = nl ? nl + 1 : "";
	}
}

static void draw_couple(struct picture *pic, const struct couple *c, const struct layered_node *n, double lift)
{
	const struct layered_node *a = &n[c->a], *b = &n[c->b];
	double y = sym_y(a, lift);   /* from side to side, level with the symbols */
	double x1 = a->x + SYM / 2 + 2, x2 = b->x - SYM / 2 - 2, mx = (x1 + x2) / 2;
	const char *k = c->r->kind;

	picture_line(pic, x1, y, x2, y, INK, 2, !strcmp(k, "cohabiting") ? PIC_DASHED : PIC_SOLID);
	if (!strcmp(k, "separated") || !strcmp(k, "divorced"))
		picture_line(pic, mx - 2, y + 7, mx + 4, y - 7, INK, 2, PIC_SOLID);
	if (!strcmp(k, "divorced"))
		picture_line(pic, mx + 4, y + 7, mx + 10, y - 7, INK, 2, PIC_SOLID);
}

static void draw_emotion(struct picture *pic, const struct genogram_relation *r, const struct layered_node *a,
			 const struct layered_node *b, double lift)
{
	double x1 = a->x, y1 = sym_y(a, lift), x2 = b->x, y2 = sym_y(b, lift);
	double dx = x2 - x1, dy = y2 - y1, len = sqrt(dx * dx + dy * dy);
	double ux, uy, nx, ny, sx, sy, ex, ey;

	if (len < SYM + 4)
		return;
	ux = dx / len, uy = dy / len, nx = -uy, ny = ux;
	/* From the edge of one symbol to the other's. */
	sx = x1 + ux * (SYM / 2 + 4), sy = y1 + uy * (SYM / 2 + 4);
	ex = x2 - ux * (SYM / 2 + 4), ey = y2 - uy * (SYM / 2 + 4);
	if (!strcmp(r->kind, "close")) {
		picture_line(pic, sx + nx * 2.5, sy + ny * 2.5, ex + nx * 2.5, ey + ny * 2.5, 0x2e7d32u, 2, PIC_SOLID);
		picture_line(pic, sx - nx * 2.5, sy - ny * 2.5, ex - nx * 2.5, ey - ny * 2.5, 0x2e7d32u, 2, PIC_SOLID);
	} else if (!strcmp(r->kind, "distant")) {
		picture_line(pic, sx, sy, ex, ey, 0x6d6d6du, 1.5, PIC_DASHED);
	} else if (!strcmp(r->kind, "conflict")) {
		double pts[16];
		int k = 0;
		for (int i = 0; i < 8; i++) {
			double t = i / 7.0, off = (i == 0 || i == 7) ? 0 : (i % 2 ? 6 : -6);
			pts[k++] = sx + (ex - sx) * t + nx * off;
			pts[k++] = sy + (ey - sy) * t + ny * off;
		}
		picture_poly(pic, pts, 8, 0xc62828u, PIC_NONE, 2, 1);
	} else if (!strcmp(r->kind, "cutoff")) {
		double mx = (sx + ex) / 2, my = (sy + ey) / 2;
		picture_line(pic, sx, sy, ex, ey, INK, 1.5, PIC_SOLID);
		for (int s = -1; s <= 1; s += 2)
			picture_line(pic, mx + ux * 4 * s + nx * 8, my + uy * 4 * s + ny * 8,
				     mx + ux * 4 * s - nx * 8, my + uy * 4 * s - ny * 8, INK, 2, PIC_SOLID);
	}
}

enum err genogram_draw(const struct genogram *g, const char *title, const char *desc, struct picture *pic)
{
	return genogram_draw_notes(g, NULL, title, desc, pic);
}

enum err genogram_draw_notes(const struct genogram *g, const char *const *notes, const char *title, const char *desc,
			     struct picture *pic)
{
	double node_w = NODE_W, node_h = NODE_H, lift = 0;
	int lines = 0;
	struct draw d = { .g = g };
	struct pc *pcs = NULL;
	size_t npc = 0, nn = g->np, ne = 0, maxn = g->np + g->nr + 1, maxe = 3 * g->nr + 1;
	int next_group = 1;
	char *household = NULL;
	enum err e = ERR_OK;

	picture_init(pic, "genogram", 2 * MARGIN + NODE_W, 2 * MARGIN + NODE_H);
	picture_title(pic, title, desc);
	d.nodes = calloc(maxn, sizeof(*d.nodes));
	d.edges = calloc(maxe, sizeof(*d.edges));
	d.c = calloc(g->nr + 1, sizeof(*d.c));
	d.sib_of = calloc(g->np + 1, sizeof(*d.sib_of));
	pcs = calloc(g->nr + 1, sizeof(*pcs));
	household = calloc(g->np + 1, 1);
	if (!d.nodes || !d.edges || !d.c || !d.sib_of || !pcs || !household) {
		e = ERR_NOMEM;
		goto out;
	}
	if (!g->np)
		goto out;
	for (size_t i = 0; notes && i < g->np; i++)
		if (note_lines(notes[i]) > lines)
			lines = note_lines(notes[i]);
	if (lines) {
		node_w = NOTE_W;
		node_h = NODE_H + NOTE_LINE_H * lines;
		lift = (node_h - NODE_H) / 2;
	}
	for (size_t i = 0; i < g->np; i++) {
		d.nodes[i].w = node_w;
		d.nodes[i].h = node_h;
		d.sib_of[i] = SIZE_MAX;
	}
	/* Couples: the latest relation of each pair (relations come in id order). */
	for (size_t i = 0; i < g->nr; i++) {
		const struct genogram_relation *r = &g->r[i];
		size_t a = index_of(g, r->a_id), b = index_of(g, r->b_id);
		struct couple *c;
		if (a == SIZE_MAX || b == SIZE_MAX)
			continue;
		switch (genogram_kind_class(r->kind)) {
		case GK_COUPLE:
			if ((c = couple_of(&d, a, b))) {
				c->r = r;
				break;
			}
			c = &d.c[d.nc++];
			/* The man on the left, as genograms draw it; else the elder. */
			if (!strcmp(g->p[b].sex, "male") && strcmp(g->p[a].sex, "male")) {
				size_t t = a;
				a = b, b = t;
			}
			c->a = a, c->b = b, c->r = r, c->u = nn++;
			if (!d.nodes[a].group && !d.nodes[b].group)
				d.nodes[a].group = d.nodes[b].group = next_group++;
			else if (!d.nodes[a].group)
				d.nodes[a].group = d.nodes[b].group;
			else if (!d.nodes[b].group)
				d.nodes[b].group = d.nodes[a].group;
			else if (d.nodes[a].group != d.nodes[b].group)
				merge_group(d.nodes, nn, d.nodes[a].group, d.nodes[b].group);
			d.nodes[c->u].group = d.nodes[a].group;
			d.edges[ne++] = (struct layered_edge){ a, c->u, 10, true };
			d.edges[ne++] = (struct layered_edge){ c->u, b, 10, true };
			break;
		case GK_HOUSEHOLD:
			if (!*r->to_date)
				household[a] = household[b] = 1;
			break;
		default:
			break;
		}
	}
	/* Parenthoods: through the parents' couple when both parents are a
	 * couple, else from the parent straight. */
	for (size_t i = 0; i < g->nr; i++) {
		const struct genogram_relation *r = &g->r[i];
		size_t a = index_of(g, r->a_id), b = index_of(g, r->b_id);
		struct pc *p = &pcs[npc];
		if (a == SIZE_MAX || b == SIZE_MAX || genogram_kind_class(r->kind) != GK_PARENT)
			continue;
		*p = (struct pc){ a, b, g->p[b].birth_year, g->p[b].id, r->kind, 0 };
		for (size_t k = 0; k < g->nr; k++) {
			const struct genogram_relation *o = &g->r[k];
			struct couple *c;
			size_t other;
			if (k == i || o->b_id != r->b_id || genogram_kind_class(o->kind) != GK_PARENT)
				continue;
			other = index_of(g, o->a_id);
			if (other != SIZE_MAX && (c = couple_of(&d, a, other))) {
				p->src = c->u;
				p->via_union = 1;
				break;
			}
		}
		/* Two parents through one couple: one edge. */
		for (size_t k = 0; k < npc; k++)
			if (pcs[k].via_union && p->via_union && pcs[k].src == p->src && pcs[k].child == b) {
				if (strcmp(p->kind, "parent"))
					pcs[k].kind = p->kind;
				p = NULL;
				break;
			}
		if (p)
			npc++;
	}
	qsort(pcs, npc, sizeof(*pcs), pc_order);
	for (size_t i = 0; i < npc; i++)
		d.edges[ne++] = (struct layered_edge){ pcs[i].src, pcs[i].child, pcs[i].via_union ? 4 : 2, false };
	/* Siblings with no parent drawn in common: a shared point above them. */
	for (size_t i = 0; i < g->nr; i++) {
		const struct genogram_relation *r = &g->r[i];
		size_t a = index_of(g, r->a_id), b = index_of(g, r->b_id), s;
		bool shared = false;
		if (a == SIZE_MAX || b == SIZE_MAX || genogram_kind_class(r->kind) != GK_SIBLING)
			continue;
		for (size_t k = 0; k < npc && !shared; k++)
			for (size_t m = 0; m < npc && !shared; m++)
				shared = pcs[k].child == a && pcs[m].child == b && pcs[k].src == pcs[m].src;
		if (shared)
			continue;
		s = d.sib_of[a] != SIZE_MAX ? d.sib_of[a] : d.sib_of[b];
		if (s == SIZE_MAX)
			s = nn++;
		if (d.sib_of[a] == SIZE_MAX) {
			d.sib_of[a] = s;
			d.edges[ne++] = (struct layered_edge){ s, a, 2, false };
		}
		if (d.sib_of[b] == SIZE_MAX) {
			d.sib_of[b] = s;
			d.edges[ne++] = (struct layered_edge){ s, b, 2, false };
		}
	}
	d.lg = (struct layered_graph){ .n = d.nodes, .nn = nn, .e = d.edges, .ne = ne, .ranksep = 40, .nodesep = 14 };
	if ((e = layered_layout(&d.lg)))
		goto out;
	for (size_t i = 0; i < nn; i++)
		d.nodes[i].x += MARGIN, d.nodes[i].y += MARGIN;
	picture_release(pic);  /* the empty picture of an early return */
	picture_init(pic, "genogram", d.lg.w + 2 * MARGIN, d.lg.h + 2 * MARGIN);
	picture_title(pic, title, desc);
	/* Lines first, symbols over them. */
	for (size_t i = 0; i < d.nc; i++)
		draw_couple(pic, &d.c[i], d.nodes, lift);
	for (size_t i = 0; i < npc; i++) {
		const struct pc *p = &pcs[i];
		const struct layered_node *s = &d.nodes[p->src], *c = &d.nodes[p->child];
		double top = sym_y(c, lift) - SYM / 2 - (strcmp(g->p[p->child].sex, "male") ? 2 : 0);
		/* The union point's symbol level is its couple's line. */
		double from = p->via_union ? sym_y(s, lift) : sym_y(s, lift) + SYM / 2;
		double bar = top - 16;
		enum pic_dash dash = dash_of(p->kind);
		picture_line(pic, s->x, from, s->x, bar, INK, 2, PIC_SOLID);
		picture_line(pic, s->x, bar, c->x, bar, INK, 2, PIC_SOLID);
		picture_line(pic, c->x, bar, c->x, top, INK, 2, dash);
	}
	for (size_t i = 0; i < g->np; i++) {
		const struct layered_node *s, *c = &d.nodes[i];
		double top, bar;
		if (d.sib_of[i] == SIZE_MAX)
			continue;
		s = &d.nodes[d.sib_of[i]];
		top = sym_y(c, lift) - SYM / 2 - 2;
		bar = top - 16;
		picture_line(pic, s->x, bar, c->x, bar, 0x555555u, 1.5, PIC_SOLID);
		picture_line(pic, c->x, bar, c->x, top, 0x555555u, 1.5, PIC_SOLID);
	}
	for (size_t i = 0; i < g->nr; i++) {
		const struct genogram_relation *r = &g->r[i];
		size_t a = index_of(g, r->a_id), b = index_of(g, r->b_id);
		if (a != SIZE_MAX && b != SIZE_MAX && !*r->to_date && genogram_kind_class(r->kind) == GK_EMOTIONAL)
			draw_emotion(pic, r, &d.nodes[a], &d.nodes[b], lift);
	}
	for (size_t i = 0; i < g->np; i++)
		draw_person(pic, &g->p[i], &d.nodes[i], household[i], lift, notes ? notes[i] : NULL);
	e = pic->err;
out:
	free(d.nodes);
	free(d.edges);
	free(d.c);
	free(d.sib_of);
	free(pcs);
	free(household);
	return e;
}

/* ---- the timeline ----------------------------------------------------------- */

static int year_of(const char *date)
{
	int y = 0;
	return sscanf(date, "%d", &y) == 1 ? y : 0;
}

static double day_of(const char *date)
{
	int y = 0, m = 1, dd = 1;
	if (sscanf(date, "%d-%d-%d", &y, &m, &dd) != 3)
		return 0;
	return y + (m - 1) / 12.0 + (dd - 1) / 365.0;
}

enum err timeline_draw(const struct timeline_mark *m, size_t n, const char *title, const char *desc,
		       struct picture *pic)
{
	double lane = 22, axis, w, from, to, span, left = 40, right = 40;
	int y0, y1;
	size_t nf = 0, ns = 0;

	for (size_t i = 0; i < n; i++)
		m[i].family ? nf++ : ns++;
	if (!n) {
		picture_init(pic, "timeline", 600, 60);
		picture_title(pic, title, desc);
		picture_line(pic, 20, 30, 580, 30, INK, 2, PIC_SOLID);
		return pic->err;
	}
	y0 = year_of(m[0].date);
	y1 = year_of(m[n - 1].date) + 1;
	if (y1 - y0 < 2)
		y0 = y1 - 2;
	from = y0, to = y1, span = to - from;
	w = span * 90 < 640 ? 640 : span * 90 > 2400 ? 2400 : span * 90;
	axis = 40 + (double)(nf < 12 ? nf : 12) * lane + 20;
	picture_init(pic, "timeline", w + left + right, axis + 40 + (double)(ns < 12 ? ns : 12) * lane + 20);
	picture_title(pic, title, desc);
	picture_line(pic, left, axis, left + w, axis, INK, 2, PIC_SOLID);
	for (int y = y0; y <= y1; y++) {
		double x = left + (y - from) / span * w;
		char s[8];
		snprintf(s, sizeof(s), "%d", y);
		picture_line(pic, x, axis - 5, x, axis + 5, INK, 1.5, PIC_SOLID);
		picture_text(pic, x, axis + 18, s, 11, PIC_MIDDLE, INK, 0);
	}
	nf = ns = 0;
	for (size_t i = 0; i < n; i++) {
		double x = left + (day_of(m[i].date) - from) / span * w;
		size_t k = m[i].family ? nf++ : ns++;
		double y = m[i].family ? axis - 20 - (double)(k % 12) * lane : axis + 40 + (double)(k % 12) * lane;
		uint32_t c = m[i].family ? 0x1565c0u : 0x6a1b9au;
		char text[96];
		picture_line(pic, x, axis, x, y, c, 1, PIC_DOTTED);
		picture_circle(pic, x, y, 4, c, c, 1);
		snprintf(text, sizeof(text), "%s %s", m[i].date, m[i].label ? m[i].label : "");
		picture_text(pic, x + (x > left + w * 0.7 ? -8 : 8), y + 4, text, 11,
			     x > left + w * 0.7 ? PIC_END : PIC_START, c == 0x1565c0u ? 0x0d47a1u : 0x4a148cu, 0);
	}
	return pic->err;
}

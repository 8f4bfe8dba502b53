/*
 * layered.c - dot's layered layout (see layered.h).  The only file that
 * includes Graphviz.
 */
#include <gvc.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "view/layered.h"

/* dot's layout, linked in rather than found through the plugin
 * configuration file that Debian's package writes at install. */
extern gvplugin_library_t gvplugin_dot_layout_LTX_library;
static lt_symlist_t builtins[] = {
	{ "gvplugin_dot_layout_LTX_library", &gvplugin_dot_layout_LTX_library },
	{ NULL, NULL },
};

static pthread_mutex_t gv_lock = PTHREAD_MUTEX_INITIALIZER;
static GVC_t *gvc;

static void set(void *obj, const char *name, const char *value)
{
	agsafeset(obj, (char *)name, (char *)value, (char *)"");
}

static void set_num(void *obj, const char *name, double v)
{
	char s[32];
	snprintf(s, sizeof(s), "%.3f", v);
	set(obj, name, s);
}

enum err layered_layout(struct layered_graph *g)
{
	Agraph_t *gr = NULL;
	Agnode_t **nodes = NULL;
	enum err e = ERR_OK;
	char name[32];
	int maxgroup = 0;

	for (size_t i = 0; i < g->ne; i++)
		if (g->e[i].a >= g->nn || g->e[i].b >= g->nn)
			return ERR_INVALID;
	nodes = calloc(g->nn ? g->nn : 1, sizeof(*nodes));
	if (!nodes)
		return ERR_NOMEM;
	pthread_mutex_lock(&gv_lock);
	if (!gvc)
		gvc = gvContextPlugins(builtins, 0);
	if (!gvc || !(gr = agopen((char *)"g", Agdirected, NULL))) {
		e = ERR_NOMEM;
		goto out;
	}
	set(gr, "ordering", "out");
	set(gr, "rankdir", "TB");
	set_num(gr, "ranksep", (g->ranksep ? g->ranksep : 36) / 72.0);
	set_num(gr, "nodesep", (g->nodesep ? g->nodesep : 18) / 72.0);
	for (size_t i = 0; i < g->nn; i++) {
		struct layered_node *n = &g->n[i];
		snprintf(name, sizeof(name), "n%zu", i);
		nodes[i] = agnode(gr, name, 1);
		set(nodes[i], "shape", n->w > 0 ? "box" : "point");
		set(nodes[i], "fixedsize", "true");
		set(nodes[i], "label", "");
		set_num(nodes[i], "width", (n->w > 0 ? n->w : 1) / 72.0);
		set_num(nodes[i], "height", (n->h > 0 ? n->h : 1) / 72.0);
		if (n->group > maxgroup)
			maxgroup = n->group;
	}
	/* Each group in one layer. */
	for (int k = 1; k <= maxgroup; k++) {
		Agraph_t *sg = NULL;
		for (size_t i = 0; i < g->nn; i++) {
			if (g->n[i].group != k)
				continue;
			if (!sg) {
				snprintf(name, sizeof(name), "r%d", k);
				sg = agsubg(gr, name, 1);
				set(sg, "rank", "same");
			}
			agsubnode(sg, nodes[i], 1);
		}
	}
	for (size_t i = 0; i < g->ne; i++) {
		Agedge_t *ed = agedge(gr, nodes[g->e[i].a], nodes[g->e[i].b], NULL, 1);
		set_num(ed, "weight", g->e[i].weight > 0 ? g->e[i].weight : 1);
		if (g->e[i].flat)
			set(ed, "minlen", "0");
		set(ed, "arrowhead", "none");
	}
	if (gvLayout(gvc, gr, "dot")) {
		e = ERR_UNAVAILABLE;
		goto out;
	}
	g->w = GD_bb(gr).UR.x - GD_bb(gr).LL.x;
	g->h = GD_bb(gr).UR.y - GD_bb(gr).LL.y;
	for (size_t i = 0; i < g->nn; i++) {
		g->n[i].x = ND_coord(nodes[i]).x - GD_bb(gr).LL.x;
		g->n[i].y = GD_bb(gr).UR.y - ND_coord(nodes[i]).y;
	}
	gvFreeLayout(gvc, gr);
out:
	if (gr)
		agclose(gr);
	pthread_mutex_unlock(&gv_lock);
	free(nodes);
	return e;
}

/*
 * layered.h - a layered (hierarchical) layout of a small graph by
 * Graphviz's dot: the one module that includes Graphviz.
 *
 * Nodes have a size; edges point from a higher layer to a lower one (a
 * parent's couple to its children).  Nodes in the same group share a layer
 * (a couple and its union point).  With ordered set, a node's children keep
 * the order of its out-edges as given (oldest left).  dot keeps edges from
 * crossing where it can.  The layout plugin is linked in (Makefile): no
 * Graphviz configuration file is needed at run time.
 */
#ifndef MAJAKKA_LAYERED_H
#define MAJAKKA_LAYERED_H

#include <stdbool.h>
#include <stddef.h>
#include "core/err.h"

struct layered_node {
	double w, h;              /* in: size in points (0 x 0: a point) */
	int group;                /* in: same layer as the others of this group; 0 none */
	double x, y;              /* out: centre, y downwards */
};

struct layered_edge {
	size_t a, b;              /* node indexes */
	int weight;               /* 1 normal; higher pulls straighter and shorter */
	bool flat;                /* inside a group (left to right), not between layers */
};

struct layered_graph {
	struct layered_node *n;
	size_t nn;
	struct layered_edge *e;
	size_t ne;
	double ranksep, nodesep;  /* points */
	double w, h;              /* out: the whole drawing's size */
};

/* Lay g out.  Thread-safe (Graphviz is not: calls are serialised).
 * ERR_INVALID on a bad edge index; ERR_NOMEM; ERR_UNAVAILABLE when dot fails. */
enum err layered_layout(struct layered_graph *g);

#endif

/*
 * chart.h - small line charts drawn as SVG by the server: a 1-10 scale
 * over time, one line per series (the plan's goals and their ratings).
 */
#ifndef MAJAKKA_CHART_H
#define MAJAKKA_CHART_H

#include "core/buf.h"
#include "core/err.h"

#define CHART_POINTS_MAX 32

struct chart_series {
	const char *label;                 /* "1", "2": the goal's number */
	int n;
	char dates[CHART_POINTS_MAX][11];  /* YYYY-MM-DD, ascending */
	int values[CHART_POINTS_MAX];      /* 1..10 */
};

/* An <svg> of the series (x: the dates, by position; y: 1..10), titled
 * title (escaped) for screen readers, appended to out. */
enum err chart_scale_svg(struct buf *out, const struct chart_series *s, int nseries, const char *title);

#endif

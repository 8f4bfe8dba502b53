/*
 * chart.c - server-drawn SVG charts (see chart.h).
 */
#include <string.h>
#include "view/chart.h"

#define W 320
#define H 170
#define L 28   /* left: the scale's numbers */
#define R 12
#define T 10
#define B 26   /* bottom: the dates */

static const char *const colours[] = { "#1d5fa7", "#b4461b", "#2e7d32", "#6a1b9a", "#8d6e00", "#00838f" };

enum err chart_scale_svg(struct buf *out, const struct chart_series *s, int nseries, const char *title)
{
	char dates[CHART_POINTS_MAX * 2][11];
	int nd = 0;
	enum err e;

	/* The dates of every series, sorted and unique: the x positions. */
	for (int i = 0; i < nseries; i++)
		for (int j = 0; j < s[i].n; j++) {
			int k = 0;
			while (k < nd && strcmp(dates[k], s[i].dates[j]) < 0)
				k++;
			if (k < nd && !strcmp(dates[k], s[i].dates[j]))
				continue;
			if (nd == (int)(sizeof(dates) / sizeof(dates[0])))
				break;
			memmove(dates[k + 1], dates[k], (size_t)(nd - k) * sizeof(dates[0]));
			memcpy(dates[k], s[i].dates[j], sizeof(dates[0]));
			nd++;
		}
	e = buf_appendf(out, "<svg class=\"chart\" viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"", W, H);
	if (!e) e = buf_append_html(out, title, strlen(title));
	if (!e) e = buf_appends(out, "\" xmlns=\"http://www.w3.org/2000/svg\">");
	/* The scale: 1, 5 and 10. */
	for (int v = 1; !e && v <= 10; v += v == 1 ? 4 : 5) {
		int y = T + (10 - v) * (H - T - B) / 9;
		e = buf_appendf(out, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#ccc\"/>"
				     "<text x=\"%d\" y=\"%d\" font-size=\"11\" text-anchor=\"end\" fill=\"#444\">%d</text>",
				L, y, W - R, y, L - 6, y + 4, v);
	}
	for (int k = 0; !e && k < nd; k++) {
		int x = nd == 1 ? (L + W - R) / 2 : L + 8 + k * (W - R - L - 16) / (nd - 1);
		/* "2026-03-05" shown as 5.3.: short and language-neutral. */
		int d = (dates[k][8] - '0') * 10 + (dates[k][9] - '0'), m = (dates[k][5] - '0') * 10 + (dates[k][6] - '0');
		e = buf_appendf(out, "<text x=\"%d\" y=\"%d\" font-size=\"11\" text-anchor=\"middle\" fill=\"#444\">%d.%d.</text>",
				x, H - 8, d, m);
	}
	for (int i = 0; !e && i < nseries; i++) {
		const char *c = colours[i % (sizeof(colours) / sizeof(colours[0]))];
		e = buf_appendf(out, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2.5\" points=\"", c);
		for (int j = 0; !e && j < s[i].n; j++) {
			int k = 0, x, y;
			while (k < nd - 1 && strcmp(dates[k], s[i].dates[j]))
				k++;
			x = nd == 1 ? (L + W - R) / 2 : L + 8 + k * (W - R - L - 16) / (nd - 1);
			y = T + (10 - s[i].values[j]) * (H - T - B) / 9;
			e = buf_appendf(out, "%s%d,%d", j ? " " : "", x, y);
		}
		if (!e) e = buf_appends(out, "\"/>");
		for (int j = 0; !e && j < s[i].n; j++) {
			int k = 0, x, y;
			while (k < nd - 1 && strcmp(dates[k], s[i].dates[j]))
				k++;
			x = nd == 1 ? (L + W - R) / 2 : L + 8 + k * (W - R - L - 16) / (nd - 1);
			y = T + (10 - s[i].values[j]) * (H - T - B) / 9;
			e = buf_appendf(out, "<circle cx=\"%d\" cy=\"%d\" r=\"4\" fill=\"%s\"/>", x, y, c);
		}
		/* The series' label at its last point: which goal the line is. */
		if (!e && s[i].n && s[i].label) {
			int k = 0, x, y, j = s[i].n - 1;
			while (k < nd - 1 && strcmp(dates[k], s[i].dates[j]))
				k++;
			x = nd == 1 ? (L + W - R) / 2 : L + 8 + k * (W - R - L - 16) / (nd - 1);
			y = T + (10 - s[i].values[j]) * (H - T - B) / 9;
			e = buf_appendf(out, "<text x=\"%d\" y=\"%d\" font-size=\"11\" font-weight=\"bold\" fill=\"%s\">",
					x + 6, y + (i % 2 ? 12 : -4), c);
			if (!e) e = buf_append_html(out, s[i].label, strlen(s[i].label));
			if (!e) e = buf_appends(out, "</text>");
		}
	}
	if (!e) e = buf_appends(out, "</svg>");
	return e;
}

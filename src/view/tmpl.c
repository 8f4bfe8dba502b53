/*
 * tmpl.c - template compiler and renderer (see tmpl.h).
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "core/str.h"
#include "view/i18n.h"
#include "view/tmpl.h"

#define TMPL_MAX_SIZE (1024 * 1024)

static int atoi_n(const char *s, int n)
{
	int v = 0;
	for (int i = 0; i < n; i++)
		v = v * 10 + (s[i] - '0');
	return v;
}
#define MAX_DEPTH 64
#define MAX_PARTIAL_DEPTH 16

enum node_type { N_TEXT, N_VAR, N_RAW, N_SECTION, N_INVERTED, N_PARTIAL, N_TRANS, N_DATE };

struct node {
	enum node_type type;
	char *text;            /* N_TEXT: literal; others: name / key / partial */
	size_t len;
	char *arg;             /* N_TRANS: the placeholder's name or NULL */
	struct node *kids;
	size_t nkids;
};

struct tmpl {
	char *name;
	struct node root;
};

struct tmpl_set {
	const struct i18n *cat;
	struct tmpl *t;
	size_t n;
};

static void node_clear(struct node *n)
{
	for (size_t i = 0; i < n->nkids; i++)
		node_clear(&n->kids[i]);
	free(n->kids);
	free(n->text);
	free(n->arg);
	memset(n, 0, sizeof(*n));
}

static struct node *add_kid(struct node *parent)
{
	struct node *k = realloc(parent->kids, (parent->nkids + 1) * sizeof(*k));
	if (!k)
		return NULL;
	parent->kids = k;
	memset(&k[parent->nkids], 0, sizeof(*k));
	return &k[parent->nkids++];
}

static int line_of(const char *start, const char *p)
{
	int line = 1;
	for (; start < p; start++)
		if (*start == '\n')
			line++;
	return line;
}

static bool valid_name(const char *s)
{
	if (!*s)
		return false;
	if (!strcmp(s, "."))
		return true;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') ||
		      *s == '_' || *s == '.' || *s == '-'))
			return false;
	return true;
}

static enum err compile(const char *name, const char *text, struct node *root, char *errmsg, size_t errsz)
{
	struct node *stack[MAX_DEPTH];
	int depth = 0;
	const char *p = text;
	enum err e = ERR_OK;

	stack[0] = root;
	while (*p && !e) {
		const char *open = strstr(p, "{{"), *close;
		char tag[256], *t;
		size_t tl;
		struct node *n;

		if (!open)
			open = p + strlen(p);
		if (open > p) {
			n = add_kid(stack[depth]);
			if (!n || !(n->text = strndup(p, (size_t)(open - p))))
				return ERR_NOMEM;
			n->type = N_TEXT;
			n->len = (size_t)(open - p);
		}
		if (!*open)
			break;
		close = strstr(open + 2, "}}");
		if (!close) {
			snprintf(errmsg, errsz, "%s:%d: unclosed {{", name, line_of(text, open));
			return ERR_INVALID;
		}
		tl = (size_t)(close - open - 2);
		if (tl >= sizeof(tag)) {
			snprintf(errmsg, errsz, "%s:%d: tag too long", name, line_of(text, open));
			return ERR_INVALID;
		}
		memcpy(tag, open + 2, tl);
		tag[tl] = 0;
		p = close + 2;
		t = tag;
		while (*t == ' ')
			t++;
		while (tl && (tag[tl - 1] == ' '))
			tag[--tl] = 0;
		if (*t == '!')
			continue;
		if (*t == '#' || *t == '^' || *t == '/' || *t == '>' || *t == '&') {
			char sigil = *t++;
			while (*t == ' ')
				t++;
			if (!valid_name(t)) {
				snprintf(errmsg, errsz, "%s:%d: bad name '%s'", name, line_of(text, open), t);
				return ERR_INVALID;
			}
			if (sigil == '/') {
				if (depth == 0 || strcmp(stack[depth]->text, t)) {
					snprintf(errmsg, errsz, "%s:%d: {{/%s}} closes %s", name, line_of(text, open), t,
						 depth ? stack[depth]->text : "nothing");
					return ERR_INVALID;
				}
				depth--;
				continue;
			}
			n = add_kid(stack[depth]);
			if (!n || !(n->text = strdup(t)))
				return ERR_NOMEM;
			n->type = sigil == '#' ? N_SECTION : sigil == '^' ? N_INVERTED :
				  sigil == '>' ? N_PARTIAL : N_RAW;
			if (n->type == N_SECTION || n->type == N_INVERTED) {
				if (depth + 1 >= MAX_DEPTH) {
					snprintf(errmsg, errsz, "%s:%d: sections nested too deep", name, line_of(text, open));
					return ERR_INVALID;
				}
				stack[++depth] = n;
			}
			continue;
		}
		if (!strncmp(t, "d:", 2)) {
			if (!valid_name(t + 2)) {
				snprintf(errmsg, errsz, "%s:%d: bad date tag", name, line_of(text, open));
				return ERR_INVALID;
			}
			n = add_kid(stack[depth]);
			if (!n || !(n->text = strdup(t + 2)))
				return ERR_NOMEM;
			n->type = N_DATE;
			continue;
		}
		if (!strncmp(t, "t:", 2)) {
			char *key = t + 2, *sp = strchr(key, ' ');
			if (sp) {
				*sp++ = 0;
				while (*sp == ' ')
					sp++;
			}
			if (!valid_name(key) || (sp && !valid_name(sp))) {
				snprintf(errmsg, errsz, "%s:%d: bad translation tag", name, line_of(text, open));
				return ERR_INVALID;
			}
			n = add_kid(stack[depth]);
			if (!n || !(n->text = strdup(key)) || (sp && !(n->arg = strdup(sp))))
				return ERR_NOMEM;
			n->type = N_TRANS;
			continue;
		}
		if (!valid_name(t)) {
			snprintf(errmsg, errsz, "%s:%d: bad tag '{{%s}}'", name, line_of(text, open), t);
			return ERR_INVALID;
		}
		n = add_kid(stack[depth]);
		if (!n || !(n->text = strdup(t)))
			return ERR_NOMEM;
		n->type = N_VAR;
	}
	if (depth) {
		snprintf(errmsg, errsz, "%s: section {{#%s}} is not closed", name, stack[depth]->text);
		return ERR_INVALID;
	}
	return e;
}

struct tmpl_set *tmpl_set_new(const struct i18n *cat)
{
	struct tmpl_set *s = calloc(1, sizeof(*s));
	if (s)
		s->cat = cat;
	return s;
}

static struct tmpl *find(const struct tmpl_set *s, const char *name)
{
	for (size_t i = 0; i < s->n; i++)
		if (!strcmp(s->t[i].name, name))
			return &s->t[i];
	return NULL;
}

bool tmpl_exists(const struct tmpl_set *s, const char *name)
{
	return find(s, name) != NULL;
}

enum err tmpl_set_add(struct tmpl_set *s, const char *name, const char *text, char *errmsg, size_t errsz)
{
	struct node root = { 0 };
	struct tmpl *t;
	enum err e;

	if (strlen(text) > TMPL_MAX_SIZE) {
		snprintf(errmsg, errsz, "%s: larger than 1 MiB", name);
		return ERR_TOO_LARGE;
	}
	e = compile(name, text, &root, errmsg, errsz);
	if (e) {
		node_clear(&root);
		return e;
	}
	t = find(s, name);
	if (t) {
		node_clear(&t->root);
		t->root = root;
		return ERR_OK;
	}
	t = realloc(s->t, (s->n + 1) * sizeof(*t));
	if (!t) {
		node_clear(&root);
		return ERR_NOMEM;
	}
	s->t = t;
	s->t[s->n].name = strdup(name);
	s->t[s->n].root = root;
	if (!s->t[s->n].name) {
		node_clear(&root);
		return ERR_NOMEM;
	}
	s->n++;
	return ERR_OK;
}

static enum err read_all(const char *path, char **out)
{
	FILE *f = fopen(path, "rb");
	struct buf b;
	char chunk[8192];
	size_t n;
	enum err e = ERR_OK;

	if (!f)
		return ERR_NOT_FOUND;
	buf_init(&b, TMPL_MAX_SIZE);
	while (!e && (n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		e = buf_append(&b, chunk, n);
	fclose(f);
	if (e) {
		buf_release(&b);
		return e;
	}
	*out = buf_detach(&b, NULL);
	return ERR_OK;
}

enum err tmpl_set_load(struct tmpl_set **out, const char *dir, const struct i18n *cat,
		       char *errmsg, size_t errsz)
{
	struct tmpl_set *s = tmpl_set_new(cat);
	DIR *d;
	struct dirent *de;
	enum err e = ERR_OK;

	*out = NULL;
	if (!s)
		return ERR_NOMEM;
	d = opendir(dir);
	if (!d) {
		snprintf(errmsg, errsz, "%s: cannot open directory", dir);
		tmpl_set_free(s);
		return ERR_NOT_FOUND;
	}
	while (!e && (de = readdir(d))) {
		size_t n = strlen(de->d_name);
		char path[1024], name[256], *text = NULL;
		if (n < 6 || n - 5 >= sizeof(name) || strcmp(de->d_name + n - 5, ".html") || de->d_name[0] == '.')
			continue;
		memcpy(name, de->d_name, n - 5);
		name[n - 5] = 0;
		snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
		e = read_all(path, &text);
		if (e)
			snprintf(errmsg, errsz, "%s: cannot read", path);
		if (!e && !str_utf8_valid(text, strlen(text))) {
			snprintf(errmsg, errsz, "%s: not valid UTF-8", path);
			e = ERR_INVALID;
		}
		if (!e)
			e = tmpl_set_add(s, name, text, errmsg, errsz);
		free(text);
	}
	closedir(d);
	if (e) {
		tmpl_set_free(s);
		return e;
	}
	*out = s;
	return ERR_OK;
}

void tmpl_set_free(struct tmpl_set *s)
{
	if (!s)
		return;
	for (size_t i = 0; i < s->n; i++) {
		free(s->t[i].name);
		node_clear(&s->t[i].root);
	}
	free(s->t);
	free(s);
}

/* ---- dates ---------------------------------------------------------------- */

static bool digits_at(const char *s, const char *pattern)
{
	for (; *pattern; s++, pattern++) {
		if (*pattern == '9' ? !(*s >= '0' && *s <= '9') : *s != *pattern)
			return false;
	}
	return true;
}

void tmpl_format_date(const char *s, const char *lang, char *out, size_t outsz)
{
	bool en = lang && !strcmp(lang, "en");
	int y, mo, d, h = -1, mi = 0;
	size_t n = strlen(s);

	if (n < 10 || !digits_at(s, "9999-99-99")) {
		snprintf(out, outsz, "%s", s);
		return;
	}
	y = atoi_n(s, 4);
	mo = atoi_n(s + 5, 2);
	d = atoi_n(s + 8, 2);
	if (n >= 16 && digits_at(s + 10, "T99:99")) {
		h = atoi_n(s + 11, 2);
		mi = atoi_n(s + 14, 2);
		if (n == 20 && s[19] == 'Z') {
			/* A UTC timestamp: show it in the server's local time (Finland). */
			struct tm tm = { .tm_year = y - 1900, .tm_mon = mo - 1, .tm_mday = d, .tm_hour = h,
					 .tm_min = mi, .tm_sec = atoi_n(s + 17, 2) };
			time_t t = timegm(&tm);
			struct tm lt;
			localtime_r(&t, &lt);
			y = lt.tm_year + 1900;
			mo = lt.tm_mon + 1;
			d = lt.tm_mday;
			h = lt.tm_hour;
			mi = lt.tm_min;
		}
	}
	if (en) {
		if (h >= 0)
			snprintf(out, outsz, "%04d-%02d-%02d %02d:%02d", y, mo, d, h, mi);
		else
			snprintf(out, outsz, "%04d-%02d-%02d", y, mo, d);
	} else if (h >= 0) {
		snprintf(out, outsz, "%d.%d.%d %s %d.%02d", d, mo, y, lang && !strcmp(lang, "sv") ? "kl." : "klo", h, mi);
	} else {
		snprintf(out, outsz, "%d.%d.%d", d, mo, y);
	}
}

/* ---- rendering ------------------------------------------------------------ */

struct render {
	const struct tmpl_set *set;
	const char *lang;
	struct buf *out;
	json_t *stack[MAX_DEPTH + MAX_PARTIAL_DEPTH];
	int depth;
	int partials;
};

static json_t *lookup(struct render *r, const char *name)
{
	char seg[128];
	const char *dot;
	size_t n;
	json_t *v = NULL;

	if (!strcmp(name, "."))
		return r->stack[r->depth - 1];
	dot = strchr(name, '.');
	n = dot ? (size_t)(dot - name) : strlen(name);
	if (n >= sizeof(seg))
		return NULL;
	memcpy(seg, name, n);
	seg[n] = 0;
	for (int i = r->depth - 1; i >= 0 && !v; i--)
		if (json_is_object(r->stack[i]))
			v = json_object_get(r->stack[i], seg);
	while (v && dot) {
		name = dot + 1;
		dot = strchr(name, '.');
		n = dot ? (size_t)(dot - name) : strlen(name);
		if (n >= sizeof(seg))
			return NULL;
		memcpy(seg, name, n);
		seg[n] = 0;
		v = json_is_object(v) ? json_object_get(v, seg) : NULL;
	}
	return v;
}

static bool truthy(json_t *v)
{
	if (!v || json_is_null(v) || json_is_false(v))
		return false;
	if (json_is_array(v))
		return json_array_size(v) > 0;
	if (json_is_string(v))
		return json_string_length(v) > 0;
	if (json_is_integer(v))
		return json_integer_value(v) != 0;
	if (json_is_real(v))
		return json_real_value(v) != 0.0;
	return true;
}

static enum err emit_value(struct buf *out, json_t *v, bool escape)
{
	char num[64];
	const char *s = NULL;
	size_t n = 0;

	if (!v || json_is_null(v) || json_is_object(v) || json_is_array(v))
		return ERR_OK;
	if (json_is_string(v)) {
		s = json_string_value(v);
		n = json_string_length(v);
	} else if (json_is_integer(v)) {
		n = (size_t)snprintf(num, sizeof(num), "%" JSON_INTEGER_FORMAT, json_integer_value(v));
		s = num;
	} else if (json_is_real(v)) {
		n = (size_t)snprintf(num, sizeof(num), "%g", json_real_value(v));
		s = num;
	} else {
		s = json_is_true(v) ? "true" : "false";
		n = strlen(s);
	}
	return escape ? buf_append_html(out, s, n) : buf_append(out, s, n);
}

static enum err render_nodes(struct render *r, const struct node *nodes, size_t n);

static enum err render_node(struct render *r, const struct node *nd)
{
	json_t *v;
	enum err e = ERR_OK;

	switch (nd->type) {
	case N_TEXT:
		return buf_append(r->out, nd->text, nd->len);
	case N_VAR:
		return emit_value(r->out, lookup(r, nd->text), true);
	case N_RAW:
		return emit_value(r->out, lookup(r, nd->text), false);
	case N_DATE: {
		char out[64];
		v = lookup(r, nd->text);
		if (!json_is_string(v))
			return emit_value(r->out, v, true);
		tmpl_format_date(json_string_value(v), r->lang, out, sizeof(out));
		return buf_append_html(r->out, out, strlen(out));
	}
	case N_TRANS: {
		const char *s = i18n_get(r->set->cat, r->lang, nd->text);
		const char *ph;
		if (!s)
			s = nd->text;
		ph = nd->arg ? strstr(s, "{}") : NULL;
		if (!ph)
			return buf_append_html(r->out, s, strlen(s));
		e = buf_append_html(r->out, s, (size_t)(ph - s));
		if (!e)
			e = emit_value(r->out, lookup(r, nd->arg), true);
		if (!e)
			e = buf_append_html(r->out, ph + 2, strlen(ph + 2));
		return e;
	}
	case N_PARTIAL: {
		const struct tmpl *t = find(r->set, nd->text);
		if (!t)
			return ERR_NOT_FOUND;
		if (r->partials >= MAX_PARTIAL_DEPTH)
			return ERR_INVALID;
		r->partials++;
		e = render_nodes(r, t->root.kids, t->root.nkids);
		r->partials--;
		return e;
	}
	case N_SECTION:
		v = lookup(r, nd->text);
		if (!truthy(v))
			return ERR_OK;
		if (r->depth >= MAX_DEPTH + MAX_PARTIAL_DEPTH - 1)
			return ERR_INVALID;
		if (json_is_array(v)) {
			size_t i;
			json_t *el;
			json_array_foreach(v, i, el) {
				r->stack[r->depth++] = el;
				e = render_nodes(r, nd->kids, nd->nkids);
				r->depth--;
				if (e)
					break;
			}
			return e;
		}
		if (json_is_object(v)) {
			r->stack[r->depth++] = v;
			e = render_nodes(r, nd->kids, nd->nkids);
			r->depth--;
			return e;
		}
		return render_nodes(r, nd->kids, nd->nkids);
	case N_INVERTED:
		if (truthy(lookup(r, nd->text)))
			return ERR_OK;
		return render_nodes(r, nd->kids, nd->nkids);
	}
	return ERR_OK;
}

static enum err render_nodes(struct render *r, const struct node *nodes, size_t n)
{
	enum err e = ERR_OK;
	for (size_t i = 0; !e && i < n; i++)
		e = render_node(r, &nodes[i]);
	return e;
}

enum err tmpl_render(const struct tmpl_set *set, const char *name, json_t *ctx, const char *lang,
		     struct buf *out)
{
	const struct tmpl *t = find(set, name);
	struct render r = { .set = set, .lang = lang ? lang : "fi", .out = out };

	if (!t)
		return ERR_NOT_FOUND;
	r.stack[r.depth++] = ctx;
	return render_nodes(&r, t->root.kids, t->root.nkids);
}

/*
 * tmpl.c - template compiler and renderer (see tmpl.h).
 *
 * Work that does not depend on the context is done once, when a template is
 * added: names are split into their parts, {{t:key}} is translated into every
 * language of the catalog and escaped, and merged with the literal text
 * around it, so a static run of a page is one memcpy; {{>partial}} is bound
 * to its template's slot.  Rendering only looks values up and escapes them.
 */
#include <dirent.h>
#include <stdint.h>
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
#define NLANG I18N_NLANG
/* A part of a name this long or longer never matches (as it never has). */
#define PART_MAX 128

enum node_type { N_TEXT, N_VAR, N_RAW, N_SECTION, N_INVERTED, N_PARTIAL, N_TRANS, N_DATE };

/* A name split at its dots: looked up part by part without copying. */
struct path {
	struct part {
		const char *s;  /* into the node's text or arg */
		size_t n;
	} *parts;
	size_t nparts;
	bool self;              /* "." : the current context */
	bool never;             /* a part of PART_MAX bytes or more */
};

struct node {
	enum node_type type;
	char *text;            /* while compiling, N_TEXT: literal; others: name / key / partial */
	size_t len;
	char *arg;             /* N_TRANS: the placeholder's name or NULL */
	struct path path;      /* N_VAR, N_RAW, N_DATE, sections: text; N_TRANS: arg */
	/* Per language, escaped.  N_TEXT: the literal run with the translations
	 * merged in.  N_TRANS: the text before "{}", and after it (post is NULL
	 * when the text has no "{}").  Languages with the same text share it. */
	char *lit[NLANG];
	size_t litlen[NLANG];
	char *post[NLANG];
	size_t postlen[NLANG];
	long partial;          /* N_PARTIAL: the template's slot in the set, -1 while missing */
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

/* Free each distinct string of a per-language array. */
static void free_shared(char **v)
{
	for (int i = 0; i < NLANG; i++) {
		bool seen = false;
		for (int j = 0; j < i && !seen; j++)
			seen = v[j] == v[i];
		if (!seen)
			free(v[i]);
	}
}

static void node_clear(struct node *n)
{
	for (size_t i = 0; i < n->nkids; i++)
		node_clear(&n->kids[i]);
	free(n->kids);
	free(n->text);
	free(n->arg);
	free(n->path.parts);
	free_shared(n->lit);
	free_shared(n->post);
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

/* ---- the second pass: what does not depend on the context ----------------- */

static enum err path_compile(struct path *p, const char *name)
{
	size_t k = 0;

	if (!strcmp(name, ".")) {
		p->self = true;
		return ERR_OK;
	}
	p->nparts = 1;
	for (const char *c = name; *c; c++)
		p->nparts += *c == '.';
	p->parts = calloc(p->nparts, sizeof(*p->parts));
	if (!p->parts)
		return ERR_NOMEM;
	for (const char *c = name;; c++) {
		const char *dot = strchr(c, '.');
		size_t n = dot ? (size_t)(dot - c) : strlen(c);
		p->parts[k].s = c;
		p->parts[k++].n = n;
		if (n >= PART_MAX)
			p->never = true;
		if (!dot)
			break;
		c = dot;
	}
	return ERR_OK;
}

/* The text of key in language l: the catalog's (which falls back to
 * Finnish), else the key itself. */
static const char *trans_text(const struct tmpl_set *s, int l, const char *key)
{
	const char *t = i18n_get(s->cat, i18n_lang_code(l), key);
	return t ? t : key;
}

_Static_assert(NLANG == 3, "every_lang lists each language");
static const bool every_lang[NLANG] = { true, true, true };

/* Move each language's buffer into v (NULL where use[l] is false), sharing
 * equal texts between languages. */
static void detach_shared(struct buf *b, const bool *use, char **v, size_t *len)
{
	for (int l = 0; l < NLANG; l++) {
		v[l] = NULL;
		len[l] = 0;
		if (!use[l]) {
			buf_release(&b[l]);
			continue;
		}
		for (int j = 0; j < l && !v[l]; j++) {
			if (v[j] && len[j] == b[l].len && !memcmp(v[j], buf_str(&b[l]), b[l].len)) {
				v[l] = v[j];
				len[l] = len[j];
			}
		}
		if (v[l]) {
			buf_release(&b[l]);
		} else {
			len[l] = b[l].len;
			v[l] = buf_detach(&b[l], NULL);
		}
	}
}

static void bufs_init(struct buf *b)
{
	for (int l = 0; l < NLANG; l++)
		buf_init(&b[l], BUF_MAX_DEFAULT);
}

static void bufs_release(struct buf *b)
{
	for (int l = 0; l < NLANG; l++)
		buf_release(&b[l]);
}

static enum err finish(const struct tmpl_set *s, struct node *parent);

/* N_TRANS with a placeholder: split each language's text at its "{}". */
static enum err finish_trans(const struct tmpl_set *s, struct node *nd)
{
	struct buf pre[NLANG], post[NLANG];
	bool has_post[NLANG];
	enum err e = ERR_OK;

	bufs_init(pre);
	bufs_init(post);
	for (int l = 0; !e && l < NLANG; l++) {
		const char *t = trans_text(s, l, nd->text), *ph = strstr(t, "{}");
		has_post[l] = ph != NULL;
		e = buf_append_html(&pre[l], t, ph ? (size_t)(ph - t) : strlen(t));
		if (!e && ph)
			e = buf_append_html(&post[l], ph + 2, strlen(ph + 2));
		/* Allocate even an empty text: post NULL means "no {}". */
		if (!e)
			e = buf_grow(&pre[l], 0);
		if (!e)
			e = buf_grow(&post[l], 0);
	}
	if (!e) {
		detach_shared(pre, every_lang, nd->lit, nd->litlen);
		detach_shared(post, has_post, nd->post, nd->postlen);
	}
	bufs_release(pre);
	bufs_release(post);
	return e ? e : path_compile(&nd->path, nd->arg);
}

/* One node that is not literal text. */
static enum err finish_node(const struct tmpl_set *s, struct node *nd)
{
	switch (nd->type) {
	case N_PARTIAL:
		nd->partial = -1;   /* bound by bind_partials once the template is in the set */
		return ERR_OK;
	case N_TRANS:
		return finish_trans(s, nd);
	case N_SECTION:
	case N_INVERTED: {
		enum err e = path_compile(&nd->path, nd->text);
		return e ? e : finish(s, nd);
	}
	default:
		return path_compile(&nd->path, nd->text);
	}
}

/* Rebuild parent's children: each run of literal text and {{t:key}} without
 * a placeholder becomes one N_TEXT with its text in every language. */
static enum err finish(const struct tmpl_set *s, struct node *parent)
{
	struct node *kids = parent->kids, *out;
	size_t n = parent->nkids, m = 0, i;
	struct buf run[NLANG];
	bool in_run = false;
	enum err e = ERR_OK;

	out = calloc(n ? n : 1, sizeof(*out));
	if (!out)
		return ERR_NOMEM;
	bufs_init(run);
	for (i = 0; !e && i <= n; i++) {
		struct node *k = i < n ? &kids[i] : NULL;
		bool literal = k && (k->type == N_TEXT || (k->type == N_TRANS && !k->arg));

		if (literal) {
			for (int l = 0; !e && l < NLANG; l++)
				e = k->type == N_TEXT ? buf_append(&run[l], k->text, k->len) :
					buf_append_html(&run[l], trans_text(s, l, k->text), strlen(trans_text(s, l, k->text)));
			in_run = true;
			node_clear(k);
			continue;
		}
		if (in_run) {
			bool empty = true;
			for (int l = 0; l < NLANG; l++)
				empty &= run[l].len == 0;
			if (!empty) {
				for (int l = 0; !e && l < NLANG; l++)
					e = buf_grow(&run[l], 0);
				if (e)
					break;
							out[m].type = N_TEXT;
				detach_shared(run, every_lang, out[m].lit, out[m].litlen);
				m++;
			}
			bufs_release(run);
			in_run = false;
		}
		if (k) {
			out[m] = *k;
			memset(k, 0, sizeof(*k));
			e = finish_node(s, &out[m++]);
		}
	}
	bufs_release(run);
	for (; i < n; i++)
		node_clear(&kids[i]);
	free(kids);
	parent->kids = out;
	parent->nkids = m;
	return e;
}

static long find_slot(const struct tmpl_set *s, const char *name)
{
	for (size_t i = 0; i < s->n; i++)
		if (!strcmp(s->t[i].name, name))
			return (long)i;
	return -1;
}

/* Point every partial at its template's slot.  Slots never move (a
 * template replaced keeps its slot; none is removed), so this is needed only
 * for the partials that were still missing. */
static void bind_partials(const struct tmpl_set *s, struct node *nd)
{
	if (nd->type == N_PARTIAL && nd->partial < 0)
		nd->partial = find_slot(s, nd->text);
	for (size_t i = 0; i < nd->nkids; i++)
		bind_partials(s, &nd->kids[i]);
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
	long i = find_slot(s, name);
	return i >= 0 ? &s->t[i] : NULL;
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
	if (!e) {
		e = finish(s, &root);
		if (e)
			snprintf(errmsg, errsz, "%s: out of memory", name);
	}
	if (e) {
		node_clear(&root);
		return e;
	}
	t = find(s, name);
	if (t) {
		node_clear(&t->root);
		t->root = root;
		bind_partials(s, &t->root);
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
	for (size_t i = 0; i < s->n; i++)
		bind_partials(s, &s->t[i].root);
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

/* v as printf's "%0*lld" would write it; returns the end. */
static char *put_int(char *p, long long v, int width)
{
	char tmp[24];
	int n = 0;
	unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;

	do {
		tmp[n++] = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	if (v < 0) {
		*p++ = '-';
		width--;
	}
	for (; width > n; width--)
		*p++ = '0';
	while (n)
		*p++ = tmp[--n];
	return p;
}

/* put_int for the parts of a date, which are almost always 0..9999. */
static inline char *put_part(char *p, int v, int width)
{
	int nd;

	if (v < 0 || v > 9999)
		return put_int(p, v, width);
	nd = v >= 1000 ? 4 : v >= 100 ? 3 : v >= 10 ? 2 : 1;
	for (; width > nd; width--)
		*p++ = '0';
	switch (nd) {
	case 4: *p++ = (char)('0' + v / 1000); /* fall through */
	case 3: *p++ = (char)('0' + v / 100 % 10); /* fall through */
	case 2: *p++ = (char)('0' + v / 10 % 10); /* fall through */
	default: *p++ = (char)('0' + v % 10);
	}
	return p;
}

/* Copy n bytes of s into out of outsz as snprintf would (cut, NUL-ended);
 * returns the length written. */
static size_t copy_cut(char *out, size_t outsz, const char *s, size_t n)
{
	if (!outsz)
		return 0;
	if (n > outsz - 1)
		n = outsz - 1;
	memcpy(out, s, n);
	out[n] = '\0';
	return n;
}

/* tmpl_format_date for the language of index lang (-1 = unknown: Finnish);
 * returns the length written. */
static size_t format_date(const char *s, int lang, char *out, size_t outsz)
{
	int y, mo, d, h = -1, mi = 0;
	size_t n = strlen(s);
	char tmp[96], *p = tmp;

	if (n < 10 || !digits_at(s, "9999-99-99"))
		return copy_cut(out, outsz, s, n);
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
	/* Written by hand: snprintf cost more than the rest of a date. */
	if (lang == 2) {                        /* en: 2026-11-24 09:30 */
		p = put_part(p, y, 4);
		*p++ = '-';
		p = put_part(p, mo, 2);
		*p++ = '-';
		p = put_part(p, d, 2);
		if (h >= 0) {
			*p++ = ' ';
			p = put_part(p, h, 2);
			*p++ = ':';
			p = put_part(p, mi, 2);
		}
	} else {                                /* fi 24.11.2026 klo 9.30, sv kl. */
		p = put_part(p, d, 0);
		*p++ = '.';
		p = put_part(p, mo, 0);
		*p++ = '.';
		p = put_part(p, y, 0);
		if (h >= 0) {
			memcpy(p, lang == 1 ? " kl. " : " klo ", 5);
			p += 5;
			p = put_part(p, h, 0);
			*p++ = '.';
			p = put_part(p, mi, 2);
		}
	}
	return copy_cut(out, outsz, tmp, (size_t)(p - tmp));
}

void tmpl_format_date(const char *s, const char *lang, char *out, size_t outsz)
{
	format_date(s, i18n_lang_index(lang), out, outsz);
}

/* ---- rendering ------------------------------------------------------------ */

struct render {
	const struct tmpl_set *set;
	int lang;               /* index; unknown languages read Finnish, as i18n_get does */
	struct buf *out;
	json_t *stack[MAX_DEPTH + MAX_PARTIAL_DEPTH];
	int depth;
	int partials;
	const char *slot;       /* {{&slot}} calls slot_fn instead (tmpl_render_slot) */
	enum err (*slot_fn)(struct buf *out, void *arg);
	void *slot_arg;
};

static json_t *lookup(const struct render *r, const struct path *p)
{
	json_t *v = NULL;

	if (p->self)
		return r->stack[r->depth - 1];
	if (p->never)
		return NULL;
	for (int i = r->depth - 1; i >= 0 && !v; i--)
		if (json_is_object(r->stack[i]))
			v = json_object_getn(r->stack[i], p->parts[0].s, p->parts[0].n);
	for (size_t k = 1; v && k < p->nparts; k++)
		v = json_is_object(v) ? json_object_getn(v, p->parts[k].s, p->parts[k].n) : NULL;
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

	if (!v)
		return ERR_OK;
	switch (json_typeof(v)) {
	case JSON_STRING:
		s = json_string_value(v);
		n = json_string_length(v);
		break;
	case JSON_INTEGER:
		/* Digits need no escaping. */
		return buf_append(out, num, (size_t)(put_int(num, json_integer_value(v), 0) - num));
	case JSON_REAL:
		n = (size_t)snprintf(num, sizeof(num), "%g", json_real_value(v));
		s = num;
		break;
	case JSON_TRUE:
		return buf_append(out, "true", 4);
	case JSON_FALSE:
		return buf_append(out, "false", 5);
	default:                                /* null, object, array */
		return ERR_OK;
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
		return buf_append(r->out, nd->lit[r->lang], nd->litlen[r->lang]);
	case N_VAR:
		return emit_value(r->out, lookup(r, &nd->path), true);
	case N_RAW:
		if (r->slot && nd->path.nparts == 1 && !nd->path.self &&
		    nd->path.parts[0].n == strlen(r->slot) && !memcmp(nd->path.parts[0].s, r->slot, nd->path.parts[0].n))
			return r->slot_fn(r->out, r->slot_arg);
		return emit_value(r->out, lookup(r, &nd->path), false);
	case N_DATE: {
		char out[64];
		v = lookup(r, &nd->path);
		/* Not a date (nor a string): shown whole as an ordinary value. */
		if (!json_is_string(v) || json_string_length(v) < 10 || !digits_at(json_string_value(v), "9999-99-99"))
			return emit_value(r->out, v, true);
		return buf_append_html(r->out, out, format_date(json_string_value(v), r->lang, out, sizeof(out)));
	}
	case N_TRANS:
		e = buf_append(r->out, nd->lit[r->lang], nd->litlen[r->lang]);
		if (!e && nd->post[r->lang]) {
			/* A date put into a text ("{} alkaen") in the reader's convention too. */
			v = lookup(r, &nd->path);
			if (json_is_string(v) && json_string_length(v) >= 10 && digits_at(json_string_value(v), "9999-99-99")) {
				char out[64];
				e = buf_append_html(r->out, out, format_date(json_string_value(v), r->lang, out, sizeof(out)));
			} else {
				e = emit_value(r->out, v, true);
			}
			if (!e)
				e = buf_append(r->out, nd->post[r->lang], nd->postlen[r->lang]);
		}
		return e;
	case N_PARTIAL: {
		const struct tmpl *t;
		if (nd->partial < 0)
			return ERR_NOT_FOUND;
		if (r->partials >= MAX_PARTIAL_DEPTH)
			return ERR_INVALID;
		t = &r->set->t[nd->partial];
		r->partials++;
		e = render_nodes(r, t->root.kids, t->root.nkids);
		r->partials--;
		return e;
	}
	case N_SECTION:
		v = lookup(r, &nd->path);
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
		if (truthy(lookup(r, &nd->path)))
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
	return tmpl_render_slot(set, name, ctx, lang, out, NULL, NULL, NULL);
}

enum err tmpl_render_slot(const struct tmpl_set *set, const char *name, json_t *ctx, const char *lang,
			  struct buf *out, const char *slot, enum err (*slot_fn)(struct buf *out, void *arg),
			  void *slot_arg)
{
	const struct tmpl *t = find(set, name);
	struct render r = { .set = set, .out = out, .slot = slot_fn ? slot : NULL, .slot_fn = slot_fn,
			    .slot_arg = slot_arg };

	if (!t)
		return ERR_NOT_FOUND;
	r.lang = i18n_lang_index(lang ? lang : "fi");
	if (r.lang < 0)
		r.lang = 0;
	r.stack[r.depth++] = ctx;
	return render_nodes(&r, t->root.kids, t->root.nkids);
}

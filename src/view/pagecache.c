/*
 * pagecache.c - rendered pages in memory (see pagecache.h).
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "view/pagecache.h"

#define STRIPES 16
/* A key may sit in any of the WAYS slots of its set: two pages whose keys
 * fall in the same set do not push each other out while others are idle. */
#define WAYS 8
#define SETS (PAGECACHE_SLOTS / WAYS)

struct slot {
	char *key;             /* NULL: empty */
	size_t klen;
	char *body;
	size_t len;
	int status;
	const char *content_type;
	uint64_t used;         /* when last found or kept: the set's oldest goes first */
};

struct pagecache {
	pthread_mutex_t mu[STRIPES];
	struct slot slots[PAGECACHE_SLOTS];
	uint64_t clock[SETS];  /* a set's use counter, under its stripe's lock */
	atomic_ulong hits, misses;
};

/* FNV-1a: the key's set. */
static unsigned set_of(const char *key, size_t klen)
{
	uint64_t h = 14695981039346656037ull;
	for (size_t i = 0; i < klen; i++) {
		h ^= (unsigned char)key[i];
		h *= 1099511628211ull;
	}
	return (unsigned)(h % SETS);
}

/* The slot of key in set, or NULL. */
static struct slot *find(struct pagecache *c, unsigned set, const char *key, size_t klen)
{
	struct slot *s = &c->slots[set * WAYS];
	for (int w = 0; w < WAYS; w++)
		if (s[w].key && s[w].klen == klen && !memcmp(s[w].key, key, klen))
			return &s[w];
	return NULL;
}

struct pagecache *pagecache_new(void)
{
	struct pagecache *c = calloc(1, sizeof(*c));
	if (!c)
		return NULL;
	for (int i = 0; i < STRIPES; i++)
		pthread_mutex_init(&c->mu[i], NULL);
	return c;
}

static void slot_clear(struct slot *s)
{
	free(s->key);
	free(s->body);
	memset(s, 0, sizeof(*s));
}

void pagecache_free(struct pagecache *c)
{
	if (!c)
		return;
	for (int i = 0; i < PAGECACHE_SLOTS; i++)
		slot_clear(&c->slots[i]);
	for (int i = 0; i < STRIPES; i++)
		pthread_mutex_destroy(&c->mu[i]);
	free(c);
}

bool pagecache_get(struct pagecache *c, const char *key, size_t klen, struct buf *out, int *status,
		   const char **content_type)
{
	unsigned set = set_of(key, klen);
	struct slot *s;
	bool hit;

	buf_reset(out);
	pthread_mutex_lock(&c->mu[set % STRIPES]);
	s = find(c, set, key, klen);
	hit = s != NULL;
	if (hit) {
		if (buf_append(out, s->body, s->len)) {
			buf_reset(out);
			hit = false;
		} else {
			*status = s->status;
			*content_type = s->content_type;
			s->used = ++c->clock[set];
		}
	}
	pthread_mutex_unlock(&c->mu[set % STRIPES]);
	atomic_fetch_add_explicit(hit ? &c->hits : &c->misses, 1, memory_order_relaxed);
	return hit;
}

void pagecache_put(struct pagecache *c, const char *key, size_t klen, const char *body, size_t len,
		   int status, const char *content_type)
{
	unsigned set = set_of(key, klen);
	struct slot n = { 0 }, old, *s;

	if (len > PAGECACHE_MAX_PAGE)
		return;
	n.key = malloc(klen ? klen : 1);
	n.body = malloc(len ? len : 1);
	if (!n.key || !n.body) {
		free(n.key);
		free(n.body);
		return;
	}
	memcpy(n.key, key, klen);
	memcpy(n.body, body, len);
	n.klen = klen;
	n.len = len;
	n.status = status;
	n.content_type = content_type;
	pthread_mutex_lock(&c->mu[set % STRIPES]);
	/* The same key's slot, else an empty one, else the least recently used. */
	s = find(c, set, key, klen);
	for (int w = 0; !s && w < WAYS; w++)
		if (!c->slots[set * WAYS + w].key)
			s = &c->slots[set * WAYS + w];
	if (!s) {
		s = &c->slots[set * WAYS];
		for (int w = 1; w < WAYS; w++)
			if (c->slots[set * WAYS + w].used < s->used)
				s = &c->slots[set * WAYS + w];
	}
	n.used = ++c->clock[set];
	old = *s;
	*s = n;
	pthread_mutex_unlock(&c->mu[set % STRIPES]);
	slot_clear(&old);
}

void pagecache_counts(struct pagecache *c, unsigned long *hits, unsigned long *misses)
{
	*hits = atomic_load_explicit(&c->hits, memory_order_relaxed);
	*misses = atomic_load_explicit(&c->misses, memory_order_relaxed);
}

/*
 * sessioncache.c - sessions and principals in memory (see sessioncache.h).
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include "model/sessioncache.h"

#define STRIPES 16

struct slot {
	bool used;
	int64_t gen;
	struct session_info s;
	struct principal p;
};

struct sessioncache {
	pthread_mutex_t mu[STRIPES];
	struct slot slots[SESSIONCACHE_SLOTS];
};

/* The token hash is BLAKE2b in hex: its first hex digits are as good an
 * index as any. */
static unsigned slot_of(const char *token_hash)
{
	unsigned v = 0;
	for (int i = 0; i < 8 && token_hash[i]; i++) {
		char ch = token_hash[i];
		v = v << 4 | (unsigned)(ch <= '9' ? ch - '0' : (ch | 0x20) - 'a' + 10);
	}
	return v % SESSIONCACHE_SLOTS;
}

struct sessioncache *sessioncache_new(void)
{
	struct sessioncache *c = calloc(1, sizeof(*c));
	if (!c)
		return NULL;
	for (int i = 0; i < STRIPES; i++)
		pthread_mutex_init(&c->mu[i], NULL);
	return c;
}

void sessioncache_free(struct sessioncache *c)
{
	if (!c)
		return;
	for (int i = 0; i < STRIPES; i++)
		pthread_mutex_destroy(&c->mu[i]);
	memset(c->slots, 0, sizeof(c->slots));
	free(c);
}

bool sessioncache_get(struct sessioncache *c, const char *token_hash, int64_t gen,
		      struct session_info *s, struct principal *p)
{
	unsigned i = slot_of(token_hash);
	struct slot *sl = &c->slots[i];
	bool hit;

	pthread_mutex_lock(&c->mu[i % STRIPES]);
	hit = sl->used && sl->gen == gen && !strcmp(sl->s.token_hash, token_hash);
	if (hit) {
		*s = sl->s;
		*p = sl->p;
	}
	pthread_mutex_unlock(&c->mu[i % STRIPES]);
	return hit;
}

void sessioncache_put(struct sessioncache *c, int64_t gen, const struct session_info *s,
		      const struct principal *p)
{
	unsigned i = slot_of(s->token_hash);
	struct slot *sl = &c->slots[i];

	pthread_mutex_lock(&c->mu[i % STRIPES]);
	/* A slower request that loaded before a change must not put back
	 * what the change replaced. */
	if (!(sl->used && sl->gen > gen && !strcmp(sl->s.token_hash, s->token_hash))) {
		sl->used = true;
		sl->gen = gen;
		sl->s = *s;
		sl->p = *p;
	}
	pthread_mutex_unlock(&c->mu[i % STRIPES]);
}

void sessioncache_touch(struct sessioncache *c, const char *token_hash, int64_t last_seen)
{
	unsigned i = slot_of(token_hash);
	struct slot *sl = &c->slots[i];

	pthread_mutex_lock(&c->mu[i % STRIPES]);
	if (sl->used && !strcmp(sl->s.token_hash, token_hash) && sl->s.last_seen < last_seen)
		sl->s.last_seen = last_seen;
	pthread_mutex_unlock(&c->mu[i % STRIPES]);
}

void sessioncache_drop(struct sessioncache *c, const char *token_hash)
{
	unsigned i = slot_of(token_hash);
	struct slot *sl = &c->slots[i];

	pthread_mutex_lock(&c->mu[i % STRIPES]);
	if (sl->used && !strcmp(sl->s.token_hash, token_hash))
		memset(sl, 0, sizeof(*sl));
	pthread_mutex_unlock(&c->mu[i % STRIPES]);
}

/*
 * ratelimit.c - fixed-capacity failure counter (see ratelimit.h).
 *
 * Open addressing with linear probing over a power-of-two table twice the
 * capacity; each entry keeps the times of its last max_failures failures in
 * a ring, so entries are max_failures * 8 bytes longer than struct entry
 * and the table is walked with a stride.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "auth/ratelimit.h"

#define KEY_MAX 96
#define MAX_LIMIT 1024          /* failures a limiter may allow */

struct entry {
	char key[KEY_MAX];
	bool used;
	unsigned n;             /* failures in the ring */
	unsigned head;
	int64_t last;           /* last activity */
	int64_t t[];            /* ring of max_failures failure times, ms */
};

struct ratelimit {
	pthread_mutex_t mu;
	unsigned max_failures;  /* also the ring's length */
	int64_t window_ms;
	size_t cap;             /* max keys */
	size_t slots;           /* table size */
	size_t count;
	size_t stride;          /* bytes per entry */
	unsigned char *table;
	struct entry *tmp;      /* one entry's room, for moving entries */
};

static struct entry *at(const struct ratelimit *rl, size_t i)
{
	return (struct entry *)(rl->table + i * rl->stride);
}

static uint64_t hash_key(const char *s)
{
	uint64_t h = 1469598103934665603ULL;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return h;
}

struct ratelimit *ratelimit_new(unsigned max_failures, unsigned window_seconds, size_t max_keys)
{
	struct ratelimit *rl = calloc(1, sizeof(*rl));
	if (!rl)
		return NULL;
	if (max_failures > MAX_LIMIT)
		max_failures = MAX_LIMIT;
	rl->max_failures = max_failures ? max_failures : 1;
	rl->window_ms = (int64_t)window_seconds * 1000;
	rl->cap = max_keys ? max_keys : 1;
	rl->slots = 1;
	while (rl->slots < rl->cap * 2)
		rl->slots <<= 1;
	rl->stride = sizeof(struct entry) + rl->max_failures * sizeof(int64_t);
	rl->stride = (rl->stride + 7) & ~(size_t)7;
	rl->table = calloc(rl->slots, rl->stride);
	rl->tmp = malloc(rl->stride);
	if (!rl->table || !rl->tmp) {
		free(rl->table);
		free(rl->tmp);
		free(rl);
		return NULL;
	}
	pthread_mutex_init(&rl->mu, NULL);
	return rl;
}

void ratelimit_free(struct ratelimit *rl)
{
	if (!rl)
		return;
	pthread_mutex_destroy(&rl->mu);
	free(rl->table);
	free(rl->tmp);
	free(rl);
}

static struct entry *find(struct ratelimit *rl, const char *key)
{
	size_t mask = rl->slots - 1, i = hash_key(key) & mask;
	for (size_t probe = 0; probe < rl->slots; probe++, i = (i + 1) & mask) {
		struct entry *e = at(rl, i);
		if (!e->used)
			return NULL;
		if (!strcmp(e->key, key))
			return e;
	}
	return NULL;
}

/* Remove entry at index i and re-insert the cluster after it. */
static void remove_at(struct ratelimit *rl, size_t i)
{
	size_t mask = rl->slots - 1, j = (i + 1) & mask;
	at(rl, i)->used = false;
	rl->count--;
	while (at(rl, j)->used) {
		size_t k = hash_key(at(rl, j)->key) & mask;
		memcpy(rl->tmp, at(rl, j), rl->stride);
		at(rl, j)->used = false;
		while (at(rl, k)->used)
			k = (k + 1) & mask;
		memcpy(at(rl, k), rl->tmp, rl->stride);
		j = (j + 1) & mask;
	}
}

static void evict_oldest(struct ratelimit *rl)
{
	size_t best = rl->slots;
	for (size_t i = 0; i < rl->slots; i++)
		if (at(rl, i)->used && (best == rl->slots || at(rl, i)->last < at(rl, best)->last))
			best = i;
	if (best < rl->slots)
		remove_at(rl, best);
}

static struct entry *insert(struct ratelimit *rl, const char *key, int64_t now)
{
	size_t mask = rl->slots - 1, i;
	if (rl->count >= rl->cap)
		evict_oldest(rl);
	i = hash_key(key) & mask;
	while (at(rl, i)->used)
		i = (i + 1) & mask;
	memset(at(rl, i), 0, rl->stride);
	at(rl, i)->used = true;
	snprintf(at(rl, i)->key, KEY_MAX, "%s", key);
	at(rl, i)->last = now;
	rl->count++;
	return at(rl, i);
}

/* Failures of e still inside the window; the oldest one's time in *oldest. */
static unsigned live(struct ratelimit *rl, struct entry *e, int64_t now, int64_t *oldest)
{
	unsigned n = 0;
	*oldest = INT64_MAX;
	for (unsigned k = 0; k < e->n; k++) {
		int64_t t = e->t[(e->head + rl->max_failures - 1 - k) % rl->max_failures];
		if (now - t < rl->window_ms) {
			n++;
			if (t < *oldest)
				*oldest = t;
		}
	}
	return n;
}

bool ratelimit_allowed(struct ratelimit *rl, const char *key, int64_t now_ms, int64_t *retry_after_ms)
{
	struct entry *e;
	bool ok = true;
	int64_t oldest;
	char k[KEY_MAX];

	snprintf(k, sizeof(k), "%s", key);
	*retry_after_ms = 0;
	pthread_mutex_lock(&rl->mu);
	e = find(rl, k);
	if (e && live(rl, e, now_ms, &oldest) >= rl->max_failures) {
		ok = false;
		*retry_after_ms = oldest + rl->window_ms - now_ms;
	}
	pthread_mutex_unlock(&rl->mu);
	return ok;
}

void ratelimit_fail(struct ratelimit *rl, const char *key, int64_t now_ms)
{
	struct entry *e;
	char k[KEY_MAX];

	snprintf(k, sizeof(k), "%s", key);
	pthread_mutex_lock(&rl->mu);
	e = find(rl, k);
	if (!e)
		e = insert(rl, k, now_ms);
	e->t[e->head] = now_ms;
	e->head = (e->head + 1) % rl->max_failures;
	if (e->n < rl->max_failures)
		e->n++;
	e->last = now_ms;
	pthread_mutex_unlock(&rl->mu);
}

void ratelimit_success(struct ratelimit *rl, const char *key)
{
	struct entry *e;
	char k[KEY_MAX];

	snprintf(k, sizeof(k), "%s", key);
	pthread_mutex_lock(&rl->mu);
	e = find(rl, k);
	if (e)
		remove_at(rl, (size_t)((unsigned char *)e - rl->table) / rl->stride);
	pthread_mutex_unlock(&rl->mu);
}

size_t ratelimit_size(struct ratelimit *rl)
{
	size_t n;
	pthread_mutex_lock(&rl->mu);
	n = rl->count;
	pthread_mutex_unlock(&rl->mu);
	return n;
}

/*
 * loginlimit.c - growing login delays per (account, address), per address
 * and while passwords are sprayed (see loginlimit.h).
 *
 * Each table is open addressing with linear probing over twice its
 * capacity, keyed by a SipHash of the key under a random key of the
 * process, so nobody can aim two keys at one slot.  A slot keeps a failure
 * count as of its last failure and forgets lazily: the count at time t is
 * n minus one per forget_ms since then.  The last minute's failures of all
 * accounts are sixty one-second buckets.  One mutex guards everything: a
 * login attempt takes it twice for well under a microsecond, next to the
 * tens of milliseconds argon2id spends on the password.
 */
#include <arpa/inet.h>
#include <pthread.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include "auth/loginlimit.h"

#define NONE SIZE_MAX
#define N_MAX 1000              /* failures a slot counts (the delay is long capped by then) */
#define EVICT_SAMPLE 16         /* used slots looked at to choose one to evict */
#define KEY_MAX 384             /* address key + username (at most 256 bytes) */

struct slot {
	uint64_t h;             /* keyed hash of the key */
	int64_t last;           /* the last failure (or the slot's creation), ms */
	uint16_t n;             /* failures as of `last` */
	uint16_t inflight;      /* attempts begun and not yet ended */
	bool used;
};

struct table {
	struct slot *slot;
	size_t mask;            /* slots - 1 (a power of two) */
	size_t count, cap;
	size_t hand;            /* where the next eviction sample starts */
};

struct bucket {
	int64_t sec;
	unsigned n;
};

struct loginlimit {
	pthread_mutex_t mu;
	struct loginlimit_config cfg;
	unsigned char hkey[crypto_shorthash_KEYBYTES];
	struct table pairs, addrs;
	struct bucket minute[60];   /* failures of all accounts, by second */
};

void loginlimit_config_default(struct loginlimit_config *cfg)
{
	memset(cfg, 0, sizeof(*cfg));
	cfg->pair = (struct loginlimit_rule){ 5, 1000, 15 * 60 * 1000, 15 * 60 * 1000 };
	cfg->address = (struct loginlimit_rule){ 20, 1000, 15 * 60 * 1000, 5 * 60 * 1000 };
	cfg->spray_per_minute = 100;
	cfg->spray_free = 1;
	cfg->max_pairs = 65536;
	cfg->max_addresses = 65536;
}

/* ---- tables -------------------------------------------------------------- */

static bool table_init(struct table *t, size_t cap)
{
	size_t n = 2;
	cap = cap ? cap : 1;
	while (n < cap * 2)
		n <<= 1;
	t->slot = calloc(n, sizeof(*t->slot));
	t->mask = n - 1;
	t->cap = cap;
	t->count = 0;
	t->hand = 0;
	return t->slot != NULL;
}

static size_t table_find(const struct table *t, uint64_t h)
{
	for (size_t i = h & t->mask, k = 0; k <= t->mask; k++, i = (i + 1) & t->mask) {
		if (!t->slot[i].used)
			return NONE;
		if (t->slot[i].h == h)
			return i;
	}
	return NONE;
}

/* Empty slot i, moving back the entries after it that probed past it
 * (backward-shift deletion: no tombstones, probes stay short). */
static void table_remove(struct table *t, size_t i)
{
	size_t j = i;
	for (;;) {
		size_t home;
		j = (j + 1) & t->mask;
		if (!t->slot[j].used)
			break;
		home = t->slot[j].h & t->mask;
		/* j stays when its home lies cyclically in (i, j]. */
		if (i <= j ? (i < home && home <= j) : (i < home || home <= j))
			continue;
		t->slot[i] = t->slot[j];
		i = j;
	}
	t->slot[i].used = false;
	t->count--;
}

/* A slot that is not in use by an attempt before one that is; then the
 * least recently active. */
static bool better_victim(const struct slot *a, const struct slot *b)
{
	if ((a->inflight == 0) != (b->inflight == 0))
		return a->inflight == 0;
	return a->last < b->last;
}

static void table_evict(struct table *t)
{
	size_t best = NONE, seen = 0, k;
	for (k = 0; k <= t->mask && seen < EVICT_SAMPLE; k++) {
		size_t i = (t->hand + k) & t->mask;
		if (!t->slot[i].used)
			continue;
		seen++;
		if (best == NONE || better_victim(&t->slot[i], &t->slot[best]))
			best = i;
	}
	t->hand = (t->hand + k) & t->mask;
	if (best != NONE)
		table_remove(t, best);
}

static struct slot *table_get(struct table *t, uint64_t h, int64_t now, bool create)
{
	size_t i = table_find(t, h);
	if (i != NONE)
		return &t->slot[i];
	if (!create)
		return NULL;
	if (t->count >= t->cap)
		table_evict(t);
	for (i = h & t->mask; t->slot[i].used; i = (i + 1) & t->mask)
		;
	t->slot[i] = (struct slot){ .h = h, .last = now, .used = true };
	t->count++;
	return &t->slot[i];
}

/* ---- keys ---------------------------------------------------------------- */

/* The address as counted: 4 bytes of IPv4 (IPv4-mapped IPv6 included),
 * the /64 of IPv6, else the text.  Returns its length in out. */
static size_t addr_key(const char *addr, unsigned char *out, size_t outsz)
{
	unsigned char a[16];
	size_t n;

	if (inet_pton(AF_INET, addr, a) == 1) {
		out[0] = 4;
		memcpy(out + 1, a, 4);
		return 5;
	}
	if (inet_pton(AF_INET6, addr, a) == 1) {
		static const unsigned char mapped[12] = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff };
		if (!memcmp(a, mapped, 12)) {
			out[0] = 4;
			memcpy(out + 1, a + 12, 4);
			return 5;
		}
		out[0] = 6;
		memcpy(out + 1, a, 8);
		return 9;
	}
	n = strnlen(addr, outsz - 1);
	out[0] = 't';
	memcpy(out + 1, addr, n);
	return n + 1;
}

static void keys(const struct loginlimit *ll, const char *username, const char *addr,
		 uint64_t *pair, uint64_t *address)
{
	unsigned char k[KEY_MAX], h[crypto_shorthash_BYTES];
	size_t n = addr_key(addr ? addr : "", k, 64), u = strnlen(username, KEY_MAX - 65);

	crypto_shorthash(h, k, n, ll->hkey);
	memcpy(address, h, sizeof(*address));
	k[n++] = 0;  /* neither an address key nor a username holds a NUL after it */
	memcpy(k + n, username, u);
	crypto_shorthash(h, k, n + u, ll->hkey);
	memcpy(pair, h, sizeof(*pair));
}

/* ---- delays -------------------------------------------------------------- */

/* Failures of s still remembered at now. */
static unsigned failures_at(const struct loginlimit_rule *r, const struct slot *s, int64_t now)
{
	int64_t gone;
	if (!s->n || r->forget_ms <= 0 || now <= s->last)
		return s->n;
	gone = (now - s->last) / r->forget_ms;
	return gone >= s->n ? 0 : s->n - (unsigned)gone;
}

/* How long after the last of n failures the next attempt must wait. */
static int64_t delay_ms(const struct loginlimit_rule *r, unsigned n)
{
	int64_t d = r->first_ms;
	if (n < r->free)
		return 0;
	for (unsigned i = r->free; i < n && d < r->max_ms; i++)
		d *= 2;
	return d < r->max_ms ? d : r->max_ms;
}

/* The earliest time at or after now when s lets an attempt in.  Attempts in
 * flight count as failures made now.  Otherwise the count falls by one at
 * each forget_ms after the last failure, and with it the delay: find the
 * first stretch of equal count in which the delay has run out. */
static int64_t open_at(const struct loginlimit_rule *r, const struct slot *s, int64_t now)
{
	int64_t j;

	if (s->inflight) {
		unsigned c = failures_at(r, s, now) + s->inflight;
		return c < r->free ? now : now + delay_ms(r, c);
	}
	if (s->n < r->free)
		return now;
	if (r->forget_ms <= 0) {
		int64_t t = s->last + delay_ms(r, s->n);
		return t > now ? t : now;
	}
	for (j = now > s->last ? (now - s->last) / r->forget_ms : 0; j <= s->n; j++) {
		unsigned k = s->n - (unsigned)j;
		int64_t start = s->last + j * r->forget_ms, t = start > now ? start : now;
		if (k >= r->free && s->last + delay_ms(r, k) > t)
			t = s->last + delay_ms(r, k);
		if (t < start + r->forget_ms)
			return t;
	}
	return now;  /* not reached: at j = n the count is 0 < free */
}

static void note_failure(const struct loginlimit_rule *r, struct slot *s, int64_t now)
{
	unsigned n = failures_at(r, s, now) + 1;
	s->n = (uint16_t)(n < N_MAX ? n : N_MAX);
	s->last = now;
	if (s->inflight)
		s->inflight--;
}

static unsigned last_minute(const struct loginlimit *ll, int64_t now)
{
	int64_t sec = now / 1000;
	unsigned n = 0;
	for (int i = 0; i < 60; i++)
		if (ll->minute[i].sec > sec - 60 && ll->minute[i].sec <= sec)
			n += ll->minute[i].n;
	return n;
}

/* ---- the interface -------------------------------------------------------- */

static void clamp_rule(struct loginlimit_rule *r)
{
	if (r->free < 1)
		r->free = 1;
	if (r->first_ms < 1)
		r->first_ms = 1;
	if (r->max_ms < r->first_ms)
		r->max_ms = r->first_ms;
}

struct loginlimit *loginlimit_new(const struct loginlimit_config *cfg)
{
	struct loginlimit *ll;

	if (sodium_init() < 0)
		return NULL;
	ll = calloc(1, sizeof(*ll));
	if (!ll)
		return NULL;
	ll->cfg = *cfg;
	clamp_rule(&ll->cfg.pair);
	clamp_rule(&ll->cfg.address);
	if (ll->cfg.spray_free < 1)
		ll->cfg.spray_free = 1;
	if (ll->cfg.spray_per_minute < 1)
		ll->cfg.spray_per_minute = 1;
	crypto_shorthash_keygen(ll->hkey);
	if (!table_init(&ll->pairs, cfg->max_pairs) || !table_init(&ll->addrs, cfg->max_addresses)) {
		free(ll->pairs.slot);
		free(ll->addrs.slot);
		free(ll);
		return NULL;
	}
	for (int i = 0; i < 60; i++)
		ll->minute[i].sec = INT64_MIN;
	pthread_mutex_init(&ll->mu, NULL);
	return ll;
}

void loginlimit_free(struct loginlimit *ll)
{
	if (!ll)
		return;
	pthread_mutex_destroy(&ll->mu);
	free(ll->pairs.slot);
	free(ll->addrs.slot);
	sodium_memzero(ll->hkey, sizeof(ll->hkey));
	free(ll);
}

enum loginlimit_verdict loginlimit_begin(struct loginlimit *ll, const char *username, const char *addr,
					 int64_t now_ms, int64_t *retry_ms)
{
	enum loginlimit_verdict v = LOGINLIMIT_OK;
	uint64_t ph, ah;
	struct slot *p, *a;
	int64_t open = now_ms, t;

	keys(ll, username, addr, &ph, &ah);
	pthread_mutex_lock(&ll->mu);
	p = table_get(&ll->pairs, ph, now_ms, false);
	a = table_get(&ll->addrs, ah, now_ms, false);
	if (p && (t = open_at(&ll->cfg.pair, p, now_ms)) > open) {
		open = t;
		v = LOGINLIMIT_PAIR;
	}
	if (a && (t = open_at(&ll->cfg.address, a, now_ms)) > open) {
		open = t;
		v = LOGINLIMIT_ADDRESS;
	}
	if (a && last_minute(ll, now_ms) >= ll->cfg.spray_per_minute) {
		/* Only failures made count here, not attempts in flight: an
		 * address that has not failed is never slowed by others' spraying. */
		struct loginlimit_rule r = ll->cfg.address;
		struct slot made = *a;
		r.free = ll->cfg.spray_free;
		made.inflight = 0;
		if ((t = open_at(&r, &made, now_ms)) > open) {
			open = t;
			v = LOGINLIMIT_SPRAY;
		}
	}
	if (v == LOGINLIMIT_OK) {
		p = table_get(&ll->pairs, ph, now_ms, true);
		a = table_get(&ll->addrs, ah, now_ms, true);
		if (p->inflight < UINT16_MAX)
			p->inflight++;
		if (a->inflight < UINT16_MAX)
			a->inflight++;
	}
	pthread_mutex_unlock(&ll->mu);
	*retry_ms = open - now_ms;
	return v;
}

void loginlimit_failed(struct loginlimit *ll, const char *username, const char *addr, int64_t now_ms)
{
	uint64_t ph, ah;
	struct bucket *b;
	int64_t sec = (now_ms > 0 ? now_ms : 0) / 1000;

	keys(ll, username, addr, &ph, &ah);
	pthread_mutex_lock(&ll->mu);
	note_failure(&ll->cfg.pair, table_get(&ll->pairs, ph, now_ms, true), now_ms);
	note_failure(&ll->cfg.address, table_get(&ll->addrs, ah, now_ms, true), now_ms);
	b = &ll->minute[sec % 60];
	if (b->sec != sec) {
		b->sec = sec;
		b->n = 0;
	}
	b->n++;
	pthread_mutex_unlock(&ll->mu);
}

void loginlimit_succeeded(struct loginlimit *ll, const char *username, const char *addr)
{
	uint64_t ph, ah;
	size_t i;
	struct slot *a;

	keys(ll, username, addr, &ph, &ah);
	pthread_mutex_lock(&ll->mu);
	i = table_find(&ll->pairs, ph);
	if (i != NONE) {
		struct slot *p = &ll->pairs.slot[i];
		if (p->inflight > 1) {  /* others still in flight keep the slot */
			p->inflight--;
			p->n = 0;
		} else {
			table_remove(&ll->pairs, i);
		}
	}
	a = table_get(&ll->addrs, ah, 0, false);
	if (a && a->inflight)
		a->inflight--;
	pthread_mutex_unlock(&ll->mu);
}

void loginlimit_cancelled(struct loginlimit *ll, const char *username, const char *addr)
{
	uint64_t ph, ah;
	struct slot *p, *a;

	keys(ll, username, addr, &ph, &ah);
	pthread_mutex_lock(&ll->mu);
	p = table_get(&ll->pairs, ph, 0, false);
	a = table_get(&ll->addrs, ah, 0, false);
	if (p && p->inflight)
		p->inflight--;
	if (a && a->inflight)
		a->inflight--;
	pthread_mutex_unlock(&ll->mu);
}

void loginlimit_counts(struct loginlimit *ll, size_t *pairs, size_t *addresses)
{
	pthread_mutex_lock(&ll->mu);
	*pairs = ll->pairs.count;
	*addresses = ll->addrs.count;
	pthread_mutex_unlock(&ll->mu);
}

bool loginlimit_spraying(struct loginlimit *ll, int64_t now_ms)
{
	bool s;
	pthread_mutex_lock(&ll->mu);
	s = last_minute(ll, now_ms) >= ll->cfg.spray_per_minute;
	pthread_mutex_unlock(&ll->mu);
	return s;
}

/*
 * ratelimit.h - bounded, thread-safe counter of login failures per key
 * ("user:NAME", "ip:ADDR").
 *
 * A key with max_failures failures inside window seconds is refused until the
 * oldest of them leaves the window.  The table has a fixed capacity: when it
 * is full the entry with the oldest activity is evicted, so memory never
 * grows; the trade-off is that an attacker who sprays many keys can age out a
 * victim's counter early, which the per-address limit still bounds.
 */
#ifndef MAJAKKA_RATELIMIT_H
#define MAJAKKA_RATELIMIT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct ratelimit;

struct ratelimit *ratelimit_new(unsigned max_failures, unsigned window_seconds, size_t max_keys);
void ratelimit_free(struct ratelimit *rl);
/* May key try now?  When not, *retry_after_ms says how long to wait. */
bool ratelimit_allowed(struct ratelimit *rl, const char *key, int64_t now_ms, int64_t *retry_after_ms);
void ratelimit_fail(struct ratelimit *rl, const char *key, int64_t now_ms);
void ratelimit_success(struct ratelimit *rl, const char *key);
/* Keys currently tracked (for tests of the bound). */
size_t ratelimit_size(struct ratelimit *rl);

#endif

/*
 * sessioncache.h - logged-in sessions and their principals, in memory.
 *
 * Every request used to read its session and its principal (account, team
 * memberships) from SQLite: three statements and, after each commit of the
 * writer, the pages again.  This keeps them in a fixed table keyed by the
 * session token's hash, each entry stamped with the access generation it was
 * loaded at (meta_generations, migration 014).  An entry is used only
 * while the generation is still the same, and every request reads the
 * generation in its own snapshot: whatever changes a session's end, an
 * account or a team membership bumps it in the same transaction, so the very
 * next request loads afresh.  The cache never decides anything: idle and
 * absolute timeouts are checked by the caller on every request, from the
 * entry's times.
 *
 * Fixed size (SESSIONCACHE_SLOTS, direct-mapped: a colliding session takes
 * the slot over), thread-safe (striped locks), entries copied in and out.
 */
#ifndef MAJAKKA_SESSIONCACHE_H
#define MAJAKKA_SESSIONCACHE_H

#include <stdbool.h>
#include <stdint.h>
#include "auth/session.h"
#include "model/policy.h"

#define SESSIONCACHE_SLOTS 1024

struct sessioncache;

/* NULL when out of memory. */
struct sessioncache *sessioncache_new(void);
/* Wipes the entries (they hold CSRF tokens) and frees. NULL is fine. */
void sessioncache_free(struct sessioncache *c);

/* The session of token_hash as loaded at generation gen into *s and *p:
 * true when present and loaded at exactly gen. */
bool sessioncache_get(struct sessioncache *c, const char *token_hash, int64_t gen,
		      struct session_info *s, struct principal *p);
/* Remember s (keyed by s->token_hash) and p as loaded at generation gen.
 * An entry of the same session loaded at a later generation is kept. */
void sessioncache_put(struct sessioncache *c, int64_t gen, const struct session_info *s,
		      const struct principal *p);
/* The session's last_seen was written as last_seen (a committed touch). */
void sessioncache_touch(struct sessioncache *c, const char *token_hash, int64_t last_seen);
/* Forget the session (e.g. it was found expired). */
void sessioncache_drop(struct sessioncache *c, const char *token_hash);

#endif

/*
 * meta.h - the meta table: single values about this database as a whole
 * (whether it is the demo, the configured caseload cap), keyed by name.
 *
 * Plain SQL over the db.h interface, so every backend shares it.
 */
#ifndef MAJAKKA_META_H
#define MAJAKKA_META_H

#include <stddef.h>
#include <stdint.h>
#include "db/db.h"

/* The value of key into out (outsz bytes, cut between UTF-8 characters when
 * longer); "" when the key is not set, which is not an error. */
enum err meta_get(struct db *db, const char *key, char *out, size_t outsz);

/* The two generations, in one read.  The access generation (migration 014):
 * a number the schema's triggers bump in every transaction that changes a
 * session's end, an account, a team membership, a case's team or members, a
 * relation or a break-the-glass grant.  The content generation (migration
 * 024): bumped by the triggers of every table but the access log and the
 * sessions.  What was loaded or built at generation g is still true while
 * this reads g.  Read it before what it guards, in the same snapshot or
 * earlier. */
enum err meta_generations(struct db *db, int64_t *access, int64_t *content);

#endif

/*
 * meta.h - the meta table: single values about this database as a whole
 * (whether it is the demo, the configured caseload cap), keyed by name.
 *
 * Plain SQL over the db.h interface, so every backend shares it.
 */
#ifndef MAJAKKA_META_H
#define MAJAKKA_META_H

#include <stddef.h>
#include "db/db.h"

/* The value of key into out (outsz bytes, cut between UTF-8 characters when
 * longer); "" when the key is not set, which is not an error. */
enum err meta_get(struct db *db, const char *key, char *out, size_t outsz);

#endif

/*
 * migrate.h - bring a database to the current schema.
 *
 * The migrations are schema/NNN_name.sql, compiled into the binary.  Each is
 * applied once, in its own transaction, and recorded in schema_migrations;
 * a failed migration leaves the database as it was.
 */
#ifndef MAJAKKA_MIGRATE_H
#define MAJAKKA_MIGRATE_H

#include <stdbool.h>
#include "db/db.h"

/* Apply every migration not yet applied.  *applied counts them (may be NULL). */
enum err migrate_up(struct db *db, int *applied);
/* True when every compiled-in migration has been applied. */
enum err migrate_is_current(struct db *db, bool *current);

#endif

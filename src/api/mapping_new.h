/*
 * mapping_new.h - the child's own page for a mapping invitation
 * (api/mapping_new.c): the form partners.c's create path comes back to.
 */
#ifndef MAJAKKA_API_MAPPING_NEW_H
#define MAJAKKA_API_MAPPING_NEW_H

#include <stdint.h>
#include "api/app.h"
#include "model/validate.h"

/* The invitation page of child_id again, 422, with what was posted kept
 * and fe's message next to its field (the one form pattern). */
void mapping_new_again(struct request *req, struct auth_state *a, int64_t child_id, const struct field_error *fe);

#endif

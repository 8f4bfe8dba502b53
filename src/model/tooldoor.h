/*
 * tooldoor.h - the access layer's door to a child's toolbox, part 2: the
 * Three Houses, the helping map and the hypotheses (FIELD_TOOLBOX).
 *
 * Every read and write asks access_check_fields on the child (model/access.h) and
 * so is logged, allowed or denied.  Reading needs FIELD_TOOLBOX among the
 * fields the policy opens to this reader (the child's team, a live
 * break-the-glass grant, a partner when consent_fields opens it); the one
 * exception is the Three Houses, which a partner on the child's team and the
 * family see only in the versions the child agreed to show them.  A read the
 * fields do not open is refused and logged as denied ("field_not_permitted",
 * by access_check_fields).
 * Writing is ACT_CLIENT_WRITE: a case worker on the child's team.
 */
#ifndef MAJAKKA_TOOLDOOR_H
#define MAJAKKA_TOOLDOOR_H

#include <stdbool.h>
#include <stdint.h>
#include "model/access.h"
#include "model/threehouses.h"

enum tool_part { TOOL_THREE_HOUSES, TOOL_HELPING_MAP, TOOL_HYPOTHESES };

/* May ax's principal read (write false) or write tool part of the case of
 * o (a child, or a case)?  Logged as log_action ("read", "create", "update").  ERR_OK with
 * *filter saying which Three Houses versions this reader sees
 * (THREEHOUSES_ALL for the other parts); ERR_DENIED (logged, ans->d.why);
 * ERR_NOT_FOUND; a storage error. */
enum err tooldoor_open(struct access_ctx *ax, struct db *db, struct objref o, enum tool_part part, bool write,
		       const char *log_action, struct access_answer *ans, enum threehouses_filter *filter);

#endif

/*
 * tooldate.h - the one date rule the toolbox's records share: a day that has
 * been (YYYY-MM-DD), today when not given.
 */
#ifndef MAJAKKA_TOOLDATE_H
#define MAJAKKA_TOOLDATE_H

#include "model/validate.h"

/* s as a date not after today into out; NULL or "" is today.  ERR_INVALID
 * naming field (reason invalid_date or future). */
enum err tooldate_past_or_today(const char *s, const char *field, char out[11], struct field_error *fe);

#endif

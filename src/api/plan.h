/*
 * plan.h - the plan's piece of "my work" (api/plan.c).
 */
#ifndef MAJAKKA_API_PLAN_H
#define MAJAKKA_API_PLAN_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>
#include "api/app.h"

/* Into m (borrowed) "plan_reviews" {due[], missing[], any}: of the cases
 * case_ids (the reader's children, already decided and logged as list
 * rows), the open ones whose next review falls within
 * PLAN_REVIEW_SOON_DAYS (or is past), and the open ones without a plan
 * (the Child Welfare Act requires one for every client child). */
enum err plan_work_add(struct request *req, json_t *m, const int64_t *case_ids, size_t n);

#endif

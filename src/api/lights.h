/*
 * lights.h - traffic lights and consultations on the child page and in
 * "my work" (api/lights.c, api/consultations.c).
 */
#ifndef MAJAKKA_API_LIGHTS_H
#define MAJAKKA_API_LIGHTS_H

#include <jansson.h>
#include "api/app.h"
#include "model/access.h"

/* {colour, label} of a light in the request's language. */
json_t *lights_badge_json(struct request *req, const char *colour);
/* The child's light now and across rounds into m.lights, when the door let
 * the reader see its practice (ans->d.fields & FIELD_PRACTICE). */
enum err lights_child_model(struct request *req, const struct access_answer *ans, json_t *m);
/* Each row of a "my children" list (rows the door let in as the reader's
 * own children) gets its current light. */
enum err lights_work_rows(struct request *req, json_t *children);
/* The child's consultations (and the form to ask one, for those who may
 * change the case) into m.consultations, with FIELD_PRACTICE. */
enum err consultations_child_model(struct request *req, struct auth_state *a, const struct access_answer *ans,
				   json_t *m);
/* The consultations waiting for the reader's answer into
 * m.consultations_waiting, each decided and logged. */
enum err consultations_work_model(struct request *req, struct auth_state *a, json_t *m);

#endif

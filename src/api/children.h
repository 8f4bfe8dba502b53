/*
 * children.h - view pieces shared by the child, work and team pages.
 */
#ifndef MAJAKKA_CHILDREN_H
#define MAJAKKA_CHILDREN_H

#include <jansson.h>
#include <stdbool.h>
#include "api/app.h"
#include "api/summary.h"
#include "model/childcase.h"

/* A children list being built: each row is logged (access_log_row) before
 * it is shown.  When a row cannot be logged, too_long is set and no further
 * row is added: the caller answers with access_list_fail instead. */
struct case_list {
	struct request *req;
	json_t *arr;
	bool too_long;
};
/* GET /api/v1/children shows at most this many children a page (and by
 * default): far below the 4,096 access-log rows one answer may write. */
#define CHILDREN_PAGE_MAX 500
/* The row callback of childcase_list_team / childcase_list_mine (ctx: a
 * struct case_list). */
void case_list_add(void *ctx, const struct case_row *c, const struct decision *d);
/* The whole child page model for the reader the door let in (ans): only
 * the fields of ans->d.  NULL when a part cannot be read. */
json_t *child_model(struct request *req, struct auth_state *a, struct access_answer *ans);

/* The forms of the child page (form.h). */
enum child_form_kind {
	CHILD_FORM_JOURNAL, CHILD_FORM_CORRECTION, CHILD_FORM_PHASE, CHILD_FORM_MEMBER, CHILD_FORM_NOTIFICATION,
	CHILD_FORM_STEP    /* a notification's next step (urgency, decision, assessment); entry_id = its id */
};
/* The child page again (422) with form kind as typed and fe next to its
 * field (entry_id: the corrected entry of CHILD_FORM_CORRECTION).  Reads
 * the child as child_view does, logged; answers the error page when the
 * reader may not or the page cannot be read. */
void child_form_again(struct request *req, struct auth_state *a, int64_t child_id, enum child_form_kind kind,
		      int64_t entry_id, const struct field_error *fe);

#endif

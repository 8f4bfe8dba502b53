/*
 * handlers.h - every request handler, named by resource.  The route table
 * (routes.c) says which URL and permission leads to which.
 */
#ifndef MAJAKKA_HANDLERS_H
#define MAJAKKA_HANDLERS_H

#include <jansson.h>
#include "api/app.h"

/* session.c */
void api_session_create(struct request *req, struct auth_state *a);
void api_session_delete(struct request *req, struct auth_state *a);
void api_me(struct request *req, struct auth_state *a);
json_t *me_model(struct request *req, struct auth_state *a);
void page_login(struct request *req, struct auth_state *a);
void page_login_post(struct request *req, struct auth_state *a);
void page_logout(struct request *req, struct auth_state *a);
void page_lang(struct request *req, struct auth_state *a);

/* org.c */
void org_view(struct request *req, struct auth_state *a);
void team_list(struct request *req, struct auth_state *a);
void team_view(struct request *req, struct auth_state *a);
void team_create(struct request *req, struct auth_state *a);
void team_update(struct request *req, struct auth_state *a);
void page_team_edit(struct request *req, struct auth_state *a);
void page_team_edit_post(struct request *req, struct auth_state *a);

/* accounts.c */
void account_list_view(struct request *req, struct auth_state *a);
void account_view(struct request *req, struct auth_state *a);
void account_create_api(struct request *req, struct auth_state *a);
void account_update_api(struct request *req, struct auth_state *a);
void account_team_add_api(struct request *req, struct auth_state *a);
void account_team_remove_api(struct request *req, struct auth_state *a);
void page_account_new(struct request *req, struct auth_state *a);
void page_account_create(struct request *req, struct auth_state *a);
void page_account_edit(struct request *req, struct auth_state *a);
void page_account_update(struct request *req, struct auth_state *a);

/* grants.c */
struct grant_row;
void grant_list_api(struct request *req, struct auth_state *a);
void grant_approve(struct request *req, struct auth_state *a);
void grant_reject(struct request *req, struct auth_state *a);
json_t *grant_json(struct request *req, const struct grant_row *g);
/* The open requests for one account / the ones a may decide, as a JSON
 * array; NULL when they cannot be read. */
json_t *grants_of_account(struct request *req, int64_t account_id);
json_t *grants_pending(struct request *req, struct auth_state *a);
/* Every open request of the reader's organisation (the administrator's home). */
json_t *grants_waiting(struct request *req, struct auth_state *a);

/* children.c */
void children_list(struct request *req, struct auth_state *a);
void child_view(struct request *req, struct auth_state *a);
void child_phase(struct request *req, struct auth_state *a);
void child_member_add(struct request *req, struct auth_state *a);
void child_member_end(struct request *req, struct auth_state *a);
/* members.c (forms13) */
void page_member_end(struct request *req, struct auth_state *a);
void child_journal_save(struct request *req, struct auth_state *a);
void child_break_glass(struct request *req, struct auth_state *a);

/* persons.c */
void person_create_api(struct request *req, struct auth_state *a);
void person_search_view(struct request *req, struct auth_state *a);
void person_access_log(struct request *req, struct auth_state *a);

/* notifications.c */
void notification_create_api(struct request *req, struct auth_state *a);
void notification_urgency(struct request *req, struct auth_state *a);
void notification_decision(struct request *req, struct auth_state *a);
void notification_assessment(struct request *req, struct auth_state *a);
void contact_create_api(struct request *req, struct auth_state *a);

/* intake.c */
void page_intake(struct request *req, struct auth_state *a);
void page_intake_post(struct request *req, struct auth_state *a);

/* work.c */
void my_work(struct request *req, struct auth_state *a);
void team_caseload(struct request *req, struct auth_state *a);
void caseload_over_cap(struct request *req, struct auth_state *a);
void break_glass_report(struct request *req, struct auth_state *a);

/* home.c */
void api_health(struct request *req, struct auth_state *a);
void api_openapi(struct request *req, struct auth_state *a);

#endif

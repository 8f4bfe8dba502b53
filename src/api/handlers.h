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

/* meetings.c: the systemic weekly meeting */
void team_meetings(struct request *req, struct auth_state *a);
void team_meetings_create(struct request *req, struct auth_state *a);
void meeting_view(struct request *req, struct auth_state *a);
void meeting_patch_api(struct request *req, struct auth_state *a);
void meeting_agenda_save(struct request *req, struct auth_state *a);
void meeting_record_post(struct request *req, struct auth_state *a);
void meeting_task_done_post(struct request *req, struct auth_state *a);
void team_practice(struct request *req, struct auth_state *a);
void meeting_questions_list(struct request *req, struct auth_state *a);
void meeting_question_save_api(struct request *req, struct auth_state *a);
void calendar_create(struct request *req, struct auth_state *a);
void calendar_revoke(struct request *req, struct auth_state *a);
void calendar_feed(struct request *req, struct auth_state *a);
/* Add "practice" (the team's meeting figures) to m; ERR_DENIED when the
 * reader may not see them, ERR_INVALID when too many rows to log. */
enum err meetings_practice_model(struct request *req, struct auth_state *a, int64_t team_id, json_t *m);
/* Add meeting_tasks (mine, open) and, for a coordinator, next_meeting,
 * unprepared_meetings and not_discussed to the my-work model m. */
enum err meetings_work_model(struct request *req, struct auth_state *a, json_t *m);
/* Add meetings (where the child was discussed) and meeting_steps to the
 * child page model m when fields has FIELD_PRACTICE. */
enum err meetings_child_model(struct request *req, int64_t case_id, unsigned fields, json_t *m);

#endif

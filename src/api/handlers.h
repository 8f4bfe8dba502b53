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

/* lights.c, consultations.c (traffic lights and consultations) */
void lights_board(struct request *req, struct auth_state *a);
void lights_round_create_api(struct request *req, struct auth_state *a);
void lights_round_view(struct request *req, struct auth_state *a);
void lights_rate_api(struct request *req, struct auth_state *a);
void consultation_list_api(struct request *req, struct auth_state *a);
void consultation_ask(struct request *req, struct auth_state *a);
void consultation_view(struct request *req, struct auth_state *a);
void consultation_answer_api(struct request *req, struct auth_state *a);
/* plan.c: the joint client plan and the family portal */
void plan_view(struct request *req, struct auth_state *a);
void plan_save_api(struct request *req, struct auth_state *a);
void plan_task_create(struct request *req, struct auth_state *a);
void plan_task_done(struct request *req, struct auth_state *a);
void plan_rating_create(struct request *req, struct auth_state *a);
void plan_pdf(struct request *req, struct auth_state *a);
void family_me(struct request *req, struct auth_state *a);
void family_view_post(struct request *req, struct auth_state *a);

/* partners.c */
void partners_view(struct request *req, struct auth_state *a);
void page_partner_form(struct request *req, struct auth_state *a);
void partner_create(struct request *req, struct auth_state *a);
void partner_service_add(struct request *req, struct auth_state *a);
void partner_member_add(struct request *req, struct auth_state *a);
void mapping_list(struct request *req, struct auth_state *a);
void mapping_create_api(struct request *req, struct auth_state *a);
void mapping_view(struct request *req, struct auth_state *a);
void mapping_answer_api(struct request *req, struct auth_state *a);
void assessment_list_api(struct request *req, struct auth_state *a);
void assessment_create_api(struct request *req, struct auth_state *a);
void assessment_view_page(struct request *req, struct auth_state *a);
void assessment_view_add(struct request *req, struct auth_state *a);
/* mapping_new.c (the child's invitation page; its POST is mapping_create_api) */
void mapping_new_page(struct request *req, struct auth_state *a);
void page_partner_member_form(struct request *req, struct auth_state *a);
/* The county's active partner accounts as choices [{id,name,title,organisation,selected}]; NULL on a read error. */
json_t *partner_account_choices(struct request *req, int64_t county_id);
/* "My work": mapping_waiting, the invitations waiting for the reader's answer. */
void partners_work_model(struct request *req, struct auth_state *a, json_t *m);
/* consent.c */
void consent_view(struct request *req, struct auth_state *a);
void consent_create(struct request *req, struct auth_state *a);
void consent_end_api(struct request *req, struct auth_state *a);
void authority_grant_create(struct request *req, struct auth_state *a);
void authority_grant_revoke_api(struct request *req, struct auth_state *a);
void tag_create(struct request *req, struct auth_state *a);
void tag_list_api(struct request *req, struct auth_state *a);
void tag_seen(struct request *req, struct auth_state *a);
/* The reader's tags not yet seen, each logged as a list row; NULL when they
 * cannot be read. */
json_t *tags_mine(struct request *req, struct auth_state *a);
void block_create(struct request *req, struct auth_state *a);
void block_create_page(struct request *req, struct auth_state *a);
void block_lift_api(struct request *req, struct auth_state *a);
void block_list_api(struct request *req, struct auth_state *a);
void person_view(struct request *req, struct auth_state *a);

/* home.c */
void api_health(struct request *req, struct auth_state *a);
void api_openapi(struct request *req, struct auth_state *a);

/* genogram.c: the toolbox's genogram and timeline */
void genogram_view(struct request *req, struct auth_state *a);
void genogram_svg(struct request *req, struct auth_state *a);
void genogram_png(struct request *req, struct auth_state *a);
void genogram_person_save(struct request *req, struct auth_state *a);
void genogram_relation_save(struct request *req, struct auth_state *a);
void genogram_relation_end_save(struct request *req, struct auth_state *a);
void timeline_view(struct request *req, struct auth_state *a);
void timeline_svg(struct request *req, struct auth_state *a);
void timeline_event_save(struct request *req, struct auth_state *a);
/* childtools.c (toolbox part 2: three houses, helping map, hypotheses, circular questions) */
void three_houses_view(struct request *req, struct auth_state *a);
void three_houses_save(struct request *req, struct auth_state *a);
void helping_map_view(struct request *req, struct auth_state *a);
void helping_map_save(struct request *req, struct auth_state *a);
void hypotheses_view(struct request *req, struct auth_state *a);
void hypothesis_create(struct request *req, struct auth_state *a);
void hypothesis_update_api(struct request *req, struct auth_state *a);
void circular_questions_view(struct request *req, struct auth_state *a);
void circular_question_add(struct request *req, struct auth_state *a);
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
/* meeting_questions.c (the administrator's page; its forms post to meeting_question_save_api) */
void meeting_questions_page(struct request *req, struct auth_state *a);

/* familyview.c: the family view (issue 15) */
void familyview_view(struct request *req, struct auth_state *a);
void familyview_svg(struct request *req, struct auth_state *a);
void familyview_service_save(struct request *req, struct auth_state *a);

#endif

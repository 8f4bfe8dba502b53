-- 024_content_generation.sql - one number that changes with every change of
-- what a page can show.
--
-- The server keeps rendered pages in memory (view/pagecache.h, the child
-- page): a page is served again only to the same session, for the same
-- address, language and day, at the same access generation (014) and while
-- this number is what it was when the page was built.  Every request reads
-- both numbers in its own snapshot, so a change is seen by the very next
-- request, whoever wrote it: the server's writer thread, `majakka user add`,
-- or sqlite3 by hand.
--
-- Every table has the three triggers below except the access log (a read
-- writes it: it would empty the cache on every request), the sessions (a
-- session's end moves the access generation), the two generations and the
-- migrations' own list, and person_fts (an index of person, whose triggers
-- count).  tests/unit/test_pagecache.c fails when a table added later lacks
-- them: give a new table its three lines here in its own migration.
CREATE TABLE content_generation (
	id INTEGER PRIMARY KEY CHECK (id = 1),
	n  INTEGER NOT NULL
) STRICT;
INSERT INTO content_generation(id, n) VALUES (1, 1);

CREATE TRIGGER content_gen_access_grant_insert AFTER INSERT ON access_grant
BEGIN UPDATE content_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER content_gen_access_grant_update AFTER UPDATE ON access_grant
BEGIN UPDATE content_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER content_gen_access_grant_delete AFTER DELETE ON access_grant
BEGIN UPDATE content_generation SET n = n + 1 WHERE id = 1; END;

CREATE TRIGGER content_gen_account_insert AFTER INSERT ON account
BEGIN UPDATE content_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER content_gen_account_update AFTER UPDATE ON account
BEGIN UPDATE content_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER content_gen_account_delete AFTER DELETE ON account
BEGIN UPDATE content_generation SET n = n + 1 WHERE id = 1; END;

CREATE TRIGGER content_gen_area_insert AFTER INSERT ON area
BEGIN UPDATE content_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER content_gen_area_update AFTER UPDATE ON area
BEGIN UPDATE content_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER content_gen_area_delete AFTER DELETE ON area
BEGIN UPDATE content_generation SET n = n + 1 WHERE id = 1; END;

CREATE TRIGGER content_gen_assessment_insert AFTER INSERT ON assessment
BEGIN UPDATE content_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER content_gen_assessment_update AFTER UPDATE ON assessment
BEGIN UPDATE content_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER content_gen_assessment_delete AFTER DELETE ON assessment
BEGIN UPDATE content_generation SET n = n + 1 WHERE id = 1; END;

CREATE TRIGGER content_gen_assessment_participant_insert AFTER INSERT ON assessment_participant
BEGIN UPDATE content_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER content_gen_assessment_participant_update AFTER UPDATE ON assessment_participant
BEGIN UPDATE content_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER content_gen_assessment_participant_delete AFTER DELETE ON assessment_participant
BEGIN UPDATE content_generation SET n = n + 1 WHERE id = 1; END;

CREATE TRIGGER content_gen_assessment_view_insert AFTER INSERT ON assessment_view
BEGIN UPDATE content_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER content_gen_assessment_view_update AFTER UPDATE ON assessment_view
BEGIN UPDATE content_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER content_gen_assessment_view_delete AFTER DELETE ON assessment_view
BEGIN UPDATE content_generation SET n = n + 1 WHERE id = 1; END;

CREATE TRIGGER content_gen_authority_grant_insert AFTER INSERT ON authority_grant
BEGIN UPDATE content_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER content_gen_authority_grant_update AFTER UPDATE ON authority_grant
BEGIN UPDATE content_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER content_gen_authority_grant_delete AFTER DELETE ON authority_grant
BEGIN UPDATE content_generation SET n = n + 1 WHERE id = 1; END;

CREATE TRIGGER content_gen_break_glass_grant_insert AFTER INSERT ON break_glass_grant
BEGIN UPDATE content_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER content_gen_break_glass_grant_update AFTER UPDATE ON break_glass_grant
BEGIN UPDATE content_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER content_gen_break_glass_grant_delete AFTER DELETE ON break_glass_grant
BEGIN UPDATE content_generation SET n = n + 1 WHERE id = 1; END;

CREATE TRIGGER content_gen_calendar_feed_insert AFTER INSERT ON calendar_feed
BEGIN UPDATE content_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER content_gen_calendar_feed_update AFTER UPDATE ON calendar_feed
BEGIN UPDATE content_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER content_gen_calendar_feed_delete AFTER DELETE ON calendar_feed
BEGIN UPDATE content_generation SET n = n + 1 WHERE id = 1; END;

CREATE TRIGGER content_gen_case_member_insert AFTER INSERT ON case_member
BEGIN UPDATE content_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER content_gen_case_member_update AFTER UPDATE ON case_member
BEGIN UPDATE content_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER content_gen_case_member_delete AFTER DELETE ON case_member
BEGIN UPDATE content_generation SET n = n + 1 WHERE id = 1; END;

CREATE TRIGGER content_gen_case_phase_insert AFTER INSERT ON case_phase
BEGIN UPDATE content_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER content_gen_case_phase_update AFTER UPDATE ON case_phase
BEGIN UPDATE content_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER content_gen_case_phase_delete AFTER DELETE ON case_phase
BEGIN UPDATE content_generation SET n = n + 1 WHERE id = 1; END;

CREATE TRIGGER content_gen_caseload_insert AFTER INSERT ON caseload
BEGIN UPDATE content_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER content_gen_caseload_update AFTER UPDATE ON caseload
BEGIN UPDATE content_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER content_gen_caseload_delete AFTER DELETE ON caseload
BEGIN UPDATE content_generation SET n = n + 1 WHERE id = 1; END;

CREATE TRIGGER content_gen_child_case_insert AFTER INSERT ON child_case
BEGIN UPDATE content_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER content_gen_child_case_update AFTER UPDATE ON child_case
BEGIN UPDATE content_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER content_gen_child_case_delete AFTER DELETE ON child_case
BEGIN UPDATE content_generation SET n = n + 1 WHERE id = 1; END;

CREATE TRIGGER content_gen_circular_question_insert AFTER INSERT ON circular_question
BEGIN UPDATE content_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER content_gen_circular_question_update AFTER UPDATE ON circular_question
BEGIN UPDATE content_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER content_gen_circular_question_delete AFTER DELETE ON circular_question
BEGIN UPDATE content_generation SET n = n + 1 WHERE id = 1; END;

CREATE TRIGGER content_gen_client_contact_insert AFTER INSERT ON client_contact
BEGIN UPDATE content_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER content_gen_client_contact_update AFTER UPDATE ON client_contact
BEGIN UPDATE content_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER content_gen_client_contact_delete AFTER DELETE ON client_contact
BEGIN UPDATE content_generation SET n = n + 1 WHERE id = 1; END;

CREATE TRIGGER content_gen_consent_insert AFTER INSERT ON consent
BEGIN UPDATE content_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER content_gen_consent_update AFTER UPDATE ON consent
BEGIN UPDATE content_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER content_gen_consent_delete AFTER DELETE ON consent
BEGIN UPDATE content_generation SET n = n + 1 WHERE id = 1; END;

CREATE TRIGGER content_gen_consultation_insert AFTER INSERT ON consultation
BEGIN UPDATE content_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER content_gen_consultation_update AFTER UPDATE ON consultation
BEGIN UPDATE content_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER content_gen_consultation_delete AFTER DELETE ON consultation
BEGIN UPDATE content_generation SET n = n + 1 WHERE id = 1; END;

CREATE TRIGGER content_gen_county_insert AFTER INSERT ON county
BEGIN UPDATE content_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER content_gen_county_update AFTER UPDATE ON county
BEGIN UPDATE content_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER content_gen_county_delete AFTER DELETE ON county
BEGIN UPDATE content_generation SET n = n + 1 WHERE id = 1; END;

CREATE TRIGGER content_gen_family_view_insert AFTER INSERT ON family_view
BEGIN UPDATE content_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER content_gen_family_view_update AFTER UPDATE ON family_view
BEGIN UPDATE content_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER content_gen_family_view_delete AFTER DELETE ON family_view
BEGIN UPDATE content_generation SET n = n + 1 WHERE id = 1; END;

CREATE TRIGGER content_gen_genogram_person_insert AFTER INSERT ON genogram_person
BEGIN UPDATE content_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER content_gen_genogram_person_update AFTER UPDATE ON genogram_person
BEGIN UPDATE content_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER content_gen_genogram_person_delete AFTER DELETE ON genogram_person
BEGIN UPDATE content_generation SET n = n + 1 WHERE id = 1; END;

CREATE TRIGGER content_gen_genogram_relation_insert AFTER INSERT ON genogram_relation
BEGIN UPDATE content_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER content_gen_genogram_relation_update AFTER UPDATE ON genogram_relation
BEGIN UPDATE content_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER content_gen_genogram_relation_delete AFTER DELETE ON genogram_relation
BEGIN UPDATE content_generation SET n = n + 1 WHERE id = 1; END;

CREATE TRIGGER content_gen_helping_map_insert AFTER INSERT ON helping_map
BEGIN UPDATE content_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER content_gen_helping_map_update AFTER UPDATE ON helping_map
BEGIN UPDATE content_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER content_gen_helping_map_delete AFTER DELETE ON helping_map
BEGIN UPDATE content_generation SET n = n + 1 WHERE id = 1; END;

CREATE TRIGGER content_gen_household_insert AFTER INSERT ON household
BEGIN UPDATE content_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER content_gen_household_update AFTER UPDATE ON household
BEGIN UPDATE content_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER content_gen_household_delete AFTER DELETE ON household
BEGIN UPDATE content_generation SET n = n + 1 WHERE id = 1; END;

CREATE TRIGGER content_gen_household_member_insert AFTER INSERT ON household_member
BEGIN UPDATE content_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER content_gen_household_member_update AFTER UPDATE ON household_member
BEGIN UPDATE content_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER content_gen_household_member_delete AFTER DELETE ON household_member
BEGIN UPDATE content_generation SET n = n + 1 WHERE id = 1; END;

CREATE TRIGGER content_gen_hypothesis_insert AFTER INSERT ON hypothesis
BEGIN UPDATE content_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER content_gen_hypothesis_update AFTER UPDATE ON hypothesis
BEGIN UPDATE content_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER content_gen_hypothesis_delete AFTER DELETE ON hypothesis
BEGIN UPDATE content_generation SET n = n + 1 WHERE id = 1; END;

CREATE TRIGGER content_gen_hypothesis_question_insert AFTER INSERT ON hypothesis_question
BEGIN UPDATE content_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER content_gen_hypothesis_question_update AFTER UPDATE ON hypothesis_question
BEGIN UPDATE content_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER content_gen_hypothesis_question_delete AFTER DELETE ON hypothesis_question
BEGIN UPDATE content_generation SET n = n + 1 WHERE id = 1; END;

CREATE TRIGGER content_gen_hypothesis_version_insert AFTER INSERT ON hypothesis_version
BEGIN UPDATE content_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER content_gen_hypothesis_version_update AFTER UPDATE ON hypothesis_version
BEGIN UPDATE content_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER content_gen_hypothesis_version_delete AFTER DELETE ON hypothesis_version
BEGIN UPDATE content_generation SET n = n + 1 WHERE id = 1; END;

CREATE TRIGGER content_gen_journal_entry_insert AFTER INSERT ON journal_entry
BEGIN UPDATE content_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER content_gen_journal_entry_update AFTER UPDATE ON journal_entry
BEGIN UPDATE content_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER content_gen_journal_entry_delete AFTER DELETE ON journal_entry
BEGIN UPDATE content_generation SET n = n + 1 WHERE id = 1; END;

CREATE TRIGGER content_gen_light_participant_insert AFTER INSERT ON light_participant
BEGIN UPDATE content_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER content_gen_light_participant_update AFTER UPDATE ON light_participant
BEGIN UPDATE content_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER content_gen_light_participant_delete AFTER DELETE ON light_participant
BEGIN UPDATE content_generation SET n = n + 1 WHERE id = 1; END;

CREATE TRIGGER content_gen_light_rating_insert AFTER INSERT ON light_rating
BEGIN UPDATE content_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER content_gen_light_rating_update AFTER UPDATE ON light_rating
BEGIN UPDATE content_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER content_gen_light_rating_delete AFTER DELETE ON light_rating
BEGIN UPDATE content_generation SET n = n + 1 WHERE id = 1; END;

CREATE TRIGGER content_gen_light_round_insert AFTER INSERT ON light_round
BEGIN UPDATE content_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER content_gen_light_round_update AFTER UPDATE ON light_round
BEGIN UPDATE content_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER content_gen_light_round_delete AFTER DELETE ON light_round
BEGIN UPDATE content_generation SET n = n + 1 WHERE id = 1; END;

CREATE TRIGGER content_gen_mapping_invitation_insert AFTER INSERT ON mapping_invitation
BEGIN UPDATE content_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER content_gen_mapping_invitation_update AFTER UPDATE ON mapping_invitation
BEGIN UPDATE content_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER content_gen_mapping_invitation_delete AFTER DELETE ON mapping_invitation
BEGIN UPDATE content_generation SET n = n + 1 WHERE id = 1; END;

CREATE TRIGGER content_gen_mapping_invitee_insert AFTER INSERT ON mapping_invitee
BEGIN UPDATE content_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER content_gen_mapping_invitee_update AFTER UPDATE ON mapping_invitee
BEGIN UPDATE content_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER content_gen_mapping_invitee_delete AFTER DELETE ON mapping_invitee
BEGIN UPDATE content_generation SET n = n + 1 WHERE id = 1; END;

CREATE TRIGGER content_gen_meeting_insert AFTER INSERT ON meeting
BEGIN UPDATE content_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER content_gen_meeting_update AFTER UPDATE ON meeting
BEGIN UPDATE content_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER content_gen_meeting_delete AFTER DELETE ON meeting
BEGIN UPDATE content_generation SET n = n + 1 WHERE id = 1; END;

CREATE TRIGGER content_gen_meeting_invite_insert AFTER INSERT ON meeting_invite
BEGIN UPDATE content_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER content_gen_meeting_invite_update AFTER UPDATE ON meeting_invite
BEGIN UPDATE content_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER content_gen_meeting_invite_delete AFTER DELETE ON meeting_invite
BEGIN UPDATE content_generation SET n = n + 1 WHERE id = 1; END;

CREATE TRIGGER content_gen_meeting_item_insert AFTER INSERT ON meeting_item
BEGIN UPDATE content_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER content_gen_meeting_item_update AFTER UPDATE ON meeting_item
BEGIN UPDATE content_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER content_gen_meeting_item_delete AFTER DELETE ON meeting_item
BEGIN UPDATE content_generation SET n = n + 1 WHERE id = 1; END;

CREATE TRIGGER content_gen_meeting_participant_insert AFTER INSERT ON meeting_participant
BEGIN UPDATE content_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER content_gen_meeting_participant_update AFTER UPDATE ON meeting_participant
BEGIN UPDATE content_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER content_gen_meeting_participant_delete AFTER DELETE ON meeting_participant
BEGIN UPDATE content_generation SET n = n + 1 WHERE id = 1; END;

CREATE TRIGGER content_gen_meeting_question_insert AFTER INSERT ON meeting_question
BEGIN UPDATE content_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER content_gen_meeting_question_update AFTER UPDATE ON meeting_question
BEGIN UPDATE content_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER content_gen_meeting_question_delete AFTER DELETE ON meeting_question
BEGIN UPDATE content_generation SET n = n + 1 WHERE id = 1; END;

CREATE TRIGGER content_gen_meeting_question_asked_insert AFTER INSERT ON meeting_question_asked
BEGIN UPDATE content_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER content_gen_meeting_question_asked_update AFTER UPDATE ON meeting_question_asked
BEGIN UPDATE content_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER content_gen_meeting_question_asked_delete AFTER DELETE ON meeting_question_asked
BEGIN UPDATE content_generation SET n = n + 1 WHERE id = 1; END;

CREATE TRIGGER content_gen_meeting_question_seed_insert AFTER INSERT ON meeting_question_seed
BEGIN UPDATE content_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER content_gen_meeting_question_seed_update AFTER UPDATE ON meeting_question_seed
BEGIN UPDATE content_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER content_gen_meeting_question_seed_delete AFTER DELETE ON meeting_question_seed
BEGIN UPDATE content_generation SET n = n + 1 WHERE id = 1; END;

CREATE TRIGGER content_gen_meeting_record_insert AFTER INSERT ON meeting_record
BEGIN UPDATE content_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER content_gen_meeting_record_update AFTER UPDATE ON meeting_record
BEGIN UPDATE content_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER content_gen_meeting_record_delete AFTER DELETE ON meeting_record
BEGIN UPDATE content_generation SET n = n + 1 WHERE id = 1; END;

CREATE TRIGGER content_gen_meeting_series_insert AFTER INSERT ON meeting_series
BEGIN UPDATE content_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER content_gen_meeting_series_update AFTER UPDATE ON meeting_series
BEGIN UPDATE content_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER content_gen_meeting_series_delete AFTER DELETE ON meeting_series
BEGIN UPDATE content_generation SET n = n + 1 WHERE id = 1; END;

CREATE TRIGGER content_gen_meeting_task_insert AFTER INSERT ON meeting_task
BEGIN UPDATE content_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER content_gen_meeting_task_update AFTER UPDATE ON meeting_task
BEGIN UPDATE content_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER content_gen_meeting_task_delete AFTER DELETE ON meeting_task
BEGIN UPDATE content_generation SET n = n + 1 WHERE id = 1; END;

CREATE TRIGGER content_gen_meta_insert AFTER INSERT ON meta
BEGIN UPDATE content_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER content_gen_meta_update AFTER UPDATE ON meta
BEGIN UPDATE content_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER content_gen_meta_delete AFTER DELETE ON meta
BEGIN UPDATE content_generation SET n = n + 1 WHERE id = 1; END;

CREATE TRIGGER content_gen_notification_insert AFTER INSERT ON notification
BEGIN UPDATE content_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER content_gen_notification_update AFTER UPDATE ON notification
BEGIN UPDATE content_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER content_gen_notification_delete AFTER DELETE ON notification
BEGIN UPDATE content_generation SET n = n + 1 WHERE id = 1; END;

CREATE TRIGGER content_gen_partner_member_insert AFTER INSERT ON partner_member
BEGIN UPDATE content_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER content_gen_partner_member_update AFTER UPDATE ON partner_member
BEGIN UPDATE content_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER content_gen_partner_member_delete AFTER DELETE ON partner_member
BEGIN UPDATE content_generation SET n = n + 1 WHERE id = 1; END;

CREATE TRIGGER content_gen_partner_org_insert AFTER INSERT ON partner_org
BEGIN UPDATE content_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER content_gen_partner_org_update AFTER UPDATE ON partner_org
BEGIN UPDATE content_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER content_gen_partner_org_delete AFTER DELETE ON partner_org
BEGIN UPDATE content_generation SET n = n + 1 WHERE id = 1; END;

CREATE TRIGGER content_gen_partner_service_insert AFTER INSERT ON partner_service
BEGIN UPDATE content_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER content_gen_partner_service_update AFTER UPDATE ON partner_service
BEGIN UPDATE content_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER content_gen_partner_service_delete AFTER DELETE ON partner_service
BEGIN UPDATE content_generation SET n = n + 1 WHERE id = 1; END;

CREATE TRIGGER content_gen_person_insert AFTER INSERT ON person
BEGIN UPDATE content_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER content_gen_person_update AFTER UPDATE ON person
BEGIN UPDATE content_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER content_gen_person_delete AFTER DELETE ON person
BEGIN UPDATE content_generation SET n = n + 1 WHERE id = 1; END;

CREATE TRIGGER content_gen_person_service_insert AFTER INSERT ON person_service
BEGIN UPDATE content_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER content_gen_person_service_update AFTER UPDATE ON person_service
BEGIN UPDATE content_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER content_gen_person_service_delete AFTER DELETE ON person_service
BEGIN UPDATE content_generation SET n = n + 1 WHERE id = 1; END;

CREATE TRIGGER content_gen_plan_goal_insert AFTER INSERT ON plan_goal
BEGIN UPDATE content_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER content_gen_plan_goal_update AFTER UPDATE ON plan_goal
BEGIN UPDATE content_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER content_gen_plan_goal_delete AFTER DELETE ON plan_goal
BEGIN UPDATE content_generation SET n = n + 1 WHERE id = 1; END;

CREATE TRIGGER content_gen_plan_participant_insert AFTER INSERT ON plan_participant
BEGIN UPDATE content_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER content_gen_plan_participant_update AFTER UPDATE ON plan_participant
BEGIN UPDATE content_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER content_gen_plan_participant_delete AFTER DELETE ON plan_participant
BEGIN UPDATE content_generation SET n = n + 1 WHERE id = 1; END;

CREATE TRIGGER content_gen_plan_rating_insert AFTER INSERT ON plan_rating
BEGIN UPDATE content_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER content_gen_plan_rating_update AFTER UPDATE ON plan_rating
BEGIN UPDATE content_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER content_gen_plan_rating_delete AFTER DELETE ON plan_rating
BEGIN UPDATE content_generation SET n = n + 1 WHERE id = 1; END;

CREATE TRIGGER content_gen_plan_task_insert AFTER INSERT ON plan_task
BEGIN UPDATE content_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER content_gen_plan_task_update AFTER UPDATE ON plan_task
BEGIN UPDATE content_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER content_gen_plan_task_delete AFTER DELETE ON plan_task
BEGIN UPDATE content_generation SET n = n + 1 WHERE id = 1; END;

CREATE TRIGGER content_gen_plan_version_insert AFTER INSERT ON plan_version
BEGIN UPDATE content_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER content_gen_plan_version_update AFTER UPDATE ON plan_version
BEGIN UPDATE content_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER content_gen_plan_version_delete AFTER DELETE ON plan_version
BEGIN UPDATE content_generation SET n = n + 1 WHERE id = 1; END;

CREATE TRIGGER content_gen_relation_insert AFTER INSERT ON relation
BEGIN UPDATE content_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER content_gen_relation_update AFTER UPDATE ON relation
BEGIN UPDATE content_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER content_gen_relation_delete AFTER DELETE ON relation
BEGIN UPDATE content_generation SET n = n + 1 WHERE id = 1; END;

CREATE TRIGGER content_gen_safety_block_insert AFTER INSERT ON safety_block
BEGIN UPDATE content_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER content_gen_safety_block_update AFTER UPDATE ON safety_block
BEGIN UPDATE content_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER content_gen_safety_block_delete AFTER DELETE ON safety_block
BEGIN UPDATE content_generation SET n = n + 1 WHERE id = 1; END;

CREATE TRIGGER content_gen_tag_insert AFTER INSERT ON tag
BEGIN UPDATE content_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER content_gen_tag_update AFTER UPDATE ON tag
BEGIN UPDATE content_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER content_gen_tag_delete AFTER DELETE ON tag
BEGIN UPDATE content_generation SET n = n + 1 WHERE id = 1; END;

CREATE TRIGGER content_gen_tag_recipient_insert AFTER INSERT ON tag_recipient
BEGIN UPDATE content_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER content_gen_tag_recipient_update AFTER UPDATE ON tag_recipient
BEGIN UPDATE content_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER content_gen_tag_recipient_delete AFTER DELETE ON tag_recipient
BEGIN UPDATE content_generation SET n = n + 1 WHERE id = 1; END;

CREATE TRIGGER content_gen_team_insert AFTER INSERT ON team
BEGIN UPDATE content_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER content_gen_team_update AFTER UPDATE ON team
BEGIN UPDATE content_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER content_gen_team_delete AFTER DELETE ON team
BEGIN UPDATE content_generation SET n = n + 1 WHERE id = 1; END;

CREATE TRIGGER content_gen_team_member_insert AFTER INSERT ON team_member
BEGIN UPDATE content_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER content_gen_team_member_update AFTER UPDATE ON team_member
BEGIN UPDATE content_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER content_gen_team_member_delete AFTER DELETE ON team_member
BEGIN UPDATE content_generation SET n = n + 1 WHERE id = 1; END;

CREATE TRIGGER content_gen_three_houses_insert AFTER INSERT ON three_houses
BEGIN UPDATE content_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER content_gen_three_houses_update AFTER UPDATE ON three_houses
BEGIN UPDATE content_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER content_gen_three_houses_delete AFTER DELETE ON three_houses
BEGIN UPDATE content_generation SET n = n + 1 WHERE id = 1; END;

CREATE TRIGGER content_gen_timeline_event_insert AFTER INSERT ON timeline_event
BEGIN UPDATE content_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER content_gen_timeline_event_update AFTER UPDATE ON timeline_event
BEGIN UPDATE content_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER content_gen_timeline_event_delete AFTER DELETE ON timeline_event
BEGIN UPDATE content_generation SET n = n + 1 WHERE id = 1; END;

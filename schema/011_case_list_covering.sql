-- 011_case_list_covering.sql - the per-row columns of the case lists read
-- from indexes alone.
--
-- My work and the team page read, for every child listed, the responsible
-- worker and the earliest open decision and assessment dates.  The indexes
-- they used held only case_id (and case_id, role), so each look-up went on
-- to the table row for to_date, account_id or the due date; the team page's
-- list also walked the team's closed cases (210 of sw1's 267 in the county
-- bench) to skip them.  These indexes hold what those queries read (SQLite
-- 3.40 counts an index as covering only when the columns of its WHERE are
-- in it too): a fifth of the team list's query.
--
-- The open-clock indexes of migration 006 are rebuilt under their names with
-- the due date (clocks_open and the case queries name them with INDEXED BY);
-- a hit no longer reads the notification row, whose text spills to overflow
-- pages (~19k instructions).  The due date right after case_id: a case's
-- clocks come in due order, those due the same day in row order as before,
-- and a look-up costs less than with the constant columns first.
DROP INDEX notification_decision_open_case;
CREATE INDEX notification_decision_open_case ON notification(case_id, decision_due, decision_at)
	WHERE decision_at IS NULL;
DROP INDEX notification_assessment_open_case;
CREATE INDEX notification_assessment_open_case ON notification(case_id, assessment_due, decision, assessment_done_at)
	WHERE decision = 'start_assessment' AND assessment_done_at IS NULL;
-- The current responsible worker of a case (one at most: caseteam_assign ends
-- the previous one first).
CREATE INDEX case_member_responsible ON case_member(case_id, role, to_date, account_id)
	WHERE role = 'responsible' AND to_date IS NULL;
-- A team's open cases in the order of child_case_team (team_id, phase, row),
-- so that rows of equal names reach the list's sort in the same order.
CREATE INDEX child_case_team_open ON child_case(team_id, phase) WHERE phase <> 'closed';

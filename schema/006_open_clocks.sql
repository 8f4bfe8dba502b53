-- 006_open_clocks.sql - the open legal clocks of a set of cases.
--
-- The team page and "my work" list the open decision and assessment clocks
-- of a team's or a worker's cases.  Indexing only the open notifications by
-- case lets that read a handful of rows instead of every notification of
-- every case (nation scale: 1,075,034 notifications, few of them open).
CREATE INDEX notification_decision_open_case ON notification(case_id) WHERE decision_at IS NULL;
CREATE INDEX notification_assessment_open_case ON notification(case_id)
	WHERE decision = 'start_assessment' AND assessment_done_at IS NULL;

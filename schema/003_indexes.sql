-- 003_indexes.sql - indexes found missing by the nation-scale benchmark:
-- "my children" looks up every membership of a worker (also ones with an
-- end date in the future), which the partial index cannot answer.
CREATE INDEX case_member_account_all ON case_member(account_id, case_id);
CREATE INDEX team_area ON team(area_id);

-- 014_access_generation.sql - one number that changes with every access fact.
--
-- The server keeps sessions, principals and the access facts of cases in
-- memory (model/sessioncache.c).  An entry is good only while this number is
-- what it was when the entry was loaded: every request reads it in its own
-- snapshot, so a change is seen by the very next request.  The triggers bump
-- it in the same transaction as the change, whoever writes: the server's
-- writer thread, `majakka user add`, or sqlite3 by hand.  Writes that change
-- no access (journal entries, notifications, the access log itself, a
-- session's last_seen) leave it alone, so they do not empty the caches.
CREATE TABLE access_generation (
	id INTEGER PRIMARY KEY CHECK (id = 1),
	n  INTEGER NOT NULL
) STRICT;
INSERT INTO access_generation(id, n) VALUES (1, 1);

CREATE TRIGGER access_gen_session_end AFTER UPDATE OF ended, account_id, token_hash ON session
BEGIN UPDATE access_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER access_gen_session_delete AFTER DELETE ON session
BEGIN UPDATE access_generation SET n = n + 1 WHERE id = 1; END;

CREATE TRIGGER access_gen_account_insert AFTER INSERT ON account
BEGIN UPDATE access_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER access_gen_account_update AFTER UPDATE ON account
BEGIN UPDATE access_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER access_gen_account_delete AFTER DELETE ON account
BEGIN UPDATE access_generation SET n = n + 1 WHERE id = 1; END;

CREATE TRIGGER access_gen_team_member_insert AFTER INSERT ON team_member
BEGIN UPDATE access_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER access_gen_team_member_update AFTER UPDATE ON team_member
BEGIN UPDATE access_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER access_gen_team_member_delete AFTER DELETE ON team_member
BEGIN UPDATE access_generation SET n = n + 1 WHERE id = 1; END;

-- The facts of a case: its team, area and county, the child's team, the
-- family's relations (guardianship, blocks), break-the-glass grants.
CREATE TRIGGER access_gen_team_update AFTER UPDATE OF area_id ON team
BEGIN UPDATE access_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER access_gen_team_delete AFTER DELETE ON team
BEGIN UPDATE access_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER access_gen_area_update AFTER UPDATE OF county_id ON area
BEGIN UPDATE access_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER access_gen_case_update AFTER UPDATE OF team_id, child_id ON child_case
BEGIN UPDATE access_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER access_gen_case_delete AFTER DELETE ON child_case
BEGIN UPDATE access_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER access_gen_case_member_insert AFTER INSERT ON case_member
BEGIN UPDATE access_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER access_gen_case_member_update AFTER UPDATE ON case_member
BEGIN UPDATE access_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER access_gen_case_member_delete AFTER DELETE ON case_member
BEGIN UPDATE access_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER access_gen_relation_insert AFTER INSERT ON relation
BEGIN UPDATE access_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER access_gen_relation_update AFTER UPDATE ON relation
BEGIN UPDATE access_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER access_gen_relation_delete AFTER DELETE ON relation
BEGIN UPDATE access_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER access_gen_break_glass AFTER INSERT ON break_glass_grant
BEGIN UPDATE access_generation SET n = n + 1 WHERE id = 1; END;

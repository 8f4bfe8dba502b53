-- 004_caseload.sql - every worker's caseload, kept current by triggers.
--
-- A caseload is the number of open cases (phase other than 'closed') where
-- the worker is the current (to_date IS NULL) responsible social worker, and
-- separately where the worker is the pair.  The pages and the cap rule read
-- it on every child page and team page; counting it from case_member each
-- time cost more than everything else on the page (the nation-scale bench).
-- The triggers keep it exact in the same transaction as the change, whoever
-- writes; `majakka check` recounts it and reports any difference.
CREATE TABLE caseload (
	account_id INTEGER PRIMARY KEY REFERENCES account(id),
	children   INTEGER NOT NULL DEFAULT 0 CHECK (children >= 0),
	pairs      INTEGER NOT NULL DEFAULT 0 CHECK (pairs >= 0)
) STRICT;

INSERT INTO caseload (account_id, children, pairs)
SELECT m.account_id, sum(m.role = 'responsible'), sum(m.role = 'pair')
  FROM case_member m JOIN child_case c ON c.id = m.case_id
 WHERE m.account_id IS NOT NULL AND m.to_date IS NULL AND m.role IN ('responsible', 'pair')
   AND c.phase <> 'closed'
 GROUP BY m.account_id;

-- A membership that counts was added.
CREATE TRIGGER caseload_member_insert AFTER INSERT ON case_member
WHEN NEW.account_id IS NOT NULL AND NEW.to_date IS NULL AND NEW.role IN ('responsible', 'pair')
 AND (SELECT phase FROM child_case WHERE id = NEW.case_id) <> 'closed'
BEGIN
	INSERT INTO caseload (account_id, children, pairs)
	VALUES (NEW.account_id, NEW.role = 'responsible', NEW.role = 'pair')
	ON CONFLICT (account_id) DO UPDATE SET children = children + excluded.children,
	                                       pairs = pairs + excluded.pairs;
END;

-- A membership changed: take the old row out, put the new one in.
CREATE TRIGGER caseload_member_update_old AFTER UPDATE OF account_id, role, to_date, case_id ON case_member
WHEN OLD.account_id IS NOT NULL AND OLD.to_date IS NULL AND OLD.role IN ('responsible', 'pair')
 AND (SELECT phase FROM child_case WHERE id = OLD.case_id) <> 'closed'
BEGIN
	UPDATE caseload SET children = children - (OLD.role = 'responsible'), pairs = pairs - (OLD.role = 'pair')
	 WHERE account_id = OLD.account_id;
END;

CREATE TRIGGER caseload_member_update_new AFTER UPDATE OF account_id, role, to_date, case_id ON case_member
WHEN NEW.account_id IS NOT NULL AND NEW.to_date IS NULL AND NEW.role IN ('responsible', 'pair')
 AND (SELECT phase FROM child_case WHERE id = NEW.case_id) <> 'closed'
BEGIN
	INSERT INTO caseload (account_id, children, pairs)
	VALUES (NEW.account_id, NEW.role = 'responsible', NEW.role = 'pair')
	ON CONFLICT (account_id) DO UPDATE SET children = children + excluded.children,
	                                       pairs = pairs + excluded.pairs;
END;

CREATE TRIGGER caseload_member_delete AFTER DELETE ON case_member
WHEN OLD.account_id IS NOT NULL AND OLD.to_date IS NULL AND OLD.role IN ('responsible', 'pair')
 AND (SELECT phase FROM child_case WHERE id = OLD.case_id) <> 'closed'
BEGIN
	UPDATE caseload SET children = children - (OLD.role = 'responsible'), pairs = pairs - (OLD.role = 'pair')
	 WHERE account_id = OLD.account_id;
END;

-- A case was closed or reopened: its current members' loads change.  (Two
-- triggers: an upsert's row must pass the CHECK before its conflict is seen.)
CREATE TRIGGER caseload_case_close AFTER UPDATE OF phase ON child_case
WHEN OLD.phase <> 'closed' AND NEW.phase = 'closed'
BEGIN
	UPDATE caseload SET
	       children = children - (SELECT count(*) FROM case_member m WHERE m.case_id = NEW.id
	                  AND m.account_id = caseload.account_id AND m.to_date IS NULL AND m.role = 'responsible'),
	       pairs = pairs - (SELECT count(*) FROM case_member m WHERE m.case_id = NEW.id
	               AND m.account_id = caseload.account_id AND m.to_date IS NULL AND m.role = 'pair')
	 WHERE account_id IN (SELECT account_id FROM case_member WHERE case_id = NEW.id
	                      AND to_date IS NULL AND role IN ('responsible', 'pair'));
END;

CREATE TRIGGER caseload_case_reopen AFTER UPDATE OF phase ON child_case
WHEN OLD.phase = 'closed' AND NEW.phase <> 'closed'
BEGIN
	INSERT INTO caseload (account_id, children, pairs)
	SELECT m.account_id, sum(m.role = 'responsible'), sum(m.role = 'pair')
	  FROM case_member m
	 WHERE m.case_id = NEW.id AND m.account_id IS NOT NULL AND m.to_date IS NULL
	   AND m.role IN ('responsible', 'pair')
	 GROUP BY m.account_id
	ON CONFLICT (account_id) DO UPDATE SET children = children + excluded.children,
	                                       pairs = pairs + excluded.pairs;
END;

CREATE TRIGGER caseload_case_delete BEFORE DELETE ON child_case
BEGIN SELECT RAISE(ABORT, 'cases are closed, never deleted'); END;

-- 012_break_glass.sql - break-the-glass grants.
--
-- A worker outside a child's teams states a reason once and may then read
-- that child's case, and only read it, until the grant expires.  The reason is
-- kept whole here (the access log's rows name the grant); grants are never
-- changed or deleted.
CREATE TABLE break_glass_grant (
	id         INTEGER PRIMARY KEY,
	account_id INTEGER NOT NULL REFERENCES account(id),
	case_id    INTEGER NOT NULL REFERENCES child_case(id),
	reason     TEXT NOT NULL CHECK (length(reason) BETWEEN 20 AND 2000),
	created_at TEXT NOT NULL,
	expires_at TEXT NOT NULL CHECK (expires_at > created_at)
) STRICT;
CREATE INDEX break_glass_grant_account ON break_glass_grant(account_id, case_id, expires_at);
CREATE INDEX break_glass_grant_case ON break_glass_grant(case_id, created_at);
CREATE INDEX break_glass_grant_created ON break_glass_grant(created_at);
CREATE TRIGGER break_glass_grant_no_update BEFORE UPDATE ON break_glass_grant
BEGIN SELECT RAISE(ABORT, 'break-the-glass grants are append-only'); END;
CREATE TRIGGER break_glass_grant_no_delete BEFORE DELETE ON break_glass_grant
BEGIN SELECT RAISE(ABORT, 'break-the-glass grants are append-only'); END;

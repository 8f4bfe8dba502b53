-- 013_access_grant.sql - no self-granting: client access waits for a manager.
--
-- The administrator asks, a manager responsible for the unit decides.  A
-- request to put an account in a team (lead or not), or to let a manager
-- lead an area, is a row here; the access itself (a team_member row, or
-- account.area_approved) comes only with an approval, in the same
-- transaction as the decision and its access-log row (model/grant.c).
--
-- Rows are never deleted; the request columns never change; the decision
-- columns are written once, from pending (outcome NULL) to approved,
-- rejected or withdrawn (the administrator took the request back, e.g. by
-- unticking the team).  The CHECKs keep the rule in storage too: whoever
-- approves or rejects is neither the account itself nor who asked for it.
CREATE TABLE access_grant (
	id           INTEGER PRIMARY KEY,
	account_id   INTEGER NOT NULL REFERENCES account(id),
	team_id      INTEGER REFERENCES team(id),
	area_id      INTEGER REFERENCES area(id),
	lead         INTEGER NOT NULL DEFAULT 0 CHECK (lead = 0 OR lead = 1),
	requested_by INTEGER NOT NULL REFERENCES account(id),
	requested_at TEXT NOT NULL,
	decided_by   INTEGER REFERENCES account(id),
	decided_at   TEXT,
	outcome      TEXT CHECK (outcome = 'approved' OR outcome = 'rejected' OR outcome = 'withdrawn'),
	note         TEXT NOT NULL DEFAULT '' CHECK (length(note) <= 500),
	CHECK ((team_id IS NULL AND area_id IS NOT NULL) OR (team_id IS NOT NULL AND area_id IS NULL)),
	CHECK (area_id IS NULL OR lead = 0),
	CHECK ((outcome IS NULL AND decided_by IS NULL AND decided_at IS NULL) OR
	       (outcome IS NOT NULL AND decided_by IS NOT NULL AND decided_at IS NOT NULL)),
	CHECK (outcome IS NULL OR outcome = 'withdrawn' OR
	       (decided_by <> account_id AND decided_by <> requested_by))
) STRICT;
-- At most one open request per account and team, and one per account for an area.
CREATE UNIQUE INDEX access_grant_open_team ON access_grant(account_id, team_id)
	WHERE outcome IS NULL AND team_id IS NOT NULL;
CREATE UNIQUE INDEX access_grant_open_area ON access_grant(account_id)
	WHERE outcome IS NULL AND area_id IS NOT NULL;
CREATE INDEX access_grant_open ON access_grant(requested_at) WHERE outcome IS NULL;
CREATE INDEX access_grant_account ON access_grant(account_id);

CREATE TRIGGER access_grant_starts_open BEFORE INSERT ON access_grant WHEN NEW.outcome IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'an access grant starts as a pending request'); END;
CREATE TRIGGER access_grant_request_fixed BEFORE UPDATE OF id, account_id, team_id, area_id, lead,
	requested_by, requested_at ON access_grant
BEGIN SELECT RAISE(ABORT, 'an access grant request is never changed'); END;
CREATE TRIGGER access_grant_decided_once BEFORE UPDATE ON access_grant WHEN OLD.outcome IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'an access grant is decided once'); END;
CREATE TRIGGER access_grant_no_delete BEFORE DELETE ON access_grant
BEGIN SELECT RAISE(ABORT, 'access grants are append-only'); END;

-- A manager's area gives access only once approved.  The flag belongs to the
-- area in account.area_id; model/account.c clears it whenever the area or
-- the role changes.  Areas given before this migration stay approved.
ALTER TABLE account ADD COLUMN area_approved INTEGER NOT NULL DEFAULT 0
	CHECK (area_approved = 0 OR area_approved = 1);
UPDATE account SET area_approved = 1 WHERE area_id IS NOT NULL;

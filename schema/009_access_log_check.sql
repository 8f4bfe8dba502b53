-- 009_access_log_check.sql - the access log's outcome CHECK without an IN list.
--
-- SQLite 3.40 checks "outcome IN ('allowed', 'denied', 'failed')" by building
-- an ephemeral table of the three values on every INSERT: ~24k of the ~62k
-- instructions that appending one access-log row cost on the writer thread.
-- The same rule as an OR chain is three string compares.  A CHECK cannot be
-- altered in place, so the table is rebuilt as SQLite's ALTER TABLE page
-- describes: every row copied with its id, prev_hash and hash unchanged (the
-- hash chain still verifies), the same indexes, the same append-only
-- triggers.  Dropping the old table fires no DELETE trigger.  Only the CHECK
-- differs from 001_foundation.sql.
--
-- The indexes are created before the copy, not after: CREATE INDEX packs
-- every leaf page full, and then nearly every new row's person_id entry
-- split a page (appending a row cost more than before this migration until
-- the pages had split once); filled row by row they have the room they
-- would have had anyway.  (The rename leaves "access_log" quoted in their
-- CREATE INDEX text.)
--
-- One-off cost, measured: 2 s for the county bench database (300,000 rows),
-- 27 s for the nation one (2,000,000 rows); the old pages stay in the file
-- as free pages for later rows.  The table's sqlite_stat1 rows go with it;
-- the plans of the access-log reads (by person, break-the-glass) are the
-- same without them.
CREATE TABLE access_log_new (
	id          INTEGER PRIMARY KEY,
	at          TEXT NOT NULL,
	account_id  INTEGER,
	username    TEXT NOT NULL,
	role        TEXT NOT NULL,
	action      TEXT NOT NULL,
	object_type TEXT NOT NULL,
	object_id   INTEGER,
	person_id   INTEGER,
	case_id     INTEGER,
	basis       TEXT NOT NULL,
	reason      TEXT NOT NULL DEFAULT '',
	outcome     TEXT NOT NULL CHECK (outcome = 'allowed' OR outcome = 'denied' OR outcome = 'failed'),
	ip          TEXT NOT NULL DEFAULT '',
	prev_hash   TEXT NOT NULL,
	hash        TEXT NOT NULL
) STRICT;
DROP INDEX access_log_person;
DROP INDEX access_log_account;
DROP INDEX access_log_breakglass;
CREATE INDEX access_log_person ON access_log_new(person_id) WHERE person_id IS NOT NULL;
CREATE INDEX access_log_account ON access_log_new(account_id, at);
CREATE INDEX access_log_breakglass ON access_log_new(basis) WHERE basis = 'break_glass';
INSERT INTO access_log_new SELECT * FROM access_log ORDER BY id;
DROP TABLE access_log;
ALTER TABLE access_log_new RENAME TO access_log;
CREATE TRIGGER access_log_no_update BEFORE UPDATE ON access_log
BEGIN SELECT RAISE(ABORT, 'access_log is append-only'); END;
CREATE TRIGGER access_log_no_delete BEFORE DELETE ON access_log
BEGIN SELECT RAISE(ABORT, 'access_log is append-only'); END;

-- 025_access_log_index_behind.sql - the access log's per-person index kept
-- behind the rows, off the path every answer waits on.
--
-- Every page read appends access-log rows, and the index on person_id put
-- each row into its own person's leaf: a batch of 35 rows for 35 children
-- wrote some 35 index pages to the WAL, flushed before the answers could
-- leave (docs/BENCHMARKS.md).  Now the rows go to the table alone.  After
-- each batch the writer thread copies the rows after access_log_indexed.upto
-- into access_log_by_person once 512 or more have gathered
-- (audit_index_behind, src/audit/audit.c), in a transaction of its own
-- that no answer waits for and that does not wait for the disk: index and
-- upto move together or not at all, and what a crash takes is copied again
-- by the next pass.  Readers take the index up to upto and the few rows
-- after it from the table itself (model/accesslog.c); `majakka check`
-- reports an index that disagrees with the rows (INDEX).
--
-- The (account_id, at) index served only the break-the-glass report, which
-- reads its rows through access_log_breakglass (basis = 'break_glass').
DROP INDEX access_log_person;
DROP INDEX access_log_account;

CREATE TABLE access_log_by_person (
	person_id INTEGER NOT NULL,
	log_id    INTEGER NOT NULL,
	PRIMARY KEY (person_id, log_id)
) STRICT, WITHOUT ROWID;
INSERT INTO access_log_by_person(person_id, log_id)
	SELECT person_id, id FROM access_log WHERE person_id IS NOT NULL;

CREATE TABLE access_log_indexed (
	id   INTEGER PRIMARY KEY CHECK (id = 1),
	upto INTEGER NOT NULL
) STRICT;
INSERT INTO access_log_indexed(id, upto) VALUES (1, (SELECT coalesce(max(id), 0) FROM access_log));

CREATE TRIGGER access_log_by_person_no_update BEFORE UPDATE ON access_log_by_person
BEGIN SELECT RAISE(ABORT, 'access_log_by_person is append-only'); END;
CREATE TRIGGER access_log_by_person_no_delete BEFORE DELETE ON access_log_by_person
BEGIN SELECT RAISE(ABORT, 'access_log_by_person is append-only'); END;
CREATE TRIGGER access_log_indexed_no_back BEFORE UPDATE ON access_log_indexed WHEN NEW.upto < OLD.upto
BEGIN SELECT RAISE(ABORT, 'access_log_indexed only moves forward'); END;

-- 002_cases.sql - persons, families, cases, the child's team, notifications
-- with their legal clocks, client contacts and the journal.
--
-- Nothing about a client is deleted or overwritten: phases, assignments and
-- journal versions are appended; triggers refuse UPDATE/DELETE where the
-- history is the record.

CREATE TABLE person (
	id             INTEGER PRIMARY KEY,
	county_id      INTEGER NOT NULL REFERENCES county(id),
	kind           TEXT NOT NULL CHECK (kind IN ('child', 'parent', 'family_member', 'close_network')),
	first_names    TEXT NOT NULL,
	last_name      TEXT NOT NULL,
	birth_date     TEXT,
	hetu           TEXT UNIQUE,
	phone          TEXT NOT NULL DEFAULT '',
	email          TEXT NOT NULL DEFAULT '',
	address        TEXT NOT NULL DEFAULT '',
	language       TEXT NOT NULL DEFAULT 'fi',
	non_disclosure INTEGER NOT NULL DEFAULT 0 CHECK (non_disclosure IN (0, 1)),
	created_at     TEXT NOT NULL,
	created_by     INTEGER REFERENCES account(id)
) STRICT;
CREATE INDEX person_name ON person(county_id, last_name, first_names);

-- Name search at national scale: prefix queries on an FTS5 index.  The
-- index is kept by model/person.c (triggers on a virtual table are refused
-- under PRAGMA trusted_schema=OFF, which Majakka keeps off).
CREATE VIRTUAL TABLE person_fts USING fts5(
	first_names, last_name, content='person', content_rowid='id',
	tokenize = 'unicode61', prefix = '2 3'
);
CREATE TRIGGER person_no_delete BEFORE DELETE ON person
BEGIN SELECT RAISE(ABORT, 'persons are never deleted'); END;

-- Family members log in as themselves.
ALTER TABLE account ADD COLUMN person_id INTEGER REFERENCES person(id);

CREATE TABLE household (
	id        INTEGER PRIMARY KEY,
	county_id INTEGER NOT NULL REFERENCES county(id),
	name      TEXT NOT NULL
) STRICT;

CREATE TABLE household_member (
	household_id INTEGER NOT NULL REFERENCES household(id),
	person_id    INTEGER NOT NULL REFERENCES person(id),
	PRIMARY KEY (household_id, person_id)
) STRICT;
CREATE INDEX household_member_person ON household_member(person_id);

-- person_id is (kind) of related_id: "A is parent of B".
CREATE TABLE relation (
	id         INTEGER PRIMARY KEY,
	person_id  INTEGER NOT NULL REFERENCES person(id),
	related_id INTEGER NOT NULL REFERENCES person(id),
	kind       TEXT NOT NULL CHECK (kind IN ('parent', 'adoptive_parent', 'foster_parent', 'partner',
	                                         'sibling', 'other')),
	guardian   INTEGER NOT NULL DEFAULT 0 CHECK (guardian IN (0, 1)),
	-- a safety block: this guardian may not see the child's data (violent custody disputes)
	blocked    INTEGER NOT NULL DEFAULT 0 CHECK (blocked IN (0, 1)),
	CHECK (person_id <> related_id),
	UNIQUE (person_id, related_id, kind)
) STRICT;
CREATE INDEX relation_related ON relation(related_id);

-- One case per child, owned by a team.
CREATE TABLE child_case (
	id          INTEGER PRIMARY KEY,
	child_id    INTEGER NOT NULL UNIQUE REFERENCES person(id),
	team_id     INTEGER NOT NULL REFERENCES team(id),
	legal_basis TEXT NOT NULL CHECK (legal_basis IN ('social_welfare_act', 'child_welfare_act')),
	phase       TEXT NOT NULL CHECK (phase IN ('notification', 'assessment', 'open_care',
	                 'placed_open_care', 'placed_emergency', 'placed_care_order', 'aftercare', 'closed')),
	opened_at   TEXT NOT NULL
) STRICT;
CREATE INDEX child_case_team ON child_case(team_id, phase);

CREATE TABLE case_phase (
	id         INTEGER PRIMARY KEY,
	case_id    INTEGER NOT NULL REFERENCES child_case(id),
	phase      TEXT NOT NULL,
	changed_at TEXT NOT NULL,
	changed_by INTEGER REFERENCES account(id),
	reason     TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX case_phase_case ON case_phase(case_id, id);
CREATE TRIGGER case_phase_no_update BEFORE UPDATE ON case_phase
BEGIN SELECT RAISE(ABORT, 'phase history is append-only'); END;
CREATE TRIGGER case_phase_no_delete BEFORE DELETE ON case_phase
BEGIN SELECT RAISE(ABORT, 'phase history is append-only'); END;

-- The child's team: responsible worker and pair (permanent), varying members
-- (workers, close network, professionals) with from/to dates.  An ended
-- membership gets to_date; rows are never removed.
CREATE TABLE case_member (
	id          INTEGER PRIMARY KEY,
	case_id     INTEGER NOT NULL REFERENCES child_case(id),
	role        TEXT NOT NULL CHECK (role IN ('responsible', 'pair', 'varying')),
	account_id  INTEGER REFERENCES account(id),
	person_id   INTEGER REFERENCES person(id),
	name        TEXT NOT NULL DEFAULT '',
	description TEXT NOT NULL DEFAULT '',
	from_date   TEXT NOT NULL,
	to_date     TEXT,
	added_by    INTEGER REFERENCES account(id),
	added_at    TEXT NOT NULL,
	over_cap_reason TEXT NOT NULL DEFAULT '',
	CHECK (account_id IS NOT NULL OR person_id IS NOT NULL OR name <> '')
) STRICT;
CREATE INDEX case_member_case ON case_member(case_id, role);
CREATE INDEX case_member_account ON case_member(account_id, role) WHERE to_date IS NULL;
CREATE TRIGGER case_member_no_delete BEFORE DELETE ON case_member
BEGIN SELECT RAISE(ABORT, 'child''s team history is kept'); END;

-- Child welfare notification, contact or application and its legal clocks.
CREATE TABLE notification (
	id             INTEGER PRIMARY KEY,
	case_id        INTEGER NOT NULL REFERENCES child_case(id),
	kind           TEXT NOT NULL CHECK (kind IN ('notification', 'contact', 'application')),
	received_at    TEXT NOT NULL,
	received_date  TEXT NOT NULL,
	received_by    INTEGER REFERENCES account(id),
	sender_type    TEXT NOT NULL,
	sender_name    TEXT NOT NULL DEFAULT '',
	text           TEXT NOT NULL DEFAULT '',
	urgency        TEXT CHECK (urgency IN ('urgent', 'not_urgent')),
	urgency_at     TEXT,
	urgency_by     INTEGER REFERENCES account(id),
	decision_due   TEXT NOT NULL,
	assessment_due TEXT NOT NULL,
	decision       TEXT CHECK (decision IN ('start_assessment', 'no_assessment')),
	decision_at    TEXT,
	decision_by    INTEGER REFERENCES account(id),
	assessment_done_at TEXT,
	created_at     TEXT NOT NULL
) STRICT;
CREATE INDEX notification_case ON notification(case_id);
CREATE INDEX notification_decision_open ON notification(decision_due) WHERE decision_at IS NULL;
CREATE INDEX notification_assessment_open ON notification(assessment_due)
	WHERE assessment_done_at IS NULL AND (decision IS NULL OR decision = 'start_assessment');

-- A client's call or message to the team (reachability).
CREATE TABLE client_contact (
	id                INTEGER PRIMARY KEY,
	team_id           INTEGER NOT NULL REFERENCES team(id),
	case_id           INTEGER REFERENCES child_case(id),
	received_at       TEXT NOT NULL,
	channel           TEXT NOT NULL CHECK (channel IN ('phone', 'message', 'email', 'visit')),
	answered_by       INTEGER REFERENCES account(id),
	first_response_at TEXT,
	note              TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX client_contact_team ON client_contact(team_id, received_at);

-- Journal (asiakaskertomus): each row is one version; a correction is a new
-- row with the same entry_id and version + 1.  Rows are never changed.
CREATE TABLE journal_entry (
	id           INTEGER PRIMARY KEY,
	case_id      INTEGER NOT NULL REFERENCES child_case(id),
	entry_id     INTEGER NOT NULL,
	version      INTEGER NOT NULL,
	entry_date   TEXT NOT NULL,
	kind         TEXT NOT NULL CHECK (kind IN ('home_visit', 'meeting', 'phone_call', 'decision',
	                                          'network_meeting', 'note', 'other')),
	participants TEXT NOT NULL DEFAULT '',
	text         TEXT NOT NULL,
	author_id    INTEGER NOT NULL REFERENCES account(id),
	created_at   TEXT NOT NULL,
	UNIQUE (entry_id, version)
) STRICT;
CREATE INDEX journal_case ON journal_entry(case_id, entry_date);
CREATE TRIGGER journal_no_update BEFORE UPDATE ON journal_entry
BEGIN SELECT RAISE(ABORT, 'journal entries are never overwritten: save a new version'); END;
CREATE TRIGGER journal_no_delete BEFORE DELETE ON journal_entry
BEGIN SELECT RAISE(ABORT, 'journal entries are never deleted'); END;

INSERT INTO meta(key, value) VALUES ('caseload_cap', '30')
	ON CONFLICT(key) DO NOTHING;

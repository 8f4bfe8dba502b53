-- 017_genogram.sql - the toolbox's genogram and timeline of a child's case.
--
-- A genogram belongs to one case: its persons (genogram_person) are the
-- family as the team draws it with the family, and a person of the register
-- (the child, a parent) may be linked to one of them (person_id).  Relations
-- are never deleted: a relation that ends gets its end date once, and a
-- relation that changes (a marriage becomes a separation) is ended and a new
-- one begins, so the genogram's history stays readable.
--
-- The timeline keeps the family's own dated events; the services' events
-- (case opened, phases, notifications, decisions, journal dates) are read
-- from the case's own tables when the timeline is shown.

CREATE TABLE genogram_person (
	id          INTEGER PRIMARY KEY,
	case_id     INTEGER NOT NULL REFERENCES child_case(id),
	person_id   INTEGER REFERENCES person(id),
	name        TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
	sex         TEXT NOT NULL CHECK (sex IN ('male', 'female', 'other', 'unknown')),
	birth_year  INTEGER CHECK (birth_year BETWEEN 1850 AND 2200),
	death_year  INTEGER CHECK (death_year BETWEEN 1850 AND 2200),
	deceased    INTEGER NOT NULL DEFAULT 0 CHECK (deceased IN (0, 1)),
	is_child    INTEGER NOT NULL DEFAULT 0 CHECK (is_child IN (0, 1)),
	note        TEXT NOT NULL DEFAULT '',
	created_at  TEXT NOT NULL,
	created_by  INTEGER REFERENCES account(id),
	UNIQUE (case_id, person_id)
) STRICT;
CREATE INDEX genogram_person_case ON genogram_person(case_id);
CREATE TRIGGER genogram_person_no_delete BEFORE DELETE ON genogram_person
BEGIN SELECT RAISE(ABORT, 'genogram persons are never deleted'); END;

-- a_id is (kind) of b_id for the parenthoods ("A is the foster parent of
-- B"); the couples, siblings, household and emotional relations are mutual.
CREATE TABLE genogram_relation (
	id          INTEGER PRIMARY KEY,
	case_id     INTEGER NOT NULL REFERENCES child_case(id),
	a_id        INTEGER NOT NULL REFERENCES genogram_person(id),
	b_id        INTEGER NOT NULL REFERENCES genogram_person(id),
	kind        TEXT NOT NULL CHECK (kind IN ('married', 'cohabiting', 'separated', 'divorced',
	                'parent', 'adoptive_parent', 'foster_parent', 'sibling', 'household',
	                'close', 'distant', 'conflict', 'cutoff')),
	from_date   TEXT,
	to_date     TEXT,
	note        TEXT NOT NULL DEFAULT '',
	replaces_id INTEGER REFERENCES genogram_relation(id),
	created_at  TEXT NOT NULL,
	created_by  INTEGER REFERENCES account(id),
	CHECK (a_id <> b_id)
) STRICT;
CREATE INDEX genogram_relation_case ON genogram_relation(case_id);
CREATE TRIGGER genogram_relation_no_delete BEFORE DELETE ON genogram_relation
BEGIN SELECT RAISE(ABORT, 'genogram relations are never deleted'); END;
-- Only the end date may be written, and only once.
CREATE TRIGGER genogram_relation_end_once BEFORE UPDATE ON genogram_relation
WHEN OLD.to_date IS NOT NULL OR NEW.to_date IS NULL
  OR NEW.a_id <> OLD.a_id OR NEW.b_id <> OLD.b_id OR NEW.kind <> OLD.kind OR NEW.case_id <> OLD.case_id
BEGIN SELECT RAISE(ABORT, 'a genogram relation only ends, once'); END;

CREATE TABLE timeline_event (
	id          INTEGER PRIMARY KEY,
	case_id     INTEGER NOT NULL REFERENCES child_case(id),
	event_date  TEXT NOT NULL,
	kind        TEXT NOT NULL CHECK (kind IN ('relationship', 'move', 'birth', 'death', 'school', 'health',
	                'loss', 'other')),
	text        TEXT NOT NULL CHECK (length(text) BETWEEN 1 AND 2000),
	created_at  TEXT NOT NULL,
	created_by  INTEGER REFERENCES account(id)
) STRICT;
CREATE INDEX timeline_event_case ON timeline_event(case_id, event_date);
CREATE TRIGGER timeline_event_no_delete BEFORE DELETE ON timeline_event
BEGIN SELECT RAISE(ABORT, 'timeline events are never deleted'); END;

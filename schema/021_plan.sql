-- 021_plan.sql - the joint client plan (yhteinen asiakassuunnitelma) and
-- the family portal's own views.
--
-- A plan is kept as versions: every save is a new plan_version with its own
-- participants and goals; older versions stay readable and are never
-- changed.  Tasks and progress ratings belong to the case's plan as a whole
-- (a task is ticked done; a rating is appended), so a new version does not
-- lose them.  A goal keeps its number (goal_no) across versions: ratings
-- follow the goal over time.

CREATE TABLE plan_version (
	id          INTEGER PRIMARY KEY,
	case_id     INTEGER NOT NULL REFERENCES child_case(id),
	version     INTEGER NOT NULL CHECK (version >= 1),
	how_work    TEXT NOT NULL DEFAULT '',     -- how the work is done together
	evaluation  TEXT NOT NULL DEFAULT '',     -- how progress is evaluated
	next_review TEXT NOT NULL,                -- YYYY-MM-DD
	created_at  TEXT NOT NULL,
	created_by  INTEGER NOT NULL REFERENCES account(id),
	UNIQUE (case_id, version)
) STRICT;
CREATE TRIGGER plan_version_no_update BEFORE UPDATE ON plan_version
BEGIN SELECT RAISE(ABORT, 'plan versions are kept as they were'); END;
CREATE TRIGGER plan_version_no_delete BEFORE DELETE ON plan_version
BEGIN SELECT RAISE(ABORT, 'plan versions are kept as they were'); END;

-- Who takes part and in what role: a worker or partner (account), a family
-- member (person), or someone named.
CREATE TABLE plan_participant (
	id         INTEGER PRIMARY KEY,
	version_id INTEGER NOT NULL REFERENCES plan_version(id),
	account_id INTEGER REFERENCES account(id),
	person_id  INTEGER REFERENCES person(id),
	name       TEXT NOT NULL,
	role       TEXT NOT NULL DEFAULT '',
	CHECK (account_id IS NULL OR person_id IS NULL)
) STRICT;
CREATE INDEX plan_participant_version ON plan_participant(version_id);
CREATE INDEX plan_participant_account ON plan_participant(account_id) WHERE account_id IS NOT NULL;
CREATE TRIGGER plan_participant_no_update BEFORE UPDATE ON plan_participant
BEGIN SELECT RAISE(ABORT, 'plan versions are kept as they were'); END;
CREATE TRIGGER plan_participant_no_delete BEFORE DELETE ON plan_participant
BEGIN SELECT RAISE(ABORT, 'plan versions are kept as they were'); END;

-- Shared goals in the family's words.
CREATE TABLE plan_goal (
	id         INTEGER PRIMARY KEY,
	version_id INTEGER NOT NULL REFERENCES plan_version(id),
	goal_no    INTEGER NOT NULL CHECK (goal_no >= 1),
	text       TEXT NOT NULL,
	UNIQUE (version_id, goal_no)
) STRICT;
CREATE TRIGGER plan_goal_no_update BEFORE UPDATE ON plan_goal
BEGIN SELECT RAISE(ABORT, 'plan versions are kept as they were'); END;
CREATE TRIGGER plan_goal_no_delete BEFORE DELETE ON plan_goal
BEGIN SELECT RAISE(ABORT, 'plan versions are kept as they were'); END;

-- Tasks: an owner (worker or partner account, or family member), a due
-- date, open or done.  Ticking done is the one change a task takes.
CREATE TABLE plan_task (
	id               INTEGER PRIMARY KEY,
	case_id          INTEGER NOT NULL REFERENCES child_case(id),
	text             TEXT NOT NULL,
	owner_account_id INTEGER REFERENCES account(id),
	owner_person_id  INTEGER REFERENCES person(id),
	due_date         TEXT NOT NULL,
	status           TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done')),
	done_at          TEXT,
	done_by          INTEGER REFERENCES account(id),
	created_at       TEXT NOT NULL,
	created_by       INTEGER NOT NULL REFERENCES account(id),
	CHECK ((owner_account_id IS NULL) <> (owner_person_id IS NULL)),
	CHECK ((status = 'done') = (done_at IS NOT NULL))
) STRICT;
CREATE INDEX plan_task_case ON plan_task(case_id, status);
CREATE TRIGGER plan_task_no_delete BEFORE DELETE ON plan_task
BEGIN SELECT RAISE(ABORT, 'plan tasks are kept'); END;
CREATE TRIGGER plan_task_once BEFORE UPDATE ON plan_task
WHEN OLD.status = 'done' OR NEW.text <> OLD.text OR NEW.case_id <> OLD.case_id
  OR NEW.due_date <> OLD.due_date OR NEW.created_at <> OLD.created_at
BEGIN SELECT RAISE(ABORT, 'a task is only ticked done, once'); END;

-- Progress: a 1-10 rating per goal at a review.
CREATE TABLE plan_rating (
	id       INTEGER PRIMARY KEY,
	case_id  INTEGER NOT NULL REFERENCES child_case(id),
	goal_no  INTEGER NOT NULL CHECK (goal_no >= 1),
	rated_on TEXT NOT NULL,
	score    INTEGER NOT NULL CHECK (score BETWEEN 1 AND 10),
	rated_by INTEGER NOT NULL REFERENCES account(id),
	created_at TEXT NOT NULL
) STRICT;
CREATE INDEX plan_rating_case ON plan_rating(case_id, goal_no, rated_on);
CREATE TRIGGER plan_rating_no_update BEFORE UPDATE ON plan_rating
BEGIN SELECT RAISE(ABORT, 'ratings are kept as they were'); END;
CREATE TRIGGER plan_rating_no_delete BEFORE DELETE ON plan_rating
BEGIN SELECT RAISE(ABORT, 'ratings are kept as they were'); END;

-- A family member's own view of the matter, in their own words (each save a
-- new row; the newest is the current one).  shared: the other family
-- members may see it (the child decides whether the parents do).
CREATE TABLE family_view (
	id         INTEGER PRIMARY KEY,
	case_id    INTEGER NOT NULL REFERENCES child_case(id),
	person_id  INTEGER NOT NULL REFERENCES person(id),
	account_id INTEGER NOT NULL REFERENCES account(id),
	text       TEXT NOT NULL,
	shared     INTEGER NOT NULL DEFAULT 0 CHECK (shared IN (0, 1)),
	created_at TEXT NOT NULL
) STRICT;
CREATE INDEX family_view_case ON family_view(case_id, person_id, id);
CREATE TRIGGER family_view_no_update BEFORE UPDATE ON family_view
BEGIN SELECT RAISE(ABORT, 'own views are kept as they were'); END;
CREATE TRIGGER family_view_no_delete BEFORE DELETE ON family_view
BEGIN SELECT RAISE(ABORT, 'own views are kept as they were'); END;

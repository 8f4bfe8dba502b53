-- 016_lights.sql - traffic lights (liikennevalot) and consultations.
--
-- Four times a year the whole team rates all its children together: a round
-- (light_round) held on a date, the accounts that took part, and one rating
-- per child (green, yellow, red) with the criteria of seed 000 ticked and
-- free text.  A rating is never changed: rating a child again in the same
-- round adds a row, and the latest row (highest id) is the child's light in
-- that round.
--
-- A consultation: a worker asks a consulting social worker, the family
-- therapist or another specialist about a child's matter.  The question is
-- written once, the answer once; the time to answer is answered_at minus
-- asked_at.  Rows are never deleted.
CREATE TABLE light_round (
	id         INTEGER PRIMARY KEY,
	team_id    INTEGER NOT NULL REFERENCES team(id),
	held_on    TEXT NOT NULL CHECK (length(held_on) = 10),
	note       TEXT NOT NULL DEFAULT '' CHECK (length(note) <= 2000),
	created_by INTEGER NOT NULL REFERENCES account(id),
	created_at TEXT NOT NULL
) STRICT;
CREATE INDEX light_round_team ON light_round(team_id, held_on);

CREATE TABLE light_participant (
	round_id   INTEGER NOT NULL REFERENCES light_round(id),
	account_id INTEGER NOT NULL REFERENCES account(id),
	PRIMARY KEY (round_id, account_id)
) STRICT;

CREATE TABLE light_rating (
	id       INTEGER PRIMARY KEY,
	round_id INTEGER NOT NULL REFERENCES light_round(id),
	case_id  INTEGER NOT NULL REFERENCES child_case(id),
	colour   TEXT NOT NULL CHECK (colour IN ('green', 'yellow', 'red')),
	criteria TEXT NOT NULL DEFAULT '' CHECK (length(criteria) <= 1000),  -- criterion keys, comma-separated
	note     TEXT NOT NULL DEFAULT '' CHECK (length(note) <= 8000),
	rated_by INTEGER NOT NULL REFERENCES account(id),
	rated_at TEXT NOT NULL
) STRICT;
CREATE INDEX light_rating_round ON light_rating(round_id, case_id);
CREATE INDEX light_rating_case ON light_rating(case_id, round_id);

CREATE TRIGGER light_round_no_delete BEFORE DELETE ON light_round
BEGIN SELECT RAISE(ABORT, 'traffic-light rounds are kept'); END;
CREATE TRIGGER light_participant_no_delete BEFORE DELETE ON light_participant
BEGIN SELECT RAISE(ABORT, 'who took part in a round is kept'); END;
CREATE TRIGGER light_rating_no_update BEFORE UPDATE ON light_rating
BEGIN SELECT RAISE(ABORT, 'a rating is never changed: rate again'); END;
CREATE TRIGGER light_rating_no_delete BEFORE DELETE ON light_rating
BEGIN SELECT RAISE(ABORT, 'ratings are kept'); END;

CREATE TABLE consultation (
	id            INTEGER PRIMARY KEY,
	case_id       INTEGER NOT NULL REFERENCES child_case(id),
	asked_by      INTEGER NOT NULL REFERENCES account(id),
	consultant_id INTEGER NOT NULL REFERENCES account(id),
	question      TEXT NOT NULL CHECK (length(question) BETWEEN 1 AND 4000),
	asked_at      TEXT NOT NULL,
	answer        TEXT CHECK (answer IS NULL OR length(answer) BETWEEN 1 AND 8000),
	answered_at   TEXT,
	CHECK ((answer IS NULL) = (answered_at IS NULL)),
	CHECK (consultant_id <> asked_by)
) STRICT;
CREATE INDEX consultation_case ON consultation(case_id, id);
CREATE INDEX consultation_open ON consultation(consultant_id, id) WHERE answer IS NULL;
CREATE INDEX consultation_asked ON consultation(asked_at);

CREATE TRIGGER consultation_question_fixed BEFORE UPDATE OF id, case_id, asked_by, consultant_id, question,
	asked_at ON consultation
BEGIN SELECT RAISE(ABORT, 'a consultation''s question is never changed'); END;
CREATE TRIGGER consultation_answered_once BEFORE UPDATE ON consultation WHEN OLD.answer IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'a consultation is answered once'); END;
CREATE TRIGGER consultation_no_delete BEFORE DELETE ON consultation
BEGIN SELECT RAISE(ABORT, 'consultations are kept'); END;

-- 018_toolbox.sql - the toolbox, part 2 (issue 14): Three Houses, the
-- collaborative helping map, hypotheses and the bank of circular questions.
--
-- Nothing here is overwritten or deleted: every save of the Three Houses or
-- the helping map is a new version of the child's case, a hypothesis changes
-- by a new version (status, what was learned, the questions picked), and
-- triggers refuse UPDATE and DELETE, as for the journal.

-- The child's own words: worries, good things and dreams, and whether the
-- child agreed to show them to the parents and to partner professionals.
CREATE TABLE three_houses (
	id             INTEGER PRIMARY KEY,
	case_id        INTEGER NOT NULL REFERENCES child_case(id),
	version        INTEGER NOT NULL,
	worries        TEXT NOT NULL,
	good_things    TEXT NOT NULL,
	dreams         TEXT NOT NULL,
	recorded_on    TEXT NOT NULL,             -- the day the child told them (YYYY-MM-DD)
	present        TEXT NOT NULL DEFAULT '',  -- who else was there besides the child and the worker
	share_parents  INTEGER NOT NULL CHECK (share_parents = 0 OR share_parents = 1),
	share_partners INTEGER NOT NULL CHECK (share_partners = 0 OR share_partners = 1),
	author_id      INTEGER NOT NULL REFERENCES account(id),  -- the worker who wrote them down with the child
	created_at     TEXT NOT NULL,
	UNIQUE (case_id, version)
) STRICT;
CREATE TRIGGER three_houses_no_update BEFORE UPDATE ON three_houses
BEGIN SELECT RAISE(ABORT, 'three houses are never overwritten: save a new version'); END;
CREATE TRIGGER three_houses_no_delete BEFORE DELETE ON three_houses
BEGIN SELECT RAISE(ABORT, 'three houses are never deleted'); END;

-- The collaborative helping map (yhteistoiminnallinen auttamiskartta).
CREATE TABLE helping_map (
	id         INTEGER PRIMARY KEY,
	case_id    INTEGER NOT NULL REFERENCES child_case(id),
	version    INTEGER NOT NULL,
	vision     TEXT NOT NULL,
	obstacles  TEXT NOT NULL,
	supports   TEXT NOT NULL,
	plan       TEXT NOT NULL,
	author_id  INTEGER NOT NULL REFERENCES account(id),
	created_at TEXT NOT NULL,
	UNIQUE (case_id, version)
) STRICT;
CREATE TRIGGER helping_map_no_update BEFORE UPDATE ON helping_map
BEGIN SELECT RAISE(ABORT, 'a helping map is never overwritten: save a new version'); END;
CREATE TRIGGER helping_map_no_delete BEFORE DELETE ON helping_map
BEGIN SELECT RAISE(ABORT, 'helping maps are never deleted'); END;

-- The organisation's bank of circular questions.  county_id NULL: the
-- questions every organisation starts with (below).  A question has its
-- text in at least one language.
CREATE TABLE circular_question (
	id         INTEGER PRIMARY KEY,
	county_id  INTEGER REFERENCES county(id),
	text_fi    TEXT NOT NULL DEFAULT '',
	text_sv    TEXT NOT NULL DEFAULT '',
	text_en    TEXT NOT NULL DEFAULT '',
	added_by   INTEGER REFERENCES account(id),
	created_at TEXT NOT NULL,
	CHECK (text_fi <> '' OR text_sv <> '' OR text_en <> '')
) STRICT;
CREATE INDEX circular_question_county ON circular_question(county_id);
CREATE TRIGGER circular_question_no_delete BEFORE DELETE ON circular_question
BEGIN SELECT RAISE(ABORT, 'circular questions are never deleted'); END;

-- A hypothesis about the family's situation, written in the meeting or by
-- the child's team; its text, status and what was learned are versions.
CREATE TABLE hypothesis (
	id         INTEGER PRIMARY KEY,
	case_id    INTEGER NOT NULL REFERENCES child_case(id),
	origin     TEXT NOT NULL CHECK (origin = 'meeting' OR origin = 'team'),
	author_id  INTEGER NOT NULL REFERENCES account(id),
	created_at TEXT NOT NULL
) STRICT;
CREATE INDEX hypothesis_case ON hypothesis(case_id);
CREATE TABLE hypothesis_version (
	id            INTEGER PRIMARY KEY,
	hypothesis_id INTEGER NOT NULL REFERENCES hypothesis(id),
	version       INTEGER NOT NULL,
	text          TEXT NOT NULL,
	status        TEXT NOT NULL CHECK (status = 'open' OR status = 'explored' OR status = 'set_aside'),
	learned       TEXT NOT NULL DEFAULT '',
	author_id     INTEGER NOT NULL REFERENCES account(id),
	created_at    TEXT NOT NULL,
	UNIQUE (hypothesis_id, version)
) STRICT;
-- The circular questions a worker picked for a version of a hypothesis.
CREATE TABLE hypothesis_question (
	version_id  INTEGER NOT NULL REFERENCES hypothesis_version(id),
	question_id INTEGER NOT NULL REFERENCES circular_question(id),
	PRIMARY KEY (version_id, question_id)
) STRICT;
CREATE TRIGGER hypothesis_no_update BEFORE UPDATE ON hypothesis
BEGIN SELECT RAISE(ABORT, 'hypotheses are never overwritten'); END;
CREATE TRIGGER hypothesis_no_delete BEFORE DELETE ON hypothesis
BEGIN SELECT RAISE(ABORT, 'hypotheses are never deleted'); END;
CREATE TRIGGER hypothesis_version_no_update BEFORE UPDATE ON hypothesis_version
BEGIN SELECT RAISE(ABORT, 'a hypothesis changes by a new version'); END;
CREATE TRIGGER hypothesis_version_no_delete BEFORE DELETE ON hypothesis_version
BEGIN SELECT RAISE(ABORT, 'hypothesis versions are never deleted'); END;
CREATE TRIGGER hypothesis_question_no_update BEFORE UPDATE ON hypothesis_question
BEGIN SELECT RAISE(ABORT, 'picked questions are never overwritten'); END;
CREATE TRIGGER hypothesis_question_no_delete BEFORE DELETE ON hypothesis_question
BEGIN SELECT RAISE(ABORT, 'picked questions are never deleted'); END;

-- Circular questions from systemic family therapy (Milan school, Karl
-- Tomm): questions about relations, differences and change, asked of one
-- about the others.
INSERT INTO circular_question(county_id, text_fi, text_sv, text_en, created_at) VALUES
 (NULL, 'Kuka perheessä huomaa ensimmäisenä, kun jokin on vialla? Mitä hän silloin tekee?',
        'Vem i familjen märker först när något är fel? Vad gör hen då?',
        'Who in the family is the first to notice when something is wrong? What do they do then?', '2026-01-01T00:00:00Z'),
 (NULL, 'Jos isäsi olisi täällä, mitä hän sanoisi siitä, mikä on nyt muuttunut?',
        'Om din pappa var här, vad skulle han säga om vad som har förändrats?',
        'If your father were here, what would he say has changed?', '2026-01-01T00:00:00Z'),
 (NULL, 'Kuka on eniten huolissaan? Kuka seuraavaksi? Kuka vähiten?',
        'Vem är mest orolig? Vem näst mest? Vem minst?',
        'Who worries most? Who next? Who least?', '2026-01-01T00:00:00Z'),
 (NULL, 'Kun äiti ja lapsi riitelevät, mitä muut perheenjäsenet tekevät?',
        'När mamma och barnet grälar, vad gör de andra i familjen?',
        'When mother and child argue, what do the others in the family do?', '2026-01-01T00:00:00Z'),
 (NULL, 'Miten perheen arki oli erilaista ennen kuin huoli alkoi?',
        'Hur var familjens vardag annorlunda innan oron började?',
        'How was the family''s everyday life different before the worry began?', '2026-01-01T00:00:00Z'),
 (NULL, 'Jos huoli huomenna katoaisi, kuka huomaisi sen ensimmäisenä ja mistä?',
        'Om oron försvann i morgon, vem skulle märka det först och hur?',
        'If the worry vanished tomorrow, who would notice first, and how?', '2026-01-01T00:00:00Z'),
 (NULL, 'Kenen kanssa lapsi puhuu, kun hänellä on paha olla? Mitä se kertoo perheen suhteista?',
        'Vem pratar barnet med när hen mår dåligt? Vad säger det om relationerna i familjen?',
        'Whom does the child talk to when they feel bad? What does that say about the family''s relations?', '2026-01-01T00:00:00Z'),
 (NULL, 'Mitä isovanhempasi ajattelisivat tavasta, jolla perheessänne nyt ratkaistaan riitoja?',
        'Vad skulle dina morföräldrar eller farföräldrar tycka om hur ni löser konflikter nu?',
        'What would your grandparents think of the way your family settles quarrels now?', '2026-01-01T00:00:00Z'),
 (NULL, 'Kuka perheessä on lähimpänä toisiaan? Onko se muuttunut viimeisen vuoden aikana?',
        'Vilka i familjen står varandra närmast? Har det förändrats det senaste året?',
        'Who in the family are closest to each other? Has that changed during the last year?', '2026-01-01T00:00:00Z'),
 (NULL, 'Mitä sinä luulet, että koulun aikuiset ajattelevat perheenne tilanteesta? Mitä he eivät tiedä?',
        'Vad tror du att de vuxna i skolan tänker om familjens situation? Vad vet de inte?',
        'What do you think the adults at school think about your family''s situation? What don''t they know?', '2026-01-01T00:00:00Z'),
 (NULL, 'Jos asiat jatkuvat samanlaisina vuoden, kuka perheessä on silloin eniten huolissaan?',
        'Om allt fortsätter likadant ett år, vem i familjen oroar sig då mest?',
        'If things go on like this for a year, who in the family will worry most then?', '2026-01-01T00:00:00Z'),
 (NULL, 'Mikä on pienin merkki siitä, että asiat ovat menossa parempaan suuntaan? Kuka sen huomaisi?',
        'Vilket är det minsta tecknet på att saker går åt rätt håll? Vem skulle märka det?',
        'What is the smallest sign that things are getting better? Who would notice it?', '2026-01-01T00:00:00Z');

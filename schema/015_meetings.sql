-- 015_meetings.sql - the systemic weekly meeting (issue 14, part 1): a
-- team's recurring series, its meetings (professional team or client
-- team), the agenda of families to be discussed with the worker's question
-- and who is invited, the record per family (who took part, present or
-- not; hypotheses, reflections, decisions, the family's feedback), the
-- tasks it gives, the questions always asked (seed 003), and the private
-- calendar feed tokens (stored hashed, like sessions).
--
-- Records are written once; a task is only ever ticked done.

CREATE TABLE meeting_series (
	id          INTEGER PRIMARY KEY,
	team_id     INTEGER NOT NULL REFERENCES team(id),
	kind        TEXT NOT NULL CHECK (kind IN ('professional', 'client')),
	weekday     INTEGER NOT NULL CHECK (weekday BETWEEN 1 AND 7),   -- 1 = Monday
	start_time  TEXT NOT NULL CHECK (length(start_time) = 5),       -- HH:MM, local time
	minutes     INTEGER NOT NULL CHECK (minutes BETWEEN 15 AND 480),
	place       TEXT NOT NULL DEFAULT '',
	video_url   TEXT NOT NULL DEFAULT '',
	starts_on   TEXT NOT NULL,
	weeks       INTEGER NOT NULL CHECK (weeks BETWEEN 1 AND 104),
	created_by  INTEGER NOT NULL REFERENCES account(id),
	created_at  TEXT NOT NULL
) STRICT;
CREATE INDEX meeting_series_team ON meeting_series(team_id);

-- One meeting of a series (or a single one): its own time and place, so
-- one week may move without moving the series.
CREATE TABLE meeting (
	id          INTEGER PRIMARY KEY,
	team_id     INTEGER NOT NULL REFERENCES team(id),
	series_id   INTEGER REFERENCES meeting_series(id),
	series_on   TEXT,                                              -- the series' day for it (calendar's RECURRENCE-ID)
	kind        TEXT NOT NULL CHECK (kind IN ('professional', 'client')),
	meets_on    TEXT NOT NULL,                                     -- YYYY-MM-DD
	start_time  TEXT NOT NULL CHECK (length(start_time) = 5),
	minutes     INTEGER NOT NULL CHECK (minutes BETWEEN 15 AND 480),
	place       TEXT NOT NULL DEFAULT '',
	video_url   TEXT NOT NULL DEFAULT '',
	cancelled   INTEGER NOT NULL DEFAULT 0 CHECK (cancelled IN (0, 1)),
	updated_by  INTEGER NOT NULL REFERENCES account(id),
	updated_at  TEXT NOT NULL
) STRICT;
CREATE INDEX meeting_team_day ON meeting(team_id, meets_on);
CREATE INDEX meeting_series_day ON meeting(series_id, meets_on);

-- A family on the agenda: the child's case, the question the responsible
-- worker brings, and where the family stands in the network process
-- (1 preparation with the family, 2 orientation of the partner, 3 joint
-- work in the meeting, 4 carrying out the plan).
CREATE TABLE meeting_item (
	id          INTEGER PRIMARY KEY,
	meeting_id  INTEGER NOT NULL REFERENCES meeting(id),
	case_id     INTEGER NOT NULL REFERENCES child_case(id),
	worker_id   INTEGER REFERENCES account(id),
	question    TEXT NOT NULL DEFAULT '',
	step        INTEGER NOT NULL DEFAULT 1 CHECK (step BETWEEN 1 AND 4),
	prepared    INTEGER NOT NULL DEFAULT 0 CHECK (prepared IN (0, 1)),
	created_by  INTEGER NOT NULL REFERENCES account(id),
	updated_at  TEXT NOT NULL,
	UNIQUE (meeting_id, case_id)
) STRICT;
CREATE INDEX meeting_item_case ON meeting_item(case_id);

-- Who is invited to discuss one family: an account (a partner, a worker)
-- or a person (the family, the close network) or just a name.
CREATE TABLE meeting_invite (
	id          INTEGER PRIMARY KEY,
	item_id     INTEGER NOT NULL REFERENCES meeting_item(id),
	account_id  INTEGER REFERENCES account(id),
	person_id   INTEGER REFERENCES person(id),
	name        TEXT NOT NULL DEFAULT '',
	role        TEXT NOT NULL CHECK (role IN ('worker', 'family_therapist', 'consulting', 'partner',
	                                          'family', 'close_network')),
	UNIQUE (item_id, account_id),
	UNIQUE (item_id, person_id)
) STRICT;
CREATE INDEX meeting_invite_account ON meeting_invite(account_id);

-- What was recorded about one family, once.
CREATE TABLE meeting_record (
	item_id        INTEGER PRIMARY KEY REFERENCES meeting_item(id),
	hypotheses     TEXT NOT NULL DEFAULT '',
	reflections    TEXT NOT NULL DEFAULT '',
	decisions      TEXT NOT NULL DEFAULT '',
	family_present INTEGER NOT NULL CHECK (family_present IN (0, 1)),
	feedback_score INTEGER CHECK (feedback_score BETWEEN 1 AND 5),
	feedback_text  TEXT NOT NULL DEFAULT '',
	recorded_by    INTEGER NOT NULL REFERENCES account(id),
	recorded_at    TEXT NOT NULL
) STRICT;
CREATE TRIGGER meeting_record_no_update BEFORE UPDATE ON meeting_record
BEGIN SELECT RAISE(ABORT, 'a meeting record is written once'); END;
CREATE TRIGGER meeting_record_no_delete BEFORE DELETE ON meeting_record
BEGIN SELECT RAISE(ABORT, 'a meeting record is never deleted'); END;

CREATE TABLE meeting_participant (
	id          INTEGER PRIMARY KEY,
	item_id     INTEGER NOT NULL REFERENCES meeting_record(item_id),
	account_id  INTEGER REFERENCES account(id),
	person_id   INTEGER REFERENCES person(id),
	name        TEXT NOT NULL,
	role        TEXT NOT NULL CHECK (role IN ('worker', 'family_therapist', 'consulting', 'partner',
	                                          'family', 'close_network')),
	present     INTEGER NOT NULL CHECK (present IN (0, 1))
) STRICT;
CREATE INDEX meeting_participant_item ON meeting_participant(item_id);

-- The questions always asked (seed 003), the organisation's own sets.
CREATE TABLE meeting_question (
	id          INTEGER PRIMARY KEY,
	county_id   INTEGER NOT NULL REFERENCES county(id),
	audience    TEXT NOT NULL CHECK (audience IN ('child', 'youth', 'family')),
	stage       TEXT NOT NULL CHECK (stage IN ('first', 'follow_up')),
	position    INTEGER NOT NULL,
	text_fi     TEXT NOT NULL,
	text_sv     TEXT NOT NULL,
	text_en     TEXT NOT NULL,
	active      INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
) STRICT;
CREATE INDEX meeting_question_set ON meeting_question(county_id, audience, stage, position);

-- The questions always asked, as seed 003's workshop wrote them (child,
-- youth, family; first meeting and follow-up), ending with the family's
-- feedback.  Every organisation starts from these and edits its own copy:
-- the existing ones now, a new one when it is created.
CREATE TABLE meeting_question_seed (
	audience    TEXT NOT NULL,
	stage       TEXT NOT NULL,
	position    INTEGER NOT NULL,
	text_fi     TEXT NOT NULL,
	text_sv     TEXT NOT NULL,
	text_en     TEXT NOT NULL,
	PRIMARY KEY (audience, stage, position)
) STRICT;
INSERT INTO meeting_question_seed(audience, stage, position, text_fi, text_sv, text_en) VALUES
	('child', 'first', 1, 'Mitä sinulle kuuluu?', 'Hur mår du?', 'How are you?'),
	('child', 'first', 2, 'Mihin asioihin toivot saavasi apua?', 'Vad hoppas du få hjälp med?', 'What would you like help with?'),
	('child', 'first', 3, 'Keitä tässä tapaamisessa pitäisi mielestäsi olla mukana?', 'Vilka tycker du borde vara med på det här mötet?', 'Who do you think should be at this meeting?'),
	('child', 'first', 4, 'Onko jotain erityistä, mistä haluaisit tänään puhua?', 'Finns det något särskilt du vill prata om i dag?', 'Is there something in particular you would like to talk about today?'),
	('child', 'first', 5, 'Lopuksi: Miltä tämä tapaaminen tuntui? Puhuimmeko niistä asioista, joista halusit puhua?', 'Till sist: Hur kändes det här mötet? Pratade vi om det du ville prata om?', 'Finally: How did this meeting feel? Did we talk about what you wanted?'),
	('child', 'follow_up', 1, 'Miten asiat ovat muuttuneet viime tapaamisesta?', 'Hur har saker förändrats sedan förra mötet?', 'How have things changed since the last meeting?'),
	('child', 'follow_up', 2, 'Jäikö viime kerrasta jotain mietittävää?', 'Blev något från förra gången kvar att fundera på?', 'Did anything from last time stay on your mind?'),
	('child', 'follow_up', 3, 'Mikä toimii ja mikä ei?', 'Vad fungerar och vad fungerar inte?', 'What works and what does not?'),
	('child', 'follow_up', 4, 'Missä näet tilanteen olevan jonkin ajan kuluttua?', 'Var ser du att situationen är om en tid?', 'Where do you see things going over time?'),
	('child', 'follow_up', 5, 'Lopuksi: Miltä tämä tapaaminen tuntui? Puhuimmeko niistä asioista, joista halusit puhua?', 'Till sist: Hur kändes det här mötet? Pratade vi om det du ville prata om?', 'Finally: How did this meeting feel? Did we talk about what you wanted?'),
	('youth', 'first', 1, 'Mitä kuuluu? Miten menee?', 'Hur mår du? Hur går det?', 'How are you? How is it going?'),
	('youth', 'first', 2, 'Missä olet onnistunut? Mikä antaa sinulle voimia?', 'Vad har du lyckats med? Vad ger dig kraft?', 'What have you succeeded in? What gives you strength?'),
	('youth', 'first', 3, 'Onko joku, jonka pitäisi olla mukana keskustelussa (vanhempi, luottoystävä, valmentaja)?', 'Finns det någon som borde vara med i samtalet (förälder, förtrogen vän, tränare)?', 'Is there someone who should be part of this conversation (a parent, a trusted friend, a coach)?'),
	('youth', 'first', 4, 'Voinko auttaa jotenkin muuten? Onko jokin muu asia, josta haluaisit puhua?', 'Kan jag hjälpa till på något annat sätt? Finns det något annat du vill prata om?', 'Can I help in any other way? Is there something else you would like to talk about?'),
	('youth', 'first', 5, 'Tiedätkö, mitä seuraavaksi tapahtuu ja miten edetään?', 'Vet du vad som händer härnäst och hur vi går vidare?', 'Do you know what happens next and how we go on?'),
	('youth', 'first', 6, 'Lopuksi: Miltä tämä tapaaminen tuntui? Puhuimmeko niistä asioista, joista halusit puhua?', 'Till sist: Hur kändes det här mötet? Pratade vi om det du ville prata om?', 'Finally: How did this meeting feel? Did we talk about what you wanted?'),
	('youth', 'follow_up', 1, 'Mitä kuuluu? Miten menee?', 'Hur mår du? Hur går det?', 'How are you? How is it going?'),
	('youth', 'follow_up', 2, 'Oletko saanut apua niihin asioihin, joihin toivoit? Onko siitä ollut apua?', 'Har du fått hjälp med det du hoppades? Har det hjälpt?', 'Have you had help with what you hoped for? Has it helped?'),
	('youth', 'follow_up', 3, 'Tiedätkö, mitä seuraavaksi tapahtuu ja miten edetään?', 'Vet du vad som händer härnäst och hur vi går vidare?', 'Do you know what happens next and how we go on?'),
	('youth', 'follow_up', 4, 'Lopuksi: Miltä tämä tapaaminen tuntui? Puhuimmeko niistä asioista, joista halusit puhua?', 'Till sist: Hur kändes det här mötet? Pratade vi om det du ville prata om?', 'Finally: How did this meeting feel? Did we talk about what you wanted?'),
	('family', 'first', 1, 'Mitä teille kuuluu? Mikä auttaisi tilannettanne?', 'Hur mår ni? Vad skulle hjälpa er situation?', 'How are you? What would help your situation?'),
	('family', 'first', 2, 'Mihin toivotte apua tai muutosta? Mistä meidän kannattaisi puhua tänään?', 'Vad önskar ni hjälp eller förändring med? Vad borde vi prata om i dag?', 'What would you like help or change with? What should we talk about today?'),
	('family', 'first', 3, 'Miten perheenne jaksaa? Mitkä ovat voimavaranne?', 'Hur orkar er familj? Vilka är era resurser?', 'How is your family coping? What are your strengths?'),
	('family', 'first', 4, 'Keitä kuuluu perheeseenne ja läheisverkostoonne?', 'Vilka hör till er familj och ert nätverk?', 'Who belongs to your family and close network?'),
	('family', 'first', 5, 'Onko jotain, mitä en ole osannut kysyä?', 'Finns det något jag inte har kommit mig för att fråga?', 'Is there something I have not thought to ask?'),
	('family', 'first', 6, 'Lopuksi: Miltä tämä tapaaminen tuntui? Puhuimmeko niistä asioista, joista halusit puhua?', 'Till sist: Hur kändes det här mötet? Pratade vi om det du ville prata om?', 'Finally: How did this meeting feel? Did we talk about what you wanted?'),
	('family', 'follow_up', 1, 'Miten asiat ovat kehittyneet viime käynnistä?', 'Hur har saker utvecklats sedan förra besöket?', 'How have things developed since the last visit?'),
	('family', 'follow_up', 2, 'Oletteko saaneet apua niihin asioihin, joihin toivoitte?', 'Har ni fått hjälp med det ni hoppades?', 'Have you had help with what you hoped for?'),
	('family', 'follow_up', 3, 'Kuinka pidämme yhteyttä tämän jälkeen?', 'Hur håller vi kontakten efter det här?', 'How do we keep in touch after this?'),
	('family', 'follow_up', 4, 'Lopuksi: Miltä tämä tapaaminen tuntui? Puhuimmeko niistä asioista, joista halusit puhua?', 'Till sist: Hur kändes det här mötet? Pratade vi om det du ville prata om?', 'Finally: How did this meeting feel? Did we talk about what you wanted?');
INSERT INTO meeting_question(county_id, audience, stage, position, text_fi, text_sv, text_en)
	SELECT c.id, s.audience, s.stage, s.position, s.text_fi, s.text_sv, s.text_en
	FROM county c, meeting_question_seed s ORDER BY c.id, s.audience, s.stage, s.position;
CREATE TRIGGER county_meeting_questions AFTER INSERT ON county
BEGIN
	INSERT INTO meeting_question(county_id, audience, stage, position, text_fi, text_sv, text_en)
	SELECT NEW.id, s.audience, s.stage, s.position, s.text_fi, s.text_sv, s.text_en
	FROM meeting_question_seed s ORDER BY s.audience, s.stage, s.position;
END;

CREATE TABLE meeting_question_asked (
	item_id     INTEGER NOT NULL REFERENCES meeting_record(item_id),
	question_id INTEGER NOT NULL REFERENCES meeting_question(id),
	PRIMARY KEY (item_id, question_id)
) STRICT;

CREATE TABLE meeting_task (
	id          INTEGER PRIMARY KEY,
	item_id     INTEGER NOT NULL REFERENCES meeting_record(item_id),
	text        TEXT NOT NULL,
	owner_id    INTEGER NOT NULL REFERENCES account(id),
	due_on      TEXT NOT NULL,
	done_at     TEXT,
	done_by     INTEGER REFERENCES account(id)
) STRICT;
CREATE INDEX meeting_task_owner ON meeting_task(owner_id, done_at, due_on);

-- A private calendar feed per account: only the token's hash is kept.
CREATE TABLE calendar_feed (
	id          INTEGER PRIMARY KEY,
	account_id  INTEGER NOT NULL REFERENCES account(id),
	token_hash  TEXT NOT NULL UNIQUE,
	created_at  TEXT NOT NULL,
	revoked_at  TEXT
) STRICT;
CREATE INDEX calendar_feed_account ON calendar_feed(account_id, revoked_at);

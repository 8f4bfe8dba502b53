-- 001_foundation.sql - organisation, accounts, sessions and the access log.
--
-- Timestamps are UTC ISO-8601 text; tables are STRICT.  Nothing about a
-- person is ever deleted: the access log is append-only by trigger.

CREATE TABLE meta (
	key   TEXT PRIMARY KEY,
	value TEXT NOT NULL
) STRICT;

-- Wellbeing county (hyvinvointialue) or municipality: the organisation.
CREATE TABLE county (
	id   INTEGER PRIMARY KEY,
	name TEXT NOT NULL UNIQUE
) STRICT;

CREATE TABLE area (
	id        INTEGER PRIMARY KEY,
	county_id INTEGER NOT NULL REFERENCES county(id),
	name      TEXT NOT NULL,
	UNIQUE (county_id, name)
) STRICT;

CREATE TABLE team (
	id      INTEGER PRIMARY KEY,
	area_id INTEGER NOT NULL REFERENCES area(id),
	name    TEXT NOT NULL,
	kind    TEXT NOT NULL CHECK (kind IN ('open_care', 'foster_care', 'family_social_work')),
	phone1  TEXT NOT NULL DEFAULT '',
	phone2  TEXT NOT NULL DEFAULT '',
	phone3  TEXT NOT NULL DEFAULT '',
	hours   TEXT NOT NULL DEFAULT '',
	email   TEXT NOT NULL DEFAULT '',
	UNIQUE (area_id, name)
) STRICT;

-- One row per login: workers, partner professionals and family members.
CREATE TABLE account (
	id            INTEGER PRIMARY KEY,
	username      TEXT NOT NULL UNIQUE,
	display_name  TEXT NOT NULL,
	kind          TEXT NOT NULL CHECK (kind IN ('worker', 'partner', 'family')),
	role          TEXT NOT NULL,
	title         TEXT NOT NULL DEFAULT '',
	organisation  TEXT NOT NULL DEFAULT '',
	county_id     INTEGER REFERENCES county(id),
	area_id       INTEGER REFERENCES area(id),
	password_hash TEXT NOT NULL,
	active        INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
	created_at    TEXT NOT NULL,
	updated_at    TEXT NOT NULL
) STRICT;

CREATE TABLE team_member (
	team_id    INTEGER NOT NULL REFERENCES team(id),
	account_id INTEGER NOT NULL REFERENCES account(id),
	is_lead    INTEGER NOT NULL DEFAULT 0 CHECK (is_lead IN (0, 1)),
	PRIMARY KEY (team_id, account_id)
) STRICT;
CREATE INDEX team_member_account ON team_member(account_id);

-- Sessions are stored by the hash of their token, never the token itself.
CREATE TABLE session (
	token_hash TEXT PRIMARY KEY,
	account_id INTEGER NOT NULL REFERENCES account(id),
	csrf       TEXT NOT NULL,
	created_at INTEGER NOT NULL,
	last_seen  INTEGER NOT NULL,
	ended      INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX session_account ON session(account_id);

-- Access log: who, in what role, when, which person and case, what, on what
-- basis, outcome.  Each row's hash covers its content and the previous hash.
CREATE TABLE access_log (
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
	outcome     TEXT NOT NULL CHECK (outcome IN ('allowed', 'denied', 'failed')),
	ip          TEXT NOT NULL DEFAULT '',
	prev_hash   TEXT NOT NULL,
	hash        TEXT NOT NULL
) STRICT;
CREATE INDEX access_log_person ON access_log(person_id) WHERE person_id IS NOT NULL;
CREATE INDEX access_log_account ON access_log(account_id, at);
CREATE INDEX access_log_breakglass ON access_log(basis) WHERE basis = 'break_glass';

CREATE TRIGGER access_log_no_update BEFORE UPDATE ON access_log
BEGIN SELECT RAISE(ABORT, 'access_log is append-only'); END;
CREATE TRIGGER access_log_no_delete BEFORE DELETE ON access_log
BEGIN SELECT RAISE(ABORT, 'access_log is append-only'); END;

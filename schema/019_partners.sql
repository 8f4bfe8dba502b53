-- 019_partners.sql - the partner map, mapping invitations and the
-- multi-agency assessment (issue 15, part 1).
--
-- Partner organisations and their services are the organisation's own
-- register (no client data).  A partner professional's account belongs to
-- one partner organisation (partner_member).  Invitations and assessments
-- concern a child's case; who may see them is decided by the access layer
-- (model/access.c, access_invitation / access_assessment).  Nothing here is
-- ever deleted: an answer is written once, a view that changes is a new row.
CREATE TABLE partner_org (
	id          INTEGER PRIMARY KEY,
	county_id   INTEGER NOT NULL REFERENCES county(id),
	name        TEXT NOT NULL,
	kind        TEXT NOT NULL CHECK (kind IN ('school', 'daycare', 'child_health_clinic', 'youth_psychiatry',
	                                          'substance_mental_health', 'police', 'ngo', 'parish', 'other')),
	phone       TEXT NOT NULL DEFAULT '',
	email       TEXT NOT NULL DEFAULT '',
	address     TEXT NOT NULL DEFAULT '',
	description TEXT NOT NULL DEFAULT '',
	created_at  TEXT NOT NULL,
	UNIQUE (county_id, name)
) STRICT;

CREATE TABLE partner_service (
	id          INTEGER PRIMARY KEY,
	org_id      INTEGER NOT NULL REFERENCES partner_org(id),
	name        TEXT NOT NULL,
	description TEXT NOT NULL DEFAULT '',
	contact     TEXT NOT NULL DEFAULT '',   -- whom to ask for: a role or a name
	phone       TEXT NOT NULL DEFAULT '',
	email       TEXT NOT NULL DEFAULT '',
	UNIQUE (org_id, name)
) STRICT;

CREATE TABLE partner_member (
	account_id INTEGER PRIMARY KEY REFERENCES account(id),
	org_id     INTEGER NOT NULL REFERENCES partner_org(id)
) STRICT;
CREATE INDEX partner_member_org ON partner_member(org_id);

CREATE TABLE mapping_invitation (
	id         INTEGER PRIMARY KEY,
	case_id    INTEGER NOT NULL REFERENCES child_case(id),
	inviter_id INTEGER NOT NULL REFERENCES account(id),
	message    TEXT NOT NULL DEFAULT '',
	created_at TEXT NOT NULL
) STRICT;
CREATE INDEX mapping_invitation_case ON mapping_invitation(case_id);
CREATE INDEX mapping_invitation_inviter ON mapping_invitation(inviter_id);

-- One row per invitee; the answer (yes / maybe / no to each question) is
-- written once.
CREATE TABLE mapping_invitee (
	invitation_id  INTEGER NOT NULL REFERENCES mapping_invitation(id),
	account_id     INTEGER NOT NULL REFERENCES account(id),
	has_info       TEXT CHECK (has_info = 'yes' OR has_info = 'maybe' OR has_info = 'no'),
	shares_concern TEXT CHECK (shares_concern = 'yes' OR shares_concern = 'maybe' OR shares_concern = 'no'),
	available      TEXT CHECK (available = 'yes' OR available = 'maybe' OR available = 'no'),
	note           TEXT NOT NULL DEFAULT '',
	answered_at    TEXT,
	PRIMARY KEY (invitation_id, account_id)
) STRICT;
CREATE INDEX mapping_invitee_account ON mapping_invitee(account_id, answered_at);
CREATE TRIGGER mapping_invitee_answer_once BEFORE UPDATE ON mapping_invitee
WHEN OLD.answered_at IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'an invitation is answered once'); END;

CREATE TABLE assessment (
	id            INTEGER PRIMARY KEY,
	case_id       INTEGER NOT NULL REFERENCES child_case(id),
	title         TEXT NOT NULL DEFAULT '',
	invitation_id INTEGER UNIQUE REFERENCES mapping_invitation(id),
	created_by    INTEGER NOT NULL REFERENCES account(id),
	created_at    TEXT NOT NULL
) STRICT;
CREATE INDEX assessment_case ON assessment(case_id);

CREATE TABLE assessment_participant (
	assessment_id INTEGER NOT NULL REFERENCES assessment(id),
	account_id    INTEGER NOT NULL REFERENCES account(id),
	PRIMARY KEY (assessment_id, account_id)
) STRICT;
CREATE INDEX assessment_participant_account ON assessment_participant(account_id);

-- A participant's view of one content area (rating 1-10 and words); the
-- family's own view is recorded by a worker with the family (family = 1).
-- The newest row per (assessment, area, author, family) is the view shown.
CREATE TABLE assessment_view (
	id            INTEGER PRIMARY KEY,
	assessment_id INTEGER NOT NULL REFERENCES assessment(id),
	area          TEXT NOT NULL,
	author_id     INTEGER NOT NULL REFERENCES account(id),
	family        INTEGER NOT NULL DEFAULT 0 CHECK (family IN (0, 1)),
	rating        INTEGER CHECK (rating BETWEEN 1 AND 10),
	text          TEXT NOT NULL DEFAULT '',
	created_at    TEXT NOT NULL
) STRICT;
CREATE INDEX assessment_view_assessment ON assessment_view(assessment_id, area);
CREATE TRIGGER assessment_view_no_update BEFORE UPDATE ON assessment_view
BEGIN SELECT RAISE(ABORT, 'an assessment view is kept: record a new one'); END;
CREATE TRIGGER assessment_view_no_delete BEFORE DELETE ON assessment_view
BEGIN SELECT RAISE(ABORT, 'an assessment view is kept: record a new one'); END;

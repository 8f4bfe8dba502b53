-- 020_consent.sql - consents and legal bases for disclosure to partner
-- organisations, time-limited access of other authorities, safety blocks on
-- a parent, and matters tagged to members of the child's team.
--
-- Consents, grants and blocks change who sees what: each insert or update
-- bumps the access generation (014) in the same transaction, so the change
-- is seen by the very next request.  Nothing is deleted; a row is ended,
-- revoked or lifted once, and its other columns never change.  Disclosures
-- themselves go to the hash-chained access log (action 'disclose', the
-- basis and the consent or grant in its reason).

-- A consent (given by the child or a guardian) or a legal basis lets one
-- partner organisation see more of a child's data: fields are enum field
-- bits (model/policy.h).  organisation names the organisation as partner
-- accounts' account.organisation does; it becomes a foreign key when the
-- partner organisations have a table of their own.
CREATE TABLE consent (
	id           INTEGER PRIMARY KEY,
	child_id     INTEGER NOT NULL REFERENCES person(id),
	basis        TEXT NOT NULL CHECK (basis = 'consent' OR basis = 'cwa_25' OR basis = 'cwa_41'
	                                  OR basis = 'swa_41' OR basis = 'court_order'),
	given_by     INTEGER REFERENCES person(id),
	organisation TEXT NOT NULL CHECK (length(organisation) BETWEEN 1 AND 200),
	fields       INTEGER NOT NULL CHECK (fields > 0),
	valid_from   TEXT NOT NULL,
	valid_to     TEXT,
	note         TEXT NOT NULL DEFAULT '',
	created_at   TEXT NOT NULL,
	created_by   INTEGER NOT NULL REFERENCES account(id),
	ended_at     TEXT,
	ended_by     INTEGER REFERENCES account(id),
	CHECK (basis <> 'consent' OR given_by IS NOT NULL),
	CHECK (valid_to IS NULL OR valid_to >= valid_from),
	CHECK ((ended_at IS NULL) = (ended_by IS NULL))
) STRICT;
CREATE INDEX consent_child ON consent(child_id);

-- Another authority (police, a court, another county in a child abduction)
-- reads a child's data until expires_at: a named account, or every partner
-- account of a named organisation.
CREATE TABLE authority_grant (
	id           INTEGER PRIMARY KEY,
	child_id     INTEGER NOT NULL REFERENCES person(id),
	account_id   INTEGER REFERENCES account(id),
	organisation TEXT CHECK (organisation IS NULL OR length(organisation) BETWEEN 1 AND 200),
	fields       INTEGER NOT NULL CHECK (fields >= 0),
	reason       TEXT NOT NULL CHECK (length(reason) BETWEEN 1 AND 2000),
	expires_at   TEXT NOT NULL,
	created_at   TEXT NOT NULL,
	created_by   INTEGER NOT NULL REFERENCES account(id),
	revoked_at   TEXT,
	revoked_by   INTEGER REFERENCES account(id),
	CHECK ((account_id IS NULL) <> (organisation IS NULL)),
	CHECK (expires_at > created_at),
	CHECK ((revoked_at IS NULL) = (revoked_by IS NULL))
) STRICT;
CREATE INDEX authority_grant_child ON authority_grant(child_id);

-- A safety block: this parent sees nothing of this child, nor (through the
-- child) the other parent's data and address.  Who set it and why; who
-- lifted it and why.
CREATE TABLE safety_block (
	id         INTEGER PRIMARY KEY,
	person_id  INTEGER NOT NULL REFERENCES person(id),
	child_id   INTEGER NOT NULL REFERENCES person(id),
	reason     TEXT NOT NULL CHECK (reason = 'violence' OR reason = 'threat' OR reason = 'abduction_risk'
	                                OR reason = 'other'),
	note       TEXT NOT NULL CHECK (length(note) BETWEEN 1 AND 2000),
	set_at     TEXT NOT NULL,
	set_by     INTEGER NOT NULL REFERENCES account(id),
	lifted_at  TEXT,
	lifted_by  INTEGER REFERENCES account(id),
	lift_note  TEXT NOT NULL DEFAULT '',
	CHECK (person_id <> child_id),
	CHECK ((lifted_at IS NULL) = (lifted_by IS NULL))
) STRICT;
CREATE INDEX safety_block_person ON safety_block(person_id, child_id);
CREATE INDEX safety_block_child ON safety_block(child_id);

-- A matter a worker raises to chosen members of the child's team; each
-- recipient sees it in "my work" until they mark it seen.
CREATE TABLE tag (
	id         INTEGER PRIMARY KEY,
	case_id    INTEGER NOT NULL REFERENCES child_case(id),
	text       TEXT NOT NULL CHECK (length(text) BETWEEN 1 AND 500),
	created_at TEXT NOT NULL,
	created_by INTEGER NOT NULL REFERENCES account(id)
) STRICT;
CREATE INDEX tag_case ON tag(case_id);
CREATE TABLE tag_recipient (
	tag_id     INTEGER NOT NULL REFERENCES tag(id),
	account_id INTEGER NOT NULL REFERENCES account(id),
	seen_at    TEXT,
	PRIMARY KEY (tag_id, account_id)
) STRICT;
CREATE INDEX tag_recipient_unseen ON tag_recipient(account_id) WHERE seen_at IS NULL;

-- Never deleted; ended, revoked, lifted or seen once, nothing else changes.
CREATE TRIGGER consent_no_delete BEFORE DELETE ON consent
BEGIN SELECT RAISE(ABORT, 'consents are never deleted'); END;
CREATE TRIGGER consent_end_once BEFORE UPDATE ON consent
WHEN OLD.ended_at IS NOT NULL OR NEW.id IS NOT OLD.id OR NEW.child_id IS NOT OLD.child_id
  OR NEW.basis IS NOT OLD.basis OR NEW.given_by IS NOT OLD.given_by OR NEW.organisation IS NOT OLD.organisation
  OR NEW.fields IS NOT OLD.fields OR NEW.valid_from IS NOT OLD.valid_from OR NEW.valid_to IS NOT OLD.valid_to
  OR NEW.note IS NOT OLD.note OR NEW.created_at IS NOT OLD.created_at OR NEW.created_by IS NOT OLD.created_by
BEGIN SELECT RAISE(ABORT, 'a consent is only ended, once'); END;
CREATE TRIGGER authority_grant_no_delete BEFORE DELETE ON authority_grant
BEGIN SELECT RAISE(ABORT, 'grants are never deleted'); END;
CREATE TRIGGER authority_grant_revoke_once BEFORE UPDATE ON authority_grant
WHEN OLD.revoked_at IS NOT NULL OR NEW.id IS NOT OLD.id OR NEW.child_id IS NOT OLD.child_id
  OR NEW.account_id IS NOT OLD.account_id OR NEW.organisation IS NOT OLD.organisation
  OR NEW.fields IS NOT OLD.fields OR NEW.reason IS NOT OLD.reason OR NEW.expires_at IS NOT OLD.expires_at
  OR NEW.created_at IS NOT OLD.created_at OR NEW.created_by IS NOT OLD.created_by
BEGIN SELECT RAISE(ABORT, 'a grant is only revoked, once'); END;
CREATE TRIGGER safety_block_no_delete BEFORE DELETE ON safety_block
BEGIN SELECT RAISE(ABORT, 'safety blocks are never deleted'); END;
CREATE TRIGGER safety_block_lift_once BEFORE UPDATE ON safety_block
WHEN OLD.lifted_at IS NOT NULL OR NEW.id IS NOT OLD.id OR NEW.person_id IS NOT OLD.person_id
  OR NEW.child_id IS NOT OLD.child_id OR NEW.reason IS NOT OLD.reason OR NEW.note IS NOT OLD.note
  OR NEW.set_at IS NOT OLD.set_at OR NEW.set_by IS NOT OLD.set_by
BEGIN SELECT RAISE(ABORT, 'a safety block is only lifted, once'); END;
CREATE TRIGGER tag_no_change BEFORE UPDATE ON tag
BEGIN SELECT RAISE(ABORT, 'a tag does not change'); END;
CREATE TRIGGER tag_no_delete BEFORE DELETE ON tag
BEGIN SELECT RAISE(ABORT, 'tags are never deleted'); END;
CREATE TRIGGER tag_recipient_seen_once BEFORE UPDATE ON tag_recipient
WHEN OLD.seen_at IS NOT NULL OR NEW.tag_id IS NOT OLD.tag_id OR NEW.account_id IS NOT OLD.account_id
BEGIN SELECT RAISE(ABORT, 'a tag is marked seen once'); END;

-- Access changes: the very next request sees them.
CREATE TRIGGER access_gen_consent_insert AFTER INSERT ON consent
BEGIN UPDATE access_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER access_gen_consent_update AFTER UPDATE ON consent
BEGIN UPDATE access_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER access_gen_authority_grant_insert AFTER INSERT ON authority_grant
BEGIN UPDATE access_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER access_gen_authority_grant_update AFTER UPDATE ON authority_grant
BEGIN UPDATE access_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER access_gen_safety_block_insert AFTER INSERT ON safety_block
BEGIN UPDATE access_generation SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER access_gen_safety_block_update AFTER UPDATE ON safety_block
BEGIN UPDATE access_generation SET n = n + 1 WHERE id = 1; END;

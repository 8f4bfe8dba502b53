-- 023_family_view.sql - the family view (perhenäkymä, issue 15): the
-- services each member of a child's family uses or has used, across
-- sectors.  A service is a partner organisation's service from the partner
-- map (partner_service) or named in free text; with the worker and how to
-- reach them, from a day to a day.  Recorded in a child's case by its
-- team; who sees it is decided by the access layer (FIELD_SERVICES).
-- Nothing is deleted: a service that ends gets its end day in a new row
-- when the team records it again.
CREATE TABLE person_service (
	id             INTEGER PRIMARY KEY,
	person_id      INTEGER NOT NULL REFERENCES person(id),
	case_id        INTEGER NOT NULL REFERENCES child_case(id),  -- the case it was recorded in
	service_id     INTEGER REFERENCES partner_service(id),      -- from the partner map, or NULL
	org_name       TEXT NOT NULL DEFAULT '',                    -- free text when not from the map
	service_name   TEXT NOT NULL DEFAULT '',
	worker_name    TEXT NOT NULL DEFAULT '',
	worker_contact TEXT NOT NULL DEFAULT '',
	from_date      TEXT NOT NULL,                               -- YYYY-MM-DD
	to_date        TEXT,                                        -- NULL while it goes on
	recorded_by    INTEGER NOT NULL REFERENCES account(id),
	recorded_at    TEXT NOT NULL,
	CHECK (service_id IS NOT NULL OR service_name <> ''),
	CHECK (to_date IS NULL OR to_date >= from_date)
) STRICT;
CREATE INDEX person_service_person ON person_service(person_id, from_date);

-- 005_search_county.sql - the name index knows each person's organisation.
--
-- A search runs within the searcher's organisation.  Filtering by county only
-- after the full-text match made a common surname read every namesake in the
-- country (6,846 "Virtanen" rows at nation scale to show 50 of one county);
-- with the county as an indexed column the index intersects both first.
DROP TABLE person_fts;
CREATE VIRTUAL TABLE person_fts USING fts5(
	first_names, last_name, county_id, content='person', content_rowid='id',
	tokenize = 'unicode61', prefix = '2 3'
);
INSERT INTO person_fts(person_fts) VALUES ('rebuild');

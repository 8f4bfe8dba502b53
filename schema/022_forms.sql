-- 022_forms.sql - why a membership of the child's team ended, and who ended it.
--
-- Ending a membership is a decision someone makes for a reason (the worker
-- moved, the school year ended); the team history shows both.  Rows ended
-- before this migration have no reason ('') and no ender (NULL).
ALTER TABLE case_member ADD COLUMN end_reason TEXT NOT NULL DEFAULT '';
ALTER TABLE case_member ADD COLUMN ended_by INTEGER REFERENCES account(id);

-- 008_case_member_page.sql - the child's team in the order the child page shows it.
--
-- caseteam_list orders a case's members: current before ended, responsible,
-- pair, then the rest, newest first.  Sorting two or three rows still cost
-- a temporary B-tree a page (~16k instructions); this index holds exactly
-- that order, and caseteam_list names it with INDEXED BY (with sqlite_stat1
-- saying two rows a case, the planner kept case_member_case and the sort).
-- Its expressions must stay word for word those of that ORDER BY.
CREATE INDEX case_member_page ON case_member(case_id, to_date IS NOT NULL,
	CASE role WHEN 'responsible' THEN 0 WHEN 'pair' THEN 1 ELSE 2 END, from_date DESC, id DESC);

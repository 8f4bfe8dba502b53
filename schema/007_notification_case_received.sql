-- 007_notification_case_received.sql - a case's notifications, newest first.
--
-- The child page lists a case's notifications by received_at DESC.  With
-- only notification_case, SQLite sorted them on every page (a temporary
-- B-tree, ~6k instructions a row); this index hands them over in that order,
-- ties in row order.  notification_case stays: other queries and the
-- sqlite_stat1 of existing databases know it.
CREATE INDEX notification_case_received ON notification(case_id, received_at DESC);

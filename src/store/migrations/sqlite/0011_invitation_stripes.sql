-- PostgreSQL stripes its invitation counters here (migrations/postgres/0011) so that the
-- creations of one organization commit in parallel. SQLite has one writer: its counters of
-- 0003 stay one row per organization, and this step changes nothing.
SELECT 1;

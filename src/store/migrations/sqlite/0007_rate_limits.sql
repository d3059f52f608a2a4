-- Rate-limit counts kept in the database (store/limits.cpp). A SQLite database has one Roster
-- process, which counts in memory; the table exists so that both databases have the same
-- schema at the same version. One row per key; its window starts at the key's first event and
-- ends at reset_at (epoch milliseconds).
CREATE TABLE rate_limits (
  limit_key TEXT PRIMARY KEY,
  hits      INTEGER NOT NULL,
  reset_at  INTEGER NOT NULL
) WITHOUT ROWID;
-- Rows whose window has passed are deleted now and then.
CREATE INDEX rate_limits_reset ON rate_limits(reset_at);

-- Mirrors migrations/sqlite/0007_rate_limits.sql: rate-limit counts (failed logins, signups,
-- resends, mails per recipient, ...) that every instance on this database shares. One row per
-- key; its window starts at the key's first event and ends at reset_at (epoch milliseconds).
CREATE TABLE rate_limits (
  limit_key TEXT COLLATE "C" PRIMARY KEY,
  hits      BIGINT NOT NULL,
  reset_at  BIGINT NOT NULL
);
-- Rows whose window has passed are deleted now and then.
CREATE INDEX rate_limits_reset ON rate_limits(reset_at);

-- Secrets every instance on this database shares, e.g. the key that signs pagination cursors.
CREATE TABLE server_secrets (
  name  TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
